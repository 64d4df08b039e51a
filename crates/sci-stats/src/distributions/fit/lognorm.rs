//! `scipy.stats.lognorm.fit`.

use sci_core::Result;
use sci_core::ndarray::{ArrayBase, Data, Ix1};

use super::mle::{Problem, lower_bounded};
use super::{all_fixed, check_below, check_fixed, extent, mean_of, nll, no_estimate, sample};
use crate::common::csum;
use crate::descriptive::moments::central_moments;
use crate::distributions::Lognorm;
use crate::roots::root_in;

/// Fixed parameters of [`Lognorm::fit`] (SciPy's `fs` (alias `f0`), `floc` and `fscale`);
/// `None` means "estimate".
///
/// ```
/// let o = sci_stats::LognormFitOptions { floc: Some(0.0), ..Default::default() };
/// assert!(o.fs.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LognormFitOptions {
    /// Keep the shape `s` fixed at this value.
    pub fs: Option<f64>,
    /// Keep the location fixed at this value.
    pub floc: Option<f64>,
    /// Keep the scale fixed at this value.
    pub fscale: Option<f64>,
}

/// Fitted log-normal parameters (SciPy's tuple `(s, loc, scale)`).
///
/// ```
/// let p = sci_stats::LognormFitParams { s: 0.5, loc: 0.0, scale: 1.0 };
/// assert!(p.s > 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LognormFitParams {
    /// The shape estimate (or the fixed value).
    pub s: f64,
    /// The location estimate (or the fixed value).
    pub loc: f64,
    /// The scale estimate (or the fixed value).
    pub scale: f64,
}

impl Lognorm {
    /// Maximum-likelihood fit (`scipy.stats.lognorm.fit`), with any of `s`, `loc`, `scale`
    /// held fixed.
    ///
    /// For a given `loc`, with `lᵢ = log(xᵢ − loc)`, the estimates are closed-form:
    /// `scale = exp(mean(l))` and `s = sqrt(mean((l − log scale)²))` (or the fixed values).
    /// With `loc` fixed that is the answer. With `loc` free, `loc` is the root of the
    /// derivative of this profile log-likelihood,
    /// `Σ (1 + log((xᵢ − loc)/scale)/s²)/(xᵢ − loc) = 0` (Cohen & Whitten 1980), bracketed as
    /// SciPy does by stepping down from just below `min(data)` (with SciPy's unit step taken
    /// as the data's range, so the fit does not depend on the data's units) and solved by
    /// Brent's method to full precision; as in SciPy, if the likelihood at `min(data)` minus one
    /// spacing is higher than at the root, that point is the answer. When no bracket is
    /// found, a Nelder–Mead search with Newton polishing takes over (SciPy's generic fit).
    /// O(n) per iteration.
    ///
    /// SciPy 1.17 falls back to its generic Nelder–Mead fit whenever `min(data) < 0` (its
    /// bracket starts on the wrong side of a negative minimum); this implementation solves
    /// the profile equation there too, so its likelihood is at least SciPy's.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{Lognorm, LognormFitOptions};
    /// let x = array![1.0, 2.0, 4.0, 8.0];
    /// let p = Lognorm::fit(&x, &LognormFitOptions { floc: Some(0.0), ..Default::default() })?;
    /// // log x = (0, 1, 2, 3)·ln 2: scale = 2^1.5, s = ln 2 · sqrt(1.25).
    /// assert!((p.scale - 2f64.powf(1.5)).abs() < 1e-14);
    /// assert!((p.s - 2f64.ln() * 1.25f64.sqrt()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Gamma::fit`](crate::Gamma::fit): empty or non-finite data, invalid or all-fixed
    /// parameters, `floc >= min(data)` (SciPy's `FitDataError`), no estimate for the data
    /// (constant data with `s` free); [`Error::NotConverged`](sci_core::Error::NotConverged)
    /// when the fallback search finds no interior maximum.
    pub fn fit<S: Data<Elem = f64>>(
        data: &ArrayBase<S, Ix1>,
        options: &LognormFitOptions,
    ) -> Result<LognormFitParams> {
        let x = sample(data)?;
        let LognormFitOptions { fs, floc, fscale } = *options;
        check_fixed(floc, &[("fs", fs), ("fscale", fscale)])?;
        if fs.is_some() && floc.is_some() && fscale.is_some() {
            return Err(all_fixed());
        }
        let (min, max) = extent(&x);
        let loc = match floc {
            Some(loc) => {
                check_below(loc, min)?;
                loc
            }
            None if min == max => return Err(no_estimate("lognorm", "the data are constant")),
            None => match profile_root(&x, min, max - min, fs, fscale) {
                Some(loc) => loc,
                None => return general(&x, min, max, fs, fscale),
            },
        };
        let (s, scale) = shape_scale(&x, loc, fs, fscale);
        if !(s > 0.0 && s.is_finite() && scale > 0.0 && scale.is_finite()) {
            return Err(no_estimate("lognorm", "the spread of log(x − loc) is zero"));
        }
        Ok(LognormFitParams { s, loc, scale })
    }
}

