// End-to-end: the workshop room (issue 15). The projector view at 1280x720 and 1920x1080
// (nothing scrolls, the charts are on screen, type at least twice the normal page's), a
// prediction that keeps its secret through a reload until revealed by key, and a workshop
// file opened in a fresh browser profile. Each test has a fresh browser context.
//   ICS_E2E_URL=http://127.0.0.1:8103/ node --test tests/e2e/workshop.test.mjs
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, collectErrors, appUrl as url, artifacts, setUpActs, workshopSnapshot } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const PROJECTOR_CHART = '.projector canvas[data-chart]';
const NOTICES = '[data-control="notices"]';
const metric = (key) => `[data-metric="${key}"]`;
const lever = (key) => `input[data-lever="${key}"]`;

const chrome = useChromium();
let context;
let page;
let pageErrors = [];

beforeEach(async () => {
  await context?.close();
  pageErrors = [];
  context = await chrome.browser.newContext({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
  page = await context.newPage();
  collectErrors(page, pageErrors);
});

/** Opens `address` and waits for the first chart to be drawn. */
async function open(address, p = page) {
  await p.goto(address);
  await p.waitForSelector(CHART);
  await p.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
}

/** Pins the scenario in `query` (a link), then puts the levers back to current plans. */
async function pinLink(query) {
  await open(url + query);
  await page.click('[data-control="pin"]');
}

/** Two acts: recruitment +20% and social care fixed, with current plans open. */
async function twoActs() {
  await pinLink('?v=1&ics=england&recruitment_pct=20');
  await page.selectOption('[data-control="preset"]', 'social_care_fixed');
  await page.waitForFunction((sel) => document.querySelector(sel).value === '39', lever('social_care_pct'));
  await page.click('[data-control="pin"]');
  await page.click('[data-control="reset"]');
  await page.locator('[data-control="acts"]').waitFor();
}

/** Computed font sizes, in pixels, of the first element matching each selector. */
const fontSizes = (selectors) =>
  page.evaluate((sels) => Object.fromEntries(sels.map((s) => {
    const e = [...document.querySelectorAll(s)].find((el) => el.getClientRects().length > 0);
    return [s, e ? parseFloat(getComputedStyle(e).fontSize) : null];
  })), selectors);

/** How many pixels of every canvas on the page are the scenario's colour, #0072B2 opaque
 *  (the fan is drawn translucent, so only the line is). */
const scenarioPixels = () =>
  page.evaluate(() => [...document.querySelectorAll('canvas')].reduce((n, c) => {
    if (!c.width || !c.height) return n;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    for (let i = 0; i < d.length; i += 4) {
      if (d[i] === 0 && d[i + 1] === 114 && d[i + 2] === 178 && d[i + 3] === 255) n++;
    }
    return n;
  }, 0));

/** What the projector looks like: whether anything scrolls, where its charts are. */
const layout = () =>
  page.evaluate((sel) => ({
    scrollHeight: document.documentElement.scrollHeight,
    bodyScrollHeight: document.body.scrollHeight,
    scrollWidth: document.documentElement.scrollWidth,
    innerHeight: window.innerHeight,
    innerWidth: window.innerWidth,
    charts: [...document.querySelectorAll(sel)].map((c) => {
      const r = c.getBoundingClientRect();
      return { key: c.dataset.chart, top: r.top, bottom: r.bottom, left: r.left, right: r.right, height: r.height, bitmap: c.width };
    }),
    visibleButtons: [...document.querySelectorAll('button')].filter((b) => b.getClientRects().length > 0).map((b) => b.textContent.trim()),
    toolbar: document.querySelector('.toolbar').getClientRects().length,
  }), PROJECTOR_CHART);

test('projector view: full screen, nothing scrolls at 1280x720 or 1920x1080, type twice the size, keys step, reveal and leave', async () => {
  await twoActs();
  // Normal mode's sizes, to compare with.
  const normal = await fontSizes(['.headline-value', '.headline-label', '.headline-change', '.legend']);
  await page.click('[data-control="present"]');
  await page.locator('[data-control="projector"]').waitFor();
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => /Act 1 of 2/.test(document.querySelector('[data-control="act"]').textContent));
  const fullScreen = await page.evaluate(() => document.fullscreenElement !== null);
  console.log(`full screen granted: ${fullScreen}`);

  for (const [width, height] of [[1280, 720], [1920, 1080]]) {
    await page.setViewportSize({ width, height });
    // The charts are redrawn at their new size (bitmap as wide as the box, at least).
    await page.waitForFunction((sel) => {
      const cs = [...document.querySelectorAll(sel)];
      return cs.length > 0 && cs.every((c) => c.width >= Math.floor(c.getBoundingClientRect().width) && c.getBoundingClientRect().width > 300);
    }, PROJECTOR_CHART);
    const l = await layout();
    const size = `${width}x${height}`;
    assert.ok(l.scrollHeight <= l.innerHeight, `${size}: the page does not scroll (${l.scrollHeight} > ${l.innerHeight})`);
    assert.ok(l.bodyScrollHeight <= l.innerHeight, `${size}: the body does not scroll`);
    assert.ok(l.scrollWidth <= l.innerWidth, `${size}: nothing scrolls sideways`);
    assert.equal(l.charts.length, 2, `${size}: two charts for the act`);
    for (const c of l.charts) {
      assert.ok(c.top >= 0 && c.bottom <= l.innerHeight && c.left >= 0 && c.right <= l.innerWidth, `${size}: ${c.key} on screen`);
      assert.ok(c.height >= height * 0.3, `${size}: ${c.key} is ${c.height}px high`);
    }
    assert.equal(l.toolbar, 0, `${size}: the toolbar is hidden`);
    assert.equal(l.visibleButtons.filter((t) => /Leave/.test(t)).length, 1, `${size}: one Leave button: ${l.visibleButtons}`);
    const big = await fontSizes(['.projector .headline-value', '.projector .headline-label', '.projector .headline-change', '.projector .legend']);
    console.log(`${size} font sizes, normal ${JSON.stringify(normal)}, projector ${JSON.stringify(big)}`);
    for (const [sel, px] of Object.entries(normal)) {
      const projected = big[`.projector ${sel}`];
      assert.ok(projected >= 2 * px, `${size}: ${sel} is ${projected}px on the projector, normal ${px}px`);
    }
    // One large headline a chart, with a figure.
    const headlines = await page.locator('.projector .headline-value').allInnerTexts();
    assert.equal(headlines.length, 2);
    assert.ok(headlines.every((t) => /\d/.test(t)), `figures shown: ${headlines}`);
    await page.screenshot({ path: join(artifacts, `projector-${size}.png`) });
  }

  // Keys: a clicker's Page Down, the arrows, H hides, R reveals, ? helps, Esc leaves.
  await page.keyboard.press('PageDown');
  await page.waitForFunction(() => /Act 2 of 2/.test(document.querySelector('[data-control="act"]').textContent));
  assert.match(await page.locator('[data-control="act"]').innerText(), /Social care/);
  await page.keyboard.press('h');
  await page.waitForFunction(() => document.querySelector('.projector .headline-value').textContent === '?');
  await page.screenshot({ path: join(artifacts, 'projector-hidden-1920x1080.png') });
  await page.keyboard.press('r');
  await page.waitForFunction(() => /\d/.test(document.querySelector('.projector .headline-value').textContent));
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction(() => /Act 1 of 2/.test(document.querySelector('[data-control="act"]').textContent));
  await page.keyboard.press('?');
  const help = page.locator('[data-control="help"]');
  await help.waitFor();
  assert.match(await help.innerText(), /reveal the hidden scenario/);
  assert.match(await help.innerText(), /Page Down/);
  await page.keyboard.press('Escape');
  // The list closes on the next render: wait for it (two test files run at once, so a
  // render can come after the next line of the test).
  await help.waitFor({ state: 'detached', timeout: 5000 });
  assert.equal(await help.count(), 0);
  // Esc leaves: the browser's full screen takes the first Esc where it was granted.
  for (let i = 0; i < 2 && (await page.locator('[data-control="projector"]').count()) > 0; i++) {
    await page.keyboard.press('Escape');
    await page.waitForTimeout(200);
  }
  await page.waitForFunction(() => !document.querySelector('[data-control="projector"]'));
  assert.ok(await page.locator('.toolbar').isVisible());
  assert.ok(await page.locator('section.levers').isVisible());
  assert.equal(await page.evaluate(() => document.fullscreenElement), null, 'full screen is left with presenter mode');
  assert.deepEqual(pageErrors, []);
});

test('a prediction keeps its secret through a reload; R reveals the figure beside the room’s prediction', async () => {
  // The act's figures, and current plans', as the page shows them.
  const figures = () => page.locator('.headlines .headline-value').allInnerTexts();
  await open(url);
  const plans = await figures();
  await pinLink('?v=1&ics=england&recruitment_pct=20');
  const act = await figures();
  const secret = act.filter((f) => !plans.includes(f));
  assert.ok(secret.length >= 4, `the act moves several headline figures: ${secret}`);
  const actWaitingList = act[0];
  await page.click('[data-control="reset"]');
  await page.locator('[data-control="acts"]').waitFor();
  // The act opens hidden; the facilitator types the room's prediction.
  await page.check('[data-control="act-hidden-0"]');
  await page.click('[data-control="open-act-0"]');
  await page.waitForFunction((sel) => document.querySelector(sel).textContent === '?', metric('waiting_list'));
  await page.fill('[data-control="act-prediction-0"]', '6.9m');
  await page.keyboard.press('Tab');
  await page.waitForFunction(() => document.querySelector('[data-control="act-prediction-0"]').value === '6.90m');

  const leaks = () =>
    page.evaluate((secret) => {
      const places = {
        'page text': document.body.innerText,
        title: document.title,
        URL: location.href,
        link: document.querySelector('[data-control="link"]').value,
        legend: [...document.querySelectorAll('.legend')].map((l) => l.innerText).join(' | '),
        table: document.querySelector('[data-control="compare"]')?.innerText ?? '',
        attributes: [...document.querySelectorAll('*')].flatMap((e) => [...e.attributes].map((a) => a.value)).join(' '),
      };
      return Object.entries(places).flatMap(([where, text]) => secret.filter((f) => text.includes(f)).map((f) => `${f} in ${where}`));
    }, secret);
  const stillHidden = async (when) => {
    assert.equal(await page.locator(metric('waiting_list')).innerText(), '?', `${when}: the headline is hidden`);
    assert.deepEqual(await leaks(), [], `${when}: no figure of the hidden scenario anywhere`);
    assert.equal(await page.locator('[data-legend-pin="0"]').count(), 0, `${when}: the act's pin is not in the legend`);
    assert.match(await page.locator('[data-hidden-pin="0"]').first().innerText(), /hidden until revealed/, `${when}: nor in the table`);
    assert.equal(await page.locator('[data-control="scoreboard"]').count(), 0);
    // No chart, on screen or scrolled away, has the scenario's line (#0072B2) in its bitmap.
    assert.equal(await scenarioPixels(), 0, `${when}: no scenario line on any chart`);
  };
  await stillHidden('opened hidden');
  await page.screenshot({ path: join(artifacts, 'workshop-prediction-hidden.png'), fullPage: true });

  await page.reload();
  await page.waitForSelector(CHART);
  await stillHidden('after a reload');
  assert.equal(await page.locator('[data-control="act-prediction-0"]').inputValue(), '6.90m', 'the prediction is kept');

  // On the projector the prediction stands beside the "?" until R reveals both.
  await page.click('[data-control="present"]');
  await page.locator('.projector [data-control="prediction"]').waitFor();
  assert.equal(await page.locator('.projector .headline-value').first().innerText(), '?');
  assert.deepEqual(await leaks(), [], 'the projector keeps the secret too');
  await page.screenshot({ path: join(artifacts, 'projector-prediction-1280x720.png') });
  await page.keyboard.press('r');
  await page.waitForFunction(() => document.querySelector('.projector .headline-value').textContent !== '?');
  assert.equal(await page.locator('.projector .headline-value').first().innerText(), actWaitingList);
  const result = await page.locator('.projector [data-control="prediction-result"]').innerText();
  assert.match(result, /Room predicted 6\.90m: model ([\d.]+[mk]? (higher|lower)|spot on)/);
  await page.screenshot({ path: join(artifacts, 'projector-revealed-1280x720.png') });
  await page.click('[data-control="leave"]');
  await page.waitForFunction(() => !document.querySelector('[data-control="projector"]'));
  assert.equal(await page.locator(metric('waiting_list')).innerText(), actWaitingList);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);
  await page.waitForTimeout(300);
  assert.ok((await scenarioPixels()) > 100, 'revealed, the scenario line is drawn (so the check above can fail)');
  assert.match(await page.locator('[data-control="acts-prediction-result"]').innerText(), new RegExp(`room predicted 6\\.90m; the model says ${actWaitingList.replace('.', '\\.')}`));
  // Revealed is remembered too.
  await page.reload();
  await page.waitForSelector(CHART);
  assert.equal(await page.locator(metric('waiting_list')).innerText(), actWaitingList);
  assert.deepEqual(pageErrors, []);
});

