//! The waiting list's balancing loops (removals that follow the list and its waits,
//! referrals deterred by long waits) and its floor, on England under current plans: no
//! single uncertain assumption, and no lever mix, sends the list to an implausible place.

use ics_whatif::model::queue::FLOOR_MONTHS_OF_REFERRALS;
use ics_whatif::model::{monte_carlo, simulate, Assumption, Baseline, Lever, Metric, Scenario};
use proptest::prelude::*;

fn list_at(s: &Scenario, month: usize) -> f64 {
    Metric::WaitingList.of(&simulate(&Baseline::england(), s).months[month])
}

/// The capacity levers, each at the end that adds capacity.
fn every_capacity_lever_at_its_top() -> Scenario {
    let mut s = Scenario::default();
    for l in [
        Lever::FundingGrowth,
        Lever::ExtraFunding,
        Lever::Recruitment,
        Lever::TrainingPlaces,
        Lever::AgencyCover,
        Lever::SocialCare,
        Lever::Productivity,
        Lever::CapitalBacklog,
    ] {
        s.levers[l] = l.spec().max;
    }
    s.levers[Lever::LeaverRateChange] = Lever::LeaverRateChange.spec().min;
    s
}

/// Target: each assumption at either end of its 80% interval keeps England's 10-year list
/// within 0.4x to 2.5x of current plans (before the loops: 0.004x to 3x).
#[test]
fn no_single_assumption_at_its_interval_end_moves_the_ten_year_list_beyond_0_4x_to_2_5x() {
    let plans = list_at(&Scenario::default(), 120);
    for &a in Assumption::ALL {
        let Some((lo, hi)) = a.spec().uncertainty else {
            continue;
        };
        for v in [lo, hi] {
            let mut s = Scenario::default();
            s.assumptions[a] = v;
            let ratio = list_at(&s, 120) / plans;
            assert!(
                (0.4..=2.5).contains(&ratio),
                "{} = {v}: 10-year list {ratio:.2}x current plans",
                a.key()
            );
        }
    }
}

/// Target: the Monte Carlo band of England's list is no wider than published scenario
/// spreads warrant (IFS, Feb 2024: end-2027 list 5.2m to 7.6m around 6.5m, a ratio of 1.5):
/// P95/P5 at most 1.8 at 3 years and at most 4 at 10 years. Met: 1.67 and 2.70 (before the
/// loops: 2.91 and 46; with the loops but referral growth's old, unsourced 1.5-3.5% interval:
/// 1.68 and 4.20). The growth interval is now the 80% interval of a 10-year average derived
/// from the 2015-2019 clock starts (`tests/referral_uncertainty.rs`).
#[test]
fn the_monte_carlo_band_of_englands_list_stays_within_published_spreads() {
    let mc = monte_carlo(&Baseline::england(), &Scenario::default(), 1000, 1);
    let fan = mc.fan(Metric::WaitingList);
    let ratio = |m: usize| fan.quantiles[m].p95 / fan.quantiles[m].p5;
    assert!(ratio(36) <= 1.8, "3 years: {:?}", fan.quantiles[36]);
    assert!(ratio(120) <= 4.0, "10 years: {:?}", fan.quantiles[120]);
    // Still uncertain: the band has width.
    assert!(ratio(120) > 1.2, "10 years: {:?}", fan.quantiles[120]);
}

/// Every capacity lever at its top never takes the list below the floor (4.5 weeks of
/// referrals, Fong, Walton et al. 2022); removals after treatment may take a little more, so
/// the bound allows 10% below.
#[test]
fn every_capacity_lever_at_its_top_keeps_the_list_above_the_floor() {
    let p = simulate(&Baseline::england(), &every_capacity_lever_at_its_top());
    assert_above_floor(&p);
    // And it does reach down towards it: capacity that large clears the backlog.
    let end = p.last();
    assert!(
        Metric::WaitingList.of(end) < 3.0 * FLOOR_MONTHS_OF_REFERRALS * Metric::Referrals.of(end)
    );
}

fn assert_above_floor(p: &ics_whatif::model::Projection) {
    for r in &p.months[1..] {
        let floor = 0.9 * FLOOR_MONTHS_OF_REFERRALS * Metric::Referrals.of(r);
        let list = Metric::WaitingList.of(r);
        assert!(
            list >= floor,
            "month {}: list {list:.0} below floor {floor:.0}",
            r.month
        );
    }
}

/// The other extreme stays bounded: every lever at its worst (real funding cut 3% a year,
/// more leavers, no agency, fewer recruits and trainees...) roughly halves capacity against
/// demand 28% higher in 10 years. With the loops (referrals deterred, more patients leaving
/// untreated) the list ends above 1.5 and under 5 times today's, and under 18 months of
/// referrals (the longest England's series shows is 4.5, in 2023: this is a collapse, and
/// it reads as one; the bounds guard against the loops failing, they are not calibrated).
#[test]
fn every_lever_at_its_worst_stays_bounded() {
    let mut s = Scenario::default();
    for &l in Lever::ALL {
        s.levers[l] = l.spec().min;
    }
    s.levers[Lever::LeaverRateChange] = Lever::LeaverRateChange.spec().max;
    let p = simulate(&Baseline::england(), &s);
    let (start, end) = (&p.months[0], p.last());
    let months = Metric::WaitingList.of(end) / Metric::Referrals.of(end);
    assert!(months < 18.0, "{months:.1} months of referrals");
    let growth = Metric::WaitingList.of(end) / Metric::WaitingList.of(start);
    assert!(growth > 1.5 && growth < 5.0, "{growth:.2}x today's list");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// No lever mix takes England's list below the floor.
    #[test]
    fn no_lever_mix_takes_the_list_below_the_floor(fracs in proptest::collection::vec(0.0..=1.0f64, Lever::COUNT)) {
        let mut s = every_capacity_lever_at_its_top();
        for (&l, &f) in Lever::ALL.iter().zip(&fracs) {
            let spec = l.spec();
            // Half the draws keep the capacity levers at their top.
            if f > 0.5 {
                s.levers[l] = spec.min + (f - 0.5) * 2.0 * (spec.max - spec.min);
            }
        }
        assert_above_floor(&simulate(&Baseline::england(), &s));
    }
}

/// The long-wait lever only reorders who is treated: every month's treatments and list are
/// as under current plans, while fewer wait over a year (and the 18-week share may fall).
#[test]
fn capacity_for_the_longest_waiters_reorders_treatment_only() {
    let base = Baseline::england();
    let plans = simulate(&base, &Scenario::default());
    let mut s = Scenario::default();
    s.levers[Lever::LongWaitFocus] = 10.0;
    let focus = simulate(&base, &s);
    for (x, y) in plans.months.iter().zip(&focus.months) {
        for m in [Metric::Treated, Metric::WaitingList, Metric::Referrals] {
            let (a, b) = (m.of(x), m.of(y));
            assert!(
                (a - b).abs() <= 1e-6 * a.max(1.0),
                "{} month {}: {a} vs {b}",
                m.key(),
                x.month
            );
        }
    }
    let year = |p: &ics_whatif::model::Projection| Metric::Over52Weeks.of(&p.months[12]);
    assert!(
        year(&focus) < 0.8 * year(&plans),
        "{} vs {}",
        year(&focus),
        year(&plans)
    );
}
