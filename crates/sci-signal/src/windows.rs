//! Window functions (`scipy.signal.windows` and `scipy.signal.get_window`).
//!
//! Every window takes its length `m` and `sym`: `true` gives the symmetric window used for
//! filter design, `false` the periodic one used for spectral analysis (the symmetric
//! window of length `m + 1` without its last sample), exactly as in SciPy. Lengths 0 and 1
//! give `[]` and `[1.0]`.

use std::f64::consts::PI;

use sci_core::ndarray::Array1;
use sci_core::{Error, Result};

/// A window and its parameters, for [`get_window`] (SciPy's `window` argument: a name or a
/// `(name, parameter)` tuple).
///
/// Parameterless windows can also be parsed from SciPy's names:
///
/// ```
/// use sci_signal::windows::Window;
/// assert_eq!("hann".parse::<Window>()?, Window::Hann);
/// assert_eq!("boxcar".parse::<Window>()?, Window::Boxcar);
/// assert!("kaiser".parse::<Window>().is_err()); // needs beta: use Window::Kaiser { beta }
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Window {
    /// [`hann`].
    Hann,
    /// [`hamming`].
    Hamming,
    /// [`blackman`].
    Blackman,
    /// [`blackmanharris`].
    BlackmanHarris,
    /// [`nuttall`].
    Nuttall,
    /// [`flattop`].
    Flattop,
    /// [`bartlett`].
    Bartlett,
    /// [`boxcar`] (rectangular).
    Boxcar,
    /// [`cosine`].
    Cosine,
    /// [`kaiser`] with shape parameter `beta`.
    Kaiser {
        /// Shape: 0 is rectangular, 5 is close to Hamming, 8.6 close to Blackman.
        beta: f64,
    },
    /// [`gaussian`] with standard deviation `std` (in samples).
    Gaussian {
        /// Standard deviation in samples.
        std: f64,
    },
    /// [`tukey`] with taper fraction `alpha`.
    Tukey {
        /// Fraction of the window inside the cosine taper (0: boxcar, 1: Hann).
        alpha: f64,
    },
    /// [`exponential`] with decay `tau` (centred).
    Exponential {
        /// Decay constant: the window falls by 1/e over `tau` samples.
        tau: f64,
    },
}

impl std::str::FromStr for Window {
    type Err = Error;

    fn from_str(s: &str) -> Result<Window> {
        Ok(match s {
            "hann" | "han" => Window::Hann,
            "hamming" | "hamm" | "ham" => Window::Hamming,
            "blackman" | "black" | "blk" => Window::Blackman,
            "blackmanharris" | "blackharr" | "bkh" => Window::BlackmanHarris,
            "nuttall" | "nutl" | "nut" => Window::Nuttall,
            "flattop" | "flat" | "flt" => Window::Flattop,
            "bartlett" | "bart" | "brt" => Window::Bartlett,
            "boxcar" | "box" | "ones" | "rect" | "rectangular" => Window::Boxcar,
            "cosine" | "halfcosine" => Window::Cosine,
            "tukey" | "tuk" => Window::Tukey { alpha: 0.5 },
            "exponential" | "poisson" => Window::Exponential { tau: 1.0 },
            "kaiser" | "ksr" | "gaussian" | "gauss" | "gss" => {
                return Err(Error::invalid_argument(
                    "window",
                    format!(
                        "the '{s}' window needs a parameter; use Window::Kaiser {{ beta }} or Window::Gaussian {{ std }}"
                    ),
                ));
            }
            _ => return Err(Error::invalid_argument("window", format!("unknown window type '{s}'"))),
        })
    }
}

/// A window of length `nx` (`scipy.signal.get_window(window, nx, fftbins)`): periodic
/// when `fftbins` is true (SciPy's default, for spectral analysis), symmetric otherwise.
///
/// ```
/// use sci_signal::windows::{get_window, Window};
/// let w = get_window(&Window::Hann, 4, true)?;
/// assert_eq!(w.to_vec(), vec![0.0, 0.5, 1.0, 0.5]);
/// let k = get_window(&Window::Kaiser { beta: 8.6 }, 5, false)?;
/// assert!((k[2] - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As the individual window functions (invalid parameters).
pub fn get_window(window: &Window, nx: usize, fftbins: bool) -> Result<Array1<f64>> {
    let sym = !fftbins;
    match *window {
        Window::Hann => Ok(hann(nx, sym)),
        Window::Hamming => Ok(hamming(nx, sym)),
        Window::Blackman => Ok(blackman(nx, sym)),
        Window::BlackmanHarris => Ok(blackmanharris(nx, sym)),
        Window::Nuttall => Ok(nuttall(nx, sym)),
        Window::Flattop => Ok(flattop(nx, sym)),
        Window::Bartlett => Ok(bartlett(nx, sym)),
        Window::Boxcar => Ok(boxcar(nx, sym)),
        Window::Cosine => Ok(cosine(nx, sym)),
        Window::Kaiser { beta } => kaiser(nx, beta, sym),
        Window::Gaussian { std } => gaussian(nx, std, sym),
        Window::Tukey { alpha } => tukey(nx, alpha, sym),
        Window::Exponential { tau } => exponential(nx, None, tau, sym),
    }
}

