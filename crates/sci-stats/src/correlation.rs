//! Correlation and simple regression: `pearsonr`, `spearmanr`, `kendalltau`, `linregress`.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Alternative, ConfidenceInterval, Nan, NanPolicy, Neumaier, TestResult, nan_state};
use crate::descriptive::rank::{RankMethod, ranks};
use crate::distributions::{Beta, ContinuousDistribution};
use crate::hypothesis::ttest::t_pvalue;
use crate::special::ndtri;

/// Means and centred cross sums `Sxx`, `Syy`, `Sxy` in two compensated passes.
struct CrossMoments {
    n: usize,
    xmean: f64,
    ymean: f64,
    sxx: f64,
    syy: f64,
    sxy: f64,
}

fn cross_moments<'a>(pairs: impl Iterator<Item = (f64, f64)> + Clone + 'a) -> CrossMoments {
    let (mut sx, mut sy, mut n) = (Neumaier::default(), Neumaier::default(), 0usize);
    for (x, y) in pairs.clone() {
        sx.add(x);
        sy.add(y);
        n += 1;
    }
    let nf = n as f64;
    let (mx0, my0) = (sx.value() / nf, sy.value() / nf);
    let mut s = [Neumaier::default(); 5];
    for (x, y) in pairs {
        let (dx, dy) = (x - mx0, y - my0);
        s[0].add(dx);
        s[1].add(dy);
        s[2].add(dx * dx);
        s[3].add(dy * dy);
        s[4].add(dx * dy);
    }
    let (ex, ey) = (s[0].value() / nf, s[1].value() / nf);
    CrossMoments {
        n,
        xmean: mx0 + ex,
        ymean: my0 + ey,
        sxx: (s[2].value() - nf * ex * ex).max(0.0),
        syy: (s[3].value() - nf * ey * ey).max(0.0),
        sxy: s[4].value() - nf * ex * ey,
    }
}

/// The result of [`pearsonr`]: the correlation coefficient and p-value, and what the
/// confidence interval needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PearsonRResult {
    /// Pearson's correlation coefficient `r`.
    pub statistic: f64,
    /// The p-value for the chosen alternative.
    pub pvalue: f64,
    /// The number of pairs.
    pub n: usize,
    /// The alternative the p-value refers to.
    pub alternative: Alternative,
}

impl PearsonRResult {
    /// Confidence interval for the correlation by Fisher's transformation (SciPy's
    /// `PearsonRResult.confidence_interval()`): `tanh(atanh(r) ± z·/√(n − 3))`, one-sided
    /// for a one-sided alternative.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let x = array![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
    /// let y = array![1.2, 1.9, 3.4, 3.8, 5.5, 5.7, 7.4];
    /// let ci = sci_stats::pearsonr(&x, &y)?.confidence_interval(0.95)?;
    /// assert!((ci.low - 0.9254271781006089).abs() < 1e-14);
    /// assert!((ci.high - 0.9984641572327747).abs() < 1e-14);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0 <= confidence_level <= 1`.
    pub fn confidence_interval(&self, confidence_level: f64) -> Result<ConfidenceInterval> {
        if !(0.0..=1.0).contains(&confidence_level) {
            return Err(Error::invalid_argument(
                "confidence_level",
                format!("must be a number between 0 and 1, got {confidence_level}"),
            ));
        }
        let zr = self.statistic.atanh();
        let se = (1.0 / (self.n as f64 - 3.0)).sqrt();
        Ok(match self.alternative {
            Alternative::TwoSided => {
                let h = ndtri(0.5 + confidence_level / 2.0);
                ConfidenceInterval { low: (zr - h * se).tanh(), high: (zr + h * se).tanh() }
            }
            Alternative::Less => {
                let h = ndtri(confidence_level);
                ConfidenceInterval { low: -1.0, high: (zr + h * se).tanh() }
            }
            Alternative::Greater => {
                let h = ndtri(confidence_level);
                ConfidenceInterval { low: (zr - h * se).tanh(), high: 1.0 }
            }
        })
    }
}

