//! The model's speed in the browser: a tiny wasm page (bench.html) that times `simulate` and
//! a 1,000-run Monte Carlo with `performance.now()` and writes the figures into the page as
//! JSON, for `scripts/bench-web.sh` to read. Not part of the app: its own binary, its own
//! page, its own dist directory, so none of it reaches the app's bundle.

use ics_whatif::model::{monte_carlo, simulate, Baseline, Scenario};
use std::hint::black_box;

/// Deterministic runs are timed in batches; the median batch gives the median time per run.
/// The browser coarsens `performance.now()` to as much as 100 µs, so a batch of 100 runs
/// (about 7 ms) puts a run's time within 1 µs; batches of 20 had it in steps of 5 µs.
const BATCHES: usize = 100;
const RUNS_PER_BATCH: usize = 100;
const MONTE_CARLO_RUNS: usize = 1000;
const MONTE_CARLO_REPEATS: usize = 5;

fn main() {
    let window = web_sys::window().expect("a browser window");
    let perf = window.performance().expect("performance.now()");
    let document = window.document().expect("a document");
    let out = document
        .get_element_by_id("bench")
        .expect("bench.html has <pre id=\"bench\">");

    let base = Baseline::england();
    let s = Scenario::default();
    // Warm up: the first calls pay for compilation tiers and allocation.
    for _ in 0..20 {
        black_box(simulate(&base, &s));
    }
    let mut per_run_us: Vec<f64> = (0..BATCHES)
        .map(|_| {
            let t0 = perf.now();
            for _ in 0..RUNS_PER_BATCH {
                black_box(simulate(black_box(&base), black_box(&s)));
            }
            (perf.now() - t0) * 1000.0 / RUNS_PER_BATCH as f64
        })
        .collect();
    let mut mc_ms: Vec<f64> = (0..MONTE_CARLO_REPEATS)
        .map(|_| {
            let t0 = perf.now();
            black_box(monte_carlo(&base, &s, MONTE_CARLO_RUNS, 1));
            perf.now() - t0
        })
        .collect();

    let json = format!(
        "{{\"deterministic_10y_median_us\":{:.1},\"deterministic_10y_min_us\":{:.1},\"deterministic_runs\":{},\"deterministic_batches\":{},\
\"monte_carlo_1000_median_ms\":{:.1},\"monte_carlo_1000_min_ms\":{:.1},\"monte_carlo_repeats\":{}}}",
        median(&mut per_run_us),
        min(&per_run_us),
        BATCHES * RUNS_PER_BATCH,
        BATCHES,
        median(&mut mc_ms),
        min(&mc_ms),
        MONTE_CARLO_REPEATS,
    );
    out.set_text_content(Some(&json));
    let _ = out.set_attribute("data-done", "true");
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn min(v: &[f64]) -> f64 {
    v.iter().copied().fold(f64::INFINITY, f64::min)
}
