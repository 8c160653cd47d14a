//! The workshop file: a facilitator's whole set-up for a live session, to carry from a laptop
//! to the venue's PC. It holds the pinned scenarios as the workshop's acts (in act order, each
//! a whole scenario file with its name), each act's partner, whether it opens hidden for the
//! room to predict, its headline figure and second chart, the room's prediction, the month the
//! figures are read at (`month`, a calendar month; `year`, years from month 0, also reads),
//! and whether a prediction is open now.
//!
//! ```json
//! {
//!   "format": "ics-whatif-workshop",
//!   "version": 1,
//!   "model_version": 7,
//!   "month": "2029-03",
//!   "hidden": true,
//!   "open_act": 1,
//!   "working": { "format": "ics-whatif-scenario", "version": 1, "ics": "QE1", ... },
//!   "acts": [
//!     { "scenario": { "format": "ics-whatif-scenario", "version": 1, "name": "Social care fixed",
//!                     "ics": "QE1", "years": 10, "levers": { "social_care_pct": 39 } },
//!       "partner": "Social care", "opens_hidden": true,
//!       "headline": "waiting_list", "second_chart": "cumulative_balance_gbp_m",
//!       "prediction": 7100000 }
//!   ]
//! }
//! ```
//!
//! `open_act` counts from 1, as the act bar does. The same document (without `working`, which
//! the autosave keeps) is what the app keeps in local storage under [`WORKSHOP_STORAGE_KEY`],
//! so a reload in the middle of a prediction keeps the secret.
//!
//! Reading is lenient, as links are: [`read_workshop`] opens every act and setting it can and
//! returns one line for each thing it could not. Nothing here panics, whatever the text.

use serde_json::{json, Map, Value};

// A workshop in a link (issue 15.3, fifth session).
pub mod link;
pub use link::{acts_from_link, acts_query, LINK_KEYS};

use super::messages::{shown, Problem, Problems};
use super::storage::MAX_PINNED;
use super::{parse_scenario_lenient, ScenarioFile};
use crate::data::rtt::Period;
use crate::model::projection::Unit;
use crate::model::simulate::MAX_YEARS;
use crate::model::{Metric, MODEL_VERSION};

/// The value of the `format` key.
pub const WORKSHOP_FORMAT: &str = "ics-whatif-workshop";
/// The version of the workshop file this build writes and reads.
pub const WORKSHOP_VERSION: u32 = 1;
/// The local-storage key the app keeps the workshop settings under.
pub const WORKSHOP_STORAGE_KEY: &str = "ics-whatif.workshop";
/// The top-level keys a workshop file may hold.
pub const WORKSHOP_KEYS: [&str; 9] = [
    "format",
    "version",
    "model_version",
    "month",
    "year",
    "hidden",
    "open_act",
    "working",
    "acts",
];
/// The keys one act may hold.
pub const ACT_KEYS: [&str; 6] = [
    "scenario",
    "partner",
    "opens_hidden",
    "headline",
    "second_chart",
    "prediction",
];

/// Who a proposal comes from: the partners of an integrated care system (the partners'
/// proposals panel offers the same list).
pub const PARTNERS: [&str; 5] = [
    "NHS providers",
    "Local government",
    "Public health",
    "Social care",
    "Voluntary and community sector",
];

/// The figures an act can put on the projector: each has a single system-wide line (the
/// charts by deprivation fifth would need five) and a headline figure.
pub const ACT_METRICS: [Metric; 8] = [
    Metric::WaitingList,
    Metric::Within18WeeksPct,
    Metric::Over52Weeks,
    Metric::StaffFte,
    Metric::VacancyRatePct,
    Metric::BalanceGbpM,
    Metric::CumulativeBalanceGbpM,
    Metric::LifeExpectancyGap,
];

