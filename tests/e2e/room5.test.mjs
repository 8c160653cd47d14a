// End-to-end: the workshop room's leftovers from issue 15 (room5, eighth session). Long act
// names fit the act bar and the acts table at every width from 320 to 2560 pixels (wrapped,
// or ended in "…" with the whole name kept as the tooltip and the text); the acts table fits
// its panel at 1280 and 390; "Figures (CSV)" and the chart exports withhold a hidden act's
// figures and say so; Redo after the Undo of an opened workshop opens it again; hiding one
// pin never recolours another; an act the room has seen stays revealed after a reload while
// one it has not stays hidden.
//   ICS_E2E_URL=http://127.0.0.1:8101/ node --test tests/e2e/room5.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, pinThreeOfYourOwn } from './chromium.mjs';

const chrome = useChromium();

/** Opens `address` in a fresh context (downloads allowed) and waits for the levers. */
async function open(width, height, errors, address) {
  const context = await chrome.browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && !m.location().url.endsWith('/favicon.ico') && errors.push(m.text()));
  await page.goto(address);
  await page.waitForSelector('input[data-lever="recruitment_pct"]', { state: 'attached' });
  return page;
}

const enc = encodeURIComponent;

/** Names as long as a pin's name may be (80 characters), one a single long word. */
const LONG = [
  'Recruit hard across every trust and fix social care pay with a fifty-fifty split',
  'Neighbourhood-health-teams-in-every-primary-care-network-with-social-prescribing',
  'Prevention first: public health grant restored, smoking and obesity programmes x',
  'Voluntary sector discharge support in every hospital, seven days a week, all year',
];

/** Lancashire and South Cumbria with four acts under long names, each from a partner with a
 *  long name, the first two set to open hidden. */
const LONG_ACTS = '?v=1&ics=QE1'
  + `&act=ics:QE1;recruitment_pct:20;name:${enc(LONG[0])};partner:Voluntary%20and%20community%20sector;opens_hidden:true`
  + `&act=ics:QE1;social_care_pct:39;name:${enc(LONG[1])};partner:Local%20government;opens_hidden:true`
  + `&act=ics:QE1;productivity_pct:1;name:${enc(LONG[2])};partner:Public%20health`
  + `&act=ics:QE1;recruitment_pct:10;name:${enc(LONG[3])};partner:Voluntary%20and%20community%20sector`;

/** Two acts, both set to open hidden, none open. */
const HIDDEN_ACTS = '?v=1&ics=QE1'
  + '&act=ics:QE1;social_care_pct:39;name:Social%20care%20plan;partner:Social%20care;opens_hidden:true'
  + '&act=ics:QE1;recruitment_pct:20;name:Workforce%20plan;partner:NHS%20providers;opens_hidden:true';

/** Two acts that open shown. */
const SHOWN_ACTS = '?v=1&ics=QE1'
  + '&act=ics:QE1;social_care_pct:39;name:Social%20care%20plan'
  + '&act=ics:QE1;recruitment_pct:20;name:Workforce%20plan';

/** Two rectangles overlap (by more than half a pixel each way). */
const overlaps = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** The act bar, measured: the name's box and its text, title and lines; each button's box
 *  and whether its label fits; the bar's and the page's widths. */
const actBar = (page) => page.evaluate(() => {
  const bar = document.querySelector('[data-control="presenter-bar"]');
  const act = bar.querySelector('[data-control="act"]');
  const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
  const style = getComputedStyle(act);
  return {
    innerWidth: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    bar: { ...box(bar), scroll: bar.scrollWidth, client: bar.clientWidth },
    act: {
      ...box(act), text: act.textContent, title: act.getAttribute('title'),
      scroll: act.scrollWidth, client: act.clientWidth,
      scrollHeight: act.scrollHeight, clientHeight: act.clientHeight,
      lineHeight: parseFloat(style.lineHeight), fontSize: parseFloat(style.fontSize),
    },
    buttons: [...bar.querySelectorAll('button')].map((b) => ({ ...box(b), label: b.textContent, scroll: b.scrollWidth, client: b.clientWidth })),
  };
});

