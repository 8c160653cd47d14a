//! A system's starting position in a published month (the last one, March 2025 today: see
//! [`crate::data::rtt::start_period`]), derived from the public data in `src/data/` and the
//! figures in `params` (FACTS.md). Figures the data do not give per ICB are derived openly
//! and listed in [`Baseline::estimates`].
//!
//! Pure: [`Baseline::starting_at`] builds a start from a published month and a [`Fit`]
//! without running the model. The starts the model uses, fitted to each system's history
//! ([`Baseline::england`], [`Baseline::for_system`]), need model runs and are built in
//! `calibration`, so this module depends on neither `simulate` nor `calibration`.
//!
//! England's waiting list, 18-week share and 52-week waiters are NHS England's reported counts
//! (national sheet, commissioner basis: 7,418,598 waiting in March 2025), not its headline
//! figure, which adds estimates for trusts that did not submit (7.42m).

use super::outcomes::starting_outcomes;
use super::params::*;
use super::profile::{starting_profile, waits_by_fifth, WaitShares};
use super::queue::{Profile, ShapeParams, CALIBRATED, CURRENT_BOOST_SCALE};
use crate::data::rtt::{Period, PublishedMonth};
use crate::data::System;
use serde::Serialize;

/// England's starting waits: NHS England's reported counts, not its headline figure.
pub const ENGLAND_WAITS_BASIS: &str = "NHS England's reported counts (national sheet, commissioner basis: 7,418,598 waiting in March 2025), not its headline figure, which adds estimates for trusts that did not submit (7.42m)";
/// An ICB's starting waits: its own published figures.
pub const ICB_WAITS_BASIS: &str = "NHS England's published figures for the ICB (incomplete pathways, commissioner basis: patients whose care the ICB pays for)";

/// Everything the model needs to start one system, derived once per system.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub code: String,
    pub name: String,
    pub population: f64,
    /// Population share by quintile of England's deprivation (IMD 2025), Q1 most deprived:
    /// the Census 2021 residents of the system's places (data/places.csv).
    pub quintile_share: [f64; 5],
    /// Month 0: the system's last published month.
    pub start: Period,
    /// Referrals a month at month 0, by quintile.
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
    /// The treatment hazard family, with this system's fitted boosts.
    pub shape: ShapeParams,
    /// Treatment priority by fifth under current plans (the deprivation gap persists).
    pub treatment_priority: [f64; 5],
    /// What was fitted to the system's history.
    pub fit: Fit,
    /// How each fifth's life expectancy and healthy life expectancy moved against England's
    /// mean in the published years, years a year (see `outcomes`).
    pub le_trend: [f64; 5],
    pub hle_trend: [f64; 5],
    /// Which of these figures are estimates rather than published for this system.
    pub estimates: Vec<&'static str>,
    /// Where the starting waiting list, 18-week share and 52-week waiters come from (they
    /// are published, not estimated).
    pub waits_basis: &'static str,
}

impl Baseline {
    /// Applies the start-stage fit (`calibration::CarryOn`) to a start whose run through
    /// the window ended with `end_capacity` treatments a month: the starting capacity and the
    /// standards' boosts of the projection.
    pub fn set_start_fit(&mut self, end_capacity: f64, fit: &Fit) {
        self.treatments_a_month = end_capacity * fit.start_capacity_scale;
        self.shape = ShapeParams {
            boost_18: CALIBRATED.boost_18 * fit.start_boost_18_scale,
            boost_52: CALIBRATED.boost_52 * fit.start_boost_52_scale,
            ..CALIBRATED
        };
        self.fit = *fit;
    }

