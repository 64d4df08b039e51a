//! Changing the sample rate: SciPy's Fourier-method `resample` and polyphase
//! `resample_poly`.

use sci_core::ndarray::{Array, Array1, ArrayBase, Axis, Data, Dimension, Slice};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Real, Result, Scalar, validate};

use crate::fft::{FftOptions, fft_with, fftshift, ifft_with, irfft_with, rfft_with};
use crate::fir_design::{FirwinOptions, firwin_with};
use crate::upfirdn::upfirdn;
use crate::windows::{Window, get_window};

/// A spectral window for [`resample_with`]: a named window (evaluated periodically at the
/// input length and centred on DC, as SciPy does) or weights in FFT order.
#[derive(Debug, Clone, PartialEq)]
pub enum ResampleWindow {
    /// A window from [`crate::windows`].
    Named(Window),
    /// One weight per frequency bin, in `fftfreq` order.
    Weights(Array1<f64>),
}

/// Options of [`resample_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResampleOptions {
    /// Axis to resample (default 0, as in SciPy).
    pub axis: isize,
    /// Spectral window (default none).
    pub window: Option<ResampleWindow>,
}

/// Resamples `x` to `num` samples along axis 0 with the Fourier method, SciPy's
/// `resample(x, num)`.
///
/// # Errors
/// As [`resample_with`].
///
/// ```
/// use sci_signal::resample;
/// use sci_core::ndarray::Array1;
/// // A band-limited periodic signal is reproduced exactly at the new rate.
/// let x = Array1::from_shape_fn(16, |i| (2.0 * std::f64::consts::PI * i as f64 / 16.0).cos());
/// let y = resample(&x, 32)?;
/// assert!((y[2] - (2.0 * std::f64::consts::PI * 2.0 / 32.0).cos()).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn resample<T, S, D>(x: &ArrayBase<S, D>, num: usize) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    resample_with(x, num, &ResampleOptions::default())
}

/// Fourier-method resampling, SciPy's `resample(x, num, axis=axis, window=window)`: the
/// spectrum (optionally windowed) is truncated or zero-padded to `num` bins — an unpaired
/// Nyquist bin is split or merged as SciPy does — and inverted with scaling
/// `num / len`. The signal is assumed periodic. `O(n log n + num log num)` per lane.
///
/// The result is computed in `f64` and returned in the input's precision. New sample
/// times are `t₀ + k · (len/num) · Δt`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `num = 0`, an axis out of range, or window weights of
/// another length than the axis; [`Error::Empty`] for an empty axis.
///
/// ```
/// use sci_signal::{resample_with, ResampleOptions, ResampleWindow};
/// use sci_signal::windows::Window;
/// use sci_core::ndarray::array;
/// let x = array![[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]];
/// let o = ResampleOptions { axis: 0, window: Some(ResampleWindow::Named(Window::Hann)) };
/// assert_eq!(resample_with(&x, 2, &o)?.dim(), (2, 2));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn resample_with<T, S, D>(
    x: &ArrayBase<S, D>,
    num: usize,
    options: &ResampleOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    if num == 0 {
        return Err(Error::invalid_argument("num", "must be positive"));
    }
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    if n == 0 {
        return Err(Error::empty("x"));
    }
    let weights = spectral_weights(options.window.as_ref(), n)?;
    let s_fac = n as f64 / num as f64;
    let m = num.min(n);
    let m2 = m / 2 + 1;
    let mut shape = x.raw_dim();
    shape[ax] = num;
    let mut out = Array::<T, D>::zeros(shape);
    for (src, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        let lane: Array1<f64> = src.iter().map(|v| v.as_f64()).collect();
        let mut spectrum: Array1<Complex64> =
            rfft_with(&lane, &FftOptions { axis: 0, ..Default::default() })?;
        let nx = spectrum.len();
        if let Some(w) = &weights {
            // Fold the window onto the one-sided spectrum: W₁[l] = (W[l] + W[−l]) / 2.
            for l in 0..nx {
                let wl = if l == 0 { w[0] } else { 0.5 * (w[l] + w[n - l]) };
                spectrum[l] *= wl;
            }
        }
        let mut kept: Array1<Complex64> = spectrum.slice_axis(Axis(0), Slice::from(0..m2.min(nx))).to_owned();
        if m.is_multiple_of(2) && num != n {
            kept[m / 2] *= if num < n { 2.0 } else { 0.5 };
        }
        kept.mapv_inplace(|v| v / s_fac);
        let y: Array1<f64> = irfft_with(&kept, &FftOptions { n: Some(num), axis: 0, ..Default::default() })?;
        for (d, v) in dst.iter_mut().zip(y.iter()) {
            *d = T::from_f64(*v);
        }
    }
    Ok(out)
}

