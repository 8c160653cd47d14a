//! Runs the built `ics-whatif` binary as an analyst would.

use ics_whatif::model::levers::all_specs;
use std::path::{Path, PathBuf};

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::{cli, ok, BIN};
use std::process::Command;

const REQUIRED_COLUMNS: &str =
    "month,period,quintile,referrals,treated,removed,waiting_list,within_18_weeks_pct,\
over_52_weeks,staff_fte,vacancy_rate_pct,balance_gbp_m,life_expectancy,healthy_life_expectancy";

/// A file in the temporary directory, unique to this test process and name.
fn temp_file(name: &str, contents: &str) -> PathBuf {
    let path = std::env::temp_dir().join(format!("ics-whatif-cli-{}-{name}", std::process::id()));
    std::fs::write(&path, contents).unwrap();
    path
}

fn column(header: &str, name: &str) -> usize {
    header
        .split(',')
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name}"))
}

/// The value of `col` in the row for `month` and `quintile`.
fn value(csv: &str, month: usize, quintile: &str, col: &str) -> f64 {
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let i = column(lines.next().unwrap(), col);
    let row = lines
        .find(|l| {
            let f: Vec<&str> = l.split(',').collect();
            f[0] == month.to_string() && f[2] == quintile
        })
        .unwrap_or_else(|| panic!("no row {month} {quintile}"));
    row.split(',').nth(i).unwrap().parse().unwrap()
}

#[test]
fn csv_has_the_header_and_a_row_per_month_and_quintile() {
    let csv = ok(&["run"]);
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines[0].starts_with(REQUIRED_COLUMNS), "{}", lines[0]);
    assert!(lines[0].contains(",median_wait_weeks"));
    assert_eq!(lines.len(), 1 + 121 * 6);
    let width = lines[0].split(',').count();
    assert!(lines.iter().all(|l| l.split(',').count() == width));
    let labels: Vec<&str> = lines[1..7]
        .iter()
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(labels, ["q1", "q2", "q3", "q4", "q5", "all"]);
    // Month 0 is the last published month (March 2025), so month 120 is March 2035.
    assert!(lines[1].starts_with("0,2025-03,q1,"));
    assert!(lines.last().unwrap().starts_with("120,2035-03,all,"));

    let short = ok(&["run", "--years", "2"]);
    assert_eq!(
        short.lines().filter(|l| !l.starts_with('#')).count(),
        1 + 25 * 6
    );
}

#[test]
fn england_starts_with_the_published_list_of_march_2025() {
    let csv = ok(&["run", "--ics", "england", "--years", "1"]);
    let list = value(&csv, 0, "all", "waiting_list");
    // NHS England RTT national sheet, March 2025: 7,418,598 (reported counts).
    assert!((list - 7_418_598.0).abs() < 0.1, "{list}");
    let quintiles: f64 = ["q1", "q2", "q3", "q4", "q5"]
        .iter()
        .map(|q| value(&csv, 0, q, "waiting_list"))
        .sum();
    assert!((quintiles - list).abs() < 1.0);
}

#[test]
fn more_recruitment_shortens_the_list() {
    let base = value(&ok(&["run"]), 120, "all", "waiting_list");
    let more = value(
        &ok(&["run", "--set", "recruitment_pct=10"]),
        120,
        "all",
        "waiting_list",
    );
    assert!(more < base, "{more} should be below {base}");
}

#[test]
fn runs_are_deterministic() {
    assert_eq!(ok(&["run", "--ics", "QE1"]), ok(&["run", "--ics", "QE1"]));
    let a = ok(&["run", "--runs", "5", "--seed", "3", "--years", "2"]);
    assert_eq!(
        a,
        ok(&["run", "--runs", "5", "--seed", "3", "--years", "2"])
    );
    assert_ne!(
        a,
        ok(&["run", "--runs", "5", "--seed", "4", "--years", "2"])
    );
}

