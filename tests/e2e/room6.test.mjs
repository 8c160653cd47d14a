// End-to-end: room6 (ninth session), two of a new user's findings (fresh6).
// 1. A workshop saved with an act's scenario on screen, that act set to open hidden, never
//    shows the act's answer when it is opened elsewhere: a file, a link or a reload opens on
//    current plans for the area, with a notice saying why; the act keeps its secret until its
//    turn (finding 4).
// 2. The phone (390x844) has no blank screens: no blank band under the title, and "More
//    views: Places" or "All systems" opens its panel on a screen covered by the page, with
//    the document itself never scrolled (finding 8). 1280x720 keeps its header as it was.
//   ICS_E2E_URL=http://127.0.0.1:8115/ node --test tests/e2e/room6.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors, lever } from './chromium.mjs';

const chrome = useChromium();

/** A fresh browser profile at this size on `address`, downloads allowed. */
async function open(width, height, errors, address = appUrl + '?v=1&ics=QOP') {
  const context = await chrome.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  collectErrors(page, errors);
  await page.goto(address);
  await page.waitForSelector(lever('recruitment_pct'), { state: 'attached' });
  return page;
}

/** The headline figures as the cards show them: label, value and comparison (the range,
 *  which comes a moment later from the Monte Carlo, left off). */
const headlines = (page) => page.$$eval('.headlines .headline', (es) => es.map((e) => [...e.querySelectorAll('.headline-label, .headline-value, .headline-change')].map((x) => x.innerText.replace(/\s+/g, ' ').trim()).join(' ')));

/** The headline cards once they read `want` (they follow the scenario's runs), or as they
 *  stand after 10 s; then asserted equal, so a failure shows both. */
async function headlinesAre(page, want, what) {
  await page.waitForFunction((w) => JSON.stringify([...document.querySelectorAll('.headlines .headline')]
    .map((e) => [...e.querySelectorAll('.headline-label, .headline-value, .headline-change')].map((x) => x.innerText.replace(/\s+/g, ' ').trim()).join(' '))) === JSON.stringify(w), want, { timeout: 10000 }).catch(() => {});
  assert.deepEqual(await headlines(page), want, what);
}

/** Greater Manchester as the finding made it: "Workforce plan delivered" pinned, then
 *  "Prevention first" pinned and left on screen, both acts set to open hidden. Returns the
 *  headline cards at current plans and at act 2 (its answer). */
