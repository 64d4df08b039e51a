//! Singular value decomposition, `A = U Σ Vᴴ`, through faer's divide-and-conquer
//! bidiagonal SVD.

use faer::linalg::svd::{self as faer_svd, ComputeSvdVectors};
use faer::{Mat, Spec};
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix2, ShapeBuilder};
use sci_core::{Error, Result, Scalar, validate};

use crate::scratch::with_scratch;

/// Options of [`svd_with`] and [`svdvals_with`], named after SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SvdOptions {
    /// `true` (SciPy's default): `U` is `M×M` and `Vᴴ` is `N×N`. `false`: the thin (economic)
    /// factors, `U` is `M×K` and `Vᴴ` is `K×N` with `K = min(M, N)`.
    pub full_matrices: bool,
    /// Reject NaN and infinity in the input (SciPy's default). Turning it off saves one pass
    /// over the matrix; a non-finite input then gives a [`Error::NotConverged`] or NaN output.
    pub check_finite: bool,
}

impl Default for SvdOptions {
    fn default() -> Self {
        SvdOptions { full_matrices: true, check_finite: true }
    }
}

/// The factors of `A = U · diag(s) · Vh`.
#[derive(Debug, Clone, PartialEq)]
pub struct Svd<T: Scalar> {
    /// Left singular vectors as columns (`M×M`, or `M×K` when thin); Fortran order, as LAPACK
    /// returns it to SciPy.
    pub u: Array2<T>,
    /// Singular values, real, non-negative and in non-increasing order (length `K`).
    pub s: Array1<T::Real>,
    /// Right singular vectors as rows (`N×N`, or `K×N` when thin), conjugate-transposed.
    pub vh: Array2<T>,
}

/// Singular value decomposition with SciPy's defaults (`full_matrices=True`).
///
/// Factors the `M×N` matrix `A` as `A = U Σ Vᴴ` with unitary `U` (`M×M`), unitary `V`
/// (`N×N`) and `Σ` the `M×N` diagonal matrix of singular values `s`, sorted in
/// non-increasing order. Cost: `O(M·N·min(M, N))`, parallel over
/// [`sci_core::set_num_threads`] threads. Singular vectors are unique only up to a unit
/// factor per pair (`±1` for real input), so compare reconstructions, not signs.
///
/// # Errors
/// [`Error::NonFinite`] if `a` holds NaN or infinity, [`Error::NotConverged`] if the
/// bidiagonal iteration does not converge (LAPACK's `info > 0`, SciPy's `LinAlgError`).
///
/// # Example
/// ```
/// use sci_linalg::svd;
/// use sci_core::ndarray::{array, Array2};
/// let a = array![[3.0, 0.0], [0.0, -2.0], [0.0, 0.0]];
/// let f = svd(&a)?;
/// assert_eq!(f.u.dim(), (3, 3));
/// assert_eq!(f.s, array![3.0, 2.0]);
/// // Reconstruct A from the thin parts of U and Vh.
/// let k = f.s.len();
/// let us = &f.u.slice(sci_core::ndarray::s![.., ..k]) * &f.s;
/// let back: Array2<f64> = us.dot(&f.vh);
/// assert!((&back - &a).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// Empty input follows SciPy: `s` is empty and, with `full_matrices`, `U` and `Vh` are
/// identity matrices of orders `M` and `N`.
pub fn svd<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Svd<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    svd_with(a, &SvdOptions::default())
}

