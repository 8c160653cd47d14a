// End-to-end: what issue 15 ("The workshop room") still missed (sixth session, room3).
// On a phone (390x844 and 320x640) the toolbar is at most two rows (undo, redo, pin and
// "More"; the rest one tap on More away, by mouse or keyboard), and the Levers button covers
// nothing: the page scrolls in a box that ends above the strip the button sits in, so no
// line of the page is under it at the top, the middle or the foot. The charts' labels
// (targets, today, the chosen month) never overlap one another nor leave the plot, at widths
// from 320 to 2,560 pixels and on the projector: the chart draws them on its canvas, and
// writes each label's box (and the plot's) on the canvas as data-label-boxes and
// data-plot-box, which this test reads.
//   ICS_E2E_URL=http://127.0.0.1:8124/ node --test tests/e2e/room3.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, lever, openFresh } from './chromium.mjs';

const RECRUIT = lever('recruitment_pct');
const CHART = 'canvas[data-chart="waiting_list"]';
const WEEKS = 'canvas[data-chart="within_18_weeks_pct"]';

const chrome = useChromium();

/** A fresh profile at this size on `address`, once the sliders and the first chart are on it. */
async function open(width, height, errors, address = appUrl) {
  const page = await openFresh(chrome.browser, width, height, errors, address);
  await page.waitForSelector(CHART);
  return page;
}

/** Every visible piece of the page a reader could need (lines of text, charts, inputs,
 *  menus) that any part of lies under the Levers button, with the button's box. A box counts
 *  only where it is on screen and not clipped away by a scrolling box around it. */
const underTheButton = (page) =>
  page.evaluate(() => {
    const button = document.querySelector('[data-control="phone-levers"]');
    const b = button.getBoundingClientRect();
    const visibleRect = (el, r) => {
      let { left, top, right, bottom } = r;
      for (let a = el.parentElement; a; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX !== 'visible' || s.overflowY !== 'visible') {
          const c = a.getBoundingClientRect();
          left = Math.max(left, c.left); right = Math.min(right, c.right);
          top = Math.max(top, c.top); bottom = Math.min(bottom, c.bottom);
        }
      }
      top = Math.max(top, 0); bottom = Math.min(bottom, innerHeight);
      return right > left && bottom > top ? { left, top, right, bottom } : null;
    };
    const hits = [];
    const check = (el, r, what) => {
      const v = visibleRect(el, r);
      if (v && v.left < b.right && b.left < v.right && v.top < b.bottom && b.top < v.bottom) {
        hits.push({ what: what.slice(0, 60), top: Math.round(v.top), bottom: Math.round(v.bottom) });
      }
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || button.contains(el) || !el.getClientRects().length) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) check(el, r, n.textContent.trim());
    }
    for (const el of document.querySelectorAll('canvas, input:not([type=file]), select, button')) {
      if (el === button || !el.getClientRects().length) continue;
      check(el, el.getBoundingClientRect(), `<${el.tagName.toLowerCase()} ${el.dataset.control || el.dataset.chart || ''}>`);
    }
    return { button: { top: b.top, bottom: b.bottom, left: b.left, right: b.right }, hits };
  });

/** The box the page scrolls in on a phone (the page itself, else the window's). */
const scrollTo = (page, where) =>
  page.evaluate((where) => {
    const box = document.querySelector('.page');
    const scroller = box.scrollHeight > box.clientHeight + 1 ? box : document.scrollingElement;
    const end = scroller.scrollHeight - scroller.clientHeight;
    scroller.scrollTop = where === 'top' ? 0 : where === 'end' ? end : Math.round(end * where);
    return scroller.scrollTop;
  }, where);

/** The toolbar's visible controls, their rows (by top edge) and its height. */
const toolbarRows = (page) =>
  page.evaluate(() => {
    const bar = document.querySelector('.toolbar');
    const tops = [...bar.querySelectorAll('button, .file-button, input:not([type=file])')]
      .filter((e) => e.getClientRects().length)
      .map((e) => Math.round(e.getBoundingClientRect().top));
    const rows = [];
    for (const t of tops.sort((a, b) => a - b)) if (!rows.some((r) => Math.abs(r - t) <= 6)) rows.push(t);
    const r = bar.getBoundingClientRect();
    return { rows: rows.length, height: Math.round(r.height), right: r.right, controls: tops.length };
  });

