//! Fitting each system to its own published history.
//!
//! Every system (England and each ICB) starts from its last published month and is
//! calibrated on its own months from May 2023 (the first month comparable with the latest)
//! to that start (issue 10), not made to move like England. Two stages, each figure by one
//! root-finding helper ([`bisect`]), in turn, a few rounds:
//!
//! **Through the window** (run under current plans from the window's first month):
//! - **treatment capacity relative to referrals**, so that the run ends part of the way
//!   ([`LIST_TREND_WEIGHT`]) from the first month's list to the last's;
//! - **referrals relative to the need-weighted estimate**, so that it ends on the last
//!   month's published 18-week share;
//! - a scale on the **52-week boost** (`ShapeParams::boost_52`), so that it ends on the last
//!   month's 52-week waiters.
//!
//! The run's queue gives the starting profile its shape (rescaled to the published month).
//!
//! **At the start** ([`CarryOn`]): the projection's starting capacity and its 18- and 52-week
//! boosts, so that over its first year under current plans the mean list, 18-week share and
//! 52-week waiters carry on the share of each recent trend that forecast best in the
//! backtests (none for the list and the 18-week share; a quarter for 52-week waiters). The
//! run through the window that shapes the starting profile works with those start-stage
//! boosts, and the fit is repeated on the profile that gives ([`CarryOn::shaped`]), so the
//! published profile does not meet new boosts at month 1 (README: The shaped start, and what else was tried).
//!
//! Then the **priority of each deprivation fifth** (a slope in deprivation rank), so that
//! under current plans the gap in 18-week share between the most and least deprived fifths
//! that the system starts with (WLMDS, June 2025) still holds five years on.
//!
//! Referrals per ICB are not published: they are a need-weighted share of England's clock
//! starts, scaled as fitted, so an ICB's fitted capacity is relative to that estimate.
//!
//! The starts the model runs from ([`Baseline::england`], [`Baseline::for_system`]) are built
//! here, at the end of this file: each needs runs of the model, which `baseline` (a start from
//! a published month, no run) must not depend on.

use super::baseline::{priority_by_fifth, Baseline, Calendar, Fit};
use super::math::{bisect, exp, golden_min, ln};
use super::profile::reshape;
use super::projection::Metric;
use super::simulate::{queues_after, run, Scenario};
use crate::data::rtt::{self, PublishedMonth, FIRST_COMPARABLE};
use crate::data::System;
use serde::Serialize;
use std::sync::OnceLock;

/// The least number of comparable months (from May 2023) a calibration needs, the start
/// month included: two months give a trend and nothing to check it against.
pub const MIN_HISTORY_MONTHS: usize = 3;

/// Months of a deprivation-gap run: the gap must still hold five years on.
pub const GAP_MONTHS: usize = 60;

/// Range searched for capacity relative to referrals. Assumption: wide enough for every
/// system's history (England's fitted value is about 0.88: see `ics-whatif calibration`).
pub const CAPACITY_RANGE: (f64, f64) = (0.5, 1.5);
/// Range searched for the scale on the 52-week boost (1 = as calibrated on 2015-2023, 0 = no
/// work to the standard). Assumption: ten times England's projection scale
/// ([`super::queue::CURRENT_BOOST_SCALE`]) leaves room for every system's history.
pub const BOOST_RANGE: (f64, f64) = (0.0, 40.0);
/// Range searched for referrals relative to the need-weighted estimate. Assumption.
pub const REFERRAL_RANGE: (f64, f64) = (0.3, 3.0);
/// How far the run through the window ends from the first month's list towards the last
/// month's (capacity is fitted to it). Since the start-stage fit ([`CarryOn`]) sets the
/// projection's own capacity, this only shapes the starting profile: 0, 0.25 and 0.5 gave
/// the same backtest errors to 0.01 for the list and the 18-week share and to 0.8 points for
/// 52-week waiters (`cargo run --release --example backtest_tune`).
/// Assumption, kept from the earlier backtests (README.start.md). (The 18-week share and
/// 52-week waiters are fitted to the last month in full: damping them leaves the model's
/// run ending away from the published profile, and the projection then jolts back in its
/// first months.)
pub const LIST_TREND_WEIGHT: f64 = 0.5;
/// The most months of history a fit uses, counting back from the start: `None`, every
/// comparable month from May 2023 (issue 10). The option of a shorter window is kept for the
/// comparison in README, "The backtest" (`cargo run --release --example backtest_tune`): the last
/// 13 months, as before, forecast no better in the backtests.
pub const FIT_MONTHS: Option<usize> = None;

