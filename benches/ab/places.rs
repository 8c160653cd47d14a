//! A Monte Carlo of one ICB with and without its places, for two builds of the model in one
//! process (issue 13.6: with places at most 1.5 times the time without). `before` (a commit)
//! and `after` (this checkout) are linked side by side as in `main.rs`; each round runs the
//! four (each build without and with places) in a rotating order, timing wall and this
//! thread's CPU time. The first round also checks that the two builds give the same figures
//! (their `Debug` text, every number to the last bit). Built and run by
//! `scripts/bench-before-after.sh`.
//!
//! `ab_places [RUNS] [ROUNDS] [ICB]` (default 1000, 7, QE1) prints `key value` lines.
//! `ab_places cli` runs CLI commands (back-cast, backtests, runs and Monte Carlos with and
//! without places) through both builds and says whether their output is byte for byte the
//! same.
use std::hint::black_box;
use std::time::Instant;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("cli") {
        return same_cli_output();
    }
    let arg = |i: usize| std::env::args().nth(i);
    let runs: usize = arg(1).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let rounds: usize = arg(2).and_then(|a| a.parse().ok()).unwrap_or(7);
    let code = arg(3).unwrap_or_else(|| "QE1".into());
    let bb = before::model::Baseline::for_code(&code).expect("an ICB code");
    let sb = before::model::Scenario {
        system: bb.code.clone(),
        ..before::model::Scenario::default()
    };
    let ba = after::model::Baseline::for_code(&code).expect("an ICB code");
    let sa = after::model::Scenario {
        system: ba.code.clone(),
        ..after::model::Scenario::default()
    };
    let seed = |round: usize| 2025 + round as u64;
    // The four jobs: build x (without, with places).
    let jobs: [&dyn Fn(usize) -> String; 4] = [
        &|r| format!("{:?}", black_box(before::model::monte_carlo(&bb, &sb, runs, seed(r))).runs),
        &|r| {
            let p = before::model::places::places_monte_carlo(&bb, &sb, runs, seed(r)).unwrap();
            if r == 0 { format!("{p:?}") } else { String::new() }
        },
        &|r| format!("{:?}", black_box(after::model::monte_carlo(&ba, &sa, runs, seed(r))).runs),
        &|r| {
            let p = after::model::places::places_monte_carlo(&ba, &sa, runs, seed(r)).unwrap();
            if r == 0 { format!("{p:?}") } else { String::new() }
        },
    ];
    let names = ["before_without", "before_with", "after_without", "after_with"];
    // `ab_places RUNS ROUNDS ICB JOB`: only that job (0-3, in `names` order), for profiling.
    if let Some(j) = arg(4).and_then(|a| a.parse::<usize>().ok()) {
        for round in 0..rounds {
            black_box(jobs[j](round + 1));
        }
        return;
    }
    let mut wall = vec![Vec::new(); 4];
    let mut cpu = vec![Vec::new(); 4];
    let mut texts = vec![String::new(); 4];
    for round in 0..rounds {
        for j in 0..4 {
            let job = (j + round) % 4;
            let (t, c) = (Instant::now(), thread_cpu_ns());
            let text = jobs[job](round);
            wall[job].push(t.elapsed().as_secs_f64());
            cpu[job].push((thread_cpu_ns() - c) as f64 / 1e9);
            if round == 0 {
                texts[job] = text;
            }
        }
    }
    println!("icb {code}");
    println!("runs {runs}");
    println!("rounds {rounds}");
    println!("same_figures {}", texts[1] == texts[3]);
    let median = |v: &[f64]| {
        let mut v = v.to_vec();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    for (what, t) in [("wall", &wall), ("cpu", &cpu)] {
        for j in 0..4 {
            println!("{what}_{} {:.4}", names[j], median(&t[j]));
        }
        // Within each round: with / without, for each build.
        let ratio = |w: usize, wo: usize| {
            median(&(0..rounds).map(|r| t[w][r] / t[wo][r]).collect::<Vec<_>>())
        };
        println!("{what}_before_ratio {:.3}", ratio(1, 0));
        println!("{what}_after_ratio {:.3}", ratio(3, 2));
        println!("{what}_with_after_over_before {:.3}", ratio(3, 1));
        println!("{what}_without_after_over_before {:.3}", ratio(2, 0));
    }
}

/// This thread's CPU time in nanoseconds (`CLOCK_THREAD_CPUTIME_ID`).
fn thread_cpu_ns() -> u64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for clock_gettime to write.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as u64 * 1_000_000_000 + t.tv_nsec as u64
}

/// CLI commands through both builds (`ics_whatif::cli::run_with`): the same bytes out?
fn same_cli_output() {
    let commands: &[&str] = &[
        "backcast --format json",
        "backtest --ics all --from 2024-03 --months 12 --format csv",
        "backtest --ics all --from 2023-09 --months 6 --format csv",
        "run --format csv",
        "run --years 20 --format json",
        "run --ics all --format csv",
        "run --ics QE1 --by place --format csv",
        "run --runs 300 --seed 7 --format csv",
        "run --ics QE1 --runs 200 --seed 7 --by place --format csv",
        "run --ics QHM --runs 200 --seed 3 --by gaps --format csv",
        "run --runs 200 --seed 7 --set demand_growth_pct=0 --format json",
        "run --set prevention_gbp_per_head=60 --set deprived_priority_pct=30 --set long_wait_focus_pct=15 --years 20 --format csv",
        "sensitivity --ics QE1 --year 10",
        "calibration --format csv",
    ];
    let mut all_same = true;
    for c in commands {
        let args: Vec<String> = c.split_whitespace().map(String::from).collect();
        let (mut bo, mut be, mut ao, mut ae) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let bc = before::cli::run_with(&args, &mut bo, &mut be);
        let ac = after::cli::run_with(&args, &mut ao, &mut ae);
        let same = bc == ac && bo == ao && be == ae && ac == 0;
        if ac != 0 {
            println!("  {}", String::from_utf8_lossy(&ae).trim());
        }
        all_same &= same;
        println!(
            "{} ({} bytes out, exit {ac}): {c}",
            if same { "same" } else { "DIFFERENT" },
            ao.len()
        );
    }
    println!("all_same {all_same}");
}
