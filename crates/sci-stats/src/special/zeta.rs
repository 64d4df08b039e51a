//! The Hurwitz and Riemann zeta functions: `zeta`, `riemann_zeta`, `zetac`.
//!
//! `ζ(x, q) = Σₖ (k + q)^(-x)` by Euler–Maclaurin summation: the first `N ≥ 9` terms
//! directly (stopping early once they fall below `ε` of the sum), then the tail integral,
//! half the last term and up to twelve Bernoulli corrections `B₂ⱼ/(2j)! · (x)₂ⱼ₋₁ ·
//! a^(1-x-2j)`, which converge because `a = q + N ≥ 9`. The Riemann function uses the
//! same sum with `q = 1` for `x > 1`, Borwein's accelerated alternating series for
//! `0 ≤ x < 1` and the functional equation for `x < 0`.

use super::gamma::{MAX_GAMMA_ARG, gamma, gammaln};
use super::util::sinpi;

/// `(2j)! / B₂ⱼ`, j = 1..12.
const EM: [f64; 12] = [
    12.0,
    -720.0,
    30240.0,
    -1_209_600.0,
    47_900_160.0,
    -1_892_437_580.318_379_2,
    74_724_249_600.0,
    -2_950_130_727_918.164,
    116_467_828_143_500.67,
    -4_597_978_722_407_473.0,
    1.815_210_540_194_354_6e17,
    -7.166_165_256_175_667e18,
];

/// Borwein's weights `(d₂₆ - d_k)/d₂₆` for the alternating (Dirichlet eta) series, from
/// P. Borwein, "An efficient algorithm for the Riemann zeta function" (2000), algorithm 2
/// with n = 26: error below 3/(3 + √8)²⁶ ≈ 3e-20 for 0 ≤ x ≤ 1.
const BORWEIN: [f64; 26] = [
    1.0,
    1.0,
    0.9999999999999923,
    0.9999999999993129,
    0.9999999999669417,
    0.9999999990173852,
    0.999999980285226,
    0.9999997167999086,
    0.9999969633783431,
    0.9999749360058185,
    0.9998369750936913,
    0.9991489622332123,
    0.9963819539899814,
    0.9873231946952196,
    0.9630227134124458,
    0.9093940650642554,
    0.8118677731084736,
    0.6658391006613137,
    0.48643244594051716,
    0.3067705897194066,
    0.16165909046389423,
    0.0686259341467713,
    0.02240438713932123,
    0.0052555233220643914,
    0.0007858726462900025,
    5.613376044928589e-05,
];

/// ζ(x) for 0 ≤ x < 1 as η(x)/(1 - 2^(1-x)); the eta series has no large cancellation.
fn riemann_zeta_unit(x: f64) -> f64 {
    let mut eta = 0.0;
    for (k, w) in BORWEIN.iter().enumerate().rev() {
        let term = w * ((k + 1) as f64).powf(-x);
        eta += if k % 2 == 0 { term } else { -term };
    }
    // 1 - 2^(1-x) = -expm1((1-x) ln 2)
    eta / -((1.0 - x) * std::f64::consts::LN_2).exp_m1()
}

/// Euler–Maclaurin sum for ζ(x, q), q > 0 or (q < 0 and x an integer), x ≠ 1.
fn hurwitz_em(x: f64, q: f64) -> f64 {
    let mut s = q.powf(-x);
    let mut a = q;
    let mut b = 0.0;
    let mut i = 0;
    while i < 9 || a <= 9.0 {
        i += 1;
        a += 1.0;
        b = a.powf(-x);
        s += b;
        if (b / s).abs() < f64::EPSILON / 2.0 {
            return s;
        }
        if i > 100_000 {
            break;
        }
    }
    let w = a;
    s += b * w / (x - 1.0);
    s -= 0.5 * b;
    let mut fac = 1.0;
    let mut k = 0.0;
    for em in EM {
        fac *= x + k;
        b /= w;
        let t = fac * b / em;
        s += t;
        if (t / s).abs() < f64::EPSILON / 2.0 {
            break;
        }
        k += 1.0;
        fac *= x + k;
        b /= w;
        k += 1.0;
    }
    s
}

