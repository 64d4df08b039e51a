//! IIR filter design and representations: `butter`, `iirfilter`, `buttap`, the `lp2*_zpk`
//! frequency transforms, `bilinear_zpk`, `zpk2tf`, `tf2zpk`, `zpk2sos`, `tf2sos`, `sos2tf`,
//! `freqz`, `sosfreqz`.

use std::f64::consts::PI;

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use crate::poly::{poly, roots};

/// A filter as zeros, poles and gain: `H(s) = k Π(s - z) / Π(s - p)` (SciPy's `output='zpk'`).
#[derive(Debug, Clone, PartialEq)]
pub struct Zpk {
    /// Zeros.
    pub z: Array1<Complex64>,
    /// Poles.
    pub p: Array1<Complex64>,
    /// Gain.
    pub k: f64,
}

/// A filter as numerator and denominator polynomials, highest power first (SciPy's
/// `output='ba'`).
#[derive(Debug, Clone, PartialEq)]
pub struct Ba {
    /// Numerator coefficients.
    pub b: Array1<f64>,
    /// Denominator coefficients.
    pub a: Array1<f64>,
}

/// SciPy's `btype`.
///
/// ```
/// use sci_signal::BandType;
/// assert_eq!(BandType::default(), BandType::Lowpass);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BandType {
    /// Pass below the critical frequency (default).
    #[default]
    Lowpass,
    /// Pass above the critical frequency.
    Highpass,
    /// Pass between the two critical frequencies.
    Bandpass,
    /// Stop between the two critical frequencies.
    Bandstop,
}

/// SciPy's `ftype` of [`iirfilter`], with the ripple parameter the family needs
/// (SciPy's `rp`/`rs` arguments).
///
/// ```
/// use sci_signal::IirType;
/// assert_eq!(IirType::default(), IirType::Butter);
/// let _ = IirType::Cheby1 { rp: 0.5 };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum IirType {
    /// Butterworth: maximally flat pass band.
    #[default]
    Butter,
    /// Chebyshev type I: equiripple pass band with `rp` dB of ripple.
    Cheby1 {
        /// Maximum pass-band ripple in dB (> 0).
        rp: f64,
    },
    /// Chebyshev type II: equiripple stop band at least `rs` dB down.
    Cheby2 {
        /// Minimum stop-band attenuation in dB (> 0).
        rs: f64,
    },
}

/// Keyword arguments of [`butter`] and [`iirfilter`].
///
/// ```
/// use sci_signal::{butter_with, BandType, IirOptions};
/// let ba = butter_with(2, &[100.0, 200.0], &IirOptions { btype: BandType::Bandpass, fs: Some(1000.0), ..Default::default() })?;
/// assert_eq!(ba.a.len(), 5);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IirOptions {
    /// Band type; default lowpass.
    pub btype: BandType,
    /// Design an analog filter (critical frequencies in rad/s) instead of a digital one.
    pub analog: bool,
    /// Sampling frequency of a digital filter; `None` means frequencies are normalized
    /// to the Nyquist frequency (`0 < Wn < 1`).
    pub fs: Option<f64>,
    /// Filter family; default Butterworth.
    pub ftype: IirType,
}

/// SciPy's `pairing` of [`zpk2sos`].
///
/// ```
/// use sci_signal::Pairing;
/// let _ = Pairing::Nearest;
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pairing {
    /// Pair each pole with the nearest zero (digital default).
    Nearest,
    /// As nearest, but keep an odd real pole in a first-order section.
    KeepOdd,
    /// Minimal sections (the only choice, and the default, for analog filters).
    Minimal,
}

/// Keyword arguments of [`zpk2sos`] and [`tf2sos`].
///
/// ```
/// use sci_signal::SosOptions;
/// assert_eq!(SosOptions::default().pairing, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SosOptions {
    /// Pole/zero pairing; `None` is SciPy's default (nearest, or minimal if analog).
    pub pairing: Option<Pairing>,
    /// The system is analog (the "worst" poles are those nearest the imaginary axis).
    pub analog: bool,
}

fn relative_degree(z: &[Complex64], p: &[Complex64]) -> Result<usize> {
    p.len().checked_sub(z.len()).ok_or_else(|| {
        Error::invalid_argument("z", "improper transfer function: must have at least as many poles as zeros")
    })
}

