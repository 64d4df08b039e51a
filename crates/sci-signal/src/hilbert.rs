//! The analytic signal by the FFT method (SciPy's `hilbert`; Marple 1999).

use sci_core::ndarray::{Array, ArrayBase, Axis, Data, Dimension};
use sci_core::num_complex::Complex;
use sci_core::{Error, Result, Scalar, validate};

use crate::fft::{FftElem, FftOptions, FftReal, fft_with, ifft_with};

/// Analytic signal `x + i·H(x)` of a real signal along `axis`, SciPy's
/// `hilbert(x, N, axis)`: the FFT of `x` (zero-padded or truncated to `n`) has its negative
/// frequencies zeroed and its positive ones doubled, then is inverted. The Hilbert
/// transform `H(x)` is the imaginary part; `|result|` is the envelope.
///
/// Cost: two FFTs of length `n` per lane, `O(n log n)`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `n = Some(0)` or an axis out of range;
/// [`Error::Empty`] for an empty axis without `n`.
///
/// ```
/// use sci_signal::hilbert;
/// use sci_core::ndarray::Array1;
/// let t = Array1::from_shape_fn(64, |i| (2.0 * std::f64::consts::PI * 4.0 * i as f64 / 64.0).cos());
/// let z = hilbert(&t, None, -1)?;
/// // cos → sin in the imaginary part, unit envelope.
/// assert!(z.iter().all(|v| (v.norm() - 1.0).abs() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn hilbert<T, S, D>(x: &ArrayBase<S, D>, n: Option<usize>, axis: isize) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    Complex<T>: FftElem<Real = T>,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ax = validate::normalize_axis(axis, x.ndim())?;
    let len = n.unwrap_or_else(|| x.len_of(Axis(ax)));
    if n == Some(0) {
        return Err(Error::invalid_argument("n", "must be positive"));
    }
    if len == 0 {
        return Err(Error::empty("x"));
    }
    let options = FftOptions { n: Some(len), axis, ..Default::default() };
    let mut spectrum = fft_with(x, &options)?;
    let two = <T as Scalar>::from_f64(2.0);
    let zero = <T as Scalar>::from_f64(0.0);
    // Keep DC (and Nyquist for even n), double the positive and zero the negative
    // frequencies: bins 1..=(n−1)/2 are positive, bins above n/2 negative.
    let positive = 1..len.div_ceil(2);
    let negative = len / 2 + 1..len;
    for mut lane in spectrum.lanes_mut(Axis(ax)) {
        for k in positive.clone() {
            lane[k] *= two;
        }
        for k in negative.clone() {
            lane[k] = Complex::new(zero, zero);
        }
    }
    ifft_with(&spectrum, &FftOptions { axis, ..Default::default() })
}
