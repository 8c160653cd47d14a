//! Life expectancy and healthy life expectancy held to published figures (issue 11.5): local
//! starting points from each ICB's places, published trends by fifth, prevention that reaches
//! health late, harm from long waits, and the price of a healthy year.

use ics_whatif::data::{icbs, places_of, ENGLAND};
use ics_whatif::model::outcomes::{fifths_from_deciles, starting_outcomes};
use ics_whatif::model::params::{
    HLE_DECILES_MEN, HLE_DECILES_WOMEN, HLE_ENGLAND, LE_DECILES_MEN, LE_DECILES_WOMEN,
};
use ics_whatif::model::*;

fn scenario(system: &str, years: u32, set: &[(Lever, f64)]) -> Scenario {
    let mut s = Scenario {
        system: system.into(),
        years,
        ..Scenario::default()
    };
    for &(l, v) in set {
        s.levers[l] = v;
    }
    s
}

fn run(s: &Scenario) -> Projection {
    simulate(&Baseline::for_code(&s.system).unwrap(), s)
}

#[test]
fn england_starts_at_ons_deciles_mapped_to_fifths() {
    let o = starting_outcomes(ENGLAND);
    let mean = |v: &[f64; 5]| (0..5).map(|q| v[q] * o.quintile_share[q]).sum::<f64>();
    // ONS 2022-24: LE men 73.2 vs 83.6, women 78.3 vs 86.4 between the most and least deprived
    // deciles; a fifth is two deciles, its value the mean of the fitted rank profile over them.
    // England's mean: its places' resident-weighted mean, 2022-24.
    let places: Vec<_> = places_of(ENGLAND)
        .into_iter()
        .filter_map(|p| Some((p.residents, p.le_2022_24?)))
        .collect();
    let residents: f64 = places.iter().map(|p| p.0).sum();
    let men_mean = places.iter().map(|p| p.0 * p.1.male).sum::<f64>() / residents;
    let women_mean = places.iter().map(|p| p.0 * p.1.female).sum::<f64>() / residents;
    let men = fifths_from_deciles(LE_DECILES_MEN, men_mean);
    let women = fifths_from_deciles(LE_DECILES_WOMEN, women_mean);
    assert_eq!(o.life_expectancy_men, men);
    assert_eq!(o.life_expectancy_women, women);
    assert!((men[4] - men[0] - 10.4 * 0.8 / 0.9).abs() < 1e-9);
    assert!((women[4] - women[0] - 8.1 * 0.8 / 0.9).abs() < 1e-9);
    // HLE men 49.8 vs 69.2, women 48.2 vs 68.5; England HLE 2021-23 men 61.5, women 61.9.
    let b = Baseline::england();
    for q in 0..5 {
        let hle = 0.5
            * (fifths_from_deciles(HLE_DECILES_MEN, HLE_ENGLAND.male)[q]
                + fifths_from_deciles(HLE_DECILES_WOMEN, HLE_ENGLAND.female)[q]);
        assert!((b.healthy_life_expectancy[q] - hle).abs() < 1e-9);
        assert!((b.life_expectancy[q] - 0.5 * (men[q] + women[q])).abs() < 1e-9);
    }
    let hle_gap = b.healthy_life_expectancy[4] - b.healthy_life_expectancy[0];
    assert!((hle_gap - (19.4 + 20.3) / 2.0 * 0.8 / 0.9).abs() < 1e-9);
    // Weighted by IMD 2025 residents (20.2% ... 19.5%), the fifths keep that mean closely.
    assert!(
        (mean(&men) - men_mean).abs() < 0.05,
        "{} vs {men_mean}",
        mean(&men)
    );
}

