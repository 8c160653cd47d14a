//! The keyboard shortcuts (a hook): undo and redo, the help, presenter mode's acts.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::state::{Action, AppState, Workshop};

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes, anywhere on the page except while
/// typing in a text box (the exact-value boxes, the area filter), where the browser's own
/// undo of the typing is what the user means.
///
/// In a workshop: `?` opens or closes the help, Escape closes it (or leaves presenter mode),
/// and in presenter mode the left and right arrows step through the pinned scenarios as
/// acts, unless a control that uses the arrows itself (a slider, a list, a chart) has focus;
/// Page Down and Page Up (what a presentation clicker sends) do the same. R reveals a hidden
/// scenario and H hides it for the room to predict.
/// The listener is remade when the workshop settings change, so it always knows them.
#[hook]
pub fn use_shortcuts(dispatcher: UseReducerDispatcher<AppState>, workshop: Workshop) {
    use_effect_with(workshop, move |workshop| {
        let view = workshop.clone();
        let window = web_sys::window();
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if typing_in(&e) || e.alt_key() {
                return;
            }
            let command = e.ctrl_key() || e.meta_key();
            let action = match (e.key().to_ascii_lowercase().as_str(), e.shift_key()) {
                ("z", false) if command => Action::Undo,
                ("z", true) | ("y", false) if command => Action::Redo,
                _ if command => return,
                ("?", _) => Action::ShowHelp(!view.help_open),
                ("escape", _) if view.help_open => Action::ShowHelp(false),
                ("escape", _) if view.presenting => Action::Present(false),
                ("arrowright", false) if view.presenting && !uses_arrows(&e) => Action::StepAct(1),
                ("arrowleft", false) if view.presenting && !uses_arrows(&e) => Action::StepAct(-1),
                // The workshop room (issue 15): reveal, hide for a prediction, and a
                // presentation clicker's keys for the acts.
                ("r", false) if view.hide_scenario => Action::HideScenario(false),
                ("h", false) if !view.hide_scenario => Action::HideScenario(true),
                ("pagedown", _) if view.presenting => Action::StepAct(1),
                ("pageup", _) if view.presenting => Action::StepAct(-1),
                _ => return,
            };
            e.prevent_default();
            dispatcher.dispatch(action);
        });
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// Whether a key event comes from a control that uses the arrow keys itself.
fn uses_arrows(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().to_ascii_lowercase().as_str(),
                "input" | "select" | "textarea" | "canvas"
            )
        })
}

/// Whether a key event comes from a box that takes text (any input but a slider, checkbox
/// or button; a textarea; editable content).
fn typing_in(e: &KeyboardEvent) -> bool {
    let Some(target) = e.target() else {
        return false;
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "range" | "checkbox" | "radio" | "button" | "submit" | "reset" | "file"
        );
    }
    target.dyn_ref::<web_sys::HtmlElement>().is_some_and(|el| {
        el.tag_name().eq_ignore_ascii_case("textarea") || el.is_content_editable()
    })
}
