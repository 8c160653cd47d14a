//! One chart on the page: title, canvas, legend and a hover readout of the month under the
//! pointer (or chosen with the arrow keys when the chart has focus).

use std::cell::RefCell;
use std::rc::Rc;

use plotters::style::RGBColor;
use web_sys::HtmlCanvasElement;
use yew::prelude::*;

use super::chart::{self, LinePair, PinLine, Plot, PlotArea, SCENARIO_COLOUR};
use super::charts::{ChartSpec, CHARTS, QUINTILE_COLOURS, QUINTILE_NAMES};
use super::compare::PIN_STYLES;
use super::format;
use super::observe::{use_observed, whole_px};
use super::persist;
use super::placement;
use super::state::Pin;
use super::timing;
use crate::data::rtt::{start_period, Period};
use crate::model::track_record::HistoryPoint;
use crate::model::{MonteCarlo, MonthRecord, Projection};

#[derive(Properties, PartialEq)]
pub struct ChartPanelProps {
    /// Index into [`CHARTS`].
    pub chart: usize,
    pub scenario: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    /// The Monte Carlo so far, for this scenario; `None` while it has not started.
    pub fans: Option<Rc<MonteCarlo>>,
    /// The latest Monte Carlo for this system, finished or not, fresh or stale: the y axis
    /// fits it, so the axis holds still while a slider moves and the fresh fan is run.
    pub axis_fans: Option<Rc<MonteCarlo>>,
    pub show_quintiles: bool,
    /// Whether current plans are run under assumptions the user changed (the legend says so).
    pub assumptions_modified: bool,
    /// Pinned scenarios, overlaid on the total view.
    pub pins: Rc<Vec<Pin>>,
    /// Room5: which pins are hidden (an act not yet revealed), by index: left out, while
    /// every other pin keeps its own colour (`PIN_STYLES[index]`). Shorter: the rest shown.
    #[prop_or_default]
    pub hidden_pins: Rc<Vec<bool>>,
    /// Predict, then reveal: the scenario's line, fan and values are not shown.
    #[prop_or_default]
    pub hide_scenario: bool,
    /// Presenter mode: thicker lines.
    #[prop_or_default]
    pub thick: bool,
    /// The scenario's settings, a line each (area, changed levers, years), for exports.
    #[prop_or_default]
    pub settings: Rc<Vec<String>>,
    /// Present on charts with a by-fifth view: switches it.
    #[prop_or_default]
    pub on_show_quintiles: Option<Callback<bool>>,
    /// The area's published months up to month 0, oldest first (dots on the charts of
    /// published figures).
    #[prop_or_default]
    pub published: Rc<Vec<HistoryPoint>>,
    // ---- The chosen month (issue 14.5) ----
    /// The chosen month (months from month 0): the readout's month without a pointer, and
    /// marked on the chart.
    #[prop_or_default]
    pub month: Option<usize>,
    /// Today's date as months from month 0 (fractional), from the page's clock: marked.
    #[prop_or_default]
    pub today: Option<f64>,
}

/// The vertical marks of a chart: on a chart with the standard's lines (`targets`), the
/// target dates (issue 14.6); the last published month, where the projection starts (month 0,
/// read from the data); today's date from the page's clock, when it falls after the last
/// published month (issue 14.5), labelled with its month, so the months between read as
/// projected (the legend says so: [`today_note`]); the chosen month, last; each once.
pub fn marks(today: Option<f64>, month: Option<usize>, targets: bool) -> Vec<(f64, String)> {
    let mut marks = Vec::new();
    if targets {
        for (period, what) in crate::app_state::view::TARGET_DATES {
            let t = crate::app_state::view::month_of(period);
            if t > 0 && Some(t as usize) != month {
                marks.push((t as f64 / 12.0, format!("{what} due")));
            }
        }
    }
    marks.push((0.0, format!("{LAST_PUBLISHED}: {}", format::month_name(0))));
    if let Some(t) = today.filter(|t| *t >= 1.0) {
        marks.push((
            t / 12.0,
            format!("{TODAY} ({})", format::month_name(t as usize)),
        ));
    }
    if let Some(m) = month {
        let due = crate::app_state::view::TARGET_DATES
            .iter()
            .find(|(p, _)| targets && crate::app_state::view::month_of(*p) == m as i64);
        marks.push((
            m as f64 / 12.0,
            match due {
                Some((_, what)) => format!("{}: {what} due", format::month_name(m)),
                None => format::month_name(m),
            },
        ));
    }
    marks
}

