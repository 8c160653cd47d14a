//! Who contributed what: the change in headline outcomes that a package of proposals makes,
//! split among the proposals (a "contribution waterfall" for a workshop where each partner
//! brings a lever).
//!
//! # Method
//!
//! Start from a scenario (usually "current plans") and a list of named proposals, each a set
//! of lever values. Write v(S) for a metric at the chosen month when the proposals in the set
//! S are applied to the start (v(∅) is the start, v(all) the full package). The total change
//! is v(all) - v(∅). Because the model is non-linear (money buys staff only if they can be
//! recruited; freed beds matter only if there are staff to use them), proposals interact, and
//! "how much did each contribute" has more than one fair answer. Three are given:
//!
//! - **Sequential**: apply the proposals in the listed order; each one's contribution is what
//!   it adds on top of those before it, v(first k) - v(first k - 1). Easy to explain, but
//!   order matters: a proposal listed later gets the interactions with everything before it.
//! - **Shapley value**: the average of the sequential contribution over every possible order,
//!   computed exactly over all 2^n subsets: φ_i = Σ over S not containing i of
//!   |S|! (n - |S| - 1)! / n! × (v(S ∪ {i}) - v(S)). Fair and independent of listing order;
//!   interactions are shared equally between the proposals involved.
//! - **Solo effect**: v({i}) - v(∅), the proposal on its own. The **interaction** is the total
//!   change minus the sum of solo effects: positive when the package is worth more than its
//!   parts (for the metric's sign), negative when proposals overlap.
//!
//! Sequential and Shapley contributions each add up to the total change exactly (up to
//! rounding); solo effects plus the interaction do too. A proposal that changes nothing
//! contributes zero by every method. Costs 2^n deterministic runs, so at most
//! [`MAX_PROPOSALS`] proposals (64 runs), each run only as far as the chosen month.
//!
//! Each lever may be set by one proposal only (two proposals may name the same lever only
//! with the same value): otherwise v(S) would depend on the order proposals are applied in,
//! and the Shapley value would lose its meaning.
//!
//! [`decompose`] uses the same split for "why the outcomes moved": the 18-week share by
//! lever, beside the life-expectancy figures split by cause (`outcomes::split_outcomes`,
//! which needs no runs). It lives here, not in `outcomes`, because it runs the model, and
//! `outcomes` is read by `baseline`, where the model starts.

use super::levers::Lever;
use super::outcomes::{split_outcomes, OutcomeSplit};
use super::projection::Metric;
use super::simulate::{simulate, Scenario};
use super::Baseline;
use serde::Serialize;

/// The most proposals [`attribute`] splits a change among (2^6 = 64 runs).
pub const MAX_PROPOSALS: usize = 6;

/// The outcomes a workshop reads first: waiting list, share within 18 weeks, the
/// life-expectancy gap between the least and most deprived fifths, and the cumulative
/// surplus or deficit.
pub const HEADLINE_METRICS: [Metric; 4] = [
    Metric::WaitingList,
    Metric::Within18WeeksPct,
    Metric::LifeExpectancyGap,
    Metric::CumulativeBalanceGbpM,
];

/// A named set of lever values, such as one partner's offer in a workshop.
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    pub name: String,
    /// Levers and the values this proposal sets them to.
    pub changes: Vec<(Lever, f64)>,
}

impl Proposal {
    pub fn new(name: impl Into<String>, changes: Vec<(Lever, f64)>) -> Proposal {
        Proposal {
            name: name.into(),
            changes,
        }
    }

    /// The levers where `scenario` differs from `start`, as a proposal (for instance a
    /// pinned scenario measured against current plans).
    pub fn from_scenario(
        name: impl Into<String>,
        start: &Scenario,
        scenario: &Scenario,
    ) -> Proposal {
        let changes = Lever::ALL
            .iter()
            .filter(|&&l| scenario.levers[l] != start.levers[l])
            .map(|&l| (l, scenario.levers[l]))
            .collect();
        Proposal::new(name, changes)
    }
}

