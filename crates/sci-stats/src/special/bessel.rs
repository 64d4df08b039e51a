//! Bessel functions of orders 0 and 1: `i0`, `i1`, `i0e`, `i1e` (modified, first kind),
//! `j0`, `j1` (first kind) and `y0`, `y1` (second kind).
//!
//! - `I₀`, `I₁`: the power series `Σ (x/2)^(2k+ν)/(k!(k+ν)!)` (all terms positive) for
//!   `|x| ≤ 20`, and the asymptotic expansion `eˣ/√(2πx) · Σ (-1)ᵏ aₖ(ν)/xᵏ`,
//!   `aₖ(ν) = Π (4ν² - (2j-1)²)/(k! 8ᵏ)`, beyond, where its smallest term is below `e⁻⁴⁰`.
//! - `J₀`, `J₁`: the power series for `|x| ≤ 2`; Miller's backward recurrence normalized by
//!   `1 = J₀ + 2 Σ J₂ₖ` for `2 < |x| ≤ 25`; Hankel's asymptotic expansion
//!   `√(2/(πx)) (P cos χ - Q sin χ)` beyond, with `cos χ`, `sin χ` formed from `cos x` and
//!   `sin x` (whose argument reduction is exact) instead of rounding `x - π/4`. Accuracy is
//!   absolute, about ε times the local amplitude, so the relative error grows near the
//!   zeros, as in SciPy.
//! - `Y₀`, `Y₁`: the power series for `x ≤ 2`, Neumann series over the same Miller-normalized
//!   `Jₙ` for `2 < x ≤ 25`, and Hankel's expansion `√(2/(πx)) (P sin χ + Q cos χ)` beyond.

const FRAC_1_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
const FRAC_2_PI: f64 = std::f64::consts::FRAC_2_PI;
const FRAC_1_SQRT_2: f64 = std::f64::consts::FRAC_1_SQRT_2;
const EPS: f64 = f64::EPSILON;

/// `Σ (x/2)^(2k+ν)/(k!(k+ν)!)` for ν ∈ {0, 1}, x ≥ 0.
fn i_series(x: f64, nu: u32) -> f64 {
    let q = 0.25 * x * x;
    let mut term = if nu == 0 { 1.0 } else { 0.5 * x };
    let mut sum = term;
    let mut k = 1.0;
    while k < 500.0 {
        term *= q / (k * (k + f64::from(nu)));
        sum += term;
        if term < EPS * 0.25 * sum {
            break;
        }
        k += 1.0;
    }
    sum
}

/// `√(2πx) e⁻ˣ I_ν(x)` by the asymptotic series, x > 20.
fn i_asymptotic(x: f64, nu: u32) -> f64 {
    let mu = 4.0 * f64::from(nu * nu);
    let mut term = 1.0;
    let mut sum = 1.0;
    let mut k = 1.0;
    while k < 2.0 * x {
        let j = 2.0 * k - 1.0;
        let next = -term * (mu - j * j) / (k * 8.0 * x);
        if next.abs() >= term.abs() {
            break;
        }
        term = next;
        sum += term;
        if term.abs() < EPS * 0.25 * sum.abs() {
            break;
        }
        k += 1.0;
    }
    sum
}

/// The modified Bessel function of the first kind of order 0, `I₀(x)`.
///
/// Even; overflows to `∞` for `|x| > 713.98`; NaN for NaN and `±∞` (SciPy's convention).
/// Relative error of a few ulps. O(1) (at most ~60 series terms).
///
/// # Differences from SciPy
///
/// SciPy overflows to `∞` already at `|x| > 709.78` (where `eˣ` alone overflows); sci
/// returns the finite values up to 713.98.
///
/// ```
/// use sci_stats::special::i0;
/// assert_eq!(i0(0.0), 1.0);
/// assert!((i0(1.0) - 1.266_065_877_752_008_4).abs() < 4e-16);
/// ```
pub fn i0(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return x;
    }
    if ax <= 20.0 {
        return i_series(ax, 0);
    }
    if ax == f64::INFINITY {
        return f64::NAN; // SciPy's convention
    }
    let h = (0.5 * ax).exp();
    h * (h * FRAC_1_SQRT_2PI / ax.sqrt() * i_asymptotic(ax, 0))
}

