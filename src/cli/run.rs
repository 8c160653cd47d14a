//! `ics-whatif run`: one deterministic projection (a row per month and quintile) or a Monte
//! Carlo summary (a row per month and metric).

use super::args::Flags;
use super::format::{csv_field, fixed, metric_decimals, Rounded};
use super::money::Money;
use super::{output_format, read_text, Done};
use crate::model::levers::name_as_written;
use crate::model::monte_carlo::{
    truncation_notes, MonteCarlo, Quantiles, TruncationNote, QUANTILES, TDIGEST_ERROR,
    TDIGEST_RANK_ERROR,
};
use crate::model::{monte_carlo, simulate, Baseline, Metric, MonthRecord, MODEL_VERSION};
use crate::scenario::export::{self, COLUMNS, QUINTILES};
use crate::scenario::{self, shown, shown_path, ScenarioFile};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde::Serialize as DeriveSerialize;

/// The most Monte Carlo runs `--runs` accepts.
pub const MAX_RUNS: usize = 100_000;

/// The scenario the flags describe (`--scenario`, then `--ics`, `--set` and `--years`), and
/// any warnings for standard error.
pub fn scenario_from_flags(flags: &Flags) -> Result<(ScenarioFile, Vec<String>), String> {
    let mut notes = Vec::new();
    let file = match flags.one("--scenario") {
        Some(path) => {
            let text = read_text(path, "scenario file")?;
            let file = scenario::parse_scenario(&text)
                .map_err(|problems| format!("{}: {}", shown_path(path), problems.join("; ")))?;
            if let Some(note) = file.model_version_note() {
                notes.push(format!("warning: {note}"));
            }
            file
        }
        None => ScenarioFile::default(),
    };
    let mut s = file.scenario.clone();
    // `--ics all` (every ICB) is run system by system in `places::run_systems`.
    if let Some(code) = flags
        .one("--ics")
        .filter(|_| !super::places::all_systems(flags))
    {
        s.system = scenario::resolve_ics(code)?;
    }
    for kv in flags.all("--set") {
        let (key, value) = kv.split_once('=').ok_or_else(|| {
            format!(
                "--set expects KEY=VALUE, such as --set recruitment_pct=5; got '{}'",
                shown(kv)
            )
        })?;
        // An old key (agency_cap_pct) is named as it was typed. A lever's value may carry its
        // phasing: KEY=VALUE@2027-04 or KEY=VALUE@2026-04+3y (issue 14.2).
        scenario::phasing::set_phased_text(&mut s, key.trim(), value)
            .map_err(|e| name_as_written(e.to_string(), key.trim()))?;
    }
    if let Some(text) = flags.one("--years") {
        s.years = scenario::parse_years(text).map_err(|_| {
            format!(
                "--years must be a whole number from 1 to 20, got '{}'",
                shown(text)
            )
        })?;
    }
    // Phasing is checked against the horizon once the horizon is known.
    if let Some(problem) = scenario::phasing::check_phasing(&mut s).first() {
        return Err(problem.to_string());
    }
    // Levers aimed at places (issue 13.2), checked against the ICB once it is known.
    super::place_aim::apply_flags(flags, &mut s)?;
    // places7: prevention aimed at places far beyond the public-health grant is reported,
    // not capped; standard error says so, as the Places panel and the brief do.
    if let Some(w) = crate::model::place_aim::spend_warning(
        &s.system,
        &s.places,
        s.levers[crate::model::Lever::PreventionSpend],
        scenario::places::place_names,
    ) {
        notes.push(format!("warning: {w}"));
    }
    // The echo carries this build's model version: it produced the numbers.
    let echo = ScenarioFile {
        name: file.name,
        model_version: MODEL_VERSION,
        scenario: s,
        month: file.month,
        // The "What would it take" question (issue 14.1), echoed as the file had it.
        goal: file.goal,
    };
    Ok((echo, notes))
}

/// `--runs N`: a whole number from `min` to [`MAX_RUNS`], or `default` when not given.
pub(super) fn runs_flag(flags: &Flags, default: usize, min: usize) -> Result<usize, String> {
    match flags.one("--runs") {
        None => Ok(default),
        Some(text) => match text.trim().parse::<usize>() {
            Ok(n) if (min..=MAX_RUNS).contains(&n) => Ok(n),
            _ => Err(format!(
                "--runs must be a whole number from {min} to {MAX_RUNS}, got '{}'",
                shown(text)
            )),
        },
    }
}

