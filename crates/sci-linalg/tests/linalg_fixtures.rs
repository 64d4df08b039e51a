//! sci-linalg against SciPy 1.17.1 reference values (xtask/fixtures/linalg.py).
//!
//! Tolerances: random Gaussian matrices here have 2-norm condition numbers below ~1e3, so
//! backward-stable algorithms in SciPy (LAPACK) and sci (faer) agree to about
//! cond · n · eps; we allow rtol = 1e-10 with an absolute floor scaled to the data. The
//! Hilbert matrices are deliberately ill-conditioned (cond up to 1.6e13 at n = 10): two
//! stable implementations then agree only to about cond · eps, and the tolerance says so.
#![allow(clippy::unwrap_used, clippy::panic)]

use sci_core::ndarray::{Array1, Array2, ArrayD, Ix2};
use sci_core::num_complex::Complex64;
use sci_linalg::*;
use sci_testing::{Case, Fixture, Tol, assert_close, assert_scalar_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "linalg")
}

fn is_complex(case: &Case) -> bool {
    case.input("a").dtype().starts_with("complex")
}

fn real2(case: &Case, key: &str) -> Array2<f64> {
    case.input(key).array2_f64()
}

fn cplx2(case: &Case, key: &str) -> Array2<Complex64> {
    case.input(key).array2_c64()
}

fn max_abs(a: &ArrayD<Complex64>) -> f64 {
    a.iter().fold(0.0, |m, z| m.max(z.norm()))
}

/// rtol 1e-10 for well-conditioned cases, cond·eps-scaled for Hilbert ones.
fn tol_for(case: &Case, scale: f64) -> Tol {
    if case.name.contains("hilbert") { Tol::new(1e-2, 1e-6 * scale) } else { Tol::new(1e-10, 1e-12 * scale) }
}

#[test]
fn svdvals_match_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("svdvals/") {
        let want = case.output("s").array1_f64();
        let got: Array1<f64> = if is_complex(case) {
            svdvals(&cplx2(case, "a")).unwrap()
        } else {
            svdvals(&real2(case, "a")).unwrap()
        };
        // Singular values are perfectly conditioned in the absolute sense: |δσ| ≤ ‖δA‖₂.
        let scale = want.iter().cloned().fold(0.0, f64::max);
        assert_close(&got, &want, Tol::new(1e-12, 50.0 * f64::EPSILON * scale), &case.name);
        count += 1;
    }
    assert!(count >= 15, "only {count} svdvals cases");
}

#[test]
fn det_matches_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("det/") {
        let want = case.output("det");
        if is_complex(case) {
            let w = want
                .json()
                .as_array()
                .map(|p| Complex64::new(p[0].as_f64().unwrap(), p[1].as_f64().unwrap()))
                .unwrap();
            assert_scalar_close(det(&cplx2(case, "a")).unwrap(), w, Tol::new(1e-10, 0.0), &case.name);
        } else {
            // A determinant's relative accuracy is bounded by about cond·eps: 7.7e-3 for
            // Hilbert(10), where SciPy's value is 1.6e-5 and ours 1.7e-4 from the exact
            // 2.16417922643e-53.
            let tol = if case.name.contains("hilbert") { Tol::new(1e-2, 0.0) } else { Tol::new(1e-10, 0.0) };
            assert_scalar_close(det(&real2(case, "a")).unwrap(), want.f64(), tol, &case.name);
        }
    }
}

#[test]
fn inv_matches_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("inv/") {
        let want = case.output("inv").array_c64();
        let tol = tol_for(case, max_abs(&want));
        if is_complex(case) {
            assert_close(&inv(&cplx2(case, "a")).unwrap().into_dyn(), &want, tol, &case.name);
        } else {
            let got = inv(&real2(case, "a")).unwrap().mapv(|x| Complex64::new(x, 0.0)).into_dyn();
            assert_close(&got, &want, tol, &case.name);
        }
    }
}

