//! The browser app, built as its own package (see `Cargo.toml` here): `src/ui/` over the
//! model, scenarios and data of the `ics-whatif` crate, re-exported so that the app's
//! `crate::model`, `crate::scenario` and `crate::data` paths read the same in both builds.
//! The app state (`../src/app_state/`) is compiled here too, not re-exported: `ui/state.rs`
//! implements yew's `Reducible` for it, which Rust allows only for a type of this crate.

pub use ics_whatif::{data, model, scenario, sort};

#[path = "../src/app_state/mod.rs"]
pub mod app_state;

#[path = "../src/ui/mod.rs"]
pub mod ui;
