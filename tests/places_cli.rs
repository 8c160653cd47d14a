//! `ics-whatif places`, `run --by place|gaps` and `run --ics all`, run as an analyst would.

#[path = "support/cli.rs"]
#[allow(dead_code)] // each test crate uses part of it
mod cli_support;

use cli_support::{cli, ok_with_stderr as ok};

fn col(header: &str, name: &str) -> usize {
    header
        .split(',')
        .position(|c| c == name)
        .unwrap_or_else(|| panic!("no column {name} in {header}"))
}

/// The shared places.csv rows of one ICB: (ltla_code, le_male, le_female) as published.
fn published(icb: &str) -> Vec<(String, String, String)> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/places.csv");
    let mut r = csv::Reader::from_path(path).expect("../shared/data/places.csv");
    let h = r.headers().unwrap().clone();
    let i = |n: &str| h.iter().position(|c| c == n).unwrap();
    let (ic, lc, m, f) = (
        i("icb_code"),
        i("ltla_code"),
        i("le_male_2022_24"),
        i("le_female_2022_24"),
    );
    r.records()
        .map(|r| r.unwrap())
        .filter(|r| &r[ic] == icb)
        .map(|r| (r[lc].to_string(), r[m].to_string(), r[f].to_string()))
        .collect()
}

#[test]
fn places_lists_a_systems_places_with_published_life_expectancy() {
    let (csv, _) = ok(&["places", "--ics", "qe1", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    let pub_rows = published("QE1");
    assert_eq!(lines.len(), 1 + pub_rows.len());
    assert_eq!(pub_rows.len(), 17);
    let h = lines[0];
    for (line, (code, m, f)) in lines[1..].iter().zip(&pub_rows) {
        let c: Vec<&str> = line.split(',').collect();
        assert_eq!(c[col(h, "place_code")], code);
        assert_eq!(
            c[col(h, "le_male_2022_24")].parse::<f64>().unwrap(),
            m.parse::<f64>().unwrap()
        );
        assert_eq!(
            c[col(h, "le_female_2022_24")].parse::<f64>().unwrap(),
            f.parse::<f64>().unwrap()
        );
    }
    let (text, _) = ok(&["places", "--ics", "QE1"]);
    assert!(
        text.contains("Blackpool") && text.contains("73.7"),
        "{text}"
    );
    let (json, _) = ok(&["places", "--ics", "QE1", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["places"].as_array().unwrap().len(), 17);
    // City of London publishes no LE: flagged as an estimate.
    let (csv, _) = ok(&["places", "--ics", "QMF", "--format", "csv"]);
    let city = csv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| l.contains("City of London"))
        .unwrap();
    assert!(city.contains(",true,"), "{city}");
}

#[test]
fn run_by_place_starts_at_places_csv_and_sums_to_the_icb_run() {
    let (csv, _) = ok(&["run", "--ics", "QE1", "--by", "place", "--years", "1"]);
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    let h = lines[0];
    assert!(
        h.starts_with("ics,place_code,place_name,month,period"),
        "{h}"
    );
    assert_eq!(lines.len(), 1 + 17 * 13);
    let pub_rows = published("QE1");
    for (line, (code, m, f)) in lines[1..18].iter().zip(&pub_rows) {
        let c: Vec<&str> = line.split(',').collect();
        assert_eq!(
            (c[col(h, "month")], c[col(h, "place_code")]),
            ("0", code.as_str())
        );
        let num = |n: &str| c[col(h, n)].parse::<f64>().unwrap();
        assert_eq!(num("le_male"), m.parse::<f64>().unwrap());
        assert_eq!(num("le_female"), f.parse::<f64>().unwrap());
    }
    // The places' waiting lists add up to the ICB run's list (rounding: 0.05 a place).
    let (run, _) = ok(&["run", "--ics", "QE1", "--years", "1"]);
    let rh = run.lines().find(|l| !l.starts_with('#')).unwrap();
    for month in 0..13 {
        let all = run
            .lines()
            .filter(|l| !l.starts_with('#'))
            .find(|l| l.starts_with(&format!("{month},")) && l.contains(",all,"))
            .unwrap();
        let icb: f64 = all
            .split(',')
            .nth(col(rh, "waiting_list"))
            .unwrap()
            .parse()
            .unwrap();
        let places: f64 = lines[1..]
            .iter()
            .map(|l| l.split(',').collect::<Vec<_>>())
            .filter(|c| c[col(h, "month")] == month.to_string())
            .map(|c| c[col(h, "waiting_list_estimate")].parse::<f64>().unwrap())
            .sum();
        assert!(
            (icb - places).abs() < 1.0,
            "month {month}: {icb} vs {places}"
        );
    }
    // Deterministic.
    assert_eq!(
        ok(&["run", "--ics", "QE1", "--by", "place", "--years", "1"]).0,
        csv
    );
}

#[test]
fn run_by_place_can_pick_places() {
    let (csv, _) = ok(&[
        "run",
        "--ics",
        "QE1",
        "--by",
        "place",
        "--years",
        "1",
        "--place",
        "e06000009",
        "--place",
        "E07000124",
    ]);
    let names: Vec<&str> = csv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(names.len(), 2 * 13);
    assert!(names
        .iter()
        .all(|n| *n == "Blackpool" || *n == "Ribble Valley"));
    let out = cli(&[
        "run",
        "--ics",
        "QMF",
        "--by",
        "place",
        "--place",
        "E06000009",
    ]);
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: place E06000009 (Blackpool) is not in QMF: it is in QE1\n"
    );
}

#[test]
fn run_by_gaps_names_the_places_at_either_end() {
    let (csv, _) = ok(&["run", "--ics", "QE1", "--by", "gaps", "--years", "1"]);
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines.len(), 1 + 13);
    let h = lines[0];
    let c: Vec<&str> = lines[1].split(',').collect();
    // places_README: QE1 men, Blackpool 73.7 to Ribble Valley 81.3 (7.6 years).
    assert_eq!(c[col(h, "le_male_highest")], "Ribble Valley");
    assert_eq!(c[col(h, "le_male_lowest")], "Blackpool");
    assert_eq!(c[col(h, "le_male_range")], "7.6000");
    let sii: f64 = c[col(h, "le_male_sii")].parse().unwrap();
    assert!(sii > 2.0 && sii < 12.0, "{sii}");
}

