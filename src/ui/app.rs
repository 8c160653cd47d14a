//! The page: pick a system, move levers and assumptions, read the headline figures, the
//! charts and the scoreboard of the four purposes.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::chart_panel::ChartPanel;
use super::charts::{CHARTS, HEADLINES};
use super::compare::Compare;
use super::format;
use super::persist;
use super::scoreboard::Scoreboard;
use super::slider::{ParamKind, ParamSlider};
use super::state::{Action, AppState, Pin, View};
use super::timing;
use super::tornado::{CutNotes, TornadoPanel};
use super::track_record::TrackRecord;
use super::uncertainty::{use_monte_carlo, RUNS};
use super::waterfall::Waterfall;
use super::why_moved::WhyMoved;
use crate::data::{systems, System};
use crate::model::levers::Group;
use crate::model::{Assumption, Lever, Projection, Scenario, ASSUMPTIONS, LEVERS};
use crate::scenario::export::projection_csv;
use crate::scenario::storage::MAX_PINNED;
use crate::scenario::{auto_name, parse_scenario, presets, to_json, ScenarioFile};

#[function_component]
pub fn App() -> Html {
    // The first state comes from the link or autosave (and says what it could not apply).
    let state = use_reducer(persist::load);
    {
        // After every change to the scenario or the pins, mirror it into the URL and local
        // storage. Keyed on the scenario and the pin files, so choosing a year writes nothing.
        let state = state.clone();
        let pins: Vec<_> = state.pins.iter().map(|p| p.file.clone()).collect();
        use_effect_with((state.scenario_spec(), pins), move |_| {
            persist::sync(&state)
        });
    }
    // Pending writes go out at once when the page is hidden or left.
    use_effect_with((), |_| persist::flush_on_leave());
    use_shortcuts(state.dispatcher(), state.view);
    let callbacks = {
        let dispatcher = state.dispatcher();
        use_memo((), move |_| param_callbacks(dispatcher))
    };
    let scenario_spec = state.scenario_spec();
    let fans = use_monte_carlo(state.baseline.clone(), scenario_spec.clone());
    let fan = fans.as_ref().and_then(|f| f.for_scenario(&scenario_spec));
    let runs_done = fan.as_ref().map_or(0, |mc| mc.runs);
    let axis_fan = fans
        .as_ref()
        .filter(|f| f.scenario.system == scenario_spec.system)
        .map(|f| f.summary.clone());

    // Reports input-to-chart time after every render (for tests/e2e/perf.mjs).
    use_effect(timing::report_after_effects);

    let on_show_quintiles = {
        let state = state.clone();
        Callback::from(move |show| state.dispatch(Action::ShowQuintiles(show)))
    };
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(year) = select.value().parse() {
                state.dispatch(Action::ChooseYear(year));
            }
        })
    };
    let reset = |action: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action.clone()))
    };

    let name = format::system_name(&state.baseline.name).to_string();
    // The area's published months, drawn as dots before month 0 on the charts of published
    // figures; looked up again only when the area changes.
    let published = use_memo(state.baseline.code.clone(), |code| {
        crate::model::track_record::published_history(code).unwrap_or_default()
    });
    let horizon = state.horizon_years();
    let year = state.year.min(horizon);
    let month = year as usize * 12;
    let levers_moved = state.levers != Default::default();
    let view = state.view;
    let hidden = view.hide_scenario;
    // What an exported chart says it shows: area, levers moved, assumptions, years.
    let export_settings = {
        let levers = auto_name(&state.scenario_spec());
        let mut lines = vec![
            format!("Area: {name}"),
            if levers == crate::scenario::naming::UNCHANGED {
                "Levers: none moved (current plans)".to_string()
            } else {
                format!("Levers: {levers}")
            },
        ];
        let years = format!(
            "{} to {}",
            format::month_name(0),
            format::month_name(horizon as usize * 12)
        );
        if state.assumptions_modified() {
            lines.push(format!("{years}; assumptions changed from the defaults"));
        } else {
            lines.push(years);
        }
        Rc::new(lines)
    };

    html! {
        <div class={classes!("page", view.presenting.then_some("presenting"))}>
            <header class="masthead">
                <div>
                    <h1>{ "ICS What-If" }</h1>
                    <p class="tagline">
                        { format!("What could change for {name}, {} to {}", format::month_name(0), format::month_name(horizon as usize * 12)) }
                    </p>
                </div>
                <SystemPicker code={state.baseline.code.clone()} on_choose={
                    let state = state.clone();
                    Callback::from(move |code| state.dispatch(Action::ChooseSystem(code)))
                } />
            </header>
            <details class="estimates-note" data-control="estimates">
                <summary>{ format!("{} starting figures for {name} are estimates, not published figures", state.baseline.estimates.len()) }</summary>
                <ul>
                    { for state.baseline.estimates.iter().map(|e| html! { <li>{ *e }</li> }) }
                </ul>
                <p data-control="waits-basis">
                    { format!("Published, not estimated: the waiting list, the share within 18 weeks and 52-week waiters in {}, from {}.",
                        format::month_name(0), state.baseline.waits_basis) }
                </p>
            </details>
            <Notices notices={state.notices.clone()} on_dismiss={
                let state = state.clone();
                Callback::from(move |_| state.dispatch(Action::DismissNotices))
            } />
            if view.presenting {
                <PresenterBar view={view} pins={state.pins.clone()} dispatch={state.dispatcher()} />
            }
            if view.help_open {
                <Help dispatch={state.dispatcher()} />
            }
            <Toolbar spec={scenario_spec.clone()} dispatch={state.dispatcher()}
                projection={state.scenario.clone()}
                can_undo={!state.undo.is_empty()} can_redo={!state.redo.is_empty()}
                at_current_plans={state.is_current_plans()}
                pins={state.pins.len()} {view} />
            <main class="layout">
                <section class="results" aria-label="Results">
                    <div class="results-bar">
                        <label for="year">{ "Figures for" }</label>
                        <select id="year" data-control="year" onchange={on_year}>
                            { for (1..=horizon).map(|y| html! {
                                <option value={y.to_string()} selected={y == year}>
                                    { format!("{} (year {y})", format::month_name(y as usize * 12)) }
                                </option>
                            }) }
                        </select>
                        <span class="mc-status" data-control="mc-status">
                            { if runs_done >= RUNS {
                                format!("Uncertainty: all {RUNS} runs done")
                            } else {
                                format!("Uncertainty: {runs_done} of {RUNS} runs")
                            } }
                        </span>
                    </div>
                    <CutNotes assumptions={scenario_spec.assumptions} />
                    <div class="headlines" aria-live="polite">
                        { for HEADLINES.iter().map(|h| {
                            let at = |p: &crate::model::Projection| h.metric.of(&p.months[month.min(p.months.len() - 1)]);
                            let (s, c) = (at(&state.scenario), at(&state.current_plans));
                            let better = if h.metric.spec().higher_is_better { s > c } else { s < c };
                            let same = h.measure.show_difference(s - c) == h.measure.show_difference(0.0);
                            // Money spent or received is not judged: a cost is a cost.
                            let judged = h.metric.is_judged();
                            let verdict = if same { "same" } else if !judged { "cost" } else if better { "better" } else { "worse" };
                            html! {
                                <div class={classes!("headline", (!hidden).then(|| format!("headline-{verdict}")))}>
                                    <span class="headline-label">{ h.label }</span>
                                    <span class="headline-value" data-metric={h.metric.key()}
                                        data-value={(!hidden).then(|| s.to_string())}>
                                        { if hidden { "?".to_string() } else { h.measure.show(s) } }
                                    </span>
                                    <span class="headline-change" data-verdict={verdict}>
                                        { if hidden {
                                            format!("Predict, then reveal (current plans {})", h.measure.show(c))
                                        } else if same {
                                            "Same as current plans".to_string()
                                        } else if !judged {
                                            format!("{} {} than current plans",
                                                h.measure.show_difference(s - c),
                                                if s > c { "more" } else { "less" })
                                        } else {
                                            format!("{} {} {} than current plans ({})",
                                                if better { "\u{25B2}" } else { "\u{25BC}" },
                                                h.measure.show_difference(s - c),
                                                if s > c { "higher" } else { "lower" },
                                                h.measure.show(c))
                                        } }
                                    </span>
                                </div>
                            }
                        }) }
                    </div>
                    <p class="headlines-note" data-control="money-note">
                        { format!("Money in {}. Surplus or deficit: the NHS's income (with any extra funding) less its spending. \
                                   Extra spending: what the levers cost against current plans, paid by the NHS or local government; \
                                   a cost, not better or worse.", crate::model::finance::PRICE_BASE) }
                    </p>
                    <div class="charts">
                        { for (0..CHARTS.len()).map(|i| html! {
                            <ChartPanel
                                chart={i}
                                scenario={state.scenario.clone()}
                                current_plans={state.current_plans.clone()}
                                fans={fan.clone()}
                                axis_fans={axis_fan.clone()}
                                show_quintiles={state.show_quintiles}
                                assumptions_modified={state.assumptions_modified()}
                                pins={state.pins.clone()}
                                hide_scenario={hidden}
                                thick={view.presenting}
                                on_show_quintiles={on_show_quintiles.clone()}
                                settings={export_settings.clone()}
                                published={published.clone()}
                            />
                        }) }
                    </div>
                    // Its central figure is the scenario's: hidden until revealed, as the headlines are.
                    if !hidden {
                        <TornadoPanel baseline={state.baseline.clone()} scenario={scenario_spec.clone()} {year} />
                    }
                    if hidden {
                        <p class="hidden-note" data-control="hidden-note">
                            { "The four purposes are hidden until the scenario is revealed." }
                        </p>
                    } else {
                        <Scoreboard
                            scenario={state.scenario.clone()}
                            current_plans={state.current_plans.clone()}
                            {year}
                        />
                        <WhyMoved
                            scenario={state.scenario.clone()}
                            current_plans={state.current_plans.clone()}
                            {year}
                        />
                    }
                    <Compare pins={state.pins.clone()} current_plans={state.current_plans.clone()}
                        is_working={state.pins.iter().map(|p| p.file.scenario == scenario_spec).collect::<Vec<_>>()}
                        {year} dispatch={state.dispatcher()} />
                    <Waterfall pins={state.pins.clone()} baseline={state.baseline.clone()}
                        scenario={state.scenario_spec()} {year} />
                    <TrackRecord code={state.baseline.code.clone()} name={name.clone()} />
                </section>
                <section class="levers" aria-labelledby="levers-heading">
                    <div class="levers-head">
                        <h2 id="levers-heading">{ "Levers" }</h2>
                        if levers_moved {
                            <button type="button" class="reset" data-control="reset-levers"
                                onclick={reset(Action::ResetLevers)}>{ "Reset all to current plans" }</button>
                        }
                    </div>
                    <Presets on_choose={
                        let state = state.clone();
                        Callback::from(move |key| state.dispatch(Action::LoadPreset(key)))
                    } />
                    { for groups().into_iter().map(|group| html! {
                        <fieldset class="lever-group" data-group={group.label()}>
                            <legend>{ group.label() }</legend>
                            { for Lever::ALL.iter().filter(|l| l.spec().group == group).map(|&lever| html! {
                                <ParamSlider
                                    spec={lever.spec()}
                                    kind={ParamKind::Lever}
                                    value={state.levers[lever]}
                                    on_change={callbacks.levers[lever as usize].clone()}
                                />
                            }) }
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
                        if state.assumptions_modified() {
                            <button type="button" class="reset" data-control="reset-assumptions"
                                onclick={reset(Action::ResetAssumptions)}>{ "Reset assumptions to central estimates" }</button>
                        }
                        { for Assumption::ALL.iter().map(|&a| html! {
                            <ParamSlider
                                spec={a.spec()}
                                kind={ParamKind::Assumption}
                                value={state.assumptions[a]}
                                on_change={callbacks.assumptions[a as usize].clone()}
                            />
                        }) }
                    </details>
                </section>
            </main>
            <About />
            <footer class="footnote">
                { "A model, not a forecast. Built from public data: NHS England, ONS, NHS Digital, FACTS." }
            </footer>
        </div>
    }
}

/// One callback per lever and per assumption, made once: a slider whose value has not
/// changed then keeps equal props and is not re-rendered while another one moves.
struct ParamCallbacks {
    levers: Vec<Callback<f64>>,
    assumptions: Vec<Callback<f64>>,
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

#[derive(Properties, PartialEq)]
struct PresetsProps {
    on_choose: Callback<String>,
}

/// The positions argued over in the ICS debates, as a menu that loads a preset's levers (one
/// undoable change; assumptions and the area are kept) and a disclosure saying why each
/// preset looks as it does. The menu goes back to its prompt after a choice, so it reads
/// as a menu of actions rather than a setting that later moves would contradict.
#[function_component]
fn Presets(props: &PresetsProps) -> Html {
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let key = select.value();
            select.set_value("");
            if !key.is_empty() {
                on_choose.emit(key);
            }
        })
    };
    html! {
        <div class="presets">
            <label for="preset">{ "Start from a preset" }</label>
            <select id="preset" data-control="preset" onchange={on_change}>
                <option value="" selected=true>{ "Choose a preset\u{2026}" }</option>
                { for presets().iter().map(|p| html! {
                    <option value={p.key} title={p.rationale}>{ p.name }</option>
                }) }
            </select>
            <details class="preset-notes" data-control="preset-notes">
                <summary>{ "Why these presets" }</summary>
                <dl>
                    { for presets().iter().map(|p| html! {
                        <>
                            <dt>{ p.name }</dt>
                            <dd>{ p.rationale }</dd>
                        </>
                    }) }
                </dl>
            </details>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct SystemPickerProps {
    code: String,
    on_choose: Callback<String>,
}

/// England and the 42 ICBs: a filter box narrows the list, the list chooses. Enter in the
/// filter box chooses the first match. The chosen system always stays in the list.
#[function_component]
fn SystemPicker(props: &SystemPickerProps) -> Html {
    let filter = use_state(String::new);
    let needle = filter.to_lowercase();
    let named = |s: &&System| {
        needle.is_empty()
            || format::system_name(&s.name)
                .to_lowercase()
                .contains(&needle)
            || s.code.to_lowercase() == needle
    };
    // Enter takes the first area the filter names.
    let first_match = systems()
        .iter()
        .filter(named)
        .find(|_| !needle.is_empty())
        .map(|s| s.code.clone());
    let matches: Vec<&System> = systems()
        .iter()
        .filter(|s| s.code == props.code || named(s))
        .collect();
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            filter.set(input.value());
        })
    };
    let on_key = {
        let (on_choose, filter) = (props.on_choose.clone(), filter.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                if let Some(code) = &first_match {
                    on_choose.emit(code.clone());
                    filter.set(String::new());
                }
            }
        })
    };
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_choose.emit(select.value());
        })
    };
    html! {
        <div class="system-picker">
            <label for="system">{ "Area" }</label>
            <input type="search" id="system-filter" data-control="system-filter"
                placeholder="Type to filter, e.g. Manchester"
                aria-label="Filter the list of areas"
                value={(*filter).clone()}
                oninput={on_filter} onkeydown={on_key} />
            <select id="system" data-control="system" onchange={on_change}>
                { for matches.iter().map(|s| html! {
                    <option value={s.code.clone()} selected={s.code == props.code}>
                        { format::system_name(&s.name) }
                    </option>
                }) }
            </select>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PresenterBarProps {
    view: View,
    pins: Rc<Vec<Pin>>,
    dispatch: UseReducerDispatcher<AppState>,
}

/// Presenter mode's strip: which act (pinned scenario) is open, how to move between acts,
/// and the way out.
#[function_component]
fn PresenterBar(props: &PresenterBarProps) -> Html {
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let act = match (props.view.act, props.pins.len()) {
        (_, 0) => "Pin scenarios to step through them here as acts.".to_string(),
        (Some(i), n) if i < n => format!(
            "Act {} of {n}: {}",
            i + 1,
            props.pins[i].file.name.as_deref().unwrap_or("")
        ),
        (_, n) => format!("{n} pinned scenarios: press \u{2192} to open the first."),
    };
    html! {
        <div class="presenter-bar" data-control="presenter-bar">
            <button type="button" data-control="previous-act" disabled={props.pins.is_empty()}
                onclick={send(Action::StepAct(-1))} aria-label="Previous act">{ "\u{2190}" }</button>
            <strong class="act" data-control="act" aria-live="polite">{ act }</strong>
            <button type="button" data-control="next-act" disabled={props.pins.is_empty()}
                onclick={send(Action::StepAct(1))} aria-label="Next act">{ "\u{2192}" }</button>
            <span class="presenter-hint">{ "? for keys" }</span>
            <button type="button" onclick={send(Action::Present(false))}>{ "Leave presenter mode" }</button>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct HelpProps {
    dispatch: UseReducerDispatcher<AppState>,
}

/// The keyboard shortcuts, over the page until closed (Escape, `?` or the button).
#[function_component]
fn Help(props: &HelpProps) -> Html {
    let close = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(Action::ShowHelp(false)))
    };
    // Focus moves into the dialog, so a keyboard or screen-reader user lands on it, and
    // goes back where it was when the dialog closes.
    let close_button = use_node_ref();
    {
        let close_button = close_button.clone();
        use_effect_with((), move |_| {
            let before = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
            if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
            move || {
                if let Some(before) = before.filter(|e| e.is_connected()) {
                    let _ = before.focus();
                }
            }
        });
    }
    // The dialog is modal: Tab and Shift+Tab stay inside it (its one control is Close).
    let onkeydown = {
        let close_button = close_button.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Tab" {
                e.prevent_default();
                if let Some(b) = close_button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    let keys = [
        ("Ctrl+Z", "undo the last change"),
        ("Ctrl+Shift+Z or Ctrl+Y", "redo"),
        (
            "\u{2192} / \u{2190}",
            "presenter mode: next / previous pinned scenario (act)",
        ),
        ("?", "show or hide this help"),
        ("Esc", "close this help; leave presenter mode"),
        ("Arrow keys on a chart", "read another month"),
        ("Arrow keys, Home, End on a slider", "move the lever"),
    ];
    html! {
        <div class="help-overlay" role="dialog" aria-modal="true" aria-labelledby="help-heading" data-control="help" {onkeydown}>
            <div class="help-box">
                <h2 id="help-heading">{ "Keyboard shortcuts" }</h2>
                <table>
                    { for keys.iter().map(|(k, what)| html! {
                        <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *what }</td></tr>
                    }) }
                </table>
                <button type="button" data-control="close-help" ref={close_button} onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct NoticesProps {
    notices: Rc<Vec<String>>,
    on_dismiss: Callback<()>,
}

/// Messages about what could not be applied (a link, a file, saved scenarios): one line per
/// problem, until dismissed. Never blocks the page.
#[function_component]
fn Notices(props: &NoticesProps) -> Html {
    if props.notices.is_empty() {
        return html! {};
    }
    let on_dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notices" role="alert" data-control="notices">
            <ul>
                { for props.notices.iter().map(|n| html! { <li>{ n.clone() }</li> }) }
            </ul>
            <button type="button" data-control="dismiss-notices" onclick={on_dismiss}>{ "Dismiss" }</button>
        </div>
    }
}

/// What an uploaded scenario file does: a file that reads cleanly replaces the scenario (with a
/// note if it comes from another model version); any problem refuses the whole file, with the
/// problems listed, so a half-read file never silently changes the levers.
fn opened_file(read: Result<String, String>) -> Vec<Action> {
    let text = match read {
        Ok(text) => text,
        Err(e) => return vec![Action::Notify(vec![persist::sentence(&e)])],
    };
    match parse_scenario(&text) {
        Ok(file) => {
            let mut actions = vec![Action::SetScenario(Box::new(file.scenario.clone()))];
            if let Some(note) = file.model_version_note() {
                actions.push(Action::Notify(vec![persist::sentence(&note)]));
            }
            actions
        }
        Err(problems) => {
            let mut lines = vec!["That file was not opened, and nothing has changed:".to_string()];
            lines.extend(problems.iter().map(|p| persist::sentence(p)));
            vec![Action::Notify(lines)]
        }
    }
}

#[derive(Properties, PartialEq)]
struct ToolbarProps {
    /// The scenario as set (for the link and the files).
    spec: Scenario,
    dispatch: UseReducerDispatcher<AppState>,
    /// The scenario's projection, for the CSV download.
    projection: Rc<Projection>,
    can_undo: bool,
    can_redo: bool,
    /// Every lever and assumption at its default: "Reset" has nothing to do.
    at_current_plans: bool,
    /// How many scenarios are pinned (at most four).
    pins: usize,
    view: View,
}

/// Share, undo and save: the scenario link with "Copy link".
#[function_component]
fn Toolbar(props: &ToolbarProps) -> Html {
    let link_box = use_node_ref();
    let copied = use_state(|| None::<&'static str>);
    let link = persist::link(&props.spec);
    let on_copy = {
        let (link, link_box, copied) = (link.clone(), link_box.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let copied = copied.clone();
            persist::copy(&link, link_box.cast::<HtmlInputElement>(), move |ok| {
                copied.set(Some(if ok {
                    "Link copied"
                } else {
                    "Link selected: press Ctrl+C to copy"
                }))
            });
        })
    };
    let on_json = {
        let spec = props.spec.clone();
        Callback::from(move |_: MouseEvent| {
            let file = ScenarioFile::new(spec.clone()).with_name(auto_name(&spec));
            persist::download(
                &format!("ics-whatif-{}-scenario.json", spec.system),
                "application/json",
                &to_json(&file),
            );
        })
    };
    let on_csv = {
        let (projection, system) = (props.projection.clone(), props.spec.system.clone());
        Callback::from(move |_: MouseEvent| {
            persist::download(
                &format!("ics-whatif-{system}-projection.csv"),
                "text/csv",
                &projection_csv(&projection),
            );
        })
    };
    let on_upload = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let dispatch = dispatch.clone();
            persist::read_chosen_file(&input, move |read| {
                for action in opened_file(read) {
                    dispatch.dispatch(action);
                }
            });
        })
    };
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    html! {
        <div class="toolbar" role="toolbar" aria-label="Share, undo and save">
            <div class="toolbar-group">
                <button type="button" data-control="undo" disabled={!props.can_undo}
                    title="Undo (Ctrl+Z)" onclick={send(Action::Undo)}>{ "\u{21B6} Undo" }</button>
                <button type="button" data-control="redo" disabled={!props.can_redo}
                    title="Redo (Ctrl+Shift+Z)" onclick={send(Action::Redo)}>{ "\u{21B7} Redo" }</button>
                <button type="button" data-control="reset" disabled={props.at_current_plans}
                    title="Every lever and assumption back to its default (undoable)"
                    onclick={send(Action::Reset)}>{ "Reset to current plans" }</button>
            </div>
            <div class="toolbar-group">
                <button type="button" data-control="pin" disabled={props.pins >= MAX_PINNED}
                    title={format!("Keep this scenario on the charts to compare (up to {MAX_PINNED})")}
                    onclick={send(Action::Pin)}>
                    { format!("Pin this scenario ({} of {MAX_PINNED})", props.pins) }
                </button>
            </div>
            <div class="toolbar-group">
                <button type="button" data-control="download-json" onclick={on_json}
                    title="Save this scenario as a file you can open here or with the command line">{ "Save scenario file" }</button>
                <label class="file-button" title="Open a scenario file saved from this app">
                    { "Open scenario file" }
                    <input type="file" accept=".json,application/json" class="visually-hidden"
                        data-control="upload-json" onchange={on_upload} />
                </label>
                <button type="button" data-control="download-csv" onclick={on_csv}
                    title="Every month's figures for this scenario, by deprivation fifth">{ "Download figures (CSV)" }</button>
            </div>
            <div class="toolbar-group">
                <button type="button" data-control="present" aria-pressed={props.view.presenting.to_string()}
                    title="Large type and thick lines for a projector; the lever panel is hidden. ? lists the keys."
                    onclick={send(Action::Present(!props.view.presenting))}>
                    { if props.view.presenting { "Leave presenter mode" } else { "Presenter mode" } }
                </button>
                if props.view.hide_scenario {
                    <button type="button" class="reveal" data-control="reveal"
                        onclick={send(Action::HideScenario(false))}>{ "Reveal the scenario" }</button>
                } else {
                    <button type="button" data-control="predict"
                        title="Hide this scenario's line and figures, so the room can predict before seeing them"
                        onclick={send(Action::HideScenario(true))}>{ "Predict, then reveal" }</button>
                }
            </div>
            <div class="toolbar-group toolbar-link">
                <button type="button" data-control="copy-link" onclick={on_copy}>{ "Copy link" }</button>
                <input type="text" readonly=true class="link-box" data-control="link"
                    aria-label="Link to this scenario" ref={link_box} value={link} />
                <span class="toolbar-status" aria-live="polite" data-control="copy-status">
                    { copied.unwrap_or("") }
                </span>
            </div>
        </div>
    }
}

