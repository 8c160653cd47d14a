//! The help overlay: the keyboard shortcuts, as a modal dialog.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Action, AppState};

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The keyboard shortcuts, over the page until closed (Escape, `?` or the button).
#[function_component]
pub fn Help(props: &HelpProps) -> Html {
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowHelp(false)))
    };
    // Focus moves into the dialog, so a keyboard or screen-reader user lands on it, and
    // goes back where it was when the dialog closes.
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            let before = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(before) = before.filter(|e| e.is_connected()) {
                    let _ = before.focus();
                }
            }
        });
    }
    // The dialog is modal: Tab and Shift+Tab stay inside it (its one control is Close).
    let onkeydown = {
        let close_button = close_button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Tab" {
                e.prevent_default();
                if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let keys = [
        ("Ctrl+Z", "undo the last change"),
        ("Ctrl+Shift+Z or Ctrl+Y", "redo"),
        (
            "\u{2192} / \u{2190}",
            "presenter mode: next / previous pinned scenario (act)",
        ),
        (
            "Page Down / Page Up",
            "presenter mode: next / previous act (a presentation clicker's buttons)",
        ),
        ("R", "reveal the hidden scenario"),
        ("H", "hide the scenario, for the room to predict"),
        ("?", "show or hide this help"),
        (
            "Esc",
            "close this help; leave presenter mode (and full screen)",
        ),
        ("Arrow keys on a chart", "read another month"),
        ("Arrow keys, Home, End on a slider", "move the lever"),
    ];
    html! {
        <div class="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-heading" data-control="help" {onkeydown}>
            <div class="help-box">
                <h2 id="help-heading">{ "Keyboard shortcuts" }</h2>
                <table>
                    { for keys.iter().map(|(k, what)| html! {
                        <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                    }) }
                </table>
                <button type="button" data-control="close-help" ref={close_button} onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