/// Fourier-method resampling of complex data (SciPy's two-sided path).
///
/// # Errors
/// As [`resample_with`].
///
/// ```
/// use sci_signal::{resample_complex_with, ResampleOptions};
/// use sci_core::ndarray::Array1;
/// use sci_core::num_complex::Complex64;
/// let x = Array1::from_shape_fn(8, |k| Complex64::from_polar(1.0, 2.0 * std::f64::consts::PI * k as f64 / 8.0));
/// let y = resample_complex_with(&x, 16, &ResampleOptions::default())?;
/// assert!((y[1] - Complex64::from_polar(1.0, 2.0 * std::f64::consts::PI / 16.0)).norm() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn resample_complex_with<T, S, D>(
    x: &ArrayBase<S, D>,
    num: usize,
    options: &ResampleOptions,
) -> Result<Array<Complex64, D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    if num == 0 {
        return Err(Error::invalid_argument("num", "must be positive"));
    }
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    if n == 0 {
        return Err(Error::empty("x"));
    }
    let weights = spectral_weights(options.window.as_ref(), n)?;
    let s_fac = n as f64 / num as f64;
    let m = num.min(n);
    let m2 = m / 2 + 1;
    let mut shape = x.raw_dim();
    shape[ax] = num;
    let mut out = Array::<Complex64, D>::zeros(shape);
    for (src, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        let lane: Array1<Complex64> =
            src.iter().map(|v| Complex64::new(v.re().as_f64(), v.im().as_f64())).collect();
        let mut spectrum = fft_with(&lane, &FftOptions { axis: 0, ..Default::default() })?;
        if let Some(w) = &weights {
            spectrum.iter_mut().zip(w).for_each(|(s, w)| *s *= *w);
        }
        let mut y = Array1::<Complex64>::zeros(num);
        for k in 0..m2 {
            y[k] = spectrum[k];
        }
        if m2 < m {
            for k in 0..m - m2 {
                y[num - (m - m2) + k] = spectrum[n - (m - m2) + k];
            }
        }
        if m.is_multiple_of(2) {
            if num < n {
                y[num - m / 2] += spectrum[n - m / 2];
            } else if n < num {
                y[m / 2] /= 2.0;
                y[num - m / 2] = y[m / 2];
            }
        }
        y.mapv_inplace(|v| v / s_fac);
        let r = ifft_with(&y, &FftOptions { axis: 0, ..Default::default() })?;
        dst.assign(&r);
    }
    Ok(out)
}

/// The window as one weight per frequency bin in FFT order (SciPy's `fftshift(get_window(...))`).
fn spectral_weights(window: Option<&ResampleWindow>, n: usize) -> Result<Option<Vec<f64>>> {
    match window {
        None => Ok(None),
        Some(ResampleWindow::Named(w)) => Ok(Some(fftshift(&get_window(w, n, true)?).to_vec())),
        Some(ResampleWindow::Weights(w)) if w.len() == n => Ok(Some(w.to_vec())),
        Some(ResampleWindow::Weights(w)) => {
            Err(Error::invalid_argument("window", format!("has {} weights for {n} frequency bins", w.len())))
        }
    }
}

/// What [`resample_poly_with`] subtracts before filtering and adds back after (SciPy's
/// `padtype` for the statistics it offers; zero padding is `Constant(0.0)`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum ResamplePad {
    /// Pad with zeros (default; SciPy's `'constant'` with `cval=None`).
    #[default]
    Zeros,
    /// Pad with the mean of each lane (`'mean'`).
    Mean,
    /// Pad with the median (`'median'`).
    Median,
    /// Pad with the minimum (`'minimum'`).
    Minimum,
    /// Pad with the maximum (`'maximum'`).
    Maximum,
}

/// The anti-aliasing filter of [`resample_poly_with`].
#[derive(Debug, Clone, PartialEq)]
pub enum PolyWindow {
    /// Design a `firwin` low-pass of `20·max(up, down) + 1` taps with this window
    /// (default Kaiser with β = 5).
    Named(Window),
    /// Use these FIR coefficients as they are.
    Taps(Array1<f64>),
}

/// Options of [`resample_poly_with`].
#[derive(Debug, Clone, PartialEq)]
pub struct ResamplePolyOptions {
    /// Axis to resample (default 0).
    pub axis: isize,
    /// The filter (default a Kaiser(5) `firwin` design).
    pub window: PolyWindow,
    /// Edge handling (default zeros).
    pub padtype: ResamplePad,
}

impl Default for ResamplePolyOptions {
    fn default() -> Self {
        ResamplePolyOptions {
            axis: 0,
            window: PolyWindow::Named(Window::Kaiser { beta: 5.0 }),
            padtype: ResamplePad::Zeros,
        }
    }
}

