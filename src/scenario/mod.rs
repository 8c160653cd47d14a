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

pub mod export;
pub mod naming;
pub mod presets;
mod query;
pub mod storage;

pub use naming::auto_name;
pub use presets::{find_preset, presets, Preset};
pub use query::{from_query_lenient, to_query};

use crate::model::simulate::{MAX_YEARS, MIN_YEARS};
use crate::model::{Assumption, Lever, ParamSpec, Scenario, MODEL_VERSION};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// The value of the `format` key.
pub const FORMAT: &str = "ics-whatif-scenario";
/// The version of the file format (and of links, as `v`) this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The top-level keys a scenario file may hold.
pub const KEYS: [&str; 8] = [
    "format",
    "version",
    "model_version",
    "name",
    "ics",
    "years",
    "levers",
    "assumptions",
];
/// At most this many problems are listed; the rest are counted.
pub const MAX_PROBLEMS: usize = 20;

/// A scenario as saved to a file: the scenario itself, an optional name, and the model
/// version that the file was written with.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioFile {
    pub name: Option<String>,
    /// The model version the file was written with ([`MODEL_VERSION`] for new files).
    pub model_version: u32,
    pub scenario: Scenario,
}

impl ScenarioFile {
    /// A file for `scenario`, stamped with this build's model version.
    pub fn new(scenario: Scenario) -> ScenarioFile {
        ScenarioFile {
            name: None,
            model_version: MODEL_VERSION,
            scenario,
        }
    }

    pub fn with_name(mut self, name: impl Into<String>) -> ScenarioFile {
        self.name = Some(name.into());
        self
    }

    /// A one-line note when the file was written by a different model version (its numbers
    /// may differ from this build's), or `None`.
    pub fn model_version_note(&self) -> Option<String> {
        (self.model_version != MODEL_VERSION).then(|| {
            format!(
                "scenario was saved with model version {}; this build runs model version {MODEL_VERSION}, so results may differ",
                self.model_version
            )
        })
    }

    /// The file as pretty JSON; see [`to_json`].
    pub fn to_json(&self) -> String {
        to_json(self)
    }
}

impl Default for ScenarioFile {
    fn default() -> Self {
        ScenarioFile::new(Scenario::default())
    }
}

impl From<Scenario> for ScenarioFile {
    fn from(s: Scenario) -> Self {
        ScenarioFile::new(s)
    }
}

impl From<ScenarioFile> for Scenario {
    fn from(f: ScenarioFile) -> Self {
        f.scenario
    }
}

/// Reads a scenario file strictly: `Err` lists every problem, each in one line (at most
/// [`MAX_PROBLEMS`], then a count). A file of a newer format version gives that one problem
/// only, since anything else it reports could be a feature of the newer version.
pub fn parse_scenario(json: &str) -> Result<ScenarioFile, Vec<String>> {
    let read = read(json);
    if let Some(newer) = read.newer_version {
        return Err(vec![newer]);
    }
    if read.problems.is_empty() {
        Ok(read.file)
    } else {
        Err(read.problems)
    }
}

/// Reads a scenario file leniently: every valid entry is applied to the defaults and every
/// problem is listed (malformed JSON gives the default scenario and one problem). Never fails.
pub fn parse_scenario_lenient(json: &str) -> (ScenarioFile, Vec<String>) {
    let read = read(json);
    (read.file, read.problems)
}

/// [`parse_scenario_lenient`], keeping only the scenario.
pub fn apply_lenient(json: &str) -> (Scenario, Vec<String>) {
    let (file, problems) = parse_scenario_lenient(json);
    (file.scenario, problems)
}

/// The file as pretty JSON: format, version, model version, name (if any), ics, years, and
/// only the levers and assumptions that differ from their defaults (in table order; whole
/// numbers without a decimal point).
pub fn to_json(file: &ScenarioFile) -> String {
    // Serializing strings and numbers into a string cannot fail.
    serde_json::to_string_pretty(file).unwrap_or_default()
}

/// A new file for `s` as pretty JSON.
pub fn scenario_to_json(s: &Scenario) -> String {
    to_json(&ScenarioFile::new(s.clone()))
}

