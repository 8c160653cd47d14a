//! What a scenario file, a link or a value can get wrong, in the words the user reads: one
//! [`Problem`] type, each message made by one named constructor here, one line each (user
//! text is quoted short, control characters escaped). The CLI prints them after `error:`;
//! the app shows them as notices.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde_json::Value;

use super::format::{FORMAT, FORMAT_VERSION, KEYS, OLDEST_FORMAT_VERSION};
use crate::data::rtt::Period;
use crate::model::simulate::{MAX_YEARS, MIN_YEARS};
use crate::model::ParamSpec;

/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 20;

/// One problem, as one line for the user. It reads as text (`Deref<Target = str>`, `Display`)
/// and turns into a `String` where a caller's error is one (`?` in the CLI).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem(String);

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Problem {}

impl Deref for Problem {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Problem {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Problem {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Problem {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Problem {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl From<Problem> for String {
    fn from(p: Problem) -> String {
        p.0
    }
}

/// A message worded elsewhere: by the lever table's own range check
/// ([`ParamSpec::check`]), or by the link and storage readers (`query.rs`, `storage.rs`),
/// which word their own.
impl From<String> for Problem {
    fn from(message: String) -> Problem {
        Problem(message)
    }
}

impl Problem {
    // ---- Values of levers and assumptions (checks.rs) ----

    /// A key that is neither a lever nor an assumption, with the nearest known key if any.
    pub(crate) fn unknown_param(key: &str, nearest: Option<&str>) -> Problem {
        Problem(format!(
            "unknown lever or assumption '{}'{}",
            shown(key),
            did_you_mean(nearest)
        ))
    }

    /// A value so large its range message would be long: kept short.
    pub(crate) fn huge_value(spec: &ParamSpec, value: f64) -> Problem {
        Problem(format!(
            "{} = {} is out of range: it must be between {} and {} ({})",
            spec.key,
            short_num(value),
            spec.min,
            spec.max,
            spec.unit
        ))
    }

    /// Text given for a value that is not a number.
    pub(crate) fn not_a_number(key: &str, text: &str) -> Problem {
        Problem(format!(
            "{} = '{}' is not a number",
            shown(key),
            shown(text)
        ))
    }

    /// A horizon that is not a whole number from 1 to 20.
    pub(crate) fn years_out_of_range(value: f64) -> Problem {
        Problem(format!(
            "years must be a whole number from {MIN_YEARS} to {MAX_YEARS}, got {}",
            short_num(value)
        ))
    }

    /// A horizon given as text that is not a number.
    pub(crate) fn years_not_a_number(text: &str) -> Problem {
        Problem(format!(
            "years must be a whole number from {MIN_YEARS} to {MAX_YEARS}, got '{}'",
            shown(text)
        ))
    }

    /// A system code that is neither England nor an ICB.
    pub(crate) fn unknown_ics(code: &str) -> Problem {
        Problem(format!(
            "unknown ICS '{}': use 'england' or an ICB code such as QE1 (see `ics-whatif systems`)",
            shown(code)
        ))
    }

    // ---- Scenario files (format.rs) ----

    /// Text that is not JSON.
    pub(crate) fn not_json(error: &serde_json::Error) -> Problem {
        Problem(format!("scenario file is not valid JSON: {error}"))
    }

    /// JSON that is not an object.
    pub(crate) fn not_an_object(value: &Value) -> Problem {
        Problem(format!(
            "scenario file must be a JSON object like {{\"format\": \"{FORMAT}\", \"version\": {FORMAT_VERSION}, ...}}, got {}",
            describe(value)
        ))
    }

    /// No `format` key.
    pub(crate) fn missing_format() -> Problem {
        Problem(format!(
            "missing \"format\": \"{FORMAT}\" (is this an ics-whatif scenario file?)"
        ))
    }

    /// A `format` other than ours.
    pub(crate) fn wrong_format(value: &Value) -> Problem {
        Problem(format!(
            "format must be \"{FORMAT}\", got {}",
            describe(value)
        ))
    }

    /// No `version` key.
    pub(crate) fn missing_version() -> Problem {
        Problem(format!(
            "missing \"version\": {OLDEST_FORMAT_VERSION} (or {FORMAT_VERSION} with phasing)"
        ))
    }

