//! The hypergeometric distribution (`scipy.stats.hypergeom`).

use rand::Rng;
use rand_distr::Distribution;
use sci_core::{Error, Result};

use super::continuous::DistributionStats;
use super::discrete::DiscreteDistribution;

/// `ln(2π)`.
const LN_2PI: f64 = 1.837_877_066_409_345_5;
/// Largest integer up to which every integer is exactly representable (2⁵³).
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// `ln n! − ((n + ½) ln n − n + ½ ln 2π)` for n = 1..15 (the error of Stirling's formula).
const STIRLING_ERR: [f64; 15] = [
    0.081_061_466_795_327_26,
    0.041_340_695_955_409_29,
    0.027_677_925_684_998_34,
    0.020_790_672_103_765_093,
    0.016_644_691_189_821_193,
    0.013_876_128_823_070_748,
    0.011_896_709_945_891_77,
    0.010_411_265_261_972_096,
    0.009_255_462_182_712_733,
    0.008_330_563_433_362_87,
    0.007_573_675_487_951_841,
    0.006_942_840_107_209_53,
    0.006_408_994_188_004_207,
    0.005_951_370_112_758_848,
    0.005_554_733_551_962_801,
];

/// The error of Stirling's formula for `ln n!` at an integer `n ≥ 1`: the table up to 15,
/// beyond it the asymptotic series `1/(12n) − 1/(360n³) + 1/(1260n⁵) − 1/(1680n⁷) +
/// 1/(1188n⁹) − 691/(360360n¹¹)` (its next term, `1/(156n¹³)`, is below 2e-18 at n = 16).
fn stirling_err(n: f64) -> f64 {
    if n <= 15.0 {
        return STIRLING_ERR[(n as usize).saturating_sub(1).min(14)];
    }
    let v = 1.0 / (n * n);
    let tail = 1.0 / 1188.0 - v * (691.0 / 360_360.0);
    (1.0 / 12.0 - v * (1.0 / 360.0 - v * (1.0 / 1260.0 - v * (1.0 / 1680.0 - v * tail)))) / n
}

/// The deviance term `x ln(x/μ) + μ − x ≥ 0`, without cancellation when `x ≈ μ`: there it is
/// summed as `(x − μ)v + 2x Σ v^(2j+1)/(2j + 1)` with `v = (x − μ)/(x + μ)`.
fn deviance(x: f64, mu: f64) -> f64 {
    let d = x - mu;
    if d.abs() < 0.1 * (x + mu) {
        let v = d / (x + mu);
        let v2 = v * v;
        let mut sum = d * v;
        let mut ej = 2.0 * x * v;
        for j in 1..1000 {
            ej *= v2;
            let next = sum + ej / f64::from(2 * j + 1);
            if next == sum {
                break;
            }
            sum = next;
        }
        return sum;
    }
    x * (x / mu).ln() + mu - x
}

/// `ln[C(n, x) pˣ q^(n−x)]` for integers `0 ≤ x ≤ n` (`q = 1 − p`, both given), written as
/// Stirling errors and deviances so that nothing of the size of `ln n!` is ever formed
/// (Loader's saddle-point form): accurate to a few ulps near the mode even for `n ≈ 1e15`.
fn ln_binom_pmf(x: f64, n: f64, p: f64, q: f64) -> f64 {
    if p == 0.0 {
        return if x == 0.0 { 0.0 } else { f64::NEG_INFINITY };
    }
    if q == 0.0 {
        return if x == n { 0.0 } else { f64::NEG_INFINITY };
    }
    if x == 0.0 {
        if n == 0.0 {
            return 0.0;
        }
        return if p < 0.1 { -deviance(n, n * q) - n * p } else { n * q.ln() };
    }
    if x == n {
        return if q < 0.1 { -deviance(n, n * p) - n * q } else { n * p.ln() };
    }
    let lc =
        stirling_err(n) - stirling_err(x) - stirling_err(n - x) - deviance(x, n * p) - deviance(n - x, n * q);
    lc - 0.5 * (LN_2PI + x.ln() + (-x / n).ln_1p())
}

