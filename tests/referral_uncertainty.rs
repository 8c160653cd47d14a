//! The uncertainty in referrals the Monte Carlo draws, derived again from NHS England's
//! monthly RTT clock starts, October 2015 to December 2019 (../shared/data, read at test
//! time): the 80% interval of the growth in referrals, and the month-to-month noise.
//!
//! Each Monte Carlo run draws one growth rate for its whole horizon, so the interval is for
//! the average rate over the years ahead (10 by default), not for one year's growth. Its
//! standard deviation combines the uncertainty of the trend (the standard error of a
//! log-linear fit with calendar-month effects) with the spread of single years' growth
//! averaged over 10 years: sqrt(se^2 + sd_year^2 / 10). The interval is the default plus and
//! minus 1.2816 of that, rounded outward to the assumption's step (0.1 points).

use ics_whatif::model::backcast::HistoryMonth;
use ics_whatif::model::params::{REFERRAL_NOISE_SD, SEASONALITY};
use ics_whatif::model::Assumption;

/// The 90th percentile of the standard normal: an 80% interval spans +-Z90 sd.
const Z90: f64 = 1.281_551_565_545;
/// Years the default projection runs: the interval is for the average over them.
const YEARS: f64 = 10.0;

#[path = "support/history.rs"]
mod history;
use history::pre_pandemic_months;

/// The calendar month (1-12) of a `YYYY-MM-DD` month.
fn calendar_month(m: &HistoryMonth) -> usize {
    m.month[5..7].parse().expect("a month")
}

/// The trend in ln(clock starts) a year and its standard error, with a separate level for
/// each calendar month (seasonality): by Frisch-Waugh, the slope of the within-month
/// deviations of ln(starts) on the within-month deviations of time.
fn trend_and_standard_error(months: &[HistoryMonth]) -> (f64, f64) {
    let n = months.len();
    let t: Vec<f64> = (0..n).map(|i| i as f64 / 12.0).collect();
    let y: Vec<f64> = months.iter().map(|m| m.clock_starts.ln()).collect();
    let demean = |v: &[f64]| -> Vec<f64> {
        let mut sum = [0.0; 13];
        let mut count = [0.0; 13];
        for (m, x) in months.iter().zip(v) {
            sum[calendar_month(m)] += x;
            count[calendar_month(m)] += 1.0;
        }
        months
            .iter()
            .zip(v)
            .map(|(m, x)| x - sum[calendar_month(m)] / count[calendar_month(m)])
            .collect()
    };
    let (t, y) = (demean(&t), demean(&y));
    let stt: f64 = t.iter().map(|x| x * x).sum();
    let slope = t.iter().zip(&y).map(|(a, b)| a * b).sum::<f64>() / stt;
    let sse: f64 = t.iter().zip(&y).map(|(a, b)| (b - slope * a).powi(2)).sum();
    // 12 calendar-month levels and the slope.
    let s2 = sse / (n - 13) as f64;
    (slope, (s2 / stt).sqrt())
}

/// The residuals of that fit: ln(clock starts) less its calendar-month level and trend.
fn trend_residuals(months: &[HistoryMonth], slope: f64) -> Vec<f64> {
    let n = months.len();
    let mut sum = [0.0; 13];
    let mut count = [0.0; 13];
    for (i, m) in months.iter().enumerate() {
        sum[calendar_month(m)] += m.clock_starts.ln() - slope * i as f64 / 12.0;
        count[calendar_month(m)] += 1.0;
    }
    (0..n)
        .map(|i| {
            let k = calendar_month(&months[i]);
            months[i].clock_starts.ln() - slope * i as f64 / 12.0 - sum[k] / count[k]
        })
        .collect()
}

/// Each complete calendar year's growth in mean monthly clock starts over the year before.
fn annual_growth(months: &[HistoryMonth]) -> Vec<f64> {
    let mean = |year: &str| {
        let v: Vec<f64> = months
            .iter()
            .filter(|m| m.month.starts_with(year))
            .map(|m| m.clock_starts)
            .collect();
        assert_eq!(v.len(), 12, "{year}");
        v.iter().sum::<f64>() / 12.0
    };
    ["2016", "2017", "2018", "2019"]
        .windows(2)
        .map(|w| mean(w[1]) / mean(w[0]) - 1.0)
        .collect()
}

