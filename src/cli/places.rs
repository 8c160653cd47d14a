//! Places and systems side by side: `ics-whatif places --ics CODE` (a system's places), and
//! `ics-whatif run --ics all` / `--by place|gaps` (every ICB, threads on native builds only:
//! rayon is a native-only dependency and this module is the CLI's).

use super::args::Flags;
use super::format::{csv_field, fixed, Rounded};
use super::run::{system, Rows, System};
use super::{output_format, Done};
use crate::data::{systems, BySex};
use crate::model::monte_carlo::Quantiles;
use crate::model::places::{
    place_starts, places_max_runs, places_monte_carlo_of, project_places, PlaceFigure, PlaceGap,
    PlaceStart, PlacesProjection,
};
use crate::model::{simulate, Baseline, Projection};
use crate::scenario::{export, shown, ScenarioFile};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Directly commissioned care: the RTT pathways NHS England commissioned itself in March 2025,
/// outside the 42 ICBs (data/README.md: "from May 2023 the 42 ICBs add up to about 98% of
/// England ... 145,181 pathways in March 2025").
pub const DIRECTLY_COMMISSIONED_PATHWAYS_MAR_2025: f64 = 145_181.0;

/// How `run` lays out its rows: `--by quintile` (default), `place` or `gaps`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum By {
    Quintile,
    Place,
    Gaps,
}

pub fn by(flags: &Flags) -> Result<By, String> {
    match flags.one("--by").map(|b| b.trim().to_ascii_lowercase()) {
        None => Ok(By::Quintile),
        Some(b) if b == "quintile" => Ok(By::Quintile),
        Some(b) if b == "place" => Ok(By::Place),
        Some(b) if b == "gaps" => Ok(By::Gaps),
        Some(_) => Err(format!(
            "--by must be quintile, place or gaps, got '{}'",
            shown(flags.one("--by").unwrap_or_default())
        )),
    }
}

/// Whether `--ics all` was given.
pub fn all_systems(flags: &Flags) -> bool {
    flags
        .one("--ics")
        .is_some_and(|c| c.trim().eq_ignore_ascii_case("all"))
}

/// One system's run, with its places when asked for.
struct SystemRun {
    base: Baseline,
    projection: Projection,
    places: Option<PlacesProjection>,
}

fn run_one(base: Baseline, echo: &ScenarioFile, with_places: bool) -> Result<SystemRun, String> {
    let mut s = echo.scenario.clone();
    s.system = base.code.clone();
    let projection = simulate(&base, &s);
    let places = if with_places {
        let starts = place_starts(&base.code)?;
        Some(project_places(&base, &s, &projection, &starts))
    } else {
        None
    };
    Ok(SystemRun {
        base,
        projection,
        places,
    })
}

/// `f` for each of the 42 ICBs, in `systems()` order: on threads (rayon) natively; one
/// after another in a wasm build (the CLI module compiles there too, without rayon).
#[cfg(not(target_arch = "wasm32"))]
fn each_icb<T: Send>(f: impl Fn(&crate::data::System) -> T + Sync + Send) -> Vec<T> {
    use rayon::prelude::*;
    systems()[1..].par_iter().map(f).collect()
}

#[cfg(target_arch = "wasm32")]
fn each_icb<T>(f: impl Fn(&crate::data::System) -> T) -> Vec<T> {
    systems()[1..].iter().map(f).collect()
}

