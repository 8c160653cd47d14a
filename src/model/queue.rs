//! The waiting list: patients by months waited, one queue per deprivation quintile.
//!
//! Band `b` holds patients who, at the end of a month, have waited `b` to `b + 1` months; the
//! last band holds everyone at 24 months or more. Each month new referrals join as a fresh
//! cohort, capacity treats patients with a chance that depends on how long they have waited
//! (a hazard per band, calibrated on England's 2015-2019 series, as the NHSRtt package does),
//! a share is removed without treatment (validation), and everyone left ages one month.

use super::math::exp;

/// Bands 0..=23 are single months; band 24 is "24 months or more".
pub const BANDS: usize = 25;
/// During a month the cohorts are: the new referrals, then each band before ageing.
pub const COHORTS: usize = BANDS + 1;
/// Average days in a month, to convert between weeks and months.
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;
/// 18 weeks in months (4.14): the NHS Constitution standard.
pub const MONTHS_18_WEEKS: f64 = 18.0 * 7.0 / DAYS_PER_MONTH;
/// 52 weeks in months (11.96).
pub const MONTHS_52_WEEKS: f64 = 52.0 * 7.0 / DAYS_PER_MONTH;

/// Patients waiting, by band.
pub type Profile = [f64; BANDS];

/// How the chance of leaving the list depends on time waited. Cohort 0 is new referrals,
/// cohort `k >= 1` had waited `k - 1` to `k` months at the start of the month.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HazardShape {
    /// Relative chance of treatment per cohort (any scale: only ratios matter).
    pub treat: [f64; COHORTS],
    /// Relative chance of removal without treatment per cohort.
    pub remove: [f64; COHORTS],
}

impl HazardShape {
    /// A smooth family: new referrals are treated at `new_weight` (urgent and quick
    /// outpatient pathways); after that the chance decays with waiting at `decay` a month,
    /// and rises by `boost_18` as patients near 18 weeks and by `boost_52` as they near a
    /// year, as hospitals work to the standards. Removal chance rises with waiting by
    /// `removal_slope` a month.
    pub fn family(p: ShapeParams) -> Self {
        let mut treat = [0.0; COHORTS];
        let mut remove = [0.0; COHORTS];
        let near =
            |waited: f64, months: f64, steep: f64| 1.0 / (1.0 + exp(-steep * (waited - months)));
        for k in 0..COHORTS {
            let waited = k.saturating_sub(1) as f64;
            treat[k] = if k == 0 {
                p.new_weight
            } else {
                exp(-p.decay * waited)
                    + p.boost_18 * near(waited, MONTHS_18_WEEKS - 1.5, 2.0)
                    + p.boost_52 * near(waited, MONTHS_52_WEEKS - 0.5, 4.0)
            };
            remove[k] = 1.0 + p.removal_slope * waited;
        }
        HazardShape { treat, remove }
    }

    /// Calibrated on NHS England's RTT series October 2015 to December 2019 (see
    /// `examples/calibrate.rs` and the back-cast test): 18-week share within 3 points every
    /// month and 52-week waiters within a factor of 2.
    pub fn calibrated() -> Self {
        HazardShape::family(CALIBRATED)
    }
}

impl HazardShape {
    /// The shape for projections from April 2025: the 2015-2019 calibration with its two
    /// "work to the standard" boosts scaled by [`CURRENT_BOOST_SCALE`]. Unscaled, the
    /// 2015-2019 habits, formed with a short list, clear the 2025 long-wait tail in months
    /// (52-week waiters 180k to 56k in a year) and lift the 18-week share 9 points; with no
    /// boost at all the tail balloons. The scale is a compromise between two published
    /// points: September 2025's 61.8% within 18 weeks (model: about 65%) and 52-week
    /// waiters near March 2025's 180k (model: about 200k) five months in.
    pub fn current() -> Self {
        let mut p = CALIBRATED;
        p.boost_18 *= CURRENT_BOOST_SCALE;
        p.boost_52 *= CURRENT_BOOST_SCALE;
        HazardShape::family(p)
    }
}

/// See [`HazardShape::current`]; pinned by the test `england_default_tracks_2025`.
pub const CURRENT_BOOST_SCALE: f64 = 0.4;

/// The parameters of [`HazardShape::family`].
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ShapeParams {
    pub new_weight: f64,
    pub decay: f64,
    pub boost_18: f64,
    pub boost_52: f64,
    pub removal_slope: f64,
}

