//! Spectral estimation: SciPy's `welch`, `csd`, `periodogram`, `coherence`,
//! `spectrogram` and `stft`.
//!
//! All of them cut each lane along `axis` into segments of `nperseg` samples overlapping by
//! `noverlap`, detrend and window every segment, and FFT the whole batch at once
//! (`O(n/step · nfft log nfft)` per lane, parallel over segments).

mod istft;
mod segments;
mod stft;

pub use istft::{Istft, IstftOptions, istft_complex_with, istft_with};

pub use stft::{
    Spectrogram, SpectrogramMode, SpectrogramOptions, StftBoundary, StftOptions, spectrogram,
    spectrogram_complex_with, spectrogram_with, stft, stft_with,
};

use sci_core::ndarray::{Array, Array1, ArrayBase, ArrayD, Axis, Data, Dimension, IxDyn};
use sci_core::num_complex::Complex64;
use sci_core::{Real, Result, Scalar, validate};

use crate::windows::Window;
use segments::{Plan, Request, plan};

/// The window of a spectral estimate: a named window evaluated periodically at `nperseg`
/// points (SciPy's string or tuple), or explicit values (SciPy's array, whose length is
/// then `nperseg`).
#[derive(Debug, Clone, PartialEq)]
pub enum SpectralWindow {
    /// A window from [`crate::windows`], built with `fftbins=True`.
    Named(Window),
    /// Explicit window values.
    Values(Array1<f64>),
}

/// What is removed from each segment before windowing (SciPy's `detrend`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detrend {
    /// Nothing (`detrend=False`).
    None,
    /// The mean (`'constant'`, the default of the averaged estimates).
    #[default]
    Constant,
    /// The least-squares line (`'linear'`).
    Linear,
}

/// Units of a power spectrum (SciPy's `scaling`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scaling {
    /// Power spectral density, V²/Hz (`'density'`, default).
    #[default]
    Density,
    /// Power spectrum, V² (`'spectrum'`).
    Spectrum,
}

/// How [`welch`] and [`csd`] combine the segments' periodograms (SciPy's `average`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Average {
    /// Arithmetic mean (default).
    #[default]
    Mean,
    /// Median, divided by its bias for `χ²₂` data (robust to outlying segments).
    Median,
}

/// Options of [`welch_with`], [`csd_with`] and [`coherence_with`] (SciPy's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct WelchOptions {
    /// Sampling frequency (default 1).
    pub fs: f64,
    /// Window (default Hann).
    pub window: SpectralWindow,
    /// Segment length (default 256, or the input length if shorter).
    pub nperseg: Option<usize>,
    /// Overlap (default `nperseg / 2`).
    pub noverlap: Option<usize>,
    /// FFT length ≥ `nperseg` (default `nperseg`).
    pub nfft: Option<usize>,
    /// Per-segment detrending (default constant).
    pub detrend: Detrend,
    /// One-sided spectrum for real input (default `true`).
    pub return_onesided: bool,
    /// Density or spectrum (default density).
    pub scaling: Scaling,
    /// Axis of the samples (default −1).
    pub axis: isize,
    /// Mean or median over segments (default mean).
    pub average: Average,
}

impl Default for WelchOptions {
    fn default() -> Self {
        WelchOptions {
            fs: 1.0,
            window: SpectralWindow::Named(Window::Hann),
            nperseg: None,
            noverlap: None,
            nfft: None,
            detrend: Detrend::Constant,
            return_onesided: true,
            scaling: Scaling::Density,
            axis: -1,
            average: Average::Mean,
        }
    }
}

/// A power spectral density (or power spectrum) estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Psd<D: Dimension> {
    /// Frequencies in Hz.
    pub f: Array1<f64>,
    /// The estimate: the input's shape with `axis` replaced by the frequencies.
    pub pxx: Array<f64, D>,
}

/// A cross spectral density estimate.
#[derive(Debug, Clone, PartialEq)]
pub struct Csd<D: Dimension> {
    /// Frequencies in Hz.
    pub f: Array1<f64>,
    /// `E[conj(X) Y]`: the inputs' shape with `axis` replaced by the frequencies.
    pub pxy: Array<Complex64, D>,
}