/// What the model is, where its numbers come from and what it leaves out, in plain words.
#[function_component]
fn About() -> Html {
    html! {
        <details class="about" data-control="about">
            <summary>{ "About this model" }</summary>
            <div class="about-body">
                <h3>{ "What it models" }</h3>
                <p>{ "One Integrated Care System (or England), month by month for ten years, with its people split into five fifths by deprivation. \
                      Stocks are things that build up: the waiting list (by how long each person has waited), staff, the money balance, and \
                      life expectancy. Flows move them: referrals join the list, treatments and validation take people off it; joiners and \
                      trainees add staff, leavers take them away (more leave when each carries more work); funding pays for posts, agency \
                      and bank staff cover many empty ones at a premium and the rest lose their work (their budget goes on other \
                      running costs, never into a surplus); an ICS plans to break even, so cost pressure above plan is a deficit until the \
                      next plan year; social care frees beds held by people fit to leave; prevention slowly lowers \
                      avoidable demand and adds healthy years." }</p>
                <h3>{ "Where the numbers come from" }</h3>
                <p>{ "Public figures: NHS England referral-to-treatment statistics, NHS Digital workforce and vacancy statistics, ONS \
                      life expectancy by deprivation, and the FACTS figures the model cites beside every default. Each area's starting \
                      figures are read from the project's data files; where an area's figure is not published it is estimated from \
                      England's and labelled as an estimate (see the note under the title). Every lever's source is under its “Source” link." }</p>
                <h3>{ "What it leaves out" }</h3>
                <p>{ "Emergency care, mental health and primary care are not modelled in their own right; they appear only as capacity the \
                      planned-care list cannot use. Patients do not move between areas; there are no pandemics, strikes or policy changes \
                      beyond the levers." }</p>
                <h3>{ "What is most uncertain" }</h3>
                <p>{ "How many people leave the list without treatment (validated off, treated elsewhere, no longer needing care). \
                      As a share of the list it was about 7% a month before 2020 and about 3% after; as a share of referrals it moved less, \
                      13–19%, so the model uses that. The shaded ranges on the charts come from 200 runs that draw this and the other \
                      assumptions from their likely ranges, and they cover both readings." }</p>
                <h3>{ "A model, not a forecast" }</h3>
                <p>{ "It shows how the parts of a system push on each other if the assumptions hold, so that options can be compared \
                      side by side. Compare a scenario with current plans (the dashed line), not with what will happen." }</p>
            </div>
        </details>
    }
}

