//! Bad input (typed errors, never panics or hangs), limits reported in the result, and
//! property tests of invariants.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::Error;
use sci_core::ndarray::{Array1, Array2, ArrayView1, array};
use sci_optimize::*;

fn quad(x: ArrayView1<'_, f64>) -> f64 {
    x.iter().map(|v| (v - 1.0) * (v - 1.0)).sum()
}

#[test]
fn invalid_minimize_input_is_an_error() {
    assert!(matches!(minimize(quad, &array![1.0, f64::NAN]), Err(Error::NonFinite { .. })));
    assert!(matches!(minimize(quad, &Array1::<f64>::zeros(0)), Err(Error::Empty { .. })));
    let bad_len =
        MinimizeOptions { bounds: Some(Bounds::new(array![0.0], array![1.0])), ..Default::default() };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &bad_len), Err(Error::ShapeMismatch { .. })));
    let reversed = MinimizeOptions {
        bounds: Some(Bounds::new(array![2.0, 0.0], array![1.0, 1.0])),
        ..Default::default()
    };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &reversed), Err(Error::InvalidArgument { .. })));
    let bfgs_bounds = MinimizeOptions {
        method: Some(Method::Bfgs),
        bounds: Some(Bounds::new(array![0.0, 0.0], array![1.0, 1.0])),
        ..Default::default()
    };
    assert!(matches!(
        minimize_with(quad, &array![0.5, 0.5], &bfgs_bounds),
        Err(Error::InvalidArgument { .. })
    ));
    let c = |x: ArrayView1<'_, f64>| array![x[0]];
    let cg_cons = MinimizeOptions {
        method: Some(Method::Cg),
        constraints: vec![Constraint::eq(&c)],
        ..Default::default()
    };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &cg_cons), Err(Error::InvalidArgument { .. })));
    let ncg = MinimizeOptions { method: Some(Method::NewtonCg), ..Default::default() };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &ncg), Err(Error::InvalidArgument { .. })));
    let simplex = MinimizeOptions {
        method: Some(Method::NelderMead),
        initial_simplex: Some(Array2::zeros((2, 2))),
        ..Default::default()
    };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &simplex), Err(Error::ShapeMismatch { .. })));
    let wrong_grad = |_x: ArrayView1<'_, f64>| array![1.0];
    let g = MinimizeOptions { jac: Some(Jac::Callable(&wrong_grad)), ..Default::default() };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &g), Err(Error::ShapeMismatch { .. })));
    let neg_tol = MinimizeOptions { tol: Some(-1.0), ..Default::default() };
    assert!(matches!(minimize_with(quad, &array![0.5, 0.5], &neg_tol), Err(Error::InvalidArgument { .. })));
}

#[test]
fn limits_and_callbacks_are_reported_not_errors() {
    for m in [Method::Bfgs, Method::Cg, Method::LBfgsB, Method::NelderMead, Method::Powell, Method::Slsqp] {
        let opts = MinimizeOptions { method: Some(m), maxiter: Some(2), ..Default::default() };
        let r = minimize_with(|x| rosen(&x), &array![-1.2, 1.0, 0.5], &opts).unwrap();
        assert!(!r.success, "{m:?} should stop at maxiter");
        assert_ne!(r.status, 0);
        let stop = |_x: ArrayView1<'_, f64>, _f: f64| true;
        let opts = MinimizeOptions { method: Some(m), callback: Some(&stop), ..Default::default() };
        let r = minimize_with(|x| rosen(&x), &array![-1.2, 1.0, 0.5], &opts).unwrap();
        assert!(!r.success && r.status == 99, "{m:?}: {r:?}");
    }
}

#[test]
fn nan_objective_never_hangs() {
    let f = |x: ArrayView1<'_, f64>| if x[0] > 0.5 { f64::NAN } else { (x[0] - 2.0).powi(2) + x[1] * x[1] };
    for m in [Method::Bfgs, Method::Cg, Method::LBfgsB, Method::NelderMead, Method::Powell, Method::Slsqp] {
        let opts = MinimizeOptions { method: Some(m), ..Default::default() };
        let r = minimize_with(f, &array![0.0, 1.0], &opts).unwrap();
        assert!(r.nfev < 100_000, "{m:?}");
    }
}

