//! Small numerical building blocks shared by the special-function families.

/// Evaluates `c[0] + c[1] x + ... + c[n] x^n` by Horner's rule.
#[inline]
pub(crate) fn poly(x: f64, c: &[f64]) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

/// `x * x` as an unevaluated sum `hi + lo` (Dekker's product with Veltkamp splitting),
/// exact for |x| < 1e150.
#[inline]
pub(crate) fn square_exact(x: f64) -> (f64, f64) {
    let c = 134_217_729.0 * x;
    let xh = c - (c - x);
    let xl = x - xh;
    let hi = x * x;
    let lo = ((xh * xh - hi) + 2.0 * xh * xl) + xl * xl;
    (hi, lo)
}

/// `exp(-x²/2)` with `x²` formed exactly, so the result keeps full relative accuracy even
/// when `x²/2` is several hundred.
#[inline]
pub(crate) fn exp_neg_half_square(x: f64) -> f64 {
    if x.abs() > 1e150 {
        return 0.0;
    }
    let (hi, lo) = square_exact(x);
    (-0.5 * hi).exp() * (1.0 - 0.5 * lo)
}

/// `log(1 + t) - t`, accurate also for small |t| (where both terms nearly cancel).
pub(crate) fn log1pmx(t: f64) -> f64 {
    if t.abs() < 0.5 {
        // With u = t/(2 + t): log(1+t) = 2 atanh(u) = 2(u + u³/3 + u⁵/5 + ...) and
        // t = 2u + u·t, so log(1+t) - t = 2(u³/3 + u⁵/5 + ...) - u·t with no cancellation.
        let u = t / (2.0 + t);
        let u2 = u * u;
        let mut term = u2 * u; // u^3
        let mut sum = 0.0;
        let mut k = 3.0;
        loop {
            let add = term / k;
            sum += add;
            if add.abs() <= 1e-17 * sum.abs() {
                break;
            }
            term *= u2;
            k += 2.0;
            if k > 201.0 {
                break;
            }
        }
        2.0 * sum - u * t
    } else {
        t.ln_1p() - t
    }
}

/// `sin(πx)` with exact argument reduction (zero at every integer).
pub(crate) fn sinpi(x: f64) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    let mut r = x % 2.0; // exact
    if r <= -1.0 {
        r += 2.0;
    } else if r > 1.0 {
        r -= 2.0;
    }
    // r in (-1, 1]; sin(πr)
    let (s, a) = if r < 0.0 { (-1.0, -r) } else { (1.0, r) };
    let a = if a > 0.5 { 1.0 - a } else { a };
    if a == 0.0 {
        return 0.0 * s;
    }
    s * (std::f64::consts::PI * a).sin()
}

/// `cos(πx)` with exact argument reduction.
pub(crate) fn cospi(x: f64) -> f64 {
    if !x.is_finite() {
        return f64::NAN;
    }
    let r = (x % 2.0).abs(); // in [0, 2)
    let r = if r > 1.0 { 2.0 - r } else { r }; // cos symmetric: in [0, 1]
    if r == 0.5 {
        return 0.0;
    }
    if r < 0.5 { (std::f64::consts::PI * r).cos() } else { -(std::f64::consts::PI * (1.0 - r)).cos() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log1pmx_matches_direct_form_away_from_zero() {
        for &t in &[-0.49, -0.3, -0.1, 0.1, 0.3, 0.49] {
            let d: f64 = t;
            let want = d.ln_1p() - d;
            // The direct form itself cancels by a factor |t/(ln(1+t) - t)| ≤ 25 here.
            assert!((log1pmx(t) - want).abs() <= 64.0 * f64::EPSILON * want.abs(), "{t}");
        }
        let t: f64 = 1e-6;
        let want = -t * t / 2.0 + t * t * t / 3.0 - t.powi(4) / 4.0;
        assert!((log1pmx(t) - want).abs() <= 1e-15 * want.abs());
    }

    #[test]
    fn sinpi_is_exact_at_integers_and_halves() {
        assert_eq!(sinpi(3.0), 0.0);
        assert_eq!(sinpi(0.5), 1.0);
        assert_eq!(sinpi(-0.5), -1.0);
        assert_eq!(sinpi(2.5), 1.0);
        assert_eq!(cospi(0.5), 0.0);
        assert_eq!(cospi(1.0), -1.0);
        assert!((sinpi(0.25) - std::f64::consts::FRAC_1_SQRT_2).abs() < 2.3e-16);
    }

    #[test]
    fn exact_square_recovers_the_rounding_error() {
        let x = 37.123456789012345;
        let (hi, lo) = square_exact(x);
        assert_eq!(hi, x * x);
        assert!(lo.abs() <= 0.5 * hi * f64::EPSILON);
        assert_eq!(x.mul_add(x, -hi), lo);
    }
}
