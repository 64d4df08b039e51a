//! General (non-symmetric) eigendecomposition through faer's Hessenberg reduction and
//! multishift QR (Schur) algorithm.

use faer::linalg::evd::{self as faer_evd, ComputeEigenvectors};
use faer::{Mat, Spec};
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix2, ShapeBuilder};
use sci_core::num_complex::Complex;
use sci_core::{Error, Real, Result, Scalar, validate};

use crate::scratch::with_scratch;

/// Options of [`eig_with`], SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EigOptions {
    /// Compute left eigenvectors (SciPy's `left`, default `false`).
    pub left: bool,
    /// Compute right eigenvectors (SciPy's `right`, default `true`).
    pub right: bool,
    /// Reject NaN and infinity (SciPy's default).
    pub check_finite: bool,
}

impl Default for EigOptions {
    fn default() -> Self {
        EigOptions { left: false, right: true, check_finite: true }
    }
}

/// Eigenvalues and eigenvectors of a general square matrix; always complex.
#[derive(Debug, Clone, PartialEq)]
pub struct Eig<R: Real> {
    /// Eigenvalues, in the order the Schur form delivers them (not sorted; conjugate pairs of
    /// a real matrix are adjacent, positive imaginary part first).
    pub w: Array1<Complex<R>>,
    /// Right eigenvectors as columns, `A vr[:, i] = w[i] vr[:, i]` (if requested).
    pub vr: Option<Array2<Complex<R>>>,
    /// Left eigenvectors as columns, `vl[:, i]ᴴ A = w[i] vl[:, i]ᴴ` (if requested).
    pub vl: Option<Array2<Complex<R>>>,
}

/// Eigenvalues and right eigenvectors of a square matrix, SciPy's `eig(a)`.
///
/// Real input is reduced in real arithmetic (complex eigenvalues come in conjugate pairs);
/// complex input in complex arithmetic. Each eigenvector is normalized like LAPACK's
/// `geev`: unit 2-norm, with its largest component made real (here: real and positive).
/// Eigenvectors are unique only up to that phase, and for defective or repeated
/// eigenvalues not at all. Cost `≈ 25n³` flops with vectors.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `a` is not square, [`Error::NonFinite`] for NaN or
/// infinity, [`Error::NotConverged`] if the QR algorithm fails (SciPy's `LinAlgError`).
///
/// # Differences from SciPy
/// The generalized problem `eig(a, b)` and `homogeneous_eigvals` are not offered yet.
///
/// ```
/// use sci_linalg::eig;
/// use sci_core::ndarray::array;
/// use sci_core::num_complex::Complex64;
/// let rotation = array![[0.0_f64, -1.0], [1.0, 0.0]];
/// let e = eig(&rotation)?;
/// let mut w = e.w.to_vec();
/// w.sort_by(|a, b| a.im.total_cmp(&b.im));
/// assert!((w[0] - Complex64::new(0.0, -1.0)).norm() < 1e-15);
/// assert!((w[1] - Complex64::new(0.0, 1.0)).norm() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn eig<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Eig<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    eig_with(a, &EigOptions::default())
}

/// Eigenvalues only, SciPy's `eigvals(a)`.
///
/// ```
/// use sci_linalg::eigvals;
/// use sci_core::ndarray::array;
/// let w = eigvals(&array![[2.0_f64, 1.0], [0.0, 3.0]])?;
/// let mut re: Vec<f64> = w.iter().map(|z| z.re).collect();
/// re.sort_by(f64::total_cmp);
/// assert_eq!(re, vec![2.0, 3.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`eig`].
pub fn eigvals<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array1<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    Ok(eig_with(a, &EigOptions { left: false, right: false, check_finite: true })?.w)
}

