//! Downsampling after an anti-aliasing filter: SciPy's `decimate`.

use sci_core::ndarray::{Array, ArrayBase, Axis, Data, Dimension, Slice};
use sci_core::{Error, Real, Result, Scalar, validate};

use crate::design::{IirOptions, IirType, iirfilter_sos};
use crate::filter::{FilterOptions, FiltfiltOptions, sosfilt_with, sosfiltfilt_with};
use crate::fir_design::firwin;
use crate::resample::{PolyWindow, ResamplePad, ResamplePolyOptions, resample_poly_with};
use crate::upfirdn::upfirdn;

/// The anti-aliasing filter of [`decimate_with`] (SciPy's `ftype`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DecimateType {
    /// Chebyshev type I, 0.05 dB ripple, cutoff `0.8/q` of Nyquist, as second-order
    /// sections (`'iir'`, default; order 8 by default).
    #[default]
    Iir,
    /// Hamming-window FIR with cutoff `1/q` (`'fir'`; order `20·q` by default).
    Fir,
}

/// Options of [`decimate_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecimateOptions {
    /// Filter order (default 8 for IIR, `20·q` for FIR).
    pub n: Option<usize>,
    /// Filter family (default IIR).
    pub ftype: DecimateType,
    /// Axis to decimate (default −1).
    pub axis: isize,
    /// Filter forwards and backwards so there is no phase shift (default `true`).
    pub zero_phase: bool,
}

impl Default for DecimateOptions {
    fn default() -> Self {
        DecimateOptions { n: None, ftype: DecimateType::Iir, axis: -1, zero_phase: true }
    }
}

/// Keeps every `q`-th sample after an order-8 Chebyshev I low-pass applied forwards and
/// backwards, SciPy's `decimate(x, q)`.
///
/// # Errors
/// As [`decimate_with`].
///
/// ```
/// use sci_signal::decimate;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(1000, |i| (2.0 * std::f64::consts::PI * 5.0 * i as f64 / 1000.0).sin());
/// let y = decimate(&x, 10)?;
/// assert_eq!(y.len(), 100);
/// // The 5 Hz tone survives at the new rate (100 Hz): sample 5 is a quarter period in.
/// assert!((y[5] - 1.0).abs() < 1e-2);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn decimate<T, S, D>(x: &ArrayBase<S, D>, q: usize) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    decimate_with(x, q, &DecimateOptions::default())
}

/// Downsampling by `q` after an anti-aliasing filter, SciPy's `decimate(x, q, n, ftype,
/// axis, zero_phase)`: the IIR path filters (with `sosfiltfilt` or `sosfilt`) then keeps
/// every `q`-th sample; the FIR path uses `resample_poly` (zero phase) or `upfirdn`, which
/// compute only the kept samples. Output length `⌈len/q⌉`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `q = 0`, `n = 0`, or an axis out of range; the filter
/// functions' errors (a signal too short for `sosfiltfilt`'s padding, for instance).
///
/// ```
/// use sci_signal::{decimate_with, DecimateOptions, DecimateType};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(300, |i| (0.01 * i as f64).cos());
/// let o = DecimateOptions { ftype: DecimateType::Fir, ..Default::default() };
/// assert_eq!(decimate_with(&x, 3, &o)?.len(), 100);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn decimate_with<T, S, D>(x: &ArrayBase<S, D>, q: usize, options: &DecimateOptions) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    if q == 0 {
        return Err(Error::invalid_argument("q", "must be a positive integer"));
    }
    if options.n == Some(0) {
        return Err(Error::invalid_argument("n", "must be a positive integer"));
    }
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let len = x.len_of(Axis(ax));
    match options.ftype {
        DecimateType::Fir => {
            let n = options.n.unwrap_or(20 * q);
            let b = firwin(n + 1, &[1.0 / q as f64])?;
            if options.zero_phase {
                let o = ResamplePolyOptions {
                    axis: options.axis,
                    window: PolyWindow::Taps(b),
                    padtype: ResamplePad::Zeros,
                };
                resample_poly_with(x, 1, q, &o)
            } else {
                let taps = b.mapv(T::from_f64);
                let y = upfirdn(&taps, x, 1, q, options.axis)?;
                Ok(y.slice_axis(Axis(ax), Slice::from(0..len.div_ceil(q))).to_owned())
            }
        }
        DecimateType::Iir => {
            let n = options.n.unwrap_or(8);
            let design = IirOptions { ftype: IirType::Cheby1 { rp: 0.05 }, ..Default::default() };
            let sos = iirfilter_sos(n, &[0.8 / q as f64], &design)?.mapv(T::from_f64);
            let y = if options.zero_phase {
                sosfiltfilt_with(&sos, x, &FiltfiltOptions { axis: options.axis, ..Default::default() })?
            } else {
                sosfilt_with(&sos, x, &FilterOptions { axis: options.axis })?
            };
            Ok(y.slice_axis(Axis(ax), Slice::new(0, None, q as isize)).to_owned())
        }
    }
}
