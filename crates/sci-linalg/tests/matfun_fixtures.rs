//! Schur decomposition, `rsf2csf`, `sqrtm` and `logm` against SciPy 1.17.1
//! (xtask/fixtures/linalg.py, cases `schur/`, `schur_sort/`, `rsf2csf/`, `sqrtm/`, `logm/`).
//!
//! A Schur form is not unique, so decompositions are checked by invariants — `Z T Zᴴ = A`
//! to `n·eps·‖A‖`, `Z` unitary, the triangular structure — and by their eigenvalues against
//! SciPy's. Eigenvalues of the random and Hilbert matrices are well conditioned
//! (`|δλ| ≲ κ(V)·‖δA‖`), so 1e-10 relative to `‖A‖` holds; the 3×3 Jordan block's triple
//! eigenvalue moves by `‖δA‖^{1/3} ≈ 1e-5` under rounding in any implementation, and its
//! tolerance says so. The matrix functions of these well-conditioned inputs agree to
//! 1e-10 relative with an absolute floor of 1e-12·max|X|.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::Error;
use sci_core::ndarray::{Array2, ArrayD};
use sci_core::num_complex::Complex64;
use sci_linalg::*;
use sci_testing::{Case, Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "linalg")
}

fn is_complex(case: &Case) -> bool {
    case.input("a").dtype().starts_with("complex")
}

fn as_complex(a: &Array2<f64>) -> Array2<Complex64> {
    a.mapv(|x| Complex64::new(x, 0.0))
}

fn max_norm(a: &Array2<Complex64>) -> f64 {
    a.iter().fold(0.0, |m, z| m.max(z.norm()))
}

/// Checks `Z T Zᴴ = A` and `Zᴴ Z = I`.
fn assert_schur_pair(a: &Array2<Complex64>, t: &Array2<Complex64>, z: &Array2<Complex64>, ctx: &str) {
    let n = a.nrows();
    let zh = z.t().mapv(|v| v.conj());
    let back = z.dot(t).dot(&zh);
    let scale = max_norm(a).max(1.0);
    let err = (&back - a).iter().fold(0.0_f64, |m, d| m.max(d.norm()));
    assert!(err <= 50.0 * n as f64 * f64::EPSILON * scale, "{ctx}: ‖Z T Zᴴ − A‖ = {err:e}");
    let ortho = zh.dot(z) - Array2::<Complex64>::eye(n);
    let err = ortho.iter().fold(0.0_f64, |m, d| m.max(d.norm()));
    assert!(err <= 50.0 * n as f64 * f64::EPSILON, "{ctx}: ‖Zᴴ Z − I‖ = {err:e}");
}

/// Eigenvalues of a real quasi-triangular T (1×1 and 2×2 diagonal blocks).
fn quasi_triangular_eigenvalues(t: &Array2<f64>) -> Vec<Complex64> {
    let n = t.nrows();
    let mut w = Vec::new();
    let mut k = 0;
    while k < n {
        if k + 1 < n && t[[k + 1, k]] != 0.0 {
            let (a, b, c, d) = (t[[k, k]], t[[k, k + 1]], t[[k + 1, k]], t[[k + 1, k + 1]]);
            let mean = Complex64::new((a + d) / 2.0, 0.0);
            let disc = Complex64::new(((a - d) / 2.0).powi(2) + b * c, 0.0).sqrt();
            w.push(mean + disc);
            w.push(mean - disc);
            k += 2;
        } else {
            w.push(Complex64::new(t[[k, k]], 0.0));
            k += 1;
        }
    }
    w
}

/// Greedy nearest matching of two eigenvalue lists (order differs between libraries).
fn assert_same_spectrum(got: &[Complex64], want: &ArrayD<Complex64>, atol: f64, ctx: &str) {
    assert_eq!(got.len(), want.len(), "{ctx}: eigenvalue count");
    let mut free: Vec<Complex64> = got.to_vec();
    for w in want.iter() {
        let (idx, dist) = free
            .iter()
            .enumerate()
            .map(|(i, g)| (i, (g - w).norm()))
            .min_by(|x, y| x.1.total_cmp(&y.1))
            .unwrap();
        assert!(dist <= atol, "{ctx}: eigenvalue {w} matched at distance {dist:e} > {atol:e}");
        free.remove(idx);
    }
}

fn eigen_tol(case: &Case, scale: f64) -> f64 {
    if case.name.contains("repeated") { 1e-4 * scale } else { 1e-10 * scale }
}