/// The hypergeometric distribution: the number of type-I objects among `N` drawn without
/// replacement from `M` objects of which `n` are of type I (`scipy.stats.hypergeom(M, n,
/// N)`), on `max(0, N − (M − n)) ≤ k ≤ min(n, N)`.
///
/// `pmf(k) = C(n, k) C(M − n, N − k)/C(M, N)`, evaluated as `b(k; n, p)·b(N − k; M − n, p) /
/// b(N; M, p)` with `p = N/M` and each binomial probability `b` in Loader's saddle-point form
/// (Stirling-formula errors and deviances `x ln(x/μ) + μ − x`), so no logarithm of a huge
/// factorial is formed: the pmf keeps about 1e-15 relative accuracy for `M = 1e6` and beyond,
/// where differences of `lgamma`/`betaln` values lose `M·ε`-sized amounts. `cdf` sums the
/// probabilities below `k` (by the ratio `pmf(j − 1)/pmf(j) = j(M − n − N + j)/((n − j + 1)(N −
/// j + 1))`) when `k` lies below the mode, else it is `1 − sf`, and `sf` likewise sums the
/// upper tail; `logcdf`/`logsf` add the log of the sum to `logpmf`, so they stay finite where
/// the probabilities underflow. The sums stop once a term falls below 1e-17 of the total:
/// O(σ) terms at most. Quantiles search the cdf; entropy sums `−p ln p` outward from the mode;
/// sampling uses `rand_distr`'s hypergeometric sampler.
///
/// # Differences from SciPy
///
/// - SciPy's `logpmf` subtracts six `betaln` values (4e-10 absolute error for `M = 1e6`),
///   and its `logcdf`/`logsf` sum those; its `pmf`, `cdf` and `sf` (Boost's) are off by up
///   to 6e-11 relative for `M = 1e6`, and its entropy by 3e-12 there. sci's values agree
///   with exact big-integer evaluations within the tests' 1e-12 relative tolerance.
/// - At a non-integer `x`, SciPy 1.17's `cdf` and `sf` return NaN and its `logcdf`/`logsf`
///   evaluate at `⌈x⌉`; sci uses `⌊x⌋` throughout, as for every discrete distribution.
/// - The quantile search above `q = ½` works with the other tail and `1 − q`, so for `q`
///   within an ulp of a cdf value the result can differ from SciPy's by one (SciPy compares
///   `cdf(k)` with `q` where `cdf(k)` has rounded to a neighbour of `q`).
///
/// ```
/// use sci_stats::{DiscreteDistribution, Hypergeom};
/// let h = Hypergeom::new(20.0, 7.0, 12.0, 0.0)?;
/// assert!((h.pmf(5.0) - 0.286_068_111_455_108_4).abs() < 1e-15);
/// assert_eq!(h.support(), (0.0, 7.0));
/// assert!((h.mean() - 4.2).abs() < 1e-15);
/// assert_eq!(h.ppf(0.5), 4.0);
/// let big = Hypergeom::new(1e6, 4e5, 5e4, 0.0)?;
/// assert!((big.logcdf(17_865.0) + 206.282_756_195_443_77).abs() < 1e-11);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hypergeom {
    total: f64,
    good: f64,
    draws: f64,
    loc: f64,
}

impl Hypergeom {
    /// The hypergeometric distribution of SciPy's `hypergeom(M, n, N, loc)`: `m_total`
    /// objects (`M`), `n_good` of them of type I (`n`), `n_draws` drawn (`N`).
    ///
    /// ```
    /// use sci_stats::Hypergeom;
    /// assert!(Hypergeom::new(10.0, 4.0, 3.0, 0.0).is_ok());
    /// assert!(Hypergeom::new(10.0, 11.0, 3.0, 0.0).is_err()); // n > M
    /// assert!(Hypergeom::new(10.0, 4.0, 2.5, 0.0).is_err()); // N not an integer
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `M`, `n` and `N` are integers with `M > 0`,
    /// `0 ≤ n ≤ M`, `0 ≤ N ≤ M`, `M ≤ 2⁵³`, and `loc` is finite (SciPy returns NaN from every
    /// method instead).
    pub fn new(m_total: f64, n_good: f64, n_draws: f64, loc: f64) -> Result<Hypergeom> {
        let integral = |v: f64| v.is_finite() && v == v.floor() && (0.0..=MAX_EXACT).contains(&v);
        if !(integral(m_total) && m_total > 0.0) {
            return Err(Error::invalid_argument(
                "M",
                format!("must be an integer in [1, 2^53], got {m_total}"),
            ));
        }
        for (name, v) in [("n", n_good), ("N", n_draws)] {
            if !(integral(v) && v <= m_total) {
                return Err(Error::invalid_argument(
                    name,
                    format!("must be an integer in [0, M = {m_total}], got {v}"),
                ));
            }
        }
        if !loc.is_finite() {
            return Err(Error::invalid_argument("loc", format!("must be finite, got {loc}")));
        }
        Ok(Hypergeom { total: m_total, good: n_good, draws: n_draws, loc })
    }

