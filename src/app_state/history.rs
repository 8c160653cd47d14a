//! Undo and redo: every change to the scenario records the one before it, so no component
//! keeps its own copy of the levers.

use std::rc::Rc;

use crate::model::{Lever, Scenario};

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
    /// The lever the last change moved, if that change was a lever: further moves of the same
    /// lever join that change, so one drag (dozens of input events) is one step of undo.
    last_lever: Option<Lever>,
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

    /// The history after a new change from `before`: `before` is recorded (unless the change
    /// moves `lever` again, continuing the last change) and what was undone is forgotten.
    pub(super) fn recorded(&self, before: Scenario, lever: Option<Lever>) -> History {
        let joins_last = lever.is_some() && lever == self.last_lever;
        History {
            undo: if joins_last {
                self.undo.clone()
            } else {
                Rc::new(pushed(&self.undo, before))
            },
            redo: Rc::default(),
            last_lever: lever,
        }
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
                last_lever: None,
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
                last_lever: None,
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
