//! Goodness-of-fit tests on frequencies: `chisquare`, `power_divergence`.

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{TestResult, csum};
use crate::distributions::{Chi2, ContinuousDistribution};
use crate::special::xlogy;

/// The power `λ` of the Cressie-Read power divergence statistic (SciPy's `lambda_`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Lambda {
    /// `λ = 1`: Pearson's chi-squared statistic (`"pearson"`), the default.
    #[default]
    Pearson,
    /// `λ = 0`: the log-likelihood ratio, G-test (`"log-likelihood"`).
    LogLikelihood,
    /// `λ = −1/2`: the Freeman-Tukey statistic (`"freeman-tukey"`).
    FreemanTukey,
    /// `λ = −1`: the modified log-likelihood ratio (`"mod-log-likelihood"`).
    ModLogLikelihood,
    /// `λ = −2`: Neyman's statistic (`"neyman"`).
    Neyman,
    /// `λ = 2/3`: the power recommended by Cressie and Read (`"cressie-read"`).
    CressieRead,
    /// Any other power.
    Value(f64),
}

impl Lambda {
    fn value(self) -> f64 {
        match self {
            Lambda::Pearson => 1.0,
            Lambda::LogLikelihood => 0.0,
            Lambda::FreemanTukey => -0.5,
            Lambda::ModLogLikelihood => -1.0,
            Lambda::Neyman => -2.0,
            Lambda::CressieRead => 2.0 / 3.0,
            Lambda::Value(v) => v,
        }
    }
}

/// Options of [`power_divergence_with`] and [`chisquare_with`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PowerDivergenceOptions {
    /// Expected frequencies (default `None`: all equal to the mean observed frequency). Their
    /// sum must agree with the observed sum to a relative `√eps`.
    pub f_exp: Option<Array1<f64>>,
    /// Delta degrees of freedom: the p-value uses `k − 1 − ddof` degrees of freedom
    /// (default 0).
    pub ddof: usize,
    /// The power of the statistic (default [`Lambda::Pearson`]; [`chisquare_with`] always
    /// uses Pearson's).
    pub lambda: Lambda,
}

/// Cressie-Read power divergence statistic and its chi-squared p-value
/// (`scipy.stats.power_divergence`).
///
/// `2/(λ(λ+1)) Σ oᵢ((oᵢ/eᵢ)^λ − 1)`, with the limits `λ → 0` (G-test `2 Σ oᵢ ln(oᵢ/eᵢ)`) and
/// `λ → −1`; compared with chi-squared with `k − 1 − ddof` degrees of freedom. O(k).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{power_divergence_with, Lambda, PowerDivergenceOptions};
/// let obs = array![16.0, 18.0, 16.0, 14.0, 12.0, 12.0];
/// let o = PowerDivergenceOptions { lambda: Lambda::LogLikelihood, ..Default::default() };
/// let r = power_divergence_with(&obs, &o)?;
/// assert!((r.statistic - 2.006573162632538).abs() < 1e-13);
/// assert!((r.pvalue - 0.8482347677946377).abs() < 1e-13);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if `f_exp` differs in length; [`Error::InvalidArgument`] if the
/// sums of observed and expected frequencies differ by more than `√eps` relative (SciPy's
/// `ValueError`). Degrees of freedom `k − 1 − ddof <= 0` are not an error: the p-value is
/// NaN, as in SciPy.
pub fn power_divergence_with<S: Data<Elem = f64>>(
    f_obs: &ArrayBase<S, Ix1>,
    options: &PowerDivergenceOptions,
) -> Result<TestResult> {
    let k = f_obs.len();
    let f_exp: Array1<f64> = match &options.f_exp {
        Some(e) => {
            sci_core::validate::check_same_len("f_obs", k, "f_exp", e.len())?;
            let (so, se) = (f_obs.sum(), e.sum());
            let rel = (so - se).abs() / so.min(se);
            if rel > f64::EPSILON.sqrt() {
                return Err(Error::invalid_argument(
                    "f_exp",
                    format!(
                        "the sum of the observed frequencies ({so}) must agree with the sum of the expected frequencies ({se}) to a relative tolerance of {:e}",
                        f64::EPSILON.sqrt()
                    ),
                ));
            }
            e.clone()
        }
        None => Array1::from_elem(k, f_obs.sum() / k as f64),
    };
    let lambda = options.lambda.value();
    let terms = f_obs.iter().zip(f_exp.iter()).map(|(&o, &e)| {
        if lambda == 1.0 {
            (o - e) * (o - e) / e
        } else if lambda == 0.0 {
            2.0 * xlogy(o, o / e)
        } else if lambda == -1.0 {
            2.0 * xlogy(e, e / o)
        } else {
            // (o/e)^λ − 1 as expm1(λ ln1p((o − e)/e)): no cancellation when o ≈ e.
            o * (lambda * ((o - e) / e).ln_1p()).exp_m1() / (0.5 * lambda * (lambda + 1.0))
        }
    });
    let stat = csum(terms);
    let df = k as f64 - 1.0 - options.ddof as f64;
    let pvalue = match Chi2::new(df, 0.0, 1.0) {
        Ok(c) => c.sf(stat),
        Err(_) => f64::NAN,
    };
    Ok(TestResult { statistic: stat, pvalue })
}

/// [`power_divergence_with`] with SciPy's defaults (Pearson's statistic, equal expected
/// frequencies).
///
/// ```
/// use sci_core::ndarray::array;
/// let r = sci_stats::power_divergence(&array![16.0, 18.0, 16.0, 14.0, 12.0, 12.0])?;
/// assert!((r.statistic - 2.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// None in practice with the defaults (kept for symmetry with the `_with` form).
pub fn power_divergence<S: Data<Elem = f64>>(f_obs: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    power_divergence_with(f_obs, &PowerDivergenceOptions::default())
}

/// Pearson's chi-squared goodness-of-fit test (`scipy.stats.chisquare`):
/// `Σ (oᵢ − eᵢ)²/eᵢ` against chi-squared with `k − 1` degrees of freedom, with equal expected
/// frequencies.
///
/// ```
/// use sci_core::ndarray::array;
/// let r = sci_stats::chisquare(&array![16.0, 18.0, 16.0, 14.0, 12.0, 12.0])?;
/// assert!((r.statistic - 2.0).abs() < 1e-14);
/// assert!((r.pvalue - 0.8491450360846096).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// None in practice with the defaults.
pub fn chisquare<S: Data<Elem = f64>>(f_obs: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    chisquare_with(f_obs, &PowerDivergenceOptions::default())
}

/// [`chisquare`] with SciPy's `f_exp` and `ddof` (the `lambda` option is ignored: Pearson's
/// statistic is used).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{chisquare_with, PowerDivergenceOptions};
/// let obs = array![16.0, 18.0, 16.0, 14.0, 12.0, 12.0];
/// let o = PowerDivergenceOptions { f_exp: Some(array![16.0, 16.0, 16.0, 16.0, 16.0, 8.0]), ..Default::default() };
/// let r = chisquare_with(&obs, &o)?;
/// assert!((r.statistic - 3.5).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`power_divergence_with`].
pub fn chisquare_with<S: Data<Elem = f64>>(
    f_obs: &ArrayBase<S, Ix1>,
    options: &PowerDivergenceOptions,
) -> Result<TestResult> {
    power_divergence_with(f_obs, &PowerDivergenceOptions { lambda: Lambda::Pearson, ..options.clone() })
}
