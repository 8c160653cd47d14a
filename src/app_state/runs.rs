//! The runs: the chosen area's starting point and the model's projections of the scenario and
//! of current plans. Computed here, once per action, never while rendering.

use std::rc::Rc;

use crate::model::{simulate, Baseline, LeverValues, Projection, Scenario};

/// The area and the deterministic runs the page shows.
#[derive(Clone, Debug)]
pub struct Runs {
    /// The chosen system (England or an ICB) at the start.
    pub baseline: Rc<Baseline>,
    /// The scenario as set by the levers and assumptions.
    pub scenario: Rc<Projection>,
    /// The same system and assumptions with every lever at its default ("current plans"):
    /// the dashed line on every chart.
    pub current_plans: Rc<Projection>,
}

impl Runs {
    /// Runs `scenario` (whose system is `baseline`'s) and its current plans.
    pub(super) fn new(baseline: Rc<Baseline>, scenario: &Scenario) -> Runs {
        let current_plans = Rc::new(simulate(&baseline, &current_plans_of(scenario)));
        Runs::with_current_plans(baseline, scenario, current_plans)
    }

    /// Runs `scenario`, reusing `current_plans` (which must be its current plans).
    pub(super) fn with_current_plans(
        baseline: Rc<Baseline>,
        scenario: &Scenario,
        current_plans: Rc<Projection>,
    ) -> Runs {
        // Default levers are current plans exactly (a model invariant): skip the second run.
        let projection = if scenario.levers == LeverValues::default() {
            current_plans.clone()
        } else {
            Rc::new(simulate(&baseline, scenario))
        };
        Runs {
            baseline,
            scenario: projection,
            current_plans,
        }
    }

    /// The horizon of the runs in years.
    pub fn horizon_years(&self) -> u32 {
        (self.scenario.months.len().saturating_sub(1) / 12) as u32
    }
}

/// The scenario with every lever at its default: current plans for its area, assumptions
/// and horizon.
pub fn current_plans_of(scenario: &Scenario) -> Scenario {
    Scenario {
        levers: LeverValues::default(),
        ..scenario.clone()
    }
}
