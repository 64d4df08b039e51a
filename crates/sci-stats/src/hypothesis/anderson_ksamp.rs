//! The k-sample Anderson-Darling test (`scipy.stats.anderson_ksamp`), Scholz and Stephens
//! (1987).

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{csum, sort};

/// Which form of the statistic [`anderson_ksamp_with`] computes (SciPy's `variant`; the
/// older `midrank=True/False` is `Midrank`/`Right`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AndersonKsampVariant {
    /// `A²akN`, Scholz and Stephens' equation 7, for discrete parents: ties are given mid-ranks
    /// (`'midrank'`), the default.
    #[default]
    Midrank,
    /// `A²kN` with right-continuous empirical distribution functions over the distinct values
    /// (`'right'`, SciPy's `midrank=False`).
    Right,
    /// `A²kN`, equation 3, for continuous parents (`'continuous'`).
    Continuous,
}

/// Options of [`anderson_ksamp_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AndersonKsampOptions {
    /// The form of the statistic (default [`AndersonKsampVariant::Midrank`]).
    pub variant: AndersonKsampVariant,
}

/// The result of [`anderson_ksamp`].
///
/// ```
/// use sci_core::ndarray::array;
/// let (a, b) = (array![1.0, 3.0, 5.0, 7.0], array![2.0, 4.0, 6.0, 8.5]);
/// let r = sci_stats::anderson_ksamp(&[a.view(), b.view()])?;
/// assert_eq!(r.critical_values.len(), 7);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct AndersonKsampResult {
    /// The normalized statistic `(A² − (k − 1)) / σ`.
    pub statistic: f64,
    /// Critical values of the normalized statistic at significance levels 25%, 10%, 5%,
    /// 2.5%, 1%, 0.5% and 0.1%.
    pub critical_values: Array1<f64>,
    /// The approximate p-value, from a quadratic in the statistic fitted to the logarithms of
    /// those levels; capped at 0.25 below the first critical value and floored at 0.001
    /// above the last (SciPy warns in both cases).
    pub pvalue: f64,
}

/// Significance levels of Scholz and Stephens' table 2.
const LEVELS: [f64; 7] = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
/// Interpolation coefficients of the critical values, `b₀ + b₁/√m + b₂/m` for `m = k − 1`.
const B0: [f64; 7] = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1: [f64; 7] = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2: [f64; 7] = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/// The k-sample Anderson-Darling test that `k ≥ 2` samples come from the same distribution
/// (`scipy.stats.anderson_ksamp`), with the mid-rank statistic.
///
/// With `N` pooled values, distinct values `z_j` occurring `l_j` times, `B_j` the number of
/// pooled values below `z_j` plus `l_j/2`, and `M_ij` the number in sample `i` below `z_j`
/// plus half the number equal to it, `A²akN = (N−1)/N Σᵢ 1/nᵢ Σⱼ l_j/N (N M_ij − B_j nᵢ)² /
/// (B_j(N − B_j) − N l_j/4)`. It is standardized by its null mean `k − 1` and variance
/// (Scholz and Stephens' equation 4, from `N`, `k` and `Σ 1/nᵢ`). O(N log N + kN).
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![0.3, 1.2, -0.5, 2.2, 0.8, 1.9, -1.1, 0.1];
/// let b = array![2.4, 3.1, 1.7, 2.8, 4.0, 3.3, 2.2, 1.5];
/// let r = sci_stats::anderson_ksamp(&[a.view(), b.view()])?;
/// assert!(r.statistic > r.critical_values[4]); // rejected at 1%
/// assert!(r.pvalue < 0.01);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for fewer than two samples or fewer than two distinct values;
/// [`Error::Empty`] for an empty sample; [`Error::NonFinite`] for NaN.
///
/// # Differences from SciPy
/// SciPy's permutation p-value (`method=PermutationMethod(..)`) is not offered. NaN is an
/// error (SciPy has no `nan_policy` here).
pub fn anderson_ksamp<S: Data<Elem = f64>>(samples: &[ArrayBase<S, Ix1>]) -> Result<AndersonKsampResult> {
    anderson_ksamp_with(samples, &AndersonKsampOptions::default())
}

