//! Places: the lower-tier local authorities inside each ICB (`places.csv`, a copy of the
//! columns of `shared/data/places.csv` the model reads; sources, method and checks in
//! `shared/data/places_README.md`). Census 2021 residents, shares of residents in each
//! national IMD 2025 quintile and their IMD 2025 average score, and OHID Fingertips life
//! expectancy (2015-17, 2022-24), healthy life expectancy (single-tier authorities only) and
//! the slope index of inequality in life expectancy within the authority (2022-24). All Open
//! Government Licence v3.

use serde::Deserialize;
use std::sync::OnceLock;

/// The compiled-in `places.csv`, packed by build.rs and unpacked to its exact text.
const PLACES_PACKED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/places.csv.packed"));

/// Men's and women's figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct BySex {
    pub male: f64,
    pub female: f64,
}

/// One (ICB, local authority) pair. LE, HLE and SII describe the whole authority.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub icb_code: String,
    pub ltla_code: String,
    pub ltla_name: String,
    /// Census 2021 usual residents of this authority living in this ICB.
    pub residents: f64,
    /// Share of those residents in each national IMD 2025 quintile, most deprived first.
    pub imd_quintile_share: [f64; 5],
    /// IMD 2025 score averaged over the place's LSOAs in this ICB, weighted by residents
    /// (higher = more deprived): orders places by deprivation for the slope index.
    pub imd_avg_score: f64,
    /// Life expectancy at birth 2022-24 and 2015-17; `None` where Fingertips suppresses it
    /// (City of London, Isles of Scilly).
    pub le_2022_24: Option<BySex>,
    pub le_2015_17: Option<BySex>,
    /// Healthy life expectancy 2022-24: single-tier authorities only.
    pub hle_2022_24: Option<BySex>,
    /// Slope index of inequality in life expectancy within the authority, 2022-24, by sex
    /// (blank for a few small authorities).
    pub sii_male: Option<f64>,
    pub sii_female: Option<f64>,
}

#[derive(Deserialize)]
struct Row {
    icb_code: String,
    ltla_code: String,
    ltla_name: String,
    residents_in_icb: f64,
    imd2025_q1_share: f64,
    imd2025_q2_share: f64,
    imd2025_q3_share: f64,
    imd2025_q4_share: f64,
    imd2025_q5_share: f64,
    imd2025_avg_score: f64,
    le_male_2022_24: Option<f64>,
    le_female_2022_24: Option<f64>,
    le_male_2015_17: Option<f64>,
    le_female_2015_17: Option<f64>,
    hle_male_2022_24: Option<f64>,
    hle_female_2022_24: Option<f64>,
    sii_le_male_2022_24: Option<f64>,
    sii_le_female_2022_24: Option<f64>,
}

fn both(male: Option<f64>, female: Option<f64>) -> Option<BySex> {
    Some(BySex {
        male: male?,
        female: female?,
    })
}

/// Parses place rows from CSV text with the columns of `places.csv` (any order; extra columns
/// are ignored). The app reads the packed columns instead.
pub fn parse_places(text: &str) -> Result<Vec<Place>, String> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize::<Row>()
        .map(|row| Ok(place(row.map_err(|e| format!("places.csv: {e}"))?)))
        .collect()
}

