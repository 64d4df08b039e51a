//! Moment statistics: `describe`, `moment`, `skew`, `kurtosis`, `sem`, `variation`, `zscore`,
//! `gmean`, `hmean`.
//!
//! All of them use two passes with compensated (Neumaier) sums: the first finds the mean,
//! the second sums powers of the deviations from it and corrects the mean by the mean
//! deviation. The result is accurate to a few ulps even on badly scaled data such as NIST's
//! NumAcc4 (values near 1e7 that differ in the eighth digit), where one-pass formulas lose
//! every digit.

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Nan, NanPolicy, Neumaier, PAR_CHUNK, PAR_MIN, csum, nan_state};

/// Central moments (divided by `n`) of a sample about its mean.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Moments {
    pub(crate) n: usize,
    pub(crate) mean: f64,
    pub(crate) m2: f64,
    pub(crate) m3: f64,
    pub(crate) m4: f64,
}

/// Count and compensated mean of an iterator (NaN for an empty one).
pub(crate) fn count_mean<I: Iterator<Item = f64>>(it: I) -> (usize, f64) {
    let mut s = Neumaier::default();
    let mut n = 0usize;
    for x in it {
        s.add(x);
        n += 1;
    }
    (n, if n == 0 { f64::NAN } else { s.value() / n as f64 })
}

/// The mean and central moments 2–4 in two compensated passes.
pub(crate) fn central_moments<I: Iterator<Item = f64> + Clone>(it: I) -> Moments {
    let (n, mean0) = count_mean(it.clone());
    if n == 0 {
        return Moments { n, mean: f64::NAN, m2: f64::NAN, m3: f64::NAN, m4: f64::NAN };
    }
    let (mut s1, mut s2, mut s3, mut s4) =
        (Neumaier::default(), Neumaier::default(), Neumaier::default(), Neumaier::default());
    for x in it {
        let d = x - mean0;
        let d2 = d * d;
        s1.add(d);
        s2.add(d2);
        s3.add(d2 * d);
        s4.add(d2 * d2);
    }
    // Shift the power sums from mean0 to mean0 + delta (sum of deviations is n*delta).
    shift_moments(n, mean0, s1.value(), s2.value(), s3.value(), s4.value())
}

/// [`central_moments`] of a contiguous slice, in parallel chunks for long slices. Also
/// returns the minimum and maximum.
pub(crate) fn central_moments_slice(x: &[f64]) -> (Moments, f64, f64) {
    use rayon::prelude::*;
    let minmax = |(lo, hi): (f64, f64), &v: &f64| (lo.min(v), hi.max(v));
    if x.len() < PAR_MIN {
        let (lo, hi) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), minmax);
        return (central_moments(x.iter().copied()), lo, hi);
    }
    let n = x.len() as f64;
    let first: Vec<(Neumaier, f64, f64)> = sci_core::install(|| {
        x.par_chunks(PAR_CHUNK)
            .map(|c| {
                let mut s = Neumaier::default();
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for &v in c {
                    s.add(v);
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
                (s, lo, hi)
            })
            .collect()
    });
    let mut total = Neumaier::default();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for (s, l, h) in &first {
        total.merge(s);
        lo = lo.min(*l);
        hi = hi.max(*h);
    }
    let mean0 = total.value() / n;
    let parts: Vec<[Neumaier; 4]> = sci_core::install(|| {
        x.par_chunks(PAR_CHUNK)
            .map(|c| {
                let mut s = [Neumaier::default(); 4];
                for &v in c {
                    let d = v - mean0;
                    let d2 = d * d;
                    s[0].add(d);
                    s[1].add(d2);
                    s[2].add(d2 * d);
                    s[3].add(d2 * d2);
                }
                s
            })
            .collect()
    });
    let mut s = [Neumaier::default(); 4];
    for p in &parts {
        for (acc, part) in s.iter_mut().zip(p.iter()) {
            acc.merge(part);
        }
    }
    (shift_moments(x.len(), mean0, s[0].value(), s[1].value(), s[2].value(), s[3].value()), lo, hi)
}

