//! Phasing (issue 14, item 2): a lever's change from current plans starts at a month and
//! ramps in a straight line, in the model, the scenario file (format version 2) and links.

use ics_whatif::model::{monte_carlo, simulate, Baseline, Lever, Metric, Phase, Scenario};
use ics_whatif::scenario::{
    from_query_lenient, parse_scenario, parse_scenario_lenient, to_query, ScenarioFile,
};

/// England over `years` with `lever` set to the far end of its range from current plans.
fn moved(lever: Lever, years: u32) -> Scenario {
    let spec = lever.spec();
    let far = if spec.max - spec.default >= spec.default - spec.min {
        spec.max
    } else {
        spec.min
    };
    let mut s = Scenario {
        years,
        ..Scenario::default()
    };
    s.levers[lever] = far;
    s
}

fn plans(years: u32) -> Scenario {
    Scenario {
        years,
        ..Scenario::default()
    }
}

#[test]
fn a_lever_phased_at_once_gives_exactly_the_unphased_numbers() {
    let base = Baseline::england();
    for &lever in Lever::ALL {
        let unphased = moved(lever, 4);
        let expected = simulate(&base, &unphased);
        for phase in [Phase::AT_ONCE, Phase::step_at(0), Phase::step_at(1)] {
            let mut s = unphased.clone();
            s.phasing[lever] = phase;
            assert_eq!(simulate(&base, &s), expected, "{}", lever.key());
        }
    }
}

#[test]
fn every_lever_stepped_at_a_date_is_current_plans_before_it_and_differs_after() {
    let base = Baseline::england();
    // April 2027: month 25 of a projection starting in March 2025.
    let step = 25;
    for &lever in Lever::ALL {
        let mut s = moved(lever, 4);
        let mut plans_s = plans(4);
        // Targeting needs spend to target: both runs spend £50 a head on prevention at once.
        if lever == Lever::PreventionTargeting {
            s.levers[Lever::PreventionSpend] = 50.0;
            plans_s.levers[Lever::PreventionSpend] = 50.0;
        }
        let plans = simulate(&base, &plans_s);
        let at_once = simulate(&base, &s);
        s.phasing[lever] = Phase::step_at(step);
        let phased = simulate(&base, &s);
        for t in 0..step as usize {
            assert_eq!(
                phased.months[t],
                plans.months[t],
                "{} month {t}",
                lever.key()
            );
        }
        assert_ne!(
            phased.months[step as usize],
            plans.months[step as usize],
            "{} changes nothing in its first month",
            lever.key()
        );
        assert_ne!(phased, at_once, "{}", lever.key());
    }
}

#[test]
fn a_three_year_ramp_lies_between_current_plans_and_the_change_at_once() {
    let base = Baseline::england();
    let at_once = moved(Lever::Recruitment, 5);
    let mut ramp = at_once.clone();
    ramp.phasing[Lever::Recruitment] = Phase::ramp(0, 36);
    let (p, r, a) = (
        simulate(&base, &plans(5)),
        simulate(&base, &ramp),
        simulate(&base, &at_once),
    );
    // Recruitment fills vacancies: staff in post rise with it, month by month.
    for t in [6, 12, 24, 35] {
        let (p, r, a) = (
            p.months[t].staff_fte,
            r.months[t].staff_fte,
            a.months[t].staff_fte,
        );
        assert!(p < r && r < a, "month {t}: {p} < {r} < {a}");
    }
    // The waiting list at three years: shorter than current plans', longer than at once.
    let list = |x: &ics_whatif::model::Projection| Metric::WaitingList.of(&x.months[36]);
    assert!(list(&a) < list(&r) && list(&r) < list(&p));

    // Funding growth (compounded, fixed for an unphased run) ramps too.
    let mut funding = plans(5);
    funding.levers[Lever::FundingGrowth] = 6.0;
    let f_once = simulate(&base, &funding);
    funding.phasing[Lever::FundingGrowth] = Phase::ramp(0, 36);
    let f_ramp = simulate(&base, &funding);
    let income = |x: &ics_whatif::model::Projection, t: usize| x.months[t].income_gbp_m;
    for t in [12, 36, 60] {
        assert!(income(&p, t) < income(&f_ramp, t) && income(&f_ramp, t) < income(&f_once, t));
    }
}

