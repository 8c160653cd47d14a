//! How numbers read on screen. Kept apart from the components so every figure on the page
//! is written the same way.

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
    format!("{v:.1}%")
}

/// How a scenario figure compares with current plans, in words ("0.21m fewer than ...").
/// `shown` formats the size of the difference; differences that `shown` prints as zero
/// read as "same as".
pub fn versus_current_plans(
    diff: f64,
    shown: impl Fn(f64) -> String,
    fewer: &str,
    more: &str,
) -> String {
    let size = shown(diff.abs());
    if size == shown(0.0) {
        "Same as current plans".to_string()
    } else if diff < 0.0 {
        format!("{size} {fewer} than current plans")
    } else {
        format!("{size} {more} than current plans")
    }
}

/// A lever's value as the number with its unit's symbol ("+10%", "£50", "1.5") and the rest
/// of the unit (" change in joiners", " per resident a year", " points"). Joined, they are
/// what screen readers say; apart, the page can set the number large.
pub fn lever_value_parts(spec: &ParamSpec, v: f64) -> (String, String) {
    let number = lever_number(spec, v);
    match spec.unit.strip_prefix(['%', '£']) {
        Some(rest) => (number, rest.to_string()),
        None => (number, format!(" {}", spec.unit)),
    }
}

/// A lever's value with only the symbol of its unit, for range ends: "+50%", "£200", "1.5".
pub fn lever_number(spec: &ParamSpec, v: f64) -> String {
    let decimals = decimals_of(spec.step);
    // A sign only where the range crosses zero, so "+5" reads as a change from today.
    let sign = if spec.min < 0.0 && v > 0.0 { "+" } else { "" };
    let v = v + 0.0; // -0.0 prints as "-0"
    let number = format!("{sign}{v:.decimals$}").replace('-', "\u{2212}");
    if spec.unit.starts_with('%') {
        format!("{number}%")
    } else if spec.unit.starts_with('£') {
        format!("£{number}")
    } else {
        number
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
