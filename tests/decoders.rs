//! Hostile input: every decoder of outside text (scenario files, strict and lenient; link
//! queries; the command line; the back-cast history CSV) fed arbitrary and structured-but-wrong
//! input. None may panic or hang; none may let a NaN, an out-of-range value or an unknown
//! system into a scenario; every problem it reports is one non-empty line. Then the extreme
//! but valid: every lever and assumption at its ends, twenty years, a 2,000-run Monte Carlo.

use ics_whatif::cli::run_with;
use ics_whatif::data::systems;
use ics_whatif::model::backcast::{backcast, parse_history};
use ics_whatif::model::levers::all_specs;
use ics_whatif::model::queue::HazardShape;
use ics_whatif::model::{monte_carlo, Assumption, Baseline, Lever, Metric, MonteCarlo, Scenario};
use ics_whatif::scenario::storage::{self, Saved, MAX_PINNED};
use ics_whatif::scenario::{
    apply_lenient, from_query_lenient, parse_scenario, parse_scenario_lenient, set_value_text,
    to_json, to_query, ScenarioFile,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::path::PathBuf;
use std::sync::OnceLock;

// ---- What every decoder must guarantee ----

/// One problem: non-empty, one line, and bounded: hostile text is quoted truncated, so even a
/// message that joins many problems stays far below the size of a hostile input (these tests
/// feed strings of up to a megabyte).
fn assert_one_line(problem: &str) {
    assert!(!problem.trim().is_empty(), "empty problem");
    assert!(
        !problem.contains(['\n', '\r']),
        "problem is not one line: {problem:?}"
    );
    assert!(
        problem.chars().count() <= 8000,
        "problem is {} characters long: {problem:.120}...",
        problem.chars().count()
    );
}

/// A scenario any part of the app may run: a known system, a horizon of 1 to 20 years, every
/// lever and assumption finite and within its range.
fn assert_valid(s: &Scenario) {
    assert!(
        systems().iter().any(|sys| sys.code == s.system),
        "unknown system {:?}",
        s.system
    );
    assert!((1..=20).contains(&s.years), "years = {}", s.years);
    for &l in Lever::ALL {
        let (v, spec) = (s.levers[l], l.spec());
        assert!(
            v.is_finite() && v >= spec.min && v <= spec.max,
            "{} = {v}",
            spec.key
        );
    }
    for &a in Assumption::ALL {
        let (v, spec) = (s.assumptions[a], a.spec());
        assert!(
            v.is_finite() && v >= spec.min && v <= spec.max,
            "{} = {v}",
            spec.key
        );
    }
}

/// Runs every scenario-file and link decoder on `text` and checks their guarantees.
fn check_all_decoders(text: &str) {
    match parse_scenario(text) {
        Ok(file) => assert_valid(&file.scenario),
        Err(problems) => {
            assert!(!problems.is_empty(), "strict reader failed with no problem");
            problems.iter().for_each(|p| assert_one_line(p));
        }
    }
    let (file, problems) = parse_scenario_lenient(text);
    assert_valid(&file.scenario);
    problems.iter().for_each(|p| assert_one_line(p));
    // Whatever was read can be written back.
    assert!(to_json(&file).starts_with('{'));
    let (s, problems) = apply_lenient(text);
    assert_valid(&s);
    problems.iter().for_each(|p| assert_one_line(p));
    let (s, problems) = from_query_lenient(text);
    assert_valid(&s);
    problems.iter().for_each(|p| assert_one_line(p));
}

/// Runs both local-storage decoders on `text`: whatever storage holds (edited, truncated,
/// written by another build), what comes out is sound, and what is kept can be saved again.
fn check_storage(text: &str) {
    let check_saved = |saved: &Saved| {
        assert_valid(&saved.working.scenario);
        assert!(
            saved.pinned.len() <= MAX_PINNED,
            "{} pins",
            saved.pinned.len()
        );
        for pin in &saved.pinned {
            assert_valid(&pin.scenario);
        }
        let again = storage::encode(saved);
        assert!(
            storage::decode(&again).is_ok(),
            "re-encoded storage does not decode: {again:.200}"
        );
    };
    match storage::decode(text) {
        Ok(saved) => check_saved(&saved),
        Err(e) => assert_one_line(&e.to_string()),
    }
    let (saved, problems) = storage::decode_lenient(text);
    check_saved(&saved);
    problems.iter().for_each(|p| assert_one_line(p));
}

// ---- Structured-but-wrong JSON ----

fn keys() -> Vec<String> {
    let mut k: Vec<String> = all_specs().map(|s| s.key.to_string()).collect();
    k.extend(ics_whatif::scenario::KEYS.map(String::from));
    k.extend(
        [
            "",
            "Levers",
            "recruitment-pct",
            "__proto__",
            "\u{0}",
            "ключ",
            "🦀",
        ]
        .map(String::from),
    );
    k
}

fn hostile_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |f| f.is_finite())
            .prop_map(Value::from),
        Just(json!(1.7976931348623157e308)),
        Just(json!(-1.7976931348623157e308)),
        Just(json!(5e-324)),
        Just(json!(-0.0)),
        Just(json!(1e15)),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
        (-1000.0..1000.0f64).prop_map(Value::from),
        (0u32..30).prop_map(Value::from),
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,40}",
        Just("england".to_string()),
        Just("QE1".to_string()),
        Just("qop".to_string()),
        Just("ics-whatif-scenario".to_string()),
        Just("NaN".to_string()),
        Just("Infinity".to_string()),
        Just("-inf".to_string()),
        Just("1e400".to_string()),
        Just("\u{202e}evil\u{0}\r\n\t".to_string()),
        (1usize..5000).prop_map(|n| "x".repeat(n)),
        (1usize..500).prop_map(|n| "é🦀\u{fffd}".repeat(n)),
    ]
}

