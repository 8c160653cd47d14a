//! What the web app keeps in the browser's local storage: the scenario being worked on and up
//! to [`MAX_PINNED`] pinned, named scenarios to compare against, as one versioned JSON
//! document. Each scenario inside is a whole scenario file (see the module above), so a pin
//! copied out of storage is a file the CLI reads.
//!
//! ```json
//! {
//!   "format": "ics-whatif-saved",
//!   "version": 1,
//!   "working": { "format": "ics-whatif-scenario", "version": 1, "model_version": 2,
//!                "ics": "QE1", "years": 10, "levers": { "recruitment_pct": 5 },
//!                "assumptions": {} },
//!   "pinned": [
//!     { "format": "ics-whatif-scenario", "version": 1, "model_version": 2,
//!       "name": "Social care fixed", "ics": "QE1", "years": 10,
//!       "levers": { "social_care_pct": 39 }, "assumptions": {} }
//!   ]
//! }
//! ```
//!
//! Storage outlives builds and can be edited or truncated by anything, so reading never
//! trusts it: [`decode`] refuses the whole document on any problem (malformed JSON, another
//! format, an unknown version, a bad scenario, an unnamed or fifth pin), with one message the
//! UI can show before setting the text aside; [`decode_lenient`] keeps whatever is sound and
//! lists the rest. Neither panics, whatever the text.

use super::naming::auto_name;
use super::{parse_scenario, parse_scenario_lenient, shown, Problem, Problems, ScenarioFile};
use serde_json::{json, Value};
use std::fmt;

/// The value of the `format` key.
pub const STORAGE_FORMAT: &str = "ics-whatif-saved";
/// The version of this document that this build writes and reads.
pub const STORAGE_VERSION: u32 = 1;
/// The local-storage key the web app keeps the document under.
pub const STORAGE_KEY: &str = "ics-whatif.saved";
/// The most scenarios that can be pinned at once.
pub const MAX_PINNED: usize = 4;
/// The top-level keys the document may hold.
pub const STORAGE_KEYS: [&str; 4] = ["format", "version", "working", "pinned"];

/// Why saved scenarios could not be used: each reads, through `Display`, as the one line the
/// app shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageError {
    /// A pin beyond [`MAX_PINNED`] ([`Saved::pin`]).
    TooManyPins,
    /// The stored document was refused ([`decode`]): every problem found, in order.
    Unreadable(Vec<Problem>),
}

impl fmt::Display for StorageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StorageError::TooManyPins => write!(
                f,
                "at most {MAX_PINNED} scenarios can be pinned: unpin one first"
            ),
            StorageError::Unreadable(problems) => write!(
                f,
                "saved scenarios could not be read: {}",
                problems.join("; ")
            ),
        }
    }
}

impl std::error::Error for StorageError {}

/// Why one pinned scenario in storage was set aside (strict: a pin is kept whole or not at
/// all, and named).
#[derive(Clone, Debug, PartialEq, Eq)]
enum PinError {
    /// Not a JSON object: the value, as a message shows it.
    NotAnObject(String),
    /// The scenario file's problems: the first three are said, then a count of the rest.
    Invalid(Vec<Problem>),
    NoName,
    EmptyName,
}

impl fmt::Display for PinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PinError::NotAnObject(v) => write!(f, "expected a scenario object, got {v}"),
            PinError::Invalid(problems) => {
                let more = problems.len().saturating_sub(3);
                let mut said: Vec<String> =
                    problems.iter().take(3).map(|p| p.to_string()).collect();
                if more > 0 {
                    said.push(format!("and {more} more"));
                }
                f.write_str(&said.join(", "))
            }
            PinError::NoName => f.write_str("it has no name"),
            PinError::EmptyName => f.write_str("its name is empty"),
        }
    }
}

/// The working scenario and the pinned ones, oldest pin first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Saved {
    pub working: ScenarioFile,
    /// At most [`MAX_PINNED`], each named ([`Saved::pin`] names an unnamed one).
    pub pinned: Vec<ScenarioFile>,
}

impl Saved {
    /// Pins a scenario, naming it with [`auto_name`] if it has no name. Refuses a fifth pin
    /// with a message the UI can show.
    pub fn pin(&mut self, mut file: ScenarioFile) -> Result<(), StorageError> {
        if self.pinned.len() >= MAX_PINNED {
            return Err(StorageError::TooManyPins);
        }
        if file.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
            file.name = Some(auto_name(&file.scenario));
        }
        self.pinned.push(file);
        Ok(())
    }

    /// Removes and returns the pin at `index`, if there is one.
    pub fn unpin(&mut self, index: usize) -> Option<ScenarioFile> {
        (index < self.pinned.len()).then(|| self.pinned.remove(index))
    }
}