/// One proposal's share of the change, per metric (in the order of [`Attribution::metrics`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Contribution {
    pub name: String,
    /// What it adds on top of the proposals listed before it.
    pub sequential: Vec<f64>,
    /// Its average contribution over every order.
    pub shapley: Vec<f64>,
    /// What it does on its own.
    pub solo: Vec<f64>,
}

/// The change a package of proposals makes at one month, split among them.
#[derive(Clone, Debug, PartialEq)]
pub struct Attribution {
    pub month: usize,
    pub metrics: Vec<Metric>,
    /// Each metric in the start scenario.
    pub before: Vec<f64>,
    /// Each metric with every proposal applied.
    pub after: Vec<f64>,
    /// One per proposal, in the order given.
    pub proposals: Vec<Contribution>,
    /// Total change minus the sum of solo effects, per metric.
    pub interaction: Vec<f64>,
}

impl Attribution {
    /// `after - before` for each metric.
    pub fn total_change(&self) -> Vec<f64> {
        self.after
            .iter()
            .zip(&self.before)
            .map(|(a, b)| a - b)
            .collect()
    }
}

/// Splits the change that `proposals` make to `metrics` at `month` of `start` among them,
/// sequentially and by Shapley value (see the module's documentation for the method).
///
/// Errors, each in one line: more than [`MAX_PROPOSALS`] proposals, a month beyond the
/// start's horizon, a value outside its lever's range, or two proposals setting one lever to
/// different values.
pub fn attribute(
    base: &Baseline,
    start: &Scenario,
    proposals: &[Proposal],
    month: usize,
    metrics: &[Metric],
) -> Result<Attribution, String> {
    let n = proposals.len();
    if n > MAX_PROPOSALS {
        return Err(format!(
            "at most {MAX_PROPOSALS} proposals can be compared at once, got {n}"
        ));
    }
    if month > start.months() {
        return Err(format!(
            "month {month} is beyond the scenario's horizon of {} months",
            start.months()
        ));
    }
    check_proposals(proposals)?;

    // Months after `month` cannot change it, so each run stops at the first whole year
    // that contains it.
    let mut start = start.clone();
    start.years = month.div_ceil(12).max(1).min(start.years as usize) as u32;

    // v[mask][metric]: the metrics with the proposals in `mask` applied.
    let v: Vec<Vec<f64>> = (0..1usize << n)
        .map(|mask| {
            let mut s = start.clone();
            for (i, p) in proposals.iter().enumerate() {
                if mask & (1 << i) != 0 {
                    for &(lever, value) in &p.changes {
                        s.levers[lever] = value;
                    }
                }
            }
            let record = &simulate(base, &s).months[month];
            metrics.iter().map(|m| m.of(record)).collect()
        })
        .collect();

    let all = (1usize << n) - 1;
    let per_metric = |f: &dyn Fn(usize) -> f64| (0..metrics.len()).map(f).collect::<Vec<f64>>();
    let contributions: Vec<Contribution> = proposals
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let bit = 1 << i;
            let before_i = bit - 1;
            Contribution {
                name: p.name.clone(),
                sequential: per_metric(&|m| v[before_i | bit][m] - v[before_i][m]),
                shapley: per_metric(&|m| {
                    (0..=all)
                        .filter(|s| s & bit == 0)
                        .map(|s| {
                            shapley_weight(n, s.count_ones() as usize) * (v[s | bit][m] - v[s][m])
                        })
                        .sum()
                }),
                solo: per_metric(&|m| v[bit][m] - v[0][m]),
            }
        })
        .collect();
    let interaction =
        per_metric(&|m| v[all][m] - v[0][m] - contributions.iter().map(|c| c.solo[m]).sum::<f64>());
    Ok(Attribution {
        month,
        metrics: metrics.to_vec(),
        before: v[0].clone(),
        after: v[all].clone(),
        proposals: contributions,
        interaction,
    })
}

