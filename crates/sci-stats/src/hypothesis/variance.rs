//! Tests of equal variances and the rank-based one-way test: `bartlett`, `levene`,
//! `kruskal`.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Neumaier, TestResult, csum};
use crate::descriptive::moments::central_moments;
use crate::descriptive::quantile::median_sorted;
use crate::descriptive::rank::{RankMethod, ranks};
use crate::distributions::{Chi2, ContinuousDistribution, FDist};

fn check_groups<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Result<()> {
    if samples.len() < 2 {
        return Err(Error::invalid_argument(
            "samples",
            format!("at least two samples are required, got {}", samples.len()),
        ));
    }
    if let Some(i) = samples.iter().position(|s| s.is_empty()) {
        return Err(Error::empty(format!("samples[{i}]")));
    }
    Ok(())
}

fn chi2_sf(x: f64, df: f64) -> f64 {
    Chi2::new(df, 0.0, 1.0).map_or(f64::NAN, |c| c.sf(x))
}

/// Bartlett's test that all samples come from populations with equal variances
/// (`scipy.stats.bartlett`), sensitive to non-normality:
/// `T = ((N − k) ln s²ₚ − Σ(nᵢ − 1) ln s²ᵢ) / (1 + (Σ 1/(nᵢ − 1) − 1/(N − k))/(3(k − 1)))`
/// against chi-squared on `k − 1` degrees of freedom. O(N).
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![8.88, 9.12, 9.04, 8.98, 9.00, 9.08, 9.01, 8.85, 9.06, 8.99];
/// let b = array![8.88, 8.95, 9.29, 9.44, 9.15, 9.58, 8.36, 9.18, 8.67, 9.05];
/// let r = sci_stats::bartlett(&[a.view(), b.view()])?;
/// assert!((r.statistic - 13.969137559959917).abs() < 1e-11);
/// assert!((r.pvalue - 0.00018583622419483548).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two samples, [`Error::Empty`] for an empty one.
///
/// # Differences from SciPy
/// NaN values propagate (no `nan_policy`).
pub fn bartlett<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Result<TestResult> {
    check_groups(samples)?;
    let k = samples.len() as f64;
    let mut ntot = 0.0;
    let (mut pooled, mut sum_ln, mut sum_inv) =
        (Neumaier::default(), Neumaier::default(), Neumaier::default());
    for s in samples {
        let m = central_moments(s.iter().copied());
        let n = m.n as f64;
        let ssq = m.m2 * n / (n - 1.0);
        ntot += n;
        pooled.add((n - 1.0) * ssq);
        sum_ln.add((n - 1.0) * ssq.ln());
        sum_inv.add(1.0 / (n - 1.0));
    }
    let spsq = pooled.value() / (ntot - k);
    let numer = (ntot - k) * spsq.ln() - sum_ln.value();
    let denom = 1.0 + 1.0 / (3.0 * (k - 1.0)) * (sum_inv.value() - 1.0 / (ntot - k));
    let t = numer / denom;
    Ok(TestResult { statistic: t, pvalue: chi2_sf(t, k - 1.0) })
}

/// The centre of each group in [`levene_with`] (SciPy's `center`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum LeveneCenter {
    /// The median (Brown-Forsythe; `'median'`), the default, robust to skewed data.
    #[default]
    Median,
    /// The mean (Levene's original test, `'mean'`).
    Mean,
    /// The trimmed mean cutting this proportion from each end (`'trimmed'` with
    /// `proportiontocut`; SciPy's default proportion is 0.05).
    Trimmed(f64),
}

/// Levene's test of equal variances with the median as centre (Brown-Forsythe,
/// `scipy.stats.levene`): the one-way ANOVA of the absolute deviations `|yᵢⱼ − ỹᵢ|`,
/// compared with F on `(k − 1, N − k)` degrees of freedom. O(N log N).
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![8.88, 9.12, 9.04, 8.98, 9.00, 9.08, 9.01, 8.85, 9.06, 8.99];
/// let b = array![8.88, 8.95, 9.29, 9.44, 9.15, 9.58, 8.36, 9.18, 8.67, 9.05];
/// let r = sci_stats::levene(&[a.view(), b.view()])?;
/// assert!((r.statistic - 8.461374333228711).abs() < 1e-11);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`bartlett`].
pub fn levene<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Result<TestResult> {
    levene_with(samples, LeveneCenter::Median)
}

