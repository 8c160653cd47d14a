// End-to-end: the workshop room's small things (issue 15.4). One gesture is one step of undo
// whatever the input; the presets menu shows the active preset until a lever moves away;
// slider mark labels never overlap (nor a tick cross a label) from 320 to 2560 pixels; the
// page never shows an internal key or a negative zero; the waterfall's colours say better
// or worse by the metric's direction; and on a phone (390x844) the levers are one tap away
// with a headline still in view, and nothing is wider than the screen.
//   ICS_E2E_URL=http://127.0.0.1:8104/ node --test tests/e2e/room.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, artifacts, lever, setLever, waitValue, openFresh } from './chromium.mjs';

const RECRUIT = lever('recruitment_pct');

const chrome = useChromium();

/** A fresh page (no link, no autosave) at this size, once the sliders are on it. */
const open = (width, height, errors) => openFresh(chrome.browser, width, height, errors);

const value = (page, sel) => page.$eval(sel, (e) => Number(e.value));

test('one gesture is one undo step: a drag, two arrow keys and a typed value undo one at a time', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const slider = page.locator(RECRUIT);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const [min, max] = await slider.evaluate((e) => [Number(e.min), Number(e.max)]);
  const start = await value(page, RECRUIT);
  // Chromium's thumb is about 16 px wide: its centre runs from 8 px in to 8 px from the end.
  const xOf = (v) => box.x + 8 + ((v - min) / (max - min)) * (box.width - 16);
  const y = box.y + box.height / 2;
  await page.mouse.move(xOf(start), y);
  await page.mouse.down();
  const seen = new Set();
  for (let i = 1; i <= 12; i += 1) {
    await page.mouse.move(xOf(start + ((20 - start) * i) / 12), y);
    seen.add(await value(page, RECRUIT));
  }
  await page.mouse.up();
  assert.ok(seen.size >= 4, `the drag passed through several values: ${[...seen]}`);
  const dragged = await value(page, RECRUIT);
  assert.ok(Math.abs(dragged - 20) <= 2, `dragged to about 20: ${dragged}`);
  const step = await slider.evaluate((e) => Number(e.step));
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await waitValue(page, RECRUIT, dragged + step);
  await page.keyboard.press('ArrowRight');
  await waitValue(page, RECRUIT, dragged + 2 * step);
  // A typed value: one more step.
  const exact = page.locator('[data-lever-exact="recruitment_pct"]');
  await exact.fill('7');
  await exact.press('Enter');
  await waitValue(page, RECRUIT, 7);

  const walked = [await value(page, RECRUIT)];
  for (let i = 0; i < 4; i += 1) {
    await page.click('[data-control="undo"]');
    await page.waitForFunction(([s, v]) => Number(document.querySelector(s).value) !== v, [RECRUIT, walked.at(-1)]);
    walked.push(await value(page, RECRUIT));
  }
  assert.deepEqual(walked, [7, dragged + 2 * step, dragged + step, dragged, start]);
  assert.equal(await page.locator('[data-control="undo"]').isDisabled(), true, 'nothing left to undo');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the presets menu shows the active preset until a lever moves away from it', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const menu = page.locator('[data-control="preset"]');
  assert.equal(await menu.inputValue(), 'current_plans', 'at current plans the current-plans preset is active');
  await menu.selectOption('workforce_plan');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '50', lever('training_places_pct'));
  assert.equal(await menu.inputValue(), 'workforce_plan');
  await page.locator(RECRUIT).focus();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('[data-control="preset"]').value === '');
  assert.match(await menu.locator('option:checked').innerText(), /set by hand/);
  await page.click('[data-control="undo"]');
  await page.waitForFunction(() => document.querySelector('[data-control="preset"]').value === 'workforce_plan');
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Every slider's marks on the page: label and tick boxes, and what is wrong with them. */
function markProblems() {
  const problems = [];
  let labels = 0;
  let folded = 0;
  const overlap = (a, b, slack = 0.5) =>
    a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
  for (const group of document.querySelectorAll('.lever-bands')) {
    const name = group.getAttribute('aria-label');
    const area = group.getBoundingClientRect();
    const bands = [...group.querySelectorAll('.band')];
    const ticks = [...group.querySelectorAll('.band-tick')].map((t) => t.getBoundingClientRect());
    const shown = bands
      .map((b, i) => ({ i, fit: b.dataset.fit, text: b.textContent, box: b.getBoundingClientRect() }))
      .filter((b) => b.fit !== 'hidden');
    if (bands.some((b) => !b.dataset.fit)) problems.push(`${name}: not laid out`);
    labels += shown.length;
    folded += shown.filter((b) => b.fit === 'folded').length;
    for (const a of shown) {
      if (a.box.left < area.left - 0.5 || a.box.right > area.right + 0.5) problems.push(`${name}: "${a.text}" leaves the track`);
      for (const b of shown) {
        if (b.i > a.i && overlap(a.box, b.box)) problems.push(`${name}: "${a.text}" overlaps "${b.text}"`);
      }
      ticks.forEach((t, j) => {
        if (j !== a.i && overlap(t, a.box, 0.25)) problems.push(`${name}: a tick crosses "${a.text}"`);
      });
      const own = ticks[a.i];
      if (own.left > a.box.right + 0.5 || own.right < a.box.left - 0.5) problems.push(`${name}: "${a.text}" is not under its tick`);
      if (own.bottom > a.box.top + 0.5) problems.push(`${name}: its own tick runs into "${a.text}"`);
    }
  }
  return { problems, labels, folded };
}

