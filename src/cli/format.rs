//! Number and CSV formatting shared by the commands.

use crate::model::Metric;
use serde::ser::{Serialize, Serializer};

pub use crate::scenario::export::fixed;

/// `v` rounded to `dp` decimals as a number (the value the CSV prints, so JSON and CSV agree).
pub fn rounded(v: f64, dp: usize) -> f64 {
    if v.is_finite() {
        fixed(v, dp).parse().unwrap_or(v)
    } else {
        v
    }
}

/// A number serialized rounded to some decimals (NaN becomes null in JSON).
pub struct Rounded(pub f64, pub usize);

impl Serialize for Rounded {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_f64(rounded(self.0, self.1))
    }
}

/// Decimals for a metric in files: its row's (counts to 1 decimal, years to 4, everything
/// else to 3).
pub fn metric_decimals(m: Metric) -> usize {
    m.spec().decimals
}

/// A CSV field, quoted when it holds a comma, quote or line break.
pub fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// A number in a table: as short as it can be while exact (3, -0.7, 0.05).
pub fn short(v: f64) -> String {
    format!("{v}")
}

/// Wraps text to lines of at most `width` characters (words longer than that stand alone),
/// each starting with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounded_agrees_with_the_printed_value() {
        assert_eq!(rounded(59.99951, 3), 60.0);
    }

    #[test]
    fn csv_quotes_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn wrap_respects_width() {
        let w = wrap("one two three four five", 9, "  ");
        assert_eq!(w, "  one two\n  three\n  four five\n");
        assert!(wrap("", 10, "  ").is_empty());
    }

    #[test]
    fn metric_precision_by_unit() {
        assert_eq!(metric_decimals(Metric::WaitingList), 1);
        assert_eq!(metric_decimals(Metric::StaffFte), 1);
        assert_eq!(metric_decimals(Metric::Within18WeeksPct), 3);
        assert_eq!(metric_decimals(Metric::LifeExpectancy), 4);
        assert_eq!(metric_decimals(Metric::BalanceGbpM), 3);
    }
}
