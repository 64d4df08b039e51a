//! `minimize(method='COBYLA')` and `minimize(method='TNC')` against SciPy 1.17.1
//! (xtask/fixtures/optimize_cobyla_tnc.py): Hock–Schittkowski problems 21, 35, 71 and 76,
//! SciPy's tutorial and `fmin_cobyla` examples, an equality on a circle, bound-active
//! problems, Rosenbrock in 2, 5 and 10 dimensions with and without active bounds, Beale and
//! Wood, evaluation limits and an infeasible problem; then error paths and NaN handling.
//!
//! The iterates are our own (COBYLA solves its trust-region subproblem exactly, TNC uses a
//! Moré–Thuente line search and an L-BFGS preconditioner), so the optimum is compared, not
//! the path: each fixture also records `x_opt`, the optimum polished by SLSQP/L-BFGS-B with
//! tight tolerances. Evaluation counts are printed beside SciPy's and must stay within 2× of
//! them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::Error;
use sci_core::ndarray::{Array1, Array2, ArrayView1, array};
use sci_optimize::*;
use sci_testing::{Case, Fixture};

mod common;

use common::{Grad, Obj, hs071, max_abs_diff, rosen_f, scale_of};
type Con = fn(ArrayView1<'_, f64>) -> Array1<f64>;

fn tutorial(x: ArrayView1<'_, f64>) -> f64 {
    (x[0] - 1.0).powi(2) + (x[1] - 2.5).powi(2)
}
fn hs035(x: ArrayView1<'_, f64>) -> f64 {
    9.0 - 8.0 * x[0] - 6.0 * x[1] - 4.0 * x[2]
        + 2.0 * x[0] * x[0]
        + 2.0 * x[1] * x[1]
        + x[2] * x[2]
        + 2.0 * x[0] * x[1]
        + 2.0 * x[0] * x[2]
}
fn hs021(x: ArrayView1<'_, f64>) -> f64 {
    0.01 * x[0] * x[0] + x[1] * x[1] - 100.0
}
fn hs076(x: ArrayView1<'_, f64>) -> f64 {
    x[0] * x[0] + 0.5 * x[1] * x[1] + x[2] * x[2] + 0.5 * x[3] * x[3] - x[0] * x[2] + x[2] * x[3]
        - x[0]
        - 3.0 * x[1]
        + x[2]
        - x[3]
}
fn xy(x: ArrayView1<'_, f64>) -> f64 {
    x[0] * x[1]
}
fn linear2(x: ArrayView1<'_, f64>) -> f64 {
    -x[0] - 2.0 * x[1]
}

/// The objectives by the generator's names (the unconstrained test functions are shared with
/// the other minimize tests).
fn objective(name: &str) -> (Obj, Option<Grad>) {
    match name {
        "tutorial" => (tutorial, None),
        "hs071" => (hs071, None),
        "hs035" => (hs035, None),
        "hs021" => (hs021, None),
        "hs076" => (hs076, None),
        "xy" => (xy, None),
        "linear2" => (linear2, None),
        other => common::problem(other),
    }
}

/// The dict-form constraint sets of the generator, as `(is_equality, fun)`.
fn constraint_set(name: &str) -> Vec<(bool, Con)> {
    match name {
        "tutorial" => vec![
            (false, |x| array![x[0] - 2.0 * x[1] + 2.0]),
            (false, |x| array![-x[0] - 2.0 * x[1] + 6.0]),
            (false, |x| array![-x[0] + 2.0 * x[1] + 2.0]),
        ],
        "hs071" => {
            vec![(false, |x| array![x[0] * x[1] * x[2] * x[3] - 25.0]), (true, |x| array![x.dot(&x) - 40.0])]
        }
        "hs035" => vec![(false, |x| array![3.0 - x[0] - x[1] - 2.0 * x[2]])],
        "hs021" => vec![(false, |x| array![10.0 * x[0] - x[1] - 10.0])],
        "hs076" => vec![
            (false, |x| array![-x[0] - 2.0 * x[1] - x[2] - x[3] + 5.0]),
            (false, |x| array![-3.0 * x[0] - x[1] - 2.0 * x[2] + x[3] + 4.0]),
            (false, |x| array![x[1] + 4.0 * x[2] - 1.5]),
        ],
        "disc" => vec![(false, |x| array![1.0 - x.dot(&x)]), (false, |x| array![x[1]])],
        "circle" => vec![(true, |x| array![x.dot(&x) - 1.0])],
        "infeasible" => vec![(false, |x| array![x[0] - 1.0]), (false, |x| array![-x[0]])],
        "none" => vec![],
        other => panic!("unknown constraint set {other}"),
    }
}

/// Runs one COBYLA case of the fixture.
fn run_cobyla(case: &Case) -> OptimizeResult {
    let (f, _) = objective(case.input("fun").str());
    let x0 = case.input("x0").array1_f64();
    let cons_name = case.input("cons").str();
    let prod = |x: ArrayView1<'_, f64>| array![x[0] * x[1] * x[2] * x[3]];
    let sumsq = |x: ArrayView1<'_, f64>| array![x.dot(&x)];
    let mut o = MinimizeOptions { method: Some(Method::Cobyla), ..Default::default() };
    let set;
    match cons_name {
        "hs071_objects" => {
            o.nonlinear_constraints = vec![
                NonlinearConstraint { fun: &prod, lb: array![25.0], ub: array![f64::INFINITY], jac: None },
                NonlinearConstraint { fun: &sumsq, lb: array![40.0], ub: array![40.0], jac: None },
            ];
        }
        "hs076_linear" => {
            o.linear_constraints = vec![LinearConstraint {
                a: array![[1.0, 2.0, 1.0, 1.0], [3.0, 1.0, 2.0, -1.0], [0.0, -1.0, -4.0, 0.0]],
                lb: Array1::from_elem(3, f64::NEG_INFINITY),
                ub: array![5.0, 4.0, -1.5],
            }];
        }
        name => {
            set = constraint_set(name);
            o.constraints =
                set.iter().map(|(eq, c)| if *eq { Constraint::eq(c) } else { Constraint::ineq(c) }).collect();
        }
    }
    if case.has_input("lb") {
        o.bounds = Some(Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64()));
    }
    if case.has_input("tol") {
        o.tol = Some(case.input("tol").f64());
    }
    if case.has_input("rhobeg") {
        o.rhobeg = Some(case.input("rhobeg").f64());
    }
    if case.has_input("maxiter") {
        o.maxiter = Some(case.input("maxiter").usize());
    }
    minimize_with(f, &x0, &o).unwrap()
}