impl Serialize for ScenarioFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let s = &self.scenario;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("version", &FORMAT_VERSION)?;
        map.serialize_entry("model_version", &self.model_version)?;
        if let Some(name) = &self.name {
            map.serialize_entry("name", name)?;
        }
        map.serialize_entry("ics", &s.system)?;
        map.serialize_entry("years", &s.years)?;
        let levers: Vec<(&str, f64)> = Lever::ALL
            .iter()
            .filter(|&&l| differs(s.levers[l], l.spec()))
            .map(|&l| (l.key(), s.levers[l]))
            .collect();
        let assumptions: Vec<(&str, f64)> = Assumption::ALL
            .iter()
            .filter(|&&a| differs(s.assumptions[a], a.spec()))
            .map(|&a| (a.key(), s.assumptions[a]))
            .collect();
        map.serialize_entry("levers", &Values(&levers))?;
        map.serialize_entry("assumptions", &Values(&assumptions))?;
        map.end()
    }
}

/// Whether a value is worth writing (NaN, which no check lets in, counts as differing).
fn differs(value: f64, spec: &ParamSpec) -> bool {
    value != spec.default
}

/// Key-value pairs serialized as a JSON object in the given order.
struct Values<'a>(&'a [(&'a str, f64)]);

impl Serialize for Values<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0 {
            map.serialize_entry(k, &Num(*v))?;
        }
        map.end()
    }
}

/// A number written as an integer when it is one (`5`, not `5.0`).
struct Num(f64);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let v = self.0;
        if v.is_finite() && v.fract() == 0.0 && v.abs() < 9.0e15 {
            serializer.serialize_i64(v as i64)
        } else {
            serializer.serialize_f64(v)
        }
    }
}

// ---- Shared checks, also used by the CLI and the link codec ----

/// Sets one lever or assumption by key, checking its range. Errors name the problem in one
/// line (an unknown key suggests the nearest known one).
pub fn set_value(s: &mut Scenario, key: &str, value: f64) -> Result<(), String> {
    if let Some(l) = Lever::from_key(key) {
        s.levers[l] = check_value(l.spec(), value)?;
    } else if let Some(a) = Assumption::from_key(key) {
        s.assumptions[a] = check_value(a.spec(), value)?;
    } else {
        find_spec(key)?;
    }
    Ok(())
}

/// [`ParamSpec::check`], with huge numbers kept short in the message.
pub fn check_value(spec: &ParamSpec, value: f64) -> Result<f64, String> {
    if value.is_finite() && value.abs() >= 1e9 {
        return Err(format!(
            "{} = {} is out of range: it must be between {} and {} ({})",
            spec.key,
            short_num(value),
            spec.min,
            spec.max,
            spec.unit
        ));
    }
    spec.check(value)
}

/// Parses `text` as the value of lever or assumption `key` and sets it (see [`set_value`]).
pub fn set_value_text(s: &mut Scenario, key: &str, text: &str) -> Result<(), String> {
    find_spec(key)?;
    set_value(s, key, parse_number(key, text)?)
}

/// The spec of a lever or assumption by key, or a one-line message naming the unknown key.
pub fn find_spec(key: &str) -> Result<&'static ParamSpec, String> {
    Lever::from_key(key)
        .map(Lever::spec)
        .or_else(|| Assumption::from_key(key).map(Assumption::spec))
        .ok_or_else(|| {
            format!(
                "unknown lever or assumption '{}'{}",
                shown(key),
                suggestion(key, AnyParam)
            )
        })
}

/// A decimal number, or a one-line message naming `key` and the text.
pub fn parse_number(key: &str, text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(format!(
            "{} = '{}' is not a number",
            shown(key),
            shown(text)
        )),
    }
}

/// Checks a horizon in years: a whole number from 1 to 20.
pub fn check_years(value: f64) -> Result<u32, String> {
    if value.is_finite()
        && value.fract() == 0.0
        && (MIN_YEARS as f64..=MAX_YEARS as f64).contains(&value)
    {
        Ok(value as u32)
    } else {
        Err(format!(
            "years must be a whole number from {MIN_YEARS} to {MAX_YEARS}, got {}",
            short_num(value)
        ))
    }
}

