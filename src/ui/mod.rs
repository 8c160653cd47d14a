//! The browser app (feature `web`): yew components over the pure model.
//!
//! - `state`: the app state (`crate::app_state`: one reducer, a closed set of actions, tested
//!   natively) as a yew reducer. Every deterministic run happens there, so components only
//!   render.
//! - `app`: the page, laying out the components below and handing them the state.
//! - `toolbar`: undo, redo, reset, pin, save, open, download, presenter mode, the link.
//! - `system_picker`: England and the 42 ICBs, with a filter box; `area_search` finds an area
//!   by its name, official name, code or a council inside it.
//! - `headlines`: the headline figures and their verdicts against current plans.
//! - `lever_panel`: the presets and every lever and assumption as a slider;
//!   `presets`: the presets menu and why each looks as it does.
//! - `presenter_bar`, `help`, `notices`, `about`: presenter mode's strip, the keyboard
//!   shortcuts overlay, messages for the user, "About this model".
//! - `shortcuts`: the keyboard shortcuts (a hook).
//! - `projector`: presenter mode as the room sees it (full screen, the act bar, one or two
//!   charts an act under large headlines); `acts_panel`: the acts' set-up and the workshop
//!   file's buttons.
//! - `slider`: one lever's or assumption's slider, rendered from its table row.
//! - `charts`: the charts and headline figures as data (one table each).
//! - `chart_panel`: one chart with its legend and hover readout; `chart` draws it (plotters),
//!   through `chart_backend` (one backend type for the page, PNG and SVG).
//! - `compare`: the pinned scenarios side by side, and their line styles on the charts.
//! - `scoreboard`: the four purposes at the chosen year.
//! - `track_record`: "how well has this model done?": the area's backtests.
//! - `why_moved`: why the life-expectancy gap and healthy life expectancy moved, by cause.
//! - `waterfall`: partners' proposals (the pins) and who contributes what, as waterfalls.
//! - `uncertainty`: the Monte Carlo fan, run in chunks between frames.
//! - `tornado`: what drives the fan (one assumption at a time), and notes on assumptions
//!   whose interval a range end cuts.
//! - `timing`: input-to-chart time on the page, for the browser timing script.
//! - `observe`: whether a chart is on screen and its size, as the browser reports them.
//! - `placement`: run-time positions applied through the CSSOM (the CSP refuses `style`).
//! - `crash`: if the app fails, save the work and say so on the page.
//! - `persist`: the URL (scenario link), local storage (autosave), clipboard, downloads and
//!   uploads: the only effects outside the page's own DOM.
//! - `format`: how numbers read on screen ("7.12m", "+10% change in joiners").
//! - `places_view`: the chosen ICB's places ranked, and the gap between them (issue 13.4);
//!   `all_systems`: the 42 ICBs ranked on a headline under the scenario (issue 13.5).
//!
//! DOM calls live only in components, `chart`, `uncertainty`, `timing`, `observe`, `crash`,
//! `placement` and `persist`, and only run in the browser.

mod about;
// The workshop room (issue 15): the acts' set-up, the workshop file, the projector view.
mod acts_panel;
mod app;
mod brief; // The board brief (issue 14.3)
mod chart;
mod chart_backend;
mod chart_panel;
mod charts;
mod compare;
pub mod crash;
pub mod format;
mod headlines;
mod help;
mod lever_panel;
mod notices;
mod observe;
mod persist;
mod placement;
mod presenter_bar;
mod presets;
mod projector;
mod scoreboard;
mod shortcuts;
mod slider;
mod state;
mod system_picker;
// The Area filter's matching: ICBs by their names or their councils' (places7).
mod area_search;
mod timing;
mod toolbar;
mod tornado;
mod track_record;
mod uncertainty;
mod waterfall;
mod why_moved;
// Places and All systems (issue 13.4-5)
mod all_systems;
mod places_view;

pub use app::App;
pub use state::{Action, AppState, Pin, View, Workshop};

/// Mounts the app into `#app` (or `<body>` if the page has no such element), with a panic
/// hook that saves the work and says what happened.
pub fn start() {
    crash::install();
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// Runs `f` after `delay_ms` milliseconds, between frames (`setTimeout`): the Monte Carlo's
/// chunks and the All systems runs. Without a window (never in the browser) it does not run.
fn later(delay_ms: i32, f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let run = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ =
        window.set_timeout_with_callback_and_timeout_and_arguments_0(run.unchecked_ref(), delay_ms);
}

/// The page's clock (`performance.now()`, milliseconds), where there is one.
fn now_ms() -> Option<f64> {
    web_sys::window()?.performance().map(|p| p.now())
}

// Phasing (issue 14.2): a lever's start month and ramp, under its slider.
mod phasing;
// The workshop room's small things (issue 15.4): slider mark labels laid out from the DOM,
// and the phone layout's "Levers" button.
mod bands;
mod phone;
// Levers aimed at places (issue 13.2): the Places chart as a PNG.
mod places_png;
// Goal seeking, "what would it take" (issue 14.1).
mod goal_panel;
