//! Measures calibration settings on the backtests over all 43 systems: the window, the share
//! of the list's change the fit through the window carries on, and the start-stage fit with
//! shares of each recent trend carried on. Tuning rule: a setting is chosen on the backtests
//! from September 2023 (6 and 12 months) only; March 2024 is held out and reported.
//! `cargo run --release --example backtest_tune [quick|horizon|time|table]` (`horizon`: the months
//! the start-stage fit matches; `time`: how long calibrating all 43 systems takes; `table`:
//! README's layout, each cell model vs naive with the systems beating naive and the ratio, for
//! the tuning starts (September 2023; June and September 2024) and the held-out March 2024,
//! for the model's settings and the alternatives of issue 10 item 6).
use ics_whatif::data::rtt::Period;
use ics_whatif::model::baseline::Calendar;
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

/// One README-style cell per metric: "model vs naive (k of 43; ratio)".
fn table(label: &str, settings: &Settings) {
    let starts = [
        ("2023-09", 6, "tuning"),
        ("2023-09", 12, "tuning"),
        ("2024-06", 6, "tuning"),
        ("2024-09", 6, "tuning"),
        ("2024-03", 6, "held out"),
        ("2024-03", 12, "held out"),
    ];
    println!("## {label}");
    let mut tuning = [0.0; 3];
    for (from, months, role) in starts {
        let tests = backtest_all_with(Period::parse(from).unwrap(), months, settings)
            .expect("published months");
        let (m, n) = mean_errors(&tests);
        let beats = |f: fn(&ics_whatif::model::track_record::Errors) -> f64| {
            tests
                .iter()
                .filter(|t| f(&t.model_errors) < f(&t.naive_errors))
                .count()
        };
        let k = [
            beats(|e| e.list_change_pct),
            beats(|e| e.within_18_weeks_pts),
            beats(|e| e.over_52_weeks_pct),
        ];
        let r = [
            m.list_change_pct / n.list_change_pct,
            m.within_18_weeks_pts / n.within_18_weeks_pts,
            m.over_52_weeks_pct / n.over_52_weeks_pct,
        ];
        if role == "tuning" {
            for i in 0..3 {
                tuning[i] += r[i] / 4.0;
            }
        }
        println!(
            "| {from} ({role}) | {months} | {:.2} vs {:.2} ({} of {}; {:.2}x) | {:.2} vs {:.2} ({}; {:.2}x) | {:.1} vs {:.1} ({}; {:.2}x) |",
            m.list_change_pct,
            n.list_change_pct,
            k[0],
            tests.len(),
            r[0],
            m.within_18_weeks_pts,
            n.within_18_weeks_pts,
            k[1],
            r[1],
            m.over_52_weeks_pct,
            n.over_52_weeks_pct,
            k[2],
            r[2]
        );
    }
    println!(
        "tuning mean ratio: list {:.3}x, 18-week {:.3}x, 52-week {:.3}x",
        tuning[0], tuning[1], tuning[2]
    );
}

