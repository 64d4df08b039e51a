//! FIR filter design by the window method: SciPy's `firwin`, `firwin2`, `kaiserord`,
//! `kaiser_beta` and `kaiser_atten`.

use std::f64::consts::PI;

use sci_core::ndarray::Array1;
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use crate::fft::{FftOptions, irfft_with};
use crate::windows::{Window, get_window};

/// Which bands [`firwin`] passes (SciPy's `pass_zero`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PassZero {
    /// The band starting at 0 passes (`True`, default): low-pass for one cutoff, band-stop
    /// for two or more.
    #[default]
    Yes,
    /// The band starting at 0 is stopped (`False`): high-pass or band-pass.
    No,
    /// `'lowpass'`: exactly one cutoff, DC passes.
    Lowpass,
    /// `'highpass'`: exactly one cutoff, DC stopped.
    Highpass,
    /// `'bandpass'`: at least two cutoffs, DC stopped.
    Bandpass,
    /// `'bandstop'`: at least two cutoffs, DC passes.
    Bandstop,
}

/// Options of [`firwin_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, PartialEq)]
pub struct FirwinOptions {
    /// Transition width for a Kaiser window designed by [`kaiser_atten`]/[`kaiser_beta`];
    /// overrides `window` (default `None`).
    pub width: Option<f64>,
    /// The window (default Hamming), evaluated symmetrically.
    pub window: Window,
    /// Band selection (default: DC passes).
    pub pass_zero: PassZero,
    /// Normalize the gain at the centre of the first passband to 1 (default `true`).
    pub scale: bool,
    /// Sampling frequency; cutoffs are in the same units (default 2, so the Nyquist
    /// frequency is 1).
    pub fs: f64,
}

impl Default for FirwinOptions {
    fn default() -> Self {
        FirwinOptions { width: None, window: Window::Hamming, pass_zero: PassZero::Yes, scale: true, fs: 2.0 }
    }
}

fn sinc(x: f64) -> f64 {
    if x == 0.0 { 1.0 } else { (PI * x).sin() / (PI * x) }
}

/// Linear-phase FIR filter with the given cutoffs by the window method, SciPy's
/// `firwin(numtaps, cutoff)` (Hamming window, DC passes, gain normalized).
///
/// # Errors
/// As [`firwin_with`].
///
/// ```
/// use sci_signal::firwin;
/// let h = firwin(31, &[0.3])?;
/// assert!((h.sum() - 1.0).abs() < 1e-14);
/// assert!((h[0] - h[30]).abs() < 1e-16);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn firwin(numtaps: usize, cutoff: &[f64]) -> Result<Array1<f64>> {
    firwin_with(numtaps, cutoff, &FirwinOptions::default())
}

