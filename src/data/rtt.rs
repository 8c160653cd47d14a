//! Published monthly waiting lists (consultant-led RTT incomplete pathways) for England and
//! each of the 42 ICBs, October 2022 to the last month in the data (March 2025 today).
//!
//! `rtt_icb_monthly.csv` is a copy of `shared/data/rtt_icb_monthly_2022-10_to_2025-03.csv`
//! (NHS England, "Consultant-led Referral to Treatment Waiting Times", monthly Incomplete
//! Commissioner workbooks, ICB and national sheets; Open Government Licence v3) with only the
//! columns the model reads, so the browser app stays small; the header names are kept. Made
//! with: `python3 -c "import csv,sys; ..."` keeping `period, level, icb_code,
//! incomplete_pathways, within_18_weeks, pct_within_18_weeks, over_52_weeks, over_65_weeks,
//! over_78_weeks` (the test `compiled_in_copy_equals_the_shared_file` checks every value).
//!
//! England is the `ENGLAND` rows: counts as reported on the national sheet, commissioner
//! basis (7,418,598 waiting in March 2025). NHS England's headline figure adds estimates for
//! trusts that did not submit data (7.42m in March 2025), so it is slightly higher.
//!
//! Caveats (shared/data/README.md): before April 2023 NHS England commissioned more
//! specialised care directly, so ICB totals before then are about 7% lower and not comparable
//! with later months ([`FIRST_COMPARABLE`]); the April 2023 file is missing.
//!
//! The start of every projection is the last month in this file ([`start_period`]): appending
//! a newer month moves it, with no code change.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The compiled-in `rtt_icb_monthly.csv`, packed by build.rs (`data::packed`): the app reads
/// its columns without a CSV reader.
const RTT_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rtt_icb_monthly.csv.packed"));

/// The text of the compiled-in `rtt_icb_monthly.csv`, byte for byte.
#[cfg(test)]
fn rtt_csv() -> String {
    super::packed::unpack(RTT_PACKED)
}

/// A calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    pub year: i32,
    /// 1 = January ... 12 = December.
    pub month: u32,
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Period {
    /// Reads "YYYY-MM".
    pub fn parse(text: &str) -> Result<Period, String> {
        let bad = || format!("'{}' is not a month of the form YYYY-MM", text.trim());
        let (y, m) = text.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) {
            return Err(bad());
        }
        Ok(Period { year, month })
    }

    /// The month `months` later.
    pub fn plus(self, months: usize) -> Period {
        let index = self.index() + months as i64;
        Period {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// Months from `earlier` to this one (negative if `earlier` is later).
    pub fn months_since(self, earlier: Period) -> i64 {
        self.index() - earlier.index()
    }

    /// 0 = January ... 11 = December.
    pub fn month0(self) -> usize {
        self.month as usize - 1
    }

    /// "March 2025".
    pub fn name(self) -> String {
        format!("{} {}", MONTH_NAMES[self.month0()], self.year)
    }

    /// The year as a number with months as twelfths: March 2025 is 2025 + 2/12.
    pub fn as_year_fraction(self) -> f64 {
        self.year as f64 + self.month0() as f64 / 12.0
    }

    fn index(self) -> i64 {
        self.year as i64 * 12 + self.month0() as i64
    }
}

impl fmt::Display for Period {
    /// "2025-03".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// The first month whose ICB figures are comparable with the latest: May 2023 (from April
/// 2023 ICBs commission more specialised care; the April 2023 file is missing).
pub const FIRST_COMPARABLE: Period = Period {
    year: 2023,
    month: 5,
};

/// One system's published waiting list at the end of one month.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct PublishedMonth {
    #[serde(serialize_with = "period_text")]
    pub period: Period,
    /// Incomplete pathways (the waiting list).
    pub waiting_list: f64,
    /// Of them, waiting under 18 weeks.
    pub within_18_weeks: f64,
    pub over_52_weeks: f64,
    pub over_65_weeks: f64,
    pub over_78_weeks: f64,
}

fn period_text<S: serde::Serializer>(p: &Period, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(p)
}

impl PublishedMonth {
    /// Share within 18 weeks, 0-1.
    pub fn within_18_weeks_share(&self) -> f64 {
        self.within_18_weeks / self.waiting_list
    }

    /// Share within 18 weeks in %.
    pub fn within_18_weeks_pct(&self) -> f64 {
        100.0 * self.within_18_weeks_share()
    }
}

/// Every system's published months, oldest first, keyed by system code ("england" or an ICB
/// code); the sum of the 42 ICBs is not kept.
#[derive(Clone, Debug, PartialEq)]
pub struct Rtt {
    pub by_system: BTreeMap<String, Vec<PublishedMonth>>,
}

impl Rtt {
    /// The last month published for England: month 0 of every projection.
    pub fn start(&self) -> Period {
        self.by_system
            .get(super::ENGLAND)
            .and_then(|h| h.last())
            .map(|m| m.period)
            .expect("parse checks England has months")
    }
}

#[derive(serde::Deserialize)]
struct Row {
    period: String,
    level: String,
    icb_code: String,
    incomplete_pathways: f64,
    within_18_weeks: f64,
    over_52_weeks: f64,
    over_65_weeks: f64,
    over_78_weeks: f64,
}

/// Parses the RTT text (the compiled-in file's columns, any order, extra columns allowed).
/// The app reads the packed columns instead.
pub fn parse(text: &str) -> Result<Rtt, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let rows = reader
        .deserialize::<Row>()
        .enumerate()
        .map(|(i, row)| row.map_err(|e| format!("RTT data row {}: {e}", i + 2)));
    from_rows(rows)
}

