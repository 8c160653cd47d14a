//! The model's track record: projections started from past published months, against what
//! was published next and against a naive forecast ("nothing changes": the start month's
//! figures carried forward).
//!
//! A backtest from month S calibrates the system on its published months before and at S only
//! (from May 2023, at least [`MIN_HISTORY_MONTHS`]), starts from S's published figures, runs
//! current plans, and compares month by month. Pure: the data are compiled in, so the app can
//! show it too.

use super::baseline::Baseline;
use super::calibration::{self, project, Calibration, Settings, MIN_HISTORY_MONTHS};
use crate::data::rtt::{self, Period, PublishedMonth, FIRST_COMPARABLE};
use serde::Serialize;

/// A system's list, 18-week share (%) and 52-week waiters in one month.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub waiting_list: f64,
    pub within_18_weeks_pct: f64,
    pub over_52_weeks: f64,
}

impl Figures {
    fn of(m: &PublishedMonth) -> Self {
        Figures {
            waiting_list: m.waiting_list,
            within_18_weeks_pct: m.within_18_weeks_pct(),
            over_52_weeks: m.over_52_weeks,
        }
    }
}

/// One published month of a system, for the app's history chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HistoryPoint {
    /// "YYYY-MM".
    pub period: String,
    #[serde(flatten)]
    pub figures: Figures,
    /// False before May 2023 for ICBs: NHS England then commissioned more specialised care,
    /// so ICB totals were about 7% lower and are not comparable with later months.
    pub comparable: bool,
}

/// A system's published monthly history, oldest first (October 2022 to the start month; April
/// 2023 is missing). Errors name an unknown system.
pub fn published_history(code: &str) -> Result<Vec<HistoryPoint>, String> {
    let s = crate::data::find(code)?;
    let h = rtt::history(&s.code).ok_or_else(|| format!("no published months for {}", s.code))?;
    let england = s.code == crate::data::ENGLAND;
    Ok(h.iter()
        .map(|m| HistoryPoint {
            period: m.period.to_string(),
            figures: Figures::of(m),
            comparable: england || m.period >= FIRST_COMPARABLE,
        })
        .collect())
}

/// One month of a backtest: month `month` after the start.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacktestMonth {
    pub month: usize,
    /// "YYYY-MM".
    pub period: String,
    pub model: Figures,
    pub published: Figures,
    pub naive: Figures,
}

/// Mean errors over a backtest's months, the model's beside the naive forecast's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Errors {
    /// Mean absolute error of the list's change since the start, % of the start list.
    pub list_change_pct: f64,
    /// Mean absolute error of the 18-week share, percentage points.
    pub within_18_weeks_pts: f64,
    /// Mean absolute error of 52-week waiters, % of the published number.
    pub over_52_weeks_pct: f64,
}

/// A backtest: what was fitted, month by month figures, and the errors.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Backtest {
    pub code: String,
    pub name: String,
    /// The start month, "YYYY-MM": its published figures are month 0.
    pub start: String,
    pub months: Vec<BacktestMonth>,
    /// Fitted on the comparable months before and at the start only.
    pub calibration: Calibration,
    pub model_errors: Errors,
    pub naive_errors: Errors,
}

/// Runs a backtest of `code` from `start` for `months` months (1 or more). Errors: an unknown
/// system, a start or end outside the published months, or fewer than
/// [`MIN_HISTORY_MONTHS`] comparable months (from May 2023) up to the start.
pub fn backtest(code: &str, start: Period, months: usize) -> Result<Backtest, String> {
    backtest_with(code, start, months, &Settings::CURRENT)
}

