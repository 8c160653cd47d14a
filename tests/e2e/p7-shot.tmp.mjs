import { launchChromium as launch } from './chromium.mjs';

const [w, h, out, headline] = [Number(process.argv[2]), Number(process.argv[3]), process.argv[4], process.argv[5] ?? '6'];
const browser = await launch();
const ctx = await browser.newContext({ viewport: { width: w, height: h } });
await ctx.clock.setFixedTime(new Date('2026-12-01T12:00:00Z'));
const page = await ctx.newPage();
await page.goto('http://127.0.0.1:8122/?v=2&ics=QE1');
await page.waitForSelector('canvas[data-chart="waiting_list"]');
await page.click('[data-control="nav-all-systems"]');
await page.waitForFunction(() => document.querySelector('[data-control="all-systems-status"]')?.dataset.fresh === 'true', null, { timeout: 120000 });
await page.selectOption('[data-control="all-systems-headline"]', headline);
await page.locator('[data-panel="all-systems"] .all-systems-table caption').evaluate((e) => e.scrollIntoView());
await page.waitForTimeout(300);
await page.screenshot({ path: out });
console.log(await page.evaluate(() => { const t = document.querySelector('.all-systems-table'); return JSON.stringify({ sw: t.scrollWidth, cw: t.parentElement.clientWidth }); }));
await browser.close();
