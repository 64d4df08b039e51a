//! Numerical rank and the fundamental subspaces from the SVD: `matrix_rank`, `null_space`,
//! `orth`.

use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2, s};
use sci_core::{Float, Real, Result, Scalar};

use crate::svd::{SvdOptions, svd_with, svdvals};

/// The numerical rank: the number of singular values above `tol`, NumPy's
/// `linalg.matrix_rank(a, tol)`.
///
/// With `tol = None` the threshold is `σ_max · max(M, N) · eps`, NumPy's default.
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN or infinity; [`sci_core::Error::NotConverged`]
/// if the SVD fails.
///
/// ```
/// use sci_linalg::matrix_rank;
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]];
/// assert_eq!(matrix_rank(&a, None)?, 2);
/// assert_eq!(matrix_rank(&a, Some(100.0))?, 0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn matrix_rank<T, S>(a: &ArrayBase<S, Ix2>, tol: Option<f64>) -> Result<usize>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let s = svdvals(a)?;
    let smax = s.first().map_or(0.0, |x| x.as_f64());
    let tol = tol.unwrap_or_else(|| smax * a.nrows().max(a.ncols()) as f64 * T::Real::epsilon().as_f64());
    Ok(s.iter().filter(|x| x.as_f64() > tol).count())
}

/// An orthonormal basis of the null space of `A` (columns), SciPy's `null_space(a, rcond)`.
///
/// Singular values below `rcond · σ_max` count as zero; `rcond = None` means
/// `eps · max(M, N)`, SciPy's default. The basis is unique only up to an orthogonal
/// change of basis.
///
/// ```
/// use sci_linalg::null_space;
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 1.0], [1.0, 1.0]];
/// let z = null_space(&a, None)?;
/// assert_eq!(z.dim(), (2, 1));
/// assert!(a.dot(&z).iter().all(|v| v.abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`matrix_rank`], plus [`sci_core::Error::InvalidArgument`] for a negative `rcond`.
pub fn null_space<T, S>(a: &ArrayBase<S, Ix2>, rcond: Option<f64>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = svd_with(a, &SvdOptions::default())?;
    let num = effective_rank::<T>(&f.s, a.nrows().max(a.ncols()), rcond)?;
    Ok(f.vh.slice(s![num.., ..]).t().mapv(T::conj))
}

/// An orthonormal basis of the range of `A` (columns), SciPy's `orth(a, rcond)`.
///
/// ```
/// use sci_linalg::orth;
/// use sci_core::ndarray::array;
/// let a = array![[2.0_f64, 0.0, 0.0], [0.0, 0.0, 0.0]];
/// let q = orth(&a, None)?;
/// assert_eq!(q.dim(), (2, 1));
/// assert!((q[[0, 0]].abs() - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`null_space`].
pub fn orth<T, S>(a: &ArrayBase<S, Ix2>, rcond: Option<f64>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = svd_with(a, &SvdOptions { full_matrices: false, ..Default::default() })?;
    let num = effective_rank::<T>(&f.s, a.nrows().max(a.ncols()), rcond)?;
    Ok(f.u.slice(s![.., ..num]).to_owned())
}

fn effective_rank<T: Scalar>(
    s: &sci_core::ndarray::Array1<T::Real>,
    max_dim: usize,
    rcond: Option<f64>,
) -> Result<usize> {
    let rcond = rcond.unwrap_or_else(|| T::Real::epsilon().as_f64() * max_dim as f64);
    if rcond.is_nan() || rcond < 0.0 {
        return Err(sci_core::Error::invalid_argument("rcond", format!("must be >= 0, got {rcond}")));
    }
    let tol = s.iter().fold(0.0_f64, |m, x| m.max(x.as_f64())) * rcond;
    Ok(s.iter().filter(|x| x.as_f64() > tol).count())
}
