//! The lever panel: the presets, every lever by group, and the assumptions behind their
//! disclosure, each a slider rendered from its table row.

use yew::prelude::*;

use super::phasing::PhasingControl;
use super::presets::Presets;
use super::slider::{lever_tools, ParamKind, ParamSlider};
use super::state::{Action, AppState};
use super::timing;
use crate::model::levers::Group;
use crate::model::{
    Assumption, AssumptionValues, Lever, LeverValues, Phasing, ASSUMPTIONS, LEVERS,
};

#[derive(Properties, PartialEq)]
pub struct LeverPanelProps {
    pub levers: LeverValues,
    pub assumptions: AssumptionValues,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// Phasing (issue 14.2): when each lever's change takes effect, and the horizon.
    #[prop_or_default]
    pub phasing: Phasing,
    #[prop_or(crate::model::simulate::DEFAULT_YEARS)]
    pub years: u32,
    /// Levers aimed at places (issue 13.2): the places prevention and priority are aimed at.
    #[prop_or_default]
    pub places: crate::model::place_aim::PlaceAims,
    /// The chosen area's code (prevention aimed at places says its £ a head there).
    #[prop_or_default]
    pub system: String,
    /// Today as whole months after month 0 (the last published month), from the page's
    /// clock; `None` without one.
    #[prop_or_default]
    pub today: Option<u32>,
}

/// The levers and assumptions as sliders, with their reset buttons.
#[function_component]
pub fn LeverPanel(props: &LeverPanelProps) -> Html {
    let callbacks = {
        let dispatcher = props.dispatch.clone();
        use_memo((), move |_| param_callbacks(dispatcher))
    };
    // One gesture, one step of undo (issue 15.4): a pointer held on a slider.
    let on_gesture = {
        let dispatcher = props.dispatch.clone();
        use_memo((), move |_| {
            Callback::from(move |pressed: bool| dispatcher.dispatch(Action::Gesture(pressed)))
        })
    };
    let levers_moved = props.levers != Default::default() || !props.phasing.is_at_once();

    let reset = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    html! {
        <section class="levers" aria-labelledby="levers-heading">
            <div class="levers-head">
                <h2 id="levers-heading" tabindex="-1">{ "Levers" }</h2>
                if levers_moved {
                    <button type="button" class="reset" data-control="reset-levers"
                        onclick={reset(Action::ResetLevers)}>{ "Reset all to current plans" }</button>
                }
            </div>
            { from_today(props) }
            <Presets levers={props.levers} on_choose={
                let dispatch = props.dispatch.clone();
                Callback::from(move |key| dispatch.dispatch(Action::LoadPreset(key)))
            } />
            { for groups().into_iter().map(|group| html! {
                <fieldset class="lever-group" data-group={group.label()}>
                    <legend>{ group.label() }</legend>
                    { for Lever::ALL.iter().filter(|l| l.spec().group == group).map(|&lever| html! { <>
                        <ParamSlider
                            spec={lever.spec()}
                            kind={ParamKind::Lever}
                            value={props.levers[lever]}
                            on_change={callbacks.levers[lever as usize].clone()}
                            on_gesture={(*on_gesture).clone()}
                            own_source={false}
                        />
                        // Its Source and Phasing: one Tab stop, the arrows between them.
                        { lever_tools(lever.spec(), html! {
                            <PhasingControl lever={lever} value={props.levers[lever]}
                                phase={props.phasing[lever]} years={props.years}
                                dispatch={props.dispatch.clone()} />
                        }) }
                        { place_aim_note(props, lever) }
                    </> }) }
                </fieldset>
            }) }
            <details class="assumptions" data-control="assumptions">
                <summary>
                    { "Assumptions" }
                    <span class="summary-note">{ " (advanced: beliefs about the world; they move current plans too)" }</span>
                </summary>
                <p class="assumptions-intro">
                    { "Changing an assumption re-runs current plans under it, so the dashed line on every chart moves too. \
                       The shaded ranges on the charts come from drawing these at random within their likely ranges." }
                </p>
                if props.assumptions != AssumptionValues::default() {
                    <button type="button" class="reset" data-control="reset-assumptions"
                        onclick={reset(Action::ResetAssumptions)}>{ "Reset assumptions to central estimates" }</button>
                }
                { for Assumption::ALL.iter().map(|&a| html! {
                    <ParamSlider
                        spec={a.spec()}
                        kind={ParamKind::Assumption}
                        value={props.assumptions[a]}
                        on_change={callbacks.assumptions[a as usize].clone()}
                        on_gesture={(*on_gesture).clone()}
                    />
                }) }
            </details>
        </section>
    }
}

