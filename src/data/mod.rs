//! Public baseline figures for England and its 42 Integrated Care Boards.
//!
//! The CSV files beside this module are copies of `shared/data/` (sources and licences in
//! `icb_baseline_sources.csv`; all Open Government Licence v3). They are compiled in, so the
//! browser app and the CLI need no files at run time.

mod packed;
pub mod rtt;

use std::sync::OnceLock;

mod places;
pub use places::{parse_places, places, places_of, BySex, Place};

/// The compiled-in `icb_baseline.csv` and `icb_baseline_extended.csv`, packed by build.rs and
/// unpacked to their exact text (`packed`).
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
        icbs.sort_by(|a, b| a.name.cmp(&b.name));
        let mut all = vec![england_from(&icbs)];
        all.extend(icbs);
        all
    })
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

fn parse_icbs() -> Result<Vec<System>, String> {
    let base = parse_csv(&packed::unpack(BASELINE_PACKED));
    let ext = parse_csv(&packed::unpack(EXTENDED_PACKED));
    let (bh, brows) = base.split_first().ok_or("empty baseline csv")?;
    let (eh, erows) = ext.split_first().ok_or("empty extended csv")?;
    let col = |h: &[String], name: &str| {
        h.iter()
            .position(|c| c == name)
            .ok_or(format!("missing column {name}"))
    };
    let num = |row: &[String], i: usize| -> Result<f64, String> {
        row.get(i)
            .and_then(|v| v.trim().parse::<f64>().ok())
            .ok_or(format!("bad number in column {i} of {row:?}"))
    };
    let (b_code, b_name, b_region, b_pop, b_18, b_imd, b_lem, b_lef) = (
        col(bh, "icb_code")?,
        col(bh, "name")?,
        col(bh, "region")?,
        col(bh, "population")?,
        col(bh, "pct_within_18w")?,
        col(bh, "imd_most_deprived_quintile_share")?,
        col(bh, "life_expectancy_male")?,
        col(bh, "life_expectancy_female")?,
    );
    let (e_code, e_need, e_staff) = (
        col(eh, "icb_code")?,
        col(eh, "need_index_2025_26")?,
        col(eh, "acute_trust_wf_fte_per_100k_2023")?,
    );
    brows
        .iter()
        .map(|row| {
            let code = row[b_code].clone();
            let erow = erows
                .iter()
                .find(|r| r[e_code] == code)
                .ok_or(format!("{code} missing from extended data"))?;
            Ok(System {
                name: row[b_name].clone(),
                region: row[b_region].clone(),
                population: num(row, b_pop)?,
                need_index: num(erow, e_need)?,
                most_deprived_fifth_share: num(row, b_imd)? / 100.0,
                pct_within_18_weeks_2023: num(row, b_18)?,
                life_expectancy_male: num(row, b_lem)?,
                life_expectancy_female: num(row, b_lef)?,
                acute_staff_per_100k: num(erow, e_staff)?,
                code,
            })
        })
        .collect()
}

/// A small CSV reader: comma-separated, double-quoted fields may hold commas and `""`.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let mut fields = Vec::new();
            let mut field = String::new();
            let mut quoted = false;
            let mut chars = line.trim_end_matches('\r').chars().peekable();
            while let Some(c) = chars.next() {
                match (c, quoted) {
                    ('"', true) if chars.peek() == Some(&'"') => {
                        field.push('"');
                        chars.next();
                    }
                    ('"', _) => quoted = !quoted,
                    (',', false) => fields.push(std::mem::take(&mut field)),
                    _ => field.push(c),
                }
            }
            fields.push(field);
            fields
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
        assert_eq!(all[0].code, ENGLAND);
        assert!(all
            .iter()
            .all(|s| s.population > 400_000.0 && s.need_index > 0.5));
    }

    #[test]
    fn england_population_is_the_sum_of_icbs() {
        // NHS England allocations 2025/26: registered population sums to 63,849,321.
        assert_eq!(systems()[0].population, 63_849_321.0);
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
