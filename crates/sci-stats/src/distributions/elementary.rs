//! Location-scale families with closed-form cdf and quantile: `cauchy`, `laplace`,
//! `logistic`, `lognorm`, `weibull_min`, `rayleigh`, `gumbel_r`, `halfnorm`.

use std::f64::consts::{LN_2, PI};

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use sci_core::{Error, Result};

use super::continuous::{ContinuousDistribution, DistributionStats};
use crate::special::{expit, gamma, log_ndtr, ndtr, ndtri};

/// Euler-Mascheroni constant γ.
const EULER: f64 = 0.577_215_664_901_532_9;
/// ζ(3) (Apéry's constant).
const ZETA3: f64 = 1.202_056_903_159_594_3;

fn check_shape(name: &str, v: f64) -> Result<()> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid_argument(name, format!("must be a finite number > 0, got {v}")))
    }
}

macro_rules! loc_scale_impl {
    () => {
        fn loc(&self) -> f64 {
            self.loc
        }
        fn scale(&self) -> f64 {
            self.scale
        }
    };
}

/// The Cauchy distribution (`scipy.stats.cauchy`): density `1/(π(1 + z²))`,
/// `cdf = ½ + atan(z)/π` (evaluated as `atan(−1/z)/π` in the lower tail, so it stays accurate
/// there). Mean and variance do not exist (NaN).
///
/// ```
/// use sci_stats::{Cauchy, ContinuousDistribution};
/// let c = Cauchy::new(0.0, 1.0)?;
/// assert!((c.cdf(1.0) - 0.75).abs() < 1e-16);
/// assert!((c.ppf(0.75) - 1.0).abs() < 1e-15);
/// assert!(c.mean().is_nan());
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Cauchy {
    loc: f64,
    scale: f64,
}

impl Cauchy {
    /// The Cauchy distribution with median `loc` and half-width `scale`.
    ///
    /// ```
    /// assert!(sci_stats::Cauchy::new(0.0, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<Cauchy> {
        super::check_loc_scale(loc, scale)?;
        Ok(Cauchy { loc, scale })
    }
}

impl ContinuousDistribution for Cauchy {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (f64::NEG_INFINITY, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        1.0 / (PI * (1.0 + z * z))
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        if z < -1.0 { (-1.0 / z).atan() / PI } else { 0.5 + z.atan() / PI }
    }
    fn standard_sf(&self, z: f64) -> f64 {
        self.standard_cdf(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        // tan(π(q − ½)) = −1/tan(πq), evaluated where it is accurate.
        if q < 0.25 {
            -1.0 / (PI * q).tan()
        } else if q > 0.75 {
            1.0 / (PI * (1.0 - q)).tan()
        } else {
            (PI * (q - 0.5)).tan()
        }
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -self.standard_ppf(q)
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats { mean: f64::NAN, variance: f64::NAN, skewness: f64::NAN, kurtosis: f64::NAN }
    }
    fn standard_entropy(&self) -> f64 {
        (4.0 * PI).ln()
    }
}

/// The Laplace (double exponential) distribution (`scipy.stats.laplace`): density
/// `e^(−|z|)/2`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Laplace};
/// let l = Laplace::new(0.0, 1.0)?;
/// assert!((l.cdf(0.0) - 0.5).abs() < 1e-16);
/// assert_eq!(l.var(), 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Laplace {
    loc: f64,
    scale: f64,
}

impl Laplace {
    /// The Laplace distribution with location `loc` and scale `scale`.
    ///
    /// ```
    /// assert!(sci_stats::Laplace::new(f64::NAN, 1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<Laplace> {
        super::check_loc_scale(loc, scale)?;
        Ok(Laplace { loc, scale })
    }
}