/// Complex division as NumPy performs it (Smith's algorithm, real operands promoted to
/// complex). Its signed zeros decide which branch `sqrt` takes in the band transforms, so
/// matching them gives SciPy's pole order exactly.
fn npdiv(a: Complex64, b: Complex64) -> Complex64 {
    if b.re.abs() >= b.im.abs() {
        if b.re == 0.0 && b.im == 0.0 {
            return Complex64::new(a.re / b.re.abs(), a.im / b.re.abs());
        }
        let rat = b.im / b.re;
        let scl = 1.0 / (b.re + b.im * rat);
        Complex64::new((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
    } else {
        let rat = b.re / b.im;
        let scl = 1.0 / (b.im + b.re * rat);
        Complex64::new((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
    }
}

/// Complex multiplication as NumPy performs `complex * float`: the float is promoted to
/// `(f, +0)` and the full product formed, which can turn `-0` parts into `+0`.
fn npmul(a: Complex64, b: Complex64) -> Complex64 {
    Complex64::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

fn real(x: f64) -> Complex64 {
    Complex64::new(x, 0.0)
}

fn prod(v: &[Complex64]) -> Complex64 {
    v.iter().fold(Complex64::new(1.0, 0.0), |acc, &x| acc * x)
}

/// Analog Butterworth lowpass prototype of order `n` (`scipy.signal.buttap(n)`): no zeros,
/// poles evenly spaced on the left half of the unit circle, gain 1.
///
/// ```
/// let z = sci_signal::buttap(3);
/// assert_eq!(z.p.len(), 3);
/// assert!(z.p.iter().all(|p| (p.norm() - 1.0).abs() < 1e-15 && p.re < 0.0));
/// ```
pub fn buttap(n: usize) -> Zpk {
    let p = (0..n)
        .map(|i| {
            let m = -(n as f64) + 1.0 + 2.0 * i as f64;
            -Complex64::new(0.0, PI * m / (2.0 * n as f64)).exp()
        })
        .collect();
    Zpk { z: Array1::from(Vec::<Complex64>::new()), p, k: 1.0 }
}

fn check_db(name: &str, v: f64) -> Result<()> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid_argument(name, format!("must be a finite number of decibels > 0, got {v}")))
    }
}

/// Analog Chebyshev type I lowpass prototype of order `n` with `rp` dB of pass-band ripple
/// (`scipy.signal.cheb1ap(n, rp)`): poles `-sinh(μ + iθ_m)` with `μ = asinh(1/ε)/n`,
/// `ε = √(10^(rp/10) - 1)`; the gain makes the peak pass-band gain 1.
///
/// ```
/// let f = sci_signal::cheb1ap(4, 1.0)?;
/// assert_eq!((f.z.len(), f.p.len()), (0, 4));
/// assert!(f.p.iter().all(|p| p.re < 0.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `rp` is finite and positive.
pub fn cheb1ap(n: usize, rp: f64) -> Result<Zpk> {
    check_db("rp", rp)?;
    if n == 0 {
        return Ok(Zpk { z: Array1::from(vec![]), p: Array1::from(vec![]), k: 10f64.powf(-rp / 20.0) });
    }
    let eps = (10f64.powf(0.1 * rp) - 1.0).sqrt();
    let mu = 1.0 / n as f64 * (1.0 / eps).asinh();
    let p: Vec<Complex64> = (0..n)
        .map(|i| {
            let m = -(n as f64) + 1.0 + 2.0 * i as f64;
            let theta = PI * m / (2.0 * n as f64);
            -Complex64::new(mu, theta).sinh()
        })
        .collect();
    let mut k = prod(&p.iter().map(|&v| -v).collect::<Vec<_>>()).re;
    if n.is_multiple_of(2) {
        k /= (1.0 + eps * eps).sqrt();
    }
    Ok(Zpk { z: Array1::from(vec![]), p: Array1::from(p), k })
}

/// Analog Chebyshev type II lowpass prototype of order `n` with the stop band `rs` dB down
/// (`scipy.signal.cheb2ap(n, rs)`), normalized so the stop band starts at 1 rad/s.
///
/// ```
/// let f = sci_signal::cheb2ap(3, 40.0)?;
/// assert_eq!((f.z.len(), f.p.len()), (2, 3));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `rs` is finite and positive.
pub fn cheb2ap(n: usize, rs: f64) -> Result<Zpk> {
    check_db("rs", rs)?;
    if n == 0 {
        return Ok(Zpk { z: Array1::from(vec![]), p: Array1::from(vec![]), k: 1.0 });
    }
    let nf = n as f64;
    let de = 1.0 / (10f64.powf(0.1 * rs) - 1.0).sqrt();
    let mu = (1.0 / de).asinh() / nf;
    let ms: Vec<f64> =
        (0..n).map(|i| -nf + 1.0 + 2.0 * i as f64).filter(|&m| n.is_multiple_of(2) || m != 0.0).collect();
    let z: Vec<Complex64> =
        ms.iter().map(|&m| npdiv(Complex64::new(0.0, 1.0), real((m * PI / (2.0 * nf)).sin()))).collect();
    let p: Vec<Complex64> = (0..n)
        .map(|i| {
            let m = -nf + 1.0 + 2.0 * i as f64;
            let theta = PI * m / (2.0 * nf);
            npdiv(real(-1.0), Complex64::new(mu, theta).sinh())
        })
        .collect();
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let k = npdiv(prod(&neg(&p)), prod(&neg(&z))).re;
    Ok(Zpk { z: Array1::from(z), p: Array1::from(p), k })
}

/// Lowpass prototype to lowpass with cutoff `wo` rad/s (`scipy.signal.lp2lp_zpk`).
///
/// ```
/// let z = sci_signal::lp2lp_zpk(&sci_signal::buttap(1), 2.0)?;
/// assert_eq!((z.p[0].re, z.k), (-2.0, 2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if there are more zeros than poles.
pub fn lp2lp_zpk(f: &Zpk, wo: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    Ok(Zpk { z: f.z.mapv(|v| v * wo), p: f.p.mapv(|v| v * wo), k: f.k * wo.powi(degree as i32) })
}

/// Lowpass prototype to highpass with cutoff `wo` rad/s (`scipy.signal.lp2hp_zpk`).
///
/// ```
/// let z = sci_signal::lp2hp_zpk(&sci_signal::buttap(1), 2.0)?;
/// assert_eq!((z.z[0].re, z.p[0].re), (0.0, -2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`].
pub fn lp2hp_zpk(f: &Zpk, wo: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    let mut zh: Vec<Complex64> = z.iter().map(|&v| npdiv(real(wo), v)).collect();
    let ph: Vec<Complex64> = p.iter().map(|&v| npdiv(real(wo), v)).collect();
    zh.extend(std::iter::repeat_n(Complex64::new(0.0, 0.0), degree));
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let k = f.k * npdiv(prod(&neg(&z)), prod(&neg(&p))).re;
    Ok(Zpk { z: Array1::from(zh), p: Array1::from(ph), k })
}

fn band_split(v: &[Complex64], wo: f64) -> Vec<Complex64> {
    let mut out: Vec<Complex64> = v.iter().map(|&x| x + (x * x - wo * wo).sqrt()).collect();
    out.extend(v.iter().map(|&x| x - (x * x - wo * wo).sqrt()));
    out
}

/// Lowpass prototype to bandpass with centre `wo` and width `bw` rad/s
/// (`scipy.signal.lp2bp_zpk`).
///
/// ```
/// let z = sci_signal::lp2bp_zpk(&sci_signal::buttap(2), 1.0, 0.5)?;
/// assert_eq!((z.z.len(), z.p.len()), (2, 4));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`].
pub fn lp2bp_zpk(f: &Zpk, wo: f64, bw: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    // `v * bw / 2` as NumPy evaluates it (full complex product and Smith division): the
    // signs of zero parts decide SciPy's branch of the square root below.
    let zl: Vec<Complex64> = z.iter().map(|&v| npdiv(npmul(v, real(bw)), real(2.0))).collect();
    let pl: Vec<Complex64> = p.iter().map(|&v| npdiv(npmul(v, real(bw)), real(2.0))).collect();
    let mut zb = band_split(&zl, wo);
    zb.extend(std::iter::repeat_n(Complex64::new(0.0, 0.0), degree));
    Ok(Zpk { z: Array1::from(zb), p: Array1::from(band_split(&pl, wo)), k: f.k * bw.powi(degree as i32) })
}

/// Lowpass prototype to bandstop with centre `wo` and width `bw` rad/s
/// (`scipy.signal.lp2bs_zpk`).
///
/// ```
/// let z = sci_signal::lp2bs_zpk(&sci_signal::buttap(2), 1.0, 0.5)?;
/// assert_eq!((z.z.len(), z.p.len()), (4, 4));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`].
pub fn lp2bs_zpk(f: &Zpk, wo: f64, bw: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    let zh: Vec<Complex64> = z.iter().map(|&v| npdiv(real(bw / 2.0), v)).collect();
    let ph: Vec<Complex64> = p.iter().map(|&v| npdiv(real(bw / 2.0), v)).collect();
    let mut zb = band_split(&zh, wo);
    zb.extend(std::iter::repeat_n(Complex64::new(0.0, wo), degree));
    zb.extend(std::iter::repeat_n(Complex64::new(0.0, -wo), degree));
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let k = f.k * npdiv(prod(&neg(&z)), prod(&neg(&p))).re;
    Ok(Zpk { z: Array1::from(zb), p: Array1::from(band_split(&ph, wo)), k })
}

/// Bilinear transform of an analog filter to a digital one at sampling rate `fs`
/// (`scipy.signal.bilinear_zpk`): `z = (2fs + s) / (2fs - s)`.
///
/// ```
/// let d = sci_signal::bilinear_zpk(&sci_signal::buttap(1), 2.0)?;
/// assert_eq!(d.z[0].re, -1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`], and [`Error::InvalidArgument`] unless `fs` is finite and positive.
pub fn bilinear_zpk(f: &Zpk, fs: f64) -> Result<Zpk> {
    sci_core::validate::check_positive("fs", fs)?;
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    let fs2 = 2.0 * fs;
    let mut zz: Vec<Complex64> = z.iter().map(|&v| npdiv(fs2 + v, fs2 - v)).collect();
    let pz: Vec<Complex64> = p.iter().map(|&v| npdiv(fs2 + v, fs2 - v)).collect();
    zz.extend(std::iter::repeat_n(Complex64::new(-1.0, 0.0), degree));
    let num = prod(&z.iter().map(|&v| fs2 - v).collect::<Vec<_>>());
    let den = prod(&p.iter().map(|&v| fs2 - v).collect::<Vec<_>>());
    Ok(Zpk { z: Array1::from(zz), p: Array1::from(pz), k: f.k * npdiv(num, den).re })
}

/// IIR filter design in zeros/poles/gain form (`scipy.signal.iirfilter(..., output='zpk')`):
/// analog prototype, frequency transform to the band type (digital frequencies pre-warped
/// with `2 fs tan(π Wn / fs)`), then the bilinear transform for digital filters.
///
/// ```
/// use sci_signal::{iirfilter_zpk, IirOptions};
/// let f = iirfilter_zpk(4, &[0.2], &IirOptions::default())?;
/// assert_eq!(f.p.len(), 4);
/// assert!(f.p.iter().all(|p| p.norm() < 1.0)); // stable
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for order 0, a critical frequency `<= 0` (or `>= 1`
/// normalized / `>= fs/2` for digital filters), `Wn[0] >= Wn[1]`, the wrong number of
/// frequencies for the band type, `fs` given for an analog filter, or a ripple that is
/// not a positive number of dB.
///
/// # Differences from SciPy
/// The default band type is lowpass (the [`IirOptions`] default shared with [`butter`]);
/// SciPy's `iirfilter` defaults to `btype='band'`. Order 0 is an error.
pub fn iirfilter_zpk(n: usize, wn: &[f64], opts: &IirOptions) -> Result<Zpk> {
    if n == 0 {
        return Err(Error::invalid_argument("N", "filter order must be a positive integer"));
    }
    let mut wn = wn.to_vec();
    if let Some(fs) = opts.fs {
        if opts.analog {
            return Err(Error::invalid_argument("fs", "fs cannot be specified for an analog filter"));
        }
        sci_core::validate::check_positive("fs", fs)?;
        wn.iter_mut().for_each(|w| *w /= fs / 2.0);
    }
    let need = match opts.btype {
        BandType::Lowpass | BandType::Highpass => 1,
        BandType::Bandpass | BandType::Bandstop => 2,
    };
    if wn.len() != need {
        return Err(Error::invalid_argument(
            "Wn",
            if need == 1 {
                format!(
                    "must be a single critical frequency for a lowpass or highpass filter, got {}",
                    wn.len()
                )
            } else {
                format!(
                    "must specify start and stop frequencies for a bandpass or bandstop filter, got {}",
                    wn.len()
                )
            },
        ));
    }
    if wn.iter().any(|&w| w.is_nan() || w <= 0.0 || !w.is_finite()) {
        return Err(Error::invalid_argument("Wn", "filter critical frequencies must be greater than 0"));
    }
    if need == 2 && wn[0] >= wn[1] {
        return Err(Error::invalid_argument("Wn", "Wn[0] must be less than Wn[1]"));
    }
    let proto = match opts.ftype {
        IirType::Butter => buttap(n),
        IirType::Cheby1 { rp } => cheb1ap(n, rp)?,
        IirType::Cheby2 { rs } => cheb2ap(n, rs)?,
    };
    let warped: Vec<f64> = if opts.analog {
        wn.clone()
    } else {
        if wn.iter().any(|&w| w >= 1.0) {
            let reason = match opts.fs {
                Some(fs) => format!(
                    "digital filter critical frequencies must be 0 < Wn < fs/2 (fs={fs} -> fs/2={})",
                    fs / 2.0
                ),
                None => "digital filter critical frequencies must be 0 < Wn < 1".to_string(),
            };
            return Err(Error::invalid_argument("Wn", reason));
        }
        wn.iter().map(|&w| 2.0 * 2.0 * (PI * w / 2.0).tan()).collect()
    };
    let analog = match opts.btype {
        BandType::Lowpass => lp2lp_zpk(&proto, warped[0])?,
        BandType::Highpass => lp2hp_zpk(&proto, warped[0])?,
        BandType::Bandpass => lp2bp_zpk(&proto, (warped[0] * warped[1]).sqrt(), warped[1] - warped[0])?,
        BandType::Bandstop => lp2bs_zpk(&proto, (warped[0] * warped[1]).sqrt(), warped[1] - warped[0])?,
    };
    if opts.analog { Ok(analog) } else { bilinear_zpk(&analog, 2.0) }
}

/// [`iirfilter_zpk`] as transfer-function coefficients (`output='ba'`, SciPy's default).
///
/// ```
/// use sci_signal::{iirfilter, IirOptions};
/// let ba = iirfilter(2, &[0.5], &IirOptions::default())?;
/// assert!((ba.b[1] / ba.b[0] - 2.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn iirfilter(n: usize, wn: &[f64], opts: &IirOptions) -> Result<Ba> {
    zpk2tf(&iirfilter_zpk(n, wn, opts)?)
}

/// [`iirfilter_zpk`] as second-order sections (`output='sos'`).
///
/// ```
/// use sci_signal::{iirfilter_sos, IirOptions};
/// assert_eq!(iirfilter_sos(5, &[0.3], &IirOptions::default())?.dim(), (3, 6));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn iirfilter_sos(n: usize, wn: &[f64], opts: &IirOptions) -> Result<Array2<f64>> {
    zpk2sos(&iirfilter_zpk(n, wn, opts)?, &SosOptions { pairing: None, analog: opts.analog })
}

/// Butterworth filter design, transfer-function form (`scipy.signal.butter(N, Wn)`):
/// a digital lowpass with `Wn` relative to Nyquist.
///
/// ```
/// let ba = sci_signal::butter(2, 0.5)?;
/// // b = [0.2929, 0.5858, 0.2929], a = [1, 0, 0.1716]
/// assert!((ba.b[0] - 0.29289321881345254).abs() < 1e-15 && ba.a[1].abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn butter(n: usize, wn: f64) -> Result<Ba> {
    butter_with(n, &[wn], &IirOptions::default())
}

