//! Money as a finance director reads it: what a vacant post costs, what each lever costs and
//! who pays, in 2025/26 prices. Every figure it uses is named and sourced in `params`
//! ("Money"); where no source exists it says "Assumption" and, if it drives results, carries
//! an 80% interval in the Monte Carlo (`levers::ASSUMPTIONS`).
//!
//! The model runs in real terms: growth is net of inflation, so every £ is at 2025/26
//! prices (the allocation per head of 2024/25 is taken as the 2025/26 starting level).
//!
//! Three rules, each one a finance director would recognise:
//! 1. **An ICS plans to break even.** Each plan year the establishment is set from the
//!    allocation at that year's unit costs, and other running costs (non-pay) are set to what
//!    the income leaves after staff in post and their cover as they run at the year's start,
//!    so the plan breaks even. Within the year costs run at their actual pace: cost pressure
//!    and cover bought above plan are a deficit until the next plan year re-bases; money set
//!    aside and not needed (cover no longer bought) is spent in the year on other running
//!    costs, never kept as a surplus.
//! 2. **A vacant post is not a saving.** Its work is covered by agency staff (the
//!    `agency_cover_pct` lever, at the agency premium), by bank staff (an assumption, at the
//!    bank premium), or is lost; the budget of a post whose work is lost is spent on other
//!    running costs (non-pay), as a system that plans to spend its allocation does. So a
//!    rise in leavers costs the premium on the cover it buys and never becomes a surplus.
//! 3. **A scenario's cost is the extra spending its levers need**, by lever and year, split
//!    by who pays: the NHS (allocation, capital, national training budgets) or local
//!    government (social care, public health). Extra funding is a source of money: it is
//!    income, and the spending it buys; so is funding growth above current plans' (below
//!    it, less of both). Unfunded revenue costs (training places) are a deficit; capital
//!    (the maintenance backlog, and the technology investment behind a productivity gain
//!    above the long-run trend: Spring Budget 2024) is paid from the NHS's capital budget,
//!    so it is a cost but not a revenue deficit.
//!
//! The efficiency lever is a **productivity** gain (more treatments per member of staff
//! from the same money), not an efficiency requirement in the NHS's cash-releasing sense
//! (1.1% in 2022/23, 2.2% in 2023/24, NHS Providers): it releases no cash, and the gain is
//! taken as treatments.

use super::levers::{Assumption as A, AssumptionValues, Lever as L, LeverValues};
use super::math::pow;
use super::params::*;

/// The price base every £ figure is in.
pub const PRICE_BASE: &str = "£m, 2025/26 prices";

// ---- Vacancy cover ----

/// Bank cover implied by the published spend if every bank shift filled a vacancy:
/// £5.8bn at the cost of a post (£48,000 with on-costs, plus the bank premium) is about
/// 115,000 FTE, more than the 2022 vacancies that agency did not cover. Part of bank
/// spend covers sickness, leave and surges instead, so the central share used
/// ([`Assumption::BankCover`]'s default) is lower.
pub fn bank_fte_if_all_covered_vacancies() -> f64 {
    BANK_SPEND_2022_23_GBP_M * 1e6 / (PAY_GBP_PER_FTE * (1.0 + BANK_PREMIUM))
}

/// The most bank work staff supply, as a share of staff in post: bank shifts are the NHS's
/// own staff working extra, and in 2022/23, a year of high vacancies, they supplied the
/// £5.8bn of bank spend, about 115,000 FTE or 7.7% of the 1.5m FTE in post (Nuffield Trust).
/// Beyond it, vacancies the bank cannot reach lose their work.
pub fn bank_supply_share_of_staff() -> f64 {
    bank_fte_if_all_covered_vacancies() / ENGLAND_STAFF_FTE
}

// ---- Lever costs ----

// ---- Social care ----

