//! One lever's (or assumption's) slider, rendered entirely from its row of the table: label,
//! unit, range, default, named bands, meaning and source. Adding a lever needs no UI change.

use wasm_bindgen::JsCast;
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
    /// Whether the slider shows its own Source disclosure (an assumption's); a lever's sits
    /// in the lever panel's tools row with its phasing instead (see [`lever_tools`]).
    #[prop_or(true)]
    pub own_source: bool,
}

#[function_component]
pub fn ParamSlider(props: &ParamSliderProps) -> Html {
    let spec = props.spec;
    let id = format!("{}-{}", kind_prefix(props.kind), spec.key);
    let description_id = format!("{id}-description");
    let exact_id = format!("{id}-exact");
    let message_id = format!("{id}-message");
    let keys_id = format!("{id}-keys");
    let slider_ref = use_node_ref();
    let exact_ref = use_node_ref();
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
    // Keyboard paths to the controls beside the slider, so that each lever is one Tab stop
    // (the named values and the exact box are out of the Tab order): Page Up and Page Down
    // jump to the next named value, Enter goes to the exact box.
    let on_keydown = {
        let (on_gesture, held_key) = (props.on_gesture.clone(), held_key.clone());
        let (on_change, draft, refusal) = (props.on_change.clone(), draft.clone(), refusal.clone());
        let (exact_ref, value) = (exact_ref.clone(), props.value);
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            {
                let mut held = held_key.borrow_mut();
                match key_down(held.as_deref(), &key, e.repeat()) {
                    KeyGesture::Continue => {}
                    KeyGesture::Open => {
                        *held = Some(key.clone());
                        on_gesture.emit(true);
                    }
                    KeyGesture::Close => {
                        *held = None;
                        on_gesture.emit(false);
                    }
                }
            }
            let up = match key.as_str() {
                "PageUp" => true,
                "PageDown" => false,
                "Enter" => {
                    if let Some(input) = exact_ref.cast::<HtmlInputElement>() {
                        e.prevent_default();
                        let _ = input.focus();
                        input.select();
                    }
                    return;
                }
                _ => return,
            };
            // The input's own value: a held key's repeats come faster than the props.
            let now = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|i| i.value().parse::<f64>().ok())
                .unwrap_or(value);
            if let Some(next) = named_step(spec, now, up) {
                e.prevent_default();
                if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                    input.set_value(&next.to_string());
                }
                draft.set(None);
                refusal.set(None);
                on_change.emit(next);
            }
        })
    };
    // In the exact box, Enter keeps a good value and Escape drops the typing; both hand the
    // keyboard back to the slider.
    let on_exact_key = {
        let (draft, refusal, slider_ref) = (draft.clone(), refusal.clone(), slider_ref.clone());
        Callback::from(move |e: KeyboardEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let back = match e.key().as_str() {
                "Enter" => parse_typed(spec, &input.value()).is_ok(),
                "Escape" => {
                    draft.set(None);
                    refusal.set(None);
                    true
                }
                _ => false,
            };
            if back {
                if let Some(slider) = slider_ref.cast::<HtmlInputElement>() {
                    e.prevent_default();
                    // Leaving the box commits a changed value (`change`), as a click away does.
                    let _ = slider.focus();
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
                    ref={slider_ref}
                    type="range"
                    id={id.clone()}
                    data-lever={data_attr(ParamKind::Lever)}
                    data-assumption={data_attr(ParamKind::Assumption)}
                    min={spec.min.to_string()}
                    max={spec.max.to_string()}
                    step={spec.step.to_string()}
                    value={props.value.to_string()}
                    aria-valuetext={value_text(spec, props.value, &format!("{number}{unit}"))}
                    aria-describedby={format!("{description_id} {keys_id}")}
                    aria-keyshortcuts={if spec.bands.is_empty() { "Enter" } else { "PageUp PageDown Enter" }}
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
                // Shown while the slider has the keyboard's focus: the keys that reach the
                // controls out of the Tab order.
                <span class="lever-keys">{ keys_hint(spec, false) }</span>
                <span>{ format::lever_number(spec, spec.max) }</span>
            </div>
            <span class="visually-hidden" id={keys_id}>{ keys_hint(spec, true) }</span>
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
                            tabindex="-1"
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
                    ref={exact_ref}
                    type="text"
                    inputmode="decimal"
                    tabindex="-1"
                    id={exact_id}
                    class="lever-exact-input"
                    data-lever-exact={spec.key}
                    value={typed}
                    aria-invalid={refusal.is_some().to_string()}
                    aria-describedby={message_id.clone()}
                    oninput={on_type}
                    onchange={on_commit}
                    onkeydown={on_exact_key}
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
            if props.own_source {
                { lever_tools(spec, html! {}) }
            }
        </div>
    }
}

/// A lever's secondary disclosures (its Source, and the phasing `extra` the lever panel
/// adds) as one Tab stop: a toolbar whose summaries the arrow keys move between (a roving
/// tab stop: the one last used keeps `tabindex="0"`, the rest `-1`).
pub fn lever_tools(spec: &'static ParamSpec, extra: Html) -> Html {
    let onkeydown = Callback::from(|e: KeyboardEvent| {
        let Some(target) = e.target_dyn_into::<web_sys::Element>() else {
            return;
        };
        // (yew hands events on from the page's root: the toolbar is the target's ancestor.)
        let Some(bar) = target.closest(".lever-tools").ok().flatten() else {
            return;
        };
        let Ok(list) = bar.query_selector_all(":scope > details > summary") else {
            return;
        };
        let items: Vec<web_sys::HtmlElement> = (0..list.length())
            .filter_map(|i| list.get(i)?.dyn_into().ok())
            .collect();
        let Some(at) = items
            .iter()
            .position(|i| AsRef::<web_sys::Element>::as_ref(i) == &target)
        else {
            return; // a key in an open disclosure's own controls
        };
        if let Some(next) = rove(items.len(), at, &e.key()) {
            e.prevent_default();
            for (i, item) in items.iter().enumerate() {
                let _ = item.set_attribute("tabindex", if i == next { "0" } else { "-1" });
            }
            let _ = items[next].focus();
        }
    });
    html! {
        <div class="lever-tools" role="toolbar" aria-orientation="vertical"
            aria-label={format!("Source and phasing of {}", spec.label)} {onkeydown}>
            <details class="lever-source">
                <summary tabindex="0">{ "Source" }</summary>
                <p>{ spec.source }</p>
            </details>
            { extra }
        </div>
    }
}

/// Where an arrow key (or Home, End) moves in a toolbar of `n` items from item `at`,
/// wrapping at the ends; `None` for any other key.
fn rove(n: usize, at: usize, key: &str) -> Option<usize> {
    match key {
        _ if n == 0 => None,
        "ArrowDown" | "ArrowRight" => Some((at + 1) % n),
        "ArrowUp" | "ArrowLeft" => Some((at + n - 1) % n),
        "Home" => Some(0),
        "End" => Some(n - 1),
        _ => None,
    }
}

/// The named value Page Up (`up`) or Page Down reaches from `v`: the nearest one above or
/// below it, `None` when there is none that way (the browser's own step then applies).
fn named_step(spec: &ParamSpec, v: f64, up: bool) -> Option<f64> {
    let near = spec.step / 2.0;
    let values = spec.bands.iter().map(|&(b, _)| b);
    if up {
        values.filter(|&b| b > v + near).min_by(f64::total_cmp)
    } else {
        values.filter(|&b| b < v - near).max_by(f64::total_cmp)
    }
}

/// What a screen reader hears for the slider's value: the value, and the named value's name
/// when it sits on one that says more than the number ("+3.0% a year, real terms, current
/// plans"; not "+5%, +5%").
fn value_text(spec: &ParamSpec, v: f64, shown: &str) -> String {
    match spec.bands.iter().find(|&&(b, _)| b == v) {
        Some(&(_, name)) if name != format::lever_number(spec, v) => format!("{shown}, {name}"),
        _ => shown.to_string(),
    }
}

/// The keys that reach the named values and the exact box from the slider: short on the
/// page (`spoken` false), a sentence for screen readers.
fn keys_hint(spec: &ParamSpec, spoken: bool) -> &'static str {
    match (spec.bands.is_empty(), spoken) {
        (false, false) => "PgUp/PgDn: named values \u{b7} Enter: type a value",
        (true, false) => "Enter: type a value",
        (false, true) => {
            "Page Up and Page Down jump to the named values; Enter types an exact value."
        }
        (true, true) => "Enter types an exact value.",
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
    fn page_up_and_page_down_jump_between_named_values() {
        let spec = Lever::FundingGrowth.spec(); // flat cash -2, flat real 0, plans 3, 4
        assert_eq!(named_step(spec, 3.0, true), Some(4.0));
        assert_eq!(named_step(spec, 3.0, false), Some(0.0));
        assert_eq!(named_step(spec, 1.2, true), Some(3.0), "from between two");
        assert_eq!(named_step(spec, 1.2, false), Some(0.0));
        assert_eq!(
            named_step(spec, -2.0, false),
            None,
            "none below: the browser's step"
        );
        assert_eq!(named_step(spec, 4.0, true), None);
        assert_eq!(
            named_step(spec, 3.04, true),
            Some(4.0),
            "within half a step is on it"
        );
        let plain = crate::model::Assumption::ALL
            .iter()
            .map(|a| a.spec())
            .find(|s| s.bands.is_empty());
        if let Some(plain) = plain {
            assert_eq!(named_step(plain, plain.default, true), None);
        }
    }

    #[test]
    fn the_tools_row_s_arrows_wrap_and_other_keys_pass() {
        assert_eq!(rove(2, 0, "ArrowDown"), Some(1));
        assert_eq!(rove(2, 1, "ArrowRight"), Some(0), "wraps");
        assert_eq!(rove(2, 0, "ArrowUp"), Some(1));
        assert_eq!(rove(3, 2, "Home"), Some(0));
        assert_eq!(rove(3, 0, "End"), Some(2));
        assert_eq!(rove(2, 0, "Enter"), None, "Enter opens the disclosure");
        assert_eq!(rove(2, 0, "Tab"), None, "Tab leaves the row");
        assert_eq!(rove(0, 0, "ArrowDown"), None);
    }

    #[test]
    fn a_screen_reader_hears_a_named_value_s_name_unless_it_is_the_number() {
        let spec = Lever::FundingGrowth.spec();
        let shown = |v| {
            let (n, u) = format::lever_value_parts(spec, v);
            value_text(spec, v, &format!("{n}{u}"))
        };
        assert!(shown(3.0).ends_with(", current plans"), "{}", shown(3.0));
        let (n, u) = format::lever_value_parts(spec, 3.1);
        assert_eq!(
            shown(3.1),
            format!("{n}{u}"),
            "no name between named values"
        );
        let r = Lever::Recruitment.spec();
        let (n, u) = format::lever_value_parts(r, 5.0);
        assert_eq!(
            value_text(r, 5.0, &format!("{n}{u}")),
            format!("{n}{u}"),
            "not \"+5%, +5%\""
        );
        assert!(keys_hint(r, true).contains("Page Up"));
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