/// Pearson's correlation coefficient and the p-value for testing non-correlation
/// (`scipy.stats.pearsonr`).
///
/// `r = Sxy / √(Sxx Syy)` from compensated two-pass centred sums; under independence of
/// normal variables `(r + 1)/2` follows Beta(n/2 − 1, n/2 − 1), which gives the exact
/// p-value. A constant input gives NaN; two pairs give `r = ±1`, p = 1. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0];
/// let y = array![1.2, 1.9, 3.4, 3.8, 5.5, 5.7, 7.4];
/// let r = sci_stats::pearsonr(&x, &y)?;
/// assert!((r.statistic - 0.9891477701438799).abs() < 1e-14);
/// assert!((r.pvalue - 2.3427274032090908e-05).abs() < 1e-16);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if the lengths differ; [`Error::InvalidArgument`] for fewer than
/// two pairs (SciPy's `ValueError`).
pub fn pearsonr<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<PearsonRResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    pearsonr_with(x, y, Alternative::TwoSided)
}

/// [`pearsonr`] with SciPy's `alternative`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{pearsonr_with, Alternative};
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0];
/// let y = array![5.0, 3.0, 4.0, 1.0, 2.0];
/// let less = pearsonr_with(&x, &y, Alternative::Less)?;
/// assert!((less.statistic + 0.8).abs() < 1e-15);
/// assert!((less.pvalue - 0.05204401933091397).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`pearsonr`].
pub fn pearsonr_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    alternative: Alternative,
) -> Result<PearsonRResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("x", x.len(), "y", y.len())?;
    let n = x.len();
    if n < 2 {
        return Err(Error::invalid_argument("x", format!("x and y must have length at least 2, got {n}")));
    }
    let m = cross_moments(x.iter().copied().zip(y.iter().copied()));
    Ok(pearson_from(&m, alternative))
}

fn pearson_from(m: &CrossMoments, alternative: Alternative) -> PearsonRResult {
    let n = m.n;
    let r = (m.sxy / (m.sxx.sqrt() * m.syy.sqrt())).clamp(-1.0, 1.0);
    let pvalue = if r.is_nan() {
        f64::NAN
    } else if n == 2 {
        1.0
    } else {
        let ab = n as f64 / 2.0 - 1.0;
        match Beta::new(ab, ab, -1.0, 2.0) {
            Ok(d) => match alternative {
                Alternative::Less => d.cdf(r),
                Alternative::Greater => d.sf(r),
                Alternative::TwoSided => 2.0 * d.sf(r.abs()),
            },
            Err(_) => f64::NAN,
        }
    };
    PearsonRResult { statistic: r, pvalue: pvalue.min(1.0), n, alternative }
}

/// Options of [`spearmanr_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SpearmanrOptions {
    /// The alternative hypothesis (default [`Alternative::TwoSided`]).
    pub alternative: Alternative,
    /// NaN handling (default [`NanPolicy::Propagate`]; [`NanPolicy::Omit`] drops the pairs
    /// that contain NaN).
    pub nan_policy: NanPolicy,
}

/// Spearman's rank correlation coefficient and its p-value (`scipy.stats.spearmanr`).
///
/// Pearson's r of the average ranks; the p-value uses `t = ρ√((n − 2)/((1 + ρ)(1 − ρ)))`
/// with Student's t on `n − 2` degrees of freedom, as SciPy. O(n log n), with parallel
/// sorts for long samples.
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0];
/// let y = array![5.0, 6.0, 7.0, 8.0, 7.0];
/// let r = sci_stats::spearmanr(&x, &y)?;
/// assert!((r.statistic - 0.8207826816681233).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if the lengths differ; [`Error::NonFinite`] for NaN under
/// [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// Two 1-D samples only (SciPy also correlates the columns of a 2-D array).
pub fn spearmanr<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<TestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    spearmanr_with(x, y, &SpearmanrOptions::default())
}

