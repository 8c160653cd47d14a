// End-to-end: 80% ranges everywhere (issue 14.3, issue 10) and a scenario file that says
// what it is (issue 14.6). Once the Monte Carlo has run, each headline figure carries its
// 80% range (P10 to P90: 8 in 10 runs fall between) and the charts' legends name the outer
// band so; the scenario file download names the area, the scenario, the levers with their
// phasing, the runs and seed, the model version and the date, and reads back to the same
// scenario.
// Run by scripts/test.sh against the release build:
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors } from './chromium.mjs';

const MC_STATUS = '[data-control="mc-status"]';
const QUERY = '?v=2&ics=QE1&recruitment_pct=20@2026-04%2B3y';

let page;
const pageErrors = [];

const chrome = useChromium({}, async () => {
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  collectErrors(page, pageErrors);
  await page.goto(appUrl + QUERY);
  await page.waitForFunction((sel) => /all 200 runs/.test(document.querySelector(sel)?.textContent ?? ''), MC_STATUS, { timeout: 60000 });
});

test('each headline figure gives its 80% range, and the fans are labelled as 80% ranges', async () => {
  const range = page.locator('[data-range-metric="waiting_list"]');
  await range.waitFor();
  const text = await range.innerText();
  assert.match(text, /^80%: \d+(\.\d\dm|k) to \d+(\.\d\dm|k)$/, text);
  assert.match(await range.getAttribute('title'), /8 in 10 Monte Carlo runs fall between/);
  // Its ends are in order.
  const [lo, hi] = text.match(/[\d.]+(?=[mk])/g).map(Number);
  assert.ok(lo < hi, `${lo} < ${hi}`);
  assert.match(await page.locator('[data-range-metric="within_18_weeks_pct"]').innerText(), /^80%: \d+\.\d% to \d+\.\d%$/);
  const legend = page.locator('canvas[data-chart="within_18_weeks_pct"]').locator('xpath=ancestor::figure').locator('[data-legend="fan-90"]');
  assert.match(await legend.innerText(), /^80% range: 8 in 10 runs fall between/);
  const pageText = await page.locator('body').innerText();
  assert.doesNotMatch(pageText, /9 in 10/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(artifacts, 'ranges-headlines-1280x900.png') });
  assert.deepEqual(pageErrors, []);
});

test('the scenario file says what it is and opens to the same scenario', async () => {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-control="download-json"]')]);
  const path = await download.path();
  const text = readFileSync(path, 'utf8');
  const file = JSON.parse(text);
  assert.equal(file.format, 'ics-whatif-scenario');
  const about = file.about;
  assert.equal(about.area, 'Lancashire and South Cumbria');
  assert.equal(about.scenario, file.name);
  assert.match(about.levers[0], /^recruitment \+20%.*April 2026/, about.levers[0]);
  assert.deepEqual(about.assumptions, []);
  assert.equal(about.runs, 200);
  assert.equal(about.seed, 2025);
  assert.equal(about.model_version, file.model_version);
  assert.match(about.exported, /^\d{4}-\d{2}-\d{2}$/);
  assert.match(about.uncertainty, /Monte Carlo, 200 runs, seed 2025/);
  // Opened again: the same lever, no notice of a problem.
  const before = await page.locator('.headlines').first().innerText();
  await page.locator('[data-control="upload-json"]').setInputFiles(path);
  await page.waitForTimeout(500);
  assert.equal(await page.locator('[data-control="notices"]').count(), 0, 'no problem reading it');
  assert.equal(await page.locator('input[data-lever="recruitment_pct"]').inputValue(), '20');
  assert.equal(await page.locator('.headlines').first().innerText(), before);
  assert.deepEqual(pageErrors, []);
});
