//! "Places": the chosen ICB split into its places (the local authorities inside it,
//! `model::places`), at the chosen month: a ranked dot chart of the places under current plans
//! and the scenario (life expectancy or healthy life expectancy, men or women), the gap
//! between places as a headline, a readout of one place on hover or focus, and CSV and SVG
//! downloads. Computed only while the panel is open, from the two runs the page already has
//! (splitting a run into places is a pure function of it: no extra simulation).
//!
//! Also [`ViewsNav`], the links to this panel and to "All systems" near the top of the page.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::format;
use super::persist;
use super::placement;
use crate::data::{systems, BySex};
use crate::model::place_aim::{aimed_spend, PlaceAims};
use crate::model::places::{
    england_change, place_starts, project_places, range_80, slope_index, PlaceMonth, PlaceStart,
    PlacesMonthRun,
};
use crate::model::{Assumption, Baseline, Lever, Projection, Scenario};

/// The id of the Places panel (the page's navigation links to it).
pub const PLACES_ID: &str = "places";

/// Which figure the chart shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Figure {
    LifeExpectancy,
    HealthyLifeExpectancy,
}

/// Men or women (the places' figures are published by sex).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sex {
    Men,
    Women,
}

impl Figure {
    fn label(self) -> &'static str {
        match self {
            Figure::LifeExpectancy => "life expectancy",
            Figure::HealthyLifeExpectancy => "healthy life expectancy",
        }
    }
}

impl Sex {
    fn possessive(self) -> &'static str {
        match self {
            Sex::Men => "Men's",
            Sex::Women => "Women's",
        }
    }
    fn of(self, v: BySex) -> f64 {
        match self {
            Sex::Men => v.male,
            Sex::Women => v.female,
        }
    }
}

/// A place's figure at one month, `None` where it is not published (HLE in districts).
pub fn value_of(month: &PlaceMonth, figure: Figure, sex: Sex) -> Option<f64> {
    match figure {
        Figure::LifeExpectancy => Some(sex.of(month.le)),
        Figure::HealthyLifeExpectancy => month.hle.map(|h| sex.of(h)),
    }
}

/// Whether a place's figure is published (so it counts in the gap), not an estimate.
fn published(place: &PlaceStart, figure: Figure) -> bool {
    match figure {
        Figure::LifeExpectancy => place.le_published,
        Figure::HealthyLifeExpectancy => place.hle.is_some(),
    }
}

/// The gap between places in one figure: the lowest and highest place (indexes), the range
/// and the slope index of inequality across places (as `model::places` measures them, among
/// places whose figure is published).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Gap {
    pub lowest: usize,
    pub highest: usize,
    pub range: f64,
    pub sii: Option<f64>,
}

/// The gap between `places` at `months` (one entry per place) in `figure` for `sex`.
pub fn gap_of(
    places: &[PlaceStart],
    months: &[PlaceMonth],
    figure: Figure,
    sex: Sex,
) -> Option<Gap> {
    // In deprivation order, most deprived first, as the model ranks them: a tie names the
    // same place as `model::places` and the command line do.
    let shown: Vec<(usize, f64)> = places
        .iter()
        .enumerate()
        .filter(|(_, p)| published(p, figure) && p.residents > 0.0)
        .filter_map(|(i, _)| value_of(&months[i], figure, sex).map(|v| (i, v)))
        .collect();
    let mut by_deprivation: Vec<usize> = (0..shown.len()).collect();
    sort_indexes(&mut by_deprivation, &|a, b| {
        places[shown[b].0]
            .imd_score
            .total_cmp(&places[shown[a].0].imd_score)
    });
    let shown: Vec<(usize, f64)> = by_deprivation.iter().map(|&k| shown[k]).collect();
    let &(first, _) = shown.first()?;
    let (mut lowest, mut highest) = (first, first);
    for &(i, v) in &shown {
        let at = |j: usize| value_of(&months[j], figure, sex).unwrap_or(v);
        if v < at(lowest) {
            lowest = i;
        }
        if v > at(highest) {
            highest = i;
        }
    }
    let points: Vec<(f64, f64)> = shown
        .iter()
        .map(|&(i, v)| (places[i].residents, v))
        .collect();
    let deprivation: Vec<f64> = shown.iter().map(|&(i, _)| places[i].imd_score).collect();
    let value = |i: usize| value_of(&months[i], figure, sex).unwrap_or(0.0);
    Some(Gap {
        lowest,
        highest,
        range: value(highest) - value(lowest),
        sii: slope_index(&points, &deprivation),
    })
}

/// A stable sort of indexes by `cmp`, through the one sort the app instantiates
/// ([`crate::sort`]; each closure passed to `sort_by` directly would compile a copy of the
/// sort into the wasm).
pub(super) fn sort_indexes(idx: &mut [usize], cmp: &dyn Fn(usize, usize) -> std::cmp::Ordering) {
    crate::sort::sort_indexes(idx, &mut |a, b| cmp(a, b));
}

/// "Blackpool 73.7, Ribble Valley 81.3: 7.6 years": the gap as the headline says it.
pub fn gap_sentence(
    places: &[PlaceStart],
    months: &[PlaceMonth],
    gap: &Gap,
    figure: Figure,
    sex: Sex,
) -> String {
    let v = |i: usize| value_of(&months[i], figure, sex).unwrap_or(0.0);
    // An authority split between ICBs says so: its figure is the whole authority's.
    let name = |i: usize| places[i].named();
    format!(
        "{} {}, {} {}: {} years",
        name(gap.lowest),
        format::one_decimal(v(gap.lowest)),
        name(gap.highest),
        format::one_decimal(v(gap.highest)),
        format::one_decimal(gap.range)
    )
}

/// When an end of the gap is an authority most of whose residents live in other ICBs: what
/// that means, and the gap among the places with most of their residents in this ICB (the
/// rule the Places panel follows: the headline keeps every place, named with its part, and
/// this sentence gives the range a split authority's minority part cannot set). `None` when
/// neither end is such a part.
pub fn split_note(
    places: &[PlaceStart],
    months: &[PlaceMonth],
    gap: &Gap,
    figure: Figure,
    sex: Sex,
) -> Option<String> {
    let minority = |p: &PlaceStart| p.of_authority < 0.5;
    let ends: Vec<&PlaceStart> = [gap.lowest, gap.highest]
        .iter()
        .map(|&i| &places[i])
        .filter(|p| minority(p))
        .collect();
    let first = ends.first()?;
    let mostly: Vec<PlaceStart> = places
        .iter()
        .map(|p| PlaceStart {
            residents: if minority(p) { 0.0 } else { p.residents },
            ..p.clone()
        })
        .collect();
    let among = gap_of(&mostly, months, figure, sex)
        .filter(|g| g.lowest != g.highest)
        .map_or(
            "Fewer than two places have most of their residents here.".to_string(),
            |g| {
                format!(
                    "Among places with most of their residents in this ICB: {}.",
                    gap_sentence(&mostly, months, &g, figure, sex)
                )
            },
        );
    Some(format!(
        "{} is split between ICBs: {:.0}% of its residents live in this ICB, and its {} is the whole authority's (none is published for the part). {among} The slope index across places weights each place by its residents in this ICB, so a part counts only for them.",
        first.name,
        100.0 * first.of_authority,
        figure.label()
    ))
}