#[test]
fn solve_matches_scipy() {
    let fx = fx();
    for case in
        fx.cases.iter().filter(|c| c.name.starts_with("solve/") || c.name.starts_with("solve_transposed/"))
    {
        let want = case.output("x").array_c64();
        let tol = tol_for(case, max_abs(&want));
        let transposed = case.name.starts_with("solve_transposed/");
        let opts = SolveOptions { transposed, ..Default::default() };
        let got: ArrayD<Complex64> = if is_complex(case) {
            let b = case.input("b").array_c64();
            solve_with(&cplx2(case, "a"), &b, &opts).unwrap()
        } else {
            let b = case.input("b").array_f64();
            solve_with(&real2(case, "a"), &b, &opts).unwrap().mapv(|x| Complex64::new(x, 0.0))
        };
        assert_close(&got, &want, tol, &case.name);
    }
}

#[test]
fn solve_triangular_matches_scipy() {
    let case = fx().case("solve_triangular/lower_trans_7").clone();
    let opts = SolveTriangularOptions { lower: true, trans: Transpose::Transpose, ..Default::default() };
    let got = solve_triangular_with(&real2(&case, "a"), &real2(&case, "b"), &opts).unwrap();
    assert_close(&got, &case.output("x").array2_f64(), Tol::new(1e-12, 0.0), &case.name);
}

#[test]
fn lu_pivots_and_permutations_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("lu_factor/") {
        let want_piv: Vec<usize> = case.output("piv").array_i64().iter().map(|&p| p as usize).collect();
        let want_lu = case.output("lu").array_c64();
        let (piv, lu) = if is_complex(case) {
            let f = lu_factor(&cplx2(case, "a")).unwrap();
            (f.piv.to_vec(), f.lu.into_dyn())
        } else {
            let f = lu_factor(&real2(case, "a")).unwrap();
            (f.piv.to_vec(), f.lu.mapv(|x| Complex64::new(x, 0.0)).into_dyn())
        };
        // Partial pivoting picks the largest magnitude; random data have no ties, so the
        // pivot sequence and the packed factors are unique.
        assert_eq!(piv, want_piv, "{}", case.name);
        assert_close(&lu, &want_lu, Tol::new(1e-10, 1e-12 * max_abs(&want_lu)), &case.name);
    }
    for case in fx.cases_with_prefix("lu/") {
        let want: Vec<usize> = case.output("perm").array_i64().iter().map(|&p| p as usize).collect();
        let got = if is_complex(case) {
            lu(&cplx2(case, "a")).unwrap().perm.to_vec()
        } else {
            lu(&real2(case, "a")).unwrap().perm.to_vec()
        };
        assert_eq!(got, want, "{}", case.name);
    }
}

#[test]
fn cholesky_matches_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("cholesky/") {
        let u = case.output("u").array_c64();
        let l = case.output("l").array_c64();
        let tol = Tol::new(1e-12, 1e-13 * max_abs(&u));
        if is_complex(case) {
            let a = cplx2(case, "a");
            assert_close(&cholesky(&a).unwrap().into_dyn(), &u, tol, &case.name);
            let lower = CholeskyOptions { lower: true, ..Default::default() };
            assert_close(&cholesky_with(&a, &lower).unwrap().into_dyn(), &l, tol, &case.name);
        } else {
            let a = real2(case, "a");
            let to_c = |m: Array2<f64>| m.mapv(|x| Complex64::new(x, 0.0)).into_dyn();
            assert_close(&to_c(cholesky(&a).unwrap()), &u, tol, &case.name);
            let lower = CholeskyOptions { lower: true, ..Default::default() };
            assert_close(&to_c(cholesky_with(&a, &lower).unwrap()), &l, tol, &case.name);
        }
    }
}

#[test]
fn fixture_was_generated_by_the_pinned_scipy() {
    let fx = fx();
    assert_eq!(fx.versions["scipy"], "1.17.1");
    assert_eq!(fx.versions["numpy"], "2.4.6");
    let _ = Ix2;
}

