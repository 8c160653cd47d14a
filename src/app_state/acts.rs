//! The workshop's acts (issue 15): each pin is an act, shown in pin order, with a set-up of
//! its own (partner, opens hidden, charts, the room's prediction) kept in
//! [`Workshop::acts`](super::Workshop::acts) beside the pins. A workshop file
//! ([`WorkshopFile`]) carries the pins and their set-ups, the month and whether a prediction
//! is open; the app keeps the same in local storage, so a reload keeps the secret.

use std::rc::Rc;

use super::view::Workshop;
use super::{Action, AppState, Pin};
use crate::model::{simulate, Baseline, Scenario};
use crate::scenario::storage::MAX_PINNED;
use crate::scenario::workshop::{Act, ActSetup, WorkshopFile};
use crate::scenario::ScenarioFile;

/// The set-ups without act `index` (its pin was removed): later acts move up one.
pub(super) fn without(acts: &Rc<Vec<ActSetup>>, index: usize) -> Rc<Vec<ActSetup>> {
    let mut acts = (**acts).clone();
    if index < acts.len() {
        acts.remove(index);
    }
    Rc::new(acts)
}

/// The pins (and their acts' set-ups and the month) a workshop replaced, and the length of
/// the undo history just after it opened: the Undo that opens them again (room4).
#[derive(Clone, Debug, PartialEq)]
pub struct ReplacedPins {
    pub depth: usize,
    pub pins: Rc<Vec<Pin>>,
    pub acts: Rc<Vec<ActSetup>>,
    /// Room5: the month shown before, back with the pins.
    pub month: u32,
}

/// Room5: what the Undo of an opened workshop took away, for Redo to put back exactly (one
/// gesture, one step both ways): the workshop's pins, settings and month as they stood, and
/// the length of the redo list just after that Undo. Any new change forgets it.
#[derive(Clone, Debug, PartialEq)]
pub struct Reopen {
    pub depth: usize,
    pub pins: Rc<Vec<Pin>>,
    pub workshop: Workshop,
    pub month: u32,
}

impl Workshop {
    /// Predict, then reveal (issue 15.2; room4): whether pin `i`'s outcome is kept off the
    /// page (charts, legend, readouts, the table, the proposals, the brief). The open act is
    /// hidden while its prediction is open; any other act set to open hidden stays hidden
    /// until it has been revealed, so no act gives its answer away before its turn.
    pub fn pin_hidden(&self, i: usize) -> bool {
        if self.act == Some(i) {
            return self.hide_scenario;
        }
        self.acts
            .get(i)
            .is_some_and(|s| s.opens_hidden && !s.revealed)
    }

    /// The workshop with the scenario hidden (`true`) or revealed; revealing the open act
    /// marks it seen, so it stays shown when another act opens.
    pub fn with_hidden(&self, hide: bool) -> Workshop {
        let mut w = Workshop {
            hide_scenario: hide,
            ..self.clone()
        };
        if let Some(i) = self.act.filter(|&i| !hide && i < self.acts.len()) {
            let mut acts = (*w.acts).clone();
            acts[i].revealed = true;
            w.acts = Rc::new(acts);
        }
        w
    }
}

impl AppState {
    /// The workshop as a file: the working scenario, every pin as an act with its set-up,
    /// the year, whether a prediction is open and which act.
    pub fn workshop_file(&self) -> WorkshopFile {
        let w = &self.view.workshop;
        WorkshopFile {
            working: Some(ScenarioFile::new(self.scenario_spec())),
            acts: self
                .document
                .pins
                .iter()
                .enumerate()
                .map(|(i, pin)| Act {
                    file: pin.file.clone(),
                    setup: w.setup(i),
                })
                .collect(),
            month: Some(super::view::period_of(self.view.month)),
            year: None,
            hidden: w.hide_scenario,
            open_act: w.act.filter(|&i| i < self.document.pins.len()),
        }
    }

    /// The state with act `index`'s set-up replaced; `None` for no such pin or no change.
    pub(super) fn set_act(&self, index: usize, setup: ActSetup) -> Option<AppState> {
        if index >= self.document.pins.len() || self.view.workshop.setup(index) == setup {
            return None;
        }
        let mut acts = (*self.view.workshop.acts).clone();
        if acts.len() <= index {
            acts.resize(index + 1, ActSetup::default());
        }
        let mut setup = setup;
        if setup.second_chart == Some(setup.headline) {
            setup.second_chart = None;
        }
        // Room5: ticking "Opens hidden" again hides the act again until its next reveal.
        if setup.opens_hidden && !acts[index].opens_hidden {
            setup.revealed = false;
        }
        acts[index] = setup;
        let mut next = self.clone();
        next.view.workshop.acts = Rc::new(acts);
        Some(next)
    }

