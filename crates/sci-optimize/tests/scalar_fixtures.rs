//! Helpers, root_scalar and minimize_scalar against SciPy 1.17.1 (xtask/fixtures/optimize.py).
//!
//! The scalar methods follow SciPy's algorithms step by step, so roots and minimizers are
//! compared at rtol 1e-12 (the last steps of two implementations of the same recurrences
//! differ at most by rounding), and iteration and call counts are compared exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use sci_core::ndarray::Array1;
use sci_optimize::*;
use sci_testing::{Fixture, Tol, assert_close, assert_scalar_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize")
}

#[test]
fn rosen_family_matches_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("rosen/") {
        let x = case.input("x").array1_f64();
        let p = case.input("p").array1_f64();
        let t = Tol::new(1e-13, 1e-12);
        assert_scalar_close(rosen(&x), case.output("f").f64(), t, &case.name);
        assert_close(&rosen_der(&x), &case.output("der").array1_f64(), t, &case.name);
        assert_close(&rosen_hess(&x), &case.output("hess").array2_f64(), t, &case.name);
        assert_close(&rosen_hess_prod(&x, &p), &case.output("hess_prod").array1_f64(), t, &case.name);
        n += 1;
    }
    assert_eq!(n, 4);
}

#[test]
fn approx_fprime_and_check_grad_match_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("approx_fprime/") {
        let x = case.input("x").array1_f64();
        let eps = if case.name.contains("steps") {
            FdStep::PerCoordinate(case.input("epsilon").array1_f64())
        } else {
            FdStep::Scalar(case.input("epsilon").f64())
        };
        let g = approx_fprime_with(&x, |v| rosen(&v), &eps).unwrap();
        // Same steps, same formula, and rosen rounds exactly as NumPy: agreement to rounding.
        assert_close(&g, &case.output("g").array1_f64(), Tol::new(1e-12, 1e-10), &case.name);
        n += 1;
    }
    for case in fx.cases_with_prefix("check_grad/") {
        let x = case.input("x").array1_f64();
        let err = check_grad(|v| rosen(&v), |v| rosen_der(&v), &x).unwrap();
        // Bit-identical finite differences give the same error norm up to rounding.
        assert_scalar_close(err, case.output("err").f64(), Tol::new(1e-6, 1e-12), &case.name);
        n += 1;
    }
    assert_eq!(n, 9);
}

fn method_of(s: &str) -> RootScalarMethod {
    match s {
        "brentq" => RootScalarMethod::Brentq,
        "brenth" => RootScalarMethod::Brenth,
        "ridder" => RootScalarMethod::Ridder,
        "bisect" => RootScalarMethod::Bisect,
        "toms748" => RootScalarMethod::Toms748,
        "newton" => RootScalarMethod::Newton,
        "secant" => RootScalarMethod::Secant,
        "halley" => RootScalarMethod::Halley,
        other => panic!("unknown method {other}"),
    }
}

#[test]
fn root_scalar_matches_scipy() {
    let fx = fx();
    let mut n = 0;
    let mut report = Vec::new();
    for case in fx.cases_with_prefix("root_scalar/") {
        let (f, fp, fpp) = common::scalar(case.input("fun").str());
        let method = method_of(case.input("method").str());
        let get = |k: &str| if case.has_input(k) { Some(case.input(k).f64()) } else { None };
        let variant = if case.has_input("variant") { case.input("variant").str() } else { "" };
        let mut opts = RootScalarOptions {
            method: Some(method),
            xtol: get("xtol"),
            rtol: get("rtol"),
            maxiter: if case.has_input("maxiter") { Some(case.input("maxiter").usize()) } else { None },
            ..Default::default()
        };
        if case.has_input("a") {
            opts.bracket = Some((case.input("a").f64(), case.input("b").f64()));
        } else {
            opts.x0 = get("x0");
            opts.x1 = get("x1");
        }
        if variant == "newton" || variant == "halley" {
            opts.fprime = Some(&fp);
        }
        if variant == "halley" {
            opts.fprime2 = Some(&fpp);
        }
        let r = root_scalar_with(f, &opts).unwrap();
        let want = case.output("root").f64();
        assert_eq!(r.converged, case.output("converged").bool(), "{}", case.name);
        assert_scalar_close(r.root, want, Tol::new(1e-12, 1e-14), &case.name);
        report.push(format!(
            "{}: iterations {} (scipy {}), calls {} (scipy {})",
            case.name,
            r.iterations,
            case.output("iterations").usize(),
            r.function_calls,
            case.output("function_calls").usize()
        ));
        assert_eq!(r.iterations, case.output("iterations").usize(), "{} iterations", case.name);
        assert_eq!(r.function_calls, case.output("function_calls").usize(), "{} calls", case.name);
        n += 1;
    }
    println!("{}", report.join("\n"));
    assert_eq!(n, 73);
}

#[test]
fn minimize_scalar_matches_scipy() {
    let fx = fx();
    let mut n = 0;
    for case in fx.cases_with_prefix("minimize_scalar/") {
        let f = common::min_scalar(case.input("fun").str());
        let method = match case.input("method").str() {
            "brent" => MinimizeScalarMethod::Brent,
            "golden" => MinimizeScalarMethod::Golden,
            _ => MinimizeScalarMethod::Bounded,
        };
        let mut opts = MinimizeScalarOptions { method: Some(method), ..Default::default() };
        if case.has_input("bounds") {
            let b = case.input("bounds").array1_f64();
            opts.bounds = Some((b[0], b[1]));
        }
        if case.has_input("bracket") {
            let b: Array1<f64> = case.input("bracket").array1_f64();
            opts.bracket = Some(if b.len() == 2 {
                ScalarBracket::Two(b[0], b[1])
            } else {
                ScalarBracket::Three(b[0], b[1], b[2])
            });
        }
        if case.has_input("xtol") {
            opts.xtol = Some(case.input("xtol").f64());
        }
        if case.has_input("maxiter") {
            opts.maxiter = Some(case.input("maxiter").usize());
        }
        let r = minimize_scalar_with(f, &opts).unwrap();
        assert_eq!(r.success, case.output("success").bool(), "{}", case.name);
        assert_scalar_close(r.x, case.output("x").f64(), Tol::new(1e-12, 1e-14), &case.name);
        assert_scalar_close(r.fun, case.output("fun").f64(), Tol::new(1e-13, 1e-15), &case.name);
        assert_eq!(r.nit, case.output("nit").usize(), "{} nit", case.name);
        assert_eq!(r.nfev, case.output("nfev").usize(), "{} nfev", case.name);
        n += 1;
    }
    assert_eq!(n, 15);
}
