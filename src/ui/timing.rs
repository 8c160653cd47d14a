//! Input-to-chart timing, for the browser timing script (tests/e2e/perf.mjs): the page's root
//! carries `data-render-ms`, the time from the last slider input to the last chart drawn for
//! it. Measurement only; nothing on the page depends on it.

use std::cell::Cell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

thread_local! {
    static INPUT_AT: Cell<Option<f64>> = const { Cell::new(None) };
    static DRAWN_AT: Cell<Option<f64>> = const { Cell::new(None) };
}

/// A lever or assumption moved.
pub fn mark_input() {
    INPUT_AT.with(|t| t.set(super::now_ms()));
    DRAWN_AT.with(|t| t.set(None));
}

/// A chart finished drawing.
pub fn mark_drawn() {
    DRAWN_AT.with(|t| t.set(super::now_ms()));
}

/// After this render's effects (every chart's drawing) have run, writes the time from the
/// last input to the last chart drawn onto `#app`'s first child as `data-render-ms`.
pub fn report_after_effects() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let write = Closure::once_into_js(move || {
        let (Some(input), Some(drawn)) = (INPUT_AT.with(Cell::get), DRAWN_AT.with(Cell::get))
        else {
            return;
        };
        INPUT_AT.with(|t| t.set(None));
        let page = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector(".page").ok().flatten());
        if let Some(page) = page {
            let _ = page.set_attribute("data-render-ms", &format!("{:.2}", drawn - input));
            let count = page
                .get_attribute("data-render-count")
                .and_then(|c| c.parse::<u64>().ok())
                .unwrap_or(0);
            let _ = page.set_attribute("data-render-count", &(count + 1).to_string());
        }
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(write.unchecked_ref(), 0);
}
