//! Scenarios in links: `v=1&m=2&ics=QE1&years=5&recruitment_pct=5`.
//!
//! `v` is the format version ([`FORMAT_VERSION`]), `m` the model version the link was made
//! with, `ics` the system, `years` the horizon when it is not 10, and then every lever or
//! assumption that differs from its default, by key, in table order. Reading is lenient: what
//! can be applied is, and everything else becomes a one-line message.
//!
//! A phased lever (format version 2, issue 14.2) carries its phasing after its value as the
//! CLI's `--set` writes it: `recruitment_pct=10@2026-04%2B3y` (a straight line over three
//! years from April 2026; `%2B` is `+`, and a `+` typed as such, read as a space, is read
//! the same). A link with no lever phased is written as version 1, as before.
//!
//! Places (version 2, issue 13.2): `prevention_places=E06000009,E07000124` aims prevention
//! at those local authorities, `equity_places=...` the equity lever (`places`).

use super::{
    check_years, phasing, places, resolve_ics, shown, Problem, Problems, FORMAT_VERSION,
    OLDEST_FORMAT_VERSION,
};
use crate::model::levers::name_as_written;
use crate::model::simulate::DEFAULT_YEARS;
use crate::model::{Assumption, Lever, Scenario, MODEL_VERSION};

/// The query string for a scenario (no leading `?`).
pub fn to_query(s: &Scenario) -> String {
    let mut parts = vec![
        format!("v={}", super::version_for(s)),
        format!("m={MODEL_VERSION}"),
        format!("ics={}", encode(&s.system)),
    ];
    if s.years != DEFAULT_YEARS {
        parts.push(format!("years={}", s.years));
    }
    for &l in Lever::ALL {
        let phase = s.phasing[l];
        if s.levers[l] != l.spec().default || !phase.is_at_once() {
            let text = phasing::value_text(s.levers[l], phase);
            parts.push(format!("{}={}", l.key(), encode(&text)));
        }
    }
    for &a in Assumption::ALL {
        if s.assumptions[a] != a.spec().default {
            parts.push(format!(
                "{}={}",
                a.key(),
                encode(&s.assumptions[a].to_string())
            ));
        }
    }
    // Places the place-aimed levers are aimed at (issue 13.2, version 2).
    for (key, codes) in [
        (places::PREVENTION_PLACES, &s.places.prevention),
        (places::EQUITY_PLACES, &s.places.equity),
    ] {
        if !codes.is_empty() {
            parts.push(format!("{key}={}", encode(&places::codes_text(codes))));
        }
    }
    parts.join("&")
}