/// [`eig`] with explicit options (left eigenvectors, skipping right ones).
///
/// ```
/// use sci_linalg::{eig_with, EigOptions};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [0.0, 3.0]];
/// let e = eig_with(&a, &EigOptions { left: true, ..Default::default() })?;
/// let vl = e.vl.unwrap();
/// for i in 0..2 {
///     // vlᴴ A = w vlᴴ, checked on the first component of the row vector.
///     let lhs: sci_core::num_complex::Complex64 = (0..2).map(|k| vl[[k, i]].conj() * a[[k, 0]]).sum();
///     assert!((lhs - e.w[i] * vl[[0, i]].conj()).norm() < 1e-14);
/// }
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn eig_with<T, S>(a: &ArrayBase<S, Ix2>, options: &EigOptions) -> Result<Eig<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = validate::check_square("a", a)?;
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    let want = |flag: bool| if flag { ComputeEigenvectors::Yes } else { ComputeEigenvectors::No };
    let (left, right) = (want(options.left), want(options.right));
    let par = sci_core::faer_par();
    let req = faer_evd::evd_scratch::<T>(n, left, right, par, Spec::default());
    let mut out = Eig {
        w: Array1::zeros(n),
        vr: options.right.then(|| Array2::zeros((n, n).f())),
        vl: options.left.then(|| Array2::zeros((n, n).f())),
    };
    if n == 0 {
        return Ok(out);
    }
    let failed = |_| Error::not_converged("eigenvalue QR algorithm", None);
    if T::IS_COMPLEX {
        let m = Mat::<Complex<T::Real>>::from_fn(n, n, |i, j| Complex::new(a[[i, j]].re(), a[[i, j]].im()));
        let mut s = Mat::<Complex<T::Real>>::zeros(n, 1);
        let mut ul = options.left.then(|| Mat::<Complex<T::Real>>::zeros(n, n));
        let mut ur = options.right.then(|| Mat::<Complex<T::Real>>::zeros(n, n));
        let outcome = with_scratch("a", req, |stack| {
            sci_core::install(|| {
                faer_evd::evd_cplx(
                    m.as_ref(),
                    s.as_mut().col_mut(0).as_diagonal_mut(),
                    ul.as_mut().map(|u| u.as_mut()),
                    ur.as_mut().map(|u| u.as_mut()),
                    par,
                    stack,
                    Spec::default(),
                )
            })
        })?;
        outcome.map_err(failed)?;
        out.w = s.col(0).iter().copied().collect();
        for (dst, src) in [(&mut out.vl, &ul), (&mut out.vr, &ur)] {
            if let (Some(dst), Some(src)) = (dst.as_mut(), src.as_ref()) {
                dst.zip_mut_with(&sci_core::convert::AsNdarray::as_ndarray(&src.as_ref()), |d, s| *d = *s);
            }
        }
    } else {
        let m = Mat::<T::Real>::from_fn(n, n, |i, j| a[[i, j]].re());
        let mut s_re = Mat::<T::Real>::zeros(n, 1);
        let mut s_im = Mat::<T::Real>::zeros(n, 1);
        let mut ul = options.left.then(|| Mat::<T::Real>::zeros(n, n));
        let mut ur = options.right.then(|| Mat::<T::Real>::zeros(n, n));
        let outcome = with_scratch("a", req, |stack| {
            sci_core::install(|| {
                faer_evd::evd_real(
                    m.as_ref(),
                    s_re.as_mut().col_mut(0).as_diagonal_mut(),
                    s_im.as_mut().col_mut(0).as_diagonal_mut(),
                    ul.as_mut().map(|u| u.as_mut()),
                    ur.as_mut().map(|u| u.as_mut()),
                    par,
                    stack,
                    Spec::default(),
                )
            })
        })?;
        outcome.map_err(failed)?;
        out.w = (0..n).map(|i| Complex::new(s_re[(i, 0)], s_im[(i, 0)])).collect();
        for (dst, src) in [(&mut out.vl, &ul), (&mut out.vr, &ur)] {
            if let (Some(dst), Some(src)) = (dst.as_mut(), src.as_ref()) {
                unpack_real_pairs(dst, src, &s_im);
            }
        }
    }
    for v in [out.vl.as_mut(), out.vr.as_mut()].into_iter().flatten() {
        normalize_columns(v);
    }
    Ok(out)
}

/// LAPACK's packing for real matrices: a complex pair `λ, λ̄` (positive imaginary part
/// first) stores `Re v` and `Im v` in adjacent columns; the partner is `v̄`.
fn unpack_real_pairs<R: Real>(dst: &mut Array2<Complex<R>>, src: &Mat<R>, s_im: &Mat<R>) {
    let n = src.nrows();
    let zero = R::from_f64(0.0);
    let mut j = 0;
    while j < n {
        if s_im[(j, 0)] == zero || j + 1 == n {
            for i in 0..n {
                dst[[i, j]] = Complex::new(src[(i, j)], zero);
            }
            j += 1;
        } else {
            for i in 0..n {
                let (re, im) = (src[(i, j)], src[(i, j + 1)]);
                dst[[i, j]] = Complex::new(re, im);
                dst[[i, j + 1]] = Complex::new(re, -im);
            }
            j += 2;
        }
    }
}

/// Unit 2-norm, largest-modulus component real and positive.
fn normalize_columns<R: Real>(v: &mut Array2<Complex<R>>) {
    for mut col in v.columns_mut() {
        let norm = col.iter().map(|z| z.norm_sqr()).fold(R::from_f64(0.0), |a, b| a + b).sqrt();
        let Some(big) = col.iter().copied().reduce(|a, b| if b.norm_sqr() > a.norm_sqr() { b } else { a })
        else {
            continue;
        };
        let m = big.norm();
        if norm == R::from_f64(0.0) || m == R::from_f64(0.0) || !norm.is_finite() {
            continue;
        }
        let phase = big.conj() / m;
        col.mapv_inplace(|z| z * phase / norm);
    }
}