/// COBYLA against SciPy. Tolerances: at `tol = 1e-8` the optimum must agree with the
/// polished optimum `x_opt` to `1e-6·max(1, |x|∞)` (linear models locate a constrained
/// optimum to about the final radius; SciPy's own answers are off by up to 3.6e-5 on the
/// disc and 6.4e-6 on HS071, which the SciPy comparison allows for) and `fun` to `1e-6`
/// relative; at SciPy's default `tol = 1e-4`, to `1e-3` (SciPy's default answer to HS071 is
/// 7.4e-4 away). Both must end feasible (violation within `catol`).
#[test]
fn cobyla_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize_cobyla_tnc");
    let mut failures = Vec::new();
    let mut n = 0;
    for case in fx.cases_with_prefix("cobyla/") {
        n += 1;
        let r = run_cobyla(case);
        let want_x = case.output("x").array1_f64();
        let scipy_nfev = case.output("nfev").usize();
        let dx_scipy = max_abs_diff(&r.x, &want_x);
        let maxcv = r.maxcv.unwrap();
        let dx_opt = if case.has_output("x_opt") {
            max_abs_diff(&r.x, &case.output("x_opt").array1_f64())
        } else {
            f64::NAN
        };
        eprintln!(
            "{:<32} nfev {:>4} (scipy {:>4}, ratio {:.2})  |x - x_opt| {:.1e}  |x - x_scipy| {:.1e}  fun {:.12} (scipy {:.12})  maxcv {:.1e}  success {} ({})",
            case.name,
            r.nfev,
            scipy_nfev,
            r.nfev as f64 / scipy_nfev as f64,
            dx_opt,
            dx_scipy,
            r.fun,
            case.output("fun").f64(),
            maxcv,
            r.success,
            case.output("success").bool()
        );
        if r.success != case.output("success").bool() {
            failures.push(format!("{}: success {} ({})", case.name, r.success, r.message));
            continue;
        }
        if r.nfev > 2 * scipy_nfev {
            failures.push(format!("{}: nfev {} > 2 × SciPy's {scipy_nfev}", case.name, r.nfev));
        }
        if !r.success {
            // The limit and the infeasible case: same status; the infeasible problem's least
            // violation is 0.5 (at x₀ = 0.5).
            if r.status != case.output("status").i64() as i32 {
                failures.push(format!(
                    "{}: status {} vs {}",
                    case.name,
                    r.status,
                    case.output("status").i64()
                ));
            }
            if case.name.starts_with("cobyla/infeasible")
                && ((maxcv - 0.5).abs() > 1e-6 || r.message != case.output("message").str())
            {
                failures.push(format!("{}: maxcv {maxcv}, message {}", case.name, r.message));
            }
            continue;
        }
        let x_opt = case.output("x_opt").array1_f64();
        let f_opt = case.output("fun_opt").f64();
        let tol = if case.name.ends_with("/tight") { 1e-6 } else { 1e-3 };
        let scale = scale_of(&x_opt);
        let dx = max_abs_diff(&r.x, &x_opt);
        let scipy_err = max_abs_diff(&want_x, &x_opt);
        if dx > tol * scale {
            failures.push(format!("{}: |x - x_opt| = {dx:e} (x = {})", case.name, r.x));
        }
        if dx_scipy > tol * scale + scipy_err {
            failures.push(format!("{}: |x - x_scipy| = {dx_scipy:e}", case.name));
        }
        if (r.fun - f_opt).abs() > tol * f_opt.abs().max(1.0) {
            failures.push(format!("{}: fun {} vs {f_opt}", case.name, r.fun));
        }
        if maxcv > 1.5e-8 {
            failures.push(format!("{}: maxcv {maxcv:e}", case.name));
        }
    }
    assert_eq!(n, 22);
    assert!(failures.is_empty(), "{failures:#?}");
}