#[test]
fn run_all_systems_gives_42_icbs_summing_to_england_less_direct_commissioning() {
    let (csv, err) = ok(&["run", "--ics", "all", "--years", "1"]);
    let lines: Vec<&str> = csv.lines().filter(|l| !l.starts_with('#')).collect();
    assert!(
        lines[0].starts_with("ics,month,period,quintile,"),
        "{}",
        lines[0]
    );
    assert_eq!(lines.len(), 1 + 42 * 13 * 6);
    let mut codes: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    codes.dedup();
    assert_eq!(codes.len(), 42);
    // data/README.md: from May 2023 the 42 ICBs add up to about 98% of England (the rest is
    // care NHS England commissions directly).
    let shares: Vec<f64> = err
        .lines()
        .filter_map(|l| l.split(" (").nth(1)?.split('%').next()?.parse().ok())
        .collect();
    assert_eq!(shares.len(), 4, "{err}");
    for s in shares {
        assert!((97.0..=99.0).contains(&s), "{s}% of England: {err}");
    }
}

#[test]
fn bad_place_input_is_one_error_line_and_exit_2() {
    for a in [
        &["places"][..],
        &["places", "--ics", "XYZ"],
        &["places", "--ics", "england"],
        &["places", "--ics", "QE1", "--format", "xml"],
        &["run", "--ics", "QE1", "--by", "county"],
        &["run", "--by", "place"],
        &["run", "--ics", "all", "--runs", "3"],
        &["run", "--ics", "all", "--by", "gaps", "--runs", "3"],
        &["run", "--ics", "QE1", "--place", "E06000009", "--runs", "3"],
        &["run", "--by", "place", "--runs", "3"],
        &["run", "--ics", "QE1", "--by", "place", "--runs", "100000"],
        &["run", "--ics", "nowhere", "--by", "place"],
        &[
            "run",
            "--ics",
            "QMF",
            "--by",
            "place",
            "--place",
            "E06000009",
        ],
        &[
            "run",
            "--ics",
            "QE1",
            "--by",
            "place",
            "--place",
            "E99999999",
        ],
        &["run", "--ics", "QE1", "--place", "E06000009"],
        &[
            "run",
            "--ics",
            "all",
            "--by",
            "place",
            "--place",
            "E06000009",
        ],
    ] {
        let out = cli(a);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{a:?}");
        assert!(out.stdout.is_empty(), "{a:?}");
        assert_eq!(err.lines().count(), 1, "{a:?}: {err}");
        assert!(err.starts_with("error: "), "{err}");
    }
}

// ---- Levers aimed at places (issue 13.2) ----

/// The last month's row of `run --by gaps` as (column, value) lookups.
fn gaps_at_horizon(extra: &[&str]) -> (String, String) {
    let mut args = vec!["run", "--ics", "QE1", "--by", "gaps"];
    args.extend_from_slice(extra);
    let (csv, _) = ok(&args);
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header = lines.next().unwrap().to_string();
    (header, lines.next_back().unwrap().to_string())
}

