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
                                <td class="measure">
                                    { format!("{} ({})", line.label, line.unit) }
                                    <span class="gloss">{ line.definition }</span>
                                </td>
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
    if reads_same(line) {
        "none".to_string()
    } else {
        format::signed(line.difference(), |m| size(line, m))
    }
}

/// A difference's size as the Difference column shows it: years and weeks to two decimals,
/// money as the headline shows it, people whole (or "k"/"m" when the difference is large).
fn size(line: &ScoreLine, m: f64) -> String {
    match line.unit {
        Unit::Years | Unit::Weeks => format::fixed(m, 2),
        Unit::GbpM(_) => format::Measure::GbpM.show_difference(m),
        _ if line.difference().abs() >= 1e4 => format::patients(m),
        _ => format::thousands(m.round()),
    }
}

/// The verdict in words, a class for colour, and an arrow (up: better). Money spent is not
/// judged: it reads "Spends more" (or "Spends less"), with no colour and no arrow. Not
/// "Saving": less spent because funding was cut is not an efficiency a board would bank.
fn verdict(line: &ScoreLine) -> (&'static str, &'static str, &'static str) {
    let v = if reads_same(line) {
        Verdict::Same
    } else {
        line.verdict()
    };
    let (word, arrow) = match v {
        Verdict::Same => ("Same", "\u{2013}"),
        Verdict::More => ("Spends more", ""),
        Verdict::Less => ("Spends less", ""),
        Verdict::Better => ("Better", "\u{25B2}"),
        Verdict::Worse => ("Worse", "\u{25BC}"),
    };
    (word, v.class(), arrow)
}

/// Whether the line's difference reads as zero where it is shown (a 0.3 difference in
/// treatments per staff member reads "0"; -£0.4m reads "£0m"), or the figures are
/// [nearly equal](ScoreLine::is_same): then the difference is "none" and the verdict "Same",
/// never "0" and "Better". The brief's headline table decides "same" by the same rule, so
/// the two tables never disagree (a 0.04-year change in the gap is "0.04 lower, better" in
/// both, though both figures read 9.6).
fn reads_same(line: &ScoreLine) -> bool {
    line.is_same() || size(line, line.difference().abs()) == size(line, 0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(unit: Unit, scenario: f64, baseline: f64, higher_is_better: bool) -> ScoreLine {
        ScoreLine {
            purpose: "Tackle inequalities",
            key: "k",
            label: "l",
            unit,
            definition: "d",
            scenario,
            baseline,
            higher_is_better,
            judged: true,
        }
    }

    #[test]
    fn a_difference_shown_is_judged_and_one_that_reads_zero_is_same() {
        // The gap 9.58 against 9.62: both read 9.6, but the difference reads 0.04 lower, as
        // in the brief's headline table, so it is better here too (it was "none, Same").
        let gap = line(Unit::Years, 9.58, 9.62, false);
        assert_eq!(value(&gap, gap.scenario), value(&gap, gap.baseline));
        assert_eq!(difference(&gap), "\u{2212}0.04");
        assert_eq!(verdict(&gap).0, "Better");
        // 9.3 against 9.0 treatments per staff member: the difference reads 0, so Same.
        let per_staff = line(Unit::Count("treatments per FTE a year"), 9.3, 9.0, true);
        assert_eq!(
            (difference(&per_staff).as_str(), verdict(&per_staff).0),
            ("none", "Same")
        );
        // Money: -£0.4m against £0m reads £0m: Same, not Better or Worse.
        let money = line(Unit::GbpM("£m"), -0.4, 0.0, true);
        assert_eq!(verdict(&money).0, "Same");
    }

    #[test]
    fn spending_is_described_not_judged() {
        let mut cut = line(Unit::GbpM("£m"), -1675.0, 0.0, false);
        cut.judged = false;
        assert_eq!(verdict(&cut).0, "Spends less");
        cut.scenario = 500.0;
        assert_eq!(verdict(&cut).0, "Spends more");
    }
}