#[test]
fn the_cost_of_a_phased_lever_starts_with_its_change() {
    let base = Baseline::england();
    let mut s = moved(Lever::PreventionSpend, 4);
    s.phasing[Lever::PreventionSpend] = Phase::ramp(25, 12);
    let p = simulate(&base, &s);
    assert_eq!(p.months[24].cost_gbp_m, 0.0);
    let full = p.months[40].cost_gbp_m;
    assert!(full > 0.0);
    // Half-way up the ramp, half the cost (month 30 is the 6th of 12).
    assert!((p.months[30].cost_gbp_m / full - 6.0 / 12.0).abs() < 0.01);
}

#[test]
fn the_monte_carlo_of_a_phased_scenario_follows_its_phasing() {
    let base = Baseline::england();
    let at_once = moved(Lever::Recruitment, 3);
    let mut stepped = at_once.clone();
    stepped.phasing[Lever::Recruitment] = Phase::step_at(25);
    let (a, s) = (
        monte_carlo(&base, &at_once, 20, 3),
        monte_carlo(&base, &stepped, 20, 3),
    );
    let (pa, ps) = (
        monte_carlo(&base, &plans(3), 20, 3),
        monte_carlo(&base, &stepped, 20, 3),
    );
    assert_ne!(a, s);
    assert_ne!(pa, ps);
}

// ---- The scenario file (format version 2) ----

#[test]
fn a_version_1_file_still_reads_to_the_same_numbers() {
    let v1 = r#"{"format": "ics-whatif-scenario", "version": 1, "model_version": 2, "ics": "england",
        "years": 3, "levers": {"recruitment_pct": 10, "funding_growth_pct": 4}}"#;
    let file = parse_scenario(v1).expect("a version 1 file reads");
    let mut expected = plans(3);
    expected.levers[Lever::Recruitment] = 10.0;
    expected.levers[Lever::FundingGrowth] = 4.0;
    assert_eq!(file.scenario, expected);
    let base = Baseline::england();
    assert_eq!(simulate(&base, &file.scenario), simulate(&base, &expected));
    // An unphased scenario is still written as version 1 (older builds read it).
    assert!(
        file.to_json().contains("\"version\": 1"),
        "{}",
        file.to_json()
    );
    assert!(!file.to_json().contains("phasing"));
}

#[test]
fn a_phased_scenario_is_written_as_version_2_and_reads_back_the_same() {
    let mut s = moved(Lever::Recruitment, 5);
    s.levers[Lever::SocialCare] = 39.0;
    s.phasing[Lever::Recruitment] = Phase::ramp(13, 36);
    s.phasing[Lever::SocialCare] = Phase::step_at(25);
    let json = ScenarioFile::new(s.clone()).to_json();
    assert!(json.contains("\"version\": 2"), "{json}");
    assert!(
        json.contains(
            "\"recruitment_pct\": {\n      \"from\": \"2026-04\",\n      \"over_years\": 3\n    }"
        ),
        "{json}"
    );
    assert!(
        json.contains("\"social_care_pct\": {\n      \"from\": \"2027-04\"\n    }"),
        "{json}"
    );
    let back = parse_scenario(&json).expect("reads back");
    assert_eq!(back.scenario, s);
}

