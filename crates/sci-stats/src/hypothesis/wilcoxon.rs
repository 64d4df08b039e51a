//! The Wilcoxon signed-rank test (`scipy.stats.wilcoxon`).

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Alternative, Nan, NanPolicy, csum, nan_state, values};
use crate::special::ndtr;

/// How [`wilcoxon_with`] treats zero differences (SciPy's `zero_method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ZeroMethod {
    /// Discard zero differences before ranking (`'wilcox'`), the default.
    #[default]
    Wilcox,
    /// Rank the zeros with the other differences but leave their ranks out of both sums
    /// (`'pratt'`); the normal approximation is adjusted as in Cureton (1967).
    Pratt,
    /// Rank the zeros and split their ranks equally between the positive and the negative
    /// sums (`'zsplit'`).
    Zsplit,
}

/// How [`wilcoxon_with`] computes the p-value (SciPy's `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WilcoxonMethod {
    /// SciPy's `'auto'`, the default: the normal approximation when there are more than 50
    /// differences; otherwise the exact null distribution when the differences have no
    /// ties and no zeros, the exhaustive sign-flip permutation distribution (all `2ⁿ`
    /// sign patterns, as SciPy's `permutation_test` with its default 9999 resamples does
    /// exactly for `n ≤ 13`) when they have ties or zeros and `n ≤ 13`, and the normal
    /// approximation otherwise.
    #[default]
    Auto,
    /// The exact null distribution of the signed-rank sum for the number of ranked
    /// differences (`'exact'`). It assumes no ties and no zeros; with them, a non-integral
    /// statistic is rounded conservatively, as SciPy.
    Exact,
    /// The normal approximation with tie (and, for [`ZeroMethod::Pratt`], zero) corrected
    /// variance (`'asymptotic'`).
    Asymptotic,
}

/// Options of [`wilcoxon_with`] and [`wilcoxon_paired_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WilcoxonOptions {
    /// Treatment of zero differences (default [`ZeroMethod::Wilcox`]).
    pub zero_method: ZeroMethod,
    /// Apply the continuity correction of ½ (towards the mean) to the rank sum in the normal
    /// approximation (default `false`, as SciPy).
    pub correction: bool,
    /// The alternative hypothesis (default [`Alternative::TwoSided`]); `Greater` means the
    /// distribution of the differences is stochastically greater than one symmetric about 0.
    pub alternative: Alternative,
    /// The p-value method (default [`WilcoxonMethod::Auto`]).
    pub method: WilcoxonMethod,
    /// NaN handling (default [`NanPolicy::Propagate`]); for paired samples a pair with NaN
    /// on either side is a NaN difference.
    pub nan_policy: NanPolicy,
}

/// The result of [`wilcoxon_with`].
///
/// ```
/// let r = sci_stats::WilcoxonResult { statistic: 24.0, pvalue: 0.04, zstatistic: None };
/// assert!(r.zstatistic.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WilcoxonResult {
    /// For [`Alternative::TwoSided`] the smaller of the rank sums of the positive and the
    /// negative differences, `min(R⁺, R⁻)`; otherwise `R⁺`.
    pub statistic: f64,
    /// The p-value for the chosen alternative.
    pub pvalue: f64,
    /// The normalized statistic `(R⁺ − E R⁺ − c)/σ` (`c` the continuity correction) when the
    /// p-value came from the normal approximation; `−|z|` for the two-sided test. `None`
    /// for the exact and permutation p-values.
    pub zstatistic: Option<f64>,
}

/// Largest number of ranked differences for [`WilcoxonMethod::Exact`]: the null
/// distribution costs O(n³) time and O(n²) memory.
const EXACT_MAX: usize = 1000;
/// Largest number of differences for the exhaustive permutation distribution of `Auto`.
const PERMUTATION_MAX: usize = 13;
/// Above this many differences `Auto` always uses the normal approximation.
const AUTO_EXACT_MAX: usize = 50;

