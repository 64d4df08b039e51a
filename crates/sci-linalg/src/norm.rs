//! Vector and matrix norms (`scipy.linalg.norm`) and condition numbers (`numpy.linalg.cond`).

use sci_core::ndarray::{Array, ArrayBase, Axis, Data, Dimension, Ix1, Ix2, RemoveAxis};
use sci_core::{Error, Float, Real, Result, Scalar, validate};

use crate::svd::svdvals;

/// Which matrix norm [`matrix_norm`] computes (SciPy's `ord` for 2-D input).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MatrixNorm {
    /// Frobenius norm, `sqrt(Σ|aᵢⱼ|²)` (`ord=None` or `'fro'`), the default.
    #[default]
    Frobenius,
    /// Nuclear norm, the sum of singular values (`'nuc'`).
    Nuclear,
    /// Largest column sum of absolute values (`ord=1`).
    One,
    /// Smallest column sum of absolute values (`ord=-1`).
    NegOne,
    /// Largest singular value (`ord=2`).
    Two,
    /// Smallest singular value (`ord=-2`).
    NegTwo,
    /// Largest row sum of absolute values (`ord=inf`).
    Inf,
    /// Smallest row sum of absolute values (`ord=-inf`).
    NegInf,
}

/// The 2-norm of all elements, `sqrt(Σ|xᵢ|²)`, SciPy's `norm(a)` with the default `ord`.
///
/// For a matrix this is the Frobenius norm. Computed with scaling (as BLAS `nrm2`), so it
/// neither overflows nor underflows when the result is representable. NaN propagates;
/// SciPy's `check_finite` is not applied (use [`sci_core::validate::check_finite`]).
///
/// ```
/// use sci_linalg::norm;
/// use sci_core::ndarray::array;
/// assert_eq!(norm(&array![3.0_f64, 4.0]), 5.0);
/// assert_eq!(norm(&array![[1e300_f64, 1e300]]), 1e300 * 2f64.sqrt());
/// ```
pub fn norm<T, S, D>(a: &ArrayBase<S, D>) -> T::Real
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    scaled_two_norm(a.iter().copied())
}

/// The vector `p`-norm, SciPy's `norm(x, ord=p)` for 1-D `x`: `(Σ|xᵢ|ᵖ)^(1/p)` for finite
/// non-zero `p`, `max |xᵢ|` for `+∞`, `min |xᵢ|` for `−∞`, the number of non-zeros for 0.
///
/// # Errors
/// [`Error::InvalidArgument`] for a NaN `ord`.
///
/// ```
/// use sci_linalg::vector_norm;
/// use sci_core::ndarray::array;
/// let x = array![3.0_f64, -4.0];
/// assert_eq!(vector_norm(&x, 1.0)?, 7.0);
/// assert_eq!(vector_norm(&x, f64::INFINITY)?, 4.0);
/// assert_eq!(vector_norm(&x, f64::NEG_INFINITY)?, 3.0);
/// assert_eq!(vector_norm(&x, 0.0)?, 2.0);
/// assert!((vector_norm(&x, 3.0)? - 91f64.cbrt()).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn vector_norm<T, S>(x: &ArrayBase<S, Ix1>, ord: f64) -> Result<T::Real>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    p_norm(x.iter().copied(), ord)
}

/// The vector `p`-norm along `axis` of an N-D array, SciPy's `norm(a, ord=p, axis=axis)`.
///
/// ```
/// use sci_linalg::norm_along;
/// use sci_core::ndarray::array;
/// let a = array![[3.0_f64, 0.0], [4.0, 1.0]];
/// assert_eq!(norm_along(&a, 0, 2.0)?, array![5.0, 1.0]);   // column norms
/// assert_eq!(norm_along(&a, -1, 1.0)?, array![3.0, 5.0]);  // row sums of |a|
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an axis out of range or a NaN `ord`.
pub fn norm_along<T, S, D>(a: &ArrayBase<S, D>, axis: isize, ord: f64) -> Result<Array<T::Real, D::Smaller>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension + RemoveAxis,
{
    let axis = validate::normalize_axis(axis, a.ndim())?;
    if ord.is_nan() {
        return Err(Error::invalid_argument("ord", "must not be NaN"));
    }
    Ok(a.map_axis(Axis(axis), |lane| p_norm(lane.iter().copied(), ord).unwrap_or_else(|_| T::Real::nan())))
}

