//! `ics-whatif solve`: what would it take to meet a target (see `model::goal` for the
//! method). Prints the lever values found, the target metric's value at the target month, the
//! cost, the Monte Carlo chance of meeting it and the `run` command that replays it; or, when
//! the levers cannot meet the target within their ranges, the most they reach.

use super::args::Flags;
use super::format::Rounded;
use super::run::{json, runs_flag, scenario_from_flags, seed_flag, system, System};
use super::sensitivity::grouped;
use super::{output_format, Done};
use crate::model::goal::{self, Chance, LeverRange, Solution, Target, TargetMetric};
use crate::model::{simulate, Baseline, Scenario};
use crate::scenario::ScenarioFile;
use serde::Serialize;
use std::time::Instant;

/// Monte Carlo runs for the chance of meeting the target, unless `--runs` says otherwise.
pub const DEFAULT_RUNS: usize = 100;

pub fn solve(flags: &Flags) -> Result<Done, String> {
    let target_text = flags.one("--target").ok_or_else(|| {
        format!(
            "solve needs --target {}",
            goal::TARGET_FORM.replace(", such as", "; such as")
        )
    })?;
    let target = Target::parse(target_text)?;
    let mut notes = Vec::new();
    let mut ranges = Vec::new();
    for text in flags.all("--lever") {
        let (range, note) = LeverRange::parse(text)?;
        if ranges.iter().any(|r: &LeverRange| r.lever == range.lever) {
            return Err(format!(
                "--lever {} given more than once",
                range.lever.key()
            ));
        }
        notes.extend(note);
        ranges.push(range);
    }
    if ranges.is_empty() {
        return Err(
            "solve needs at least one --lever KEY or --lever KEY=MIN..MAX, such as --lever productivity_pct=0.8..2 (see `ics-whatif levers`)"
                .into(),
        );
    }
    let (runs, seed) = (runs_flag(flags, DEFAULT_RUNS, 0)?, seed_flag(flags)?);
    let format = output_format(flags, &["text", "json"])?;
    let (echo, file_notes) = scenario_from_flags(flags)?;
    notes.extend(file_notes);
    let s = &echo.scenario;
    let base = Baseline::for_code(&s.system)?;
    // Checked before the search, so a month outside the horizon is one line.
    target.month(base.start, s.months())?;

    let clock = Instant::now();
    let solution = goal::solve(&base, s, &target, &ranges)?;
    let searched = clock.elapsed();
    let clock = Instant::now();
    let chance = if runs > 0 {
        Some(goal::chance(
            &base,
            &solution.scenario,
            &target,
            runs,
            seed,
        )?)
    } else {
        None
    };
    let drawn = clock.elapsed();
    notes.push(format!(
        "note: {} deterministic runs in {:.0} ms{}",
        solution.runs,
        searched.as_secs_f64() * 1e3,
        match &chance {
            Some(c) => format!(
                "; {} Monte Carlo runs in {:.0} ms",
                c.runs,
                drawn.as_secs_f64() * 1e3
            ),
            None => String::new(),
        }
    ));
    let horizon_cost = simulate(&base, &solution.scenario)
        .last()
        .cumulative_cost_gbp_m;
    let replay = replay(&solution.scenario);
    let solved = ScenarioFile {
        scenario: solution.scenario.clone(),
        ..echo.clone()
    };
    // What the JSON shows, as `run --format json` and the scenario file say it (issue
    // 14.6, sixth session): the scenario found, the target month, the chance's runs and seed.
    let info = super::describe::info(
        &super::describe::area_name(&base),
        &solved,
        chance.as_ref().map(|c| (c.runs, c.seed)),
        Some(solution.month as u32),
    );
    let text = match format {
        "text" => text(&base, &solution, chance.as_ref(), horizon_cost, &replay),
        _ => json(&SolveJson {
            about: Some(info.about()),
            ..SolveJson::new(
                &base,
                &solution,
                chance.as_ref(),
                horizon_cost,
                replay,
                &solved,
            )
        }),
    };
    Ok(Done {
        text,
        notes,
        ..Done::default()
    })
}

/// The `run` command that replays a scenario: its system, horizon, and every lever and
/// assumption that differs from its default (numbers as Rust prints them, which read back
/// as the same numbers).
pub fn replay(s: &Scenario) -> String {
    format!(
        "ics-whatif run --ics {} --years {}{}",
        s.system,
        s.years,
        crate::scenario::phasing::set_args(s)
    )
}

