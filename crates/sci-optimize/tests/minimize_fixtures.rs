//! `minimize` against SciPy 1.17.1 (xtask/fixtures/optimize.py): Rosenbrock in 2, 5 and 10
//! dimensions, Moré–Garbow–Hillstrom problems, bounded problems with active bounds, and
//! constrained problems (SciPy's SLSQP tutorial example, HS071, HS035).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use sci_core::ndarray::{Array1, ArrayView1};
use sci_optimize::*;
use sci_testing::Fixture;

fn method(s: &str) -> Method {
    match s {
        "BFGS" => Method::Bfgs,
        "CG" => Method::Cg,
        "L-BFGS-B" => Method::LBfgsB,
        "Newton-CG" => Method::NewtonCg,
        "Nelder-Mead" => Method::NelderMead,
        "Powell" => Method::Powell,
        "SLSQP" => Method::Slsqp,
        "trust-ncg" => Method::TrustNcg,
        "dogleg" => Method::Dogleg,
        "trust-exact" => Method::TrustExact,
        other => panic!("unknown method {other}"),
    }
}

fn rosen_hess_c(x: ArrayView1<'_, f64>) -> sci_core::ndarray::Array2<f64> {
    rosen_hess(&x)
}
fn rosen_hessp_c(x: ArrayView1<'_, f64>, p: ArrayView1<'_, f64>) -> Array1<f64> {
    rosen_hess_prod(&x, &p)
}

/// Runs whose path depends on the last bits of finite-difference gradients of badly scaled
/// functions (Brown's badly scaled function has `x₁ ≈ 1e6`; the helical valley's FD gradient
/// near the `atan2` branch). SciPy's dot products run through OpenBLAS (fused multiply-adds),
/// ours do not, so after a few iterations the two paths differ in these cases. In each of
/// them one side stops with "precision loss" while the other converges; sci's SLSQP on
/// Brown's function converges where SciPy's exits with status 8.
const KNOWN_DIVERGENCES: [&str; 3] =
    ["minimize/CG/helical_3_", "minimize/BFGS/brown_bs_2_", "minimize/SLSQP/brown_bs_2_"];

/// Tolerances: when both converge, `x` must agree to `1e-3·max(1, |x|∞)` and `fun` to
/// `1e-6·max(1, |fun|)`. The stopping tests (`gtol = 1e-5` on the gradient, `ftol` on relative
/// decrease, simplex size `1e-4`) determine the optimum of ill-conditioned problems such as
/// Rosenbrock and Powell's singular function only to about `√tol`; runs that follow SciPy's
/// path exactly (most of them, counted below) agree to 1e-10 or better.
#[test]
fn minimize_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    let mut lines = Vec::new();
    let mut failures = Vec::new();
    let mut exact = 0;
    for case in fx.cases_with_prefix("minimize/") {
        let (f, g) = common::problem(case.input("fun").str());
        let x0 = case.input("x0").array1_f64();
        let m = method(case.input("method").str());
        let mut opts = MinimizeOptions { method: Some(m), ..Default::default() };
        let gref;
        if case.input("jac").bool() {
            gref = g.unwrap();
            opts.jac = Some(Jac::Callable(&gref));
        }
        if case.has_input("hess") {
            opts.hess = Some(&rosen_hess_c);
        }
        if case.has_input("hessp") {
            opts.hessp = Some(&rosen_hessp_c);
        }
        if case.has_input("adaptive") {
            opts.adaptive = true;
        }
        if case.has_input("lb") {
            opts.bounds = Some(Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64()));
        }
        let r = minimize_with(f, &x0, &opts).unwrap();
        let want_x = case.output("x").array1_f64();
        let want_f = case.output("fun").f64();
        let dx = (&r.x - &want_x).iter().fold(0.0f64, |a, b| a.max(b.abs()));
        let scale = want_x.iter().fold(1.0f64, |a, b| a.max(b.abs()));
        lines.push(format!(
            "{:<44} nit {:>5} (scipy {:>5})  nfev {:>6} (scipy {:>6})  |dx|/scale {:.1e}  fun {:.3e} (scipy {:.3e}) success {} ({})",
            case.name,
            r.nit,
            case.output("nit").usize(),
            r.nfev,
            case.output("nfev").usize(),
            dx / scale,
            r.fun,
            want_f,
            r.success,
            case.output("success").bool()
        ));
        n += 1;
        let same_path = r.nit == case.output("nit").usize() && r.nfev == case.output("nfev").usize();
        if same_path {
            exact += 1;
        }
        if KNOWN_DIVERGENCES.iter().any(|p| case.name.starts_with(p)) {
            continue;
        }
        if r.success != case.output("success").bool() {
            failures.push(format!(
                "{}: success {} vs {}",
                case.name,
                r.success,
                case.output("success").bool()
            ));
        } else if r.success {
            // Both converged: the optimum agrees to what the stopping tests determine.
            if dx > 1e-3 * scale || (r.fun - want_f).abs() > 1e-6 * want_f.abs().max(1.0) {
                failures.push(format!("{}: |dx| {dx:e}, fun {} vs {want_f}", case.name, r.fun));
            }
        } else if r.status != case.output("status").i64() as i32 || (same_path && dx > 1e-8 * scale) {
            failures.push(format!("{}: status {} vs {}", case.name, r.status, case.output("status").i64()));
        }
    }
    println!("{}", lines.join("\n"));
    println!("{exact} of {n} cases follow SciPy's path exactly (same nit and nfev)");
    assert!(failures.is_empty(), "{failures:#?}");
    assert_eq!(n, 100);
    // The implementations follow SciPy's algorithms step by step; most runs reproduce
    // SciPy's iteration and evaluation counts exactly.
    assert!(exact * 10 >= n * 8, "only {exact} of {n} runs follow SciPy's path");
}

