//! The "What would it take" question (issue 14.1, kept since the sixth session) in the three
//! places a scenario travels: the scenario file, the link and the autosave (whose working
//! scenario is a scenario file). The question only: the target, its number and month, and
//! the levers the answer may move with the range each may take. The answer is not kept:
//! "Find it" finds it again.
//!
//! - File (and autosave): an optional `"goal"` key, written only when the question is not
//!   the panel's first one:
//!   `"goal": {"target": "within-18-weeks", "threshold": 92, "month": "2029-03",
//!   "levers": {"productivity_pct": {"lowest": 0, "highest": 30}}}`. `month` is left out
//!   when the question follows the page's month; a threshold that was not a number is
//!   `null`. A file without `goal` reads as before.
//! - Link: one optional parameter, versioned by its first field:
//!   `goal=1,within-18-weeks,92,2029-03,productivity_pct~0~30,recruitment_pct~0~50`
//!   (version, target, number, month or nothing, then each lever ticked as `key~lowest~highest`).
//!   Commas and `~` are kept as they are by the link's encoding, so the parameter stays
//!   readable. A link without it opens as before; a malformed one opens everything else and
//!   names the problem.
//!
//! Reading is lenient in both: what can be read is kept and each problem is one line. An
//! unknown version or target drops the question (the page keeps its own); a bad lever entry
//! drops that lever; a bad number or month is said and left for the planner to fix.

use super::{shown, Problem};
use crate::data::rtt::Period;
use crate::model::goal::{Comparison, Target, TargetMetric};
use crate::model::Lever;
use crate::model::Metric;
use serde_json::{json, Map, Value};

/// The link parameter's name.
pub const LINK_KEY: &str = "goal";
/// The version of the link parameter this build writes and reads (its first field).
pub const LINK_VERSION: u32 = 1;

/// The four targets a planner can set, in plain words (issue 14.1's examples).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GoalKind {
    /// 18-week share at least N % (the 92% standard by March 2029).
    Within18Weeks,
    /// Waiters over 52 weeks under N % of the list (under 1% by March 2026).
    Over52Weeks,
    /// The waiting list at most N patients.
    WaitingList,
    /// The life-expectancy gap (most against least deprived fifth) narrowed by N years.
    LeGapNarrowed,
}

impl GoalKind {
    pub const ALL: [GoalKind; 4] = [
        GoalKind::Within18Weeks,
        GoalKind::Over52Weeks,
        GoalKind::WaitingList,
        GoalKind::LeGapNarrowed,
    ];

