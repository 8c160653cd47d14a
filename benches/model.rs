//! Native benchmarks of the model: one deterministic 10-year run and a 1,000-run Monte
//! Carlo (targets: under 100 microseconds and under 100 ms on one core), plus the cost's
//! growth with horizon (1-20 years) and runs (100-10,000). `bash scripts/bench.sh` runs
//! them and writes the figures to benches/results.md.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use ics_whatif::model::{monte_carlo, simulate, Baseline, Scenario};
use std::hint::black_box;
use std::time::Duration;

fn deterministic(c: &mut Criterion) {
    let base = Baseline::england();
    let s = Scenario::default();
    c.bench_function("deterministic_10y", |b| {
        b.iter(|| simulate(black_box(&base), black_box(&s)))
    });
    let mut g = c.benchmark_group("deterministic_by_horizon");
    for years in [1u32, 5, 10, 20] {
        let s = Scenario {
            years,
            ..Scenario::default()
        };
        g.bench_with_input(BenchmarkId::from_parameter(years), &s, |b, s| {
            b.iter(|| simulate(&base, s))
        });
    }
    g.finish();
}

fn monte(c: &mut Criterion) {
    let base = Baseline::england();
    let s = Scenario::default();
    let mut g = c.benchmark_group("monte_carlo_10y");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for runs in [100usize, 1000, 10_000] {
        g.bench_with_input(BenchmarkId::from_parameter(runs), &runs, |b, &runs| {
            b.iter(|| monte_carlo(&base, &s, runs, 1))
        });
    }
    g.finish();
}

criterion_group!(benches, deterministic, monte);
criterion_main!(benches);
