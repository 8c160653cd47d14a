//! The board brief (issue 14.3): one view that prints, or saves as PDF from the browser, on
//! at most two A4 pages: the question (an editable title), area and dates, the levers moved,
//! the headline figures at the chosen month against current plans with the Monte Carlo's
//! ranges, three charts (waiting list, 18-week share, life-expectancy gap) with the pins
//! named, the four purposes, assumptions changed, caveats, sources, the model version, the
//! date and the scenario link. Opened from the toolbar; the page's print CSS (`@page A4`,
//! the block at the end of `style.css`) lays it out for paper.
//!
//! Also the small helpers the chosen month and the exports share in the app: today's date
//! from the page's clock ([`today_months`], [`today_iso`]), the month menu's words
//! ([`month_option`]) and the description every export carries ([`export_info`]).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::chart::{self, LinePair, PinLine, Plot, SCENARIO_COLOUR};
use super::charts::{CHARTS, HEADLINES};
use super::compare::{pin_name, PIN_STYLES};
use super::format::{self, Measure};
use super::scoreboard::Scoreboard;
use super::state::{AppState, Pin};
use crate::app_state::view::{period_of, TARGET_DATES};
use crate::model::paired::{PairedDifference, PairedRun};
use crate::model::projection::Verdict;
use crate::model::{Baseline, Metric, MonteCarlo, Projection, Scenario, MODEL_VERSION};
use crate::scenario::export::{assumption_changes, ExportInfo};

/// The charts the brief draws, by metric: waiting list, 18-week share, life-expectancy gap.
pub const BRIEF_CHARTS: [Metric; 3] = [
    Metric::WaitingList,
    Metric::Within18WeeksPct,
    Metric::LifeExpectancyGap,
];

/// Size of each chart in the brief, in SVG user units (drawn at one unit a CSS pixel).
const CHART_SIZE: (u32, u32) = (420, 300);

/// Today's date as months from month 0 (fractional: the 16th of a 30-day month is half a
/// month on), from the page's clock; `None` without one.
pub fn today_months() -> Option<f64> {
    let now = js_sys::Date::new_0();
    let year = now.get_utc_full_year() as i32;
    if year < 1970 {
        return None;
    }
    let month = now.get_utc_month() + 1;
    let day = f64::from(now.get_utc_date());
    let this = crate::data::rtt::Period { year, month };
    let months = this.months_since(crate::data::rtt::start_period()) as f64;
    Some(months + (day - 1.0) / 30.5)
}

/// The brief's word on when changes set "at once" act, when some lever does and projections
/// start before today ([`crate::scenario::phasing::at_once_note`]).
fn at_once_note(scenario: &crate::model::Scenario) -> Option<String> {
    use crate::model::Lever;
    let today = today_months()?.floor().max(0.0) as u32;
    Lever::ALL
        .iter()
        .any(|&l| scenario.levers[l] != l.spec().default && scenario.phasing[l].start <= 1)
        .then(|| crate::scenario::phasing::at_once_note(today))
        .flatten()
}

/// Today's date, YYYY-MM-DD, from the page's clock (the export date).
pub fn today_iso() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date()
    )
}

/// A month in the menu: "March 2029 (year 4; target: 92% within 18 weeks)".
pub fn month_option(m: usize) -> String {
    let period = period_of(m as u32);
    let mut notes = Vec::new();
    if m % 12 == 0 {
        notes.push(format!("year {}", m / 12));
    }
    if let Some((_, what)) = TARGET_DATES.iter().find(|(p, _)| *p == period) {
        notes.push(format!("target: {what}"));
    }
    if notes.is_empty() {
        period.name()
    } else {
        format!("{} ({})", period.name(), notes.join("; "))
    }
}

/// What every export from the app says it shows (issue 14.6): area, scenario name, levers,
/// changed assumptions, the month reported, the runs and seed behind any range, the pins,
/// the model version and today's date.
pub fn export_info(state: &AppState, area: &str, runs: Option<(usize, u64)>) -> ExportInfo {
    let spec = state.scenario_spec();
    let estimates = state
        .runs
        .baseline
        .estimates
        .iter()
        .map(|e| e.to_string())
        .collect();
    let mut info = ExportInfo::with_estimates(&spec, area, None, &today_iso(), estimates);
    info.month = Some(state.view.month);
    info.runs = runs.filter(|r| r.0 > 0);
    info.pins = state.document.pins.iter().map(pin_name).collect();
    info
}

