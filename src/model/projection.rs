//! What a run produces: one record a month, and named metrics read from it.

use super::outcomes::Causes;
use super::queue::{self, Profile, DAYS_PER_MONTH};
use serde::Serialize;

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
    /// Extra funding received that month (income, a source of money), £m.
    pub extra_funding_gbp_m: f64,
    /// The levers' direct extra spending against current plans that month, £m: paid by the
    /// NHS (training, productivity investment, capital), by local government (social care,
    /// prevention), and in all (with what extra funding buys).
    pub cost_nhs_gbp_m: f64,
    pub cost_local_gov_gbp_m: f64,
    pub cost_gbp_m: f64,
    pub cumulative_cost_gbp_m: f64,
    /// The part of the running total paid by local government, £m.
    pub cumulative_cost_local_gov_gbp_m: f64,
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

/// Per-month system figures that charts, fans and the CLI read by key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum Metric {
    WaitingList,
    Within18WeeksPct,
    Over52Weeks,
    MedianWaitWeeks,
    Referrals,
    Treated,
    Removed,
    StaffFte,
    VacancyRatePct,
    AgencyFte,
    LeaverRatePct,
    BalanceGbpM,
    CumulativeBalanceGbpM,
    LifeExpectancy,
    HealthyLifeExpectancy,
    LifeExpectancyGap,
    WaitGapWeeks,
    CostGbpM,
    CumulativeCostGbpM,
    CostNhsGbpM,
    CostLocalGovGbpM,
    ExtraFundingGbpM,
    SpendGbpM,
    CumulativeCostLocalGovGbpM,
}

/// How to read a metric: key, label, unit, and which direction is better.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MetricSpec {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub higher_is_better: bool,
}