/// The exponentially scaled `I₀`: `i0e(x) = e^(-|x|) I₀(x)`, which does not overflow
/// (`i0e(x) ≈ 1/√(2π|x|)` for large `|x|`). NaN propagates. O(1).
///
/// ```
/// use sci_stats::special::i0e;
/// assert!((i0e(1e300) - 3.989_422_804_014_327e-151).abs() < 1e-165);
/// ```
pub fn i0e(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return x;
    }
    if ax <= 20.0 {
        return i_series(ax, 0) * (-ax).exp();
    }
    if ax == f64::INFINITY {
        return 0.0;
    }
    FRAC_1_SQRT_2PI / ax.sqrt() * i_asymptotic(ax, 0)
}

/// The modified Bessel function of the first kind of order 1, `I₁(x)`.
///
/// Odd; overflows to `±∞` for `|x| > 713.98`; NaN for NaN and `±∞` (SciPy's convention).
/// Relative error of a few ulps. O(1). Like [`i0`], finite up to 713.98 where SciPy
/// overflows from 709.78.
///
/// ```
/// use sci_stats::special::i1;
/// assert!((i1(1.0) - 0.565_159_103_992_485_1).abs() < 2e-16);
/// assert_eq!(i1(-2.0), -i1(2.0));
/// ```
pub fn i1(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return x;
    }
    let v = if ax <= 20.0 {
        i_series(ax, 1)
    } else if ax == f64::INFINITY {
        f64::NAN // SciPy's convention
    } else {
        let h = (0.5 * ax).exp();
        h * (h * FRAC_1_SQRT_2PI / ax.sqrt() * i_asymptotic(ax, 1))
    };
    v.copysign(x)
}

/// The exponentially scaled `I₁`: `i1e(x) = e^(-|x|) I₁(x)`. Odd; NaN propagates. O(1).
///
/// ```
/// use sci_stats::special::{i1, i1e};
/// assert!((i1e(3.0) - i1(3.0) * (-3.0f64).exp()).abs() < 1e-16);
/// ```
pub fn i1e(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return x;
    }
    let v = if ax <= 20.0 {
        i_series(ax, 1) * (-ax).exp()
    } else if ax == f64::INFINITY {
        0.0
    } else {
        FRAC_1_SQRT_2PI / ax.sqrt() * i_asymptotic(ax, 1)
    };
    v.copysign(x)
}

/// `(J₀(x), J₁(x))` for 0 ≤ x ≤ 2 by the power series (alternating, terms ≤ 1).
fn j_series(x: f64) -> (f64, f64) {
    let q = -0.25 * x * x;
    let (mut t0, mut t1) = (1.0, 0.5 * x);
    let (mut s0, mut s1) = (t0, t1);
    let mut k = 1.0;
    while k < 40.0 {
        t0 *= q / (k * k);
        t1 *= q / (k * (k + 1.0));
        s0 += t0;
        s1 += t1;
        if t0.abs() < EPS * 0.1 * s0.abs().max(1e-300) && t1.abs() < EPS * 0.1 * s1.abs().max(1e-300) {
            break;
        }
        k += 1.0;
    }
    (s0, s1)
}

/// `(J₀(x), J₁(x))` for 2 < x ≤ 25 by Miller's backward recurrence.
fn j_miller(x: f64) -> (f64, f64) {
    let v = j_miller_all(x);
    (v[0], v[1])
}

/// Normalized `J_0(x), …, J_m(x)` for 2 < x ≤ 25 by Miller's backward recurrence.
fn j_miller_all(x: f64) -> Vec<f64> {
    let m = 2 * ((x as usize + 40) / 2);
    let mut v = vec![0.0; m + 2];
    v[m] = 1e-280;
    for n in (1..=m).rev() {
        v[n - 1] = 2.0 * n as f64 / x * v[n] - v[n + 1];
        if v[n - 1].abs() > 1e250 {
            for w in &mut v[n - 1..] {
                *w *= 1e-250;
            }
        }
    }
    let norm = v[0] + 2.0 * v.iter().skip(2).step_by(2).sum::<f64>();
    for w in &mut v {
        *w /= norm;
    }
    v
}