const MORE_CONTROLS = ['reset', 'present', 'predict', 'open-brief', 'download-json', 'upload-json', 'download-csv', 'download-workshop', 'upload-workshop', 'copy-link', 'link'];

for (const [width, height] of [[390, 844], [320, 640]]) {
  test(`a phone at ${width}x${height}: a toolbar of at most two rows, the rest behind More, and nothing under the Levers button`, async () => {
    const errors = [];
    const page = await open(width, height, errors);
    const closed = await toolbarRows(page);
    console.log(`${width}x${height} toolbar, More closed: ${JSON.stringify(closed)}`);
    assert.ok(closed.rows <= 2, `the toolbar is ${closed.rows} rows`);
    assert.ok(closed.height <= 90, `the toolbar is ${closed.height} px high`);
    assert.ok(closed.right <= width, `the toolbar ends at ${closed.right}`);
    for (const c of ['undo', 'redo', 'pin', 'toolbar-more']) {
      assert.ok(await page.locator(`[data-control="${c}"]`).isVisible(), `${c} is in the first row`);
    }
    await page.screenshot({ path: join(artifacts, `room3-phone-${width}-top.png`) });

    // Nothing under the Levers button: at the top, part-way down, at the foot.
    for (const where of ['top', 0.33, 0.66, 'end']) {
      await scrollTo(page, where);
      await page.waitForTimeout(150);
      const u = await underTheButton(page);
      assert.ok(u.button.bottom <= height && u.button.top >= height - 64, `the button sits in the strip: ${JSON.stringify(u.button)}`);
      assert.deepEqual(u.hits, [], `${where}: under the Levers button ${JSON.stringify(u.button)}`);
      if (where === 0.33) await page.screenshot({ path: join(artifacts, `room3-phone-${width}-middle.png`) });
    }
    await scrollTo(page, 'top');
    // The page is no wider than the screen, nor does its box scroll sideways.
    const wide = await page.evaluate(() => {
      const box = document.querySelector('.page');
      return { doc: document.documentElement.scrollWidth, box: box.scrollWidth - box.clientWidth };
    });
    assert.ok(wide.doc <= width && wide.box <= 0, `the page is wider than the screen: ${JSON.stringify(wide)}`);

    // More, by mouse: every other action is there, and works.
    const more = page.locator('[data-control="toolbar-more"]');
    assert.equal(await more.getAttribute('aria-expanded'), 'false');
    assert.equal(await more.getAttribute('aria-controls'), 'toolbar-more-items');
    await more.click();
    assert.equal(await more.getAttribute('aria-expanded'), 'true');
    for (const c of MORE_CONTROLS) {
      const el = page.locator(`[data-control="${c}"]`);
      const shown = c.startsWith('upload') ? el.locator('xpath=..') : el;
      assert.ok(await shown.isVisible(), `${c} shows under More`);
      const r = await shown.boundingBox();
      assert.ok(r.x >= 0 && r.x + r.width <= width, `${c} inside the screen: ${JSON.stringify(r)}`);
    }
    const open_ = await toolbarRows(page);
    console.log(`${width}x${height} toolbar, More open: ${JSON.stringify(open_)}`);
    await page.screenshot({ path: join(artifacts, `room3-phone-${width}-more.png`) });
    await page.click('[data-control="copy-link"]');
    await page.waitForFunction(() => /Link/.test(document.querySelector('[data-control="copy-status"]').textContent));
    await page.click('[data-control="open-brief"]');
    await page.locator('.page-brief').waitFor();
    await page.goBack().catch(() => {});
    await page.close();

    // By keyboard: Tab to More, Enter opens it, Tab reaches what it shows, Escape closes it
    // with the focus back on More.
    const page2 = await open(width, height, errors);
    await page2.focus('[data-control="pin"]');
    await page2.keyboard.press('Tab');
    assert.equal(await page2.evaluate(() => document.activeElement.dataset.control), 'toolbar-more');
    await page2.keyboard.press('Enter');
    assert.equal(await page2.locator('[data-control="toolbar-more"]').getAttribute('aria-expanded'), 'true');
    await page2.keyboard.press('Tab');
    assert.equal(await page2.evaluate(() => document.activeElement.dataset.control), 'present');
    await page2.keyboard.press('Escape');
    assert.equal(await page2.locator('[data-control="toolbar-more"]').getAttribute('aria-expanded'), 'false');
    assert.equal(await page2.evaluate(() => document.activeElement.dataset.control), 'toolbar-more');
    assert.equal(await page2.locator('[data-control="present"]').isVisible(), false);

    // One tap on Levers still opens the sheet with the figures above it.
    await page2.click('[data-control="phone-levers"]');
    await page2.locator(RECRUIT).waitFor({ state: 'visible' });
    const sheet = await page2.locator('.levers').boundingBox();
    const headline = await page2.locator('.headline').first().boundingBox();
    assert.ok(headline.y >= -1 && headline.y + headline.height <= sheet.y, `a headline above the sheet: ${JSON.stringify(headline)} ${sheet.y}`);
    // The open sheet ends above the strip too: "Close levers" covers none of the levers.
    const u = await underTheButton(page2);
    assert.deepEqual(u.hits, [], `the sheet open: under the button ${JSON.stringify(u.button)}`);
    await page2.locator('.levers').evaluate((e) => { e.scrollTop = e.scrollHeight / 3; });
    await page2.waitForTimeout(100);
    assert.deepEqual((await underTheButton(page2)).hits, [], 'the sheet scrolled: nothing under the button');
    await page2.screenshot({ path: join(artifacts, `room3-phone-${width}-levers.png`) });
    assert.deepEqual(errors, []);
    await page2.context().close();
  });
}