#[test]
fn schur_matches_scipy_invariants() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("schur/") {
        let want_w = case.output("w").array_c64();
        let want_wc = case.output("w_complex").array_c64();
        let scale = want_w.iter().fold(1.0_f64, |m, z| m.max(z.norm()));
        let tol = eigen_tol(case, scale);
        if is_complex(case) {
            let a = case.input("a").array2_c64();
            let s = schur(&a).unwrap();
            assert_schur_pair(&a, &s.t, &s.z, &case.name);
            assert!(
                s.t.indexed_iter().all(|((i, j), v)| i <= j || v.norm() == 0.0),
                "{}: not triangular",
                case.name
            );
            assert_same_spectrum(&s.t.diag().to_vec(), &want_wc, tol, &case.name);
        } else {
            let a = case.input("a").array2_f64();
            let s = schur(&a).unwrap();
            assert_schur_pair(&as_complex(&a), &as_complex(&s.t), &as_complex(&s.z), &case.name);
            assert!(
                s.t.indexed_iter().all(|((i, j), v)| i <= j + 1 || *v == 0.0),
                "{}: not quasi-triangular",
                case.name
            );
            assert_same_spectrum(&quasi_triangular_eigenvalues(&s.t), &want_w, tol, &case.name);
            let c = schur_complex(&a).unwrap();
            assert_schur_pair(&as_complex(&a), &c.t, &c.z, &format!("{} complex", case.name));
            assert_same_spectrum(&c.t.diag().to_vec(), &want_wc, tol, &format!("{} complex", case.name));
        }
        count += 1;
    }
    assert!(count >= 7, "only {count} schur cases");
}

#[test]
fn sorted_schur_matches_scipy_sdim_and_leading_eigenvalues() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("schur_sort/") {
        let a = case.input("a").array2_f64();
        let sort = match case.input("sort").str() {
            "lhp" => SchurSort::LeftHalfPlane,
            "rhp" => SchurSort::RightHalfPlane,
            "iuc" => SchurSort::InsideUnitCircle,
            "ouc" => SchurSort::OutsideUnitCircle,
            other => panic!("unknown sort {other}"),
        };
        let options = SchurOptions { sort: Some(sort), ..Default::default() };
        let s = schur_with(&a, &options).unwrap();
        assert_eq!(s.sdim, Some(case.output("sdim").usize()), "{}", case.name);
        assert_schur_pair(&as_complex(&a), &as_complex(&s.t), &as_complex(&s.z), &case.name);
        let c = schur_complex_with(&a, &options).unwrap();
        let sdim = case.output("sdim_complex").usize();
        assert_eq!(c.sdim, Some(sdim), "{}", case.name);
        assert_schur_pair(&as_complex(&a), &c.t, &c.z, &case.name);
        let leading: Vec<Complex64> = c.t.diag().iter().take(sdim).copied().collect();
        assert_same_spectrum(
            &leading,
            &case.output("leading").array_c64(),
            1e-10 * max_norm(&as_complex(&a)),
            &case.name,
        );
        // The real form's leading block holds the same eigenvalues.
        let real_leading: Vec<Complex64> =
            quasi_triangular_eigenvalues(&s.t).into_iter().take(sdim).collect();
        assert_same_spectrum(
            &real_leading,
            &case.output("leading").array_c64(),
            1e-10 * max_norm(&as_complex(&a)),
            &case.name,
        );
        count += 1;
    }
    assert_eq!(count, 4);
}

#[test]
fn rsf2csf_matches_scipy() {
    let fx = fx();
    let case = fx.case("rsf2csf/pairs_4");
    let got = rsf2csf(&case.input("t").array2_f64(), &case.input("z").array2_f64()).unwrap();
    // Same algorithm, same input: the factors themselves agree.
    let (want_t, want_z) = (case.output("t").array_c64(), case.output("z").array_c64());
    let scale = max_norm(&want_t.clone().into_dimensionality().unwrap());
    assert_close(&got.t.into_dyn(), &want_t, Tol::new(1e-12, 1e-13 * scale), "rsf2csf t");
    assert_close(&got.z.into_dyn(), &want_z, Tol::new(1e-12, 1e-13), "rsf2csf z");
}

fn matfun_case(
    case: &Case,
    real: fn(&Array2<f64>) -> sci_core::Result<Array2<f64>>,
    complex_of_real: fn(&Array2<f64>) -> sci_core::Result<Array2<Complex64>>,
    complex: fn(&Array2<Complex64>) -> sci_core::Result<Array2<Complex64>>,
) {
    let want = case.output("x").array_c64();
    let scale = want.iter().fold(1.0_f64, |m, z| m.max(z.norm()));
    let tol = Tol::new(1e-10, 1e-12 * scale);
    let got: ArrayD<Complex64> = if is_complex(case) {
        complex(&case.input("a").array2_c64()).unwrap().into_dyn()
    } else if case.output("x").dtype().starts_with("complex") {
        let a = case.input("a").array2_f64();
        assert!(
            matches!(real(&a), Err(Error::InvalidArgument { .. })),
            "{}: real result must be refused",
            case.name
        );
        complex_of_real(&a).unwrap().into_dyn()
    } else {
        as_complex(&real(&case.input("a").array2_f64()).unwrap()).into_dyn()
    };
    assert_close(&got, &want, tol, &case.name);
}

