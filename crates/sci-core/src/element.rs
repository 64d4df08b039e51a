//! Element traits: write numeric code once for `f32`, `f64`, `Complex32` and `Complex64`.
//!
//! - [`Scalar`] is implemented by the four element types SciPy's LAPACK-backed routines
//!   accept (`float32`, `float64`, `complex64`, `complex128`). It bridges to faer's
//!   [`ComplexField`](faer::traits::ComplexField), so a `T: Scalar` can be handed to any faer
//!   decomposition, and to ndarray's [`LinalgScalar`](ndarray::LinalgScalar), so it works with
//!   ndarray arithmetic.
//! - [`Real`] is the real subset (`f32`, `f64`). It adds [`num_traits::Float`], so generic
//!   code can call `sqrt`, `exp`, `ln`, `epsilon` and friends, and faer's
//!   [`RealField`](faer::traits::RealField).
//!
//! The traits are sealed: sci's algorithms are validated for exactly these four types.

use std::fmt::{Debug, Display, LowerExp};

use std::iter::Sum;

use num_complex::{Complex, Complex32, Complex64};

mod sealed {
    pub trait Sealed {}
    impl Sealed for f32 {}
    impl Sealed for f64 {}
    impl Sealed for num_complex::Complex32 {}
    impl Sealed for num_complex::Complex64 {}
}

/// An element type sci's dense algorithms accept: `f32`, `f64`, `Complex32`, `Complex64`.
///
/// The real type underneath is faer's associated type `T::Real` (`f64` for both `f64` and
/// `Complex64`), bounded by [`Real`]. To call [`num_traits::Float`] methods such as `sqrt`
/// on a `T::Real` in generic code, bring `Float` into scope (`use sci_core::Float;`).
///
/// ```
/// use sci_core::{Scalar, num_complex::Complex64};
/// fn squared_norm<T: Scalar>(xs: &[T]) -> T::Real {
///     xs.iter().map(|x| { let m = x.modulus(); m * m }).sum()
/// }
/// assert_eq!(squared_norm(&[3.0_f64, 4.0]), 25.0);
/// assert_eq!(squared_norm(&[Complex64::new(3.0, 4.0)]), 25.0);
/// ```
pub trait Scalar:
    sealed::Sealed
    + faer::traits::ComplexField<Real: Real>
    + Copy
    + ndarray::LinalgScalar
    + ndarray::ScalarOperand
    + Sum
    + Debug
    + Display
    + Send
    + Sync
    + 'static
{
    /// Whether the type is complex.
    const IS_COMPLEX: bool;

    /// NumPy's name for the dtype (`"float64"`, `"complex64"`, ...), used in messages.
    const DTYPE_NAME: &'static str;

    /// The real part.
    fn re(self) -> Self::Real;
    /// The imaginary part (zero for real types).
    fn im(self) -> Self::Real;
    /// The complex conjugate (the value itself for real types).
    fn conj(self) -> Self;
    /// The modulus `|z|`, computed without undue overflow (`hypot` for complex values).
    fn modulus(self) -> Self::Real;
    /// Whether both real and imaginary parts are finite.
    fn is_finite_scalar(self) -> bool;
    /// Embeds a real number.
    fn from_real(re: Self::Real) -> Self;
    /// Converts an `f64` constant, rounding to the nearest representable value for `f32`.
    fn from_f64(x: f64) -> Self;
    /// The value as a complex number (imaginary part zero for real types).
    ///
    /// ```
    /// use sci_core::Scalar;
    /// use sci_core::num_complex::Complex64;
    /// assert_eq!(2.0_f64.to_complex(), Complex64::new(2.0, 0.0));
    /// ```
    fn to_complex(self) -> Complex<Self::Real> {
        Complex::new(self.re(), self.im())
    }
    /// The complex number `z` in this type; real types keep only the real part, so callers
    /// use it where the imaginary part is known to vanish (a real matrix function, say).
    ///
    /// ```
    /// use sci_core::Scalar;
    /// use sci_core::num_complex::Complex32;
    /// assert_eq!(<f64 as Scalar>::from_complex(sci_core::num_complex::Complex64::new(1.5, 0.0)), 1.5);
    /// assert_eq!(Complex32::from_complex(Complex32::new(1.0, -2.0)), Complex32::new(1.0, -2.0));
    /// ```
    fn from_complex(z: Complex<Self::Real>) -> Self;
}

/// A real element type: `f32` or `f64`. Every `Real` is also a [`Scalar`].
///
/// ```
/// use sci_core::Real;
/// fn relative_error<T: Real>(got: T, want: T) -> T {
///     ((got - want) / want).abs()
/// }
/// assert!(relative_error(1.0_f32 + f32::EPSILON, 1.0) <= f32::EPSILON);
/// assert_eq!(<f64 as Real>::epsilon_scaled(2.0), 2.0 * f64::EPSILON);
/// ```
pub trait Real:
    sealed::Sealed
    + faer::traits::RealField
    + num_traits::Float
    + Copy
    + ndarray::LinalgScalar
    + ndarray::ScalarOperand
    + Sum
    + PartialOrd
    + Debug
    + Display
    + LowerExp
    + Default
    + Send
    + Sync
    + 'static
{
    /// `factor` times machine epsilon, the usual way to express a tolerance for this type.
    fn epsilon_scaled(factor: f64) -> Self {
        Self::from_f64_impl(factor) * <Self as num_traits::Float>::epsilon()
    }

    /// The value as an `f64` (exact for both `f32` and `f64`).
    ///
    /// ```
    /// use sci_core::Real;
    /// assert_eq!(0.5_f32.as_f64(), 0.5);
    /// ```
    fn as_f64(self) -> f64;
}

