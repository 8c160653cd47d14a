//! Places: an ICB's figures split into its places (the lower-tier local authorities inside it,
//! `data/places.csv`), month by month, from a run that has already been made. A pure function
//! of the run's output: `simulate` is not touched and nothing here feeds back into it.
//!
//! # Method
//!
//! **Starting point.** Each place starts from its published life expectancy (LE) 2022-24 for
//! men and women (OHID Fingertips 90366) and healthy life expectancy (HLE) 2022-24 where ONS
//! publish it (single-tier authorities; Fingertips 90362). City of London and the Isles of
//! Scilly publish no LE: theirs is an *estimate*, the ICB's month-0 LE by fifth (see
//! `outcomes`) weighted by the place's residents in each fifth; no HLE is given for them or for
//! districts.
//!
//! **How a place moves.** The ICB-level model moves each national deprivation fifth `q` of the
//! ICB by `d_q(m)` = background trend + the fifth's own published trend + prevention + waits
//! (`outcomes::Causes`). A place with share `s_q` of its residents in fifth `q` moves by the
//! fifths' changes weighted by its mix, with the fifths' own trend (a mix of all the ICB's
//! places' trends) swapped for the place's own:
//!
//! `LE_p(m) = LE_p(0) + sum_q s_q (d_q(m) - c t T_q) + c t o_p`
//!
//! where `t` is years since month 0, `c` the share of the published trend that continues
//! (assumption `le_trend_continued_pct`), `T_q` the ICB fifth's own trend (`Baseline::le_trend`)
//! and `o_p` the place's own change in LE a year against England's, 2015-17 to 2022-24 (7 years
//! between period mid-points; the same figure `outcomes` builds the ICB fifths' trends from, so
//! a place carries on its published trend exactly as its ICB's fifths do). Men and women each
//! take their own `o_p`; the fifths' modelled change is persons (the model runs persons). HLE
//! moves the same way with the model's HLE changes and trend (`Baseline::hle_trend`; a
//! place's own HLE trend is its LE trend times the model's ratio of HLE to LE widening, as for
//! the fifths).
//!
//! Written per place: `LE_p(m) - LE_p(0) = c t a_p + (B - c e) t + prevention + waits`, where
//! `a_p` is the place's own published change a year 2015-17 to 2022-24 (its two end periods,
//! [`PlaceStart::published_trend`]), `B` the background gain every fifth of the ICB run takes
//! (assumption `life_expectancy_trend`, 0.1 years a year) and `e` England's own published
//! change ([`england_change`]: men -0.004, women +0.035 years a year). The middle term is the
//! same for every place: it is what keeps the ICB run (which gains `B` a year) the places'
//! mean. So a place carries on its own published trend plus a national rise common to all;
//! with `B = c e` each place goes the way its published figures went (tested for every place
//! of every ICB, `tests/places_trend.rs`).
//!
//! Because `T_q` is the resident-weighted mean over places of their own trends in fifth `q`,
//! the swap cancels when summed: the resident-weighted mean of the places' LE (persons: the mean
//! of men and women) is the ICB run's LE at every month, to rounding (tested). The places'
//! mean HLE equals the run's where every place publishes HLE (tested on Greater Manchester).
//!
//! **Referrals and the waiting list (an estimate).** No public source gives waiting lists by
//! local authority (places_README: "Not included: ... place-level waiting lists"). A place's
//! share of fifth `q`'s referrals and list is its share of the ICB's residents in that fifth,
//! so need (the model's referrals and list by fifth) follows deprivation; the places sum to the
//! ICB's totals exactly.
//!
//! **Gaps between places.** For the ICB at each month: the highest minus the lowest place
//! (places with published LE), and the slope index of inequality (SII) across places: places
//! ordered by deprivation (IMD 2025 average score of their residents' areas, most deprived
//! first), each given the midpoint of its cumulative share of residents as its rank (0 to 1),
//! and LE regressed on rank weighted by residents; the SII is the slope, the modelled gap
//! between the least and most deprived ends of the ICB's places. This is the standard method
//! (Public Health England, "Technical Guide: Slope index of inequality (SII)", PHOF/Fingertips,
//! after Low & Low, "Measuring the gap: quantifying and comparing local health inequalities",
//! J Public Health 2004; 26(4): 388-95) with places, not LSOA deciles, as the units. It sits
//! beside the gap between fifths (Q5 - Q1) of the ICB run.

use super::levers::Assumption;
use super::monte_carlo::{
    f32_quantiles_of, CellQuantiles, MonteCarlo, MonteCarloRun, Observer, Quantiles,
    EXACT_MAX_F32_VALUES,
};
use super::outcomes::{hle_per_le_widening, starting_outcomes};
use super::projection::{MonthRecord, Projection};
use super::{Baseline, Scenario};
use crate::data::{places_of, BySex, Place};
use std::sync::OnceLock;

/// Years between the mid-points of 2015-17 and 2022-24 (as `outcomes` uses).
const PLACE_TREND_YEARS: f64 = 7.0;

/// One place at month 0, plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceStart {
    /// Local authority (LAD 2024) code and name.
    pub code: String,
    pub name: String,
    /// Census 2021 usual residents of the place inside this ICB.
    pub residents: f64,
    /// Shares of those residents in each national IMD 2025 fifth, most deprived first (scaled
    /// to sum to 1, as `outcomes` does).
    pub share: [f64; 5],
    /// IMD 2025 average score (higher = more deprived).
    pub imd_score: f64,
    /// LE at month 0 (published 2022-24, or an estimate when `le_published` is false).
    pub le: BySex,
    pub le_published: bool,
    /// Published LE 2015-17, where there is one.
    pub le_2015_17: Option<BySex>,
    /// The place's own change in LE a year against England's, 2015-17 to 2022-24.
    pub own_trend: BySex,
    /// Published HLE 2022-24 (single-tier authorities only).
    pub hle: Option<BySex>,
    /// The share of the whole authority's residents living in this ICB (1 unless the
    /// authority is split between ICBs; its LE and HLE are the whole authority's), and the
    /// other ICBs (codes) holding the rest.
    pub of_authority: f64,
    pub split_with: Vec<&'static str>,
}

impl PlaceStart {
    /// Persons: the mean of men and women.
    pub fn le_persons(&self) -> f64 {
        0.5 * (self.le.male + self.le.female)
    }

    /// "part: 75% of its residents" for an authority split between ICBs, `None` for one
    /// wholly inside this ICB (the app's place picker and the `places` command say it alike).
    pub fn part(&self) -> Option<String> {
        self.part_share()
            .map(|share| format!("part: {share} of its residents"))
    }

    /// For an authority split between ICBs, the share of its residents in this ICB as text:
    /// "3.1%" (a tenth below 10%), "76%"; `None` for one wholly inside this ICB.
    pub fn part_share(&self) -> Option<String> {
        if self.split_with.is_empty() {
            return None;
        }
        let pct = 100.0 * self.of_authority;
        let decimals = if pct < 9.95 { 1 } else { 0 };
        Some(format!("{pct:.decimals$}%"))
    }

    /// The place's name as the Places headline and `run --by gaps` give it: "Westmorland and
    /// Furness (part: 24% of its residents)" for an authority split between ICBs (its life
    /// expectancy is the whole authority's), the plain name for one wholly inside this ICB.
    pub fn named(&self) -> String {
        match self.part() {
            Some(part) => format!("{} ({part})", self.name),
            None => self.name.clone(),
        }
    }

    /// The place's own published change in LE a year, 2015-17 to 2022-24 (its two end
    /// periods in places.csv, 7 years apart: the figure `outcomes` builds the ICB's fifths'
    /// trends from), or `None` where either period is not published.
    pub fn published_trend(&self) -> Option<BySex> {
        let old = self.le_2015_17.filter(|_| self.le_published)?;
        Some(BySex {
            male: (self.le.male - old.male) / PLACE_TREND_YEARS,
            female: (self.le.female - old.female) / PLACE_TREND_YEARS,
        })
    }
}

/// One place at one month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceMonth {
    pub le: BySex,
    pub hle: Option<BySex>,
    /// Referrals that month and the waiting list at its end: estimates (see the module).
    pub referrals: f64,
    pub waiting_list: f64,
}

impl PlaceMonth {
    pub fn le_persons(&self) -> f64 {
        0.5 * (self.le.male + self.le.female)
    }
}

/// The gap between an ICB's places in one figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaceGap {
    /// Indexes (into `PlacesProjection::places`) of the highest and lowest place.
    pub highest: usize,
    pub lowest: usize,
    /// Highest minus lowest (years).
    pub range: f64,
    /// Slope index of inequality across places (years); `None` with fewer than two places.
    pub sii: Option<f64>,
}

