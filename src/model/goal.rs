//! Goal seeking, "what would it take": a target (a metric, a comparison, a threshold and a
//! month) and one or more levers with their allowed ranges in; the smallest change of one
//! lever, or the cheapest mix of several, that meets the target in the deterministic run out,
//! or, when nothing in the ranges meets it, the most the levers reach.
//!
//! # Method
//!
//! Every lever value searched is a value of the lever's own step grid (`ParamSpec::step`)
//! inside the range allowed, so an answer is never outside a range and always reads back from
//! text as the same number (`run --set KEY=VALUE` replays it exactly).
//!
//! - **One lever**: every value of the grid is run (at most 121 runs; the runs stop at the
//!   target month, as nothing later changes it). The answer is the value nearest the lever's
//!   starting value that meets the target, so one step nearer does not. Whether the metric
//!   moves one way along the grid is reported (`Solution::monotone`), not assumed.
//! - **Several levers**: minimise the cost (below) over the grid subject to meeting the target,
//!   a small integer programme with a black-box constraint. No general solver fits it (the
//!   continuous optimisers of crates such as `argmin` neither keep to a grid nor take a hard
//!   constraint), so it is a local search on the grid: a greedy climb by the best gain in the
//!   target per pound (moves of 1, 2, 4, ... steps of one lever), then a coordinate ascent if
//!   that stalls; once the target is met, from that point and from each lever's own smallest
//!   change, a polish that steps each lever back towards its start while the target stays met
//!   (by bisection, so one step further back does not meet it), and exchanges: one lever
//!   moved back, another forward by the least that meets the target again (bisection), kept
//!   when it is cheaper. The cheapest polished point is the answer. It is a local optimum on
//!   the grid: no lever can step back, and no tried exchange is cheaper.
//! - **Not met**: the same climb maximises the metric (a coordinate ascent over every lever's
//!   whole grid); the answer is the most it reaches, with each lever stepped back as far as
//!   it can go while keeping that value.
//!
//! # Cost
//!
//! The objective is money **to the target month** (the spending it takes to get there), in
//! £m at 2025/26 prices, against current plans: the scenario's cost
//! (`MonthRecord::cumulative_cost_gbp_m` at the target month, the figure `run` reports: extra
//! funding, training, productivity investment, capital, prevention and social care) **plus the
//! extra allocation faster funding growth gives** (`funding_growth_pct` above current plans'
//! 3%), which the scenario cost does not count but is money all the same. Recruitment,
//! retention, agency use, targeting and priority have no direct price in the model (they cost
//! or save through the NHS balance), so between mixes of the same cost the one with the
//! smallest change (each lever's change as a share of its whole range, summed) wins, and the
//! NHS balance is reported beside the cost.
//!
//! # The chance of meeting it
//!
//! [`chance`] runs the Monte Carlo exactly as `run --runs N --seed S` does (the same draws in
//! the same order) and counts the runs whose metric meets the target at the target month.

use super::baseline::Baseline;
use super::levers::{Lever, ParamSpec};
use super::monte_carlo::draw_assumptions;
use super::projection::{Metric, MonthRecord};
use super::simulate::{run, Scenario};
use crate::data::rtt::Period;
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::BTreeMap;

/// What a target is read from: a metric the run reports, or one derived from it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetMetric {
    /// A metric of the run (see [`Metric`]), system-wide.
    Run(Metric),
    /// Patients waiting over 52 weeks as a share of the waiting list, %.
    Over52WeeksPct,
    /// The life-expectancy gap's change since month 0, years (negative: narrowed).
    LeGapChange,
}

/// Key of [`TargetMetric::Over52WeeksPct`].
pub const OVER_52_WEEKS_PCT: &str = "over_52_weeks_pct";
/// Key of [`TargetMetric::LeGapChange`].
pub const LE_GAP_CHANGE: &str = "le_gap_change_years";

impl TargetMetric {
    pub fn from_key(key: &str) -> Option<TargetMetric> {
        match key {
            OVER_52_WEEKS_PCT => Some(TargetMetric::Over52WeeksPct),
            LE_GAP_CHANGE => Some(TargetMetric::LeGapChange),
            _ => Metric::from_key(key).map(TargetMetric::Run),
        }
    }

    /// Every key a target accepts: the run's metrics, then the derived ones.
    pub fn keys() -> Vec<&'static str> {
        Metric::ALL
            .iter()
            .map(|m| m.key())
            .chain([OVER_52_WEEKS_PCT, LE_GAP_CHANGE])
            .collect()
    }

    pub fn key(self) -> &'static str {
        match self {
            TargetMetric::Run(m) => m.key(),
            TargetMetric::Over52WeeksPct => OVER_52_WEEKS_PCT,
            TargetMetric::LeGapChange => LE_GAP_CHANGE,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            TargetMetric::Run(m) => m.spec().label,
            TargetMetric::Over52WeeksPct => "Waiting over 52 weeks, share of the list",
            TargetMetric::LeGapChange => {
                "Change in the life-expectancy gap since the start (negative: narrowed)"
            }
        }
    }

    pub fn unit(self) -> &'static str {
        match self {
            TargetMetric::Run(m) => m.spec().unit.text(),
            TargetMetric::Over52WeeksPct => "% of waiting list",
            TargetMetric::LeGapChange => "years",
        }
    }

    /// The value in month `r` of a run whose month 0 is `start`.
    pub fn value(self, r: &MonthRecord, start: &MonthRecord) -> f64 {
        match self {
            TargetMetric::Run(m) => m.of(r),
            TargetMetric::Over52WeeksPct => {
                let list = MonthRecord::total(&r.waiting_list);
                if list > 0.0 {
                    100.0 * MonthRecord::total(&r.over_52_weeks) / list
                } else {
                    0.0
                }
            }
            TargetMetric::LeGapChange => {
                Metric::LifeExpectancyGap.of(r) - Metric::LifeExpectancyGap.of(start)
            }
        }
    }
}

/// How a value is compared with the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    AtLeast,
    AtMost,
    Above,
    Below,
}

impl Comparison {
    pub fn symbol(self) -> &'static str {
        match self {
            Comparison::AtLeast => ">=",
            Comparison::AtMost => "<=",
            Comparison::Above => ">",
            Comparison::Below => "<",
        }
    }

    /// Whether a higher value is nearer the target.
    pub fn higher(self) -> bool {
        matches!(self, Comparison::AtLeast | Comparison::Above)
    }
}

/// A target: `metric comparison threshold` in a calendar month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Target {
    pub metric: TargetMetric,
    pub comparison: Comparison,
    pub threshold: f64,
    pub period: Period,
}