/// The Wilcoxon signed-rank test that the differences `d` (or one sample) come from a
/// distribution symmetric about zero (`scipy.stats.wilcoxon(d)`), with SciPy's defaults.
///
/// The absolute values of the non-zero differences are ranked (average ranks for ties);
/// `R⁺` and `R⁻` are the rank sums of the positive and the negative ones. Under the null
/// hypothesis `E R⁺ = n(n+1)/4` and `Var R⁺ = (n(n+1)(2n+1) − Σ(t³ − t)/2)/24` over tie
/// groups of size `t`. See [`wilcoxon_with`] for the options. O(n log n) for the ranking;
/// the exact distribution adds O(n³) for `n ≤ 50`.
///
/// ```
/// use sci_core::ndarray::array;
/// // Darwin's corn data (Wilcoxon 1945), as in SciPy's documentation.
/// let d = array![6.0, 8.0, 14.0, 16.0, 23.0, 24.0, 28.0, 29.0, 41.0, -48.0, 49.0, 56.0, 60.0, -67.0, 75.0];
/// let r = sci_stats::wilcoxon(&d)?;
/// assert_eq!(r.statistic, 24.0);
/// assert_eq!(r.pvalue, 0.041259765625);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for an empty sample (after omitting NaN); [`Error::NonFinite`] for NaN
/// under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// SciPy returns NaN for an empty sample; here it is an error.
pub fn wilcoxon<S: Data<Elem = f64>>(d: &ArrayBase<S, Ix1>) -> Result<WilcoxonResult> {
    wilcoxon_with(d, &WilcoxonOptions::default())
}

/// [`wilcoxon`] with SciPy's `zero_method`, `correction`, `alternative`, `method` and
/// `nan_policy`.
///
/// - Exact p-values use the null distribution of `R⁺` for `n` ranked differences, the
///   counts of subsets of `{1..n}` with each sum, built by the recursion
///   `P_k(s) = (P_{k−1}(s) + P_{k−1}(s − k))/2` (exact in `f64` for `n ≤ 50`); tails are
///   summed on the short side, using the distribution's symmetry.
/// - The permutation p-value (`Auto` with ties or zeros and `n ≤ 13`) counts the `2ⁿ` sign
///   patterns of the differences whose `R⁺` is at least (or at most) the observed one, by
///   the same recursion over the doubled (integral) average ranks.
/// - The normal approximation uses `z = (R⁺ − E R⁺ − c)/σ`, `c = ±½` with `correction`;
///   [`ZeroMethod::Pratt`] subtracts the zeros' share `n₀(n₀+1)/4` from the mean and
///   `n₀(n₀+1)(2n₀+1)/24` from the variance and leaves them out of the tie correction.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{wilcoxon_with, Alternative, WilcoxonMethod, WilcoxonOptions, ZeroMethod};
/// let d = array![6.0, 8.0, 14.0, 16.0, 23.0, 24.0, 28.0, 29.0, 41.0, -48.0, 49.0, 56.0, 60.0, -67.0, 75.0];
/// let o = WilcoxonOptions { alternative: Alternative::Greater, ..Default::default() };
/// let r = wilcoxon_with(&d, &o)?;
/// assert_eq!((r.statistic, r.pvalue), (96.0, 0.0206298828125));
/// let o = WilcoxonOptions { method: WilcoxonMethod::Asymptotic, zero_method: ZeroMethod::Pratt, ..Default::default() };
/// let r = wilcoxon_with(&d, &o)?;
/// assert!(r.zstatistic.unwrap() < -1.9);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`wilcoxon`]; [`Error::Unsupported`] for [`WilcoxonMethod::Exact`] with more than
/// 1000 ranked differences (use the normal approximation there).
///
/// # Differences from SciPy
/// SciPy's `method` also accepts a `PermutationMethod` (random sign flips); it is not
/// offered, but `Auto` computes SciPy's deterministic exhaustive permutation p-value where
/// SciPy does. SciPy attaches `zstatistic` only when `method='asymptotic'` is passed; here
/// it is also reported when `Auto` falls back to the normal approximation. In the far upper
/// tail the exact p-value is summed on the short side, so it can be more accurate than
/// SciPy's `1 − cdf` there (they agree to ~1e-16 absolute).
pub fn wilcoxon_with<S: Data<Elem = f64>>(
    d: &ArrayBase<S, Ix1>,
    options: &WilcoxonOptions,
) -> Result<WilcoxonResult> {
    let omit = match nan_state("d", d, options.nan_policy)? {
        Nan::Propagate => {
            let z = if options.method == WilcoxonMethod::Asymptotic { Some(f64::NAN) } else { None };
            return Ok(WilcoxonResult { statistic: f64::NAN, pvalue: f64::NAN, zstatistic: z });
        }
        Nan::Clean { omit } => omit,
    };
    let d = values(d, omit);
    if d.is_empty() {
        return Err(Error::empty("d"));
    }
    signed_rank_test(d, options)
}