#[test]
fn bad_phasing_in_a_file_names_the_lever_and_the_rest_still_opens() {
    let file = r#"{"format": "ics-whatif-scenario", "version": 2, "years": 5,
        "levers": {"recruitment_pct": 10, "social_care_pct": 39, "productivity_pct": 2, "capital_gbp_per_head": 10},
        "phasing": {
            "recruitment_pct": {"from": "2040-04"},
            "social_care_pct": {"over_years": -3},
            "productivity_pct": "soon",
            "capital_gbp_per_head": {"from": "2026-04", "over_years": 2},
            "demand_growth_pct": {"from": "2026-04"}
        }}"#;
    let (read, problems) = parse_scenario_lenient(file);
    let s = &read.scenario;
    assert_eq!(problems.len(), 4, "{problems:?}");
    let says = |key: &str, what: &str| {
        assert!(
            problems.iter().any(|p| p.contains(key) && p.contains(what)),
            "{key} {what}: {problems:?}"
        )
    };
    says("recruitment_pct", "after the horizon ends (March 2030)");
    says("social_care_pct", "ramp");
    says("productivity_pct", "must be an object");
    says("demand_growth_pct", "assumptions cannot be phased");
    // Values all read; the good phasing applies; the bad ones are at once.
    assert_eq!(s.levers[Lever::Recruitment], 10.0);
    assert_eq!(s.levers[Lever::SocialCare], 39.0);
    assert_eq!(s.phasing[Lever::Recruitment], Phase::AT_ONCE);
    assert_eq!(s.phasing[Lever::SocialCare], Phase::AT_ONCE);
    assert_eq!(s.phasing[Lever::CapitalBacklog], Phase::ramp(13, 24));
    // The strict reader refuses the file, naming each problem.
    assert_eq!(parse_scenario(file).unwrap_err().len(), 4);
}

#[test]
fn garbage_phasing_never_panics() {
    let garbage = [
        r#""phasing": 3"#,
        r#""phasing": []"#,
        r#""phasing": {"recruitment_pct": null}"#,
        r#""phasing": {"recruitment_pct": {"from": "9999-12", "over_years": 1e300}}"#,
        r#""phasing": {"recruitment_pct": {"from": "-001-01"}}"#,
        r#""phasing": {"recruitment_pct": {"from": "2027-04", "over_years": NaN}}"#,
        r#""phasing": {"recruitment_pct": {"from": "２０２７-04"}}"#,
        r#""phasing": {"": {}}"#,
    ];
    for g in garbage {
        let json = format!(
            r#"{{"format": "ics-whatif-scenario", "version": 2, "levers": {{"recruitment_pct": 5}}, {g}}}"#
        );
        let (read, _problems) = parse_scenario_lenient(&json);
        assert!(
            read.scenario.phasing[Lever::Recruitment].start <= 120,
            "{g}"
        );
        let _ = parse_scenario(&json);
    }
}

// ---- Links ----

#[test]
fn phasing_round_trips_through_a_link_and_old_links_open_unchanged() {
    let mut s = moved(Lever::Recruitment, 5);
    s.phasing[Lever::Recruitment] = Phase::ramp(13, 36);
    s.levers[Lever::SocialCare] = 39.0;
    let link = to_query(&s);
    assert!(link.starts_with("v=2&"), "{link}");
    assert!(link.contains("recruitment_pct=50@2026-04%2B3y"), "{link}");
    assert!(link.contains("social_care_pct=39&") || link.ends_with("social_care_pct=39"));
    let (back, problems) = from_query_lenient(&link);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back, s);
    // A '+' typed into the address bar reads as a space, and means the same.
    let (typed, problems) =
        from_query_lenient("v=2&years=5&recruitment_pct=50@2026-04+3y&social_care_pct=39");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(typed, s);

    // A link with nothing phased is written exactly as before: version 1.
    let old = "v=1&m=2&ics=QE1&years=7&recruitment_pct=5&demand_growth_pct=3";
    let (read, problems) = from_query_lenient(old);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(read.phasing.is_at_once());
    assert_eq!(to_query(&read), old);
}

#[test]
fn bad_phasing_in_a_link_names_the_lever_and_keeps_the_rest() {
    let (s, problems) = from_query_lenient(
        "v=2&years=5&recruitment_pct=10@2040-01&social_care_pct=39@soon&demand_growth_pct=3@2027-04&productivity_pct=2@2026-04%2B2y",
    );
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(
        problems.iter().any(|p| p.starts_with(
            "recruitment_pct phasing starts in January 2040, after the horizon ends (March 2030)"
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("social_care_pct phasing 'soon' is not a month")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.starts_with("demand_growth_pct is an assumption")),
        "{problems:?}"
    );
    assert_eq!(s.levers[Lever::Recruitment], 10.0);
    assert_eq!(s.levers[Lever::SocialCare], 39.0);
    assert_eq!(s.phasing[Lever::Productivity], Phase::ramp(13, 24));
}
