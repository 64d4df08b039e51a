//! Time-resolved spectra: SciPy's `spectrogram` and `stft`.

use sci_core::ndarray::{Array1, ArrayBase, ArrayD, Axis, Data, Dimension, concatenate};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result, Scalar, validate};

use super::segments::{Plan, Request, plan};
use super::{Detrend, Scaling, SpectralWindow, as_complex_lanes, segment_grid};
use crate::windows::Window;

/// What [`spectrogram_with`] returns per segment and frequency (SciPy's `mode`; `'complex'`
/// is [`spectrogram_complex_with`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SpectrogramMode {
    /// Power spectral density (`'psd'`, default).
    #[default]
    Psd,
    /// `|STFT|` (`'magnitude'`).
    Magnitude,
    /// `arg STFT` in `(−π, π]` (`'angle'`).
    Angle,
    /// `arg STFT` unwrapped along the frequency axis (`'phase'`).
    Phase,
}

/// Options of [`spectrogram_with`] (SciPy's defaults: Tukey(0.25) window, `nperseg/8`
/// overlap).
#[derive(Debug, Clone, PartialEq)]
pub struct SpectrogramOptions {
    /// Sampling frequency (default 1).
    pub fs: f64,
    /// Window (default Tukey with α = 0.25).
    pub window: SpectralWindow,
    /// Segment length (default 256, or the input length if shorter).
    pub nperseg: Option<usize>,
    /// Overlap (default `nperseg / 8`).
    pub noverlap: Option<usize>,
    /// FFT length (default `nperseg`).
    pub nfft: Option<usize>,
    /// Per-segment detrending (default constant).
    pub detrend: Detrend,
    /// One-sided spectrum for real input (default `true`).
    pub return_onesided: bool,
    /// Density or spectrum (default density).
    pub scaling: Scaling,
    /// Axis of the samples (default −1).
    pub axis: isize,
    /// What to return (default PSD).
    pub mode: SpectrogramMode,
}

impl Default for SpectrogramOptions {
    fn default() -> Self {
        SpectrogramOptions {
            fs: 1.0,
            window: SpectralWindow::Named(Window::Tukey { alpha: 0.25 }),
            nperseg: None,
            noverlap: None,
            nfft: None,
            detrend: Detrend::Constant,
            return_onesided: true,
            scaling: Scaling::Density,
            axis: -1,
            mode: SpectrogramMode::Psd,
        }
    }
}

/// A time–frequency representation.
#[derive(Debug, Clone, PartialEq)]
pub struct Spectrogram<T> {
    /// Frequencies in Hz.
    pub f: Array1<f64>,
    /// Segment times in seconds.
    pub t: Array1<f64>,
    /// Values: the input's shape with `axis` replaced by the frequencies, plus a trailing
    /// axis of segments.
    pub sxx: ArrayD<T>,
}

fn spectrogram_request(o: &SpectrogramOptions, complex_input: bool, stft_scaling: bool) -> Request<'_> {
    Request {
        window: &o.window,
        nperseg: o.nperseg,
        noverlap: o.noverlap,
        default_noverlap: |n| n / 8,
        nfft: o.nfft,
        detrend: o.detrend,
        return_onesided: o.return_onesided,
        scaling: o.scaling,
        fs: o.fs,
        complex_input,
        stft_scaling,
    }
}

/// Spectra of consecutive segments, SciPy's `spectrogram(x, fs, window, nperseg, noverlap,
/// nfft, detrend, return_onesided, scaling, axis, mode)`.
///
/// # Differences from SciPy
/// `mode='complex'` is [`spectrogram_complex_with`] (a complex result type). Results are
/// `f64`.
///
/// # Errors
/// As [`welch_with`](crate::welch_with).
///
/// ```
/// use sci_signal::{spectrogram_with, SpectrogramOptions};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(2000, |i| (0.1 * i as f64 + 1e-4 * (i * i) as f64).sin());
/// let s = spectrogram_with(&x, &SpectrogramOptions { nperseg: Some(128), ..Default::default() })?;
/// assert_eq!(s.sxx.shape(), &[65, s.t.len()]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn spectrogram_with<T, S, D>(
    x: &ArrayBase<S, D>,
    options: &SpectrogramOptions,
) -> Result<Spectrogram<f64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let psd = options.mode == SpectrogramMode::Psd;
    let (f, t, z, ax) = time_frequency(
        x,
        &spectrogram_request(options, T::IS_COMPLEX, !psd),
        psd,
        None,
        false,
        options.axis,
    )?;
    let sxx = match options.mode {
        SpectrogramMode::Psd => z.mapv(|v| v.re),
        SpectrogramMode::Magnitude => z.mapv(|v| v.norm()),
        SpectrogramMode::Angle => z.mapv(|v| v.arg()),
        SpectrogramMode::Phase => {
            let mut a = z.mapv(|v| v.arg());
            for mut lane in a.lanes_mut(Axis(ax)) {
                unwrap_phase(lane.as_slice_mut().map(|s| s as &mut [f64]).unwrap_or(&mut []));
            }
            a
        }
    };
    Ok(Spectrogram { f, t, sxx })
}

