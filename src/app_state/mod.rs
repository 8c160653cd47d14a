//! The app state: one reducer with a closed set of actions, outside the web feature so that
//! `cargo test` runs every action natively (`tests.rs`); the browser app wraps it in yew's
//! `Reducible` in `ui/state.rs` and only renders it.
//!
//! The state is four parts:
//! - [`document`]: the scenario (area, levers, assumptions, horizon) and the pins: what the
//!   user would save or share;
//! - [`history`]: undo and redo (every change to the scenario records the one before it, so
//!   no component keeps its own copy of the levers);
//! - [`runs`]: the area's baseline and the projections of the scenario and of current plans,
//!   run once per action, never while rendering;
//! - [`view`]: how the page shows them (the month reported, messages, the workshop settings).
//!
//! [`AppState::apply`] names every [`Action`] in one match with no catch-all arm, so a new
//! action does not compile until it says what it does. The link, autosave and file effects
//! read the state after each change (`ui/persist.rs`), so they never need to know which
//! action happened.

mod action;
// The workshop's acts and files (issue 15).
mod acts;
// Goal seeking, "what would it take" (issue 14.1).
pub mod document;
pub mod goal;
pub mod history;
pub mod runs;
pub mod view;

pub use action::Action;
pub use document::{Document, Pin};
pub use history::{History, Knob, HISTORY_CAP};
pub use runs::Runs;
pub use view::{View, Workshop};

use std::rc::Rc;

use crate::model::simulate::{DEFAULT_YEARS, MAX_YEARS, MIN_YEARS};
use crate::model::{
    simulate, AssumptionValues, Baseline, Lever, LeverValues, Phase, Phasing, Projection, Scenario,
};
use crate::scenario::storage::MAX_PINNED;
use crate::scenario::{auto_name, find_preset, ScenarioFile};
use document::{clamp_to, clamped_assumptions, clamped_levers};
use history::pushed;
use runs::current_plans_of;

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct AppState {
    /// The scenario and the pins.
    pub document: Document,
    /// Undo and redo.
    pub history: History,
    /// The area and the projections of the scenario and of current plans.
    pub runs: Runs,
    /// The year reported, messages and the workshop settings.
    pub view: View,
}

impl Default for AppState {
    fn default() -> Self {
        AppState::new(
            Rc::new(Baseline::england()),
            LeverValues::default(),
            AssumptionValues::default(),
            DEFAULT_YEARS,
            Phasing::default(),
        )
    }
}

impl AppState {
    /// The state at start-up: a scenario (from a link or autosave), pins and messages. A
    /// scenario for an unknown system opens England instead and says so.
    pub fn restore(working: &Scenario, pins: Vec<ScenarioFile>, notices: Vec<String>) -> Self {
        let mut notices = notices;
        let mut state = match Baseline::for_code(&working.system) {
            Ok(b) => {
                let state = AppState::new(
                    Rc::new(b),
                    working.levers,
                    working.assumptions,
                    working.years,
                    working.phasing,
                );
                // Levers aimed at places (issue 13.2): the link's or autosave's places.
                let aimed = Scenario {
                    places: working.places.clone(),
                    ..state.scenario_spec()
                };
                match working.places.is_empty() {
                    true => state,
                    false => state.rebuilt(&aimed).unwrap_or(state),
                }
            }
            Err(e) => {
                notices.push(e);
                AppState::default()
            }
        };
        state.document.pins = Rc::new(
            pins.into_iter()
                .take(MAX_PINNED)
                .filter_map(|file| {
                    let baseline = Baseline::for_code(&file.scenario.system).ok()?;
                    let projection = Rc::new(simulate(&baseline, &file.scenario));
                    let plans = state.plans_for(&baseline, &file.scenario);
                    Some(Pin {
                        file,
                        projection,
                        plans,
                    })
                })
                .collect(),
        );
        state.view.notices = Rc::new(notices);
        state
    }

