//! Student's t-tests: `ttest_1samp`, `ttest_ind` (pooled and Welch), `ttest_rel`.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Alternative, ConfidenceInterval, Nan, NanPolicy, nan_state};
use crate::descriptive::moments::{MeanVar, mean_var_slice};
use crate::distributions::{ContinuousDistribution, StudentT};

/// The result of a t-test: statistic, p-value, degrees of freedom, and what SciPy's
/// `TtestResult.confidence_interval` needs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TtestResult {
    /// The t statistic.
    pub statistic: f64,
    /// The p-value for the chosen alternative.
    pub pvalue: f64,
    /// Degrees of freedom of the t distribution (Welch's fractional value for unequal
    /// variances).
    pub df: f64,
    /// The estimated quantity: the sample mean (one sample), the difference of means
    /// (independent samples) or the mean difference (paired samples).
    pub estimate: f64,
    /// The standard error of `estimate` (the statistic's denominator).
    pub standard_error: f64,
    /// The alternative the p-value refers to.
    pub alternative: Alternative,
}

impl TtestResult {
    /// Confidence interval for the estimate at `confidence_level` (SciPy's
    /// `TtestResult.confidence_interval`): `estimate ± t_{df}⁻¹(·) · standard_error`, one-sided
    /// for a one-sided alternative.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let r = sci_stats::ttest_1samp(&array![5.1, 4.9, 5.6, 5.8, 6.0, 5.3], 5.0)?;
    /// let ci = r.confidence_interval(0.95)?;
    /// assert!((ci.low - 5.006000659855426).abs() < 1e-12);
    /// assert!((ci.high - 5.893999340144573).abs() < 1e-12);
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
        let Ok(t) = StudentT::new(self.df, 0.0, 1.0) else {
            return Ok(ConfidenceInterval { low: f64::NAN, high: f64::NAN });
        };
        let (low, high) = match self.alternative {
            Alternative::Less => (f64::NEG_INFINITY, t.ppf(confidence_level)),
            Alternative::Greater => (t.ppf(1.0 - confidence_level), f64::INFINITY),
            Alternative::TwoSided => {
                let tail = (1.0 - confidence_level) / 2.0;
                (t.ppf(tail), t.ppf(1.0 - tail))
            }
        };
        Ok(ConfidenceInterval {
            low: low * self.standard_error + self.estimate,
            high: high * self.standard_error + self.estimate,
        })
    }
}

/// Options of [`ttest_1samp_with`] and [`ttest_rel_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TtestOptions {
    /// The alternative hypothesis (default [`Alternative::TwoSided`]).
    pub alternative: Alternative,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// Options of [`ttest_ind_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TtestIndOptions {
    /// `true` (the default) assumes equal population variances (pooled variance, Student's
    /// test); `false` performs Welch's test.
    pub equal_var: bool,
    /// The alternative hypothesis (default [`Alternative::TwoSided`]).
    pub alternative: Alternative,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for TtestIndOptions {
    fn default() -> Self {
        TtestIndOptions {
            equal_var: true,
            alternative: Alternative::TwoSided,
            nan_policy: NanPolicy::Propagate,
        }
    }
}

/// The p-value of a t statistic with `df` degrees of freedom, as SciPy's `_get_pvalue`.
pub(crate) fn t_pvalue(t: f64, df: f64, alternative: Alternative) -> f64 {
    let Ok(dist) = StudentT::new(df, 0.0, 1.0) else { return f64::NAN };
    match alternative {
        Alternative::Less => dist.cdf(t),
        Alternative::Greater => dist.sf(t),
        Alternative::TwoSided => 2.0 * dist.sf(t.abs()),
    }
}

fn nan_result(alternative: Alternative) -> TtestResult {
    TtestResult {
        statistic: f64::NAN,
        pvalue: f64::NAN,
        df: f64::NAN,
        estimate: f64::NAN,
        standard_error: f64::NAN,
        alternative,
    }
}

/// Moments of a sample after its NaN policy (`None` when NaN propagates).
pub(crate) fn sample_moments<S: Data<Elem = f64>>(
    what: &str,
    x: &ArrayBase<S, Ix1>,
    policy: NanPolicy,
) -> Result<Option<MeanVar>> {
    Ok(match nan_state(what, x, policy)? {
        Nan::Propagate => None,
        Nan::Clean { omit: false } => Some(match x.as_slice() {
            Some(s) => mean_var_slice(s),
            None => mean_var_slice(&x.iter().copied().collect::<Vec<f64>>()),
        }),
        Nan::Clean { omit: true } => {
            Some(mean_var_slice(&x.iter().copied().filter(|v| !v.is_nan()).collect::<Vec<f64>>()))
        }
    })
}

/// Unbiased variance from biased central moments.
fn var1(m: &MeanVar) -> f64 {
    let n = m.n as f64;
    m.m2 * n / (n - 1.0)
}

