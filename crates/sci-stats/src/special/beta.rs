//! The beta function and its logarithm: `beta`, `betaln`.
//!
//! For moderate arguments `B(a, b) = Γ(a) Γ(b) / Γ(a + b)` is formed with the quotient
//! first (no intermediate overflow); for large ones the log form uses Stirling's series
//! with the leading terms combined analytically, `ln B = ½ ln 2π + (a-½) ln(a/(a+b)) +
//! (b-½) ln(b/(a+b)) - ½ ln(a+b) + Δ(a) + Δ(b) - Δ(a+b)`, written with `log1p` so the large
//! terms do not cancel. Negative non-integer arguments use the gamma function's
//! reflection, as SciPy does.

use super::gamma::{HALF_LN_2PI, MAX_GAMMA_ARG, gamma, gammaln, gammasgn, stirling_delta};

/// `ln B(a, b)` for a, b ≥ 10 (or one of them ≥ 10 and the other positive).
pub(crate) fn betaln_positive(a: f64, b: f64) -> f64 {
    let (p, q) = if a < b { (a, b) } else { (b, a) }; // p ≤ q
    if p >= 10.0 {
        let s = p + q;
        // (p-½) ln(p/s) + (q-½) ln(q/s) - ½ ln s, with ln(q/s) = -log1p(p/q).
        let corr = stirling_delta(p) + stirling_delta(q) - stirling_delta(s);
        return -0.5 * q.ln() + HALF_LN_2PI + corr + (p - 0.5) * (p / s).ln() - q * (p / q).ln_1p();
    }
    if q >= 10.0 {
        // ln Γ(p) + ln Γ(q) - ln Γ(p+q), with the difference of the last two in Stirling
        // form: ln Γ(q) - ln Γ(q+p) = -(q - ½) log1p(p/q) - p ln(q+p) + p + Δ(q) - Δ(q+p).
        let s = p + q;
        let corr = stirling_delta(q) - stirling_delta(s);
        return gammaln(p) + corr - (q - 0.5) * (p / q).ln_1p() - p * s.ln() + p;
    }
    // Both small: direct.
    (gamma(p) * (gamma(q) / gamma(p + q))).abs().ln()
}

/// The beta function `B(a, b) = Γ(a) Γ(b) / Γ(a + b)`.
///
/// For positive arguments the relative error is a few ulps when the result is moderate and
/// grows like `|ln B|·ε` when it must be formed as `exp(ln B)` (results near the ends of the
/// double range), as in SciPy. Negative non-integer arguments follow `Γ`'s reflection
/// (`B = 0` when `a + b` is a pole of `Γ`). At a non-positive integer `a = -m`: SciPy's
/// (Cephes') convention, `B(-m, n) = (-1)ⁿ B(m - n + 1, n)` for integer `0 < n ≤ m`, `+∞`
/// otherwise (and symmetrically in `b`). NaN for NaN. O(1).
///
/// ```
/// use sci_stats::special::beta;
/// assert!((beta(2.0, 3.0) - 1.0 / 12.0).abs() < 1e-17);
/// assert!((beta(0.5, 0.5) - std::f64::consts::PI).abs() < 1e-15);
/// assert!((beta(-0.5, 1.0) + 2.0).abs() < 1e-15);
/// assert_eq!(beta(0.0, 1.0), f64::INFINITY);
/// ```
pub fn beta(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a <= 0.0 && a == a.floor() {
        return beta_negint(a, b);
    }
    if b <= 0.0 && b == b.floor() {
        return beta_negint(b, a);
    }
    let s = a + b;
    if a > 0.0 && b > 0.0 {
        if s < MAX_GAMMA_ARG {
            let (p, q) = if a < b { (a, b) } else { (b, a) };
            // Γ(q)/Γ(p+q) first: no intermediate overflow for p, q in range.
            let r = gamma(q) / gamma(s) * gamma(p);
            if r.is_finite() && r > 1e-300 {
                return r;
            }
        }
        return betaln_positive(a, b).exp();
    }
    if s <= 0.0 && s == s.floor() {
        return 0.0;
    }
    if s.abs() < MAX_GAMMA_ARG && a.abs() < MAX_GAMMA_ARG && b.abs() < MAX_GAMMA_ARG {
        let v = gamma(a) * (gamma(b) / gamma(s));
        if v.is_finite() && v.abs() > 1e-300 {
            return v;
        }
    }
    let sign = gammasgn(a) * gammasgn(b) * gammasgn(s);
    sign * (gammaln(a) + gammaln(b) - gammaln(s)).exp()
}

/// `B(-m, b)` for a non-positive integer `-m` (Cephes' `beta_negint`).
fn beta_negint(a: f64, b: f64) -> f64 {
    if b == b.floor() && 1.0 - a - b > 0.0 {
        let sgn = if b % 2.0 == 0.0 { 1.0 } else { -1.0 };
        return sgn * beta(1.0 - a - b, b);
    }
    f64::INFINITY
}

/// `ln |B(a, b)|` (SciPy's `betaln`), accurate for large arguments.
///
/// Relative error of a few ulps for positive arguments, large ones included; negative
/// non-integer arguments by the reflection of `ln |Γ|` (`-∞` where `a + b` is a pole of
/// `Γ`); at non-positive integers `ln |B|` of [`beta`]'s convention. NaN for NaN. O(1).
///
/// ```
/// use sci_stats::special::betaln;
/// assert!((betaln(1e4, 1e4) + 13_866.283_256_761_41).abs() < 1e-11);
/// assert!((betaln(2.0, 3.0) + 12f64.ln()).abs() < 1e-15);
/// ```
pub fn betaln(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a <= 0.0 && a == a.floor() || b <= 0.0 && b == b.floor() {
        return beta(a, b).abs().ln();
    }
    if a > 0.0 && b > 0.0 {
        if a.max(b) >= 10.0 {
            return betaln_positive(a, b);
        }
        return beta(a, b).ln();
    }
    let s = a + b;
    if s <= 0.0 && s == s.floor() {
        return f64::NEG_INFINITY;
    }
    gammaln(a) + gammaln(b) - gammaln(s)
}