    /// A baseline starting from a published month with given fitted figures. Pure: the
    /// calibration and the track record build their trial baselines with it.
    pub fn starting_at(s: &System, published: &PublishedMonth, fit: &Fit) -> Baseline {
        let is_england = s.code == crate::data::ENGLAND;
        let outcomes = starting_outcomes(&s.code);
        let share = outcomes.quintile_share;
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

        // The published list, split between the fifths by referrals, each fifth with the
        // published gap in waits (WLMDS), together reproducing the published figures.
        let ref_total: f64 = referrals.iter().sum();
        let weights = referrals.map(|r| r / ref_total);
        let fifths = waits_by_fifth(&WaitShares::of(published), &s.region, &weights);
        let waiting_list: [Profile; 5] = std::array::from_fn(|q| {
            starting_profile(published.waiting_list * weights[q], &fifths[q])
        });

        // Staff the system's allocation pays for: England's FTE by need-weighted population
        // share, the basis of the allocation itself, so pay is the same share of income in
        // every system. Acute trusts' staff per resident (`acute_staff_per_100k`) counts
        // where trusts stand, not whom they serve, and where a trust also runs community and
        // mental health services (Somerset: 2,189 FTE per 100k against England's 1,537) it
        // put 77% of income into pay and left 16% for everything else (England: 57% and 39%).
        let staff_fte = ENGLAND_STAFF_FTE * if is_england { 1.0 } else { need_share };
        let estimates = estimates_list(is_england, outcomes.hle_estimated, &s.code);

        let mut baseline = Baseline {
            code: s.code.clone(),
            name: s.name.clone(),
            population: s.population,
            start: published.period,
            quintile_share: share,
            referrals,
            waiting_list,
            staff_fte,
            establishment_fte: staff_fte / (1.0 - VACANCY_RATE),
            treatments_a_month: 0.0,
            allocation_gbp_m_a_year: ALLOCATION_GBP_PER_HEAD * s.population * s.need_index / 1e6,
            backlog_gbp_m: ENGLAND_BACKLOG_GBP_M * pop_share,
            backlog_growth_gbp_m_a_year: ENGLAND_BACKLOG_GROWTH_GBP_M * pop_share,
            acute_beds: ENGLAND_ACUTE_BEDS * pop_share,
            life_expectancy: outcomes.life_expectancy,
            healthy_life_expectancy: outcomes.healthy_life_expectancy,
            male_le_gap_years: outcomes.life_expectancy_men[4] - outcomes.life_expectancy_men[0],
            le_trend: outcomes.le_trend,
            hle_trend: outcomes.hle_trend,
            shape: CALIBRATED,
            treatment_priority: [1.0; 5],
            fit: Fit {
                referral_scale: 1.0,
                ..*fit
            },
            estimates,
            waits_basis: if is_england {
                ENGLAND_WAITS_BASIS
            } else {
                ICB_WAITS_BASIS
            },
        };
        baseline.set_fit(fit);
        baseline
    }

    /// The same start with other fitted figures (cheap: the profiles are kept).
    pub fn with_fit(&self, fit: &Fit) -> Baseline {
        let mut b = self.clone();
        b.set_fit(fit);
        b
    }

    fn set_fit(&mut self, fit: &Fit) {
        let rescale = fit.referral_scale / self.fit.referral_scale;
        self.referrals = self.referrals.map(|r| r * rescale);
        self.fit = *fit;
        self.treatments_a_month = fit.capacity_ratio * self.referrals.iter().sum::<f64>();
        self.shape = ShapeParams {
            boost_18: CALIBRATED.boost_18 * BOOST_18_SCALE,
            boost_52: CALIBRATED.boost_52 * fit.boost_52_scale,
            ..CALIBRATED
        };
        self.treatment_priority = priority_by_fifth(fit.priority_slope);
    }

    pub fn waiting_list_total(&self) -> f64 {
        self.waiting_list.iter().flatten().sum()
    }
}

