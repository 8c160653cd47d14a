//! Pinned scenarios side by side: each pin's name (editable, wrapping rather than cut),
//! area, every lever that any pin moves, whether its assumptions differ, the board's figures
//! (list, 18-week share, 52-week waiters, extra spending, life-expectancy gap) and the four
//! purposes at the chosen month; downloadable as CSV with what it shows at its top.
//! A setting that differs from current plans is marked with a symbol and bold type and said
//! in words to screen readers, not shown by colour alone.

use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use super::format;
use super::state::{Action, AppState, Pin};
use crate::data;
use crate::model::projection::{Unit, Verdict};
use crate::model::scoreboard::{scoreboard, ScoreLine};
use crate::model::{AssumptionValues, Lever, Metric, Projection};

/// The pins' line styles, in pin order: Okabe-Ito colours not used for the scenario, current
/// plans or targets, each with its own dash pattern (CSS `.swatch-pin-N` draws the same).
pub const PIN_STYLES: [PinStyle; 4] = [
    PinStyle {
        colour: (0xE6, 0x9F, 0x00), // orange, dotted
        dash: Some((3.0, 5.0)),
    },
    PinStyle {
        colour: (0xCC, 0x79, 0xA7), // reddish purple, long dashes
        dash: Some((14.0, 5.0)),
    },
    PinStyle {
        colour: (0x00, 0x9E, 0x73), // bluish green, short dashes
        dash: Some((7.0, 3.0)),
    },
    PinStyle {
        colour: (0x56, 0xB4, 0xE9), // sky blue, thin solid
        dash: None,
    },
];

/// How one pin's line is drawn: its colour and its dash (on, off) in CSS pixels, or solid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PinStyle {
    pub colour: (u8, u8, u8),
    pub dash: Option<(f64, f64)>,
}

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub pins: Rc<Vec<Pin>>,
    pub current_plans: Rc<Projection>,
    /// For each pin, whether it is the scenario being worked on (nothing to update it with).
    pub is_working: Vec<bool>,
    /// The chosen month: months from month 0 (the last published month).
    pub month: usize,
    pub dispatch: UseReducerDispatcher<AppState>,
    /// Predict, then reveal (issue 15.2): the figures of the pins that are the working
    /// scenario are hidden with it.
    #[prop_or_default]
    pub hide_working: bool,
    /// The area's name, for the CSV's description.
    #[prop_or_default]
    pub area: String,
    /// Room4: for each pin, whether its figures are hidden (an act that opens hidden and
    /// has not been revealed: `Workshop::pin_hidden`).
    #[prop_or_default]
    pub hidden: Vec<bool>,
}

/// The figures a board asks for first, at the chosen month (issue 14.4).
pub const BOARD_FIGURES: [(Metric, &str); 5] = [
    (Metric::WaitingList, "Waiting list"),
    (Metric::Within18WeeksPct, "Waiting under 18 weeks"),
    (Metric::Over52Weeks, "Waiting over a year (52 weeks)"),
    (
        Metric::CumulativeCostGbpM,
        "Extra spending since the start (NHS and local government)",
    ),
    (Metric::LifeExpectancyGap, "Life-expectancy gap"),
];

/// A figure of projection `p` at `month` (clamped to its horizon).
pub fn at(p: &Projection, metric: Metric, month: usize) -> f64 {
    metric.of(&p.months[month.min(p.months.len() - 1)])
}

/// A board figure as it reads, and its verdict against `plans` in words (empty when the
/// same; "(cost)" for money, which is not judged).
pub fn board_reading(metric: Metric, v: f64, plans: f64) -> (String, &'static str) {
    let measure = format::Measure::of(metric.unit());
    let same = measure.show_difference(v - plans) == measure.show_difference(0.0);
    let verdict = match metric.spec().verdict(v, plans, same) {
        Verdict::Same => "",
        Verdict::More | Verdict::Less => " (cost)",
        Verdict::Better => " \u{25B2} better",
        Verdict::Worse => " \u{25BC} worse",
    };
    (measure.show(v), verdict)
}

