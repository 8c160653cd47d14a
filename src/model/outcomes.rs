//! Life expectancy (LE) and healthy life expectancy (HLE) by deprivation fifth: where each
//! system starts, how each fifth moves under current plans, and what moves it.
//!
//! # Where a system starts
//!
//! **An ICB** is the sum of its places (`data/places.csv`: each lower-tier local authority's
//! Census 2021 residents in the ICB, their shares in each national IMD 2025 quintile, its LE
//! 2015-17 and 2022-24, HLE 2022-24 where published, and the slope index of inequality (SII) in
//! LE within it). A place's residents in national fifth q sit, on the place's own deprivation
//! rank (0 most deprived, 1 least), at the middle of that fifth's slice of the place:
//! `rank_q = s_1 + ... + s_(q-1) + s_q / 2` (the mean rank of the place's residents in that
//! fifth, residents spread evenly along the rank). The SII is the LE difference across the
//! whole of that rank (OHID Fingertips indicator 92901: the ends of the resident-weighted line
//! through the place's own deprivation deciles), so the place's LE in fifth q is its mean plus
//! `SII x (rank_q - 0.5)`: the line's mean over the fifth's slice, the SII as published. The
//! rank's resident-weighted mean is 0.5, so the place keeps its published mean exactly. The
//! ICB's value in fifth q is the mean over its places weighted by residents in that fifth. Its
//! resident-weighted mean over fifths is then the places' resident-weighted mean, which is
//! `icb_baseline.csv`'s published figure (places_README: "reproduce ... exactly").
//!
//! No scale is put on the SII. Until the eighth session it was scaled by about 1.15 so that
//! England summed from its 296 places matched the fifth gap mapped from ONS's extreme deciles
//! (below); that made every place's spread 15% wider than published, most in years where the
//! SII is largest, and put North East and North Cumbria's least deprived men at 84.0 years,
//! above England's least deprived tenth (83.6), with a fifth gap of 11.2 years against
//! England's 10.4 between tenths. Unscaled, England summed from its places has a fifth gap of
//! 8.29 years for men and 6.38 for women: 0.8 of ONS's England SII (men 9.7, women 7.9 in
//! 2018-20, the figure a straight line gives between fifths) widened at ONS's rate. The
//! extreme deciles' range (10.4, 8.1) is wider than the line because LE falls fastest in the
//! most deprived tenth, which England's own fifths (from the deciles) keep. North East and
//! North Cumbria's fifth gap is then 9.73 years for men and 7.89 for women, against 9.3 and 7.5
//! from the North East's own published SII four years earlier (12.5 men, 10.0 women, 2018-20:
//! North East Combined Authority evidence hub, from OHID Fingertips) across the middles of its
//! residents' most and least deprived national fifths (0.75 of the rank).
//!
//! HLE follows the same places: a single-tier authority's published HLE, or for a district
//! (no HLE published) an estimate from its LE by a resident-weighted straight line fitted
//! across the single-tier authorities; within a place HLE varies across fifths by ONS's ratio
//! of the HLE to the LE decile gap (men 19.4 / 10.4, women 20.3 / 8.1, 2022-24).
//!
//! **England** uses ONS's deciles directly. ONS publish the most and least deprived deciles
//! (LE 2022-24 men 73.2 and 83.6, women 78.3 and 86.4; HLE men 49.8 and 69.2, women 48.2 and
//! 68.5: FACTS.md). A national fifth is two deciles (quintile = ceil(decile / 2), MHCLG IoD
//! 2025). The LE profile in deprivation rank is taken as a quadratic whose means over the
//! first and last tenth of the rank are the published deciles and whose mean over the whole
//! rank is England's mean (LE: places' resident-weighted mean; HLE: ONS England 2021-23); a
//! fifth's value is the profile's mean over its fifth of the rank. The Q5 - Q1 gap is then
//! exactly 0.8 / 0.9 of the decile gap (as for a straight line), and the fifths bend towards
//! the least deprived as the published national curve does.
//!
//! # How each fifth moves under current plans
//!
//! Everyone gains the background trend (assumption `life_expectancy_trend`). On top, each
//! fifth continues a share (assumption `le_trend_continued_pct`) of how it moved against
//! England's mean from 2015-17 to 2022-24: each place's own change in LE against England's
//! (7 years between period mid-points), plus the gap within the place widening in proportion
//! to its SII at the rate that makes England, summed from its places, widen as ONS measured
//! (decile gap men 9.7 years in 2018-20 to 10.4 in 2022-24, women 7.9 to 8.1). England itself
//! widens at ONS's rate. HLE fifths move by ONS's ratio of the HLE gap's widening to the LE
//! gap's (men 18.6 to 19.4, women 19.3 to 20.3 against 0.9 years of LE: 2.0).