/// [`butter`] with `btype`, `analog` and `fs`; `wn` holds one or two critical frequencies.
///
/// ```
/// use sci_signal::{butter_with, BandType, IirOptions};
/// let ba = butter_with(3, &[10.0], &IirOptions { btype: BandType::Highpass, fs: Some(100.0), ..Default::default() })?;
/// assert_eq!(ba.b.len(), 4);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn butter_with(n: usize, wn: &[f64], opts: &IirOptions) -> Result<Ba> {
    iirfilter(n, wn, &IirOptions { ftype: IirType::Butter, ..*opts })
}

/// [`butter_with`] in zeros/poles/gain form (`output='zpk'`).
///
/// ```
/// use sci_signal::{butter_zpk, IirOptions};
/// let f = butter_zpk(3, &[1.0], &IirOptions { analog: true, ..Default::default() })?;
/// assert_eq!((f.z.len(), f.k), (0, 1.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn butter_zpk(n: usize, wn: &[f64], opts: &IirOptions) -> Result<Zpk> {
    iirfilter_zpk(n, wn, &IirOptions { ftype: IirType::Butter, ..*opts })
}

/// [`butter_with`] as second-order sections (`output='sos'`), the numerically safe form
/// for [`sosfilt`](crate::sosfilt).
///
/// ```
/// use sci_signal::{butter_sos, IirOptions};
/// let sos = butter_sos(8, &[0.1], &IirOptions::default())?;
/// assert_eq!(sos.dim(), (4, 6));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn butter_sos(n: usize, wn: &[f64], opts: &IirOptions) -> Result<Array2<f64>> {
    iirfilter_sos(n, wn, &IirOptions { ftype: IirType::Butter, ..*opts })
}

