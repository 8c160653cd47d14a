//! The deterministic 10-year England run of two builds of the model, timed in one process:
//! `before` (a commit, default 82ab508) and `after` (this checkout), linked side by side
//! into this one binary with the same compiler flags and run in alternating batches on one
//! core, so whatever else the machine is doing slows both alike. Built and run by
//! `scripts/bench-before-after.sh`, which writes its Cargo.toml (the two builds as two
//! dependencies) in a scratch directory beside this checkout.
//!
//! `ab [PAIRS] [BATCH]` prints one line per figure, `key value`, for the script to read:
//! batches, runs a batch, and for wall time and for this thread's CPU time (which leaves out
//! time the scheduler gave to other processes), each build's median and least µs per run,
//! the ratio of the medians, and the median and quartiles of the ratio within each pair of
//! batches.
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
    // Each batch's wall time and this thread's CPU time, in µs per run.
    let timed = |f: &dyn Fn()| {
        let (t, c) = (Instant::now(), thread_cpu_ns());
        for _ in 0..batch {
            f();
        }
        let per_run = |x: f64| x / batch as f64;
        (
            per_run(t.elapsed().as_secs_f64() * 1e6),
            per_run((thread_cpu_ns() - c) as f64 / 1e3),
        )
    };
    let run_before = || {
        black_box(before::model::simulate(black_box(&bb), black_box(&sb)));
    };
    let run_after = || {
        black_box(after::model::simulate(black_box(&ba), black_box(&sa)));
    };
    // Warm up both (caches, branch predictors, the pages' first touches).
    for _ in 0..20 {
        timed(&run_before);
        timed(&run_after);
    }
    let mut wall = Figures::default();
    let mut cpu = Figures::default();
    for i in 0..pairs {
        // Alternate which goes first, so neither always follows the other.
        let (b, a) = if i % 2 == 0 {
            let b = timed(&run_before);
            (b, timed(&run_after))
        } else {
            let a = timed(&run_after);
            (timed(&run_before), a)
        };
        wall.push(b.0, a.0);
        cpu.push(b.1, a.1);
    }
    println!("pairs {pairs}");
    println!("batch {batch}");
    wall.print("wall");
    cpu.print("cpu");
}

/// Per-batch times of the two builds, and their ratio within each pair.
#[derive(Default)]
struct Figures {
    before: Vec<f64>,
    after: Vec<f64>,
    ratio: Vec<f64>,
}

impl Figures {
    fn push(&mut self, before: f64, after: f64) {
        self.before.push(before);
        self.after.push(after);
        self.ratio.push(after / before);
    }

    fn print(mut self, what: &str) {
        for v in [&mut self.before, &mut self.after, &mut self.ratio] {
            v.sort_by(f64::total_cmp);
        }
        let at = |v: &[f64], p: f64| v[((v.len() - 1) as f64 * p).round() as usize];
        let (b, a, r) = (&self.before, &self.after, &self.ratio);
        println!("{what}_before_median_us {:.1}", at(b, 0.5));
        println!("{what}_before_least_us {:.1}", b[0]);
        println!("{what}_after_median_us {:.1}", at(a, 0.5));
        println!("{what}_after_least_us {:.1}", a[0]);
        println!("{what}_ratio_of_medians {:.3}", at(a, 0.5) / at(b, 0.5));
        println!("{what}_ratio_of_least {:.3}", a[0] / b[0]);
        println!("{what}_pair_ratio_median {:.3}", at(r, 0.5));
        println!("{what}_pair_ratio_q1 {:.3}", at(r, 0.25));
        println!("{what}_pair_ratio_q3 {:.3}", at(r, 0.75));
    }
}

/// This thread's CPU time in nanoseconds (`CLOCK_THREAD_CPUTIME_ID`): time the scheduler
/// gives to others on a busy machine is not counted.
fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
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
