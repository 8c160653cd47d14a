// End-to-end: places, tenth session (places7). What a director of public health still
// tripped on in Places and All systems (a new user's trial, /work/fresh6 findings):
// 1. The Area filter finds a council ("Blackpool" finds "Lancashire and South Cumbria (has
//    Blackpool)"), county short forms ("lancs"), official names ("NHS Greater"), a split
//    council in both its ICBs with its share, and says plainly when nothing matches.
// 2. Places names the published period without calling it today ("Published 2022-24: ..."),
//    and "Why life expectancy moved" says "since March 2025".
// 3. The aim table is in the order its caption names, and shows it (the average of men's and
//    women's): Hyndburn (76.6 / 80.0) before Blackburn with Darwen (76.5 / 80.4) reads right.
// 4. All systems' dot column has a labelled scale with its unit, top and bottom, that the dots
//    sit on, and gridlines; readable at 1280x720, 1920x1080 and 390x844.
// 5. £40 a head across Lancashire and South Cumbria aimed at Blackpool is £487 a head there:
//    the Places panel and the board brief warn, against England's public-health grant (£62).
// 6. The Places panel opens in plain words; the method and its numbers are behind "How this is
//    worked out", with a gloss of "Trend by fifth that continues".
// The clock is fixed by Playwright. Screenshots go to tests/e2e/artifacts/places7-*.png.
//   ICS_E2E_URL=http://127.0.0.1:8122/ node --test tests/e2e/places7.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors } from './chromium.mjs';

const PANEL = '[data-panel="places"]';
const ALL = '[data-panel="all-systems"]';
const FILTER = '[data-control="system-filter"]';
const STATUS = '[data-control="system-filter-status"]';
const chrome = useChromium();

/** A fresh profile at this size, its clock fixed at December 2026, on `query`. */
async function open(width, height, errors, query = '') {
  const context = await chrome.browser.newContext({ viewport: { width, height } });
  await context.clock.setFixedTime(new Date('2026-12-01T12:00:00Z'));
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(new URL(query, appUrl).href);
  await page.waitForSelector('canvas[data-chart="waiting_list"]');
  return page;
}

const options = (page) =>
  page.locator('select[data-control="system"] option').evaluateAll((os) => os.map((o) => [o.value, o.textContent.trim()]));

// ---- 1. The Area filter ----

test('the Area filter finds councils, county short forms and official names, and says when nothing matches', { timeout: 120000 }, async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  assert.equal(await page.locator(STATUS).innerText(), '', 'no status before typing');

  await page.fill(FILTER, 'Blackpool');
  assert.deepEqual(await options(page), [
    ['england', 'England'], // the chosen area always stays in the list
    ['QE1', 'Lancashire and South Cumbria (has Blackpool)'],
  ]);
  assert.equal(await page.locator(STATUS).innerText(), '1 area found: Enter opens Lancashire and South Cumbria (has Blackpool).');
  await page.screenshot({ path: join(artifacts, 'places7-filter-blackpool-1280.png') });
  await page.press(FILTER, 'Enter');
  await page.waitForFunction(() => document.querySelector('select[data-control="system"]').value === 'QE1');
  assert.match(await page.locator('.tagline').innerText(), /Lancashire and South Cumbria/);
  assert.equal(await page.locator(FILTER).inputValue(), '');

  // A county's short form, and the ICB's official name.
  await page.fill(FILTER, 'lancs');
  assert.ok((await options(page)).some(([v, t]) => v === 'QE1' && t === 'Lancashire and South Cumbria'));
  await page.fill(FILTER, 'NHS Greater');
  // The chosen area (Lancashire and South Cumbria) stays in the list, by its own name.
  assert.deepEqual(await options(page), [['QOP', 'Greater Manchester'], ['QE1', 'Lancashire and South Cumbria']]);

  // A council split between ICBs: found in both, each with its share; Enter opens the larger.
  await page.fill(FILTER, 'Cumberland');
  const cumberland = await options(page);
  assert.ok(cumberland.some(([v, t]) => v === 'QHM' && /^North East and North Cumbria \(has 97% of Cumberland\)$/.test(t)), JSON.stringify(cumberland));
  assert.ok(cumberland.some(([v, t]) => v === 'QE1' && t === 'Lancashire and South Cumbria (has 3.1% of Cumberland)'), JSON.stringify(cumberland));
  assert.match(await page.locator(STATUS).innerText(), /^2 areas found: Enter opens North East and North Cumbria/);

  // Nothing: said plainly, not a list silently shrunk to the chosen area.
  await page.fill(FILTER, 'Blackpol');
  const none = page.locator(`${STATUS}.none`);
  await none.waitFor();
  assert.equal(await none.innerText(), 'No ICB or council matches “Blackpol”. Type part of an ICB\'s or a council\'s name, such as Manchester or Blackpool.');
  assert.ok(await none.isVisible());
  await page.screenshot({ path: join(artifacts, 'places7-filter-none-1280.png') });
  // Enter with nothing found keeps the area.
  await page.press(FILTER, 'Enter');
  assert.equal(await page.locator('select[data-control="system"]').inputValue(), 'QE1');
  await page.fill(FILTER, '');
  assert.equal(await page.locator(STATUS).innerText(), '');
  assert.equal((await options(page)).length, 43);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the Area filter on a phone: the council is found and the no-match line fits the screen', { timeout: 120000 }, async () => {
  const errors = [];
  const page = await open(390, 844, errors);
  await page.fill(FILTER, 'blackpool');
  assert.equal(await page.locator(STATUS).innerText(), '1 area found: Enter opens Lancashire and South Cumbria (has Blackpool).');
  await page.fill(FILTER, 'zzqx');
  const box = await page.locator(STATUS).boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, JSON.stringify(box));
  await page.screenshot({ path: join(artifacts, 'places7-filter-none-390.png') });
  assert.deepEqual(errors, []);
  await page.context().close();
});

