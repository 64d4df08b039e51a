//! Invariants of the decompositions and solvers on random matrices (proptest):
//! `P L U = A`, `Q R = A` with `Q` orthogonal, `L Lᵀ = A`, `A V = V Λ` (symmetric and
//! general), `Z T Zᵀ = A`, `lu d luᵀ = A`, small residuals for `solve`, `sqrtm(A)² = A` and
//! `expm(logm(A)) = A`.
//!
//! Tolerances are backward-error bounds: `c · n · eps · ‖A‖` with `c = 50`, generous for
//! the unblocked kernels and far below any real defect. Inputs are entries in `[-10, 10]`;
//! solves use `A + n·10·I`-style shifts so the matrices stay well conditioned.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::ndarray::{Array1, Array2, Axis};
use sci_core::num_complex::Complex64;
use sci_linalg::*;

fn matrix(max: usize) -> impl Strategy<Value = Array2<f64>> {
    (1..=max).prop_flat_map(|n| {
        proptest::collection::vec(-10.0f64..10.0, n * n)
            .prop_map(move |v| Array2::from_shape_vec((n, n), v).unwrap())
    })
}

fn max_abs(a: &Array2<f64>) -> f64 {
    a.iter().fold(0.0, |m, x| m.max(x.abs()))
}

fn backward_tol(a: &Array2<f64>) -> f64 {
    50.0 * a.nrows() as f64 * f64::EPSILON * max_abs(a).max(1.0)
}

fn assert_small(residual: &Array2<f64>, tol: f64, what: &str) {
    let r = max_abs(residual);
    assert!(r <= tol, "{what}: residual {r:e} > {tol:e}");
}

fn shifted(a: &Array2<f64>) -> Array2<f64> {
    let n = a.nrows();
    a + &(Array2::<f64>::eye(n) * (10.0 * n as f64 + 10.0))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn lu_reconstructs(a in matrix(9)) {
        let f = lu(&a).unwrap();
        assert_small(&(f.p.dot(&f.l).dot(&f.u) - &a), backward_tol(&a), "P L U − A");
        assert!(f.l.indexed_iter().all(|((i, j), v)| (j <= i || *v == 0.0) && (i != j || *v == 1.0)));
        assert!(f.l.iter().all(|v| v.abs() <= 1.0), "partial pivoting bounds |L| by 1");
    }

    #[test]
    fn qr_is_orthogonal_times_triangular(a in matrix(9)) {
        let f = qr(&a).unwrap();
        let n = a.nrows();
        assert_small(&(f.q.t().dot(&f.q) - Array2::<f64>::eye(n)), 50.0 * n as f64 * f64::EPSILON, "QᵀQ − I");
        assert_small(&(f.q.dot(&f.r) - &a), backward_tol(&a), "Q R − A");
        assert!(f.r.indexed_iter().all(|((i, j), v)| j >= i || *v == 0.0));
    }

    #[test]
    fn cholesky_and_eigh_of_spd(a in matrix(8)) {
        let spd = a.t().dot(&a) + Array2::<f64>::eye(a.nrows());
        let l = cholesky_with(&spd, &CholeskyOptions { lower: true, ..Default::default() }).unwrap();
        assert_small(&(l.dot(&l.t()) - &spd), backward_tol(&spd), "L Lᵀ − A");
        let e = eigh(&spd).unwrap();
        assert!(e.w.windows(2).into_iter().all(|w| w[0] <= w[1]), "ascending eigenvalues");
        assert!(e.w.iter().all(|&w| w > 0.0));
        assert_small(&(spd.dot(&e.v) - &e.v * &e.w), backward_tol(&spd), "A V − V Λ");
    }

    #[test]
    fn eig_satisfies_the_eigen_equation(a in matrix(7)) {
        let e = eig(&a).unwrap();
        let vr = e.vr.unwrap();
        let ac = a.mapv(|x| Complex64::new(x, 0.0));
        let residual = ac.dot(&vr) - &vr * &e.w;
        // Eigenvectors of non-normal matrices can be ill conditioned; the residual is still
        // a backward error, so the bound is the same.
        let r = residual.iter().fold(0.0_f64, |m, z| m.max(z.norm()));
        prop_assert!(r <= backward_tol(&a), "A V − V Λ: {r:e}");
    }

    #[test]
    fn schur_and_ldl_reconstruct(a in matrix(9)) {
        let s = schur(&a).unwrap();
        assert_small(&(s.z.dot(&s.t).dot(&s.z.t()) - &a), backward_tol(&a), "Z T Zᵀ − A");
        let sym = &a + &a.t();
        let f = ldl(&sym).unwrap();
        // Bunch–Kaufman's growth bound makes the backward error a modest multiple of eps‖A‖.
        assert_small(&(f.lu.dot(&f.d).dot(&f.lu.t()) - &sym), 10.0 * backward_tol(&sym), "lu d luᵀ − A");
        let tri = f.lu.select(Axis(0), f.perm.as_slice().unwrap());
        assert!(tri.indexed_iter().all(|((i, j), v)| j <= i || *v == 0.0));
    }

    #[test]
    fn solve_has_a_small_residual(a in matrix(9), seed in 0u64..1000) {
        let a = shifted(&a);
        let n = a.nrows();
        let b = Array1::from_shape_fn(n, |i| ((i as u64 * 7 + seed) % 13) as f64 - 6.0);
        let x = solve(&a, &b).unwrap();
        let r = (a.dot(&x) - &b).iter().fold(0.0_f64, |m, v| m.max(v.abs()));
        prop_assert!(r <= backward_tol(&a) * x.iter().fold(1.0_f64, |m, v| m.max(v.abs())), "residual {r:e}");
    }

    #[test]
    fn sqrtm_and_logm_invert_their_functions(a in matrix(6)) {
        // Eigenvalues of A + shift·I lie in the right half plane: principal functions are real.
        let a = shifted(&a);
        let x = sqrtm(&a).unwrap();
        assert_small(&(x.dot(&x) - &a), 10.0 * backward_tol(&a), "sqrtm(A)² − A");
        let l = logm(&a).unwrap();
        assert_small(&(expm(&l).unwrap() - &a), 100.0 * backward_tol(&a), "expm(logm(A)) − A");
    }
}