/// The mark at today's date (the page's clock).
pub const TODAY: &str = "Today";

/// What the months between the last published month and today are, when the chart marks
/// today (after month 0 and within the `months` of the projection): "Today (December 2026):
/// the months after March 2025 are projected; no published figures after March 2025 are
/// loaded". `None` where no Today is marked.
pub fn today_note(today: Option<f64>, months: usize) -> Option<String> {
    let t = today.filter(|t| *t >= 1.0 && *t < months as f64)?;
    let last = format::month_name(0);
    Some(format!(
        "{TODAY} ({}): the months after {last} are projected; no published figures after {last} are loaded",
        format::month_name(t as usize)
    ))
}

/// The mark at month 0, where the published figures end and the projection starts.
pub const LAST_PUBLISHED: &str = "Last published";
/// The mark where an ICB's published figures change basis, and its tooltip in the legend.
const BASIS_CHANGE: &str = "April 2023: ICBs took on specialised care";
const BASIS_CHANGE_MEANS: &str = "Until April 2023 NHS England commissioned more specialised care \
    itself; from then ICBs did, so an ICB's waiting list before April 2023 was about 7% lower and \
    is not comparable with later months. So the dots start in May 2023 (the data this app \
    reads has no April 2023).";

/// Before this month an ICB's published figures are not comparable with later ones (NHS
/// England commissioned more specialised care until April 2023: `data::rtt::FIRST_COMPARABLE`),
/// so the dots start there; the chart marks the change, months from month 0 (`None` where
/// every published month is comparable, as England's are).
fn basis_change(published: &[HistoryPoint]) -> Option<f64> {
    let first = published.iter().find(|h| h.comparable)?;
    if published.first()?.comparable {
        return None;
    }
    let period = Period::parse(&first.period).ok()?;
    Some(period.months_since(start_period()) as f64 - 1.0)
}

/// What a redraw depends on: the projections, the fans (drawn, and for the axis), the view
/// and the pins.
type DrawInputs = (
    Rc<Projection>,
    Rc<Projection>,
    (Option<Rc<MonteCarlo>>, Option<Rc<MonteCarlo>>),
    bool,
    (Rc<Vec<Pin>>, Rc<Vec<bool>>),
    (bool, bool),
    Rc<Vec<HistoryPoint>>,
    (Option<f64>, Option<usize>),
);

