//! The Anderson-Darling test for a family of distributions with estimated parameters
//! (`scipy.stats.anderson`).

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use super::anderson_fit;
use crate::common::sort;
use crate::distributions::{ContinuousDistribution, Expon, GumbelL, GumbelR, Logistic, Norm, WeibullMin};

/// The distribution family [`anderson`] tests against (SciPy's `dist`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AndersonDist {
    /// Normal with estimated mean and standard deviation (`'norm'`), the default.
    #[default]
    Norm,
    /// Exponential with location 0 and estimated scale (`'expon'`).
    Expon,
    /// Logistic with maximum-likelihood location and scale (`'logistic'`).
    Logistic,
    /// Left-skewed Gumbel, maximum likelihood (`'gumbel_l'`, also `'gumbel'`, `'extreme1'`).
    GumbelL,
    /// Right-skewed Gumbel, maximum likelihood (`'gumbel_r'`).
    GumbelR,
    /// Three-parameter Weibull (minimum), maximum likelihood (`'weibull_min'`).
    WeibullMin,
}

/// The parameters [`anderson`] fitted (SciPy's `fit_result.params`).
///
/// ```
/// let f = sci_stats::AndersonFit { shape: None, loc: 0.0, scale: 2.0 };
/// assert_eq!(f.scale, 2.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AndersonFit {
    /// The shape `c` ([`AndersonDist::WeibullMin`] only).
    pub shape: Option<f64>,
    /// The location (0 for [`AndersonDist::Expon`]).
    pub loc: f64,
    /// The scale.
    pub scale: f64,
}

/// The result of [`anderson`].
///
/// ```
/// use sci_core::ndarray::array;
/// let r = sci_stats::anderson(&array![1.0, 2.5, 2.0, 4.0, 3.2], sci_stats::AndersonDist::Norm)?;
/// assert_eq!(r.critical_values.len(), r.significance_level.len());
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AndersonResult {
    /// The Anderson-Darling statistic `A²`.
    pub statistic: f64,
    /// Critical values of `A²` for the levels in `significance_level`.
    pub critical_values: Array1<f64>,
    /// The significance levels of `critical_values` in percent, as SciPy: 15, 10, 5, 2.5, 1
    /// (normal, exponential); 25, 10, 5, 2.5, 1, 0.5 (logistic); 25, 10, 5, 2.5, 1 (Gumbel).
    /// For the Weibull family SciPy lists the *confidence* levels 0.5, 0.75, 0.85, 0.9,
    /// 0.95, 0.975, 0.99, 0.995 (fractions), and so does this field.
    pub significance_level: Array1<f64>,
    /// The fitted parameters.
    pub fit: AndersonFit,
    /// The p-value interpolated linearly in the critical-value table (SciPy 1.17's
    /// `method='interpolate'`), held at the table's end levels outside it: a statistic below
    /// the first critical value reports that level (e.g. 0.15), not a larger p-value.
    pub pvalue: f64,
}