/// Runs one TNC case of the fixture.
fn run_tnc(case: &Case) -> OptimizeResult {
    let (f, g) = objective(case.input("fun").str());
    let x0 = case.input("x0").array1_f64();
    let grad = g.unwrap();
    let mut o = MinimizeOptions { method: Some(Method::Tnc), ..Default::default() };
    if case.input("jac").bool() {
        o.jac = Some(Jac::Callable(&grad));
    }
    if case.has_input("lb") {
        o.bounds = Some(Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64()));
    }
    for (key, slot) in [("gtol", &mut o.gtol), ("ftol", &mut o.ftol), ("xtol", &mut o.xtol)] {
        if case.has_input(key) {
            *slot = Some(case.input(key).f64());
        }
    }
    if case.has_input("maxfun") {
        o.maxfun = Some(case.input("maxfun").usize());
    }
    minimize_with(f, &x0, &o).unwrap()
}

/// TNC against SciPy. With the tight settings (`gtol = 1e-10`, `ftol = xtol = 0`) the optimum
/// must agree with the polished `x_opt` to `1e-8·max(1, |x|∞)`, except with forward-difference
/// gradients (`1e-5`: their error, ~1e-8·‖∇²f‖, limits how well the gradient test locates the
/// optimum; SciPy's own tight FD answer on Rosenbrock is 6e-6 away). With the defaults
/// (`|Δf| ≤ √eps` stops first on Rosenbrock, Beale and Wood), to `1e-3` (SciPy's default
/// answers are up to 5.4e-4 away). `fun` agrees to the same relative tolerance squared
/// (near an unconstrained minimum `f − f* = O(|x − x*|²)`) or `1e-10` with active bounds.
#[test]
fn tnc_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize_cobyla_tnc");
    let mut failures = Vec::new();
    let mut n = 0;
    for case in fx.cases_with_prefix("tnc/") {
        n += 1;
        let r = run_tnc(case);
        let want_x = case.output("x").array1_f64();
        let scipy_nfev = case.output("nfev").usize();
        eprintln!(
            "{:<28} nfev {:>5} njev {:>5} (scipy nfev {:>5}, ratio {:.2})  nit {:>4} (scipy {:>4})  |x - x_scipy| {:.1e}  fun {:.6e} (scipy {:.6e})  status {} ({}): {}",
            case.name,
            r.nfev,
            r.njev,
            scipy_nfev,
            r.nfev.max(r.njev) as f64 / scipy_nfev as f64,
            r.nit,
            case.output("nit").usize(),
            max_abs_diff(&r.x, &want_x),
            r.fun,
            case.output("fun").f64(),
            r.status,
            case.output("status").i64(),
            r.message
        );
        // SciPy's TNC evaluates f and ∇f together (each Hessian-vector product too); ours asks
        // only for ∇f in the products, so compare SciPy's nfev with the larger of our counts.
        let evals = r.nfev.max(r.njev);
        if evals > 2 * scipy_nfev {
            failures.push(format!("{}: nfev/njev {evals} > 2 × SciPy's {scipy_nfev}", case.name));
        }
        if !case.output("success").bool() {
            // SciPy ran out of evaluations: so must we, or converge within the same budget.
            if !(r.status == 3 || r.success) {
                failures.push(format!("{}: status {} ({})", case.name, r.status, r.message));
            }
            continue;
        }
        let tight = case.name.ends_with("/tight");
        // With gtol = 1e-10 and ftol = 0 a run may end where no lower f exists in double
        // precision (a line-search failure, status 4) before the gradient test holds; SciPy's
        // search then happens to return an equal f (status 1). Such a run must still have
        // found the optimum to the tight tolerance below.
        let tolerated = tight && r.status == 4;
        if !r.success && !tolerated {
            failures.push(format!("{}: status {} ({})", case.name, r.status, r.message));
            continue;
        }
        let x_opt = case.output("x_opt").array1_f64();
        let f_opt = case.output("fun_opt").f64();
        let tol = match (tight, case.input("jac").bool()) {
            (true, true) => 1e-8,
            (true, false) => 1e-5,
            (false, _) => 1e-3,
        };
        let dx = max_abs_diff(&r.x, &x_opt);
        if dx > tol * scale_of(&x_opt) {
            failures.push(format!("{}: |x - x_opt| = {dx:e} (x = {})", case.name, r.x));
        }
        let ftol = if f_opt.abs() > 1.0 { 1e-10 * f_opt.abs() } else { (tol * tol).max(1e-15) };
        if (r.fun - f_opt).abs() > ftol {
            failures.push(format!("{}: fun {} vs {f_opt}", case.name, r.fun));
        }
    }
    assert_eq!(n, 25);
    assert!(failures.is_empty(), "{failures:#?}");
}