/// The document as compact JSON. Pins are written as they are, except that an unnamed one
/// gets its [`auto_name`] so that the text always decodes; pins beyond [`MAX_PINNED`] (which
/// [`Saved::pin`] never makes) are left out for the same reason.
pub fn encode(saved: &Saved) -> String {
    let pinned: Vec<Value> = saved
        .pinned
        .iter()
        .take(MAX_PINNED)
        .map(|f| {
            let mut f = f.clone();
            if f.name.as_deref().is_none_or(|n| n.trim().is_empty()) {
                f.name = Some(auto_name(&f.scenario));
            }
            to_value(&f)
        })
        .collect();
    json!({
        "format": STORAGE_FORMAT,
        "version": STORAGE_VERSION,
        "working": to_value(&saved.working),
        "pinned": pinned,
    })
    .to_string()
}

fn to_value(file: &ScenarioFile) -> Value {
    // A scenario file serializes to strings and numbers only, which cannot fail.
    serde_json::to_value(file).unwrap_or(Value::Null)
}

/// Reads the document strictly: any problem refuses it, and the error lists every problem
/// found in one line, starting "saved scenarios ...".
pub fn decode(text: &str) -> Result<Saved, StorageError> {
    let read = read(text);
    if read.problems.is_empty() {
        Ok(read.saved)
    } else {
        Err(StorageError::Unreadable(read.problems))
    }
}

/// Reads the document leniently: the working scenario with every valid setting applied (the
/// default if it cannot be read at all), every pinned scenario that reads without a problem
/// (up to [`MAX_PINNED`]), and a one-line message for everything set aside. Never fails.
pub fn decode_lenient(text: &str) -> (Saved, Vec<Problem>) {
    let read = read(text);
    (read.saved, read.problems)
}

struct Read {
    saved: Saved,
    problems: Vec<Problem>,
}

fn read(text: &str) -> Read {
    let mut saved = Saved::default();
    let mut problems = Problems::default();
    let finish = |saved, problems: Problems| Read {
        saved,
        problems: problems.finish(),
    };

    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("not valid JSON ({e})"));
            return finish(saved, problems);
        }
    };
    let Value::Object(obj) = value else {
        problems.push(format!(
            "expected a JSON object with \"format\": \"{STORAGE_FORMAT}\", got {}",
            describe(&value)
        ));
        return finish(saved, problems);
    };

    match obj.get("format") {
        Some(Value::String(f)) if f == STORAGE_FORMAT => {}
        Some(other) => {
            problems.push(format!(
                "format must be \"{STORAGE_FORMAT}\", got {}",
                describe(other)
            ));
            return finish(saved, problems);
        }
        None => {
            problems.push(format!("missing \"format\": \"{STORAGE_FORMAT}\""));
            return finish(saved, problems);
        }
    }
    // A document of another version may mean anything: nothing in it is applied.
    match obj.get("version").and_then(Value::as_f64) {
        Some(v) if v == STORAGE_VERSION as f64 => {}
        Some(v) if v > STORAGE_VERSION as f64 => {
            problems.push(format!(
                "they were written by a newer ICS What-If (storage version {v}); this build reads version {STORAGE_VERSION}"
            ));
            return finish(saved, problems);
        }
        _ => {
            problems.push(format!(
                "version must be {STORAGE_VERSION}, got {}",
                obj.get("version").map_or("nothing".to_string(), describe)
            ));
            return finish(saved, problems);
        }
    }

    for key in obj.keys() {
        if !STORAGE_KEYS.contains(&key.as_str()) {
            problems.push(format!("unknown key '{}'", shown(key)));
        }
    }

    match obj.get("working") {
        Some(v) => {
            let (file, mut issues) = scenario_from(v);
            saved.working = file;
            issues.truncate(3);
            for p in issues {
                problems.push(format!("working scenario: {p}"));
            }
        }
        None => problems.push("missing the working scenario (\"working\")".to_string()),
    }

    match obj.get("pinned") {
        None => problems.push("missing the pinned scenarios (\"pinned\": [])".to_string()),
        Some(Value::Array(pins)) => {
            for (i, v) in pins.iter().enumerate() {
                let label = format!("pinned scenario {}", i + 1);
                if saved.pinned.len() >= MAX_PINNED {
                    problems.push(format!(
                        "{label}: at most {MAX_PINNED} scenarios can be pinned, so it was set aside"
                    ));
                    continue;
                }
                match pinned_from(v) {
                    Ok(file) => saved.pinned.push(file),
                    Err(p) => problems.push(format!("{label} was set aside: {p}")),
                }
            }
        }
        Some(other) => problems.push(format!(
            "\"pinned\" must be a list of scenarios, got {}",
            describe(other)
        )),
    }
    finish(saved, problems)
}

