// End-to-end: when the app cannot start (here, its wasm file does not arrive), the page says
// so and what to do, instead of staying blank; until it starts, it says it is loading.
// (A crash after start is covered by tests/web.rs: the message, once, with a reload.)
// Run by scripts/test.sh against the release build:
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromium, appUrl as url } from './chromium.mjs';

const chrome = useChromium();

test('the page says it is loading, and says why if the app cannot start', async () => {
  const page = await chrome.browser.newPage();
  // Hold the wasm back: the loading line shows; then refuse it.
  let release;
  const held = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await held;
    await route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
  });
  await page.goto(url);
  assert.match(await page.locator('[data-control="boot-status"]').innerText(), /Loading ICS What-If/);
  release();
  const error = page.locator('[data-control="boot-error"]');
  await error.waitFor();
  assert.match(await error.innerText(), /could not start in this browser/);
  assert.match(await error.innerText(), /WebAssembly/);
  assert.equal(await page.locator('[data-control="boot-status"]').count(), 0, 'the loading line is replaced');
  await page.close();
});

test('once the app starts, the loading line is gone', async () => {
  const page = await chrome.browser.newPage();
  await page.goto(url);
  await page.waitForSelector('canvas[data-chart="waiting_list"]');
  assert.equal(await page.locator('[data-control="boot-status"]').count(), 0);
  assert.equal(await page.locator('[data-control="boot-error"]').count(), 0);
  await page.close();
});
