//! Bivariate normal rectangle probabilities, deterministic and accurate to ~1e-15 absolute:
//! the method of Drezner & Wesolowsky (1990) as refined by Genz (2004), the algorithm SciPy
//! uses for two-dimensional `multivariate_normal.cdf`.
//!
//! With `X, Y` standard normal with correlation `r`, the upper orthant probability
//! `U(h, k; r) = P(X > h, Y > k)` is evaluated in one of two ways:
//!
//! - `|r| < 0.925`: Sheppard's formula, integrated over the angle,
//!   `U = Φ(−h)Φ(−k) + (1/2π) ∫₀^{asin r} exp(−(h² + k² − 2hk sin θ)/(2cos²θ)) dθ`,
//!   by Gauss–Legendre quadrature with 6, 12 or 20 nodes (`|r|` below 0.3, 0.75, 0.925).
//! - `|r| ≥ 0.925` (after reflecting `r < 0` to `r > 0` by `k → −k`): Plackett's identity
//!   `∂U/∂r = φ₂(h, k; r)` integrated down from `U(h, k; 1) = Φ(−max(h, k))` and
//!   substituted `x = √(1 − t²)`:
//!   `U = Φ(−max(h, k)) − (1/2π) ∫₀^{√(1−r²)} exp(−(h − k)²/(2x²) − hk/(1 + √(1 − x²)))/√(1 − x²) dx`.
//!   The integrand's singular part `exp(−(h − k)²/(2x²) − hk/2)·(1 + c x² + c d x⁴)`, with
//!   `c = (4 − hk)/8`, `d = (12 − hk)/16` (its Taylor expansion in `x²`), is integrated in
//!   closed form and only the smooth remainder by 20-node Gauss–Legendre quadrature.
//!
//! A rectangle is the inclusion–exclusion of four orthants.

use std::f64::consts::PI;
use std::sync::OnceLock;

use sci_core::quadrature::gauss_legendre;

use crate::special::ndtr;

/// `√(2π)`.
const SQRT_2PI: f64 = 2.506_628_274_631_000_7;

/// The 6-, 12- and 20-point Gauss–Legendre rules `(node, weight)` on `[−1, 1]`, computed once.
fn rules() -> &'static [Vec<(f64, f64)>; 3] {
    static RULES: OnceLock<[Vec<(f64, f64)>; 3]> = OnceLock::new();
    RULES.get_or_init(|| [gauss_legendre(6), gauss_legendre(12), gauss_legendre(20)])
}

/// `P(h < Z < k)` for a standard normal `Z`, without cancellation in either tail; 0 if
/// `k <= h`.
fn interval(h: f64, k: f64) -> f64 {
    if k <= h {
        0.0
    } else if h < 0.0 {
        ndtr(k) - ndtr(h)
    } else {
        ndtr(-h) - ndtr(-k)
    }
}

/// `U(h, k; r) = P(X > h, Y > k)` for standard normals with correlation `r ∈ [−1, 1]`.
pub(crate) fn bvn_upper(h: f64, k: f64, r: f64) -> f64 {
    if h.is_nan() || k.is_nan() || r.is_nan() {
        return f64::NAN;
    }
    if h == f64::INFINITY || k == f64::INFINITY {
        return 0.0;
    }
    if h == f64::NEG_INFINITY {
        return ndtr(-k);
    }
    if k == f64::NEG_INFINITY {
        return ndtr(-h);
    }
    let r = r.clamp(-1.0, 1.0);
    if r.abs() < 0.925 {
        return sheppard(h, k, r);
    }
    if r > 0.0 {
        ndtr(-h.max(k)) - near_one(h, k, r)
    } else {
        // U(h, k; r) = P(X > h) − U(h, −k; −r), and U(h, −k; −r) = Φ(−max(h, −k)) − S.
        interval(h, -k) + near_one(h, -k, -r)
    }
}

/// Sheppard's angular integral for `|r| < 0.925`.
fn sheppard(h: f64, k: f64, r: f64) -> f64 {
    let rule = &rules()[if r.abs() < 0.3 {
        0
    } else if r.abs() < 0.75 {
        1
    } else {
        2
    }];
    let hk = h * k;
    let hs = (h * h + k * k) / 2.0;
    let asr = r.asin();
    let mut sum = 0.0;
    for &(x, w) in rule {
        let sn = (asr * (x + 1.0) / 2.0).sin();
        sum += w * ((sn * hk - hs) / (1.0 - sn * sn)).exp();
    }
    sum * asr / (4.0 * PI) + ndtr(-h) * ndtr(-k)
}

