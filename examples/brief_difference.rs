//! The board brief's differences from current plans with their 80% ranges, computed natively
//! from the same paired runs the brief runs in the browser (`model::paired`): for a scenario
//! given as the app's link query, at a month (months from month 0), every headline metric's
//! central difference, P10 and P90 of the per-run differences and the runs above and below.
//! The brief's end-to-end test (tests/e2e/brief5.test.mjs) compares the page with this.
//!
//! `cargo run --release --example brief_difference -- 'v=1&ics=england&recruitment_pct=20' 48 [RUNS] [SEED]`
use ics_whatif::model::paired::paired_run;
use ics_whatif::model::{simulate, Baseline, LeverValues, Metric, Scenario};
use ics_whatif::scenario::from_query_lenient;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: brief_difference QUERY MONTH [RUNS] [SEED]";
    let query = args.get(1).expect(usage);
    let month: usize = args
        .get(2)
        .expect(usage)
        .parse()
        .expect("MONTH: a whole number");
    let runs: usize = args.get(3).map_or(200, |r| r.parse().expect("RUNS"));
    let seed: u64 = args.get(4).map_or(2025, |r| r.parse().expect("SEED"));
    // The month is the page's, not the scenario's: left out here.
    let query: Vec<&str> = query
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.starts_with("month=") && !p.starts_with("year="))
        .collect();
    let (s, problems) = from_query_lenient(&query.join("&"));
    assert!(problems.is_empty(), "the query: {problems:?}");
    let base = Baseline::for_code(&s.system).expect("a known area");
    let plans = Scenario {
        levers: LeverValues::default(),
        ..s.clone()
    };
    let p = paired_run(&base, &s, &plans, runs, seed, month);
    let (a, b) = (simulate(&base, &s), simulate(&base, &plans));
    let metrics: serde_json::Map<String, serde_json::Value> = Metric::ALL
        .iter()
        .map(|&m| {
            let d = p.difference(m).expect("runs");
            let (lo, hi) = d.quantiles.range_80();
            (
                m.key().to_string(),
                serde_json::json!({
                    "difference": m.of(&a.months[month]) - m.of(&b.months[month]),
                    "p10": lo,
                    "p90": hi,
                    "higher": d.higher,
                    "lower": d.lower,
                }),
            )
        })
        .collect();
    println!(
        "{}",
        serde_json::json!({ "month": month, "runs": runs, "seed": seed, "metrics": metrics })
    );
}
