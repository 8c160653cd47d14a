//! The document: what the user is working on and would save or share. The scenario (area,
//! levers, assumptions, horizon) and the pinned scenarios to compare it with.

use std::rc::Rc;

use crate::model::{
    Assumption, AssumptionValues, Lever, LeverValues, ParamSpec, Projection, Scenario,
};
use crate::scenario::ScenarioFile;

/// The scenario being worked on and the pins.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The scenario as the model takes it; its system is the canonical code of the area
    /// run (`"QE1"`, never `"qe1"`).
    pub scenario: Scenario,
    /// Pinned scenarios to compare, oldest first, at most
    /// [`MAX_PINNED`](crate::scenario::storage::MAX_PINNED).
    pub pins: Rc<Vec<Pin>>,
}

/// A pinned scenario: its file (name, levers, assumptions) and its projection, run once when
/// pinned so the charts can overlay it without re-running it on every render.
#[derive(Clone, Debug, PartialEq)]
pub struct Pin {
    pub file: ScenarioFile,
    pub projection: Rc<Projection>,
    /// Current plans for the pin's own area, assumptions and horizon, which its scoreboard
    /// is judged against (the working scenario's when those are the same).
    pub plans: Rc<Projection>,
}

impl Document {
    /// Whether any assumption differs from its central estimate.
    pub fn assumptions_modified(&self) -> bool {
        self.scenario.assumptions != AssumptionValues::default()
    }

    /// Whether the scenario is current plans exactly (nothing for "Reset" to do).
    pub fn is_current_plans(&self) -> bool {
        self.scenario.levers == LeverValues::default() && !self.assumptions_modified()
    }
}

/// Every lever clamped to its range (see [`clamp_to`]).
pub(super) fn clamped_levers(mut levers: LeverValues) -> LeverValues {
    for &l in Lever::ALL {
        levers[l] = clamp_to(l.spec(), levers[l]);
    }
    levers
}

/// Every assumption clamped to its range (see [`clamp_to`]).
pub(super) fn clamped_assumptions(mut assumptions: AssumptionValues) -> AssumptionValues {
    for &a in Assumption::ALL {
        assumptions[a] = clamp_to(a.spec(), assumptions[a]);
    }
    assumptions
}

/// A finite value clamped to the range; anything else falls back to the default.
pub(super) fn clamp_to(spec: &ParamSpec, value: f64) -> f64 {
    if value.is_finite() {
        value.clamp(spec.min, spec.max)
    } else {
        spec.default
    }
}
