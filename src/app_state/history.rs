//! Undo and redo: every change to the scenario records the one before it, so no component
//! keeps its own copy of the levers.

use std::rc::Rc;

use crate::model::{Assumption, Lever, Scenario};

/// How many earlier scenarios undo keeps: a workshop's worth, without unbounded growth.
pub const HISTORY_CAP: usize = 100;

/// The scenarios before and after this one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    /// Earlier scenarios, oldest first, at most [`HISTORY_CAP`]. Shared behind `Rc` so that
    /// a view-only action (choosing a year) does not copy it.
    pub undo: Rc<Vec<Scenario>>,
    /// Scenarios undone, the most recently undone last; cleared by any new change.
    pub redo: Rc<Vec<Scenario>>,
    /// The gesture under way, if any: moves of one slider while its pointer or a step key is
    /// held join one step of undo, so a drag (dozens of input events) or a held arrow key
    /// (its auto-repeats) is one step; any other move (a separate key press, a typed value, a
    /// named value clicked) is a step of its own. The slider (`ui/slider.rs`) says when a
    /// gesture opens (`Gesture(true)`) and ends (`Gesture(false)`).
    gesture: Gesture,
}

/// One slider: a lever or an assumption (what a gesture moves).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Knob {
    Lever(Lever),
    Assumption(Assumption),
}

/// Whether a pointer or a step key is held on a slider, and what it has moved so far.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Gesture {
    /// No pointer held: every change is a step of its own.
    #[default]
    None,
    /// A pointer pressed on a slider, nothing moved yet: the first move is a new step.
    Pressed,
    /// The pointer has moved this slider: its further moves join that step.
    Moving(Knob),
}

impl History {
    /// Whether there is a change to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone change to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Whether a pointer gesture is under way (pressed and not yet released).
    pub fn gesture_open(&self) -> bool {
        self.gesture != Gesture::None
    }

    /// The history after a new change from `before` that moved `knob` (`None`: a change of
    /// several values, a preset or a reset): `before` is recorded, unless a pointer gesture
    /// under way has already moved `knob` (the change continues that step); what was undone
    /// is forgotten.
    pub(super) fn recorded(&self, before: Scenario, knob: Option<Knob>) -> History {
        let joins_last = matches!((self.gesture, knob), (Gesture::Moving(k), Some(m)) if k == m);
        let gesture = match (self.gesture, knob) {
            (Gesture::None, _) | (_, None) => Gesture::None,
            (_, Some(knob)) => Gesture::Moving(knob),
        };
        History {
            undo: if joins_last {
                self.undo.clone()
            } else {
                Rc::new(pushed(&self.undo, before))
            },
            redo: Rc::default(),
            gesture,
        }
    }

    /// The history with a pointer pressed on a slider (`true`: its moves until release are
    /// one step) or released (`false`: the next move is a new step); `None` when that changes
    /// nothing (a release with no pointer held).
    pub(super) fn with_gesture(&self, pressed: bool) -> Option<History> {
        let gesture = if pressed {
            Gesture::Pressed
        } else {
            Gesture::None
        };
        (gesture != self.gesture).then(|| History {
            gesture,
            ..self.clone()
        })
    }

    /// The scenario to go back to from `now`, and the history after going there; `None`
    /// when there is nothing to undo.
    pub(super) fn undone(&self, now: Scenario) -> Option<(Scenario, History)> {
        let (earlier, to) = split_last(&self.undo)?;
        Some((
            to,
            History {
                undo: Rc::new(earlier),
                redo: Rc::new(pushed(&self.redo, now)),
                gesture: Gesture::None,
            },
        ))
    }

    /// The scenario to go forward to from `now`, and the history after going there; `None`
    /// when there is nothing to redo.
    pub(super) fn redone(&self, now: Scenario) -> Option<(Scenario, History)> {
        let (later, to) = split_last(&self.redo)?;
        Some((
            to,
            History {
                undo: Rc::new(pushed(&self.undo, now)),
                redo: Rc::new(later),
                gesture: Gesture::None,
            },
        ))
    }
}

/// `items` with `item` added at the end, the oldest dropped beyond [`HISTORY_CAP`].
pub(super) fn pushed<T: Clone>(items: &[T], item: T) -> Vec<T> {
    let skip = (items.len() + 1).saturating_sub(HISTORY_CAP);
    items.iter().skip(skip).cloned().chain([item]).collect()
}

/// The items but the last, and the last; `None` when empty.
fn split_last(items: &[Scenario]) -> Option<(Vec<Scenario>, Scenario)> {
    let (last, rest) = items.split_last()?;
    Some((rest.to_vec(), last.clone()))
}
