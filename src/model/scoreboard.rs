//! The four purposes of an ICS, one or two headline figures each, scenario beside baseline.

use super::params::{OUT_OF_WORK_SHARE_OF_LONG_WAITERS, WORKING_AGE_SHARE_OF_LIST};
use super::projection::{
    judge, nearly_equal, Metric, MetricSpec, MonthRecord, Projection, Unit, Verdict, METRICS,
};
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScoreLine {
    pub purpose: &'static str,
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    /// What the figure counts, in a sentence a board member can read: its parts, its unit
    /// and, for an illustrative figure, that it is one.
    pub definition: &'static str,
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

    /// Whether the two figures are the same for the table's verdict ([`nearly_equal`]).
    pub fn is_same(&self) -> bool {
        nearly_equal(self.scenario, self.baseline)
    }

    /// The verdict as the scoreboard and the comparison table show it: the same when the
    /// figures are [nearly equal](nearly_equal), otherwise by [`judge`].
    pub fn verdict(&self) -> Verdict {
        judge(
            self.higher_is_better,
            self.judged,
            self.scenario,
            self.baseline,
            self.is_same(),
        )
    }

    /// Whether the scenario does better than the baseline (false when equal, and for a
    /// line that is not judged).
    pub fn is_better(&self) -> bool {
        self.direction() == Verdict::Better
    }

    /// Whether the scenario does worse than the baseline (false when equal, and for a line
    /// that is not judged).
    pub fn is_worse(&self) -> bool {
        self.direction() == Verdict::Worse
    }

    /// The verdict by direction alone, however the two figures read when shown.
    fn direction(&self) -> Verdict {
        judge(
            self.higher_is_better,
            self.judged,
            self.scenario,
            self.baseline,
            false,
        )
    }
}

pub const PURPOSES: [&str; 4] = [
    "Improve outcomes",
    "Tackle inequalities",
    "Productivity and value",
    "Social and economic development",
];

/// Figures the scoreboard reports that are not metrics of their own (no fan, no column):
/// rows of the same kind as the metric table's.
pub const TREATMENTS_PER_GBP_M: MetricSpec = MetricSpec {
    key: "treatments_per_gbp_m",
    label: "Planned-care treatments per £1m of NHS spending",
    unit: Unit::Count("treatments per £m"),
    decimals: 3,
    higher_is_better: true,
    judged: true,
    of: |r| MonthRecord::total(&r.treated) / r.spend_gbp_m.max(1e-9),
    by_fifth: None,
};

pub const TREATMENTS_PER_FTE_YEAR: MetricSpec = MetricSpec {
    key: "treatments_per_fte_year",
    label: "Planned-care treatments per staff member (in post, bank and agency)",
    unit: Unit::Count("treatments per FTE a year"),
    decimals: 3,
    higher_is_better: true,
    judged: true,
    of: |r| {
        12.0 * MonthRecord::total(&r.treated) / (r.staff_fte + r.agency_fte + r.bank_fte).max(1e-9)
    },
    by_fifth: None,
};

pub const KEPT_OUT_OF_WORK: MetricSpec = MetricSpec {
    key: "kept_out_of_work",
    label: "Working-age people kept out of work by long waits",
    unit: Unit::People("people"),
    decimals: 1,
    higher_is_better: false,
    judged: true,
    of: |r| {
        (MonthRecord::total(&r.waiting_list) - MonthRecord::total(&r.within_18_weeks))
            * WORKING_AGE_SHARE_OF_LIST
            * OUT_OF_WORK_SHARE_OF_LONG_WAITERS
    },
    by_fifth: None,
};

/// One line of the scoreboard: the purpose it serves (an index into [`PURPOSES`]), its
/// row, and where the scoreboard words a metric its own way, its label and unit.
struct Figure {
    purpose: usize,
    spec: &'static MetricSpec,
    label: Option<&'static str>,
    unit: Option<Unit>,
    definition: &'static str,
}

const fn metric(purpose: usize, m: Metric, definition: &'static str) -> Figure {
    Figure {
        purpose,
        spec: &METRICS[m as usize],
        label: None,
        unit: None,
        definition,
    }
}