/// Compared by address: the runs are shared, never changed in place, so a new run is a new
/// `Rc` and the memo below need not compare a whole projection.
#[derive(Clone)]
struct Run(Rc<Projection>);

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub struct PlacesViewProps {
    pub baseline: Rc<Baseline>,
    /// The scenario as set (its assumptions move the places' trends).
    pub scenario: Scenario,
    pub projection: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    /// The page's chosen month: months from month 0 (issue 14.5).
    pub month: u32,
    /// Predict, then reveal: the scenario's dots and figures are hidden.
    #[prop_or_default]
    pub hidden: bool,
    /// The scenario's settings, a line each, for the downloads.
    #[prop_or_default]
    pub settings: Rc<Vec<String>>,
    /// Chooses an area (England's view offers the ICBs).
    pub on_choose: Callback<String>,
    /// Levers aimed at places (issue 13.2): sets the places prevention is aimed at and the
    /// equity lever favours (one choice, one step of undo).
    #[prop_or_default]
    pub on_aim: Callback<PlaceAims>,
}

/// Monte Carlo runs per chunk of the places' ranges: as the ICB's fans (`uncertainty`),
/// small enough that a chunk stays well inside a frame.
const RANGE_CHUNK: usize = 25;

/// The places' Monte Carlo at the page's month (issue 13.3): the ICB's fans' runs
/// (`uncertainty::RUNS`, `SEED`: the same draws), each split into its places at `month`,
/// filled in chunks between frames while the panel is open. A new scenario or month
/// abandons the old job at its next chunk, so nothing waits for it. Returns the runs done.
#[hook]
fn use_place_ranges(
    on: bool,
    baseline: Rc<Baseline>,
    scenario: Scenario,
    month: usize,
) -> Option<Rc<RefCell<PlacesMonthRun>>> {
    let done = use_state(|| 0usize);
    let job = use_mut_ref(|| None::<Rc<RefCell<PlacesMonthRun>>>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    {
        let (job, done) = (job.clone(), done.setter());
        let generation = generation.borrow().clone();
        use_effect_with(
            (on, baseline, scenario, month),
            move |(on, base, s, month)| {
                let mine = generation.get() + 1;
                generation.set(mine);
                *job.borrow_mut() = None;
                done.set(0);
                if *on {
                    // The job (and its store of every run's figures) is made by the first
                    // chunk, not here: this effect runs before the page is painted after each
                    // slider move, and a drag abandons most jobs before they start.
                    let (base, s, month) = (base.clone(), s.clone(), *month);
                    let make = move || {
                        let places = place_starts(&base.code).ok()?;
                        Some(Rc::new(RefCell::new(PlacesMonthRun::new(
                            base.clone(),
                            &s,
                            &places,
                            month,
                            super::uncertainty::RUNS,
                            super::uncertainty::SEED,
                        ))))
                    };
                    // One timer closure type (each is a wasm-bindgen shim): the first chunk
                    // waits for the slider to settle, the rest follow at once.
                    fn chunk(
                        delay: i32,
                        run: Rc<dyn Fn() -> Option<Rc<RefCell<PlacesMonthRun>>>>,
                        job: Rc<RefCell<Option<Rc<RefCell<PlacesMonthRun>>>>>,
                        g: Rc<Cell<u64>>,
                        mine: u64,
                        done: UseStateSetter<usize>,
                    ) {
                        super::later(delay, move || {
                            if g.get() != mine {
                                return;
                            }
                            let kept = job.borrow().clone();
                            let current = kept.or_else(|| {
                                let made = run();
                                job.borrow_mut().clone_from(&made);
                                made
                            });
                            let Some(current) = current else {
                                return;
                            };
                            let finished = current.borrow_mut().advance(RANGE_CHUNK);
                            done.set(current.borrow().runs.len());
                            if !finished {
                                chunk(0, run, job, g, mine, done);
                            }
                        });
                    }
                    chunk(
                        60,
                        Rc::new(make),
                        job.clone(),
                        generation.clone(),
                        mine,
                        done.clone(),
                    );
                }
                move || generation.set(generation.get() + 1)
            },
        );
    }
    let _ = *done;
    let job = job.borrow().clone();
    job.filter(|j| !j.borrow().runs.is_empty())
}

/// The 80% ranges of the chosen figure at the page's month: each place's (in place order)
/// and the gap between places' (highest minus lowest).
struct Ranges {
    place: Vec<Option<(f64, f64)>>,
    gap: Option<(f64, f64)>,
    /// The runs behind them (for the exports' key).
    runs: usize,
}

fn ranges_of(places: &[PlaceStart], runs: &[Vec<PlaceMonth>], figure: Figure, sex: Sex) -> Ranges {
    let place = (0..places.len())
        .map(|i| {
            let v: Vec<f64> = runs
                .iter()
                .filter_map(|r| value_of(&r[i], figure, sex))
                .collect();
            range_80(&v)
        })
        .collect();
    let gaps: Vec<f64> = runs
        .iter()
        .filter_map(|r| gap_of(places, r, figure, sex).map(|g| g.range))
        .collect();
    Ranges {
        place,
        gap: range_80(&gaps),
        runs: runs.len(),
    }
}

/// "77.6 to 78.4 years", or "8 in 10 runs: 78.0 years" when both ends read the same.
fn range_text((lo, hi): (f64, f64)) -> String {
    let (a, b) = (format::one_decimal(lo), format::one_decimal(hi));
    if a == b {
        format!("8 in 10 runs: {a} years")
    } else {
        format!("{a} to {b} years")
    }
}

#[function_component]
pub fn PlacesView(props: &PlacesViewProps) -> Html {
    let open = use_state(|| false);
    let figure = use_state(|| Figure::LifeExpectancy);
    let sex = use_state(|| Sex::Men);
    let focus = use_state(|| None::<usize>);
    let root = placement::use_placed();
    let code = props.baseline.code.clone();
    let is_icb = code != crate::data::ENGLAND;
    let starts = use_memo((*open && is_icb, code.clone()), |(on, code)| {
        on.then(|| place_starts(code))
    });
    let month_now = props.month as usize;
    let range_job = use_place_ranges(
        *open && is_icb,
        props.baseline.clone(),
        props.scenario.clone(),
        month_now,
    );
    let plans = {
        let (base, s, starts) = (
            props.baseline.clone(),
            props.scenario.clone(),
            starts.clone(),
        );
        use_memo(
            (Run(props.current_plans.clone()), starts.clone()),
            move |(run, _)| match starts.as_ref() {
                Some(Ok(p)) => Some(Rc::new(project_places(&base, &s, &run.0, p).months)),
                _ => None,
            },
        )
    };
    let scenario = {
        let (base, s, starts) = (
            props.baseline.clone(),
            props.scenario.clone(),
            starts.clone(),
        );
        let same = Rc::ptr_eq(&props.projection, &props.current_plans);
        let plans = plans.clone();
        use_memo(
            (Run(props.projection.clone()), starts.clone()),
            move |(run, _)| {
                if same {
                    return (*plans).clone();
                }
                match starts.as_ref() {
                    Some(Ok(p)) => Some(Rc::new(project_places(&base, &s, &run.0, p).months)),
                    _ => None,
                }
            },
        )
    };
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let name = format::system_name(&props.baseline.name).to_string();
    let body = if !*open {
        html! {}
    } else if !is_icb {
        england_message(&props.on_choose)
    } else {
        match (starts.as_ref(), plans.as_ref(), scenario.as_ref()) {
            (Some(Err(e)), ..) => html! { <p class="places-error" role="alert">{ e.clone() }</p> },
            (Some(Ok(places)), Some(c), Some(s)) => {
                let month = (props.month as usize).min(c.len() - 1);
                view(ViewArgs {
                    props,
                    places,
                    today: &c[0],
                    plans: &c[month],
                    scenario: &s[month],
                    month,
                    figure: *figure,
                    sex: *sex,
                    focus: &focus,
                    chart: root.clone(),
                    figure_state: &figure,
                    sex_state: &sex,
                    ranges: range_job
                        .as_ref()
                        .map(|j| ranges_of(places, &j.borrow().runs, *figure, *sex)),
                    starts: Starts(starts.clone()),
                })
            }
            _ => html! {},
        }
    };
    html! {
        <details class="places" id={PLACES_ID} data-panel="places" {ontoggle}>
            <summary data-control="places">
                { if is_icb { format!("Places: the gap inside {name}") } else { "Places: the gap inside an ICB".to_string() } }
            </summary>
            { body }
        </details>
    }
}

/// England has no places of its own here: say so and offer the ICBs.
fn england_message(on_choose: &Callback<String>) -> Html {
    let onchange = {
        let on_choose = on_choose.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if !select.value().is_empty() {
                on_choose.emit(select.value());
            }
        })
    };
    html! {
        <div class="places-england" data-control="places-england">
            <p>
                { "Places are the local authorities inside an integrated care board (ICB). \
                   Choose one of the 42 ICBs to see the gap between its places." }
            </p>
            <label>
                { "ICB " }
                <select data-control="places-system" {onchange}>
                    <option value="" selected=true>{ "(choose an ICB)" }</option>
                    { for systems()[1..].iter().map(|s| html! {
                        <option value={s.code.clone()}>{ format::system_name(&s.name) }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}

struct ViewArgs<'a> {
    props: &'a PlacesViewProps,
    places: &'a [PlaceStart],
    /// Month 0: the published figures (2022-24).
    today: &'a [PlaceMonth],
    plans: &'a [PlaceMonth],
    scenario: &'a [PlaceMonth],
    month: usize,
    figure: Figure,
    sex: Sex,
    focus: &'a UseStateHandle<Option<usize>>,
    figure_state: &'a UseStateHandle<Figure>,
    sex_state: &'a UseStateHandle<Sex>,
    /// The scenario's 80% ranges, once the Monte Carlo has runs.
    ranges: Option<Ranges>,
    /// The places again, for the place picker.
    starts: Starts,
    /// The chart, whose marks' positions are applied after each render (`placement`): only
    /// the chart, not the whole panel, is searched for them.
    chart: NodeRef,
}

/// Axis ends for values `lo..hi`: whole years, at least four years wide.
fn axis(lo: f64, hi: f64) -> (f64, f64) {
    let (mut lo, mut hi) = ((lo - 0.5).floor(), (hi + 0.5).ceil());
    while hi - lo < 4.0 {
        lo -= 1.0;
        hi += 1.0;
    }
    (lo, hi)
}

/// The places in chart order: lowest first under current plans (the order holds still while
/// a slider moves the scenario), then the places without the figure.
fn order(places: &[PlaceStart], plans: &[PlaceMonth], figure: Figure, sex: Sex) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..places.len()).collect();
    sort_indexes(&mut idx, &|a, b| {
        let (va, vb) = (
            value_of(&plans[a], figure, sex),
            value_of(&plans[b], figure, sex),
        );
        match (va, vb) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => places[a].name.cmp(&places[b].name),
        }
    });
    idx
}

