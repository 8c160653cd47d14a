// End-to-end: room7 (tenth session), the room and the keyboard, from a new user's findings
// (fresh6, "Workshop facilitator" and "Partners' proposals").
// 1. From "Skip to the levers", the third lever's slider is 7 Tab presses away (18 before):
//    each lever is one Tab stop for its slider and one for its Source and Phasing (a toolbar,
//    the arrows between them); the named values (Page Up/Page Down) and the exact box (Enter)
//    are reached from the slider, and every one of them still works by keyboard.
// 2. The waterfall's figures add up as written (one more decimal where needed), and its bars
//    read as a waterfall: each proposal's bar starts where the one before it ended, on an axis
//    that spans the changes.
// 3. The prediction box's grey text is never a figure.
// 4. No text on the main page at 1280x720 is smaller than 14 px, but the headline cards'.
//   ICS_E2E_URL=http://127.0.0.1:8123/ node --test tests/e2e/room7.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors, lever, setLever, waitValue } from './chromium.mjs';

const chrome = useChromium();

async function open(width, height, errors, address = appUrl + '?v=1&ics=QOP') {
  const context = await chrome.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(address);
  await page.waitForSelector(lever('recruitment_pct'), { state: 'attached' });
  return page;
}

/** What has the keyboard's focus: a lever's slider by its key, else the element's control,
 *  class or tag, and its text. */
const focused = (page) => page.evaluate(() => {
  const e = document.activeElement;
  if (e?.dataset.lever) return `slider ${e.dataset.lever}`;
  if (e?.dataset.leverExact) return `exact ${e.dataset.leverExact}`;
  return `${e?.tagName.toLowerCase()} ${(e?.innerText ?? '').trim().slice(0, 40)}`;
});