impl Real for f32 {
    #[inline]
    fn as_f64(self) -> f64 {
        f64::from(self)
    }
}

impl Real for f64 {
    #[inline]
    fn as_f64(self) -> f64 {
        self
    }
}

impl<R: Real> Scalar for R {
    const IS_COMPLEX: bool = false;
    const DTYPE_NAME: &'static str = if R::IS_NATIVE_F32 { "float32" } else { "float64" };
    #[inline]
    fn re(self) -> R {
        self
    }
    #[inline]
    fn im(self) -> R {
        R::zero()
    }
    #[inline]
    fn conj(self) -> R {
        self
    }
    #[inline]
    fn modulus(self) -> R {
        num_traits::Float::abs(self)
    }
    #[inline]
    fn is_finite_scalar(self) -> bool {
        num_traits::Float::is_finite(self)
    }
    #[inline]
    fn from_real(re: R) -> R {
        re
    }
    #[inline]
    fn from_f64(x: f64) -> R {
        R::from_f64_impl(x)
    }
    #[inline]
    fn from_complex(z: Complex<R>) -> R {
        z.re
    }
}

macro_rules! impl_complex {
    ($t:ty, $r:ty, $name:literal) => {
        impl Scalar for $t {
            const IS_COMPLEX: bool = true;
            const DTYPE_NAME: &'static str = $name;
            #[inline]
            fn re(self) -> $r {
                self.re
            }
            #[inline]
            fn im(self) -> $r {
                self.im
            }
            #[inline]
            fn conj(self) -> $t {
                Complex::new(self.re, -self.im)
            }
            #[inline]
            fn modulus(self) -> $r {
                self.re.hypot(self.im)
            }
            #[inline]
            fn is_finite_scalar(self) -> bool {
                self.re.is_finite() && self.im.is_finite()
            }
            #[inline]
            fn from_real(re: $r) -> $t {
                Complex::new(re, 0.0)
            }
            #[inline]
            fn from_f64(x: f64) -> $t {
                Complex::new(x as $r, 0.0)
            }
            #[inline]
            fn from_complex(z: $t) -> $t {
                z
            }
        }
    };
}

impl_complex!(Complex32, f32, "complex64");
impl_complex!(Complex64, f64, "complex128");

#[cfg(test)]
mod tests {
    use super::*;

    fn generic_dot<T: Scalar>(a: &[T], b: &[T]) -> T {
        a.iter().zip(b).map(|(&x, &y)| x.conj() * y).sum()
    }

    #[test]
    fn conjugated_dot_product_works_for_all_four_types() {
        assert_eq!(generic_dot(&[1.0_f32, 2.0], &[3.0, 4.0]), 11.0);
        assert_eq!(generic_dot(&[1.0_f64, 2.0], &[3.0, 4.0]), 11.0);
        let z = Complex64::new(1.0, 2.0);
        assert_eq!(generic_dot(&[z], &[z]), Complex64::new(5.0, 0.0));
        let w = Complex32::new(0.0, 1.0);
        assert_eq!(generic_dot(&[w], &[w]), Complex32::new(1.0, 0.0));
    }

    #[test]
    fn modulus_does_not_overflow_for_large_complex_values() {
        let z = Complex64::new(1e200, 1e200);
        assert!(z.modulus().is_finite());
        assert!((z.modulus() / (1e200 * 2f64.sqrt()) - 1.0).abs() < 1e-15);
    }

    #[test]
    fn finiteness_checks_both_parts() {
        assert!(!Complex64::new(1.0, f64::NAN).is_finite_scalar());
        assert!(!Complex32::new(f32::INFINITY, 0.0).is_finite_scalar());
        assert!(Complex64::new(1.0, -2.0).is_finite_scalar());
        assert!(!f64::NEG_INFINITY.is_finite_scalar());
    }

    #[test]
    fn dtype_names_follow_numpy() {
        assert_eq!(<f32 as Scalar>::DTYPE_NAME, "float32");
        assert_eq!(<f64 as Scalar>::DTYPE_NAME, "float64");
        assert_eq!(<Complex32 as Scalar>::DTYPE_NAME, "complex64");
        assert_eq!(<Complex64 as Scalar>::DTYPE_NAME, "complex128");
    }

    #[test]
    fn from_f64_rounds_for_f32() {
        assert_eq!(<f32 as Scalar>::from_f64(0.1), 0.1_f32);
        assert_eq!(<Complex64 as Scalar>::from_f64(2.5), Complex64::new(2.5, 0.0));
    }
}
