//! One lever's slider, rendered entirely from the lever table: adding a lever to the page
//! needs no new component.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::format;
use crate::model::Lever;

#[derive(Properties, PartialEq)]
pub struct LeverSliderProps {
    pub lever: Lever,
    pub value: f64,
    /// Called on every `input` event (while dragging, and on each key press).
    pub on_change: Callback<(Lever, f64)>,
}

#[function_component]
pub fn LeverSlider(props: &LeverSliderProps) -> Html {
    let lever = props.lever;
    let spec = lever.spec();
    let id = format!("lever-{}", spec.key);
    let description_id = format!("{id}-description");
    let (number, unit) = format::lever_value_parts(spec, props.value);
    let oninput = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(value) = input.value().parse::<f64>() {
                on_change.emit((lever, value));
            }
        })
    };

    html! {
        <div class="lever">
            <label class="lever-label" for={id.clone()}>
                <span class="lever-name">{ spec.label }</span>
                <output class="lever-value" for={id.clone()}>
                    <span class="lever-number">{ number.clone() }</span>{ unit.clone() }
                </output>
            </label>
            <input
                type="range"
                id={id}
                data-lever={spec.key}
                min={spec.min.to_string()}
                max={spec.max.to_string()}
                step={spec.step.to_string()}
                value={props.value.to_string()}
                aria-valuetext={format!("{number}{unit}")}
                aria-describedby={description_id.clone()}
                {oninput}
            />
            <div class="lever-range" aria-hidden="true">
                <span>{ format::lever_number(spec, spec.min) }</span>
                <span>{ format::lever_number(spec, spec.max) }</span>
            </div>
            <p class="lever-description" id={description_id}>{ spec.description }</p>
        </div>
    }
}
