// End-to-end: what keeps a slider drag fast without losing anything. Charts scrolled out of
// view are not redrawn while a slider moves, and catch up when they come back into view or
// the page is printed; the link and the autosave follow a long drag to its last value, though
// they are written at most every 250 ms; a move not yet written is written when the page is
// left.
// Run by scripts/test.sh against the release build:
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { useChromium, appUrl as url, collectErrors } from './chromium.mjs';

const LEVER = 'recruitment_pct';
const SLIDER = `input[data-lever="${LEVER}"]`;
const MC_STATUS = '[data-control="mc-status"]';
// A chart that recruitment moves, below the fold at 1280x720.
const FAR_CHART = 'canvas[data-chart="vacancy_rate_pct"]';
const STORAGE_KEY = 'ics-whatif.saved';

// Playwright turns off Chrome's IPC flooding protection by default; a user's browser has
// it, and it is what stops honouring history writes after about 200 in ten seconds.
const chrome = useChromium({ ignoreDefaultArgs: ['--disable-ipc-flooding-protection'] });
let page;
let pageErrors = [];

beforeEach(async () => {
  await page?.close();
  pageErrors = [];
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  collectErrors(page, pageErrors);
  await page.goto(url);
  await page.waitForSelector(SLIDER);
  await page.waitForFunction((sel) => /all 200 runs/.test(document.querySelector(sel).textContent), MC_STATUS, { timeout: 30000 });
});

const drawing = (sel) => page.$eval(sel, (c) => c.toDataURL());
const inView = (sel) =>
  page.$eval(sel, (c) => {
    const r = c.getBoundingClientRect();
    return r.bottom > 0 && r.top < innerHeight;
  });

/** Moves recruitment to its top and waits for the move and then its fan to be on the page. */
async function recruitToTheTopAndSettle() {
  const staff = await page.$eval('[data-metric="staff_fte"]', (e) => e.dataset.value);
  await page.locator(SLIDER).focus();
  await page.keyboard.press('End');
  // Once the move is on the page, the status counts the new scenario's runs.
  await page.waitForFunction((was) => document.querySelector('[data-metric="staff_fte"]').dataset.value !== was, staff);
  await page.waitForFunction((sel) => /all 200 runs/.test(document.querySelector(sel).textContent), MC_STATUS, { timeout: 30000 });
}

test('a chart out of view is redrawn when it comes back into view, not while it is away', async () => {
  assert.equal(await inView(FAR_CHART), false, 'the chart starts below the fold');
  const far = await drawing(FAR_CHART);
  const near = await drawing('canvas[data-chart="waiting_list"]');
  await recruitToTheTopAndSettle();
  // (Compared here, not in assert.equal: a failure would print two whole PNGs.)
  assert.ok((await drawing('canvas[data-chart="waiting_list"]')) !== near, 'the chart in view was redrawn');
  assert.ok((await drawing(FAR_CHART)) === far, 'the chart out of view was left alone');
  await page.locator(FAR_CHART).scrollIntoViewIfNeeded();
  await page.waitForFunction(([sel, was]) => document.querySelector(sel).toDataURL() !== was, [FAR_CHART, far]);
  // What it caught up to is what a page opened on this scenario draws.
  const caughtUp = await drawing(FAR_CHART);
  const fresh = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  await fresh.goto(page.url());
  await fresh.waitForFunction((sel) => /all 200 runs/.test(document.querySelector(sel)?.textContent), MC_STATUS, { timeout: 30000 });
  await fresh.locator(FAR_CHART).scrollIntoViewIfNeeded();
  await fresh.waitForFunction(([sel, was]) => document.querySelector(sel).toDataURL() === was, [FAR_CHART, caughtUp], { timeout: 5000 });
  await fresh.close();
  assert.deepEqual(pageErrors, []);
});

