//! Order statistics: `quantile` (numpy's and SciPy's methods), `iqr`, `scoreatpercentile`,
//! `percentileofscore`, `median_abs_deviation`.

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Nan, NanPolicy, nan_state, sort, values};

/// How a quantile between order statistics is estimated: the nine methods of Hyndman and
/// Fan (1996) that `numpy.quantile` and `scipy.stats.quantile` share, plus numpy's four
/// legacy interpolations.
///
/// With `n` sorted values and probability `p`, the continuous methods place the quantile at
/// the 0-based virtual index `n p + α + p (1 − α − β) − 1` and interpolate linearly between
/// its neighbours.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{quantile_with, QuantileMethod, QuantileOptions};
/// let x = array![1.0, 2.0, 3.0, 4.0];
/// let p = array![0.5];
/// let lower = quantile_with(&x, &p, &QuantileOptions { method: QuantileMethod::Lower, ..Default::default() })?;
/// assert_eq!(lower[0], 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum QuantileMethod {
    /// H&F 1: the inverse of the empirical cdf (`'inverted_cdf'`).
    InvertedCdf,
    /// H&F 2: as 1, averaging at discontinuities (`'averaged_inverted_cdf'`).
    AveragedInvertedCdf,
    /// H&F 3: the nearest even order statistic at ties (`'closest_observation'`).
    ClosestObservation,
    /// H&F 4: α = 0, β = 1 (`'interpolated_inverted_cdf'`).
    InterpolatedInvertedCdf,
    /// H&F 5: α = β = ½ (`'hazen'`).
    Hazen,
    /// H&F 6: α = β = 0 (`'weibull'`).
    Weibull,
    /// H&F 7: α = β = 1, index `(n − 1) p` (`'linear'`), the default.
    #[default]
    Linear,
    /// H&F 8: α = β = ⅓ (`'median_unbiased'`).
    MedianUnbiased,
    /// H&F 9: α = β = ⅜ (`'normal_unbiased'`).
    NormalUnbiased,
    /// numpy's `'lower'`: the order statistic at `floor((n − 1) p)`.
    Lower,
    /// numpy's `'higher'`: the order statistic at `ceil((n − 1) p)`.
    Higher,
    /// numpy's `'midpoint'`: the mean of `'lower'` and `'higher'`.
    Midpoint,
    /// numpy's `'nearest'`: the order statistic at `(n − 1) p` rounded half to even.
    Nearest,
}

/// numpy's `_lerp`: `a + (b − a) t`, computed from the nearer end for accuracy.
fn lerp(a: f64, b: f64, t: f64) -> f64 {
    let d = b - a;
    if t >= 0.5 { b - d * (1.0 - t) } else { a + d * t }
}

/// Value at a clipped integer index.
fn at(v: &[f64], i: f64) -> f64 {
    let last = v.len() - 1;
    let i = if i <= 0.0 { 0 } else { (i as usize).min(last) };
    v[i]
}

/// Interpolation between the neighbours of a virtual index, with numpy's clipping.
fn interpolate(v: &[f64], virtual_index: f64, fix_gamma: impl Fn(f64, f64) -> f64) -> f64 {
    let n = v.len() as f64;
    let (prev, next) = if virtual_index >= n - 1.0 {
        return v[v.len() - 1];
    } else if virtual_index < 0.0 {
        return v[0];
    } else {
        let p = virtual_index.floor();
        (p, p + 1.0)
    };
    let gamma = fix_gamma(virtual_index - prev, virtual_index);
    lerp(at(v, prev), at(v, next), gamma)
}

