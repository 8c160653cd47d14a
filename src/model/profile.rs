//! A system's starting waiting list, built from a published month: the list by months
//! waited with the published shares within 18 weeks and over 52, 65 and 78 weeks
//! ([`starting_profile`]), split between the deprivation fifths with the published gap in
//! waits ([`waits_by_fifth`]), and reshaped to a profile the model itself made ([`reshape`]).
//! Pure functions of published figures: `baseline` builds a start with them, `calibration`
//! reshapes it after a run.

use super::math::{bisect, exp};
use super::params::{FIFTH_RANK, WLMDS_OVER_52_DECILES, WLMDS_WITHIN_18_DECILES};
use super::queue::{Profile, BANDS, DAYS_PER_MONTH, MONTHS_18_WEEKS, MONTHS_52_WEEKS};
use crate::data::rtt::PublishedMonth;

/// 65 and 78 weeks in months.
pub const MONTHS_65_WEEKS: f64 = 65.0 * 7.0 / DAYS_PER_MONTH;
pub const MONTHS_78_WEEKS: f64 = 78.0 * 7.0 / DAYS_PER_MONTH;

/// Tolerance of each slope of the starting profile, per month.
const PROFILE_TOLERANCE: f64 = 1e-10;
/// Ranges searched for the head's slope and each tail slope, per month (negative: rising).
/// Wide enough for every system's published shares.
const HEAD_SLOPE_RANGE: (f64, f64) = (-3.0, 5.0);
const TAIL_SLOPE_RANGE: (f64, f64) = (-3.0, 12.0);
/// The share within 18 weeks a profile can be built for (a list all within 18 weeks or none
/// has no shape to fit).
const WITHIN_18_RANGE: (f64, f64) = (0.01, 0.999);
/// Zero counts (small systems) still need a tail: at least a patient in a million.
const MIN_TAIL_SHARE: f64 = 1e-6;
/// Each tail share is at most this much of the one before it (over 52 weeks of those beyond
/// 18, over 65 of those over 52, over 78 of those over 65), so every tail segment has
/// patients to fit.
const MAX_TAIL_RATIO: f64 = 0.9;

/// A published month's counts as shares of its list: within 18 weeks, over 52, 65 and 78.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WaitShares {
    pub within_18: f64,
    pub over_52: f64,
    pub over_65: f64,
    pub over_78: f64,
}

impl WaitShares {
    pub fn of(m: &PublishedMonth) -> Self {
        WaitShares {
            within_18: m.within_18_weeks / m.waiting_list,
            over_52: m.over_52_weeks / m.waiting_list,
            over_65: m.over_65_weeks / m.waiting_list,
            over_78: m.over_78_weeks / m.waiting_list,
        }
    }
}