/// The form of a target, for messages.
pub const TARGET_FORM: &str =
    "METRIC>=VALUE@YYYY-MM (or <=, >, <), such as within_18_weeks_pct>=92@2029-03";

impl Target {
    /// Reads `METRIC OP VALUE @ YYYY-MM`, OP one of `>=`, `<=`, `>`, `<`; spaces allowed.
    pub fn parse(text: &str) -> Result<Target, String> {
        let shown = crate::scenario::shown(text.trim());
        let form = || format!("a target reads {TARGET_FORM}; got '{shown}'");
        let (lhs, when) = text.split_once('@').ok_or_else(form)?;
        let at = lhs.find(['<', '>']).ok_or_else(form)?;
        let (key, rest) = lhs.split_at(at);
        let (comparison, number) = if let Some(n) = rest.strip_prefix(">=") {
            (Comparison::AtLeast, n)
        } else if let Some(n) = rest.strip_prefix("<=") {
            (Comparison::AtMost, n)
        } else if let Some(n) = rest.strip_prefix('>') {
            (Comparison::Above, n)
        } else {
            (Comparison::Below, &rest[1..])
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(form());
        }
        let metric = TargetMetric::from_key(key).ok_or_else(|| {
            format!(
                "unknown target metric '{}': use one of {}",
                crate::scenario::shown(key),
                TargetMetric::keys().join(", ")
            )
        })?;
        let threshold = match number.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => v,
            _ => {
                return Err(format!(
                    "the target's threshold '{}' is not a number (a target reads {TARGET_FORM})",
                    crate::scenario::shown(number.trim())
                ))
            }
        };
        let period = Period::parse(when).map_err(|e| format!("the target's month: {e}"))?;
        Ok(Target {
            metric,
            comparison,
            threshold,
            period,
        })
    }

    /// The projection month of the target for a run starting at `start` over `horizon`
    /// months, or a message if it is not one of months 1 to `horizon`.
    pub fn month(&self, start: Period, horizon: usize) -> Result<usize, String> {
        let m = self.period.months_since(start);
        if m < 1 {
            Err(format!(
                "the target's month {} is not after the start: projections start from {} (month 0, the last published month), so the first month a lever can change is {}",
                self.period,
                start.name(),
                start.plus(1).name()
            ))
        } else if m as usize > horizon {
            Err(format!(
                "the target's month {} is beyond the horizon ({}, {} years from {}): lengthen the horizon (--years)",
                self.period,
                start.plus(horizon).name(),
                horizon / 12,
                start.name()
            ))
        } else {
            Ok(m as usize)
        }
    }

    pub fn is_met(&self, v: f64) -> bool {
        let t = self.threshold;
        match self.comparison {
            Comparison::AtLeast => v >= t,
            Comparison::AtMost => v <= t,
            Comparison::Above => v > t,
            Comparison::Below => v < t,
        }
    }

    /// The value oriented so that larger is nearer the target.
    pub fn oriented(&self, v: f64) -> f64 {
        if self.comparison.higher() {
            v
        } else {
            -v
        }
    }

    /// How far `v` falls short of the target, in the metric's units: 0 when met.
    fn shortfall(&self, v: f64) -> f64 {
        if self.is_met(v) {
            0.0
        } else if v.is_nan() {
            f64::INFINITY
        } else {
            (self.threshold - v).abs().max(f64::MIN_POSITIVE)
        }
    }

    /// "within_18_weeks_pct >= 92 in March 2029".
    pub fn describe(&self) -> String {
        format!(
            "{} {} {} in {}",
            self.metric.key(),
            self.comparison.symbol(),
            self.threshold,
            self.period.name()
        )
    }
}

/// A lever with the range the search may use, both ends on the lever's step grid.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LeverRange {
    pub lever: Lever,
    pub min: f64,
    pub max: f64,
}

/// Decimals a step needs (0.1: 1; 0.05: 2; 5: 0).
fn step_decimals(step: f64) -> usize {
    (0..10)
        .find(|&dp| {
            let scaled = step * 10f64.powi(dp as i32);
            (scaled - scaled.round()).abs() < 1e-9
        })
        .unwrap_or(10)
}

/// Grid value `k` of a lever (`min + k x step`), rounded to the step's decimals so that it
/// is the number its text reads back as.
fn grid_value(spec: &ParamSpec, k: i64) -> f64 {
    let dp = step_decimals(spec.step);
    let v = spec.min + k as f64 * spec.step;
    format!("{v:.dp$}").parse().unwrap_or(v)
}

/// Grid indices of the lowest and highest grid values in `[lo, hi]`.
fn grid_indices(spec: &ParamSpec, lo: f64, hi: f64) -> (i64, i64) {
    let k = |v: f64| (v - spec.min) / spec.step;
    ((k(lo) - 1e-9).ceil() as i64, (k(hi) + 1e-9).floor() as i64)
}

impl LeverRange {
    /// The lever's whole range.
    pub fn full(lever: Lever) -> LeverRange {
        let s = lever.spec();
        LeverRange {
            lever,
            min: s.min,
            max: s.max,
        }
    }

    /// Reads `KEY` (the whole range) or `KEY=MIN..MAX`. Ends between two steps of the lever
    /// are moved inward to a step, and the note returned says so.
    pub fn parse(text: &str) -> Result<(LeverRange, Option<String>), String> {
        use crate::scenario::shown;
        let (key, range) = match text.split_once('=') {
            Some((k, r)) => (k.trim(), Some(r)),
            None => (text.trim(), None),
        };
        let lever = Lever::from_key(key).ok_or_else(|| {
            if super::levers::Assumption::from_key(key).is_some() {
                format!(
                    "'{}' is an assumption, not a lever: a target is met by choices (set an assumption with --set)",
                    shown(key)
                )
            } else {
                format!(
                    "unknown lever '{}': use one of {}",
                    shown(key),
                    Lever::ALL
                        .iter()
                        .map(|l| l.key())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }
        })?;
        let spec = lever.spec();
        let Some(range) = range else {
            return Ok((LeverRange::full(lever), None));
        };
        let bad = || {
            format!(
                "--lever {key}=MIN..MAX expects two numbers, such as {key}={}..{}; got '{}'",
                spec.min,
                spec.max,
                shown(range)
            )
        };
        let (lo, hi) = range.split_once("..").ok_or_else(bad)?;
        let number = |t: &str| match t.trim().parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => Err(bad()),
        };
        let (lo, hi) = (number(lo)?, number(hi)?);
        spec.check(lo)?;
        spec.check(hi)?;
        if lo > hi {
            return Err(format!(
                "--lever {key}: the range {lo}..{hi} runs backwards (MIN..MAX, MIN not above MAX)"
            ));
        }
        let (klo, khi) = grid_indices(spec, lo, hi);
        if klo > khi {
            return Err(format!(
                "--lever {key}: the range {lo}..{hi} holds no value of the lever's step ({} {})",
                spec.step, spec.unit
            ));
        }
        let (min, max) = (grid_value(spec, klo), grid_value(spec, khi));
        let note = (min != lo || max != hi).then(|| {
            format!(
                "note: {key}'s range {lo}..{hi} is searched as {min}..{max}, its values on the lever's step of {}",
                spec.step
            )
        });
        Ok((LeverRange { lever, min, max }, note))
    }

