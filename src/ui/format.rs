//! How numbers read on screen. Kept apart from the components so every figure on the page
//! is written the same way.

use crate::model::levers::ParamUnit;
use crate::model::projection::Unit;
use crate::model::ParamSpec;

/// A count of patients: "7.12m" from a million up, "254k" below.
pub fn patients(n: f64) -> String {
    if n.abs() >= 1e6 {
        format!("{:.2}m", n / 1e6)
    } else if n.abs() >= 1e3 {
        format!("{:.0}k", n / 1e3)
    } else {
        format!("{n:.0}")
    }
}

/// A percentage with one decimal: "58.3%".
pub fn pct(v: f64) -> String {
    format!("{}%", one_decimal(v))
}

/// `v` to one decimal place, never "-0.0": a small negative value that rounds to zero (a
/// difference of -0.004 weeks) reads "0.0".
pub fn one_decimal(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    format!("{:.1}", rounded + 0.0)
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
    let sign = if spec.min < 0.0 && v > 0.0 { "+" } else { "" };
    let v = v + 0.0; // -0.0 prints as "-0"
    let number = format!("{sign}{v:.decimals$}").replace('-', "\u{2212}");
    match spec.unit {
        ParamUnit::Percent(_) => format!("{number}%"),
        ParamUnit::Pounds(_) => format!("£{number}"),
        ParamUnit::Plain(_) => number,
    }
}

/// An axis label: at most two decimals, no trailing zeros ("20", "7.5", "0.25").
pub fn axis_number(v: f64) -> String {
    let s = format!("{v:.2}");
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
    let decimals = decimals_of(spec.step);
    let v = v + 0.0; // -0.0 prints as "-0"
    format!("{v:.decimals$}")
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
                let sign = if v < -0.5 { "\u{2212}" } else { "" };
                format!("{sign}£{}m", thousands(v.abs().round()))
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
                        format!("{:.2}m", v / 1e6)
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
            Measure::Percent => format!("{d:.1} points"),
            Measure::GbpM => format!("£{}m", thousands(d.round())),
            Measure::Years => format!("{d:.2} years"),
            Measure::Weeks => format!("{d:.2} weeks"),
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
