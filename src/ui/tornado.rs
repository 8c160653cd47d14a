//! "What drives the range?": beside the uncertainty bands, each uncertain assumption alone at
//! both ends of its 80% interval and how far apart that puts a headline figure at the chosen
//! year (a tornado, `model::sensitivity`), as a table with a bar in each row. Computed only
//! while the panel is open: two runs per assumption.
//!
//! Also the notes on assumptions whose interval a range end cuts (`truncation_notes`): shown
//! with the bands whenever there are any.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::format::{self, Measure};
use super::placement;
use crate::model::monte_carlo::truncation_notes;
use crate::model::sensitivity::{sensitivity, Tornado, HEADLINE_METRICS};
use crate::model::{AssumptionValues, Baseline, Metric, Scenario};

#[derive(Properties, PartialEq)]
pub struct TornadoProps {
    /// The chosen area.
    pub baseline: Rc<Baseline>,
    /// The scenario as set.
    pub scenario: Scenario,
    /// Years from the start, 1 to the horizon.
    pub year: u32,
}

/// How a metric's values read: by its unit, as its headline figure and chart do.
fn measure_of(metric: Metric) -> Measure {
    Measure::of(metric.unit())
}

#[function_component]
pub fn TornadoPanel(props: &TornadoProps) -> Html {
    let open = use_state(|| false);
    let chosen = use_state(|| 0usize);
    let root = placement::use_placed();
    let result = {
        let (baseline, scenario, year) =
            (props.baseline.clone(), props.scenario.clone(), props.year);
        use_memo(
            (
                *open,
                props.scenario.clone(),
                props.year,
                props.baseline.code.clone(),
            ),
            move |(open, ..)| {
                open.then(|| sensitivity(&baseline, &scenario, year, &HEADLINE_METRICS))
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
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(i) = select.value().parse::<usize>() {
                chosen.set(i.min(HEADLINE_METRICS.len() - 1));
            }
        })
    };
    let i = (*chosen).min(HEADLINE_METRICS.len() - 1);
    html! {
        <details class="tornado" data-panel="tornado" ref={root} {ontoggle}>
            <summary data-control="tornado">{ "What drives the range?" }</summary>
            <p class="tornado-intro">
                { "Each assumption alone at the low and the high end of its 80% interval, the others as set: \
                   how far apart that puts the figure. The longest bars drive most of the uncertainty band. \
                   Bars do not add up to the band: assumptions act together, and the band also carries \
                   month-to-month variation. An assumption with no bar acts only together with others \
                   (removals follow the list only where it departs from current plans) or not by this year." }
            </p>
            <label class="tornado-picker">
                { "Figure " }
                <select data-control="tornado-metric" {onchange}>
                    { for HEADLINE_METRICS.iter().enumerate().map(|(n, m)| html! {
                        <option value={n.to_string()} selected={n == i}>{ m.spec().label }</option>
                    }) }
                </select>
            </label>
            <p class="tornado-legend" aria-hidden="true">
                <span class="tornado-key tornado-low"></span>{ " at the low end of its interval " }
                <span class="tornado-key tornado-high"></span>{ " at the high end" }
            </p>
            { match result.as_ref() {
                Some(Ok(t)) => table(&t[i], HEADLINE_METRICS[i]),
                Some(Err(message)) => html! {
                    <p class="tornado-error" role="alert">{ message.clone() }</p>
                },
                None => html! {},
            } }
        </details>
    }
}

/// One metric's tornado as a table: assumption and interval, a bar, the figure at each end.
fn table(t: &Tornado, metric: Metric) -> Html {
    let measure = measure_of(metric);
    let values = t
        .swings
        .iter()
        .flat_map(|s| [s.at_low, s.at_high])
        .chain(std::iter::once(t.central));
    let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
        (lo.min(v), hi.max(v))
    });
    let span = (hi - lo).max(1e-9 * hi.abs().max(1.0));
    let pct = |v: f64| ((v - lo) / span * 100.0).clamp(0.0, 100.0);
    let centre = pct(t.central);
    html! {
        <table class="tornado-table" data-metric-tornado={t.metric}>
            <caption>
                { format!("{} in {} (year {}): {} with every assumption as set",
                    t.label, format::month_name(t.month), t.year, measure.show(t.central)) }
            </caption>
            <thead>
                <tr>
                    <th scope="col">{ "Assumption and its 80% interval" }</th>
                    <th scope="col" aria-hidden="true"></th>
                    <th scope="col">{ "Figure at the low end to the high end" }</th>
                </tr>
            </thead>
            <tbody>
                { for t.swings.iter().map(|s| {
                    let (a, b) = (pct(s.at_low), pct(s.at_high));
                    let bar = |from: f64, to: f64, class: &'static str| {
                        let (left, right) = (from.min(to), from.max(to));
                        html! {
                            <span class={classes!("tornado-bar", class)}
                                data-left={format!("{left:.2}%")}
                                data-width={format!("{:.2}%", (right - left).max(0.0))}></span>
                        }
                    };
                    html! {
                        <tr class="tornado-row" data-assumption={s.key}>
                            <th scope="row" class="tornado-label">
                                { format!("{} {}", s.label, s.interval_text()) }
                                if s.truncated {
                                    <span class="tornado-cut">{ " (cut at its range end)" }</span>
                                }
                            </th>
                            <td class="tornado-track" aria-hidden="true">
                                { bar(centre, a, "tornado-low") }
                                { bar(centre, b, "tornado-high") }
                                <span class="tornado-centre" data-left={format!("{centre:.2}%")}></span>
                            </td>
                            <td class="tornado-value">
                                { if s.size() == 0.0 {
                                    "no change".to_string()
                                } else {
                                    format!("{} to {}", measure.show(s.at_low), measure.show(s.at_high))
                                } }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

#[derive(Properties, PartialEq)]
pub struct CutNotesProps {
    pub assumptions: AssumptionValues,
}

/// The assumptions whose 80% interval a range end cuts, in words (nothing when none is).
#[function_component]
pub fn CutNotes(props: &CutNotesProps) -> Html {
    let notes = truncation_notes(&props.assumptions);
    if notes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="mc-notes" data-control="mc-notes">
            { for notes.iter().map(|n| html! { <li>{ n.describe(n.label) }</li> }) }
        </ul>
    }
}