/// `run` with `--ics all` and/or `--by place|gaps`: deterministic runs only.
pub fn run_systems(
    echo: &ScenarioFile,
    all: bool,
    by: By,
    only: &[String],
    format: &str,
    mut notes: Vec<String>,
) -> Result<Done, String> {
    let with_places = by != By::Quintile;
    if !only.is_empty() && (by != By::Place || all) {
        return Err("--place needs --by place and one ICB (--ics CODE)".into());
    }
    let runs: Vec<SystemRun> = if all {
        each_icb(|sys| run_one(Baseline::for_system(sys), echo, with_places))
            .into_iter()
            .collect::<Result<_, _>>()?
    } else {
        let code = &echo.scenario.system;
        if code == crate::data::ENGLAND && with_places {
            return Err(
                "England has no places of its own here: give an ICB code (--ics QE1) or --ics all with --by place or gaps"
                    .into(),
            );
        }
        for place in only {
            crate::model::places::check_place(code, place)?;
        }
        vec![run_one(Baseline::for_code(code)?, echo, with_places)?]
    };
    if all {
        notes.extend(england_check(echo, &runs));
    }
    if by == By::Gaps {
        notes.extend(runs.iter().filter_map(split_end_note));
    }
    let text = match (by, format) {
        (By::Quintile, "csv") => {
            let mut out = String::new();
            for (i, r) in runs.iter().enumerate() {
                let csv = export::projection_csv(&r.projection);
                for (j, line) in csv.lines().enumerate() {
                    if j == 0 {
                        if i == 0 {
                            out.push_str(&format!("ics,{line}\n"));
                        }
                    } else {
                        out.push_str(&format!("{},{line}\n", csv_field(&r.base.code)));
                    }
                }
            }
            out
        }
        (By::Quintile, _) => super::run::json(&AllJson {
            scenario: echo,
            systems: runs
                .iter()
                .map(|r| SystemJson {
                    system: system(&r.base),
                    months: Rows(&r.projection.months),
                })
                .collect(),
        }),
        (By::Place, f) => table(PLACE_COLUMNS, place_rows(&runs, only), f, echo),
        (By::Gaps, f) => table(GAP_COLUMNS, gap_rows(&runs), f, echo),
    };
    // Every CSV says what it shows (issue 14.6, sixth session): `super::describe`.
    let text = match (format, runs.first()) {
        ("csv", Some(first)) => {
            let area = if all {
                format!("every ICB ({}), one after another", runs.len())
            } else {
                super::describe::area_name(&first.base)
            };
            super::describe::csv_header(&super::describe::info(&area, echo, None, None)) + &text
        }
        _ => text,
    };
    Ok(Done {
        text,
        notes,
        ..Done::default()
    })
}

