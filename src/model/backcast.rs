//! The back-cast: the waiting-list queue driven by a published monthly history.
//!
//! Driven with each month's clock starts, completions and the removals the history implies
//! (list(t-1) + starts - completions - list(t)), the list size follows history by
//! construction; what is tested is the queue's shape, which depends on who is treated and
//! who waits: the 18-week share and the 52-week waiters. A free-running twin removes
//! patients by the model's own rule (a fixed share of clock starts, set from the first
//! months of the history) and shows how far that rule drifts.
//!
//! Both shared series read the same way: `rtt_england_monthly_to_2019.csv` (October 2015 to
//! December 2019) and `rtt_england_monthly_2020_2023.csv` (January 2020 to August 2023, the
//! COVID shock and recovery). One set of parameters serves both.

use super::queue::{self, HazardShape, PriorityParams, Profile, ShapeParams};
use serde::Serialize;

/// One month of history, in the columns of `rtt_england_monthly_to_2019.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryMonth {
    pub month: String,
    pub waiting_list: f64,
    /// Share within 18 weeks, 0-1.
    pub within_18_weeks: f64,
    pub clock_starts: f64,
    pub completed: f64,
    pub over_52_weeks: f64,
}

/// Months of history the free-running removal rule learns from.
pub const FREE_RULE_MONTHS: usize = 6;

/// Reads a history CSV with the columns month, waiting_list, pct_within_18_weeks,
/// clock_starts, admitted_completed, nonadmitted_completed, over_52_weeks (any order, more
/// columns allowed; cells trimmed; quoted cells as the `csv` crate reads them). Errors name
/// the line and the problem. The app reads no CSV text.
pub fn parse_history(text: &str) -> Result<Vec<HistoryMonth>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    // Blank lines (or lines of spaces) are skipped; an error stays on one line.
    let mut records = reader.records().filter_map(|r| match r {
        Ok(r) if r.iter().all(str::is_empty) => None,
        r => Some(r.map_err(|e| e.to_string().replace(char::is_control, " "))),
    });
    let header = records.next().ok_or("history file is empty")??;
    let cols: Vec<&str> = header.iter().collect();
    let find = |name: &str| {
        cols.iter()
            .position(|c| *c == name)
            .ok_or(format!("history file has no '{name}' column"))
    };
    let idx = [
        find("month")?,
        find("waiting_list")?,
        find("pct_within_18_weeks")?,
        find("clock_starts")?,
        find("admitted_completed")?,
        find("nonadmitted_completed")?,
        find("over_52_weeks")?,
    ];
    let mut out = Vec::new();
    for record in records {
        let f = record?;
        let line = f.position().map_or(0, |p| p.line());
        let num = |i: usize| -> Result<f64, String> {
            let raw = f.get(idx[i]).unwrap_or("");
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
                _ => Err(format!(
                    "line {line}: '{}' in column {} is not a non-negative number",
                    shown(raw),
                    cols[idx[i]]
                )),
            }
        };
        let within = num(2)?;
        if within > 1.0 {
            return Err(format!(
                "line {line}: pct_within_18_weeks must be a share between 0 and 1"
            ));
        }
        out.push(HistoryMonth {
            month: f.get(idx[0]).unwrap_or("").to_string(),
            waiting_list: num(1)?,
            within_18_weeks: within,
            clock_starts: num(3)?,
            completed: num(4)? + num(5)?,
            over_52_weeks: num(6)?,
        });
    }
    if out.len() < 2 {
        return Err("history needs at least two months".into());
    }
    if out[0].waiting_list <= 0.0 {
        return Err("history's first month has an empty waiting list".into());
    }
    Ok(out)
}

/// A cell as an error message may quote it: one line, at most 40 characters.
fn shown(raw: &str) -> String {
    let clean: String = raw
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if clean.chars().count() > 40 {
        format!("{}...", clean.chars().take(40).collect::<String>())
    } else {
        clean
    }
}

/// One back-cast month: history beside the model.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BackcastMonth {
    pub month: String,
    pub actual_waiting_list: f64,
    pub model_waiting_list: f64,
    pub actual_within_18_weeks_pct: f64,
    pub model_within_18_weeks_pct: f64,
    pub actual_over_52_weeks: f64,
    pub model_over_52_weeks: f64,
    pub model_waiting_list_free: f64,
    /// Patients added to the month's clock starts so the driven list can follow history:
    /// when the list grows by more than clock starts less completions (a history whose
    /// implied removals would be negative), the difference joins as extra patients. 0 in a
    /// coherent month.
    pub extra_joiners: f64,
    /// What was repaired this month, in words; empty when nothing was.
    pub repair: String,
}

/// The repair of a month whose implied removals are negative, as the note reads.
fn repair_note(extra: f64) -> String {
    format!(
        "list grew by {:.0} more than clock starts less completions: added as extra joiners (implied removals set to 0)",
        extra
    )
}

/// Runs the queue through the history, driven and free, with England's clinical priority
/// ([`queue::PRIORITY`]).
pub fn backcast(history: &[HistoryMonth], shape: &HazardShape) -> Vec<BackcastMonth> {
    backcast_with(history, shape, &queue::PRIORITY)
}