/// Found by `backcast::calibrate` on the 2015-2019 series.
pub const CALIBRATED: ShapeParams = ShapeParams {
    new_weight: 0.1015625,
    decay: 0.15,
    boost_18: 0.75,
    boost_52: 6.0,
    removal_slope: 0.2,
};

/// One month's flows out of the queues of all quintiles.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthFlows {
    pub treated: [f64; 5],
    pub removed: [f64; 5],
}

/// Who leaves the list first: each (quintile, cohort) group's weight (relative chance x
/// quintile priority), and the groups heaviest first. Fixed for a run, so sorted once.
#[derive(Clone, Debug, PartialEq)]
pub struct Order {
    weights: [[f64; COHORTS]; 5],
    heaviest_first: Vec<(usize, usize)>,
}

impl Order {
    pub fn new(weight: &[f64; COHORTS], priority: &[f64; 5]) -> Self {
        let weights = std::array::from_fn(|q| weight.map(|w| w * priority[q]));
        let mut heaviest_first: Vec<(usize, usize)> = (0..5)
            .flat_map(|q| (0..COHORTS).map(move |k| (q, k)))
            .collect();
        heaviest_first.sort_by(|a, b| weights[b.0][b.1].total_cmp(&weights[a.0][a.1]));
        Order {
            weights,
            heaviest_first,
        }
    }
}

/// The rules of a run's queue: the order of treatment (with quintile priority) and of
/// removal without treatment.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    treat: Order,
    remove: Order,
}

impl Rules {
    pub fn new(shape: &HazardShape, priority: &[f64; 5]) -> Self {
        Rules {
            treat: Order::new(&shape.treat, priority),
            remove: Order::new(&shape.remove, &[1.0; 5]),
        }
    }
}

/// Steps every quintile's queue by one month.
///
/// `referrals[q]` join; up to `capacity` patients are treated across all quintiles by the
/// rules' treatment order; `removals` patients plus `removal_chance` of those still waiting
/// after treatment are removed; the rest age. Never treats or
/// removes more than are waiting, so no band goes negative.
pub fn step(
    queues: &mut [Profile; 5],
    referrals: &[f64; 5],
    capacity: f64,
    removals: f64,
    removal_chance: f64,
    rules: &Rules,
) -> MonthFlows {
    let mut cohorts = [[0.0; COHORTS]; 5];
    for q in 0..5 {
        cohorts[q][0] = referrals[q];
        cohorts[q][1..].copy_from_slice(&queues[q]);
    }
    let treat_demand = weighted(&cohorts, &rules.treat.weights);
    let treated = take(
        &mut cohorts,
        capacity,
        treat_demand,
        &rules.treat,
        MAX_TREATED_SHARE_A_MONTH,
        &rules.remove.weights,
    );
    let removed = take(
        &mut cohorts,
        removals + removal_chance * treated.left,
        treated.next_demand,
        &rules.remove,
        1.0,
        &rules.treat.weights,
    );
    for q in 0..5 {
        let c = &cohorts[q];
        let queue = &mut queues[q];
        queue[..BANDS - 1].copy_from_slice(&c[..BANDS - 1]);
        // The oldest band keeps its survivors and gains the band below it.
        queue[BANDS - 1] = c[BANDS - 1] + c[BANDS];
    }
    MonthFlows {
        treated: treated.per_quintile,
        removed: removed.per_quintile,
    }
}

/// The most of a cohort that can be treated in one month: diagnostics and booking take
/// time, so a list never empties in a month however much capacity there is. Assumption.
pub const MAX_TREATED_SHARE_A_MONTH: f64 = 0.8;

/// Takes up to `amount` patients out of the cohorts, each group in proportion to its
/// weight times its size, but never more than `cap` of a group: what a capped group cannot
/// take is shared among the rest ("water-filling"). `demand` is the weighted size of the
/// cohorts; the result says how many were taken per quintile, how many are left, and their
/// demand under `next_weights`, which the next take starts from.
///
/// Heavier groups reach the cap first, so the capped groups are a prefix of the order: walk
/// it until the rate no longer caps the next group. The rate only rises as groups are
/// capped, so in the end every group takes min(cap, rate x weight) of itself.
fn take(
    cohorts: &mut [[f64; COHORTS]; 5],
    amount: f64,
    mut demand: f64,
    order: &Order,
    cap: f64,
    next_weights: &[[f64; COHORTS]; 5],
) -> Taken {
    let w = &order.weights;
    let mut fixed = 0.0;
    // No demand (nobody with any weight waiting) leaves the rate at 0: nothing to take.
    let mut rate = 0.0;
    if amount > 0.0 {
        for &(q, k) in &order.heaviest_first {
            if demand <= 0.0 {
                break;
            }
            rate = ((amount - fixed) / demand).max(0.0);
            if rate * w[q][k] < cap {
                break;
            }
            fixed += cap * cohorts[q][k];
            demand -= w[q][k] * cohorts[q][k];
        }
    }
    // One pass applies the rate and sums what the next take needs.
    let mut out = Taken {
        per_quintile: [0.0; 5],
        left: 0.0,
        next_demand: 0.0,
    };
    for q in 0..5 {
        for k in 0..COHORTS {
            let n = cohorts[q][k];
            let t = (rate * w[q][k]).min(cap) * n;
            let after = n - t;
            cohorts[q][k] = after;
            out.per_quintile[q] += t;
            out.left += after;
            out.next_demand += next_weights[q][k] * after;
        }
    }
    out
}

