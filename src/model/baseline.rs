//! A system's starting position in April 2025, derived from the public data in `src/data/`
//! and the calibration facts in FACTS.md. Every number the model starts from is here, with
//! its source; figures the data do not give per ICB are derived openly and listed in
//! [`Baseline::estimates`].

use super::math::exp;
use super::projection::Metric;
use super::queue::{mean_months, profile_matching, Profile};
use super::simulate::{simulate, Scenario};
use crate::data::System;
use std::sync::OnceLock;

// ---- England calibration (FACTS.md unless stated) ----

/// GP-registered population of England 2025/26, the sum over ICBs (NHS England allocations).
pub const ENGLAND_POPULATION: f64 = 63_849_321.0;
/// RTT waiting list, April 2025: about 7.4m (7.42m Apr 2025, 7.39m Sep 2025; NHS England, DHSC).
pub const ENGLAND_WAITING_LIST: f64 = 7.4e6;
/// Share within 18 weeks, April 2025: about 60% (58.0% Aug 2023, 61.8% Sep 2025; NHS England).
pub const ENGLAND_WITHIN_18_WEEKS: f64 = 0.60;
/// Share waiting over 52 weeks, March 2025: 180,242 of 7.42m (NHS England RTT statistics).
pub const ENGLAND_OVER_52_WEEKS: f64 = 180_242.0 / 7.42e6;
/// Clock starts about 1.70m a month in 2022/23 (NHS England RTT series).
pub const ENGLAND_REFERRALS_A_MONTH: f64 = 1.70e6;
/// About 18m treatments (completed pathways) in 2024 (NHS England; IFS): 1.5m a month.
pub const ENGLAND_TREATMENTS_A_MONTH: f64 = 1.5e6;
/// NHS staff 1.5m FTE, 2023 (Nuffield Trust).
pub const ENGLAND_STAFF_FTE: f64 = 1.5e6;
/// Vacancy rate 9.7% of establishment, 2022 (NHS Digital vacancy statistics).
pub const VACANCY_RATE: f64 = 0.097;
/// ICB core allocation £1,732 per registered patient, 2024/25 (House of Commons Library
/// CBP-10031), scaled by each ICB's need index.
pub const ALLOCATION_GBP_PER_HEAD: f64 = 1_732.0;
/// Average cost of a member of staff with on-costs, £ a year. Estimate: Agenda for Change
/// band 5-6 mid-points 2024/25 (NHS Employers) plus about 25% employer on-costs.
pub const PAY_GBP_PER_FTE: f64 = 48_000.0;
/// Agency price cap: 55% above basic pay (NHS Improvement, 2016).
pub const AGENCY_PREMIUM: f64 = 0.55;
/// Beds held by people fit to leave: 13,400 of about 100,000 general and acute beds, Dec 2022
/// (House of Commons Library).
pub const DELAYED_DISCHARGE_SHARE: f64 = 0.134;
/// Share of those delays waiting for social care: home care 24% + care home 16% +
/// intermediate care 24% (Health Foundation, 2022-23).
pub const SOCIAL_CARE_SHARE_OF_DELAYS: f64 = 0.64;
/// Admitted pathways as a share of completed pathways: 0.28m of 1.42m in 2022/23 (NHS England).
pub const ADMITTED_SHARE: f64 = 0.2;
/// Share of general and acute beds taken by emergency care. Assumption: bed occupancy
/// 93.6-95.7% with emergencies the large majority (NHS England, 2022-23).
pub const EMERGENCY_BED_SHARE: f64 = 0.70;
/// Maintenance backlog £15.9bn (2024/25), up £2.1bn a year from £13.8bn (NHS ERIC).
pub const ENGLAND_BACKLOG_GBP_M: f64 = 15_900.0;
pub const ENGLAND_BACKLOG_GROWTH_GBP_M: f64 = 2_100.0;
/// General and acute beds in England: about 100,000 (House of Commons Library, Dec 2022).
pub const ENGLAND_ACUTE_BEDS: f64 = 100_000.0;
/// Training pipeline: about 3 years for a nurse (Long Term Workforce Plan).
pub const TRAINING_MONTHS: usize = 36;
/// Share of joiners who come through the domestic training pipeline. Assumption.
pub const TRAINED_SHARE_OF_JOINERS: f64 = 1.0 / 3.0;
/// Prevention spend (£ per head a year) at which half the avoidable demand is avoided.
/// Assumption, sized so £60 a head (about doubling the public-health grant) avoids a third
/// of what is avoidable.
pub const PREVENTION_HALF_EFFECT_GBP: f64 = 150.0;
/// Healthy years gained at full prevention effect, per unit of the "avoidable demand"
/// assumption (15% -> 4 years). Assumption checked against £3,800 per healthy year through
/// public health (Health Foundation, 2024).
pub const HLE_GAIN_PER_AVOIDABLE_SHARE: f64 = 4.0 / 0.15;
/// Life expectancy moves less than healthy life expectancy: 0.4 years per healthy year.
pub const LE_PER_HLE_GAIN: f64 = 0.4;
/// Healthy years lost per extra month of average wait on the list. Assumption.
pub const HLE_LOSS_PER_MONTH_WAIT: f64 = 0.05;
pub const LE_LOSS_PER_MONTH_WAIT: f64 = 0.01;
/// Working-age share of people on the list, and the share of those kept out of work while
/// they wait more than 18 weeks. Illustrative assumptions: no robust published estimate.
pub const WORKING_AGE_SHARE_OF_LIST: f64 = 0.45;
pub const OUT_OF_WORK_SHARE_OF_LONG_WAITERS: f64 = 0.05;