/// The paired Wilcoxon signed-rank test on `d = x − y` (`scipy.stats.wilcoxon(x, y)`).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![125.0, 115.0, 130.0, 140.0, 140.0, 115.0, 140.0, 125.0, 140.0, 135.0];
/// let y = array![110.0, 122.0, 125.0, 120.0, 140.0, 124.0, 123.0, 137.0, 135.0, 145.0];
/// let r = sci_stats::wilcoxon_paired(&x, &y)?;
/// assert_eq!(r.statistic, 18.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if `x` and `y` differ in length; otherwise as [`wilcoxon`].
pub fn wilcoxon_paired<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<WilcoxonResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    wilcoxon_paired_with(x, y, &WilcoxonOptions::default())
}

/// [`wilcoxon_paired`] with the options of [`wilcoxon_with`]. The differences are formed
/// first, so rounding in `x − y` can split values that would tie exactly (as in SciPy), and
/// the NaN policy applies to them: a pair with NaN on either side (or the same infinity on
/// both, whose difference is NaN) is a NaN difference. SciPy silently drops the latter.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{wilcoxon_paired_with, NanPolicy, WilcoxonOptions};
/// let x = array![1.0, 4.0, f64::NAN, 9.0, 12.0];
/// let y = array![2.0, 1.0, 3.0, 2.0, 5.0];
/// let o = WilcoxonOptions { nan_policy: NanPolicy::Omit, ..Default::default() };
/// assert_eq!(wilcoxon_paired_with(&x, &y, &o)?.statistic, 1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`wilcoxon_paired`].
pub fn wilcoxon_paired_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    options: &WilcoxonOptions,
) -> Result<WilcoxonResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("x", x.len(), "y", y.len())?;
    let d: Array1<f64> = x.iter().zip(y.iter()).map(|(a, b)| a - b).collect();
    wilcoxon_with(&d, options)
}

/// Rank sums and tie information of the differences.
struct SignedRanks {
    /// Rank sum of the positive differences (plus half the zeros' ranks for `Zsplit`).
    r_plus: f64,
    /// Rank sum of the negative differences (plus half the zeros' ranks for `Zsplit`).
    r_minus: f64,
    /// Number of ranked differences (zeros excluded only for `Wilcox`).
    count: usize,
    /// Number of zero differences.
    n_zero: usize,
    /// `Σ (t³ − t)` over tie groups (the zeros' group left out for `Pratt`).
    tie_term: f64,
    /// Whether any two non-zero absolute differences tie.
    has_ties: bool,
    /// Twice the rank of each non-zero difference, with its sign (for the permutation test).
    doubled: Vec<(u64, bool)>,
}

/// Ranks `|d|` (NaN-free) by one sort and a walk over groups of equal magnitude: a group
/// of `t` values after `pos` smaller ones has average rank `pos + (t + 1)/2`.
fn signed_ranks(mut d: Vec<f64>, zero_method: ZeroMethod) -> SignedRanks {
    let n_zero = d.iter().filter(|&&v| v == 0.0).count();
    if zero_method == ZeroMethod::Wilcox {
        d.retain(|&v| v != 0.0);
    }
    d.sort_unstable_by(|a, b| a.abs().total_cmp(&b.abs()));
    let count = d.len();
    let keep_doubled = count <= PERMUTATION_MAX;
    let mut out = SignedRanks {
        r_plus: 0.0,
        r_minus: 0.0,
        count,
        n_zero,
        tie_term: 0.0,
        has_ties: false,
        doubled: Vec::new(),
    };
    let mut r_zero = 0.0;
    let mut pos = 0usize;
    while pos < count {
        let mag = d[pos].abs();
        let t = d[pos..].iter().take_while(|v| v.abs() == mag).count();
        let rank = pos as f64 + (t as f64 + 1.0) / 2.0;
        let tf = t as f64;
        if mag == 0.0 {
            r_zero = tf * rank;
            if zero_method == ZeroMethod::Zsplit {
                out.tie_term += tf * tf * tf - tf;
            }
        } else {
            for &v in &d[pos..pos + t] {
                if v > 0.0 {
                    out.r_plus += rank;
                } else {
                    out.r_minus += rank;
                }
                if keep_doubled {
                    out.doubled.push(((2 * pos + t + 1) as u64, v > 0.0));
                }
            }
            out.tie_term += tf * tf * tf - tf;
            out.has_ties |= t > 1;
        }
        pos += t;
    }
    if zero_method == ZeroMethod::Zsplit {
        out.r_plus += r_zero / 2.0;
        out.r_minus += r_zero / 2.0;
    }
    out
}