fn hostile_leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        hostile_number(),
        hostile_string().prop_map(Value::String),
    ]
}

/// Any JSON built from hostile leaves and the real keys, a few levels deep.
fn hostile_value() -> impl Strategy<Value = Value> {
    let keys = keys();
    hostile_leaf().prop_recursive(4, 64, 8, move |inner| {
        let keys = keys.clone();
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..8).prop_map(Value::Array),
            proptest::collection::vec(
                (
                    prop_oneof![proptest::sample::select(keys), ".{0,12}"],
                    inner
                ),
                0..10
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A scenario file whose every top-level entry may be right, wrong-typed or out of range.
fn hostile_file() -> impl Strategy<Value = Value> {
    let lever_keys: Vec<&'static str> = all_specs().map(|s| s.key).collect();
    let section = proptest::collection::vec(
        (
            prop_oneof![
                3 => proptest::sample::select(lever_keys),
                1 => proptest::sample::select(vec!["bogus", "recruitment_pc", "", "🦀"]),
            ],
            prop_oneof![3 => hostile_number(), 1 => hostile_value()],
        ),
        0..12,
    )
    .prop_map(|kv| {
        Value::Object(
            kv.into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect::<Map<_, _>>(),
        )
    });
    let entry = |right: Value| prop_oneof![2 => Just(right), 1 => hostile_value()];
    (
        entry(json!("ics-whatif-scenario")),
        entry(json!(1)),
        entry(json!(1)),
        entry(json!("a name")),
        entry(json!("QE1")),
        entry(json!(10)),
        prop_oneof![3 => section.clone(), 1 => hostile_value()],
        prop_oneof![3 => section, 1 => hostile_value()],
        proptest::collection::vec((".{0,10}", hostile_leaf()), 0..3),
    )
        .prop_map(
            |(format, version, model, name, ics, years, levers, assumptions, extra)| {
                let mut m = Map::new();
                for (k, v) in [
                    ("format", format),
                    ("version", version),
                    ("model_version", model),
                    ("name", name),
                    ("ics", ics),
                    ("years", years),
                    ("levers", levers),
                    ("assumptions", assumptions),
                ] {
                    m.insert(k.to_string(), v);
                }
                for (k, v) in extra {
                    m.insert(k, v);
                }
                Value::Object(m)
            },
        )
}

/// Replaces some numbers in JSON text with literals JSON does not allow (NaN, Infinity) or
/// cannot hold (1e400), as hand-edited or other tools' files might contain.
fn with_bad_literals(text: &str, which: usize) -> String {
    let bad = [
        "NaN",
        "Infinity",
        "-Infinity",
        "1e400",
        "-1e400",
        "0x10",
        "+5",
        ".5",
        "5.",
    ];
    let mut out = String::new();
    let mut n = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' {
            out.push(c);
            while chars.peek() == Some(&' ') {
                chars.next();
            }
            if chars
                .peek()
                .is_some_and(|d| d.is_ascii_digit() || *d == '-')
            {
                while chars
                    .peek()
                    .is_some_and(|d| d.is_ascii_digit() || matches!(d, '-' | '.' | 'e' | 'E' | '+'))
                {
                    chars.next();
                }
                out.push_str(bad[(which + n) % bad.len()]);
                n += 1;
            }
        } else {
            out.push(c);
        }
    }
    out
}

// ---- Link queries ----

fn query_key() -> impl Strategy<Value = String> {
    let real: Vec<String> = all_specs()
        .map(|s| s.key.to_string())
        .chain(["v", "m", "ics", "years"].map(String::from))
        .collect();
    prop_oneof![
        4 => proptest::sample::select(real),
        1 => "[a-z_%0-9A-F+]{0,12}",
        1 => ".{0,8}",
    ]
}

fn query_value() -> impl Strategy<Value = String> {
    prop_oneof![
        (-1e4..1e4f64).prop_map(|v| v.to_string()),
        any::<f64>().prop_map(|v| v.to_string()),
        any::<i64>().prop_map(|v| v.to_string()),
        proptest::sample::select(vec![
            "NaN", "nan", "inf", "-inf", "Infinity", "1e400", "-1e400", "1e-400", "%4E%61N", "%",
            "%%", "%zz", "%ff%fe", "%E2%82", "+", "", " 5 ", "0x10", "1_000", "england", "QE1",
            "QOP", "10", "20", "21", "0", "1.5", "-1",
        ])
        .prop_map(String::from),
        ".{0,12}",
        (1usize..3000).prop_map(|n| "9".repeat(n)),
    ]
}

fn hostile_query() -> impl Strategy<Value = String> {
    (
        proptest::sample::select(vec!["", "?", "#", "https://x.test/app/?", "??", "?#"]),
        proptest::collection::vec(
            (query_key(), proptest::option::weighted(0.9, query_value())),
            0..12,
        ),
        proptest::sample::select(vec!["&", "&&", ";", "&amp;"]),
    )
        .prop_map(|(prefix, pairs, sep)| {
            let body: Vec<String> = pairs
                .into_iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k,
                })
                .collect();
            format!("{prefix}{}", body.join(sep))
        })
}