    /// The state with act `index` moved `step` places (pins and set-ups together; the open
    /// act follows its pin). `None` when it cannot move.
    pub(super) fn move_act(&self, index: usize, step: i32) -> Option<AppState> {
        let n = self.document.pins.len();
        let to = index as i64 + i64::from(step);
        if index >= n || to < 0 || to >= n as i64 || step == 0 {
            return None;
        }
        let to = to as usize;
        let w = &self.view.workshop;
        let mut pins = (*self.document.pins).clone();
        let mut acts: Vec<ActSetup> = (0..n).map(|i| w.setup(i)).collect();
        let pin = pins.remove(index);
        pins.insert(to, pin);
        let setup = acts.remove(index);
        acts.insert(to, setup);
        let mut next = self.clone();
        next.document.pins = Rc::new(pins);
        next.view.workshop.acts = Rc::new(acts);
        next.view.workshop.act = w.act.map(|a| {
            let mut order: Vec<usize> = (0..n).collect();
            let moved = order.remove(index);
            order.insert(to, moved);
            order.iter().position(|&i| i == a).unwrap_or(a)
        });
        Some(next)
    }

    /// Opens act `index`: its scenario (undoable, as any change to it), hidden when the act
    /// opens hidden. `None` for no such pin.
    pub(super) fn open_act(&self, index: usize) -> Option<AppState> {
        let pin = self.document.pins.get(index)?;
        let mut next = self
            .apply(Action::SetScenario(Box::new(pin.file.scenario.clone())))
            .unwrap_or_else(|| self.clone());
        next.view.workshop.act = Some(index);
        next.view.workshop.hide_scenario = self.view.workshop.setup(index).opens_hidden;
        Some(next)
    }

    /// The state with a workshop opened: its working scenario (undoable), its acts as the
    /// pins (each run for its own area) with their set-ups, its year, its open act and its
    /// prediction. Acts beyond [`MAX_PINNED`] are left out (the reader has said so).
    ///
    /// Room6: a working scenario that is an act's not yet revealed (the usual way to prepare:
    /// build the last act, pin it, save) would show that act's answer before its turn, so the
    /// workshop opens on current plans for its area instead, with a notice saying why; the
    /// act keeps its scenario, and opening it (hidden) is the way to it.
    pub(super) fn opened_workshop(&self, w: &WorkshopFile) -> AppState {
        let next = self.opened_workshop_as_saved(w);
        let Some((act, plans)) = next.secret_on_screen() else {
            return next;
        };
        let mut held = w.clone();
        held.working = Some(match &w.working {
            Some(file) => ScenarioFile {
                scenario: plans,
                ..file.clone()
            },
            None => ScenarioFile::new(plans),
        });
        let mut next = self.opened_workshop_as_saved(&held);
        next.view.notices = Rc::new(next.held_back_notice(act));
        next
    }

    /// Room6: the act whose answer the page would show before its turn (the scenario on
    /// screen, shown, is the scenario of an act set to open hidden and not yet revealed),
    /// with current plans for the scenario's area to show instead; `None` when there is none
    /// or current plans are that act's scenario too.
    fn secret_on_screen(&self) -> Option<(usize, Scenario)> {
        let w = &self.view.workshop;
        if w.hide_scenario {
            return None;
        }
        let spec = &self.document.scenario;
        let act = (0..self.document.pins.len())
            .find(|&i| self.document.pins[i].file.scenario == *spec && w.pin_hidden(i))?;
        let plans = Scenario {
            system: spec.system.clone(),
            years: spec.years,
            ..Scenario::default()
        };
        (plans != *spec).then_some((act, plans))
    }

