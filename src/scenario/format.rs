//! The scenario file: its JSON shape (see the module above), written by [`to_json`] and read
//! strictly by [`parse_scenario`] or leniently by [`parse_scenario_lenient`]. Values are
//! checked by `checks.rs`; problems are worded in `messages.rs`.

use super::checks::{check_value, check_years, nearest, resolve_ics, set_value, Keys};
use super::export::ExportInfo;
use super::messages::{Problem, Problems, Section};
use super::phasing;
use crate::model::{Assumption, Lever, ParamSpec, Scenario, MODEL_VERSION};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::Value;

/// The value of the `format` key.
pub const FORMAT: &str = "ics-whatif-scenario";
/// The newest version of the file format (and of links, as `v`) this build reads and writes:
/// version 2 adds phasing (issue 14.2). A scenario with no lever phased is written as
/// version 1, which every earlier build reads to the same numbers ([`version_for`]).
pub const FORMAT_VERSION: u32 = 2;
/// The oldest version this build reads.
pub const OLDEST_FORMAT_VERSION: u32 = 1;
/// The top-level keys a scenario file may hold.
pub const KEYS: [&str; 9] = [
    "format",
    "version",
    "model_version",
    "name",
    "ics",
    "years",
    "levers",
    "assumptions",
    "phasing",
];
/// Top-level keys a file may hold that are written only when set: the chosen month, after
/// `years` (issue 14.5); what an export shows, after `name` (issue 14.6: `about`, written
/// by the app's download and the CLI's JSON, never read: it cannot change the numbers); and
/// the places the place-aimed levers are aimed at (issue 13.2, format version 2); the
/// "What would it take" question, last (issue 14.1, `goal`).
pub const OPTIONAL_KEYS: [&str; 4] = ["month", "about", "places", "goal"];

/// The version a scenario is written as: 1 when every lever takes effect at once (older
/// builds read it), [`FORMAT_VERSION`] when one is phased.
pub fn version_for(s: &Scenario) -> u32 {
    // Version 2 also carries place settings (issue 13.2).
    if s.phasing.is_at_once() && s.places.is_empty() {
        OLDEST_FORMAT_VERSION
    } else {
        FORMAT_VERSION
    }
}

/// A scenario as saved to a file: the scenario itself, an optional name, and the model
/// version that the file was written with.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioFile {
    pub name: Option<String>,
    /// The model version the file was written with ([`MODEL_VERSION`] for new files).
    pub model_version: u32,
    pub scenario: Scenario,
    /// The month the figures were reported at ("month": "2029-03", optional; issue 14.5):
    /// a calendar month, so it keeps its meaning when month 0 moves on with new data.
    pub month: Option<crate::data::rtt::Period>,
    /// The "What would it take" question ("goal", optional; issue 14.1): see `goal.rs`.
    pub goal: Option<super::goal::GoalQuestion>,
}