/// [`spectrogram_with`] with SciPy's defaults.
///
/// # Errors
/// As [`spectrogram_with`].
///
/// ```
/// use sci_signal::spectrogram;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(1000, |i| (i % 10) as f64);
/// let s = spectrogram(&x)?;
/// assert_eq!((s.f.len(), s.t.len()), (129, 4));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn spectrogram<T, S, D>(x: &ArrayBase<S, D>) -> Result<Spectrogram<f64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    spectrogram_with(x, &SpectrogramOptions::default())
}

/// The complex spectra of consecutive segments, SciPy's `spectrogram(..., mode='complex')`:
/// `FFT(window · segment) · √scale`, without folding. `options.mode` is ignored.
///
/// # Errors
/// As [`spectrogram_with`].
///
/// ```
/// use sci_signal::{spectrogram_complex_with, SpectrogramOptions};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(512, |i| (0.5 * i as f64).cos());
/// let s = spectrogram_complex_with(&x, &SpectrogramOptions { nperseg: Some(64), ..Default::default() })?;
/// assert_eq!(s.sxx.shape()[0], 33);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn spectrogram_complex_with<T, S, D>(
    x: &ArrayBase<S, D>,
    options: &SpectrogramOptions,
) -> Result<Spectrogram<Complex64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let (f, t, sxx, _) = time_frequency(
        x,
        &spectrogram_request(options, T::IS_COMPLEX, true),
        false,
        None,
        false,
        options.axis,
    )?;
    Ok(Spectrogram { f, t, sxx })
}

/// How [`stft`] extends the signal by `nperseg/2` samples at both ends (SciPy's
/// `boundary`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StftBoundary {
    /// Zeros (`'zeros'`, default).
    Zeros,
    /// Even extension about the end samples (`'even'`).
    Even,
    /// Odd extension (`'odd'`).
    Odd,
    /// Repeat the end samples (`'constant'`).
    Constant,
}

/// Options of [`stft_with`] (SciPy's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct StftOptions {
    /// Sampling frequency (default 1).
    pub fs: f64,
    /// Window (default Hann).
    pub window: SpectralWindow,
    /// Segment length (default 256, or the input length if shorter).
    pub nperseg: usize,
    /// Overlap (default `nperseg / 2`).
    pub noverlap: Option<usize>,
    /// FFT length (default `nperseg`).
    pub nfft: Option<usize>,
    /// Per-segment detrending (default none).
    pub detrend: Detrend,
    /// One-sided spectrum for real input (default `true`).
    pub return_onesided: bool,
    /// Extension at the ends (default zeros; `None` for none).
    pub boundary: Option<StftBoundary>,
    /// Zero-pad the end so the last segment is full (default `true`).
    pub padded: bool,
    /// Axis of the samples (default −1).
    pub axis: isize,
    /// `Spectrum` (SciPy's default `'spectrum'`) or `Density` (`'psd'`).
    pub scaling: Scaling,
}

impl Default for StftOptions {
    fn default() -> Self {
        StftOptions {
            fs: 1.0,
            window: SpectralWindow::Named(Window::Hann),
            nperseg: 256,
            noverlap: None,
            nfft: None,
            detrend: Detrend::None,
            return_onesided: true,
            boundary: Some(StftBoundary::Zeros),
            padded: true,
            axis: -1,
            scaling: Scaling::Spectrum,
        }
    }
}

/// Short-time Fourier transform, SciPy's `stft(x, fs, window, nperseg, noverlap, nfft,
/// detrend, return_onesided, boundary, padded, axis, scaling)`.
///
/// # Errors
/// As [`welch_with`](crate::welch_with).
///
/// ```
/// use sci_signal::{stft_with, StftOptions};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(1000, |i| (0.2 * i as f64).sin());
/// let s = stft_with(&x, &StftOptions { nperseg: 100, ..Default::default() })?;
/// assert_eq!(s.sxx.shape(), &[51, 21]);
/// assert_eq!(s.t[0], 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn stft_with<T, S, D>(x: &ArrayBase<S, D>, options: &StftOptions) -> Result<Spectrogram<Complex64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let request = Request {
        window: &options.window,
        nperseg: Some(options.nperseg),
        noverlap: options.noverlap,
        default_noverlap: |n| n / 2,
        nfft: options.nfft,
        detrend: options.detrend,
        return_onesided: options.return_onesided,
        scaling: options.scaling,
        fs: options.fs,
        complex_input: T::IS_COMPLEX,
        stft_scaling: true,
    };
    let (f, t, sxx, _) = time_frequency(x, &request, false, options.boundary, options.padded, options.axis)?;
    Ok(Spectrogram { f, t, sxx })
}

