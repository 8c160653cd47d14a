//! Fits the queue's hazard family and clinical priority on both shared RTT series at once
//! and prints the fit: `cargo run --release --example queue_fit`. The shipped
//! `queue::CALIBRATED` and `queue::PRIORITY` came from it.

use ics_whatif::model::backcast::{
    backcast_with, calibrate, errors, joint_score, parse_history, FitParams, HistoryMonth,
};
use ics_whatif::model::queue::HazardShape;
use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};

const WARM_UP: usize = 6;

fn load(file: &str) -> Vec<HistoryMonth> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/data/");
    parse_history(&std::fs::read_to_string(format!("{dir}{file}")).unwrap()).unwrap()
}

fn main() {
    let a = load("rtt_england_monthly_to_2019.csv");
    let b = load("rtt_england_monthly_2020_2023.csv");
    let hs: [&[HistoryMonth]; 2] = [&a, &b];
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let mut best = (
        FitParams::SHIPPED,
        joint_score(&hs, WARM_UP, &FitParams::SHIPPED),
    );
    println!("shipped score {:.3}", best.1);
    // Random restarts around the best so far (log-uniform factors), then coordinate search.
    let tries: usize = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000);
    let mut rng = StdRng::seed_from_u64(1);
    for i in 0..tries {
        let mut p = best.0;
        let spread = if i % 2 == 0 { 0.7 } else { 0.2 };
        for v in [
            &mut p.shape.new_weight,
            &mut p.shape.decay,
            &mut p.shape.boost_18,
            &mut p.shape.boost_52,
            &mut p.shape.removal_slope,
            &mut p.priority.urgent_share,
            &mut p.priority.slack_months,
            &mut p.priority.slack_fade,
            &mut p.priority.standards_floor,
            &mut p.priority.recent_months,
        ] {
            let f: f64 = rng.random::<f64>() * 2.0 - 1.0;
            *v = (*v).max(0.01) * (f * spread).exp();
        }
        p.priority.urgent_share = p.priority.urgent_share.min(0.9);
        p.priority.standards_floor = p.priority.standards_floor.min(1.0);
        p.priority.recent_months = p.priority.recent_months.max(1.0);
        let s = joint_score(&hs, WARM_UP, &p);
        if s < best.1 {
            best = (p, s);
            println!("try {i}: {s:.3}");
        }
    }
    println!("search best {:.3}: {:?}", best.1, best.0);
    let (p, s) = calibrate(&hs, WARM_UP, best.0, rounds);
    println!("fitted score {s:.3}\n{p:#?}");
    if std::env::var("FIT_ROWS").is_ok() {
        print_rows(&hs, &p);
    }
    for h in hs {
        let e = errors(
            &backcast_with(h, &HazardShape::family(p.shape), &p.priority),
            WARM_UP,
        );
        println!("{e:?}");
    }
}

/// Prints each month of both back-casts with the given parameters (env FIT_ROWS=1).
pub fn print_rows(hs: &[&[HistoryMonth]], p: &FitParams) {
    for h in hs {
        for r in backcast_with(h, &HazardShape::family(p.shape), &p.priority) {
            println!(
                "{} 18wk {:5.1} {:5.1}  52wk {:8.0} {:8.0}",
                &r.month[..7],
                r.actual_within_18_weeks_pct,
                r.model_within_18_weeks_pct,
                r.actual_over_52_weeks,
                r.model_over_52_weeks
            );
        }
    }
}
