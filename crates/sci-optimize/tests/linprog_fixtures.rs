//! linprog against SciPy 1.17.1 (HiGHS): optimal values to 1e-9 relative, solutions to
//! 1e-7 (these problems have unique optimal vertices), and SciPy's status codes for
//! infeasible and unbounded problems.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_optimize::*;
use sci_testing::{Fixture, Tol, assert_close};

#[test]
fn linprog_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("linprog/") {
        let c = case.input("c").array1_f64();
        let mut o = LinprogOptions::default();
        if case.has_input("A_ub") {
            o.a_ub = Some(case.input("A_ub").array2_f64().into());
            o.b_ub = Some(case.input("b_ub").array1_f64());
        }
        if case.has_input("A_eq") {
            o.a_eq = Some(case.input("A_eq").array2_f64().into());
            o.b_eq = Some(case.input("b_eq").array1_f64());
        }
        if case.has_input("bounds") {
            let b = case.input("bounds").array2_f64();
            o.bounds = Some(b.rows().into_iter().map(|r| (r[0], r[1])).collect());
        }
        for method in [LinprogMethod::Highs, LinprogMethod::HighsIpm, LinprogMethod::HighsDs] {
            o.method = method;
            let r = linprog_with(&c, &o).unwrap();
            println!(
                "{} {method:?}: status {} (scipy {}), fun {}, nit {}",
                case.name,
                r.status,
                case.output("status").i64(),
                r.fun,
                r.nit
            );
            assert_eq!(r.status as i64, case.output("status").i64(), "{}", case.name);
            if r.success {
                let f = case.output("fun").f64();
                assert!((r.fun - f).abs() <= 1e-9 * f.abs().max(1.0), "{}: {} vs {f}", case.name, r.fun);
                assert_close(&r.x, &case.output("x").array1_f64(), Tol::new(1e-7, 1e-9), &case.name);
                assert!(r.slack.iter().all(|s| *s >= -1e-9), "{}", case.name);
                assert!(r.con.iter().all(|s| s.abs() <= 1e-9), "{}", case.name);
            }
        }
        n += 1;
    }
    assert_eq!(n, 10);
}

#[test]
fn linprog_bad_input() {
    use sci_core::ndarray::array;
    let c = array![1.0, 1.0];
    let only_a = LinprogOptions { a_ub: Some(array![[1.0, 1.0]].into()), ..Default::default() };
    assert!(linprog_with(&c, &only_a).is_err());
    let wrong = LinprogOptions {
        a_ub: Some(array![[1.0, 1.0, 1.0]].into()),
        b_ub: Some(array![1.0]),
        ..Default::default()
    };
    assert!(linprog_with(&c, &wrong).is_err());
    let bad_bounds = LinprogOptions { bounds: Some(vec![(1.0, 0.0), (0.0, 1.0)]), ..Default::default() };
    assert!(linprog_with(&c, &bad_bounds).is_err());
    assert!(linprog(&array![f64::NAN]).is_err());
    // Free variables and a fixed variable.
    let o = LinprogOptions {
        a_eq: Some(array![[1.0, 1.0, 1.0]].into()),
        b_eq: Some(array![3.0]),
        bounds: Some(vec![(f64::NEG_INFINITY, f64::INFINITY), (2.0, 2.0), (0.0, 0.5)]),
        ..Default::default()
    };
    let r = linprog_with(&array![1.0, 0.0, -1.0], &o).unwrap();
    assert!(r.success && (r.x[0] - 0.5).abs() < 1e-12 && r.x[1] == 2.0 && (r.x[2] - 0.5).abs() < 1e-12);
}

/// milp against SciPy (HiGHS MIP): optimal value to 1e-9, solution where it is unique,
/// infeasibility status.
#[test]
fn milp_matches_scipy() {
    use sci_core::ndarray::Array1;
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("milp/") {
        let c = case.input("c").array1_f64();
        let integ: Array1<u8> = case.input("integrality").array_i64().iter().map(|&v| v as u8).collect();
        let o = MilpOptions {
            integrality: Some(integ),
            bounds: Some(Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64())),
            constraints: vec![LinearConstraint {
                a: case.input("A").array2_f64(),
                lb: case.input("lb_c").array1_f64(),
                ub: case.input("ub_c").array1_f64(),
            }],
            ..Default::default()
        };
        let r = milp_with(&c, &o).unwrap();
        println!(
            "{}: status {} (scipy {}), fun {}, nodes {}",
            case.name,
            r.status,
            case.output("status").i64(),
            r.fun,
            r.mip_node_count
        );
        assert_eq!(r.success, case.output("success").bool(), "{}", case.name);
        if r.success {
            let f = case.output("fun").f64();
            assert!((r.fun - f).abs() <= 1e-9 * f.abs().max(1.0), "{}: {} vs {f}", case.name, r.fun);
            if case.has_output("x") {
                assert_close(&r.x, &case.output("x").array1_f64(), Tol::new(1e-7, 1e-9), &case.name);
            }
        } else {
            assert_eq!(r.status, 2);
        }
        n += 1;
    }
    assert_eq!(n, 6);
}
