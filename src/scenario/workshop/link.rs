//! A workshop in a link (issue 15.3, "a link, where it fits"): the acts, their order and
//! set-ups, and whether a prediction is open, after the working scenario's own settings and
//! the month:
//!
//! ```text
//! ?v=1&m=7&ics=QE1&month=2029-03
//!  &act=ics:QE1;recruitment_pct:20;name:Recruitment%20%2B20%25;partner:NHS%20providers;opens_hidden:true
//!  &act=ics:QE1;social_care_pct:39;name:Social%20care%20fixed;headline:staff_fte;prediction:1400000
//!  &open_act=1&hidden=true
//! ```
//!
//! Each `act=` is one act, in act order: its scenario's settings as the link writes them
//! (`ics`, `years`, and each lever or assumption moved, with its phasing), then its name and
//! set-up under the workshop file's own keys (`name`, `partner`, `opens_hidden`, `headline`,
//! `second_chart`, `prediction`; `second_chart:none` for no second chart), each as `key:value`,
//! separated by `;`, and every value percent-encoded as links are (so `;`, `:` and `&` in a
//! name cannot split it). A setting at its default is left out. `open_act` counts from 1, as
//! the act bar does; `hidden=true` says a prediction is open. Four acts of a few levers each
//! make a link of some 600 to 900 characters: it fits an e-mail or a chat message.
//!
//! The link carries settings, never a figure, so a link made while a prediction is open does
//! not give its answer away; and `hidden=true` opens it hidden again on the other machine.
//!
//! Reading is lenient, as links and workshop files are: each act is read through the workshop
//! file's own reader, so a bad value opens the act without it and says so in one line.

use serde_json::{Map, Value};

use super::{act_from, Act, ActSetup, WorkshopFile, ACT_KEYS};
use crate::scenario::messages::{shown, Problem, Problems};
use crate::scenario::query::{decode, encode};
use crate::scenario::storage::MAX_PINNED;
use crate::scenario::{from_query_lenient, to_query, ScenarioFile};

/// The link keys a workshop adds: one `act` per act, the open act, an open prediction.
pub const LINK_KEYS: [&str; 3] = ["act", "open_act", "hidden"];

/// The query parts (no leading `&`) that carry a workshop's acts, open act and open
/// prediction; empty with no acts. The working scenario and the month are the link's own.
pub fn acts_query(w: &WorkshopFile) -> String {
    let mut parts: Vec<String> = w
        .acts
        .iter()
        .take(MAX_PINNED)
        .map(|act| format!("act={}", act_text(act)))
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    if let Some(i) = w.open_act.filter(|&i| i < parts.len()) {
        parts.push(format!("open_act={}", i + 1));
    }
    if w.hidden {
        parts.push("hidden=true".to_string());
    }
    parts.join("&")
}

/// One act as `key:value;key:value`: its scenario's link settings, then its name and set-up.
fn act_text(act: &Act) -> String {
    let mut pairs: Vec<String> = to_query(&act.file.scenario)
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| !matches!(*k, "v" | "m"))
        .map(|(k, v)| format!("{k}:{v}"))
        .collect();
    let s = &act.setup;
    let d = ActSetup::default();
    let mut add = |key: &str, value: &str| pairs.push(format!("{key}:{}", encode(value)));
    if let Some(name) = act.file.name.as_deref() {
        add("name", name);
    }
    if let Some(p) = &s.partner {
        add("partner", p);
    }
    if s.opens_hidden {
        add("opens_hidden", "true");
    }
    if s.headline != d.headline {
        add("headline", s.headline.key());
    }
    if s.second_chart != d.second_chart {
        add("second_chart", s.second_chart.map_or("none", |m| m.key()));
    }
    if let Some(p) = s.prediction.filter(|p| p.is_finite()) {
        add("prediction", &p.to_string());
    }
    pairs.join(";")
}

