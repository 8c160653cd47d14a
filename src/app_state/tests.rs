//! Every action, natively (`cargo test --lib app_state`): what it changes, what it leaves,
//! when it is a no-op (`None`), and how it enters the history.

use super::*;
use crate::model::{Assumption, Lever};

/// Applies an action that must change the state.
fn step(state: &AppState, action: Action) -> AppState {
    state
        .apply(action.clone())
        .unwrap_or_else(|| panic!("{action:?} changes the state"))
}

/// A state with the recruitment lever moved, so there is something to undo and to pin.
fn moved() -> AppState {
    step(
        &AppState::default(),
        Action::SetLever(Lever::Recruitment, 10.0),
    )
}

/// A state with two pins: recruitment +10% and social care at its maximum.
fn two_pins() -> AppState {
    let a = step(&moved(), Action::Pin);
    let b = step(
        &a,
        Action::SetLever(Lever::SocialCare, Lever::SocialCare.spec().max),
    );
    step(&b, Action::Pin)
}

#[test]
fn the_default_state_is_england_at_current_plans_for_ten_years() {
    let s = AppState::default();
    assert_eq!(s.document.scenario.system, "england");
    assert!(s.is_current_plans());
    assert_eq!(s.horizon_years(), DEFAULT_YEARS);
    assert_eq!(s.view.month, DEFAULT_YEARS * 12);
    assert!(
        Rc::ptr_eq(&s.runs.scenario, &s.runs.current_plans),
        "default levers are current plans: run once"
    );
    assert!(!s.history.can_undo() && !s.history.can_redo());
}

#[test]
fn set_lever_clamps_to_the_range_reruns_the_scenario_and_keeps_current_plans() {
    let start = AppState::default();
    let spec = Lever::Recruitment.spec();
    let s = step(
        &start,
        Action::SetLever(Lever::Recruitment, spec.max + 1000.0),
    );
    assert_eq!(s.document.scenario.levers[Lever::Recruitment], spec.max);
    assert_ne!(s.runs.scenario, start.runs.scenario);
    assert!(Rc::ptr_eq(&s.runs.current_plans, &start.runs.current_plans));
    assert_eq!(*s.history.undo, vec![start.scenario_spec()]);
    let nan = step(&s, Action::SetLever(Lever::Recruitment, f64::NAN));
    assert_eq!(
        nan.document.scenario.levers[Lever::Recruitment],
        spec.default,
        "a value that is not a number falls back to the default"
    );
    assert!(
        s.apply(Action::SetLever(Lever::Recruitment, spec.max))
            .is_none(),
        "a lever set to the value it has changes nothing"
    );
}

/// The moves of one pointer gesture on `knob`'s slider: pressed, each value, released.
fn drag(state: &AppState, values: &[f64], action: impl Fn(f64) -> Action) -> AppState {
    let mut s = step(state, Action::Gesture(true));
    for &v in values {
        s = step(&s, action(v));
    }
    step(&s, Action::Gesture(false))
}

/// The reducer alone: a change is recorded for undo, a drag of one lever is one step, redo
/// replays what was undone, and a new change forgets the redo. (Moved from tests/web.rs,
/// where it ran only in a browser.)
#[test]
fn undo_and_redo_step_through_changes_and_a_drag_is_one_step() {
    let start = AppState::default();
    // A drag: three moves of one lever while the pointer is held.
    let a = drag(&start, &[1.0, 2.0, 4.0], |v| {
        Action::SetLever(Lever::ALL[0], v)
    });
    let b = step(
        &a,
        Action::SetLever(Lever::ALL[1], Lever::ALL[1].spec().max),
    );
    assert_eq!(b.history.undo.len(), 2, "one step per lever touched");
    let undone = step(&step(&b, Action::Undo), Action::Undo);
    assert_eq!(
        undone.document.scenario.levers,
        start.document.scenario.levers
    );
    assert!(undone.apply(Action::Undo).is_none(), "nothing left to undo");
    let redone = step(&undone, Action::Redo);
    assert_eq!(redone.document.scenario.levers, a.document.scenario.levers);
    let changed = step(&redone, Action::Reset);
    assert!(
        changed.history.redo.is_empty(),
        "a new change forgets the redo"
    );
    assert!(changed.is_current_plans());
    let back = step(&changed, Action::Undo);
    assert_eq!(back.document.scenario.levers, a.document.scenario.levers);
}

#[test]
fn a_lever_moved_again_after_undo_is_a_new_step() {
    let a = moved();
    let undone = step(&a, Action::Undo);
    let again = step(&undone, Action::SetLever(Lever::Recruitment, 5.0));
    assert_eq!(
        again.history.undo.len(),
        1,
        "recorded, not joined to the undone move"
    );
    assert!(again.history.redo.is_empty());
}

#[test]
fn undo_keeps_at_most_the_history_cap() {
    let mut s = AppState::default();
    for i in 0..HISTORY_CAP + 5 {
        // Alternate levers so that every move is a step of its own.
        let lever = Lever::ALL[i % 2];
        let spec = lever.spec();
        let value = if i % 4 < 2 { spec.max } else { spec.min };
        s = step(&s, Action::SetLever(lever, value));
    }
    assert_eq!(s.history.undo.len(), HISTORY_CAP);
}

#[test]
fn redo_with_nothing_undone_changes_nothing() {
    assert!(moved().apply(Action::Redo).is_none());
}

#[test]
fn set_assumption_clamps_and_reruns_current_plans_under_it() {
    let start = AppState::default();
    let spec = Assumption::DemandGrowth.spec();
    let s = step(
        &start,
        Action::SetAssumption(Assumption::DemandGrowth, spec.max * 10.0),
    );
    assert_eq!(
        s.document.scenario.assumptions[Assumption::DemandGrowth],
        spec.max
    );
    assert!(s.assumptions_modified());
    assert_ne!(
        s.runs.current_plans, start.runs.current_plans,
        "current plans are re-run under the new assumption"
    );
    assert_eq!(s.history.undo.len(), 1);
}