/// Magnitude-squared coherence.
#[derive(Debug, Clone, PartialEq)]
pub struct Coherence<D: Dimension> {
    /// Frequencies in Hz.
    pub f: Array1<f64>,
    /// `|Pxy|² / (Pxx Pyy)`, in `[0, 1]`.
    pub cxy: Array<f64, D>,
}

fn as_complex_lanes<T: Scalar, S: Data<Elem = T>, D: Dimension>(x: &ArrayBase<S, D>) -> Array<Complex64, D> {
    x.mapv(|v| Complex64::new(v.re().as_f64(), v.im().as_f64()))
}

fn request<'a>(o: &'a WelchOptions, complex_input: bool, stft: bool) -> Request<'a> {
    Request {
        window: &o.window,
        nperseg: o.nperseg,
        noverlap: o.noverlap,
        default_noverlap: |n| n / 2,
        nfft: o.nfft,
        detrend: o.detrend,
        return_onesided: o.return_onesided,
        scaling: o.scaling,
        fs: o.fs,
        complex_input,
        stft_scaling: stft,
    }
}

/// Segment spectra of one lane, read straight from the caller's array (real lanes are
/// widened to `f64`, complex ones to `Complex64`; no whole-array copy).
fn lane_spectra<T: Scalar>(
    plan: &Plan,
    lane: sci_core::ndarray::ArrayView1<'_, T>,
) -> Result<sci_core::ndarray::Array2<Complex64>> {
    if T::IS_COMPLEX {
        let c: Array1<Complex64> = lane.mapv(|v| Complex64::new(v.re().as_f64(), v.im().as_f64()));
        plan.spectra_complex(c.view())
    } else {
        let re: Array1<f64> = lane.mapv(|v| v.re().as_f64());
        plan.spectra_real(re.view())
    }
}

/// Combines per-segment cross periodograms `conj(X)·Y·scale` into one estimate per bin.
fn combine(
    plan: &Plan,
    x: &sci_core::ndarray::Array2<Complex64>,
    y: &sci_core::ndarray::Array2<Complex64>,
    average: Average,
) -> Vec<Complex64> {
    let (nseg, nfreq) = x.dim();
    let mut rows: Vec<Vec<Complex64>> = (0..nseg)
        .map(|s| {
            let mut row: Vec<Complex64> =
                (0..nfreq).map(|k| x[[s, k]].conj() * y[[s, k]] * plan.scale).collect();
            plan.fold_one_sided(&mut row);
            row
        })
        .collect();
    if nseg == 1 {
        return rows.swap_remove(0);
    }
    match average {
        Average::Mean => {
            (0..nfreq).map(|k| rows.iter().map(|r| r[k]).sum::<Complex64>() / nseg as f64).collect()
        }
        Average::Median => {
            let bias = median_bias(nseg);
            (0..nfreq)
                .map(|k| {
                    let re = median(rows.iter().map(|r| r[k].re).collect());
                    let im = median(rows.iter().map(|r| r[k].im).collect());
                    Complex64::new(re, im) / bias
                })
                .collect()
        }
    }
}

/// Bias of the median of `n` `χ²₂` samples relative to their mean (SciPy's `_median_bias`).
fn median_bias(n: usize) -> f64 {
    1.0 + (1..=(n - 1) / 2).map(|i| 2.0 * i as f64).map(|ii| 1.0 / (ii + 1.0) - 1.0 / ii).sum::<f64>()
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
}

