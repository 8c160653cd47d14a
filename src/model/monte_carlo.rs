//! Uncertainty: many runs with the assumptions drawn from their 80% intervals, summarised as
//! per-month quantiles for fan charts. Runs are independent; a seed fixes them all.
//!
//! # How an assumption is drawn
//!
//! Each assumption with an 80% interval (`ParamSpec::uncertainty`, written around its
//! default) is drawn from a **split normal truncated to the assumption's range**:
//!
//! - The interval moves with the value set: at a central value `c`, the 80% interval is
//!   `c - (default - P10)` to `c + (P90 - default)`.
//! - Below `c` the distribution is the lower half of a normal with standard deviation
//!   `(default - P10) / 1.2816`, above it the upper half of one with `(P90 - default) / 1.2816`,
//!   so untruncated, `c` is the median and the moved interval is the 10th to 90th percentile.
//! - Whatever of that distribution lies outside the range `[min, max]` is removed and the rest
//!   scaled up (inverse-CDF sampling between the CDF's values at `min` and `max`): no draw
//!   falls outside the range and none piles up on its ends, as clamping would make them.
//!   Where nothing is cut the median stays at `c`; where a range end cuts into the distribution
//!   the median moves away from that end (at `c` on the end itself, the draws are the one
//!   remaining half-normal, median `c + 0.674` standard deviations).
//!
//! Whenever a range end cuts the moved 80% interval, [`truncation_notes`] says so: the CLI
//! prints the notes on standard error and in its JSON, the app beside the fans.
//!
//! # Quantiles
//!
//! Up to [`EXACT_MAX_VALUES`] stored figures (every run's figure for every metric and month;
//! 1,000 runs over 20 years is under a seventh of it), quantiles are exact nearest-rank
//! quantiles. Above it (from about 8,200 runs over 20 years or 16,300 over 10, with today's 17
//! metrics), each metric and month is summarised by a t-digest (Apache DataSketches, k =
//! [`TDIGEST_K`]), which keeps memory at about 50 kB per metric and month whatever the number
//! of runs (100,000 runs over 20 years: 204 MB at peak, against 3.2 GB keeping every figure),
//! and quantiles are approximate: see [`TDIGEST_ERROR`] and [`TDIGEST_RANK_ERROR`] for the
//! error measured against the exact quantiles.

use super::baseline::Baseline;
use super::levers::{Assumption, AssumptionValues};
use super::projection::{Metric, MonthRecord};
use super::simulate::{reference_lists, run, ListReference, Scenario};
#[cfg(not(target_arch = "wasm32"))]
use datasketches::tdigest::TDigestMut;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

/// The quantiles reported for every metric and month, in [`Quantiles`]' field order. P10 and
/// P90 bound the 80% range the app and the board brief show (8 in 10 runs fall between);
/// P25 and P75 the middle half; P5 and P95 are kept for readers of the older 9-in-10 range.
pub const QUANTILES: [f64; 7] = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95];
/// The z-score of the 90th percentile: an 80% interval spans +-1.2816 sd.
const Z90: f64 = 1.281_551_565_545;

/// The most figures (runs x metrics x months) kept for exact quantiles: 32 Mi figures,
/// 256 MiB. Above it a t-digest per metric and month summarises the runs instead.
pub const EXACT_MAX_VALUES: usize = 32 << 20;
/// The t-digest's compression: about 2k centroids kept per metric and month.
pub const TDIGEST_K: u16 = 200;
/// The largest error measured in the t-digest's quantiles, as a share of the fan's width
/// (the exact P95 minus P5): every reported quantile was within this of the exact one.
/// Measured over every metric and month of 100,000 runs of England's current plans (one
/// year, where the exact quantiles fit in memory) by the test
/// `tdigest_quantiles_are_within_the_stated_error`: 0.096% at worst over P5, P25, P50, P75
/// and P95; 0.102% with P10 and P90 among them (2026-11-30); stated as 0.2%.
pub const TDIGEST_ERROR: f64 = 0.002;
/// The largest rank error measured in the same test, as a share of the runs, where no two
/// runs tie (measured: 0.113%; 0.101% with P10 and P90 among the quantiles): at 0.002, a reported P50 lies between the exact P49.8 and
/// P50.2, the worst place for a t-digest. (Where many
/// runs give the same figure, the rank error can be larger while the value is exact or
/// within [`TDIGEST_ERROR`].)
pub const TDIGEST_RANK_ERROR: f64 = 0.002;

/// One metric's quantiles at one month over the runs ([`QUANTILES`], in order). Named
/// fields, not an array, so no reader mistakes one quantile for another by position.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Quantiles {
    pub p5: f64,
    pub p10: f64,
    pub p25: f64,
    pub p50: f64,
    pub p75: f64,
    pub p90: f64,
    pub p95: f64,
}

impl Quantiles {
    /// From values in [`QUANTILES`] order.
    pub fn from_array([p5, p10, p25, p50, p75, p90, p95]: [f64; 7]) -> Self {
        Quantiles {
            p5,
            p10,
            p25,
            p50,
            p75,
            p90,
            p95,
        }
    }

    /// The values in [`QUANTILES`] order.
    pub fn to_array(self) -> [f64; 7] {
        [
            self.p5, self.p10, self.p25, self.p50, self.p75, self.p90, self.p95,
        ]
    }

    /// The 80% range: P10 to P90, between which 8 in 10 runs fall (the fan's outer band).
    pub fn range_80(self) -> (f64, f64) {
        (self.p10, self.p90)
    }

