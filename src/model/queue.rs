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
    /// Relative chance of routine treatment per cohort (any scale: only ratios matter),
    /// before the standards' boosts.
    pub treat: [f64; COHORTS],
    /// The "work to the standards" part of the chance of treatment (patients near 18 weeks
    /// and near a year), added to `treat` in proportion to the slack the list leaves (see
    /// [`standards_scale`]).
    pub boost: [f64; COHORTS],
    /// Relative chance of removal without treatment per cohort.
    pub remove: [f64; COHORTS],
}

impl HazardShape {
    /// A smooth family: new referrals are treated at `new_weight` (quick outpatient
    /// pathways); after that the chance decays with waiting at `decay` a month, and rises by
    /// `boost_18` as patients near 18 weeks and by `boost_52` as they near a year, as
    /// hospitals work to the standards. Removal chance rises with waiting by `removal_slope`
    /// a month (patients who wait longer are likelier to go private, be treated elsewhere
    /// or no longer need care: the NHSRtt package's reneging by months waited).
    ///
    /// Per-system scalable (helper "start" fits them on each ICB's list path): `boost_18`
    /// and `boost_52` (multiply both, as [`HazardShape::current`] does), and the system's
    /// capacity. The rest are England's, fitted on 2015-2023 by [`super::backcast::calibrate`].
    pub fn family(p: ShapeParams) -> Self {
        let mut treat = [0.0; COHORTS];
        let mut boost = [0.0; COHORTS];
        let mut remove = [0.0; COHORTS];
        let near =
            |waited: f64, months: f64, steep: f64| 1.0 / (1.0 + exp(-steep * (waited - months)));
        for k in 0..COHORTS {
            let waited = k.saturating_sub(1) as f64;
            if k == 0 {
                treat[k] = p.new_weight;
            } else {
                treat[k] = exp(-p.decay * waited);
                boost[k] = p.boost_18 * near(waited, MONTHS_18_WEEKS - 1.5, 2.0)
                    + p.boost_52 * near(waited, MONTHS_52_WEEKS - 0.5, 4.0);
            }
            remove[k] = 1.0 + p.removal_slope * waited;
        }
        HazardShape {
            treat,
            boost,
            remove,
        }
    }

    /// Fitted on NHS England's RTT series October 2015 to August 2023 (both shared series,
    /// see `tests/backcast.rs`), with [`PRIORITY`].
    pub fn calibrated() -> Self {
        HazardShape::family(CALIBRATED)
    }

    /// The shape for projections: the calibration with its two boosts scaled by
    /// [`CURRENT_BOOST_SCALE`], the one place a per-system scale enters.
    pub fn current() -> Self {
        let mut p = CALIBRATED;
        p.boost_18 *= CURRENT_BOOST_SCALE;
        p.boost_52 *= CURRENT_BOOST_SCALE;
        HazardShape::family(p)
    }
}

/// England's multiplier on the standards' boosts in projections, on top of the response to
/// slack ([`standards_scale`]). The 2020-2023 fit leaves a list as long as 2025's (about 5
/// months of work) only [`PriorityParams::standards_floor`] of the boosts, and the 52-week
/// waiters then climb from 180k to over 500k in a year. From late 2023 NHS England's
/// long-wait drive did the opposite: 52-week waiters fell from 390,320 (Sep 2023) to 180,243
/// (Mar 2025) on a list that barely moved (FACTS.md). 4 is fitted on the first months: the
/// 18-week share reaches about 63% by September 2025 (published 61.8%) and 52-week waiters
/// fall steadily (about 157k). The one place a per-system scale enters: helper "start" fits
/// one per system on the May 2023 to March 2025 list paths. Pinned by the test
/// `england_default_tracks_2025`.
pub const CURRENT_BOOST_SCALE: f64 = 4.0;

/// The parameters of [`HazardShape::family`].
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct ShapeParams {
    pub new_weight: f64,
    pub decay: f64,
    pub boost_18: f64,
    pub boost_52: f64,
    pub removal_slope: f64,
}

/// Found on both shared series (2015-2019 and 2020-2023) at once by `examples/queue_fit.rs`
/// (random restarts, then `backcast::calibrate`).
pub const CALIBRATED: ShapeParams = ShapeParams {
    new_weight: 0.06955002229906286,
    decay: 0.35519942022445916,
    boost_18: 1.010883469929185,
    boost_52: 4.392066036782705,
    removal_slope: 0.15198693011163322,
};

