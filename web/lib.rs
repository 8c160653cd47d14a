//! The browser app, built as its own package (see `Cargo.toml` here): `src/ui/` over the
//! model and data of the `ics-whatif` crate, re-exported so that the app's `crate::model` and
//! `crate::data` paths read the same in both builds; `crate::scenario` is compiled here (below).
//! The app state (`../src/app_state/`) is compiled here too, not re-exported: `ui/state.rs`
//! implements yew's `Reducible` for it, which Rust allows only for a type of this crate.

pub use ics_whatif::{data, model, sort};

// The scenario files, links and storage, compiled here too rather than re-exported: here they
// are built for size with the app (opt-level "z"), not for speed with the model (3); they are
// read and written on a click, never in a run. The model calls only two of their text helpers
// (`shown`, `place_names`), through its own copy. README ("Bundle size, ninth session").
// (`shown_path` and a few more serve only the CLI.)
#[allow(dead_code, unused_imports)]
#[path = "../src/scenario/mod.rs"]
pub mod scenario;

#[path = "../src/app_state/mod.rs"]
pub mod app_state;

#[path = "../src/ui/mod.rs"]
pub mod ui;