/// Checks A V = V diag(w) and Vᴴ V = I, the invariants that hold whatever the signs or,
/// for repeated eigenvalues, the basis chosen within an eigenspace.
fn check_eigenpairs(a: &Array2<Complex64>, e: &Eigh<Complex64>, name: &str) {
    let n = a.nrows();
    let scale = a.iter().fold(0.0_f64, |m, z| m.max(z.norm())).max(1.0);
    let av = a.dot(&e.v);
    let vw = &e.v * &e.w.mapv(|x| Complex64::new(x, 0.0));
    assert_close(
        &av,
        &vw,
        Tol::new(0.0, 100.0 * n as f64 * f64::EPSILON * scale),
        &format!("{name}: A V = V W"),
    );
    let vhv = e.v.t().mapv(|z| z.conj()).dot(&e.v);
    let eye = Array2::<Complex64>::eye(e.v.ncols());
    assert_close(&vhv, &eye, Tol::new(0.0, 100.0 * n as f64 * f64::EPSILON), &format!("{name}: VᴴV = I"));
}

#[test]
fn eigh_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("eigh/") {
        let want = case.output("w").array1_f64();
        let a = cplx2(case, "a");
        let scale = want.iter().fold(0.0_f64, |m, x| m.max(x.abs())).max(1.0);
        // Eigenvalues of a Hermitian matrix are perfectly conditioned: |δλ| ≤ ‖δA‖₂.
        let tol = Tol::new(1e-12, 50.0 * f64::EPSILON * scale);
        if is_complex(case) {
            let e = eigh(&a).unwrap();
            assert_close(&e.w, &want, tol, &case.name);
            check_eigenpairs(&a, &e, &case.name);
        } else {
            let e = eigh(&real2(case, "a")).unwrap();
            assert_close(&e.w, &want, tol, &case.name);
            let ec = Eigh { w: e.w.clone(), v: e.v.mapv(|x| Complex64::new(x, 0.0)) };
            check_eigenpairs(&a, &ec, &case.name);
            assert_close(&eigvalsh(&real2(case, "a")).unwrap(), &want, tol, &case.name);
        }
        count += 1;
    }
    assert!(count >= 6);
}

#[test]
fn eigh_subsets_and_upper_triangle_match_scipy() {
    let fx = fx();
    let tol = Tol::new(1e-12, 1e-13);
    let case = fx.case("eigh_subset/index_2_5");
    let subset = EigSubset::Index(case.input("lo").usize(), case.input("hi").usize());
    let e = eigh_with(&real2(case, "a"), &EighOptions { subset, ..Default::default() }).unwrap();
    assert_close(&e.w, &case.output("w").array1_f64(), tol, &case.name);
    assert_eq!(e.v.dim(), (8, 4));

    let case = fx.case("eigh_subset/value");
    let subset = EigSubset::Value(case.input("lo").f64(), case.input("hi").f64());
    let w = eigvalsh_with(&real2(case, "a"), &EighOptions { subset, ..Default::default() }).unwrap();
    assert_close(&w, &case.output("w").array1_f64(), tol, &case.name);

    let case = fx.case("eigh_upper/f64_5");
    let w = eigvalsh_with(&real2(case, "a"), &EighOptions { lower: false, ..Default::default() }).unwrap();
    assert_close(&w, &case.output("w").array1_f64(), tol, &case.name);
}

const ORDS: [(&str, MatrixNorm); 8] = [
    ("fro", MatrixNorm::Frobenius),
    ("nuc", MatrixNorm::Nuclear),
    ("one", MatrixNorm::One),
    ("neg_one", MatrixNorm::NegOne),
    ("two", MatrixNorm::Two),
    ("neg_two", MatrixNorm::NegTwo),
    ("inf", MatrixNorm::Inf),
    ("neg_inf", MatrixNorm::NegInf),
];