use super::params::{
    HLE_DECILES_MEN, HLE_DECILES_WOMEN, HLE_DECILE_GAP_2018_20, HLE_ENGLAND, LE_DECILES_MEN,
    LE_DECILES_WOMEN, LE_DECILE_GAP_2018_20,
};
use super::projection::MonthRecord;
use crate::data::{places_of, BySex, Place};
use serde::Serialize;
use std::sync::OnceLock;

/// Years between the mid-points of 2018-20 and 2022-24.
const GAP_TREND_YEARS: f64 = 4.0;
/// Years between the mid-points of 2015-17 and 2022-24 (the places' LE trend).
const PLACE_TREND_YEARS: f64 = 7.0;
/// Share of the rank between the centres of the first and last decile.
const DECILE_SPAN: f64 = 0.9;
/// Share of the rank between the centres of the first and last fifth.
const FIFTH_SPAN: f64 = 0.8;

/// One decile gap, men or women, 2022-24.
fn decile_gap(d: (f64, f64)) -> f64 {
    d.1 - d.0
}

/// ONS's widening of the LE gap between deciles, years a year, by sex.
fn le_gap_widening() -> BySex {
    BySex {
        male: (decile_gap(LE_DECILES_MEN) - LE_DECILE_GAP_2018_20.male) / GAP_TREND_YEARS,
        female: (decile_gap(LE_DECILES_WOMEN) - LE_DECILE_GAP_2018_20.female) / GAP_TREND_YEARS,
    }
}

/// How much faster the HLE gap widened than the LE gap (persons, ONS 2018-20 to 2022-24): 2.0.
pub fn hle_per_le_widening() -> f64 {
    let hle = decile_gap(HLE_DECILES_MEN) - HLE_DECILE_GAP_2018_20.male
        + decile_gap(HLE_DECILES_WOMEN)
        - HLE_DECILE_GAP_2018_20.female;
    let le = decile_gap(LE_DECILES_MEN) - LE_DECILE_GAP_2018_20.male + decile_gap(LE_DECILES_WOMEN)
        - LE_DECILE_GAP_2018_20.female;
    hle / le
}

/// Where a system's outcomes start and how they move under current plans, by fifth (Q1 most
/// deprived), persons (the mean of men and women).
#[derive(Clone, Debug, PartialEq)]
pub struct StartingOutcomes {
    /// Residents' shares in each national IMD 2025 fifth (Census 2021, from the places).
    pub quintile_share: [f64; 5],
    pub life_expectancy: [f64; 5],
    pub healthy_life_expectancy: [f64; 5],
    /// Men's and women's LE by fifth.
    pub life_expectancy_men: [f64; 5],
    pub life_expectancy_women: [f64; 5],
    /// How each fifth moved against England's mean, years a year (before the background trend).
    pub le_trend: [f64; 5],
    pub hle_trend: [f64; 5],
    /// Whether any place's HLE was estimated (districts publish none).
    pub hle_estimated: bool,
}

/// Men's or women's figures for one place, with gaps filled.
struct PlaceSex {
    residents: f64,
    share: [f64; 5],
    le: f64,
    le_change: f64,
    hle: f64,
    sii: f64,
}

/// A place's residents' shares by fifth, scaled to sum to exactly 1 (published to four
/// decimal places, they sum to 1 within 0.0002).
fn shares(p: &Place) -> [f64; 5] {
    let total: f64 = p.imd_quintile_share.iter().sum();
    p.imd_quintile_share.map(|s| s / total)
}

/// Each fifth's rank in the place's own deprivation order (middle of its slice), less 0.5.
fn centred_ranks(share: &[f64; 5]) -> [f64; 5] {
    let mut below = 0.0;
    std::array::from_fn(|q| {
        let r = below + 0.5 * share[q];
        below += share[q];
        r - 0.5
    })
}