#[function_component]
pub fn Compare(props: &CompareProps) -> Html {
    if props.pins.is_empty() {
        return html! {};
    }
    let pins = &props.pins;
    let month = props.month;
    // Room4: a pin is hidden with the working scenario, or as an act not yet revealed.
    let hid = |i: usize| {
        (props.hide_working && props.is_working.get(i).copied().unwrap_or(false))
            || props.hidden.get(i).copied().unwrap_or(false)
    };
    let moved: Vec<Lever> = Lever::ALL
        .iter()
        .copied()
        .filter(|&l| {
            pins.iter()
                .any(|p| p.file.scenario.levers[l] != l.spec().default)
        })
        .collect();
    let boards: Vec<Vec<ScoreLine>> = pins
        .iter()
        .map(|p| scoreboard(&p.projection, &p.plans, month))
        .collect();
    let plans_board = scoreboard(&props.current_plans, &props.current_plans, month);
    let send = |action: Action| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| dispatch.dispatch(action.clone()))
    };
    let rename = |i: usize| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlTextAreaElement = e.target_unchecked_into();
            dispatch.dispatch(Action::RenamePin(i, input.value()));
        })
    };
    // Enter ends the name (as the one-line box it replaced did); the box wraps long names.
    let enter_ends = Callback::from(|e: KeyboardEvent| {
        if e.key() == "Enter" {
            e.prevent_default();
            let input: HtmlTextAreaElement = e.target_unchecked_into();
            let _ = input.blur();
        }
    });
    let on_csv = {
        let (pins, plans, area) = (
            props.pins.clone(),
            props.current_plans.clone(),
            props.area.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let csv = compare_csv(&pins, &plans, month, &area);
            super::persist::download("ics-whatif-comparison.csv", "text/csv", &csv);
        })
    };

    html! {
        <section class="compare" data-control="compare" aria-labelledby="compare-heading">
            <h2 id="compare-heading">{ "Pinned scenarios" }</h2>
            <p class="compare-intro">
                { "Each pinned scenario is drawn on every chart in its own colour and line style. \
                   A \u{25CF} and bold type mark a setting that differs from current plans. \
                   Each pin is judged better or worse against current plans for its own area, \
                   assumptions and years." }
            </p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ "Setting" }</th>
                        <th scope="col">{ "Current plans" }</th>
                        { for pins.iter().enumerate().map(|(i, pin)| html! {
                            <th scope="col" class="pin-head" data-pin={i.to_string()}>
                                <span class={classes!("swatch", format!("swatch-pin-{}", i + 1))} aria-hidden="true"></span>
                                <textarea class="pin-name" data-control={format!("pin-name-{i}")}
                                    aria-label={format!("Name of pinned scenario {}", i + 1)}
                                    maxlength="80" rows={name_rows(pin.file.name.as_deref().unwrap_or_default())}
                                    value={pin.file.name.clone().unwrap_or_default()}
                                    onchange={rename(i)} onkeydown={enter_ends.clone()} />
                                <span class="pin-name-print" aria-hidden="true">{ pin.file.name.clone().unwrap_or_default() }</span>
                                <span class="pin-actions">
                                    <button type="button" data-control={format!("open-pin-{i}")}
                                        onclick={send(Action::SetScenario(Box::new(pin.file.scenario.clone())))}>{ "Open" }</button>
                                    <button type="button" data-control={format!("update-pin-{i}")}
                                        title="Replace this pin with the scenario you are working on (a name you gave it is kept)"
                                        disabled={props.is_working.get(i).copied().unwrap_or(true)}
                                        onclick={send(Action::UpdatePin(i))}>{ "Update" }</button>
                                    <button type="button" data-control={format!("unpin-{i}")}
                                        onclick={send(Action::Unpin(i))}>{ "Unpin" }</button>
                                </span>
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <th scope="row">{ "Area" }</th>
                        <td>{ "\u{2013}" }</td>
                        { for pins.iter().map(|p| html! { <td>{ area_name(&p.file.scenario.system) }</td> }) }
                    </tr>
                    if moved.is_empty() {
                        <tr>
                            <th scope="row">{ "Levers" }</th>
                            <td>{ "all at their defaults" }</td>
                            { for pins.iter().map(|_| html! { <td>{ "as current plans" }</td> }) }
                        </tr>
                    }
                    { for moved.iter().map(|&lever| {
                        let spec = lever.spec();
                        html! {
                            <tr data-lever-row={spec.key}>
                                <th scope="row">{ spec.label }</th>
                                <td>{ format::lever_number(spec, spec.default) }</td>
                                { for pins.iter().map(|p| cell(
                                    format::lever_number(spec, p.file.scenario.levers[lever]),
                                    p.file.scenario.levers[lever] != spec.default,
                                )) }
                            </tr>
                        }
                    }) }
                    <tr>
                        <th scope="row">{ "Assumptions" }</th>
                        <td>{ "central estimates" }</td>
                        { for pins.iter().map(|p| {
                            let changed = p.file.scenario.assumptions != AssumptionValues::default();
                            cell(if changed { "changed" } else { "central estimates" }.to_string(), changed)
                        }) }
                    </tr>
                    <tr class="compare-section">
                        <th scope="colgroup" colspan={(pins.len() + 2).to_string()}>
                            { format!("The board's figures, {}", format::month_name(month)) }
                        </th>
                    </tr>
                    { for BOARD_FIGURES.iter().map(|&(metric, label)| html! {
                        <tr data-board-row={metric.key()}>
                            <th scope="row">{ label }</th>
                            <td>{ format::Measure::of(metric.unit()).show(at(&props.current_plans, metric, month)) }</td>
                            { for pins.iter().enumerate().map(|(i, p)| {
                                if hid(i) {
                                    return html! {
                                        <td data-hidden-pin={i.to_string()}>{ "? (hidden until revealed)" }</td>
                                    };
                                }
                                let (v, c) = (at(&p.projection, metric, month), at(&p.plans, metric, month));
                                let (text, verdict) = board_reading(metric, v, c);
                                html! {
                                    <td class={classes!((!verdict.is_empty()).then_some("changed"))}>
                                        { text }<span class="score-verdict">{ verdict }</span>
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                    <tr class="compare-section">
                        <th scope="colgroup" colspan={(pins.len() + 2).to_string()}>
                            { format!("The four purposes, {}", format::month_name(month)) }
                        </th>
                    </tr>
                    { for plans_board.iter().enumerate().map(|(row, line)| html! {
                        <tr data-score-row={line.key}>
                            <th scope="row">{ format!("{} ({})", line.label, line.unit) }</th>
                            <td>{ score_value(line.baseline, line.unit) }</td>
                            { for boards.iter().enumerate().map(|(i, board)| match board.get(row) {
                                _ if hid(i) => html! {
                                    <td data-hidden-pin={i.to_string()}>{ "? (hidden until revealed)" }</td>
                                },
                                Some(l) => score_cell(l),
                                None => html! { <td></td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
            </table>
            // While a prediction is open the table's file would give the answer away.
            if !(0..pins.len()).any(hid) {
                <p class="compare-export">
                    <button type="button" data-control="compare-csv" onclick={on_csv}
                        title="This table as a CSV file, with the area, month and pins it shows at its top">
                        { "Download this table (CSV)" }</button>
                </p>
            }
        </section>
    }
}

/// Rows for a pin's name box: enough for the whole name at about 14 characters a line (the
/// column's width at its narrowest), so it is never cut; CSS `field-sizing` fits it exactly
/// where the browser has it.
fn name_rows(name: &str) -> String {
    (name.chars().count().div_ceil(14)).clamp(2, 7).to_string()
}

/// A setting, marked when it differs from current plans.
fn cell(text: String, changed: bool) -> Html {
    if changed {
        html! {
            <td class="changed">
                <span aria-hidden="true">{ "\u{25CF} " }</span>
                { text }
                <span class="visually-hidden">{ " (differs from current plans)" }</span>
            </td>
        }
    } else {
        html! { <td>{ text }</td> }
    }
}

/// A pin's figure, with "better" or "worse" than current plans in words and an arrow.
fn score_cell(line: &ScoreLine) -> Html {
    // The same when the figures read the same as shown ("9" and "9"), not only when equal.
    let same = line.is_same()
        || score_value(line.scenario, line.unit) == score_value(line.baseline, line.unit);
    let verdict = match if same { Verdict::Same } else { line.verdict() } {
        Verdict::Same => "",
        // Money spent is a cost, not better or worse.
        Verdict::More | Verdict::Less => " (cost)",
        Verdict::Better => " \u{25B2} better",
        Verdict::Worse => " \u{25BC} worse",
    };
    html! {
        <td class={classes!((!same).then_some("changed"))}>
            { score_value(line.scenario, line.unit) }
            <span class="score-verdict">{ verdict }</span>
        </td>
    }
}

fn score_value(v: f64, unit: Unit) -> String {
    match unit {
        Unit::Years | Unit::Weeks => format::one_decimal(v),
        Unit::GbpM(_) => format::Measure::GbpM.show(v),
        _ if v.abs() >= 1e4 => format::patients(v),
        _ => format::thousands(v.round()),
    }
}

fn area_name(code: &str) -> String {
    data::find(code)
        .map(|s| format::system_name(&s.name).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// The comparison as CSV (issue 14.4): a row per setting and figure, a column for current
/// plans and one per pin (named in full), the description of what it shows at its top.
pub fn compare_csv(pins: &[Pin], plans: &Projection, month: usize, area: &str) -> String {
    let first = pins
        .first()
        .map(|p| p.file.scenario.clone())
        .unwrap_or_default();
    let mut info = crate::scenario::export::ExportInfo::of(
        &first,
        area,
        Some("Pinned scenarios compared"),
        &super::brief::today_iso(),
    );
    // Each pin's levers and assumptions are its column of the table.
    info.levers = vec!["each pin's, in its column below".to_string()];
    info.assumptions = vec!["each pin's, in its column below".to_string()];
    info.month = Some(month as u32);
    info.pins = pins.iter().map(pin_name).collect();
    let mut header = vec!["Setting or figure".to_string(), "Current plans".to_string()];
    header.extend(pins.iter().map(pin_name));
    let mut rows = vec![header];
    rows.push(
        ["Area".to_string(), String::new()]
            .into_iter()
            .chain(pins.iter().map(|p| area_name(&p.file.scenario.system)))
            .collect(),
    );
    for &lever in Lever::ALL {
        let spec = lever.spec();
        if pins
            .iter()
            .all(|p| p.file.scenario.levers[lever] == spec.default)
        {
            continue;
        }
        let mut row = vec![
            spec.label.to_string(),
            format::lever_number(spec, spec.default),
        ];
        row.extend(
            pins.iter()
                .map(|p| format::lever_number(spec, p.file.scenario.levers[lever])),
        );
        rows.push(row);
    }
    let mut assumptions = vec!["Assumptions".to_string(), "central estimates".to_string()];
    assumptions.extend(pins.iter().map(|p| {
        if p.file.scenario.assumptions == AssumptionValues::default() {
            "central estimates".to_string()
        } else {
            crate::scenario::export::assumption_changes(&p.file.scenario).join("; ")
        }
    }));
    rows.push(assumptions);
    for &(metric, label) in &BOARD_FIGURES {
        let mut row = vec![
            format!("{label}, {}", format::month_name(month)),
            format::Measure::of(metric.unit()).show(at(plans, metric, month)),
        ];
        row.extend(pins.iter().map(|p| {
            let (text, verdict) = board_reading(
                metric,
                at(&p.projection, metric, month),
                at(&p.plans, metric, month),
            );
            format!("{text}{verdict}")
        }));
        rows.push(row);
    }
    let plans_board = scoreboard(plans, plans, month);
    let boards: Vec<Vec<ScoreLine>> = pins
        .iter()
        .map(|p| scoreboard(&p.projection, &p.plans, month))
        .collect();
    for (i, line) in plans_board.iter().enumerate() {
        let mut row = vec![
            format!(
                "{}: {} ({}), {}",
                line.purpose,
                line.label,
                line.unit,
                format::month_name(month)
            ),
            score_value(line.baseline, line.unit),
        ];
        row.extend(boards.iter().map(|b| {
            b.get(i)
                .map(|l| score_value(l.scenario, l.unit))
                .unwrap_or_default()
        }));
        rows.push(row);
    }
    crate::scenario::export::table_csv(&info, &rows)
}

/// A pin's name as shown (the automatic name if it has none).
pub fn pin_name(p: &Pin) -> String {
    p.file
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .unwrap_or_else(|| crate::scenario::auto_name(&p.file.scenario))
}