/// Stephens' asymptotic points for the normal case, divided by `1 + 0.75/n + 2.25/n²`.
const A_NORM: [f64; 5] = [0.561, 0.631, 0.752, 0.873, 1.035];
/// Exponential, divided by `1 + 0.6/n`.
const A_EXPON: [f64; 5] = [0.916, 1.062, 1.321, 1.591, 1.959];
/// Gumbel (Stephens 1977), divided by `1 + 0.2/√n`.
const A_GUMBEL: [f64; 5] = [0.474, 0.637, 0.757, 0.877, 1.038];
/// Logistic (Stephens 1979), divided by `1 + 0.25/n`.
const A_LOGISTIC: [f64; 6] = [0.426, 0.563, 0.660, 0.769, 0.906, 1.010];
/// Lockhart and Stephens (1994), table 1: rows for `c = 1/shape = 0, 0.05, …, 0.5`.
const A_WEIBULL: [[f64; 8]; 11] = [
    [0.292, 0.395, 0.467, 0.522, 0.617, 0.711, 0.836, 0.931],
    [0.295, 0.399, 0.471, 0.527, 0.623, 0.719, 0.845, 0.941],
    [0.298, 0.403, 0.476, 0.534, 0.631, 0.728, 0.856, 0.954],
    [0.301, 0.408, 0.483, 0.541, 0.640, 0.738, 0.869, 0.969],
    [0.305, 0.414, 0.490, 0.549, 0.650, 0.751, 0.885, 0.986],
    [0.309, 0.421, 0.498, 0.559, 0.662, 0.765, 0.902, 1.007],
    [0.314, 0.429, 0.508, 0.570, 0.676, 0.782, 0.923, 1.030],
    [0.320, 0.438, 0.519, 0.583, 0.692, 0.802, 0.947, 1.057],
    [0.327, 0.448, 0.532, 0.598, 0.711, 0.824, 0.974, 1.089],
    [0.334, 0.469, 0.547, 0.615, 0.732, 0.850, 1.006, 1.125],
    [0.342, 0.472, 0.563, 0.636, 0.757, 0.879, 1.043, 1.167],
];
const SIG_5: [f64; 5] = [15.0, 10.0, 5.0, 2.5, 1.0];
const SIG_GUMBEL: [f64; 5] = [25.0, 10.0, 5.0, 2.5, 1.0];
const SIG_LOGISTIC: [f64; 6] = [25.0, 10.0, 5.0, 2.5, 1.0, 0.5];
const CONF_WEIBULL: [f64; 8] = [0.5, 0.75, 0.85, 0.9, 0.95, 0.975, 0.99, 0.995];

/// numpy's `round(v, 3)`: scale, round half to even, unscale.
fn round3(v: f64) -> f64 {
    (v * 1000.0).round_ties_even() / 1000.0
}

