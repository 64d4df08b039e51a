//! The inverse short-time Fourier transform by weighted overlap-add (Griffin & Lim 1984),
//! SciPy's `istft`.

use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayD, Axis, Data, Dimension, IxDyn, s};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Real, Result, Scalar, validate};

use super::{Scaling, SpectralWindow};
use crate::fft::{FftOptions, ifft_with, irfft_with};
use crate::windows::{Window, get_window};

/// Options of [`istft_with`] and [`istft_complex_with`] (SciPy's defaults).
#[derive(Debug, Clone, PartialEq)]
pub struct IstftOptions {
    /// Sampling frequency (default 1).
    pub fs: f64,
    /// The window the STFT used (default Hann).
    pub window: SpectralWindow,
    /// Segment length (default `2·(nfreq − 1)` one-sided, `nfreq` two-sided).
    pub nperseg: Option<usize>,
    /// Overlap (default `nperseg / 2`).
    pub noverlap: Option<usize>,
    /// FFT length (default: as the STFT's for the default `nperseg`).
    pub nfft: Option<usize>,
    /// Remove the `nperseg/2` samples the STFT's boundary extension added (default `true`).
    pub boundary: bool,
    /// Axis of the segments (default −1).
    pub time_axis: isize,
    /// Axis of the frequencies (default −2).
    pub freq_axis: isize,
    /// The STFT's scaling (default spectrum).
    pub scaling: Scaling,
    /// Fail when the window does not satisfy the nonzero-overlap-add (NOLA) condition, where
    /// SciPy warns that the STFT may not be invertible (default `true`).
    pub check_nola: bool,
}

impl Default for IstftOptions {
    fn default() -> Self {
        IstftOptions {
            fs: 1.0,
            window: SpectralWindow::Named(Window::Hann),
            nperseg: None,
            noverlap: None,
            nfft: None,
            boundary: true,
            time_axis: -1,
            freq_axis: -2,
            scaling: Scaling::Spectrum,
            check_nola: true,
        }
    }
}

/// A signal rebuilt from its STFT.
#[derive(Debug, Clone, PartialEq)]
pub struct Istft<T> {
    /// Sample times in seconds.
    pub t: Array1<f64>,
    /// The signal: the STFT's shape without its frequency and segment axes, plus the time
    /// axis (placed where SciPy places it).
    pub x: ArrayD<T>,
}

/// Inverse of a one-sided STFT of a real signal, SciPy's `istft(Zxx, ...,
/// input_onesided=True)`: inverse real FFT of every segment, weighting by the window,
/// overlap-add, and division by the summed squared window.
///
/// Cost: one inverse FFT per segment plus `O(n)` overlap-add.
///
/// # Differences from SciPy
/// A window that violates the NOLA condition is an error unless `check_nola` is `false`
/// (SciPy warns and divides by 1 where the window sum is tiny).
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two dimensions, equal axes, `nperseg = 0`,
/// `noverlap ≥ nperseg`, `nfft < nperseg`, a window of the wrong length, or a NOLA failure.
///
/// ```
/// use sci_signal::{istft_with, stft_with, IstftOptions, StftOptions};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(300, |i| (0.05 * i as f64).sin() + 0.1 * ((i * 7) % 5) as f64);
/// let z = stft_with(&x, &StftOptions { nperseg: 64, ..Default::default() })?;
/// let back = istft_with(&z.sxx, &IstftOptions { nperseg: Some(64), ..Default::default() })?;
/// assert!(x.iter().zip(back.x.iter()).all(|(a, b)| (a - b).abs() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn istft_with<T, S, D>(zxx: &ArrayBase<S, D>, options: &IstftOptions) -> Result<Istft<f64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let out = inverse(zxx, options, true)?;
    Ok(Istft { t: out.t, x: out.x.mapv(|z| z.re) })
}

/// Inverse of a two-sided STFT, SciPy's `istft(Zxx, ..., input_onesided=False)`.
///
/// # Errors
/// As [`istft_with`].
///
/// ```
/// use sci_signal::{istft_complex_with, stft_with, IstftOptions, StftOptions};
/// use sci_core::ndarray::Array1;
/// use sci_core::num_complex::Complex64;
/// let x = Array1::from_shape_fn(128, |i| Complex64::new((0.1 * i as f64).cos(), (0.2 * i as f64).sin()));
/// let z = stft_with(&x, &StftOptions { nperseg: 32, ..Default::default() })?;
/// let back = istft_complex_with(&z.sxx, &IstftOptions { nperseg: Some(32), ..Default::default() })?;
/// assert!(x.iter().zip(back.x.iter()).all(|(a, b)| (a - b).norm() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn istft_complex_with<T, S, D>(zxx: &ArrayBase<S, D>, options: &IstftOptions) -> Result<Istft<Complex64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    inverse(zxx, options, false)
}