    /// Room6: the notices with one more, saying why current plans are on screen.
    fn held_back_notice(&self, act: usize) -> Vec<String> {
        let name = match self.document.pins[act].file.name.as_deref() {
            Some(n) => format!(" (\u{201c}{n}\u{201d})"),
            None => String::new(),
        };
        // The area as the page's subtitle names it ("Greater Manchester").
        let area = &self.runs.baseline.name;
        let area = area.strip_prefix("NHS ").unwrap_or(area);
        let area = area.strip_suffix(" Integrated Care Board").unwrap_or(area);
        let mut notices = (*self.view.notices).clone();
        notices.push(format!(
            "Showing current plans for {area}: the workshop was saved on act {}'s scenario{name}, which stays hidden until its turn.",
            act + 1
        ));
        notices
    }

    /// Room6: the state restored from autosave with the workshop's settings (a reload), on
    /// current plans when it would otherwise show an act's answer before its turn (one step
    /// of undo, which opens that act hidden as any undo back to it does), with the notice.
    fn held_back_on_reload(self) -> AppState {
        let Some((act, plans)) = self.secret_on_screen() else {
            return self;
        };
        let Some(mut next) = self.changed(plans, None) else {
            return self;
        };
        next.view.notices = Rc::new(self.held_back_notice(act));
        next
    }

    /// [`Self::opened_workshop`] with the working scenario as the file has it.
    fn opened_workshop_as_saved(&self, w: &WorkshopFile) -> AppState {
        let mut next = match &w.working {
            Some(file) => self
                .apply(Action::SetScenario(Box::new(file.scenario.clone())))
                .unwrap_or_else(|| self.clone()),
            None => self.clone(),
        };
        let acts: Vec<&Act> = w.acts.iter().take(MAX_PINNED).collect();
        let pins: Vec<Pin> = acts
            .iter()
            .filter_map(|act| {
                let baseline = Baseline::for_code(&act.file.scenario.system).ok()?;
                Some(Pin {
                    file: act.file.clone(),
                    projection: Rc::new(simulate(&baseline, &act.file.scenario)),
                    plans: next.plans_for(&baseline, &act.file.scenario),
                })
            })
            .collect();
        let setups: Vec<ActSetup> = acts
            .iter()
            .filter(|act| Baseline::for_code(&act.file.scenario.system).is_ok())
            .map(|act| act.setup.clone())
            .collect();
        // Never lose the user's work (room4): pins the workshop replaces come back with
        // Undo, one step, and a notice says so.
        let before = &self.document.pins;
        let replaced = !before.is_empty() && **before != pins;
        if replaced && next.history.undo.len() == self.history.undo.len() {
            next.history = self.history.recorded(self.scenario_spec(), None);
        }
        next.document.pins = Rc::new(pins);
        next.view.workshop.acts = Rc::new(setups);
        next.view.workshop.reopen = None; // room5: a new workshop, nothing left to redo
        next.restored_settings(w);
        if replaced {
            next.view.workshop.replaced = Some(Rc::new(ReplacedPins {
                depth: next.history.undo.len(),
                pins: before.clone(),
                acts: self.view.workshop.acts.clone(),
                month: self.view.month,
            }));
            let mut notices = (*next.view.notices).clone();
            notices.push(match before.len() {
                1 => "Opened the workshop: your pinned scenario was replaced. Undo brings it back.".to_string(),
                n => format!("Opened the workshop: your {n} pinned scenarios were replaced. Undo brings them back."),
            });
            next.view.notices = Rc::new(notices);
        }
        next
    }

    /// After an Undo (`self` the state before it): the pins a workshop replaced come back
    /// when the step undone is the one that opened it (room4).
    pub(super) fn restore_replaced(&mut self, before: &AppState) {
        let Some(r) = before.view.workshop.replaced.clone() else {
            return;
        };
        if r.depth == before.history.undo.len() {
            // Room5: Redo puts the workshop back as it stood (`reopened`).
            let reopen = Reopen {
                depth: self.history.redo.len(),
                pins: before.document.pins.clone(),
                workshop: Workshop {
                    reopen: None,
                    ..before.view.workshop.clone()
                },
                month: before.view.month,
            };
            self.document.pins = r.pins.clone();
            self.view.month = r.month;
            self.view.workshop = Workshop {
                acts: r.acts.clone(),
                presenting: self.view.workshop.presenting,
                reopen: Some(Rc::new(reopen)),
                ..Workshop::default()
            };
        }
    }

