//! What the user can do: the closed set of actions. Every change to the app state goes
//! through one of these, and [`super::AppState::apply`] matches every variant by name, so a
//! new action does not compile until it says what it does.

use crate::model::place_aim::PlaceAims;
use crate::model::{Assumption, Lever, Phase, Scenario};
use crate::scenario::workshop::{ActSetup, WorkshopFile};
// Goal seeking (issue 14.1)
use super::goal::GoalKind;

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
    // Phasing (issue 14.2)
    /// Sets when one lever's change takes effect: at once, a step at a month, or a straight
    /// line over some months (one step of undo).
    SetPhase(Lever, Phase),
    /// Starts every moved lever whose change acts from the first month (month 0 or 1) at
    /// month `t` instead, keeping its ramp: the lever panel's "Start every change from today"
    /// (projections start at the last published month, which can be long before today). One
    /// step of undo; nothing happens if no lever's change acts from the first month.
    StartChangesFrom(u32),
    // ---- The chosen month (issue 14.5) ----
    /// Chooses the month the figures, readouts, exports and the brief report (months from
    /// month 0; clamped to 1..the horizon's last month).
    ChooseMonth(u32),
    /// One gesture, one step of undo (issue 15.4): a pointer pressed on a slider (true; its
    /// moves until release are one step) or released (false). Moves made with no pointer
    /// held (an arrow key, a typed value, a named value) are a step each.
    Gesture(bool),

    // ---- The workshop room (issue 15) ----
    /// Sets how act `i` (pin `i`) is shown: partner, opens hidden, charts, the prediction.
    SetAct(usize, ActSetup),
    /// Moves act `i` earlier (-1) or later (+1): the pins are reordered with their set-ups.
    MoveAct(usize, i32),
    /// Opens act `i` (pin `i`): its scenario, hidden if the act opens hidden.
    OpenAct(usize),
    /// Opens a workshop (a file): its acts replace the pins, with their set-ups, the year
    /// and the open act; an empty workshop changes nothing but the settings it carries.
    OpenWorkshop(Box<WorkshopFile>),

    // ---- Levers aimed at places (issue 13.2) ----
    /// Sets the places prevention is aimed at and the equity lever favours (local authority
    /// codes of the area's places; others are dropped); one step of undo.
    AimAtPlaces(Box<PlaceAims>),
    // ---- Goal seeking, "what would it take" (issue 14.1): `goal.rs` ----
    /// Chooses the target's form (18-week share, 52-week waiters, the list, the gap), with
    /// its usual number.
    SetGoalKind(GoalKind),
    /// Sets the target's number (NaN: what was typed is not a number; "Find it" says so).
    SetGoalThreshold(f64),
    /// Sets the target's month (months from month 0); `None` follows the page's month.
    SetGoalMonth(Option<u32>),
    /// Ticks (true) or unticks a lever the answer may move.
    ChooseGoalLever(Lever, bool),
    /// Sets the lowest and highest values a lever may take (checked by "Find it").
    SetGoalRange(Lever, f64, f64),
    /// "Find it": the solver, then the chance over the Monte Carlo from this seed.
    SolveGoal(u64),
    /// Sets the levers of a fresh answer on the scenario (one step of undo).
    ApplyGoal,
    /// Forgets the answer and any message.
    ClearGoal,
    // ---- The goal's question kept in the link, autosave and file (issue 14.1, sixth session) ----
    /// Puts a kept question back in the panel (an opened scenario file's `goal`).
    SetGoalQuestion(Box<crate::scenario::goal::GoalQuestion>),
}