#[test]
fn norms_match_scipy() {
    let fx = fx();
    // Norms are sums and square roots of well-scaled data: agreement to a few ulps.
    let tol = Tol::new(1e-13, 0.0);
    for case in fx.cases_with_prefix("matrix_norm/") {
        for (key, ord) in ORDS {
            let got = if is_complex(case) {
                matrix_norm(&cplx2(case, "a"), ord)
            } else {
                matrix_norm(&real2(case, "a"), ord)
            };
            assert_scalar_close(got.unwrap(), case.output(key).f64(), tol, &format!("{} {key}", case.name));
        }
        let got0 = if is_complex(case) {
            norm_along(&cplx2(case, "a"), 0, 2.0)
        } else {
            norm_along(&real2(case, "a"), 0, 2.0)
        };
        let got1 = if is_complex(case) {
            norm_along(&cplx2(case, "a"), 1, 1.0)
        } else {
            norm_along(&real2(case, "a"), 1, 1.0)
        };
        let along = fx.case(&case.name.replace("matrix_norm", "norm_along"));
        assert_close(&got0.unwrap(), &along.output("axis0_ord2").array1_f64(), tol, &along.name);
        assert_close(&got1.unwrap(), &along.output("axis1_ord1").array1_f64(), tol, &along.name);
    }
    for case in fx.cases_with_prefix("vector_norm/") {
        let ps = case.input("ps").array1_f64();
        let want = case.output("norms").array1_f64();
        let x = case.input("x").array_c64().into_dimensionality::<sci_core::ndarray::Ix1>().unwrap();
        for (p, w) in ps.iter().zip(want.iter()) {
            let got = if case.input("x").dtype().starts_with("complex") {
                vector_norm(&x, *p).unwrap()
            } else {
                vector_norm(&x.mapv(|z| z.re), *p).unwrap()
            };
            assert_scalar_close(got, *w, tol, &format!("{} p={p}", case.name));
        }
    }
}

#[test]
fn cond_matches_numpy() {
    let fx = fx();
    for case in fx.cases_with_prefix("cond/") {
        for (key, ord) in ORDS {
            let got =
                if is_complex(case) { cond(&cplx2(case, "a"), ord) } else { cond(&real2(case, "a"), ord) };
            // cond = ‖A‖·‖A⁻¹‖: the inverse carries cond·eps relative error (cond < 1e3 here).
            assert_scalar_close(
                got.unwrap(),
                case.output(key).f64(),
                Tol::new(1e-11, 0.0),
                &format!("{} {key}", case.name),
            );
        }
    }
}

#[test]
fn rank_pinv_lstsq_and_subspaces_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("matrix_rank/") {
        assert_eq!(
            matrix_rank(&real2(case, "a"), None).unwrap(),
            case.output("rank").usize(),
            "{}",
            case.name
        );
    }
    for case in fx.cases_with_prefix("pinv/") {
        let want = case.output("pinv").array_c64();
        let tol = Tol::new(1e-10, 1e-12 * max_abs(&want));
        let (got, rank) = if is_complex(case) {
            let p = pinv_with(&cplx2(case, "a"), &PinvOptions::default()).unwrap();
            (p.pinv.into_dyn(), p.rank)
        } else {
            let p = pinv_with(&real2(case, "a"), &PinvOptions::default()).unwrap();
            (p.pinv.mapv(|x| Complex64::new(x, 0.0)).into_dyn(), p.rank)
        };
        assert_eq!(rank, case.output("rank").usize(), "{}", case.name);
        assert_close(&got, &want, tol, &case.name);
    }
    for case in fx.cases_with_prefix("lstsq/") {
        let want_x = case.output("x").array_c64();
        let tol = Tol::new(1e-10, 1e-12 * max_abs(&want_x));
        let (x, residues, rank, s) = if is_complex(case) {
            let f = lstsq(&cplx2(case, "a"), &case.input("b").array_c64()).unwrap();
            (f.x, f.residues, f.rank, f.s)
        } else {
            let f = lstsq(&real2(case, "a"), &case.input("b").array_f64()).unwrap();
            (f.x.mapv(|v| Complex64::new(v, 0.0)), f.residues, f.rank, f.s)
        };
        assert_close(&x, &want_x, tol, &format!("{} x", case.name));
        assert_eq!(rank, case.output("rank").usize(), "{}", case.name);
        assert_close(&s, &case.output("s").array1_f64(), Tol::new(1e-12, 1e-14), &format!("{} s", case.name));
        let want_res = case.output("residues").array1_f64();
        assert_close(&residues, &want_res, Tol::new(1e-9, 1e-14), &format!("{} residues", case.name));
    }
    for case in fx.cases_with_prefix("subspaces/") {
        let a = real2(case, "a");
        let z = null_space(&a, None).unwrap();
        let q = orth(&a, None).unwrap();
        assert_eq!(z.ncols(), case.output("null_dim").usize(), "{}", case.name);
        assert_eq!(q.ncols(), case.output("orth_dim").usize(), "{}", case.name);
        let az = a.dot(&z);
        assert!(
            az.iter().all(|v| v.abs() < 1e-13 * (1.0 + a.iter().fold(0.0_f64, |m, x| m.max(x.abs())))),
            "{}: A Z ≠ 0",
            case.name
        );
        let eye = Array2::<f64>::eye(z.ncols());
        assert_close(&z.t().dot(&z), &eye, Tol::new(0.0, 1e-13), &format!("{} ZᵀZ", case.name));
        let eye = Array2::<f64>::eye(q.ncols());
        assert_close(&q.t().dot(&q), &eye, Tol::new(0.0, 1e-13), &format!("{} QᵀQ", case.name));
    }
}

