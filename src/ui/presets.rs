//! The presets menu: the positions argued over in the ICS debates, loaded as one change.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::scenario::presets;

#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    pub on_choose: Callback<String>,
}

/// The positions argued over in the ICS debates, as a menu that loads a preset's levers (one
/// undoable change; assumptions and the area are kept) and a disclosure saying why each
/// preset looks as it does. The menu goes back to its prompt after a choice, so it reads
/// as a menu of actions rather than a setting that later moves would contradict.
#[function_component]
pub fn Presets(props: &PresetsProps) -> Html {
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let key = select.value();
            select.set_value("");
            if !key.is_empty() {
                on_choose.emit(key);
            }
        })
    };
    html! {
        <div class="presets">
            <label for="preset">{ "Start from a preset" }</label>
            <select id="preset" data-control="preset" onchange={on_change}>
                <option value="" selected=true>{ "Choose a preset\u{2026}" }</option>
                { for presets().iter().map(|p| html! {
                    <option value={p.key} title={p.rationale}>{ p.name }</option>
                }) }
            </select>
            <details class="preset-notes" data-control="preset-notes">
                <summary>{ "Why these presets" }</summary>
                <dl>
                    { for presets().iter().map(|p| html! {
                        <>
                            <dt>{ p.name }</dt>
                            <dd>{ p.rationale }</dd>
                        </>
                    }) }
                </dl>
            </details>
        </div>
    }
}