/// How one act is shown: set by the facilitator, not part of the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct ActSetup {
    /// Who the act's proposal comes from (one of [`PARTNERS`]), if chosen.
    pub partner: Option<String>,
    /// Opening the act hides its figures until revealed, so the room predicts first.
    pub opens_hidden: bool,
    /// The act's headline figure: the first chart on the projector, and what the room predicts.
    pub headline: Metric,
    /// A second chart beside it, or none.
    pub second_chart: Option<Metric>,
    /// The room's prediction of the headline figure at the chosen year, in the metric's own
    /// unit (patients, %, £m, years).
    pub prediction: Option<f64>,
    /// The room has seen this act's answer: it was revealed while open. Until then an act
    /// that opens hidden keeps its secret everywhere, open or not (room4). Kept by the
    /// browser (`"revealed": true` in local storage), so a reload keeps it revealed (room5);
    /// never in a saved workshop file or link ([`WorkshopFile::without_reveals`]), so
    /// another machine hides it again until the room there has seen it.
    pub revealed: bool,
}

impl Default for ActSetup {
    fn default() -> Self {
        ActSetup {
            partner: None,
            opens_hidden: false,
            headline: Metric::WaitingList,
            second_chart: Some(Metric::CumulativeBalanceGbpM),
            prediction: None,
            revealed: false,
        }
    }
}

/// One act: a pinned scenario (with its name) and how it is shown.
#[derive(Clone, Debug, PartialEq)]
pub struct Act {
    pub file: ScenarioFile,
    pub setup: ActSetup,
}

/// A whole workshop, as a file holds it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WorkshopFile {
    /// The scenario open when the file was saved (`None`: keep the one open).
    pub working: Option<ScenarioFile>,
    /// The acts in order, at most [`MAX_PINNED`].
    pub acts: Vec<Act>,
    /// The calendar month the figures are read at (the page's chosen month), if given.
    pub month: Option<Period>,
    /// The year the figures are read at (1 to the horizon), if given and no month is.
    pub year: Option<u32>,
    /// Whether a prediction was open (the scenario hidden).
    pub hidden: bool,
    /// The act open, counting from 0.
    pub open_act: Option<usize>,
}

impl WorkshopFile {
    /// The workshop to carry to another machine (a saved file, a link): every act that opens
    /// hidden hidden again until revealed there (room5: only the browser keeps "revealed").
    pub fn without_reveals(&self) -> WorkshopFile {
        let mut w = self.clone();
        w.acts.iter_mut().for_each(|a| a.setup.revealed = false);
        w
    }
}

/// The workshop as pretty JSON (see the module's example).
pub fn workshop_to_json(w: &WorkshopFile) -> String {
    let acts: Vec<Value> = w.acts.iter().take(MAX_PINNED).map(act_value).collect();
    let mut doc = Map::new();
    doc.insert("format".into(), json!(WORKSHOP_FORMAT));
    doc.insert("version".into(), json!(WORKSHOP_VERSION));
    doc.insert("model_version".into(), json!(MODEL_VERSION));
    if let Some(month) = w.month {
        doc.insert("month".into(), json!(month.to_string()));
    }
    if let Some(year) = w.year {
        doc.insert("year".into(), json!(year));
    }
    doc.insert("hidden".into(), json!(w.hidden));
    if let Some(i) = w.open_act {
        doc.insert("open_act".into(), json!(i + 1));
    }
    if let Some(working) = &w.working {
        doc.insert("working".into(), file_value(working));
    }
    doc.insert("acts".into(), Value::Array(acts));
    serde_json::to_string_pretty(&Value::Object(doc)).unwrap_or_default()
}

fn file_value(file: &ScenarioFile) -> Value {
    // A scenario file serializes to strings and numbers only, which cannot fail.
    serde_json::to_value(file).unwrap_or(Value::Null)
}

fn act_value(act: &Act) -> Value {
    let s = &act.setup;
    let mut v = Map::new();
    v.insert("scenario".into(), file_value(&act.file));
    if let Some(p) = &s.partner {
        v.insert("partner".into(), json!(p));
    }
    v.insert("opens_hidden".into(), json!(s.opens_hidden));
    v.insert("headline".into(), json!(s.headline.key()));
    v.insert(
        "second_chart".into(),
        s.second_chart.map_or(Value::Null, |m| json!(m.key())),
    );
    if let Some(p) = s.prediction.filter(|p| p.is_finite()) {
        v.insert("prediction".into(), json!(p));
    }
    if s.revealed {
        v.insert("revealed".into(), json!(true)); // room5: the browser's own store only
    }
    Value::Object(v)
}

