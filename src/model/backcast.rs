//! The back-cast: the waiting-list queue driven by a published monthly history.
//!
//! Driven with each month's clock starts, completions and the removals the history implies
//! (list(t-1) + starts - completions - list(t)), the list size follows history by
//! construction; what is tested is the queue's shape, which depends on who is treated and
//! who waits: the 18-week share and the 52-week waiters. A free-running twin removes
//! patients by the model's own rule (a fixed share of clock starts, set from the first
//! months of the history) and shows how far that rule drifts.

use super::queue::{self, HazardShape, Profile, ShapeParams};
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
/// columns allowed). Errors name the line and the problem.
pub fn parse_history(text: &str) -> Result<Vec<HistoryMonth>, String> {
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines.next().ok_or("history file is empty")?;
    let cols: Vec<&str> = header.trim().split(',').map(str::trim).collect();
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
    for (n, line) in lines {
        let f: Vec<&str> = line.trim().split(',').map(str::trim).collect();
        let num = |i: usize| -> Result<f64, String> {
            let raw = f.get(idx[i]).copied().unwrap_or("");
            match raw.parse::<f64>() {
                Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
                _ => Err(format!(
                    "line {}: '{}' in column {} is not a non-negative number",
                    n + 1,
                    shown(raw),
                    cols[idx[i]]
                )),
            }
        };
        let within = num(2)?;
        if within > 1.0 {
            return Err(format!(
                "line {}: pct_within_18_weeks must be a share between 0 and 1",
                n + 1
            ));
        }
        out.push(HistoryMonth {
            month: f.get(idx[0]).unwrap_or(&"").to_string(),
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
}

/// Runs the queue through the history, driven and free.
pub fn backcast(history: &[HistoryMonth], shape: &HazardShape) -> Vec<BackcastMonth> {
    let first = &history[0];
    let start = queue::profile_matching(
        first.waiting_list,
        first.within_18_weeks,
        first.over_52_weeks / first.waiting_list,
    );
    let implied = |t: usize| {
        let (prev, h) = (&history[t - 1], &history[t]);
        (prev.waiting_list + h.clock_starts - h.completed - h.waiting_list).max(0.0)
    };
    let learn = FREE_RULE_MONTHS.min(history.len() - 1);
    let starts: f64 = (1..=learn).map(|t| history[t].clock_starts).sum();
    let removal_share = (1..=learn).map(implied).sum::<f64>() / starts.max(1.0);

    let rules = queue::Rules::new(shape, &[1.0; 5]);
    let mut driven = one_queue(start);
    let mut free = one_queue(start);
    let mut out = Vec::with_capacity(history.len());
    for (t, h) in history.iter().enumerate() {
        if t > 0 {
            let refs = [h.clock_starts, 0.0, 0.0, 0.0, 0.0];
            queue::step(&mut driven, &refs, h.completed, implied(t), 0.0, &rules);
            queue::step(
                &mut free,
                &refs,
                h.completed,
                removal_share * h.clock_starts,
                0.0,
                &rules,
            );
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
        });
    }
    out
}

fn one_queue(p: Profile) -> [Profile; 5] {
    let mut q = [[0.0; queue::BANDS]; 5];
    q[0] = p;
    q
}

/// Summary errors of a back-cast after `warm_up` months.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BackcastErrors {
    /// Largest |model - actual| 18-week share, percentage points.
    pub max_within_18_weeks_pts: f64,
    /// Largest ratio between model and actual 52-week waiters (>= 1).
    pub max_over_52_weeks_ratio: f64,
    /// Largest |free-running list - actual| / actual, %.
    pub max_free_list_error_pct: f64,
    /// Free-running list error in the last month, %.
    pub final_free_list_error_pct: f64,
}

pub fn errors(rows: &[BackcastMonth], warm_up: usize) -> BackcastErrors {
    let rows = &rows[warm_up.min(rows.len() - 1)..];
    let mut e = BackcastErrors {
        max_within_18_weeks_pts: 0.0,
        max_over_52_weeks_ratio: 1.0,
        max_free_list_error_pct: 0.0,
        final_free_list_error_pct: 0.0,
    };
    for r in rows {
        e.max_within_18_weeks_pts = e
            .max_within_18_weeks_pts
            .max((r.model_within_18_weeks_pct - r.actual_within_18_weeks_pct).abs());
        let ratio = (r.model_over_52_weeks.max(1.0) / r.actual_over_52_weeks.max(1.0))
            .max(r.actual_over_52_weeks.max(1.0) / r.model_over_52_weeks.max(1.0));
        e.max_over_52_weeks_ratio = e.max_over_52_weeks_ratio.max(ratio);
        let free =
            100.0 * (r.model_waiting_list_free - r.actual_waiting_list) / r.actual_waiting_list;
        e.max_free_list_error_pct = e.max_free_list_error_pct.max(free.abs());
        e.final_free_list_error_pct = free;
    }
    e
}

/// How far a back-cast is from the acceptance bounds, as one number: the worse of the
/// 18-week error over 3 points and the 52-week ratio's log base 2. At most 1 passes both.
pub fn fit_score(e: &BackcastErrors) -> f64 {
    (e.max_within_18_weeks_pts / 3.0).max(e.max_over_52_weeks_ratio.log2())
}

/// Fits the hazard family to a history: the shipped [`queue::CALIBRATED`] and a coarse
/// grid, then coordinate search from the best (each parameter up or down by a shrinking
/// step while the [`fit_score`] improves). `CALIBRATED` came from this search with a finer
/// grid (five to seven values a parameter).
pub fn calibrate(history: &[HistoryMonth], warm_up: usize) -> (ShapeParams, BackcastErrors) {
    let score = |p: &ShapeParams| {
        let e = errors(&backcast(history, &HazardShape::family(*p)), warm_up);
        (fit_score(&e), e)
    };
    let mut best = (queue::CALIBRATED, score(&queue::CALIBRATED).0);
    for new_weight in [0.05, 0.2, 1.0] {
        for decay in [0.05, 0.15, 0.4] {
            for boost_18 in [0.25, 0.75, 1.5] {
                for boost_52 in [1.0, 4.0, 12.0] {
                    for removal_slope in [0.0, 0.2, 1.0] {
                        let p = ShapeParams {
                            new_weight,
                            decay,
                            boost_18,
                            boost_52,
                            removal_slope,
                        };
                        let s = score(&p).0;
                        if s < best.1 {
                            best = (p, s);
                        }
                    }
                }
            }
        }
    }
    let mut step = 0.5;
    // At most 40 rounds of ten trials, so a run has a known bound.
    let mut rounds = 0;
    while step > 0.01 && rounds < 40 {
        rounds += 1;
        let mut improved = false;
        for i in 0..5 {
            for factor in [1.0 + step, 1.0 / (1.0 + step)] {
                let mut p = best.0;
                let field = match i {
                    0 => &mut p.new_weight,
                    1 => &mut p.decay,
                    2 => &mut p.boost_18,
                    3 => &mut p.boost_52,
                    _ => &mut p.removal_slope,
                };
                *field = if *field == 0.0 {
                    step * 0.1
                } else {
                    *field * factor
                };
                let s = score(&p).0;
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
    (best.0, score(&best.0).1)
}