/// What is fitted for one system.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Fit {
    /// Treatments a month as a share of referrals at the first month of the calibration
    /// window. (A projection then starts with the capacity and referrals the model's run
    /// through the window ends with: see `Baseline::calibrated_start`.)
    pub capacity_ratio: f64,
    /// Referrals a month relative to the estimate (England's clock starts x the system's
    /// need-weighted population share). The referrals of the last 18 weeks set how much of
    /// the list is young, so the 18-week share: fitted to it. Need-weighted referrals alone
    /// cannot reproduce ICBs' shares (Frimley's four months of them exceed its whole list).
    /// The 18-week boost stays at [`BOOST_18_SCALE`]: fitted, it could only raise the share,
    /// and every system's history needed it lower.
    pub referral_scale: f64,
    /// Scale on its 52-week boost.
    pub boost_52_scale: f64,
    /// Treatment priority slope in deprivation rank: the fifth at rank r (0.1 most deprived
    /// ... 0.9 least) has priority 1 + slope x (r - 0.5).
    pub priority_slope: f64,
    /// The projection's starting capacity relative to where the run through the window ends
    /// it, and its scales on the 18-week and 52-week boosts ([`CarryOn`]). Without the
    /// start-stage fit: 1, [`BOOST_18_SCALE`] and `boost_52_scale`.
    pub start_capacity_scale: f64,
    pub start_boost_18_scale: f64,
    pub start_boost_52_scale: f64,
    /// Whether deterministic runs from this start follow the calendar (an option of the
    /// calibration, `calibration::Settings::seasonal`; [`Calendar::Off`] by default).
    #[serde(skip)]
    pub seasonal: Calendar,
    /// Whether the starting profile was shaped with the start-stage boosts
    /// (`calibration::CarryOn::shaped`; off by default).
    #[serde(skip)]
    pub start_shaped: bool,
}

/// The calendar in deterministic runs (issue 10 item 6): clock starts by
/// [`SEASONALITY`](super::params::SEASONALITY) and treatment capacity by
/// [`COMPLETIONS_SEASONALITY`](super::params::COMPLETIONS_SEASONALITY), 2015-2019.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Calendar {
    /// Every month the same (the model's default).
    #[default]
    Off,
    /// Each calendar month's published factors as they are.
    Monthly,
    /// The factors per day ([`Calendar::factors`]): the model ages everyone a whole month each
    /// step, so a short month's fewer referrals and treatments are rates per day of an
    /// average month, and only holidays and working days remain (December, Easter).
    Daily,
}

/// Days in each calendar month, January first (February over four years), and their mean.
pub const DAYS_IN_MONTH: [f64; 12] = [
    31.0, 28.25, 31.0, 30.0, 31.0, 30.0, 31.0, 31.0, 30.0, 31.0, 30.0, 31.0,
];
pub const MEAN_DAYS_IN_MONTH: f64 = 365.25 / 12.0;

impl Calendar {
    /// Referrals' and capacity's factors in calendar month `k` (0 = January), 1 when off.
    pub fn factors(self, k: usize) -> (f64, f64) {
        let (r, c) = (
            super::params::SEASONALITY[k],
            super::params::COMPLETIONS_SEASONALITY[k],
        );
        match self {
            Calendar::Off => (1.0, 1.0),
            Calendar::Monthly => (r, c),
            Calendar::Daily => {
                let d = DAYS_IN_MONTH[k] / MEAN_DAYS_IN_MONTH;
                (r / d, c / d)
            }
        }
    }
}

impl Default for Fit {
    /// The starting guess: England's 2015-2023 shape at England's projection scale, capacity a
    /// little below referrals, equal priority.
    fn default() -> Self {
        Fit {
            capacity_ratio: 0.88,
            referral_scale: 1.0,
            boost_52_scale: CURRENT_BOOST_SCALE,
            priority_slope: 0.0,
            start_capacity_scale: 1.0,
            start_boost_18_scale: BOOST_18_SCALE,
            start_boost_52_scale: CURRENT_BOOST_SCALE,
            seasonal: Calendar::Off,
            start_shaped: false,
        }
    }
}

/// The scale on the 18-week boost for projections from 2025: England's, fitted on its first
/// published months of 2025 ([`CURRENT_BOOST_SCALE`]).
pub const BOOST_18_SCALE: f64 = CURRENT_BOOST_SCALE;