macro_rules! family {
    ($ba:ident, $with:ident, $zpk:ident, $sos:ident, $param:ident, $variant:ident, $scipy:literal, $ex_ba:literal, $ex_with:literal, $ex_zpk:literal, $ex_sos:literal) => {
        #[doc = concat!("Chebyshev filter design, transfer-function form (`scipy.signal.", $scipy, "(N, ", stringify!($param), ", Wn)`): a digital lowpass with `Wn` relative to Nyquist.")]
        ///
        /// ```
        #[doc = $ex_ba]
        /// # Ok::<(), sci_core::Error>(())
        /// ```
        ///
        /// # Errors
        /// As [`iirfilter_zpk`].
        pub fn $ba(n: usize, $param: f64, wn: f64) -> Result<Ba> {
            $with(n, $param, &[wn], &IirOptions::default())
        }

        #[doc = concat!("[`", stringify!($ba), "`] with `btype`, `analog` and `fs`; `wn` holds one or two critical frequencies.")]
        ///
        /// ```
        #[doc = $ex_with]
        /// # Ok::<(), sci_core::Error>(())
        /// ```
        ///
        /// # Errors
        /// As [`iirfilter_zpk`].
        pub fn $with(n: usize, $param: f64, wn: &[f64], opts: &IirOptions) -> Result<Ba> {
            iirfilter(n, wn, &IirOptions { ftype: IirType::$variant { $param }, ..*opts })
        }

        #[doc = concat!("[`", stringify!($with), "`] in zeros/poles/gain form (`output='zpk'`).")]
        ///
        /// ```
        #[doc = $ex_zpk]
        /// # Ok::<(), sci_core::Error>(())
        /// ```
        ///
        /// # Errors
        /// As [`iirfilter_zpk`].
        pub fn $zpk(n: usize, $param: f64, wn: &[f64], opts: &IirOptions) -> Result<Zpk> {
            iirfilter_zpk(n, wn, &IirOptions { ftype: IirType::$variant { $param }, ..*opts })
        }

        #[doc = concat!("[`", stringify!($with), "`] as second-order sections (`output='sos'`).")]
        ///
        /// ```
        #[doc = $ex_sos]
        /// # Ok::<(), sci_core::Error>(())
        /// ```
        ///
        /// # Errors
        /// As [`iirfilter_zpk`].
        pub fn $sos(n: usize, $param: f64, wn: &[f64], opts: &IirOptions) -> Result<Array2<f64>> {
            iirfilter_sos(n, wn, &IirOptions { ftype: IirType::$variant { $param }, ..*opts })
        }
    };
}