    /// A short key (the panel's menu values).
    pub fn key(self) -> &'static str {
        match self {
            GoalKind::Within18Weeks => "within-18-weeks",
            GoalKind::Over52Weeks => "over-52-weeks",
            GoalKind::WaitingList => "waiting-list",
            GoalKind::LeGapNarrowed => "le-gap",
        }
    }

    pub fn from_key(key: &str) -> Option<GoalKind> {
        GoalKind::ALL.into_iter().find(|k| k.key() == key)
    }

    /// The words before the number: "18-week share at least".
    pub fn words(self) -> &'static str {
        match self {
            GoalKind::Within18Weeks => "18-week share at least",
            GoalKind::Over52Weeks => "52-week waiters under",
            GoalKind::WaitingList => "Waiting list at most",
            GoalKind::LeGapNarrowed => "Life-expectancy gap narrowed by",
        }
    }

    /// The unit after the number.
    pub fn unit(self) -> &'static str {
        match self {
            GoalKind::Within18Weeks => "% of the list",
            GoalKind::Over52Weeks => "% of the list",
            GoalKind::WaitingList => "patients",
            GoalKind::LeGapNarrowed => "years",
        }
    }

    /// The metric the solver reads.
    pub fn metric(self) -> TargetMetric {
        match self {
            GoalKind::Within18Weeks => TargetMetric::Run(Metric::Within18WeeksPct),
            GoalKind::Over52Weeks => TargetMetric::Over52WeeksPct,
            GoalKind::WaitingList => TargetMetric::Run(Metric::WaitingList),
            GoalKind::LeGapNarrowed => TargetMetric::LeGapChange,
        }
    }

    /// The solver's target for the number the planner typed: "narrowed by 1 year" is a
    /// change of at most -1 year.
    pub fn target(self, threshold: f64, period: crate::data::rtt::Period) -> Target {
        let (comparison, threshold) = match self {
            GoalKind::Within18Weeks => (Comparison::AtLeast, threshold),
            GoalKind::Over52Weeks => (Comparison::Below, threshold),
            GoalKind::WaitingList => (Comparison::AtMost, threshold),
            GoalKind::LeGapNarrowed => (Comparison::AtMost, -threshold),
        };
        Target {
            metric: self.metric(),
            comparison,
            threshold,
            period,
        }
    }

    /// The number a target starts with: the national standard (92% within 18 weeks, FACTS.md
    /// "standard and targets"), the 52-week target (under 1% of the list, NHS planning
    /// guidance 2025/26), the list no longer than at month 0 (`list_now`, rounded to three
    /// figures), the gap narrowed by a year (issue 14.1's example).
    pub fn default_threshold(self, list_now: f64) -> f64 {
        match self {
            GoalKind::Within18Weeks => 92.0,
            GoalKind::Over52Weeks => 1.0,
            GoalKind::WaitingList => three_figures(list_now),
            GoalKind::LeGapNarrowed => 1.0,
        }
    }
}

/// `v` rounded to three significant figures (7,412,345 to 7,410,000).
fn three_figures(v: f64) -> f64 {
    if !v.is_finite() || v <= 0.0 {
        return 0.0;
    }
    let scale = 10f64.powi(v.log10().floor() as i32 - 2);
    (v / scale).round() * scale
}

/// The range a lever may take unless the planner says otherwise: its whole range, as
/// `ics-whatif solve --lever KEY` searches, except that a lever whose cut saves money is not
/// cut below current plans (funding growth, recruitment, training places, social care) and
/// retention is not made worse. Assumption (a planning choice, not a source): with the whole
/// range, the cheapest mix may cut such a lever where it matters little to the target
/// (README, `solve`, "Ranges": social care cut by 20% to save local government money), an
/// answer no planner asked for.
pub fn default_range(lever: Lever) -> (f64, f64) {
    let spec = lever.spec();
    match lever {
        Lever::FundingGrowth | Lever::Recruitment | Lever::TrainingPlaces | Lever::SocialCare => {
            (spec.default, spec.max)
        }
        Lever::LeaverRateChange => (spec.min, spec.default),
        _ => (spec.min, spec.max),
    }
}

/// The command line that gives the same answer as the app's panel: `ics-whatif solve` for the
/// area and horizon, every lever and assumption the search started from (`--set`), the
/// target, each lever's range as the panel allowed it, and the Monte Carlo's runs and seed.
/// (A new user found the app and the command line answering one question differently: the
/// command line's default ranges are each lever's whole range, the app's do not cut funding,
/// and the seeds differed.) `None` for a scenario with levers aimed at places, which `--set`
/// cannot say.
pub fn solve_command(
    from: &crate::model::Scenario,
    solution: &crate::model::goal::Solution,
    chance: &crate::model::goal::Chance,
) -> Option<String> {
    if from.places != Default::default() {
        return None;
    }
    let t = &solution.target;
    let mut out = format!(
        "ics-whatif solve --ics {} --years {}{} --target '{}{}{}@{}'",
        from.system,
        from.years,
        super::phasing::set_args(from),
        t.metric.key(),
        t.comparison.symbol(),
        number_text(t.threshold),
        t.period
    );
    for l in &solution.levers {
        out.push_str(&format!(
            " --lever {}={}..{}",
            l.lever.key(),
            number_text(l.min),
            number_text(l.max)
        ));
    }
    out.push_str(&format!(" --runs {} --seed {}", chance.runs, chance.seed));
    Some(out)
}