// ---- The command line ----

/// Files the CLI may be pointed at: hostile scenario and history files, a directory, and a
/// path that does not exist. Made once per test process.
fn fixtures() -> &'static Vec<String> {
    static FILES: OnceLock<Vec<String>> = OnceLock::new();
    FILES.get_or_init(|| {
        let dir = temp_dir();
        let mut files = Vec::new();
        let mut add = |name: &str, contents: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, contents).unwrap();
            files.push(p.to_string_lossy().into_owned());
        };
        add("good.json", ScenarioFile::default().to_json().as_bytes());
        add(
            "nan.json",
            br#"{"format":"ics-whatif-scenario","version":1,"levers":{"recruitment_pct":NaN}}"#,
        );
        add(
            "wrong.json",
            br#"{"format":"ics-whatif-scenario","version":1,"years":"ten","levers":[1,2]}"#,
        );
        add("deep.json", "[".repeat(100_000).as_bytes());
        add("binary.bin", &[0xff, 0xfe, 0x00, 0x80, b'\n', 0xc3]);
        add("empty.txt", b"");
        add(
            "history.csv",
            b"month,waiting_list,pct_within_18_weeks,clock_starts,admitted_completed,nonadmitted_completed,over_52_weeks\n\
              2016-01,3000000,0.9,1200000,300000,900000,1000\n\
              2016-02,3010000,0.9,1210000,300000,900000,1100\n\
              2016-03,3020000,0.9,1220000,300000,900000,1200\n",
        );
        add(
            "history-bad.csv",
            b"month,waiting_list,pct_within_18_weeks,clock_starts,admitted_completed,nonadmitted_completed,over_52_weeks\n\
              2016-01,NaN,0.9,1,1,1,1\n",
        );
        files.push(dir.to_string_lossy().into_owned());
        files.push(dir.join("missing.json").to_string_lossy().into_owned());
        files
    })
}

fn temp_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ics-whatif-decoders-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli_value() -> impl Strategy<Value = String> {
    let files = fixtures().clone();
    prop_oneof![
        proptest::sample::select(vec![
            "england",
            "QE1",
            "qop",
            "QXU",
            "nowhere",
            "csv",
            "json",
            "text",
            "CSV",
            "xml",
            "1",
            "2",
            "5",
            "20",
            "0",
            "-1",
            "21",
            "1.5",
            "1e9",
            "NaN",
            "inf",
            "",
            " ",
            "=",
            "recruitment_pct=5",
            "recruitment_pct=NaN",
            "recruitment_pct=1e400",
            "demand_growth_pct=-99",
            "nope=1",
            "=5",
            "recruitment_pct",
            "years=5",
            "18446744073709551616",
            "-9223372036854775809",
        ])
        .prop_map(String::from),
        proptest::sample::select(files),
        ".{0,16}",
        (1usize..2000).prop_map(|n| "z".repeat(n)),
    ]
}

