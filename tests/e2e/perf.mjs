// Browser timing: drags a lever's slider with the mouse (real input through the DevTools
// protocol, as a user's drag arrives) and records how long each move takes to reach the
// screen, in a 1280x720 window and in one tall enough to show every chart. Not a test (timings vary by machine); it writes the figures to
// benches/web-latency.md. Run against a served release build:
//   node tests/e2e/perf.mjs http://127.0.0.1:8080/
//
// How Chrome delivers a drag: pointer moves are queued and dispatched once a frame, at the
// start of the frame, just before its animation callbacks; the page then has the rest of the
// frame to run the model, redraw and be painted. So, per move:
// - input to painted frame: from the page receiving the move (its `pointermove` dispatch)
//   to the end of the frame that shows the result (a task posted from that frame's
//   animation callback runs once the frame has been painted and committed);
// - input to last chart drawn: the app's own `data-render-ms` (src/ui/timing.rs): model
//   run, render and every chart's redraw, without the browser's style, layout and paint;
// - wait for the frame: from the move's creation to its dispatch, the browser aligning
//   input to frames. Every page pays it and no page can shorten it, so it is reported
//   beside the latency, not inside it.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const url = process.argv[2] ?? process.env.ICS_E2E_URL;
if (!url) {
  console.error('usage: node tests/e2e/perf.mjs URL');
  process.exit(2);
}
const MOVES = 240;
const LEVER = 'recruitment_pct';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'benches', 'web-latency.md');

// Two windows: a laptop or projector (1280x720, two of the ten charts in view), and one tall
// enough that every chart is in view (the most a move can cost).
const WINDOWS = [
  { width: 1280, height: 720, what: 'two of the ten charts in view' },
  { width: 1280, height: 4000, what: 'all ten charts in view' },
];

const stats = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};

const browser = await launchChromium();
let wasm = 0;

/** Drags the slider in a window of this size; the three figures' statistics. */
async function measure({ width, height }) {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(url);
  const slider = page.locator(`input[data-lever="${LEVER}"]`);
  await slider.waitFor();
  await page.waitForFunction(() => /all 200 runs/.test(document.querySelector('[data-control="mc-status"]').textContent), null, { timeout: 60000 });
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();

  await page.evaluate(() => {
    const root = document.querySelector('.page');
    window.__moves = [];
    let value = null;
    addEventListener(
      'pointermove',
      (e) => {
        const t0 = performance.now();
        const waited = t0 - e.timeStamp;
        const slider = document.querySelector('input[data-lever="recruitment_pct"]');
        requestAnimationFrame(() => {
          const done = new MessageChannel();
          done.port1.onmessage = () => {
            // Only moves that changed the lever (a new model run) count.
            if (value !== null && slider.value !== value) {
              window.__moves.push({ painted: performance.now() - t0, waited, drawn: Number(root.dataset.renderMs) });
            }
            value = slider.value;
          };
          done.port2.postMessage(0);
        });
      },
      { capture: true },
    );
  });

  // Sweep the thumb back and forth across the middle of the track, about 1.5 steps a move.
  const y = box.y + box.height / 2;
  const xAt = (i) => {
    const phase = (i % 80) / 40;
    const f = phase <= 1 ? phase : 2 - phase;
    return box.x + box.width * (0.1 + 0.8 * f);
  };
  await page.mouse.move(xAt(0), y);
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) await page.mouse.move(xAt(i), y);
  await page.mouse.up();
  await page.waitForTimeout(300);
  const samples = await page.evaluate(() => window.__moves);
  wasm = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.encodedBodySize ?? 0);
  await page.close();
  if (samples.length < 200) {
    console.error(`perf: only ${samples.length} moves changed the lever; need at least 200`);
    process.exit(1);
  }
  return {
    painted: stats(samples.map((s) => s.painted)),
    drawn: stats(samples.map((s) => s.drawn)),
    waited: stats(samples.map((s) => s.waited)),
  };
}

const results = [];
for (const w of WINDOWS) results.push({ ...w, ...(await measure(w)) });
await browser.close();

const row = (name, s) => `| ${name} | ${s.n} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} |`;
const table = (r) => `### ${r.width}x${r.height}: ${r.what}

| figure (ms) | moves | median | p95 | max |
|---|---|---|---|---|
${row('input to painted frame', r.painted)}
${row('input to last chart drawn (data-render-ms)', r.drawn)}
${row('wait for the frame (browser, before the page sees the move)', r.waited)}
`;
const report = `# Web app timing

Measured by \`node tests/e2e/perf.mjs URL\` on ${new Date().toISOString().slice(0, 10)}: the release
build in headless Chromium (software rendering, \`--disable-gpu\`), device pixel ratio 1, England,
a mouse drag of the \`${LEVER}\` slider back and forth (${MOVES} moves through the DevTools
protocol, so Chrome queues and dispatches them as it does a user's), after the Monte Carlo fan
had finished. Each move that changes the lever re-runs the model and redraws the charts in view.

${results.map(table).join('\n')}
Input to painted frame runs from the page receiving the move to the end of the frame that shows
its result, painted and committed. A 60 Hz frame is 16.7 ms: under that, every move is on screen
in the frame it arrived in. The wait for the frame is Chrome aligning input to frames; every
page pays it. The Monte Carlo restarts 60 ms after the last move and runs in chunks of 25 runs
between frames, so it does not enter these figures while a slider moves.
Machine: ${process.platform}, node ${process.version}. Wasm as served (uncompressed): ${(wasm / 1024).toFixed(0)} KB.
`;
writeFileSync(out, report);
console.log(report);
