//! Bootstrap confidence intervals for one-sample statistics (`scipy.stats.bootstrap`).
//!
//! [`bootstrap`] resamples the data with replacement `n_resamples` times, evaluates the
//! statistic on each resample (in parallel; each resample has its own generator seeded from
//! the caller's, so the result does not depend on the thread count), and turns the bootstrap
//! distribution into a percentile, basic or BCa interval with
//! [`bootstrap_interval`], which is public so a distribution computed elsewhere can be reused
//! (SciPy's `bootstrap_result` argument).

use rand::rngs::Xoshiro256PlusPlus;
use rand::{Rng, RngExt, SeedableRng};
use rayon::prelude::*;
use sci_core::ndarray::{Array1, ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Alternative, ConfidenceInterval};
use crate::special::{ndtr, ndtri};

/// How the interval is formed from the bootstrap distribution (SciPy's `method`).
///
/// ```
/// use sci_stats::BootstrapMethod;
/// assert_eq!(BootstrapMethod::default(), BootstrapMethod::BCa);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BootstrapMethod {
    /// Quantiles `α` and `1 − α` of the bootstrap distribution (`'percentile'`).
    Percentile,
    /// The percentile interval reflected about the observed statistic:
    /// `[2θ̂ − q(1−α), 2θ̂ − q(α)]` (`'basic'`, also called "reverse percentile").
    Basic,
    /// Bias-corrected and accelerated percentiles (`'BCa'`, the default): the quantile levels
    /// are shifted by the bias `z₀ = Φ⁻¹(fraction of θ*_b below θ̂)` and the jackknife
    /// acceleration `â` (Efron & Tibshirani, 1993, eq. 14.14–14.15).
    #[default]
    BCa,
}

/// Options for [`bootstrap_with`] (SciPy's keyword arguments of `bootstrap`).
///
/// ```
/// use sci_stats::{Alternative, BootstrapMethod, BootstrapOptions};
/// let o = BootstrapOptions::default();
/// assert_eq!((o.n_resamples, o.confidence_level, o.method), (9999, 0.95, BootstrapMethod::BCa));
/// assert_eq!(o.alternative, Alternative::TwoSided);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapOptions {
    /// Number of resamples (`n_resamples`, default 9999). May be 0 when
    /// `bootstrap_distribution` is given.
    pub n_resamples: usize,
    /// Confidence level of the interval, in `[0, 1]` (`confidence_level`, default 0.95).
    pub confidence_level: f64,
    /// The interval type (`method`, default BCa).
    pub method: BootstrapMethod,
    /// Two-sided (default) or one-sided interval: `Less` gives `(-inf, high]`, `Greater`
    /// gives `[low, inf)` with the whole `1 − confidence_level` in the finite tail.
    pub alternative: Alternative,
    /// A previously computed bootstrap distribution to extend with `n_resamples` new values
    /// (SciPy's `bootstrap_result.bootstrap_distribution`).
    pub bootstrap_distribution: Option<Array1<f64>>,
}

impl Default for BootstrapOptions {
    fn default() -> Self {
        BootstrapOptions {
            n_resamples: 9999,
            confidence_level: 0.95,
            method: BootstrapMethod::BCa,
            alternative: Alternative::TwoSided,
            bootstrap_distribution: None,
        }
    }
}

/// The result of [`bootstrap`] (SciPy's `BootstrapResult`).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::rand::{rngs::StdRng, SeedableRng};
/// let x = array![2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0];
/// let r = sci_stats::bootstrap(&x, |s| s.mean().unwrap_or(f64::NAN), &mut StdRng::seed_from_u64(1))?;
/// assert_eq!(r.bootstrap_distribution.len(), 9999);
/// assert!(r.confidence_interval.low < 3.4375 && 3.4375 < r.confidence_interval.high);
/// assert!(r.standard_error > 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct BootstrapResult {
    /// The confidence interval (`confidence_interval`).
    pub confidence_interval: ConfidenceInterval,
    /// The statistic of every resample (`bootstrap_distribution`).
    pub bootstrap_distribution: Array1<f64>,
    /// The sample standard deviation (`ddof = 1`) of the bootstrap distribution
    /// (`standard_error`).
    pub standard_error: f64,
}