test('after a long fast drag the link and the autosave hold the last value', async () => {
  const slider = page.locator(SLIDER);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width * 0.5, y);
  await page.mouse.down();
  // 300 moves in a few seconds: more history writes than Chrome honours in ten seconds,
  // had each move written the link.
  for (let i = 1; i <= 300; i++) {
    const phase = (i % 60) / 30;
    await page.mouse.move(box.x + box.width * (0.15 + 0.7 * (phase <= 1 ? phase : 2 - phase)), y);
  }
  await page.mouse.move(box.x + box.width * 0.83, y);
  await page.mouse.up();
  const last = await slider.inputValue();
  await page.waitForFunction(
    ([key, value]) => new URLSearchParams(location.search).get(key) === value,
    [LEVER, last],
    { timeout: 5000 }, // written within 250 ms; room for a loaded machine
  );
  const saved = await page.evaluate((k) => JSON.parse(localStorage.getItem(k)), STORAGE_KEY);
  assert.match(JSON.stringify(saved), new RegExp(`"${LEVER}":${last}\\b`));
  assert.deepEqual(pageErrors, []);
});

test('a move not yet written out is written when the page is left', async () => {
  const slider = page.locator(SLIDER);
  const holds = (value) => new RegExp(`"${LEVER}":${value}\\b`);
  const elsewhere = new URL('boot.js', url).href; // another page of the same site
  // The second move must come within 250 ms of the first one's write; on a loaded machine it
  // can come later (and is then written at once, and the page stays), so the pair of moves
  // is tried again, up to 5 times.
  let next;
  let pending = false;
  for (let attempt = 0; attempt < 5 && !pending; attempt++) {
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    const first = await slider.inputValue();
    await page.waitForFunction(([k, re]) => new RegExp(re).test(localStorage.getItem(k) ?? ''), [STORAGE_KEY, holds(first).source]);
    // A second move inside 250 ms of that write waits its turn; the page is left before the
    // turn comes (in the next task, well inside the 250 ms), so only leaving can write it.
    ({ next, pending } = await page.evaluate(
      async ([sel, k, re, to]) => {
        const s = document.querySelector(sel);
        const staff = () => document.querySelector('[data-metric="staff_fte"]').dataset.value;
        const before = staff();
        s.value = String(Number(s.value) + 1);
        s.dispatchEvent(new Event('input', { bubbles: true }));
        // The app renders in microtasks: spin them (no task can run) until the move is shown.
        for (let i = 0; i < 1000 && staff() === before; i++) await Promise.resolve();
        const pending = !new RegExp(re.replace('VALUE', s.value)).test(localStorage.getItem(k) ?? '');
        if (pending) setTimeout(() => location.assign(to), 0);
        return { next: s.value, pending };
      },
      [SLIDER, STORAGE_KEY, holds('VALUE').source, elsewhere],
    ));
  }
  assert.ok(pending, 'the second move was not yet written when the page was left');
  assert.deepEqual(pageErrors, []);
  await page.waitForURL(elsewhere);
  // Chrome may run the old page's pagehide just after the new page commits: wait for it.
  await page.waitForFunction(([k, re]) => new RegExp(re).test(localStorage.getItem(k) ?? ''), [STORAGE_KEY, holds(next).source]);
  await page.goto(url);
  await page.waitForSelector(SLIDER);
  assert.equal(await page.locator(SLIDER).inputValue(), next, 'autosave kept the last move');
  assert.deepEqual(pageErrors, []);
});

test('printing draws the charts that were out of view before the page is printed', async () => {
  const far = await drawing(FAR_CHART);
  await page.evaluate((sel) => {
    addEventListener('afterprint', () => {
      window.printedChart = document.querySelector(sel).toDataURL();
    });
  }, FAR_CHART);
  await recruitToTheTopAndSettle();
  assert.ok((await drawing(FAR_CHART)) === far, 'out of view, not yet redrawn');
  await page.pdf(); // fires beforeprint, prints, fires afterprint
  assert.ok(await page.evaluate((was) => window.printedChart !== undefined && window.printedChart !== was, far), 'redrawn by the time the page was printed');
  assert.deepEqual(pageErrors, []);
});
