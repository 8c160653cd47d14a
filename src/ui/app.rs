//! The page: the masthead and area picker, the toolbar, the results (headline figures,
//! charts, scoreboard, comparisons, track record) and the lever panel. Each part is a
//! component in a file of its own (`toolbar.rs`, `system_picker.rs`, `lever_panel.rs`, ...);
//! this one lays them out and hands them the state.

use std::rc::Rc;

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::about::About;
use super::chart_panel::ChartPanel;
use super::charts::CHARTS;
use super::compare::Compare;
use super::format;
use super::headlines::Headlines;
use super::help::Help;
use super::lever_panel::LeverPanel;
use super::notices::Notices;
use super::persist;
use super::presenter_bar::PresenterBar;
use super::scoreboard::Scoreboard;
use super::shortcuts::use_shortcuts;
use super::state::Action;
use super::system_picker::SystemPicker;
use super::timing;
use super::toolbar::Toolbar;
use super::tornado::{CutNotes, TornadoPanel};
use super::track_record::TrackRecord;
use super::uncertainty::{use_monte_carlo, RUNS};
use super::waterfall::Waterfall;
use super::why_moved::WhyMoved;
use crate::scenario::auto_name;
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
        use_effect_with((state.scenario_spec(), pins), move |_| {
            persist::sync(&state)
        });
    }
    // Pending writes go out at once when the page is hidden or left.
    use_effect_with((), |_| persist::flush_on_leave());
    use_shortcuts(state.dispatcher(), state.view.workshop);
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
    let on_year = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Ok(year) = select.value().parse() {
                state.dispatch(Action::ChooseYear(year));
            }
        })
    };

    let name = format::system_name(&state.runs.baseline.name).to_string();
    // The area's published months, drawn as dots before month 0 on the charts of published
    // figures; looked up again only when the area changes.
    let published = use_memo(state.runs.baseline.code.clone(), |code| {
        crate::model::track_record::published_history(code).unwrap_or_default()
    });
    let horizon = state.horizon_years();
    let year = state.view.year.min(horizon);
    let month = year as usize * 12;
    let workshop = state.view.workshop;
    let hidden = workshop.hide_scenario;
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
        <div class={classes!("page", workshop.presenting.then_some("presenting"))}>
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
            if workshop.presenting {
                <PresenterBar {workshop} pins={state.document.pins.clone()} dispatch={state.dispatcher()} />
            }
            if workshop.help_open {
                <Help dispatch={state.dispatcher()} />
            }
            <Toolbar spec={scenario_spec.clone()} dispatch={state.dispatcher()}
                projection={state.runs.scenario.clone()}
                can_undo={state.history.can_undo()} can_redo={state.history.can_redo()}
                at_current_plans={state.is_current_plans()}
                pins={state.document.pins.len()} {workshop} />
            // Places and All systems (issue 13.4-5): links to their panels.
            <ViewsNav />
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
                    <Headlines scenario={state.runs.scenario.clone()} current_plans={state.runs.current_plans.clone()}
                        {month} {hidden} />
                    <p class="headlines-note" data-control="money-note">
                        { format!("Money in {}. Surplus or deficit: the NHS's income (with any extra funding) less its spending. \
                                   Extra spending: what the levers cost against current plans, paid by the NHS or local government; \
                                   a cost, not better or worse.", crate::model::finance::PRICE_BASE) }
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
                                hide_scenario={hidden}
                                thick={workshop.presenting}
                                on_show_quintiles={on_show_quintiles.clone()}
                                settings={export_settings.clone()}
                                published={published.clone()}
                            />
                        }) }
                    </div>
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
                            {year}
                        />
                        <WhyMoved
                            scenario={state.runs.scenario.clone()}
                            current_plans={state.runs.current_plans.clone()}
                            {year}
                        />
                    }
                    <Compare pins={state.document.pins.clone()} current_plans={state.runs.current_plans.clone()}
                        is_working={state.document.pins.iter().map(|p| p.file.scenario == scenario_spec).collect::<Vec<_>>()}
                        {year} dispatch={state.dispatcher()} />
                    <Waterfall pins={state.document.pins.clone()} baseline={state.runs.baseline.clone()}
                        scenario={state.scenario_spec()} {year} />
                    <TrackRecord code={state.runs.baseline.code.clone()} name={name.clone()} />
                    // Places and All systems (issue 13.4-5)
                    <PlacesView baseline={state.runs.baseline.clone()} scenario={scenario_spec.clone()}
                        projection={state.runs.scenario.clone()} current_plans={state.runs.current_plans.clone()}
                        {year} {hidden} settings={export_settings.clone()} on_choose={
                            let state = state.clone();
                            Callback::from(move |code| state.dispatch(Action::ChooseSystem(code)))
                        } />
                    <AllSystems scenario={scenario_spec.clone()} code={state.runs.baseline.code.clone()} {year} {hidden}
                        on_choose={
                            let state = state.clone();
                            Callback::from(move |code| state.dispatch(Action::ChooseSystem(code)))
                        } />
                </section>
                <LeverPanel levers={state.document.scenario.levers} assumptions={state.document.scenario.assumptions}
                    dispatch={state.dispatcher()} />
            </main>
            <About />
            <footer class="footnote">
                { "A model, not a forecast. Built from public data: NHS England, ONS, NHS Digital, FACTS." }
            </footer>
        </div>
    }
}