/// [`backcast`] with given clinical-priority parameters.
///
/// Each month the queue treats the published completions, with "recent capacity" the
/// completions smoothed over [`PriorityParams::recent_months`] up to the month before, and
/// removes the implied removals (list(t-1) + starts - completions - list(t)). A month whose
/// implied removals would be negative is repaired, not hidden: the shortfall joins as extra
/// patients that month ([`BackcastMonth::extra_joiners`], [`BackcastMonth::repair`]), so the
/// driven list still follows history.
pub fn backcast_with(
    history: &[HistoryMonth],
    shape: &HazardShape,
    priority: &PriorityParams,
) -> Vec<BackcastMonth> {
    let first = &history[0];
    let start = queue::profile_matching(
        first.waiting_list,
        first.within_18_weeks,
        first.over_52_weeks / first.waiting_list,
    );
    let implied = |t: usize| {
        history[t - 1].waiting_list + history[t].clock_starts
            - history[t].completed
            - history[t].waiting_list
    };
    let learn = FREE_RULE_MONTHS.min(history.len() - 1);
    let starts: f64 = (1..=learn).map(|t| history[t].clock_starts).sum();
    let removal_share = (1..=learn).map(|t| implied(t).max(0.0)).sum::<f64>() / starts.max(1.0);

    let rules = queue::Rules::with_priority(shape, &[1.0; 5], *priority);
    let mut driven = one_queue(start);
    let mut free = one_queue(start);
    let mut recent = first.completed;
    let mut out = Vec::with_capacity(history.len());
    for (t, h) in history.iter().enumerate() {
        let (mut extra, mut repair) = (0.0, String::new());
        if t > 0 {
            let removals = implied(t);
            if removals < 0.0 {
                extra = -removals;
                repair = repair_note(extra);
            }
            let input = |removals: f64| queue::MonthInput {
                capacity: h.completed,
                recent_capacity: recent,
                removals,
                ..queue::MonthInput::default()
            };
            let joiners = [h.clock_starts + extra, 0.0, 0.0, 0.0, 0.0];
            queue::step(&mut driven, &joiners, &input(removals.max(0.0)), &rules);
            let refs = [h.clock_starts, 0.0, 0.0, 0.0, 0.0];
            queue::step(
                &mut free,
                &refs,
                &input(removal_share * h.clock_starts),
                &rules,
            );
            recent += (h.completed - recent) / priority.recent_months.max(1.0);
        }
        let p: &Profile = &driven[0];
        out.push(BackcastMonth {
            month: h.month.clone(),
            actual_waiting_list: h.waiting_list,
            model_waiting_list: p.iter().sum(),
            actual_within_18_weeks_pct: 100.0 * h.within_18_weeks,
            model_within_18_weeks_pct: 100.0 * queue::share_within(p, queue::MONTHS_18_WEEKS),
            actual_over_52_weeks: h.over_52_weeks,
            model_over_52_weeks: queue::count_over(p, queue::MONTHS_52_WEEKS),
            model_waiting_list_free: free[0].iter().sum(),
            extra_joiners: extra,
            repair,
        });
    }
    out
}

fn one_queue(p: Profile) -> [Profile; 5] {
    let mut q = [[0.0; queue::BANDS]; 5];
    q[0] = p;
    q
}

/// 52-week waiters below this many are left out of the "every month" 52-week bound: with a
/// few hundred or thousand waiters (2015-2019) a ratio measures noise in a policy target
/// more than the queue. The acceptance bound for the shock years is set on months above it.
pub const OVER_52_COUNTED_FROM: f64 = 10_000.0;

/// Summary errors of a back-cast after `warm_up` months.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BackcastErrors {
    /// Mean |model - actual| 18-week share, percentage points.
    pub mean_within_18_weeks_pts: f64,
    /// Largest |model - actual| 18-week share, percentage points.
    pub max_within_18_weeks_pts: f64,
    /// Mean ratio between model and actual 52-week waiters (each month's ratio >= 1).
    pub mean_over_52_weeks_ratio: f64,
    /// Largest ratio between model and actual 52-week waiters (>= 1).
    pub max_over_52_weeks_ratio: f64,
    /// Largest such ratio among months with more than [`OVER_52_COUNTED_FROM`] actual
    /// 52-week waiters (1 when there are none).
    pub max_over_52_weeks_ratio_large: f64,
    /// Largest |free-running list - actual| / actual, %.
    pub max_free_list_error_pct: f64,
    /// Free-running list error in the last month, %.
    pub final_free_list_error_pct: f64,
    /// Months whose implied removals were negative and were repaired (see
    /// [`BackcastMonth::repair`]), over the whole history including warm-up.
    pub repaired_months: usize,
}

/// The ratio between model and actual 52-week waiters, >= 1 (both floored at 1 patient).
pub fn over_52_ratio(r: &BackcastMonth) -> f64 {
    let (m, a) = (
        r.model_over_52_weeks.max(1.0),
        r.actual_over_52_weeks.max(1.0),
    );
    (m / a).max(a / m)
}