#[function_component]
pub fn ChartPanel(props: &ChartPanelProps) -> Html {
    let spec = &CHARTS[props.chart];
    let canvas = use_node_ref();
    let figure = placement::use_placed();
    let area = use_mut_ref(|| None::<PlotArea>);
    let hover = use_state(|| None::<usize>);
    let months = props.scenario.months.len();
    let by_quintile = showing_quintiles(spec, props.show_quintiles);
    // A chart scrolled out of view is not redrawn; it catches up when it comes back. Its
    // size comes from the browser's reports, so drawing never forces a layout mid-move.
    // After every render, the chart is drawn if it is on screen and what it would draw
    // (`wanted`) differs from what it last drew (`drawn`).
    let observed = use_observed(canvas.clone());
    let drawn = use_mut_ref(|| None::<(DrawInputs, (u32, u32))>);
    {
        let inputs: DrawInputs = (
            props.scenario.clone(),
            props.current_plans.clone(),
            (props.fans.clone(), props.axis_fans.clone()),
            by_quintile,
            (props.pins.clone(), props.hidden_pins.clone()),
            (props.hide_scenario, props.thick),
            props.published.clone(),
            (props.today, props.month),
        );
        let (canvas, area) = (canvas.clone(), area.clone());
        use_effect(move || {
            let seen = observed.get();
            let Some(canvas) = canvas.cast::<HtmlCanvasElement>() else {
                return;
            };
            // A reveal (issue 15.2) is drawn at once, in view or not: the browser's report of
            // whether a chart is in view can lag a change of layout (leaving the projector),
            // and a revealed chart must never keep its hidden picture.
            let revealed = !inputs.5 .0 && drawn.borrow().as_ref().is_none_or(|(was, _)| was.5 .0);
            if !seen.on_screen && !revealed {
                // Predict, then reveal (issue 15.2): a chart out of view is not redrawn, so
                // its bitmap would keep the hidden scenario's line; it is blanked instead,
                // and drawn afresh when it comes back.
                let hiding = inputs.5 .0;
                if hiding && drawn.borrow().as_ref().is_some_and(|(was, _)| !was.5 .0) {
                    canvas.set_width(canvas.width());
                    *drawn.borrow_mut() = None;
                }
                return;
            }
            // Until the browser first reports the size, read it (one layout, at mount).
            let size = seen.size.unwrap_or_else(|| {
                let px = |length: i32| whole_px(f64::from(length));
                let size = (px(canvas.client_width()), px(canvas.client_height()));
                observed.record_size(size);
                size
            });
            if drawn
                .borrow()
                .as_ref()
                .is_some_and(|(was, at)| *at == size && *was == inputs)
            {
                return;
            }
            let (
                scenario,
                current_plans,
                (fans, axis_fans),
                by_quintile,
                (pins, hidden_pins),
                (hide, thick),
                published,
                (today, month),
            ) = &inputs;
            let mut plot = plot_for(
                spec,
                scenario,
                current_plans,
                (fans.as_deref(), axis_fans.as_deref()),
                *by_quintile,
                (pins.as_slice(), hidden_pins.as_slice()),
                *hide,
            );
            plot.published = published_points(spec, published, *by_quintile);
            plot.thick = *thick;
            plot.marks = marks(*today, *month, !spec.references.is_empty());
            if let Some(t) = basis_change(published).filter(|_| !plot.published.is_empty()) {
                plot.marks.insert(0, (t / 12.0, BASIS_CHANGE.to_string()));
            }
            match chart::draw(&canvas, &plot, size) {
                Ok(plot_area) => {
                    *area.borrow_mut() = plot_area;
                    // Not laid out (hidden) draws nothing: try again next time.
                    *drawn.borrow_mut() = plot_area.is_some().then_some((inputs, size));
                }
                Err(e) => web_sys::console::error_1(&format!("chart {}: {e}", spec.key()).into()),
            }
            timing::mark_drawn();
        });
    }

    let onmousemove = hover_from_pointer(&hover, &area, months);
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_: MouseEvent| hover.set(None))
    };
    let onkeydown = {
        let hover = hover.clone();
        Callback::from(move |e: KeyboardEvent| {
            let last = months.saturating_sub(1);
            let now = (*hover).unwrap_or(last);
            let step = if e.shift_key() { 12 } else { 1 };
            let next = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => now.saturating_sub(step),
                "ArrowRight" | "ArrowUp" => (now + step).min(last),
                "Home" => 0,
                "End" => last,
                _ => return,
            };
            e.prevent_default();
            hover.set(Some(next));
        })
    };
    let onfocus = {
        let hover = hover.clone();
        Callback::from(move |_: FocusEvent| hover.set(Some(months.saturating_sub(1))))
    };
    let onblur = {
        let hover = hover.clone();
        Callback::from(move |_: FocusEvent| hover.set(None))
    };

    // Without a pointer the readout shows the chosen month (else the last, as a grapher does).
    let resting = props
        .month
        .unwrap_or(months.saturating_sub(1))
        .min(months.saturating_sub(1));
    let readout = readout(spec, props, by_quintile, (*hover).unwrap_or(resting));
    let hover_line = match (*hover, *area.borrow()) {
        (Some(month), Some(a)) if months > 1 => {
            let x = a.left + (a.right - a.left) * month as f64 / (months - 1) as f64;
            html! {
                <div class="chart-hover-line" aria-hidden="true"
                    data-left={format!("{x:.1}px")}
                    data-top={format!("{:.1}px", a.top)}
                    data-height={format!("{:.1}px", a.bottom - a.top)}></div>
            }
        }
        _ => html! {},
    };
    let toggle = match (&props.on_show_quintiles, spec.total(), spec.by_quintile()) {
        (Some(on_show), Some(_), Some(_)) => {
            let on_show = on_show.clone();
            let show = props.show_quintiles;
            html! {
                <label class="chart-toggle">
                    <input type="checkbox" data-control={format!("{}-by-quintile", spec.key())}
                        checked={show}
                        onchange={Callback::from(move |_: Event| on_show.emit(!show))} />
                    { "Split by deprivation fifth" }
                </label>
            }
        }
        _ => html! {},
    };

    let export = |format: &'static str| {
        let (scenario, current_plans) = (props.scenario.clone(), props.current_plans.clone());
        let (fans, axis_fans, pins, hidden_pins) = (
            props.fans.clone(),
            props.axis_fans.clone(),
            props.pins.clone(),
            props.hidden_pins.clone(),
        );
        let (hide, settings) = (props.hide_scenario, props.settings.clone());
        // Worked out on the click, not on every render (ten charts, two buttons each).
        let (today, month) = (props.today, props.month);
        Callback::from(move |_: MouseEvent| {
            let chart_marks = marks(today, month, !spec.references.is_empty());
            let today_words = today_note(today, scenario.months.len());
            let mut plot = plot_for(
                spec,
                &scenario,
                &current_plans,
                (fans.as_deref(), axis_fans.as_deref()),
                by_quintile,
                (pins.as_slice(), hidden_pins.as_slice()),
                hide,
            );
            plot.marks = chart_marks.clone();
            let mut legend = export_legend(spec, by_quintile, hide, chart::fan_runs_off(&plot));
            // Pinned lines are named in the exported legend (issue 14.6).
            if spec.total().is_some() && !by_quintile {
                for (i, pin) in shown_pins(&pins, &hidden_pins, &scenario, hide) {
                    legend.push_str(&format!(
                        "; {}: {}",
                        PIN_LINE_WORDS[i.min(PIN_LINE_WORDS.len() - 1)],
                        super::compare::pin_name(pin)
                    ));
                }
                // Room5: an export says what it leaves out for the room's secret.
                let withheld =
                    pins.len() - shown_pins(&pins, &hidden_pins, &scenario, hide).count();
                if withheld > 0 {
                    legend.push_str(&format!(
                        "; withheld until revealed: {withheld} pinned scenario{}",
                        if withheld == 1 { "" } else { "s" }
                    ));
                }
            }
            if !chart_marks.is_empty() {
                let mut what = vec!["the last published month"];
                what.extend(today_words.as_ref().map(|_| "today"));
                what.extend((!spec.references.is_empty()).then_some("the target dates"));
                legend.push_str(&format!(
                    "; grey verticals: {} and the month reported",
                    what.join(", ")
                ));
            }
            if let Some(note) = &today_words {
                legend.push_str(&format!("; {note}"));
            }
            if let Some(note) = spec.range_note.filter(|_| !hide && spec.total().is_some()) {
                legend.push_str(&format!("; {note}"));
            }
            let caption = chart::Caption {
                title: spec.title.to_string(),
                settings: settings.to_vec(),
                footer: crate::scenario::export::wrap(&legend, 110)
                    .into_iter()
                    .chain([chart::EXPORT_SOURCE.to_string()])
                    .collect(),
            };
            let name = format!("ics-whatif-{}.{format}", spec.key().replace('_', "-"));
            let result = if format == "svg" {
                chart::export_svg(&plot, &caption)
                    .map(|svg| persist::download(&name, "image/svg+xml", &svg))
            } else {
                chart::export_png(&plot, &caption, move |blob| {
                    persist::download_blob(&name, &blob)
                })
            };
            if let Err(e) = result {
                web_sys::console::error_1(&format!("export {}: {e}", spec.key()).into());
            }
        })
    };

    // The axis fits the lines and the middle half of runs; the legend says when the outer
    // band runs off the chart, so nobody reads the chart's edge as the band's.
    // No fan (while a slider moves, the fan is rerun) means nothing to check.
    let fan_cut = props.fans.is_some()
        && chart::fan_runs_off(&plot_for(
            spec,
            &props.scenario,
            &props.current_plans,
            (props.fans.as_deref(), props.axis_fans.as_deref()),
            by_quintile,
            (props.pins.as_slice(), props.hidden_pins.as_slice()),
            props.hide_scenario,
        ));

    html! {
        <figure class="chart" ref={figure}>
            <figcaption id={format!("chart-{}-title", spec.key())}>{ spec.title }</figcaption>
            <p class="chart-readout" data-readout={spec.key()} aria-live="polite" data-hovering={hover.is_some().to_string()}
                title="Point at the chart, or focus it and use the arrow keys, to read another month">{ readout }</p>
            <div class="chart-canvas-wrap">
                <canvas
                    ref={canvas}
                    data-chart={spec.key()}
                    tabindex="0"
                    role="img"
                    aria-label={summary(spec, props)}
                    {onmousemove}
                    {onmouseleave}
                    {onkeydown}
                    {onfocus}
                    {onblur}
                ></canvas>
                { hover_line }
            </div>
            { legend(spec, props, by_quintile, fan_cut) }
            { toggle }
            <div class="chart-export">
                <button type="button" data-export-png={spec.key()} onclick={export("png")}
                    aria-label={format!("Download the chart “{}” as PNG", spec.title)}>{ "PNG" }</button>
                <button type="button" data-export-svg={spec.key()} onclick={export("svg")}
                    aria-label={format!("Download the chart “{}” as SVG", spec.title)}>{ "SVG" }</button>
            </div>
        </figure>
    }
}

