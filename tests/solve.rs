//! `ics-whatif solve` as an analyst would run it: what would it take to meet a target.

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::{cli, ok};

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&ok(args)).expect("JSON output")
}

/// The system-wide value of `col` at `month` in a `run` CSV.
fn at(csv: &str, month: usize, col: &str) -> f64 {
    // Past the `# ...` lines saying what the CSV shows (sixth session: always written).
    let mut lines = csv.lines().skip_while(|l| l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let i = header.iter().position(|c| *c == col).unwrap();
    let row = lines
        .find(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f[0] == month.to_string() && f[2] == "all"
        })
        .unwrap();
    row.split(',').nth(i).unwrap().parse().unwrap()
}

/// The arguments of a printed `ics-whatif run ...` replay line, after the program name.
fn replay_args(line: &str) -> Vec<String> {
    line.strip_prefix("ics-whatif ")
        .expect("a replay starts with the program")
        .split(' ')
        .map(str::to_string)
        .collect()
}

#[test]
fn one_lever_meets_the_target_and_one_step_less_does_not_replayed_with_run() {
    let target = "within_18_weeks_pct>=65@2028-03";
    let v = json(&[
        "solve",
        "--target",
        target,
        "--lever",
        "productivity_pct",
        "--runs",
        "20",
        "--format",
        "json",
    ]);
    assert_eq!(v["met"], true, "{v}");
    let month = v["target"]["month"].as_u64().unwrap() as usize;
    assert_eq!(month, 36, "March 2028 is month 36 from March 2025");
    let lever = &v["levers"][0];
    assert_eq!(lever["key"], "productivity_pct");
    let value = lever["value"].as_f64().unwrap();
    assert!(value > 0.8 && value <= 4.0, "{value}");
    assert!(v["value"].as_f64().unwrap() >= 65.0);
    let less = &v["one_step_less"][0];
    assert_eq!(less["met"], false);
    assert!((value - less["value"].as_f64().unwrap() - 0.1).abs() < 1e-9);

    // The printed replay meets the target; one step less does not.
    let replay = v["replay"].as_str().unwrap();
    let args = replay_args(replay);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(
        replay.contains(&format!("--set productivity_pct={value}")),
        "{replay}"
    );
    let csv = ok(&args);
    let share = at(&csv, month, "within_18_weeks_pct");
    assert!(share >= 65.0, "{share}");
    let less = format!("productivity_pct={}", less["value"]);
    let csv = ok(&["run", "--set", &less]);
    assert!(at(&csv, month, "within_18_weeks_pct") < 65.0);

    // The chance: met in some of 20 runs, counted from the same runs `run --runs 20` makes.
    let chance = &v["chance"];
    assert_eq!(chance["runs"], 20);
    assert!(chance["met"].as_u64().unwrap() <= 20);
}

#[test]
fn a_target_out_of_reach_says_so_and_stays_in_range() {
    let out = ok(&[
        "solve",
        "--target",
        "within_18_weeks_pct>=99@2026-03",
        "--lever",
        "productivity_pct=0.8..2",
        "--lever",
        "recruitment_pct=0..10",
        "--runs",
        "5",
    ]);
    assert!(
        out.contains("Not met: no mix of the levers within their allowed ranges that the search tried meets it; the most the search reached in March 2026 is"),
        "{out}"
    );
    let v = json(&[
        "solve",
        "--target",
        "within_18_weeks_pct>=99@2026-03",
        "--lever",
        "productivity_pct=0.8..2",
        "--runs",
        "0",
        "--format",
        "json",
    ]);
    assert_eq!(v["met"], false);
    assert_eq!(v["levers"][0]["value"], 2.0);
    assert!(v["value"].as_f64().unwrap() < 99.0);
    assert!(v["chance"].is_null());
}

#[test]
fn several_levers_give_a_mix_that_replays_and_none_can_step_back() {
    let target = "waiting_list<=7000000@2027-03";
    let v = json(&[
        "solve",
        "--target",
        target,
        "--lever",
        "extra_funding_gbp_per_head=0..100",
        "--lever",
        "productivity_pct=0.8..3",
        "--runs",
        "10",
        "--format",
        "json",
    ]);
    assert_eq!(v["met"], true, "{v}");
    for less in v["one_step_less"].as_array().unwrap() {
        assert_eq!(less["met"], false, "{less}");
    }
    let args = replay_args(v["replay"].as_str().unwrap());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let csv = ok(&args);
    assert!(at(&csv, 24, "waiting_list") <= 7_000_000.0);
    // The cost to the target month is the run's own running cost there (no funding growth).
    let cost = v["cost"]["to_target_month_gbp_m"].as_f64().unwrap();
    assert!(
        (cost - at(&csv, 24, "cumulative_cost_gbp_m")).abs() < 0.1,
        "{cost}"
    );
}