    /// The values searched, lowest first.
    pub fn grid(&self) -> Vec<f64> {
        let spec = self.lever.spec();
        let (klo, khi) = grid_indices(spec, self.min, self.max);
        (klo..=khi).map(|k| grid_value(spec, k)).collect()
    }
}

/// The money and the figure of one deterministic run, to the target month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cost {
    /// The scenario's cost against current plans (`cumulative_cost_gbp_m`), £m.
    pub cost_gbp_m: f64,
    /// Of which paid by local government, and what extra funding buys, £m.
    pub local_gov_gbp_m: f64,
    pub extra_funding_gbp_m: f64,
    /// Allocation received above current plans' funding growth, £m (negative: less).
    pub extra_allocation_gbp_m: f64,
    /// What the search minimises: the scenario's cost, which includes the extra allocation, £m.
    pub total_gbp_m: f64,
    /// The NHS's running surplus (+) or deficit (-) at the target month, £m.
    pub balance_gbp_m: f64,
}

/// One lever of a solution.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SolvedLever {
    pub lever: Lever,
    /// The value found (on the grid, within the range).
    pub value: f64,
    /// The value before the search (the scenario's).
    pub start: f64,
    pub min: f64,
    pub max: f64,
}

/// A lever one step nearer its start than the solution, the others as found.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StepBack {
    pub lever: Lever,
    pub value: f64,
    /// The target metric's value there, and whether it meets the target.
    pub metric_value: f64,
    pub met: bool,
    /// What the search minimises there, £m (see [`Cost::total_gbp_m`]).
    pub cost_gbp_m: f64,
}

/// What the search found.
#[derive(Clone, Debug, PartialEq)]
pub struct Solution {
    pub target: Target,
    /// The target's projection month.
    pub month: usize,
    /// Whether the levers found meet the target in the deterministic run. If not, they are
    /// the most the levers reach.
    pub met: bool,
    pub levers: Vec<SolvedLever>,
    /// The target metric's value at the target month with the levers found, and with the
    /// levers as they started.
    pub value: f64,
    pub start_value: f64,
    pub cost: Cost,
    pub start_cost: Cost,
    /// Each lever moved from its start, one step back towards it (within its range).
    pub step_backs: Vec<StepBack>,
    /// The scenario with the levers found, over the scenario's own horizon.
    pub scenario: Scenario,
    /// Deterministic runs made.
    pub runs: usize,
    /// One lever: whether the metric moves one way along the whole grid.
    pub monotone: Option<bool>,
}

/// Below this, two costs are the same (£m).
const COST_TOLERANCE: f64 = 1e-6;
/// Two values of the metric within this share of each other are the same maximum.
const PLATEAU_TOLERANCE: f64 = 1e-9;
/// The most rounds of greedy moves and of polishing (each far more than seen in practice).
const MAX_ROUNDS: usize = 200;

#[derive(Clone, Copy, Debug)]
struct Eval {
    value: f64,
    cost: Cost,
}

/// The search: the levers' grids, their starting points and the runs made so far.
struct Search<'a> {
    base: &'a Baseline,
    /// The scenario, its horizon cut to the whole years that hold the target month.
    scenario: Scenario,
    metric: TargetMetric,
    month: usize,
    levers: Vec<Lever>,
    grids: Vec<Vec<f64>>,
    /// Start values (the scenario's, perhaps off the grid or outside the range) and the
    /// nearest grid index to each.
    start_values: Vec<f64>,
    start: Vec<usize>,
    /// Core allocation to the target month under current plans' funding growth.
    plans_allocation: f64,
    memo: BTreeMap<Vec<usize>, Eval>,
    runs: usize,
}

/// The cost and figure of one run of `s` to `month`: (value, cost without the extra
/// allocation, core allocation received).
fn run_to(base: &Baseline, s: &Scenario, metric: TargetMetric, month: usize) -> (f64, Cost, f64) {
    let mut start: Option<MonthRecord> = None;
    let mut value = f64::NAN;
    let mut allocation = 0.0;
    let mut extra_funding = 0.0;
    let mut cost = Cost {
        cost_gbp_m: 0.0,
        local_gov_gbp_m: 0.0,
        extra_funding_gbp_m: 0.0,
        extra_allocation_gbp_m: 0.0,
        total_gbp_m: 0.0,
        balance_gbp_m: 0.0,
    };
    run(base, s, None, None, |r| {
        if r.month == 0 {
            start = Some(r.clone());
        } else if r.month <= month {
            allocation += r.income_gbp_m - r.extra_funding_gbp_m + r.funding_above_plans_gbp_m;
            extra_funding += r.extra_funding_gbp_m - r.funding_above_plans_gbp_m;
        }
        if r.month == month {
            value = metric.value(r, start.as_ref().unwrap_or(r));
            cost.cost_gbp_m = r.cumulative_cost_gbp_m;
            cost.local_gov_gbp_m = r.cumulative_cost_local_gov_gbp_m;
            cost.balance_gbp_m = r.cumulative_balance_gbp_m;
        }
    });
    cost.extra_funding_gbp_m = extra_funding;
    (value, cost, allocation)
}