/// Clinical priority and slack: how treatment is shared when capacity is short.
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize)]
pub struct PriorityParams {
    /// Share of recent capacity (its smoothed level) that goes to clinically urgent
    /// patients, shortest wait first. Urgent patients keep that volume when capacity falls,
    /// so their share of a month's treatment rises as capacity falls below its recent level
    /// (spring 2020), and routine patients wait longer.
    pub urgent_share: f64,
    /// Months of work on the list (list / recent capacity) up to which hospitals work fully
    /// to the standards (the boosts at 18 and 52 weeks apply in full).
    pub slack_months: f64,
    /// How fast the standards' boosts fade beyond `slack_months`, per month of work.
    pub slack_fade: f64,
    /// The share of the boosts that stays however long the list: hospitals still chase the
    /// longest waits (the 104-, 78- and 65-week drives of 2021-2024).
    pub standards_floor: f64,
    /// Months over which "recent capacity" is smoothed (first-order): how long urgent
    /// patients keep their volume after capacity falls.
    pub recent_months: f64,
}

/// Found with [`CALIBRATED`] on both shared series by `examples/queue_fit.rs`.
pub const PRIORITY: PriorityParams = PriorityParams {
    urgent_share: 0.0775221302840002,
    slack_months: 3.2290840420058604,
    slack_fade: 9.531620077203257,
    standards_floor: 0.18656184242244414,
    recent_months: 3.2905770021418363,
};

/// The share of the standards' boosts that applies with `months_of_work` (list / recent
/// capacity) on the list: 1 up to `slack_months`, then fading exponentially towards
/// `standards_floor`. Edge value: no recent capacity (infinite months of work) gives the
/// floor.
pub fn standards_scale(p: &PriorityParams, months_of_work: f64) -> f64 {
    if !months_of_work.is_finite() {
        return p.standards_floor;
    }
    let fade = exp(-p.slack_fade * (months_of_work - p.slack_months).max(0.0));
    p.standards_floor + (1.0 - p.standards_floor) * fade
}

/// One month's flows out of the queues of all quintiles.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthFlows {
    pub treated: [f64; 5],
    pub removed: [f64; 5],
}

/// The rules of a run's queue: the routine chance of treatment per cohort, the standards'
/// boosts, the chance of removal, and the quintiles' priority. Quintiles that share a
/// priority share a chance of treatment, so the queue works on groups of quintiles (two when
/// only the most deprived fifth is favoured, one when none is).
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    treat: [f64; COHORTS],
    boost: [f64; COHORTS],
    remove: [f64; COHORTS],
    /// Each group's priority, and each quintile's group.
    group_priority: [f64; 5],
    groups: usize,
    group_of: [usize; 5],
    priority: PriorityParams,
}

impl Rules {
    /// England's clinical priority ([`PRIORITY`]) with the given shape and quintile priority.
    pub fn new(shape: &HazardShape, priority: &[f64; 5]) -> Self {
        Rules::with_priority(shape, priority, PRIORITY)
    }

    pub fn with_priority(shape: &HazardShape, priority: &[f64; 5], p: PriorityParams) -> Self {
        let mut group_priority = [0.0; 5];
        let mut group_of = [0; 5];
        let mut groups = 0;
        for q in 0..5 {
            match group_priority[..groups]
                .iter()
                .position(|&g| g == priority[q])
            {
                Some(g) => group_of[q] = g,
                None => {
                    group_priority[groups] = priority[q];
                    group_of[q] = groups;
                    groups += 1;
                }
            }
        }
        Rules {
            treat: shape.treat,
            boost: shape.boost,
            remove: shape.remove,
            group_priority,
            groups,
            group_of,
            priority: p,
        }
    }

    /// The removal weight of each cohort (the same for every quintile).
    pub fn removal_weights(&self) -> &[f64; COHORTS] {
        &self.remove
    }
}

/// What one month asks of the queue, beyond the referrals.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MonthInput {
    /// Treatments this month.
    pub capacity: f64,
    /// Capacity's recent level (smoothed over [`PriorityParams::recent_months`]): urgent patients keep
    /// their share of it, and the list is measured against it for slack.
    pub recent_capacity: f64,
    /// Patients removed without treatment this month, in number.
    pub removals: f64,
    /// Further removals as a hazard: this share of those still waiting after treatment
    /// leaves, the longer-waiting likelier (by the cohorts' removal weights). The number
    /// depends on how many are waiting, not on who: reordering treatment (slack, the
    /// long-wait lever) never changes how many leave untreated.
    pub removal_rate: f64,
    /// Share of capacity for the longest waiters, longest wait first (0-1): only reorders
    /// who is treated.
    pub long_wait_share: f64,
}

type Cohorts = [[f64; COHORTS]; 5];

