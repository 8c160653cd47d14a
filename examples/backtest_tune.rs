//! Measures calibration settings on the backtests over all 43 systems: the window, the share
//! of the list's change the fit through the window carries on, and the start-stage fit with
//! shares of each recent trend carried on. Tuning rule: a setting is chosen on the backtests
//! from September 2023 (6 and 12 months) only; March 2024 is held out and reported.
//! `cargo run --release --example backtest_tune [quick]`
use ics_whatif::data::rtt::Period;
use ics_whatif::model::calibration::{CarryOn, Settings, LIST_TREND_WEIGHT};
use ics_whatif::model::track_record::{backtest_all_with, mean_errors};

fn row(label: &str, settings: &Settings, starts: &[(&str, usize)]) {
    let mut cells = Vec::new();
    for (from, months) in starts {
        let tests = backtest_all_with(Period::parse(from).unwrap(), *months, settings)
            .expect("published months");
        let (m, n) = mean_errors(&tests);
        cells.push(format!(
            "{} {:>2}: {:.2}/{:.2} {:.2}/{:.2} {:.1}/{:.1}",
            from,
            months,
            m.list_change_pct,
            n.list_change_pct,
            m.within_18_weeks_pts,
            n.within_18_weeks_pts,
            m.over_52_weeks_pct,
            n.over_52_weeks_pct
        ));
    }
    println!("{label:<44} {}", cells.join(" | "));
}

fn main() {
    let starts = [
        ("2023-09", 6),
        ("2023-09", 12),
        ("2024-03", 6),
        ("2024-03", 12),
    ];
    println!("cells: model/naive list change %, 18-week points, 52-week %");
    let before = Settings {
        window_months: Some(13),
        list_trend_weight: 0.5,
        carry_on: None,
    };
    row(
        "before: 13 months, half the list's change",
        &before,
        &starts,
    );
    let quick = std::env::args().any(|a| a == "quick");
    // The window: only later starts have more than 13 months before them.
    let later = [("2024-06", 6), ("2024-09", 6)];
    for w in [Some(6), Some(13), None] {
        for carry_on in [None, Some(CarryOn::CURRENT)] {
            let s = Settings {
                window_months: w,
                list_trend_weight: LIST_TREND_WEIGHT,
                carry_on,
            };
            let label = format!(
                "window {:?}, carry-on {}",
                w,
                if carry_on.is_some() { "yes" } else { "no" }
            );
            row(&label, &s, &starts);
            row(&format!("{label} (later starts)"), &s, &later);
        }
        if quick {
            break;
        }
    }
    if std::env::args().any(|a| a == "horizon") {
        for months in [3, 6, 12, 24] {
            let s = Settings {
                carry_on: Some(CarryOn {
                    months,
                    ..CarryOn::CURRENT
                }),
                ..Settings::CURRENT
            };
            row(&format!("carry-on over {months} months"), &s, &starts);
        }
        return;
    }
    for lw in [0.0, 0.25, 0.5] {
        for (wl, wq, wf) in [
            (0.0, 0.0, 0.0),
            (0.25, 0.0, 0.0),
            (0.0, 0.25, 0.0),
            (0.0, 0.0, 0.25),
            (0.0, 0.0, 0.5),
            (0.0, 0.0, 1.0),
        ] {
            let s = Settings {
                window_months: None,
                list_trend_weight: lw,
                carry_on: Some(CarryOn {
                    list_weight: wl,
                    within_18_weight: wq,
                    over_52_weight: wf,
                    ..CarryOn::CURRENT
                }),
            };
            row(
                &format!("list_trend {lw}, carry-on {wl}/{wq}/{wf}"),
                &s,
                &starts,
            );
        }
        if quick {
            break;
        }
    }
}
