//! The page: the masthead and area picker, the toolbar, the results (headline figures,
//! charts, scoreboard, comparisons, track record) and the lever panel. Each part is a
//! component in a file of its own (`toolbar.rs`, `system_picker.rs`, `lever_panel.rs`, ...);
//! this one lays them out and hands them the state.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::about::About;
use super::acts_panel::{ActsPanel, WorkshopButtons};
use super::chart_panel::ChartPanel;
use super::charts::CHARTS;
use super::compare::Compare;
use super::format;
use super::headlines::Headlines;
use super::help::Help;
use super::lever_panel::LeverPanel;
use super::notices::Notices;
use super::persist;
use super::projector::Projector;
use super::scoreboard::Scoreboard;
use super::shortcuts::use_shortcuts;
use super::state::{Action, AppState};
use super::system_picker::SystemPicker;
use super::timing;
use super::toolbar::Toolbar;
use super::tornado::{CutNotes, TornadoPanel};
use super::track_record::TrackRecord;
use super::uncertainty::{use_monte_carlo, RUNS};
use super::waterfall::Waterfall;
use super::why_moved::WhyMoved;
use crate::scenario::workshop::PARTNERS;
// Places and All systems (issue 13.4-5)
use super::all_systems::AllSystems;
use super::places_view::{PlacesView, ViewsNav};