    /// A file of a newer format version than this build reads.
    pub(crate) fn newer_version(version: f64) -> Problem {
        Problem(format!(
            "scenario file is format version {version}, but this build of ics-whatif reads versions {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION} only: use a newer ics-whatif"
        ))
    }

    /// A `version` that is not one this build reads (and not a newer one).
    pub(crate) fn wrong_version(value: &Value) -> Problem {
        Problem(format!(
            "version must be {OLDEST_FORMAT_VERSION} or {FORMAT_VERSION} (the format versions this build reads), got {}",
            describe(value)
        ))
    }

    /// A `model_version` that is not a whole number.
    pub(crate) fn bad_model_version(value: &Value) -> Problem {
        Problem(format!(
            "model_version must be a whole number, got {}",
            describe(value)
        ))
    }

    /// A `name` that is not text.
    pub(crate) fn name_not_text(value: &Value) -> Problem {
        Problem(format!("name must be text, got {}", describe(value)))
    }

    /// An `ics` that is not text.
    pub(crate) fn ics_not_text(value: &Value) -> Problem {
        Problem(format!(
            "ics must be text such as \"QE1\" or \"england\", got {}",
            describe(value)
        ))
    }

    /// A `years` that is not a number.
    pub(crate) fn years_not_a_number_json(value: &Value) -> Problem {
        Problem(format!(
            "years must be a whole number from {MIN_YEARS} to {MAX_YEARS}, got {}",
            describe(value)
        ))
    }

    /// A `levers` or `assumptions` section that is not an object.
    pub(crate) fn section_not_an_object(section: Section, value: &Value) -> Problem {
        let example = match section {
            Section::Levers => "{\"recruitment_pct\": 5}",
            Section::Assumptions => "{\"demand_growth_pct\": 3}",
        };
        Problem(format!(
            "\"{}\" must be an object like {example}, got {}",
            section.name(),
            describe(value)
        ))
    }

    /// A lever under "assumptions", or an assumption under "levers".
    pub(crate) fn in_the_other_section(key: &str, section: Section) -> Problem {
        let (other_name, right) = match section {
            Section::Levers => ("an assumption", "assumptions"),
            Section::Assumptions => ("a lever", "levers"),
        };
        Problem(format!(
            "'{key}' is {other_name}: put it under \"{right}\", not \"{}\"",
            section.name()
        ))
    }

    /// A key in "levers" or "assumptions" that is neither, with the nearest known key if any.
    pub(crate) fn unknown_in_section(
        key: &str,
        section: Section,
        nearest: Option<&str>,
    ) -> Problem {
        let singular = match section {
            Section::Levers => "lever",
            Section::Assumptions => "assumption",
        };
        Problem(format!(
            "unknown {singular} '{}'{} (see `ics-whatif levers`)",
            shown(key),
            did_you_mean(nearest)
        ))
    }

    /// A lever's or assumption's value that is not a JSON number.
    pub(crate) fn value_not_a_number(spec: &ParamSpec, value: &Value) -> Problem {
        Problem(format!(
            "{} must be a number, got {}",
            spec.key,
            describe(value)
        ))
    }

    /// A top-level key a scenario file does not have, with the nearest known key if any.
    pub(crate) fn unknown_key(key: &str, nearest: Option<&str>) -> Problem {
        Problem(format!(
            "unknown key '{}' in scenario file{} (allowed: {})",
            shown(key),
            did_you_mean(nearest),
            KEYS.join(", ")
        ))
    }

    // ---- Phasing (issue 14.2; phasing.rs) ----

    /// A phasing that is not a month and ramp.
    pub(crate) fn bad_phasing(key: &str, text: &str) -> Problem {
        Problem(format!(
            "{} phasing '{}' is not a month and ramp: write the month the change starts as YYYY-MM (2027-04), and for a straight line over some years add +Ny (2026-04+3y)",
            shown(key),
            shown(text)
        ))
    }

    /// A phasing that starts before the projection does.
    pub(crate) fn phasing_before_start(key: &str, month: Period, start: Period) -> Problem {
        Problem(format!(
            "{} phasing starts in {}, before the projection starts ({}): choose {} or later",
            shown(key),
            month.name(),
            start.name(),
            start.name()
        ))
    }