/// How each pin's line is drawn, in words, for exported legends (compare.rs PIN_STYLES).
const PIN_LINE_WORDS: [&str; 4] = [
    "orange dots",
    "purple long dashes",
    "green short dashes",
    "thin sky-blue line",
];

/// The legend in one line, for an exported figure.
fn export_legend(spec: &ChartSpec, by_quintile: bool, hide: bool, fan_cut: bool) -> String {
    let scenario = if hide {
        "this scenario hidden"
    } else {
        "solid: this scenario"
    };
    let mut parts = vec![scenario, "dashed: current plans"];
    if by_quintile {
        parts.insert(0, "one colour a deprivation fifth, Q1 most deprived");
    } else if spec.total().is_some() && !hide {
        parts.push(if fan_cut {
            "shaded: 80% range, 8 in 10 runs fall between (going beyond the chart), and the middle half of runs"
        } else {
            "shaded: 80% range, 8 in 10 runs fall between, and the middle half of runs"
        });
    }
    if spec.published.is_some() && !by_quintile {
        parts.push("dots: published by NHS England");
    }
    if !spec.references.is_empty() {
        parts.push("orange: NHS standard and target");
    }
    crate::scenario::naming::capitalise(&parts.join("; "))
}

/// Predict, then reveal (issue 15.2): a pin that is the hidden scenario (an act opened
/// hidden) is hidden with it, line and legend, or its line would give the answer away.
fn pin_hidden(pin: &Pin, scenario: &Projection, hide_scenario: bool) -> bool {
    hide_scenario && *pin.projection == *scenario
}

