//! Cholesky factorization `A = L Lᴴ` of a Hermitian positive definite matrix, through faer.

use faer::linalg::cholesky::llt::factor::{self as faer_llt, LltError, LltRegularization};
use faer::linalg::triangular_solve as tri;
use faer::{Conj, Spec};
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array, Array2, ArrayBase, ArrayView2, Data, Dimension, Ix2, ShapeBuilder};
use sci_core::{Error, Result, Scalar, validate};

use crate::rhs::{as_matrix_rhs, restore_rhs_dim};
use crate::scratch::with_scratch;

/// Factors the Hermitian matrix whose `lower` (or upper) triangle `a` holds, returning the
/// lower factor `L` (column-major, strict upper triangle zero).
///
/// Only the named triangle is read; the diagonal's imaginary part is ignored, as LAPACK's
/// `potrf` does.
pub(crate) fn factor_lower<T: Scalar>(a: ArrayView2<'_, T>, lower: bool) -> Result<Array2<T>> {
    let n = a.nrows();
    let mut l = Array2::<T>::zeros((n, n).f());
    for j in 0..n {
        l[[j, j]] = T::from_real(a[[j, j]].re());
        for i in j + 1..n {
            l[[i, j]] = if lower { a[[i, j]] } else { a[[j, i]].conj() };
        }
    }
    if n == 0 {
        return Ok(l);
    }
    let par = sci_core::faer_par();
    let req = faer_llt::cholesky_in_place_scratch::<T>(n, par, Spec::default());
    let zero = T::Real::from_f64(0.0);
    let regularization =
        LltRegularization { dynamic_regularization_delta: zero, dynamic_regularization_epsilon: zero };
    let outcome = with_scratch("a", req, |stack| {
        sci_core::install(|| {
            faer_llt::cholesky_in_place(l.as_faer_mut(), regularization, par, stack, Spec::default())
        })
    })?;
    match outcome {
        Ok(_) => {
            // faer uses the strict upper triangle as workspace; the factor is lower.
            for j in 1..n {
                for i in 0..j {
                    l[[i, j]] = T::zero();
                }
            }
            Ok(l)
        }
        Err(LltError::NonPositivePivot { index }) => Err(Error::NotPositiveDefinite { order: index + 1 }),
    }
}

/// Options of [`cholesky_with`] and [`cho_factor_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CholeskyOptions {
    /// Return (and read) the lower triangle: `A = L Lᴴ`. SciPy's default, `false`, reads the
    /// upper triangle and returns `U` with `A = Uᴴ U`.
    pub lower: bool,
    /// Reject NaN and infinity anywhere in `a` (SciPy's default), even in the triangle
    /// that is not read.
    pub check_finite: bool,
}

impl Default for CholeskyOptions {
    fn default() -> Self {
        CholeskyOptions { lower: false, check_finite: true }
    }
}

/// The Cholesky factor of a Hermitian positive definite matrix, SciPy's `cholesky(a)`.
///
/// Returns the upper triangular `U` with `A = Uᴴ U` (SciPy's default); use
/// [`cholesky_with`] with `lower: true` for `L` with `A = L Lᴴ`. Only the corresponding
/// triangle of `a` is read. Cost `n³/3` flops, parallel.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `a` is not square, [`Error::NotPositiveDefinite`] naming
/// the order of the first leading minor that is not positive (SciPy's `LinAlgError`),
/// [`Error::NonFinite`] for NaN or infinity.
///
/// ```
/// use sci_linalg::cholesky;
/// use sci_core::ndarray::array;
/// let a = array![[4.0_f64, 2.0], [2.0, 5.0]];
/// let u = cholesky(&a)?;
/// assert_eq!(u, array![[2.0, 1.0], [0.0, 2.0]]);
/// assert!(cholesky(&array![[1.0_f64, 2.0], [2.0, 1.0]]).is_err()); // indefinite
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn cholesky<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    cholesky_with(a, &CholeskyOptions::default())
}

/// [`cholesky`] with explicit options.
///
/// ```
/// use sci_linalg::{cholesky_with, CholeskyOptions};
/// use sci_core::ndarray::array;
/// let a = array![[4.0_f64, 2.0], [2.0, 5.0]];
/// let l = cholesky_with(&a, &CholeskyOptions { lower: true, ..Default::default() })?;
/// assert_eq!(l, array![[2.0, 0.0], [1.0, 2.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn cholesky_with<T, S>(a: &ArrayBase<S, Ix2>, options: &CholeskyOptions) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    let l = factor_lower(a.view(), options.lower)?;
    Ok(if options.lower { l } else { l.t().mapv(T::conj) })
}

