//! Results beyond anything recorded (fresh-eyes finding 16): a scenario past NHS England's
//! best published 18-week share, or its shortest list, says so, naming the figure, the record
//! and its month, in the model (the app's notice) and on the command line's standard error.

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;
#[path = "support/history.rs"]
mod history;

use ics_whatif::model::params::{BEST_18_WEEK_SHARE_PCT, SHORTEST_ENGLAND_LIST};
use ics_whatif::model::record::beyond_record;
use ics_whatif::model::*;

fn run(system: &str, settings: &[(&str, f64)]) -> (Projection, f64) {
    let mut s = Scenario {
        system: system.to_string(),
        ..Scenario::default()
    };
    for &(key, value) in settings {
        ics_whatif::scenario::set_value(&mut s, key, value).expect("a valid setting");
    }
    let base = Baseline::for_code(system).unwrap();
    (simulate(&base, &s), base.population)
}

#[test]
fn the_records_are_the_best_months_of_the_shared_series() {
    let months = history::pre_pandemic_months();
    let best = months
        .iter()
        .max_by(|a, b| a.within_18_weeks.total_cmp(&b.within_18_weeks))
        .unwrap();
    assert_eq!(&best.month[..7], "2015-11");
    assert!((100.0 * best.within_18_weeks - BEST_18_WEEK_SHARE_PCT).abs() < 1e-9);
    let shortest = months
        .iter()
        .min_by(|a, b| a.waiting_list.total_cmp(&b.waiting_list))
        .unwrap();
    assert_eq!(&shortest.month[..7], "2016-01");
    assert_eq!(shortest.waiting_list, SHORTEST_ENGLAND_LIST);
}

#[test]
fn current_plans_stay_within_the_record() {
    let (p, pop) = run("england", &[]);
    assert!(beyond_record(&p, pop, true).is_empty());
    let (p, pop) = run("QOP", &[]);
    assert!(beyond_record(&p, pop, false).is_empty());
}

#[test]
fn a_productivity_gain_of_four_percent_is_named_beyond_the_record() {
    let (p, pop) = run("england", &[("productivity_pct", 4.0)]);
    let lines = beyond_record(&p, pop, true);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("92.4%, November 2015") && l.contains("under 18 weeks")),
        "{lines:?}"
    );
}

#[test]
fn every_lever_at_its_top_names_the_shortest_list_for_england_and_an_icb() {
    // Every capacity lever at the end that helps (retention: fewest leavers).
    let top: Vec<(&str, f64)> = LEVERS
        .iter()
        .filter(|l| !l.key.contains("targeting") && !l.key.contains("priority"))
        .map(|l| {
            let best = if l.key == "leaver_rate_change_pts" {
                l.min
            } else {
                l.max
            };
            (l.key, best)
        })
        .collect();
    let (p, pop) = run("england", &top);
    let lines = beyond_record(&p, pop, true);
    assert!(
        lines.iter().any(|l| l.contains("3.52m, January 2016")),
        "{lines:?}"
    );
    let (p, pop) = run("QOP", &top);
    let lines = beyond_record(&p, pop, false);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("per 1,000 registered patients")),
        "{lines:?}"
    );
}

#[test]
fn the_command_line_warns_on_standard_error() {
    let out = cli_support::cli(&["run", "--set", "productivity_pct=4"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("warning: Beyond the record") && l.contains("November 2015")),
        "{stderr}"
    );
    let plans = cli_support::cli(&["run"]);
    assert!(!String::from_utf8_lossy(&plans.stderr).contains("warning:"));
}
