//! The app state: one reducer with a closed set of actions. Undo and redo live here (every
//! change to the scenario records the one before it), so no component keeps its own copy of
//! the levers; the link, autosave and file effects read the state after each change
//! (`persist.rs`), so they never need to know which action happened.

use std::rc::Rc;
use yew::Reducible;

use crate::model::simulate::DEFAULT_YEARS;
use crate::model::{
    simulate, Assumption, AssumptionValues, Baseline, Lever, LeverValues, ParamSpec, Projection,
    Scenario,
};
use crate::scenario::storage::MAX_PINNED;
use crate::scenario::{auto_name, find_preset, ScenarioFile};

/// How many earlier scenarios undo keeps: a workshop's worth, without unbounded growth.
pub const HISTORY_CAP: usize = 100;

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

/// Everything the page shows. Projections are computed here, once per action, never while
/// rendering.
#[derive(Debug)]
pub struct AppState {
    /// The levers as the user has set them.
    pub levers: LeverValues,
    /// The assumptions as the user has set them; they shape current plans too.
    pub assumptions: AssumptionValues,
    /// The horizon in years (10 unless a link or file says otherwise).
    pub years: u32,
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
    /// Earlier scenarios, oldest first, at most [`HISTORY_CAP`]. Shared behind `Rc` so that
    /// a view-only action (choosing a year) does not copy it.
    pub undo: Rc<Vec<Scenario>>,
    /// Scenarios undone, the most recently undone last; cleared by any new change.
    pub redo: Rc<Vec<Scenario>>,
    /// The lever the last change moved, if that change was a lever: further moves of the same
    /// lever join that change, so one drag (dozens of input events) is one step of undo.
    last_lever: Option<Lever>,
    /// Pinned scenarios to compare, oldest first, at most [`MAX_PINNED`].
    pub pins: Rc<Vec<Pin>>,
    /// Messages for the user (a link or a file that could not all be applied, storage that
    /// could not be read); shown until dismissed.
    pub notices: Rc<Vec<String>>,
    /// How the page is shown in a workshop (presenter mode, help, predict-then-reveal).
    pub view: View,
}

/// Workshop view settings: they change what the page shows, never the scenario, so they are
/// not undone and not saved.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct View {
    /// Presenter mode: large type, thick lines, the lever panel hidden.
    pub presenting: bool,
    /// The help overlay listing the keyboard shortcuts.
    pub help_open: bool,
    /// Predict, then reveal: the scenario's line and figures are hidden until revealed.
    pub hide_scenario: bool,
    /// The pinned scenario last opened as an "act" (arrow keys in presenter mode).
    pub act: Option<usize>,
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
    /// Puts every lever and every assumption back ("Reset to current plans"); keeps the area.
    Reset,
    /// Chooses England or an ICB by code; levers and assumptions are kept.
    ChooseSystem(String),
    /// Replaces the whole scenario (a link, a file, a pin); an unknown system keeps this one.
    SetScenario(Box<Scenario>),
    /// Loads a preset's levers by key (other levers to current plans; assumptions kept).
    LoadPreset(String),
    /// Goes back one change.
    Undo,
    /// Goes forward one undone change.
    Redo,
    /// Pins the current scenario, named automatically (refused with a notice beyond four).
    Pin,
    /// Removes the pin at this index.
    Unpin(usize),
    /// Renames the pin at this index (an empty name goes back to the automatic one).
    RenamePin(usize, String),
    /// Replaces the pin at this index with the working scenario. A name the user gave is
    /// kept; an automatic name is remade for the new settings.
    UpdatePin(usize),
    /// Adds messages for the user.
    Notify(Vec<String>),
    /// Clears the messages.
    DismissNotices,
    /// Turns presenter mode on or off (closing the help with it).
    Present(bool),
    /// Opens or closes the help overlay of keyboard shortcuts.
    ShowHelp(bool),
    /// Hides the scenario's line and figures (true) or reveals them (false).
    HideScenario(bool),
    /// Opens the next (+1) or previous (-1) pinned scenario as the next "act" of a workshop
    /// (undoable like any change to the scenario); the first step opens the first pin.
    StepAct(i32),
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
            DEFAULT_YEARS,
        )
    }
}

