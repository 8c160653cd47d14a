// temporary: node runbench.tmp.mjs URL -> prints the bench JSON
import { launchChromium } from './chromium.mjs';
const browser = await launchChromium();
const p = await browser.newPage();
await p.goto(process.argv[2]);
await p.waitForSelector('#bench[data-done]', { timeout: 300_000 });
console.log(await p.locator('#bench').innerText());
await browser.close();
