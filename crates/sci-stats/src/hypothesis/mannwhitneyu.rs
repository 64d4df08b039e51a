//! The Mann-Whitney U rank test (`scipy.stats.mannwhitneyu`).

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Alternative, Nan, NanPolicy, TestResult, nan_state, sort};
use crate::special::ndtr;

/// How [`mannwhitneyu_with`] computes the p-value (SciPy's `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MwuMethod {
    /// Exact when one sample has at most 8 values and there are no ties, else asymptotic
    /// (`'auto'`), the default.
    #[default]
    Auto,
    /// The exact null distribution of U (`'exact'`; ties are not accounted for).
    Exact,
    /// The normal approximation with tie correction (`'asymptotic'`).
    Asymptotic,
}

/// Options of [`mannwhitneyu_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MannwhitneyuOptions {
    /// Apply the continuity correction of ½ in the normal approximation (default `true`).
    pub use_continuity: bool,
    /// The alternative hypothesis (default [`Alternative::TwoSided`]); `Greater` means the
    /// distribution underlying `x` is stochastically greater than that of `y`.
    pub alternative: Alternative,
    /// The p-value method (default [`MwuMethod::Auto`]).
    pub method: MwuMethod,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for MannwhitneyuOptions {
    fn default() -> Self {
        MannwhitneyuOptions {
            use_continuity: true,
            alternative: Alternative::TwoSided,
            method: MwuMethod::Auto,
            nan_policy: NanPolicy::Propagate,
        }
    }
}

/// The Mann-Whitney U test of whether two independent samples come from the same
/// distribution (`scipy.stats.mannwhitneyu`); the statistic is `U₁ = R₁ − n₁(n₁+1)/2`, `R₁`
/// the rank sum of `x` in the pooled sample (average ranks for ties).
///
/// The exact p-value uses the null distribution of U, the coefficients of the Gaussian
/// binomial `Π_{i=1..m} (1 − q^{n+i})/(1 − q^i)` (`m = min(n₁, n₂)`), computed in exact
/// integer arithmetic while the counts fit in 128 bits (O(m²n)); the asymptotic one the
/// normal approximation with tie correction. Ranking is O(N log N).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![19.0, 22.0, 16.0, 29.0, 24.0];
/// let y = array![20.0, 11.0, 17.0, 12.0];
/// let r = sci_stats::mannwhitneyu(&x, &y)?;
/// assert_eq!(r.statistic, 17.0);
/// assert!((r.pvalue - 0.1111111111111111).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] if either sample is empty (after omitting NaN); [`Error::NonFinite`] for
/// NaN under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// The permutation method is not offered. When the exact counts exceed 128-bit integers
/// (very unbalanced samples with more than ~10⁴ values) they are accumulated in `f64`.
pub fn mannwhitneyu<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<TestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    mannwhitneyu_with(x, y, &MannwhitneyuOptions::default())
}

/// [`mannwhitneyu`] with SciPy's `use_continuity`, `alternative`, `method` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{mannwhitneyu_with, Alternative, MannwhitneyuOptions, MwuMethod};
/// let x = array![19.0, 22.0, 16.0, 29.0, 24.0];
/// let y = array![20.0, 11.0, 17.0, 12.0];
/// let o = MannwhitneyuOptions { method: MwuMethod::Asymptotic, alternative: Alternative::Greater, ..Default::default() };
/// let r = mannwhitneyu_with(&x, &y, &o)?;
/// assert!((r.pvalue - 0.055673443266570206).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`mannwhitneyu`].
pub fn mannwhitneyu_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    options: &MannwhitneyuOptions,
) -> Result<TestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let nan = TestResult { statistic: f64::NAN, pvalue: f64::NAN };
    let omit = match (nan_state("x", x, options.nan_policy)?, nan_state("y", y, options.nan_policy)?) {
        (Nan::Propagate, _) | (_, Nan::Propagate) => return Ok(nan),
        (Nan::Clean { omit: a }, Nan::Clean { omit: b }) => a || b,
    };
    let keep = |v: &f64| !(omit && v.is_nan());
    let mut xs: Vec<f64> = x.iter().copied().filter(keep).collect();
    let mut ys: Vec<f64> = y.iter().copied().filter(keep).collect();
    let (n1, n2) = (xs.len(), ys.len());
    if n1 == 0 || n2 == 0 {
        return Err(Error::empty(if n1 == 0 { "x" } else { "y" }));
    }
    sci_core::install(|| rayon::join(|| sort(&mut xs), || sort(&mut ys)));
    let RankSum { r1, tie_term, tied } = rank_sum(&xs, &ys);
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let u1 = r1 - n1f * (n1f + 1.0) / 2.0;
    let u2 = n1f * n2f - u1;
    let (u, factor) = match options.alternative {
        Alternative::Greater => (u1, 1.0),
        Alternative::Less => (u2, 1.0),
        Alternative::TwoSided => (u1.max(u2), 2.0),
    };
    let method = match options.method {
        MwuMethod::Auto if (n1 > 8 && n2 > 8) || tied => MwuMethod::Asymptotic,
        MwuMethod::Auto => MwuMethod::Exact,
        m => m,
    };
    let p = match method {
        MwuMethod::Exact => exact_sf(n1, n2, u),
        _ => {
            let n = n1f + n2f;
            let s = (n1f * n2f / 12.0 * ((n + 1.0) - tie_term / (n * (n - 1.0)))).sqrt();
            let mut num = u - n1f * n2f / 2.0;
            if options.use_continuity {
                num -= 0.5;
            }
            ndtr(-(num / s))
        }
    };
    Ok(TestResult { statistic: u1, pvalue: (p * factor).clamp(0.0, 1.0) })
}

