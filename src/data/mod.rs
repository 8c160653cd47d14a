//! Public baseline figures for England and its 42 Integrated Care Boards.
//!
//! The CSV files beside this module are copies of `shared/data/` (sources and licences in
//! `icb_baseline_sources.csv`; all Open Government Licence v3). They are compiled in, so the
//! browser app and the CLI need no files at run time.
//!
//! One reader for CSV text: the `csv` crate (build.rs packs the compiled-in files with it;
//! [`rtt::parse`], [`parse_places`] and `model::backcast::parse_history` read text a user or
//! a test gives). Nothing the app runs reads CSV text: it reads the packed columns
//! (`packed`), so no CSV parser is reachable from the browser build.

mod packed;
pub mod rtt;

use std::sync::OnceLock;

mod places;
pub use places::{parse_places, places, places_of, BySex, Place};

/// The compiled-in `icb_baseline.csv` and `icb_baseline_extended.csv`, packed by build.rs and
/// read column by column (`packed`): the app carries no CSV parser.
const BASELINE_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/icb_baseline.csv.packed"));
const EXTENDED_PACKED: &[u8] = include_bytes!(concat!(
    env!("OUT_DIR"),
    "/icb_baseline_extended.csv.packed"
));

/// The code that selects England as a whole.
pub const ENGLAND: &str = "england";

/// What the public data say about one system, before the model derives anything.
#[derive(Clone, Debug, PartialEq)]
pub struct System {
    /// ICB code (e.g. "QE1") or "england".
    pub code: String,
    pub name: String,
    pub region: String,
    /// GP-registered population 2025/26 (NHS England allocations).
    pub population: f64,
    /// NHS England 2025/26 need index: weighted population / population (England = 1).
    pub need_index: f64,
    /// Share of residents in England's most deprived IMD 2019 fifth, 0-1.
    pub most_deprived_fifth_share: f64,
    /// % of incomplete RTT pathways within 18 weeks, calendar year 2023.
    pub pct_within_18_weeks_2023: f64,
    /// Life expectancy at birth 2022-24, years (population-weighted mean of local authorities).
    pub life_expectancy_male: f64,
    pub life_expectancy_female: f64,
    /// Acute-trust staff per 100,000 residents, 2023.
    pub acute_staff_per_100k: f64,
}

/// England first, then the 42 ICBs by name. Parsed once from the compiled-in CSV files.
pub fn systems() -> &'static [System] {
    static SYSTEMS: OnceLock<Vec<System>> = OnceLock::new();
    SYSTEMS.get_or_init(|| {
        let mut icbs = parse_icbs().expect("compiled-in ICB data is well formed (tested)");
        crate::sort::sort_by(&mut icbs, |a, b| a.name.cmp(&b.name));
        let mut all = vec![england_from(&icbs)];
        all.extend(icbs);
        all
    })
}

/// England as a whole (the first of [`systems`]).
pub fn england() -> &'static System {
    &systems()[0]
}

/// The 42 ICBs by name (every system but England).
pub fn icbs() -> &'static [System] {
    &systems()[1..]
}

/// Finds a system by code, case-insensitively ("QE1", "qe1", "england").
pub fn find(code: &str) -> Result<&'static System, String> {
    let wanted = code.trim();
    systems()
        .iter()
        .find(|s| s.code.eq_ignore_ascii_case(wanted))
        .ok_or_else(|| {
            format!("unknown ICS '{code}': use 'england' or an ICB code such as QE1 (see `ics-whatif systems`)")
        })
}