/// Reads a link's query string (with or without a leading `?` or `#`, or a whole URL) into
/// a scenario, starting from the defaults. Every valid setting is applied; unknown keys,
/// malformed or out-of-range values, a different `v` or `m` and repeated keys become
/// one-line messages. Never panics.
pub fn from_query_lenient(query: &str) -> (Scenario, Vec<Problem>) {
    let mut s = Scenario::default();
    let mut problems = Problems::default();
    let query = match query.split_once('?') {
        Some((_, q)) => q,
        None => query.trim_start_matches('#'),
    };
    let query = query.split('#').next().unwrap_or("");
    let mut seen: Vec<String> = Vec::new();
    for pair in query.split('&') {
        if pair.trim().is_empty() {
            continue;
        }
        let (raw_key, raw_value) = match pair.split_once('=') {
            Some((k, v)) => (k, Some(v)),
            None => (pair, None),
        };
        let key = decode(raw_key);
        let key = key.trim();
        let Some(value) = raw_value.map(decode) else {
            problems.push(format!("link setting '{}' has no value", shown(key)));
            continue;
        };
        let value = value.trim();
        if seen.iter().any(|k| k == key) {
            problems.push(format!(
                "link sets '{}' more than once; the last value is used",
                shown(key)
            ));
        } else if seen.len() < 64 {
            seen.push(key.to_string());
        }
        match key {
            "v" => match value.parse::<u32>() {
                Ok(v) if (OLDEST_FORMAT_VERSION..=FORMAT_VERSION).contains(&v) => {}
                Ok(v) => problems.push(format!(
                    "this link is version {v}, but this build reads versions {OLDEST_FORMAT_VERSION} to {FORMAT_VERSION}: some settings may not apply"
                )),
                Err(_) => problems.push(format!("v = '{}' is not a version number", shown(value))),
            },
            "m" => match value.parse::<u32>() {
                Ok(MODEL_VERSION) => {}
                Ok(m) => problems.push(format!(
                    "this link was made with model version {m}; this build runs model version {MODEL_VERSION}, so results may differ"
                )),
                Err(_) => problems.push(format!("m = '{}' is not a model version number", shown(value))),
            },
            "ics" => match resolve_ics(value) {
                Ok(code) => s.system = code,
                Err(e) => problems.push(e),
            },
            "years" => match value.parse::<f64>() {
                Ok(y) => match check_years(y) {
                    Ok(y) => s.years = y,
                    Err(e) => problems.push(e),
                },
                Err(_) => problems.push(format!(
                    "years = '{}' is not a whole number from 1 to 20",
                    shown(value)
                )),
            },
            // Places (issue 13.2): checked against the ICB once the whole link is read.
            places::PREVENTION_PLACES | places::EQUITY_PLACES => {
                if let Some(list) = places::list_for(&mut s.places, key) {
                    *list = places::split_codes(value);
                }
            }
            _ => {
                if let Err(e) = phasing::set_phased_text(&mut s, key, value) {
                    // An old key (agency_cap_pct) is named as the link wrote it.
                    problems.push(Problem::from(name_as_written(e.to_string(), key)));
                }
            }
        }
    }
    for p in phasing::check_phasing(&mut s) {
        problems.push(p);
    }
    for p in places::check_places(&mut s) {
        problems.push(p);
    }
    (s, problems.finish())
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub(super) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        // '@' (allowed in a query) separates a lever's value from its phasing.
        // ',' (allowed in a query) separates place codes (issue 13.2).
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'@' | b',') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (a space in form encoding). Malformed escapes are kept as
/// they are; bytes that are not UTF-8 become U+FFFD.
pub(super) fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok());
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) if hex.is_some_and(|h| h.bytes().all(|c| c.is_ascii_hexdigit())) => {
                        out.push(b);
                        i += 3;
                        continue;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::simulate;
    use crate::model::{Baseline, Lever};

    #[test]
    fn an_old_key_in_a_link_reads_to_the_same_numbers_and_is_written_anew() {
        let (old, p_old) = from_query_lenient("v=1&ics=england&years=2&agency_cap_pct=5");
        let (new, p_new) = from_query_lenient("v=1&ics=england&years=2&agency_cover_pct=5");
        assert!(p_old.is_empty() && p_new.is_empty(), "{p_old:?} {p_new:?}");
        assert_eq!(old.levers[Lever::AgencyCover], 5.0);
        assert_eq!(old, new);
        let base = Baseline::england();
        assert_eq!(simulate(&base, &old), simulate(&base, &new));
        let written = to_query(&old);
        assert!(written.contains("agency_cover_pct=5"), "{written}");
        assert!(!written.contains("agency_cap_pct"), "{written}");
        // A problem with the old key names it as the link wrote it.
        let (_, p) = from_query_lenient("agency_cap_pct=99");
        assert!(
            p[0].starts_with("agency_cap_pct = 99 is out of range"),
            "{p:?}"
        );
    }

    #[test]
    fn an_old_key_in_a_scenario_file_reads_to_the_same_numbers_and_is_written_anew() {
        let file = |key: &str| {
            format!(
                r#"{{"format": "ics-whatif-scenario", "version": 1, "years": 2, "levers": {{"{key}": 5}}}}"#
            )
        };
        let old = crate::scenario::parse_scenario(&file("agency_cap_pct")).unwrap();
        let new = crate::scenario::parse_scenario(&file("agency_cover_pct")).unwrap();
        assert_eq!(old.scenario.levers[Lever::AgencyCover], 5.0);
        assert_eq!(old.scenario, new.scenario);
        let base = Baseline::england();
        assert_eq!(
            simulate(&base, &old.scenario),
            simulate(&base, &new.scenario)
        );
        let json = old.to_json();
        assert!(json.contains("\"agency_cover_pct\": 5"), "{json}");
        assert!(!json.contains("agency_cap_pct"), "{json}");
    }

    #[test]
    fn decode_handles_simple_and_broken_escapes() {
        assert_eq!(decode("a%20b+c"), "a b c");
        assert_eq!(decode("%2d0.7"), "-0.7");
        assert_eq!(decode("100%"), "100%");
        assert_eq!(decode("%zz%4"), "%zz%4");
        assert_eq!(decode("%+1"), "% 1");
        assert_eq!(decode("%ff"), "\u{fffd}");
        assert_eq!(decode("%E2%82%AC"), "€");
    }

    #[test]
    fn encode_keeps_unreserved_characters() {
        assert_eq!(encode("-0.7"), "-0.7");
        assert_eq!(encode("a b&c=d"), "a%20b%26c%3Dd");
        assert_eq!(decode(&encode("£ x&y")), "£ x&y");
    }
}