/// A Cholesky factorization for [`cho_solve`], SciPy's `(c, lower)` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoFactor<T: Scalar> {
    /// The factor in its triangle; the other triangle is zero (SciPy leaves arbitrary
    /// values there).
    pub c: Array2<T>,
    /// Whether `c` holds `L` (`A = L Lᴴ`) rather than `U` (`A = Uᴴ U`).
    pub lower: bool,
}

/// Cholesky factorization for repeated solves, SciPy's `cho_factor(a)`.
///
/// ```
/// use sci_linalg::{cho_factor, cho_solve};
/// use sci_core::ndarray::array;
/// let a = array![[4.0_f64, 2.0], [2.0, 5.0]];
/// let f = cho_factor(&a)?;
/// let x = cho_solve(&f, &array![6.0, 7.0])?;
/// assert!((x[0] - 1.0).abs() < 1e-15 && (x[1] - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`cholesky`].
pub fn cho_factor<T, S>(a: &ArrayBase<S, Ix2>) -> Result<ChoFactor<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    cho_factor_with(a, &CholeskyOptions::default())
}

/// [`cho_factor`] with explicit options.
///
/// ```
/// use sci_linalg::{cho_factor_with, CholeskyOptions};
/// use sci_core::ndarray::array;
/// let f = cho_factor_with(&array![[9.0_f64]], &CholeskyOptions { lower: true, ..Default::default() })?;
/// assert!(f.lower && f.c[[0, 0]] == 3.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn cho_factor_with<T, S>(a: &ArrayBase<S, Ix2>, options: &CholeskyOptions) -> Result<ChoFactor<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    Ok(ChoFactor { c: cholesky_with(a, options)?, lower: options.lower })
}

/// Solves `A x = b` from [`cho_factor`]'s output, SciPy's `cho_solve((c, lower), b)`.
///
/// `b` is a vector or a matrix of right-hand sides; `x` has its shape. Two triangular
/// solves, `2n²` flops per right-hand side.
///
/// # Errors
/// [`Error::ShapeMismatch`] for inconsistent shapes, [`Error::Singular`] if the factor
/// has a zero on its diagonal, [`Error::NonFinite`] for NaN or infinity in `b`.
///
/// ```
/// use sci_linalg::{cho_factor, cho_solve};
/// use sci_core::ndarray::array;
/// let f = cho_factor(&array![[2.0_f64, -1.0], [-1.0, 2.0]])?;
/// let x = cho_solve(&f, &array![[1.0, 0.0], [0.0, 1.0]])?; // the inverse
/// assert!((x[[0, 0]] - 2.0 / 3.0).abs() < 1e-15 && (x[[0, 1]] - 1.0 / 3.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn cho_solve<T, S, D>(factor: &ChoFactor<T>, b: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let n = validate::check_square("c", &factor.c)?;
    let rhs = as_matrix_rhs("b", b, n)?;
    validate::check_finite("b", b)?;
    let zero = T::zero();
    if let Some(pivot) = factor.c.diag().iter().position(|&d| d == zero) {
        return Err(Error::Singular { pivot, value: None });
    }
    let mut x = Array2::<T>::zeros(rhs.dim().f());
    x.assign(&rhs);
    if n > 0 && !x.is_empty() {
        // With L: solve L y = b, then Lᴴ x = y. With U = Lᴴ: Uᴴ y = b, then U x = y.
        let c = factor.c.as_faer();
        let l = if factor.lower { c } else { c.transpose() };
        let conj_l = if factor.lower { Conj::No } else { Conj::Yes };
        let par = sci_core::faer_par();
        let mut rhs = x.as_faer_mut();
        sci_core::install(|| {
            tri::solve_lower_triangular_in_place_with_conj(l, conj_l, rhs.as_mut(), par);
            tri::solve_upper_triangular_in_place_with_conj(
                l.transpose(),
                conj_l.compose(Conj::Yes),
                rhs.as_mut(),
                par,
            );
        });
    }
    restore_rhs_dim(x, b)
}
