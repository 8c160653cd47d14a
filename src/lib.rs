//! ICS What-If: a scenario simulator for England's Integrated Care Systems.
//!
//! - [`model`]: the system-dynamics model (pure Rust, no web dependency).
//! - [`data`]: public baselines for England and the 42 ICBs, compiled in.
//! - [`scenario`]: the scenario file format (JSON) shared by the CLI and the app.
//! - [`app_state`]: the browser app's state and its actions (one reducer), tested natively.
//! - [`cli`]: the analysts' command line.
//! - `ui`: the browser app (feature `web`).

pub mod app_state;
pub mod cli;
pub mod data;
pub mod model;
pub mod scenario;
pub mod sort;
#[cfg(feature = "web")]
pub mod ui;
