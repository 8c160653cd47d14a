// End-to-end: the Places view (an ICB's places ranked, and the gap between them) and the All
// systems view (the 42 ICBs ranked under the scenario), issue 13 items 4 and 5. Run alone with
//   ICS_E2E_URL=http://127.0.0.1:8105/ node --test tests/e2e/places.test.mjs
// The gap at the chosen month is checked against the command line (`ics-whatif run --by gaps`):
// set ICS_WHATIF_BIN to the binary, or it runs target/debug/ics-whatif (built by
// `cargo build`) if there is one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { useChromium, appUrl, collectErrors, artifacts, lever, setLever } from './chromium.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CHART = 'canvas[data-chart="waiting_list"]';
const PANEL = '[data-panel="places"]';
const ALL = '[data-panel="all-systems"]';
const QE1 = 'QE1'; // Lancashire and South Cumbria: 17 places, Blackpool among them
const BLACKPOOL = `${PANEL} li[data-place="E06000009"]`;

const chrome = useChromium();

/** Men's life expectancy 2022-24 of each of the ICB's places, from the shared data file. */
function publishedMen(icb) {
  const file = join(root, '..', 'shared', 'data', 'places.csv');
  const [head, ...lines] = readFileSync(file, 'utf8').trim().split('\n');
  const cols = head.split(',');
  const at = (name) => cols.indexOf(name);
  return lines
    .map((l) => l.split(','))
    .filter((r) => r[at('icb_code')] === icb && r[at('le_male_2022_24')] !== '')
    .map((r) => ({ name: r[at('ltla_name')], le: Number(r[at('le_male_2022_24')]) }));
}

/** The gaps row of `ics-whatif run --ics CODE --by gaps` at `month`, or null without a binary. */
function cliGap(code, month, sets = []) {
  const bin = process.env.ICS_WHATIF_BIN ?? join(root, 'target', 'debug', 'ics-whatif');
  if (!existsSync(bin)) return null;
  const csv = execFileSync(bin, ['run', '--ics', code, '--by', 'gaps', ...sets.flatMap((s) => ['--set', s])], { encoding: 'utf8' });
  const [head, ...rows] = csv.trim().split('\n').filter((l) => !l.startsWith('#'));
  const cols = head.split(',');
  const row = rows.map((r) => r.split(',')).find((r) => Number(r[cols.indexOf('month')]) === month);
  return Object.fromEntries(cols.map((c, i) => [c, row[i]]));
}

async function openApp(page) {
  await page.goto(appUrl);
  await page.waitForSelector(CHART);
}