/// Steps every quintile's queue by one month.
///
/// `referrals[q]` join. Of `capacity` treatments: clinically urgent patients take up to
/// `urgent_share` of recent capacity, shortest wait first; `long_wait_share` goes to the
/// longest waiters, longest first; the rest is shared by the routine chance of treatment plus
/// the standards' boosts scaled by slack. No cohort has more than its cap treated in a month
/// ([`max_treated_share`]): the minimum time from referral to treatment. Then `removals`
/// patients plus the removal hazard leave untreated; the rest age. Never treats or removes
/// more than are waiting, so no band goes negative.
///
/// Every rule treats a (group of quintiles, cohort) as one: the same share of each quintile
/// in it leaves, so the work is done on cohort totals and applied to the quintiles once.
pub fn step(
    queues: &mut [Profile; 5],
    referrals: &[f64; 5],
    input: &MonthInput,
    rules: &Rules,
) -> MonthFlows {
    let g_n = rules.groups;
    // Each quintile's cohorts: its new referrals, then its bands before ageing.
    // (The loops below run elementwise over cohorts, with sums kept in several lanes, so
    // that they vectorise and no long chain of additions sets the pace: a run's time is
    // mostly this function.)
    // (Arrays are built whole, not zeroed and then filled: zeroing them cost a twentieth of
    // a run.)
    let cohorts: Cohorts = std::array::from_fn(|q| {
        let mut c = [referrals[q]; COHORTS];
        c[1..].copy_from_slice(&queues[q]);
        c
    });
    let list_of: [f64; 5] = std::array::from_fn(|q| lane_sum(&queues[q]));
    let list: f64 = list_of.iter().sum();
    // Cohort sizes per group of quintiles (the quintiles themselves when each has its own
    // priority: groups are numbered in order of first appearance; groups past the last are
    // empty), and in total.
    let grouped: Cohorts;
    let size = if g_n == 5 {
        &cohorts
    } else {
        let mut sum = [[0.0; COHORTS]; 5];
        for q in 0..5 {
            add_to(&mut sum[rules.group_of[q]], &cohorts[q]);
        }
        grouped = sum;
        &grouped
    };
    let mut total = [0.0; COHORTS];
    for group in &size[..g_n] {
        add_to(&mut total, group);
    }
    let capacity = input.capacity.max(0.0);
    let p = &rules.priority;
    let urgent = (p.urgent_share * input.recent_capacity.max(0.0)).min(capacity);
    let long_wait = (input.long_wait_share.clamp(0.0, 1.0) * capacity).min(capacity - urgent);
    // Urgent and longest-wait treatment take the same share of every quintile in a cohort.
    let mut first = [0.0; COHORTS];
    let mut left = capacity;
    left -= in_turn(&total, &mut first, urgent, false);
    left -= in_turn(&total, &mut first, long_wait, true);
    // Routine treatment: water-filling by weight, within each cohort's remaining room.
    let s = if input.recent_capacity > 0.0 {
        standards_scale(p, list / input.recent_capacity)
    } else {
        p.standards_floor
    };
    // Per cohort: the routine weight (before the group's priority) and the most of those
    // still waiting after urgent and long-wait treatment that routine treatment may take.
    let mut weight = [0.0; COHORTS];
    let mut cap = [0.0; COHORTS];
    let mut keep = [0.0; COHORTS];
    for k in 0..COHORTS {
        keep[k] = 1.0 - first[k];
        // (Most cohorts have nothing taken first: dividing by a `keep` of exactly 1 changes
        // nothing, and is skipped.)
        let room = (max_treated_share(k) - first[k]).max(0.0);
        cap[k] = if keep[k] == 1.0 {
            room
        } else if keep[k] > 0.0 {
            room / keep[k]
        } else {
            0.0
        };
        // A cohort with no room left (urgent and long-wait treatment took its cap) takes no
        // routine treatment whatever its weight: a weight of 0 says so, and spares the
        // water-filling the cells.
        weight[k] = if cap[k] > 0.0 {
            rules.treat[k] + s * rules.boost[k]
        } else {
            0.0
        };
    }
    let n: Cohorts = std::array::from_fn(|g| std::array::from_fn(|k| size[g][k] * keep[k]));
    let routine = Fill::solve(
        &n[..g_n],
        &rules.group_priority[..g_n],
        &weight,
        &cap,
        left.max(0.0),
    );
    // `pass[g][k]`: the share of cell (g, k) still waiting after treatment. Removal: one
    // hazard for every quintile, on who is left after treatment.
    // (Groups past the last have no patients and no priority: nothing is taken from them.)
    let mut after = [0.0; COHORTS];
    let pass: Cohorts = std::array::from_fn(|g| {
        let mut untreated = [0.0; COHORTS];
        routine.untreated(g, &weight, &cap, &mut untreated);
        std::array::from_fn(|k| {
            after[k] += n[g][k] * untreated[k];
            keep[k] * untreated[k]
        })
    });
    let hazard = input.removal_rate.max(0.0) * lane_sum(&after);
    let removal = Fill::solve(
        std::slice::from_ref(&after),
        &[1.0],
        &rules.remove,
        &NO_CAP,
        input.removals.max(0.0) + hazard,
    );
    let mut kept_share = [0.0; COHORTS];
    removal.untreated(0, &rules.remove, &NO_CAP, &mut kept_share);

    // Everyone left ages a month: cohort k becomes band k, and the oldest band keeps its
    // survivors and gains the band below it.
    let mut flows = MonthFlows::default();
    for q in 0..5 {
        let pass = &pass[rules.group_of[q]];
        let (cohort, queue) = (&cohorts[q], &mut queues[q]);
        let mut waiting = [0.0; 4];
        let mut kept = [0.0; 4];
        for c in 0..BANDS / 4 {
            for i in 0..4 {
                let k = 4 * c + i;
                let w = cohort[k] * pass[k];
                let stay = w * kept_share[k];
                queue[k] = stay;
                waiting[i] += w;
                kept[i] += stay;
            }
        }
        for k in BANDS / 4 * 4..BANDS {
            let w = cohort[k] * pass[k];
            let stay = w * kept_share[k];
            queue[k] = stay;
            waiting[0] += w;
            kept[0] += stay;
        }
        let w = cohort[BANDS] * pass[BANDS];
        let stay = w * kept_share[BANDS];
        queue[BANDS - 1] += stay;
        let waiting = (waiting[0] + waiting[1]) + (waiting[2] + waiting[3]) + w;
        let kept = (kept[0] + kept[1]) + (kept[2] + kept[3]) + stay;
        flows.treated[q] = referrals[q] + list_of[q] - waiting;
        flows.removed[q] = waiting - kept;
    }
    flows
}

