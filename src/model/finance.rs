//! Money as a finance director reads it: what a vacant post costs, what each lever costs and
//! who pays, in 2025/26 prices. Every figure here is named and sourced; where no source
//! exists it says "Assumption" and, if it drives results, carries an 80% interval in the
//! Monte Carlo (`levers::ASSUMPTIONS`).
//!
//! The model runs in real terms: growth is net of inflation, so every £ is at 2025/26
//! prices (the allocation per head of 2024/25 is taken as the 2025/26 starting level).
//!
//! Three rules, each one a finance director would recognise:
//! 1. **An ICS plans to break even.** Each plan year the establishment is set from the
//!    allocation at that year's unit costs; within the year costs run at their actual pace,
//!    so cost pressure above plan is a deficit until the next plan year re-bases.
//! 2. **A vacant post is not a saving.** Its work is covered by agency staff (the
//!    `agency_cap_pct` lever, at the agency premium), by bank staff (an assumption, at the
//!    bank premium), or is lost; the budget of a post whose work is lost is spent on other
//!    running costs (non-pay), as a system that plans to spend its allocation does. So a
//!    rise in leavers costs the premium on the cover it buys and never becomes a surplus.
//! 3. **A scenario's cost is the extra spending its levers need**, by lever and year, split
//!    by who pays: the NHS (allocation, capital, national training budgets) or local
//!    government (social care, public health). Extra funding is a source of money: it is
//!    income, and the spending it buys.

use super::levers::{Assumption as A, AssumptionValues, Lever as L, LeverValues};
use super::math::pow;
use super::params::{ENGLAND_POPULATION, ENGLAND_STAFF_FTE, PAY_GBP_PER_FTE};

/// The price base every £ figure is in.
pub const PRICE_BASE: &str = "£m, 2025/26 prices";

// ---- Vacancy cover ----

/// Bank staff spend in England, 2022/23: £5.8bn (LaingBuisson, reported by HSJ and others,
/// Jan 2024; NHS England's temporary staffing figures give bank spend rising since).
pub const BANK_SPEND_2022_23_GBP_M: f64 = 5_800.0;
/// Agency spend in England: £3.46bn in 2022/23, £2.07bn in 2024/25 (DHSC parliamentary
/// answer; FACTS.md).
pub const AGENCY_SPEND_2022_23_GBP_M: f64 = 3_460.0;
pub const AGENCY_SPEND_2024_25_GBP_M: f64 = 2_070.0;
/// Bank shifts cost about what a substantive post costs: bank staff are paid Agenda for
/// Change rates with holiday pay and pension (NHS Employers); enhanced "incentive" rates
/// some trusts pay add to it. Assumption: 5% above the cost of a post.
pub const BANK_PREMIUM: f64 = 0.05;

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

/// Cost of raising productivity growth, £ a head a year per percentage point above the
/// long-run 0.8% a year: the Spring Budget 2024 gave £3.4bn of capital over 2025/26-2027/28
/// for NHS technology to deliver 1.9% a year (NHS productivity plan), about £1.13bn a year
/// for 1.1 points above 0.8%, or £1.03bn a year a point: £16 a head of England's 63.8m.
/// Assumption: the gain needs the investment for as long as it is sought.
pub const PRODUCTIVITY_COST_GBP_PER_HEAD_PER_POINT: f64 =
    3_400.0e6 / 3.0 / (1.9 - 0.8) / ENGLAND_POPULATION;
/// Long-run NHS productivity growth, % a year, that costs nothing extra: about 0.8% a year
/// 1995-2019 (ONS; FACTS.md). The lever's default.
pub const PRODUCTIVITY_TREND_PCT: f64 = 0.8;

/// Cost of training places, £ a head a year per 1% more training intake: the Long Term
/// Workforce Plan (2023) put £2.4bn over five years into the extra education and training
/// places of its roughly 50% expansion: £480m a year for +50%, £9.6m a year per 1% for
/// England. Paid nationally by the NHS (NHS England's workforce budget).
pub const TRAINING_COST_GBP_PER_HEAD_PER_PCT: f64 = 2_400.0e6 / 5.0 / 50.0 / ENGLAND_POPULATION;