/// [`anderson_ksamp`] with SciPy's `variant`.
///
/// The `Right` form uses, over the distinct values but the last, `B_j` = the number of pooled
/// values `≤ z_j` and `M_ij` = the number in sample `i` `≤ z_j`:
/// `A²kN = Σᵢ 1/nᵢ Σⱼ l_j/N (N M_ij − B_j nᵢ)² / (B_j(N − B_j))`; the `Continuous` form sums
/// over the pooled order statistics `Z₁ … Z_{N−1}`: `A²kN = 1/N Σᵢ 1/nᵢ Σⱼ (N M_ij − j nᵢ)² /
/// (j(N − j))`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{anderson_ksamp_with, AndersonKsampOptions, AndersonKsampVariant};
/// let a = array![1.0, 2.0, 2.0, 3.0, 5.0];
/// let b = array![2.0, 3.0, 3.0, 4.0, 6.0, 7.0];
/// let o = AndersonKsampOptions { variant: AndersonKsampVariant::Right };
/// let r = anderson_ksamp_with(&[a.view(), b.view()], &o)?;
/// assert!((r.statistic - 0.4684007718514974).abs() < 1e-12);
/// assert!((r.pvalue - 0.21309190405074843).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`anderson_ksamp`].
pub fn anderson_ksamp_with<S: Data<Elem = f64>>(
    samples: &[ArrayBase<S, Ix1>],
    options: &AndersonKsampOptions,
) -> Result<AndersonKsampResult> {
    let k = samples.len();
    if k < 2 {
        return Err(Error::invalid_argument(
            "samples",
            format!("at least two samples are required, got {k}"),
        ));
    }
    if let Some(i) = samples.iter().position(|s| s.is_empty()) {
        return Err(Error::empty(format!("samples[{i}]")));
    }
    let mut sorted: Vec<Vec<f64>> = Vec::with_capacity(k);
    for (i, s) in samples.iter().enumerate() {
        if let Some(j) = s.iter().position(|v| v.is_nan()) {
            return Err(Error::NonFinite { what: format!("samples[{i}]"), index: Some(vec![j]) });
        }
        let mut v: Vec<f64> = s.iter().copied().collect();
        sort(&mut v);
        sorted.push(v);
    }
    let mut pooled: Vec<f64> = sorted.iter().flatten().copied().collect();
    sort(&mut pooled);
    let distinct = distinct_counts(&pooled);
    if distinct.len() < 2 {
        return Err(Error::invalid_argument("samples", "at least two distinct observations are required"));
    }
    let a2kn = match options.variant {
        AndersonKsampVariant::Midrank => midrank(&sorted, &distinct, pooled.len()),
        AndersonKsampVariant::Right => right(&sorted, &distinct, pooled.len()),
        AndersonKsampVariant::Continuous => continuous(&sorted, &pooled),
    };
    let sizes: Vec<f64> = sorted.iter().map(|s| s.len() as f64).collect();
    let statistic = standardize(a2kn, &sizes, pooled.len());
    let m = (k - 1) as f64;
    let critical: Vec<f64> = (0..7).map(|i| B0[i] + B1[i] / m.sqrt() + B2[i] / m).collect();
    let pvalue = pvalue(statistic, &critical);
    Ok(AndersonKsampResult { statistic, critical_values: Array1::from(critical), pvalue })
}

/// The distinct values of a sorted sample with their multiplicities.
fn distinct_counts(sorted: &[f64]) -> Vec<(f64, usize)> {
    let mut out: Vec<(f64, usize)> = Vec::new();
    for &v in sorted {
        match out.last_mut() {
            Some((last, c)) if *last == v => *c += 1,
            _ => out.push((v, 1)),
        }
    }
    out
}

