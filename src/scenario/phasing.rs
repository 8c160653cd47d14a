//! Phasing in words and text (issue 14, item 2): when a lever's change takes effect, as the
//! CLI and links write it (`2027-04`, a step; `2026-04+3y`, a three-year straight line from
//! April 2026), as the scenario file writes it (`{"from": "2026-04", "over_years": 3}`),
//! and as a scenario's name says it ("from April 2026, over 3 years").
//!
//! The model counts months from month 0, the last published month ([`start_period`], March
//! 2025 today); everything here reads and writes calendar months, so a file or link means
//! the same months whatever the data's last month.

use serde_json::{Map, Value};

use super::messages::Problem;
use crate::data::rtt::Period;
use crate::model::simulate::MAX_YEARS;
use crate::model::{Lever, Phase, Scenario};

/// The separator between a value and its phasing in `--set` and links: `10@2027-04`.
pub const AT: char = '@';

/// The longest ramp, in months: the longest horizon.
pub const MAX_RAMP_MONTHS: u32 = MAX_YEARS * 12;

/// Month 0 of every projection (March 2025 today).
pub fn start_period() -> Period {
    crate::data::rtt::start_period()
}

/// The calendar month a phase starts in.
pub fn start_of(phase: Phase) -> Period {
    start_period().plus(phase.start as usize)
}

/// A value and its phasing as `--set` and links write them: `"10"`, `"10@2027-04"`,
/// `"10@2026-04+3y"`; text without `@` is at once.
pub fn split_value(text: &str) -> (&str, Option<&str>) {
    match text.split_once(AT) {
        Some((value, when)) => (value, Some(when)),
        None => (text, None),
    }
}

/// Reads a phasing as `--set` and links write it: `YYYY-MM` (a step at that month),
/// `YYYY-MM+Ny` (a straight line over N years from that month; N may be a fraction that
/// makes whole months, such as 1.5) or `YYYY-MM+Nm` (over N months). A space stands for the
/// `+` (a link's `+` reads as a space). The month is checked against the horizon later
/// ([`check_phasing`]), since the horizon may be set after it.
pub fn parse_when(key: &str, text: &str) -> Result<Phase, Problem> {
    let text = text.trim();
    let (month, ramp) = match text.split_once(['+', ' ']) {
        Some((m, r)) => (m.trim(), Some(r.trim())),
        None => (text, None),
    };
    let period = Period::parse(month).map_err(|_| Problem::bad_phasing(key, text))?;
    let start = start_month(key, period)?;
    let ramp = match ramp {
        None => 0,
        Some(r) => parse_ramp(key, r)?,
    };
    Ok(Phase::ramp(start, ramp))
}

/// The projection month of a calendar month, or a problem when it is before month 0.
fn start_month(key: &str, period: Period) -> Result<u32, Problem> {
    let months = period.months_since(start_period());
    if months < 0 {
        return Err(Problem::phasing_before_start(key, period, start_period()));
    }
    // Far beyond any horizon: reported as such by `check_phasing`.
    Ok(months.min(i64::from(u32::MAX / 2)) as u32)
}

/// A ramp as text: `3y`, `1.5y`, `18m`.
fn parse_ramp(key: &str, text: &str) -> Result<u32, Problem> {
    let bad = || Problem::bad_ramp(key, text);
    let (number, per) = if let Some(n) = text.strip_suffix('y') {
        (n, 12.0)
    } else if let Some(n) = text.strip_suffix('m') {
        (n, 1.0)
    } else {
        return Err(bad());
    };
    let n: f64 = number.trim().parse().map_err(|_| bad())?;
    ramp_months(n * per).ok_or_else(bad)
}

/// A ramp of `months` as a whole number of months from 0 to [`MAX_RAMP_MONTHS`], or `None`.
fn ramp_months(months: f64) -> Option<u32> {
    let whole = months.round();
    (months.is_finite()
        && (months - whole).abs() < 1e-9
        && (0.0..=MAX_RAMP_MONTHS as f64).contains(&whole))
    .then_some(whole as u32)
}

/// The phasing as `--set` and links write it: `2027-04`, `2026-04+3y`, `2025-03+18m`.
pub fn when_text(phase: Phase) -> String {
    let month = start_of(phase).to_string();
    match phase.ramp {
        0 => month,
        r if r % 12 == 0 => format!("{month}+{}y", r / 12),
        r => format!("{month}+{r}m"),
    }
}

/// A lever's value with its phasing, as `--set` and links write it: `10` at once,
/// `10@2026-04+3y` phased.
pub fn value_text(value: f64, phase: Phase) -> String {
    if phase.is_at_once() {
        value.to_string()
    } else {
        format!("{value}{AT}{}", when_text(phase))
    }
}