/// The Anderson-Darling test that `x` comes from the family `dist` with parameters estimated
/// from `x` (`scipy.stats.anderson`).
///
/// With `wᵢ` the sorted sample standardized by the fitted parameters,
/// `A² = −n − Σᵢ (2i − 1)/n · (ln F(wᵢ) + ln S(w_{n+1−i}))`. The parameters: mean and
/// standard deviation (`ddof = 1`) for the normal; the mean as scale for the exponential;
/// maximum likelihood for the others (see [`AndersonDist`]). Critical values are Stephens'
/// tabulated points with his finite-sample factors, rounded to 3 decimals; for the Weibull
/// family they are interpolated linearly in Lockhart and Stephens' table at `c = 1/shape`
/// (the last row beyond `c = 0.5`) and rounded up (`round(value + 0.0005, 3)`). O(n log n);
/// the logistic, Gumbel and Weibull fits add root finding, O(n) per step.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{anderson, AndersonDist};
/// let x = array![1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.5];
/// let r = anderson(&x, AndersonDist::Norm)?;
/// assert!((r.statistic - 0.12311409751755242).abs() < 1e-14);
/// assert_eq!(r.critical_values.to_vec(), vec![0.511, 0.575, 0.685, 0.795, 0.943]);
/// assert_eq!(r.pvalue, 0.15); // below the first critical value
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for no data; [`Error::NonFinite`] for NaN or infinite values (SciPy
/// returns a NaN statistic for NaN); [`Error::InvalidArgument`] when the Weibull fit has no
/// interior maximum with shape ≥ 1 (SciPy raises `ValueError`) or for fewer than 2 values
/// with a two-parameter family; [`Error::NotConverged`] if a logistic or Gumbel fit cannot
/// bracket its root.
///
/// # Differences from SciPy
/// - SciPy 1.17 returns the critical values without a p-value unless `method` is given, and
///   a p-value without them when it is; both are returned here. `MonteCarloMethod` p-values
///   are not offered.
/// - The logistic fit is solved to full precision; SciPy's `fsolve(xtol=1e-5)` leaves a
///   relative error of about 1e-8 in its parameters, so the two statistics agree to
///   about that.
/// - The Weibull fit: SciPy starts a Nelder-Mead search at the method-of-moments estimate
///   and refines it by solving the score equations; here the score equations are solved
///   along the profile likelihood in the location, taking the most likely interior
///   maximum. The results agree when the likelihood has one interior maximum; where SciPy's
///   search ends at the boundary but an interior maximum exists, SciPy raises and this
///   returns a result.
/// - A constant sample gives a NaN statistic and p-value for the normal, logistic and
///   Gumbel families (SciPy: NaN for the first two, an `OverflowError` for Gumbel); fit
///   parameters `(x₀, 0)`.
pub fn anderson<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>, dist: AndersonDist) -> Result<AndersonResult> {
    sci_core::validate::check_non_empty("x", x)?;
    sci_core::validate::check_finite("x", x)?;
    let n = x.len();
    if n < 2 && !matches!(dist, AndersonDist::Expon) {
        return Err(Error::InvalidArgument {
            name: "x".into(),
            reason: "the Anderson-Darling test needs at least 2 observations to fit this family".into(),
        });
    }
    let mut y: Vec<f64> = x.iter().copied().collect();
    sort(&mut y);
    let nf = n as f64;
    let mean = crate::common::csum(y.iter().copied()) / nf;
    let constant = y[0] == y[n - 1];
    let (fit, statistic) = match dist {
        AndersonDist::Norm => {
            let sd = (crate::common::csum(y.iter().map(|v| (v - mean) * (v - mean))) / (nf - 1.0)).sqrt();
            let d = Norm::standard();
            let w: Vec<f64> = y.iter().map(|v| (v - mean) / sd).collect();
            (AndersonFit { shape: None, loc: mean, scale: sd }, a2(&w, |z| d.logcdf(z), |z| d.logsf(z)))
        }
        AndersonDist::Expon => {
            let d = Expon::standard();
            let w: Vec<f64> = y.iter().map(|v| v / mean).collect();
            (AndersonFit { shape: None, loc: 0.0, scale: mean }, a2(&w, |z| d.logcdf(z), |z| d.logsf(z)))
        }
        _ if constant && dist != AndersonDist::WeibullMin => {
            (AndersonFit { shape: None, loc: y[0], scale: 0.0 }, f64::NAN)
        }
        AndersonDist::Logistic => {
            let sd = (crate::common::csum(y.iter().map(|v| (v - mean) * (v - mean))) / (nf - 1.0)).sqrt();
            let (loc, scale) = anderson_fit::logistic(&y, sd)?;
            let d = Logistic::new(0.0, 1.0)?;
            let w: Vec<f64> = y.iter().map(|v| (v - loc) / scale).collect();
            (AndersonFit { shape: None, loc, scale }, a2(&w, |z| d.logcdf(z), |z| d.logsf(z)))
        }
        AndersonDist::GumbelR => {
            let (loc, scale) = anderson_fit::gumbel_r(&y)?;
            let d = GumbelR::new(0.0, 1.0)?;
            let w: Vec<f64> = y.iter().map(|v| (v - loc) / scale).collect();
            (AndersonFit { shape: None, loc, scale }, a2(&w, |z| d.logcdf(z), |z| d.logsf(z)))
        }
        AndersonDist::GumbelL => {
            let neg: Vec<f64> = y.iter().map(|v| -v).collect();
            let (loc_r, scale) = anderson_fit::gumbel_r(&neg)?;
            let loc = -loc_r;
            let d = GumbelL::new(0.0, 1.0)?;
            let w: Vec<f64> = y.iter().map(|v| (v - loc) / scale).collect();
            (AndersonFit { shape: None, loc, scale }, a2(&w, |z| d.logcdf(z), |z| d.logsf(z)))
        }
        AndersonDist::WeibullMin => {
            let (c, loc, scale) = anderson_fit::weibull_min(&y)?;
            let d = WeibullMin::new(c, loc, scale)?;
            (AndersonFit { shape: Some(c), loc, scale }, a2(&y, |v| d.logcdf(v), |v| d.logsf(v)))
        }
    };
    let (critical, levels, pvalue_levels): (Vec<f64>, Vec<f64>, Vec<f64>) = match dist {
        AndersonDist::Norm => {
            let f = 1.0 + 0.75 / nf + 2.25 / nf / nf;
            (
                A_NORM.iter().map(|a| round3(a / f)).collect(),
                SIG_5.to_vec(),
                SIG_5.iter().map(|s| s / 100.0).collect(),
            )
        }
        AndersonDist::Expon => {
            let f = 1.0 + 0.6 / nf;
            (
                A_EXPON.iter().map(|a| round3(a / f)).collect(),
                SIG_5.to_vec(),
                SIG_5.iter().map(|s| s / 100.0).collect(),
            )
        }
        AndersonDist::Logistic => {
            let f = 1.0 + 0.25 / nf;
            let sig = SIG_LOGISTIC.to_vec();
            (
                A_LOGISTIC.iter().map(|a| round3(a / f)).collect(),
                sig,
                SIG_LOGISTIC.iter().map(|s| s / 100.0).collect(),
            )
        }
        AndersonDist::GumbelL | AndersonDist::GumbelR => {
            let f = 1.0 + 0.2 / nf.sqrt();
            let sig = SIG_GUMBEL.to_vec();
            (
                A_GUMBEL.iter().map(|a| round3(a / f)).collect(),
                sig,
                SIG_GUMBEL.iter().map(|s| s / 100.0).collect(),
            )
        }
        AndersonDist::WeibullMin => {
            let c = 1.0 / fit.shape.unwrap_or(f64::NAN);
            let crit = weibull_row(c).iter().map(|a| round3(a + 0.0005)).collect();
            (crit, CONF_WEIBULL.to_vec(), CONF_WEIBULL.iter().map(|s| 1.0 - s).collect())
        }
    };
    let pvalue = interp(statistic, &critical, &pvalue_levels);
    Ok(AndersonResult {
        statistic,
        critical_values: Array1::from(critical),
        significance_level: Array1::from(levels),
        fit,
        pvalue,
    })
}