#[test]
fn reset_levers_keeps_the_assumptions_and_reset_assumptions_keeps_the_levers() {
    let s = step(
        &moved(),
        Action::SetAssumption(Assumption::DemandGrowth, 3.0),
    );
    let levers = step(&s, Action::ResetLevers);
    assert_eq!(levers.document.scenario.levers, LeverValues::default());
    assert_eq!(
        levers.document.scenario.assumptions,
        s.document.scenario.assumptions
    );
    let assumptions = step(&s, Action::ResetAssumptions);
    assert_eq!(
        assumptions.document.scenario.levers,
        s.document.scenario.levers
    );
    assert!(!assumptions.assumptions_modified());
    assert!(
        levers.apply(Action::ResetLevers).is_none(),
        "nothing to reset"
    );
    assert!(assumptions.apply(Action::ResetAssumptions).is_none());
}

#[test]
fn reset_goes_back_to_current_plans_in_the_same_area_and_is_undoable() {
    let s = step(&moved(), Action::ChooseSystem("QE1".into()));
    let s = step(&s, Action::SetAssumption(Assumption::DemandGrowth, 3.0));
    let reset = step(&s, Action::Reset);
    assert!(reset.is_current_plans());
    assert_eq!(reset.document.scenario.system, "QE1");
    assert!(
        reset.apply(Action::Reset).is_none(),
        "already at current plans"
    );
    assert_eq!(
        step(&reset, Action::Undo).scenario_spec(),
        s.scenario_spec()
    );
}

#[test]
fn choose_system_keeps_the_levers_and_refuses_an_unknown_code() {
    let start = moved();
    let s = step(&start, Action::ChooseSystem("qop".into()));
    assert_eq!(s.document.scenario.system, "QOP", "the canonical code");
    assert_eq!(s.runs.baseline.code, "QOP");
    assert_eq!(s.document.scenario.levers, start.document.scenario.levers);
    assert_ne!(s.runs.current_plans, start.runs.current_plans);
    assert!(s.apply(Action::ChooseSystem("nowhere".into())).is_none());
}

#[test]
fn set_scenario_replaces_everything_clamped_and_refuses_an_unknown_system() {
    let mut to = Scenario {
        system: "qe1".into(),
        years: 50,
        ..Scenario::default()
    };
    to.levers[Lever::Recruitment] = 1e9;
    to.assumptions[Assumption::DemandGrowth] = 3.0;
    let s = step(
        &AppState::default(),
        Action::SetScenario(Box::new(to.clone())),
    );
    assert_eq!(s.document.scenario.system, "QE1");
    assert_eq!(s.document.scenario.years, MAX_YEARS);
    assert_eq!(s.horizon_years(), MAX_YEARS);
    assert_eq!(
        s.document.scenario.levers[Lever::Recruitment],
        Lever::Recruitment.spec().max
    );
    assert_eq!(
        s.document.scenario.assumptions[Assumption::DemandGrowth],
        3.0
    );
    assert_eq!(
        s.view.month,
        DEFAULT_YEARS * 12,
        "the month reported is kept"
    );
    let short = step(
        &s,
        Action::SetScenario(Box::new(Scenario {
            years: 3,
            ..s.scenario_spec()
        })),
    );
    assert_eq!(
        short.view.month, 36,
        "the month reported is cut to the horizon"
    );
    let unknown = Scenario {
        system: "nowhere".into(),
        ..Scenario::default()
    };
    assert!(s.apply(Action::SetScenario(Box::new(unknown))).is_none());
}

#[test]
fn load_preset_sets_its_levers_keeps_the_assumptions_and_refuses_an_unknown_key() {
    let s = step(
        &moved(),
        Action::SetAssumption(Assumption::DemandGrowth, 3.0),
    );
    let preset = find_preset("social_care_fixed").expect("a preset");
    let loaded = step(&s, Action::LoadPreset(preset.key.into()));
    let expected = preset.apply("england", DEFAULT_YEARS);
    assert_eq!(loaded.document.scenario.levers, expected.levers);
    assert_eq!(
        loaded.document.scenario.assumptions,
        s.document.scenario.assumptions
    );
    assert!(s
        .apply(Action::LoadPreset("no_such_preset".into()))
        .is_none());
}

#[test]
fn a_pin_of_a_preset_is_named_after_the_preset_until_a_lever_moves_away() {
    let s = step(
        &AppState::default(),
        Action::LoadPreset("workforce_plan".into()),
    );
    let pinned = step(&s, Action::Pin);
    assert_eq!(
        pinned.document.pins[0].file.name.as_deref(),
        Some("Workforce plan delivered")
    );
    // With an assumption changed it is no longer the preset: named by what it sets.
    let changed = step(&s, Action::SetAssumption(Assumption::DemandGrowth, 3.0));
    let pinned = step(&changed, Action::Pin);
    let name = pinned.document.pins[0].file.name.clone().unwrap();
    assert_ne!(name, "Workforce plan delivered");
    assert_eq!(name, auto_name(&changed.scenario_spec()));
    // A lever moved away from it: named by its levers.
    let moved = step(&s, Action::SetLever(Lever::Recruitment, 6.0));
    let pinned = step(&moved, Action::Pin);
    assert_eq!(
        pinned.document.pins[0].file.name.as_deref(),
        Some(auto_name(&moved.scenario_spec()).as_str())
    );
    // Updating a preset's pin from another scenario remakes its name, as any automatic one.
    let preset_pin = step(&s, Action::Pin);
    let moved_on = step(&preset_pin, Action::SetLever(Lever::Recruitment, 6.0));
    let updated = step(&moved_on, Action::UpdatePin(0));
    assert_eq!(
        updated.document.pins[0].file.name.as_deref(),
        Some(auto_name(&moved.scenario_spec()).as_str())
    );
}

#[test]
fn pin_names_the_scenario_and_shares_its_runs_and_a_fifth_is_refused_with_a_notice() {
    let s = moved();
    let pinned = step(&s, Action::Pin);
    let pin = &pinned.document.pins[0];
    assert_eq!(pin.file.scenario, s.scenario_spec());
    assert_eq!(
        pin.file.name.as_deref(),
        Some(auto_name(&s.scenario_spec()).as_str())
    );
    assert!(Rc::ptr_eq(&pin.projection, &s.runs.scenario));
    assert!(Rc::ptr_eq(&pin.plans, &s.runs.current_plans));
    assert_eq!(pinned.history.undo, s.history.undo, "pinning is not undone");
    let mut full = pinned;
    for _ in 1..MAX_PINNED {
        full = step(&full, Action::Pin);
    }
    let refused = step(&full, Action::Pin);
    assert_eq!(refused.document.pins.len(), MAX_PINNED);
    assert_eq!(
        *refused.view.notices,
        vec![format!(
            "At most {MAX_PINNED} scenarios can be pinned: unpin one first."
        )]
    );
}