/// [`backtest`] with other calibration settings (for measuring the alternatives).
pub fn backtest_with(
    code: &str,
    start: Period,
    months: usize,
    settings: &Settings,
) -> Result<Backtest, String> {
    let s = crate::data::find(code)?;
    let h = rtt::history(&s.code).ok_or_else(|| format!("no published months for {}", s.code))?;
    let (first, last) = (h[0].period, h[h.len() - 1].period);
    if months == 0 {
        return Err("a backtest needs at least 1 month".into());
    }
    let Some(i0) = h.iter().position(|m| m.period == start) else {
        return Err(format!(
            "{start} is not a published month for {} (the data run from {first} to {last}, without 2023-04)",
            s.code
        ));
    };
    let end = start.plus(months);
    if end > last {
        return Err(format!(
            "{months} months from {start} reach {end}, past the last published month ({last})"
        ));
    }
    let window = calibration::window_of(h, start, settings.window_months);
    if window.len() < MIN_HISTORY_MONTHS {
        return Err(format!(
            "a backtest from {start} has {} comparable months of history (from {FIRST_COMPARABLE}); it needs at least {MIN_HISTORY_MONTHS}: start from {} or later",
            window.len(),
            FIRST_COMPARABLE.plus(MIN_HISTORY_MONTHS - 1)
        ));
    }
    let calibration = calibration::calibrate_with(s, window, settings);
    let base = Baseline::calibrated_start(s, window, &calibration.fit);
    let path = project(&base, months);
    let naive = Figures::of(&h[i0]);
    let rows: Vec<BacktestMonth> = h[i0 + 1..]
        .iter()
        .take_while(|m| m.period <= end)
        .map(|m| {
            let t = m.period.months_since(start) as usize;
            let p = &path[t];
            BacktestMonth {
                month: t,
                period: m.period.to_string(),
                model: Figures {
                    waiting_list: p.waiting_list,
                    within_18_weeks_pct: 100.0 * p.within_18,
                    over_52_weeks: p.over_52,
                },
                published: Figures::of(m),
                naive,
            }
        })
        .collect();
    Ok(Backtest {
        code: s.code.clone(),
        name: s.name.clone(),
        start: start.to_string(),
        model_errors: errors_of(&rows, naive.waiting_list, |r| &r.model),
        naive_errors: errors_of(&rows, naive.waiting_list, |r| &r.naive),
        months: rows,
        calibration,
    })
}

/// Mean absolute errors of the forecast `pick` takes from each month, against the published
/// month: the list's change as % of the start list (`start_list`), the 18-week share in
/// points, 52-week waiters as % of the published number (at least 1).
fn errors_of(
    rows: &[BacktestMonth],
    start_list: f64,
    pick: fn(&BacktestMonth) -> &Figures,
) -> Errors {
    let n = rows.len().max(1) as f64;
    let mean = |f: &dyn Fn(&BacktestMonth) -> f64| rows.iter().map(f).sum::<f64>() / n;
    Errors {
        list_change_pct: mean(&|r| {
            100.0 * (pick(r).waiting_list - r.published.waiting_list).abs() / start_list
        }),
        within_18_weeks_pts: mean(&|r| {
            (pick(r).within_18_weeks_pct - r.published.within_18_weeks_pct).abs()
        }),
        over_52_weeks_pct: mean(&|r| {
            100.0 * (pick(r).over_52_weeks / r.published.over_52_weeks.max(1.0) - 1.0).abs()
        }),
    }
}

/// What foreknowledge of the national and regional paths would buy: the errors, over all 43
/// systems, of forecasts that know how England's (or the system's NHS region's) list, 18-week
/// share and 52-week waiters *actually* moved after the start, and move each system the same
/// way (list and 52-week waiters by the same ratio to the start month, the 18-week share by
/// the same change in points). No model that forecasts from national or regional conditions
/// can do better on average than knowing them exactly, so these are a floor for such models,
/// beside the naive forecast's errors (issue 10's goal: half of naive).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Foreknowledge {
    /// "Nothing changes": the start month carried forward.
    pub naive: Errors,
    /// Every system moves as England did.
    pub england_path: Errors,
    /// Every ICB moves as its region's 42-ICB sum did (England as itself).
    pub region_path: Errors,
}