#[test]
fn a_scenario_file_equals_the_same_settings_given_with_set() {
    let file = temp_file(
        "equal.json",
        r#"{"format": "ics-whatif-scenario", "version": 1, "model_version": 2, "ics": "QE1", "years": 5,
            "levers": {"recruitment_pct": 10}, "assumptions": {"demand_growth_pct": 3}, "name": "test"}"#,
    );
    let from_file = ok(&["run", "--scenario", file.to_str().unwrap()]);
    let from_flags = ok(&[
        "run",
        "--ics",
        "QE1",
        "--years",
        "5",
        "--set",
        "recruitment_pct=10",
        "--set",
        "demand_growth_pct=3",
    ]);
    // The same table (sixth session: the `#` lines above it name the file's scenario "test").
    let table = |csv: &str| {
        csv.lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(table(&from_file), table(&from_flags));
    assert!(from_file.contains("# scenario: test\n"));

    // The JSON output echoes the scenario in the file format: saving it and running it again
    // gives the same numbers.
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "run",
        "--ics",
        "qe1",
        "--set",
        "leaver_rate_change_pts=-0.7",
        "--set",
        "cost_pressure_pct=2.2",
        "--years",
        "3",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["months"].as_array().unwrap().len(), 37 * 6);
    let echo = temp_file("echo.json", &json["scenario"].to_string());
    assert_eq!(
        ok(&["run", "--scenario", echo.to_str().unwrap()]),
        ok(&[
            "run",
            "--ics",
            "QE1",
            "--set",
            "leaver_rate_change_pts=-0.7",
            "--set",
            "cost_pressure_pct=2.2",
            "--years",
            "3"
        ])
    );

    // Flags override the file.
    let overridden = ok(&[
        "run",
        "--scenario",
        file.to_str().unwrap(),
        "--years",
        "2",
        "--set",
        "recruitment_pct=0",
    ]);
    let expect = ok(&[
        "run",
        "--ics",
        "QE1",
        "--years",
        "2",
        "--set",
        "demand_growth_pct=3",
    ]);
    assert_eq!(table(&overridden), table(&expect));
    let _ = std::fs::remove_file(file);
    let _ = std::fs::remove_file(echo);
}

#[test]
fn monte_carlo_quantiles_are_ordered() {
    let csv = ok(&["run", "--runs", "50"]);
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    // The five columns readers had, where they were; then the 80% range's ends.
    assert_eq!(
        lines.next(),
        Some("month,metric,p5,p25,p50,p75,p95,p10,p90")
    );
    let mut rows = 0;
    for line in lines {
        let f: Vec<&str> = line.split(',').collect();
        let q: Vec<f64> = f[2..].iter().map(|v| v.parse().unwrap()).collect();
        assert_eq!(q.len(), 7, "{line}");
        assert!(q[..5].windows(2).all(|w| w[0] <= w[1]), "{line}");
        // p5 <= p10 <= p25 and p75 <= p90 <= p95.
        assert!(q[0] <= q[5] && q[5] <= q[1], "{line}");
        assert!(q[3] <= q[6] && q[6] <= q[4], "{line}");
        rows += 1;
    }
    assert_eq!(rows, 121 * ics_whatif::model::Metric::ALL.len());

    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "run", "--runs", "3", "--years", "1", "--format", "json",
    ]))
    .unwrap();
    assert_eq!(json["runs"], 3);
    assert_eq!(json["fans"][0]["p50"].as_array().unwrap().len(), 13);
    for key in ["p10", "p90"] {
        assert_eq!(json["fans"][0][key].as_array().unwrap().len(), 13, "{key}");
    }
    assert_eq!(
        json["quantiles"],
        serde_json::json!([0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95])
    );
}