/// `--seed N`: any whole number that fits 64 bits; 1 when not given.
pub(super) fn seed_flag(flags: &Flags) -> Result<u64, String> {
    match flags.one("--seed") {
        None => Ok(1),
        Some(text) => text.trim().parse::<u64>().map_err(|_| {
            format!(
                "--seed must be a whole number from 0 to {}, got '{}'",
                u64::MAX,
                shown(text)
            )
        }),
    }
}

pub fn run(flags: &Flags) -> Result<Done, String> {
    let (echo, mut notes) = scenario_from_flags(flags)?;
    let (runs, seed) = (runs_flag(flags, 1, 1)?, seed_flag(flags)?);
    let format = output_format(flags, &["csv", "json"])?;
    let (all, by) = (super::places::all_systems(flags), super::places::by(flags)?);
    let places: Vec<String> = flags.all("--place").map(str::to_string).collect();
    if all || by != super::places::By::Quintile || !places.is_empty() {
        if runs > 1 {
            // Monte Carlo by place (issue 13.6): one ICB with --by place|gaps.
            return super::places::run_places_monte_carlo(
                &echo, all, by, &places, format, runs, seed, notes,
            );
        }
        return super::places::run_systems(&echo, all, by, &places, format, notes);
    }
    let s = &echo.scenario;
    let base = Baseline::for_code(&s.system)?;
    // Issue 14.6: `--format csv` given explicitly puts what the file shows at its top, as
    // `# key: value` comment lines; the default output stays as it was for existing readers.
    // The JSON says the same in its `about` object.
    let info = {
        let name = base.name.strip_prefix("NHS ").unwrap_or(&base.name);
        let name = name.strip_suffix(" Integrated Care Board").unwrap_or(name);
        let mut info = export::ExportInfo::of(s, name, echo.name.as_deref(), &export_date());
        info.runs = (runs > 1).then_some((runs, seed));
        info
    };
    // Sixth session: every CSV says what it shows, whether `--format csv` was given or not
    // (CSV is `run`'s default; `--out x.csv` writes the same).
    let header = if format == "csv" {
        info.csv_comments()
    } else {
        String::new()
    };

    let text = if runs == 1 {
        let projection = simulate(&base, s);
        let money = Money::new(&base, s, &projection);
        match format {
            "csv" => {
                notes.push(money.summary());
                header.clone() + &export::projection_csv(&projection)
            }
            _ => json(&RunJson {
                scenario: &echo,
                about: info.about(),
                system: system(&base),
                money,
                months: Rows(&projection.months),
            }),
        }
    } else {
        let truncated = truncation_notes(&s.assumptions);
        for t in &truncated {
            notes.push(format!("note: {}", t.describe(t.key)));
        }
        let mc = monte_carlo(&base, s, runs, seed);
        if !mc.exact {
            notes.push(digest_note(runs, s.years));
        }
        match format {
            "csv" => header.clone() + &fans_csv(&mc),
            _ => json(&FansJson::new(&echo, info.about(), &base, &mc, truncated)),
        }
    };
    Ok(Done {
        text,
        notes,
        ..Done::default()
    })
}

/// The note on standard error when `runs` runs over `years` years are summarised by
/// t-digests (approximate quantiles).
pub(super) fn digest_note(runs: usize, years: u32) -> String {
    format!(
        "note: {runs} runs over {years} years are summarised by t-digests to bound memory: \
         quantiles are approximate, within {}% of the fan's P5-P95 width of the exact \
         value (P50 between the exact P{} and P{})",
        100.0 * TDIGEST_ERROR,
        50.0 - 100.0 * TDIGEST_RANK_ERROR,
        50.0 + 100.0 * TDIGEST_RANK_ERROR
    )
}

/// Today's date (UTC) for an export's header, or `SOURCE_DATE_EPOCH`'s where it is set (for
/// files that must be the same byte for byte on another day).
pub(super) fn export_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    export::date_of_unix_seconds(secs)
}

/// One quantile of a month's [`Quantiles`].
pub type QuantileOf = fn(&Quantiles) -> f64;

/// The Monte Carlo CSV's quantile columns, in order: the five it has always had, then P10
/// and P90 (the 80% range) at the end, so a reader that picks columns by position still
/// finds p5 to p95 where they were.
pub const CSV_QUANTILES: [(&str, QuantileOf); 7] = [
    ("p5", |q| q.p5),
    ("p25", |q| q.p25),
    ("p50", |q| q.p50),
    ("p75", |q| q.p75),
    ("p95", |q| q.p95),
    ("p10", |q| q.p10),
    ("p90", |q| q.p90),
];

