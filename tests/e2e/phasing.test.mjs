// End-to-end: phasing a lever (issue 14, item 2). A planner moves recruitment, opens the
// "Phasing" disclosure under it with the keyboard, starts the change in April 2027 and
// brings it in over three years; the figures and the chart move away from the change at once,
// the phasing shows on the lever and in the pinned scenario's name, each choice is one step
// of undo, and the page's link opens the same phasing and figures in a fresh page.
//   ICS_E2E_URL=http://127.0.0.1:8101/ node --test tests/e2e/phasing.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, collectErrors, appUrl as url, artifacts } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const NOTICES = '[data-control="notices"]';
const metric = (key) => `[data-metric="${key}"]`;
const lever = (key) => `input[data-lever="${key}"]`;
const disclosure = (key) => `details[data-phasing="${key}"]`;
const words = (key) => `[data-phasing-words="${key}"]`;

const chrome = useChromium();

/** A fresh page (a fresh context: empty local storage) open at `address`, its chart drawn. */
async function open(address, errors) {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 } });
  collectErrors(page, errors);
  await page.goto(address);
  await page.waitForSelector(CHART);
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
  return page;
}

const value = (page, key) => page.$eval(metric(key), (e) => e.dataset.value);
/** The chart's picture once it has settled: the Monte Carlo's runs all done (its fan fills in
 *  chunk by chunk) and two reads 250 ms apart the same. A picture read as soon as the figures
 *  change can be a chunk early, and then a fresh page's finished chart never matches it (seen
 *  in a CI run under load). */
const chartPixels = async (page) => {
  await page.waitForFunction(() => /all \d+ runs done/.test(document.querySelector('[data-control="mc-status"]')?.textContent ?? ''));
  let last = await page.$eval(CHART, (c) => c.toDataURL());
  for (let i = 0; i < 40; i += 1) {
    await page.waitForTimeout(250);
    const now = await page.$eval(CHART, (c) => c.toDataURL());
    if (now === last) return now;
    last = now;
  }
  return last;
};

/** Waits (up to 20 s) until the chart's picture is `want`: the chart is drawn in an effect after
 *  the render that changes the figures, and its fan fills in as the Monte Carlo's chunks land,
 *  so a picture read at once can be one frame or one chunk early (seen under load in CI). */
const chartBecomes = async (page, want, what) => {
  try {
    await page.waitForFunction(([sel, w]) => document.querySelector(sel).toDataURL() === w, [CHART, want], { timeout: 20000 });
  } catch {
    assert.fail(`${what}: the chart never showed the expected picture`);
  }
};

/** Waits until the headline `key` reads other than `was`. */
const changed = (page, key, was) =>
  page.waitForFunction(([sel, w]) => document.querySelector(sel).dataset.value !== w, [metric(key), was]);

/** The headlines a phasing of recruitment moves (at the year shown: the list carries the
 *  months before it; staff may have reached the funded posts either way by then). */
const figures = async (page) => `${await value(page, 'waiting_list')} ${await value(page, 'staff_fte')}`;
const refigured = (page, was) =>
  page.waitForFunction(
    ([a, b, w]) => `${document.querySelector(a).dataset.value} ${document.querySelector(b).dataset.value}` !== w,
    [metric('waiting_list'), metric('staff_fte'), was],
  );

