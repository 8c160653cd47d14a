// The Places view's latency measure, shared by places-perf.mjs, places-ab.mjs and
// places-profile.mjs (not a test). Runs in the page, `page.evaluate(movePrevention, { watch, n })`:
// the prevention slider is moved n times, 40 ms apart (a drag's next move, before the Monte
// Carlo's first chunk at 60 ms), alternating £30 and £60 a head; for each move, the time of the
// input and of the first change to `watch` (its text or `data-scenario`) that a
// MutationObserver sees, as performance.now() pairs in ms (NaN if nothing changed in 3 s).
export async function movePrevention({ watch, n }) {
  const slider = document.querySelector('input[data-lever="prevention_gbp_per_head"]');
  const out = [];
  for (let i = 0; i < n; i++) {
    const target = document.querySelector(watch);
    const was = target.textContent + (target.getAttribute('data-scenario') ?? '');
    let done;
    const changed = new Promise((r) => (done = r));
    const obs = new MutationObserver(() => {
      const now = document.querySelector(watch);
      if (now.textContent + (now.getAttribute('data-scenario') ?? '') !== was) done(performance.now());
    });
    obs.observe(document.querySelector('.page'), { subtree: true, childList: true, attributes: true, characterData: true });
    const t0 = performance.now();
    slider.value = String(i % 2 ? 30 : 60);
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    const t1 = await Promise.race([changed, new Promise((r) => setTimeout(() => r(NaN), 3000))]);
    obs.disconnect();
    out.push([t0, t1]);
    await new Promise((r) => setTimeout(r, 40));
  }
  return out;
}

// A 1280x720 page of `browser` at `url` on Lancashire and South Cumbria (QE1), ready for
// movePrevention. The scripts open Places and scroll to it themselves, each its own way.
export async function openLancashire(browser, url) {
  const p = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await p.goto(url);
  await p.waitForSelector('canvas[data-chart="waiting_list"]');
  await p.selectOption('select[data-control="system"]', 'QE1');
  await p.waitForTimeout(500);
  return p;
}