/// Bootstrap confidence interval of a one-sample statistic with SciPy's defaults
/// (`scipy.stats.bootstrap((data,), statistic, rng=rng)`: 9999 resamples, 95 %, BCa).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::rand::{rngs::StdRng, SeedableRng};
/// let x = array![0.8, 1.2, 0.3, 2.2, 1.7, 0.9, 1.4, 1.1, 0.6, 1.9];
/// let median = |s: sci_core::ndarray::ArrayView1<f64>| {
///     let mut v = s.to_vec();
///     v.sort_by(f64::total_cmp);
///     0.5 * (v[(v.len() - 1) / 2] + v[v.len() / 2])
/// };
/// let r = sci_stats::bootstrap(&x, median, &mut StdRng::seed_from_u64(3))?;
/// assert!(r.confidence_interval.low <= 1.15 && 1.15 <= r.confidence_interval.high);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`bootstrap_with`].
pub fn bootstrap<S, F, R>(data: &ArrayBase<S, Ix1>, statistic: F, rng: &mut R) -> Result<BootstrapResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64 + Sync,
    R: Rng + ?Sized,
{
    bootstrap_with(data, statistic, rng, &BootstrapOptions::default())
}

/// Bootstrap confidence interval of a one-sample statistic (`scipy.stats.bootstrap`).
///
/// Draws `n_resamples` samples of `data` with replacement and evaluates `statistic` on each
/// (cost `n_resamples` statistic calls on `n` values, in parallel), then forms the interval
/// with [`bootstrap_interval`]; BCa adds `n` jackknife (leave-one-out) evaluations. One
/// `u64` per resample is drawn from `rng` to seed that resample's own generator, so a fixed
/// seed gives the same result on any number of threads.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::rand::{rngs::StdRng, SeedableRng};
/// use sci_stats::{bootstrap_with, BootstrapMethod, BootstrapOptions};
/// let x = array![2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0, 3.9, 2.5];
/// let opts = BootstrapOptions { method: BootstrapMethod::Percentile, confidence_level: 0.9, ..Default::default() };
/// let r = bootstrap_with(&x, |s| s.mean().unwrap_or(f64::NAN), &mut StdRng::seed_from_u64(9), &opts)?;
/// let ci = r.confidence_interval;
/// assert!(2.5 < ci.low && ci.low < 3.39 && 3.39 < ci.high && ci.high < 4.3);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// - [`Error::InvalidArgument`] if `data` has fewer than two observations, if
///   `confidence_level` is outside `[0, 1]`, or if `n_resamples` is 0 and no previous
///   bootstrap distribution is given.
///
/// NaN in `data` is passed to the statistic; a NaN statistic makes the interval NaN (SciPy's
/// behaviour, where it also warns).
///
/// # Differences from SciPy
/// - One-sample statistics only (SciPy also takes several samples, `paired`, `axis`,
///   `vectorized` and `batch`).
/// - The resamples come from rand's generators, so the bootstrap distribution differs from
///   SciPy's for the same seed; given the same distribution the interval is SciPy's to
///   rounding (see [`bootstrap_interval`]).
pub fn bootstrap_with<S, F, R>(
    data: &ArrayBase<S, Ix1>,
    statistic: F,
    rng: &mut R,
    options: &BootstrapOptions,
) -> Result<BootstrapResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64 + Sync,
    R: Rng + ?Sized,
{
    let n = data.len();
    if n < 2 {
        return Err(Error::invalid_argument(
            "data",
            format!("must contain two or more observations, got {n}"),
        ));
    }
    check_options(options)?;
    let previous = options.bootstrap_distribution.as_ref().map_or(0, |d| d.len());
    if options.n_resamples == 0 && previous == 0 {
        return Err(Error::invalid_argument(
            "n_resamples",
            "either a previous bootstrap distribution or n_resamples must be positive",
        ));
    }
    let x = data.to_vec();
    let seeds: Vec<u64> = (0..options.n_resamples).map(|_| rng.random::<u64>()).collect();
    let statistic = &statistic;
    let x = &x;
    let fresh: Vec<f64> = sci_core::install(|| {
        seeds
            .par_iter()
            .map_init(
                || vec![0.0; n],
                |buf, &seed| {
                    let mut r = Xoshiro256PlusPlus::seed_from_u64(seed);
                    for b in buf.iter_mut() {
                        *b = x[r.random_range(0..n)];
                    }
                    statistic(ArrayView1::from(&buf[..]))
                },
            )
            .collect()
    });
    let mut dist = Vec::with_capacity(previous + fresh.len());
    if let Some(p) = &options.bootstrap_distribution {
        dist.extend(p.iter().copied());
    }
    dist.extend(fresh);
    let dist = Array1::from(dist);
    let theta_hat = statistic(ArrayView1::from(&x[..]));
    let jackknife = if options.method == BootstrapMethod::BCa { Some(jackknife(x, statistic)) } else { None };
    let confidence_interval =
        interval_from(&dist.view(), theta_hat, jackknife.as_ref().map(|j| j.view()), options)?;
    let standard_error = std_ddof1(dist.as_slice().unwrap_or(&[]));
    Ok(BootstrapResult { confidence_interval, bootstrap_distribution: dist, standard_error })
}