fn bounds2(lo: f64, hi: f64) -> Option<Bounds> {
    Some(Bounds::new(array![lo, lo], array![hi, hi]))
}

#[test]
fn invalid_input_is_an_error() {
    let f = |x: ArrayView1<'_, f64>| x.dot(&x);
    for m in [Method::Cobyla, Method::Tnc] {
        let base = MinimizeOptions { method: Some(m), ..Default::default() };
        // lower > upper
        let o =
            MinimizeOptions { bounds: Some(Bounds::new(array![0.0, 2.0], array![1.0, 1.0])), ..base.clone() };
        assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::InvalidArgument { .. })));
        // bounds of the wrong length
        let o = MinimizeOptions { bounds: Some(Bounds::new(array![0.0], array![1.0])), ..base.clone() };
        assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::ShapeMismatch { .. })));
        // NaN or empty x0
        assert!(matches!(minimize_with(f, &array![f64::NAN, 0.5], &base), Err(Error::NonFinite { .. })));
        assert!(matches!(minimize_with(f, &Array1::<f64>::zeros(0), &base), Err(Error::Empty { .. })));
    }
    // TNC: a gradient or scale of the wrong length, constraints.
    let short = |_x: ArrayView1<'_, f64>| array![1.0];
    let o =
        MinimizeOptions { method: Some(Method::Tnc), jac: Some(Jac::Callable(&short)), ..Default::default() };
    assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::ShapeMismatch { .. })));
    let o = MinimizeOptions { method: Some(Method::Tnc), scale: Some(array![1.0]), ..Default::default() };
    assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::ShapeMismatch { .. })));
    let c = |x: ArrayView1<'_, f64>| array![x[0]];
    let o = MinimizeOptions {
        method: Some(Method::Tnc),
        constraints: vec![Constraint::ineq(&c)],
        ..Default::default()
    };
    assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::InvalidArgument { .. })));
    // COBYLA: bad radii and tolerances.
    let cob = MinimizeOptions { method: Some(Method::Cobyla), ..Default::default() };
    for o in [
        MinimizeOptions { rhobeg: Some(0.0), ..cob.clone() },
        MinimizeOptions { rhobeg: Some(f64::NAN), ..cob.clone() },
        MinimizeOptions { tol: Some(2.0), ..cob.clone() },
        MinimizeOptions { tol: Some(0.0), ..cob.clone() },
        MinimizeOptions { catol: Some(-1.0), ..cob.clone() },
    ] {
        assert!(
            matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::InvalidArgument { .. })),
            "{o:?}"
        );
    }
    // COBYLA: a constraint whose output length changes, or does not match its bounds.
    let varying = |x: ArrayView1<'_, f64>| if x[0] > 0.4 { array![x[0]] } else { array![x[0], x[1]] };
    let o = MinimizeOptions { constraints: vec![Constraint::ineq(&varying)], ..cob.clone() };
    assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::ShapeMismatch { .. })));
    let two = |x: ArrayView1<'_, f64>| array![x[0], x[1]];
    let nc = NonlinearConstraint { fun: &two, lb: array![0.0], ub: array![1.0], jac: None };
    let o = MinimizeOptions { nonlinear_constraints: vec![nc], ..cob.clone() };
    assert!(matches!(minimize_with(f, &array![0.5, 0.5], &o), Err(Error::ShapeMismatch { .. })));
}