/// How a system is calibrated: the window and how much of its recent trends the projection
/// carries on. [`Settings::CURRENT`] is what the model uses; the others exist so that
/// `examples/backtest_tune.rs` can measure the alternatives on the backtests.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    /// The most months of history, counting back from the start (`None`: from May 2023).
    pub window_months: Option<usize>,
    /// See [`LIST_TREND_WEIGHT`].
    pub list_trend_weight: f64,
    /// The start-stage fit ([`CarryOn`]); `None` leaves the projection as the run through
    /// the window ends it (the method before this round).
    pub carry_on: Option<CarryOn>,
    /// Deterministic runs follow the calendar (2015-2019 clock starts and completions by
    /// calendar month: [`super::params::SEASONALITY`],
    /// [`super::params::COMPLETIONS_SEASONALITY`]), in the fit and the projection. An option
    /// measured in the backtests (issue 10 item 6; README: The shaped start, and what else was tried); off in the model.
    pub seasonal: Calendar,
}

impl Settings {
    pub const CURRENT: Settings = Settings {
        window_months: FIT_MONTHS,
        list_trend_weight: LIST_TREND_WEIGHT,
        carry_on: Some(CarryOn::CURRENT),
        seasonal: SEASONAL,
    };
}

impl Default for Settings {
    fn default() -> Self {
        Settings::CURRENT
    }
}

/// The start-stage fit: after the fit through the window, three figures of the projection's
/// start are set so that, over its first [`CarryOn::months`] months under current plans, the
/// model's mean list, 18-week share and 52-week waiters equal the mean of a path that
/// carries on a share (the weights) of each figure's recent trend from the published start
/// month. The figures: the starting treatment capacity (a scale on where the run through the
/// window ends it), and the scales on the 18-week and 52-week boosts. Without it the
/// projection carried on whatever momentum the run through the window left in the queue's
/// shape: from September 2023, England's 52-week waiters rose from 390,320 to 492,000 in a
/// year (published: fell to 249,024) and its 18-week share fell 1.9 points (published: rose
/// 0.9), worse than "nothing changes" (README, "The backtest").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CarryOn {
    /// Months ahead whose mean is matched.
    pub months: usize,
    /// Share of the recent trend carried on (per month, a least-squares line through the last
    /// [`CarryOn::trend_months`] months of the window): of the list (in logs), of the 18-week
    /// share (points) and of 52-week waiters (in logs).
    pub list_weight: f64,
    pub within_18_weight: f64,
    pub over_52_weight: f64,
    /// Months the trends are measured on, counting back from the start (the start included).
    pub trend_months: usize,
    /// Fit the path rather than the mean: each figure by least squares month by month over
    /// the months ahead (list and 52-week waiters in logs, the 18-week share in points)
    /// against the carried-on path. An option measured in the backtests (issue 10 item 6).
    pub path: bool,
    /// Shape the starting profile with the start-stage boosts (the run through the window
    /// works to the standards as the projection will), so the published profile does not
    /// meet new boosts at month 1 (README, "Known weakness"). An option measured in the
    /// backtests (issue 10 item 6).
    pub shaped: bool,
}

impl CarryOn {
    /// The model's settings. Tuned on the backtests from September 2023 only (6 and 12
    /// months, all 43 systems), held out on March 2024: `cargo run --release --example
    /// backtest_tune` (README, "The backtest"). Any share of the recent trend in the list or the
    /// 18-week share made the September 2023 backtests worse than carrying none: in 2023-25
    /// a system's months before the start did not foretell which way they went next. For
    /// 52-week waiters a quarter of the trend scored the same as none there (21.0% against
    /// 20.7% at 6 months, 34.8% against 33.7% at 12; a half: 22.3% and 36.5%); a quarter is
    /// kept because NHS England's drive on long waits is itself a current plan (52-week
    /// waiters fell from 390,320 in September 2023 to 180,243 in March 2025: FACTS.md).
    pub const CURRENT: CarryOn = CarryOn {
        months: CARRY_ON_MONTHS,
        list_weight: 0.0,
        within_18_weight: 0.0,
        over_52_weight: 0.25,
        trend_months: TREND_MONTHS,
        path: PATH_FIT,
        shaped: SHAPED_START,
    };
}