/// [`firwin`] with SciPy's keyword arguments: the ideal response (a sum of differences of
/// `sinc` functions, one per passband) times the window, optionally normalized to unit
/// gain at DC, at Nyquist, or at the centre of the first passband. `O(numtaps · bands)`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `numtaps = 0`, no cutoff, a cutoff outside `(0, fs/2)`,
/// cutoffs not strictly increasing, a `pass_zero` choice inconsistent with the number of
/// cutoffs, or an even `numtaps` for a filter that passes the Nyquist frequency.
///
/// ```
/// use sci_signal::{firwin_with, FirwinOptions, PassZero};
/// // A band-pass 100–200 Hz filter for 1 kHz sampling.
/// let o = FirwinOptions { pass_zero: PassZero::Bandpass, fs: 1000.0, ..Default::default() };
/// let h = firwin_with(101, &[100.0, 200.0], &o)?;
/// assert_eq!(h.len(), 101);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn firwin_with(numtaps: usize, cutoff: &[f64], options: &FirwinOptions) -> Result<Array1<f64>> {
    if numtaps == 0 {
        return Err(Error::invalid_argument("numtaps", "must be at least 1"));
    }
    if !(options.fs.is_finite() && options.fs > 0.0) {
        return Err(Error::invalid_argument(
            "fs",
            format!("must be positive and finite, was {}", options.fs),
        ));
    }
    let nyq = 0.5 * options.fs;
    let cut: Vec<f64> = cutoff.iter().map(|c| c / nyq).collect();
    if cut.is_empty() {
        return Err(Error::invalid_argument("cutoff", "at least one cutoff frequency must be given"));
    }
    if cut.iter().any(|&c| c.is_nan() || c <= 0.0 || c >= 1.0) {
        return Err(Error::invalid_argument(
            "cutoff",
            "frequencies must be greater than 0 and less than fs/2",
        ));
    }
    if cut.windows(2).any(|w| w[1] <= w[0]) {
        return Err(Error::invalid_argument("cutoff", "frequencies must be strictly increasing"));
    }
    let pass_zero = match options.pass_zero {
        PassZero::Yes => true,
        PassZero::No => false,
        PassZero::Lowpass | PassZero::Highpass if cut.len() != 1 => {
            return Err(Error::invalid_argument(
                "cutoff",
                "must have one element for a low-pass or high-pass filter",
            ));
        }
        PassZero::Bandpass | PassZero::Bandstop if cut.len() < 2 => {
            return Err(Error::invalid_argument(
                "cutoff",
                "must have at least two elements for a band-pass or band-stop filter",
            ));
        }
        PassZero::Lowpass | PassZero::Bandstop => true,
        PassZero::Highpass | PassZero::Bandpass => false,
    };
    let pass_nyquist = (cut.len() % 2 == 1) ^ pass_zero;
    if pass_nyquist && numtaps.is_multiple_of(2) {
        return Err(Error::invalid_argument(
            "numtaps",
            "a filter with an even number of coefficients must have zero response at the Nyquist frequency",
        ));
    }
    let mut edges = Vec::with_capacity(cut.len() + 2);
    if pass_zero {
        edges.push(0.0);
    }
    edges.extend_from_slice(&cut);
    if pass_nyquist {
        edges.push(1.0);
    }
    let window = match options.width {
        Some(width) => Window::Kaiser { beta: kaiser_beta(kaiser_atten(numtaps, width / nyq)) },
        None => options.window,
    };
    let alpha = 0.5 * (numtaps as f64 - 1.0);
    let m: Vec<f64> = (0..numtaps).map(|i| i as f64 - alpha).collect();
    let mut h = vec![0.0; numtaps];
    for band in edges.chunks(2) {
        let (left, right) = (band[0], band[1]);
        for (hi, &mi) in h.iter_mut().zip(&m) {
            *hi += right * sinc(right * mi) - left * sinc(left * mi);
        }
    }
    let win = get_window(&window, numtaps, false)?;
    for (hi, w) in h.iter_mut().zip(win.iter()) {
        *hi *= w;
    }
    if options.scale {
        let (left, right) = (edges[0], edges[1]);
        let f = if left == 0.0 {
            0.0
        } else if right == 1.0 {
            1.0
        } else {
            0.5 * (left + right)
        };
        let s: f64 = h.iter().zip(&m).map(|(hi, mi)| hi * (PI * mi * f).cos()).sum();
        for hi in &mut h {
            *hi /= s;
        }
    }
    Ok(Array1::from(h))
}

/// Options of [`firwin2_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, PartialEq)]
pub struct Firwin2Options {
    /// Size of the interpolation mesh (default `1 + 2^⌈log₂ numtaps⌉`).
    pub nfreqs: Option<usize>,
    /// The window (default Hamming); `None` for no window.
    pub window: Option<Window>,
    /// Design an antisymmetric (type III/IV) filter (default `false`).
    pub antisymmetric: bool,
    /// Sampling frequency (default 2).
    pub fs: f64,
}

impl Default for Firwin2Options {
    fn default() -> Self {
        Firwin2Options { nfreqs: None, window: Some(Window::Hamming), antisymmetric: false, fs: 2.0 }
    }
}

