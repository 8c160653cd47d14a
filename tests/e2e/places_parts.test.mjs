// End-to-end (ninth session): a split authority's part is marked on the Places dot chart and
// its exports. A new user read Cumberland and North Yorkshire, 3.1% and 1.0% of whose
// residents live in Lancashire and South Cumbria, as places of that ICB like Blackpool, since
// the chart showed the whole authority's life expectancy with no mark. Now each part's name
// carries "†" (its tooltip and aria-label the headline's "(part: 3.1% of its residents)") and a
// note under the chart names the parts and their shares; the SVG export says the same.
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/places_parts.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useChromium, appUrl, collectErrors } from './chromium.mjs';

const PANEL = '[data-panel="places"]';
const chrome = useChromium();

test('parts of split authorities are marked on the Places chart, in its note and its SVG export', { timeout: 180000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  const errors = collectErrors(page);
  await page.goto(new URL('?v=1&ics=QE1', appUrl).href);
  await page.waitForSelector('canvas[data-chart="waiting_list"]');
  await page.click('[data-control="nav-places"]');
  const cumberland = page.locator(`${PANEL} li[data-place="E06000063"]`);
  await cumberland.waitFor();
  assert.equal(await cumberland.locator('[data-control="place-part-mark"]').innerText(), '†');
  assert.equal(await cumberland.locator('[data-control="place-part-mark"]').getAttribute('title'), 'Cumberland (part: 3.1% of its residents)');
  assert.match(await cumberland.getAttribute('aria-label'), /^Cumberland \(part: 3\.1% of its residents\): /);
  // A place wholly inside the ICB has no mark.
  assert.equal(await page.locator(`${PANEL} li[data-place="E06000009"] [data-control="place-part-mark"]`).count(), 0);
  const note = await page.locator('[data-control="places-parts"]').innerText();
  assert.match(note, /^† Part of an authority split between ICBs; its life expectancy is the whole authority's: /);
  assert.match(note, /Cumberland \(3\.1%( of its residents in this ICB)?\)/);
  assert.match(note, /North Yorkshire \(1\.0%( of its residents in this ICB)?\)/);
  assert.match(note, /Westmorland and Furness \(76%( of its residents in this ICB)?\)/);

  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-svg="places"]')]);
  const text = readFileSync(await svg.path(), 'utf8');
  assert.match(text, />Cumberland†</);
  assert.match(text, /† Part of an authority split between ICBs/);
  await page.close();
  assert.deepEqual(errors, []);
});

test('an ICB with no split authority has no mark and no note', { timeout: 180000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await page.goto(new URL('?v=1&ics=QOP', appUrl).href);
  await page.waitForSelector('canvas[data-chart="waiting_list"]');
  await page.click('[data-control="nav-places"]');
  await page.locator(`${PANEL} li[data-place]`).first().waitFor();
  assert.equal(await page.locator('[data-control="place-part-mark"]').count(), 0);
  assert.equal(await page.locator('[data-control="places-parts"]').count(), 0);
  await page.close();
  assert.deepEqual(errors, []);
});
