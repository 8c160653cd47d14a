// End-to-end: what keeps a slider move within a frame (seventh session, charts), counted, not
// timed (a timing would vary with the machine), and the charts' marks a new user asked for.
// - A drag forces no layout from the app's scripts, and changes only text in the charts: no
//   element of a chart's readout or legend is added or removed per move (adding and removing
//   the 80% range's item moved every chart below it, a layout and repaint of the whole page).
// - Charts scrolled out of view are not rendered by the browser at all (content-visibility),
//   and are when they come back.
// - The charts mark the last published month (read from the page's own words), not the
//   computer's clock; an ICB's charts mark April 2023's commissioning change and label the
//   years under the published dots; on the projector at 1920x1080 the charts' type is at
//   least as large as at 1280x720.
//   ICS_E2E_URL=http://127.0.0.1:8131/ node --test tests/e2e/charts2.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, lever, openFresh } from './chromium.mjs';

const RECRUIT = lever('recruitment_pct');
const MC_DONE = () => /all 200 runs/.test(document.querySelector('[data-control="mc-status"]')?.textContent);
const chrome = useChromium();

async function open(width, height, errors, address = appUrl) {
  const page = await openFresh(chrome.browser, width, height, errors, address);
  await page.waitForSelector('canvas[data-chart="waiting_list"]');
  await page.waitForFunction(MC_DONE, null, { timeout: 60000 });
  return page;
}

/** The labels a chart drew on its canvas (data-label-boxes: "x,y,w,h|text;..."). */
const labelsOf = (page, key) =>
  page.$eval(`canvas[data-chart="${key}"]`, (c) =>
    (c.dataset.labelBoxes || '').split(';').filter(Boolean).map((s) => {
      const [b, text] = s.split('|');
      const [x, y, w, h] = b.split(',').map(Number);
      return { text, x, y, w, h };
    }));

test('a drag forces no layout and adds or removes nothing in the charts, move after move', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  const slider = page.locator(RECRUIT);
  await slider.scrollIntoViewIfNeeded();
  const box = await slider.boundingBox();
  const y = box.y + box.height / 2;
  await page.evaluate(() => {
    window.__churn = 0;
    new MutationObserver((records) => {
      for (const r of records) window.__churn += r.addedNodes.length + r.removedNodes.length;
    }).observe(document.querySelector('.charts'), { childList: true, subtree: true });
  });
  await page.mouse.move(box.x + box.width * 0.2, y);
  await page.mouse.down();
  // The first moves drop the finished fan (the ranges wait for a new Monte Carlo); from then
  // on, each move only changes text.
  for (let i = 1; i <= 4; i++) await page.mouse.move(box.x + box.width * (0.2 + 0.02 * i), y);
  await page.evaluate(() => (window.__churn = 0));
  const values = new Set();
  await chrome.browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack'] });
  for (let i = 0; i < 40; i++) {
    await page.mouse.move(box.x + box.width * (0.3 + 0.012 * i), y);
    values.add(await slider.inputValue());
  }
  const trace = JSON.parse((await chrome.browser.stopTracing()).toString());
  await page.mouse.up();
  assert.ok(values.size >= 20, `the drag moved the lever (${values.size} values)`);
  assert.equal(await page.evaluate(() => window.__churn), 0, 'elements added or removed in the charts during the drag');
  // A forced layout: a Layout inside a script (an event handler, a timer, a frame callback,
  // the app's render in a microtask), asked for by reading the layout after changing the page.
  const events = (trace.traceEvents ?? trace).filter((e) => e.ph === 'X');
  const scripts = events.filter((e) => ['EventDispatch', 'TimerFire', 'FireAnimationFrame', 'RunMicrotasks', 'FunctionCall'].includes(e.name));
  const layouts = events.filter((e) => e.name === 'Layout');
  const forced = layouts.filter((l) => scripts.some((s) => s.tid === l.tid && s.ts <= l.ts && l.ts + l.dur <= s.ts + s.dur));
  assert.ok(layouts.length >= 20, `the trace saw the frames' layouts (${layouts.length})`);
  assert.equal(forced.length, 0, `forced layouts: ${JSON.stringify(forced.slice(0, 2).map((l) => l.args?.beginData?.stackTrace?.[0]))}`);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('charts out of view are not rendered until they come back into view', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  // The last chart: the browser renders what is within about a screen of the view.
  const far = 'canvas[data-chart="le_gap_years"]';
  const rendered = (sel) => page.$eval(sel, (c) => c.checkVisibility({ contentVisibilityAuto: true }));
  assert.equal(await rendered('canvas[data-chart="waiting_list"]'), true);
  assert.equal(await rendered(far), false, 'a chart far below the fold is skipped');
  await page.locator(far).scrollIntoViewIfNeeded();
  await page.waitForFunction((sel) => document.querySelector(sel).checkVisibility({ contentVisibilityAuto: true }), far);
  // And it is drawn there: its labels are written once it draws.
  await page.waitForFunction((sel) => document.querySelector(sel).dataset.plotBox, far);
  assert.deepEqual(errors, []);
  await page.context().close();
});

