//! The continuous uniform distribution (`scipy.stats.uniform`).

use rand::{Rng, RngExt};
use sci_core::Result;

use super::continuous::{ContinuousDistribution, DistributionStats};

/// The uniform distribution on `[loc, loc + scale]` (`scipy.stats.uniform`).
///
/// ```
/// use sci_stats::{ContinuousDistribution, Uniform};
/// let u = Uniform::new(2.0, 4.0)?;
/// assert_eq!(u.pdf(3.0), 0.25);
/// assert_eq!(u.cdf(5.0), 0.75);
/// assert_eq!(u.ppf(0.5), 4.0);
/// assert_eq!(u.var(), 16.0 / 12.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uniform {
    loc: f64,
    scale: f64,
}

impl Uniform {
    /// The uniform distribution on `[loc, loc + scale]`.
    ///
    /// ```
    /// use sci_stats::{ContinuousDistribution, Uniform};
    /// assert_eq!(Uniform::new(-1.0, 2.0)?.support(), (-1.0, 1.0));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`sci_core::Error::InvalidArgument`] unless `loc` is finite and `scale` finite and
    /// positive.
    pub fn new(loc: f64, scale: f64) -> Result<Uniform> {
        super::check_loc_scale(loc, scale)?;
        Ok(Uniform { loc, scale })
    }

    /// The uniform distribution on `[0, 1]`.
    ///
    /// ```
    /// use sci_stats::{ContinuousDistribution, Uniform};
    /// assert_eq!(Uniform::standard().mean(), 0.5);
    /// ```
    pub fn standard() -> Uniform {
        Uniform { loc: 0.0, scale: 1.0 }
    }
}

impl Default for Uniform {
    fn default() -> Self {
        Uniform::standard()
    }
}

impl ContinuousDistribution for Uniform {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn scale(&self) -> f64 {
        self.scale
    }
    fn standard_support(&self) -> (f64, f64) {
        (0.0, 1.0)
    }
    fn standard_pdf(&self, _z: f64) -> f64 {
        1.0
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        z
    }
    fn standard_sf(&self, z: f64) -> f64 {
        1.0 - z
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        q
    }
    fn standard_isf(&self, q: f64) -> f64 {
        1.0 - q
    }
    fn standard_stats(&self) -> DistributionStats {
        DistributionStats { mean: 0.5, variance: 1.0 / 12.0, skewness: 0.0, kurtosis: -1.2 }
    }
    fn standard_entropy(&self) -> f64 {
        0.0
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        1.0 / f64::from(n + 1)
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        rng.random::<f64>()
    }
}
