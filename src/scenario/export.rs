//! The per-month CSV of a projection: one text, built here and nowhere else, so the CLI's
//! `ics-whatif run` and the web app's "download CSV" give byte-identical files. Pure: no
//! files, no clocks; the caller decides where the text goes.

use crate::model::{Metric, MonthRecord, Projection};

/// The quintile labels of the CSV, Q1 (most deprived) first, then the whole system.
pub const QUINTILES: [&str; 6] = ["q1", "q2", "q3", "q4", "q5", "all"];

/// A column of the CSV: a metric, whose key, decimals and values (by fifth and for the
/// whole system) come from its row of the metric table, or a figure only the CSV carries.
#[derive(Clone, Copy)]
pub enum Column {
    Metric(Metric),
    /// Key, decimals, and the value for a quintile (`Some`) or the whole system (`None`).
    Other(&'static str, usize, fn(&MonthRecord, Option<usize>) -> f64),
}

impl Column {
    pub fn key(self) -> &'static str {
        match self {
            Column::Metric(m) => m.key(),
            Column::Other(key, _, _) => key,
        }
    }

    pub fn decimals(self) -> usize {
        match self {
            Column::Metric(m) => m.spec().decimals,
            Column::Other(_, dp, _) => dp,
        }
    }

    /// The value for quintile `q` (`Some`, Q1 most deprived first) or the whole system.
    pub fn value(self, r: &MonthRecord, q: Option<usize>) -> f64 {
        match self {
            Column::Metric(m) => m.spec().value(r, q),
            Column::Other(_, _, value) => value(r, q),
        }
    }
}

use Column::{Metric as M, Other};

/// Columns after `month,period,quintile` (`period` is the calendar month, YYYY-MM: month 0
/// is the last published month). Staff, vacancy, agency, leaver rate and money are
/// system-wide: quintile rows repeat the system value. Life expectancy is per quintile, and
/// its `all` value is the population-weighted mean. Money is in £m at 2025/26 prices
/// (`finance::PRICE_BASE`): the NHS's income, spending by kind and balance; the levers'
/// extra spending against current plans (in all, paid by the NHS, paid by local
/// government, and running total); extra funding received (a source of money).
pub const COLUMNS: [Column; 29] = [
    M(Metric::Referrals),
    M(Metric::Treated),
    M(Metric::Removed),
    M(Metric::WaitingList),
    M(Metric::Within18WeeksPct),
    M(Metric::Over52Weeks),
    M(Metric::StaffFte),
    M(Metric::VacancyRatePct),
    M(Metric::BalanceGbpM),
    M(Metric::LifeExpectancy),
    M(Metric::HealthyLifeExpectancy),
    M(Metric::MedianWaitWeeks),
    Other("mean_wait_weeks", 3, |r, q| match q {
        Some(q) => r.mean_wait_weeks[q],
        None => {
            // Mean over everyone on the list: the quintiles' means weighted by list size.
            let list = MonthRecord::total(&r.waiting_list);
            let weighted: f64 = (0..5)
                .map(|q| r.mean_wait_weeks[q] * r.waiting_list[q])
                .sum();
            if list > 0.0 {
                weighted / list
            } else {
                0.0
            }
        }
    }),
    Other("population_share", 6, |r, q| match q {
        Some(q) => r.population_share[q],
        None => MonthRecord::total(&r.population_share),
    }),
    M(Metric::AgencyFte),
    M(Metric::LeaverRatePct),
    M(Metric::CumulativeBalanceGbpM),
    M(Metric::SpendGbpM),
    Other("income_gbp_m", 3, |r, _| r.income_gbp_m),
    Other("pay_gbp_m", 3, |r, _| r.pay_gbp_m),
    Other("cover_gbp_m", 3, |r, _| r.cover_gbp_m),
    Other("nonpay_gbp_m", 3, |r, _| r.nonpay_gbp_m),
    Other("bank_fte", 1, |r, _| r.bank_fte),
    M(Metric::ExtraFundingGbpM),
    M(Metric::CostGbpM),
    M(Metric::CostNhsGbpM),
    M(Metric::CostLocalGovGbpM),
    M(Metric::CumulativeCostGbpM),
    M(Metric::CumulativeCostLocalGovGbpM),
];

