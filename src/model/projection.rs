//! What a run produces: one record a month, and named metrics read from it.

use super::outcomes::Causes;
use super::queue::{self, Profile, DAYS_PER_MONTH};
use super::table::keyed_table;
use serde::Serialize;
use MonthRecord as R;

/// The state at the end of a month and the flows during it. Month 0 is the starting state
/// (the last published month, March 2025 today) with no flows; the flows of month `t` happen during month `t`.
/// Arrays are by deprivation quintile, Q1 (most deprived) first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MonthRecord {
    pub month: usize,
    pub referrals: [f64; 5],
    pub treated: [f64; 5],
    pub removed: [f64; 5],
    pub waiting_list: [f64; 5],
    pub within_18_weeks: [f64; 5],
    pub over_52_weeks: [f64; 5],
    pub median_wait_weeks: [f64; 5],
    pub mean_wait_weeks: [f64; 5],
    /// Median wait of the whole list (not a mean of the quintiles' medians).
    pub median_wait_weeks_all: f64,
    pub life_expectancy: [f64; 5],
    pub healthy_life_expectancy: [f64; 5],
    pub population_share: [f64; 5],
    pub staff_fte: f64,
    pub establishment_fte: f64,
    pub agency_fte: f64,
    pub joiners_fte: f64,
    pub leavers_fte: f64,
    pub leaver_rate_pct: f64,
    /// Treatments the system could deliver this month.
    pub capacity: f64,
    pub delayed_discharge_pct: f64,
    pub backlog_gbp_m: f64,
    pub income_gbp_m: f64,
    pub spend_gbp_m: f64,
    pub balance_gbp_m: f64,
    pub cumulative_balance_gbp_m: f64,
    /// What moved life expectancy and healthy life expectancy since month 0, by fifth.
    pub le_causes: Causes,
    pub hle_causes: Causes,
    /// Bank staff covering vacant posts (FTE).
    pub bank_fte: f64,
    /// NHS spending that month by kind, £m: staff in post; bank and agency cover; other
    /// running costs (non-pay, including the budget of posts whose work is lost).
    pub pay_gbp_m: f64,
    pub cover_gbp_m: f64,
    pub nonpay_gbp_m: f64,
    /// Extra funding received that month (income, a source of money), £m: the extra funding
    /// lever's money plus the allocation above current plans' funding growth (negative when
    /// funding grows more slowly than current plans).
    pub extra_funding_gbp_m: f64,
    /// Of `extra_funding_gbp_m`, the allocation above current plans' funding growth, £m.
    pub funding_above_plans_gbp_m: f64,
    /// The levers' direct extra spending against current plans that month, £m: paid by the
    /// NHS (training, productivity investment, capital), by local government (social care,
    /// prevention), and in all (with what extra funding buys).
    pub cost_nhs_gbp_m: f64,
    pub cost_local_gov_gbp_m: f64,
    pub cost_gbp_m: f64,
    pub cumulative_cost_gbp_m: f64,
    /// The part of the running total paid by local government, £m.
    pub cumulative_cost_local_gov_gbp_m: f64,
    /* Places: referrals by place follow prevention aimed at places (issue 13) */
    /// Referrals prevention avoided that month, by fifth (need less `referrals`): places
    /// aimed at take these off their own estimated referrals (`places`). Not an output.
    #[serde(skip)]
    pub referrals_avoided: [f64; 5],
    /* Money: the spending parts add up (fresh-eyes finding 3) */
    /// The levers' NHS revenue costs that month, £m (training places): the part of
    /// `spend_gbp_m` beyond pay, cover and non-pay, so the four add up to it.
    pub lever_revenue_gbp_m: f64,
}

impl MonthRecord {
    /// Fills the waiting-list figures from the queues at the end of the month.
    pub fn set_queue_stats(&mut self, queues: &[Profile; 5]) {
        let weeks = DAYS_PER_MONTH / 7.0;
        let (summaries, median_all) = queue::summarise_quintiles(queues);
        for (q, s) in summaries.iter().enumerate() {
            self.waiting_list[q] = s.total;
            self.within_18_weeks[q] = s.within_18_weeks;
            self.over_52_weeks[q] = s.over_52_weeks;
            self.median_wait_weeks[q] = s.median_months * weeks;
            self.mean_wait_weeks[q] = s.mean_months * weeks;
        }
        self.median_wait_weeks_all = median_all * weeks;
    }

    pub fn total(values: &[f64; 5]) -> f64 {
        values.iter().sum()
    }