#[test]
fn unpin_removes_the_pin_and_forgets_the_act() {
    let s = step(&two_pins(), Action::Present(true));
    let s = step(&s, Action::StepAct(1));
    assert_eq!(s.view.workshop.act, Some(0));
    let first = s.document.pins[1].clone();
    let unpinned = step(&s, Action::Unpin(0));
    assert_eq!(*unpinned.document.pins, vec![first]);
    assert_eq!(unpinned.view.workshop.act, None, "the acts are renumbered");
    assert!(unpinned.apply(Action::Unpin(1)).is_none(), "no such pin");
}

#[test]
fn rename_pin_trims_and_shortens_and_an_empty_name_is_the_automatic_one() {
    let s = two_pins();
    let renamed = step(&s, Action::RenamePin(0, "  Board option A  ".into()));
    assert_eq!(
        renamed.document.pins[0].file.name.as_deref(),
        Some("Board option A")
    );
    assert!(renamed
        .apply(Action::RenamePin(0, "Board option A".into()))
        .is_none());
    let long = step(&s, Action::RenamePin(1, "x".repeat(200)));
    assert_eq!(
        long.document.pins[1].file.name.as_deref().map(str::len),
        Some(80)
    );
    let automatic = step(&renamed, Action::RenamePin(0, " ".into()));
    assert_eq!(
        automatic.document.pins[0].file.name,
        Some(auto_name(&s.document.pins[0].file.scenario))
    );
    assert!(s.apply(Action::RenamePin(5, "x".into())).is_none());
}

#[test]
fn update_pin_takes_the_working_scenario_keeping_a_given_name() {
    let s = two_pins();
    // The working scenario is the second pin's: updating it changes nothing.
    assert!(s.apply(Action::UpdatePin(1)).is_none());
    let named = step(&s, Action::RenamePin(0, "Option A".into()));
    let updated = step(&named, Action::UpdatePin(0));
    let pin = &updated.document.pins[0];
    assert_eq!(pin.file.scenario, s.scenario_spec());
    assert_eq!(pin.file.name.as_deref(), Some("Option A"));
    assert!(Rc::ptr_eq(&pin.projection, &s.runs.scenario));
    let automatic = step(&s, Action::UpdatePin(0));
    assert_eq!(
        automatic.document.pins[0].file.name,
        Some(auto_name(&s.scenario_spec())),
        "an automatic name is remade for the new settings"
    );
    assert!(s.apply(Action::UpdatePin(9)).is_none());
}

#[test]
fn notify_adds_messages_and_dismiss_clears_them() {
    let s = AppState::default();
    assert!(s.apply(Action::Notify(vec![])).is_none());
    let one = step(&s, Action::Notify(vec!["first".into()]));
    let two = step(&one, Action::Notify(vec!["second".into()]));
    assert_eq!(
        *two.view.notices,
        vec!["first".to_string(), "second".to_string()]
    );
    let dismissed = step(&two, Action::DismissNotices);
    assert!(dismissed.view.notices.is_empty());
    assert!(dismissed.apply(Action::DismissNotices).is_none());
}

#[test]
fn workshop_settings_change_the_view_only() {
    let s = moved();
    let help = step(&s, Action::ShowHelp(true));
    assert!(help.view.workshop.help_open);
    assert!(help.apply(Action::ShowHelp(true)).is_none());
    let presenting = step(&help, Action::Present(true));
    assert!(presenting.view.workshop.presenting);
    assert!(
        !presenting.view.workshop.help_open,
        "presenting closes the help"
    );
    assert!(presenting.apply(Action::Present(true)).is_none());
    let hidden = step(&presenting, Action::HideScenario(true));
    assert!(hidden.view.workshop.hide_scenario);
    let revealed = step(&hidden, Action::HideScenario(false));
    assert!(!revealed.view.workshop.hide_scenario);
    assert!(revealed.apply(Action::HideScenario(false)).is_none());
    for state in [&help, &presenting, &hidden, &revealed] {
        assert_eq!(state.document, s.document);
        assert_eq!(state.history, s.history);
        assert!(Rc::ptr_eq(&state.runs.scenario, &s.runs.scenario));
    }
}

#[test]
fn step_act_opens_the_pins_in_turn_and_is_undoable() {
    let s = two_pins();
    let (first, second) = (
        s.document.pins[0].file.scenario.clone(),
        s.document.pins[1].file.scenario.clone(),
    );
    let one = step(&s, Action::StepAct(1));
    assert_eq!(one.view.workshop.act, Some(0));
    assert_eq!(one.scenario_spec(), first);
    assert_eq!(one.history.undo.len(), s.history.undo.len() + 1);
    let two = step(&one, Action::StepAct(1));
    assert_eq!(
        (two.view.workshop.act, two.scenario_spec()),
        (Some(1), second.clone())
    );
    assert!(
        two.apply(Action::StepAct(1)).is_none(),
        "the last act stays"
    );
    let from_none = step(&s, Action::StepAct(-1));
    assert_eq!(
        from_none.view.workshop.act,
        Some(1),
        "back from no act opens the last"
    );
    assert_eq!(from_none.scenario_spec(), second);
    assert_eq!(
        from_none.history, s.history,
        "opening the scenario already open records nothing"
    );
}

#[test]
fn step_act_with_no_pins_does_nothing() {
    assert!(AppState::default().apply(Action::StepAct(1)).is_none());
}

#[test]
fn choose_year_clamps_to_the_horizon_and_touches_nothing_else() {
    let s = moved();
    let five = step(&s, Action::ChooseYear(5));
    assert_eq!(five.view.month, 60);
    assert_eq!(five.history, s.history);
    assert!(
        Rc::ptr_eq(&five.history.undo, &s.history.undo),
        "not copied"
    );
    assert_eq!(step(&five, Action::ChooseYear(0)).view.month, 12);
    assert_eq!(
        step(&five, Action::ChooseYear(99)).view.month,
        s.horizon_years() * 12
    );
    assert!(five.apply(Action::ChooseYear(5)).is_none());
}

#[test]
fn show_quintiles_toggles_the_split() {
    let s = AppState::default();
    let on = step(&s, Action::ShowQuintiles(true));
    assert!(on.view.show_quintiles);
    assert!(on.apply(Action::ShowQuintiles(true)).is_none());
    let kept = step(&on, Action::SetLever(Lever::Recruitment, 5.0));
    assert!(kept.view.show_quintiles, "the view carries over a change");
}