/// Decimals to show a target metric's value with.
fn decimals(m: TargetMetric) -> usize {
    let unit = m.unit();
    if unit.starts_with("patients") || unit.starts_with("full-time") || unit.starts_with('£') {
        0
    } else {
        2
    }
}

fn value_text(m: TargetMetric, v: f64) -> String {
    let unit = m.unit();
    let gap = if unit.starts_with('%') { "" } else { " " };
    format!("{}{gap}{unit}", grouped(v, decimals(m)))
}

fn money(v: f64) -> String {
    let text = grouped(v.abs(), 0);
    if v < -0.5 {
        format!("-£{text}m")
    } else {
        format!("£{text}m")
    }
}

/// A lever's value with its unit, and where it sits in the range allowed.
fn lever_line(l: &goal::SolvedLever) -> String {
    let spec = l.lever.spec();
    let end = if l.value == l.start {
        ""
    } else if l.value == l.max && l.value != l.min {
        " (the top of its allowed range)"
    } else if l.value == l.min && l.value != l.max {
        " (the bottom of its allowed range)"
    } else {
        ""
    };
    let beyond = goal::beyond_named(l.lever, l.start, l.value)
        .map(|(named, name)| format!(" (beyond any figure its sources name: \"{name}\", {named})"))
        .unwrap_or_default();
    format!(
        "  {} ({}): {} {}{end}{beyond}; was {}; allowed {} to {}\n",
        spec.key, spec.label, l.value, spec.unit, l.start, l.min, l.max
    )
}

fn text(
    base: &Baseline,
    sol: &Solution,
    chance: Option<&Chance>,
    horizon_cost: f64,
    replay: &str,
) -> String {
    let t = &sol.target;
    let m = t.metric;
    let when = t.period.name();
    let mut out = format!(
        "Target: {} {} {} ({}) in {when} (month {}), {}\n",
        m.key(),
        t.comparison.symbol(),
        t.threshold,
        m.unit(),
        sol.month,
        base.name
    );
    let moved = sol.levers.iter().any(|l| l.value != l.start);
    if sol.met {
        // Fresh-eyes finding 8: "Met" alone only when at least half the runs meet it too.
        out.push_str(&format!("{}.\n", goal::headline(true, chance)));
        out.push_str(&format!(
            "Met in the deterministic run (the central projection: every assumption at its central value){}:\n",
            if !moved {
                " with the levers as they are: no change needed"
            } else if sol.levers.len() == 1 {
                ", with the smallest change of the lever"
            } else {
                ", with the cheapest mix of the levers found"
            }
        ));
    } else {
        let (none, most) = if sol.levers.len() == 1 {
            (
                "no value of the lever within its allowed range meets it",
                "the most it reaches",
            )
        } else {
            (
                "no mix of the levers within their allowed ranges that the search tried meets it",
                "the most the search reached",
            )
        };
        out.push_str(&format!(
            "Not met: {none}; {most} in {when} is {}, {} short of {}, with:\n",
            value_text(m, sol.value),
            grouped((t.threshold - sol.value).abs(), decimals(m)),
            t.threshold
        ));
    }
    for l in &sol.levers {
        out.push_str(&lever_line(l));
    }
    out.push_str(&format!(
        "{} in {when}: {} (with the levers as they were: {})\n",
        m.label(),
        value_text(m, sol.value),
        value_text(m, sol.start_value)
    ));
    for b in &sol.step_backs {
        out.push_str(&format!(
            "One step less, {} = {}: {}, {}\n",
            b.lever.key(),
            b.value,
            // "65.0%, not met" read as a contradiction: say it is just short.
            if !b.met && value_text(m, b.metric_value) == value_text(m, t.threshold) {
                format!("just short of {}", value_text(m, t.threshold))
            } else {
                value_text(m, b.metric_value)
            },
            if !b.met {
                "not met".to_string()
            } else if b.cost_gbp_m > sol.cost.total_gbp_m {
                format!(
                    "also met, but at more cost ({} to {when})",
                    money(b.cost_gbp_m)
                )
            } else {
                "also met".to_string()
            }
        ));
    }
    let c = &sol.cost;
    out.push_str(&format!(
        "Cost to {when}, against current plans: {} (the scenario's cost {}: NHS {}, local government {}, extra funding {}; extra allocation from funding growth {}); the scenario's cost over the horizon to {}: {}\n",
        money(c.total_gbp_m),
        money(c.cost_gbp_m),
        money(c.cost_gbp_m - c.local_gov_gbp_m - c.extra_funding_gbp_m - c.extra_allocation_gbp_m),
        money(c.local_gov_gbp_m),
        money(c.extra_funding_gbp_m),
        money(c.extra_allocation_gbp_m),
        base.start.plus(sol.scenario.months()).name(),
        money(horizon_cost)
    ));
    out.push_str(&format!(
        "NHS surplus (+) or deficit (-) since the start, {when}: {} (with the levers as they were: {})\n",
        money(c.balance_gbp_m),
        money(sol.start_cost.balance_gbp_m)
    ));
    match chance {
        Some(ch) => out.push_str(&format!(
            "Chance of meeting it: met in {} of {} Monte Carlo runs (seed {}); {} in {when}: P10 {}, median {}, P90 {} (80% range: 8 in 10 runs fall between)\n",
            ch.met,
            ch.runs,
            ch.seed,
            m.key(),
            grouped(ch.p10, decimals(m)),
            grouped(ch.p50, decimals(m)),
            grouped(ch.p90, decimals(m))
        )),
        None => out.push_str("Chance of meeting it: not run (--runs 0)\n"),
    }
    if let Some(why) = chance.and_then(|ch| goal::why_runs_fall_short(t, sol.value, ch)) {
        out.push_str(&why);
        out.push_str(" Each assumption's swing: ics-whatif sensitivity.\n");
    }
    if sol.monotone == Some(false) {
        out.push_str(
            "Note: the target metric does not move one way along this lever's range; every value was tried.\n",
        );
    }
    out.push_str(&format!("Replay: {replay}\n"));
    out
}

