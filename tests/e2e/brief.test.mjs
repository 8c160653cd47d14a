// End-to-end: the chosen month, the comparison table, the export headers and the board brief
// (issue 14, items 3 to 6). A link with `month=2029-03` opens on March 2029; the comparison
// carries the board's figures and downloads as CSV; the figures CSV says what it shows; the
// board brief prints as a PDF of at most two A4 pages whose text holds the figures the app
// shows. The PDF's text is read here (its content streams inflated, glyphs mapped through
// each font's ToUnicode table), so no PDF tool needs to be installed.
// Run against the release build:
//   ICS_E2E_URL=http://127.0.0.1:8102/ node --test tests/e2e/brief.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors } from './chromium.mjs';
import { pageCount, pdfText, squash } from './pdf.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const LINK = '?v=1&m=2&ics=QE1&recruitment_pct=20&month=2029-03';
const PIN_NAME = 'Recruitment drive of twenty per cent, phased in over three years';
const TITLE = 'What would a recruitment drive do for waits by March 2029?';

let page;
const pageErrors = [];

const chrome = useChromium({}, async () => {
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  collectErrors(page, pageErrors);
  await page.goto(`${appUrl}${LINK}`);
  await page.waitForSelector(CHART);
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
});

/** Reads a download's text. */
async function downloaded(click) {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
}

test('a link with month=2029-03 opens on March 2029 and says so in the tables and the link', async () => {
  const chosen = await page.$eval('[data-control="year"]', (s) => s.options[s.selectedIndex].textContent);
  assert.match(chosen, /^March 2029 \(year 4; target: 92% within 18 weeks\)$/);
  // Any month is offered, not only whole years.
  assert.ok(await page.$eval('[data-control="year"]', (s) => [...s.options].some((o) => o.textContent === 'July 2027')));
  assert.match(await page.locator('#scoreboard-heading').innerText(), /March 2029/);
  assert.match(await page.locator('[data-control="link"]').inputValue(), /&month=2029-03$/);
  // The readout rests on the chosen month.
  assert.match(await page.locator('[data-readout="waiting_list"]').innerText(), /March 2029/);
  // year= is read too (a calendar year, as its month like month 0), with no message.
  await page.goto(`${appUrl}?v=1&m=2&ics=QE1&year=2030`);
  await page.waitForSelector(CHART);
  assert.match(await page.$eval('[data-control="year"]', (s) => s.options[s.selectedIndex].textContent), /^March 2030/);
  assert.equal(await page.locator('[data-control="notices"]').count(), 0);
  await page.goto(`${appUrl}${LINK}`);
  await page.waitForSelector(CHART);
  assert.deepEqual(pageErrors, []);
});

