//! Each place carries on its own published trend (findings item 12), and the ICB stays the
//! resident-weighted mean of its places (issue 13.1), for every place of every ICB.
//!
//! The two meet through one figure common to every place: the ICB run gives everyone the
//! background gain (assumption `life_expectancy_trend`, 0.1 years a year from ONS's
//! projections) where England's own published change 2015-17 to 2022-24 was -0.004 (men) and
//! +0.035 (women) years a year. A place's change under current plans is therefore its own
//! published change a year (2015-17 to 2022-24) continued, plus that common difference, plus
//! its fifths' prevention and waits. With the background gain set to England's published
//! change, the common difference is nothing and each place goes the way its own published
//! figures went.

use ics_whatif::data::BySex;
use ics_whatif::model::places::{england_change, place_starts, project_places};
use ics_whatif::model::{simulate, Assumption, Baseline, Metric, Scenario};

/// Five years from month 0.
const MONTH: usize = 60;

fn of(v: BySex, men: bool) -> f64 {
    if men {
        v.male
    } else {
        v.female
    }
}

#[test]
fn every_place_goes_the_way_its_published_trend_went_when_england_does_too() {
    let england = england_change();
    assert!(england.male.abs() < 0.01 && (england.female - 0.035).abs() < 0.001);
    let (mut checked, mut wrong) = (0, Vec::new());
    for icb in ics_whatif::data::icbs() {
        for men in [true, false] {
            let base = Baseline::for_code(&icb.code).unwrap();
            let mut s = Scenario {
                system: icb.code.clone(),
                ..Scenario::default()
            };
            s.assumptions[Assumption::LifeExpectancyTrend] = of(england, men);
            let run = simulate(&base, &s);
            let places = place_starts(&icb.code).unwrap();
            let pp = project_places(&base, &s, &run, &places);
            for (i, p) in places.iter().enumerate() {
                let Some(trend) = p.published_trend() else {
                    continue;
                };
                let published = of(trend, men);
                // Published to 0.1 years: no change since 2015-17 has no direction to keep.
                if published.abs() < 0.01 {
                    continue;
                }
                let change = of(pp.months[MONTH][i].le, men) - of(pp.months[0][i].le, men);
                checked += 1;
                if change.signum() != published.signum() {
                    wrong.push(format!(
                        "{} {} {}: published {published:+.3} a year, five years {change:+.3}",
                        icb.code,
                        p.name,
                        if men { "men" } else { "women" }
                    ));
                }
            }
        }
    }
    assert!(checked > 500, "{checked}");
    assert!(
        wrong.is_empty(),
        "{} of {checked}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn under_current_plans_a_place_is_its_own_trend_plus_the_gain_common_to_all_places() {
    let england = england_change();
    let mut worst: f64 = 0.0;
    for icb in ics_whatif::data::icbs() {
        let base = Baseline::for_code(&icb.code).unwrap();
        let s = Scenario {
            system: icb.code.clone(),
            ..Scenario::default()
        };
        let gain = s.assumptions[Assumption::LifeExpectancyTrend];
        let continued = s.assumptions[Assumption::LifeExpectancyTrendContinued] / 100.0;
        let run = simulate(&base, &s);
        let places = place_starts(&icb.code).unwrap();
        let pp = project_places(&base, &s, &run, &places);
        let years = MONTH as f64 / 12.0;
        for (i, p) in places.iter().enumerate() {
            let Some(trend) = p.published_trend() else {
                continue;
            };
            for men in [true, false] {
                let change = of(pp.months[MONTH][i].le, men) - of(pp.months[0][i].le, men);
                let expected =
                    years * (continued * of(trend, men) + gain - continued * of(england, men));
                // What is left is the place's share of its fifths' waits (no prevention
                // under current plans): small beside a trend.
                worst = worst.max((change - expected).abs());
                assert!(
                    (change - expected).abs() < 0.05,
                    "{} {}: {change} vs {expected}",
                    icb.code,
                    p.name
                );
            }
        }
        // And the ICB is still its places' resident-weighted mean.
        let total: f64 = pp.places.iter().map(|p| p.residents).sum();
        let mean: f64 = pp.months[MONTH]
            .iter()
            .zip(&pp.places)
            .map(|(m, p)| p.residents * m.le_persons())
            .sum::<f64>()
            / total;
        let icb_le = Metric::LifeExpectancy.of(&run.months[MONTH]);
        assert!(
            (mean - icb_le).abs() < 1e-9,
            "{}: {mean} vs {icb_le}",
            icb.code
        );
    }
    assert!(worst > 0.0);
}