/// A year of care for one bed freed, £: the mix of the care people wait for, weighted by
/// why they wait. A person who leaves hospital sooner starts their care sooner, so each
/// bed-day freed needs one day of care.
pub fn care_per_bed_freed_gbp_a_year() -> f64 {
    let (share, cost) = DELAY_REASONS
        .iter()
        .fold((0.0, 0.0), |(s, c), &(w, gbp)| (s + w, c + w * gbp));
    cost / share * 52.0
}

/// Share of the social-care delays still there when care capacity changes by `pct`%.
pub fn social_care_delays_remaining(pct: f64) -> f64 {
    pow(1.0 + pct / 100.0, -DELAY_ELASTICITY)
}

/// One month's direct costs of the levers against current plans, £m (2025/26 prices),
/// by lever. Positive is extra spending. Levers with no direct price (recruitment,
/// retention, agency use, targeting, priority) cost through the workforce and cover they
/// change, which the run's spending carries; their entry here is zero.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct LeverCosts {
    /// Extra funding: income to the NHS, and the spending it buys (the lever's money; a run
    /// adds the allocation above current plans' funding growth).
    pub extra_funding: f64,
    /// Paid by the NHS: training places from revenue; the technology investment behind a
    /// productivity gain, and the maintenance backlog, from capital.
    pub training: f64,
    pub productivity: f64,
    pub capital: f64,
    /// Paid by local government.
    pub prevention: f64,
    pub social_care: f64,
}

impl LeverCosts {
    /// The month's direct costs of the levers for a system of `population` with
    /// `beds_freed` general and acute beds freed from delayed discharge.
    pub fn of(levers: &LeverValues, population: f64, beds_freed: f64) -> LeverCosts {
        let per_head_m = population / 1e6 / 12.0;
        LeverCosts {
            extra_funding: levers[L::ExtraFunding] * per_head_m,
            training: levers[L::TrainingPlaces] * TRAINING_COST_GBP_PER_HEAD_PER_PCT * per_head_m,
            productivity: (levers[L::Productivity] - PRODUCTIVITY_TREND_PCT).max(0.0)
                * PRODUCTIVITY_COST_GBP_PER_HEAD_PER_POINT
                * per_head_m,
            capital: levers[L::CapitalBacklog] * per_head_m,
            prevention: levers[L::PreventionSpend] * per_head_m,
            social_care: beds_freed * COST_PER_BED_FREED_GBP_A_YEAR / 12.0 / 1e6,
        }
    }

    /// Extra NHS spending the levers commit beyond what extra funding buys.
    pub fn nhs(&self) -> f64 {
        self.revenue() + self.capital_budget()
    }

    /// The part of [`LeverCosts::nhs`] paid from the NHS's capital budget: the maintenance
    /// backlog, and the technology investment behind a productivity gain above the long-run
    /// trend (the Spring Budget 2024 gave it as capital). A cost, never a revenue deficit.
    pub fn capital_budget(&self) -> f64 {
        self.capital + self.productivity
    }

    /// The part of [`LeverCosts::nhs`] paid from the revenue allocation (training places):
    /// what the revenue balance carries. Capital (the backlog, and productivity's technology
    /// investment, which the Spring Budget 2024 gave as capital) is paid from the NHS's
    /// separate capital budget (capital departmental expenditure limit), so it is a cost of
    /// the scenario but never a revenue deficit.
    pub fn revenue(&self) -> f64 {
        self.training
    }

    /// Extra local-government spending.
    pub fn local_government(&self) -> f64 {
        self.prevention + self.social_care
    }

    /// All the extra spending against current plans: NHS, local government, and what the
    /// extra funding buys.
    pub fn total(&self) -> f64 {
        self.extra_funding + self.nhs() + self.local_government()
    }