    /// After a Redo (`self` the state before it): the workshop an Undo took away comes back
    /// when the step redone is the one that opened it (room5), with its pins, acts, open act,
    /// secret and month as they stood before that Undo.
    pub(super) fn reopened(&mut self, before: &AppState) {
        let Some(r) = before.view.workshop.reopen.clone() else {
            return;
        };
        if r.depth == before.history.redo.len() {
            self.document.pins = r.pins.clone();
            self.view.month = r.month;
            self.view.workshop = Workshop {
                presenting: self.view.workshop.presenting,
                help_open: self.view.workshop.help_open,
                ..r.workshop.clone()
            };
        }
    }

    /// Room5: a step of undo or redo that lands on the scenario of an act not yet revealed
    /// opens that act hidden, as stepping back to it does, so no undo shows its answer (the
    /// figures, the charts, "Figures (CSV)").
    pub(super) fn keep_secret(&mut self) {
        let w = &self.view.workshop;
        if w.hide_scenario {
            return;
        }
        let spec = &self.document.scenario;
        if let Some(i) = (0..self.document.pins.len())
            .find(|&i| self.document.pins[i].file.scenario == *spec && w.pin_hidden(i))
        {
            self.view.workshop.act = Some(i);
            self.view.workshop.hide_scenario = true;
        }
    }

    /// Applies a workshop's settings (not its pins) to this state: the set-up of each act
    /// whose scenario is the pin's at the same place, the year, the open act and whether a
    /// prediction is open. What the app kept in local storage comes back this way.
    pub fn with_workshop_settings(mut self, w: &WorkshopFile) -> AppState {
        let acts: Vec<ActSetup> = self
            .document
            .pins
            .iter()
            .enumerate()
            .map(|(i, pin)| match w.acts.get(i) {
                Some(act) if act.file.scenario == pin.file.scenario => act.setup.clone(),
                _ => ActSetup::default(),
            })
            .collect();
        self.view.workshop.acts = Rc::new(acts);
        self.restored_settings(w);
        self.held_back_on_reload()
    }

    /// The month, the open act and the prediction from a workshop.
    fn restored_settings(&mut self, w: &WorkshopFile) {
        let last = self.horizon_years().max(1) * 12;
        let wanted = match (w.month, w.year) {
            (Some(p), _) => Some((super::view::month_of(p), p.name())),
            (None, Some(year)) => Some((i64::from(year) * 12, format!("year {year}"))),
            (None, None) => None,
        };
        if let Some((t, said)) = wanted {
            let month = t.clamp(1, i64::from(last)) as u32;
            if i64::from(month) != t {
                // No silent clamp: say which month the figures are for instead.
                let mut notices = (*self.view.notices).clone();
                notices.push(format!(
                    "The workshop's month, {}, is outside this projection ({} to {}); the figures are for {}.",
                    said,
                    super::view::period_of(1).name(),
                    super::view::period_of(last).name(),
                    super::view::period_of(month).name()
                ));
                self.view.notices = Rc::new(notices);
            }
            self.view.month = month;
        }
        let open = w.open_act.filter(|&i| i < self.document.pins.len());
        self.view.workshop.act = open;
        self.view.workshop.hide_scenario = w.hidden;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Lever, Metric, Scenario};
    use crate::scenario::workshop::{read_workshop, workshop_to_json};

    /// England with two pins (recruitment +10%, social care +20%), neither open.
    fn two_acts() -> AppState {
        let s = AppState::default();
        let s = s.apply(Action::SetLever(Lever::Recruitment, 10.0)).unwrap();
        let s = s.apply(Action::Pin).unwrap();
        let s = s.apply(Action::Reset).unwrap();
        let s = s.apply(Action::SetLever(Lever::SocialCare, 20.0)).unwrap();
        let s = s.apply(Action::Pin).unwrap();
        s.apply(Action::Reset).unwrap()
    }

    fn hidden_setup() -> ActSetup {
        ActSetup {
            opens_hidden: true,
            prediction: Some(7_000_000.0),
            ..ActSetup::default()
        }
    }

