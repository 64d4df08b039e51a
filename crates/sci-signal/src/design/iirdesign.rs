//! `iirdesign`: order selection and design in one call.

use sci_core::Result;
use sci_core::ndarray::Array2;

use super::iir::{iirfilter, iirfilter_sos, iirfilter_zpk};
use super::order::{IirOrder, OrdOptions, buttord_with, cheb1ord_with, cheb2ord_with, ellipord_with};
use super::{Ba, IirOptions, IirType, Zpk};

/// The filter families [`iirdesign_with`] can size (SciPy's `ftype` of `iirdesign`; Bessel
/// filters have no order selection).
///
/// ```
/// use sci_signal::IirDesignType;
/// assert_eq!(IirDesignType::default(), IirDesignType::Ellip);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IirDesignType {
    /// Butterworth ([`buttord`](crate::buttord)).
    Butter,
    /// Chebyshev type I with `rp = gpass` ([`cheb1ord`](crate::cheb1ord)).
    Cheby1,
    /// Chebyshev type II with `rs = gstop` ([`cheb2ord`](crate::cheb2ord)).
    Cheby2,
    /// Elliptic with `rp = gpass`, `rs = gstop` ([`ellipord`](crate::ellipord)); SciPy's
    /// default.
    #[default]
    Ellip,
}

/// Keyword arguments of [`iirdesign_with`], [`iirdesign_zpk`] and [`iirdesign_sos`].
///
/// ```
/// use sci_signal::{IirDesignOptions, IirDesignType};
/// let o = IirDesignOptions { ftype: IirDesignType::Cheby2, ..Default::default() };
/// assert!(!o.analog && o.fs.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IirDesignOptions {
    /// Design an analog filter (edges in rad/s).
    pub analog: bool,
    /// Filter family; default elliptic.
    pub ftype: IirDesignType,
    /// Sampling frequency of a digital filter; `None` means edges relative to Nyquist.
    pub fs: Option<f64>,
}

/// The order and the [`iirfilter`] options that meet the specification.
fn plan(
    wp: &[f64],
    ws: &[f64],
    gpass: f64,
    gstop: f64,
    opts: &IirDesignOptions,
) -> Result<(IirOrder, IirOptions)> {
    let ord = OrdOptions { analog: opts.analog, fs: opts.fs };
    let (o, ftype) = match opts.ftype {
        IirDesignType::Butter => (buttord_with(wp, ws, gpass, gstop, &ord)?, IirType::Butter),
        IirDesignType::Cheby1 => (cheb1ord_with(wp, ws, gpass, gstop, &ord)?, IirType::Cheby1 { rp: gpass }),
        IirDesignType::Cheby2 => (cheb2ord_with(wp, ws, gpass, gstop, &ord)?, IirType::Cheby2 { rs: gstop }),
        IirDesignType::Ellip => {
            (ellipord_with(wp, ws, gpass, gstop, &ord)?, IirType::Ellip { rp: gpass, rs: gstop })
        }
    };
    let iir = IirOptions { btype: o.btype, analog: opts.analog, fs: opts.fs, ftype };
    Ok((o, iir))
}

/// Complete IIR design from a specification (`scipy.signal.iirdesign(wp, ws, gpass,
/// gstop)`): a digital elliptic filter of the lowest order with at most `gpass` dB loss
/// in the pass band `wp` and at least `gstop` dB attenuation in the stop band `ws` (edges
/// relative to Nyquist; one edge each for lowpass/highpass, two for bandpass/bandstop).
///
/// ```
/// let ba = sci_signal::iirdesign(&[0.2], &[0.3], 1.0, 40.0)?;
/// assert_eq!(ba.a.len(), 5); // ellipord gives order 4
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`](crate::buttord) and [`iirfilter_zpk`].
pub fn iirdesign(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64) -> Result<Ba> {
    iirdesign_with(wp, ws, gpass, gstop, &IirDesignOptions::default())
}

/// [`iirdesign`] with `analog`, `ftype` and `fs`: the family's order-selection function,
/// then [`iirfilter`] with the band type the edges describe (`rp = gpass`,
/// `rs = gstop`), in transfer-function form.
///
/// ```
/// use sci_signal::{iirdesign_with, IirDesignOptions, IirDesignType};
/// let ba = iirdesign_with(&[100.0, 200.0], &[50.0, 300.0], 1.0, 40.0, &IirDesignOptions { ftype: IirDesignType::Butter, fs: Some(1000.0), ..Default::default() })?;
/// assert_eq!(ba.a.len() % 2, 1); // bandpass: even order
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirdesign`].
pub fn iirdesign_with(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &IirDesignOptions) -> Result<Ba> {
    let (o, iir) = plan(wp, ws, gpass, gstop, opts)?;
    iirfilter(o.order, &o.wn, &iir)
}

/// [`iirdesign_with`] in zeros/poles/gain form (`output='zpk'`).
///
/// ```
/// use sci_signal::{iirdesign_zpk, IirDesignOptions};
/// let f = iirdesign_zpk(&[0.3], &[0.2], 0.5, 60.0, &IirDesignOptions::default())?;
/// assert!(f.p.iter().all(|p| p.norm() < 1.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirdesign`].
pub fn iirdesign_zpk(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &IirDesignOptions) -> Result<Zpk> {
    let (o, iir) = plan(wp, ws, gpass, gstop, opts)?;
    iirfilter_zpk(o.order, &o.wn, &iir)
}

/// [`iirdesign_with`] as second-order sections (`output='sos'`).
///
/// ```
/// use sci_signal::{iirdesign_sos, IirDesignOptions};
/// let sos = iirdesign_sos(&[0.1, 0.6], &[0.2, 0.5], 1.0, 80.0, &IirDesignOptions::default())?;
/// assert_eq!(sos.ncols(), 6);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`iirdesign`].
pub fn iirdesign_sos(
    wp: &[f64],
    ws: &[f64],
    gpass: f64,
    gstop: f64,
    opts: &IirDesignOptions,
) -> Result<Array2<f64>> {
    let (o, iir) = plan(wp, ws, gpass, gstop, opts)?;
    iirfilter_sos(o.order, &o.wn, &iir)
}