fn inverse<T, S, D>(zxx: &ArrayBase<S, D>, o: &IstftOptions, onesided: bool) -> Result<Istft<Complex64>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ndim = zxx.ndim();
    if ndim < 2 {
        return Err(Error::invalid_argument("zxx", "the STFT must have at least two dimensions"));
    }
    let fa = validate::normalize_axis(o.freq_axis, ndim)?;
    let ta = validate::normalize_axis(o.time_axis, ndim)?;
    if fa == ta {
        return Err(Error::invalid_argument("time_axis", "must differ from freq_axis"));
    }
    if !(o.fs.is_finite() && o.fs > 0.0) {
        return Err(Error::invalid_argument("fs", format!("must be positive and finite, was {}", o.fs)));
    }
    let (nfreq, nseg) = (zxx.len_of(Axis(fa)), zxx.len_of(Axis(ta)));
    let n_default = if onesided { 2 * nfreq.saturating_sub(1) } else { nfreq };
    let nperseg = o.nperseg.unwrap_or(n_default);
    if nperseg == 0 {
        return Err(Error::invalid_argument("nperseg", "must be a positive integer"));
    }
    let nfft = match o.nfft {
        None if onesided && nperseg == n_default + 1 => nperseg,
        None => n_default,
        Some(n) if n < nperseg => {
            return Err(Error::invalid_argument(
                "nfft",
                format!("must be greater than or equal to nperseg = {nperseg}"),
            ));
        }
        Some(n) => n,
    };
    if nfft < nperseg {
        return Err(Error::invalid_argument(
            "nperseg",
            format!("{nperseg} exceeds the FFT length {nfft} of the input"),
        ));
    }
    let noverlap = o.noverlap.unwrap_or(nperseg / 2);
    if noverlap >= nperseg {
        return Err(Error::invalid_argument("noverlap", format!("must be less than nperseg = {nperseg}")));
    }
    let step = nperseg - noverlap;
    let win: Vec<f64> = match &o.window {
        SpectralWindow::Named(w) => get_window(w, nperseg, true)?.to_vec(),
        SpectralWindow::Values(w) if w.len() == nperseg => w.to_vec(),
        SpectralWindow::Values(w) => {
            return Err(Error::invalid_argument(
                "window",
                format!("must have length {nperseg}, has {}", w.len()),
            ));
        }
    };
    let gain = match o.scaling {
        Scaling::Spectrum => win.iter().sum::<f64>(),
        Scaling::Density => (o.fs * win.iter().map(|w| w * w).sum::<f64>()).sqrt(),
    };
    let out_len = nperseg + nseg.saturating_sub(1) * step;
    let mut norm = vec![0.0; out_len];
    for k in 0..nseg {
        for (j, w) in win.iter().enumerate() {
            norm[k * step + j] += w * w;
        }
    }
    let (lo, hi) = if o.boundary { (nperseg / 2, out_len - nperseg / 2) } else { (0, out_len) };
    let hi = hi.max(lo);
    if o.check_nola && norm[lo..hi].iter().any(|&v| v <= 1e-10) {
        return Err(Error::invalid_argument(
            "window",
            "fails the NOLA condition (a sample is covered by no nonzero window value); the STFT may not be \
             invertible, set check_nola = false to get the unnormalized result",
        ));
    }
    // Outer axes (all but freq and time) in order, then freq, then time.
    let mut order: Vec<usize> = (0..ndim).filter(|&d| d != fa && d != ta).collect();
    let outer_shape: Vec<usize> = order.iter().map(|&d| zxx.len_of(Axis(d))).collect();
    order.push(fa);
    order.push(ta);
    let arranged = zxx.view().into_dyn().permuted_axes(IxDyn(&order));
    let lanes: usize = outer_shape.iter().product();
    let arranged = arranged
        .as_standard_layout()
        .into_owned()
        .into_shape_with_order((lanes, nfreq, nseg))
        .map_err(|e| Error::invalid_argument("zxx", e.to_string()))?;
    let mut x = Array2::<Complex64>::zeros((lanes, hi - lo));
    for (l, mut dst) in x.rows_mut().into_iter().enumerate() {
        let spectra: Array2<Complex64> =
            arranged.slice(s![l, .., ..]).mapv(|v| Complex64::new(v.re().as_f64(), v.im().as_f64()));
        let options = FftOptions { n: Some(nfft), axis: 0, ..Default::default() };
        let segments: Array2<Complex64> = if onesided {
            irfft_with(&spectra, &options)?.mapv(|v| Complex64::new(v, 0.0))
        } else {
            ifft_with(&spectra, &options)?
        };
        let mut acc = vec![Complex64::new(0.0, 0.0); out_len];
        for k in 0..nseg {
            for (j, w) in win.iter().enumerate() {
                acc[k * step + j] += segments[[j, k]] * (gain * w);
            }
        }
        for (i, d) in dst.iter_mut().enumerate() {
            let nv = norm[lo + i];
            *d = acc[lo + i] / if nv > 1e-10 { nv } else { 1.0 };
        }
    }
    // Back to the outer shape plus time, then move time where SciPy puts it.
    let mut shape = outer_shape;
    shape.push(hi - lo);
    let mut signal =
        x.into_shape_with_order(IxDyn(&shape)).map_err(|e| Error::invalid_argument("zxx", e.to_string()))?;
    if ta != ndim - 1 {
        let target = if fa < ta { ta - 1 } else { ta };
        let last = signal.ndim() - 1;
        let mut axes: Vec<usize> = (0..last).collect();
        axes.insert(target, last);
        signal = signal.permuted_axes(IxDyn(&axes)).as_standard_layout().into_owned();
    }
    let t = Array1::from_shape_fn(signal.shape()[0], |i| i as f64 / o.fs);
    Ok(Istft { t, x: signal })
}
