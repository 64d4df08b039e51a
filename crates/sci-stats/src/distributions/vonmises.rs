//! The von Mises distribution on the circle (`scipy.stats.vonmises`).

use std::f64::consts::PI;

use rand::{Rng, RngExt};
use sci_core::{Error, Result};

use super::continuous::{ContinuousDistribution, DistributionStats};
use super::quadrature::for_each_node;
use crate::common::Neumaier;
use crate::special::{i0e, ndtri};

/// `ln(2π)`.
const LN_2PI: f64 = 1.837_877_066_409_345_5;

/// `cos x − 1 = −2 sin²(x/2)`, without cancellation near 0.
fn cosm1(x: f64) -> f64 {
    let s = (0.5 * x).sin();
    -2.0 * s * s
}

/// The von Mises distribution with concentration `kappa` (`scipy.stats.vonmises`, on the
/// interval `[loc − π·scale, loc + π·scale]` as SciPy's `vonmises_line`).
///
/// Standard density `e^(κ cos z)/(2π I₀(κ)) = e^(κ(cos z − 1))/(2π i0e(κ))` on `[−π, π]`.
///
/// - **cdf and sf.** By symmetry `cdf(z) = 1 − cdf(−z)`, so only the lower part
///   `L(z) = ∫_{−π}^{z} f` for `z ≤ 0` is computed, as
///   `e^(κ(cos z − 1)) ∫₀^{z+π} e^(−κ(cos z − cos(z − u))) du / (2π i0e(κ))`: the integrand is
///   positive, decreasing and at most 1, and is integrated by composite Gauss–Legendre
///   quadrature with panels placed where its exponent reaches 2, 8, 16, 24, 32, 40 (at most
///   120 evaluations of `exp` and `sin_cos`). The result has full relative accuracy in both
///   tails for every `κ`, and its logarithm stays finite where it underflows. Where
///   `L(z) ≥ 0.05` and `κ ≤ 50`, the cheaper Fourier series
///   `(z + π)/(2π) + (1/π) Σ Iₙ(κ)/I₀(κ) · sin(nz)/n` (at most 100 terms, Bessel ratios by
///   backward recurrence, as in Hill's algorithm) gives the same value to 1e-14.
/// - **Quantiles**: safeguarded Newton iterations on `ln L`, from the normal approximation.
/// - **Moments and entropy**: the same quadrature of `zⁿ e^(κ(cos z − 1))` and of
///   `κ(1 − cos z) e^(κ(cos z − 1))` (entropy `= E[κ(1 − cos Z)] + ln(2π i0e(κ))`).
/// - **Sampling**: Best and Fisher's (1979) wrapped-Cauchy rejection method, written in
///   terms of `1 − cos θ` so that concentrated distributions (large κ) keep their precision.
///
/// `kappa = 0` is the uniform distribution on `[−π, π]`, as in SciPy.
///
/// # Differences from SciPy
///
/// - The support is `[loc − π·scale, loc + π·scale]` (SciPy's `vonmises_line`); outside it
///   the density is 0 and the cdf 0 or 1. SciPy's `vonmises` instead repeats the density
///   periodically and lets the cdf count whole turns (`cdf(π + 1) > 1`), and its `rvs`
///   wraps the variates into `[−π, π)` whatever `loc`; here `rvs` returns `loc + scale·θ`.
/// - SciPy's cdf is Hill's (1977) series truncated for 12 digits for `κ < 50`, and the
///   normal approximation `Φ(√(2/π)/i0e(κ)·sin(z/2))` for `κ ≥ 50`. sci integrates the
///   density instead: the two agree to about 1e-13 absolute for `κ < 50`, but the
///   approximation is off by up to 3e-6 for `κ = 50` (2e-6 relative at `κ = 1000`), and in the lower
///   tail SciPy's series keeps only absolute accuracy (`vonmises(20).cdf(−2.5)` is 0 in SciPy
///   where the value is 3.99e-17). SciPy's quantiles, found by root-finding on its cdf,
///   inherit these errors.
/// - SciPy integrates the moments numerically (mean `−3e-16`, skewness `−9e-15` for
///   `κ = 2`); here the mean and skewness are exactly 0.
///
/// ```
/// use sci_stats::{ContinuousDistribution, Vonmises};
/// let v = Vonmises::new(2.0, 0.0, 1.0)?;
/// assert!((v.pdf(0.0) - 0.515_885_412_019_013_7).abs() < 1e-15);
/// assert!((v.cdf(0.3) - 0.650_264_933_106_987).abs() < 1e-14);
/// let v = Vonmises::new(20.0, 0.0, 1.0)?;
/// assert!((v.cdf(-2.5) / 3.987_678_962_519_751e-17 - 1.0).abs() < 1e-12); // SciPy: 0
/// assert!((v.logcdf(-3.1) + 42.601_539_908_739_77).abs() < 1e-12);
/// assert_eq!(v.support(), (-std::f64::consts::PI, std::f64::consts::PI));
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Vonmises {
    kappa: f64,
    loc: f64,
    scale: f64,
}