/// Cross spectral density of `x` and `y` by Welch's method, SciPy's `csd(x, y, ...)`.
///
/// # Differences from SciPy
/// `x` and `y` must have the same shape; SciPy zero-pads the shorter along `axis` and
/// broadcasts the other axes.
///
/// # Errors
/// As [`welch_with`]; [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) unless `x`
/// and `y` have the same shape.
///
/// ```
/// use sci_signal::{csd_with, WelchOptions};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(512, |i| (0.3 * i as f64).sin());
/// let c = csd_with(&x, &x, &WelchOptions { nperseg: Some(64), ..Default::default() })?;
/// assert!(c.pxy.iter().all(|z| z.im.abs() < 1e-12 && z.re >= 0.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn csd_with<T, S1, S2, D>(
    x: &ArrayBase<S1, D>,
    y: &ArrayBase<S2, D>,
    options: &WelchOptions,
) -> Result<Csd<D>>
where
    T: Scalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    validate::check_shape("y", y.shape(), x.shape())?;
    let (f, out) = averaged(x, Some(y), options)?;
    Ok(Csd { f, pxy: out })
}

/// [`csd_with`] with SciPy's defaults.
///
/// # Errors
/// As [`csd_with`].
///
/// ```
/// use sci_signal::csd;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(300, |i| (i % 7) as f64);
/// assert_eq!(csd(&x, &x)?.f.len(), 129);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn csd<T, S1, S2, D>(x: &ArrayBase<S1, D>, y: &ArrayBase<S2, D>) -> Result<Csd<D>>
where
    T: Scalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    csd_with(x, y, &WelchOptions::default())
}

/// Power spectral density by Welch's method: the average of the modified periodograms of
/// overlapping windowed segments, SciPy's `welch(x, fs, window, nperseg, noverlap, nfft,
/// detrend, return_onesided, scaling, axis, average)`.
///
/// Cost `O((n/step) · nfft log nfft)`; the segments' FFTs run as one parallel batch.
///
/// # Differences from SciPy
/// The result is `f64` for every input type (SciPy returns `float32` for `float32` input).
/// A detrend callable is not offered. Where SciPy warns that `nperseg` exceeds the input
/// length and shrinks it, the same shrinking happens silently.
///
/// # Errors
/// [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) for `fs ≤ 0`,
/// `nperseg = 0`, `noverlap ≥ nperseg`, `nfft < nperseg`, a window longer than the input or
/// of another length than `nperseg`, or an axis out of range.
///
/// ```
/// use sci_signal::{welch_with, WelchOptions};
/// use sci_core::ndarray::Array1;
/// // A 50 Hz tone sampled at 1 kHz: the spectrum peaks at 50 Hz.
/// let x = Array1::from_shape_fn(4096, |i| (2.0 * std::f64::consts::PI * 50.0 * i as f64 / 1000.0).sin());
/// let p = welch_with(&x, &WelchOptions { fs: 1000.0, nperseg: Some(256), ..Default::default() })?;
/// let peak = p.pxx.iter().enumerate().max_by(|a, b| a.1.total_cmp(b.1)).unwrap().0;
/// assert!((p.f[peak] - 50.0).abs() <= 1000.0 / 256.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn welch_with<T, S, D>(x: &ArrayBase<S, D>, options: &WelchOptions) -> Result<Psd<D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let (f, out) = averaged::<T, S, S, D>(x, None, options)?;
    Ok(Psd { f, pxx: out.mapv(|z| z.re) })
}

/// [`welch_with`] with SciPy's defaults (Hann window, 256-sample segments, half overlap).
///
/// # Errors
/// As [`welch_with`].
///
/// ```
/// use sci_signal::welch;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(1000, |i| ((i * 37) % 11) as f64 - 5.0);
/// let p = welch(&x)?;
/// assert_eq!((p.f.len(), p.pxx.len()), (129, 129));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn welch<T, S, D>(x: &ArrayBase<S, D>) -> Result<Psd<D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    welch_with(x, &WelchOptions::default())
}

