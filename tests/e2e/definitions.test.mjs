// End-to-end: the four purposes table says what each measure counts (fresh-eyes review 2,
// finding 2.3: "working-age people kept out of work", "treatments per £1m" and "per staff
// member" were not defined anywhere in the app), in words a board member can read on the
// page and in print, not only in a tooltip.
//   ICS_E2E_URL=http://127.0.0.1:8133/ node --test tests/e2e/definitions.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { useChromium, artifacts, openFresh } from './chromium.mjs';

const chrome = useChromium();

test('every measure of the four purposes is defined under its name', async () => {
  const errors = [];
  const page = await openFresh(chrome.browser, 1280, 900, errors);
  const rows = page.locator('[data-control="scoreboard"] tbody tr');
  await rows.first().waitFor();
  const n = await rows.count();
  assert.ok(n >= 9, `${n} rows`);
  for (let i = 0; i < n; i++) {
    const gloss = (await rows.nth(i).locator('.measure .gloss').innerText()).trim();
    assert.ok(gloss.length > 40 && gloss.endsWith('.'), `row ${i}: ${gloss}`);
  }
  const gloss = (key) => page.locator(`tr[data-score="${key}"] .gloss`).innerText();
  assert.match(await gloss('kept_out_of_work'), /^Illustrative, not a published estimate: .*45%.*5%/);
  assert.match(await gloss('treatments_per_gbp_m'), /RTT completed pathways.*per £1m/);
  assert.match(await gloss('treatments_per_fte_year'), /full-time equivalent member of NHS staff.*bank and agency/);
  // The definition is visible, not a tooltip, and sits inside the table's width.
  const box = await page.locator('tr[data-score="kept_out_of_work"] .gloss').boundingBox();
  assert.ok(box && box.height > 0 && box.width > 100);
  const table = page.locator('[data-control="scoreboard"]');
  assert.ok(await table.evaluate((e) => e.scrollWidth <= e.clientWidth + 1), 'no sideways scroll at 1280');
  await table.screenshot({ path: join(artifacts, 'definitions-1280.png') });
  assert.deepEqual(errors, []);
});

test('the money charts say why their 80% range lies at or below the central line', async () => {
  const errors = [];
  const page = await openFresh(chrome.browser, 1280, 900, errors);
  const figure = (key) => page.locator('figure.chart', { has: page.locator(`canvas[data-chart="${key}"]`) });
  const note = figure('cumulative_balance_gbp_m').locator('[data-legend="range-note"]');
  await note.waitFor({ state: 'attached' });
  assert.match(await note.textContent(), /at or below the line: .*no run ends in surplus/);
  assert.equal(await figure('balance_gbp_m').locator('[data-legend="range-note"]').count(), 1);
  // Ninth session: the monthly chart also says why it is a saw-tooth and starts at zero.
  assert.match(
    await figure('balance_gbp_m').locator('[data-legend="range-note"]').textContent(),
    /The saw-tooth: each April a new plan year buys the posts the allocation can pay for.*Every system starts at break-even: no system's published deficit is in the model's data/,
  );
  assert.doesNotMatch(await note.textContent(), /saw-tooth/);
  assert.equal(await figure('waiting_list').locator('[data-legend="range-note"]').count(), 0);
  assert.deepEqual(errors, []);
});
