//! Place settings (format version 2, issue 13.2): the places an ICB's place-aimed levers are
//! aimed at, by local authority code (`ics-whatif places --ics CODE` lists them).
//!
//! - File: `"places": {"prevention": ["E06000009"], "equity": ["E06000009"]}`, written only
//!   when a place is chosen (and the file is then version 2).
//! - Link: `prevention_places=E06000009,E07000124` and `equity_places=...` (codes separated
//!   by commas, any case).
//! - CLI: `--place-aim prevention=E06000009,E07000124` (and `equity=...`).
//!
//! Every reader checks the codes against the scenario's ICB once the whole file or link is
//! read: a code of another ICB or an unknown one is a problem naming it (`check_place`), and
//! the lever keeps the places it could read.

use super::Problem;
use crate::model::place_aim::{kept_in, PlaceAims};
use crate::model::places::check_place;
use crate::model::{Lever, Scenario};
use serde_json::Value;

/// The link keys (and CLI `--place-aim` names without `_places`) for each aimed lever.
pub const PREVENTION_PLACES: &str = "prevention_places";
pub const EQUITY_PLACES: &str = "equity_places";

/// Codes as a link or the CLI writes them: comma-separated.
pub fn codes_text(codes: &[String]) -> String {
    codes.join(",")
}

/// Codes from comma- or space-separated text, trimmed, upper-case, empty ones dropped.
pub fn split_codes(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c.is_whitespace())
        .filter(|c| !c.is_empty())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The chosen places' names as a sentence reads them: "Blackpool", "Blackpool and Burnley",
/// "Blackpool, Burnley and Pendle", "Blackpool, Burnley and 3 more places".
pub fn place_names(codes: &[String]) -> String {
    let names: Vec<&str> = codes
        .iter()
        .map(|c| {
            crate::data::places()
                .iter()
                .find(|p| p.ltla_code.eq_ignore_ascii_case(c))
                .map_or(c.as_str(), |p| p.ltla_name.as_str())
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [a, b] => format!("{a} and {b}"),
        [a, b, c] => format!("{a}, {b} and {c}"),
        [a, b, rest @ ..] => format!("{a}, {b} and {} more places", rest.len()),
    }
}

/// The words a place-aimed lever adds to its phrase: "aimed at Blackpool" for prevention,
/// "favouring Blackpool" for equity in access; `None` for other levers or no place chosen.
pub fn aim_words(s: &Scenario, lever: Lever) -> Option<String> {
    let (codes, verb) = match lever {
        Lever::PreventionSpend => (&s.places.prevention, "aimed at"),
        Lever::DeprivedPriority => (&s.places.equity, "favouring"),
        _ => return None,
    };
    (!codes.is_empty()).then(|| format!("{verb} {}", place_names(codes)))
}

/// The list a link key or CLI name sets, if it is one of them.
pub fn list_for<'a>(aims: &'a mut PlaceAims, key: &str) -> Option<&'a mut Vec<String>> {
    match key {
        PREVENTION_PLACES | "prevention" => Some(&mut aims.prevention),
        EQUITY_PLACES | "equity" => Some(&mut aims.equity),
        _ => None,
    }
}

/// Checks every chosen place against the scenario's system: each code not among its places
/// is a problem naming it (and the ICB it is in); the scenario keeps the places it could
/// read, spelt and ordered as `places.csv` has them.
pub fn check_places(s: &mut Scenario) -> Vec<Problem> {
    if s.places.is_empty() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    for (key, codes) in [
        (PREVENTION_PLACES, &s.places.prevention),
        (EQUITY_PLACES, &s.places.equity),
    ] {
        if codes.is_empty() {
            continue;
        }
        if s.system == crate::data::ENGLAND {
            problems.push(Problem::from(format!(
                "{key}: places belong to an ICB, and this scenario is for England: choose an ICB (ics=CODE) to aim at its places"
            )));
            continue;
        }
        for code in codes {
            if let Err(e) = check_place(&s.system, code) {
                problems.push(Problem::from(format!("{key}: {e}")));
            }
        }
    }
    s.places = kept_in(&s.system, &s.places);
    problems
}

/// The file's `"places"` object, or `None` when no place is chosen.
pub fn to_json(aims: &PlaceAims) -> Option<Value> {
    if aims.is_empty() {
        return None;
    }
    let mut map = serde_json::Map::new();
    for (key, codes) in [("prevention", &aims.prevention), ("equity", &aims.equity)] {
        if !codes.is_empty() {
            map.insert(key.into(), Value::from(codes.clone()));
        }
    }
    Some(Value::Object(map))
}