/// The maximum-likelihood `s` and `scale` for a given `loc` (or the fixed values).
fn shape_scale(x: &[f64], loc: f64, fs: Option<f64>, fscale: Option<f64>) -> (f64, f64) {
    let scale = fscale.unwrap_or_else(|| mean_of(x, |v| (v - loc).ln()).exp());
    let log_scale = scale.ln();
    let s = fs.unwrap_or_else(|| mean_of(x, |v| ((v - loc).ln() - log_scale).powi(2)).sqrt());
    (s, scale)
}

/// SciPy's distance from `v` to the next float away from zero (`np.spacing`, in magnitude).
fn spacing(v: f64) -> f64 {
    if v == 0.0 { f64::from_bits(1) } else { (f64::from_bits(v.abs().to_bits() + 1) - v.abs()).abs() }
}

/// The maximizing `loc` by the profile score, following SciPy's bracketing; `None` when no
/// bracket is found (the caller falls back to the general search). SciPy's absolute step 1
/// and slope threshold 1e-6 are taken in units of the data's range `span`, so that the fit
/// does not depend on the units of the data.
fn profile_root(x: &[f64], min: f64, span: f64, fs: Option<f64>, fscale: Option<f64>) -> Option<f64> {
    let slope = |loc: f64| {
        let (s, scale) = shape_scale(x, loc, fs, fscale);
        let s2 = s * s;
        csum(x.iter().map(|&v| (1.0 + ((v - loc) / scale).ln() / s2) / (v - loc)))
    };
    let loglik = |loc: f64| {
        let (s, scale) = shape_scale(x, loc, fs, fscale);
        -nll(Lognorm::new(s, loc, scale), x)
    };
    let sp = spacing(min);
    let edge = min - sp;
    // Right end: step away from min(data) until the profile decreases towards it.
    let (mut right, mut d_right) = (edge, slope(edge));
    let mut delta = 2.0 * sp;
    while d_right >= -1e-6 / span {
        right = min - delta;
        d_right = slope(right);
        delta *= 2.0;
        if !right.is_finite() {
            return None;
        }
    }
    if !right.is_finite() || !d_right.is_finite() {
        return None;
    }
    // Left end: step further left until the slope changes sign.
    let mut left = (right - span).min(right.next_down());
    let mut d_left = slope(left);
    let mut delta = 2.0 * (right - left);
    while left.is_finite() && d_left < 0.0 {
        left = right - delta;
        d_left = slope(left);
        delta *= 2.0;
    }
    if !left.is_finite() || !d_left.is_finite() {
        return None;
    }
    let root = root_in(slope, left, right, d_left, d_right);
    if !root.is_finite() {
        return None;
    }
    // The likelihood is unbounded as loc → min(data); SciPy keeps the root only when it
    // beats the point one spacing below the minimum.
    Some(if loglik(root) > loglik(edge) { root } else { edge })
}

/// The general search over the free parameters (SciPy's fallback).
fn general(x: &[f64], min: f64, max: f64, fs: Option<f64>, fscale: Option<f64>) -> Result<LognormFitParams> {
    // SciPy's generic start: s = 1, loc and scale matching the mean and variance.
    let m = central_moments(x.iter().copied());
    let e = 1f64.exp();
    let scale0 = fscale.unwrap_or_else(|| (m.m2 / (e * (e - 1.0))).sqrt());
    let loc0 = m.mean - scale0 * e.sqrt();
    let free = lower_bounded(fs.is_some(), fscale.is_some(), min);
    let n = x.len() as f64;
    let nll = |p: &[f64]| nll(Lognorm::new(p[0], p[1], p[2]), x);
    let grad = |p: &[f64], g: &mut [f64]| {
        let (s, loc, scale) = (p[0], p[1], p[2]);
        let y = |v: f64| ((v - loc) / scale).ln();
        g[0] = n / s - csum(x.iter().map(|&v| y(v).powi(2))) / s.powi(3);
        g[1] = -csum(x.iter().map(|&v| (1.0 + y(v) / (s * s)) / (v - loc)));
        g[2] = -csum(x.iter().map(|&v| y(v))) / (s * s * scale);
    };
    let theta = vec![fs.unwrap_or(1.0), loc0, scale0];
    let p = Problem { name: "lognorm", theta, free, span: max - min, nll: &nll, grad: &grad }.solve()?;
    Ok(LognormFitParams { s: p[0], loc: p[1], scale: p[2] })
}
