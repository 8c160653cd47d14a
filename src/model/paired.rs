//! Paired Monte Carlo runs: how sure the model is that a scenario differs from current plans
//! (the board's question, "how sure are we it is better?").
//!
//! The 80% range of a difference is not the difference of two 80% ranges: the uncertain
//! assumptions move the scenario and its current plans together (a higher demand growth
//! lengthens both lists), so most of the spread of each level cancels in their difference.
//! Each run here draws its assumptions and month-to-month noise once and runs both the
//! scenario and its current plans under them; the range is the nearest-rank P10 to P90 of the
//! per-run differences (scenario minus current plans), as the fans' quantiles.
//!
//! The scenario's runs are the fans' runs: run `i` draws what run `i` of
//! [`MonteCarloRun`](super::monte_carlo::MonteCarloRun) draws with the same seed, so the
//! scenario's quantiles at the month equal its fan's (tested). Current plans take the same
//! uniform numbers for their assumptions and the same noise, from a second copy of the
//! seed's stream kept in step (tested). Only the chosen month is kept.

use super::baseline::Baseline;
use super::monte_carlo::{quantiles_of, MonteCarloRun, Observer, Quantiles};
use super::projection::Metric;
use super::simulate::Scenario;

/// Paired runs of a scenario and its current plans at one month, done a few at a time.
pub struct PairedRun {
    /// The two Monte Carlos, the scenario's and current plans', with the same seed: run `i`
    /// of each draws the same numbers (a run takes the same count of numbers whatever its
    /// levers: one per uncertain assumption, two every two months; tested).
    sides: [MonteCarloRun; 2],
    runs: usize,
    month: usize,
    /// Each metric's value at the month, [metric][run], for the scenario and for current plans.
    values: [Vec<f64>; 2],
}

/// The difference between a scenario and its current plans at one month over paired runs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairedDifference {
    /// Quantiles of the per-run differences (scenario minus current plans).
    pub quantiles: Quantiles,
    /// Runs where the scenario's figure is above, and below, current plans'.
    pub higher: usize,
    pub lower: usize,
    pub runs: usize,
}

impl PairedRun {
    /// `runs` paired runs with `seed` (the fans' seed gives the fans' runs), keeping `month`
    /// (clamped to the horizon).
    pub fn new(
        scenario: &Scenario,
        plans: &Scenario,
        runs: usize,
        seed: u64,
        month: usize,
    ) -> Self {
        let runs = runs.max(1);
        let cells = Metric::ALL.len() * runs;
        PairedRun {
            sides: [
                MonteCarloRun::new(scenario, runs, seed),
                MonteCarloRun::new(plans, runs, seed),
            ],
            runs,
            month: month.min(scenario.months()),
            values: [vec![0.0; cells], vec![0.0; cells]],
        }
    }

    /// Completes up to `n` more pairs; returns whether all are done.
    pub fn advance(&mut self, base: &Baseline, n: usize) -> bool {
        let (runs, month) = (self.runs, self.month);
        for (side, values) in self.sides.iter_mut().zip(&mut self.values) {
            // Through the one `dyn` observer the fans use, so the wasm holds one run loop.
            let observe: Observer = &mut |i, _, r| {
                if r.month == month {
                    for (m, metric) in Metric::ALL.iter().enumerate() {
                        values[m * runs + i] = metric.of(r);
                    }
                }
            };
            side.advance_with(base, n, observe);
        }
        self.done() == self.runs
    }

    /// Pairs done so far.
    pub fn done(&self) -> usize {
        self.sides[0].done().min(self.sides[1].done())
    }

    /// The month kept, months from month 0.
    pub fn month(&self) -> usize {
        self.month
    }

    /// The difference in `metric` over the pairs done so far (`None` before the first).
    pub fn difference(&self, metric: Metric) -> Option<PairedDifference> {
        let m = Metric::ALL.iter().position(|x| *x == metric)?;
        let done = self.done();
        let at = |k: usize| &self.values[k][m * self.runs..m * self.runs + done];
        let d: Vec<f64> = at(0).iter().zip(at(1)).map(|(s, c)| s - c).collect();
        (!d.is_empty()).then(|| PairedDifference {
            quantiles: quantiles_of(&d),
            higher: d.iter().filter(|&&x| x > 0.0).count(),
            lower: d.iter().filter(|&&x| x < 0.0).count(),
            runs: d.len(),
        })
    }

