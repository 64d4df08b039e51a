//! Tests on counts: SciPy's `chi2_contingency`, `fisher_exact` (2×2) and `binomtest`.

use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::{Error, Result};

use crate::common::{Alternative, ConfidenceInterval};
use crate::distributions::{Binom, Chi2, ContinuousDistribution, DiscreteDistribution};
use crate::special::{betaincinv, gammaln};

/// Result of [`chi2_contingency`].
#[derive(Debug, Clone, PartialEq)]
pub struct Chi2ContingencyResult {
    /// The test statistic (Pearson's χ² unless another `lambda` was asked for).
    pub statistic: f64,
    /// Its p-value.
    pub pvalue: f64,
    /// Degrees of freedom, `(r − 1)(c − 1)`.
    pub dof: usize,
    /// Expected frequencies under independence.
    pub expected_freq: Array2<f64>,
}

/// Chi-squared test of independence of the row and column variables of a 2-D table of
/// counts, SciPy's `chi2_contingency(observed, correction, lambda_)`.
///
/// With one degree of freedom (a 2×2 table) and `correction`, Yates' continuity correction
/// moves each count up to 0.5 towards its expected value. `lambda` selects the
/// Cressie–Read power divergence statistic (`None` is Pearson's, `λ = 1`; `0` is the
/// G-test). `O(r c)`.
///
/// # Errors
/// [`Error::InvalidArgument`] for negative counts, an empty table or a zero expected
/// frequency (an all-zero row or column); [`Error::NonFinite`] for NaN or infinity.
///
/// ```
/// use sci_stats::chi2_contingency;
/// use sci_core::ndarray::array;
/// let r = chi2_contingency(&array![[10.0, 10.0, 20.0], [20.0, 20.0, 20.0]], true, None)?;
/// assert!((r.statistic - 2.7777777777777777).abs() < 1e-12);
/// assert_eq!(r.dof, 2);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn chi2_contingency<S: Data<Elem = f64>>(
    observed: &ArrayBase<S, Ix2>,
    correction: bool,
    lambda: Option<f64>,
) -> Result<Chi2ContingencyResult> {
    sci_core::validate::check_finite("observed", observed)?;
    if observed.iter().any(|&v| v < 0.0) {
        return Err(Error::invalid_argument("observed", "all values must be nonnegative"));
    }
    if observed.is_empty() {
        return Err(Error::invalid_argument("observed", "no data; the table has size 0"));
    }
    let (r, c) = observed.dim();
    let total = observed.sum();
    let rows: Vec<f64> = observed.rows().into_iter().map(|row| row.sum()).collect();
    let cols: Vec<f64> = observed.columns().into_iter().map(|col| col.sum()).collect();
    let expected = Array2::from_shape_fn((r, c), |(i, j)| rows[i] * cols[j] / total);
    if let Some(((i, j), _)) = expected.indexed_iter().find(|(_, v)| **v == 0.0) {
        return Err(Error::invalid_argument(
            "observed",
            format!("the table of expected frequencies has a zero element at ({i}, {j})"),
        ));
    }
    let dof = (r - 1) * (c - 1);
    if dof == 0 {
        return Ok(Chi2ContingencyResult { statistic: 0.0, pvalue: 1.0, dof, expected_freq: expected });
    }
    let mut obs = observed.to_owned();
    if dof == 1 && correction {
        obs.zip_mut_with(&expected, |o, e| {
            let diff = e - *o;
            *o += diff.signum() * diff.abs().min(0.5);
        });
    }
    let statistic = power_divergence_statistic(&obs, &expected, lambda.unwrap_or(1.0));
    let pvalue = Chi2::new(dof as f64, 0.0, 1.0)?.sf(statistic);
    Ok(Chi2ContingencyResult { statistic, pvalue, dof, expected_freq: expected })
}

/// The Cressie–Read statistic `2/(λ(λ+1)) Σ o((o/e)^λ − 1)` with its limits at `λ = 0, −1`.
fn power_divergence_statistic(obs: &Array2<f64>, exp: &Array2<f64>, lambda: f64) -> f64 {
    let terms = obs.iter().zip(exp.iter());
    if lambda == 1.0 {
        terms.map(|(o, e)| (o - e) * (o - e) / e).sum()
    } else if lambda == 0.0 {
        2.0 * terms.map(|(o, e)| if *o == 0.0 { 0.0 } else { o * (o / e).ln() }).sum::<f64>()
    } else if lambda == -1.0 {
        2.0 * terms.map(|(o, e)| e * (e / o).ln()).sum::<f64>()
    } else {
        2.0 / (lambda * (lambda + 1.0)) * terms.map(|(o, e)| o * ((o / e).powf(lambda) - 1.0)).sum::<f64>()
    }
}

/// Result of [`fisher_exact`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FisherExactResult {
    /// The sample odds ratio `(a d)/(b c)` (∞ when `b c = 0`, NaN for an empty margin).
    pub statistic: f64,
    /// Probability under the hypergeometric null of a table at least as extreme.
    pub pvalue: f64,
}