test('a workshop file opens in a fresh browser profile as the same workshop with the same figures; a partial one opens what it can', async () => {
  await twoActs();
  await setUpActs(page, 'Recruit hard');
  await page.selectOption('[data-control="year"]', '3');
  await page.click('[data-control="open-act-1"]');
  await page.waitForFunction(() => /Recruit hard/.test(document.querySelector('tr.act-open')?.textContent ?? ''));

  const snapshot = workshopSnapshot;
  const here = await snapshot(page);
  assert.equal(here.acts[0].fields[0], 'Social care');
  assert.equal(here.month, '3');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-control="download-workshop"]')]);
  const saved = join(artifacts, 'workshop.json');
  await download.saveAs(saved);
  const text = readFileSync(saved, 'utf8');
  assert.match(text, /"format": "ics-whatif-workshop"/);

  // Another machine: a new browser context has its own, empty, local storage.
  const there = await chrome.browser.newContext({ viewport: { width: 1280, height: 720 } });
  const other = await there.newPage();
  collectErrors(other, pageErrors);
  await open(url, other);
  assert.equal(await other.locator('[data-control="compare"]').count(), 0, 'nothing pinned there yet');
  await other.setInputFiles('[data-control="upload-workshop"]', saved);
  await other.locator('[data-control="acts"]').waitFor();
  await other.waitForFunction(() => document.querySelector('[data-control="year"]').value === '3');
  assert.deepEqual(await snapshot(other), here, 'the same acts, settings, year and figures');
  assert.equal(await other.locator(NOTICES).count(), 0);
  await other.screenshot({ path: join(artifacts, 'workshop-opened-elsewhere.png'), fullPage: true });

  // A hand-edited file with a bad act and a bad setting: the rest opens, the problems are listed.
  const doc = JSON.parse(text);
  doc.acts[0].headline = 'happiness';
  doc.acts.push({ partner: 'Public health' });
  doc.year = 99;
  const partial = join(artifacts, 'workshop-partial.json');
  writeFileSync(partial, JSON.stringify(doc));
  await other.setInputFiles('[data-control="upload-workshop"]', partial);
  const notices = other.locator(NOTICES);
  await notices.waitFor();
  const said = await notices.innerText();
  assert.match(said, /could not all be opened/);
  assert.match(said, /headline "happiness"/);
  assert.match(said, /Act 3 has no scenario/);
  assert.match(said, /Year = 99 is not a whole number of years/);
  assert.equal(await other.locator('[data-control="acts"] tbody tr').count(), 2, 'both good acts open');
  await there.close();
  assert.deepEqual(pageErrors, []);
});