/// The Monte Carlo CSV: one row per month and metric, months first.
pub fn fans_csv(mc: &MonteCarlo) -> String {
    let mut out = String::from("month,metric");
    for (name, _) in CSV_QUANTILES {
        out.push(',');
        out.push_str(name);
    }
    out.push('\n');
    let months = mc.fans.first().map_or(0, |f| f.quantiles.len());
    for month in 0..months {
        for fan in &mc.fans {
            let dp = Metric::from_key(fan.metric).map_or(3, metric_decimals);
            out.push_str(&format!("{month},{}", csv_field(fan.metric)));
            for v in CSV_QUANTILES.map(|(_, of)| of(&fan.quantiles[month])) {
                out.push(',');
                out.push_str(&fixed(v, dp));
            }
            out.push('\n');
        }
    }
    out
}

pub fn json<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[derive(DeriveSerialize)]
pub struct System<'a> {
    code: &'a str,
    name: &'a str,
    population: f64,
}

pub fn system(base: &Baseline) -> System<'_> {
    System {
        code: &base.code,
        name: &base.name,
        population: base.population,
    }
}

#[derive(DeriveSerialize)]
struct RunJson<'a> {
    scenario: &'a ScenarioFile,
    /// What the output shows: area, scenario, levers with phasing, assumptions changed,
    /// runs, seed, model version, date (issue 14.6).
    about: export::About<'a>,
    system: System<'a>,
    /// The scenario's cost and the NHS balance, apart, in £m at 2025/26 prices.
    money: Money,
    months: Rows<'a>,
}

/// Every month's rows (q1..q5, all) as one flat list of objects with the CSV's keys.
pub struct Rows<'a>(pub &'a [MonthRecord]);

impl Serialize for Rows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().flat_map(|r| {
            (0..QUINTILES.len()).map(move |i| Row {
                r,
                q: (i < 5).then_some(i),
                label: QUINTILES[i],
            })
        }))
    }
}

struct Row<'a> {
    r: &'a MonthRecord,
    q: Option<usize>,
    label: &'static str,
}

impl Serialize for Row<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(COLUMNS.len() + 3))?;
        map.serialize_entry("month", &self.r.month)?;
        map.serialize_entry(
            "period",
            &crate::data::rtt::start_period()
                .plus(self.r.month)
                .to_string(),
        )?;
        map.serialize_entry("quintile", self.label)?;
        for column in COLUMNS {
            map.serialize_entry(
                column.key(),
                &Rounded(column.value(self.r, self.q), column.decimals()),
            )?;
        }
        map.end()
    }
}

#[derive(DeriveSerialize)]
struct FansJson<'a> {
    scenario: &'a ScenarioFile,
    /// As in the deterministic run's JSON (issue 14.6).
    about: export::About<'a>,
    system: System<'a>,
    runs: usize,
    seed: u64,
    /// The quantiles each fan gives, rising (p10 and p90: the 80% range).
    quantiles: [f64; 7],
    /// False when the runs were summarised by t-digests (approximate quantiles).
    exact_quantiles: bool,
    /// Assumptions whose 80% interval a range end cuts: their draws are truncated there.
    truncated: Vec<TruncationNote>,
    fans: Vec<FanJson<'a>>,
}

#[derive(DeriveSerialize)]
struct FanJson<'a> {
    metric: &'a str,
    label: &'static str,
    unit: &'static str,
    p5: Vec<Rounded>,
    p25: Vec<Rounded>,
    p50: Vec<Rounded>,
    p75: Vec<Rounded>,
    p95: Vec<Rounded>,
    /// The 80% range: 8 in 10 runs fall between p10 and p90.
    p10: Vec<Rounded>,
    p90: Vec<Rounded>,
}