#[test]
fn json_output_has_the_documented_shape() {
    let v = json(&[
        "solve",
        "--ics",
        "QOP",
        "--target",
        "over_52_weeks_pct<1@2026-03",
        "--lever",
        "long_wait_focus_pct",
        "--runs",
        "5",
        "--format",
        "json",
    ]);
    for key in [
        "system",
        "target",
        "met",
        "levers",
        "value",
        "start_value",
        "one_step_less",
        "cost",
        "chance",
        "monotone",
        "deterministic_runs",
        "replay",
        "scenario",
    ] {
        assert!(!v[key].is_null(), "{key} missing: {v}");
    }
    assert_eq!(v["system"]["code"], "QOP");
    assert_eq!(v["target"]["metric"], "over_52_weeks_pct");
    assert_eq!(v["target"]["comparison"], "<");
    assert_eq!(v["target"]["period"], "2026-03");
    for key in [
        "key", "label", "unit", "value", "start", "min", "max", "step",
    ] {
        assert!(!v["levers"][0][key].is_null(), "lever {key}");
    }
    for key in [
        "to_target_month_gbp_m",
        "scenario_cost_gbp_m",
        "extra_allocation_from_funding_growth_gbp_m",
        "scenario_cost_over_horizon_gbp_m",
        "cumulative_balance_gbp_m",
    ] {
        assert!(v["cost"][key].is_number(), "cost {key}");
    }
    for key in ["runs", "seed", "met", "p5", "p10", "p50", "p90", "p95"] {
        assert!(v["chance"][key].is_number(), "chance {key}");
    }
    assert_eq!(v["scenario"]["ics"], "QOP");
}

#[test]
fn bad_targets_and_levers_are_one_error_line_and_exit_2() {
    let lever = ["--lever", "productivity_pct"];
    let cases: Vec<Vec<&str>> = vec![
        vec!["solve", "--target", "within_18_weeks_pct=>92@2029-03"],
        vec!["solve", "--target", "bogus>=92@2029-03"],
        vec!["solve", "--target", "within_18_weeks_pct>=92"],
        vec!["solve", "--target", "within_18_weeks_pct>=lots@2029-03"],
        vec!["solve", "--target", "within_18_weeks_pct>=92@2029-13"],
        vec!["solve", "--target", "within_18_weeks_pct>=92@2036-03"],
        vec!["solve", "--target", "within_18_weeks_pct>=92@2025-03"],
        vec!["solve"],
    ];
    for mut args in cases {
        args.extend(lever);
        let out = cli(&args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
    for bad in [
        &["--lever", "bogus"][..],
        &["--lever", "demand_growth_pct"],
        &["--lever", "productivity_pct=3..1"],
        &["--lever", "productivity_pct=0..9"],
        &[
            "--lever",
            "productivity_pct",
            "--lever",
            "productivity_pct=1..2",
        ],
        &[],
        &["--lever", "productivity_pct", "--runs", "-1"],
        &["--lever", "productivity_pct", "--format", "csv"],
    ] {
        let mut args = vec!["solve", "--target", "within_18_weeks_pct>=92@2029-03"];
        args.extend(bad);
        let out = cli(&args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
    // A target beyond the horizon names it.
    let out = cli(&[
        "solve",
        "--target",
        "within_18_weeks_pct>=92@2029-03",
        "--lever",
        "productivity_pct",
        "--years",
        "2",
    ]);
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("beyond the horizon (March 2027"), "{err}");
}

#[test]
fn json_carries_the_same_about_object_as_run_describing_the_scenario_found() {
    let args = [
        "solve",
        "--ics",
        "QE1",
        "--set",
        "agency_cover_pct=10@2026-04+2y",
        "--target",
        "within_18_weeks_pct>=65@2028-03",
        "--lever",
        "productivity_pct",
        "--runs",
        "20",
        "--seed",
        "7",
        "--format",
        "json",
    ];
    let v = json(&args);
    let about = &v["about"];
    assert_eq!(about["area"], "Lancashire and South Cumbria", "{about}");
    // The scenario found: the lever the search moved and the one phased by --set.
    let levers: Vec<&str> = about["levers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    assert!(
        levers.iter().any(|l| l.contains("productivity")),
        "{levers:?}"
    );
    assert!(
        levers.iter().any(|l| l.contains("from April 2026")),
        "the phasing is said: {levers:?}"
    );
    assert_eq!(about["assumptions"], serde_json::json!([]), "{about}");
    assert_eq!(about["runs"], 20);
    assert_eq!(about["seed"], 7);
    assert_eq!(about["month_reported"], "March 2028", "{about}");
    assert_eq!(about["model_version"], v["scenario"]["model_version"]);
    assert_eq!(about["exported"].as_str().unwrap().len(), 10, "{about}");
    // The same object `run --format json` gives for the scenario found.
    let replay = replay_args(v["replay"].as_str().unwrap());
    let mut run: Vec<&str> = replay.iter().map(String::as_str).collect();
    run.extend(["--runs", "20", "--seed", "7", "--format", "json"]);
    let r: serde_json::Value = serde_json::from_str(&ok(&run)).unwrap();
    for key in [
        "area",
        "levers",
        "assumptions",
        "period",
        "runs",
        "seed",
        "model_version",
        "source",
    ] {
        assert_eq!(
            about[key], r["about"][key],
            "{key}: {about} vs {}",
            r["about"]
        );
    }
    // Without a Monte Carlo (--runs 0), one deterministic run.
    let mut det = args.to_vec();
    det[10] = "0";
    let v = json(&det);
    assert_eq!(v["about"]["uncertainty"], "none: one deterministic run");
}