/// One callback per lever and per assumption, made once: a slider whose value has not
/// changed then keeps equal props and is not re-rendered while another one moves.
struct ParamCallbacks {
    levers: Vec<Callback<f64>>,
    assumptions: Vec<Callback<f64>>,
}

/// When projections start long before today (the data's last published month is month 0),
/// a change set "at once" acts from then: say so, and offer one step that starts every such
/// change today instead (`Action::StartChangesFrom`).
fn from_today(props: &LeverPanelProps) -> Html {
    let Some(today) = props.today.filter(|&t| t > 1 && t <= props.years * 12) else {
        return html! {};
    };
    let Some(note) = crate::scenario::phasing::at_once_note(today) else {
        return html! {};
    };
    let from_first_month = Lever::ALL
        .iter()
        .any(|&l| props.levers[l] != l.spec().default && props.phasing[l].start <= 1);
    let onclick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::StartChangesFrom(today)))
    };
    html! {
        <p class="levers-start" data-control="levers-start">
            { note }
            if from_first_month {
                { " " }
                <button type="button" class="levers-start-today" data-control="start-from-today"
                    title="Sets each moved lever's phasing to start this month (one step of undo)"
                    {onclick}>
                    { format!("Start every change from {}", crate::scenario::phasing::start_period().plus(today as usize).name()) }
                </button>
            } else {
                { " To start a change later, open its Phasing." }
            }
        </p>
    }
}

fn param_callbacks(dispatcher: UseReducerDispatcher<AppState>) -> ParamCallbacks {
    let make = |action: fn(usize, f64) -> Action, i: usize| {
        let dispatcher = dispatcher.clone();
        Callback::from(move |v: f64| {
            timing::mark_input();
            dispatcher.dispatch(action(i, v));
        })
    };
    ParamCallbacks {
        levers: (0..Lever::COUNT)
            .map(|i| make(|i, v| Action::SetLever(Lever::ALL[i], v), i))
            .collect(),
        assumptions: (0..Assumption::COUNT)
            .map(|i| make(|i, v| Action::SetAssumption(Assumption::ALL[i], v), i))
            .collect(),
    }
}

/// The lever groups in the order the table first uses them, so a new group needs no UI change.
fn groups() -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for spec in LEVERS.iter() {
        if !out.contains(&spec.group) {
            out.push(spec.group);
        }
    }
    debug_assert!(ASSUMPTIONS.iter().all(|s| s.group == Group::Assumption));
    out
}

/// Levers aimed at places (issue 13.2): under prevention and priority, where they are aimed
/// ("Prevention: £60 a head, aimed at Blackpool") and a button to spread them again.
fn place_aim_note(props: &LeverPanelProps, lever: Lever) -> Html {
    let Some(words) = crate::scenario::places::aim_words(
        &crate::model::Scenario {
            levers: props.levers,
            places: props.places.clone(),
            ..Default::default()
        },
        lever,
    ) else {
        return html! {};
    };
    let (label, spread) = match lever {
        Lever::PreventionSpend => (
            match crate::model::place_aim::aimed_spend(
                &props.system,
                &props.places.prevention,
                props.levers[lever],
            ) {
                // "Prevention: £412 a head in Blackpool (£60 a head across the ICB)".
                Some(a) if props.levers[lever] > 0.0 => format!(
                    "Prevention: {}",
                    a.words(&crate::scenario::places::place_names(
                        &props.places.prevention
                    ))
                ),
                _ => format!(
                    "Prevention: £{} a head, {words}",
                    super::format::one_decimal(props.levers[lever]).trim_end_matches(".0")
                ),
            },
            "Spread across the ICB",
        ),
        _ => (
            format!(
                "Priority +{}%, {words}",
                super::format::one_decimal(props.levers[lever]).trim_end_matches(".0")
            ),
            "Back to the most deprived fifth",
        ),
    };
    let onclick = {
        let (dispatch, aims) = (props.dispatch.clone(), props.places.clone());
        Callback::from(move |_: MouseEvent| {
            let mut aims = aims.clone();
            if lever == Lever::PreventionSpend {
                aims.prevention.clear();
            } else {
                aims.equity.clear();
            }
            dispatch.dispatch(Action::AimAtPlaces(Box::new(aims)));
        })
    };
    html! {
        <p class="place-aim-note" data-control={format!("place-aim-note-{}", lever.key())}>
            { label }{ " (" }<a href="#places">{ "places" }</a>{ ") " }
            <button type="button" class="link-button" {onclick}>{ spread }</button>
        </p>
    }
}
