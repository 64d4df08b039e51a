//! `scipy.stats.beta.fit`.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use super::mle::{Coord, Problem};
use super::{all_fixed, check_below, check_fixed, extent, finite_or_inf, mean_of, no_estimate, sample};
use crate::common::csum;
use crate::descriptive::moments::central_moments;
use crate::distributions::Beta;
use crate::roots::root_positive;
use crate::special::{betaln, digamma};

/// Fixed parameters of [`Beta::fit`] (SciPy's `fa` (alias `f0`), `fb` (`f1`), `floc` and
/// `fscale`); `None` means "estimate".
///
/// ```
/// let o = sci_stats::BetaFitOptions { floc: Some(0.0), fscale: Some(1.0), ..Default::default() };
/// assert!(o.fa.is_none() && o.fb.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct BetaFitOptions {
    /// Keep the shape `a` fixed at this value.
    pub fa: Option<f64>,
    /// Keep the shape `b` fixed at this value.
    pub fb: Option<f64>,
    /// Keep the location fixed at this value.
    pub floc: Option<f64>,
    /// Keep the scale fixed at this value.
    pub fscale: Option<f64>,
}

/// Fitted beta parameters (SciPy's tuple `(a, b, loc, scale)`).
///
/// ```
/// let p = sci_stats::BetaFitParams { a: 2.0, b: 3.0, loc: 0.0, scale: 1.0 };
/// assert_eq!(p.a / (p.a + p.b), 0.4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BetaFitParams {
    /// The first shape estimate (or the fixed value).
    pub a: f64,
    /// The second shape estimate (or the fixed value).
    pub b: f64,
    /// The location estimate (or the fixed value).
    pub loc: f64,
    /// The scale estimate (or the fixed value).
    pub scale: f64,
}

impl Beta {
    /// Maximum-likelihood fit (`scipy.stats.beta.fit`), with any of `a`, `b`, `loc`,
    /// `scale` held fixed.
    ///
    /// With `loc` and `scale` fixed (`zᵢ = (xᵢ − loc)/scale`), the estimates solve the score
    /// equations `ψ(a) − ψ(a + b) = mean(log z)` and `ψ(b) − ψ(a + b) = mean(log(1 − z))`, as
    /// in SciPy: one of them by Brent's method when the other shape is fixed; both, otherwise,
    /// by the general search on the (concave) log-likelihood from the moment estimates. The
    /// general search — a Nelder–Mead search from a moment-matching start, followed by
    /// Newton's method on the score — also handles every case with `loc` or `scale` free,
    /// keeping the data strictly inside `(loc, loc + scale)`; there SciPy stops its own
    /// Nelder–Mead search at `xtol = 1e-4`, so its estimates agree with these to about four
    /// digits and its likelihood is never higher.
    /// O(n) per iteration.
    ///
    /// With `loc` or `scale` free the likelihood is unbounded (an end of the support on the
    /// data with a shape below 1 makes the density infinite there); the search returns the
    /// interior local maximum it reaches from its start, and an error when it reaches none.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{Beta, BetaFitOptions};
    /// let x = array![0.1, 0.35, 0.4, 0.6, 0.2, 0.45, 0.3, 0.55];
    /// let fixed = BetaFitOptions { floc: Some(0.0), fscale: Some(1.0), ..Default::default() };
    /// let p = Beta::fit(&x, &fixed)?;
    /// assert!(p.a > 1.0 && p.b > 1.0);
    /// // Fixing b = 3 leaves the one equation ψ(a) − ψ(a + 3) = mean(log x).
    /// let p = Beta::fit(&x, &BetaFitOptions { fb: Some(3.0), ..fixed })?;
    /// assert!((p.b, p.loc, p.scale) == (3.0, 0.0, 1.0));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Gamma::fit`](crate::Gamma::fit): empty or non-finite data, invalid or all-fixed
    /// parameters, no estimate for the data; also
    /// [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) when the data do not lie
    /// strictly inside the support the fixed `floc`/`fscale` allow (SciPy raises
    /// `FitDataError` when both are fixed), and
    /// [`Error::NotConverged`](sci_core::Error::NotConverged) when the search finds no interior
    /// maximum — where SciPy returns whatever point its search stopped at.
    pub fn fit<S: Data<Elem = f64>>(
        data: &ArrayBase<S, Ix1>,
        options: &BetaFitOptions,
    ) -> Result<BetaFitParams> {
        let x = sample(data)?;
        let BetaFitOptions { fa, fb, floc, fscale } = *options;
        check_fixed(floc, &[("fa", fa), ("fb", fb), ("fscale", fscale)])?;
        if fa.is_some() && fb.is_some() && floc.is_some() && fscale.is_some() {
            return Err(all_fixed());
        }
        let (min, max) = extent(&x);
        if let Some(loc) = floc {
            check_below(loc, min)?;
        }
        match (floc, fscale) {
            (Some(loc), Some(scale)) if max >= loc + scale => Err(Error::invalid_argument(
                "fscale",
                format!(
                    "the data must lie below floc + fscale = {}, but their maximum is {max}",
                    loc + scale
                ),
            )),
            (None, Some(scale)) if max - min >= scale => Err(Error::invalid_argument(
                "fscale",
                format!("the data's range {} must be smaller than fscale = {scale}", max - min),
            )),
            (Some(loc), Some(scale)) => fixed_support(&x, min, max, loc, scale, fa, fb),
            _ => general(&x, min, max, options),
        }
    }
}