family!(
    cheby1,
    cheby1_with,
    cheby1_zpk,
    cheby1_sos,
    rp,
    Cheby1,
    "cheby1",
    "let ba = sci_signal::cheby1(4, 1.0, 0.3)?;\nassert_eq!((ba.b.len(), ba.a.len()), (5, 5));",
    "use sci_signal::{cheby1_with, BandType, IirOptions};\nlet ba = cheby1_with(2, 0.5, &[0.2, 0.4], &IirOptions { btype: BandType::Bandpass, ..Default::default() })?;\nassert_eq!(ba.a.len(), 5);",
    "use sci_signal::{cheby1_zpk, IirOptions};\nlet f = cheby1_zpk(3, 1.0, &[0.25], &IirOptions::default())?;\nassert!(f.p.iter().all(|p| p.norm() < 1.0));",
    "use sci_signal::{cheby1_sos, IirOptions};\nassert_eq!(cheby1_sos(6, 0.1, &[0.5], &IirOptions::default())?.dim(), (3, 6));"
);
family!(
    cheby2,
    cheby2_with,
    cheby2_zpk,
    cheby2_sos,
    rs,
    Cheby2,
    "cheby2",
    "let ba = sci_signal::cheby2(4, 40.0, 0.3)?;\nassert_eq!((ba.b.len(), ba.a.len()), (5, 5));",
    "use sci_signal::{cheby2_with, BandType, IirOptions};\nlet ba = cheby2_with(3, 30.0, &[10.0], &IirOptions { btype: BandType::Highpass, fs: Some(100.0), ..Default::default() })?;\nassert_eq!(ba.b.len(), 4);",
    "use sci_signal::{cheby2_zpk, IirOptions};\nlet f = cheby2_zpk(4, 40.0, &[0.25], &IirOptions::default())?;\nassert!(f.z.iter().all(|z| (z.norm() - 1.0).abs() < 1e-12)); // zeros on the unit circle",
    "use sci_signal::{cheby2_sos, IirOptions};\nassert_eq!(cheby2_sos(5, 50.0, &[0.5], &IirOptions::default())?.dim(), (3, 6));"
);