#[test]
fn output_can_go_to_a_file() {
    let path = std::env::temp_dir().join(format!("ics-whatif-cli-{}-out.csv", std::process::id()));
    let out = cli(&["run", "--years", "1", "--out", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        ok(&["run", "--years", "1"])
    );
    let _ = std::fs::remove_file(path);
}

#[test]
fn every_bad_input_is_one_error_line_and_exit_code_2() {
    let bad_json = temp_file(
        "bad.json",
        r#"{"format": "ics-whatif-scenario", "version": 1, "levers": {"foo_pct": 1}}"#,
    );
    let malformed = temp_file("malformed.json", "{\"format\": ");
    let newer = temp_file(
        "newer.json",
        r#"{"format": "ics-whatif-scenario", "version": 3}"#,
    );
    let bad_years = temp_file(
        "years.json",
        r#"{"format": "ics-whatif-scenario", "version": 1, "years": 0}"#,
    );
    let many = temp_file(
        "many.json",
        r#"{"format": "ics-whatif-scenario", "version": 1, "years": 50, "levers": {"a": 1, "recruitment_pct": 99}, "b": 2}"#,
    );
    let bad_history = temp_file("history.csv", "month,waiting_list\n2020-01-01,5\n");
    let paths: Vec<String> = [
        &bad_json,
        &malformed,
        &newer,
        &bad_years,
        &many,
        &bad_history,
    ]
    .iter()
    .map(|p| p.to_str().unwrap().to_string())
    .collect();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec![], "no command"),
        (vec!["frobnicate"], "unknown command 'frobnicate'"),
        (vec!["run", "--bogus"], "unknown option '--bogus'"),
        (vec!["run", "stray"], "unexpected argument 'stray'"),
        (vec!["run", "--ics", "XYZ"], "unknown ICS 'XYZ'"),
        (vec!["run", "--ics"], "--ics needs a value"),
        (
            vec!["run", "--set", "foo_pct=1"],
            "unknown lever or assumption 'foo_pct'",
        ),
        (
            vec!["run", "--set", "recruitment_pct=99"],
            "recruitment_pct = 99 is out of range",
        ),
        (
            vec!["run", "--set", "recruitment_pct=lots"],
            "is not a number",
        ),
        (
            vec!["run", "--set", "recruitment_pct"],
            "--set expects KEY=VALUE",
        ),
        (
            vec!["run", "--years", "0"],
            "--years must be a whole number from 1 to 20",
        ),
        (
            vec!["run", "--years", "-5"],
            "--years must be a whole number from 1 to 20",
        ),
        (vec!["run", "--years", "21"], "--years must be"),
        (vec!["run", "--years", "ten"], "--years must be"),
        (
            vec!["run", "--years", "1", "--years", "2"],
            "given more than once",
        ),
        (
            vec!["run", "--runs", "0"],
            "--runs must be a whole number from 1 to 100000",
        ),
        (vec!["run", "--runs", "100001"], "--runs must be"),
        (vec!["run", "--runs", "-1"], "--runs must be"),
        (vec!["run", "--seed", "x"], "--seed must be"),
        (
            vec!["run", "--format", "xml"],
            "--format must be csv or json",
        ),
        (
            vec!["run", "--scenario", "/no/such/file.json"],
            "cannot read scenario file",
        ),
        (
            vec!["run", "--scenario", &paths[0]],
            "unknown lever 'foo_pct'",
        ),
        (vec!["run", "--scenario", &paths[1]], "not valid JSON"),
        (
            vec!["run", "--scenario", &paths[2]],
            "reads versions 1 to 2",
        ),
        (
            vec!["run", "--scenario", &paths[3]],
            "years must be a whole number from 1 to 20",
        ),
        (vec!["run", "--scenario", &paths[4]], "recruitment_pct = 99"),
        (
            vec!["run", "--years", "1", "--out", "/no/such/dir/out.csv"],
            "cannot write",
        ),
        (
            vec!["levers", "--format", "yaml"],
            "--format must be text, csv or json",
        ),
        (vec!["systems", "--ics", "QE1"], "unknown option '--ics'"),
        (
            vec!["sensitivity", "--metric", "foo"],
            "unknown metric 'foo'",
        ),
        (vec!["sensitivity", "--ics", "XYZ"], "unknown ICS 'XYZ'"),
        (
            vec!["sensitivity", "--year", "0"],
            "--year must be a whole number from 1 to 10",
        ),
        (
            vec!["sensitivity", "--years", "5", "--year", "6"],
            "--year must be a whole number from 1 to 5",
        ),
        (vec!["sensitivity", "--year", "ten"], "--year must be"),
        (
            vec!["sensitivity", "--format", "xml"],
            "--format must be text, csv or json",
        ),
        (
            vec!["sensitivity", "--runs", "5"],
            "unknown option '--runs'",
        ),
        (
            vec!["backcast", "--history", "/no/such/history.csv"],
            "cannot read history file",
        ),
        (
            vec!["backcast", "--history", &paths[5]],
            "no 'pct_within_18_weeks' column",
        ),
    ];
    for (args, expect) in &cases {
        let out = cli(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(out.stdout.is_empty(), "{args:?}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{args:?}: {stderr}");
        assert!(
            stderr.contains(expect),
            "{args:?}: {stderr} should contain {expect}"
        );
    }
    for p in [bad_json, malformed, newer, bad_years, many, bad_history] {
        let _ = std::fs::remove_file(p);
    }
}

