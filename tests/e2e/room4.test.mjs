// End-to-end: the workshop room as a facilitator runs it (room4, seventh session; fresh-eyes
// findings 1.1, 1.2, 1.5, 2.1, 2.7). Acts set to open hidden keep their secret before their
// turn (charts, legends, readouts, the pinned table, the partners' proposals, the brief); the
// prediction box takes Enter and Esc from the keyboard so R reveals; opening a workshop link
// over the user's own pins says so and Undo brings them back; the prediction box shows its
// unit and refuses a figure in the wrong one.
//   ICS_E2E_URL=http://127.0.0.1:8134/ node --test tests/e2e/room4.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, openFresh, pinThreeOfYourOwn } from './chromium.mjs';

const chrome = useChromium();
const open = (width, height, errors, address = appUrl) => openFresh(chrome.browser, width, height, errors, address);

/** Lancashire and South Cumbria with two acts, both set to open hidden, none open. */
const WORKSHOP = '?v=1&ics=QE1'
  + '&act=ics:QE1;social_care_pct:39;name:Social%20care%20plan;partner:Social%20care;opens_hidden:true'
  + '&act=ics:QE1;recruitment_pct:20;name:Workforce%20plan;partner:NHS%20providers;opens_hidden:true';

/** What the page shows of each pin: legend entries, the readouts' text, the hidden cells
 *  of the pinned table by pin, the partners' proposals, the brief's button. */
const shown = (page) => page.evaluate(() => ({
  legendPins: document.querySelectorAll('.charts [data-legend-pin]').length,
  // textContent: a chart scrolled out of view skips its rendering (content-visibility), and
  // innerText would read it as empty.
  readouts: [...document.querySelectorAll('.charts [data-readout]')].map((e) => e.textContent).join(' | '),
  hidden0: document.querySelectorAll('[data-control="compare"] [data-hidden-pin="0"]').length,
  hidden1: document.querySelectorAll('[data-control="compare"] [data-hidden-pin="1"]').length,
  table: [...document.querySelectorAll('[data-control="compare"] [data-board-row], [data-control="compare"] [data-score-row]')]
    .map((tr) => tr.innerText).join('\n'),
  waterfall: !!document.querySelector('[data-control="waterfall"]'),
}));

test('acts set to open hidden keep their secret until each is revealed, brief included', async () => {
  const errors = [];
  const page = await open(1920, 1080, errors, appUrl + WORKSHOP);
  await page.locator('[data-control="acts"]').waitFor();
  await page.waitForSelector('.charts [data-readout]');
  await page.screenshot({ path: join(artifacts, 'room4-before-any-act.png') });
  let s = await shown(page);
  assert.equal(s.legendPins, 0, 'no hidden act is named in a chart legend');
  assert.doesNotMatch(s.readouts, /Social care plan|Workforce plan/, 'nor in a chart readout');
  assert.ok(s.hidden0 >= 5 && s.hidden1 >= 5, `both acts' figures are hidden in the table: ${s.table}`);
  assert.doesNotMatch(s.table, /better|worse|\(cost\)/, 'no verdict of a hidden act in the table');
  assert.equal(s.waterfall, false, "the partners' proposals would split each hidden act's effect");

  // Act 1 opens hidden; R reveals it; act 2 still keeps its secret.
  await page.click('[data-control="open-act-0"]');
  await page.locator('[data-control="reveal"]').waitFor();
  await page.keyboard.press('r');
  await page.locator('[data-control="reveal"]').waitFor({ state: 'detached' });
  await page.waitForFunction(() => document.querySelectorAll('.charts [data-legend-pin]').length > 0);
  s = await shown(page);
  assert.equal(s.hidden0, 0, 'act 1, revealed, is shown in the table');
  assert.ok(s.hidden1 >= 5, `act 2 is still hidden in the table: ${s.table}`);
  assert.match(s.readouts, /Social care plan/, 'act 1 is in the readouts');
  assert.doesNotMatch(s.readouts, /Workforce plan/, 'act 2 is not');
  assert.equal(s.waterfall, false);
  await page.screenshot({ path: join(artifacts, 'room4-act1-revealed.png') });

  // The brief now: act 1's figures, nothing of act 2.
  await page.click('[data-control="open-brief"]');
  await page.locator('[data-control="brief-figures"]').waitFor();
  const brief = await page.locator('[data-control="brief"]').innerText();
  assert.doesNotMatch(brief, /Workforce plan/, 'the brief leaves the hidden act out');
  await page.click('[data-control="brief-close"]');

  // Act 2 opens hidden: the brief is withheld until it is revealed.
  await page.click('[data-control="open-act-1"]');
  await page.locator('[data-control="reveal"]').waitFor();
  await page.click('[data-control="open-brief"]');
  await page.locator('[data-control="brief-hidden"]').waitFor();
  assert.equal(await page.locator('[data-control="brief-figures"]').count(), 0, 'no figures while hidden');
  await page.screenshot({ path: join(artifacts, 'room4-brief-hidden.png') });
  await page.click('[data-control="brief-close"]');
  await page.locator('[data-control="reveal"]').click();
  await page.locator('[data-control="reveal"]').waitFor({ state: 'detached' });
  s = await shown(page);
  assert.equal(s.hidden0 + s.hidden1, 0, 'both revealed: both shown');
  assert.match(s.readouts, /Workforce plan/);
  assert.equal(s.waterfall, true, "the partners' proposals once every act is revealed");
  assert.deepEqual(errors, []);
});

