//! The app state: one reducer with a closed set of actions, so undo, autosave and link sync
//! can later be added in one place.

use std::rc::Rc;
use yew::Reducible;

use crate::model::simulate::DEFAULT_YEARS;
use crate::model::{
    simulate, Assumption, AssumptionValues, Baseline, Lever, LeverValues, ParamSpec, Projection,
    Scenario,
};

/// Everything the page shows. Projections are computed here, once per action, never while
/// rendering.
#[derive(Debug)]
pub struct AppState {
    /// The levers as the user has set them.
    pub levers: LeverValues,
    /// The assumptions as the user has set them; they shape current plans too.
    pub assumptions: AssumptionValues,
    /// The chosen system (England or an ICB) at the start.
    pub baseline: Rc<Baseline>,
    /// The scenario as set by the levers and assumptions.
    pub scenario: Rc<Projection>,
    /// The same system and assumptions with every lever at its default ("current plans"):
    /// the dashed line on every chart.
    pub current_plans: Rc<Projection>,
    /// The year (1 to the horizon) the headline figures and the scoreboard report.
    pub year: u32,
    /// Whether the waiting-list chart splits the list by deprivation fifth.
    pub show_quintiles: bool,
}

/// What the user can do. Closed: every change to the state goes through one of these.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Moves one lever; the value is clamped to the lever's range.
    SetLever(Lever, f64),
    /// Moves one assumption (clamped); current plans are re-run under it.
    SetAssumption(Assumption, f64),
    /// Puts every lever back to current plans.
    ResetLevers,
    /// Puts every assumption back to its central estimate.
    ResetAssumptions,
    /// Chooses England or an ICB by code; levers and assumptions are kept.
    ChooseSystem(String),
    /// Chooses the year the headline figures and the scoreboard report (clamped to 1..horizon).
    ChooseYear(u32),
    /// Shows the waiting list by deprivation fifth (true) or in total (false).
    ShowQuintiles(bool),
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(
            Rc::new(Baseline::england()),
            LeverValues::default(),
            AssumptionValues::default(),
        )
    }
}

impl AppState {
    fn new(baseline: Rc<Baseline>, levers: LeverValues, assumptions: AssumptionValues) -> Self {
        let current_plans = Rc::new(simulate(
            &baseline,
            &scenario_for(&baseline, LeverValues::default(), assumptions),
        ));
        AppState::with_current_plans(baseline, levers, assumptions, current_plans)
    }

    fn with_current_plans(
        baseline: Rc<Baseline>,
        levers: LeverValues,
        assumptions: AssumptionValues,
        current_plans: Rc<Projection>,
    ) -> Self {
        // Default levers are current plans exactly (a model invariant): skip the second run.
        let scenario = if levers == LeverValues::default() {
            current_plans.clone()
        } else {
            Rc::new(simulate(
                &baseline,
                &scenario_for(&baseline, levers, assumptions),
            ))
        };
        AppState {
            levers,
            assumptions,
            baseline,
            scenario,
            current_plans,
            year: DEFAULT_YEARS,
            show_quintiles: false,
        }
    }

    /// The scenario as the model takes it (for the Monte Carlo).
    pub fn scenario_spec(&self) -> Scenario {
        scenario_for(&self.baseline, self.levers, self.assumptions)
    }

    /// The horizon in years.
    pub fn horizon_years(&self) -> u32 {
        (self.scenario.months.len().saturating_sub(1) / 12) as u32
    }

    /// Whether any assumption differs from its central estimate.
    pub fn assumptions_modified(&self) -> bool {
        self.assumptions != AssumptionValues::default()
    }

    /// Applies an action, returning the new state, or `None` when nothing changes (an unknown
    /// system code, or a value set to the value it has).
    pub fn apply(&self, action: Action) -> Option<AppState> {
        let keep_view = |mut next: AppState| {
            next.year = self.year;
            next.show_quintiles = self.show_quintiles;
            Some(next)
        };
        match action {
            Action::SetLever(lever, value) => {
                let value = clamp_to(lever.spec(), value);
                if self.levers[lever] == value {
                    return None;
                }
                let mut levers = self.levers;
                levers[lever] = value;
                self.with_levers(levers).and_then(keep_view)
            }
            Action::ResetLevers => self.with_levers(LeverValues::default()).and_then(keep_view),
            Action::SetAssumption(assumption, value) => {
                let value = clamp_to(assumption.spec(), value);
                if self.assumptions[assumption] == value {
                    return None;
                }
                let mut assumptions = self.assumptions;
                assumptions[assumption] = value;
                keep_view(AppState::new(
                    self.baseline.clone(),
                    self.levers,
                    assumptions,
                ))
            }
            Action::ResetAssumptions => {
                if !self.assumptions_modified() {
                    return None;
                }
                keep_view(AppState::new(
                    self.baseline.clone(),
                    self.levers,
                    AssumptionValues::default(),
                ))
            }
            Action::ChooseSystem(code) => {
                if code.eq_ignore_ascii_case(&self.baseline.code) {
                    return None;
                }
                let baseline = Baseline::for_code(&code).ok()?;
                keep_view(AppState::new(
                    Rc::new(baseline),
                    self.levers,
                    self.assumptions,
                ))
            }
            Action::ChooseYear(year) => {
                let year = year.clamp(1, self.horizon_years().max(1));
                (year != self.year).then(|| AppState {
                    year,
                    ..self.shallow_copy()
                })
            }
            Action::ShowQuintiles(show) => (show != self.show_quintiles).then(|| AppState {
                show_quintiles: show,
                ..self.shallow_copy()
            }),
        }
    }

    /// The state with new levers, reusing current plans (levers do not change them).
    fn with_levers(&self, levers: LeverValues) -> Option<AppState> {
        (levers != self.levers).then(|| {
            AppState::with_current_plans(
                self.baseline.clone(),
                levers,
                self.assumptions,
                self.current_plans.clone(),
            )
        })
    }

    /// A copy sharing the projections (cheap: they sit behind `Rc`).
    fn shallow_copy(&self) -> AppState {
        AppState {
            levers: self.levers,
            assumptions: self.assumptions,
            baseline: self.baseline.clone(),
            scenario: self.scenario.clone(),
            current_plans: self.current_plans.clone(),
            year: self.year,
            show_quintiles: self.show_quintiles,
        }
    }
}

/// A finite value clamped to the range; anything else falls back to the default.
fn clamp_to(spec: &ParamSpec, value: f64) -> f64 {
    if value.is_finite() {
        value.clamp(spec.min, spec.max)
    } else {
        spec.default
    }
}

fn scenario_for(
    baseline: &Baseline,
    levers: LeverValues,
    assumptions: AssumptionValues,
) -> Scenario {
    Scenario {
        system: baseline.code.clone(),
        levers,
        assumptions,
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