impl Vonmises {
    /// The von Mises distribution with concentration `kappa ≥ 0`, centred at `loc`.
    ///
    /// ```
    /// use sci_stats::{ContinuousDistribution, Vonmises};
    /// let v = Vonmises::new(0.0, 0.0, 1.0)?; // uniform on [−π, π]
    /// assert!((v.pdf(1.0) - 1.0 / (2.0 * std::f64::consts::PI)).abs() < 1e-16);
    /// assert!(Vonmises::new(-1.0, 0.0, 1.0).is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] unless `kappa` is finite and `≥ 0`, `loc` finite and
    /// `scale` finite and positive (SciPy returns NaN from every method instead).
    pub fn new(kappa: f64, loc: f64, scale: f64) -> Result<Vonmises> {
        if !(kappa.is_finite() && kappa >= 0.0) {
            return Err(Error::invalid_argument(
                "kappa",
                format!("must be a finite number >= 0, got {kappa}"),
            ));
        }
        super::check_loc_scale(loc, scale)?;
        Ok(Vonmises { kappa, loc, scale })
    }

    /// The concentration `κ`.
    ///
    /// ```
    /// assert_eq!(sci_stats::Vonmises::new(3.0, 0.0, 1.0)?.kappa(), 3.0);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn kappa(&self) -> f64 {
        self.kappa
    }

    /// `ln(2π i0e(κ))`, the log of `∫_{−π}^{π} e^(κ(cos z − 1)) dz`.
    fn ln_norm(&self) -> f64 {
        LN_2PI + i0e(self.kappa).ln()
    }

    /// `ln ∫_{−π}^{z} e^(κ(cos t − 1)) dt` for `−π ≤ z ≤ 0`.
    fn ln_lower_integral(&self, z: f64) -> f64 {
        let span = z + PI;
        if span <= 0.0 {
            return f64::NEG_INFINITY;
        }
        let k = self.kappa;
        let (s, c) = z.sin_cos();
        // With t = z − u: κ(cos t − 1) = κ(cos z − 1) − h(u),
        // h(u) = κ(cos z − cos(z − u)) = κ(2 cos z · sin²(u/2) − sin z · sin u), increasing.
        let at_level = |level: f64| {
            let r = level / k;
            let v = c - r;
            if v < -1.0 {
                f64::INFINITY
            } else if v > 0.5 {
                // Small u: h ≈ κ(|sin z| u + cos z · u²/2).
                2.0 * r / (-s + (s * s + 2.0 * r * c).sqrt())
            } else {
                z + v.acos()
            }
        };
        let mut sum = Neumaier::default();
        for_each_node(span, 40.0, at_level, |u, w| {
            let (hs, hc) = (0.5 * u).sin_cos();
            let h = k * 2.0 * hs * (c * hs - s * hc);
            sum.add(w * (-h).exp());
        });
        k * cosm1(z) + sum.value().ln()
    }

    /// `ln L(z)` with `L(z) = cdf(z)` for `−π ≤ z ≤ 0`.
    fn ln_lower(&self, z: f64) -> f64 {
        match self.lower_series(z) {
            Some(l) => l.ln(),
            None => self.ln_lower_integral(z) - self.ln_norm(),
        }
    }

    /// `L(z)` for `−π ≤ z ≤ 0` from the Fourier series of the density,
    /// `L(z) = (z + π)/(2π) + (1/π) Σ_{n≥1} Aₙ sin(nz)/n` with `Aₙ = Iₙ(κ)/I₀(κ)`, when that is
    /// cheap and accurate: for `κ ≤ 50` (at most 100 terms; the ratios `Iₙ/Iₙ₋₁` by backward
    /// recurrence, `sin(nz)` by rotation) and where the result is at least 0.05, so that the
    /// series' absolute rounding error (a few ulps of 1) stays below 1e-14 relative. `None`
    /// elsewhere: the tails and large `κ` go to the quadrature.
    fn lower_series(&self, z: f64) -> Option<f64> {
        const MAX_TERMS: usize = 100;
        let k = self.kappa;
        if k > 50.0 {
            return None;
        }
        // Aₙ < 1e-18 beyond n = 24 + 1.5κ for κ ≤ 50 (Aₙ ≈ e^(−n²/(2κ)) for large κ).
        let p = ((24.0 + 1.5 * k).ceil() as usize).min(MAX_TERMS);
        let mut ratio = [0.0; MAX_TERMS + 1];
        let mut next = 0.0;
        for n in (1..=p).rev() {
            next = 1.0 / (2.0 * n as f64 / k + next);
            ratio[n] = next;
        }
        let (s1, c1) = z.sin_cos();
        let (mut sn, mut cn) = (s1, c1);
        let (mut a, mut sum) = (1.0, 0.0);
        for (n, &r) in ratio.iter().enumerate().take(p + 1).skip(1) {
            a *= r;
            sum += a * sn / n as f64;
            (sn, cn) = (sn * c1 + cn * s1, cn * c1 - sn * s1);
        }
        let l = (z + PI) / (2.0 * PI) + sum / PI;
        if l >= 0.05 { Some(l.min(0.5)) } else { None }
    }

    /// The `z ∈ [−π, 0]` with `ln L(z) = t` (`t ≤ ln ½`): Newton's method on `ln L` (whose
    /// slope is `f(z)/L(z)`), kept inside a shrinking bracket by bisection.
    fn invert_lower(&self, t: f64) -> f64 {
        if t == f64::NEG_INFINITY {
            return -PI;
        }
        let k = self.kappa;
        let q = t.exp();
        // Start from the normal approximation Φ(2√κ sin(z/2)) when it applies, else from
        // the uniform distribution.
        let b = (2.0 / PI).sqrt() / i0e(k);
        let zq = if q > 0.0 { ndtri(q) } else { f64::NEG_INFINITY };
        let mut x = if k >= 1.0 && (zq / b).abs() < 1.0 { 2.0 * (zq / b).asin() } else { -PI + 2.0 * PI * q };
        let (mut lo, mut hi) = (-PI, 0.0);
        if !(x > lo && x < hi) {
            x = 0.5 * (lo + hi);
        }
        let ln_norm = self.ln_norm();
        for _ in 0..200 {
            let l = self.ln_lower(x);
            let f = l - t;
            // d ln L/dz = f(z)/L(z).
            let slope = (k * cosm1(x) - ln_norm - l).exp();
            let step = -f / slope;
            if f == 0.0 || step.abs() <= 2.0 * f64::EPSILON * x.abs() || f.abs() <= 4.0 * f64::EPSILON {
                let next = x + step;
                return if next > lo && next < hi { next } else { x };
            }
            if f < 0.0 {
                lo = x;
            } else {
                hi = x;
            }
            let next = x + step;
            x = if next > lo && next < hi { next } else { 0.5 * (lo + hi) };
            if x == lo || x == hi {
                return x;
            }
        }
        x
    }

    /// `Σ w·g(z)·e^(κ(cos z − 1))` over quadrature nodes `z` of `[0, π]` (panels up to the
    /// exponent `max_level`), for several `g` at once: returns `[∫e, ∫g₁e, ...]`.
    fn half_integrals<const K: usize>(
        &self,
        max_level: f64,
        g: impl Fn(f64, f64) -> [f64; K],
    ) -> (f64, [f64; K]) {
        let k = self.kappa;
        let at_level = |level: f64| {
            let r = level / (2.0 * k);
            if r >= 1.0 { f64::INFINITY } else { 2.0 * r.sqrt().asin() }
        };
        let mut total = Neumaier::default();
        let mut sums = [Neumaier::default(); K];
        for_each_node(PI, max_level, at_level, |z, w| {
            let h = -k * cosm1(z);
            let e = w * (-h).exp();
            total.add(e);
            for (s, v) in sums.iter_mut().zip(g(z, h)) {
                s.add(e * v);
            }
        });
        (total.value(), sums.map(|s| s.value()))
    }
}