#[test]
fn restore_opens_england_with_a_notice_for_an_unknown_system_and_keeps_known_pins() {
    let unknown = Scenario {
        system: "nowhere".into(),
        ..Scenario::default()
    };
    let mut pin_scenario = Scenario::default();
    pin_scenario.levers[Lever::Recruitment] = 10.0;
    let pins = vec![
        ScenarioFile::new(pin_scenario.clone()).with_name("Drive"),
        ScenarioFile::new(Scenario {
            system: "nowhere".into(),
            ..Scenario::default()
        }),
    ];
    let s = AppState::restore(&unknown, pins, vec!["from the link".into()]);
    assert_eq!(s.document.scenario.system, "england");
    assert_eq!(s.view.notices.len(), 2);
    assert_eq!(s.view.notices[0], "from the link");
    assert_eq!(
        s.document.pins.len(),
        1,
        "a pin for an unknown system is dropped"
    );
    assert!(
        Rc::ptr_eq(&s.document.pins[0].plans, &s.runs.current_plans),
        "a pin with the same area, assumptions and horizon shares current plans"
    );
    let mut working = Scenario {
        system: "QE1".into(),
        years: 5,
        ..Scenario::default()
    };
    working.levers[Lever::Recruitment] = 10.0;
    let s = AppState::restore(&working, vec![], vec![]);
    assert_eq!(s.scenario_spec(), working);
    assert_eq!(s.view.month, 60);
    assert!(s.view.notices.is_empty());
}

// ---- Phasing (issue 14.2) ----

#[test]
fn a_phasing_is_one_step_of_undo_moves_the_run_and_names_the_scenario() {
    use crate::model::Phase;
    let before = moved();
    let phased = step(
        &before,
        Action::SetPhase(Lever::Recruitment, Phase::ramp(25, 36)),
    );
    assert_eq!(
        phased.document.scenario.phasing[Lever::Recruitment],
        Phase::ramp(25, 36)
    );
    assert_ne!(phased.runs.scenario, before.runs.scenario);
    assert!(Rc::ptr_eq(
        &phased.runs.current_plans,
        &before.runs.current_plans
    ));
    assert_eq!(
        auto_name(&phased.scenario_spec()),
        "Recruitment +10% from April 2027, over 3 years"
    );
    // A further slider move is a step of its own, not joined to the phasing.
    let dragged = step(&phased, Action::SetLever(Lever::Recruitment, 12.0));
    let undone = step(&dragged, Action::Undo);
    assert_eq!(undone.scenario_spec(), phased.scenario_spec());
    let undone = step(&undone, Action::Undo);
    assert_eq!(undone.scenario_spec(), before.scenario_spec());
    assert_eq!(undone.runs.scenario, before.runs.scenario);
    // The same phasing again changes nothing; resetting the levers resets the phasing.
    assert!(phased
        .apply(Action::SetPhase(Lever::Recruitment, Phase::ramp(25, 36)))
        .is_none());
    let reset = step(&phased, Action::ResetLevers);
    assert!(reset.document.scenario.phasing.is_at_once());
}

#[test]
fn start_every_change_from_today_moves_only_changes_from_the_first_month_in_one_step() {
    use crate::model::Phase;
    // Recruitment moved at once, the leaver rate moved on a ramp from month 0, training
    // moved from April 2027: "from today" (December 2026, month 21) moves the first two.
    let mut s = step(&moved(), Action::SetLever(Lever::LeaverRateChange, -0.7));
    s = step(
        &s,
        Action::SetPhase(Lever::LeaverRateChange, Phase::ramp(0, 24)),
    );
    s = step(&s, Action::SetLever(Lever::TrainingPlaces, 20.0));
    s = step(
        &s,
        Action::SetPhase(Lever::TrainingPlaces, Phase::step_at(25)),
    );
    let before = s.clone();
    let today = step(&s, Action::StartChangesFrom(21));
    let phasing = today.document.scenario.phasing;
    assert_eq!(phasing[Lever::Recruitment], Phase::step_at(21));
    assert_eq!(phasing[Lever::LeaverRateChange], Phase::ramp(21, 24));
    assert_eq!(phasing[Lever::TrainingPlaces], Phase::step_at(25));
    // An unmoved lever keeps "at once" (no change to start).
    assert!(phasing[Lever::Productivity].is_at_once());
    assert_eq!(
        today.document.scenario.levers,
        before.document.scenario.levers
    );
    // A later start shrinks what the change does by the horizon's end: the run moved.
    assert_ne!(today.runs.scenario, before.runs.scenario);
    // One step of undo; again, nothing to move.
    assert_eq!(
        step(&today, Action::Undo).scenario_spec(),
        before.scenario_spec()
    );
    assert!(today.apply(Action::StartChangesFrom(21)).is_none());
    // Past the horizon it is held to the horizon's last month.
    let late = step(&before, Action::StartChangesFrom(10_000));
    let last = before.horizon_years() * 12;
    assert_eq!(
        late.document.scenario.phasing[Lever::Recruitment],
        Phase::step_at(last)
    );
}

#[test]
fn a_phased_link_restores_with_its_phasing() {
    let (s, problems) =
        crate::scenario::from_query_lenient("v=2&ics=england&years=5&recruitment_pct=10@2027-04");
    assert!(problems.is_empty(), "{problems:?}");
    let state = AppState::restore(&s, Vec::new(), Vec::new());
    assert_eq!(state.scenario_spec(), s);
    assert_eq!(
        crate::scenario::to_query(&state.scenario_spec()),
        format!(
            "v=2&m={}&ics=england&years=5&recruitment_pct=10@2027-04",
            crate::model::MODEL_VERSION
        )
    );
}

// ---- The chosen month (issue 14.5) ----