/// Whether the start-stage fit matches the path month by month (least squares) rather than
/// its mean ([`CarryOn::path`]). Measured in README: The shaped start, and what else was tried.
pub const PATH_FIT: bool = false;
/// Whether the starting profile is shaped with the start-stage boosts ([`CarryOn::shaped`]).
/// Measured in README: The shaped start, and what else was tried.
pub const SHAPED_START: bool = true;
/// Passes of the start-stage fit when the profile is shaped by its boosts.
const SHAPED_ROUNDS: usize = 3;
/// Whether deterministic runs follow the calendar ([`Settings::seasonal`]). Measured in
/// README: The shaped start, and what else was tried.
pub const SEASONAL: Calendar = Calendar::Off;
/// Months ahead over which the start-stage fit matches the projection's mean: the first year,
/// the horizon of the longest backtest in the issue. Assumption.
pub const CARRY_ON_MONTHS: usize = 12;
/// Months a recent trend is measured on: the last six (the start included). Assumption.
pub const TREND_MONTHS: usize = 6;
/// Range searched for the scale on the starting capacity. Assumption: a fifth either way of
/// where the run through the window ends leaves room for every system's history.
pub const START_CAPACITY_RANGE: (f64, f64) = (0.8, 1.25);
/// Tolerances of the start-stage bisections: a capacity scale to 1e-5 moves England's
/// first-year list by about 0.01%; a boost scale to 0.001 (of 0 to 40) its 18-week share and
/// 52-week waiters by less than that. Coarser than the window's to keep start-up quick.
const START_TOLERANCE: f64 = 1e-5;
const START_BOOST_TOLERANCE: f64 = 1e-3;
/// Tolerances of the window's bisections (capacity ratio, referral scale, 52-week boost)
/// when the start-stage fit follows: a capacity ratio to 1e-5 ends England's run through the
/// window within about 0.1% of its target list.
const WINDOW_TOLERANCES_WITH_START_FIT: (f64, f64, f64) = (1e-5, 1e-4, 1e-3);
/// The same tolerances when the window's fit is the whole calibration (no start-stage fit:
/// the method before it, kept for the comparison in `examples/backtest_tune.rs`).
const WINDOW_TOLERANCES: (f64, f64, f64) = (1e-6, 1e-5, 1e-5);
/// Rounds of the window's fit when the start-stage fit follows (see above).
const WINDOW_ROUNDS_WITH_START_FIT: usize = 1;
/// Rounds of the start-stage fit (each figure depends a little on the others).
const CARRY_ON_ROUNDS: usize = 2;
/// Range searched for the deprivation priority slope (see [`priority_by_fifth`]).
pub const PRIORITY_SLOPE_RANGE: (f64, f64) = (-1.0, 1.5);
/// Tolerance of the priority slope's bisection.
const PRIORITY_SLOPE_TOLERANCE: f64 = 1e-4;
/// A fitted figure this close to an end of its searched range (or within its bisection's
/// tolerance, if larger) is reported as at that end.
const RANGE_END_DISTANCE: f64 = 1e-4;
/// The fewest 52-week waiters a fit's log ratio divides by: a run that clears them does not
/// divide by zero.
const MIN_OVER_52: f64 = 1e-9;
/// Months the model runs from an assumed starting profile (geometric decay) to give it the
/// shape its own hazards make, before it is matched to a published month. Assumption: two
/// years, longer than anyone's wait in all but the last band.
pub const BURN_IN_MONTHS: usize = 24;
/// Rounds of fitting the three figures in turn (each depends a little on the others).
const ROUNDS: usize = 3;

/// How well a fit reproduces the history it was fitted on (months after the first).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FitErrors {
    /// Root mean square error of the list, % of the published list.
    pub list_rmse_pct: f64,
    /// Mean absolute error of the 18-week share, percentage points.
    pub within_18_weeks_mae_pts: f64,
    /// Mean ratio of modelled to published 52-week waiters.
    pub over_52_weeks_mean_ratio: f64,
}