/// Fisher's exact test on a 2×2 table of counts, SciPy's `fisher_exact(table,
/// alternative)`. The two-sided p-value sums the probabilities of all tables with the same
/// margins that are no more likely than the observed one (relative tolerance `1e-14`, as
/// SciPy). `O(min(margins))`.
///
/// # Errors
/// [`Error::ShapeMismatch`] unless the table is 2×2; [`Error::InvalidArgument`] for negative
/// or non-integer counts.
///
/// ```
/// use sci_stats::{fisher_exact, Alternative};
/// use sci_core::ndarray::array;
/// let r = fisher_exact(&array![[6.0, 2.0], [1.0, 4.0]], Alternative::TwoSided)?;
/// assert!((r.statistic - 12.0).abs() < 1e-12);
/// assert!((r.pvalue - 0.10256410256410256).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn fisher_exact<S: Data<Elem = f64>>(
    table: &ArrayBase<S, Ix2>,
    alternative: Alternative,
) -> Result<FisherExactResult> {
    sci_core::validate::check_shape("table", table.shape(), &[2, 2])?;
    if table.iter().any(|&v| !(v >= 0.0 && v.fract() == 0.0 && v.is_finite())) {
        return Err(Error::invalid_argument("table", "all values must be nonnegative integers"));
    }
    let (a, b, c, d) = (table[[0, 0]], table[[0, 1]], table[[1, 0]], table[[1, 1]]);
    if a + c == 0.0 || b + d == 0.0 || a + b == 0.0 || c + d == 0.0 {
        return Ok(FisherExactResult { statistic: f64::NAN, pvalue: 1.0 });
    }
    let statistic = if c > 0.0 && b > 0.0 { a * d / (c * b) } else { f64::INFINITY };
    let (n1, n2, n) = (a + b, c + d, a + c);
    let h = Hypergeom { total: n1 + n2, good: n1, draws: n };
    let pvalue = match alternative {
        Alternative::Less => h.cdf(a),
        Alternative::Greater => {
            let h2 = Hypergeom { total: n1 + n2, good: n1, draws: b + d };
            h2.cdf(b)
        }
        Alternative::TwoSided => {
            let pexact = h.pmf(a);
            let (lo, hi) = h.support();
            let threshold = pexact * (1.0 + 1e-14);
            let mut p = 0.0;
            let mut x = lo;
            while x <= hi {
                let px = h.pmf(x);
                if px <= threshold {
                    p += px;
                }
                x += 1.0;
            }
            p.min(1.0)
        }
    };
    Ok(FisherExactResult { statistic, pvalue })
}

/// The hypergeometric distribution of successes in `draws` draws without replacement from
/// `total` items of which `good` are successes.
struct Hypergeom {
    total: f64,
    good: f64,
    draws: f64,
}

impl Hypergeom {
    fn support(&self) -> (f64, f64) {
        ((self.draws - (self.total - self.good)).max(0.0), self.draws.min(self.good))
    }

    fn ln_choose(n: f64, k: f64) -> f64 {
        gammaln(n + 1.0) - gammaln(k + 1.0) - gammaln(n - k + 1.0)
    }

    fn pmf(&self, x: f64) -> f64 {
        let (lo, hi) = self.support();
        if x < lo || x > hi {
            return 0.0;
        }
        (Self::ln_choose(self.good, x) + Self::ln_choose(self.total - self.good, self.draws - x)
            - Self::ln_choose(self.total, self.draws))
        .exp()
    }

    /// `P(X ≤ x)`, summed from the nearer tail for accuracy.
    fn cdf(&self, x: f64) -> f64 {
        let (lo, hi) = self.support();
        if x < lo {
            return 0.0;
        }
        if x >= hi {
            return 1.0;
        }
        let left: f64 = (lo as u64..=x as u64).map(|k| self.pmf(k as f64)).sum();
        let right: f64 = ((x as u64 + 1)..=hi as u64).map(|k| self.pmf(k as f64)).sum();
        if left <= right { left } else { 1.0 - right }
    }
}

/// Result of [`binomtest`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BinomTestResult {
    /// Number of successes.
    pub k: u64,
    /// Number of trials.
    pub n: u64,
    /// The estimated proportion `k/n` (SciPy's `statistic`).
    pub statistic: f64,
    /// The p-value for the chosen alternative.
    pub pvalue: f64,
    /// The alternative the test was run with (it also shapes [`Self::proportion_ci`]).
    pub alternative: Alternative,
}