/// Count, mean and second central moment (divided by `n`) of a sample: what the t-tests need.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MeanVar {
    pub(crate) n: usize,
    pub(crate) mean: f64,
    pub(crate) m2: f64,
}

/// Values per block of [`deviation_sums`]: each block is summed in [`LANES`] plain
/// accumulators (which vectorize), and the block totals are added with compensation, so the
/// rounding error is that of a length-`BLOCK/LANES` sum plus a compensated sum of blocks.
const BLOCK: usize = 1024;
const LANES: usize = 8;

/// Compensated `(Σ (x - c), Σ (x - c)²)` over a slice, blockwise (see [`BLOCK`]).
fn deviation_sums(x: &[f64], c: f64) -> (Neumaier, Neumaier) {
    let (mut s1, mut s2) = (Neumaier::default(), Neumaier::default());
    for block in x.chunks(BLOCK) {
        let (mut a, mut b) = ([0.0; LANES], [0.0; LANES]);
        let lanes = block.chunks_exact(LANES);
        let tail = lanes.remainder();
        for group in lanes {
            for k in 0..LANES {
                let d = group[k] - c;
                a[k] += d;
                b[k] += d * d;
            }
        }
        for (k, &v) in tail.iter().enumerate() {
            let d = v - c;
            a[k] += d;
            b[k] += d * d;
        }
        s1.add(a.iter().sum());
        s2.add(b.iter().sum());
    }
    (s1, s2)
}

/// [`deviation_sums`] over parallel chunks of a long slice (fixed chunking, so the result does
/// not depend on the thread count).
fn deviation_sums_par(x: &[f64], c: f64) -> (f64, f64) {
    use rayon::prelude::*;
    if x.len() < PAR_MIN {
        let (s1, s2) = deviation_sums(x, c);
        return (s1.value(), s2.value());
    }
    let parts: Vec<(Neumaier, Neumaier)> =
        sci_core::install(|| x.par_chunks(PAR_CHUNK).map(|chunk| deviation_sums(chunk, c)).collect());
    let (mut s1, mut s2) = (Neumaier::default(), Neumaier::default());
    for (p1, p2) in &parts {
        s1.merge(p1);
        s2.merge(p2);
    }
    (s1.value(), s2.value())
}

/// Mean and second central moment of a slice in two vectorized passes: a blockwise sum gives
/// a first mean, and the sums of deviations from it (whose mean corrects it) and of their
/// squares give the moment. As accurate as [`central_moments`] on badly scaled data (the
/// deviations are formed before any large sum), at a fraction of its cost.
pub(crate) fn mean_var_slice(x: &[f64]) -> MeanVar {
    let n = x.len();
    if n == 0 {
        return MeanVar { n, mean: f64::NAN, m2: f64::NAN };
    }
    let nf = n as f64;
    let mean0 = deviation_sums_par(x, 0.0).0 / nf;
    if !mean0.is_finite() {
        return MeanVar { n, mean: mean0, m2: f64::NAN };
    }
    let (s1, s2) = deviation_sums_par(x, mean0);
    let delta = s1 / nf;
    MeanVar { n, mean: mean0 + delta, m2: ((s2 - nf * delta * delta) / nf).max(0.0) }
}

/// Central moments about `mean0 + s1/n` from power sums of deviations from `mean0`.
fn shift_moments(n: usize, mean0: f64, s1: f64, s2: f64, s3: f64, s4: f64) -> Moments {
    let nf = n as f64;
    let delta = s1 / nf;
    let c2 = (s2 - nf * delta * delta).max(0.0);
    let c3 = s3 - 3.0 * delta * s2 + 2.0 * nf * delta * delta * delta;
    let c4 = s4 - 4.0 * delta * s3 + 6.0 * delta * delta * s2 - 3.0 * nf * delta.powi(4);
    Moments { n, mean: mean0 + delta, m2: c2 / nf, m3: c3 / nf, m4: c4 / nf }
}

