//! Discrete distributions: the [`DiscreteDistribution`] trait and `poisson`, `binom`,
//! `bernoulli`, `geom`.

use rand::{Rng, RngExt, SeedableRng};
use rand_distr::Distribution;
use sci_core::ndarray::{Array, Array1, ArrayBase, Data, Dimension};
use sci_core::{Error, Result};

use super::continuous::{DistributionStats, map_array, raw_moment_from_stats};
use crate::special::{betainc, betaincc, betaln, gammainc, gammaincc, gammaln, xlog1py, xlogy};

/// Chunk length of `rvs` streams (as for continuous distributions).
const CHUNK: usize = 1 << 14;

/// A discrete distribution on (a subset of) the integers, shifted by SciPy's `loc`.
///
/// Implementors provide the standard form (`loc = 0`) at integer `k` inside the support;
/// the provided methods add SciPy's conventions: `pmf` is 0 off the integers and outside
/// the support, `cdf(x)` is evaluated at `floor(x)`, `ppf(q)` is the smallest integer `k`
/// with `cdf(k) >= q` (`ppf(0) = a − 1`, `ppf(1) = b`), `isf(q)` the smallest `k` with
/// `sf(k) <= q`.
///
/// ```
/// use sci_stats::{DiscreteDistribution, Poisson};
/// let p = Poisson::new(3.0, 0.0)?;
/// assert!((p.pmf(2.0) - 0.22404180765538775).abs() < 1e-16);
/// assert_eq!(p.pmf(2.5), 0.0);
/// assert_eq!(p.ppf(0.5), 3.0);
/// assert_eq!(p.mean(), 3.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub trait DiscreteDistribution: Sync {
    /// The location shift (an integer for integer-valued results).
    fn loc(&self) -> f64;
    /// Support `(a, b)` of the standard form (integers or infinities).
    fn standard_support(&self) -> (f64, f64);
    /// Probability mass at integer `k` inside the support.
    fn standard_pmf(&self, k: f64) -> f64 {
        self.standard_logpmf(k).exp()
    }
    /// Log of the probability mass at integer `k` inside the support.
    fn standard_logpmf(&self, k: f64) -> f64;
    /// `P(X <= k)` for integer `k` inside the support.
    fn standard_cdf(&self, k: f64) -> f64;
    /// `P(X > k)` for integer `k` inside the support (default `1 − cdf`).
    fn standard_sf(&self, k: f64) -> f64 {
        1.0 - self.standard_cdf(k)
    }
    /// `ln P(X <= k)` (default `ln(standard_cdf)`).
    fn standard_logcdf(&self, k: f64) -> f64 {
        self.standard_cdf(k).ln()
    }
    /// `ln P(X > k)` (default `ln(standard_sf)`).
    fn standard_logsf(&self, k: f64) -> f64 {
        self.standard_sf(k).ln()
    }
    /// Mean, variance, skewness and excess kurtosis of the standard form.
    fn standard_stats(&self) -> DistributionStats;
    /// A starting point for quantile searches (default: the mean, clamped to the support).
    fn standard_guess(&self, _q: f64) -> f64 {
        let (a, b) = self.standard_support();
        let m = self.standard_stats().mean;
        if m.is_finite() { m.floor().clamp(a, b) } else { a }
    }
    /// Entropy of the standard form (default: `−Σ p ln p` over the support, summed until the
    /// remaining mass is below 1e-17).
    fn standard_entropy(&self) -> f64 {
        let (a, b) = self.standard_support();
        let mut h = crate::common::Neumaier::default();
        let mut k = a;
        let mut seen = 0.0;
        while k <= b && seen < 1.0 - 1e-17 && k - a < 1e7 {
            let p = self.standard_pmf(k);
            if p > 0.0 {
                h.add(-p * p.ln());
            }
            seen += p;
            k += 1.0;
        }
        h.value()
    }
    /// One draw from the standard form (default: inversion of a uniform draw).
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64
    where
        Self: Sized,
    {
        let u: f64 = rng.random();
        self.standard_ppf(u)
    }
    /// Smallest integer `k` with `standard_cdf(k) >= q`, for `0 < q < 1` (default: search
    /// outward from [`standard_guess`](Self::standard_guess), then bisection).
    fn standard_ppf(&self, q: f64) -> f64 {
        integer_search(self.standard_support(), self.standard_guess(q), |k| self.standard_cdf(k) >= q)
    }
    /// Smallest integer `k` with `standard_sf(k) <= q`, for `0 < q < 1`.
    fn standard_isf(&self, q: f64) -> f64 {
        integer_search(self.standard_support(), self.standard_guess(1.0 - q), |k| self.standard_sf(k) <= q)
    }

    /// Support of the distribution.
    fn support(&self) -> (f64, f64) {
        let (a, b) = self.standard_support();
        (a + self.loc(), b + self.loc())
    }
    /// Probability mass function; 0 off the integers and outside the support.
    fn pmf(&self, x: f64) -> f64 {
        let k = x - self.loc();
        let (a, b) = self.standard_support();
        if k.is_nan() {
            f64::NAN
        } else if k != k.floor() || k < a || k > b {
            0.0
        } else {
            self.standard_pmf(k)
        }
    }
    /// Log of the probability mass function.
    fn logpmf(&self, x: f64) -> f64 {
        let k = x - self.loc();
        let (a, b) = self.standard_support();
        if k.is_nan() {
            f64::NAN
        } else if k != k.floor() || k < a || k > b {
            f64::NEG_INFINITY
        } else {
            self.standard_logpmf(k)
        }
    }
    /// `P(X <= x)`.
    fn cdf(&self, x: f64) -> f64 {
        let k = (x - self.loc()).floor();
        let (a, b) = self.standard_support();
        if k.is_nan() {
            f64::NAN
        } else if k < a {
            0.0
        } else if k >= b {
            1.0
        } else {
            self.standard_cdf(k)
        }
    }
    /// `P(X > x)`.
    fn sf(&self, x: f64) -> f64 {
        let k = (x - self.loc()).floor();
        let (a, b) = self.standard_support();
        if k.is_nan() {
            f64::NAN
        } else if k < a {
            1.0
        } else if k >= b {
            0.0
        } else {
            self.standard_sf(k)
        }
    }
    /// Log of the cdf.
    fn logcdf(&self, x: f64) -> f64 {
        let k = (x - self.loc()).floor();
        let (a, b) = self.standard_support();
        if k.is_nan() {
            f64::NAN
        } else if k < a {
            f64::NEG_INFINITY
        } else if k >= b {
            0.0
        } else {
            self.standard_logcdf(k)
        }
    }
    /// Log of the survival function.
    fn logsf(&self, x: f64) -> f64 {
        let k = (x - self.loc()).floor();
        let (a, b) = self.standard_support();
        if k.is_nan() {
            f64::NAN
        } else if k < a {
            0.0
        } else if k >= b {
            f64::NEG_INFINITY
        } else {
            self.standard_logsf(k)
        }
    }
    /// Percent point function: the smallest `k` with `cdf(k) >= q`.
    fn ppf(&self, q: f64) -> f64 {
        let (a, b) = self.standard_support();
        if !(0.0..=1.0).contains(&q) {
            f64::NAN
        } else if q == 0.0 {
            a - 1.0 + self.loc()
        } else if q == 1.0 {
            b + self.loc()
        } else {
            self.standard_ppf(q) + self.loc()
        }
    }
    /// Inverse survival function: the smallest `k` with `sf(k) <= q`.
    fn isf(&self, q: f64) -> f64 {
        let (a, b) = self.standard_support();
        if !(0.0..=1.0).contains(&q) {
            f64::NAN
        } else if q == 0.0 {
            b + self.loc()
        } else if q == 1.0 {
            a - 1.0 + self.loc()
        } else {
            self.standard_isf(q) + self.loc()
        }
    }
    /// Mean, variance, skewness and excess kurtosis.
    fn stats(&self) -> DistributionStats {
        let s = self.standard_stats();
        DistributionStats { mean: s.mean + self.loc(), ..s }
    }
    /// Mean.
    fn mean(&self) -> f64 {
        self.stats().mean
    }
    /// Variance.
    fn var(&self) -> f64 {
        self.stats().variance
    }
    /// Standard deviation.
    fn std(&self) -> f64 {
        self.var().sqrt()
    }
    /// Median, `ppf(0.5)`.
    fn median(&self) -> f64 {
        self.ppf(0.5)
    }
    /// Entropy in nats.
    fn entropy(&self) -> f64 {
        self.standard_entropy()
    }
    /// Non-central moment `E[Xⁿ]` for `n <= 4` (NaN above), from the standard form's
    /// moments shifted by `loc`.
    fn moment(&self, order: u32) -> f64 {
        let s = self.standard_stats();
        let loc = self.loc();
        let mut total = 0.0;
        let mut binom = 1.0;
        for k in 0..=order {
            let term = binom * loc.powi((order - k) as i32);
            if term != 0.0 {
                total += term * raw_moment_from_stats(&s, k);
            }
            binom = binom * f64::from(order - k) / f64::from(k + 1);
        }
        total
    }
    /// `(ppf((1 − c)/2), ppf((1 + c)/2))`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0 <= confidence <= 1`.
    fn interval(&self, confidence: f64) -> Result<(f64, f64)> {
        if !(0.0..=1.0).contains(&confidence) {
            return Err(Error::invalid_argument(
                "confidence",
                format!("must lie in [0, 1], got {confidence}"),
            ));
        }
        Ok((self.ppf((1.0 - confidence) / 2.0), self.ppf((1.0 + confidence) / 2.0)))
    }
    /// `size` random variates, drawn in blocks with their own seeded streams (independent of
    /// the number of threads; not SciPy's stream).
    fn rvs<R: Rng + ?Sized>(&self, size: usize, rng: &mut R) -> Array1<f64>
    where
        Self: Sized,
    {
        use rayon::prelude::*;
        let seeds: Vec<u64> = (0..size.div_ceil(CHUNK)).map(|_| rng.next_u64()).collect();
        let loc = self.loc();
        let mut out = vec![0.0; size];
        let fill = |(block, seed): (&mut [f64], &u64)| {
            let mut r = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(*seed);
            for v in block.iter_mut() {
                *v = loc + self.standard_sample(&mut r);
            }
        };
        sci_core::install(|| out.par_chunks_mut(CHUNK).zip(seeds.par_iter()).for_each(fill));
        Array1::from(out)
    }
    /// [`pmf`](Self::pmf) of every element.
    fn pmf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.pmf(v))
    }
    /// [`cdf`](Self::cdf) of every element.
    fn cdf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.cdf(v))
    }
    /// [`sf`](Self::sf) of every element.
    fn sf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.sf(v))
    }
    /// [`ppf`](Self::ppf) of every element.
    fn ppf_array<S: Data<Elem = f64>, D: Dimension>(&self, q: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(q, |v| self.ppf(v))
    }
}

