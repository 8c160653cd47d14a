// End-to-end: places, eighth session (issues 11.2 and 13). A split authority at an end of the
// gap between places is named as a part and explained (North East and North Cumbria); prevention
// aimed at a place says its £ a head there and across the ICB; All systems says what it does
// with the aim, and lists one-place ICBs apart when ranking on the gap between places. Run
// alone with
//   ICS_E2E_URL=http://127.0.0.1:8103/ node --test tests/e2e/places5.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, collectErrors, artifacts, setLever } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const PANEL = '[data-panel="places"]';
const ALL = '[data-panel="all-systems"]';

const chrome = useChromium();

async function openPlaces(page, query, place) {
  await page.goto(new URL(query, appUrl).href);
  await page.waitForSelector(CHART);
  await page.click('[data-control="nav-places"]');
  await page.locator(`${PANEL} li[data-place="${place}"]`).waitFor();
}

test('places: North East and North Cumbria names Westmorland and Furness as a part and gives the gap without it', { timeout: 180000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openPlaces(page, '?v=1&ics=QHM', 'E06000002');
  const today = await page.locator('[data-control="places-gap-today"]').innerText();
  assert.match(today, /Middlesbrough 75\.5, Westmorland and Furness \(part: 24% of its residents\) 79\.9: 4\.4 years/);
  const split = await page.locator('[data-control="places-split"]').innerText();
  assert.match(split, /Westmorland and Furness is split between ICBs: 24% of its residents live in this ICB/);
  // At the page's month (places have moved since 2022-24): the range among places mostly in
  // this ICB, which Westmorland and Furness's 24% cannot set.
  const among = split.match(/Among places with most of their residents in this ICB: Middlesbrough [\d.]+, ([A-Za-z -]+) [\d.]+: ([\d.]+) years\./);
  assert.ok(among, split);
  assert.notEqual(among[1], 'Westmorland and Furness');
  const headline = await page.locator('[data-control="places-gap"]').innerText();
  assert.match(headline, /Westmorland and Furness \(part: 24% of its residents\)/);
  assert.ok(Number(among[2]) < Number(await page.locator('[data-control="places-gap"]').getAttribute('data-range')), 'narrower without the part');
  await page.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'places5-split-1280x720.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('prevention aimed at Blackpool: £ a head there and across the ICB; All systems says where the aim runs and lists one-place ICBs apart', { timeout: 400000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openPlaces(page, '?v=1&ics=QE1', 'E06000009');
  await setLever(page, 'prevention_gbp_per_head', 60);
  const picker = page.locator('[data-control="place-aim"]');
  if (!(await picker.evaluate((d) => d.open))) await picker.locator('summary').click();
  await page.locator('[data-control="aim-prevention"][data-place="E06000009"]').check();
  // 60 x 1,717,581 residents / 141,013 in Blackpool = £731 a head there.
  const perHead = /£731 a head in Blackpool \(£60 a head across the ICB\)/;
  await page.waitForFunction(() => /a head in Blackpool/.test(document.querySelector('[data-control="place-aim-prevention"]').innerText));
  assert.match(await page.locator('[data-control="place-aim-prevention"]').innerText(), perHead);
  assert.match(await page.locator('[data-control="place-aim-note-prevention_gbp_per_head"]').innerText(), perHead);
  await picker.evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'places5-aim-1280x720.png') });

  // All systems: what happens to the aim, said plainly.
  await page.click('[data-control="nav-all-systems"]');
  await page.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 240000 });
  const note = await page.locator('[data-control="all-systems-aim"]').innerText();
  assert.equal(note, 'Prevention aimed at Blackpool: aimed only in Lancashire and South Cumbria. The other 41 ICBs hold none of these places, so there the same £ a head is spread across all their residents, as with no place chosen.');

  // Ranked on the gap between places: Somerset and Cornwall are listed apart, not most equal.
  await page.selectOption('[data-control="all-systems-headline"]', { label: "Men's life-expectancy gap between places" });
  const rows = page.locator(`${ALL} tbody tr`);
  assert.equal(await rows.count(), 42);
  const listed = await rows.evaluateAll((rs) => rs.map((r) => [r.dataset.icb, r.cells[0].textContent, r.dataset.apart ?? '']));
  assert.deepEqual(listed.slice(40).map((r) => r[0]), ['QT6', 'QSL']);
  assert.ok(listed.slice(40).every((r) => r[2] === 'true' && r[1] === '\u2013'), JSON.stringify(listed.slice(40)));
  assert.deepEqual(listed.slice(0, 40).map((r) => Number(r[1])), Array.from({ length: 40 }, (_, i) => i + 1));
  assert.match(await page.locator(`${ALL} tr[data-icb="QSL"]`).innerText(), /one place: no gap between places/);
  assert.match(await page.locator(`${ALL} tr[data-icb="QT6"]`).innerText(), /one place with published life expectancy: no gap between places/);
  assert.match(await page.locator(`${ALL} caption`).innerText(), /listed apart/);
  // Sorted by name the other way, they stay after the ranked ICBs.
  await page.click(`${ALL} button[data-sort="name"]`);
  await page.click(`${ALL} button[data-sort="name"]`);
  const byName = await rows.evaluateAll((rs) => rs.map((r) => r.dataset.icb));
  assert.deepEqual(byName.slice(40), ['QT6', 'QSL']);
  await page.locator(`${ALL} tr[data-icb="QSL"]`).evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(artifacts, 'places5-all-systems-1280x720.png') });
  assert.deepEqual(errors, []);
  await page.close();
});