/// Resident-weighted least-squares line HLE = a + b LE over places that publish both.
fn hle_from_le_line(places: &[&Place], sex: fn(&BySex) -> f64) -> (f64, f64) {
    let pts: Vec<(f64, f64, f64)> = places
        .iter()
        .filter_map(|p| Some((p.residents, sex(&p.le_2022_24?), sex(&p.hle_2022_24?))))
        .collect();
    let w: f64 = pts.iter().map(|p| p.0).sum();
    let mx = pts.iter().map(|p| p.0 * p.1).sum::<f64>() / w;
    let my = pts.iter().map(|p| p.0 * p.2).sum::<f64>() / w;
    let sxy: f64 = pts.iter().map(|p| p.0 * (p.1 - mx) * (p.2 - my)).sum();
    let sxx: f64 = pts.iter().map(|p| p.0 * (p.1 - mx) * (p.1 - mx)).sum();
    let b = sxy / sxx;
    (my - b * mx, b)
}

/// The places of a system with LE, one sex, gaps filled: a missing SII takes the
/// resident-weighted mean of the system's other places (England's if none has one).
fn place_figures(places: &[&Place], male: bool) -> Vec<PlaceSex> {
    let sex: fn(&BySex) -> f64 = if male { |b| b.male } else { |b| b.female };
    let sii_of = |p: &Place| if male { p.sii_male } else { p.sii_female };
    let all = places_of(crate::data::ENGLAND);
    let (a, b) = hle_from_le_line(&all, sex);
    let mean_sii = |ps: &[&Place]| {
        let with: Vec<(f64, f64)> = ps
            .iter()
            .filter(|p| p.le_2022_24.is_some())
            .filter_map(|p| Some((p.residents, sii_of(p)?)))
            .collect();
        let w: f64 = with.iter().map(|x| x.0).sum();
        (w > 0.0).then(|| with.iter().map(|x| x.0 * x.1).sum::<f64>() / w)
    };
    let fallback_sii = mean_sii(places).or_else(|| mean_sii(&all)).unwrap_or(0.0);
    let england_change = england_le_change(male);
    places
        .iter()
        .filter_map(|p| {
            let le = sex(&p.le_2022_24?);
            let le_change = p
                .le_2015_17
                .map(|old| (le - sex(&old)) / PLACE_TREND_YEARS - england_change)
                .unwrap_or(0.0);
            Some(PlaceSex {
                residents: p.residents,
                share: shares(p),
                le,
                le_change,
                hle: p.hle_2022_24.map(|h| sex(&h)).unwrap_or(a + b * le),
                sii: sii_of(p).unwrap_or(fallback_sii),
            })
        })
        .collect()
}

/// England's resident-weighted change in LE a year, 2015-17 to 2022-24, over its places.
fn england_le_change(male: bool) -> f64 {
    static CHANGE: OnceLock<BySex> = OnceLock::new();
    let c = CHANGE.get_or_init(|| {
        let one = |sex: fn(&BySex) -> f64| {
            let (mut sum, mut w) = (0.0, 0.0);
            for p in places_of(crate::data::ENGLAND) {
                if let (Some(new), Some(old)) = (p.le_2022_24, p.le_2015_17) {
                    sum += p.residents * (sex(&new) - sex(&old)) / PLACE_TREND_YEARS;
                    w += p.residents;
                }
            }
            sum / w
        };
        BySex {
            male: one(|b| b.male),
            female: one(|b| b.female),
        }
    });
    if male {
        c.male
    } else {
        c.female
    }
}

/// Sums over places by fifth, each place's value in a fifth weighted by its residents in that
/// fifth. A fifth with no residents in any place takes the places' resident-weighted mean of
/// the value there (it carries no weight in any system mean).
fn by_fifth(places: &[PlaceSex], value: impl Fn(&PlaceSex, usize) -> f64) -> [f64; 5] {
    std::array::from_fn(|q| {
        let (mut sum, mut w, mut sum_r, mut w_r) = (0.0, 0.0, 0.0, 0.0);
        for p in places {
            let v = value(p, q);
            sum += p.residents * p.share[q] * v;
            w += p.residents * p.share[q];
            sum_r += p.residents * v;
            w_r += p.residents;
        }
        if w > 0.0 {
            sum / w
        } else {
            sum_r / w_r
        }
    })
}

/// Men's or women's LE, HLE and trend by fifth from places, each place's SII as published,
/// and within-place widening `g` (share of the SII a year).
fn from_places(places: &[PlaceSex], g: f64, hle_ratio: f64) -> [[f64; 5]; 3] {
    let le = by_fifth(places, |p, q| p.le + p.sii * centred_ranks(&p.share)[q]);
    let hle = by_fifth(places, |p, q| {
        p.hle + hle_ratio * p.sii * centred_ranks(&p.share)[q]
    });
    let trend = by_fifth(places, |p, q| {
        p.le_change + g * p.sii * centred_ranks(&p.share)[q]
    });
    [le, hle, trend]
}