/// One lever the answer may move, with the lowest and highest values allowed (NaN where
/// what was typed is not a number).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GoalRange {
    pub lever: Lever,
    pub min: f64,
    pub max: f64,
}

/// The question as a file or link keeps it.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalQuestion {
    pub kind: GoalKind,
    /// The number typed, in the target's unit (NaN: not a number).
    pub threshold: f64,
    /// The target's calendar month; `None`: the page's month.
    pub month: Option<Period>,
    /// The levers ticked, in the levers' order.
    pub levers: Vec<GoalRange>,
}

/// A number as the link and file write it: `92`, `0.5`, `-3`; nothing for NaN.
fn number_text(v: f64) -> String {
    if v.is_finite() {
        // `-0` reads as 0.
        format!("{}", if v == 0.0 { 0.0 } else { v })
    } else {
        String::new()
    }
}

/// The question as the link's `goal` value (before percent-encoding).
pub fn to_link_value(q: &GoalQuestion) -> String {
    let mut fields = vec![
        LINK_VERSION.to_string(),
        q.kind.key().to_string(),
        number_text(q.threshold),
        q.month.map(|p| p.to_string()).unwrap_or_default(),
    ];
    for r in &q.levers {
        fields.push(format!(
            "{}~{}~{}",
            r.lever.key(),
            number_text(r.min),
            number_text(r.max)
        ));
    }
    fields.join(",")
}

/// `&goal=...` for a question, or nothing.
pub fn link_param(q: Option<&GoalQuestion>) -> String {
    q.map(|q| format!("&{LINK_KEY}={}", super::query::encode(&to_link_value(q))))
        .unwrap_or_default()
}

/// Splits the `goal` parameter from a link's query (with or without its `?`): the query
/// without it, as it was, and the last `goal` value (as the link has it), if any.
pub fn split_link(query: &str) -> (String, Option<String>) {
    let mut rest = Vec::new();
    let mut value = None;
    for pair in query.trim_start_matches('?').split('&') {
        match pair.split_once('=') {
            Some((LINK_KEY, v)) => value = Some(v.to_string()),
            _ => rest.push(pair),
        }
    }
    (rest.join("&"), value)
}

/// Reads a link's `goal` value (percent-decoded or not): the question, if its version and
/// target could be read, and a line for each problem.
pub fn from_link_value(value: &str) -> (Option<GoalQuestion>, Vec<Problem>) {
    let value = super::query::decode(value);
    let mut problems = Vec::new();
    let mut fields = value.trim().split(',').map(str::trim);
    let version = fields.next().unwrap_or("");
    match version.parse::<u32>() {
        Ok(LINK_VERSION) => {}
        Ok(v) => {
            problems.push(Problem::from(format!(
                "goal: this link's question is version {v}, but this build reads version {LINK_VERSION}: the question was not opened"
            )));
            return (None, problems);
        }
        Err(_) => {
            problems.push(Problem::from(format!(
                "goal = '{}' is not a question this build reads (it should start with its version, {LINK_VERSION}): the question was not opened",
                shown(&value)
            )));
            return (None, problems);
        }
    }
    let kind_key = fields.next().unwrap_or("");
    let Some(kind) = GoalKind::from_key(kind_key) else {
        problems.push(Problem::from(format!(
            "goal: unknown target '{}' (use {}): the question was not opened",
            shown(kind_key),
            kinds_text()
        )));
        return (None, problems);
    };
    let threshold = match fields.next().unwrap_or("") {
        "" => f64::NAN,
        text => text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .unwrap_or_else(|| {
                problems.push(Problem::from(format!(
                    "goal: the target's number '{}' is not a number",
                    shown(text)
                )));
                f64::NAN
            }),
    };
    let month = match fields.next().unwrap_or("") {
        "" => None,
        text => match Period::parse(text) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(Problem::from(format!("goal: the target's month: {e}")));
                None
            }
        },
    };
    let mut levers: Vec<GoalRange> = Vec::new();
    for entry in fields.filter(|f| !f.is_empty()) {
        let mut parts = entry.split('~');
        let key = parts.next().unwrap_or("");
        let Some(lever) = Lever::from_key(key) else {
            problems.push(Problem::from(format!(
                "goal: unknown lever '{}'",
                shown(key)
            )));
            continue;
        };
        let numbers: Vec<&str> = parts.collect();
        let (range, problem) = match numbers.as_slice() {
            [min, max] => read_range(lever, number(min), number(max)),
            _ => (
                None,
                Some(format!(
                    "goal: lever '{}' should read {}~LOWEST~HIGHEST, got '{}'",
                    lever.key(),
                    lever.key(),
                    shown(entry)
                )),
            ),
        };
        problems.extend(problem.map(Problem::from));
        push_range(&mut levers, range, &mut problems);
    }
    (
        Some(GoalQuestion {
            kind,
            threshold,
            month,
            levers,
        }),
        problems,
    )
}

