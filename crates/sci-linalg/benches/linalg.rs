//! Criterion benchmarks of the core sci-linalg kernels at moderate sizes.
//!
//! The large, SciPy-comparable workloads live in `cargo xtask bench --compare-scipy`.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use sci_core::ndarray::{Array1, Array2};

fn matrix(n: usize, m: usize, seed: u64) -> Array2<f64> {
    // A small LCG keeps the benchmark self-contained and deterministic.
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    Array2::from_shape_fn((n, m), |_| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    })
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("linalg");
    group.sample_size(20);
    for &n in &[64usize, 256] {
        let a = matrix(n, n, 1);
        let b = matrix(n, n, 2);
        let rhs = Array1::from_iter((0..n).map(|i| i as f64));
        let spd = sci_linalg::matmul(&a, &a.t()).unwrap() + Array2::<f64>::eye(n) * n as f64;
        group.bench_with_input(BenchmarkId::new("matmul", n), &n, |bch, _| {
            bch.iter(|| sci_linalg::matmul(&a, &b).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("solve", n), &n, |bch, _| {
            bch.iter(|| sci_linalg::solve(&a, &rhs).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("inv", n), &n, |bch, _| {
            bch.iter(|| sci_linalg::inv(&a).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("det", n), &n, |bch, _| {
            bch.iter(|| sci_linalg::det(&a).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("cholesky", n), &n, |bch, _| {
            bch.iter(|| sci_linalg::cholesky(&spd).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("svdvals", n), &n, |bch, _| {
            bch.iter(|| sci_linalg::svdvals(&a).unwrap())
        });
    }
    group.finish();
}

criterion_group!(linalg, benches);
criterion_main!(linalg);
