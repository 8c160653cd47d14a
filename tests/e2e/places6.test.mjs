// End-to-end: places, ninth session (places6, issue 13). What places still said wrong:
// - Prevention aimed at Blackpool: the automatic name (and so a pin's), the board brief's
//   levers and every export's description (the CSV's `#` lines, a chart's exported caption)
//   say "£731/head there" beside "£60/head", the Places panel's figure (£731 a head in
//   Blackpool, £60 a head across the ICB).
// - Chart labels never cross a mark's dotted line (today, the last published month, target
//   dates, the chosen month): on the phone's 18-week chart "65% within 18 weeks due" lay
//   across today's and March 2029's lines and "Last published: March 2025" across three.
//   Read from the boxes the chart drew (`data-label-boxes`) and its marks' lines
//   (`data-mark-xs`), at 320 to 1280 pixels wide.
// - Today keeps a short month where it fits ("Today (Dec 2026)" at 768 pixels); at 390 it
//   does not fit between today's line and March 2029's, and the legend gives the month.
// The clock is fixed by Playwright (`context.clock.setFixedTime`), so no test depends on the
// real date. Screenshots go to tests/e2e/artifacts/places6-*.png.
//   ICS_E2E_URL=http://127.0.0.1:8113/ node --test tests/e2e/places6.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors } from './chromium.mjs';

const WEEKS = 'within_18_weeks_pct';
const MC_DONE = () => /all 200 runs/.test(document.querySelector('[data-control="mc-status"]')?.textContent);
const chrome = useChromium();

/** A fresh profile at this size, its clock fixed at December 2026, on `query`. */
async function open(width, height, errors, query = '') {
  const context = await chrome.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  await context.clock.setFixedTime(new Date('2026-12-01T12:00:00Z'));
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(new URL(query, appUrl).href);
  await page.waitForSelector(`canvas[data-chart="${WEEKS}"]`);
  await page.waitForFunction(MC_DONE, null, { timeout: 90000 });
  return page;
}

// ---- 1. £ a head there in the name, the brief and the exports ----

test('prevention aimed at Blackpool: the name, a pin, the brief and the exports say £731/head there beside £60/head, as the Places panel', { timeout: 240000 }, async () => {
  const errors = [];
  const page = await open(1280, 900, errors, '?v=2&ics=QE1&prevention_gbp_per_head=60&prevention_places=E06000009');
  const name = 'Prevention £60/head aimed at Blackpool (£731/head there)';
  // The lever's note (the Places panel's words): the same £731.
  const note = await page.locator('[data-control="place-aim-note-prevention_gbp_per_head"]').innerText();
  assert.match(note, /£731 a head in Blackpool \(£60 a head across the ICB\)/);

  // The projection's CSV: its `#` description.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-control="download-csv"]')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.ok(text.includes(`# scenario: ${name}\n`), text.slice(0, 600));
  assert.ok(text.includes('# levers: prevention £60/head aimed at Blackpool (£731/head there)\n'), text.slice(0, 600));

  // A chart's exported SVG: its caption.
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-svg="waiting_list"]')]);
  const raw = readFileSync(await svg.path(), 'utf8');
  assert.ok(raw.includes('£731/head there'), 'the exported chart says £731/head there');

  // A pin takes the automatic name.
  await page.click('[data-control="pin"]');
  await page.waitForSelector('[data-control="pin-name-0"]');
  assert.equal(await page.locator('[data-control="pin-name-0"]').inputValue(), name);

  // The board brief: its question and its list of levers.
  await page.click('[data-control="open-brief"]');
  await page.waitForSelector('[data-control="brief-levers"]');
  assert.match(await page.locator('[data-control="brief-levers"]').innerText(), /prevention £60\/head aimed at Blackpool \(£731\/head there\)/i);
  assert.ok((await page.locator('[data-control="brief-title"]').inputValue()).includes(name));
  await page.screenshot({ path: join(artifacts, 'places6-brief-1280x900.png') });
  await page.context().close();
  assert.deepEqual(errors, []);
});

// ---- 2. No chart label crosses a mark's line ----

/** Every chart's label boxes and marks' lines, in CSS pixels from the canvas's corner. */
async function chartsOf(page) {
  const keys = await page.$$eval('canvas[data-chart]', (cs) => cs.map((c) => c.dataset.chart));
  const out = [];
  for (const key of keys) {
    const sel = `canvas[data-chart="${key}"]`;
    await page.locator(sel).scrollIntoViewIfNeeded();
    await page.waitForFunction((s) => document.querySelector(s).dataset.markXs !== undefined, sel);
    out.push(await page.$eval(sel, (c) => ({
      key: c.dataset.chart,
      marks: (c.dataset.markXs || '').split(',').filter(Boolean).map(Number),
      labels: (c.dataset.labelBoxes || '').split(';').filter(Boolean).map((s) => {
        const [b, text] = s.split('|');
        const [x, y, w, h] = b.split(',').map(Number);
        return { text, x, y, w, h };
      }),
    })));
  }
  return out;
}

