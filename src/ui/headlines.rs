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
    // A range whose ends read the same ("0 to 0") says nothing: no range line.
    match spread_at(fan, metric, measure, month)? {
        Spread::Between(range) => Some(range),
        Spread::NoSpending | Spread::Alike(_) => None,
    }
}

/// What an 80% range says once its ends are written (sixth session): "£2m to £9m", or,
/// when both ends read the same, not a range but one figure ("£0m to £0m" is never shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Spread {
    /// The two ends: "5.12m to 7.20m".
    Between(String),
    /// Extra spending of £0m at both ends: no lever moved costs money.
    NoSpending,
    /// Both ends read as this figure.
    Alike(String),
}

impl Spread {
    /// A headline's range line: "80%: 5.12m to 7.20m", "No extra spending",
    /// "8 in 10 runs: 0".
    pub fn headline(&self) -> String {
        match self {
            Spread::Between(range) => format!("80%: {range}"),
            Spread::NoSpending => "No extra spending".to_string(),
            Spread::Alike(v) => format!("8 in 10 runs: {v}"),
        }
    }

    /// The brief's range cell, under "80% range (8 in 10 runs)": "5.12m to 7.20m", "No
    /// extra spending", "0 in 8 in 10 runs".
    pub fn cell(&self) -> String {
        match self {
            Spread::Between(range) => range.clone(),
            Spread::NoSpending => "No extra spending".to_string(),
            Spread::Alike(v) => format!("{v} in 8 in 10 runs"),
        }
    }
}

/// The range from `lo` to `hi` as [`Spread`] reads it.
pub fn spread(metric: Metric, measure: Measure, lo: f64, hi: f64) -> Spread {
    let range = measure.show_range(lo, hi);
    match range.split_once(" to ") {
        Some((a, b)) if a == b => {
            if metric == Metric::CumulativeCostGbpM && a == measure.show(0.0) {
                Spread::NoSpending
            } else {
                Spread::Alike(a.to_string())
            }
        }
        _ => Spread::Between(range),
    }
}

/// A headline's range line at `month`, or `None` before the Monte Carlo has a run there.
pub fn headline_range(
    fan: Option<&MonteCarlo>,
    metric: Metric,
    measure: Measure,
    month: usize,
) -> Option<String> {
    Some(spread_at(fan, metric, measure, month)?.headline())
}

/// What the metric's 80% range at `month` says, or `None` before the Monte Carlo has a run
/// there.
fn spread_at(
    fan: Option<&MonteCarlo>,
    metric: Metric,
    measure: Measure,
    month: usize,
) -> Option<Spread> {
    let (lo, hi) = fan?.fan(metric).quantiles.get(month)?.range_80();
    Some(spread(metric, measure, lo, hi))
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
                            if let Some(range) = headline_range(props.fan.as_deref(), h.metric, h.measure, month) {
                                <span class="headline-range" data-range-metric={h.metric.key()}
                                    title={RANGE_80_MEANS}>{ range }</span>
                            }
                        }
                    </div>
                }
            }) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_whose_ends_read_the_same_is_not_shown_as_a_range() {
        let cost = Metric::CumulativeCostGbpM;
        // No lever costs money: never "£0m to £0m".
        let none = spread(cost, Measure::GbpM, 0.0, 0.2);
        assert_eq!(none, Spread::NoSpending);
        assert_eq!(none.headline(), "No extra spending");
        assert_eq!(none.cell(), "No extra spending");
        // A cost that does vary is a range.
        let some = spread(cost, Measure::GbpM, 2.0, 9.0);
        assert_eq!(some.headline(), "80%: £2m to £9m");
        assert_eq!(some.cell(), "£2m to £9m");
        // Another figure with both ends alike ("0 to 0"): one figure, said once.
        let alike = spread(Metric::Over52Weeks, Measure::Count, 0.0, 0.3);
        assert_eq!(alike.headline(), "8 in 10 runs: 0");
        assert_eq!(alike.cell(), "0 in 8 in 10 runs");
        for s in [none, alike] {
            assert!(!s.headline().contains(" to "), "{s:?}");
        }
        // Millions that read the same at two decimals are alike too.
        assert_eq!(
            spread(Metric::WaitingList, Measure::Count, 7.121e6, 7.124e6),
            Spread::Alike("7.12m".into())
        );
        assert_eq!(
            spread(Metric::WaitingList, Measure::Count, 7.0e6, 7.4e6).headline(),
            "80%: 7.00m to 7.40m"
        );
    }
}
