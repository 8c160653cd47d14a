//! All 42 ICBs with their places, deterministic, 10 years, on one core: the issue 13 speed
//! goal (at most 20 ms). Baselines are built once first (their calibration is the same for
//! every scenario and kept), then each round runs every ICB's projection and splits it into
//! places with the gaps between them, one after another on this thread.
//! `cargo run --release --example places_bench [rounds]`
//!
//! `cargo run --release --example places_bench mc [runs] [rounds] [ICB]`: the issue 13.6
//! speed goal instead. A Monte Carlo of one ICB (default QE1, 1,000 runs) without its places
//! (`monte_carlo`) and with them (`places_monte_carlo`: the same runs, each split into its
//! places and gaps, their quantiles too), alternated for `rounds` rounds (default 5) on one
//! thread; the medians and their ratio (goal: at most 1.5) go to standard output and to
//! `target/places_mc_bench.txt`.
use ics_whatif::model::places::{place_starts, project_places};
use ics_whatif::model::{simulate, Baseline, Scenario};
use std::time::Instant;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("mc") {
        return monte_carlo_bench();
    }
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

fn monte_carlo_bench() {
    use ics_whatif::model::monte_carlo::monte_carlo;
    use ics_whatif::model::places::places_monte_carlo;
    let arg = |i: usize| std::env::args().nth(i);
    let runs: usize = arg(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rounds: usize = arg(3).and_then(|a| a.parse().ok()).unwrap_or(5);
    let code = arg(4).unwrap_or_else(|| "QE1".into());
    let base = Baseline::for_code(&code).expect("an ICB code");
    let s = Scenario {
        system: base.code.clone(),
        ..Scenario::default()
    };
    let places = place_starts(&code).expect("an ICB with places").len();
    let (mut without, mut with) = (Vec::new(), Vec::new());
    let (mut cpu_without, mut cpu_with) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let (t, c) = (Instant::now(), cpu_seconds());
        let mc = monte_carlo(&base, &s, runs, 2025 + round as u64);
        without.push(t.elapsed().as_secs_f64());
        cpu_without.push(cpu_seconds() - c);
        let (t, c) = (Instant::now(), cpu_seconds());
        let pmc = places_monte_carlo(&base, &s, runs, 2025 + round as u64).expect("places");
        with.push(t.elapsed().as_secs_f64());
        cpu_with.push(cpu_seconds() - c);
        assert_eq!(pmc.mc, mc, "the ICB's fans are the same with its places");
    }
    let ms = |v: &[f64]| {
        v.iter()
            .map(|t| (t * 1e3).round() / 1e3)
            .collect::<Vec<_>>()
    };
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (a, b) = (median(&mut without), median(&mut with));
    let (ca, cb) = (median(&mut cpu_without), median(&mut cpu_with));
    let text = format!(
        "Monte Carlo of {code} ({places} places), {runs} runs, {} years, one thread, median of {rounds} rounds alternated:\n\
         without places (monte_carlo):         {a:.3} s wall, {ca:.3} s CPU\n\
         with places (places_monte_carlo):     {b:.3} s wall, {cb:.3} s CPU\n\
         ratio with/without: {:.2} wall, {:.2} CPU (goal: at most 1.5)\n\
         rounds without (wall): {:?}\nrounds with (wall):    {:?}\n\
         rounds without (CPU):  {:?}\nrounds with (CPU):     {:?}\n",
        s.years,
        b / a,
        cb / ca,
        ms(&without),
        ms(&with),
        ms(&cpu_without),
        ms(&cpu_with),
    );
    print!("{text}");
    let _ = std::fs::create_dir_all("target");
    std::fs::write("target/places_mc_bench.txt", &text).expect("write target/places_mc_bench.txt");
}

/// CPU time this process has had, in seconds (Linux: `/proc/self/schedstat`; the machine is
/// shared, so wall time alone swings with the others' load). 0 where unreadable.
fn cpu_seconds() -> f64 {
    std::fs::read_to_string("/proc/self/schedstat")
        .ok()
        .and_then(|t| t.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |ns| ns / 1e9)
}