test('places: England offers the ICBs; Lancashire and South Cumbria shows the gap between its places', { timeout: 180000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openApp(page);

  // Closed panels compute nothing.
  assert.equal(await page.locator(`${PANEL} .places-row`).count(), 0);
  // The page's navigation opens the panel; England has no places of its own.
  await page.click('[data-control="nav-places"]');
  await page.locator('[data-control="places-england"]').waitFor();
  assert.match(await page.locator('[data-control="places-england"]').innerText(), /Choose one of the 42 ICBs/);
  await page.selectOption('[data-control="places-system"]', QE1);
  await page.waitForFunction(() => document.querySelector('select[data-control="system"]').value === 'QE1');
  await page.locator(BLACKPOOL).waitFor();
  assert.equal(await page.locator(`${PANEL} .places-row`).count(), 17, 'one row per place');

  // The published 2022-24 figures' gap (places.csv), named as the headline says it (places7:
  // "Published 2022-24", not "Today", which on this page is the clock's date).
  const men = publishedMen(QE1);
  const lo = men.reduce((a, b) => (b.le < a.le ? b : a));
  const hi = men.reduce((a, b) => (b.le > a.le ? b : a));
  const today = await page.locator('[data-control="places-gap-today"]').innerText();
  assert.equal(today, `Published 2022-24: ${lo.name} ${lo.le.toFixed(1)}, ${hi.name} ${hi.le.toFixed(1)}: ${(hi.le - lo.le).toFixed(1)} years`);
  assert.match(today, /Blackpool 73\.7, Ribble Valley 81\.3: 7\.6 years/);

  // At the chosen month (the menu's value: months from month 0), current plans' gap is the
  // command line's.
  const month = Number(await page.locator('#year').inputValue());
  const plans = page.locator('[data-control="places-gap-plans"]');
  const cli = cliGap(QE1, month);
  if (cli) {
    assert.ok(Math.abs(Number(await plans.getAttribute('data-range')) - Number(cli.le_male_range)) < 1e-3,
      `range ${await plans.getAttribute('data-range')} vs CLI ${cli.le_male_range}`);
    const text = await plans.innerText();
    assert.ok(text.includes(cli.le_male_lowest) && text.includes(cli.le_male_highest), `${text} names ${cli.le_male_lowest}, ${cli.le_male_highest}`);
  } else {
    console.log('# no ics-whatif binary: the CLI comparison was skipped (cargo build, or set ICS_WHATIF_BIN)');
  }
  // With no lever moved the scenario is current plans.
  const before = await page.locator(BLACKPOOL).getAttribute('data-scenario');
  assert.equal(before, await page.locator(BLACKPOOL).getAttribute('data-plans'));

  // Prevention aimed at the most deprived fifth moves Blackpool's scenario dot, not its plans.
  await setLever(page, 'prevention_gbp_per_head', 60);
  await setLever(page, 'prevention_targeting_pct', 100);
  await page.waitForFunction(([sel, was]) => document.querySelector(sel).getAttribute('data-scenario') !== was, [BLACKPOOL, before]);
  const after = Number(await page.locator(BLACKPOOL).getAttribute('data-scenario'));
  assert.ok(after > Number(before), `Blackpool gains: ${before} -> ${after}`);
  assert.equal(await page.locator(BLACKPOOL).getAttribute('data-plans'), before);
  const scenarioGap = Number(await page.locator('[data-control="places-gap"]').getAttribute('data-range'));
  const plansGap = Number(await plans.getAttribute('data-range'));
  assert.ok(scenarioGap < plansGap, `targeted prevention narrows the gap: ${scenarioGap} < ${plansGap}`);

  // Keyboard: a place's row takes focus and the readout gives its figures.
  await page.locator(BLACKPOOL).focus();
  const readout = await page.locator('[data-control="places-readout"]').innerText();
  assert.match(readout, /^Blackpool: /);
  assert.match(readout, /residents/);
  assert.match(readout, /Life expectancy: men \d+\.\d years \(current plans \d+\.\d years\)/);
  await page.keyboard.press('Tab');
  assert.doesNotMatch(await page.locator('[data-control="places-readout"]').innerText(), /^Blackpool: /, 'Tab moves to the next place');

  // A slider move with the panel open: input to the places' dots updated (median of 15).
  const times = await page.evaluate(async ([sel, dot]) => {
    const slider = document.querySelector(sel);
    const out = [];
    for (let i = 0; i < 15; i++) {
      const was = document.querySelector(dot).getAttribute('data-scenario');
      const t0 = performance.now();
      slider.value = String(Number(slider.value) === 60 ? 30 : 60);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      // Yew renders on its scheduler; wait for the attribute, then for the next frame.
      const giveUp = t0 + 5000;
      while (document.querySelector(dot).getAttribute('data-scenario') === was && performance.now() < giveUp) {
        await new Promise((r) => setTimeout(r, 0));
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.now() - t0);
    }
    return out.sort((a, b) => a - b);
  }, [lever('prevention_gbp_per_head'), BLACKPOOL]);
  console.log(`# slider move with Places open, input to painted frame: median ${times[7].toFixed(1)} ms, max ${times[14].toFixed(1)} ms`);
  // The scenario's gap is the command line's for the same levers (the moves end at £30).
  assert.equal(await page.locator(lever('prevention_gbp_per_head')).inputValue(), '30');
  const cliScenario = cliGap(QE1, month, ['prevention_gbp_per_head=30', 'prevention_targeting_pct=100']);
  if (cliScenario) {
    const shown = page.locator('[data-control="places-gap"]');
    await page.waitForFunction((r) => Math.abs(Number(document.querySelector('[data-control="places-gap"]').dataset.range) - r) < 1e-3, Number(cliScenario.le_male_range));
    const text = await shown.innerText();
    assert.ok(text.includes(cliScenario.le_male_lowest) && text.includes(cliScenario.le_male_highest), `${text} names ${cliScenario.le_male_lowest}, ${cliScenario.le_male_highest}`);
  }

  // Healthy life expectancy for women: districts publish none and are listed last.
  await page.check('[data-control="places-hle"]');
  await page.check('[data-control="places-women"]');
  await page.waitForFunction(() => /Women's healthy life expectancy/.test(document.querySelector('.places-title').textContent));
  assert.match(await page.locator(`${PANEL} .places-note:not(.places-parts)`).first().innerText(), /publish no healthy life expectancy/);
  await page.check('[data-control="places-le"]');
  await page.check('[data-control="places-men"]');

  // Downloads: the places as CSV (a row per place and run) and the chart as SVG.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-csv="places"]')]);
  const text = readFileSync(await csv.path(), 'utf8');
  assert.equal(text.split('\n').filter((l) => l && !l.startsWith('#')).length, 1 + 2 * 17);
  assert.match(text, /E06000009,Blackpool,141013,/);
  const [svg] = await Promise.all([page.waitForEvent('download'), page.click('[data-export-svg="places"]')]);
  assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[^>]*>[\s\S]*Blackpool[\s\S]*<\/svg>\s*$/);

  await page.locator(PANEL).scrollIntoViewIfNeeded();
  await page.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'places-1280x720.png') });

  // Predict, then reveal (a workshop): the scenario's dots and gap are hidden, current
  // plans stay; revealing brings them back.
  await page.click('[data-control="predict"]');
  await page.waitForFunction((sel) => !document.querySelector(sel).hasAttribute('data-scenario'), BLACKPOOL);
  assert.equal(await page.locator(`${PANEL} .places-dot-scenario`).count(), 0);
  assert.match(await page.locator('[data-control="places-gap"]').innerText(), /hidden until revealed/);
  assert.ok(await page.locator(BLACKPOOL).getAttribute('data-plans'));
  await page.click('[data-control="present"]');
  await page.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'places-presenting-hidden-1280x720.png') });
  // The projector view hides the toolbar: its act bar's Leave ends presenter mode.
  await page.click('[data-control="leave"]');
  await page.click('[data-control="reveal"]');
  await page.waitForFunction((sel) => document.querySelector(sel).hasAttribute('data-scenario'), BLACKPOOL);
  assert.deepEqual(errors, []);
  await page.close();
});

