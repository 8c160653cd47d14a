// End-to-end: what issue 15 still missed (fifth session). A held arrow key is one step of
// undo (its auto-repeats join the step its first press opened; separate presses stay a step
// each); on a phone no table is wider than the screen (they reflow as "label: value" rows,
// nothing scrolls sideways) at 320 and 390 pixels; the normal page at 1280x720 shows the top
// of the first chart without scrolling, with a toolbar of at most two rows and a readable
// month menu, and on a phone nothing is hidden under the Levers button; a workshop link
// carries the acts and opens as the same workshop, with the same figures, in a fresh browser
// profile, keeping a hidden prediction hidden.
//   ICS_E2E_URL=http://127.0.0.1:8114/ node --test tests/e2e/room2.test.mjs
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launchChromium, appUrl, ensureArtifacts, collectErrors } from './chromium.mjs';

const lever = (key) => `input[data-lever="${key}"]`;
const RECRUIT = lever('recruitment_pct');
const CHART = 'canvas[data-chart="waiting_list"]';

let browser;
let artifacts;

before(async () => {
  assert.ok(appUrl, 'set ICS_E2E_URL to the served app');
  artifacts = ensureArtifacts();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
});

/** A fresh browser profile (no link, no autosave) at this size, on `address`, once the
 *  sliders are on the page. */
async function open(width, height, errors, address = appUrl) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(address);
  await page.waitForSelector(RECRUIT, { state: 'attached' });
  return page;
}

const value = (page, sel) => page.$eval(sel, (e) => Number(e.value));
const waitValue = (page, sel, v) =>
  page.waitForFunction(([s, v]) => Number(document.querySelector(s).value) === v, [sel, v]);

/** Sets a lever as a script would (one input and its change), and waits for it. */
async function setLever(page, key, v) {
  await page.locator(lever(key)).evaluate((e, v) => {
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(v));
  await waitValue(page, lever(key), v);
}

/** Holds `key` down on the focused element through Chrome's own input pipeline (CDP): one
 *  press, then `repeats` auto-repeats (KeyboardEvent.repeat), then the release. */
async function holdKey(page, key, keyCode, repeats) {
  const cdp = await page.context().newCDPSession(page);
  const event = { key, code: key, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...event, autoRepeat: false });
  for (let i = 0; i < repeats; i += 1) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...event, autoRepeat: true });
  }
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...event });
  await cdp.detach();
}

test('a held arrow key is one undo step; separate presses after it are a step each', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const slider = page.locator(RECRUIT);
  await slider.scrollIntoViewIfNeeded();
  const start = await value(page, RECRUIT);
  const step = await slider.evaluate((e) => Number(e.step));
  // Every keydown the slider hears, with its repeat flag: the browser's own events.
  await slider.evaluate((e) => {
    window.heardKeys = [];
    e.addEventListener('keydown', (k) => window.heardKeys.push(k.repeat));
  });
  await slider.focus();
  await holdKey(page, 'ArrowRight', 39, 7);
  const held = start + 8 * step;
  await waitValue(page, RECRUIT, held);
  const heard = await page.evaluate(() => window.heardKeys);
  assert.deepEqual(heard, [false, true, true, true, true, true, true, true], 'one press, seven repeats');
  // Two presses after it: a step each.
  await page.keyboard.press('ArrowRight');
  await waitValue(page, RECRUIT, held + step);
  await page.keyboard.press('ArrowRight');
  await waitValue(page, RECRUIT, held + 2 * step);

  const walked = [await value(page, RECRUIT)];
  for (let i = 0; i < 3; i += 1) {
    await page.click('[data-control="undo"]');
    await page.waitForFunction(([s, v]) => Number(document.querySelector(s).value) !== v, [RECRUIT, walked.at(-1)]);
    walked.push(await value(page, RECRUIT));
  }
  assert.deepEqual(walked, [held + 2 * step, held + step, held, start], 'the held key undoes in one step');
  assert.equal(await page.locator('[data-control="undo"]').isDisabled(), true, 'nothing left to undo');

  // Right held, then Left held: two steps.
  await slider.focus();
  await holdKey(page, 'ArrowRight', 39, 3);
  await waitValue(page, RECRUIT, start + 4 * step);
  await holdKey(page, 'ArrowLeft', 37, 1);
  await waitValue(page, RECRUIT, start + 2 * step);
  await page.click('[data-control="undo"]');
  await waitValue(page, RECRUIT, start + 4 * step);
  await page.click('[data-control="undo"]');
  await waitValue(page, RECRUIT, start);
  assert.deepEqual(errors, []);
  await page.context().close();
});