/// A matrix norm, SciPy's `norm(a, ord=...)` for 2-D `a`.
///
/// `One`/`Inf` (and their negatives) are column/row sums; `Two`, `NegTwo` and `Nuclear`
/// need the singular values (an SVD, `O(mn·min(m, n))`).
///
/// # Errors
/// [`Error::NotConverged`] if the SVD fails; [`Error::NonFinite`] if a norm that needs
/// the SVD is asked of a matrix with NaN or infinity.
///
/// ```
/// use sci_linalg::{matrix_norm, MatrixNorm};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, -2.0], [3.0, 4.0]];
/// assert_eq!(matrix_norm(&a, MatrixNorm::One)?, 6.0);
/// assert_eq!(matrix_norm(&a, MatrixNorm::Inf)?, 7.0);
/// assert_eq!(matrix_norm(&a, MatrixNorm::NegInf)?, 3.0);
/// assert!((matrix_norm(&a, MatrixNorm::Frobenius)? - 30f64.sqrt()).abs() < 1e-15);
/// let s = sci_linalg::svdvals(&a)?;
/// assert!((matrix_norm(&a, MatrixNorm::Two)? - s[0]).abs() < 1e-15);
/// assert!((matrix_norm(&a, MatrixNorm::Nuclear)? - (s[0] + s[1])).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn matrix_norm<T, S>(a: &ArrayBase<S, Ix2>, ord: MatrixNorm) -> Result<T::Real>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let sums = |axis: usize| {
        a.map_axis(Axis(axis), |lane| {
            lane.iter().map(|x| x.modulus()).fold(T::Real::from_f64(0.0), |acc, m| acc + m)
        })
    };
    let extreme = |values: Array<T::Real, Ix1>, max: bool| {
        values.iter().copied().reduce(|acc, v| pick(acc, v, max)).unwrap_or(T::Real::from_f64(0.0))
    };
    Ok(match ord {
        MatrixNorm::Frobenius => norm(a),
        MatrixNorm::One => extreme(sums(0), true),
        MatrixNorm::NegOne => extreme(sums(0), false),
        MatrixNorm::Inf => extreme(sums(1), true),
        MatrixNorm::NegInf => extreme(sums(1), false),
        MatrixNorm::Two | MatrixNorm::NegTwo | MatrixNorm::Nuclear => {
            let s = svdvals(a)?;
            match ord {
                MatrixNorm::Two => s.first().copied().unwrap_or(T::Real::from_f64(0.0)),
                MatrixNorm::NegTwo => s.last().copied().unwrap_or(T::Real::from_f64(0.0)),
                _ => s.iter().fold(T::Real::from_f64(0.0), |acc, &x| acc + x),
            }
        }
    })
}

