//! How the page is shown: the year reported, the waiting-list split, messages for the user
//! and the workshop settings. None of it is the scenario, so none of it is undone or saved.

use std::rc::Rc;

pub use crate::scenario::workshop::ActSetup;

/// What the page shows of the document and its runs.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The year (1 to the horizon) the headline figures and the scoreboard report.
    pub year: u32,
    /// Whether the waiting-list chart splits the list by deprivation fifth.
    pub show_quintiles: bool,
    /// Messages for the user (a link or a file that could not all be applied, storage that
    /// could not be read); shown until dismissed.
    pub notices: Rc<Vec<String>>,
    /// How the page is shown in a workshop (presenter mode, help, predict-then-reveal).
    pub workshop: Workshop,
}

impl View {
    /// The view at start-up for a horizon of `years`: the default year (or the horizon if
    /// shorter), the list in total, no messages, no workshop settings.
    pub fn new(years: u32) -> View {
        View {
            year: crate::model::simulate::DEFAULT_YEARS.min(years),
            show_quintiles: false,
            notices: Rc::default(),
            workshop: Workshop::default(),
        }
    }
}

/// Workshop view settings: they change what the page shows, never the scenario, so they are
/// not undone; the app keeps them in local storage and in workshop files (`acts.rs`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workshop {
    /// Presenter mode: large type, thick lines, the lever panel hidden.
    pub presenting: bool,
    /// The help overlay listing the keyboard shortcuts.
    pub help_open: bool,
    /// Predict, then reveal: the scenario's line and figures are hidden until revealed.
    pub hide_scenario: bool,
    /// The pinned scenario last opened as an "act" (arrow keys in presenter mode).
    pub act: Option<usize>,
    /// How each act (pin, by index) is shown: partner, opens hidden, charts, the room's
    /// prediction. Shorter than the pins when some were never set: see [`Workshop::setup`].
    pub acts: Rc<Vec<ActSetup>>,
}

impl Workshop {
    /// How act `i` is shown (the default set-up if it was never set).
    pub fn setup(&self, i: usize) -> ActSetup {
        self.acts.get(i).cloned().unwrap_or_default()
    }

    /// The open act's set-up, or the default when no act is open.
    pub fn open_setup(&self) -> ActSetup {
        self.act.map(|i| self.setup(i)).unwrap_or_default()
    }
}