test('all systems: 42 ICBs ranked under the scenario, sortable, run off the slider path', { timeout: 300000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openApp(page);
  await setLever(page, 'recruitment_pct', 20);
  await page.click('[data-control="nav-all-systems"]');
  const status = page.locator('[data-control="all-systems-status"]');
  await page.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 120000 });
  console.log(`# all systems, first open (42 calibrations + 84 runs): ${await status.innerText()}`);
  const rows = page.locator(`${ALL} tbody tr`);
  assert.equal(await rows.count(), 42);
  // Ranked best first on the waiting list per 1,000 residents (lower is better).
  const ranks = await rows.evaluateAll((rs) => rs.map((r) => Number(r.cells[0].textContent)));
  assert.deepEqual(ranks, Array.from({ length: 42 }, (_, i) => i + 1));
  const scen = await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.scenario)));
  for (let i = 1; i < 42; i++) assert.ok(scen[i - 1] <= scen[i], `sorted at ${i}`);
  const plans = await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.plans)));
  assert.ok(scen.every((s, i) => s < plans[i]), 'more recruitment shortens every ICB\'s list');

  // A lever moved: the 42 are run again (current plans reused), after the slider settles.
  await setLever(page, 'recruitment_pct', 30);
  await page.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]').dataset.fresh === 'true');
  console.log(`# all systems, after a lever move (42 runs): ${await status.innerText()}`);

  // Sort by name; then life expectancy, higher is better.
  await page.click(`${ALL} button[data-sort="name"]`);
  const names = await rows.evaluateAll((rs) => rs.map((r) => r.cells[1].textContent));
  assert.deepEqual(names, [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())));
  assert.equal(names[0], 'Bath and North East Somerset, Swindon and Wiltshire');
  await page.selectOption('[data-control="all-systems-headline"]', { label: 'Life expectancy' });
  await page.click(`${ALL} button[data-sort="rank"]`);
  const le = await rows.evaluateAll((rs) => rs.map((r) => Number(r.dataset.scenario)));
  for (let i = 1; i < 42; i++) assert.ok(le[i - 1] >= le[i], `life expectancy best first at ${i}`);

  await page.locator('[data-control="all-systems"]').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'all-systems-1280x720.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('places and all systems on a phone: no sideways scroll', { timeout: 300000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const errors = collectErrors(page);
  await openApp(page);
  await page.selectOption('select[data-control="system"]', QE1);
  await page.click('[data-control="nav-places"]');
  await page.locator(BLACKPOOL).waitFor();
  await page.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  const wide = () => page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(await wide() <= 390, `page width ${await wide()}`);
  await page.screenshot({ path: join(artifacts, 'places-390x844.png') });
  await page.click('[data-control="nav-all-systems"]');
  await page.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 120000 });
  assert.ok(await wide() <= 390, `page width ${await wide()}`);
  await page.locator('[data-control="all-systems"]').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'all-systems-390x844.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

/** Rows of `ics-whatif run --ics CODE --runs N --seed S --by place --place P` at `month` for
 * one figure, or null without a binary. */