/// The compiled-in file's rows, read from its packed columns: the same [`Row`]s as [`parse`]
/// makes of its text (the test `compiled_in_copy_equals_the_shared_file` checks).
fn packed_rows() -> Result<Vec<Row>, String> {
    let table = super::packed::table(RTT_PACKED).map_err(|_| "RTT data is not packed")?;
    let text = |name| -> Result<Vec<String>, String> {
        Ok(table.column(name)?.iter().map(|c| c.text()).collect())
    };
    let number = |name| -> Result<Vec<f64>, String> {
        table
            .column(name)?
            .iter()
            .map(|c| c.number().ok_or(format!("RTT data: a blank {name}")))
            .collect()
    };
    let (period, level, icb_code) = (text("period")?, text("level")?, text("icb_code")?);
    let (list, within, over_52, over_65, over_78) = (
        number("incomplete_pathways")?,
        number("within_18_weeks")?,
        number("over_52_weeks")?,
        number("over_65_weeks")?,
        number("over_78_weeks")?,
    );
    Ok((0..table.rows())
        .map(|i| Row {
            period: period[i].clone(),
            level: level[i].clone(),
            icb_code: icb_code[i].clone(),
            incomplete_pathways: list[i],
            within_18_weeks: within[i],
            over_52_weeks: over_52[i],
            over_65_weeks: over_65[i],
            over_78_weeks: over_78[i],
        })
        .collect())
}

/// Checks and groups the rows: by system, oldest month first.
fn from_rows(rows: impl Iterator<Item = Result<Row, String>>) -> Result<Rtt, String> {
    let mut by_system: BTreeMap<String, Vec<PublishedMonth>> = BTreeMap::new();
    for (i, row) in rows.enumerate() {
        let row = row?;
        let code = match row.level.as_str() {
            "ENGLAND" => super::ENGLAND.to_string(),
            "ICB" => row.icb_code.clone(),
            _ => continue,
        };
        let m = PublishedMonth {
            period: Period::parse(&row.period)?,
            waiting_list: row.incomplete_pathways,
            within_18_weeks: row.within_18_weeks,
            over_52_weeks: row.over_52_weeks,
            over_65_weeks: row.over_65_weeks,
            over_78_weeks: row.over_78_weeks,
        };
        let sane = m.waiting_list > 0.0
            && (0.0..=m.waiting_list).contains(&m.within_18_weeks)
            && m.over_78_weeks <= m.over_65_weeks
            && m.over_65_weeks <= m.over_52_weeks
            && m.over_52_weeks <= m.waiting_list - m.within_18_weeks;
        if !sane {
            return Err(format!("RTT data row {}: inconsistent counts", i + 2));
        }
        by_system.entry(code).or_default().push(m);
    }
    for (code, months) in by_system.iter_mut() {
        crate::sort::sort_by_key(months, |m| m.period);
        if months.windows(2).any(|w| w[0].period == w[1].period) {
            return Err(format!("RTT data: {code} has a month twice"));
        }
    }
    if !by_system.contains_key(super::ENGLAND) {
        return Err("RTT data has no ENGLAND rows".into());
    }
    Ok(Rtt { by_system })
}