/// Removal has no cap beyond the patients waiting.
const NO_CAP: [f64; COHORTS] = [1.0; COHORTS];

/// `to[k] += from[k]` for every k.
fn add_to<const N: usize>(to: &mut [f64; N], from: &[f64; N]) {
    for (t, f) in to.iter_mut().zip(from) {
        *t += f;
    }
}

/// The sum of `x`, in four lanes (independent chains of additions) rather than one.
pub fn lane_sum(x: &[f64]) -> f64 {
    let mut lanes = [0.0; 4];
    let mut chunks = x.chunks_exact(4);
    for c in &mut chunks {
        for i in 0..4 {
            lanes[i] += c[i];
        }
    }
    let rest: f64 = chunks.remainder().iter().sum();
    (lanes[0] + lanes[1]) + (lanes[2] + lanes[3]) + rest
}

/// The most of a cohort that can be treated in one month. Later cohorts: 80%, since
/// diagnostics and booking take time (Assumption). New referrals: set so that however much
/// capacity there is, the list cannot fall below [`FLOOR_MONTHS_OF_REFERRALS`] (see there).
pub fn max_treated_share(cohort: usize) -> f64 {
    if cohort == 0 {
        MAX_NEW_TREATED_SHARE
    } else {
        MAX_TREATED_SHARE_A_MONTH
    }
}

/// The most of a cohort waiting a month or more that can be treated in one month.
/// Assumption.
pub const MAX_TREATED_SHARE_A_MONTH: f64 = 0.8;

/// The shortest list a system can run, in months of referrals: 18 weeks / 4 = 4.5 weeks of
/// demand. Source: Fong, Walton et al. (2022), "target list = demand x target wait / 4", the
/// list of a well-run queue that meets an 18-week target (NHSRwaitinglist's
/// `calc_target_queue_size`, factor 4); half the list England ran in 2015-16, the last years
/// the 18-week standard was met (2.2 months of clock starts, median wait about 6 weeks:
/// data/rtt_england_monthly_to_2019.csv). Patients need time to be seen, diagnosed and
/// scheduled, so no capacity takes a list below it.
pub const FLOOR_MONTHS_OF_REFERRALS: f64 = 18.0 / 4.0 * 7.0 / DAYS_PER_MONTH;

/// The most of the new referrals that can be treated in their first month, derived from
/// the floor: with unlimited capacity and the 80% cap after, a month's referrals R leave
/// R (1 - c) (1 + 0.2 + 0.04 + ...) = R (1 - c) / 0.8 on the list, which equals the floor
/// F R when c = 1 - 0.8 F (about 0.17).
pub const MAX_NEW_TREATED_SHARE: f64 = 1.0 - FLOOR_MONTHS_OF_REFERRALS * MAX_TREATED_SHARE_A_MONTH;

/// Takes up to `amount` patients in turn by cohort (shortest wait first, or longest first
/// when `longest_first`), each within what its cap leaves (`taken[k]` is the share of cohort
/// `k` already taken, and grows); returns how many were taken.
fn in_turn(
    total: &[f64; COHORTS],
    taken: &mut [f64; COHORTS],
    amount: f64,
    longest_first: bool,
) -> f64 {
    let mut left = amount;
    for i in 0..COHORTS {
        if left <= 0.0 {
            break;
        }
        let k = if longest_first { COHORTS - 1 - i } else { i };
        let room = (max_treated_share(k) - taken[k]).max(0.0) * total[k];
        if room <= 0.0 {
            continue;
        }
        let t = left.min(room);
        taken[k] += t / total[k];
        left -= t;
    }
    amount - left.max(0.0)
}