fn moments_with_policy<S: Data<Elem = f64>>(
    x: &ArrayBase<S, Ix1>,
    policy: NanPolicy,
) -> Result<Option<Moments>> {
    match nan_state("a", x, policy)? {
        Nan::Propagate => Ok(None),
        Nan::Clean { omit: false } => Ok(Some(central_moments(x.iter().copied()))),
        Nan::Clean { omit: true } => Ok(Some(central_moments(x.iter().copied().filter(|v| !v.is_nan())))),
    }
}

/// SciPy's test for a (numerically) zero variance: `m2 <= (eps * mean)^2`.
fn is_degenerate(m: &Moments) -> bool {
    m.m2 <= (f64::EPSILON * m.mean).powi(2)
}

/// The result of [`describe`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DescribeResult {
    /// Number of observations (after omitting NaN under [`NanPolicy::Omit`]).
    pub nobs: usize,
    /// Smallest and largest value.
    pub minmax: (f64, f64),
    /// Arithmetic mean.
    pub mean: f64,
    /// Variance with `ddof` delta degrees of freedom (unbiased, `ddof = 1`, by default).
    pub variance: f64,
    /// Skewness (biased unless `bias: false`), as [`skew`].
    pub skewness: f64,
    /// Excess (Fisher) kurtosis (biased unless `bias: false`), as [`kurtosis`].
    pub kurtosis: f64,
}

/// Options of [`describe_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DescribeOptions {
    /// Delta degrees of freedom of the variance (default 1).
    pub ddof: usize,
    /// `false` corrects skewness and kurtosis for statistical bias (default `true`).
    pub bias: bool,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for DescribeOptions {
    fn default() -> Self {
        DescribeOptions { ddof: 1, bias: true, nan_policy: NanPolicy::Propagate }
    }
}

/// Several descriptive statistics at once (`scipy.stats.describe`): the number of
/// observations, minimum and maximum, mean, unbiased variance, skewness and excess kurtosis.
///
/// Two passes over the data, O(n); a contiguous sample longer than 131 072 values is
/// reduced in parallel, in fixed-size chunks, so the result does not depend on the number of
/// threads.
///
/// ```
/// use sci_core::ndarray::array;
/// let d = sci_stats::describe(&array![1.0, 2.0, 3.0, 4.0])?;
/// assert_eq!(d.nobs, 4);
/// assert_eq!(d.minmax, (1.0, 4.0));
/// assert_eq!(d.mean, 2.5);
/// assert!((d.variance - 5.0 / 3.0).abs() < 1e-15);
/// assert_eq!(d.skewness, 0.0);
/// assert!((d.kurtosis + 1.36).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for an empty sample (as SciPy's `ValueError`), [`Error::NonFinite`] for
/// NaN under [`NanPolicy::Raise`].
pub fn describe<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<DescribeResult> {
    describe_with(a, &DescribeOptions::default())
}