fn view(a: ViewArgs) -> Html {
    let ViewArgs {
        props,
        places,
        today,
        plans,
        scenario,
        month,
        figure,
        sex,
        focus,
        figure_state,
        sex_state,
        ranges,
        starts,
        chart,
    } = a;
    let hidden = props.hidden;
    let ranges = ranges.filter(|_| !hidden);
    let when = format::month_name(month);
    let what = format!("{} {}", sex.possessive(), figure.label());
    let idx = order(places, plans, figure, sex);
    let values: Vec<f64> = idx
        .iter()
        .flat_map(|&i| {
            let c = value_of(&plans[i], figure, sex);
            let s = (!hidden)
                .then(|| value_of(&scenario[i], figure, sex))
                .flatten();
            [c, s]
        })
        .flatten()
        .chain(
            ranges
                .iter()
                .flat_map(|r| r.place.iter().flatten().flat_map(|&(a, b)| [a, b])),
        )
        .collect();
    let (lo, hi) = axis(
        values.iter().copied().fold(f64::INFINITY, f64::min),
        values.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let pos = |v: f64| ((v - lo) / (hi - lo) * 100.0).clamp(0.0, 100.0);
    let gap_plans = gap_of(places, plans, figure, sex);
    let gap_scenario = gap_of(places, scenario, figure, sex);
    let missing = places.len() - places.iter().filter(|p| published(p, figure)).count();
    let choose_figure = |f: Figure| {
        let s = figure_state.clone();
        Callback::from(move |_: Event| s.set(f))
    };
    let choose_sex = |x: Sex| {
        let s = sex_state.clone();
        Callback::from(move |_: Event| s.set(x))
    };
    let headline = match (&gap_scenario, &gap_plans) {
        (Some(gs), Some(gc)) => {
            let scenario_text = if hidden {
                "This scenario: hidden until revealed".to_string()
            } else {
                format!(
                    "This scenario: {}",
                    gap_sentence(places, scenario, gs, figure, sex)
                )
            };
            let sii = |g: &Gap| {
                g.sii.map_or("none (one place)".to_string(), |s| {
                    format!("{} years", format::one_decimal(s))
                })
            };
            html! {
                <div class="places-headline" aria-live="polite">
                    <p class="places-gap" data-control="places-gap" data-range={(!hidden).then(|| format!("{:.3}", gs.range))}>
                        <strong>{ scenario_text }</strong>
                        if let Some(r) = ranges.as_ref().and_then(|r| r.gap) {
                            <span class="places-gap-range" data-control="places-gap-range" title={super::headlines::RANGE_80_MEANS}
                                data-lo={format!("{:.3}", r.0)} data-hi={format!("{:.3}", r.1)}>
                                { format!(" (80% range of the gap: {})", range_text(r)) }
                            </span>
                        }
                    </p>
                    <p class="places-gap-plans" data-control="places-gap-plans" data-range={format!("{:.3}", gc.range)}>
                        { format!("Current plans: {}", gap_sentence(places, plans, gc, figure, sex)) }
                    </p>
                    if let Some(g0) = gap_of(places, today, figure, sex) {
                        <p class="places-gap-today" data-control="places-gap-today" data-range={format!("{:.3}", g0.range)}>
                            { format!("Published 2022-24: {}", gap_sentence(places, today, &g0, figure, sex)) }
                        </p>
                    }
                    if let Some(note) = split_note(places, if hidden { plans } else { scenario }, if hidden { gc } else { gs }, figure, sex) {
                        <p class="places-split" data-control="places-split">{ note }</p>
                    }
                    <p class="places-sii" data-control="places-sii">
                        { format!("Slope index of inequality across places (the gap from the most to the least deprived end, weighted by residents): {}{}.",
                            if hidden { "?".to_string() } else { sii(gs) },
                            format!(" under this scenario, {} under current plans", sii(gc))) }
                    </p>
                </div>
            }
        }
        _ => html! {
            <p class="places-gap" data-control="places-gap">
                { format!("No place in {} publishes {}.", format::system_name(&props.baseline.name), figure.label()) }
            </p>
        },
    };
    let readout = match (**focus).filter(|&i| i < places.len()) {
        Some(i) => html! {
            <>
                { place_readout(&places[i], &plans[i], &scenario[i], hidden) }
                if let Some(r) = ranges.as_ref().and_then(|r| r.place[i]) {
                    <span class="readout-item" data-control="places-readout-range" title={super::headlines::RANGE_80_MEANS}>
                        { format!(" {what}, this scenario, 80% range: {}.", range_text(r)) }
                    </span>
                }
            </>
        },
        None => html! { <span>{ "Point at a place, or tab to it, for its figures." }</span> },
    };
    let ticks: Vec<f64> = {
        let step = if hi - lo > 12.0 {
            4.0
        } else if hi - lo > 6.0 {
            2.0
        } else {
            1.0
        };
        let mut t = (lo / step).ceil() * step;
        let mut out = Vec::new();
        while t <= hi + 1e-9 {
            out.push(t);
            t += step;
        }
        out
    };
    let csv = {
        let (places, plans, scenario) = (places.to_vec(), plans.to_vec(), scenario.to_vec());
        let (settings, code) = (props.settings.clone(), props.baseline.code.clone());
        Callback::from(move |_: MouseEvent| {
            let text = places_csv(&places, &plans, &scenario, &settings, month, hidden);
            persist::download(
                &format!("ics-whatif-places-{}.csv", code.to_ascii_lowercase()),
                "text/csv",
                &text,
            );
        })
    };
    let svg = {
        let (places, plans, scenario, idx) = (
            places.to_vec(),
            plans.to_vec(),
            scenario.to_vec(),
            idx.clone(),
        );
        let (settings, code) = (props.settings.clone(), props.baseline.code.clone());
        let title = format!("{what} by place, {when}");
        let place_ranges = ranges.as_ref().map(|r| r.place.clone());
        let runs = ranges.as_ref().map_or(0, |r| r.runs);
        Callback::from(move |_: MouseEvent| {
            let text = places_svg(&SvgArgs {
                title: &title,
                settings: &settings,
                places: &places,
                plans: &plans,
                scenario: &scenario,
                order: &idx,
                figure,
                sex,
                axis: (lo, hi),
                hidden,
                ranges: place_ranges.as_deref(),
                runs,
            });
            persist::download(
                &format!("ics-whatif-places-{}.svg", code.to_ascii_lowercase()),
                "image/svg+xml",
                &text,
            );
        })
    };
    let png = {
        let (places, plans, scenario, idx) = (
            places.to_vec(),
            plans.to_vec(),
            scenario.to_vec(),
            idx.clone(),
        );
        let (settings, code) = (props.settings.clone(), props.baseline.code.clone());
        let title = format!("{what} by place, {when}");
        let place_ranges = ranges.as_ref().map(|r| r.place.clone());
        let runs = ranges.as_ref().map_or(0, |r| r.runs);
        Callback::from(move |_: MouseEvent| {
            let args = SvgArgs {
                title: &title,
                settings: &settings,
                places: &places,
                plans: &plans,
                scenario: &scenario,
                order: &idx,
                figure,
                sex,
                axis: (lo, hi),
                hidden,
                ranges: place_ranges.as_deref(),
                runs,
            };
            let name = format!("ics-whatif-places-{}.png", code.to_ascii_lowercase());
            if let Err(e) =
                super::places_png::export(&args, move |blob| persist::download_blob(&name, &blob))
            {
                web_sys::console::error_1(&format!("export places: {e}").into());
            }
        })
    };
    html! {
        <div class="places-body">
            { intro(&props.scenario) }
            <PlacePicker aimed={aimed_only(&props.scenario)} code={props.baseline.code.clone()}
                starts={starts} on_aim={props.on_aim.clone()} />
            <div class="places-controls">
                <fieldset>
                    <legend>{ "Figure" }</legend>
                    <label><input type="radio" name="places-figure" data-control="places-le"
                        checked={figure == Figure::LifeExpectancy} onchange={choose_figure(Figure::LifeExpectancy)} />{ " Life expectancy" }</label>
                    <label><input type="radio" name="places-figure" data-control="places-hle"
                        checked={figure == Figure::HealthyLifeExpectancy} onchange={choose_figure(Figure::HealthyLifeExpectancy)} />{ " Healthy life expectancy" }</label>
                </fieldset>
                <fieldset>
                    <legend>{ "Sex" }</legend>
                    <label><input type="radio" name="places-sex" data-control="places-men"
                        checked={sex == Sex::Men} onchange={choose_sex(Sex::Men)} />{ " Men" }</label>
                    <label><input type="radio" name="places-sex" data-control="places-women"
                        checked={sex == Sex::Women} onchange={choose_sex(Sex::Women)} />{ " Women" }</label>
                </fieldset>
            </div>
            <h3 class="places-title">{ format!("{what}, {when}: the gap between places") }</h3>
            { headline }
            <figure class="places-chart" data-control="places-chart" ref={chart}>
                <figcaption>
                    { format!("{what} in years, {when}, lowest first under current plans.") }
                    <span class="places-legend">
                        <span class="places-key places-key-plans" aria-hidden="true"></span>{ " current plans " }
                        if !hidden {
                            <span class="places-key places-key-scenario" aria-hidden="true"></span>{ " this scenario" }
                        }
                    </span>
                </figcaption>
                <div class="places-axis" aria-hidden="true">
                    <span class="places-axis-label"></span>
                    <span class="places-axis-track">
                        { for ticks.iter().map(|t| html! {
                            <span class="places-tick" data-left={format!("{:.2}%", pos(*t))}>{ format!("{t:.0}") }</span>
                        }) }
                    </span>
                    <span class="places-axis-value"></span>
                </div>
                <ol class="places-rows">
                    { for idx.iter().map(|&i| {
                        let p = &places[i];
                        let c = value_of(&plans[i], figure, sex);
                        let s = value_of(&scenario[i], figure, sex);
                        let estimate = figure == Figure::LifeExpectancy && !p.le_published;
                        let onfocus = { let f = focus.clone(); Callback::from(move |_: FocusEvent| f.set(Some(i))) };
                        let onmouseenter = { let f = focus.clone(); Callback::from(move |_: MouseEvent| f.set(Some(i))) };
                        let range = ranges.as_ref().and_then(|r| r.place[i]);
                        let label = match (c, s) {
                            (Some(c), Some(s)) if !hidden => format!("{}: {} years in this scenario{}, {} under current plans", p.named(), format::one_decimal(s),
                                range.map_or(String::new(), |r| format!(" (80% range {})", range_text(r))), format::one_decimal(c)),
                            (Some(c), _) => format!("{}: {} years under current plans", p.named(), format::one_decimal(c)),
                            _ => format!("{}: not published", p.named()),
                        };
                        html! {
                            <li class={classes!("places-row", (**focus == Some(i)).then_some("focused"))} tabindex="0"
                                data-place={p.code.clone()} aria-label={label}
                                data-plans={c.map(|v| format!("{v:.3}"))}
                                data-scenario={(!hidden).then_some(s).flatten().map(|v| format!("{v:.3}"))}
                                {onfocus} {onmouseenter}>
                                <span class="places-name">{ p.name.clone() }{ if estimate { "*" } else { "" } }
                                    if p.part().is_some() {
                                        <span class="place-part-mark" data-control="place-part-mark" title={p.named()}>{ PART_MARK }</span>
                                    }
                                </span>
                                <span class="places-track" aria-hidden="true">
                                    if let Some((a, b)) = range {
                                        <span class="places-range" data-lo={format!("{a:.3}")} data-hi={format!("{b:.3}")}
                                            data-left={format!("{:.2}%", pos(a))} data-width={format!("{:.2}%", pos(b) - pos(a))}></span>
                                    }
                                    if let Some(c) = c {
                                        <span class="places-dot places-dot-plans" data-left={format!("{:.2}%", pos(c))}></span>
                                    }
                                    if let (Some(s), false) = (s, hidden) {
                                        <span class="places-dot places-dot-scenario" data-left={format!("{:.2}%", pos(s))}></span>
                                    }
                                </span>
                                <span class="places-value" aria-hidden="true">
                                    { match (c, s) {
                                        (Some(_), Some(s)) if !hidden => format::one_decimal(s),
                                        (Some(c), _) => format::one_decimal(c),
                                        _ => "not published".to_string(),
                                    } }
                                </span>
                            </li>
                        }
                    }) }
                </ol>
            </figure>
            <p class="places-readout" data-control="places-readout" aria-live="polite">{ readout }</p>
            if let Some(note) = parts_note(places, &idx) {
                <p class="places-note places-parts" data-control="places-parts">{ note }</p>
            }
            if missing > 0 {
                <p class="places-note">
                    { match figure {
                        Figure::LifeExpectancy => format!("* {missing} place(s) publish no life expectancy (too few residents): an estimate from the ICB's deprivation fifths, left out of the gap."),
                        Figure::HealthyLifeExpectancy => format!("{missing} of {} places publish no healthy life expectancy (ONS publish it for counties and unitary authorities, not districts): not shown, not estimated.", places.len()),
                    } }
                </p>
            }
            <p class="places-note">
                { "Referrals and waiting lists by place are estimates: no source publishes waiting lists by local authority, \
                   so each place takes its residents' share of each deprivation fifth's figures. Every figure by month: " }
                <code>{ format!("ics-whatif run --ics {} --by place", props.baseline.code) }</code>
            </p>
            <div class="chart-export places-export">
                <button type="button" data-export-csv="places" onclick={csv}
                    aria-label="Download the places' figures as CSV">{ "CSV" }</button>
                <button type="button" data-export-svg="places" onclick={svg}
                    aria-label="Download the places chart as SVG">{ "SVG" }</button>
                <button type="button" data-export-png="places" onclick={png}
                    aria-label="Download the places chart as PNG">{ "PNG" }</button>
            </div>
        </div>
    }
}

/// The panel's opening (places7): plain words first for a director of public health, the
/// method and its numbers behind "How this is worked out", with a gloss of the assumption
/// that sets how much of each place's trend carries on.
fn intro(scenario: &Scenario) -> Html {
    let england = england_change();
    let continued = scenario.assumptions[Assumption::LifeExpectancyTrendContinued];
    let c = format::fixed(continued, 0);
    let trend_name = Assumption::LifeExpectancyTrendContinued.spec().label;
    html! {
        <>
            <p class="places-intro" data-control="places-intro">
                { "Each place is a council (local authority) inside this ICB. Its figures start from its own published \
                   life expectancy (2022-24) and follow the ICB's scenario, shared out by how deprived its residents are. " }
                { trend_plainly(continued) }
                { " Prevention and waiting-list priority can be aimed at chosen places (below); every other lever is set \
                   for the whole ICB." }
            </p>
            <details class="places-how" data-control="places-how">
                <summary>{ "How this is worked out" }</summary>
                <p>
                    { format!("Each month a place's figures are the ICB's run shared out by the deprivation of its residents, \
                       starting from its own published life expectancy (2022-24). Each year it carries on {c}% of its own \
                       published change a year from 2015-17 to 2022-24, plus a rise the same for every place: the background \
                       gain ({} years a year) less {c}% of England's own change over those years (men {}, women {} years a \
                       year). In effect {c}% of how far each place moved against England carries on, on top of the background \
                       gain. So a place whose life expectancy fell can still rise.",
                       format::fixed(scenario.assumptions[Assumption::LifeExpectancyTrend], 2),
                       per_year(england.male), per_year(england.female)) }
                </p>
                <p data-control="places-trend-gloss">
                    { format!("\u{201c}{trend_name}\u{201d} (an assumption under Levers, now {c}%) sets that share: 100% carries \
                       on each place's and each deprivation fifth's published trend against England as it ran in 2015-2024; \
                       0% stops it, so every place moves with the background gain and the gap between places holds still, \
                       apart from what the levers change.") }
                </p>
            </details>
        </>
    }
}

/// The trend in plain words, for the share `continued` (%) of each place's published trend
/// against England that carries on.
fn trend_plainly(continued: f64) -> String {
    if continued <= 0.0 {
        "Every place then rises with the same national trend, so the gap between places holds still apart from \
         what the levers change."
            .to_string()
    } else {
        let pace = if (continued - 100.0).abs() < 0.5 {
            String::new()
        } else {
            format!(" (at {}% of that pace)", format::fixed(continued, 0))
        };
        format!(
            "A place whose life expectancy rose or fell against England's from 2015-17 to 2022-24 keeps doing so{pace}, \
             on top of a national rise the same for every place."
        )
    }
}

/// Levers aimed at places (issue 13.2): a checkbox per place for prevention and for
/// waiting-list priority, with the place's residents and published life expectancy, and a
/// line saying what each lever does now.
/// The places of the ICB, compared by address: made once per area (`use_memo`), so the
/// picker below need not compare every place's figures on each render.
#[derive(Clone)]
struct Starts(Rc<Option<Result<Vec<PlaceStart>, String>>>);

impl PartialEq for Starts {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
struct PlacePickerProps {
    /// What the picker reads of the scenario, and only that ([`aimed_only`]): its area, the
    /// places levers are aimed at, prevention spend and waiting-list priority. So a move of
    /// any other lever does not rebuild its table.
    aimed: Scenario,
    /// The ICB's code.
    code: String,
    starts: Starts,
    on_aim: Callback<PlaceAims>,
}

/// The part of a scenario the place picker shows.
fn aimed_only(s: &Scenario) -> Scenario {
    let mut levers = crate::model::LeverValues::default();
    for lever in [Lever::PreventionSpend, Lever::DeprivedPriority] {
        levers[lever] = s.levers[lever];
    }
    Scenario {
        system: s.system.clone(),
        places: s.places.clone(),
        levers,
        ..Scenario::default()
    }
}

/// Levers aimed at places: a component of its own, so that it is rebuilt only when what it
/// shows changes (a slider move in the Places view was rebuilding its table each time).
#[function_component]
fn PlacePicker(props: &PlacePickerProps) -> Html {
    match props.starts.0.as_ref() {
        Some(Ok(places)) => place_picker(props, places),
        _ => html! {},
    }
}

fn place_picker(props: &PlacePickerProps, places: &[PlaceStart]) -> Html {
    let aims = &props.aimed.places;
    let toggle = |prevention: bool, code: String| {
        let (aims, on_aim) = (aims.clone(), props.on_aim.clone());
        Callback::from(move |_: Event| {
            let mut next = aims.clone();
            let list = if prevention {
                &mut next.prevention
            } else {
                &mut next.equity
            };
            match list.iter().position(|c| *c == code) {
                Some(i) => {
                    list.remove(i);
                }
                None => list.push(code.clone()),
            }
            on_aim.emit(next);
        })
    };
    let levers = &props.aimed.levers;
    let spend = levers[Lever::PreventionSpend];
    let names = crate::scenario::places::place_names;
    let prevention_line = match (aims.prevention.is_empty(), spend > 0.0) {
        (true, _) => "Prevention: spread across the whole ICB (no place chosen).".to_string(),
        (false, true) => match aimed_spend(&props.code, &aims.prevention, spend) {
            Some(a) => format!(
                "Prevention: {}: the same budget, spent on their residents only.",
                a.words(&names(&aims.prevention))
            ),
            None => format!(
                "Prevention: £{} a head, aimed at {}: the same budget, spent on their residents only.",
                format::one_decimal(spend).trim_end_matches(".0"),
                names(&aims.prevention)
            ),
        },
        (false, false) => format!(
            "Prevention aimed at {}: set extra prevention spend (Levers) for it to change anything.",
            names(&aims.prevention)
        ),
    };
    // places7: a whole budget aimed at a small place goes far past any grant: say so.
    let spend_warning = crate::model::place_aim::spend_warning(
        &props.aimed.system,
        &props.aimed.places,
        props.aimed.levers[crate::model::Lever::PreventionSpend],
        names,
    );
    let priority = levers[Lever::DeprivedPriority];
    let equity_line = if aims.equity.is_empty() {
        "Waiting-list priority: for the most deprived fifth, as the lever says.".to_string()
    } else if priority > 0.0 {
        format!(
            "Waiting-list priority: +{}%, favouring {}.",
            format::one_decimal(priority).trim_end_matches(".0"),
            names(&aims.equity)
        )
    } else {
        format!(
            "Waiting-list priority favouring {}: set the priority lever (Levers) for it to change anything.",
            names(&aims.equity)
        )
    };
    let row = |p: &PlaceStart| {
        let checked = |list: &[String]| list.iter().any(|c| c.eq_ignore_ascii_case(&p.code));
        let (le, both) = if p.le_published {
            (
                format!(
                    "{} / {}",
                    format::one_decimal(p.le.male),
                    format::one_decimal(p.le.female)
                ),
                format::one_decimal(p.le_persons()),
            )
        } else {
            ("not published".to_string(), "\u{2013}".to_string())
        };
        html! {
            <tr data-place={p.code.clone()}>
                <th scope="row">{ p.name.clone() }
                    if let Some(part) = p.part() {
                        <span class="place-part" data-control="place-part" title={format!(
                            "{part} live in this ICB, the rest in {}; its life expectancy is published for the whole authority",
                            p.split_with.iter().map(|c| crate::data::find(c).map_or(*c, |s| format::system_name(&s.name))).collect::<Vec<_>>().join(", "))}>
                            { format!(" ({part})") }
                        </span>
                    }
                </th>
                <td class="num">{ format::thousands(p.residents) }</td>
                <td class="num">{ le }</td>
                <td class="num" data-control="aim-le-both">{ both }</td>
                <td class="check"><input type="checkbox" data-control="aim-prevention" data-place={p.code.clone()}
                    aria-label={format!("Aim prevention at {}", p.name)}
                    title={format!("Aim prevention at {}", p.name)}
                    checked={checked(&aims.prevention)} onchange={toggle(true, p.code.clone())} /></td>
                <td class="check"><input type="checkbox" data-control="aim-equity" data-place={p.code.clone()}
                    aria-label={format!("Give {} waiting-list priority", p.name)}
                    title={format!("Give {} waiting-list priority", p.name)}
                    checked={checked(&aims.equity)} onchange={toggle(false, p.code.clone())} /></td>
            </tr>
        }
    };
    let by_le = aim_order(places);
    html! {
        <details class="place-aim" data-control="place-aim" open={!aims.is_empty()}>
            <summary>{ "Aim levers at places" }</summary>
            <p class="place-aim-lines" aria-live="polite">
                <span data-control="place-aim-prevention">{ prevention_line }</span><br />
                <span data-control="place-aim-equity">{ equity_line }</span>
            </p>
            if let Some(w) = spend_warning {
                <p class="place-aim-warning" data-control="place-aim-warning">
                    <strong>{ "Warning: " }</strong>{ w }
                </p>
            }
            <div class="place-aim-scroll">
                <table class="place-aim-table">
                    <caption data-control="place-aim-order">
                        { "Lowest life expectancy first: the average of men's and women's, published 2022-24 (years)." }
                    </caption>
                    <thead><tr>
                        <th scope="col">{ "Place" }</th>
                        <th scope="col" class="num">{ "Residents" }</th>
                        <th scope="col" class="num" title="Published 2022-24, years">{ "Life expectancy, men / women" }</th>
                        <th scope="col" class="num" title="The average of men's and women's, published 2022-24: the table's order">{ "Average of both" }</th>
                        <th scope="col" title="The prevention budget goes to the chosen places' residents only">{ "Prevention" }</th>
                        <th scope="col" title="Waiting-list priority favours the chosen places' residents">{ "Priority" }</th>
                    </tr></thead>
                    <tbody>{ for by_le.into_iter().map(|i| row(&places[i])) }</tbody>
                </table>
            </div>
            <p class="place-aim-foot">
                { "The waiting list is modelled by deprivation fifth, not by place: priority favouring a place raises each fifth's \
                   priority by the share of its residents who live there. Command line: " }
                <code>{ format!("ics-whatif run --ics {} --place-aim prevention=CODE", props.code) }</code>
            </p>
        </details>
    }
}

/// The aim table's rows (indexes into `places`): lowest published life expectancy first, by
/// the average of men's and women's (the column the table shows and its caption names), then
/// the places that publish none.
fn aim_order(places: &[PlaceStart]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..places.len()).collect();
    sort_indexes(&mut idx, &|a, b| {
        let (pa, pb) = (&places[a], &places[b]);
        (!pa.le_published)
            .cmp(&!pb.le_published)
            .then(pa.le_persons().total_cmp(&pb.le_persons()))
    });
    idx
}

/// A change a year to two places, with its sign ("+0.04", "\u{2212}0.07", "0.00").
fn per_year(v: f64) -> String {
    format::signed(v, |x| format::fixed(x, 2))
}

/// One place's figures, for the readout under the chart.
fn place_readout(p: &PlaceStart, c: &PlaceMonth, s: &PlaceMonth, hidden: bool) -> Html {
    let pair =
        |f: &dyn Fn(&PlaceMonth) -> Option<f64>, show: &dyn Fn(f64) -> String| match (f(s), f(c)) {
            (Some(sv), Some(cv)) if !hidden => format!("{} (current plans {})", show(sv), show(cv)),
            (_, Some(cv)) => format!("current plans {}", show(cv)),
            _ => "not published".to_string(),
        };
    let years = |v: f64| format!("{} years", format::one_decimal(v));
    let count = |v: f64| format::thousands(v);
    html! {
        <>
            <strong>{ format!("{}{}: ", p.named(), if p.le_published { "" } else { " (life expectancy estimated)" }) }</strong>
            <span class="readout-item">{ format!("{} residents{}, {}% in England's most deprived fifth. ", format::thousands(p.residents),
                if p.part().is_some() { " in this ICB" } else { "" }, format::one_decimal(p.share[0] * 100.0)) }</span>
            <span class="readout-item">{ format!("Life expectancy: men {}, women {}. ", pair(&|m| Some(m.le.male), &years), pair(&|m| Some(m.le.female), &years)) }</span>
            if let Some(t) = p.published_trend() {
                <span class="readout-item">{ format!("Published change 2015-17 to 2022-24: men {}, women {} years a year. ", per_year(t.male), per_year(t.female)) }</span>
            }
            <span class="readout-item">{ format!("Healthy life expectancy: men {}, women {}. ", pair(&|m| m.hle.map(|h| h.male), &years), pair(&|m| m.hle.map(|h| h.female), &years)) }</span>
            <span class="readout-item">{ format!("Estimated waiting list {}; referrals {} a month.", pair(&|m| Some(m.waiting_list), &count), pair(&|m| Some(m.referrals), &count)) }</span>
        </>
    }
}

/// The places at one month as CSV: a row per place, both runs, every figure.
fn places_csv(
    places: &[PlaceStart],
    plans: &[PlaceMonth],
    scenario: &[PlaceMonth],
    settings: &[String],
    month: usize,
    hidden: bool,
) -> String {
    let mut out = String::new();
    for line in settings {
        out.push_str(&format!("# {line}\n"));
    }
    out.push_str(&format!(
        "# Figures for {} (month {month}); referrals and waiting lists by place are estimates\n",
        format::month_name(month)
    ));
    out.push_str("place_code,place_name,residents,imd_most_deprived_fifth_pct,le_published,run,le_men,le_women,hle_men,hle_women,referrals_a_month_estimate,waiting_list_estimate\n");
    let field = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let opt = |v: Option<f64>| v.map_or(String::new(), |v| format!("{v:.2}"));
    for (i, p) in places.iter().enumerate() {
        let runs: &[(&str, &PlaceMonth)] = if hidden {
            &[("current_plans", &plans[i])]
        } else {
            &[("current_plans", &plans[i]), ("scenario", &scenario[i])]
        };
        for (run, m) in runs {
            out.push_str(&format!(
                "{},{},{:.0},{:.1},{},{run},{:.2},{:.2},{},{},{:.0},{:.0}\n",
                p.code,
                field(&p.name),
                p.residents,
                p.share[0] * 100.0,
                p.le_published,
                m.le.male,
                m.le.female,
                opt(m.hle.map(|h| h.male)),
                opt(m.hle.map(|h| h.female)),
                m.referrals,
                m.waiting_list
            ));
        }
    }
    out
}

pub(super) struct SvgArgs<'a> {
    pub(super) title: &'a str,
    pub(super) settings: &'a [String],
    pub(super) places: &'a [PlaceStart],
    pub(super) plans: &'a [PlaceMonth],
    pub(super) scenario: &'a [PlaceMonth],
    pub(super) order: &'a [usize],
    pub(super) figure: Figure,
    pub(super) sex: Sex,
    pub(super) axis: (f64, f64),
    pub(super) hidden: bool,
    /// The scenario's 80% ranges by place (place order), drawn as whiskers, and the runs
    /// behind them (issue 13.4: the export shows what the panel shows).
    pub(super) ranges: Option<&'a [Option<(f64, f64)>]>,
    pub(super) runs: usize,
}

