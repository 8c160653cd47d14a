//! "What would it take" (issue 14.1): the goal-seeking panel. The planner sets a target in
//! plain words ("18-week share at least 92 % of the list by March 2029"), ticks the levers
//! the answer may move with the range each may take, and "Find it" runs the solver
//! `ics-whatif solve` uses (`model::goal`, through the app state's `SolveGoal`) and its Monte
//! Carlo chance. The answer reads in plain English, and "Apply to the scenario" sets it (one
//! step of undo) so every chart shows it. Also [`brief_section`], the board brief's short
//! account of a fresh answer.
//!
//! A three-lever search takes a few hundred milliseconds in the browser (README.goal.md), so
//! "Finding…" is painted first ([`after_paint`]) and the work starts a frame later: the page
//! never looks frozen without a word.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::format;
use super::state::{Action, AppState};
use crate::app_state::goal::{Goal, GoalKind, GoalResult};
use crate::model::goal::TargetMetric;
use crate::model::{Lever, Metric, Scenario};

/// The panel's id, for the views navigation's link.
pub const GOAL_ID: &str = "goal";

#[derive(Properties, PartialEq)]
pub struct GoalPanelProps {
    pub goal: Rc<Goal>,
    /// The page's chosen month (the target's month unless one is chosen here).
    pub month: u32,
    /// The horizon, months.
    pub horizon: u32,
    /// The working scenario (an answer found from another is out of date).
    pub scenario: Scenario,
    pub dispatch: UseReducerDispatcher<AppState>,
}

/// The goal-seeking panel.
#[function_component]
pub fn GoalPanel(props: &GoalPanelProps) -> Html {
    let finding = use_state(|| false);
    let took_ms = use_state(|| None::<f64>);
    let goal = &props.goal;
    let question = goal.question(props.month, props.horizon);
    let month = goal.month.unwrap_or(props.month);
    let dispatch = props.dispatch.clone();

    let on_kind = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            if let Some(kind) = GoalKind::from_key(&s.value()) {
                d.dispatch(Action::SetGoalKind(kind));
            }
        })
    };
    let on_threshold = {
        let d = dispatch.clone();
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::SetGoalThreshold(number(&i.value())));
        })
    };
    let on_month = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            d.dispatch(Action::SetGoalMonth(s.value().parse().ok()));
        })
    };
    let on_find = {
        let d = dispatch.clone();
        let finding = finding.clone();
        let took_ms = took_ms.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *finding {
                return;
            }
            finding.set(true);
            let (d, finding, took_ms) = (d.clone(), finding.clone(), took_ms.clone());
            after_paint(move || {
                let start = super::now_ms();
                d.dispatch(Action::SolveGoal(super::uncertainty::SEED));
                took_ms.set(start.zip(super::now_ms()).map(|(a, b)| b - a));
                finding.set(false);
            });
        })
    };

    // The 120 months' options (two formatted texts each) are made again only when the
    // horizon or the month changes, not on every slider move that redraws this panel.
    let month_options = use_memo((props.horizon, month), |&(horizon, month)| {
        html! {
            { for (1..=horizon).map(|m| html! {
                <option value={m.to_string()} selected={m == month}>{ super::brief::month_option(m as usize) }</option>
            }) }
        }
    });
    let fresh = goal
        .result
        .as_ref()
        .filter(|r| r.is_fresh(question.as_ref().ok(), &props.scenario));
    let status = if *finding {
        html! { <span class="goal-finding">{ "Finding\u{2026} (trying lever values in the model: a second or so)" }</span> }
    } else if let Some(e) = &goal.error {
        html! { <span class="goal-error" data-control="goal-error">{ e.clone() }</span> }
    } else {
        html! {}
    };

    html! {
        // Open while there is an answer or a message (the page is rebuilt after the brief).
        <details class="goal-panel" id={GOAL_ID} data-panel="goal"
            open={goal.result.is_some() || goal.error.is_some()}>
            <summary data-control="goal">{ "What would it take? Find the levers that meet a target" }</summary>
            <p class="goal-intro">
                { "Set a target and the levers you are willing to move, with how far each may go. \
                   “Find it” tries values of those levers in the model: the smallest change of one lever, \
                   or the cheapest mix of several, that meets the target in the central run (no uncertainty), \
                   then how often the Monte Carlo runs meet it. Other levers and the assumptions stay as they are." }
            </p>
            <form class="goal-form" onsubmit={on_find} data-control="goal-form">
                <fieldset class="goal-target">
                    <legend>{ "Target" }</legend>
                    <label class="visually-hidden" for="goal-kind">{ "What the target is" }</label>
                    <select id="goal-kind" data-control="goal-kind" onchange={on_kind}>
                        { for GoalKind::ALL.iter().map(|k| html! {
                            <option value={k.key()} selected={*k == goal.kind}>{ k.words() }</option>
                        }) }
                    </select>
                    <label class="visually-hidden" for="goal-threshold">{ format!("The target's number, {}", goal.kind.unit()) }</label>
                    <input id="goal-threshold" data-control="goal-threshold" type="number" step="any"
                        class="goal-number" value={shown(goal.threshold)} oninput={on_threshold}
                        title={kind_gloss(goal.kind)} />
                    <span class="goal-unit">{ goal.kind.unit() }</span>
                    <span class="goal-by">
                        <label for="goal-month">{ "by " }</label>
                        <select id="goal-month" data-control="goal-month" onchange={on_month}
                            title="The month the target is to be met by; it starts as the month the page reports">
                            { (*month_options).clone() }
                        </select>
                    </span>
                </fieldset>
                <fieldset class="goal-levers">
                    <legend>{ "Levers the answer may move, and how far" }</legend>
                    { for goal.levers.iter().map(|l| lever_row(l, &dispatch)) }
                </fieldset>
                <div class="goal-actions">
                    <button type="submit" data-control="goal-find" disabled={*finding}
                        title="Search the levers' values for the target (Enter in any box does the same)">{ "Find it" }</button>
                    if goal.result.is_some() || goal.error.is_some() {
                        <button type="button" data-control="goal-clear" onclick={
                            let d = dispatch.clone();
                            Callback::from(move |_| d.dispatch(Action::ClearGoal))
                        }>{ "Clear the answer" }</button>
                    }
                    <span role="status" aria-live="polite" data-control="goal-status">{ status }</span>
                </div>
            </form>
            if let Some(result) = goal.result.as_ref() {
                { result_view(result, fresh.is_some(), &props.scenario, *took_ms, &dispatch) }
            }
        </details>
    }
}