pub fn errors(rows: &[BackcastMonth], warm_up: usize) -> BackcastErrors {
    let repaired_months = rows.iter().filter(|r| !r.repair.is_empty()).count();
    let rows = &rows[warm_up.min(rows.len() - 1)..];
    let mut e = BackcastErrors {
        mean_within_18_weeks_pts: 0.0,
        max_within_18_weeks_pts: 0.0,
        mean_over_52_weeks_ratio: 0.0,
        max_over_52_weeks_ratio: 1.0,
        max_over_52_weeks_ratio_large: 1.0,
        max_free_list_error_pct: 0.0,
        final_free_list_error_pct: 0.0,
        repaired_months,
    };
    for r in rows {
        let gap = (r.model_within_18_weeks_pct - r.actual_within_18_weeks_pct).abs();
        e.mean_within_18_weeks_pts += gap / rows.len() as f64;
        e.max_within_18_weeks_pts = e.max_within_18_weeks_pts.max(gap);
        let ratio = over_52_ratio(r);
        e.mean_over_52_weeks_ratio += ratio / rows.len() as f64;
        e.max_over_52_weeks_ratio = e.max_over_52_weeks_ratio.max(ratio);
        if r.actual_over_52_weeks > OVER_52_COUNTED_FROM {
            e.max_over_52_weeks_ratio_large = e.max_over_52_weeks_ratio_large.max(ratio);
        }
        let free =
            100.0 * (r.model_waiting_list_free - r.actual_waiting_list) / r.actual_waiting_list;
        e.max_free_list_error_pct = e.max_free_list_error_pct.max(free.abs());
        e.final_free_list_error_pct = free;
    }
    e
}

/// How far a back-cast is from the acceptance bounds, as one number (at most 1 passes
/// all four): the mean 18-week error over 3 points, the largest over 5, the mean 52-week
/// ratio's log over log 1.5, and the largest ratio in months over 10,000 over log 2.
pub fn fit_score(e: &BackcastErrors) -> f64 {
    (e.mean_within_18_weeks_pts / 3.0)
        .max(e.max_within_18_weeks_pts / 5.0)
        .max(e.mean_over_52_weeks_ratio.ln() / 1.5f64.ln())
        .max(e.max_over_52_weeks_ratio_large.log2())
}

/// Every parameter the back-cast fit moves: the hazard family and clinical priority.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FitParams {
    pub shape: ShapeParams,
    pub priority: PriorityParams,
}

impl FitParams {
    pub const SHIPPED: FitParams = FitParams {
        shape: queue::CALIBRATED,
        priority: queue::PRIORITY,
    };
    const COUNT: usize = 10;

    fn field(&mut self, i: usize) -> &mut f64 {
        match i {
            0 => &mut self.shape.new_weight,
            1 => &mut self.shape.decay,
            2 => &mut self.shape.boost_18,
            3 => &mut self.shape.boost_52,
            4 => &mut self.shape.removal_slope,
            5 => &mut self.priority.urgent_share,
            6 => &mut self.priority.slack_months,
            7 => &mut self.priority.slack_fade,
            8 => &mut self.priority.standards_floor,
            _ => &mut self.priority.recent_months,
        }
    }
}

/// The worst [`fit_score`] over several histories (each with its own warm-up).
pub fn joint_score(histories: &[&[HistoryMonth]], warm_up: usize, p: &FitParams) -> f64 {
    histories
        .iter()
        .map(|h| {
            fit_score(&errors(
                &backcast_with(h, &HazardShape::family(p.shape), &p.priority),
                warm_up,
            ))
        })
        .fold(0.0, f64::max)
}

/// Fits the hazard family and clinical priority to one or more histories at once (the
/// worst [`fit_score`] among them): coordinate search from `from` (each parameter up or
/// down by a shrinking step while the score improves), at most `rounds` rounds. The
/// shipped [`queue::CALIBRATED`] and [`queue::PRIORITY`] came from this search on both
/// shared series.
pub fn calibrate(
    histories: &[&[HistoryMonth]],
    warm_up: usize,
    from: FitParams,
    rounds: usize,
) -> (FitParams, f64) {
    let score = |p: &FitParams| joint_score(histories, warm_up, p);
    let mut best = (from, score(&from));
    let mut step = 0.5;
    let mut done = 0;
    while step > 0.01 && done < rounds {
        done += 1;
        let mut improved = false;
        for i in 0..FitParams::COUNT {
            for factor in [1.0 + step, 1.0 / (1.0 + step)] {
                let mut p = best.0;
                let field = p.field(i);
                *field = if *field == 0.0 {
                    step * 0.1
                } else {
                    *field * factor
                };
                p.priority.urgent_share = p.priority.urgent_share.min(0.9);
                p.priority.standards_floor = p.priority.standards_floor.min(1.0);
                let s = score(&p);
                if s < best.1 {
                    best = (p, s);
                    improved = true;
                }
            }
        }
        if !improved {
            step /= 2.0;
        }
    }
    best
}