impl SvgArgs<'_> {
    /// The lines under the chart: the key, the model version and data, the source.
    pub(super) fn footer(&self) -> Vec<String> {
        let mut key = parts_note(self.places, self.order).map_or(String::new(), |n| n + " ");
        key.push_str("Open circle: current plans.");
        if !self.hidden {
            key.push_str(" Blue dot: this scenario.");
            if self.ranges.is_some() {
                key.push_str(&format!(
                    " Blue whiskers: its 80% range, 8 in 10 of {} Monte Carlo runs (seed {}) fall between.",
                    self.runs,
                    super::uncertainty::SEED
                ));
            }
        }
        key.push_str(&format!(
            " Years. ICS What-If model version {}; OHID and ONS life expectancy 2022-24.",
            crate::model::MODEL_VERSION
        ));
        let mut lines = crate::scenario::export::wrap(&key, 110);
        lines.push(super::chart::EXPORT_SOURCE.to_string());
        lines
    }

    /// Place `i`'s whisker, when shown.
    pub(super) fn range(&self, i: usize) -> Option<(f64, f64)> {
        self.ranges
            .filter(|_| !self.hidden)
            .and_then(|r| r.get(i).copied().flatten())
    }
}

/// The mark after a split authority's name on the dot chart and its exports.
pub(super) const PART_MARK: &str = "\u{2020}";