async function prepare(page) {
  const plans = await headlines(page);
  await page.selectOption('[data-control="preset"]', 'workforce_plan');
  await page.click('[data-control="pin"]');
  await page.selectOption('[data-control="preset"]', 'prevention_first');
  await page.waitForFunction((p) => JSON.stringify([...document.querySelectorAll('.headlines .headline')]
    .map((e) => [...e.querySelectorAll('.headline-label, .headline-value, .headline-change')].map((x) => x.innerText.replace(/\s+/g, ' ').trim()).join(' '))) !== JSON.stringify(p), plans);
  const answer = await headlines(page);
  await page.click('[data-control="pin"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 2);
  await page.check('[data-control="act-hidden-0"]');
  await page.check('[data-control="act-hidden-1"]');
  await page.waitForTimeout(1200); // the autosave and the workshop store keep them
  assert.notDeepEqual(answer, plans);
  const waiting = answer.find((h) => /^Waiting list/.test(h));
  assert.match(waiting, /lower than current plans/, `act 2 changes the waiting list: ${waiting}`);
  return { plans, answer };
}

/** What the page must show when a workshop opens: current plans' figures, the notice, both
 *  acts still hidden in the pins' table, and no headline anywhere with act 2's figures;
 *  then presenter mode's first screen, also on current plans. */
async function assertHeldBack(page, { plans, answer }, shot) {
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 2
    && document.querySelectorAll('[data-control="compare"] [data-hidden-pin="1"]').length > 0);
  await headlinesAre(page, plans, "current plans' figures, not act 2's answer");
  await page.locator('[data-control="notices"]').waitFor();
  const notice = await page.locator('[data-control="notices"]').innerText();
  assert.match(notice, /Showing current plans for Greater Manchester: the workshop was saved on act 2's scenario \(“Prevention first”\), which stays hidden until its turn\./);
  const body = (await page.innerText('body')).replace(/\s+/g, ' ');
  for (const h of answer.filter((h) => /than current plans/.test(h))) {
    assert.ok(!body.includes(h), `act 2's "${h}" is nowhere on the page`);
  }
  assert.ok((await page.locator('[data-control="compare"] [data-hidden-pin="1"]').count()) >= 5, 'act 2 hidden in the table');
  assert.ok((await page.locator('[data-control="compare"] [data-hidden-pin="0"]').count()) >= 5, 'act 1 hidden in the table');
  await page.screenshot({ path: join(artifacts, `${shot}.png`) });
  // Presenter mode before the first act: current plans, large, not act 2's answer.
  await page.click('[data-control="present"]');
  const projector = page.locator('[data-control="projector"]');
  await projector.waitFor();
  const big = (await projector.innerText()).replace(/\s+/g, ' ');
  assert.match(big, /2 acts/);
  assert.doesNotMatch(big, /lower than current plans/, `the projector shows no change from current plans: ${big.slice(0, 300)}`);
  await page.screenshot({ path: join(artifacts, `${shot}-presenter.png`) });
  // Act 1 then act 2 open hidden in turn; act 2's answer shows once revealed.
  // (The page's reveal button, under the projector, is there while the open act is hidden.)
  const reveal = page.locator('[data-control="reveal"]');
  await page.keyboard.press('ArrowRight');
  await page.locator('[data-control="projector"] [data-control="prediction"]').waitFor();
  await reveal.waitFor({ state: 'attached' });
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /Act 2 of 2/.test(document.body.innerText));
  await reveal.waitFor({ state: 'attached' });
  assert.doesNotMatch((await projector.innerText()).replace(/\s+/g, ' '), /lower than current plans/, 'act 2 hidden at its turn');
  await page.keyboard.press('r');
  await reveal.waitFor({ state: 'detached' });
  await page.waitForFunction(() => /lower than current plans/.test(document.querySelector('[data-control="projector"]').innerText));
  await page.keyboard.press('Escape');
  await projector.waitFor({ state: 'detached' });
  await headlinesAre(page, answer, "act 2's figures once revealed");
}

test('a workshop file saved on a hidden act opens on current plans at the venue, with a notice', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const figures = await prepare(page);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-control="download-workshop"]')]);
  const path = join(artifacts, 'room6-workshop.json');
  await download.saveAs(path);
  const saved = JSON.parse(await readFile(path, 'utf8'));
  assert.deepEqual(saved.working.levers, saved.acts[1].scenario.levers, 'the file keeps the scenario it was saved on (act 2\'s)');
  // The venue: a fresh browser, the file opened.
  const venue = await open(1280, 900, errors, appUrl);
  await venue.setInputFiles('[data-control="upload-workshop"]', path);
  await assertHeldBack(venue, figures, 'room6-file-opened');
  assert.deepEqual(errors, []);
});

test('a workshop link on a hidden act opens on current plans, with a notice', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const figures = await prepare(page);
  await page.click('[data-control="copy-workshop-link"]');
  const link = await page.locator('[data-control="workshop-link"]').inputValue();
  assert.match(link, /prevention_gbp_per_head/, 'the link holds the scenario it was made on');
  const venue = await open(1280, 900, errors, link);
  await assertHeldBack(venue, figures, 'room6-link-opened');
  assert.deepEqual(errors, []);
});

test('a reload on a hidden act opens on current plans, with a notice', async () => {
  const errors = [];
  const page = await open(1280, 900, errors);
  const figures = await prepare(page);
  await page.reload();
  await page.waitForSelector(lever('recruitment_pct'), { state: 'attached' });
  await assertHeldBack(page, figures, 'room6-reloaded');
  assert.deepEqual(errors, []);
});

// ---- The phone: no blank screens ----

/** The header measured: the title block, the subtitle, the first control under them, and
 *  whether the document itself can scroll. */
const header = (page) => page.evaluate(() => {
  const box = (s) => { const r = document.querySelector(s).getBoundingClientRect(); return { top: r.top, bottom: r.bottom, height: r.height }; };
  const se = document.scrollingElement;
  return {
    title: box('.masthead > div:first-child'),
    h1: box('h1'),
    tagline: box('.tagline'),
    control: box('.system-picker'),
    docScroll: se.scrollTop,
    docHeight: se.scrollHeight,
    innerHeight,
  };
});