/// Smallest integer `k` in `[a, b]` with `pred(k)` (monotone: false then true), searching
/// outward from `guess` by doubling steps and then bisecting.
fn integer_search(support: (f64, f64), guess: f64, pred: impl Fn(f64) -> bool) -> f64 {
    let (a, b) = support;
    let mut hi = guess.clamp(a, b);
    if !hi.is_finite() {
        hi = if a.is_finite() { a } else { 0.0 };
    }
    let mut lo;
    if pred(hi) {
        // Walk down until pred fails.
        let mut step = 1.0;
        lo = hi - step;
        while lo >= a && pred(lo) {
            hi = lo;
            step *= 2.0;
            lo = hi - step;
            if step > 1e300 {
                break;
            }
        }
        if lo < a {
            if pred(a) {
                return a;
            }
            lo = a;
        }
    } else {
        let mut step = 1.0;
        lo = hi;
        hi = lo + step;
        while hi <= b && !pred(hi) {
            lo = hi;
            step *= 2.0;
            hi = lo + step;
            if step > 1e300 {
                return f64::INFINITY;
            }
        }
        if hi > b {
            hi = b;
        }
    }
    // Invariant: pred(hi), !pred(lo).
    while hi - lo > 1.0 {
        let mid = (lo + (hi - lo) / 2.0).floor();
        if pred(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

fn check_probability(name: &str, p: f64) -> Result<()> {
    sci_core::validate::check_in_closed_range(name, p, 0.0, 1.0)
}

fn check_loc(loc: f64) -> Result<()> {
    if loc.is_finite() {
        Ok(())
    } else {
        Err(Error::invalid_argument("loc", format!("must be finite, got {loc}")))
    }
}

/// The Poisson distribution with mean `mu` (`scipy.stats.poisson`).
///
/// `pmf(k) = μᵏ e^(−μ)/k!`; `cdf(k) = Q(k + 1, μ)` and `sf(k) = P(k + 1, μ)`, the regularized
/// incomplete gamma functions, so both tails are accurate.
///
/// ```
/// use sci_stats::{DiscreteDistribution, Poisson};
/// let p = Poisson::new(10.0, 0.0)?;
/// assert!((p.sf(30.0) / 7.983794659911252e-08 - 1.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Poisson {
    mu: f64,
    loc: f64,
}

impl Poisson {
    /// Poisson with mean `mu >= 0`, shifted by `loc`.
    ///
    /// ```
    /// assert!(sci_stats::Poisson::new(-1.0, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `mu` is finite and non-negative and `loc` finite.
    pub fn new(mu: f64, loc: f64) -> Result<Poisson> {
        if !(mu.is_finite() && mu >= 0.0) {
            return Err(Error::invalid_argument("mu", format!("must be a finite number >= 0, got {mu}")));
        }
        check_loc(loc)?;
        Ok(Poisson { mu, loc })
    }
}

impl DiscreteDistribution for Poisson {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
    fn standard_logpmf(&self, k: f64) -> f64 {
        xlogy(k, self.mu) - gammaln(k + 1.0) - self.mu
    }
    fn standard_cdf(&self, k: f64) -> f64 {
        gammaincc(k + 1.0, self.mu)
    }
    fn standard_sf(&self, k: f64) -> f64 {
        gammainc(k + 1.0, self.mu)
    }
    fn standard_stats(&self) -> DistributionStats {
        let mu = self.mu;
        DistributionStats { mean: mu, variance: mu, skewness: 1.0 / mu.sqrt(), kurtosis: 1.0 / mu }
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        if self.mu == 0.0 {
            return 0.0;
        }
        match rand_distr::Poisson::new(self.mu) {
            Ok(d) => d.sample(rng),
            Err(_) => f64::NAN,
        }
    }
}

/// The binomial distribution: successes in `n` trials of probability `p` (`scipy.stats.binom`).
///
/// `cdf(k) = I_{1−p}(n − k, k + 1)` and `sf(k) = I_p(k + 1, n − k)` (regularized incomplete
/// beta), `pmf` from logarithms of the binomial coefficient.
///
/// ```
/// use sci_stats::{Binom, DiscreteDistribution};
/// let b = Binom::new(10.0, 0.3, 0.0)?;
/// assert!((b.pmf(3.0) - 0.26682793200000005).abs() < 1e-15);
/// assert!((b.cdf(3.0) - 0.6496107184000002).abs() < 1e-15);
/// assert_eq!(b.mean(), 3.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Binom {
    n: f64,
    p: f64,
    loc: f64,
}

impl Binom {
    /// Binomial with `n` trials (a non-negative integer) and success probability `p`.
    ///
    /// ```
    /// assert!(sci_stats::Binom::new(2.5, 0.5, 0.0).is_err());
    /// assert!(sci_stats::Binom::new(5.0, 1.5, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `n` is a non-negative integer, `0 <= p <= 1` and
    /// `loc` is finite.
    pub fn new(n: f64, p: f64, loc: f64) -> Result<Binom> {
        if !(n.is_finite() && n >= 0.0 && n == n.floor()) {
            return Err(Error::invalid_argument("n", format!("must be a non-negative integer, got {n}")));
        }
        check_probability("p", p)?;
        check_loc(loc)?;
        Ok(Binom { n, p, loc })
    }
}

impl DiscreteDistribution for Binom {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        (0.0, self.n)
    }
    fn standard_logpmf(&self, k: f64) -> f64 {
        // C(n, k) = 1/((n + 1) B(k + 1, n − k + 1)), through betaln rather than three lgammas.
        let n = self.n;
        let combiln = -(n + 1.0).ln() - betaln(k + 1.0, n - k + 1.0);
        combiln + xlogy(k, self.p) + xlog1py(n - k, -self.p)
    }
    fn standard_cdf(&self, k: f64) -> f64 {
        if self.p == 0.0 {
            return 1.0;
        }
        if self.p == 1.0 {
            return if k >= self.n { 1.0 } else { 0.0 };
        }
        betaincc(k + 1.0, self.n - k, self.p)
    }
    fn standard_sf(&self, k: f64) -> f64 {
        if self.p == 0.0 {
            return 0.0;
        }
        if self.p == 1.0 {
            return if k >= self.n { 0.0 } else { 1.0 };
        }
        betainc(k + 1.0, self.n - k, self.p)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        // SciPy evaluates binomial quantiles with Boost, whose search accepts a cdf within a
        // few ulps of q (bernoulli(0.9).ppf(0.1) is 0 although cdf(0) = 0.1 − 2.8e-17).
        let q = q * (1.0 - 4.0 * f64::EPSILON);
        integer_search(self.standard_support(), self.standard_guess(q), |k| self.standard_cdf(k) >= q)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        let q = q * (1.0 + 4.0 * f64::EPSILON);
        integer_search(self.standard_support(), self.standard_guess(1.0 - q), |k| self.standard_sf(k) <= q)
    }
    fn standard_stats(&self) -> DistributionStats {
        let (n, p) = (self.n, self.p);
        let q = 1.0 - p;
        let var = n * p * q;
        DistributionStats {
            mean: n * p,
            variance: var,
            skewness: (q - p) / var.sqrt(),
            kurtosis: (1.0 - 6.0 * p * q) / var,
        }
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match rand_distr::Binomial::new(self.n as u64, self.p) {
            Ok(d) => d.sample(rng) as f64,
            Err(_) => f64::NAN,
        }
    }
}