fn check_options(options: &BootstrapOptions) -> Result<()> {
    let c = options.confidence_level;
    if c.is_nan() || !(0.0..=1.0).contains(&c) {
        return Err(Error::invalid_argument("confidence_level", format!("must lie in [0, 1], got {c}")));
    }
    Ok(())
}

/// The statistic of every leave-one-out sample, in order (`n` evaluations on `n − 1` values).
fn jackknife<F>(x: &[f64], statistic: &F) -> Array1<f64>
where
    F: Fn(ArrayView1<'_, f64>) -> f64 + Sync,
{
    let n = x.len();
    let v: Vec<f64> = sci_core::install(|| {
        (0..n)
            .into_par_iter()
            .map_init(
                || Vec::with_capacity(n.saturating_sub(1)),
                |buf: &mut Vec<f64>, i| {
                    buf.clear();
                    buf.extend_from_slice(&x[..i]);
                    buf.extend_from_slice(&x[i + 1..]);
                    statistic(ArrayView1::from(&buf[..]))
                },
            )
            .collect()
    });
    Array1::from(v)
}

fn std_ddof1(v: &[f64]) -> f64 {
    let m = v.len();
    if m < 2 {
        return f64::NAN;
    }
    let mean = v.iter().sum::<f64>() / m as f64;
    let ss: f64 = v.iter().map(|x| (x - mean) * (x - mean)).sum();
    (ss / (m - 1) as f64).sqrt()
}

/// NumPy's default (`'linear'`) quantile of sorted data; NaN for a NaN level.
fn quantile_linear(sorted: &[f64], p: f64) -> f64 {
    let m = sorted.len();
    if p.is_nan() || m == 0 {
        return f64::NAN;
    }
    let h = (m - 1) as f64 * p.clamp(0.0, 1.0);
    let lo = h.floor();
    let g = h - lo;
    let j = (lo as usize).min(m - 1);
    if j + 1 >= m {
        return sorted[m - 1];
    }
    let (a, b) = (sorted[j], sorted[j + 1]);
    // NumPy's `_lerp`: a + g(b − a), evaluated from the nearer end.
    let diff = b - a;
    if g >= 0.5 { b - diff * (1.0 - g) } else { a + diff * g }
}

/// The confidence interval from a given bootstrap distribution (the second half of
/// `scipy.stats.bootstrap`, as used with its `bootstrap_result` argument).
///
/// `theta_hat` is the statistic of the original data; `jackknife` the statistic of each
/// leave-one-out sample (needed only by BCa). With `α = (1 − confidence_level)/2`
/// (two-sided) or `1 − confidence_level` (one-sided), the interval is the linear-interpolated
/// quantiles at `α` and `1 − α` (percentile), those reflected about `θ̂` (basic), or at the
/// BCa-adjusted levels `Φ(z₀ + (z₀ + z_α)/(1 − â(z₀ + z_α)))`, where `z₀ = Φ⁻¹(p)`, `p` the
/// mean of the fractions of bootstrap values `< θ̂` and `≤ θ̂`, and
/// `â = Σ U³ / (6 (Σ U²)^{3/2})` with `U_i = (n − 1)(θ̄₍·₎ − θ̂₍ᵢ₎)`. Cost: one sort of the
/// distribution.
///
/// A NaN in the distribution, or a degenerate BCa adjustment (all jackknife values equal),
/// gives a NaN bound, as in SciPy (which warns).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{bootstrap_interval, BootstrapMethod, BootstrapOptions};
/// let dist = array![1.0, 2.0, 3.0, 4.0, 5.0];
/// let opts = BootstrapOptions { method: BootstrapMethod::Percentile, confidence_level: 0.5, ..Default::default() };
/// let ci = bootstrap_interval(&dist, 3.0, None, &opts)?;
/// assert_eq!((ci.low, ci.high), (2.0, 4.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if the distribution is empty, `confidence_level` is outside
/// `[0, 1]`, or the method is BCa and `jackknife` is `None` or has fewer than two values.
pub fn bootstrap_interval<S>(
    bootstrap_distribution: &ArrayBase<S, Ix1>,
    theta_hat: f64,
    jackknife: Option<ArrayView1<'_, f64>>,
    options: &BootstrapOptions,
) -> Result<ConfidenceInterval>
where
    S: Data<Elem = f64>,
{
    check_options(options)?;
    interval_from(&bootstrap_distribution.view(), theta_hat, jackknife, options)
}

fn interval_from(
    dist: &ArrayView1<'_, f64>,
    theta_hat: f64,
    jackknife: Option<ArrayView1<'_, f64>>,
    options: &BootstrapOptions,
) -> Result<ConfidenceInterval> {
    let b = dist.len();
    if b == 0 {
        return Err(Error::invalid_argument("bootstrap_distribution", "must not be empty"));
    }
    let alpha = match options.alternative {
        Alternative::TwoSided => (1.0 - options.confidence_level) / 2.0,
        _ => 1.0 - options.confidence_level,
    };
    let (p_lo, p_hi) = match options.method {
        BootstrapMethod::BCa => {
            let Some(jk) = jackknife else {
                return Err(Error::invalid_argument(
                    "jackknife",
                    "the BCa method needs the leave-one-out statistics",
                ));
            };
            if jk.len() < 2 {
                return Err(Error::invalid_argument(
                    "jackknife",
                    "needs two or more leave-one-out statistics",
                ));
            }
            bca_levels(dist, theta_hat, jk, alpha)
        }
        _ => (alpha, 1.0 - alpha),
    };
    let (lo, hi) = if dist.iter().any(|v| v.is_nan()) {
        (f64::NAN, f64::NAN)
    } else {
        let mut sorted = dist.to_vec();
        sorted.sort_unstable_by(f64::total_cmp);
        (quantile_linear(&sorted, p_lo), quantile_linear(&sorted, p_hi))
    };
    let (mut low, mut high) = match options.method {
        BootstrapMethod::Basic => (2.0 * theta_hat - hi, 2.0 * theta_hat - lo),
        _ => (lo, hi),
    };
    match options.alternative {
        Alternative::Less => low = f64::NEG_INFINITY,
        Alternative::Greater => high = f64::INFINITY,
        Alternative::TwoSided => {}
    }
    Ok(ConfidenceInterval { low, high })
}

/// SciPy's `_bca_interval`: the adjusted quantile levels `(α₁, α₂)`.
fn bca_levels(dist: &ArrayView1<'_, f64>, theta_hat: f64, jk: ArrayView1<'_, f64>, alpha: f64) -> (f64, f64) {
    let b = dist.len();
    let below = dist.iter().filter(|&&v| v < theta_hat).count();
    let at_or_below = dist.iter().filter(|&&v| v <= theta_hat).count();
    let percentile = (below + at_or_below) as f64 / (2 * b) as f64;
    let z0 = ndtri(percentile);
    let n = jk.len() as f64;
    let dot = jk.sum() / n;
    let (mut num, mut den) = (0.0, 0.0);
    for &t in jk {
        let u = (n - 1.0) * (dot - t);
        num += u * u * u;
        den += u * u;
    }
    let a_hat = (num / (n * n * n)) / 6.0 / (den / (n * n)).powf(1.5);
    let z_alpha = ndtri(alpha);
    let num1 = z0 + z_alpha;
    let alpha_1 = ndtr(z0 + num1 / (1.0 - a_hat * num1));
    let num2 = z0 - z_alpha;
    let alpha_2 = ndtr(z0 + num2 / (1.0 - a_hat * num2));
    (alpha_1, alpha_2)
}
