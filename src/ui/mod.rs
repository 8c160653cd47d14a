//! The browser app (feature `web`): yew components over the pure model.
//!
//! - `state`: the one app state and its closed set of actions (a yew reducer). Every
//!   simulation run happens here, so components only render.
//! - `app`: the page: system picker, lever sliders, headline figures, chart.
//! - `slider`: one lever's slider, rendered from the lever table (label, unit, range, meaning).
//! - `chart`: the waiting-list chart drawn with plotters on a `<canvas>`.
//! - `format`: how numbers read on screen ("7.12m", "+10% change in joiners").
//!
//! DOM calls live only in `app`, `slider` and `chart`, and only run in the browser.

mod app;
mod chart;
mod format;
mod slider;
mod state;

pub use app::App;
pub use state::{Action, AppState};

/// Mounts the app into `#app` (or `<body>` if the page has no such element).
pub fn start() {
    let root = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"));
    match root {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