/// A system's calibration: the months used, what was fitted, how well it fits, and which
/// fitted figures stopped at an end of their searched range (none, normally).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Calibration {
    pub code: String,
    pub from: String,
    pub to: String,
    pub months: usize,
    pub fit: Fit,
    pub errors: FitErrors,
    pub at_range_end: Vec<&'static str>,
}

/// The comparable months of a history (from May 2023) up to and including `start` (at most
/// [`FIT_MONTHS`] of them, if that is set).
pub fn window(history: &[PublishedMonth], start: crate::data::rtt::Period) -> &[PublishedMonth] {
    window_of(history, start, FIT_MONTHS)
}

/// [`window`] with at most `most` months (`None`: every comparable month).
pub fn window_of(
    history: &[PublishedMonth],
    start: crate::data::rtt::Period,
    most: Option<usize>,
) -> &[PublishedMonth] {
    let first = history
        .iter()
        .position(|m| {
            m.period >= FIRST_COMPARABLE
                && most.is_none_or(|n| start.months_since(m.period) < n as i64)
        })
        .unwrap_or(history.len());
    let last = history
        .iter()
        .rposition(|m| m.period <= start)
        .map_or(0, |i| i + 1);
    if first >= last {
        &[]
    } else {
        &history[first..last]
    }
}

/// Fits a system on the published months `months` (oldest first, at least
/// [`MIN_HISTORY_MONTHS`], comparable), for a projection starting at the last of them.
pub fn calibrate(s: &System, months: &[PublishedMonth]) -> Calibration {
    calibrate_with(s, months, &Settings::CURRENT)
}