#[derive(Serialize)]
struct SolveJson<'a> {
    system: System<'a>,
    target: TargetJson,
    met: bool,
    /// Fresh-eyes finding 8: the answer in words, "Met" only when at least half the Monte
    /// Carlo runs meet it too ("Met in the central projection only: met in 31 of 100 runs
    /// ...", "Not met").
    headline: String,
    /// Met in the deterministic run and in at least half the runs (as `met` without a chance).
    likely: bool,
    /// Why most runs fall short of the central projection, where they do.
    #[serde(skip_serializing_if = "Option::is_none")]
    why_runs_fall_short: Option<String>,
    levers: Vec<LeverJson>,
    /// The target metric at the target month, with the levers found and as they were.
    value: Rounded,
    start_value: Rounded,
    one_step_less: Vec<StepJson>,
    cost: CostJson,
    chance: Option<ChanceJson>,
    /// One lever: whether the metric moves one way along its grid (null for several).
    monotone: Option<bool>,
    deterministic_runs: usize,
    replay: String,
    /// The scenario found, as a scenario file.
    scenario: &'a ScenarioFile,
    /// What it shows, as `run --format json` says it (sixth session).
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<crate::scenario::export::About<'a>>,
}

#[derive(Serialize)]
struct TargetJson {
    metric: &'static str,
    label: &'static str,
    unit: &'static str,
    comparison: &'static str,
    threshold: f64,
    period: String,
    month: usize,
}

#[derive(Serialize)]
struct LeverJson {
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    value: f64,
    start: f64,
    min: f64,
    max: f64,
    step: f64,
    /// Past the farthest value named on the lever's slider the way it moved (such as
    /// productivity past the workforce plan's 2%): that value and its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    beyond_named: Option<NamedJson>,
}

#[derive(Serialize)]
struct NamedJson {
    value: f64,
    name: &'static str,
}

#[derive(Serialize)]
struct StepJson {
    key: &'static str,
    value: f64,
    metric_value: Rounded,
    met: bool,
    /// Cost to the target month there (as `cost.to_target_month_gbp_m`).
    cost_gbp_m: Rounded,
}