/// [`stft_with`] with SciPy's defaults.
///
/// # Errors
/// As [`stft_with`].
///
/// ```
/// use sci_signal::stft;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(512, |i| i as f64);
/// let s = stft(&x)?;
/// assert_eq!(s.sxx.shape(), &[129, 5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn stft<T, S, D>(x: &ArrayBase<S, D>) -> Result<Spectrogram<Complex64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    stft_with(x, &StftOptions::default())
}

type Grid = (Array1<f64>, Array1<f64>, ArrayD<Complex64>, usize);

/// Segment spectra of every lane: `psd` gives folded `|X|²·scale`, otherwise `X·scale`.
fn time_frequency<T, S, D>(
    x: &ArrayBase<S, D>,
    request: &Request<'_>,
    psd: bool,
    boundary: Option<StftBoundary>,
    padded: bool,
    axis: isize,
) -> Result<Grid>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ax = validate::normalize_axis(axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    if n == 0 {
        return Err(Error::empty("x"));
    }
    let mut xc = as_complex_lanes(x).into_dyn();
    // SciPy resolves nperseg against the unextended length.
    let plan: Plan = plan(request, n)?;
    let mut shift = 0.0;
    if let Some(b) = boundary {
        xc = extend(&xc, ax, plan.nperseg / 2, b)?;
        // SciPy shifts the times by nperseg/2 (true division) after extending by nperseg//2.
        shift = plan.nperseg as f64 / 2.0;
    }
    if padded {
        let len = xc.len_of(Axis(ax));
        let step = plan.step();
        let nadd = (step - (len - plan.nperseg) % step) % step % plan.nperseg;
        if nadd > 0 {
            let mut shape = xc.shape().to_vec();
            shape[ax] = nadd;
            let zeros = ArrayD::<Complex64>::zeros(shape);
            xc = concatenate(Axis(ax), &[xc.view(), zeros.view()])
                .map_err(|e| Error::invalid_argument("x", e.to_string()))?;
        }
    }
    let len = xc.len_of(Axis(ax));
    let complex = T::IS_COMPLEX;
    let grid = segment_grid(&xc, ax, plan.nfreq(), plan.segments(len), |lane| {
        let spectra = if complex {
            plan.spectra_complex(lane)?
        } else {
            let re: Array1<f64> = lane.mapv(|z| z.re);
            plan.spectra_real(re.view())?
        };
        let mut out = spectra;
        for mut row in out.rows_mut() {
            if psd {
                row.mapv_inplace(|v| Complex64::new(v.norm_sqr() * plan.scale, 0.0));
                if let Some(r) = row.as_slice_mut() {
                    plan.fold_one_sided(r);
                }
            } else {
                row.mapv_inplace(|v| v * plan.scale);
            }
        }
        Ok(out)
    })?;
    Ok((
        Array1::from(plan.frequencies(request.fs)),
        Array1::from(plan.times(len, request.fs, shift)),
        grid,
        ax,
    ))
}

/// SciPy's `even_ext`, `odd_ext`, `const_ext`, `zero_ext` along `ax` by `n` samples.
fn extend(x: &ArrayD<Complex64>, ax: usize, n: usize, boundary: StftBoundary) -> Result<ArrayD<Complex64>> {
    let len = x.len_of(Axis(ax));
    if n == 0 {
        return Ok(x.clone());
    }
    if matches!(boundary, StftBoundary::Even | StftBoundary::Odd) && n >= len {
        return Err(Error::invalid_argument(
            "boundary",
            format!(
                "the extension length {n} must be smaller than the signal length {len} for even/odd extension"
            ),
        ));
    }
    let mut shape = x.shape().to_vec();
    shape[ax] = len + 2 * n;
    let mut out = ArrayD::<Complex64>::zeros(shape);
    for (src, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        let (first, last) = (src[0], src[len - 1]);
        for k in 0..n {
            // Left: position k holds the mirror image of sample n − k.
            let (left, right) = match boundary {
                StftBoundary::Zeros => (Complex64::new(0.0, 0.0), Complex64::new(0.0, 0.0)),
                StftBoundary::Constant => (first, last),
                StftBoundary::Even => (src[n - k], src[len - 2 - k]),
                StftBoundary::Odd => (first * 2.0 - src[n - k], last * 2.0 - src[len - 2 - k]),
            };
            dst[k] = left;
            dst[n + len + k] = right;
        }
        for k in 0..len {
            dst[n + k] = src[k];
        }
    }
    Ok(out)
}

/// NumPy's `unwrap` with the default discontinuity `π`, in place.
fn unwrap_phase(p: &mut [f64]) {
    use std::f64::consts::PI;
    let mut correction = 0.0;
    let mut previous = match p.first() {
        Some(&v) => v,
        None => return,
    };
    for v in p.iter_mut().skip(1) {
        let d = *v - previous;
        previous = *v;
        let mut dmod = (d + PI).rem_euclid(2.0 * PI) - PI;
        if dmod == -PI && d > 0.0 {
            dmod = PI;
        }
        if d.abs() >= PI {
            correction += dmod - d;
        }
        *v += correction;
    }
}