/// The Bernoulli distribution: 1 with probability `p`, else 0 (`scipy.stats.bernoulli`).
///
/// ```
/// use sci_stats::{Bernoulli, DiscreteDistribution};
/// let b = Bernoulli::new(0.25, 0.0)?;
/// assert_eq!(b.pmf(1.0), 0.25);
/// assert_eq!(b.cdf(0.0), 0.75);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bernoulli {
    inner: Binom,
}

impl Bernoulli {
    /// Bernoulli with success probability `p`.
    ///
    /// ```
    /// assert!(sci_stats::Bernoulli::new(-0.1, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0 <= p <= 1` and `loc` is finite.
    pub fn new(p: f64, loc: f64) -> Result<Bernoulli> {
        Ok(Bernoulli { inner: Binom::new(1.0, p, loc)? })
    }
}

impl DiscreteDistribution for Bernoulli {
    fn loc(&self) -> f64 {
        self.inner.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        (0.0, 1.0)
    }
    fn standard_pmf(&self, k: f64) -> f64 {
        if k == 1.0 { self.inner.p } else { 1.0 - self.inner.p }
    }
    fn standard_logpmf(&self, k: f64) -> f64 {
        self.standard_pmf(k).ln()
    }
    fn standard_cdf(&self, k: f64) -> f64 {
        self.inner.standard_cdf(k)
    }
    fn standard_sf(&self, k: f64) -> f64 {
        self.inner.standard_sf(k)
    }
    fn standard_stats(&self) -> DistributionStats {
        self.inner.standard_stats()
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        self.inner.standard_ppf(q)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        self.inner.standard_isf(q)
    }
    fn standard_entropy(&self) -> f64 {
        let p = self.inner.p;
        -xlogy(p, p) - xlog1py(1.0 - p, -p)
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        if rng.random::<f64>() < self.inner.p { 1.0 } else { 0.0 }
    }
}