fn fixed_support(
    x: &[f64],
    min: f64,
    max: f64,
    loc: f64,
    scale: f64,
    fa: Option<f64>,
    fb: Option<f64>,
) -> Result<BetaFitParams> {
    let mean_log = mean_of(x, |v| ((v - loc) / scale).ln());
    let mean_log1m = mean_of(x, |v| ((loc + scale - v) / scale).ln());
    let mean = mean_of(x, |v| (v - loc) / scale);
    let no_root = || no_estimate("beta", "the shape equation has no root for these data");
    let (a, b) = match (fa, fb) {
        (Some(a), _) => {
            let b0 = a * (1.0 - mean) / mean;
            let b =
                root_positive(|b| digamma(b) - digamma(a + b) - mean_log1m, b0, false).ok_or_else(no_root)?;
            (a, b)
        }
        (None, Some(b)) => {
            let a0 = b * mean / (1.0 - mean);
            let a =
                root_positive(|a| digamma(a) - digamma(a + b) - mean_log, a0, false).ok_or_else(no_root)?;
            (a, b)
        }
        (None, None) => {
            if min == max {
                return Err(no_estimate("beta", "the data are constant (a, b → ∞)"));
            }
            let p = general(x, min, max, &BetaFitOptions { fa, fb, floc: Some(loc), fscale: Some(scale) })?;
            (p.a, p.b)
        }
    };
    Ok(BetaFitParams { a, b, loc, scale })
}

/// Shapes matching the sample skewness and excess kurtosis (the four-moment method), when
/// the pair is attainable by a beta distribution.
fn moment_shapes(skew: f64, kurt: f64) -> Option<(f64, f64)> {
    let g2 = skew * skew;
    if !(kurt > g2 - 2.0 && kurt < 1.5 * g2) {
        return None;
    }
    let nu = 3.0 * (kurt - g2 + 2.0) / (1.5 * g2 - kurt);
    if !(nu > 0.0 && nu.is_finite()) {
        return None;
    }
    let d = if g2 > 0.0 { 1.0 / (1.0 + 16.0 * (nu + 1.0) / ((nu + 2.0).powi(2) * g2)).sqrt() } else { 0.0 };
    let (small, large) = (0.5 * nu * (1.0 - d), 0.5 * nu * (1.0 + d));
    // Positive skewness: more mass near 0, so a < b.
    Some(if skew > 0.0 { (small, large) } else { (large, small) })
}