/// The test on NaN-free, non-empty differences.
fn signed_rank_test(d: Vec<f64>, options: &WilcoxonOptions) -> Result<WilcoxonResult> {
    let n = d.len();
    let s = signed_ranks(d, options.zero_method);
    let alt = options.alternative;
    let statistic = match alt {
        Alternative::TwoSided => s.r_plus.min(s.r_minus),
        _ => s.r_plus,
    };
    let method = match options.method {
        WilcoxonMethod::Auto if n > AUTO_EXACT_MAX => Method::Normal,
        WilcoxonMethod::Auto if !s.has_ties && s.n_zero == 0 => Method::Exact,
        WilcoxonMethod::Auto if n <= PERMUTATION_MAX => Method::Permutation,
        WilcoxonMethod::Auto | WilcoxonMethod::Asymptotic => Method::Normal,
        WilcoxonMethod::Exact => Method::Exact,
    };
    let (pvalue, zstatistic) = match method {
        Method::Exact => {
            if s.count > EXACT_MAX {
                return Err(Error::Unsupported(format!(
                    "wilcoxon: the exact null distribution is limited to {EXACT_MAX} ranked differences \
                     (got {}); use WilcoxonMethod::Asymptotic",
                    s.count
                )));
            }
            (exact_pvalue(s.count, s.r_plus, alt), None)
        }
        Method::Permutation => (permutation_pvalue(&s.doubled, alt), None),
        Method::Normal => {
            let (p, z) = normal_pvalue(&s, options.zero_method, options.correction, alt);
            (p, Some(z))
        }
    };
    Ok(WilcoxonResult { statistic, pvalue, zstatistic })
}

/// The p-value method actually used.
enum Method {
    Exact,
    Permutation,
    Normal,
}

/// The normal-approximation p-value and the reported z statistic.
fn normal_pvalue(s: &SignedRanks, zero_method: ZeroMethod, correction: bool, alt: Alternative) -> (f64, f64) {
    let c = s.count as f64;
    let mut mean = c * (c + 1.0) / 4.0;
    let mut var24 = c * (c + 1.0) * (2.0 * c + 1.0);
    if zero_method == ZeroMethod::Pratt {
        let z0 = s.n_zero as f64;
        mean -= z0 * (z0 + 1.0) / 4.0;
        var24 -= z0 * (z0 + 1.0) * (2.0 * z0 + 1.0);
    }
    let se = ((var24 - s.tie_term / 2.0) / 24.0).sqrt();
    let mut z = (s.r_plus - mean) / se;
    if correction {
        let sign = match alt {
            Alternative::Greater => 1.0,
            Alternative::Less => -1.0,
            // numpy's sign: 0 at 0, NaN at NaN.
            Alternative::TwoSided if z == 0.0 || z.is_nan() => z,
            Alternative::TwoSided => z.signum(),
        };
        z -= sign * 0.5 / se;
    }
    match alt {
        Alternative::Less => (ndtr(z), z),
        Alternative::Greater => (ndtr(-z), z),
        Alternative::TwoSided => (2.0 * ndtr(-z.abs()), -z.abs()),
    }
}