    /// Population-weighted mean across quintiles.
    pub fn mean(&self, values: &[f64; 5]) -> f64 {
        (0..5).map(|q| values[q] * self.population_share[q]).sum()
    }

    pub fn within_18_weeks_pct(&self, q: Option<usize>) -> f64 {
        let (within, list) = match q {
            Some(q) => (self.within_18_weeks[q], self.waiting_list[q]),
            None => (
                Self::total(&self.within_18_weeks),
                Self::total(&self.waiting_list),
            ),
        };
        if list > 0.0 {
            100.0 * within / list
        } else {
            100.0
        }
    }

    pub fn vacancy_rate_pct(&self) -> f64 {
        if self.establishment_fte > 0.0 {
            100.0 * (self.establishment_fte - self.staff_fte).max(0.0) / self.establishment_fte
        } else {
            0.0
        }
    }
}

/// What a metric counts, as a type: views choose how a figure reads from the variant, never
/// by reading the text, which is only shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// People or patients, who come whole, with what they are: "patients a month".
    People(&'static str),
    /// Any other number of things, which may come in fractions: "full-time equivalents",
    /// "treatments per £m".
    Count(&'static str),
    /// A percentage, with what of: "% of waiting list".
    Percent(&'static str),
    Weeks,
    Years,
    /// Pounds in millions, with the period and prices: "£m a month, 2025/26 prices".
    GbpM(&'static str),
}

impl Unit {
    /// The unit in words, as tables and files show it.
    pub const fn text(self) -> &'static str {
        match self {
            Unit::People(t) | Unit::Count(t) | Unit::Percent(t) | Unit::GbpM(t) => t,
            Unit::Weeks => "weeks",
            Unit::Years => "years",
        }
    }
}

impl std::fmt::Display for Unit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text())
    }
}

/// A unit equals its text (`unit == "years"`), so tests can name it as a reader would;
/// code chooses a format by the variant, not by comparing text.
impl PartialEq<&str> for Unit {
    fn eq(&self, other: &&str) -> bool {
        self.text() == *other
    }
}

impl Serialize for Unit {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.text())
    }
}

/// How to read one output: key, label, unit, decimals in files, the system-wide value and
/// the value by deprivation fifth, and which direction is better. One row per metric in
/// [`METRICS`]; the scoreboard's own figures are rows of the same kind.
#[derive(Clone, Copy, Debug)]
pub struct MetricSpec {
    /// Used by the CSV, the CLI (`--metric`), JSON and the page's `data-` attributes.
    pub key: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    /// Decimals in files (CSV and JSON): counts to 1, years to 4 (changes are small),
    /// everything else (percentages, weeks, £m) to 3.
    pub decimals: usize,
    pub higher_is_better: bool,
    /// Whether a difference from current plans is judged better or worse. Money a scenario
    /// spends or receives is not: a cost is a cost and extra funding is a source of money,
    /// shown as such, never as "better". The balance is judged (a deeper deficit is worse).
    pub judged: bool,
    /// The system-wide value in a month.
    pub of: fn(&MonthRecord) -> f64,
    /// The values by deprivation fifth, Q1 (most deprived) first; `None` for a figure the
    /// model keeps for the whole system only (files repeat the system value on each fifth).
    pub by_fifth: Option<fn(&MonthRecord) -> [f64; 5]>,
}

impl MetricSpec {
    /// The value for one fifth (`Some(q)`) or the whole system (`None`); a system-wide
    /// figure reads the same for every fifth.
    pub fn value(&self, r: &MonthRecord, fifth: Option<usize>) -> f64 {
        match (fifth, self.by_fifth) {
            (Some(q), Some(by_fifth)) => by_fifth(r)[q],
            _ => (self.of)(r),
        }
    }

    /// Better, worse or the same as `baseline`: see [`judge`].
    pub fn verdict(&self, scenario: f64, baseline: f64, reads_same: bool) -> Verdict {
        judge(
            self.higher_is_better,
            self.judged,
            scenario,
            baseline,
            reads_same,
        )
    }
}

/// A scenario's figure against current plans, in words the page and tables use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Same,
    Better,
    Worse,
    /// More money spent or received than current plans: not judged better or worse.
    More,
    /// Less money spent or received.
    Less,
}

impl Verdict {
    /// The page's word for it in `data-verdict` and CSS classes: "same", "better", "worse",
    /// or "cost" for money spent or received, whichever way it moved.
    pub fn class(self) -> &'static str {
        match self {
            Verdict::Same => "same",
            Verdict::Better => "better",
            Verdict::Worse => "worse",
            Verdict::More | Verdict::Less => "cost",
        }
    }
}