#[test]
fn choose_month_takes_any_month_of_the_horizon_and_clamps_the_rest() {
    let s = moved();
    let march_2029 = super::view::month_of(crate::data::rtt::Period {
        year: 2029,
        month: 3,
    }) as u32;
    let chosen = step(&s, Action::ChooseMonth(march_2029));
    assert_eq!(chosen.view.month, march_2029);
    assert_eq!(
        super::view::period_of(chosen.view.month).name(),
        "March 2029"
    );
    assert_eq!(chosen.history, s.history, "a view change is not undone");
    assert_eq!(
        step(&s, Action::ChooseMonth(7)).view.month,
        7,
        "not only whole years"
    );
    assert_eq!(step(&s, Action::ChooseMonth(0)).view.month, 1);
    assert_eq!(
        step(&chosen, Action::ChooseMonth(999)).view.month,
        s.horizon_years() * 12
    );
    assert!(chosen.apply(Action::ChooseMonth(march_2029)).is_none());
}

#[test]
fn the_page_opens_on_the_nearest_target_date_after_today() {
    use super::view::{month_of, opening_month, TARGET_DATES};
    let (interim, standard) = (month_of(TARGET_DATES[0].0), month_of(TARGET_DATES[1].0));
    // Before the interim target: that target; after it: the 92% standard's date.
    assert_eq!(opening_month(Some(0), 120) as i64, interim);
    assert_eq!(opening_month(Some(interim), 120) as i64, standard);
    assert_eq!(opening_month(Some(interim + 5), 120) as i64, standard);
    // Every target passed: the next whole year from month 0 (the same calendar month).
    let late = standard + 3;
    let opened = opening_month(Some(late), 120);
    assert_eq!(opened % 12, 0);
    assert!(opened as i64 > late && opened as i64 <= late + 12);
    // A horizon too short for the target: its end.
    assert_eq!(opening_month(Some(interim), 24), 24);
    // No clock: as at month 0.
    assert_eq!(opening_month(None, 120) as i64, interim);
}

#[test]
fn a_link_month_reads_as_a_calendar_month_or_a_year() {
    use super::view::{parse_month, period_of};
    let t = parse_month("month", "2029-03", 120).unwrap();
    assert_eq!(period_of(t).to_string(), "2029-03");
    assert_eq!(parse_month("year", "4", 120), Ok(48));
    assert_eq!(parse_month("year", "2029", 120), Ok(t));
    assert!(parse_month("month", "2040-03", 120)
        .unwrap_err()
        .contains("outside the projection"));
    assert!(parse_month("month", "March", 120).is_err());
    assert!(parse_month("year", "0", 120).is_err());
}

/// Issue 15.4: one gesture is one step of undo, whatever the input. A drag to 20 and then
/// two arrow-key steps to 22 undo as 22 -> 21 -> 20 -> 0, not in one step back to 0.
#[test]
fn a_drag_then_two_arrow_steps_undo_one_gesture_at_a_time() {
    let lever = Lever::Recruitment;
    let start = AppState::default();
    let dragged = drag(&start, &[3.0, 9.0, 15.0, 20.0], |v| {
        Action::SetLever(lever, v)
    });
    // Arrow keys: no pointer held, a move each.
    let arrowed = step(
        &step(&dragged, Action::SetLever(lever, 21.0)),
        Action::SetLever(lever, 22.0),
    );
    assert_eq!(arrowed.history.undo.len(), 3, "the drag and each arrow key");
    let mut s = arrowed;
    let mut walked = vec![s.document.scenario.levers[lever]];
    for _ in 0..3 {
        s = step(&s, Action::Undo);
        walked.push(s.document.scenario.levers[lever]);
    }
    assert_eq!(
        walked,
        vec![22.0, 21.0, 20.0, start.document.scenario.levers[lever]]
    );
    assert!(s.apply(Action::Undo).is_none());
}

#[test]
fn typed_values_and_keys_are_a_step_each_even_for_the_lever_last_dragged() {
    let lever = Lever::Recruitment;
    let dragged = drag(&AppState::default(), &[5.0, 10.0], |v| {
        Action::SetLever(lever, v)
    });
    let typed = step(&dragged, Action::SetLever(lever, 12.5));
    let typed = step(&typed, Action::SetLever(lever, 13.0));
    assert_eq!(typed.history.undo.len(), 3);
    // A second drag of the same lever is a new step, not joined to the first.
    let again = drag(&typed, &[14.0, 18.0], |v| Action::SetLever(lever, v));
    assert_eq!(again.history.undo.len(), 4);
}

#[test]
fn an_assumption_dragged_is_one_step_and_its_key_presses_a_step_each() {
    let a = Assumption::ALL[0];
    let spec = a.spec();
    let (lo, hi) = (spec.min, spec.max);
    let values = [
        lo + 0.25 * (hi - lo),
        lo + 0.5 * (hi - lo),
        lo + 0.75 * (hi - lo),
    ];
    let dragged = drag(&AppState::default(), &values, |v| {
        Action::SetAssumption(a, v)
    });
    assert_eq!(dragged.history.undo.len(), 1, "one drag, one step");
    let keyed = step(&dragged, Action::SetAssumption(a, hi));
    let keyed = step(&keyed, Action::SetAssumption(a, lo));
    assert_eq!(keyed.history.undo.len(), 3, "each key press its own step");
}

#[test]
fn another_slider_moved_in_one_gesture_starts_a_step_and_a_release_alone_changes_nothing() {
    let s = step(&AppState::default(), Action::Gesture(true));
    let s = step(&s, Action::SetLever(Lever::ALL[0], 1.0));
    let s = step(
        &s,
        Action::SetLever(Lever::ALL[1], Lever::ALL[1].spec().max),
    );
    let s = step(
        &s,
        Action::SetLever(Lever::ALL[1], Lever::ALL[1].spec().min),
    );
    assert_eq!(
        s.history.undo.len(),
        2,
        "a step per slider the gesture moved"
    );
    let released = step(&s, Action::Gesture(false));
    assert!(!released.history.gesture_open());
    assert!(
        released.apply(Action::Gesture(false)).is_none(),
        "a release with no pointer held changes nothing (no re-render)"
    );
    assert_eq!(released.scenario_spec(), s.scenario_spec());
    assert_eq!(
        released.history.undo, s.history.undo,
        "a gesture is not a change"
    );
}

// ---- Levers aimed at places (issue 13.2) ----

fn aims(prevention: &[&str]) -> Action {
    Action::AimAtPlaces(Box::new(crate::model::place_aim::PlaceAims {
        prevention: prevention.iter().map(|c| c.to_string()).collect(),
        equity: vec![],
    }))
}