/// [`attribute`] for the [`HEADLINE_METRICS`].
pub fn attribute_headlines(
    base: &Baseline,
    start: &Scenario,
    proposals: &[Proposal],
    month: usize,
) -> Result<Attribution, String> {
    attribute(base, start, proposals, month, &HEADLINE_METRICS)
}

/// The share of orders in which a proposal comes straight after a given set of `size` of the
/// other `n - 1`: size! (n - size - 1)! / n!.
fn shapley_weight(n: usize, size: usize) -> f64 {
    let factorial = |k: usize| (1..=k).map(|x| x as f64).product::<f64>();
    factorial(size) * factorial(n - size - 1) / factorial(n)
}

fn check_proposals(proposals: &[Proposal]) -> Result<(), String> {
    for (i, p) in proposals.iter().enumerate() {
        for &(lever, value) in &p.changes {
            lever
                .spec()
                .check(value)
                .map_err(|e| format!("proposal '{}': {e}", p.name))?;
            for q in &proposals[..=i] {
                let clash = q.changes.iter().find(|&&(l, v)| l == lever && v != value);
                if let Some(&(_, other)) = clash {
                    return Err(format!(
                        "proposals '{}' and '{}' both set {} ({} and {}): each lever may be set by one proposal only",
                        q.name,
                        p.name,
                        lever.key(),
                        other,
                        value
                    ));
                }
            }
        }
    }
    Ok(())
}

// ---- Why the outcomes moved ----

/// One lever's share of the change in the 18-week share against current plans (Shapley
/// value: its average contribution over every order of applying the levers).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverShare {
    pub name: String,
    pub value: f64,
}

/// Why the outcomes moved at one month: the life-expectancy gap and healthy life expectancy
/// by cause, and the 18-week share by lever (see [`decompose`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decomposition {
    pub month: usize,
    pub outcomes: Vec<OutcomeSplit>,
    /// Within 18 weeks (% of list): month 0, current plans and the scenario at the month.
    pub within_18_weeks: OutcomeTotals,
    /// The scenario's change against plans in the 18-week share, by lever; the parts add up
    /// to the change.
    pub within_18_weeks_by_lever: Vec<LeverShare>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct OutcomeTotals {
    pub start: f64,
    pub plans: f64,
    pub scenario: f64,
}

/// The most levers named one by one in the 18-week split; the rest are grouped as "other
/// levers" (each named lever costs a doubling of runs).
const MAX_NAMED_LEVERS: usize = MAX_PROPOSALS - 1;