    /// The scenario as the model takes it (for the Monte Carlo, links, files and pins).
    pub fn scenario_spec(&self) -> Scenario {
        self.document.scenario.clone()
    }

    /// The horizon in years.
    pub fn horizon_years(&self) -> u32 {
        self.runs.horizon_years()
    }

    /// Whether any assumption differs from its central estimate.
    pub fn assumptions_modified(&self) -> bool {
        self.document.assumptions_modified()
    }

    /// Whether the scenario is current plans exactly (nothing for "Reset" to do).
    pub fn is_current_plans(&self) -> bool {
        self.document.is_current_plans()
    }

    /// Applies an action, returning the new state, or `None` when nothing changes (an unknown
    /// system code, or a value set to the value it has).
    pub fn apply(&self, action: Action) -> Option<AppState> {
        let mut to = self.scenario_spec();
        match action {
            // Changes to the scenario: undoable.
            Action::SetLever(lever, value) => {
                to.levers[lever] = clamp_to(lever.spec(), value);
                self.changed(to, Some(Knob::Lever(lever)))
            }
            Action::SetAssumption(assumption, value) => {
                to.assumptions[assumption] = clamp_to(assumption.spec(), value);
                self.changed(to, Some(Knob::Assumption(assumption)))
            }
            Action::ResetLevers => {
                to.levers = LeverValues::default();
                to.phasing = Phasing::default();
                to.places = Default::default(); // issue 13.2
                self.changed(to, None)
            }
            Action::ResetAssumptions => {
                to.assumptions = AssumptionValues::default();
                self.changed(to, None)
            }
            Action::Reset => {
                to.levers = LeverValues::default();
                to.phasing = Phasing::default();
                to.places = Default::default(); // issue 13.2
                to.assumptions = AssumptionValues::default();
                self.changed(to, None)
            }
            Action::ChooseSystem(code) => {
                to.system = code;
                self.changed(to, None)
            }
            Action::SetScenario(scenario) => self.changed(*scenario, None),
            Action::LoadPreset(key) => {
                let preset = find_preset(&key)?;
                let assumptions = to.assumptions;
                let mut to = preset.apply(&to.system, to.years);
                to.assumptions = assumptions;
                self.changed(to, None)
            }
            Action::StepAct(step) => self.step_act(step),

            // The history.
            Action::Undo => {
                let (to, history) = self.history.undone(self.scenario_spec())?;
                let mut next = self.rebuilt(&to)?;
                next.history = history;
                // Room4: pins a workshop replaced come back with its step (`acts.rs`).
                next.restore_replaced(self);
                next.keep_secret(); // room5
                Some(next)
            }
            Action::Redo => {
                let (to, history) = self.history.redone(self.scenario_spec())?;
                let mut next = self.rebuilt(&to)?;
                next.history = history;
                // Room5: the workshop an Undo took away comes back with its step (`acts.rs`).
                next.reopened(self);
                next.keep_secret();
                Some(next)
            }

            // The pins.
            Action::Pin => Some(self.pinned()),
            Action::Unpin(index) => {
                let mut pins = (*self.document.pins).clone();
                (index < pins.len()).then(|| {
                    pins.remove(index);
                    let mut next = self.clone();
                    next.document.pins = Rc::new(pins);
                    next.view.workshop.act = None; // the acts have been renumbered
                    next.view.workshop.acts = acts::without(&self.view.workshop.acts, index);
                    next
                })
            }
            Action::RenamePin(index, name) => {
                let mut pins = (*self.document.pins).clone();
                let pin = pins.get_mut(index)?;
                let name = match name.trim() {
                    "" => auto_name(&pin.file.scenario),
                    n => n.chars().take(80).collect(),
                };
                if pin.file.name.as_deref() == Some(name.as_str()) {
                    return None;
                }
                pin.file.name = Some(name);
                Some(self.with_pins(pins))
            }
            Action::UpdatePin(index) => {
                let spec = self.scenario_spec();
                let mut pins = (*self.document.pins).clone();
                let pin = pins.get_mut(index)?;
                if pin.file.scenario == spec {
                    return None;
                }
                // An automatic name (its levers, or its preset's) is remade; a given one kept.
                let automatic = [
                    Some(auto_name(&pin.file.scenario)),
                    preset_name(&pin.file.scenario),
                ];
                let name = match pin.file.name.take() {
                    Some(given) if !automatic.contains(&Some(given.clone())) => given,
                    _ => preset_name(&spec).unwrap_or_else(|| auto_name(&spec)),
                };
                *pin = self.pin_of(spec, name);
                Some(self.with_pins(pins))
            }

            // The view.
            Action::Notify(lines) => (!lines.is_empty()).then(|| {
                let mut notices = (*self.view.notices).clone();
                notices.extend(lines);
                self.with_notices(notices)
            }),
            Action::DismissNotices => {
                (!self.view.notices.is_empty()).then(|| self.with_notices(Vec::new()))
            }
            Action::ChooseYear(year) => {
                let year = year.clamp(1, self.horizon_years().max(1));
                self.apply(Action::ChooseMonth(year * 12))
            }
            Action::ShowQuintiles(show) => self.with_view(View {
                show_quintiles: show,
                ..self.view.clone()
            }),
            Action::Present(on) => self.with_workshop(Workshop {
                presenting: on,
                help_open: false,
                ..self.view.workshop.clone()
            }),
            Action::ShowHelp(open) => self.with_workshop(Workshop {
                help_open: open,
                ..self.view.workshop.clone()
            }),
            // Revealing the open act marks it seen (room4: `acts.rs`).
            Action::HideScenario(hide) => self.with_workshop(self.view.workshop.with_hidden(hide)),

            // Phasing (issue 14.2): a change of its own, one step of undo (it never joins a
            // drag of the lever's slider).
            Action::SetPhase(lever, phase) => {
                to.phasing[lever] = phase;
                self.changed(to, None)
            }
            Action::StartChangesFrom(t) => {
                let t = t.min(self.horizon_years() * 12);
                for &lever in Lever::ALL.iter() {
                    let phase = to.phasing[lever];
                    if to.levers[lever] != lever.spec().default && phase.start <= 1 {
                        to.phasing[lever] = Phase::ramp(t, phase.ramp);
                    }
                }
                self.changed(to, None)
            }
            // The chosen month (issue 14.5).
            Action::ChooseMonth(month) => {
                let month = month.clamp(1, self.horizon_years().max(1) * 12);
                self.with_view(View {
                    month,
                    ..self.view.clone()
                })
            }
            // One gesture, one step of undo (issue 15.4).
            Action::Gesture(pressed) => {
                let history = self.history.with_gesture(pressed)?;
                let mut next = self.clone();
                next.history = history;
                Some(next)
            }
            // The workshop room (issue 15): `acts.rs`.
            Action::SetAct(index, setup) => self.set_act(index, setup),
            Action::MoveAct(index, step) => self.move_act(index, step),
            Action::OpenAct(index) => self.open_act(index),
            Action::OpenWorkshop(file) => Some(self.opened_workshop(&file)),

            // Levers aimed at places (issue 13.2): one choice, one step of undo; only the
            // area's own places are kept (`rebuilt`).
            Action::AimAtPlaces(aims) => {
                to.places = *aims;
                self.changed(to, None)
            }
            // Goal seeking, "what would it take" (issue 14.1): `goal.rs`.
            Action::SetGoalKind(kind) => self.goal_kind(kind),
            Action::SetGoalThreshold(v) => self.with_goal(|g| {
                if g.threshold.to_bits() != v.to_bits() {
                    g.threshold = v;
                }
            }),
            Action::SetGoalMonth(month) => {
                let horizon = self.horizon_years().max(1) * 12;
                self.with_goal(|g| g.month = month.map(|m| m.clamp(1, horizon)))
            }
            Action::ChooseGoalLever(lever, chosen) => self.with_goal(|g| {
                g.levers
                    .iter_mut()
                    .filter(|l| l.lever == lever)
                    .for_each(|l| l.chosen = chosen)
            }),
            Action::SetGoalRange(lever, min, max) => self.with_goal(|g| {
                g.levers
                    .iter_mut()
                    .filter(|l| l.lever == lever)
                    .for_each(|l| {
                        l.min = min;
                        l.max = max;
                    })
            }),
            Action::SolveGoal(seed) => self.solved_goal(seed),
            Action::ApplyGoal => self.applied_goal(),
            Action::ClearGoal => self.with_goal(|g| {
                g.result = None;
                g.error = None;
            }),
            // The goal's question kept in a file (issue 14.1, sixth session): `goal.rs`.
            Action::SetGoalQuestion(q) => {
                let next = self.with_goal_question(&q);
                (next.view.goal != self.view.goal || next.view.notices != self.view.notices)
                    .then_some(next)
            }
        }
    }