#[test]
fn constructors_match_scipy() {
    let fx = fx();
    // Pure data movement (and one multiplication per element): exact, except vander's
    // repeated products, which may round differently from NumPy's power routine.
    let exact = Tol::new(0.0, 0.0);
    let v1 = |case: &Case, key: &str| case.input(key).array1_f64();
    let case = fx.case("construct/toeplitz");
    assert_close(
        &toeplitz(&v1(case, "c"), Some(&v1(case, "r"))),
        &case.output("t").array2_f64(),
        exact,
        &case.name,
    );
    let case = fx.case("construct/toeplitz_hermitian");
    let cz = case.input("c").array_c64().into_dimensionality::<sci_core::ndarray::Ix1>().unwrap();
    assert_close(&toeplitz(&cz, None).into_dyn(), &case.output("t").array_c64(), exact, &case.name);
    let case = fx.case("construct/hankel");
    assert_close(
        &hankel(&v1(case, "c"), Some(&v1(case, "r"))),
        &case.output("h").array2_f64(),
        exact,
        &case.name,
    );
    assert_close(&hankel(&v1(case, "c"), None), &case.output("h_default").array2_f64(), exact, &case.name);
    let case = fx.case("construct/circulant");
    assert_close(&circulant(&v1(case, "c")), &case.output("m").array2_f64(), exact, &case.name);
    let case = fx.case("construct/kron");
    assert_close(
        &kron(&real2(case, "a"), &real2(case, "b")),
        &case.output("k").array2_f64(),
        exact,
        &case.name,
    );
    let case = fx.case("construct/block_diag");
    let (a, b) = (real2(case, "a"), real2(case, "b"));
    assert_close(&block_diag(&[a.view(), b.view()]), &case.output("d").array2_f64(), exact, &case.name);
    let case = fx.case("construct/vander");
    let tol = Tol::new(4.0 * f64::EPSILON, 0.0);
    assert_close(
        &vander(&v1(case, "x"), None, false).unwrap(),
        &case.output("v").array2_f64(),
        tol,
        &case.name,
    );
    assert_close(
        &vander(&v1(case, "x"), Some(6), true).unwrap(),
        &case.output("v_inc_6").array2_f64(),
        tol,
        &case.name,
    );
}

