// End-to-end (ninth session): when a change set "at once" acts. Projections start at the last
// published month (March 2025), which can be long before today; a new user read levers set
// "at once" in December 2026 as acting from today, when they act from March 2025 and so do
// about twice what a change decided today could do by 2029. The lever panel says when "at
// once" acts and offers one step, "Start every change from December 2026", that phases each
// moved lever to start this month; the brief says it too. The clock is fixed by Playwright.
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/start_today.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useChromium, appUrl, collectErrors, lever, setLever } from './chromium.mjs';

const chrome = useChromium();
const NOTE = '[data-control="levers-start"]';
const BUTTON = '[data-control="start-from-today"]';

async function open(errors, now, query = '') {
  const context = await chrome.browser.newContext({ viewport: { width: 1280, height: 720 } });
  await context.clock.setFixedTime(new Date(now));
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(appUrl + query);
  await page.waitForSelector(lever('recruitment_pct'));
  return page;
}

const listHeadline = (page) =>
  page.locator('.headline-value[data-metric="waiting_list"]').first().innerText();

test('the levers say when "at once" acts and start every change from today in one undoable step', async () => {
  const errors = [];
  const page = await open(errors, '2026-12-15T12:00:00Z', '?v=1&ics=QOP&years=5');
  const note = page.locator(NOTE);
  assert.equal(
    (await note.innerText()).trim(),
    'Projections start in March 2025, the last published month, 21 months before today (December 2026): a change set at once acts from March 2025. To start a change later, open its Phasing.',
  );
  assert.equal(await page.locator(BUTTON).count(), 0, 'no button while no lever is moved');

  await setLever(page, 'recruitment_pct', 10);
  await setLever(page, 'productivity_pct', 1.5);
  await page.waitForFunction(() => /recruitment_pct=10/.test(location.search) && /productivity_pct=1.5/.test(location.search));
  const atOnce = await listHeadline(page);
  await page.click(BUTTON);
  await page.waitForFunction(() => /recruitment_pct=10@2026-12/.test(location.search));
  assert.match(decodeURIComponent(await page.evaluate(() => location.search)), /productivity_pct=1\.5@2026-12/);
  assert.equal(await page.locator('[data-phasing-words="recruitment_pct"]').innerText(), 'from December 2026');
  // Starting 21 months later, the same levers shorten the list less by March 2029.
  await page.waitForFunction((before) =>
    document.querySelector('.headline-value[data-metric="waiting_list"]')?.innerText !== before, atOnce);
  const fromToday = await listHeadline(page);
  const k = (t) => Number(t.replace(/[^0-9.]/g, ''));
  assert.ok(k(fromToday) > k(atOnce), `${fromToday} should be longer than ${atOnce}`);
  assert.equal(await page.locator(BUTTON).count(), 0, 'nothing left to start from today');

  // The phasing menu names the start and today.
  await page.click('[data-phasing="recruitment_pct"] summary');
  const options = await page.locator('#phasing-recruitment_pct-start option').allInnerTexts();
  assert.equal(options[0], 'March 2025 (the start: last published)');
  assert.ok(options.includes('December 2026 (today)'), options.slice(18, 24).join(' / '));

  // One step of undo brings "at once" back.
  await page.keyboard.press('Escape');
  await page.click('[data-control="undo"]');
  await page.waitForFunction(() => /recruitment_pct=10(&|$)/.test(location.search));
  assert.equal(await page.locator(BUTTON).count(), 1);

  // The brief says when changes set at once act.
  await page.click('[data-control="open-brief"]');
  assert.match(
    await page.locator('[data-control="brief-at-once"]').innerText(),
    /^Projections start in March 2025, the last published month, 21 months before today \(December 2026\): a change set at once acts from March 2025\.$/,
  );
  await page.context().close();
  assert.deepEqual(errors, []);
});

test('with today in the first month there is nothing to say', async () => {
  const errors = [];
  const page = await open(errors, '2025-04-10T12:00:00Z', '?v=1&ics=england&recruitment_pct=10');
  assert.equal(await page.locator(NOTE).count(), 0);
  await page.context().close();
  assert.deepEqual(errors, []);
});
