// End-to-end: a chart exported as a figure. The PNG and SVG buttons under the waiting-list
// chart download an image with the chart's title, the scenario's settings, the model
// version and the source drawn into it.
// Run by scripts/test.sh against the release build:
//   ICS_E2E_URL=http://127.0.0.1:8080/ node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { useChromium, appUrl, artifacts, collectErrors } from './chromium.mjs';

const CHART = 'canvas[data-chart="waiting_list"]';
const TITLE = 'Waiting list for planned hospital care';
const SOURCE = 'ICS What-If model projections from public data: NHS England, ONS; not a forecast';

let page;
const pageErrors = [];

const chrome = useChromium({}, async () => {
  page = await chrome.browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  collectErrors(page, pageErrors);
});

test('the waiting-list chart downloads as PNG and as SVG, captioned', async () => {
  await page.goto(`${appUrl}?v=1&m=2&ics=QE1&recruitment_pct=20`);
  await page.waitForSelector(CHART);
  await page.waitForFunction((sel) => document.querySelector(sel).width > 300, CHART);

  const png = page.locator('[data-export-png="waiting_list"]');
  assert.match(await png.getAttribute('aria-label'), /Waiting list for planned hospital care.*PNG/);
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), png.click()]);
  assert.equal(pngDownload.suggestedFilename(), 'ics-whatif-waiting-list.png');
  const pngPath = await pngDownload.path();
  const bytes = readFileSync(pngPath);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  assert.ok(bytes.length > 20_000 && bytes.length < 5_000_000, `PNG of ${bytes.length} bytes`);
  // 1200 by 800: the IHDR's width and height.
  assert.equal(bytes.readUInt32BE(16), 1200);
  assert.equal(bytes.readUInt32BE(20), 800);
  copyFileSync(pngPath, join(artifacts, 'export-waiting-list.png'));

  const svg = page.locator('[data-export-svg="waiting_list"]');
  assert.match(await svg.getAttribute('aria-label'), /Waiting list for planned hospital care.*SVG/);
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), svg.click()]);
  assert.equal(svgDownload.suggestedFilename(), 'ics-whatif-waiting-list.svg');
  const text = readFileSync(await svgDownload.path(), 'utf8');
  assert.match(text, /<svg/);
  assert.ok(text.includes(TITLE), 'the chart title');
  assert.ok(text.includes('model version 2'), 'the model version');
  assert.ok(text.includes(SOURCE), 'the source line');
  assert.ok(text.includes('Levers:') && text.includes('March 2025 to'), 'the settings');
  assert.ok(text.includes('<polyline') || text.includes('<path'), 'the lines');
  assert.deepEqual(pageErrors, []);
});
