//! "How well has this model done for <area>?": the area's backtests (`model::track_record`),
//! the model's errors beside a naive "nothing changes" forecast, in words and a table.
//! Computed only while the panel is open (each backtest calibrates the area afresh).

use yew::prelude::*;

use crate::data::rtt::Period;
use crate::model::projection::{judge, Verdict};
use crate::model::track_record::{backtest, Backtest, Errors};

/// The starts shown, and how many months each runs: the README's track-record table uses the
/// same starts.
pub const STARTS: [(&str, usize); 2] = [("2023-09", 12), ("2024-03", 12)];

#[derive(Properties, PartialEq)]
pub struct TrackRecordProps {
    /// The area's code ("england" or an ICB code).
    pub code: String,
    /// The area's name as the page shows it.
    pub name: String,
}

#[function_component]
pub fn TrackRecord(props: &TrackRecordProps) -> Html {
    let open = use_state(|| false);
    let results = use_memo((*open, props.code.clone()), |(open, code)| {
        if !*open {
            return Vec::new();
        }
        STARTS
            .iter()
            .map(|&(start, months)| Period::parse(start).and_then(|p| backtest(code, p, months)))
            .collect::<Vec<Result<Backtest, String>>>()
    });
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            let details: web_sys::Element = e.target_unchecked_into();
            open.set(details.has_attribute("open"));
        })
    };
    html! {
        <details class="track-record" data-panel="track-record" {ontoggle}>
            <summary>{ format!("How well has this model done for {}?", props.name) }</summary>
            <p>
                { "We started the model from past months, fitted only on what NHS England had \
                   published up to then, ran current plans and compared the result with what was \
                   published next, and with a naive forecast that nothing changes (the start \
                   month's figures carried forward), which is hard to beat a year ahead." }
            </p>
            <p data-control="track-record-frame">
                { "What to read from it: the model is for comparing scenarios with current plans \
                   on the same footing, not for forecasting next year's list. Much of each ICB's \
                   month-to-month move is local and unforeseeable from public data: even knowing \
                   how England's list actually moved would have cut the naive forecast's error \
                   across England and the 42 ICBs by only 5% to 27%. A tie with \u{201C}nothing changes\u{201D} \
                   on the list is therefore the expected result; where the model should do better \
                   is 52-week waiters, which follow national plans." }
            </p>
            if *open {
                { for results.iter().zip(STARTS).map(|(r, (start, months))| match r {
                    Ok(b) => record(b, months),
                    Err(e) => html! {
                        <p class="track-record-missing" data-track-record={start}>
                            { format!("No track record from {start}: {e}") }
                        </p>
                    },
                }) }
                <p class="track-record-cli">
                    { "Every month's figures: " }
                    <code>{ format!("ics-whatif backtest --ics {} --from {} --months {}", props.code, STARTS[0].0, STARTS[0].1) }</code>
                </p>
            }
        </details>
    }
}

/// One error row: `data-error` key, label, how to read it from [`Errors`], unit.
type ErrorRow = (&'static str, &'static str, fn(&Errors) -> f64, &'static str);

/// One backtest as a sentence and a table of the three errors.
fn record(b: &Backtest, months: usize) -> Html {
    let start = Period::parse(&b.start).map_or(b.start.clone(), |p| p.name());
    let rows: [ErrorRow; 3] = [
        (
            "list",
            "Change in the waiting list",
            |e| e.list_change_pct,
            "% of the starting list",
        ),
        (
            "within_18_weeks",
            "Share waiting under 18 weeks",
            |e| e.within_18_weeks_pts,
            "percentage points",
        ),
        (
            "over_52_weeks",
            "Waiting over a year",
            |e| e.over_52_weeks_pct,
            "% of the published number",
        ),
    ];
    let wins = rows
        .iter()
        .filter(|(_, _, pick, _)| verdict(pick(&b.model_errors), pick(&b.naive_errors)) == "Better")
        .count();
    html! {
        <figure class="track-record-table" data-track-record={b.start.clone()}>
            <figcaption>
                { format!("Started {start}, {months} months: average error each month. The model beat \"nothing changes\" on {wins} of 3.") }
            </figcaption>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{ "Figure" }</th>
                        <th scope="col">{ "This model" }</th>
                        <th scope="col">{ "Nothing changes" }</th>
                        <th scope="col">{ "Model" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|(key, label, pick, unit)| {
                        let (m, n) = (pick(&b.model_errors), pick(&b.naive_errors));
                        html! {
                            <tr data-error={*key}>
                                <th scope="row">{ *label }<span class="unit">{ format!(" ({unit})") }</span></th>
                                <td data-label="This model">{ format!("{m:.1}") }</td>
                                <td data-label="Nothing changes">{ format!("{n:.1}") }</td>
                                <td data-label="Model">{ verdict(m, n) }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </figure>
    }
}

/// An error as the table shows it (one decimal place), so that the verdict never calls two
/// figures that read the same "Better" or "Worse".
fn shown(error: f64) -> f64 {
    (error * 10.0).round()
}

/// The model's error against "nothing changes", as shown: lower is better.
fn verdict(model: f64, naive: f64) -> &'static str {
    // A smaller error is better.
    let (higher_is_better, judged) = (false, true);
    match judge(
        higher_is_better,
        judged,
        model,
        naive,
        shown(model) == shown(naive),
    ) {
        Verdict::Better => "Better",
        Verdict::Worse => "Worse",
        _ => "Same",
    }
}