/// One-sample t-test of `H0: mean(a) = popmean` (`scipy.stats.ttest_1samp`).
///
/// `t = (mean − popmean) / (s / √n)` with the unbiased standard deviation `s`, compared with
/// Student's t with `n − 1` degrees of freedom. A single observation gives NaN; zero
/// variance gives `±inf` (or NaN when the mean equals `popmean`), as SciPy. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let r = sci_stats::ttest_1samp(&array![5.1, 4.9, 5.6, 5.8, 6.0, 5.3], 5.0)?;
/// assert!((r.statistic - 2.6053232999393154).abs() < 1e-13);
/// assert!((r.pvalue - 0.047939924666334524).abs() < 1e-14);
/// assert_eq!(r.df, 5.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// An empty sample gives a NaN result (SciPy also warns).
pub fn ttest_1samp<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, popmean: f64) -> Result<TtestResult> {
    ttest_1samp_with(a, popmean, &TtestOptions::default())
}

/// [`ttest_1samp`] with SciPy's `alternative` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{ttest_1samp_with, Alternative, TtestOptions};
/// let x = array![5.1, 4.9, 5.6, 5.8, 6.0, 5.3];
/// let r = ttest_1samp_with(&x, 5.0, &TtestOptions { alternative: Alternative::Greater, ..Default::default() })?;
/// assert!((r.pvalue - 0.023969962333167262).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn ttest_1samp_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    popmean: f64,
    options: &TtestOptions,
) -> Result<TtestResult> {
    let Some(m) = sample_moments("a", a, options.nan_policy)? else {
        return Ok(nan_result(options.alternative));
    };
    Ok(one_sample(&m, popmean, options.alternative))
}

fn one_sample(m: &MeanVar, popmean: f64, alternative: Alternative) -> TtestResult {
    if m.n == 0 {
        return nan_result(alternative);
    }
    let n = m.n as f64;
    let df = n - 1.0;
    let denom = (var1(m) / n).sqrt();
    let t = (m.mean - popmean) / denom;
    TtestResult {
        statistic: t,
        pvalue: t_pvalue(t, df, alternative),
        df,
        estimate: m.mean,
        standard_error: denom,
        alternative,
    }
}

/// Two-sample t-test of `H0: mean(a) = mean(b)` for independent samples
/// (`scipy.stats.ttest_ind`), with pooled variance.
///
/// Pooled: `t = (x̄₁ − x̄₂) / √(s²ₚ (1/n₁ + 1/n₂))`, `n₁ + n₂ − 2` degrees of freedom.
/// Welch (`equal_var: false`): `t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂)` with the
/// Welch–Satterthwaite degrees of freedom. O(n₁ + n₂), parallel for long samples.
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
/// let b = array![28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 24.0, 13.2];
/// let r = sci_stats::ttest_ind(&a, &b)?;
/// assert!((r.statistic + 1.649204532775818).abs() < 1e-12);
/// assert!((r.pvalue - 0.11028197321829222).abs() < 1e-12);
/// assert_eq!(r.df, 28.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// The permutation (`permutations`) and trimmed (`trim`) variants are not offered.
pub fn ttest_ind<S1, S2>(a: &ArrayBase<S1, Ix1>, b: &ArrayBase<S2, Ix1>) -> Result<TtestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    ttest_ind_with(a, b, &TtestIndOptions::default())
}

/// [`ttest_ind`] with SciPy's `equal_var` (Welch's test when `false`), `alternative` and
/// `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{ttest_ind_with, TtestIndOptions};
/// let a = array![19.8, 20.4, 19.6, 17.8, 18.5, 18.9, 18.3, 18.9, 19.5, 22.0];
/// let b = array![28.2, 26.6, 20.1, 23.3, 25.2, 22.1, 17.7, 27.6, 20.6, 13.7, 23.2, 17.5, 20.6, 18.0, 23.9, 21.6, 24.3, 20.4, 24.0, 13.2];
/// let r = ttest_ind_with(&a, &b, &TtestIndOptions { equal_var: false, ..Default::default() })?;
/// assert!((r.statistic + 2.2192409158236233).abs() < 1e-12);
/// assert!((r.df - 24.496223124201244).abs() < 1e-10);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn ttest_ind_with<S1, S2>(
    a: &ArrayBase<S1, Ix1>,
    b: &ArrayBase<S2, Ix1>,
    options: &TtestIndOptions,
) -> Result<TtestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let alt = options.alternative;
    let ma = sample_moments("a", a, options.nan_policy)?;
    let mb = sample_moments("b", b, options.nan_policy)?;
    let (Some(m1), Some(m2)) = (ma, mb) else { return Ok(nan_result(alt)) };
    if m1.n == 0 || m2.n == 0 {
        return Ok(nan_result(alt));
    }
    let (n1, n2) = (m1.n as f64, m2.n as f64);
    let (v1, v2) = (var1(&m1), var1(&m2));
    let (df, denom) = if options.equal_var {
        // A single observation contributes no squared deviations (SciPy sets its variance to 0).
        let v1 = if m1.n == 1 { 0.0 } else { v1 };
        let v2 = if m2.n == 1 { 0.0 } else { v2 };
        let df = n1 + n2 - 2.0;
        let svar = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / df;
        (df, (svar * (1.0 / n1 + 1.0 / n2)).sqrt())
    } else {
        let (vn1, vn2) = (v1 / n1, v2 / n2);
        let df = (vn1 + vn2).powi(2) / (vn1 * vn1 / (n1 - 1.0) + vn2 * vn2 / (n2 - 1.0));
        (if df.is_nan() { 1.0 } else { df }, (vn1 + vn2).sqrt())
    };
    let estimate = m1.mean - m2.mean;
    let t = estimate / denom;
    Ok(TtestResult {
        statistic: t,
        pvalue: t_pvalue(t, df, alt),
        df,
        estimate,
        standard_error: denom,
        alternative: alt,
    })
}