/// [`Foreknowledge`] from `start` over `months` months, as means over England and the 42 ICBs
/// (as [`mean_errors`] averages backtests). Errors as [`backtest`]'s for a month outside the
/// published ones.
pub fn foreknowledge(start: Period, months: usize) -> Result<Foreknowledge, String> {
    let systems = crate::data::systems();
    let history =
        |code: &str| rtt::history(code).ok_or_else(|| format!("no published months for {code}"));
    let months_of = |h: &'static [PublishedMonth]| -> Result<Vec<PublishedMonth>, String> {
        let i0 = h
            .iter()
            .position(|m| m.period == start)
            .ok_or_else(|| format!("{start} is not a published month"))?;
        let end = start.plus(months);
        if months == 0 || end > h[h.len() - 1].period {
            return Err(format!(
                "{months} months from {start} are not all published"
            ));
        }
        Ok(h[i0..]
            .iter()
            .take_while(|m| m.period <= end)
            .copied()
            .collect())
    };
    // Each region's 42-ICB sum, month by month from the start.
    let mut regions: std::collections::BTreeMap<&str, Vec<PublishedMonth>> = Default::default();
    for s in crate::data::icbs() {
        let own = months_of(history(&s.code)?)?;
        let sum = regions.entry(&s.region).or_insert_with(|| {
            own.iter()
                .map(|m| PublishedMonth {
                    waiting_list: 0.0,
                    within_18_weeks: 0.0,
                    over_52_weeks: 0.0,
                    over_65_weeks: 0.0,
                    over_78_weeks: 0.0,
                    ..*m
                })
                .collect()
        });
        for (a, m) in sum.iter_mut().zip(&own) {
            a.waiting_list += m.waiting_list;
            a.within_18_weeks += m.within_18_weeks;
            a.over_52_weeks += m.over_52_weeks;
        }
    }
    let england = months_of(history(crate::data::ENGLAND)?)?;
    // A system's start moved as `path` moved from its own start.
    let moved = |own: &PublishedMonth, path: &[PublishedMonth], t: usize| Figures {
        waiting_list: own.waiting_list * path[t].waiting_list / path[0].waiting_list,
        within_18_weeks_pct: own.within_18_weeks_pct() + path[t].within_18_weeks_pct()
            - path[0].within_18_weeks_pct(),
        over_52_weeks: own.over_52_weeks * path[t].over_52_weeks / path[0].over_52_weeks.max(1.0),
    };
    let mut sums = [Errors {
        list_change_pct: 0.0,
        within_18_weeks_pts: 0.0,
        over_52_weeks_pct: 0.0,
    }; 3];
    for s in systems {
        let own = months_of(history(&s.code)?)?;
        let region = regions.get(s.region.as_str()).map_or(&own, |r| r);
        let naive = Figures::of(&own[0]);
        let rows: Vec<BacktestMonth> = (1..own.len())
            .map(|t| BacktestMonth {
                month: t,
                period: own[t].period.to_string(),
                model: moved(&own[0], &england, t),
                published: Figures::of(&own[t]),
                naive,
            })
            .collect();
        let region_rows: Vec<BacktestMonth> = rows
            .iter()
            .map(|r| BacktestMonth {
                model: moved(&own[0], region, r.month),
                ..r.clone()
            })
            .collect();
        for (sum, e) in sums.iter_mut().zip([
            errors_of(&rows, naive.waiting_list, |r| &r.naive),
            errors_of(&rows, naive.waiting_list, |r| &r.model),
            errors_of(&region_rows, naive.waiting_list, |r| &r.model),
        ]) {
            sum.list_change_pct += e.list_change_pct;
            sum.within_18_weeks_pts += e.within_18_weeks_pts;
            sum.over_52_weeks_pct += e.over_52_weeks_pct;
        }
    }
    let n = systems.len() as f64;
    let [naive, england_path, region_path] = sums.map(|e| Errors {
        list_change_pct: e.list_change_pct / n,
        within_18_weeks_pts: e.within_18_weeks_pts / n,
        over_52_weeks_pct: e.over_52_weeks_pct / n,
    });
    Ok(Foreknowledge {
        naive,
        england_path,
        region_path,
    })
}

/// Backtests of every system (England first) from one start for one horizon.
pub fn backtest_all(start: Period, months: usize) -> Result<Vec<Backtest>, String> {
    backtest_all_with(start, months, &Settings::CURRENT)
}

/// [`backtest_all`] with other calibration settings.
pub fn backtest_all_with(
    start: Period,
    months: usize,
    settings: &Settings,
) -> Result<Vec<Backtest>, String> {
    crate::data::systems()
        .iter()
        .map(|s| backtest_with(&s.code, start, months, settings))
        .collect()
}

