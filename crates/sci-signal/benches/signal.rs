//! Criterion benchmarks of sci-signal at moderate sizes: FFTs (1-D power of two, prime,
//! real; 2-D batched), DCT, the convolution methods, IIR filtering and design.
//!
//! The large, SciPy-comparable workloads live in `cargo xtask bench --compare-scipy`.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use sci_core::ndarray::{Array1, Array2};
use sci_core::num_complex::Complex64;
use sci_signal::fft;
use sci_signal::{ConvolveOptions, Method, Mode};

fn noise(n: usize, seed: u64) -> Array1<f64> {
    // A small LCG keeps the benchmark self-contained and deterministic.
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    Array1::from_shape_fn(n, |_| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((state >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
    })
}

fn fft_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("fft");
    group.sample_size(20);
    for &n in &[4096usize, 65536, 65537] {
        let x = noise(n, 1);
        let z = x.mapv(|v| Complex64::new(v, -v));
        group.bench_with_input(BenchmarkId::new("fft", n), &n, |b, _| b.iter(|| fft::fft(&z).unwrap()));
        group.bench_with_input(BenchmarkId::new("rfft", n), &n, |b, _| b.iter(|| fft::rfft(&x).unwrap()));
        group.bench_with_input(BenchmarkId::new("dct2", n), &n, |b, _| b.iter(|| fft::dct(&x).unwrap()));
    }
    let m = Array2::from_shape_vec((512, 512), noise(512 * 512, 2).to_vec()).unwrap();
    let mc = m.mapv(|v| Complex64::new(v, 0.5 * v));
    group.bench_function("fft2_512x512", |b| b.iter(|| fft::fft2(&mc).unwrap()));
    group.bench_function("rfft2_512x512", |b| b.iter(|| fft::rfft2(&m).unwrap()));
    group.bench_function("fft_axis0_512x512", |b| {
        b.iter(|| fft::fft_with(&mc, &fft::FftOptions { axis: 0, ..Default::default() }).unwrap())
    });
    group.finish();
}

fn convolve_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("convolve");
    group.sample_size(20);
    let x = noise(100_000, 3);
    for &k in &[16usize, 256] {
        let h = noise(k, 4);
        for (name, method) in [("direct", Method::Direct), ("fft", Method::Fft)] {
            let o = ConvolveOptions { mode: Mode::Same, method };
            group.bench_with_input(BenchmarkId::new(name, k), &k, |b, _| {
                b.iter(|| sci_signal::convolve_with(&x, &h, &o).unwrap())
            });
        }
        group.bench_with_input(BenchmarkId::new("oaconvolve", k), &k, |b, _| {
            b.iter(|| sci_signal::oaconvolve(&x, &h).unwrap())
        });
    }
    let img = Array2::from_shape_vec((256, 256), noise(256 * 256, 5).to_vec()).unwrap();
    let ker = Array2::from_shape_vec((5, 5), noise(25, 6).to_vec()).unwrap();
    group
        .bench_function("convolve2d_256x256_5x5", |b| b.iter(|| sci_signal::convolve2d(&img, &ker).unwrap()));
    group.finish();
}

fn filter_benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("filter");
    group.sample_size(20);
    let x = noise(100_000, 7);
    let ba = sci_signal::butter(8, 0.1).unwrap();
    let sos = sci_signal::butter_sos(8, &[0.1], &sci_signal::IirOptions::default()).unwrap();
    group
        .bench_function("lfilter_butter8_1e5", |b| b.iter(|| sci_signal::lfilter(&ba.b, &ba.a, &x).unwrap()));
    group.bench_function("sosfilt_butter8_1e5", |b| b.iter(|| sci_signal::sosfilt(&sos, &x).unwrap()));
    group.bench_function("filtfilt_butter8_1e5", |b| {
        b.iter(|| sci_signal::filtfilt(&ba.b, &ba.a, &x).unwrap())
    });
    group
        .bench_function("sosfiltfilt_butter8_1e5", |b| b.iter(|| sci_signal::sosfiltfilt(&sos, &x).unwrap()));
    group.bench_function("butter_sos_order8", |b| {
        b.iter(|| sci_signal::butter_sos(8, &[0.1], &sci_signal::IirOptions::default()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, fft_benches, convolve_benches, filter_benches);
criterion_main!(benches);
