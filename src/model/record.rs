//! Results beyond anything recorded (fresh-eyes finding 16): a scenario whose waiting list
//! or 18-week share goes past the best NHS England has published is named, with the figure,
//! the record and its month, so a board knows the model is outside the experience it was
//! built on. Warnings, not limits: the model runs on.
//!
//! The records, from the published series the model's data holds:
//! - the share waiting under 18 weeks: England's best month in NHS England's RTT series from
//!   October 2015 (`data/rtt_england_monthly_to_2019.csv`, to `rtt_england_monthly_2020_2023.csv`
//!   and the ICB file to March 2025): **92.4%, November 2015** (the 92% standard was last met
//!   in September 2015, FACTS.md; earlier months are not in the data);
//! - England's list: the shortest in the same series, **3,524,702, January 2016**;
//! - an ICB's list per 1,000 registered patients: the shortest any ICB published from May
//!   2023 (its first comparable month, `rtt::FIRST_COMPARABLE`) to the start month.

use super::params::{
    BEST_18_WEEK_SHARE_PCT, BEST_18_WEEK_SHARE_PERIOD, SHORTEST_ENGLAND_LIST,
    SHORTEST_ENGLAND_LIST_PERIOD,
};
use super::projection::{MonthRecord, Projection};
use crate::data::rtt::{self, Period, FIRST_COMPARABLE};
use std::sync::OnceLock;

/// The shortest list per 1,000 registered patients any ICB published from May 2023 to the
/// start month: (per 1,000, the ICB's name, the month).
pub fn shortest_icb_list_per_1000() -> (f64, &'static str, Period) {
    static RECORD: OnceLock<(f64, &'static str, Period)> = OnceLock::new();
    *RECORD.get_or_init(|| {
        let mut best = (f64::INFINITY, "", FIRST_COMPARABLE);
        for (code, months) in &rtt::rtt().by_system {
            let Ok(system) = crate::data::find(code) else {
                continue;
            };
            if code == crate::data::ENGLAND || system.population <= 0.0 {
                continue;
            }
            for m in months
                .iter()
                .filter(|m| m.period.months_since(FIRST_COMPARABLE) >= 0)
            {
                let per_1000 = 1000.0 * m.waiting_list / system.population;
                if per_1000 < best.0 {
                    best = (per_1000, system.name.as_str(), m.period);
                }
            }
        }
        best
    })
}

/// The first month a projection goes beyond each record, in words, one line each (none for
/// a projection within them). `population`: the system's registered population; `england`:
/// whether the system is England (its own list record) or an ICB (the ICBs' per-1,000 one).
pub fn beyond_record(p: &Projection, population: f64, england: bool) -> Vec<String> {
    let start = rtt::start_period();
    let first = |f: &dyn Fn(&MonthRecord) -> bool| p.months.iter().skip(1).find(|r| f(r));
    let mut out = Vec::new();
    if let Some(r) = first(&|r| r.within_18_weeks_pct(None) > BEST_18_WEEK_SHARE_PCT) {
        out.push(format!(
            "Beyond the record: by {} {:.1}% wait under 18 weeks, above the best month NHS England \
             has published since October 2015 ({BEST_18_WEEK_SHARE_PCT:.1}%, {}). The model has \
             not been tested there.",
            start.plus(r.month).name(),
            r.within_18_weeks_pct(None),
            BEST_18_WEEK_SHARE_PERIOD
        ));
    }
    let list = |r: &MonthRecord| MonthRecord::total(&r.waiting_list);
    if england {
        if let Some(r) = first(&|r| list(r) < SHORTEST_ENGLAND_LIST) {
            out.push(format!(
                "Beyond the record: by {} the list is {:.2}m, shorter than any month NHS England \
                 has published since October 2015 (the shortest: {:.2}m, {}). The model has not \
                 been tested there.",
                start.plus(r.month).name(),
                list(r) / 1e6,
                SHORTEST_ENGLAND_LIST / 1e6,
                SHORTEST_ENGLAND_LIST_PERIOD
            ));
        }
    } else if population > 0.0 {
        let (record, icb, period) = shortest_icb_list_per_1000();
        let name = icb.strip_prefix("NHS ").unwrap_or(icb);
        let name = name.strip_suffix(" Integrated Care Board").unwrap_or(name);
        if let Some(r) = first(&|r| 1000.0 * list(r) / population < record) {
            out.push(format!(
                "Beyond the record: by {} the list is {:.0} per 1,000 registered patients, shorter \
                 than any ICB has published since {} (the shortest: {record:.0} per 1,000, {name}, \
                 {}). The model has not been tested there.",
                start.plus(r.month).name(),
                1000.0 * list(r) / population,
                FIRST_COMPARABLE.name(),
                period.name()
            ));
        }
    }
    out
}