#[test]
fn x0_outside_bounds_is_clipped() {
    let opts = MinimizeOptions {
        bounds: Some(Bounds::new(array![2.0, 2.0], array![3.0, 3.0])),
        ..Default::default()
    };
    let r = minimize_with(quad, &array![10.0, -10.0], &opts).unwrap();
    assert!(r.success);
    assert!((r.x[0] - 2.0).abs() < 1e-12 && (r.x[1] - 2.0).abs() < 1e-12);
}

#[test]
fn root_scalar_bad_input() {
    let f = |x: f64| x * x + 1.0;
    assert!(matches!(root_scalar(f, (-1.0, 1.0)), Err(Error::InvalidArgument { .. })));
    assert!(matches!(root_scalar(|x| x, (f64::NAN, 1.0)), Err(Error::InvalidArgument { .. })));
    let none = RootScalarOptions::default();
    assert!(root_scalar_with(|x| x, &none).is_err());
    let halley =
        RootScalarOptions { method: Some(RootScalarMethod::Halley), x0: Some(1.0), ..Default::default() };
    assert!(root_scalar_with(|x| x, &halley).is_err());
    let tol = RootScalarOptions { bracket: Some((-1.0, 1.0)), xtol: Some(0.0), ..Default::default() };
    assert!(root_scalar_with(|x| x, &tol).is_err());
    let rtol = RootScalarOptions { bracket: Some((-1.0, 1.0)), rtol: Some(1e-20), ..Default::default() };
    assert!(root_scalar_with(|x| x, &rtol).is_err());
    // NaN inside the bracket stops with a flag, not an error.
    let r = root_scalar_with(
        |x: f64| if x > 0.1 { f64::NAN } else { x - 0.5 },
        &RootScalarOptions { bracket: Some((-1.0, 1.0)), ..Default::default() },
    )
    .unwrap();
    assert_eq!(r.flag, RootFlag::ValueError);
    assert!(!r.converged);
    assert!(brentq(|x: f64| if x > 0.1 { f64::NAN } else { x - 0.5 }, -1.0, 1.0).is_err());
    let secant = RootScalarOptions {
        method: Some(RootScalarMethod::Secant),
        x0: Some(1.0),
        x1: Some(1.0),
        ..Default::default()
    };
    assert!(root_scalar_with(|x| x, &secant).is_err());
}

#[test]
fn minimize_scalar_bad_input() {
    let f = |x: f64| x * x;
    let bounded = MinimizeScalarOptions { method: Some(MinimizeScalarMethod::Bounded), ..Default::default() };
    assert!(minimize_scalar_with(f, &bounded).is_err());
    let rev = MinimizeScalarOptions { bounds: Some((1.0, 0.0)), ..Default::default() };
    assert!(minimize_scalar_with(f, &rev).is_err());
    let brent_bounds = MinimizeScalarOptions {
        method: Some(MinimizeScalarMethod::Brent),
        bounds: Some((0.0, 1.0)),
        ..Default::default()
    };
    assert!(minimize_scalar_with(f, &brent_bounds).is_err());
    let bad3 =
        MinimizeScalarOptions { bracket: Some(ScalarBracket::Three(0.0, 5.0, 1.0)), ..Default::default() };
    assert!(minimize_scalar_with(f, &bad3).is_err());
    // A function without a minimum: no bracket, reported as unsuccessful.
    let r = minimize_scalar(|x: f64| -x);
    assert!(r.map(|r| !r.success).unwrap_or(true));
}