/// `(Y₀(x), Y₁(x))` for 0 < x ≤ 25.
///
/// For x ≤ 2 the power series (DLMF 10.8.1); beyond, the Neumann series
/// `Y₀ = (2/π)[(ln(x/2) + γ) J₀ - 2 Σₖ (-1)ᵏ J₂ₖ/k]` and its derivative
/// `Y₁ = -Y₀' = (2/π)[(ln(x/2) + γ) J₁ - J₀/x + Σₖ (-1)ᵏ (J₂ₖ₋₁ - J₂ₖ₊₁)/k]` over the
/// Miller-normalized `Jₙ`, which are all bounded by 1 (absolute accuracy).
fn y_small(x: f64) -> (f64, f64) {
    const EULER: f64 = 0.577_215_664_901_532_9;
    let l = (0.5 * x).ln() + EULER;
    if x <= 2.0 {
        let (j0v, j1v) = j_series(x);
        let q = 0.25 * x * x;
        // Y₀: Σ_{k≥1} (-1)^(k+1) H_k q^k/(k!)²
        let mut t = 1.0;
        let mut h = 0.0;
        let mut s0 = 0.0;
        // Y₁: Σ_{k≥0} (ψ(k+1) + ψ(k+2)) (-q)^k/(k!(k+1)!), ψ(k+1) = H_k - γ
        let mut u = 1.0;
        let mut s1 = 1.0 - 2.0 * EULER; // k = 0: ψ(1) + ψ(2)
        let mut k = 1.0;
        while k < 60.0 {
            h += 1.0 / k;
            t *= -q / (k * k);
            s0 -= h * t;
            u *= -q / (k * (k + 1.0));
            let psi_sum = (h - EULER) + (h + 1.0 / (k + 1.0) - EULER);
            s1 += psi_sum * u;
            if t.abs() * h < EPS * 0.1 * s0.abs().max(1e-300) && u.abs() < EPS * 1e-3 {
                break;
            }
            k += 1.0;
        }
        let y0 = FRAC_2_PI * (l * j0v + s0);
        let y1 = -FRAC_2_PI / x + FRAC_2_PI * (0.5 * x).ln() * j1v - x / (2.0 * std::f64::consts::PI) * s1;
        return (y0, y1);
    }
    let v = j_miller_all(x);
    let mut s0 = 0.0;
    let mut s1 = 0.0;
    let mut k = 1;
    while 2 * k + 1 < v.len() {
        let sign = if k % 2 == 1 { -1.0 } else { 1.0 };
        s0 += sign * v[2 * k] / k as f64;
        s1 += sign * (v[2 * k - 1] - v[2 * k + 1]) / k as f64;
        k += 1;
    }
    let y0 = FRAC_2_PI * (l * v[0] - 2.0 * s0);
    let y1 = FRAC_2_PI * (l * v[1] - v[0] / x + s1);
    (y0, y1)
}

