//! "All systems": the 42 ICBs ranked on a chosen headline, with the scenario's levers (and
//! assumptions and horizon) applied to each ICB against its own current plans: a sortable
//! table (rank, ICB, current plans, scenario, change) with a dot for each run.
//!
//! 42 deterministic runs (84 with current plans, and 42 calibrations the first time) cost
//! more than a frame in the browser, so they run only while the panel is open, after the
//! levers have been still for [`SETTLE_MS`], in chunks of at most [`CHUNK_MS`] between
//! frames (as the Monte Carlo does): a slider move never waits for them. A newer scenario
//! abandons an older one at its next chunk. Baselines and each ICB's current plans are kept
//! and reused while the assumptions and horizon stay the same.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::format;
use super::placement;
use super::places_view::sort_indexes;
use crate::data::{systems, ENGLAND};
use crate::model::places::{place_starts, project_places};
use crate::model::projection::{Metric, MonthRecord};
use crate::model::{simulate, Baseline, LeverValues, Projection, Scenario};

/// The id of the All systems panel (the page's navigation links to it).
pub const ALL_SYSTEMS_ID: &str = "all-systems";
/// Wait after the last lever move before running (a drag does not start runs it would
/// abandon a frame later).
const SETTLE_MS: i32 = 250;
/// Work per chunk before yielding to the browser (milliseconds).
const CHUNK_MS: f64 = 8.0;

/// A headline the ICBs can be ranked on.
pub struct Ranking {
    pub key: &'static str,
    pub label: &'static str,
    /// How a value reads ("12.3 per 1,000").
    pub unit: &'static str,
    pub decimals: usize,
    pub higher_is_better: bool,
    /// The dot column's scale, in words under its numbers (places7).
    pub axis: &'static str,
}

/// The index in [`RANKINGS`] of the gap between places.
pub const PLACE_GAP: usize = 6;

/// Why an ICB has no gap between places, if it has none (`model::places::no_place_gap`).
pub fn no_place_gap(code: &str) -> Option<&'static str> {
    crate::model::places::no_place_gap(&place_starts(code).ok()?)
}

/// The headlines, in the picker's order; [`headline_values`] computes them in this order.
pub const RANKINGS: [Ranking; 7] = [
    Ranking {
        key: "waiting_per_1000",
        label: "Waiting list per 1,000 residents",
        unit: "people waiting",
        decimals: 1,
        higher_is_better: false,
        axis: "waiting per 1,000 residents",
    },
    Ranking {
        key: "within_18_weeks_pct",
        label: "Share waiting under 18 weeks",
        unit: "% of the list",
        decimals: 1,
        higher_is_better: true,
        axis: "% of the list under 18 weeks",
    },
    Ranking {
        key: "over_52_per_100k",
        label: "Waiting over a year per 100,000 residents",
        unit: "people waiting over 52 weeks",
        decimals: 0,
        higher_is_better: false,
        axis: "over a year, per 100,000 residents",
    },
    Ranking {
        key: "over_52_weeks",
        label: "Waiting over a year (people)",
        unit: "people",
        decimals: 0,
        higher_is_better: false,
        axis: "people waiting over a year",
    },
    Ranking {
        key: "life_expectancy",
        label: "Life expectancy",
        unit: "years",
        decimals: 1,
        higher_is_better: true,
        axis: "years of life expectancy",
    },
    Ranking {
        key: "le_gap_fifths",
        label: "Life-expectancy gap between deprivation fifths",
        unit: "years",
        decimals: 1,
        higher_is_better: false,
        axis: "years of gap between fifths",
    },
    Ranking {
        key: "le_gap_places",
        label: "Men's life-expectancy gap between places",
        unit: "years",
        decimals: 1,
        higher_is_better: false,
        axis: "years of gap between places",
    },
];

