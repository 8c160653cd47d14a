//! The scenario file format: one versioned JSON shape shared by the CLI (`--scenario`), the
//! web app's upload and download, and (through [`to_query`] / [`from_query_lenient`]) links.
//!
//! ```json
//! {
//!   "format": "ics-whatif-scenario",
//!   "version": 1,
//!   "model_version": 2,
//!   "name": "Recruitment drive",
//!   "ics": "QE1",
//!   "years": 10,
//!   "levers": { "recruitment_pct": 5 },
//!   "assumptions": { "demand_growth_pct": 3 }
//! }
//! ```
//!
//! Format version 2 adds `"phasing"`: when a lever's change takes effect, by key:
//! `{"recruitment_pct": {"from": "2026-04", "over_years": 3}}` (a straight line over three
//! years from April 2026; without `over_years`, a step at `from`; without `from`, from the
//! first month). A scenario with no lever phased is written as version 1 (`phasing`).
//! It also adds `"places"`: the places the place-aimed levers are aimed at, by local
//! authority code: `{"prevention": ["E06000009"], "equity": []}` (`places`).
//!
//! Only levers and assumptions that differ from their defaults need appear; missing ones take
//! the defaults of the lever table (`model::LEVERS`, `model::ASSUMPTIONS`). `ics` defaults to
//! England and `years` to 10. `version` is the version of this file format; `model_version`
//! records which model produced the numbers (a different one is not an error: the same
//! scenario may simply give different numbers).
//!
//! Two readers: [`parse_scenario`] is strict (the CLI: any problem refuses the file, and
//! every problem is named in one line) and [`parse_scenario_lenient`] / [`apply_lenient`]
//! apply every valid entry and list the rest (the web app: a file or link with one bad key
//! still opens).
//!
//! - `format`: the file itself: [`ScenarioFile`], writing ([`to_json`]) and reading.
//! - `checks`: the checks the file, link and CLI readers share: a key and its value, a
//!   horizon, a system code ([`set_value`], [`check_years`], [`resolve_ics`], ...).
//! - `messages`: every problem they report, as one [`Problem`] type worded in one place.
//! - `query`: scenarios in links; `storage`: what the app keeps in local storage;
//!   `workshop`: a facilitator's whole workshop (acts, reveal settings, year) as a file;
//!   `export`: the projection as CSV; `naming`: automatic names; `presets`: the presets.

mod checks;
pub mod export;
mod format;
// The "What would it take" question in files and links (issue 14.1).
pub mod goal;
mod messages;
pub mod naming;
pub mod phasing;
// Place settings (issue 13.2).
pub mod places;
pub mod presets;
mod query;
pub mod storage;
// The workshop file (issue 15.3).
pub mod workshop;

pub use checks::{
    check_value, check_years, find_spec, parse_number, parse_years, resolve_ics, set_value,
    set_value_text,
};
pub use format::{
    apply_lenient, parse_scenario, parse_scenario_lenient, scenario_to_json, to_json,
    to_json_about, version_for, ScenarioFile, FORMAT, FORMAT_VERSION, KEYS, OLDEST_FORMAT_VERSION,
};
pub use messages::{Problem, MAX_PROBLEMS};
pub use naming::auto_name;
pub use presets::{find_preset, presets, Preset};
pub use query::{from_query_lenient, to_query};

pub(crate) use messages::{shown, shown_path, Problems};

#[cfg(test)]
mod tests;