    /// The middle half: P25 to P75 (the fan's inner band).
    pub fn middle_half(self) -> (f64, f64) {
        (self.p25, self.p75)
    }
}

/// [`Quantiles`] of one metric, one entry per month.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Fan {
    pub metric: &'static str,
    pub quantiles: Vec<Quantiles>,
}

/// A Monte Carlo summary: one fan per metric in [`Metric::ALL`] order.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonteCarlo {
    pub runs: usize,
    pub seed: u64,
    /// Whether the quantiles are exact (false: t-digest estimates, see [`TDIGEST_ERROR`]).
    pub exact: bool,
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

/// Whether a Monte Carlo of `runs` runs over `months` months (month 0 included) keeps every
/// figure and reports exact quantiles.
pub fn is_exact(runs: usize, months: usize) -> bool {
    runs.saturating_mul(months)
        .saturating_mul(Metric::ALL.len())
        <= EXACT_MAX_VALUES
}

/// The distribution one assumption is drawn from: a split normal around `central`, truncated
/// to `[min, max]` (see the module documentation).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Uncertain {
    pub central: f64,
    /// Standard deviations below and above the central value.
    pub sd_below: f64,
    pub sd_above: f64,
    pub min: f64,
    pub max: f64,
}

impl Uncertain {
    /// The distribution of an assumption at a central value, or `None` if it is not uncertain.
    pub fn of(a: Assumption, central: f64) -> Option<Uncertain> {
        let spec = a.spec();
        let (lo, hi) = spec.uncertainty?;
        Some(Uncertain {
            central,
            sd_below: (spec.default - lo).max(0.0) / Z90,
            sd_above: (hi - spec.default).max(0.0) / Z90,
            min: spec.min,
            max: spec.max,
        })
    }

    /// The untruncated split normal's CDF.
    fn cdf(&self, x: f64) -> f64 {
        let d = x - self.central;
        let sd = if d < 0.0 {
            self.sd_below
        } else {
            self.sd_above
        };
        if sd > 0.0 {
            normal_cdf(d / sd)
        } else if d < 0.0 {
            0.0
        } else {
            // No spread on this side: the half of the mass on it sits at the central value.
            1.0
        }
    }

    /// The untruncated split normal's quantile function, for p in (0, 1).
    fn inverse(&self, p: f64) -> f64 {
        let z = normal_quantile(p);
        self.central
            + z * if z < 0.0 {
                self.sd_below
            } else {
                self.sd_above
            }
    }

    /// The CDF's values at the range ends: the share of the untruncated distribution below
    /// `min` is `lo`, above `max` is `1 - hi`.
    fn kept(&self) -> (f64, f64) {
        (self.cdf(self.min), self.cdf(self.max))
    }

    /// The `p` quantile of the truncated distribution, `p` in (0, 1).
    pub fn quantile(&self, p: f64) -> f64 {
        let (lo, hi) = self.kept();
        // `p` strictly inside (0, 1) keeps the argument strictly inside (lo, hi); the bounds
        // below only catch rounding in the last bit.
        self.inverse(lo + p * (hi - lo)).max(self.min).min(self.max)
    }

    /// A draw for a uniform number `u` in (0, 1).
    pub fn sample(&self, u: f64) -> f64 {
        self.quantile(u)
    }
}

