//! Order selection from a pass-band/stop-band specification: `buttord`, `cheb1ord`,
//! `cheb2ord`, `ellipord`.
//!
//! All four follow SciPy's recipe: pre-warp digital edges with `tan(π w / 2)`, map the
//! specification to the lowpass prototype's stop-band edge `nat` (the selectivity), solve
//! the family's order equation, round up, and convert the natural frequencies back. For a
//! band-stop specification SciPy first moves the pass-band edges towards the stop band as
//! far as that lowers the (fractional) order, by a bounded scalar minimization; this does
//! the same with the same minimizer (Brent's bounded method with SciPy's constants), so the
//! returned frequencies are SciPy's — to rounding, except where SciPy's minimizer itself
//! takes a rounding-dependent branch (a parabolic step landing exactly on the bracket end),
//! which last-ulp differences in the objective (our `ellipk`, `log10` vs SciPy's) can flip;
//! then both results are within the minimizer's tolerance, `1e-5` on the pre-warped edge.

use std::f64::consts::PI;

use sci_core::{Error, Result};

use super::BandType;
use super::ellip::pow10m1;
use super::elliptic::{ellipk, ellipk_mc};
use super::fminbound::fminbound;

/// Keyword arguments of the order-selection functions ([`buttord_with`] and friends).
///
/// ```
/// use sci_signal::OrdOptions;
/// let o = OrdOptions { fs: Some(48000.0), ..Default::default() };
/// assert!(!o.analog);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct OrdOptions {
    /// The specification is for an analog filter (edges in rad/s).
    pub analog: bool,
    /// Sampling frequency of a digital filter; `None` means edges are normalized to the
    /// Nyquist frequency (`0 < w < 1`).
    pub fs: Option<f64>,
}

/// The result of an order-selection function: the lowest order meeting the specification
/// and the critical frequencies to design it with.
#[derive(Debug, Clone, PartialEq)]
pub struct IirOrder {
    /// The filter order (SciPy's `ord`).
    pub order: usize,
    /// Critical ("natural") frequencies, one or two, in the units of the specification
    /// (SciPy's `wn`; a scalar there for lowpass/highpass).
    pub wn: Vec<f64>,
    /// The band type the specification describes (not returned by SciPy, which leaves the
    /// caller to pass `btype` again).
    pub btype: BandType,
}

/// Which order equation to solve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Butter,
    Cheby,
    Ellip,
}

/// A validated specification with pre-warped edges.
struct Spec {
    passb: Vec<f64>,
    stopb: Vec<f64>,
    btype: BandType,
    gpass: f64,
    gstop: f64,
}

fn validate(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &OrdOptions) -> Result<Spec> {
    if !(gpass.is_finite() && gpass > 0.0) {
        return Err(Error::invalid_argument(
            "gpass",
            format!("must be a finite number of dB > 0, got {gpass}"),
        ));
    }
    if !(gstop.is_finite() && gstop > 0.0) {
        return Err(Error::invalid_argument(
            "gstop",
            format!("must be a finite number of dB > 0, got {gstop}"),
        ));
    }
    if gpass >= gstop {
        return Err(Error::invalid_argument(
            "gpass",
            format!(
                "pass-band loss must be smaller than the stop-band attenuation, got gpass={gpass}, gstop={gstop}"
            ),
        ));
    }
    if !matches!(wp.len(), 1 | 2) || wp.len() != ws.len() {
        return Err(Error::shape_mismatch(
            "wp, ws",
            "one or two band edges each, the same number",
            format!("{} and {}", wp.len(), ws.len()),
        ));
    }
    let (mut wp, mut ws) = (wp.to_vec(), ws.to_vec());
    if let Some(fs) = opts.fs {
        if opts.analog {
            return Err(Error::invalid_argument("fs", "fs cannot be specified for an analog filter"));
        }
        sci_core::validate::check_positive("fs", fs)?;
        wp.iter_mut().chain(ws.iter_mut()).for_each(|w| *w = 2.0 * *w / fs);
    }
    if wp.iter().chain(&ws).any(|&w| !(w.is_finite() && w > 0.0)) {
        return Err(Error::invalid_argument("wp, ws", "band edges must be finite and greater than 0"));
    }
    if !opts.analog && wp.iter().chain(&ws).any(|&w| w >= 1.0) {
        let reason = match opts.fs {
            Some(fs) => format!("digital band edges must be less than fs/2 (fs={fs} -> fs/2={})", fs / 2.0),
            None => "digital band edges must be less than 1 (the Nyquist frequency)".to_string(),
        };
        return Err(Error::invalid_argument("wp, ws", reason));
    }
    let btype = if wp.len() == 1 {
        if wp[0] == ws[0] {
            return Err(Error::invalid_argument("wp, ws", "pass-band and stop-band edges must differ"));
        }
        if wp[0] < ws[0] { BandType::Lowpass } else { BandType::Highpass }
    } else if ws[0] < wp[0] && wp[1] < ws[1] {
        BandType::Bandpass
    } else if wp[0] < ws[0] && ws[1] < wp[1] {
        BandType::Bandstop
    } else {
        return Err(Error::invalid_argument(
            "wp, ws",
            format!(
                "the pass band must lie strictly inside the stop band or vice versa, got wp={wp:?}, ws={ws:?}"
            ),
        ));
    };
    let warp = |v: Vec<f64>| if opts.analog { v } else { v.iter().map(|&w| (PI * w / 2.0).tan()).collect() };
    Ok(Spec { passb: warp(wp), stopb: warp(ws), btype, gpass, gstop })
}

