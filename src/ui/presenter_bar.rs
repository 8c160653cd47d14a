//! The projector view's act bar: the open act (its name and partner), the previous and next
//! acts, reveal or hide, the keys, and the one way out.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState, Pin, Workshop};

#[derive(Properties, PartialEq)]
pub struct PresenterBarProps {
    pub workshop: Workshop,
    pub pins: Rc<Vec<Pin>>,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// A thin strip: which act (pinned scenario) is open, how to move between acts, the reveal,
/// the keys and the way out.
#[function_component]
pub fn PresenterBar(props: &PresenterBarProps) -> Html {
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let w = &props.workshop;
    let n = props.pins.len();
    let act = match (w.act, n) {
        (_, 0) => "Pin scenarios to present them here as acts".to_string(),
        (Some(i), n) if i < n => {
            let name = props.pins[i].file.name.as_deref().unwrap_or("");
            match w.setup(i).partner {
                Some(partner) => format!("Act {} of {n}: {name} ({partner})", i + 1),
                None => format!("Act {} of {n}: {name}", i + 1),
            }
        }
        (_, 1) => "1 act: press \u{2192} to open it".to_string(),
        (_, n) => format!("{n} acts: press \u{2192} to open the first"),
    };
    let at_first = w.act == Some(0);
    let at_last = w.act.is_some_and(|i| i + 1 >= n);
    html! {
        <div class="presenter-bar" data-control="presenter-bar">
            <button type="button" data-control="previous-act" disabled={n == 0 || at_first}
                onclick={send(Action::StepAct(-1))} aria-label="Previous act" title="Previous act (\u{2190})">{ "\u{2190}" }</button>
            <strong class="act" data-control="act" aria-live="polite" title={act.clone()}>{ act }</strong>
            <button type="button" data-control="next-act" disabled={n == 0 || at_last}
                onclick={send(Action::StepAct(1))} aria-label="Next act" title="Next act (\u{2192})">{ "\u{2192}" }</button>
            if w.hide_scenario {
                <button type="button" class="reveal" data-control="bar-reveal"
                    onclick={send(Action::HideScenario(false))}>{ "Reveal (R)" }</button>
            } else {
                <button type="button" data-control="bar-predict" title="Hide the figures so the room can predict (H)"
                    onclick={send(Action::HideScenario(true))}>{ "Hide (H)" }</button>
            }
            <button type="button" class="presenter-keys" data-control="bar-help"
                onclick={send(Action::ShowHelp(true))}>{ "Keys (?)" }</button>
            <button type="button" data-control="leave" title="Leave presenter mode (Esc)"
                onclick={send(Action::Present(false))}>{ "Leave" }</button>
        </div>
    }
}