/// The one rule for "better / worse / same": the same when the two figures read the same as
/// shown (`reads_same`, each view rounds its own way) or are equal; money spent or received
/// (`judged` false) is more or less, not better or worse; otherwise the direction decides.
pub fn judge(
    higher_is_better: bool,
    judged: bool,
    scenario: f64,
    baseline: f64,
    reads_same: bool,
) -> Verdict {
    let d = scenario - baseline;
    if reads_same || d == 0.0 || d.is_nan() {
        Verdict::Same
    } else if !judged {
        if d > 0.0 {
            Verdict::More
        } else {
            Verdict::Less
        }
    } else if (d > 0.0) == higher_is_better {
        Verdict::Better
    } else {
        Verdict::Worse
    }
}

/// Whether two figures are the same for a verdict in a table: a difference below 0.005 or
/// below one part in 10,000 of the baseline.
pub fn nearly_equal(scenario: f64, baseline: f64) -> bool {
    let d = (scenario - baseline).abs();
    d < 0.005 || d / baseline.abs().max(1e-9) < 1e-4
}

/// A row of [`METRICS`] (keeps each row to what differs).
const fn row(
    key: &'static str,
    label: &'static str,
    unit: Unit,
    higher_is_better: bool,
    of: fn(&MonthRecord) -> f64,
) -> MetricSpec {
    MetricSpec {
        key,
        label,
        unit,
        decimals: match unit {
            Unit::People(_) | Unit::Count(_) => 1,
            Unit::Years => 4,
            _ => 3,
        },
        higher_is_better,
        judged: true,
        of,
        by_fifth: None,
    }
}

impl MetricSpec {
    /// This row with its values by fifth.
    const fn with_fifths(self, by_fifth: fn(&MonthRecord) -> [f64; 5]) -> MetricSpec {
        MetricSpec {
            by_fifth: Some(by_fifth),
            ..self
        }
    }

    /// This row, not judged better or worse (money spent or received).
    const fn not_judged(self) -> MetricSpec {
        MetricSpec {
            judged: false,
            ..self
        }
    }
}

const HIGHER_IS_BETTER: bool = true;
const LOWER_IS_BETTER: bool = false;
const PATIENTS: Unit = Unit::People("patients");
const PATIENTS_A_MONTH: Unit = Unit::People("patients a month");
const FTE: Unit = Unit::Count("full-time equivalents");
const GBP_M_A_MONTH: Unit = Unit::GbpM("£m a month, 2025/26 prices");
const GBP_M: Unit = Unit::GbpM("£m, 2025/26 prices");