/// [`describe`] with SciPy's keyword arguments.
///
/// Under [`NanPolicy::Propagate`] a NaN gives `nobs` equal to the length and NaN everywhere
/// else, as SciPy does.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{describe_with, DescribeOptions, NanPolicy};
/// let x = array![1.0, f64::NAN, 3.0];
/// let d = describe_with(&x, &DescribeOptions { nan_policy: NanPolicy::Omit, ..Default::default() })?;
/// assert_eq!((d.nobs, d.mean, d.variance), (2, 2.0, 2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`describe`]; also [`Error::Empty`] when omitting NaN leaves nothing.
pub fn describe_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    options: &DescribeOptions,
) -> Result<DescribeResult> {
    if a.is_empty() {
        return Err(Error::empty("a"));
    }
    let fast = match (a.as_slice(), nan_state("a", a, options.nan_policy)?) {
        (Some(sl), Nan::Clean { omit: false }) => Some(central_moments_slice(sl)),
        _ => None,
    };
    let moments = match fast {
        Some((m, _, _)) => Some(m),
        None => moments_with_policy(a, options.nan_policy)?,
    };
    let Some(m) = moments else {
        let nan = f64::NAN;
        return Ok(DescribeResult {
            nobs: a.len(),
            minmax: (nan, nan),
            mean: nan,
            variance: nan,
            skewness: nan,
            kurtosis: nan,
        });
    };
    if m.n == 0 {
        return Err(Error::empty("a (after omitting NaN)"));
    }
    let (lo, hi) = a
        .iter()
        .filter(|v| !v.is_nan())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let n = m.n as f64;
    let variance = m.m2 * (n / (n - options.ddof as f64));
    Ok(DescribeResult {
        nobs: m.n,
        minmax: (lo, hi),
        mean: m.mean,
        variance,
        skewness: skew_from(&m, options.bias),
        kurtosis: kurtosis_from(&m, true, options.bias),
    })
}

/// Options of [`moment_with`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MomentOptions {
    /// The point about which the moment is taken; `None` (the default) means the sample mean.
    pub center: Option<f64>,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// The `order`-th central moment `mean((x - mean(x))^order)` (`scipy.stats.moment`).
///
/// Order 0 is 1 and order 1 is exactly 0, as in SciPy. An empty sample gives NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0];
/// assert_eq!(sci_stats::moment(&x, 2)?, 2.0);
/// assert_eq!(sci_stats::moment(&x, 3)?, 0.0);
/// assert_eq!(sci_stats::moment(&x, 1)?, 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`] (never with the default options).
pub fn moment<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, order: u32) -> Result<f64> {
    moment_with(a, order, &MomentOptions::default())
}

/// [`moment`] about an optional `center`, with a NaN policy.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{moment_with, MomentOptions};
/// let x = array![1.0, 2.0, 3.0];
/// // The second moment about 0 is the mean square.
/// let m = moment_with(&x, 2, &MomentOptions { center: Some(0.0), ..Default::default() })?;
/// assert!((m - 14.0 / 3.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn moment_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    order: u32,
    options: &MomentOptions,
) -> Result<f64> {
    match nan_state("a", a, options.nan_policy)? {
        Nan::Propagate => Ok(f64::NAN),
        Nan::Clean { omit: false } => Ok(moment_kernel(|| a.iter().copied(), order, options.center)),
        Nan::Clean { omit: true } => {
            Ok(moment_kernel(|| a.iter().copied().filter(|v| !v.is_nan()), order, options.center))
        }
    }
}

fn moment_kernel<I: Iterator<Item = f64>>(it: impl Fn() -> I, order: u32, center: Option<f64>) -> f64 {
    let (n, mean0) = count_mean(it());
    if n == 0 {
        return f64::NAN;
    }
    if order == 0 {
        return 1.0;
    }
    if order == 1 && center.is_none() {
        return 0.0;
    }
    // Refine the mean by the mean deviation, as central_moments does.
    let c = center.unwrap_or_else(|| mean0 + csum(it().map(|x| x - mean0)) / n as f64);
    let k = order as i32;
    csum(it().map(|x| (x - c).powi(k))) / n as f64
}

/// Options of [`skew_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkewOptions {
    /// `false` applies the bias correction `sqrt(n(n-1))/(n-2)` (default `true`).
    pub bias: bool,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for SkewOptions {
    fn default() -> Self {
        SkewOptions { bias: true, nan_policy: NanPolicy::Propagate }
    }
}

pub(crate) fn skew_from(m: &Moments, bias: bool) -> f64 {
    if m.n == 0 || is_degenerate(m) {
        return f64::NAN;
    }
    let g1 = m.m3 / m.m2.powf(1.5);
    if !bias && m.n > 2 {
        let n = m.n as f64;
        ((n - 1.0) * n).sqrt() / (n - 2.0) * g1
    } else {
        g1
    }
}

