// End-to-end (eighth session, brief5): today's date on the charts, the board brief's ranges
// for differences, and the Places export's whiskers.
// - Issue 14.5, "marks today's date on the charts": beside "Last published: March 2025" the
//   charts mark "Today (December 2026)" from the computer's clock, only when today falls
//   after the last published month and inside the chart; the legend says the months between
//   are projected. Labels do not overlap each other nor the target labels, at 1280x720,
//   1920x1080 and 390x844 (read from the boxes the chart drew). The exports and the brief's
//   charts carry the mark. The clock is fixed by Playwright (`context.clock.setFixedTime`),
//   so no test depends on the real date.
// - The brief's "Difference: 80% range (paired runs)": each run pairs the scenario with
//   current plans under the same drawn assumptions; the range holds the central difference
//   and equals the native computation (`examples/brief_difference.rs`; set
//   BRIEF_DIFFERENCE_BIN, or it runs target/{debug,release}/examples/brief_difference).
// - Issue 13.4: the Places panel's SVG export draws each place's 80% range as the panel does,
//   with the runs and seed in its key and the header every export carries.
//   ICS_E2E_URL=http://127.0.0.1:8102/ node --test tests/e2e/brief5.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useChromium, appUrl, artifacts, collectErrors } from './chromium.mjs';
import { pageCount, pdfText, squash } from './pdf.mjs';

const MC_DONE = () => /all 200 runs/.test(document.querySelector('[data-control="mc-status"]')?.textContent);
const WEEKS = 'within_18_weeks_pct';
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const chrome = useChromium();

/** A fresh profile at this size, its clock fixed at `now` (an ISO date), on `address`. */
async function open(width, height, errors, { now = '2026-12-01T12:00:00Z', address = appUrl } = {}) {
  const context = await chrome.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  await context.clock.setFixedTime(new Date(now));
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(address);
  await page.waitForSelector(`canvas[data-chart="${WEEKS}"]`);
  await page.waitForFunction(MC_DONE, null, { timeout: 90000 });
  return page;
}

/** The labels a chart drew on its canvas (data-label-boxes: "x,y,w,h|text;..."). */
async function labelsOf(page, key) {
  const sel = `canvas[data-chart="${key}"]`;
  await page.locator(sel).scrollIntoViewIfNeeded();
  await page.waitForFunction((s) => document.querySelector(s).dataset.labelBoxes, sel);
  return page.$eval(sel, (c) =>
    (c.dataset.labelBoxes || '').split(';').filter(Boolean).map((s) => {
      const [b, text] = s.split('|');
      const [x, y, w, h] = b.split(',').map(Number);
      return { text, x, y, w, h };
    }));
}

const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

function assertApart(labels, what) {
  for (let i = 0; i < labels.length; i++) {
    for (const b of labels.slice(i + 1)) {
      assert.ok(!overlaps(labels[i], b), `${what}: “${labels[i].text}” overlaps “${b.text}”`);
    }
  }
}

test('the charts mark today with its month beside the last published month, labels apart, at three sizes', async () => {
  const errors = [];
  for (const [width, height] of [[1280, 720], [1920, 1080], [390, 844]]) {
    const page = await open(width, height, errors);
    for (const key of [WEEKS, 'waiting_list']) {
      const labels = await labelsOf(page, key);
      const texts = labels.map((l) => l.text);
      const today = texts.find((t) => t.startsWith('Today'));
      // Whole where the plot has room between the marks' lines, else "Today" (the legend
      // under the chart then gives its month).
      assert.ok(today === 'Today (December 2026)' || today === 'Today', `${width} ${key}: ${texts.join(' / ')}`);
      assert.ok(texts.some((t) => t.startsWith('Last published')), `${width} ${key}: ${texts.join(' / ')}`);
      assertApart(labels, `${width} ${key}`);
      // The 18-week chart's target labels are among them, and kept.
      if (key === WEEKS) assert.ok(texts.some((t) => /^March 2029/.test(t)), texts.join(' / '));
      // The legend says what the months between are.
      const figure = page.locator('figure.chart', { has: page.locator(`canvas[data-chart="${key}"]`) });
      assert.match(await figure.locator('[data-legend="today"]').innerText(),
        /^Today \(December 2026\): the months after March 2025 are projected; no published figures after March 2025 are loaded$/);
    }
    const figure = page.locator('figure.chart', { has: page.locator(`canvas[data-chart="${WEEKS}"]`) });
    await figure.scrollIntoViewIfNeeded();
    await figure.screenshot({ path: join(artifacts, `brief5-today-weeks-${width}.png`) });
    await page.screenshot({ path: join(artifacts, `brief5-today-page-${width}x${height}.png`) });
    await page.context().close();
  }
  assert.deepEqual(errors, []);
});