impl ContinuousDistribution for Laplace {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (f64::NEG_INFINITY, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        0.5 * (-z.abs()).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        -LN_2 - z.abs()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        if z > 0.0 { 1.0 - 0.5 * (-z).exp() } else { 0.5 * z.exp() }
    }
    fn standard_sf(&self, z: f64) -> f64 {
        self.standard_cdf(-z)
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        if z > 0.0 { (-0.5 * (-z).exp()).ln_1p() } else { z - LN_2 }
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        self.standard_logcdf(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        if q > 0.5 { -(2.0 * (1.0 - q)).ln() } else { (2.0 * q).ln() }
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -self.standard_ppf(q)
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats { mean: 0.0, variance: 2.0, skewness: 0.0, kurtosis: 3.0 }
    }
    fn standard_entropy(&self) -> f64 {
        LN_2 + 1.0
    }
}

/// The logistic distribution (`scipy.stats.logistic`): `cdf = expit(z) = 1/(1 + e^(−z))`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Logistic};
/// let l = Logistic::new(0.0, 1.0)?;
/// assert!((l.ppf(0.75) - 3f64.ln()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Logistic {
    loc: f64,
    scale: f64,
}

impl Logistic {
    /// The logistic distribution with location `loc` and scale `scale`.
    ///
    /// ```
    /// assert!(sci_stats::Logistic::new(0.0, -2.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<Logistic> {
        super::check_loc_scale(loc, scale)?;
        Ok(Logistic { loc, scale })
    }
}

impl ContinuousDistribution for Logistic {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (f64::NEG_INFINITY, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        let e = (-z.abs()).exp();
        e / ((1.0 + e) * (1.0 + e))
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        let a = z.abs();
        -a - 2.0 * (-a).exp().ln_1p()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        expit(z)
    }
    fn standard_sf(&self, z: f64) -> f64 {
        expit(-z)
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        // ln expit(z) = −ln(1 + e^(−z)).
        if z < 0.0 { z - z.exp().ln_1p() } else { -(-z).exp().ln_1p() }
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        self.standard_logcdf(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        (q / (1.0 - q)).ln()
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -self.standard_ppf(q)
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats { mean: 0.0, variance: PI * PI / 3.0, skewness: 0.0, kurtosis: 1.2 }
    }
    fn standard_entropy(&self) -> f64 {
        2.0
    }
}

/// The log-normal distribution with shape `s` (`scipy.stats.lognorm`): `ln(X)` is normal with
/// standard deviation `s` (and mean `ln(scale)` when `loc = 0`).
///
/// ```
/// use sci_stats::{ContinuousDistribution, Lognorm};
/// let l = Lognorm::new(0.5, 0.0, 1.0)?;
/// assert!((l.median() - 1.0).abs() < 1e-15);
/// assert!((l.mean() - 0.125f64.exp()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lognorm {
    s: f64,
    loc: f64,
    scale: f64,
}

impl Lognorm {
    /// The log-normal distribution with shape `s > 0`.
    ///
    /// ```
    /// assert!(sci_stats::Lognorm::new(0.0, 0.0, 1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `s > 0`, `loc` finite and `scale > 0` (finite).
    pub fn new(s: f64, loc: f64, scale: f64) -> Result<Lognorm> {
        check_shape("s", s)?;
        super::check_loc_scale(loc, scale)?;
        Ok(Lognorm { s, loc, scale })
    }
}

impl ContinuousDistribution for Lognorm {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        self.standard_logpdf(z).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        if z == 0.0 {
            return f64::NEG_INFINITY;
        }
        let s = self.s;
        let l = z.ln();
        -l * l / (2.0 * s * s) - s.ln() - l - 0.5 * (2.0 * PI).ln()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        ndtr(z.ln() / self.s)
    }
    fn standard_sf(&self, z: f64) -> f64 {
        ndtr(-z.ln() / self.s)
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        log_ndtr(z.ln() / self.s)
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        log_ndtr(-z.ln() / self.s)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        (self.s * ndtri(q)).exp()
    }
    fn standard_isf(&self, q: f64) -> f64 {
        (-self.s * ndtri(q)).exp()
    }
    fn standard_stats(&self) -> DistributionStats {
        let p = (self.s * self.s).exp();
        DistributionStats {
            mean: p.sqrt(),
            variance: p * (p - 1.0),
            skewness: (p + 2.0) * (p - 1.0).sqrt(),
            kurtosis: p.powi(4) + 2.0 * p.powi(3) + 3.0 * p * p - 6.0,
        }
    }
    fn standard_entropy(&self) -> f64 {
        0.5 * (1.0 + (2.0 * PI).ln()) + self.s.ln()
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        let n = f64::from(n);
        (n * n * self.s * self.s / 2.0).exp()
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let z: f64 = StandardNormal.sample(rng);
        (self.s * z).exp()
    }
}