/// Real coefficients of `Π(x - r)` for roots closed under conjugation.
fn real_poly(r: &[Complex64], what: &str) -> Result<Array1<f64>> {
    let c = poly(r);
    let scale = c.iter().fold(0.0f64, |m, v| m.max(v.norm()));
    if c.iter().any(|v| v.im.abs() > 1e-9 * scale.max(1.0)) {
        return Err(Error::Unsupported(format!(
            "{what} are not closed under complex conjugation, so the polynomial has complex coefficients"
        )));
    }
    Ok(c.iter().map(|v| v.re).collect())
}

/// Zeros, poles and gain to transfer-function coefficients (`scipy.signal.zpk2tf`):
/// `b = k · poly(z)`, `a = poly(p)`.
///
/// ```
/// use sci_signal::{zpk2tf, Zpk};
/// use sci_core::{ndarray::array, num_complex::Complex64};
/// let f = Zpk { z: array![Complex64::new(-1.0, 0.0)], p: array![Complex64::new(0.5, 0.0)], k: 2.0 };
/// let ba = zpk2tf(&f)?;
/// assert_eq!((ba.b.to_vec(), ba.a.to_vec()), (vec![2.0, 2.0], vec![1.0, -0.5]));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Unsupported`] when the zeros or poles are not in conjugate pairs (SciPy then
/// returns complex coefficients).
pub fn zpk2tf(f: &Zpk) -> Result<Ba> {
    let b = real_poly(&f.z.to_vec(), "zeros")? * f.k;
    let a = real_poly(&f.p.to_vec(), "poles")?;
    Ok(Ba { b, a })
}

/// Transfer-function coefficients to zeros, poles and gain (`scipy.signal.tf2zpk(b, a)`).
///
/// Roots come from an Aberth–Ehrlich iteration (see the crate's `poly` module); their order
/// may differ from NumPy's eigenvalue order. Repeated roots (e.g. the `(1 + z⁻¹)^N`
/// numerator of a Butterworth filter) are found only to about `eps^(1/multiplicity)`, as
/// with NumPy: prefer [`iirfilter_zpk`] or second-order sections for high orders.
///
/// ```
/// use sci_signal::tf2zpk;
/// use sci_core::ndarray::array;
/// let f = tf2zpk(&array![2.0, 2.0], &array![1.0, -0.5])?;
/// assert!((f.z[0].re + 1.0).abs() < 1e-15 && (f.p[0].re - 0.5).abs() < 1e-15 && f.k == 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for empty inputs, [`Error::InvalidArgument`] if `a` or `b` is all zeros.
pub fn tf2zpk<S1, S2>(b: &ArrayBase<S1, Ix1>, a: &ArrayBase<S2, Ix1>) -> Result<Zpk>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let (b, a) = normalize_tf(b.to_vec(), a.to_vec())?;
    let k = b[0];
    let bn: Vec<f64> = b.iter().map(|&v| v / k).collect();
    Ok(Zpk { z: Array1::from(roots(&bn)?), p: Array1::from(roots(&a)?), k })
}

/// SciPy's `normalize`: strip leading zeros of `a` (and of `b`), divide by `a[0]`.
fn normalize_tf(b: Vec<f64>, a: Vec<f64>) -> Result<(Vec<f64>, Vec<f64>)> {
    if b.is_empty() {
        return Err(Error::empty("b"));
    }
    if a.is_empty() {
        return Err(Error::empty("a"));
    }
    let Some(fa) = a.iter().position(|&v| v != 0.0) else {
        return Err(Error::invalid_argument("a", "denominator polynomial must be nonzero"));
    };
    let Some(fb) = b.iter().position(|&v| v != 0.0) else {
        return Err(Error::invalid_argument("b", "numerator polynomial must be nonzero"));
    };
    let a0 = a[fa];
    Ok((b[fb..].iter().map(|&v| v / a0).collect(), a[fa..].iter().map(|&v| v / a0).collect()))
}

/// SciPy's `_cplxreal`: conjugate pairs (one representative with positive imaginary part,
/// averaged) and real values, each sorted as SciPy sorts them.
fn cplxreal(v: &[Complex64]) -> Result<(Vec<Complex64>, Vec<Complex64>)> {
    let tol = 100.0 * f64::EPSILON;
    let mut z = v.to_vec();
    z.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.abs().total_cmp(&b.im.abs())));
    let (reals, cplx): (Vec<Complex64>, Vec<Complex64>) =
        z.into_iter().partition(|c| c.im.abs() <= tol * c.norm());
    let zr: Vec<Complex64> = reals.iter().map(|c| Complex64::new(c.re, 0.0)).collect();
    let mut zp: Vec<Complex64> = cplx.iter().copied().filter(|c| c.im > 0.0).collect();
    let mut zn: Vec<Complex64> = cplx.iter().copied().filter(|c| c.im < 0.0).collect();
    let unmatched =
        || Error::invalid_argument("z", "array contains a complex value with no matching conjugate");
    if zp.len() != zn.len() {
        return Err(unmatched());
    }
    // Within runs of (nearly) equal real parts, order by |imag|.
    let mut start = 0;
    while start < zp.len() {
        let mut stop = start + 1;
        while stop < zp.len() && zp[stop].re - zp[stop - 1].re <= tol * zp[stop - 1].norm() {
            stop += 1;
        }
        zp[start..stop].sort_by(|a, b| a.im.abs().total_cmp(&b.im.abs()));
        zn[start..stop].sort_by(|a, b| a.im.abs().total_cmp(&b.im.abs()));
        start = stop;
    }
    if zp.iter().zip(&zn).any(|(p, n)| (p - n.conj()).norm() > tol * n.norm()) {
        return Err(unmatched());
    }
    let zc = zp.iter().zip(&zn).map(|(p, n)| (p + n.conj()) / 2.0).collect();
    Ok((zc, zr))
}