/// A place's name on the dot chart's exports, with [`PART_MARK`] for a part.
pub(super) trait ChartLabel {
    fn label(&self) -> String;
}

impl ChartLabel for PlaceStart {
    fn label(&self) -> String {
        let mark = if self.part().is_some() { PART_MARK } else { "" };
        format!("{}{mark}", self.name)
    }
}

/// The note that explains [`PART_MARK`] for the places `order` shows, or `None` without a
/// part: "† Part of an authority split between ICBs; its life expectancy is the whole
/// authority's: Cumberland (3.1% of its residents in this ICB), North Yorkshire (1.0%)." A new
/// user read Cumberland, 3% of whose residents live in Lancashire and South Cumbria, as one of
/// its places like Blackpool.
fn parts_note(places: &[PlaceStart], order: &[usize]) -> Option<String> {
    let parts: Vec<String> = order
        .iter()
        .filter_map(|&i| Some((&places[i].name, places[i].part_share()?)))
        .enumerate()
        .map(|(k, (name, share))| {
            let rest = if k == 0 {
                " of its residents in this ICB"
            } else {
                ""
            };
            format!("{name} ({share}{rest})")
        })
        .collect();
    (!parts.is_empty()).then(|| {
        format!(
            "{PART_MARK} Part of an authority split between ICBs; its life expectancy is the whole authority's: {}.",
            parts.join(", ")
        )
    })
}