/// Relative need for care by quintile (Q1 most deprived), mean 1. Derived: across the 42
/// ICBs the 2025/26 need index rises by 0.32 from no residents to all residents in the most
/// deprived fifth (least squares, data/icb_baseline_extended.csv); a straight line in
/// quintile with that contrast between Q1 and the rest.
pub const NEED_BY_QUINTILE: [f64; 5] = [1.255, 1.127, 1.0, 0.873, 0.745];

/// Life expectancy at birth by deprivation decile, 2022-24 (ONS, secondary): most and least
/// deprived decile, men and women.
const LE_DECILE_MEN: (f64, f64) = (73.2, 83.6);
const LE_DECILE_WOMEN: (f64, f64) = (78.3, 86.4);
/// Healthy life expectancy, same deciles (ONS, secondary).
const HLE_DECILE_MEN: (f64, f64) = (49.8, 69.2);
const HLE_DECILE_WOMEN: (f64, f64) = (48.2, 68.5);
/// England healthy life expectancy 2021-23: men 61.5, women 61.9 (ONS).
const HLE_ENGLAND: (f64, f64) = (61.5, 61.9);

/// Everything the model needs to start one system, derived once per system.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub code: String,
    pub name: String,
    pub population: f64,
    /// Population share by quintile of England's deprivation, Q1 most deprived.
    pub quintile_share: [f64; 5],
    /// Referrals a month at April 2025, by quintile.
    pub referrals: [f64; 5],
    /// Waiting list by quintile and months waited.
    pub waiting_list: [Profile; 5],
    pub staff_fte: f64,
    pub establishment_fte: f64,
    pub treatments_a_month: f64,
    pub allocation_gbp_m_a_year: f64,
    pub backlog_gbp_m: f64,
    pub backlog_growth_gbp_m_a_year: f64,
    /// General and acute beds, scaled from England's by population share.
    pub acute_beds: f64,
    /// Life expectancy and healthy life expectancy, persons, by quintile.
    pub life_expectancy: [f64; 5],
    pub healthy_life_expectancy: [f64; 5],
    /// Men's life-expectancy gap between Q5 and Q1 (years), for checking against ONS.
    pub male_le_gap_years: f64,
    /// Which of these figures are estimates rather than published for this system.
    pub estimates: Vec<&'static str>,
}

impl Baseline {
    pub fn england() -> Baseline {
        Baseline::for_system(&crate::data::systems()[0])
    }

    pub fn for_code(code: &str) -> Result<Baseline, String> {
        crate::data::find(code).map(Baseline::for_system)
    }