/// Like SciPy, `x0` outside the bounds is moved into them first.
#[test]
fn start_outside_the_bounds_is_clipped() {
    let f = |x: ArrayView1<'_, f64>| (x[0] - 3.0).powi(2) + (x[1] + 1.0).powi(2);
    for m in [Method::Cobyla, Method::Tnc] {
        let o = MinimizeOptions { method: Some(m), bounds: bounds2(0.0, 2.0), ..Default::default() };
        let r = minimize_with(f, &array![10.0, 10.0], &o).unwrap();
        assert!(r.success, "{m:?}: {}", r.message);
        assert!(max_abs_diff(&r.x, &array![2.0, 0.0]) < 1e-8, "{m:?}: {}", r.x);
        assert!((r.fun - 2.0).abs() < 1e-8);
    }
}

/// Limits end the run unsuccessfully, not with an error.
#[test]
fn limits_give_unsuccessful_results() {
    let o = MinimizeOptions { method: Some(Method::Cobyla), maxiter: Some(30), ..Default::default() };
    let r = minimize_with(rosen_f, &array![-1.2, 1.0], &o).unwrap();
    assert_eq!((r.status, r.success, r.nfev), (3, false, 30));
    assert!(r.message.contains("MAXFUN"));
    let o = MinimizeOptions { method: Some(Method::Tnc), maxfun: Some(10), ..Default::default() };
    let r = minimize_with(rosen_f, &array![-1.2, 1.0], &o).unwrap();
    assert_eq!((r.status, r.success), (3, false));
    assert_eq!(r.message, "Max. number of function evaluations reached");
}

/// A callback returning `true` stops either method with status 99.
#[test]
fn callback_stops_the_run() {
    use std::cell::Cell;
    for m in [Method::Cobyla, Method::Tnc] {
        let calls = Cell::new(0);
        let cb = |_x: ArrayView1<'_, f64>, _f: f64| {
            calls.set(calls.get() + 1);
            calls.get() == 3
        };
        let o = MinimizeOptions { method: Some(m), callback: Some(&cb), ..Default::default() };
        let r = minimize_with(rosen_f, &array![-1.2, 1.0], &o).unwrap();
        assert_eq!((r.status, r.success, calls.get()), (99, false, 3), "{m:?}");
        assert_eq!(r.nit, 3);
    }
}

/// SciPy's COBYLA treats NaN and huge values by a moderated extreme barrier (NaN becomes
/// 1e30), so a NaN region acts like a wall; a function that is NaN everywhere gives
/// `fun = NaN`, status −2 and `success = false` (SciPy reports 1e30 and success).
#[test]
fn cobyla_nan_handling() {
    let wall = |x: ArrayView1<'_, f64>| {
        if x[0] > 1.5 { f64::NAN } else { (x[0] - 2.0).powi(2) + (x[1] - 1.0).powi(2) }
    };
    let o = MinimizeOptions { method: Some(Method::Cobyla), tol: Some(1e-8), ..Default::default() };
    let r = minimize_with(wall, &array![0.0, 0.0], &o).unwrap();
    // The wall leaves the models poor near x₀ = 1.5 (SciPy stops at (1.49994, 1.23)); the run
    // ends normally at a finite point inside, better than the start.
    assert!(r.success && r.fun.is_finite() && r.fun < 5.0 && r.x[0] <= 1.5, "{r:?}");
    let nan = |_x: ArrayView1<'_, f64>| f64::NAN;
    let r = minimize_with(nan, &array![0.0, 0.0], &o).unwrap();
    assert!(!r.success && r.fun.is_nan() && r.status == -2, "{r:?}");
    // A constraint that is NaN near the start counts as violated.
    let c = |x: ArrayView1<'_, f64>| array![if x[0] < 0.5 { f64::NAN } else { x[0] - 1.0 }];
    let o = MinimizeOptions { constraints: vec![Constraint::ineq(&c)], ..o };
    let r = minimize_with(|x: ArrayView1<'_, f64>| x.dot(&x), &array![2.0, 2.0], &o).unwrap();
    assert!(r.success && max_abs_diff(&r.x, &array![1.0, 0.0]) < 1e-6, "{r:?}");
}