/// Every lever (with its phasing) and assumption that differs from its default, as `--set`
/// arguments for the command line (" --set recruitment_pct=10@2026-12 --set ..."; numbers as
/// Rust prints them, which read back as the same numbers). Place aims are not included.
pub fn set_args(s: &Scenario) -> String {
    let mut out = String::new();
    for &l in Lever::ALL {
        if s.levers[l] != l.spec().default || !s.phasing[l].is_at_once() {
            let value = value_text(s.levers[l], s.phasing[l]);
            out.push_str(&format!(" --set {}={value}", l.key()));
        }
    }
    for &a in crate::model::Assumption::ALL {
        if s.assumptions[a] != a.spec().default {
            out.push_str(&format!(" --set {}={}", a.key(), s.assumptions[a]));
        }
    }
    out
}

/// The phasing in words for a scenario's name: "from April 2027", "over 3 years", "from
/// April 2026, over 3 years"; `None` at once.
pub fn words(phase: Phase) -> Option<String> {
    if phase.is_at_once() {
        return None;
    }
    let from = (phase.start > 1).then(|| format!("from {}", start_of(phase).name()));
    let over = (phase.ramp > 0).then(|| format!("over {}", duration(phase.ramp)));
    Some(
        [from, over]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(", "),
    )
}

/// What "at once" means when today is `today` months after month 0 (the last published
/// month): "Projections start in March 2025, the last published month, 21 months before
/// today (December 2026): a change set at once acts from March 2025." `None` when today is
/// month 0 or 1 (at once is then today).
pub fn at_once_note(today: u32) -> Option<String> {
    (today > 1).then(|| {
        let start = start_period().name();
        format!(
            "Projections start in {start}, the last published month, {} before today ({}): a change set at once acts from {start}.",
            duration(today),
            start_period().plus(today as usize).name()
        )
    })
}

/// A number of months in words: "1 year", "3 years", "18 months", "1 month".
pub fn duration(months: u32) -> String {
    match months {
        12 => "1 year".to_string(),
        m if m % 12 == 0 => format!("{} years", m / 12),
        1 => "1 month".to_string(),
        m => format!("{m} months"),
    }
}

/// Sets lever or assumption `key` from text as `--set` and links write it: a value, then
/// for a lever optionally `@` and its phasing (`10@2026-04+3y`). The value is set before the
/// phasing is read, so a lenient reader keeps a good value beside a bad phasing. Text
/// without `@` leaves the lever's phasing as it was.
pub fn set_phased_text(s: &mut Scenario, key: &str, text: &str) -> Result<(), Problem> {
    let (value, when) = split_value(text);
    super::set_value_text(s, key, value)?;
    let Some(when) = when else { return Ok(()) };
    let Some(lever) = Lever::from_key(key) else {
        return Err(Problem::assumption_phased(key));
    };
    s.phasing[lever] = parse_when(key, when)?;
    Ok(())
}

/// Checks every lever's phasing against the horizon: a phasing that starts after the
/// horizon's last month is a problem naming the lever, and reads as at once (lenient
/// readers keep the rest of the scenario).
pub fn check_phasing(s: &mut Scenario) -> Vec<Problem> {
    let horizon = s.months() as u32;
    let mut problems = Vec::new();
    for &l in Lever::ALL {
        let phase = s.phasing[l];
        if phase.start > horizon {
            problems.push(Problem::phasing_after_horizon(
                l.key(),
                start_of(phase),
                start_period().plus(horizon as usize),
            ));
            s.phasing[l] = Phase::AT_ONCE;
        }
    }
    problems
}

// ---- The scenario file's "phasing" section (format version 2) ----

/// The section's entry for one lever: `{"from": "2026-04", "over_years": 3}` (`from`
/// omitted for month 0, `over_years` for a step).
pub fn to_json_entry(phase: Phase) -> Value {
    let mut entry = Map::new();
    if phase.start > 0 {
        entry.insert("from".into(), Value::String(start_of(phase).to_string()));
    }
    if phase.ramp > 0 {
        let years = f64::from(phase.ramp) / 12.0;
        let number = if phase.ramp % 12 == 0 {
            Value::from(phase.ramp / 12)
        } else {
            Value::from(years)
        };
        entry.insert("over_years".into(), number);
    }
    Value::Object(entry)
}