/// Water-filling: the rate at which `amount` patients are taken from groups of cohorts, each
/// cell `(g, k)` (group `g`, cohort `k`, `n[g][k]` patients) at the share
/// `min(rate * priority[g] * weight[k], cap[k])`: in proportion to its weight, never above its
/// cap; what a full cell cannot take is shared among the rest. Found as Newton's method finds
/// the root of a concave piecewise-linear function: from the rate with no cap reached, cap
/// every cell the rate reaches, recompute the rate from the rest, and repeat until no further
/// cell is capped (the rate only rises, so each cell is capped at most once). A cell reaches
/// its cap when `rate * priority[g] * weight[k]` reaches `cap[k]`; a round looks at a
/// cohort's cells only when the most favoured group's cell is reached, and never at cells of
/// weight 0 (they take nothing, capped or not). Edge values: nothing to take gives a share of 0 everywhere; more to take than the
/// caps allow takes every cell with a positive weight at its cap.
#[derive(Clone, Copy, Debug)]
struct Fill {
    rate: f64,
    priority: [f64; 5],
    /// Every cell with a positive weight is at its cap.
    saturated: bool,
}

impl Fill {
    /// `n` and `priority` have one entry per group (1 to 5).
    fn solve(
        n: &[[f64; COHORTS]],
        priority: &[f64],
        weight: &[f64; COHORTS],
        cap: &[f64; COHORTS],
        amount: f64,
    ) -> Fill {
        // The number of groups fixed at compile time: the loops over groups then have a known
        // length, and their ends cost no mispredicted branches.
        match n.len() {
            1 => Fill::solve_for::<1>(n, priority, weight, cap, amount),
            2 => Fill::solve_for::<2>(n, priority, weight, cap, amount),
            3 => Fill::solve_for::<3>(n, priority, weight, cap, amount),
            4 => Fill::solve_for::<4>(n, priority, weight, cap, amount),
            _ => Fill::solve_for::<5>(n, priority, weight, cap, amount),
        }
    }

    fn solve_for<const G: usize>(
        n: &[[f64; COHORTS]],
        priority: &[f64],
        weight: &[f64; COHORTS],
        cap: &[f64; COHORTS],
        amount: f64,
    ) -> Fill {
        let (n, priority, groups) = (&n[..G], &priority[..G], G);
        let mut fill = Fill {
            rate: 0.0,
            priority: [0.0; 5],
            saturated: false,
        };
        fill.priority[..groups].copy_from_slice(priority);
        if amount <= 0.0 {
            return fill;
        }
        // Each group's demand (weighted patients, before its priority) not yet capped, and the
        // rate with none capped.
        let mut rest_of = [0.0; 5];
        let mut rest = 0.0;
        for g in 0..groups {
            let mut demand = [0.0; COHORTS];
            for k in 0..COHORTS {
                demand[k] = weight[k] * n[g][k];
            }
            rest_of[g] = lane_sum(&demand);
            rest += priority[g] * rest_of[g];
        }
        if rest <= 0.0 {
            return fill;
        }
        let mut rate = amount / rest;
        // A cell reaches its cap when `rate * priority * weight >= cap`: a cap of 0 at once,
        // a weight of 0 (with a positive cap) never.
        // Rounds: cap every cell the rate reaches. A cohort the most favoured group's level
        // does not reach has no cell to cap.
        let top = priority.iter().fold(0.0_f64, |m, &p| m.max(p));
        let mut capped = [0u32; 5];
        let mut fixed = 0.0;
        loop {
            let mut more = false;
            let reach = rate * top;
            for k in 0..COHORTS {
                // (A cell exactly at its cap takes the same whether capped or not; one of
                // weight 0 takes nothing: neither is looked at.)
                if weight[k] <= 0.0 || reach * weight[k] < cap[k] {
                    continue;
                }
                for g in 0..groups {
                    if capped[g] & (1 << k) == 0 && rate * priority[g] * weight[k] >= cap[k] {
                        capped[g] |= 1 << k;
                        fixed += n[g][k] * cap[k];
                        rest_of[g] -= weight[k] * n[g][k];
                        more = true;
                    }
                }
            }
            if !more {
                break;
            }
            rest = (0..groups).map(|g| priority[g] * rest_of[g]).sum();
            let next = (amount - fixed) / rest;
            // Every cell that can be capped is (the rest is only rounding), or none is left.
            if rest <= 0.0 || !next.is_finite() {
                fill.saturated = true;
                break;
            }
            rate = next.max(rate);
        }
        fill.rate = rate;
        fill
    }

    /// The share of each cell of group `g` not taken: `1 - min(rate * priority * weight, cap)`.
    #[inline(always)]
    fn untreated(
        &self,
        g: usize,
        weight: &[f64; COHORTS],
        cap: &[f64; COHORTS],
        out: &mut [f64; COHORTS],
    ) {
        let level = self.rate * self.priority[g];
        if self.saturated {
            for k in 0..COHORTS {
                out[k] = 1.0
                    - if self.priority[g] * weight[k] > 0.0 {
                        cap[k]
                    } else {
                        0.0
                    };
            }
        } else {
            for k in 0..COHORTS {
                // (A plain comparison: the rate is finite, so nothing here is NaN.)
                let taken = level * weight[k];
                out[k] = 1.0 - if taken < cap[k] { taken } else { cap[k] };
            }
        }
    }
}