test('the charts mark the last published month, and today only with its month, at every size', async () => {
  const errors = [];
  for (const [width, height] of [[1280, 720], [1920, 1080], [390, 844]]) {
    const page = await open(width, height, errors);
    // Month 0 as the page says it ("What could change for England, March 2025 to ...").
    const start = (await page.locator('.tagline').innerText()).match(/, (\w+ \d{4}) to/)[1];
    const weeks = page.locator('canvas[data-chart="within_18_weeks_pct"]');
    await weeks.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => document.querySelector('canvas[data-chart="within_18_weeks_pct"]').dataset.labelBoxes);
    const texts = (await labelsOf(page, 'within_18_weeks_pct')).map((l) => l.text);
    // Today is marked only with its month beside it (brief5: issue 14.5), never alone where
    // it could read as the projection's start; brief5.test.mjs fixes the clock to test it.
    assert.ok(texts.every((t) => !/^Today/.test(t) || /^Today( \(\w+ \d{4}\))?$/.test(t)), `${width}: ${texts}`);
    // Whole where the plot has room, else its first words: at 1280 x 720 (two charts to a
    // row) the whole label would lie across the 65% target's and today's lines, which no
    // label may cross (places6), so it reads "Last published" up its line.
    const mark = texts.find((t) => t.startsWith('Last published'));
    assert.ok(mark === `Last published: ${start}` || mark === 'Last published', `${width}: ${texts}`);
    await page.locator('figure.chart', { has: weeks }).screenshot({ path: join(artifacts, `charts2-weeks-${width}.png`) });
    await page.context().close();
  }
  assert.deepEqual(errors, []);
});

test('an ICB\'s charts mark the April 2023 commissioning change, with years under the dots', async () => {
  const errors = [];
  const page = await open(1280, 720, errors);
  await page.selectOption('select[data-control="system"]', 'QE1');
  await page.waitForFunction(MC_DONE, null, { timeout: 60000 });
  await page.waitForFunction(() => /April 2023/.test(document.querySelector('canvas[data-chart="waiting_list"]').dataset.labelBoxes));
  const texts = (await labelsOf(page, 'waiting_list')).map((l) => l.text);
  assert.ok(texts.some((t) => /^April 2023/.test(t)), texts.join(' / '));
  const legend = page.locator('figure.chart', { has: page.locator('canvas[data-chart="waiting_list"]') }).locator('[data-legend="published"]');
  assert.match(await legend.innerText(), /May 2023 to March 2025/);
  assert.match(await legend.getAttribute('title'), /April 2023/);
  await page.locator('figure.chart', { has: page.locator('canvas[data-chart="waiting_list"]') }).screenshot({ path: join(artifacts, 'charts2-icb-1280.png') });
  // The projector: two charts, type larger on the larger screen.
  await page.click('[data-control="pin"]');
  await page.click('[data-control="present"]');
  await page.locator('.projector').waitFor();
  const yearHeight = async () => {
    await page.waitForTimeout(500);
    return page.$eval('.projector canvas[data-chart]', (c) => Number(c.dataset.typePx));
  };
  await page.setViewportSize({ width: 1280, height: 720 });
  const small = await yearHeight();
  await page.screenshot({ path: join(artifacts, 'charts2-projector-1280x720.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  const large = await yearHeight();
  await page.screenshot({ path: join(artifacts, 'charts2-projector-1920x1080.png') });
  assert.ok(small >= 28 && large >= small * 1.2, `the projector's chart type: ${small} px at 1280x720, ${large} px at 1920x1080`);
  assert.deepEqual(errors, []);
  await page.context().close();
});