/// A number typed in a box: NaN when it is not one (so "Find it" can say so).
fn number(text: &str) -> f64 {
    text.trim().parse().unwrap_or(f64::NAN)
}

/// A number for a box: empty for NaN.
fn shown(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// What each target means, for its tooltip.
fn kind_gloss(kind: GoalKind) -> &'static str {
    match kind {
        GoalKind::Within18Weeks => "The share of the waiting list waiting under 18 weeks (the NHS standard is 92%)",
        GoalKind::Over52Weeks => "Patients waiting over a year, as a share of the whole waiting list",
        GoalKind::WaitingList => "Patients waiting for planned (elective) treatment",
        GoalKind::LeGapNarrowed => "How much less the gap in life expectancy between the most and least deprived fifths should be than at the start, in years",
    }
}

/// The figure a target is read from, as a heading: "18-week share".
fn figure_name(kind: GoalKind) -> &'static str {
    match kind {
        GoalKind::Within18Weeks => "18-week share",
        GoalKind::Over52Weeks => "52-week waiters as a share of the list",
        GoalKind::WaitingList => "Waiting list",
        GoalKind::LeGapNarrowed => "Life-expectancy gap",
    }
}

/// One lever: its box, and its range when ticked.
fn lever_row(l: &crate::app_state::goal::GoalLever, d: &UseReducerDispatcher<AppState>) -> Html {
    let spec = l.lever.spec();
    let id = format!("goal-use-{}", spec.key);
    let lever = l.lever;
    let on_tick = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            let i: HtmlInputElement = e.target_unchecked_into();
            d.dispatch(Action::ChooseGoalLever(lever, i.checked()));
        })
    };
    let on_end = |low: bool| {
        let d = d.clone();
        let (min, max) = (l.min, l.max);
        Callback::from(move |e: InputEvent| {
            let i: HtmlInputElement = e.target_unchecked_into();
            let v = number(&i.value());
            d.dispatch(if low {
                Action::SetGoalRange(lever, v, max)
            } else {
                Action::SetGoalRange(lever, min, v)
            });
        })
    };
    let unit = spec.unit.text();
    html! {
        <div class={classes!("goal-lever", l.chosen.then_some("chosen"))} data-goal-lever={spec.key}>
            <input type="checkbox" id={id.clone()} checked={l.chosen} onchange={on_tick} />
            <label for={id} title={spec.description}>{ spec.label }</label>
            if l.chosen {
                <span class="goal-range">
                    <label>{ "from " }
                        <input type="number" class="goal-number" data-goal-min={spec.key}
                            step={spec.step.to_string()} min={spec.min.to_string()} max={spec.max.to_string()}
                            value={shown(l.min)} oninput={on_end(true)}
                            aria-label={format!("{}: lowest value allowed, {unit}", spec.label)} />
                    </label>
                    <label>{ " to " }
                        <input type="number" class="goal-number" data-goal-max={spec.key}
                            step={spec.step.to_string()} min={spec.min.to_string()} max={spec.max.to_string()}
                            value={shown(l.max)} oninput={on_end(false)}
                            aria-label={format!("{}: highest value allowed, {unit}", spec.label)} />
                    </label>
                    <span class="goal-unit">{ unit }</span>
                </span>
            }
        </div>
    }
}