/** Where the panel `id` is after the tap, and how much of the screen the page covers: the
 *  share of points down the middle of the screen (above the Levers strip) that land on the
 *  page's content rather than on the bare document. */
const afterTap = (page, id) => page.evaluate((id) => {
  const pageBox = document.querySelector('.page');
  const summary = document.querySelector(`#${id} > summary`).getBoundingClientRect();
  const points = [];
  for (let y = 10; y < innerHeight - 70; y += 20) {
    for (const x of [40, innerWidth / 2, innerWidth - 40]) points.push(document.elementFromPoint(x, y));
  }
  const covered = points.filter((e) => e && e !== pageBox && pageBox.contains(e)).length / points.length;
  return {
    docScroll: document.scrollingElement.scrollTop,
    pageTop: pageBox.getBoundingClientRect().top,
    summary: { top: summary.top, bottom: summary.bottom },
    open: document.getElementById(id).open,
    covered,
    innerHeight,
  };
}, id);

for (const area of ['QE1', 'QOP', '']) {
  test(`phone 390x844${area ? ' ' + area : ' England'}: no blank band under the title`, async () => {
    const errors = [];
    const page = await open(390, 844, errors, appUrl + (area ? `?v=1&ics=${area}` : ''));
    await page.waitForSelector('.headlines .headline');
    const m = await header(page);
    assert.ok(m.control.top - m.tagline.bottom <= 24, `the area picker starts just under the subtitle: ${JSON.stringify(m)}`);
    assert.ok(m.title.bottom - m.tagline.bottom <= 2, `the title block ends with its text: ${JSON.stringify(m)}`);
    assert.ok(m.docHeight <= m.innerHeight, `the document itself does not scroll on a phone: ${JSON.stringify(m)}`);
    await page.screenshot({ path: join(artifacts, `room6-phone-top${area ? '-' + area : ''}.png`) });
    assert.deepEqual(errors, []);
  });
}

for (const [nav, id] of [['nav-places', 'places'], ['nav-all-systems', 'all-systems']]) {
  test(`phone 390x844: "More views: ${id}" opens its panel on a screen covered by the page`, async () => {
    const errors = [];
    const page = await open(390, 844, errors, appUrl + '?v=1&ics=QE1');
    await page.waitForSelector('.headlines .headline');
    await page.click(`[data-control="${nav}"]`);
    await page.waitForFunction((id) => document.getElementById(id).open, id);
    await page.waitForTimeout(1500); // the panel fills in (All systems runs 42 ICBs)
    const m = await afterTap(page, id);
    assert.equal(m.docScroll, 0, `the document is not scrolled: ${JSON.stringify(m)}`);
    assert.ok(Math.abs(m.pageTop) < 1, `the page's box stays on the screen: ${JSON.stringify(m)}`);
    assert.ok(m.summary.top >= -1 && m.summary.bottom <= m.innerHeight, `the panel's heading is on the screen: ${JSON.stringify(m)}`);
    assert.ok(m.covered >= 0.9, `the page covers the screen: ${JSON.stringify(m)}`);
    await page.screenshot({ path: join(artifacts, `room6-phone-${id}.png`) });
    assert.deepEqual(errors, []);
  });
}

test('1280x720: the header keeps its shape (title and area picker on one row) and "Places" scrolls to its panel', async () => {
  const errors = [];
  const page = await open(1280, 720, errors, appUrl + '?v=1&ics=QE1');
  await page.waitForSelector('.headlines .headline');
  const m = await header(page);
  assert.ok(m.title.height < 100, `the title block as tall as its text: ${JSON.stringify(m)}`);
  assert.ok(m.control.top < m.tagline.bottom, `the picker beside the title: ${JSON.stringify(m)}`);
  await page.click('[data-control="nav-places"]');
  await page.waitForFunction(() => document.getElementById('places').open);
  await page.waitForTimeout(1000);
  const s = await page.evaluate(() => ({ y: document.scrollingElement.scrollTop, top: document.querySelector('#places > summary').getBoundingClientRect().top }));
  assert.ok(s.y > 0 && s.top >= -1 && s.top < 720, `the document scrolls to the panel: ${JSON.stringify(s)}`);
  assert.deepEqual(errors, []);
});
