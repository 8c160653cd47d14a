// End-to-end: results beyond anything recorded (fresh-eyes finding 16, money helper). Current
// plans show no warning; a productivity gain of 4% a year shows one under the title naming
// the 18-week share, the record (92.4%, November 2015) and the month it is passed.
//   ICS_E2E_URL=http://127.0.0.1:8133/ node --test tests/e2e/beyond_record.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, artifacts, openFresh, setLever } from './chromium.mjs';

const chrome = useChromium();
const NOTE = '[data-control="beyond-record"]';

test('a scenario past the published record says so, naming the figure, the record and its month', async () => {
  const errors = [];
  const page = await openFresh(chrome.browser, 1280, 900, errors);
  assert.equal(await page.locator(NOTE).count(), 0, 'current plans are within the record');
  await setLever(page, 'productivity_pct', 4);
  await page.waitForSelector(NOTE);
  const text = await page.locator(NOTE).innerText();
  assert.match(text, /Beyond the record: by \w+ \d{4} \d+\.\d% wait under 18 weeks, above the best month NHS England has published since October 2015 \(92\.4%, November 2015\)/);
  await page.locator(NOTE).screenshot({ path: join(artifacts, 'beyond-record-1280.png') });
  await setLever(page, 'productivity_pct', 0.8);
  await page.waitForSelector(NOTE, { state: 'detached' });
  assert.deepEqual(errors, []);
});