/// A starting profile of `total` patients with the published shares within 18 weeks and
/// over 52, 65 and 78 weeks: geometric decay by month up to a year, then three more slopes
/// for the tail (a year to 65 weeks, 65 to 78, beyond 78). Each slope is found in turn by
/// [`bisect`]: the first from the 18-week and 52-week shares together (the head of the list
/// and what must lie beyond a year), then each tail slope from the count beyond the next
/// threshold, so all four shares hold exactly.
pub fn starting_profile(total: f64, w: &WaitShares) -> Profile {
    let floor = MIN_TAIL_SHARE;
    let within = w.within_18.clamp(WITHIN_18_RANGE.0, WITHIN_18_RANGE.1);
    let over_52 = w
        .over_52
        .clamp(3.0 * floor, MAX_TAIL_RATIO * (1.0 - within));
    let over_65 = w.over_65.clamp(2.0 * floor, MAX_TAIL_RATIO * over_52);
    let over_78 = w.over_78.clamp(floor, MAX_TAIL_RATIO * over_65);
    let part = |months: f64| months - months.floor();
    // Bands 0..=11 fall by `k0` a month from 1 at band 0.
    let head = |k0: f64| -> [f64; 12] { std::array::from_fn(|b| exp(-k0 * b as f64)) };
    // The head's patients within 18 weeks and in total, as the published shares require:
    // total = within / share, and everyone beyond band 11 is over 52 weeks.
    let balance = |k0: f64| {
        let h = head(k0);
        let within_count = count_within_bands(&h, MONTHS_18_WEEKS);
        let total = within_count / within;
        let beyond_head = total - h.iter().sum::<f64>();
        // Over 52 weeks: beyond the head plus the part of band 11 past 11.96 months.
        beyond_head + (1.0 - part(MONTHS_52_WEEKS)) * h[11] - over_52 * total
    };
    let k0 = bisect(
        HEAD_SLOPE_RANGE.0,
        HEAD_SLOPE_RANGE.1,
        PROFILE_TOLERANCE,
        balance,
    );
    let h = head(k0);
    let t = count_within_bands(&h, MONTHS_18_WEEKS) / within;
    let mut p = [0.0; BANDS];
    p[..12].copy_from_slice(&h);
    // Each tail segment: bands knot+1 ..= next knot fall by `k` a month; what lies beyond
    // the segment's threshold must be the published share.
    let mut beyond = t - h.iter().sum::<f64>(); // patients in bands 12 and later
    let segments = [
        (11usize, 14usize, MONTHS_65_WEEKS, over_65),
        (14, 17, MONTHS_78_WEEKS, over_78),
    ];
    for (knot, next, months, share) in segments {
        let from = p[knot];
        let seg = |k: f64| -> Vec<f64> {
            (1..=next - knot)
                .map(|j| from * exp(-k * j as f64))
                .collect()
        };
        // Beyond the threshold: the part of the segment's last band past it, plus all later.
        let left_beyond = |k: f64| {
            let v = seg(k);
            let inside: f64 = v[..v.len() - 1].iter().sum::<f64>() + part(months) * v[v.len() - 1];
            beyond - inside
        };
        let k = bisect(
            TAIL_SLOPE_RANGE.0,
            TAIL_SLOPE_RANGE.1,
            PROFILE_TOLERANCE,
            |k| left_beyond(k) - share * t,
        );
        let v = seg(k);
        p[knot + 1..=next].copy_from_slice(&v);
        beyond -= v.iter().sum::<f64>();
    }
    // Beyond 78 weeks: bands 18 to 24 ("24 months or more") fall by a last slope from band 17
    // and hold what is left.
    let from = p[17];
    let k3 = bisect(
        TAIL_SLOPE_RANGE.0,
        TAIL_SLOPE_RANGE.1,
        PROFILE_TOLERANCE,
        |k| {
            beyond.max(0.0)
                - (18..BANDS)
                    .map(|b| from * exp(-k * (b - 17) as f64))
                    .sum::<f64>()
        },
    );
    for b in 18..BANDS {
        p[b] = from * exp(-k3 * (b - 17) as f64);
    }
    let scale = total / p.iter().sum::<f64>();
    p.map(|v| v * scale)
}

/// `shape` rescaled in three parts (under 4 months, 4 to 12, 12 and over) so that its total,
/// its count within 18 weeks and its count over 52 weeks equal `target`'s. Falls back to
/// `target` if `shape` lacks patients in a part.
pub fn reshape(shape: &Profile, target: &Profile) -> Profile {
    let part18 = MONTHS_18_WEEKS - MONTHS_18_WEEKS.floor();
    let past52 = 1.0 - (MONTHS_52_WEEKS - MONTHS_52_WEEKS.floor());
    let (b18, b52) = (MONTHS_18_WEEKS as usize, MONTHS_52_WEEKS as usize);
    let young: f64 = shape[..b18].iter().sum();
    let mid: f64 = shape[b18..=b52].iter().sum();
    let old: f64 = shape[b52 + 1..].iter().sum();
    let (w4, v11) = (part18 * shape[b18], past52 * shape[b52]);
    let total: f64 = target.iter().sum();
    let within = count_within_bands(target, MONTHS_18_WEEKS);
    let over = total - count_within_bands(target, MONTHS_52_WEEKS);
    let b = (total - within - over) / (mid - w4 - v11);
    let a = (within - b * w4) / young;
    let c = (over - b * v11) / old;
    if !(a.is_finite() && b.is_finite() && c.is_finite() && a > 0.0 && b > 0.0 && c > 0.0) {
        return *target;
    }
    std::array::from_fn(|k| {
        shape[k]
            * if k < b18 {
                a
            } else if k <= b52 {
                b
            } else {
                c
            }
    })
}

