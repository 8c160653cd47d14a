//! Browser tests of the app (wasm32 only; run in headless Chromium by scripts/test.sh):
//! `cargo test --target wasm32-unknown-unknown --features web --test web`.
#![cfg(target_arch = "wasm32")]

#[path = "support/fingerprint.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod support;

use ics_whatif::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app into its own `<div>` and waits until it has rendered.
async fn mount_app() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

fn find(root: &Element, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("the page has no {selector}"))
}

fn text(root: &Element, selector: &str) -> String {
    find(root, selector).text_content().unwrap_or_default()
}

/// Sends the bubbling event a browser sends when a user moves or picks a control.
fn fire(element: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_page_shows_the_recruitment_slider_the_chart_and_the_headline_figures() {
    let root = mount_app().await;
    let slider: HtmlInputElement = find(&root, r#"input[data-lever="recruitment_pct"]"#)
        .dyn_into()
        .unwrap();
    assert_eq!(slider.type_(), "range");
    let valuetext = slider.get_attribute("aria-valuetext").unwrap_or_default();
    assert!(
        valuetext.contains("% change in joiners"),
        "aria-valuetext {valuetext:?} names the unit"
    );
    find(&root, r#"canvas[data-chart="waiting_list"]"#);
    assert!(
        text(&root, r#"[data-metric="waiting_list"]"#).ends_with('m'),
        "England's list reads in millions"
    );
    assert!(text(&root, r#"[data-metric="within_18_weeks_pct"]"#).ends_with('%'));
}

#[wasm_bindgen_test]
async fn moving_the_recruitment_slider_changes_the_waiting_list_figure_and_its_label() {
    let root = mount_app().await;
    let before = text(&root, r#"[data-metric="waiting_list"]"#);
    let slider: HtmlInputElement = find(&root, r#"input[data-lever="recruitment_pct"]"#)
        .dyn_into()
        .unwrap();
    slider.set_value("40");
    fire(&slider, "input");
    yew::scheduler::flush().await;
    let after = text(&root, r#"[data-metric="waiting_list"]"#);
    assert_ne!(
        before, after,
        "the headline waiting list follows the slider"
    );
    assert!(
        text(&root, ".lever-value").contains("+40%"),
        "the label shows the new value"
    );
}

#[wasm_bindgen_test]
async fn choosing_an_icb_changes_the_figures() {
    let root = mount_app().await;
    let before = text(&root, r#"[data-metric="waiting_list"]"#);
    let select: HtmlSelectElement = find(&root, r#"select[data-control="system"]"#)
        .dyn_into()
        .unwrap();
    assert_eq!(select.length(), 43, "England and the 42 ICBs");
    select.set_value("QOP");
    fire(&select, "change");
    yew::scheduler::flush().await;
    assert_ne!(before, text(&root, r#"[data-metric="waiting_list"]"#));
    assert!(text(&root, ".tagline").contains("Greater Manchester"));
}

#[wasm_bindgen_test]
fn the_model_gives_the_same_numbers_in_the_browser_as_natively() {
    let golden = support::from_golden(support::GOLDEN)
        .expect("tests/golden/england_default.fingerprint holds a hex u64");
    assert_eq!(
        support::england_default(),
        golden,
        "the wasm build's numbers differ from the native build's (tests/determinism.rs pins them)"
    );
}