/// `run --runs N` (N above 1) with `--by place|gaps` for one ICB (issue 13.6): each run is
/// split into places and the rows give the quantiles over the runs, per place (or gap
/// figure) and month, one row per figure, with the Monte Carlo CSV's quantile columns.
#[allow(clippy::too_many_arguments)]
pub fn run_places_monte_carlo(
    echo: &ScenarioFile,
    all: bool,
    by: By,
    only: &[String],
    format: &str,
    runs: usize,
    seed: u64,
    mut notes: Vec<String>,
) -> Result<Done, String> {
    if all {
        return Err(format!(
            "--runs above 1 cannot be combined with --ics all: that would be 42 Monte Carlos of \
             {runs} runs each, not built; run one ICB at a time (--ics CODE --runs {runs} --by place|gaps)"
        ));
    }
    if by == By::Quintile {
        return Err("--place needs --by place and one ICB (--ics CODE)".into());
    }
    if !only.is_empty() && by != By::Place {
        return Err("--place needs --by place and one ICB (--ics CODE)".into());
    }
    let s = &echo.scenario;
    if s.system == crate::data::ENGLAND {
        return Err(
            "England has no places of its own here: give an ICB code (--ics QE1) with --by place or gaps"
                .into(),
        );
    }
    for place in only {
        crate::model::places::check_place(&s.system, place)?;
    }
    let most = places_max_runs(&place_starts(&s.system)?, s.months() + 1);
    if runs > most {
        return Err(format!(
            "--runs {runs} with --by place|gaps for {} over {} years is more than the {most} runs \
             whose figures fit in memory (256 MiB, for exact quantiles): use fewer runs or years",
            s.system, s.years
        ));
    }
    let base = Baseline::for_code(&s.system)?;
    for t in crate::model::monte_carlo::truncation_notes(&s.assumptions) {
        notes.push(format!("note: {}", t.describe(t.key)));
    }
    // Only what is printed: the places asked for (`--by place`), or the gaps (`--by gaps`).
    let pmc = match by {
        By::Place => places_monte_carlo_of(&base, s, runs, seed, |p| wanted(only, p), false)?,
        _ => places_monte_carlo_of(&base, s, runs, seed, |_| false, true)?,
    };
    if !pmc.exact || !pmc.mc.exact {
        notes.push(super::run::digest_note(runs, s.years));
    }
    let quantile_cells =
        |q: &Quantiles, dp: usize| super::run::CSV_QUANTILES.map(|(_, of)| Cell::Num(of(q), dp));
    let months = s.months() + 1;
    let mut rows = Vec::new();
    match by {
        By::Place => {
            let wanted = |p: &PlaceStart| wanted(only, p);
            // Months first within a place's block, as the deterministic rows are ordered by
            // month: month, then place, then figure.
            for m in 0..months {
                for fan in &pmc.place_fans {
                    let p = &pmc.places[fan.place.expect("a place's fan")];
                    if !wanted(p) {
                        continue;
                    }
                    let dp = match fan.figure {
                        PlaceFigure::Referrals | PlaceFigure::WaitingList => 1,
                        _ => 4,
                    };
                    let mut row = place_month_cells(&pmc.icb, p, m);
                    row.push(Cell::Text(fan.figure.key().into()));
                    row.extend(quantile_cells(&fan.quantiles[m], dp));
                    rows.push(row);
                }
            }
            Ok(Done {
                text: table(PLACE_MC_COLUMNS, rows, format, echo),
                notes,
                ..Done::default()
            })
        }
        _ => {
            for m in 0..months {
                for fan in &pmc.gap_fans {
                    let mut row = vec![
                        Cell::Text(pmc.icb.clone()),
                        Cell::Num(m as f64, 0),
                        Cell::Text(period(m)),
                        Cell::Num(pmc.places.len() as f64, 0),
                        Cell::Text(fan.figure.key().into()),
                    ];
                    row.extend(quantile_cells(&fan.quantiles[m], 4));
                    rows.push(row);
                }
            }
            Ok(Done {
                text: table(GAP_MC_COLUMNS, rows, format, echo),
                notes,
                ..Done::default()
            })
        }
    }
}

/// The columns of `run --runs N --by place`: a row per month, place and figure.
const PLACE_MC_COLUMNS: Header = &[
    "ics",
    "place_code",
    "place_name",
    "month",
    "period",
    "residents",
    "figure",
    "p5",
    "p25",
    "p50",
    "p75",
    "p95",
    "p10",
    "p90",
];

/// The columns of `run --runs N --by gaps`: a row per month and gap figure.
const GAP_MC_COLUMNS: Header = &[
    "ics", "month", "period", "places", "figure", "p5", "p25", "p50", "p75", "p95", "p10", "p90",
];

#[derive(serde::Serialize)]
struct AllJson<'a> {
    scenario: &'a ScenarioFile,
    systems: Vec<SystemJson<'a>>,
}

#[derive(serde::Serialize)]
struct SystemJson<'a> {
    system: System<'a>,
    months: Rows<'a>,
}

/// The 42 ICBs' waiting list and referrals against England's own run, at month 0 and the
/// horizon: they should fall short by about the care NHS England commissions directly.
fn england_check(echo: &ScenarioFile, runs: &[SystemRun]) -> Vec<String> {
    let mut s = echo.scenario.clone();
    s.system = crate::data::ENGLAND.into();
    let england = simulate(&Baseline::england(), &s);
    let last = england.months.len() - 1;
    let sum = |m: usize, f: fn(&crate::model::MonthRecord) -> f64| {
        runs.iter().map(|r| f(&r.projection.months[m])).sum::<f64>()
    };
    let list = |r: &crate::model::MonthRecord| r.waiting_list.iter().sum::<f64>();
    let refs = |r: &crate::model::MonthRecord| r.referrals.iter().sum::<f64>();
    let mut notes = Vec::new();
    for (what, f, months) in [
        ("waiting list", list as fn(&_) -> f64, [0, last]),
        ("referrals a month", refs, [1.min(last), last]),
    ] {
        for m in months {
            let (icbs, eng) = (sum(m, f), f(&england.months[m]));
            notes.push(format!(
                "note: month {m} {what}: the 42 ICBs sum to {icbs:.0}, England's run {eng:.0} ({:.1}% of England; NHS England commissions about 2% directly: {} pathways in March 2025)",
                100.0 * icbs / eng,
                DIRECTLY_COMMISSIONED_PATHWAYS_MAR_2025
            ));
        }
    }
    notes
}

