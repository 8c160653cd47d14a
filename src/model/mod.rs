//! The ICS What-If model: pure Rust, no web, no files, no clocks. A [`Scenario`] in, a
//! [`Projection`] out, deterministic for a given seed.
//!
//! - `levers`: the table of levers and assumptions (keys, units, ranges, sources).
//! - `params`: every figure in the equations, with its source.
//! - `baseline`: a system's starting position in a published month (pure: no model run).
//! - `profile`: a starting waiting list from a month's published shares.
//! - `queue`: the waiting list by quintile and months waited.
//! - `simulate`: one month after another.
//! - `projection`: what a run produces, and metrics read from it.
//! - `monte_carlo`: uncertainty as fans of quantiles.
//! - `paired`: paired runs of a scenario and its current plans, for the range of a difference.
//! - `sensitivity`: what drives the fans, one assumption at a time (a tornado).
//! - `backcast`: the queue driven by history, to test its shape.
//! - `calibration`: each system fitted to its own published history, and the fitted starts
//!   the model runs from (`Baseline::england`, `Baseline::for_system`).
//! - `track_record`: projections from past months against what was published.
//! - `scoreboard`: the four purposes at a chosen year.
//! - `goal`: goal seeking, the levers it takes to meet a target.
//! - `places`: a run split into the ICB's places (local authorities), and the gaps between them.
//! - `place_aim`: levers aimed at chosen places (prevention, equity in access).

// Quintile arrays are parallel (need, share, referrals, queues): indexing them by `q` reads
// more plainly than zipped iterators.
#![allow(clippy::needless_range_loop)]

pub mod attribution;
pub mod backcast;
pub mod baseline;
pub mod calibration;
pub mod finance;
pub mod goal;
pub mod levers;
mod math;
pub mod monte_carlo;
pub mod outcomes;
pub mod paired;
pub mod params;
pub mod phasing;
pub mod place_aim;
pub mod places;
pub mod profile;
pub mod projection;
pub mod queue;
pub mod record;
pub mod scoreboard;
pub mod sensitivity;
pub mod simulate;
mod table;
pub mod track_record;

pub use baseline::Baseline;
pub use levers::{
    Assumption, AssumptionValues, Lever, LeverValues, ParamSpec, ASSUMPTIONS, LEVERS,
};
pub use monte_carlo::{monte_carlo, MonteCarlo};
pub use phasing::{Phase, Phasing};
pub use projection::{Metric, MonthRecord, Projection};
pub use simulate::{simulate, Scenario};

/// Bumped whenever a change alters the numbers a scenario produces; carried in links and files.
pub const MODEL_VERSION: u32 = 2;
