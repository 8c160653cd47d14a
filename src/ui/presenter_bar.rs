//! Presenter mode's strip: the open act, the previous and next acts, and the way out.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{Action, AppState, Pin, Workshop};

#[derive(Properties, PartialEq)]
pub struct PresenterBarProps {
    pub workshop: Workshop,
    pub pins: Rc<Vec<Pin>>,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// Presenter mode's strip: which act (pinned scenario) is open, how to move between acts,
/// and the way out.
#[function_component]
pub fn PresenterBar(props: &PresenterBarProps) -> Html {
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let act = match (props.workshop.act, props.pins.len()) {
        (_, 0) => "Pin scenarios to step through them here as acts.".to_string(),
        (Some(i), n) if i < n => format!(
            "Act {} of {n}: {}",
            i + 1,
            props.pins[i].file.name.as_deref().unwrap_or("")
        ),
        (_, n) => format!("{n} pinned scenarios: press \u{2192} to open the first."),
    };
    html! {
        <div class="presenter-bar" data-control="presenter-bar">
            <button type="button" data-control="previous-act" disabled={props.pins.is_empty()}
                onclick={send(Action::StepAct(-1))} aria-label="Previous act">{ "\u{2190}" }</button>
            <strong class="act" data-control="act" aria-live="polite">{ act }</strong>
            <button type="button" data-control="next-act" disabled={props.pins.is_empty()}
                onclick={send(Action::StepAct(1))} aria-label="Next act">{ "\u{2192}" }</button>
            <span class="presenter-hint">{ "? for keys" }</span>
            <button type="button" onclick={send(Action::Present(false))}>{ "Leave presenter mode" }</button>
        </div>
    }
}
