//! Tests of normality based on sample moments: `skewtest`, `kurtosistest`, `normaltest`
//! (D'Agostino-Pearson) and `jarque_bera`.

use sci_core::Result;
use sci_core::ndarray::{ArrayBase, Data, Ix1};

use crate::common::{Alternative, Nan, NanPolicy, TestResult, nan_state};
use crate::descriptive::moments::{
    Moments, central_moments, central_moments_slice, kurtosis_from, skew_from,
};
use crate::special::ndtr;

/// Options of [`skewtest_with`] and [`kurtosistest_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NormalityOptions {
    /// The alternative hypothesis (default [`Alternative::TwoSided`]).
    pub alternative: Alternative,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// The p-value of a standard normal statistic `z` for `alternative`.
pub(crate) fn normal_pvalue(z: f64, alternative: Alternative) -> f64 {
    match alternative {
        Alternative::Less => ndtr(z),
        Alternative::Greater => ndtr(-z),
        Alternative::TwoSided => 2.0 * ndtr(-z.abs()),
    }
}

/// Moments after the NaN policy; `None` when NaN propagates.
fn moments<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, policy: NanPolicy) -> Result<Option<Moments>> {
    Ok(match nan_state("a", a, policy)? {
        Nan::Propagate => None,
        Nan::Clean { omit: false } => Some(match a.as_slice() {
            Some(s) => central_moments_slice(s).0,
            None => central_moments(a.iter().copied()),
        }),
        Nan::Clean { omit: true } => Some(central_moments(a.iter().copied().filter(|v| !v.is_nan()))),
    })
}

const NAN_RESULT: TestResult = TestResult { statistic: f64::NAN, pvalue: f64::NAN };

/// D'Agostino's transformation of the sample skewness to a standard normal `Z`.
fn skew_z(m: &Moments) -> f64 {
    let n = m.n as f64;
    let b2 = skew_from(m, true);
    let mut y = b2 * (((n + 1.0) * (n + 3.0)) / (6.0 * (n - 2.0))).sqrt();
    let beta2 = 3.0 * (n * n + 27.0 * n - 70.0) * (n + 1.0) * (n + 3.0)
        / ((n - 2.0) * (n + 5.0) * (n + 7.0) * (n + 9.0));
    let w2 = -1.0 + (2.0 * (beta2 - 1.0)).sqrt();
    let delta = 1.0 / (0.5 * w2.ln()).sqrt();
    let alpha = (2.0 / (w2 - 1.0)).sqrt();
    if y == 0.0 {
        y = 1.0;
    }
    let r = y / alpha;
    delta * (r + (r * r + 1.0).sqrt()).ln()
}

/// Anscombe and Glynn's transformation of the sample kurtosis to a standard normal `Z`.
fn kurtosis_z(m: &Moments) -> f64 {
    let n = m.n as f64;
    let b2 = kurtosis_from(m, false, true);
    let e = 3.0 * (n - 1.0) / (n + 1.0);
    let varb2 = 24.0 * n * (n - 2.0) * (n - 3.0) / ((n + 1.0) * (n + 1.0) * (n + 3.0) * (n + 5.0));
    let x = (b2 - e) / varb2.sqrt();
    let sqrtbeta1 = 6.0 * (n * n - 5.0 * n + 2.0) / ((n + 7.0) * (n + 9.0))
        * ((6.0 * (n + 3.0) * (n + 5.0)) / (n * (n - 2.0) * (n - 3.0))).sqrt();
    let a = 6.0 + 8.0 / sqrtbeta1 * (2.0 / sqrtbeta1 + (1.0 + 4.0 / (sqrtbeta1 * sqrtbeta1)).sqrt());
    let term1 = 1.0 - 2.0 / (9.0 * a);
    let denom = 1.0 + x * (2.0 / (a - 4.0)).sqrt();
    let term2 = if denom == 0.0 { f64::NAN } else { denom.signum() * ((1.0 - 2.0 / a) / denom.abs()).cbrt() };
    (term1 - term2) / (2.0 / (9.0 * a)).sqrt()
}

/// Tests whether the skewness differs from that of a normal distribution
/// (`scipy.stats.skewtest`, D'Agostino 1970).
///
/// The sample skewness is transformed to an approximately standard normal `Z`; the p-value
/// comes from the normal distribution. Needs at least 8 observations: fewer give NaN, as
/// SciPy. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let r = sci_stats::skewtest(&x)?;
/// assert!((r.statistic - 2.778857976990341).abs() < 1e-12);
/// assert!((r.pvalue - 0.00545503697474019).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn skewtest<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    skewtest_with(a, &NormalityOptions::default())
}

