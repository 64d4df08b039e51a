//! f32 and Complex32 against the SciPy f64 fixtures (xtask/fixtures/linalg.py).
//!
//! Inputs are rounded to single precision, so even an exact solver differs from the f64
//! answer by up to cond(A)·eps₃₂ relative. The random fixture matrices have condition
//! numbers below ~1e3, so rtol = 2e-3 (≈ 1.7e4·eps₃₂) bounds "correct to single
//! precision" with room for the algorithms' own n·eps₃₂ errors; Hilbert cases are skipped.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::{Array2, ArrayD};
use sci_core::num_complex::{Complex32, Complex64};
use sci_linalg::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

const TOL: Tol = Tol::new(2e-3, 1e-5);

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "linalg")
}

fn is_complex(case: &Case) -> bool {
    case.input("a").dtype().starts_with("complex")
}

fn f32_of(case: &Case, key: &str) -> Array2<f32> {
    case.input(key).array2_f64().mapv(|x| x as f32)
}

fn c32_of(case: &Case, key: &str) -> Array2<Complex32> {
    case.input(key).array2_c64().mapv(|z| Complex32::new(z.re as f32, z.im as f32))
}

fn widen<D: sci_core::ndarray::Dimension>(a: sci_core::ndarray::Array<Complex32, D>) -> ArrayD<Complex64> {
    a.mapv(|z| Complex64::new(f64::from(z.re), f64::from(z.im))).into_dyn()
}

fn widen_real<D: sci_core::ndarray::Dimension>(a: sci_core::ndarray::Array<f32, D>) -> ArrayD<Complex64> {
    a.mapv(|x| Complex64::new(f64::from(x), 0.0)).into_dyn()
}

fn scaled(want: &ArrayD<Complex64>) -> Tol {
    let scale = want.iter().fold(0.0_f64, |m, z| m.max(z.norm())).max(1.0);
    Tol::new(TOL.rtol, TOL.atol * scale)
}

fn well_conditioned(fx: &Fixture, prefix: &'static str) -> Vec<Case> {
    fx.cases_with_prefix(prefix)
        .filter(|c| !c.name.contains("hilbert") && !c.name.contains("rank"))
        .cloned()
        .collect()
}

#[test]
fn svdvals_inv_solve_in_single_precision() {
    let fx = fx();
    let mut count = 0;
    for case in well_conditioned(&fx, "svdvals/") {
        let want = case.output("s").array1_f64().mapv(|x| Complex64::new(x, 0.0)).into_dyn();
        let got = if is_complex(&case) {
            widen_real(svdvals(&c32_of(&case, "a")).unwrap())
        } else {
            widen_real(svdvals(&f32_of(&case, "a")).unwrap())
        };
        assert_close(&got, &want, scaled(&want), &case.name);
        count += 1;
    }
    for case in well_conditioned(&fx, "inv/") {
        let want = case.output("inv").array_c64();
        let got = if is_complex(&case) {
            widen(inv(&c32_of(&case, "a")).unwrap())
        } else {
            widen_real(inv(&f32_of(&case, "a")).unwrap())
        };
        assert_close(&got, &want, scaled(&want), &case.name);
        count += 1;
    }
    for case in well_conditioned(&fx, "solve/") {
        let want = case.output("x").array_c64();
        let got = if is_complex(&case) {
            let b = case.input("b").array_c64().mapv(|z| Complex32::new(z.re as f32, z.im as f32));
            widen(solve(&c32_of(&case, "a"), &b).unwrap())
        } else {
            let b = case.input("b").array_f64().mapv(|x| x as f32);
            widen_real(solve(&f32_of(&case, "a"), &b).unwrap())
        };
        assert_close(&got, &want, scaled(&want), &case.name);
        count += 1;
    }
    assert!(count > 30, "{count}");
}

#[test]
fn factorizations_and_eigenvalues_in_single_precision() {
    let fx = fx();
    for case in well_conditioned(&fx, "cholesky/") {
        let want = case.output("u").array_c64();
        let got = if is_complex(&case) {
            widen(cholesky(&c32_of(&case, "a")).unwrap())
        } else {
            widen_real(cholesky(&f32_of(&case, "a")).unwrap())
        };
        assert_close(&got, &want, scaled(&want), &case.name);
    }
    for case in well_conditioned(&fx, "eigh/") {
        let want = case.output("w").array1_f64().mapv(|x| Complex64::new(x, 0.0)).into_dyn();
        let got = if is_complex(&case) {
            widen_real(eigvalsh(&c32_of(&case, "a")).unwrap())
        } else {
            widen_real(eigvalsh(&f32_of(&case, "a")).unwrap())
        };
        assert_close(&got, &want, scaled(&want), &case.name);
    }
    for case in well_conditioned(&fx, "det/") {
        let want = case.output("det");
        let (got, w) = if is_complex(&case) {
            let d = det(&c32_of(&case, "a")).unwrap();
            let p = want.json().as_array().unwrap();
            (
                Complex64::new(f64::from(d.re), f64::from(d.im)),
                Complex64::new(p[0].as_f64().unwrap(), p[1].as_f64().unwrap()),
            )
        } else {
            (
                Complex64::new(f64::from(det(&f32_of(&case, "a")).unwrap()), 0.0),
                Complex64::new(want.f64(), 0.0),
            )
        };
        sci_testing::assert_scalar_close(got, w, Tol::new(TOL.rtol, 0.0), &case.name);
    }
    for case in well_conditioned(&fx, "expm/") {
        let want = case.output("e").array_c64();
        let got = if is_complex(&case) {
            widen(expm(&c32_of(&case, "a")).unwrap())
        } else {
            widen_real(expm(&f32_of(&case, "a")).unwrap())
        };
        assert_close(&got, &want, scaled(&want), &case.name);
    }
}
