//! IIR filter design and representations, one job per file:
//!
//! | file | contents |
//! |------|----------|
//! | `prototypes` | `buttap`, `cheb1ap`, `cheb2ap` |
//! | `transforms` | `lp2lp_zpk`, `lp2hp_zpk`, `lp2bp_zpk`, `lp2bs_zpk`, `bilinear_zpk` |
//! | `iir` | `iirfilter` and the family wrappers (`butter`, `cheby1`, ...) |
//! | `convert` | `zpk2tf`, `tf2zpk`, `zpk2sos`, `tf2sos`, `sos2tf` |
//! | `freqz` | `freqz`, `sosfreqz` |
//! | `elliptic` | complete elliptic integral, Jacobi `sn`/`cn`/`dn`, incomplete integral (private) |
//! | `ellip` | `ellipap` |
//! | `bessel` | `besselap`, Bessel polynomial roots |
//! | `order` | `buttord`, `cheb1ord`, `cheb2ord`, `ellipord` |
//! | `iirdesign` | `iirdesign` |
//! | `fminbound` | bounded scalar minimization for the band-stop order search (private) |

mod bessel;
mod convert;
mod ellip;
mod elliptic;
mod fminbound;
mod freqz;
mod iir;
mod iirdesign;
mod order;
mod prototypes;
mod transforms;

use sci_core::ndarray::Array1;
use sci_core::num_complex::Complex64;

pub use bessel::{BesselNorm, besselap};
pub use convert::{sos2tf, tf2sos, tf2zpk, zpk2sos, zpk2tf};
pub use ellip::ellipap;
pub use freqz::{FreqResponse, FreqzOptions, freqz, sosfreqz};
pub use iir::{
    bessel, bessel_sos, bessel_with, bessel_zpk, butter, butter_sos, butter_with, butter_zpk, cheby1,
    cheby1_sos, cheby1_with, cheby1_zpk, cheby2, cheby2_sos, cheby2_with, cheby2_zpk, ellip, ellip_sos,
    ellip_with, ellip_zpk, iirfilter, iirfilter_sos, iirfilter_zpk,
};
pub use iirdesign::{
    IirDesignOptions, IirDesignType, iirdesign, iirdesign_sos, iirdesign_with, iirdesign_zpk,
};
pub use order::{
    IirOrder, OrdOptions, buttord, buttord_with, cheb1ord, cheb1ord_with, cheb2ord, cheb2ord_with, ellipord,
    ellipord_with,
};
pub use prototypes::{buttap, cheb1ap, cheb2ap};
pub use transforms::{bilinear_zpk, lp2bp_zpk, lp2bs_zpk, lp2hp_zpk, lp2lp_zpk};

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
/// let _ = IirType::Ellip { rp: 1.0, rs: 60.0 };
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
    /// Elliptic (Cauer): equiripple pass band (`rp` dB) and stop band (`rs` dB down).
    Ellip {
        /// Maximum pass-band ripple in dB (> 0).
        rp: f64,
        /// Minimum stop-band attenuation in dB (> `rp`).
        rs: f64,
    },
    /// Bessel/Thomson: maximally flat group delay, with the frequency normalization `norm`
    /// (SciPy's `ftype='bessel'` is `norm: BesselNorm::Phase`).
    Bessel {
        /// Where the critical frequency sits.
        norm: BesselNorm,
    },
}

/// Keyword arguments of [`iirfilter`] and the family designs ([`butter`], [`cheby1`],
/// [`cheby2`], [`ellip`], [`bessel`]: their `_with`, `_zpk` and `_sos` forms set `ftype`
/// themselves and ignore the field).
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