#[test]
fn help_prints_usage() {
    for args in [&["--help"][..], &["help"], &["run", "--help"]] {
        let text = ok(args);
        assert!(
            text.contains("ics-whatif run") && text.contains("--scenario"),
            "{text}"
        );
    }
}

#[test]
fn levers_lists_every_key() {
    let text = ok(&["levers"]);
    let csv = ok(&["levers", "--format", "csv"]);
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["levers", "--format", "json"])).unwrap();
    let json_keys: Vec<String> = ["levers", "assumptions"]
        .iter()
        .flat_map(|k| {
            json[k]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["key"].as_str().unwrap().to_string())
        })
        .collect();
    for spec in all_specs() {
        assert!(text.contains(spec.key), "{}", spec.key);
        assert!(csv.contains(spec.key), "{}", spec.key);
        assert!(json_keys.iter().any(|k| k == spec.key), "{}", spec.key);
    }
}

#[test]
fn systems_lists_england_and_42_icbs() {
    let csv = ok(&["systems", "--format", "csv"]);
    assert_eq!(csv.lines().filter(|l| !l.starts_with('#')).count(), 1 + 43);
    assert!(csv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .nth(1)
        .unwrap()
        .starts_with("england,England,"));
    assert!(ok(&["systems"]).contains("QE1"));
}

#[test]
fn backcast_reads_the_shared_history() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let history = crate_dir.join("../shared/data/rtt_england_monthly_to_2019.csv");
    let Ok(text) = std::fs::read_to_string(&history) else {
        eprintln!("skipping backcast test: {} is absent", history.display());
        return;
    };
    let months = text.lines().filter(|l| !l.trim().is_empty()).count() - 1;
    // The default history path, found from the crate's directory.
    let out = Command::new(BIN)
        .arg("backcast")
        .current_dir(crate_dir)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines[0],
        "month,actual_waiting_list,model_waiting_list,actual_within_18_weeks_pct,model_within_18_weeks_pct,\
         actual_over_52_weeks,model_over_52_weeks,model_waiting_list_free,extra_joiners,repair"
    );
    assert_eq!(lines.len(), 1 + months);
    assert!(String::from_utf8_lossy(&out.stderr).contains("backcast:"));
    // An explicit --history from anywhere gives the same rows.
    let dir = std::env::temp_dir();
    let out = Command::new(BIN)
        .args(["backcast", "--history", history.to_str().unwrap()])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), csv);
}

#[test]
fn backtest_prints_model_published_and_naive_figures_month_by_month() {
    let out = cli(&[
        "backtest", "--ics", "QOP", "--from", "2024-03", "--months", "6",
    ]);
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(lines[0]
        .starts_with("month,period,model_waiting_list,published_waiting_list,naive_waiting_list"));
    assert_eq!(lines.len(), 7);
    // Greater Manchester, September 2024: 450,357 waiting (NHS England RTT).
    assert!(lines[6].starts_with("6,2024-09,"));
    assert_eq!(lines[6].split(',').nth(3), Some("450357"));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("model vs naive"), "{err}");
    let json = ok(&[
        "backtest", "--ics", "QOP", "--from", "2024-03", "--months", "2", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["months"].as_array().unwrap().len(), 2);
    assert!(v["model_errors"]["list_change_pct"].is_number());
}