#[test]
fn sqrtm_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("sqrtm/") {
        matfun_case(case, sqrtm, sqrtm_complex, sqrtm);
        count += 1;
    }
    assert!(count >= 7, "only {count} sqrtm cases");
}

#[test]
fn logm_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("logm/") {
        matfun_case(case, logm, logm_complex, logm);
        count += 1;
    }
    assert!(count >= 7, "only {count} logm cases");
}

#[test]
fn bad_input_is_an_error() {
    let nan = sci_core::ndarray::array![[1.0, f64::NAN], [0.0, 1.0]];
    assert!(matches!(schur(&nan), Err(Error::NonFinite { .. })));
    assert!(matches!(sqrtm(&nan), Err(Error::NonFinite { .. })));
    assert!(matches!(logm(&nan), Err(Error::NonFinite { .. })));
    let rect = Array2::<f64>::zeros((2, 3));
    assert!(matches!(schur(&rect), Err(Error::ShapeMismatch { .. })));
    assert!(matches!(sqrtm(&rect), Err(Error::ShapeMismatch { .. })));
    let empty = Array2::<f64>::zeros((0, 0));
    let s = schur(&empty).unwrap();
    assert_eq!((s.t.dim(), s.z.dim()), ((0, 0), (0, 0)));
    assert!(matches!(
        rsf2csf(&Array2::<f64>::eye(2), &Array2::<f64>::eye(3)),
        Err(Error::ShapeMismatch { .. })
    ));
}

/// Same pivot rule (Bunch–Kaufman, α = (1+√17)/8, first index on ties) as LAPACK's `sytrf`,
/// so the factors themselves agree, to rounding (rtol 1e-12 on these well-scaled inputs).
#[test]
fn ldl_matches_scipy_factors() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("ldl/") {
        let options = LdlOptions {
            lower: case.input("lower").bool(),
            hermitian: case.input("hermitian").bool(),
            ..Default::default()
        };
        let want_perm: Vec<usize> = case.output("perm").array_i64().iter().map(|&p| p as usize).collect();
        let (lu, d, perm) = if is_complex(case) {
            let f = ldl_with(&case.input("a").array2_c64(), &options).unwrap();
            (f.lu.into_dyn(), f.d.into_dyn(), f.perm.to_vec())
        } else {
            let f = ldl_with(&case.input("a").array2_f64(), &options).unwrap();
            (as_complex(&f.lu).into_dyn(), as_complex(&f.d).into_dyn(), f.perm.to_vec())
        };
        assert_eq!(perm, want_perm, "{}: perm", case.name);
        assert_close(
            &lu,
            &case.output("lu").array_c64(),
            Tol::new(1e-12, 1e-13),
            &format!("{} lu", case.name),
        );
        assert_close(&d, &case.output("d").array_c64(), Tol::new(1e-12, 1e-13), &format!("{} d", case.name));
        count += 1;
    }
    assert!(count >= 7, "only {count} ldl cases");
}

/// Schur–Parlett `funm`: the matrix function to 1e-10 relative where the eigenvalues are
/// well separated; the 1e-7-separated case loses about 7 digits in any Parlett
/// implementation (SciPy's included), so there we only check agreement to 1e-6 and that
/// both error estimates flag it. Error estimates depend on the (non-unique) Schur form,
/// so they are compared in order of magnitude.
#[test]
fn funm_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("funm/") {
        let f: fn(Complex64) -> Complex64 = match case.input("func").str() {
            "exp" => |z| z.exp(),
            "sin" => |z| z.sin(),
            "cos" => |z| z.cos(),
            other => panic!("unknown function {other}"),
        };
        let got = if is_complex(case) {
            funm(&case.input("a").array2_c64(), f).unwrap()
        } else {
            funm(&case.input("a").array2_f64(), f).unwrap()
        };
        let want = case.output("f").array_c64();
        let want_err = case.output("errest").f64();
        let scale = want.iter().fold(1.0_f64, |m, z| m.max(z.norm()));
        let near = case.name.contains("near_repeated");
        let tol = if near { Tol::new(1e-6, 1e-6 * scale) } else { Tol::new(1e-10, 1e-12 * scale) };
        assert_close(&got.f.into_dyn(), &want, tol, &case.name);
        let ratio = (got.errest / want_err).log10().abs();
        assert!(ratio <= 1.5, "{}: errest {} vs SciPy {}", case.name, got.errest, want_err);
        if near {
            assert!(got.errest > 1000.0 * f64::EPSILON / 2.0, "{}: inaccuracy not flagged", case.name);
        }
        count += 1;
    }
    assert_eq!(count, 4);
}