/// The within-place widening rate, by sex, that makes England summed from its places widen as
/// ONS measured (0.8 / 0.9 of the decile gap's widening, 2018-20 to 2022-24).
fn calibration(male: bool) -> f64 {
    static CAL: OnceLock<[f64; 2]> = OnceLock::new();
    let cal = CAL.get_or_init(|| {
        let one = |male: bool| {
            let places = place_figures(&places_of(crate::data::ENGLAND), male);
            let widening = if male {
                le_gap_widening().male
            } else {
                le_gap_widening().female
            };
            let to_fifths = FIFTH_SPAN / DECILE_SPAN;
            // The trend gap is a straight line in g: two evaluations fix it.
            let gap = |g: f64| {
                let [_, _, trend] = from_places(&places, g, 0.0);
                trend[4] - trend[0]
            };
            let (t0, t1) = (gap(0.0), gap(1.0));
            (widening * to_fifths - t0) / (t1 - t0)
        };
        [one(true), one(false)]
    });
    cal[if male { 0 } else { 1 }]
}

/// A fifth's mean of the quadratic rank profile whose means over the first and last tenth are
/// `deciles` and whose mean over all ranks is `mean` (see the module's documentation).
pub fn fifths_from_deciles(deciles: (f64, f64), mean: f64) -> [f64; 5] {
    // Mean of a + b r + c r^2 over [u, v].
    let basis = |u: f64, v: f64| [1.0, (u + v) / 2.0, (u * u + u * v + v * v) / 3.0];
    let rows = [basis(0.0, 0.1), basis(0.9, 1.0), basis(0.0, 1.0)];
    let rhs = [deciles.0, deciles.1, mean];
    let coef = solve3(rows, rhs);
    std::array::from_fn(|q| {
        let b = basis(0.2 * q as f64, 0.2 * (q + 1) as f64);
        b[0] * coef[0] + b[1] * coef[1] + b[2] * coef[2]
    })
}

/// Solves a 3x3 linear system by Cramer's rule (the matrices here are fixed and well
/// conditioned).
fn solve3(m: [[f64; 3]; 3], r: [f64; 3]) -> [f64; 3] {
    let det = |m: &[[f64; 3]; 3]| {
        m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
            - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
            + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0])
    };
    let d = det(&m);
    std::array::from_fn(|c| {
        let mut mc = m;
        for (row, v) in mc.iter_mut().zip(r) {
            row[c] = v;
        }
        det(&mc) / d
    })
}

fn mean_of(a: &[f64; 5], b: &[f64; 5]) -> [f64; 5] {
    std::array::from_fn(|q| 0.5 * (a[q] + b[q]))
}

/// A system's starting outcomes and trends (England: ONS deciles; an ICB: its places).
pub fn starting_outcomes(code: &str) -> StartingOutcomes {
    let places = places_of(code);
    let residents: f64 = places.iter().map(|p| p.residents).sum();
    let share: [f64; 5] = std::array::from_fn(|q| {
        places
            .iter()
            .map(|p| p.residents * shares(p)[q])
            .sum::<f64>()
            / residents
    });
    let hle_estimated = places.iter().any(|p| p.hle_2022_24.is_none());
    let hle_ratio = |male: bool| {
        if male {
            decile_gap(HLE_DECILES_MEN) / decile_gap(LE_DECILES_MEN)
        } else {
            decile_gap(HLE_DECILES_WOMEN) / decile_gap(LE_DECILES_WOMEN)
        }
    };
    let per_sex = |male: bool| {
        from_places(
            &place_figures(&places, male),
            calibration(male),
            hle_ratio(male),
        )
    };
    let [le_m, hle_m, trend_m] = per_sex(true);
    let [le_f, hle_f, trend_f] = per_sex(false);
    if code == crate::data::ENGLAND {
        // England's mean LE: its places' resident-weighted mean.
        let mean = |male: bool| {
            let p = place_figures(&places, male);
            p.iter().map(|p| p.residents * p.le).sum::<f64>()
                / p.iter().map(|p| p.residents).sum::<f64>()
        };
        let men = fifths_from_deciles(LE_DECILES_MEN, mean(true));
        let women = fifths_from_deciles(LE_DECILES_WOMEN, mean(false));
        let hle_men = fifths_from_deciles(HLE_DECILES_MEN, HLE_ENGLAND.male);
        let hle_women = fifths_from_deciles(HLE_DECILES_WOMEN, HLE_ENGLAND.female);
        let w = le_gap_widening();
        let trend: [f64; 5] = std::array::from_fn(|q| {
            let rank = 0.2 * q as f64 + 0.1 - 0.5;
            0.5 * (w.male + w.female) * rank / DECILE_SPAN
        });
        return StartingOutcomes {
            quintile_share: share,
            life_expectancy: mean_of(&men, &women),
            healthy_life_expectancy: mean_of(&hle_men, &hle_women),
            life_expectancy_men: men,
            life_expectancy_women: women,
            le_trend: trend,
            hle_trend: trend.map(|t| t * hle_per_le_widening()),
            hle_estimated: false,
        };
    }
    let trend = mean_of(&trend_m, &trend_f);
    StartingOutcomes {
        quintile_share: share,
        life_expectancy: mean_of(&le_m, &le_f),
        healthy_life_expectancy: mean_of(&hle_m, &hle_f),
        life_expectancy_men: le_m,
        life_expectancy_women: le_f,
        le_trend: trend,
        hle_trend: trend.map(|t| t * hle_per_le_widening()),
        hle_estimated,
    }
}