/// [`calibrate`] with other settings (for measuring the alternatives).
pub fn calibrate_with(s: &System, months: &[PublishedMonth], settings: &Settings) -> Calibration {
    assert!(
        months.len() >= MIN_HISTORY_MONTHS,
        "callers check the history"
    );
    let (m0, m1) = (&months[0], months.last().expect("checked"));
    let span = m1.period.months_since(m0.period).max(0) as usize;
    // Where the model must end the window: the published month, but for the list only part
    // of the way from the first month (LIST_TREND_WEIGHT).
    let target = Modelled {
        waiting_list: m0.waiting_list
            + settings.list_trend_weight * (m1.waiting_list - m0.waiting_list),
        within_18: m1.within_18_weeks_share(),
        over_52: m1.over_52_weeks.max(1.0),
    };
    let mut fit = Fit {
        seasonal: settings.seasonal,
        ..Fit::default()
    };
    // With the start-stage fit, the window's fit only shapes the starting profile and sets
    // referrals: coarser tolerances (capacity, referral scale, 52-week boost) do.
    let tolerance = if settings.carry_on.is_some() {
        WINDOW_TOLERANCES_WITH_START_FIT
    } else {
        WINDOW_TOLERANCES
    };
    let mut first = Baseline::burned_in(s, &months[0], &fit);
    let rounds = if settings.carry_on.is_some() {
        WINDOW_ROUNDS_WITH_START_FIT
    } else {
        ROUNDS
    };
    for round in 0..=rounds {
        if round > 0 {
            first = Baseline::burned_in(s, &months[0], &fit);
        }
        let run_to_end = |fit: &Fit| {
            let b = first.with_fit(fit);
            *project(&b, span).last().expect("month 0 at least")
        };
        if round == ROUNDS && settings.carry_on.is_none() {
            // The deprivation gap, from the start month, with the other figures as fitted.
            let last = Baseline::starting_at(s, months.last().expect("checked"), &fit);
            fit.priority_slope = fit_priority_slope(&last);
        }
        // Each fitted figure makes the model's run through the window end on its target.
        fit.capacity_ratio = bisect(CAPACITY_RANGE.0, CAPACITY_RANGE.1, tolerance.0, |c| {
            let end = run_to_end(&Fit {
                capacity_ratio: c,
                ..fit
            });
            target.waiting_list - end.waiting_list
        });
        fit.referral_scale = bisect(REFERRAL_RANGE.0, REFERRAL_RANGE.1, tolerance.1, |r| {
            let end = run_to_end(&Fit {
                referral_scale: r,
                ..fit
            });
            end.within_18 - target.within_18
        });
        fit.boost_52_scale = bisect(BOOST_RANGE.0, BOOST_RANGE.1, tolerance.2, |b| {
            let end = run_to_end(&Fit {
                boost_52_scale: b,
                ..fit
            });
            ln(target.over_52 / end.over_52.max(MIN_OVER_52))
        });
    }
    fit.start_boost_52_scale = fit.boost_52_scale;
    if let Some(carry_on) = &settings.carry_on {
        fit_start(s, months, carry_on, &mut fit);
        let last = Baseline::calibrated_start(s, months, &fit);
        fit.priority_slope = fit_priority_slope(&last);
    }
    let path = window_run(&first.with_fit(&fit), months);
    let n = path.len().max(1) as f64;
    let errors = FitErrors {
        list_rmse_pct: 100.0
            * (path
                .iter()
                .map(|(m, p)| (m.waiting_list / p.waiting_list - 1.0).powi(2))
                .sum::<f64>()
                / n)
                .sqrt(),
        within_18_weeks_mae_pts: 100.0
            * path
                .iter()
                .map(|(m, p)| (m.within_18 - p.within_18_weeks_share()).abs())
                .sum::<f64>()
            / n,
        over_52_weeks_mean_ratio: path
            .iter()
            .map(|(m, p)| m.over_52 / p.over_52_weeks.max(1.0))
            .sum::<f64>()
            / n,
    };
    // At an end: within the bisection's tolerance of it (a bisection stops within half its
    // tolerance of the end it runs into), or RANGE_END_DISTANCE, whichever is larger.
    let near = |v: f64, (lo, hi): (f64, f64), tol: f64| {
        let d = tol.max(RANGE_END_DISTANCE);
        (v - lo).abs() < d || (v - hi).abs() < d
    };
    let mut at_range_end = Vec::new();
    if near(fit.capacity_ratio, CAPACITY_RANGE, tolerance.0) {
        at_range_end.push("capacity_ratio");
    }
    if near(fit.referral_scale, REFERRAL_RANGE, tolerance.1) {
        at_range_end.push("referral_scale");
    }
    if near(fit.boost_52_scale, BOOST_RANGE, tolerance.2) {
        at_range_end.push("boost_52_scale");
    }
    if near(
        fit.priority_slope,
        PRIORITY_SLOPE_RANGE,
        PRIORITY_SLOPE_TOLERANCE,
    ) {
        at_range_end.push("priority_slope");
    }
    if settings.carry_on.is_some() {
        if near(
            fit.start_capacity_scale,
            START_CAPACITY_RANGE,
            START_TOLERANCE,
        ) {
            at_range_end.push("start_capacity_scale");
        }
        if near(fit.start_boost_18_scale, BOOST_RANGE, START_BOOST_TOLERANCE) {
            at_range_end.push("start_boost_18_scale");
        }
        if near(fit.start_boost_52_scale, BOOST_RANGE, START_BOOST_TOLERANCE) {
            at_range_end.push("start_boost_52_scale");
        }
    }
    Calibration {
        code: s.code.clone(),
        from: months[0].period.to_string(),
        to: months.last().expect("checked").period.to_string(),
        months: months.len(),
        fit,
        errors,
        at_range_end,
    }
}

/// Least-squares slope per month of `value` over the published months of `months` within the
/// last `n` months of the window (by calendar month, so a missing month is skipped); 0 with
/// fewer than two.
fn trend(months: &[PublishedMonth], n: usize, value: impl Fn(&PublishedMonth) -> f64) -> f64 {
    let last = months.last().expect("a window has months").period;
    let points: Vec<(f64, f64)> = months
        .iter()
        .filter(|m| last.months_since(m.period) < n as i64)
        .map(|m| (-(last.months_since(m.period) as f64), value(m)))
        .collect();
    let k = points.len() as f64;
    if points.len() < 2 {
        return 0.0;
    }
    let (mx, my) = (
        points.iter().map(|p| p.0).sum::<f64>() / k,
        points.iter().map(|p| p.1).sum::<f64>() / k,
    );
    let sxx: f64 = points.iter().map(|p| (p.0 - mx).powi(2)).sum();
    let sxy: f64 = points.iter().map(|p| (p.0 - mx) * (p.1 - my)).sum();
    sxy / sxx
}