/// [`spearmanr`] with SciPy's `alternative` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{spearmanr_with, Alternative, NanPolicy, SpearmanrOptions};
/// let x = array![1.0, 2.0, f64::NAN, 4.0, 5.0, 6.0];
/// let y = array![2.0, 1.0, 3.0, 5.0, 4.0, 6.0];
/// let o = SpearmanrOptions { alternative: Alternative::Greater, nan_policy: NanPolicy::Omit };
/// assert!((spearmanr_with(&x, &y, &o)?.statistic - 0.8).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`spearmanr`].
pub fn spearmanr_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    options: &SpearmanrOptions,
) -> Result<TestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("x", x.len(), "y", y.len())?;
    let nan = TestResult { statistic: f64::NAN, pvalue: f64::NAN };
    let omit = match (nan_state("x", x, options.nan_policy)?, nan_state("y", y, options.nan_policy)?) {
        (Nan::Propagate, _) | (_, Nan::Propagate) => return Ok(nan),
        (Nan::Clean { omit: a }, Nan::Clean { omit: b }) => a || b,
    };
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y.iter())
        .filter(|(a, b)| !(omit && (a.is_nan() || b.is_nan())))
        .map(|(&a, &b)| (a, b))
        .unzip();
    let (rx, ry) = rayon::join(|| ranks(&xs, RankMethod::Average), || ranks(&ys, RankMethod::Average));
    let m = cross_moments(rx.iter().copied().zip(ry.iter().copied()));
    let rs = (m.sxy / (m.sxx.sqrt() * m.syy.sqrt())).clamp(-1.0, 1.0);
    let dof = m.n as f64 - 2.0;
    let t = rs * (dof / ((rs + 1.0) * (1.0 - rs))).max(0.0).sqrt();
    Ok(TestResult { statistic: rs, pvalue: t_pvalue(t, dof, options.alternative) })
}

/// The result of [`linregress`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinregressResult {
    /// Slope of the regression line.
    pub slope: f64,
    /// Intercept of the regression line.
    pub intercept: f64,
    /// Pearson's correlation coefficient.
    pub rvalue: f64,
    /// p-value of the test that the slope is zero (Student's t, `n − 2` degrees of freedom).
    pub pvalue: f64,
    /// Standard error of the slope.
    pub stderr: f64,
    /// Standard error of the intercept.
    pub intercept_stderr: f64,
}

/// Least-squares regression line `y = intercept + slope·x` (`scipy.stats.linregress`).
///
/// Centred sums in compensated two-pass form give the slope `Sxy/Sxx`; the standard errors
/// come from the residual sum of squares summed directly (not from `1 − r²`, which loses
/// digits when `r ≈ ±1`), so NIST's Norris reaches the certified values to 12+ digits. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![0.0, 1.0, 2.0, 3.0, 4.0];
/// let y = array![1.0, 3.1, 4.9, 7.2, 8.8];
/// let r = sci_stats::linregress(&x, &y)?;
/// assert!((r.slope - 1.97).abs() < 1e-12);
/// assert!((r.intercept - 1.06).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if the lengths differ; [`Error::InvalidArgument`] for fewer than
/// two points or when all `x` are identical (SciPy's `ValueError`).
///
/// # Differences from SciPy
/// The standard errors are computed from the residuals (more accurate when `|r| ≈ 1`).
pub fn linregress<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<LinregressResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    linregress_with(x, y, Alternative::TwoSided)
}