/// The pins shown, each with its own index (its colour, `PIN_STYLES[index]`, room5): not
/// one hidden by index (`hidden`: an act not yet revealed) nor one that is the hidden scenario.
fn shown_pins<'a>(
    pins: &'a [Pin],
    hidden: &'a [bool],
    scenario: &'a Projection,
    hide_scenario: bool,
) -> impl Iterator<Item = (usize, &'a Pin)> + 'a {
    pins.iter().enumerate().filter(move |&(i, pin)| {
        !hidden.get(i).copied().unwrap_or(false) && !pin_hidden(pin, scenario, hide_scenario)
    })
}

fn showing_quintiles(spec: &ChartSpec, show: bool) -> bool {
    spec.total().is_none() || (show && spec.by_quintile().is_some())
}

/// The lines, fan and references of a chart in the chosen view; with `hide_scenario`
/// (predict, then reveal) without this scenario's line and fan.
fn plot_for<'a>(
    spec: &'a ChartSpec,
    scenario: &Projection,
    current_plans: &Projection,
    (fans, axis_fans): (Option<&'a MonteCarlo>, Option<&'a MonteCarlo>),
    by_quintile: bool,
    (pins, hidden_pins): (&[Pin], &[bool]),
    hide_scenario: bool,
) -> Plot<'a> {
    // Pins are compared in the total view only: beside five fifths they would be unreadable.
    let pin_lines = match spec.total() {
        Some(metric) if !by_quintile => shown_pins(pins, hidden_pins, scenario, hide_scenario)
            .filter_map(|(i, pin)| Some((pin, *PIN_STYLES.get(i)?)))
            .map(|(pin, style)| PinLine::new(style, pin.projection.series(metric)))
            .collect(),
        _ => Vec::new(),
    };
    let (lines, fan, axis_fan) = match (spec.total(), spec.by_quintile()) {
        (_, Some(split)) if by_quintile => {
            let series = |p: &Projection, q: usize| -> Vec<f64> {
                p.months.iter().map(|r| split(r)[q]).collect()
            };
            let lines = (0..5)
                .map(|q| LinePair {
                    colour: quintile_colour(q),
                    scenario: series(scenario, q),
                    current_plans: series(current_plans, q),
                })
                .collect();
            (lines, None, None)
        }
        (Some(metric), _) => (
            vec![LinePair {
                colour: SCENARIO_COLOUR,
                scenario: scenario.series(metric),
                current_plans: current_plans.series(metric),
            }],
            fans.map(|mc| mc.fan(metric).quantiles.as_slice()),
            axis_fans.map(|mc| mc.fan(metric).quantiles.as_slice()),
        ),
        _ => (Vec::new(), None, None),
    };
    let mut plot = Plot {
        y_title: spec.y_title,
        measure: spec.measure(),
        lines,
        pins: pin_lines,
        fan,
        axis_fan,
        references: spec.references,
        y_from_zero: spec.y_from_zero,
        thick: false,
        published: Vec::new(),
        marks: Vec::new(),
    };
    if hide_scenario {
        // Predict, then reveal: only current plans and pins; the audience predicts the rest.
        plot.lines.iter_mut().for_each(|l| l.scenario.clear());
        (plot.fan, plot.axis_fan) = (None, None);
    }
    plot
}