/// The start-stage fit ([`CarryOn`]): sets `fit.start_*` so that the projection from the
/// window's last month has, over its first `carry_on.months`, the mean list, 18-week share
/// and 52-week waiters of a path carrying on the weighted recent trends from that month.
fn fit_start(s: &System, months: &[PublishedMonth], carry_on: &CarryOn, fit: &mut Fit) {
    fit.start_shaped = carry_on.shaped;
    // Shaped: the starting profile depends on the start-stage boosts, so fit again on the
    // profile the last fit's boosts give.
    let rounds = if carry_on.shaped { SHAPED_ROUNDS } else { 1 };
    for _ in 0..rounds {
        fit_start_once(s, months, carry_on, fit);
    }
}

/// One pass of [`fit_start`] on the starting profile the current fit gives.
fn fit_start_once(s: &System, months: &[PublishedMonth], carry_on: &CarryOn, fit: &mut Fit) {
    let m1 = months.last().expect("checked");
    let h = carry_on.months.max(1);
    let n = carry_on.trend_months;
    let slope_list = carry_on.list_weight * trend(months, n, |m| ln(m.waiting_list));
    let slope_18 = carry_on.within_18_weight * trend(months, n, |m| m.within_18_weeks_share());
    let slope_52 = carry_on.over_52_weight * trend(months, n, |m| ln(m.over_52_weeks.max(1.0)));
    let mean_ahead = |f: &dyn Fn(f64) -> f64| (1..=h).map(|t| f(t as f64)).sum::<f64>() / h as f64;
    // With the calendar, the start month's list carries on along the 2015-2019 pattern.
    let k0 = m1.period.month0();
    let season_list = |t: f64| {
        if fit.seasonal != Calendar::Off {
            let k = (k0 + t as usize) % 12;
            super::params::LIST_SEASONALITY[k] / super::params::LIST_SEASONALITY[k0]
        } else {
            1.0
        }
    };
    let season_18 = |t: f64| {
        if fit.seasonal != Calendar::Off {
            let k = (k0 + t as usize) % 12;
            (super::params::WITHIN_18_SEASONALITY_PTS[k]
                - super::params::WITHIN_18_SEASONALITY_PTS[k0])
                / 100.0
        } else {
            0.0
        }
    };
    let target_list = mean_ahead(&|t| m1.waiting_list * season_list(t) * exp(slope_list * t));
    let target_18 = mean_ahead(&|t| m1.within_18_weeks_share() + season_18(t) + slope_18 * t);
    let target_52 = mean_ahead(&|t| m1.over_52_weeks.max(1.0) * exp(slope_52 * t));
    // The start with the window's fit; each trial changes only the start-stage figures.
    let start = Baseline::calibrated_start(
        s,
        months,
        &Fit {
            start_capacity_scale: 1.0,
            ..*fit
        },
    );
    let end_capacity = start.treatments_a_month;
    let ahead = |f: &Fit| {
        let mut b = start.clone();
        b.set_start_fit(end_capacity, f);
        let path = project(&b, h);
        let mean = |g: fn(&Modelled) -> f64| path[1..].iter().map(g).sum::<f64>() / h as f64;
        (
            mean(|m| m.waiting_list),
            mean(|m| m.within_18),
            mean(|m| m.over_52),
        )
    };
    if carry_on.path {
        // Least squares month by month against the carried-on path.
        let path_of = |f: &Fit| {
            let mut b = start.clone();
            b.set_start_fit(end_capacity, f);
            project(&b, h)
        };
        let sse = |f: &Fit, e: &dyn Fn(f64, &Modelled) -> f64| {
            path_of(f)[1..]
                .iter()
                .enumerate()
                .map(|(i, m)| e((i + 1) as f64, m).powi(2))
                .sum::<f64>()
        };
        let e_list = |t: f64, m: &Modelled| {
            ln(m.waiting_list / (m1.waiting_list * season_list(t) * exp(slope_list * t)))
        };
        let e_18 = |t: f64, m: &Modelled| {
            m.within_18 - (m1.within_18_weeks_share() + season_18(t) + slope_18 * t)
        };
        let e_52 = |t: f64, m: &Modelled| {
            ln(m.over_52.max(MIN_OVER_52) / (m1.over_52_weeks.max(1.0) * exp(slope_52 * t)))
        };
        for _ in 0..CARRY_ON_ROUNDS {
            fit.start_capacity_scale = golden_min(
                START_CAPACITY_RANGE.0,
                START_CAPACITY_RANGE.1,
                START_TOLERANCE,
                |c| {
                    sse(
                        &Fit {
                            start_capacity_scale: c,
                            ..*fit
                        },
                        &e_list,
                    )
                },
            );
            fit.start_boost_18_scale =
                golden_min(BOOST_RANGE.0, BOOST_RANGE.1, START_BOOST_TOLERANCE, |b| {
                    sse(
                        &Fit {
                            start_boost_18_scale: b,
                            ..*fit
                        },
                        &e_18,
                    )
                });
            fit.start_boost_52_scale =
                golden_min(BOOST_RANGE.0, BOOST_RANGE.1, START_BOOST_TOLERANCE, |b| {
                    sse(
                        &Fit {
                            start_boost_52_scale: b,
                            ..*fit
                        },
                        &e_52,
                    )
                });
        }
        return;
    }
    for _ in 0..CARRY_ON_ROUNDS {
        fit.start_capacity_scale = bisect(
            START_CAPACITY_RANGE.0,
            START_CAPACITY_RANGE.1,
            START_TOLERANCE,
            |c| {
                target_list
                    - ahead(&Fit {
                        start_capacity_scale: c,
                        ..*fit
                    })
                    .0
            },
        );
        fit.start_boost_18_scale =
            bisect(BOOST_RANGE.0, BOOST_RANGE.1, START_BOOST_TOLERANCE, |b| {
                ahead(&Fit {
                    start_boost_18_scale: b,
                    ..*fit
                })
                .1 - target_18
            });
        fit.start_boost_52_scale =
            bisect(BOOST_RANGE.0, BOOST_RANGE.1, START_BOOST_TOLERANCE, |b| {
                let over_52 = ahead(&Fit {
                    start_boost_52_scale: b,
                    ..*fit
                })
                .2;
                ln(target_52 / over_52.max(MIN_OVER_52))
            });
    }
}