#[test]
fn each_icb_keeps_its_places_published_life_expectancy() {
    for s in icbs() {
        let o = starting_outcomes(&s.code);
        let places: Vec<_> = places_of(&s.code)
            .into_iter()
            .filter(|p| p.le_2022_24.is_some())
            .collect();
        let residents: f64 = places.iter().map(|p| p.residents).sum();
        let placed = |f: fn(&ics_whatif::data::BySex) -> f64| {
            places
                .iter()
                .map(|p| p.residents * f(&p.le_2022_24.unwrap()))
                .sum::<f64>()
                / residents
        };
        let mean = |v: &[f64; 5]| (0..5).map(|q| v[q] * o.quintile_share[q]).sum::<f64>();
        // City of London and Isles of Scilly publish no LE: their few thousand residents count
        // in the ICB's fifths but carry no LE, which moves the mean by up to 0.02 years.
        let complete = places_of(&s.code).iter().all(|p| p.le_2022_24.is_some());
        let tolerance = if complete { 1e-9 } else { 0.02 };
        assert!(
            (mean(&o.life_expectancy_men) - placed(|b| b.male)).abs() < tolerance,
            "{}: {} vs {}",
            s.code,
            mean(&o.life_expectancy_men),
            placed(|b| b.male)
        );
        assert!((mean(&o.life_expectancy_women) - placed(|b| b.female)).abs() < tolerance);
        // icb_baseline.csv publishes the same means to one decimal place.
        assert!(
            (mean(&o.life_expectancy_men) - s.life_expectancy_male).abs() < 0.051,
            "{}",
            s.code
        );
        assert!(
            (mean(&o.life_expectancy_women) - s.life_expectancy_female).abs() < 0.051,
            "{}",
            s.code
        );
    }
}

#[test]
fn frimley_s_most_deprived_fifth_outlives_greater_manchester_s() {
    let (frimley, gm) = (
        Baseline::for_code("QNQ").unwrap(),
        Baseline::for_code("QOP").unwrap(),
    );
    assert!(
        frimley.life_expectancy[0] > gm.life_expectancy[0] + 1.0,
        "{} vs {}",
        frimley.life_expectancy[0],
        gm.life_expectancy[0]
    );
    assert!(frimley.healthy_life_expectancy[0] > gm.healthy_life_expectancy[0]);
}

#[test]
fn each_icb_has_its_own_gap() {
    let mut gaps: Vec<f64> = icbs()
        .iter()
        .map(|s| {
            let b = Baseline::for_system(s);
            b.life_expectancy[4] - b.life_expectancy[0]
        })
        .collect();
    gaps.sort_by(f64::total_cmp);
    assert!(gaps[41] - gaps[0] > 3.0, "{gaps:?}");
    gaps.dedup_by(|a, b| (*a - *b).abs() < 0.005);
    assert!(gaps.len() > 30, "{} distinct gaps", gaps.len());
}

#[test]
fn districts_hle_is_listed_as_an_estimate() {
    // Kent and Medway holds twelve districts, which publish no HLE.
    let kent = Baseline::for_code("QKS").unwrap();
    assert!(kent
        .estimates
        .iter()
        .any(|e| e.contains("healthy life expectancy") && e.contains("districts")));
    assert!(Baseline::england()
        .estimates
        .iter()
        .any(|e| e.contains("deciles mapped to fifths")));
}

#[test]
fn the_gap_widens_as_published_and_its_band_is_not_zero() {
    let p = run(&Scenario::default());
    let gap = |r: &MonthRecord| Metric::LifeExpectancyGap.of(r);
    // ONS: the decile gap widened 0.7 years (men) and 0.2 (women) in 4 years; between fifths
    // and for persons that is 0.1 years a year.
    let widening = (gap(p.last()) - gap(&p.months[0])) / 10.0;
    assert!((widening - 0.1).abs() < 0.02, "{widening}");
    let mc = monte_carlo(&Baseline::england(), &Scenario::default(), 200, 1);
    let end = mc.fan(Metric::LifeExpectancyGap).quantiles[120];
    assert!(end.p95 - end.p5 > 0.5, "band {end:?}");
    assert!(end.p5 < end.p50 && end.p50 < end.p95);
}

#[test]
fn prevention_reaches_health_after_it_reaches_referrals() {
    let plans = run(&Scenario::default());
    let prevention = run(&scenario(
        ENGLAND,
        10,
        &[
            (Lever::PreventionSpend, 150.0),
            (Lever::PreventionTargeting, 100.0),
        ],
    ));
    let gain = |t: usize| {
        prevention.months[t].healthy_life_expectancy[0] - plans.months[t].healthy_life_expectancy[0]
    };
    let avoided = |t: usize| 1.0 - prevention.months[t].referrals[0] / plans.months[t].referrals[0];
    // With a 5-year delay, four years buy well under 3.5 healthy years in the most deprived
    // fifth, and a smaller share of the eventual gain than referrals have seen.
    assert!(gain(48) > 0.0 && gain(48) < 1.5, "{}", gain(48));
    assert!(gain(48) / gain(120) < avoided(48) / avoided(120));
}