impl ContinuousDistribution for Vonmises {
    fn loc(&self) -> f64 {
        self.loc
    }
    fn scale(&self) -> f64 {
        self.scale
    }
    fn standard_support(&self) -> (f64, f64) {
        (-PI, PI)
    }
    fn standard_pdf(&self, z: f64) -> f64 {
        (self.kappa * cosm1(z)).exp() / (2.0 * PI * i0e(self.kappa))
    }
    fn standard_logpdf(&self, z: f64) -> f64 {
        self.kappa * cosm1(z) - self.ln_norm()
    }
    fn standard_cdf(&self, z: f64) -> f64 {
        if z <= 0.0 { self.ln_lower(z).exp() } else { -self.ln_lower(-z).exp_m1() }
    }
    fn standard_sf(&self, z: f64) -> f64 {
        self.standard_cdf(-z)
    }
    fn standard_logcdf(&self, z: f64) -> f64 {
        if z <= 0.0 { self.ln_lower(z) } else { (-self.ln_lower(-z).exp()).ln_1p() }
    }
    fn standard_logsf(&self, z: f64) -> f64 {
        self.standard_logcdf(-z)
    }
    fn standard_ppf(&self, q: f64) -> f64 {
        if q == 0.5 {
            0.0
        } else if q < 0.5 {
            self.invert_lower(q.ln())
        } else {
            -self.invert_lower((1.0 - q).ln())
        }
    }
    fn standard_isf(&self, q: f64) -> f64 {
        -self.standard_ppf(q)
    }
    fn standard_stats(&self) -> DistributionStats {
        let (total, [m2, m4]) = self.half_integrals(60.0, |z, _| {
            let z2 = z * z;
            [z2, z2 * z2]
        });
        let (var, m4) = (m2 / total, m4 / total);
        DistributionStats { mean: 0.0, variance: var, skewness: 0.0, kurtosis: m4 / (var * var) - 3.0 }
    }
    fn standard_entropy(&self) -> f64 {
        // −ln f = κ(1 − cos z) + ln(2π i0e(κ)).
        let (total, [eh]) = self.half_integrals(60.0, |_, h| [h]);
        eh / total + self.ln_norm()
    }
    fn standard_raw_moment(&self, n: u32) -> f64 {
        if n == 0 {
            return 1.0;
        }
        if n % 2 == 1 {
            return 0.0;
        }
        let (total, [m]) = self.half_integrals(40.0 + 5.0 * f64::from(n), |z, _| [z.powi(n as i32)]);
        m / total
    }
    fn standard_sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        let k = self.kappa;
        if k == 0.0 {
            return PI * (2.0 * rng.random::<f64>() - 1.0);
        }
        // Best & Fisher (1979): τ = 1 + √(1 + 4κ²), ρ = (τ − √(2τ))/(2κ), r = (1 + ρ²)/(2ρ),
        // with ρ, 1 − ρ and r − 1 = (1 − ρ)²/(2ρ) formed without cancellation.
        // (Grouped so that nothing overflows for κ up to 1e307.)
        let s = 1f64.hypot(2.0 * k);
        let tau = 1.0 + s;
        let root = 2f64.sqrt() * tau.sqrt();
        let rho = (2.0 * k / (s + 1.0)) * (tau / (tau + root));
        let one_minus_rho =
            if rho < 0.5 { 1.0 - rho } else { (root - 1.0 - 1.0 / (s + 2.0 * k)) / (2.0 * k) };
        let r_minus_1 = one_minus_rho * one_minus_rho / (2.0 * rho);
        loop {
            let u1: f64 = rng.random();
            let u2: f64 = rng.random();
            // z = cos(πu₁); f = (1 + rz)/(r + z); 1 − f = (r − 1)(1 − z)/(r + z).
            let (sh, ch) = (0.5 * PI * u1).sin_cos();
            let one_minus_z = 2.0 * sh * sh;
            let r_plus_z = r_minus_1 + 2.0 * ch * ch;
            let one_minus_f = r_minus_1 * one_minus_z / r_plus_z;
            let c = k * (r_minus_1 + one_minus_f);
            if c * (2.0 - c) > u2 || (c / u2).ln() + 1.0 - c >= 0.0 {
                let theta = 2.0 * (0.5 * one_minus_f).min(1.0).sqrt().asin();
                return if rng.random::<f64>() < 0.5 { -theta } else { theta };
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_match_bessel_ratios() {
        // E[cos Z] = I₁(κ)/I₀(κ), so E[h]/κ = 1 − I₁/I₀; for large κ that difference is
        // 1/(2κ) + 1/(8κ²) + O(κ⁻³) (the ratio itself would cancel).
        for k in [0.1, 2.0, 30.0, 700.0, 1e6] {
            let v = Vonmises::new(k, 0.0, 1.0).unwrap();
            let (total, [eh]) = v.half_integrals(60.0, |_, h| [h]);
            let want =
                if k < 1e3 { 1.0 - crate::special::i1e(k) / i0e(k) } else { 0.5 / k + 0.125 / (k * k) };
            let got = eh / total / k;
            assert!((got / want - 1.0).abs() < 1e-14 * (1.0 + k.min(1e3)), "{k}: {got} vs {want}");
        }
    }

    #[test]
    fn series_agrees_with_quadrature_in_the_bulk() {
        for k in [0.0, 0.01, 0.7, 3.0, 12.0, 30.0, 50.0] {
            let v = Vonmises::new(k, 0.0, 1.0).unwrap();
            for i in 0..=64 {
                let z = -PI * f64::from(i) / 64.0;
                if let Some(l) = v.lower_series(z) {
                    let q = (v.ln_lower_integral(z) - v.ln_norm()).exp();
                    assert!((l / q - 1.0).abs() < 1e-14, "κ = {k}, z = {z}: {l} vs {q}");
                }
            }
        }
    }

    #[test]
    fn lower_integral_reaches_one_half_at_zero() {
        for k in [0.0, 0.5, 5.0, 80.0, 1e4] {
            let v = Vonmises::new(k, 0.0, 1.0).unwrap();
            let quad = (v.ln_lower_integral(0.0) - v.ln_norm()).exp();
            assert!((quad - 0.5).abs() < 1e-15, "{k}");
            assert!((v.ln_lower(0.0).exp() - 0.5).abs() < 1e-15, "{k}");
        }
    }
}