    #[test]
    fn an_act_set_to_open_hidden_opens_hidden_and_the_next_opens_shown() {
        let s = two_acts().apply(Action::SetAct(0, hidden_setup())).unwrap();
        let first = s.apply(Action::StepAct(1)).unwrap();
        assert_eq!(first.view.workshop.act, Some(0));
        assert!(first.view.workshop.hide_scenario, "act 1 opens hidden");
        assert_eq!(first.scenario_spec().levers[Lever::Recruitment], 10.0);
        let second = first.apply(Action::StepAct(1)).unwrap();
        assert!(!second.view.workshop.hide_scenario, "act 2 opens shown");
        let back = second.apply(Action::StepAct(-1)).unwrap();
        assert!(
            back.view.workshop.hide_scenario,
            "going back hides act 1 again"
        );
        let opened = s.apply(Action::OpenAct(0)).unwrap();
        assert!(opened.view.workshop.hide_scenario);
        assert_eq!(opened.scenario_spec(), first.scenario_spec());
    }

    #[test]
    fn moving_an_act_moves_its_pin_and_set_up_and_the_open_act_follows() {
        let s = two_acts()
            .apply(Action::SetAct(0, hidden_setup()))
            .unwrap()
            .apply(Action::OpenAct(0))
            .unwrap();
        let moved = s.apply(Action::MoveAct(0, 1)).unwrap();
        assert_eq!(
            moved.document.pins[1].file.scenario.levers[Lever::Recruitment],
            10.0
        );
        assert_eq!(moved.view.workshop.setup(1), hidden_setup());
        assert_eq!(moved.view.workshop.setup(0), ActSetup::default());
        assert_eq!(
            moved.view.workshop.act,
            Some(1),
            "the open act is still the same pin"
        );
        assert!(
            s.apply(Action::MoveAct(0, -1)).is_none(),
            "the first act cannot go earlier"
        );
        assert!(s.apply(Action::MoveAct(5, 1)).is_none());
    }

    #[test]
    fn unpinning_an_act_drops_its_set_up_and_later_acts_move_up() {
        let s = two_acts().apply(Action::SetAct(1, hidden_setup())).unwrap();
        let s = s.apply(Action::Unpin(0)).unwrap();
        assert_eq!(s.view.workshop.setup(0), hidden_setup());
        assert_eq!(s.view.workshop.acts.len(), 1);
    }

    #[test]
    fn a_second_chart_the_same_as_the_headline_is_dropped() {
        let setup = ActSetup {
            headline: Metric::StaffFte,
            second_chart: Some(Metric::StaffFte),
            ..ActSetup::default()
        };
        let s = two_acts().apply(Action::SetAct(0, setup)).unwrap();
        assert_eq!(s.view.workshop.setup(0).second_chart, None);
        assert!(two_acts()
            .apply(Action::SetAct(9, hidden_setup()))
            .is_none());
    }

    #[test]
    fn a_workshop_file_opened_elsewhere_gives_the_same_workshop_and_numbers() {
        let s = two_acts()
            .apply(Action::SetAct(1, hidden_setup()))
            .unwrap()
            .apply(Action::ChooseYear(4))
            .unwrap()
            .apply(Action::OpenAct(1))
            .unwrap();
        let text = workshop_to_json(&s.workshop_file());
        let (file, problems) = read_workshop(&text);
        assert_eq!(problems, Vec::<crate::scenario::Problem>::new());
        // Another machine: a fresh app, nothing pinned.
        let there = AppState::default()
            .apply(Action::OpenWorkshop(Box::new(file)))
            .unwrap();
        assert_eq!(there.scenario_spec(), s.scenario_spec());
        assert_eq!(there.view.month, 48);
        assert!(there.view.notices.is_empty(), "{:?}", there.view.notices);
        assert!(there.view.workshop.hide_scenario);
        assert_same_workshop(&there, &s, 1);
        // And the file written there is the file read.
        assert_eq!(workshop_to_json(&there.workshop_file()), text);
    }

