//! Complete elliptic integrals, Jacobi elliptic functions and the incomplete integral of the
//! first kind, for elliptic filter design (private to the crate: sci-signal does not depend
//! on sci-stats' `special`).
//!
//! Every routine takes the parameter `m` together with its complement `mc = 1 - m` where the
//! result depends on `mc`: elliptic filters of high selectivity have `m` within `1e-10` of 1,
//! and forming `1 - m` there would keep only a few digits. All are built on the arithmetic–
//! geometric mean (AGM), which converges quadratically (at most a dozen steps for any
//! `mc ≥ 1e-300`), and are accurate to a few ulps.

use std::f64::consts::PI;

/// Relative size of `a - b` below which the AGM has converged (a few ulps; one more step
/// after that changes nothing).
const AGM_TOL: f64 = 4.0 * f64::EPSILON;

/// Upper bound on AGM steps (a safety net: 64 halvings of the gap exhaust any `f64`).
const AGM_MAX: usize = 64;

/// The AGM sequence from `(1, √mc)`: `a_n`, `c_n = (a_{n-1} - b_{n-1}) / 2` (with
/// `c_0 = √m`), stopping once `c_n ≤ AGM_TOL a_n`.
struct Agm {
    a: Vec<f64>,
    c: Vec<f64>,
}

fn agm_sequence(m: f64, mc: f64) -> Agm {
    let (mut a, mut b) = (1.0, mc.sqrt());
    let mut out = Agm { a: vec![a], c: vec![m.sqrt()] };
    for _ in 0..AGM_MAX {
        if (a - b).abs() <= AGM_TOL * a {
            break;
        }
        let (an, bn, cn) = (0.5 * (a + b), (a * b).sqrt(), 0.5 * (a - b));
        a = an;
        b = bn;
        out.a.push(a);
        out.c.push(cn);
    }
    out
}

/// Complete elliptic integral of the first kind as a function of the complementary
/// parameter: `K(1 - mc) = π / (2 AGM(1, √mc))` (SciPy's `ellipkm1(mc)`; `ellipk(m)` is
/// `ellipk_mc(1 - m)`). `+∞` at `mc = 0`, NaN for `mc < 0` (that is `m > 1`) or NaN input;
/// negative `m` (`mc > 1`) is fine.
pub(crate) fn ellipk_mc(mc: f64) -> f64 {
    if mc.is_nan() || mc < 0.0 {
        return f64::NAN;
    }
    if mc == 0.0 {
        return f64::INFINITY;
    }
    if mc.is_infinite() {
        return 0.0;
    }
    let mut a = 1.0f64;
    let mut b = mc.sqrt();
    for _ in 0..AGM_MAX {
        if (a - b).abs() <= AGM_TOL * a {
            break;
        }
        (a, b) = (0.5 * (a + b), (a * b).sqrt());
    }
    PI / (a + b)
}

/// `K(m)`, SciPy's `ellipk(m)`.
pub(crate) fn ellipk(m: f64) -> f64 {
    ellipk_mc(1.0 - m)
}

/// Jacobi elliptic functions `(sn, cn, dn)` of real `u` and parameter `m ∈ [0, 1]` with
/// complement `mc = 1 - m`, by the descending Landen (AGM) recursion for the amplitude
/// (Abramowitz & Stegun 16.4): `φ_N = 2^N a_N u`, `φ_{n-1} = (φ_n + asin(c_n sin φ_n /
/// a_n)) / 2`, `sn = sin φ_0`, `cn = cos φ_0`, and `dn = √(mc + m cn²)` (no cancellation).
///
/// `sn` is accurate to a few ulps relative; `cn` to a few ulps absolute, so relatively only
/// while `cn` is not tiny: use [`sncndn_reflected`] on `[0, K]`.
pub(crate) fn sncndn(u: f64, m: f64, mc: f64) -> (f64, f64, f64) {
    if mc == 0.0 {
        let t = u.tanh();
        let s = 1.0 / u.cosh();
        return (t, s, s);
    }
    if m == 0.0 {
        return (u.sin(), u.cos(), 1.0);
    }
    let agm = agm_sequence(m, mc);
    let n = agm.a.len() - 1;
    let mut phi = (2f64).powi(n as i32) * agm.a[n] * u;
    for i in (1..=n).rev() {
        phi = 0.5 * (phi + (agm.c[i] / agm.a[i] * phi.sin()).asin());
    }
    let (sn, cn) = phi.sin_cos();
    (sn, cn, (mc + m * cn * cn).sqrt())
}

/// [`sncndn`] for `0 ≤ u ≤ K = K(m)` with full relative accuracy in all three functions:
/// above `K/2` it evaluates at `w = K - u` and reflects, `sn(K - w) = cn w / dn w`,
/// `cn(K - w) = √mc sn w / dn w`, `dn(K - w) = √mc / dn w` (A&S 16.8.2), so a `cn` near
/// zero is formed from quantities that are not.
pub(crate) fn sncndn_reflected(u: f64, m: f64, mc: f64, k: f64) -> (f64, f64, f64) {
    if u <= 0.5 * k || !k.is_finite() {
        return sncndn(u, m, mc);
    }
    let (s, c, d) = sncndn(k - u, m, mc);
    let kc = mc.sqrt();
    (c / d, kc * s / d, kc / d)
}