/// The shared body of `welch`, `csd` and `coherence`: per lane, average the cross
/// periodograms of `x` with `y` (or itself).
fn averaged<T, S1, S2, D>(
    x: &ArrayBase<S1, D>,
    y: Option<&ArrayBase<S2, D>>,
    options: &WelchOptions,
) -> Result<(Array1<f64>, Array<Complex64, D>)>
where
    T: Scalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    if x.is_empty() {
        return Ok((Array1::zeros(0), Array::zeros(x.raw_dim())));
    }
    let plan = plan(&request(options, T::IS_COMPLEX, false), n)?;
    let mut shape = x.raw_dim();
    shape[ax] = plan.nfreq();
    let mut out = Array::<Complex64, D>::zeros(shape);
    let mut y_lanes = y.map(|y| y.lanes(Axis(ax)).into_iter());
    for (lane_x, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        let sx = lane_spectra(&plan, lane_x)?;
        let sy = match y_lanes.as_mut().and_then(|it| it.next()) {
            Some(lane_y) => Some(lane_spectra(&plan, lane_y)?),
            None => None,
        };
        for (d, v) in dst.iter_mut().zip(combine(&plan, &sx, sy.as_ref().unwrap_or(&sx), options.average)) {
            *d = v;
        }
    }
    Ok((Array1::from(plan.frequencies(options.fs)), out))
}

/// Options of [`periodogram_with`] (SciPy's defaults: boxcar window, no overlap, one
/// segment covering the whole signal).
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodogramOptions {
    /// Sampling frequency (default 1).
    pub fs: f64,
    /// Window (default boxcar).
    pub window: SpectralWindow,
    /// FFT length: longer zero-pads, shorter truncates the signal (default its length).
    pub nfft: Option<usize>,
    /// Detrending (default constant).
    pub detrend: Detrend,
    /// One-sided spectrum for real input (default `true`).
    pub return_onesided: bool,
    /// Density or spectrum (default density).
    pub scaling: Scaling,
    /// Axis of the samples (default −1).
    pub axis: isize,
}

impl Default for PeriodogramOptions {
    fn default() -> Self {
        PeriodogramOptions {
            fs: 1.0,
            window: SpectralWindow::Named(Window::Boxcar),
            nfft: None,
            detrend: Detrend::Constant,
            return_onesided: true,
            scaling: Scaling::Density,
            axis: -1,
        }
    }
}

/// Periodogram: the squared magnitude of the windowed signal's FFT, scaled, SciPy's
/// `periodogram(x, fs, window, nfft, detrend, return_onesided, scaling, axis)` (Welch's
/// method with a single segment).
///
/// # Errors
/// As [`welch_with`].
///
/// ```
/// use sci_signal::{periodogram_with, PeriodogramOptions, Scaling};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(64, |i| (2.0 * std::f64::consts::PI * 8.0 * i as f64 / 64.0).cos());
/// let p = periodogram_with(&x, &PeriodogramOptions { scaling: Scaling::Spectrum, ..Default::default() })?;
/// // A unit cosine has power 1/2 at its frequency.
/// assert!((p.pxx[8] - 0.5).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn periodogram_with<T, S, D>(x: &ArrayBase<S, D>, options: &PeriodogramOptions) -> Result<Psd<D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    let (view, nperseg, nfft) = match options.nfft {
        Some(m) if m < n => (x.slice_axis(Axis(ax), sci_core::ndarray::Slice::from(0..m)), m, None),
        Some(m) => (x.view(), n, Some(m)),
        None => (x.view(), n, None),
    };
    let welch_options = WelchOptions {
        fs: options.fs,
        window: options.window.clone(),
        nperseg: Some(nperseg.max(1)),
        noverlap: Some(0),
        nfft,
        detrend: options.detrend,
        return_onesided: options.return_onesided,
        scaling: options.scaling,
        axis: options.axis,
        average: Average::Mean,
    };
    welch_with(&view, &welch_options)
}

/// [`periodogram_with`] with SciPy's defaults.
///
/// # Errors
/// As [`welch_with`].
///
/// ```
/// use sci_signal::periodogram;
/// use sci_core::ndarray::array;
/// let p = periodogram(&array![1.0, -1.0, 1.0, -1.0])?;
/// assert_eq!(p.f.to_vec(), vec![0.0, 0.25, 0.5]);
/// assert_eq!(p.pxx.to_vec(), vec![0.0, 0.0, 4.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn periodogram<T, S, D>(x: &ArrayBase<S, D>) -> Result<Psd<D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    periodogram_with(x, &PeriodogramOptions::default())
}

