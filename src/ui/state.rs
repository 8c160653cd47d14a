//! The app state as a yew reducer: the state, its actions and every rule for applying them
//! live in `src/app_state/` (no web dependency, tested natively); this is the thin wrapper
//! that lets `use_reducer` hold it.

use std::rc::Rc;
use yew::Reducible;

pub use crate::app_state::{Action, AppState, Pin, View, Workshop};

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        match self.apply(action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}
