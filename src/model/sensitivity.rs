//! What drives the range: a one-at-a-time sensitivity analysis (a "tornado").
//!
//! # Method
//!
//! For every assumption with an 80% interval (`ParamSpec::uncertainty`, in table order), two
//! deterministic runs of the scenario: one with that assumption at the low end of its 80%
//! interval and one at the high end, every other assumption at the value set. The interval is
//! the one the Monte Carlo draws from (`monte_carlo`), moved with the value set: where a range
//! end cuts it, the ends are the 10th and 90th percentiles of the truncated draws instead, so
//! the tornado and the fans agree. Each run's figure at the chosen year, against the central
//! run (every assumption as set), is the assumption's swing; the assumptions are listed
//! largest swing first.
//!
//! As in the Monte Carlo, removals from the waiting list respond to each run's list relative
//! to current plans under the assumptions as set (one reference for all runs), so a swing is
//! the part of the fan's spread that one assumption alone makes. Swings do not add up to the
//! fan's width: assumptions interact, and the fan also carries month-to-month noise.
//!
//! Costs one reference run plus one central run plus two runs per uncertain assumption.

use super::baseline::Baseline;
use super::levers::{Assumption, ParamSpec, ParamUnit};
use super::monte_carlo::{truncation_notes, TruncationNote};
use super::projection::{Metric, MonthRecord};
use super::simulate::{reference_lists, run, Scenario};
use serde::Serialize;

/// The headline figures a tornado is drawn for by default: waiting list, share within 18
/// weeks, 52-week waiters, cumulative balance, life expectancy and its gap by deprivation.
pub const HEADLINE_METRICS: [Metric; 6] = [
    Metric::WaitingList,
    Metric::Within18WeeksPct,
    Metric::Over52Weeks,
    Metric::CumulativeBalanceGbpM,
    Metric::LifeExpectancy,
    Metric::LifeExpectancyGap,
];

/// One assumption's effect on one metric.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Swing {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: ParamUnit,
    /// The assumption's low and high values tried (its 80% interval's ends).
    pub low: f64,
    pub high: f64,
    /// Whether a range end cut the interval (the ends are then the truncated draws'
    /// 10th and 90th percentiles).
    pub truncated: bool,
    /// The metric at the chosen year with the assumption at its low and at its high end.
    pub at_low: f64,
    pub at_high: f64,
}

impl Swing {
    /// The width of the bar: how far apart the two ends put the metric.
    pub fn size(&self) -> f64 {
        (self.at_high - self.at_low).abs()
    }

    /// The interval in words with its unit: "1.5% to 3.5% a year", "0.2 to 1 years".
    pub fn interval_text(&self) -> String {
        interval_text(self.unit, self.low, self.high)
    }
}

/// The tornado for one metric: the central figure and every assumption's swing, largest first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Tornado {
    pub metric: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub year: u32,
    pub month: usize,
    /// The figure with every assumption as set.
    pub central: f64,
    pub swings: Vec<Swing>,
}

/// The tornado for each of `metrics` at `year` (1 to the scenario's horizon).
pub fn sensitivity(
    base: &Baseline,
    s: &Scenario,
    year: u32,
    metrics: &[Metric],
) -> Result<Vec<Tornado>, String> {
    if year < 1 || year > s.years {
        return Err(format!(
            "the year must be from 1 to the horizon, {}; got {year}",
            s.years
        ));
    }
    let month = year as usize * 12;
    let reference = reference_lists(base, s);
    let at = |scenario: &Scenario| -> Vec<f64> {
        let mut out = Vec::new();
        run(base, scenario, Some(&reference), None, |r: &MonthRecord| {
            if r.month == month {
                out = metrics.iter().map(|m| m.of(r)).collect();
            }
        });
        out
    };
    let central = at(s);
    let notes = truncation_notes(&s.assumptions);
    // Each uncertain assumption's ends and the metrics' values there.
    struct Ends {
        spec: &'static ParamSpec,
        low: f64,
        high: f64,
        truncated: bool,
        at_low: Vec<f64>,
        at_high: Vec<f64>,
    }
    let ends: Vec<Ends> = Assumption::ALL
        .iter()
        .filter_map(|&a| {
            let spec = a.spec();
            let (lo, hi) = spec.uncertainty?;
            let (low, high, truncated) = match notes.iter().find(|n| n.key == spec.key) {
                Some(TruncationNote { drawn, .. }) => (drawn.0, drawn.1, true),
                None => {
                    let v = s.assumptions[a];
                    (v - (spec.default - lo), v + (hi - spec.default), false)
                }
            };
            let with = |value: f64| {
                let mut varied = s.clone();
                varied.assumptions[a] = value;
                at(&varied)
            };
            Some(Ends {
                spec,
                low,
                high,
                truncated,
                at_low: with(low),
                at_high: with(high),
            })
        })
        .collect();
    Ok(metrics
        .iter()
        .enumerate()
        .map(|(i, metric)| {
            let mut swings: Vec<Swing> = ends
                .iter()
                .map(|e| Swing {
                    key: e.spec.key,
                    label: e.spec.label,
                    unit: e.spec.unit,
                    low: e.low,
                    high: e.high,
                    truncated: e.truncated,
                    at_low: e.at_low[i],
                    at_high: e.at_high[i],
                })
                .collect();
            // Largest first; equal swings keep table order.
            crate::sort::sort_by(&mut swings, |a, b| b.size().total_cmp(&a.size()));
            let spec = metric.spec();
            Tornado {
                metric: spec.key,
                label: spec.label,
                unit: spec.unit.text(),
                year,
                month,
                central: central[i],
                swings,
            }
        })
        .collect())
}

