//! The page: pick a system, move a lever, read the headline figures and the chart.

use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlSelectElement};
use yew::prelude::*;

use super::chart;
use super::format;
use super::slider::LeverSlider;
use super::state::{Action, AppState};
use crate::data::systems;
use crate::model::{Lever, Metric, Projection};

/// The levers on the page, in order. The rest of the table joins in a later issue.
const SHOWN_LEVERS: &[Lever] = &[Lever::Recruitment];

/// April 2025, when every projection starts.
const START_YEAR: u32 = 2025;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let on_lever = {
        let state = state.clone();
        Callback::from(move |(lever, value)| state.dispatch(Action::SetLever(lever, value)))
    };
    let on_system = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            state.dispatch(Action::ChooseSystem(select.value()));
        })
    };

    let canvas = use_node_ref();
    let resizes = use_window_resizes();
    use_effect_with(
        (state.scenario.clone(), state.current_plans.clone(), resizes),
        {
            let canvas = canvas.clone();
            move |(scenario, current_plans, _): &(Rc<Projection>, Rc<Projection>, u32)| {
                if let Some(canvas) = canvas.cast::<HtmlCanvasElement>() {
                    let drawn = chart::draw_waiting_list(
                        &canvas,
                        &scenario.series(Metric::WaitingList),
                        &current_plans.series(Metric::WaitingList),
                    );
                    if let Err(e) = drawn {
                        web_sys::console::error_1(&format!("waiting-list chart: {e}").into());
                    }
                }
            }
        },
    );

    let name = format::system_name(&state.baseline.name);
    let end_year = START_YEAR + (state.scenario.months.len().saturating_sub(1) / 12) as u32;
    let list = Metric::WaitingList.of(state.scenario.last());
    let list_plans = Metric::WaitingList.of(state.current_plans.last());
    let within = Metric::Within18WeeksPct.of(state.scenario.last());
    let within_plans = Metric::Within18WeeksPct.of(state.current_plans.last());
    let points = |d: f64| format!("{d:.1} points");
    let chart_summary = format!(
        "Line chart of the waiting list in {name} from April {START_YEAR} to April {end_year}: \
         this scenario reaches {}, current plans {}.",
        format::patients(list),
        format::patients(list_plans)
    );

    html! {
        <div class="page">
            <header class="masthead">
                <div>
                    <h1>{ "ICS What-If" }</h1>
                    <p class="tagline">
                        { format!("Waiting list for planned hospital care in {name}, {START_YEAR} to {end_year}") }
                    </p>
                </div>
                <div class="system-picker">
                    <label for="system">{ "Area" }</label>
                    <select id="system" data-control="system" onchange={on_system}>
                        { for systems().iter().map(|s| html! {
                            <option value={s.code.clone()} selected={s.code == state.baseline.code}>
                                { format::system_name(&s.name) }
                            </option>
                        }) }
                    </select>
                </div>
            </header>
            <main class="layout">
                <section class="levers" aria-labelledby="levers-heading">
                    <h2 id="levers-heading">{ "Levers" }</h2>
                    { for SHOWN_LEVERS.iter().map(|&lever| html! {
                        <LeverSlider {lever} value={state.levers[lever]} on_change={on_lever.clone()} />
                    }) }
                </section>
                <section class="results" aria-label="Results">
                    <div class="headlines" aria-live="polite">
                        <div class="headline">
                            <span class="headline-label">{ format!("Waiting list, April {end_year}") }</span>
                            <span class="headline-value" data-metric="waiting_list">{ format::patients(list) }</span>
                            <span class="headline-change">
                                { format::versus_current_plans(list - list_plans, format::patients, "fewer", "more") }
                            </span>
                        </div>
                        <div class="headline">
                            <span class="headline-label">{ format!("Share waiting under 18 weeks, April {end_year}") }</span>
                            <span class="headline-value" data-metric="within_18_weeks_pct">{ format::pct(within) }</span>
                            <span class="headline-change">
                                { format::versus_current_plans(within - within_plans, points, "lower", "higher") }
                            </span>
                        </div>
                    </div>
                    <figure class="chart">
                        <figcaption>{ "Waiting list: this scenario against current plans" }</figcaption>
                        <canvas ref={canvas} data-chart="waiting_list" role="img" aria-label={chart_summary}></canvas>
                        <ul class="legend">
                            <li><span class="swatch swatch-scenario"></span>{ "This scenario" }</li>
                            <li><span class="swatch swatch-current-plans"></span>{ "Current plans (all levers at default)" }</li>
                        </ul>
                    </figure>
                </section>
            </main>
            <footer class="footnote">
                { "Model projections from public NHS data, not forecasts. Waiting list: incomplete referral-to-treatment pathways." }
            </footer>
        </div>
    }
}

/// Counts window resizes, so effects that size themselves to the page (the chart) rerun.
#[hook]
fn use_window_resizes() -> u32 {
    let resizes = use_reducer(|| Resizes(0));
    {
        let dispatcher = resizes.dispatcher();
        use_effect_with((), move |_| {
            let window = web_sys::window();
            let listener = Closure::<dyn Fn()>::new(move || dispatcher.dispatch(()));
            if let Some(w) = &window {
                let _ =
                    w.add_event_listener_with_callback("resize", listener.as_ref().unchecked_ref());
            }
            move || {
                if let Some(w) = &window {
                    let _ = w.remove_event_listener_with_callback(
                        "resize",
                        listener.as_ref().unchecked_ref(),
                    );
                }
            }
        });
    }
    resizes.0
}

struct Resizes(u32);

impl Reducible for Resizes {
    type Action = ();

    fn reduce(self: Rc<Self>, _: ()) -> Rc<Self> {
        Rc::new(Resizes(self.0.wrapping_add(1)))
    }
}