    /// The state at start-up for a scenario of `baseline`'s area, its values as given.
    fn new(
        baseline: Rc<Baseline>,
        levers: LeverValues,
        assumptions: AssumptionValues,
        years: u32,
        phasing: Phasing,
    ) -> Self {
        let scenario = Scenario {
            system: baseline.code.clone(),
            levers,
            assumptions,
            years,
            phasing,
            places: Default::default(),
        };
        let runs = Runs::new(baseline, &scenario);
        AppState::with_runs(scenario, runs)
    }

    /// A fresh state (no history, no pins, the default view) for a scenario and its runs.
    fn with_runs(scenario: Scenario, runs: Runs) -> Self {
        let view = View::new(scenario.years);
        AppState {
            document: Document {
                scenario,
                pins: Rc::default(),
            },
            history: History::default(),
            runs,
            view,
        }
    }

    /// Current plans for a scenario's area, assumptions and horizon: this state's own when
    /// they are the same, else run.
    fn plans_for(&self, baseline: &Baseline, scenario: &Scenario) -> Rc<Projection> {
        let plans = current_plans_of(scenario);
        if plans == current_plans_of(&self.document.scenario) {
            self.runs.current_plans.clone()
        } else {
            Rc::new(simulate(baseline, &plans))
        }
    }