/// The modelled system figures of one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Modelled {
    pub waiting_list: f64,
    /// Share within 18 weeks, 0-1.
    pub within_18: f64,
    pub over_52: f64,
}

/// Runs current plans from a baseline for as many months as `months` spans and pairs each
/// later published month with the model's figures for it (by calendar month, so a missing
/// month is skipped).
fn window_run<'a>(
    base: &Baseline,
    months: &'a [PublishedMonth],
) -> Vec<(Modelled, &'a PublishedMonth)> {
    let span = months
        .last()
        .map_or(0, |m| m.period.months_since(months[0].period).max(0)) as usize;
    let path = project(base, span);
    months[1..]
        .iter()
        .filter_map(|p| {
            let t = p.period.months_since(months[0].period) as usize;
            path.get(t).map(|m| (*m, p))
        })
        .collect()
}

/// Current plans from a baseline for `months` months: the system's list, 18-week share and
/// 52-week waiters each month (month 0 first).
pub fn project(base: &Baseline, months: usize) -> Vec<Modelled> {
    let s = Scenario {
        system: base.code.clone(),
        years: months.div_ceil(12).max(1) as u32,
        ..Scenario::default()
    };
    let mut out = Vec::with_capacity(months + 1);
    run(base, &s, None, None, |r| {
        if r.month <= months {
            out.push(Modelled {
                waiting_list: Metric::WaitingList.of(r),
                within_18: Metric::Within18WeeksPct.of(r) / 100.0,
                over_52: Metric::Over52Weeks.of(r),
            });
        }
    });
    out
}

/// The priority slope at which the gap in 18-week share between the least and most deprived
/// fifths is the same after [`GAP_MONTHS`] of current plans as at the start.
fn fit_priority_slope(base: &Baseline) -> f64 {
    let gap = |r: &super::projection::MonthRecord| {
        r.within_18_weeks_pct(Some(4)) - r.within_18_weeks_pct(Some(0))
    };
    let s = Scenario {
        system: base.code.clone(),
        years: (GAP_MONTHS / 12) as u32,
        ..Scenario::default()
    };
    bisect(
        PRIORITY_SLOPE_RANGE.0,
        PRIORITY_SLOPE_RANGE.1,
        PRIORITY_SLOPE_TOLERANCE,
        |k| {
            let mut trial = base.clone();
            trial.fit.priority_slope = k;
            trial.treatment_priority = priority_by_fifth(k);
            let (mut start, mut end) = (0.0, 0.0);
            run(&trial, &s, None, None, |r| {
                if r.month == 0 {
                    start = gap(r);
                }
                end = gap(r);
            });
            end - start
        },
    )
}