/// Q R = A (or A[:, p]), QᴴQ = I, R upper triangular.
fn check_qr(a: &Array2<Complex64>, q: &Array2<Complex64>, r: &Array2<Complex64>, name: &str) {
    let scale = a.iter().fold(0.0_f64, |m, z| m.max(z.norm())).max(1.0);
    let n = a.nrows().max(a.ncols()) as f64;
    assert_close(&q.dot(r), a, Tol::new(0.0, 50.0 * n * f64::EPSILON * scale), &format!("{name}: QR = A"));
    let eye = Array2::<Complex64>::eye(q.ncols());
    assert_close(
        &q.t().mapv(|z| z.conj()).dot(q),
        &eye,
        Tol::new(0.0, 50.0 * n * f64::EPSILON),
        &format!("{name}: QᴴQ = I"),
    );
    assert!(r.indexed_iter().all(|((i, j), z)| i <= j || z.norm() == 0.0), "{name}: R not upper triangular");
}

#[test]
fn qr_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("qr/") {
        let a = cplx2(case, "a");
        let to_c = |m: Array2<f64>| m.mapv(|x| Complex64::new(x, 0.0));
        for economic in [false, true] {
            let opts = QrOptions { economic, ..Default::default() };
            let (q, r, qp, rp, p) = if is_complex(case) {
                let f = qr_with(&a, &opts).unwrap();
                let g = qr_pivoted(&a, &opts).unwrap();
                (f.q, f.r, g.q, g.r, g.p)
            } else {
                let ar = real2(case, "a");
                let f = qr_with(&ar, &opts).unwrap();
                let g = qr_pivoted(&ar, &opts).unwrap();
                (to_c(f.q), to_c(f.r), to_c(g.q), to_c(g.r), g.p)
            };
            let (m, n) = a.dim();
            let k = m.min(n);
            assert_eq!(q.dim(), (m, if economic { k } else { m }), "{}", case.name);
            check_qr(&a, &q, &r, &case.name);
            // |rᵢᵢ| is unique (the signs/phases are not).
            let tol = Tol::new(1e-12, 1e-14);
            assert_close(
                &r.diag().mapv(|z| z.norm()),
                &case.output("r_diag_abs").array1_f64(),
                tol,
                &case.name,
            );
            let want_p: Vec<usize> = case.output("p").array_i64().iter().map(|&v| v as usize).collect();
            assert_eq!(p.to_vec(), want_p, "{}: pivot order", case.name);
            let ap = Array2::from_shape_fn((m, n), |(i, j)| a[[i, p[j]]]);
            check_qr(&ap, &qp, &rp, &format!("{} pivoted", case.name));
            assert_close(
                &rp.diag().mapv(|z| z.norm()),
                &case.output("rp_diag_abs").array1_f64(),
                tol,
                &case.name,
            );
        }
        count += 1;
    }
    assert_eq!(count, 8);
}

#[test]
fn eig_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("eig/") {
        let a = cplx2(case, "a");
        let opts = EigOptions { left: true, right: true, check_finite: true };
        let e = if is_complex(case) {
            eig_with(&a, &opts).unwrap()
        } else {
            eig_with(&real2(case, "a"), &opts).unwrap()
        };
        let want_w = case.output("w").array_c64().into_dimensionality::<sci_core::ndarray::Ix1>().unwrap();
        let want_vr = case.output("vr").array2_c64();
        let want_vl = case.output("vl").array2_c64();
        let n = a.nrows();
        let scale = a.iter().fold(0.0_f64, |m, z| m.max(z.norm())).max(1.0);
        // These test matrices have well-separated, well-conditioned eigenvalues: errors of
        // order n·eps·‖A‖ on both sides.
        let tol = 1e3 * n as f64 * f64::EPSILON * scale;
        // The order of eigenvalues is the Schur form's; match each of ours to SciPy's.
        let mut used = vec![false; n];
        for (i, wi) in e.w.iter().enumerate() {
            let (j, d) = (0..n)
                .filter(|&j| !used[j])
                .map(|j| (j, (wi - want_w[j]).norm()))
                .min_by(|x, y| x.1.total_cmp(&y.1))
                .unwrap();
            assert!(
                d <= tol,
                "{}: eigenvalue {wi} has no match in SciPy's (closest off by {d:e})",
                case.name
            );
            used[j] = true;
            // Simple eigenvalues: eigenvectors agree up to a unit phase: |⟨v, v_scipy⟩| = 1.
            for (ours, theirs, side) in
                [(e.vr.as_ref().unwrap(), &want_vr, "right"), (e.vl.as_ref().unwrap(), &want_vl, "left")]
            {
                let dot: Complex64 = (0..n).map(|k| ours[[k, i]].conj() * theirs[[k, j]]).sum();
                assert!(
                    (dot.norm() - 1.0).abs() < 1e-10,
                    "{}: {side} eigenvector {i}: |⟨v, v_scipy⟩| = {}",
                    case.name,
                    dot.norm()
                );
            }
        }
        // Invariants: A V = V W and Vlᴴ A = W Vlᴴ.
        let vr = e.vr.unwrap();
        let w = e.w.clone();
        assert_close(&a.dot(&vr), &(&vr * &w), Tol::new(0.0, tol), &format!("{}: A V = V W", case.name));
        let vlh = e.vl.unwrap().t().mapv(|z| z.conj());
        let wcol = w.insert_axis(sci_core::ndarray::Axis(1));
        assert_close(
            &vlh.dot(&a),
            &(&vlh * &wcol),
            Tol::new(0.0, tol),
            &format!("{}: Vlᴴ A = W Vlᴴ", case.name),
        );
        count += 1;
    }
    assert_eq!(count, 5);
}