/// Sample skewness `m3 / m2^1.5` (`scipy.stats.skew`), the Fisher-Pearson coefficient.
///
/// Returns NaN for an empty sample and, as SciPy, for a sample whose variance is zero to
/// working precision (`m2 <= (eps * mean)^2`). O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let s = sci_stats::skew(&array![2.0, 8.0, 0.0, 4.0, 1.0, 9.0, 9.0, 0.0])?;
/// assert!((s - 0.2650554122698573).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn skew<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    skew_with(a, &SkewOptions::default())
}

/// [`skew`] with SciPy's `bias` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{skew_with, SkewOptions};
/// let x = array![2.0, 8.0, 0.0, 4.0, 1.0, 9.0, 9.0, 0.0];
/// let s = skew_with(&x, &SkewOptions { bias: false, ..Default::default() })?;
/// assert!((s - 0.3305821804079746).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn skew_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &SkewOptions) -> Result<f64> {
    Ok(moments_with_policy(a, options.nan_policy)?.map_or(f64::NAN, |m| skew_from(&m, options.bias)))
}

/// Options of [`kurtosis_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KurtosisOptions {
    /// `true` (the default) subtracts 3 so that a normal sample gives 0 (Fisher's
    /// definition); `false` gives Pearson's `m4 / m2²`.
    pub fisher: bool,
    /// `false` uses the unbiased k-statistic estimator (default `true`).
    pub bias: bool,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for KurtosisOptions {
    fn default() -> Self {
        KurtosisOptions { fisher: true, bias: true, nan_policy: NanPolicy::Propagate }
    }
}

pub(crate) fn kurtosis_from(m: &Moments, fisher: bool, bias: bool) -> f64 {
    if m.n == 0 || is_degenerate(m) {
        return f64::NAN;
    }
    let mut b2 = m.m4 / (m.m2 * m.m2);
    if !bias && m.n > 3 {
        let n = m.n as f64;
        b2 = 1.0 / (n - 2.0) / (n - 3.0) * ((n * n - 1.0) * b2 - 3.0 * (n - 1.0) * (n - 1.0)) + 3.0;
    }
    if fisher { b2 - 3.0 } else { b2 }
}

/// Sample kurtosis (`scipy.stats.kurtosis`): Fisher's excess kurtosis `m4 / m2² - 3` by
/// default.
///
/// NaN for an empty sample and for zero variance, as [`skew`]. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let k = sci_stats::kurtosis(&array![1.0, 2.0, 3.0, 4.0])?;
/// assert!((k + 1.36).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn kurtosis<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    kurtosis_with(a, &KurtosisOptions::default())
}

/// [`kurtosis`] with SciPy's `fisher`, `bias` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{kurtosis_with, KurtosisOptions};
/// let x = array![1.0, 2.0, 3.0, 4.0];
/// let k = kurtosis_with(&x, &KurtosisOptions { fisher: false, ..Default::default() })?;
/// assert!((k - 1.64).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn kurtosis_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &KurtosisOptions) -> Result<f64> {
    Ok(moments_with_policy(a, options.nan_policy)?
        .map_or(f64::NAN, |m| kurtosis_from(&m, options.fisher, options.bias)))
}

/// Options of [`sem_with`], [`variation_with`] and [`zscore_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DdofOptions {
    /// Delta degrees of freedom: the variance divides by `n - ddof`.
    pub ddof: usize,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl DdofOptions {
    /// `ddof` with the default NaN policy.
    ///
    /// ```
    /// let o = sci_stats::DdofOptions::ddof(1);
    /// assert_eq!(o.ddof, 1);
    /// ```
    pub fn ddof(ddof: usize) -> Self {
        DdofOptions { ddof, nan_policy: NanPolicy::Propagate }
    }
}