#[test]
fn nnls_bad_input() {
    assert!(nnls(&Array2::<f64>::zeros((3, 2)), &array![1.0, 2.0]).is_err());
    assert!(nnls(&array![[f64::NAN]], &array![1.0]).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Every bracketing method returns a point within tolerance of the unique root of a
    /// monotone cubic, and the count of calls is at least two.
    #[test]
    fn bracketing_methods_find_the_root(r in -5.0f64..5.0, w in 0.1f64..3.0, left in 0.01f64..4.0, right in 0.01f64..4.0) {
        let f = move |x: f64| (x - r) * ((x - r) * (x - r) + w);
        for m in [RootScalarMethod::Brentq, RootScalarMethod::Brenth, RootScalarMethod::Ridder,
                  RootScalarMethod::Bisect, RootScalarMethod::Toms748] {
            let res = root_scalar_with(f, &RootScalarOptions {
                method: Some(m), bracket: Some((r - left, r + right)), ..Default::default()
            }).unwrap();
            prop_assert!(res.converged, "{:?}", m);
            prop_assert!((res.root - r).abs() <= 4e-12 + 16.0 * f64::EPSILON * r.abs(), "{:?}: {} vs {}", m, res.root, r);
            prop_assert!(res.function_calls >= 2);
        }
    }

    /// NNLS: x ≥ 0 and the KKT conditions hold (w = Aᵀ(b − Ax) ≤ 0, and w_i = 0 where x_i > 0).
    #[test]
    fn nnls_satisfies_kkt(seed in 0u64..1000, m in 2usize..8, n in 1usize..6) {
        let mut s = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let mut next = || { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0 };
        let a = Array2::from_shape_fn((m, n), |_| next());
        let b = Array1::from_shape_fn(m, |_| next());
        let r = nnls(&a, &b).unwrap();
        let w = a.t().dot(&(&b - &a.dot(&r.x)));
        for i in 0..n {
            prop_assert!(r.x[i] >= 0.0);
            prop_assert!(w[i] <= 1e-9, "w[{}] = {}", i, w[i]);
            if r.x[i] > 1e-9 { prop_assert!(w[i].abs() <= 1e-9); }
        }
    }

    /// minimize finds the minimizer of a random convex quadratic with every method.
    #[test]
    fn minimize_quadratic(c0 in -3.0f64..3.0, c1 in -3.0f64..3.0, a in 0.5f64..5.0) {
        let f = move |x: ArrayView1<'_, f64>| a * (x[0] - c0).powi(2) + (x[1] - c1).powi(2) + 0.3 * (x[0] - c0) * (x[1] - c1);
        for m in [Method::Bfgs, Method::LBfgsB, Method::Cg, Method::Slsqp, Method::Powell] {
            let r = minimize_with(f, &array![0.0, 0.0], &MinimizeOptions { method: Some(m), ..Default::default() }).unwrap();
            prop_assert!(r.success, "{:?}", m);
            prop_assert!((r.x[0] - c0).abs() < 1e-3 && (r.x[1] - c1).abs() < 1e-3, "{:?}: {:?}", m, r.x);
        }
    }
}

fn brute_force_min(cost: &Array2<f64>) -> f64 {
    // Minimum over all injective maps from the shorter side into the longer one.
    let (m, n) = cost.dim();
    let (rows, cols, t) = if m <= n { (m, n, false) } else { (n, m, true) };
    let mut best = f64::INFINITY;
    let mut used = vec![false; cols];
    fn rec(
        i: usize,
        rows: usize,
        cols: usize,
        t: bool,
        cost: &Array2<f64>,
        used: &mut Vec<bool>,
        acc: f64,
        best: &mut f64,
    ) {
        if i == rows {
            *best = best.min(acc);
            return;
        }
        for j in 0..cols {
            if !used[j] {
                used[j] = true;
                let c = if t { cost[[j, i]] } else { cost[[i, j]] };
                rec(i + 1, rows, cols, t, cost, used, acc + c, best);
                used[j] = false;
            }
        }
    }
    rec(0, rows, cols, t, cost, &mut used, 0.0, &mut best);
    best
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The assignment is a valid matching of size min(M, N) whose cost equals the brute-force
    /// optimum; maximize gives the optimum of the negated matrix.
    #[test]
    fn assignment_is_optimal(m in 1usize..6, n in 1usize..6, seed in 0u64..10_000, ints in proptest::bool::ANY) {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(7);
        let cost = Array2::from_shape_fn((m, n), |_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let u = (s >> 11) as f64 / (1u64 << 53) as f64;
            if ints { (u * 4.0).floor() } else { u * 10.0 }
        });
        let r = linear_sum_assignment(&cost).unwrap();
        prop_assert_eq!(r.row_ind.len(), m.min(n));
        let mut cols = r.col_ind.to_vec();
        cols.sort_unstable();
        cols.dedup();
        prop_assert_eq!(cols.len(), m.min(n));
        let total: f64 = r.row_ind.iter().zip(&r.col_ind).map(|(&i, &j)| cost[[i, j]]).sum();
        prop_assert!((total - brute_force_min(&cost)).abs() < 1e-9);
        let rmax = linear_sum_assignment_with(&cost, &LinearSumAssignmentOptions { maximize: true }).unwrap();
        let tmax: f64 = rmax.row_ind.iter().zip(&rmax.col_ind).map(|(&i, &j)| cost[[i, j]]).sum();
        prop_assert!((-tmax - brute_force_min(&cost.mapv(|v| -v))).abs() < 1e-9);
    }
}

