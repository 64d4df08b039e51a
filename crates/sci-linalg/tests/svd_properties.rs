//! SVD invariants: A = U Σ Vᴴ, unitary factors, sorted non-negative singular values.
#![allow(clippy::unwrap_used, clippy::panic)]

use proptest::prelude::*;
use sci_core::ndarray::{Array2, s};
use sci_core::num_complex::{Complex32, Complex64};
use sci_core::{Error, Real, Scalar};
use sci_linalg::{SvdOptions, svd, svd_with, svdvals};
use sci_testing::{Tol, assert_close};

fn conj_t<T: Scalar>(a: &Array2<T>) -> Array2<T> {
    a.t().mapv(T::conj)
}

fn matmul<T: Scalar>(a: &Array2<T>, b: &Array2<T>) -> Array2<T> {
    sci_linalg::matmul(a, b).unwrap()
}

/// Checks every invariant for one input; `tol` is relative to the largest singular value.
fn check_svd<T: Scalar>(a: &Array2<T>, full: bool, tol_factor: f64) {
    let (m, n) = a.dim();
    let k = m.min(n);
    let f = svd_with(a, &SvdOptions { full_matrices: full, ..Default::default() }).unwrap();
    let (uc, vr) = if full { (m, n) } else { (k, k) };
    assert_eq!(f.u.dim(), (m, uc));
    assert_eq!(f.vh.dim(), (vr, n));
    assert_eq!(f.s.len(), k);
    let smax = f.s.iter().fold(0.0, |acc: f64, x| acc.max(x.as_f64()));
    let tol = Tol::eps::<T::Real>(tol_factor * (m.max(n) as f64), smax.max(1.0));
    // Non-negative and non-increasing.
    for w in f.s.windows(2) {
        assert!(w[0] >= w[1], "singular values not sorted: {:?}", f.s);
    }
    assert!(f.s.iter().all(|x| *x >= T::Real::from_f64(0.0)));
    // Unitary factors.
    let eye = |p: usize| Array2::<T>::eye(p);
    let unit_tol = Tol::eps::<T::Real>(tol_factor * (m.max(n) as f64), 1.0);
    assert_close(&matmul(&conj_t(&f.u), &f.u), &eye(uc), unit_tol, "UᴴU = I");
    assert_close(&matmul(&f.vh, &conj_t(&f.vh)), &eye(vr), unit_tol, "Vh Vhᴴ = I");
    // Reconstruction from the leading K columns/rows.
    let uk = f.u.slice(s![.., ..k]).to_owned();
    let sk = f.s.mapv(T::from_real);
    let us = &uk * &sk;
    let back = matmul(&us, &f.vh.slice(s![..k, ..]).to_owned());
    assert_close(&back, a, tol, "U Σ Vh = A");
    // svdvals agrees with svd.
    assert_close(&svdvals(a).unwrap(), &f.s, tol, "svdvals = svd.s");
}

fn real_matrix(max: usize) -> impl Strategy<Value = Array2<f64>> {
    (1..=max, 1..=max).prop_flat_map(|(m, n)| {
        proptest::collection::vec(-10.0f64..10.0, m * n)
            .prop_map(move |v| Array2::from_shape_vec((m, n), v).unwrap())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn f64_invariants(a in real_matrix(9), full in any::<bool>()) {
        check_svd(&a, full, 10.0);
    }

    #[test]
    fn f32_invariants(a in real_matrix(7), full in any::<bool>()) {
        check_svd(&a.mapv(|x| x as f32), full, 10.0);
    }

    #[test]
    fn complex_invariants(re in real_matrix(6), full in any::<bool>()) {
        let im = re.t().to_owned();
        let a = Array2::from_shape_fn((re.nrows(), re.ncols()), |(i, j)| {
            Complex64::new(re[[i, j]], im[[j % im.nrows(), i % im.ncols()]])
        });
        check_svd(&a, full, 10.0);
        check_svd(&a.mapv(|z| Complex32::new(z.re as f32, z.im as f32)), full, 10.0);
    }
}

#[test]
fn strided_and_reversed_views_are_accepted() {
    let a = Array2::from_shape_fn((8, 6), |(i, j)| ((i * 7 + j * 3) % 11) as f64 - 5.0);
    let view = a.slice(s![..;-2, 1..]);
    let f = svd(&view).unwrap();
    let g = svd(&view.to_owned()).unwrap();
    assert_close(&f.s, &g.s, Tol::new(1e-14, 0.0), "same singular values");
    check_svd(&view.to_owned(), true, 10.0);
}

#[test]
fn rank_deficient_matrix_has_zero_singular_values() {
    // Rank 1: outer product.
    let a = Array2::from_shape_fn((5, 4), |(i, j)| (i + 1) as f64 * (j as f64 - 1.5));
    let s = svdvals(&a).unwrap();
    assert!(s[0] > 1.0);
    assert!(s.iter().skip(1).all(|x| x.abs() < 1e-14 * s[0]), "{s:?}");
    check_svd(&a, true, 10.0);
}

#[test]
fn non_finite_input_is_rejected_with_its_index() {
    let mut a = Array2::<f64>::ones((3, 3));
    a[[2, 1]] = f64::NAN;
    match svd(&a) {
        Err(Error::NonFinite { index: Some(ix), .. }) => assert_eq!(ix, vec![2, 1]),
        other => panic!("expected NonFinite, got {other:?}"),
    }
    a[[2, 1]] = f64::INFINITY;
    assert!(matches!(svdvals(&a), Err(Error::NonFinite { .. })));
}

#[test]
fn skipping_the_finite_check_never_panics() {
    let mut a = Array2::<f64>::ones((4, 3));
    a[[0, 0]] = f64::NAN;
    let opts = SvdOptions { check_finite: false, ..Default::default() };
    // Either an error or NaN-contaminated output; never a panic or a hang.
    if let Ok(f) = svd_with(&a, &opts) {
        assert!(f.s.iter().any(|x| x.is_nan()) || f.u.iter().any(|x| x.is_nan()));
    }
}

#[test]
fn empty_matrices_follow_scipy() {
    let a = Array2::<f64>::zeros((0, 3));
    let f = svd(&a).unwrap();
    assert_eq!((f.u.dim(), f.s.len(), f.vh.dim()), ((0, 0), 0, (3, 3)));
    assert_eq!(f.vh, Array2::<f64>::eye(3));
    let thin = svd_with(&a, &SvdOptions { full_matrices: false, ..Default::default() }).unwrap();
    assert_eq!((thin.u.dim(), thin.s.len(), thin.vh.dim()), ((0, 0), 0, (0, 3)));
    assert_eq!(svdvals(&Array2::<f64>::zeros((0, 0))).unwrap().len(), 0);
}

#[test]
fn hilbert_matrix_singular_values_are_accurate() {
    // The smallest singular value of the 8x8 Hilbert matrix is 1.1115e-10 (its inverse's
    // norm is the 2-norm condition number 1.5258e10 divided by the largest singular value
    // 1.6959); the SVD gets small singular values to absolute accuracy eps * s_max.
    let n = 8;
    let h = Array2::from_shape_fn((n, n), |(i, j)| 1.0 / (i + j + 1) as f64);
    let s = svdvals(&h).unwrap();
    assert!((s[0] - 1.695_938_996_921_949).abs() < 1e-14);
    let cond = s[0] / s[n - 1];
    assert!((cond / 1.525_757_556e10 - 1.0).abs() < 1e-5, "cond = {cond:e}");
}