/// Every headline of [`RANKINGS`] at every whole year `0..=years` of a run (so choosing a
/// year or a headline needs no new run). The places' gap needs the run split into places.
pub fn headline_values(base: &Baseline, s: &Scenario, p: &Projection) -> Vec<[f64; 7]> {
    let places = place_starts(&base.code)
        .ok()
        .map(|starts| project_places(base, s, p, &starts));
    let years = (p.months.len() - 1) / 12;
    (0..=years)
        .map(|y| {
            let m = y * 12;
            let r: &MonthRecord = &p.months[m];
            // No gap (not a gap of 0) where fewer than two places publish LE: the slope
            // across places needs two, and so does a range.
            let place_gap = places
                .as_ref()
                .and_then(|pp| pp.gaps[m].men)
                .filter(|g| g.sii.is_some())
                .map_or(f64::NAN, |g| g.range);
            [
                Metric::WaitingList.of(r) / base.population * 1_000.0,
                Metric::Within18WeeksPct.of(r),
                Metric::Over52Weeks.of(r) / base.population * 100_000.0,
                Metric::Over52Weeks.of(r),
                Metric::LifeExpectancy.of(r),
                Metric::LifeExpectancyGap.of(r),
                place_gap,
            ]
        })
        .collect()
}

/// A run's [`RANKINGS`] at each whole year.
pub type Yearly = Rc<Vec<[f64; 7]>>;

/// One ICB's headlines under current plans and the scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct SystemRow {
    pub code: String,
    pub name: String,
    pub plans: Yearly,
    pub scenario: Yearly,
}

/// The 42 ICBs for one scenario (levers, assumptions, horizon), and what they cost to run.
#[derive(Clone, Debug, PartialEq)]
pub struct AllRuns {
    pub spec: Scenario,
    pub rows: Vec<SystemRow>,
    /// Milliseconds spent running (the sum of the chunks), and how many simulations.
    pub ms: f64,
    pub runs: usize,
}

/// Kept between runs: each ICB's baseline (its calibration), and its current plans' headlines
/// for the assumptions and horizon they were run with.
#[derive(Default)]
struct Cache {
    baselines: Vec<Rc<Baseline>>,
    plans: Vec<Option<(Scenario, Yearly)>>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// Runs ICB `i` (0..42) for `spec`: its current plans (kept) and the scenario. Returns the
/// row and how many simulations it took.
fn run_icb(i: usize, spec: &Scenario) -> (SystemRow, usize) {
    CACHE.with(|cache| {
        let mut cache = cache.borrow_mut();
        let system = &systems()[1 + i];
        while cache.baselines.len() <= i {
            let next = &systems()[1 + cache.baselines.len()];
            cache.baselines.push(Rc::new(Baseline::for_system(next)));
            cache.plans.push(None);
        }
        let base = cache.baselines[i].clone();
        let mut runs = 0;
        let plans_spec = Scenario {
            system: system.code.clone(),
            levers: LeverValues::default(),
            ..spec.clone()
        };
        let plans = match &cache.plans[i] {
            Some((s, v)) if *s == plans_spec => v.clone(),
            _ => {
                runs += 1;
                let v = Rc::new(headline_values(
                    &base,
                    &plans_spec,
                    &simulate(&base, &plans_spec),
                ));
                cache.plans[i] = Some((plans_spec.clone(), v.clone()));
                v
            }
        };
        let scenario = if spec.levers == LeverValues::default() {
            plans.clone()
        } else {
            runs += 1;
            let s = Scenario {
                system: system.code.clone(),
                ..spec.clone()
            };
            Rc::new(headline_values(&base, &s, &simulate(&base, &s)))
        };
        (
            SystemRow {
                code: system.code.clone(),
                name: format::system_name(&system.name).to_string(),
                plans,
                scenario,
            },
            runs,
        )
    })
}

/// A run of the 42 in progress.
struct Job {
    spec: Scenario,
    rows: Vec<SystemRow>,
    ms: f64,
    runs: usize,
    generation: Rc<Cell<u64>>,
    mine: u64,
    progress: UseStateSetter<usize>,
    done: UseStateSetter<Option<Rc<AllRuns>>>,
}

impl Job {
    fn schedule(self, delay_ms: i32) {
        super::later(delay_ms, move || self.run());
    }

