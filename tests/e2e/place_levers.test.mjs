// End-to-end: levers aimed at places (issue 13.2). In Lancashire and South Cumbria, £60 a head
// of prevention aimed at Blackpool (its lowest life expectancy) narrows the gap between its
// places more than the same budget spread evenly; the link carries the place and reopens to
// the same gap; the Places chart downloads as a PNG. Run alone with
//   ICS_E2E_URL=http://127.0.0.1:8112/ node --test tests/e2e/place_levers.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, appUrl, collectErrors, artifacts, lever, setLever } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const PANEL = '[data-panel="places"]';
const BLACKPOOL = `${PANEL} li[data-place="E06000009"]`;
const AIM = '[data-control="aim-prevention"][data-place="E06000009"]';
const GAP = '[data-control="places-gap"]';

const chrome = useChromium();

/** Opens the app on a link's query (or none), in QE1 with the Places panel open. */
async function openPlaces(page, query = '?v=1&ics=QE1') {
  await page.goto(new URL(query, appUrl).href);
  await page.waitForSelector(CHART);
  await page.click('[data-control="nav-places"]');
  await page.locator(BLACKPOOL).waitFor();
}

const gapOf = (page) => page.locator(GAP).getAttribute('data-range').then(Number);

test('prevention aimed at Blackpool narrows the gap between places more than spread evenly, and the link keeps it', { timeout: 240000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openPlaces(page);
  const plans = Number(await page.locator('[data-control="places-gap-plans"]').getAttribute('data-range'));

  // £60 a head spread evenly (no targeting).
  await setLever(page, 'prevention_gbp_per_head', 60);
  await page.waitForFunction(([sel, was]) => Number(document.querySelector(sel).dataset.range) !== was, [GAP, plans]);
  const even = await gapOf(page);
  assert.ok(even < plans, `spread evenly narrows the gap a little: ${even} < ${plans}`);

  // The same budget aimed at Blackpool: one checkbox in the picker.
  const picker = page.locator('[data-control="place-aim"]');
  if (!(await picker.evaluate((d) => d.open))) await picker.locator('summary').click();
  await page.locator(AIM).check();
  await page.waitForFunction(([sel, was]) => Number(document.querySelector(sel).dataset.range) !== was, [GAP, even]);
  const aimed = await gapOf(page);
  assert.ok(aimed < even - 0.1, `aimed at Blackpool ${aimed} narrows more than spread evenly ${even}`);
  assert.match(await page.locator('[data-control="place-aim-prevention"]').innerText(), /Prevention: £731 a head in Blackpool \(£60 a head across the ICB\)/);
  assert.match(await page.locator('[data-control="place-aim-note-prevention_gbp_per_head"]').innerText(), /Prevention: £731 a head in Blackpool \(£60 a head across the ICB\)/);
  await page.screenshot({ path: join(artifacts, 'place-levers-1280x720.png') });

  // The link carries the place; reopened, the same gap.
  await page.waitForFunction(() => location.search.includes('prevention_places=E06000009'));
  const link = new URL(page.url());
  assert.equal(link.searchParams.get('v'), '2');
  const again = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const againErrors = collectErrors(again);
  await openPlaces(again, link.search);
  assert.ok(await again.locator(AIM).isChecked(), 'the reopened link has Blackpool chosen');
  assert.equal(await gapOf(again), aimed);
  assert.deepEqual(againErrors, []);
  await again.close();

  // Undo takes the choice back in one step.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(([sel, was]) => Number(document.querySelector(sel).dataset.range) === was, [GAP, even]);
  assert.equal(await page.locator(AIM).isChecked(), false);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(([sel, was]) => Number(document.querySelector(sel).dataset.range) === was, [GAP, aimed]);

  // The Places chart as a PNG.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-png="places"]')]);
  assert.equal(download.suggestedFilename(), 'ics-whatif-places-qe1.png');
  const path = await download.path();
  const bytes = readFileSync(path);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.equal(bytes.readUInt32BE(16), 1800, 'twice the SVG width');
  assert.ok(bytes.length > 20_000, `PNG of ${bytes.length} bytes`);
  copyFileSync(path, join(artifacts, 'place-levers-export.png'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('a link naming a place outside the ICB opens the rest and says which', { timeout: 120000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openPlaces(page, '?v=2&ics=QE1&prevention_gbp_per_head=60&prevention_places=E06000009,E09000001');
  assert.ok(await page.locator(AIM).isChecked());
  const notices = await page.locator('body').innerText();
  assert.match(notices, /E09000001 \(City of London\) is not in QE1/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the place picker on a phone: no sideways scroll', { timeout: 120000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors = collectErrors(page);
  await openPlaces(page, '?v=2&ics=QE1&prevention_gbp_per_head=60&prevention_places=E06000009');
  await page.locator('[data-control="place-aim"]').evaluate((e) => e.scrollIntoView());
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `page width ${wide}`);
  await page.screenshot({ path: join(artifacts, 'place-levers-390x844.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
