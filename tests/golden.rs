//! England's headline figures under every preset, month by month, against committed CSV files
//! (`tests/golden/england_<preset>.csv`), so that a change in the model's numbers names the
//! preset, the metric and the month it moved, and by how much. The fingerprint
//! (tests/determinism.rs) still pins every metric to the last bit and guards the wasm build
//! against the native one (tests/web.rs); these files say what moved.
//!
//! After a deliberate change to the model's numbers, regenerate them with
//! `UPDATE_GOLDEN=1 cargo test --test golden` (and the fingerprint with
//! `UPDATE_GOLDEN=1 cargo test --test determinism`), and read the diff before committing.

use ics_whatif::model::{simulate, Baseline, Metric, Projection};
use ics_whatif::scenario::presets;
use std::path::PathBuf;

/// The figures a board reads first: the list, its waits, staff, money and health.
const HEADLINES: [&str; 10] = [
    "waiting_list",
    "within_18_weeks_pct",
    "over_52_weeks",
    "median_wait_weeks",
    "staff_fte",
    "vacancy_rate_pct",
    "balance_gbp_m",
    "cumulative_cost_gbp_m",
    "healthy_life_expectancy",
    "le_gap_years",
];

/// Largest difference tolerated, relative to the figure plus an absolute floor in its own unit
/// (for figures near zero, such as a balance that is a difference of two large sums): far below
/// any change a reader could see, far above the last-bit differences a compiler or platform
/// may make in a long sum.
const RELATIVE_TOLERANCE: f64 = 1e-9;
const ABSOLUTE_TOLERANCE: f64 = 1e-6;

fn golden_path(preset: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(format!("england_{preset}.csv"))
}

fn headline_metrics() -> Vec<Metric> {
    HEADLINES
        .iter()
        .map(|k| Metric::from_key(k).unwrap_or_else(|| panic!("no metric '{k}'")))
        .collect()
}

/// The projection as CSV: a `month` column, then one column per headline metric, each value
/// written so that it reads back as the same f64 (Rust's shortest round-trip form).
fn to_csv(p: &Projection, metrics: &[Metric]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = std::iter::once("month").chain(metrics.iter().map(|m| m.key()));
    w.write_record(header).expect("write to memory");
    for r in &p.months {
        let row = std::iter::once(r.month.to_string())
            .chain(metrics.iter().map(|m| format!("{:?}", m.of(r))));
        w.write_record(row).expect("write to memory");
    }
    String::from_utf8(w.into_inner().expect("flush to memory")).expect("CSV of ASCII")
}

/// The differences between a golden file and a projection, one line each naming the metric
/// and month (at most a few per metric, so a broken model gives a readable message).
fn differences(preset: &str, golden: &str, p: &Projection) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(golden.as_bytes());
    let header = reader
        .headers()
        .expect("a golden file has a header")
        .clone();
    let mut out = Vec::new();
    let columns: Vec<(usize, Metric)> = header
        .iter()
        .enumerate()
        .skip(1)
        .map(|(i, key)| {
            let m = Metric::from_key(key).unwrap_or_else(|| panic!("{preset}: no metric '{key}'"));
            (i, m)
        })
        .collect();
    for key in HEADLINES {
        if !header.iter().any(|h| h == key) {
            out.push(format!("{preset}: the golden file has no column '{key}'"));
        }
    }
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|r| r.expect("a golden file is well formed"))
        .collect();
    if rows.len() != p.months.len() {
        out.push(format!(
            "{preset}: {} months in the golden file, {} in the projection",
            rows.len(),
            p.months.len()
        ));
    }
    for (i, m) in columns {
        let mut shown = 0;
        for (row, r) in rows.iter().zip(&p.months) {
            let month: usize = row[0].parse().expect("a month number");
            let want: f64 = row[i].parse().expect("a number");
            let got = m.of(r);
            let scale = want.abs().max(got.abs()).max(1e-12);
            let tolerance = RELATIVE_TOLERANCE * scale + ABSOLUTE_TOLERANCE;
            if month != r.month || (got - want).abs() > tolerance {
                if shown < 3 {
                    out.push(format!(
                        "{preset}: {} in month {}: golden {want}, now {got} ({:+.3e} relative)",
                        m.key(),
                        r.month,
                        (got - want) / scale
                    ));
                }
                shown += 1;
            }
        }
        if shown > 3 {
            out.push(format!(
                "{preset}: {} differs in {} months in all",
                m.key(),
                shown
            ));
        }
    }
    out
}

#[test]
fn england_under_every_preset_matches_its_golden_headline_figures_month_by_month() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let base = Baseline::england();
    let metrics = headline_metrics();
    let mut problems = Vec::new();
    for preset in presets() {
        let scenario = preset.apply(
            ics_whatif::data::ENGLAND,
            ics_whatif::model::simulate::DEFAULT_YEARS,
        );
        let p = simulate(&base, &scenario);
        let path = golden_path(preset.key);
        if update {
            std::fs::write(&path, to_csv(&p, &metrics)).expect("write the golden file");
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(golden) => problems.extend(differences(preset.key, &golden, &p)),
            Err(e) => problems.push(format!("{}: {e}", path.display())),
        }
    }
    assert!(
        problems.is_empty(),
        "England's headline figures moved:\n{}\nIf the model changed on purpose, regenerate with \
         `UPDATE_GOLDEN=1 cargo test --test golden` and commit tests/golden/",
        problems.join("\n")
    );
}

#[test]
fn a_moved_figure_is_named_by_metric_and_month() {
    let base = Baseline::england();
    let p = simulate(&base, &presets()[0].apply(ics_whatif::data::ENGLAND, 1));
    let golden = to_csv(&p, &headline_metrics());
    assert!(differences("test", &golden, &p).is_empty());
    // Move month 7's waiting list by one patient in a thousand.
    let mut lines: Vec<String> = golden.lines().map(String::from).collect();
    let mut cells: Vec<String> = lines[8].split(',').map(String::from).collect();
    let list: f64 = cells[1].parse().unwrap();
    cells[1] = format!("{:?}", list * 1.001);
    lines[8] = cells.join(",");
    let found = differences("test", &lines.join("\n"), &p);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("waiting_list in month 7"), "{}", found[0]);
}
