//! Browser tests of the app (wasm32 only; run in headless Chromium by scripts/test.sh):
//! `cargo test --target wasm32-unknown-unknown --features web --test web`.
#![cfg(target_arch = "wasm32")]

#[path = "support/fingerprint.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod support;

use ics_whatif::model::{ASSUMPTIONS, LEVERS};
use ics_whatif::ui::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh app into its own `<div>` and waits until it has rendered.
async fn mount_app() -> Element {
    let window = web_sys::window().unwrap();
    // The app opens the scenario in the URL's query, else the autosaved one, and writes both
    // back as it changes: start each test from current plans.
    let path = window.location().pathname().unwrap();
    window
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
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
        text(&root, r#"label[for="lever-recruitment_pct"]"#).contains("+40%"),
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

fn input(root: &Element, selector: &str) -> HtmlInputElement {
    find(root, selector).dyn_into().unwrap()
}

/// Types `value` into a box and commits it, as Enter or leaving the box does.
async fn type_value(element: &HtmlInputElement, value: &str) {
    element.set_value(value);
    fire(element, "input");
    fire(element, "change");
    yew::scheduler::flush().await;
}

#[wasm_bindgen_test]
async fn every_lever_in_the_table_has_a_slider_with_its_key_label_and_unit_in_its_group() {
    let root = mount_app().await;
    for spec in LEVERS.iter() {
        let slider = input(&root, &format!(r#"input[data-lever="{}"]"#, spec.key));
        assert_eq!(slider.type_(), "range", "{}", spec.key);
        let label = text(&root, &format!(r#"label[for="{}"]"#, slider.id()));
        assert!(label.contains(spec.label), "{}: label {label:?}", spec.key);
        let valuetext = slider.get_attribute("aria-valuetext").unwrap_or_default();
        assert!(
            valuetext.contains(spec.unit.rest()),
            "{}: aria-valuetext {valuetext:?} carries the unit",
            spec.key
        );
        let group = slider.closest("fieldset").unwrap().unwrap();
        assert_eq!(
            group.get_attribute("data-group").as_deref(),
            Some(spec.group.label())
        );
    }
    for spec in ASSUMPTIONS.iter() {
        let slider = input(&root, &format!(r#"input[data-assumption="{}"]"#, spec.key));
        assert!(
            slider.closest("details.assumptions").unwrap().is_some(),
            "{} sits behind the Assumptions disclosure",
            spec.key
        );
    }
}

#[wasm_bindgen_test]
async fn typing_an_out_of_range_value_is_refused_with_a_message_naming_the_range() {
    let root = mount_app().await;
    let slider = input(&root, r#"input[data-lever="recruitment_pct"]"#);
    let exact = input(&root, r#"input[data-lever-exact="recruitment_pct"]"#);
    let list = text(&root, r#"[data-metric="waiting_list"]"#);

    type_value(&exact, "75").await;
    let message = text(&root, r#"[data-lever-message="recruitment_pct"]"#);
    assert!(
        message.contains("-30") && message.contains("50"),
        "the message names the range: {message:?}"
    );
    assert_eq!(slider.value(), "0", "the slider keeps its value");
    assert_eq!(exact.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(text(&root, r#"[data-metric="waiting_list"]"#), list);

    type_value(&exact, "lots").await;
    assert!(text(&root, r#"[data-lever-message="recruitment_pct"]"#).contains("not a number"));

    type_value(&exact, "20").await;
    assert_eq!(slider.value(), "20", "a value in range is taken");
    assert_eq!(text(&root, r#"[data-lever-message="recruitment_pct"]"#), "");
    assert_ne!(text(&root, r#"[data-metric="waiting_list"]"#), list);
}

#[wasm_bindgen_test]
async fn changing_an_assumption_redraws_current_plans_and_says_so_in_the_legend() {
    let root = mount_app().await;
    let plans_cell = r#"tr[data-score="kept_out_of_work"] td:nth-of-type(3)"#;
    let plans_before = text(&root, plans_cell);
    assert!(!text(&root, ".legend").contains("changed assumptions"));

    let demand = input(&root, r#"input[data-assumption="demand_growth_pct"]"#);
    demand.set_value("5");
    fire(&demand, "input");
    yew::scheduler::flush().await;

    assert_ne!(
        text(&root, plans_cell),
        plans_before,
        "current plans are re-run under the new assumption"
    );
    assert!(text(&root, ".legend").contains("changed assumptions"));
}

#[wasm_bindgen_test]
async fn the_scoreboard_shows_the_four_purposes_and_says_better_or_worse_in_words() {
    let root = mount_app().await;
    let board = find(&root, r#"[data-control="scoreboard"]"#);
    let purposes = board.text_content().unwrap_or_default();
    for purpose in [
        "Improve outcomes",
        "Tackle inequalities",
        "Productivity and value",
        "Social and economic development",
    ] {
        assert!(purposes.contains(purpose), "{purpose}");
    }
    let prevention = input(&root, r#"input[data-lever="prevention_gbp_per_head"]"#);
    prevention.set_value("150");
    fire(&prevention, "input");
    let targeting = input(&root, r#"input[data-lever="prevention_targeting_pct"]"#);
    targeting.set_value("100");
    fire(&targeting, "input");
    yew::scheduler::flush().await;
    let gap = find(&root, r#"tr[data-score="le_gap_years"]"#);
    assert_eq!(gap.get_attribute("data-verdict").as_deref(), Some("better"));
    assert!(gap.text_content().unwrap_or_default().contains("Better"));
}

#[wasm_bindgen_test]
async fn the_page_says_why_the_life_expectancy_gap_moved() {
    let root = mount_app().await;
    let why = text(&root, r#"[data-control="why-sentence"]"#);
    assert!(why.contains("the published trend"), "{why}");
    let prevention = input(&root, r#"input[data-lever="prevention_gbp_per_head"]"#);
    prevention.set_value("150");
    fire(&prevention, "input");
    let targeting = input(&root, r#"input[data-lever="prevention_targeting_pct"]"#);
    targeting.set_value("100");
    fire(&targeting, "input");
    yew::scheduler::flush().await;
    let why = text(&root, r#"[data-control="why-sentence"]"#);
    assert!(
        why.contains("narrower than under current plans") && why.contains("prevention"),
        "{why}"
    );
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

#[wasm_bindgen_test]
fn one_decimal_never_shows_a_negative_zero() {
    use ics_whatif::ui::format::one_decimal;
    assert_eq!(one_decimal(-0.004), "0.0");
    assert_eq!(one_decimal(-0.0), "0.0");
    assert_eq!(one_decimal(-0.06), "-0.1");
    assert_eq!(one_decimal(8.24), "8.2");
    assert_eq!(one_decimal(62.85), "62.9");
}

#[wasm_bindgen_test]
fn a_crash_says_so_once_and_offers_a_reload() {
    let document = web_sys::window().unwrap().document().unwrap();
    ics_whatif::ui::crash::report("a test panic at src/ui/example.rs:1");
    ics_whatif::ui::crash::report("a second panic");
    let banners = document
        .query_selector_all("[data-control=\"crash\"]")
        .unwrap();
    assert_eq!(banners.length(), 1, "one message, however many panics");
    let banner: Element = banners.item(0).unwrap().dyn_into().unwrap();
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    let text = banner.text_content().unwrap_or_default();
    assert!(text.contains("stopped responding"), "{text}");
    assert!(text.contains("saved in this browser"), "{text}");
    assert!(
        text.contains("a test panic at src/ui/example.rs:1"),
        "{text}"
    );
    let reload = find(&banner, "button[data-control=\"reload\"]");
    assert_eq!(reload.text_content().as_deref(), Some("Reload"));
    banner.remove();
}

#[wasm_bindgen_test]
fn a_range_in_millions_reads_a_zero_end_as_0() {
    use ics_whatif::ui::format::Measure;
    assert_eq!(
        Measure::Count.show_range(540_000.0, 12_450_000.0),
        "0.54m to 12.45m"
    );
    assert_eq!(
        Measure::Count.show_range(1_200.0, 1_620_000.0),
        "0 to 1.62m"
    );
}

#[wasm_bindgen_test]
async fn what_drives_the_range_lists_each_uncertain_assumption_with_its_interval_when_opened() {
    let root = mount_app().await;
    let details = find(&root, r#"details[data-panel="tornado"]"#);
    // Closed, nothing is computed.
    assert!(root.query_selector(".tornado-row").unwrap().is_none());
    details.set_attribute("open", "").unwrap();
    fire(&details, "toggle");
    yew::scheduler::flush().await;
    let rows = root.query_selector_all(".tornado-row").unwrap();
    let uncertain = ASSUMPTIONS
        .iter()
        .filter(|a| a.uncertainty.is_some())
        .count();
    assert_eq!(rows.length() as usize, uncertain);
    let demand = text(
        &root,
        r#".tornado-row[data-assumption="demand_growth_pct"]"#,
    );
    assert!(
        demand.contains("Growth in referrals 1.8% to 3.2% a year"),
        "{demand}"
    );
    assert!(demand.contains(" to "), "{demand}");
    // Another figure from the picker.
    let select: HtmlSelectElement = find(&root, r#"select[data-control="tornado-metric"]"#)
        .dyn_into()
        .unwrap();
    select.set_value("1");
    fire(&select, "change");
    yew::scheduler::flush().await;
    find(&root, r#"table[data-metric-tornado="within_18_weeks_pct"]"#);
}