fn field(header: &str, row: &str, name: &str) -> f64 {
    row.split(',')
        .nth(col(header, name))
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn prevention_aimed_at_blackpool_narrows_the_gap_between_places_more_than_spread_evenly() {
    let budget = ["--set", "prevention_gbp_per_head=60"];
    let (h, even) = gaps_at_horizon(&budget);
    let (_, aimed) =
        gaps_at_horizon(&[budget[0], budget[1], "--place-aim", "prevention=E06000009"]);
    for c in [
        "le_male_range",
        "le_male_sii",
        "le_persons_range",
        "le_persons_sii",
    ] {
        let (e, a) = (field(&h, &even, c), field(&h, &aimed, c));
        assert!(
            a < e - 0.3,
            "{c}: aimed at Blackpool {a}, spread evenly {e}"
        );
    }
}

#[test]
fn a_place_aimed_outside_the_icb_is_one_error_line_naming_it() {
    for (args, says) in [
        (
            vec!["run", "--ics", "QE1", "--place-aim", "prevention=E09000001"],
            "error: --place-aim prevention: place E09000001 (City of London) is not in QE1: it is in QMF\n",
        ),
        (
            vec!["run", "--ics", "QE1", "--place-aim", "equity=nowhere"],
            "error: --place-aim equity: unknown place 'NOWHERE'",
        ),
        (
            vec!["run", "--place-aim", "prevention=E06000009"],
            "error: --place-aim: places belong to an ICB",
        ),
        (
            vec!["run", "--ics", "QE1", "--place-aim", "E06000009"],
            "error: --place-aim expects LEVER=CODE",
        ),
    ] {
        let out = cli(&args);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(err.starts_with(says), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn a_scenario_file_carries_the_aimed_places_and_gives_the_same_numbers_as_the_flag() {
    let dir = std::env::temp_dir().join(format!("placelevers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("aimed.json");
    std::fs::write(
        &path,
        r#"{"format": "ics-whatif-scenario", "version": 2, "ics": "QE1",
            "levers": {"prevention_gbp_per_head": 60},
            "places": {"prevention": ["E06000009"]}}"#,
    )
    .unwrap();
    let from_file = ok(&["run", "--scenario", path.to_str().unwrap(), "--by", "gaps"]).0;
    let from_flag = ok(&[
        "run",
        "--ics",
        "QE1",
        "--by",
        "gaps",
        "--set",
        "prevention_gbp_per_head=60",
        "--place-aim",
        "prevention=E06000009",
    ])
    .0;
    assert_eq!(from_file, from_flag);
    // The file's place is refused against another ICB, by name.
    let out = cli(&["run", "--scenario", path.to_str().unwrap(), "--ics", "QNQ"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("E06000009 (Blackpool) is not in QNQ"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

// ---- Monte Carlo by place (issue 13.6) ----

/// The quantile columns of a Monte Carlo row, rising: p5, p10, p25, p50, p75, p90, p95.
fn rising(header: &str, row: &str) -> [f64; 7] {
    ["p5", "p10", "p25", "p50", "p75", "p90", "p95"].map(|q| field(header, row, q))
}

#[test]
fn monte_carlo_by_place_gives_ordered_quantiles_around_the_deterministic_run() {
    let args = [
        "run", "--ics", "QE1", "--years", "3", "--runs", "200", "--seed", "7", "--by", "place",
    ];
    let (mc, _) = ok(&args);
    let (det, _) = ok(&["run", "--ics", "QE1", "--years", "3", "--by", "place"]);
    // CSV opens with `#` lines that say what it is (What every export says).
    let lines: Vec<&str> = mc.lines().filter(|l| !l.starts_with('#')).collect();
    let h = lines[0];
    assert_eq!(
        h,
        "ics,place_code,place_name,month,period,residents,figure,p5,p25,p50,p75,p95,p10,p90"
    );
    // 37 months; each place has LE men and women, referrals and list, and HLE where
    // published.
    let starts = published("QE1");
    let dl: Vec<&str> = det.lines().filter(|l| !l.starts_with('#')).collect();
    let dh = dl[0];
    let with_hle = dl[1..=starts.len()]
        .iter()
        .filter(|r| !r.split(',').nth(col(dh, "hle_male")).unwrap().is_empty())
        .count();
    assert_eq!(lines.len(), 1 + 37 * (4 * starts.len() + 2 * with_hle));
    let mut seen = std::collections::BTreeSet::new();
    for row in &lines[1..] {
        let q = rising(h, row);
        assert!(q.windows(2).all(|w| w[0] <= w[1]), "{row}");
        let c: Vec<&str> = row.split(',').collect();
        seen.insert(c[col(h, "figure")].to_string());
        // The deterministic row of the same place and month.
        let (place, month) = (c[col(h, "place_code")], c[col(h, "month")]);
        let d = dl[1..]
            .iter()
            .find(|r| {
                let d: Vec<&str> = r.split(',').collect();
                d[col(dh, "place_code")] == place && d[col(dh, "month")] == month
            })
            .unwrap();
        let figure = c[col(h, "figure")];
        let v = field(dh, d, figure);
        if month == "0" {
            // Month 0 is the published start in every run: no spread.
            assert!(q.iter().all(|&x| (x - v).abs() < 1e-3), "{row} vs {v}");
        } else if month == "36" {
            // The median run lies near the central run: within 0.3 years of life
            // expectancy, 10% of referrals or list.
            let tol = if figure.starts_with("le_") || figure.starts_with("hle_") {
                0.3
            } else {
                0.1 * v
            };
            assert!((q[3] - v).abs() <= tol, "{row}: P50 vs {v}");
            assert!(q[5] - q[1] > 0.0, "a spread after three years: {row}");
        }
    }
    let want = [
        "hle_female",
        "hle_male",
        "le_female",
        "le_male",
        "referrals_estimate",
        "waiting_list_estimate",
    ];
    assert_eq!(seen.into_iter().collect::<Vec<_>>(), want);
}

#[test]
fn monte_carlo_by_gaps_is_the_same_for_a_seed_and_unchanged_with_one_run() {
    let args = |seed: &'static str, runs: &'static str| {
        vec![
            "run", "--ics", "QNQ", "--years", "2", "--runs", runs, "--seed", seed, "--by", "gaps",
        ]
    };
    let (a, _) = ok(&args("5", "60"));
    let (b, _) = ok(&args("5", "60"));
    let (c, _) = ok(&args("6", "60"));
    assert_eq!(a, b, "the same seed gives the same bytes");
    assert_ne!(a, c, "another seed, other runs");
    let lines: Vec<&str> = a.lines().filter(|l| !l.starts_with('#')).collect();
    let h = lines[0];
    assert_eq!(
        h,
        "ics,month,period,places,figure,p5,p25,p50,p75,p95,p10,p90"
    );
    assert_eq!(lines.len(), 1 + 25 * 7);
    for row in &lines[1..] {
        let q = rising(h, row);
        assert!(q.windows(2).all(|w| w[0] <= w[1]), "{row}");
    }
    // The P50 of the men's range at the horizon is near the deterministic range.
    let (det, _) = ok(&["run", "--ics", "QNQ", "--years", "2", "--by", "gaps"]);
    let dl: Vec<&str> = det.lines().filter(|l| !l.starts_with('#')).collect();
    let last = lines
        .iter()
        .rev()
        .find(|r| r.contains(",le_male_range,"))
        .unwrap();
    let v = field(dl[0], dl[dl.len() - 1], "le_male_range");
    assert!((field(h, last, "p50") - v).abs() < 0.3, "{last} vs {v}");
    // --runs 1 is the deterministic output, byte for byte.
    let (one, _) = ok(&args("5", "1"));
    assert_eq!(one, det);
    // JSON has the same rows.
    let mut json = args("5", "60");
    json.extend(["--format", "json"]);
    let (j, _) = ok(&json);
    let v: serde_json::Value = serde_json::from_str(&j).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 25 * 7);
    assert_eq!(v["rows"][0]["figure"], "le_male_range");
}

#[test]
fn places_says_which_part_of_a_split_authority_is_in_the_icb() {
    // places_README: Hart QNQ 0.750 / QRL 0.250; Cumberland QHM 0.969 / QE1 0.031.
    let (text, _) = ok(&["places", "--ics", "QNQ"]);
    assert!(
        text.contains("+ Hart (part: 75% of its residents live in this ICB; the rest in QRL): its life expectancy and HLE are the whole authority's"),
        "{text}"
    );
    assert!(text.contains("Hart+"), "{text}");
    assert!(
        !text.contains("Slough+") && !text.contains("+ Slough"),
        "{text}"
    );
    let (text, _) = ok(&["places", "--ics", "QE1"]);
    assert!(
        text.contains(
            "+ Cumberland (part: 3.1% of its residents live in this ICB; the rest in QHM)"
        ),
        "{text}"
    );
    let (csv, _) = ok(&["places", "--ics", "QNQ", "--format", "csv"]);
    let mut lines = csv.lines().filter(|l| !l.starts_with('#'));
    let header = lines.next().unwrap();
    let at = col(header, "share_of_authority_in_icb");
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let share: f64 = cells[at].parse().unwrap();
        let expected = if cells[2] == "Hart" {
            0.7498
        } else if cells[2] == "Slough" {
            1.0
        } else {
            share
        };
        assert!(
            (share - expected).abs() < 1e-4 && share > 0.0 && share <= 1.0,
            "{line}"
        );
    }
}