/// TNC treats a non-finite `f` or gradient at a trial point as a failed step and shortens it;
/// a run that finds no finite lower point stops with SciPy's status 4 ("Linear search
/// failed") and never loops.
#[test]
fn tnc_nan_handling() {
    let g = |x: ArrayView1<'_, f64>| array![2.0 * (x[0] - 2.0), 2.0 * (x[1] - 1.0)];
    let nan = |_x: ArrayView1<'_, f64>| f64::NAN;
    let o = MinimizeOptions { method: Some(Method::Tnc), jac: Some(Jac::Callable(&g)), ..Default::default() };
    let r = minimize_with(nan, &array![0.0, 0.0], &o).unwrap();
    assert_eq!((r.status, r.success), (4, false));
    // A NaN region beyond x₀ = 1.5: the run stays finite and below f(x0).
    let wall = |x: ArrayView1<'_, f64>| {
        if x[0] > 1.5 { f64::NAN } else { (x[0] - 2.0).powi(2) + (x[1] - 1.0).powi(2) }
    };
    let r = minimize_with(wall, &array![0.0, 0.0], &o).unwrap();
    assert!(r.fun.is_finite() && r.fun < 5.0 && r.x[0] <= 1.5, "{r:?}");
}

/// Fixed variables (`lb == ub`) are removed from COBYLA's problem (as PRIMA does) and
/// frozen in TNC's; when all are fixed the result is the evaluation there (SciPy's COBYLA
/// raises in that case).
#[test]
fn fixed_variables() {
    let f = |x: ArrayView1<'_, f64>| (x[0] - 3.0).powi(2) + (x[1] + 1.0).powi(2);
    let b = Some(Bounds::new(array![0.0, 1.0], array![2.0, 1.0]));
    for m in [Method::Cobyla, Method::Tnc] {
        let o = MinimizeOptions { method: Some(m), bounds: b.clone(), ..Default::default() };
        let r = minimize_with(f, &array![1.0, 1.0], &o).unwrap();
        assert!(r.success && max_abs_diff(&r.x, &array![2.0, 1.0]) < 1e-8, "{m:?}: {r:?}");
        let o = MinimizeOptions { method: Some(m), bounds: bounds2(1.0, 1.0), ..Default::default() };
        let r = minimize_with(f, &array![0.0, 0.0], &o).unwrap();
        assert_eq!((r.success, r.nfev, r.fun), (true, 1, 8.0), "{m:?}");
        assert_eq!(r.message, "All independent variables were fixed by bounds.");
    }
}

/// COBYLA stops as soon as a feasible point reaches `f_target` (status 1, success).
#[test]
fn cobyla_f_target() {
    let o = MinimizeOptions { method: Some(Method::Cobyla), f_target: Some(1.0), ..Default::default() };
    let r = minimize_with(|x: ArrayView1<'_, f64>| x.dot(&x), &array![3.0, 4.0], &o).unwrap();
    assert_eq!((r.status, r.success), (1, true));
    assert!(r.fun <= 1.0);
}

/// TNC honours `scale`/`offset`, `maxcgit = 0` (steepest descent) and finite-difference
/// gradients, reaching the same optimum.
#[test]
fn tnc_options() {
    let g = |x: ArrayView1<'_, f64>| rosen_der(&x);
    let base = MinimizeOptions {
        method: Some(Method::Tnc),
        jac: Some(Jac::Callable(&g)),
        gtol: Some(1e-10),
        ftol: Some(0.0),
        xtol: Some(0.0),
        maxfun: Some(20000),
        ..Default::default()
    };
    for o in [
        MinimizeOptions { scale: Some(array![2.0, 0.5]), offset: Some(array![0.0, 0.0]), ..base.clone() },
        MinimizeOptions { maxcgit: Some(0), ..base.clone() },
        MinimizeOptions { rescale: Some(0.0), stepmx: Some(1.0), ..base.clone() },
    ] {
        let r = minimize_with(rosen_f, &array![-1.2, 1.0], &o).unwrap();
        assert!(r.success, "{}", r.message);
        assert!(max_abs_diff(&r.x, &array![1.0, 1.0]) < 1e-6, "{}", r.x);
    }
    // A zero scale fixes the variable: x₁ stays 0.5 and ∂f/∂x₀ vanishes (to ~1e-7: with
    // f'' ≈ 400 a smaller derivative changes f by less than its rounding).
    let o = MinimizeOptions { scale: Some(array![1.0, 0.0]), ..base.clone() };
    let r = minimize_with(rosen_f, &array![0.5, 0.5], &o).unwrap();
    assert_eq!(r.x[1], 0.5);
    assert!(rosen_der(&r.x)[0].abs() < 1e-6, "{}", r.x);
}

/// A random strictly convex quadratic `½(x − c)ᵀH(x − c)`, `H = AᵀA + ½I`, from a seed.
fn random_quadratic(seed: u64, n: usize) -> (Array2<f64>, Array1<f64>, impl FnMut() -> f64) {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15).wrapping_add(7);
    let mut uniform = move || {
        s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (s >> 11) as f64 / (1u64 << 53) as f64
    };
    let a = Array2::from_shape_fn((n, n), |_| 2.0 * uniform() - 1.0);
    let h = a.t().dot(&a) + &(Array2::<f64>::eye(n) * 0.5);
    let c = Array1::from_shape_fn(n, |_| 6.0 * uniform() - 3.0);
    (h, c, uniform)
}

