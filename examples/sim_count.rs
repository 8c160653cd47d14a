//! Runs England's default deterministic 10-year run N times (default 200), for callgrind:
//! `valgrind --tool=callgrind target/release/examples/sim_count 200`, instructions per run =
//! total / N (the baseline is built once, outside the count's share per run).
use ics_whatif::model::{simulate, Baseline, Scenario};
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let base = Baseline::england();
    let s = Scenario::default();
    let mut acc = 0.0;
    for _ in 0..n {
        let p = simulate(std::hint::black_box(&base), std::hint::black_box(&s));
        acc += p.months.len() as f64;
    }
    println!("{acc}");
}
