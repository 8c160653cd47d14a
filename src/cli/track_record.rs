//! `ics-whatif calibration` (each system's fitted figures and fit errors) and
//! `ics-whatif backtest` (projections from past months against what was published).

use super::args::Flags;
use super::{output_format, Done};
use crate::data::rtt::Period;
use crate::model::calibration::calibration_of;
use crate::model::track_record::{self, Backtest, Errors};
use crate::scenario::shown;

pub fn calibration(flags: &Flags) -> Result<Done, String> {
    let format = output_format(flags, &["text", "csv"])?;
    let mut out = String::new();
    let header = [
        "system",
        "from",
        "to",
        "capacity_ratio",
        "referral_scale",
        "boost_52_scale",
        "priority_slope",
        "start_capacity_scale",
        "start_boost_18_scale",
        "start_boost_52_scale",
        "list_rmse_pct",
        "within_18_weeks_mae_pts",
        "over_52_weeks_mean_ratio",
        "at_range_end",
    ];
    if format == "csv" {
        out.push_str(&header.join(","));
    } else {
        out.push_str(&format!(
            "{:<8} {:>7} {:>7} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>8} {:>9} {:>9} {:>9}  {}",
            "system",
            "from",
            "to",
            "capacity",
            "referral",
            "boost52",
            "priority",
            "start_cap",
            "start_b18",
            "start_b52",
            "list_rmse%",
            "18wk_mae",
            "52wk_ratio",
            "at range end"
        ));
    }
    out.push('\n');
    let (mut rmse, mut mae, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for s in crate::data::systems() {
        let c = calibration_of(s);
        let (f, e) = (&c.fit, &c.errors);
        rmse.push(e.list_rmse_pct);
        mae.push(e.within_18_weeks_mae_pts);
        ratio.push(e.over_52_weeks_mean_ratio);
        if format == "csv" {
            out.push_str(&format!(
                "{},{},{},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{:.3},{:.3},{:.3},{}\n",
                c.code,
                c.from,
                c.to,
                f.capacity_ratio,
                f.referral_scale,
                f.boost_52_scale,
                f.priority_slope,
                f.start_capacity_scale,
                f.start_boost_18_scale,
                f.start_boost_52_scale,
                e.list_rmse_pct,
                e.within_18_weeks_mae_pts,
                e.over_52_weeks_mean_ratio,
                c.at_range_end.join(" ")
            ));
        } else {
            out.push_str(&format!(
                "{:<8} {:>7} {:>7} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>8.3} {:>9.2} {:>9.2} {:>9.2}  {}\n",
                c.code,
                c.from,
                c.to,
                f.capacity_ratio,
                f.referral_scale,
                f.boost_52_scale,
                f.priority_slope,
                f.start_capacity_scale,
                f.start_boost_18_scale,
                f.start_boost_52_scale,
                e.list_rmse_pct,
                e.within_18_weeks_mae_pts,
                e.over_52_weeks_mean_ratio,
                c.at_range_end.join(" ")
            ));
        }
    }
    let mean = |v: &[f64]| v.iter().sum::<f64>() / v.len().max(1) as f64;
    let notes = vec![format!(
        "mean over {} systems: list RMSE {:.2}%, |18-week error| {:.2} points, 52-week ratio {:.3}",
        rmse.len(),
        mean(&rmse),
        mean(&mae),
        mean(&ratio)
    )];
    Ok(Done {
        text: out,
        notes,
        ..Done::default()
    })
}

pub fn backtest(flags: &Flags) -> Result<Done, String> {
    let format = output_format(flags, &["csv", "json"])?;
    let code = flags.one("--ics").unwrap_or("england");
    let from = flags
        .one("--from")
        .ok_or("backtest needs --from YYYY-MM, the month to start from (e.g. --from 2024-03)")?;
    let start = Period::parse(from).map_err(|e| format!("--from: {}", shown(&e)))?;
    let months = match flags.one("--months") {
        None => 12,
        Some(text) => match text.trim().parse::<usize>() {
            Ok(n) if (1..=60).contains(&n) => n,
            _ => {
                return Err(format!(
                    "--months must be a whole number from 1 to 60, got '{}'",
                    shown(text)
                ))
            }
        },
    };
    if code.trim().eq_ignore_ascii_case("all") {
        let tests = track_record::backtest_all(start, months)?;
        let (model, naive) = track_record::mean_errors(&tests);
        let text = match format {
            "csv" => summary_csv(&tests, &model, &naive),
            _ => json(&serde_json::json!({
                "from": start.to_string(),
                "months": months,
                "systems": tests.iter().map(|t| serde_json::json!({
                    "code": t.code, "model_errors": t.model_errors, "naive_errors": t.naive_errors,
                })).collect::<Vec<_>>(),
                "mean_model_errors": model,
                "mean_naive_errors": naive,
            })),
        };
        return Ok(Done {
            text,
            notes: vec![summary_note(&model, &naive)],
            ..Done::default()
        });
    }
    let test = track_record::backtest(code, start, months)?;
    let text = match format {
        "csv" => months_csv(&test),
        _ => json(&test),
    };
    Ok(Done {
        text,
        notes: vec![summary_note(&test.model_errors, &test.naive_errors)],
        ..Done::default()
    })
}

fn summary_note(model: &Errors, naive: &Errors) -> String {
    format!(
        "mean absolute error, model vs naive (start carried forward): list change {:.2}% vs {:.2}% of the start list; 18-week share {:.2} vs {:.2} points; 52-week waiters {:.1}% vs {:.1}%",
        model.list_change_pct,
        naive.list_change_pct,
        model.within_18_weeks_pts,
        naive.within_18_weeks_pts,
        model.over_52_weeks_pct,
        naive.over_52_weeks_pct
    )
}

fn months_csv(t: &Backtest) -> String {
    let mut out = String::from(
        "month,period,model_waiting_list,published_waiting_list,naive_waiting_list,\
model_within_18_weeks_pct,published_within_18_weeks_pct,naive_within_18_weeks_pct,\
model_over_52_weeks,published_over_52_weeks,naive_over_52_weeks\n",
    );
    for r in &t.months {
        out.push_str(&format!(
            "{},{},{:.0},{:.0},{:.0},{:.2},{:.2},{:.2},{:.0},{:.0},{:.0}\n",
            r.month,
            r.period,
            r.model.waiting_list,
            r.published.waiting_list,
            r.naive.waiting_list,
            r.model.within_18_weeks_pct,
            r.published.within_18_weeks_pct,
            r.naive.within_18_weeks_pct,
            r.model.over_52_weeks,
            r.published.over_52_weeks,
            r.naive.over_52_weeks
        ));
    }
    out
}

fn summary_csv(tests: &[Backtest], model: &Errors, naive: &Errors) -> String {
    let mut out = String::from(
        "system,model_list_change_pct,naive_list_change_pct,model_within_18_weeks_pts,\
naive_within_18_weeks_pts,model_over_52_weeks_pct,naive_over_52_weeks_pct\n",
    );
    let mut row = |code: &str, m: &Errors, n: &Errors| {
        out.push_str(&format!(
            "{code},{:.3},{:.3},{:.3},{:.3},{:.2},{:.2}\n",
            m.list_change_pct,
            n.list_change_pct,
            m.within_18_weeks_pts,
            n.within_18_weeks_pts,
            m.over_52_weeks_pct,
            n.over_52_weeks_pct
        ))
    };
    for t in tests {
        row(&t.code, &t.model_errors, &t.naive_errors);
    }
    row("mean", model, naive);
    out
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
