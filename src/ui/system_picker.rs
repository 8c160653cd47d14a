//! The area picker: England and the 42 ICBs, with a filter box.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::format;
use crate::data::{systems, System};

#[derive(Properties, PartialEq)]
pub struct SystemPickerProps {
    pub code: String,
    pub on_choose: Callback<String>,
}

/// England and the 42 ICBs: a filter box narrows the list, the list chooses. Enter in the
/// filter box chooses the first match. The chosen system always stays in the list.
#[function_component]
pub fn SystemPicker(props: &SystemPickerProps) -> Html {
    let filter = use_state(String::new);
    let needle = filter.to_ascii_lowercase();
    let named = |s: &&System| {
        needle.is_empty()
            || format::system_name(&s.name)
                .to_ascii_lowercase()
                .contains(&needle)
            || s.code.to_ascii_lowercase() == needle
    };
    // Enter takes the first area the filter names.
    let first_match = systems()
        .iter()
        .filter(named)
        .find(|_| !needle.is_empty())
        .map(|s| s.code.clone());
    let matches: Vec<&System> = systems()
        .iter()
        .filter(|s| s.code == props.code || named(s))
        .collect();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    let on_key = {
        let (on_choose, filter) = (props.on_choose.clone(), filter.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                if let Some(code) = &first_match {
                    on_choose.emit(code.clone());
                    filter.set(String::new());
                }
            }
        })
    };
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_choose.emit(select.value());
        })
    };
    html! {
        <div class="system-picker">
            <label for="system">{ "Area" }</label>
            <input type="search" id="system-filter" data-control="system-filter"
                placeholder="Type to filter, e.g. Manchester"
                aria-label="Filter the list of areas"
                value={(*filter).clone()}
                oninput={on_filter} onkeydown={on_key} />
            <select id="system" data-control="system" onchange={on_change}>
                { for matches.iter().map(|s| html! {
                    <option value={s.code.clone()} selected={s.code == props.code}>
                        { format::system_name(&s.name) }
                    </option>
                }) }
            </select>
        </div>
    }
}