/// The Bessel function of the second kind of order 0, `Y₀(x)`, for `x > 0`.
///
/// `Y₀(0) = -∞`; NaN for `x < 0`, NaN and (as SciPy) `+∞`. Absolute error of a few ulps of
/// the local amplitude (relative accuracy degrades next to the zeros, as in SciPy). O(1).
///
/// ```
/// use sci_stats::special::y0;
/// assert!((y0(1.0) - 0.088_256_964_215_676_96).abs() < 1e-16);
/// assert_eq!(y0(0.0), f64::NEG_INFINITY);
/// assert!(y0(-1.0).is_nan());
/// ```
pub fn y0(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 || x == f64::INFINITY {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x <= 25.0 {
        return y_small(x).0;
    }
    let (p, q) = hankel_pq(x, 0);
    let (s, c) = x.sin_cos();
    let cchi = (c + s) * FRAC_1_SQRT_2;
    let schi = (s - c) * FRAC_1_SQRT_2;
    (FRAC_2_PI / x).sqrt() * (p * schi + q * cchi)
}

/// The Bessel function of the second kind of order 1, `Y₁(x)`, for `x > 0`.
///
/// `Y₁(0) = -∞` (and `-∞` once `-2/(πx)` overflows); NaN for `x < 0`, NaN and (as SciPy)
/// `+∞`. Accuracy and cost as [`y0`].
///
/// ```
/// use sci_stats::special::y1;
/// assert!((y1(1.0) + 0.781_212_821_300_288_7).abs() < 2e-16);
/// assert_eq!(y1(0.0), f64::NEG_INFINITY);
/// ```
pub fn y1(x: f64) -> f64 {
    if x.is_nan() || x < 0.0 || x == f64::INFINITY {
        return f64::NAN;
    }
    if x == 0.0 {
        return f64::NEG_INFINITY;
    }
    if x <= 25.0 {
        return y_small(x).1;
    }
    let (p, q) = hankel_pq(x, 1);
    let (s, c) = x.sin_cos();
    let cchi = (s - c) * FRAC_1_SQRT_2;
    let schi = -(s + c) * FRAC_1_SQRT_2;
    (FRAC_2_PI / x).sqrt() * (p * schi + q * cchi)
}

/// `(P, Q)` of Hankel's expansion for order ν at x > 25.
fn hankel_pq(x: f64, nu: u32) -> (f64, f64) {
    let mu = 4.0 * f64::from(nu * nu);
    let z = 8.0 * x;
    // a_k = Π_{j≤k} (μ - (2j-1)²) / (k! z^k); P = Σ (-1)^k a_{2k}, Q = Σ (-1)^k a_{2k+1}.
    let mut p = 1.0;
    let mut q = 0.0;
    let mut a = 1.0;
    let mut k = 1.0;
    let mut prev = f64::INFINITY;
    while k < 200.0 {
        let j = 2.0 * k - 1.0;
        a *= (mu - j * j) / (k * z);
        if a.abs() >= prev {
            break;
        }
        prev = a.abs();
        // k odd → Q term with sign (-1)^((k-1)/2); k even → P term with sign (-1)^(k/2)
        let kk = k as u64;
        if kk % 2 == 1 {
            q += if (kk / 2).is_multiple_of(2) { a } else { -a };
        } else {
            p += if (kk / 2).is_multiple_of(2) { a } else { -a };
        }
        if a.abs() < EPS * 0.1 {
            break;
        }
        k += 1.0;
    }
    (p, q)
}

/// The Bessel function of the first kind of order 0, `J₀(x)`.
///
/// Even; NaN for NaN and, as SciPy, for `±∞`. Absolute error of a few ulps of the local amplitude
/// (`√(2/(πx))` for large x), so relative accuracy degrades next to the zeros, as in SciPy.
/// O(1) (at most ~65 recurrence steps).
///
/// ```
/// use sci_stats::special::j0;
/// assert_eq!(j0(0.0), 1.0);
/// assert!((j0(1.0) - 0.765_197_686_557_966_6).abs() < 2e-16);
/// assert!((j0(100.0) - 0.019_985_850_304_223_122).abs() < 1e-17);
/// ```
pub fn j0(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return x;
    }
    if ax <= 2.0 {
        return j_series(ax).0;
    }
    if ax <= 25.0 {
        return j_miller(ax).0;
    }
    if ax == f64::INFINITY {
        return f64::NAN; // SciPy's convention (the limit would be 0)
    }
    let (p, q) = hankel_pq(ax, 0);
    let (s, c) = ax.sin_cos();
    // χ = x - π/4: cos χ = (cos x + sin x)/√2, sin χ = (sin x - cos x)/√2.
    let cchi = (c + s) * FRAC_1_SQRT_2;
    let schi = (s - c) * FRAC_1_SQRT_2;
    (FRAC_2_PI / ax).sqrt() * (p * cchi - q * schi)
}

/// The Bessel function of the first kind of order 1, `J₁(x)`.
///
/// Odd; NaN for NaN and `±∞` (SciPy's convention). Accuracy and cost as [`j0`].
///
/// ```
/// use sci_stats::special::j1;
/// assert!((j1(1.0) - 0.440_050_585_744_933_5).abs() < 2e-16);
/// assert_eq!(j1(-3.0), -j1(3.0));
/// ```
pub fn j1(x: f64) -> f64 {
    let ax = x.abs();
    if ax.is_nan() {
        return x;
    }
    let v = if ax <= 2.0 {
        j_series(ax).1
    } else if ax <= 25.0 {
        j_miller(ax).1
    } else if ax == f64::INFINITY {
        f64::NAN // SciPy's convention (the limit would be 0)
    } else {
        let (p, q) = hankel_pq(ax, 1);
        let (s, c) = ax.sin_cos();
        // χ = x - 3π/4: cos χ = (sin x - cos x)/√2, sin χ = -(sin x + cos x)/√2.
        let cchi = (s - c) * FRAC_1_SQRT_2;
        let schi = -(s + c) * FRAC_1_SQRT_2;
        (FRAC_2_PI / ax).sqrt() * (p * cchi - q * schi)
    };
    if x < 0.0 { -v } else { v }
}