/// The geometric distribution: the number of trials up to and including the first
/// success, on `k >= 1` (`scipy.stats.geom`).
///
/// `pmf(k) = (1 − p)^(k−1) p`, `sf(k) = (1 − p)^k` evaluated as `exp(k ln1p(−p))`.
///
/// ```
/// use sci_stats::{DiscreteDistribution, Geom};
/// let g = Geom::new(0.5, 0.0)?;
/// assert!((g.pmf(2.0) - 0.25).abs() < 1e-16);
/// assert!((g.sf(3.0) - 0.125).abs() < 1e-16);
/// assert_eq!(g.mean(), 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Geom {
    p: f64,
    loc: f64,
}

impl Geom {
    /// Geometric with success probability `0 < p <= 1`.
    ///
    /// ```
    /// assert!(sci_stats::Geom::new(0.0, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0 < p <= 1` and `loc` is finite.
    pub fn new(p: f64, loc: f64) -> Result<Geom> {
        if !(p > 0.0 && p <= 1.0) {
            return Err(Error::invalid_argument("p", format!("must lie in (0, 1], got {p}")));
        }
        check_loc(loc)?;
        Ok(Geom { p, loc })
    }
}

impl DiscreteDistribution for Geom {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        (1.0, f64::INFINITY)
    }
    fn standard_pmf(&self, k: f64) -> f64 {
        ((k - 1.0) * (-self.p).ln_1p()).exp() * self.p
    }
    fn standard_logpmf(&self, k: f64) -> f64 {
        xlog1py(k - 1.0, -self.p) + self.p.ln()
    }
    fn standard_cdf(&self, k: f64) -> f64 {
        -(k * (-self.p).ln_1p()).exp_m1()
    }
    fn standard_sf(&self, k: f64) -> f64 {
        (k * (-self.p).ln_1p()).exp()
    }
    fn standard_logcdf(&self, k: f64) -> f64 {
        (-(k * (-self.p).ln_1p()).exp_m1()).ln()
    }
    fn standard_logsf(&self, k: f64) -> f64 {
        k * (-self.p).ln_1p()
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        let vals = ((-q).ln_1p() / (-self.p).ln_1p()).ceil();
        let prev = vals - 1.0;
        if prev >= 1.0 && self.standard_cdf(prev) >= q { prev } else { vals.max(1.0) }
    }
    fn standard_stats(&self) -> DistributionStats {
        let p = self.p;
        DistributionStats {
            mean: 1.0 / p,
            variance: (1.0 - p) / (p * p),
            skewness: (2.0 - p) / (1.0 - p).sqrt(),
            kurtosis: (p * p - 6.0 * p + 6.0) / (1.0 - p),
        }
    }
    fn standard_entropy(&self) -> f64 {
        let p = self.p;
        -p.ln() - (-p).ln_1p() * (1.0 - p) / p
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match rand_distr::Geometric::new(self.p) {
            Ok(d) => d.sample(rng) as f64 + 1.0,
            Err(_) => f64::NAN,
        }
    }
}

