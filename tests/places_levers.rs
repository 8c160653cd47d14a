//! Levers aimed at places (issue 13.2): prevention aimed at an ICB's lowest-life-expectancy
//! place narrows the gap between its places more than the same budget spread evenly, and
//! aiming nothing changes nothing.

use ics_whatif::model::place_aim::PlaceAims;
use ics_whatif::model::places::{place_starts, project_places, Gaps, PlaceGap, PlacesProjection};
use ics_whatif::model::{simulate, Baseline, Lever, Metric, Scenario};

/// £ a head a year of extra prevention: the README's example budget.
const BUDGET: f64 = 60.0;

fn places_run(code: &str, s: &Scenario) -> (PlacesProjection, ics_whatif::model::Projection) {
    let base = Baseline::for_code(code).unwrap();
    let p = simulate(&base, s);
    let pp = project_places(&base, s, &p, &place_starts(code).unwrap());
    (pp, p)
}

fn prevention(code: &str, aimed: &[&str]) -> Scenario {
    let mut s = Scenario {
        system: code.into(),
        places: PlaceAims {
            prevention: aimed.iter().map(|c| c.to_string()).collect(),
            equity: vec![],
        },
        ..Scenario::default()
    };
    s.levers[Lever::PreventionSpend] = BUDGET;
    s.levers[Lever::PreventionTargeting] = 0.0;
    s
}

/// The place with the lowest published life expectancy (persons) at month 0.
fn lowest_place(code: &str) -> (String, String) {
    let starts = place_starts(code).unwrap();
    let p = starts
        .iter()
        .filter(|p| p.le_published)
        .min_by(|a, b| a.le_persons().total_cmp(&b.le_persons()))
        .unwrap();
    (p.code.clone(), p.name.clone())
}

#[test]
fn prevention_aimed_at_the_lowest_place_narrows_the_gap_between_places_more_than_spread_evenly() {
    for (code, lowest_name) in [("QE1", "Blackpool"), ("QNQ", "Slough")] {
        let (lowest, name) = lowest_place(code);
        let (plans, _) = places_run(code, &prevention(code, &[]).tap_levers_default());
        let (even, _) = places_run(code, &prevention(code, &[]));
        let (aimed, _) = places_run(code, &prevention(code, &[&lowest]));
        let at = 120;
        type Pick = fn(&Gaps) -> PlaceGap;
        let picks: [(&str, Pick); 3] = [
            ("men", |g| g.men.unwrap()),
            ("women", |g| g.women.unwrap()),
            ("persons", |g| g.persons.unwrap()),
        ];
        for (sex, gap) in picks {
            let (p, e, a) = (
                gap(&plans.gaps[at]),
                gap(&even.gaps[at]),
                gap(&aimed.gaps[at]),
            );
            assert!(
                a.range < e.range && e.range <= p.range + 1e-9,
                "{code} {sex} range: plans {} even {} aimed at {name} {}",
                p.range,
                e.range,
                a.range
            );
            let (ps, es, as_) = (p.sii.unwrap(), e.sii.unwrap(), a.sii.unwrap());
            assert!(
                as_ < es && es <= ps + 1e-9,
                "{code} {sex} SII: plans {ps} even {es} aimed {as_}"
            );
        }
        // The place it was aimed at gains more than it would from an even spread; the
        // others gain nothing from prevention.
        let i = aimed.places.iter().position(|p| p.code == lowest).unwrap();
        assert!(aimed.months[at][i].le_persons() > even.months[at][i].le_persons() + 0.05);
        assert_eq!(name, lowest_name, "{code}");
    }
}

/// A scenario with current plans' levers but the same aims.
trait TapLevers {
    fn tap_levers_default(self) -> Self;
}
impl TapLevers for Scenario {
    fn tap_levers_default(mut self) -> Self {
        self.levers = Default::default();
        self
    }
}

#[test]
fn icb_figures_stay_the_resident_weighted_means_of_its_places_with_aimed_prevention() {
    for (code, aimed) in [
        ("QE1", vec!["E06000009".to_string()]),
        (
            "QE1",
            vec!["E06000009".to_string(), "E07000124".to_string()],
        ),
        ("QNQ", vec![lowest_place("QNQ").0]),
    ] {
        let refs: Vec<&str> = aimed.iter().map(String::as_str).collect();
        let mut s = prevention(code, &refs);
        s.levers[Lever::PreventionTargeting] = 50.0;
        let (pp, p) = places_run(code, &s);
        let total: f64 = pp.places.iter().map(|p| p.residents).sum();
        for (r, ms) in p.months.iter().zip(&pp.months) {
            let mean = |f: &dyn Fn(&ics_whatif::model::places::PlaceMonth) -> f64| {
                ms.iter()
                    .zip(&pp.places)
                    .map(|(m, p)| p.residents * f(m))
                    .sum::<f64>()
                    / total
            };
            let le = mean(&|m| m.le_persons());
            assert!(
                (le - Metric::LifeExpectancy.of(r)).abs() < 1e-9,
                "{code} {aimed:?} month {}",
                r.month
            );
        }
    }
}

