//! One lever's (or assumption's) slider, rendered entirely from its row of the table: label,
//! unit, range, default, named bands, meaning and source. Adding a lever needs no UI change.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::bands;
use super::format;
use super::placement;
use crate::model::ParamSpec;

/// Which table a slider's row comes from; it names the data attribute tests and scripts use
/// (`data-lever="key"` or `data-assumption="key"`, the CLI's keys).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ParamKind {
    Lever,
    Assumption,
}

#[derive(Properties, PartialEq)]
pub struct ParamSliderProps {
    pub spec: &'static ParamSpec,
    pub kind: ParamKind,
    pub value: f64,
    /// Called on every `input` event (while dragging, and on each key press), with a value
    /// inside the range.
    pub on_change: Callback<f64>,
    /// One gesture, one step of undo: `true` when a pointer is pressed on the slider (its
    /// moves until release are one step), `false` on release and before any move made
    /// otherwise (a key, a typed value, a named value), which is then a step of its own.
    #[prop_or_default]
    pub on_gesture: Callback<bool>,
}

#[function_component]
pub fn ParamSlider(props: &ParamSliderProps) -> Html {
    let spec = props.spec;
    let id = format!("{}-{}", kind_prefix(props.kind), spec.key);
    let description_id = format!("{id}-description");
    let exact_id = format!("{id}-exact");
    let message_id = format!("{id}-message");
    let (number, unit) = format::lever_value_parts(spec, props.value);
    // The number box's text while the user is typing or after a refused value; `None` shows
    // the slider's value.
    let draft = use_state(|| None::<String>);
    let root = placement::use_placed();
    let bands_ref = use_node_ref();
    bands::use_band_layout(bands_ref.clone());
    let refusal = use_state(|| None::<String>);

    let oninput = {
        let (on_change, draft, refusal) = (props.on_change.clone(), draft.clone(), refusal.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(value) = input.value().parse::<f64>() {
                draft.set(None);
                refusal.set(None);
                on_change.emit(value);
            }
        })
    };
    let on_type = {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(Some(input.value()));
        })
    };
    // Typed values are committed on Enter or leaving the box, and only if they are numbers
    // inside the range: the slider keeps its value otherwise and the message says why.
    let on_commit = {
        let (on_change, draft, refusal) = (props.on_change.clone(), draft.clone(), refusal.clone());
        let on_gesture = props.on_gesture.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match parse_typed(spec, &input.value()) {
                Ok(value) => {
                    draft.set(None);
                    refusal.set(None);
                    on_gesture.emit(false);
                    on_change.emit(value);
                }
                Err(message) => {
                    draft.set(Some(input.value()));
                    refusal.set(Some(message));
                }
            }
        })
    };
    let band_click = |value: f64| {
        let (on_change, draft, refusal) = (props.on_change.clone(), draft.clone(), refusal.clone());
        let on_gesture = props.on_gesture.clone();
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            refusal.set(None);
            on_gesture.emit(false);
            on_change.emit(value);
        })
    };
    // A pointer pressed on the track opens a gesture; releasing it (or the browser's
    // `change` at the end of a drag, or a key press) closes it.
    let gesture = |pressed: bool| {
        let on_gesture = props.on_gesture.clone();
        Callback::from(move |_: Event| on_gesture.emit(pressed))
    };

    let position = |v: f64| 100.0 * (v - spec.min) / (spec.max - spec.min);
    let default_band = spec
        .bands
        .iter()
        .find(|(v, _)| *v == spec.default)
        .map_or("default", |(_, name)| name);
    let typed = (*draft)
        .clone()
        .unwrap_or_else(|| format::plain_number(spec, props.value));
    let is_default = props.value == spec.default;
    let data_attr = |kind| (props.kind == kind).then_some(spec.key);

    html! {
        <div ref={root} class={classes!("lever", (!is_default).then_some("lever-moved"))}>
            <label class="lever-label" for={id.clone()}>
                <span class="lever-name">{ spec.label }</span>
                <output class="lever-value" for={id.clone()}>
                    <span class="lever-number">{ number.clone() }</span>{ unit.clone() }
                </output>
            </label>
            <div class="lever-track">
                <input
                    type="range"
                    id={id.clone()}
                    data-lever={data_attr(ParamKind::Lever)}
                    data-assumption={data_attr(ParamKind::Assumption)}
                    min={spec.min.to_string()}
                    max={spec.max.to_string()}
                    step={spec.step.to_string()}
                    value={props.value.to_string()}
                    aria-valuetext={format!("{number}{unit}")}
                    aria-describedby={description_id.clone()}
                    {oninput}
                    onpointerdown={gesture(true).reform(|e: PointerEvent| e.into())}
                    onpointerup={gesture(false).reform(|e: PointerEvent| e.into())}
                    onpointercancel={gesture(false).reform(|e: PointerEvent| e.into())}
                    onkeydown={gesture(false).reform(|e: KeyboardEvent| e.into())}
                    onchange={gesture(false)}
                />
                <span
                    class="lever-default-mark"
                    data-left={format!("{:.2}%", position(spec.default))}
                    title={format!("Default: {} ({default_band})", format::lever_number(spec, spec.default))}
                    aria-hidden="true"
                ></span>
            </div>
            <div class="lever-range" aria-hidden="true">
                <span>{ format::lever_number(spec, spec.min) }</span>
                <span>{ format::lever_number(spec, spec.max) }</span>
            </div>
            if !spec.bands.is_empty() {
                // Laid out from the DOM at the track's width (`bands.rs`): ticks first, so
                // the labels sit above them.
                <div ref={bands_ref} class="lever-bands" role="group" aria-label={format!("Named values of {}", spec.label)}>
                    { for spec.bands.iter().map(|_| html! {
                        <span class="band-tick" aria-hidden="true"></span>
                    }) }
                    { for spec.bands.iter().map(|&(v, name)| html! {
                        <button
                            type="button"
                            class={classes!("band", (v == props.value).then_some("band-current"))}
                            data-at={format!("{:.4}", position(v) / 100.0)}
                            title={format!("Set to {} ({name})", format::lever_number(spec, v))}
                            onclick={band_click(v)}
                        >
                            <span class="band-name">{ name }</span>
                        </button>
                    }) }
                </div>
            }
            <p class="lever-description" id={description_id}>{ spec.description }</p>
            <div class="lever-exact">
                <label for={exact_id.clone()}>{ "Exact value" }</label>
                <input
                    type="text"
                    inputmode="decimal"
                    id={exact_id}
                    class="lever-exact-input"
                    data-lever-exact={spec.key}
                    value={typed}
                    aria-invalid={refusal.is_some().to_string()}
                    aria-describedby={message_id.clone()}
                    oninput={on_type}
                    onchange={on_commit}
                />
                <span class="lever-exact-unit">{ spec.unit.text() }</span>
                if !is_default {
                    <button type="button" class="lever-reset" onclick={band_click(spec.default)}>
                        { format!("Back to {}", format::lever_number(spec, spec.default)) }
                    </button>
                }
            </div>
            <p class="lever-message" id={message_id} role="alert" data-lever-message={spec.key}>
                { (*refusal).clone().unwrap_or_default() }
            </p>
            <details class="lever-source">
                <summary>{ "Source" }</summary>
                <p>{ spec.source }</p>
            </details>
        </div>
    }
}

fn kind_prefix(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::Lever => "lever",
        ParamKind::Assumption => "assumption",
    }
}

/// A typed value, accepted if it is a number inside the range. The message names the range
/// and unit in the page's own number style.
fn parse_typed(spec: &ParamSpec, text: &str) -> Result<f64, String> {
    let range = format!(
        "from {} to {} ({})",
        format::plain_number(spec, spec.min),
        format::plain_number(spec, spec.max),
        spec.unit
    );
    // Accept the page's own minus sign and a stray "%" or "£" the user copied.
    let cleaned: String = text
        .trim()
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| !matches!(c, '%' | '£' | ',' | '+' | ' '))
        .collect();
    match cleaned.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= spec.min && v <= spec.max => Ok(v),
        Ok(v) if v.is_finite() => Err(format!(
            "{} is outside the range. Type a number {range}.",
            text.trim()
        )),
        _ => Err(format!(
            "\u{201c}{}\u{201d} is not a number. Type a number {range}.",
            text.trim()
        )),
    }
}
