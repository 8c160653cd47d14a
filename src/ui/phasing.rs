//! A lever's phasing (issue 14, item 2): a small disclosure under its slider to choose the
//! month its change starts and whether it comes as a step or a straight line over some
//! years. The summary says the phasing in the same words as the scenario's name ("from
//! April 2027, over 3 years"), so it shows on the lever while closed. Each choice is one
//! action, so one step of undo.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::format;
use super::state::{Action, AppState};
use crate::model::{Lever, Phase};
use crate::scenario::phasing;

/// The ramps offered, in months (0: a step). A phasing read from a file or link with another
/// ramp is offered too, so the menu always shows what is set.
const RAMPS: [u32; 8] = [0, 6, 12, 24, 36, 48, 60, 120];

#[derive(Properties, PartialEq)]
pub struct PhasingProps {
    pub lever: Lever,
    /// The lever's value: a phasing changes nothing while the lever is at current plans.
    pub value: f64,
    pub phase: Phase,
    /// The horizon in years: the last month a change can start in.
    pub years: u32,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The disclosure: closed, its summary says the phasing; open, two labelled menus (start
/// month, ramp) and a button back to "at once".
#[function_component]
pub fn PhasingControl(props: &PhasingProps) -> Html {
    let (lever, phase) = (props.lever, props.phase);
    let key = lever.spec().key;
    let id = format!("phasing-{key}");
    // The menus are built only while open: thirteen levers of 121 months each would be a
    // heavy page for a control most never open.
    let open = use_state(|| false);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    let set = |make: fn(Phase, u32) -> Phase| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(n) = select.value().parse::<u32>() {
                dispatch.dispatch(Action::SetPhase(lever, make(phase, n)));
            }
        })
    };
    let on_start = set(|p, start| Phase::ramp(start, p.ramp));
    let on_ramp = set(|p, ramp| Phase::ramp(p.start, ramp));
    let at_once = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(Action::SetPhase(lever, Phase::AT_ONCE))
        })
    };
    let words = phasing::words(phase).unwrap_or_else(|| "at once".to_string());
    let unmoved = props.value == lever.spec().default;
    let horizon = props.years * 12;
    let today = super::brief::today_months().map(|t| t.floor().max(0.0) as u32);
    let mut ramps: Vec<u32> = RAMPS.to_vec();
    if !ramps.contains(&phase.ramp) {
        ramps.push(phase.ramp);
        ramps.sort_unstable();
    }
    html! {
        <details class={classes!("phasing", (!phase.is_at_once()).then_some("phasing-set"))}
            data-phasing={key} {ontoggle}>
            // Out of the Tab order: the lever's tools row reaches it with the arrows.
            <summary tabindex="-1">
                { "Phasing: " }<span class="phasing-words" data-phasing-words={key}>{ words }</span>
                if unmoved && !phase.is_at_once() {
                    <span class="phasing-note">{ " (no change set yet)" }</span>
                }
            </summary>
            if *open {
                <div class="phasing-body" role="group" aria-label={format!("Phasing of {}", lever.spec().label)}>
                    <label for={format!("{id}-start")}>{ "Change starts in" }</label>
                    <select id={format!("{id}-start")} data-phasing-start={key} onchange={on_start}>
                        { for (0..=horizon.max(phase.start)).map(|t| html! {
                            <option value={t.to_string()} selected={t == phase.start}>
                                { format::month_name(t as usize) }
                                { if t == 0 { " (the start: last published)" } else if Some(t) == today { " (today)" } else { "" } }
                            </option>
                        }) }
                    </select>
                    <label for={format!("{id}-ramp")}>{ "How it comes in" }</label>
                    <select id={format!("{id}-ramp")} data-phasing-ramp={key} onchange={on_ramp}>
                        { for ramps.iter().map(|&r| html! {
                            <option value={r.to_string()} selected={r == phase.ramp}>
                                { ramp_label(r) }
                            </option>
                        }) }
                    </select>
                    if !phase.is_at_once() {
                        <button type="button" class="phasing-reset" data-phasing-reset={key}
                            onclick={at_once}>{ "Back to at once" }</button>
                    }
                    <p class="phasing-help">
                        { "Until it starts, the lever stays at current plans; then it takes the value set at once, or rises to it in a straight line." }
                    </p>
                </div>
            }
        </details>
    }
}

/// A ramp in the menu's words.
fn ramp_label(months: u32) -> String {
    match months {
        0 => "all at once".to_string(),
        m => format!("evenly over {}", phasing::duration(m)),
    }
}