fn main() {
    if std::env::args().any(|a| a == "table") {
        let now = Settings::CURRENT;
        // Each variant: (label, calendar, path fit, starting profile shaped).
        let v = |label: &str, seasonal, path, shaped| {
            (
                label.to_string(),
                Settings {
                    seasonal,
                    carry_on: Some(CarryOn {
                        path,
                        shaped,
                        ..CarryOn::CURRENT
                    }),
                    ..now
                },
            )
        };
        use Calendar::{Daily, Monthly, Off};
        let variants: Vec<(String, Settings)> = vec![
            ("the model's settings".to_string(), now),
            v(
                "before: the start-stage fit on the published profile",
                Off,
                false,
                false,
            ),
            v(
                "path: least squares month by month (profile not shaped)",
                Off,
                true,
                false,
            ),
            v(
                "calendar: 2015-2019 clock starts and completions by month (profile not shaped)",
                Monthly,
                false,
                false,
            ),
            v("calendar per day (profile not shaped)", Daily, false, false),
            v(
                "calendar and path (profile not shaped)",
                Monthly,
                true,
                false,
            ),
            v(
                "shaped: the starting profile shaped by the start-stage boosts",
                Off,
                false,
                true,
            ),
            v("shaped and calendar", Monthly, false, true),
            v("shaped and calendar per day", Daily, false, true),
            v("shaped and path", Off, true, true),
        ];
        if std::env::args().any(|a| a == "show") {
            // `table show VARIANT CODE FROM MONTHS`: one system's months, model and published.
            let a: Vec<String> = std::env::args().collect();
            let v: usize = a[3].parse().unwrap();
            let t = ics_whatif::model::track_record::backtest_with(
                &a[4],
                Period::parse(&a[5]).unwrap(),
                a[6].parse().unwrap(),
                &variants[v].1,
            )
            .unwrap();
            println!("{}: {:?}", variants[v].0, t.calibration.fit);
            println!(
                "errors, model vs naive: list {:.2}% vs {:.2}%, 18-week {:.2} vs {:.2} points, 52-week {:.1}% vs {:.1}%",
                t.model_errors.list_change_pct,
                t.naive_errors.list_change_pct,
                t.model_errors.within_18_weeks_pts,
                t.naive_errors.within_18_weeks_pts,
                t.model_errors.over_52_weeks_pct,
                t.naive_errors.over_52_weeks_pct
            );
            for m in &t.months {
                println!(
                    "{} model {:.0} {:.2} {:.0} | published {:.0} {:.2} {:.0}",
                    m.period,
                    m.model.waiting_list,
                    m.model.within_18_weeks_pct,
                    m.model.over_52_weeks,
                    m.published.waiting_list,
                    m.published.within_18_weeks_pct,
                    m.published.over_52_weeks
                );
            }
            return;
        }
        let only: Vec<String> = std::env::args().skip(2).collect();

        for (i, (label, s)) in variants.iter().enumerate() {
            if only.is_empty() || only.contains(&i.to_string()) {
                table(label, s);
            }
        }
        return;
    }
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
        seasonal: Calendar::Off,
    };
    if std::env::args().any(|a| a == "time") {
        // Calibrating all 43 systems at their last published month, best of 5.
        use ics_whatif::data::rtt;
        use ics_whatif::model::calibration::{calibrate_with, window_of};
        let now = Settings::CURRENT;
        let runs = [
            ("before (13 months, no start-stage fit)", before),
            (
                "window from May 2023, no start-stage fit",
                Settings {
                    carry_on: None,
                    ..now
                },
            ),
            (
                "13 months, start-stage fit",
                Settings {
                    window_months: Some(13),
                    ..now
                },
            ),
            ("now (window from May 2023, start-stage fit)", now),
        ];
        for (label, settings) in runs {
            let mut best = f64::MAX;
            let mut errors = [0.0; 3];
            for _ in 0..5 {
                let t = std::time::Instant::now();
                errors = [0.0; 3];
                for sys in ics_whatif::data::systems() {
                    let h = rtt::history(&sys.code).unwrap();
                    let last = h.last().unwrap().period;
                    let c = std::hint::black_box(calibrate_with(
                        sys,
                        window_of(h, last, settings.window_months),
                        &settings,
                    ));
                    errors[0] += c.errors.list_rmse_pct / 43.0;
                    errors[1] += c.errors.within_18_weeks_mae_pts / 43.0;
                    errors[2] += c.errors.over_52_weeks_mean_ratio / 43.0;
                }
                best = best.min(t.elapsed().as_secs_f64());
            }
            println!(
                "{label}: {:.0} ms for 43 systems; fit over the window: list RMSE {:.2}%, 18-week {:.2} points, 52-week ratio {:.3}",
                best * 1e3,
                errors[0],
                errors[1],
                errors[2]
            );
        }
        return;
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
                seasonal: Calendar::Off,
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
                seasonal: Calendar::Off,
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
