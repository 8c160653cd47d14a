//! The projector view (issue 15.1): presenter mode as the room sees it. The browser's full
//! screen where it allows it (the same layout in the page where it refuses, or after the
//! browser's own Esc has left full screen), a thin act bar
//! and nothing else but one or two charts for the open act, each under one large headline
//! figure, in type and lines twice the normal size, fitted to the screen without scrolling.
//! While a prediction is open the headline is a "?" with the room's prediction beside it;
//! revealed, the figure stands against the prediction.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::chart_panel::ChartPanel;
use super::charts::{CHARTS, HEADLINES};
use super::format::{self, Measure};
use super::presenter_bar::PresenterBar;
use super::state::{Action, AppState, Pin, Workshop};
use crate::model::projection::{Unit, Verdict};
use crate::model::track_record::HistoryPoint;
use crate::model::{Metric, MonteCarlo, Projection};
use crate::scenario::workshop::{prediction_unit, read_prediction, ActSetup};

#[derive(Properties, PartialEq)]
pub struct ProjectorProps {
    pub workshop: Workshop,
    pub pins: Rc<Vec<Pin>>,
    pub scenario: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    pub fans: Option<Rc<MonteCarlo>>,
    pub axis_fans: Option<Rc<MonteCarlo>>,
    /// The month reported (months from month 0; the page's chosen month, issue 14.5).
    pub month: u32,
    pub assumptions_modified: bool,
    pub published: Rc<Vec<HistoryPoint>>,
    pub settings: Rc<Vec<String>>,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The projector view: the act bar and the open act's charts.
#[function_component]
pub fn Projector(props: &ProjectorProps) -> Html {
    use_full_screen();
    let workshop = &props.workshop;
    let setup = workshop.open_setup();
    let metrics: Vec<Metric> = std::iter::once(setup.headline)
        .chain(setup.second_chart.filter(|&m| m != setup.headline))
        .filter(|&m| chart_of(m).is_some())
        .collect();
    let month = props.month as usize;
    html! {
        <div class="projector" data-control="projector">
            <PresenterBar workshop={workshop.clone()} pins={props.pins.clone()} dispatch={props.dispatch.clone()} />
            <div class={classes!("projector-charts", format!("projector-charts-{}", metrics.len()))}>
                { for metrics.iter().enumerate().map(|(i, &metric)| {
                    let chart = chart_of(metric).unwrap_or(0);
                    html! {
                        <section class="projector-panel" data-projector-chart={metric.key()}>
                            { headline(props, metric, month, (i == 0).then_some(&setup)) }
                            <ChartPanel
                                {chart}
                                scenario={props.scenario.clone()}
                                current_plans={props.current_plans.clone()}
                                fans={props.fans.clone()}
                                axis_fans={props.axis_fans.clone()}
                                show_quintiles={false}
                                assumptions_modified={props.assumptions_modified}
                                pins={Rc::new(Vec::new())}
                                hide_scenario={workshop.hide_scenario}
                                thick={true}
                                settings={props.settings.clone()}
                                published={props.published.clone()}
                                month={Some(month)}
                                today={super::brief::today_months()}
                            />
                            { legend(props, chart) }
                        </section>
                    }
                }) }
            </div>
        </div>
    }
}

/// The projector's legend: the chart's own is four or five rows at twice the size, so this
/// one says the same in two ("80% range and middle half of runs" on one line).
fn legend(props: &ProjectorProps, chart: usize) -> Html {
    let spec = &CHARTS[chart];
    let hidden = props.workshop.hide_scenario;
    html! {
        <ul class="legend projector-legend">
            <li><span class="swatch swatch-scenario"></span>
                { if hidden { "This scenario (hidden)" } else { "This scenario" } }</li>
            <li><span class="swatch swatch-current-plans"></span>
                { if props.assumptions_modified { "Current plans (your assumptions)" } else { "Current plans" } }</li>
            if !hidden && props.fans.is_some() {
                <li title={super::headlines::RANGE_80_MEANS}><span class="swatch-box swatch-fan-90"></span><span class="swatch-box swatch-fan-50"></span>
                    { "80% range (8 in 10 runs) and middle half" }</li>
            }
            if spec.published.is_some() && !props.published.is_empty() {
                <li><span class="swatch-dot"></span>{ "Published" }</li>
            }
            if !spec.references.is_empty() {
                <li><span class="swatch swatch-reference"></span>{ "NHS standard and target" }</li>
            }
        </ul>
    }
}

/// The chart (index into [`CHARTS`]) that draws `metric` as one system-wide line.
fn chart_of(metric: Metric) -> Option<usize> {
    CHARTS
        .iter()
        .position(|c| c.metric == metric && c.total().is_some())
}

/// One large headline over a chart: the figure at the chosen month against current plans,
/// or "?" while hidden. Over the act's first chart (`act` is its set-up) the room's
/// prediction stands beside it.
fn headline(props: &ProjectorProps, metric: Metric, month: usize, act: Option<&ActSetup>) -> Html {
    let measure = Measure::of(metric.unit());
    let label = HEADLINES
        .iter()
        .find(|h| h.metric == metric)
        .map_or(metric.label(), |h| h.label);
    let at = |p: &Projection| metric.of(&p.months[month.min(p.months.len() - 1)]);
    let (s, c) = (at(&props.scenario), at(&props.current_plans));
    let hidden = props.workshop.hide_scenario;
    let reads_same = measure.show_difference(s - c) == measure.show_difference(0.0);
    let verdict = metric.spec().verdict(s, c, reads_same);
    // The words, then current plans' figure, kept on one line ("(−£646m)" never splits).
    let plans = measure.show(c);
    let (change, plans) = if hidden {
        ("Current plans".to_string(), plans)
    } else {
        let change = match verdict {
            Verdict::Same => "Same as current plans".to_string(),
            Verdict::More | Verdict::Less => format!(
                "{} {} than current plans",
                measure.show_difference(s - c),
                if s > c { "more" } else { "less" },
            ),
            Verdict::Better | Verdict::Worse => format!(
                "{} {} {} than current plans",
                if verdict == Verdict::Better {
                    "\u{25B2}"
                } else {
                    "\u{25BC}"
                },
                measure.show_difference(s - c),
                if s > c { "higher" } else { "lower" },
            ),
        };
        (change, format!("({plans})"))
    };
    let act_index = props.workshop.act.filter(|&i| i < props.pins.len());
    let prediction = match (act, act_index) {
        (Some(setup), Some(index)) => prediction(props, setup, index, (!hidden).then_some(s), c),
        _ => html! {},
    };
    html! {
        <div class={classes!("headline", "projector-headline", (!hidden).then(|| format!("headline-{}", verdict.class())))}>
            <span class="headline-label">{ format!("{label}, {}", format::month_name(month)) }</span>
            <span class="projector-figures">
                <span class="headline-value" data-projector-metric={metric.key()}>
                    { if hidden { "?".to_string() } else { measure.show(s) } }
                </span>
                { prediction }
            </span>
            <span class="headline-change">{ change }{ " " }<span class="nobreak">{ plans }</span></span>
        </div>
    }
}

/// The room's prediction of the act's headline figure (act `index`): typed by the
/// facilitator while the figure is hidden (`figure` is `None`), then shown against it. A
/// plain function, not a component (room4: the box is [`PredictionBox`]).
fn prediction(
    props: &ProjectorProps,
    setup: &ActSetup,
    index: usize,
    figure: Option<f64>,
    near: f64,
) -> Html {
    let measure = Measure::of(setup.headline.unit());
    if let Some(figure) = figure {
        let Some(p) = setup.prediction else {
            return html! {};
        };
        let off = measure.show_difference(figure - p);
        let verdict = if off == measure.show_difference(0.0) {
            "spot on".to_string()
        } else {
            format!("{off} {}", if figure > p { "higher" } else { "lower" })
        };
        return html! {
            <span class="projector-prediction" data-control="prediction-result">
                { format!("Room predicted {}: model {verdict}", measure.show(p)) }
            </span>
        };
    }
    html! {
        <PredictionBox setup={setup.clone()} {index} {near}
            control="prediction" lead="Room predicts " class="projector-prediction"
            label={format!("The room's prediction, {}", setup.headline.unit().text())}
            dispatch={props.dispatch.clone()} />
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct PredictionBoxProps {
    pub setup: ActSetup,
    /// The act (pin) the prediction is for.
    pub index: usize,
    /// Current plans' figure for the act's headline at the chosen month: the scale a typed
    /// figure is checked against (`read_prediction`).
    pub near: f64,
    pub control: String,
    pub label: String,
    /// The words before the box ("Room predicts "; none in the acts table).
    #[prop_or_default]
    pub lead: &'static str,
    #[prop_or("act-prediction")]
    pub class: &'static str,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The room's prediction box, with its unit beside it (room4): Enter keeps the prediction
/// and leaves the box, so R then reveals; Esc leaves it as it was. A figure no room means
/// (the wrong unit, a share over 100%) is refused with the reason beside the box.
#[function_component]
pub(super) fn PredictionBox(props: &PredictionBoxProps) -> Html {
    // Why the typed figure was refused, and the figure (kept in the box to be put right).
    let error = use_state(|| None::<(String, String)>);
    let metric = props.setup.headline;
    let unit = metric.unit();
    let measure = Measure::of(unit);
    let kept = props
        .setup
        .prediction
        .map(|p| measure.show(p))
        .unwrap_or_default();
    // What the box says: `Ok(None)` for empty, the prediction, or why it was refused.
    let read = {
        let near = props.near;
        move |text: &str| {
            if text.trim().is_empty() {
                Ok(None)
            } else {
                read_prediction(text, unit, near).map(Some)
            }
        }
    };
    let onchange = {
        let (setup, index, dispatch, error) = (
            props.setup.clone(),
            props.index,
            props.dispatch.clone(),
            error.clone(),
        );
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match read(&input.value()) {
                Ok(prediction) => {
                    error.set(None);
                    // "240,000" reads as the "240k" the box then shows, even unchanged.
                    input.set_value(
                        &prediction
                            .map(|p| Measure::of(unit).show(p))
                            .unwrap_or_default(),
                    );
                    dispatch.dispatch(Action::SetAct(
                        index,
                        ActSetup {
                            prediction,
                            ..setup.clone()
                        },
                    ));
                }
                Err(e) => error.set(Some((super::persist::sentence(&e), input.value()))),
            }
        })
    };
    let onkeydown = {
        let (kept, error) = (kept.clone(), error.clone());
        Callback::from(move |e: KeyboardEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match e.key().as_str() {
                // Leaving the box fires its change (the prediction is kept); a refused
                // figure keeps the focus, to be put right.
                "Enter" => match read(&input.value()) {
                    Ok(_) => {
                        let _ = input.blur();
                    }
                    Err(m) => error.set(Some((super::persist::sentence(&m), input.value()))),
                },
                "Escape" => {
                    e.prevent_default();
                    e.stop_propagation();
                    input.set_value(&kept);
                    error.set(None);
                    let _ = input.blur();
                }
                _ => {}
            }
        })
    };
    html! {
        <span class={props.class}>
            <label>
                { props.lead }
                <input type="text" inputmode="decimal" size="9" data-control={props.control.clone()}
                    aria-label={props.label.clone()}
                    value={error.as_ref().map_or(kept, |(_, typed)| typed.clone())}
                    placeholder={placeholder(unit, props.near)}
                    {onchange} {onkeydown} />
                <span class="prediction-unit" data-control="prediction-unit">{ prediction_unit(unit) }</span>
            </label>
            if let Some((e, _)) = &*error {
                <span class="prediction-error" role="alert">{ e.clone() }</span>
            }
        </span>
    }
}

/// The empty prediction box's grey text: a question mark with the scale a figure is typed
/// in ("? k" for a list of 458k), never a figure, which from the back of a room would read as
/// a prediction already typed in. The unit is beside the box.
fn placeholder(unit: Unit, near: f64) -> &'static str {
    let size = if near.is_finite() { near.abs() } else { 0.0 };
    match unit {
        Unit::People(_) | Unit::Count(_) if size >= 1e6 => "? m",
        Unit::People(_) | Unit::Count(_) if size >= 1e3 => "? k",
        Unit::Percent(_) => "? %",
        Unit::GbpM(_) => "£? m",
        _ => "?",
    }
}