/// The mean of the systems' errors, model and naive.
pub fn mean_errors(tests: &[Backtest]) -> (Errors, Errors) {
    let n = tests.len().max(1) as f64;
    let mean = |pick: fn(&Backtest) -> &Errors| Errors {
        list_change_pct: tests.iter().map(|t| pick(t).list_change_pct).sum::<f64>() / n,
        within_18_weeks_pts: tests
            .iter()
            .map(|t| pick(t).within_18_weeks_pts)
            .sum::<f64>()
            / n,
        over_52_weeks_pct: tests.iter().map(|t| pick(t).over_52_weeks_pct).sum::<f64>() / n,
    };
    (mean(|t| &t.model_errors), mean(|t| &t.naive_errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    #[test]
    fn a_backtest_compares_each_month_with_what_was_published() {
        let b = backtest("QOP", period("2024-03"), 6).unwrap();
        assert_eq!(b.months.len(), 6);
        assert_eq!(b.months[0].period, "2024-04");
        assert_eq!(b.months[5].period, "2024-09");
        // Calibrated on data up to the start only.
        assert_eq!(b.calibration.to, "2024-03");
        let h = published_history("QOP").unwrap();
        let sep = h.iter().find(|p| p.period == "2024-09").unwrap();
        assert_eq!(b.months[5].published, sep.figures);
        let mar = h.iter().find(|p| p.period == "2024-03").unwrap();
        assert_eq!(b.months[5].naive, mar.figures);
    }

    #[test]
    fn the_first_year_holds_the_published_start_on_average() {
        // England from March 2024 (published: 7,538,830 waiting, 57.21% within 18 weeks):
        // the start-stage fit holds the first year's mean list and 18-week share at the start
        // month (the backtests from September 2023 found no share of the recent trend that
        // forecast better), and carries on a quarter of 52-week waiters' recent fall.
        let b = backtest("england", period("2024-03"), 12).unwrap();
        assert_eq!(b.calibration.from, "2023-05");
        let mean = |f: fn(&Figures) -> f64| {
            b.months.iter().map(|m| f(&m.model)).sum::<f64>() / b.months.len() as f64
        };
        let list = mean(|f| f.waiting_list);
        assert!((list / 7_538_830.0 - 1.0).abs() < 0.001, "{list}");
        let within = mean(|f| f.within_18_weeks_pct);
        assert!((within - 57.21).abs() < 0.05, "{within}");
        // 52-week waiters fell from 390,320 (September 2023) to 309,299 (March 2024).
        let over52 = mean(|f| f.over_52_weeks);
        assert!(over52 < 0.99 * 309_299.0, "{over52}");
    }

    #[test]
    fn bad_backtests_are_refused_with_a_reason() {
        assert!(backtest("XYZ", period("2024-03"), 6).is_err());
        let e = backtest("QOP", period("2021-01"), 6).unwrap_err();
        assert!(e.contains("not a published month"), "{e}");
        let e = backtest("QOP", period("2024-12"), 6).unwrap_err();
        assert!(e.contains("past the last published month"), "{e}");
        // May and June 2023: two comparable months.
        let e = backtest("QOP", period("2023-06"), 6).unwrap_err();
        assert!(e.contains("at least 3"), "{e}");
        assert!(backtest("QOP", period("2023-07"), 6).is_ok());
    }

    #[test]
    fn knowing_englands_or_the_regions_actual_path_does_not_halve_the_lists_naive_error() {
        // Issue 10's goal for the list's change is half the naive error. Moving every system
        // as England, or its region, actually moved (foreknowledge no model has) stays far
        // above that on every start the README reports; it does better than naive.
        for (start, months) in [
            ("2023-09", 6),
            ("2023-09", 12),
            ("2024-03", 6),
            ("2024-03", 12),
            ("2024-06", 6),
            ("2024-09", 6),
        ] {
            let f = foreknowledge(period(start), months).unwrap();
            // The naive errors are the backtest's own (README: 3.36% from September 2023, 6 months).
            if (start, months) == ("2023-09", 6) {
                assert!((f.naive.list_change_pct - 3.36).abs() < 0.005, "{f:?}");
                assert!((f.naive.within_18_weeks_pts - 1.21).abs() < 0.005, "{f:?}");
                assert!((f.naive.over_52_weeks_pct - 21.2).abs() < 0.05, "{f:?}");
            }
            for path in [f.england_path, f.region_path] {
                let ratio = path.list_change_pct / f.naive.list_change_pct;
                assert!(ratio > 0.6 && ratio < 1.0, "{start} {months}: {ratio}");
            }
        }
        assert!(foreknowledge(period("2025-01"), 6).is_err());
    }

    #[test]
    fn history_marks_icb_months_before_may_2023_as_not_comparable() {
        let h = published_history("QE1").unwrap();
        assert!(!h[0].comparable);
        assert!(h.last().unwrap().comparable);
        assert!(published_history("england")
            .unwrap()
            .iter()
            .all(|p| p.comparable));
    }
}