/// Parses and checks a horizon given as text.
pub fn parse_years(text: &str) -> Result<u32, String> {
    match text.trim().parse::<f64>() {
        Ok(v) => check_years(v),
        Err(_) => Err(format!(
            "years must be a whole number from {MIN_YEARS} to {MAX_YEARS}, got '{}'",
            shown(text)
        )),
    }
}

/// The canonical code of a system ("qe1" -> "QE1"), or the data module's message.
pub fn resolve_ics(code: &str) -> Result<String, String> {
    crate::data::find(code)
        .map(|s| s.code.clone())
        .map_err(|_| {
            format!(
            "unknown ICS '{}': use 'england' or an ICB code such as QE1 (see `ics-whatif systems`)",
            shown(code)
        )
        })
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

#[derive(Clone, Copy)]
enum Kind {
    LeverKey,
    AssumptionKey,
    AnyParam,
    TopLevel,
}
use Kind::*;

/// ", did you mean 'x'?" for the nearest known key within a small edit distance.
fn suggestion(key: &str, kind: Kind) -> String {
    let levers = Lever::ALL.iter().map(|l| l.key());
    let assumptions = Assumption::ALL.iter().map(|a| a.key());
    let candidates: Vec<&str> = match kind {
        LeverKey => levers.collect(),
        AssumptionKey => assumptions.collect(),
        AnyParam => levers.chain(assumptions).collect(),
        TopLevel => KEYS.to_vec(),
    };
    if key.len() > 64 {
        return String::new();
    }
    let key = key.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&key, c), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| format!(": did you mean '{c}'?"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

/// Problems found while reading, capped at [`MAX_PROBLEMS`].
#[derive(Default)]
pub(crate) struct Problems {
    list: Vec<String>,
    extra: usize,
}

impl Problems {
    pub(crate) fn push(&mut self, p: String) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(p);
        } else {
            self.extra += 1;
        }
    }

    pub(crate) fn finish(mut self) -> Vec<String> {
        if self.extra > 0 {
            self.list
                .push(format!("... and {} more problems", self.extra));
        }
        self.list
    }
}

// ---- Reading ----

struct Read {
    file: ScenarioFile,
    problems: Vec<String>,
    /// Set when the file's format version is newer than this build reads.
    newer_version: Option<String>,
}

/// A JSON value in a message: compact and short.
fn describe(v: &Value) -> String {
    let text = v.to_string();
    shown(&text)
}

