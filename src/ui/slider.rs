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
    /// One gesture, one step of undo: `true` when a pointer is pressed on the slider or a
    /// step key goes down (its moves until release are one step; a held key's repeats join
    /// it), `false` on release, on leaving the slider and before any move made otherwise (a
    /// typed value, a named value), which is then a step of its own.
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
    // `change` at the end of a drag) closes it.
    let gesture = |pressed: bool| {
        let on_gesture = props.on_gesture.clone();
        Callback::from(move |_: Event| on_gesture.emit(pressed))
    };
    // A step key pressed opens a gesture that its repeats continue while it is held (issue
    // 15.4: one gesture, one step of undo, whatever the input); its release, another key or
    // leaving the slider closes it. The browser's `change` after each key step does not.
    let held_key = use_mut_ref(|| None::<String>);
    let on_keydown = {
        let (on_gesture, held_key) = (props.on_gesture.clone(), held_key.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let mut held = held_key.borrow_mut();
            match key_down(held.as_deref(), &key, e.repeat()) {
                KeyGesture::Continue => {}
                KeyGesture::Open => {
                    *held = Some(key);
                    on_gesture.emit(true);
                }
                KeyGesture::Close => {
                    *held = None;
                    on_gesture.emit(false);
                }
            }
        })
    };
    let on_keyup = {
        let (on_gesture, held_key) = (props.on_gesture.clone(), held_key.clone());
        Callback::from(move |e: KeyboardEvent| {
            let mut held = held_key.borrow_mut();
            if held.as_deref() == Some(e.key().as_str()) {
                *held = None;
                on_gesture.emit(false);
            }
        })
    };
    let on_blur = {
        let (on_gesture, held_key) = (props.on_gesture.clone(), held_key.clone());
        Callback::from(move |_: FocusEvent| {
            held_key.borrow_mut().take();
            on_gesture.emit(false);
        })
    };
    let on_change_end = {
        let (on_gesture, held_key) = (props.on_gesture.clone(), held_key.clone());
        Callback::from(move |_: Event| {
            if held_key.borrow().is_none() {
                on_gesture.emit(false);
            }
        })
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
                    onkeydown={on_keydown}
                    onkeyup={on_keyup}
                    onblur={on_blur}
                    onchange={on_change_end}
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

/// What a key going down on a slider does to the gesture of undo.
#[derive(Clone, Copy, Debug, PartialEq)]
enum KeyGesture {
    /// A new step: a step key pressed (not a repeat of the key held).
    Open,
    /// The held step key's auto-repeat: its moves join the step it opened.
    Continue,
    /// Any other key: no gesture (its moves, if any, are steps of their own).
    Close,
}

/// Keys with which a range input moves its value (HTML's range input in Chromium, Firefox
/// and Safari).
const STEP_KEYS: [&str; 8] = [
    "ArrowLeft",
    "ArrowRight",
    "ArrowUp",
    "ArrowDown",
    "PageUp",
    "PageDown",
    "Home",
    "End",
];

/// The gesture after `key` goes down (`repeat`: the browser's auto-repeat of a held key),
/// with `held` the step key this slider's gesture was opened by, if any.
fn key_down(held: Option<&str>, key: &str, repeat: bool) -> KeyGesture {
    if !STEP_KEYS.contains(&key) {
        KeyGesture::Close
    } else if repeat && held == Some(key) {
        KeyGesture::Continue
    } else {
        KeyGesture::Open
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app_state::{Action, AppState};
    use crate::model::Lever;

    /// A key's event on a slider of `lever`, as the slider's handlers turn it into actions.
    enum Key {
        Down(&'static str, bool),
        Up(&'static str),
        Blur,
    }

    /// Runs key events (each step key's down moves the lever by one step, as the browser
    /// does) through the slider's rules and the reducer; returns the state.
    fn keys(start: &AppState, lever: Lever, events: &[Key]) -> AppState {
        let step = lever.spec().step;
        let mut held: Option<&str> = None;
        let mut s = start.clone();
        let apply = |s: &AppState, a: Action| s.apply(a).unwrap_or_else(|| s.clone());
        for event in events {
            match *event {
                Key::Down(key, repeat) => {
                    match key_down(held, key, repeat) {
                        KeyGesture::Continue => {}
                        KeyGesture::Open => {
                            held = Some(key);
                            s = apply(&s, Action::Gesture(true));
                        }
                        KeyGesture::Close => {
                            held = None;
                            s = apply(&s, Action::Gesture(false));
                        }
                    }
                    if STEP_KEYS.contains(&key) {
                        let v = s.document.scenario.levers[lever] + step;
                        s = apply(&s, Action::SetLever(lever, v));
                        // The browser's `change` after a key step: ignored while a key is held.
                        if held.is_none() {
                            s = apply(&s, Action::Gesture(false));
                        }
                    }
                }
                Key::Up(key) => {
                    if held == Some(key) {
                        held = None;
                        s = apply(&s, Action::Gesture(false));
                    }
                }
                Key::Blur => {
                    held = None;
                    s = apply(&s, Action::Gesture(false));
                }
            }
        }
        s
    }

    #[test]
    fn a_held_arrow_key_is_one_undo_step_and_separate_presses_are_a_step_each() {
        let lever = Lever::Recruitment;
        let start = AppState::default();
        let mut held = vec![Key::Down("ArrowRight", false)];
        held.extend((0..9).map(|_| Key::Down("ArrowRight", true)));
        held.push(Key::Up("ArrowRight"));
        let s = keys(&start, lever, &held);
        let moved = s.document.scenario.levers[lever] - start.document.scenario.levers[lever];
        assert!(
            (moved - 10.0 * lever.spec().step).abs() < 1e-9,
            "ten steps made"
        );
        assert_eq!(s.history.undo.len(), 1, "one held key, one step of undo");
        assert!(!s.history.gesture_open(), "the release closes the gesture");

        // Two presses after it: a step each (the 22 -> 21 -> 20 -> start).
        let two = keys(
            &s,
            lever,
            &[
                Key::Down("ArrowRight", false),
                Key::Up("ArrowRight"),
                Key::Down("ArrowRight", false),
                Key::Up("ArrowRight"),
            ],
        );
        assert_eq!(two.history.undo.len(), 3, "each press its own step");
        let back = two.apply(Action::Undo).unwrap();
        let back = back.apply(Action::Undo).unwrap();
        assert_eq!(back.scenario_spec(), s.scenario_spec());
        let back = back.apply(Action::Undo).unwrap();
        assert_eq!(back.scenario_spec(), start.scenario_spec());
    }

    #[test]
    fn another_key_or_leaving_the_slider_ends_a_held_key_s_step() {
        let lever = Lever::Recruitment;
        let start = AppState::default();
        // Right held, then Left pressed while it repeats: two steps.
        let s = keys(
            &start,
            lever,
            &[
                Key::Down("ArrowRight", false),
                Key::Down("ArrowRight", true),
                Key::Down("ArrowUp", false),
                Key::Down("ArrowUp", true),
                Key::Up("ArrowUp"),
            ],
        );
        assert_eq!(s.history.undo.len(), 2, "a new key, a new step");
        // A held key whose release the slider never sees (focus left): the next press is
        // still a step of its own.
        let s = keys(
            &start,
            lever,
            &[
                Key::Down("ArrowRight", false),
                Key::Down("ArrowRight", true),
                Key::Blur,
                Key::Down("ArrowRight", true),
            ],
        );
        assert_eq!(s.history.undo.len(), 2, "leaving the slider ends the step");
        assert_eq!(key_down(None, "Tab", false), KeyGesture::Close);
        assert_eq!(
            key_down(Some("ArrowRight"), "ArrowRight", true),
            KeyGesture::Continue
        );
        assert_eq!(
            key_down(Some("ArrowRight"), "ArrowRight", false),
            KeyGesture::Open,
            "a fresh press of the held key (its release unseen) is a new step"
        );
    }
}