/// `10^(g/10)`, SciPy's `GPASS`/`GSTOP`.
fn power(g: f64) -> f64 {
    10f64.powf(0.1 * g)
}

/// The lowpass-prototype stop-band edge of a band-stop filter with pass-band edges `passb`.
fn band_stop_nat(passb: [f64; 2], stopb: &[f64]) -> [f64; 2] {
    let f = |s: f64| (s * (passb[0] - passb[1]) / (s * s - passb[0] * passb[1])).abs();
    [f(stopb[0]), f(stopb[1])]
}

/// SciPy's `band_stop_obj`: the fractional order when pass-band edge `ind` moves to `wp`.
fn band_stop_order(wp: f64, ind: usize, spec: &Spec, kind: Kind) -> f64 {
    let mut passb = [spec.passb[0], spec.passb[1]];
    passb[ind] = wp;
    let both = band_stop_nat(passb, &spec.stopb);
    // Python's builtin `min`: the first element unless the second compares smaller.
    let nat = if both[1] < both[0] { both[1] } else { both[0] };
    let (gp, gs) = (power(spec.gpass), power(spec.gstop));
    match kind {
        Kind::Butter => ((gs - 1.0) / (gp - 1.0)).log10() / (2.0 * nat.log10()),
        Kind::Cheby => ((gs - 1.0) / (gp - 1.0)).sqrt().acosh() / nat.acosh(),
        Kind::Ellip => {
            let arg1 = ((gp - 1.0) / (gs - 1.0)).sqrt();
            let arg0 = 1.0 / nat;
            let (a0, a1) = (arg0 * arg0, arg1 * arg1);
            ellipk(a0) * ellipk(1.0 - a1) / (ellipk(1.0 - a0) * ellipk(a1))
        }
    }
}

/// The prototype's stop-band edge for the specification (SciPy's `_find_nat_freq`); for a
/// band stop, first moves the pass-band edges as SciPy does (see the module docs).
fn natural_frequency(spec: &mut Spec, kind: Kind) -> Result<f64> {
    let (p, s) = (&spec.passb, &spec.stopb);
    let nat: Vec<f64> = match spec.btype {
        BandType::Lowpass => vec![s[0] / p[0]],
        BandType::Highpass => vec![p[0] / s[0]],
        BandType::Bandpass => s.iter().map(|&w| (w * w - p[0] * p[1]) / (w * (p[0] - p[1]))).collect(),
        BandType::Bandstop => {
            let (lo_end, hi_start) = (s[0] - 1e-12, s[1] + 1e-12);
            if lo_end < p[0] || hi_start > p[1] {
                return Err(Error::invalid_argument(
                    "wp, ws",
                    "pass-band and stop-band edges are too close together",
                ));
            }
            let w0 = fminbound(|w| band_stop_order(w, 0, spec, kind), p[0], lo_end, 1e-5, 500);
            let w1 = fminbound(|w| band_stop_order(w, 1, spec, kind), hi_start, p[1], 1e-5, 500);
            spec.passb = vec![w0, w1];
            band_stop_nat([w0, w1], &spec.stopb).to_vec()
        }
    };
    let nat = nat
        .iter()
        .map(|v| v.abs())
        .fold(f64::INFINITY, |m, v| if v.is_nan() || m.is_nan() { f64::NAN } else { m.min(v) });
    if nat.is_finite() && nat > 1.0 {
        Ok(nat)
    } else {
        Err(Error::invalid_argument("wp, ws", "the specification has no transition band (selectivity <= 1)"))
    }
}

