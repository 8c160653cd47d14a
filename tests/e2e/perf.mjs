// Browser timing: moves a lever 200 times and records how long each move takes to reach the
// screen. Not a test (timings vary by machine); it writes the figures to
// benches/web-latency.md. Run against a served release build:
//   node tests/e2e/perf.mjs http://127.0.0.1:8080/
//
// Two figures per move:
// - input to painted frame: from dispatching the slider's `input` event to the first frame
//   after it (requestAnimationFrame, then a task, runs after that frame is painted);
// - input to last chart drawn: the app's own `data-render-ms` (src/ui/timing.rs): model
//   run, render and every chart's redraw, without the browser's compositing.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';

const url = process.argv[2] ?? process.env.ICS_E2E_URL;
if (!url) {
  console.error('usage: node tests/e2e/perf.mjs URL');
  process.exit(2);
}
const MOVES = 200;
const LEVER = 'recruitment_pct';
const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'benches', 'web-latency.md');

const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
await page.goto(url);
await page.waitForSelector(`input[data-lever="${LEVER}"]`);
await page.waitForFunction(() => /all 200 runs/.test(document.querySelector('[data-control="mc-status"]').textContent), null, { timeout: 60000 });

const samples = await page.evaluate(
  async ([key, moves]) => {
    const slider = document.querySelector(`input[data-lever="${key}"]`);
    const root = document.querySelector('.page');
    const nextPaint = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    const out = [];
    for (let i = 0; i < moves; i++) {
      // Sweep up and down the range in steps of 1%, as a drag would.
      const v = Math.abs(((i + 1) % 100) - 50);
      slider.value = String(v);
      const t0 = performance.now();
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await nextPaint();
      const painted = performance.now() - t0;
      out.push({ painted, drawn: Number(root.dataset.renderMs) });
    }
    return out;
  },
  [LEVER, MOVES],
);
const wasm = await page.evaluate(() => performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'))?.encodedBodySize ?? 0);
await browser.close();

const stats = (xs) => {
  const s = [...xs].filter(Number.isFinite).sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
  return { n: s.length, median: q(0.5), p95: q(0.95), max: s[s.length - 1] };
};
const painted = stats(samples.map((s) => s.painted));
const drawn = stats(samples.map((s) => s.drawn));
const row = (name, s) => `| ${name} | ${s.n} | ${s.median.toFixed(1)} | ${s.p95.toFixed(1)} | ${s.max.toFixed(1)} |`;
const report = `# Web app timing

Measured by \`node tests/e2e/perf.mjs URL\` on ${new Date().toISOString().slice(0, 10)}: the release
build in headless Chromium (software rendering, \`--disable-gpu\`), 1280x720, device pixel ratio 1,
England, ${MOVES} moves of the \`${LEVER}\` slider (a sweep in 1% steps), after the Monte Carlo
fan had finished. Each move re-runs the model and redraws all ten charts.

| figure (ms) | moves | median | p95 | max |
|---|---|---|---|---|
${row('input to painted frame', painted)}
${row('input to last chart drawn (data-render-ms)', drawn)}

A 60 Hz frame is 16.7 ms. The Monte Carlo restarts 60 ms after the last move and runs in chunks
of 25 runs between frames, so it does not enter these figures while a slider moves.
Machine: ${process.platform}, node ${process.version}. Wasm as served (uncompressed): ${(wasm / 1024).toFixed(0)} KB.
`;
writeFileSync(out, report);
console.log(report);
