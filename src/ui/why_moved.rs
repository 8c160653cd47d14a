//! Why the life-expectancy gap and healthy life expectancy moved by the chosen year: one
//! sentence and a small table splitting each change into the published trend, prevention and
//! waits, against current plans and since the start (the last published month). Read from the two projections already run
//! (`model::outcomes::split_outcomes`): no extra runs.

use std::rc::Rc;

use yew::prelude::*;

use super::format;
use crate::model::outcomes::{split_outcomes, why_sentence, CauseSplit};
use crate::model::Projection;

#[derive(Properties, PartialEq)]
pub struct WhyMovedProps {
    pub scenario: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    /// The chosen month: months from month 0.
    pub month: usize,
}

/// A change in years to two decimals with its sign ("+0.25", "−0.10", "0.00").
fn years(v: f64) -> String {
    format::signed(v, |size| format::fixed(size, 2))
}

fn cells(split: &CauseSplit) -> Html {
    html! {
        <>
            <td class="num" data-label="Published trend">{ years(split.trend) }</td>
            <td class="num" data-label="Prevention">{ years(split.prevention) }</td>
            <td class="num" data-label="Waits">{ years(split.waits) }</td>
            <td class="num total" data-label="Total">{ years(split.total) }</td>
        </>
    }
}

#[function_component]
pub fn WhyMoved(props: &WhyMovedProps) -> Html {
    let month = props.month;
    let outcomes = split_outcomes(&props.scenario, &props.current_plans, month);
    let sentence = why_sentence(&outcomes[0], month as f64 / 12.0);
    html! {
        <section class="why-moved" data-control="why-moved" aria-labelledby="why-moved-heading">
            <h2 id="why-moved-heading">
                { format!("Why life expectancy moved, {}", format::month_name(month)) }
            </h2>
            <p class="why-sentence" data-control="why-sentence">{ sentence }</p>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ "Change in years" }</th>
                        <th scope="col" class="num">{ "Published trend" }</th>
                        <th scope="col" class="num">{ "Prevention" }</th>
                        <th scope="col" class="num">{ "Waits" }</th>
                        <th scope="col" class="num">{ "Total" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for outcomes.iter().map(|o| html! {
                        <>
                            <tr data-why={o.key} data-against="plans">
                                <th scope="row">{ format!("{}: against current plans", o.label) }</th>
                                { cells(&o.against_plans) }
                            </tr>
                            <tr data-why={o.key} data-against="start">
                                <th scope="row">{ format!("{}: since {} ({:.1})", o.label, super::format::month_name(0), o.start) }</th>
                                { cells(&o.since_start) }
                            </tr>
                        </>
                    }) }
                </tbody>
            </table>
            <p class="why-note">
                { "Published trend: each deprivation fifth's 2015-2024 trend in its own places, \
                   plus the background gain for everyone. Prevention: healthy years from \
                   prevention spending once it has reached health (years later). Waits: \
                   health lost while more people wait beyond 18 weeks than at the start (the last published month). The \
                   waterfall below splits the waiting-list figures by lever." }
            </p>
        </section>
    }
}