/// The ICB's gaps at one month: between places (LE men, women, persons) and between fifths.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gaps {
    pub men: Option<PlaceGap>,
    pub women: Option<PlaceGap>,
    pub persons: Option<PlaceGap>,
    /// Q5 - Q1 LE in the ICB run (persons), for comparison.
    pub fifths: f64,
}

/// An ICB's places, month by month.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacesProjection {
    pub icb: String,
    pub places: Vec<PlaceStart>,
    /// `months[m][i]`: place `i` at month `m`.
    pub months: Vec<Vec<PlaceMonth>>,
    /// The gaps at each month.
    pub gaps: Vec<Gaps>,
}

/// An ICB's places at month 0, or an error naming the code (England and unknown codes have
/// no places of their own here).
pub fn place_starts(icb: &str) -> Result<Vec<PlaceStart>, String> {
    let places: Vec<&Place> = crate::data::places()
        .iter()
        .filter(|p| p.icb_code == icb)
        .collect();
    if places.is_empty() {
        return Err(format!("'{icb}' is not an ICB with places"));
    }
    // The ICB's fifths are needed only for a place with no published LE.
    let start = places
        .iter()
        .any(|p| p.le_2022_24.is_none())
        .then(|| starting_outcomes(icb));
    let england = england_change();
    Ok(places
        .iter()
        .map(|p| {
            let total: f64 = p.imd_quintile_share.iter().sum();
            let share = p.imd_quintile_share.map(|s| s / total);
            let mix = |v: &[f64; 5]| (0..5).map(|q| share[q] * v[q]).sum::<f64>();
            let split = authority_share(p);
            let (le, own_trend) = match p.le_2022_24 {
                Some(le) => {
                    let own = |new: f64, old: Option<f64>, eng: f64| {
                        old.map_or(0.0, |old| (new - old) / PLACE_TREND_YEARS - eng)
                    };
                    let trend = BySex {
                        male: own(le.male, p.le_2015_17.map(|o| o.male), england.male),
                        female: own(le.female, p.le_2015_17.map(|o| o.female), england.female),
                    };
                    (le, trend)
                }
                None => {
                    let start = start.as_ref().expect("set when a place has no LE");
                    let t = mix(&start.le_trend);
                    (
                        BySex {
                            male: mix(&start.life_expectancy_men),
                            female: mix(&start.life_expectancy_women),
                        },
                        BySex { male: t, female: t },
                    )
                }
            };
            PlaceStart {
                code: p.ltla_code.clone(),
                name: p.ltla_name.clone(),
                residents: p.residents,
                share,
                imd_score: p.imd_avg_score,
                le,
                le_published: p.le_2022_24.is_some(),
                le_2015_17: p.le_2015_17,
                own_trend,
                hle: p.le_2022_24.and(p.hle_2022_24),
                of_authority: split.0,
                split_with: split.1,
            }
        })
        .collect())
}

/// The share of the whole authority's Census 2021 residents that live in this place's ICB
/// (places_README: `share_of_ltla_in_icb` = `residents_in_icb` / `ltla_residents_total`; an
/// authority's rows sum to its residents), and the other ICBs holding the rest (13
/// authorities are split between ICBs). `(1.0, [])` for an authority wholly in one ICB.
pub fn authority_share(p: &Place) -> (f64, Vec<&'static str>) {
    let rows: Vec<&'static Place> = crate::data::places()
        .iter()
        .filter(|o| o.ltla_code == p.ltla_code)
        .collect();
    let total: f64 = rows.iter().map(|o| o.residents).sum();
    let others = rows
        .iter()
        .filter(|o| o.icb_code != p.icb_code)
        .map(|o| o.icb_code.as_str())
        .collect();
    (
        if total > 0.0 {
            p.residents / total
        } else {
            1.0
        },
        others,
    )
}

/// Why an ICB has no gap between its places, if it has none: fewer than two of its places
/// publish life expectancy (Somerset is one place; Cornwall and the Isles of Scilly are two,
/// and the Isles of Scilly publish none). Such an ICB has no range and no slope across places
/// (not a gap of 0): the All systems ranking on that gap lists it apart, not as the most equal.
pub fn no_place_gap(places: &[PlaceStart]) -> Option<&'static str> {
    let published = places.iter().filter(|p| p.le_published).count();
    match (places.len(), published) {
        (_, 2..) => None,
        (1, _) => Some("one place: no gap between places"),
        _ => Some("one place with published life expectancy: no gap between places"),
    }
}

/// What All systems does with levers aimed at places (the scenario's aims are the chosen
/// ICB's places): each ICB runs an aim only where a chosen place is one of its own places
/// (`place_aim::reach`); every other ICB spends the same £ a head across all its residents and gives
/// priority to its most deprived fifth, exactly as with no place chosen. `None` with no aim.
pub fn all_systems_note(s: &Scenario) -> Option<String> {
    use super::Lever;
    let icbs = crate::data::icbs();
    let short = |n: &'static str| {
        let n = n.strip_prefix("NHS ").unwrap_or(n);
        n.strip_suffix(" Integrated Care Board").unwrap_or(n)
    };
    let line = |codes: &[String], what: &str, elsewhere: &str, lever: Lever| -> Option<String> {
        if codes.is_empty() {
            return None;
        }
        let holding: Vec<&str> = icbs
            .iter()
            .filter(|i| super::place_aim::reach(&i.code, codes).is_some())
            .map(|i| short(&i.name))
            .collect();
        let inert = if s.levers[lever] == 0.0 {
            " (the lever is at 0, so the aim changes nothing yet)"
        } else {
            ""
        };
        let held = match holding.as_slice() {
            [one] => one.to_string(),
            [a, b] => format!("{a} and {b}"),
            more => format!("{} ICBs", more.len()),
        };
        // An authority split between ICBs is aimed in each ICB holding part of it.
        let split = codes.iter().any(|c| {
            crate::data::places()
                .iter()
                .filter(|p| p.ltla_code.eq_ignore_ascii_case(c))
                .count()
                > 1
        });
        Some(format!(
            "{what} aimed at {}{inert}: aimed only in {held}{}. The other {} ICBs hold none of these places, so there {elsewhere}, as with no place chosen.",
            crate::scenario::places::place_names(codes),
            if split { " (an authority split between ICBs is aimed in each ICB holding part of it)" } else { "" },
            icbs.len() - holding.len()
        ))
    };
    let lines: Vec<String> = [
        line(
            &s.places.prevention,
            "Prevention",
            "the same £ a head is spread across all their residents",
            Lever::PreventionSpend,
        ),
        line(
            &s.places.equity,
            "Waiting-list priority",
            "priority goes to their most deprived fifth",
            Lever::DeprivedPriority,
        ),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!lines.is_empty()).then(|| lines.join(" "))
}

