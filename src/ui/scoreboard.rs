//! The four purposes of an ICS at the chosen month: this scenario beside current plans, with
//! "better" or "worse" in words and an arrow as well as colour.

use std::rc::Rc;

use yew::prelude::*;

use super::format;
use crate::model::projection::{Unit, Verdict};
use crate::model::scoreboard::{scoreboard, ScoreLine};
use crate::model::Projection;

#[derive(Properties, PartialEq)]
pub struct ScoreboardProps {
    pub scenario: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    /// The chosen month: months from month 0 (the last published month).
    pub month: usize,
}

#[function_component]
pub fn Scoreboard(props: &ScoreboardProps) -> Html {
    let month = props.month;
    let lines = scoreboard(&props.scenario, &props.current_plans, month);
    let mut last_purpose = "";
    html! {
        <section class="scoreboard" data-control="scoreboard" aria-labelledby="scoreboard-heading">
            <h2 id="scoreboard-heading">
                { format!("The four purposes of an ICS, {}", format::month_name(month)) }
            </h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ "Purpose" }</th>
                        <th scope="col">{ "Measure" }</th>
                        <th scope="col" class="num">{ "This scenario" }</th>
                        <th scope="col" class="num">{ "Current plans" }</th>
                        <th scope="col" class="num">{ "Difference" }</th>
                        <th scope="col">{ "Verdict" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for lines.iter().map(|line| {
                        let purpose = if line.purpose == last_purpose { "" } else { line.purpose };
                        last_purpose = line.purpose;
                        let (verdict, class, arrow) = verdict(line);
                        html! {
                            <tr data-score={line.key} data-verdict={class}>
                                <th scope="row" class="purpose">{ purpose }</th>
                                <td class="measure">{ format!("{} ({})", line.label, line.unit) }</td>
                                // `data-label`: the column's name, shown beside the figure
                                // where the phone layout stacks a row (style.css).
                                <td class="num" data-label="This scenario">{ value(line, line.scenario) }</td>
                                <td class="num" data-label="Current plans">{ value(line, line.baseline) }</td>
                                <td class="num" data-label="Difference">{ difference(line) }</td>
                                <td class={classes!("verdict", format!("verdict-{class}"))}>
                                    <span aria-hidden="true">{ arrow }</span>{ " " }{ verdict }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}

/// Figures round to what a planner would quote: people and treatments as whole numbers (or
/// "k"/"m"), years and weeks to a tenth.
/// Both columns of a line take the same style, decided by the larger, so "7,344" never sits
/// beside "33k".
fn value(line: &ScoreLine, v: f64) -> String {
    let larger = line.scenario.abs().max(line.baseline.abs());
    match line.unit {
        Unit::Years | Unit::Weeks => format::one_decimal(v),
        Unit::GbpM(_) => format::Measure::GbpM.show(v),
        _ if larger >= 1e4 => format::patients(v),
        _ => format::thousands(v.round()),
    }
}

fn difference(line: &ScoreLine) -> String {
    let d = line.difference();
    let large = d.abs() >= 1e4;
    let size = |m: f64| match line.unit {
        Unit::Years | Unit::Weeks => format::fixed(m, 2),
        Unit::GbpM(_) => format::Measure::GbpM.show_difference(m),
        _ if large => format::patients(m),
        _ => format::thousands(m.round()),
    };
    if reads_same(line) {
        "none".to_string()
    } else {
        format::signed(d, size)
    }
}

/// The verdict in words, a class for colour, and an arrow (up: better). Money spent is not
/// judged: it reads "Cost" (or "Saving"), with no colour and no arrow.
fn verdict(line: &ScoreLine) -> (&'static str, &'static str, &'static str) {
    let v = if reads_same(line) {
        Verdict::Same
    } else {
        line.verdict()
    };
    let (word, arrow) = match v {
        Verdict::Same => ("Same", "\u{2013}"),
        Verdict::More => ("Cost", ""),
        Verdict::Less => ("Saving", ""),
        Verdict::Better => ("Better", "\u{25B2}"),
        Verdict::Worse => ("Worse", "\u{25BC}"),
    };
    (word, v.class(), arrow)
}

/// Whether the line's two figures read the same as shown ("9" and "9"), or are
/// [nearly equal](ScoreLine::is_same): then the difference is "none" and the verdict "Same",
/// never "0" and "Better".
fn reads_same(line: &ScoreLine) -> bool {
    line.is_same() || value(line, line.scenario) == value(line, line.baseline)
}