/// The negative binomial distribution: failures before the `n`-th success with success
/// probability `p` (`scipy.stats.nbinom`); `n` need not be an integer.
///
/// `cdf(k) = I_p(n, k + 1)` and `sf(k) = 1 − I_p(n, k + 1)` evaluated directly as the
/// complemented regularized incomplete beta function.
///
/// ```
/// use sci_stats::{DiscreteDistribution, Nbinom};
/// let d = Nbinom::new(3.0, 0.4, 0.0)?;
/// assert!((d.mean() - 4.5).abs() < 1e-15);
/// assert!((d.pmf(2.0) - 0.13824).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nbinom {
    n: f64,
    p: f64,
    loc: f64,
}

impl Nbinom {
    /// Negative binomial with `n > 0` successes and success probability `0 < p <= 1`.
    ///
    /// ```
    /// assert!(sci_stats::Nbinom::new(0.0, 0.5, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `n > 0` (finite), `0 < p <= 1` and `loc` finite.
    pub fn new(n: f64, p: f64, loc: f64) -> Result<Nbinom> {
        if !(n.is_finite() && n > 0.0) {
            return Err(Error::invalid_argument("n", format!("must be a finite number > 0, got {n}")));
        }
        if !(p > 0.0 && p <= 1.0) {
            return Err(Error::invalid_argument("p", format!("must lie in (0, 1], got {p}")));
        }
        check_loc(loc)?;
        Ok(Nbinom { n, p, loc })
    }
}