    /// A phasing that starts after the horizon's last month.
    pub(crate) fn phasing_after_horizon(key: &str, month: Period, end: Period) -> Problem {
        Problem(format!(
            "{} phasing starts in {}, after the horizon ends ({}): choose an earlier month or lengthen the horizon",
            shown(key),
            month.name(),
            end.name()
        ))
    }

    /// A ramp that is not a whole number of months from 0 to the longest horizon.
    pub(crate) fn bad_ramp(key: &str, text: &str) -> Problem {
        Problem(format!(
            "{} phasing ramp '{}' must be a number of years from 0 to {MAX_YEARS} that makes whole months, such as +3y, +1.5y or +18m",
            shown(key),
            shown(text)
        ))
    }

    /// A phasing given for an assumption.
    pub(crate) fn assumption_phased(key: &str) -> Problem {
        Problem(format!(
            "{} is an assumption: only levers can be phased (drop the @ and what follows)",
            shown(key)
        ))
    }

    /// A "phasing" section that is not an object.
    pub(crate) fn phasing_not_an_object(value: &Value) -> Problem {
        Problem(format!(
            "\"phasing\" must be an object like {{\"recruitment_pct\": {{\"from\": \"2026-04\", \"over_years\": 3}}}}, got {}",
            describe(value)
        ))
    }

    /// A key in "phasing" that is not a lever.
    pub(crate) fn unknown_phased_lever(key: &str) -> Problem {
        Problem(format!(
            "unknown lever '{}' in \"phasing\" (see `ics-whatif levers`; assumptions cannot be phased)",
            shown(key)
        ))
    }

    /// A lever's phasing entry that is not an object.
    pub(crate) fn phasing_entry_not_an_object(key: &str, value: &Value) -> Problem {
        Problem(format!(
            "{} phasing must be an object like {{\"from\": \"2026-04\", \"over_years\": 3}}, got {}",
            shown(key),
            describe(value)
        ))
    }

    /// A phasing's "from" that is not text.
    pub(crate) fn phasing_from_not_text(key: &str, value: &Value) -> Problem {
        Problem(format!(
            "{} phasing \"from\" must be a month as text, such as \"2027-04\", got {}",
            shown(key),
            describe(value)
        ))
    }

    /// A field of a phasing entry other than "from" and "over_years".
    pub(crate) fn unknown_phasing_field(key: &str, field: &str) -> Problem {
        Problem(format!(
            "{} phasing has an unknown field '{}' (allowed: from, over_years)",
            shown(key),
            shown(field)
        ))
    }

    /// The last line when more than [`MAX_PROBLEMS`] were found.
    fn more_problems(extra: usize) -> Problem {
        Problem(format!("... and {extra} more problems"))
    }
}

/// The two sections of a scenario file that hold values by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Section {
    Levers,
    Assumptions,
}

impl Section {
    /// The section's key in the file.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Section::Levers => "levers",
            Section::Assumptions => "assumptions",
        }
    }
}

/// ": did you mean 'x'?" for a nearest known key, or nothing.
fn did_you_mean(nearest: Option<&str>) -> String {
    nearest
        .map(|c| format!(": did you mean '{c}'?"))
        .unwrap_or_default()
}

/// Problems found while reading, capped at [`MAX_PROBLEMS`].
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<Problem>,
    extra: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, p: impl Into<Problem>) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p.into());
        } else {
            self.extra += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<Problem> {
        if self.extra > 0 {
            self.list.push(Problem::more_problems(self.extra));
        }
        self.list
    }
}

/// A number in a message, in scientific notation when very large or small.
pub(crate) fn short_num(v: f64) -> String {
    if v != 0.0 && (v.abs() >= 1e9 || v.abs() < 1e-6) && v.is_finite() {
        format!("{v:e}")
    } else {
        format!("{v}")
    }
}

/// Quotes user text in a message: at most 40 characters, control characters escaped, so a
/// message stays on one line.
pub(crate) fn shown(text: &str) -> String {
    shown_n(text, 40)
}

/// [`shown`] for file names, which are longer: up to 240 characters.
pub(crate) fn shown_path(text: &str) -> String {
    shown_n(text, 240)
}

fn shown_n(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in text.chars().take(max) {
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    if text.chars().count() > max {
        out.push('…');
    }
    out
}

/// A JSON value in a message: compact and short.
fn describe(v: &Value) -> String {
    let text = v.to_string();
    shown(&text)
}