fn general(x: &[f64], min: f64, max: f64, options: &BetaFitOptions) -> Result<BetaFitParams> {
    let BetaFitOptions { fa, fb, floc, fscale } = *options;
    if min == max {
        return Err(no_estimate("beta", "the data are constant"));
    }
    let span = max - min;
    let m = central_moments(x.iter().copied());
    // Start: shapes from the moments of the data on the fixed support when there is one,
    // from skewness and kurtosis otherwise; then loc and scale matching mean and variance.
    let (a0, b0) = match (floc, fscale) {
        (Some(loc), Some(scale)) => {
            let (mean, var) = ((m.mean - loc) / scale, m.m2 / (scale * scale));
            let fac = mean * (1.0 - mean) / var - 1.0;
            if fac > 0.0 { (mean * fac, (1.0 - mean) * fac) } else { (1.0, 1.0) }
        }
        _ => moment_shapes(m.m3 / m.m2.powf(1.5), m.m4 / (m.m2 * m.m2) - 3.0).unwrap_or((2.0, 2.0)),
    };
    let (a0, b0) = (fa.unwrap_or(a0), fb.unwrap_or(b0));
    let ab = a0 + b0;
    let mut scale0 = (m.m2 * ab * ab * (ab + 1.0) / (a0 * b0)).sqrt();
    let mut loc0 = m.mean - scale0 * a0 / ab;
    if !(loc0 < min && loc0 + scale0 > max) {
        (loc0, scale0) = (min - 0.1 * span, 1.2 * span);
    }
    let (loc0, scale0) = (floc.unwrap_or(loc0), fscale.unwrap_or(scale0));
    let mut free = Vec::with_capacity(4);
    if fa.is_none() {
        free.push((0, Coord::Positive));
    }
    if fb.is_none() {
        free.push((1, Coord::Positive));
    }
    match (floc, fscale) {
        (None, None) => {
            free.push((2, Coord::Below(min)));
            free.push((3, Coord::Reaching { xmax: max, loc_index: 2 }));
        }
        (None, Some(scale)) => free.push((2, Coord::Between(max - scale, min))),
        (Some(loc), None) => free.push((3, Coord::Above(max - loc))),
        (Some(_), Some(_)) => {}
    }
    let n = x.len() as f64;
    // −log L = −(a − 1)·Σ log z − (b − 1)·Σ log(1 − z) + n·(log B(a, b) + log scale): the
    // special function once per evaluation rather than once per point.
    let nll = |p: &[f64]| {
        let (a, b, loc, s) = (p[0], p[1], p[2], p[3]);
        let sum_log = csum(x.iter().map(|&v| ((v - loc) / s).ln()));
        let sum_log1m = csum(x.iter().map(|&v| ((loc + s - v) / s).ln()));
        finite_or_inf(n * (betaln(a, b) + s.ln()) - (a - 1.0) * sum_log - (b - 1.0) * sum_log1m)
    };
    let grad = |p: &[f64], g: &mut [f64]| {
        let (a, b, loc, s) = (p[0], p[1], p[2], p[3]);
        let z = |v: f64| (v - loc) / s;
        let w = |v: f64| (loc + s - v) / s;
        let psi_ab = digamma(a + b);
        g[0] = n * (digamma(a) - psi_ab) - csum(x.iter().map(|&v| z(v).ln()));
        g[1] = n * (digamma(b) - psi_ab) - csum(x.iter().map(|&v| w(v).ln()));
        g[2] = csum(x.iter().map(|&v| (a - 1.0) / z(v) - (b - 1.0) / w(v))) / s;
        g[3] = (n - csum(x.iter().map(|&v| (b - 1.0) * z(v) / w(v) - (a - 1.0)))) / s;
    };
    let theta = vec![a0, b0, loc0, scale0];
    let p = Problem { name: "beta", theta, free, span, nll: &nll, grad: &grad }.solve()?;
    Ok(BetaFitParams { a: p[0], b: p[1], loc: p[2], scale: p[3] })
}