/** The acts table, measured: the panel, the table and each act's button. */
const actsTable = (page) => page.evaluate(() => {
  const panel = document.querySelector('[data-control="acts"]');
  const table = panel.querySelector('table');
  const p = panel.getBoundingClientRect();
  const t = table.getBoundingClientRect();
  return {
    innerWidth: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    panel: { left: p.left, right: p.right, scroll: panel.scrollWidth, client: panel.clientWidth },
    table: { left: t.left, right: t.right, scroll: table.scrollWidth, client: table.clientWidth },
    // (On a phone the header row is kept for screen readers only, clipped to nothing.)
    cells: [...table.querySelectorAll('th, td')].filter((c) => c.getClientRects().length > 0
      && !(c.closest('thead') && getComputedStyle(c.closest('thead')).position === 'absolute'))
      .map((c) => ({ text: c.innerText.slice(0, 30), scroll: c.scrollWidth, client: c.clientWidth })),
    // Each menu's chosen option, measured in the menu's own type, against the room the menu
    // gives it (its width less its padding and the arrow, about 20 pixels).
    menus: [...table.querySelectorAll('select')].map((m) => {
      const ctx = document.createElement('canvas').getContext('2d');
      const st = getComputedStyle(m);
      ctx.font = st.font;
      const text = m.options[m.selectedIndex].text;
      const room = m.clientWidth - parseFloat(st.paddingLeft) - parseFloat(st.paddingRight) - 20;
      return { text, width: ctx.measureText(text).width, room };
    }),
    names: [...table.querySelectorAll('tbody th button')].map((b) => {
      const r = b.getBoundingClientRect();
      return { text: b.textContent, left: r.left, right: r.right, scroll: b.scrollWidth, client: b.clientWidth };
    }),
  };
});

const WIDTHS = [[320, 640], [390, 844], [1280, 720], [1920, 1080], [2560, 1440]];

test('long act names never overlap or get cut in the act bar, at 320 to 2560 pixels; the whole name is kept', async () => {
  const errors = [];
  const page = await open(1280, 720, errors, appUrl + LONG_ACTS);
  await page.locator('[data-control="acts"]').waitFor();
  await page.click('[data-control="present"]');
  await page.locator('[data-control="projector"]').waitFor();
  for (let act = 0; act < 4; act++) {
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((n) => document.querySelector('[data-control="act"]').textContent.startsWith(`Act ${n} of 4`), act + 1);
    for (const [width, height] of WIDTHS) {
      await page.setViewportSize({ width, height });
      await page.waitForFunction((w) => window.innerWidth === w, width);
      const m = await actBar(page);
      const at = `act ${act + 1} at ${width}x${height}`;
      assert.ok(m.act.text.includes(LONG[act]), `${at}: the whole name is the bar's text: ${m.act.text}`);
      assert.equal(m.act.title, m.act.text, `${at}: and its tooltip`);
      assert.ok(m.pageWidth <= m.innerWidth, `${at}: nothing scrolls sideways (${m.pageWidth} > ${m.innerWidth})`);
      assert.ok(m.bar.left >= 0 && m.bar.right <= m.innerWidth + 0.5, `${at}: the bar is on screen (${m.bar.left} to ${m.bar.right})`);
      assert.ok(m.bar.scroll <= m.bar.client, `${at}: nothing runs out of the bar (${m.bar.scroll} > ${m.bar.client})`);
      assert.ok(m.act.scroll <= m.act.client, `${at}: the name is never cut sideways (${m.act.scroll} > ${m.act.client})`);
      const lines = Math.round(m.act.clientHeight / m.act.lineHeight);
      assert.ok(lines >= 1 && lines <= 2, `${at}: at most two lines (${m.act.clientHeight}px of ${m.act.lineHeight}px lines)`);
      for (const b of m.buttons) {
        assert.ok(!overlaps(m.act, b), `${at}: the name does not run under “${b.label}”`);
        assert.ok(b.scroll <= b.client, `${at}: “${b.label}” shows its whole label`);
        assert.ok(b.left >= 0 && b.right <= m.innerWidth + 0.5, `${at}: “${b.label}” is on screen`);
      }
      for (let i = 0; i < m.buttons.length; i++) {
        for (let j = i + 1; j < m.buttons.length; j++) {
          assert.ok(!overlaps(m.buttons[i], m.buttons[j]), `${at}: “${m.buttons[i].label}” and “${m.buttons[j].label}” do not overlap`);
        }
      }
      if (act === 0) {
        const cut = m.act.scrollHeight > m.act.clientHeight + 1;
        console.log(`${width}x${height}: act bar name ${m.act.fontSize}px, ${lines} line(s), ${cut ? 'ended in … (whole name in the tooltip)' : 'whole'}; bar ${Math.round(m.bar.bottom - m.bar.top)}px high`);
      }
      if (act === 0 && ((width === 1280 && height === 720) || (width === 1920 && height === 1080))) {
        await page.screenshot({ path: join(artifacts, `room5-projector-long-names-${width}x${height}.png`) });
      }
    }
    await page.setViewportSize({ width: 1280, height: 720 });
  }
  // The projector still fits 1280x720 without scrolling with a two-line name.
  const fit = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, inner: window.innerHeight }));
  assert.ok(fit.h <= fit.inner, `the projector does not scroll at 1280x720 (${fit.h} > ${fit.inner})`);
  assert.deepEqual(errors, []);
});