/// A cell of a place or gap row.
enum Cell {
    Text(String),
    Num(f64, usize),
    Blank,
}

type Header = &'static [&'static str];

const PLACE_COLUMNS: Header = &[
    "ics",
    "place_code",
    "place_name",
    "month",
    "period",
    "residents",
    "le_male",
    "le_female",
    "le_persons",
    "le_estimated",
    "hle_male",
    "hle_female",
    "referrals_estimate",
    "waiting_list_estimate",
];

fn period(month: usize) -> String {
    crate::data::rtt::start_period().plus(month).to_string()
}

/// Whether a place is asked for: every place when `only` is empty, else those whose codes it
/// names (any case).
fn wanted(only: &[String], p: &PlaceStart) -> bool {
    only.is_empty() || only.iter().any(|c| c.trim().eq_ignore_ascii_case(&p.code))
}

/// The cells that open a place's row for `month`: ICB, place code and name, month, period,
/// residents.
fn place_month_cells(icb: &str, p: &PlaceStart, month: usize) -> Vec<Cell> {
    vec![
        Cell::Text(icb.to_string()),
        Cell::Text(p.code.clone()),
        Cell::Text(p.name.clone()),
        Cell::Num(month as f64, 0),
        Cell::Text(period(month)),
        Cell::Num(p.residents, 0),
    ]
}

/// Rows of every place, or only of the places in `only` (codes, any case) when it has any.
fn place_rows(runs: &[SystemRun], only: &[String]) -> Vec<Vec<Cell>> {
    let wanted = |p: &PlaceStart| wanted(only, p);
    let mut rows = Vec::new();
    for r in runs {
        let Some(pp) = &r.places else { continue };
        for (m, months) in pp.months.iter().enumerate() {
            for (p, pm) in pp.places.iter().zip(months).filter(|(p, _)| wanted(p)) {
                let hle =
                    |f: fn(&BySex) -> f64| pm.hle.map_or(Cell::Blank, |h| Cell::Num(f(&h), 4));
                let mut row = place_month_cells(&pp.icb, p, m);
                row.extend([
                    Cell::Num(pm.le.male, 4),
                    Cell::Num(pm.le.female, 4),
                    Cell::Num(pm.le_persons(), 4),
                    Cell::Text((!p.le_published).to_string()),
                    hle(|b| b.male),
                    hle(|b| b.female),
                    Cell::Num(pm.referrals, 1),
                    Cell::Num(pm.waiting_list, 1),
                ]);
                rows.push(row);
            }
        }
    }
    rows
}

/// The columns of `run --by gaps`. `places` counts every place of the ICB; `whole_places`
/// those wholly inside it and `parts` the parts of authorities split between ICBs (13 in
/// England), so `places` = `whole_places` + `parts`. A part at an end of a gap is named as the
/// Places headline names it: "Westmorland and Furness (part: 24% of its residents)".
const GAP_COLUMNS: Header = &[
    "ics",
    "month",
    "period",
    "places",
    "whole_places",
    "parts",
    "le_male_highest",
    "le_male_lowest",
    "le_male_range",
    "le_male_sii",
    "le_female_highest",
    "le_female_lowest",
    "le_female_range",
    "le_female_sii",
    "le_persons_range",
    "le_persons_sii",
    "le_fifths_gap",
];

