//! numpy-style closeness assertions with useful failure messages.

use sci_core::ndarray::{ArrayBase, Data, Dimension, IntoDimension};
use sci_core::{Real, Scalar};

/// Relative and absolute tolerance, combined as numpy does: `atol + rtol * |expected|`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tol {
    /// Relative tolerance.
    pub rtol: f64,
    /// Absolute tolerance.
    pub atol: f64,
}

impl Tol {
    /// Explicit tolerances.
    ///
    /// ```
    /// let t = sci_testing::Tol::new(1e-10, 0.0);
    /// assert_eq!(t.rtol, 1e-10);
    /// ```
    pub const fn new(rtol: f64, atol: f64) -> Tol {
        Tol { rtol, atol }
    }

    /// `factor` ulps of `T`'s epsilon, relative, and the same absolute tolerance scaled by
    /// `scale` (the size of the data, e.g. a matrix norm), so one rule serves f32 and f64.
    ///
    /// ```
    /// let t = sci_testing::Tol::eps::<f32>(100.0, 1.0);
    /// assert!((t.rtol - 100.0 * f32::EPSILON as f64).abs() < 1e-12);
    /// ```
    pub fn eps<T: Real>(factor: f64, scale: f64) -> Tol {
        let eps = num_to_f64(<T as Real>::epsilon_scaled(1.0));
        Tol { rtol: factor * eps, atol: factor * eps * scale }
    }
}

/// `Real` is only `f32` or `f64`, both of which convert to `f64` exactly.
fn num_to_f64<R: Real>(x: R) -> f64 {
    x.as_f64()
}

fn within<T: Scalar>(actual: T, expected: T, tol: Tol) -> (bool, f64) {
    let (ar, ai) = (num_to_f64(actual.re()), num_to_f64(actual.im()));
    let (er, ei) = (num_to_f64(expected.re()), num_to_f64(expected.im()));
    let nan_a = ar.is_nan() || ai.is_nan();
    let nan_e = er.is_nan() || ei.is_nan();
    if nan_a || nan_e {
        return (nan_a && nan_e, if nan_a && nan_e { 0.0 } else { f64::INFINITY });
    }
    if !(er.is_finite() && ei.is_finite() && ar.is_finite() && ai.is_finite()) {
        let same = ar == er && ai == ei;
        return (same, if same { 0.0 } else { f64::INFINITY });
    }
    let diff = (ar - er).hypot(ai - ei);
    let mag = er.hypot(ei);
    (diff <= tol.atol + tol.rtol * mag, diff)
}

/// Asserts numpy's `allclose` rule elementwise and that the shapes agree.
///
/// On failure, panics with `context`, the number of mismatching elements, and the worst
/// one: its index, both values, the absolute and relative error and the allowance.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_testing::{assert_close, Tol};
/// assert_close(&array![1.0, f64::NAN], &array![1.0 + 1e-12, f64::NAN], Tol::new(1e-10, 0.0), "demo");
/// ```
///
/// ```should_panic
/// use sci_core::ndarray::array;
/// use sci_testing::{assert_close, Tol};
/// assert_close(&array![1.0, 2.0], &array![1.0, 2.1], Tol::new(1e-10, 0.0), "demo");
/// ```
#[track_caller]
pub fn assert_close<T, S1, S2, D>(
    actual: &ArrayBase<S1, D>,
    expected: &ArrayBase<S2, D>,
    tol: Tol,
    context: &str,
) where
    T: Scalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    assert_eq!(
        actual.shape(),
        expected.shape(),
        "{context}: shape {:?} differs from the expected {:?}",
        actual.shape(),
        expected.shape()
    );
    let mut failures = 0usize;
    let mut worst: Option<(Vec<usize>, T, T, f64)> = None;
    for ((ix, &a), &e) in actual.indexed_iter().zip(expected.iter()) {
        let (ok, diff) = within(a, e, tol);
        if !ok {
            failures += 1;
            let allowance = tol.atol + tol.rtol * num_to_f64(e.modulus());
            let excess = if allowance > 0.0 { diff / allowance } else { diff };
            if worst.as_ref().is_none_or(|w| excess > w.3) {
                worst = Some((ix.into_dimension().as_array_view().to_vec(), a, e, excess));
            }
        }
    }
    if let Some((ix, a, e, _)) = worst {
        let (_, diff) = within(a, e, Tol::new(0.0, 0.0));
        let mag = num_to_f64(e.modulus());
        panic!(
            "{context}: {failures} of {} elements differ beyond rtol={:e}, atol={:e}\n  worst at {ix:?}: actual {a:?}, expected {e:?}\n  abs err {diff:e}, rel err {:e}, allowed {:e}",
            actual.len(),
            tol.rtol,
            tol.atol,
            if mag > 0.0 { diff / mag } else { f64::INFINITY },
            tol.atol + tol.rtol * mag,
        );
    }
}

/// Asserts numpy's `isclose` rule for one value.
///
/// ```
/// sci_testing::assert_scalar_close(0.1 + 0.2, 0.3, sci_testing::Tol::new(1e-15, 0.0), "sum");
/// ```
#[track_caller]
pub fn assert_scalar_close<T: Scalar>(actual: T, expected: T, tol: Tol, context: &str) {
    let (ok, diff) = within(actual, expected, tol);
    if !ok {
        let mag = num_to_f64(expected.modulus());
        panic!(
            "{context}: actual {actual:?}, expected {expected:?}; abs err {diff:e}, rel err {:e}, allowed {:e} (rtol={:e}, atol={:e})",
            if mag > 0.0 { diff / mag } else { f64::INFINITY },
            tol.atol + tol.rtol * mag,
            tol.rtol,
            tol.atol
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::array;
    use sci_core::num_complex::Complex64;

    #[test]
    fn infinities_match_only_themselves() {
        assert!(within(f64::INFINITY, f64::INFINITY, Tol::new(0.0, 0.0)).0);
        assert!(!within(f64::INFINITY, f64::NEG_INFINITY, Tol::new(1.0, 1.0)).0);
        assert!(!within(1e308, f64::INFINITY, Tol::new(1.0, 1.0)).0);
    }

    #[test]
    fn complex_distance_is_a_modulus() {
        let a = Complex64::new(1.0, 1e-11);
        assert!(within(a, Complex64::new(1.0, 0.0), Tol::new(1e-10, 0.0)).0);
        assert!(!within(a, Complex64::new(1.0, 0.0), Tol::new(1e-12, 0.0)).0);
    }

    #[test]
    #[should_panic(expected = "1 of 3 elements differ")]
    fn reports_count_of_failures() {
        assert_close(&array![1.0, 2.0, 3.0], &array![1.0, 2.5, 3.0], Tol::new(1e-3, 0.0), "t");
    }

    #[test]
    #[should_panic(expected = "shape")]
    fn shape_mismatch_fails() {
        assert_close(&array![1.0, 2.0], &array![1.0, 2.0, 3.0], Tol::new(1.0, 1.0), "t");
    }
}