/// Argument vectors: mostly plausible commands and flags with hostile values, some noise.
/// `--out` is left out (it writes files: see `cli_out_to_unwritable_places_is_one_line`), and
/// `--runs` stays small so a case takes milliseconds, not minutes.
fn cli_args() -> impl Strategy<Value = Vec<String>> {
    let command = proptest::sample::select(vec![
        "run",
        "levers",
        "systems",
        "backcast",
        "help",
        "--help",
        "-h",
        "--version",
        "version",
        "-V",
        "RUN",
        "",
        "-",
        "--",
        "frobnicate",
    ]);
    let flag = proptest::sample::select(vec![
        "--ics",
        "--scenario",
        "--set",
        "--years",
        "--seed",
        "--format",
        "--history",
        "--help",
        "-h",
        "--bogus",
        "-x",
        "--",
        "-",
        "--set=",
        "--ics=",
        "--years=",
        "--format=",
    ]);
    let item = prop_oneof![
        4 => (flag, cli_value()).prop_map(|(f, v)| {
            if f.ends_with('=') { vec![format!("{f}{v}")] } else { vec![f.to_string(), v] }
        }),
        1 => proptest::sample::select(vec!["2", "3"]).prop_map(|r| vec!["--runs".into(), r.to_string()]),
        1 => cli_value().prop_map(|v| vec![v]),
        1 => ".{0,20}".prop_map(|v| vec![v]),
    ];
    (command, proptest::collection::vec(item, 0..6)).prop_map(|(c, items)| {
        let mut args = vec![c.to_string()];
        args.extend(items.into_iter().flatten());
        args
    })
}

/// Runs the CLI in process; checks the exit code is 0 or 2 and that a failure is exactly one
/// `error: ` line (after any notes) and a success none.
fn check_cli(args: &[String]) -> (i32, String) {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = run_with(args, &mut out, &mut err);
    let err = String::from_utf8(err).expect("standard error is UTF-8");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error:")).collect();
    match code {
        0 => assert!(errors.is_empty(), "{args:?} succeeded with {errors:?}"),
        2 => {
            assert_eq!(errors.len(), 1, "{args:?}: {err}");
            assert!(err.ends_with('\n'), "{args:?}: {err:?}");
            let last = err.lines().last().unwrap_or_default();
            assert!(last.starts_with("error: "), "{args:?}: {err}");
            assert!(
                !last["error: ".len()..].trim().is_empty(),
                "{args:?}: {err}"
            );
            assert_one_line(last);
        }
        other => panic!("{args:?} exited with {other}: {err}"),
    }
    (code, err)
}

// ---- The back-cast history ----

const HISTORY_COLUMNS: [&str; 7] = [
    "month",
    "waiting_list",
    "pct_within_18_weeks",
    "clock_starts",
    "admitted_completed",
    "nonadmitted_completed",
    "over_52_weeks",
];

fn csv_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => (0.0..5e6f64).prop_map(|v| format!("{v:.0}")),
        2 => (0.0..1.0f64).prop_map(|v| format!("{v:.3}")),
        1 => any::<f64>().prop_map(|v| v.to_string()),
        1 => proptest::sample::select(vec![
            "", "NaN", "inf", "-1", "1e308", "1.7976931348623157e308", "1e400", "-0", "0",
            "2016-01", "\"1,000\"", " 12 ", "１２",
        ]).prop_map(String::from),
        // Carriage returns inside cells included.
        1 => ".{0,10}",
    ]
}

/// A history CSV: the real columns (some missing, duplicated or shuffled, extra ones), rows of
/// hostile cells, odd line endings.
fn hostile_history() -> impl Strategy<Value = String> {
    (
        Just(HISTORY_COLUMNS.to_vec()).prop_shuffle(),
        0usize..8,
        proptest::collection::vec(".{0,8}", 0..2),
        proptest::collection::vec(proptest::collection::vec(csv_cell(), 0..10), 0..14),
        proptest::sample::select(vec!["\n", "\r\n", "\n\n", "\r"]),
    )
        .prop_map(|(mut cols, drop, extra, rows, eol)| {
            if drop < cols.len() && drop % 2 == 1 {
                cols.remove(drop);
            }
            let mut header: Vec<String> = cols.iter().map(|c| c.to_string()).collect();
            header.extend(extra);
            let mut text = header.join(",");
            for row in rows {
                text.push_str(eol);
                text.push_str(&row.join(","));
            }
            text
        })
}