/// The compiled-in data, parsed once.
pub fn rtt() -> &'static Rtt {
    static RTT: OnceLock<Rtt> = OnceLock::new();
    RTT.get_or_init(|| {
        packed_rows()
            .and_then(|rows| from_rows(rows.into_iter().map(Ok)))
            .expect("compiled-in RTT data is well formed (tested)")
    })
}

/// Month 0 of every projection: the last month published for England (March 2025 today).
pub fn start_period() -> Period {
    rtt().start()
}

/// A system's published months, oldest first (England's and every ICB's from October 2022;
/// ICB months before [`FIRST_COMPARABLE`] are not comparable with later ones). `None` for an
/// unknown code. For the app: period, list, 18-week share and 52-week waiters month by month.
pub fn history(code: &str) -> Option<&'static [PublishedMonth]> {
    let rtt = rtt();
    rtt.by_system
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        .map(|(_, h)| h.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn england_and_every_icb_have_thirty_months_to_march_2025() {
        let rtt = rtt();
        assert_eq!(rtt.by_system.len(), 43);
        for (code, h) in &rtt.by_system {
            assert_eq!(h.len(), 29, "{code}: Oct 2022 to Mar 2025 less April 2023");
            assert_eq!(h.last().unwrap().period, start_period(), "{code}");
        }
        assert_eq!(start_period().to_string(), "2025-03");
        assert_eq!(start_period().name(), "March 2025");
        let e = history("england").unwrap().last().unwrap();
        // NHS England RTT national sheet, March 2025 (FACTS.md).
        assert_eq!(e.waiting_list, 7_418_598.0);
        assert_eq!(e.over_52_weeks, 180_243.0);
        assert!((e.within_18_weeks_pct() - 59.78).abs() < 0.005);
    }

    #[test]
    fn compiled_in_copy_equals_the_shared_file() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/rtt_icb_monthly_2022-10_to_2025-03.csv"
        );
        let Ok(text) = std::fs::read_to_string(path) else {
            eprintln!("skipped: {path} not found");
            return;
        };
        assert_eq!(parse(&text).unwrap(), *rtt());
        // The 18-week percentage column agrees with the counts we use.
        let text = rtt_csv();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        for row in reader.records() {
            let row = row.unwrap();
            let (list, within, pct): (f64, f64, f64) = (
                row[3].parse().unwrap(),
                row[4].parse().unwrap(),
                row[5].parse().unwrap(),
            );
            assert!((100.0 * within / list - pct).abs() < 0.006, "{row:?}");
        }
    }

    #[test]
    fn the_packed_columns_read_as_the_csv_text_does() {
        assert_eq!(parse(&rtt_csv()).unwrap(), *rtt());
    }

    #[test]
    fn a_newer_month_appended_to_the_data_moves_the_start() {
        let mut text = rtt_csv();
        text.push_str("2025-04,ENGLAND,,7420000,4450000,59.97,175000,7000,1100\n");
        text.push_str("2025-04,ICB,QOP,430000,240000,55.8,10000,400,60\n");
        let rtt = parse(&text).unwrap();
        assert_eq!(rtt.start().to_string(), "2025-04");
        assert_eq!(rtt.by_system["QOP"].last().unwrap().waiting_list, 430_000.0);
    }

    #[test]
    fn periods_parse_count_and_name() {
        let p = Period::parse("2023-09").unwrap();
        assert_eq!(p.plus(4).to_string(), "2024-01");
        assert_eq!(p.plus(4).months_since(p), 4);
        assert_eq!(
            Period::parse("2025-03").unwrap().plus(60).name(),
            "March 2030"
        );
        for bad in ["2025-13", "2025-3", "25-03", "2025", "march"] {
            assert!(Period::parse(bad).is_err(), "{bad}");
        }
    }
}
