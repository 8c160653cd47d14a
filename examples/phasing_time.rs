//! Times one deterministic 10-year run of England with every lever moved: at once, and with
//! every lever phased (a three-year straight line from April 2026), the median and least of
//! 21 batches of 300 runs each. `cargo run --release --example phasing_time`; or, for
//! callgrind's instruction counts, N runs of one of the three (0, 1, 2):
//! `valgrind --tool=callgrind target/release/examples/phasing_time N 2`.
use ics_whatif::model::{simulate, Baseline, Lever, Phase, Scenario};
use std::time::Instant;

fn time(base: &Baseline, s: &Scenario) -> (f64, f64) {
    let mut times = Vec::new();
    for _ in 0..21 {
        let t = Instant::now();
        for _ in 0..300 {
            std::hint::black_box(simulate(
                std::hint::black_box(base),
                std::hint::black_box(s),
            ));
        }
        times.push(t.elapsed().as_secs_f64() / 300.0 * 1e6);
    }
    times.sort_by(f64::total_cmp);
    (times[10], times[0])
}

fn main() {
    let base = Baseline::england();
    let mut at_once = Scenario::default();
    for &l in Lever::ALL {
        let spec = l.spec();
        at_once.levers[l] = spec.default + 0.5 * (spec.max - spec.default);
    }
    let mut phased = at_once.clone();
    for &l in Lever::ALL {
        phased.phasing[l] = Phase::ramp(13, 36);
    }
    let plans = Scenario::default();
    let cases = [
        ("current plans", &plans),
        ("every lever moved, at once", &at_once),
        ("every lever moved, phased over 3 years", &phased),
    ];
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    if let [n, which] = args[..] {
        let mut acc = 0;
        for _ in 0..n {
            acc += simulate(std::hint::black_box(&base), cases[which.min(2)].1)
                .months
                .len();
        }
        println!("{acc}");
        return;
    }
    for (name, s) in cases {
        let (median, least) = time(&base, s);
        println!("{name}: median {median:.1} us, least {least:.1} us");
    }
}