    /// A change to the scenario itself, to `to`: `None` when `to` is the scenario already or
    /// names an unknown system; otherwise the state moved there, the scenario before it
    /// recorded for undo (unless a pointer gesture under way has already moved `knob`: then
    /// the change joins that step).
    fn changed(&self, to: Scenario, knob: Option<Knob>) -> Option<AppState> {
        if to == self.document.scenario {
            return None;
        }
        let mut next = self.rebuilt(&to)?;
        next.history = self.history.recorded(self.scenario_spec(), knob);
        next.view.workshop.reopen = None; // room5: nothing left to redo
        Some(next)
    }

    /// Opens the next (`step` > 0) or previous pinned scenario as a workshop's act.
    fn step_act(&self, step: i32) -> Option<AppState> {
        let last = self.document.pins.len().checked_sub(1)?;
        let act = match self.view.workshop.act {
            Some(i) => (i as i64 + i64::from(step)).clamp(0, last as i64) as usize,
            None if step < 0 => last,
            None => 0,
        };
        let to = self.document.pins[act].file.scenario.clone();
        let mut next = self
            .apply(Action::SetScenario(Box::new(to)))
            .unwrap_or_else(|| self.clone());
        next.view.workshop.act = Some(act);
        // An act that opens hidden starts its prediction; any other act is shown.
        next.view.workshop.hide_scenario = self.view.workshop.setup(act).opens_hidden;
        (next.view.workshop.act != self.view.workshop.act
            || next.scenario_spec() != self.scenario_spec())
        .then_some(next)
    }