/// Checks that a place (local authority code, any case) is one of the ICB's places, for
/// place filters now and place-aimed levers later. The message names the place and the ICBs
/// it does belong to.
pub fn check_place(icb: &str, code: &str) -> Result<(), String> {
    let all = crate::data::places();
    let wanted = code.trim();
    let same = |p: &&Place| p.ltla_code.eq_ignore_ascii_case(wanted);
    if all.iter().any(|p| p.icb_code == icb && same(&p)) {
        return Ok(());
    }
    let elsewhere: Vec<&Place> = all.iter().filter(same).collect();
    match elsewhere.first() {
        Some(p) => Err(format!(
            "place {} ({}) is not in {icb}: it is in {}",
            p.ltla_code,
            p.ltla_name,
            elsewhere
                .iter()
                .map(|p| p.icb_code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
        None => Err(format!(
            "unknown place '{}': use a local authority code such as E06000009 (see `ics-whatif places --ics {icb}`)",
            crate::scenario::shown(wanted)
        )),
    }
}

/// England's resident-weighted change in LE a year, 2015-17 to 2022-24, over its places (the
/// reference `outcomes` measures each place's own trend against): men -0.004, women +0.035
/// years a year (places.csv).
pub fn england_change() -> BySex {
    static CHANGE: OnceLock<BySex> = OnceLock::new();
    *CHANGE.get_or_init(england_change_from_places)
}

fn england_change_from_places() -> BySex {
    let (mut m, mut f, mut w) = (0.0, 0.0, 0.0);
    for p in places_of(crate::data::ENGLAND) {
        if let (Some(new), Some(old)) = (p.le_2022_24, p.le_2015_17) {
            m += p.residents * (new.male - old.male) / PLACE_TREND_YEARS;
            f += p.residents * (new.female - old.female) / PLACE_TREND_YEARS;
            w += p.residents;
        }
    }
    BySex {
        male: m / w,
        female: f / w,
    }
}

/// Splits an ICB run into its places (see the module). `base`, `s` and `projection` are the
/// ICB's baseline, scenario and run; `places` its [`place_starts`].
pub fn project_places(
    base: &Baseline,
    s: &Scenario,
    projection: &Projection,
    places: &[PlaceStart],
) -> PlacesProjection {
    let split = Split::new(base, s, places);
    let continued = s.assumptions[Assumption::LifeExpectancyTrendContinued] / 100.0;
    let months: Vec<Vec<PlaceMonth>> = projection
        .months
        .iter()
        .map(|r| {
            let mut out = Vec::with_capacity(places.len());
            split.month(continued, r, &mut out);
            out
        })
        .collect();
    let gaps = projection
        .months
        .iter()
        .zip(&months)
        .map(|(r, ms)| split.gaps(r, ms))
        .collect();
    PlacesProjection {
        icb: base.code.clone(),
        places: places.to_vec(),
        months,
        gaps,
    }
}

/// What splitting a run into places needs that is fixed for the ICB and the places aimed at:
/// worked out once, then used for every month of every run (a Monte Carlo's too).
struct Split<'a> {
    base: &'a Baseline,
    places: &'a [PlaceStart],
    /// Each place's share of the ICB's residents in each fifth.
    of_fifth: Vec<[f64; 5]>,
    /// Prevention aimed at places: the chosen share of each fifth, and which places are chosen.
    aim: Option<([f64; 5], Vec<bool>)>,
    hle_ratio: f64,
    ranking: Ranking,
}

impl<'a> Split<'a> {
    fn new(base: &'a Baseline, s: &Scenario, places: &'a [PlaceStart]) -> Self {
        // Residents in each fifth over the ICB's places, and each place's share of them.
        let fifth_residents: [f64; 5] =
            std::array::from_fn(|q| places.iter().map(|p| p.residents * p.share[q]).sum());
        let total: f64 = places.iter().map(|p| p.residents).sum();
        let of_fifth = places
            .iter()
            .map(|p| {
                std::array::from_fn(|q| {
                    if fifth_residents[q] > 0.0 {
                        p.residents * p.share[q] / fifth_residents[q]
                    } else {
                        p.residents / total
                    }
                })
            })
            .collect();
        // Prevention aimed at places (`place_aim`): a chosen place gains its fifths'
        // prevention divided by the chosen share of each fifth, the others none; unaimed,
        // every place gains its fifths' prevention (inside `d_le`).
        let aim = super::place_aim::reach(&base.code, &s.places.prevention).map(|reach| {
            let chosen: Vec<bool> = places
                .iter()
                .map(|p| {
                    s.places
                        .prevention
                        .iter()
                        .any(|c| c.eq_ignore_ascii_case(&p.code))
                })
                .collect();
            (reach, chosen)
        });
        Split {
            base,
            places,
            of_fifth,
            aim,
            hle_ratio: hle_per_le_widening(),
            ranking: Ranking::new(places),
        }
    }

    /// Every place at the month of `r` (pushed onto `out`, in place order); `continued` is
    /// the run's `le_trend_continued_pct` / 100.
    fn month(&self, continued: f64, r: &MonthRecord, out: &mut Vec<PlaceMonth>) {
        let base = self.base;
        let ct = continued * r.month as f64 / 12.0;
        let d_le: [f64; 5] = std::array::from_fn(|q| {
            r.life_expectancy[q] - base.life_expectancy[q] - ct * base.le_trend[q]
        });
        let d_hle: [f64; 5] = std::array::from_fn(|q| {
            r.healthy_life_expectancy[q] - base.healthy_life_expectancy[q] - ct * base.hle_trend[q]
        });
        let aimed = self.aim.as_ref().map(|(reach, chosen)| {
            let over = |v: &[f64; 5]| -> [f64; 5] {
                std::array::from_fn(|q| if reach[q] > 0.0 { v[q] / reach[q] } else { 0.0 })
            };
            let (le, hle) = (&r.le_causes.prevention, &r.hle_causes.prevention);
            (
                *le,
                *hle,
                over(le),
                over(hle),
                chosen,
                over(&r.referrals_avoided),
            )
        });
        for (i, p) in self.places.iter().enumerate() {
            let of_fifth = &self.of_fifth[i];
            let mix = |d: &[f64; 5]| (0..5).map(|q| p.share[q] * d[q]).sum::<f64>();
            // HLE only where the place publishes it.
            let has_hle = p.hle.is_some();
            let mut le_common = mix(&d_le);
            let mut hle_common = if has_hle { mix(&d_hle) } else { 0.0 };
            let (referrals, waiting_list);
            if let Some((le, hle, le_aimed, hle_aimed, chosen, avoided)) = &aimed {
                le_common -= mix(le);
                if has_hle {
                    hle_common -= mix(hle);
                }
                if chosen[i] {
                    le_common += mix(le_aimed);
                    if has_hle {
                        hle_common += mix(hle_aimed);
                    }
                }
                // Referrals follow where prevention was spent: each place's share of what
                // the fifth would have had without prevention, less, in a chosen place, its
                // share of the chosen residents' avoided referrals (`avoided` is per chosen
                // share). The list follows the place's share of the fifth's referrals.
                let (mut refs, mut list) = (0.0, 0.0);
                for q in 0..5 {
                    let need = r.referrals[q] + r.referrals_avoided[q];
                    let mut mine = of_fifth[q] * need;
                    if chosen[i] {
                        mine -= of_fifth[q] * avoided[q];
                    }
                    refs += mine;
                    list += if r.referrals[q] > 0.0 {
                        r.waiting_list[q] * mine / r.referrals[q]
                    } else {
                        of_fifth[q] * r.waiting_list[q]
                    };
                }
                (referrals, waiting_list) = (refs, list);
            } else {
                referrals = (0..5).map(|q| of_fifth[q] * r.referrals[q]).sum();
                waiting_list = (0..5).map(|q| of_fifth[q] * r.waiting_list[q]).sum();
            }
            let moved = |start: BySex, common: f64, ratio: f64| BySex {
                male: start.male + common + ct * ratio * p.own_trend.male,
                female: start.female + common + ct * ratio * p.own_trend.female,
            };
            out.push(PlaceMonth {
                le: moved(p.le, le_common, 1.0),
                hle: p.hle.map(|h| moved(h, hle_common, self.hle_ratio)),
                referrals,
                waiting_list,
            });
        }
    }

    /// The gaps at the month of `r`, from its places `ms`.
    fn gaps(&self, r: &MonthRecord, ms: &[PlaceMonth]) -> Gaps {
        Gaps {
            men: self.ranking.gap(ms, |m| m.le.male),
            women: self.ranking.gap(ms, |m| m.le.female),
            persons: self.ranking.gap(ms, PlaceMonth::le_persons),
            fifths: r.life_expectancy[4] - r.life_expectancy[0],
        }
    }
}

/// The places with published LE in deprivation order, with their SII ranks: fixed for a run,
/// so each month's slope is one weighted sum.
struct Ranking {
    /// (place index, residents, rank - mean rank)
    places: Vec<(usize, f64, f64)>,
    /// Sum of residents x (rank - mean rank)^2; zero with fewer than two places.
    sxx: f64,
}

impl Ranking {
    fn new(places: &[PlaceStart]) -> Ranking {
        let mut idx: Vec<usize> = (0..places.len())
            .filter(|&i| places[i].le_published && places[i].residents > 0.0)
            .collect();
        crate::sort::sort_indexes(&mut idx, &mut |a, b| {
            places[b].imd_score.total_cmp(&places[a].imd_score)
        });
        let total: f64 = idx.iter().map(|&i| places[i].residents).sum();
        let mut below = 0.0;
        let ranked: Vec<(usize, f64, f64)> = idx
            .iter()
            .map(|&i| {
                let w = places[i].residents;
                let x = (below + 0.5 * w) / total;
                below += w;
                (i, w, x)
            })
            .collect();
        let mx = ranked.iter().map(|p| p.1 * p.2).sum::<f64>() / total;
        let centred: Vec<(usize, f64, f64)> =
            ranked.iter().map(|&(i, w, x)| (i, w, x - mx)).collect();
        let sxx = centred.iter().map(|p| p.1 * p.2 * p.2).sum();
        let sxx = if centred.len() >= 2 { sxx } else { 0.0 };
        Ranking {
            places: centred,
            sxx,
        }
    }

    /// Highest minus lowest and the SII across the ranked places.
    fn gap(&self, months: &[PlaceMonth], value: impl Fn(&PlaceMonth) -> f64) -> Option<PlaceGap> {
        let first = self.places.first()?.0;
        let (mut hi, mut lo) = (first, first);
        let (mut hi_v, mut lo_v) = (value(&months[first]), value(&months[first]));
        let mut sxy = 0.0;
        for &(i, w, dx) in &self.places {
            let v = value(&months[i]);
            if v > hi_v {
                (hi, hi_v) = (i, v);
            }
            if v < lo_v {
                (lo, lo_v) = (i, v);
            }
            sxy += w * dx * v;
        }
        Some(PlaceGap {
            highest: hi,
            lowest: lo,
            range: hi_v - lo_v,
            sii: (self.sxx > 0.0).then(|| sxy / self.sxx),
        })
    }
}

/// The slope index of inequality: `points` are (residents, value) per area and `deprivation`
/// each area's score (higher = more deprived). Areas are ranked most deprived first; each
/// takes the midpoint of its cumulative share of residents as its rank; the value is
/// regressed on rank by least squares weighted by residents. Returns the slope (value at rank
/// 1, least deprived, minus rank 0), or `None` with fewer than two areas with residents.
pub fn slope_index(points: &[(f64, f64)], deprivation: &[f64]) -> Option<f64> {
    let mut order: Vec<usize> = (0..points.len()).filter(|&i| points[i].0 > 0.0).collect();
    if order.len() < 2 {
        return None;
    }
    crate::sort::sort_indexes(&mut order, &mut |a, b| {
        deprivation[b].total_cmp(&deprivation[a])
    });
    let total: f64 = order.iter().map(|&i| points[i].0).sum();
    let mut below = 0.0;
    let ranked: Vec<(f64, f64, f64)> = order
        .iter()
        .map(|&i| {
            let (w, y) = points[i];
            let x = (below + 0.5 * w) / total;
            below += w;
            (w, x, y)
        })
        .collect();
    let mx = ranked.iter().map(|p| p.0 * p.1).sum::<f64>() / total;
    let my = ranked.iter().map(|p| p.0 * p.2).sum::<f64>() / total;
    let sxy: f64 = ranked.iter().map(|p| p.0 * (p.1 - mx) * (p.2 - my)).sum();
    let sxx: f64 = ranked.iter().map(|p| p.0 * (p.1 - mx) * (p.1 - mx)).sum();
    Some(sxy / sxx)
}

/// A figure of one place in a Monte Carlo by place, as the CLI names its column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceFigure {
    LeMale,
    LeFemale,
    HleMale,
    HleFemale,
    Referrals,
    WaitingList,
}

impl PlaceFigure {
    pub fn key(self) -> &'static str {
        match self {
            PlaceFigure::LeMale => "le_male",
            PlaceFigure::LeFemale => "le_female",
            PlaceFigure::HleMale => "hle_male",
            PlaceFigure::HleFemale => "hle_female",
            PlaceFigure::Referrals => "referrals_estimate",
            PlaceFigure::WaitingList => "waiting_list_estimate",
        }
    }
}