// ---- The starts the model uses ----

/// The starts fitted to a system's history: built here, not in `baseline`, because each
/// needs runs of the model (`simulate`), which itself starts from a [`Baseline`].
impl Baseline {
    /// England's start (see [`Baseline::for_system`]).
    pub fn england() -> Baseline {
        Baseline::for_system(crate::data::england())
    }

    /// The start of the system with this code ("england" or an ICB's), or why there is none.
    pub fn for_code(code: &str) -> Result<Baseline, String> {
        crate::data::find(code).map(Baseline::for_system)
    }

    /// The system's baseline: its last published month, with the fit to its own history
    /// (computed once per system and kept).
    pub fn for_system(s: &System) -> Baseline {
        let history = rtt::history(&s.code).expect("every system has published months (tested)");
        let last = history.last().expect("tested").period;
        Baseline::calibrated_start(s, window(history, last), &calibration_of(s).fit)
    }

    /// A baseline at the last of `months` (a calibration window) whose waiting lists have
    /// the shape the model itself gives them after running the window from its first month
    /// (so a projection does not begin with a jolt while an assumed shape settles), adjusted
    /// to the published list, 18-week share and 52-week waiters of the last month, fifth by
    /// fifth.
    pub fn calibrated_start(s: &System, months: &[PublishedMonth], fit: &Fit) -> Baseline {
        let last = months.last().expect("a calibration window has months");
        let mut b = Baseline::starting_at(s, last, fit);
        let span = last.period.months_since(months[0].period).max(0) as usize;
        if span > 0 {
            let mut first = Baseline::burned_in(s, &months[0], fit);
            if fit.start_shaped {
                first.shape = super::queue::ShapeParams {
                    boost_18: super::queue::CALIBRATED.boost_18 * fit.start_boost_18_scale,
                    boost_52: super::queue::CALIBRATED.boost_52 * fit.start_boost_52_scale,
                    ..super::queue::CALIBRATED
                };
            }
            let scenario = Scenario {
                system: s.code.clone(),
                years: span.div_ceil(12) as u32,
                ..Scenario::default()
            };
            let (shaped, end) = queues_after(&first, &scenario, span);
            // Referrals and capacity carry on from where the run through the history ended.
            b.referrals = end.referrals;
            b.treatments_a_month = end.capacity;
            for q in 0..5 {
                b.waiting_list[q] = reshape(&shaped[q], &b.waiting_list[q]);
            }
        }
        let capacity = b.treatments_a_month;
        b.set_start_fit(capacity, fit);
        b
    }

    /// A baseline at a published month whose waiting lists have the shape the model's own
    /// hazards give them ([`BURN_IN_MONTHS`] of current plans from a geometric
    /// profile), adjusted fifth by fifth to the published list, 18-week share and 52-week
    /// waiters.
    pub fn burned_in(s: &System, published: &PublishedMonth, fit: &Fit) -> Baseline {
        let mut b = Baseline::starting_at(s, published, fit);
        let scenario = Scenario {
            system: s.code.clone(),
            years: BURN_IN_MONTHS.div_ceil(12) as u32,
            ..Scenario::default()
        };
        let (shaped, _) = queues_after(&b, &scenario, BURN_IN_MONTHS);
        for q in 0..5 {
            b.waiting_list[q] = reshape(&shaped[q], &b.waiting_list[q]);
        }
        b
    }
}

/// A system's calibration on its comparable months up to its last published one, fitted once
/// per process (the browser switches systems; each fit takes milliseconds).
pub fn calibration_of(s: &System) -> &'static Calibration {
    static FITS: OnceLock<Vec<OnceLock<Calibration>>> = OnceLock::new();
    let systems = crate::data::systems();
    let fits = FITS.get_or_init(|| systems.iter().map(|_| OnceLock::new()).collect());
    let i = systems
        .iter()
        .position(|x| x.code == s.code)
        .expect("a known system");
    fits[i].get_or_init(|| {
        let history = rtt::history(&s.code).expect("every system has published months");
        let last = history.last().expect("tested").period;
        calibrate(&systems[i], window(history, last))
    })
}