/// Reads the file's `"places"` object into the scenario (checked later, with the ICB, by
/// [`check_places`]); malformed entries are problems.
pub fn read_json(section: &Value, s: &mut Scenario) -> Vec<Problem> {
    let mut problems = Vec::new();
    let Value::Object(map) = section else {
        return vec![Problem::from(format!(
            "places must be an object such as {{\"prevention\": [\"E06000009\"]}}, got {section}"
        ))];
    };
    for (key, value) in map {
        let Some(list) = list_for(&mut s.places, key) else {
            problems.push(Problem::from(format!(
                "places: unknown key '{}': use \"prevention\" or \"equity\"",
                super::shown(key)
            )));
            continue;
        };
        match value {
            Value::Array(items) => {
                for item in items {
                    match item {
                        Value::String(code) => list.extend(split_codes(code)),
                        other => problems.push(Problem::from(format!(
                            "places.{key}: a place is a local authority code such as \"E06000009\", got {other}"
                        ))),
                    }
                }
            }
            Value::String(text) => list.extend(split_codes(text)),
            other => problems.push(Problem::from(format!(
                "places.{key} must be a list of local authority codes such as [\"E06000009\"], got {other}"
            ))),
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{from_query_lenient, parse_scenario, parse_scenario_lenient, to_query};

    fn aimed() -> Scenario {
        let mut s = Scenario {
            system: "QE1".into(),
            ..Scenario::default()
        };
        s.levers[crate::model::Lever::PreventionSpend] = 60.0;
        s.places.prevention = vec!["E06000009".into(), "E07000124".into()];
        s.places.equity = vec!["E06000009".into()];
        s
    }

    #[test]
    fn place_settings_round_trip_through_a_file_and_a_link_as_version_2() {
        let s = aimed();
        let json = crate::scenario::scenario_to_json(&s);
        assert!(json.contains("\"version\": 2"), "{json}");
        assert!(
            json.contains("\"prevention\": [\n      \"E06000009\",\n      \"E07000124\"\n    ]"),
            "{json}"
        );
        assert_eq!(parse_scenario(&json).unwrap().scenario, s);
        let q = to_query(&s);
        assert!(q.starts_with("v=2&"), "{q}");
        assert!(
            q.ends_with("&prevention_places=E06000009,E07000124&equity_places=E06000009"),
            "{q}"
        );
        let (back, problems) = from_query_lenient(&q);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, s);
        // Any case, spaces, places before the ICB in a link: the same.
        let (back, problems) = from_query_lenient(
            "prevention_places=e07000124,%20E06000009&equity_places=e06000009&ics=QE1&prevention_gbp_per_head=60",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, s);
    }

    #[test]
    fn a_place_outside_the_icb_is_named_and_the_rest_still_open() {
        let (s, problems) =
            from_query_lenient("ics=QE1&prevention_places=E06000009,E09000001,NOWHERE");
        assert_eq!(s.places.prevention, vec!["E06000009".to_string()]);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            problems[0],
            "prevention_places: place E09000001 (City of London) is not in QE1: it is in QMF"
        );
        assert!(
            problems[1].starts_with("prevention_places: unknown place 'NOWHERE'"),
            "{problems:?}"
        );
        // A file: strict reading refuses it naming the place; lenient opens the rest.
        let json = r#"{"format": "ics-whatif-scenario", "version": 2, "ics": "QE1",
            "levers": {"prevention_gbp_per_head": 60},
            "places": {"prevention": ["E06000009", "E09000001"]}}"#;
        let e = parse_scenario(json).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("E09000001 (City of London) is not in QE1"),
            "{e:?}"
        );
        let (file, problems) = parse_scenario_lenient(json);
        assert_eq!(
            file.scenario.places.prevention,
            vec!["E06000009".to_string()]
        );
        assert_eq!(problems.len(), 1, "{problems:?}");
        // England has no places of its own.
        let (s, problems) = from_query_lenient("prevention_places=E06000009");
        assert!(s.places.is_empty());
        assert!(problems[0].contains("England"), "{problems:?}");
    }

    #[test]
    fn the_name_says_where_a_lever_is_aimed() {
        let s = aimed();
        assert_eq!(
            crate::scenario::auto_name(&s),
            "Prevention £60/head aimed at Blackpool and Ribble Valley (£509/head there)"
        );
        let mut s = s;
        s.levers[Lever::DeprivedPriority] = 20.0;
        assert_eq!(
            crate::scenario::auto_name(&s),
            "Prevention £60/head aimed at Blackpool and Ribble Valley (£509/head there), deprived-fifth priority +20% favouring Blackpool"
        );
    }

    #[test]
    fn a_scenario_with_no_place_writes_as_before() {
        let mut s = aimed();
        s.places = PlaceAims::default();
        let json = crate::scenario::scenario_to_json(&s);
        assert!(
            json.contains("\"version\": 1") && !json.contains("places"),
            "{json}"
        );
        let q = to_query(&s);
        assert!(q.starts_with("v=1&") && !q.contains("places"), "{q}");
    }
}