/// Asks for the browser's full screen while the projector view is shown, and leaves it when
/// the view goes. A refusal (no user gesture, a frame, a browser without it) leaves the same
/// layout in the page. The browser's own Esc leaves full screen only; the view stays, in the
/// page, until Esc again or Leave.
#[hook]
fn use_full_screen() {
    use_effect_with((), move |_| {
        let document = web_sys::window().and_then(|w| w.document());
        if let Some(root) = document.as_ref().and_then(|d| d.document_element()) {
            call_quietly(&root, "requestFullscreen");
        }
        move || {
            if let Some(d) = &document {
                if in_full_screen() {
                    call_quietly(d, "exitFullscreen");
                }
            }
        }
    });
}

/// Whether the page is in the browser's full screen.
fn in_full_screen() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| js_sys::Reflect::get(&d, &JsValue::from_str("fullscreenElement")).ok())
        .is_some_and(|e| !e.is_null() && !e.is_undefined())
}

/// Calls `target.name()` if the browser has it, with any refusal (a rejected promise or a
/// thrown error) caught: the in-page layout is the fallback, not an error.
fn call_quietly(target: &JsValue, name: &str) {
    let Ok(f) = js_sys::Reflect::get(target, &JsValue::from_str(name)) else {
        return;
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return;
    };
    if let Ok(result) = f.call0(target) {
        if let Some(promise) = result.dyn_ref::<js_sys::Promise>() {
            let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
            let _ = promise.catch(&ignore);
            ignore.forget();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prediction_box_s_grey_text_is_never_a_figure_but_keeps_the_scale() {
        for (unit, near, want) in [
            (Unit::People("patients"), 458_360.0, "? k"),
            (Unit::People("patients"), 7_120_000.0, "? m"),
            (Unit::Percent("% of waiting list"), 56.0, "? %"),
            (Unit::GbpM("£m"), -1.0, "£? m"),
            (Unit::Years, 8.07, "?"),
            (Unit::People("patients"), f64::NAN, "?"),
        ] {
            let text = placeholder(unit, near);
            assert_eq!(text, want);
            assert!(
                !text.chars().any(|c| c.is_ascii_digit()),
                "no figure: {text}"
            );
        }
    }
}
