//! Places, ninth session (issue 13, places6): what places still said wrong.
//! - The automatic name, the board brief's levers and every export's description carry the £
//!   a head in the places prevention is aimed at beside the ICB-wide £ a head, the same
//!   figure as the Places panel's (`place_aim::aimed_spend`).
//! - `run --by gaps` counts whole places and parts of authorities split between ICBs apart,
//!   and names a part at an end of a gap as the app's Places headline does.

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::ok_with_stderr as ok;
use ics_whatif::model::place_aim::{aimed_spend, pounds};
use ics_whatif::model::places::{place_starts, project_places};
use ics_whatif::model::{simulate, Baseline, Lever, Scenario};
use ics_whatif::scenario::export::ExportInfo;
use ics_whatif::scenario::naming::{auto_name, changes};

fn codes(c: &[&str]) -> Vec<String> {
    c.iter().map(|s| s.to_string()).collect()
}

fn aimed_at(icb: &str, places: &[&str], spend: f64) -> Scenario {
    let mut s = Scenario {
        system: icb.into(),
        ..Scenario::default()
    };
    s.levers[Lever::PreventionSpend] = spend;
    s.places.prevention = codes(places);
    s
}

// ---- 1. The £ a head there in the name, the brief and the exports ----

#[test]
fn the_name_and_the_exports_say_the_pounds_a_head_in_the_aimed_places_beside_the_icb_s() {
    let s = aimed_at("QE1", &["E06000009"], 60.0);
    // The Places panel's figure: £60 a head of Lancashire and South Cumbria's 1,717,581
    // residents spent on Blackpool's 141,013.
    let a = aimed_spend("QE1", &s.places.prevention, 60.0).unwrap();
    assert_eq!(
        a.words("Blackpool"),
        "£731 a head in Blackpool (£60 a head across the ICB)"
    );
    let there = format!("{}/head there", pounds(a.there));
    assert_eq!(there, "£731/head there");
    let name = auto_name(&s);
    assert_eq!(
        name,
        "Prevention £60/head aimed at Blackpool (£731/head there)"
    );
    // The brief's list of levers and every export's `# levers:` line are `changes`.
    assert_eq!(
        changes(&s),
        vec!["prevention £60/head aimed at Blackpool (£731/head there)".to_string()]
    );
    let info = ExportInfo::of(&s, "Lancashire and South Cumbria", None, "2026-12-01");
    let fields = info.fields();
    let field = |k: &str| fields.iter().find(|f| f.0 == k).unwrap().1.clone();
    assert_eq!(field("scenario"), name);
    assert_eq!(
        field("levers"),
        "prevention £60/head aimed at Blackpool (£731/head there)"
    );
    // Short enough for a pin's label: with targeting, one place's name is at most 80
    // characters (as every preset's); two places' at most 98, the 7 lines of 14 characters
    // a pin's name box shows at its narrowest without cutting it (`compare::name_rows`).
    let mut s1 = aimed_at("QE1", &["E06000009"], 60.0);
    s1.levers[Lever::PreventionTargeting] = 50.0;
    let name = auto_name(&s1);
    assert_eq!(
        name,
        "Prevention £60/head (50% targeted) aimed at Blackpool (£731/head there)"
    );
    assert!(name.chars().count() <= 80, "{name}");
    let mut s2 = aimed_at("QE1", &["E06000009", "E07000117"], 150.0);
    s2.levers[Lever::PreventionTargeting] = 100.0;
    let name = auto_name(&s2);
    assert!(
        name.chars().count() <= 98,
        "{} characters: {name}",
        name.chars().count()
    );
    let there = aimed_spend("QE1", &s2.places.prevention, 150.0)
        .unwrap()
        .there;
    assert!(there > 1000.0, "{there}");
    assert!(
        name.ends_with(&format!(
            "aimed at Blackpool and Burnley ({}/head there)",
            pounds(there)
        )),
        "{name}"
    );
    // No spend: nothing to say a head (the aim alone is not a change of the name).
    assert_eq!(
        auto_name(&aimed_at("QE1", &["E06000009"], 0.0)),
        "Current plans"
    );
    // A place of another ICB: no aim, no figure.
    assert_eq!(
        auto_name(&aimed_at("QMF", &["E06000009"], 60.0)),
        "Prevention £60/head aimed at Blackpool"
    );
}

#[test]
fn pounds_a_head_keep_pence_below_100_and_group_thousands() {
    assert_eq!(pounds(60.0), "£60");
    assert_eq!(pounds(60.5), "£60.5");
    assert_eq!(pounds(731.4), "£731");
    assert_eq!(pounds(30_250.2), "£30,250");
    assert_eq!(pounds(1_234_567.0), "£1,234,567");
}