test('slider mark labels never overlap and no tick crosses a label, from 320 to 2560 px', async () => {
  const errors = [];
  const page = await open(320, 900, errors);
  const counts = [];
  for (const width of [320, 390, 768, 1280, 1920, 2560]) {
    await page.setViewportSize({ width, height: 900 });
    // On a phone the levers are in the sheet: open it.
    if (await page.locator('[data-control="phone-levers"]').isVisible()) {
      if ((await page.locator('[data-control="phone-levers"]').getAttribute('aria-expanded')) !== 'true') {
        await page.click('[data-control="phone-levers"]');
      }
    }
    // The layout runs on the ResizeObserver's report: two frames.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.waitForFunction(() => [...document.querySelectorAll('.band')].every((b) => b.dataset.fit));
    const { problems, labels, folded } = await page.evaluate(markProblems);
    counts.push(`${width}px: ${labels} labels, ${folded} folded`);
    assert.deepEqual(problems, [], `at ${width} px`);
    assert.ok(labels > 20, `the marks are on the page at ${width} px`);
    if (width >= 768) assert.equal(folded, 0, `nothing folded at ${width} px`);
    if (width === 320 || width === 1280) {
      const slider = page.locator('.lever:has([data-lever="leaver_rate_change_pts"])');
      await slider.scrollIntoViewIfNeeded();
      await slider.screenshot({ path: join(artifacts, `room-marks-${width}.png`) });
      const recruit = page.locator('.lever:has([data-lever="recruitment_pct"])');
      await recruit.screenshot({ path: join(artifacts, `room-marks-recruitment-${width}.png`) });
    }
  }
  console.log(counts.join('; '));
  assert.deepEqual(errors, []);
  await page.context().close();
});

/** Text the user can read or hear: the page's text, options and tooltips. */
function userText() {
  const attrs = ['title', 'aria-label', 'aria-valuetext', 'placeholder', 'alt'];
  const parts = [document.title, document.body.textContent];
  for (const e of document.querySelectorAll(attrs.map((a) => `[${a}]`).join(','))) {
    for (const a of attrs) if (e.hasAttribute(a)) parts.push(e.getAttribute(a));
  }
  return parts.join('\n');
}

/** The lever and assumption keys, from the page's own data attributes. */
const keysOf = (page) =>
  page.evaluate(() => [
    ...new Set(
      [...document.querySelectorAll('[data-lever],[data-assumption]')].map((e) => e.dataset.lever || e.dataset.assumption),
    ),
  ]);

async function assertCleanText(page, keys, where) {
  // Open every disclosure so its text counts as shown.
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await page.waitForTimeout(300);
  const text = await page.evaluate(userText);
  const zero = text.match(/[\u2212-]0\.0+\b[^\n]{0,20}/);
  assert.equal(zero, null, `${where}: a negative zero: ${zero?.[0]}`);
  for (const key of keys) {
    const at = text.indexOf(key);
    assert.equal(at, -1, `${where}: the key ${key} in "${text.slice(Math.max(0, at - 60), at + 40)}"`);
  }
}