/// A link's number: empty is NaN (a box left empty); anything else must be a number.
fn number(text: &str) -> Option<f64> {
    match text.trim() {
        "" => Some(f64::NAN),
        t => t.parse::<f64>().ok().filter(|v| v.is_finite()),
    }
}

/// A lever's range as read, and what was wrong with it. Numbers that are not numbers drop
/// the lever; a range outside the lever's own gives the lever its usual range
/// (`app_state::goal::default_range`), ticked.
fn read_range(
    lever: Lever,
    min: Option<f64>,
    max: Option<f64>,
) -> (Option<GoalRange>, Option<String>) {
    let spec = lever.spec();
    let (Some(min), Some(max)) = (min, max) else {
        return (
            None,
            Some(format!(
                "goal: lever '{}' needs a lowest and a highest number",
                lever.key()
            )),
        );
    };
    let outside = |v: f64| v.is_finite() && (v < spec.min || v > spec.max);
    if outside(min) || outside(max) {
        let (lo, hi) = default_range(lever);
        return (
            Some(GoalRange {
                lever,
                min: lo,
                max: hi,
            }),
            Some(format!(
                "goal: {}: the range {} to {} is outside the lever's {} to {} ({}); it is set to {} to {}",
                spec.label,
                number_text(min),
                number_text(max),
                spec.min,
                spec.max,
                spec.unit.text(),
                lo,
                hi
            )),
        );
    }
    (Some(GoalRange { lever, min, max }), None)
}

/// Adds a lever's range in the levers' order; a lever given twice is said once, and the
/// last range is kept.
fn push_range(levers: &mut Vec<GoalRange>, range: Option<GoalRange>, problems: &mut Vec<Problem>) {
    let Some(range) = range else { return };
    if let Some(old) = levers.iter_mut().find(|r| r.lever == range.lever) {
        problems.push(Problem::from(format!(
            "goal: lever '{}' is given more than once; the last range is used",
            range.lever.key()
        )));
        *old = range;
        return;
    }
    levers.push(range);
    crate::sort::sort_by_key(levers, |r| Lever::ALL.iter().position(|&l| l == r.lever));
}

// ---- The scenario file's "goal" key ----

/// The file's `"goal"` object.
pub fn to_json(q: &GoalQuestion) -> Value {
    let mut map = Map::new();
    map.insert("target".into(), Value::from(q.kind.key()));
    map.insert("threshold".into(), json_number(q.threshold));
    if let Some(p) = q.month {
        map.insert("month".into(), Value::from(p.to_string()));
    }
    // Inserted one by one: a `collect` into a map compiles a copy of the stable sort.
    let mut levers = Map::new();
    for r in &q.levers {
        levers.insert(
            r.lever.key().to_string(),
            json!({"lowest": json_number(r.min), "highest": json_number(r.max)}),
        );
    }
    map.insert("levers".into(), Value::Object(levers));
    Value::Object(map)
}