    #[test]
    fn a_workshop_link_opened_elsewhere_gives_the_same_workshop_and_numbers_still_hidden() {
        use crate::scenario::workshop::{acts_from_link, acts_query};
        let s = two_acts()
            .apply(Action::SetAct(1, hidden_setup()))
            .unwrap()
            .apply(Action::OpenAct(1))
            .unwrap();
        assert!(s.view.workshop.hide_scenario, "a prediction is open");
        let query = acts_query(&s.workshop_file());
        // The link carries settings, never a figure: each act holds only the scenario's
        // settings and its set-up (no outcome of the hidden scenario to give away).
        for act in query.split('&').filter_map(|p| p.strip_prefix("act=")) {
            for key in act
                .split(';')
                .filter_map(|p| p.split_once(':'))
                .map(|(k, _)| k)
            {
                let setting = matches!(key, "ics" | "years" | "name")
                    || crate::scenario::workshop::ACT_KEYS.contains(&key)
                    || crate::scenario::find_spec(key).is_ok();
                assert!(setting, "{key} in {query}");
            }
        }
        let pairs = crate::app_state::tests::link_pairs(&query);
        let (file, problems) = acts_from_link(&pairs).unwrap();
        assert!(problems.is_empty(), "{problems:?}");
        // Another machine: the link's own scenario, then its acts.
        let there = AppState::restore(&s.scenario_spec(), vec![], vec![])
            .apply(Action::OpenWorkshop(Box::new(file)))
            .unwrap();
        assert!(there.view.workshop.hide_scenario, "still hidden there");
        assert_same_workshop(&there, &s, 1);
    }

    /// `there` (a workshop opened on another machine) has `here`'s acts, open act, two pins
    /// and the same numbers for the pins and the scenario.
    fn assert_same_workshop(there: &AppState, here: &AppState, act: usize) {
        assert_eq!(there.view.workshop.act, Some(act));
        assert_eq!(*there.view.workshop.acts, *here.view.workshop.acts);
        assert_eq!(there.document.pins.len(), 2);
        for (a, b) in there.document.pins.iter().zip(here.document.pins.iter()) {
            assert_eq!(a.file, b.file);
            assert_eq!(a.projection.months, b.projection.months, "same numbers");
        }
        assert_eq!(there.runs.scenario.months, here.runs.scenario.months);
    }

    #[test]
    fn stored_settings_come_back_only_for_the_pins_they_were_made_for() {
        let s = two_acts()
            .apply(Action::SetAct(0, hidden_setup()))
            .unwrap()
            .apply(Action::OpenAct(0))
            .unwrap();
        let stored = s.workshop_file();
        // A reload: the pins come back from autosave, the settings from the workshop store.
        let pins: Vec<ScenarioFile> = s.document.pins.iter().map(|p| p.file.clone()).collect();
        let reloaded = AppState::restore(&s.scenario_spec(), pins.clone(), vec![])
            .with_workshop_settings(&stored);
        assert!(
            reloaded.view.workshop.hide_scenario,
            "a reload keeps the secret"
        );
        assert_eq!(reloaded.view.workshop.act, Some(0));
        assert_eq!(reloaded.view.workshop.setup(0), hidden_setup());
        // Pins that changed in between keep the default set-up.
        let mut other = pins;
        other[0].scenario = Scenario::default();
        let reloaded =
            AppState::restore(&s.scenario_spec(), other, vec![]).with_workshop_settings(&stored);
        assert_eq!(reloaded.view.workshop.setup(0), ActSetup::default());
    }

    #[test]
    fn a_workshop_month_outside_the_projection_is_said_not_clamped_silently() {
        let file = WorkshopFile {
            month: Some(crate::data::rtt::Period {
                year: 2060,
                month: 3,
            }),
            ..WorkshopFile::default()
        };
        let there = AppState::default()
            .apply(Action::OpenWorkshop(Box::new(file)))
            .unwrap();
        let last = there.horizon_years() * 12;
        assert_eq!(there.view.month, last);
        assert_eq!(there.view.notices.len(), 1, "{:?}", there.view.notices);
        assert!(there.view.notices[0].contains("March 2060"));
        assert!(there.view.notices[0].contains("is outside this projection"));
    }

    #[test]
    fn an_act_set_to_open_hidden_is_hidden_until_its_own_reveal() {
        let s = two_acts()
            .apply(Action::SetAct(0, hidden_setup()))
            .unwrap()
            .apply(Action::SetAct(1, hidden_setup()))
            .unwrap();
        let w = &s.view.workshop;
        assert!(w.pin_hidden(0) && w.pin_hidden(1), "neither opened yet");
        let first = s.apply(Action::OpenAct(0)).unwrap();
        assert!(first.view.workshop.pin_hidden(0) && first.view.workshop.pin_hidden(1));
        let seen = first.apply(Action::HideScenario(false)).unwrap();
        assert!(!seen.view.workshop.pin_hidden(0), "act 1 revealed");
        assert!(seen.view.workshop.pin_hidden(1), "act 2 keeps its secret");
        let second = seen.apply(Action::StepAct(1)).unwrap();
        assert!(!second.view.workshop.pin_hidden(0), "act 1 stays revealed");
        assert!(second.view.workshop.pin_hidden(1), "act 2 open, hidden");
        let done = second.apply(Action::HideScenario(false)).unwrap();
        assert!(!done.view.workshop.pin_hidden(0) && !done.view.workshop.pin_hidden(1));
        // An act that opens shown is never hidden but while its own prediction is open.
        let plain = two_acts();
        assert!(!plain.view.workshop.pin_hidden(0) && !plain.view.workshop.pin_hidden(1));
    }