/// Reads a workshop file leniently: every act and setting that reads is kept, and each thing
/// that does not becomes one line (an act whose scenario has a bad value opens with that value
/// at its default, and says so). Text that is not a workshop file at all gives an empty
/// workshop and the reason. Never fails, never panics.
pub fn read_workshop(text: &str) -> (WorkshopFile, Vec<Problem>) {
    let mut w = WorkshopFile::default();
    let mut problems = Problems::default();
    let value: Value = match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => {
            problems.push(format!("it is not a workshop file: not valid JSON ({e})"));
            return (w, problems.finish());
        }
    };
    let Value::Object(obj) = value else {
        problems.push(format!(
            "it is not a workshop file: expected a JSON object with \"format\": \"{WORKSHOP_FORMAT}\""
        ));
        return (w, problems.finish());
    };
    match obj.get("format").and_then(Value::as_str) {
        Some(WORKSHOP_FORMAT) => {}
        Some("ics-whatif-scenario") => {
            problems.push(
                "it is a scenario file, not a workshop file: open it with \"Open scenario\" in the toolbar"
                    .to_string(),
            );
            return (w, problems.finish());
        }
        _ => {
            problems.push(format!(
                "it is not a workshop file: \"format\" must be \"{WORKSHOP_FORMAT}\""
            ));
            return (w, problems.finish());
        }
    }
    match obj.get("version").and_then(Value::as_f64) {
        Some(v) if v == f64::from(WORKSHOP_VERSION) => {}
        Some(v) if v > f64::from(WORKSHOP_VERSION) => problems.push(format!(
            "it was written by a newer ICS What-If (workshop version {v}); this build reads version {WORKSHOP_VERSION}, so some settings may not apply"
        )),
        _ => problems.push(format!(
            "its version is missing or not {WORKSHOP_VERSION}; what could be read is open"
        )),
    }
    for key in obj.keys() {
        if !WORKSHOP_KEYS.contains(&key.as_str()) {
            problems.push(format!("unknown setting '{}' was ignored", shown(key)));
        }
    }
    if let Some(m) = obj.get("model_version").and_then(Value::as_u64) {
        if m != u64::from(MODEL_VERSION) {
            problems.push(format!(
                "it was saved with model version {m}; this build runs model version {MODEL_VERSION}, so the figures may differ"
            ));
        }
    }

    if let Some(v) = obj.get("working") {
        let (file, issues) = scenario_from(v);
        for p in issues.into_iter().take(3) {
            problems.push(format!("the open scenario: {p}"));
        }
        w.working = file;
    }

    match obj.get("acts") {
        None => problems.push("it has no acts (\"acts\": [...])".to_string()),
        Some(Value::Array(acts)) => {
            for (i, v) in acts.iter().enumerate() {
                if w.acts.len() >= MAX_PINNED {
                    problems.push(format!(
                        "act {}: at most {MAX_PINNED} scenarios can be pinned, so it was set aside",
                        i + 1
                    ));
                    continue;
                }
                if let Some(act) = act_from(i, v, &mut problems) {
                    w.acts.push(act);
                }
            }
        }
        Some(_) => problems.push("\"acts\" must be a list of acts; no act was opened".to_string()),
    }

    let horizon = w
        .working
        .as_ref()
        .map_or(MAX_YEARS, |f| f.scenario.years.max(1));
    match obj.get("month") {
        None => {}
        Some(v) => match v.as_str().map(Period::parse) {
            Some(Ok(p)) => w.month = Some(p),
            _ => problems.push(format!(
                "month = {} is not a month such as \"2029-03\"; the month shown is kept",
                describe(v)
            )),
        },
    }
    match obj.get("year") {
        None => {}
        Some(v) => match v.as_f64() {
            Some(y) if y.fract() == 0.0 && y >= 1.0 && y <= f64::from(horizon) => {
                w.year = Some(y as u32)
            }
            _ => problems.push(format!(
                "year = {} is not a whole number of years from 1 to {horizon}; the year shown is kept",
                describe(v)
            )),
        },
    }
    match obj.get("hidden") {
        None => {}
        Some(Value::Bool(b)) => w.hidden = *b,
        Some(v) => problems.push(format!(
            "hidden = {} is not true or false; the scenario is shown",
            describe(v)
        )),
    }
    match obj.get("open_act") {
        None | Some(Value::Null) => {}
        Some(v) => match v.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= 1.0 && n <= w.acts.len() as f64 => {
                w.open_act = Some(n as usize - 1)
            }
            _ => problems.push(format!(
                "open_act = {} is not the number of an act (1 to {}); no act is open",
                describe(v),
                w.acts.len()
            )),
        },
    }
    (w, problems.finish())
}

