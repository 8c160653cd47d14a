//! What foreknowledge of England's and each region's actual path would buy in the backtests
//! (issue 10's goal: the model's error at most half the naive "nothing changes" error).
//!
//! `cargo run --release --example backtest_ceiling`: for each start and horizon the README
//! reports, the mean over 43 systems of the naive error and of two forecasts no model can
//! make (every system moved as England, or its region, actually moved), with each as a
//! multiple of naive.
use ics_whatif::data::rtt::Period;
use ics_whatif::model::track_record::{foreknowledge, Errors};

fn main() {
    println!("| start | months | naive: list % / 18-week pts / 52-week % | England's actual path | region's actual path |");
    println!("|---|---|---|---|---|");
    let cell = |e: &Errors, n: &Errors| {
        format!(
            "{:.2} / {:.2} / {:.1} ({:.2}x / {:.2}x / {:.2}x)",
            e.list_change_pct,
            e.within_18_weeks_pts,
            e.over_52_weeks_pct,
            e.list_change_pct / n.list_change_pct,
            e.within_18_weeks_pts / n.within_18_weeks_pts,
            e.over_52_weeks_pct / n.over_52_weeks_pct
        )
    };
    for (start, months) in [
        ("2023-09", 6),
        ("2023-09", 12),
        ("2024-06", 6),
        ("2024-09", 6),
        ("2024-03", 6),
        ("2024-03", 12),
    ] {
        let p = Period::parse(start).expect("a month");
        let f = foreknowledge(p, months).expect("published months");
        let n = &f.naive;
        println!(
            "| {} | {months} | {:.2} / {:.2} / {:.1} | {} | {} |",
            p.name(),
            n.list_change_pct,
            n.within_18_weeks_pts,
            n.over_52_weeks_pct,
            cell(&f.england_path, n),
            cell(&f.region_path, n)
        );
    }
}