#[test]
fn bad_backtests_are_one_line_errors() {
    for args in [
        &["backtest", "--ics", "QOP", "--from", "2019-01"][..],
        &[
            "backtest", "--ics", "QOP", "--from", "2025-03", "--months", "3",
        ],
        &["backtest", "--ics", "XYZ", "--from", "2024-03"],
        &["backtest", "--ics", "QOP", "--from", "2023-06"],
        &["backtest", "--ics", "QOP", "--from", "March"],
        &["backtest", "--ics", "QOP"],
        &["backtest", "--from", "2024-03", "--months", "0"],
    ] {
        let out = cli(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn calibration_lists_every_system_with_its_fit() {
    let csv = ok(&["calibration", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines.len(), 44);
    assert!(lines[0].starts_with("system,from,to,capacity_ratio"));
    // Every comparable month from May 2023 to the start (issue 10).
    assert!(lines[1].starts_with("england,2023-05,2025-03,"));
    assert!(lines[0].contains("start_capacity_scale,start_boost_18_scale,start_boost_52_scale"));
}

#[test]
fn monte_carlo_notes_an_interval_cut_at_a_range_end_and_truncates_there() {
    let args = [
        "run",
        "--runs",
        "40",
        "--years",
        "1",
        "--seed",
        "7",
        "--set",
        "demand_growth_pct=0",
    ];
    let out = cli(&args);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "note: demand_growth_pct: 80% interval 1.8 to 3.2 moved to -0.7 to 0.7 is cut at the range end 0; draws are truncated there"
        ),
        "{stderr}"
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&ok(&json_args)).unwrap();
    let truncated = json["truncated"].as_array().unwrap();
    assert_eq!(truncated.len(), 1);
    assert_eq!(truncated[0]["key"], "demand_growth_pct");
    assert_eq!(truncated[0]["cut_at"][0], 0.0);
    assert_eq!(json["exact_quantiles"], true);

    // At the defaults nothing is cut: no note, an empty list.
    let out = cli(&["run", "--runs", "5", "--years", "1"]);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "run", "--runs", "5", "--years", "1", "--format", "json",
    ]))
    .unwrap();
    assert_eq!(json["truncated"].as_array().unwrap().len(), 0);
}

#[test]
fn sensitivity_lists_every_uncertain_assumption_largest_swing_first() {
    let uncertain: Vec<&str> = ics_whatif::model::ASSUMPTIONS
        .iter()
        .filter(|a| a.uncertainty.is_some())
        .map(|a| a.key)
        .collect();
    let csv = ok(&[
        "sensitivity",
        "--years",
        "3",
        "--year",
        "3",
        "--metric",
        "waiting_list",
        "--format",
        "csv",
    ]);
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let col = |name: &str| header.iter().position(|c| *c == name).unwrap();
    let rows: Vec<Vec<String>> = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), uncertain.len());
    for key in &uncertain {
        assert!(rows.iter().any(|r| r[col("assumption")] == *key), "{key}");
    }
    let swings: Vec<f64> = rows
        .iter()
        .map(|r| r[col("swing")].parse().unwrap())
        .collect();
    assert!(swings.windows(2).all(|w| w[0] >= w[1]), "{swings:?}");
    assert!(swings[0] > 0.0);
    // The central figure is the deterministic run's.
    let run = ok(&["run", "--years", "3"]);
    let central: f64 = rows[0][col("central")].parse().unwrap();
    assert_eq!(central, value(&run, 36, "all", "waiting_list"));

    // Every headline figure by default, in text with labels and units.
    let text = ok(&["sensitivity", "--ics", "QE1", "--years", "2"]);
    for label in ["Waiting list", "Within 18 weeks", "Life expectancy"] {
        assert!(text.contains(label), "{label}");
    }
    assert!(
        text.contains("Growth in referrals 1.8% to 3.2% a year"),
        "{text}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["sensitivity", "--years", "2", "--format", "json"])).unwrap();
    assert_eq!(json["tornadoes"].as_array().unwrap().len(), 6);
    assert_eq!(json["year"], 2);
}