/// Patients in the first bands of a profile waiting less than `months`.
fn count_within_bands(p: &[f64], months: f64) -> f64 {
    let full = months.floor() as usize;
    p[..full].iter().sum::<f64>() + (months - months.floor()) * p[full]
}

// ---- Waiting by deprivation ----

/// A value by fifth on a straight line in deprivation rank through published decile values
/// (deciles at ranks 0.05 and 0.95, fifths at 0.1 ... 0.9).
fn fifths_from_deciles(most: f64, least: f64) -> [f64; 5] {
    FIFTH_RANK.map(|r| most + (least - most) * (r - 0.05) / 0.9)
}

/// Each fifth's waits at the start: the system's published shares, with the WLMDS gradient
/// between fifths (England's for the 18-week share, the system's region's for 52-week
/// waiters, which also shapes the 65- and 78-week tail), so that the fifths, weighted by their
/// share of the list (`weights`, summing to 1), reproduce the system's published figures.
pub fn waits_by_fifth(system: &WaitShares, region: &str, weights: &[f64; 5]) -> [WaitShares; 5] {
    let within = fifths_from_deciles(
        WLMDS_WITHIN_18_DECILES.0 / 100.0,
        WLMDS_WITHIN_18_DECILES.1 / 100.0,
    );
    let mean_within: f64 = (0..5).map(|q| weights[q] * within[q]).sum();
    let (_, most, least) = WLMDS_OVER_52_DECILES
        .iter()
        .find(|(r, _, _)| *r == region)
        .unwrap_or(&WLMDS_OVER_52_DECILES[0]);
    let over = fifths_from_deciles(*most, *least);
    let mean_over: f64 = (0..5).map(|q| weights[q] * over[q]).sum();
    std::array::from_fn(|q| {
        let relative = over[q] / mean_over;
        WaitShares {
            within_18: (system.within_18 + within[q] - mean_within)
                .clamp(WITHIN_18_RANGE.0, WITHIN_18_RANGE.1),
            over_52: system.over_52 * relative,
            over_65: system.over_65 * relative,
            over_78: system.over_78 * relative,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::queue::{count_over, share_within};

    #[test]
    fn starting_profile_matches_all_four_published_shares() {
        // England, March 2025 (NHS England national sheet).
        let m = crate::data::rtt::history("england")
            .unwrap()
            .last()
            .unwrap();
        let w = WaitShares::of(m);
        let p = starting_profile(m.waiting_list, &w);
        let total: f64 = p.iter().sum();
        assert!((total - m.waiting_list).abs() < 1e-6 * total);
        assert!((share_within(&p, MONTHS_18_WEEKS) - w.within_18).abs() < 1e-9);
        for (months, count) in [
            (MONTHS_52_WEEKS, m.over_52_weeks),
            (MONTHS_65_WEEKS, m.over_65_weeks),
            (MONTHS_78_WEEKS, m.over_78_weeks),
        ] {
            let c = count_over(&p, months);
            assert!((c / count - 1.0).abs() < 1e-6, "{months}: {c} vs {count}");
        }
    }

    #[test]
    fn fifths_reproduce_the_system_and_the_published_gap() {
        let w = WaitShares {
            within_18: 0.6,
            over_52: 0.025,
            over_65: 0.002,
            over_78: 0.0003,
        };
        let weights = [0.25, 0.22, 0.2, 0.18, 0.15];
        let f = waits_by_fifth(&w, "London", &weights);
        let mean = |g: fn(&WaitShares) -> f64| (0..5).map(|q| weights[q] * g(&f[q])).sum::<f64>();
        assert!((mean(|x| x.within_18) - 0.6).abs() < 1e-12);
        assert!((mean(|x| x.over_52) - 0.025).abs() < 1e-12);
        // Deciles 59.2 vs 60.9 (1.7 points) are 1.51 points between fifths.
        let gap = f[4].within_18 - f[0].within_18;
        assert!((gap - 0.017 * 0.8 / 0.9).abs() < 1e-12);
        // London, over 52 weeks: 2.4% vs 1.8% between deciles.
        assert!(f[0].over_52 > f[4].over_52 * 1.2);
    }
}