test('the acts table fits its panel, no cell cut, at 320 to 2560 pixels, with long names', async () => {
  const errors = [];
  const page = await open(1280, 720, errors, appUrl + LONG_ACTS);
  await page.locator('[data-control="acts"] table').waitFor();
  for (const [width, height] of WIDTHS) {
    await page.setViewportSize({ width, height });
    await page.waitForFunction((w) => window.innerWidth === w, width);
    const m = await actsTable(page);
    const at = `${width}x${height}`;
    console.log(`${at}: acts panel ${m.panel.client}px, table ${Math.round(m.table.right - m.table.left)}px (scrollWidth ${m.table.scroll}), page ${m.pageWidth}px`);
    assert.ok(m.pageWidth <= m.innerWidth, `${at}: the page does not scroll sideways (${m.pageWidth} > ${m.innerWidth})`);
    assert.ok(m.panel.scroll <= m.panel.client, `${at}: the acts panel does not scroll sideways (${m.panel.scroll} > ${m.panel.client})`);
    assert.ok(m.table.right <= m.panel.right + 0.5, `${at}: the table ends inside its panel (${m.table.right} > ${m.panel.right})`);
    for (const c of m.cells) assert.ok(c.scroll <= c.client + 1, `${at}: the cell “${c.text}” is not cut (${c.scroll} > ${c.client})`);
    for (const menu of m.menus) assert.ok(menu.width <= menu.room, `${at}: the menu shows “${menu.text}” whole (${Math.round(menu.width)} > ${Math.round(menu.room)})`);
    m.names.forEach((n, i) => {
      assert.ok(n.text.includes(LONG[i]), `${at}: act ${i + 1}'s whole name: ${n.text}`);
      assert.ok(n.scroll <= n.client, `${at}: act ${i + 1}'s name is not cut (${n.scroll} > ${n.client})`);
    });
    if (width === 1280 || width === 390) {
      await page.locator('[data-control="acts"]').scrollIntoViewIfNeeded();
      await page.locator('[data-control="acts"]').screenshot({ path: join(artifacts, `room5-acts-table-${width}.png`) });
    }
  }
  assert.deepEqual(errors, []);
});

/** Downloads what clicking `selector` saves, as text. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return readFile(await file.path(), 'utf8');
}

/** An SVG's words, as one line (its text elements wrap a long legend). */
const words = (svg) => svg.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

