// End-to-end: share, save and compare. Scenario links (the URL mirrors the scenario; a
// broken link opens what it can and says what it could not), autosave across reloads and
// corrupted storage. Each test has a fresh browser context, so fresh local storage.
// Run by scripts/test.sh against the release build:
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, collectErrors, appUrl as url, artifacts } from './chromium.mjs';

const STORAGE_KEY = 'ics-whatif.saved';
const BACKUP_KEY = 'ics-whatif.saved.backup';
const CHART = 'canvas[data-chart="waiting_list"]';
const NOTICES = '[data-control="notices"]';
const metric = (key) => `[data-metric="${key}"]`;
const lever = (key) => `input[data-lever="${key}"]`;

const chrome = useChromium();
let page;
let pageErrors = [];

beforeEach(async () => {
  await page?.close();
  pageErrors = [];
  // A new page is a new browser context: empty local storage.
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  collectErrors(page, pageErrors);
});

/** Opens `address` and waits for the first chart to be drawn. */
async function open(address) {
  await page.goto(address);
  await page.waitForSelector(CHART);
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
}

const value = (key) => page.$eval(metric(key), (e) => Number(e.dataset.value));
const sliderValue = (key) => page.locator(lever(key)).inputValue();

/** Moves a lever with the keyboard and waits for the waiting list to be recomputed. */
async function press(key, keyName) {
  const before = await page.$eval(metric('waiting_list'), (e) => e.dataset.value);
  await page.locator(lever(key)).focus();
  await page.keyboard.press(keyName);
  await page.waitForFunction(
    ([sel, was]) => document.querySelector(sel).dataset.value !== was,
    [metric('waiting_list'), before],
  );
}

test('a scenario link opens with its levers set and its figures', async () => {
  await open(url);
  const defaultList = await value('waiting_list');
  await open(`${url}?v=1&m=2&ics=QE1&recruitment_pct=20&social_care_pct=39`);
  assert.equal(await sliderValue('recruitment_pct'), '20');
  assert.equal(await sliderValue('social_care_pct'), '39');
  assert.equal(await page.locator('select[data-control="system"]').inputValue(), 'QE1');
  assert.notEqual(await value('waiting_list'), defaultList, 'the figures are the link’s, not England’s defaults');
  assert.equal(await page.locator(NOTICES).count(), 0, 'a good link gives no message');
  assert.deepEqual(pageErrors, []);
});

test('the page URL follows the scenario, and Copy link gives that link', async () => {
  await open(url);
  await press('recruitment_pct', 'End');
  await page.waitForFunction(() => location.search.includes('recruitment_pct=50'));
  const search = new URL(page.url()).searchParams;
  assert.equal(search.get('v'), '1');
  assert.equal(search.get('ics'), 'england');
  assert.equal(search.get('recruitment_pct'), '50');
  assert.equal(search.get('social_care_pct'), null, 'levers at their defaults are left out');
  await page.click('[data-control="copy-link"]');
  const link = await page.locator('[data-control="link"]').inputValue();
  // The chosen month rides at the end of the link (issue 14.5).
  assert.match(link, /\?v=1&m=2&ics=england&recruitment_pct=50&month=\d{4}-\d{2}$/);
  // The clipboard answers asynchronously: wait for the status rather than read it at once.
  await page.waitForFunction(
    () => /Link (copied|selected)/.test(document.querySelector('[data-control="copy-status"]')?.textContent ?? ''),
    null,
    { timeout: 10000 },
  );
  // The copied link opens the same scenario.
  await open(link);
  assert.equal(await sliderValue('recruitment_pct'), '50');
  assert.deepEqual(pageErrors, []);
});

test('a broken link opens the valid rest and lists each problem until dismissed', async () => {
  await open(`${url}?v=1&ics=england&bogus_lever=3&recruitment_pct=500&social_care_pct=39`);
  const notices = page.locator(NOTICES);
  await notices.waitFor();
  const text = await notices.innerText();
  assert.match(text, /could not all be applied/);
  assert.match(text, /bogus_lever/, 'names the unknown key');
  assert.match(text, /recruitment_pct.*out of range/, 'names the out-of-range value');
  assert.equal(await sliderValue('social_care_pct'), '39', 'the valid rest is applied');
  assert.equal(await sliderValue('recruitment_pct'), '0', 'the bad value is not');
  assert.ok((await value('waiting_list')) > 0);
  await page.screenshot({ path: join(artifacts, 'broken-link.png') });
  await page.click('[data-control="dismiss-notices"]');
  assert.equal(await page.locator(NOTICES).count(), 0);
  assert.deepEqual(pageErrors, []);
});