/// The target metric's value as the page writes it ("88.9%", "6.85m", "0.40 years
/// narrower").
pub fn metric_text(m: TargetMetric, v: f64) -> String {
    match m {
        TargetMetric::Run(Metric::WaitingList) => format!("{} patients", format::patients(v)),
        TargetMetric::LeGapChange => {
            let size = format::fixed(v.abs(), 2);
            if size == format::fixed(0.0, 2) {
                "no change in the gap".to_string()
            } else if v < 0.0 {
                format!("the gap {size} years narrower")
            } else {
                format!("the gap {size} years wider")
            }
        }
        TargetMetric::Run(Metric::Within18WeeksPct) | TargetMetric::Over52WeeksPct => {
            format::pct(v)
        }
        TargetMetric::Run(metric) => {
            format!("{} {}", format::fixed(v, 2), metric.spec().unit.text())
        }
    }
}

/// How far a value falls short of the target, in words ("3.1 points short").
fn shortfall_text(m: TargetMetric, threshold: f64, v: f64) -> String {
    let d = (threshold - v).abs();
    match m {
        TargetMetric::Run(Metric::WaitingList) => {
            format!("{} patients too many", format::patients(d))
        }
        TargetMetric::LeGapChange => format!("{} years short", format::fixed(d, 2)),
        _ => format!("{} points short", format::one_decimal(d)),
    }
}

/// The target in words: "18-week share at least 92% of the list by March 2029".
pub fn target_text(result: &GoalResult) -> String {
    let q = &result.question;
    let number = match q.kind {
        GoalKind::WaitingList => format::thousands(q.threshold),
        _ => format!("{}", q.threshold),
    };
    let gap = if q.kind.unit().starts_with('%') {
        ""
    } else {
        " "
    };
    format!(
        "{} {number}{gap}{} by {}",
        q.kind.words(),
        q.kind.unit(),
        format::month_name(q.month as usize)
    )
}

/// A lever's value with its unit: "3.6% more activity per staff member a year".
fn lever_value(lever: Lever, v: f64) -> String {
    let (n, rest) = format::lever_value_parts(lever.spec(), v);
    format!("{n}{rest}")
}

/// Money in £m: "£11,539m", "−£9,349m".
fn money(v: f64) -> String {
    let m = format::thousands(v.abs());
    if v < -0.5 {
        format!("\u{2212}£{m}m")
    } else {
        format!("£{m}m")
    }
}

/// The answer in one sentence: met, or the most the levers reach.
pub fn answer_text(result: &GoalResult) -> String {
    let sol = &result.solution;
    let m = sol.target.metric;
    let when = format::month_name(sol.month);
    let moved = sol.levers.iter().any(|l| l.value != l.start);
    if sol.met {
        // Fresh-eyes finding 8: "Met" alone only when at least half the runs meet it too.
        let head = crate::model::goal::headline(true, Some(&result.chance));
        if moved {
            format!(
                "{head}. {} in {when} in the central run, with {}.",
                metric_text(m, sol.value),
                if sol.levers.len() == 1 {
                    "the smallest change of the lever"
                } else {
                    "the cheapest mix of the levers found"
                }
            )
        } else {
            format!(
                "{head}. {} in {when} in the central run with the levers as they are: no change needed.",
                metric_text(m, sol.value)
            )
        }
    } else {
        let most = if sol.target.comparison.higher() {
            "the most"
        } else {
            "the best"
        };
        format!(
            "Not met: {most} {} reach by {when} is {}, {}.",
            if sol.levers.len() == 1 {
                "this lever can"
            } else {
                "these levers"
            },
            metric_text(m, sol.value),
            shortfall_text(m, sol.target.threshold, sol.value)
        )
    }
}

