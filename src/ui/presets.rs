//! The presets menu: the positions argued over in the ICS debates, loaded as one change.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::model::LeverValues;
use crate::scenario::{presets, Preset};

#[derive(Properties, PartialEq)]
pub struct PresetsProps {
    pub on_choose: Callback<String>,
    /// The scenario's levers: the menu shows the preset they match, if any.
    #[prop_or_default]
    pub levers: LeverValues,
}

/// The preset whose levers are exactly `levers` (every other lever at current plans), if any:
/// the preset stays shown as active until a lever moves away from it.
pub fn active_preset(levers: &LeverValues) -> Option<&'static Preset> {
    presets().iter().find(|p| p.apply("", 1).levers == *levers)
}

/// The positions argued over in the ICS debates, as a menu that loads a preset's levers (one
/// undoable change; assumptions and the area are kept) and a disclosure saying why each
/// preset looks as it does. The menu shows the preset the levers match while they match it,
/// and its prompt once a lever moves away from every preset.
#[function_component]
pub fn Presets(props: &PresetsProps) -> Html {
    let select_ref = use_node_ref();
    let active = active_preset(&props.levers);
    let active_key = active.map_or("", |p| p.key);
    {
        // The browser keeps the option a user chose (its `selected` attribute is only the
        // default), so the menu is set to the active preset after every render.
        let select_ref = select_ref.clone();
        use_effect(move || {
            if let Some(select) = select_ref.cast::<HtmlSelectElement>() {
                if select.value() != active_key {
                    select.set_value(active_key);
                }
            }
        });
    }
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let key = select.value();
            if !key.is_empty() {
                on_choose.emit(key);
            }
        })
    };
    html! {
        <div class="presets" data-active-preset={active_key}>
            <label for="preset">{ "Preset" }</label>
            <select id="preset" data-control="preset" onchange={on_change} ref={select_ref}>
                <option value="" selected={active.is_none()}>
                    { "None: levers set by hand" }
                </option>
                { for presets().iter().map(|p| html! {
                    <option value={p.key} title={p.rationale} selected={p.key == active_key}>{ p.name }</option>
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Lever;

    #[test]
    fn the_active_preset_is_the_one_the_levers_match_until_a_lever_moves_away() {
        assert_eq!(
            active_preset(&LeverValues::default()).map(|p| p.key),
            Some("current_plans"),
            "every lever at current plans is the current-plans preset"
        );
        for preset in presets() {
            let mut levers = preset.apply("england", 10).levers;
            assert_eq!(active_preset(&levers).map(|p| p.key), Some(preset.key));
            // One lever a step away from the preset: no preset is active.
            let lever = Lever::Recruitment;
            let spec = lever.spec();
            levers[lever] = if levers[lever] + spec.step <= spec.max {
                levers[lever] + spec.step
            } else {
                levers[lever] - spec.step
            };
            assert_ne!(active_preset(&levers).map(|p| p.key), Some(preset.key));
        }
    }
}