/// The dot chart as a stand-alone SVG file, with its title and settings.
fn places_svg(a: &SvgArgs) -> String {
    let esc = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    };
    let (w, row, left, right) = (900.0, 26.0, 230.0, 90.0);
    let top = 40.0 + 20.0 * a.settings.len() as f64 + 30.0;
    let footer = a.footer();
    let h = top + row * a.order.len() as f64 + 20.0 + 20.0 * footer.len() as f64 + 10.0;
    let (lo, hi) = a.axis;
    let x = |v: f64| left + (v - lo) / (hi - lo) * (w - left - right);
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"Arial, sans-serif\" font-size=\"14\">\n<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n<text x=\"10\" y=\"26\" font-size=\"18\" font-weight=\"bold\">{}</text>\n",
        esc(a.title)
    );
    for (k, line) in a.settings.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"10\" y=\"{}\" fill=\"#3d3d3d\">{}</text>\n",
            50.0 + 20.0 * k as f64,
            esc(line)
        ));
    }
    let mut t = lo;
    while t <= hi + 1e-9 {
        s.push_str(&format!(
            "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"{1:.1}\" y2=\"{2:.1}\" stroke=\"#c9ced4\"/><text x=\"{0:.1}\" y=\"{3:.1}\" text-anchor=\"middle\">{4:.0}</text>\n",
            x(t),
            top - 10.0,
            top + row * a.order.len() as f64,
            top - 14.0,
            t
        ));
        t += 1.0;
    }
    for (r, &i) in a.order.iter().enumerate() {
        let y = top + row * r as f64 + row / 2.0;
        s.push_str(&format!(
            "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>\n",
            left - 10.0,
            y + 5.0,
            esc(&a.places[i].label())
        ));
        if let Some((lo, hi)) = a.range(i) {
            let (x0, x1) = (x(lo), x(hi));
            s.push_str(&format!(
                "<g class=\"range\" data-place=\"{}\" data-lo=\"{lo:.3}\" data-hi=\"{hi:.3}\" stroke=\"#0072b2\" stroke-width=\"2\" opacity=\"0.7\"><line x1=\"{x0:.1}\" x2=\"{x1:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><line x1=\"{x0:.1}\" x2=\"{x0:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/><line x1=\"{x1:.1}\" x2=\"{x1:.1}\" y1=\"{:.1}\" y2=\"{:.1}\"/></g>\n",
                esc(&a.places[i].code),
                y - 5.0,
                y + 5.0,
                y - 5.0,
                y + 5.0
            ));
        }
        if let Some(c) = value_of(&a.plans[i], a.figure, a.sex) {
            s.push_str(&format!("<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"2\"/>\n", x(c)));
        }
        match value_of(&a.scenario[i], a.figure, a.sex) {
            Some(v) if !a.hidden => s.push_str(&format!(
                "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#0072b2\"/><text x=\"{:.1}\" y=\"{:.1}\">{}</text>\n",
                x(v),
                w - right + 10.0,
                y + 5.0,
                format::one_decimal(v)
            )),
            _ => {}
        }
    }
    let foot = top + row * a.order.len() as f64 + 30.0;
    for (k, line) in footer.iter().enumerate() {
        s.push_str(&format!(
            "<text x=\"10\" y=\"{:.1}\" fill=\"#3d3d3d\">{}</text>\n",
            foot + 20.0 * k as f64,
            esc(line)
        ));
    }
    s.push_str("</svg>\n");
    s
}