/// The chance in words: "met in 31 of 100 Monte Carlo runs".
/// A figure that misses the target as shown: itself, or, where it rounds to the target's
/// ("65.0%, not met" read as a contradiction), "just short of 65.0%".
pub fn short_of(shown: String, target: String) -> String {
    if shown == target {
        format!("just short of {target}")
    } else {
        shown
    }
}

pub fn chance_text(result: &GoalResult) -> String {
    format!(
        "met in {} of {} Monte Carlo runs",
        result.chance.met, result.chance.runs
    )
}

/// The answer: the sentence, the levers, the figure then, one step less, cost and chance,
/// and "Apply to the scenario".
fn result_view(
    result: &GoalResult,
    fresh: bool,
    scenario: &Scenario,
    took_ms: Option<f64>,
    d: &UseReducerDispatcher<AppState>,
) -> Html {
    let sol = &result.solution;
    let m = sol.target.metric;
    let when = format::month_name(sol.month);
    let applied = result.is_applied(scenario);
    let c = &sol.cost;
    let likely = 2 * result.chance.met >= result.chance.runs;
    let why = crate::model::goal::why_runs_fall_short(&sol.target, sol.value, &result.chance);
    let on_apply = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::ApplyGoal))
    };
    html! {
        <div class={classes!("goal-result", (!fresh).then_some("stale"))} data-control="goal-result"
            data-met={sol.met.to_string()} data-fresh={fresh.to_string()}
            data-solve-ms={took_ms.map(|t| format!("{t:.0}"))}>
            if !fresh {
                <p class="goal-stale" data-control="goal-stale">
                    { "Out of date: the levers, the month or the question have changed since this was found. Press “Find it” again." }
                </p>
            }
            <p class="goal-question">{ format!("Target: {}.", target_text(result)) }</p>
            <p class={classes!("goal-answer", match (sol.met, likely) { (true, true) => "met", (true, false) => "met-unlikely", _ => "not-met" })} data-control="goal-answer">
                { answer_text(result) }
            </p>
            <ul class="goal-values" data-control="goal-values">
                { for sol.levers.iter().map(|l| {
                    let spec = l.lever.spec();
                    let end = if l.value == l.start {
                        ""
                    } else if l.value == l.max && l.min != l.max {
                        " \u{2014} the top of its allowed range"
                    } else if l.value == l.min && l.min != l.max {
                        " \u{2014} the bottom of its allowed range"
                    } else {
                        ""
                    };
                    html! {
                        <li data-goal-value={spec.key} data-value={l.value.to_string()}>
                            <strong>{ format!("{}: ", spec.label) }</strong>
                            { lever_value(l.lever, l.value) }
                            <span class="goal-edge">{ end }</span>
                            if let Some((named, name)) = crate::model::goal::beyond_named(l.lever, l.start, l.value) {
                                <span class="goal-beyond" data-goal-beyond={spec.key}>
                                    { format!(" \u{2014} beyond any figure its sources name (the slider's \u{201C}{name}\u{201D}: {})", format::lever_number(spec, named)) }
                                </span>
                            }
                            <span class="goal-was">{ format!(" ({}allowed {} to {})",
                                if l.value == l.start { "unchanged; ".to_string() } else { format!("was {}; ", format::lever_number(spec, l.start)) },
                                format::lever_number(spec, l.min), format::lever_number(spec, l.max)) }</span>
                        </li>
                    }
                }) }
            </ul>
            <p data-control="goal-figure">
                { format!("{} in {when}: {} (with the levers as they were: {}).",
                    figure_name(result.question.kind),
                    metric_text(m, sol.value), metric_text(m, sol.start_value)) }
            </p>
            if !sol.step_backs.is_empty() {
                <ul class="goal-steps" data-control="goal-steps"
                    title="Each lever moved one step of its slider back towards where it was, the others as found: why the answer is no smaller">
                    { for sol.step_backs.iter().map(|b| html! {
                        <li>{ format!("One step less, {} at {}: {}, {}.", b.lever.spec().label,
                            format::lever_number(b.lever.spec(), b.value),
                            if b.met { metric_text(m, b.metric_value) } else { short_of(metric_text(m, b.metric_value), metric_text(m, sol.target.threshold)) },
                            if !b.met { "not met".to_string() }
                            else if b.cost_gbp_m > c.total_gbp_m { format!("also met, but costs more ({} to {when})", money(b.cost_gbp_m)) }
                            else { "also met".to_string() }) }</li>
                    }) }
                </ul>
            }
            <p data-control="goal-cost" title="Money against current plans at 2025/26 prices, to the target month: what the levers cost (paid by the NHS or local government), plus any extra allocation from faster funding growth">
                { format!("Cost to {when}: {} against current plans ({}). NHS surplus (+) or deficit (\u{2212}) since the start, {when}: {} (with the levers as they were: {}).",
                    money(c.total_gbp_m), crate::model::finance::PRICE_BASE, money(c.balance_gbp_m), money(sol.start_cost.balance_gbp_m)) }
            </p>
            <p data-control="goal-chance" title="The Monte Carlo runs draw the uncertain assumptions (such as how much of a productivity gain is delivered) from their likely ranges; met in the central run is not met in every future">
                { format!("Chance: {} (seed {}); {} in {when}: 80% range {} to {} (8 in 10 runs fall between).",
                    chance_text(result), result.chance.seed, figure_name(result.question.kind).to_ascii_lowercase(), metric_text(m, result.chance.p10), metric_text(m, result.chance.p90)) }
                if let Some(why) = why { { format!(" {why}") } }
            </p>
            if let Some(command) = crate::scenario::goal::solve_command(&result.from, sol, &result.chance) {
                <p class="goal-cli" data-control="goal-cli">
                    { "The same answer from the command line: " }<code>{ command }</code>
                </p>
            }
            <div class="goal-actions">
                <button type="button" data-control="goal-apply" onclick={on_apply} disabled={!fresh || applied}
                    title="Set these lever values on the scenario, so every chart shows the answer (Undo puts them back)">
                    { "Apply to the scenario" }
                </button>
                if applied {
                    <span class="goal-applied" data-control="goal-applied">{ "Applied: the charts show this answer. Undo puts the levers back." }</span>
                }
                if let Some(t) = took_ms {
                    <span class="goal-took">{ format!("Found in {:.1} s ({} runs of the model, {} Monte Carlo runs).", t / 1000.0, sol.runs, result.chance.runs) }</span>
                }
            </div>
        </div>
    }
}