fn sample_sd(v: &[f64]) -> f64 {
    let mean = v.iter().sum::<f64>() / v.len() as f64;
    (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt()
}

#[test]
fn the_referral_growth_interval_is_the_80pct_interval_of_a_ten_year_average_from_2015_2019() {
    let months = pre_pandemic_months();
    let (slope, se) = trend_and_standard_error(&months);
    let growth = annual_growth(&months);
    let sd_year = sample_sd(&growth);
    // The figures the source text quotes.
    assert!(
        (100.0 * (slope.exp() - 1.0) - 2.26).abs() < 0.005,
        "{slope}"
    );
    assert!((100.0 * se - 0.46).abs() < 0.005, "{se}");
    let pct: Vec<f64> = growth.iter().map(|g| (1000.0 * g).round() / 10.0).collect();
    assert_eq!(pct, [2.3, 2.7, 1.1]);
    assert!((100.0 * sd_year - 0.85).abs() < 0.005, "{sd_year}");

    let spec = Assumption::DemandGrowth.spec();
    let sd = 100.0 * (se * se + sd_year * sd_year / YEARS).sqrt();
    assert!((sd - 0.53).abs() < 0.005, "{sd}");
    let half = Z90 * sd;
    let outward = |x: f64, up: bool| {
        let steps = x / spec.step;
        let steps = if up {
            (steps - 1e-9).ceil()
        } else {
            (steps + 1e-9).floor()
        };
        (steps * spec.step * 10.0).round() / 10.0
    };
    let derived = (
        outward(spec.default - half, false),
        outward(spec.default + half, true),
    );
    assert_eq!(spec.uncertainty, Some(derived));
    assert_eq!(derived, (1.8, 3.2));
    // The trend fitted on the data lies inside the interval around the default.
    let trend = 100.0 * (slope.exp() - 1.0);
    assert!(derived.0 < trend && trend < derived.1, "{trend}");
    // One year's growth would need a much wider interval (about +-1.2 points): the
    // interval is narrower only because it is for an average over the years ahead.
    let one_year = Z90 * 100.0 * (se * se + sd_year * sd_year).sqrt();
    assert!(one_year > 1.2 && one_year > 1.5 * half, "{one_year}");
}

/// Counting single years' spread in a 10-year average's interval treats it as if a year's
/// faster or slower growth persisted. The series says it mostly does not: departures from
/// the trend 12 months apart differ no more than two independent months would (variance
/// ratio about 1, where growth shocks that persisted would push it well above), and next
/// months swing back (lag-1 autocorrelation about -0.5). So the single-year term makes the
/// interval wider than the trend's uncertainty alone would (1.9% to 3.1%), not narrower.
#[test]
fn single_years_departures_from_the_referral_trend_do_not_persist() {
    let months = pre_pandemic_months();
    let (slope, _) = trend_and_standard_error(&months);
    let e = trend_residuals(&months, slope);
    let n = e.len() as f64;
    let var = e.iter().map(|x| x * x).sum::<f64>() / n;
    let lag = |l: usize| -> (f64, f64) {
        let pairs = e.len() - l;
        let autocorrelation = (l..e.len()).map(|i| e[i] * e[i - l]).sum::<f64>() / n / var;
        let ratio = (l..e.len()).map(|i| (e[i] - e[i - l]).powi(2)).sum::<f64>()
            / pairs as f64
            / (2.0 * var);
        (autocorrelation, ratio)
    };
    let (ac1, _) = lag(1);
    let (_, ratio12) = lag(12);
    assert!(ac1 < -0.4, "lag 1 autocorrelation {ac1}");
    assert!(ratio12 < 1.15, "12-month variance ratio {ratio12}");
}

/// The seasonality and the month-to-month noise: each month's clock starts over their
/// 12-month centred moving average; the mean ratio of each calendar month is its seasonal
/// factor, and what is left varies with the noise's standard deviation.
#[test]
fn referral_seasonality_and_noise_are_the_2015_2019_ratios_to_the_moving_average() {
    let months = pre_pandemic_months();
    let c: Vec<f64> = months.iter().map(|m| m.clock_starts).collect();
    let ratios: Vec<(usize, f64)> = (6..c.len() - 6)
        .map(|i| {
            let ma = (0.5 * c[i - 6] + c[i - 5..i + 6].iter().sum::<f64>() + 0.5 * c[i + 6]) / 12.0;
            (calendar_month(&months[i]), c[i] / ma)
        })
        .collect();
    let factor = |k: usize| {
        let v: Vec<f64> = ratios.iter().filter(|r| r.0 == k).map(|r| r.1).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    for k in 1..=12 {
        assert!(
            (factor(k) - SEASONALITY[k - 1]).abs() < 0.003,
            "month {k}: {} against {}",
            factor(k),
            SEASONALITY[k - 1]
        );
    }
    let residuals: Vec<f64> = ratios.iter().map(|(k, r)| (r / factor(*k)).ln()).collect();
    let mean = residuals.iter().sum::<f64>() / residuals.len() as f64;
    // 12 seasonal factors estimated from the same months.
    let sd = (residuals.iter().map(|x| (x - mean).powi(2)).sum::<f64>()
        / (residuals.len() - 12) as f64)
        .sqrt();
    assert_eq!(residuals.len(), 39);
    assert!((sd - REFERRAL_NOISE_SD).abs() < 0.0005, "{sd}");
}
