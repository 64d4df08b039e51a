//! Minimum-norm least squares through the SVD (the problem LAPACK's `gelsd` solves).

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Dimension, Ix2, s};
use sci_core::{Error, Float, Real, Result, Scalar, validate};

use crate::rhs::{as_matrix_rhs, restore_rhs_dim};
use crate::svd::{SvdOptions, svd_with};

/// Options of [`lstsq_with`], SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LstsqOptions {
    /// Singular values `≤ cond · σ_max` are treated as zero. Default: `max(M, N) · eps`
    /// (NumPy's `lstsq` default; SciPy's is `eps`, see [`lstsq`]).
    pub cond: Option<f64>,
    /// Reject NaN and infinity in `a` and `b` (SciPy's default).
    pub check_finite: bool,
}

impl Default for LstsqOptions {
    fn default() -> Self {
        LstsqOptions { cond: None, check_finite: true }
    }
}

/// The result of [`lstsq`], SciPy's `(x, residues, rank, s)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Lstsq<T: Scalar, D: Dimension> {
    /// The minimum-norm solution, `N` or `N×K` like `b`.
    pub x: sci_core::ndarray::Array<T, D>,
    /// Squared 2-norms of the residual `b − A x`, one per column of `b`, when `M > N` and
    /// `A` has full rank `N`; empty otherwise (as SciPy). For a vector `b` it has one element.
    pub residues: Array1<T::Real>,
    /// The effective rank of `A`.
    pub rank: usize,
    /// The singular values of `A`, non-increasing.
    pub s: Array1<T::Real>,
}

/// Least-squares solution of `A x ≈ b`, SciPy's `lstsq(a, b)`.
///
/// Minimizes `‖b − A x‖₂`, and among minimizers returns the one of least norm, through
/// the thin SVD: `x = V Σ_r⁻¹ Uᴴ b` with singular values below `cond · σ_max` dropped.
/// Works for over- and under-determined and rank-deficient `A`.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `b` does not have `M` rows, [`Error::NonFinite`] for NaN or
/// infinity, [`Error::NotConverged`] if the SVD fails.
///
/// # Differences from SciPy
/// - The default cutoff is `max(M, N)·eps` (NumPy's `lstsq` default, and the one sci's
///   [`crate::pinv`] and [`crate::matrix_rank`] use), not SciPy's `eps`: singular values that
///   are zero in exact arithmetic come out of any SVD at about `max(M, N)·eps·σ_max`, so
///   with SciPy's cutoff the rank of an exactly rank-deficient matrix depends on rounding
///   noise. Pass `cond: Some(f64::EPSILON)` for SciPy's rule.
/// - `residues` is always an array (one element for a vector `b`), never a bare float.
///
/// ```
/// use sci_linalg::lstsq;
/// use sci_core::ndarray::array;
/// // Fit y = c0 + c1 t to three points.
/// let a = array![[1.0_f64, 0.0], [1.0, 1.0], [1.0, 2.0]];
/// let y = array![1.0, 2.0, 2.0];
/// let fit = lstsq(&a, &y)?;
/// assert!((fit.x[0] - 7.0 / 6.0).abs() < 1e-14 && (fit.x[1] - 0.5).abs() < 1e-14);
/// assert_eq!(fit.rank, 2);
/// assert!((fit.residues[0] - 1.0 / 6.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lstsq<T, SA, SB, D>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, D>) -> Result<Lstsq<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    lstsq_with(a, b, &LstsqOptions::default())
}

/// [`lstsq`] with explicit options.
///
/// ```
/// use sci_linalg::{lstsq_with, LstsqOptions};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 0.0], [0.0, 1e-12]];
/// let fit = lstsq_with(&a, &array![1.0, 1.0], &LstsqOptions { cond: Some(1e-6), ..Default::default() })?;
/// assert_eq!(fit.rank, 1);
/// assert_eq!(fit.x[1], 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lstsq_with<T, SA, SB, D>(
    a: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, D>,
    options: &LstsqOptions,
) -> Result<Lstsq<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    let (m, n) = a.dim();
    let rhs = as_matrix_rhs("b", b, m)?;
    if options.check_finite {
        validate::check_finite("a", a)?;
        validate::check_finite("b", b)?;
    }
    let cond = options.cond.unwrap_or_else(|| m.max(n) as f64 * T::Real::epsilon().as_f64());
    if cond.is_nan() {
        return Err(Error::invalid_argument("cond", "must not be NaN"));
    }
    let k = rhs.ncols();
    if m == 0 || n == 0 {
        // SciPy: zero solution; residues are ‖b‖² per column when N = 0.
        let residues = if n == 0 {
            rhs.columns().into_iter().map(|c| sq_norm(c.iter().copied())).collect()
        } else {
            Array1::zeros(0)
        };
        let x = restore_rhs_dim(Array2::<T>::zeros((n, k)), b)?;
        return Ok(Lstsq { x, residues, rank: 0, s: Array1::zeros(0) });
    }
    let f = svd_with(a, &SvdOptions { full_matrices: false, check_finite: false })?;
    let smax = f.s.iter().fold(0.0_f64, |acc, x| acc.max(x.as_f64()));
    let rank = f.s.iter().filter(|x| x.as_f64() > cond * smax).count();
    // x = V_r Σ_r⁻¹ U_rᴴ b.
    let ur_h = f.u.slice(s![.., ..rank]).t().mapv(T::conj);
    let mut c = crate::matmul(&ur_h, &rhs)?;
    for (mut row, &sv) in c.rows_mut().into_iter().zip(f.s.iter()) {
        let inv = T::from_real(sv.recip());
        row.mapv_inplace(|x| x * inv);
    }
    let vr = f.vh.slice(s![..rank, ..]).t().mapv(T::conj);
    let x = crate::matmul(&vr, &c)?;
    let residues = if m > n && rank == n {
        let r = &rhs - &crate::matmul(a, &x)?;
        r.columns().into_iter().map(|col| sq_norm(col.iter().copied())).collect()
    } else {
        Array1::zeros(0)
    };
    Ok(Lstsq { x: restore_rhs_dim(x, b)?, residues, rank, s: f.s })
}

fn sq_norm<T: Scalar>(values: impl Iterator<Item = T>) -> T::Real {
    values.map(|z| z.modulus() * z.modulus()).fold(T::Real::from_f64(0.0), |a, b| a + b)
}