/// Treatment priority of each fifth for a slope.
pub fn priority_by_fifth(slope: f64) -> [f64; 5] {
    FIFTH_RANK.map(|r| 1.0 + slope * (r - 0.5))
}

/// Population shares by national deprivation fifth (IMD 2025), Q1 most deprived: the
/// resident-weighted shares of the system's places (Census 2021 residents, data/places.csv);
/// England's are every place's.
pub fn quintile_shares(code: &str) -> [f64; 5] {
    starting_outcomes(code).quintile_share
}

/// Which of a system's starting figures are estimates rather than published (the app's
/// "starting figures are estimates" list, and every export's): England's or an ICB's, and
/// whether its healthy life expectancy by fifth is estimated (`outcomes`).
fn estimates_list(is_england: bool, hle_estimated: bool, code: &str) -> Vec<&'static str> {
    let mut estimates = vec![
        "population by deprivation fifth (IMD 2025 shares of its places' Census 2021 residents, applied to its registered population)",
        /* Starting money and staff (fresh-eyes finding 15) */
        "staff vacancy rate (England's 9.7% of 2022 for every system: no figure per ICB in the model's data)",
        "money at the start: break-even (no system's published deficit is in the model's data)",
        "need and referrals by quintile (national gradient)",
        "waits by deprivation fifth (the gap published for England and the region: NHS England Waiting List Minimum Data Set, June 2025)",
    ];
    if is_england {
        estimates.push("life expectancy and healthy life expectancy by fifth (ONS's most and least deprived deciles mapped to fifths)");
    } else {
        estimates.push(
            "life expectancy by fifth (each place's published mean and slope index of inequality)",
        );
    }
    if hle_estimated {
        // places: true for each ICB (findings 17): most hold unitary places with
        // published HLE beside districts (and City of London, Isles of Scilly) without.
        let published = crate::data::places_of(code)
            .iter()
            .any(|p| p.hle_2022_24.is_some());
        estimates.push(if published {
            "healthy life expectancy by fifth (published for its single-tier places (unitary authorities, metropolitan and London boroughs); estimated from life expectancy for places with none published: districts, City of London, Isles of Scilly)"
        } else {
            "healthy life expectancy by fifth (its places are districts, which publish none: estimated from their life expectancy)"
        });
    } else if !is_england {
        estimates.push("healthy life expectancy by fifth (each place's published mean, spread as its life expectancy)");
    }
    if is_england {
        estimates.push(
            "treatment capacity and how hospitals work to the 18- and 52-week standards (fitted to England's own list since May 2023)",
        );
    } else {
        estimates.extend([
            "referrals (England's clock starts x need-weighted population share: not published per ICB)",
            "treatment capacity and how hospitals work to the 18- and 52-week standards (fitted to the ICB's own list, 18-week share and 52-week waiters since May 2023)",
            "staff (England's FTE x need-weighted population share, the allocation's basis)",
            "allocation (England's £127.2bn of ICB allocations in 2024/25, shared by registered population x need index)",
            "maintenance backlog and hospital beds (England's x population share)",
        ]);
    }
    estimates
}