/// The Hurwitz zeta function `ζ(x, q) = Σₖ₌₀^∞ (k + q)^(-x)` (SciPy's `zeta(x, q)`).
///
/// Defined for `x > 1`: NaN for `x < 1` (use [`riemann_zeta`] for the continuation of
/// `ζ(x, 1)`), `+∞` at `x = 1` and at `q = 0, -1, -2, …`; for other negative `q` only integer
/// `x` is allowed (NaN otherwise), as in SciPy. Relative error of a few ulps; O(1).
///
/// ```
/// use sci_stats::special::zeta;
/// assert!((zeta(2.0, 1.0) - std::f64::consts::PI.powi(2) / 6.0).abs() < 1e-15);
/// assert!((zeta(3.0, 2.5) - 0.118_102_025_820_863_68).abs() < 1e-16);
/// assert!(zeta(0.5, 1.0).is_nan());
/// ```
pub fn zeta(x: f64, q: f64) -> f64 {
    if q.is_nan() {
        return f64::NAN;
    }
    if x == 1.0 {
        return f64::INFINITY;
    }
    if x < 1.0 {
        return f64::NAN;
    }
    // SciPy checks the poles of q before looking at a NaN x.
    if q <= 0.0 {
        if q == q.floor() {
            return f64::INFINITY;
        }
        if x != x.floor() {
            return f64::NAN;
        }
    }
    if x.is_nan() {
        return x;
    }
    if x == f64::INFINITY {
        // SciPy's summation gives 0/0 for 1 < q ≤ 1e8.
        return if q > 1e8 {
            0.0
        } else if q > 1.0 {
            f64::NAN
        } else if q == 1.0 {
            1.0
        } else {
            f64::INFINITY
        };
    }
    if q == f64::INFINITY {
        return 0.0;
    }
    if q > 1e8 {
        // DLMF 25.11.43, leading terms.
        return (1.0 / (x - 1.0) + 1.0 / (2.0 * q)) * q.powf(1.0 - x);
    }
    hurwitz_em(x, q)
}

/// The Riemann zeta function `ζ(x)` on the whole real line (SciPy's `zeta(x)` with `q`
/// omitted).
///
/// `ζ(1) = ∞`, `ζ(-2n) = 0`, `ζ(∞) = 1`, NaN for NaN and `-∞`. Relative error of a few ulps
/// for `x > 0`; for `x < 0` the functional equation `ζ(x) = 2ˣ πˣ⁻¹ sin(πx/2) Γ(1-x)
/// ζ(1-x)` is used, with an error that grows like `|x|·ε` (its power of 2π). O(1).
///
/// ```
/// use sci_stats::special::riemann_zeta;
/// assert!((riemann_zeta(0.5) + 1.460_354_508_809_586_8).abs() < 1e-14);
/// assert!((riemann_zeta(-1.0) + 1.0 / 12.0).abs() < 1e-16);
/// assert_eq!(riemann_zeta(-2.0), 0.0);
/// ```
pub fn riemann_zeta(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    if x == 1.0 {
        return f64::INFINITY;
    }
    if x == f64::INFINITY {
        return 1.0;
    }
    if x > 1.0 {
        return if x > 60.0 { 1.0 + zetac(x) } else { hurwitz_em(x, 1.0) };
    }
    if x >= 0.0 {
        return riemann_zeta_unit(x);
    }
    // Functional equation.
    let s = sinpi(0.5 * x);
    if s == 0.0 {
        return 0.0;
    }
    let y = 1.0 - x;
    let zy = riemann_zeta(y);
    if y < MAX_GAMMA_ARG - 1.0 {
        let two_pi_pow = (2.0 * std::f64::consts::PI).powf(x);
        return two_pi_pow / std::f64::consts::PI * s * gamma(y) * zy;
    }
    let ln = x * (2.0 * std::f64::consts::PI).ln() - std::f64::consts::PI.ln() + s.abs().ln() + gammaln(y);
    ln.exp().copysign(s) * zy
}

/// `ζ(x) - 1` for the Riemann zeta function, without cancellation for large `x`
/// (SciPy's `zetac`). For `x > 1` it is `ζ(x, 2)`; NaN for NaN and `-∞`. O(1).
///
/// # Differences from SciPy
///
/// SciPy returns 0 for `x > 127`; sci returns the value, `2^-x + 3^-x` (e.g. `zetac(200)
/// = 6.2e-61`), down to the subnormal range.
///
/// ```
/// use sci_stats::special::zetac;
/// assert!((zetac(60.0) - 8.673_617_380_119_933e-19).abs() < 1e-33);
/// ```
pub fn zetac(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    if x == f64::INFINITY {
        return 0.0;
    }
    if x > 1.0 {
        if x > 80.0 {
            // 2^-x (1 + (2/3)^x + (2/4)^x ...): beyond 80 the third term is below ε.
            return (-x).exp2() + 3f64.powf(-x);
        }
        return zeta(x, 2.0);
    }
    riemann_zeta(x) - 1.0
}
