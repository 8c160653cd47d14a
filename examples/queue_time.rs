//! Times one deterministic 10-year run of England's default scenario: the median and least
//! of 21 batches of 300 runs. `cargo run --release --example queue_time`
use ics_whatif::model::{simulate, Baseline, Scenario};
use std::time::Instant;

fn main() {
    let base = Baseline::england();
    let s = Scenario::default();
    let mut times = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        for _ in 0..300 {
            std::hint::black_box(simulate(
                std::hint::black_box(&base),
                std::hint::black_box(&s),
            ));
        }
        times.push(t.elapsed().as_secs_f64() / 300.0 * 1e6);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "deterministic 10y run: median {:.1} us, least {:.1} us",
        times[10], times[0]
    );
}