/// Splits the change the scenario makes by `month` into its causes. Life-expectancy gap and
/// healthy life expectancy: each month's figure is month 0 plus the background and published
/// trends, prevention and waits (see [`Causes`]), so the split is exact. The 18-week share:
/// by the levers that differ from current plans (Shapley values: [`attribute`]), against
/// current plans under the scenario's own assumptions. Errors: a month beyond the horizon.
pub fn decompose(
    base: &super::Baseline,
    s: &super::Scenario,
    month: usize,
) -> Result<Decomposition, String> {
    use super::levers::{Lever, LeverValues};
    use super::projection::Metric;
    if month > s.months() {
        return Err(format!(
            "month {month} is beyond the scenario's horizon of {} months",
            s.months()
        ));
    }
    let mut short = s.clone();
    short.years = month.div_ceil(12).max(1) as u32;
    let plans_s = super::Scenario {
        levers: LeverValues::default(),
        ..short.clone()
    };
    let scenario = super::simulate(base, &short);
    let plans = super::simulate(base, &plans_s);
    let outcomes = split_outcomes(&scenario, &plans, month);
    let (r0, rs, rp) = (
        &scenario.months[0],
        &scenario.months[month],
        &plans.months[month],
    );

    let changed: Vec<Lever> = Lever::ALL
        .iter()
        .copied()
        .filter(|&l| s.levers[l] != l.spec().default)
        .collect();
    let mut proposals: Vec<Proposal> = changed
        .iter()
        .take(if changed.len() > MAX_NAMED_LEVERS + 1 {
            MAX_NAMED_LEVERS
        } else {
            changed.len()
        })
        .map(|&l| Proposal::new(l.spec().label, vec![(l, s.levers[l])]))
        .collect();
    if proposals.len() < changed.len() {
        let rest = changed[proposals.len()..]
            .iter()
            .map(|&l| (l, s.levers[l]))
            .collect();
        proposals.push(Proposal::new("other levers", rest));
    }
    let by_lever = if proposals.is_empty() {
        Vec::new()
    } else {
        let a = attribute(
            base,
            &plans_s,
            &proposals,
            month,
            &[Metric::Within18WeeksPct],
        )?;
        a.proposals
            .into_iter()
            .map(|c| LeverShare {
                name: c.name,
                value: c.shapley[0],
            })
            .collect()
    };
    Ok(Decomposition {
        month,
        outcomes,
        within_18_weeks: OutcomeTotals {
            start: Metric::Within18WeeksPct.of(r0),
            plans: Metric::Within18WeeksPct.of(rp),
            scenario: Metric::Within18WeeksPct.of(rs),
        },
        within_18_weeks_by_lever: by_lever,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn proposals() -> Vec<Proposal> {
        vec![
            Proposal::new(
                "NHS trusts: workforce",
                vec![(Lever::Recruitment, 10.0), (Lever::LeaverRateChange, -0.7)],
            ),
            Proposal::new("Councils: social care", vec![(Lever::SocialCare, 39.0)]),
            Proposal::new(
                "Public health: prevention",
                vec![
                    (Lever::PreventionSpend, 40.0),
                    (Lever::PreventionTargeting, 50.0),
                ],
            ),
            Proposal::new("Treasury: funding", vec![(Lever::FundingGrowth, 4.0)]),
        ]
    }

    fn start() -> Scenario {
        Scenario {
            years: 5,
            ..Scenario::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    fn run(ps: &[Proposal]) -> Attribution {
        attribute_headlines(&Baseline::england(), &start(), ps, 48).unwrap()
    }

    #[test]
    fn contributions_add_up_to_the_total_change_by_every_method() {
        let a = run(&proposals());
        for (m, total) in a.total_change().into_iter().enumerate() {
            let sum = |f: fn(&Contribution) -> &Vec<f64>| {
                a.proposals.iter().map(|c| f(c)[m]).sum::<f64>()
            };
            assert!(
                close(sum(|c| &c.sequential), total),
                "sequential, {:?}",
                a.metrics[m]
            );
            assert!(
                close(sum(|c| &c.shapley), total),
                "shapley, {:?}",
                a.metrics[m]
            );
            assert!(
                close(sum(|c| &c.solo) + a.interaction[m], total),
                "solo, {:?}",
                a.metrics[m]
            );
        }
        // The package does something, so the test is not vacuous.
        assert!(a.total_change()[0].abs() > 1000.0);
    }

    #[test]
    fn shapley_values_do_not_depend_on_the_listing_order() {
        let forward = run(&proposals());
        let mut reversed_input = proposals();
        reversed_input.reverse();
        let reversed = run(&reversed_input);
        for c in &forward.proposals {
            let d = reversed
                .proposals
                .iter()
                .find(|d| d.name == c.name)
                .unwrap();
            for m in 0..c.shapley.len() {
                assert!(close(c.shapley[m], d.shapley[m]), "{} {m}", c.name);
                assert!(close(c.solo[m], d.solo[m]), "{} {m}", c.name);
            }
        }
    }

    #[test]
    fn sequential_contributions_follow_the_order_given() {
        let a = run(&proposals());
        // The first proposal's sequential contribution is its solo effect.
        assert_eq!(a.proposals[0].sequential, a.proposals[0].solo);
    }

    #[test]
    fn a_proposal_that_changes_nothing_contributes_nothing() {
        let mut ps = proposals();
        ps.insert(1, Proposal::new("Nothing new", vec![]));
        ps.push(Proposal::new(
            "Current plans again",
            vec![(Lever::Productivity, 0.8)],
        ));
        let a = run(&ps);
        for name in ["Nothing new", "Current plans again"] {
            let c = a.proposals.iter().find(|c| c.name == name).unwrap();
            for v in c.sequential.iter().chain(&c.shapley).chain(&c.solo) {
                assert_eq!(*v, 0.0, "{name}");
            }
        }
    }

    #[test]
    fn with_one_proposal_every_method_gives_the_whole_change() {
        let a = run(&proposals()[..1]);
        let c = &a.proposals[0];
        assert_eq!(c.sequential, a.total_change());
        assert_eq!(c.solo, a.total_change());
        for m in 0..a.metrics.len() {
            assert!(close(c.shapley[m], a.total_change()[m]));
            assert_eq!(a.interaction[m], 0.0);
        }
    }

    #[test]
    fn no_proposals_is_no_change() {
        let a = run(&[]);
        assert_eq!(a.before, a.after);
        assert!(a.proposals.is_empty());
    }

    #[test]
    fn before_and_after_match_full_runs_of_the_start_and_the_package() {
        let base = Baseline::england();
        let a = run(&proposals());
        let mut package = start();
        for p in proposals() {
            for (l, v) in p.changes {
                package.levers[l] = v;
            }
        }
        let at = |s: &Scenario| -> Vec<f64> {
            let r = &simulate(&base, s).months[48];
            HEADLINE_METRICS.iter().map(|m| m.of(r)).collect()
        };
        assert_eq!(a.before, at(&start()));
        assert_eq!(a.after, at(&package));
    }

    #[test]
    fn from_scenario_takes_the_levers_that_differ() {
        let mut s = Scenario::default();
        s.levers[Lever::TrainingPlaces] = 50.0;
        s.levers[Lever::Recruitment] = 5.0;
        let p = Proposal::from_scenario("Workforce plan", &Scenario::default(), &s);
        assert_eq!(
            p.changes,
            vec![(Lever::Recruitment, 5.0), (Lever::TrainingPlaces, 50.0)]
        );
    }

    #[test]
    fn bad_requests_are_one_line_errors() {
        let base = Baseline::england();
        let err =
            |ps: &[Proposal], month| attribute_headlines(&base, &start(), ps, month).unwrap_err();
        let seven: Vec<Proposal> = (0..7)
            .map(|i| Proposal::new(format!("p{i}"), vec![]))
            .collect();
        assert!(err(&seven, 12).contains("at most 6 proposals"));
        assert!(err(&[], 61).contains("beyond the scenario's horizon of 60 months"));
        let out_of_range = [Proposal::new("x", vec![(Lever::SocialCare, 99.0)])];
        assert!(
            err(&out_of_range, 12).contains("proposal 'x': social_care_pct = 99 is out of range")
        );
        let clash = [
            Proposal::new("a", vec![(Lever::Recruitment, 5.0)]),
            Proposal::new("b", vec![(Lever::Recruitment, 10.0)]),
        ];
        assert!(err(&clash, 12).contains("'a' and 'b' both set recruitment_pct"));
        // The same value twice is no clash.
        let same = [
            Proposal::new("a", vec![(Lever::Recruitment, 5.0)]),
            Proposal::new("b", vec![(Lever::Recruitment, 5.0)]),
        ];
        assert!(attribute_headlines(&base, &start(), &same, 12).is_ok());
    }

    #[test]
    fn month_zero_is_the_starting_position_for_everyone() {
        let a = attribute_headlines(&Baseline::england(), &start(), &proposals(), 0).unwrap();
        assert_eq!(a.before, a.after);
    }

    #[test]
    fn shapley_weights_over_all_subsets_sum_to_one() {
        for n in 1..=MAX_PROPOSALS {
            let total: f64 = (0..1usize << (n - 1))
                .map(|s| shapley_weight(n, (s as u32).count_ones() as usize))
                .sum();
            assert!(close(total, 1.0), "{n}");
        }
    }
}