/// `ceil(x)` as an order, or an error for a non-finite or non-positive value.
fn round_up(x: f64) -> Result<usize> {
    let n = x.ceil();
    if n.is_finite() && n >= 1.0 && n <= u32::MAX as f64 {
        Ok(n as usize)
    } else {
        Err(Error::invalid_argument("wp, ws", format!("the specification gives no valid order ({x})")))
    }
}

/// Back from pre-warped (or analog) frequencies to the caller's units (SciPy's
/// `_postprocess_wn`).
fn unwarp(wn: &[f64], opts: &OrdOptions) -> Vec<f64> {
    wn.iter()
        .map(|&w| {
            let w = if opts.analog { w } else { w.atan() * 2.0 / PI };
            match opts.fs {
                Some(fs) => w * fs / 2.0,
                None => w,
            }
        })
        .collect()
}

fn sorted_abs(mut v: [f64; 2]) -> Vec<f64> {
    v = [v[0].abs(), v[1].abs()];
    if v[1] < v[0] {
        v.swap(0, 1);
    }
    v.to_vec()
}

/// Butterworth order selection (`scipy.signal.buttord(wp, ws, gpass, gstop)`) for a
/// digital filter with edges relative to Nyquist: the lowest order `N` with at most
/// `gpass` dB loss in the pass band and at least `gstop` dB attenuation in the stop band,
/// `N = ⌈log10((10^(gstop/10) - 1) / (10^(gpass/10) - 1)) / (2 log10 nat)⌉`, and the
/// -3 dB frequencies that give exactly `gpass` dB at the pass-band edge.
///
/// The band type follows from the edges, as in SciPy: lowpass `wp < ws`, highpass
/// `wp > ws`, bandpass `ws[0] < wp[0] < wp[1] < ws[1]`, bandstop
/// `wp[0] < ws[0] < ws[1] < wp[1]`. Cost: a few scalar operations (about 60 objective
/// evaluations for a band stop).
///
/// ```
/// use sci_signal::{buttord, BandType};
/// let o = buttord(&[0.2], &[0.3], 3.0, 40.0)?;
/// assert_eq!((o.order, o.btype), (11, BandType::Lowpass));
/// assert!((o.wn[0] - 0.2000404).abs() < 1e-7);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `0 < gpass < gstop` (finite), every edge is finite and
/// positive (and below Nyquist for digital filters), and the edges describe one of the
/// four band types with a non-empty transition band; `fs` with `analog`.
/// [`Error::ShapeMismatch`] unless `wp` and `ws` hold one or two edges each, alike.
///
/// # Differences from SciPy
/// SciPy accepts `gpass == gstop` (returning order 0 with a warning) and edges that do not
/// describe a band type consistently (e.g. a bandpass whose upper pass edge lies above the
/// upper stop edge) or exceed Nyquist, returning meaningless orders; these are errors here.
/// Band-stop frequencies come from the same edge search as SciPy's; on rare rounding ties
/// in that search they differ from SciPy's within its tolerance (`1e-5` on the pre-warped
/// edge), never in the order.
pub fn buttord(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64) -> Result<IirOrder> {
    buttord_with(wp, ws, gpass, gstop, &OrdOptions::default())
}

