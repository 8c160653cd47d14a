//! `ics-whatif decompose`: why the outcomes moved by a year. The life-expectancy gap and
//! healthy life expectancy split into the published trend, prevention and waits (since month
//! 0, and against current plans); the 18-week share split among the levers that differ from
//! current plans (Shapley values, `model::attribution`).

use super::args::Flags;
use super::format::wrap;
use super::{output_format, Done};
use crate::model::attribution::{decompose as split, Decomposition};
use crate::model::outcomes::{why_sentence, CauseSplit};
use crate::model::Baseline;
use crate::scenario::{self, shown, ScenarioFile};
use serde::Serialize;

pub fn decompose(flags: &Flags) -> Result<Done, String> {
    // `--scenario`, `--ics` and `--set` as for `run`; the horizon is `--year` here.
    let (mut echo, notes) = super::run::scenario_from_flags(flags)?;
    if let Some(text) = flags.one("--year") {
        echo.scenario.years = scenario::parse_years(text).map_err(|_| {
            format!(
                "--year must be a whole number from 1 to 20, got '{}'",
                shown(text)
            )
        })?;
    }
    let format = output_format(flags, &["text", "json"])?;
    let s = &echo.scenario;
    let base = Baseline::for_code(&s.system)?;
    let d = split(&base, s, s.months())?;
    let sentence = why_sentence(&d.outcomes[0], s.years as f64);
    let text = match format {
        "json" => {
            let mut t = serde_json::to_string_pretty(&Json {
                scenario: &echo,
                system: &base.name,
                year: echo.scenario.years,
                sentence: &sentence,
                decomposition: &d,
            })
            .unwrap_or_default();
            t.push('\n');
            t
        }
        _ => text(&base, echo.scenario.years, &d, &sentence),
    };
    Ok(Done {
        text,
        notes,
        ..Done::default()
    })
}

#[derive(Serialize)]
struct Json<'a> {
    scenario: &'a ScenarioFile,
    system: &'a str,
    year: u32,
    sentence: &'a str,
    decomposition: &'a Decomposition,
}

fn causes_line(split: &CauseSplit) -> String {
    format!(
        "{:+9.2} {:+11.2} {:+11.2} {:+9.2}",
        split.total, split.trend, split.prevention, split.waits
    )
}

/// The plain-text table a planner reads.
pub fn text(base: &Baseline, year: u32, d: &Decomposition, sentence: &str) -> String {
    let mut out = format!(
        "Why it moved: {}, year {year} (month {})\n\n{}\n\n",
        base.name,
        d.month,
        wrap(sentence, 92, "").trim_end()
    );
    for (title, against) in [
        ("Since month 0, under the scenario", false),
        ("Scenario against current plans", true),
    ] {
        out.push_str(&format!(
            "{title} (years)\n  {:<50} {:>9} {:>11} {:>11} {:>9}\n",
            "", "change", "trend", "prevention", "waits"
        ));
        for o in &d.outcomes {
            let (from, to, split) = if against {
                (o.plans, o.scenario, &o.against_plans)
            } else {
                (o.start, o.scenario, &o.since_start)
            };
            out.push_str(&format!(
                "  {:<50} {}   ({:.2} -> {:.2})\n",
                o.label,
                causes_line(split),
                from,
                to
            ));
        }
        out.push('\n');
    }
    let w = &d.within_18_weeks;
    out.push_str(&format!(
        "Within 18 weeks (% of list): month 0 {:.1}, current plans {:.1}, scenario {:.1} ({:+.1} points against plans)\n",
        w.start,
        w.plans,
        w.scenario,
        w.scenario - w.plans
    ));
    if d.within_18_weeks_by_lever.is_empty() {
        out.push_str("  No lever differs from current plans.\n");
    } else {
        out.push_str("  By lever (Shapley value: average contribution over every order):\n");
        for l in &d.within_18_weeks_by_lever {
            out.push_str(&format!("  {:<58} {:+7.2}\n", l.name, l.value));
        }
    }
    out
}