// ---- Social care ----

/// A week of the care a person fit to leave hospital waits for, £, at 2025/26 prices:
/// - care home: about £800 a week, the average fee local authorities pay (ONS, care homes
///   and self-funders, 2023);
/// - home care: 15 hours a week (Assumption: the typical long-term package, NHS Digital
///   adult social care activity) at £28.53 an hour (Homecare Association minimum price for
///   homecare, 2024/25);
/// - intermediate care (reablement, step-down beds): taken at the care-home fee
///   (Assumption; PSSRU Unit Costs of Health and Social Care give bed-based intermediate
///   care above residential care, home-based below).
pub const CARE_HOME_GBP_A_WEEK: f64 = 800.0;
pub const HOME_CARE_GBP_A_WEEK: f64 = 15.0 * 28.53;
pub const INTERMEDIATE_CARE_GBP_A_WEEK: f64 = 800.0;
/// Why people fit to leave wait, 2022-23 (Health Foundation): home care 24%, care home 16%,
/// intermediate care 24% (of all delays; the rest wait for the NHS or other reasons).
pub const DELAY_REASONS: [(f64, f64); 3] = [
    (0.24, HOME_CARE_GBP_A_WEEK),
    (0.16, CARE_HOME_GBP_A_WEEK),
    (0.24, INTERMEDIATE_CARE_GBP_A_WEEK),
];

/// A year of care for one bed freed, £: the mix of the care people wait for, weighted by
/// why they wait. A person who leaves hospital sooner starts their care sooner, so each
/// bed-day freed needs one day of care.
pub fn care_per_bed_freed_gbp_a_year() -> f64 {
    let (share, cost) = DELAY_REASONS
        .iter()
        .fold((0.0, 0.0), |(s, c), &(w, gbp)| (s + w, c + w * gbp));
    cost / share * 52.0
}

/// What freeing a bed through social care has cost, £ a bed a year: the 2022/23 discharge
/// funds spent £486m + £138m (Dec 2022 - Mar 2023) and people fit to leave but still in
/// hospital fell from 13,452 (week to 31 March 2023) to 12,200 (week to 30 June 2023), a fall
/// the evaluation associates with the funds (DHSC, "Rapid evaluation of the 2022 to 2023
/// discharge funds", Dec 2023). Taken as a year's effect: about £0.5m a bed-year, some 15
/// times the care itself ([`care_per_bed_freed_gbp_a_year`]), because most extra care goes
/// to people who would have left hospital anyway. Assumption: the whole fall is the funds'.
pub const DISCHARGE_FUNDS_SPENT_GBP: f64 = 486.0e6 + 138.0e6;
pub const DISCHARGE_DELAYS_FALL_BEDS: f64 = 13_452.0 - 12_200.0;
pub const COST_PER_BED_FREED_GBP_A_YEAR: f64 =
    DISCHARGE_FUNDS_SPENT_GBP / DISCHARGE_DELAYS_FALL_BEDS;

/// How much delayed discharge waiting for social care falls when care capacity rises:
/// +10% care-home beds cut the delays attributed to social care by 6% to 9% (Gaughan,
/// Gravelle and Siciliani, Health Economics 2015): an elasticity of about 0.75, read as a
/// constant elasticity so the response flattens as capacity grows and never passes 100%.
pub const DELAY_ELASTICITY: f64 = 0.75;

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
    /// Extra funding: income to the NHS, and the spending it buys.
    pub extra_funding: f64,
    /// Paid by the NHS.
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
        self.training + self.productivity + self.capital
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
                "Extra funding: the spending it buys",
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
                "Productivity investment",
                "NHS",
                self.productivity,
            ),
            (
                L::CapitalBacklog.key(),
                "Capital on the maintenance backlog",
                "NHS",
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