/// FIR filter with an arbitrary piecewise-linear gain by frequency sampling, SciPy's
/// `firwin2(numtaps, freq, gain, nfreqs, window, antisymmetric, fs)`: the gain is
/// interpolated on a uniform mesh, given linear phase, inverse-FFT'd and windowed.
/// `O(nfreqs log nfreqs)`.
///
/// # Errors
/// [`Error::InvalidArgument`] when `freq` and `gain` differ in length, `freq` does not run
/// from 0 to `fs/2` non-decreasingly (values may repeat once, not at the ends),
/// `nfreqs ≤ numtaps`, or the gain is nonzero where the filter type forces a zero
/// (Nyquist for even `numtaps`; DC for antisymmetric filters).
///
/// ```
/// use sci_signal::firwin2;
/// // Low-pass: gain 1 up to 0.5, falling to 0 at Nyquist.
/// let h = firwin2(51, &[0.0, 0.5, 1.0], &[1.0, 1.0, 0.0])?;
/// assert!((h.sum() - 1.0).abs() < 0.02);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn firwin2(numtaps: usize, freq: &[f64], gain: &[f64]) -> Result<Array1<f64>> {
    firwin2_with(numtaps, freq, gain, &Firwin2Options::default())
}

/// [`firwin2`] with options.
///
/// # Errors
/// As [`firwin2`].
///
/// ```
/// use sci_signal::{firwin2_with, Firwin2Options};
/// let o = Firwin2Options { antisymmetric: true, ..Default::default() };
/// let h = firwin2_with(31, &[0.0, 0.5, 1.0], &[0.0, 1.0, 0.0], &o)?;
/// assert_eq!(h[15], 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn firwin2_with(
    numtaps: usize,
    freq: &[f64],
    gain: &[f64],
    options: &Firwin2Options,
) -> Result<Array1<f64>> {
    if numtaps == 0 {
        return Err(Error::invalid_argument("numtaps", "must be at least 1"));
    }
    if !(options.fs.is_finite() && options.fs > 0.0) {
        return Err(Error::invalid_argument(
            "fs",
            format!("must be positive and finite, was {}", options.fs),
        ));
    }
    let nyq = 0.5 * options.fs;
    if freq.len() != gain.len() {
        return Err(Error::invalid_argument("gain", "freq and gain must be of same length"));
    }
    if freq.len() < 2 || freq[0] != 0.0 || freq[freq.len() - 1] != nyq {
        return Err(Error::invalid_argument("freq", "must start with 0 and end with fs/2"));
    }
    let nfreqs = options.nfreqs.unwrap_or(1 + numtaps.next_power_of_two());
    if numtaps >= nfreqs {
        return Err(Error::invalid_argument(
            "nfreqs",
            format!("must exceed numtaps = {numtaps}, was {nfreqs}"),
        ));
    }
    let d: Vec<f64> = freq.windows(2).map(|w| w[1] - w[0]).collect();
    if d.iter().any(|&v| v < 0.0) {
        return Err(Error::invalid_argument("freq", "values must be nondecreasing"));
    }
    if d.windows(2).any(|w| w[0] + w[1] == 0.0) {
        return Err(Error::invalid_argument("freq", "a value must not occur more than twice"));
    }
    if freq[1] == 0.0 {
        return Err(Error::invalid_argument("freq", "value 0 must not be repeated"));
    }
    if freq[freq.len() - 2] == nyq {
        return Err(Error::invalid_argument("freq", "value fs/2 must not be repeated"));
    }
    let ftype = match (options.antisymmetric, numtaps.is_multiple_of(2)) {
        (false, false) => 1,
        (false, true) => 2,
        (true, false) => 3,
        (true, true) => 4,
    };
    let (g0, gn) = (gain[0], gain[gain.len() - 1]);
    if ftype == 2 && gn != 0.0 {
        return Err(Error::invalid_argument(
            "gain",
            "a type II filter must have zero gain at the Nyquist frequency",
        ));
    }
    if ftype == 3 && (g0 != 0.0 || gn != 0.0) {
        return Err(Error::invalid_argument(
            "gain",
            "a type III filter must have zero gain at zero and Nyquist frequencies",
        ));
    }
    if ftype == 4 && g0 != 0.0 {
        return Err(Error::invalid_argument(
            "gain",
            "a type IV filter must have zero gain at zero frequency",
        ));
    }
    // Separate repeated frequencies by one ulp of fs/2 so interpolation sees a step.
    let mut f = freq.to_vec();
    let eps = f64::EPSILON * nyq;
    for k in 0..f.len() - 1 {
        if f[k] == f[k + 1] {
            f[k] -= eps;
            f[k + 1] += eps;
        }
    }
    if f.windows(2).any(|w| w[1] <= w[0]) {
        return Err(Error::invalid_argument("freq", "values are too close to a repeated value"));
    }
    let mesh: Vec<f64> = (0..nfreqs).map(|i| nyq * i as f64 / (nfreqs - 1) as f64).collect();
    let spectrum: Array1<Complex64> = mesh
        .iter()
        .map(|&x| {
            let g = interp(x, &f, gain);
            let phase = -(numtaps as f64 - 1.0) / 2.0 * PI * x / nyq;
            let shift = Complex64::new(phase.cos(), phase.sin());
            let shift = if ftype > 2 { shift * Complex64::new(0.0, 1.0) } else { shift };
            shift * g
        })
        .collect();
    let full: Array1<f64> = irfft_with(&spectrum, &FftOptions::default())?;
    let mut out: Vec<f64> = full.iter().take(numtaps).copied().collect();
    if let Some(w) = &options.window {
        let win = get_window(w, numtaps, false)?;
        for (o, w) in out.iter_mut().zip(win.iter()) {
            *o *= w;
        }
    }
    if ftype == 3 {
        out[numtaps / 2] = 0.0;
    }
    Ok(Array1::from(out))
}