fn read(json: &str) -> Read {
    let mut file = ScenarioFile::default();
    let mut problems = Problems::default();
    let mut newer_version = None;
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("scenario file is not valid JSON: {e}"));
            return Read {
                file,
                problems: problems.finish(),
                newer_version,
            };
        }
    };
    let Value::Object(obj) = value else {
        problems.push(format!(
            "scenario file must be a JSON object like {{\"format\": \"{FORMAT}\", \"version\": {FORMAT_VERSION}, ...}}, got {}",
            describe(&value)
        ));
        return Read {
            file,
            problems: problems.finish(),
            newer_version,
        };
    };
    let get = |k: &str| obj.get(k).filter(|v| !v.is_null());

    match get("format") {
        None => problems.push(format!(
            "missing \"format\": \"{FORMAT}\" (is this an ics-whatif scenario file?)"
        )),
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => problems.push(format!(
            "format must be \"{FORMAT}\", got {}",
            describe(other)
        )),
    }

    match get("version") {
        None => problems.push(format!("missing \"version\": {FORMAT_VERSION}")),
        Some(v) => match whole(v) {
            Some(n) if n == FORMAT_VERSION as f64 => {}
            Some(n) if n > FORMAT_VERSION as f64 => {
                let msg = format!(
                    "scenario file is format version {n}, but this build of ics-whatif reads version {FORMAT_VERSION} only: use a newer ics-whatif"
                );
                problems.push(msg.clone());
                newer_version = Some(msg);
            }
            _ => problems.push(format!(
                "version must be {FORMAT_VERSION} (the only format version this build reads), got {}",
                describe(v)
            )),
        },
    }

    if let Some(v) = get("model_version") {
        match whole(v) {
            Some(n) if n >= 0.0 && n <= u32::MAX as f64 => file.model_version = n as u32,
            _ => problems.push(format!(
                "model_version must be a whole number, got {}",
                describe(v)
            )),
        }
    }

    if let Some(v) = get("name") {
        match v {
            Value::String(name) => file.name = Some(name.clone()),
            other => problems.push(format!("name must be text, got {}", describe(other))),
        }
    }

    if let Some(v) = get("ics") {
        match v {
            Value::String(code) => match resolve_ics(code) {
                Ok(code) => file.scenario.system = code,
                Err(e) => problems.push(e),
            },
            other => problems.push(format!(
                "ics must be text such as \"QE1\" or \"england\", got {}",
                describe(other)
            )),
        }
    }

    if let Some(v) = get("years") {
        match v.as_f64() {
            Some(n) => match check_years(n) {
                Ok(y) => file.scenario.years = y,
                Err(e) => problems.push(e),
            },
            None => problems.push(format!(
                "years must be a whole number from {MIN_YEARS} to {MAX_YEARS}, got {}",
                describe(v)
            )),
        }
    }

    read_values(get("levers"), "levers", &mut file.scenario, &mut problems);
    read_values(
        get("assumptions"),
        "assumptions",
        &mut file.scenario,
        &mut problems,
    );

    for key in obj.keys() {
        if !KEYS.contains(&key.as_str()) {
            problems.push(format!(
                "unknown key '{}' in scenario file{} (allowed: {})",
                shown(key),
                suggestion(key, TopLevel),
                KEYS.join(", ")
            ));
        }
    }
    Read {
        file,
        problems: problems.finish(),
        newer_version,
    }
}

/// A JSON number that is a whole number, as f64.
fn whole(v: &Value) -> Option<f64> {
    v.as_f64().filter(|n| n.is_finite() && n.fract() == 0.0)
}

/// Reads the "levers" or "assumptions" object into the scenario.
fn read_values(section: Option<&Value>, name: &str, s: &mut Scenario, problems: &mut Problems) {
    let is_levers = name == "levers";
    let Some(section) = section else { return };
    let Value::Object(map) = section else {
        let example = if is_levers {
            "{\"recruitment_pct\": 5}"
        } else {
            "{\"demand_growth_pct\": 3}"
        };
        problems.push(format!(
            "\"{name}\" must be an object like {example}, got {}",
            describe(section)
        ));
        return;
    };
    for (key, value) in map {
        let spec = if is_levers {
            Lever::from_key(key).map(Lever::spec)
        } else {
            Assumption::from_key(key).map(Assumption::spec)
        };
        let Some(spec) = spec else {
            let (other, other_name) = if is_levers {
                (Assumption::from_key(key).is_some(), "an assumption")
            } else {
                (Lever::from_key(key).is_some(), "a lever")
            };
            if other {
                let right = if is_levers { "assumptions" } else { "levers" };
                problems.push(format!(
                    "'{key}' is {other_name}: put it under \"{right}\", not \"{name}\""
                ));
            } else {
                let singular = if is_levers { "lever" } else { "assumption" };
                let kind = if is_levers { LeverKey } else { AssumptionKey };
                problems.push(format!(
                    "unknown {singular} '{}'{} (see `ics-whatif levers`)",
                    shown(key),
                    suggestion(key, kind)
                ));
            }
            continue;
        };
        let checked = match value.as_f64() {
            Some(v) => check_value(spec, v),
            None => Err(format!(
                "{} must be a number, got {}",
                spec.key,
                describe(value)
            )),
        };
        match checked {
            Ok(v) => set_value(s, spec.key, v).unwrap_or_else(|e| problems.push(e)),
            Err(e) => problems.push(e),
        }
    }
}

#[cfg(test)]
mod tests;