/// A uniform number strictly inside (0, 1): 53 random bits, centred in their interval.
fn open_unit(rng: &mut StdRng) -> f64 {
    ((rng.random::<u64>() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
}

/// Draws each uncertain assumption from its truncated split normal (see the module
/// documentation), one uniform number each, in table order.
pub fn draw_assumptions(central: &AssumptionValues, rng: &mut StdRng) -> AssumptionValues {
    let mut out = *central;
    for &a in Assumption::ALL {
        if let Some(d) = Uncertain::of(a, central[a]) {
            out[a] = d.sample(open_unit(rng));
        }
    }
    out
}

/// An assumption whose 80% interval, moved with the value set, reaches past an end of its
/// range: its draws are truncated there, so their spread (and perhaps median) differ from
/// the interval's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TruncationNote {
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    /// The value set (the untruncated median).
    pub central: f64,
    /// The 80% interval in the assumptions table, around the default.
    pub interval: (f64, f64),
    /// That interval moved with the value set.
    pub moved: (f64, f64),
    /// The range ends that cut it (one or both).
    pub cut_at: Vec<f64>,
    /// The 10th and 90th percentiles of the truncated draws.
    pub drawn: (f64, f64),
    /// The median of the truncated draws.
    pub median: f64,
    /// The share of the untruncated distribution that lay outside the range.
    pub share_cut: f64,
}

impl TruncationNote {
    /// One line naming the assumption by `name` (its key for the CLI, its label for the app).
    pub fn describe(&self, name: &str) -> String {
        let ends = self
            .cut_at
            .iter()
            .map(|v| num(*v))
            .collect::<Vec<_>>()
            .join(" and ");
        format!(
            "{name}: 80% interval {} to {} moved to {} to {} is cut at the range end{} {ends}; \
             draws are truncated there ({}% of the distribution removed): they run {} to {} \
             (10th to 90th percentile), median {}",
            num(self.interval.0),
            num(self.interval.1),
            num(self.moved.0),
            num(self.moved.1),
            if self.cut_at.len() > 1 { "s" } else { "" },
            num(100.0 * self.share_cut),
            num(self.drawn.0),
            num(self.drawn.1),
            num(self.median),
        )
    }
}

/// A number in a note: up to three decimals, trailing zeros dropped.
fn num(v: f64) -> String {
    let s = format!("{v:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

/// Every assumption whose moved 80% interval a range end cuts, in table order (none at the
/// defaults).
pub fn truncation_notes(values: &AssumptionValues) -> Vec<TruncationNote> {
    Assumption::ALL
        .iter()
        .filter_map(|&a| {
            let spec = a.spec();
            let interval = spec.uncertainty?;
            let d = Uncertain::of(a, values[a])?;
            let moved = (
                values[a] - (spec.default - interval.0),
                values[a] + (interval.1 - spec.default),
            );
            // An interval that ends on a range end (up to rounding) is not cut.
            let slack = 1e-9 * (d.max - d.min);
            let cut_at: Vec<f64> = [
                (moved.0 < d.min - slack, d.min),
                (moved.1 > d.max + slack, d.max),
            ]
            .into_iter()
            .filter_map(|(cut, end)| cut.then_some(end))
            .collect();
            if cut_at.is_empty() {
                return None;
            }
            let (lo, hi) = d.kept();
            Some(TruncationNote {
                key: spec.key,
                label: spec.label,
                unit: spec.unit.text(),
                central: values[a],
                interval,
                moved,
                cut_at,
                drawn: (d.quantile(0.1), d.quantile(0.9)),
                median: d.quantile(0.5),
                share_cut: 1.0 - (hi - lo),
            })
        })
        .collect()
}

/// The standard normal CDF, from the pure-Rust `libm` error function.
pub fn normal_cdf(z: f64) -> f64 {
    0.5 * libm::erfc(-z / std::f64::consts::SQRT_2)
}

/// The standard normal quantile function for p in (0, 1): Wichura's algorithm AS 241
/// (PPND16, Applied Statistics 37(3), 1988, 477-484), accurate to about 1e-16. The
/// coefficients are as published, to more digits than an f64 holds.
#[allow(clippy::excessive_precision)]
pub fn normal_quantile(p: f64) -> f64 {
    fn poly(c: &[f64; 8], x: f64) -> f64 {
        c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
    }
    const A: [f64; 8] = [
        3.387_132_872_796_366_608,
        1.331_416_678_917_843_774_5e2,
        1.971_590_950_306_551_442_7e3,
        1.373_169_376_550_946_112_5e4,
        4.592_195_393_154_987_145_7e4,
        6.726_577_092_700_870_085_3e4,
        3.343_057_558_358_812_810_5e4,
        2.509_080_928_730_122_672_7e3,
    ];
    const B: [f64; 8] = [
        1.0,
        4.231_333_070_160_091_125_2e1,
        6.871_870_074_920_579_083e2,
        5.394_196_021_424_751_107_7e3,
        2.121_379_430_158_659_586_7e4,
        3.930_789_580_009_271_061e4,
        2.872_908_573_572_194_267_4e4,
        5.226_495_278_852_854_561e3,
    ];
    const C: [f64; 8] = [
        1.423_437_110_749_683_577_34,
        4.630_337_846_156_545_295_9,
        5.769_497_221_460_691_405_5,
        3.647_848_324_763_204_605_04,
        1.270_458_252_452_368_382_58,
        2.417_807_251_774_506_117_7e-1,
        2.272_384_498_926_918_458_33e-2,
        7.745_450_142_783_414_076_4e-4,
    ];
    const D: [f64; 8] = [
        1.0,
        2.053_191_626_637_758_821_87,
        1.676_384_830_183_803_849_4,
        6.897_673_349_851_000_045_5e-1,
        1.481_039_764_274_800_745_9e-1,
        1.519_866_656_361_645_719_66e-2,
        5.475_938_084_995_344_946e-4,
        1.050_750_071_644_416_843_24e-9,
    ];
    const E: [f64; 8] = [
        6.657_904_643_501_103_777_2,
        5.463_784_911_164_114_369_9,
        1.784_826_539_917_291_335_8,
        2.965_605_718_285_048_912_3e-1,
        2.653_218_952_657_612_309_3e-2,
        1.242_660_947_388_078_438_6e-3,
        2.711_555_568_743_487_578_15e-5,
        2.010_334_399_292_288_132_65e-7,
    ];
    const F: [f64; 8] = [
        1.0,
        5.998_322_065_558_879_376_9e-1,
        1.369_298_809_227_358_053_1e-1,
        1.487_536_129_085_061_485_25e-2,
        7.868_691_311_456_132_591e-4,
        1.846_318_317_510_054_681_8e-5,
        1.421_511_758_316_445_888_7e-7,
        2.044_263_103_389_939_785_64e-15,
    ];
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180_625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-super::math::ln(r)).sqrt();
    let z = if r <= 5.0 {
        poly(&C, r - 1.6) / poly(&D, r - 1.6)
    } else {
        poly(&E, r - 5.0) / poly(&F, r - 5.0)
    };
    if q < 0.0 {
        -z
    } else {
        z
    }
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
    store: Store,
    /// Current plans' list under the central assumptions: every draw's removals respond to
    /// its list relative to this (see `simulate`).
    reference: Option<ListReference>,
}

/// Where the runs' figures go.
enum Store {
    /// Every figure, [metric][month][run], so each (metric, month) is a contiguous slice of
    /// runs: exact quantiles.
    Exact(Vec<f64>),
    /// A t-digest per (metric, month), [metric][month]: bounded memory, approximate quantiles.
    /// Runs are first gathered in a block of [`DIGEST_BLOCK`] runs, [metric][month][run], then
    /// fed to each digest in turn: one digest at a time stays in cache, where feeding every
    /// digest one figure a month would miss it every time (several times slower). Each
    /// digest still sees its figures in run order, so chunking changes nothing.
    #[cfg(not(target_arch = "wasm32"))]
    Digest {
        digests: Vec<TDigestMut>,
        block: Vec<f64>,
        filled: usize,
    },
}

/// Runs gathered before they are fed to the t-digests (17 metrics x 241 months x 512 runs
/// is 17 MB).
#[cfg(not(target_arch = "wasm32"))]
const DIGEST_BLOCK: usize = 512;

impl Store {
    #[cfg(not(target_arch = "wasm32"))]
    fn new(exact: bool, cells: usize, runs: usize) -> Store {
        if exact {
            Store::Exact(vec![0.0; cells * runs])
        } else {
            let digest = TDigestMut::new(TDIGEST_K).expect("k is at least 10");
            Store::Digest {
                digests: vec![digest; cells],
                block: vec![0.0; cells * DIGEST_BLOCK],
                filled: 0,
            }
        }
    }

    /// The browser never runs enough for a digest (the app runs 200 runs; at most 32Mi
    /// figures are kept exactly), so its build has none and keeps every figure.
    #[cfg(target_arch = "wasm32")]
    fn new(_exact: bool, cells: usize, runs: usize) -> Store {
        Store::Exact(vec![0.0; cells * runs])
    }

    /// After a run: a full block of runs goes into the digests.
    #[cfg(not(target_arch = "wasm32"))]
    fn run_done(&mut self) {
        if let Store::Digest {
            digests,
            block,
            filled,
        } = self
        {
            *filled += 1;
            if *filled == DIGEST_BLOCK {
                for (digest, values) in digests.iter_mut().zip(block.chunks(DIGEST_BLOCK)) {
                    values.iter().for_each(|&v| digest.update(v));
                }
                *filled = 0;
            }
        }
    }

    #[cfg(target_arch = "wasm32")]
    fn run_done(&mut self) {}
}

/// An observer of each run's months, as one type for every caller (see `advance`).
pub type Observer<'a> = &'a mut dyn FnMut(usize, &Scenario, &MonthRecord);

impl MonteCarloRun {
    pub fn new(s: &Scenario, runs: usize, seed: u64) -> Self {
        Self::with_exact(s, runs, seed, is_exact(runs.max(1), s.months() + 1))
    }

    /// As [`MonteCarloRun::new`], choosing exact quantiles or t-digests whatever the size
    /// (for measuring the t-digest's error).
    pub fn with_exact(s: &Scenario, runs: usize, seed: u64, exact: bool) -> Self {
        let runs = runs.max(1);
        let months = s.months() + 1;
        let cells = Metric::ALL.len() * months;
        let store = Store::new(exact, cells, runs);
        MonteCarloRun {
            scenario: s.clone(),
            runs,
            done: 0,
            seed,
            rng: StdRng::seed_from_u64(seed),
            months,
            store,
            reference: None,
        }
    }

    /// Completes up to `n` more runs; returns how many are done in all.
    pub fn advance(&mut self, base: &Baseline, n: usize) -> usize {
        // places: through the one `dyn` observer the app's Places ranges also use
        // (`places::PlacesMonthRun`), so the wasm holds one copy of the run loop, not two.
        let observe: Observer = &mut |_, _, _| {};
        self.advance_with(base, n, observe)
    }

    /// As [`MonteCarloRun::advance`], also handing `observe` each run's index, its drawn
    /// scenario and every month's record as it is made (for figures derived from each run,
    /// such as its places: `places::places_monte_carlo`). The draws are the same.
    pub fn advance_with(
        &mut self,
        base: &Baseline,
        n: usize,
        mut observe: impl FnMut(usize, &Scenario, &MonthRecord),
    ) -> usize {
        let end = (self.done + n).min(self.runs);
        let (months, runs) = (self.months, self.runs);
        for i in self.done..end {
            let drawn = Scenario {
                assumptions: draw_assumptions(&self.scenario.assumptions, &mut self.rng),
                ..self.scenario.clone()
            };
            let store = &mut self.store;
            let reference = self
                .reference
                .get_or_insert_with(|| reference_lists(base, &self.scenario));
            run(base, &drawn, Some(reference), Some(&mut self.rng), |r| {
                observe(i, &drawn, r);
                for (m, metric) in Metric::ALL.iter().enumerate() {
                    let cell = m * months + r.month;
                    match store {
                        Store::Exact(values) => values[cell * runs + i] = metric.of(r),
                        #[cfg(not(target_arch = "wasm32"))]
                        Store::Digest { block, filled, .. } => {
                            block[cell * DIGEST_BLOCK + *filled] = metric.of(r)
                        }
                    }
                }
            });
            self.store.run_done();
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
        let mut cell = |m: usize, month: usize| -> Quantiles {
            let c = m * self.months + month;
            match &self.store {
                Store::Exact(values) => {
                    let start = c * self.runs;
                    Quantiles::from_array(quantiles(&values[start..start + n], &mut keys))
                }
                #[cfg(not(target_arch = "wasm32"))]
                Store::Digest {
                    digests,
                    block,
                    filled,
                } => {
                    let pending = &block[c * DIGEST_BLOCK..c * DIGEST_BLOCK + filled];
                    Quantiles::from_array(digest_quantiles(&digests[c], pending))
                }
            }
        };
        let fans = Metric::ALL
            .iter()
            .enumerate()
            .map(|(m, metric)| Fan {
                metric: metric.key(),
                quantiles: (0..self.months).map(|month| cell(m, month)).collect(),
            })
            .collect();
        MonteCarlo {
            runs: self.done,
            seed: self.seed,
            exact: matches!(self.store, Store::Exact(_)),
            fans,
        }
    }
}

/// The quantiles a t-digest estimates with the figures not yet fed to it (NaN where it has
/// seen nothing finite).
#[cfg(not(target_arch = "wasm32"))]
fn digest_quantiles(d: &TDigestMut, pending: &[f64]) -> [f64; 7] {
    let mut d = d.clone();
    pending.iter().for_each(|&v| d.update(v));
    let frozen = d.freeze();
    QUANTILES.map(|p| frozen.quantile(p).ok().flatten().unwrap_or(f64::NAN))
}

/// Nearest-rank quantiles of `v` (as the fans'): for figures derived from runs elsewhere
/// (places: the app's Places ranges), through the same code as the fans.
pub fn quantiles_of(v: &[f64]) -> Quantiles {
    Quantiles::from_array(quantiles(v, &mut Vec::with_capacity(v.len())))
}

/// Nearest-rank quantiles, found by selection rather than a full sort. The quantiles rise,
/// so each is selected only among the values above the last one found (a selection leaves
/// everything after its rank no smaller): about 4.5 passes over the runs instead of 7. The
/// values are compared as integers that order as `f64::total_cmp` does, which selects
/// faster than comparing floats. `keys` is scratch space, reused between calls.
fn quantiles(v: &[f64], keys: &mut Vec<i64>) -> [f64; 7] {
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

/// Quantiles over runs of any figures derived from each run (`rows` x `width` of them a
/// run, such as `width` figures of every place each month, a row a month), nearest-rank as
/// the metrics' fans: kept exactly up to [`EXACT_MAX_F32_VALUES`] figures in all, summarised
/// by t-digests above it. Exact figures are kept as `f32` (7 significant figures: a life
/// expectancy to 1e-5 years, a list of 100,000 to 0.01 patients), [row][run][figure], so a
/// run writes each row in one piece and the summary reads each row's runs in order; it finds
/// the quantiles by counting into buckets (`sorted_quantiles`). Cell `row * width + k` is
/// figure `k` of row `row`.
pub struct CellQuantiles {
    /// Every figure, [row][run][figure], when exact.
    values: Vec<f32>,
    /// The t-digests when not exact.
    digests: Option<Store>,
    rows: usize,
    width: usize,
    runs: usize,
    done: usize,
}

/// The most `f32` figures [`CellQuantiles`] keeps exactly: the same 256 MiB as
/// [`EXACT_MAX_VALUES`] `f64`s.
pub const EXACT_MAX_F32_VALUES: usize = 2 * EXACT_MAX_VALUES;

impl CellQuantiles {
    pub fn new(rows: usize, width: usize, runs: usize) -> Self {
        let runs = runs.max(1);
        let cells = rows * width;
        let exact = Self::keeps_exactly(cells, runs);
        CellQuantiles {
            values: if exact {
                vec![0.0; cells * runs]
            } else {
                Vec::new()
            },
            digests: (!exact).then(|| Store::new(false, cells, runs)),
            rows,
            width,
            runs,
            done: 0,
        }
    }

    /// Whether `cells` figures a run over `runs` runs are kept exactly (else t-digests).
    pub fn keeps_exactly(cells: usize, runs: usize) -> bool {
        cells.saturating_mul(runs.max(1)) <= EXACT_MAX_F32_VALUES || cfg!(target_arch = "wasm32")
    }

    /// Sets the `width` figures of one row of the run in progress (runs are filled in order).
    pub fn set_row(&mut self, row: usize, values: &[f64]) {
        debug_assert_eq!(values.len(), self.width);
        match &mut self.digests {
            None => {
                let at = (row * self.runs + self.done) * self.width;
                for (to, &v) in self.values[at..at + self.width].iter_mut().zip(values) {
                    *to = v as f32;
                }
            }
            #[cfg(not(target_arch = "wasm32"))]
            Some(Store::Digest { block, filled, .. }) => {
                for (k, &v) in values.iter().enumerate() {
                    block[(row * self.width + k) * DIGEST_BLOCK + *filled] = v;
                }
            }
            Some(_) => unreachable!("kept exactly"),
        }
    }

    /// The `width` figures of one row of the run in progress, to be written in place (as
    /// `set_row` would store them), when kept exactly; `None` with t-digests (use `set_row`).
    pub fn row_mut(&mut self, row: usize) -> Option<&mut [f32]> {
        match &self.digests {
            None => {
                let at = (row * self.runs + self.done) * self.width;
                Some(&mut self.values[at..at + self.width])
            }
            Some(_) => None,
        }
    }

    /// Ends the run in progress.
    pub fn run_done(&mut self) {
        if let Some(store) = &mut self.digests {
            store.run_done();
        }
        self.done = (self.done + 1).min(self.runs);
    }

    pub fn is_exact(&self) -> bool {
        self.digests.is_none()
    }

    /// The quantiles of each cell over the runs done, in cell order.
    pub fn quantiles(&self) -> Vec<Quantiles> {
        let (n, width) = (self.done.max(1), self.width);
        match &self.digests {
            None => {
                let mut scratch = Vec::with_capacity(n);
                let mut gathered = vec![0u32; width * n];
                // Each figure's smallest and largest key, found as the keys are gathered
                // (a pass over the runs fewer for `sorted_quantiles`).
                let (mut lo, mut hi) = (vec![u32::MAX; width], vec![0u32; width]);
                let mut out = Vec::with_capacity(self.rows * width);
                for row in 0..self.rows {
                    let first = row * self.runs * width;
                    lo.fill(u32::MAX);
                    hi.fill(0);
                    for (run, figures) in self.values[first..first + n * width]
                        .chunks_exact(width)
                        .enumerate()
                    {
                        for (k, &v) in figures.iter().enumerate() {
                            let key = order_key32(v);
                            gathered[k * n + run] = key;
                            lo[k] = lo[k].min(key);
                            hi[k] = hi[k].max(key);
                        }
                    }
                    out.extend(gathered.chunks_exact(n).enumerate().map(|(k, keys)| {
                        Quantiles::from_array(sorted_quantiles(keys, (lo[k], hi[k]), &mut scratch))
                    }));
                }
                out
            }
            #[cfg(not(target_arch = "wasm32"))]
            Some(Store::Digest {
                digests,
                block,
                filled,
            }) => (0..self.rows * width)
                .map(|c| {
                    let pending = &block[c * DIGEST_BLOCK..c * DIGEST_BLOCK + filled];
                    Quantiles::from_array(digest_quantiles(&digests[c], pending))
                })
                .collect(),
            Some(_) => unreachable!("kept exactly"),
        }
    }
}

/// Nearest-rank quantiles of `values` kept as `f32` (7 significant figures), exactly as
/// [`CellQuantiles`] gives them for the same figures: for figures worked out for every run at
/// once at summary time (`places::places_monte_carlo`). `keys` and `scratch` are scratch
/// space, reused between calls. `values` must not be empty.
pub fn f32_quantiles_of(values: &[f64], keys: &mut Vec<u32>, scratch: &mut Vec<u32>) -> Quantiles {
    keys.clear();
    keys.resize(values.len(), 0);
    let (mut lo, mut hi) = (u32::MAX, 0u32);
    for (k, &v) in keys.iter_mut().zip(values) {
        *k = order_key32(v as f32);
        lo = lo.min(*k);
        hi = hi.max(*k);
    }
    Quantiles::from_array(sorted_quantiles(keys, (lo, hi), scratch))
}

/// Nearest-rank quantiles (as [`quantiles`]) of `f32` order keys without sorting them: one
/// pass counts the keys into 512 buckets spanning their range, which names the bucket that
/// holds each wanted rank; a second pass keeps only the keys in those buckets (a few each),
/// which are sorted. `(lo, hi)` are the least and greatest key (found by the caller as it
/// gathers them). Two passes over the runs in all. (512 buckets rather than 1,024, and the
/// second pass without a branch: together about 20% less time for 1,000 runs, measured.)
fn sorted_quantiles(keys: &[u32], (lo, hi): (u32, u32), scratch: &mut Vec<u32>) -> [f64; 7] {
    const BUCKETS: usize = 512;
    let n = keys.len();
    let span = u64::from(hi - lo) + 1;
    let shift = (64 - span.leading_zeros()).saturating_sub(BUCKETS.trailing_zeros());
    let mut hist = [0u32; BUCKETS];
    for &k in keys.iter() {
        hist[((k - lo) >> shift) as usize] += 1;
    }
    let ranks = QUANTILES.map(|p| ((p * (n - 1) as f64).round() as usize).min(n - 1));
    // The bucket of each rank, and how many keys lie below that bucket.
    let mut wanted = [(0usize, 0usize); 7];
    let (mut bucket, mut below) = (0, 0);
    for (w, &rank) in wanted.iter_mut().zip(&ranks) {
        while below + hist[bucket] as usize <= rank {
            below += hist[bucket] as usize;
            bucket += 1;
        }
        *w = (bucket, below);
    }
    let mut keep = [false; BUCKETS];
    let mut kept = 0;
    for &(b, _) in &wanted {
        if !keep[b] {
            keep[b] = true;
            kept += hist[b] as usize;
        }
    }
    // Every key is written and only the kept ones are counted (no branch to mispredict): the
    // next key overwrites one that is not kept.
    scratch.clear();
    scratch.resize(kept + 1, 0);
    let mut len = 0;
    for &k in keys.iter() {
        scratch[len] = k;
        len += usize::from(keep[((k - lo) >> shift) as usize]);
    }
    scratch.truncate(kept);
    scratch.sort_unstable();
    // The kept keys, sorted: a bucket's keys follow those of the kept buckets below it
    // (the wanted buckets rise with the ranks).
    let (mut offset, mut last) = (0, wanted[0].0);
    let mut out = [0.0; 7];
    for (o, (&(b, below), &rank)) in out.iter_mut().zip(wanted.iter().zip(&ranks)) {
        if b != last {
            offset += hist[last] as usize;
            last = b;
        }
        *o = from_order_key32(scratch[offset + rank - below]) as f64;
    }
    out
}

/// An unsigned integer that orders as `f32::total_cmp` orders the floats.
fn order_key32(x: f32) -> u32 {
    let b = x.to_bits();
    if b >> 31 == 1 {
        !b
    } else {
        b | 0x8000_0000
    }
}

fn from_order_key32(k: u32) -> f32 {
    f32::from_bits(if k >> 31 == 1 { k & 0x7fff_ffff } else { !k })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_quantiles_are_the_nearest_rank_quantiles_of_the_figures() {
        // Places' quantiles (issue 13.6): radix-sorted f32 keys give the same nearest-rank
        // quantiles as selecting among the f64 figures, to f32 rounding, negatives included.
        let mut rng = StdRng::seed_from_u64(4);
        let runs = 1001;
        let figures: Vec<Vec<f64>> = (0..3)
            .map(|c| {
                (0..runs)
                    .map(|i| match c {
                        0 => 80.0 + (open_unit(&mut rng) - 0.5) * 4.0,
                        1 => -3.0 + 10.0 * open_unit(&mut rng),
                        _ => (i % 7) as f64 * 1000.0,
                    })
                    .collect()
            })
            .collect();
        let mut cq = CellQuantiles::new(1, 3, runs);
        for i in 0..runs {
            let row: Vec<f64> = figures.iter().map(|f| f[i]).collect();
            cq.set_row(0, &row);
            cq.run_done();
        }
        assert!(cq.is_exact());
        let mut keys = Vec::new();
        for (q, f) in cq.quantiles().iter().zip(&figures) {
            let exact = quantiles(f, &mut keys);
            for (a, b) in q.to_array().iter().zip(exact) {
                assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{a} vs {b}");
            }
        }
    }

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
    fn normal_quantile_inverts_the_cdf_and_matches_tables() {
        // Published percentage points of the standard normal.
        for (p, z) in [
            (0.5, 0.0),
            (0.9, 1.281_551_565_545),
            (0.975, 1.959_963_984_540),
            (0.05, -1.644_853_626_951),
            (1e-10, -6.361_340_902_404),
        ] {
            assert!((normal_quantile(p) - z).abs() < 1e-9, "{p}");
        }
        for i in 1..1000 {
            let p = i as f64 / 1000.0;
            assert!((normal_cdf(normal_quantile(p)) - p).abs() < 1e-12, "{p}");
        }
    }

    /// Draws of one assumption at a central value, from the seeded generator.
    fn draws(a: Assumption, central: f64, n: usize) -> Vec<f64> {
        let mut values = AssumptionValues::default();
        values[a] = central;
        let mut rng = StdRng::seed_from_u64(11);
        (0..n)
            .map(|_| draw_assumptions(&values, &mut rng)[a])
            .collect()
    }

    fn share(v: &[f64], f: impl Fn(f64) -> bool) -> f64 {
        v.iter().filter(|&&x| f(x)).count() as f64 / v.len() as f64
    }

    #[test]
    fn draws_at_a_range_end_are_truncated_not_piled_up_and_noted() {
        let a = Assumption::DemandGrowth;
        let v = draws(a, 0.0, 20_000);
        assert!(v.iter().all(|&x| x >= 0.0), "a draw below the range");
        assert!(share(&v, |x| x == 0.0) < 1e-3, "draws pile up on 0");
        // The one remaining half-normal: sd (2.5 - 1.8) / 1.2816, median 0.674 sd.
        let sd = (2.5 - 1.8) / Z90;
        let below = |x: f64| share(&v, |d| d < x);
        assert!((below(0.674_49 * sd) - 0.5).abs() < 0.015);
        assert!((below(Z90 * sd) - 0.8).abs() < 0.015);
        let notes = truncation_notes(&{
            let mut values = AssumptionValues::default();
            values[a] = 0.0;
            values
        });
        assert_eq!(notes.len(), 1);
        let n = &notes[0];
        assert_eq!(
            (n.key, n.cut_at.as_slice()),
            ("demand_growth_pct", &[0.0][..])
        );
        assert!((n.moved.0 + 0.7).abs() < 1e-12 && (n.moved.1 - 0.7).abs() < 1e-12);
        assert!((n.share_cut - 0.5).abs() < 1e-12);
        assert!((n.median - 0.674_49 * sd).abs() < 1e-4, "{}", n.median);
        let line = n.describe(n.key);
        assert!(
            line.starts_with(
                "demand_growth_pct: 80% interval 1.8 to 3.2 moved to -0.7 to 0.7 is cut at the range end 0; draws are truncated there"
            ),
            "{line}"
        );
    }

    #[test]
    fn draws_inside_the_range_keep_the_median_and_the_interval() {
        // At the default nothing is cut: the median is the value set and the interval holds.
        let a = Assumption::DemandGrowth;
        let v = draws(a, 2.5, 20_000);
        let below = |x: f64| share(&v, |d| d < x);
        assert!((below(2.5) - 0.5).abs() < 0.015);
        assert!((below(1.8) - 0.1).abs() < 0.01);
        assert!((below(3.2) - 0.9).abs() < 0.01);
        // Near an end, the draws stay inside and only the cut side is squeezed.
        let v = draws(a, 0.5, 20_000);
        assert!(v.iter().all(|&x| (0.0..=6.0).contains(&x)));
        assert!(share(&v, |x| x == 0.0) < 1e-3);
    }

    #[test]
    fn no_notes_at_the_defaults_and_a_note_for_each_cut_end() {
        assert_eq!(truncation_notes(&AssumptionValues::default()), vec![]);
        for &a in Assumption::ALL {
            let spec = a.spec();
            let Some((lo, hi)) = spec.uncertainty else {
                continue;
            };
            for (value, cut) in [(spec.min, lo < spec.default), (spec.max, hi > spec.default)] {
                let mut values = AssumptionValues::default();
                values[a] = value;
                let notes = truncation_notes(&values);
                assert_eq!(notes.len(), usize::from(cut), "{} = {value}", spec.key);
                for n in notes {
                    assert_eq!(n.key, spec.key);
                    assert!(n.drawn.0 >= spec.min && n.drawn.1 <= spec.max);
                    assert!(n.drawn.0 <= n.median && n.median <= n.drawn.1);
                }
            }
        }
    }

    #[test]
    fn every_draw_at_every_range_end_stays_in_range() {
        for &a in Assumption::ALL {
            let spec = a.spec();
            if spec.uncertainty.is_none() {
                continue;
            }
            for value in [spec.min, spec.default, spec.max] {
                let v = draws(a, value, 2_000);
                assert!(
                    v.iter().all(|&x| x >= spec.min && x <= spec.max),
                    "{} = {value}",
                    spec.key
                );
            }
        }
    }

    #[test]
    fn digest_runs_are_chunkable_ordered_and_close_to_exact() {
        let base = Baseline::england();
        let s = Scenario {
            years: 1,
            ..Scenario::default()
        };
        let runs = 4_000;
        let mut exact = MonteCarloRun::with_exact(&s, runs, 3, true);
        exact.advance(&base, runs);
        let exact = exact.summary();
        let mut chunked = MonteCarloRun::with_exact(&s, runs, 3, false);
        while !chunked.is_finished() {
            chunked.advance(&base, 999);
        }
        let digest = chunked.summary();
        let mut one_go = MonteCarloRun::with_exact(&s, runs, 3, false);
        one_go.advance(&base, runs);
        assert_eq!(digest, one_go.summary());
        assert!(exact.exact && !digest.exact);
        for (e, d) in exact.fans.iter().zip(&digest.fans) {
            for (qe, qd) in e.quantiles.iter().zip(&d.quantiles) {
                let (qe, qd) = (qe.to_array(), qd.to_array());
                assert!(qd.iter().all(|v| v.is_finite()), "{}", e.metric);
                assert!(qd.windows(2).all(|w| w[0] <= w[1]), "{}: {qd:?}", e.metric);
                // Within the spread between neighbouring exact quantiles' ranks.
                let spread = (qe[6] - qe[0]).abs().max(1e-9);
                for (a, b) in qe.iter().zip(qd) {
                    assert!(
                        (a - b).abs() <= 0.02 * spread,
                        "{}: {qe:?} {qd:?}",
                        e.metric
                    );
                }
            }
        }
    }

    /// The t-digest's largest errors over every metric, month and quantile: in value, as a
    /// share of the exact P5-P95 width (cells whose runs all agree, width 0, must match
    /// exactly), and in rank, as a share of the runs, among cells without ties.
    fn worst_errors(s: &Scenario, runs: usize) -> (f64, f64) {
        let base = Baseline::england();
        let mut exact = MonteCarloRun::with_exact(s, runs, 1, true);
        exact.advance(&base, runs);
        let mut digest = MonteCarloRun::with_exact(s, runs, 1, false);
        digest.advance(&base, runs);
        let (e, d) = (exact.summary(), digest.summary());
        let Store::Exact(values) = &exact.store else {
            unreachable!()
        };
        let (mut value, mut rank): (f64, f64) = (0.0, 0.0);
        for (m, (fe, fd)) in e.fans.iter().zip(&d.fans).enumerate() {
            for (month, (qe, qd)) in fe.quantiles.iter().zip(&fd.quantiles).enumerate() {
                let (qe, qd) = (qe.to_array(), qd.to_array());
                let width = qe[6] - qe[0];
                for (a, b) in qe.iter().zip(qd) {
                    if width > 0.0 {
                        value = value.max((a - b).abs() / width);
                    } else {
                        let tolerance = 1e-9 * a.abs().max(1.0);
                        assert!((a - b).abs() <= tolerance, "{} month {month}", fe.metric);
                    }
                }
                let start = (m * exact.months + month) * runs;
                let mut v = values[start..start + runs].to_vec();
                v.sort_by(f64::total_cmp);
                if v.windows(2).any(|w| w[0] == w[1]) {
                    continue;
                }
                for (p, x) in QUANTILES.iter().zip(&qd) {
                    let below = v.partition_point(|y| y < x) as f64 / runs as f64;
                    let upto = v.partition_point(|y| y <= x) as f64 / runs as f64;
                    rank = rank.max(below - p).max(p - upto);
                }
            }
        }
        (value, rank)
    }

    /// Run in release: `cargo test --release --lib tdigest_quantiles -- --ignored --nocapture`.
    #[test]
    #[ignore = "100,000 runs: slow outside release builds"]
    fn tdigest_quantiles_are_within_the_stated_error() {
        let s = Scenario {
            years: 1,
            ..Scenario::default()
        };
        let (value, rank) = worst_errors(&s, 100_000);
        println!("100,000 runs: worst t-digest error {value} of the P5-P95 width, {rank} in rank (P5, P10, P25, P50, P75, P90, P95)");
        assert!(value <= TDIGEST_ERROR, "{value}");
        assert!(rank <= TDIGEST_RANK_ERROR, "{rank}");
    }

    #[test]
    fn the_largest_runs_use_digests_and_the_app_sizes_stay_exact() {
        assert!(is_exact(1_000, 20 * 12 + 1));
        assert!(is_exact(10_000, 10 * 12 + 1));
        assert!(!is_exact(100_000, 20 * 12 + 1));
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