/// For a sorted sample and ascending distinct values, the counts `(#s < z, #s == z)` at each.
fn below_and_equal(s: &[f64], distinct: &[(f64, usize)]) -> Vec<(usize, usize)> {
    let mut i = 0;
    distinct
        .iter()
        .map(|&(z, _)| {
            while i < s.len() && s[i] < z {
                i += 1;
            }
            let eq = s[i..].iter().take_while(|&&v| v == z).count();
            (i, eq)
        })
        .collect()
}

/// Scholz and Stephens' `A²akN` (equation 7).
fn midrank(sorted: &[Vec<f64>], distinct: &[(f64, usize)], n_total: usize) -> f64 {
    let nn = n_total as f64;
    let mut before = 0usize;
    let b: Vec<f64> = distinct
        .iter()
        .map(|&(_, l)| {
            let bj = before as f64 + l as f64 / 2.0;
            before += l;
            bj
        })
        .collect();
    let total = csum(sorted.iter().map(|s| {
        let ni = s.len() as f64;
        let counts = below_and_equal(s, distinct);
        let inner = (0..distinct.len()).map(|j| {
            let lj = distinct[j].1 as f64;
            let (lt, eq) = counts[j];
            let mij = (lt + eq) as f64 - eq as f64 / 2.0;
            let d = nn * mij - b[j] * ni;
            lj / nn * d * d / (b[j] * (nn - b[j]) - nn * lj / 4.0)
        });
        csum(inner) / ni
    }));
    total * (nn - 1.0) / nn
}

/// `A²kN` with right-continuous EDFs over the distinct values but the last.
fn right(sorted: &[Vec<f64>], distinct: &[(f64, usize)], n_total: usize) -> f64 {
    let nn = n_total as f64;
    let inner_values = &distinct[..distinct.len() - 1];
    let mut cum = 0usize;
    let b: Vec<f64> = inner_values
        .iter()
        .map(|&(_, l)| {
            cum += l;
            cum as f64
        })
        .collect();
    csum(sorted.iter().map(|s| {
        let ni = s.len() as f64;
        let counts = below_and_equal(s, inner_values);
        let inner = (0..inner_values.len()).map(|j| {
            let lj = inner_values[j].1 as f64;
            let mij = (counts[j].0 + counts[j].1) as f64;
            let d = nn * mij - b[j] * ni;
            lj / nn * d * d / (b[j] * (nn - b[j]))
        });
        csum(inner) / ni
    }))
}

/// Scholz and Stephens' `A²kN` (equation 3) over the pooled order statistics.
fn continuous(sorted: &[Vec<f64>], pooled: &[f64]) -> f64 {
    let n_total = pooled.len();
    let nn = n_total as f64;
    csum(sorted.iter().map(|s| {
        let ni = s.len() as f64;
        let mut at = 0usize;
        let inner = (1..n_total).map(|j| {
            let z = pooled[j - 1];
            while at < s.len() && s[at] <= z {
                at += 1;
            }
            let jf = j as f64;
            let d = nn * at as f64 - jf * ni;
            d * d / (jf * (nn - jf))
        });
        csum(inner) / ni
    })) / nn
}

/// `(A² − (k − 1)) / σ` with Scholz and Stephens' null variance `σ²`.
fn standardize(a2kn: f64, sizes: &[f64], n_total: usize) -> f64 {
    let nn = n_total as f64;
    let k = sizes.len() as f64;
    let hh: f64 = sizes.iter().map(|n| 1.0 / n).sum();
    // h = Σ_{i<N} 1/i; g = Σ_{i=1}^{N−2} Σ_{j=i+1}^{N−1} 1/((N − i) j), accumulated as
    // partial sums of 1/(N−1), 1/(N−2), …, 1/2 divided by 2, 3, …, N−1.
    let (mut partial, mut g) = (0.0, 0.0);
    for t in 0..n_total.saturating_sub(2) {
        partial += 1.0 / (nn - 1.0 - t as f64);
        g += partial / (t as f64 + 2.0);
    }
    let h = partial + 1.0;
    let a = (4.0 * g - 6.0) * (k - 1.0) + (10.0 - 6.0 * g) * hh;
    let b = (2.0 * g - 4.0) * k * k + 8.0 * h * k + (2.0 * g - 14.0 * h - 4.0) * hh - 8.0 * h + 4.0 * g - 6.0;
    let c =
        (6.0 * h + 2.0 * g - 2.0) * k * k + (4.0 * h - 4.0 * g + 6.0) * k + (2.0 * h - 6.0) * hh + 4.0 * h;
    let d = (2.0 * h + 6.0) * k * k - 4.0 * h * k;
    let var = (a * nn.powi(3) + b * nn * nn + c * nn + d) / ((nn - 1.0) * (nn - 2.0) * (nn - 3.0));
    (a2kn - (k - 1.0)) / var.sqrt()
}