    pub fn for_system(s: &System) -> Baseline {
        let is_england = s.code == crate::data::ENGLAND;
        let share = quintile_shares(s.most_deprived_fifth_share);
        let pop_share = s.population / ENGLAND_POPULATION;
        // Need-weighted share of England's activity: need index x population share.
        let need_share = pop_share * s.need_index;
        let rate = ENGLAND_REFERRALS_A_MONTH / ENGLAND_POPULATION;
        let referrals =
            std::array::from_fn(|q| s.population * share[q] * rate * NEED_BY_QUINTILE[q]);
        // Scale so the system's total referral rate follows its published need index.
        let raw: f64 = referrals.iter().sum();
        let target = ENGLAND_REFERRALS_A_MONTH * need_share;
        let referrals: [f64; 5] = referrals.map(|r| r * target / raw);

        let (within, over52) = starting_waits(s);
        // Little's law: a list is referrals x average wait, so a system with longer waits
        // holds a longer list for its need; normalised so the ICBs sum to England's.
        let list_total = if is_england {
            ENGLAND_WAITING_LIST
        } else {
            ENGLAND_WAITING_LIST * need_share * relative_mean_wait(within, over52) / icb_list_norm()
        };
        let profile = profile_matching(list_total, within, over52);
        let ref_total: f64 = referrals.iter().sum();
        let waiting_list = std::array::from_fn(|q| profile.map(|v| v * referrals[q] / ref_total));

        let staff_fte = ENGLAND_STAFF_FTE
            * pop_share
            * if is_england {
                1.0
            } else {
                s.acute_staff_per_100k / crate::data::systems()[0].acute_staff_per_100k
            };
        let (le, le_men_gap) = life_expectancy_by_quintile(s, &share);
        let hle = healthy_life_expectancy_by_quintile(&le);

        let mut estimates = vec![
            "population by deprivation quintile (from the share in the most deprived fifth)",
            "need and referrals by quintile (national gradient)",
            "life expectancy and healthy life expectancy by quintile (national gradient)",
        ];
        if !is_england {
            estimates.extend([
                "waiting list size (England's list x population share x need index x its average wait relative to England's)",
                "treatment capacity (set so the 18-week share moves in the first year as England's does)",
                "18-week share (2023 figure carried to 2025 in line with England)",
                "52-week waiters (England's share, scaled by the share over 18 weeks)",
                "staff (England's FTE x population share x acute staff per head)",
                "allocation (£1,732 a head x need index)",
                "maintenance backlog and hospital beds (England's x population share)",
            ]);
        }

        let mut baseline = Baseline {
            code: s.code.clone(),
            name: s.name.clone(),
            population: s.population,
            quintile_share: share,
            referrals,
            waiting_list,
            staff_fte,
            establishment_fte: staff_fte / (1.0 - VACANCY_RATE),
            treatments_a_month: ENGLAND_TREATMENTS_A_MONTH * need_share,
            allocation_gbp_m_a_year: ALLOCATION_GBP_PER_HEAD * s.population * s.need_index / 1e6,
            backlog_gbp_m: ENGLAND_BACKLOG_GBP_M * pop_share,
            backlog_growth_gbp_m_a_year: ENGLAND_BACKLOG_GROWTH_GBP_M * pop_share,
            acute_beds: ENGLAND_ACUTE_BEDS * pop_share,
            life_expectancy: le,
            healthy_life_expectancy: hle,
            male_le_gap_years: le_men_gap,
            estimates,
        };
        if !is_england {
            baseline.treatments_a_month *= capacity_factor(&baseline);
        }
        baseline
    }

    pub fn waiting_list_total(&self) -> f64 {
        self.waiting_list.iter().flatten().sum()
    }
}

