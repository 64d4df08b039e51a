//! `scipy.stats.gamma.fit`.

use sci_core::Result;
use sci_core::ndarray::{ArrayBase, Data, Ix1};

use super::mle::{Problem, lower_bounded};
use super::{all_fixed, check_below, check_fixed, extent, finite_or_inf, mean_of, no_estimate, sample};
use crate::common::csum;
use crate::descriptive::moments::central_moments;
use crate::distributions::Gamma;
use crate::roots::root_positive;
use crate::special::{digamma, gammaln};

/// Fixed parameters of [`Gamma::fit`] (SciPy's `fa` (alias `f0`), `floc` and `fscale`);
/// `None` means "estimate".
///
/// ```
/// let o = sci_stats::GammaFitOptions { floc: Some(0.0), ..Default::default() };
/// assert!(o.fa.is_none() && o.fscale.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct GammaFitOptions {
    /// Keep the shape `a` fixed at this value.
    pub fa: Option<f64>,
    /// Keep the location fixed at this value.
    pub floc: Option<f64>,
    /// Keep the scale fixed at this value.
    pub fscale: Option<f64>,
}

/// Fitted gamma parameters (SciPy's tuple `(a, loc, scale)`).
///
/// ```
/// let p = sci_stats::GammaFitParams { a: 2.0, loc: 0.0, scale: 1.5 };
/// assert_eq!(p.a * p.scale, 3.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GammaFitParams {
    /// The shape estimate (or the fixed value).
    pub a: f64,
    /// The location estimate (or the fixed value).
    pub loc: f64,
    /// The scale estimate (or the fixed value).
    pub scale: f64,
}

impl Gamma {
    /// Maximum-likelihood fit (`scipy.stats.gamma.fit`), with any of `a`, `loc`, `scale`
    /// held fixed.
    ///
    /// With `loc` fixed the estimates solve the score equations, as in SciPy: with
    /// `zᵢ = xᵢ − loc`, `a` is the root of `log a − ψ(a) = log mean(z) − mean(log z)` and
    /// `scale = mean(z)/a`; with `scale` fixed, `ψ(a) = mean(log z) − log scale`; with `a`
    /// fixed, `scale = mean(z)/a`. Roots by Brent's method to full precision. O(n) per
    /// iteration, a few dozen iterations.
    ///
    /// With `loc` free the likelihood is maximized by a Nelder–Mead search from SciPy's
    /// method-of-moments start (`a = 4/skew²`) followed by Newton's method on the score,
    /// keeping `loc < min(data)`. SciPy stops its Nelder–Mead search at `xtol = 1e-4`; this
    /// one returns the stationary point, so its likelihood is at least SciPy's and its
    /// estimates may differ from SciPy's in the fourth or fifth digit.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{Gamma, GammaFitOptions};
    /// let x = array![0.8, 1.9, 2.2, 3.1, 4.7, 1.2, 2.6, 0.5];
    /// let p = Gamma::fit(&x, &GammaFitOptions { floc: Some(0.0), ..Default::default() })?;
    /// // The scale estimate makes the fitted mean a·scale equal the sample mean.
    /// assert!((p.a * p.scale - 2.125).abs() < 1e-13);
    /// assert_eq!(p.loc, 0.0);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`](sci_core::Error::Empty) for no data,
    /// [`Error::NonFinite`](sci_core::Error::NonFinite) for NaN or infinite data;
    /// [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) for a non-finite `floc`,
    /// a non-positive `fa` or `fscale`, every parameter fixed, data not strictly above a
    /// fixed `floc` (SciPy's `FitDataError`), or data for which no estimate exists
    /// (constant data with two parameters free);
    /// [`Error::NotConverged`](sci_core::Error::NotConverged) when, with `loc` free, the
    /// likelihood has no interior maximum (it grows without bound as `loc → min(data)` with
    /// `a < 1`, or along a ridge) — where SciPy returns whatever point its search stopped at.
    pub fn fit<S: Data<Elem = f64>>(
        data: &ArrayBase<S, Ix1>,
        options: &GammaFitOptions,
    ) -> Result<GammaFitParams> {
        let x = sample(data)?;
        let GammaFitOptions { fa, floc, fscale } = *options;
        check_fixed(floc, &[("fa", fa), ("fscale", fscale)])?;
        if fa.is_some() && floc.is_some() && fscale.is_some() {
            return Err(all_fixed());
        }
        let (a, loc, scale) = match floc {
            Some(loc) => fixed_loc(&x, loc, fa, fscale)?,
            None => free_loc(&x, fa, fscale)?,
        };
        Ok(GammaFitParams { a, loc, scale })
    }
}

