//! Determinants through LU: `det(A) = sign(P) · ∏ uᵢᵢ`.

use sci_core::ndarray::{ArrayBase, Data, Ix2};
use sci_core::{Float, Result, Scalar, validate};

use crate::lu::factor;

/// Options of [`det_with`] and [`slogdet_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetOptions {
    /// Reject NaN and infinity in the input (SciPy's default).
    pub check_finite: bool,
}

impl Default for DetOptions {
    fn default() -> Self {
        DetOptions { check_finite: true }
    }
}

/// The determinant of a square matrix, SciPy's `det(a)`.
///
/// Computed from the LU factorization with partial pivoting, `O(n³)`; the product of the
/// pivots can overflow to infinity or underflow to zero for large matrices, as in SciPy —
/// use [`slogdet`] then. A singular matrix has determinant zero (not an error). The
/// determinant of the `0×0` matrix is 1.
///
/// # Errors
/// [`sci_core::Error::ShapeMismatch`] for a non-square matrix,
/// [`sci_core::Error::NonFinite`] for NaN or infinite input.
///
/// ```
/// use sci_linalg::det;
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [3.0, 4.0]];
/// assert!((det(&a)? + 2.0).abs() < 1e-15);
/// assert_eq!(det(&array![[1.0_f64, 2.0], [2.0, 4.0]])?, 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn det<T, S>(a: &ArrayBase<S, Ix2>) -> Result<T>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    det_with(a, &DetOptions::default())
}

/// [`det`] with explicit options.
///
/// ```
/// use sci_linalg::{det_with, DetOptions};
/// use sci_core::ndarray::Array2;
/// let eye = Array2::<f32>::eye(3);
/// assert_eq!(det_with(&eye, &DetOptions { check_finite: false })?, 1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn det_with<T, S>(a: &ArrayBase<S, Ix2>, options: &DetOptions) -> Result<T>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    let f = factor(a, options.check_finite)?;
    let product = f.lu.diag().iter().fold(T::from_f64(1.0), |acc, &d| acc * d);
    Ok(if f.transpositions % 2 == 1 { -product } else { product })
}

/// Sign and natural logarithm of the absolute value of a determinant.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SlogDet<T: Scalar> {
    /// `±1` for real matrices, a complex number of modulus 1 for complex ones, and 0 for a
    /// singular matrix.
    pub sign: T,
    /// `ln |det A|`; `-∞` for a singular matrix.
    pub logabsdet: T::Real,
}

/// The determinant as sign and log-magnitude, NumPy's `linalg.slogdet(a)`: never overflows.
///
/// `det(A) = sign · exp(logabsdet)`. Same factorization and errors as [`det`].
///
/// ```
/// use sci_linalg::slogdet;
/// use sci_core::ndarray::Array2;
/// // det(0.1·I₄₀₀) = 1e-400 underflows an f64; its logarithm does not.
/// let a = Array2::<f64>::eye(400) * 0.1;
/// let d = slogdet(&a)?;
/// assert_eq!(d.sign, 1.0);
/// assert!((d.logabsdet - 400.0 * 0.1_f64.ln()).abs() < 1e-10);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn slogdet<T, S>(a: &ArrayBase<S, Ix2>) -> Result<SlogDet<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    slogdet_with(a, &DetOptions::default())
}

/// [`slogdet`] with explicit options.
///
/// ```
/// use sci_linalg::{slogdet_with, DetOptions};
/// use sci_core::ndarray::array;
/// let d = slogdet_with(&array![[0.0_f64, 2.0], [3.0, 0.0]], &DetOptions::default())?;
/// assert_eq!(d.sign, -1.0);
/// assert!((d.logabsdet - 6.0_f64.ln()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn slogdet_with<T, S>(a: &ArrayBase<S, Ix2>, options: &DetOptions) -> Result<SlogDet<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    let f = factor(a, options.check_finite)?;
    let zero = T::Real::from_f64(0.0);
    let mut sign = T::from_f64(if f.transpositions % 2 == 1 { -1.0 } else { 1.0 });
    let mut logabsdet = zero;
    for &d in f.lu.diag() {
        let m = d.modulus();
        if m == zero {
            return Ok(SlogDet { sign: T::from_f64(0.0), logabsdet: T::Real::from_f64(f64::NEG_INFINITY) });
        }
        sign *= d * T::from_real(m.recip());
        logabsdet += Float::ln(m);
    }
    Ok(SlogDet { sign, logabsdet })
}