    #[test]
    fn a_workshop_opened_over_the_users_pins_says_so_and_undo_brings_them_back() {
        let workshop = two_acts()
            .apply(Action::SetAct(0, hidden_setup()))
            .unwrap()
            .workshop_file();
        let mine = AppState::default()
            .apply(Action::SetLever(Lever::Recruitment, 5.0))
            .unwrap()
            .apply(Action::Pin)
            .unwrap()
            .apply(Action::SetLever(Lever::Recruitment, 15.0))
            .unwrap()
            .apply(Action::Pin)
            .unwrap();
        let opened = mine
            .apply(Action::OpenWorkshop(Box::new(workshop.clone())))
            .unwrap();
        assert_eq!(opened.document.pins.len(), 2);
        assert!(
            opened.view.notices.iter().any(|n| n
                == "Opened the workshop: your 2 pinned scenarios were replaced. Undo brings them back."),
            "{:?}",
            opened.view.notices
        );
        let back = opened.apply(Action::Undo).unwrap();
        assert_eq!(
            back.document.pins, mine.document.pins,
            "the user's own pins"
        );
        assert_eq!(back.scenario_spec(), mine.scenario_spec());
        // With no pins of the user's to replace, nothing is said.
        let fresh = AppState::default()
            .apply(Action::OpenWorkshop(Box::new(workshop)))
            .unwrap();
        assert!(fresh.view.notices.is_empty(), "{:?}", fresh.view.notices);
    }

    /// Room5: the user's two pins at recruitment +5% and +15%, the scenario at +15%.
    fn my_pins() -> AppState {
        AppState::default()
            .apply(Action::SetLever(Lever::Recruitment, 5.0))
            .unwrap()
            .apply(Action::Pin)
            .unwrap()
            .apply(Action::SetLever(Lever::Recruitment, 15.0))
            .unwrap()
            .apply(Action::Pin)
            .unwrap()
    }

    #[test]
    fn redo_after_undoing_an_opened_workshop_opens_it_again_exactly() {
        let file = two_acts()
            .apply(Action::SetAct(1, hidden_setup()))
            .unwrap()
            .apply(Action::ChooseYear(4))
            .unwrap()
            .apply(Action::OpenAct(1))
            .unwrap()
            .workshop_file();
        let mine = my_pins();
        let opened = mine.apply(Action::OpenWorkshop(Box::new(file))).unwrap();
        assert_eq!(opened.view.month, 48);
        assert!(opened.view.workshop.hide_scenario);
        let back = opened.apply(Action::Undo).unwrap();
        assert_eq!(
            back.document.pins, mine.document.pins,
            "Undo: the user's pins"
        );
        assert_eq!(back.scenario_spec(), mine.scenario_spec());
        assert_eq!(back.view.month, mine.view.month, "and the month they had");
        assert_eq!(back.view.workshop.act, None);
        assert!(!back.view.workshop.hide_scenario);
        assert!(back.history.can_redo());
        // One Redo puts the whole workshop back: its pins, acts, open act, secret and month.
        let again = back.apply(Action::Redo).unwrap();
        assert_eq!(again.document.pins, opened.document.pins);
        assert_eq!(again.scenario_spec(), opened.scenario_spec());
        assert_eq!(again.view.workshop, opened.view.workshop);
        assert_eq!(again.view.month, opened.view.month);
        assert_eq!(again.history.undo.len(), opened.history.undo.len());
        assert!(!again.history.can_redo());
        // And round again: Undo, Redo, each one step.
        let back2 = again.apply(Action::Undo).unwrap();
        assert_eq!(back2.document.pins, mine.document.pins);
        let again2 = back2.apply(Action::Redo).unwrap();
        assert_eq!(again2.document.pins, opened.document.pins);
        assert_eq!(again2.view.workshop, opened.view.workshop);
        // A change after the Undo forgets the workshop: a later Undo and Redo of that change
        // leave the user's pins alone.
        let moved = back
            .apply(Action::SetLever(Lever::SocialCare, 10.0))
            .unwrap();
        assert!(!moved.history.can_redo());
        let redone = moved
            .apply(Action::Undo)
            .unwrap()
            .apply(Action::Redo)
            .unwrap();
        assert_eq!(redone.document.pins, mine.document.pins);
        assert_eq!(redone.scenario_spec(), moved.scenario_spec());
        assert_eq!(redone.view.workshop.act, None);
    }