/// What a take removed per quintile, who is left, and their weighted demand for the next.
struct Taken {
    per_quintile: [f64; 5],
    left: f64,
    next_demand: f64,
}

fn weighted(cohorts: &[[f64; COHORTS]; 5], w: &[[f64; COHORTS]; 5]) -> f64 {
    let mut sum = 0.0;
    for q in 0..5 {
        for k in 0..COHORTS {
            sum += w[q][k] * cohorts[q][k];
        }
    }
    sum
}

/// Share of a profile's patients within a wait given in months, counting the band that
/// straddles it in proportion (waits are taken as spread evenly within a band).
pub fn share_within(p: &Profile, months: f64) -> f64 {
    let total: f64 = p.iter().sum();
    if total <= 0.0 {
        return 1.0;
    }
    count_within(p, months) / total
}

/// Patients waiting less than `months`.
pub fn count_within(p: &Profile, months: f64) -> f64 {
    let full = months.floor() as usize;
    let part = months - months.floor();
    let whole: f64 = p[..full.min(BANDS)].iter().sum();
    whole + if full < BANDS { part * p[full] } else { 0.0 }
}

/// Patients waiting longer than `months`.
pub fn count_over(p: &Profile, months: f64) -> f64 {
    (p.iter().sum::<f64>() - count_within(p, months)).max(0.0)
}

/// Median wait in months, interpolated within its band.
pub fn median_months(p: &Profile) -> f64 {
    median_of(p, p.iter().sum())
}

fn median_of(p: &Profile, total: f64) -> f64 {
    if total <= 0.0 {
        return 0.0;
    }
    let half = total / 2.0;
    let mut seen = 0.0;
    for (b, &n) in p.iter().enumerate() {
        if seen + n >= half && n > 0.0 {
            return b as f64 + (half - seen) / n;
        }
        seen += n;
    }
    BANDS as f64
}

/// What the outputs need from one profile, in two passes over it rather than one per figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub total: f64,
    pub within_18_weeks: f64,
    pub over_52_weeks: f64,
    pub median_months: f64,
    pub mean_months: f64,
}

pub fn summarise(p: &Profile) -> Summary {
    let (mut total, mut weighted) = (0.0, 0.0);
    for (b, &n) in p.iter().enumerate() {
        total += n;
        weighted += (b as f64 + 0.5) * n;
    }
    Summary {
        total,
        within_18_weeks: count_within(p, MONTHS_18_WEEKS),
        over_52_weeks: (total - count_within(p, MONTHS_52_WEEKS)).max(0.0),
        median_months: median_of(p, total),
        mean_months: if total > 0.0 { weighted / total } else { 0.0 },
    }
}

/// Mean wait in months, taking each band at its midpoint.
pub fn mean_months(p: &Profile) -> f64 {
    let total: f64 = p.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    p.iter()
        .enumerate()
        .map(|(b, &n)| (b as f64 + 0.5) * n)
        .sum::<f64>()
        / total
}