/// The chart's published months as (years from month 0, value): comparable months only, and
/// only in the total view (the published figures are not split by deprivation fifth).
fn published_points(
    spec: &ChartSpec,
    history: &[HistoryPoint],
    by_quintile: bool,
) -> Vec<(f64, f64)> {
    let (Some(read), false) = (spec.published, by_quintile) else {
        return Vec::new();
    };
    let start = start_period();
    history
        .iter()
        .filter(|h| h.comparable)
        .filter_map(|h| {
            let period = Period::parse(&h.period).ok()?;
            let months = period.months_since(start);
            (months <= 0).then(|| (months as f64 / 12.0, read(&h.figures)))
        })
        .collect()
}

fn quintile_colour(q: usize) -> RGBColor {
    let (r, g, b) = QUINTILE_COLOURS[q];
    RGBColor(r, g, b)
}

/// Maps the pointer's x to the nearest month of the plotting area.
fn hover_from_pointer(
    hover: &UseStateHandle<Option<usize>>,
    area: &Rc<RefCell<Option<PlotArea>>>,
    months: usize,
) -> Callback<MouseEvent> {
    let (hover, area) = (hover.clone(), area.clone());
    Callback::from(move |e: MouseEvent| {
        let Some(a) = *area.borrow() else { return };
        if months < 2 || a.right <= a.left {
            return;
        }
        let share = ((f64::from(e.offset_x()) - a.left) / (a.right - a.left)).clamp(0.0, 1.0);
        let month = (share * (months - 1) as f64).round() as usize;
        if *hover != Some(month) {
            hover.set(Some(month));
        }
    })
}

/// One fifth's value, short enough for five to share a line or two: "Q1 53.9 years", with
/// the difference from current plans when there is one: "Q1 1.90m (0.10m lower than plans)".
fn quintile_reading(spec: &ChartSpec, q: usize, scenario: f64, plans: f64) -> String {
    let name = format!("Q{}", q + 1);
    let m = spec.measure();
    let difference = m.show_difference(scenario - plans);
    if difference == m.show_difference(0.0) {
        format!("{name} {}", m.show(scenario))
    } else {
        let way = if scenario > plans { "higher" } else { "lower" };
        format!(
            "{name} {} ({difference} {way} than plans)",
            m.show(scenario)
        )
    }
}

