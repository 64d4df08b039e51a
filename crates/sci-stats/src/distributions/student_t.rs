//! Student's t distribution (`scipy.stats.t`).

use rand::Rng;
use rand_distr::Distribution;
use sci_core::{Error, Result};

use super::continuous::{ContinuousDistribution, DistributionStats};
use crate::special::incbeta::{BetaNorm, betainc_pair_with};
use crate::special::{betainccinv, betaincinv, betaln, digamma};

/// Student's t distribution with `df` degrees of freedom (`scipy.stats.t`).
///
/// Standard density `(1 + z²/ν)^(−(ν+1)/2) / (√ν B(ν/2, ½))`. The tails come from the
/// regularized incomplete beta function: with `x = ν/(ν + z²)`, `P(T < −|z|) = I_x(ν/2, ½)/2`
/// (or `I_{1−x}(½, ν/2)` complemented near the centre), so `sf(1e3)` for `ν = 5` (≈ 1.6e-14)
/// keeps full precision; quantiles invert the same relation.
///
/// ```
/// use sci_stats::{ContinuousDistribution, StudentT};
/// let t = StudentT::new(10.0, 0.0, 1.0)?;
/// assert!((t.sf(2.228138851986274) - 0.025).abs() < 1e-15);
/// assert!((t.isf(0.025) - 2.228138851986274).abs() < 1e-13);
/// assert_eq!(t.var(), 1.25);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StudentT {
    df: f64,
    loc: f64,
    scale: f64,
    /// `B(df/2, ½)` and its logarithm, shared by every evaluation.
    norm: BetaNorm,
}

/// `e^230`: beyond `z² > df·e^230` the lower tail is a single power of `df/z²`.
const FAR_TAIL_RATIO: f64 = 7.722_018_499_983_836e99;

impl StudentT {
    /// Student's t with `df > 0` (finite, not necessarily an integer) degrees of freedom.
    ///
    /// ```
    /// assert!(sci_stats::StudentT::new(0.0, 0.0, 1.0).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `df` is finite and positive, `loc` finite and
    /// `scale > 0` (finite).
    ///
    /// # Differences from SciPy
    /// `df = inf` (the normal limit) is not accepted; use [`Norm`](crate::Norm).
    pub fn new(df: f64, loc: f64, scale: f64) -> Result<StudentT> {
        if !(df.is_finite() && df > 0.0) {
            return Err(Error::invalid_argument("df", format!("must be a finite number > 0, got {df}")));
        }
        super::check_loc_scale(loc, scale)?;
        Ok(StudentT { df, loc, scale, norm: BetaNorm::new(df / 2.0, 0.5) })
    }

    /// The degrees of freedom.
    ///
    /// ```
    /// assert_eq!(sci_stats::StudentT::new(3.0, 0.0, 1.0)?.df(), 3.0);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn df(&self) -> f64 {
        self.df
    }

    /// `ln B(df/2, ½)`.
    fn norm_lnbeta(&self) -> f64 {
        self.norm.lnbeta(self.df / 2.0, 0.5)
    }

    /// `P(T <= −|z|)`, the lower tail at `−|z|`.
    fn tail(&self, z: f64) -> f64 {
        let (df, z2) = (self.df, z * z);
        // ln(df/z²) < -230: the far tail, where z² may overflow (the logarithms are only
        // taken there).
        if z2 > df * FAR_TAIL_RATIO {
            // I_x(df/2, 1/2) = x^(df/2)/((df/2) B(df/2, 1/2)) to working precision for
            // x = df/z² < 1e-100.
            let ln_x = df.ln() - 2.0 * z.abs().ln();
            let a = df / 2.0;
            return (a * ln_x - a.ln() - self.norm_lnbeta()).exp() / 2.0;
        }
        if df > 2.0 * z2 {
            betainc_pair_with(0.5, df / 2.0, z2 / (df + z2), &self.norm).1 / 2.0
        } else {
            betainc_pair_with(df / 2.0, 0.5, df / (df + z2), &self.norm).0 / 2.0
        }
    }

    /// `|t|` with `P(T <= −|t|) = p` for `0 < p <= 1/2`.
    fn tail_inverse(&self, p: f64) -> f64 {
        let df = self.df;
        // 2p = I_x(df/2, 1/2) with x = df/(df + t²); near the centre x → 1 and 1 − x is
        // recovered from the complementary relation 2p = 1 − I_{1−x}(1/2, df/2).
        let x = betaincinv(df / 2.0, 0.5, 2.0 * p);
        if x < 1e-100 {
            // Far tail (x may even underflow): I_x(df/2, 1/2) = x^(df/2)/((df/2) B(df/2, 1/2))
            // to working precision with x = df/t², so solve for t in logarithms.
            let ln_t = 0.5 * df.ln() - ((2.0 * p).ln() + (df / 2.0).ln() + betaln(df / 2.0, 0.5)) / df;
            ln_t.exp()
        } else if x < 0.5 {
            (df * (1.0 - x) / x).sqrt()
        } else {
            let w = betainccinv(0.5, df / 2.0, 2.0 * p);
            (df * w / (1.0 - w)).sqrt()
        }
    }
}