impl DiscreteDistribution for Nbinom {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
    fn standard_logpmf(&self, k: f64) -> f64 {
        // C(n + k − 1, k) = 1/(k B(k, n)): betaln avoids the cancellation of three large
        // lgamma terms (an absolute error of ~1e-11 at k = 5000).
        let n = self.n;
        let ln_c = if k == 0.0 { 0.0 } else { -k.ln() - betaln(k, n) };
        ln_c + n * self.p.ln() + xlog1py(k, -self.p)
    }
    fn standard_cdf(&self, k: f64) -> f64 {
        betainc(self.n, k + 1.0, self.p)
    }
    fn standard_sf(&self, k: f64) -> f64 {
        betaincc(self.n, k + 1.0, self.p)
    }
    fn standard_logcdf(&self, k: f64) -> f64 {
        let c = self.standard_cdf(k);
        if c > 0.5 { (-self.standard_sf(k)).ln_1p() } else { c.ln() }
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        // Boost's quantile search (SciPy) accepts a cdf within a few ulps of q.
        let q = q * (1.0 - 4.0 * f64::EPSILON);
        integer_search(self.standard_support(), self.standard_guess(q), |k| self.standard_cdf(k) >= q)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        let q = q * (1.0 + 4.0 * f64::EPSILON);
        integer_search(self.standard_support(), self.standard_guess(1.0 - q), |k| self.standard_sf(k) <= q)
    }
    fn standard_stats(&self) -> DistributionStats {
        let (n, p) = (self.n, self.p);
        let q = 1.0 - p;
        DistributionStats {
            mean: n * q / p,
            variance: n * q / (p * p),
            skewness: (2.0 - p) / (n * q).sqrt(),
            kurtosis: 6.0 / n + p * p / (n * q),
        }
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        // A gamma-Poisson mixture: λ ~ Gamma(n, (1 − p)/p), K ~ Poisson(λ).
        let Ok(g) = rand_distr::Gamma::new(self.n, (1.0 - self.p) / self.p) else { return f64::NAN };
        let lambda: f64 = g.sample(rng);
        if lambda <= 0.0 {
            return 0.0;
        }
        match rand_distr::Poisson::new(lambda) {
            Ok(d) => d.sample(rng),
            Err(_) => f64::NAN,
        }
    }
}

