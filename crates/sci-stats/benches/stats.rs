//! Criterion benchmarks of sci-stats at moderate sizes.
//!
//! The large, SciPy-comparable workloads live in `cargo xtask bench --compare-scipy --module stats`.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use sci_core::ndarray::Array1;

fn sample(n: usize, seed: u64) -> Array1<f64> {
    // A small LCG keeps the benchmark self-contained and deterministic.
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    Array1::from_shape_fn(n, |_| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    })
}

fn descriptive(c: &mut Criterion) {
    let mut group = c.benchmark_group("stats");
    group.sample_size(20);
    for &n in &[10_000usize, 1_000_000] {
        let x = sample(n, 1);
        let p = Array1::linspace(0.0, 1.0, 11);
        group.bench_with_input(BenchmarkId::new("describe", n), &n, |b, _| {
            b.iter(|| sci_stats::describe(&x).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("skew", n), &n, |b, _| {
            b.iter(|| sci_stats::skew(&x).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("quantile", n), &n, |b, _| {
            b.iter(|| sci_stats::quantile(&x, &p).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("rankdata", n), &n, |b, _| {
            b.iter(|| sci_stats::rankdata(&x).unwrap())
        });
    }
    group.finish();
}

fn distributions(c: &mut Criterion) {
    use sci_stats::{ContinuousDistribution, Norm};
    let mut group = c.benchmark_group("stats");
    group.sample_size(20);
    let n = Norm::standard();
    for &len in &[10_000usize, 1_000_000] {
        let x = sample(len, 2).mapv(|v| 4.0 * v);
        let q = x.mapv(|v| (v + 4.0) / 8.0);
        group.bench_with_input(BenchmarkId::new("norm_cdf", len), &len, |b, _| b.iter(|| n.cdf_array(&x)));
        group.bench_with_input(BenchmarkId::new("norm_ppf", len), &len, |b, _| b.iter(|| n.ppf_array(&q)));
    }
    let t = sci_stats::StudentT::new(5.0, 0.0, 1.0).unwrap();
    let x = sample(100_000, 3).mapv(|v| 5.0 * v);
    group.bench_function("t_sf_1e5", |b| b.iter(|| t.sf_array(&x)));
    group.bench_function("norm_rvs_1e6", |b| {
        use sci_stats::rand::SeedableRng;
        b.iter(|| n.rvs(1_000_000, &mut sci_stats::rand::rngs::StdRng::seed_from_u64(1)))
    });
    group.finish();
}

fn tests(c: &mut Criterion) {
    let mut group = c.benchmark_group("stats");
    group.sample_size(20);
    let n = 1_000_000;
    let (x, noise) = (sample(n, 4), sample(n, 5));
    let y = &x + &noise;
    group.bench_function("ttest_ind_1e6", |b| b.iter(|| sci_stats::ttest_ind(&x, &noise).unwrap()));
    group.bench_function("pearsonr_1e6", |b| b.iter(|| sci_stats::pearsonr(&x, &y).unwrap()));
    group.bench_function("spearmanr_1e6", |b| b.iter(|| sci_stats::spearmanr(&x, &y).unwrap()));
    // n > 50: the normal approximation after one O(n log n) ranking of |d|.
    let d = sample(100_000, 6);
    group.bench_function("wilcoxon_1e5", |b| b.iter(|| sci_stats::wilcoxon(&d).unwrap()));
    group.finish();
}

fn multivariate(c: &mut Criterion) {
    use sci_core::ndarray::Array2;
    let mut group = c.benchmark_group("stats");
    group.sample_size(20);
    let d = 10;
    let cov = Array2::from_shape_fn((d, d), |(i, j)| 0.5f64.powi((i as i32 - j as i32).abs()));
    let mvn = sci_stats::MultivariateNormal::new(&Array1::zeros(d), &cov).unwrap();
    let x = sample(100_000 * d, 6).into_shape_with_order((100_000, d)).unwrap().mapv(|v| 3.0 * v);
    group.bench_function("mvn_logpdf_1e5_d10", |b| b.iter(|| mvn.logpdf(&x).unwrap()));
    group.finish();
}

criterion_group!(benches, descriptive, distributions, tests, multivariate);
criterion_main!(benches);