/// Magnitude-squared coherence `|Pxy|² / (Pxx Pyy)` from Welch estimates, SciPy's
/// `coherence(x, y, fs, window, nperseg, noverlap, nfft, detrend, axis)`.
/// `scaling`, `return_onesided` and `average` keep their defaults in SciPy; here they are
/// taken from `options` like the others.
///
/// # Errors
/// As [`csd_with`].
///
/// ```
/// use sci_signal::{coherence_with, WelchOptions};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(1024, |i| ((i * 7919) % 101) as f64);
/// let y = x.mapv(|v| 3.0 * v + 1.0);
/// let c = coherence_with(&x, &y, &WelchOptions { nperseg: Some(128), ..Default::default() })?;
/// assert!(c.cxy.iter().skip(1).all(|&v| (v - 1.0).abs() < 1e-9));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn coherence_with<T, S1, S2, D>(
    x: &ArrayBase<S1, D>,
    y: &ArrayBase<S2, D>,
    options: &WelchOptions,
) -> Result<Coherence<D>>
where
    T: Scalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let pxx = welch_with(x, options)?;
    let pyy = welch_with(y, options)?;
    let pxy = csd_with(x, y, options)?;
    let mut cxy = pxy.pxy.mapv(|z| z.norm_sqr());
    cxy.zip_mut_with(&pxx.pxx, |c, p| *c /= p);
    cxy.zip_mut_with(&pyy.pxx, |c, p| *c /= p);
    Ok(Coherence { f: pxy.f, cxy })
}

/// [`coherence_with`] with SciPy's defaults.
///
/// # Errors
/// As [`csd_with`].
///
/// ```
/// use sci_signal::coherence;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(600, |i| ((i * 31) % 17) as f64);
/// let c = coherence(&x, &x)?;
/// assert!(c.cxy.iter().skip(1).all(|&v| (v - 1.0).abs() < 1e-9));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn coherence<T, S1, S2, D>(x: &ArrayBase<S1, D>, y: &ArrayBase<S2, D>) -> Result<Coherence<D>>
where
    T: Scalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    coherence_with(x, y, &WelchOptions::default())
}

/// Per-segment values of every lane arranged as SciPy does: the input's shape with `axis`
/// replaced by the frequencies, plus a trailing axis of segments. `per_lane` maps a lane to
/// its `(segments × frequencies)` matrix.
fn segment_grid(
    x: &ArrayD<Complex64>,
    ax: usize,
    nfreq: usize,
    nseg: usize,
    mut per_lane: impl FnMut(
        sci_core::ndarray::ArrayView1<'_, Complex64>,
    ) -> Result<sci_core::ndarray::Array2<Complex64>>,
) -> Result<ArrayD<Complex64>> {
    let ndim = x.ndim();
    let lanes = x.len() / x.len_of(Axis(ax)).max(1);
    // Fill (lanes × freq × segments), lanes in row-major order of the other axes ...
    let mut packed = sci_core::ndarray::Array3::<Complex64>::zeros((lanes, nfreq, nseg));
    for (i, lane) in x.lanes(Axis(ax)).into_iter().enumerate() {
        let m = per_lane(lane)?;
        for ((s, k), v) in m.indexed_iter() {
            packed[[i, k, s]] = *v;
        }
    }
    // ... then unpack the lanes and move the frequency axis to `axis`.
    let mut shape: Vec<usize> =
        x.shape().iter().enumerate().filter(|&(d, _)| d != ax).map(|(_, &s)| s).collect();
    shape.push(nfreq);
    shape.push(nseg);
    let grid = packed
        .into_shape_with_order(IxDyn(&shape))
        .map_err(|e| sci_core::Error::invalid_argument("x", e.to_string()))?;
    let mut order: Vec<usize> = (0..ndim - 1).collect();
    order.insert(ax, ndim - 1);
    order.push(ndim);
    Ok(grid.permuted_axes(IxDyn(&order)).as_standard_layout().into_owned())
}