/// The Weibull minimum distribution with shape `c` (`scipy.stats.weibull_min`):
/// `sf(z) = exp(−z^c)` on `z >= 0`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, WeibullMin};
/// let w = WeibullMin::new(1.0, 0.0, 2.0)?;
/// assert!((w.mean() - 2.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WeibullMin {
    c: f64,
    loc: f64,
    scale: f64,
}

impl WeibullMin {
    /// The Weibull minimum distribution with shape `c > 0`.
    ///
    /// ```
    /// assert!(sci_stats::WeibullMin::new(-1.0, 0.0, 1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `c > 0`, `loc` finite and `scale > 0` (finite).
    pub fn new(c: f64, loc: f64, scale: f64) -> Result<WeibullMin> {
        check_shape("c", c)?;
        super::check_loc_scale(loc, scale)?;
        Ok(WeibullMin { c, loc, scale })
    }
}

impl ContinuousDistribution for WeibullMin {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        self.c * z.powf(self.c - 1.0) * (-z.powf(self.c)).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        let c = self.c;
        c.ln() + crate::special::xlogy(c - 1.0, z) - z.powf(c)
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        -(-z.powf(self.c)).exp_m1()
    }
    fn standard_sf(&self, z: f64) -> f64 {
        (-z.powf(self.c)).exp()
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        -z.powf(self.c)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        (-(-q).ln_1p()).powf(1.0 / self.c)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        (-q.ln()).powf(1.0 / self.c)
    }
    fn standard_stats(&self) -> DistributionStats {
        let c = self.c;
        let g = |k: f64| gamma(1.0 + k / c);
        let (g1, g2, g3, g4) = (g(1.0), g(2.0), g(3.0), g(4.0));
        let var = g2 - g1 * g1;
        DistributionStats {
            mean: g1,
            variance: var,
            skewness: (2.0 * g1.powi(3) - 3.0 * g1 * g2 + g3) / var.powf(1.5),
            kurtosis: (-6.0 * g1.powi(4) + 12.0 * g1 * g1 * g2 - 3.0 * g2 * g2 - 4.0 * g1 * g3 + g4)
                / (var * var),
        }
    }
    fn standard_entropy(&self) -> f64 {
        -self.c.ln() + EULER * (1.0 - 1.0 / self.c) + 1.0
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        gamma(1.0 + f64::from(n) / self.c)
    }
}

/// The Rayleigh distribution (`scipy.stats.rayleigh`): `sf(z) = exp(−z²/2)` on `z >= 0`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Rayleigh};
/// let r = Rayleigh::new(0.0, 1.0)?;
/// assert!((r.mean() - (std::f64::consts::PI / 2.0).sqrt()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rayleigh {
    loc: f64,
    scale: f64,
}

impl Rayleigh {
    /// The Rayleigh distribution with location `loc` and scale `scale`.
    ///
    /// ```
    /// assert!(sci_stats::Rayleigh::new(0.0, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<Rayleigh> {
        super::check_loc_scale(loc, scale)?;
        Ok(Rayleigh { loc, scale })
    }
}