/// Healthy life-years gained a month across the population: population x change in mean HLE
/// / mean LE (a population's healthy share of years lived is HLE / LE).
fn healthy_years_a_month(b: &Baseline, plans: &MonthRecord, with: &MonthRecord) -> f64 {
    b.population
        * (Metric::HealthyLifeExpectancy.of(with) - Metric::HealthyLifeExpectancy.of(plans))
        / Metric::LifeExpectancy.of(plans)
        / 12.0
}

#[test]
fn a_healthy_year_through_prevention_costs_about_the_published_3800() {
    // Health Foundation (2024): £3,800 per healthy year through public health, an estimate
    // at the margin of sustained spending. Here: £10 a head a year for 20 years, the last
    // year's healthy years against the last year's spend (once the delays have passed).
    let b = Baseline::england();
    let plans = run(&scenario(ENGLAND, 20, &[]));
    let spend = run(&scenario(ENGLAND, 20, &[(Lever::PreventionSpend, 10.0)]));
    let last_year: f64 = (229..=240)
        .map(|t| healthy_years_a_month(&b, &plans.months[t], &spend.months[t]))
        .sum();
    let cost = 10.0 * b.population / last_year;
    assert!(cost > 3_800.0 / 2.0 && cost < 3_800.0 * 2.0, "£{cost:.0}");
}

#[test]
fn flat_cash_harms_health_most_where_waits_grow_most() {
    let plans = run(&scenario("QOP", 10, &[]));
    let flat = run(&scenario("QOP", 10, &[(Lever::FundingGrowth, -2.0)]));
    let (a, b) = (plans.last(), flat.last());
    assert!(Metric::Over52Weeks.of(b) > Metric::Over52Weeks.of(a) + 100_000.0);
    let drop = |q: usize| a.healthy_life_expectancy[q] - b.healthy_life_expectancy[q];
    assert!(drop(4) > 0.1, "{}", drop(4));
    assert!((0..4).all(|q| drop(q) > drop(q + 1)));
    assert!(Metric::LifeExpectancy.of(b) < Metric::LifeExpectancy.of(a));
    // The change is the waits' doing, not the trend's or prevention's.
    let waits = b.hle_causes.waits[0] - a.hle_causes.waits[0];
    assert!((waits + drop(0)).abs() < 1e-9);
}

#[test]
fn causes_add_up_to_each_month_s_outcomes() {
    let s = scenario(
        "QE1",
        10,
        &[(Lever::PreventionSpend, 60.0), (Lever::FundingGrowth, 0.0)],
    );
    let b = Baseline::for_code("QE1").unwrap();
    for r in &simulate(&b, &s).months {
        for q in 0..5 {
            let c = &r.le_causes;
            let le = b.life_expectancy[q] + c.trend[q] + c.prevention[q] + c.waits[q];
            assert!((r.life_expectancy[q] - le).abs() < 1e-9);
            let c = &r.hle_causes;
            let hle = b.healthy_life_expectancy[q] + c.trend[q] + c.prevention[q] + c.waits[q];
            assert!((r.healthy_life_expectancy[q] - hle).abs() < 1e-9);
        }
    }
}

#[test]
fn however_many_wait_healthy_life_expectancy_stays_positive() {
    // Twenty years of falling cash with the harm of waiting at the top of its range: more
    // people wait beyond 18 weeks in the most deprived fifth than live in it.
    let mut s = scenario("QOP", 20, &[(Lever::FundingGrowth, -3.0)]);
    s.assumptions[Assumption::WaitHarm] = Assumption::WaitHarm.spec().max;
    let p = run(&s);
    let last = p.last();
    assert!(last.healthy_life_expectancy[0] < p.months[0].healthy_life_expectancy[0] - 10.0);
    for q in 0..5 {
        assert!(
            last.healthy_life_expectancy[q] > 0.0,
            "{:?}",
            last.healthy_life_expectancy
        );
        assert!(last.life_expectancy[q] > last.healthy_life_expectancy[q]);
    }
}

#[test]
fn why_the_gap_moved_names_whole_months_or_years() {
    // The month menu offers any month: April 2025 is 1 month, not "0.0833 years".
    use ics_whatif::model::outcomes::{split_outcomes, why_sentence};
    let base = Baseline::england();
    let s = Scenario::default();
    let p = simulate(&base, &s);
    for (month, words) in [
        (1, "After 1 month "),
        (7, "After 7 months "),
        (12, "After 1 year "),
        (48, "After 4 years "),
    ] {
        let sentence = why_sentence(&split_outcomes(&p, &p, month)[0], month as f64 / 12.0);
        assert!(sentence.starts_with(words), "{month}: {sentence}");
    }
}