test('the third lever is 7 Tab presses from "Skip to the levers", and every control beside a slider still works by keyboard', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /Skip to the levers/);
  await page.keyboard.press('Enter');
  const path = [];
  for (let i = 0; i < 20 && !(await focused(page)).startsWith('slider recruitment_pct'); i += 1) {
    await page.keyboard.press('Tab');
    path.push(await focused(page));
  }
  assert.equal(path.at(-1), 'slider recruitment_pct', `the path: ${path.join(' / ')}`);
  assert.equal(path.length, 7, `7 presses (18 before): ${path.join(' / ')}`);
  assert.deepEqual(path.filter((p) => p.startsWith('slider')), ['slider funding_growth_pct', 'slider extra_funding_gbp_per_head', 'slider recruitment_pct']);
  assert.equal(path.filter((p) => /^summary Source/.test(p)).length, 2, 'one stop for Source and Phasing a lever');
  await page.screenshot({ path: join(artifacts, 'room7-keys-1280x720.png') });
  // The keys are said on the page while the slider has the keyboard, and to screen readers.
  assert.match(await page.locator('.lever:has(#lever-recruitment_pct) .lever-keys').innerText(), /PgUp\/PgDn: named values/);
  const described = await page.locator(lever('recruitment_pct')).getAttribute('aria-describedby');
  const spoken = await page.evaluate((ids) => ids.split(' ').map((id) => document.getElementById(id).textContent).join(' '), described);
  assert.match(spoken, /Page Up and Page Down jump to the named values; Enter types an exact value/);
  assert.equal(await page.locator(lever('recruitment_pct')).getAttribute('aria-keyshortcuts'), 'PageUp PageDown Enter');

  // Named values: Page Up from current (0) to +5% to the international drive (20); Page Down back.
  await page.keyboard.press('PageUp');
  await waitValue(page, lever('recruitment_pct'), 5);
  await page.keyboard.press('PageUp');
  await waitValue(page, lever('recruitment_pct'), 20);
  assert.match(await page.locator('.lever:has(#lever-recruitment_pct) .band-current').innerText(), /international drive/);
  assert.match(await page.locator(lever('recruitment_pct')).getAttribute('aria-valuetext'), /, international drive$/);
  await page.keyboard.press('PageDown');
  await waitValue(page, lever('recruitment_pct'), 5);
  // The arrows still step.
  await page.keyboard.press('ArrowRight');
  await waitValue(page, lever('recruitment_pct'), 6);
  // One gesture each: undo steps back through them.
  await page.keyboard.press('Control+z');
  await waitValue(page, lever('recruitment_pct'), 5);

  // The exact box: Enter from the slider, a value typed, Enter keeps it and hands back.
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'exact recruitment_pct');
  await page.keyboard.type('12');
  await page.keyboard.press('Enter');
  await waitValue(page, lever('recruitment_pct'), 12);
  assert.equal(await focused(page), 'slider recruitment_pct', 'Enter hands the keyboard back');
  // A refused value keeps the box; Escape drops it and hands back.
  await page.keyboard.press('Enter');
  await page.keyboard.type('500');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'exact recruitment_pct', 'a refused value stays to be put right');
  assert.match(await page.locator('[data-lever-message="recruitment_pct"]').innerText(), /outside the range/);
  await page.keyboard.press('Escape');
  assert.equal(await focused(page), 'slider recruitment_pct');
  assert.equal(await page.locator('[data-lever-exact="recruitment_pct"]').inputValue(), '12');
  assert.equal(await page.locator(lever('recruitment_pct')).inputValue(), '12');

  // Tab: "Back to 0%" (shown while moved), then the Source and Phasing toolbar.
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /^button Back to/);
  await page.keyboard.press('Tab');
  assert.match(await focused(page), /^summary Source/);
  const tools = page.locator('.lever-tools:has([data-phasing="recruitment_pct"])');
  assert.equal(await tools.getAttribute('role'), 'toolbar');
  assert.equal(await tools.getAttribute('aria-label'), 'Source and phasing of Recruitment');
  await page.keyboard.press('Enter');
  assert.equal(await tools.locator('.lever-source').getAttribute('open'), '', 'Enter opens Source');
  await page.keyboard.press('ArrowDown');
  assert.match(await focused(page), /^summary Phasing: at once/);
  await page.keyboard.press('Enter');
  await page.locator('[data-phasing-start="recruitment_pct"]').waitFor();
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.phasingStart), 'recruitment_pct', 'Tab goes into the open phasing');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown'); // a later start
  await page.waitForFunction(() => document.querySelector('[data-phasing-words="recruitment_pct"]').textContent !== 'at once');
  // Back out: Shift+Tab to Phasing's summary, then out of the toolbar to the slider's side.
  await page.keyboard.press('Shift+Tab');
  assert.match(await focused(page), /^summary Phasing: from/);
  await page.keyboard.press('Shift+Tab');
  assert.match(await focused(page), /^button Back to/, 'Shift+Tab leaves the toolbar (Source is no longer its stop)');
  // "Back to 0%" by keyboard.
  await page.keyboard.press('Enter');
  await waitValue(page, lever('recruitment_pct'), 0);

  // Screen readers: every named value is a labelled button, out of the Tab order only.
  const bands = await page.$$eval('.lever:has(#lever-recruitment_pct) .band', (bs) => bs.map((b) => [b.tabIndex, b.title, b.textContent]));
  assert.deepEqual(bands.map((b) => b[0]), [-1, -1, -1]);
  for (const [, title, text] of bands) assert.match(title, /^Set to .+ \(.+\)$/, `${text}: ${title}`);
  assert.equal(await page.locator('label[for="lever-recruitment_pct-exact"]').innerText(), 'Exact value');
  // A mouse still sets a named value.
  await page.locator('.lever:has(#lever-recruitment_pct) .band', { hasText: '+5%' }).click();
  await waitValue(page, lever('recruitment_pct'), 5);
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** "−13k patients" → -13000; "8.071 years" → 8.071; "−£98m" → -98; "+1.0 points" → 1; with
 *  the size of its last digit. */
function figure(text) {
  const m = text.replace(/\u2212/g, '-').replace(/[£,+]/g, '').match(/(-?\d+(?:\.(\d+))?)([km]?)/);
  assert.ok(m, `a figure in "${text}"`);
  const scale = { '': 1, k: 1e3, m: 1e6 }[m[3]];
  return { value: Number(m[1]) * scale, digit: scale / 10 ** (m[2]?.length ?? 0) };
}

