// Places view slider latency, two builds side by side (not a test: timings vary by machine).
// The places-perf.mjs measure (Lancashire and South Cumbria, Places open, the prevention
// slider moved 40 ms apart, input to the Blackpool dot updated, a MutationObserver), on two
// served builds in one Chromium, alternating ROUNDS rounds of MOVES moves each, so load
// falls on both alike. Prints each round and the pooled median, 90th percentile and mean.
//   node tests/e2e/places-ab.mjs URL_BEFORE URL_AFTER [ROUNDS] [MOVES] [places|closed]
// Run Chromium at high priority on a shared machine: nice -n -19 node ...
import { launchChromium } from './chromium.mjs';
import { movePrevention, openLancashire } from './places-measure.mjs';
const [A, B] = [process.argv[2], process.argv[3]];
const ROUNDS = Number(process.argv[4] ?? 4), MOVES = Number(process.argv[5] ?? 30);
const mode = process.argv[6] ?? 'places';
const b = await launchChromium();
async function open(url) {
  const p = await openLancashire(b, url);
  if (mode === 'places') {
    await p.click('[data-control="nav-places"]');
    await p.locator('li[data-place="E06000009"]').waitFor();
  }
  await p.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  await p.waitForTimeout(2000);
  return p;
}
const watch = mode === 'places' ? 'li[data-place="E06000009"]' : '[data-metric="cumulative_cost_gbp_m"]';
const measure = async (p) =>
  (await p.evaluate(movePrevention, { watch, n: MOVES })).map(([t0, t1]) => t1 - t0);
const pa = await open(A), pb = await open(B);
const all = { A: [], B: [] };
const q = (xs, f) => { const s = [...xs].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(f * s.length))]; };
for (let r = 0; r < ROUNDS; r++) {
  for (const [k, p] of r % 2 ? [['B', pb], ['A', pa]] : [['A', pa], ['B', pb]]) {
    await p.bringToFront();
    const xs = await measure(p);
    all[k].push(...xs);
    console.log(`round ${r} ${k}: median ${q(xs, 0.5).toFixed(1)} p90 ${q(xs, 0.9).toFixed(1)}`);
  }
}
for (const k of ['A', 'B']) console.log(`${k} (${k === 'A' ? A : B}): n=${all[k].length} median ${q(all[k], 0.5).toFixed(2)} p90 ${q(all[k], 0.9).toFixed(2)} mean ${(all[k].reduce((s, x) => s + x, 0) / all[k].length).toFixed(2)}`);
await b.close();