#[test]
fn assignment_bad_input() {
    assert!(linear_sum_assignment(&array![[1.0, f64::NAN]]).is_err());
    assert!(linear_sum_assignment(&array![[1.0, f64::NEG_INFINITY]]).is_err());
    // Row 0 and row 1 can only use column 0: infeasible.
    assert!(linear_sum_assignment(&array![[1.0, f64::INFINITY], [1.0, f64::INFINITY]]).is_err());
    let e = linear_sum_assignment(&Array2::<f64>::zeros((0, 3))).unwrap();
    assert!(e.row_ind.is_empty() && e.col_ind.is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// lsq_linear's result is feasible and satisfies the KKT conditions of the bounded problem.
    #[test]
    fn lsq_linear_satisfies_kkt(seed in 0u64..5000, m in 2usize..9, n in 1usize..5) {
        let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(3);
        let mut next = || { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0 };
        let a = Array2::from_shape_fn((m, n), |_| next());
        let b = Array1::from_shape_fn(m, |_| 3.0 * next());
        let bounds = Bounds::new(Array1::from_elem(n, -0.2), Array1::from_elem(n, 0.3));
        let r = lsq_linear_with(&a, &b, &LsqLinearOptions { bounds: Some(bounds), method: LsqLinearMethod::Bvls, ..Default::default() }).unwrap();
        let g = a.t().dot(&(a.dot(&r.x) - &b));
        for i in 0..n {
            prop_assert!(r.x[i] >= -0.2 - 1e-12 && r.x[i] <= 0.3 + 1e-12);
            let scale = 1e-8 * (1.0 + g.iter().fold(0.0f64, |a, v| a.max(v.abs())));
            if r.x[i] > -0.2 + 1e-9 && r.x[i] < 0.3 - 1e-9 {
                prop_assert!(g[i].abs() <= scale, "free variable {} has gradient {}", i, g[i]);
            } else if r.x[i] <= -0.2 + 1e-9 {
                prop_assert!(g[i] >= -scale);
            } else {
                prop_assert!(g[i] <= scale);
            }
        }
    }
}

#[test]
fn inconsistent_user_functions_are_errors_not_panics() {
    use std::cell::Cell;
    // A gradient that changes length after the first call.
    let calls = Cell::new(0);
    let g = |x: ArrayView1<'_, f64>| {
        calls.set(calls.get() + 1);
        if calls.get() > 1 { array![1.0] } else { array![2.0 * x[0], 2.0 * x[1]] }
    };
    for m in [Method::Bfgs, Method::Cg, Method::LBfgsB, Method::Slsqp] {
        calls.set(0);
        let r = minimize_with(
            quad,
            &array![3.0, 3.0],
            &MinimizeOptions { method: Some(m), jac: Some(Jac::Callable(&g)), ..Default::default() },
        );
        assert!(matches!(r, Err(Error::ShapeMismatch { .. })), "{m:?}: {r:?}");
    }
    // Residuals that change length (an atomic counter: residual functions must be `Sync`).
    use std::sync::atomic::{AtomicUsize, Ordering};
    let n = AtomicUsize::new(0);
    let f = |x: ArrayView1<'_, f64>| {
        if n.fetch_add(1, Ordering::SeqCst) + 1 > 3 { array![x[0]] } else { array![x[0] - 1.0, x[1] - 2.0] }
    };
    let _ = least_squares_with(
        f,
        &array![0.0, 0.0],
        &LeastSquaresOptions { method: LsqMethod::Lm, ..Default::default() },
    );
    n.store(0, Ordering::SeqCst);
    let _ = least_squares(f, &array![0.0, 0.0]);
}