/// [`linregress`] with SciPy's `alternative` (for the slope's p-value).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{linregress_with, Alternative};
/// let x = array![0.0, 1.0, 2.0, 3.0, 4.0];
/// let y = array![1.0, 3.1, 4.9, 7.2, 8.8];
/// assert!(linregress_with(&x, &y, Alternative::Greater)?.pvalue < 1e-4);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`linregress`].
pub fn linregress_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    alternative: Alternative,
) -> Result<LinregressResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("x", x.len(), "y", y.len())?;
    let n = x.len();
    if n < 2 {
        return Err(Error::invalid_argument("x", format!("at least two points are required, got {n}")));
    }
    let m = cross_moments(x.iter().copied().zip(y.iter().copied()));
    if m.sxx == 0.0 {
        return Err(Error::invalid_argument(
            "x",
            "cannot calculate a linear regression if all x values are identical",
        ));
    }
    let r_den = (m.sxx * m.syy).sqrt();
    let r = if r_den == 0.0 { 0.0 } else { (m.sxy / r_den).clamp(-1.0, 1.0) };
    let slope = m.sxy / m.sxx;
    let intercept = m.ymean - slope * m.xmean;
    if n == 2 {
        let pvalue = if y[0] == y[1] { 1.0 } else { 0.0 };
        return Ok(LinregressResult {
            slope,
            intercept,
            rvalue: r,
            pvalue,
            stderr: 0.0,
            intercept_stderr: 0.0,
        });
    }
    let df = n as f64 - 2.0;
    const TINY: f64 = 1.0e-20;
    let t = r * (df / ((1.0 - r + TINY) * (1.0 + r + TINY))).sqrt();
    let pvalue = t_pvalue(t, df, alternative);
    // Residual sum of squares about the fitted line, centred to avoid cancellation.
    let mut sse = Neumaier::default();
    for (&xi, &yi) in x.iter().zip(y.iter()) {
        let e = (yi - m.ymean) - slope * (xi - m.xmean);
        sse.add(e * e);
    }
    let stderr = (sse.value() / df / m.sxx).sqrt();
    let intercept_stderr = stderr * (m.sxx / n as f64 + m.xmean * m.xmean).sqrt();
    Ok(LinregressResult { slope, intercept, rvalue: r, pvalue, stderr, intercept_stderr })
}

/// How [`kendalltau_with`] computes the p-value (SciPy's `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KendallMethod {
    /// Exact without ties when `n <= 33` (or the statistic is extreme), else asymptotic
    /// (`'auto'`), the default.
    #[default]
    Auto,
    /// The exact null distribution (`'exact'`, no ties allowed).
    Exact,
    /// The normal approximation with tie corrections (`'asymptotic'`).
    Asymptotic,
}

/// Options of [`kendalltau_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KendalltauOptions {
    /// The p-value method (default [`KendallMethod::Auto`]).
    pub method: KendallMethod,
    /// The alternative hypothesis (default [`Alternative::TwoSided`]).
    pub alternative: Alternative,
    /// NaN handling (default [`NanPolicy::Propagate`]; `Omit` drops pairs with NaN).
    pub nan_policy: NanPolicy,
}

/// Counts inversions (pairs `i < j` with `v[i] > v[j]`) by merge sort, sorting `v`.
fn inversions(v: &mut [usize], buf: &mut [usize]) -> u64 {
    let n = v.len();
    if n < 2 {
        return 0;
    }
    let mid = n / 2;
    let (left, right) = v.split_at_mut(mid);
    let mut count = inversions(left, &mut buf[..mid]) + inversions(right, &mut buf[mid..]);
    let (mut i, mut j, mut k) = (0, 0, 0);
    while i < left.len() && j < right.len() {
        if left[i] <= right[j] {
            buf[k] = left[i];
            i += 1;
        } else {
            buf[k] = right[j];
            j += 1;
            count += (left.len() - i) as u64;
        }
        k += 1;
    }
    buf[k..k + left.len() - i].copy_from_slice(&left[i..]);
    k += left.len() - i;
    buf[k..k + right.len() - j].copy_from_slice(&right[j..]);
    v.copy_from_slice(&buf[..n]);
    count
}

/// Dense ranks (1-based) of `v` in the given order of positions.
fn dense_by<F: Fn(usize, usize) -> std::cmp::Ordering>(n: usize, cmp: F) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| cmp(a, b));
    let mut rank = vec![0usize; n];
    let mut r = 0;
    for (k, &i) in order.iter().enumerate() {
        if k == 0 || cmp(order[k - 1], i) != std::cmp::Ordering::Equal {
            r += 1;
        }
        rank[i] = r;
    }
    rank
}