    fn run(mut self) {
        if self.generation.get() != self.mine {
            return; // the scenario moved on, or the panel closed
        }
        let n = systems().len() - 1;
        let start = super::now_ms().unwrap_or(0.0);
        while self.rows.len() < n {
            let (row, runs) = run_icb(self.rows.len(), &self.spec);
            self.rows.push(row);
            self.runs += runs;
            if super::now_ms().unwrap_or(0.0) - start > CHUNK_MS {
                break;
            }
        }
        self.ms += super::now_ms().unwrap_or(0.0) - start;
        if self.rows.len() < n {
            self.progress.set(self.rows.len());
            self.schedule(0);
        } else {
            self.done.set(Some(Rc::new(AllRuns {
                spec: self.spec,
                rows: self.rows,
                ms: self.ms,
                runs: self.runs,
            })));
        }
    }
}

/// The table's sort: by which column, and which way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// Rank (by the scenario, best first).
    Rank,
    Name,
    Plans,
    Scenario,
    Difference,
}

/// One table row, ready to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Ranked {
    /// 0 for an ICB listed apart (see `apart`).
    pub rank: usize,
    /// Why the ICB is not ranked on this headline ([`no_place_gap`]), listed after the others.
    pub apart: Option<&'static str>,
    pub code: String,
    pub name: String,
    pub plans: f64,
    pub scenario: f64,
}

/// The rows for headline `h` at year `year`, ranked by the scenario (best first; a missing
/// figure last) and sorted by `by` (`descending` reverses it).
pub fn ranked(all: &AllRuns, h: usize, year: usize, by: SortBy, descending: bool) -> Vec<Ranked> {
    let better_first = |a: f64, b: f64| {
        let o = match (a.is_nan(), b.is_nan()) {
            (false, false) => a.total_cmp(&b),
            (true, false) => return std::cmp::Ordering::Greater,
            (false, true) => return std::cmp::Ordering::Less,
            (true, true) => std::cmp::Ordering::Equal,
        };
        if RANKINGS[h].higher_is_better {
            o.reverse()
        } else {
            o
        }
    };
    let at = |v: &Yearly| v.get(year).or(v.last()).map_or(f64::NAN, |r| r[h]);
    let rows: Vec<Ranked> = all
        .rows
        .iter()
        .map(|r| Ranked {
            rank: 0,
            apart: (h == PLACE_GAP).then(|| no_place_gap(&r.code)).flatten(),
            code: r.code.clone(),
            name: r.name.clone(),
            plans: at(&r.plans),
            scenario: at(&r.scenario),
        })
        .collect();
    let sorted = |rows: Vec<Ranked>, cmp: &dyn Fn(&Ranked, &Ranked) -> std::cmp::Ordering| {
        let mut idx: Vec<usize> = (0..rows.len()).collect();
        sort_indexes(&mut idx, &|a, b| cmp(&rows[a], &rows[b]));
        idx.iter()
            .map(|&i| rows[i].clone())
            .collect::<Vec<Ranked>>()
    };
    let (apart, rows): (Vec<Ranked>, Vec<Ranked>) =
        rows.into_iter().partition(|r| r.apart.is_some());
    let mut rows = sorted(rows, &|a, b| {
        better_first(a.scenario, b.scenario).then(a.name.cmp(&b.name))
    });
    for (k, r) in rows.iter_mut().enumerate() {
        r.rank = k + 1;
    }
    rows = match by {
        SortBy::Rank => rows,
        SortBy::Name => sorted(rows, &|a, b| {
            a.name
                .to_ascii_lowercase()
                .cmp(&b.name.to_ascii_lowercase())
        }),
        SortBy::Plans => sorted(rows, &|a, b| better_first(a.plans, b.plans)),
        SortBy::Scenario => sorted(rows, &|a, b| better_first(a.scenario, b.scenario)),
        SortBy::Difference => sorted(rows, &|a, b| {
            better_first(a.scenario - a.plans, b.scenario - b.plans)
        }),
    };
    if descending {
        rows.reverse();
    }
    // Listed apart, after the ranked ICBs whichever way they are sorted, by name.
    rows.extend(sorted(apart, &|a, b| a.name.cmp(&b.name)));
    rows
}

/// The dot column's scale (places7): its ends (the values' range padded 5%, wider when every
/// value is the same) and round ticks inside them, at most five, at the smallest step of 1, 2
/// or 5 times a power of ten that allows, with the decimals the step needs. `None` without a finite value.
#[derive(Clone, Debug, PartialEq)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    pub decimals: usize,
}

