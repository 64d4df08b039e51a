//! Criterion benchmarks of sci-optimize at moderate sizes.
//!
//! The SciPy-comparable workloads live in `cargo xtask bench --compare-scipy --module optimize`.
#![allow(missing_docs, clippy::unwrap_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use sci_core::ndarray::{Array1, ArrayView1, array};
use sci_optimize::*;

fn x0(n: usize) -> Array1<f64> {
    Array1::from_shape_fn(n, |i| 0.5 * ((i as f64 * 0.7548776662).fract() * 2.0 - 1.0))
}

fn benches(c: &mut Criterion) {
    let mut group = c.benchmark_group("optimize");
    group.sample_size(10);
    let g = |x: ArrayView1<'_, f64>| rosen_der(&x);
    for n in [10usize, 50] {
        let start = x0(n);
        group.bench_function(format!("bfgs_rosen_{n}"), |b| {
            b.iter(|| {
                let o = MinimizeOptions {
                    method: Some(Method::Bfgs),
                    jac: Some(Jac::Callable(&g)),
                    ..Default::default()
                };
                minimize_with(|x| rosen(&x), &start, &o).unwrap()
            })
        });
        group.bench_function(format!("lbfgsb_rosen_{n}"), |b| {
            b.iter(|| {
                let o = MinimizeOptions {
                    method: Some(Method::LBfgsB),
                    jac: Some(Jac::Callable(&g)),
                    ..Default::default()
                };
                minimize_with(|x| rosen(&x), &start, &o).unwrap()
            })
        });
    }
    let start = x0(5);
    group.bench_function("neldermead_rosen_5", |b| {
        b.iter(|| {
            let o = MinimizeOptions { method: Some(Method::NelderMead), ..Default::default() };
            minimize_with(|x| rosen(&x), &start, &o).unwrap()
        })
    });
    // HS071 with trust-constr: analytic gradient, BFGS Hessians, interior-point method.
    let hs071 = |x: ArrayView1<'_, f64>| x[0] * x[3] * (x[0] + x[1] + x[2]) + x[2];
    let hs071_grad = |x: ArrayView1<'_, f64>| {
        array![x[3] * (2.0 * x[0] + x[1] + x[2]), x[0] * x[3], x[0] * x[3] + 1.0, x[0] * (x[0] + x[1] + x[2])]
    };
    let hs071_cons = |x: ArrayView1<'_, f64>| array![x[0] * x[1] * x[2] * x[3], x.dot(&x)];
    group.bench_function("trust_constr_hs071", |b| {
        b.iter(|| {
            let o = MinimizeOptions {
                method: Some(Method::TrustConstr),
                jac: Some(Jac::Callable(&hs071_grad)),
                bounds: Some(Bounds::new(Array1::ones(4), Array1::from_elem(4, 5.0))),
                nonlinear_constraints: vec![NonlinearConstraint {
                    fun: &hs071_cons,
                    lb: array![25.0, 40.0],
                    ub: array![f64::INFINITY, 40.0],
                    jac: None,
                }],
                ..Default::default()
            };
            minimize_with(hs071, &array![1.0, 5.0, 5.0, 1.0], &o).unwrap()
        })
    });
    let x: Array1<f64> = Array1::linspace(0.0, 4.0, 10_000);
    let y = x.mapv(|t| 2.5 * (-1.3 * t).exp() + 0.5 + 0.01 * (t * 37.0).sin());
    group.bench_function("curve_fit_exp_1e4", |b| {
        let model =
            |x: ArrayView1<'_, f64>, p: ArrayView1<'_, f64>| x.mapv(|t| p[0] * (-p[1] * t).exp() + p[2]);
        b.iter(|| curve_fit(model, &x, &y, &array![1.0, 1.0, 0.0]).unwrap())
    });
    group.bench_function("least_squares_exp_1e4", |b| {
        let resid = |p: ArrayView1<'_, f64>| x.mapv(|t| p[0] * (-p[1] * t).exp() + p[2]) - &y;
        b.iter(|| least_squares(resid, &array![1.0, 1.0, 0.0]).unwrap())
    });
    group.bench_function("brentq_cubic_1e3", |b| {
        b.iter(|| {
            for i in 0..1000 {
                let c = i as f64 / 1000.0;
                brentq(|x| x * x * x - 2.0 * x - 5.0 - c, 2.0, 3.0).unwrap();
            }
        })
    });
    let cost = sci_core::ndarray::Array2::from_shape_fn((100, 120), |(i, j)| ((i * 31 + j * 17) % 97) as f64);
    group.bench_function("linear_sum_assignment_100x120", |b| {
        b.iter(|| linear_sum_assignment(&cost).unwrap())
    });
    group.finish();
}

criterion_group!(optimize, benches);
criterion_main!(optimize);