    /// The state with the working scenario pinned, or with a notice when the pins are full.
    fn pinned(&self) -> AppState {
        if self.document.pins.len() >= MAX_PINNED {
            return self.with_notices(pushed(
                &self.view.notices,
                format!("At most {MAX_PINNED} scenarios can be pinned: unpin one first."),
            ));
        }
        let spec = self.scenario_spec();
        let name = preset_name(&spec).unwrap_or_else(|| auto_name(&spec));
        self.with_pins(pushed(&self.document.pins, self.pin_of(spec, name)))
    }

    /// The working scenario as a pin named `name`, sharing its runs.
    fn pin_of(&self, spec: Scenario, name: String) -> Pin {
        Pin {
            file: ScenarioFile::new(spec).with_name(name),
            projection: self.runs.scenario.clone(),
            plans: self.runs.current_plans.clone(),
        }
    }

    /// This state moved to scenario `to`, reusing the baseline and current plans when they
    /// are unchanged; the history, view settings, pins and messages carry over. `None` for an
    /// unknown system.
    fn rebuilt(&self, to: &Scenario) -> Option<AppState> {
        let same_system = to.system.eq_ignore_ascii_case(&self.runs.baseline.code);
        let baseline = if same_system {
            self.runs.baseline.clone()
        } else {
            Rc::new(Baseline::for_code(&to.system).ok()?)
        };
        let scenario = Scenario {
            system: baseline.code.clone(),
            levers: clamped_levers(to.levers),
            assumptions: clamped_assumptions(to.assumptions),
            years: to.years.clamp(MIN_YEARS, MAX_YEARS),
            phasing: to.phasing,
            // Levers aimed at places (issue 13.2): only the new area's own places.
            places: crate::model::place_aim::kept_in(&baseline.code, &to.places),
        };
        let now = &self.document.scenario;
        let runs = if same_system
            && scenario.assumptions == now.assumptions
            && scenario.years == now.years
        {
            Runs::with_current_plans(baseline, &scenario, self.runs.current_plans.clone())
        } else {
            Runs::new(baseline, &scenario)
        };
        let month = self.view.month.min(scenario.years * 12);
        Some(AppState {
            document: Document {
                scenario,
                pins: self.document.pins.clone(),
            },
            history: self.history.clone(),
            runs,
            view: View {
                month,
                ..self.view.clone()
            },
        })
    }

    /// The state with other pins.
    fn with_pins(&self, pins: Vec<Pin>) -> AppState {
        let mut next = self.clone();
        next.document.pins = Rc::new(pins);
        next
    }

    /// The state with other messages.
    fn with_notices(&self, notices: Vec<String>) -> AppState {
        let mut next = self.clone();
        next.view.notices = Rc::new(notices);
        next
    }

    /// The state with another view, or `None` when it is the same.
    fn with_view(&self, view: View) -> Option<AppState> {
        (view != self.view).then(|| AppState {
            view,
            ..self.clone()
        })
    }

    /// The state with other workshop settings, or `None` when they are the same.
    fn with_workshop(&self, workshop: Workshop) -> Option<AppState> {
        self.with_view(View {
            workshop,
            ..self.view.clone()
        })
    }
}

#[cfg(test)]
mod tests;

/// A scenario that is exactly a preset (the same levers, every assumption, phasing and place
/// aim as the preset gives: the same automatic name) is pinned under the preset's name,
/// "Workforce plan delivered", not its list of levers, which a facilitator would have to
/// rename for the projector. `None` otherwise.
fn preset_name(spec: &Scenario) -> Option<String> {
    let words = auto_name(spec);
    crate::scenario::presets()
        .iter()
        .find(|p| auto_name(&p.apply(&spec.system, spec.years)) == words)
        .map(|p| p.name.to_string())
}