impl ContinuousDistribution for StudentT {
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
        self.standard_logpdf(z).exp()
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        let df = self.df;
        -self.norm_lnbeta() - 0.5 * df.ln() - (df + 1.0) / 2.0 * (z * z / df).ln_1p()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        if z == 0.0 {
            0.5
        } else if z < 0.0 {
            self.tail(z)
        } else {
            1.0 - self.tail(z)
        }
    }
    fn standard_sf(&self, z: f64) -> f64 {
        self.standard_cdf(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        if q == 0.5 {
            0.0
        } else if q < 0.5 {
            -self.tail_inverse(q)
        } else {
            self.tail_inverse(1.0 - q)
        }
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -self.standard_ppf(q)
    }
    fn standard_stats(&self) -> DistributionStats {
        let df = self.df;
        let variance = if df > 2.0 {
            df / (df - 2.0)
        } else if df > 1.0 {
            f64::INFINITY
        } else {
            f64::NAN
        };
        let kurtosis = if df > 4.0 {
            6.0 / (df - 4.0)
        } else if df > 2.0 {
            f64::INFINITY
        } else {
            f64::NAN
        };
        DistributionStats {
            mean: if df > 1.0 { 0.0 } else { f64::INFINITY },
            variance,
            skewness: if df > 3.0 { 0.0 } else { f64::NAN },
            kurtosis,
        }
    }
    fn standard_entropy(&self) -> f64 {
        let df = self.df;
        if df >= 100.0 {
            // SciPy's asymptotic expansion for large df.
            let norm = 0.5 * (2.0 * std::f64::consts::PI).ln() + 0.5;
            norm + 1.0 / df + df.powi(-2) / 4.0 - df.powi(-3) / 6.0 - df.powi(-4) / 8.0
                + 0.3 * df.powi(-5)
                + df.powi(-6) / 4.0
        } else {
            let (half, half1) = (df / 2.0, (df + 1.0) / 2.0);
            half1 * (digamma(half1) - digamma(half)) + 0.5 * df.ln() + betaln(half, 0.5)
        }
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        let df = self.df;
        if n == 0 {
            return 1.0;
        }
        if f64::from(n) >= df {
            // The moment does not exist; report what SciPy's generic formula gives.
            return super::continuous::raw_moment_from_stats(&self.standard_stats(), n);
        }
        if n % 2 == 1 {
            return 0.0;
        }
        // E[T^(2k)] = df^k Π_{j=1..k} (2j − 1)/(df − 2j).
        (1..=n / 2).map(|j| df * f64::from(2 * j - 1) / (df - f64::from(2 * j))).product()
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match rand_distr::StudentT::new(self.df) {
            Ok(t) => t.sample(rng),
            Err(_) => f64::NAN,
        }
    }
}
