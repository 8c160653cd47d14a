//! The headline figures: each headline metric at the chosen year, beside current plans, with
//! its verdict (better, worse, same, or a cost) and, once the Monte Carlo has run, its 80%
//! range (8 in 10 runs fall between); hidden until revealed in predict-then-reveal.

use std::rc::Rc;

use yew::prelude::*;

use super::charts::HEADLINES;
use super::format::Measure;
use crate::model::projection::Verdict;
use crate::model::{Metric, MonteCarlo, Projection};

/// What a range says, in words a board member reads (the same everywhere in the app).
pub const RANGE_80: &str = "80% range";
/// A range's tooltip: what "80%" means.
pub const RANGE_80_MEANS: &str = "80% range: 8 in 10 Monte Carlo runs fall between these \
    figures (the 10th to the 90th percentile), drawing the uncertain assumptions from their \
    likely ranges";

/// "5.12m to 7.20m": the metric's P10 to P90 at `month`, or `None` before the Monte Carlo
/// has a run or past its months. Readouts put [`RANGE_80`] before it; a headline, short of
/// room, puts "80%:" (its tooltip, [`RANGE_80_MEANS`], says what that means).
pub fn range_80(
    fan: Option<&MonteCarlo>,
    metric: Metric,
    measure: Measure,
    month: usize,
) -> Option<String> {
    let q = fan?.fan(metric).quantiles.get(month)?;
    let (lo, hi) = q.range_80();
    Some(measure.show_range(lo, hi))
}

#[derive(Properties, PartialEq)]
pub struct HeadlinesProps {
    pub scenario: Rc<Projection>,
    pub current_plans: Rc<Projection>,
    /// The month reported (the chosen year's end).
    pub month: usize,
    /// Predict, then reveal: the scenario's figures are hidden.
    pub hidden: bool,
    /// The Monte Carlo so far, for each figure's 80% range (none shown without it).
    #[prop_or_default]
    pub fan: Option<Rc<MonteCarlo>>,
}

/// The headline figures, one per row of [`HEADLINES`].
#[function_component]
pub fn Headlines(props: &HeadlinesProps) -> Html {
    let (month, hidden) = (props.month, props.hidden);
    html! {
        <div class="headlines" aria-live="polite">
            { for HEADLINES.iter().map(|h| {
                let at = |p: &crate::model::Projection| h.metric.of(&p.months[month.min(p.months.len() - 1)]);
                let (s, c) = (at(&props.scenario), at(&props.current_plans));
                // The one rule every view uses ([`Verdict`]); money spent or received is not
                // judged: a cost is a cost.
                let reads_same = h.measure.show_difference(s - c) == h.measure.show_difference(0.0);
                let v = h.metric.spec().verdict(s, c, reads_same);
                let same = v == Verdict::Same;
                let judged = !matches!(v, Verdict::More | Verdict::Less);
                let better = v == Verdict::Better;
                let verdict = v.class();
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
                        if !hidden {
                            if let Some(range) = range_80(props.fan.as_deref(), h.metric, h.measure, month) {
                                <span class="headline-range" data-range-metric={h.metric.key()}
                                    title={RANGE_80_MEANS}>{ format!("80%: {range}") }</span>
                            }
                        }
                    </div>
                }
            }) }
        </div>
    }
}