    /// `(M, n, N)`.
    ///
    /// ```
    /// let h = sci_stats::Hypergeom::new(20.0, 7.0, 12.0, 0.0)?;
    /// assert_eq!(h.params(), (20.0, 7.0, 12.0));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn params(&self) -> (f64, f64, f64) {
        (self.total, self.good, self.draws)
    }

    /// Number of type-II objects, `M − n`.
    fn bad(&self) -> f64 {
        self.total - self.good
    }

    /// The mode `⌊(N + 1)(n + 1)/(M + 2)⌋`, inside the support.
    fn mode(&self) -> f64 {
        let (a, b) = self.standard_support();
        ((self.draws + 1.0) * (self.good + 1.0) / (self.total + 2.0)).floor().clamp(a, b)
    }

    /// `Σ_{j ≤ k} pmf(j) / pmf(k)`, summed downward until the terms are negligible.
    fn lower_ratio_sum(&self, k: f64) -> f64 {
        let (a, _) = self.standard_support();
        let (n, nn, bad) = (self.good, self.draws, self.bad());
        let (mut term, mut sum, mut j) = (1.0, 1.0, k);
        while j > a {
            term *= j * (bad - nn + j) / ((n - j + 1.0) * (nn - j + 1.0));
            sum += term;
            if term <= 1e-17 * sum {
                break;
            }
            j -= 1.0;
        }
        sum
    }

    /// `Σ_{j ≥ k} pmf(j) / pmf(k)`, summed upward until the terms are negligible.
    fn upper_ratio_sum(&self, k: f64) -> f64 {
        let (_, b) = self.standard_support();
        let (n, nn, bad) = (self.good, self.draws, self.bad());
        let (mut term, mut sum, mut j) = (1.0, 1.0, k);
        while j < b {
            term *= (n - j) * (nn - j) / ((j + 1.0) * (bad - nn + j + 1.0));
            sum += term;
            if term <= 1e-17 * sum {
                break;
            }
            j += 1.0;
        }
        sum
    }

    /// The smaller tail at `k`, whichever is summed directly: `ln P(X ≤ k)` below the mode,
    /// `ln P(X > k)` from the mode on (and the trivial values outside the support).
    fn tail(&self, k: f64) -> Tail {
        let (a, b) = self.standard_support();
        if k < a {
            Tail::Lower(f64::NEG_INFINITY)
        } else if k >= b {
            Tail::Upper(f64::NEG_INFINITY)
        } else if k < self.mode() {
            Tail::Lower(self.ln_lower_tail(k))
        } else {
            Tail::Upper(self.ln_upper_tail(k))
        }
    }

    /// Smallest `k` of the support with `pred(k)` (false below, true from there on; true at
    /// the upper end), by bisection: O(log(b − a)) evaluations.
    fn search(&self, pred: impl Fn(f64) -> bool) -> f64 {
        let (a, b) = self.standard_support();
        let (mut lo, mut hi) = (a - 1.0, b);
        while hi - lo > 1.0 {
            let mid = (lo + 0.5 * (hi - lo)).floor();
            if pred(mid) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        hi
    }

    /// `ln P(X ≤ k)` for `k` below the mode.
    fn ln_lower_tail(&self, k: f64) -> f64 {
        self.standard_logpmf(k) + self.lower_ratio_sum(k).ln()
    }

    /// `ln P(X > k)` for `k` at or above the mode (inside the support).
    fn ln_upper_tail(&self, k: f64) -> f64 {
        self.standard_logpmf(k + 1.0) + self.upper_ratio_sum(k + 1.0).ln()
    }
}

/// A log-probability of one tail: `Lower(ln P(X ≤ k))` or `Upper(ln P(X > k))`.
enum Tail {
    Lower(f64),
    Upper(f64),
}

