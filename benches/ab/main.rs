//! The deterministic 10-year England run of two builds of the model, timed in one process:
//! `before` (a commit, default 82ab508) and `after` (this checkout), linked side by side
//! into this one binary with the same compiler flags and run in alternating batches on one
//! core, so whatever else the machine is doing slows both alike. Built and run by
//! `scripts/bench-before-after.sh`, which writes its Cargo.toml (the two builds as two
//! dependencies) in a scratch directory beside this checkout.
//!
//! `ab [PAIRS] [BATCH]` prints one line per figure, `key value`, for the script to read:
//! batches, runs a batch, each build's median and least µs per run, the ratio of the
//! medians, and the median and quartiles of the ratio within each pair of batches.
//! `ab count before|after N` runs one build N times and nothing else (for callgrind).
//! `ab hash` prints a hash of many of the after build's outputs (every preset for England
//! and three ICBs, levers that reach the less-used paths, Monte Carlos with and without
//! places), to check that a change for speed changed no number: the hash is the same
//! before and after such a change.
use std::hint::black_box;
use std::time::Instant;

fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("count") => return count(),
        Some("hash") => return hash(),
        _ => {}
    }
    let arg = |i: usize, d: usize| {
        std::env::args()
            .nth(i)
            .and_then(|a| a.parse().ok())
            .unwrap_or(d)
    };
    let pairs = arg(1, 400);
    let batch = arg(2, 20);
    let bb = before::model::Baseline::england();
    let sb = before::model::Scenario::default();
    let ba = after::model::Baseline::england();
    let sa = after::model::Scenario::default();
    let time_before = || {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(before::model::simulate(black_box(&bb), black_box(&sb)));
        }
        t.elapsed().as_secs_f64() * 1e6 / batch as f64
    };
    let time_after = || {
        let t = Instant::now();
        for _ in 0..batch {
            black_box(after::model::simulate(black_box(&ba), black_box(&sa)));
        }
        t.elapsed().as_secs_f64() * 1e6 / batch as f64
    };
    // Warm up both (caches, branch predictors, the page's first touches).
    for _ in 0..20 {
        time_before();
        time_after();
    }
    let (mut b, mut a, mut ratio) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..pairs {
        // Alternate which goes first, so neither always follows the other.
        let (tb, ta) = if i % 2 == 0 {
            let tb = time_before();
            (tb, time_after())
        } else {
            let ta = time_after();
            (time_before(), ta)
        };
        b.push(tb);
        a.push(ta);
        ratio.push(ta / tb);
    }
    let sorted = |v: &mut Vec<f64>| v.sort_by(f64::total_cmp);
    sorted(&mut b);
    sorted(&mut a);
    sorted(&mut ratio);
    let at = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
    println!("pairs {pairs}");
    println!("batch {batch}");
    println!("before_median_us {:.1}", at(&b, 0.5));
    println!("before_least_us {:.1}", b[0]);
    println!("after_median_us {:.1}", at(&a, 0.5));
    println!("after_least_us {:.1}", a[0]);
    println!("ratio_of_medians {:.3}", at(&a, 0.5) / at(&b, 0.5));
    println!("ratio_of_least {:.3}", a[0] / b[0]);
    println!("pair_ratio_median {:.3}", at(&ratio, 0.5));
    println!("pair_ratio_q1 {:.3}", at(&ratio, 0.25));
    println!("pair_ratio_q3 {:.3}", at(&ratio, 0.75));
}

/// One build's run, `N` times (`ab count before|after N`).
fn count() {
    let which = std::env::args().nth(2).unwrap_or_default();
    let n: usize = std::env::args()
        .nth(3)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100);
    let mut months = 0;
    if which == "before" {
        let (b, s) = (
            before::model::Baseline::england(),
            before::model::Scenario::default(),
        );
        for _ in 0..n {
            months += before::model::simulate(black_box(&b), black_box(&s)).months.len();
        }
    } else {
        let (b, s) = (
            after::model::Baseline::england(),
            after::model::Scenario::default(),
        );
        for _ in 0..n {
            months += after::model::simulate(black_box(&b), black_box(&s)).months.len();
        }
    }
    println!("{months}");
}

/// A hash of the after build's outputs (`ab hash`): `Debug` prints every `f64` to the last
/// bit, so any changed figure changes the hash.
fn hash() {
    use after::model::{monte_carlo, places, simulate, Baseline, Lever, Scenario};
    use std::hash::{Hash, Hasher};
    let mut all = std::collections::hash_map::DefaultHasher::new();
    let mut part = |name: &str, text: String| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut h);
        text.hash(&mut all);
        println!("{name} {:016x}", h.finish());
    };
    for code in ["england", "QE1", "QHM", "QKS"] {
        let base = Baseline::for_code(code).expect("a system");
        for preset in after::scenario::presets::presets() {
            for years in [10, 20] {
                let s = preset.apply(code, years);
                part(&format!("{code} {} {years}y", preset.key), format!("{:?}", simulate(&base, &s)));
            }
        }
        let mut s = Scenario {
            system: code.into(),
            ..Scenario::default()
        };
        s.levers[Lever::PreventionSpend] = 60.0;
        s.levers[Lever::PreventionTargeting] = 40.0;
        s.levers[Lever::DeprivedPriority] = 30.0;
        s.levers[Lever::LongWaitFocus] = 15.0;
        part(&format!("{code} levers"), format!("{:?}", simulate(&base, &s)));
        part(&format!("{code} levers mc"), format!("{:?}", monte_carlo(&base, &s, 40, 3)));
        let s = Scenario {
            system: code.into(),
            ..Scenario::default()
        };
        part(&format!("{code} mc"), format!("{:?}", monte_carlo(&base, &s, 60, 7)));
        if code != "england" {
            part(
                &format!("{code} places mc"),
                format!("{:?}", places::places_monte_carlo(&base, &s, 60, 7)),
            );
        }
    }
    for sys in &after::data::systems()[1..] {
        let base = Baseline::for_system(sys);
        let s = Scenario {
            system: base.code.clone(),
            ..Scenario::default()
        };
        let p = simulate(&base, &s);
        let starts = places::place_starts(&base.code).expect("places");
        let pp = places::project_places(&base, &s, &p, &starts);
        part(&format!("{} default+places", base.code), format!("{p:?}{pp:?}"));
    }
    println!("all {:016x}", all.finish());
}
