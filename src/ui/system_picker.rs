//! The area picker: England and the 42 ICBs, with a filter box that finds an ICB by its
//! name, official name or code, or by a council inside it (`area_search`).

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::area_search::{best, find_areas};
use super::format;
use crate::data::systems;

#[derive(Properties, PartialEq)]
pub struct SystemPickerProps {
    pub code: String,
    pub on_choose: Callback<String>,
}

/// England and the 42 ICBs: a filter box narrows the list, the list chooses. Enter in the
/// filter box chooses the best match. The chosen system always stays in the list. A council's
/// name finds the ICB(s) that hold it ("Lancashire and South Cumbria (has Blackpool)"), and a
/// filter that finds nothing says so.
#[function_component]
pub fn SystemPicker(props: &SystemPickerProps) -> Html {
    let filter = use_state(String::new);
    let typed = !filter.trim().is_empty();
    let found = find_areas(&filter);
    // Enter takes the area the filter names best.
    let first_match = best(&found)
        .filter(|_| typed)
        .map(|m| (m.system.code.clone(), m.label()));
    let chosen_found = found.iter().any(|m| m.system.code == props.code);
    let options: Vec<(String, String)> = systems()
        .iter()
        .filter_map(|s| match found.iter().find(|m| m.system.code == s.code) {
            Some(m) => Some((s.code.clone(), m.label())),
            None if s.code == props.code && !chosen_found => {
                Some((s.code.clone(), format::system_name(&s.name).to_string()))
            }
            None => None,
        })
        .collect();
    let status = if !typed {
        None
    } else if found.is_empty() {
        Some(format!(
            "No ICB or council matches \u{201c}{}\u{201d}. Type part of an ICB's or a council's name, such as Manchester or Blackpool.",
            filter.trim()
        ))
    } else {
        first_match.as_ref().map(|(_, label)| {
            let n = found.len();
            format!(
                "{n} {} found: Enter opens {label}.",
                if n == 1 { "area" } else { "areas" }
            )
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    let on_key = {
        let (on_choose, filter) = (props.on_choose.clone(), filter.clone());
        let first = first_match.map(|(code, _)| code);
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                if let Some(code) = &first {
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
                placeholder="ICB or council, e.g. Blackpool"
                aria-label="Filter the list of areas by ICB or council name"
                aria-describedby="system-filter-status"
                value={(*filter).clone()}
                oninput={on_filter} onkeydown={on_key} />
            <select id="system" data-control="system" onchange={on_change}>
                { for options.iter().map(|(code, label)| html! {
                    <option value={code.clone()} selected={*code == props.code}>
                        { label.clone() }
                    </option>
                }) }
            </select>
            <p id="system-filter-status" class={classes!("system-filter-status", found.is_empty().then_some("none"))}
                data-control="system-filter-status" role="status">
                { status.unwrap_or_default() }
            </p>
        </div>
    }
}