#[derive(Serialize)]
struct CostJson {
    price_base: &'static str,
    /// To the target month, against current plans: what the search minimises.
    to_target_month_gbp_m: Rounded,
    scenario_cost_gbp_m: Rounded,
    nhs_gbp_m: Rounded,
    local_government_gbp_m: Rounded,
    extra_funding_gbp_m: Rounded,
    extra_allocation_from_funding_growth_gbp_m: Rounded,
    /// The scenario's cost over the whole horizon (as `run` reports it).
    scenario_cost_over_horizon_gbp_m: Rounded,
    /// The NHS's running balance at the target month, with the levers found and as they were.
    cumulative_balance_gbp_m: Rounded,
    start_cumulative_balance_gbp_m: Rounded,
}

#[derive(Serialize)]
struct ChanceJson {
    runs: usize,
    seed: u64,
    met: usize,
    p5: Rounded,
    p50: Rounded,
    p95: Rounded,
    /// The 80% range (8 in 10 runs fall between), as the app shows it.
    p10: Rounded,
    p90: Rounded,
}

impl<'a> SolveJson<'a> {
    fn new(
        base: &'a Baseline,
        sol: &Solution,
        chance: Option<&Chance>,
        horizon_cost: f64,
        replay: String,
        solved: &'a ScenarioFile,
    ) -> Self {
        let t = &sol.target;
        let m = t.metric;
        let dp = decimals(m) + 2;
        let c = &sol.cost;
        let gbp = |v: f64| Rounded(v, 1);
        SolveJson {
            system: system(base),
            target: TargetJson {
                metric: m.key(),
                label: m.label(),
                unit: m.unit(),
                comparison: t.comparison.symbol(),
                threshold: t.threshold,
                period: t.period.to_string(),
                month: sol.month,
            },
            met: sol.met,
            headline: goal::headline(sol.met, chance),
            likely: sol.met && chance.is_none_or(|ch| 2 * ch.met >= ch.runs),
            why_runs_fall_short: chance.and_then(|ch| goal::why_runs_fall_short(t, sol.value, ch)),
            levers: sol
                .levers
                .iter()
                .map(|l| {
                    let spec = l.lever.spec();
                    LeverJson {
                        key: spec.key,
                        label: spec.label,
                        unit: spec.unit.text(),
                        value: l.value,
                        start: l.start,
                        min: l.min,
                        max: l.max,
                        step: spec.step,
                        beyond_named: goal::beyond_named(l.lever, l.start, l.value)
                            .map(|(value, name)| NamedJson { value, name }),
                    }
                })
                .collect(),
            value: Rounded(sol.value, dp),
            start_value: Rounded(sol.start_value, dp),
            one_step_less: sol
                .step_backs
                .iter()
                .map(|b| StepJson {
                    key: b.lever.key(),
                    value: b.value,
                    metric_value: Rounded(b.metric_value, dp),
                    met: b.met,
                    cost_gbp_m: gbp(b.cost_gbp_m),
                })
                .collect(),
            cost: CostJson {
                price_base: crate::model::finance::PRICE_BASE,
                to_target_month_gbp_m: gbp(c.total_gbp_m),
                scenario_cost_gbp_m: gbp(c.cost_gbp_m),
                nhs_gbp_m: gbp(c.cost_gbp_m
                    - c.local_gov_gbp_m
                    - c.extra_funding_gbp_m
                    - c.extra_allocation_gbp_m),
                local_government_gbp_m: gbp(c.local_gov_gbp_m),
                extra_funding_gbp_m: gbp(c.extra_funding_gbp_m),
                extra_allocation_from_funding_growth_gbp_m: gbp(c.extra_allocation_gbp_m),
                scenario_cost_over_horizon_gbp_m: gbp(horizon_cost),
                cumulative_balance_gbp_m: gbp(c.balance_gbp_m),
                start_cumulative_balance_gbp_m: gbp(sol.start_cost.balance_gbp_m),
            },
            chance: chance.map(|ch| ChanceJson {
                runs: ch.runs,
                seed: ch.seed,
                met: ch.met,
                p5: Rounded(ch.p5, dp),
                p50: Rounded(ch.p50, dp),
                p95: Rounded(ch.p95, dp),
                p10: Rounded(ch.p10, dp),
                p90: Rounded(ch.p90, dp),
            }),
            monotone: sol.monotone,
            deterministic_runs: sol.runs,
            replay,
            scenario: solved,
            about: None,
        }
    }
}
