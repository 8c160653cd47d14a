//! The per-month CSV of a projection: one text, built here and nowhere else, so the CLI's
//! `ics-whatif run` and the web app's "download CSV" give byte-identical files. Pure: no
//! files, no clocks; the caller decides where the text goes.

use crate::model::{Metric, MonthRecord, Projection};

/// The quintile labels of the CSV, Q1 (most deprived) first, then the whole system.
pub const QUINTILES: [&str; 6] = ["q1", "q2", "q3", "q4", "q5", "all"];

/// A column of the CSV: key, decimals, and its value for a quintile (`Some`) or the whole
/// system (`None`).
pub type Column = (&'static str, usize, fn(&MonthRecord, Option<usize>) -> f64);

/// Columns after `month,period,quintile` (`period` is the calendar month, YYYY-MM: month 0
/// is the last published month). Staff, vacancy, agency, leaver rate and money are
/// system-wide: quintile rows repeat the system value. Life expectancy is per quintile, and
/// its `all` value is the population-weighted mean. Money is in £m at 2025/26 prices
/// (`finance::PRICE_BASE`): the NHS's income, spending by kind and balance; the levers'
/// extra spending against current plans (in all, paid by the NHS, paid by local
/// government, and running total); extra funding received (a source of money).
pub const COLUMNS: [Column; 29] = [
    ("referrals", 1, |r, q| {
        by_quintile(r, q, &r.referrals, Metric::Referrals)
    }),
    ("treated", 1, |r, q| {
        by_quintile(r, q, &r.treated, Metric::Treated)
    }),
    ("removed", 1, |r, q| {
        by_quintile(r, q, &r.removed, Metric::Removed)
    }),
    ("waiting_list", 1, |r, q| {
        by_quintile(r, q, &r.waiting_list, Metric::WaitingList)
    }),
    ("within_18_weeks_pct", 3, |r, q| match q {
        Some(q) => r.within_18_weeks_pct(Some(q)),
        None => Metric::Within18WeeksPct.of(r),
    }),
    ("over_52_weeks", 1, |r, q| {
        by_quintile(r, q, &r.over_52_weeks, Metric::Over52Weeks)
    }),
    ("staff_fte", 1, |r, _| Metric::StaffFte.of(r)),
    ("vacancy_rate_pct", 3, |r, _| Metric::VacancyRatePct.of(r)),
    ("balance_gbp_m", 3, |r, _| Metric::BalanceGbpM.of(r)),
    ("life_expectancy", 4, |r, q| {
        by_quintile(r, q, &r.life_expectancy, Metric::LifeExpectancy)
    }),
    ("healthy_life_expectancy", 4, |r, q| {
        by_quintile(
            r,
            q,
            &r.healthy_life_expectancy,
            Metric::HealthyLifeExpectancy,
        )
    }),
    ("median_wait_weeks", 3, |r, q| {
        by_quintile(r, q, &r.median_wait_weeks, Metric::MedianWaitWeeks)
    }),
    ("mean_wait_weeks", 3, |r, q| match q {
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
    ("population_share", 6, |r, q| match q {
        Some(q) => r.population_share[q],
        None => MonthRecord::total(&r.population_share),
    }),
    ("agency_fte", 1, |r, _| Metric::AgencyFte.of(r)),
    ("leaver_rate_pct", 3, |r, _| Metric::LeaverRatePct.of(r)),
    ("cumulative_balance_gbp_m", 3, |r, _| {
        Metric::CumulativeBalanceGbpM.of(r)
    }),
    ("spend_gbp_m", 3, |r, _| r.spend_gbp_m),
    ("income_gbp_m", 3, |r, _| r.income_gbp_m),
    ("pay_gbp_m", 3, |r, _| r.pay_gbp_m),
    ("cover_gbp_m", 3, |r, _| r.cover_gbp_m),
    ("nonpay_gbp_m", 3, |r, _| r.nonpay_gbp_m),
    ("bank_fte", 1, |r, _| r.bank_fte),
    ("extra_funding_gbp_m", 3, |r, _| {
        Metric::ExtraFundingGbpM.of(r)
    }),
    ("cost_gbp_m", 3, |r, _| Metric::CostGbpM.of(r)),
    ("cost_nhs_gbp_m", 3, |r, _| Metric::CostNhsGbpM.of(r)),
    ("cost_local_gov_gbp_m", 3, |r, _| {
        Metric::CostLocalGovGbpM.of(r)
    }),
    ("cumulative_cost_gbp_m", 3, |r, _| {
        Metric::CumulativeCostGbpM.of(r)
    }),
    ("cumulative_cost_local_gov_gbp_m", 3, |r, _| {
        Metric::CumulativeCostLocalGovGbpM.of(r)
    }),
];

fn by_quintile(r: &MonthRecord, q: Option<usize>, values: &[f64; 5], all: Metric) -> f64 {
    match q {
        Some(q) => values[q],
        None => all.of(r),
    }
}

/// The header line of the CSV (no line break).
pub fn header() -> String {
    let mut h = String::from("month,period,quintile");
    for (key, _, _) in COLUMNS {
        h.push(',');
        h.push_str(key);
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
            for (_, dp, value) in COLUMNS {
                out.push(',');
                out.push_str(&fixed(value(r, q), dp));
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
        for (key, _, value) in COLUMNS {
            let all = value(r, None);
            let parts: Vec<f64> = (0..5).map(|q| value(r, Some(q))).collect();
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