/// A scenario object, leniently: its valid settings and its problems; `None` if it is not an
/// object at all.
fn scenario_from(v: &Value) -> (Option<ScenarioFile>, Vec<Problem>) {
    match v {
        Value::Object(_) => {
            let (file, problems) = parse_scenario_lenient(&v.to_string());
            (Some(file), problems)
        }
        _ => (
            None,
            vec![Problem::from(
                "it is not a scenario, so it was set aside".to_string(),
            )],
        ),
    }
}

/// One act, leniently. `None` (with a problem) when it has no scenario to open.
fn act_from(i: usize, v: &Value, problems: &mut Problems) -> Option<Act> {
    let n = i + 1;
    let Value::Object(obj) = v else {
        problems.push(format!("act {n} is not an act, so it was set aside"));
        return None;
    };
    let (file, issues) = match obj.get("scenario") {
        Some(s) => scenario_from(s),
        None => (None, Vec::new()),
    };
    let Some(mut file) = file else {
        problems.push(format!(
            "act {n} has no scenario (\"scenario\": {{...}}), so it was set aside"
        ));
        return None;
    };
    let label = match file.name.as_deref().map(str::trim) {
        Some(name) if !name.is_empty() => format!("act {n} (“{}”)", shown(name)),
        _ => {
            file.name = Some(super::auto_name(&file.scenario));
            format!("act {n}")
        }
    };
    for p in issues.into_iter().take(3) {
        problems.push(format!("{label}: {p}"));
    }
    for key in obj.keys() {
        if !ACT_KEYS.contains(&key.as_str()) && key != "revealed" {
            problems.push(format!(
                "{label}: unknown setting '{}' was ignored",
                shown(key)
            ));
        }
    }
    let mut setup = ActSetup {
        // Room5: the room has seen it (kept by the browser; never carried elsewhere).
        revealed: obj.get("revealed") == Some(&Value::Bool(true)),
        ..ActSetup::default()
    };
    match obj.get("partner") {
        None | Some(Value::Null) => {}
        Some(Value::String(p)) => {
            match PARTNERS.iter().find(|k| k.eq_ignore_ascii_case(p.trim())) {
                Some(known) => setup.partner = Some((*known).to_string()),
                None => problems.push(format!(
                    "{label}: partner “{}” is not one of {}; no partner is shown",
                    shown(p),
                    PARTNERS.join(", ")
                )),
            }
        }
        Some(v) => problems.push(format!(
            "{label}: partner = {} is not a name; no partner is shown",
            describe(v)
        )),
    }
    match obj.get("opens_hidden") {
        None => {}
        Some(Value::Bool(b)) => setup.opens_hidden = *b,
        Some(v) => problems.push(format!(
            "{label}: opens_hidden = {} is not true or false; the act opens shown",
            describe(v)
        )),
    }
    match obj.get("headline") {
        None => {}
        Some(v) => match act_metric(v) {
            Some(m) => setup.headline = m,
            None => problems.push(format!(
                "{label}: headline {} is not a figure the projector shows; it shows {}",
                describe(v),
                setup.headline.label()
            )),
        },
    }
    match obj.get("second_chart") {
        None => {}
        Some(Value::Null) => setup.second_chart = None,
        Some(v) => match act_metric(v) {
            Some(m) => setup.second_chart = Some(m),
            None => problems.push(format!(
                "{label}: second_chart {} is not a chart the projector shows; it shows the default",
                describe(v)
            )),
        },
    }
    if setup.second_chart == Some(setup.headline) {
        setup.second_chart = None;
    }
    match obj.get("prediction") {
        None | Some(Value::Null) => {}
        Some(v) => match v.as_f64().filter(|p| p.is_finite()) {
            Some(p) => setup.prediction = Some(p),
            None => problems.push(format!(
                "{label}: prediction = {} is not a number, so it was left out",
                describe(v)
            )),
        },
    }
    Some(Act { file, setup })
}

