//! What makes England's Monte Carlo band for the waiting list as wide as it is: the P5, P50
//! and P95 of the list at 3 and 10 years with every assumption drawn (as `ics-whatif run
//! --runs 1000 --seed 1`), then with one assumption at a time held at its default (the rest
//! drawn), with only one drawn, and without the month-to-month noise in referrals.
//! `cargo run --release --example mc_band [runs] [seed] [all]` (default 1,000 runs, seed 1;
//! with a third argument, only the first line: every assumption drawn).

use ics_whatif::model::monte_carlo::draw_assumptions;
use ics_whatif::model::simulate::run;
use ics_whatif::model::{Assumption, AssumptionValues, Baseline, Metric, Scenario};
use rand::rngs::StdRng;
use rand::SeedableRng;

/// How a variant treats the draws: `keep(a)` says whether assumption `a` keeps its draw
/// (otherwise it is held at its default); `noise` whether referrals vary month to month.
struct Variant {
    name: String,
    keep: Box<dyn Fn(Assumption) -> bool>,
    noise: bool,
}

fn quantile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    v[((p * (v.len() - 1) as f64).round() as usize).min(v.len() - 1)]
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    let seed: u64 = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1);
    let only_all = std::env::args().nth(3).is_some();
    let base = Baseline::england();
    let central = Scenario::default();
    let mut variants = vec![Variant {
        name: "every assumption drawn".into(),
        keep: Box::new(|_| true),
        noise: true,
    }];
    variants.push(Variant {
        name: "no month-to-month noise".into(),
        keep: Box::new(|_| true),
        noise: false,
    });
    for &a in Assumption::ALL {
        if a.spec().uncertainty.is_none() {
            continue;
        }
        variants.push(Variant {
            name: format!("{} held at its default", a.key()),
            keep: Box::new(move |x| x != a),
            noise: true,
        });
    }
    for a in [
        Assumption::DemandGrowth,
        Assumption::ActivityPerFte,
        Assumption::CostPressure,
    ] {
        variants.push(Variant {
            name: format!("only {} drawn", a.key()),
            keep: Box::new(move |x| x == a),
            noise: true,
        });
    }
    println!(
        "England's waiting list, {runs} runs, seed {seed}: P5 / P50 / P95 (millions) and P95/P5"
    );
    for v in variants.iter().take(if only_all { 1 } else { usize::MAX }) {
        // The same draws for every variant: the seed and the order of draws as in
        // `MonteCarloRun::advance`.
        let mut rng = StdRng::seed_from_u64(seed);
        let mut at = [Vec::with_capacity(runs), Vec::with_capacity(runs)];
        for _ in 0..runs {
            let drawn = draw_assumptions(&central.assumptions, &mut rng);
            let mut values = AssumptionValues::default();
            for &a in Assumption::ALL {
                values[a] = if (v.keep)(a) {
                    drawn[a]
                } else {
                    central.assumptions[a]
                };
            }
            let s = Scenario {
                assumptions: values,
                ..central.clone()
            };
            let mut sink = |r: &ics_whatif::model::MonthRecord| {
                if r.month == 36 {
                    at[0].push(Metric::WaitingList.of(r));
                } else if r.month == 120 {
                    at[1].push(Metric::WaitingList.of(r));
                }
            };
            if v.noise {
                run(&base, &s, None, Some(&mut rng), &mut sink);
            } else {
                // Keep the random stream in step with the noisy runs.
                run(&base, &s, None, Some(&mut rng), |_| {});
                run(&base, &s, None, None, &mut sink);
            }
        }
        let mut line = format!("  {:45}", v.name);
        for values in at.iter_mut() {
            let (p5, p50, p95) = (
                quantile(values, 0.05),
                quantile(values, 0.5),
                quantile(values, 0.95),
            );
            line += &format!(
                "  {:5.2} / {:5.2} / {:5.2} ({:4.2})",
                p5 / 1e6,
                p50 / 1e6,
                p95 / 1e6,
                p95 / p5
            );
        }
        println!("{line}");
    }
}