/// A figure of the gaps between places in a Monte Carlo by place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GapFigure {
    MaleRange,
    MaleSii,
    FemaleRange,
    FemaleSii,
    PersonsRange,
    PersonsSii,
    Fifths,
}

impl GapFigure {
    pub const ALL: [GapFigure; 7] = [
        GapFigure::MaleRange,
        GapFigure::MaleSii,
        GapFigure::FemaleRange,
        GapFigure::FemaleSii,
        GapFigure::PersonsRange,
        GapFigure::PersonsSii,
        GapFigure::Fifths,
    ];

    pub fn key(self) -> &'static str {
        match self {
            GapFigure::MaleRange => "le_male_range",
            GapFigure::MaleSii => "le_male_sii",
            GapFigure::FemaleRange => "le_female_range",
            GapFigure::FemaleSii => "le_female_sii",
            GapFigure::PersonsRange => "le_persons_range",
            GapFigure::PersonsSii => "le_persons_sii",
            GapFigure::Fifths => "le_fifths_gap",
        }
    }

    /// The figure at one month, `None` where it does not exist (no SII with one place).
    fn of(self, g: &Gaps) -> Option<f64> {
        let range = |g: Option<PlaceGap>| g.map(|g| g.range);
        let sii = |g: Option<PlaceGap>| g.and_then(|g| g.sii);
        match self {
            GapFigure::MaleRange => range(g.men),
            GapFigure::MaleSii => sii(g.men),
            GapFigure::FemaleRange => range(g.women),
            GapFigure::FemaleSii => sii(g.women),
            GapFigure::PersonsRange => range(g.persons),
            GapFigure::PersonsSii => sii(g.persons),
            GapFigure::Fifths => Some(g.fifths),
        }
    }
}

/// One figure's quantiles month by month: a place's (`place` its index) or the gaps'.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceFan<F> {
    pub place: Option<usize>,
    pub figure: F,
    pub quantiles: Vec<Quantiles>,
}

/// A Monte Carlo of an ICB with its places: the ICB's own fans (equal to `monte_carlo::monte_carlo`'s
/// with the same arguments) and, from the same runs, each place's and the gaps' quantiles
/// every month.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacesMonteCarlo {
    pub icb: String,
    pub places: Vec<PlaceStart>,
    pub mc: MonteCarlo,
    /// Whether the places' quantiles are exact (false: t-digests, as for the ICB's fans).
    pub exact: bool,
    /// Place by place, in [`PlaceFigure`] order (HLE only where the place publishes it).
    pub place_fans: Vec<PlaceFan<PlaceFigure>>,
    /// In [`GapFigure::ALL`] order (SIIs only with two places or more).
    pub gap_fans: Vec<PlaceFan<GapFigure>>,
}

/// How many runs a Monte Carlo by place keeps exactly (every figure, for exact quantiles:
/// [`EXACT_MAX_F32_VALUES`] figures in all) for an ICB's `places` over `months` months
/// (month 0 included). The CLI refuses more rather than summarise thousands of figures by
/// t-digests (about 50 kB each).
pub fn places_max_runs(places: &[PlaceStart], months: usize) -> usize {
    let per_month: usize = places
        .iter()
        .map(|p| if p.hle.is_some() { 6 } else { 4 })
        .sum::<usize>()
        + GapFigure::ALL.len();
    EXACT_MAX_F32_VALUES / (per_month * months).max(1)
}

/// `runs` Monte Carlo runs of the ICB (`base`, `s`), each split into its places as
/// [`project_places`] splits one run (with that run's drawn assumptions), summarised per
/// place, figure and month.
///
/// A place's figures at a month are a few sums of the run's figures by fifth that month (its
/// life expectancy, HLE, referrals and list by fifth: 20 figures, 35 with prevention aimed at
/// places), so each run keeps only those (as `f64`, exactly) and the places are worked out at
/// summary time, a month of every run at once ([`Lanes`]: the same sums as `Split::month` and
/// `Split::gaps`, in the same order, tested equal to the bit), each figure's runs then
/// rounded to `f32` for the same exact nearest-rank quantiles as [`CellQuantiles`] gives.
/// Beyond [`EXACT_MAX_F32_VALUES`] figures the runs' places go to t-digests as they are made.
pub fn places_monte_carlo(
    base: &Baseline,
    s: &Scenario,
    runs: usize,
    seed: u64,
) -> Result<PlacesMonteCarlo, String> {
    places_monte_carlo_of(base, s, runs, seed, |_| true, true)
}

/// As [`places_monte_carlo`], working out only the figures asked for: those of the places
/// for which `place` is true (`place_fans` holds only theirs), and the gaps between places
/// only with `gaps` (else `gap_fans` is empty). Each figure is the same as
/// [`places_monte_carlo`]'s. The command line prints either places or gaps, so it asks for
/// no more (`run --by gaps` works out each place's life expectancy only, for the gaps).
pub fn places_monte_carlo_of(
    base: &Baseline,
    s: &Scenario,
    runs: usize,
    seed: u64,
    place: impl Fn(&PlaceStart) -> bool,
    gaps: bool,
) -> Result<PlacesMonteCarlo, String> {
    let places = place_starts(&base.code)?;
    let split = Split::new(base, s, &places);
    let months = s.months() + 1;
    let want: Vec<bool> = places.iter().map(place).collect();
    let (place_cells, gap_cells) = mc_cells(&places, &want, gaps);
    let figures = place_cells.len() + gap_cells.len();
    let exact = CellQuantiles::keeps_exactly(months * figures, runs);
    let (mc, q) = if exact {
        by_inputs(&split, s, runs, seed, &want, &gap_cells)
    } else {
        by_cells(&split, s, runs, seed, &want, &gap_cells)
    };
    let fan = |c: usize| (0..months).map(|m| q[m * figures + c]).collect::<Vec<_>>();
    let place_fans = place_cells
        .iter()
        .enumerate()
        .map(|(c, &(place, figure))| PlaceFan {
            place: Some(place),
            figure,
            quantiles: fan(c),
        })
        .collect();
    let gap_fans = gap_cells
        .iter()
        .enumerate()
        .map(|(c, &figure)| PlaceFan {
            place: None,
            figure,
            quantiles: fan(place_cells.len() + c),
        })
        .collect();
    Ok(PlacesMonteCarlo {
        icb: base.code.clone(),
        exact,
        places,
        mc: mc.summary(),
        place_fans,
        gap_fans,
    })
}