/// What moved LE or HLE away from month 0, by fifth (years): the background trend with each
/// fifth's own trend, prevention that has reached health, and harm from waits beyond 18 weeks
/// (negative when more wait than at the start). Month 0 + trend + prevention + waits = the
/// month's figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Causes {
    pub trend: [f64; 5],
    pub prevention: [f64; 5],
    pub waits: [f64; 5],
}

impl Causes {
    /// The change in the Q5 - Q1 gap from each cause: (trend, prevention, waits).
    pub fn gap(&self) -> [f64; 3] {
        let g = |v: &[f64; 5]| v[4] - v[0];
        [g(&self.trend), g(&self.prevention), g(&self.waits)]
    }

    /// The population-weighted mean change from each cause: (trend, prevention, waits).
    pub fn mean(&self, r: &MonthRecord) -> [f64; 3] {
        [
            r.mean(&self.trend),
            r.mean(&self.prevention),
            r.mean(&self.waits),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fifths_from_deciles_reproduce_the_deciles_and_the_mean() {
        let f = fifths_from_deciles(LE_DECILES_MEN, 79.4);
        // Gap between fifths = 0.8 / 0.9 of ONS's decile gap (10.4 years, 2022-24).
        assert!((f[4] - f[0] - 10.4 * 0.8 / 0.9).abs() < 1e-9);
        assert!((f.iter().sum::<f64>() / 5.0 - 79.4).abs() < 1e-9);
        assert!(f.windows(2).all(|w| w[1] > w[0]), "{f:?}");
        // The most deprived fifth lies between its two deciles' extremes.
        assert!(f[0] > 73.2 && f[4] < 83.6, "{f:?}");
    }

    #[test]
    fn england_summed_from_places_lies_between_ons_line_and_deciles_and_widens_as_ons() {
        for male in [true, false] {
            let g = calibration(male);
            assert!(g > 0.0 && g < 0.05, "within-place widening {g}");
            let places = place_figures(&places_of(crate::data::ENGLAND), male);
            let [le, _, trend] = from_places(&places, g, 0.0);
            let (deciles, widening, sii_2018_20) = if male {
                (
                    LE_DECILES_MEN,
                    le_gap_widening().male,
                    LE_DECILE_GAP_2018_20.male,
                )
            } else {
                (
                    LE_DECILES_WOMEN,
                    le_gap_widening().female,
                    LE_DECILE_GAP_2018_20.female,
                )
            };
            // The SIIs as published, summed to England: at least the straight line's gap
            // between fifths (0.8 of ONS's 2018-20 England SII, 9.7 men, 7.9 women), below
            // the gap mapped from the extreme deciles (0.8 / 0.9 of 10.4 and 8.1).
            let gap = le[4] - le[0];
            assert!(gap > 0.8 * sii_2018_20, "{gap}");
            assert!(gap < decile_gap(deciles) * 0.8 / 0.9, "{gap}");
            assert!((trend[4] - trend[0] - widening * 0.8 / 0.9).abs() < 1e-9);
        }
    }

    #[test]
    fn hle_gap_widened_twice_as_fast_as_le_gap() {
        assert!((hle_per_le_widening() - 2.0).abs() < 1e-9);
    }
}

/// One outcome's change, split by cause: since month 0 under the scenario, and against
/// current plans at the same month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutcomeSplit {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub start: f64,
    pub plans: f64,
    pub scenario: f64,
    /// Scenario at the month less month 0, by cause.
    pub since_start: CauseSplit,
    /// Scenario less current plans at the month, by cause.
    pub against_plans: CauseSplit,
}

/// A change split into the background trend (with each fifth's own trend), prevention and
/// waits. The three add up to `total`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CauseSplit {
    pub total: f64,
    pub trend: f64,
    pub prevention: f64,
    pub waits: f64,
}