test('the working scenario survives a reload (autosave)', async () => {
  await open(url);
  await press('social_care_pct', 'End');
  const set = await sliderValue('social_care_pct');
  await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('social_care_pct'), STORAGE_KEY);
  await open(url); // no query: the autosaved scenario opens
  assert.equal(await sliderValue('social_care_pct'), set);
  // A link wins over autosave.
  await open(`${url}?v=1&ics=england&recruitment_pct=7`);
  assert.equal(await sliderValue('recruitment_pct'), '7');
  assert.equal(await sliderValue('social_care_pct'), '0');
  assert.deepEqual(pageErrors, []);
});

test('corrupted storage is reported, set aside, and the page still works', async () => {
  await open(url);
  await page.evaluate((k) => localStorage.setItem(k, '{"format": "ics-whatif-saved", garbage'), STORAGE_KEY);
  await open(url);
  const notices = page.locator(NOTICES);
  await notices.waitFor();
  assert.match(await notices.innerText(), /saved scenarios could not all be read/i);
  assert.equal(
    await page.evaluate((k) => localStorage.getItem(k), BACKUP_KEY),
    '{"format": "ics-whatif-saved", garbage',
    'the bad text is kept under the backup key',
  );
  await press('recruitment_pct', 'End');
  assert.equal(await sliderValue('recruitment_pct'), '50');
  await page.click('[data-control="dismiss-notices"]');
  assert.equal(await notices.count(), 0);
  assert.deepEqual(pageErrors, []);
});

test('undo and redo step through lever changes (buttons and keys), and reset is undoable', async () => {
  await open(url);
  await press('recruitment_pct', 'End');
  await press('social_care_pct', 'End');
  assert.equal(await sliderValue('recruitment_pct'), '50');
  const careMax = await sliderValue('social_care_pct');
  await page.click('[data-control="undo"]');
  assert.equal(await sliderValue('social_care_pct'), '0');
  assert.equal(await sliderValue('recruitment_pct'), '50');
  // Ctrl+Z with the focus outside any text box undoes too.
  await page.locator('h1').click();
  await page.keyboard.press('Control+z');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '0', lever('recruitment_pct'));
  assert.ok(await page.locator('[data-control="undo"]').isDisabled(), 'nothing left to undo');
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '50', lever('recruitment_pct'));
  assert.equal(await sliderValue('social_care_pct'), '0');
  await page.click('[data-control="redo"]');
  assert.equal(await sliderValue('social_care_pct'), careMax);
  // Ctrl+Z while typing in an exact-value box is the box's own undo, not the app's.
  const exact = page.locator('input.lever-exact-input').first();
  await exact.focus();
  await page.keyboard.press('Control+z');
  assert.equal(await sliderValue('social_care_pct'), careMax);
  await page.click('[data-control="reset"]');
  assert.equal(await sliderValue('recruitment_pct'), '0');
  assert.equal(await sliderValue('social_care_pct'), '0');
  assert.ok(await page.locator('[data-control="reset"]').isDisabled());
  await page.click('[data-control="undo"]');
  assert.equal(await sliderValue('recruitment_pct'), '50');
  await page.screenshot({ path: join(artifacts, 'toolbar-undo.png') });
  assert.deepEqual(pageErrors, []);
});

test('the scenario downloads as JSON and the figures as CSV', async () => {
  await open(`${url}?v=1&ics=QE1&social_care_pct=39`);
  const [json] = await Promise.all([page.waitForEvent('download'), page.click('[data-control="download-json"]')]);
  assert.match(json.suggestedFilename(), /\.json$/);
  const scenario = JSON.parse(readFileSync(await json.path(), 'utf8'));
  assert.equal(scenario.format, 'ics-whatif-scenario');
  assert.equal(scenario.ics, 'QE1');
  assert.equal(scenario.levers.social_care_pct, 39);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-control="download-csv"]')]);
  assert.match(csv.suggestedFilename(), /\.csv$/);
  const text = readFileSync(await csv.path(), 'utf8');
  // What the file shows comes first, as comment lines (issue 14.6), then the header.
  assert.match(text.split('\n')[0], /^# area: /);
  assert.match(text.split('\n').find((l) => !l.startsWith('#')), /^month,/);
  assert.ok(text.split('\n').length > 120 * 6, 'a row per month and fifth');
  assert.deepEqual(pageErrors, []);
});