#[derive(Properties, PartialEq)]
pub struct BriefProps {
    /// The area's name ("England", "Greater Manchester").
    pub area: String,
    /// The area at the start: the paired runs behind the differences' ranges run from it.
    pub baseline: Rc<Baseline>,
    pub spec: Scenario,
    pub scenario: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    pub pins: Rc<Vec<Pin>>,
    /// Room5: which pins are hidden (acts not yet revealed), by index: left out, the others
    /// in their own colours.
    #[prop_or_default]
    pub hidden_pins: Rc<Vec<bool>>,
    /// The chosen month, months from month 0.
    pub month: usize,
    /// The Monte Carlo for this scenario so far (`None` before it starts).
    pub fan: Option<Rc<MonteCarlo>>,
    /// Runs in a full Monte Carlo.
    pub full_runs: usize,
    /// The scenario link (with the month).
    pub link: String,
    /// How many of the area's starting figures are estimates.
    pub estimates: usize,
    /// Where the area's published waiting figures come from.
    pub waits_basis: String,
    /// The question, as the user wrote it (or the automatic one).
    pub title: String,
    pub on_title: Callback<String>,
    pub on_close: Callback<MouseEvent>,
    /// Goal seeking (issue 14.1): the answer, if there is one and it is not out of date.
    #[prop_or_default]
    pub goal: Option<Rc<crate::app_state::goal::GoalResult>>,
}