impl DiscreteDistribution for Hypergeom {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        ((self.draws - self.bad()).max(0.0), self.good.min(self.draws))
    }
    fn standard_logpmf(&self, k: f64) -> f64 {
        let (a, b) = self.standard_support();
        if !(k >= a && k <= b) {
            return f64::NEG_INFINITY;
        }
        let (m, n, nn) = (self.total, self.good, self.draws);
        let p = nn / m;
        let q = (m - nn) / m;
        ln_binom_pmf(k, n, p, q) + ln_binom_pmf(nn - k, m - n, p, q) - ln_binom_pmf(nn, m, p, q)
    }
    // The quantile search evaluates these at the ends of the support too.
    fn standard_cdf(&self, k: f64) -> f64 {
        match self.tail(k) {
            Tail::Lower(l) => l.exp(),
            Tail::Upper(u) => -u.exp_m1(),
        }
    }
    fn standard_sf(&self, k: f64) -> f64 {
        match self.tail(k) {
            Tail::Lower(l) => -l.exp_m1(),
            Tail::Upper(u) => u.exp(),
        }
    }
    fn standard_logcdf(&self, k: f64) -> f64 {
        match self.tail(k) {
            Tail::Lower(l) => l,
            Tail::Upper(u) => (-u.exp()).ln_1p(),
        }
    }
    fn standard_logsf(&self, k: f64) -> f64 {
        match self.tail(k) {
            Tail::Lower(l) => (-l.exp()).ln_1p(),
            Tail::Upper(u) => u,
        }
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        // cdf(k) ≥ q ⟺ sf(k) ≤ 1 − q: above ½ the upper tail, where 1 − q is exact and sf
        // keeps its relative accuracy, decides.
        if q > 0.5 {
            let p = 1.0 - q;
            self.search(|k| self.standard_sf(k) <= p)
        } else {
            self.search(|k| self.standard_cdf(k) >= q)
        }
    }
    fn standard_isf(&self, q: f64) -> f64 {
        if q > 0.5 {
            let p = 1.0 - q;
            self.search(|k| self.standard_cdf(k) >= p)
        } else {
            self.search(|k| self.standard_sf(k) <= q)
        }
    }
    fn standard_stats(&self) -> DistributionStats {
        let (m, n, nn) = (self.total, self.good, self.draws);
        let bad = m - n;
        let mean = nn * n / m;
        let variance = mean * (bad / m) * ((m - nn) / (m - 1.0));
        let skewness = (m - 2.0 * n) * (m - 1.0).sqrt() * (m - 2.0 * nn)
            / ((nn * n * bad * (m - nn)).sqrt() * (m - 2.0));
        // SciPy's closed form of the excess kurtosis.
        let mut g2 = m * (m + 1.0) - 6.0 * nn * (m - nn) - 6.0 * n * bad;
        g2 *= (m - 1.0) * m * m;
        g2 += 6.0 * n * nn * (m - nn) * bad * (5.0 * m - 6.0);
        g2 /= n * nn * (m - nn) * bad * (m - 2.0) * (m - 3.0);
        DistributionStats { mean, variance, skewness, kurtosis: g2 }
    }
    fn standard_entropy(&self) -> f64 {
        let (a, b) = self.standard_support();
        let mode = self.mode();
        let mut h = crate::common::Neumaier::default();
        let mut add = |k: f64| {
            let lp = self.standard_logpmf(k);
            let p = lp.exp();
            if p > 0.0 {
                h.add(-p * lp);
            }
            p
        };
        add(mode);
        let mut k = mode - 1.0;
        while k >= a && add(k) > 1e-30 {
            k -= 1.0;
        }
        let mut k = mode + 1.0;
        while k <= b && add(k) > 1e-30 {
            k += 1.0;
        }
        h.value()
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match rand_distr::Hypergeometric::new(self.total as u64, self.good as u64, self.draws as u64) {
            Ok(d) => d.sample(rng) as f64,
            Err(_) => f64::NAN,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stirling_err_series_matches_exact_values() {
        // ln n! − (n + ½) ln n + n − ½ ln 2π, evaluated to 50 digits with Python's decimal.
        for (n, want) in [
            (16.0, 0.005_207_655_919_609_640_4),
            (17.0, 0.004_901_395_948_434_738),
            (30.0, 0.002_777_674_929_752_693_6),
            (100.0, 0.000_833_330_555_634_914_7),
            (1000.0, 8.333_333_055_555_635e-5),
        ] {
            assert!((stirling_err(n) / want - 1.0).abs() < 5e-16, "{n}: {}", stirling_err(n));
        }
    }

    #[test]
    fn ln_binom_pmf_matches_the_direct_product() {
        // C(10, 3) 0.3³ 0.7⁷.
        let direct = 120.0 * 0.3f64.powi(3) * 0.7f64.powi(7);
        assert!((ln_binom_pmf(3.0, 10.0, 0.3, 0.7) - direct.ln()).abs() < 1e-15);
        assert!((ln_binom_pmf(0.0, 10.0, 0.3, 0.7) - 10.0 * 0.7f64.ln()).abs() < 1e-15);
        assert!((ln_binom_pmf(10.0, 10.0, 0.3, 0.7) - 10.0 * 0.3f64.ln()).abs() < 1e-14);
    }
}
