//! The analysts' command line: `ics-whatif run | sensitivity | solve | levers | systems | backcast | help`.
//!
//! Hand-rolled argument parsing (see `args`). Output goes to standard output or `--out FILE`;
//! notes and summaries go to standard error. Any bad input prints one line starting with
//! `error: ` to standard error and exits with code 2, never a panic.

mod args;
mod backcast;
mod decompose;
// What every export says (issue 14.6, sixth session).
mod describe;
mod format;
mod money;
mod places;
mod run;
// Levers aimed at places (issue 13.2).
mod place_aim;
mod sensitivity;
mod solve;
mod tables;
mod track_record;

use args::{flag, repeatable, FlagSpec, Flags, Parsed};
use std::ffi::OsString;
use std::io::{self, Write};

/// Exit code for bad input of any kind.
pub const EXIT_BAD_INPUT: i32 = 2;

/// Usage, printed by `help`, `--help` and `-h`.
pub const USAGE: &str = "\
ics-whatif: what-if scenarios for England's Integrated Care Systems

USAGE
  ics-whatif run [--ics CODE|all] [--by quintile|place|gaps] [--place CODE]...
                 [--place-aim prevention|equity=CODE[,CODE...]]... [--scenario FILE.json]
                 [--set KEY=VALUE]... [--years N] [--runs N] [--seed N] [--format csv|json]
                 [--out FILE]
  ics-whatif places --ics CODE [--format text|csv|json] [--out FILE]
  ics-whatif sensitivity [--ics CODE] [--scenario FILE.json] [--set KEY=VALUE]... [--years N]
                 [--year N] [--metric KEY] [--format text|csv|json] [--out FILE]
  ics-whatif levers   [--format text|csv|json] [--out FILE]
  ics-whatif systems  [--format text|csv|json] [--out FILE]
  ics-whatif backcast [--history FILE] [--format csv|json] [--out FILE]
  ics-whatif calibration [--format text|csv] [--out FILE]
  ics-whatif backtest --from YYYY-MM [--ics CODE|all] [--months N] [--format csv|json]
                      [--out FILE]
  ics-whatif decompose [--ics CODE] [--scenario FILE.json] [--set KEY=VALUE]... [--year N]
                       [--format text|json] [--out FILE]
  ics-whatif solve [--ics CODE] [--scenario FILE.json] [--set KEY=VALUE]... [--years N]
                   --target METRIC>=VALUE@YYYY-MM --lever KEY[=MIN..MAX]... [--runs N]
                   [--seed N] [--format text|json] [--out FILE]
  ics-whatif help | --help | --version

COMMANDS
  run       Project a scenario month by month (month 0 = the last published month, March 2025).
  places    An ICB's places (local authorities): residents, deprivation mix, life expectancy
            2015-17 and 2022-24, healthy life expectancy where published.
  levers    Every lever and assumption: key, group, unit, range, default, meaning, source.
  systems   England and the 42 ICB codes and names.
  backcast  Drive the waiting-list queue with NHS England's monthly history (2015-2019 by default;
            --history ../shared/data/rtt_england_monthly_2020_2023.csv for the shock) and compare.
  calibration  Each system's figures fitted to its own published history, and fit errors.
  backtest  Start from a past published month (--from), calibrated only on months up to it,
            run current plans for --months (default 12) and print model, published and naive
            ('nothing changes') figures month by month; errors go to standard error.
            --ics all: one row of errors per system, and their mean.
  sensitivity  What drives the range: each uncertain assumption alone at both ends of its
            80% interval (the others as set), deterministic runs, and how far apart that puts
            a headline figure at the chosen year; largest swing first (a tornado).
  decompose Why outcomes moved by year N (default the horizon): the life-expectancy gap and
            healthy life expectancy split into the published trend, prevention and waits
            (since month 0 and against current plans), and the 18-week share by lever.
            --ics, --scenario and --set as for run.
  solve     What would it take: the smallest change of one lever, or the cheapest mix of
            several, within their ranges, that meets a target in the deterministic run; or,
            if they cannot, the most they reach. Prints the lever values, the target metric
            at the target month, one step less of each lever, the cost, the Monte Carlo
            chance of meeting it and the `run` command that replays it.