/// The discrete uniform distribution on the integers `low, ..., high − 1`
/// (`scipy.stats.randint`).
///
/// ```
/// use sci_stats::{DiscreteDistribution, Randint};
/// let d = Randint::new(1.0, 7.0, 0.0)?;
/// assert!((d.pmf(3.0) - 1.0 / 6.0).abs() < 1e-16);
/// assert_eq!(d.mean(), 3.5);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Randint {
    low: f64,
    high: f64,
    loc: f64,
}

impl Randint {
    /// Uniform on the integers in `[low, high)`.
    ///
    /// ```
    /// assert!(sci_stats::Randint::new(3.0, 3.0, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `low < high` are finite integers and `loc` finite.
    pub fn new(low: f64, high: f64, loc: f64) -> Result<Randint> {
        if !(low.is_finite() && high.is_finite() && low == low.floor() && high == high.floor() && low < high)
        {
            return Err(Error::invalid_argument(
                "high",
                format!("need integers low < high, got [{low}, {high})"),
            ));
        }
        check_loc(loc)?;
        Ok(Randint { low, high, loc })
    }
}

impl DiscreteDistribution for Randint {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn standard_support(&self) -> (f64, f64) {
        (self.low, self.high - 1.0)
    }
    fn standard_pmf(&self, _k: f64) -> f64 {
        1.0 / (self.high - self.low)
    }
    fn standard_logpmf(&self, _k: f64) -> f64 {
        -(self.high - self.low).ln()
    }
    fn standard_cdf(&self, k: f64) -> f64 {
        (k - self.low + 1.0) / (self.high - self.low)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        let (low, high) = (self.low, self.high);
        let vals = (q * (high - low) + low).ceil() - 1.0;
        let vals1 = (vals - 1.0).clamp(low, high);
        if self.standard_cdf(vals1) >= q { vals1 } else { vals }
    }
    fn standard_stats(&self) -> DistributionStats {
        let d = self.high - self.low;
        DistributionStats {
            mean: (self.high + self.low - 1.0) / 2.0,
            variance: (d * d - 1.0) / 12.0,
            skewness: 0.0,
            kurtosis: -6.0 / 5.0 * (d * d + 1.0) / (d * d - 1.0),
        }
    }
    fn standard_entropy(&self) -> f64 {
        (self.high - self.low).ln()
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        (self.low + (rng.random::<f64>() * (self.high - self.low)).floor()).min(self.high - 1.0)
    }
}