/// [`levene`] with SciPy's `center` (and `proportiontocut`).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{levene_with, LeveneCenter};
/// let a = array![8.88, 9.12, 9.04, 8.98, 9.00, 9.08, 9.01, 8.85, 9.06, 8.99];
/// let b = array![8.88, 8.95, 9.29, 9.44, 9.15, 9.58, 8.36, 9.18, 8.67, 9.05];
/// let r = levene_with(&[a.view(), b.view()], LeveneCenter::Mean)?;
/// assert!((r.statistic - 8.83873787256358).abs() < 1e-11);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`bartlett`]; also [`Error::InvalidArgument`] for a trimming proportion outside
/// `[0, 0.5)`.
pub fn levene_with<S: Data<Elem = f64>>(
    samples: &[ArrayBase<S, Ix1>],
    center: LeveneCenter,
) -> Result<TestResult> {
    check_groups(samples)?;
    if let LeveneCenter::Trimmed(p) = center
        && !(0.0..0.5).contains(&p)
    {
        return Err(Error::invalid_argument("proportiontocut", format!("must lie in [0, 0.5), got {p}")));
    }
    let k = samples.len() as f64;
    let mut z: Vec<Vec<f64>> = Vec::with_capacity(samples.len());
    for s in samples {
        let c = match center {
            LeveneCenter::Mean => central_moments(s.iter().copied()).mean,
            LeveneCenter::Median => {
                let mut v = s.to_vec();
                crate::common::sort(&mut v);
                median_sorted(&v)
            }
            LeveneCenter::Trimmed(p) => crate::descriptive::trimmed::trim_mean(s, p)?,
        };
        z.push(s.iter().map(|&y| (y - c).abs()).collect());
    }
    let ntot: f64 = z.iter().map(|g| g.len() as f64).sum();
    let zbari: Vec<f64> = z.iter().map(|g| csum(g.iter().copied()) / g.len() as f64).collect();
    let zbar = csum(z.iter().zip(&zbari).map(|(g, &m)| m * g.len() as f64)) / ntot;
    let numer =
        (ntot - k) * csum(z.iter().zip(&zbari).map(|(g, &m)| g.len() as f64 * (m - zbar) * (m - zbar)));
    let dvar = csum(z.iter().zip(&zbari).flat_map(|(g, &m)| g.iter().map(move |&v| (v - m) * (v - m))));
    let w = numer / ((k - 1.0) * dvar);
    let pvalue = FDist::new(k - 1.0, ntot - k, 0.0, 1.0).map_or(f64::NAN, |f| f.sf(w));
    Ok(TestResult { statistic: w, pvalue })
}

/// The Kruskal-Wallis H test, a rank-based one-way ANOVA (`scipy.stats.kruskal`):
/// `H = 12/(N(N+1)) Σ Rᵢ²/nᵢ − 3(N+1)`, divided by the tie correction
/// `1 − Σ(t³ − t)/(N³ − N)`, compared with chi-squared on `k − 1` degrees of freedom. All
/// values equal gives NaN, as SciPy. O(N log N).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![1.0, 3.0, 5.0, 7.0, 9.0];
/// let y = array![2.0, 4.0, 6.0, 8.0, 10.0];
/// let r = sci_stats::kruskal(&[x.view(), y.view()])?;
/// assert!((r.statistic - 0.2727272727272734).abs() < 1e-12);
/// assert!((r.pvalue - 0.6015081344405895).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`bartlett`].
///
/// # Differences from SciPy
/// NaN values propagate (no `nan_policy`).
pub fn kruskal<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Result<TestResult> {
    check_groups(samples)?;
    let all: Vec<f64> = samples.iter().flat_map(|s| s.iter().copied()).collect();
    if all.iter().any(|v| v.is_nan()) {
        return Ok(TestResult { statistic: f64::NAN, pvalue: f64::NAN });
    }
    let r = ranks(&all, RankMethod::Average);
    let n = all.len() as f64;
    let mut start = 0;
    let mut ssbn = Neumaier::default();
    for s in samples {
        let len = s.len();
        let rs = csum(r[start..start + len].iter().copied());
        ssbn.add(rs * rs / len as f64);
        start += len;
    }
    let mut sorted = all;
    crate::common::sort(&mut sorted);
    let mut tie_sum = 0.0;
    let mut i = 0;
    while i < sorted.len() {
        let mut j = i + 1;
        while j < sorted.len() && sorted[j] == sorted[i] {
            j += 1;
        }
        let t = (j - i) as f64;
        tie_sum += t * t * t - t;
        i = j;
    }
    let ties = 1.0 - tie_sum / (n * n * n - n);
    let h = (12.0 / (n * (n + 1.0)) * ssbn.value() - 3.0 * (n + 1.0)) / ties;
    Ok(TestResult { statistic: h, pvalue: chi2_sf(h, samples.len() as f64 - 1.0) })
}
