//! Uncertainty: many runs with the assumptions drawn from their 80% intervals, summarised as
//! per-month quantiles for fan charts. Runs are independent; a seed fixes them all.

use super::baseline::Baseline;
use super::levers::{Assumption, AssumptionValues};
use super::math::std_normal;
use super::projection::Metric;
use super::simulate::{reference_lists, run, ListReference, Scenario};
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

/// The quantiles reported for every metric and month.
pub const QUANTILES: [f64; 5] = [0.05, 0.25, 0.50, 0.75, 0.95];
/// The z-score of the 90th percentile: an 80% interval spans +-1.2816 sd.
const Z90: f64 = 1.281_551_565_545;

/// P5, P25, P50, P75, P95 of one metric, one entry per month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fan {
    pub metric: &'static str,
    pub quantiles: Vec<[f64; 5]>,
}

/// A Monte Carlo summary: one fan per metric in [`Metric::ALL`] order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonteCarlo {
    pub runs: usize,
    pub seed: u64,
    pub fans: Vec<Fan>,
}

impl MonteCarlo {
    pub fn fan(&self, m: Metric) -> &Fan {
        &self.fans[Metric::ALL
            .iter()
            .position(|x| *x == m)
            .expect("every metric has a fan")]
    }
}

/// Draws each uncertain assumption from a split normal: median at the scenario's value,
/// each side scaled so the spec's 80% interval (moved with the value) holds, and clamped to
/// the assumption's range.
pub fn draw_assumptions(central: &AssumptionValues, rng: &mut StdRng) -> AssumptionValues {
    let mut out = *central;
    for &a in Assumption::ALL {
        let spec = a.spec();
        if let Some((lo, hi)) = spec.uncertainty {
            let z = std_normal(rng.random::<f64>(), rng.random::<f64>());
            let half = if z < 0.0 {
                spec.default - lo
            } else {
                hi - spec.default
            };
            out[a] = (central[a] + z * half / Z90).clamp(spec.min, spec.max);
        }
    }
    out
}

/// Runs `runs` stochastic projections of the scenario and summarises them.
pub fn monte_carlo(base: &Baseline, s: &Scenario, runs: usize, seed: u64) -> MonteCarlo {
    let mut mc = MonteCarloRun::new(s, runs, seed);
    mc.advance(base, runs);
    mc.summary()
}

/// A Monte Carlo that can be run a few runs at a time (so a browser can keep drawing
/// between chunks) and summarised at any point. Advanced to the end, its summary equals
/// [`monte_carlo`] with the same arguments.
pub struct MonteCarloRun {
    scenario: Scenario,
    runs: usize,
    done: usize,
    seed: u64,
    rng: StdRng,
    months: usize,
    /// [metric][month][run], so each (metric, month) is a contiguous slice of runs.
    values: Vec<f64>,
    /// Current plans' list under the central assumptions: every draw's removals respond to
    /// its list relative to this (see `simulate`).
    reference: Option<ListReference>,
}

impl MonteCarloRun {
    pub fn new(s: &Scenario, runs: usize, seed: u64) -> Self {
        let runs = runs.max(1);
        let months = s.months() + 1;
        MonteCarloRun {
            scenario: s.clone(),
            runs,
            done: 0,
            seed,
            rng: StdRng::seed_from_u64(seed),
            months,
            values: vec![0.0; Metric::ALL.len() * months * runs],
            reference: None,
        }
    }

    /// Completes up to `n` more runs; returns how many are done in all.
    pub fn advance(&mut self, base: &Baseline, n: usize) -> usize {
        let end = (self.done + n).min(self.runs);
        let (months, runs) = (self.months, self.runs);
        for i in self.done..end {
            let drawn = Scenario {
                assumptions: draw_assumptions(&self.scenario.assumptions, &mut self.rng),
                ..self.scenario.clone()
            };
            let values = &mut self.values;
            let reference = self
                .reference
                .get_or_insert_with(|| reference_lists(base, &self.scenario));
            run(base, &drawn, Some(reference), Some(&mut self.rng), |r| {
                for (m, metric) in Metric::ALL.iter().enumerate() {
                    values[(m * months + r.month) * runs + i] = metric.of(r);
                }
            });
        }
        self.done = end;
        end
    }