/// The condition number of a matrix, NumPy's `linalg.cond(a, p)`.
///
/// With `MatrixNorm::Two` (NumPy's default `p=None`) it is `σ_max / σ_min` from the SVD
/// (any shape); `NegTwo` gives `σ_min / σ_max`. The other norms compute
/// `‖A‖ · ‖A⁻¹‖` for square `A`, and return `+∞` for a singular matrix, as NumPy does.
///
/// # Errors
/// [`Error::ShapeMismatch`] for a non-square matrix with a norm other than `Two`/`NegTwo`;
/// [`Error::NonFinite`] for NaN or infinity.
///
/// ```
/// use sci_linalg::{cond, MatrixNorm};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 0.0], [0.0, 1e-3]];
/// assert!((cond(&a, MatrixNorm::Two)? - 1e3).abs() < 1e-9);
/// assert!((cond(&a, MatrixNorm::One)? - 1e3).abs() < 1e-9);
/// assert_eq!(cond(&array![[1.0_f64, 2.0], [2.0, 4.0]], MatrixNorm::One)?, f64::INFINITY);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn cond<T, S>(a: &ArrayBase<S, Ix2>, p: MatrixNorm) -> Result<T::Real>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_finite("a", a)?;
    match p {
        MatrixNorm::Two | MatrixNorm::NegTwo => {
            let s = svdvals(a)?;
            let (first, last) = match (s.first(), s.last()) {
                (Some(&f), Some(&l)) => (f, l),
                _ => return Err(Error::empty("a")),
            };
            Ok(if p == MatrixNorm::Two { first / last } else { last / first })
        }
        _ => {
            validate::check_square("a", a)?;
            let options = crate::InvOptions { check_finite: false, allow_ill_conditioned: true };
            match crate::inv_with(a, &options) {
                Ok(ainv) => Ok(matrix_norm(a, p)? * matrix_norm(&ainv, p)?),
                Err(Error::Singular { .. }) => Ok(T::Real::infinity()),
                Err(e) => Err(e),
            }
        }
    }
}

fn pick<R: Real>(acc: R, v: R, max: bool) -> R {
    if v.is_nan() || acc.is_nan() {
        R::nan()
    } else if (max && v > acc) || (!max && v < acc) {
        v
    } else {
        acc
    }
}

/// `sqrt(Σ|xᵢ|²)` with a running scale, as LAPACK's `lassq`.
fn scaled_two_norm<T: Scalar>(values: impl Iterator<Item = T>) -> T::Real {
    let zero = T::Real::from_f64(0.0);
    let (mut scale, mut ssq) = (zero, T::Real::from_f64(1.0));
    for z in values {
        for part in [z.re(), z.im()] {
            let a = part.abs();
            if a.is_nan() {
                return a;
            }
            if a > zero {
                if scale < a {
                    ssq = T::Real::from_f64(1.0) + ssq * (scale / a) * (scale / a);
                    scale = a;
                } else {
                    ssq += (a / scale) * (a / scale);
                }
            }
        }
    }
    if scale.is_infinite() { scale } else { scale * ssq.sqrt() }
}

fn p_norm<T: Scalar>(values: impl Iterator<Item = T> + Clone, ord: f64) -> Result<T::Real> {
    let zero = T::Real::from_f64(0.0);
    Ok(if ord.is_nan() {
        return Err(Error::invalid_argument("ord", "must not be NaN"));
    } else if ord == 2.0 {
        scaled_two_norm(values)
    } else if ord == f64::INFINITY {
        values.map(|x| x.modulus()).reduce(|a, b| pick(a, b, true)).unwrap_or(zero)
    } else if ord == f64::NEG_INFINITY {
        values.map(|x| x.modulus()).reduce(|a, b| pick(a, b, false)).unwrap_or(zero)
    } else if ord == 0.0 {
        T::Real::from_f64(values.filter(|x| x.modulus() != zero).count() as f64)
    } else if ord == 1.0 {
        values.map(|x| x.modulus()).fold(zero, |a, b| a + b)
    } else {
        // Scale by the largest magnitude so large p neither overflows nor underflows.
        let big =
            values.clone().map(|x| x.modulus()).fold(zero, |a, b| if b > a || b.is_nan() { b } else { a });
        if big == zero || big.is_nan() || big.is_infinite() {
            return Ok(if ord < 0.0 && big == zero { zero } else { big });
        }
        let p = T::Real::from_f64(ord);
        let sum = values.map(|x| (x.modulus() / big).powf(p)).fold(zero, |a, b| a + b);
        big * sum.powf(p.recip())
    })
}