keyed_table! {
    /// Per-month system figures that charts, fans and the CLI read by key. A new metric goes
    /// at the end (the Monte Carlo, the golden fingerprint and files list them in this order).
    #[derive(Serialize)]
    enum Metric;
    /// Every metric, one row each, in [`Metric::ALL`] order.
    const METRICS: [MetricSpec] = {
        WaitingList => row(
            "waiting_list",
            "Waiting list",
            PATIENTS,
            LOWER_IS_BETTER,
            |r| R::total(&r.waiting_list),
        ).with_fifths(|r| r.waiting_list),
        Within18WeeksPct => row(
            "within_18_weeks_pct",
            "Within 18 weeks",
            Unit::Percent("% of waiting list"),
            HIGHER_IS_BETTER,
            |r| r.within_18_weeks_pct(None),
        ).with_fifths(|r| std::array::from_fn(|q| r.within_18_weeks_pct(Some(q)))),
        Over52Weeks => row(
            "over_52_weeks",
            "Waiting over 52 weeks",
            PATIENTS,
            LOWER_IS_BETTER,
            |r| R::total(&r.over_52_weeks),
        ).with_fifths(|r| r.over_52_weeks),
        MedianWaitWeeks => row(
            "median_wait_weeks",
            "Median wait",
            Unit::Weeks,
            LOWER_IS_BETTER,
            |r| r.median_wait_weeks_all,
        ).with_fifths(|r| r.median_wait_weeks),
        Referrals => row(
            "referrals",
            "Referrals",
            PATIENTS_A_MONTH,
            LOWER_IS_BETTER,
            |r| R::total(&r.referrals),
        ).with_fifths(|r| r.referrals),
        Treated => row(
            "treated",
            "Treated",
            PATIENTS_A_MONTH,
            HIGHER_IS_BETTER,
            |r| R::total(&r.treated),
        ).with_fifths(|r| r.treated),
        Removed => row(
            "removed",
            "Removed without treatment",
            PATIENTS_A_MONTH,
            LOWER_IS_BETTER,
            |r| R::total(&r.removed),
        ).with_fifths(|r| r.removed),
        StaffFte => row(
            "staff_fte",
            "Staff",
            FTE,
            HIGHER_IS_BETTER,
            |r| r.staff_fte,
        ),
        VacancyRatePct => row(
            "vacancy_rate_pct",
            "Vacancy rate",
            Unit::Percent("% of establishment"),
            LOWER_IS_BETTER,
            |r| r.vacancy_rate_pct(),
        ),
        AgencyFte => row(
            "agency_fte",
            "Agency staff",
            FTE,
            LOWER_IS_BETTER,
            |r| r.agency_fte,
        ),
        LeaverRatePct => row(
            "leaver_rate_pct",
            "Leaver rate",
            Unit::Percent("% a year"),
            LOWER_IS_BETTER,
            |r| r.leaver_rate_pct,
        ),
        BalanceGbpM => row(
            "balance_gbp_m",
            "Monthly balance",
            Unit::GbpM("£m a month"),
            HIGHER_IS_BETTER,
            |r| r.balance_gbp_m,
        ),
        CumulativeBalanceGbpM => row(
            "cumulative_balance_gbp_m",
            "Cumulative surplus (+) or deficit (-)",
            Unit::GbpM("£m"),
            HIGHER_IS_BETTER,
            |r| r.cumulative_balance_gbp_m,
        ),
        LifeExpectancy => row(
            "life_expectancy",
            "Life expectancy",
            Unit::Years,
            HIGHER_IS_BETTER,
            |r| r.mean(&r.life_expectancy),
        ).with_fifths(|r| r.life_expectancy),
        HealthyLifeExpectancy => row(
            "healthy_life_expectancy",
            "Healthy life expectancy",
            Unit::Years,
            HIGHER_IS_BETTER,
            |r| r.mean(&r.healthy_life_expectancy),
        ).with_fifths(|r| r.healthy_life_expectancy),
        LifeExpectancyGap => row(
            "le_gap_years",
            "Life-expectancy gap, least vs most deprived fifth",
            Unit::Years,
            LOWER_IS_BETTER,
            |r| r.life_expectancy[4] - r.life_expectancy[0],
        ),
        WaitGapWeeks => row(
            "wait_gap_weeks",
            "Extra average wait, most vs least deprived fifth",
            Unit::Weeks,
            LOWER_IS_BETTER,
            |r| r.mean_wait_weeks[0] - r.mean_wait_weeks[4],
        ),
        CostGbpM => row(
            "cost_gbp_m",
            "Extra spending the levers need, against current plans",
            GBP_M_A_MONTH,
            LOWER_IS_BETTER,
            |r| r.cost_gbp_m,
        ).not_judged(),
        CumulativeCostGbpM => row(
            "cumulative_cost_gbp_m",
            "Extra spending the levers need since the start, against current plans",
            GBP_M,
            LOWER_IS_BETTER,
            |r| r.cumulative_cost_gbp_m,
        ).not_judged(),
        CostNhsGbpM => row(
            "cost_nhs_gbp_m",
            "Extra spending paid by the NHS (beyond extra funding)",
            GBP_M_A_MONTH,
            LOWER_IS_BETTER,
            |r| r.cost_nhs_gbp_m,
        ).not_judged(),
        CostLocalGovGbpM => row(
            "cost_local_gov_gbp_m",
            "Extra spending paid by local government",
            GBP_M_A_MONTH,
            LOWER_IS_BETTER,
            |r| r.cost_local_gov_gbp_m,
        ).not_judged(),
        ExtraFundingGbpM => row(
            "extra_funding_gbp_m",
            "Extra funding received",
            GBP_M_A_MONTH,
            HIGHER_IS_BETTER,
            |r| r.extra_funding_gbp_m,
        ).not_judged(),
        SpendGbpM => row(
            "spend_gbp_m",
            "NHS spending",
            GBP_M_A_MONTH,
            LOWER_IS_BETTER,
            |r| r.spend_gbp_m,
        ).not_judged(),
        CumulativeCostLocalGovGbpM => row(
            "cumulative_cost_local_gov_gbp_m",
            "Of which paid by local government (social care, prevention)",
            GBP_M,
            LOWER_IS_BETTER,
            |r| r.cumulative_cost_local_gov_gbp_m,
        ).not_judged(),
    }
}

impl Metric {
    /// Whether a difference from current plans is judged better or worse (see
    /// [`MetricSpec::judged`]).
    pub fn is_judged(self) -> bool {
        self.spec().judged
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.iter().copied().find(|m| m.key() == key)
    }

