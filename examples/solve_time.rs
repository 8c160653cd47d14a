//! Goal seeking on England: the solver's time for one and three levers (median of 7, the
//! baseline's calibration excluded), and the several-lever search against every point of a
//! two-lever grid (brute force), to see how near the cheapest its local search comes.
//! `cargo run --release --example solve_time`
use ics_whatif::model::goal::{solve, LeverRange, Target};
use ics_whatif::model::{Baseline, Lever, Scenario};
use std::time::Instant;

fn time(base: &Baseline, target: &str, levers: &[&str]) {
    let t = Target::parse(target).unwrap();
    let ranges: Vec<LeverRange> = levers
        .iter()
        .map(|l| LeverRange::parse(l).unwrap().0)
        .collect();
    let s = Scenario::default();
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..7 {
        let clock = Instant::now();
        last = Some(solve(base, &s, &t, &ranges).unwrap());
        times.push(clock.elapsed().as_secs_f64() * 1e3);
    }
    times.sort_by(f64::total_cmp);
    let sol = last.unwrap();
    println!(
        "{target} with {}: {} ({} runs), median {:.0} ms (least {:.0} ms); {}",
        levers.join(", "),
        if sol.met { "met" } else { "not met" },
        sol.runs,
        times[3],
        times[0],
        sol.levers
            .iter()
            .map(|l| format!("{}={}", l.lever.key(), l.value))
            .collect::<Vec<_>>()
            .join(" ")
    );
}

/// The cheapest point of the whole grid of two levers that meets the target, against the
/// solver's answer.
fn brute(base: &Baseline, target: &str, a: Lever, b: Lever) {
    let t = Target::parse(target).unwrap();
    let ranges = [LeverRange::full(a), LeverRange::full(b)];
    let s = Scenario::default();
    let sol = solve(base, &s, &t, &ranges).unwrap();
    let mut best: Option<(f64, f64, f64)> = None;
    for &va in &ranges[0].grid() {
        for &vb in &ranges[1].grid() {
            let one = [
                LeverRange {
                    lever: a,
                    min: va,
                    max: va,
                },
                LeverRange {
                    lever: b,
                    min: vb,
                    max: vb,
                },
            ];
            let p = solve(base, &s, &t, &one).unwrap();
            if p.met && best.is_none_or(|(c, ..)| p.cost.total_gbp_m < c) {
                best = Some((p.cost.total_gbp_m, va, vb));
            }
        }
    }
    println!(
        "{target}, {} x {}: search {} at {:.0} £m ({}={}, {}={}, {} runs); whole grid cheapest {}",
        a.key(),
        b.key(),
        if sol.met { "met" } else { "not met" },
        sol.cost.total_gbp_m,
        a.key(),
        sol.levers[0].value,
        b.key(),
        sol.levers[1].value,
        sol.runs,
        match best {
            Some((c, va, vb)) => format!("{c:.0} £m ({}={va}, {}={vb})", a.key(), b.key()),
            None => "none met".into(),
        }
    );
}

fn main() {
    let base = Baseline::england();
    let brute_only = std::env::args().any(|a| a == "brute");
    if !brute_only {
        time(
            &base,
            "within_18_weeks_pct>=75@2029-03",
            &["productivity_pct"],
        );
        time(
            &base,
            "waiting_list<=6000000@2030-03",
            &["funding_growth_pct"],
        );
        time(
            &base,
            "within_18_weeks_pct>=92@2029-03",
            &["productivity_pct", "recruitment_pct", "social_care_pct"],
        );
        time(
            &base,
            "waiting_list<=6000000@2030-03",
            &[
                "funding_growth_pct",
                "extra_funding_gbp_per_head",
                "training_places_pct",
            ],
        );
        time(
            &base,
            "le_gap_change_years<=-1@2035-03",
            &[
                "prevention_gbp_per_head",
                "prevention_targeting_pct",
                "deprived_priority_pct",
            ],
        );
    }
    if brute_only || std::env::args().any(|a| a == "all") {
        brute(
            &base,
            "waiting_list<=6000000@2030-03",
            Lever::FundingGrowth,
            Lever::ExtraFunding,
        );
        brute(
            &base,
            "within_18_weeks_pct>=80@2029-03",
            Lever::Productivity,
            Lever::TrainingPlaces,
        );
        brute(
            &base,
            "within_18_weeks_pct>=70@2029-03",
            Lever::ExtraFunding,
            Lever::Productivity,
        );
    }
}
