// A closed sandbox: the release build, used as a person would use it, makes no request
// beyond its own origin, and its Content-Security-Policy (index.html) blocks nothing the app
// needs while still refusing what it should (inline script, other origins).
// scripts/test.sh serves dist/ and sets ICS_E2E_URL; run alone with
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/sandbox.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromium, appUrl as url } from './chromium.mjs';

const CHART = 'canvas[data-chart]';

let context;
let page;
let origin;
/** Every URL the page (or a worker it starts) asked for. */
const requests = [];
const consoleErrors = [];

const chrome = useChromium({}, async () => {
  origin = new URL(url).origin;
  context = await chrome.browser.newContext({ viewport: { width: 1280, height: 720 } });
  // The context sees requests from the page, its frames and service workers alike.
  context.on('request', (r) => requests.push(r.url()));
  // Record CSP violations from the very start, before any of the app's own scripts run.
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || '(inline)'}`);
    });
  });
  page = await context.newPage();
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
  await page.goto(url);
  try {
    await page.waitForSelector(CHART, { timeout: 60_000 });
    await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
  } catch (e) {
    // Say why: a policy violation or a script error is the usual reason the app is missing.
    const seen = await page.evaluate(() => window.__cspViolations).catch(() => 'unknown');
    throw new Error(`the app did not render: ${e.message}; CSP violations: ${JSON.stringify(seen)}; console errors: ${JSON.stringify(consoleErrors)}`);
  }
});

const violations = () => page.evaluate(() => window.__cspViolations.slice());
/** Requests that left the page's own origin. data: and blob: URLs never reach a network. */
const foreign = () =>
  requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin);

test('the page carries the strict Content-Security-Policy', async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert.ok(csp, 'index.html has a CSP meta tag');
  for (const directive of [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ]) {
    assert.ok(csp.includes(directive), `CSP has ${directive}: ${csp}`);
  }
  // No inline script in the built page: the policy would refuse it.
  const inline = await page.$$eval('script:not([src])', (s) =>
    s.filter((e) => !e.type || e.type === 'module' || e.type.includes('javascript')).length,
  );
  assert.equal(inline, 0, 'no inline <script> in the built page');
});

test('the app renders and runs under the policy, and the policy blocks nothing it needs', async () => {
  assert.ok(await page.locator('h1').isVisible(), 'the heading is shown');
  const chart = await page.$eval(CHART, (c) => c.toDataURL());

  // Move a slider with the keyboard: real input events, as a user makes them.
  const slider = page.locator('input[type="range"]').first();
  await slider.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(
    ([sel, was]) => document.querySelector(sel).toDataURL() !== was,
    [CHART, chart],
  );

  // Switch system when the page offers a choice.
  const select = page.locator('select').first();
  if ((await select.count()) > 0) {
    const options = await select.locator('option').evaluateAll((o) => o.map((x) => x.value));
    const other = options.find((v) => v !== (options[0] ?? ''));
    if (other) {
      const before = await page.$eval(CHART, (c) => c.toDataURL());
      await select.selectOption(other);
      await page.waitForFunction(
        ([sel, was]) => document.querySelector(sel).toDataURL() !== was,
        [CHART, before],
      );
    }
  }
  await page.waitForTimeout(300);

  assert.deepEqual(await violations(), [], 'the CSP blocked nothing');
  assert.deepEqual(consoleErrors, [], 'no console errors');
  assert.ok(requests.length > 0, 'requests were recorded');
  assert.deepEqual(foreign(), [], `every request went to ${origin}`);
});

test('the policy is enforced: inline script and other origins are refused', async () => {
  const ran = await page.evaluate(async () => {
    window.__inlineRan = false;
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.appendChild(s);
    let fetched = 'refused';
    try {
      await fetch('https://example.org/');
      fetched = 'allowed';
    } catch {
      // CSP (connect-src 'self') refuses it before any network.
    }
    await new Promise((r) => setTimeout(r, 50));
    return { inline: window.__inlineRan, fetched };
  });
  assert.deepEqual(ran, { inline: false, fetched: 'refused' });
  const seen = await violations();
  assert.ok(seen.some((v) => v.startsWith('script-src')), `inline script refused: ${seen}`);
  assert.ok(seen.some((v) => v.startsWith('connect-src')), `other origin refused: ${seen}`);
  assert.deepEqual(foreign(), [], 'the refused fetch never became a request');
});