/// [`buttord`] for analog filters or with a sampling frequency.
///
/// ```
/// use sci_signal::{buttord_with, OrdOptions};
/// // analog bandpass, 3 dB from 20 to 50 rad/s, 40 dB down below 14 and above 60 rad/s
/// let o = buttord_with(&[20.0, 50.0], &[14.0, 60.0], 3.0, 40.0, &OrdOptions { analog: true, ..Default::default() })?;
/// assert_eq!(o.order, 13);
/// assert!((o.wn[0] - 19.99843436).abs() < 1e-7 && (o.wn[1] - 50.00391441).abs() < 1e-7);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
pub fn buttord_with(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &OrdOptions) -> Result<IirOrder> {
    let mut spec = validate(wp, ws, gpass, gstop, opts)?;
    let nat = natural_frequency(&mut spec, Kind::Butter)?;
    let (gp, gs) = (power(gpass), power(gstop));
    let order = round_up(((gs - 1.0) / (gp - 1.0)).log10() / (2.0 * nat.log10()))?;
    // The prototype's -3 dB frequency giving exactly gpass at the pass-band edge.
    let w0 = (gp - 1.0).powf(-1.0 / (2.0 * order as f64));
    let p = &spec.passb;
    let wn = match spec.btype {
        BandType::Lowpass => vec![w0 * p[0]],
        BandType::Highpass => vec![p[0] / w0],
        BandType::Bandstop => {
            let discr = ((p[1] - p[0]) * (p[1] - p[0]) + 4.0 * w0 * w0 * p[0] * p[1]).sqrt();
            sorted_abs([((p[1] - p[0]) + discr) / (2.0 * w0), ((p[1] - p[0]) - discr) / (2.0 * w0)])
        }
        BandType::Bandpass => {
            let d2 = (p[1] - p[0]) * (p[1] - p[0]);
            let half = |w: f64| -w * (p[1] - p[0]) / 2.0 + (w * w / 4.0 * d2 + p[0] * p[1]).sqrt();
            sorted_abs([half(-w0), half(w0)])
        }
    };
    Ok(IirOrder { order, wn: unwarp(&wn, opts), btype: spec.btype })
}

/// `acosh(√((10^(gstop/10) - 1) / (10^(gpass/10) - 1)))`, the Chebyshev order numerator.
fn cheby_v(gpass: f64, gstop: f64) -> f64 {
    ((power(gstop) - 1.0) / (power(gpass) - 1.0)).sqrt().acosh()
}

/// Chebyshev type I order selection (`scipy.signal.cheb1ord(wp, ws, gpass, gstop)`):
/// `N = ⌈acosh(√((10^(gstop/10) - 1) / (10^(gpass/10) - 1))) / acosh(nat)⌉`; the
/// natural frequencies are the pass-band edges (for a band stop, as moved by SciPy's edge
/// search). Band types and cost as [`buttord`].
///
/// ```
/// let o = sci_signal::cheb1ord(&[0.2], &[0.3], 3.0, 40.0)?;
/// assert_eq!((o.order, o.wn.len()), (6, 1));
/// assert!((o.wn[0] - 0.2).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
///
/// # Differences from SciPy
/// As [`buttord`].
pub fn cheb1ord(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64) -> Result<IirOrder> {
    cheb1ord_with(wp, ws, gpass, gstop, &OrdOptions::default())
}

/// [`cheb1ord`] for analog filters or with a sampling frequency.
///
/// ```
/// use sci_signal::{cheb1ord_with, OrdOptions};
/// let o = cheb1ord_with(&[1000.0], &[1500.0], 1.0, 50.0, &OrdOptions { fs: Some(8000.0), ..Default::default() })?;
/// assert!((o.wn[0] - 1000.0).abs() < 1e-9);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
pub fn cheb1ord_with(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &OrdOptions) -> Result<IirOrder> {
    let mut spec = validate(wp, ws, gpass, gstop, opts)?;
    let nat = natural_frequency(&mut spec, Kind::Cheby)?;
    let order = round_up(cheby_v(gpass, gstop) / nat.acosh())?;
    Ok(IirOrder { order, wn: unwarp(&spec.passb, opts), btype: spec.btype })
}