/// A JSON value in a message, short: one copy of the code, not one at each message.
#[inline(never)]
fn describe(v: &Value) -> String {
    shown(&v.to_string())
}

fn act_metric(v: &Value) -> Option<Metric> {
    let m = Metric::from_key(v.as_str()?.trim())?;
    ACT_METRICS.contains(&m).then_some(m)
}

/// Reads the room's prediction as the facilitator typed it, in the metric's own unit:
/// "7.1m" or "7,100,000" patients, "58%" or "58", "−250" or "£-250m" (£ millions), "81.5"
/// years. Thousands separators, spaces, "£" and "%" are ignored; "k" and "m" scale a count of
/// people or things; "bn" turns £ billions into £ millions. `Err` says what was wrong.
pub fn parse_prediction(text: &str, unit: Unit) -> Result<f64, String> {
    let cleaned: String = text
        .trim()
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '£' | '%' | '\u{a0}'))
        .collect::<String>()
        // ASCII case, and the one other letter whose lower case is ASCII (the Kelvin sign,
        // "k"): what `to_lowercase` gave for every text that can parse, without bringing
        // Unicode's case tables into the app.
        .to_ascii_lowercase()
        .replace('\u{212a}', "k");
    let count = matches!(unit, Unit::People(_) | Unit::Count(_));
    let money = matches!(unit, Unit::GbpM(_));
    let (number, scale) = if let Some(n) = cleaned.strip_suffix("bn").filter(|_| money) {
        (n, 1000.0)
    } else if let Some(n) = cleaned.strip_suffix('m') {
        (n, if count { 1e6 } else { 1.0 })
    } else if let Some(n) = cleaned.strip_suffix('k').filter(|_| count) {
        (n, 1e3)
    } else {
        (cleaned.as_str(), 1.0)
    };
    let number = number.strip_prefix('+').unwrap_or(number);
    match number.parse::<f64>() {
        Ok(v) if v.is_finite() && !number.is_empty() => {
            let v = v * scale;
            Ok(if v == 0.0 { 0.0 } else { v })
        }
        _ => Err(format!(
            "“{}” is not a number in {}",
            shown(text.trim()),
            unit.text()
        )),
    }
}

/// The unit the prediction box reads, shown beside it (room4): "patients", "% of waiting
/// list", "£m" (a unit's period and prices left to the chart).
pub fn prediction_unit(unit: Unit) -> &'static str {
    let t = unit.text();
    t.split(',').next().unwrap_or(t)
}