fn is_real(c: Complex64) -> bool {
    c.im == 0.0
}

/// Index of the element of `from` nearest to `to` that is real / complex / anything.
fn nearest_idx(from: &[Complex64], to: Complex64, which: u8) -> Option<usize> {
    let mut order: Vec<usize> = (0..from.len()).collect();
    order.sort_by(|&i, &j| (from[i] - to).norm().total_cmp(&(from[j] - to).norm()));
    order.into_iter().find(|&i| match which {
        b'r' => is_real(from[i]),
        b'c' => !is_real(from[i]),
        _ => true,
    })
}

fn single_section(z: &[Complex64], p: &[Complex64]) -> Result<[f64; 6]> {
    let b = real_poly(z, "zeros")?;
    let a = real_poly(p, "poles")?;
    let mut s = [0.0; 6];
    for (i, &v) in b.iter().enumerate() {
        s[3 - b.len() + i] = v;
    }
    for (i, &v) in a.iter().enumerate() {
        s[6 - a.len() + i] = v;
    }
    Ok(s)
}

fn take(v: &mut Vec<Complex64>, i: usize) -> Complex64 {
    v.remove(i)
}

/// Zeros, poles and gain to second-order sections (`scipy.signal.zpk2sos`), with SciPy's
/// pairing algorithm: poles nearest the unit circle (imaginary axis, if analog) go last,
/// each paired with its nearest zeros; the gain goes into the first section.
///
/// ```
/// use sci_signal::{butter_zpk, zpk2sos, IirOptions, SosOptions};
/// let sos = zpk2sos(&butter_zpk(4, &[0.25], &IirOptions::default())?, &SosOptions::default())?;
/// assert_eq!(sos.dim(), (2, 6));
/// assert!(sos.column(3).iter().all(|&a0| a0 == 1.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for unmatched complex values, a pairing other than minimal
/// for analog systems, or more zeros than poles with minimal pairing.
pub fn zpk2sos(f: &Zpk, opts: &SosOptions) -> Result<Array2<f64>> {
    let pairing = opts.pairing.unwrap_or(if opts.analog { Pairing::Minimal } else { Pairing::Nearest });
    if opts.analog && pairing != Pairing::Minimal {
        return Err(Error::invalid_argument(
            "pairing",
            "for analog zpk2sos conversion, pairing must be minimal",
        ));
    }
    let (mut z, mut p) = (f.z.to_vec(), f.p.to_vec());
    if z.is_empty() && p.is_empty() {
        let row = if opts.analog { [0.0, 0.0, f.k, 0.0, 0.0, 1.0] } else { [f.k, 0.0, 0.0, 1.0, 0.0, 0.0] };
        return Ok(Array2::from_shape_vec((1, 6), row.to_vec())?);
    }
    let zero = Complex64::new(0.0, 0.0);
    let n_sections;
    if pairing != Pairing::Minimal {
        let (lz, lp) = (z.len(), p.len());
        p.extend(std::iter::repeat_n(zero, lz.saturating_sub(lp)));
        z.extend(std::iter::repeat_n(zero, lp.saturating_sub(lz)));
        n_sections = p.len().max(z.len()).div_ceil(2);
        if p.len() % 2 == 1 && pairing == Pairing::Nearest {
            p.push(zero);
            z.push(zero);
        }
    } else {
        if p.len() < z.len() {
            return Err(Error::invalid_argument(
                "z",
                "for analog zpk2sos conversion, must have len(p) >= len(z)",
            ));
        }
        n_sections = p.len().div_ceil(2);
    }
    let (zc, zr) = cplxreal(&z)?;
    let (pc, pr) = cplxreal(&p)?;
    let mut z: Vec<Complex64> = zc.into_iter().chain(zr).collect();
    let mut p: Vec<Complex64> = pc.into_iter().chain(pr).collect();
    let analog = opts.analog;
    let badness = |c: &Complex64| if analog { c.re.abs() } else { (1.0 - c.norm()).abs() };
    let idx_worst = |v: &[Complex64]| -> usize {
        let mut best = 0;
        for i in 1..v.len() {
            if badness(&v[i]) < badness(&v[best]) {
                best = i;
            }
        }
        best
    };
    let mut sos = Array2::<f64>::zeros((n_sections, 6));
    let missing = || Error::invalid_argument("z", "could not pair the zeros with the poles");
    for si in (0..n_sections).rev() {
        if p.is_empty() {
            return Err(missing());
        }
        let worst = idx_worst(&p);
        let p1 = take(&mut p, worst);
        let n_real_p = p.iter().filter(|c| is_real(**c)).count();
        let n_real_z = z.iter().filter(|c| is_real(**c)).count();
        let row = if is_real(p1) && n_real_p == 0 {
            if pairing != Pairing::Minimal {
                let zi = nearest_idx(&z, p1, b'r').ok_or_else(missing)?;
                let z1 = take(&mut z, zi);
                single_section(&[z1, zero], &[p1, zero])?
            } else if !z.is_empty() {
                let zi = nearest_idx(&z, p1, b'r').ok_or_else(missing)?;
                let z1 = take(&mut z, zi);
                single_section(&[z1], &[p1])?
            } else {
                single_section(&[], &[p1])?
            }
        } else if p.len() + 1 == z.len() && !is_real(p1) && n_real_p == 1 && n_real_z == 1 {
            let zi = nearest_idx(&z, p1, b'c').ok_or_else(missing)?;
            let z1 = take(&mut z, zi);
            single_section(&[z1, z1.conj()], &[p1, p1.conj()])?
        } else {
            let p2 = if is_real(p1) {
                let reals: Vec<usize> = (0..p.len()).filter(|&i| is_real(p[i])).collect();
                let sub: Vec<Complex64> = reals.iter().map(|&i| p[i]).collect();
                take(&mut p, reals[idx_worst(&sub)])
            } else {
                p1.conj()
            };
            if !z.is_empty() {
                let zi = nearest_idx(&z, p1, b'a').ok_or_else(missing)?;
                let z1 = take(&mut z, zi);
                if !is_real(z1) {
                    single_section(&[z1, z1.conj()], &[p1, p2])?
                } else if !z.is_empty() {
                    let zi2 = nearest_idx(&z, p1, b'r').ok_or_else(missing)?;
                    let z2 = take(&mut z, zi2);
                    single_section(&[z1, z2], &[p1, p2])?
                } else {
                    single_section(&[z1], &[p1, p2])?
                }
            } else {
                single_section(&[], &[p1, p2])?
            }
        };
        sos.row_mut(si).assign(&Array1::from(row.to_vec()));
    }
    for j in 0..3 {
        sos[[0, j]] *= f.k;
    }
    Ok(sos)
}