impl<'a> Search<'a> {
    fn new(
        base: &'a Baseline,
        s: &Scenario,
        target: &Target,
        ranges: &[LeverRange],
    ) -> Result<Search<'a>, String> {
        let month = target.month(base.start, s.months())?;
        if ranges.is_empty() {
            return Err("goal seeking needs at least one lever".into());
        }
        for (i, r) in ranges.iter().enumerate() {
            if ranges[..i].iter().any(|o| o.lever == r.lever) {
                return Err(format!("lever {} given more than once", r.lever.key()));
            }
        }
        let mut scenario = s.clone();
        scenario.years = month.div_ceil(12) as u32;
        let levers: Vec<Lever> = ranges.iter().map(|r| r.lever).collect();
        let grids: Vec<Vec<f64>> = ranges.iter().map(LeverRange::grid).collect();
        let start_values: Vec<f64> = levers.iter().map(|&l| s.levers[l]).collect();
        let start = grids
            .iter()
            .zip(&start_values)
            .map(|(g, &v)| {
                (0..g.len())
                    .min_by(|&a, &b| (g[a] - v).abs().total_cmp(&(g[b] - v).abs()))
                    .unwrap_or(0)
            })
            .collect();
        let mut plans = scenario.clone();
        plans.levers[Lever::FundingGrowth] = Lever::FundingGrowth.spec().default;
        let (_, _, plans_allocation) = run_to(base, &plans, target.metric, month);
        Ok(Search {
            base,
            scenario,
            metric: target.metric,
            month,
            levers,
            grids,
            start_values,
            start,
            plans_allocation,
            memo: BTreeMap::new(),
            runs: 1,
        })
    }

    fn scenario_at(&self, x: &[usize]) -> Scenario {
        let mut s = self.scenario.clone();
        for (i, &l) in self.levers.iter().enumerate() {
            s.levers[l] = self.grids[i][x[i]];
        }
        s
    }

    fn eval(&mut self, x: &[usize]) -> Eval {
        if let Some(e) = self.memo.get(x) {
            return *e;
        }
        let s = self.scenario_at(x);
        let (value, mut cost, allocation) = run_to(self.base, &s, self.metric, self.month);
        cost.extra_allocation_gbp_m = allocation - self.plans_allocation;
        // The scenario's cost counts the allocation above current plans' funding growth as
        // extra funding already (`MonthRecord::funding_above_plans_gbp_m`).
        cost.total_gbp_m = cost.cost_gbp_m;
        self.runs += 1;
        let e = Eval { value, cost };
        self.memo.insert(x.to_vec(), e);
        e
    }

    fn met(&mut self, x: &[usize], t: &Target) -> bool {
        let v = self.eval(x).value;
        t.is_met(v)
    }

    /// Each lever's change from its start as a share of its whole range, summed.
    fn change(&self, x: &[usize]) -> f64 {
        self.levers
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let spec = l.spec();
                (self.grids[i][x[i]] - self.start_values[i]).abs() / (spec.max - spec.min)
            })
            .sum()
    }

    /// Whether `a` is cheaper than `b`, or as cheap with a smaller change.
    fn better(&mut self, a: &[usize], b: &[usize]) -> bool {
        let (ca, cb) = (self.eval(a).cost.total_gbp_m, self.eval(b).cost.total_gbp_m);
        ca < cb - COST_TOLERANCE
            || (ca <= cb + COST_TOLERANCE && self.change(a) < self.change(b) - 1e-12)
    }

    /// One lever: every grid value with the others as in `x`; the index met nearest the
    /// start (the cheaper of two as near), if any.
    fn nearest_met(&mut self, x: &[usize], i: usize, t: &Target) -> Option<usize> {
        let mut best: Option<usize> = None;
        let mut y = x.to_vec();
        let distance: Vec<f64> = self.grids[i]
            .iter()
            .map(|v| (v - self.start_values[i]).abs())
            .collect();
        let d = |k: usize| distance[k];
        for k in 0..self.grids[i].len() {
            y[i] = k;
            if !self.met(&y, t) {
                continue;
            }
            best = match best {
                None => Some(k),
                Some(b) if d(k) < d(b) - 1e-12 => Some(k),
                Some(b) if d(k) <= d(b) + 1e-12 => {
                    let mut z = x.to_vec();
                    z[i] = b;
                    if self.better(&y, &z) {
                        Some(k)
                    } else {
                        Some(b)
                    }
                }
                keep => keep,
            };
        }
        best
    }

    /// Lever `i` as near its start as it can be with the target still met and the cost no
    /// higher, found by bisection between the start and `x[i]`: the result keeps both and
    /// one step nearer the start does not (or is the start). A lever moved the cheap way
    /// (a cut that saves money) stays where it is: stepping it back costs more.
    fn step_back(&mut self, x: &mut [usize], i: usize, t: &Target) -> bool {
        let s = self.start[i];
        if x[i] == s {
            return false;
        }
        let limit = self.eval(x).cost.total_gbp_m + COST_TOLERANCE;
        let mut y = x.to_vec();
        let mut ok = |search: &mut Self, k: usize| {
            y[i] = k;
            search.met(&y, t) && search.eval(&y).cost.total_gbp_m <= limit
        };
        if ok(self, s) {
            x[i] = s;
            return true;
        }
        // `lo` (nearer the start) fails, `hi` keeps both; indices move one way from the start.
        let (mut lo, mut hi) = (s as i64, x[i] as i64);
        while (hi - lo).abs() > 1 {
            let mid = (lo + hi) / 2;
            if ok(self, mid as usize) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        let moved = hi as usize != x[i];
        x[i] = hi as usize;
        moved
    }

    fn step_back_all(&mut self, x: &mut [usize], t: &Target) {
        for _ in 0..MAX_ROUNDS {
            let mut moved = false;
            for i in 0..x.len() {
                moved |= self.step_back(x, i, t);
            }
            if !moved {
                break;
            }
        }
    }

    /// The least move of lever `j` in direction `dir` (+1 or -1) from `y[j]` that meets the
    /// target (bisection towards the range end), if the range end meets it.
    fn least_forward(&mut self, y: &[usize], j: usize, dir: i64, t: &Target) -> Option<usize> {
        let end = if dir > 0 {
            self.grids[j].len() as i64 - 1
        } else {
            0
        };
        if end == y[j] as i64 {
            return None;
        }
        let mut z = y.to_vec();
        z[j] = end as usize;
        if !self.met(&z, t) {
            return None;
        }
        let (mut lo, mut hi) = (y[j] as i64, end);
        while (hi - lo).abs() > 1 {
            let mid = (lo + hi) / 2;
            z[j] = mid as usize;
            if self.met(&z, t) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        Some(hi as usize)
    }

    /// Steps back, then exchanges (one lever moved 1, 2, 4, ... steps either way, another
    /// forward, away from its start, by the least that meets the target), keeping each that
    /// is cheaper, until none is.
    fn polish(&mut self, mut x: Vec<usize>, t: &Target) -> Vec<usize> {
        for _ in 0..MAX_ROUNDS {
            self.step_back_all(&mut x, t);
            let mut improved = false;
            'pairs: for i in 0..x.len() {
                let n = self.grids[i].len() as i64;
                let xi = x[i] as i64;
                let moves: Vec<i64> = [1i64, -1]
                    .into_iter()
                    .flat_map(|dir| {
                        (0..)
                            .map(move |p| dir << p)
                            .take_while(move |m| (0..n).contains(&(xi + m)))
                    })
                    .collect();
                for m in moves {
                    let mut y = x.clone();
                    y[i] = (x[i] as i64 + m) as usize;
                    if self.met(&y, t) {
                        if self.better(&y, &x) {
                            x = y;
                            improved = true;
                            break 'pairs;
                        }
                        continue;
                    }
                    for j in (0..x.len()).filter(|&j| j != i) {
                        let away = (x[j] as i64 - self.start[j] as i64).signum();
                        let dirs: &[i64] = if away == 0 { &[1, -1] } else { &[away] };
                        for &dir in dirs {
                            if let Some(k) = self.least_forward(&y, j, dir, t) {
                                let mut z = y.clone();
                                z[j] = k;
                                if self.better(&z, &x) {
                                    x = z;
                                    improved = true;
                                    break 'pairs;
                                }
                            }
                        }
                    }
                }
            }
            if !improved {
                break;
            }
        }
        x
    }

    /// Greedy climb: the move (one lever by 1, 2, 4, ... steps either way) with the most
    /// gain towards the target per pound, free moves first, until the target is met or no
    /// move gains.
    fn climb(&mut self, mut x: Vec<usize>, t: &Target) -> Vec<usize> {
        for _ in 0..MAX_ROUNDS {
            let here = self.eval(&x);
            let short = t.shortfall(here.value);
            if short == 0.0 {
                break;
            }
            // (free, score, change): free moves by gain then smaller change; others by
            // gain per pound.
            let mut best: Option<(Vec<usize>, bool, f64, f64)> = None;
            for i in 0..x.len() {
                let n = self.grids[i].len() as i64;
                for dir in [1i64, -1] {
                    let mut size = 1i64;
                    loop {
                        let k = x[i] as i64 + dir * size;
                        if !(0..n).contains(&k) {
                            break;
                        }
                        size *= 2;
                        let mut y = x.clone();
                        y[i] = k as usize;
                        let e = self.eval(&y);
                        let gain = short - t.shortfall(e.value);
                        if gain.is_nan() || gain <= 0.0 {
                            continue;
                        }
                        let dc = e.cost.total_gbp_m - here.cost.total_gbp_m;
                        let free = dc <= COST_TOLERANCE;
                        let score = if free { gain } else { gain / dc };
                        let change = self.change(&y);
                        let wins = match &best {
                            None => true,
                            Some((_, bf, bs, bc)) => {
                                (free && !bf)
                                    || (free == *bf
                                        && (score > *bs || (score == *bs && change < *bc)))
                            }
                        };
                        if wins {
                            best = Some((y, free, score, change));
                        }
                    }
                }
            }
            match best {
                Some((y, ..)) => x = y,
                None => break,
            }
        }
        x
    }

    /// Coordinate ascent on the metric: each lever in turn to its best grid value (the
    /// nearest its start among equals), until a sweep gains nothing or the target is met.
    fn ascend(&mut self, mut x: Vec<usize>, t: &Target) -> Vec<usize> {
        for _ in 0..MAX_ROUNDS {
            let mut gained = false;
            for i in 0..x.len() {
                let now = t.oriented(self.eval(&x).value);
                let mut best = (x[i], now);
                let mut y = x.clone();
                for k in 0..self.grids[i].len() {
                    y[i] = k;
                    let v = t.oriented(self.eval(&y).value);
                    if v > best.1 + PLATEAU_TOLERANCE * best.1.abs().max(1.0) {
                        best = (k, v);
                    }
                }
                if best.0 != x[i] {
                    x[i] = best.0;
                    gained = true;
                }
                if t.is_met(self.eval(&x).value) {
                    return x;
                }
            }
            if !gained {
                break;
            }
        }
        x
    }

    /// The target relaxed to the value reached at `x`: "at least as good as this".
    fn reached(&mut self, x: &[usize], t: &Target) -> Target {
        let v = self.eval(x).value;
        let slack = PLATEAU_TOLERANCE * v.abs().max(1.0);
        Target {
            comparison: if t.comparison.higher() {
                Comparison::AtLeast
            } else {
                Comparison::AtMost
            },
            threshold: if t.comparison.higher() {
                v - slack
            } else {
                v + slack
            },
            ..*t
        }
    }
}