function cliPlaceRange(code, month, place, figure, runs, seed) {
  const bin = process.env.ICS_WHATIF_BIN ?? join(root, 'target', 'debug', 'ics-whatif');
  if (!existsSync(bin)) return null;
  const csv = execFileSync(bin, ['run', '--ics', code, '--by', 'place', '--place', place, '--runs', String(runs), '--seed', String(seed)], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const [head, ...rows] = csv.trim().split('\n').filter((l) => !l.startsWith('#'));
  const cols = head.split(',');
  const at = (r, c) => r[cols.indexOf(c)];
  const row = rows.map((r) => r.split(',')).find((r) => Number(at(r, 'month')) === month && at(r, 'figure') === figure);
  return row && { p10: Number(at(row, 'p10')), p90: Number(at(row, 'p90')) };
}

test('places: Frimley says how a place moves, gives 80% ranges once the Monte Carlo has run, and says which authorities are split', { timeout: 240000 }, async () => {
  const page = await chrome.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = collectErrors(page);
  await openApp(page);
  await page.selectOption('select[data-control="system"]', 'QNQ');
  await page.click('[data-control="nav-places"]');
  const slough = `${PANEL} li[data-place="E06000039"]`;
  await page.locator(slough).waitFor();

  // The intro says how a place moves, with the national rise common to all places.
  // places7: the numbers are behind "How this is worked out", the intro is plain words.
  await page.click('[data-control="places-how"] summary');
  const intro = await page.locator('[data-control="places-how"]').innerText();
  assert.match(intro, /carries on 100% of its own published change a year from 2015-17 to 2022-24/);
  assert.match(intro, /background gain \(0\.10 years a year\)/);
  assert.match(intro, /men 0\.00, women \+0\.04 years a year/);
  await page.locator(slough).focus();
  assert.match(await page.locator('[data-control="places-readout"]').innerText(), /Published change 2015-17 to 2022-24: men −0\.07, women /);

  // Ranges arrive without a slider move: a whisker on every place and the gap's range.
  await page.waitForFunction((sel) => document.querySelectorAll(`${sel} .places-range`).length === 9, PANEL, { timeout: 60000 });
  const gapRange = page.locator('[data-control="places-gap-range"]');
  await gapRange.waitFor();
  assert.match(await gapRange.innerText(), /80% range of the gap: \d+\.\d to \d+\.\d years/);
  const [glo, ghi] = [Number(await gapRange.getAttribute('data-lo')), Number(await gapRange.getAttribute('data-hi'))];
  const gap = Number(await page.locator('[data-control="places-gap"]').getAttribute('data-range'));
  assert.ok(glo < ghi && glo <= gap + 0.05 && gap - 0.05 <= ghi, `gap ${gap} in ${glo}..${ghi}`);
  // Wait for all 200 runs (the ranges stop changing), then compare with the command line's.
  let last = '';
  for (let i = 0; i < 100; i++) {
    const now = await page.locator(`${slough} .places-range`).getAttribute('data-hi');
    if (now === last && i > 4) break;
    last = now;
    await page.waitForTimeout(300);
  }
  const whisker = page.locator(`${slough} .places-range`);
  const [lo, hi] = [Number(await whisker.getAttribute('data-lo')), Number(await whisker.getAttribute('data-hi'))];
  const month = Number(await page.locator('#year').inputValue());
  const cli = cliPlaceRange('QNQ', month, 'E06000039', 'le_male', 200, 2025);
  if (cli) {
    assert.ok(Math.abs(lo - cli.p10) < 2e-3 && Math.abs(hi - cli.p90) < 2e-3, `Slough ${lo}..${hi} vs CLI ${cli.p10}..${cli.p90}`);
  }
  await page.locator(slough).focus();
  assert.match(await page.locator('[data-control="places-readout-range"]').innerText(), /Men's life expectancy, this scenario, 80% range: \d+\.\d to \d+\.\d years/);

  await page.locator(`${PANEL} .places-headline`).evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'places-frimley-whiskers-1280x720.png') });

  // Split authorities in the picker: Hart, 75% of its residents in Frimley.
  await page.click(`${PANEL} [data-control="place-aim"] summary`);
  const hart = page.locator(`${PANEL} tr[data-place="E07000089"] [data-control="place-part"]`);
  assert.equal((await hart.innerText()).trim(), '(part: 75% of its residents)');
  assert.match(await hart.getAttribute('title'), /the rest in Hampshire and Isle of Wight; its life expectancy is published for the whole authority/);
  assert.equal(await page.locator(`${PANEL} tr[data-place="E06000039"] [data-control="place-part"]`).count(), 0);

  await page.locator('[data-control="places"]').evaluate((e) => e.scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'places-frimley-ranges-1280x720.png'), fullPage: false });
  assert.deepEqual(errors, []);
  await page.close();
});