#[test]
fn expm_matches_scipy() {
    let fx = fx();
    let mut count = 0;
    for case in fx.cases_with_prefix("expm/") {
        let want = case.output("e").array_c64();
        // expm is backward stable; these matrices are normal enough that forward errors stay
        // within a few hundred ulps of ‖e^A‖ even after squaring (scale up to 30).
        let tol = Tol::new(1e-12, 1e-13 * max_abs(&want));
        let got = if is_complex(case) {
            expm(&cplx2(case, "a")).unwrap().into_dyn()
        } else {
            expm(&real2(case, "a")).unwrap().mapv(|x| Complex64::new(x, 0.0)).into_dyn()
        };
        assert_close(&got, &want, tol, &case.name);
        count += 1;
    }
    assert_eq!(count, 8);
}

#[test]
fn polar_and_funm_hermitian_match_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("polar/") {
        let to_c = |m: Array2<f64>| m.mapv(|x| Complex64::new(x, 0.0)).into_dyn();
        let (r, l) = if is_complex(case) {
            let a = cplx2(case, "a");
            let (r, l) = (polar(&a, PolarSide::Right).unwrap(), polar(&a, PolarSide::Left).unwrap());
            ((r.u.into_dyn(), r.p.into_dyn()), (l.u.into_dyn(), l.p.into_dyn()))
        } else {
            let a = real2(case, "a");
            let (r, l) = (polar(&a, PolarSide::Right).unwrap(), polar(&a, PolarSide::Left).unwrap());
            ((to_c(r.u), to_c(r.p)), (to_c(l.u), to_c(l.p)))
        };
        // The polar factors are unique for full-rank input.
        let tol = Tol::new(1e-12, 1e-13);
        assert_close(&r.0, &case.output("u").array_c64(), tol, &format!("{} u", case.name));
        assert_close(&r.1, &case.output("p_right").array_c64(), tol, &format!("{} p right", case.name));
        assert_close(&l.0, &case.output("u_left").array_c64(), tol, &format!("{} u left", case.name));
        assert_close(&l.1, &case.output("p_left").array_c64(), tol, &format!("{} p left", case.name));
    }
    let case = fx.case("funm_hermitian/sqrt_spd_5");
    let got = funm_hermitian(&real2(case, "a"), f64::sqrt).unwrap();
    assert_close(&got, &case.output("f").array2_f64(), Tol::new(1e-12, 1e-14), &case.name);
    let case = fx.case("funm_hermitian/exp_sym_5");
    let got = funm_hermitian(&real2(case, "a"), f64::exp).unwrap();
    let want = case.output("f").array2_f64();
    let scale = want.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    assert_close(&got, &want, Tol::new(1e-11, 1e-13 * scale), &case.name);
}