/// Finds the smallest change of one lever, or the cheapest mix of several, within their
/// ranges, that meets `target` in the deterministic run of `scenario` (see the module
/// documentation); if none does, the most the levers reach. The other levers and the
/// assumptions stay as in `scenario`.
pub fn solve(
    base: &Baseline,
    scenario: &Scenario,
    target: &Target,
    ranges: &[LeverRange],
) -> Result<Solution, String> {
    let mut search = Search::new(base, scenario, target, ranges)?;
    let start = search.start.clone();
    let t = *target;
    let mut monotone = None;
    let (x, met) = if search.levers.len() == 1 {
        let values: Vec<f64> = (0..search.grids[0].len())
            .map(|k| t.oriented(search.eval(&[k]).value))
            .collect();
        let rising = values.windows(2).all(|w| w[1] >= w[0]);
        let falling = values.windows(2).all(|w| w[1] <= w[0]);
        monotone = Some(rising || falling);
        match search.nearest_met(&start, 0, &t) {
            Some(k) => (vec![k], true),
            None => {
                let best = (0..values.len())
                    .max_by(|&a, &b| values[a].total_cmp(&values[b]))
                    .unwrap_or(0);
                let reached = search.reached(&[best], &t);
                let k = search.nearest_met(&start, 0, &reached).unwrap_or(best);
                (vec![k], false)
            }
        }
    } else if search.met(&start, &t) {
        (start.clone(), true)
    } else {
        let mut x = search.climb(start.clone(), &t);
        if !search.met(&x, &t) {
            x = search.ascend(x, &t);
        }
        if search.met(&x, &t) {
            // Polish the climb's point and each lever's own smallest change; keep the
            // cheapest.
            let mut best = search.polish(x, &t);
            for i in 0..start.len() {
                if let Some(k) = search.nearest_met(&start, i, &t) {
                    let mut y = start.clone();
                    y[i] = k;
                    let y = search.polish(y, &t);
                    if search.better(&y, &best) {
                        best = y;
                    }
                }
            }
            (best, true)
        } else {
            let reached = search.reached(&x, &t);
            (search.polish(x, &reached), false)
        }
    };
    let here = search.eval(&x);
    let there = search.eval(&start);
    let mut step_backs = Vec::new();
    for i in 0..x.len() {
        let s = search.start[i] as i64;
        let back = (s - x[i] as i64).signum();
        if back == 0 {
            continue;
        }
        let mut y = x.clone();
        y[i] = (x[i] as i64 + back) as usize;
        let e = search.eval(&y);
        step_backs.push(StepBack {
            lever: search.levers[i],
            value: search.grids[i][y[i]],
            metric_value: e.value,
            met: t.is_met(e.value),
            cost_gbp_m: e.cost.total_gbp_m,
        });
    }
    let mut solved = scenario.clone();
    let levers = ranges
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let value = search.grids[i][x[i]];
            solved.levers[r.lever] = value;
            SolvedLever {
                lever: r.lever,
                value,
                start: search.start_values[i],
                min: r.min,
                max: r.max,
            }
        })
        .collect();
    Ok(Solution {
        target: t,
        month: search.month,
        met: met && t.is_met(here.value),
        levers,
        value: here.value,
        start_value: there.value,
        cost: here.cost,
        start_cost: there.cost,
        step_backs,
        scenario: solved,
        runs: search.runs,
        monotone,
    })
}