/// Quantile `p` (in `[0, 1]`) of sorted, NaN-free, non-empty `v`.
pub(crate) fn quantile_sorted(v: &[f64], p: f64, method: QuantileMethod) -> f64 {
    use QuantileMethod as M;
    let n = v.len() as f64;
    let continuous = |alpha: f64, beta: f64| n * p + (alpha + p * (1.0 - alpha - beta)) - 1.0;
    // H&F 1 and 3: a discrete index chosen by a condition on the fractional part.
    let discrete = |index: f64, take_previous: &dyn Fn(f64, f64) -> bool| {
        let prev = index.floor();
        let gamma = index - prev;
        at(v, if take_previous(gamma, index) { prev } else { prev + 1.0 })
    };
    match method {
        M::InvertedCdf => discrete(n * p - 1.0, &|g, _| g == 0.0),
        M::ClosestObservation => {
            discrete(n * p - 1.0 - 0.5, &|g, i| g == 0.0 && i.floor().rem_euclid(2.0) == 1.0)
        }
        M::AveragedInvertedCdf => interpolate(v, n * p - 1.0, |g, _| if g == 0.0 { 0.5 } else { 1.0 }),
        M::InterpolatedInvertedCdf => interpolate(v, continuous(0.0, 1.0), |g, _| g),
        M::Hazen => interpolate(v, continuous(0.5, 0.5), |g, _| g),
        M::Weibull => interpolate(v, continuous(0.0, 0.0), |g, _| g),
        M::Linear => interpolate(v, (n - 1.0) * p, |g, _| g),
        M::MedianUnbiased => interpolate(v, continuous(1.0 / 3.0, 1.0 / 3.0), |g, _| g),
        M::NormalUnbiased => interpolate(v, continuous(3.0 / 8.0, 3.0 / 8.0), |g, _| g),
        M::Lower => at(v, ((n - 1.0) * p).floor()),
        M::Higher => at(v, ((n - 1.0) * p).ceil()),
        M::Nearest => at(v, ((n - 1.0) * p).round_ties_even()),
        M::Midpoint => {
            let h = (n - 1.0) * p;
            interpolate(v, 0.5 * (h.floor() + h.ceil()), |_, i| if i % 1.0 == 0.0 { 0.0 } else { 0.5 })
        }
    }
}

/// Options of [`quantile_with`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct QuantileOptions {
    /// Estimation method (default [`QuantileMethod::Linear`]).
    pub method: QuantileMethod,
    /// NaN handling in `x` (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// Sorted non-NaN values of a sample after its NaN policy, or `None` when NaN propagates.
pub(crate) fn sorted_values<S: Data<Elem = f64>>(
    what: &str,
    x: &ArrayBase<S, Ix1>,
    policy: NanPolicy,
) -> Result<Option<Vec<f64>>> {
    match nan_state(what, x, policy)? {
        Nan::Propagate => Ok(None),
        Nan::Clean { omit } => {
            let mut v = values(x, omit);
            sort(&mut v);
            Ok(Some(v))
        }
    }
}

/// Sample quantiles at probabilities `p` (`scipy.stats.quantile`, `numpy.quantile`), with the
/// default linear method.
///
/// Sorts a copy of `x`: O(n log n) (parallel above 200 000 values).
///
/// ```
/// use sci_core::ndarray::array;
/// let q = sci_stats::quantile(&array![1.0, 2.0, 3.0, 4.0], &array![0.0, 0.25, 0.5, 1.0])?;
/// assert_eq!(q.to_vec(), vec![1.0, 1.75, 2.5, 4.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `p` contains NaN (as SciPy).
///
/// # Differences from SciPy
/// `x` and `p` are 1-D; the result has one value per `p`. Probabilities outside `[0, 1]` give
/// NaN, as `scipy.stats.quantile` (numpy raises). numpy's four legacy methods are accepted
/// too; `'harrell-davis'` and the `round_*` methods are not offered.
pub fn quantile<S1, S2>(x: &ArrayBase<S1, Ix1>, p: &ArrayBase<S2, Ix1>) -> Result<Array1<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    quantile_with(x, p, &QuantileOptions::default())
}

