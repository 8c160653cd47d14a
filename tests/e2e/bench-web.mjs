// The model's speed in headless Chromium and the app's cold start; writes
// benches/web-results.md. Not a test (node --test skips this name): scripts/bench-web.sh
// builds both pages, serves them and runs
//   BENCH_URL=... APP_URL=... APP_DIST=... node tests/e2e/bench-web.mjs
import { readFileSync, readdirSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { launchChromium } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { BENCH_URL, APP_URL, APP_DIST } = process.env;
const OUT = process.env.OUT ?? join(root, 'benches', 'web-results.md');
const COLD_LOADS = Number(process.env.COLD_LOADS ?? 7);
if (!BENCH_URL || !APP_URL || !APP_DIST) {
  console.error('set BENCH_URL, APP_URL and APP_DIST (scripts/bench-web.sh does)');
  process.exit(2);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

const browser = await launchChromium();
try {
  // 1. The model in wasm.
  const benchPage = await browser.newPage();
  await benchPage.goto(BENCH_URL);
  await benchPage.waitForSelector('#bench[data-done]', { timeout: 300_000 });
  const wasm = JSON.parse(await benchPage.locator('#bench').innerText());
  await benchPage.close();

  // 2. Time to first chart on a cold load: a fresh context each time (no cache, no service
  //    worker), from navigation start to the first chart canvas sized and drawn.
  const firstChart = [];
  for (let i = 0; i < COLD_LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(APP_URL, { waitUntil: 'commit' });
    await page.waitForFunction(
      () => {
        const c = document.querySelector('canvas[data-chart]');
        return c && c.width > 300;
      },
      null,
      { polling: 'raf', timeout: 60_000 },
    );
    // The frame after the draw: the chart is on screen.
    firstChart.push(await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))));
    await context.close();
  }

  // 3. The release wasm's size.
  const wasmFile = readdirSync(APP_DIST).find((f) => f.endsWith('.wasm'));
  const raw = statSync(join(APP_DIST, wasmFile)).size;
  const gz = gzipSync(readFileSync(join(APP_DIST, wasmFile)), { level: 9 }).length;

  // 4. Native figures, when scripts/bench.sh has written them.
  const native = {};
  const nativeFile = join(root, 'benches', 'results.md');
  if (existsSync(nativeFile)) {
    for (const line of readFileSync(nativeFile, 'utf8').split('\n')) {
      const m = line.match(/^\|\s*([^|]+?)\s*\|\s*([\d.]+)\s*(µs|ms)\s*\|/);
      if (m) native[m[1]] = Number(m[2]) * (m[3] === 'ms' ? 1000 : 1); // µs
    }
  }
  const nativeDet = native['deterministic_10y'];
  const nativeMc = native['monte_carlo_10y/1000'];
  const ratio = (wasmUs, nativeUs) => (nativeUs ? `${(wasmUs / nativeUs).toFixed(2)}x` : 'n/a (run `bash scripts/bench.sh`)');
  const fmtUs = (us) => (us === undefined ? 'n/a' : us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${us.toFixed(1)} µs`);

  const version = browser.version();
  const date = new Date().toISOString().slice(0, 10);
  const md = `# Web benchmarks

\`bash scripts/bench-web.sh\`, ${date}, headless Chromium ${version}, ${cpus().length} cores, release build
(web/: the app at opt-level z, the model at 3, LTO, wasm-opt -Oz: what users get). Native figures from benches/results.md
(\`bash scripts/bench.sh\`, opt-level 3).

| measure | wasm (Chromium) | native | wasm / native |
|---|---|---|---|
| deterministic 10-year England run, median of ${wasm.deterministic_batches} batches (${wasm.deterministic_runs} runs) | ${fmtUs(wasm.deterministic_10y_median_us)} (fastest batch ${fmtUs(wasm.deterministic_10y_min_us)}) | ${fmtUs(nativeDet)} (mean) | ${ratio(wasm.deterministic_10y_median_us, nativeDet)} |
| 1,000-run Monte Carlo, 10 years, median of ${wasm.monte_carlo_repeats} | ${wasm.monte_carlo_1000_median_ms.toFixed(1)} ms (fastest ${wasm.monte_carlo_1000_min_ms.toFixed(1)} ms) | ${fmtUs(nativeMc)} (mean) | ${ratio(wasm.monte_carlo_1000_median_ms * 1000, nativeMc)} |

| app | value |
|---|---|
| time to first chart, cold load (navigation start to the chart drawn), median of ${COLD_LOADS} | ${median(firstChart).toFixed(0)} ms (range ${Math.min(...firstChart).toFixed(0)}-${Math.max(...firstChart).toFixed(0)} ms) |
| release wasm (${wasmFile.replace(/-[0-9a-f]{8,}(?=_bg)/, '-HASH')}) | ${(raw / 1024).toFixed(0)} KB raw, ${(gz / 1024).toFixed(0)} KB gzipped (gzip -9) |

Served by \`python3 -m http.server\` on 127.0.0.1 (no compression, no network latency): the
cold-load figure is download-free start-up, parse, compile, the first model run and the first
draw.
`;
  writeFileSync(OUT, md);
  console.log(md);
} finally {
  await browser.close();
}