/// Share of a profile's patients within a wait given in months, counting the band that
/// straddles it in proportion (waits are taken as spread evenly within a band).
///
/// Edge value: an empty list (no patients) counts as 1.0, everyone within the wait: nobody
/// is waiting longer. The outputs follow the same convention (`within_18_weeks_pct` of an
/// empty list is 100%).
pub fn share_within(p: &Profile, months: f64) -> f64 {
    let total: f64 = p.iter().sum();
    if total <= 0.0 {
        return 1.0;
    }
    count_within(p, months) / total
}

/// Patients waiting less than `months`. Edge values: 0 for an empty list; the whole list
/// for a wait beyond the last band's start (24 months).
pub fn count_within(p: &Profile, months: f64) -> f64 {
    let full = months.floor() as usize;
    let part = months - months.floor();
    let whole: f64 = p[..full.min(BANDS)].iter().sum();
    whole + if full < BANDS { part * p[full] } else { 0.0 }
}

/// Patients waiting longer than `months`. Edge value: 0 for an empty list (nobody waits
/// over 52 weeks).
pub fn count_over(p: &Profile, months: f64) -> f64 {
    (p.iter().sum::<f64>() - count_within(p, months)).max(0.0)
}

/// Median wait in months, interpolated within its band. Edge value: 0 for an empty list.
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
/// Edge values for an empty profile: total 0, within 18 weeks 0 (a count; as a share it reads
/// 100%), over 52 weeks 0, median 0, mean 0.
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

/// [`summarise`] for the five quintiles' profiles at once, and the median of their sum, with
/// the same figures to the last bit: one pass builds each profile's running totals (the five
/// side by side, so that no one long chain of additions sets the pace), and the counts within
/// 18 and 52 weeks and the medians are read off them.
pub fn summarise_quintiles(queues: &[Profile; 5]) -> ([Summary; 5], f64) {
    let mut running = [[0.0; BANDS]; 5];
    let mut all = [0.0; BANDS];
    let mut total = [0.0; 5];
    let mut weighted = [0.0; 5];
    for b in 0..BANDS {
        let mid = b as f64 + 0.5;
        for q in 0..5 {
            let n = queues[q][b];
            total[q] += n;
            weighted[q] += mid * n;
            running[q][b] = total[q];
        }
        all[b] = (((queues[0][b] + queues[1][b]) + queues[2][b]) + queues[3][b]) + queues[4][b];
    }
    let within = |q: usize, months: f64| {
        let full = months.floor() as usize;
        let part = months - months.floor();
        let whole = if full == 0 {
            0.0
        } else {
            running[q][full.min(BANDS) - 1]
        };
        whole
            + if full < BANDS {
                part * queues[q][full]
            } else {
                0.0
            }
    };
    let summaries = std::array::from_fn(|q| {
        let t = total[q];
        Summary {
            total: t,
            within_18_weeks: within(q, MONTHS_18_WEEKS),
            over_52_weeks: (t - within(q, MONTHS_52_WEEKS)).max(0.0),
            median_months: median_of_running(&queues[q], &running[q], t),
            mean_months: if t > 0.0 { weighted[q] / t } else { 0.0 },
        }
    });
    (summaries, median_months(&all))
}

/// [`median_of`] from a profile's running totals (`running[b]` = patients in bands 0..=b,
/// added in order), without its chain of additions; the same figure to the last bit.
fn median_of_running(p: &Profile, running: &[f64; BANDS], total: f64) -> f64 {
    if total <= 0.0 {
        return 0.0;
    }
    let half = total / 2.0;
    for b in 0..BANDS {
        if running[b] >= half && p[b] > 0.0 {
            let seen = if b == 0 { 0.0 } else { running[b - 1] };
            return b as f64 + (half - seen) / p[b];
        }
    }
    BANDS as f64
}