test('a phasing set under a lever moves the figures, shows on the lever and in the name, and reads back from the link', async () => {
  const errors = [];
  const page = await open(url, errors);

  // Recruitment to +50%, at once.
  let was = await value(page, 'waiting_list');
  await page.locator(lever('recruitment_pct')).focus();
  await page.keyboard.press('End');
  await changed(page, 'waiting_list', was);
  await page.waitForFunction(() => location.search.includes('recruitment_pct=50'));
  const atOnce = { list: await value(page, 'waiting_list'), staff: await value(page, 'staff_fte'), chart: await chartPixels(page) };
  assert.equal(await page.locator(words('recruitment_pct')).textContent(), 'at once');

  // Open the disclosure with the keyboard: its summary is focusable and Enter opens it.
  await page.locator(`${disclosure('recruitment_pct')} > summary`).focus();
  await page.keyboard.press('Enter');
  const start = page.locator('select[data-phasing-start="recruitment_pct"]');
  const ramp = page.locator('select[data-phasing-ramp="recruitment_pct"]');
  await start.waitFor();
  // Every menu has a label.
  for (const id of ['phasing-recruitment_pct-start', 'phasing-recruitment_pct-ramp']) {
    assert.equal(await page.locator(`label[for="${id}"]`).count(), 1, id);
  }

  // A step in April 2027 (month 25), then a straight line over three years.
  was = await figures(page);
  await start.selectOption('25');
  await refigured(page, was);
  assert.equal(await page.locator(words('recruitment_pct')).textContent(), 'from April 2027');
  was = await figures(page);
  await ramp.selectOption('36');
  await refigured(page, was);
  assert.equal(await page.locator(words('recruitment_pct')).textContent(), 'from April 2027, over 3 years');
  await page.waitForFunction(() => location.search.includes('recruitment_pct=50@2027-04%2B3y'));
  assert.match(page.url(), /[?&]v=2&/);

  // The figures and the chart differ from the change at once.
  const phased = { list: await value(page, 'waiting_list'), staff: await value(page, 'staff_fte'), chart: await chartPixels(page) };
  assert.notEqual(`${phased.list} ${phased.staff}`, `${atOnce.list} ${atOnce.staff}`, 'the headline figures');
  assert.notEqual(phased.chart, atOnce.chart, 'the waiting-list chart');
  await page.locator(disclosure('recruitment_pct')).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'phasing-open.png') });
  await page.locator(disclosure('recruitment_pct')).screenshot({ path: join(artifacts, 'phasing-lever.png') });

  // The pinned scenario is named with its phasing.
  await page.click('[data-control="pin"]');
  const pinName = page.locator('[data-control="pin-name-0"]');
  await pinName.waitFor();
  assert.equal(await pinName.inputValue(), 'Recruitment +50% from April 2027, over 3 years');

  // One choice, one step of undo: undo takes the ramp back to the step, redo restores it.
  await page.click('[data-control="undo"]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === 'from April 2027', words('recruitment_pct'));
  await page.click('[data-control="redo"]');
  await page.waitForFunction(
    (sel) => document.querySelector(sel).textContent === 'from April 2027, over 3 years',
    words('recruitment_pct'),
  );

  // The page's link, in a fresh page: the same lever, phasing and figures, and no message.
  // The address is rewritten by an effect just after the render that shows the words: wait
  // for it rather than race it (it lost under load).
  await page.waitForFunction(() => decodeURIComponent(location.search).includes('@2027-04+3y'));
  const link = page.url();
  const fresh = await open(link, errors);
  assert.equal(await fresh.locator(lever('recruitment_pct')).inputValue(), '50');
  assert.equal(await fresh.locator(words('recruitment_pct')).textContent(), 'from April 2027, over 3 years');
  assert.equal(await value(fresh, 'waiting_list'), phased.list);
  assert.equal(await value(fresh, 'staff_fte'), phased.staff);
  await chartBecomes(fresh, phased.chart, 'the link in a fresh page');
  assert.equal(await fresh.locator(NOTICES).count(), 0, 'a good link gives no message');
  await fresh.locator(`${disclosure('recruitment_pct')} > summary`).click();
  assert.equal(await fresh.locator('select[data-phasing-start="recruitment_pct"]').inputValue(), '25');
  assert.equal(await fresh.locator('select[data-phasing-ramp="recruitment_pct"]').inputValue(), '36');

  // "Back to at once" gives the change at once again.
  await fresh.click('[data-phasing-reset="recruitment_pct"]');
  await fresh.waitForFunction((sel) => document.querySelector(sel).textContent === 'at once', words('recruitment_pct'));
  assert.equal(await value(fresh, 'staff_fte'), atOnce.staff);
  assert.equal(await value(fresh, 'waiting_list'), atOnce.list);
  // (Not the chart's picture here: the fresh page's fan lands chunk by chunk for whichever
  // scenario is open, so its picture is not comparable with one read on the first page.)
  await fresh.close();
  await page.close();
  assert.deepEqual(errors, []);
});

test('a link with a bad phasing opens the rest and names the lever', async () => {
  const errors = [];
  const page = await open(`${url}?v=2&ics=england&years=5&recruitment_pct=20@2040-01&social_care_pct=39@2026-04%2B2y`, errors);
  assert.equal(await page.locator(lever('recruitment_pct')).inputValue(), '20');
  assert.equal(await page.locator(words('recruitment_pct')).textContent(), 'at once');
  assert.equal(await page.locator(words('social_care_pct')).textContent(), 'from April 2026, over 2 years');
  const notices = await page.locator(NOTICES).textContent();
  assert.match(notices, /recruitment_pct phasing starts in January 2040, after the horizon ends \(March 2030\)/);
  await page.close();
  assert.deepEqual(errors, []);
});