/// A system's shares within 18 weeks and over 52 weeks in April 2025. England's are
/// published; an ICB's 2023 figure is carried to 2025 in proportion to England's
/// (population-weighted mean of the ICBs' 2023 figures, data/icb_baseline.csv), and its long
/// waits scale with its share beyond 18 weeks relative to England.
fn starting_waits(s: &System) -> (f64, f64) {
    let within = if s.code == crate::data::ENGLAND {
        ENGLAND_WITHIN_18_WEEKS
    } else {
        let england_2023 = crate::data::systems()[0].pct_within_18_weeks_2023;
        (s.pct_within_18_weeks_2023 / england_2023 * ENGLAND_WITHIN_18_WEEKS).min(0.95)
    };
    let over52 = ENGLAND_OVER_52_WEEKS * (1.0 - within) / (1.0 - ENGLAND_WITHIN_18_WEEKS);
    (within, over52)
}

/// A system's mean wait relative to England's, from the shape of its starting profile.
fn relative_mean_wait(within: f64, over52: f64) -> f64 {
    let mean = |w, o| mean_months(&profile_matching(1.0, w, o));
    mean(within, over52) / mean(ENGLAND_WITHIN_18_WEEKS, ENGLAND_OVER_52_WEEKS)
}

/// The need-weighted mean of the ICBs' relative waits, so ICB lists sum to England's.
fn icb_list_norm() -> f64 {
    static NORM: OnceLock<f64> = OnceLock::new();
    *NORM.get_or_init(|| {
        let icbs = &crate::data::systems()[1..];
        let england_pop: f64 = icbs.iter().map(|s| s.population).sum();
        icbs.iter()
            .map(|s| {
                let need_share = s.population / england_pop * s.need_index;
                let (within, over52) = starting_waits(s);
                need_share * relative_mean_wait(within, over52)
            })
            .sum()
    })
}

/// How a system's waiting list changes over the first year of current plans (a ratio).
fn first_year_change(b: &Baseline) -> f64 {
    let s = Scenario {
        system: b.code.clone(),
        years: 1,
        ..Scenario::default()
    };
    let p = simulate(b, &s);
    Metric::WaitingList.of(p.last()) / Metric::WaitingList.of(&p.months[0])
}