/// `A²` of the sorted standardized sample (or sorted sample, for a frozen distribution).
fn a2(w: &[f64], logcdf: impl Fn(f64) -> f64, logsf: impl Fn(f64) -> f64) -> f64 {
    let n = w.len();
    let nf = n as f64;
    let terms = (0..n).map(|i| (2.0 * i as f64 + 1.0) / nf * (logcdf(w[i]) + logsf(w[n - 1 - i])));
    -nf - crate::common::csum(terms)
}

/// Lockhart and Stephens' critical points at `c`, linear in `c` between the table's rows
/// and the last row beyond `c = 0.5`.
fn weibull_row(c: f64) -> [f64; 8] {
    let last = A_WEIBULL[A_WEIBULL.len() - 1];
    if !(0.0..0.5).contains(&c) {
        return last;
    }
    let pos = c / 0.05;
    let k = (pos.floor() as usize).min(A_WEIBULL.len() - 2);
    let (c0, c1) = (k as f64 * 0.05, (k + 1) as f64 * 0.05);
    let mut out = [0.0; 8];
    for (j, o) in out.iter_mut().enumerate() {
        let (lo, hi) = (A_WEIBULL[k][j], A_WEIBULL[k + 1][j]);
        *o = (hi - lo) / (c1 - c0) * (c - c0) + lo;
    }
    out
}

/// numpy's `interp(x, xp, fp)` for increasing `xp`: linear inside, the end values outside.
fn interp(x: f64, xp: &[f64], fp: &[f64]) -> f64 {
    let last = xp.len() - 1;
    if x.is_nan() {
        return f64::NAN;
    }
    if x <= xp[0] {
        return fp[0];
    }
    if x >= xp[last] {
        return fp[last];
    }
    let j = xp.partition_point(|&v| v <= x) - 1;
    let slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
    slope * (x - xp[j]) + fp[j]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interp_and_rounding_follow_numpy() {
        let xp = [0.5, 0.6, 0.8];
        let fp = [0.15, 0.10, 0.05];
        assert_eq!(interp(0.1, &xp, &fp), 0.15);
        assert_eq!(interp(0.9, &xp, &fp), 0.05);
        assert!((interp(0.7, &xp, &fp) - 0.075).abs() < 1e-16);
        assert!(interp(f64::NAN, &xp, &fp).is_nan());
        assert_eq!(round3(0.0625), 0.062);
        assert_eq!(round3(1.2344), 1.234);
        assert_eq!(weibull_row(0.0), A_WEIBULL[0]);
        assert_eq!(weibull_row(0.9), A_WEIBULL[10]);
    }
}