/// The exact p-value of the rank sum `r_plus` for `n` ranked differences; a non-integral
/// statistic (ties) is rounded up for the lower tail and down for the upper one.
fn exact_pvalue(n: usize, r_plus: f64, alt: Alternative) -> f64 {
    let pmf = signed_rank_pmf(n);
    let total = pmf.len() - 1;
    let idx = |v: f64| v.clamp(0.0, total as f64) as usize;
    let cdf = |k: usize| tail_le(&pmf, k);
    // P(T ≥ k) = P(T ≤ N − k) by symmetry.
    let sf = |k: usize| if k == 0 { 1.0 } else { cdf(total - k.min(total)) };
    let lower = || cdf(idx(r_plus.ceil()));
    let upper = || sf(idx(r_plus.floor()));
    match alt {
        Alternative::Less => lower(),
        Alternative::Greater => upper(),
        Alternative::TwoSided => (2.0 * lower().min(upper())).min(1.0),
    }
}

/// `P(T ≤ k)` from a symmetric pmf on `0..=N`, summed over the shorter tail.
fn tail_le(pmf: &[f64], k: usize) -> f64 {
    let total = pmf.len() - 1;
    if k >= total {
        return 1.0;
    }
    if 2 * k <= total {
        csum(pmf[..=k].iter().copied())
    } else {
        // P(T ≤ k) = 1 − P(T ≥ k + 1) = 1 − P(T ≤ N − k − 1).
        1.0 - csum(pmf[..total - k].iter().copied())
    }
}

/// The null pmf of the signed-rank sum for `n` differences without ties: `P(T = s)` for
/// `s = 0..=n(n+1)/2`, by adding the ranks `1..=n` one at a time.
fn signed_rank_pmf(n: usize) -> Vec<f64> {
    let total = n * (n + 1) / 2;
    let mut p = vec![0.0; total + 1];
    p[0] = 1.0;
    let mut top = 0;
    for k in 1..=n {
        top += k;
        for s in (0..=top).rev() {
            let with = if s >= k { p[s - k] } else { 0.0 };
            p[s] = 0.5 * (p[s] + with);
        }
    }
    p
}

/// The exhaustive sign-flip permutation p-value of `R⁺` from the doubled ranks of the
/// non-zero differences (zeros flip to zeros and do not change the statistic). Counts are
/// exact integers; every one of the `2ⁿ` sign patterns is equally likely.
fn permutation_pvalue(doubled: &[(u64, bool)], alt: Alternative) -> f64 {
    let total: u64 = doubled.iter().map(|&(w, _)| w).sum();
    let observed: u64 = doubled.iter().filter(|&&(_, pos)| pos).map(|&(w, _)| w).sum();
    let len = usize::try_from(total).unwrap_or(0) + 1;
    let mut counts = vec![0u64; len];
    counts[0] = 1;
    let mut top = 0usize;
    for &(w, _) in doubled {
        let w = w as usize;
        top += w;
        for s in (w..=top).rev() {
            counts[s] += counts[s - w];
        }
    }
    let obs = observed as usize;
    let all = (1u64 << doubled.len()) as f64;
    let le = counts[..=obs].iter().sum::<u64>() as f64 / all;
    let ge = counts[obs..].iter().sum::<u64>() as f64 / all;
    match alt {
        Alternative::Less => le,
        Alternative::Greater => ge,
        Alternative::TwoSided => (2.0 * le.min(ge)).min(1.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pmf_matches_subset_sum_counts() {
        // n = 4: subsets of {1,2,3,4} by sum 0..=10.
        let counts = [1.0, 1.0, 1.0, 2.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0];
        let p = signed_rank_pmf(4);
        assert_eq!(p, counts.iter().map(|c| c / 16.0).collect::<Vec<_>>());
        assert_eq!(signed_rank_pmf(0), vec![1.0]);
        let p = signed_rank_pmf(30);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < 1e-15);
        for k in 0..p.len() {
            assert_eq!(p[k], p[p.len() - 1 - k]);
        }
    }

    #[test]
    fn permutation_without_ties_equals_exact() {
        let doubled: Vec<(u64, bool)> = (1..=9).map(|r| (2 * r, r % 3 != 0)).collect();
        let r_plus: u64 = doubled.iter().filter(|d| d.1).map(|d| d.0 / 2).sum();
        for alt in [Alternative::Less, Alternative::Greater, Alternative::TwoSided] {
            let a = permutation_pvalue(&doubled, alt);
            let b = exact_pvalue(9, r_plus as f64, alt);
            assert!((a - b).abs() < 1e-15, "{alt:?}: {a} vs {b}");
        }
    }
}