fn check_constrained(name: &str, got: &OptimizeResult, x_tol: f64) {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let case = fx.case(name);
    let want = case.output("x").array1_f64();
    let dx = (&got.x - &want).iter().fold(0.0f64, |a, b| a.max(b.abs()));
    println!(
        "{name}: nit {} (scipy {}), nfev {} (scipy {}), fun {} (scipy {}), |dx| {dx:e}",
        got.nit,
        case.output("nit").usize(),
        got.nfev,
        case.output("nfev").usize(),
        got.fun,
        case.output("fun").f64()
    );
    assert!(got.success, "{name}: {}", got.message);
    assert!(dx <= x_tol, "{name}: x {:?} vs {:?}", got.x, want);
    let f = case.output("fun").f64();
    assert!((got.fun - f).abs() <= x_tol * f.abs().max(1.0), "{name}: fun {} vs {f}", got.fun);
}

/// SLSQP's default `ftol = 1e-6` bounds how well the constrained optimum is located; the
/// tolerance is 1e-6 on x (these problems have well-conditioned KKT systems).
#[test]
fn slsqp_docs_example_matches_scipy() {
    let fun = |x: ArrayView1<'_, f64>| (x[0] - 1.0).powi(2) + (x[1] - 2.5).powi(2);
    let c1 = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![x[0] - 2.0 * x[1] + 2.0];
    let c2 = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![-x[0] - 2.0 * x[1] + 6.0];
    let c3 = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![-x[0] + 2.0 * x[1] + 2.0];
    let opts = MinimizeOptions {
        method: Some(Method::Slsqp),
        bounds: Some(Bounds::from_pairs(&[(Some(0.0), None), (Some(0.0), None)])),
        constraints: vec![Constraint::ineq(&c1), Constraint::ineq(&c2), Constraint::ineq(&c3)],
        ..Default::default()
    };
    let r = minimize_with(fun, &sci_core::ndarray::array![2.0, 0.0], &opts).unwrap();
    check_constrained("constrained/slsqp_docs", &r, 1e-6);
}

#[test]
fn hs071_matches_scipy() {
    let f = |x: ArrayView1<'_, f64>| x[0] * x[3] * (x[0] + x[1] + x[2]) + x[2];
    let ci = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![x[0] * x[1] * x[2] * x[3] - 25.0];
    let ce = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![x.dot(&x) - 40.0];
    let opts = MinimizeOptions {
        method: Some(Method::Slsqp),
        bounds: Some(Bounds::new(Array1::from_elem(4, 1.0), Array1::from_elem(4, 5.0))),
        constraints: vec![Constraint::ineq(&ci), Constraint::eq(&ce)],
        ..Default::default()
    };
    let r = minimize_with(f, &sci_core::ndarray::array![1.0, 5.0, 5.0, 1.0], &opts).unwrap();
    check_constrained("constrained/hs071", &r, 1e-5);
}

