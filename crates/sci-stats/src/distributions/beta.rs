//! The beta distribution (`scipy.stats.beta`).

use rand::Rng;
use rand_distr::Distribution;
use sci_core::{Error, Result};

use super::continuous::{ContinuousDistribution, DistributionStats};
use crate::special::incbeta::{BetaNorm, betainc_pair_with};
use crate::special::{betainccinv, betaincinv, digamma, xlog1py, xlogy};

/// The beta distribution with shapes `a`, `b` on `[loc, loc + scale]` (`scipy.stats.beta`).
///
/// Standard density `x^(a−1)(1−x)^(b−1)/B(a, b)` on `[0, 1]`; cdf, sf and their inverses
/// are the regularized incomplete beta function and its complement and inverses
/// ([`betainc`](crate::special::betainc), [`betaincc`](crate::special::betaincc),
/// [`betaincinv`], [`betainccinv`]), accurate in both tails (`ppf(1e-8)` of `a = b = ½` is
/// 2.47e-16). `B(a, b)` is computed once, when the distribution is made.
///
/// ```
/// use sci_stats::{Beta, ContinuousDistribution};
/// let b = Beta::new(0.5, 0.5, 0.0, 1.0)?;
/// assert!((b.ppf(1e-8) / 2.4674011002723395e-16 - 1.0).abs() < 1e-12);
/// let b = Beta::new(2.0, 3.0, 0.0, 1.0)?;
/// assert_eq!(b.mean(), 0.4);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Beta {
    a: f64,
    b: f64,
    loc: f64,
    scale: f64,
    /// `B(a, b)` and `ln B(a, b)`, computed once for the density and the cdf/sf.
    norm: BetaNorm,
}

impl Beta {
    /// The beta distribution with shape parameters `a`, `b`.
    ///
    /// ```
    /// assert!(sci_stats::Beta::new(1.0, 0.0, 0.0, 1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `a` and `b` are finite and positive, `loc` finite
    /// and `scale > 0` (finite).
    pub fn new(a: f64, b: f64, loc: f64, scale: f64) -> Result<Beta> {
        for (name, v) in [("a", a), ("b", b)] {
            if !(v.is_finite() && v > 0.0) {
                return Err(Error::invalid_argument(name, format!("must be a finite number > 0, got {v}")));
            }
        }
        super::check_loc_scale(loc, scale)?;
        Ok(Beta { a, b, loc, scale, norm: BetaNorm::new(a, b) })
    }
}

impl ContinuousDistribution for Beta {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn scale(&self) -> f64 {
        self.scale
    }
    fn standard_support(&self) -> (f64, f64) {
        (0.0, 1.0)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        self.standard_logpdf(z).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        xlog1py(self.b - 1.0, -z) + xlogy(self.a - 1.0, z) - self.norm.lnbeta(self.a, self.b)
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        betainc_pair_with(self.a, self.b, z, &self.norm).0
    }
    fn standard_sf(&self, z: f64) -> f64 {
        betainc_pair_with(self.a, self.b, z, &self.norm).1
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        betaincinv(self.a, self.b, q)
    }
    fn standard_isf(&self, q: f64) -> f64 {
        betainccinv(self.a, self.b, q)
    }
    fn standard_stats(&self) -> DistributionStats {
        let (a, b) = (self.a, self.b);
        let s = a + b;
        DistributionStats {
            mean: a / s,
            variance: a * b / (s * s * (s + 1.0)),
            skewness: 2.0 * (b - a) * (s + 1.0).sqrt() / ((s + 2.0) * (a * b).sqrt()),
            kurtosis: 6.0 * ((a - b).powi(2) * (s + 1.0) - a * b * (s + 2.0))
                / (a * b * (s + 2.0) * (s + 3.0)),
        }
    }
    fn standard_entropy(&self) -> f64 {
        let (a, b) = (self.a, self.b);
        self.norm.lnbeta(a, b) - (a - 1.0) * digamma(a) - (b - 1.0) * digamma(b)
            + (a + b - 2.0) * digamma(a + b)
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        (0..n).map(|k| (self.a + f64::from(k)) / (self.a + self.b + f64::from(k))).product()
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match rand_distr::Beta::new(self.a, self.b) {
            Ok(d) => d.sample(rng),
            Err(_) => f64::NAN,
        }
    }
}