test('no Today mark when the clock is at the last published month or past the projection', async () => {
  const errors = [];
  for (const now of ['2025-03-20T12:00:00Z', '2040-06-01T12:00:00Z']) {
    const page = await open(1280, 720, errors, { now });
    const texts = (await labelsOf(page, WEEKS)).map((l) => l.text);
    assert.ok(!texts.some((t) => t.startsWith('Today')), `${now}: ${texts.join(' / ')}`);
    assert.ok(texts.some((t) => t.startsWith('Last published')), `${now}: ${texts.join(' / ')}`);
    assert.equal(await page.locator('[data-legend="today"]').count(), 0, now);
    await page.context().close();
  }
  // Another date moves the mark: the label follows the clock's month.
  const page = await open(1280, 720, errors, { now: '2027-07-15T12:00:00Z' });
  const texts = (await labelsOf(page, WEEKS)).map((l) => l.text);
  assert.ok(texts.includes('Today (July 2027)') || texts.includes('Today'), texts.join(' / '));
  assert.match(await page.locator('[data-legend="today"]').first().innerText(), /^Today \(July 2027\): /);
  await page.context().close();
  assert.deepEqual(errors, []);
});

test('the exported SVG and PNG and the brief\'s charts carry the Today mark and say what it is', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export-svg="${WEEKS}"]`)]);
  const raw = readFileSync(await svg.path(), 'utf8');
  writeFileSync(join(artifacts, 'brief5-export-weeks.svg'), raw);
  const text = svgText(raw);
  assert.ok(text.includes('Today (December 2026)'), 'the mark in the SVG');
  // "Last published" alone where its whole label would lie across the 65% target's and
  // today's lines (places6: no label crosses a mark's line); the axis's 2025 sits under it.
  assert.ok(text.includes('Last published'), 'the last published month in the SVG');
  assert.ok(/grey verticals: the last published month, today,/.test(text), 'the legend names the marks');
  assert.ok(text.includes('no published figures after March 2025 are loaded'), 'the legend says the months between are projected');
  const [png] = await Promise.all([page.waitForEvent('download'), page.click(`[data-export-png="${WEEKS}"]`)]);
  copyFileSync(await png.path(), join(artifacts, 'brief5-export-weeks.png'));
  assert.ok(readFileSync(await png.path()).length > 20000);

  await page.click('[data-control="open-brief"]');
  await page.waitForSelector('[data-brief-chart] img');
  const srcs = await page.$$eval('[data-brief-chart] img', (imgs) => imgs.map((i) => decodeURIComponent(i.getAttribute('src'))));
  assert.equal(srcs.length, 3);
  for (const src of srcs) assert.match(svgText(src), /(^| )Today( \(December 2026\))?( |$)/, 'each brief chart marks today');
  assert.match(await page.locator('[data-control="brief-legend"]').innerText(), /today, March 2029.*Today \(December 2026\): the months after March 2025 are projected/);
  await page.context().close();
  assert.deepEqual(errors, []);
});

/** The native paired runs for a link at a month, or null without the example's binary. */
function native(query, month) {
  const candidates = [process.env.BRIEF_DIFFERENCE_BIN, join(root, 'target', 'release', 'examples', 'brief_difference'),
    join(root, 'target', 'debug', 'examples', 'brief_difference')].filter(Boolean);
  const bin = candidates.find((b) => existsSync(b));
  if (!bin) return null;
  return JSON.parse(execFileSync(bin, [query, String(month)], { encoding: 'utf8' }));
}

test('the brief gives each difference from current plans an 80% range from paired runs, as computed natively', async () => {
  const errors = [];
  const query = 'v=1&ics=england&recruitment_pct=20&month=2029-03';
  const page = await open(1280, 900, errors, { address: `${appUrl}?${query}` });
  await page.click('[data-control="open-brief"]');
  await page.waitForSelector('[data-brief-chart] img');
  await page.waitForFunction(() => /pair each of the 200 runs/.test(document.querySelector('[data-control="brief-paired-runs"]')?.textContent), null, { timeout: 90000 });
  assert.equal(await page.locator('[data-control="brief-difference-head"]').innerText(), 'Difference: 80% range (paired runs)');
  const rows = await page.$$eval('tr[data-brief-metric]', (trs) => trs.map((tr) => {
    const cell = tr.querySelector('.brief-difference-range');
    return {
      key: tr.dataset.briefMetric,
      difference: Number(tr.querySelector('[data-difference]').dataset.difference),
      lo: Number(cell.dataset.lo),
      hi: Number(cell.dataset.hi),
      text: cell.innerText,
    };
  }));
  assert.ok(rows.length >= 8, `${rows.length} rows`);
  for (const r of rows) {
    const slack = 1e-9 * Math.max(1, Math.abs(r.difference));
    assert.ok(r.lo - slack <= r.difference && r.difference <= r.hi + slack, `${r.key}: ${r.lo} ≤ ${r.difference} ≤ ${r.hi}`);
  }
  const list = rows.find((r) => r.key === 'waiting_list');
  assert.ok(list.hi < 0, 'a recruitment drive shortens the list in 8 in 10 paired runs');
  assert.match(list.text, /^[\d.]+[km]? to [\d.]+[km]? lower; better in \d+ of 200 runs$/);
  const reference = native(query, 48);
  if (reference) {
    assert.equal(reference.runs, 200);
    assert.equal(reference.seed, 2025);
    for (const r of rows) {
      const n = reference.metrics[r.key];
      const near = (a, b) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));
      assert.ok(near(r.lo, n.p10) && near(r.hi, n.p90), `${r.key}: page ${r.lo}..${r.hi}, native ${n.p10}..${n.p90}`);
      assert.ok(near(r.difference, n.difference), `${r.key}: ${r.difference} against ${n.difference}`);
      const better = r.text.match(/better in (\d+) of 200/);
      if (better) assert.ok([n.higher, n.lower].includes(Number(better[1])), `${r.key}: ${r.text}`);
    }
  } else {
    console.log('# no brief_difference binary (cargo build --example brief_difference): native comparison skipped');
  }
  // Paper: at most two A4 pages, holding the range as shown.
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(artifacts, 'brief5-brief.pdf'), pdf);
  const pages = pageCount(pdf);
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
  assert.ok(squash(pdfText(pdf)).includes(squash(list.text)), `the PDF holds “${list.text}”`);
  assert.ok(squash(pdfText(pdf)).includes(squash('Today (December 2026)')), 'the PDF holds the Today note');
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(artifacts, 'brief5-brief-print.png'), fullPage: true });
  await page.context().close();
  assert.deepEqual(errors, []);
});

test('the brief of current plans gives no difference ranges and runs no pairs', async () => {
  const errors = [];
  const page = await open(1280, 900, errors, { address: `${appUrl}?v=1&ics=england` });
  await page.click('[data-control="open-brief"]');
  await page.waitForSelector('[data-brief-chart] img');
  assert.equal(await page.locator('[data-control="brief-paired-runs"]').count(), 0);
  const cells = await page.$$eval('.brief-difference-range', (cs) => cs.map((c) => c.innerText.trim()));
  assert.ok(cells.length >= 8 && cells.every((c) => c === '\u2013'), cells.join(' | '));
  await page.context().close();
  assert.deepEqual(errors, []);
});

test('the Places export draws each place\'s 80% range as the panel does, with the export header', async () => {
  const errors = [];
  const page = await open(1280, 720, errors, { address: `${appUrl}?v=1&ics=QE1&prevention_gbp_per_head=20` });
  const panel = '[data-panel="places"]';
  await page.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  await page.click('[data-control="places"]');
  await page.waitForSelector(`${panel} .places-row`);
  // Every place with a published figure gets its range once the places' runs are done.
  const rows = await page.locator(`${panel} .places-row[data-scenario]`).count();
  let last = null;
  for (let i = 0; i < 60; i++) {
    await page.waitForTimeout(500);
    const now = await page.$$eval(`${panel} .places-range`, (rs) => rs.map((r) => `${r.dataset.lo},${r.dataset.hi}`).join(';'));
    if (now && now === last && now.split(';').length === rows) break;
    last = now;
  }
  const shown = await page.$$eval(`${panel} .places-row`, (rs) => Object.fromEntries(rs
    .filter((r) => r.querySelector('.places-range'))
    .map((r) => [r.dataset.place, [r.querySelector('.places-range').dataset.lo, r.querySelector('.places-range').dataset.hi]])));
  assert.ok(Object.keys(shown).length >= 5, JSON.stringify(shown));

  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-svg="places"]')]);
  const raw = readFileSync(await svg.path(), 'utf8');
  writeFileSync(join(artifacts, 'brief5-places.svg'), raw);
  const text = svgText(raw);
  const whiskers = Object.fromEntries([...raw.matchAll(/<g class="range" data-place="([^"]+)" data-lo="([^"]+)" data-hi="([^"]+)"/g)]
    .map((m) => [m[1], [m[2], m[3]]]));
  assert.deepEqual(whiskers, shown, 'the export draws the ranges the panel shows');
  // The header every export carries, and a key that says what the whiskers are.
  for (const expected of ['Area: Lancashire and South Cumbria', 'Levers:', 'Assumptions:', 'uncertainty:', 'model version',
    'Blue whiskers: its 80% range, 8 in 10 of 200 Monte Carlo runs (seed 2025) fall between.',
    'ICS What-If model projections from public data']) {
    assert.ok(text.includes(expected), `the SVG says “${expected}”`);
  }
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-png="places"]')]);
  copyFileSync(await png.path(), join(artifacts, 'brief5-places.png'));
  await page.locator(panel).screenshot({ path: join(artifacts, 'brief5-places-panel-1280x720.png') });
  await page.context().close();
  assert.deepEqual(errors, []);
});

/** An SVG's text elements' words, a space between lines (captions are wrapped). */
const svgText = (svg) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]
  .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/\s+/g, ' ').trim()).join(' ');
