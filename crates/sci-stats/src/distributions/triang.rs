//! The triangular distribution (`scipy.stats.triang`).

use std::f64::consts::LN_2;

use sci_core::{Error, Result};

use super::continuous::{ContinuousDistribution, DistributionStats};

/// The triangular distribution on `[loc, loc + scale]` with its mode at `loc + c·scale`
/// (`scipy.stats.triang`).
///
/// Standard density `2z/c` on `[0, c]` and `2(1 − z)/(1 − c)` on `[c, 1]`. The cdf is
/// `z²/c` below the mode and the survival function `(1 − z)²/(1 − c)` above it; their
/// complements are formed as `((c − z) + z(1 − z))/c` and `((z − c) + z(1 − z))/(1 − c)`, sums
/// of non-negative terms, so `cdf` and `sf` keep full relative accuracy in both tails (SciPy
/// forms `sf = 1 − cdf`). Quantiles `√(cq)` and `1 − √((1 − c)(1 − q))`, and for `isf` the
/// same with `q` and `1 − q` exchanged (no rounding of `1 − q` in the upper tail). Raw
/// moments `E[Zⁿ] = 2(1 + c + … + cⁿ)/((n + 1)(n + 2))` are exact for every order. Sampling
/// inverts a uniform draw. Every method is O(1) (O(n) for the moment of order n).
///
/// # Differences from SciPy
///
/// `sf`, `logsf` and `isf` are evaluated directly instead of as `1 − cdf` / `ppf(1 − q)`, and
/// `logcdf` as `2 ln z − ln c` where `z²/c` underflows, so they differ from SciPy's where
/// those lose digits (`sf(1 − 1e-9)` of `c = ½` is 2.0e-18 here, 0 in SciPy; `logcdf(1e-300)`
/// is −1380.2 here, −∞ in SciPy); `moment(n)` for `n > 4` is the exact value where SciPy
/// integrates numerically.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Triang};
/// let t = Triang::new(0.25, 0.0, 1.0)?;
/// assert!((t.pdf(0.25) - 2.0).abs() < 1e-15);
/// assert!((t.cdf(0.25) - 0.25).abs() < 1e-16);
/// assert!((t.ppf(0.25) - 0.25).abs() < 1e-16);
/// assert!((t.mean() - 1.25 / 3.0).abs() < 1e-16);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Triang {
    c: f64,
    loc: f64,
    scale: f64,
}

impl Triang {
    /// The triangular distribution with mode `loc + c·scale`, `0 ≤ c ≤ 1`.
    ///
    /// ```
    /// use sci_stats::{ContinuousDistribution, Triang};
    /// let t = Triang::new(0.5, -1.0, 2.0)?;
    /// assert_eq!(t.support(), (-1.0, 1.0));
    /// assert!(Triang::new(1.5, 0.0, 1.0).is_err());
    /// assert!(Triang::new(0.5, 0.0, 0.0).is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `0 ≤ c ≤ 1`, `loc` is finite and `scale` finite and
    /// positive (SciPy returns NaN from every method instead).
    pub fn new(c: f64, loc: f64, scale: f64) -> Result<Triang> {
        if !(0.0..=1.0).contains(&c) {
            return Err(Error::invalid_argument("c", format!("must lie in [0, 1], got {c}")));
        }
        super::check_loc_scale(loc, scale)?;
        Ok(Triang { c, loc, scale })
    }

    /// The shape parameter `c` (the mode of the standard form).
    ///
    /// ```
    /// assert_eq!(sci_stats::Triang::new(0.3, 0.0, 1.0)?.c(), 0.3);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn c(&self) -> f64 {
        self.c
    }

    /// `(cdf, sf)` of the standard form at `z` in `[0, 1]`, both without cancellation.
    fn cdf_sf(&self, z: f64) -> (f64, f64) {
        let c = self.c;
        if z < c {
            // cdf = z²/c, sf = 1 − z²/c = ((c − z) + z(1 − z))/c.
            (z * z / c, ((c - z) + z * (1.0 - z)) / c)
        } else if c < 1.0 {
            // sf = (1 − z)²/(1 − c), cdf = ((z − c) + z(1 − z))/(1 − c).
            let r = 1.0 - c;
            (((z - c) + z * (1.0 - z)) / r, (1.0 - z) * (1.0 - z) / r)
        } else {
            // c = 1 and z = 1.
            (1.0, 0.0)
        }
    }
}

impl ContinuousDistribution for Triang {
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
        let c = self.c;
        if z < c {
            2.0 * z / c
        } else if c < 1.0 {
            2.0 * (1.0 - z) / (1.0 - c)
        } else {
            2.0 * z
        }
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        self.standard_pdf(z).ln()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        self.cdf_sf(z).0
    }
    fn standard_sf(&self, z: f64) -> f64 {
        self.cdf_sf(z).1
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        let (cdf, sf) = self.cdf_sf(z);
        if z < self.c {
            // ln(z²/c), finite where z²/c underflows.
            2.0 * z.ln() - self.c.ln()
        } else if cdf > 0.5 {
            (-sf).ln_1p()
        } else {
            cdf.ln()
        }
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        let (cdf, sf) = self.cdf_sf(z);
        if z >= self.c && self.c < 1.0 {
            // ln((1 − z)²/(1 − c)).
            2.0 * (1.0 - z).ln() - (1.0 - self.c).ln()
        } else if sf > 0.5 {
            (-cdf).ln_1p()
        } else {
            sf.ln()
        }
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        let c = self.c;
        // 1 − q is exact wherever it is used (q ≥ c, and the branch matters only for q ≥ ½
        // when c ≥ ½; for c < ½, 1 − q > ½ and its rounding is relative).
        if q < c { (c * q).sqrt() } else { 1.0 - ((1.0 - c) * (1.0 - q)).sqrt() }
    }
    fn standard_isf(&self, q: f64) -> f64 {
        let c = self.c;
        // sf(z) = q lies on the upper branch (z ≥ c) iff q ≤ 1 − c.
        if q <= 1.0 - c { 1.0 - ((1.0 - c) * q).sqrt() } else { (c * (1.0 - q)).sqrt() }
    }
    fn standard_stats(&self) -> DistributionStats {
        let c = self.c;
        let v = 1.0 - c + c * c;
        DistributionStats {
            mean: (c + 1.0) / 3.0,
            variance: v / 18.0,
            skewness: std::f64::consts::SQRT_2 * (2.0 * c - 1.0) * (c + 1.0) * (c - 2.0)
                / (5.0 * v.powf(1.5)),
            kurtosis: -0.6,
        }
    }
    fn standard_entropy(&self) -> f64 {
        0.5 - LN_2
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        // E[Zⁿ] = 2(1 − c^(n+1))/((n + 1)(n + 2)(1 − c)), written as a geometric sum.
        let mut sum = 0.0;
        let mut p = 1.0;
        for _ in 0..=n {
            sum += p;
            p *= self.c;
        }
        let nf = f64::from(n);
        2.0 * sum / ((nf + 1.0) * (nf + 2.0))
    }
}