/// Reads a link's workshop keys (`(key, raw value)` in link order, values as the link has
/// them, not yet decoded) into a workshop with no working scenario and no month (the link's
/// own), and one line for each thing that could not be read. `None` when the link has no
/// act: a link without acts leaves the pins as they are.
pub fn acts_from_link(pairs: &[(String, String)]) -> Option<(WorkshopFile, Vec<Problem>)> {
    let mut w = WorkshopFile::default();
    let mut problems = Problems::default();
    let mut acts = 0;
    for (_, raw) in pairs.iter().filter(|(k, _)| k == "act") {
        acts += 1;
        if w.acts.len() >= MAX_PINNED {
            problems.push(format!(
                "act {acts}: at most {MAX_PINNED} scenarios can be pinned, so it was set aside"
            ));
            continue;
        }
        if let Some(act) = act_from_text(acts - 1, raw, &mut problems) {
            w.acts.push(act);
        }
    }
    if acts == 0 {
        return None;
    }
    for (key, raw) in pairs.iter().filter(|(k, _)| k != "act") {
        let value = decode(raw);
        let value = value.trim();
        match key.as_str() {
            "hidden" => match value {
                "true" | "1" => w.hidden = true,
                "false" | "0" => w.hidden = false,
                _ => problems.push(format!(
                    "hidden = '{}' is not true or false; the scenario is shown",
                    shown(value)
                )),
            },
            "open_act" => match value.parse::<usize>() {
                Ok(n) if (1..=w.acts.len()).contains(&n) => w.open_act = Some(n - 1),
                _ => problems.push(format!(
                    "open_act = '{}' is not the number of an act (1 to {}); no act is open",
                    shown(value),
                    w.acts.len()
                )),
            },
            _ => {}
        }
    }
    Some((w, problems.finish()))
}