test('the page never shows an internal key or a negative zero; the waterfall judges better or worse', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const keys = await keysOf(page);
  assert.ok(keys.includes('recruitment_pct') && keys.length > 20, `keys read from the page: ${keys.length}`);
  await assertCleanText(page, keys, 'current plans');

  // Two partners' proposals: recruitment (shortens waits) and agency cover (money mostly),
  // whose effect on the life-expectancy gap rounds to nothing.
  await setLever(page, 'recruitment_pct', 20);
  await page.click('[data-control="pin"]');
  await page.click('[data-control="reset"]');
  await waitValue(page, RECRUIT, 0);
  await setLever(page, 'agency_cover_pct', 30);
  await page.click('[data-control="pin"]');
  await page.selectOption('[data-control="year"]', '1');
  await page.locator('[data-control="waterfall"]').click();
  await page.locator('[data-contribution]').first().waitFor();
  await assertCleanText(page, keys, 'two proposals, year 1');

  // Waiting list: lower is better, so recruitment's fall is "better" in the better colour.
  const rows = await page.$$eval('[data-metric-waterfall] .waterfall-proposal', (rows) =>
    rows.map((r) => ({
      metric: r.closest('[data-metric-waterfall]').dataset.metricWaterfall,
      text: r.querySelector('.waterfall-value').innerText,
      bar: r.querySelector('.waterfall-bar').className,
      colour: getComputedStyle(r.querySelector('.waterfall-bar')).backgroundColor,
    })),
  );
  const waits = rows.find((r) => r.metric === 'waiting_list' && /^\u2212/.test(r.text));
  assert.ok(waits, `a fall in the waiting list: ${JSON.stringify(rows)}`);
  assert.match(waits.bar, /verdict-better/);
  assert.match(waits.text, /better/);
  assert.equal(waits.colour, 'rgb(0, 122, 90)', 'the better colour (--better)');
  for (const r of rows) {
    const fell = /^\u2212/.test(r.text);
    if (r.metric === 'waiting_list' || r.metric === 'life_expectancy_gap') {
      if (/verdict-(better|worse)/.test(r.bar)) assert.equal(/verdict-better/.test(r.bar), fell, `lower is better: ${JSON.stringify(r)}`);
    }
    if (r.metric === 'within_18_weeks_pct' && /verdict-(better|worse)/.test(r.bar)) {
      assert.equal(/verdict-better/.test(r.bar), !fell, `higher is better: ${JSON.stringify(r)}`);
    }
  }
  await page.locator('[data-metric-waterfall="waiting_list"]').screenshot({ path: join(artifacts, 'room-waterfall.png') });

  // Two proposals setting one lever differently: the message names the lever, not its key.
  await page.click('[data-control="reset"]');
  await setLever(page, 'recruitment_pct', 10);
  await page.click('[data-control="pin"]');
  await page.locator('[data-control="waterfall-error"]').waitFor();
  assert.match(await page.locator('[data-control="waterfall-error"]').innerText(), /both set Recruitment/i);
  await assertCleanText(page, keys, 'a clash');
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('on a phone the levers are one tap away, a headline stays in view, nothing is wider than the screen', async () => {
  const errors = [];
  const page = await open(390, 844, errors);
  // Something in every table: a pin for the comparison, the waterfall open.
  await setLever(page, 'recruitment_pct', 20);
  await page.click('[data-control="pin"]');
  await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
  await page.waitForTimeout(500);
  await page.screenshot({ path: join(artifacts, 'room-phone-top.png') });
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    tables: [...document.querySelectorAll('table')]
      .filter((t) => t.getClientRects().length)
      .map((t) => ({ right: Math.round(t.getBoundingClientRect().right), in: t.closest('[data-control],[data-panel],section')?.className })),
  }));
  assert.ok(widths.page <= 390, `page ${widths.page} px wide`);
  assert.ok(widths.tables.length >= 2, `tables: ${JSON.stringify(widths.tables)}`);
  for (const t of widths.tables) assert.ok(t.right <= 390, `a table reaches ${t.right} px: ${JSON.stringify(t)}`);
  await page.locator('[data-control="scoreboard"]').screenshot({ path: join(artifacts, 'room-phone-scoreboard.png') });

  // From the foot of the page: one tap on Levers.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  // On a phone the page scrolls in its own box (room3): to its foot too.
  await page.evaluate(() => document.querySelector('.page').scrollTo(0, 1e9));
  const button = page.locator('[data-control="phone-levers"]');
  const b = await button.boundingBox();
  assert.ok(b && b.y >= 0 && b.y + b.height <= 844, `the Levers button is on screen: ${JSON.stringify(b)}`);
  await button.click();
  assert.equal(await button.getAttribute('aria-expanded'), 'true');
  const slider = page.locator(RECRUIT);
  await slider.waitFor({ state: 'visible' });
  const sheet = await page.locator('.levers').boundingBox();
  assert.ok(sheet.y > 300, `the sheet leaves the top of the screen: ${sheet.y}`);
  const before = await page.$eval('[data-metric="waiting_list"]', (e) => e.textContent);
  await slider.focus();
  await page.keyboard.press('End');
  await page.waitForFunction((was) => document.querySelector('[data-metric="waiting_list"]').textContent !== was, before);
  const headline = await page.$eval('[data-metric="waiting_list"]', (e) => {
    const r = e.closest('.headline').getBoundingClientRect();
    return { top: r.top, bottom: r.bottom };
  });
  // Scrolled into view to the nearest device pixel (a fractional layout can leave -0.25 px).
  assert.ok(headline.top >= -1 && headline.bottom <= sheet.y, `the changed headline is in view above the sheet: ${JSON.stringify(headline)}, sheet at ${sheet.y}`);
  assert.ok((await page.evaluate(() => document.documentElement.scrollWidth)) <= 390);
  await page.screenshot({ path: join(artifacts, 'room-phone-levers.png') });
  // One tap closes it again.
  await button.click();
  await page.locator('.levers').waitFor({ state: 'hidden' });
  assert.deepEqual(errors, []);
  await page.context().close();
});
