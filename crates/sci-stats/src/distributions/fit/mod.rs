//! Maximum-likelihood fits (SciPy's `dist.fit(data, floc=.., fscale=.., f0=..)`).
//!
//! Each fit maximizes `Σ log pdf(xᵢ; θ)` over the parameters that are not fixed. How:
//!
//! | distribution | method |
//! |---|---|
//! | `norm`, `expon`, `uniform`, `laplace` | closed form |
//! | `logistic` | the score equations, by Brent's method (one free parameter) or Newton (both) |
//! | `lognorm` | `loc` fixed: closed form; `loc` free: the root of the profile score in `loc` |
//! | `gamma` | `loc` fixed: `log a − ψ(a) = log mean − mean log` (or `ψ(a) = ..`) by Brent; `loc` free: general search |
//! | `weibull_min` | `loc` fixed: the profile equation in `c` by Brent; `loc` free: general search |
//! | `beta` | `loc`, `scale` fixed: the digamma equations; otherwise general search |
//!
//! The general search (where SciPy runs `optimize.fmin`, Nelder–Mead to `xtol = 1e-4`) is a
//! Nelder–Mead search from SciPy's method-of-moments start, in coordinates that keep the data
//! inside the support, followed by Newton's method on the analytic score: it returns the
//! stationary point to working precision, so its likelihood is at least SciPy's.

mod beta;
mod gamma;
mod location_scale;
mod logistic;
mod lognorm;
mod mle;
mod optim;
mod weibull;

pub use beta::{BetaFitOptions, BetaFitParams};
pub use gamma::{GammaFitOptions, GammaFitParams};
pub use lognorm::{LognormFitOptions, LognormFitParams};
pub use weibull::{WeibullMinFitOptions, WeibullMinFitParams};

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result, validate};

use super::continuous::ContinuousDistribution;
use crate::common::csum;

/// Fixed parameters of a fit (SciPy's `floc` and `fscale`); `None` means "estimate".
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct FitOptions {
    /// Keep the location fixed at this value.
    pub floc: Option<f64>,
    /// Keep the scale fixed at this value.
    pub fscale: Option<f64>,
}

/// Fitted location and scale (the tuple SciPy's `fit` returns).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FitParams {
    /// The location estimate (or the fixed value).
    pub loc: f64,
    /// The scale estimate (or the fixed value); 0 for constant data.
    pub scale: f64,
}

fn check_data<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>) -> Result<()> {
    validate::check_non_empty("data", data)?;
    validate::check_finite("data", data)
}

fn min_max<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>) -> (f64, f64) {
    data.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)))
}

/// Smallest and largest element of a slice.
fn extent(x: &[f64]) -> (f64, f64) {
    x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)))
}

/// The data as a vector, after the checks every fit makes (non-empty, finite).
fn sample<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>) -> Result<Vec<f64>> {
    check_data(data)?;
    Ok(data.iter().copied().collect())
}

/// Checks a fixed location (finite) and a fixed scale or shape (finite and positive).
fn check_fixed(floc: Option<f64>, positive: &[(&str, Option<f64>)]) -> Result<()> {
    if let Some(l) = floc
        && !l.is_finite()
    {
        return Err(Error::invalid_argument("floc", format!("must be finite, got {l}")));
    }
    for &(name, v) in positive {
        if let Some(v) = v
            && !(v.is_finite() && v > 0.0)
        {
            return Err(Error::invalid_argument(name, format!("must be a finite number > 0, got {v}")));
        }
    }
    Ok(())
}

/// SciPy's "All parameters fixed. There is nothing to optimize."
fn all_fixed() -> Error {
    Error::invalid_argument("options", "every parameter is fixed; there is nothing to fit")
}

/// The data leave no maximum of the likelihood (constant data, for instance).
fn no_estimate(dist: &str, why: &str) -> Error {
    Error::invalid_argument(
        "data",
        format!("the maximum-likelihood estimate of {dist} does not exist: {why}"),
    )
}

/// A fixed `floc` must lie strictly below the data (SciPy's `FitDataError`).
fn check_below(floc: f64, min: f64) -> Result<()> {
    if floc < min {
        Ok(())
    } else {
        Err(Error::invalid_argument(
            "floc",
            format!("the data must lie above floc = {floc}, but their minimum is {min}"),
        ))
    }
}

/// Negative log-likelihood `−Σ log pdf(xᵢ)` (compensated sum); +∞ for invalid parameters or
/// data outside the support (and for a density that is infinite at a data point).
fn nll<D: ContinuousDistribution>(dist: Result<D>, x: &[f64]) -> f64 {
    let Ok(d) = dist else { return f64::INFINITY };
    finite_or_inf(-csum(x.iter().map(|&xi| d.logpdf(xi))))
}

/// `v` if finite, else +∞ (a negative log-likelihood outside the parameter space).
fn finite_or_inf(v: f64) -> f64 {
    if v.is_finite() { v } else { f64::INFINITY }
}

/// Mean of `f(xᵢ)` (compensated).
fn mean_of(x: &[f64], f: impl Fn(f64) -> f64) -> f64 {
    csum(x.iter().map(|&v| f(v))) / x.len() as f64
}