#[test]
fn no_place_chosen_changes_nothing_and_every_place_chosen_is_the_unaimed_lever() {
    let code = "QE1";
    let (_, unaimed) = places_run(code, &prevention(code, &[]));
    // A code of another ICB aims nothing here: the run is the unaimed one, bit for bit.
    let (_, elsewhere) = places_run(code, &prevention(code, &["E09000001"]));
    assert_eq!(unaimed, elsewhere);
    // Every place chosen, 0% targeting: everyone gets the same per head, as unaimed.
    let all: Vec<String> = place_starts(code)
        .unwrap()
        .into_iter()
        .map(|p| p.code)
        .collect();
    let refs: Vec<&str> = all.iter().map(String::as_str).collect();
    let (_, every) = places_run(code, &prevention(code, &refs));
    for (a, b) in unaimed.months.iter().zip(&every.months) {
        for m in [Metric::LifeExpectancy, Metric::WaitingList] {
            let (x, y) = (m.of(a), m.of(b));
            assert!((x - y).abs() <= 1e-9 * x.abs().max(1.0), "{m:?} {x} {y}");
        }
    }
}

#[test]
fn equity_favouring_a_place_raises_the_priority_of_its_fifths() {
    // Favouring Ribble Valley (few deprived residents) helps the most deprived fifth less
    // than the unaimed lever, which favours that fifth alone.
    let code = "QE1";
    let mut unaimed = Scenario {
        system: code.into(),
        ..Scenario::default()
    };
    unaimed.levers[Lever::DeprivedPriority] = Lever::DeprivedPriority.spec().max;
    let mut ribble = unaimed.clone();
    ribble.places.equity = vec!["E07000124".into()];
    let base = Baseline::for_code(code).unwrap();
    let plans = simulate(
        &base,
        &Scenario {
            system: code.into(),
            ..Scenario::default()
        },
    );
    let (u, r) = (simulate(&base, &unaimed), simulate(&base, &ribble));
    let gap = |p: &ics_whatif::model::Projection| Metric::LifeExpectancyGap.of(&p.months[120]);
    assert_ne!(u, r);
    assert!(gap(&u) < gap(&r), "{} {}", gap(&u), gap(&r));
    assert!(gap(&r) != gap(&plans));
}

// ---- Referrals by place follow where prevention was spent (issue 13) ----

#[test]
fn aimed_prevention_takes_referrals_off_the_places_it_was_spent_in() {
    // £60 a head aimed at Blackpool: Blackpool's estimated referrals fall by all the
    // referrals prevention avoids in the ICB; every other place keeps the referrals it has
    // with no prevention at all; the places still add up to the ICB run, list too.
    let code = "QE1";
    let (blackpool, _) = lowest_place(code);
    let (none, _) = places_run(code, &prevention(code, &[]).tap_levers_default());
    let (even, _) = places_run(code, &prevention(code, &[]));
    let (aimed, run) = places_run(code, &prevention(code, &[&blackpool]));
    let b = aimed
        .places
        .iter()
        .position(|p| p.code == blackpool)
        .unwrap();
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1.0);
    let mut fell = false;
    for (m, r) in run.months.iter().enumerate() {
        let icb_refs: f64 = r.referrals.iter().sum();
        let icb_list: f64 = r.waiting_list.iter().sum();
        let refs: f64 = aimed.months[m].iter().map(|p| p.referrals).sum();
        let list: f64 = aimed.months[m].iter().map(|p| p.waiting_list).sum();
        assert!(close(refs, icb_refs), "month {m}: {refs} vs {icb_refs}");
        assert!(close(list, icb_list), "month {m}: {list} vs {icb_list}");
        let avoided: f64 = none.months[m].iter().map(|p| p.referrals).sum::<f64>() - icb_refs;
        for (i, (a, n)) in aimed.months[m].iter().zip(&none.months[m]).enumerate() {
            if i == b {
                assert!(
                    close(n.referrals - a.referrals, avoided),
                    "month {m}: Blackpool fell {} of {avoided}",
                    n.referrals - a.referrals
                );
            } else {
                assert!(
                    close(a.referrals, n.referrals),
                    "month {m} {}: {} vs {} with no prevention",
                    aimed.places[i].name,
                    a.referrals,
                    n.referrals
                );
            }
        }
        // Not pro rata: Blackpool loses more than its share of the fifths' fall.
        if m == 120 {
            let pro_rata = none.months[m][b].referrals * (icb_refs / (icb_refs + avoided));
            assert!(aimed.months[m][b].referrals < pro_rata - 1.0);
            assert!(aimed.months[m][b].waiting_list < none.months[m][b].waiting_list);
            fell = avoided > 100.0;
        }
    }
    assert!(fell, "prevention avoided referrals by year 10");
    // Spread evenly (not aimed), referrals are still shared by residents: unchanged method.
    let e = &even.months[120];
    let total: f64 = e.iter().map(|p| p.referrals).sum();
    assert!(close(total, run_total(code, &prevention(code, &[]))));
}

fn run_total(code: &str, s: &Scenario) -> f64 {
    let base = Baseline::for_code(code).unwrap();
    simulate(&base, s).months[120].referrals.iter().sum()
}