test('the waterfall adds up as written and its bars start where the one before ended', async () => {
  const errors = [];
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    const page = await open(width, height, errors);
    // fresh6's two proposals for Greater Manchester: the workforce plan, and social care +39%.
    await page.selectOption('[data-control="preset"]', 'workforce_plan');
    await page.click('[data-control="pin"]');
    await page.click('[data-control="reset"]');
    await waitValue(page, lever('recruitment_pct'), 0);
    await setLever(page, 'social_care_pct', 39);
    await page.click('[data-control="pin"]');
    await page.locator('[data-control="waterfall"]').click();
    await page.locator('[data-contribution]').first().waitFor();
    const charts = await page.$$eval('[data-metric-waterfall]', (cs) => cs.map((c) => ({
      metric: c.dataset.metricWaterfall,
      rows: [...c.querySelectorAll('.waterfall-row:not(.waterfall-axis)')].map((r) => {
        const track = r.querySelector('.waterfall-track').getBoundingClientRect();
        const bar = r.querySelector('.waterfall-bar').getBoundingClientRect();
        return { kind: r.className.match(/waterfall-(plans|proposal|interaction|combined)/)[1], text: r.querySelector('.waterfall-value').innerText.replace(/\s+/g, ' '), left: bar.left - track.left, right: bar.right - track.left, width: track.width };
      }),
      rounding: !!c.querySelector('[data-control="waterfall-rounding"]'),
      axis: c.querySelector('.waterfall-axis').innerText.replace(/\s+/g, ' '),
    })));
    assert.equal(charts.length, 4);
    for (const c of charts) {
      const plans = c.rows.find((r) => r.kind === 'plans');
      const combined = c.rows.find((r) => r.kind === 'combined');
      const parts = c.rows.filter((r) => r.kind === 'proposal');
      const total = figure(combined.text);
      const sum = figure(plans.text).value + parts.reduce((s, p) => s + figure(p.text).value, 0);
      // A reader adds the figures up and rounds to the total's last digit.
      if (!c.rounding) {
        assert.ok(Math.abs(sum - total.value) <= total.digit / 2 + 1e-9, `${c.metric}: ${plans.text} ${parts.map((p) => p.text).join(' ')} makes ${sum}, shown ${combined.text}`);
      }
      // Each bar starts where the one before it ended (its left or right end, by direction).
      let end = [plans.left, plans.right];
      for (const p of parts) {
        const starts = [p.left, p.right];
        assert.ok(starts.some((s) => end.some((e) => Math.abs(s - e) < 1.5)), `${c.metric}: "${p.text}" starts where the bar before ended: ${JSON.stringify({ end, starts })}`);
        end = [p.left, p.right];
      }
      // The combined total ends where the last proposal ended.
      assert.ok([combined.left, combined.right].some((s) => end.some((e) => Math.abs(s - e) < 1.5)), `${c.metric}: combined ends at the last step`);
      assert.match(c.axis, /\d/, `${c.metric}: the axis's ends are labelled: ${c.axis}`);
    }
    // fresh6's life-expectancy gap: 8.07, 0.00, 0.00 and 8.06 did not add up; now they do.
    // To two decimals they do not add up here, so the chart writes three.
    const gap = charts.find((c) => c.metric === 'le_gap_years');
    assert.ok(gap, `a life-expectancy gap chart: ${charts.map((c) => c.metric)}`);
    assert.ok(!gap.rounding, 'no rounding note: the figures add up');
    for (const r of gap.rows.filter((r) => r.kind !== 'interaction')) assert.match(r.text, /\d\.\d{3} years/, `three decimals: ${r.text}`);
    // The waiting list's contributions fill a fair part of the width (slivers before).
    const waits = charts.find((c) => c.metric === 'waiting_list');
    const moved = waits.rows.filter((r) => r.kind === 'proposal').reduce((s, r) => s + (r.right - r.left), 0);
    assert.ok(moved > 0.25 * waits.rows[0].width, `the changes are visible: ${moved.toFixed(0)} of ${waits.rows[0].width.toFixed(0)} px`);
    assert.match(waits.axis, /axis not from zero/);
    await page.locator('[data-panel="waterfall"]').scrollIntoViewIfNeeded();
    await page.locator('[data-metric-waterfall="waiting_list"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `room7-waterfall-${width}x${height}.png`) });
    await page.locator('[data-metric-waterfall="cumulative_balance_gbp_m"], [data-metric-waterfall]:last-child').last().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(artifacts, `room7-waterfall-b-${width}x${height}.png`) });
    await page.context().close();
  }
  assert.deepEqual(errors, []);
});