/// The working scenario, leniently: every valid setting applied, every problem listed.
fn scenario_from(v: &Value) -> (ScenarioFile, Vec<Problem>) {
    match v {
        Value::Object(_) => parse_scenario_lenient(&v.to_string()),
        other => (
            ScenarioFile::default(),
            vec![format!("expected a scenario object, got {}", describe(other)).into()],
        ),
    }
}

/// A pinned scenario, strictly: it is kept whole or not at all, and must have a name.
fn pinned_from(v: &Value) -> Result<ScenarioFile, PinError> {
    let Value::Object(map) = v else {
        return Err(PinError::NotAnObject(describe(v)));
    };
    let file = parse_scenario(&v.to_string()).map_err(PinError::Invalid)?;
    match &file.name {
        Some(name) if !name.trim().is_empty() => Ok(file),
        _ if !map.contains_key("name") => Err(PinError::NoName),
        _ => Err(PinError::EmptyName),
    }
}

/// A JSON value in a message: compact, at most 40 characters.
fn describe(v: &Value) -> String {
    shown(&v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lever, Scenario};
    use crate::scenario::presets::presets;

    fn example() -> Saved {
        let mut working = Scenario {
            system: "QE1".into(),
            years: 7,
            ..Scenario::default()
        };
        working.levers[Lever::Recruitment] = 5.0;
        let mut saved = Saved {
            working: ScenarioFile::new(working),
            pinned: Vec::new(),
        };
        for p in &presets()[2..5] {
            saved
                .pin(ScenarioFile::new(p.apply("QE1", 7)).with_name(p.name))
                .unwrap();
        }
        saved
    }

    #[test]
    fn encode_then_decode_gives_back_the_same_document() {
        let saved = example();
        assert_eq!(decode(&encode(&saved)), Ok(saved.clone()));
        assert_eq!(decode_lenient(&encode(&saved)), (saved, vec![]));
        let empty = Saved::default();
        assert_eq!(decode(&encode(&empty)), Ok(empty));
    }

    #[test]
    fn each_scenario_inside_is_a_scenario_file() {
        let v: Value = serde_json::from_str(&encode(&example())).unwrap();
        assert_eq!(v["format"], STORAGE_FORMAT);
        assert_eq!(v["version"], STORAGE_VERSION);
        let pin = v["pinned"][0].to_string();
        let file = parse_scenario(&pin).unwrap();
        assert_eq!(file.name.as_deref(), Some("Prevention first"));
        assert!(parse_scenario(&v["working"].to_string()).is_ok());
    }

    #[test]
    fn pinning_names_unnamed_scenarios_and_stops_at_four() {
        let mut saved = Saved::default();
        let mut s = Scenario::default();
        s.levers[Lever::SocialCare] = 39.0;
        saved.pin(ScenarioFile::new(s)).unwrap();
        assert_eq!(saved.pinned[0].name.as_deref(), Some("Social care +39%"));
        for _ in 1..MAX_PINNED {
            saved.pin(ScenarioFile::default()).unwrap();
        }
        let fifth = saved.pin(ScenarioFile::default()).unwrap_err();
        assert_eq!(fifth, StorageError::TooManyPins);
        assert_eq!(
            fifth.to_string(),
            "at most 4 scenarios can be pinned: unpin one first"
        );
        assert_eq!(
            saved.unpin(0).unwrap().name.as_deref(),
            Some("Social care +39%")
        );
        assert_eq!(saved.pinned.len(), MAX_PINNED - 1);
        assert_eq!(saved.unpin(9), None);
    }

    #[test]
    fn encode_names_an_unnamed_pin_so_the_text_always_decodes() {
        let saved = Saved {
            working: ScenarioFile::default(),
            pinned: vec![ScenarioFile::default()],
        };
        let back = decode(&encode(&saved)).unwrap();
        assert_eq!(back.pinned[0].name.as_deref(), Some("Current plans"));
    }

    fn refused(text: &str) -> String {
        let e = decode(text).expect_err("should be refused").to_string();
        assert!(e.starts_with("saved scenarios could not be read: "), "{e}");
        assert!(!e.contains('\n'), "{e}");
        e
    }

    #[test]
    fn anything_malformed_or_of_another_version_is_refused_with_a_reason() {
        let good: Value = serde_json::from_str(&encode(&example())).unwrap();
        let with = |key: &str, v: Value| {
            let mut doc = good.clone();
            doc[key] = v;
            doc.to_string()
        };
        let cases: Vec<(String, &str)> = vec![
            ("".into(), "not valid JSON"),
            (
                "{\"format\": \"ics-whatif-saved\", ".into(),
                "not valid JSON",
            ),
            ("[]".into(), "expected a JSON object"),
            ("{}".into(), "missing \"format\""),
            (
                with("format", json!("ics-whatif-scenario")),
                "format must be",
            ),
            (
                with("version", json!(2)),
                "newer ICS What-If (storage version 2)",
            ),
            (with("version", json!("1")), "version must be 1"),
            (with("version", json!(0)), "version must be 1"),
            (with("pinned", json!({})), "\"pinned\" must be a list"),
            (with("extra", json!(1)), "unknown key 'extra'"),
            (
                with("working", json!(3)),
                "working scenario: expected a scenario object",
            ),
        ];
        for (text, expected) in cases {
            let e = refused(&text);
            assert!(
                e.contains(expected),
                "{text}\n  gave {e}\n  expected {expected}"
            );
        }
    }

    #[test]
    fn a_partly_invalid_document_is_refused_strictly_and_salvaged_leniently() {
        let mut doc: Value = serde_json::from_str(&encode(&example())).unwrap();
        doc["pinned"][1]["levers"]["social_care_pct"] = json!(999);
        doc["pinned"][2].as_object_mut().unwrap().remove("name");
        doc["pinned"].as_array_mut().unwrap().extend([
            json!("junk"),
            to_value(&ScenarioFile::default().with_name("a")),
        ]);
        doc["working"]["levers"]["nope"] = json!(1);
        let text = doc.to_string();

        let e = refused(&text);
        assert!(
            e.contains("pinned scenario 2 was set aside: social_care_pct = 999 is out of range"),
            "{e}"
        );
        assert!(
            e.contains("pinned scenario 3 was set aside: it has no name"),
            "{e}"
        );
        assert!(
            e.contains("pinned scenario 4 was set aside: expected a scenario object"),
            "{e}"
        );
        assert!(e.contains("working scenario: unknown lever 'nope'"), "{e}");

        let (saved, problems) = decode_lenient(&text);
        assert_eq!(problems.len(), 4, "{problems:?}");
        let names: Vec<_> = saved.pinned.iter().map(|f| f.name.as_deref()).collect();
        assert_eq!(names, [Some("Prevention first"), Some("a")]);
        // The working scenario keeps its valid settings.
        assert_eq!(saved.working, example().working);
    }

    #[test]
    fn more_than_four_pins_are_refused_strictly_and_trimmed_leniently() {
        let mut doc: Value = serde_json::from_str(&encode(&example())).unwrap();
        let pin = to_value(&ScenarioFile::default().with_name("x"));
        doc["pinned"]
            .as_array_mut()
            .unwrap()
            .extend([pin.clone(), pin]);
        let e = refused(&doc.to_string());
        assert!(e.contains("pinned scenario 5: at most 4"), "{e}");
        let (saved, problems) = decode_lenient(&doc.to_string());
        assert_eq!(saved.pinned.len(), MAX_PINNED);
        assert_eq!(problems.len(), 1);
    }

    #[test]
    fn a_document_from_a_newer_version_is_not_applied_even_leniently() {
        let mut doc: Value = serde_json::from_str(&encode(&example())).unwrap();
        doc["version"] = json!(2);
        let (saved, problems) = decode_lenient(&doc.to_string());
        assert_eq!(saved, Saved::default());
        assert_eq!(problems.len(), 1);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn decoding_arbitrary_text_never_panics(text in ".*") {
                let strict = decode(&text);
                let (_, problems) = decode_lenient(&text);
                prop_assert_eq!(strict.is_ok(), problems.is_empty());
            }

            #[test]
            fn decoding_a_damaged_document_never_panics(cut in 0usize..2000, junk in ".{0,8}") {
                let text = encode(&example());
                let cut = text.char_indices().map(|(i, _)| i).nth(cut).unwrap_or(text.len());
                let damaged = format!("{}{junk}{}", &text[..cut], &text[cut..]);
                let _ = decode(&damaged);
                let (saved, problems) = decode_lenient(&damaged);
                prop_assert!(saved.pinned.len() <= MAX_PINNED);
                prop_assert!(problems.iter().all(|p| !p.contains('\n')));
            }

            #[test]
            fn step_aligned_scenarios_round_trip_exactly(
                steps in proptest::collection::vec(0usize..1000, Lever::COUNT),
                pins in 0..=MAX_PINNED,
            ) {
                let mut s = Scenario::default();
                for (&l, k) in Lever::ALL.iter().zip(steps) {
                    let spec = l.spec();
                    let n = ((spec.max - spec.min) / spec.step).round() as usize;
                    s.levers[l] = spec.min + (k % (n + 1)) as f64 * spec.step;
                    s.levers[l] = (s.levers[l] * 1e6).round() / 1e6;
                }
                let mut saved = Saved { working: ScenarioFile::new(s.clone()), pinned: vec![] };
                for i in 0..pins {
                    saved.pin(ScenarioFile::new(s.clone()).with_name(format!("pin {i}"))).unwrap();
                }
                prop_assert_eq!(decode(&encode(&saved)), Ok(saved));
            }
        }
    }
}