/// The inverse of the digamma function: the `a > 0` with `ψ(a) = y`.
fn digamma_inv(y: f64) -> Option<f64> {
    // Minka's starting point (asymptotic expansions at both ends).
    let a0 = if y >= -2.22 { y.exp() + 0.5 } else { -1.0 / (y - digamma(1.0)) };
    root_positive(|a| digamma(a) - y, a0, false)
}

fn fixed_loc(x: &[f64], loc: f64, fa: Option<f64>, fscale: Option<f64>) -> Result<(f64, f64, f64)> {
    let (min, max) = extent(x);
    check_below(loc, min)?;
    let mean = mean_of(x, |v| v - loc);
    let mean_log = mean_of(x, |v| (v - loc).ln());
    let no_root = || no_estimate("gamma", "the shape equation has no root for these data");
    match (fa, fscale) {
        (Some(a), _) => Ok((a, loc, mean / a)),
        (None, Some(scale)) => Ok((digamma_inv(mean_log - scale.ln()).ok_or_else(no_root)?, loc, scale)),
        (None, None) => {
            let s = mean.ln() - mean_log;
            if min == max || s.is_nan() || s <= 0.0 {
                return Err(no_estimate("gamma", "the data are constant (a → ∞)"));
            }
            // Closed-form approximation to the root (Minka; Choi & Wette) as the start.
            let a0 = (3.0 - s + ((s - 3.0).powi(2) + 24.0 * s).sqrt()) / (12.0 * s);
            let a = root_positive(|a| a.ln() - digamma(a) - s, a0, true).ok_or_else(no_root)?;
            Ok((a, loc, mean / a))
        }
    }
}

fn free_loc(x: &[f64], fa: Option<f64>, fscale: Option<f64>) -> Result<(f64, f64, f64)> {
    let (min, max) = extent(x);
    if min == max {
        return Err(no_estimate("gamma", "the data are constant"));
    }
    // SciPy's start: a from the sample skewness (skew = 2/√a), loc and scale by moments, loc
    // moved below the data when the moments put it above min(data). (SciPy then also resets
    // the scale to 1, which is far off for data in other units; the moment scale is kept.)
    let m = central_moments(x.iter().copied());
    let skew = m.m3 / m.m2.powf(1.5);
    let a0 = 4.0 / (1e-8 + skew * skew);
    let scale0 = (m.m2 / a0).sqrt();
    let mut loc0 = m.mean - a0 * scale0;
    if loc0.is_nan() || loc0 >= min {
        loc0 = min - 0.1 * (max - min);
    }
    let free = lower_bounded(fa.is_some(), fscale.is_some(), min);
    let n = x.len() as f64;
    // −log L = −(a − 1)·Σ log z + Σ z + n·(log Γ(a) + log scale), z = (x − loc)/scale: the
    // special function once per evaluation rather than once per point.
    let nll = |p: &[f64]| {
        let (a, loc, s) = (p[0], p[1], p[2]);
        let sum_log = csum(x.iter().map(|&v| ((v - loc) / s).ln()));
        let sum_z = csum(x.iter().map(|&v| (v - loc) / s));
        finite_or_inf(sum_z - (a - 1.0) * sum_log + n * (gammaln(a) + s.ln()))
    };
    let grad = |p: &[f64], g: &mut [f64]| {
        let (a, loc, s) = (p[0], p[1], p[2]);
        g[0] = n * digamma(a) - csum(x.iter().map(|&v| ((v - loc) / s).ln()));
        g[1] = -csum(x.iter().map(|&v| 1.0 - (a - 1.0) * s / (v - loc))) / s;
        g[2] = -(csum(x.iter().map(|&v| (v - loc) / s)) - n * a) / s;
    };
    let theta = vec![fa.unwrap_or(a0), loc0, fscale.unwrap_or(scale0)];
    let p = Problem { name: "gamma", theta, free, span: max - min, nll: &nll, grad: &grad }.solve()?;
    Ok((p[0], p[1], p[2]))
}