/// Links near the top of the page to the Places and All systems panels: each opens its
/// panel and scrolls to it.
#[function_component]
pub fn ViewsNav() -> Html {
    let go = |id: &'static str| {
        Callback::from(move |_: MouseEvent| {
            if let Some(panel) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(id))
            {
                let _ = panel.set_attribute("open", "");
            }
        })
    };
    html! {
        <nav class="views-nav" aria-label="More views">
            <span>{ "More views: " }</span>
            <a href={format!("#{PLACES_ID}")} data-control="nav-places" onclick={go(PLACES_ID)}>{ "Places" }</a>
            <a href={format!("#{}", super::all_systems::ALL_SYSTEMS_ID)} data-control="nav-all-systems"
                onclick={go(super::all_systems::ALL_SYSTEMS_ID)}>{ "All systems" }</a>
            // Goal seeking (issue 14.1)
            <a href={format!("#{}", super::goal_panel::GOAL_ID)} data-control="nav-goal"
                onclick={go(super::goal_panel::GOAL_ID)}>{ "What would it take" }</a>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::simulate;

    fn split(
        code: &str,
    ) -> (
        Vec<PlaceStart>,
        Vec<Vec<PlaceMonth>>,
        crate::model::places::PlacesProjection,
    ) {
        let base = Baseline::for_code(code).unwrap();
        let s = Scenario {
            system: code.into(),
            ..Scenario::default()
        };
        let p = simulate(&base, &s);
        let starts = place_starts(code).unwrap();
        let pp = project_places(&base, &s, &p, &starts);
        (starts, pp.months.clone(), pp)
    }

    #[test]
    fn headline_names_blackpool_and_ribble_valley_at_month_0() {
        let (places, months, _) = split("QE1");
        let g = gap_of(&places, &months[0], Figure::LifeExpectancy, Sex::Men).unwrap();
        assert_eq!(
            gap_sentence(&places, &months[0], &g, Figure::LifeExpectancy, Sex::Men),
            "Blackpool 73.7, Ribble Valley 81.3: 7.6 years"
        );
    }

    #[test]
    fn a_split_authority_at_an_end_of_the_gap_is_named_as_a_part_and_explained() {
        // North East and North Cumbria: its highest place is Westmorland and Furness, 24% of
        // whose residents live in this ICB (the rest in Lancashire and South Cumbria).
        let (places, months, _) = split("QHM");
        let g = gap_of(&places, &months[0], Figure::LifeExpectancy, Sex::Men).unwrap();
        assert_eq!(
            gap_sentence(&places, &months[0], &g, Figure::LifeExpectancy, Sex::Men),
            "Middlesbrough 75.5, Westmorland and Furness (part: 24% of its residents) 79.9: 4.4 years"
        );
        let note = split_note(&places, &months[0], &g, Figure::LifeExpectancy, Sex::Men).unwrap();
        assert_eq!(
            note,
            "Westmorland and Furness is split between ICBs: 24% of its residents live in this ICB, and its life expectancy is the whole authority's (none is published for the part). Among places with most of their residents in this ICB: Middlesbrough 75.5, Northumberland 79.1: 3.6 years. The slope index across places weights each place by its residents in this ICB, so a part counts only for them."
        );
        // Lancashire and South Cumbria holds 76% of it: named as a part where it is an end,
        // with no note (its ends, Blackpool and Ribble Valley, are whole authorities).
        let (places, months, _) = split("QE1");
        let g = gap_of(&places, &months[0], Figure::LifeExpectancy, Sex::Men).unwrap();
        assert_eq!(
            split_note(&places, &months[0], &g, Figure::LifeExpectancy, Sex::Men),
            None
        );
    }

    #[test]
    fn view_gap_equals_the_models_gap_every_year() {
        for code in ["QE1", "QMF"] {
            let (places, months, pp) = split(code);
            for m in (0..months.len()).step_by(12) {
                for (sex, model) in [(Sex::Men, pp.gaps[m].men), (Sex::Women, pp.gaps[m].women)] {
                    let (g, model) = (
                        gap_of(&places, &months[m], Figure::LifeExpectancy, sex).unwrap(),
                        model.unwrap(),
                    );
                    assert_eq!(
                        (g.lowest, g.highest),
                        (model.lowest, model.highest),
                        "{code} {m}"
                    );
                    assert!((g.range - model.range).abs() < 1e-9);
                    assert!((g.sii.unwrap() - model.sii.unwrap()).abs() < 1e-9);
                }
            }
        }
    }

    #[test]
    fn healthy_life_expectancy_gap_leaves_out_districts() {
        // Lancashire and South Cumbria: most places are districts with no published HLE.
        let (places, months, _) = split("QE1");
        let g = gap_of(
            &places,
            &months[0],
            Figure::HealthyLifeExpectancy,
            Sex::Women,
        )
        .unwrap();
        for i in [g.lowest, g.highest] {
            assert!(places[i].hle.is_some(), "{}", places[i].name);
            assert!(
                places[i].code.starts_with("E06") || places[i].code.starts_with("E08"),
                "{}",
                places[i].code
            );
        }
        assert!(g.range > 0.0);
        let order = order(
            &places,
            &months[0],
            Figure::HealthyLifeExpectancy,
            Sex::Women,
        );
        let last_shown = order
            .iter()
            .rposition(|&i| places[i].hle.is_some())
            .unwrap();
        assert!(
            order[..=last_shown]
                .iter()
                .all(|&i| places[i].hle.is_some()),
            "published first"
        );
    }

    #[test]
    fn aim_table_is_in_the_order_its_caption_names_and_shows() {
        // places7: Hyndburn (76.6 / 80.0) came before Blackburn with Darwen (76.5 / 80.4)
        // under "lowest life expectancy first": the order is the average of both, which the
        // table now shows, so the column it shows never goes down.
        let (places, ..) = split("QE1");
        let order = aim_order(&places);
        assert_eq!(order.len(), places.len());
        let shown: Vec<String> = order
            .iter()
            .filter(|&&i| places[i].le_published)
            .map(|&i| format::one_decimal(places[i].le_persons()))
            .collect();
        let numbers: Vec<f64> = shown.iter().map(|s| s.parse().unwrap()).collect();
        assert!(numbers.windows(2).all(|w| w[0] <= w[1]), "{shown:?}");
        let at = |name: &str| order.iter().position(|&i| places[i].name == name).unwrap();
        assert!(at("Hyndburn") < at("Blackburn with Darwen"));
        assert_eq!(places[order[0]].name, "Blackpool");
    }

    #[test]
    fn intro_says_the_trend_plainly_whatever_share_carries_on() {
        assert!(trend_plainly(100.0).starts_with("A place whose life expectancy rose or fell"));
        assert!(!trend_plainly(100.0).contains("pace"));
        assert!(trend_plainly(50.0).contains("(at 50% of that pace)"));
        assert!(trend_plainly(0.0).contains("holds still"));
    }

    #[test]
    fn csv_has_a_row_per_place_and_run() {
        let (places, months, _) = split("QE1");
        let csv = places_csv(
            &places,
            &months[0],
            &months[0],
            &["Area: x".into()],
            0,
            false,
        );
        let rows: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(rows.len(), 1 + 2 * places.len());
        assert!(csv.contains("E06000009,Blackpool,"), "{csv}");
        let hidden = places_csv(&places, &months[0], &months[0], &[], 0, true);
        assert!(!hidden.contains(",scenario,"));
    }
}