impl<'a> FansJson<'a> {
    fn new(
        echo: &'a ScenarioFile,
        about: export::About<'a>,
        base: &'a Baseline,
        mc: &'a MonteCarlo,
        truncated: Vec<TruncationNote>,
    ) -> Self {
        let fans = mc
            .fans
            .iter()
            .map(|fan| {
                let metric = Metric::from_key(fan.metric);
                let dp = metric.map_or(3, metric_decimals);
                let spec = metric.map(Metric::spec);
                let column =
                    |of: QuantileOf| fan.quantiles.iter().map(|q| Rounded(of(q), dp)).collect();
                FanJson {
                    metric: fan.metric,
                    label: spec.map_or("", |s| s.label),
                    unit: spec.map_or("", |s| s.unit.text()),
                    p5: column(|q| q.p5),
                    p25: column(|q| q.p25),
                    p50: column(|q| q.p50),
                    p75: column(|q| q.p75),
                    p95: column(|q| q.p95),
                    p10: column(|q| q.p10),
                    p90: column(|q| q.p90),
                }
            })
            .collect();
        FansJson {
            scenario: echo,
            about,
            system: system(base),
            runs: mc.runs,
            seed: mc.seed,
            quantiles: QUANTILES,
            exact_quantiles: mc.exact,
            truncated,
            fans,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Scenario;

    fn cli(args: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = crate::cli::run_with(&args, &mut out, &mut err);
        let text = |b: Vec<u8>| String::from_utf8(b).unwrap_or_default();
        (code, text(out), text(err))
    }

    #[test]
    fn the_old_agency_key_sets_the_same_lever_and_gives_the_same_numbers() {
        let old = cli(&["run", "--years", "2", "--set", "agency_cap_pct=5"]);
        let new = cli(&["run", "--years", "2", "--set", "agency_cover_pct=5"]);
        assert_eq!((old.0, new.0), (0, 0), "{} {}", old.2, new.2);
        assert_eq!(old.1, new.1, "the same CSV");
        let plans = cli(&["run", "--years", "2"]);
        assert_ne!(old.1, plans.1, "the lever moved");
        // The echo of the scenario is written with the new key.
        let json = cli(&[
            "run",
            "--years",
            "1",
            "--set",
            "agency_cap_pct=5",
            "--format",
            "json",
        ]);
        assert!(json.1.contains("\"agency_cover_pct\": 5"));
        assert!(!json.1.contains("agency_cap_pct"));
        // A problem names the key as it was typed.
        let (code, _, err) = cli(&["run", "--set", "agency_cap_pct=99"]);
        assert_eq!(code, 2);
        assert!(
            err.starts_with("error: agency_cap_pct = 99 is out of range"),
            "{err}"
        );
    }

    #[test]
    fn run_json_says_what_it_shows_and_keeps_its_numbers() {
        let args = [
            "run",
            "--ics",
            "QOP",
            "--years",
            "2",
            "--set",
            "recruitment_pct=10@2026-04+1y",
            "--format",
            "json",
        ];
        let (code, out, err) = cli(&args);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let about = &v["about"];
        assert_eq!(about["area"], "Greater Manchester");
        let lever = about["levers"][0].as_str().unwrap();
        assert!(lever.contains("April 2026"), "with its phasing: {lever}");
        assert_eq!(about["model_version"], MODEL_VERSION);
        assert_eq!(about["uncertainty"], "none: one deterministic run");
        assert!(about["exported"].as_str().unwrap().len() == 10, "{about}");
        // The echoed scenario reads back without a problem (the description is apart).
        let echo = serde_json::to_string(&v["scenario"]).unwrap();
        assert!(crate::scenario::parse_scenario(&echo).is_ok(), "{echo}");
        // A Monte Carlo names its runs and seed.
        let mut mc = args.to_vec();
        mc.extend(["--runs", "3", "--seed", "9"]);
        let v: serde_json::Value = serde_json::from_str(&cli(&mc).1).unwrap();
        assert_eq!(
            (v["about"]["runs"].as_u64(), v["about"]["seed"].as_u64()),
            (Some(3), Some(9))
        );
    }

    #[test]
    fn fans_csv_rows_are_ordered_quantiles() {
        let s = Scenario {
            years: 1,
            ..Scenario::default()
        };
        let mc = monte_carlo(&Baseline::england(), &s, 5, 7);
        let csv = fans_csv(&mc);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "month,metric,p5,p25,p50,p75,p95,p10,p90");
        // Each row: p5 <= p10 <= p25 <= p50 <= p75 <= p90 <= p95.
        for line in &lines[1..] {
            let q: Vec<f64> = line
                .split(',')
                .skip(2)
                .map(|v| v.parse().unwrap())
                .collect();
            let rising = [q[0], q[5], q[1], q[2], q[3], q[6], q[4]];
            assert!(rising.windows(2).all(|w| w[0] <= w[1]), "{line}");
        }
        assert_eq!(lines.len(), 1 + 13 * Metric::ALL.len());
        assert!(lines[1].starts_with("0,waiting_list,"));
    }
}