/** Whether a label's box lies across the vertical line at `x` (by more than half a pixel). */
const across = (l, x) => l.x + 0.5 < x && x < l.x + l.w - 0.5;
const overlaps = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

test('no chart label crosses a mark\'s dotted line nor another label, from a 320-pixel phone to 1280 pixels', { timeout: 400000 }, async () => {
  const errors = [];
  for (const [width, height] of [[390, 844], [320, 700], [768, 1024], [1280, 720]]) {
    const page = await open(width, height, errors);
    const charts = await chartsOf(page);
    assert.ok(charts.length >= 3, `${width}: ${charts.length} charts`);
    for (const c of charts) {
      for (const [i, l] of c.labels.entries()) {
        for (const x of c.marks) assert.ok(!across(l, x), `${width} ${c.key}: “${l.text}” ${JSON.stringify(l)} lies across the mark at x = ${x}`);
        for (const o of c.labels.slice(i + 1)) assert.ok(!overlaps(l, o), `${width} ${c.key}: “${l.text}” overlaps “${o.text}”`);
      }
    }
    const weeks = charts.find((c) => c.key === WEEKS);
    const texts = weeks.labels.map((l) => l.text);
    // Four marks: the last published month, the 65% target's date, today and March 2029.
    assert.equal(weeks.marks.length, 4, `${width}: ${weeks.marks}`);
    // The last published month and the chosen month are still said, and the standard.
    assert.ok(texts.some((t) => t.startsWith('Last published')), `${width}: ${texts.join(' / ')}`);
    assert.ok(texts.some((t) => t.startsWith('March 2029')), `${width}: ${texts.join(' / ')}`);
    assert.ok(texts.some((t) => t.startsWith('92%')), `${width}: ${texts.join(' / ')}`);
    if (width === 390) {
      // The phone: the labels that lay across today's and March 2029's lines now read up
      // beside their own lines (a box taller than wide).
      const upright = weeks.labels.filter((l) => l.h > l.w).map((l) => l.text);
      assert.ok(upright.some((t) => t.startsWith('Last published')), `upright: ${upright}`);
      assert.ok(upright.some((t) => t.startsWith('65%')), `upright: ${upright}`);
    }
    const figure = page.locator('figure.chart', { has: page.locator(`canvas[data-chart="${WEEKS}"]`) });
    await figure.scrollIntoViewIfNeeded();
    await figure.screenshot({ path: join(artifacts, `places6-weeks-${width}.png`) });
    await page.context().close();
  }
  assert.deepEqual(errors, []);
});

// ---- 3. Today's month where it fits ----

test('Today keeps a short month where it fits (768 pixels: “Today (Dec 2026)”), and on a phone says why not', { timeout: 240000 }, async () => {
  const errors = [];
  let page = await open(768, 1024, errors);
  let weeks = (await chartsOf(page)).find((c) => c.key === WEEKS);
  assert.ok(weeks.labels.some((l) => l.text === 'Today (Dec 2026)'), weeks.labels.map((l) => l.text).join(' / '));
  await page.context().close();

  // 390 pixels: between today's line and March 2029's there is less room than "Today (Dec
  // 2026)" takes, and the 65% target's line is 18 pixels to its left: "Today" alone, and the
  // legend under the chart gives the month.
  page = await open(390, 844, errors);
  weeks = (await chartsOf(page)).find((c) => c.key === WEEKS);
  const today = weeks.labels.find((l) => l.text.startsWith('Today'));
  assert.equal(today.text, 'Today');
  const lines = [...weeks.marks].sort((a, b) => a - b);
  const at = lines.find((x) => Math.abs(x - today.x) < 8 || Math.abs(x - (today.x + today.w)) < 8);
  const next = lines.find((x) => x > at);
  const wide = await page.evaluate(() => {
    const c = document.createElement('canvas').getContext('2d');
    c.font = `12px ${getComputedStyle(document.body).fontFamily}`;
    return c.measureText('Today (Dec 2026)').width;
  });
  assert.ok(next - at - 6 < wide, `room ${next - at - 6} px against ${wide} px`);
  const figure = page.locator('figure.chart', { has: page.locator(`canvas[data-chart="${WEEKS}"]`) });
  await figure.scrollIntoViewIfNeeded();
  assert.match(await figure.locator('[data-legend="today"]').textContent(), /^\s*Today \(December 2026\): /);
  await figure.screenshot({ path: join(artifacts, 'places6-today-390.png') });
  await page.context().close();
  assert.deepEqual(errors, []);
});