/// [`quantile`] with a method and NaN policy.
///
/// An empty sample (or one with NaN under [`NanPolicy::Propagate`]) gives NaN for every `p`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{quantile_with, QuantileMethod, QuantileOptions};
/// let x = array![1.0, 2.0, 3.0, 4.0];
/// let o = QuantileOptions { method: QuantileMethod::Weibull, ..Default::default() };
/// assert_eq!(quantile_with(&x, &array![0.5], &o)?[0], 2.5);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `p` contains NaN; [`Error::NonFinite`] for NaN in `x` under
/// [`NanPolicy::Raise`].
pub fn quantile_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    p: &ArrayBase<S2, Ix1>,
    options: &QuantileOptions,
) -> Result<Array1<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    if p.iter().any(|v| v.is_nan()) {
        return Err(Error::invalid_argument("p", "must not contain NaN"));
    }
    let sorted = sorted_values("x", x, options.nan_policy)?;
    Ok(p.mapv(|pi| match &sorted {
        Some(v) if !v.is_empty() && (0.0..=1.0).contains(&pi) => quantile_sorted(v, pi, options.method),
        _ => f64::NAN,
    }))
}

/// The median of sorted, NaN-free values as numpy computes it (mean of the middle pair).
pub(crate) fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n == 0 {
        f64::NAN
    } else if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// A scale factor: a number, or the constant that makes the statistic a consistent
/// estimator of the standard deviation of a normal distribution (SciPy's `scale='normal'`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Scale {
    /// Divide by this number.
    Value(f64),
    /// Divide by the statistic's value for the standard normal distribution.
    Normal,
}

impl Default for Scale {
    fn default() -> Self {
        Scale::Value(1.0)
    }
}

/// Options of [`iqr_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IqrOptions {
    /// The two percentiles, in `[0, 100]` (default `(25, 75)`); their order does not matter.
    pub rng: (f64, f64),
    /// Divide the range by this; [`Scale::Normal`] divides by `2√2 erfinv(½) ≈ 1.349`.
    pub scale: Scale,
    /// numpy's interpolation method for the percentiles (default linear).
    pub interpolation: QuantileMethod,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for IqrOptions {
    fn default() -> Self {
        IqrOptions {
            rng: (25.0, 75.0),
            scale: Scale::default(),
            interpolation: QuantileMethod::Linear,
            nan_policy: NanPolicy::Propagate,
        }
    }
}

/// `2√2 erfinv(½)`, the interquartile range of the standard normal distribution.
const NORMAL_IQR: f64 = 1.348_979_500_392_163_4;
/// `Φ⁻¹(¾)`, the median absolute deviation of the standard normal distribution.
const NORMAL_MAD: f64 = 0.674_489_750_196_081_7;

/// Interquartile range `Q(0.75) − Q(0.25)` (`scipy.stats.iqr`).
///
/// NaN for an empty sample. Sorts a copy: O(n log n).
///
/// ```
/// use sci_core::ndarray::array;
/// assert_eq!(sci_stats::iqr(&array![1.0, 2.0, 3.0, 4.0, 5.0])?, 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn iqr<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Result<f64> {
    iqr_with(x, &IqrOptions::default())
}

/// [`iqr`] with SciPy's `rng`, `scale`, `interpolation` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{iqr_with, IqrOptions, Scale};
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0];
/// let r = iqr_with(&x, &IqrOptions { rng: (10.0, 90.0), scale: Scale::Value(2.0), ..Default::default() })?;
/// assert!((r - 1.6).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if a bound of `rng` lies outside `[0, 100]` or `scale` is not
/// positive; [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn iqr_with<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>, options: &IqrOptions) -> Result<f64> {
    let (a, b) = options.rng;
    if !((0.0..=100.0).contains(&a) && (0.0..=100.0).contains(&b)) {
        return Err(Error::invalid_argument(
            "rng",
            format!("both percentiles must lie in [0, 100], got ({a}, {b})"),
        ));
    }
    let scale = match options.scale {
        Scale::Value(s) => {
            sci_core::validate::check_positive("scale", s)?;
            s
        }
        Scale::Normal => NORMAL_IQR,
    };
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let Some(v) = sorted_values("x", x, options.nan_policy)? else { return Ok(f64::NAN) };
    if v.is_empty() {
        return Ok(f64::NAN);
    }
    let q = |pct: f64| quantile_sorted(&v, pct / 100.0, options.interpolation);
    Ok((q(hi) - q(lo)) / scale)
}