test("“Figures (CSV)” and the chart exports withhold a hidden act's figures and say so; after the reveal they hold them", async () => {
  const errors = [];
  const page = await open(1280, 900, errors, appUrl + HIDDEN_ACTS);
  await page.locator('[data-control="acts"]').waitFor();
  await page.click('[data-control="open-act-0"]');
  await page.locator('[data-control="reveal"]').waitFor();
  // While hidden: the comment lines, a line that says the figures are withheld, no row.
  let csv = await download(page, '[data-control="download-csv"]');
  let rows = csv.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.match(csv, /^# withheld: this scenario's figures are hidden until revealed/m);
  assert.equal(rows.length, 0, `no figure while hidden: ${rows.slice(0, 3).join(' | ')}`);
  // The chart's SVG: no line of the hidden scenario nor of the other hidden act, and it says so.
  let svg = await download(page, '[data-export-svg="waiting_list"]');
  assert.match(words(svg), /withheld until revealed: 2 pinned scenarios/, 'the export says what it withheld');
  assert.doesNotMatch(svg, /#E69F00|#CC79A7/i, "neither act's line is drawn");

  // Revealed: the figures, and the other act still withheld from the chart.
  await page.keyboard.press('r');
  await page.locator('[data-control="reveal"]').waitFor({ state: 'detached' });
  csv = await download(page, '[data-control="download-csv"]');
  rows = csv.split('\n').filter((l) => l && !l.startsWith('#'));
  assert.doesNotMatch(csv, /withheld/);
  assert.ok(rows.length > 100, `every month's figures once revealed (${rows.length} rows)`);
  svg = await download(page, '[data-export-svg="waiting_list"]');
  assert.match(words(svg), /withheld until revealed: 1 pinned scenario\b/);
  // (The caption names every pin, as the tables do; no line of a hidden one is drawn.)
  assert.match(words(svg), /orange dots: Social care plan/, "the revealed act's line is in the legend");
  assert.doesNotMatch(words(svg), /(dots|dashes|line): Workforce plan/, 'the other hidden act has none');
  assert.doesNotMatch(svg, /#CC79A7/i, 'nor is it drawn');
  assert.deepEqual(errors, []);
});

test('Redo after the Undo of a workshop opened over your pins opens the workshop again, one step each way', async () => {
  const errors = [];
  const page = await open(1280, 900, errors, appUrl + '?v=1&ics=QOP');
  await pinThreeOfYourOwn(page);
  await page.goto(appUrl + HIDDEN_ACTS);
  await page.locator('[data-control="notices"]').waitFor();
  const names = () => page.$$eval('[data-control^="pin-name-"]', (es) => es.map((e) => e.value));
  const acts = () => page.$$eval('[data-control="acts"] tbody th', (es) => es.map((e) => e.innerText));
  const workshop = { names: await names(), acts: await acts(), hidden: await page.locator('[data-control="compare"] [data-hidden-pin]').count() };
  assert.deepEqual(workshop.names, ['Social care plan', 'Workforce plan']);
  await page.click('[data-control="undo"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 3);
  assert.ok((await names()).every((n) => /recruit/i.test(n)), 'Undo: your own three pins');
  await page.click('[data-control="redo"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 2);
  assert.deepEqual(await names(), workshop.names, 'Redo: the workshop again');
  assert.deepEqual(await acts(), workshop.acts, 'with its acts');
  assert.equal(await page.locator('[data-control="compare"] [data-hidden-pin]').count(), workshop.hidden, 'and its secrets');
  assert.equal(await page.locator('[data-control="redo"]').isDisabled(), true, 'one step: nothing more to redo');
  await page.screenshot({ path: join(artifacts, 'room5-redo-workshop.png') });
  // Ctrl+Z and Ctrl+Shift+Z do the same.
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 3);
  await page.keyboard.press('Control+Shift+z');
  await page.waitForFunction(() => document.querySelectorAll('[data-control^="pin-name-"]').length === 2);
  assert.deepEqual(await names(), workshop.names);
  assert.deepEqual(errors, []);
});

/** How many opaque pixels of the waiting list's canvas are each pin colour. */
const pinPixels = (page) => page.evaluate(() => {
  const c = document.querySelector('canvas[data-chart="waiting_list"]');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  const colours = { orange: [0xE6, 0x9F, 0x00], purple: [0xCC, 0x79, 0xA7] };
  const n = { orange: 0, purple: 0 };
  for (let i = 0; i < d.length; i += 4) {
    for (const [k, [r, g, b]] of Object.entries(colours)) {
      if (d[i] === r && d[i + 1] === g && d[i + 2] === b && d[i + 3] === 255) n[k]++;
    }
  }
  return n;
});

test('hiding one pin never recolours another: each keeps its own colour on the chart, the legend and the export', async () => {
  const errors = [];
  const page = await open(1280, 900, errors, appUrl + SHOWN_ACTS);
  await page.locator('[data-control="acts"]').waitFor();
  await page.waitForFunction(() => document.querySelectorAll('.charts [data-legend-pin="1"]').length > 0
    && document.querySelectorAll('.charts [data-legend-pin="0"]').length > 0);
  const chart = page.locator('canvas[data-chart="waiting_list"]');
  await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelector('canvas[data-chart="waiting_list"]').width > 300);
  const both = await pinPixels(page);
  assert.ok(both.orange > 50 && both.purple > 50, `both pins drawn, orange and purple: ${JSON.stringify(both)}`);
  const swatch = () => page.$$eval('.charts [data-legend-pin] .swatch', (es) => [...new Set(es.map((e) => e.className))]);
  // Act 1 set to open hidden: its line and legend entry go; act 2 stays purple.
  await page.check('[data-control="act-hidden-0"]');
  await page.waitForFunction(() => document.querySelectorAll('.charts [data-legend-pin="0"]').length === 0);
  await chart.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => document.querySelectorAll('.charts [data-legend-pin="1"]').length > 0);
  let one;
  for (let tries = 0; tries < 50; tries++) {
    one = await pinPixels(page);
    if (one.orange === 0) break;
    await page.waitForTimeout(100);
  }
  assert.equal(one.orange, 0, `no line in act 1's orange: ${JSON.stringify(one)}`);
  assert.ok(one.purple > 50, `act 2 keeps its purple: ${JSON.stringify(one)}`);
  assert.deepEqual(await swatch(), ['swatch swatch-pin-2'], "act 2's legend swatch is still pin 2's");
  const svg = await download(page, '[data-export-svg="waiting_list"]');
  assert.match(words(svg), /purple long dashes: Workforce plan/, "the export names act 2's line by its own style");
  assert.match(svg, /#CC79A7/i, 'and draws it purple');
  assert.doesNotMatch(svg, /#E69F00/i, 'not orange');
  await page.screenshot({ path: join(artifacts, 'room5-pin-colours-one-hidden.png') });
  assert.deepEqual(errors, []);
});

test('an act the room has seen stays revealed after a reload; one it has not stays hidden', async () => {
  const errors = [];
  const page = await open(1280, 900, errors, appUrl + HIDDEN_ACTS);
  await page.locator('[data-control="acts"]').waitFor();
  const hiddenCells = (i) => page.locator(`[data-control="compare"] [data-hidden-pin="${i}"]`).count();
  assert.ok((await hiddenCells(0)) >= 5 && (await hiddenCells(1)) >= 5, 'both hidden before their turn');
  await page.click('[data-control="open-act-0"]');
  await page.locator('[data-control="reveal"]').waitFor();
  await page.keyboard.press('r');
  await page.locator('[data-control="reveal"]').waitFor({ state: 'detached' });
  assert.equal(await hiddenCells(0), 0, 'act 1 revealed');
  assert.equal(new URL(page.url()).searchParams.getAll('act').length, 0, 'the address bar no longer holds the acts');
  await page.reload();
  await page.locator('[data-control="acts"]').waitFor();
  await page.waitForSelector('.charts [data-readout]');
  assert.equal(await hiddenCells(0), 0, 'act 1 is still revealed after the reload');
  assert.ok((await hiddenCells(1)) >= 5, 'act 2, never revealed, is still hidden');
  assert.equal(await page.locator('[data-control="reveal"]').count(), 0, 'the open act is shown');
  const legend = await page.$$eval('.charts [data-legend-pin]', (es) => [...new Set(es.map((e) => e.dataset.legendPin))]);
  assert.deepEqual(legend, ['0'], 'only act 1 is in the legends');
  const readouts = await page.$$eval('.charts [data-readout]', (es) => es.map((e) => e.textContent).join(' | '));
  assert.match(readouts, /Social care plan/);
  assert.doesNotMatch(readouts, /Workforce plan/);
  // A saved workshop file carries no reveal: on another machine act 1 is hidden until revealed there.
  const file = await download(page, '[data-control="download-workshop"]');
  assert.doesNotMatch(file, /revealed/, 'the saved file holds no reveal');
  await page.screenshot({ path: join(artifacts, 'room5-revealed-after-reload.png') });
  assert.deepEqual(errors, []);
});