/// Tie statistics of dense ranks: `(Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5))`.
fn tie_stats(ranks: &[usize]) -> (f64, f64, f64) {
    let max = ranks.iter().copied().max().unwrap_or(0);
    let mut cnt = vec![0u64; max + 1];
    for &r in ranks {
        cnt[r] += 1;
    }
    cnt.iter().filter(|&&c| c > 1).fold((0.0, 0.0, 0.0), |(a, b, c), &t| {
        let t = t as f64;
        (a + t * (t - 1.0) / 2.0, b + t * (t - 1.0) * (t - 2.0), c + t * (t - 1.0) * (2.0 * t + 5.0))
    })
}

/// Exact p-value of Kendall's statistic without ties (`c` concordant pairs out of
/// `n(n−1)/2`): the number of permutations with a given number of inversions, by the
/// cumulative-sum recurrence of the Mahonian numbers (as SciPy's `_kendall_p_exact`).
fn kendall_p_exact(n: usize, c: u64, alternative: Alternative) -> f64 {
    let tot = (n * (n - 1) / 2) as u64;
    let in_right_tail = c >= tot - c;
    let c = c.min(tot - c) as usize;
    let factorial = |m: usize| (1..=m).map(|i| i as f64).product::<f64>();
    let (mut prob, mut mass) = (1.0, 1.0);
    if n == 1 {
    } else if n == 2 {
        mass = 0.5;
    } else if c == 0 {
        prob = if n < 171 { 2.0 / factorial(n) } else { 0.0 };
        mass = prob / 2.0;
    } else if c == 1 {
        prob = if n < 172 { 2.0 / factorial(n - 1) } else { 0.0 };
        mass = (n - 1) as f64 / factorial(n);
    } else if 4 * c == n * (n - 1) && alternative == Alternative::TwoSided {
        prob = 1.0;
    } else {
        let mut new = vec![0.0f64; c + 1];
        new[0] = 1.0;
        new[1] = 1.0;
        let scaled = n >= 171;
        for j in 3..=n {
            let mut acc = 0.0;
            for v in new.iter_mut() {
                acc += *v;
                *v = if scaled { acc / j as f64 } else { acc };
            }
            if j <= c {
                for k in (j..=c).rev() {
                    new[k] -= new[k - j];
                }
            }
        }
        let s: f64 = new.iter().sum();
        if scaled {
            prob = s;
            mass = new[c] / 2.0;
        } else {
            let f = factorial(n);
            prob = 2.0 * s / f;
            mass = new[c] / f;
        }
    }
    if alternative != Alternative::TwoSided {
        if in_right_tail == (alternative == Alternative::Greater) {
            prob /= 2.0;
        } else {
            prob = 1.0 - prob / 2.0 + mass;
        }
    }
    prob.clamp(0.0, 1.0)
}

/// Kendall's tau-b rank correlation and its p-value (`scipy.stats.kendalltau`).
///
/// `τ_b = (P − Q)/√((n₀ − n₁)(n₀ − n₂))` with concordant and discordant pair counts `P`, `Q`
/// (Knight's O(n log n) algorithm) and the tie counts `n₁`, `n₂`. The p-value is exact
/// without ties for `n <= 33`, else from the normal approximation with tie corrections.
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![12.0, 2.0, 1.0, 12.0, 2.0];
/// let y = array![1.0, 4.0, 7.0, 1.0, 0.0];
/// let r = sci_stats::kendalltau(&x, &y)?;
/// assert!((r.statistic + 0.4714045207910316).abs() < 1e-15);
/// assert!((r.pvalue - 0.28274545993277467).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if the lengths differ; [`Error::InvalidArgument`] for
/// [`KendallMethod::Exact`] with ties (SciPy's `ValueError`); [`Error::NonFinite`] for NaN
/// under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// Only the tau-b variant (SciPy's default `variant='b'`).
pub fn kendalltau<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<TestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    kendalltau_with(x, y, &KendalltauOptions::default())
}