fn check_history(text: &str) {
    match parse_history(text) {
        Ok(history) => {
            assert!(history.len() >= 2);
            for h in &history {
                for v in [
                    h.waiting_list,
                    h.within_18_weeks,
                    h.clock_starts,
                    h.completed,
                    h.over_52_weeks,
                ] {
                    assert!(v.is_finite() && v >= 0.0, "{h:?}");
                }
                assert!(h.within_18_weeks <= 1.0, "{h:?}");
            }
            // The back-cast of any history the parser accepts runs to the end.
            let rows = backcast(&history, &HazardShape::calibrated());
            assert_eq!(rows.len(), history.len());
        }
        Err(e) => assert_one_line(&e),
    }
}

/// A bad cell quoted in an error stays on one line and short: a carriage return inside a
/// cell (which `str::lines` does not split on) or a 100,000-character cell.
#[test]
fn history_errors_quote_cells_on_one_short_line() {
    let header = HISTORY_COLUMNS.join(",");
    for cell in ["1\r2".to_string(), "9x".repeat(50_000)] {
        let e = parse_history(&format!("{header}\n2016-01,{cell},0.5,1,1,1,1\n")).unwrap_err();
        assert_one_line(&e);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn scenario_and_link_decoders_survive_arbitrary_text(text in any::<String>()) {
        check_all_decoders(&text);
    }

    #[test]
    fn scenario_decoders_survive_wrong_json(file in hostile_file()) {
        let text = file.to_string();
        check_all_decoders(&text);
        // Wrong JSON of any shape is refused or read, never half-read: the strict reader's
        // result, when it accepts, is exactly what the lenient reader applies.
        if let Ok(strict) = parse_scenario(&text) {
            let (lenient, problems) = apply_lenient(&text);
            prop_assert!(problems.is_empty(), "{:?}", problems);
            prop_assert_eq!(strict.scenario, lenient);
        }
    }

    #[test]
    fn scenario_decoders_survive_any_json_value(v in hostile_value()) {
        check_all_decoders(&v.to_string());
        check_all_decoders(&serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn scenario_decoders_refuse_nan_and_infinity_literals(file in hostile_file(), which in 0usize..9) {
        let text = with_bad_literals(&file.to_string(), which);
        check_all_decoders(&text);
    }

    #[test]
    fn link_decoder_survives_hostile_queries(q in hostile_query()) {
        check_all_decoders(&q);
    }

    #[test]
    fn set_value_text_survives_anything(key in query_key(), value in query_value()) {
        let mut s = Scenario::default();
        match set_value_text(&mut s, &key, &value) {
            Ok(()) => assert_valid(&s),
            Err(e) => {
                assert_one_line(&e);
                prop_assert_eq!(s, Scenario::default(), "a refused value changed nothing");
            }
        }
    }

    #[test]
    fn history_parser_survives_arbitrary_text(text in any::<String>()) {
        check_history(&text);
    }

    #[test]
    fn history_parser_survives_wrong_csv(text in hostile_history()) {
        check_history(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn storage_decoders_survive_arbitrary_text(text in any::<String>()) {
        check_storage(&text);
    }

    #[test]
    fn storage_decoders_survive_wrong_documents(
        format in prop_oneof![3 => Just(json!("ics-whatif-saved")), 1 => hostile_value()],
        version in prop_oneof![3 => Just(json!(1)), 1 => hostile_value()],
        working in prop_oneof![3 => hostile_file(), 1 => hostile_value()],
        pinned in prop_oneof![
            4 => proptest::collection::vec(hostile_file(), 0..7).prop_map(Value::Array),
            1 => hostile_value(),
        ],
        which in 0usize..12,
    ) {
        let doc = json!({ "format": format, "version": version, "working": working, "pinned": pinned });
        check_storage(&doc.to_string());
        check_storage(&with_bad_literals(&doc.to_string(), which));
        // Truncated, as a full quota or a killed tab can leave it.
        let text = doc.to_string();
        let cut = text.char_indices().nth(which * text.chars().count() / 12).map_or(0, |(i, _)| i);
        check_storage(&text[..cut]);
    }

    #[test]
    fn storage_decoders_survive_any_json_value(v in hostile_value()) {
        check_storage(&v.to_string());
    }
}

proptest! {
    // Each case may run a model projection: fewer cases keep the file under a minute.
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn cli_exits_0_or_2_with_one_error_line(args in cli_args()) {
        check_cli(&args);
    }

    #[test]
    fn cli_survives_arbitrary_argument_vectors(args in proptest::collection::vec(any::<String>(), 0..6)) {
        check_cli(&args);
    }
}

// ---- Fixed hostile cases: each one a known way to break a decoder ----

#[test]
fn deeply_nested_json_is_one_problem_not_a_stack_overflow() {
    for depth in [129, 10_000, 1_000_000] {
        for (open, close) in [("[", "]"), ("{\"a\":", "}")] {
            let text = format!("{}1{}", open.repeat(depth), close.repeat(depth));
            check_all_decoders(&text);
            let problems = parse_scenario(&text).unwrap_err();
            assert_eq!(problems.len(), 1, "{problems:?}");
            // Nested under a real key, too.
            let nested = format!(
                r#"{{"format":"ics-whatif-scenario","version":1,"levers":{{"recruitment_pct":{}1{}}}}}"#,
                "[".repeat(depth),
                "]".repeat(depth)
            );
            check_all_decoders(&nested);
        }
    }
}

#[test]
fn huge_and_long_inputs_give_short_one_line_problems() {
    let long_key = "k".repeat(1 << 20);
    let long_value = "9".repeat(1 << 20);
    let cases = [
        format!(r#"{{"format":"ics-whatif-scenario","version":1,"name":"{long_value}"}}"#),
        format!(r#"{{"format":"ics-whatif-scenario","version":1,"{long_key}":1}}"#),
        format!(r#"{{"format":"ics-whatif-scenario","version":1,"levers":{{"{long_key}":1}}}}"#),
        format!(
            r#"{{"format":"ics-whatif-scenario","version":1,"levers":{{"recruitment_pct":{long_value}}}}}"#
        ),
        format!(r#"{{"format":"ics-whatif-scenario","version":1,"ics":"{long_key}"}}"#),
        format!(r#"{{"format":"ics-whatif-scenario","version":{long_value}}}"#),
        format!(r#"{{"format":"ics-whatif-scenario","version":1,"years":{long_value}}}"#),
        format!("recruitment_pct={long_value}"),
        format!("{long_key}=1"),
        format!("ics={long_key}&years={long_value}"),
        "&".repeat(1 << 20),
        "%".repeat(1 << 20),
        "=".repeat(1 << 20),
    ];
    for text in &cases {
        check_all_decoders(text);
    }
    // A name is the user's own text: kept whole, written back whole.
    let (file, problems) = parse_scenario_lenient(&format!(
        r#"{{"format":"ics-whatif-scenario","version":1,"name":"{long_value}"}}"#
    ));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(file.name.as_deref().map(str::len), Some(long_value.len()));
}

#[test]
fn nan_and_infinity_never_reach_a_scenario() {
    let header = r#""format":"ics-whatif-scenario","version":1"#;
    for bad in [
        "NaN",
        "Infinity",
        "-Infinity",
        "1e400",
        "-1e400",
        "\"NaN\"",
        "\"inf\"",
        "null",
        "[]",
        "{}",
        "true",
    ] {
        for key in all_specs().map(|s| s.key) {
            let section = if Lever::from_key(key).is_some() {
                "levers"
            } else {
                "assumptions"
            };
            let text = format!(r#"{{{header},"{section}":{{"{key}":{bad}}}}}"#);
            check_all_decoders(&text);
            if bad != "null" {
                assert!(parse_scenario(&text).is_err(), "{text} was accepted");
            }
            let (s, _) = apply_lenient(&text);
            assert_eq!(s, Scenario::default(), "{text}");
        }
        check_all_decoders(&format!(r#"{{{header},"years":{bad}}}"#));
        check_all_decoders(&format!(r#"{{{header},"model_version":{bad}}}"#));
    }
    for bad in [
        "NaN", "nan", "inf", "-inf", "infinity", "1e400", "-1e400", "%4EaN", "1e-400",
    ] {
        for key in all_specs().map(|s| s.key) {
            let (s, problems) = from_query_lenient(&format!("{key}={bad}"));
            assert_valid(&s);
            if bad != "1e-400" {
                assert_eq!(problems.len(), 1, "{key}={bad}: {problems:?}");
            }
        }
        let (s, _) = from_query_lenient(&format!("years={bad}"));
        assert_eq!(s.years, 10);
    }
}

#[test]
fn unicode_and_control_characters_stay_on_one_line() {
    for nasty in [
        "\u{202e}QE1",
        "Q\u{0}E1",
        "QE1\n",
        "\r\nQE1",
        "ＱＥ１",
        "qe1\u{301}",
        "🦀",
        "\u{feff}QE1",
        "\u{2028}",
        "\u{85}",
        "\u{1b}[31mred",
    ] {
        let esc = serde_json::to_string(nasty).unwrap();
        check_all_decoders(&format!(
            r#"{{"format":"ics-whatif-scenario","version":1,"ics":{esc}}}"#
        ));
        check_all_decoders(&format!(
            r#"{{"format":"ics-whatif-scenario","version":1,"levers":{{{esc}:1}}}}"#
        ));
        check_all_decoders(&format!("ics={nasty}&{nasty}=1&recruitment_pct={nasty}"));
        check_cli(&["run".into(), "--ics".into(), nasty.into()]);
        check_cli(&["run".into(), "--set".into(), format!("{nasty}=1")]);
        check_cli(&[nasty.into()]);
    }
}

#[test]
fn cli_hostile_files_are_one_line_errors() {
    let dir = temp_dir();
    for name in [
        "nan.json",
        "wrong.json",
        "deep.json",
        "binary.bin",
        "empty.txt",
        "missing.json",
    ] {
        let path = dir.join(name).to_string_lossy().into_owned();
        let (code, _) = check_cli(&["run".into(), "--scenario".into(), path.clone()]);
        assert_eq!(code, 2, "{name}");
        let (code, _) = check_cli(&["backcast".into(), "--history".into(), path]);
        assert_eq!(code, 2, "{name}");
    }
    let (code, _) = check_cli(&[
        "run".into(),
        "--scenario".into(),
        dir.to_string_lossy().into(),
    ]);
    assert_eq!(code, 2);
    let good = dir.join("good.json").to_string_lossy().into_owned();
    assert_eq!(check_cli(&["run".into(), "--scenario".into(), good]).0, 0);
}

/// Regression: the CLI read input files whole, so `--scenario /dev/zero` never returned
/// (and ate all memory). Now reads stop at `MAX_INPUT_BYTES`.
#[test]
fn cli_endless_or_huge_input_files_are_refused() {
    use ics_whatif::cli::MAX_INPUT_BYTES;
    if std::path::Path::new("/dev/zero").exists() {
        for flag in ["--scenario", "--history"] {
            let command = if flag == "--scenario" {
                "run"
            } else {
                "backcast"
            };
            let (code, err) = check_cli(&[command.into(), flag.into(), "/dev/zero".into()]);
            assert_eq!(code, 2);
            assert!(err.contains("is larger than"), "{err}");
        }
    }
    let big = temp_dir().join("big.json");
    std::fs::write(&big, vec![b' '; MAX_INPUT_BYTES as usize + 1]).unwrap();
    let (code, err) = check_cli(&[
        "run".into(),
        "--scenario".into(),
        big.to_string_lossy().into(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("is larger than 16 MB"), "{err}");
    std::fs::remove_file(big).unwrap();
}

#[test]
fn cli_out_to_unwritable_places_is_one_line() {
    let dir = temp_dir();
    for out in [
        dir.to_string_lossy().into_owned(),
        dir.join("no/such/dir/out.csv")
            .to_string_lossy()
            .into_owned(),
        String::new(),
    ] {
        let (code, _) = check_cli(&["levers".into(), "--out".into(), out]);
        assert_eq!(code, 2);
    }
    let ok = dir.join("levers.csv").to_string_lossy().into_owned();
    assert_eq!(check_cli(&["levers".into(), "--out".into(), ok]).0, 0);
}

#[test]
fn query_round_trip_of_a_decoded_query_is_stable() {
    // Whatever a hostile link decodes to, writing it back and reading it again changes
    // nothing: a shared link never drifts.
    for q in [
        "recruitment_pct=5&recruitment_pct=NaN&ics=qop&years=20",
        "?v=9&m=9&demand_growth_pct=%2D1&ics=QE1#frag",
        "recruitment_pct=1e400&leaver_rate_change_pct=-0",
    ] {
        let (s, _) = from_query_lenient(q);
        let (back, problems) = from_query_lenient(&to_query(&s));
        assert!(problems.is_empty(), "{q}: {problems:?}");
        assert_eq!(back, s, "{q}");
    }
}

// ---- Extreme but valid ----

/// All levers at one end and all assumptions at one end.
fn corner(lever_max: bool, assumption_max: bool) -> Scenario {
    let mut s = Scenario {
        years: 20,
        ..Scenario::default()
    };
    for &l in Lever::ALL {
        s.levers[l] = if lever_max {
            l.spec().max
        } else {
            l.spec().min
        };
    }
    for &a in Assumption::ALL {
        s.assumptions[a] = if assumption_max {
            a.spec().max
        } else {
            a.spec().min
        };
    }
    s
}

/// Metrics that count or measure something that cannot go below zero.
const STOCKS: [Metric; 11] = [
    Metric::WaitingList,
    Metric::Over52Weeks,
    Metric::Referrals,
    Metric::Treated,
    Metric::Removed,
    Metric::StaffFte,
    Metric::AgencyFte,
    Metric::MedianWaitWeeks,
    Metric::Within18WeeksPct,
    Metric::VacancyRatePct,
    Metric::LeaverRatePct,
];

/// Runs each scenario's Monte Carlo (seed 7) and lists every one whose fans are not finite,
/// not ordered or negative for a stock.
fn assert_extremes_sound(scenarios: Vec<(String, Scenario, usize)>) {
    let base = Baseline::england();
    let mut broken = Vec::new();
    for (name, s, runs) in scenarios {
        let mc = monte_carlo(&base, &s, runs, 7);
        assert_eq!(mc.runs, runs);
        if let Some(problem) = first_problem(&mc, &STOCKS, s.months() + 1) {
            broken.push(format!("{name}: {problem}"));
        }
    }
    assert!(
        broken.is_empty(),
        "{} extreme scenarios broke:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

/// Every lever at one end and every assumption at one end, through a 2,000-run Monte Carlo
/// over twenty years. (tests/model.rs checks deterministic runs at the extremes; this adds
/// the random draws, seasonality and noise of the Monte Carlo.) The fourth corner, levers at
/// their minimum and assumptions at their maximum, is in the ignored test below.
#[test]
fn monte_carlo_at_the_corners_stays_finite_and_non_negative() {
    assert_extremes_sound(
        [(false, false), (true, false), (true, true)]
            .into_iter()
            .map(|(l, a)| {
                let name = format!("levers {}, assumptions {}", end(l), end(a));
                (name, corner(l, a), 2000)
            })
            .collect(),
    );
}

/// One parameter alone at one end, twenty years.
fn alone(key: &str, at_max: bool) -> (String, Scenario) {
    let mut s = Scenario {
        years: 20,
        ..Scenario::default()
    };
    let spec = ics_whatif::scenario::find_spec(key).expect("a known key");
    let v = if at_max { spec.max } else { spec.min };
    match (Lever::from_key(key), Assumption::from_key(key)) {
        (Some(l), _) => s.levers[l] = v,
        (_, Some(a)) => s.assumptions[a] = v,
        _ => unreachable!(),
    }
    (format!("{key} = {v}"), s)
}

/// Where staff run out: levers at their minimum (funding cut, no recruitment, ...) and
/// assumptions at their maximum (demand, cost pressure, leavers, burnout) leave almost no
/// staff after about eight years; and with no agency cover alone some draws come close
/// near year 20. Workload and the leaver rate are bounded there, so figures stay finite.
#[test]
fn monte_carlo_where_staff_run_out_stays_finite_and_non_negative() {
    let mut scenarios = vec![(
        "levers at min, assumptions at max".to_string(),
        corner(false, true),
        2000,
    )];
    let (name, s) = alone("agency_cap_pct", false);
    scenarios.push((name, s, 2000));
    assert_extremes_sound(scenarios);
}

/// Each lever and assumption alone at each end of its range, twenty years, the Monte Carlo's
/// draws and noise on top.
#[test]
fn monte_carlo_with_each_parameter_at_each_end_stays_finite_and_non_negative() {
    let mut scenarios = Vec::new();
    for spec in all_specs() {
        for at_max in [false, true] {
            let (name, s) = alone(spec.key, at_max);
            scenarios.push((name, s, 50));
        }
    }
    assert_extremes_sound(scenarios);
}

/// The first fan that is not finite, not ordered, or negative for a stock.
fn first_problem(mc: &MonteCarlo, stocks: &[Metric], months: usize) -> Option<String> {
    for fan in &mc.fans {
        if fan.quantiles.len() != months {
            return Some(format!("{} has {} months", fan.metric, fan.quantiles.len()));
        }
        for (month, q) in fan.quantiles.iter().enumerate() {
            let q = q.to_array();
            if !q.iter().all(|v| v.is_finite()) {
                return Some(format!("{} not finite in month {month}: {q:?}", fan.metric));
            }
            if !q.windows(2).all(|w| w[0] <= w[1]) {
                return Some(format!("{} unordered in month {month}: {q:?}", fan.metric));
            }
        }
    }
    for &m in stocks {
        for (month, q) in mc.fan(m).quantiles.iter().enumerate() {
            if q.p5 < 0.0 {
                return Some(format!("{} negative in month {month}: {q:?}", m.key()));
            }
        }
    }
    None
}

fn end(max: bool) -> &'static str {
    if max {
        "at max"
    } else {
        "at min"
    }
}
