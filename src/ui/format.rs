//! How numbers read on screen. Kept apart from the components so every figure on the page
//! is written the same way.

use crate::model::levers::ParamUnit;
use crate::model::projection::Unit;
use crate::model::ParamSpec;

/// `v` to `decimals` places, never a negative zero: a value that rounds to zero ("-0.004"
/// to two places) prints "0.00". The one rule every figure on the page goes through; an
/// ASCII minus, as Rust writes it (for boxes the user may type back into).
pub fn fixed(v: f64, decimals: usize) -> String {
    let text = format!("{v:.decimals$}");
    match text.strip_prefix('-') {
        Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
        _ => text,
    }
}

/// A change with its sign: `shown` writes a size (no sign) as the page reads it, and the
/// change reads "+" or "−" (the typographic minus) before it, or no sign at all when it
/// reads the same as no change ("0.00 years", never "−0.00 years" or "+0.00 years").
pub fn signed(d: f64, shown: impl Fn(f64) -> String) -> String {
    let size = shown(d.abs());
    if d.is_nan() || size == shown(0.0) {
        shown(0.0)
    } else if d > 0.0 {
        format!("+{size}")
    } else {
        format!("\u{2212}{size}")
    }
}

/// A message from the model made fit for the page: every lever's and assumption's key
/// (`recruitment_pct`, what the CLI and files use) replaced by its label ("Recruitment").
/// Messages the page writes itself name levers by label already; this is the backstop for
/// one passed on from the model.
pub fn readable(message: &str) -> String {
    let mut specs: Vec<&ParamSpec> = crate::model::LEVERS
        .iter()
        .chain(crate::model::ASSUMPTIONS.iter())
        .collect();
    // Longest first, so a key that contains another is replaced whole.
    crate::sort::sort_by_key(&mut specs, |s| std::cmp::Reverse(s.key.len()));
    specs.iter().fold(message.to_string(), |text, spec| {
        text.replace(spec.key, spec.label)
    })
}

/// A count of patients: "7.12m" from a million up, "254k" below.
pub fn patients(n: f64) -> String {
    let minus = |s: String| s.replace('-', "\u{2212}");
    if n.abs() >= 1e6 {
        minus(fixed(n / 1e6, 2)) + "m"
    } else if n.abs() >= 1e3 {
        minus(fixed(n / 1e3, 0)) + "k"
    } else {
        minus(fixed(n, 0))
    }
}

/// A percentage with one decimal: "58.3%".
pub fn pct(v: f64) -> String {
    format!("{}%", one_decimal(v))
}

/// `v` to one decimal place, never "-0.0": a small negative value that rounds to zero (a
/// difference of -0.004 weeks) reads "0.0".
pub fn one_decimal(v: f64) -> String {
    fixed(v, 1)
}

/// A lever's value as the number with its unit's symbol ("+10%", "£50", "1.5") and the rest
/// of the unit (" change in joiners", " per resident a year", " points"). Joined, they are
/// what screen readers say; apart, the page can set the number large.
pub fn lever_value_parts(spec: &ParamSpec, v: f64) -> (String, String) {
    let number = lever_number(spec, v);
    match spec.unit {
        ParamUnit::Percent(_) | ParamUnit::Pounds(_) => (number, spec.unit.rest().to_string()),
        ParamUnit::Plain(unit) => (number, format!(" {unit}")),
    }
}

/// A lever's value with only the symbol of its unit, for range ends: "+50%", "£200", "1.5".
pub fn lever_number(spec: &ParamSpec, v: f64) -> String {
    let decimals = decimals_of(spec.step);
    // A sign only where the range crosses zero, so "+5" reads as a change from today.
    let number = fixed(v, decimals);
    let sign = if spec.min < 0.0 && v > 0.0 && number != fixed(0.0, decimals) {
        "+"
    } else {
        ""
    };
    let number = format!("{sign}{number}").replace('-', "\u{2212}");
    match spec.unit {
        ParamUnit::Percent(_) => format!("{number}%"),
        ParamUnit::Pounds(_) => format!("£{number}"),
        ParamUnit::Plain(_) => number,
    }
}