/// Mean wait in months, taking each band at its midpoint. Edge value: 0 for an empty list.
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

    fn input(capacity: f64, removals: f64) -> MonthInput {
        MonthInput {
            capacity,
            recent_capacity: capacity,
            removals,
            ..MonthInput::default()
        }
    }

    #[test]
    fn a_step_conserves_patients_in_every_quintile() {
        let mut queues = [profile_matching(1e6, 0.7, 0.02); 5];
        let before: Vec<f64> = queues.iter().map(total).collect();
        let refs = [1e5, 2e5, 3e5, 4e5, 5e5];
        let f = step(
            &mut queues,
            &refs,
            &MonthInput {
                removal_rate: 0.02,
                long_wait_share: 0.1,
                ..input(9e5, 2e5)
            },
            &Rules::new(&HazardShape::calibrated(), &[2.0, 1.0, 1.0, 1.0, 1.0]),
        );
        for q in 0..5 {
            let expect = before[q] + refs[q] - f.treated[q] - f.removed[q];
            assert!((total(&queues[q]) - expect).abs() < 1e-6 * before[q]);
        }
        assert!((f.treated.iter().sum::<f64>() - 9e5).abs() < 1e-3);
    }

    #[test]
    fn capacity_beyond_the_list_treats_at_most_each_cohorts_cap_and_never_overdraws() {
        let mut queues = [profile_matching(1000.0, 0.7, 0.02); 5];
        let shape = HazardShape::calibrated();
        let f = step(
            &mut queues,
            &[10.0; 5],
            &input(1e9, 0.0),
            &Rules::new(&shape, &[1.0; 5]),
        );
        assert!(queues.iter().flatten().all(|&v| v >= 0.0));
        let treated: f64 = f.treated.iter().sum();
        let expect = 5000.0 * MAX_TREATED_SHARE_A_MONTH + 50.0 * MAX_NEW_TREATED_SHARE;
        assert!((treated - expect).abs() < 1e-6, "{treated} vs {expect}");
        // Removal can take everyone who is left.
        step(
            &mut queues,
            &[0.0; 5],
            &input(0.0, 1e9),
            &Rules::new(&shape, &[1.0; 5]),
        );
        assert!(queues.iter().flatten().all(|&v| v == 0.0));
    }

    #[test]
    fn unlimited_capacity_holds_the_list_at_the_floor() {
        let mut queues = [profile_matching(1e6, 0.6, 0.02); 5];
        let rules = Rules::new(&HazardShape::calibrated(), &[1.0; 5]);
        for _ in 0..60 {
            step(&mut queues, &[1e5; 5], &input(1e12, 0.0), &rules);
        }
        let list: f64 = queues.iter().flatten().sum();
        let floor = 5e5 * FLOOR_MONTHS_OF_REFERRALS;
        assert!((list / floor - 1.0).abs() < 1e-6, "{list} vs {floor}");
        // About 4.5 weeks of referrals: just over one month's.
        assert!((FLOOR_MONTHS_OF_REFERRALS - 1.035).abs() < 0.01);
    }

    #[test]
    fn the_long_wait_share_reorders_treatment_without_changing_its_total() {
        let rules = Rules::new(&HazardShape::calibrated(), &[1.0; 5]);
        let run = |share: f64| {
            let mut queues = [profile_matching(1e6, 0.6, 0.03); 5];
            let f = step(
                &mut queues,
                &[1e5; 5],
                &MonthInput {
                    long_wait_share: share,
                    ..input(6e5, 1e5)
                },
                &rules,
            );
            let all: Profile = std::array::from_fn(|b| queues.iter().map(|p| p[b]).sum());
            (
                f.treated.iter().sum::<f64>(),
                count_over(&all, MONTHS_52_WEEKS),
            )
        };
        let (t0, long0) = run(0.0);
        let (t1, long1) = run(0.2);
        assert!((t0 - t1).abs() < 1e-6 * t0, "{t0} vs {t1}");
        assert!(long1 < long0 * 0.8, "{long1} vs {long0}");
    }

    #[test]
    fn urgent_patients_keep_their_volume_when_capacity_collapses() {
        let shape = HazardShape::calibrated();
        let p = PriorityParams {
            urgent_share: 0.3,
            ..PRIORITY
        };
        let rules = Rules::with_priority(&shape, &[1.0; 5], p);
        let newest_treated = |capacity: f64| {
            let mut queues = [profile_matching(1e6, 0.6, 0.03); 5];
            let before: f64 = queues.iter().map(|q| q[0]).sum();
            step(
                &mut queues,
                &[1e5; 5],
                &MonthInput {
                    capacity,
                    recent_capacity: 8e5,
                    ..MonthInput::default()
                },
                &rules,
            );
            // After ageing, band 0 is what is left of the new referrals and band 1 of the
            // band 0 that started the month.
            let left: f64 = queues.iter().map(|q| q[0] + q[1]).sum();
            (5e5 + before - left) / capacity
        };
        // Half the usual capacity: a larger share of it goes to the newest patients.
        let (half, full) = (newest_treated(4e5), newest_treated(8e5));
        assert!(half > 1.3 * full, "{half} vs {full}");
    }

    #[test]
    fn the_standards_fade_as_the_list_outgrows_capacity() {
        assert_eq!(standards_scale(&PRIORITY, PRIORITY.slack_months - 1.0), 1.0);
        assert!(standards_scale(&PRIORITY, PRIORITY.slack_months + 2.0) < 1.0);
        assert_eq!(
            standards_scale(&PRIORITY, f64::INFINITY),
            PRIORITY.standards_floor
        );
    }

    #[test]
    fn priority_treats_more_of_the_favoured_quintile() {
        let shape = HazardShape::calibrated();
        let mut equal = [profile_matching(1e6, 0.6, 0.02); 5];
        let mut favoured = equal;
        let a = step(
            &mut equal,
            &[1e5; 5],
            &input(5e5, 0.0),
            &Rules::new(&shape, &[1.0; 5]),
        );
        let b = step(
            &mut favoured,
            &[1e5; 5],
            &input(5e5, 0.0),
            &Rules::new(&shape, &[2.0, 1.0, 1.0, 1.0, 1.0]),
        );
        assert!(b.treated[0] > a.treated[0] * 1.5);
        assert!(b.treated[4] < a.treated[4]);
    }

    #[test]
    fn an_empty_list_reads_as_all_within_18_weeks_and_none_over_52() {
        let empty = [0.0; BANDS];
        assert_eq!(share_within(&empty, MONTHS_18_WEEKS), 1.0);
        assert_eq!(count_over(&empty, MONTHS_52_WEEKS), 0.0);
        assert_eq!(median_months(&empty), 0.0);
        assert_eq!(mean_months(&empty), 0.0);
        let s = summarise(&empty);
        assert_eq!(
            (s.total, s.within_18_weeks, s.over_52_weeks),
            (0.0, 0.0, 0.0)
        );
    }

    /// Water-filling against its definition, on many made-up groups: the amount taken is the
    /// amount asked (or every cap, when it asks more), no cell exceeds its cap, and every cell
    /// below its cap is taken at one rate times its weight and priority.
    #[test]
    fn water_filling_takes_the_amount_asked_at_one_rate_below_the_caps() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for case in 0..500 {
            let groups = 1 + case % 5;
            let mut n = [[0.0; COHORTS]; 5];
            let mut weight = [0.0; COHORTS];
            let mut cap = [0.0; COHORTS];
            for k in 0..COHORTS {
                weight[k] = if rng.random::<f64>() < 0.1 {
                    0.0
                } else {
                    rng.random::<f64>() * 3.0
                };
                cap[k] = if rng.random::<f64>() < 0.1 {
                    0.0
                } else {
                    rng.random::<f64>()
                };
                for cells in n.iter_mut().take(groups) {
                    cells[k] = rng.random::<f64>() * 1000.0;
                }
            }
            let priority: Vec<f64> = (0..groups).map(|_| 0.5 + rng.random::<f64>()).collect();
            let most: f64 = (0..groups)
                .flat_map(|g| (0..COHORTS).map(move |k| (g, k)))
                .filter(|&(_, k)| weight[k] > 0.0)
                .map(|(g, k)| n[g][k] * cap[k])
                .sum();
            let amount = most * rng.random::<f64>() * 1.2;
            let fill = Fill::solve(&n[..groups], &priority, &weight, &cap, amount);
            let mut taken = 0.0;
            for g in 0..groups {
                let mut untreated = [0.0; COHORTS];
                fill.untreated(g, &weight, &cap, &mut untreated);
                for k in 0..COHORTS {
                    let share = 1.0 - untreated[k];
                    assert!(share <= cap[k] + 1e-12, "case {case}: above the cap");
                    if share < cap[k] - 1e-12 && !fill.saturated {
                        let expected = fill.rate * priority[g] * weight[k];
                        assert!(
                            (share - expected).abs() <= 1e-9 * expected.max(1.0),
                            "case {case}"
                        );
                    }
                    taken += share * n[g][k];
                }
            }
            let expected = amount.min(most);
            assert!(
                (taken - expected).abs() <= 1e-9 * most.max(1.0),
                "case {case}: took {taken}, asked {amount}, most {most}"
            );
        }
    }

    #[test]
    fn the_five_quintiles_summarised_at_once_match_each_summarised_alone_to_the_bit() {
        use rand::{RngExt, SeedableRng};
        let mut rng = rand::rngs::StdRng::seed_from_u64(11);
        for case in 0..200 {
            let mut queues = [[0.0; BANDS]; 5];
            for (q, p) in queues.iter_mut().enumerate() {
                for v in p.iter_mut() {
                    // Some empty profiles and some empty bands, as lists can have.
                    *v = if (case + q) % 7 == 0 || rng.random::<f64>() < 0.2 {
                        0.0
                    } else {
                        rng.random::<f64>() * 1e5
                    };
                }
            }
            let (each, median_all) = summarise_quintiles(&queues);
            for q in 0..5 {
                let alone = summarise(&queues[q]);
                assert_eq!(each[q].total.to_bits(), alone.total.to_bits());
                assert_eq!(
                    each[q].within_18_weeks.to_bits(),
                    alone.within_18_weeks.to_bits()
                );
                assert_eq!(
                    each[q].over_52_weeks.to_bits(),
                    alone.over_52_weeks.to_bits()
                );
                assert_eq!(
                    each[q].median_months.to_bits(),
                    alone.median_months.to_bits()
                );
                assert_eq!(each[q].mean_months.to_bits(), alone.mean_months.to_bits());
            }
            let mut all = [0.0; BANDS];
            for p in &queues {
                for (a, v) in all.iter_mut().zip(p) {
                    *a += v;
                }
            }
            assert_eq!(median_all.to_bits(), median_months(&all).to_bits());
        }
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
