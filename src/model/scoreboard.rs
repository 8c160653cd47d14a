//! The four purposes of an ICS, one or two headline figures each, scenario beside baseline.

use super::params::{OUT_OF_WORK_SHARE_OF_LONG_WAITERS, WORKING_AGE_SHARE_OF_LIST};
use super::projection::{Metric, MonthRecord, Projection};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreLine {
    pub purpose: &'static str,
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub scenario: f64,
    pub baseline: f64,
    pub higher_is_better: bool,
    /// Whether a difference is judged better or worse. Money spent or received is not: a
    /// cost reads as a cost, extra funding as a source of money.
    pub judged: bool,
}

impl ScoreLine {
    /// Scenario minus baseline.
    pub fn difference(&self) -> f64 {
        self.scenario - self.baseline
    }

    /// Whether the scenario does better than the baseline (false when equal, and for a
    /// line that is not judged).
    pub fn is_better(&self) -> bool {
        let d = self.difference();
        self.judged
            && if self.higher_is_better {
                d > 0.0
            } else {
                d < 0.0
            }
    }

    /// Whether the scenario does worse than the baseline (false when equal, and for a line
    /// that is not judged).
    pub fn is_worse(&self) -> bool {
        let d = self.difference();
        self.judged
            && if self.higher_is_better {
                d < 0.0
            } else {
                d > 0.0
            }
    }
}

pub const PURPOSES: [&str; 4] = [
    "Improve outcomes",
    "Tackle inequalities",
    "Productivity and value",
    "Social and economic development",
];

type Figure = (
    &'static str,
    &'static str,
    &'static str,
    bool,
    fn(&MonthRecord) -> f64,
);

const FIGURES: [(usize, Figure); 9] = [
    (
        0,
        (
            "healthy_life_expectancy",
            "Healthy life expectancy",
            "years",
            true,
            |r| Metric::HealthyLifeExpectancy.of(r),
        ),
    ),
    (
        1,
        (
            "le_gap_years",
            "Life-expectancy gap, least vs most deprived fifth",
            "years",
            false,
            |r| Metric::LifeExpectancyGap.of(r),
        ),
    ),
    (
        1,
        (
            "wait_gap_weeks",
            "Extra average wait, most vs least deprived fifth",
            "weeks",
            false,
            |r| Metric::WaitGapWeeks.of(r),
        ),
    ),
    (
        2,
        (
            "treatments_per_gbp_m",
            "Planned-care treatments per £1m of NHS spending",
            "treatments per £m",
            true,
            |r| MonthRecord::total(&r.treated) / r.spend_gbp_m.max(1e-9),
        ),
    ),
    (
        2,
        (
            "treatments_per_fte_year",
            "Planned-care treatments per staff member (in post, bank and agency)",
            "treatments per FTE a year",
            true,
            |r| {
                12.0 * MonthRecord::total(&r.treated)
                    / (r.staff_fte + r.agency_fte + r.bank_fte).max(1e-9)
            },
        ),
    ),
    (
        2,
        (
            "cumulative_balance_gbp_m",
            "NHS surplus (+) or deficit (\u{2212}) since the start",
            "£m, 2025/26 prices",
            true,
            |r| r.cumulative_balance_gbp_m,
        ),
    ),
    (
        2,
        (
            "cumulative_cost_gbp_m",
            "Extra spending the levers need since the start (NHS and local government)",
            "£m, 2025/26 prices",
            false,
            |r| r.cumulative_cost_gbp_m,
        ),
    ),
    (
        2,
        (
            "cumulative_cost_local_gov_gbp_m",
            "Of which paid by local government (social care, prevention)",
            "£m, 2025/26 prices",
            false,
            |r| r.cumulative_cost_local_gov_gbp_m,
        ),
    ),
    (
        3,
        (
            "kept_out_of_work",
            "Working-age people kept out of work by long waits",
            "people",
            false,
            |r| {
                (MonthRecord::total(&r.waiting_list) - MonthRecord::total(&r.within_18_weeks))
                    * WORKING_AGE_SHARE_OF_LIST
                    * OUT_OF_WORK_SHARE_OF_LONG_WAITERS
            },
        ),
    ),
];

/// The scoreboard at `month` (clamped to the horizon).
pub fn scoreboard(scenario: &Projection, baseline: &Projection, month: usize) -> Vec<ScoreLine> {
    fn at(p: &Projection, month: usize) -> &MonthRecord {
        &p.months[month.min(p.months.len() - 1)]
    }
    let (s, b) = (at(scenario, month), at(baseline, month));
    FIGURES
        .iter()
        .map(|&(p, (key, label, unit, higher_is_better, f))| ScoreLine {
            purpose: PURPOSES[p],
            key,
            label,
            unit,
            scenario: f(s),
            baseline: f(b),
            higher_is_better,
            judged: Metric::from_key(key).is_none_or(Metric::is_judged),
        })
        .collect()
}