/// The values at one month, in words: "April 2030 · This scenario 6.81m · Current plans ...".
fn readout(spec: &ChartSpec, props: &ChartPanelProps, by_quintile: bool, month: usize) -> Html {
    fn at(p: &Projection, month: usize) -> &MonthRecord {
        &p.months[month.min(p.months.len() - 1)]
    }
    let (s, c) = (at(&props.scenario, month), at(&props.current_plans, month));
    let show = |v: f64| spec.measure().show(v);
    if props.hide_scenario {
        let plans = spec
            .total()
            .map(|metric| format!(" \u{00B7} Current plans {}", show(metric.of(c))))
            .unwrap_or_default();
        return html! {
            <>
                <strong class="readout-month">{ format::month_name(month) }</strong>
                <span class="readout-item">{ format!("This scenario is hidden until revealed{plans}") }</span>
            </>
        };
    }
    let items: Vec<Html> = match (spec.total(), spec.by_quintile()) {
        (_, Some(split)) if by_quintile => (0..5)
            .map(|q| {
                html! {
                    <span class="readout-item">
                        <span class={classes!("swatch-dot", format!("q{}", q + 1))}></span>
                        { quintile_reading(spec, q, split(s)[q], split(c)[q]) }
                    </span>
                }
            })
            .collect(),
        (Some(metric), _) => {
            let mut items = vec![
                html! { <span class="readout-item"><strong>{ format!("This scenario {}", show(metric.of(s))) }</strong></span> },
                html! { <span class="readout-item">{ format!("Current plans {}", show(metric.of(c))) }</span> },
            ];
            for (_, pin) in shown_pins(&props.pins, &props.hidden_pins, &props.scenario, false) {
                let name = pin.file.name.as_deref().unwrap_or("Pinned");
                items.push(html! {
                    <span class="readout-item">{ format!("{name} {}", show(metric.of(at(&pin.projection, month)))) }</span>
                });
            }
            // The range's place is kept while the Monte Carlo is rerun (a slider moving): the
            // same elements every render, so a move changes text only; adding and removing the
            // item made the browser rebuild the readout and move every chart below it.
            let range =
                super::headlines::range_80(props.fans.as_deref(), metric, spec.measure(), month);
            items.push(html! {
                <span class="readout-item" title={super::headlines::RANGE_80_MEANS}
                    data-pending={range.is_none().then_some("true")}>
                    { match range {
                        Some(range) => format!("{} {range}", super::headlines::RANGE_80),
                        None => format!("{}: updating", super::headlines::RANGE_80),
                    } }
                </span>
            });
            items
        }
        _ => Vec::new(),
    };
    html! {
        <>
            <strong class="readout-month">{ format::month_name(month) }</strong>
            if by_quintile {
                <span class="readout-item">{ "Q1 most deprived, Q5 least:" }</span>
            }
            { for items }
        </>
    }
}

fn legend(spec: &ChartSpec, props: &ChartPanelProps, by_quintile: bool, fan_cut: bool) -> Html {
    let plans = if props.assumptions_modified {
        "Current plans under your changed assumptions (levers at default)"
    } else {
        "Current plans (levers at default)"
    };
    if by_quintile {
        return html! {
            <ul class="legend">
                { for (0..5).map(|q| html! {
                    <li><span class={classes!("swatch", "swatch-solid", format!("q{}", q + 1))}></span>{ QUINTILE_NAMES[q] }</li>
                }) }
                <li><span class="swatch swatch-solid"></span>{ "solid: this scenario" }</li>
                <li><span class="swatch swatch-current-plans"></span>{ format!("dashed: {}", plans.to_ascii_lowercase()) }</li>
            </ul>
        };
    }
    // An ICB's dots start after its basis changed (April 2023): the legend says from when.
    let changed = basis_change(&props.published).is_some();
    let first = props
        .published
        .iter()
        .find(|h| h.comparable)
        .and_then(|h| Period::parse(&h.period).ok());
    let published_words = match first {
        Some(first) if changed => format!(
            "Published by NHS England, {} to {} (ICBs' basis changed in April 2023)",
            first.name(),
            format::month_name(0)
        ),
        _ => format!("Published by NHS England, to {}", format::month_name(0)),
    };
    html! {
        <ul class="legend">
            <li><span class="swatch swatch-scenario"></span>
                { if props.hide_scenario { "This scenario (hidden until revealed)" } else { "This scenario" } }</li>
            <li><span class="swatch swatch-current-plans"></span>{ plans }</li>
            if spec.total().is_some() {
                { for shown_pins(&props.pins, &props.hidden_pins, &props.scenario, props.hide_scenario).map(|(i, pin)| html! {
                    <li data-legend-pin={i.to_string()}>
                        <span class={classes!("swatch", format!("swatch-pin-{}", i + 1))}></span>
                        { format!("Pinned: {}", pin.file.name.as_deref().unwrap_or("")) }
                    </li>
                }) }
                <li data-legend="fan-90" title={super::headlines::RANGE_80_MEANS}><span class="swatch-box swatch-fan-90"></span>
                    { if fan_cut { "80% range: 8 in 10 runs fall between (goes beyond the chart; its range is above)" } else { "80% range: 8 in 10 runs fall between" } }</li>
                <li title="The middle half: 5 in 10 Monte Carlo runs fall between (the 25th to the 75th percentile)"><span class="swatch-box swatch-fan-50"></span>{ "middle half of runs" }</li>
                if let Some(note) = spec.range_note.filter(|_| !props.hide_scenario) {
                    <li data-legend="range-note">{ note }</li>
                }
            }
            if spec.published.is_some() && !props.published.is_empty() {
                <li data-legend="published" title={changed.then_some(BASIS_CHANGE_MEANS)}><span class="swatch-dot"></span>
                    { published_words }</li>
            }
            if !spec.references.is_empty() {
                <li><span class="swatch swatch-reference"></span>{ "NHS standard and target" }</li>
            }
            if let Some(note) = today_note(props.today, props.scenario.months.len()) {
                <li data-legend="today"><span class="swatch-mark"></span>{ note }</li>
            }
        </ul>
    }
}

