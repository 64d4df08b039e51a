//! The continuous-distribution trait and its array evaluation.

use rand::{Rng, RngExt, SeedableRng};
use sci_core::ndarray::{Array, Array1, ArrayBase, Data, Dimension};
use sci_core::{Error, Result};

/// Mean, variance, skewness and excess kurtosis of a distribution (SciPy's
/// `stats(moments='mvsk')`). Entries that do not exist are `inf` or NaN, as in SciPy.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistributionStats {
    /// Mean.
    pub mean: f64,
    /// Variance.
    pub variance: f64,
    /// Skewness.
    pub skewness: f64,
    /// Excess (Fisher) kurtosis.
    pub kurtosis: f64,
}

/// Arrays of at least this many elements are evaluated in parallel.
const PAR_EVAL_MIN: usize = 1 << 15;
/// Chunk length of parallel evaluation and of `rvs` streams.
const CHUNK: usize = 1 << 14;

/// Applies `f` elementwise, in parallel for large arrays in memory order.
pub(crate) fn map_array<S, D, F>(x: &ArrayBase<S, D>, f: F) -> Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
    F: Fn(f64) -> f64 + Sync,
{
    if let Some(src) = x.as_slice().filter(|s| s.len() >= PAR_EVAL_MIN) {
        use rayon::prelude::*;
        let mut out = vec![0.0; src.len()];
        sci_core::install(|| {
            out.par_chunks_mut(CHUNK).zip(src.par_chunks(CHUNK)).for_each(|(o, s)| {
                for (oi, &si) in o.iter_mut().zip(s) {
                    *oi = f(si);
                }
            })
        });
        if let Ok(a) = Array::from_shape_vec(x.raw_dim(), out) {
            return a;
        }
    }
    x.mapv(f)
}

/// Raw moments of orders 0–4 from mean, variance, skewness and excess kurtosis (SciPy's
/// generic `moment`); NaN above order 4.
pub(crate) fn raw_moment_from_stats(s: &DistributionStats, n: u32) -> f64 {
    let (m, v) = (s.mean, s.variance);
    let c3 = s.skewness * v.powf(1.5);
    let c4 = (s.kurtosis + 3.0) * v * v;
    match n {
        0 => 1.0,
        1 => m,
        2 => v + m * m,
        3 => c3 + 3.0 * m * v + m * m * m,
        4 => c4 + 4.0 * m * c3 + 6.0 * m * m * v + m.powi(4),
        _ => f64::NAN,
    }
}