/// SciPy's `_len_guards` + `_extend`: `Err(w)` for the trivial lengths, else the length
/// to compute and whether to drop the last sample.
fn extend(m: usize, sym: bool) -> std::result::Result<(usize, bool), Array1<f64>> {
    if m <= 1 {
        return Err(Array1::ones(m));
    }
    Ok(if sym { (m, false) } else { (m + 1, true) })
}

fn truncate(mut w: Vec<f64>, needs: bool) -> Array1<f64> {
    if needs {
        w.pop();
    }
    Array1::from(w)
}

/// A generalized cosine window (`scipy.signal.windows.general_cosine(m, a, sym)`):
/// `w[n] = Σ_k a[k] cos(k·φ_n)` with `φ` spaced evenly over `[-π, π]`.
///
/// ```
/// use sci_signal::windows::general_cosine;
/// let w = general_cosine(5, &[0.5, 0.5], true); // the Hann window
/// assert!((w[2] - 1.0).abs() < 1e-15 && w[0].abs() < 1e-15);
/// ```
pub fn general_cosine(m: usize, a: &[f64], sym: bool) -> Array1<f64> {
    let (m, trunc) = match extend(m, sym) {
        Ok(v) => v,
        Err(w) => return w,
    };
    // numpy.linspace(-pi, pi, m): start + i·step, with the last point exactly pi.
    let step = 2.0 * PI / (m - 1) as f64;
    let w = (0..m)
        .map(|i| {
            let fac = if i == m - 1 { PI } else { i as f64 * step - PI };
            a.iter().enumerate().map(|(k, &ak)| ak * (k as f64 * fac).cos()).sum::<f64>()
        })
        .collect();
    truncate(w, trunc)
}

