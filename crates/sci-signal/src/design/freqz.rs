//! Frequency responses of digital filters: `freqz`, `sosfreqz`.

use std::f64::consts::PI;

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1, Ix2};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::convert::check_sos;

/// Keyword arguments of [`freqz`] and [`sosfreqz`].
///
/// ```
/// use sci_signal::FreqzOptions;
/// let o = FreqzOptions::default();
/// assert_eq!((o.wor_n, o.whole), (512, false));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FreqzOptions {
    /// Number of frequencies (SciPy's integer `worN`); default 512.
    pub wor_n: usize,
    /// Span the whole circle `[0, fs)` instead of `[0, fs/2)`.
    pub whole: bool,
    /// Sampling frequency for the returned `w`; default `2π` (rad/sample).
    pub fs: f64,
    /// Include the Nyquist frequency as the last point (when not `whole`).
    pub include_nyquist: bool,
}

impl Default for FreqzOptions {
    fn default() -> Self {
        FreqzOptions { wor_n: 512, whole: false, fs: 2.0 * PI, include_nyquist: false }
    }
}

/// A frequency response: frequencies and complex response values.
#[derive(Debug, Clone, PartialEq)]
pub struct FreqResponse {
    /// Frequencies, in the units of `fs` (rad/sample by default).
    pub w: Array1<f64>,
    /// The response `H(e^{jω})` at each frequency.
    pub h: Array1<Complex64>,
}

fn freq_grid(opts: &FreqzOptions) -> Result<Array1<f64>> {
    if opts.wor_n == 0 {
        return Err(Error::invalid_argument("worN", "must be at least 1"));
    }
    sci_core::validate::check_positive("fs", opts.fs)?;
    let n = opts.wor_n;
    let last = if opts.whole { 2.0 * PI } else { PI };
    let endpoint = opts.include_nyquist && !opts.whole;
    let step = if endpoint && n > 1 { last / (n - 1) as f64 } else { last / n as f64 };
    Ok(Array1::from_shape_fn(n, |i| if endpoint && i == n - 1 && n > 1 { last } else { i as f64 * step }))
}

fn polyval_neg(c: &[f64], zinv: Complex64) -> Complex64 {
    // Σ c[k] z^{-k} by Horner in z^{-1}
    c.iter().rev().fold(Complex64::new(0.0, 0.0), |acc, &v| acc * zinv + v)
}

/// Frequency response of a digital filter (`scipy.signal.freqz(b, a, worN)`):
/// `H(e^{jω}) = Σ b[k] e^{-jωk} / Σ a[k] e^{-jωk}` at `worN` frequencies in `[0, π)`.
///
/// Horner evaluation, `O(worN · (len(b) + len(a)))`.
///
/// ```
/// use sci_signal::{freqz, FreqzOptions};
/// use sci_core::ndarray::array;
/// let r = freqz(&array![0.5, 0.5], &array![1.0], &FreqzOptions { wor_n: 4, ..Default::default() })?;
/// assert!((r.h[0].re - 1.0).abs() < 1e-15); // DC gain of a moving average
/// assert!((r.w[2] - std::f64::consts::FRAC_PI_2).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for empty coefficients, [`Error::InvalidArgument`] for `worN == 0` or an
/// invalid `fs`.
///
/// # Differences from SciPy
/// `worN` is a number of points only (no explicit frequency array).
pub fn freqz<S1, S2>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    opts: &FreqzOptions,
) -> Result<FreqResponse>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    if b.is_empty() {
        return Err(Error::empty("b"));
    }
    if a.is_empty() {
        return Err(Error::empty("a"));
    }
    let w = freq_grid(opts)?;
    let (bv, av) = (b.to_vec(), a.to_vec());
    let h = w.mapv(|om| {
        let zinv = Complex64::from_polar(1.0, -om);
        polyval_neg(&bv, zinv) / polyval_neg(&av, zinv)
    });
    Ok(FreqResponse { w: w * (opts.fs / (2.0 * PI)), h })
}

/// Frequency response of second-order sections (`scipy.signal.sosfreqz(sos, worN)`): the
/// product of the sections' responses.
///
/// ```
/// use sci_signal::{butter_sos, sosfreqz, FreqzOptions, IirOptions};
/// let sos = butter_sos(4, &[0.5], &IirOptions::default())?;
/// let r = sosfreqz(&sos, &FreqzOptions::default())?;
/// assert!((r.h[0].norm() - 1.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`freqz`] and [`sos2tf`](crate::sos2tf).
///
/// # Differences from SciPy
/// `include_nyquist` is honoured here too (SciPy's `freqz_sos` has no such argument).
pub fn sosfreqz<S>(sos: &ArrayBase<S, Ix2>, opts: &FreqzOptions) -> Result<FreqResponse>
where
    S: Data<Elem = f64>,
{
    check_sos(sos)?;
    let w = freq_grid(opts)?;
    let h = w.mapv(|om| {
        let zinv = Complex64::from_polar(1.0, -om);
        sos.outer_iter().fold(Complex64::new(1.0, 0.0), |acc, r| {
            acc * polyval_neg(&[r[0], r[1], r[2]], zinv) / polyval_neg(&[r[3], r[4], r[5]], zinv)
        })
    });
    Ok(FreqResponse { w: w * (opts.fs / (2.0 * PI)), h })
}