test('the comparison carries the board figures at the month, wraps a long pin name and downloads as CSV', async () => {
  await page.click('[data-control="pin"]');
  const name = page.locator('[data-control="pin-name-0"]');
  await name.fill(PIN_NAME);
  await name.press('Tab');
  await page.waitForFunction((n) => document.querySelector('[data-legend-pin="0"]')?.textContent.includes(n), PIN_NAME);
  for (const key of ['waiting_list', 'within_18_weeks_pct', 'over_52_weeks', 'cumulative_cost_gbp_m', 'le_gap_years']) {
    assert.equal(await page.locator(`tr[data-board-row="${key}"]`).count(), 1, key);
  }
  assert.match(await page.locator('[data-control="compare"]').innerText(), /The board's figures, March 2029/);
  // The whole name shows: the box is as wide as its column and as tall as the wrapped text.
  const box = await name.evaluate((t) => ({ scroll: t.scrollHeight, client: t.clientHeight, wide: t.scrollWidth <= t.clientWidth }));
  assert.ok(box.wide, 'no sideways scrolling');
  assert.ok(box.scroll <= box.client + 1, `the whole name shows (${box.scroll} > ${box.client} pixels)`);
  const compare = page.locator('[data-control="compare"]');
  await compare.scrollIntoViewIfNeeded();
  await compare.screenshot({ path: join(artifacts, 'brief-compare.png') });

  const csv = await downloaded(() => page.click('[data-control="compare-csv"]'));
  assert.equal(csv.name, 'ics-whatif-comparison.csv');
  const lines = csv.text.split('\n');
  assert.equal(lines[0], '# area: Lancashire and South Cumbria');
  assert.ok(lines.includes('# month reported: March 2029'), csv.text.slice(0, 600));
  assert.ok(lines.includes(`# pinned: ${PIN_NAME}`));
  const header = lines.find((l) => !l.startsWith('#'));
  assert.equal(header, `Setting or figure,Current plans,"${PIN_NAME}"`, 'the pin named in full, quoted for its comma');
  assert.ok(lines.some((l) => l.startsWith('"Waiting list, March 2029",')), 'the board figures, at the month');
  assert.deepEqual(pageErrors, []);
});

test('the figures CSV says what it is: area, levers, month, runs, model version, date', async () => {
  await page.waitForFunction(() => /all 200 runs/.test(document.querySelector('[data-control="mc-status"]').textContent), null, { timeout: 60000 });
  const csv = await downloaded(() => page.click('[data-control="download-csv"]'));
  const lines = csv.text.split('\n');
  const comments = lines.filter((l) => l.startsWith('#'));
  assert.equal(comments[0], '# area: Lancashire and South Cumbria');
  for (const expected of [
    '# levers: recruitment +20%',
    '# assumptions: central estimates',
    '# month reported: March 2029',
    '# uncertainty: Monte Carlo, 200 runs, seed 2025',
    `# pinned: ${PIN_NAME}`,
  ]) {
    assert.ok(comments.includes(expected), `${expected} in\n${comments.join('\n')}`);
  }
  assert.ok(comments.some((l) => /^# model version: ICS What-If model version \d+$/.test(l)));
  assert.ok(comments.some((l) => /^# exported: \d{4}-\d{2}-\d{2}$/.test(l)));
  assert.match(lines[comments.length], /^month,period,quintile,/);
  // The SVG export names the pin in its legend and the month in its caption.
  const svg = await downloaded(() => page.click('[data-export-svg="waiting_list"]'));
  assert.ok(svg.text.includes(PIN_NAME.slice(0, 40)), 'the pinned line is named');
  assert.ok(svg.text.includes('figures for') && svg.text.includes('March 2029'), 'the month reported');
  writeFileSync(join(artifacts, 'brief-export-waiting-list.svg'), svg.text);
  const [png] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-png="waiting_list"]')]);
  copyFileSync(await png.path(), join(artifacts, 'brief-export-waiting-list.png'));
  assert.deepEqual(pageErrors, []);
});

test('the board brief prints on at most two A4 pages holding the figures the app shows', async () => {
  // The figures the page shows at March 2029.
  const shown = {};
  for (const key of ['waiting_list', 'within_18_weeks_pct', 'le_gap_years']) {
    shown[key] = (await page.locator(`.headline-value[data-metric="${key}"]`).innerText()).trim();
  }
  await page.click('[data-control="open-brief"]');
  await page.waitForSelector('[data-control="brief"] img');
  const title = page.locator('[data-control="brief-title"]');
  await title.fill(TITLE);
  await title.press('Tab');
  await page.waitForFunction((t) => document.querySelector('[data-control="brief-title-print"]').textContent === t, TITLE);
  for (const [key, text] of Object.entries(shown)) {
    const row = await page.locator(`tr[data-brief-metric="${key}"]`).innerText();
    assert.ok(row.includes(text), `${key}: ${text} in ${row}`);
  }
  const brief = await page.locator('[data-control="brief"]').innerText();
  assert.match(brief, /80% ranges: 8 in 10 of 200 Monte Carlo runs \(seed 2025\) fall between/);
  assert.match(brief, /Recruitment \+20%/);
  assert.ok(brief.includes(PIN_NAME), 'the pin is named');
  assert.equal(await page.locator('[data-brief-chart]').count(), 3);

  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(artifacts, 'board-brief.pdf'), pdf);
  const pages = pageCount(pdf);
  assert.ok(pages >= 1 && pages <= 2, `${pages} pages`);
  const text = squash(pdfText(pdf));
  for (const expected of [TITLE, 'Lancashire and South Cumbria', 'March 2029', ...Object.values(shown), PIN_NAME,
    'Levers moved', 'The four purposes of an ICS', 'Assumptions changed', 'Caveats', 'Sources', 'month=2029-03']) {
    assert.ok(text.includes(squash(expected)), `the PDF holds “${expected}”`);
  }
  // No controls on paper.
  assert.ok(!text.includes(squash('Print or save as PDF')), 'no buttons in the PDF');

  // Look at it: the print layout at A4's width (794 CSS pixels), as an image.
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(artifacts, 'board-brief-print.png'), fullPage: true });
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(artifacts, 'board-brief-screen.png'), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test('the ordinary page prints with no controls and no chart split across pages', async () => {
  await page.click('[data-control="brief-close"]');
  await page.waitForSelector(CHART);
  await page.emulateMedia({ media: 'print' });
  for (const control of ['pin', 'download-csv', 'year', 'open-brief']) {
    assert.equal(await page.locator(`[data-control="${control}"]`).isVisible(), false, control);
  }
  assert.equal(await page.locator('input[data-lever="recruitment_pct"]').isVisible(), false, 'no sliders');
  const breaks = await page.$eval('figure.chart', (f) => getComputedStyle(f).breakInside);
  assert.equal(breaks, 'avoid');
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.screenshot({ path: join(artifacts, 'page-print.png'), fullPage: true });
  const pdf = await page.pdf({ format: 'A4', printBackground: true });
  writeFileSync(join(artifacts, 'page-print.pdf'), pdf);
  // Ten charts two to a row and the tables: about nine pages (it was ten of controls and
  // split charts); a sanity bound, not the point of the test.
  assert.ok(pageCount(pdf) <= 12, `${pageCount(pdf)} pages`);
  await page.emulateMedia({ media: 'screen' });
  assert.deepEqual(pageErrors, []);
});