/// NaN-returning user functions end every solver with a result or an error: no panic, no hang.
#[test]
fn nan_functions_never_panic_or_hang() {
    let nan_scalar = |_x: ArrayView1<'_, f64>| f64::NAN;
    let nan_vec = |x: ArrayView1<'_, f64>| Array1::from_elem(x.len(), f64::NAN);
    let half_nan =
        |x: ArrayView1<'_, f64>| if x[0] > 0.3 { f64::NAN } else { (x[0] - 1.0).powi(2) + x[1] * x[1] };
    for m in [Method::NelderMead, Method::Powell, Method::Cg, Method::Bfgs, Method::LBfgsB, Method::Slsqp] {
        let o = MinimizeOptions { method: Some(m), ..Default::default() };
        let _ = minimize_with(nan_scalar, &array![0.0, 0.0], &o);
        let _ = minimize_with(half_nan, &array![0.0, 0.0], &o);
    }
    let b = Bounds::new(array![-1.0, -1.0], array![1.0, 1.0]);
    let r = differential_evolution_with(
        nan_scalar,
        &b,
        &DifferentialEvolutionOptions { seed: Some(1), maxiter: 20, ..Default::default() },
    );
    assert!(r.is_ok());
    let _ = differential_evolution_with(
        half_nan,
        &b,
        &DifferentialEvolutionOptions { seed: Some(1), maxiter: 20, ..Default::default() },
    );
    let _ = basinhopping_with(
        half_nan,
        &array![0.0, 0.0],
        &BasinhoppingOptions { niter: 5, seed: Some(2), ..Default::default() },
    );
    let _ = root(nan_vec, &array![0.0, 0.0]);
    let _ =
        root_with(nan_vec, &array![0.0, 0.0], &RootOptions { method: RootMethod::Lm, ..Default::default() });
    assert!(least_squares(nan_vec, &array![0.0, 0.0]).is_err()); // non-finite at x0
    let later_nan = |x: ArrayView1<'_, f64>| {
        if x[0].abs() > 0.5 { array![f64::NAN, f64::NAN] } else { array![x[0] - 2.0, x[1]] }
    };
    for method in [LsqMethod::Trf, LsqMethod::Lm, LsqMethod::Dogbox] {
        let _ = least_squares_with(
            later_nan,
            &array![0.0, 0.0],
            &LeastSquaresOptions { method, ..Default::default() },
        );
    }
    let model = |x: ArrayView1<'_, f64>, p: ArrayView1<'_, f64>| {
        x.mapv(|t| if p[0] > 2.0 { f64::NAN } else { p[0] * t })
    };
    let _ = curve_fit(model, &array![1.0, 2.0, 3.0], &array![3.0, 6.0, 9.0], &array![1.0]);
    let _ = root_scalar_with(
        |_x| f64::NAN,
        &RootScalarOptions { method: Some(RootScalarMethod::Newton), x0: Some(1.0), ..Default::default() },
    );
    let _ = minimize_scalar(|_x| f64::NAN);
    let _ = minimize_scalar_with(
        |_x| f64::NAN,
        &MinimizeScalarOptions { bounds: Some((0.0, 1.0)), ..Default::default() },
    );
    // Degenerate linear program (many ties) terminates.
    let lp = linprog_with(
        &array![-1.0, -1.0, 0.0],
        &LinprogOptions {
            a_ub: Some(array![[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [1.0, 1.0, 0.0], [1.0, 1.0, 1.0]].into()),
            b_ub: Some(array![1.0, 1.0, 2.0, 2.0]),
            ..Default::default()
        },
    )
    .unwrap();
    assert!(lp.success && (lp.fun + 2.0).abs() < 1e-12);
}

/// Bounded `trf` appends `n` scaling rows below the `m` residual rows; with `m` just below a
/// multiple of the streamed QR's block size (256 rows) a block starts inside those rows.
/// Every such row count must solve, and inactive bounds must not move the solution.
#[test]
fn bounded_trf_at_every_block_edge() {
    for m in 505..=515 {
        let t = Array1::linspace(0.0, 3.0, m);
        let y = t.mapv(|v: f64| 2.0 * (-0.7 * v).exp() + 0.3 + 0.01 * (37.0 * v).sin());
        let resid = |p: ArrayView1<'_, f64>| t.mapv(|v| p[0] * (-p[1] * v).exp() + p[2]) - &y;
        let free = least_squares(resid, &array![1.0, 1.0, 0.0]).unwrap();
        let o = LeastSquaresOptions {
            bounds: Some(Bounds::new(array![-10.0, -10.0, -10.0], array![10.0, 10.0, 10.0])),
            ..Default::default()
        };
        let boxed = least_squares_with(resid, &array![1.0, 1.0, 0.0], &o).unwrap();
        assert!(free.success && boxed.success, "m = {m}");
        for i in 0..3 {
            assert!((free.x[i] - boxed.x[i]).abs() < 1e-6, "m = {m}: {} vs {}", free.x, boxed.x);
        }
    }
}
