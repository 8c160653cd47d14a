//! Measures the queue's figures the README fragment (README.queue.md) quotes: back-cast
//! errors on both shared RTT series, England's 10-year list with each assumption at each end
//! of its 80% interval, the Monte Carlo spread at 3 and 10 years, every capacity lever at its
//! top, and the time of one deterministic 10-year run.
//! `cargo run --release --example queue_measure`

use ics_whatif::model::backcast::{backcast, parse_history};
use ics_whatif::model::queue::HazardShape;
use ics_whatif::model::{monte_carlo, simulate, Assumption, Baseline, Lever, Metric, Scenario};
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/");
    for file in [
        "rtt_england_monthly_to_2019.csv",
        "rtt_england_monthly_2020_2023.csv",
    ] {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap();
        let h = parse_history(&text).unwrap();
        let rows = backcast(&h, &HazardShape::calibrated());
        let rows = &rows[6..];
        let n = rows
            .iter()
            .filter(|r| r.actual_over_52_weeks > 10_000.0)
            .count();
        println!("  months over 10k 52-week waiters: {n}");
        let d18: Vec<f64> = rows
            .iter()
            .map(|r| (r.model_within_18_weeks_pct - r.actual_within_18_weeks_pct).abs())
            .collect();
        let r52: Vec<f64> = rows
            .iter()
            .map(|r| {
                let (m, a) = (
                    r.model_over_52_weeks.max(1.0),
                    r.actual_over_52_weeks.max(1.0),
                );
                (m / a).max(a / m)
            })
            .collect();
        let r52_big: Vec<f64> = rows
            .iter()
            .zip(&r52)
            .filter(|(r, _)| r.actual_over_52_weeks > 10_000.0)
            .map(|(_, x)| *x)
            .collect();
        let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
        let max = |v: &[f64]| v.iter().cloned().fold(0.0, f64::max);
        println!(
            "{file}: 18wk mean {:.2} max {:.2} pts; 52wk ratio mean {:.2} max {:.2} (max over 10k: {:.2})",
            mean(&d18),
            max(&d18),
            mean(&r52),
            max(&r52),
            max(&r52_big)
        );
    }

    let base = Baseline::england();
    let default = simulate(&base, &Scenario::default());
    let list = |s: &Scenario, m: usize| Metric::WaitingList.of(&simulate(&base, s).months[m]);
    let l120 = Metric::WaitingList.of(&default.months[120]);
    if std::env::var("MEASURE_PATH").is_ok() {
        for r in default
            .months
            .iter()
            .filter(|r| r.month % 6 == 0 || r.month < 6)
        {
            println!(
                "m{:3} list {:.3}m ref {:.0}k treat {:.0}k rem {:.0}k cap {:.0}k 18wk {:.1}% 52wk {:.0}k",
                r.month,
                Metric::WaitingList.of(r) / 1e6,
                Metric::Referrals.of(r) / 1e3,
                Metric::Treated.of(r) / 1e3,
                Metric::Removed.of(r) / 1e3,
                r.capacity / 1e3,
                Metric::Within18WeeksPct.of(r),
                Metric::Over52Weeks.of(r) / 1e3
            );
        }
    }
    println!(
        "default list: 3y {:.3}m 10y {:.3}m",
        Metric::WaitingList.of(&default.months[36]) / 1e6,
        l120 / 1e6
    );
    let mut worst: (f64, f64) = (f64::MAX, 0.0);
    for &a in Assumption::ALL {
        if let Some((lo, hi)) = a.spec().uncertainty {
            let mut r = [0.0; 2];
            for (i, v) in [lo, hi].into_iter().enumerate() {
                let mut s = Scenario::default();
                s.assumptions[a] = v;
                r[i] = list(&s, 120) / l120;
                worst = (worst.0.min(r[i]), worst.1.max(r[i]));
            }
            println!("  {:28} lo {:6.3}  hi {:6.3}", a.key(), r[0], r[1]);
        }
    }
    println!(
        "  assumption-end ratio range: {:.3} to {:.3}",
        worst.0, worst.1
    );

    let mut top = Scenario::default();
    for l in [
        Lever::FundingGrowth,
        Lever::ExtraFunding,
        Lever::Recruitment,
        Lever::TrainingPlaces,
        Lever::AgencyCover,
        Lever::SocialCare,
        Lever::Productivity,
        Lever::CapitalBacklog,
    ] {
        top.levers[l] = l.spec().max;
    }
    top.levers[Lever::LeaverRateChange] = Lever::LeaverRateChange.spec().min;
    let p = simulate(&base, &top);
    let min = p
        .months
        .iter()
        .map(|r| Metric::WaitingList.of(r))
        .fold(f64::MAX, f64::min);
    println!(
        "every capacity lever at its top: lowest list {:.3}m, 10y {:.3}m, 18wk {:.1}%",
        min / 1e6,
        Metric::WaitingList.of(&p.months[120]) / 1e6,
        Metric::Within18WeeksPct.of(&p.months[120])
    );
    let mut bottom = Scenario::default();
    for l in Lever::ALL {
        bottom.levers[*l] = l.spec().min;
    }
    bottom.levers[Lever::LeaverRateChange] = Lever::LeaverRateChange.spec().max;
    let p = simulate(&base, &bottom);
    println!(
        "every lever at its worst: 10y {:.3}m, 18wk {:.1}%",
        Metric::WaitingList.of(&p.months[120]) / 1e6,
        Metric::Within18WeeksPct.of(&p.months[120])
    );

    let t = Instant::now();
    let mc = monte_carlo(&base, &Scenario::default(), 1000, 1);
    let el = t.elapsed();
    let fan = mc.fan(Metric::WaitingList);
    for m in [36, 120] {
        let q = fan.quantiles[m];
        println!(
            "MC list month {m}: P5 {:.3}m P50 {:.3}m P95 {:.3}m  P95/P5 {:.2}",
            q.p5 / 1e6,
            q.p50 / 1e6,
            q.p95 / 1e6,
            q.p95 / q.p5
        );
    }
    println!("MC 1000 runs: {:.0} ms", el.as_secs_f64() * 1e3);

    let s = Scenario::default();
    let mut times = Vec::new();
    for _ in 0..15 {
        let t = Instant::now();
        for _ in 0..500 {
            std::hint::black_box(simulate(
                std::hint::black_box(&base),
                std::hint::black_box(&s),
            ));
        }
        times.push(t.elapsed().as_secs_f64() / 500.0 * 1e6);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "deterministic 10y run: median {:.1} us (min {:.1})",
        times[7], times[0]
    );
}

/// Prints England's default run by year (env MEASURE_PATH=1).
#[allow(dead_code)]
fn path() {}
