//! The browser app, built as its own package (see `Cargo.toml` here): `src/ui/` over the
//! model, scenarios and data of the `ics-whatif` crate, re-exported so that the app's
//! `crate::model`, `crate::scenario` and `crate::data` paths read the same in both builds.

pub use ics_whatif::{data, model, scenario};

#[path = "../src/ui/mod.rs"]
pub mod ui;