    pub fn done(&self) -> usize {
        self.done
    }

    pub fn is_finished(&self) -> bool {
        self.done == self.runs
    }

    /// Quantiles over the runs done so far (at least one must be done for meaningful fans).
    pub fn summary(&self) -> MonteCarlo {
        let n = self.done.max(1);
        // One buffer for every (metric, month): the summary runs after every chunk.
        let mut keys = Vec::with_capacity(n);
        let fans = Metric::ALL
            .iter()
            .enumerate()
            .map(|(m, metric)| Fan {
                metric: metric.key(),
                quantiles: (0..self.months)
                    .map(|month| {
                        let start = (m * self.months + month) * self.runs;
                        quantiles(&self.values[start..start + n], &mut keys)
                    })
                    .collect(),
            })
            .collect();
        MonteCarlo {
            runs: self.done,
            seed: self.seed,
            fans,
        }
    }
}

/// Nearest-rank quantiles, found by selection rather than a full sort. The quantiles rise,
/// so each is selected only among the values above the last one found (a selection leaves
/// everything after its rank no smaller): about 3.5 passes over the runs instead of 5. The
/// values are compared as integers that order as `f64::total_cmp` does, which selects
/// faster than comparing floats. `keys` is scratch space, reused between calls.
fn quantiles(v: &[f64], keys: &mut Vec<i64>) -> [f64; 5] {
    keys.clear();
    keys.extend(v.iter().map(|&x| order_key(x)));
    let n = keys.len();
    let mut from = 0;
    let mut last = i64::MIN;
    QUANTILES.map(|p| {
        let k = ((p * (n - 1) as f64).round() as usize).min(n - 1);
        if k >= from {
            last = *keys[from..].select_nth_unstable(k - from).1;
            from = k + 1;
        }
        from_order_key(last)
    })
}

/// An integer that orders as `f64::total_cmp` orders the floats (negative floats' bits
/// flipped so larger magnitudes sort lower).
fn order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

fn from_order_key(key: i64) -> f64 {
    f64::from_bits((key ^ (((key >> 63) as u64) >> 1) as i64) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_runs_equal_one_go() {
        let base = Baseline::england();
        let s = Scenario {
            years: 2,
            ..Scenario::default()
        };
        let mut mc = MonteCarloRun::new(&s, 30, 5);
        while !mc.is_finished() {
            mc.advance(&base, 7);
        }
        assert_eq!(mc.summary(), monte_carlo(&base, &s, 30, 5));
    }

    #[test]
    fn quantiles_match_a_full_sort() {
        for n in [1usize, 2, 3, 7, 100, 1000, 1001] {
            // Repeats, negatives and fractions, as a fan's values have.
            let v: Vec<f64> = (0..n)
                .map(|i| (((i * 7919) % 1009) as f64 - 500.0) * 0.37)
                .collect();
            let mut sorted = v.clone();
            sorted.sort_by(f64::total_cmp);
            let expect =
                QUANTILES.map(|p| sorted[((p * (n - 1) as f64).round() as usize).min(n - 1)]);
            assert_eq!(quantiles(&v, &mut Vec::new()), expect, "n = {n}");
        }
    }

    #[test]
    fn order_keys_order_as_total_cmp_and_round_trip() {
        let xs = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -f64::MIN_POSITIVE,
            -0.0,
            0.0,
            f64::MIN_POSITIVE,
            1.0,
            3e12,
            f64::INFINITY,
        ];
        for (a, b) in xs.iter().zip(&xs[1..]) {
            assert!(order_key(*a) < order_key(*b), "{a} before {b}");
        }
        for x in xs {
            assert_eq!(from_order_key(order_key(x)).to_bits(), x.to_bits());
        }
    }
}