impl Metric {
    pub const ALL: &'static [Metric] = &[
        Metric::WaitingList,
        Metric::Within18WeeksPct,
        Metric::Over52Weeks,
        Metric::MedianWaitWeeks,
        Metric::Referrals,
        Metric::Treated,
        Metric::Removed,
        Metric::StaffFte,
        Metric::VacancyRatePct,
        Metric::AgencyFte,
        Metric::LeaverRatePct,
        Metric::BalanceGbpM,
        Metric::CumulativeBalanceGbpM,
        Metric::LifeExpectancy,
        Metric::HealthyLifeExpectancy,
        Metric::LifeExpectancyGap,
        Metric::WaitGapWeeks,
        Metric::CostGbpM,
        Metric::CumulativeCostGbpM,
        Metric::CostNhsGbpM,
        Metric::CostLocalGovGbpM,
        Metric::ExtraFundingGbpM,
        Metric::SpendGbpM,
        Metric::CumulativeCostLocalGovGbpM,
    ];

    pub fn spec(self) -> MetricSpec {
        let s = |key, label, unit, higher_is_better| MetricSpec {
            key,
            label,
            unit,
            higher_is_better,
        };
        match self {
            Metric::WaitingList => s("waiting_list", "Waiting list", "patients", false),
            Metric::Within18WeeksPct => s(
                "within_18_weeks_pct",
                "Within 18 weeks",
                "% of waiting list",
                true,
            ),
            Metric::Over52Weeks => s("over_52_weeks", "Waiting over 52 weeks", "patients", false),
            Metric::MedianWaitWeeks => s("median_wait_weeks", "Median wait", "weeks", false),
            Metric::Referrals => s("referrals", "Referrals", "patients a month", false),
            Metric::Treated => s("treated", "Treated", "patients a month", true),
            Metric::Removed => s(
                "removed",
                "Removed without treatment",
                "patients a month",
                false,
            ),
            Metric::StaffFte => s("staff_fte", "Staff", "full-time equivalents", true),
            Metric::VacancyRatePct => s(
                "vacancy_rate_pct",
                "Vacancy rate",
                "% of establishment",
                false,
            ),
            Metric::AgencyFte => s("agency_fte", "Agency staff", "full-time equivalents", false),
            Metric::LeaverRatePct => s("leaver_rate_pct", "Leaver rate", "% a year", false),
            Metric::BalanceGbpM => s("balance_gbp_m", "Monthly balance", "£m a month", true),
            Metric::CumulativeBalanceGbpM => s(
                "cumulative_balance_gbp_m",
                "Cumulative surplus (+) or deficit (-)",
                "£m",
                true,
            ),
            Metric::LifeExpectancy => s("life_expectancy", "Life expectancy", "years", true),
            Metric::HealthyLifeExpectancy => s(
                "healthy_life_expectancy",
                "Healthy life expectancy",
                "years",
                true,
            ),
            Metric::LifeExpectancyGap => s(
                "le_gap_years",
                "Life-expectancy gap, least vs most deprived fifth",
                "years",
                false,
            ),
            Metric::WaitGapWeeks => s(
                "wait_gap_weeks",
                "Extra average wait, most vs least deprived fifth",
                "weeks",
                false,
            ),
            Metric::CostGbpM => s(
                "cost_gbp_m",
                "Extra spending the levers need, against current plans",
                "£m a month, 2025/26 prices",
                false,
            ),
            Metric::CumulativeCostGbpM => s(
                "cumulative_cost_gbp_m",
                "Extra spending the levers need since the start, against current plans",
                "£m, 2025/26 prices",
                false,
            ),
            Metric::CostNhsGbpM => s(
                "cost_nhs_gbp_m",
                "Extra spending paid by the NHS (beyond extra funding)",
                "£m a month, 2025/26 prices",
                false,
            ),
            Metric::CostLocalGovGbpM => s(
                "cost_local_gov_gbp_m",
                "Extra spending paid by local government",
                "£m a month, 2025/26 prices",
                false,
            ),
            Metric::ExtraFundingGbpM => s(
                "extra_funding_gbp_m",
                "Extra funding received",
                "£m a month, 2025/26 prices",
                true,
            ),
            Metric::SpendGbpM => s(
                "spend_gbp_m",
                "NHS spending",
                "£m a month, 2025/26 prices",
                false,
            ),
            Metric::CumulativeCostLocalGovGbpM => s(
                "cumulative_cost_local_gov_gbp_m",
                "Of which paid by local government (social care, prevention)",
                "£m, 2025/26 prices",
                false,
            ),
        }
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// Whether a difference from current plans is judged better or worse. Money a scenario
    /// spends or receives is not: a cost is a cost and extra funding is a source of money,
    /// shown as such, never as "better". The balance is judged (a deeper deficit is worse).
    pub fn is_judged(self) -> bool {
        !matches!(
            self,
            Metric::CostGbpM
                | Metric::CumulativeCostGbpM
                | Metric::CostNhsGbpM
                | Metric::CostLocalGovGbpM
                | Metric::ExtraFundingGbpM
                | Metric::SpendGbpM
                | Metric::CumulativeCostLocalGovGbpM
        )
    }

    pub fn from_key(key: &str) -> Option<Metric> {
        Metric::ALL.iter().copied().find(|m| m.key() == key)
    }

    /// The system-wide value of this metric in a month.
    pub fn of(self, r: &MonthRecord) -> f64 {
        use MonthRecord as R;
        match self {
            Metric::WaitingList => R::total(&r.waiting_list),
            Metric::Within18WeeksPct => r.within_18_weeks_pct(None),
            Metric::Over52Weeks => R::total(&r.over_52_weeks),
            Metric::MedianWaitWeeks => r.median_wait_weeks_all,
            Metric::Referrals => R::total(&r.referrals),
            Metric::Treated => R::total(&r.treated),
            Metric::Removed => R::total(&r.removed),
            Metric::StaffFte => r.staff_fte,
            Metric::VacancyRatePct => r.vacancy_rate_pct(),
            Metric::AgencyFte => r.agency_fte,
            Metric::LeaverRatePct => r.leaver_rate_pct,
            Metric::BalanceGbpM => r.balance_gbp_m,
            Metric::CumulativeBalanceGbpM => r.cumulative_balance_gbp_m,
            Metric::LifeExpectancy => r.mean(&r.life_expectancy),
            Metric::HealthyLifeExpectancy => r.mean(&r.healthy_life_expectancy),
            Metric::LifeExpectancyGap => r.life_expectancy[4] - r.life_expectancy[0],
            Metric::WaitGapWeeks => r.mean_wait_weeks[0] - r.mean_wait_weeks[4],
            Metric::CostGbpM => r.cost_gbp_m,
            Metric::CumulativeCostGbpM => r.cumulative_cost_gbp_m,
            Metric::CostNhsGbpM => r.cost_nhs_gbp_m,
            Metric::CostLocalGovGbpM => r.cost_local_gov_gbp_m,
            Metric::ExtraFundingGbpM => r.extra_funding_gbp_m,
            Metric::SpendGbpM => r.spend_gbp_m,
            Metric::CumulativeCostLocalGovGbpM => r.cumulative_cost_local_gov_gbp_m,
        }
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