impl ScenarioFile {
    /// A file for `scenario`, stamped with this build's model version.
    pub fn new(scenario: Scenario) -> ScenarioFile {
        ScenarioFile {
            name: None,
            model_version: MODEL_VERSION,
            scenario,
            month: None,
            goal: None,
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
pub fn parse_scenario(json: &str) -> Result<ScenarioFile, Vec<Problem>> {
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
pub fn parse_scenario_lenient(json: &str) -> (ScenarioFile, Vec<Problem>) {
    let read = read(json);
    (read.file, read.problems)
}

/// [`parse_scenario_lenient`], keeping only the scenario.
pub fn apply_lenient(json: &str) -> (Scenario, Vec<Problem>) {
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

/// The file as pretty JSON with an `about` object after its name saying what it shows
/// (area, scenario, levers with their phasing, assumptions changed, runs, seed, model
/// version, export date: [`ExportInfo::about`]). Read back, it is the same file.
pub fn to_json_about(file: &ScenarioFile, about: &ExportInfo) -> String {
    serde_json::to_string_pretty(&Described {
        file,
        about: Some(about),
    })
    .unwrap_or_default()
}

/// A new file for `s` as pretty JSON.
pub fn scenario_to_json(s: &Scenario) -> String {
    to_json(&ScenarioFile::new(s.clone()))
}

impl Serialize for ScenarioFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Described {
            file: self,
            about: None,
        }
        .serialize(serializer)
    }
}

/// A scenario file, with or without its `about` object (issue 14.6).
pub struct Described<'a> {
    pub file: &'a ScenarioFile,
    pub about: Option<&'a ExportInfo>,
}

impl Serialize for Described<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let file = self.file;
        let s = &file.scenario;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("format", FORMAT)?;
        map.serialize_entry("version", &version_for(s))?;
        map.serialize_entry("model_version", &file.model_version)?;
        if let Some(name) = &file.name {
            map.serialize_entry("name", name)?;
        }
        if let Some(about) = self.about {
            map.serialize_entry("about", &about.about())?; // issue 14.6
        }
        map.serialize_entry("ics", &s.system)?;
        map.serialize_entry("years", &s.years)?;
        if let Some(month) = file.month {
            map.serialize_entry("month", &month.to_string())?; // issue 14.5
        }
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
        // Version 2: when each phased lever's change takes effect, in table order.
        if !s.phasing.is_at_once() {
            // Inserted one by one: a `collect` into a map compiles a copy of the stable sort
            // for each iterator type (README, "Bundle size, ninth session").
            let mut phasing = serde_json::Map::new();
            for &l in Lever::ALL.iter().filter(|&&l| !s.phasing[l].is_at_once()) {
                phasing.insert(l.key().to_string(), phasing::to_json_entry(s.phasing[l]));
            }
            map.serialize_entry("phasing", &phasing)?;
        }
        // Version 2: the places the place-aimed levers are aimed at (issue 13.2).
        if let Some(places) = super::places::to_json(&s.places) {
            map.serialize_entry("places", &places)?;
        }
        // The "What would it take" question (issue 14.1), when there is one.
        if let Some(goal) = &file.goal {
            map.serialize_entry("goal", &super::goal::to_json(goal))?;
        }
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

// ---- Reading ----

struct Read {
    file: ScenarioFile,
    problems: Vec<Problem>,
    /// Set when the file's format version is newer than this build reads.
    newer_version: Option<Problem>,
}

fn read(json: &str) -> Read {
    let mut file = ScenarioFile::default();
    let mut problems = Problems::default();
    let mut newer_version = None;
    let value: Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            problems.push(Problem::not_json(&e));
            return Read {
                file,
                problems: problems.finish(),
                newer_version,
            };
        }
    };
    let Value::Object(obj) = value else {
        problems.push(Problem::not_an_object(&value));
        return Read {
            file,
            problems: problems.finish(),
            newer_version,
        };
    };
    let get = |k: &str| obj.get(k).filter(|v| !v.is_null());

    match get("format") {
        None => problems.push(Problem::missing_format()),
        Some(Value::String(f)) if f == FORMAT => {}
        Some(other) => problems.push(Problem::wrong_format(other)),
    }

    match get("version") {
        None => problems.push(Problem::missing_version()),
        Some(v) => match whole(v) {
            Some(n) if (OLDEST_FORMAT_VERSION as f64..=FORMAT_VERSION as f64).contains(&n) => {}
            Some(n) if n > FORMAT_VERSION as f64 => {
                let newer = Problem::newer_version(n);
                problems.push(newer.clone());
                newer_version = Some(newer);
            }
            _ => problems.push(Problem::wrong_version(v)),
        },
    }

    if let Some(v) = get("model_version") {
        match whole(v) {
            Some(n) if n >= 0.0 && n <= u32::MAX as f64 => file.model_version = n as u32,
            _ => problems.push(Problem::bad_model_version(v)),
        }
    }

    if let Some(v) = get("name") {
        match v {
            Value::String(name) => file.name = Some(name.clone()),
            other => problems.push(Problem::name_not_text(other)),
        }
    }

    if let Some(v) = get("ics") {
        match v {
            Value::String(code) => match resolve_ics(code) {
                Ok(code) => file.scenario.system = code,
                Err(e) => problems.push(e),
            },
            other => problems.push(Problem::ics_not_text(other)),
        }
    }

    if let Some(v) = get("years") {
        match v.as_f64() {
            Some(n) => match check_years(n) {
                Ok(y) => file.scenario.years = y,
                Err(e) => problems.push(e),
            },
            None => problems.push(Problem::years_not_a_number_json(v)),
        }
    }