/// The compiled-in file's places, read from its packed columns: the same as [`parse_places`]
/// makes of its text (the tests check).
fn packed_places() -> Result<Vec<Place>, String> {
    let table = super::packed::table(PLACES_PACKED).map_err(|_| "places.csv is not packed")?;
    let text = |name| -> Result<Vec<String>, String> {
        Ok(table.column(name)?.iter().map(|c| c.text()).collect())
    };
    let maybe = |name| -> Result<Vec<Option<f64>>, String> {
        Ok(table.column(name)?.iter().map(|c| c.number()).collect())
    };
    let number = |name| -> Result<Vec<f64>, String> {
        maybe(name)?
            .into_iter()
            .map(|n| n.ok_or(format!("places.csv: a blank {name}")))
            .collect()
    };
    let (icb, ltla, name) = (text("icb_code")?, text("ltla_code")?, text("ltla_name")?);
    let residents = number("residents_in_icb")?;
    let q = [
        number("imd2025_q1_share")?,
        number("imd2025_q2_share")?,
        number("imd2025_q3_share")?,
        number("imd2025_q4_share")?,
        number("imd2025_q5_share")?,
    ];
    let score = number("imd2025_avg_score")?;
    let (le_m, le_f, le_m_15, le_f_15) = (
        maybe("le_male_2022_24")?,
        maybe("le_female_2022_24")?,
        maybe("le_male_2015_17")?,
        maybe("le_female_2015_17")?,
    );
    let (hle_m, hle_f, sii_m, sii_f) = (
        maybe("hle_male_2022_24")?,
        maybe("hle_female_2022_24")?,
        maybe("sii_le_male_2022_24")?,
        maybe("sii_le_female_2022_24")?,
    );
    Ok((0..table.rows())
        .map(|i| {
            place(Row {
                icb_code: icb[i].clone(),
                ltla_code: ltla[i].clone(),
                ltla_name: name[i].clone(),
                residents_in_icb: residents[i],
                imd2025_q1_share: q[0][i],
                imd2025_q2_share: q[1][i],
                imd2025_q3_share: q[2][i],
                imd2025_q4_share: q[3][i],
                imd2025_q5_share: q[4][i],
                imd2025_avg_score: score[i],
                le_male_2022_24: le_m[i],
                le_female_2022_24: le_f[i],
                le_male_2015_17: le_m_15[i],
                le_female_2015_17: le_f_15[i],
                hle_male_2022_24: hle_m[i],
                hle_female_2022_24: hle_f[i],
                sii_le_male_2022_24: sii_m[i],
                sii_le_female_2022_24: sii_f[i],
            })
        })
        .collect())
}

fn place(r: Row) -> Place {
    Place {
        imd_quintile_share: [
            r.imd2025_q1_share,
            r.imd2025_q2_share,
            r.imd2025_q3_share,
            r.imd2025_q4_share,
            r.imd2025_q5_share,
        ],
        imd_avg_score: r.imd2025_avg_score,
        le_2022_24: both(r.le_male_2022_24, r.le_female_2022_24),
        le_2015_17: both(r.le_male_2015_17, r.le_female_2015_17),
        hle_2022_24: both(r.hle_male_2022_24, r.hle_female_2022_24),
        sii_male: r.sii_le_male_2022_24,
        sii_female: r.sii_le_female_2022_24,
        icb_code: r.icb_code,
        ltla_code: r.ltla_code,
        ltla_name: r.ltla_name,
        residents: r.residents_in_icb,
    }
}

/// Every place, in file order (grouped by ICB). Parsed once from the compiled-in copy.
pub fn places() -> &'static [Place] {
    static PLACES: OnceLock<Vec<Place>> = OnceLock::new();
    PLACES.get_or_init(|| packed_places().expect("compiled-in places data is well formed (tested)"))
}

/// The places of one ICB (by ODS code); England (or an unknown code) gives every place.
pub fn places_of(code: &str) -> Vec<&'static Place> {
    let all = places();
    if all.iter().any(|p| p.icb_code == code) {
        all.iter().filter(|p| p.icb_code == code).collect()
    } else {
        all.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_packed_columns_read_as_the_csv_text_does() {
        let text = super::super::packed::unpack(PLACES_PACKED);
        assert_eq!(text, include_str!("places.csv"));
        assert_eq!(parse_places(&text).unwrap(), places());
    }

    #[test]
    fn places_cover_42_icbs_and_england_s_residents() {
        let p = places();
        assert_eq!(p.len(), 310);
        let mut icbs: Vec<&str> = p.iter().map(|p| p.icb_code.as_str()).collect();
        icbs.sort();
        icbs.dedup();
        assert_eq!(icbs.len(), 42);
        // places_README: residents sum to 56,490,091 (Census 2021, England).
        let residents: f64 = p.iter().map(|p| p.residents).sum();
        assert_eq!(residents, 56_490_091.0);
        for place in p {
            let s: f64 = place.imd_quintile_share.iter().sum();
            assert!(
                (s - 1.0).abs() < 0.002,
                "{} shares sum {s}",
                place.ltla_name
            );
        }
        // Gaps as documented: LE blank only for City of London and Isles of Scilly.
        let mut no_le: Vec<&str> = p
            .iter()
            .filter(|p| p.le_2022_24.is_none())
            .map(|p| p.ltla_code.as_str())
            .collect();
        no_le.sort();
        assert_eq!(no_le, ["E06000053", "E09000001"]);
    }

    #[test]
    fn places_copy_matches_the_shared_file() {
        let shared = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/data/places.csv"
        ))
        .expect("../shared/data/places.csv beside the repository");
        assert_eq!(parse_places(&shared).unwrap(), places());
    }
}