/// Resamples by the rational factor `up/down` with a polyphase FIR filter, SciPy's
/// `resample_poly(x, up, down)`.
///
/// # Errors
/// As [`resample_poly_with`].
///
/// ```
/// use sci_signal::resample_poly;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(100, |i| (0.05 * i as f64).sin());
/// assert_eq!(resample_poly(&x, 3, 2)?.len(), 150);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn resample_poly<T, S, D>(x: &ArrayBase<S, D>, up: usize, down: usize) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    resample_poly_with(x, up, down, &ResamplePolyOptions::default())
}

/// Polyphase resampling, SciPy's `resample_poly(x, up, down, axis, window, padtype)`:
/// upsample by `up`, low-pass (cutoff `1/max(up, down)` of Nyquist, gain `up`), downsample
/// by `down`, keeping the output centred on the input (`⌈len·up/down⌉` samples).
/// `O(len · taps / down)` per lane.
///
/// # Differences from SciPy
/// `padtype` offers zeros and the lane statistics; SciPy's extension modes (`line`,
/// `smooth`, `reflect`, ...) and a nonzero `cval` are not available.
///
/// # Errors
/// [`Error::InvalidArgument`] for `up` or `down` of 0, an axis out of range, or empty
/// taps; [`Error::Empty`] for an empty axis.
///
/// ```
/// use sci_signal::{resample_poly_with, ResamplePolyOptions, ResamplePad};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_elem(40, 3.0_f64);
/// let o = ResamplePolyOptions { padtype: ResamplePad::Mean, ..Default::default() };
/// // With the mean removed before filtering, a constant survives exactly, edges included.
/// assert!(resample_poly_with(&x, 1, 4, &o)?.iter().all(|v| (v - 3.0).abs() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn resample_poly_with<T, S, D>(
    x: &ArrayBase<S, D>,
    up: usize,
    down: usize,
    options: &ResamplePolyOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    if up == 0 || down == 0 {
        return Err(Error::invalid_argument("up, down", "must be >= 1"));
    }
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let n_in = x.len_of(Axis(ax));
    if n_in == 0 {
        return Err(Error::empty("x"));
    }
    let g = gcd(up, down);
    let (up, down) = (up / g, down / g);
    if up == 1 && down == 1 {
        return Ok(x.to_owned());
    }
    let n_out = (n_in * up).div_ceil(down);
    let (mut h, half_len) = match &options.window {
        PolyWindow::Taps(t) if t.is_empty() => return Err(Error::invalid_argument("window", "has no taps")),
        PolyWindow::Taps(t) => (t.to_vec(), (t.len() - 1) / 2),
        PolyWindow::Named(w) => {
            let max_rate = up.max(down);
            let half = 10 * max_rate;
            let o = FirwinOptions { window: *w, ..Default::default() };
            (firwin_with(2 * half + 1, &[1.0 / max_rate as f64], &o)?.to_vec(), half)
        }
    };
    h.iter_mut().for_each(|v| *v *= up as f64);
    let n_pre_pad = down - half_len % down;
    let n_pre_remove = (half_len + n_pre_pad) / down;
    let mut n_post_pad = 0;
    while output_len(h.len() + n_pre_pad + n_post_pad, n_in, up, down) < n_out + n_pre_remove {
        n_post_pad += 1;
    }
    let mut taps = vec![0.0; n_pre_pad];
    taps.extend_from_slice(&h);
    taps.extend(std::iter::repeat_n(0.0, n_post_pad));
    let taps = Array1::from(taps);
    let mut shape = x.raw_dim();
    shape[ax] = n_out;
    let mut out = Array::<T, D>::zeros(shape);
    for (src, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        let lane: Array1<f64> = src.iter().map(|v| v.as_f64()).collect();
        let background = background(&lane, options.padtype);
        let centred = lane.mapv(|v| v - background);
        let y = upfirdn(&taps, &centred, up, down, 0)?;
        for (d, v) in dst.iter_mut().zip(y.iter().skip(n_pre_remove)) {
            *d = T::from_f64(v + background);
        }
    }
    Ok(out)
}

fn background(x: &Array1<f64>, pad: ResamplePad) -> f64 {
    match pad {
        ResamplePad::Zeros => 0.0,
        ResamplePad::Mean => x.sum() / x.len() as f64,
        ResamplePad::Minimum => x.iter().copied().fold(f64::INFINITY, f64::min),
        ResamplePad::Maximum => x.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        ResamplePad::Median => {
            let mut v = x.to_vec();
            v.sort_by(f64::total_cmp);
            let n = v.len();
            if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
        }
    }
}

/// Output length of `upfirdn` for a filter of `len_h` taps (SciPy's `_output_len`).
fn output_len(len_h: usize, in_len: usize, up: usize, down: usize) -> usize {
    ((in_len - 1) * up + len_h - 1) / down + 1
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}
