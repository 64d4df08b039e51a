//! Symmetric/Hermitian eigendecomposition `A = V diag(w) Vᴴ`, through faer's
//! tridiagonalization and divide-and-conquer tridiagonal solver.

use faer::Spec;
use faer::linalg::evd::{self as faer_evd, ComputeEigenvectors};
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix2, ShapeBuilder, s};
use sci_core::{Error, Result, Scalar, validate};

use crate::scratch::with_scratch;

/// Which eigenvalues [`eigh_with`] returns (SciPy's `subset_by_index` / `subset_by_value`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum EigSubset {
    /// All eigenvalues (the default).
    #[default]
    All,
    /// Eigenvalues `lo..=hi` in ascending order, 0-based and inclusive as in SciPy.
    Index(usize, usize),
    /// Eigenvalues in the half-open interval `(lo, hi]`, as in SciPy.
    Value(f64, f64),
}

/// Options of [`eigh_with`] and [`eigvalsh_with`], named after SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EighOptions {
    /// Read the lower triangle of `a` (SciPy's default, `true`) or the upper one.
    pub lower: bool,
    /// Which eigenvalues to return.
    pub subset: EigSubset,
    /// Reject NaN and infinity anywhere in `a` (SciPy's default), even in the triangle
    /// that is not read.
    pub check_finite: bool,
}

impl Default for EighOptions {
    fn default() -> Self {
        EighOptions { lower: true, subset: EigSubset::All, check_finite: true }
    }
}

/// Eigenvalues and eigenvectors of a symmetric or Hermitian matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct Eigh<T: Scalar> {
    /// Eigenvalues in ascending order.
    pub w: Array1<T::Real>,
    /// Orthonormal eigenvectors as columns: `A v[:, i] = w[i] v[:, i]` (Fortran order).
    pub v: Array2<T>,
}

/// Eigendecomposition of a real symmetric or complex Hermitian matrix, SciPy's `eigh(a)`.
///
/// Only the lower triangle is read (SciPy's default). Eigenvalues are real and ascending;
/// eigenvectors are orthonormal, each unique up to a unit factor (a sign for real input),
/// and for repeated eigenvalues only their span is unique. Cost `≈ 9n³` flops with
/// vectors, parallel.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `a` is not square, [`Error::NonFinite`] for NaN or
/// infinity, [`Error::NotConverged`] if the tridiagonal eigensolver
/// fails, [`Error::InvalidArgument`] for an invalid subset.
///
/// ```
/// use sci_linalg::eigh;
/// use sci_core::ndarray::array;
/// let a = array![[2.0_f64, 1.0], [1.0, 2.0]];
/// let e = eigh(&a)?;
/// assert!((e.w[0] - 1.0).abs() < 1e-15 && (e.w[1] - 3.0).abs() < 1e-15);
/// let av = a.dot(&e.v);
/// assert!((&av - &(&e.v * &e.w)).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn eigh<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Eigh<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    eigh_with(a, &EighOptions::default())
}

/// [`eigh`] with explicit options.
///
/// The subset is selected from the full decomposition, so it costs as much as computing
/// all eigenpairs (SciPy's `evr` driver can be cheaper for small subsets).
///
/// ```
/// use sci_linalg::{eigh_with, EigSubset, EighOptions};
/// use sci_core::ndarray::Array2;
/// let a = Array2::from_diag(&sci_core::ndarray::array![4.0_f64, 1.0, 3.0, 2.0]);
/// let top2 = eigh_with(&a, &EighOptions { subset: EigSubset::Index(2, 3), ..Default::default() })?;
/// assert_eq!(top2.w.to_vec(), vec![3.0, 4.0]);
/// assert_eq!(top2.v.dim(), (4, 2));
/// let mid = eigh_with(&a, &EighOptions { subset: EigSubset::Value(1.0, 3.0), ..Default::default() })?;
/// assert_eq!(mid.w.to_vec(), vec![2.0, 3.0]); // (1, 3]
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn eigh_with<T, S>(a: &ArrayBase<S, Ix2>, options: &EighOptions) -> Result<Eigh<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let (w, v) = decompose(a, options, true)?;
    let v = v.unwrap_or_else(|| Array2::zeros((a.nrows(), 0).f()));
    let (lo, hi) = subset_range(&w, options.subset)?;
    Ok(Eigh { w: w.slice(s![lo..hi]).to_owned(), v: v.slice(s![.., lo..hi]).to_owned() })
}