/// The cells of a Monte Carlo by place: every wanted place's figures, then the gaps' (if
/// wanted), a month's side by side.
fn mc_cells(
    places: &[PlaceStart],
    want: &[bool],
    gaps: bool,
) -> (Vec<(usize, PlaceFigure)>, Vec<GapFigure>) {
    let mut place_cells: Vec<(usize, PlaceFigure)> = Vec::new();
    for (i, p) in places.iter().enumerate().filter(|&(i, _)| want[i]) {
        use PlaceFigure::*;
        let figures: &[PlaceFigure] = if p.hle.is_some() {
            &[LeMale, LeFemale, HleMale, HleFemale, Referrals, WaitingList]
        } else {
            &[LeMale, LeFemale, Referrals, WaitingList]
        };
        place_cells.extend(figures.iter().map(|&f| (i, f)));
    }
    let published = places.iter().filter(|p| p.le_published).count();
    let gap_cells: Vec<GapFigure> = GapFigure::ALL
        .into_iter()
        .filter(|_| gaps)
        .filter(|g| match g {
            GapFigure::Fifths => true,
            GapFigure::MaleSii | GapFigure::FemaleSii | GapFigure::PersonsSii => published >= 2,
            _ => published >= 1,
        })
        .collect();
    (place_cells, gap_cells)
}

/// Where a run's month keeps the ICB figures its places are worked out from: life
/// expectancy, HLE, referrals and list by fifth, then (prevention aimed at places) the
/// prevention's LE and HLE and the referrals it avoided, by fifth.
const IN_LE: usize = 0;
const IN_HLE: usize = 5;
const IN_REFERRALS: usize = 10;
const IN_LIST: usize = 15;
const IN_LE_PREVENTION: usize = 20;
const IN_HLE_PREVENTION: usize = 25;
const IN_AVOIDED: usize = 30;

/// The exact Monte Carlo by place: each run keeps its month's ICB figures by fifth (20 `f64`
/// a month, 35 aimed; `[month][run][figure]`, so a month is one write), and the places and
/// gaps are worked out and summarised a month at a time when every run is done. The
/// quantiles in cell order, `[month][cell]`.
fn by_inputs(
    split: &Split,
    s: &Scenario,
    runs: usize,
    seed: u64,
    want: &[bool],
    gap_cells: &[GapFigure],
) -> (MonteCarloRun, Vec<Quantiles>) {
    let runs = runs.max(1);
    let months = s.months() + 1;
    let width = if split.aim.is_some() { 35 } else { 20 };
    let mut kept = vec![0.0; months * runs * width];
    let mut continued = vec![0.0; runs];
    let mut mc = MonteCarloRun::new(s, runs, seed);
    mc.advance_with(split.base, runs, |i, drawn, r| {
        continued[i] = drawn.assumptions[Assumption::LifeExpectancyTrendContinued] / 100.0;
        let at = (r.month * runs + i) * width;
        let row = &mut kept[at..at + width];
        row[IN_LE..IN_LE + 5].copy_from_slice(&r.life_expectancy);
        row[IN_HLE..IN_HLE + 5].copy_from_slice(&r.healthy_life_expectancy);
        row[IN_REFERRALS..IN_REFERRALS + 5].copy_from_slice(&r.referrals);
        row[IN_LIST..IN_LIST + 5].copy_from_slice(&r.waiting_list);
        if width > IN_LE_PREVENTION {
            row[IN_LE_PREVENTION..IN_LE_PREVENTION + 5].copy_from_slice(&r.le_causes.prevention);
            row[IN_HLE_PREVENTION..IN_HLE_PREVENTION + 5].copy_from_slice(&r.hle_causes.prevention);
            row[IN_AVOIDED..IN_AVOIDED + 5].copy_from_slice(&r.referrals_avoided);
        }
    });
    let mut lanes = Lanes::new(split, runs, width, continued);
    let mut q = Vec::new();
    for (month, block) in kept.chunks_exact(runs * width).enumerate() {
        lanes.month(split, month, block, want, gap_cells, &mut q);
    }
    (mc, q)
}

/// A month of every run at once, for [`by_inputs`]: the sums of `Split::month` and
/// `Split::gaps`, written the same way and in the same order but over slices of runs (so the
/// compiler works on several runs at a time), each figure then summarised over the runs.
/// `[k][run]` is figure (or fifth) `k` of each run.
struct Lanes {
    n: usize,
    inputs: Vec<f64>,
    /// Each run's `le_trend_continued_pct` / 100.
    continued: Vec<f64>,
    /// `continued` x years since month 0, per run.
    ct: Vec<f64>,
    /// The fifths' modelled change less their own trend (`d_q` in `Split::month`), LE and HLE.
    d_le: Vec<f64>,
    d_hle: Vec<f64>,
    /// Prevention aimed at places: `over(..)` of the LE and HLE prevention and the avoided
    /// referrals (per chosen share of each fifth).
    le_aimed: Vec<f64>,
    hle_aimed: Vec<f64>,
    avoided: Vec<f64>,
    common: Vec<f64>,
    part: Vec<f64>,
    value: Vec<f64>,
    /// Every place's LE, `[place][male, female][run]`, and persons' (the mean of the two,
    /// ranked places only), `[place][run]`, for the gaps.
    le: Vec<f64>,
    persons: Vec<f64>,
    hi: Vec<f64>,
    lo: Vec<f64>,
    sxy: Vec<f64>,
    keys: Vec<u32>,
    scratch: Vec<u32>,
}

/// `out[run] = sum_q w[q] d[q][run]`, summed as `Split::month`'s `mix` sums (`d` is
/// `[q][run]`, 5 x `out.len()`).
fn mix_lanes(w: &[f64; 5], d: &[f64], out: &mut [f64]) {
    let n = out.len();
    let d: [&[f64]; 5] = std::array::from_fn(|q| &d[q * n..][..n]);
    for (run, o) in out.iter_mut().enumerate() {
        *o = (0..5).map(|q| w[q] * d[q][run]).sum::<f64>();
    }
}

impl Lanes {
    fn new(split: &Split, n: usize, width: usize, continued: Vec<f64>) -> Lanes {
        let lanes = |k: usize| vec![0.0; k * n];
        let aimed = if split.aim.is_some() { 5 } else { 0 };
        Lanes {
            n,
            inputs: lanes(width),
            continued,
            ct: lanes(1),
            d_le: lanes(5),
            d_hle: lanes(5),
            le_aimed: lanes(aimed),
            hle_aimed: lanes(aimed),
            avoided: lanes(aimed),
            common: lanes(1),
            part: lanes(1),
            value: lanes(1),
            le: lanes(2 * split.places.len()),
            persons: lanes(split.places.len()),
            hi: lanes(1),
            lo: lanes(1),
            sxy: lanes(1),
            keys: Vec::with_capacity(n),
            scratch: Vec::with_capacity(n),
        }
    }

    /// The quantiles of `value` (rounded to `f32`, as the cells keep them) onto `q`.
    fn summarise(&mut self, q: &mut Vec<Quantiles>) {
        q.push(f32_quantiles_of(
            &self.value,
            &mut self.keys,
            &mut self.scratch,
        ));
    }

