//! The calendar option's constants (issue 10 item 6; README: The shaped start, and what else was tried), derived again from
//! NHS England's monthly RTT series, October 2015 to December 2019 (../shared/data, read at
//! test time), as `tests/referral_uncertainty.rs` derives `SEASONALITY`: each month's figure
//! over (or, for the 18-week share, less) its 12-month centred moving average, the mean of
//! each calendar month.

use ics_whatif::model::backcast::HistoryMonth;
use ics_whatif::model::params::{
    COMPLETIONS_SEASONALITY, LIST_SEASONALITY, WITHIN_18_SEASONALITY_PTS,
};

#[path = "support/history.rs"]
mod history;
use history::pre_pandemic_months;

/// The mean, for each calendar month (January first), of each month's value over (`ratio`)
/// or less its 12-month centred moving average.
fn seasonal(months: &[HistoryMonth], value: fn(&HistoryMonth) -> f64, ratio: bool) -> [f64; 12] {
    let c: Vec<f64> = months.iter().map(value).collect();
    let mut sums = [(0.0, 0usize); 12];
    for i in 6..c.len() - 6 {
        let ma = (0.5 * c[i - 6] + c[i - 5..i + 6].iter().sum::<f64>() + 0.5 * c[i + 6]) / 12.0;
        let k: usize = months[i].month[5..7].parse::<usize>().unwrap() - 1;
        sums[k].0 += if ratio { c[i] / ma } else { c[i] - ma };
        sums[k].1 += 1;
    }
    sums.map(|(s, n)| s / n as f64)
}

#[test]
fn completions_list_and_18_week_seasonality_are_the_2015_2019_calendar_means() {
    let months = pre_pandemic_months();
    let completions = seasonal(&months, |m| m.completed, true);
    let list = seasonal(&months, |m| m.waiting_list, true);
    let within_18 = seasonal(&months, |m| 100.0 * m.within_18_weeks, false);
    for k in 0..12 {
        assert!(
            (completions[k] - COMPLETIONS_SEASONALITY[k]).abs() < 0.0006,
            "completions, month {}: {} against {}",
            k + 1,
            completions[k],
            COMPLETIONS_SEASONALITY[k]
        );
        assert!(
            (list[k] - LIST_SEASONALITY[k]).abs() < 0.00006,
            "list, month {}: {} against {}",
            k + 1,
            list[k],
            LIST_SEASONALITY[k]
        );
        assert!(
            (within_18[k] - WITHIN_18_SEASONALITY_PTS[k]).abs() < 0.006,
            "18-week share, month {}: {} against {}",
            k + 1,
            within_18[k],
            WITHIN_18_SEASONALITY_PTS[k]
        );
    }
    // December is the year's low month for treatments, and the list is shortest in January.
    let lowest = |a: &[f64; 12]| (0..12).min_by(|&i, &j| a[i].total_cmp(&a[j])).unwrap();
    assert_eq!(lowest(&COMPLETIONS_SEASONALITY), 11);
    assert_eq!(lowest(&LIST_SEASONALITY), 0);
}