/// A number as the file writes it: whole numbers without a decimal point, NaN as `null`.
fn json_number(v: f64) -> Value {
    if !v.is_finite() {
        Value::Null
    } else if v.fract() == 0.0 && v.abs() < 9.0e15 {
        Value::from(v as i64)
    } else {
        Value::from(v)
    }
}

/// Reads the file's `"goal"` object: the question (when its target can be read) and a line
/// for each problem.
pub fn read_json(section: &Value) -> (Option<GoalQuestion>, Vec<Problem>) {
    let mut problems = Vec::new();
    let Value::Object(map) = section else {
        problems.push(Problem::from(format!(
            "goal must be an object such as {{\"target\": \"within-18-weeks\", \"threshold\": 92}}, got {}",
            shown(&section.to_string())
        )));
        return (None, problems);
    };
    for key in map.keys() {
        if !["target", "threshold", "month", "levers"].contains(&key.as_str()) {
            problems.push(Problem::from(format!(
                "goal: unknown key '{}': use \"target\", \"threshold\", \"month\" or \"levers\"",
                shown(key)
            )));
        }
    }
    let kind = match map.get("target") {
        Some(Value::String(k)) => GoalKind::from_key(k),
        _ => None,
    };
    let Some(kind) = kind else {
        problems.push(Problem::from(format!(
            "goal.target must be one of {}, got {}: the question was not read",
            kinds_text(),
            map.get("target")
                .map_or("nothing".into(), |v| shown(&v.to_string()))
        )));
        return (None, problems);
    };
    let threshold = match map.get("threshold") {
        None | Some(Value::Null) => f64::NAN,
        Some(v) => v.as_f64().unwrap_or_else(|| {
            problems.push(Problem::from(format!(
                "goal.threshold must be a number, got {}",
                shown(&v.to_string())
            )));
            f64::NAN
        }),
    };
    let month = match map.get("month") {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) => match Period::parse(text) {
            Ok(p) => Some(p),
            Err(e) => {
                problems.push(Problem::from(format!("goal.month: {e}")));
                None
            }
        },
        Some(other) => {
            problems.push(Problem::from(format!(
                "goal.month must be text of the form YYYY-MM, such as \"2029-03\", got {}",
                shown(&other.to_string())
            )));
            None
        }
    };
    let mut levers = Vec::new();
    match map.get("levers") {
        None | Some(Value::Null) => {}
        Some(Value::Object(entries)) => {
            for (key, entry) in entries {
                let Some(lever) = Lever::from_key(key) else {
                    problems.push(Problem::from(format!(
                        "goal.levers: unknown lever '{}'",
                        shown(key)
                    )));
                    continue;
                };
                let end = |name: &str| match entry.get(name) {
                    None | Some(Value::Null) => Some(f64::NAN),
                    Some(v) => v.as_f64(),
                };
                let (range, problem) = match entry {
                    Value::Object(_) => read_range(lever, end("lowest"), end("highest")),
                    _ => (
                        None,
                        Some(format!(
                            "goal.levers.{key} must be an object such as {{\"lowest\": 0, \"highest\": 30}}"
                        )),
                    ),
                };
                problems.extend(problem.map(Problem::from));
                push_range(&mut levers, range, &mut problems);
            }
        }
        Some(other) => problems.push(Problem::from(format!(
            "goal.levers must be an object such as {{\"productivity_pct\": {{\"lowest\": 0, \"highest\": 30}}}}, got {}",
            shown(&other.to_string())
        ))),
    }
    (
        Some(GoalQuestion {
            kind,
            threshold,
            month,
            levers,
        }),
        problems,
    )
}