    /// Every place's and gap's quantiles at `month` (`block`: each run's kept figures that
    /// month, `[run][figure]`), pushed onto `q` in cell order.
    fn month(
        &mut self,
        split: &Split,
        month: usize,
        block: &[f64],
        want: &[bool],
        gap_cells: &[GapFigure],
        q: &mut Vec<Quantiles>,
    ) {
        let (n, base) = (self.n, split.base);
        let width = self.inputs.len() / n;
        for (run, row) in block.chunks_exact(width).enumerate() {
            for (k, &v) in row.iter().enumerate() {
                self.inputs[k * n + run] = v;
            }
        }
        for (ct, &c) in self.ct.iter_mut().zip(&self.continued) {
            *ct = c * month as f64 / 12.0;
        }
        for qi in 0..5 {
            let le = &self.inputs[(IN_LE + qi) * n..][..n];
            let hle = &self.inputs[(IN_HLE + qi) * n..][..n];
            let d_le = &mut self.d_le[qi * n..][..n];
            for ((d, &v), &ct) in d_le.iter_mut().zip(le).zip(&self.ct) {
                *d = v - base.life_expectancy[qi] - ct * base.le_trend[qi];
            }
            let d_hle = &mut self.d_hle[qi * n..][..n];
            for ((d, &v), &ct) in d_hle.iter_mut().zip(hle).zip(&self.ct) {
                *d = v - base.healthy_life_expectancy[qi] - ct * base.hle_trend[qi];
            }
        }
        if let Some((reach, _)) = &split.aim {
            for qi in 0..5 {
                let over = |v: f64| {
                    if reach[qi] > 0.0 {
                        v / reach[qi]
                    } else {
                        0.0
                    }
                };
                for (to, from) in [
                    (&mut self.le_aimed, IN_LE_PREVENTION),
                    (&mut self.hle_aimed, IN_HLE_PREVENTION),
                    (&mut self.avoided, IN_AVOIDED),
                ] {
                    let from = &self.inputs[(from + qi) * n..][..n];
                    for (a, &v) in to[qi * n..][..n].iter_mut().zip(from) {
                        *a = over(v);
                    }
                }
            }
        }
        let ranked = &split.ranking.places;
        let gaps = !gap_cells.is_empty();
        for (i, p) in split.places.iter().enumerate() {
            // A place not asked for is worked out only for the gaps (its LE), if they are.
            let for_gaps = gaps && ranked.iter().any(|&(r, _, _)| r == i);
            if !want[i] && !for_gaps {
                continue;
            }
            let chosen = split.aim.as_ref().map(|(_, chosen)| chosen[i]);
            // LE, then HLE where the place publishes it.
            for hle in [false, true] {
                let (start, d, prevention, aimed, ratio) = if hle {
                    let Some(h) = p.hle.filter(|_| want[i]) else {
                        continue;
                    };
                    (
                        h,
                        &self.d_hle,
                        IN_HLE_PREVENTION,
                        &self.hle_aimed,
                        split.hle_ratio,
                    )
                } else {
                    (p.le, &self.d_le, IN_LE_PREVENTION, &self.le_aimed, 1.0)
                };
                mix_lanes(&p.share, d, &mut self.common);
                if let Some(chosen) = chosen {
                    let from = &self.inputs[prevention * n..][..5 * n];
                    mix_lanes(&p.share, from, &mut self.part);
                    self.common
                        .iter_mut()
                        .zip(&self.part)
                        .for_each(|(c, &v)| *c -= v);
                    if chosen {
                        mix_lanes(&p.share, aimed, &mut self.part);
                        self.common
                            .iter_mut()
                            .zip(&self.part)
                            .for_each(|(c, &v)| *c += v);
                    }
                }
                for (own, sex) in [(p.own_trend.male, 0), (p.own_trend.female, 1)] {
                    let start = if sex == 0 { start.male } else { start.female };
                    for ((v, &common), &ct) in self.value.iter_mut().zip(&self.common).zip(&self.ct)
                    {
                        *v = start + common + ct * ratio * own;
                    }
                    if !hle {
                        self.le[(2 * i + sex) * n..][..n].copy_from_slice(&self.value);
                    }
                    if want[i] {
                        self.summarise(q);
                    }
                }
            }
            if !want[i] {
                continue;
            }
            let of_fifth = &split.of_fifth[i];
            match chosen {
                None => {
                    // Referrals, then the list.
                    for k in [IN_REFERRALS, IN_LIST] {
                        mix_lanes(of_fifth, &self.inputs[k * n..][..5 * n], &mut self.value);
                        self.summarise(q);
                    }
                }
                Some(chosen) => {
                    for run in 0..n {
                        let at = |k: usize| self.inputs[k * n + run];
                        let (mut refs, mut list) = (0.0, 0.0);
                        for qi in 0..5 {
                            let referrals = at(IN_REFERRALS + qi);
                            let need = referrals + at(IN_AVOIDED + qi);
                            let mut mine = of_fifth[qi] * need;
                            if chosen {
                                mine -= of_fifth[qi] * self.avoided[qi * n + run];
                            }
                            refs += mine;
                            let waiting = at(IN_LIST + qi);
                            list += if referrals > 0.0 {
                                waiting * mine / referrals
                            } else {
                                of_fifth[qi] * waiting
                            };
                        }
                        (self.part[run], self.value[run]) = (refs, list);
                    }
                    std::mem::swap(&mut self.part, &mut self.value);
                    self.summarise(q);
                    std::mem::swap(&mut self.part, &mut self.value);
                    self.summarise(q);
                }
            }
        }
        // The gaps: highest minus lowest place and the slope index, as `Ranking::gap`, for
        // men, women and persons; then the fifths' gap.
        if !gaps {
            return;
        }
        let exists = !ranked.is_empty();
        for sex in 0..3 {
            if sex == 2 {
                for &(i, _, _) in ranked {
                    let (male, female) = self.le[2 * i * n..][..2 * n].split_at(n);
                    let persons = &mut self.persons[i * n..][..n];
                    for ((v, &m), &f) in persons.iter_mut().zip(male).zip(female) {
                        *v = 0.5 * (m + f);
                    }
                }
            }
            let lane = |i: usize| match sex {
                0 | 1 => &self.le[(2 * i + sex) * n..][..n],
                _ => &self.persons[i * n..][..n],
            };
            if let Some(&(first, _, _)) = ranked.first() {
                self.hi.copy_from_slice(lane(first));
                self.lo.copy_from_slice(lane(first));
                self.sxy.fill(0.0);
                for &(i, w, dx) in ranked {
                    let lanes = self.hi.iter_mut().zip(&mut self.lo).zip(&mut self.sxy);
                    // As `Ranking::gap`'s `if v > hi_v` and `if v < lo_v`, as selects (no
                    // branch: several runs at a time).
                    for (((hi, lo), sxy), &v) in lanes.zip(lane(i)) {
                        *hi = if v > *hi { v } else { *hi };
                        *lo = if v < *lo { v } else { *lo };
                        *sxy += w * dx * v;
                    }
                }
            }
            let (range, sii) = match sex {
                0 => (GapFigure::MaleRange, GapFigure::MaleSii),
                1 => (GapFigure::FemaleRange, GapFigure::FemaleSii),
                _ => (GapFigure::PersonsRange, GapFigure::PersonsSii),
            };
            if gap_cells.contains(&range) {
                for run in 0..n {
                    self.value[run] = if exists {
                        self.hi[run] - self.lo[run]
                    } else {
                        f64::NAN
                    };
                }
                self.summarise(q);
            }
            if gap_cells.contains(&sii) {
                let sxx = split.ranking.sxx;
                for run in 0..n {
                    self.value[run] = if exists && sxx > 0.0 {
                        self.sxy[run] / sxx
                    } else {
                        f64::NAN
                    };
                }
                self.summarise(q);
            }
        }
        if gap_cells.contains(&GapFigure::Fifths) {
            for run in 0..n {
                self.value[run] = self.inputs[(IN_LE + 4) * n + run] - self.inputs[IN_LE * n + run];
            }
            self.summarise(q);
        }
    }
}

/// The Monte Carlo by place beyond what is kept exactly: every run split into its places as
/// it is made (`Split::month`, `Split::gaps`) and its figures fed to t-digests. The quantiles
/// in cell order, `[month][cell]`.
fn by_cells(
    split: &Split,
    s: &Scenario,
    runs: usize,
    seed: u64,
    want: &[bool],
    gap_cells: &[GapFigure],
) -> (MonteCarloRun, Vec<Quantiles>) {
    let places = split.places;
    let months = s.months() + 1;
    let figures = want
        .iter()
        .zip(places)
        .filter(|&(&w, _)| w)
        .map(|(_, p)| if p.hle.is_some() { 6 } else { 4 })
        .sum::<usize>()
        + gap_cells.len();
    let mut store = CellQuantiles::new(months, figures, runs);
    let mut mc = MonteCarloRun::new(s, runs, seed);
    let mut scratch: Vec<PlaceMonth> = Vec::with_capacity(places.len());
    let mut row: Vec<f64> = Vec::with_capacity(figures);
    let last = months - 1;
    mc.advance_with(split.base, runs, |_, drawn, r| {
        let continued = drawn.assumptions[Assumption::LifeExpectancyTrendContinued] / 100.0;
        scratch.clear();
        split.month(continued, r, &mut scratch);
        let gaps = split.gaps(r, &scratch);
        row.clear();
        for ((p, m), _) in places.iter().zip(&scratch).zip(want).filter(|(_, &w)| w) {
            row.extend([m.le.male, m.le.female]);
            if let (Some(_), Some(h)) = (p.hle, m.hle) {
                row.extend([h.male, h.female]);
            }
            row.extend([m.referrals, m.waiting_list]);
        }
        row.extend(gap_cells.iter().map(|g| g.of(&gaps).unwrap_or(f64::NAN)));
        store.set_row(r.month, &row);
        if r.month == last {
            store.run_done();
        }
    });
    (mc, store.quantiles())
}

