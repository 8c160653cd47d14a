//! The workshop's set-up (issue 15): the pins as acts, in order, each with its partner,
//! whether it opens hidden for the room to predict, its headline figure and second chart and
//! the room's prediction; and the toolbar's buttons that save and open a workshop file.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::format::Measure;
use super::persist;
use super::state::{Action, AppState, Pin, Workshop};
use crate::model::Metric;
use crate::scenario::workshop::{
    read_workshop, workshop_to_json, ActSetup, WorkshopFile, ACT_METRICS, PARTNERS,
};

#[derive(Properties, PartialEq)]
pub struct ActsPanelProps {
    pub workshop: Workshop,
    /// The open act's headline figure at the chosen year, once revealed (`None` while hidden
    /// or with no act open).
    pub figure: Option<f64>,
    pub pins: Rc<Vec<Pin>>,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// The workshop as a file, for its link (issue 15.3, fifth session); `None`: no link.
    #[prop_or_default]
    pub file: Option<Rc<WorkshopFile>>,
    /// The chosen month (room4: a prediction is checked against current plans then).
    #[prop_or_default]
    pub month: usize,
}

/// The acts' set-up, one row an act; nothing until something is pinned.
#[function_component]
pub fn ActsPanel(props: &ActsPanelProps) -> Html {
    // The workshop link's box and what "Copy workshop link" said (issue 15.3).
    let link_box = use_node_ref();
    let copied = use_state(|| None::<&'static str>);
    if props.pins.is_empty() {
        return html! {};
    }
    let n = props.pins.len();
    let w = &props.workshop;
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    // A change to one field of act `i`'s set-up.
    let set = |i: usize, change: fn(&mut ActSetup, String, bool) -> bool| {
        let (dispatch, setup) = (props.dispatch.clone(), w.setup(i));
        Callback::from(move |e: Event| {
            let target: web_sys::Element = e.target_unchecked_into();
            let (value, checked) = match target.dyn_ref::<HtmlInputElement>() {
                Some(input) => (input.value(), input.checked()),
                None => (
                    target
                        .dyn_ref::<HtmlSelectElement>()
                        .map(|s| s.value())
                        .unwrap_or_default(),
                    false,
                ),
            };
            let mut next = setup.clone();
            if change(&mut next, value, checked) {
                dispatch.dispatch(Action::SetAct(i, next));
            }
        })
    };
    let metric_options = |chosen: Option<Metric>, none: Option<&str>| {
        html! {
            <>
                if let Some(none) = none {
                    <option value="" selected={chosen.is_none()}>{ none }</option>
                }
                { for ACT_METRICS.iter().map(|m| html! {
                    <option value={m.key()} selected={chosen == Some(*m)}>{ m.label() }</option>
                }) }
            </>
        }
    };
    html! {
        <details class="acts-panel" data-control="acts" open=true>
            <summary>{ "Workshop: the pinned scenarios as acts" }</summary>
            <p class="acts-intro">
                { "In presenter mode the arrow keys open the acts in this order. An act that opens hidden \
                   shows a \u{201C}?\u{201D} until you reveal it (R), so the room can predict first; type the \
                   room\u{2019}s prediction of the headline figure here or on the projector." }
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ "Act" }</th>
                        <th scope="col">{ "Partner" }</th>
                        <th scope="col">{ "Opens hidden" }</th>
                        <th scope="col">{ "Headline figure" }</th>
                        <th scope="col">{ "Second chart" }</th>
                        <th scope="col">{ "Room\u{2019}s prediction" }</th>
                        <th scope="col">{ "Order" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for props.pins.iter().enumerate().map(|(i, pin)| {
                        let setup = w.setup(i);
                        let open = w.act == Some(i);
                        html! {
                            <tr data-act={i.to_string()} class={classes!(open.then_some("act-open"))}>
                                <th scope="row">
                                    <button type="button" data-control={format!("open-act-{i}")}
                                        title="Open this act (as the arrow keys do in presenter mode)"
                                        onclick={send(Action::OpenAct(i))}>
                                        { format!("{}. {}", i + 1, pin.file.name.as_deref().unwrap_or("")) }
                                    </button>
                                </th>
                                <td data-label="Partner">
                                    <select data-control={format!("act-partner-{i}")} aria-label={format!("Partner for act {}", i + 1)}
                                        onchange={set(i, |s, v, _| { s.partner = PARTNERS.iter().find(|p| **p == v).map(|p| p.to_string()); true })}>
                                        <option value="" selected={setup.partner.is_none()}>{ "(none)" }</option>
                                        { for PARTNERS.iter().map(|p| html! {
                                            <option value={*p} selected={setup.partner.as_deref() == Some(*p)}>{ *p }</option>
                                        }) }
                                    </select>
                                </td>
                                <td data-label="Opens hidden">
                                    <input type="checkbox" data-control={format!("act-hidden-{i}")} checked={setup.opens_hidden}
                                        aria-label={format!("Act {} opens hidden, for the room to predict", i + 1)}
                                        onchange={set(i, |s, _, checked| { s.opens_hidden = checked; true })} />
                                </td>
                                <td data-label="Headline figure">
                                    <select data-control={format!("act-headline-{i}")} aria-label={format!("Headline figure for act {}", i + 1)}
                                        onchange={set(i, |s, v, _| match Metric::from_key(&v) {
                                            Some(m) => { s.headline = m; s.prediction = None; true }
                                            None => false,
                                        })}>
                                        { metric_options(Some(setup.headline), None) }
                                    </select>
                                </td>
                                <td data-label="Second chart">
                                    <select data-control={format!("act-second-{i}")} aria-label={format!("Second chart for act {}", i + 1)}
                                        onchange={set(i, |s, v, _| { s.second_chart = Metric::from_key(&v); true })}>
                                        { metric_options(setup.second_chart, Some("(none)")) }
                                    </select>
                                </td>
                                <td data-label="Room\u{2019}s prediction">
                                    <super::projector::PredictionBox setup={setup.clone()} index={i}
                                        near={props.pins[i].plans.months.get(props.month).or(props.pins[i].plans.months.last())
                                            .map_or(f64::NAN, |m| setup.headline.of(m))}
                                        control={format!("act-prediction-{i}")}
                                        label={format!("The room's prediction for act {}, {}", i + 1, setup.headline.unit().text())}
                                        dispatch={props.dispatch.clone()} />
                                </td>
                                <td class="act-order" data-label="Order">
                                    <button type="button" data-control={format!("act-earlier-{i}")} disabled={i == 0}
                                        aria-label={format!("Move act {} earlier", i + 1)} onclick={send(Action::MoveAct(i, -1))}>{ "\u{2191}" }</button>
                                    <button type="button" data-control={format!("act-later-{i}")} disabled={i + 1 >= n}
                                        aria-label={format!("Move act {} later", i + 1)} onclick={send(Action::MoveAct(i, 1))}>{ "\u{2193}" }</button>
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            { prediction_result(w, props.figure) }
            if let Some(file) = &props.file {
                { workshop_link(file, link_box, copied) }
            }
        </details>
    }
}

/// The room's prediction for the open act against the revealed figure, in a sentence.
fn prediction_result(w: &Workshop, figure: Option<f64>) -> Html {
    let (Some(i), Some(figure)) = (w.act, figure) else {
        return html! {};
    };
    let setup = w.setup(i);
    let Some(predicted) = setup.prediction else {
        return html! {};
    };
    let measure = Measure::of(setup.headline.unit());
    let off = measure.show_difference(figure - predicted);
    let verdict = if off == measure.show_difference(0.0) {
        "spot on".to_string()
    } else {
        format!(
            "{off} {} than predicted",
            if figure > predicted {
                "higher"
            } else {
                "lower"
            }
        )
    };
    html! {
        <p class="acts-result" data-control="acts-prediction-result">
            { format!("Act {}, {}: the room predicted {}; the model says {} ({verdict}).",
                i + 1, setup.headline.label(), measure.show(predicted), measure.show(figure)) }
        </p>
    }
}

#[derive(Properties, PartialEq)]
pub struct WorkshopButtonsProps {
    /// The workshop as it stands, to save.
    pub file: Rc<WorkshopFile>,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// "Save workshop file" and "Open workshop file", for the toolbar.
#[function_component]
pub fn WorkshopButtons(props: &WorkshopButtonsProps) -> Html {
    let on_save = {
        let file = props.file.clone();
        Callback::from(move |_: MouseEvent| {
            persist::download(
                "ics-whatif-workshop.json",
                "application/json",
                &workshop_to_json(&file.without_reveals()),
            );
        })
    };
    let on_open = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let dispatch = dispatch.clone();
            persist::read_chosen_file(&input, move |read| {
                for action in opened_workshop(read) {
                    dispatch.dispatch(action);
                }
            });
        })
    };
    html! {
        <div class="toolbar-group" role="group" aria-label="Workshop files">
            <button type="button" data-control="download-workshop" onclick={on_save}
                title="Save workshop file: the pins, the acts and their settings and the month as one file, to open on another computer">
                { "Save workshop" }</button>
            <label class="file-button" title="Open workshop file: one saved from this app; its acts replace the pins">
                { "Open workshop" }
                <input type="file" accept=".json,application/json" class="visually-hidden"
                    data-control="upload-workshop" onchange={on_open} />
            </label>
        </div>
    }
}

/// What an opened workshop file does: whatever reads is opened (its acts replace the pins),
/// and each thing that could not be is listed; a file with nothing to open changes nothing.
fn opened_workshop(read: Result<String, String>) -> Vec<Action> {
    let text = match read {
        Ok(text) => text,
        Err(e) => return vec![Action::Notify(vec![persist::sentence(&e)])],
    };
    let (file, problems) = read_workshop(&text);
    if file == WorkshopFile::default() && !problems.is_empty() {
        let mut lines =
            vec!["That workshop file was not opened, and nothing has changed:".to_string()];
        lines.extend(problems.iter().map(|p| persist::sentence(p)));
        return vec![Action::Notify(lines)];
    }
    let mut actions = vec![Action::OpenWorkshop(Box::new(file))];
    if !problems.is_empty() {
        let mut lines =
            vec!["This workshop file could not all be opened; the rest of it is open:".to_string()];
        lines.extend(problems.iter().map(|p| persist::sentence(p)));
        actions.push(Action::Notify(lines));
    }
    actions
}

/// The whole workshop as a link (issue 15.3, fifth session): the acts in order with their
/// set-ups, the month, the open act and an open prediction; opened on another machine it
/// gives the same workshop. It carries settings only, never a figure, so a link made while
/// a prediction is open does not give the answer away (and opens hidden again).
fn workshop_link(
    file: &WorkshopFile,
    link_box: NodeRef,
    copied: UseStateHandle<Option<&'static str>>,
) -> Html {
    let link = persist::workshop_link(file);
    let status = copied
        .map(|c| format!("{c} ({} characters)", link.chars().count()))
        .unwrap_or_default();
    let on_copy = {
        let (link, link_box) = (link.clone(), link_box.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            persist::copy(&link, link_box.cast::<HtmlInputElement>(), move |ok| {
                copied.set(Some(if ok {
                    "Workshop link copied"
                } else {
                    "Link selected: press Ctrl+C to copy"
                }))
            });
        })
    };
    html! {
        <p class="acts-link">
            <button type="button" data-control="copy-workshop-link" onclick={on_copy}
                title="A link that opens this whole workshop on another computer: the acts in this order with their settings, the month, and a prediction still hidden">
                { "Copy workshop link" }</button>
            <input type="text" readonly=true class="link-box" data-control="workshop-link"
                aria-label="Link to this workshop" ref={link_box} value={link} />
            <span class="toolbar-status" aria-live="polite" data-control="workshop-link-status">
                { status }
            </span>
        </p>
    }
}
