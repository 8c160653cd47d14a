// Where a slider move's time goes in the Places view (not a test): a CPU profile (Chrome's
// sampling profiler, 50 µs) of N prevention-slider moves with Places open, and for each move
// only the samples between the input and the Blackpool dot's update (the places-perf.mjs
// window), summed by yew component (view, reconcile) and by effects. Component names need a
// build whose wasm keeps names: data-wasm-opt-params="--low-memory-unused -g" in a copy of
// index.html, and RUSTFLAGS="-C symbol-mangling-version=v0" (README, Performance, tenth
// session). Usage: node tests/e2e/places-profile.mjs URL [places|closed] [N] [TOP] [RE] [FRAME] [DEPTH] [comp|leaf]
import { launchChromium } from './chromium.mjs';
import { movePrevention, openLancashire } from './places-measure.mjs';
const url = process.argv[2];
const mode = process.argv[3] ?? 'places';
const N = Number(process.argv[4] ?? 40);
const b = await launchChromium();
const p = await openLancashire(b, url);
let watch = '[data-metric="cumulative_cost_gbp_m"]';
if (mode === 'places') {
  await p.click('[data-control="nav-places"]');
  await p.locator('li[data-place="E06000009"]').waitFor();
  watch = 'li[data-place="E06000009"]';
}
await p.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
await p.waitForTimeout(1500);
const cdp = await p.context().newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
await cdp.send('Profiler.start');
// A 5 ms busy loop whose samples tie the profile's clock to the page's performance.now().
const calib = await p.evaluate(async () => {
  function calibMarker() { const s = performance.now(); while (performance.now() - s < 5) {} return s; }
  const at = calibMarker();
  await new Promise((r) => setTimeout(r, 50));
  return at;
});
const res = { calib, out: await p.evaluate(movePrevention, { watch, n: N }) };
const { profile } = await cdp.send('Profiler.stop');
await b.close();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
let t = profile.startTime; const ts = [];
for (let i = 0; i < profile.samples.length; i++) { t += profile.timeDeltas[i]; ts.push(t); }
const nameOf = (id) => byId.get(id).callFrame.functionName || '(anon)';
const stack = (id) => { const s = []; let c = id; while (c !== undefined) { s.push(nameOf(c)); c = parent.get(c); } return s; };
let calibTs = null;
for (let i = 0; i < ts.length; i++) if (stack(profile.samples[i]).includes('calibMarker')) { calibTs = ts[i]; break; }
const off = calibTs - res.calib * 1000; // profile µs = perf ms*1000 + off (approx, first sample)
const lat = res.out.map(([a, b]) => b - a).sort((x, y) => x - y);
console.log(`moves ${N}: latency median ${lat[N >> 1].toFixed(2)} p90 ${lat[Math.floor(N * 0.9)].toFixed(2)} max ${lat[N - 1].toFixed(2)}`);
const short = (n) => n.replace(/::h[0-9a-f]{16}/g, '').replace(/<yew::html::component::lifecycle::CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::/, 'Comp::').replace(/yew::functional::hooks::use_effect::<impl yew::functional::Effect for core::cell::RefCell<yew::functional::hooks::use_effect::UseEffectBase<.*/, 'use_effect').slice(0, 140);
const incl = new Map(); let winTotal = 0;
const perMove = [];
for (const [a, bb] of res.out) {
  const lo = a * 1000 + off, hi = bb * 1000 + off; let sum = 0; const mine = new Map();
  for (let i = 0; i < ts.length; i++) {
    if (ts[i] < lo || ts[i] > hi) continue;
    const d = profile.timeDeltas[i + 1] ?? 0; sum += d;
    for (const k of new Set(stack(profile.samples[i]))) { incl.set(k, (incl.get(k) ?? 0) + d); mine.set(k, (mine.get(k) ?? 0) + d); }
  }
  winTotal += sum; perMove.push([bb - a, mine]);
}
const short0 = (n) => n.replace(/::h[0-9a-f]{16}/g, '').replace(/<yew::html::component::lifecycle::CompStateInner<COMP> as yew::html::component::lifecycle::Stateful>::/, 'Comp::').slice(0, 140);
const paths = new Map();
for (const [a, bb] of res.out) { const lo = a * 1000 + off, hi = bb * 1000 + off;
  for (let i = 0; i < ts.length; i++) { if (ts[i] < lo || ts[i] > hi) continue; const d = profile.timeDeltas[i + 1] ?? 0;
    const st = stack(profile.samples[i]).reverse(); const k = st.findIndex((f) => f.includes(process.argv[7] ?? 'Comp::rendered'));
    if (k < 0) continue; const key = process.argv[9] === 'comp' ? (st.slice(k + 1).map((f) => (f.match(/CompStateInner<ics_whatif_web\[\w+\]::ui::\w+::(\w+)>/) || [])[1]).find(Boolean) + ' > ' + st.slice(-2).map((f) => short(f).slice(-70)).join(' > ')) : (process.argv[9] === 'leaf' ? st.slice(-Number(process.argv[8] ?? 6)) : st.slice(k + 1, k + 1 + Number(process.argv[8] ?? 6))).map((f) => short(f).slice(0, 90)).join(' > ');
    paths.set(key, (paths.get(key) ?? 0) + d); } }