/// Options of [`median_abs_deviation_with`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MadOptions {
    /// Divide the deviation by this (default 1); [`Scale::Normal`] divides by `Φ⁻¹(¾) ≈
    /// 0.6745`, making it a consistent estimator of σ for normal data.
    pub scale: Scale,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// Median absolute deviation `median(|x − median(x)|)` (`scipy.stats.median_abs_deviation`).
///
/// NaN for an empty sample. O(n log n).
///
/// ```
/// use sci_core::ndarray::array;
/// assert_eq!(sci_stats::median_abs_deviation(&array![1.0, 2.0, 3.0, 4.0, 100.0])?, 1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// The center is always the median (SciPy accepts any callable as `center`).
pub fn median_abs_deviation<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Result<f64> {
    median_abs_deviation_with(x, &MadOptions::default())
}

/// [`median_abs_deviation`] with SciPy's `scale` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{median_abs_deviation_with, MadOptions, Scale};
/// let x = array![1.0, 2.0, 3.0, 4.0, 100.0];
/// let s = median_abs_deviation_with(&x, &MadOptions { scale: Scale::Normal, ..Default::default() })?;
/// assert!((s - 1.482602218505602).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for a non-positive `scale`; [`Error::NonFinite`] for NaN under
/// [`NanPolicy::Raise`].
pub fn median_abs_deviation_with<S: Data<Elem = f64>>(
    x: &ArrayBase<S, Ix1>,
    options: &MadOptions,
) -> Result<f64> {
    let scale = match options.scale {
        Scale::Value(s) => {
            sci_core::validate::check_positive("scale", s)?;
            s
        }
        Scale::Normal => NORMAL_MAD,
    };
    let Some(v) = sorted_values("x", x, options.nan_policy)? else { return Ok(f64::NAN) };
    let med = median_sorted(&v);
    let mut dev: Vec<f64> = v.iter().map(|&a| (a - med).abs()).collect();
    sort(&mut dev);
    Ok(median_sorted(&dev) / scale)
}

/// How [`scoreatpercentile_with`] interpolates between order statistics
/// (SciPy's `interpolation_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ScoreInterpolation {
    /// Linear interpolation (`'fraction'`), the default.
    #[default]
    Fraction,
    /// The lower neighbour (`'lower'`).
    Lower,
    /// The higher neighbour (`'higher'`).
    Higher,
}

/// Options of [`scoreatpercentile_with`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ScoreAtPercentileOptions {
    /// Only values within `[lower, upper]` are used (SciPy's `limit`; default: all).
    pub limit: Option<(f64, f64)>,
    /// Interpolation between order statistics (default [`ScoreInterpolation::Fraction`]).
    pub interpolation_method: ScoreInterpolation,
}

/// The score at percentile `per` of `a` (`scipy.stats.scoreatpercentile`).
///
/// NaN for an empty sample. O(n log n).
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0];
/// assert_eq!(sci_stats::scoreatpercentile(&a, 50.0)?, 5.5);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `per` lies outside `[0, 100]`.
///
/// # Differences from SciPy
/// NaN in `a` is sorted as the largest value by SciPy; here any NaN gives NaN.
pub fn scoreatpercentile<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, per: f64) -> Result<f64> {
    scoreatpercentile_with(a, per, &ScoreAtPercentileOptions::default())
}