fn gap_rows(runs: &[SystemRun]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for r in runs {
        let Some(pp) = &r.places else { continue };
        let parts = pp.places.iter().filter(|p| p.part().is_some()).count();
        for (m, g) in pp.gaps.iter().enumerate() {
            // A part of an authority split between ICBs is named as one, as the app's Places
            // headline names it (its life expectancy is the whole authority's).
            let name =
                |i: Option<usize>| i.map_or(Cell::Blank, |i| Cell::Text(pp.places[i].named()));
            let nums = |g: Option<PlaceGap>| {
                [
                    g.map_or(Cell::Blank, |g| Cell::Num(g.range, 4)),
                    g.and_then(|g| g.sii)
                        .map_or(Cell::Blank, |v| Cell::Num(v, 4)),
                ]
            };
            let mut row = vec![
                Cell::Text(pp.icb.clone()),
                Cell::Num(m as f64, 0),
                Cell::Text(period(m)),
                Cell::Num(pp.places.len() as f64, 0),
                Cell::Num((pp.places.len() - parts) as f64, 0),
                Cell::Num(parts as f64, 0),
            ];
            for sex in [g.men, g.women] {
                row.push(name(sex.map(|g| g.highest)));
                row.push(name(sex.map(|g| g.lowest)));
                row.extend(nums(sex));
            }
            row.extend(nums(g.persons));
            row.push(Cell::Num(g.fifths, 4));
            rows.push(row);
        }
    }
    rows
}

/// The Places panel's rule for a split authority at an end of the gap, said on standard
/// error: when an end, in any month, is a part most of whose authority's residents live in
/// other ICBs, its figure is the whole authority's, so the note gives the last month's gap
/// among the places with most of their residents in this ICB, as the panel does. `None`
/// when no end is such a part.
fn split_end_note(r: &SystemRun) -> Option<String> {
    let pp = r.places.as_ref()?;
    let minority = |i: usize| pp.places[i].of_authority < 0.5;
    let mut ends: Vec<usize> = Vec::new();
    let mut months: Vec<usize> = Vec::new();
    for (m, g) in pp.gaps.iter().enumerate() {
        for gap in [g.men, g.women].into_iter().flatten() {
            for i in [gap.lowest, gap.highest] {
                if minority(i) {
                    if !ends.contains(&i) {
                        ends.push(i);
                    }
                    if months.last() != Some(&m) {
                        months.push(m);
                    }
                }
            }
        }
    }
    let (first, last_end) = (*months.first()?, *months.last()?);
    let last = pp.months.len() - 1;
    let mostly: Vec<usize> = (0..pp.places.len())
        .filter(|&i| pp.places[i].le_published && !minority(i))
        .collect();
    let among = |sex: &str, value: fn(&BySex) -> f64| -> String {
        let v = |i: usize| value(&pp.months[last][i].le);
        let lo = mostly
            .iter()
            .copied()
            .min_by(|&a, &b| v(a).total_cmp(&v(b)));
        let hi = mostly
            .iter()
            .copied()
            .max_by(|&a, &b| v(a).total_cmp(&v(b)));
        match (lo, hi) {
            (Some(lo), Some(hi)) if lo != hi => format!(
                "{sex} {} {:.1} to {} {:.1}, {:.1} years",
                pp.places[lo].name,
                v(lo),
                pp.places[hi].name,
                v(hi),
                v(hi) - v(lo)
            ),
            _ => format!("{sex}: fewer than two places"),
        }
    };
    let named: Vec<String> = ends.iter().map(|&i| pp.places[i].named()).collect();
    Some(format!(
        "note: {}: {} is at an end of the gap between places in {} of {} months ({} to {}): its life expectancy is the whole authority's (none is published for the part). Among places with most of their residents in this ICB, month {last} ({}): {}; {}. The slope index (le_*_sii) weights each place by its residents in this ICB, so a part counts only for them.",
        pp.icb,
        named.join(" and "),
        months.len(),
        pp.gaps.len(),
        period(first),
        period(last_end),
        period(last),
        among("men", |l| l.male),
        among("women", |l| l.female),
    ))
}