#[test]
fn aiming_prevention_at_a_place_is_one_undo_step_that_reruns_the_scenario() {
    let qe1 = step(&AppState::default(), Action::ChooseSystem("QE1".into()));
    let funded = step(&qe1, Action::SetLever(Lever::PreventionSpend, 60.0));
    let aimed = step(&funded, aims(&["e06000009"]));
    assert_eq!(aimed.document.scenario.places.prevention, ["E06000009"]);
    assert_eq!(aimed.history.undo.len(), funded.history.undo.len() + 1);
    assert_ne!(aimed.runs.scenario, funded.runs.scenario);
    assert!(Rc::ptr_eq(
        &aimed.runs.current_plans,
        &funded.runs.current_plans
    ));
    assert_eq!(
        auto_name(&aimed.scenario_spec()),
        "Prevention £60/head aimed at Blackpool (£731/head there)"
    );
    // The same choice again changes nothing; undo gives the spread-evenly run back.
    assert!(aimed.apply(aims(&["E06000009"])).is_none());
    let undone = step(&aimed, Action::Undo);
    assert!(undone.document.scenario.places.is_empty());
    assert_eq!(undone.runs.scenario, funded.runs.scenario);
    // A place of another ICB is dropped; moving to another ICB drops this one's places.
    let elsewhere = aimed.apply(aims(&["E09000001"])).unwrap();
    assert!(elsewhere.document.scenario.places.is_empty());
    let moved = step(&aimed, Action::ChooseSystem("QNQ".into()));
    assert!(moved.document.scenario.places.is_empty());
    // Reset forgets the aim with the levers.
    let reset = step(&aimed, Action::ResetLevers);
    assert!(reset.document.scenario.places.is_empty());
}

#[test]
fn a_link_or_autosave_with_aimed_places_restores_them() {
    let (working, problems) = crate::scenario::from_query_lenient(
        "v=2&ics=QE1&prevention_gbp_per_head=60&prevention_places=E06000009",
    );
    assert!(problems.is_empty(), "{problems:?}");
    let state = AppState::restore(&working, Vec::new(), Vec::new());
    assert_eq!(state.scenario_spec(), working);
    let base = Baseline::for_code("QE1").unwrap();
    assert_eq!(*state.runs.scenario, simulate(&base, &working));
    assert!(!state.history.can_undo());
}

// ---- Goal seeking, "what would it take" (issue 14.1) ----

use crate::app_state::goal::{default_range, GoalKind, CHANCE_RUNS};
use crate::model::Metric;

/// The default state at March 2029 (month 48), the 92% target date.
fn at_march_2029() -> AppState {
    step(&AppState::default(), Action::ChooseMonth(48))
}

#[test]
fn the_goal_opens_on_92_percent_within_18_weeks_with_efficiency_at_the_pages_month() {
    let s = at_march_2029();
    let q = s
        .goal_question()
        .expect("the default question can be asked");
    assert_eq!(
        q.target.describe(),
        "within_18_weeks_pct >= 92 in March 2029"
    );
    assert_eq!(q.ranges.len(), 1);
    assert_eq!(q.ranges[0].lever, Lever::Productivity);
    assert_eq!((q.ranges[0].min, q.ranges[0].max), (0.0, 4.0));
    // Levers whose cut saves money are not cut by default (README, solve, "Ranges").
    assert_eq!(default_range(Lever::Recruitment), (0.0, 50.0));
    assert_eq!(default_range(Lever::SocialCare), (0.0, 50.0));
    assert_eq!(default_range(Lever::FundingGrowth), (3.0, 6.0));
    assert_eq!(default_range(Lever::LeaverRateChange), (-3.0, 0.0));
    assert!(s.view.goal.result.is_none() && s.view.goal.error.is_none());
}

#[test]
fn set_goal_kind_gives_each_target_its_usual_number_and_the_solvers_form() {
    let s = at_march_2029();
    let list = step(&s, Action::SetGoalKind(GoalKind::WaitingList));
    let q = list.goal_question().unwrap();
    let now = Metric::WaitingList.of(&s.runs.scenario.months[0]);
    assert_eq!(q.target.comparison.symbol(), "<=");
    assert!(
        (q.target.threshold - now).abs() / now < 0.005,
        "the list no longer than at month 0, to three figures: {} against {now}",
        q.target.threshold
    );
    let gap = step(&s, Action::SetGoalKind(GoalKind::LeGapNarrowed));
    assert_eq!(
        gap.goal_question().unwrap().target.describe(),
        "le_gap_change_years <= -1 in March 2029",
        "narrowed by a year is a change of at most -1 year"
    );
    let long = step(&s, Action::SetGoalKind(GoalKind::Over52Weeks));
    assert_eq!(
        long.goal_question().unwrap().target.describe(),
        "over_52_weeks_pct < 1 in March 2029"
    );
    assert!(s
        .apply(Action::SetGoalKind(GoalKind::Within18Weeks))
        .is_none());
}

#[test]
fn the_goal_month_follows_the_page_until_chosen_and_is_clamped_to_the_horizon() {
    let s = at_march_2029();
    let later = step(&s, Action::ChooseMonth(60));
    assert_eq!(later.goal_question().unwrap().month, 60);
    let fixed = step(&s, Action::SetGoalMonth(Some(12)));
    let moved = step(&fixed, Action::ChooseMonth(60));
    assert_eq!(moved.goal_question().unwrap().month, 12);
    let far = step(&s, Action::SetGoalMonth(Some(10_000)));
    assert_eq!(far.goal_question().unwrap().month, DEFAULT_YEARS * 12);
    let back = step(&fixed, Action::SetGoalMonth(None));
    assert_eq!(back.goal_question().unwrap().month, 48);
}

#[test]
fn bad_goal_input_is_a_plain_message_not_a_panic_and_leaves_no_answer() {
    let s = at_march_2029();
    let cases: Vec<(Action, &str)> = vec![
        (
            Action::SetGoalThreshold(f64::NAN),
            "Type a number for the target",
        ),
        (
            Action::ChooseGoalLever(Lever::Productivity, false),
            "Tick at least one lever",
        ),
        (
            Action::SetGoalRange(Lever::Productivity, 3.0, 1.0),
            "Productivity gain: the lowest value (3) is above the highest (1).",
        ),
        (
            Action::SetGoalRange(Lever::Productivity, f64::NAN, 2.0),
            "Productivity gain: type a lowest and a highest value",
        ),
        (
            Action::SetGoalRange(Lever::Productivity, 0.0, 9.0),
            "Productivity gain: the range must lie within 0 to 4",
        ),
        (
            Action::SetGoalRange(Lever::Productivity, 1.01, 1.09),
            "no value from 1.01 to 1.09 is on the lever's steps of 0.1",
        ),
    ];
    for (bad, says) in cases {
        let b = step(&s, bad.clone());
        let solved = step(&b, Action::SolveGoal(1));
        let error = solved.view.goal.error.clone().unwrap_or_default();
        assert!(error.contains(says), "{bad:?}: {error}");
        assert!(
            !error.contains("productivity_pct"),
            "no internal keys: {error}"
        );
        assert!(solved.view.goal.result.is_none());
        assert!(
            solved.apply(Action::ApplyGoal).is_none(),
            "nothing to apply"
        );
    }
}