/// A Monte Carlo of an ICB with its places kept at one month only, run a few runs at a time
/// (the app's Places panel: each place's 80% range and the gap's at the page's month, filled
/// in between frames as the ICB's fans are). The same runs as [`places_monte_carlo`] and
/// `monte_carlo::monte_carlo` with the same scenario, runs and seed.
pub struct PlacesMonthRun {
    base: std::rc::Rc<Baseline>,
    scenario: Scenario,
    places: Vec<PlaceStart>,
    month: usize,
    mc: MonteCarloRun,
    /// Every place at `month`, one entry a run done.
    pub runs: Vec<Vec<PlaceMonth>>,
}

impl PlacesMonthRun {
    pub fn new(
        base: std::rc::Rc<Baseline>,
        s: &Scenario,
        places: &[PlaceStart],
        month: usize,
        runs: usize,
        seed: u64,
    ) -> Self {
        PlacesMonthRun {
            base,
            scenario: s.clone(),
            places: places.to_vec(),
            month: month.min(s.months()),
            mc: MonteCarloRun::new(s, runs, seed),
            runs: Vec::with_capacity(runs),
        }
    }

    /// Completes up to `n` more runs; true when every run is done.
    pub fn advance(&mut self, n: usize) -> bool {
        let PlacesMonthRun {
            base,
            scenario,
            places,
            month,
            mc,
            runs,
        } = self;
        let split = Split::new(base, scenario, places);
        let observe: Observer = &mut |_, drawn, r| {
            if r.month == *month {
                let continued = drawn.assumptions[Assumption::LifeExpectancyTrendContinued] / 100.0;
                let mut out = Vec::with_capacity(places.len());
                split.month(continued, r, &mut out);
                runs.push(out);
            }
        };
        mc.advance_with(base, n, observe);
        mc.is_finished()
    }
}