impl BinomTestResult {
    /// Clopper–Pearson ("exact") confidence interval for the proportion, SciPy's
    /// `proportion_ci(confidence_level, method='exact')`, one-sided when the test's
    /// alternative is.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0 ≤ confidence_level ≤ 1`.
    ///
    /// ```
    /// use sci_stats::{binomtest, Alternative};
    /// let r = binomtest(7, 20, 0.5, Alternative::TwoSided)?;
    /// let ci = r.proportion_ci(0.95)?;
    /// assert!((ci.low - 0.15390920).abs() < 1e-8 && (ci.high - 0.59218853).abs() < 1e-8);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn proportion_ci(&self, confidence_level: f64) -> Result<ConfidenceInterval> {
        let alternative = self.alternative;
        if !(0.0..=1.0).contains(&confidence_level) {
            return Err(Error::invalid_argument(
                "confidence_level",
                format!("must be in [0, 1], was {confidence_level}"),
            ));
        }
        let (k, n) = (self.k as f64, self.n as f64);
        let alpha = match alternative {
            Alternative::TwoSided => (1.0 - confidence_level) / 2.0,
            _ => 1.0 - confidence_level,
        };
        let low = if k == 0.0 { 0.0 } else { betaincinv(k, n - k + 1.0, alpha) };
        let high = if k == n { 1.0 } else { betaincinv(k + 1.0, n - k, 1.0 - alpha) };
        Ok(match alternative {
            Alternative::TwoSided => ConfidenceInterval { low, high },
            Alternative::Less => ConfidenceInterval { low: 0.0, high },
            Alternative::Greater => ConfidenceInterval { low, high: 1.0 },
        })
    }
}

/// Exact binomial test that the success probability of `n` Bernoulli trials with `k`
/// successes is `p`, SciPy's `binomtest(k, n, p, alternative)`. The two-sided p-value sums
/// the probabilities of all outcomes no more likely than `k` (relative tolerance `1e-7`,
/// as SciPy), found by bisection on the far side of the mode. `O(log n)`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `n = 0`, `k > n` or `p` outside `[0, 1]`.
///
/// ```
/// use sci_stats::{binomtest, Alternative};
/// let r = binomtest(3, 15, 0.1, Alternative::Greater)?;
/// assert!((r.pvalue - 0.18406106910639106).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn binomtest(k: u64, n: u64, p: f64, alternative: Alternative) -> Result<BinomTestResult> {
    if n == 0 {
        return Err(Error::invalid_argument("n", "must be a positive integer"));
    }
    if k > n {
        return Err(Error::invalid_argument(
            "k",
            format!("must be an integer not exceeding n = {n}, was {k}"),
        ));
    }
    if !(0.0..=1.0).contains(&p) {
        return Err(Error::invalid_argument("p", format!("must be in [0, 1], was {p}")));
    }
    let dist = Binom::new(n as f64, p, 0.0)?;
    let (kf, nf) = (k as f64, n as f64);
    let pvalue = match alternative {
        Alternative::Less => dist.cdf(kf),
        Alternative::Greater => dist.sf(kf - 1.0),
        Alternative::TwoSided => {
            let d = dist.pmf(kf);
            let rerr = 1.0 + 1e-7;
            if kf == p * nf {
                1.0
            } else if kf < p * nf {
                // Outcomes above the mode no likelier than k: from the first x ≥ ⌈pn⌉ with
                // pmf(x) ≤ d·rerr (the pmf decreases there) to n.
                let x = boundary(&dist, d * rerr, (p * nf).ceil(), nf, true);
                dist.cdf(kf) + dist.sf(x - 1.0)
            } else {
                // Outcomes below the mode no likelier than k: from 0 to the last x ≤ ⌊pn⌋
                // with pmf(x) ≤ d·rerr (the pmf increases there).
                let x = boundary(&dist, d * rerr, 0.0, (p * nf).floor(), false);
                dist.cdf(x) + dist.sf(kf - 1.0)
            }
            .min(1.0)
        }
    };
    Ok(BinomTestResult { k, n, statistic: kf / nf, pvalue, alternative })
}

/// Bisection on `[lo, hi]`, where the pmf is monotone, for the edge of the region with
/// `pmf ≤ target`: decreasing — its first index (`hi + 1` if empty); increasing — its last
/// index (`lo − 1` if empty).
fn boundary(dist: &Binom, target: f64, lo: f64, hi: f64, decreasing: bool) -> f64 {
    let within = |x: f64| dist.pmf(x) <= target;
    let (mut lo, mut hi) = (lo, hi);
    if decreasing {
        if !within(hi) {
            return hi + 1.0;
        }
        if within(lo) {
            return lo;
        }
        // within(hi) and not within(lo): shrink to adjacent indices.
        while hi - lo > 1.0 {
            let mid = ((lo + hi) / 2.0).floor();
            if within(mid) { hi = mid } else { lo = mid }
        }
        hi
    } else {
        if !within(lo) {
            return lo - 1.0;
        }
        if within(hi) {
            return hi;
        }
        while hi - lo > 1.0 {
            let mid = ((lo + hi) / 2.0).floor();
            if within(mid) { lo = mid } else { hi = mid }
        }
        lo
    }
}
