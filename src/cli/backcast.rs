//! `ics-whatif backcast`: the waiting-list queue driven by NHS England's monthly history,
//! side by side with it. Rows to the output, a summary of the errors to standard error.
//! `--history FILE` reads either shared series (2015-2019 or 2020-2023: same columns) or any
//! file with those columns. A month whose history is repaired (implied removals below zero)
//! says so in the `repair` column, in the JSON, and in a line on standard error.

use super::args::Flags;
use super::format::{csv_field, fixed, Rounded};
use super::{output_format, read_text, Done};
use crate::model::backcast::{
    backcast as run_backcast, errors, parse_history, BackcastErrors, BackcastMonth,
    OVER_52_COUNTED_FROM,
};
use crate::model::queue::HazardShape;
use crate::scenario::shown_path;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// The history file, relative to the current directory or to the crate's directory.
pub const DEFAULT_HISTORY: &str = "../shared/data/rtt_england_monthly_to_2019.csv";
/// Months left out of the error summary while the queue's starting shape settles.
pub const WARM_UP_MONTHS: usize = 6;

/// The first default location that exists, or a message asking for `--history`.
fn default_history() -> Result<PathBuf, String> {
    let here = PathBuf::from(DEFAULT_HISTORY);
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(DEFAULT_HISTORY);
    [here, crate_dir].into_iter().find(|p| p.is_file()).ok_or_else(|| {
        format!(
            "no history file found at {DEFAULT_HISTORY} (relative to this directory or to {}): pass --history FILE",
            env!("CARGO_MANIFEST_DIR")
        )
    })
}

/// Columns: key and decimals (after them, the text column `repair`).
const COLUMNS: [(&str, usize); 9] = [
    ("month", 0),
    ("actual_waiting_list", 1),
    ("model_waiting_list", 1),
    ("actual_within_18_weeks_pct", 3),
    ("model_within_18_weeks_pct", 3),
    ("actual_over_52_weeks", 1),
    ("model_over_52_weeks", 1),
    ("model_waiting_list_free", 1),
    ("extra_joiners", 1),
];

fn values(r: &BackcastMonth) -> [f64; 8] {
    [
        r.actual_waiting_list,
        r.model_waiting_list,
        r.actual_within_18_weeks_pct,
        r.model_within_18_weeks_pct,
        r.actual_over_52_weeks,
        r.model_over_52_weeks,
        r.model_waiting_list_free,
        r.extra_joiners,
    ]
}

pub fn backcast(flags: &Flags) -> Result<Done, String> {
    let format = output_format(flags, &["csv", "json"])?;
    let path = match flags.one("--history") {
        Some(p) => PathBuf::from(p),
        None => default_history()?,
    };
    let shown_path = shown_path(&path.to_string_lossy());
    let text = read_text(&path.to_string_lossy(), "history file")?;
    let history = parse_history(&text).map_err(|e| format!("history file '{shown_path}': {e}"))?;
    let rows = run_backcast(&history, &HazardShape::calibrated());
    let e = errors(&rows, WARM_UP_MONTHS);

    let text = match format {
        "csv" => {
            let names: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
            let mut out = names.join(",");
            out.push_str(",repair\n");
            for r in &rows {
                out.push_str(&csv_field(&r.month));
                for (v, (_, dp)) in values(r).iter().zip(&COLUMNS[1..]) {
                    out.push(',');
                    out.push_str(&fixed(*v, *dp));
                }
                out.push(',');
                out.push_str(&csv_field(&r.repair));
                out.push('\n');
            }
            out
        }
        _ => {
            let doc = BackcastJson {
                history: path.to_string_lossy().into_owned(),
                warm_up_months: WARM_UP_MONTHS,
                errors: e,
                months: rows.iter().map(Row).collect(),
            };
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            text
        }
    };
    let first = rows.first().map_or("", |r| r.month.as_str());
    let last = rows.last().map_or("", |r| r.month.as_str());
    let mut notes: Vec<String> = rows
        .iter()
        .filter(|r| !r.repair.is_empty())
        .map(|r| format!("backcast: repaired {}: {}", r.month, r.repair))
        .collect();
    notes.extend([
        format!(
            "backcast: {} months, {first} to {last}, from {shown_path}; errors after {WARM_UP_MONTHS} warm-up months:",
            rows.len()
        ),
        format!("  18-week share, mean gap:              {} percentage points", fixed(e.mean_within_18_weeks_pts, 2)),
        format!("  18-week share, largest gap:           {} percentage points", fixed(e.max_within_18_weeks_pts, 2)),
        format!("  52-week waiters, mean ratio:          {}x", fixed(e.mean_over_52_weeks_ratio, 2)),
        format!("  52-week waiters, largest ratio:       {}x", fixed(e.max_over_52_weeks_ratio, 2)),
        format!(
            "  52-week waiters, largest ratio in months over {}: {}x",
            OVER_52_COUNTED_FROM,
            fixed(e.max_over_52_weeks_ratio_large, 2)
        ),
        format!("  free-running list, largest error:     {}%", fixed(e.max_free_list_error_pct, 2)),
        format!("  free-running list, final-month error: {}%", fixed(e.final_free_list_error_pct, 2)),
        format!("  months repaired (implied removals below zero): {}", e.repaired_months),
    ]);
    Ok(Done {
        text,
        notes,
        ..Done::default()
    })
}

#[derive(Serialize)]
struct BackcastJson<'a> {
    history: String,
    warm_up_months: usize,
    errors: BackcastErrors,
    months: Vec<Row<'a>>,
}

struct Row<'a>(&'a BackcastMonth);

impl Serialize for Row<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(COLUMNS.len() + 1))?;
        map.serialize_entry("month", &self.0.month)?;
        for (v, (key, dp)) in values(self.0).iter().zip(&COLUMNS[1..]) {
            map.serialize_entry(key, &Rounded(*v, *dp))?;
        }
        map.serialize_entry("repair", &self.0.repair)?;
        map.end()
    }
}