/// Ctrl+Z undoes and Ctrl+Shift+Z (or Ctrl+Y) redoes, anywhere on the page except while
/// typing in a text box (the exact-value boxes, the area filter), where the browser's own
/// undo of the typing is what the user means.
///
/// In a workshop: `?` opens or closes the help, Escape closes it (or leaves presenter mode),
/// and in presenter mode the left and right arrows step through the pinned scenarios as
/// acts, unless a control that uses the arrows itself (a slider, a list, a chart) has focus.
/// The listener is remade when the view changes, so it always knows the current view.
#[hook]
fn use_shortcuts(dispatcher: UseReducerDispatcher<AppState>, view: View) {
    use_effect_with(view, move |view| {
        let view = *view;
        let window = web_sys::window();
        let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |e: KeyboardEvent| {
            if typing_in(&e) || e.alt_key() {
                return;
            }
            let command = e.ctrl_key() || e.meta_key();
            let action = match (e.key().to_lowercase().as_str(), e.shift_key()) {
                ("z", false) if command => Action::Undo,
                ("z", true) | ("y", false) if command => Action::Redo,
                _ if command => return,
                ("?", _) => Action::ShowHelp(!view.help_open),
                ("escape", _) if view.help_open => Action::ShowHelp(false),
                ("escape", _) if view.presenting => Action::Present(false),
                ("arrowright", false) if view.presenting && !uses_arrows(&e) => Action::StepAct(1),
                ("arrowleft", false) if view.presenting && !uses_arrows(&e) => Action::StepAct(-1),
                _ => return,
            };
            e.prevent_default();
            dispatcher.dispatch(action);
        });
        if let Some(w) = &window {
            let _ =
                w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = &window {
                let _ = w.remove_event_listener_with_callback(
                    "keydown",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
}

/// Whether a key event comes from a control that uses the arrow keys itself.
fn uses_arrows(e: &KeyboardEvent) -> bool {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(
                el.tag_name().to_lowercase().as_str(),
                "input" | "select" | "textarea" | "canvas"
            )
        })
}

/// Whether a key event comes from a box that takes text (any input but a slider, checkbox
/// or button; a textarea; editable content).
fn typing_in(e: &KeyboardEvent) -> bool {
    let Some(target) = e.target() else {
        return false;
    };
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return !matches!(
            input.type_().as_str(),
            "range" | "checkbox" | "radio" | "button" | "submit" | "reset" | "file"
        );
    }
    target.dyn_ref::<web_sys::HtmlElement>().is_some_and(|el| {
        el.tag_name().eq_ignore_ascii_case("textarea") || el.is_content_editable()
    })
}