test('in presenter mode Enter keeps the prediction and leaves the box, so R reveals; Esc leaves the box', async () => {
  const errors = [];
  const page = await open(1280, 720, errors, appUrl + WORKSHOP);
  await page.click('[data-control="present"]');
  await page.locator('[data-control="projector"]').waitFor();
  await page.keyboard.press('ArrowRight');
  const box = page.locator('[data-control="projector"] [data-control="prediction"]');
  await box.waitFor();
  assert.equal(await page.locator('[data-control="projector"] [data-control="prediction-unit"]').innerText(), 'patients');
  await box.focus();
  await page.keyboard.type('240k');
  await page.keyboard.press('Enter');
  await page.keyboard.press('r');
  const result = page.locator('[data-control="prediction-result"]');
  await result.waitFor();
  assert.match(await result.innerText(), /^Room predicted 240k: model /, 'revealed against 240k');
  await page.screenshot({ path: join(artifacts, 'room4-enter-then-r.png') });

  // Act 2: a half-typed figure, Esc: the box is left as it was, presenter mode stays.
  await page.keyboard.press('ArrowRight');
  await box.waitFor();
  await box.focus();
  await page.keyboard.type('23');
  await page.keyboard.press('Escape');
  assert.equal(await box.evaluate((e) => document.activeElement === e), false, 'Esc leaves the box');
  assert.equal(await box.inputValue(), '', 'and keeps nothing half-typed');
  assert.equal(await page.locator('[data-control="projector"]').count(), 1, 'the first Esc only leaves the box');
  await page.keyboard.press('Escape');
  await page.locator('[data-control="projector"]').waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
});

test("opening a workshop link over the user's pins says so, and Undo brings them back", async () => {
  const errors = [];
  const page = await open(1280, 900, errors, appUrl + '?v=1&ics=QOP');
  // The autosave keeps them; the workshop link opens in the same browser.
  await pinThreeOfYourOwn(page);
  await page.goto(appUrl + WORKSHOP);
  await page.locator('[data-control="notices"]').waitFor();
  const notice = await page.locator('[data-control="notices"]').innerText();
  assert.match(notice, /Opened the workshop: your 3 pinned scenarios were replaced\. Undo brings them back\./);
  assert.equal(await page.locator('[data-control^="pin-name-"]').count(), 2, 'the two acts');
  await page.screenshot({ path: join(artifacts, 'room4-link-over-pins.png') });
  await page.click('[data-control="undo"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 3);
  const names = await page.$$eval('[data-control^="pin-name-"]', (es) => es.map((e) => e.value));
  assert.ok(names.every((n) => /recruit/i.test(n)), `the user's own three pins: ${names}`);
  assert.deepEqual(errors, []);
});

test('the prediction box shows its unit, reads 240k three ways and refuses the wrong unit', async () => {
  const errors = [];
  const page = await open(1280, 900, errors, appUrl + WORKSHOP);
  const box = page.locator('[data-control="act-prediction-0"]');
  await box.waitFor();
  const row = page.locator('[data-act="0"]');
  assert.equal(await row.locator('[data-control="prediction-unit"]').innerText(), 'patients');
  for (const typed of ['240k', '240,000', '0.24m']) {
    await box.fill('');
    await box.fill(typed);
    await box.press('Tab');
    await page.waitForFunction(() => document.querySelector('[data-control="act-prediction-0"]').value === '240k');
    assert.equal(await row.locator('.prediction-error').count(), 0, typed);
  }
  await box.fill('240');
  await box.press('Enter');
  const error = row.locator('.prediction-error');
  await error.waitFor();
  assert.match(await error.innerText(), /not likely.*240k/);
  assert.equal(await box.evaluate((e) => document.activeElement === e), true, 'a refused figure keeps the focus');
  assert.equal(await box.inputValue(), '240', 'and stays in the box to be put right');
  await page.screenshot({ path: join(artifacts, 'room4-prediction-refused.png') });
  await box.press('Escape');
  assert.equal(await box.inputValue(), '240k', 'Esc puts back the kept prediction');
  // A share: 6300 is refused; 63 is kept as 63.0%.
  await page.selectOption('[data-control="act-headline-0"]', 'within_18_weeks_pct');
  await box.fill('6300');
  await box.press('Tab');
  await error.waitFor();
  assert.match(await error.innerText(), /0% to 100%/);
  assert.match(await row.locator('[data-control="prediction-unit"]').innerText(), /%/);
  await box.fill('63');
  await box.press('Tab');
  await page.waitForFunction(() => /^63(\.0)?%$/.test(document.querySelector('[data-control="act-prediction-0"]').value));
  assert.deepEqual(errors, []);
});