/// Singular value decomposition with explicit [`SvdOptions`].
///
/// ```
/// use sci_linalg::{svd_with, SvdOptions};
/// use sci_core::ndarray::Array2;
/// let a = Array2::from_shape_fn((5, 2), |(i, j)| (i + 3 * j) as f64);
/// let thin = svd_with(&a, &SvdOptions { full_matrices: false, ..Default::default() })?;
/// assert_eq!((thin.u.dim(), thin.s.len(), thin.vh.dim()), ((5, 2), 2, (2, 2)));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn svd_with<T, S>(a: &ArrayBase<S, Ix2>, options: &SvdOptions) -> Result<Svd<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    let (m, n) = a.dim();
    let k = m.min(n);
    let (ucols, vrows, mode) =
        if options.full_matrices { (m, n, ComputeSvdVectors::Full) } else { (k, k, ComputeSvdVectors::Thin) };

    // U is written by faer straight into a column-major ndarray; Vh is allocated in C order
    // so that its transpose, which faer fills with V, is column-major too. No copies.
    let mut u = Array2::<T>::zeros((m, ucols).f());
    let mut vh = Array2::<T>::zeros((vrows, n));
    if k == 0 {
        // faer has nothing to factor; SciPy returns identities for the full factors.
        u.diag_mut().fill(T::from_f64(1.0));
        vh.diag_mut().fill(T::from_f64(1.0));
        return Ok(Svd { u, s: Array1::zeros(0), vh });
    }
    let mut s = Mat::<T>::zeros(k, 1);
    run_svd(a, s.as_mut().col_mut(0).as_diagonal_mut(), Some(&mut u), Some(&mut vh), mode)?;
    if T::IS_COMPLEX {
        vh.mapv_inplace(T::conj);
    }
    Ok(Svd { u, s: singular_values(&s), vh })
}

/// Singular values only (SciPy's `svdvals`, or `svd(..., compute_uv=False)`), in
/// non-increasing order. Cheaper than [`svd`]: the singular vectors are never formed.
///
/// ```
/// use sci_linalg::svdvals;
/// use sci_core::ndarray::array;
/// let s = svdvals(&array![[0.0, 2.0], [1.0, 0.0]])?;
/// assert_eq!(s, array![2.0, 1.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`svd`].
pub fn svdvals<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array1<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    svdvals_with(a, &SvdOptions::default())
}

/// [`svdvals`] with explicit options (only `check_finite` applies).
///
/// ```
/// use sci_linalg::{svdvals_with, SvdOptions};
/// use sci_core::ndarray::array;
/// let opts = SvdOptions { check_finite: false, ..Default::default() };
/// assert_eq!(svdvals_with(&array![[-4.0_f32]], &opts)?, array![4.0_f32]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn svdvals_with<T, S>(a: &ArrayBase<S, Ix2>, options: &SvdOptions) -> Result<Array1<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    let k = a.nrows().min(a.ncols());
    if k == 0 {
        return Ok(Array1::zeros(0));
    }
    let mut s = Mat::<T>::zeros(k, 1);
    run_svd(a, s.as_mut().col_mut(0).as_diagonal_mut(), None, None, ComputeSvdVectors::No)?;
    Ok(singular_values(&s))
}

/// Runs faer's SVD of `a` into `s` and, if given, `u` (`M×·`, any layout) and `vh`, whose
/// transpose receives `V`.
fn run_svd<T, S>(
    a: &ArrayBase<S, Ix2>,
    s: faer::diag::DiagMut<'_, T>,
    u: Option<&mut Array2<T>>,
    vh: Option<&mut Array2<T>>,
    mode: ComputeSvdVectors,
) -> Result<()>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let (m, n) = a.dim();
    let par = sci_core::faer_par();
    let req = faer_svd::svd_scratch::<T>(m, n, mode, mode, par, Spec::default());
    let a = a.as_faer();
    let u = u.map(|u| u.as_faer_mut());
    let v = vh.map(|vh| vh.as_faer_mut().transpose_mut());
    let outcome = with_scratch("a", req, |stack| {
        sci_core::install(|| faer_svd::svd(a, s, u, v, par, stack, Spec::default()))
    })?;
    outcome.map_err(|faer_svd::SvdError::NoConvergence| Error::not_converged("SVD", None))
}

fn singular_values<T: Scalar>(s: &Mat<T>) -> Array1<T::Real> {
    // faer stores singular values in the scalar type; their imaginary parts are zero.
    s.col(0).iter().map(|x| x.re()).collect()
}