#[test]
fn decompose_splits_the_gap_by_cause_and_the_18_week_share_by_lever() {
    let text = ok(&[
        "decompose",
        "--ics",
        "QOP",
        "--set",
        "funding_growth_pct=-2",
        "--year",
        "5",
    ]);
    assert!(text.contains("year 5 (month 60)"), "{text}");
    assert!(text.contains("than under current plans"), "{text}");
    assert!(text.contains("Funding growth"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(&[
        "decompose",
        "--ics",
        "QOP",
        "--set",
        "funding_growth_pct=-2",
        "--format",
        "json",
    ]))
    .unwrap();
    let d = &json["decomposition"];
    assert_eq!(d["month"], 120);
    // Flat cash moves the gap only through waits; the causes add up to the change.
    let gap = &d["outcomes"][0]["against_plans"];
    let part = |k: &str| gap[k].as_f64().unwrap();
    assert!(part("waits").abs() > 0.0 && part("prevention") == 0.0 && part("trend") == 0.0);
    assert!((part("total") - part("waits")).abs() < 1e-9);
    let shares = d["within_18_weeks_by_lever"].as_array().unwrap();
    assert_eq!(shares.len(), 1);
    let w = &d["within_18_weeks"];
    let change = w["scenario"].as_f64().unwrap() - w["plans"].as_f64().unwrap();
    assert!((shares[0]["value"].as_f64().unwrap() - change).abs() < 1e-9);
    for bad in [
        &["decompose", "--year", "0"][..],
        &["decompose", "--ics", "nowhere"],
    ] {
        let out = cli(bad);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).starts_with("error: "));
    }
}

// ---- Exports say what they are (issue 14.6) ----

#[test]
fn run_with_format_csv_says_what_it_shows_in_comment_lines_and_the_default_does_not() {
    let out = Command::new(BIN)
        .args([
            "run",
            "--ics",
            "QE1",
            "--years",
            "1",
            "--set",
            "recruitment_pct=5",
            "--format",
            "csv",
        ])
        .env("SOURCE_DATE_EPOCH", "1795996800")
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let comments: Vec<&str> = csv.lines().take_while(|l| l.starts_with('#')).collect();
    assert_eq!(comments[0], "# area: Lancashire and South Cumbria");
    for expected in [
        "# levers: recruitment +5%",
        "# assumptions: central estimates",
        "# uncertainty: none: one deterministic run",
        "# exported: 2026-11-30",
    ] {
        assert!(comments.contains(&expected), "{expected} in {comments:?}");
    }
    assert!(comments
        .iter()
        .any(|l| l.starts_with("# model version: ICS What-If model version ")));
    // After the comments, the same CSV as the default output, which (sixth session) has the
    // same comments: CSV is `run`'s default (tests/csv_header.rs).
    let plain = ok(&[
        "run",
        "--ics",
        "QE1",
        "--years",
        "1",
        "--set",
        "recruitment_pct=5",
    ]);
    assert!(plain.starts_with("# area: Lancashire and South Cumbria\n"));
    assert_eq!(
        &csv[csv.find("\nmonth,").unwrap()..],
        &plain[plain.find("\nmonth,").unwrap()..]
    );
    let mc = Command::new(BIN)
        .args([
            "run", "--years", "1", "--runs", "3", "--seed", "7", "--format", "csv",
        ])
        .output()
        .unwrap();
    let mc = String::from_utf8(mc.stdout).unwrap();
    assert!(
        mc.contains("# uncertainty: Monte Carlo, 3 runs, seed 7\n"),
        "{mc}"
    );
}
