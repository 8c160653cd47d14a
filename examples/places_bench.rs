//! All 42 ICBs with their places, deterministic, 10 years, on one core: the issue 13 speed
//! goal (at most 20 ms). Baselines are built once first (their calibration is the same for
//! every scenario and kept), then each round runs every ICB's projection and splits it into
//! places with the gaps between them, one after another on this thread.
//! `cargo run --release --example places_bench [rounds]`
use ics_whatif::model::places::{place_starts, project_places};
use ics_whatif::model::{simulate, Baseline, Scenario};
use std::time::Instant;

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let t = Instant::now();
    let icbs: Vec<Baseline> = ics_whatif::data::systems()[1..]
        .iter()
        .map(Baseline::for_system)
        .collect();
    println!(
        "baselines for 42 ICBs (once, calibration included): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let mut times = Vec::new();
    let mut check = 0.0;
    let mut in_places = 0.0;
    for _ in 0..rounds {
        let t = Instant::now();
        for base in &icbs {
            let s = Scenario {
                system: base.code.clone(),
                ..Scenario::default()
            };
            let p = simulate(base, &s);
            let tp = Instant::now();
            let starts = place_starts(&base.code).expect("every ICB has places");
            let pp = project_places(base, &s, &p, &starts);
            in_places += tp.elapsed().as_secs_f64() * 1e3;
            check += pp.gaps.last().and_then(|g| g.men).map_or(0.0, |g| g.range);
        }
        times.push(t.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let mean = times.iter().sum::<f64>() / times.len() as f64;
    println!(
        "42 ICBs with places, 10 years, one core: median {:.2} ms, mean {:.2} ms, min {:.2} ms over {rounds} rounds ({})",
        times[times.len() / 2],
        mean,
        times[0],
        check > 0.0
    );
    println!(
        "of which splitting into places and gaps: {:.2} ms a round (mean)",
        in_places / rounds as f64
    );
}