RUN OPTIONS
  --ics CODE         'england' (default) or an ICB code such as QE1 (see `systems`); 'all':
                     every ICB (deterministic), one CSV with an `ics` column first; notes on
                     standard error compare the ICBs' sum with England's own run.
  --by quintile|place|gaps  quintile (default): a row per month and quintile. place: a row per
                     place (local authority) and month: life expectancy (men, women), HLE where
                     published, referrals and waiting list (estimates: the ICB's fifths shared
                     by residents). gaps: a row per ICB and month: the gap between its places
                     (highest - lowest, slope index of inequality) beside the gap between fifths.
  --place CODE       With --by place and one ICB: only this place (a local authority code
                     from `places`); repeatable. A place outside the ICB is refused by name.
  --place-aim prevention=CODE[,CODE...]  Aim the prevention lever at these places of the ICB
                     (local authority codes from `places`): the same budget (--set
                     prevention_gbp_per_head=...) is spent on their residents only, split by
                     prevention_targeting_pct within them. --place-aim equity=CODE,...: the
                     waiting-list priority lever (deprived_priority_pct) favours these places'
                     residents instead of the most deprived fifth. Repeatable; a place outside
                     the ICB is refused by name. Links: prevention_places=CODE,CODE.
  --scenario FILE    A scenario JSON file (format below). Flags given with it override it.
  --set KEY=VALUE    Set a lever or assumption by key (see `levers`); repeatable; applied
                     after the scenario file, in order. A lever's change takes effect at
                     once unless phased (format version 2 of the scenario file):
                     KEY=VALUE@2027-04     a step: current plans until April 2027, VALUE from it;
                     KEY=VALUE@2026-04+3y  a straight line from current plans, starting April
                                           2026 and reaching VALUE over 3 years (+1.5y, +18m).
                     The month is YYYY-MM, from the projection's first month to the horizon's
                     last; without @, a lever keeps any phasing the scenario file gives it.
  --years N          Horizon, a whole number of years from 1 to 20 (default 10, or the file's).
  --runs N           1 (default): one deterministic run, one CSV row per month and quintile.
                     2 to 100000: Monte Carlo over the assumptions' uncertainty, one row per
                     month and metric with p5,p25,p50,p75,p95,p10,p90 (p10 to p90: the 80%
                     range, 8 in 10 runs fall between). Each assumption is drawn from
                     a split normal on its 80% interval, truncated to its range; a note on
                     standard error names any whose interval a range end cuts. Quantiles are
                     exact up to 32Mi figures (runs x months x metrics: about 8,200 runs over
                     20 years); above, t-digests keep memory under 500 MB and quantiles are
                     approximate: within 0.2% of the fan's P5-P95 width of the exact value and
                     0.2% of the runs in rank (P50 between the exact P49.8 and P50.2).
  --seed N           Monte Carlo seed (default 1); the same seed gives the same numbers.
  --format csv|json  Output format (default csv).
  --out FILE         Write the output to FILE instead of standard output. Without --format,
                     a FILE ending .csv or .json picks that format where the command offers it.

SENSITIVITY OPTIONS
  --ics, --scenario, --set, --years  As for run.
  --year N           The year to compare, 1 to the horizon (default: the horizon).
  --metric KEY       One metric (a key from the run CSV's Monte Carlo rows, such as
                     waiting_list); default: waiting_list, within_18_weeks_pct, over_52_weeks,
                     cumulative_balance_gbp_m, life_expectancy, le_gap_years.
  --format text|csv|json  Output format (default text).

SOLVE OPTIONS
  --ics, --scenario, --set, --years  As for run: the other levers and the assumptions.
  --target T         METRIC OP VALUE @ YYYY-MM, OP one of >=, <=, >, <; METRIC a key from
                     the run (within_18_weeks_pct, waiting_list, over_52_weeks, le_gap_years,
                     ...) or over_52_weeks_pct (52-week waiters as % of the list) or
                     le_gap_change_years (the life-expectancy gap's change since month 0);
                     the month within the horizon. Such as within_18_weeks_pct>=92@2029-03,
                     over_52_weeks_pct<1@2026-03, le_gap_change_years<=-1@2035-03.
  --lever KEY[=MIN..MAX]  A lever the search may move, over its whole range or MIN..MAX
                     (values on the lever's step); repeatable. Cost, minimised for several
                     levers, is to the target month against current plans: the scenario's
                     cost plus any extra allocation from funding growth above 3%.
  --runs N           Monte Carlo runs for the chance of meeting the target (default 100; 0
                     skips it); the same runs as `run --runs N --seed N`.
  --seed N           Monte Carlo seed (default 1).
  --format text|json Output format (default text).

SCENARIO FILE
  {\"format\": \"ics-whatif-scenario\", \"version\": 1, \"model_version\": 2, \"ics\": \"QE1\",
   \"years\": 10, \"levers\": {\"recruitment_pct\": 5}, \"assumptions\": {\"demand_growth_pct\": 3},
   \"name\": \"optional text\"}
  Only levers and assumptions that differ from their defaults need appear.
  Version 2 adds when a lever's change takes effect (at once if not given):
   \"phasing\": {\"recruitment_pct\": {\"from\": \"2026-04\", \"over_years\": 3}}
  (a straight line over 3 years from April 2026; without over_years, a step at from).

EXIT STATUS
  0 on success; 2 on bad input, with one line on standard error starting with 'error: '.
";

/// Runs the CLI with the arguments after the program name, on the process's standard
/// output and error. Returns the exit code.
pub fn main_with_args(args: &[String]) -> i32 {
    let stdout = io::stdout();
    let stderr = io::stderr();
    run_with(args, &mut stdout.lock(), &mut stderr.lock())
}

/// Runs the CLI with the process's arguments, program name first (as `std::env::args_os`).
/// Arguments that are not UTF-8 are bad input.
pub fn main_os(args: impl IntoIterator<Item = OsString>) -> i32 {
    let mut strings = Vec::new();
    for a in args.into_iter().skip(1) {
        match a.into_string() {
            Ok(s) => strings.push(s),
            Err(a) => {
                let _ = writeln!(
                    io::stderr(),
                    "error: argument '{}' is not valid UTF-8",
                    crate::scenario::shown(&a.to_string_lossy())
                );
                return EXIT_BAD_INPUT;
            }
        }
    }
    main_with_args(&strings)
}

/// What a command produced: the output, where it goes, and notes for standard error.
#[derive(Debug, Default)]
struct Done {
    text: String,
    out: Option<String>,
    notes: Vec<String>,
}

/// Runs the CLI, writing to the given streams. Returns the exit code.
pub fn run_with(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let done = match dispatch(args) {
        Ok(done) => done,
        Err(e) => return fail(err, &e),
    };
    // Notes (warnings, the money summary) follow a successful write, so a failure stays
    // one `error:` line.
    let notes = |err: &mut dyn Write| {
        for note in &done.notes {
            let _ = writeln!(err, "{note}");
        }
        0
    };
    match &done.out {
        Some(path) => match std::fs::write(path, &done.text) {
            Ok(()) => notes(err),
            Err(e) => fail(
                err,
                &format!("cannot write '{}': {e}", crate::scenario::shown_path(path)),
            ),
        },
        None => match out
            .write_all(done.text.as_bytes())
            .and_then(|()| out.flush())
        {
            Ok(()) => notes(err),
            // The reader went away (e.g. `| head`): not an error of ours.
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => notes(err),
            Err(e) => fail(err, &format!("cannot write output: {e}")),
        },
    }
}

/// Prints one `error: ` line (newlines in the message become spaces) and returns exit code 2.
fn fail(err: &mut dyn Write, message: &str) -> i32 {
    let line: String = message
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    let _ = writeln!(err, "error: {line}");
    EXIT_BAD_INPUT
}

const RUN_FLAGS: [FlagSpec; 11] = [
    flag("--ics"),
    flag("--by"),
    repeatable("--place"),
    flag("--scenario"),
    repeatable("--set"),
    flag("--years"),
    flag("--runs"),
    flag("--seed"),
    flag("--out"),
    flag("--format"),
    // Levers aimed at places (issue 13.2).
    repeatable("--place-aim"),
];
const PLACES_FLAGS: [FlagSpec; 3] = [flag("--ics"), flag("--format"), flag("--out")];
const TABLE_FLAGS: [FlagSpec; 2] = [flag("--format"), flag("--out")];
const BACKCAST_FLAGS: [FlagSpec; 3] = [flag("--history"), flag("--format"), flag("--out")];
const BACKTEST_FLAGS: [FlagSpec; 5] = [
    flag("--ics"),
    flag("--from"),
    flag("--months"),
    flag("--format"),
    flag("--out"),
];
const SENSITIVITY_FLAGS: [FlagSpec; 8] = [
    flag("--ics"),
    flag("--scenario"),
    repeatable("--set"),
    flag("--years"),
    flag("--year"),
    flag("--metric"),
    flag("--format"),
    flag("--out"),
];
const SOLVE_FLAGS: [FlagSpec; 10] = [
    flag("--ics"),
    flag("--scenario"),
    repeatable("--set"),
    flag("--years"),
    flag("--target"),
    repeatable("--lever"),
    flag("--runs"),
    flag("--seed"),
    flag("--format"),
    flag("--out"),
];
const DECOMPOSE_FLAGS: [FlagSpec; 6] = [
    flag("--ics"),
    flag("--scenario"),
    repeatable("--set"),
    flag("--year"),
    flag("--format"),
    flag("--out"),
];

fn dispatch(args: &[String]) -> Result<Done, String> {
    let Some((command, rest)) = args.split_first() else {
        return Err(
            "no command given: use run, places, sensitivity, decompose, solve, levers, systems, backcast, calibration or backtest (see `ics-whatif --help`)"
                .into(),
        );
    };
    let specs: &[FlagSpec] = match command.as_str() {
        "help" | "--help" | "-h" => {
            return Ok(Done {
                text: USAGE.to_string(),
                ..Done::default()
            })
        }
        "--version" | "-V" | "version" => {
            return Ok(Done {
                text: format!(
                    "ics-whatif {} (model version {}, scenario format version {})\n",
                    env!("CARGO_PKG_VERSION"),
                    crate::model::MODEL_VERSION,
                    crate::scenario::FORMAT_VERSION
                ),
                ..Done::default()
            })
        }
        "run" => &RUN_FLAGS,
        "places" => &PLACES_FLAGS,
        "levers" | "systems" | "calibration" => &TABLE_FLAGS,
        "backcast" => &BACKCAST_FLAGS,
        "backtest" => &BACKTEST_FLAGS,
        "sensitivity" => &SENSITIVITY_FLAGS,
        "decompose" => &DECOMPOSE_FLAGS,
        "solve" => &SOLVE_FLAGS,
        other => {
            return Err(format!(
            "unknown command '{}': use run, places, sensitivity, decompose, solve, levers, systems, backcast, calibration or backtest (see `ics-whatif --help`)",
            crate::scenario::shown(other)
        ))
        }
    };
    let flags: Flags = match args::parse(command, rest, specs)? {
        Parsed::Help => {
            return Ok(Done {
                text: USAGE.to_string(),
                ..Done::default()
            })
        }
        Parsed::Flags(f) => f,
    };
    // `--ics all` means every ICB for `run` (and `backtest`); the one-system commands must
    // not quietly run England instead.
    if matches!(command.as_str(), "sensitivity" | "decompose" | "solve")
        && places::all_systems(&flags)
    {
        return Err(format!(
            "{command} works on one system at a time: give --ics england or an ICB's code (see `ics-whatif systems`); --ics all is for run and backtest"
        ));
    }
    let mut done = match command.as_str() {
        "run" => run::run(&flags)?,
        "places" => places::places(&flags)?,
        "levers" => tables::levers(&flags)?,
        "systems" => tables::systems(&flags)?,
        "calibration" => track_record::calibration(&flags)?,
        "backtest" => track_record::backtest(&flags)?,
        "sensitivity" => sensitivity::sensitivity(&flags)?,
        "decompose" => decompose::decompose(&flags)?,
        "solve" => solve::solve(&flags)?,
        _ => backcast::backcast(&flags)?,
    };
    done.out = flags.one("--out").map(str::to_string);
    if done.out.as_deref() == Some("") {
        return Err("--out needs a file name".into());
    }
    Ok(done)
}

/// The `--format` flag, checked against the formats a command offers. Without it, the
/// `--out` file's extension picks the format where the command offers it (`--out table.csv`
/// writes CSV, `--out answer.json` JSON); otherwise the first offered is the default.
fn output_format<'a>(flags: &Flags, offered: &[&'a str]) -> Result<&'a str, String> {
    match flags.one("--format") {
        None => Ok(flags
            .one("--out")
            .and_then(|out| std::path::Path::new(out).extension()?.to_str())
            .and_then(|ext| {
                offered
                    .iter()
                    .copied()
                    .find(|o| o.eq_ignore_ascii_case(ext))
            })
            .unwrap_or(offered[0])),
        Some(f) => offered
            .iter()
            .copied()
            .find(|o| o.eq_ignore_ascii_case(f.trim()))
            .ok_or_else(|| {
                let (last, rest) = offered.split_last().unwrap_or((&"", &[]));
                let choices = if rest.is_empty() {
                    last.to_string()
                } else {
                    format!("{} or {last}", rest.join(", "))
                };
                format!(
                    "--format must be {choices}, got '{}'",
                    crate::scenario::shown(f)
                )
            }),
    }
}

/// The largest input file read: scenario and history files are a few kilobytes, and an
/// endless one (`/dev/zero`, a FIFO) must not hang the CLI or exhaust memory.
pub const MAX_INPUT_BYTES: u64 = 16 << 20;

/// Reads a text file (at most [`MAX_INPUT_BYTES`]), or a one-line message naming it.
fn read_text(path: &str, what: &str) -> Result<String, String> {
    use std::io::Read;
    let shown = crate::scenario::shown_path(path);
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read {what} '{shown}': {e}"))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(format!(
            "{what} '{shown}' is larger than {} MB",
            MAX_INPUT_BYTES >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|_| format!("{what} '{shown}' is not UTF-8 text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cli(a: &[&str]) -> (i32, String, String) {
        let args: Vec<String> = a.iter().map(|s| s.to_string()).collect();
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = run_with(&args, &mut out, &mut err);
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn help_and_version() {
        for h in [
            &["help"][..],
            &["--help"],
            &["-h"],
            &["run", "--help"],
            &["levers", "-h"],
        ] {
            let (code, out, err) = cli(h);
            assert_eq!((code, err.as_str()), (0, ""));
            assert!(out.starts_with("ics-whatif:"), "{out}");
        }
        let (code, out, _) = cli(&["--version"]);
        assert_eq!(code, 0);
        assert!(out.contains("model version"));
    }

    #[test]
    fn bad_commands_are_one_line_errors() {
        for a in [
            &[][..],
            &["frobnicate"],
            &["run", "--bogus"],
            &["levers", "--format", "xml"],
            &["run", "extra"],
            &["sensitivity", "--ics", "all"],
            &["decompose", "--ics", "ALL"],
            &[
                "solve",
                "--ics",
                "all",
                "--target",
                "within_18_weeks_pct>=92@2029-03",
                "--lever",
                "productivity_pct",
            ],
        ] {
            let (code, out, err) = cli(a);
            assert_eq!(code, 2, "{a:?}");
            assert!(out.is_empty());
            assert_eq!(err.lines().count(), 1, "{err}");
            assert!(err.starts_with("error: "), "{err}");
        }
    }

    #[test]
    fn out_extension_picks_the_format_unless_format_is_given() {
        let dir = std::env::temp_dir().join(format!("ics-whatif-out-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let read = |name: &str, extra: &[&str]| {
            let path = dir.join(name);
            let path = path.to_str().unwrap();
            let mut a = vec!["levers", "--out", path];
            a.extend_from_slice(extra);
            let (code, out, err) = cli(&a);
            assert_eq!((code, out.as_str(), err.as_str()), (0, "", ""), "{a:?}");
            std::fs::read_to_string(path).unwrap()
        };
        let csv = read("levers.CSV", &[]);
        assert!(csv.lines().next().unwrap().contains(','), "{csv}");
        assert!(read("levers.json", &[])
            .trim_start()
            .starts_with(['[', '{']));
        // An extension the command does not offer, or none: the usual default (text).
        let text = read("levers.txt", &[]);
        assert!(!text.trim_start().starts_with(['[', '{']));
        assert_ne!(text, csv);
        assert_eq!(read("levers", &[]), text);
        // --format wins over the extension.
        assert_eq!(read("levers2.csv", &["--format", "text"]), text);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn fail_keeps_one_line() {
        let mut err = Vec::new();
        assert_eq!(fail(&mut err, "a\nb\r\nc"), 2);
        assert_eq!(String::from_utf8(err).unwrap(), "error: a b  c\n");
    }
}