pub fn scale_of(values: &[f64]) -> Option<Scale> {
    let finite = values.iter().copied().filter(|v| v.is_finite());
    let lo = finite.clone().fold(f64::INFINITY, f64::min);
    let hi = finite.fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() {
        return None;
    }
    let pad = if hi - lo > 1e-9 {
        (hi - lo) * 0.05
    } else {
        (hi.abs() * 0.05).max(1.0)
    };
    let (lo, hi) = (lo - pad, hi + pad);
    // The smallest round step that puts at most five ticks inside the ends.
    let count = |step: f64| ((hi / step).floor() - (lo / step).ceil() + 1.0).max(0.0);
    // Powers of ten by `powi` (no `powf` or `log10` in the wasm for this).
    let (step, decimals) = (-6..=12)
        .flat_map(|e: i32| [1.0, 2.0, 5.0].map(|m| (m * 10f64.powi(e), (-e).max(0) as usize)))
        .find(|&(step, _)| count(step) <= 5.0)
        .unwrap_or((hi - lo, 0));
    let mut ticks = Vec::new();
    let mut t = (lo / step).ceil() * step;
    while t <= hi + step * 1e-9 {
        // Round away float dust (0.30000000000000004), and -0.
        ticks.push((t / step).round() * step + 0.0);
        t += step;
    }
    Some(Scale {
        lo,
        hi,
        ticks,
        decimals,
    })
}

impl Scale {
    /// Where `v` sits across the column, 0 to 100 (%).
    pub fn pos(&self, v: f64) -> f64 {
        ((v - self.lo) / (self.hi - self.lo) * 100.0).clamp(0.0, 100.0)
    }

    /// A tick's label: "2", "0.5", "12,000", "\u{2212}20".
    pub fn label(&self, t: f64) -> String {
        let text = if self.decimals == 0 && t.abs() >= 1000.0 {
            format::thousands(t)
        } else {
            format::fixed(t, self.decimals)
        };
        if t < 0.0 && !text.starts_with('-') {
            format!("\u{2212}{text}")
        } else {
            text.replace('-', "\u{2212}")
        }
    }
}