fn kinds_text() -> String {
    GoalKind::ALL
        .iter()
        .map(|k| k.key())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{
        from_query_lenient, parse_scenario, parse_scenario_lenient, to_json as file_json,
        ScenarioFile,
    };

    fn question() -> GoalQuestion {
        GoalQuestion {
            kind: GoalKind::Within18Weeks,
            threshold: 92.5,
            month: Some(Period::parse("2029-03").unwrap()),
            // In the levers' order, as read back.
            levers: vec![
                GoalRange {
                    lever: Lever::LeaverRateChange,
                    min: -3.0,
                    max: 0.0,
                },
                GoalRange {
                    lever: Lever::Productivity,
                    min: 0.0,
                    max: 1.5,
                },
            ],
        }
    }

    #[test]
    fn a_question_round_trips_through_the_link_compact_and_versioned() {
        let q = question();
        let value = to_link_value(&q);
        assert!(
            value.starts_with("1,within-18-weeks,92.5,2029-03,"),
            "{value}"
        );
        let param = link_param(Some(&q));
        // Only the link's usual characters: commas and tildes stay as they are.
        assert!(!param.contains('%'), "{param}");
        assert_eq!(link_param(None), "");
        let (back, problems) = from_link_value(param.trim_start_matches("&goal="));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(back, Some(q.clone()));
        // Percent-encoded by another tool, and with no month and an empty number: the same.
        let (back, problems) = from_link_value("1%2Cwaiting-list%2C%2C%2Crecruitment_pct~0~50");
        assert!(problems.is_empty(), "{problems:?}");
        let back = back.unwrap();
        assert_eq!(back.kind, GoalKind::WaitingList);
        assert!(back.threshold.is_nan() && back.month.is_none());
        assert_eq!(back.levers.len(), 1);
        assert_eq!(
            to_link_value(&back),
            "1,waiting-list,,,recruitment_pct~0~50"
        );
    }

    #[test]
    fn a_bad_question_in_a_link_is_named_and_keeps_what_it_can() {
        for (value, said) in [
            ("2,within-18-weeks,92", "is version 2"),
            ("x", "is not a question this build reads"),
            ("", "is not a question this build reads"),
            ("1,fastest,92", "unknown target 'fastest'"),
        ] {
            let (q, problems) = from_link_value(value);
            assert_eq!(q, None, "{value}");
            assert_eq!(problems.len(), 1, "{value}: {problems:?}");
            assert!(problems[0].contains(said), "{value}: {problems:?}");
        }
        let (q, problems) = from_link_value(
            "1,over-52-weeks,lots,2029-13,nowhere_pct~1~2,recruitment_pct~a~5,productivity_pct~0~99,social_care_pct~0,training_places_pct~0~20,training_places_pct~0~30",
        );
        let q = q.unwrap();
        assert_eq!(q.kind, GoalKind::Over52Weeks);
        assert!(q.threshold.is_nan() && q.month.is_none());
        let text: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(text.len(), 7, "{text:#?}");
        assert!(text[0].contains("'lots' is not a number"), "{text:?}");
        assert!(text[1].starts_with("goal: the target's month"), "{text:?}");
        assert!(text[2].contains("unknown lever 'nowhere_pct'"), "{text:?}");
        assert!(text[3].contains("needs a lowest and a highest"), "{text:?}");
        assert!(text[4].contains("is outside the lever's"), "{text:?}");
        assert!(
            text[5].contains("should read social_care_pct~LOWEST~HIGHEST"),
            "{text:?}"
        );
        assert!(text[6].contains("more than once"), "{text:?}");
        // Efficiency out of range is ticked with its usual range; training keeps the last.
        let levers: Vec<(Lever, f64, f64)> =
            q.levers.iter().map(|r| (r.lever, r.min, r.max)).collect();
        let (lo, hi) = default_range(Lever::Productivity);
        assert_eq!(
            levers,
            vec![
                (Lever::TrainingPlaces, 0.0, 30.0),
                (Lever::Productivity, lo, hi)
            ]
        );
    }

    #[test]
    fn the_goal_is_split_from_a_link_and_an_old_link_reads_as_before() {
        let old = format!(
            "v=1&m={}&ics=QE1&recruitment_pct=5&month=2029-03",
            crate::model::MODEL_VERSION
        );
        assert_eq!(split_link(&format!("?{old}")), (old.clone(), None));
        let (rest, goal) = split_link(&format!(
            "?{old}&goal=1,waiting-list,,,recruitment_pct~0~50"
        ));
        assert_eq!(rest, old);
        assert_eq!(
            goal.as_deref(),
            Some("1,waiting-list,,,recruitment_pct~0~50")
        );
        // The scenario beside it (the month is the page's, split off too) reads as before.
        let scenario = rest.trim_end_matches("&month=2029-03");
        let (s, problems) = from_query_lenient(scenario);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(crate::scenario::to_query(&s), scenario);
    }

    #[test]
    fn a_question_round_trips_through_a_scenario_file_and_old_files_read_the_same() {
        let mut file = ScenarioFile::new(crate::model::Scenario::default());
        let plain = file_json(&file);
        assert!(!plain.contains("goal"), "{plain}");
        file.goal = Some(question());
        let json = file_json(&file);
        // The keys in serde_json's order (alphabetical), each lever with its two ends.
        assert!(
            json.contains("\"leaver_rate_change_pts\": {\n        \"highest\": 0,\n        \"lowest\": -3\n      },"),
            "{json}"
        );
        assert!(
            json.contains("\"month\": \"2029-03\",\n    \"target\": \"within-18-weeks\",\n    \"threshold\": 92.5\n"),
            "{json}"
        );
        // Still version 1: a question changes no number.
        assert!(json.contains("\"version\": 1"), "{json}");
        let back = parse_scenario(&json).unwrap();
        assert_eq!(back, file);
        // An old file (no goal) reads as it did.
        let old = parse_scenario(&plain).unwrap();
        assert_eq!(old.goal, None);
        assert_eq!(old, ScenarioFile::new(crate::model::Scenario::default()));
        // A typed threshold that is not a number is null, and comes back as one.
        let mut q = question();
        q.threshold = f64::NAN;
        let (read, problems) = read_json(&to_json(&q));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(read.unwrap().threshold.is_nan());
    }

    #[test]
    fn a_bad_goal_in_a_file_is_refused_strictly_and_the_rest_opens_leniently() {
        let json = r#"{"format": "ics-whatif-scenario", "version": 1, "levers": {"recruitment_pct": 5},
            "goal": {"target": "within-18-weeks", "threshold": "high", "colour": 1,
                     "levers": {"productivity_pct": {"lowest": 0, "highest": 1}, "nowhere": {}}}}"#;
        let e = parse_scenario(json).unwrap_err();
        assert_eq!(e.len(), 3, "{e:?}");
        let (file, problems) = parse_scenario_lenient(json);
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert_eq!(file.scenario.levers[Lever::Recruitment], 5.0);
        let goal = file.goal.unwrap();
        assert!(goal.threshold.is_nan());
        assert_eq!(goal.levers.len(), 1);
        // No target: the question is not read, the scenario still is.
        let (file, problems) = parse_scenario_lenient(
            r#"{"format": "ics-whatif-scenario", "version": 1, "levers": {"recruitment_pct": 5}, "goal": [1]}"#,
        );
        assert_eq!(file.goal, None);
        assert_eq!(file.scenario.levers[Lever::Recruitment], 5.0);
        assert!(
            problems[0].starts_with("goal must be an object"),
            "{problems:?}"
        );
    }

    #[test]
    fn the_autosave_keeps_the_question_with_the_working_scenario() {
        use crate::scenario::storage::{decode, encode, Saved};
        let mut saved = Saved::default();
        saved.working.goal = Some(question());
        let back = decode(&encode(&saved)).unwrap();
        assert_eq!(back.working.goal, Some(question()));
        // Autosave written before the question was kept reads the same.
        let old = encode(&Saved::default());
        assert!(!old.contains("goal"));
        assert_eq!(decode(&old).unwrap(), Saved::default());
    }
}