#[test]
fn solve_goal_with_efficiency_alone_gives_the_clis_answer_not_met_at_the_top_of_its_range() {
    // README, `solve`: "the most it reaches in March 2029 is 88.84% ... met in 27 of 100
    // Monte Carlo runs (seed 1)", productivity_pct = 4 (the top of its allowed range).
    // (88.92% before the starting profile was shaped by the start-stage boosts:
    // README: The shaped start, and what else was tried.)
    let s = step(&at_march_2029(), Action::SolveGoal(1));
    let r = s.view.goal.result.clone().expect("an answer");
    assert!(!r.solution.met);
    assert_eq!(r.solution.levers[0].value, 4.0);
    assert!(
        (r.solution.value - 88.84).abs() < 0.005,
        "{}",
        r.solution.value
    );
    // 27 since the seventh session's added assumption (prevention's referral delay) draws
    // one more number a run (24 before).
    assert_eq!((r.chance.met, r.chance.runs), (27, CHANCE_RUNS));
    assert!(s.view.goal.error.is_none());
    assert_eq!(r.from, s.scenario_spec());
    assert!(s.fresh_goal().is_some());
    // A lever moved, or another month, and the answer is out of date, not gone.
    let moved = step(&s, Action::SetLever(Lever::Recruitment, 10.0));
    assert!(moved.view.goal.result.is_some() && moved.fresh_goal().is_none());
    assert!(
        moved.apply(Action::ApplyGoal).is_none(),
        "an old answer is not applied"
    );
    let month = step(&s, Action::ChooseMonth(60));
    assert!(month.fresh_goal().is_none());
    // Cleared: no answer.
    let cleared = step(&s, Action::ClearGoal);
    assert!(cleared.view.goal.result.is_none() && cleared.fresh_goal().is_none());
    assert!(cleared.apply(Action::ClearGoal).is_none());
}

#[test]
fn apply_goal_sets_the_levers_found_as_one_undo_step_and_the_answer_stays_fresh() {
    let s = step(&at_march_2029(), Action::SetGoalThreshold(75.0));
    let solved = step(&s, Action::SolveGoal(1));
    let r = solved.view.goal.result.clone().unwrap();
    assert!(r.solution.met);
    let value = r.solution.levers[0].value;
    assert!(value > 0.8 && value < 4.0, "{value}");
    let applied = step(&solved, Action::ApplyGoal);
    assert_eq!(applied.document.scenario.levers[Lever::Productivity], value);
    assert_eq!(applied.history.undo.len(), solved.history.undo.len() + 1);
    let share = Metric::Within18WeeksPct.of(&applied.runs.scenario.months[48]);
    assert!(
        share >= 75.0,
        "the 18-week share in March 2029 meets it: {share}"
    );
    assert!(applied.fresh_goal().is_some(), "applied, it still answers");
    assert!(applied.apply(Action::ApplyGoal).is_none(), "applied once");
    let undone = step(&applied, Action::Undo);
    assert_eq!(undone.scenario_spec(), solved.scenario_spec());
    assert!(undone.fresh_goal().is_some());
}

#[test]
fn choose_goal_lever_and_set_goal_range_shape_the_question_in_the_levers_order() {
    let s = at_march_2029();
    let a = step(&s, Action::ChooseGoalLever(Lever::SocialCare, true));
    let b = step(&a, Action::ChooseGoalLever(Lever::Recruitment, true));
    let c = step(&b, Action::SetGoalRange(Lever::Recruitment, 0.0, 20.0));
    let q = c.goal_question().unwrap();
    let keys: Vec<_> = q.ranges.iter().map(|r| (r.lever, r.min, r.max)).collect();
    assert_eq!(
        keys,
        vec![
            (Lever::Recruitment, 0.0, 20.0),
            (Lever::SocialCare, 0.0, 50.0),
            (Lever::Productivity, 0.0, 4.0)
        ]
    );
    assert!(c
        .apply(Action::SetGoalRange(Lever::Recruitment, 0.0, 20.0))
        .is_none());
    assert!(c
        .apply(Action::ChooseGoalLever(Lever::Recruitment, true))
        .is_none());
    // The scenario and its history are untouched by the question.
    assert_eq!(c.scenario_spec(), s.scenario_spec());
    assert!(!c.history.can_undo());
}

// ---- Room6: a workshop never opens on a hidden act's answer ----

/// Room6 (fresh-eyes finding 4): Greater Manchester, "Workforce plan delivered" pinned, then
/// "Prevention first" pinned and left on screen, both acts set to open hidden: the usual way
/// to prepare, and the file it saves.
fn prepared_with_the_last_act_on_screen() -> AppState {
    use crate::scenario::workshop::ActSetup;
    let s = step(&AppState::default(), Action::ChooseSystem("QOP".into()));
    let s = step(&s, Action::LoadPreset("workforce_plan".into()));
    let s = step(&s, Action::Pin);
    let s = step(&s, Action::LoadPreset("prevention_first".into()));
    let s = step(&s, Action::Pin);
    let hidden = ActSetup {
        opens_hidden: true,
        ..ActSetup::default()
    };
    let s = step(&s, Action::SetAct(0, hidden.clone()));
    step(&s, Action::SetAct(1, hidden))
}

/// Current plans in `s`'s area, for its horizon.
fn current_plans_of(s: &AppState) -> crate::model::Scenario {
    crate::model::Scenario {
        system: s.scenario_spec().system,
        years: s.scenario_spec().years,
        ..crate::model::Scenario::default()
    }
}