/// The starting figures of system `s` that are estimates (as [`Baseline::estimates`], without
/// fitting the system): for exports.
pub fn estimates_for(s: &System) -> Vec<&'static str> {
    estimates_list(
        s.code == crate::data::ENGLAND,
        starting_outcomes(&s.code).hle_estimated,
        &s.code,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::data::rtt;
    use crate::model::queue::{count_over, share_within, MONTHS_18_WEEKS, MONTHS_52_WEEKS};

    fn whole(b: &Baseline) -> Profile {
        std::array::from_fn(|k| b.waiting_list.iter().map(|p| p[k]).sum())
    }

    #[test]
    fn england_starts_at_the_published_position() {
        let b = Baseline::england();
        // NHS England RTT, national sheet, March 2025: 7,418,598 waiting, 4,434,722 within
        // 18 weeks (59.8%), 180,243 over 52 weeks.
        assert_eq!(b.start.to_string(), "2025-03");
        assert!((b.waiting_list_total() - 7_418_598.0).abs() < 1e-3);
        let within = share_within(&whole(&b), MONTHS_18_WEEKS);
        assert!((within - 4_434_722.0 / 7_418_598.0).abs() < 1e-6);
        let over52 = count_over(&whole(&b), MONTHS_52_WEEKS);
        assert!((over52 / 180_243.0 - 1.0).abs() < 1e-4, "{over52}");
        // ONS: men's decile gap 10.4 years (73.2 vs 83.6, 2022-24) is 9.2 between quintiles.
        assert!((b.male_le_gap_years - 10.4 * 0.8 / 0.9).abs() < 1e-9);
        assert!((b.male_le_gap_years - 9.2).abs() < 0.1);
    }

    #[test]
    fn every_icb_starts_at_its_own_published_month() {
        for s in crate::data::icbs() {
            let b = Baseline::for_system(s);
            let m = rtt::history(&s.code).unwrap().last().unwrap();
            let p = whole(&b);
            assert_eq!(b.start, m.period);
            assert!((b.waiting_list_total() / m.waiting_list - 1.0).abs() < 1e-9);
            let within = share_within(&p, MONTHS_18_WEEKS);
            assert!(
                (within - m.within_18_weeks_share()).abs() < 0.001,
                "{}",
                s.code
            );
            let over52 = count_over(&p, MONTHS_52_WEEKS);
            assert!((over52 / m.over_52_weeks - 1.0).abs() < 0.01, "{}", s.code);
        }
    }

    #[test]
    fn quintile_shares_are_the_places_imd_2025_shares() {
        // places_README: national shares of residents 20.2 / 20.4 / 20.1 / 19.9 / 19.5%.
        let england = quintile_shares(crate::data::ENGLAND);
        for (s, published) in england.iter().zip([0.202, 0.204, 0.201, 0.199, 0.195]) {
            assert!((s - published).abs() < 0.0006, "{england:?}");
        }
        for s in crate::data::icbs() {
            let shares = quintile_shares(&s.code);
            assert!((shares.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            // The IMD 2025 share in the most deprived fifth tracks the IMD 2019 one published
            // for the ICB (icb_baseline.csv), within 8 points.
            assert!(
                (shares[0] - s.most_deprived_fifth_share).abs() < 0.08,
                "{}: {} vs {}",
                s.code,
                shares[0],
                s.most_deprived_fifth_share
            );
        }
    }

    #[test]
    fn icb_baselines_sum_to_about_england() {
        let icbs = crate::data::icbs();
        let list: f64 = icbs
            .iter()
            .map(|s| Baseline::for_system(s).waiting_list_total())
            .sum();
        // From May 2023 the 42 ICBs add up to about 98% of England's reported list; the rest is
        // care NHS England commissions directly (145,181 pathways in March 2025).
        let ratio = list / Baseline::england().waiting_list_total();
        assert!((ratio - 0.98).abs() < 0.005, "sum {list}, {ratio}");
    }

    #[test]
    fn icb_life_expectancy_keeps_its_published_mean() {
        let s = crate::data::find("QOP").unwrap();
        let b = Baseline::for_system(s);
        let mean: f64 = (0..5)
            .map(|q| b.life_expectancy[q] * b.quintile_share[q])
            .sum();
        // icb_baseline.csv: the places' resident-weighted means, to one decimal place.
        let published = 0.5 * (s.life_expectancy_male + s.life_expectancy_female);
        assert!((mean - published).abs() < 0.05, "{mean} vs {published}");
        assert!(b.estimates.iter().any(|e| e.contains("referrals")));
        assert!(!b.estimates.iter().any(|e| e.contains("waiting list size")));
    }
}