/// Reads a prediction as [`parse_prediction`] does, then refuses one no room means (room4):
/// a count, a time or a sum below zero where it cannot be, a share outside 0 to 100%, or a
/// figure more than ten times from `near` (current plans' figure: "240" for a list of 255k
/// is 240 patients, a slip for 240k; none at all, "0", may be meant). Money may be
/// negative; only its size is checked, against ten times current plans' or £10bn.
pub fn read_prediction(text: &str, unit: Unit, near: f64) -> Result<f64, String> {
    let v = parse_prediction(text, unit)?;
    let near = near.abs();
    let typed = shown(text.trim());
    let problem = match unit {
        Unit::Percent(_) if !(0.0..=100.0).contains(&v) => "a share is from 0% to 100%",
        Unit::GbpM(_) if v.abs() > 10.0 * near.max(1000.0) => {
            "that is over ten times current plans' figure"
        }
        Unit::GbpM(_) | Unit::Percent(_) => return Ok(v),
        _ if v < 0.0 => "it cannot be below zero",
        Unit::People(_) | Unit::Count(_)
            if near > 0.0 && (v > 10.0 * near || (v > 0.0 && v < near / 10.0)) =>
        {
            "it is far from current plans' figure. Type thousands as 240k or 240,000; millions as 1.2m"
        }
        _ if near > 0.0 && v > 10.0 * near => "that is over ten times current plans' figure",
        _ => return Ok(v),
    };
    Err(format!("“{typed}” is not likely: {problem}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lever, Scenario};
    use crate::scenario::presets::presets;

    fn example() -> WorkshopFile {
        let mut working = Scenario {
            system: "QE1".into(),
            years: 7,
            ..Scenario::default()
        };
        working.levers[Lever::Recruitment] = 5.0;
        let acts = presets()[2..5]
            .iter()
            .enumerate()
            .map(|(i, p)| Act {
                file: ScenarioFile::new(p.apply("QE1", 7)).with_name(p.name),
                setup: ActSetup {
                    partner: Some(PARTNERS[i].to_string()),
                    opens_hidden: i != 1,
                    headline: ACT_METRICS[i],
                    second_chart: (i != 2).then_some(Metric::LifeExpectancyGap),
                    prediction: (i == 0).then_some(7_100_000.0),
                    revealed: false,
                },
            })
            .collect();
        WorkshopFile {
            working: Some(ScenarioFile::new(working)),
            acts,
            month: Some(Period {
                year: 2029,
                month: 3,
            }),
            year: None,
            hidden: true,
            open_act: Some(2),
        }
    }

    #[test]
    fn a_saved_workshop_reads_back_the_same_acts_settings_and_year() {
        let w = example();
        let text = workshop_to_json(&w);
        assert_eq!(read_workshop(&text), (w, vec![]));
        let empty = WorkshopFile::default();
        assert_eq!(read_workshop(&workshop_to_json(&empty)), (empty, vec![]));
    }

    #[test]
    fn each_act_inside_is_a_scenario_file_the_cli_reads() {
        let v: Value = serde_json::from_str(&workshop_to_json(&example())).unwrap();
        let act = &v["acts"][0];
        let file = crate::scenario::parse_scenario(&act["scenario"].to_string()).unwrap();
        assert_eq!(file.name.as_deref(), Some(presets()[2].name));
        assert_eq!(act["partner"], "NHS providers");
        assert_eq!(v["open_act"], 3, "acts are counted from 1 in the file");
    }

    #[test]
    fn a_partial_workshop_opens_what_it_can_and_lists_the_rest() {
        let text = r#"{
          "format": "ics-whatif-workshop", "version": 1, "year": 99, "colour": "red",
          "hidden": "yes", "open_act": 7,
          "acts": [
            { "scenario": { "ics": "QE1", "name": "Good", "levers": { "recruitment_pct": 5 } },
              "partner": "Social care", "opens_hidden": true, "prediction": 6900000 },
            { "scenario": { "ics": "QE1", "name": "Half", "levers": { "recruitment_pct": 900, "social_care_pct": 20 } },
              "headline": "life_expectancy", "prediction": "lots", "partner": "The mayor" },
            "not an act",
            { "partner": "Public health" }
          ]
        }"#;
        let (w, problems) = read_workshop(text);
        assert_eq!(w.acts.len(), 2, "the two acts with scenarios open");
        assert_eq!(w.acts[0].setup.partner.as_deref(), Some("Social care"));
        assert!(w.acts[0].setup.opens_hidden);
        assert_eq!(w.acts[0].setup.prediction, Some(6_900_000.0));
        let half = &w.acts[1];
        assert_eq!(half.file.scenario.levers[Lever::SocialCare], 20.0);
        assert_eq!(
            half.file.scenario.levers[Lever::Recruitment],
            Lever::Recruitment.spec().default,
            "the bad lever value is left at its default"
        );
        assert_eq!(half.setup.headline, Metric::WaitingList);
        assert_eq!(half.setup.partner, None);
        assert_eq!(half.setup.prediction, None);
        assert_eq!((w.year, w.hidden, w.open_act), (None, false, None));
        let text = problems.join("\n");
        for expected in [
            "unknown setting 'colour'",
            "year = 99",
            "hidden = \"yes\"",
            "open_act = 7",
            "act 2 (“Half”): recruitment_pct",
            "act 2 (“Half”): headline \"life_expectancy\"",
            "act 2 (“Half”): prediction = \"lots\"",
            "partner “The mayor” is not one of",
            "act 3 is not an act",
            "act 4 has no scenario",
        ] {
            assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
        }
    }

    #[test]
    fn text_that_is_not_a_workshop_opens_nothing_and_says_why() {
        for (text, says) in [
            ("{", "not valid JSON"),
            ("[1, 2]", "expected a JSON object"),
            (
                r#"{"format": "ics-whatif-scenario"}"#,
                "it is a scenario file",
            ),
            (r#"{"format": "something"}"#, "\"format\" must be"),
        ] {
            let (w, problems) = read_workshop(text);
            assert_eq!(w, WorkshopFile::default());
            assert_eq!(problems.len(), 1, "{text}");
            assert!(problems[0].contains(says), "{text}: {}", problems[0]);
        }
    }

    #[test]
    fn a_fifth_act_is_set_aside_as_a_fifth_pin_is() {
        let mut w = example();
        let fifth = w.acts[0].clone();
        w.acts.push(fifth.clone());
        // The writer keeps four; a hand-made file with five reads four and says so.
        let mut v: Value = serde_json::from_str(&workshop_to_json(&w)).unwrap();
        v["acts"].as_array_mut().unwrap().push(act_value(&fifth));
        let (read, problems) = read_workshop(&v.to_string());
        assert_eq!(read.acts.len(), MAX_PINNED);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("act 5: at most 4"));
    }

    #[test]
    fn a_prediction_in_the_wrong_unit_is_refused_with_a_reason() {
        let list = Metric::WaitingList.unit();
        let near = 255_000.0;
        for same in ["240k", "240,000", "0.24m", "240 000"] {
            assert_eq!(read_prediction(same, list, near), Ok(240_000.0), "{same}");
        }
        let e = read_prediction("240", list, near).unwrap_err();
        assert!(e.contains("240k"), "{e}");
        assert!(read_prediction("-5", list, near).is_err());
        assert_eq!(
            read_prediction("0", list, near),
            Ok(0.0),
            "none left is a prediction"
        );
        let pct = Metric::Within18WeeksPct.unit();
        assert_eq!(read_prediction("63%", pct, 61.7), Ok(63.0));
        assert!(read_prediction("6300", pct, 61.7)
            .unwrap_err()
            .contains("0% to 100%"));
        let money = Metric::CumulativeBalanceGbpM.unit();
        assert_eq!(read_prediction("-50", money, -646.0), Ok(-50.0));
        assert!(read_prediction("-50000000", money, -646.0).is_err());
        assert_eq!(prediction_unit(money), "£m");
        assert_eq!(prediction_unit(list), "patients");
    }

    #[test]
    fn predictions_read_as_a_facilitator_types_them() {
        let people = Metric::WaitingList.unit();
        let pct = Metric::Within18WeeksPct.unit();
        let money = Metric::CumulativeBalanceGbpM.unit();
        assert_eq!(parse_prediction("7.1m", people), Ok(7_100_000.0));
        assert_eq!(parse_prediction(" 7,100,000 ", people), Ok(7_100_000.0));
        assert_eq!(parse_prediction("250k", people), Ok(250_000.0));
        assert_eq!(parse_prediction("58%", pct), Ok(58.0));
        assert_eq!(parse_prediction("\u{2212}£250m", money), Ok(-250.0));
        assert_eq!(parse_prediction("-1.5bn", money), Ok(-1500.0));
        assert_eq!(parse_prediction("-0", money), Ok(0.0));
        assert!(parse_prediction("-0", money).unwrap().is_sign_positive());
        let err = parse_prediction("about seven", people).unwrap_err();
        assert!(err.contains("not a number in patients"), "{err}");
        assert!(parse_prediction("", pct).is_err());
        assert!(parse_prediction("m", people).is_err());
        assert!(parse_prediction("inf", people).is_err());
    }
}