/// The nearest-rank P10 and P90 of `values` (as the fans' quantiles), `None` when empty.
pub fn range_80(values: &[f64]) -> Option<(f64, f64)> {
    (!values.is_empty()).then(|| super::monte_carlo::quantiles_of(values).range_80())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::projection::Metric;
    use crate::model::{simulate, Lever};

    fn run(code: &str, prevention: bool) -> (Baseline, Scenario, Projection) {
        let base = Baseline::for_code(code).unwrap();
        let mut s = Scenario {
            system: code.into(),
            ..Scenario::default()
        };
        if prevention {
            s.levers[Lever::PreventionSpend] = Lever::PreventionSpend.spec().max;
        }
        let p = simulate(&base, &s);
        (base, s, p)
    }

    #[test]
    fn places_start_at_the_published_2022_24_life_expectancy() {
        for code in ["QE1", "QMF", "QT6", "QSL"] {
            let (base, s, p) = run(code, false);
            let starts = place_starts(code).unwrap();
            let pp = project_places(&base, &s, &p, &starts);
            let published: Vec<&Place> = crate::data::places()
                .iter()
                .filter(|p| p.icb_code == code)
                .collect();
            assert_eq!(published.len(), pp.places.len());
            for (i, p) in published.iter().enumerate() {
                let m0 = &pp.months[0][i];
                match p.le_2022_24 {
                    Some(le) => assert_eq!(m0.le, le, "{}", p.ltla_name),
                    None => assert!(!pp.places[i].le_published),
                }
                if p.le_2022_24.is_some() {
                    assert_eq!(m0.hle, p.hle_2022_24, "{}", p.ltla_name);
                }
            }
        }
    }

    #[test]
    fn icb_figures_are_the_resident_weighted_sums_of_its_places_every_month() {
        // City of London (QMF) and the Isles of Scilly (QT6) have no published LE; QE1 has 17
        // places and split authorities; prevention moves fifths apart.
        for (code, prevention) in [("QE1", false), ("QE1", true), ("QMF", true), ("QT6", false)] {
            let (base, s, p) = run(code, prevention);
            let pp = project_places(&base, &s, &p, &place_starts(code).unwrap());
            let total: f64 = pp.places.iter().map(|p| p.residents).sum();
            for (r, ms) in p.months.iter().zip(&pp.months) {
                let mean = ms
                    .iter()
                    .zip(&pp.places)
                    .map(|(m, p)| p.residents * m.le_persons())
                    .sum::<f64>()
                    / total;
                let icb = Metric::LifeExpectancy.of(r);
                assert!(
                    (mean - icb).abs() < 1e-9,
                    "{code} month {}: {mean} vs {icb}",
                    r.month
                );
                let refs: f64 = ms.iter().map(|m| m.referrals).sum();
                let list: f64 = ms.iter().map(|m| m.waiting_list).sum();
                let (rr, rl) = (
                    r.referrals.iter().sum::<f64>(),
                    r.waiting_list.iter().sum::<f64>(),
                );
                assert!(
                    (refs - rr).abs() <= 1e-9 * rr.max(1.0),
                    "{code} referrals {refs} vs {rr}"
                );
                assert!(
                    (list - rl).abs() <= 1e-9 * rl.max(1.0),
                    "{code} list {list} vs {rl}"
                );
            }
            // The places do move: after 10 years LE has changed.
            let last = pp.months.last().unwrap();
            assert!((last[0].le.male - pp.months[0][0].le.male).abs() > 0.05);
        }
    }

    #[test]
    fn icb_healthy_life_expectancy_is_its_places_mean_where_all_publish_it() {
        // Greater Manchester: ten metropolitan boroughs, all publish HLE.
        let (base, s, p) = run("QOP", true);
        let pp = project_places(&base, &s, &p, &place_starts("QOP").unwrap());
        assert!(pp.places.iter().all(|p| p.hle.is_some()));
        let total: f64 = pp.places.iter().map(|p| p.residents).sum();
        for (r, ms) in p.months.iter().zip(&pp.months) {
            let mean = ms
                .iter()
                .zip(&pp.places)
                .map(|(m, p)| {
                    let h = m.hle.unwrap();
                    p.residents * 0.5 * (h.male + h.female)
                })
                .sum::<f64>()
                / total;
            let icb = Metric::HealthyLifeExpectancy.of(r);
            assert!(
                (mean - icb).abs() < 1e-9,
                "month {}: {mean} vs {icb}",
                r.month
            );
        }
    }

    #[test]
    fn lancashire_gap_between_places_is_blackpool_to_ribble_valley() {
        // places_README: the widest male LE range, QE1, Blackpool 73.7 to Ribble Valley 81.3.
        let (base, s, p) = run("QE1", false);
        let pp = project_places(&base, &s, &p, &place_starts("QE1").unwrap());
        let g = pp.gaps[0].men.unwrap();
        assert_eq!(pp.places[g.lowest].name, "Blackpool");
        assert_eq!(pp.places[g.highest].name, "Ribble Valley");
        assert!((g.range - 7.6).abs() < 1e-9, "{}", g.range);
        // Less deprived places live longer: a positive slope, smaller than the range.
        let sii = g.sii.unwrap();
        assert!(sii > 2.0 && sii < 12.0, "{sii}");
        let pts: Vec<(f64, f64)> = pp.places.iter().map(|p| (p.residents, p.le.male)).collect();
        let dep: Vec<f64> = pp.places.iter().map(|p| p.imd_score).collect();
        assert!((slope_index(&pts, &dep).unwrap() - sii).abs() < 1e-9);
        // One place, no slope (Somerset).
        let (base, s, p) = run("QSL", false);
        let pp = project_places(&base, &s, &p, &place_starts("QSL").unwrap());
        assert_eq!(pp.gaps[0].men.unwrap().sii, None);
        assert_eq!(pp.gaps[0].men.unwrap().range, 0.0);
    }

    #[test]
    fn slope_index_of_a_straight_line_is_its_slope() {
        // Three equal areas, most deprived (score 30) first: ranks 1/6, 1/2, 5/6; values on
        // 70 + 6 x rank give a slope of 6 whatever the input order.
        let pts = [(1.0, 75.0), (1.0, 71.0), (1.0, 73.0)];
        let dep = [10.0, 30.0, 20.0];
        assert!((slope_index(&pts, &dep).unwrap() - 6.0).abs() < 1e-9);
        // Weights matter: a big middle area pulls the midpoints.
        let pts = [(1.0, 70.0), (2.0, 72.0), (1.0, 74.0)];
        let dep = [3.0, 2.0, 1.0];
        // Ranks 1/8, 1/2, 7/8: slope = 4 / 0.75.
        assert!((slope_index(&pts, &dep).unwrap() - 4.0 / 0.75).abs() < 1e-9);
        assert_eq!(slope_index(&[(1.0, 70.0)], &[1.0]), None);
    }

    #[test]
    fn a_place_outside_the_icb_is_refused_by_name() {
        assert_eq!(check_place("QE1", "e06000009"), Ok(()));
        let e = check_place("QMF", "E06000009").unwrap_err();
        assert_eq!(e, "place E06000009 (Blackpool) is not in QMF: it is in QE1");
        // A split authority names every ICB it is in.
        let e = check_place("QOX", "E06000060").unwrap_err();
        assert!(
            e.contains("Buckinghamshire") && e.contains("QHG, QU9"),
            "{e}"
        );
        assert!(check_place("QE1", "nowhere")
            .unwrap_err()
            .starts_with("unknown place"));
    }

    #[test]
    fn monte_carlo_by_place_keeps_the_icb_fans_and_starts_every_run_at_the_published_figures() {
        let base = Baseline::for_code("QNQ").unwrap();
        let s = Scenario {
            system: "QNQ".into(),
            years: 1,
            ..Scenario::default()
        };
        let pmc = places_monte_carlo(&base, &s, 25, 3).unwrap();
        assert_eq!(
            pmc.mc,
            super::super::monte_carlo::monte_carlo(&base, &s, 25, 3)
        );
        assert!(pmc.exact);
        let starts = place_starts("QNQ").unwrap();
        for fan in pmc
            .place_fans
            .iter()
            .filter(|f| f.figure == PlaceFigure::LeMale)
        {
            let q0 = fan.quantiles[0];
            let le = starts[fan.place.unwrap()].le.male;
            assert!((q0.p5 - le).abs() < 1e-4 && (q0.p95 - le).abs() < 1e-4);
            let q = fan.quantiles[12];
            assert!(q.p5 <= q.p50 && q.p50 <= q.p95 && q.p5 < q.p95, "{q:?}");
        }
        assert_eq!(pmc.gap_fans.len(), GapFigure::ALL.len());
    }

    #[test]
    fn places_worked_out_at_summary_time_equal_each_run_split_as_it_is_made() {
        // `by_inputs` (the exact path) repeats `Split::month` and `Split::gaps` over every
        // run at once: its quantiles must equal, to the bit, those of each run split as it is
        // made (`by_cells`, through `CellQuantiles`). Aimed and unaimed prevention, places
        // without published LE (City of London, the Isles of Scilly), one place (Somerset),
        // HLE everywhere (Greater Manchester).
        for (code, aim) in [
            ("QE1", false),
            ("QE1", true),
            ("QMF", true),
            ("QT6", false),
            ("QSL", false),
            ("QOP", true),
        ] {
            let base = Baseline::for_code(code).unwrap();
            let places = place_starts(code).unwrap();
            let mut s = Scenario {
                system: code.into(),
                years: 2,
                ..Scenario::default()
            };
            if aim {
                s.levers[Lever::PreventionSpend] = Lever::PreventionSpend.spec().max;
                s.places.prevention = vec![
                    places[0].code.clone(),
                    places[places.len() / 2].code.clone(),
                ];
            }
            let split = Split::new(&base, &s, &places);
            assert_eq!(split.aim.is_some(), aim, "{code}");
            let want = vec![true; places.len()];
            let (place_cells, gap_cells) = mc_cells(&places, &want, true);
            let figures = place_cells.len() + gap_cells.len();
            let (mc_a, a) = by_inputs(&split, &s, 31, 4, &want, &gap_cells);
            let (mc_b, b) = by_cells(&split, &s, 31, 4, &want, &gap_cells);
            assert_eq!(a.len(), figures * (s.months() + 1), "{code}");
            assert!(a.iter().all(|q| q.to_array().iter().all(|v| v.is_finite())));
            assert_eq!(a, b, "{code} aimed {aim}");
            assert_eq!(mc_a.summary(), mc_b.summary());
        }
    }

    #[test]
    fn a_monte_carlo_of_some_places_or_of_the_gaps_gives_the_same_figures_as_of_all() {
        let (base, mut s, _) = run("QE1", false);
        s.years = 2;
        let all = places_monte_carlo(&base, &s, 30, 9).unwrap();
        let blackpool = |p: &PlaceStart| p.code == "E06000009";
        let one = places_monte_carlo_of(&base, &s, 30, 9, blackpool, false).unwrap();
        let expected: Vec<_> = all
            .place_fans
            .iter()
            .filter(|f| blackpool(&all.places[f.place.unwrap()]))
            .cloned()
            .collect();
        assert_eq!(
            expected.len(),
            6,
            "LE, HLE, referrals and list, men and women"
        );
        assert_eq!(one.place_fans, expected);
        assert!(one.gap_fans.is_empty());
        let gaps = places_monte_carlo_of(&base, &s, 30, 9, |_| false, true).unwrap();
        assert!(gaps.place_fans.is_empty());
        assert_eq!(gaps.gap_fans, all.gap_fans);
        assert_eq!((&one.mc, &gaps.mc), (&all.mc, &all.mc));
        // Each run split as it is made (the t-digests' path) leaves out the same figures.
        let places = place_starts("QE1").unwrap();
        let split = Split::new(&base, &s, &places);
        let want: Vec<bool> = places.iter().map(blackpool).collect();
        let (_, gap_cells) = mc_cells(&places, &want, true);
        assert_eq!(
            by_inputs(&split, &s, 30, 9, &want, &gap_cells).1,
            by_cells(&split, &s, 30, 9, &want, &gap_cells).1
        );
    }

    #[test]
    fn a_month_run_gives_the_same_80_percent_ranges_as_the_monte_carlo_by_place() {
        let (base, mut s, _) = run("QNQ", false);
        s.years = 5;
        let places = place_starts("QNQ").unwrap();
        let pmc = places_monte_carlo(&base, &s, 40, 7).unwrap();
        let mut job = PlacesMonthRun::new(std::rc::Rc::new(base.clone()), &s, &places, 48, 40, 7);
        let mut chunks = 0;
        while !job.advance(15) {
            chunks += 1;
        }
        assert_eq!((chunks, job.runs.len()), (2, 40));
        for fan in pmc
            .place_fans
            .iter()
            .filter(|f| f.figure == PlaceFigure::LeMale)
        {
            let i = fan.place.unwrap();
            let v: Vec<f64> = job.runs.iter().map(|r| r[i].le.male).collect();
            let (lo, hi) = range_80(&v).unwrap();
            let q = fan.quantiles[48];
            assert!(
                (lo - q.p10).abs() < 1e-4 && (hi - q.p90).abs() < 1e-4,
                "{}",
                places[i].name
            );
            assert!(hi - lo > 0.01, "{}: a range, not a point", places[i].name);
        }
    }

    #[test]
    fn thirteen_split_authorities_say_which_part_of_them_each_icb_holds() {
        let mut split = std::collections::BTreeMap::<String, f64>::new();
        for icb in crate::data::icbs() {
            for p in place_starts(&icb.code).unwrap() {
                match p.part() {
                    Some(_) => *split.entry(p.code.clone()).or_default() += p.of_authority,
                    None => {
                        assert_eq!((p.of_authority, p.split_with.len()), (1.0, 0), "{}", p.name)
                    }
                }
            }
        }
        assert_eq!(split.len(), 13, "{split:?}");
        for (code, share) in &split {
            assert!((share - 1.0).abs() < 1e-9, "{code}: {share}");
        }
        // places_README: Hart QNQ 0.750 / QRL 0.250; Cumberland QHM 0.969 / QE1 0.031.
        let find = |icb: &str, name: &str| {
            place_starts(icb)
                .unwrap()
                .into_iter()
                .find(|p| p.name == name)
                .unwrap()
        };
        let hart = find("QNQ", "Hart");
        assert_eq!(hart.part().unwrap(), "part: 75% of its residents");
        assert_eq!(hart.split_with, ["QRL"]);
        assert_eq!(
            find("QE1", "Cumberland").part().unwrap(),
            "part: 3.1% of its residents"
        );
        assert_eq!(find("QNQ", "Slough").part(), None);
    }

    #[test]
    fn unknown_or_england_code_has_no_places() {
        assert!(place_starts("england").is_err());
        assert!(place_starts("XYZ").is_err());
    }
}
