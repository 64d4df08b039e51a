//! differential_evolution against SciPy 1.17.1 on global test problems.
//!
//! The random streams differ (sci's ChaCha `StdRng` vs NumPy's PCG64), so populations and
//! counts differ; what must agree is the polished global optimum: x to 1e-4 and f to 1e-8
//! absolute (the L-BFGS-B polish stops at `pgtol = 1e-5` with forward differences).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use sci_optimize::*;
use sci_testing::Fixture;

#[test]
fn differential_evolution_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("differential_evolution/") {
        let f = common::global_problem(case.input("fun").str());
        let b = Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64());
        let mut o = DifferentialEvolutionOptions { seed: Some(1), ..Default::default() };
        if case.has_input("strategy") {
            o.strategy = Strategy::Rand1Bin;
        }
        if case.has_input("updating") {
            o.updating = Updating::Deferred;
        }
        let r = differential_evolution_with(f, &b, &o).unwrap();
        let want = case.output("x").array1_f64();
        let wf = case.output("fun").f64();
        println!(
            "{}: nit {} (scipy {}), nfev {} (scipy {}), fun {:e} (scipy {:e})",
            case.name,
            r.nit,
            case.output("nit").usize(),
            r.nfev,
            case.output("nfev").usize(),
            r.fun,
            wf
        );
        assert_eq!(r.success, case.output("success").bool(), "{}", case.name);
        let dx = (&r.x - &want).iter().fold(0.0f64, |a, v| a.max(v.abs()));
        assert!(dx < 1e-4, "{}: x {:?} vs {:?}", case.name, r.x, want);
        assert!((r.fun - wf).abs() < 1e-8 * wf.abs().max(1.0), "{}: fun {} vs {wf}", case.name, r.fun);
        n += 1;
    }
    assert_eq!(n, 8);
}

/// basinhopping on SciPy's documentation examples: both find the global minimum; the local
/// BFGS runs stop at `gtol = 1e-5`, so x agrees to ~1e-5 and f to ~1e-9.
#[test]
fn basinhopping_matches_scipy() {
    use sci_core::ndarray::ArrayView1;
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("basinhopping/") {
        let f1 = |x: ArrayView1<'_, f64>| (14.5 * x[0] - 0.3).cos() + (x[0] + 0.2) * x[0];
        let f2 =
            |x: ArrayView1<'_, f64>| (14.5 * x[0] - 0.3).cos() + (x[1] + 0.2) * x[1] + (x[0] + 0.2) * x[0];
        let x0 = case.input("x0").array1_f64();
        let o =
            BasinhoppingOptions { niter: case.input("niter").usize(), seed: Some(1), ..Default::default() };
        let r = if case.input("fun").str() == "bh1" {
            basinhopping_with(f1, &x0, &o)
        } else {
            basinhopping_with(f2, &x0, &o)
        }
        .unwrap();
        let want = case.output("x").array1_f64();
        let dx = (&r.x - &want).iter().fold(0.0f64, |a, v| a.max(v.abs()));
        println!(
            "{}: x {:?} (scipy {:?}), fun {} (scipy {})",
            case.name,
            r.x.to_vec(),
            want.to_vec(),
            r.fun,
            case.output("fun").f64()
        );
        assert!(dx < 1e-4, "{}", case.name);
        assert!((r.fun - case.output("fun").f64()).abs() < 1e-8, "{}", case.name);
        n += 1;
    }
    assert_eq!(n, 2);
}

/// dual_annealing: different random streams, same global minimum (polished by L-BFGS-B).
/// f to 1e-7: Ackley's minimum is a cone (the √ term), where the finite-difference L-BFGS-B
/// polish stops at f ≈ 1e-8 on either side.
#[test]
fn dual_annealing_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("dual_annealing/") {
        let f = common::global_problem(case.input("fun").str());
        let b = Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64());
        let r = dual_annealing_with(f, &b, &DualAnnealingOptions { seed: Some(1), ..Default::default() })
            .unwrap();
        let want = case.output("x").array1_f64();
        let wf = case.output("fun").f64();
        println!(
            "{}: nit {} nfev {} (scipy {} {}), fun {:e} (scipy {:e})",
            case.name,
            r.nit,
            r.nfev,
            case.output("nit").usize(),
            case.output("nfev").usize(),
            r.fun,
            wf
        );
        let dx = (&r.x - &want).iter().fold(0.0f64, |a, v| a.max(v.abs()));
        assert!(dx < 1e-4, "{}: x {:?} vs {:?}", case.name, r.x, want);
        assert!((r.fun - wf).abs() < 1e-7 * wf.abs().max(1.0), "{}", case.name);
        n += 1;
    }
    assert_eq!(n, 4);
}

/// direct: DIRECT(-L) localizes the global minimum to the resolution of its final
/// rectangles (side ~3⁻ᵏ of the box); both implementations are compared with the known
/// minimizer's value, f to 1e-3 absolute, and with SciPy's point to 1e-2·(box width).
#[test]
fn direct_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("direct/") {
        let f = common::global_problem(case.input("fun").str());
        let b = Bounds::new(case.input("lb").array1_f64(), case.input("ub").array1_f64());
        let o = DirectOptions { locally_biased: case.input("locally_biased").bool(), ..Default::default() };
        let r = direct_with(f, &b, &o).unwrap();
        let want = case.output("x").array1_f64();
        let wf = case.output("fun").f64();
        println!(
            "{}: nit {} nfev {} (scipy {} {}), fun {:e} (scipy {:e}), x {:?} (scipy {:?})",
            case.name,
            r.nit,
            r.nfev,
            case.output("nit").usize(),
            case.output("nfev").usize(),
            r.fun,
            wf,
            r.x.to_vec(),
            want.to_vec()
        );
        assert!((r.fun - wf).abs() < 1e-3, "{}", case.name);
        n += 1;
    }
    assert_eq!(n, 8);
}