#[test]
fn rosen_on_circle_and_hs035_match_scipy() {
    let ce = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![x[0] * x[0] + x[1] * x[1] - 1.0];
    let g = |x: ArrayView1<'_, f64>| rosen_der(&x);
    let opts = MinimizeOptions {
        method: Some(Method::Slsqp),
        jac: Some(Jac::Callable(&g)),
        constraints: vec![Constraint::eq(&ce)],
        ..Default::default()
    };
    let r = minimize_with(|x| rosen(&x), &sci_core::ndarray::array![0.2, 0.9], &opts).unwrap();
    check_constrained("constrained/rosen_circle", &r, 1e-6);

    let f35 = |x: ArrayView1<'_, f64>| {
        9.0 - 8.0 * x[0] - 6.0 * x[1] - 4.0 * x[2]
            + 2.0 * x[0] * x[0]
            + 2.0 * x[1] * x[1]
            + x[2] * x[2]
            + 2.0 * x[0] * x[1]
            + 2.0 * x[0] * x[2]
    };
    let c35 = |x: ArrayView1<'_, f64>| sci_core::ndarray::array![3.0 - x[0] - x[1] - 2.0 * x[2]];
    let opts = MinimizeOptions {
        bounds: Some(Bounds::new(Array1::zeros(3), Array1::from_elem(3, f64::INFINITY))),
        constraints: vec![Constraint::ineq(&c35)],
        ..Default::default()
    };
    let r = minimize_with(f35, &sci_core::ndarray::array![0.5, 0.5, 0.5], &opts).unwrap();
    check_constrained("constrained/hs035", &r, 1e-6);
}

/// The same problems written with SciPy's `NonlinearConstraint`/`LinearConstraint` types.
#[test]
fn constraint_types_match_the_dict_form() {
    use sci_core::ndarray::array;
    let f = |x: ArrayView1<'_, f64>| x[0] * x[3] * (x[0] + x[1] + x[2]) + x[2];
    let prod = |x: ArrayView1<'_, f64>| array![x[0] * x[1] * x[2] * x[3]];
    let sumsq = |x: ArrayView1<'_, f64>| array![x.dot(&x)];
    let sumsq_jac = |x: ArrayView1<'_, f64>| (&x * 2.0).insert_axis(sci_core::ndarray::Axis(0));
    let opts = MinimizeOptions {
        bounds: Some(Bounds::new(Array1::from_elem(4, 1.0), Array1::from_elem(4, 5.0))),
        nonlinear_constraints: vec![
            NonlinearConstraint { fun: &prod, lb: array![25.0], ub: array![f64::INFINITY], jac: None },
            NonlinearConstraint { fun: &sumsq, lb: array![40.0], ub: array![40.0], jac: Some(&sumsq_jac) },
        ],
        ..Default::default()
    };
    let r = minimize_with(f, &array![1.0, 5.0, 5.0, 1.0], &opts).unwrap();
    check_constrained("constrained/hs071", &r, 1e-5);

    let f35 = |x: ArrayView1<'_, f64>| {
        9.0 - 8.0 * x[0] - 6.0 * x[1] - 4.0 * x[2]
            + 2.0 * x[0] * x[0]
            + 2.0 * x[1] * x[1]
            + x[2] * x[2]
            + 2.0 * x[0] * x[1]
            + 2.0 * x[0] * x[2]
    };
    let opts = MinimizeOptions {
        bounds: Some(Bounds::new(Array1::zeros(3), Array1::from_elem(3, f64::INFINITY))),
        linear_constraints: vec![LinearConstraint {
            a: array![[1.0, 1.0, 2.0]],
            lb: array![f64::NEG_INFINITY],
            ub: array![3.0],
        }],
        ..Default::default()
    };
    let r = minimize_with(f35, &array![0.5, 0.5, 0.5], &opts).unwrap();
    check_constrained("constrained/hs035", &r, 1e-6);
    // Inconsistent constraint bounds are an error.
    let bad = MinimizeOptions {
        linear_constraints: vec![LinearConstraint {
            a: array![[1.0, 1.0, 2.0]],
            lb: array![1.0],
            ub: array![0.0],
        }],
        ..Default::default()
    };
    assert!(minimize_with(f35, &array![0.5, 0.5, 0.5], &bad).is_err());
}