/// What the chart shows, in a sentence, for screen readers.
fn summary(spec: &ChartSpec, props: &ChartPanelProps) -> String {
    if props.hide_scenario {
        return format!(
            "Line chart: {}: this scenario is hidden until revealed.",
            spec.title
        );
    }
    let end = props.scenario.months.len().saturating_sub(1);
    let last = |p: &Projection| p.months.last().cloned().unwrap_or_default();
    let (s, c) = (last(&props.scenario), last(&props.current_plans));
    let values = match (spec.total(), spec.by_quintile()) {
        (Some(metric), _) => format!(
            "this scenario reaches {}, current plans {}",
            spec.measure().show(metric.of(&s)),
            spec.measure().show(metric.of(&c))
        ),
        (None, Some(split)) => format!(
            "most deprived fifth {}, least deprived fifth {} in this scenario",
            spec.measure().show(split(&s)[0]),
            spec.measure().show(split(&s)[4])
        ),
        (None, None) => String::new(),
    };
    format!(
        "Line chart: {}, {} to {}: {values}.",
        spec.title,
        format::month_name(0),
        format::month_name(end)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new user read "Today" alone (the page's clock, late 2026) as where the projection
    /// starts: the charts mark the last published month (read from the data) and, after it,
    /// today labelled with its month; the legend says the months between are projected.
    #[test]
    fn charts_mark_the_last_published_month_and_today_with_its_month() {
        let start = start_period().name();
        for targets in [false, true] {
            let marks = marks(Some(20.5), Some(48), targets);
            let published: Vec<_> = marks.iter().filter(|(x, _)| *x == 0.0).collect();
            assert_eq!(published.len(), 1, "{marks:?}");
            assert_eq!(published[0].1, format!("Last published: {start}"));
            let today: Vec<_> = marks
                .iter()
                .filter(|(_, l)| l.starts_with("Today"))
                .collect();
            assert_eq!(today.len(), 1, "{marks:?}");
            assert_eq!(today[0].0, 20.5 / 12.0);
            assert_eq!(today[0].1, format!("Today ({})", format::month_name(20)));
            // The chosen month stays last (the chart places it first).
            assert_eq!(marks.last().unwrap().0, 4.0);
        }
        // No Today at or before the last published month, nor without a clock.
        for today in [None, Some(0.0), Some(0.9), Some(-3.0)] {
            assert!(marks(today, Some(48), true)
                .iter()
                .all(|(_, l)| !l.starts_with("Today")));
        }
        let note = today_note(Some(20.5), 121).unwrap();
        assert!(
            note.contains(&format!("no published figures after {start} are loaded")),
            "{note}"
        );
        assert_eq!(
            today_note(Some(20.5), 12),
            None,
            "today beyond the chart's months"
        );
        assert_eq!(today_note(Some(0.5), 121), None);
    }

    /// An ICB's dots start after NHS England's commissioning change of April 2023; England's
    /// figures have no such break.
    #[test]
    fn an_icbs_charts_mark_the_commissioning_change_and_englands_do_not() {
        let icb = crate::model::track_record::published_history("QE1").unwrap();
        let at = basis_change(&icb).expect("an ICB's history has months before the change");
        let april_2023 = Period::parse("2023-04")
            .unwrap()
            .months_since(start_period());
        assert_eq!(at, april_2023 as f64);
        let england = crate::model::track_record::published_history("england").unwrap();
        assert_eq!(basis_change(&england), None);
    }
}