macro_rules! cosine_window {
    ($(#[$doc:meta])* $name:ident, $coefs:expr) => {
        $(#[$doc])*
        pub fn $name(m: usize, sym: bool) -> Array1<f64> {
            general_cosine(m, &$coefs, sym)
        }
    };
}

cosine_window!(
    /// The Hann window (`scipy.signal.windows.hann(m, sym)`): `0.5 - 0.5 cos(2πn/(M-1))`.
    ///
    /// ```
    /// let w = sci_signal::windows::hann(5, true);
    /// assert!((w[1] - 0.5).abs() < 1e-15);
    /// ```
    hann,
    [0.5, 0.5]
);
cosine_window!(
    /// The Hamming window (`scipy.signal.windows.hamming(m, sym)`): `0.54 - 0.46 cos(2πn/(M-1))`.
    ///
    /// ```
    /// let w = sci_signal::windows::hamming(3, true);
    /// assert!((w[0] - 0.08).abs() < 1e-15 && (w[1] - 1.0).abs() < 1e-15);
    /// ```
    hamming,
    [0.54, 0.46]
);
cosine_window!(
    /// The Blackman window (`scipy.signal.windows.blackman(m, sym)`), coefficients 0.42, 0.5, 0.08.
    ///
    /// ```
    /// let w = sci_signal::windows::blackman(3, true);
    /// assert!(w[0].abs() < 1e-15 && (w[1] - 1.0).abs() < 1e-15);
    /// ```
    blackman,
    [0.42, 0.50, 0.08]
);
cosine_window!(
    /// The minimum 4-term Blackman-Harris window (`scipy.signal.windows.blackmanharris`).
    ///
    /// ```
    /// let w = sci_signal::windows::blackmanharris(3, true);
    /// assert!((w[0] - 6e-5).abs() < 1e-15);
    /// ```
    blackmanharris,
    [0.35875, 0.48829, 0.14128, 0.01168]
);
cosine_window!(
    /// Nuttall's minimum 4-term Blackman-Harris window (`scipy.signal.windows.nuttall`).
    ///
    /// ```
    /// let w = sci_signal::windows::nuttall(3, true);
    /// assert!((w[1] - 1.0).abs() < 1e-15);
    /// ```
    nuttall,
    [0.3635819, 0.4891775, 0.1365995, 0.0106411]
);
cosine_window!(
    /// The flat top window (`scipy.signal.windows.flattop`), for amplitude-accurate spectra.
    ///
    /// ```
    /// let w = sci_signal::windows::flattop(3, true);
    /// assert!((w[1] - 1.000000003).abs() < 1e-12);
    /// ```
    flattop,
    [0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368]
);

/// The Bartlett (triangular, zero end points) window (`scipy.signal.windows.bartlett`).
///
/// ```
/// let w = sci_signal::windows::bartlett(5, true);
/// assert_eq!(w.to_vec(), vec![0.0, 0.5, 1.0, 0.5, 0.0]);
/// ```
pub fn bartlett(m: usize, sym: bool) -> Array1<f64> {
    let (m, trunc) = match extend(m, sym) {
        Ok(v) => v,
        Err(w) => return w,
    };
    let d = (m - 1) as f64;
    let w = (0..m)
        .map(|n| {
            let n = n as f64;
            if n <= d / 2.0 { 2.0 * n / d } else { 2.0 - 2.0 * n / d }
        })
        .collect();
    truncate(w, trunc)
}

/// The rectangular window (`scipy.signal.windows.boxcar`): all ones.
///
/// ```
/// assert_eq!(sci_signal::windows::boxcar(3, true).to_vec(), vec![1.0, 1.0, 1.0]);
/// ```
pub fn boxcar(m: usize, _sym: bool) -> Array1<f64> {
    Array1::ones(m)
}

/// The cosine (sine) window (`scipy.signal.windows.cosine`): `sin(π(n + ½)/M)`.
///
/// ```
/// let w = sci_signal::windows::cosine(2, true);
/// assert!((w[0] - (std::f64::consts::PI / 4.0).sin()).abs() < 1e-15);
/// ```
pub fn cosine(m: usize, sym: bool) -> Array1<f64> {
    let (m, trunc) = match extend(m, sym) {
        Ok(v) => v,
        Err(w) => return w,
    };
    let w = (0..m).map(|n| (PI / m as f64 * (n as f64 + 0.5)).sin()).collect();
    truncate(w, trunc)
}

/// The Kaiser window (`scipy.signal.windows.kaiser(m, beta, sym)`):
/// `I0(β √(1 - (2n/(M-1) - 1)²)) / I0(β)`, with `I0` the modified Bessel function of order 0
/// (computed here in exponentially scaled form, so large `β` does not overflow).
///
/// ```
/// let w = sci_signal::windows::kaiser(3, 0.0, true)?; // beta 0 is rectangular
/// assert_eq!(w.to_vec(), vec![1.0, 1.0, 1.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `beta` is not finite.
///
/// # Differences from SciPy
/// SciPy overflows to NaN for `β ≳ 710`; sci stays finite.
pub fn kaiser(m: usize, beta: f64, sym: bool) -> Result<Array1<f64>> {
    if !beta.is_finite() {
        return Err(Error::invalid_argument("beta", format!("must be finite, got {beta}")));
    }
    let (m, trunc) = match extend(m, sym) {
        Ok(v) => v,
        Err(w) => return Ok(w),
    };
    let alpha = (m - 1) as f64 / 2.0;
    let b = beta.abs();
    let den = i0e(b);
    let w = (0..m)
        .map(|n| {
            let r = (n as f64 - alpha) / alpha;
            let arg = b * (1.0 - r * r).max(0.0).sqrt();
            i0e(arg) / den * (arg - b).exp()
        })
        .collect();
    Ok(truncate(w, trunc))
}

/// The Gaussian window (`scipy.signal.windows.gaussian(m, std, sym)`):
/// `exp(-½ ((n - (M-1)/2) / std)²)`.
///
/// ```
/// let w = sci_signal::windows::gaussian(3, 1.0, true)?;
/// assert!((w[0] - (-0.5f64).exp()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `std` is finite and positive.
pub fn gaussian(m: usize, std: f64, sym: bool) -> Result<Array1<f64>> {
    sci_core::validate::check_positive("std", std)?;
    let (m, trunc) = match extend(m, sym) {
        Ok(v) => v,
        Err(w) => return Ok(w),
    };
    let c = (m as f64 - 1.0) / 2.0;
    let sig2 = 2.0 * std * std;
    let w = (0..m).map(|n| (-(n as f64 - c).powi(2) / sig2).exp()).collect();
    Ok(truncate(w, trunc))
}

/// The Tukey (tapered cosine) window (`scipy.signal.windows.tukey(m, alpha, sym)`): flat in
/// the middle, cosine tapers over a fraction `alpha` of the length; `alpha <= 0` is a boxcar,
/// `alpha >= 1` a Hann window.
///
/// ```
/// let w = sci_signal::windows::tukey(5, 0.5, true)?;
/// assert_eq!(w.to_vec(), vec![0.0, 1.0, 1.0, 1.0, 0.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `alpha` is NaN.
pub fn tukey(m: usize, alpha: f64, sym: bool) -> Result<Array1<f64>> {
    if alpha.is_nan() {
        return Err(Error::invalid_argument("alpha", "must be a number, got NaN"));
    }
    if m <= 1 {
        return Ok(Array1::ones(m));
    }
    if alpha <= 0.0 {
        return Ok(Array1::ones(m));
    }
    if alpha >= 1.0 {
        return Ok(hann(m, sym));
    }
    let (m, trunc) = if sym { (m, false) } else { (m + 1, true) };
    let d = (m - 1) as f64;
    let width = (alpha * d / 2.0).floor() as usize;
    let w = (0..m)
        .map(|n| {
            let nf = n as f64;
            if n <= width {
                0.5 * (1.0 + (PI * (-1.0 + 2.0 * nf / alpha / d)).cos())
            } else if n < m - width - 1 {
                1.0
            } else {
                0.5 * (1.0 + (PI * (-2.0 / alpha + 1.0 + 2.0 * nf / alpha / d)).cos())
            }
        })
        .collect();
    Ok(truncate(w, trunc))
}

/// The exponential (Poisson) window (`scipy.signal.windows.exponential(m, center, tau, sym)`):
/// `exp(-|n - center| / tau)`, centred by default.
///
/// ```
/// let w = sci_signal::windows::exponential(3, None, 1.0, true)?;
/// assert!((w[0] - (-1.0f64).exp()).abs() < 1e-15 && w[1] == 1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `center` is given with `sym = true` (as SciPy), or `tau`
/// is not finite and positive.
pub fn exponential(m: usize, center: Option<f64>, tau: f64, sym: bool) -> Result<Array1<f64>> {
    if sym && center.is_some() {
        return Err(Error::invalid_argument("center", "if sym is true, center must be None"));
    }
    sci_core::validate::check_positive("tau", tau)?;
    let (m, trunc) = match extend(m, sym) {
        Ok(v) => v,
        Err(w) => return Ok(w),
    };
    let c = center.unwrap_or((m as f64 - 1.0) / 2.0);
    let w = (0..m).map(|n| (-(n as f64 - c).abs() / tau).exp()).collect();
    Ok(truncate(w, trunc))
}

/// `exp(-x) I0(x)` for `x >= 0`: the power series `Σ (x²/4)^k / (k!)²` (all terms positive,
/// so accurate to a few ulps) up to 30, the asymptotic series `e^x / √(2πx) · Σ_k
/// ((2k-1)!!)² / (k! (8x)^k)` beyond (its smallest term there is below 1e-25).
pub(crate) fn i0e(x: f64) -> f64 {
    let x = x.abs();
    if x <= 30.0 {
        let q = x * x / 4.0;
        let mut term = 1.0;
        let mut sum = 1.0;
        let mut k = 1.0;
        while term > sum * 1e-17 {
            term *= q / (k * k);
            sum += term;
            k += 1.0;
        }
        sum * (-x).exp()
    } else {
        let mut term = 1.0;
        let mut sum = 1.0;
        for k in 1..60 {
            let kf = k as f64;
            let next = term * (2.0 * kf - 1.0).powi(2) / (kf * 8.0 * x);
            if next < sum * 1e-17 {
                break;
            }
            term = next;
            sum += term;
        }
        sum / (2.0 * PI * x).sqrt()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i0_reference_values() {
        // I0 values from scipy.special.i0 (Cephes).
        let cases = [
            (0.0, 1.0),
            (1.0, 1.2660658777520082),
            (5.0, 27.239871823604442),
            (14.0, 129418.56270064856),
            (29.9, 708478330489.0146),
            (30.1, 862432920031.7792),
            (50.0, 2.9325537838493355e20),
        ];
        for (x, want) in cases {
            let got = i0e(x) * x.exp();
            assert!(((got - want) / want).abs() < 1e-13, "I0({x}) = {got}, want {want}");
        }
        // continuity at the switch between the two series
        let (a, b) = (i0e(30.0 - 1e-12), i0e(30.0 + 1e-12));
        assert!(((a - b) / a).abs() < 1e-13);
    }
}
