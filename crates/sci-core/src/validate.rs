//! Input validation shared by every crate.
//!
//! Each helper returns `Ok(..)` or the [`Error`] a SciPy user would recognise (the
//! `ValueError` or `LinAlgError` SciPy raises for the same input), naming the argument.
//! Functions take `what`, the argument's name as the user wrote it (`"a"`, `"b"`, `"x0"`).

use ndarray::{ArrayBase, Data, Dimension, Ix2};

use crate::{Error, Result, Scalar};

/// Fails with [`Error::NonFinite`] if any element is NaN or infinite (SciPy's `check_finite`).
///
/// The error carries the multi-index of the first offending element in logical order.
///
/// ```
/// use sci_core::{ndarray::array, validate::check_finite};
/// assert!(check_finite("a", &array![[1.0, 2.0], [3.0, 4.0]]).is_ok());
/// let err = check_finite("a", &array![[1.0, 2.0], [f64::NAN, 4.0]]).unwrap_err();
/// assert_eq!(err.to_string(), "`a` contains NaN or infinity at index [1, 0]");
/// ```
pub fn check_finite<T, S, D>(what: &str, a: &ArrayBase<S, D>) -> Result<()>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    // Fast path: a contiguous slice in memory order; find the index only on failure.
    let all_finite = match a.as_slice_memory_order() {
        Some(slice) => slice.iter().all(|x| x.is_finite_scalar()),
        None => a.iter().all(|x| x.is_finite_scalar()),
    };
    if all_finite {
        return Ok(());
    }
    let index = a.indexed_iter().find(|(_, x)| !x.is_finite_scalar()).map(|(ix, _)| ix.into_pattern_vec());
    Err(Error::NonFinite { what: what.to_string(), index })
}

/// Fails with [`Error::Empty`] if the array has no elements.
///
/// ```
/// use sci_core::{ndarray::Array1, validate::check_non_empty};
/// assert!(check_non_empty("x", &Array1::<f64>::zeros(0)).is_err());
/// assert!(check_non_empty("x", &Array1::<f64>::zeros(3)).is_ok());
/// ```
pub fn check_non_empty<S, D>(what: &str, a: &ArrayBase<S, D>) -> Result<()>
where
    S: Data,
    D: Dimension,
{
    if a.is_empty() { Err(Error::empty(what)) } else { Ok(()) }
}

/// Fails with [`Error::ShapeMismatch`] unless `a` is square; returns its order.
///
/// ```
/// use sci_core::{ndarray::Array2, validate::check_square};
/// assert_eq!(check_square("a", &Array2::<f64>::zeros((3, 3))).unwrap(), 3);
/// let err = check_square("a", &Array2::<f64>::zeros((2, 3))).unwrap_err();
/// assert_eq!(err.to_string(), "shape mismatch in `a`: expected a square matrix, got 2x3");
/// ```
pub fn check_square<S>(what: &str, a: &ArrayBase<S, Ix2>) -> Result<usize>
where
    S: Data,
{
    let (m, n) = a.dim();
    if m == n { Ok(n) } else { Err(Error::shape_mismatch(what, "a square matrix", format!("{m}x{n}"))) }
}

/// Fails with [`Error::ShapeMismatch`] unless two lengths agree.
///
/// ```
/// use sci_core::validate::check_same_len;
/// assert!(check_same_len("x", 3, "y", 3).is_ok());
/// let err = check_same_len("x", 3, "y", 4).unwrap_err();
/// assert_eq!(err.to_string(), "shape mismatch in `y`: expected length 3 (the length of `x`), got length 4");
/// ```
pub fn check_same_len(what_a: &str, len_a: usize, what_b: &str, len_b: usize) -> Result<()> {
    if len_a == len_b {
        Ok(())
    } else {
        Err(Error::shape_mismatch(
            what_b,
            format!("length {len_a} (the length of `{what_a}`)"),
            format!("length {len_b}"),
        ))
    }
}