/// Paired t-test of `H0: mean(a − b) = 0` (`scipy.stats.ttest_rel`): the one-sample test on
/// the differences.
///
/// ```
/// use sci_core::ndarray::array;
/// let before = array![72.0, 75.0, 68.0, 80.0, 77.0, 70.0];
/// let after = array![70.0, 74.0, 65.0, 77.0, 77.0, 66.0];
/// let r = sci_stats::ttest_rel(&before, &after)?;
/// assert!((r.statistic - 3.605551275463989).abs() < 1e-12);
/// assert_eq!(r.df, 5.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if the samples differ in length; [`Error::NonFinite`] only under
/// [`NanPolicy::Raise`].
pub fn ttest_rel<S1, S2>(a: &ArrayBase<S1, Ix1>, b: &ArrayBase<S2, Ix1>) -> Result<TtestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    ttest_rel_with(a, b, &TtestOptions::default())
}

/// [`ttest_rel`] with SciPy's `alternative` and `nan_policy` (under [`NanPolicy::Omit`],
/// pairs with a NaN on either side are dropped).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{ttest_rel_with, Alternative, NanPolicy, TtestOptions};
/// let before = array![72.0, 75.0, f64::NAN, 80.0, 77.0, 70.0];
/// let after = array![70.0, 74.0, 65.0, 77.0, 77.0, 66.0];
/// let o = TtestOptions { alternative: Alternative::Greater, nan_policy: NanPolicy::Omit };
/// let r = ttest_rel_with(&before, &after, &o)?;
/// assert_eq!(r.df, 4.0);
/// assert!(r.pvalue < 0.05);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`ttest_rel`].
pub fn ttest_rel_with<S1, S2>(
    a: &ArrayBase<S1, Ix1>,
    b: &ArrayBase<S2, Ix1>,
    options: &TtestOptions,
) -> Result<TtestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("a", a.len(), "b", b.len())?;
    let d: sci_core::ndarray::Array1<f64> = a.iter().zip(b.iter()).map(|(x, y)| x - y).collect();
    let Some(m) = sample_moments("a - b", &d, options.nan_policy)? else {
        return Ok(nan_result(options.alternative));
    };
    Ok(one_sample(&m, 0.0, options.alternative))
}

/// The t-test for the means of two independent samples from their summary statistics
/// (`scipy.stats.ttest_ind_from_stats`): means, standard deviations (with `ddof = 1`) and
/// sizes. `equal_var` and `alternative` (and the NaN policy, unused here) come from
/// [`TtestIndOptions`]. O(1).
///
/// ```
/// use sci_stats::{ttest_ind_from_stats, TtestIndOptions};
/// let r = ttest_ind_from_stats(15.0, 87.5f64.sqrt(), 13, 12.0, 39.0f64.sqrt(), 11, &TtestIndOptions::default())?;
/// assert!((r.statistic - 0.9051358093310269).abs() < 1e-14);
/// assert!((r.pvalue - 0.3751996797581489).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for a sample size of 0.
pub fn ttest_ind_from_stats(
    mean1: f64,
    std1: f64,
    nobs1: usize,
    mean2: f64,
    std2: f64,
    nobs2: usize,
    options: &TtestIndOptions,
) -> Result<TtestResult> {
    if nobs1 == 0 || nobs2 == 0 {
        return Err(Error::invalid_argument("nobs1", "sample sizes must be at least 1"));
    }
    let (n1, n2) = (nobs1 as f64, nobs2 as f64);
    let (v1, v2) = (std1 * std1, std2 * std2);
    let alt = options.alternative;
    let (df, denom) = if options.equal_var {
        let v1 = if nobs1 == 1 { 0.0 } else { v1 };
        let v2 = if nobs2 == 1 { 0.0 } else { v2 };
        let df = n1 + n2 - 2.0;
        let svar = ((n1 - 1.0) * v1 + (n2 - 1.0) * v2) / df;
        (df, (svar * (1.0 / n1 + 1.0 / n2)).sqrt())
    } else {
        let (vn1, vn2) = (v1 / n1, v2 / n2);
        let df = (vn1 + vn2).powi(2) / (vn1 * vn1 / (n1 - 1.0) + vn2 * vn2 / (n2 - 1.0));
        (if df.is_nan() { 1.0 } else { df }, (vn1 + vn2).sqrt())
    };
    let estimate = mean1 - mean2;
    let t = estimate / denom;
    Ok(TtestResult {
        statistic: t,
        pvalue: t_pvalue(t, df, alt),
        df,
        estimate,
        standard_error: denom,
        alternative: alt,
    })
}
