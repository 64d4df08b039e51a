//! The normal distribution (`scipy.stats.norm`).

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};
use sci_core::Result;

use super::continuous::{ContinuousDistribution, DistributionStats};
use crate::special::{log_ndtr, ndtr, ndtri};

/// `sqrt(2π)`.
const SQRT_2PI: f64 = 2.506_628_274_631_000_7;
/// `ln sqrt(2π)`.
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// The normal (Gaussian) distribution `N(loc, scale²)` (`scipy.stats.norm`).
///
/// Standard density `φ(z) = exp(−z²/2)/√(2π)`. The cdf, survival function and their
/// logarithms come from [`ndtr`] and [`log_ndtr`], accurate deep into both tails (`sf(37)`
/// ≈ 5.7e-300; `logsf(40)` ≈ −804.6 where `sf` itself underflows); the quantiles from
/// [`ndtri`], down to `ppf(1e-300)`. Sampling uses the ziggurat method.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Norm};
/// let n = Norm::standard();
/// assert!((n.cdf(1.96) - 0.9750021048517795).abs() < 1e-16);
/// assert!((n.ppf(0.975) - 1.959963984540054).abs() < 1e-15);
/// assert!((n.sf(10.0) - 7.619853024160527e-24).abs() < 1e-38);
/// assert!((n.logsf(40.0) + 804.6084420137538).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Norm {
    loc: f64,
    scale: f64,
}

impl Norm {
    /// `N(loc, scale²)`.
    ///
    /// ```
    /// use sci_stats::{ContinuousDistribution, Norm};
    /// let n = Norm::new(10.0, 2.0)?;
    /// assert_eq!(n.std(), 2.0);
    /// assert!(Norm::new(0.0, -1.0).is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`sci_core::Error::InvalidArgument`] unless `loc` is finite and `scale` finite and
    /// positive (SciPy returns NaN from every method instead).
    pub fn new(loc: f64, scale: f64) -> Result<Norm> {
        super::check_loc_scale(loc, scale)?;
        Ok(Norm { loc, scale })
    }

    /// The standard normal distribution `N(0, 1)`.
    ///
    /// ```
    /// use sci_stats::{ContinuousDistribution, Norm};
    /// assert!((Norm::standard().pdf(0.0) - 0.3989422804014327).abs() < 1e-16);
    /// ```
    pub fn standard() -> Norm {
        Norm { loc: 0.0, scale: 1.0 }
    }
}

impl Default for Norm {
    fn default() -> Self {
        Norm::standard()
    }
}

impl ContinuousDistribution for Norm {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn scale(&self) -> f64 {
        self.scale
    }
    fn standard_support(&self) -> (f64, f64) {
        (f64::NEG_INFINITY, f64::INFINITY)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        (-z * z / 2.0).exp() / SQRT_2PI
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        -(z * z) / 2.0 - LN_SQRT_2PI
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        ndtr(z)
    }
    fn standard_sf(&self, z: f64) -> f64 {
        ndtr(-z)
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        log_ndtr(z)
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        log_ndtr(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        ndtri(q)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -ndtri(q)
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats { mean: 0.0, variance: 1.0, skewness: 0.0, kurtosis: 0.0 }
    }
    fn standard_entropy(&self) -> f64 {
        0.5 * (2.0 * std::f64::consts::PI).ln() + 0.5
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        // E[Z^n] = (n − 1)!! for even n, 0 for odd n.
        if n % 2 == 1 {
            return 0.0;
        }
        (1..n).step_by(2).map(f64::from).product()
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        StandardNormal.sample(rng)
    }
}
