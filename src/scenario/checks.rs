//! The checks shared by the file reader, the link reader and the CLI: a lever's or
//! assumption's key and value, a horizon, a system code. Each returns the checked value or
//! one [`Problem`] (worded in `messages.rs`); an unknown key suggests the nearest known one.

use super::format::KEYS;
use super::messages::Problem;
use crate::model::simulate::{MAX_YEARS, MIN_YEARS};
use crate::model::{Assumption, Lever, ParamSpec, Scenario};

/// Sets one lever or assumption by key, checking its range. Errors name the problem in one
/// line (an unknown key suggests the nearest known one).
pub fn set_value(s: &mut Scenario, key: &str, value: f64) -> Result<(), Problem> {
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
pub fn check_value(spec: &ParamSpec, value: f64) -> Result<f64, Problem> {
    if value.is_finite() && value.abs() >= 1e9 {
        return Err(Problem::huge_value(spec, value));
    }
    spec.check(value).map_err(|e| Problem::from(e.to_string()))
}

/// Parses `text` as the value of lever or assumption `key` and sets it (see [`set_value`]).
pub fn set_value_text(s: &mut Scenario, key: &str, text: &str) -> Result<(), Problem> {
    find_spec(key)?;
    set_value(s, key, parse_number(key, text)?)
}

/// The spec of a lever or assumption by key, or a one-line message naming the unknown key.
pub fn find_spec(key: &str) -> Result<&'static ParamSpec, Problem> {
    Lever::from_key(key)
        .map(Lever::spec)
        .or_else(|| Assumption::from_key(key).map(Assumption::spec))
        .ok_or_else(|| Problem::unknown_param(key, nearest(key, Keys::AnyParam)))
}

/// A decimal number, or a one-line message naming `key` and the text.
pub fn parse_number(key: &str, text: &str) -> Result<f64, Problem> {
    match text.trim().parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        _ => Err(Problem::not_a_number(key, text)),
    }
}

/// Checks a horizon in years: a whole number from 1 to 20.
pub fn check_years(value: f64) -> Result<u32, Problem> {
    if value.is_finite()
        && value.fract() == 0.0
        && (MIN_YEARS as f64..=MAX_YEARS as f64).contains(&value)
    {
        Ok(value as u32)
    } else {
        Err(Problem::years_out_of_range(value))
    }
}

/// Parses and checks a horizon given as text.
pub fn parse_years(text: &str) -> Result<u32, Problem> {
    match text.trim().parse::<f64>() {
        Ok(v) => check_years(v),
        Err(_) => Err(Problem::years_not_a_number(text)),
    }
}

/// The canonical code of a system ("qe1" -> "QE1"), or a message naming the unknown code.
pub fn resolve_ics(code: &str) -> Result<String, Problem> {
    crate::data::find(code)
        .map(|s| s.code.clone())
        .map_err(|_| Problem::unknown_ics(code))
}

/// Which known keys an unknown one is compared with.
#[derive(Clone, Copy)]
pub(crate) enum Keys {
    Levers,
    Assumptions,
    AnyParam,
    TopLevel,
}

/// The nearest known key within a small edit distance, if any.
pub(crate) fn nearest(key: &str, kind: Keys) -> Option<&'static str> {
    let levers = Lever::ALL.iter().map(|l| l.key());
    let assumptions = Assumption::ALL.iter().map(|a| a.key());
    let candidates: Vec<&'static str> = match kind {
        Keys::Levers => levers.collect(),
        Keys::Assumptions => assumptions.collect(),
        Keys::AnyParam => levers.chain(assumptions).collect(),
        Keys::TopLevel => KEYS.to_vec(),
    };
    if key.len() > 64 {
        return None;
    }
    let key = key.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (edit_distance(&key, c), c))
        .filter(|&(d, c)| d <= 2.max(c.len() / 3))
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
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
