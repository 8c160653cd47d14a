//! Pinned scenarios side by side: each pin's name (editable), area, every lever that any pin
//! moves, whether its assumptions differ, and its four-purposes figures at the chosen year.
//! A setting that differs from current plans is marked with a symbol and bold type and said
//! in words to screen readers, not shown by colour alone.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::format;
use super::state::{Action, AppState, Pin};
use crate::data;
use crate::model::projection::{Unit, Verdict};
use crate::model::scoreboard::{scoreboard, ScoreLine};
use crate::model::{AssumptionValues, Lever, Projection};

/// The pins' line styles, in pin order: Okabe-Ito colours not used for the scenario, current
/// plans or targets, each with its own dash pattern (CSS `.swatch-pin-N` draws the same).
pub const PIN_STYLES: [PinStyle; 4] = [
    PinStyle {
        colour: (0xE6, 0x9F, 0x00), // orange, dotted
        dash: Some((3.0, 5.0)),
    },
    PinStyle {
        colour: (0xCC, 0x79, 0xA7), // reddish purple, long dashes
        dash: Some((14.0, 5.0)),
    },
    PinStyle {
        colour: (0x00, 0x9E, 0x73), // bluish green, short dashes
        dash: Some((7.0, 3.0)),
    },
    PinStyle {
        colour: (0x56, 0xB4, 0xE9), // sky blue, thin solid
        dash: None,
    },
];

/// How one pin's line is drawn: its colour and its dash (on, off) in CSS pixels, or solid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinStyle {
    pub colour: (u8, u8, u8),
    pub dash: Option<(f64, f64)>,
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub pins: Rc<Vec<Pin>>,
    pub current_plans: Rc<Projection>,
    /// For each pin, whether it is the scenario being worked on (nothing to update it with).
    pub is_working: Vec<bool>,
    /// Years from month 0 (the last published month, March 2025 today).
    pub year: u32,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// Predict, then reveal (issue 15.2): the figures of the pins that are the working
    /// scenario are hidden with it.
    #[prop_or_default]
    pub hide_working: bool,
}