    /// The system-wide value of this metric in a month.
    pub fn of(self, r: &MonthRecord) -> f64 {
        (self.spec().of)(r)
    }

    /// The label, in a constant (a headline or chart table may take it).
    pub const fn label(self) -> &'static str {
        METRICS[self as usize].label
    }

    /// The unit, in a constant.
    pub const fn unit(self) -> Unit {
        METRICS[self as usize].unit
    }
}

/// A deterministic run: months 0..=horizon.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub system: String,
    pub months: Vec<MonthRecord>,
}

impl Projection {
    pub fn series(&self, m: Metric) -> Vec<f64> {
        self.months.iter().map(|r| m.of(r)).collect()
    }

    pub fn last(&self) -> &MonthRecord {
        self.months
            .last()
            .expect("a projection has month 0 at least")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{simulate, Baseline, Scenario};

    #[test]
    fn every_metric_has_one_row_found_by_its_key() {
        for (i, &m) in Metric::ALL.iter().enumerate() {
            assert_eq!(m as usize, i);
            assert_eq!(Metric::from_key(m.key()), Some(m));
            assert_eq!(m.label(), m.spec().label);
        }
        let mut keys: Vec<&str> = METRICS.iter().map(|s| s.key).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Metric::COUNT, "keys are unique");
        assert_eq!(Metric::from_key("no_such_metric"), None);
    }

    #[test]
    fn values_by_fifth_add_up_to_the_system_value() {
        let s = Scenario {
            years: 2,
            ..Scenario::default()
        };
        let r = &simulate(&Baseline::england(), &s).months[24];
        for &m in Metric::ALL {
            let spec = m.spec();
            let Some(by_fifth) = spec.by_fifth else {
                // A system-wide figure reads the same on every fifth.
                assert_eq!(spec.value(r, Some(2)), m.of(r), "{}", spec.key);
                continue;
            };
            let fifths = by_fifth(r);
            let all = m.of(r);
            match spec.unit {
                // People add up; years of life are a population-weighted mean.
                Unit::People(_) => {
                    let sum: f64 = fifths.iter().sum();
                    assert!((sum - all).abs() < 1e-6 * all.max(1.0), "{}", spec.key);
                }
                Unit::Years => assert!((r.mean(&fifths) - all).abs() < 1e-9, "{}", spec.key),
                _ => assert!(fifths.iter().all(|v| v.is_finite()), "{}", spec.key),
            }
            assert_eq!(spec.value(r, Some(3)), fifths[3], "{}", spec.key);
            assert_eq!(spec.value(r, None), all, "{}", spec.key);
        }
    }

    #[test]
    fn one_rule_judges_better_worse_and_same() {
        let list = Metric::WaitingList.spec();
        assert_eq!(list.verdict(7.0e6, 7.5e6, false), Verdict::Better);
        assert_eq!(list.verdict(7.6e6, 7.5e6, false), Verdict::Worse);
        assert_eq!(list.verdict(7.5e6, 7.5e6, false), Verdict::Same);
        // Figures that read the same as shown are the same, whatever the raw difference.
        assert_eq!(list.verdict(7.50001e6, 7.5e6, true), Verdict::Same);
        let le = Metric::LifeExpectancy.spec();
        assert_eq!(le.verdict(81.2, 81.0, false), Verdict::Better);
        // Money spent or received is more or less, never better or worse.
        let cost = Metric::CumulativeCostGbpM.spec();
        assert_eq!(cost.verdict(120.0, 0.0, false), Verdict::More);
        assert_eq!(cost.verdict(-5.0, 0.0, false), Verdict::Less);
        assert_eq!(
            Metric::ExtraFundingGbpM.spec().verdict(50.0, 0.0, false),
            Verdict::More
        );
        // The balance is judged: a deeper deficit is worse.
        let balance = Metric::CumulativeBalanceGbpM.spec();
        assert_eq!(balance.verdict(-900.0, -500.0, false), Verdict::Worse);
    }

    #[test]
    fn decimals_and_units_come_from_the_row() {
        assert_eq!(Metric::WaitingList.spec().decimals, 1);
        assert_eq!(Metric::AgencyFte.spec().decimals, 1);
        assert_eq!(Metric::LifeExpectancyGap.spec().decimals, 4);
        assert_eq!(Metric::WaitGapWeeks.spec().decimals, 3);
        assert_eq!(Metric::SpendGbpM.spec().decimals, 3);
        assert_eq!(Metric::CostGbpM.unit().text(), "£m a month, 2025/26 prices");
        assert_eq!(
            Metric::Within18WeeksPct.unit().to_string(),
            "% of waiting list"
        );
    }
}