fn assert_held_back(there: &AppState, here: &AppState) {
    assert_eq!(
        there.scenario_spec(),
        current_plans_of(here),
        "current plans"
    );
    assert_eq!(
        there.scenario_spec().system,
        "QOP",
        "in the workshop's area"
    );
    assert_eq!(there.view.workshop.act, None, "no act open yet");
    assert!(!there.view.workshop.hide_scenario);
    let w = &there.view.workshop;
    assert!(
        w.pin_hidden(0) && w.pin_hidden(1),
        "both acts keep their secret"
    );
    assert_eq!(
        there.document.pins[1].file.scenario,
        here.scenario_spec(),
        "act 2 keeps its scenario"
    );
    assert!(
        there.view.notices.iter().any(|n| n
            .starts_with("Showing current plans for Greater Manchester: ")
            && n.contains("act 2's scenario")
            && n.ends_with("which stays hidden until its turn.")),
        "{:?}",
        there.view.notices
    );
}

#[test]
fn a_workshop_file_saved_on_a_hidden_act_opens_on_current_plans_and_says_why() {
    use crate::scenario::workshop::{read_workshop, workshop_to_json};
    let here = prepared_with_the_last_act_on_screen();
    let saved = workshop_to_json(&here.workshop_file().without_reveals());
    let (file, problems) = read_workshop(&saved);
    assert!(problems.is_empty(), "{problems:?}");
    // Another machine: nothing pinned, England at current plans.
    let there = step(
        &AppState::default(),
        Action::OpenWorkshop(Box::new(file.clone())),
    );
    assert_held_back(&there, &here);
    // Act 2 opens hidden when its turn comes, and shows once revealed.
    let act2 = step(&there, Action::OpenAct(1));
    assert_eq!(act2.scenario_spec(), here.scenario_spec());
    assert!(act2.view.workshop.hide_scenario);
    // Undo undoes the opening, one step, as before.
    let back = step(&there, Action::Undo);
    assert_eq!(back.scenario_spec(), AppState::default().scenario_spec());
    // Over the user's own pins: both notices, and Undo still brings the pins back.
    let mine = two_pins();
    let over = step(&mine, Action::OpenWorkshop(Box::new(file.clone())));
    assert_held_back(&over, &here);
    assert!(over
        .view
        .notices
        .iter()
        .any(|n| n.contains("were replaced")));
    let back = step(&over, Action::Undo);
    assert_eq!(back.document.pins, mine.document.pins);
    assert_eq!(back.scenario_spec(), mine.scenario_spec());
    // Opened on the machine that made it (the same scenario on screen): still held back.
    let again = step(&here, Action::OpenWorkshop(Box::new(file)));
    assert_held_back(&again, &here);
}

#[test]
fn a_workshop_is_opened_as_saved_when_no_hidden_answer_would_show() {
    use crate::scenario::workshop::{read_workshop, workshop_to_json, ActSetup};
    let here = prepared_with_the_last_act_on_screen();
    // Act 2 not set to open hidden: the file opens on its scenario, nothing said.
    let shown = step(&here, Action::SetAct(1, ActSetup::default()));
    let file = read_workshop(&workshop_to_json(&shown.workshop_file())).0;
    let there = step(&AppState::default(), Action::OpenWorkshop(Box::new(file)));
    assert_eq!(there.scenario_spec(), here.scenario_spec());
    assert!(there.view.notices.is_empty(), "{:?}", there.view.notices);
    // Act 2 open with its prediction open (hidden): the secret is kept by hiding, as before.
    let open = step(&here, Action::OpenAct(1));
    let file = read_workshop(&workshop_to_json(&open.workshop_file())).0;
    let there = step(&AppState::default(), Action::OpenWorkshop(Box::new(file)));
    assert_eq!(there.scenario_spec(), here.scenario_spec());
    assert_eq!(there.view.workshop.act, Some(1));
    assert!(there.view.workshop.hide_scenario);
    assert!(there.view.notices.is_empty(), "{:?}", there.view.notices);
}

#[test]
fn a_workshop_link_on_a_hidden_act_opens_on_current_plans() {
    use crate::scenario::workshop::{acts_from_link, acts_query};
    let here = prepared_with_the_last_act_on_screen();
    let query = acts_query(&here.workshop_file().without_reveals());
    let (file, problems) = acts_from_link(&link_pairs(&query)).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    // The link's own scenario first (the page's query), then its acts.
    let there = AppState::restore(&here.scenario_spec(), vec![], vec![]);
    let there = step(&there, Action::OpenWorkshop(Box::new(file)));
    assert_held_back(&there, &here);
    // Undo goes back to the link's scenario, and that is act 2's: it opens hidden (room5).
    let back = step(&there, Action::Undo);
    assert_eq!(back.scenario_spec(), here.scenario_spec());
    assert_eq!(back.view.workshop.act, Some(1));
    assert!(back.view.workshop.hide_scenario);
}

#[test]
fn a_reload_on_a_hidden_act_opens_on_current_plans_and_undo_opens_the_act_hidden() {
    use crate::scenario::workshop::{read_workshop, workshop_to_json};
    let here = prepared_with_the_last_act_on_screen();
    // A reload: the scenario from the link or autosave, the pins from autosave, the
    // settings from the browser's workshop store.
    let stored = read_workshop(&workshop_to_json(&here.workshop_file())).0;
    let pins: Vec<_> = here.document.pins.iter().map(|p| p.file.clone()).collect();
    let reloaded = AppState::restore(&here.scenario_spec(), pins.clone(), vec![])
        .with_workshop_settings(&stored);
    assert_held_back(&reloaded, &here);
    let back = step(&reloaded, Action::Undo);
    assert_eq!(back.scenario_spec(), here.scenario_spec());
    assert_eq!(back.view.workshop.act, Some(1));
    assert!(back.view.workshop.hide_scenario, "undo keeps the secret");
    // Once act 2 has been revealed, a reload shows it as it stood.
    let seen = step(
        &step(&here, Action::OpenAct(1)),
        Action::HideScenario(false),
    );
    let stored = read_workshop(&workshop_to_json(&seen.workshop_file())).0;
    let reloaded =
        AppState::restore(&seen.scenario_spec(), pins, vec![]).with_workshop_settings(&stored);
    assert_eq!(reloaded.scenario_spec(), here.scenario_spec());
    assert!(
        reloaded.view.notices.is_empty(),
        "{:?}",
        reloaded.view.notices
    );
}

/// A link's query as the page splits it: `(key, value)` pairs, still percent-encoded.
pub(crate) fn link_pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