#[function_component]
pub fn App() -> Html {
    // The first state comes from the link or autosave (and says what it could not apply).
    let state = use_reducer(persist::load);
    {
        // After every change to the scenario or the pins, mirror it into the URL and local
        // storage. Keyed on the scenario and the pin files, so choosing a year writes nothing.
        let state = state.clone();
        let pins: Vec<_> = state.document.pins.iter().map(|p| p.file.clone()).collect();
        // The chosen month is in the link too (issue 14.5).
        use_effect_with((state.scenario_spec(), pins, state.view.month), move |_| {
            persist::sync(&state)
        });
    }
    {
        // The "What would it take" question is in the link and autosave too (issue 14.1,
        // sixth session): written when it changes.
        let state = state.clone();
        use_effect_with(state.goal_kept(), move |_| persist::sync(&state));
    }
    // Pending writes go out at once when the page is hidden or left.
    use_effect_with((), |_| persist::flush_on_leave());
    use_shortcuts(state.dispatcher(), state.view.workshop.clone());
    // The workshop's settings (acts, year, an open prediction) are kept as they change, so a
    // reload keeps them (issue 15.2); the file to save is the same, with the scenario.
    let workshop_file = Rc::new(state.workshop_file());
    use_effect_with(
        crate::scenario::workshop::WorkshopFile {
            working: None,
            ..(*workshop_file).clone()
        },
        persist::save_workshop,
    );
    let scenario_spec = state.scenario_spec();
    let fans = use_monte_carlo(state.runs.baseline.clone(), scenario_spec.clone());
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
    // A partner chosen in the partners' proposals panel is the act's partner (issue 15.3).
    let on_partner = {
        let state = state.clone();
        Callback::from(move |(i, partner): (usize, Option<usize>)| {
            let setup = state.view.workshop.setup(i);
            state.dispatch(Action::SetAct(
                i,
                crate::scenario::workshop::ActSetup {
                    partner: partner.and_then(|p| PARTNERS.get(p)).map(|p| p.to_string()),
                    ..setup
                },
            ));
        })
    };
    // Made once (the dispatcher never changes), so the places picker's props stay equal
    // while a slider moves and it is not rebuilt.
    let on_aim = {
        let dispatch = state.dispatcher();
        use_memo((), move |_| {
            Callback::from(move |aims| dispatch.dispatch(Action::AimAtPlaces(Box::new(aims))))
        })
    };
    let name = format::system_name(&state.runs.baseline.name).to_string();
    // The area's published months, drawn as dots before month 0 on the charts of published
    // figures; looked up again only when the area changes.
    let published = use_memo(state.runs.baseline.code.clone(), |code| {
        crate::model::track_record::published_history(code).unwrap_or_default()
    });
    let horizon = state.horizon_years();
    // The chosen month (issue 14.5): any month of the horizon; a whole year for the tornado.
    let month = (state.view.month as usize).min(horizon as usize * 12);
    let year = (month.div_ceil(12) as u32).clamp(1, horizon.max(1));
    let today = super::brief::today_months();
    let workshop = state.view.workshop.clone();
    let hidden = workshop.hide_scenario;
    // Room4: a pin of an act that opens hidden and has not been revealed is hidden wherever
    // the open act's is (charts, legend, readouts, table, proposals, brief).
    // Room5: every pin goes with its flag, so each keeps its own colour while another hides.
    let pin_hidden: Vec<bool> = (0..state.document.pins.len())
        .map(|i| workshop.pin_hidden(i))
        .collect();
    let hidden_pins = Rc::new(pin_hidden.clone());
    // What an exported chart says it shows: area, levers moved, assumptions, years.
    // Issue 14.6: the one description every export carries (ExportInfo).
    // Made again only when what it describes changes (not on a redraw that changes none of
    // it, such as a Monte Carlo chunk's).
    let exports = {
        let state = state.clone();
        let runs = fan.as_ref().map(|f| (f.runs, f.seed));
        use_memo(
            (
                scenario_spec.clone(),
                name.clone(),
                state.view.month,
                state.document.pins.clone(),
                runs,
            ),
            move |(_, name, _, _, runs)| {
                let info = super::brief::export_info(&state, name, *runs);
                let settings = Rc::new(info.caption_lines(95));
                let header = info.csv_comments();
                (Rc::new(info), settings, header)
            },
        )
    };
    let (export_about, export_settings, export_header) =
        (exports.0.clone(), exports.1.clone(), exports.2.clone());
    // The board brief (issue 14.3): open or not, and its question as the user wrote it.
    let brief_open = use_state(|| false);
    let brief_title = use_state(|| None::<String>);
    // Room4: the brief would give a hidden scenario's answer away.
    if *brief_open && hidden {
        return html! {
            <div class="page page-brief">
                <p class="hidden-note" data-control="brief-hidden">
                    { "The board brief is hidden until the scenario is revealed: press R or Reveal, then open it again. " }
                    <button type="button" data-control="brief-close"
                        onclick={let o = brief_open.clone(); Callback::from(move |_| o.set(false))}>{ "Back to the model" }</button>
                </p>
            </div>
        };
    }
    if *brief_open {
        let title = (*brief_title)
            .clone()
            .unwrap_or_else(|| super::brief::default_title(&name, &scenario_spec, month));
        return html! {
            <div class="page page-brief">
                <super::brief::Brief area={name.clone()} baseline={state.runs.baseline.clone()} spec={scenario_spec.clone()}
                    scenario={state.runs.scenario.clone()} current_plans={state.runs.current_plans.clone()}
                    pins={state.document.pins.clone()} hidden_pins={hidden_pins.clone()} {month} fan={fan.clone()} full_runs={RUNS}
                    link={persist::link_with_goal(&scenario_spec, Some(month as u32), state.goal_kept().as_ref())}
                    estimates={state.runs.baseline.estimates.len()}
                    waits_basis={state.runs.baseline.waits_basis.to_string()}
                    {title}
                    goal={state.fresh_goal()}
                    on_title={let t = brief_title.clone(); Callback::from(move |v: String| t.set(Some(v)))}
                    on_close={let o = brief_open.clone(); Callback::from(move |_| o.set(false))} />
            </div>
        };
    }

    html! {
        <div class={classes!("page", workshop.presenting.then_some("presenting"))}>
            // Keyboard users: the first Tab stop jumps past the toolbar and charts to the levers.
            <button type="button" class="skip-link" data-control="skip-to-levers"
                onclick={Callback::from(|_| skip_to_levers())}>
                { "Skip to the levers" }
            </button>
            <header class="masthead">
                <div>
                    <h1>{ "ICS What-If" }</h1>
                    <p class="tagline">
                        { format!("What could change for {name}, {} to {}", format::month_name(0), format::month_name(horizon as usize * 12)) }
                    </p>
                </div>
                <SystemPicker code={state.runs.baseline.code.clone()} on_choose={
                    let state = state.clone();
                    Callback::from(move |code| state.dispatch(Action::ChooseSystem(code)))
                } />
            </header>
            <details class="estimates-note" data-control="estimates">
                <summary>{ format!("{} starting figures for {name} are estimates, not published figures", state.runs.baseline.estimates.len()) }</summary>
                <ul>
                    { for state.runs.baseline.estimates.iter().map(|e| html! { <li>{ *e }</li> }) }
                </ul>
                <p data-control="waits-basis">
                    { format!("Published, not estimated: the waiting list, the share within 18 weeks and 52-week waiters in {}, from {}.",
                        format::month_name(0), state.runs.baseline.waits_basis) }
                </p>
            </details>
            <Notices notices={state.view.notices.clone()} on_dismiss={
                let state = state.clone();
                Callback::from(move |_| state.dispatch(Action::DismissNotices))
            } />
            /* Beyond the record (fresh-eyes finding 16, money helper) */
            <super::notices::BeyondRecord baseline={state.runs.baseline.clone()}
                projection={state.runs.scenario.clone()} />
            if workshop.presenting {
                <Projector workshop={workshop.clone()} pins={state.document.pins.clone()}
                    scenario={state.runs.scenario.clone()} current_plans={state.runs.current_plans.clone()}
                    fans={fan.clone()} axis_fans={axis_fan.clone()} month={month as u32}
                    assumptions_modified={state.assumptions_modified()} published={published.clone()}
                    settings={export_settings.clone()} dispatch={state.dispatcher()} />
            }
            if workshop.help_open {
                <Help dispatch={state.dispatcher()} />
            }
            <Toolbar spec={scenario_spec.clone()} dispatch={state.dispatcher()}
                projection={state.runs.scenario.clone()}
                can_undo={state.history.can_undo()} can_redo={state.history.can_redo()}
                at_current_plans={state.is_current_plans()}
                pins={state.document.pins.len()} workshop={workshop.clone()}
                month={Some(month as u32)} {export_header}
                export_about={Some(export_about)}
                goal={state.goal_kept()}
                withheld={hidden || state.document.pins.iter().zip(&pin_hidden)
                    .any(|(p, &h)| h && p.file.scenario == scenario_spec)}
                on_brief={let o = brief_open.clone(); Callback::from(move |_| o.set(true))}>
                <WorkshopButtons file={workshop_file.clone()} dispatch={state.dispatcher()} />
            </Toolbar>
            // Places and All systems (issue 13.4-5): links to their panels.
            <ViewsNav />
            <main class="layout">
                <section class="results" aria-label="Results">
                    <div class="results-bar">
                        <label for="year">{ "Figures for" }</label>
                        // Room, fifth session (issue 15): a short label the menu shows whole
                        // (the option's text, with the target, stays for the list and tests);
                        // the chosen month's target beside it and in the tooltip.
                        <MonthSelect {month} months={horizon as usize * 12} dispatch={state.dispatcher()} />
                        if let Some(target) = super::toolbar::month_target(month) {
                            <span class="month-target" data-control="month-target">{ format!("Target: {target}") }</span>
                        }
                        <span class="month-print">{ format::month_name(month) }</span>
                        <span class="mc-status" data-control="mc-status">
                            { if runs_done >= RUNS {
                                format!("Uncertainty: all {RUNS} runs done")
                            } else {
                                format!("Uncertainty: {runs_done} of {RUNS} runs")
                            } }
                        </span>
                    </div>
                    <CutNotes assumptions={scenario_spec.assumptions} />
                    <Headlines scenario={state.runs.scenario.clone()} current_plans={state.runs.current_plans.clone()}
                        {month} {hidden} fan={fan.clone()} />
                    // One line, so that at 1280x720 the first chart shows above the fold; the
                    // whole explanation is the note's tooltip.
                    <p class="headlines-note" data-control="money-note"
                        title={format!("Money in {}. Surplus or deficit: the NHS's income (with any extra funding) less its spending. \
                                   Extra spending: what the levers cost against current plans, paid by the NHS or local government; \
                                   a cost, not better or worse.", crate::model::finance::PRICE_BASE)}>
                        { format!("Money in {}. Extra spending is what the levers cost: not better or worse.", crate::model::finance::PRICE_BASE) }
                    </p>
                    <div class="charts">
                        { for (0..CHARTS.len()).map(|i| html! {
                            <ChartPanel
                                chart={i}
                                scenario={state.runs.scenario.clone()}
                                current_plans={state.runs.current_plans.clone()}
                                fans={fan.clone()}
                                axis_fans={axis_fan.clone()}
                                show_quintiles={state.view.show_quintiles}
                                assumptions_modified={state.assumptions_modified()}
                                pins={state.document.pins.clone()}
                                hidden_pins={hidden_pins.clone()}
                                hide_scenario={hidden}
                                thick={false}
                                on_show_quintiles={on_show_quintiles.clone()}
                                settings={export_settings.clone()}
                                published={published.clone()}
                                month={Some(month)}
                                {today}
                            />
                        }) }
                    </div>
                    // Goal seeking, "what would it take" (issue 14.1): under the charts an answer
                    // moves, so that at 1280x720 the first chart shows above the fold; the views
                    // navigation opens it and scrolls to it.
                    <super::goal_panel::GoalPanel goal={state.view.goal.clone()} month={month as u32}
                        horizon={horizon * 12} scenario={scenario_spec.clone()} dispatch={state.dispatcher()} />
                    // Its central figure is the scenario's: hidden until revealed, as the headlines are.
                    if !hidden {
                        <TornadoPanel baseline={state.runs.baseline.clone()} scenario={scenario_spec.clone()} {year} />
                    }
                    if hidden {
                        <p class="hidden-note" data-control="hidden-note">
                            { "The four purposes are hidden until the scenario is revealed." }
                        </p>
                    } else {
                        <Scoreboard
                            scenario={state.runs.scenario.clone()}
                            current_plans={state.runs.current_plans.clone()}
                            {month}
                        />
                        <WhyMoved
                            scenario={state.runs.scenario.clone()}
                            current_plans={state.runs.current_plans.clone()}
                            {month}
                        />
                    }
                    <Compare pins={state.document.pins.clone()} current_plans={state.runs.current_plans.clone()}
                        is_working={state.document.pins.iter().map(|p| p.file.scenario == scenario_spec).collect::<Vec<_>>()}
                        {month} dispatch={state.dispatcher()} area={name.clone()} hide_working={hidden}
                        hidden={pin_hidden.clone()} />
                    <ActsPanel workshop={workshop.clone()} pins={state.document.pins.clone()} dispatch={state.dispatcher()}
                        file={Some(workshop_file.clone())} {month}
                        figure={(!hidden && workshop.act.is_some()).then(|| {
                            let months = &state.runs.scenario.months;
                            workshop.open_setup().headline.of(&months[month.min(months.len() - 1)])
                        })} />
                    // Its contributions are the pins' outcomes: hidden with an act opened hidden.
                    if !hidden && !pin_hidden.contains(&true) {
                        <Waterfall pins={state.document.pins.clone()} baseline={state.runs.baseline.clone()}
                            scenario={state.scenario_spec()} {month}
                            partners={partner_indices(&workshop)} on_partner={on_partner} />
                    }
                    <TrackRecord code={state.runs.baseline.code.clone()} name={name.clone()} />
                    // Places and All systems (issue 13.4-5)
                    <PlacesView baseline={state.runs.baseline.clone()} scenario={scenario_spec.clone()}
                        projection={state.runs.scenario.clone()} current_plans={state.runs.current_plans.clone()}
                        month={month as u32} {hidden} settings={export_settings.clone()} on_choose={
                            let state = state.clone();
                            Callback::from(move |code| state.dispatch(Action::ChooseSystem(code)))
                        } on_aim={(*on_aim).clone()} />
                    <AllSystems scenario={scenario_spec.clone()} code={state.runs.baseline.code.clone()} {year} {hidden}
                        on_choose={
                            let state = state.clone();
                            Callback::from(move |code| state.dispatch(Action::ChooseSystem(code)))
                        } />
                </section>
                <LeverPanel levers={state.document.scenario.levers} assumptions={state.document.scenario.assumptions}
                    dispatch={state.dispatcher()}
                    phasing={state.document.scenario.phasing} years={state.horizon_years()}
                    places={state.document.scenario.places.clone()}
                    system={state.document.scenario.system.clone()}
                    today={today.map(|t| t.floor().max(0.0) as u32)} />
                // Phone layout (issue 15.4): the levers one tap away.
                <super::phone::PhoneLevers />
            </main>
            <About />
            <footer class="footnote">
                { "A model, not a forecast. Built from public data: NHS England, ONS, NHS Digital, FACTS." }
            </footer>
        </div>
    }
}