/// The dot column's scale at its head (`at` "top": the unit in words over round numbers over
/// a rule) or foot ("bottom": a rule, the numbers, the unit). One function for both, so its
/// markup is compiled once.
#[inline(never)]
fn scale_axis(sc: &Scale, unit: &'static str, at: &'static str) -> Html {
    let unit = html! { <span class="all-systems-axis-unit">{ unit }</span> };
    html! {
        <span class={classes!("all-systems-axis", format!("all-systems-axis-{at}"))} data-control={format!("all-systems-axis-{at}")} aria-hidden="true">
            if at == "top" { { unit.clone() } }
            <span class="all-systems-axis-track">
                // A label near an end is anchored at its tick's side, inside the column.
                { for sc.ticks.iter().map(|&t| html! {
                    <span class={classes!("all-systems-tick", (sc.pos(t) < 6.0).then_some("start"), (sc.pos(t) > 94.0).then_some("end"))}
                        data-left={format!("{:.2}%", sc.pos(t))} data-value={format!("{t}")}>{ sc.label(t) }</span>
                }) }
            </span>
            if at == "bottom" { { unit } }
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct AllSystemsProps {
    /// The scenario as set; its area is ignored (every ICB is run).
    pub scenario: Scenario,
    /// The chosen area (its row is marked).
    pub code: String,
    /// Years from month 0.
    pub year: u32,
    /// Predict, then reveal: the scenario's column is hidden.
    #[prop_or_default]
    pub hidden: bool,
    /// Chooses an area (a row's name).
    pub on_choose: Callback<String>,
}

#[function_component]
pub fn AllSystems(props: &AllSystemsProps) -> Html {
    let open = use_state(|| false);
    let headline = use_state(|| 0usize);
    let progress = use_state(|| 0usize);
    let done = use_state(|| None::<Rc<AllRuns>>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    let root = placement::use_placed();
    // Every ICB runs the scenario's levers, assumptions and horizon; the area is set per ICB.
    let spec = Scenario {
        system: ENGLAND.to_string(),
        ..props.scenario.clone()
    };
    {
        let generation = generation.borrow().clone();
        let (progress, done_setter) = (progress.setter(), done.setter());
        let fresh = done.as_ref().is_some_and(|d| d.spec == spec);
        use_effect_with((*open, spec.clone()), move |(open, spec)| {
            let mine = generation.get() + 1;
            generation.set(mine);
            if *open && !fresh {
                progress.set(0);
                Job {
                    spec: spec.clone(),
                    rows: Vec::new(),
                    ms: 0.0,
                    runs: 0,
                    generation: generation.clone(),
                    mine,
                    progress,
                    done: done_setter,
                }
                .schedule(SETTLE_MS);
            }
            move || generation.set(generation.get() + 1)
        });
    }
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let body = if *open {
        body(props, &headline, *progress, done.as_ref(), &spec)
    } else {
        html! {}
    };
    html! {
        <details class="all-systems" id={ALL_SYSTEMS_ID} data-panel="all-systems" ref={root} {ontoggle}>
            <summary data-control="all-systems">{ "All systems: the 42 ICBs ranked" }</summary>
            { body }
        </details>
    }
}

fn body(
    props: &AllSystemsProps,
    headline: &UseStateHandle<usize>,
    progress: usize,
    done: Option<&Rc<AllRuns>>,
    spec: &Scenario,
) -> Html {
    let h = **headline;
    let year = props.year as usize;
    let hidden = props.hidden;
    let on_headline = {
        let headline = headline.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                headline.set(i.min(RANKINGS.len() - 1));
            }
        })
    };
    let status = match done {
        Some(d) if d.spec == *spec => format!(
            "All 42 ICBs run for this scenario: {} simulations in {:.0} ms.",
            d.runs, d.ms
        ),
        Some(_) => format!("Running the 42 ICBs for the latest levers: {progress} of 42 done. The table shows the levers as they were."),
        None => format!("Running the 42 ICBs: {progress} of 42 done."),
    };
    let fresh = done.is_some_and(|d| d.spec == *spec);
    let table = match done {
        None => html! {},
        Some(all) => html! {
            <AllSystemsTable all={all.clone()} headline={h} {year} {hidden}
                code={props.code.clone()} on_choose={props.on_choose.clone()} />
        },
    };
    html! {
        <div class="all-systems-body">
            <p class="all-systems-intro">
                { "The scenario's levers, applied to each of the 42 ICBs in turn against that ICB's own current plans, \
                   with the same assumptions and years. Per-resident figures are per registered patient (each ICB's registered population, 2025/26, NHS England). \
                   Choose an ICB's name to open it." }
            </p>
            if let Some(note) = crate::model::places::all_systems_note(spec) {
                <p class="all-systems-aim" data-control="all-systems-aim">{ note }</p>
            }
            <label class="all-systems-pick">
                { "Rank on " }
                <select data-control="all-systems-headline" onchange={on_headline}>
                    { for RANKINGS.iter().enumerate().map(|(i, x)| html! {
                        <option value={i.to_string()} data-headline={x.key} selected={i == h}>{ x.label }</option>
                    }) }
                </select>
            </label>
            <p class="all-systems-status" data-control="all-systems-status" data-fresh={fresh.to_string()}
                data-ms={done.filter(|_| fresh).map(|d| format!("{:.1}", d.ms))} aria-live="polite">
                { status }
            </p>
            { table }
            <p class="places-note">
                { "Every ICB's figures by month: " }
                <code>{ "ics-whatif run --ics all" }</code>
                { "; the gap between places by month: " }
                <code>{ "ics-whatif run --ics all --by gaps" }</code>
            </p>
        </div>
    }
}

/// The table's inputs. Equal when the runs (by address), the headline, the year and the view
/// are: a slider move re-renders the panel's status but not the 42 rows, until the new
/// runs are in. The callback is left out of the comparison (the page makes a new one each
/// render, and every one chooses the same way).
#[derive(Properties)]
pub struct AllSystemsTableProps {
    pub all: Rc<AllRuns>,
    pub headline: usize,
    pub year: usize,
    pub hidden: bool,
    pub code: String,
    pub on_choose: Callback<String>,
}

impl PartialEq for AllSystemsTableProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.all, &other.all)
            && (self.headline, self.year, self.hidden) == (other.headline, other.year, other.hidden)
            && self.code == other.code
    }
}