    /// (key, label, who pays, £m) for each costed lever, in lever-table order.
    pub fn lines(&self) -> [(&'static str, &'static str, &'static str, f64); 6] {
        [
            (
                L::ExtraFunding.key(),
                "Extra funding (and funding growth above current plans): the spending it buys",
                "NHS allocation (extra)",
                self.extra_funding,
            ),
            (
                L::TrainingPlaces.key(),
                "Training places",
                "NHS",
                self.training,
            ),
            (
                L::PreventionSpend.key(),
                "Extra prevention",
                "local government",
                self.prevention,
            ),
            (
                L::SocialCare.key(),
                "Social care packages",
                "local government",
                self.social_care,
            ),
            (
                L::Productivity.key(),
                "Productivity investment (technology)",
                "NHS capital",
                self.productivity,
            ),
            (
                L::CapitalBacklog.key(),
                "Capital on the maintenance backlog",
                "NHS capital",
                self.capital,
            ),
        ]
    }
}

/// The productivity growth a scenario delivers, % a year: the lever's planned gain times
/// the share delivered (an assumption with an 80% interval).
pub fn delivered_productivity_pct(levers: &LeverValues, a: &AssumptionValues) -> f64 {
    levers[L::Productivity] * a[A::ProductivityDelivered] / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::{AssumptionValues, LeverValues};

    #[test]
    fn productivity_costs_about_a_billion_a_year_a_point_for_england() {
        let per_point = PRODUCTIVITY_COST_GBP_PER_HEAD_PER_POINT * ENGLAND_POPULATION;
        assert!((per_point - 1.03e9).abs() < 0.02e9, "{per_point}");
    }

    #[test]
    fn a_bed_freed_costs_between_home_care_and_a_care_home() {
        let week = care_per_bed_freed_gbp_a_year() / 52.0;
        assert!(
            week > HOME_CARE_GBP_A_WEEK && week < CARE_HOME_GBP_A_WEEK,
            "{week}"
        );
    }

    #[test]
    fn freeing_a_bed_costs_many_times_the_care_it_speeds() {
        let packages = COST_PER_BED_FREED_GBP_A_YEAR / care_per_bed_freed_gbp_a_year();
        assert!((10.0..20.0).contains(&packages), "{packages}");
    }

    #[test]
    fn ten_percent_more_care_cuts_social_care_delays_by_six_to_nine_percent() {
        // Gaughan et al. (2015): +10% care-home beds, -6% to -9% delays.
        let cut = 1.0 - social_care_delays_remaining(10.0);
        assert!((0.06..=0.09).contains(&cut), "{cut}");
        assert!(social_care_delays_remaining(50.0) > 0.0);
        assert!(social_care_delays_remaining(-20.0) > 1.0);
    }

    #[test]
    fn bank_spend_would_cover_most_vacancies() {
        // 2022: 9.7% of an establishment of 1.5m / 0.903 FTE are vacant; agency then covered
        // about 29% of them (£3.46bn at 55% above pay).
        let vacancies = 1.5e6 / (1.0 - 0.097) * 0.097;
        let pay = PAY_GBP_PER_FTE;
        let agency = AGENCY_SPEND_2022_23_GBP_M * 1e6 / (pay * 1.55);
        let bank_share_of_rest = bank_fte_if_all_covered_vacancies() / (vacancies - agency);
        assert!(bank_share_of_rest > 0.9, "{bank_share_of_rest}");
        // The central assumption is lower: bank also covers sickness, leave and surges.
        let central = A::BankCover.spec().default / 100.0;
        assert!(central < bank_share_of_rest);
    }

    #[test]
    fn bank_supply_is_under_a_tenth_of_staff() {
        let share = bank_supply_share_of_staff();
        assert!((0.07..0.085).contains(&share), "{share}");
    }

    #[test]
    fn current_plans_levers_cost_nothing() {
        let c = LeverCosts::of(&LeverValues::default(), ENGLAND_POPULATION, 0.0);
        assert_eq!(c.total(), 0.0);
        let _ = AssumptionValues::default();
    }
}
