//! One queue step (England-sized lists, five priorities), timed in a loop and counted by
//! callgrind: `cargo run --release --example step_bench [steps]`, or
//! `valgrind --tool=callgrind target/release/examples/step_bench 20000` for instructions.
use ics_whatif::model::queue::{self, HazardShape, MonthInput, Rules};
use std::time::Instant;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200000);
    let prio = [1.03, 1.01, 1.0, 0.98, 0.97];
    let rules = Rules::new(&HazardShape::current(), &prio);
    let lists = [1.6e6, 1.5e6, 1.45e6, 1.4e6, 1.45e6];
    let start: [queue::Profile; 5] =
        std::array::from_fn(|q| queue::profile_matching(lists[q], 0.6, 0.025));
    let referrals = [3.0e5, 2.9e5, 2.8e5, 2.7e5, 2.6e5];
    let input = MonthInput {
        capacity: 1.3e6,
        recent_capacity: 1.3e6,
        removals: 5.0e4,
        removal_rate: 0.01,
        long_wait_share: 0.0,
    };
    let t = Instant::now();
    let mut acc = 0.0;
    for _ in 0..n {
        let mut qs = start;
        let f = queue::step(
            std::hint::black_box(&mut qs),
            &referrals,
            std::hint::black_box(&input),
            &rules,
        );
        acc += f.treated[0];
    }
    println!(
        "{:.1} ns/step {}",
        t.elapsed().as_secs_f64() / n as f64 * 1e9,
        acc > 0.0
    );
}