/// [`scoreatpercentile`] with SciPy's `limit` and `interpolation_method`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{scoreatpercentile_with, ScoreAtPercentileOptions, ScoreInterpolation};
/// let a = array![1.0, 2.0, 3.0, 4.0];
/// let o = ScoreAtPercentileOptions { interpolation_method: ScoreInterpolation::Higher, ..Default::default() };
/// assert_eq!(scoreatpercentile_with(&a, 50.0, &o)?, 3.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `per` lies outside `[0, 100]`.
pub fn scoreatpercentile_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    per: f64,
    options: &ScoreAtPercentileOptions,
) -> Result<f64> {
    if !(0.0..=100.0).contains(&per) {
        return Err(Error::invalid_argument(
            "per",
            format!("percentile must be in the range [0, 100], got {per}"),
        ));
    }
    if a.iter().any(|v| v.is_nan()) {
        return Ok(f64::NAN);
    }
    let mut v: Vec<f64> = match options.limit {
        Some((lo, hi)) => a.iter().copied().filter(|&x| lo <= x && x <= hi).collect(),
        None => a.to_vec(),
    };
    if v.is_empty() {
        return Ok(f64::NAN);
    }
    sort(&mut v);
    let idx = per / 100.0 * (v.len() - 1) as f64;
    Ok(match options.interpolation_method {
        ScoreInterpolation::Fraction => {
            let i = idx.floor();
            let frac = idx - i;
            if frac == 0.0 {
                v[i as usize]
            } else {
                let (lo, hi) = (v[i as usize], v[i as usize + 1]);
                lo + (hi - lo) * frac
            }
        }
        ScoreInterpolation::Lower => v[idx.floor() as usize],
        ScoreInterpolation::Higher => v[idx.ceil() as usize],
    })
}

/// Which convention [`percentileofscore_with`] uses for values equal to the score
/// (SciPy's `kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PercentileKind {
    /// Average percentage ranking of the score among ties (`'rank'`), the default.
    #[default]
    Rank,
    /// Percentage of values `<=` the score (`'weak'`, the cdf).
    Weak,
    /// Percentage of values `<` the score (`'strict'`).
    Strict,
    /// Average of weak and strict (`'mean'`).
    Mean,
}

/// Options of [`percentileofscore_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PercentileOfScoreOptions {
    /// Tie convention (default [`PercentileKind::Rank`]).
    pub kind: PercentileKind,
    /// NaN handling in `a` (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// The percentile rank of `score` relative to `a` (`scipy.stats.percentileofscore`), in
/// `[0, 100]`.
///
/// NaN for an empty sample or a NaN score. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![1.0, 2.0, 3.0, 3.0, 4.0];
/// assert_eq!(sci_stats::percentileofscore(&a, 3.0)?, 70.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn percentileofscore<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, score: f64) -> Result<f64> {
    percentileofscore_with(a, score, &PercentileOfScoreOptions::default())
}

/// [`percentileofscore`] with SciPy's `kind` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{percentileofscore_with, PercentileKind, PercentileOfScoreOptions};
/// let a = array![1.0, 2.0, 3.0, 3.0, 4.0];
/// let o = PercentileOfScoreOptions { kind: PercentileKind::Strict, ..Default::default() };
/// assert_eq!(percentileofscore_with(&a, 3.0, &o)?, 40.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN in `a` or `score` under [`NanPolicy::Raise`].
pub fn percentileofscore_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    score: f64,
    options: &PercentileOfScoreOptions,
) -> Result<f64> {
    if score.is_nan() && options.nan_policy == NanPolicy::Raise {
        return Err(Error::NonFinite { what: "score (nan_policy = Raise)".into(), index: None });
    }
    let omit = match nan_state("a", a, options.nan_policy)? {
        Nan::Propagate => return Ok(f64::NAN),
        Nan::Clean { omit } => omit,
    };
    let (mut n, mut left, mut right) = (0usize, 0usize, 0usize);
    for &v in a.iter() {
        if omit && v.is_nan() {
            continue;
        }
        n += 1;
        left += usize::from(v < score);
        right += usize::from(v <= score);
    }
    if n == 0 || score.is_nan() {
        return Ok(f64::NAN);
    }
    let (n, left, right) = (n as f64, left as f64, right as f64);
    Ok(match options.kind {
        PercentileKind::Rank => (left + right + if right > left { 1.0 } else { 0.0 }) * (50.0 / n),
        PercentileKind::Strict => left * (100.0 / n),
        PercentileKind::Weak => right * (100.0 / n),
        PercentileKind::Mean => (left + right) * (50.0 / n),
    })
}