#[function_component]
fn AllSystemsTable(props: &AllSystemsTableProps) -> Html {
    let sort = use_state(|| (SortBy::Rank, false));
    // Its own dots are placed after its own renders (a sort re-renders only this table).
    let root = placement::use_placed();
    let (all, h, year, hidden) = (&props.all, props.headline, props.year, props.hidden);
    let r = &RANKINGS[h];
    let (by, descending) = *sort;
    let rows = ranked(all, h, year, by, descending);
    let finite = |v: f64| v.is_finite().then_some(v);
    let values: Vec<f64> = rows
        .iter()
        .flat_map(|x| {
            [
                finite(x.plans),
                (!hidden).then(|| finite(x.scenario)).flatten(),
            ]
        })
        .flatten()
        .collect();
    let scale = scale_of(&values);
    let pos = |v: f64| scale.as_ref().map_or(50.0, |sc| sc.pos(v));
    let axis = |at: &'static str| {
        scale
            .as_ref()
            .map_or(html! {}, |sc| scale_axis(sc, r.axis, at))
    };
    let grid = |sc: &Scale| {
        html! {
            { for sc.ticks.iter().map(|&t| html! {
                <span class="all-systems-grid" data-left={format!("{:.2}%", sc.pos(t))}></span>
            }) }
        }
    };
    let header = |label: &'static str, col: SortBy| {
        let sort = sort.clone();
        let active = by == col;
        let aria = match (active, descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        };
        let onclick = Callback::from(move |_: MouseEvent| {
            let (now, desc) = *sort;
            sort.set((col, if now == col { !desc } else { false }));
        });
        html! {
            <th scope="col" aria-sort={aria}>
                <button type="button" class="sort" data-sort={format!("{col:?}").to_ascii_lowercase()} {onclick}>
                    { label }{ if active { if descending { " \u{25B2}" } else { " \u{25BC}" } } else { "" } }
                </button>
            </th>
        }
    };
    let show = |v: f64| {
        if v.is_nan() {
            "none".to_string()
        } else {
            format!("{:.*}", r.decimals, v + 0.0).replace('-', "\u{2212}")
        }
    };
    let difference = |d: f64| {
        // One decimal more than the values, so that a change never reads "same" between
        // two values that read differently.
        let shown = format!("{:.*}", r.decimals + 1, d.abs());
        if d.is_nan() {
            "none".to_string()
        } else if shown.trim_start_matches(['0', '.']).is_empty() {
            "same".to_string()
        } else if (d > 0.0) == r.higher_is_better {
            format!("\u{25B2} {}{shown}", if d > 0.0 { "+" } else { "\u{2212}" })
        } else {
            format!("\u{25BC} {}{shown}", if d > 0.0 { "+" } else { "\u{2212}" })
        }
    };
    html! {
        <div class="all-systems-table-wrap" ref={root}>
            <table class="all-systems-table" data-control="all-systems-table">
                <caption>
                    { format!("{} ({}), {} (year {year}). Rank 1 is the best under this scenario; click a heading to sort.{}", r.label, r.unit, format::month_name(year * 12),
                        if rows.iter().any(|x| x.apart.is_some()) { " An ICB with one place has no gap between places: it is listed apart, after the ranked ICBs." } else { "" }) }
                </caption>
                <thead>
                    <tr>
                        { header("Rank", SortBy::Rank) }
                        { header("ICB", SortBy::Name) }
                        { header("Current plans", SortBy::Plans) }
                        if !hidden {
                            { header("Scenario", SortBy::Scenario) }
                            { header("Change", SortBy::Difference) }
                        }
                        <th scope="col" class="all-systems-dots-head">
                            <span class="all-systems-key">
                                <span class="places-key places-key-plans" aria-hidden="true"></span>{ " plans " }
                                if !hidden {
                                    <span class="places-key places-key-scenario" aria-hidden="true"></span>{ " scenario" }
                                }
                            </span>
                            { axis("top") }
                        </th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|x| {
                        let mine = x.code == props.code;
                        let choose = {
                            let (on_choose, code) = (props.on_choose.clone(), x.code.clone());
                            Callback::from(move |_: MouseEvent| on_choose.emit(code.clone()))
                        };
                        if let Some(note) = x.apart {
                            return html! {
                                <tr data-icb={x.code.clone()} data-apart="true" class={classes!("all-systems-apart", mine.then_some("chosen"))}>
                                    <td class="num" aria-label="not ranked">{ "\u{2013}" }</td>
                                    <th scope="row">
                                        <button type="button" class="link" onclick={choose}
                                            aria-label={format!("Choose {}", x.name)}>{ x.name.clone() }</button>
                                    </th>
                                    <td colspan={if hidden { "2" } else { "4" }} class="all-systems-note">{ note }</td>
                                </tr>
                            };
                        }
                        html! {
                            <tr data-icb={x.code.clone()} class={classes!(mine.then_some("chosen"))}
                                data-plans={format!("{:.4}", x.plans)}
                                data-scenario={(!hidden).then(|| format!("{:.4}", x.scenario))}>
                                <td class="num">{ x.rank }</td>
                                <th scope="row">
                                    <button type="button" class="link" onclick={choose}
                                        aria-label={format!("Choose {}", x.name)}>{ x.name.clone() }</button>
                                </th>
                                <td class="num">{ show(x.plans) }</td>
                                if !hidden {
                                    <td class="num">{ show(x.scenario) }</td>
                                    <td class="num">{ difference(x.scenario - x.plans) }</td>
                                }
                                <td class="all-systems-dots" aria-hidden="true">
                                    <span class="places-track">
                                        if let Some(sc) = scale.as_ref() { { grid(sc) } }
                                        if x.plans.is_finite() {
                                            <span class="places-dot places-dot-plans" data-left={format!("{:.2}%", pos(x.plans))}></span>
                                        }
                                        if !hidden && x.scenario.is_finite() {
                                            <span class="places-dot places-dot-scenario" data-left={format!("{:.2}%", pos(x.scenario))}></span>
                                        }
                                    </span>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
                if scale.is_some() {
                    <tfoot>
                        <tr class="all-systems-axis-row">
                            <td colspan={if hidden { "3" } else { "5" }}></td>
                            <td class="all-systems-dots-foot" aria-hidden="true">{ axis("bottom") }</td>
                        </tr>
                    </tfoot>
                }
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lever;

    #[test]
    fn forty_two_icbs_ranked_best_first_and_current_plans_reused() {
        let spec = Scenario {
            system: ENGLAND.into(),
            ..Scenario::default()
        };
        let rows: Vec<SystemRow> = (0..42).map(|i| run_icb(i, &spec).0).collect();
        let all = AllRuns {
            spec: spec.clone(),
            rows,
            ms: 0.0,
            runs: 0,
        };
        // Waiting list per 1,000: lower is better, so rank 1 has the smallest value.
        let r = ranked(&all, 0, 5, SortBy::Rank, false);
        assert_eq!(r.len(), 42);
        assert!(r.windows(2).all(|w| w[0].scenario <= w[1].scenario));
        assert_eq!(r[0].rank, 1);
        // Life expectancy: higher is better.
        let r = ranked(&all, 4, 5, SortBy::Rank, false);
        assert!(r.windows(2).all(|w| w[0].scenario >= w[1].scenario));
        // Current plans are the scenario with default levers.
        assert!(r.iter().all(|x| x.plans == x.scenario));
        // By name, both ways.
        let names = ranked(&all, 4, 5, SortBy::Name, false);
        assert!(names
            .windows(2)
            .all(|w| w[0].name.to_ascii_lowercase() <= w[1].name.to_ascii_lowercase()));
        let back = ranked(&all, 4, 5, SortBy::Name, true);
        assert_eq!(back[0].name, names[41].name);
        // A lever moves the scenario, not current plans, and runs only the scenario again.
        let mut moved = spec.clone();
        moved.levers[Lever::Recruitment] = 20.0;
        let (row, runs) = run_icb(0, &moved);
        assert_eq!(runs, 1, "current plans kept");
        assert_eq!(row.plans, all.rows[0].plans);
        assert!(
            row.scenario[5][0] < row.plans[5][0],
            "more staff, shorter list per 1,000"
        );
    }

    #[test]
    fn one_place_icbs_are_listed_apart_on_the_gap_between_places_not_ranked_most_equal() {
        let spec = Scenario {
            system: ENGLAND.into(),
            ..Scenario::default()
        };
        let all = AllRuns {
            spec: spec.clone(),
            rows: (0..42).map(|i| run_icb(i, &spec).0).collect(),
            ms: 0.0,
            runs: 0,
        };
        for by in [
            SortBy::Rank,
            SortBy::Name,
            SortBy::Plans,
            SortBy::Difference,
        ] {
            for descending in [false, true] {
                let r = ranked(&all, PLACE_GAP, 0, by, descending);
                let tail: Vec<(&str, usize)> =
                    r[40..].iter().map(|x| (x.code.as_str(), x.rank)).collect();
                assert_eq!(tail, [("QT6", 0), ("QSL", 0)], "{by:?} {descending}");
                assert!(r[40..]
                    .iter()
                    .all(|x| x.apart.is_some() && x.plans.is_nan()));
                assert!(r[..40].iter().all(|x| x.apart.is_none() && x.rank > 0));
            }
        }
        // The most equal ICB has a real gap between its places.
        let r = ranked(&all, PLACE_GAP, 0, SortBy::Rank, false);
        assert_eq!(r[0].rank, 1);
        assert!(r[0].scenario > 0.5, "{} {}", r[0].code, r[0].scenario);
        // Every other headline ranks all 42.
        assert!(ranked(&all, 0, 0, SortBy::Rank, false)
            .iter()
            .all(|x| x.rank > 0 && x.apart.is_none()));
    }

    #[test]
    fn the_dot_column_has_a_scale_of_round_numbers_inside_its_ends() {
        // Men's gap between places: 1.7 to 9.3 years.
        let sc = scale_of(&[1.7, 9.3, 4.0, f64::NAN]).unwrap();
        assert_eq!(sc.ticks, [2.0, 4.0, 6.0, 8.0]);
        assert_eq!(sc.decimals, 0);
        assert!(sc.lo < 1.7 && sc.hi > 9.3);
        assert_eq!(sc.pos(sc.lo), 0.0);
        assert_eq!(sc.pos(sc.hi), 100.0);
        let labels: Vec<String> = sc.ticks.iter().map(|&t| sc.label(t)).collect();
        assert_eq!(labels, ["2", "4", "6", "8"]);
        // Life expectancy 76.1 to 80.4: whole years, or halves.
        let sc = scale_of(&[76.1, 80.4]).unwrap();
        assert!((3..=6).contains(&sc.ticks.len()), "{:?}", sc.ticks);
        assert!(sc.ticks.iter().all(|&t| t >= sc.lo && t <= sc.hi));
        // People waiting over a year, in thousands: separators, no decimals.
        let sc = scale_of(&[900.0, 14_500.0]).unwrap();
        assert_eq!(sc.decimals, 0);
        assert!(
            sc.ticks.iter().any(|&t| sc.label(t).contains(',')),
            "{:?}",
            sc.ticks
        );
        // Percentages close together: a decimal step reads with its decimal.
        let sc = scale_of(&[58.3, 59.1]).unwrap();
        assert!(sc.decimals >= 1, "{sc:?}");
        assert!(sc.ticks.len() >= 3, "{sc:?}");
        // Every value the same: a scale around it, not a collapsed one; nothing: none.
        let sc = scale_of(&[5.0, 5.0]).unwrap();
        assert!(sc.lo < 5.0 && sc.hi > 5.0 && sc.ticks.len() >= 2, "{sc:?}");
        assert_eq!(scale_of(&[f64::NAN]), None);
        assert_eq!(scale_of(&[]), None);
        // Negative ticks read with a minus sign.
        let sc = scale_of(&[-30.0, 10.0]).unwrap();
        assert!(
            sc.ticks
                .iter()
                .any(|&t| sc.label(t).starts_with('\u{2212}')),
            "{sc:?}"
        );
    }

    #[test]
    fn lancashire_place_gap_at_month_0_is_blackpool_to_ribble_valley() {
        let base = Baseline::for_code("QE1").unwrap();
        let s = Scenario {
            system: "QE1".into(),
            ..Scenario::default()
        };
        let v = headline_values(&base, &s, &simulate(&base, &s));
        assert!((v[0][6] - 7.6).abs() < 1e-9, "{}", v[0][6]);
        // Per 1,000: the published list over registered patients.
        assert!(v[0][0] > 50.0 && v[0][0] < 250.0, "{}", v[0][0]);
    }
}