fn variance_ddof(m: &Moments, ddof: usize) -> f64 {
    let n = m.n as f64;
    m.m2 * n / (n - ddof as f64)
}

/// Standard error of the mean, `std(a, ddof=1) / sqrt(n)` (`scipy.stats.sem`).
///
/// NaN for fewer than two observations or `n <= ddof`, as SciPy. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let s = sci_stats::sem(&array![1.0, 2.0, 3.0, 4.0, 5.0])?;
/// assert!((s - 0.7071067811865476).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn sem<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    sem_with(a, &DdofOptions::ddof(1))
}

/// [`sem`] with another `ddof` or NaN policy (SciPy's default `ddof` here is 1).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{sem_with, DdofOptions};
/// let s = sem_with(&array![1.0, 2.0, 3.0, 4.0, 5.0], &DdofOptions::ddof(0))?;
/// assert!((s - (2.0f64 / 5.0).sqrt()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn sem_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &DdofOptions) -> Result<f64> {
    Ok(moments_with_policy(a, options.nan_policy)?.map_or(f64::NAN, |m| {
        if m.n < 2 || m.n <= options.ddof {
            return f64::NAN;
        }
        (variance_ddof(&m, options.ddof) / m.n as f64).sqrt()
    }))
}

/// Coefficient of variation `std(a, ddof=0) / mean(a)` (`scipy.stats.variation`).
///
/// As SciPy: NaN for an empty sample or `ddof > n`; when `ddof == n`, `±inf` (the sign of
/// the mean) if the values differ and NaN if not; a zero mean gives `±inf` or NaN.
///
/// ```
/// use sci_core::ndarray::array;
/// let v = sci_stats::variation(&array![1.0, 2.0, 3.0, 4.0, 5.0])?;
/// assert!((v - 0.47140452079103173).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn variation<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    variation_with(a, &DdofOptions::ddof(0))
}

/// [`variation`] with SciPy's `ddof` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{variation_with, DdofOptions};
/// let v = variation_with(&array![1.0, 2.0, 3.0, 4.0, 5.0], &DdofOptions::ddof(1))?;
/// assert!((v - 0.5270462766947299).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn variation_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &DdofOptions) -> Result<f64> {
    Ok(moments_with_policy(a, options.nan_policy)?.map_or(f64::NAN, |m| {
        if m.n == 0 || options.ddof > m.n {
            return f64::NAN;
        }
        if options.ddof == m.n {
            return if m.m2 > 0.0 { f64::INFINITY.copysign(m.mean) } else { f64::NAN };
        }
        variance_ddof(&m, options.ddof).sqrt() / m.mean
    }))
}

/// Standard scores `(a - mean(a)) / std(a, ddof=0)` (`scipy.stats.zscore`).
///
/// As SciPy, a constant sample (every value equal to the first) gives all NaN; under
/// [`NanPolicy::Omit`] the mean and deviation come from the non-NaN values and NaN entries
/// stay NaN; under [`NanPolicy::Propagate`] any NaN makes every score NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let z = sci_stats::zscore(&array![1.0, 2.0, 3.0])?;
/// let s = 1.5f64.sqrt();
/// assert!((z[0] + s).abs() < 1e-15 && z[1] == 0.0 && (z[2] - s).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn zscore<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<Array1<f64>> {
    zscore_with(a, &DdofOptions::ddof(0))
}