#[function_component]
pub fn Compare(props: &CompareProps) -> Html {
    if props.pins.is_empty() {
        return html! {};
    }
    let pins = &props.pins;
    let month = props.year as usize * 12;
    let moved: Vec<Lever> = Lever::ALL
        .iter()
        .copied()
        .filter(|&l| {
            pins.iter()
                .any(|p| p.file.scenario.levers[l] != l.spec().default)
        })
        .collect();
    let boards: Vec<Vec<ScoreLine>> = pins
        .iter()
        .map(|p| scoreboard(&p.projection, &p.plans, month))
        .collect();
    let plans_board = scoreboard(&props.current_plans, &props.current_plans, month);
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let rename = |i: usize| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::RenamePin(i, input.value()));
        })
    };

    html! {
        <section class="compare" data-control="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{ "Pinned scenarios" }</h2>
            <p class="compare-intro">
                { "Each pinned scenario is drawn on every chart in its own colour and line style. \
                   A \u{25CF} and bold type mark a setting that differs from current plans. \
                   Each pin is judged better or worse against current plans for its own area, \
                   assumptions and years." }
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ "Setting" }</th>
                        <th scope="col">{ "Current plans" }</th>
                        { for pins.iter().enumerate().map(|(i, pin)| html! {
                            <th scope="col" class="pin-head" data-pin={i.to_string()}>
                                <span class={classes!("swatch", format!("swatch-pin-{}", i + 1))} aria-hidden="true"></span>
                                <input type="text" class="pin-name" data-control={format!("pin-name-{i}")}
                                    aria-label={format!("Name of pinned scenario {}", i + 1)}
                                    maxlength="80"
                                    value={pin.file.name.clone().unwrap_or_default()}
                                    onchange={rename(i)} />
                                <span class="pin-actions">
                                    <button type="button" data-control={format!("open-pin-{i}")}
                                        onclick={send(Action::SetScenario(Box::new(pin.file.scenario.clone())))}>{ "Open" }</button>
                                    <button type="button" data-control={format!("update-pin-{i}")}
                                        title="Replace this pin with the scenario you are working on (a name you gave it is kept)"
                                        disabled={props.is_working.get(i).copied().unwrap_or(true)}
                                        onclick={send(Action::UpdatePin(i))}>{ "Update" }</button>
                                    <button type="button" data-control={format!("unpin-{i}")}
                                        onclick={send(Action::Unpin(i))}>{ "Unpin" }</button>
                                </span>
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{ "Area" }</th>
                        <td>{ "\u{2013}" }</td>
                        { for pins.iter().map(|p| html! { <td>{ area_name(&p.file.scenario.system) }</td> }) }
                    </tr>
                    if moved.is_empty() {
                        <tr>
                            <th scope="row">{ "Levers" }</th>
                            <td>{ "all at their defaults" }</td>
                            { for pins.iter().map(|_| html! { <td>{ "as current plans" }</td> }) }
                        </tr>
                    }
                    { for moved.iter().map(|&lever| {
                        let spec = lever.spec();
                        html! {
                            <tr data-lever-row={spec.key}>
                                <th scope="row">{ spec.label }</th>
                                <td>{ format::lever_number(spec, spec.default) }</td>
                                { for pins.iter().map(|p| cell(
                                    format::lever_number(spec, p.file.scenario.levers[lever]),
                                    p.file.scenario.levers[lever] != spec.default,
                                )) }
                            </tr>
                        }
                    }) }
                    <tr>
                        <th scope="row">{ "Assumptions" }</th>
                        <td>{ "central estimates" }</td>
                        { for pins.iter().map(|p| {
                            let changed = p.file.scenario.assumptions != AssumptionValues::default();
                            cell(if changed { "changed" } else { "central estimates" }.to_string(), changed)
                        }) }
                    </tr>
                    <tr class="compare-section">
                        <th scope="colgroup" colspan={(pins.len() + 2).to_string()}>
                            { format!("The four purposes, {} (year {})", format::month_name(month), props.year) }
                        </th>
                    </tr>
                    { for plans_board.iter().enumerate().map(|(row, line)| html! {
                        <tr data-score-row={line.key}>
                            <th scope="row">{ format!("{} ({})", line.label, line.unit) }</th>
                            <td>{ score_value(line.baseline, line.unit) }</td>
                            { for boards.iter().enumerate().map(|(i, board)| match board.get(row) {
                                _ if props.hide_working && props.is_working.get(i).copied().unwrap_or(false) => html! {
                                    <td data-hidden-pin={i.to_string()}>{ "? (hidden until revealed)" }</td>
                                },
                                Some(l) => score_cell(l),
                                None => html! { <td></td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// A setting, marked when it differs from current plans.
fn cell(text: String, changed: bool) -> Html {
    if changed {
        html! {
            <td class="changed">
                <span aria-hidden="true">{ "\u{25CF} " }</span>
                { text }
                <span class="visually-hidden">{ " (differs from current plans)" }</span>
            </td>
        }
    } else {
        html! { <td>{ text }</td> }
    }
}

/// A pin's figure, with "better" or "worse" than current plans in words and an arrow.
fn score_cell(line: &ScoreLine) -> Html {
    let same = line.is_same();
    let verdict = match line.verdict() {
        Verdict::Same => "",
        // Money spent is a cost, not better or worse.
        Verdict::More | Verdict::Less => " (cost)",
        Verdict::Better => " \u{25B2} better",
        Verdict::Worse => " \u{25BC} worse",
    };
    html! {
        <td class={classes!((!same).then_some("changed"))}>
            { score_value(line.scenario, line.unit) }
            <span class="score-verdict">{ verdict }</span>
        </td>
    }
}

fn score_value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Years | Unit::Weeks => format::one_decimal(v),
        Unit::GbpM(_) => format::Measure::GbpM.show(v),
        _ if v.abs() >= 1e4 => format::patients(v),
        _ => format::thousands(v.round()),
    }
}

fn area_name(code: &str) -> String {
    data::find(code)
        .map(|s| format::system_name(&s.name).to_string())
        .unwrap_or_else(|_| code.to_string())
}