test('the prediction box\'s grey text is never a figure', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  await page.selectOption('[data-control="preset"]', 'workforce_plan');
  await page.click('[data-control="pin"]');
  await page.locator('[data-control="act-prediction-0"]').waitFor();
  const box = await page.locator('[data-control="act-prediction-0"]').getAttribute('placeholder');
  assert.equal(box, '? k', 'a question mark in thousands, for a list of 458k');
  await page.check('[data-control="act-hidden-0"]');
  await page.click('[data-control="present"]');
  await page.keyboard.press('ArrowRight');
  await page.locator('[data-control="prediction"]').waitFor();
  const shown = await page.locator('[data-control="prediction"]').getAttribute('placeholder');
  assert.doesNotMatch(shown, /\d/, `no figure: ${shown}`);
  assert.equal(await page.locator('.projector [data-control="prediction-unit"]').innerText(), 'patients');
  await page.screenshot({ path: join(artifacts, 'room7-prediction-1280x720.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Every piece of text shown on the page smaller than `px`: its size, class and words. */
const smallText = (page, px) => page.evaluate((px) => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const t = walker.currentNode;
    if (!t.textContent.trim()) continue;
    const e = t.parentElement;
    const style = getComputedStyle(e);
    const box = e.getBoundingClientRect();
    if (!box.width || !box.height || style.visibility === 'hidden' || e.closest('.visually-hidden')) continue;
    const size = parseFloat(style.fontSize);
    if (size < px) out.push(`${size.toFixed(1)}px .${[...e.classList].join('.')}: ${t.textContent.trim().slice(0, 30)}`);
  }
  return out;
}, px);

test('no text on the main page at 1280x720 is under 14 px but the headline cards\'; the phone and presenter mode still fit', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  await page.waitForFunction(() => /80%/.test(document.body.innerText));
  for (const d of await page.$$('details')) await d.evaluate((e) => { e.open = true; });
  await page.waitForTimeout(500);
  // The headline cards keep their sizes: larger, they push the first chart below the fold.
  const small = (await smallText(page, 14)).filter((t) => !/ \.headline-(label|change|range)[.:]/.test(t));
  assert.deepEqual(small, [], 'every text at 14 px or more, but the headline cards');
  await page.evaluate(() => document.querySelectorAll('details').forEach((e) => { e.open = false; }));
  await page.screenshot({ path: join(artifacts, 'room7-type-1280x720.png') });
  // Presenter mode still fits 1280x720 without scrolling.
  await page.selectOption('[data-control="preset"]', 'workforce_plan');
  await page.click('[data-control="pin"]');
  await page.click('[data-control="present"]');
  await page.locator('.projector').waitFor();
  const fits = await page.evaluate(() => document.scrollingElement.scrollHeight <= innerHeight + 1 && document.scrollingElement.scrollWidth <= innerWidth + 1);
  assert.ok(fits, 'presenter mode fits 1280x720');
  await page.screenshot({ path: join(artifacts, 'room7-present-1280x720.png') });
  await page.context().close();
  // The phone: nothing wider than the screen.
  const phone = await open(390, 844, errors);
  await phone.waitForTimeout(1000);
  const wide = await phone.evaluate(() => document.scrollingElement.scrollWidth);
  assert.ok(wide <= 390, `nothing wider than the phone: ${wide}`);
  await phone.screenshot({ path: join(artifacts, 'room7-phone-390x844.png'), fullPage: false });
  await phone.context().close();
  assert.deepEqual(errors, []);
});