impl AppState {
    /// The state at start-up: a scenario (from a link or autosave), pins and messages. A
    /// scenario for an unknown system opens England instead and says so.
    pub fn restore(working: &Scenario, pins: Vec<ScenarioFile>, notices: Vec<String>) -> Self {
        let mut notices = notices;
        let mut state = match Baseline::for_code(&working.system) {
            Ok(b) => AppState::new(
                Rc::new(b),
                working.levers,
                working.assumptions,
                working.years,
            ),
            Err(e) => {
                notices.push(e);
                AppState::default()
            }
        };
        state.pins = Rc::new(
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
        state.notices = Rc::new(notices);
        state
    }

    /// Current plans for a scenario's area, assumptions and horizon: this state's own when
    /// they are the same, else run.
    fn plans_for(&self, baseline: &Baseline, scenario: &Scenario) -> Rc<Projection> {
        let plans = Scenario {
            levers: LeverValues::default(),
            ..scenario.clone()
        };
        let mine = Scenario {
            levers: LeverValues::default(),
            ..self.scenario_spec()
        };
        if plans == mine {
            self.current_plans.clone()
        } else {
            Rc::new(simulate(baseline, &plans))
        }
    }

    fn new(
        baseline: Rc<Baseline>,
        levers: LeverValues,
        assumptions: AssumptionValues,
        years: u32,
    ) -> Self {
        let current_plans = Rc::new(simulate(
            &baseline,
            &scenario_for(&baseline, LeverValues::default(), assumptions, years),
        ));
        AppState::with_current_plans(baseline, levers, assumptions, years, current_plans)
    }

    fn with_current_plans(
        baseline: Rc<Baseline>,
        levers: LeverValues,
        assumptions: AssumptionValues,
        years: u32,
        current_plans: Rc<Projection>,
    ) -> Self {
        // Default levers are current plans exactly (a model invariant): skip the second run.
        let scenario = if levers == LeverValues::default() {
            current_plans.clone()
        } else {
            Rc::new(simulate(
                &baseline,
                &scenario_for(&baseline, levers, assumptions, years),
            ))
        };
        AppState {
            levers,
            assumptions,
            years,
            baseline,
            scenario,
            current_plans,
            year: DEFAULT_YEARS.min(years),
            show_quintiles: false,
            undo: Rc::default(),
            redo: Rc::default(),
            last_lever: None,
            pins: Rc::default(),
            notices: Rc::default(),
            view: View::default(),
        }
    }

    /// The scenario as the model takes it (for the Monte Carlo, links, files and pins).
    pub fn scenario_spec(&self) -> Scenario {
        scenario_for(&self.baseline, self.levers, self.assumptions, self.years)
    }

    /// The horizon in years.
    pub fn horizon_years(&self) -> u32 {
        (self.scenario.months.len().saturating_sub(1) / 12) as u32
    }

    /// Whether any assumption differs from its central estimate.
    pub fn assumptions_modified(&self) -> bool {
        self.assumptions != AssumptionValues::default()
    }

    /// Whether the scenario is current plans exactly (nothing for "Reset" to do).
    pub fn is_current_plans(&self) -> bool {
        self.levers == LeverValues::default() && !self.assumptions_modified()
    }

    /// Applies an action, returning the new state, or `None` when nothing changes (an unknown
    /// system code, or a value set to the value it has).
    pub fn apply(&self, action: Action) -> Option<AppState> {
        match action {
            Action::Undo => {
                let (earlier, to) = split_last(&self.undo)?;
                let mut next = self.rebuilt(&to)?;
                next.undo = Rc::new(earlier);
                next.redo = Rc::new(pushed(&self.redo, self.scenario_spec()));
                Some(next)
            }
            Action::Redo => {
                let (later, to) = split_last(&self.redo)?;
                let mut next = self.rebuilt(&to)?;
                next.undo = Rc::new(pushed(&self.undo, self.scenario_spec()));
                next.redo = Rc::new(later);
                Some(next)
            }
            Action::Pin => {
                let mut next = self.shallow_copy();
                if self.pins.len() >= MAX_PINNED {
                    next.notices = Rc::new(pushed(
                        &self.notices,
                        format!("At most {MAX_PINNED} scenarios can be pinned: unpin one first."),
                    ));
                } else {
                    let spec = self.scenario_spec();
                    let name = auto_name(&spec);
                    let pin = Pin {
                        file: ScenarioFile::new(spec).with_name(name),
                        projection: self.scenario.clone(),
                        plans: self.current_plans.clone(),
                    };
                    next.pins = Rc::new(pushed(&self.pins, pin));
                }
                Some(next)
            }
            Action::Unpin(index) => {
                let mut pins = (*self.pins).clone();
                (index < pins.len()).then(|| {
                    pins.remove(index);
                    let mut next = AppState {
                        pins: Rc::new(pins),
                        ..self.shallow_copy()
                    };
                    next.view.act = None; // the acts have been renumbered
                    next
                })
            }
            Action::Present(on) => self.with_view(View {
                presenting: on,
                help_open: false,
                ..self.view
            }),
            Action::ShowHelp(open) => self.with_view(View {
                help_open: open,
                ..self.view
            }),
            Action::HideScenario(hide) => self.with_view(View {
                hide_scenario: hide,
                ..self.view
            }),
            Action::StepAct(step) => {
                let last = self.pins.len().checked_sub(1)?;
                let act = match self.view.act {
                    Some(i) => (i as i64 + i64::from(step)).clamp(0, last as i64) as usize,
                    None if step < 0 => last,
                    None => 0,
                };
                let to = self.pins[act].file.scenario.clone();
                let mut next = self
                    .apply(Action::SetScenario(Box::new(to)))
                    .unwrap_or_else(|| self.shallow_copy());
                next.view.act = Some(act);
                (next.view.act != self.view.act || next.scenario_spec() != self.scenario_spec())
                    .then_some(next)
            }
            Action::UpdatePin(index) => {
                let spec = self.scenario_spec();
                let mut pins = (*self.pins).clone();
                let pin = pins.get_mut(index)?;
                if pin.file.scenario == spec {
                    return None;
                }
                let automatic = auto_name(&pin.file.scenario);
                let name = match pin.file.name.take() {
                    Some(given) if given != automatic => given,
                    _ => auto_name(&spec),
                };
                *pin = Pin {
                    file: ScenarioFile::new(spec).with_name(name),
                    projection: self.scenario.clone(),
                    plans: self.current_plans.clone(),
                };
                Some(AppState {
                    pins: Rc::new(pins),
                    ..self.shallow_copy()
                })
            }
            Action::RenamePin(index, name) => {
                let mut pins = (*self.pins).clone();
                let pin = pins.get_mut(index)?;
                let name = match name.trim() {
                    "" => auto_name(&pin.file.scenario),
                    n => n.chars().take(80).collect(),
                };
                if pin.file.name.as_deref() == Some(name.as_str()) {
                    return None;
                }
                pin.file.name = Some(name);
                Some(AppState {
                    pins: Rc::new(pins),
                    ..self.shallow_copy()
                })
            }
            Action::Notify(lines) => (!lines.is_empty()).then(|| {
                let mut notices = (*self.notices).clone();
                notices.extend(lines);
                AppState {
                    notices: Rc::new(notices),
                    ..self.shallow_copy()
                }
            }),
            Action::DismissNotices => (!self.notices.is_empty()).then(|| AppState {
                notices: Rc::default(),
                ..self.shallow_copy()
            }),
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
            change => {
                let joins_last =
                    matches!(change, Action::SetLever(l, _) if self.last_lever == Some(l));
                let last_lever = match change {
                    Action::SetLever(l, _) => Some(l),
                    _ => None,
                };
                let mut next = self.changed(change)?;
                // A new change: record the scenario before it (unless it continues the same
                // lever's move) and forget what was undone.
                next.undo = if joins_last {
                    self.undo.clone()
                } else {
                    Rc::new(pushed(&self.undo, self.scenario_spec()))
                };
                next.redo = Rc::default();
                next.last_lever = last_lever;
                Some(next)
            }
        }
    }

    /// A change to the scenario itself; the history is filled in by [`AppState::apply`].
    fn changed(&self, action: Action) -> Option<AppState> {
        let mut to = self.scenario_spec();
        match action {
            Action::SetLever(lever, value) => to.levers[lever] = clamp_to(lever.spec(), value),
            Action::SetAssumption(assumption, value) => {
                to.assumptions[assumption] = clamp_to(assumption.spec(), value)
            }
            Action::ResetLevers => to.levers = LeverValues::default(),
            Action::ResetAssumptions => to.assumptions = AssumptionValues::default(),
            Action::Reset => {
                to.levers = LeverValues::default();
                to.assumptions = AssumptionValues::default();
            }
            Action::ChooseSystem(code) => to.system = code,
            Action::SetScenario(s) => to = *s,
            Action::LoadPreset(key) => {
                let preset = find_preset(&key)?;
                let assumptions = to.assumptions;
                to = preset.apply(&to.system, to.years);
                to.assumptions = assumptions;
            }
            _ => return None,
        }
        if to == self.scenario_spec() {
            return None;
        }
        self.rebuilt(&to)
    }

    /// This state moved to scenario `to`, reusing the baseline and current plans when they
    /// are unchanged; view settings, pins and messages carry over. `None` for an unknown
    /// system.
    fn rebuilt(&self, to: &Scenario) -> Option<AppState> {
        let same_system = to.system.eq_ignore_ascii_case(&self.baseline.code);
        let baseline = if same_system {
            self.baseline.clone()
        } else {
            Rc::new(Baseline::for_code(&to.system).ok()?)
        };
        let levers = clamped_levers(to.levers);
        let assumptions = clamped_assumptions(to.assumptions);
        let years = to.years.clamp(
            crate::model::simulate::MIN_YEARS,
            crate::model::simulate::MAX_YEARS,
        );
        let mut next = if same_system && assumptions == self.assumptions && years == self.years {
            AppState::with_current_plans(
                baseline,
                levers,
                assumptions,
                years,
                self.current_plans.clone(),
            )
        } else {
            AppState::new(baseline, levers, assumptions, years)
        };
        next.year = self.year.min(years);
        next.show_quintiles = self.show_quintiles;
        next.undo = self.undo.clone();
        next.redo = self.redo.clone();
        next.pins = self.pins.clone();
        next.notices = self.notices.clone();
        next.view = self.view;
        Some(next)
    }

    /// The state with other view settings, or `None` when they are the same.
    fn with_view(&self, view: View) -> Option<AppState> {
        (view != self.view).then(|| AppState {
            view,
            ..self.shallow_copy()
        })
    }

    /// A copy sharing the projections and history (cheap: they sit behind `Rc`).
    fn shallow_copy(&self) -> AppState {
        AppState {
            levers: self.levers,
            assumptions: self.assumptions,
            years: self.years,
            baseline: self.baseline.clone(),
            scenario: self.scenario.clone(),
            current_plans: self.current_plans.clone(),
            year: self.year,
            show_quintiles: self.show_quintiles,
            undo: self.undo.clone(),
            redo: self.redo.clone(),
            last_lever: self.last_lever,
            pins: self.pins.clone(),
            notices: self.notices.clone(),
            view: self.view,
        }
    }
}

/// `items` with `item` added at the end, the oldest dropped beyond [`HISTORY_CAP`].
fn pushed<T: Clone>(items: &[T], item: T) -> Vec<T> {
    let skip = (items.len() + 1).saturating_sub(HISTORY_CAP);
    items.iter().skip(skip).cloned().chain([item]).collect()
}

/// The items but the last, and the last; `None` when empty.
fn split_last(items: &[Scenario]) -> Option<(Vec<Scenario>, Scenario)> {
    let (last, rest) = items.split_last()?;
    Some((rest.to_vec(), last.clone()))
}

fn clamped_levers(mut levers: LeverValues) -> LeverValues {
    for &l in Lever::ALL {
        levers[l] = clamp_to(l.spec(), levers[l]);
    }
    levers
}

fn clamped_assumptions(mut assumptions: AssumptionValues) -> AssumptionValues {
    for &a in Assumption::ALL {
        assumptions[a] = clamp_to(a.spec(), assumptions[a]);
    }
    assumptions
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
    years: u32,
) -> Scenario {
    Scenario {
        system: baseline.code.clone(),
        levers,
        assumptions,
        years,
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