test('opening a bad scenario file changes nothing and says why; a good one applies', async () => {
  await open(`${url}?v=1&ics=england&recruitment_pct=5`);
  const upload = page.locator('[data-control="upload-json"]');
  await upload.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "nonsense", "levers": 3') });
  const notices = page.locator(NOTICES);
  await notices.waitFor();
  assert.match(await notices.innerText(), /not opened, and nothing has changed/);
  assert.equal(await sliderValue('recruitment_pct'), '5');
  await page.click('[data-control="dismiss-notices"]');
  const good = JSON.stringify({ format: 'ics-whatif-scenario', version: 1, model_version: 2, ics: 'england', years: 10, levers: { social_care_pct: 20 }, assumptions: {} });
  await upload.setInputFiles({ name: 'good.json', mimeType: 'application/json', buffer: Buffer.from(good) });
  await page.waitForFunction((sel) => document.querySelector(sel).value === '20', lever('social_care_pct'));
  assert.equal(await sliderValue('recruitment_pct'), '0', 'the file replaces the whole scenario');
  assert.equal(await page.locator(NOTICES).count(), 0);
  assert.deepEqual(pageErrors, []);
});

test('a preset loads its levers, says why, and is undoable', async () => {
  await open(url);
  await page.selectOption('[data-control="preset"]', 'social_care_fixed');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '39', lever('social_care_pct'));
  assert.equal(await page.locator('[data-control="preset"]').inputValue(), 'social_care_fixed', 'the menu shows the active preset (issue 15.4)');
  await page.click('[data-control="preset-notes"] summary');
  assert.match(await page.locator('[data-control="preset-notes"]').innerText(), /held by people fit to leave/);
  await page.selectOption('[data-control="preset"]', 'workforce_plan');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '0', lever('social_care_pct'));
  assert.equal(await sliderValue('training_places_pct'), '50');
  await page.click('[data-control="undo"]');
  assert.equal(await sliderValue('social_care_pct'), '39');
  await page.screenshot({ path: join(artifacts, 'presets.png') });
  assert.deepEqual(pageErrors, []);
});

test('pinned scenarios are named, overlaid in the legend, compared in a table, and saved', async () => {
  await open(url);
  await page.selectOption('[data-control="preset"]', 'social_care_fixed');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '39', lever('social_care_pct'));
  await page.click('[data-control="pin"]');
  await page.selectOption('[data-control="preset"]', 'workforce_plan');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '50', lever('training_places_pct'));
  await page.click('[data-control="pin"]');
  const compare = page.locator('[data-control="compare"]');
  await compare.waitFor();
  const first = await page.locator('[data-control="pin-name-0"]').inputValue();
  const second = await page.locator('[data-control="pin-name-1"]').inputValue();
  // A pin of a preset is named after it (ninth session), not its list of levers.
  assert.equal(first, 'Social care fixed');
  assert.equal(second, 'Workforce plan delivered');
  const legend = await page.locator('canvas[data-chart="waiting_list"]').locator('xpath=ancestor::figure').locator('.legend').innerText();
  assert.ok(legend.includes(first) && legend.includes(second), `both pins in the legend: ${legend}`);
  assert.match(await page.locator('[data-lever-row="social_care_pct"]').innerText(), /\+39%/);
  assert.ok((await page.locator('[data-lever-row="social_care_pct"] td.changed').count()) >= 1, 'a change is marked');
  // Renaming a pin, and pins surviving a reload.
  await page.locator('[data-control="pin-name-0"]').fill('Fix social care');
  await page.locator('[data-control="pin-name-0"]').press('Tab');
  await page.waitForFunction((k) => (localStorage.getItem(k) || '').includes('Fix social care'), STORAGE_KEY);
  await compare.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'pinned-compare.png'), fullPage: true });
  await open(url);
  assert.equal(await page.locator('[data-control="pin-name-0"]').inputValue(), 'Fix social care');
  assert.equal(await page.locator('[data-control="pin-name-1"]').inputValue(), second);
  // Updating a pin from the working scenario: a given name is kept, an automatic one remade.
  // The working scenario is the second pin's, so that pin has nothing to update with.
  assert.ok(await page.locator('[data-control="update-pin-1"]').isDisabled(), 'a pin equal to the working scenario');
  await page.locator(lever('recruitment_pct')).focus();
  await page.keyboard.press('End');
  await page.waitForFunction(() => !document.querySelector('[data-control="update-pin-1"]').disabled);
  await page.click('[data-control="update-pin-0"]');
  await page.waitForFunction(() => /\+50%/.test(document.querySelector('[data-lever-row="recruitment_pct"]').innerText));
  assert.equal(await page.locator('[data-control="pin-name-0"]').inputValue(), 'Fix social care', 'the given name is kept');
  assert.ok(await page.locator('[data-control="update-pin-0"]').isDisabled(), 'the pin is now the working scenario');
  await page.click('[data-control="update-pin-1"]');
  await page.waitForFunction((was) => document.querySelector('[data-control="pin-name-1"]').value !== was, second);
  assert.match(await page.locator('[data-control="pin-name-1"]').inputValue(), /[Rr]ecruitment \+50%/, 'the automatic name is remade');
  await page.click('[data-control="unpin-0"]');
  assert.match(await page.locator('[data-control="pin-name-0"]').inputValue(), /[Rr]ecruitment \+50%/);
  assert.deepEqual(pageErrors, []);
});

