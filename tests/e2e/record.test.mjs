// End-to-end: what this round added to the page, read as a user reads it: the area's
// published months on the charts, its track record against "nothing changes", what drives
// the range, and why life expectancy moved. scripts/test.sh serves dist/ and sets ICS_E2E_URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, collectErrors, appUrl as url, artifacts } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const SYSTEM = 'select[data-control="system"]';
const RECORD = '[data-panel="track-record"]';

let page;
const pageErrors = [];

const chrome = useChromium({}, async () => {
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  collectErrors(page, pageErrors);
  await page.goto(url);
  await page.evaluate(() => localStorage.clear());
  await page.goto(url);
  await page.waitForSelector(CHART);
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
});

test('the published figures start where NHS England left them, March 2025', async () => {
  // NHS England RTT, national sheet (reported counts), March 2025: 7,418,598 waiting.
  const tagline = await page.locator('.tagline').innerText();
  assert.match(tagline, /March 2025 to March 2035/);
  const legend = page.locator('[data-legend="published"]').first();
  assert.match(await legend.innerText(), /Published by NHS England, to March 2025/);
  // Three charts project a published figure: the list, the 18-week share, 52-week waiters.
  assert.equal(await page.locator('[data-legend="published"]').count(), 3);
  // The page says which basis England's figures use.
  await page.click('[data-control="estimates"] summary');
  const basis = await page.locator('[data-control="waits-basis"]').innerText();
  assert.match(basis, /reported counts/);
  assert.match(basis, /7,418,598 waiting in March 2025/);
  assert.match(basis, /not its headline figure/);
  await page.click('[data-control="estimates"] summary');
});

test('the track record compares the model with "nothing changes" for the chosen area', async () => {
  await page.selectOption(SYSTEM, 'QOP');
  await page.waitForFunction(
    (sel) => document.querySelector(sel).innerText.includes('Greater Manchester'),
    `${RECORD} summary`,
  );
  await page.click(`${RECORD} summary`);
  const table = page.locator(`${RECORD} [data-track-record="2024-03"]`);
  await table.waitFor();
  const caption = await table.locator('figcaption').innerText();
  assert.match(caption, /Started March 2024, 12 months/);
  assert.match(caption, /beat "nothing changes" on [0-3] of 3/);
  for (const key of ['list', 'within_18_weeks', 'over_52_weeks']) {
    const cells = await table.locator(`tr[data-error="${key}"] td`).allInnerTexts();
    assert.equal(cells.length, 3, key);
    const [model, naive, verdict] = cells;
    assert.ok(Number.isFinite(Number(model)) && Number.isFinite(Number(naive)), `${key}: ${cells}`);
    const expected = Number(model) < Number(naive) ? 'Better' : Number(model) > Number(naive) ? 'Worse' : 'Same';
    assert.equal(verdict, expected, key);
  }
  await page.locator(RECORD).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'track-record-qop.png') });
  assert.deepEqual(pageErrors, []);
});

test('what drives the range lists the assumptions, largest swing first', async () => {
  await page.click('[data-panel="tornado"] summary');
  const rows = page.locator('[data-panel="tornado"] tbody tr');
  await rows.first().waitFor();
  assert.ok((await rows.count()) >= 5, 'at least five assumptions move the waiting list');
  assert.match(await page.locator('[data-panel="tornado"]').innerText(), /Growth in referrals/);
  assert.deepEqual(pageErrors, []);
});
