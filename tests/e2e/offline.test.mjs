// Offline use: after one visit, the service worker (src/web/sw.js) has cached the app, so it
// opens and computes with the network cut, including from a link that carries a scenario.
// scripts/test.sh serves dist/ and sets ICS_E2E_URL; run alone with
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/offline.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromium, appUrl as url } from './chromium.mjs';

const WAITING_LIST = '[data-metric="waiting_list"]';

let context;
let page;
const pageErrors = [];

const chrome = useChromium({}, async () => {
  // Playwright's offline emulation covers the service worker's own fetches too.
  context = await chrome.browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'allow' });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(url);
  await waitForWaitingList();
  // The worker registers after load, caches the app on install, then claims the page.
  await page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
});

/** Waits until the headline waiting list shows a number such as "7.12m". */
async function waitForWaitingList() {
  await page.waitForFunction(
    (sel) => /^\d+(\.\d+)?[mk]?$/.test(document.querySelector(sel)?.textContent?.trim() ?? ''),
    WAITING_LIST,
    { timeout: 30_000 },
  );
  return (await page.locator(WAITING_LIST).innerText()).trim();
}

test('the page is controlled by the offline service worker after one visit', async () => {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  assert.equal(scope, new URL(url).href);
  const cached = await page.evaluate(async () => {
    const keys = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) keys.push(request.url);
    }
    return keys;
  });
  assert.ok(cached.some((u) => u.endsWith('.wasm')), `the wasm is cached: ${cached.join(', ')}`);
  assert.ok(cached.some((u) => u.endsWith('.js')), `the JavaScript is cached: ${cached.join(', ')}`);
});

test('with the network cut, a reload still opens the app and shows the waiting list', async () => {
  const online = await waitForWaitingList();
  await context.setOffline(true);
  try {
    // Prove the network really is cut for this page before relying on the cache.
    const direct = await page.evaluate(async (u) => {
      try {
        await fetch(new URL('no-such-file-offline-probe', u), { cache: 'no-store' });
        return 'reached';
      } catch {
        return 'failed';
      }
    }, url);
    assert.equal(direct, 'failed', 'a request for an uncached file fails while offline');

    const response = await page.reload();
    assert.ok(response?.fromServiceWorker(), 'the page came from the service worker');
    const offline = await waitForWaitingList();
    assert.equal(offline, online, 'the same scenario gives the same figure offline');
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.setOffline(false);
  }
});

test('with the network cut, a link carrying a scenario opens it', async () => {
  const link = new URL(url);
  link.search = 'v=1&m=2&ics=england&recruitment_pct=20';
  await context.setOffline(true);
  try {
    const response = await page.goto(link.href);
    assert.ok(response?.fromServiceWorker(), 'the page came from the service worker');
    assert.match(await waitForWaitingList(), /^\d+(\.\d+)?[mk]?$/);
    assert.deepEqual(pageErrors, []);
  } finally {
    await context.setOffline(false);
  }
});