/** Every drawn chart's labels and plot box, in page pixels, after scrolling each into view
 *  (a chart off screen is drawn when it comes into view). */
async function chartLabels(page, selector) {
  const keys = await page.$$eval(selector, (cs) => cs.map((c) => c.dataset.chart));
  const out = [];
  for (const key of keys) {
    const canvas = page.locator(`${selector}[data-chart="${key}"]`).first();
    await canvas.scrollIntoViewIfNeeded();
    await page.waitForFunction((c) => {
      const r = c.getBoundingClientRect();
      return c.hasAttribute('data-plot-box') && c.width >= Math.floor(r.width) && r.width > 100;
    }, await canvas.elementHandle());
    await page.waitForTimeout(100);
    out.push(await canvas.evaluate((c) => {
      const r = c.getBoundingClientRect();
      const box = (s) => {
        const [x, y, w, h] = s.split(',').map(Number);
        return { x: r.left + x, y: r.top + y, w, h };
      };
      return {
        key: c.dataset.chart,
        canvas: { x: r.left, y: r.top, w: r.width, h: r.height },
        plot: box(c.dataset.plotBox),
        labels: (c.dataset.labelBoxes || '').split(';').filter(Boolean).map((s) => {
          const [b, text] = s.split('|');
          return { text, ...box(b) };
        }),
      };
    }));
  }
  return out;
}

function assertLabelsClear(charts, where) {
  let n = 0;
  for (const c of charts) {
    const { plot } = c;
    for (const [i, a] of c.labels.entries()) {
      n += 1;
      assert.ok(a.x >= plot.x - 0.5 && a.y >= plot.y - 0.5 && a.x + a.w <= plot.x + plot.w + 0.5 && a.y + a.h <= plot.y + plot.h + 0.5,
        `${where} ${c.key}: "${a.text}" ${JSON.stringify(a)} is cut by the plot's edge ${JSON.stringify(plot)}`);
      assert.ok(a.x + a.w <= c.canvas.x + c.canvas.w + 0.5, `${where} ${c.key}: "${a.text}" off the canvas`);
      for (const b of c.labels.slice(i + 1)) {
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        assert.ok(apart, `${where} ${c.key}: "${a.text}" overlaps "${b.text}"`);
      }
    }
  }
  return n;
}

