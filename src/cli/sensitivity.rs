//! `ics-whatif sensitivity`: what drives the range, as a tornado per headline figure (see
//! `model::sensitivity` for the method).

use super::args::Flags;
use super::format::{csv_field, fixed, metric_decimals};
use super::run::{json, scenario_from_flags, system, System};
use super::{output_format, Done};
use crate::model::projection::Unit;
use crate::model::sensitivity::{sensitivity as tornadoes, Tornado, HEADLINE_METRICS};
use crate::model::{Baseline, Metric};
use crate::scenario::{shown, ScenarioFile};
use serde::Serialize;

pub fn sensitivity(flags: &Flags) -> Result<Done, String> {
    let (echo, notes) = scenario_from_flags(flags)?;
    let s = &echo.scenario;
    let metrics: Vec<Metric> = match flags.one("--metric") {
        None => HEADLINE_METRICS.to_vec(),
        Some(key) => vec![Metric::from_key(key.trim()).ok_or_else(|| {
            format!(
                "unknown metric '{}': use one of {}",
                shown(key),
                Metric::ALL
                    .iter()
                    .map(|m| m.key())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        })?],
    };
    let year = match flags.one("--year") {
        None => s.years,
        Some(text) => match text.trim().parse::<u32>() {
            Ok(y) if (1..=s.years).contains(&y) => y,
            _ => {
                return Err(format!(
                    "--year must be a whole number from 1 to {} (the horizon), got '{}'",
                    s.years,
                    shown(text)
                ))
            }
        },
    };
    let format = output_format(flags, &["text", "csv", "json"])?;
    let base = Baseline::for_code(&s.system)?;
    let t = tornadoes(&base, s, year, &metrics)?;
    let text = match format {
        "text" => text(&base, &t),
        // Every CSV says what it shows (issue 14.6, sixth session): `super::describe`.
        "csv" => {
            let area = super::describe::area_name(&base);
            let info = super::describe::info(&area, &echo, None, Some(year * 12));
            super::describe::csv_header(&info) + &csv(&t)
        }
        _ => json(&SensitivityJson {
            scenario: &echo,
            system: system(&base),
            year,
            tornadoes: &t,
        }),
    };
    Ok(Done {
        text,
        notes,
        ..Done::default()
    })
}

/// Decimals for a figure in the readable table: whole patients, otherwise as the CSV.
fn decimals(m: Metric) -> usize {
    if matches!(m.spec().unit, Unit::People(_)) {
        0
    } else {
        metric_decimals(m)
    }
}

/// A number with thousands separators: 7,412,345 or -1,234.5.
pub(super) fn grouped(v: f64, dp: usize) -> String {
    let text = fixed(v, dp);
    let (sign, body) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    format!("{sign}{out}")
}

fn text(base: &Baseline, tornadoes: &[Tornado]) -> String {
    let mut out = String::new();
    for (n, t) in tornadoes.iter().enumerate() {
        let metric = Metric::from_key(t.metric).expect("a tornado is for a metric");
        let dp = decimals(metric);
        if n > 0 {
            out.push('\n');
        }
        out.push_str(&format!(
            "{} ({}), {}, year {} (month {})\n",
            t.label, t.unit, base.name, t.year, t.month
        ));
        out.push_str(&format!(
            "Central run, every assumption as set: {}\n",
            grouped(t.central, dp)
        ));
        out.push_str(
            "Each assumption alone at the ends of its 80% interval, the others as set, largest swing first:\n",
        );
        let rows: Vec<[String; 4]> = t
            .swings
            .iter()
            .map(|s| {
                [
                    format!(
                        "{} {}{}",
                        s.label,
                        s.interval_text(),
                        if s.truncated {
                            " (cut at its range end)"
                        } else {
                            ""
                        }
                    ),
                    grouped(s.at_low, dp),
                    grouped(s.at_high, dp),
                    grouped(s.size(), dp),
                ]
            })
            .collect();
        let head = [
            "assumption and 80% interval".to_string(),
            "at low end".into(),
            "at high end".into(),
            "swing".into(),
        ];
        let w: Vec<usize> = (0..4)
            .map(|c| {
                rows.iter()
                    .chain(std::iter::once(&head))
                    .map(|r| r[c].chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for r in std::iter::once(&head).chain(&rows) {
            out.push_str(&format!(
                "  {:<w0$}  {:>w1$}  {:>w2$}  {:>w3$}\n",
                r[0],
                r[1],
                r[2],
                r[3],
                w0 = w[0],
                w1 = w[1],
                w2 = w[2],
                w3 = w[3]
            ));
        }
    }
    out
}

fn csv(tornadoes: &[Tornado]) -> String {
    let mut out = String::from(
        "metric,year,month,rank,assumption,low,high,truncated,central,at_low,at_high,swing,label\n",
    );
    for t in tornadoes {
        let dp = Metric::from_key(t.metric).map_or(3, metric_decimals);
        for (rank, s) in t.swings.iter().enumerate() {
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{},{},{},{},{},{}\n",
                t.metric,
                t.year,
                t.month,
                rank + 1,
                s.key,
                fixed(s.low, 4),
                fixed(s.high, 4),
                s.truncated,
                fixed(t.central, dp),
                fixed(s.at_low, dp),
                fixed(s.at_high, dp),
                fixed(s.size(), dp),
                csv_field(s.label)
            ));
        }
    }
    out
}

#[derive(Serialize)]
struct SensitivityJson<'a> {
    scenario: &'a ScenarioFile,
    system: System<'a>,
    year: u32,
    tornadoes: &'a [Tornado],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grouped_numbers() {
        assert_eq!(grouped(7412345.4, 0), "7,412,345");
        assert_eq!(grouped(-1234.56, 1), "-1,234.6");
        assert_eq!(grouped(999.0, 0), "999");
        assert_eq!(grouped(0.05, 3), "0.050");
    }
}