test("a pin for another area is judged against that area's current plans", async () => {
  await open(url);
  // England's current plans, pinned; then the working area becomes an ICB.
  await page.click('[data-control="pin"]');
  await page.selectOption('select[data-control="system"]', 'QOP');
  await page.waitForFunction(() => /Manchester/.test(document.querySelector('.tagline').textContent));
  const compare = page.locator('[data-control="compare"]');
  await compare.waitFor();
  assert.match(await compare.locator('tr').filter({ hasText: 'Area' }).innerText(), /England/);
  // England's own current plans: no purpose better or worse, though Manchester's differ.
  const changed = await compare.locator('tr[data-score-row] td.changed').count();
  assert.equal(changed, 0, 'the England pin is level with England current plans');
  assert.deepEqual(pageErrors, []);
});

// Presenter mode is now the projector view (issue 15.1, tests/e2e/workshop.test.mjs): the
// toolbar is hidden with the rest of the page, so focus and leaving go through the act bar's
// one Leave button, and the view itself is the visible element.
test('presenter mode: large type, levers hidden, ? for help, arrows step through pinned acts', async () => {
  await open(url);
  await page.selectOption('[data-control="preset"]', 'social_care_fixed');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '39', lever('social_care_pct'));
  await page.click('[data-control="pin"]');
  await page.selectOption('[data-control="preset"]', 'prevention_first');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '0', lever('social_care_pct'));
  await page.click('[data-control="pin"]');
  await page.click('[data-control="reset"]');
  await page.click('[data-control="present"]');
  assert.ok(await page.locator('[data-control="projector"]').isVisible());
  assert.equal(await page.locator('section.levers').isVisible(), false, 'the lever panel is hidden');
  await page.locator('[data-control="act"]').click();
  await page.keyboard.press('?');
  await page.locator('[data-control="help"]').waitFor();
  assert.match(await page.locator('[data-control="help"]').innerText(), /Ctrl\+Z/);
  await page.keyboard.press('Escape');
  assert.equal(await page.locator('[data-control="help"]').count(), 0);
  // The help is modal: focus starts on Close, Tab keeps it in the dialog, and closing hands
  // it back to the control that had it.
  await page.locator('[data-control="leave"]').focus();
  await page.keyboard.press('?');
  await page.locator('[data-control="help"]').waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.dataset.control ?? document.activeElement?.tagName);
  assert.equal(await focused(), 'close-help');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'close-help', 'Tab stays in the dialog');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await focused(), 'close-help', 'Shift+Tab stays in the dialog');
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.dataset.control === 'leave');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /Act 1 of 2/.test(document.querySelector('[data-control="act"]').textContent));
  assert.equal(await sliderValue('social_care_pct'), '39', 'act 1 is the first pin');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /Act 2 of 2/.test(document.querySelector('[data-control="act"]').textContent));
  assert.equal(await sliderValue('social_care_pct'), '0');
  assert.equal(await sliderValue('prevention_gbp_per_head'), '40');
  await page.screenshot({ path: join(artifacts, 'presenter-mode.png') });
  await page.click('[data-control="leave"]');
  assert.ok(await page.locator('section.levers').isVisible());
  assert.deepEqual(pageErrors, []);
});

test('predict, then reveal hides the scenario figures until revealed', async () => {
  await open(`${url}?v=1&ics=england&recruitment_pct=20`);
  const shown = await page.locator(metric('waiting_list')).innerText();
  await page.click('[data-control="predict"]');
  assert.equal(await page.locator(metric('waiting_list')).innerText(), '?');
  assert.equal(await page.locator(metric('waiting_list')).getAttribute('data-value'), null, 'not even in the page source');
  assert.equal(await page.locator('[data-control="scoreboard"]').count(), 0);
  assert.match(await page.locator('[data-readout="waiting_list"]').innerText(), /hidden until revealed/);
  await page.screenshot({ path: join(artifacts, 'predict-hidden.png') });
  await page.click('[data-control="reveal"]');
  assert.equal(await page.locator(metric('waiting_list')).innerText(), shown);
  assert.equal(await page.locator('[data-control="scoreboard"]').count(), 1);
  assert.deepEqual(pageErrors, []);
});