/// An interval with its unit in words: a percentage's sign follows each number ("1.5% to
/// 3.5% a year"), any other unit follows the pair ("3 to 8 years").
pub fn interval_text(unit: ParamUnit, low: f64, high: f64) -> String {
    match unit {
        ParamUnit::Percent(_) => format!("{}% to {}%{}", short(low), short(high), unit.rest()),
        _ => format!("{} to {} {unit}", short(low), short(high)),
    }
}

/// A value of an assumption: up to three decimals, trailing zeros dropped.
fn short(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn england(years: u32) -> (Baseline, Scenario) {
        (
            Baseline::england(),
            Scenario {
                years,
                ..Scenario::default()
            },
        )
    }

    #[test]
    fn every_uncertain_assumption_has_a_swing_sorted_largest_first() {
        let (base, s) = england(5);
        let t = sensitivity(&base, &s, 5, &HEADLINE_METRICS).unwrap();
        assert_eq!(t.len(), HEADLINE_METRICS.len());
        let uncertain = Assumption::ALL
            .iter()
            .filter(|a| a.spec().uncertainty.is_some())
            .count();
        for tornado in &t {
            assert_eq!(tornado.swings.len(), uncertain, "{}", tornado.metric);
            assert!(tornado
                .swings
                .windows(2)
                .all(|w| w[0].size() >= w[1].size()));
            assert!(tornado.central.is_finite());
            assert!(tornado
                .swings
                .iter()
                .all(|s| s.at_low.is_finite() && s.at_high.is_finite()));
        }
    }

    #[test]
    fn the_central_run_is_the_deterministic_projection() {
        let (base, s) = england(3);
        let t = sensitivity(&base, &s, 3, &[Metric::WaitingList]).unwrap();
        let p = super::super::simulate(&base, &s);
        // Current plans run with their own list as the removals' reference, as every Monte
        // Carlo draw does: the same list up to rounding.
        let det = Metric::WaitingList.of(&p.months[36]);
        assert!(
            (t[0].central - det).abs() < 1e-9 * det,
            "{} {det}",
            t[0].central
        );
    }

    #[test]
    fn faster_referral_growth_lengthens_the_list() {
        let (base, s) = england(5);
        let t = sensitivity(&base, &s, 5, &[Metric::WaitingList]).unwrap();
        let demand = t[0]
            .swings
            .iter()
            .find(|s| s.key == "demand_growth_pct")
            .unwrap();
        assert_eq!((demand.low, demand.high), (1.8, 3.2));
        assert!(demand.at_low < t[0].central && t[0].central < demand.at_high);
        assert_eq!(demand.interval_text(), "1.8% to 3.2% a year");
    }

    #[test]
    fn a_cut_interval_uses_the_truncated_draws_ends() {
        let (base, mut s) = england(2);
        s.assumptions[Assumption::DemandGrowth] = 0.0;
        let t = sensitivity(&base, &s, 2, &[Metric::WaitingList]).unwrap();
        let demand = t[0]
            .swings
            .iter()
            .find(|s| s.key == "demand_growth_pct")
            .unwrap();
        assert!(demand.truncated);
        // The half-normal above 0 (sd (2.5 - 1.8) / 1.2816): its 10th and 90th percentiles
        // are the normal's 55th and 95th.
        let sd = (2.5 - 1.8) / 1.281_551_565_545;
        assert!(
            (demand.low - 0.125_661_346_855 * sd).abs() < 1e-9,
            "{}",
            demand.low
        );
        assert!(
            (demand.high - 1.644_853_626_951 * sd).abs() < 1e-9,
            "{}",
            demand.high
        );
    }

    #[test]
    fn years_outside_the_horizon_are_refused() {
        let (base, s) = england(2);
        for year in [0, 3] {
            let e = sensitivity(&base, &s, year, &[Metric::WaitingList]).unwrap_err();
            assert!(e.contains("from 1 to the horizon, 2"), "{e}");
        }
    }

    #[test]
    fn interval_text_places_the_unit() {
        use ParamUnit::{Percent, Plain};
        assert_eq!(
            interval_text(Percent("% a year"), 1.5, 3.5),
            "1.5% to 3.5% a year"
        );
        assert_eq!(interval_text(Plain("years"), 3.0, 8.0), "3 to 8 years");
        assert_eq!(
            interval_text(Plain("share of removals, 0-1"), 0.6, 1.0),
            "0.6 to 1 share of removals, 0-1"
        );
    }
}
