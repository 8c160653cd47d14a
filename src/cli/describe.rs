//! What the command line's exports say they are (issue 14.6; sixth session: every CSV, and
//! `solve`'s JSON). One [`ExportInfo`] per scenario export, built here for `run` (with no
//! `--format` as with `--format csv`: CSV is its default), `run --ics all` / `--by place|gaps`,
//! `sensitivity --format csv` and `solve --format json`, so each says the same: area,
//! scenario, levers with their phasing, assumptions, period, month reported, uncertainty
//! (runs and seed), model version, date, source.
//!
//! Not described: tables that are not a scenario's figures (`levers`, `systems`,
//! `places --ics CODE`, `calibration`, `backtest`, `backcast`): reference tables and the
//! model's track record against history, the same whatever scenario is asked, meant to be
//! joined and read by machines.

use crate::model::Baseline;
use crate::scenario::export::ExportInfo;
use crate::scenario::ScenarioFile;

/// The area's name as exports write it: "England", "Lancashire and South Cumbria".
pub(super) fn area_name(base: &Baseline) -> String {
    let name = base.name.strip_prefix("NHS ").unwrap_or(&base.name);
    name.strip_suffix(" Integrated Care Board")
        .unwrap_or(name)
        .to_string()
}

/// What an export of `echo`'s scenario for `area` shows; `runs`: the Monte Carlo's runs and
/// seed, `None` for deterministic runs; `month`: the month reported, if one is.
pub(super) fn info(
    area: &str,
    echo: &ScenarioFile,
    runs: Option<(usize, u64)>,
    month: Option<u32>,
) -> ExportInfo {
    let mut info = ExportInfo::of(
        &echo.scenario,
        area,
        echo.name.as_deref(),
        &super::run::export_date(),
    );
    info.runs = runs;
    info.month = month;
    info
}

/// The CSV comment lines (`# area: ...`) for `info`.
pub(super) fn csv_header(info: &ExportInfo) -> String {
    info.csv_comments()
}