/// Published data give no ICB's treatment capacity. Scaling England's by need alone would
/// bring every ICB to England's 18-week share within a few years, whatever its start; instead
/// capacity is set so that each system's share moves in the first year as England's does
/// (each improves at England's current pace from its own starting point).
fn capacity_factor(b: &Baseline) -> f64 {
    static ENGLAND_CHANGE: OnceLock<f64> = OnceLock::new();
    let target = *ENGLAND_CHANGE.get_or_init(|| first_year_change(&Baseline::england()));
    let mut trial = b.clone();
    let (mut lo, mut hi) = (0.5, 1.5);
    for _ in 0..30 {
        let mid = 0.5 * (lo + hi);
        trial.treatments_a_month = b.treatments_a_month * mid;
        if first_year_change(&trial) > target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Population shares by national deprivation quintile, from the share in the most deprived
/// fifth alone: shares fall geometrically from Q1 to Q5 (or rise, for affluent systems), at
/// the one ratio that reproduces the published Q1 share. England is 20% each.
pub fn quintile_shares(q1_share: f64) -> [f64; 5] {
    let target = q1_share.clamp(0.001, 0.95);
    let shares = |slope: f64| -> [f64; 5] {
        let w: [f64; 5] = std::array::from_fn(|q| exp(-slope * q as f64));
        let sum: f64 = w.iter().sum();
        w.map(|v| v / sum)
    };
    let (mut lo, mut hi) = (-6.0, 6.0);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if shares(mid)[0] < target {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    shares(0.5 * (lo + hi))
}

/// Mid-point rank of each quintile on the deprivation scale (0 most deprived, 1 least).
const QUINTILE_RANK: [f64; 5] = [0.1, 0.3, 0.5, 0.7, 0.9];

/// A value by quintile from published decile extremes, assuming a straight line in
/// deprivation rank: deciles sit at ranks 0.05 and 0.95, quintiles at 0.1 ... 0.9.
fn by_rank(decile: (f64, f64)) -> [f64; 5] {
    QUINTILE_RANK.map(|r| decile.0 + (decile.1 - decile.0) * (r - 0.05) / 0.9)
}

/// Shifts a gradient so its population-weighted mean equals `mean`.
fn shifted(gradient: [f64; 5], share: &[f64; 5], mean: f64) -> [f64; 5] {
    let m: f64 = (0..5).map(|q| gradient[q] * share[q]).sum();
    gradient.map(|v| v + mean - m)
}

/// Persons' life expectancy by quintile: the national gradient by sex (ONS deciles, as
/// quintiles by rank), shifted so the system's mix of quintiles reproduces its published
/// mean; persons = mean of men and women. Also returns the men's Q5 - Q1 gap.
fn life_expectancy_by_quintile(s: &System, share: &[f64; 5]) -> ([f64; 5], f64) {
    let men = shifted(by_rank(LE_DECILE_MEN), share, s.life_expectancy_male);
    let women = shifted(by_rank(LE_DECILE_WOMEN), share, s.life_expectancy_female);
    (
        std::array::from_fn(|q| 0.5 * (men[q] + women[q])),
        men[4] - men[0],
    )
}

/// Healthy life expectancy by quintile: the national gradient (ONS deciles), centred on
/// England's 2021-23 level, then moved by the system's difference in life expectancy
/// from its own gradient (no ICB figure is published).
fn healthy_life_expectancy_by_quintile(le: &[f64; 5]) -> [f64; 5] {
    let eng = [0.2; 5];
    let men = shifted(by_rank(HLE_DECILE_MEN), &eng, HLE_ENGLAND.0);
    let women = shifted(by_rank(HLE_DECILE_WOMEN), &eng, HLE_ENGLAND.1);
    let national: [f64; 5] = std::array::from_fn(|q| 0.5 * (men[q] + women[q]));
    let england = &crate::data::systems()[0];
    let eng_le = 0.5 * (england.life_expectancy_male + england.life_expectancy_female);
    let national_le = shifted(
        std::array::from_fn(|q| 0.5 * (by_rank(LE_DECILE_MEN)[q] + by_rank(LE_DECILE_WOMEN)[q])),
        &eng,
        eng_le,
    );
    std::array::from_fn(|q| national[q] + (le[q] - national_le[q]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn england_starts_at_the_published_position() {
        let b = Baseline::england();
        assert!(
            (b.waiting_list_total() - 7.4e6).abs() < 1e3,
            "list about 7.4m"
        );
        let all: Profile = std::array::from_fn(|k| b.waiting_list.iter().map(|p| p[k]).sum());
        let within = super::super::queue::share_within(&all, super::super::queue::MONTHS_18_WEEKS);
        assert!((within - 0.60).abs() < 1e-6, "about 60% within 18 weeks");
        // ONS: men's decile gap 10.4 years (73.2 vs 83.6, 2022-24) is 9.2 between quintiles.
        assert!((b.male_le_gap_years - 10.4 * 0.8 / 0.9).abs() < 1e-9);
        assert!((b.male_le_gap_years - 9.2).abs() < 0.1);
    }

    #[test]
    fn quintile_shares_reproduce_the_most_deprived_share() {
        for q1 in [0.006, 0.1, 0.2, 0.405, 0.516] {
            let s = quintile_shares(q1);
            assert!((s[0] - q1).abs() < 1e-9);
            assert!((s.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        }
        assert!(quintile_shares(0.2).iter().all(|v| (v - 0.2).abs() < 1e-9));
    }

    #[test]
    fn icb_baselines_sum_to_about_england() {
        let icbs = &crate::data::systems()[1..];
        let list: f64 = icbs
            .iter()
            .map(|s| Baseline::for_system(s).waiting_list_total())
            .sum();
        assert!((list / 7.4e6 - 1.0).abs() < 0.02, "sum {list}");
    }

    #[test]
    fn icb_life_expectancy_keeps_its_published_mean() {
        let s = crate::data::find("QOP").unwrap();
        let b = Baseline::for_system(s);
        let mean: f64 = (0..5)
            .map(|q| b.life_expectancy[q] * b.quintile_share[q])
            .sum();
        let published = 0.5 * (s.life_expectancy_male + s.life_expectancy_female);
        assert!((mean - published).abs() < 1e-9);
        assert!(b.estimates.iter().any(|e| e.contains("waiting list")));
    }
}