#[test]
fn banded_solvers_match_scipy() {
    let fx = fx();
    let complex = |case: &Case| case.input("ab").dtype().starts_with("complex");
    for case in fx.cases_with_prefix("solve_banded/") {
        let (l, u) = (case.input("l").usize(), case.input("u").usize());
        let want = case.output("x").array_c64();
        let tol = Tol::new(1e-10, 1e-12 * max_abs(&want));
        let got = if complex(case) {
            let ab = case.input("ab").array2_c64();
            solve_banded((l, u), &ab, &case.input("b").array_c64()).unwrap()
        } else {
            let ab = case.input("ab").array2_f64();
            solve_banded((l, u), &ab, &case.input("b").array_f64()).unwrap().mapv(|v| Complex64::new(v, 0.0))
        };
        assert_close(&got, &want, tol, &case.name);
    }
    for case in fx.cases_with_prefix("solveh_banded/") {
        let opts = SolvehBandedOptions { lower: case.input("lower").bool() };
        let want = case.output("x").array_c64();
        let tol = Tol::new(1e-12, 1e-14 * max_abs(&want));
        let got = if complex(case) {
            solveh_banded_with(&case.input("ab").array2_c64(), &case.input("b").array_c64(), &opts).unwrap()
        } else {
            let ab = case.input("ab").array2_f64();
            solveh_banded_with(&ab, &case.input("b").array_f64(), &opts)
                .unwrap()
                .mapv(|v| Complex64::new(v, 0.0))
        };
        assert_close(&got, &want, tol, &case.name);
    }
}

#[test]
fn banded_solvers_report_bad_input() {
    // A = [[1, 2], [0.5, 1]] is singular: the second pivot vanishes after elimination.
    let ab = sci_core::ndarray::array![[0.0_f64, 2.0], [1.0, 1.0], [0.5, 0.0]];
    assert!(matches!(
        solve_banded((1, 1), &ab, &sci_core::ndarray::array![1.0, 1.0]),
        Err(sci_core::Error::Singular { pivot: 1, .. })
    ));
    assert!(matches!(
        solve_banded((2, 1), &ab, &sci_core::ndarray::array![1.0, 1.0]),
        Err(sci_core::Error::ShapeMismatch { .. })
    ));
    let indefinite = sci_core::ndarray::array![[0.0_f64, 3.0], [1.0, 1.0]];
    assert!(matches!(
        solveh_banded(&indefinite, &sci_core::ndarray::array![1.0, 1.0]),
        Err(sci_core::Error::NotPositiveDefinite { order: 2 })
    ));
}

#[test]
fn hessenberg_matches_scipy() {
    let fx = fx();
    for case in fx.cases_with_prefix("hessenberg/") {
        let a = cplx2(case, "a");
        let (h, q) = if is_complex(case) {
            let f = hessenberg(&a).unwrap();
            (f.h, f.q)
        } else {
            let f = hessenberg(&real2(case, "a")).unwrap();
            (f.h.mapv(|x| Complex64::new(x, 0.0)), f.q.mapv(|x| Complex64::new(x, 0.0)))
        };
        let n = a.nrows() as f64;
        let scale = a.iter().fold(0.0_f64, |m, z| m.max(z.norm())).max(1.0);
        // With Q e₁ = e₁ (both libraries), the implicit-Q theorem makes |H| unique.
        assert_close(
            &h.mapv(|z| z.norm()),
            &case.output("h_abs").array2_f64(),
            Tol::new(1e-12, 1e-13 * scale),
            &case.name,
        );
        let qh = q.t().mapv(|z| z.conj());
        assert_close(
            &q.dot(&h).dot(&qh),
            &a,
            Tol::new(0.0, 50.0 * n * f64::EPSILON * scale),
            &format!("{}: Q H Qᴴ = A", case.name),
        );
        assert_close(
            &qh.dot(&q),
            &Array2::<Complex64>::eye(q.nrows()),
            Tol::new(0.0, 50.0 * n * f64::EPSILON),
            &format!("{}: QᴴQ = I", case.name),
        );
    }
}