/// An axis label: at most two decimals, no trailing zeros ("20", "7.5", "0.25").
pub fn axis_number(v: f64) -> String {
    let s = fixed(v, 2);
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Decimal places needed to show multiples of `step` exactly (1 -> 0, 0.1 -> 1, 0.25 -> 2).
fn decimals_of(step: f64) -> usize {
    (0..6)
        .find(|&d| {
            let scaled = step * 10f64.powi(d as i32);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(6)
}

/// An ICB's name without the words every option repeats: "NHS Greater Manchester
/// Integrated Care Board" reads "Greater Manchester".
pub fn system_name(name: &str) -> &str {
    let name = name.strip_prefix("NHS ").unwrap_or(name);
    name.strip_suffix(" Integrated Care Board").unwrap_or(name)
}

/// A lever's value as a plain number for the "exact value" box and range messages: the
/// step's decimals, no unit, an ASCII minus so the text can be edited and typed back.
pub fn plain_number(spec: &ParamSpec, v: f64) -> String {
    fixed(v, decimals_of(spec.step))
}

/// How a measure reads: each chart and headline says which it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// People or staff: "7.12m", "254k".
    Count,
    /// A percentage: "58.3%".
    Percent,
    /// Pounds in millions: "£1,234m", "−£56m".
    GbpM,
    /// Years of life: "81.3 years".
    Years,
    /// Weeks of waiting: "12.4 weeks".
    Weeks,
}

impl Measure {
    /// How a figure in `unit` reads: people and other counts as counts, percentages, £m,
    /// years and weeks as such.
    pub const fn of(unit: Unit) -> Measure {
        match unit {
            Unit::People(_) | Unit::Count(_) => Measure::Count,
            Unit::Percent(_) => Measure::Percent,
            Unit::GbpM(_) => Measure::GbpM,
            Unit::Years => Measure::Years,
            Unit::Weeks => Measure::Weeks,
        }
    }

    /// A value as it reads on the page.
    pub fn show(self, v: f64) -> String {
        match self {
            Measure::Count => patients(v),
            Measure::Percent => pct(v),
            Measure::GbpM => {
                let size = thousands(v.abs().round());
                let sign = if v < 0.0 && size != "0" {
                    "\u{2212}"
                } else {
                    ""
                };
                format!("{sign}£{size}m")
            }
            Measure::Years => format!("{} years", one_decimal(v)),
            Measure::Weeks => format!("{} weeks", one_decimal(v)),
        }
    }

    /// A range in one style: "0.54m to 12.45m", not "544k to 12.45m"; an end that rounds
    /// to nothing reads "0", not "0.00m".
    pub fn show_range(self, lo: f64, hi: f64) -> String {
        match self {
            Measure::Count if hi.abs() >= 1e6 => {
                let millions = |v: f64| {
                    if (v / 1e6).abs() < 0.005 {
                        "0".to_string()
                    } else {
                        format!("{}m", fixed(v / 1e6, 2)).replace('-', "\u{2212}")
                    }
                };
                format!("{} to {}", millions(lo), millions(hi))
            }
            _ => format!("{} to {}", self.show(lo), self.show(hi)),
        }
    }

    /// The size of a difference (no sign): "0.21m", "1.5 points", "£12m", "0.3 years".
    pub fn show_difference(self, d: f64) -> String {
        let d = d.abs();
        match self {
            Measure::Count => patients(d),
            Measure::Percent => format!("{} points", fixed(d, 1)),
            Measure::GbpM => format!("£{}m", thousands(d.round())),
            Measure::Years => format!("{} years", fixed(d, 2)),
            Measure::Weeks => format!("{} weeks", fixed(d, 2)),
        }
    }
}

/// A whole number with thousands separators: 12345 -> "12,345".
pub fn thousands(v: f64) -> String {
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0.0 && digits != "0" {
        format!("\u{2212}{out}")
    } else {
        out
    }
}

/// The calendar month of month `t` of a projection: month 0 is the last month in the
/// published data ([`crate::data::rtt::start_period`], March 2025 today), so "March 2030" is
/// month 60.
pub fn month_name(t: usize) -> String {
    crate::data::rtt::start_period().plus(t).name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_that_rounds_to_zero_prints_without_a_sign() {
        assert_eq!(fixed(-0.004, 2), "0.00");
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-0.4, 0), "0");
        assert_eq!(fixed(-0.006, 2), "-0.01");
        assert_eq!(fixed(1.005_1, 2), "1.01");
        assert_eq!(one_decimal(-0.04), "0.0");
        assert_eq!(patients(-0.3), "0");
        assert_eq!(patients(-1_500.0), "\u{2212}2k");
        assert_eq!(Measure::GbpM.show(-0.4), "£0m");
        assert_eq!(Measure::GbpM.show(-0.6), "\u{2212}£1m");
        assert_eq!(Measure::Years.show(-0.04), "0.0 years");
        assert_eq!(Measure::Weeks.show_difference(-0.001), "0.00 weeks");
        assert_eq!(axis_number(-0.001), "0");
    }

    #[test]
    fn a_message_from_the_model_names_levers_by_label_not_key() {
        let lever = crate::model::Lever::Recruitment.spec();
        let text = readable(&format!(
            "proposals 'a' and 'b' both set {} (5 and 10)",
            lever.key
        ));
        assert!(!text.contains(lever.key), "{text}");
        assert!(text.contains(lever.label), "{text}");
        for spec in crate::model::LEVERS
            .iter()
            .chain(crate::model::ASSUMPTIONS.iter())
        {
            let text = readable(&format!("{} is out of range", spec.key));
            assert_eq!(text, format!("{} is out of range", spec.label));
        }
    }

    #[test]
    fn a_change_has_a_sign_only_when_it_reads_as_a_change() {
        let years = |m: f64| format!("{} years", fixed(m, 2));
        assert_eq!(signed(-0.004, years), "0.00 years");
        assert_eq!(signed(0.004, years), "0.00 years");
        assert_eq!(signed(-0.006, years), "\u{2212}0.01 years");
        assert_eq!(signed(0.25, years), "+0.25 years");
        assert_eq!(signed(f64::NAN, years), "0.00 years");
        let money = |m: f64| format!("£{}m", thousands(m.round()));
        assert_eq!(signed(-0.4, money), "£0m");
        assert_eq!(signed(-1_234.4, money), "\u{2212}£1,234m");
    }

    #[test]
    fn no_figure_the_page_writes_is_a_negative_zero() {
        let negative_zero = |s: &str| {
            let s = s.replace('\u{2212}', "-");
            s.match_indices('-').any(|(i, _)| {
                let rest: String = s[i + 1..]
                    .chars()
                    .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
                    .collect();
                !rest.is_empty() && rest.chars().all(|c| c == '0' || c == '.' || c == ',')
            })
        };
        for v in [-0.0, -1e-9, -0.004, -0.049, -0.4, -0.49, -499.0, -4_999.0] {
            let shown = [
                fixed(v, 0),
                fixed(v, 1),
                fixed(v, 2),
                one_decimal(v),
                pct(v),
                patients(v),
                axis_number(v),
                Measure::Count.show(v),
                Measure::Percent.show(v),
                Measure::GbpM.show(v),
                Measure::Years.show(v),
                Measure::Weeks.show(v),
                Measure::Count.show_range(v, 2e6),
                Measure::Years.show_difference(v),
                thousands(v.round()),
            ];
            for s in shown {
                assert!(!negative_zero(&s), "{v} reads {s:?}");
            }
        }
        for lever in crate::model::LEVERS.iter() {
            assert!(!negative_zero(&lever_number(lever, -1e-9)), "{}", lever.key);
            assert!(!negative_zero(&plain_number(lever, -1e-9)), "{}", lever.key);
        }
    }
}