/// Incomplete elliptic integral of the first kind `F(φ | m)` at `φ = atan(t)`, for
/// `t ≥ 0`, given the complement `mc = 1 - m > 0`, by the descending Gauss (AGM)
/// transformation of the amplitude (A&S 17.5): `tan(φ_{n+1} - φ_n) = (b_n / a_n) tan φ_n`
/// with `φ_{n+1} - φ_n` in the quadrant of `φ_n`, and `F = φ_N / (2^N a_N)`.
///
/// This is the inverse of `sc(·, m)`: `sc(F(atan t | m), m) = t`.
pub(crate) fn ellipf_atan(t: f64, mc: f64) -> f64 {
    let mut phi = t.atan();
    let (mut a, mut b) = (1.0f64, mc.sqrt());
    let mut scale = 1.0f64;
    for _ in 0..AGM_MAX {
        if (a - b).abs() <= AGM_TOL * a {
            break;
        }
        let (s, c) = phi.sin_cos();
        let mut theta = (b * s).atan2(a * c);
        // The branch of the arctangent nearest φ (same quadrant).
        theta += 2.0 * PI * ((phi - theta) / (2.0 * PI)).round();
        phi += theta;
        (a, b) = (0.5 * (a + b), (a * b).sqrt());
        scale *= 2.0;
    }
    phi / (scale * 0.5 * (a + b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(got: f64, want: f64, rtol: f64, what: &str) {
        assert!((got - want).abs() <= rtol * want.abs(), "{what}: {got:e} vs {want:e}");
    }

    // Reference values: scipy.special.ellipk / ellipkm1 / ellipj / ellipkinc (SciPy 1.17.1).
    #[test]
    fn complete_integral_matches_scipy() {
        for (m, want) in [
            (0.0, std::f64::consts::FRAC_PI_2),
            (1e-12, 1.5707963267952894),
            (0.1, 1.6124413487202192),
            (0.5, 1.8540746773013719),
            (0.9, 2.5780921133481733),
            (0.999999, 8.294051463601061),
            (-3.0, 1.0782578237498215),
        ] {
            close(ellipk(m), want, 4e-16, &format!("K({m})"));
        }
        for (mc, want) in [(1e-20, 24.412145291060348), (1e-8, 10.596634757087662), (0.3, 2.075363135292469)]
        {
            close(ellipk_mc(mc), want, 4e-16, &format!("K(1-{mc})"));
        }
        assert_eq!(ellipk_mc(0.0), f64::INFINITY);
        assert!(ellipk(1.5).is_nan() && ellipk(f64::NAN).is_nan());
        close(ellipf_atan(f64::INFINITY, 0.3), ellipk_mc(0.3), 4e-16, "F(pi/2) = K");
    }

    #[test]
    fn jacobi_functions_match_scipy() {
        for (u, m, s, c, d) in [
            (0.3, 0.2, 0.2946763356810718, 0.9555971207520334, 0.9912785539079897),
            (1.7, 0.9, 0.9522305421080186, 0.3053800823181972, 0.4288721198784107),
            (2.5, 0.999, 0.986843322251561, 0.16167948950779634, 0.16466364829607694),
            (0.8, 1e-9, 0.7173560908472326, 0.6967067094010053, 0.9999999997427),
            (1.0, 0.5, 0.8030018248956439, 0.5959765676721407, 0.8231610016315963),
        ] {
            let (gs, gc, gd) = sncndn(u, m, 1.0 - m);
            close(gs, s, 1e-15, "sn");
            close(gc, c, 4e-15, "cn");
            close(gd, d, 4e-15, "dn");
            let k = ellipk(m);
            if u <= k {
                let (rs, rc, rd) = sncndn_reflected(u, m, 1.0 - m, k);
                close(rs, s, 1e-15, "sn refl");
                close(rc, c, 4e-15, "cn refl");
                close(rd, d, 4e-15, "dn refl");
            }
        }
        // Identities near m = 1 and at the quarter period.
        let mc = 1e-14;
        let k = ellipk_mc(mc);
        let (s, c, d) = sncndn_reflected(k, 1.0 - mc, mc, k);
        assert!((s - 1.0).abs() < 1e-15 && c.abs() < 1e-30 && (d - mc.sqrt()).abs() < 1e-22, "{s} {c} {d}");
        let u = 0.37 * k;
        let (s, c, d) = sncndn_reflected(u, 1.0 - mc, mc, k);
        let (s2, c2, d2) = sncndn_reflected(k - u, 1.0 - mc, mc, k);
        close(s2, c / d, 1e-14, "sn(K-u) = cd(u)");
        close(c2, mc.sqrt() * s / d, 1e-14, "cn(K-u)");
        close(d2, mc.sqrt() / d, 1e-14, "dn(K-u)");
    }

    #[test]
    fn incomplete_integral_matches_scipy() {
        for (phi, m, want) in [
            (0.7f64, 0.3, 0.7165177159853932),
            (1.5, 0.99, 3.0360140973397103),
            (1.2, 0.999999, 1.6736978933926714),
        ] {
            close(ellipf_atan(phi.tan(), 1.0 - m), want, 2e-15, &format!("F({phi}|{m})"));
        }
        // Inverse of sc: sc(F(atan t)) = t, including a parameter next to 1.
        for (t, mc) in [(0.3, 0.5), (20.0, 1e-7), (3.0, 1e-12)] {
            let u = ellipf_atan(t, mc);
            let (s, c, _) = sncndn(u, 1.0 - mc, mc);
            close(s / c, t, 1e-13, "sc(F)");
        }
        assert_eq!(ellipf_atan(0.0, 0.5), 0.0);
    }
}