fn cell_text(c: &Cell) -> String {
    match c {
        Cell::Text(t) => csv_field(t),
        Cell::Num(v, dp) => fixed(*v, *dp),
        Cell::Blank => String::new(),
    }
}

/// Rows as CSV, or as JSON (the scenario and a list of objects with the CSV's keys).
fn table(header: Header, rows: Vec<Vec<Cell>>, format: &str, echo: &ScenarioFile) -> String {
    if format == "csv" {
        let mut out = header.join(",");
        out.push('\n');
        for row in &rows {
            out.push_str(&row.iter().map(cell_text).collect::<Vec<_>>().join(","));
            out.push('\n');
        }
        out
    } else {
        #[derive(serde::Serialize)]
        struct Json<'a> {
            scenario: &'a ScenarioFile,
            rows: Vec<JsonRow<'a>>,
        }
        super::run::json(&Json {
            scenario: echo,
            rows: rows.iter().map(|r| JsonRow(header, r)).collect(),
        })
    }
}

struct JsonRow<'a>(Header, &'a [Cell]);

impl Serialize for JsonRow<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, cell) in self.0.iter().zip(self.1) {
            match cell {
                Cell::Text(t) if *key == "le_estimated" => {
                    map.serialize_entry(key, &(t == "true"))?
                }
                Cell::Text(t) => map.serialize_entry(key, t)?,
                Cell::Num(v, dp) => map.serialize_entry(key, &Rounded(*v, *dp))?,
                Cell::Blank => map.serialize_entry(key, &None::<f64>)?,
            }
        }
        map.end()
    }
}

/// `ics-whatif places --ics CODE [--format text|csv|json]`: a system's places with residents,
/// deprivation mix, life expectancy (2022-24 and 2015-17) and HLE.
pub fn places(flags: &Flags) -> Result<Done, String> {
    let format = output_format(flags, &["text", "csv", "json"])?;
    let code = flags
        .one("--ics")
        .ok_or("places needs --ics CODE, an ICB code such as QE1 (see `ics-whatif systems`)")?;
    let code = crate::scenario::resolve_ics(code)?;
    if code == crate::data::ENGLAND {
        return Err("England has no places of its own here: give an ICB code such as QE1".into());
    }
    let places = place_starts(&code)?;
    let name = &crate::data::find(&code)?.name;
    let text = match format {
        "text" => places_text(&code, name, &places),
        "csv" => {
            let mut out = String::from(
                "ics,place_code,place_name,residents,imd_score,q1_share,q2_share,q3_share,q4_share,q5_share,le_male_2022_24,le_female_2022_24,le_male_2015_17,le_female_2015_17,le_estimated,hle_male_2022_24,hle_female_2022_24,share_of_authority_in_icb\n",
            );
            for p in &places {
                let opt = |v: Option<f64>| v.map_or(String::new(), |v| fixed(v, 1));
                let mut row = vec![
                    csv_field(&code),
                    csv_field(&p.code),
                    csv_field(&p.name),
                    fixed(p.residents, 0),
                    fixed(p.imd_score, 3),
                ];
                row.extend(p.share.iter().map(|s| fixed(*s, 4)));
                row.extend([
                    fixed(p.le.male, 1),
                    fixed(p.le.female, 1),
                    opt(p.le_2015_17.map(|l| l.male)),
                    opt(p.le_2015_17.map(|l| l.female)),
                    (!p.le_published).to_string(),
                    opt(p.hle.map(|h| h.male)),
                    opt(p.hle.map(|h| h.female)),
                    fixed(p.of_authority, 4),
                ]);
                out.push_str(&row.join(","));
                out.push('\n');
            }
            out
        }
        _ => super::run::json(&PlacesJson {
            ics: &code,
            name,
            places: places.iter().map(PlaceJson::of).collect(),
        }),
    };
    Ok(Done {
        text,
        ..Done::default()
    })
}

#[derive(serde::Serialize)]
struct PlacesJson<'a> {
    ics: &'a str,
    name: &'a str,
    places: Vec<PlaceJson<'a>>,
}