/// [`kendalltau`] with SciPy's `method`, `alternative` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{kendalltau_with, Alternative, KendalltauOptions};
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0, 6.0];
/// let y = array![2.0, 1.0, 4.0, 3.0, 6.0, 5.0];
/// let o = KendalltauOptions { alternative: Alternative::Greater, ..Default::default() };
/// let r = kendalltau_with(&x, &y, &o)?;
/// assert!((r.statistic - 0.6).abs() < 1e-15);
/// assert!((r.pvalue - 0.06805555555555555).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`kendalltau`].
pub fn kendalltau_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    options: &KendalltauOptions,
) -> Result<TestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("x", x.len(), "y", y.len())?;
    let nan = TestResult { statistic: f64::NAN, pvalue: f64::NAN };
    let omit = match (nan_state("x", x, options.nan_policy)?, nan_state("y", y, options.nan_policy)?) {
        (Nan::Propagate, _) | (_, Nan::Propagate) => return Ok(nan),
        (Nan::Clean { omit: a }, Nan::Clean { omit: b }) => a || b,
    };
    let (xs, ys): (Vec<f64>, Vec<f64>) = x
        .iter()
        .zip(y.iter())
        .filter(|(a, b)| !(omit && (a.is_nan() || b.is_nan())))
        .map(|(&a, &b)| (a, b))
        .unzip();
    let n = xs.len();
    if n == 0 {
        return Ok(nan);
    }
    let rx = dense_by(n, |a, b| xs[a].total_cmp(&xs[b]));
    let ry = dense_by(n, |a, b| ys[a].total_cmp(&ys[b]));
    // Order by (x, y); discordant pairs are the inversions of y in that order.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| rx[a].cmp(&rx[b]).then(ry[a].cmp(&ry[b])));
    let mut yseq: Vec<usize> = order.iter().map(|&i| ry[i]).collect();
    let mut joint = 0.0;
    let mut start = 0;
    for k in 1..=n {
        if k == n || rx[order[k]] != rx[order[start]] || ry[order[k]] != ry[order[start]] {
            let t = (k - start) as f64;
            joint += t * (t - 1.0) / 2.0;
            start = k;
        }
    }
    let mut buf = vec![0usize; n];
    let dis = inversions(&mut yseq, &mut buf) as f64;
    let (xtie, x0, x1) = tie_stats(&rx);
    let (ytie, y0, y1) = tie_stats(&ry);
    let nf = n as f64;
    let tot = nf * (nf - 1.0) / 2.0;
    if xtie == tot || ytie == tot {
        return Ok(nan);
    }
    let con_minus_dis = tot - xtie - ytie + joint - 2.0 * dis;
    let tau = (con_minus_dis / (tot - xtie).sqrt() / (tot - ytie).sqrt()).clamp(-1.0, 1.0);
    let ties = xtie != 0.0 || ytie != 0.0;
    let method = match options.method {
        KendallMethod::Exact if ties => {
            return Err(Error::invalid_argument("method", "ties found, the exact method cannot be used"));
        }
        KendallMethod::Auto if !ties && (n <= 33 || dis.min(tot - dis) <= 1.0) => KendallMethod::Exact,
        KendallMethod::Auto => KendallMethod::Asymptotic,
        m => m,
    };
    let pvalue = if method == KendallMethod::Exact {
        kendall_p_exact(n, (tot - dis) as u64, options.alternative)
    } else {
        let m = nf * (nf - 1.0);
        let var = (m * (2.0 * nf + 5.0) - x1 - y1) / 18.0
            + (2.0 * xtie * ytie) / m
            + x0 * y0 / (9.0 * m * (nf - 2.0));
        crate::hypothesis::normality::normal_pvalue(con_minus_dis / var.sqrt(), options.alternative)
    };
    Ok(TestResult { statistic: tau, pvalue })
}