/// `S(h, k; r) = (1/2π) ∫₀^{√(1−r²)} …` of the module docs, for `0.925 <= r <= 1`, so that
/// `U(h, k; r) = Φ(−max(h, k)) − S`.
fn near_one(h: f64, k: f64, r: f64) -> f64 {
    if r >= 1.0 {
        return 0.0;
    }
    let hk = h * k;
    let a2 = (1.0 - r) * (1.0 + r);
    let a = a2.sqrt();
    let b2 = (h - k) * (h - k);
    let c = (4.0 - hk) / 8.0;
    let d = (12.0 - hk) / 16.0;
    // Closed-form integral of the singular part over [0, a].
    let mut total = 0.0;
    let e = -(b2 / a2 + hk) / 2.0;
    if e > -100.0 {
        total = a * e.exp() * (1.0 - c * (b2 - a2) * (1.0 - d * b2 / 5.0) / 3.0 + c * d * a2 * a2 / 5.0);
    }
    if -hk < 100.0 {
        let b = b2.sqrt();
        total -=
            (-hk / 2.0).exp() * SQRT_2PI * ndtr(-b / a) * b * (1.0 - c * b2 * (1.0 - d * b2 / 5.0) / 3.0);
    }
    // The smooth remainder by the 20-point rule mapped to [0, a].
    let rule = &rules()[2];
    let half = a / 2.0;
    for &(t, w) in rule {
        let x = half * (t + 1.0);
        let x2 = x * x;
        let e = -(b2 / x2 + hk) / 2.0;
        if e > -100.0 {
            let rs = (1.0 - x2).sqrt();
            let exact = (-hk * (1.0 - rs) / (2.0 * (1.0 + rs))).exp() / rs;
            let taylor = 1.0 + c * x2 * (1.0 + d * x2);
            total += half * w * e.exp() * (exact - taylor);
        }
    }
    total / (2.0 * PI)
}

/// `P(lo₀ < X < hi₀, lo₁ < Y < hi₁)` for standard normals with correlation `r`, clamped to
/// `[0, 1]` (requires `lo <= hi`).
pub(crate) fn bvn_rect(lo: [f64; 2], hi: [f64; 2], r: f64) -> f64 {
    let p = bvn_upper(lo[0], lo[1], r) - bvn_upper(hi[0], lo[1], r) - bvn_upper(lo[0], hi[1], r)
        + bvn_upper(hi[0], hi[1], r);
    if p.is_nan() { p } else { p.clamp(0.0, 1.0) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gauss_legendre_rules_integrate_polynomials_exactly() {
        for (rule, n) in rules().iter().zip([6usize, 12, 20]) {
            assert_eq!(rule.len(), n);
            let wsum: f64 = rule.iter().map(|r| r.1).sum();
            assert!((wsum - 2.0).abs() < 1e-14, "n = {n}: {wsum}");
            // ∫ x^(2n−2) over [−1, 1] = 2/(2n − 1)
            let deg = 2 * n as i32 - 2;
            let q: f64 = rule.iter().map(|(x, w)| w * x.powi(deg)).sum();
            assert!((q - 2.0 / (deg as f64 + 1.0)).abs() < 1e-14, "n = {n}: {q}");
        }
    }

    /// Plackett's identity integrated with a fine composite Simpson rule: an independent
    /// reference, `U(h, k; r) = Φ(−h)Φ(−k) + ∫₀^r φ₂(h, k; t) dt`.
    fn plackett(h: f64, k: f64, r: f64) -> f64 {
        let n = 20_000;
        let step = r / n as f64;
        let phi2 = |t: f64| {
            let s = 1.0 - t * t;
            (-(h * h - 2.0 * t * h * k + k * k) / (2.0 * s)).exp() / (2.0 * PI * s.sqrt())
        };
        let mut sum = phi2(0.0) + phi2(r);
        for i in 1..n {
            sum += phi2(i as f64 * step) * if i % 2 == 1 { 4.0 } else { 2.0 };
        }
        ndtr(-h) * ndtr(-k) + sum * step / 3.0
    }

    #[test]
    fn orthant_matches_plackett_integral_in_every_regime() {
        for &r in &[-0.99, -0.95, -0.9, -0.5, -0.1, 0.0, 0.2, 0.5, 0.8, 0.93, 0.97, 0.99] {
            for &(h, k) in &[(0.0, 0.0), (0.5, -1.0), (-1.3, 2.0), (1.5, 1.2), (-2.0, -0.7), (2.5, 2.5)] {
                let got = bvn_upper(h, k, r);
                let want = plackett(h, k, r);
                assert!((got - want).abs() < 1e-11, "h={h} k={k} r={r}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn closed_forms_and_limits() {
        // P(X > 0, Y > 0) = 1/4 + asin(r)/(2π)
        for &r in &[-0.999, -0.95, -0.6, 0.0, 0.4, 0.93, 0.999] {
            let want = 0.25 + f64::asin(r) / (2.0 * PI);
            assert!((bvn_upper(0.0, 0.0, r) - want).abs() < 1e-15, "r = {r}");
        }
        assert!((bvn_upper(0.7, -0.2, 1.0) - ndtr(-0.7)).abs() < 1e-16);
        assert!((bvn_upper(0.7, -0.2, -1.0) - interval(0.7, 0.2)).abs() < 1e-16);
        assert_eq!(bvn_upper(f64::INFINITY, 0.0, 0.3), 0.0);
        assert!((bvn_upper(f64::NEG_INFINITY, 0.4, 0.3) - ndtr(-0.4)).abs() < 1e-16);
        assert!(bvn_upper(f64::NAN, 0.0, 0.3).is_nan());
        let p = bvn_rect([f64::NEG_INFINITY; 2], [f64::INFINITY; 2], 0.5);
        assert!((p - 1.0).abs() < 1e-15);
    }
}