/// Chebyshev type II order selection (`scipy.signal.cheb2ord(wp, ws, gpass, gstop)`):
/// the order as [`cheb1ord`]; the natural frequencies are where the order-`N` type II
/// filter is exactly `gpass` dB down, which puts its stop band at or inside the specified
/// one. Band types and cost as [`buttord`].
///
/// ```
/// let o = sci_signal::cheb2ord(&[0.1, 0.6], &[0.2, 0.5], 3.0, 60.0)?;
/// assert_eq!((o.order, o.wn.len()), (7, 2));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
///
/// # Differences from SciPy
/// As [`buttord`].
pub fn cheb2ord(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64) -> Result<IirOrder> {
    cheb2ord_with(wp, ws, gpass, gstop, &OrdOptions::default())
}

/// [`cheb2ord`] for analog filters or with a sampling frequency.
///
/// ```
/// use sci_signal::{cheb2ord_with, OrdOptions};
/// let o = cheb2ord_with(&[0.3], &[0.1], 1.0, 40.0, &OrdOptions { analog: true, ..Default::default() })?;
/// assert!(o.wn[0] < 0.3); // highpass: the stop-band edge moves below the pass band
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
pub fn cheb2ord_with(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &OrdOptions) -> Result<IirOrder> {
    let mut spec = validate(wp, ws, gpass, gstop, opts)?;
    let nat = natural_frequency(&mut spec, Kind::Cheby)?;
    let v = cheby_v(gpass, gstop);
    let order = round_up(v / nat.acosh())?;
    let nf = 1.0 / (1.0 / order as f64 * v).cosh();
    let p = &spec.passb;
    let wn = match spec.btype {
        BandType::Lowpass => vec![p[0] / nf],
        BandType::Highpass => vec![p[0] * nf],
        BandType::Bandstop => {
            let d2 = (p[1] - p[0]) * (p[1] - p[0]);
            let n0 = nf / 2.0 * (p[0] - p[1]) + (nf * nf * d2 / 4.0 + p[1] * p[0]).sqrt();
            vec![n0, p[1] * p[0] / n0]
        }
        BandType::Bandpass => {
            let n0 = 1.0 / (2.0 * nf) * (p[0] - p[1])
                + ((p[1] - p[0]) * (p[1] - p[0]) / (4.0 * nf * nf) + p[1] * p[0]).sqrt();
            vec![n0, p[0] * p[1] / n0]
        }
    };
    Ok(IirOrder { order, wn: unwarp(&wn, opts), btype: spec.btype })
}

/// Elliptic (Cauer) order selection (`scipy.signal.ellipord(wp, ws, gpass, gstop)`): the
/// degree equation `N = ⌈K(1/nat²) K(1 - m1) / (K(1 - 1/nat²) K(m1))⌉` with
/// `m1 = (10^(gpass/10) - 1) / (10^(gstop/10) - 1)`; the natural frequencies are the
/// pass-band edges, as for [`cheb1ord`]. Band types and cost as [`buttord`].
///
/// ```
/// let o = sci_signal::ellipord(&[0.2], &[0.3], 1.0, 40.0)?;
/// assert_eq!(o.order, 4);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
///
/// # Differences from SciPy
/// As [`buttord`].
pub fn ellipord(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64) -> Result<IirOrder> {
    ellipord_with(wp, ws, gpass, gstop, &OrdOptions::default())
}

/// [`ellipord`] for analog filters or with a sampling frequency.
///
/// ```
/// use sci_signal::{ellipord_with, OrdOptions};
/// let o = ellipord_with(&[30.0], &[10.0], 3.0, 60.0, &OrdOptions { analog: true, ..Default::default() })?;
/// assert_eq!((o.order, o.wn.clone()), (4, vec![30.0]));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`buttord`].
pub fn ellipord_with(wp: &[f64], ws: &[f64], gpass: f64, gstop: f64, opts: &OrdOptions) -> Result<IirOrder> {
    let mut spec = validate(wp, ws, gpass, gstop, opts)?;
    let nat = natural_frequency(&mut spec, Kind::Ellip)?;
    let m1 = pow10m1(0.1 * gpass) / pow10m1(0.1 * gstop);
    let m0 = (1.0 / nat) * (1.0 / nat);
    let order = round_up(ellipk(m0) * ellipk_mc(m1) / (ellipk_mc(m0) * ellipk(m1)))?;
    Ok(IirOrder { order, wn: unwarp(&spec.passb, opts), btype: spec.btype })
}