/// NumPy's `interp` for increasing `xp` (clamped outside).
fn interp(x: f64, xp: &[f64], fp: &[f64]) -> f64 {
    let n = xp.len();
    if x <= xp[0] {
        return fp[0];
    }
    if x >= xp[n - 1] {
        return fp[n - 1];
    }
    let j = xp.partition_point(|&v| v <= x);
    let (x0, x1, y0, y1) = (xp[j - 1], xp[j], fp[j - 1], fp[j]);
    let slope = (y1 - y0) / (x1 - x0);
    slope * (x - x0) + y0
}

/// Kaiser's empirical `β` for a stop-band attenuation of `a` dB, SciPy's `kaiser_beta`.
///
/// ```
/// assert!((sci_signal::kaiser_beta(65.0) - 0.1102 * (65.0 - 8.7)).abs() < 1e-15);
/// assert_eq!(sci_signal::kaiser_beta(15.0), 0.0);
/// ```
pub fn kaiser_beta(a: f64) -> f64 {
    if a > 50.0 {
        0.1102 * (a - 8.7)
    } else if a > 21.0 {
        0.5842 * (a - 21.0).powf(0.4) + 0.07886 * (a - 21.0)
    } else {
        0.0
    }
}

/// Attenuation in dB of a Kaiser-window FIR filter with `numtaps` taps and transition width
/// `width` (relative to Nyquist), SciPy's `kaiser_atten`.
///
/// ```
/// let a = sci_signal::kaiser_atten(101, 0.05);
/// assert!((a - (2.285 * 100.0 * std::f64::consts::PI * 0.05 + 7.95)).abs() < 1e-12);
/// ```
pub fn kaiser_atten(numtaps: usize, width: f64) -> f64 {
    2.285 * (numtaps as f64 - 1.0) * PI * width + 7.95
}

/// Number of taps and `β` for a Kaiser-window design with `ripple` dB attenuation and
/// transition `width` (relative to Nyquist), SciPy's `kaiserord`.
///
/// # Errors
/// [`Error::InvalidArgument`] if `|ripple| < 8` (outside the formula's range) or
/// `width ≤ 0`.
///
/// ```
/// let (taps, beta) = sci_signal::kaiserord(65.0, 0.05)?;
/// assert_eq!(taps, 160);
/// assert!((beta - 6.20426).abs() < 1e-5);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn kaiserord(ripple: f64, width: f64) -> Result<(usize, f64)> {
    let a = ripple.abs();
    if a.is_nan() || a < 8.0 {
        return Err(Error::invalid_argument(
            "ripple",
            format!("attenuation {a} dB is too small for the Kaiser formula"),
        ));
    }
    if width.is_nan() || width <= 0.0 {
        return Err(Error::invalid_argument("width", format!("must be positive, was {width}")));
    }
    let taps = (a - 7.95) / 2.285 / (PI * width) + 1.0;
    Ok((taps.ceil() as usize, kaiser_beta(a)))
}