impl ContinuousDistribution for Rayleigh {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        z * (-z * z / 2.0).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        z.ln() - z * z / 2.0
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        -(-z * z / 2.0).exp_m1()
    }
    fn standard_sf(&self, z: f64) -> f64 {
        (-z * z / 2.0).exp()
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        -z * z / 2.0
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        (-2.0 * (-q).ln_1p()).sqrt()
    }
    fn standard_isf(&self, q: f64) -> f64 {
        (-2.0 * q.ln()).sqrt()
    }
    fn standard_stats(&self) -> DistributionStats {
        let v = (4.0 - PI) / 2.0;
        DistributionStats {
            mean: (PI / 2.0).sqrt(),
            variance: v,
            skewness: 2.0 * (PI - 3.0) * PI.sqrt() / (4.0 - PI).powf(1.5),
            kurtosis: -(6.0 * PI * PI - 24.0 * PI + 16.0) / ((4.0 - PI) * (4.0 - PI)),
        }
    }
    fn standard_entropy(&self) -> f64 {
        EULER / 2.0 + 1.0 - 0.5 * LN_2
    }
}

/// The right-skewed Gumbel (extreme value type I) distribution (`scipy.stats.gumbel_r`):
/// `cdf(z) = exp(−e^(−z))`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, GumbelR};
/// let g = GumbelR::new(0.0, 1.0)?;
/// assert!((g.cdf(0.0) - (-1.0f64).exp()).abs() < 1e-16);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GumbelR {
    loc: f64,
    scale: f64,
}

impl GumbelR {
    /// The Gumbel distribution with mode `loc` and scale `scale`.
    ///
    /// ```
    /// assert!(sci_stats::GumbelR::new(0.0, f64::INFINITY).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<GumbelR> {
        super::check_loc_scale(loc, scale)?;
        Ok(GumbelR { loc, scale })
    }
}

impl ContinuousDistribution for GumbelR {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (f64::NEG_INFINITY, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        self.standard_logpdf(z).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        -z - (-z).exp()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        (-(-z).exp()).exp()
    }
    fn standard_sf(&self, z: f64) -> f64 {
        -(-(-z).exp()).exp_m1()
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        -(-z).exp()
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        -(-q.ln()).ln()
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -(-(-q).ln_1p()).ln()
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats {
            mean: EULER,
            variance: PI * PI / 6.0,
            skewness: 12.0 * 6f64.sqrt() * ZETA3 / PI.powi(3),
            kurtosis: 12.0 / 5.0,
        }
    }
    fn standard_entropy(&self) -> f64 {
        EULER + 1.0
    }
}

/// The half-normal distribution (`scipy.stats.halfnorm`): `|Z|` for standard normal `Z`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Halfnorm};
/// let h = Halfnorm::new(0.0, 1.0)?;
/// assert!((h.cdf(1.959963984540054) - 0.95).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Halfnorm {
    loc: f64,
    scale: f64,
}

impl Halfnorm {
    /// The half-normal distribution on `[loc, ∞)` with scale `scale`.
    ///
    /// ```
    /// assert!(sci_stats::Halfnorm::new(0.0, -1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<Halfnorm> {
        super::check_loc_scale(loc, scale)?;
        Ok(Halfnorm { loc, scale })
    }
}

impl ContinuousDistribution for Halfnorm {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (0.0, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        (2.0 / PI).sqrt() * (-z * z / 2.0).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        0.5 * (2.0 / PI).ln() - z * z / 2.0
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        crate::special::erf(z / std::f64::consts::SQRT_2)
    }
    fn standard_sf(&self, z: f64) -> f64 {
        2.0 * ndtr(-z)
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        LN_2 + log_ndtr(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        ndtri((1.0 + q) / 2.0)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -ndtri(q / 2.0)
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats {
            mean: (2.0 / PI).sqrt(),
            variance: 1.0 - 2.0 / PI,
            skewness: 2f64.sqrt() * (4.0 - PI) / (PI - 2.0).powf(1.5),
            kurtosis: 8.0 * (PI - 3.0) / ((PI - 2.0) * (PI - 2.0)),
        }
    }
    fn standard_entropy(&self) -> f64 {
        0.5 * (PI / 2.0).ln() + 0.5
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let z: f64 = StandardNormal.sample(rng);
        z.abs()
    }
}

/// The left-skewed Gumbel distribution (`scipy.stats.gumbel_l`), the mirror image of
/// [`GumbelR`]: `sf(z) = exp(−e^z)`.
///
/// ```
/// use sci_stats::{ContinuousDistribution, GumbelL};
/// let g = GumbelL::new(0.0, 1.0)?;
/// assert!((g.sf(0.0) - (-1.0f64).exp()).abs() < 1e-16);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GumbelL {
    loc: f64,
    scale: f64,
}