/// Each pin's partner as an index into [`PARTNERS`], for the partners' proposals panel.
fn partner_indices(workshop: &super::state::Workshop) -> [Option<usize>; 4] {
    let mut out = [None; 4];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = workshop
            .setup(i)
            .partner
            .and_then(|p| PARTNERS.iter().position(|k| *k == p));
    }
    out
}

/* Skip link (keyboard access) */
/// Moves keyboard focus to the levers' heading (then Tab reaches the first lever).
fn skip_to_levers() {
    use wasm_bindgen::JsCast;
    let heading = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("levers-heading"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(h) = heading {
        let _ = h.focus();
        h.scroll_into_view();
    }
}

#[derive(Properties, PartialEq)]
struct MonthSelectProps {
    /// The chosen month, months from month 0.
    month: usize,
    /// The months offered: 1 to `months`.
    months: usize,
    dispatch: UseReducerDispatcher<AppState>,
}

/// The "Figures for" menu: a month of the horizon. A component of its own so that a slider
/// move, which changes neither prop, does not rebuild its 120 options (two formatted texts
/// each) on the way to the page.
#[function_component]
fn MonthSelect(props: &MonthSelectProps) -> Html {
    let month = props.month;
    let onchange = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(month) = select.value().parse() {
                dispatch.dispatch(Action::ChooseMonth(month));
            }
        })
    };
    // Room, fifth session (issue 15): a short label the menu shows whole (the option's text,
    // with the target, stays for the list and tests); the chosen month's target beside it
    // and in the tooltip.
    html! {
        <select id="year" data-control="year" {onchange}
            title={format!("{}: the month the figures, tables, readouts, exports and the board brief report", super::brief::month_option(month))}>
            { for (1..=props.months).map(|m| html! {
                <option value={m.to_string()} selected={m == month}
                    label={super::toolbar::month_label(m)}>
                    { super::brief::month_option(m) }
                </option>
            }) }
        </select>
    }
}