const fn own(purpose: usize, spec: &'static MetricSpec, definition: &'static str) -> Figure {
    Figure {
        purpose,
        spec,
        label: None,
        unit: None,
        definition,
    }
}

const FIGURES: [Figure; 9] = [
    metric(
        0,
        Metric::HealthyLifeExpectancy,
        "Years a baby born now could expect to live in good health, the mean over the area's \
         residents (ONS, 2022-24, at the start).",
    ),
    metric(
        1,
        Metric::LifeExpectancyGap,
        "Life expectancy at birth in the area's least deprived fifth of residents minus its \
         most deprived fifth (national IMD 2025 fifths), men and women together.",
    ),
    metric(
        1,
        Metric::WaitGapWeeks,
        "How much longer, on average, people on the waiting list from the most deprived fifth \
         have waited than those from the least deprived fifth, in weeks.",
    ),
    own(
        2,
        &TREATMENTS_PER_GBP_M,
        "Waiting-list patients treated in the month (RTT completed pathways: clock stops) for \
         each £1m of the ICS's NHS revenue spending that month. England, 2024/25: about 18m a \
         year over £127bn of ICB allocations, some 140 per £1m.",
    ),
    own(
        2,
        &TREATMENTS_PER_FTE_YEAR,
        "Waiting-list patients treated a year (RTT completed pathways) for each full-time \
         equivalent member of NHS staff, clinical and non-clinical, counting bank and agency \
         cover. England, 2024: about 18m over about 1.5m FTE, some 12.",
    ),
    // The running balance, worded for a board with its price base.
    Figure {
        label: Some("NHS surplus (+) or deficit (\u{2212}) since the start"),
        unit: Some(Unit::GbpM("£m, 2025/26 prices")),
        ..metric(
            2,
            Metric::CumulativeBalanceGbpM,
            "The ICS's NHS allocation (and any extra funding) less its NHS revenue spending, \
             added up month by month from the start. Current plans aim to break even.",
        )
    },
    Figure {
        label: Some("Extra spending the levers need since the start (NHS and local government)"),
        ..metric(
            2,
            Metric::CumulativeCostGbpM,
            "What the moved levers cost beyond current plans, added up from the start, in \
             2025/26 prices: NHS revenue and capital, and local government's share.",
        )
    },
    metric(
        2,
        Metric::CumulativeCostLocalGovGbpM,
        "The part of that extra spending paid by local government: social care packages and \
         public-health prevention.",
    ),
    own(
        3,
        &KEPT_OUT_OF_WORK,
        "Illustrative, not a published estimate: people waiting over 18 weeks, times 45% of \
         working age, times 5% assumed out of work because of the wait. Read it as a size, \
         not a count.",
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
        .map(|f| ScoreLine {
            purpose: PURPOSES[f.purpose],
            key: f.spec.key,
            label: f.label.unwrap_or(f.spec.label),
            unit: f.unit.unwrap_or(f.spec.unit),
            definition: f.definition,
            scenario: (f.spec.of)(s),
            baseline: (f.spec.of)(b),
            higher_is_better: f.spec.higher_is_better,
            judged: f.spec.judged,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{simulate, Baseline, Scenario};

    #[test]
    fn every_measure_says_what_it_counts_and_the_illustrative_one_says_so() {
        let s = Scenario {
            system: "england".to_string(),
            ..Scenario::default()
        };
        let p = simulate(&Baseline::for_code("england").unwrap(), &s);
        let lines = scoreboard(&p, &p, 12);
        for line in &lines {
            assert!(
                line.definition.len() > 40,
                "{}: {:?}",
                line.key,
                line.definition
            );
            assert!(line.definition.ends_with('.'), "{}", line.key);
        }
        let out_of_work = lines.iter().find(|l| l.key == "kept_out_of_work").unwrap();
        assert!(out_of_work.definition.starts_with("Illustrative"));
        // The sentence quotes the two assumptions the figure multiplies by.
        for share in [WORKING_AGE_SHARE_OF_LIST, OUT_OF_WORK_SHARE_OF_LONG_WAITERS] {
            let pct = format!("{}%", (share * 100.0).round());
            assert!(out_of_work.definition.contains(&pct), "{pct}");
        }
    }
}