/// One act's text, leniently: its scenario read as a link, its set-up by the workshop file's
/// reader. `None` (with a problem) when it holds no setting at all.
fn act_from_text(i: usize, raw: &str, problems: &mut Problems) -> Option<Act> {
    let mut scenario_pairs = Vec::new();
    let mut setup = Map::new();
    let mut name = None;
    for piece in raw.split(';').filter(|p| !p.trim().is_empty()) {
        let (key, value) = piece.split_once(':').unwrap_or((piece, ""));
        let key = decode(key);
        let key = key.trim();
        if key == "name" {
            name = Some(decode(value).trim().to_string());
        } else if ACT_KEYS.contains(&key) {
            let value = decode(value).trim().to_string();
            let value = match (key, value.as_str()) {
                ("opens_hidden", "true" | "1") => Value::Bool(true),
                ("opens_hidden", "false" | "0") => Value::Bool(false),
                ("prediction", text) => text
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or(Value::String(value), Value::Number),
                ("second_chart", "none") => Value::Null,
                _ => Value::String(value),
            };
            setup.insert(key.to_string(), value);
        } else {
            // A scenario setting: read as the link reads it (its value is still encoded).
            scenario_pairs.push(format!("{key}={value}"));
        }
    }
    if scenario_pairs.is_empty() && setup.is_empty() && name.is_none() {
        problems.push(format!("act {} is empty, so it was set aside", i + 1));
        return None;
    }
    let (scenario, issues) = from_query_lenient(&scenario_pairs.join("&"));
    let mut file = ScenarioFile::new(scenario);
    if let Some(name) = name.filter(|n| !n.is_empty()) {
        file = file.with_name(name);
    }
    setup.insert("scenario".into(), super::file_value(&file));
    // The workshop file's reader names the act (and sets an automatic name if none).
    let act = act_from(i, &Value::Object(setup), problems)?;
    let label = match act.file.name.as_deref() {
        Some(name) if file.name.is_some() => format!("act {} (“{}”)", i + 1, shown(name)),
        _ => format!("act {}", i + 1),
    };
    for p in issues.into_iter().take(3) {
        problems.push(format!("{label}: {p}"));
    }
    Some(act)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lever, Metric, Phase, Scenario};
    use crate::scenario::workshop::PARTNERS;

    /// The link's workshop pairs, split as the page splits its query.
    fn pairs(query: &str) -> Vec<(String, String)> {
        query
            .split('&')
            .filter_map(|p| p.split_once('='))
            .filter(|(k, _)| LINK_KEYS.contains(k))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    /// Three acts of another area: names with the characters a link uses, a phased lever, a
    /// partner, a prediction and each kind of set-up.
    fn workshop() -> WorkshopFile {
        let mut a = Scenario {
            system: "QE1".into(),
            ..Scenario::default()
        };
        a.levers[Lever::Recruitment] = 20.0;
        let mut b = a.clone();
        b.levers[Lever::Recruitment] = 10.0;
        b.phasing[Lever::Recruitment] = Phase::ramp(13, 36);
        b.years = 7;
        let c = Scenario {
            system: "QE1".into(),
            ..Scenario::default()
        };
        WorkshopFile {
            working: None,
            acts: vec![
                Act {
                    file: ScenarioFile::new(a).with_name("Recruitment +20% & more; 50:50 “mix”"),
                    setup: ActSetup {
                        partner: Some(PARTNERS[0].to_string()),
                        opens_hidden: true,
                        prediction: Some(7_100_000.0),
                        ..ActSetup::default()
                    },
                },
                Act {
                    file: ScenarioFile::new(b).with_name("Phased in"),
                    setup: ActSetup {
                        partner: Some(PARTNERS[4].to_string()),
                        headline: Metric::StaffFte,
                        second_chart: None,
                        ..ActSetup::default()
                    },
                },
                Act {
                    file: ScenarioFile::new(c).with_name("Current plans"),
                    setup: ActSetup {
                        headline: Metric::LifeExpectancyGap,
                        second_chart: Some(Metric::BalanceGbpM),
                        prediction: Some(-0.25),
                        ..ActSetup::default()
                    },
                },
            ],
            month: None,
            year: None,
            hidden: true,
            open_act: Some(0),
        }
    }

    #[test]
    fn a_workshop_link_reads_back_the_same_acts_set_ups_and_open_prediction() {
        let w = workshop();
        let query = acts_query(&w);
        let (read, problems) = acts_from_link(&pairs(&query)).expect("the link has acts");
        assert_eq!(problems, Vec::<Problem>::new());
        assert_eq!(read, w);
        // Only characters a link carries as they are: nothing for a mail client to break.
        assert!(
            query
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~@%&=;:".contains(&b)),
            "{query}"
        );
        // Four acts of a few levers each: well under 2,000 characters (the length every
        // browser and mail client keeps).
        let mut four = w.clone();
        four.acts.push(w.acts[0].clone());
        let full = format!(
            "https://example.org/ics-whatif/?v=2&m=7&ics=QE1&month=2029-03&{}",
            acts_query(&four)
        );
        assert!(full.len() < 1_000, "{} characters: {full}", full.len());
    }

    #[test]
    fn a_link_without_acts_leaves_the_pins_alone_and_writes_nothing() {
        assert_eq!(acts_from_link(&pairs("v=1&ics=QE1&hidden=true")), None);
        assert_eq!(acts_query(&WorkshopFile::default()), "");
        let w = WorkshopFile {
            hidden: true,
            ..WorkshopFile::default()
        };
        assert_eq!(acts_query(&w), "", "no acts, no workshop in the link");
    }

    #[test]
    fn a_bad_act_opens_what_it_can_and_lists_what_it_could_not() {
        let query = "act=ics:QE1;recruitment_pct:999;name:Too%20far;partner:The%20Vicar;headline:nonsense;prediction:lots\
                     &act=&act=ics:nowhere;social_care_pct:20;opens_hidden:maybe\
                     &act=ics:QE1&act=ics:QE1&act=ics:QE1&open_act=9&hidden=perhaps";
        let (w, problems) = acts_from_link(&pairs(query)).unwrap();
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        let has = |s: &str| text.iter().any(|t| t.contains(s));
        assert_eq!(w.acts.len(), MAX_PINNED, "{text:#?}");
        let first = &w.acts[0];
        assert_eq!(first.file.name.as_deref(), Some("Too far"));
        assert_eq!(first.file.scenario.system, "QE1");
        assert_eq!(
            first.file.scenario.levers[Lever::Recruitment],
            Lever::Recruitment.spec().default,
            "an out-of-range value opens at its default"
        );
        assert_eq!(first.setup.partner, None);
        assert_eq!(first.setup.headline, Metric::WaitingList);
        assert_eq!(first.setup.prediction, None);
        assert!(has("recruitment_pct = 999 is out of range"), "{text:#?}");
        assert!(has("partner “The Vicar” is not one of"), "{text:#?}");
        assert!(has("headline \"nonsense\" is not a figure"), "{text:#?}");
        assert!(has("prediction = \"lots\" is not a number"), "{text:#?}");
        assert!(has("act 2 is empty"), "{text:#?}");
        assert_eq!(w.acts[1].file.scenario.levers[Lever::SocialCare], 20.0);
        assert!(has("opens_hidden = \"maybe\""), "{text:#?}");
        assert!(has("nowhere"), "an unknown area is named: {text:#?}");
        assert!(has("act 6: at most 4"), "{text:#?}");
        assert!(has("open_act = '9'"), "{text:#?}");
        assert!(has("hidden = 'perhaps'"), "{text:#?}");
        assert!(!w.hidden && w.open_act.is_none());
        assert!(text.iter().all(|t| !t.contains("  ")));
    }
}