/// [`skewtest`] with SciPy's `alternative` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{skewtest_with, Alternative, NormalityOptions};
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let o = NormalityOptions { alternative: Alternative::Less, ..Default::default() };
/// assert!(skewtest_with(&x, &o)?.pvalue > 0.99);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn skewtest_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    options: &NormalityOptions,
) -> Result<TestResult> {
    let Some(m) = moments(a, options.nan_policy)? else { return Ok(NAN_RESULT) };
    if m.n < 8 {
        return Ok(NAN_RESULT);
    }
    let z = skew_z(&m);
    Ok(TestResult { statistic: z, pvalue: normal_pvalue(z, options.alternative) })
}

/// Tests whether the kurtosis differs from that of a normal distribution
/// (`scipy.stats.kurtosistest`, Anscombe and Glynn 1983).
///
/// Needs at least 5 observations (fewer give NaN); SciPy warns below 20, where the normal
/// approximation is rough. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let r = sci_stats::kurtosistest(&x)?;
/// assert!((r.statistic - 2.3048235214240873).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn kurtosistest<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    kurtosistest_with(a, &NormalityOptions::default())
}

/// [`kurtosistest`] with SciPy's `alternative` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{kurtosistest_with, Alternative, NormalityOptions};
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let o = NormalityOptions { alternative: Alternative::Greater, ..Default::default() };
/// assert!(kurtosistest_with(&x, &o)?.pvalue < 0.05);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn kurtosistest_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    options: &NormalityOptions,
) -> Result<TestResult> {
    let Some(m) = moments(a, options.nan_policy)? else { return Ok(NAN_RESULT) };
    if m.n < 5 {
        return Ok(NAN_RESULT);
    }
    let z = kurtosis_z(&m);
    Ok(TestResult { statistic: z, pvalue: normal_pvalue(z, options.alternative) })
}

/// D'Agostino and Pearson's omnibus test of normality (`scipy.stats.normaltest`):
/// `K² = Z_skew² + Z_kurt²`, compared with the chi-squared distribution with 2 degrees of
/// freedom (whose survival function is `exp(-K²/2)`).
///
/// Needs at least 8 observations; fewer give NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let r = sci_stats::normaltest(&x)?;
/// assert!((r.statistic - 13.03426312119258).abs() < 1e-11);
/// assert!(r.pvalue < 0.01);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn normaltest<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    normaltest_with(a, NanPolicy::Propagate)
}

/// [`normaltest`] with SciPy's `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{normaltest_with, NanPolicy};
/// let x = array![1.0, 2.0, 3.0, f64::NAN, 4.0, 5.0, 6.0, 7.0, 8.0, 20.0];
/// assert!(normaltest_with(&x, NanPolicy::Propagate)?.statistic.is_nan());
/// assert!(normaltest_with(&x, NanPolicy::Omit)?.statistic > 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn normaltest_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    nan_policy: NanPolicy,
) -> Result<TestResult> {
    let Some(m) = moments(a, nan_policy)? else { return Ok(NAN_RESULT) };
    if m.n < 8 {
        return Ok(NAN_RESULT);
    }
    let (s, k) = (skew_z(&m), kurtosis_z(&m));
    let k2 = s * s + k * k;
    Ok(TestResult { statistic: k2, pvalue: (-0.5 * k2).exp() })
}

/// The Jarque-Bera goodness-of-fit test (`scipy.stats.jarque_bera`):
/// `JB = n/6 (S² + (K − 3)²/4)` from the biased skewness `S` and Pearson kurtosis `K`,
/// compared with chi-squared with 2 degrees of freedom.
///
/// An empty sample, a single value or a constant sample gives NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let r = sci_stats::jarque_bera(&x)?;
/// assert!((r.statistic - 6.982848237344646).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn jarque_bera<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    jarque_bera_with(x, NanPolicy::Propagate)
}

/// [`jarque_bera`] with SciPy's `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{jarque_bera_with, NanPolicy};
/// let x = array![1.0, f64::NAN, 2.0, 3.0, 10.0];
/// assert!(jarque_bera_with(&x, NanPolicy::Raise).is_err());
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn jarque_bera_with<S: Data<Elem = f64>>(
    x: &ArrayBase<S, Ix1>,
    nan_policy: NanPolicy,
) -> Result<TestResult> {
    let Some(m) = moments(x, nan_policy)? else { return Ok(NAN_RESULT) };
    if m.n < 2 {
        return Ok(NAN_RESULT);
    }
    let s = m.m3 / m.m2.powf(1.5);
    let k = m.m4 / (m.m2 * m.m2);
    let jb = m.n as f64 / 6.0 * (s * s + (k - 3.0) * (k - 3.0) / 4.0);
    Ok(TestResult { statistic: jb, pvalue: (-0.5 * jb).exp() })
}