/// The header line of the CSV (no line break).
pub fn header() -> String {
    let mut h = String::from("month,period,quintile");
    for column in COLUMNS {
        h.push(',');
        h.push_str(column.key());
    }
    h
}

/// The CSV of a projection: the header, then months 0..=horizon, each with rows q1..q5 and
/// all; every line ends with `\n`.
pub fn projection_csv(p: &Projection) -> String {
    months_csv(&p.months)
}

/// [`projection_csv`] for a run's month records.
pub fn months_csv(months: &[MonthRecord]) -> String {
    let mut out = header();
    out.push('\n');
    let start = crate::data::rtt::start_period();
    for r in months {
        let period = start.plus(r.month).to_string();
        for (i, label) in QUINTILES.iter().enumerate() {
            let q = (i < 5).then_some(i);
            out.push_str(&r.month.to_string());
            out.push(',');
            out.push_str(&period);
            out.push(',');
            out.push_str(label);
            for column in COLUMNS {
                out.push(',');
                out.push_str(&fixed(column.value(r, q), column.decimals()));
            }
            out.push('\n');
        }
    }
    out
}

/// `v` with `dp` decimals; "-0.0" becomes "0.0"; NaN and infinities are written as such.
pub fn fixed(v: f64, dp: usize) -> String {
    if !v.is_finite() {
        return format!("{v}");
    }
    let s = format!("{v:.dp$}");
    if s.starts_with('-') && s[1..].bytes().all(|b| b == b'0' || b == b'.') {
        s[1..].to_string()
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{simulate, Baseline, Scenario};

    fn one_year() -> Projection {
        let mut s = Scenario {
            years: 1,
            ..Scenario::default()
        };
        crate::scenario::set_value(&mut s, "recruitment_pct", 5.0).unwrap();
        simulate(&Baseline::england(), &s)
    }

    #[test]
    fn csv_has_a_row_per_month_and_quintile() {
        let csv = projection_csv(&one_year());
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 1 + 13 * 6);
        assert!(lines[0].starts_with(
            "month,period,quintile,referrals,treated,removed,waiting_list,within_18_weeks_pct,over_52_weeks,staff_fte,vacancy_rate_pct,balance_gbp_m,life_expectancy,healthy_life_expectancy,median_wait_weeks"
        ));
        assert!(lines[1].starts_with("0,2025-03,q1,"));
        assert!(lines[6].starts_with("0,2025-03,all,"));
        assert!(lines[7].starts_with("1,2025-04,q1,"));
        assert!(lines
            .iter()
            .all(|l| l.split(',').count() == COLUMNS.len() + 3));
        assert!(csv.ends_with('\n'));
    }

    #[test]
    fn the_all_row_sums_counts_and_weights_means() {
        let p = one_year();
        let r = &p.months[12];
        for column in COLUMNS {
            let key = column.key();
            let all = column.value(r, None);
            let parts: Vec<f64> = (0..5).map(|q| column.value(r, Some(q))).collect();
            match key {
                "referrals" | "treated" | "removed" | "waiting_list" | "over_52_weeks" => {
                    assert!(
                        (parts.iter().sum::<f64>() - all).abs() < 1e-6 * all.max(1.0),
                        "{key}"
                    )
                }
                "life_expectancy" | "healthy_life_expectancy" => {
                    assert!(
                        (r.mean(&parts.clone().try_into().unwrap()) - all).abs() < 1e-9,
                        "{key}"
                    )
                }
                "staff_fte" | "vacancy_rate_pct" | "balance_gbp_m" => {
                    assert!(parts.iter().all(|&v| v == all), "{key}")
                }
                _ => {}
            }
        }
    }

    #[test]
    fn fixed_has_no_negative_zero() {
        assert_eq!(fixed(-0.0001, 3), "0.000");
        assert_eq!(fixed(-0.0, 1), "0.0");
        assert_eq!(fixed(-1.26, 1), "-1.3");
        assert_eq!(fixed(7_400_000.04, 1), "7400000.0");
        assert_eq!(fixed(f64::NAN, 1), "NaN");
    }
}