/// The rank sum of the first sample in the pooled sample (average ranks for ties) and the
/// tie correction `Σ (t³ − t)` over groups of `t` equal values.
struct RankSum {
    r1: f64,
    tie_term: f64,
    tied: bool,
}

/// [`RankSum`] of two ascending samples, by one merge walk over the groups of equal values:
/// a group of `c₁ + c₂` values starting after `pos` smaller ones has average rank
/// `pos + (c₁ + c₂ + 1)/2`. Ranks are half-integers and the sums stay below 2⁵³ for any
/// sample that fits in memory, so the rank sum is exact.
fn rank_sum(xs: &[f64], ys: &[f64]) -> RankSum {
    let (mut i, mut j) = (0usize, 0usize);
    let (mut r1, mut tie_term, mut tied, mut pos) = (0.0, 0.0, false, 0.0);
    while i < xs.len() || j < ys.len() {
        let v = match (xs.get(i), ys.get(j)) {
            (Some(&a), Some(&b)) => a.min(b),
            (Some(&a), None) => a,
            (None, Some(&b)) => b,
            (None, None) => break,
        };
        let c1 = xs[i..].iter().take_while(|&&a| a == v).count();
        let c2 = ys[j..].iter().take_while(|&&b| b == v).count();
        let t = (c1 + c2) as f64;
        r1 += c1 as f64 * (pos + (t + 1.0) / 2.0);
        if c1 + c2 > 1 {
            tied = true;
            tie_term += t * t * t - t;
        }
        pos += t;
        i += c1;
        j += c2;
    }
    RankSum { r1, tie_term, tied }
}

/// `P(U >= u)` under the null hypothesis for sample sizes `n1`, `n2` (no ties).
fn exact_sf(n1: usize, n2: usize, u: f64) -> f64 {
    let pmf = u_pmf(n1.min(n2), n1.max(n2));
    let mn = n1 * n2;
    let k = u.round().clamp(0.0, mn as f64) as usize;
    let kc = mn - k;
    let cdf = |k: usize| crate::common::csum(pmf[..=k].iter().copied());
    // As SciPy: sum from the left, using the symmetry of the distribution.
    if k < kc { 1.0 - cdf(k) + pmf[k] } else { cdf(kc) }
}

/// The null pmf of U for sample sizes `m <= n`: coefficients of the Gaussian binomial
/// `[m + n choose m]_q`, divided by `C(m + n, m)`.
fn u_pmf(m: usize, n: usize) -> Vec<f64> {
    let len = m * n + 1;
    // Exact while C(m + n, m) fits comfortably in 127 bits.
    let total_log2: f64 = (1..=m).map(|i| ((n + i) as f64 / i as f64).log2()).sum();
    if total_log2 < 120.0 {
        let mut c = vec![0i128; len];
        c[0] = 1;
        for i in 1..=m {
            let up = (n + i).min(len);
            for u in (up..len).rev() {
                c[u] -= c[u - (n + i)];
            }
            for u in i..len {
                c[u] += c[u - i];
            }
        }
        let total: i128 = c.iter().sum();
        let t = total as f64;
        c.iter().map(|&v| v as f64 / t).collect()
    } else {
        let mut c = vec![0f64; len];
        c[0] = 1.0;
        for i in 1..=m {
            for u in ((n + i).min(len)..len).rev() {
                c[u] -= c[u - (n + i)];
            }
            for u in i..len {
                c[u] += c[u - i];
            }
        }
        let t: f64 = c.iter().sum();
        c.iter().map(|&v| v.max(0.0) / t).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn u_pmf_is_symmetric_and_sums_to_one() {
        for (m, n) in [(1, 1), (2, 3), (4, 4), (3, 10)] {
            let p = u_pmf(m, n);
            assert_eq!(p.len(), m * n + 1);
            assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
            for k in 0..p.len() {
                assert_eq!(p[k], p[p.len() - 1 - k]);
            }
        }
        // m = 2, n = 2: counts 1, 1, 2, 1, 1 over C(4, 2) = 6.
        let p = u_pmf(2, 2);
        assert_eq!(p, vec![1.0 / 6.0, 1.0 / 6.0, 2.0 / 6.0, 1.0 / 6.0, 1.0 / 6.0]);
    }
}