/// Fails with [`Error::ShapeMismatch`] unless `shape` equals `expected`.
///
/// ```
/// use sci_core::validate::check_shape;
/// assert!(check_shape("zi", &[2, 3], &[2, 3]).is_ok());
/// assert_eq!(
///     check_shape("zi", &[4], &[3]).unwrap_err().to_string(),
///     "shape mismatch in `zi`: expected shape [3], got shape [4]"
/// );
/// ```
pub fn check_shape(what: &str, shape: &[usize], expected: &[usize]) -> Result<()> {
    if shape == expected {
        Ok(())
    } else {
        Err(Error::shape_mismatch(what, format!("shape {expected:?}"), format!("shape {shape:?}")))
    }
}

/// Resolves a NumPy-style axis (negative counts from the end) against `ndim`.
///
/// ```
/// use sci_core::validate::normalize_axis;
/// assert_eq!(normalize_axis(-1, 3).unwrap(), 2);
/// assert_eq!(normalize_axis(0, 3).unwrap(), 0);
/// assert!(normalize_axis(3, 3).is_err());
/// assert!(normalize_axis(-4, 3).is_err());
/// ```
pub fn normalize_axis(axis: isize, ndim: usize) -> Result<usize> {
    let n = ndim as isize;
    if (-n..n).contains(&axis) {
        Ok(if axis < 0 { (axis + n) as usize } else { axis as usize })
    } else {
        Err(Error::invalid_argument(
            "axis",
            format!("axis {axis} is out of bounds for an array of dimension {ndim}"),
        ))
    }
}

/// Fails with [`Error::InvalidArgument`] unless `value` is finite and strictly positive.
///
/// ```
/// use sci_core::validate::check_positive;
/// assert!(check_positive("scale", 2.0).is_ok());
/// assert_eq!(
///     check_positive("scale", 0.0).unwrap_err().to_string(),
///     "invalid argument `scale`: must be a finite number > 0, got 0"
/// );
/// ```
pub fn check_positive(name: &str, value: f64) -> Result<()> {
    if value.is_finite() && value > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid_argument(name, format!("must be a finite number > 0, got {value}")))
    }
}

/// Fails with [`Error::InvalidArgument`] unless `lo <= value <= hi`.
///
/// ```
/// use sci_core::validate::check_in_closed_range;
/// assert!(check_in_closed_range("p", 0.5, 0.0, 1.0).is_ok());
/// assert!(check_in_closed_range("p", f64::NAN, 0.0, 1.0).is_err());
/// assert_eq!(
///     check_in_closed_range("p", 1.5, 0.0, 1.0).unwrap_err().to_string(),
///     "invalid argument `p`: must lie in [0, 1], got 1.5"
/// );
/// ```
pub fn check_in_closed_range(name: &str, value: f64, lo: f64, hi: f64) -> Result<()> {
    if value >= lo && value <= hi {
        Ok(())
    } else {
        Err(Error::invalid_argument(name, format!("must lie in [{lo}, {hi}], got {value}")))
    }
}

trait IntoPatternVec {
    fn into_pattern_vec(self) -> Vec<usize>;
}

impl<P: ndarray::IntoDimension> IntoPatternVec for P {
    fn into_pattern_vec(self) -> Vec<usize> {
        self.into_dimension().as_array_view().to_vec()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ndarray::{Array3, array, s};
    use num_complex::Complex64;

    #[test]
    fn non_finite_index_is_logical_for_strided_views() {
        let mut a = Array3::<f64>::zeros((2, 3, 4));
        a[[1, 2, 3]] = f64::INFINITY;
        let flipped = a.slice(s![..;-1, .., ..]);
        match check_finite("a", &flipped) {
            Err(Error::NonFinite { index: Some(ix), .. }) => assert_eq!(ix, vec![0, 2, 3]),
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn complex_nan_in_imaginary_part_is_caught() {
        let a = array![Complex64::new(1.0, 0.0), Complex64::new(0.0, f64::NAN)];
        assert!(matches!(check_finite("z", &a), Err(Error::NonFinite { .. })));
    }

    #[test]
    fn zero_dimensional_and_empty_arrays() {
        let empty = ndarray::Array2::<f64>::zeros((0, 3));
        assert!(check_finite("a", &empty).is_ok());
        assert!(check_non_empty("a", &empty).is_err());
        assert_eq!(check_square("a", &ndarray::Array2::<f64>::zeros((0, 0))).unwrap(), 0);
    }
}
