//! Phasing from the command line (issue 14, item 2), as an analyst would type it:
//! `--set KEY=VALUE@2027-04` (a step at a month) and `--set KEY=VALUE@2026-04+3y` (a straight
//! line over three years from April 2026).

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::{cli, ok};

/// The rows of a `run` CSV for one column, month by month (quintile 1's row of each month).
fn column_by_month(csv: &str, name: &str) -> Vec<f64> {
    // Past the `# ...` lines saying what the CSV shows (sixth session: always written).
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let col = header
        .iter()
        .position(|c| *c == name)
        .unwrap_or_else(|| panic!("no column {name}"));
    lines
        .filter(|l| l.split(',').nth(2) == Some("q1"))
        .map(|l| l.split(',').nth(col).unwrap().parse().unwrap())
        .collect()
}

/// A CSV without its `# ...` description lines (sixth session: always written).
fn table(csv: &str) -> String {
    csv.lines()
        .filter(|l| !l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs and expects exit code 2 with one `error:` line naming `what`.
fn refused(args: &[&str], what: &str) {
    let out = cli(args);
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(out.stdout.is_empty(), "{args:?}");
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(err.starts_with("error: "), "{args:?}: {err}");
    assert!(err.contains(what), "{args:?}: {err} should name {what}");
}

#[test]
fn a_step_at_a_date_is_current_plans_before_it_and_the_change_after() {
    let plans = ok(&["run", "--years", "4"]);
    let at_once = ok(&["run", "--years", "4", "--set", "recruitment_pct=20"]);
    let stepped = ok(&["run", "--years", "4", "--set", "recruitment_pct=20@2027-04"]);
    let (p, a, s) = (
        column_by_month(&plans, "staff_fte"),
        column_by_month(&at_once, "staff_fte"),
        column_by_month(&stepped, "staff_fte"),
    );
    // April 2027 is month 25 (March 2025 is month 0).
    assert_eq!(s[..25], p[..25]);
    assert!(s[25] > p[25], "{} > {}", s[25], p[25]);
    assert!(s[30] < a[30], "the step starts later than at once");
    // The CSV's rows before the step are the same text as current plans'.
    let rows = |csv: &str| {
        csv.lines()
            .filter(|l| !l.starts_with('#'))
            .take(1 + 25 * 5)
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(rows(&stepped), rows(&plans));
}

#[test]
fn a_three_year_ramp_lies_between_current_plans_and_at_once() {
    let plans = column_by_month(&ok(&["run", "--years", "5"]), "staff_fte");
    let at_once = column_by_month(
        &ok(&["run", "--years", "5", "--set", "recruitment_pct=20"]),
        "staff_fte",
    );
    let ramp = column_by_month(
        &ok(&[
            "run",
            "--years",
            "5",
            "--set",
            "recruitment_pct=20@2026-04+3y",
        ]),
        "staff_fte",
    );
    assert_eq!(ramp[..13], plans[..13]);
    for t in [18, 24, 36, 48] {
        assert!(
            plans[t] < ramp[t] && ramp[t] < at_once[t],
            "month {t}: {} < {} < {}",
            plans[t],
            ramp[t],
            at_once[t]
        );
    }
}

#[test]
fn phasing_at_the_first_month_with_no_ramp_is_the_change_at_once() {
    let at_once = ok(&["run", "--years", "2", "--set", "social_care_pct=39"]);
    let dated = ok(&["run", "--years", "2", "--set", "social_care_pct=39@2025-03"]);
    // The tables (the `#` lines name the phasing as given).
    assert_eq!(table(&at_once), table(&dated));
}

#[test]
fn the_json_echo_is_a_version_2_file_that_replays_the_same_run() {
    let args = [
        "run",
        "--years",
        "4",
        "--set",
        "recruitment_pct=20@2026-04+3y",
        "--format",
        "json",
    ];
    let out: serde_json::Value = serde_json::from_str(&ok(&args)).unwrap();
    let echo = &out["scenario"];
    assert_eq!(echo["version"], 2);
    assert_eq!(echo["phasing"]["recruitment_pct"]["from"], "2026-04");
    assert_eq!(echo["phasing"]["recruitment_pct"]["over_years"], 3);
    let path = std::env::temp_dir().join(format!(
        "ics-whatif-phasing-{}-echo.json",
        std::process::id()
    ));
    std::fs::write(&path, echo.to_string()).unwrap();
    let from_file = ok(&["run", "--scenario", path.to_str().unwrap()]);
    let from_flags = ok(&args[..5]);
    assert_eq!(table(&from_file), table(&from_flags));
    let _ = std::fs::remove_file(path);
}

#[test]
fn help_documents_both_forms() {
    let help = ok(&["--help"]);
    assert!(help.contains("KEY=VALUE@2027-04"), "{help}");
    assert!(help.contains("KEY=VALUE@2026-04+3y"), "{help}");
    assert!(help.contains("\"phasing\""), "{help}");
}

#[test]
fn bad_phasing_is_one_error_line_naming_the_lever_and_exit_code_2() {
    let run =
        |set: &'static str| -> Vec<&'static str> { vec!["run", "--years", "5", "--set", set] };
    refused(
        &run("recruitment_pct=10@2027"),
        "recruitment_pct phasing '2027'",
    );
    refused(
        &run("recruitment_pct=10@soon"),
        "recruitment_pct phasing 'soon'",
    );
    refused(&run("recruitment_pct=10@"), "recruitment_pct phasing");
    refused(&run("recruitment_pct=10@2027-13"), "recruitment_pct");
    refused(
        &run("recruitment_pct=10@2024-04"),
        "recruitment_pct phasing starts in April 2024, before the projection starts (March 2025)",
    );
    refused(
        &run("recruitment_pct=10@2031-04"),
        "recruitment_pct phasing starts in April 2031, after the horizon ends (March 2030)",
    );
    refused(
        &run("recruitment_pct=10@2026-04+-3y"),
        "recruitment_pct phasing ramp '-3y'",
    );
    refused(
        &run("recruitment_pct=10@2026-04+3"),
        "recruitment_pct phasing ramp '3'",
    );
    refused(
        &run("recruitment_pct=10@2026-04+0.1y"),
        "recruitment_pct phasing ramp",
    );
    refused(
        &run("recruitment_pct=10@2026-04+99y"),
        "recruitment_pct phasing ramp",
    );
    refused(
        &run("recruitment_pct=ten@2027-04"),
        "recruitment_pct = 'ten' is not a number",
    );
    refused(
        &run("recruitment_pct=99@2027-04"),
        "recruitment_pct = 99 is out of range",
    );
    refused(
        &run("demand_growth_pct=3@2027-04"),
        "demand_growth_pct is an assumption: only levers can be phased",
    );
    // The horizon is read after --set: a later, shorter --years is checked too.
    refused(
        &["run", "--set", "recruitment_pct=10@2029-04", "--years", "3"],
        "after the horizon ends (March 2028)",
    );
    // The same checks guard every command that takes --set.
    refused(
        &[
            "sensitivity",
            "--years",
            "2",
            "--set",
            "recruitment_pct=10@2030-01",
        ],
        "recruitment_pct phasing starts in January 2030",
    );
}