/// England is the sum (population) or population-weighted mean (everything else) of its ICBs,
/// so that the 42 systems and England tell one consistent story.
fn england_from(icbs: &[System]) -> System {
    let pop: f64 = icbs.iter().map(|s| s.population).sum();
    let mean = |f: fn(&System) -> f64| icbs.iter().map(|s| f(s) * s.population).sum::<f64>() / pop;
    System {
        code: ENGLAND.to_string(),
        name: "England".to_string(),
        region: "England".to_string(),
        population: pop,
        need_index: 1.0,
        // By definition a fifth of England lives in its most deprived fifth.
        most_deprived_fifth_share: 0.2,
        pct_within_18_weeks_2023: mean(|s| s.pct_within_18_weeks_2023),
        life_expectancy_male: mean(|s| s.life_expectancy_male),
        life_expectancy_female: mean(|s| s.life_expectancy_female),
        acute_staff_per_100k: mean(|s| s.acute_staff_per_100k),
    }
}

/// The 42 ICBs from the packed columns of the two baseline files (numbers exactly as
/// `str::parse` reads their text: build.rs checks), joined on `icb_code`.
fn parse_icbs() -> Result<Vec<System>, String> {
    let base = packed::table(BASELINE_PACKED).map_err(|_| "icb_baseline.csv is not packed")?;
    let ext =
        packed::table(EXTENDED_PACKED).map_err(|_| "icb_baseline_extended.csv is not packed")?;
    let text = |t: &packed::Table, name: &str| -> Result<Vec<String>, String> {
        Ok(t.column(name)?.iter().map(|c| c.text()).collect())
    };
    let number = |t: &packed::Table, name: &str| -> Result<Vec<f64>, String> {
        t.column(name)?
            .iter()
            .map(|c| c.number().ok_or(format!("a blank or non-numeric {name}")))
            .collect()
    };
    let (codes, names, regions) = (
        text(&base, "icb_code")?,
        text(&base, "name")?,
        text(&base, "region")?,
    );
    let (population, within_18, most_deprived, le_male, le_female) = (
        number(&base, "population")?,
        number(&base, "pct_within_18w")?,
        number(&base, "imd_most_deprived_quintile_share")?,
        number(&base, "life_expectancy_male")?,
        number(&base, "life_expectancy_female")?,
    );
    let (ext_codes, need, staff) = (
        text(&ext, "icb_code")?,
        number(&ext, "need_index_2025_26")?,
        number(&ext, "acute_trust_wf_fte_per_100k_2023")?,
    );
    (0..base.rows())
        .map(|i| {
            let code = codes[i].clone();
            let j = ext_codes
                .iter()
                .position(|c| *c == code)
                .ok_or(format!("{code} missing from extended data"))?;
            Ok(System {
                name: names[i].clone(),
                region: regions[i].clone(),
                population: population[i],
                need_index: need[j],
                most_deprived_fifth_share: most_deprived[i] / 100.0,
                pct_within_18_weeks_2023: within_18[i],
                life_expectancy_male: le_male[i],
                life_expectancy_female: le_female[i],
                acute_staff_per_100k: staff[j],
                code,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn england_and_all_42_icbs_load() {
        let all = systems();
        assert_eq!(all.len(), 43);
        assert_eq!(england().code, ENGLAND);
        assert_eq!(icbs().len(), 42);
        assert!(icbs().iter().all(|s| s.code != ENGLAND));
        assert!(all
            .iter()
            .all(|s| s.population > 400_000.0 && s.need_index > 0.5));
    }

    #[test]
    fn england_population_is_the_sum_of_icbs() {
        // NHS England allocations 2025/26: registered population sums to 63,849,321.
        assert_eq!(england().population, 63_849_321.0);
    }

    #[test]
    fn quoted_names_with_commas_survive() {
        let s = find("QK1").unwrap();
        assert_eq!(
            s.name,
            "NHS Leicester, Leicestershire and Rutland Integrated Care Board"
        );
    }

    #[test]
    fn find_is_case_insensitive_and_rejects_unknown_codes() {
        assert_eq!(find("qe1").unwrap().code, "QE1");
        assert!(find("XYZ").unwrap_err().contains("unknown ICS 'XYZ'"));
    }
}
