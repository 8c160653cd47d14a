// What every browser script here shares: Debian's Chromium with the flags that keep it off
// the network (TOOLCHAIN.md; Playwright adds --headless), where screenshots go, and the
// served app's URL (scripts/test.sh serves dist/ and sets ICS_E2E_URL). Not a test file:
// `node --test` runs only *.test.mjs.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const appUrl = process.env.ICS_E2E_URL;

export const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

export function ensureArtifacts() {
  mkdirSync(artifacts, { recursive: true });
  return artifacts;
}

export function launchChromium(options = {}) {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs, ...options });
}

/** Collects a page's uncaught errors and console errors into `errors` and returns it. A
 *  plain file page of the site asks for a favicon the site does not have (the app's own page
 *  declares none): that is not an error of the app. */
export function collectErrors(page, errors = []) {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(m.text()));
  return errors;
}

/** The hooks every test file shares, registered where it is called (at a file's top level):
 *  before the file's tests, check that ICS_E2E_URL names the served app, make the artifacts
 *  folder, launch Chromium with `options` (see `launchChromium`) and then run the file's own
 *  `setup(browser)` if it gives one; after them, close Chromium. Returns `{ browser }`, set
 *  once that hook has run. (A file's own top-level `before` would not wait for this one:
 *  Node runs the root's hooks without ordering them, so set-up goes in `setup`.) */
export function useChromium(options = {}, setup = async () => {}) {
  const chrome = { browser: undefined };
  before(async () => {
    assert.ok(appUrl, 'set ICS_E2E_URL to the served app (scripts/test.sh serves dist/ and sets it)');
    ensureArtifacts();
    chrome.browser = await launchChromium(options);
    await setup(chrome.browser);
  });
  after(async () => {
    await chrome.browser?.close();
  });
  return chrome;
}

/** The slider of a lever, by its key. */
export const lever = (key) => `input[data-lever="${key}"]`;

/** Waits until the input at `sel` holds the number `v`. */
export const waitValue = (page, sel, v) =>
  page.waitForFunction(([s, v]) => Number(document.querySelector(s).value) === v, [sel, Number(v)]);

/** Sets a lever as a script would (one input and its change), and waits for its value. */
/** Three pins of the user's own (recruitment +5, +10, +15%), kept by the autosave: what a
 *  workshop file or link is then opened over. */
export async function pinThreeOfYourOwn(page) {
  for (const v of [5, 10, 15]) {
    await setLever(page, 'recruitment_pct', v);
    await page.click('[data-control="pin"]');
  }
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 3);
  await page.waitForTimeout(1500); // the autosave keeps them
}

export async function setLever(page, key, v) {
  await page.locator(lever(key)).evaluate((e, v) => {
    e.value = v;
    e.dispatchEvent(new Event('input', { bubbles: true }));
    e.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(v));
  await waitValue(page, lever(key), v);
}

// The workshop set-up the room and workshop tests share, on a page with two pins and the
// acts table open: pin 0 named `pinName`, partners for both acts, act 1 opening hidden with
// the life-expectancy gap as its second figure and a prediction of 7.2m, and the acts
// reordered (social care first, then recruitment).
export async function setUpActs(page, pinName) {
  await page.fill('[data-control="pin-name-0"]', pinName);
  await page.keyboard.press('Tab');
  await page.selectOption('[data-control="act-partner-0"]', 'NHS providers');
  await page.selectOption('[data-control="act-partner-1"]', 'Social care');
  await page.check('[data-control="act-hidden-1"]');
  await page.selectOption('[data-control="act-second-1"]', 'le_gap_years');
  await page.fill('[data-control="act-prediction-1"]', '7.2m');
  await page.keyboard.press('Tab');
  await page.click('[data-control="act-later-0"]'); // social care first, then recruitment
}

/** A fresh browser profile (no link, no autosave: a new context) at this size on `address`,
 *  its errors collected into `errors`, once the sliders are on the page. */
export async function openFresh(browser, width, height, errors, address = appUrl) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(address);
  await page.waitForSelector(lever('recruitment_pct'), { state: 'attached' });
  return page;
}

/** What a workshop shows, to compare two machines' copies: each act's name, whether it is
 *  open and its settings; the month chosen; the headline figures; the pinned scenarios' table;
 *  whether a prediction is open (the reveal button). */
export const workshopSnapshot = (page) =>
  page.evaluate(() => ({
    acts: [...document.querySelectorAll('[data-control="acts"] tbody tr')].map((tr) => ({
      name: tr.querySelector('th').innerText,
      open: tr.classList.contains('act-open'),
      fields: [...tr.querySelectorAll('select, input')].map((e) => (e.type === 'checkbox' ? e.checked : e.value)),
    })),
    month: document.querySelector('[data-control="year"]').value,
    headlines: [...document.querySelectorAll('.headlines .headline-value')].map((e) => e.textContent),
    table: document.querySelector('[data-control="compare"]').innerText,
    hidden: !!document.querySelector('[data-control="reveal"]'),
  }));