    // The chosen month (issue 14.5): optional; a file without it reads as before.
    if let Some(v) = get("month") {
        match v {
            Value::String(text) => match crate::data::rtt::Period::parse(text) {
                Ok(p) => file.month = Some(p),
                Err(e) => problems.push(Problem::from(format!("month: {e}"))),
            },
            other => problems.push(Problem::from(format!(
                "month must be text of the form YYYY-MM, such as \"2029-03\", got {other}"
            ))),
        }
    }

    read_values(
        get("levers"),
        Section::Levers,
        &mut file.scenario,
        &mut problems,
    );
    read_values(
        get("assumptions"),
        Section::Assumptions,
        &mut file.scenario,
        &mut problems,
    );

    read_phasing(get("phasing"), &mut file.scenario, &mut problems);

    // Places (issue 13.2): read, then checked against the file's ICB.
    if let Some(section) = get("places") {
        for p in super::places::read_json(section, &mut file.scenario) {
            problems.push(p);
        }
    }
    for p in super::places::check_places(&mut file.scenario) {
        problems.push(p);
    }
    // The "What would it take" question (issue 14.1): optional; what can be read is kept.
    if let Some(section) = get("goal") {
        let (goal, goal_problems) = super::goal::read_json(section);
        file.goal = goal;
        for p in goal_problems {
            problems.push(p);
        }
    }

    for key in obj.keys() {
        if !KEYS.contains(&key.as_str()) && !OPTIONAL_KEYS.contains(&key.as_str()) {
            problems.push(Problem::unknown_key(key, nearest(key, Keys::TopLevel)));
        }
    }
    Read {
        file,
        problems: problems.finish(),
        newer_version,
    }
}

/// Reads the "phasing" section (format version 2) into the scenario, then checks every
/// phasing against the horizon: a bad entry is a problem naming its lever, which then takes
/// effect at once.
fn read_phasing(section: Option<&Value>, s: &mut Scenario, problems: &mut Problems) {
    if let Some(section) = section {
        match section {
            Value::Object(map) => {
                for (key, value) in map {
                    let Some(lever) = Lever::from_key(key) else {
                        problems.push(Problem::unknown_phased_lever(key));
                        continue;
                    };
                    match phasing::from_json_entry(key, value) {
                        Ok(phase) => s.phasing[lever] = phase,
                        Err(e) => problems.push(e),
                    }
                }
            }
            other => problems.push(Problem::phasing_not_an_object(other)),
        }
    }
    for p in phasing::check_phasing(s) {
        problems.push(p);
    }
}

/// A JSON number that is a whole number, as f64.
fn whole(v: &Value) -> Option<f64> {
    v.as_f64().filter(|n| n.is_finite() && n.fract() == 0.0)
}

/// Reads the "levers" or "assumptions" object into the scenario.
fn read_values(section: Option<&Value>, name: Section, s: &mut Scenario, problems: &mut Problems) {
    let is_levers = name == Section::Levers;
    let Some(section) = section else { return };
    let Value::Object(map) = section else {
        problems.push(Problem::section_not_an_object(name, section));
        return;
    };
    for (key, value) in map {
        let spec = if is_levers {
            Lever::from_key(key).map(Lever::spec)
        } else {
            Assumption::from_key(key).map(Assumption::spec)
        };
        let Some(spec) = spec else {
            let other = if is_levers {
                Assumption::from_key(key).is_some()
            } else {
                Lever::from_key(key).is_some()
            };
            if other {
                problems.push(Problem::in_the_other_section(key, name));
            } else {
                let kind = if is_levers {
                    Keys::Levers
                } else {
                    Keys::Assumptions
                };
                problems.push(Problem::unknown_in_section(key, name, nearest(key, kind)));
            }
            continue;
        };
        let checked = match value.as_f64() {
            Some(v) => check_value(spec, v),
            None => Err(Problem::value_not_a_number(spec, value)),
        };
        match checked {
            Ok(v) => set_value(s, spec.key, v).unwrap_or_else(|e| problems.push(e)),
            Err(e) => problems.push(e),
        }
    }
}