/// The board brief.
#[function_component]
pub fn Brief(props: &BriefProps) -> Html {
    let month = props
        .month
        .min(props.scenario.months.len().saturating_sub(1));
    let when = format::month_name(month);
    let levers = {
        let mut l = crate::scenario::naming::changes(&props.spec);
        l.retain(|x| x != crate::scenario::naming::DIFFERENT_ASSUMPTIONS);
        l
    };
    let assumptions = assumption_changes(&props.spec);
    let runs = props.fan.as_ref().map_or(0, |f| f.runs);
    let complete = runs >= props.full_runs;
    // The differences' ranges: the same runs paired with current plans (none without levers).
    let differs = props.spec != crate::app_state::runs::current_plans_of(&props.spec);
    let paired = use_paired(
        props.baseline.clone(),
        differs.then(|| props.spec.clone()),
        month,
        props.full_runs,
    );
    let paired = paired.as_ref().map(|p| p.borrow());
    let pairs = paired.as_ref().map_or(0, |p| p.done());
    let on_title = {
        let on_title = props.on_title.clone();
        Callback::from(move |e: Event| {
            let input: HtmlTextAreaElement = e.target_unchecked_into();
            on_title.emit(input.value());
        })
    };
    let on_print = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let horizon = props.scenario.months.len().saturating_sub(1);
    let range_head = if runs == 0 {
        "Range (Monte Carlo not yet run)".to_string()
    } else {
        "80% range (8 in 10 runs)".to_string()
    };

    html! {
        <article class="brief" data-control="brief" aria-label="Board brief">
            <div class="brief-controls">
                <button type="button" data-control="brief-print" onclick={on_print}>{ "Print or save as PDF" }</button>
                <button type="button" data-control="brief-close" onclick={props.on_close.clone()}>{ "Back to the model" }</button>
                <span class="brief-hint">{ "Edit the question below; choose the month on the model page. \
                    To save a PDF, choose “Save as PDF” as the printer (A4, no headers and footers)." }</span>
            </div>
            <header class="brief-head">
                <p class="brief-kicker">{ "Board brief \u{00B7} ICS What-If" }</p>
                <label class="visually-hidden" for="brief-title">{ "The question this brief answers" }</label>
                <textarea id="brief-title" class="brief-title" data-control="brief-title" rows="2"
                    value={props.title.clone()} onchange={on_title} maxlength="160" />
                <h1 class="brief-title-print" data-control="brief-title-print">{ props.title.clone() }</h1>
                <p class="brief-meta" data-control="brief-meta">
                    { format!("{} \u{00B7} projection {} to {} \u{00B7} figures for {when} \u{00B7} prepared {} \u{00B7} ICS What-If model version {MODEL_VERSION}",
                        props.area, format::month_name(0), format::month_name(horizon), today_iso()) }
                </p>
            </header>

            <section class="brief-section brief-levers">
                <h2>{ "Levers moved" }</h2>
                if levers.is_empty() {
                    <p>{ "None: this is current plans." }</p>
                } else {
                    <ul data-control="brief-levers">
                        { for levers.iter().map(|l| html! { <li>{ capitalised(l) }</li> }) }
                    </ul>
                    if let Some(note) = at_once_note(&props.spec) {
                        <p class="brief-note" data-control="brief-at-once">{ note }</p>
                    }
                    // places7: prevention aimed at places far beyond the public-health grant.
                    if let Some(w) = crate::model::place_aim::spend_warning(&props.spec.system, &props.spec.places, props.spec.levers[crate::model::Lever::PreventionSpend], crate::scenario::places::place_names) {
                        <p class="brief-note brief-warning" data-control="brief-aim-warning">
                            <strong>{ "Warning: " }</strong>{ w }
                        </p>
                    }
                }
            </section>

            <section class="brief-section">
                <h2>{ format!("Headline figures, {when}, against current plans") }</h2>
                <table class="brief-figures" data-control="brief-figures">
                    <thead>
                        <tr>
                            <th scope="col">{ "Figure" }</th>
                            <th scope="col" class="num">{ "This scenario" }</th>
                            <th scope="col" class="num">{ "Current plans" }</th>
                            <th scope="col">{ "Difference" }</th>
                            <th scope="col" data-control="brief-difference-head">{ "Difference: 80% range (paired runs)" }</th>
                            <th scope="col" class="num">{ range_head }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for HEADLINES.iter().map(|h| {
                            let s = h.metric.of(&props.scenario.months[month]);
                            let c = h.metric.of(&props.current_plans.months[month.min(props.current_plans.months.len() - 1)]);
                            let range = props.fan.as_ref()
                                .and_then(|mc| mc.fan(h.metric).quantiles.get(month).copied())
                                // Ends that read the same are one figure (sixth session).
                                .map(|q| super::headlines::spread(h.metric, h.measure, q.p10, q.p90).cell())
                                .unwrap_or_else(|| "\u{2013}".to_string());
                            let d = paired.as_ref().and_then(|p| p.difference(h.metric));
                            let d_range = d.map(|d| d.quantiles.range_80());
                            html! {
                                <tr data-brief-metric={h.metric.key()} data-value={s.to_string()}>
                                    <th scope="row">{ h.label }</th>
                                    <td class="num">{ h.measure.show(s) }</td>
                                    <td class="num">{ h.measure.show(c) }</td>
                                    <td data-difference={(s - c).to_string()}>{ difference(h.metric, h.measure, s, c) }</td>
                                    <td class="brief-difference-range" data-lo={d_range.map(|r| r.0.to_string())}
                                        data-hi={d_range.map(|r| r.1.to_string())}>
                                        { match (d, !differs) {
                                            (_, true) => "\u{2013}".to_string(),
                                            (Some(d), _) => difference_range(h.metric, h.measure, &d),
                                            (None, _) => "not yet run".to_string(),
                                        } }
                                    </td>
                                    <td class="num">{ range }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                <p class="brief-note" data-control="brief-runs">
                    { if runs == 0 {
                        "The Monte Carlo has not run yet, so no ranges are given: wait for it on the model page, then print.".to_string()
                    } else if complete {
                        format!("80% ranges: 8 in 10 of {runs} Monte Carlo runs (seed {}) fall between these figures (the 10th to the 90th percentile), \
                                 drawing the uncertain assumptions from their likely ranges.", props.fan.as_ref().map_or(0, |f| f.seed))
                    } else {
                        format!("80% ranges from {runs} of {} Monte Carlo runs so far: wait for all {} before printing.", props.full_runs, props.full_runs)
                    } }
                    if differs {
                        <span data-control="brief-paired-runs">
                            { if pairs < props.full_runs {
                                format!(" The differences' ranges are being run ({pairs} of {} paired runs): wait before printing.", props.full_runs)
                            } else {
                                format!(" The differences' ranges pair each of the {pairs} runs with current plans under the same drawn \
                                    assumptions and take the 10th to 90th percentile of the {pairs} differences, so the uncertainty both share \
                                    cancels; \u{201c}better in N of {pairs}\u{201d} counts the runs where the scenario comes out better.")
                            } }
                        </span>
                    }
                </p>
            </section>

            <section class="brief-section brief-charts" data-control="brief-charts">
                <h2>{ "Three charts" }</h2>
                <div class="brief-chart-row">
                    { for BRIEF_CHARTS.iter().map(|&metric| brief_chart(props, metric, month)) }
                </div>
                <p class="brief-legend" data-control="brief-legend">
                    { legend_text(&props.pins, &props.hidden_pins, month, super::chart_panel::today_note(today_months(), props.scenario.months.len())) }
                </p>
            </section>

            <div class="brief-section brief-scoreboard">
                <Scoreboard scenario={props.scenario.clone()} current_plans={props.current_plans.clone()} {month} />
            </div>

            <section class="brief-section brief-assumptions">
                <h2>{ "Assumptions changed" }</h2>
                if assumptions.is_empty() {
                    <p>{ "None: every assumption at its central estimate." }</p>
                } else {
                    <ul data-control="brief-assumptions">
                        { for assumptions.iter().map(|a| html! { <li>{ a.clone() }</li> }) }
                    </ul>
                }
            </section>

            // Goal seeking (issue 14.1): "What would it take", when there is a fresh answer.
            if let Some(goal) = props.goal.as_ref() {
                { super::goal_panel::brief_section(goal) }
            }

            <section class="brief-section brief-small">
                <h2>{ "Caveats" }</h2>
                <ul>
                    <li>{ "A model, not a forecast: compare the scenario with current plans (levers at their defaults), not with what will happen." }</li>
                    <li>{ format!("{} of this area's starting figures are estimates from England's, not published figures.", props.estimates) }</li>
                    <li>{ format!("Money in {}; extra spending is what the levers cost against current plans, a cost, not better or worse.",
                        crate::model::finance::PRICE_BASE) }</li>
                    <li>{ "Emergency care, mental health and primary care are not modelled in their own right; patients do not move between areas." }</li>
                </ul>
                <h2>{ "Sources" }</h2>
                <p>{ format!("Waiting list, 18-week share and 52-week waiters in {}: {}. Workforce: NHS Digital workforce and vacancy statistics. \
                    Life expectancy by deprivation: ONS. Every lever's and assumption's source is in the app beside it.",
                    format::month_name(0), props.waits_basis) }</p>
                <p class="brief-link">
                    { "Scenario link: " }<span data-control="brief-link">{ props.link.clone() }</span>
                </p>
                <p>{ format!("ICS What-If model version {MODEL_VERSION} \u{00B7} prepared {}", today_iso()) }</p>
            </section>
        </article>
    }
}

/// A difference from current plans in words, with its verdict: "▲ 0.21m lower (better)".
fn difference(metric: Metric, measure: Measure, s: f64, c: f64) -> String {
    let size = measure.show_difference(s - c);
    if size == measure.show_difference(0.0) {
        return "same".to_string();
    }
    let way = if s > c { "higher" } else { "lower" };
    match metric.spec().verdict(s, c, false) {
        Verdict::Better => format!("\u{25B2} {size} {way} (better)"),
        Verdict::Worse => format!("\u{25BC} {size} {way} (worse)"),
        Verdict::More => format!("{size} more"),
        Verdict::Less => format!("{size} less"),
        Verdict::Same => "same".to_string(),
    }
}

/// The 80% range of a difference from current plans over paired runs, in words, with how
/// many runs come out better where the figure is judged: "0.15m to 0.27m lower; better in 200
/// of 200 runs", "0.4 points lower to 1.2 points higher; better in 150 of 200 runs", "same".
pub fn difference_range(metric: Metric, measure: Measure, d: &PairedDifference) -> String {
    let (lo, hi) = d.quantiles.range_80();
    let size = |v: f64| measure.show_difference(v);
    let zero = size(0.0);
    let range = if size(lo) == zero && size(hi) == zero {
        "same".to_string()
    } else if lo >= 0.0 || hi <= 0.0 {
        // One side: the smaller size first.
        let (near, far, way) = if lo >= 0.0 {
            (lo, hi, "higher")
        } else {
            (hi, lo, "lower")
        };
        if size(near) == size(far) {
            format!("{} {way}", size(far))
        } else {
            format!("{} to {} {way}", size(near), size(far))
        }
    } else {
        format!("{} lower to {} higher", size(lo), size(hi))
    };
    let better = match metric.spec().verdict(1.0, 0.0, false) {
        Verdict::Better => Some(d.higher),
        Verdict::Worse => Some(d.lower),
        _ => None,
    };
    match better {
        Some(n) if range != "same" => format!("{range}; better in {n} of {} runs", d.runs),
        _ => range,
    }
}

/// Paired runs of `spec` and its current plans at `month` (`None`: not wanted), filled in
/// chunks between frames while the brief is open, as the fans are (`uncertainty`): the same
/// runs and seed, so the scenario's side is its fan's runs. Returns the job once it has runs.
#[hook]
fn use_paired(
    baseline: Rc<Baseline>,
    spec: Option<Scenario>,
    month: usize,
    runs: usize,
) -> Option<Rc<RefCell<PairedRun>>> {
    let done = use_state(|| 0usize);
    let job = use_mut_ref(|| None::<Rc<RefCell<PairedRun>>>);
    let generation = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    {
        let (job, done) = (job.clone(), done.setter());
        let generation = generation.borrow().clone();
        use_effect_with((baseline, spec, month), move |(base, spec, month)| {
            let mine = generation.get() + 1;
            generation.set(mine);
            *job.borrow_mut() = None;
            done.set(0);
            if let Some(s) = spec {
                let plans = crate::app_state::runs::current_plans_of(s);
                let seed = super::uncertainty::SEED;
                let run = Rc::new(RefCell::new(PairedRun::new(s, &plans, runs, seed, *month)));
                *job.borrow_mut() = Some(run.clone());
                fn chunk(
                    run: Rc<RefCell<PairedRun>>,
                    base: Rc<Baseline>,
                    g: Rc<Cell<u64>>,
                    mine: u64,
                    done: UseStateSetter<usize>,
                ) {
                    super::later(0, move || {
                        if g.get() != mine {
                            return;
                        }
                        let finished = run.borrow_mut().advance(&base, 20);
                        done.set(run.borrow().done());
                        if !finished {
                            chunk(run, base, g, mine, done);
                        }
                    });
                }
                chunk(run, base.clone(), generation.clone(), mine, done.clone());
            }
            move || generation.set(generation.get() + 1)
        });
    }
    let _ = *done;
    let job = job.borrow().clone();
    job.filter(|j| j.borrow().done() > 0)
}

/// ASCII upper case: the changes are worded from the levers' labels, all ASCII, and
/// `char::to_uppercase` brings Unicode's case tables into the app (6.7 KB gzipped).
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| {
            std::iter::once(c.to_ascii_uppercase())
                .chain(chars)
                .collect()
        })
        .unwrap_or_default()
}

/// The charts' legend in words, naming each pin by its line.
fn legend_text(pins: &[Pin], hidden: &[bool], month: usize, today: Option<String>) -> String {
    let mut parts = vec![
        "Blue solid: this scenario".to_string(),
        "black dashed: current plans".to_string(),
        "shaded: 80% range (8 in 10 Monte Carlo runs fall between) and the middle half of runs"
            .to_string(),
        "orange dashed: NHS standard and target".to_string(),
        format!(
            "grey verticals: the last published month ({}), {}{} and (18-week share) the target dates",
            format::month_name(0),
            if today.is_some() { "today, " } else { "" },
            format::month_name(month)
        ),
    ];
    parts.extend(today);
    const WORDS: [&str; 4] = [
        "orange dots",
        "purple long dashes",
        "green short dashes",
        "thin sky-blue line",
    ];
    let hidden = |i: usize| hidden.get(i).copied().unwrap_or(false);
    for (i, pin) in pins.iter().enumerate().filter(|(i, _)| !hidden(*i)) {
        parts.push(format!("{}: {}", WORDS[i.min(3)], pin_name(pin)));
    }
    // Room5: the brief says what it leaves out for the room's secret.
    let withheld = (0..pins.len()).filter(|&i| hidden(i)).count();
    if withheld > 0 {
        parts.push(format!(
            "withheld until revealed: {withheld} pinned scenario{}",
            if withheld == 1 { "" } else { "s" }
        ));
    }
    parts.join("; ") + "."
}

/// One of the brief's charts as an SVG image (drawn by the page's chart code).
fn brief_chart(props: &BriefProps, metric: Metric, month: usize) -> Html {
    let Some(spec) = CHARTS.iter().find(|c| c.metric == metric) else {
        return html! {};
    };
    let pins: Vec<PinLine> = props
        .pins
        .iter()
        .zip(PIN_STYLES)
        .enumerate()
        .filter(|(i, _)| !props.hidden_pins.get(*i).copied().unwrap_or(false))
        .map(|(_, (pin, style))| PinLine::new(style, pin.projection.series(metric)))
        .collect();
    let fan = props
        .fan
        .as_ref()
        .map(|mc| mc.fan(metric).quantiles.as_slice());
    let plot = Plot {
        y_title: spec.y_title,
        measure: spec.measure(),
        lines: vec![LinePair {
            colour: SCENARIO_COLOUR,
            scenario: props.scenario.series(metric),
            current_plans: props.current_plans.series(metric),
        }],
        pins,
        fan,
        axis_fan: None,
        references: spec.references,
        y_from_zero: spec.y_from_zero,
        thick: false,
        published: Vec::new(),
        marks: super::chart_panel::marks(today_months(), Some(month), !spec.references.is_empty()),
    };
    match chart::plot_svg(&plot, CHART_SIZE) {
        Ok(svg) => html! {
            <figure class="brief-chart" data-brief-chart={metric.key()}>
                <figcaption>{ spec.title }</figcaption>
                <img src={format!("data:image/svg+xml,{}", encode_uri(&svg))}
                    alt={format!("{}: this scenario {} and current plans {} in {}", spec.title,
                        spec.measure().show(metric.of(&props.scenario.months[month])),
                        spec.measure().show(metric.of(&props.current_plans.months[month.min(props.current_plans.months.len() - 1)])),
                        format::month_name(month))} />
            </figure>
        },
        Err(e) => html! { <p>{ format!("{}: could not be drawn ({e})", spec.title) }</p> },
    }
}

/// Percent-encodes an SVG for a `data:` URL (everything but unreserved characters).
fn encode_uri(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for b in text.bytes() {
        if b.is_ascii_alphanumeric()
            || matches!(
                b,
                b'-' | b'.' | b'_' | b'~' | b' ' | b'=' | b':' | b'/' | b',' | b';'
            )
        {
            if b == b' ' {
                out.push_str("%20");
            } else {
                out.push(b as char);
            }
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The question a brief opens with when the user has written none.
pub fn default_title(area: &str, spec: &Scenario, month: usize) -> String {
    let name = crate::scenario::auto_name(spec);
    if name == crate::scenario::naming::UNCHANGED {
        format!(
            "Where do current plans leave {area} by {}?",
            format::month_name(month)
        )
    } else {
        format!(
            "What would “{name}” do for {area} by {}?",
            format::month_name(month)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::monte_carlo::Quantiles;
    use crate::model::paired::paired_run;
    use crate::model::{simulate, Lever};

    fn paired(lo: f64, hi: f64, higher: usize, lower: usize) -> PairedDifference {
        PairedDifference {
            quantiles: Quantiles::from_array([lo, lo, lo, lo, hi, hi, hi]),
            higher,
            lower,
            runs: 200,
        }
    }

    #[test]
    fn a_differences_range_reads_in_words() {
        let read = |m: Metric, d: PairedDifference| difference_range(m, Measure::of(m.unit()), &d);
        assert_eq!(
            read(Metric::WaitingList, paired(-270e3, -150e3, 0, 200)),
            "150k to 270k lower; better in 200 of 200 runs"
        );
        assert_eq!(
            read(Metric::Within18WeeksPct, paired(-0.4, 1.2, 150, 50)),
            "0.4 points lower to 1.2 points higher; better in 150 of 200 runs"
        );
        assert_eq!(
            read(Metric::Over52Weeks, paired(2e3, 5e3, 200, 0)),
            "2k to 5k higher; better in 0 of 200 runs"
        );
        assert_eq!(read(Metric::WaitingList, paired(0.0, 0.0, 0, 0)), "same");
        assert_eq!(
            read(Metric::CumulativeCostGbpM, paired(12.0, 30.0, 200, 0)),
            "£12m to £30m higher"
        );
    }

    /// The brief's cell for England with recruitment +20% in March 2029: the paired range
    /// holds the central difference, and is what the brief shows.
    #[test]
    fn englands_difference_range_holds_the_central_difference() {
        let base = Baseline::england();
        let mut s = Scenario::default();
        s.levers[Lever::Recruitment] = 20.0;
        let plans = crate::app_state::runs::current_plans_of(&s);
        let month = 48;
        let p = paired_run(&base, &s, &plans, 200, 2025, month);
        let (a, b) = (simulate(&base, &s), simulate(&base, &plans));
        for h in HEADLINES {
            let central = h.metric.of(&a.months[month]) - h.metric.of(&b.months[month]);
            let d = p.difference(h.metric).unwrap();
            let (lo, hi) = d.quantiles.range_80();
            assert!(
                lo <= central + 1e-9 && central - 1e-9 <= hi,
                "{:?}: {lo} {central} {hi}",
                h.metric
            );
        }
        let d = p.difference(Metric::WaitingList).unwrap();
        assert!(
            difference_range(Metric::WaitingList, Measure::Count, &d)
                .ends_with("lower; better in 200 of 200 runs"),
            "{d:?}"
        );
    }
}
