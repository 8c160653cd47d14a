// Browser timing for the Places and All systems views (not a test: timings vary by machine).
// A lever moved 20 times (40 ms apart, as a drag's moves arrive, before the fan starts),
// input to the page updated (a MutationObserver sees the change), for Lancashire and South
// Cumbria with the panels closed, with Places open, and with both open; and the cost of the
// 42 ICBs' runs as the All systems panel reports it. Run against a served release build:
//   node tests/e2e/places-perf.mjs http://127.0.0.1:8105/
import { launchChromium } from './chromium.mjs';
import { movePrevention, openLancashire } from './places-measure.mjs';
const url = process.argv[2] ?? process.env.ICS_E2E_URL ?? 'http://127.0.0.1:8105/';
const b = await launchChromium();
const p = await openLancashire(b, url);
const measure = async (watch) =>
  (await p.evaluate(movePrevention, { watch, n: 20 })).map(([t0, t1]) => t1 - t0).sort((a, b) => a - b);
const fmt = (xs) => `median ${xs[10].toFixed(2)} ms, 90th ${xs[18].toFixed(2)} ms, max ${xs[19].toFixed(2)} ms`;
// Scrolled to the bottom, panels closed: the headline changes. (The extra-spending headline:
// life expectancy at the opening month reads the same to a tenth at £30 and £60 a head, so
// watching it timed out and printed NaN.)
await p.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
console.log('panels closed, input to DOM updated (headline):', fmt(await measure('[data-metric="cumulative_cost_gbp_m"]')));
await p.click('[data-control="nav-places"]');
await p.locator('li[data-place="E06000009"]').waitFor();
await p.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
console.log('places open, input to DOM updated (Blackpool dot):', fmt(await measure('li[data-place="E06000009"]')));
await p.click('[data-control="nav-all-systems"]');
await p.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 120000 });
console.log('all systems first open:', await p.locator('[data-control="all-systems-status"]').innerText());
await p.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
console.log('places + all systems open, input to DOM updated (Blackpool dot):', fmt(await measure('li[data-place="E06000009"]')));
await p.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 120000 });
console.log('all systems after the moves:', await p.locator('[data-control="all-systems-status"]').innerText());
await b.close();