test('chart labels never overlap nor get cut by the plot, at 320 to 2560 pixels wide, at the target month and the last month', async () => {
  const errors = [];
  const summary = [];
  for (const width of [320, 390, 768, 1280, 1920, 2560]) {
    const page = await open(width, width < 600 ? 844 : 900, errors);
    for (const month of ['opening', 'last']) {
      if (month === 'last') {
        const last = await page.$eval('#year', (s) => s.options[s.options.length - 1].value);
        await page.selectOption('#year', last);
        await page.waitForFunction(() => document.querySelectorAll('canvas[data-chart]').length > 0);
        await page.waitForTimeout(300);
      }
      const charts = await chartLabels(page, '.charts canvas[data-chart]');
      const n = assertLabelsClear(charts, `${width} px, ${month} month`);
      const weeks = charts.find((c) => c.key === 'within_18_weeks_pct');
      const texts = weeks.labels.map((l) => l.text);
      summary.push(`${width} ${month}: ${n} labels on ${charts.length} charts; 18 weeks: ${texts.join(' / ')}`);
      // The standards are always said, and the chosen month.
      assert.ok(texts.some((t) => /^92%/.test(t)) && texts.some((t) => /^65%/.test(t)), `${width}: ${texts}`);
      assert.ok(texts.some((t) => /20\d\d/.test(t)), `${width}: the chosen month is labelled: ${texts}`);
      summary.push(`  18-week plot ${Math.round(weeks.plot.w)} px wide`);
      // Where the plot has room, every label is said, the chosen month's whole.
      if (weeks.plot.w >= 560 && month === 'opening') {
        // The last published month, where the projection starts (no clock's Today: charts,
        // seventh session).
        assert.ok(texts.some((t) => /^Last published/.test(t)), `${width}: ${texts}`);
        assert.ok(texts.some((t) => /^March 2029: 92% within 18 weeks due$/.test(t)), `${width}: the chosen month whole: ${texts}`);
      }
      const figure = page.locator(WEEKS).locator('xpath=ancestor::figure');
      await figure.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, `room3-labels-${width}-${month}.png`) });
    }
    await page.context().close();
  }
  console.log(summary.join('\n'));
  assert.deepEqual(errors, []);
});

test('on the projector (1280x720, 1920x1080) the charts\' labels are clear too', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  await page.click('[data-control="pin"]');
  await page.click('[data-control="present"]');
  await page.locator('.projector').waitFor();
  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    await page.waitForTimeout(400);
    const charts = await chartLabels(page, '.projector canvas[data-chart]');
    assert.ok(charts.length >= 1);
    const n = assertLabelsClear(charts, `projector ${width}x${height}`);
    console.log(`projector ${width}x${height}: ${n} labels: ${charts.map((c) => `${c.key}: ${c.labels.map((l) => l.text).join(' / ')}`).join('; ')}`);
    await page.screenshot({ path: join(artifacts, `room3-projector-${width}x${height}.png`) });
  }
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the headline figures sit in even rows (never seven and three) and the area picker stays beside a long title', async () => {
  for (const [width, height] of [[1280, 720], [1920, 1080], [2560, 1440]]) {
    const errors = [];
    for (const ics of ['england', 'QE1']) {
      const page = await open(width, height, errors, `${appUrl}?v=1&ics=${ics}`);
      await page.waitForSelector('.headline');
      const { rows, picker, title } = await page.evaluate(() => {
        const tops = [...document.querySelectorAll('.headline')].map((e) => Math.round(e.getBoundingClientRect().top));
        const counts = {};
        for (const t of tops) counts[t] = (counts[t] ?? 0) + 1;
        const box = (sel) => document.querySelector(sel).getBoundingClientRect();
        const p = box('.masthead > :last-child');
        const t = box('.masthead > :first-child');
        return { rows: Object.values(counts), picker: { left: p.left, top: p.top }, title: { right: t.right, bottom: t.bottom } };
      });
      assert.ok(rows.every((n) => n === rows[0]), `${width} ${ics}: rows of ${rows.join(' + ')}`);
      // The picker is to the right of the title, not under it.
      assert.ok(picker.left >= title.right && picker.top < title.bottom, `${width} ${ics}: picker ${JSON.stringify(picker)}, title ${JSON.stringify(title)}`);
      await page.close();
    }
    assert.deepEqual(errors, []);
  }
});
