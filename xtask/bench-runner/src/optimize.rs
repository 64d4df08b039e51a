//! The sci half of the `optimize` workloads (same names and inputs as `xtask/bench/scipy_optimize.py`).

use sci::ndarray::{Array1, ArrayView1, array};
use sci::optimize::{self as opt, Bounds, Constraint, Jac, Method, MinimizeOptions};

use crate::Workload;
use crate::splitmix::{matrix, uniform};

/// Rosenbrock start: entries uniform in [-0.5, 0.5).
fn rosen_x0(n: usize) -> Array1<f64> {
    matrix(21, 1, n).row(0).mapv(|v| 0.5 * v)
}

/// a·exp(−b·x)+c on m points in [0, 4] with ±0.05 noise (a=2.5, b=1.3, c=0.5).
fn exp_data(m: usize) -> (Array1<f64>, Array1<f64>) {
    let x: Array1<f64> = Array1::linspace(0.0, 4.0, m);
    let y = Array1::from_shape_fn(m, |i| {
        2.5 * (-1.3 * x[i]).exp() + 0.5 + 0.05 * (2.0 * uniform(22, i as u64) - 1.0)
    });
    (x, y)
}

fn grad(x: ArrayView1<'_, f64>) -> Array1<f64> {
    opt::rosen_der(&x)
}

pub(crate) fn workloads() -> Vec<Workload> {
    vec![
        Workload {
            name: "optimize/bfgs_rosen_100",
            setup: || {
                let x0 = rosen_x0(100);
                Box::new(move || {
                    let o = MinimizeOptions {
                        method: Some(Method::Bfgs),
                        jac: Some(Jac::Callable(&grad)),
                        ..Default::default()
                    };
                    opt::minimize_with(|x| opt::rosen(&x), &x0, &o).map(drop)
                })
            },
        },
        Workload {
            name: "optimize/lbfgsb_rosen_100",
            setup: || {
                let x0 = rosen_x0(100);
                Box::new(move || {
                    let o = MinimizeOptions {
                        method: Some(Method::LBfgsB),
                        jac: Some(Jac::Callable(&grad)),
                        bounds: Some(Bounds::new(Array1::from_elem(100, -2.0), Array1::from_elem(100, 2.0))),
                        ..Default::default()
                    };
                    opt::minimize_with(|x| opt::rosen(&x), &x0, &o).map(drop)
                })
            },
        },
        Workload {
            name: "optimize/neldermead_rosen_10",
            setup: || {
                let x0 = rosen_x0(10);
                Box::new(move || {
                    let o = MinimizeOptions { method: Some(Method::NelderMead), ..Default::default() };
                    opt::minimize_with(|x| opt::rosen(&x), &x0, &o).map(drop)
                })
            },
        },
        Workload {
            name: "optimize/curve_fit_exp_1e5",
            setup: || {
                let (x, y) = exp_data(100_000);
                Box::new(move || {
                    let model = |x: ArrayView1<'_, f64>, p: ArrayView1<'_, f64>| {
                        x.mapv(|t| p[0] * (-p[1] * t).exp() + p[2])
                    };
                    opt::curve_fit(model, &x, &y, &array![1.0, 1.0, 0.0]).map(drop)
                })
            },
        },
        Workload {
            name: "optimize/least_squares_exp_1e5",
            setup: || {
                let (x, y) = exp_data(100_000);
                Box::new(move || {
                    let resid = |p: ArrayView1<'_, f64>| {
                        let mut r = x.mapv(|t| p[0] * (-p[1] * t).exp() + p[2]);
                        r -= &y;
                        r
                    };
                    opt::least_squares(resid, &array![1.0, 1.0, 0.0]).map(drop)
                })
            },
        },
        Workload {
            name: "optimize/slsqp_docs",
            setup: || {
                Box::new(move || {
                    let c1 = |x: ArrayView1<'_, f64>| array![x[0] - 2.0 * x[1] + 2.0];
                    let c2 = |x: ArrayView1<'_, f64>| array![-x[0] - 2.0 * x[1] + 6.0];
                    let c3 = |x: ArrayView1<'_, f64>| array![-x[0] + 2.0 * x[1] + 2.0];
                    let o = MinimizeOptions {
                        method: Some(Method::Slsqp),
                        bounds: Some(Bounds::from_pairs(&[(Some(0.0), None), (Some(0.0), None)])),
                        constraints: vec![
                            Constraint::ineq(&c1),
                            Constraint::ineq(&c2),
                            Constraint::ineq(&c3),
                        ],
                        ..Default::default()
                    };
                    let f = |x: ArrayView1<'_, f64>| (x[0] - 1.0).powi(2) + (x[1] - 2.5).powi(2);
                    opt::minimize_with(f, &array![2.0, 0.0], &o).map(drop)
                })
            },
        },
        Workload {
            name: "optimize/brentq_cubic_1e4",
            setup: || {
                let shifts: Vec<f64> = (0..10_000).map(|i| uniform(23, i)).collect();
                Box::new(move || {
                    for &c in &shifts {
                        opt::brentq(|x| x * x * x - 2.0 * x - 5.0 - c, 2.0, 3.0)?;
                    }
                    Ok(())
                })
            },
        },
        Workload {
            name: "optimize/linprog_sparse_1000x2000",
            setup: || {
                let (c, a, b) = sparse_lp(1000, 2000, 20_000);
                Box::new(move || {
                    let o = opt::LinprogOptions {
                        a_ub: Some(a.clone().into()),
                        b_ub: Some(b.clone()),
                        bounds: Some(vec![(0.0, 10.0)]),
                        ..Default::default()
                    };
                    opt::linprog_with(&c, &o).map(drop)
                })
            },
        },
    ]
}

/// A feasible sparse LP `min cᵀx, A x ≤ b, 0 ≤ x ≤ 10`: `nnz` entries at uniform positions
/// plus one per row and one per column, values uniform in [-1, 1); `b = A x_f + 0.1 + u` for
/// `x_f` uniform in [0, 2); `c` uniform in [-1, 1).
fn sparse_lp(m: usize, n: usize, nnz: usize) -> (Array1<f64>, opt::sprs::CsMat<f64>, Array1<f64>) {
    let total = nnz + m + n;
    let mut t = opt::sprs::TriMat::new((m, n));
    for k in 0..total {
        let (i, j) = if k < nnz {
            ((uniform(31, k as u64) * m as f64) as usize, (uniform(32, k as u64) * n as f64) as usize)
        } else if k < nnz + m {
            (k - nnz, (uniform(32, k as u64) * n as f64) as usize)
        } else {
            ((uniform(31, k as u64) * m as f64) as usize, k - nnz - m)
        };
        t.add_triplet(i, j, 2.0 * uniform(33, k as u64) - 1.0);
    }
    let a: opt::sprs::CsMat<f64> = t.to_csr();
    let xf: Vec<f64> = (0..n).map(|j| 2.0 * uniform(34, j as u64)).collect();
    let mut b = Array1::from_shape_fn(m, |i| 0.1 + uniform(35, i as u64));
    for (&v, (i, j)) in a.iter() {
        b[i] += v * xf[j];
    }
    let c = Array1::from_shape_fn(n, |j| 2.0 * uniform(36, j as u64) - 1.0);
    (c, a, b)
}