/// A continuous probability distribution with SciPy's `loc` and `scale`.
///
/// Implementors provide the standard form (`standard_*`: `loc = 0`, `scale = 1`); everything
/// a user calls (`pdf`, `cdf`, `ppf`, `rvs`, ...) is provided on top, with SciPy's handling of
/// the support: outside `[a, b]` the density is 0, the cdf is 0 below and 1 above; `ppf(0)`
/// and `ppf(1)` are the support's ends; probabilities outside `[0, 1]` and NaN give NaN.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Norm};
/// let n = Norm::new(1.0, 2.0)?;
/// assert!((n.cdf(1.0) - 0.5).abs() < 1e-16);
/// assert!((n.ppf(n.cdf(3.0)) - 3.0).abs() < 1e-14);
/// assert_eq!(n.mean(), 1.0);
/// assert_eq!(n.var(), 4.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub trait ContinuousDistribution: Sync {
    /// The location parameter.
    fn loc(&self) -> f64;
    /// The scale parameter (> 0).
    fn scale(&self) -> f64;

    /// Support `(a, b)` of the standard form.
    fn standard_support(&self) -> (f64, f64);
    /// Density of the standard form at `z` inside the support.
    fn standard_pdf(&self, z: f64) -> f64;
    /// Log-density of the standard form (default `ln(standard_pdf)`).
    fn standard_logpdf(&self, z: f64) -> f64 {
        self.standard_pdf(z).ln()
    }
    /// Cumulative distribution function of the standard form inside the support.
    fn standard_cdf(&self, z: f64) -> f64;
    /// Survival function of the standard form (default `1 − standard_cdf`).
    fn standard_sf(&self, z: f64) -> f64 {
        1.0 - self.standard_cdf(z)
    }
    /// Log of the standard cdf. The default, as SciPy's, is `ln(cdf)` below the median and
    /// `ln1p(−sf)` above it.
    fn standard_logcdf(&self, z: f64) -> f64 {
        if z < self.standard_ppf(0.5) { self.standard_cdf(z).ln() } else { (-self.standard_sf(z)).ln_1p() }
    }
    /// Log of the standard survival function. The default, as SciPy's, is `ln(sf)` above
    /// the median and `ln1p(−cdf)` below it.
    fn standard_logsf(&self, z: f64) -> f64 {
        if z > self.standard_ppf(0.5) { self.standard_sf(z).ln() } else { (-self.standard_cdf(z)).ln_1p() }
    }
    /// Quantile function of the standard form for `0 < q < 1`.
    fn standard_ppf(&self, q: f64) -> f64;
    /// Inverse survival function of the standard form for `0 < q < 1` (default
    /// `standard_ppf(1 − q)`).
    fn standard_isf(&self, q: f64) -> f64 {
        self.standard_ppf(1.0 - q)
    }
    /// Mean, variance, skewness and excess kurtosis of the standard form.
    fn standard_stats(&self) -> DistributionStats;
    /// Differential entropy of the standard form (nats).
    fn standard_entropy(&self) -> f64;
    /// Raw moment `E[Zⁿ]` of the standard form; the default derives orders up to 4 from
    /// [`standard_stats`](Self::standard_stats) and returns NaN above.
    fn standard_raw_moment(&self, n: u32) -> f64 {
        raw_moment_from_stats(&self.standard_stats(), n)
    }
    /// One draw from the standard form (default: inversion of a uniform draw).
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64
    where
        Self: Sized,
    {
        let u: f64 = rng.random();
        self.standard_ppf(u)
    }

    /// Support `(a, b)` of the distribution (SciPy's `support()`).
    fn support(&self) -> (f64, f64) {
        let (a, b) = self.standard_support();
        (self.loc() + self.scale() * a, self.loc() + self.scale() * b)
    }

    /// Probability density function.
    fn pdf(&self, x: f64) -> f64 {
        let z = (x - self.loc()) / self.scale();
        let (a, b) = self.standard_support();
        if z.is_nan() {
            f64::NAN
        } else if z < a || z > b {
            0.0
        } else {
            self.standard_pdf(z) / self.scale()
        }
    }
    /// Log of the probability density function (accurate far in the tails).
    fn logpdf(&self, x: f64) -> f64 {
        let z = (x - self.loc()) / self.scale();
        let (a, b) = self.standard_support();
        if z.is_nan() {
            f64::NAN
        } else if z < a || z > b {
            f64::NEG_INFINITY
        } else {
            self.standard_logpdf(z) - self.scale().ln()
        }
    }
    /// Cumulative distribution function `P(X <= x)`.
    fn cdf(&self, x: f64) -> f64 {
        let z = (x - self.loc()) / self.scale();
        let (a, b) = self.standard_support();
        if z.is_nan() {
            f64::NAN
        } else if z <= a {
            0.0
        } else if z >= b {
            1.0
        } else {
            self.standard_cdf(z)
        }
    }
    /// Log of the cdf (accurate where the cdf underflows).
    fn logcdf(&self, x: f64) -> f64 {
        let z = (x - self.loc()) / self.scale();
        let (a, b) = self.standard_support();
        if z.is_nan() {
            f64::NAN
        } else if z <= a {
            f64::NEG_INFINITY
        } else if z >= b {
            0.0
        } else {
            self.standard_logcdf(z)
        }
    }
    /// Survival function `P(X > x) = 1 − cdf(x)`, computed without cancellation.
    fn sf(&self, x: f64) -> f64 {
        let z = (x - self.loc()) / self.scale();
        let (a, b) = self.standard_support();
        if z.is_nan() {
            f64::NAN
        } else if z <= a {
            1.0
        } else if z >= b {
            0.0
        } else {
            self.standard_sf(z)
        }
    }
    /// Log of the survival function.
    fn logsf(&self, x: f64) -> f64 {
        let z = (x - self.loc()) / self.scale();
        let (a, b) = self.standard_support();
        if z.is_nan() {
            f64::NAN
        } else if z <= a {
            0.0
        } else if z >= b {
            f64::NEG_INFINITY
        } else {
            self.standard_logsf(z)
        }
    }
    /// Percent point function (quantile, inverse of the cdf).
    fn ppf(&self, q: f64) -> f64 {
        let (a, b) = self.support();
        if !(0.0..=1.0).contains(&q) {
            f64::NAN
        } else if q == 0.0 {
            a
        } else if q == 1.0 {
            b
        } else {
            self.loc() + self.scale() * self.standard_ppf(q)
        }
    }
    /// Inverse survival function, `ppf(1 − q)` without the rounding of `1 − q`.
    fn isf(&self, q: f64) -> f64 {
        let (a, b) = self.support();
        if !(0.0..=1.0).contains(&q) {
            f64::NAN
        } else if q == 0.0 {
            b
        } else if q == 1.0 {
            a
        } else {
            self.loc() + self.scale() * self.standard_isf(q)
        }
    }

    /// Mean, variance, skewness and excess kurtosis (SciPy's `stats(moments='mvsk')`).
    fn stats(&self) -> DistributionStats {
        let s = self.standard_stats();
        let sc = self.scale();
        DistributionStats { mean: self.loc() + sc * s.mean, variance: sc * sc * s.variance, ..s }
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
    /// Differential entropy in nats.
    fn entropy(&self) -> f64 {
        self.standard_entropy() + self.scale().ln()
    }
    /// Non-central moment `E[Xⁿ]` (SciPy's `moment(order)`), expanded binomially in `loc`
    /// and `scale` from the standard form's raw moments.
    fn moment(&self, order: u32) -> f64 {
        let (loc, scale) = (self.loc(), self.scale());
        let mut total = 0.0;
        let mut binom = 1.0;
        for k in 0..=order {
            let raw = self.standard_raw_moment(k);
            let term = binom * loc.powi((order - k) as i32) * scale.powi(k as i32);
            if term != 0.0 {
                total += term * raw;
            }
            binom = binom * f64::from(order - k) / f64::from(k + 1);
        }
        total
    }
    /// Central interval containing `confidence` of the probability:
    /// `(ppf((1 − c)/2), ppf((1 + c)/2))` (SciPy's `interval`).
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

    /// `size` random variates (SciPy's `rvs(size=size, random_state=rng)`).
    ///
    /// The draws are made in blocks of 16 384, each from its own generator seeded from
    /// `rng`, and the blocks are filled in parallel: for a given seed the result is the same
    /// whatever the number of threads. It is not SciPy's stream (a different generator).
    fn rvs<R: Rng + ?Sized>(&self, size: usize, rng: &mut R) -> Array1<f64>
    where
        Self: Sized,
    {
        use rayon::prelude::*;
        let nblocks = size.div_ceil(CHUNK);
        let seeds: Vec<u64> = (0..nblocks).map(|_| rng.next_u64()).collect();
        let (loc, scale) = (self.loc(), self.scale());
        let mut out = vec![0.0; size];
        let fill = |(block, seed): (&mut [f64], &u64)| {
            let mut r = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(*seed);
            for v in block.iter_mut() {
                *v = loc + scale * self.standard_sample(&mut r);
            }
        };
        if size >= PAR_EVAL_MIN {
            sci_core::install(|| out.par_chunks_mut(CHUNK).zip(seeds.par_iter()).for_each(fill));
        } else {
            out.chunks_mut(CHUNK).zip(seeds.iter()).for_each(fill);
        }
        Array1::from(out)
    }

    /// [`pdf`](Self::pdf) of every element.
    fn pdf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.pdf(v))
    }
    /// [`logpdf`](Self::logpdf) of every element.
    fn logpdf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.logpdf(v))
    }
    /// [`cdf`](Self::cdf) of every element.
    fn cdf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.cdf(v))
    }
    /// [`logcdf`](Self::logcdf) of every element.
    fn logcdf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.logcdf(v))
    }
    /// [`sf`](Self::sf) of every element.
    fn sf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.sf(v))
    }
    /// [`logsf`](Self::logsf) of every element.
    fn logsf_array<S: Data<Elem = f64>, D: Dimension>(&self, x: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(x, |v| self.logsf(v))
    }
    /// [`ppf`](Self::ppf) of every element.
    fn ppf_array<S: Data<Elem = f64>, D: Dimension>(&self, q: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(q, |v| self.ppf(v))
    }
    /// [`isf`](Self::isf) of every element.
    fn isf_array<S: Data<Elem = f64>, D: Dimension>(&self, q: &ArrayBase<S, D>) -> Array<f64, D>
    where
        Self: Sized,
    {
        map_array(q, |v| self.isf(v))
    }
}
