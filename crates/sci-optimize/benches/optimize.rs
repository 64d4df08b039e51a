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
    // HS071 with COBYLA: derivative-free, the equality as two inequalities.
    let hs071_ineq = |x: ArrayView1<'_, f64>| array![x[0] * x[1] * x[2] * x[3] - 25.0];
    let hs071_eq = |x: ArrayView1<'_, f64>| array![x.dot(&x) - 40.0];
    group.bench_function("cobyla_hs071", |b| {
        b.iter(|| {
            let o = MinimizeOptions {
                method: Some(Method::Cobyla),
                bounds: Some(Bounds::new(Array1::ones(4), Array1::from_elem(4, 5.0))),
                constraints: vec![Constraint::ineq(&hs071_ineq), Constraint::eq(&hs071_eq)],
                ..Default::default()
            };
            minimize_with(hs071, &array![1.0, 5.0, 5.0, 1.0], &o).unwrap()
        })
    });
    // TNC on Rosenbrock in 100 dimensions with the analytic gradient.
    let start = x0(100);
    group.bench_function("tnc_rosen_100", |b| {
        b.iter(|| {
            let o = MinimizeOptions {
                method: Some(Method::Tnc),
                jac: Some(Jac::Callable(&g)),
                ..Default::default()
            };
            minimize_with(|x| rosen(&x), &start, &o).unwrap()
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
    let (lp_c, lp_opts) = sparse_lp(1000, 2000, 20_000);
    group.bench_function("linprog_sparse_1000x2000", |b| b.iter(|| linprog_with(&lp_c, &lp_opts).unwrap()));
    group.finish();
}

/// A feasible sparse LP `min cᵀx, A x ≤ b, 0 ≤ x ≤ 10` with `nnz` entries at pseudo-random
/// positions plus one per row and column (a 64-bit LCG drives positions and values).
fn sparse_lp(m: usize, n: usize, nnz: usize) -> (Array1<f64>, LinprogOptions) {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut t = sprs::TriMat::new((m, n));
    for k in 0..nnz + m + n {
        let (i, j) = (((next() * m as f64) as usize), ((next() * n as f64) as usize));
        let (i, j) = if k < nnz {
            (i, j)
        } else if k < nnz + m {
            (k - nnz, j)
        } else {
            (i, k - nnz - m)
        };
        t.add_triplet(i, j, 2.0 * next() - 1.0);
    }
    let a: sprs::CsMat<f64> = t.to_csr();
    let xf: Vec<f64> = (0..n).map(|_| 2.0 * next()).collect();
    let mut b: Array1<f64> = (0..m).map(|_| 0.1 + next()).collect();
    for (&v, (i, j)) in a.iter() {
        b[i] += v * xf[j];
    }
    let c: Array1<f64> = (0..n).map(|_| 2.0 * next() - 1.0).collect();
    let opts = LinprogOptions {
        a_ub: Some(a.into()),
        b_ub: Some(b),
        bounds: Some(vec![(0.0, 10.0)]),
        ..Default::default()
    };
    (c, opts)
}

criterion_group!(optimize, benches);
criterion_main!(optimize);