/// Solves `H x = b` by Gaussian elimination with partial pivoting (small `n`).
fn solve(h: &Array2<f64>, b: &Array1<f64>) -> Array1<f64> {
    let n = b.len();
    let mut m = h.clone();
    let mut x = b.clone();
    for k in 0..n {
        let p = (k..n).max_by(|&i, &j| m[[i, k]].abs().total_cmp(&m[[j, k]].abs())).unwrap();
        for j in 0..n {
            m.swap([k, j], [p, j]);
        }
        x.swap(k, p);
        for i in k + 1..n {
            let l = m[[i, k]] / m[[k, k]];
            for j in k..n {
                m[[i, j]] -= l * m[[k, j]];
            }
            x[i] -= l * x[k];
        }
    }
    for k in (0..n).rev() {
        let s: f64 = (k + 1..n).map(|j| m[[k, j]] * x[j]).sum();
        x[k] = (x[k] - s) / m[[k, k]];
    }
    x
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// TNC's answer to a random box-constrained convex quadratic satisfies the optimality
    /// conditions: the gradient vanishes in the free variables and points into the box at
    /// the active bounds.
    #[test]
    fn tnc_solves_bounded_quadratics(seed in 0u64..1_000_000, n in 2usize..7) {
        let (h, c, mut uniform) = random_quadratic(seed, n);
        let lb = Array1::from_shape_fn(n, |_| -2.0 * uniform());
        let ub = Array1::from_shape_fn(n, |i| lb[i] + 0.5 + 2.5 * uniform());
        let (h1, c1) = (h.clone(), c.clone());
        let f = move |x: ArrayView1<'_, f64>| { let d = &x - &c1; 0.5 * d.dot(&h1.dot(&d)) };
        let (h2, c2) = (h.clone(), c.clone());
        let g = move |x: ArrayView1<'_, f64>| h2.dot(&(&x - &c2));
        let o = MinimizeOptions {
            method: Some(Method::Tnc),
            jac: Some(Jac::Callable(&g)),
            bounds: Some(Bounds::new(lb.clone(), ub.clone())),
            gtol: Some(1e-10),
            ftol: Some(0.0),
            xtol: Some(0.0),
            maxfun: Some(20_000),
            ..Default::default()
        };
        let x0 = (&lb + &ub) * 0.5;
        let r = minimize_with(f, &x0, &o).unwrap();
        prop_assert!(r.success || r.status == 4, "{}", r.message);
        let grad = g(r.x.view());
        for i in 0..n {
            prop_assert!(r.x[i] >= lb[i] && r.x[i] <= ub[i]);
            let at_lb = r.x[i] - lb[i] <= 1e-9;
            let at_ub = ub[i] - r.x[i] <= 1e-9;
            let ok = if at_lb { grad[i] >= -1e-6 } else if at_ub { grad[i] <= 1e-6 } else { grad[i].abs() <= 1e-6 };
            prop_assert!(ok, "i = {i}: x = {}, g = {grad}", r.x);
        }
    }

    /// COBYLA's answer to a random convex quadratic with one binding linear inequality
    /// `aᵀx ≤ aᵀc − 1` matches the closed form `x* = c − H⁻¹a·(1/(aᵀH⁻¹a))` to 1e-5 at
    /// `tol = 1e-8` (the constraint is given as a `LinearConstraint` and as a closure).
    #[test]
    fn cobyla_solves_constrained_quadratics(seed in 0u64..1_000_000, n in 2usize..5, linear in proptest::bool::ANY) {
        let (h, c, mut uniform) = random_quadratic(seed, n);
        let a = Array1::from_shape_fn(n, |_| 2.0 * uniform() - 1.0);
        let bound = a.dot(&c) - 1.0;
        let hia = solve(&h, &a);
        let want = &c - &(&hia / a.dot(&hia));
        let (h1, c1) = (h.clone(), c.clone());
        let f = move |x: ArrayView1<'_, f64>| { let d = &x - &c1; 0.5 * d.dot(&h1.dot(&d)) };
        let a1 = a.clone();
        let con = move |x: ArrayView1<'_, f64>| array![bound - a1.dot(&x)];
        let mut o = MinimizeOptions { method: Some(Method::Cobyla), tol: Some(1e-8), maxiter: Some(5000), ..Default::default() };
        if linear {
            o.linear_constraints = vec![LinearConstraint {
                a: a.clone().insert_axis(sci_core::ndarray::Axis(0)),
                lb: array![f64::NEG_INFINITY],
                ub: array![bound],
            }];
        } else {
            o.constraints = vec![Constraint::ineq(&con)];
        }
        let r = minimize_with(f, &Array1::zeros(n), &o).unwrap();
        prop_assert!(r.success, "{}", r.message);
        let scale = want.iter().fold(1.0f64, |m, v| m.max(v.abs()));
        prop_assert!(max_abs_diff(&r.x, &want) <= 1e-5 * scale, "x = {}, want {want}", r.x);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    /// On random feasible convex problems — a convex quadratic, a box, a ball around a point
    /// of the box and sometimes an equality through that point, so the minimizer is unique —
    /// COBYLA at `tol = 1e-8` ends where SLSQP with `ftol = 1e-14` does, to 1e-6 (cases where
    /// SLSQP itself fails are skipped).
    #[test]
    fn cobyla_agrees_with_slsqp(seed in 0u64..1_000_000, n in 2usize..7, with_eq in proptest::bool::ANY) {
        let (h, c, mut uniform) = random_quadratic(seed, n);
        let lb = Array1::from_shape_fn(n, |_| -2.0 * uniform());
        let ub = Array1::from_shape_fn(n, |i| lb[i] + 0.5 + 2.5 * uniform());
        let r2 = 0.1 + 0.9 * uniform();
        let center = Array1::from_shape_fn(n, |i| lb[i] + (ub[i] - lb[i]) * uniform());
        let f = move |x: ArrayView1<'_, f64>| { let d = &x - &c; 0.5 * d.dot(&h.dot(&d)) };
        let cen = center.clone();
        let ball = move |x: ArrayView1<'_, f64>| { let d = &x - &cen; array![r2 - d.dot(&d)] };
        let normal = Array1::from_shape_fn(n, |_| uniform() - 0.5);
        let level = normal.dot(&center);
        let plane = move |x: ArrayView1<'_, f64>| array![normal.dot(&x) - level];
        let mut cons = vec![Constraint::ineq(&ball)];
        if with_eq {
            cons.push(Constraint::eq(&plane));
        }
        let bounds = Some(Bounds::new(lb, ub));
        let o = MinimizeOptions {
            method: Some(Method::Cobyla),
            bounds: bounds.clone(),
            constraints: cons.clone(),
            tol: Some(1e-8),
            maxiter: Some(20_000),
            ..Default::default()
        };
        let r = minimize_with(&f, &Array1::zeros(n), &o).unwrap();
        prop_assert!(r.success, "{}", r.message);
        let os = MinimizeOptions {
            method: Some(Method::Slsqp),
            bounds,
            constraints: cons,
            ftol: Some(1e-14),
            maxiter: Some(1000),
            ..Default::default()
        };
        let rs = minimize_with(f, &Array1::zeros(n), &os).unwrap();
        prop_assume!(rs.success);
        prop_assert!(max_abs_diff(&r.x, &rs.x) <= 1e-6, "cobyla {} slsqp {}", r.x, rs.x);
    }
}