    /// The scenario's own quantiles of `metric` at the month over the pairs done (its fan's).
    pub fn scenario_quantiles(&self, metric: Metric) -> Option<Quantiles> {
        let m = Metric::ALL.iter().position(|x| *x == metric)?;
        let v = &self.values[0][m * self.runs..m * self.runs + self.done()];
        (!v.is_empty()).then(|| quantiles_of(v))
    }
}

/// All `runs` paired runs at once (the CLI's and the tests' way).
pub fn paired_run(
    base: &Baseline,
    scenario: &Scenario,
    plans: &Scenario,
    runs: usize,
    seed: u64,
    month: usize,
) -> PairedRun {
    let mut p = PairedRun::new(scenario, plans, runs, seed, month);
    p.advance(base, runs);
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{monte_carlo, Lever, LeverValues};

    fn england(recruitment: f64) -> (Baseline, Scenario, Scenario) {
        let base = Baseline::england();
        let mut s = Scenario::default();
        let plans = Scenario {
            levers: LeverValues::default(),
            ..s.clone()
        };
        s.levers[Lever::Recruitment] = recruitment;
        (base, s, plans)
    }

    /// The scenario's side of the pairs is the fans' runs: its quantiles at the month are
    /// the fan's, every metric.
    #[test]
    fn the_scenarios_runs_are_the_fans_runs() {
        let (base, s, plans) = england(20.0);
        let month = 48;
        let p = paired_run(&base, &s, &plans, 40, 2025, month);
        let mc = monte_carlo(&base, &s, 40, 2025);
        for &metric in Metric::ALL {
            assert_eq!(
                p.scenario_quantiles(metric).unwrap(),
                mc.fan(metric).quantiles[month],
                "{metric:?}"
            );
        }
    }

    /// Current plans against themselves differ in no run; a scenario's range holds its
    /// central difference and is narrower than the two levels' ranges would suggest.
    #[test]
    fn a_paired_difference_is_zero_against_itself_and_holds_the_central_difference() {
        let (base, s, plans) = england(20.0);
        let month = 48;
        let same = paired_run(&base, &plans, &plans, 30, 2025, month);
        let d = same.difference(Metric::WaitingList).unwrap();
        assert_eq!(
            (d.quantiles.p10, d.quantiles.p90, d.higher, d.lower),
            (0.0, 0.0, 0, 0)
        );
        let p = paired_run(&base, &s, &plans, 60, 2025, month);
        let central = Metric::WaitingList.of(&crate::model::simulate(&base, &s).months[month])
            - Metric::WaitingList.of(&crate::model::simulate(&base, &plans).months[month]);
        let d = p.difference(Metric::WaitingList).unwrap();
        let (lo, hi) = d.quantiles.range_80();
        assert!(lo <= central && central <= hi, "{lo} {central} {hi}");
        assert!(
            hi < 0.0,
            "recruitment shortens the list in every run: {lo} to {hi}"
        );
        assert_eq!(d.lower, 60);
        // Narrower than the difference of the levels' quantiles would claim.
        let levels = p
            .scenario_quantiles(Metric::WaitingList)
            .unwrap()
            .range_80();
        assert!(
            hi - lo < levels.1 - levels.0,
            "{lo}..{hi} against {levels:?}"
        );
    }

    /// The two sides take the same count of random numbers whatever the levers, so run `i`
    /// of each draws the same: with every lever at its highest, current plans' side of the
    /// pairs is current plans' own Monte Carlo, run for run.
    #[test]
    fn the_two_sides_draw_the_same_numbers_whatever_the_levers() {
        let base = Baseline::england();
        let mut s = Scenario::default();
        for &lever in Lever::ALL {
            s.levers[lever] = lever.spec().max;
        }
        let plans = Scenario {
            levers: LeverValues::default(),
            ..s.clone()
        };
        // Each run's drawn assumptions, side by side: were a run of one side to take more
        // numbers than the other's, the next run's draws would differ.
        let draws = |sc: &Scenario| {
            let mut out = vec![None; 5];
            let mut mc = MonteCarloRun::new(sc, 5, 7);
            mc.advance_with(&base, 5, |i, drawn: &Scenario, _| {
                out[i] = Some(drawn.assumptions);
            });
            out
        };
        let (a, b) = (draws(&s), draws(&plans));
        assert!(a.iter().all(Option::is_some));
        assert_eq!(a, b);
        assert_ne!(a[0], a[1], "runs draw different assumptions");
    }
}