/// The p-value: `exp` of the least-squares quadratic through `(critical_i, ln level_i)`,
/// capped and floored at the table's ends.
fn pvalue(statistic: f64, critical: &[f64]) -> f64 {
    let lo = critical.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = critical.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if statistic < lo {
        return 0.25;
    }
    if statistic > hi {
        return 0.001;
    }
    if statistic.is_nan() {
        return f64::NAN;
    }
    let logs: Vec<f64> = LEVELS.iter().map(|p| p.ln()).collect();
    let c = quadratic_fit(critical, &logs);
    (c[0] * statistic * statistic + c[1] * statistic + c[2]).exp()
}

/// Least-squares `[c₂, c₁, c₀]` of `y ≈ c₂x² + c₁x + c₀` by Householder QR of the
/// column-scaled Vandermonde matrix (as numpy's `polyfit`, which scales the columns).
fn quadratic_fit(x: &[f64], y: &[f64]) -> [f64; 3] {
    let m = x.len();
    let mut a: Vec<[f64; 3]> = x.iter().map(|&v| [v * v, v, 1.0]).collect();
    let mut scale = [0.0; 3];
    for (j, s) in scale.iter_mut().enumerate() {
        *s = a.iter().map(|r| r[j] * r[j]).sum::<f64>().sqrt();
        a.iter_mut().for_each(|r| r[j] /= *s);
    }
    let mut b = y.to_vec();
    for j in 0..3 {
        let norm = (j..m).map(|i| a[i][j] * a[i][j]).sum::<f64>().sqrt();
        let alpha = if a[j][j] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = (j..m).map(|i| a[i][j]).collect();
        v[0] -= alpha;
        let vv: f64 = v.iter().map(|t| t * t).sum();
        if vv == 0.0 {
            continue;
        }
        for col in j..3 {
            let dot: f64 = (j..m).map(|i| v[i - j] * a[i][col]).sum();
            (j..m).for_each(|i| a[i][col] -= 2.0 * dot / vv * v[i - j]);
        }
        let dot: f64 = (j..m).map(|i| v[i - j] * b[i]).sum();
        (j..m).for_each(|i| b[i] -= 2.0 * dot / vv * v[i - j]);
    }
    let mut c = [0.0; 3];
    for j in (0..3).rev() {
        let s: f64 = (j + 1..3).map(|t| a[j][t] * c[t]).sum();
        c[j] = (b[j] - s) / a[j][j];
    }
    [c[0] / scale[0], c[1] / scale[1], c[2] / scale[2]]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadratic_fit_recovers_an_exact_parabola() {
        let x = [0.3, 0.9, 1.4, 2.0, 2.6, 3.1, 4.0];
        let y: Vec<f64> = x.iter().map(|v| 0.5 * v * v - 2.0 * v + 0.25).collect();
        let c = quadratic_fit(&x, &y);
        for (got, want) in c.iter().zip([0.5, -2.0, 0.25]) {
            assert!((got - want).abs() < 1e-14, "{c:?}");
        }
    }

    #[test]
    fn distinct_counts_group_equal_values() {
        assert_eq!(distinct_counts(&[1.0, 1.0, 2.0, 3.0, 3.0, 3.0]), vec![(1.0, 2), (2.0, 1), (3.0, 3)]);
    }
}