// ---- 2, 3 and 6: Places' words and its aim table ----

test('Places: plain opening, the method behind a disclosure, "Published 2022-24" not "Today", the aim table in its named order', { timeout: 180000 }, async () => {
  const errors = [];
  const page = await open(1280, 720, errors, '?v=2&ics=QE1');
  await page.click('[data-control="nav-places"]');
  await page.locator(`${PANEL} li[data-place="E06000009"]`).waitFor();

  // 6. Plain words first; the numbers behind "How this is worked out".
  const intro = await page.locator('[data-control="places-intro"]').innerText();
  assert.match(intro, /^Each place is a council \(local authority\) inside this ICB\./);
  assert.match(intro, /keeps doing so, on top of a national rise the same for every place/);
  assert.doesNotMatch(intro, /100%|years a year|Trend by fifth/);
  const how = page.locator('[data-control="places-how"]');
  assert.equal(await how.getAttribute('open'), null, 'closed until asked');
  await how.locator('summary').click();
  const detail = await how.innerText();
  assert.match(detail, /carries on 100% of its own published change a year from 2015-17 to 2022-24/);
  assert.match(detail, /background gain \(0\.10 years a year\)/);
  assert.match(detail, /men 0\.00, women \+0\.04 years a year/);
  assert.match(await page.locator('[data-control="places-trend-gloss"]').innerText(),
    /^“Trend by fifth that continues” \(an assumption under Levers, now 100%\) sets that share: 100% carries on .* 0% stops it/);
  await page.locator('[data-control="places-intro"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'places7-places-intro-1280.png') });

  // 2. The published period is named as such, not "Today".
  const published = await page.locator('[data-control="places-gap-today"]').innerText();
  assert.equal(published, 'Published 2022-24: Blackpool 73.7, Ribble Valley 81.3: 7.6 years');
  assert.doesNotMatch(await page.locator(PANEL).innerText(), /Today \(published/);
  // "Why life expectancy moved" counts from the last published month, by name.
  const since = await page.locator('[data-control="why-moved"] tr[data-against="start"] th').allInnerTexts();
  assert.ok(since.length > 0 && since.every((t) => /: since March 2025 \(\d+\.\d\)$/.test(t)), JSON.stringify(since));

  // 3. The aim table: its caption names its order and its last number column shows it.
  await page.click('[data-control="place-aim"] summary');
  assert.equal(await page.locator('[data-control="place-aim-order"]').innerText(),
    'Lowest life expectancy first: the average of men\'s and women\'s, published 2022-24 (years).');
  const rows = await page.locator('.place-aim-table tbody tr').evaluateAll((trs) => trs.map((tr) => ({
    name: tr.querySelector('th').textContent.replace(/\s*\(part.*\)$/, '').trim(),
    pair: tr.cells[2].textContent.trim(),
    both: tr.querySelector('[data-control="aim-le-both"]').textContent.trim(),
  })));
  assert.equal(rows.length, 17);
  const both = rows.filter((r) => r.both !== '–').map((r) => Number(r.both));
  for (let i = 1; i < both.length; i++) assert.ok(both[i - 1] <= both[i], `the average never goes down: ${JSON.stringify(rows)}`);
  // Each average is the mean of the pair beside it.
  for (const r of rows.filter((x) => x.both !== '–')) {
    const [m, w] = r.pair.split(' / ').map(Number);
    assert.ok(Math.abs((m + w) / 2 - Number(r.both)) <= 0.051, JSON.stringify(r));
  }
  const at = (n) => rows.findIndex((r) => r.name === n);
  assert.ok(at('Hyndburn') >= 0 && at('Hyndburn') < at('Blackburn with Darwen'));
  assert.equal(rows[at('Hyndburn')].both, '78.3');
  assert.equal(rows[at('Blackburn with Darwen')].both, '78.5');
  await page.locator('[data-control="place-aim"]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'places7-aim-table-1280.png') });
  // No aim, no warning.
  assert.equal(await page.locator('[data-control="place-aim-warning"]').count(), 0);
  assert.deepEqual(errors, []);
  await page.context().close();
});

// ---- 5. The warning when a whole budget goes to one place ----

test('£40 a head aimed at Blackpool (£487 a head there): the Places panel and the brief warn against the public-health grant; £10 does not', { timeout: 180000 }, async () => {
  const errors = [];
  const page = await open(1280, 720, errors, '?v=2&ics=QE1&prevention_gbp_per_head=40&prevention_places=E06000009');
  await page.click('[data-control="nav-places"]');
  const warning = page.locator('[data-control="place-aim-warning"]');
  await warning.waitFor();
  const words = '£487 a head in Blackpool is about 8 times England\'s average public-health grant (£62 a head: £3.6bn to councils in 2024/25, DHSC) and beyond £150 a head, the most the prevention lever spends across a whole ICB. The model\'s gain at that spend is an extrapolation, not capped: ask whether Blackpool could spend that much well before quoting it.';
  assert.equal(await warning.innerText(), `Warning: ${words}`);
  // Reported, not capped: the panel's own figure is still £487.
  assert.match(await page.locator('[data-control="place-aim-prevention"]').innerText(), /£487 a head in Blackpool \(£40 a head across the ICB\)/);
  await warning.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'places7-warning-1280.png') });

  await page.click('[data-control="open-brief"]');
  const brief = page.locator('[data-control="brief-aim-warning"]');
  await brief.waitFor();
  assert.equal(await brief.innerText(), `Warning: ${words}`);
  await brief.scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(artifacts, 'places7-warning-brief-1280.png') });
  await page.context().close();

  // £10 a head there is £122: within the lever's range, no warning anywhere.
  const calm = await open(1280, 720, errors, '?v=2&ics=QE1&prevention_gbp_per_head=10&prevention_places=E06000009');
  await calm.click('[data-control="nav-places"]');
  await calm.locator('[data-control="place-aim-prevention"]').waitFor();
  assert.match(await calm.locator('[data-control="place-aim-prevention"]').innerText(), /£122 a head in Blackpool/);
  assert.equal(await calm.locator('[data-control="place-aim-warning"]').count(), 0);
  await calm.click('[data-control="open-brief"]');
  await calm.waitForSelector('[data-control="brief-levers"]');
  assert.equal(await calm.locator('[data-control="brief-aim-warning"]').count(), 0);
  assert.deepEqual(errors, []);
  await calm.context().close();
});