#[derive(serde::Serialize)]
struct PlaceJson<'a> {
    code: &'a str,
    name: &'a str,
    residents: f64,
    imd_score: f64,
    /// Shares of residents in national IMD 2025 fifths, most deprived first.
    deprivation_shares: [f64; 5],
    le_male_2022_24: Rounded,
    le_female_2022_24: Rounded,
    le_male_2015_17: Option<f64>,
    le_female_2015_17: Option<f64>,
    le_estimated: bool,
    hle_male_2022_24: Option<f64>,
    hle_female_2022_24: Option<f64>,
    /// The share of the whole authority's residents living in this ICB (1: not split).
    share_of_authority_in_icb: f64,
}

impl<'a> PlaceJson<'a> {
    fn of(p: &'a PlaceStart) -> Self {
        PlaceJson {
            code: &p.code,
            name: &p.name,
            residents: p.residents,
            imd_score: p.imd_score,
            deprivation_shares: p.share.map(|s| super::format::rounded(s, 4)),
            le_male_2022_24: Rounded(p.le.male, 2),
            le_female_2022_24: Rounded(p.le.female, 2),
            le_male_2015_17: p.le_2015_17.map(|l| l.male),
            le_female_2015_17: p.le_2015_17.map(|l| l.female),
            le_estimated: !p.le_published,
            hle_male_2022_24: p.hle.map(|h| h.male),
            hle_female_2022_24: p.hle.map(|h| h.female),
            share_of_authority_in_icb: super::format::rounded(p.of_authority, 4),
        }
    }
}

fn places_text(code: &str, name: &str, places: &[PlaceStart]) -> String {
    let name_w = places
        .iter()
        .map(|p| p.name.chars().count() + usize::from(p.part().is_some()))
        .max()
        .unwrap_or(0)
        .max(5);
    let residents: f64 = places.iter().map(|p| p.residents).sum();
    let mut out = format!(
        "{code} {name}: {} places, {residents:.0} residents (Census 2021)\n\
         Deprivation: % of residents in each national IMD 2025 fifth (Q1 most deprived).\n\
         Life expectancy at birth 2022-24 (OHID); HLE where ONS publish it (single-tier authorities).\n\n",
        places.len()
    );
    out.push_str(&format!(
        "{:<9}  {:<name_w$}  {:>9}  {:>4} {:>4} {:>4} {:>4} {:>4}  {:>5}  {:>5}   {:>6} {:>6}\n",
        "CODE",
        "PLACE",
        "RESIDENTS",
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        "Q5",
        "LE M",
        "LE F",
        "HLE M",
        "HLE F"
    ));
    for p in places {
        let star = if p.le_published { " " } else { "*" };
        let named = if p.part().is_some() {
            format!("{}+", p.name)
        } else {
            p.name.clone()
        };
        let hle = |v: Option<f64>| v.map_or("-".to_string(), |v| format!("{v:.1}"));
        out.push_str(&format!(
            "{:<9}  {:<name_w$}  {:>9.0}  {:>4.0} {:>4.0} {:>4.0} {:>4.0} {:>4.0}  {:>5.1}{star} {:>5.1}{star}  {:>6} {:>6}\n",
            p.code,
            named,
            p.residents,
            100.0 * p.share[0],
            100.0 * p.share[1],
            100.0 * p.share[2],
            100.0 * p.share[3],
            100.0 * p.share[4],
            p.le.male,
            p.le.female,
            hle(p.hle.map(|h| h.male)),
            hle(p.hle.map(|h| h.female)),
        ));
    }
    // Authorities split between ICBs (13 in England): say which part is here (places_README).
    for p in places {
        if let Some(part) = p.part() {
            out.push_str(&format!(
                "+ {} ({part} live in this ICB; the rest in {}): its life expectancy and HLE are the whole authority's\n",
                p.name,
                p.split_with.join(", ")
            ));
        }
    }
    if places.iter().any(|p| !p.le_published) {
        out.push_str(
            "* not published (suppressed): an estimate from the ICB's fifths and the place's mix\n",
        );
    }
    out
}