    #[test]
    fn a_revealed_act_stays_revealed_after_a_reload_and_an_unrevealed_one_stays_hidden() {
        let s = two_acts()
            .apply(Action::SetAct(0, hidden_setup()))
            .unwrap()
            .apply(Action::SetAct(1, hidden_setup()))
            .unwrap()
            .apply(Action::OpenAct(0))
            .unwrap()
            .apply(Action::HideScenario(false))
            .unwrap();
        assert!(!s.view.workshop.pin_hidden(0) && s.view.workshop.pin_hidden(1));
        // A reload: the pins from autosave, the settings from the browser's workshop store.
        let stored = workshop_to_json(&s.workshop_file());
        let (file, problems) = read_workshop(&stored);
        assert!(problems.is_empty(), "{problems:?}");
        let pins: Vec<ScenarioFile> = s.document.pins.iter().map(|p| p.file.clone()).collect();
        let reloaded =
            AppState::restore(&s.scenario_spec(), pins, vec![]).with_workshop_settings(&file);
        let w = &reloaded.view.workshop;
        assert_eq!(w.act, Some(0));
        assert!(!w.hide_scenario, "the open act, revealed, stays revealed");
        assert!(!w.pin_hidden(0), "act 1 was revealed: still shown");
        assert!(w.pin_hidden(1), "act 2 was never revealed: still hidden");
        // Stepping on and back after the reload: act 1 hidden again on reopening, as before.
        let on = reloaded.apply(Action::StepAct(1)).unwrap();
        assert!(on.view.workshop.hide_scenario && !on.view.workshop.pin_hidden(0));
        // A saved workshop file (another machine) carries no reveal: every act hidden there.
        let carried = workshop_to_json(&s.workshop_file().without_reveals());
        assert!(!carried.contains("revealed"), "{carried}");
        let there = AppState::default()
            .apply(Action::OpenWorkshop(Box::new(read_workshop(&carried).0)))
            .unwrap();
        assert!(there.view.workshop.pin_hidden(1));
        assert!(!there.view.workshop.acts[0].revealed);
        // Ticking "Opens hidden" again hides a revealed act again.
        let off = s
            .apply(Action::SetAct(
                0,
                ActSetup {
                    opens_hidden: false,
                    ..s.view.workshop.setup(0)
                },
            ))
            .unwrap();
        let on = off
            .apply(Action::SetAct(
                0,
                ActSetup {
                    opens_hidden: true,
                    ..off.view.workshop.setup(0)
                },
            ))
            .unwrap();
        assert!(!on.view.workshop.setup(0).revealed);
    }

    #[test]
    fn an_undo_back_to_an_act_not_yet_revealed_opens_it_hidden() {
        let s = two_acts()
            .apply(Action::SetAct(0, hidden_setup()))
            .unwrap()
            .apply(Action::StepAct(1))
            .unwrap();
        assert!(s.view.workshop.hide_scenario, "act 1 open, hidden");
        let second = s.apply(Action::StepAct(1)).unwrap();
        assert!(!second.view.workshop.hide_scenario, "act 2 opens shown");
        let back = second.apply(Action::Undo).unwrap();
        assert_eq!(
            back.scenario_spec(),
            s.scenario_spec(),
            "act 1's scenario again"
        );
        assert_eq!(back.view.workshop.act, Some(0));
        assert!(back.view.workshop.hide_scenario, "and its secret with it");
        // Once act 1 has been revealed, the same undo shows it.
        let seen = s
            .apply(Action::HideScenario(false))
            .unwrap()
            .apply(Action::StepAct(1))
            .unwrap()
            .apply(Action::Undo)
            .unwrap();
        assert!(!seen.view.workshop.hide_scenario);
    }
}