/// The board brief's "What would it take" section (a fresh answer only).
pub fn brief_section(result: &GoalResult) -> Html {
    let sol = &result.solution;
    let when = format::month_name(sol.month);
    let levers = sol
        .levers
        .iter()
        .map(|l| {
            format!(
                "{} {}",
                l.lever.spec().label.to_ascii_lowercase(),
                lever_value(l.lever, l.value)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    html! {
        <section class="brief-section brief-goal" data-control="brief-goal">
            <h2>{ "What would it take" }</h2>
            <p>{ format!("Target: {}. {} Levers: {levers}.", target_text(result), answer_text(result)) }</p>
            <p>{ format!("Chance: {} (seed {}). Cost to {when}: {} against current plans ({}); NHS surplus (+) or deficit (\u{2212}) by then: {}.",
                chance_text(result), result.chance.seed, money(sol.cost.total_gbp_m), crate::model::finance::PRICE_BASE, money(sol.cost.balance_gbp_m)) }</p>
        </section>
    }
}

/// Runs `f` after the browser has painted what is on the page now: the next animation frame
/// (before its paint), then a task after it.
fn after_paint(f: impl FnOnce() + 'static) {
    use wasm_bindgen::JsCast;
    let Some(window) = web_sys::window() else {
        return;
    };
    let next = wasm_bindgen::closure::Closure::once_into_js(move || super::later(0, f));
    let _ = window.request_animation_frame(next.unchecked_ref());
}