/// [`zscore`] with SciPy's `ddof` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{zscore_with, DdofOptions, NanPolicy};
/// let x = array![1.0, f64::NAN, 3.0];
/// let z = zscore_with(&x, &DdofOptions { ddof: 1, nan_policy: NanPolicy::Omit })?;
/// assert!((z[0] + 0.7071067811865475).abs() < 1e-15 && z[1].is_nan());
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn zscore_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &DdofOptions) -> Result<Array1<f64>> {
    let fast = match (a.as_slice(), nan_state("a", a, options.nan_policy)?) {
        (Some(sl), Nan::Clean { omit: false }) => Some(central_moments_slice(sl)),
        _ => None,
    };
    let moments = match fast {
        Some((m, _, _)) => Some(m),
        None => moments_with_policy(a, options.nan_policy)?,
    };
    let Some(m) = moments else {
        return Ok(Array1::from_elem(a.len(), f64::NAN));
    };
    let first = a.iter().copied().find(|v| !v.is_nan());
    let constant = first.is_none_or(|f| a.iter().all(|&v| v.is_nan() || v == f));
    if constant || m.n <= options.ddof {
        return Ok(Array1::from_elem(a.len(), f64::NAN));
    }
    let sd = variance_ddof(&m, options.ddof).sqrt();
    Ok(a.mapv(|v| (v - m.mean) / sd))
}

/// Options of [`gmean_with`] and [`hmean_with`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WeightedMeanOptions {
    /// Weights, one per observation (default `None`: all equal).
    pub weights: Option<Array1<f64>>,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

fn weighted_mean_of<S, F>(a: &ArrayBase<S, Ix1>, options: &WeightedMeanOptions, f: F) -> Result<f64>
where
    S: Data<Elem = f64>,
    F: Fn(f64) -> f64,
{
    if let Some(w) = &options.weights {
        sci_core::validate::check_same_len("a", a.len(), "weights", w.len())?;
    }
    let omit = match nan_state("a", a, options.nan_policy)? {
        Nan::Propagate => return Ok(f64::NAN),
        Nan::Clean { omit } => omit,
    };
    match &options.weights {
        None => Ok(count_mean(a.iter().copied().filter(|v| !(omit && v.is_nan())).map(&f)).1),
        Some(w) => {
            let (mut num, mut den) = (Neumaier::default(), Neumaier::default());
            for (&x, &wi) in a.iter().zip(w.iter()) {
                if omit && x.is_nan() {
                    continue;
                }
                num.add(wi * f(x));
                den.add(wi);
            }
            Ok(num.value() / den.value())
        }
    }
}

/// Weighted geometric mean `exp(Σ wᵢ ln aᵢ / Σ wᵢ)` (`scipy.stats.gmean`).
///
/// As SciPy: a zero gives 0, a negative value gives NaN, an empty sample gives NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let g = sci_stats::gmean(&array![1.0, 4.0])?;
/// assert!((g - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn gmean<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    gmean_with(a, &WeightedMeanOptions::default())
}

/// [`gmean`] with SciPy's `weights` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{gmean_with, WeightedMeanOptions};
/// let o = WeightedMeanOptions { weights: Some(array![3.0, 1.0]), ..Default::default() };
/// let g = gmean_with(&array![1.0, 16.0], &o)?;
/// assert!((g - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if `weights` has another length; [`Error::NonFinite`] for NaN
/// under [`NanPolicy::Raise`].
pub fn gmean_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &WeightedMeanOptions) -> Result<f64> {
    Ok(weighted_mean_of(a, options, f64::ln)?.exp())
}

/// Weighted harmonic mean `Σ wᵢ / Σ (wᵢ / aᵢ)` (`scipy.stats.hmean`).
///
/// As SciPy: a zero gives 0, a negative value gives NaN (SciPy warns), an empty sample NaN.
///
/// ```
/// use sci_core::ndarray::array;
/// let h = sci_stats::hmean(&array![1.0, 4.0, 4.0])?;
/// assert!((h - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn hmean<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    hmean_with(a, &WeightedMeanOptions::default())
}