/// Reads one lever's entry of the "phasing" section.
pub fn from_json_entry(key: &str, value: &Value) -> Result<Phase, Problem> {
    let Value::Object(entry) = value else {
        return Err(Problem::phasing_entry_not_an_object(key, value));
    };
    let mut phase = Phase::AT_ONCE;
    for (field, v) in entry {
        match field.as_str() {
            "from" => {
                let text = v
                    .as_str()
                    .ok_or_else(|| Problem::phasing_from_not_text(key, v))?;
                let period = Period::parse(text).map_err(|_| Problem::bad_phasing(key, text))?;
                phase.start = start_month(key, period)?;
            }
            "over_years" => {
                phase.ramp = v
                    .as_f64()
                    .and_then(|years| ramp_months(years * 12.0))
                    .ok_or_else(|| Problem::bad_ramp(key, &v.to_string()))?;
            }
            other => return Err(Problem::unknown_phasing_field(key, other)),
        }
    }
    Ok(phase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_once_is_said_to_start_at_the_last_published_month_when_that_is_not_today() {
        assert_eq!(at_once_note(0), None);
        assert_eq!(at_once_note(1), None);
        let start = start_period();
        let (s, t) = (start.name(), start.plus(21).name());
        assert_eq!(
            at_once_note(21).unwrap(),
            format!("Projections start in {s}, the last published month, 21 months before today ({t}): a change set at once acts from {s}.")
        );
        assert!(at_once_note(24)
            .unwrap()
            .contains(", 2 years before today ("));
    }

    #[test]
    fn a_step_and_a_ramp_read_and_write_as_the_cli_writes_them() {
        let step = parse_when("recruitment_pct", "2027-04").unwrap();
        assert_eq!(step, Phase::step_at(25));
        assert_eq!(when_text(step), "2027-04");
        let ramp = parse_when("recruitment_pct", "2026-04+3y").unwrap();
        assert_eq!(ramp, Phase::ramp(13, 36));
        assert_eq!(when_text(ramp), "2026-04+3y");
        // A link's '+' arrives as a space.
        assert_eq!(parse_when("recruitment_pct", "2026-04 3y").unwrap(), ramp);
        assert_eq!(
            parse_when("recruitment_pct", "2025-03+1.5y").unwrap(),
            Phase::ramp(0, 18)
        );
        assert_eq!(when_text(Phase::ramp(0, 18)), "2025-03+18m");
        assert_eq!(
            parse_when("recruitment_pct", "2025-03+18m").unwrap(),
            Phase::ramp(0, 18)
        );
        assert_eq!(value_text(10.0, ramp), "10@2026-04+3y");
        assert_eq!(value_text(10.0, Phase::AT_ONCE), "10");
    }

    #[test]
    fn bad_phasing_is_one_message_naming_the_lever() {
        for bad in [
            "2027",
            "2027-13",
            "soon",
            "",
            "2027-04+3",
            "2027-04+-3y",
            "2027-04+xy",
            "2027-04+0.1y",
            "2027-04+21y",
            "2024-12",
        ] {
            let e = parse_when("recruitment_pct", bad).unwrap_err();
            assert!(e.starts_with("recruitment_pct"), "{bad}: {e}");
            assert!(!e.contains('\n'), "{e}");
        }
        let e = parse_when("recruitment_pct", "2024-12").unwrap_err();
        assert!(e.contains("before the projection starts"), "{e}");
        assert!(e.contains("March 2025"), "{e}");
    }

    #[test]
    fn a_start_after_the_horizon_is_named_and_read_as_at_once() {
        let mut s = Scenario {
            years: 5,
            ..Scenario::default()
        };
        s.levers[Lever::Recruitment] = 10.0;
        s.phasing[Lever::Recruitment] = parse_when("recruitment_pct", "2031-04").unwrap();
        let problems = check_phasing(&mut s);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("recruitment_pct"), "{problems:?}");
        assert!(problems[0].contains("March 2030"), "{problems:?}");
        assert_eq!(s.phasing[Lever::Recruitment], Phase::AT_ONCE);
        // Inside the horizon, nothing to say.
        s.phasing[Lever::Recruitment] = parse_when("recruitment_pct", "2030-03").unwrap();
        assert!(check_phasing(&mut s).is_empty());
    }

    #[test]
    fn phasing_reads_in_plain_words() {
        assert_eq!(words(Phase::AT_ONCE), None);
        assert_eq!(
            words(Phase::step_at(25)).as_deref(),
            Some("from April 2027")
        );
        assert_eq!(
            words(Phase::ramp(25, 36)).as_deref(),
            Some("from April 2027, over 3 years")
        );
        assert_eq!(words(Phase::ramp(0, 12)).as_deref(), Some("over 1 year"));
        assert_eq!(words(Phase::ramp(0, 18)).as_deref(), Some("over 18 months"));
    }

    #[test]
    fn a_file_entry_round_trips() {
        for phase in [Phase::step_at(25), Phase::ramp(13, 36), Phase::ramp(0, 18)] {
            let v = to_json_entry(phase);
            assert_eq!(from_json_entry("recruitment_pct", &v), Ok(phase), "{v}");
        }
        assert_eq!(
            to_json_entry(Phase::ramp(13, 36)).to_string(),
            r#"{"from":"2026-04","over_years":3}"#
        );
        for bad in [
            r#""2027-04""#,
            r#"{"from": 2027}"#,
            r#"{"from": "April"}"#,
            r#"{"over_years": -3}"#,
            r#"{"over_years": "three"}"#,
            r#"{"start": "2027-04"}"#,
        ] {
            let v: Value = serde_json::from_str(bad).unwrap();
            let e = from_json_entry("recruitment_pct", &v).unwrap_err();
            assert!(e.starts_with("recruitment_pct"), "{bad}: {e}");
        }
    }
}
