//! Prints the outcome figures the issue-11 report quotes (before/after): month-0 gaps of all
//! 42 ICBs, Frimley vs Greater Manchester, England's gap path and band, flat cash in Greater
//! Manchester, prevention at four years, cost per healthy year.
//! `cargo run --release --example outcomes_probe`
use ics_whatif::model::*;

fn with(system: &str, years: u32, set: &[(Lever, f64)]) -> Scenario {
    let mut s = Scenario {
        system: system.into(),
        years,
        ..Scenario::default()
    };
    for &(l, v) in set {
        s.levers[l] = v;
    }
    s
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some("time") {
        return time_runs();
    }
    let gaps: Vec<f64> = ics_whatif::data::icbs()
        .iter()
        .map(|s| {
            let b = Baseline::for_system(s);
            b.life_expectancy[4] - b.life_expectancy[0]
        })
        .collect();
    let min = gaps.iter().cloned().fold(f64::MAX, f64::min);
    let max = gaps.iter().cloned().fold(f64::MIN, f64::max);
    println!("42 ICB month-0 LE gaps (persons, Q5-Q1): min {min:.2} max {max:.2}");
    let (fr, gm) = (
        Baseline::for_code("QNQ").unwrap(),
        Baseline::for_code("QOP").unwrap(),
    );
    println!(
        "Q1 LE: Frimley {:.2}, Greater Manchester {:.2}; Q1 HLE: {:.2} vs {:.2}",
        fr.life_expectancy[0],
        gm.life_expectancy[0],
        fr.healthy_life_expectancy[0],
        gm.healthy_life_expectancy[0]
    );
    let eng = Baseline::england();
    println!(
        "England month 0 LE by fifth {:.2?} HLE {:.2?}",
        eng.life_expectancy, eng.healthy_life_expectancy
    );
    let p = simulate(&eng, &with("england", 10, &[]));
    let path: Vec<String> = (0..=10)
        .map(|y| format!("{:.2}", Metric::LifeExpectancyGap.of(&p.months[12 * y])))
        .collect();
    println!("England gap by year: {}", path.join(" "));
    let mc = monte_carlo(&eng, &with("england", 10, &[]), 200, 1);
    let q = mc.fan(Metric::LifeExpectancyGap).quantiles[120];
    println!(
        "England gap year 10 MC P5-P95: {:.2} to {:.2} (P50 {:.2})",
        q.p5, q.p95, q.p50
    );

    let plans = simulate(&gm, &with("QOP", 10, &[]));
    let flat = simulate(&gm, &with("QOP", 10, &[(Lever::FundingGrowth, -2.0)]));
    let (a, b) = (plans.last(), flat.last());
    println!(
        "GM year 10 over-52-week waiters: plans {:.0}, flat cash {:.0}",
        Metric::Over52Weeks.of(a),
        Metric::Over52Weeks.of(b)
    );
    let d = |x: &[f64; 5], y: &[f64; 5]| -> Vec<String> {
        (0..5).map(|q| format!("{:+.3}", y[q] - x[q])).collect()
    };
    println!(
        "GM flat cash minus plans, year 10, LE by fifth: {:?}",
        d(&a.life_expectancy, &b.life_expectancy)
    );
    println!(
        "GM flat cash minus plans, year 10, HLE by fifth: {:?}",
        d(&a.healthy_life_expectancy, &b.healthy_life_expectancy)
    );

    for targeting in [0.0, 100.0] {
        let plans = simulate(&eng, &with("england", 10, &[]));
        let prev = simulate(
            &eng,
            &with(
                "england",
                10,
                &[
                    (Lever::PreventionSpend, 150.0),
                    (Lever::PreventionTargeting, targeting),
                ],
            ),
        );
        println!(
            "England £150/head prevention, targeting {targeting}%: Q1 HLE gain at 4 years {:+.2}, at 10 years {:+.2}",
            prev.months[48].healthy_life_expectancy[0] - plans.months[48].healthy_life_expectancy[0],
            prev.months[120].healthy_life_expectancy[0] - plans.months[120].healthy_life_expectancy[0],
        );
    }
    // Cost per healthy year: healthy life-years = population x change in mean HLE / mean LE,
    // summed over months; cost = prevention spend.
    for (spend, years) in [(10.0, 10u32), (10.0, 20), (150.0, 10)] {
        let plans = simulate(&eng, &with("england", years, &[]));
        let prev = simulate(
            &eng,
            &with("england", years, &[(Lever::PreventionSpend, spend)]),
        );
        let gained: f64 = (1..plans.months.len())
            .map(|t| {
                let (a, b) = (&plans.months[t], &prev.months[t]);
                eng.population
                    * (Metric::HealthyLifeExpectancy.of(b) - Metric::HealthyLifeExpectancy.of(a))
                    / Metric::LifeExpectancy.of(a)
                    / 12.0
            })
            .sum();
        let cost = spend * eng.population * years as f64;
        let last = |p: &Projection| Metric::HealthyLifeExpectancy.of(p.last());
        let steady = spend * Metric::LifeExpectancy.of(plans.last()) / (last(&prev) - last(&plans));
        println!("£{spend}/head over {years} years: £{:.0} per healthy year over the horizon; £{steady:.0} at the final month's rate", cost / gained);
    }
}

/// Times a deterministic 10-year England run (current plans), the loop the browser runs on
/// every slider move: `cargo run --release --example outcomes_probe -- time`.
fn time_runs() {
    let eng = Baseline::england();
    let s = Scenario::default();
    let start = std::time::Instant::now();
    let n = 3000;
    let mut sink = 0.0;
    for _ in 0..n {
        sink += Metric::LifeExpectancyGap.of(simulate(&eng, &s).last());
    }
    println!(
        "deterministic 10-year run: {:.1} µs ({sink:.0})",
        start.elapsed().as_secs_f64() * 1e6 / n as f64
    );
}
