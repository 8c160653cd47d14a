//! Every CSV the command line writes about a scenario says what it shows in `# ...` lines at
//! its top, however CSV was chosen: `run` with no `--format` (CSV is its default), with
//! `--format csv`, or written to a file with `--out x.csv`; `run --ics all` and
//! `--by place|gaps`; `sensitivity --format csv` (issue 14.6; sixth session). Reference
//! tables (`levers`, `systems`, `places`, `calibration`, `backtest`, `backcast`) are not a
//! scenario's figures and stay plain tables (README.planner.md).

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::{ok, BIN};
use std::process::Command;

/// The `# ...` lines at the top of a CSV.
fn comments(csv: &str) -> Vec<&str> {
    csv.lines().take_while(|l| l.starts_with('#')).collect()
}

/// The same description lines, whatever the command: area, scenario, levers, assumptions,
/// period, uncertainty, model version, date, source.
fn says_what_it_shows(csv: &str, area: &str, levers: &str) {
    let c = comments(csv);
    assert_eq!(
        c.first(),
        Some(&format!("# area: {area}").as_str()),
        "{c:?}"
    );
    for key in [
        "# scenario: ",
        "# assumptions: ",
        "# period: ",
        "# uncertainty: ",
        "# model version: ICS What-If model version ",
        "# exported: ",
        "# source: ",
    ] {
        assert!(c.iter().any(|l| l.starts_with(key)), "{key} in {c:?}");
    }
    assert!(
        c.contains(&format!("# levers: {levers}").as_str()),
        "{levers} in {c:?}"
    );
    // Then the table itself, its header row first.
    let table = csv.lines().nth(c.len()).unwrap();
    assert!(!table.starts_with('#') && table.contains(','), "{table}");
}

const SCENARIO: [&str; 6] = ["--ics", "QE1", "--years", "1", "--set", "recruitment_pct=5"];

fn with(command: &[&str], more: &[&str]) -> Vec<String> {
    command
        .iter()
        .chain(SCENARIO.iter())
        .chain(more.iter())
        .map(|s| s.to_string())
        .collect()
}

fn run(args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    ok(&args)
}

#[test]
fn run_describes_its_csv_by_default_as_with_format_csv() {
    let plain = run(&with(&["run"], &[]));
    says_what_it_shows(&plain, "Lancashire and South Cumbria", "recruitment +5%");
    let explicit = run(&with(&["run"], &["--format", "csv"]));
    // The same lines (the date aside, which is today's), then the same table.
    assert_eq!(comments(&plain).len(), comments(&explicit).len());
    assert_eq!(
        &plain[plain.find("\nmonth,").unwrap()..],
        &explicit[explicit.find("\nmonth,").unwrap()..]
    );
    // Monte Carlo runs say their runs and seed.
    let mc = run(&with(&["run"], &["--runs", "3", "--seed", "7"]));
    says_what_it_shows(&mc, "Lancashire and South Cumbria", "recruitment +5%");
    assert!(comments(&mc).contains(&"# uncertainty: Monte Carlo, 3 runs, seed 7"));
}

#[test]
fn run_to_a_csv_file_writes_the_same_lines() {
    let dir = std::env::temp_dir().join(format!("ics-whatif-csv-header-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("x.csv");
    let args = with(&["run"], &["--out", path.to_str().unwrap()]);
    let out = Command::new(BIN)
        .args(&args)
        .env("SOURCE_DATE_EPOCH", "1795996800")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let csv = std::fs::read_to_string(&path).unwrap();
    says_what_it_shows(&csv, "Lancashire and South Cumbria", "recruitment +5%");
    assert!(comments(&csv).contains(&"# exported: 2026-11-30"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn run_by_place_and_gaps_and_every_icb_describe_their_csv() {
    for by in ["place", "gaps"] {
        let csv = run(&with(&["run"], &["--by", by]));
        says_what_it_shows(&csv, "Lancashire and South Cumbria", "recruitment +5%");
    }
    let all: Vec<String> = [
        "run",
        "--ics",
        "all",
        "--years",
        "1",
        "--set",
        "recruitment_pct=5",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let csv = run(&all);
    says_what_it_shows(&csv, "every ICB (42), one after another", "recruitment +5%");
    // JSON stays as it was: no comment lines.
    let json = run(&with(&["run"], &["--by", "gaps", "--format", "json"]));
    assert!(
        json.starts_with('{') || json.starts_with('['),
        "{}",
        &json[..40]
    );
}

#[test]
fn sensitivity_describes_its_csv_and_its_text_stays_plain() {
    let csv = run(&with(&["sensitivity"], &["--format", "csv"]));
    says_what_it_shows(&csv, "Lancashire and South Cumbria", "recruitment +5%");
    assert!(
        comments(&csv).contains(&"# month reported: March 2026"),
        "{:?}",
        comments(&csv)
    );
    let text = run(&with(&["sensitivity"], &[]));
    assert!(!text.starts_with('#'));
}

#[test]
fn reference_tables_stay_plain_tables() {
    for args in [
        &["levers", "--format", "csv"][..],
        &["systems", "--format", "csv"],
        &["places", "--ics", "QE1", "--format", "csv"],
    ] {
        let csv = ok(args);
        assert!(!csv.starts_with('#'), "{args:?}");
    }
}
