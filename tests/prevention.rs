//! How fast and how far prevention moves planned-care referrals (fresh-eyes finding 6).
//!
//! FACTS.md (PHE return-on-investment tools): falls prevention pays back within 18 months;
//! cardiovascular disease, obesity and dementia over decades. Falls prevention avoids
//! emergency admissions (hip fractures), not referrals for planned care; the referrals that
//! prevention can avoid come from chronic disease (joint disease with weight, eye disease with
//! diabetes, heart disease), so they fall over decades, not within the first five years.

use ics_whatif::model::*;
use ics_whatif::scenario::presets::find_preset;

fn run(s: &Scenario) -> Projection {
    simulate(&Baseline::for_code(&s.system).expect("known system"), s)
}

fn preset(key: &str) -> Projection {
    run(&find_preset(key).expect("preset").apply("england", 10))
}

fn with(settings: &[(&str, f64)]) -> Projection {
    let mut s = Scenario {
        system: "england".to_string(),
        ..Scenario::default()
    };
    for &(key, value) in settings {
        ics_whatif::scenario::set_value(&mut s, key, value).expect("a valid setting");
    }
    run(&s)
}

fn list_at(p: &Projection, month: usize) -> f64 {
    Metric::WaitingList.of(&p.months[month])
}

fn referrals_at(p: &Projection, month: usize) -> f64 {
    p.months[month].referrals.iter().sum()
}

#[test]
fn prevention_first_shortens_the_list_less_than_the_workforce_plan_within_five_years() {
    let plans = with(&[]);
    let prevention = preset("prevention_first");
    let workforce = preset("workforce_plan");
    // March 2029: month 48 from March 2025.
    let by_prevention = list_at(&plans, 48) - list_at(&prevention, 48);
    let by_workforce = list_at(&plans, 48) - list_at(&workforce, 48);
    assert!(by_prevention > 0.0, "prevention still shortens the list");
    assert!(
        by_prevention < by_workforce,
        "prevention {by_prevention:.0} shorter vs workforce plan {by_workforce:.0} at 4 years"
    );
}

#[test]
fn referrals_avoided_by_prevention_build_over_decades_not_years() {
    let plans = with(&[]);
    let prevention = with(&[("prevention_gbp_per_head", 150.0)]);
    let avoided = |m: usize| 1.0 - referrals_at(&prevention, m) / referrals_at(&plans, m);
    // By year 4, under a third of what has been avoided by year 10. A third-order delay of
    // 5 years (the old one) has 43% of the spend arriving by year 4 and 94% by year 10, and
    // avoided more than half by year 4; one of 10 years has 12% and 58% (a ratio of 0.21,
    // raised a little by diminishing returns and by patients returning as waits shorten).
    assert!(
        avoided(48) < avoided(120) / 3.0,
        "avoided {:.2}% at 4 years, {:.2}% at 10",
        100.0 * avoided(48),
        100.0 * avoided(120)
    );
    // And it is still avoiding some: the effect is slow, not absent.
    assert!(avoided(120) > 0.01, "avoided {:.3}", avoided(120));
}
