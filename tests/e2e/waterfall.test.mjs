// End-to-end: the "Partners' proposals" panel. Two pins (recruitment; social care) are the
// partners' proposals; the panel splits each headline outcome's change between them as a
// waterfall, sequentially or by Shapley value, and says which in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, collectErrors, artifacts } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const PANEL = '[data-panel="waterfall"]';
const lever = (key) => `input[data-lever="${key}"]`;

const chrome = useChromium();

/** Sets a lever through its number box (or the slider) and waits for the value. */
async function setLever(page, key, value) {
  const slider = page.locator(lever(key));
  await slider.evaluate((e, v) => {
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(value));
  await page.waitForFunction(([sel, v]) => document.querySelector(sel).value === v, [lever(key), String(value)]);
}

test('partners\' proposals: contributions per pin, two methods, said in words', async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  collectErrors(page, errors);
  await page.goto(appUrl);
  await page.waitForSelector(CHART);

  assert.equal(await page.locator(PANEL).count(), 0, 'no panel without pins');
  await setLever(page, 'recruitment_pct', 20);
  await page.click('[data-control="pin"]');
  await page.click('[data-control="reset"]');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '0', lever('recruitment_pct'));
  await setLever(page, 'social_care_pct', 30);
  await page.click('[data-control="pin"]');
  const first = await page.locator('[data-control="pin-name-0"]').inputValue();
  const second = await page.locator('[data-control="pin-name-1"]').inputValue();

  const panel = page.locator(PANEL);
  await panel.waitFor();
  assert.equal(await panel.locator('[data-contribution]').count(), 0, 'nothing computed while closed');
  await page.click('[data-control="waterfall"]');
  await page.selectOption('[data-control="partner-0"]', { label: 'NHS providers' });
  await page.selectOption('[data-control="partner-1"]', { label: 'Social care' });
  await panel.locator('[data-contribution]').first().waitFor();
  const charts = panel.locator('[data-metric-waterfall]');
  assert.equal(await charts.count(), 4, 'one waterfall per headline outcome');
  const text = await panel.innerText();
  assert.ok(text.includes(first) && text.includes(second), `both proposals named: ${text}`);
  assert.ok(text.includes('NHS providers') && text.includes('Social care'));
  const contributions = await panel.locator('[data-contribution]').allInnerTexts();
  assert.equal(contributions.length, 8, 'two proposals x four outcomes');
  // A signed figure, or an unsigned zero where a proposal does not move the outcome (issue 15.4: never "−0.00").
  for (const c of contributions) assert.match(c, /^([+\u2212]\S|0(\.0+)?\b|£0m)/, `a signed figure: ${c}`);
  assert.match(text, /Interaction/);
  assert.match(text, /Combined/);
  assert.match(text, /patients/);

  const sentence = page.locator('[data-control="method-sentence"]');
  const sequential = await sentence.innerText();
  assert.match(sequential, /one after another/);
  assert.match(sequential, /together beyond/);
  await page.check('[data-control="method-shapley"]');
  await page.waitForFunction((sel) => /every order/.test(document.querySelector(sel).innerText), '[data-control="method-sentence"]');
  assert.notEqual(await sentence.innerText(), sequential);
  assert.equal(await panel.locator('[data-contribution]').count(), 8);

  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: join(artifacts, 'waterfall.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