impl GumbelL {
    /// The left-skewed Gumbel distribution with mode `loc` and scale `scale`.
    ///
    /// ```
    /// assert!(sci_stats::GumbelL::new(0.0, 0.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `loc` is finite and `scale` finite and positive.
    pub fn new(loc: f64, scale: f64) -> Result<GumbelL> {
        super::check_loc_scale(loc, scale)?;
        Ok(GumbelL { loc, scale })
    }
}

impl ContinuousDistribution for GumbelL {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (f64::NEG_INFINITY, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        self.standard_logpdf(z).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        z - z.exp()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        -(-z.exp()).exp_m1()
    }
    fn standard_sf(&self, z: f64) -> f64 {
        (-z.exp()).exp()
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        -z.exp()
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        (-(-q).ln_1p()).ln()
    }
    fn standard_isf(&self, q: f64) -> f64 {
        (-q.ln()).ln()
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats {
            mean: -EULER,
            variance: PI * PI / 6.0,
            skewness: -12.0 * 6f64.sqrt() / PI.powi(3) * ZETA3,
            kurtosis: 12.0 / 5.0,
        }
    }
    fn standard_entropy(&self) -> f64 {
        EULER + 1.0
    }
}

/// The Pareto distribution with shape `b` (`scipy.stats.pareto`): `sf(z) = z^(−b)` on
/// `z >= 1` (the cdf is computed as `−expm1(−b ln z)`, accurate near `z = 1`).
///
/// ```
/// use sci_stats::{ContinuousDistribution, Pareto};
/// let p = Pareto::new(3.0, 0.0, 1.0)?;
/// assert_eq!(p.sf(2.0), 0.125);
/// assert!((p.mean() - 1.5).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pareto {
    b: f64,
    loc: f64,
    scale: f64,
}

impl Pareto {
    /// The Pareto distribution with shape `b > 0`.
    ///
    /// ```
    /// assert!(sci_stats::Pareto::new(0.0, 0.0, 1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `b > 0`, `loc` finite and `scale > 0` (finite).
    pub fn new(b: f64, loc: f64, scale: f64) -> Result<Pareto> {
        check_shape("b", b)?;
        super::check_loc_scale(loc, scale)?;
        Ok(Pareto { b, loc, scale })
    }
}

impl ContinuousDistribution for Pareto {
    loc_scale_impl!();
    fn standard_support(&self) -> (f64, f64) {
        (1.0, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        self.b * z.powf(-self.b - 1.0)
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        self.b.ln() - (self.b + 1.0) * z.ln()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        -(-self.b * z.ln()).exp_m1()
    }
    fn standard_sf(&self, z: f64) -> f64 {
        z.powf(-self.b)
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        -self.b * z.ln()
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        (-(-q).ln_1p() / self.b).exp()
    }
    fn standard_isf(&self, q: f64) -> f64 {
        q.powf(-1.0 / self.b)
    }
    fn standard_stats(&self) -> DistributionStats {
        let b = self.b;
        DistributionStats {
            mean: if b > 1.0 { b / (b - 1.0) } else { f64::INFINITY },
            variance: if b > 2.0 { b / (b - 2.0) / (b - 1.0).powi(2) } else { f64::INFINITY },
            skewness: if b > 3.0 { 2.0 * (b + 1.0) * ((b - 2.0) / b).sqrt() / (b - 3.0) } else { f64::NAN },
            kurtosis: if b > 4.0 {
                6.0 * (b.powi(3) + b * b - 6.0 * b - 2.0) / (b * (b - 3.0) * (b - 4.0))
            } else {
                f64::NAN
            },
        }
    }
    fn standard_entropy(&self) -> f64 {
        1.0 + 1.0 / self.b - self.b.ln()
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        let n = f64::from(n);
        if n < self.b { self.b / (self.b - n) } else { f64::INFINITY }
    }
}