// ---- 4. All systems' scale ----

/** The scale the page drew: ticks (value, left %) of an axis, and its unit. */
const scaleOf = (page, which) =>
  page.locator(`${ALL} [data-control="all-systems-axis-${which}"]`).evaluate((axis) => ({
    ticks: [...axis.querySelectorAll('.all-systems-tick')].map((t) => ({
      value: Number(t.dataset.value), label: t.textContent, left: parseFloat(t.dataset.left),
      box: t.getBoundingClientRect().toJSON(), shown: getComputedStyle(t).color !== 'rgba(0, 0, 0, 0)',
    })),
    unit: axis.querySelector('.all-systems-axis-unit').textContent,
    track: axis.querySelector('.all-systems-axis-track').getBoundingClientRect().toJSON(),
  }));

for (const [width, height] of [[1280, 720], [1920, 1080], [390, 844]]) {
  test(`All systems at ${width}x${height}: the dot column has a labelled scale with its unit, and the dots sit on it`, { timeout: 240000 }, async () => {
    const errors = [];
    const page = await open(width, height, errors, '?v=2&ics=QE1');
    await page.click('[data-control="nav-all-systems"]');
    await page.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 120000 });
    // Men's life-expectancy gap between places (years).
    await page.selectOption('[data-control="all-systems-headline"]', '6');
    const top = await scaleOf(page, 'top');
    const bottom = await scaleOf(page, 'bottom');
    assert.equal(top.unit, 'years of gap between places');
    assert.equal(bottom.unit, top.unit);
    assert.ok(top.ticks.length >= 3 && top.ticks.length <= 5, JSON.stringify(top.ticks));
    assert.deepEqual(bottom.ticks.map((t) => t.label), top.ticks.map((t) => t.label));
    for (let i = 1; i < top.ticks.length; i++) {
      assert.ok(top.ticks[i - 1].value < top.ticks[i].value && top.ticks[i - 1].left < top.ticks[i].left, 'ticks rise left to right');
    }
    // Readable: the labels shown do not overlap (a phone leaves out every other one of four or
    // more, keeping its tick), and at least two are shown.
    const shown = top.ticks.filter((t) => t.shown);
    assert.ok(shown.length >= 2, JSON.stringify(top.ticks));
    if (width >= 1280) assert.equal(shown.length, top.ticks.length);
    for (let i = 1; i < shown.length; i++) {
      assert.ok(shown[i - 1].box.right <= shown[i].box.left, `labels apart at ${width}: ${JSON.stringify(shown)}`);
    }
    for (const t of top.ticks) {
      assert.equal(t.label, String(t.value));
      assert.ok(t.box.width > 0 && t.box.height >= 11, `a tick is drawn large enough to read: ${JSON.stringify(t.box)}`);
      assert.ok(t.box.left >= top.track.left - 16 && t.box.right <= top.track.right + 16, `inside the column: ${JSON.stringify(t.box)} ${JSON.stringify(top.track)}`);
    }
    // Every dot sits where the scale says its value goes (interpolated between two ticks).
    const [a, b] = [top.ticks[0], top.ticks[top.ticks.length - 1]];
    const at = (v) => a.left + ((v - a.value) * (b.left - a.left)) / (b.value - a.value);
    const dots = await page.locator(`${ALL} tbody tr[data-plans]`).evaluateAll((trs) => trs.map((tr) => ({
      v: Number(tr.dataset.plans), left: parseFloat(tr.querySelector('.places-dot-plans')?.dataset.left ?? 'NaN'),
    })));
    const ranked = dots.filter((d) => Number.isFinite(d.v));
    assert.ok(ranked.length >= 40, `${ranked.length} ranked`);
    for (const d of ranked) assert.ok(Math.abs(at(d.v) - d.left) < 0.05, `dot ${JSON.stringify(d)} vs scale ${at(d.v)}`);
    // Gridlines at the ticks, in every ranked row.
    const grid = await page.locator(`${ALL} tbody tr[data-plans] .all-systems-grid`).count();
    assert.equal(grid, ranked.length * top.ticks.length);
    // The axis is on screen and visible at this size.
    const headAxis = page.locator(`${ALL} [data-control="all-systems-axis-top"]`);
    await headAxis.scrollIntoViewIfNeeded();
    assert.ok(await headAxis.isVisible(), `the scale shows at ${width}x${height}`);
    await page.locator(`${ALL} .all-systems-table caption`).evaluate((e) => e.scrollIntoView());
    await page.screenshot({ path: join(artifacts, `places7-allsys-${width}.png`) });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
}