/// Transfer function to second-order sections (`scipy.signal.tf2sos(b, a)`): [`tf2zpk`]
/// then [`zpk2sos`].
///
/// ```
/// use sci_signal::{tf2sos, SosOptions};
/// use sci_core::ndarray::array;
/// let sos = tf2sos(&array![1.0, 3.0, 2.0], &array![1.0, 0.0, -0.25], &SosOptions::default())?;
/// assert_eq!(sos.dim(), (1, 6));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`tf2zpk`] and [`zpk2sos`].
pub fn tf2sos<S1, S2>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    opts: &SosOptions,
) -> Result<Array2<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    zpk2sos(&tf2zpk(b, a)?, opts)
}

/// Second-order sections to transfer-function coefficients (`scipy.signal.sos2tf(sos)`):
/// the product of the sections' numerators and denominators.
///
/// ```
/// use sci_signal::sos2tf;
/// use sci_core::ndarray::array;
/// let ba = sos2tf(&array![[1.0, 1.0, 0.0, 1.0, -0.5, 0.0], [1.0, 0.0, 0.0, 1.0, 0.5, 0.0]])?;
/// assert_eq!(ba.a.to_vec(), vec![1.0, 0.0, -0.25, 0.0, 0.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] unless `sos` is `n × 6`, [`Error::Empty`] for no sections.
pub fn sos2tf<S>(sos: &ArrayBase<S, Ix2>) -> Result<Ba>
where
    S: Data<Elem = f64>,
{
    let (n, m) = sos.dim();
    if m != 6 {
        return Err(Error::shape_mismatch("sos", "shape (n_sections, 6)", format!("{n}x{m}")));
    }
    if n == 0 {
        return Err(Error::empty("sos"));
    }
    let mut b = vec![1.0];
    let mut a = vec![1.0];
    let mul = |x: &[f64], y: &[f64]| {
        let mut out = vec![0.0; x.len() + y.len() - 1];
        for (i, &u) in x.iter().enumerate() {
            for (j, &v) in y.iter().enumerate() {
                out[i + j] += u * v;
            }
        }
        out
    };
    for row in sos.outer_iter() {
        b = mul(&b, &[row[0], row[1], row[2]]);
        a = mul(&a, &[row[3], row[4], row[5]]);
    }
    Ok(Ba { b: Array1::from(b), a: Array1::from(a) })
}

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
/// As [`freqz`] and [`sos2tf`].
///
/// # Differences from SciPy
/// `include_nyquist` is honoured here too (SciPy's `freqz_sos` has no such argument).
pub fn sosfreqz<S>(sos: &ArrayBase<S, Ix2>, opts: &FreqzOptions) -> Result<FreqResponse>
where
    S: Data<Elem = f64>,
{
    let (n, m) = sos.dim();
    if m != 6 {
        return Err(Error::shape_mismatch("sos", "shape (n_sections, 6)", format!("{n}x{m}")));
    }
    if n == 0 {
        return Err(Error::empty("sos"));
    }
    let w = freq_grid(opts)?;
    let h = w.mapv(|om| {
        let zinv = Complex64::from_polar(1.0, -om);
        sos.outer_iter().fold(Complex64::new(1.0, 0.0), |acc, r| {
            acc * polyval_neg(&[r[0], r[1], r[2]], zinv) / polyval_neg(&[r[3], r[4], r[5]], zinv)
        })
    });
    Ok(FreqResponse { w: w * (opts.fs / (2.0 * PI)), h })
}