/// A starting profile of `total` patients with the given share within 18 weeks and share
/// over 52 weeks: geometric decay by month up to a year, then a second, slower decay.
/// Published statistics give only those two points of the distribution.
pub fn profile_matching(total: f64, within_18_weeks: f64, over_52_weeks: f64) -> Profile {
    let within = within_18_weeks.clamp(0.05, 0.995);
    let over = over_52_weeks.clamp(1e-6, 0.5);
    let shape = |fast: f64, slow: f64| -> Profile {
        let mut p = [0.0; BANDS];
        for (b, v) in p.iter_mut().enumerate() {
            let b = b as f64;
            *v = if b <= 12.0 {
                exp(-fast * b)
            } else {
                exp(-fast * 12.0 - slow * (b - 12.0))
            };
        }
        p
    };
    // Alternate bisections: `fast` sets the 18-week share, `slow` the 52-week tail.
    let (mut fast, mut slow) = (0.3, 0.3);
    for _ in 0..40 {
        fast = bisect(-1.0, 3.0, |f| {
            share_within(&shape(f, slow), MONTHS_18_WEEKS) - within
        });
        slow = bisect(-1.0, 5.0, |s| {
            let p = shape(fast, s);
            over - count_over(&p, MONTHS_52_WEEKS) / p.iter().sum::<f64>()
        });
    }
    let p = shape(fast, slow);
    let scale = total / p.iter().sum::<f64>();
    p.map(|v| v * scale)
}

/// Root of an increasing function on [lo, hi] (or the nearer end if it has none there).
fn bisect(mut lo: f64, mut hi: f64, f: impl Fn(f64) -> f64) -> f64 {
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if f(mid) < 0.0 {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(p: &Profile) -> f64 {
        p.iter().sum()
    }

    #[test]
    fn matched_profile_has_the_requested_size_and_shares() {
        let p = profile_matching(7.4e6, 0.60, 0.024);
        assert!((total(&p) - 7.4e6).abs() < 1.0);
        assert!((share_within(&p, MONTHS_18_WEEKS) - 0.60).abs() < 1e-6);
        assert!((count_over(&p, MONTHS_52_WEEKS) / 7.4e6 - 0.024).abs() < 1e-6);
    }

    #[test]
    fn a_step_conserves_patients_in_every_quintile() {
        let mut queues = [profile_matching(1e6, 0.7, 0.02); 5];
        let before: Vec<f64> = queues.iter().map(total).collect();
        let refs = [1e5, 2e5, 3e5, 4e5, 5e5];
        let f = step(
            &mut queues,
            &refs,
            9e5,
            2e5,
            0.0,
            &Rules::new(&HazardShape::calibrated(), &[2.0, 1.0, 1.0, 1.0, 1.0]),
        );
        for q in 0..5 {
            let expect = before[q] + refs[q] - f.treated[q] - f.removed[q];
            assert!((total(&queues[q]) - expect).abs() < 1e-6 * before[q]);
        }
        assert!((f.treated.iter().sum::<f64>() - 9e5).abs() < 1e-3);
    }

    #[test]
    fn capacity_beyond_the_list_treats_at_most_the_monthly_cap_and_never_overdraws() {
        let mut queues = [profile_matching(1000.0, 0.7, 0.02); 5];
        let shape = HazardShape::calibrated();
        let f = step(
            &mut queues,
            &[10.0; 5],
            1e9,
            0.0,
            0.0,
            &Rules::new(&shape, &[1.0; 5]),
        );
        assert!(queues.iter().flatten().all(|&v| v >= 0.0));
        let treated: f64 = f.treated.iter().sum();
        assert!(
            (treated - 5050.0 * MAX_TREATED_SHARE_A_MONTH).abs() < 1e-6,
            "{treated}"
        );
        // Removal can take everyone who is left.
        step(
            &mut queues,
            &[0.0; 5],
            0.0,
            1e9,
            0.0,
            &Rules::new(&shape, &[1.0; 5]),
        );
        assert!(queues.iter().flatten().all(|&v| v == 0.0));
    }

    #[test]
    fn priority_treats_more_of_the_favoured_quintile() {
        let shape = HazardShape::calibrated();
        let mut equal = [profile_matching(1e6, 0.6, 0.02); 5];
        let mut favoured = equal;
        let a = step(
            &mut equal,
            &[1e5; 5],
            5e5,
            0.0,
            0.0,
            &Rules::new(&shape, &[1.0; 5]),
        );
        let b = step(
            &mut favoured,
            &[1e5; 5],
            5e5,
            0.0,
            0.0,
            &Rules::new(&shape, &[2.0, 1.0, 1.0, 1.0, 1.0]),
        );
        assert!(b.treated[0] > a.treated[0] * 1.5);
        assert!(b.treated[4] < a.treated[4]);
    }

    #[test]
    fn median_of_an_even_spread_is_half_way() {
        let mut p = [0.0; BANDS];
        p[0] = 10.0;
        p[1] = 10.0;
        assert!((median_months(&p) - 1.0).abs() < 1e-12);
        assert!((mean_months(&p) - 1.0).abs() < 1e-12);
    }
}
