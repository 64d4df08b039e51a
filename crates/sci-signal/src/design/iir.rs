//! `iirfilter` and the per-family design functions built on it.

use std::f64::consts::PI;

use sci_core::ndarray::Array2;
use sci_core::{Error, Result};

use super::bessel::{BesselNorm, besselap};
use super::convert::{zpk2sos, zpk2tf};
use super::ellip::ellipap;
use super::prototypes::{buttap, cheb1ap, cheb2ap};
use super::transforms::{bilinear_zpk, lp2bp_zpk, lp2bs_zpk, lp2hp_zpk, lp2lp_zpk};
use super::{Ba, BandType, IirOptions, IirType, SosOptions, Zpk};

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
/// frequencies for the band type, `fs` given for an analog filter, a ripple that is not a
/// positive number of dB, or an elliptic `rs <= rp`; the prototypes' errors
/// ([`ellipap`](crate::ellipap), [`besselap`](crate::besselap)) pass through.
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
        IirType::Ellip { rp, rs } => ellipap(n, rp, rs)?,
        IirType::Bessel { norm } => besselap(n, norm)?,
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

/// Elliptic (Cauer) filter design, transfer-function form (`scipy.signal.ellip(N, rp, rs,
/// Wn)`): a digital lowpass with `Wn` relative to Nyquist, `rp` dB of pass-band ripple and
/// at least `rs` dB of stop-band attenuation. See [`ellipap`](crate::ellipap) for the
/// prototype and its accuracy.
///
/// High orders in `ba` form are ill-conditioned (as in SciPy): prefer [`ellip_sos`]. High
/// orders with little stop-band attenuation put poles extremely close to the jω axis (real
/// parts near -1e-8 at order 15 with `rp = 3`, `rs = 20`, near -1e-14 at order 25): the
/// prototype computes them accurately, but such filters are at the edge of what `f64`
/// arithmetic can realize.
///
/// ```
/// let ba = sci_signal::ellip(4, 1.0, 40.0, 0.3)?;
/// assert_eq!((ba.b.len(), ba.a.len()), (5, 5));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn ellip(n: usize, rp: f64, rs: f64, wn: f64) -> Result<Ba> {
    ellip_with(n, rp, rs, &[wn], &IirOptions::default())
}

/// [`ellip`] with `btype`, `analog` and `fs`; `wn` holds one or two critical frequencies
/// (the pass-band edges, where the gain first drops below `-rp` dB). `opts.ftype` is
/// ignored.
///
/// ```
/// use sci_signal::{ellip_with, BandType, IirOptions};
/// let ba = ellip_with(3, 0.5, 60.0, &[100.0, 200.0], &IirOptions { btype: BandType::Bandstop, fs: Some(1000.0), ..Default::default() })?;
/// assert_eq!(ba.a.len(), 7);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn ellip_with(n: usize, rp: f64, rs: f64, wn: &[f64], opts: &IirOptions) -> Result<Ba> {
    iirfilter(n, wn, &IirOptions { ftype: IirType::Ellip { rp, rs }, ..*opts })
}

/// [`ellip_with`] in zeros/poles/gain form (`output='zpk'`).
///
/// ```
/// use sci_signal::{ellip_zpk, IirOptions};
/// let f = ellip_zpk(5, 1.0, 50.0, &[0.25], &IirOptions::default())?;
/// assert!(f.z.iter().all(|z| (z.norm() - 1.0).abs() < 1e-12)); // zeros on the unit circle
/// assert!(f.p.iter().all(|p| p.norm() < 1.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn ellip_zpk(n: usize, rp: f64, rs: f64, wn: &[f64], opts: &IirOptions) -> Result<Zpk> {
    iirfilter_zpk(n, wn, &IirOptions { ftype: IirType::Ellip { rp, rs }, ..*opts })
}

/// [`ellip_with`] as second-order sections (`output='sos'`).
///
/// ```
/// use sci_signal::{ellip_sos, IirOptions};
/// assert_eq!(ellip_sos(7, 0.1, 80.0, &[0.5], &IirOptions::default())?.dim(), (4, 6));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn ellip_sos(n: usize, rp: f64, rs: f64, wn: &[f64], opts: &IirOptions) -> Result<Array2<f64>> {
    iirfilter_sos(n, wn, &IirOptions { ftype: IirType::Ellip { rp, rs }, ..*opts })
}

/// Bessel/Thomson filter design, transfer-function form (`scipy.signal.bessel(N, Wn)`): a
/// digital lowpass with `Wn` relative to Nyquist, phase-normalized ([`BesselNorm::Phase`],
/// SciPy's default). See [`besselap`](crate::besselap) for the prototype.
///
/// The bilinear transform does not preserve the flat group delay: digital Bessel filters
/// are only approximately linear-phase, in SciPy as here.
///
/// ```
/// let ba = sci_signal::bessel(4, 0.2)?;
/// assert_eq!((ba.b.len(), ba.a.len()), (5, 5));
/// let dc: f64 = ba.b.sum() / ba.a.sum();
/// assert!((dc - 1.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn bessel(n: usize, wn: f64) -> Result<Ba> {
    bessel_with(n, &[wn], BesselNorm::Phase, &IirOptions::default())
}

/// [`bessel`] with `btype`, `analog`, `fs` and the normalization `norm` (SciPy's `norm`
/// keyword); `wn` holds one or two critical frequencies. `opts.ftype` is ignored.
///
/// ```
/// use sci_signal::{bessel_with, BesselNorm, IirOptions};
/// // analog, -3 dB at 10 rad/s
/// let ba = bessel_with(3, &[10.0], BesselNorm::Mag, &IirOptions { analog: true, ..Default::default() })?;
/// assert_eq!(ba.b.len(), 1);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn bessel_with(n: usize, wn: &[f64], norm: BesselNorm, opts: &IirOptions) -> Result<Ba> {
    iirfilter(n, wn, &IirOptions { ftype: IirType::Bessel { norm }, ..*opts })
}

/// [`bessel_with`] in zeros/poles/gain form (`output='zpk'`).
///
/// ```
/// use sci_signal::{bessel_zpk, BesselNorm, IirOptions};
/// let f = bessel_zpk(5, &[0.3], BesselNorm::Delay, &IirOptions::default())?;
/// assert_eq!((f.z.len(), f.p.len()), (5, 5)); // the bilinear transform's zeros at -1
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn bessel_zpk(n: usize, wn: &[f64], norm: BesselNorm, opts: &IirOptions) -> Result<Zpk> {
    iirfilter_zpk(n, wn, &IirOptions { ftype: IirType::Bessel { norm }, ..*opts })
}

/// [`bessel_with`] as second-order sections (`output='sos'`).
///
/// ```
/// use sci_signal::{bessel_sos, BesselNorm, IirOptions};
/// assert_eq!(bessel_sos(20, &[0.1], BesselNorm::Phase, &IirOptions::default())?.dim(), (10, 6));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirfilter_zpk`].
pub fn bessel_sos(n: usize, wn: &[f64], norm: BesselNorm, opts: &IirOptions) -> Result<Array2<f64>> {
    iirfilter_sos(n, wn, &IirOptions { ftype: IirType::Bessel { norm }, ..*opts })
}