/// Where a solved lever has gone past the farthest value named on its slider in the
/// direction it moved (productivity 3.8% a year against "workforce plan", 2%): further than
/// any figure its sources name, which the answer must say rather than offer as "the cheapest
/// mix" unremarked. The named value and its name; `None` within them, or for a lever that did
/// not move or names no value that way.
pub fn beyond_named(lever: Lever, from: f64, value: f64) -> Option<(f64, &'static str)> {
    let bands = lever.spec().bands;
    if value > from {
        let &(top, name) = bands.iter().max_by(|a, b| a.0.total_cmp(&b.0))?;
        (top > from && value > top).then_some((top, name))
    } else if value < from {
        let &(bottom, name) = bands.iter().min_by(|a, b| a.0.total_cmp(&b.0))?;
        (bottom < from && value < bottom).then_some((bottom, name))
    } else {
        None
    }
}

/// How often the Monte Carlo meets a target.
#[derive(Clone, Debug, PartialEq)]
pub struct Chance {
    pub runs: usize,
    pub seed: u64,
    /// Runs whose metric meets the target at the target month.
    pub met: usize,
    /// P5, P50 and P95 of the metric at the target month over the runs (nearest rank, as
    /// `run --runs N` reports them).
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    /// P10 and P90: the 80% range (8 in 10 runs fall between), as the app shows ranges.
    pub p10: f64,
    pub p90: f64,
}

/// Runs the Monte Carlo of `s` as `run --runs N --seed S` does (the same draws in the same
/// order, over the whole horizon) and counts the runs that meet `target`.
pub fn chance(
    base: &Baseline,
    s: &Scenario,
    target: &Target,
    runs: usize,
    seed: u64,
) -> Result<Chance, String> {
    let month = target.month(base.start, s.months())?;
    let runs = runs.max(1);
    let mut rng = StdRng::seed_from_u64(seed);
    let mut values = Vec::with_capacity(runs);
    for _ in 0..runs {
        let drawn = Scenario {
            assumptions: draw_assumptions(&s.assumptions, &mut rng),
            ..s.clone()
        };
        let mut start: Option<MonthRecord> = None;
        let mut value = f64::NAN;
        run(base, &drawn, None, Some(&mut rng), |r| {
            if r.month == 0 {
                start = Some(r.clone());
            }
            if r.month == month {
                value = target.metric.value(r, start.as_ref().unwrap_or(r));
            }
        });
        values.push(value);
    }
    let met = values.iter().filter(|&&v| target.is_met(v)).count();
    values.sort_by(f64::total_cmp);
    let q = |p: f64| values[((p * (runs - 1) as f64).round() as usize).min(runs - 1)];
    Ok(Chance {
        runs,
        seed,
        met,
        p5: q(0.05),
        p50: q(0.50),
        p95: q(0.95),
        p10: q(0.10),
        p90: q(0.90),
    })
}

/* Met in the central projection, and the chance (fresh-eyes finding 8) */

/// How likely "met" is, in words, from `met` of `runs` Monte Carlo runs: "no run",
/// "every run", "about a 1 in 3 chance" (a third or less: one in the nearest whole number),
/// "about a 4 in 10 chance" (above a third: tenths).
pub fn odds_in_words(met: usize, runs: usize) -> String {
    if runs == 0 {
        return "not run".into();
    }
    if met == 0 {
        return "no run met it".into();
    }
    if met == runs {
        return "every run met it".into();
    }
    let p = met as f64 / runs as f64;
    // "1 in N" reads well for a third or less (1 in 2 would overstate 42%).
    if p < 0.34 {
        format!("about a 1 in {} chance", (1.0 / p).round() as u64)
    } else {
        format!(
            "about a {} in 10 chance",
            ((10.0 * p).round() as u64).clamp(1, 9)
        )
    }
}

/// The headline of an answer once its chance is known: "Met" only when the target is met
/// in the central projection (every assumption at its central value) **and** in at least
/// half the Monte Carlo runs; below one half it says the central projection meets it but
/// the runs mostly do not, with the odds; without a chance, "Met in the central projection".
pub fn headline(met_central: bool, chance: Option<&Chance>) -> String {
    match (met_central, chance) {
        (false, _) => "Not met".into(),
        (true, None) => "Met in the central projection".into(),
        (true, Some(c)) if 2 * c.met >= c.runs => format!(
            "Met, in the central projection and in {} of {} runs allowing for uncertainty ({})",
            c.met,
            c.runs,
            odds_in_words(c.met, c.runs)
        ),
        (true, Some(c)) => format!(
            "Met in the central projection only: met in {} of {} runs allowing for uncertainty, {}",
            c.met,
            c.runs,
            odds_in_words(c.met, c.runs)
        ),
    }
}

