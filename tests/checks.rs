//! Checks as data, in the spirit of SDEverywhere's checks: every system runs with each lever
//! at the bottom and the top of its range (everything else as current plans), and
//! - every row of `tests/checks.csv` (lever, metric, expected direction, why) holds at the
//!   horizon: the metric is higher (`up`) or lower (`down`) with the lever at its top than at
//!   its bottom, in every system;
//! - every metric stays inside the bounds in [`BOUNDS`] in every month of every such run.
//!
//! Adding a check is adding a row to the CSV; a failure names the system, lever and metric.

use ics_whatif::data::{england, systems, System};
use ics_whatif::model::{simulate, Baseline, Lever, Metric, Projection, Scenario};

const CHECKS: &str = include_str!("checks.csv");

/// Bounds every metric keeps in every month of every extreme run: (metric key, least, most).
/// Every other metric must at least be finite.
const BOUNDS: [(&str, f64, f64); 12] = [
    ("waiting_list", 0.0, f64::INFINITY),
    ("within_18_weeks_pct", 0.0, 100.0),
    ("over_52_weeks", 0.0, f64::INFINITY),
    ("median_wait_weeks", 0.0, f64::INFINITY),
    ("referrals", 0.0, f64::INFINITY),
    ("treated", 0.0, f64::INFINITY),
    ("removed", 0.0, f64::INFINITY),
    ("staff_fte", 0.0, f64::INFINITY),
    ("vacancy_rate_pct", 0.0, 100.0),
    ("agency_fte", 0.0, f64::INFINITY),
    ("leaver_rate_pct", 0.0, 100.0),
    // Healthy life expectancy stays a positive number of years (waits can take at most all
    // of it: see `simulate`).
    ("healthy_life_expectancy", 0.0, 120.0),
];

/// One row of `tests/checks.csv`.
struct Check {
    lever: Lever,
    metric: Metric,
    rising: bool,
    why: String,
}

fn checks() -> Vec<Check> {
    let mut reader = csv::Reader::from_reader(CHECKS.as_bytes());
    let header = reader
        .headers()
        .expect("tests/checks.csv has a header")
        .clone();
    let col = |name: &str| {
        header
            .iter()
            .position(|c| c == name)
            .unwrap_or_else(|| panic!("tests/checks.csv has no '{name}' column"))
    };
    let (lever, metric, direction, why) =
        (col("lever"), col("metric"), col("direction"), col("why"));
    reader
        .records()
        .enumerate()
        .map(|(i, row)| {
            let line = i + 2;
            let row = row.unwrap_or_else(|e| panic!("tests/checks.csv line {line}: {e}"));
            let field = |c: usize| row.get(c).unwrap_or_default().trim();
            Check {
                lever: Lever::from_key(field(lever)).unwrap_or_else(|| {
                    panic!("tests/checks.csv line {line}: no lever '{}'", field(lever))
                }),
                metric: Metric::from_key(field(metric)).unwrap_or_else(|| {
                    panic!(
                        "tests/checks.csv line {line}: no metric '{}'",
                        field(metric)
                    )
                }),
                rising: match field(direction) {
                    "up" => true,
                    "down" => false,
                    d => panic!("tests/checks.csv line {line}: direction '{d}' is not up or down"),
                },
                why: field(why).to_string(),
            }
        })
        .collect()
}

/// A metric's bounds, if [`BOUNDS`] gives it any.
fn bounds(m: Metric) -> Option<(f64, f64)> {
    BOUNDS
        .iter()
        .find(|(key, _, _)| *key == m.key())
        .map(|&(_, lo, hi)| (lo, hi))
}

/// Every month of a run inside the bounds; problems as lines naming system, run and month.
fn out_of_bounds(p: &Projection, run: &str, problems: &mut Vec<String>) {
    for r in &p.months {
        for &m in Metric::ALL {
            let v = m.of(r);
            let (lo, hi) = bounds(m).unwrap_or((f64::NEG_INFINITY, f64::INFINITY));
            if !v.is_finite() || v < lo || v > hi {
                problems.push(format!(
                    "{} {run}: {} = {v} in month {} (bounds {lo} to {hi})",
                    p.system,
                    m.key(),
                    r.month
                ));
            }
        }
    }
}

#[test]
fn the_checks_table_names_known_levers_and_metrics_and_bounds_name_known_metrics() {
    let checks = checks();
    assert!(checks.len() >= 20, "{} checks", checks.len());
    assert!(checks.iter().all(|c| !c.why.is_empty()));
    for (key, lo, hi) in BOUNDS {
        assert!(
            Metric::from_key(key).is_some(),
            "BOUNDS names no metric '{key}'"
        );
        assert!(lo < hi, "{key}");
    }
}

/// Every check and bound over `systems`: one line per failure, naming the system, the lever
/// and the metric.
fn failures(checks: &[Check], systems: &[System]) -> Vec<String> {
    let mut levers: Vec<Lever> = checks.iter().map(|c| c.lever).collect();
    levers.sort_by_key(|l| *l as usize);
    levers.dedup();
    let mut failures = Vec::new();
    for s in systems {
        let base = Baseline::for_system(s);
        let run = |lever: Lever, value: f64| {
            let mut scenario = Scenario {
                system: s.code.clone(),
                ..Scenario::default()
            };
            scenario.levers[lever] = value;
            simulate(&base, &scenario)
        };
        for &lever in &levers {
            let spec = lever.spec();
            let (bottom, top) = (run(lever, spec.min), run(lever, spec.max));
            out_of_bounds(
                &bottom,
                &format!("{} at {}", spec.key, spec.min),
                &mut failures,
            );
            out_of_bounds(
                &top,
                &format!("{} at {}", spec.key, spec.max),
                &mut failures,
            );
            for c in checks.iter().filter(|c| c.lever == lever) {
                let (low, high) = (c.metric.of(bottom.last()), c.metric.of(top.last()));
                let holds = if c.rising { high > low } else { high < low };
                if !holds {
                    failures.push(format!(
                        "{}: {} from {} to {} should move {} {} ({}), but went from {low} to {high}",
                        s.code,
                        spec.key,
                        spec.min,
                        spec.max,
                        c.metric.key(),
                        if c.rising { "up" } else { "down" },
                        c.why
                    ));
                }
            }
        }
    }
    failures
}

#[test]
fn every_system_at_every_levers_extremes_moves_each_checked_metric_the_expected_way_and_stays_in_bounds(
) {
    let failures = failures(&checks(), systems());
    assert!(
        failures.is_empty(),
        "{} failed checks:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_check_the_model_contradicts_is_reported_with_its_system_lever_and_metric() {
    let wrong = Check {
        lever: Lever::from_key("recruitment_pct").expect("a lever"),
        metric: Metric::from_key("staff_fte").expect("a metric"),
        rising: false,
        why: "reversed on purpose".into(),
    };
    let found = failures(&[wrong], std::slice::from_ref(england()));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with("england: recruitment_pct") && found[0].contains("staff_fte down"),
        "{}",
        found[0]
    );
}
