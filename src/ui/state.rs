//! The app state: one reducer with a closed set of actions, so undo, autosave and link sync
//! can later be added in one place.

use std::rc::Rc;
use yew::Reducible;

use crate::model::{simulate, Baseline, Lever, LeverValues, Projection, Scenario};

/// Everything the page shows. Projections are computed here, once per action, never while
/// rendering.
#[derive(Debug)]
pub struct AppState {
    /// The levers as the user has set them.
    pub levers: LeverValues,
    /// The chosen system (England or an ICB) at the start.
    pub baseline: Rc<Baseline>,
    /// The scenario as set by the levers.
    pub scenario: Rc<Projection>,
    /// The same system with every lever at its default ("current plans"), for comparison.
    pub current_plans: Rc<Projection>,
}

/// What the user can do. Closed: every change to the state goes through one of these.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Moves one lever; the value is clamped to the lever's range.
    SetLever(Lever, f64),
    /// Chooses England or an ICB by code; the levers are kept.
    ChooseSystem(String),
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(Rc::new(Baseline::england()), LeverValues::default())
    }
}

impl AppState {
    fn new(baseline: Rc<Baseline>, levers: LeverValues) -> AppState {
        let current_plans = Rc::new(simulate(
            &baseline,
            &scenario_for(&baseline, LeverValues::default()),
        ));
        AppState::with_current_plans(baseline, levers, current_plans)
    }

    fn with_current_plans(
        baseline: Rc<Baseline>,
        levers: LeverValues,
        current_plans: Rc<Projection>,
    ) -> AppState {
        let scenario = if levers == LeverValues::default() {
            current_plans.clone()
        } else {
            Rc::new(simulate(&baseline, &scenario_for(&baseline, levers)))
        };
        AppState {
            levers,
            baseline,
            scenario,
            current_plans,
        }
    }

    /// Applies an action, returning the new state, or `None` when nothing changes (an unknown
    /// system code, or a lever set to the value it has).
    pub fn apply(&self, action: Action) -> Option<AppState> {
        match action {
            Action::SetLever(lever, value) => {
                let spec = lever.spec();
                let value = if value.is_finite() {
                    value.clamp(spec.min, spec.max)
                } else {
                    spec.default
                };
                if self.levers[lever] == value {
                    return None;
                }
                let mut levers = self.levers;
                levers[lever] = value;
                Some(AppState::with_current_plans(
                    self.baseline.clone(),
                    levers,
                    self.current_plans.clone(),
                ))
            }
            Action::ChooseSystem(code) => {
                if code.eq_ignore_ascii_case(&self.baseline.code) {
                    return None;
                }
                let baseline = Baseline::for_code(&code).ok()?;
                Some(AppState::new(Rc::new(baseline), self.levers))
            }
        }
    }
}

fn scenario_for(baseline: &Baseline, levers: LeverValues) -> Scenario {
    Scenario {
        system: baseline.code.clone(),
        levers,
        ..Scenario::default()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}
