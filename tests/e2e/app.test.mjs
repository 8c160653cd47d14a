// End-to-end: the release build in headless Chromium, driven as a user would drive it.
// scripts/test.sh serves dist/ and sets ICS_E2E_URL; run alone with
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, collectErrors, appUrl as url, artifacts } from './chromium.mjs';

const WAITING_LIST = '[data-metric="waiting_list"]';
const WITHIN_18_WEEKS = '[data-metric="within_18_weeks_pct"]';
const SLIDER = 'input[data-lever="recruitment_pct"]';
const CHART = 'canvas[data-chart="waiting_list"]';
const SYSTEM = 'select[data-control="system"]';

let page;
const pageErrors = [];

const chrome = useChromium({}, async () => {
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  collectErrors(page, pageErrors);
  await openApp();
});

async function openApp() {
  // Forget the autosaved scenario, so each opening starts from current plans.
  await page.evaluate(() => localStorage.clear()).catch(() => {});
  await page.goto(url);
  await page.waitForSelector(CHART);
  // The chart is drawn once the canvas's bitmap has been sized to its box.
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
}

const figure = (selector) => page.locator(selector).innerText();
/** Waits until the element's text is no longer `old` (the app re-renders asynchronously). */
const changed = (selector, old) =>
  page.waitForFunction(([sel, was]) => document.querySelector(sel).textContent !== was, [selector, old]);
const chartPixels = () => page.$eval(CHART, (c) => c.toDataURL());
/** "7.12m" -> 7120000, "254k" -> 254000. */
function patients(text) {
  const m = text.trim().match(/^([\d.]+)([mk]?)$/);
  assert.ok(m, `"${text}" reads as a number of patients`);
  return Number(m[1]) * { m: 1e6, k: 1e3, '': 1 }[m[2]];
}

test('opens on England with the title, the chart and the headline figures', async () => {
  assert.equal(await page.title(), 'ICS What-If');
  assert.equal(await page.locator('h1').innerText(), 'ICS What-If');
  assert.equal(await page.locator(SYSTEM).inputValue(), 'england');
  assert.match(await figure(WAITING_LIST), /^\d+\.\d\dm$/);
  assert.match(await figure(WITHIN_18_WEEKS), /^\d+\.\d%$/);
  await page.screenshot({ path: join(artifacts, 'england-default.png') });
  assert.deepEqual(pageErrors, []);
});

test('more recruitment gives a smaller waiting list and redraws the chart', async () => {
  const slider = page.locator(SLIDER);
  const listBefore = patients(await figure(WAITING_LIST));
  const chartBefore = await chartPixels();

  const textBefore = await figure(WAITING_LIST);
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await slider.inputValue(), '1', 'one step of 1%');
  assert.match(await slider.getAttribute('aria-valuetext'), /^\+1% change in joiners$/);

  await page.keyboard.press('End');
  assert.equal(await slider.inputValue(), '50');
  await changed(WAITING_LIST, textBefore);
  assert.match(await page.locator('label[for="lever-recruitment_pct"]').innerText(), /\+50% change in joiners/);
  const listAfter = patients(await figure(WAITING_LIST));
  assert.ok(listAfter < listBefore, `more recruitment shortens the list: ${listBefore} -> ${listAfter}`);
  assert.notEqual(await chartPixels(), chartBefore, 'the chart is redrawn');
  await page.screenshot({ path: join(artifacts, 'england-recruitment-max.png') });
});

test('choosing Greater Manchester (QOP) changes the figures', async () => {
  await openApp(); // back to England with every lever at its default
  const before = await figure(WAITING_LIST);
  await page.selectOption(SYSTEM, 'QOP');
  await changed(WAITING_LIST, before);
  assert.notEqual(await figure(WAITING_LIST), before);
  assert.match(await page.locator('.tagline').innerText(), /Greater Manchester/);
  await page.screenshot({ path: join(artifacts, 'greater-manchester.png') });
  assert.deepEqual(pageErrors, []);
});