/// Why the runs' median can lie far from the central projection, in one sentence, when it
/// does (the central projection meets the target and the median run does not): the central
/// projection sets every assumption at its median, but a waiting-list figure moves further
/// when an assumption turns out worse than when it turns out better (a queue whose capacity
/// falls short of demand grows month after month; one with spare capacity can only get so
/// short, and a share within 18 weeks cannot pass 100%), and some intervals reach further
/// down than up (the productivity gain delivered: 40% to 110% of the plan). So most runs
/// fall short of the central one. `None` when the median run meets the target too.
///
/// Also the converse, which a board asks when the answer says "not met" beside "met in 15 of
/// 100 runs": not met in the central projection, yet met in some runs.
pub fn why_runs_fall_short(target: &Target, central: f64, chance: &Chance) -> Option<String> {
    if !target.is_met(central) {
        return (chance.met > 0).then(|| {
            format!(
                "Why some runs meet it though the answer is not met: the answer is the central \
                 projection, every uncertain assumption at its middle value; in {} of {} runs the \
                 drawn assumptions (such as more of a productivity gain delivered) were \
                 favourable enough. Plan on the central projection, not on luck.",
                chance.met, chance.runs
            )
        });
    }
    if target.is_met(chance.p50) {
        return None;
    }
    Some(
        "Why most runs fall short of the central projection: it puts every uncertain \
         assumption at its middle value, but the figure falls further when one turns out worse \
         than it rises when one turns out better (a list short of capacity keeps growing; one \
         with spare capacity can only get so short)."
            .into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::monte_carlo;

    fn target(text: &str) -> Target {
        Target::parse(text).unwrap()
    }

    fn range(text: &str) -> LeverRange {
        LeverRange::parse(text).unwrap().0
    }

    #[test]
    fn an_answer_past_every_named_value_on_its_slider_is_flagged() {
        // Productivity names 0.8% (long-run average) and 2% (workforce plan).
        assert_eq!(
            beyond_named(Lever::Productivity, 0.8, 3.8),
            Some((2.0, "workforce plan"))
        );
        assert_eq!(beyond_named(Lever::Productivity, 0.8, 1.9), None);
        assert_eq!(beyond_named(Lever::Productivity, 0.8, 0.8), None);
        // Down past the lowest named value.
        let spec = Lever::FundingGrowth.spec();
        let (low, name) = *spec
            .bands
            .iter()
            .min_by(|a, b| a.0.total_cmp(&b.0))
            .unwrap();
        if low > spec.min {
            assert_eq!(
                beyond_named(Lever::FundingGrowth, spec.default, spec.min),
                Some((low, name))
            );
        }
    }

    #[test]
    fn a_target_not_met_centrally_but_met_in_some_runs_says_why() {
        let t = target("within_18_weeks_pct>=92@2029-03");
        let chance = |met| Chance {
            met,
            runs: 100,
            seed: 1,
            p5: 50.0,
            p10: 55.9,
            p50: 70.0,
            p90: 94.5,
            p95: 96.0,
        };
        let why = why_runs_fall_short(&t, 69.16, &chance(15)).expect("a reason");
        assert!(
            why.starts_with("Why some runs meet it though the answer is not met"),
            "{why}"
        );
        assert!(why.contains("in 15 of 100 runs"), "{why}");
        assert_eq!(why_runs_fall_short(&t, 69.16, &chance(0)), None);
        // Met centrally and in most runs: nothing to explain.
        let most = Chance {
            p50: 93.0,
            ..chance(60)
        };
        assert_eq!(why_runs_fall_short(&t, 92.5, &most), None);
    }

    #[test]
    fn targets_read_metric_comparison_threshold_and_month() {
        let t = target("within_18_weeks_pct>=92@2029-03");
        assert_eq!(t.metric, TargetMetric::Run(Metric::Within18WeeksPct));
        assert_eq!(t.comparison, Comparison::AtLeast);
        assert_eq!(t.threshold, 92.0);
        assert_eq!(t.period, Period::parse("2029-03").unwrap());
        let t = target(" over_52_weeks_pct < 1 @ 2026-03 ");
        assert_eq!(
            (t.metric, t.comparison, t.threshold),
            (TargetMetric::Over52WeeksPct, Comparison::Below, 1.0)
        );
        let t = target("le_gap_change_years<=-1@2035-03");
        assert_eq!(
            (t.metric, t.comparison, t.threshold),
            (TargetMetric::LeGapChange, Comparison::AtMost, -1.0)
        );
        assert_eq!(
            target("waiting_list>6e6@2030-01").comparison,
            Comparison::Above
        );
        assert!(t.is_met(-1.0) && !t.is_met(-0.99));
        assert!(!target("waiting_list<5@2030-01").is_met(5.0));
    }

    #[test]
    fn malformed_targets_are_one_line_messages() {
        for bad in [
            "",
            "within_18_weeks_pct",
            "within_18_weeks_pct>=92",
            "within_18_weeks_pct=92@2029-03",
            "within_18_weeks_pct=>92@2029-03",
            ">=92@2029-03",
            "bogus>=92@2029-03",
            "within_18_weeks_pct>=abc@2029-03",
            "within_18_weeks_pct>=inf@2029-03",
            "within_18_weeks_pct>=92@2029-3",
            "within_18_weeks_pct>=92@2029-13",
            "within_18_weeks_pct>=92@March 2029",
        ] {
            let e = Target::parse(bad).expect_err(bad);
            assert!(!e.contains('\n') && !e.is_empty(), "{bad}: {e}");
        }
        assert!(Target::parse("bogus>=1@2029-03")
            .unwrap_err()
            .contains("over_52_weeks_pct"));
    }

    #[test]
    fn the_target_month_counts_from_the_data_start_within_the_horizon() {
        let start = Period::parse("2025-03").unwrap();
        let t = target("within_18_weeks_pct>=92@2029-03");
        assert_eq!(t.month(start, 120), Ok(48));
        assert_eq!(t.month(Period::parse("2025-04").unwrap(), 120), Ok(47));
        assert!(t
            .month(start, 47)
            .unwrap_err()
            .contains("beyond the horizon"));
        assert!(target("waiting_list<1@2025-03")
            .month(start, 120)
            .unwrap_err()
            .contains("not after the start"));
        assert_eq!(target("waiting_list<1@2035-03").month(start, 120), Ok(120));
    }

    #[test]
    fn lever_ranges_keep_to_the_levers_range_and_step() {
        let r = range("productivity_pct");
        assert_eq!((r.min, r.max), (0.0, 4.0));
        let g = r.grid();
        assert_eq!(g.len(), 41);
        // Every value reads back from its text as the same number.
        for v in &g {
            assert_eq!(v.to_string().parse::<f64>().unwrap(), *v);
        }
        assert!(g.contains(&1.7) && g.contains(&0.3));
        let (r, note) = LeverRange::parse("recruitment_pct=2.5..10.5").unwrap();
        assert_eq!((r.min, r.max), (3.0, 10.0));
        assert!(note.unwrap().contains("3..10"));
        assert_eq!(LeverRange::parse("recruitment_pct=-5..10").unwrap().1, None);
        for bad in [
            "bogus",
            "demand_growth_pct",
            "productivity_pct=3..1",
            "productivity_pct=0..9",
            "productivity_pct=1",
            "productivity_pct=a..b",
            "training_places_pct=1..4",
        ] {
            let e = LeverRange::parse(bad).expect_err(bad);
            assert!(!e.contains('\n'), "{e}");
        }
        assert!(LeverRange::parse("demand_growth_pct")
            .unwrap_err()
            .contains("assumption"));
    }

    #[test]
    fn one_lever_finds_the_smallest_change_that_meets_the_target() {
        let base = Baseline::england();
        let s = Scenario::default();
        let t = target("within_18_weeks_pct>=65@2028-03");
        let sol = solve(&base, &s, &t, &[range("productivity_pct")]).unwrap();
        assert!(sol.met, "{sol:?}");
        assert!(t.is_met(sol.value));
        let v = sol.levers[0].value;
        assert!(v > 0.8 && v <= 4.0, "{v}");
        assert_eq!(sol.monotone, Some(true));
        // One step less does not meet it, and the full run agrees with the search's.
        assert_eq!(sol.step_backs.len(), 1);
        assert!(!sol.step_backs[0].met);
        let p = crate::model::simulate(&base, &sol.scenario);
        assert_eq!(Metric::Within18WeeksPct.of(&p.months[sol.month]), sol.value);
        assert_eq!(
            p.months[sol.month].cumulative_cost_gbp_m,
            sol.cost.cost_gbp_m
        );
        let mut less = sol.scenario.clone();
        less.levers[Lever::Productivity] = sol.step_backs[0].value;
        let p = crate::model::simulate(&base, &less);
        assert!(!t.is_met(Metric::Within18WeeksPct.of(&p.months[sol.month])));
    }

    #[test]
    fn a_target_out_of_reach_gives_the_most_the_levers_reach_within_range() {
        let base = Baseline::england();
        let s = Scenario::default();
        let t = target("within_18_weeks_pct>=99@2026-03");
        let sol = solve(&base, &s, &t, &[range("productivity_pct=0.8..2")]).unwrap();
        assert!(!sol.met);
        assert_eq!(sol.levers[0].value, 2.0);
        assert!(sol.value > sol.start_value && sol.value < 99.0);
        // Several levers: every one within its range, the value no better than the target.
        let sol = solve(
            &base,
            &s,
            &t,
            &[
                range("productivity_pct=0.8..2"),
                range("recruitment_pct=0..10"),
            ],
        )
        .unwrap();
        assert!(!sol.met);
        for l in &sol.levers {
            assert!(l.value >= l.min && l.value <= l.max, "{l:?}");
        }
        assert!(sol.value < 99.0);
    }

    #[test]
    fn two_levers_find_the_cheapest_point_of_the_grid() {
        let base = Baseline::england();
        let s = Scenario::default();
        let t = target("within_18_weeks_pct>=66@2027-03");
        let ranges = [
            range("productivity_pct=0.8..3"),
            range("extra_funding_gbp_per_head=0..60"),
        ];
        let sol = solve(&base, &s, &t, &ranges).unwrap();
        assert!(sol.met, "{sol:?}");
        // Every point of the grid, by brute force.
        let mut cheapest = f64::INFINITY;
        for &a in &ranges[0].grid() {
            for &b in &ranges[1].grid() {
                let one = |l: Lever, v: f64| LeverRange {
                    lever: l,
                    min: v,
                    max: v,
                };
                let p = solve(
                    &base,
                    &s,
                    &t,
                    &[one(Lever::Productivity, a), one(Lever::ExtraFunding, b)],
                )
                .unwrap();
                if p.met {
                    cheapest = cheapest.min(p.cost.total_gbp_m);
                }
            }
        }
        assert!(
            (sol.cost.total_gbp_m - cheapest).abs() < 1e-6,
            "search {} against the grid's cheapest {cheapest}",
            sol.cost.total_gbp_m
        );
        for b in &sol.step_backs {
            assert!(!b.met || b.cost_gbp_m > sol.cost.total_gbp_m, "{b:?}");
        }
    }

    #[test]
    fn already_met_needs_no_change() {
        let base = Baseline::england();
        let s = Scenario::default();
        let t = target("waiting_list<=20000000@2026-03");
        for ranges in [
            vec![range("recruitment_pct")],
            vec![range("recruitment_pct"), range("productivity_pct")],
        ] {
            let sol = solve(&base, &s, &t, &ranges).unwrap();
            assert!(sol.met);
            assert!(sol.levers.iter().all(|l| l.value == l.start), "{sol:?}");
            assert!(sol.step_backs.is_empty());
        }
    }

    #[test]
    fn the_chance_counts_the_same_runs_as_the_monte_carlo() {
        let base = Baseline::england();
        let s = Scenario {
            years: 2,
            ..Scenario::default()
        };
        let t = target("within_18_weeks_pct>=60@2026-03");
        let c = chance(&base, &s, &t, 21, 3).unwrap();
        let mc = monte_carlo(&base, &s, 21, 3);
        let q = mc.fan(Metric::Within18WeeksPct).quantiles[12];
        assert_eq!(
            [c.p5, c.p10, c.p50, c.p90, c.p95],
            [q.p5, q.p10, q.p50, q.p90, q.p95]
        );
        assert!(c.met <= c.runs);
        // Below the lowest run: met in none; at or below it: met in all.
        let low = Target {
            threshold: c.p5 - 50.0,
            ..t
        };
        assert_eq!(chance(&base, &s, &low, 21, 3).unwrap().met, 21);
        let high = Target {
            threshold: c.p95 + 50.0,
            ..t
        };
        assert_eq!(chance(&base, &s, &high, 21, 3).unwrap().met, 0);
    }

    #[test]
    fn derived_metrics_read_from_the_run() {
        let base = Baseline::england();
        let p = crate::model::simulate(&base, &Scenario::default());
        let (m0, m) = (&p.months[0], &p.months[12]);
        let pct = TargetMetric::Over52WeeksPct.value(m, m0);
        assert!(
            (pct - 100.0 * Metric::Over52Weeks.of(m) / Metric::WaitingList.of(m)).abs() < 1e-12
        );
        // England, March 2025: 180,243 of 7,418,598, 2.4% (NHS England RTT).
        let at0 = TargetMetric::Over52WeeksPct.value(m0, m0);
        assert!((at0 - 2.43).abs() < 0.05, "{at0}");
        assert_eq!(TargetMetric::LeGapChange.value(m0, m0), 0.0);
        for key in TargetMetric::keys() {
            assert_eq!(TargetMetric::from_key(key).unwrap().key(), key);
        }
    }
}