impl CauseSplit {
    fn of(parts: [f64; 3]) -> CauseSplit {
        CauseSplit {
            total: parts.iter().sum(),
            trend: parts[0],
            prevention: parts[1],
            waits: parts[2],
        }
    }

    /// (name, value) for each cause, in order.
    pub fn causes(&self) -> [(&'static str, f64); 3] {
        [
            ("background trend", self.trend),
            ("prevention", self.prevention),
            ("waits", self.waits),
        ]
    }
}

/// The life-expectancy gap and mean healthy life expectancy at `month` (clamped to both
/// horizons) split by cause, since month 0 and against current plans, from two projections
/// that have already run (no further runs).
pub fn split_outcomes(
    scenario: &super::Projection,
    plans: &super::Projection,
    month: usize,
) -> Vec<OutcomeSplit> {
    use super::projection::Metric;
    let month = month
        .min(scenario.months.len() - 1)
        .min(plans.months.len() - 1);
    let (r0, rs, rp) = (
        &scenario.months[0],
        &scenario.months[month],
        &plans.months[month],
    );
    let diff = |a: [f64; 3], b: [f64; 3]| std::array::from_fn(|i| a[i] - b[i]);
    let gap = |r: &MonthRecord| Metric::LifeExpectancyGap.of(r);
    let hle = |r: &MonthRecord| Metric::HealthyLifeExpectancy.of(r);
    let split = |m: Metric, f: fn(&MonthRecord) -> f64, parts: fn(&MonthRecord) -> [f64; 3]| {
        let spec = m.spec();
        OutcomeSplit {
            key: spec.key,
            label: spec.label,
            unit: spec.unit.text(),
            start: f(r0),
            plans: f(rp),
            scenario: f(rs),
            since_start: CauseSplit::of(parts(rs)),
            against_plans: CauseSplit::of(diff(parts(rs), parts(rp))),
        }
    };
    vec![
        split(Metric::LifeExpectancyGap, gap, |r| r.le_causes.gap()),
        split(Metric::HealthyLifeExpectancy, hle, |r| r.hle_causes.mean(r)),
    ]
}

/// One sentence on why the life-expectancy gap (the first of [`split_outcomes`]) moved: against
/// current plans when the scenario differs from them, since month 0 otherwise.
pub fn why_sentence(gap: &OutcomeSplit, years: f64) -> String {
    fn name(c: &str) -> &str {
        match c {
            "background trend" => "the published trend",
            other => other,
        }
    }
    let ranked = |split: &CauseSplit| {
        let mut causes: Vec<(&str, f64)> = split
            .causes()
            .into_iter()
            .filter(|c| c.1.abs() >= 0.005)
            .collect();
        crate::sort::sort_by(&mut causes, |a, b| b.1.abs().total_cmp(&a.1.abs()));
        causes
            .iter()
            .map(|(c, v)| format!("{} {:+.2}", name(c), v))
            .collect::<Vec<_>>()
            .join(", ")
    };
    // A whole number of years or of months, never "0.08333333333333333 years".
    let months = (years * 12.0).round() as i64;
    let after = match (months % 12, months / 12) {
        (0, 1) => "1 year".to_string(),
        (0, y) => format!("{y} years"),
        _ if months == 1 => "1 month".to_string(),
        _ => format!("{months} months"),
    };
    let moved = |v: f64| if v > 0.0 { "wider" } else { "narrower" };
    let a = &gap.against_plans;
    if a.total.abs() >= 0.005 {
        format!(
            "After {after} the life-expectancy gap is {:.2} years {} than under current plans ({:.2} against {:.2}): {}.",
            a.total.abs(),
            moved(a.total),
            gap.scenario,
            gap.plans,
            ranked(a)
        )
    } else {
        let s = &gap.since_start;
        format!(
            "After {after} the life-expectancy gap is {:.2} years, {:.2} {} than at the start ({:.2}): {}. The scenario changes nothing that moves it against current plans.",
            gap.scenario,
            s.total.abs(),
            moved(s.total),
            gap.start,
            ranked(s)
        )
    }
}