/// [`hmean`] with SciPy's `weights` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{hmean_with, WeightedMeanOptions};
/// let o = WeightedMeanOptions { weights: Some(array![1.0, 2.0]), ..Default::default() };
/// let h = hmean_with(&array![1.0, 4.0], &o)?;
/// assert!((h - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if `weights` has another length; [`Error::NonFinite`] for NaN
/// under [`NanPolicy::Raise`].
pub fn hmean_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &WeightedMeanOptions) -> Result<f64> {
    if a.iter().any(|&v| v < 0.0) {
        return Ok(f64::NAN);
    }
    Ok(1.0 / weighted_mean_of(a, options, |x| 1.0 / x)?)
}

/// Weighted power (generalized) mean `(Σ wᵢ aᵢᵖ / Σ wᵢ)^(1/p)` (`scipy.stats.pmean`);
/// `p = 0` is the geometric mean.
///
/// As SciPy: negative values give NaN, a zero with `p < 0` gives 0. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let m = sci_stats::pmean(&array![1.0, 2.0, 4.0], 2.0)?;
/// assert!((m - 7f64.sqrt()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for a non-finite `p`; [`Error::NonFinite`] only under
/// [`NanPolicy::Raise`].
pub fn pmean<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, p: f64) -> Result<f64> {
    pmean_with(a, p, &WeightedMeanOptions::default())
}

/// [`pmean`] with SciPy's `weights` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{pmean_with, WeightedMeanOptions};
/// let o = WeightedMeanOptions { weights: Some(array![1.0, 1.0, 2.0]), ..Default::default() };
/// let m = pmean_with(&array![1.0, 2.0, 4.0], -1.0, &o)?;
/// assert!((m - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`pmean`]; also [`Error::ShapeMismatch`] if `weights` has another length.
pub fn pmean_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    p: f64,
    options: &WeightedMeanOptions,
) -> Result<f64> {
    if !p.is_finite() {
        return Err(Error::invalid_argument("p", format!("must be a finite number, got {p}")));
    }
    if p == 0.0 {
        return gmean_with(a, options);
    }
    if a.iter().any(|&v| v < 0.0) {
        return Ok(f64::NAN);
    }
    Ok(weighted_mean_of(a, options, |x| x.powf(p))?.powf(1.0 / p))
}

/// Geometric standard deviation `exp(std(ln a, ddof = 1))` (`scipy.stats.gstd`).
///
/// As SciPy: non-positive values, or fewer than `ddof + 1` values, give NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let g = sci_stats::gstd(&array![1.0, 2.0, 4.0])?;
/// assert!((g - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn gstd<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    gstd_with(a, &DdofOptions::ddof(1))
}

/// [`gstd`] with SciPy's `ddof` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{gstd_with, DdofOptions};
/// let g = gstd_with(&array![1.0, 4.0], &DdofOptions::ddof(0))?;
/// assert!((g - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn gstd_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &DdofOptions) -> Result<f64> {
    let omit = match nan_state("a", a, options.nan_policy)? {
        Nan::Propagate => return Ok(f64::NAN),
        Nan::Clean { omit } => omit,
    };
    let logs: Vec<f64> = a.iter().copied().filter(|v| !(omit && v.is_nan())).map(f64::ln).collect();
    if logs.iter().any(|v| !v.is_finite()) {
        return Ok(f64::NAN);
    }
    let m = central_moments(logs.iter().copied());
    if m.n <= options.ddof {
        return Ok(f64::NAN);
    }
    Ok(variance_ddof(&m, options.ddof).sqrt().exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_moments_match_serial() {
        let x: Vec<f64> = (0..300_000u64).map(|i| ((i * 7919) % 1000) as f64 * 0.37 + 1e4).collect();
        let (p, lo, hi) = central_moments_slice(&x);
        let s = central_moments(x.iter().copied());
        assert_eq!(p.n, s.n);
        assert_eq!((lo, hi), (1e4, 999.0 * 0.37 + 1e4));
        for (a, b) in [(p.mean, s.mean), (p.m2, s.m2), (p.m3, s.m3), (p.m4, s.m4)] {
            assert!((a - b).abs() <= 1e-13 * b.abs().max(1.0), "{a} vs {b}");
        }
    }
}