const compAcc = new Map();
for (const [a, bb] of res.out) { const lo = a * 1000 + off, hi = bb * 1000 + off; let cur = '?';
  for (let i = 0; i < ts.length; i++) { if (ts[i] < lo || ts[i] > hi) continue; const d = profile.timeDeltas[i + 1] ?? 0;
    const st = stack(profile.samples[i]).reverse(); const r = st.findIndex((f) => /RenderRunner as yew|RenderedRunner as yew/.test(f));
    let key;
    if (r < 0) { cur = '?'; key = st.some((f) => /AppState.*apply|::apply/.test(f)) ? '(reducer: model runs)' : '(outside render: ' + short(st[Math.min(st.length - 1, 8)] ?? '').slice(0, 60) + ')'; }
    else { const comp = st.slice(r).map((f) => f.match(/CompStateInner<ics_whatif_web\[\w+\]::ui::(\w+)::(\w+)>/)).find(Boolean); if (comp) cur = comp[2];
      key = /RenderedRunner/.test(st[r]) ? 'rendered/effects ' + cur : cur + (st.some((f) => f.includes('Reconcilable')) ? ' reconcile' : ' view'); }
    compAcc.set(key, (compAcc.get(key) ?? 0) + d); } }
console.log('--- by component (in windows) ---'); for (const [k, v] of [...compAcc].sort((x, y) => y[1] - x[1]).slice(0, 30)) console.log(`${(v / 1000 / N).toFixed(2).padStart(7)}  ${k}`);
console.log('--- paths ---'); for (const [k, v] of [...paths].sort((x, y) => y[1] - x[1]).slice(0, 40)) console.log(`${(v / 1000 / N).toFixed(2).padStart(7)}  ${k}`);
console.log(`sampled in windows: ${(winTotal / 1000 / N).toFixed(2)} ms/move`);
for (const [k, v] of [...incl].filter(([k]) => new RegExp(process.argv[6] ?? ".").test(k)).sort((x, y) => y[1] - x[1]).slice(0, Number(process.argv[5] ?? 60))) console.log(`${(v / 1000 / N).toFixed(2).padStart(7)} ms/move  ${short(k)}`);
// slowest 4 moves: top items
perMove.sort((x, y) => y[0] - x[0]);
for (const [l, m] of perMove.slice(0, 4)) {
  console.log(`\n-- a slow move: ${l.toFixed(1)} ms`);
  for (const [k, v] of [...m].sort((x, y) => y[1] - x[1]).slice(0, 25)) console.log(`${(v / 1000).toFixed(2).padStart(7)} ms  ${short(k)}`);
}