#[test]
fn the_cli_csv_says_the_pounds_a_head_there_in_its_description() {
    let (csv, _) = ok(&[
        "run",
        "--ics",
        "QE1",
        "--years",
        "1",
        "--set",
        "prevention_gbp_per_head=60",
        "--place-aim",
        "prevention=E06000009",
    ]);
    assert!(
        csv.contains("# scenario: Prevention £60/head aimed at Blackpool (£731/head there)\n"),
        "{}",
        &csv[..600.min(csv.len())]
    );
    assert!(
        csv.contains("# levers: prevention £60/head aimed at Blackpool (£731/head there)\n"),
        "{}",
        &csv[..600.min(csv.len())]
    );
}

// ---- 2. `--by gaps` and split authorities ----

/// The rows of a `--by gaps` CSV (comments dropped) as (header, rows of cells).
fn gap_table(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header = lines
        .next()
        .unwrap()
        .split(',')
        .map(str::to_string)
        .collect();
    let rows = lines
        .map(|l| l.split(',').map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn gaps_count_whole_places_and_parts_and_name_a_part_as_the_places_headline_does() {
    // North East and North Cumbria (QHM): 14 places, two of them parts of authorities split
    // with Lancashire and South Cumbria (Westmorland and Furness, 24% of its residents;
    // Cumberland, 97%). Its men's highest place is Westmorland and Furness.
    let (csv, err) = ok(&["run", "--ics", "QHM", "--by", "gaps", "--years", "1"]);
    let (h, rows) = gap_table(&csv);
    let col = |k: &str| {
        h.iter()
            .position(|c| c == k)
            .unwrap_or_else(|| panic!("{k}: {h:?}"))
    };
    let places = place_starts("QHM").unwrap();
    let parts = places.iter().filter(|p| p.part().is_some()).count();
    assert_eq!(parts, 2);
    let row = &rows[0];
    assert_eq!(row[col("places")], places.len().to_string());
    assert_eq!(row[col("whole_places")], (places.len() - parts).to_string());
    assert_eq!(row[col("parts")], parts.to_string());
    // The app's headline: "Middlesbrough 75.5, Westmorland and Furness (part: 24% of its
    // residents) 79.9: 4.4 years" (ui::places_view, tested there).
    assert_eq!(
        row[col("le_male_highest")],
        "Westmorland and Furness (part: 24% of its residents)"
    );
    assert_eq!(row[col("le_male_lowest")], "Middlesbrough");
    assert_eq!(row[col("le_male_range")], "4.4000");
    // Every row's named ends are the model's, each named as `PlaceStart::named` names it.
    let b = Baseline::for_code("QHM").unwrap();
    let s = Scenario {
        system: "QHM".into(),
        years: 1,
        ..Scenario::default()
    };
    let pp = project_places(&b, &s, &simulate(&b, &s), &places);
    for (m, g) in pp.gaps.iter().enumerate() {
        let men = g.men.unwrap();
        assert_eq!(
            rows[m][col("le_male_highest")],
            pp.places[men.highest].named()
        );
        assert_eq!(
            rows[m][col("le_male_lowest")],
            pp.places[men.lowest].named()
        );
    }
    // Standard error says what the panel's note says: the part's figure is the whole
    // authority's, and the gap among the places with most of their residents here.
    assert!(
        err.contains("note: QHM: Westmorland and Furness (part: 24% of its residents) is at an end of the gap between places in 13 of 13 months (2025-03 to 2026-03)"),
        "{err}"
    );
    assert!(
        err.contains("Among places with most of their residents in this ICB, month 12 (2026-03): men Middlesbrough"),
        "{err}"
    );
    assert!(err.contains("to Northumberland"), "{err}");
}

#[test]
fn gaps_of_an_icb_with_whole_ends_name_them_plainly_and_say_nothing_more() {
    // Lancashire and South Cumbria holds parts of three split authorities (Westmorland and
    // Furness, Cumberland, North Yorkshire), none at an end: Blackpool to Ribble Valley.
    let (csv, err) = ok(&["run", "--ics", "QE1", "--by", "gaps", "--years", "1"]);
    let (h, rows) = gap_table(&csv);
    let col = |k: &str| h.iter().position(|c| c == k).unwrap();
    assert_eq!(
        (
            rows[0][col("places")].as_str(),
            rows[0][col("whole_places")].as_str(),
            rows[0][col("parts")].as_str()
        ),
        ("17", "14", "3")
    );
    assert_eq!(rows[0][col("le_male_highest")], "Ribble Valley");
    assert_eq!(rows[0][col("le_male_lowest")], "Blackpool");
    assert!(!err.contains("is at an end of the gap"), "{err}");
    // JSON gives the same counts.
    let (json, _) = ok(&[
        "run", "--ics", "QE1", "--by", "gaps", "--years", "1", "--format", "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let first = &v["rows"][0];
    assert_eq!(first["whole_places"], 14.0);
    assert_eq!(first["parts"], 3.0);
}