/// Eigenvalues only of a symmetric or Hermitian matrix, SciPy's `eigvalsh(a)`, ascending.
///
/// ```
/// use sci_linalg::eigvalsh;
/// use sci_core::ndarray::array;
/// use sci_core::num_complex::Complex64;
/// let i = Complex64::new(0.0, 1.0);
/// let one = Complex64::new(1.0, 0.0);
/// let h = array![[one * 2.0, -i], [i, one * 2.0]]; // Hermitian
/// let w = eigvalsh(&h)?;
/// assert!((w[0] - 1.0).abs() < 1e-15 && (w[1] - 3.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`eigh`].
pub fn eigvalsh<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array1<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    eigvalsh_with(a, &EighOptions::default())
}

/// [`eigvalsh`] with explicit options.
///
/// ```
/// use sci_linalg::{eigvalsh_with, EighOptions};
/// use sci_core::ndarray::array;
/// // Only the upper triangle is read here; the NaN below the diagonal is ignored.
/// let a = array![[1.0_f64, 2.0], [f64::NAN, 1.0]];
/// let w = eigvalsh_with(&a, &EighOptions { lower: false, check_finite: false, ..Default::default() })?;
/// assert!((w[0] + 1.0).abs() < 1e-15 && (w[1] - 3.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn eigvalsh_with<T, S>(a: &ArrayBase<S, Ix2>, options: &EighOptions) -> Result<Array1<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let (w, _) = decompose(a, options, false)?;
    let (lo, hi) = subset_range(&w, options.subset)?;
    Ok(w.slice(s![lo..hi]).to_owned())
}

/// Eigenvalues (ascending) and, if requested, eigenvectors.
type Decomposition<T> = (Array1<<T as faer::traits::ComplexField>::Real>, Option<Array2<T>>);

fn decompose<T, S>(a: &ArrayBase<S, Ix2>, options: &EighOptions, vectors: bool) -> Result<Decomposition<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = validate::check_square("a", a)?;
    let lower = options.lower;
    if options.check_finite
        && let Some(((i, j), _)) = a
            .indexed_iter()
            .find(|&((i, j), x)| (if lower { i >= j } else { i <= j }) && !x.is_finite_scalar())
    {
        return Err(Error::NonFinite { what: "a".into(), index: Some(vec![i, j]) });
    }
    if let EigSubset::Index(lo, hi) = options.subset
        && (lo > hi || hi >= n)
    {
        return Err(Error::invalid_argument(
            "subset_by_index",
            format!("[{lo}, {hi}] must satisfy 0 <= lo <= hi < {n} (the order of the matrix)"),
        ));
    }
    if let EigSubset::Value(lo, hi) = options.subset
        && (lo.is_nan() || hi.is_nan() || lo >= hi)
    {
        return Err(Error::invalid_argument("subset_by_value", format!("({lo}, {hi}] must have lo < hi")));
    }
    let mut v = vectors.then(|| Array2::<T>::zeros((n, n).f()));
    if n == 0 {
        return Ok((Array1::zeros(0), v));
    }
    // faer reads the lower triangle. The upper triangle of A is the lower triangle of Aᵀ,
    // and Aᵀ = conj(A) for Hermitian A: same eigenvalues, conjugated eigenvectors.
    let view = a.as_faer();
    let m = if lower { view } else { view.transpose() };
    let mode = if vectors { ComputeEigenvectors::Yes } else { ComputeEigenvectors::No };
    let par = sci_core::faer_par();
    let req = faer_evd::self_adjoint_evd_scratch::<T>(n, mode, par, Spec::default());
    let mut w = faer::Mat::<T>::zeros(n, 1);
    let wd = w.as_mut().col_mut(0).as_diagonal_mut();
    let u = v.as_mut().map(|v| v.as_faer_mut());
    let outcome = with_scratch("a", req, |stack| {
        sci_core::install(|| faer_evd::self_adjoint_evd(m, wd, u, par, stack, Spec::default()))
    })?;
    outcome.map_err(|_| Error::not_converged("symmetric eigensolver", None))?;
    if !lower
        && T::IS_COMPLEX
        && let Some(v) = v.as_mut()
    {
        v.mapv_inplace(T::conj);
    }
    Ok((w.col(0).iter().map(|x| x.re()).collect(), v))
}

/// The index range `lo..hi` of the eigenvalues (ascending) the subset selects.
fn subset_range<R: sci_core::Real>(w: &Array1<R>, subset: EigSubset) -> Result<(usize, usize)> {
    Ok(match subset {
        EigSubset::All => (0, w.len()),
        EigSubset::Index(lo, hi) => (lo, hi + 1),
        EigSubset::Value(lo, hi) => {
            let start = w.iter().position(|x| x.as_f64() > lo).unwrap_or(w.len());
            let end = w.iter().position(|x| x.as_f64() > hi).unwrap_or(w.len());
            (start, end.max(start))
        }
    })
}
