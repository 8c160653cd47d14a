//! How the page is shown: the month reported, the waiting-list split, messages for the user
//! and the workshop settings. None of it is the scenario, so none of it is undone or saved.

use std::rc::Rc;

pub use crate::scenario::workshop::ActSetup;

/// What the page shows of the document and its runs.
#[derive(Clone, Debug, PartialEq)]
pub struct View {
    /// The month (1 to the horizon's last, months from month 0, the last published month)
    /// the headline figures, the scoreboard, the comparison, chart readouts, exports and the
    /// board brief report (issue 14.5).
    pub month: u32,
    /// Whether the waiting-list chart splits the list by deprivation fifth.
    pub show_quintiles: bool,
    /// Messages for the user (a link or a file that could not all be applied, storage that
    /// could not be read); shown until dismissed.
    pub notices: Rc<Vec<String>>,
    /// How the page is shown in a workshop (presenter mode, help, predict-then-reveal).
    pub workshop: Workshop,
    /// Goal seeking (issue 14.1): the question and the last answer. Not the scenario, so
    /// not undone or saved; an answer shows as out of date when the scenario moves on.
    pub goal: Rc<super::goal::Goal>,
}

impl View {
    /// The view at start-up for a horizon of `years`: the default year's end (or the
    /// horizon if shorter), the list in total, no messages, no workshop settings. The app
    /// then opens on [`opening_month`] (it knows today's date; this pure state does not).
    pub fn new(years: u32) -> View {
        View {
            month: crate::model::simulate::DEFAULT_YEARS.min(years) * 12,
            show_quintiles: false,
            notices: Rc::default(),
            workshop: Workshop::default(),
            goal: Rc::default(),
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
    /// Room4: the pins an opened workshop replaced, until the Undo that brings them back.
    pub replaced: Option<Rc<super::acts::ReplacedPins>>,
    /// Room5: the workshop an Undo took away, until the Redo that puts it back.
    pub reopen: Option<Rc<super::acts::Reopen>>,
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

// ---- The chosen month (issue 14.5) ----

use crate::data::rtt::{start_period, Period};

/// The national targets for waiting times, as (calendar month, what is due): 65% of the
/// list within 18 weeks by March 2026 and 92% by March 2029 (FACTS.md, "standard and
/// targets": NHS Constitution; Elective Reform Plan, January 2025). Policy dates, not data:
/// month 0 still comes from the published data.
pub const TARGET_DATES: [(Period, &str); 2] = [
    (
        Period {
            year: 2026,
            month: 3,
        },
        "65% within 18 weeks",
    ),
    (
        Period {
            year: 2029,
            month: 3,
        },
        "92% within 18 weeks",
    ),
];

/// The projection month of calendar month `p` (months from month 0; negative before it).
pub fn month_of(p: Period) -> i64 {
    p.months_since(start_period())
}

/// The calendar month of projection month `t`.
pub fn period_of(t: u32) -> Period {
    start_period().plus(t as usize)
}

/// The month the page opens on: the nearest target date ([`TARGET_DATES`]) after today
/// (`today`: today's projection month, from the page's clock) and inside the horizon of
/// `horizon` months; with none left, the next whole year from month 0 after today (the same
/// calendar month as month 0, a March today); at the latest, the horizon's end.
pub fn opening_month(today: Option<i64>, horizon: u32) -> u32 {
    let after = today.unwrap_or(0).max(0);
    let horizon = i64::from(horizon.max(1));
    TARGET_DATES
        .iter()
        .map(|(p, _)| month_of(*p))
        .find(|&t| t > after && t <= horizon)
        .or_else(|| {
            let next_year = (after / 12 + 1) * 12;
            (next_year <= horizon).then_some(next_year)
        })
        .unwrap_or(horizon) as u32
}

/// The month for a link's or a file's `month=YYYY-MM` (or `year=`: a year from month 0,
/// 1 to 20, or a calendar year, read as that year's month like month 0, March today),
/// checked against a horizon of `horizon` months: `Err` is a one-line message.
pub fn parse_month(key: &str, value: &str, horizon: u32) -> Result<u32, String> {
    let value = value.trim();
    let t = match key {
        "year" => match value.parse::<i64>() {
            Ok(y @ 1..=20) => y * 12,
            Ok(y @ 1900..=2200) => (y - i64::from(start_period().year)) * 12,
            _ => {
                return Err(format!(
                "year = '{}' is not a year from month 0 (1 to 20) or a calendar year such as 2029",
                value.chars().take(40).collect::<String>()
            ))
            }
        },
        _ => month_of(Period::parse(value).map_err(|e| format!("month: {e}"))?),
    };
    if t < 1 || t > i64::from(horizon) {
        return Err(format!(
            "{key} = {value} is outside the projection: choose a month from {} to {}",
            period_of(1).name(),
            period_of(horizon).name()
        ));
    }
    Ok(t as u32)
}
