//! Distributions of Kolmogorov-Smirnov statistics: the one-sided exact distribution
//! (`smirnov`, SciPy's `ksone`), the two-sided exact distribution (`kstwo`, after Simard and
//! L'Ecuyer 2011) and its limit (`kolmogorov`, SciPy's `kstwobign`).

use crate::special::gammaln;

/// `P(D⁺ₙ >= d)`, the exact one-sided Smirnov survival function (Birnbaum and Tingey 1951):
/// `d Σ_{j=0}^{⌊n(1−d)⌋} C(n, j) (1 − d − j/n)^(n−j) (d + j/n)^(j−1)`, a sum of positive
/// terms evaluated in logarithms.
pub(crate) fn smirnov_sf(n: usize, d: f64) -> f64 {
    if d.is_nan() {
        return f64::NAN;
    }
    if d <= 0.0 {
        return 1.0;
    }
    if d >= 1.0 {
        return 0.0;
    }
    let nf = n as f64;
    let jmax = (nf * (1.0 - d)).floor() as usize;
    // ln C(n, j) accumulated term by term (compensated): lgamma(n + 1) alone would carry an
    // absolute error of eps·n·ln n, 5e-10 for n = 2e5.
    let mut ln_c = crate::common::Neumaier::default();
    let mut sum = crate::common::Neumaier::default();
    for j in 0..=jmax.min(n) {
        let jf = j as f64;
        if j > 0 {
            ln_c.add(((nf - jf + 1.0) / jf).ln());
        }
        let dj = d + jf / nf;
        if dj >= 1.0 {
            break;
        }
        let term = if j == 0 {
            // (1 − d)^n · d^(−1), multiplied by d below.
            nf * (-d).ln_1p() - d.ln()
        } else {
            ln_c.value() + (nf - jf) * (-dj).ln_1p() + (jf - 1.0) * dj.ln()
        };
        sum.add(term.exp());
    }
    (d * sum.value()).clamp(0.0, 1.0)
}

/// `ln(n!/nⁿ)`.
fn ln_nfact_over_npow(n: usize) -> f64 {
    let nf = n as f64;
    gammaln(nf + 1.0) - nf * nf.ln()
}

/// Durbin's matrix method (Marsaglia, Tsang and Wang 2003): the exact `P(Dₙ < d)`.
fn durbin_cdf(n: usize, d: f64) -> f64 {
    let nd = n as f64 * d;
    if nd <= 0.5 {
        return 0.0;
    }
    let k = nd.ceil() as usize;
    let h = k as f64 - nd;
    let m = 2 * k - 1;
    // H[i][j] = 1/(i − j + 1)! for i − j + 1 >= 0, with the first column and last row
    // corrected by powers of h.
    let mut fact = vec![1.0f64; m + 2];
    for i in 1..m + 2 {
        fact[i] = fact[i - 1] * i as f64;
    }
    let mut hm = vec![0.0f64; m * m];
    for i in 0..m {
        for j in 0..m {
            if i + 1 >= j {
                hm[i * m + j] = 1.0 / fact[i + 1 - j];
            }
        }
    }
    for i in 0..m {
        hm[i * m] -= h.powi(i as i32 + 1) / fact[i + 1];
        hm[(m - 1) * m + i] -= h.powi((m - i) as i32) / fact[m - i];
    }
    if 2.0 * h - 1.0 > 0.0 {
        hm[(m - 1) * m] += (2.0 * h - 1.0).powi(m as i32) / fact[m];
    }
    // H^n by repeated squaring, rescaling by 2^±256 to stay in range.
    let matmul = |a: &[f64], b: &[f64]| {
        let mut c = vec![0.0f64; m * m];
        for i in 0..m {
            for l in 0..m {
                let ail = a[i * m + l];
                if ail != 0.0 {
                    for j in 0..m {
                        c[i * m + j] += ail * b[l * m + j];
                    }
                }
            }
        }
        c
    };
    let mut result: Vec<f64> = (0..m * m).map(|x| if x / m == x % m { 1.0 } else { 0.0 }).collect();
    let (mut exp_result, mut exp_base) = (0i32, 0i32);
    let mut base = hm;
    let mut e = n;
    let big = 2f64.powi(256);
    while e > 0 {
        if e % 2 == 1 {
            result = matmul(&result, &base);
            exp_result += exp_base;
            if result[(k - 1) * m + k - 1].abs() > big {
                result.iter_mut().for_each(|v| *v /= big);
                exp_result += 256;
            }
        }
        e /= 2;
        if e > 0 {
            base = matmul(&base, &base);
            exp_base *= 2;
            if base[(k - 1) * m + k - 1].abs() > big {
                base.iter_mut().for_each(|v| *v /= big);
                exp_base += 256;
            }
        }
    }
    let p = result[(k - 1) * m + k - 1];
    if p <= 0.0 {
        return p.max(0.0);
    }
    (p.ln() + f64::from(exp_result) * std::f64::consts::LN_2 + ln_nfact_over_npow(n)).exp().min(1.0)
}

/// The Pelz-Good asymptotic expansion of `P(Dₙ <= x)` to order `n^(−3/2)` (Pelz and Good
/// 1976), in the form for small `z = x√n`.
fn pelz_good(n: usize, x: f64, cdf: bool) -> f64 {
    use std::f64::consts::PI;
    let nf = n as f64;
    let z = nf.sqrt() * x;
    let (z2, z3, z4, z6) = (z * z, z * z * z, z.powi(4), z.powi(6));
    let qlog = -PI * PI / 8.0 / z2;
    if qlog < -708.0 {
        return if cdf { 0.0 } else { 1.0 };
    }
    let q = qlog.exp();
    let (pi2, pi4, pi6) = (PI * PI, PI.powi(4), PI.powi(6));
    let k1a = -z2;
    let k1b = pi2 / 4.0;
    let k2a = 6.0 * z6 + 2.0 * z4;
    let k2b = (2.0 * z4 - 5.0 * z2) * pi2 / 4.0;
    let k2c = pi4 * (1.0 - 2.0 * z2) / 16.0;
    let k3d = pi6 * (5.0 - 30.0 * z2) / 64.0;
    let k3c = pi4 * (-60.0 * z2 + 212.0 * z4) / 16.0;
    let k3b = pi2 * (135.0 * z4 - 96.0 * z6) / 4.0;
    let k3a = -30.0 * z6 - 90.0 * z.powi(8);
    let maxk = (16.0 * z / PI).ceil() as i64;
    let mut kk = [0.0f64; 4];
    // Horner's scheme over odd integers m = 2k − 1 for Σ c(m) q^(m²).
    for k in (1..=maxk).rev() {
        let mm = (2 * k - 1) as f64;
        let (m2, m4, m6) = (mm * mm, mm.powi(4), mm.powi(6));
        let qpower = q.powf(8.0 * k as f64);
        let coeffs = [1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
        for (acc, c) in kk.iter_mut().zip(coeffs) {
            *acc = *acc * qpower + c;
        }
    }
    let sqrt2pi = (2.0 * PI).sqrt();
    let denominators = [z, 6.0 * z4, 72.0 * z.powi(7), 6480.0 * z.powi(10)];
    for (acc, den) in kk.iter_mut().zip(denominators) {
        *acc = *acc * q * sqrt2pi / den;
    }
    // The sums over all integers k for K₂ and K₃.
    let q2 = (-pi2 / 2.0 / z2).exp();
    let sqrt3z = 3f64.sqrt() * z;
    let (mut s2, mut s3) = (0.0, 0.0);
    for k in (1..=maxk).rev() {
        let kf = k as f64;
        let k2 = kf * kf;
        let qp = q2.powf(k2);
        s2 += k2 * qp;
        let kspi = PI * kf;
        s3 += (sqrt3z + kspi) * (sqrt3z - kspi) * k2 * qp;
    }
    kk[2] += s2 * pi2 * sqrt2pi / (-36.0 * z3);
    kk[3] += s3 * pi2 * sqrt2pi / (216.0 * z6);
    for (i, acc) in kk.iter_mut().enumerate() {
        *acc /= nf.powf(i as f64 / 2.0);
    }
    if !cdf {
        for acc in kk.iter_mut() {
            *acc = -*acc;
        }
        kk[0] += 1.0;
    }
    kk.iter().sum()
}

/// The exact distribution of the two-sided statistic `Dₙ` (SciPy's `kstwo`): the cdf when
/// `cdf` is true, else the survival function. Method selection after Simard and L'Ecuyer
/// (2011): closed forms of Ruben and Gambino near the ends, `2·smirnov` for `x >= ½` and in
/// the upper tail, Durbin's matrix for small and moderate `n` (also where SciPy uses
/// Pomeranz's recursion, `n <= 140`, `0.75 < n x² <= 4`), Pelz-Good for large `n`.
pub(crate) fn kolmogn(n: usize, x: f64, cdf: bool) -> f64 {
    let pick = |c: f64, s: f64| if cdf { c.clamp(0.0, 1.0) } else { s.clamp(0.0, 1.0) };
    if x.is_nan() || n == 0 {
        return f64::NAN;
    }
    if x >= 1.0 {
        return pick(1.0, 0.0);
    }
    if x <= 0.0 {
        return pick(0.0, 1.0);
    }
    let nf = n as f64;
    let t = nf * x;
    if t <= 1.0 {
        if t <= 0.5 {
            return pick(0.0, 1.0);
        }
        let p = (ln_nfact_over_npow(n) + nf * (2.0 * t - 1.0).ln()).exp();
        return pick(p, 1.0 - p);
    }
    if t >= nf - 1.0 {
        let p = 2.0 * (1.0 - x).powf(nf);
        return pick(1.0 - p, p);
    }
    if x >= 0.5 {
        let p = 2.0 * smirnov_sf(n, x);
        return pick(1.0 - p, p);
    }
    let nx2 = t * x;
    if n <= 140 {
        if nx2 <= 4.0 {
            let p = durbin_cdf(n, x);
            return pick(p, 1.0 - p);
        }
        let p = 2.0 * smirnov_sf(n, x);
        return pick(1.0 - p, p);
    }
    if !cdf {
        if nx2 >= 370.0 {
            return 0.0;
        }
        if nx2 >= 2.2 {
            return (2.0 * smirnov_sf(n, x)).clamp(0.0, 1.0);
        }
    }
    let c = if nx2 >= 18.0 {
        1.0
    } else if n <= 100_000 && nf * x.powf(1.5) <= 1.4 {
        durbin_cdf(n, x)
    } else {
        pelz_good(n, x, true)
    };
    pick(c, 1.0 - c)
}

/// Survival function of Kolmogorov's limiting distribution (SciPy's `kstwobign.sf`,
/// `special.kolmogorov`): `2 Σ (−1)^(k−1) e^(−2k²y²)`, or one minus the Jacobi-theta form of
/// the cdf for small `y`.
pub(crate) fn kolmogorov_sf(y: f64) -> f64 {
    use std::f64::consts::PI;
    if y.is_nan() {
        return f64::NAN;
    }
    if y <= 0.0 {
        return 1.0;
    }
    if y < 1.0 {
        let w = -PI * PI / (8.0 * y * y);
        let mut s = 0.0;
        for k in 1..=20 {
            let m = (2 * k - 1) as f64;
            let term = (m * m * w).exp();
            s += term;
            if term < 1e-20 * s {
                break;
            }
        }
        return (1.0 - (2.0 * PI).sqrt() / y * s).clamp(0.0, 1.0);
    }
    let mut s = 0.0;
    let mut sign = 1.0;
    for k in 1..=100 {
        let kf = k as f64;
        let term = (-2.0 * kf * kf * y * y).exp();
        s += sign * term;
        sign = -sign;
        if term < 1e-20 {
            break;
        }
    }
    (2.0 * s).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SciPy's kstwo/ksone/kstwobign on grids that exercise every method branch (fixture
    /// `stats_tests.json`, cases `kstwo/*`, `kstwobign/*`). Tolerance 5e-12 relative (floor
    /// 1e-300): for n <= 140 and 0.75 < n x² <= 4 SciPy uses Pomeranz's recursion where we
    /// use Durbin's matrix; both are exact and agree to ~1e-13 in the cdf, which is ~1e-12
    /// relative in an sf of 0.1.
    #[test]
    #[allow(clippy::unwrap_used, clippy::panic)]
    fn matches_scipy() {
        let fx = sci_testing::Fixture::load(env!("CARGO_MANIFEST_DIR"), "stats_tests");
        let tol = sci_testing::Tol::new(5e-12, 1e-300);
        for c in fx.cases_with_prefix("kstwo/") {
            let n = c.input("n").usize();
            let x = c.input("x").array1_f64();
            let sf = x.mapv(|v| kolmogn(n, v, false));
            let cdf = x.mapv(|v| kolmogn(n, v, true));
            let one = x.mapv(|v| smirnov_sf(n, v));
            sci_testing::assert_close(&sf, &c.output("sf").array1_f64(), tol, &format!("{} sf", c.name));
            sci_testing::assert_close(&cdf, &c.output("cdf").array1_f64(), tol, &format!("{} cdf", c.name));
            sci_testing::assert_close(
                &one,
                &c.output("ksone_sf").array1_f64(),
                tol,
                &format!("{} ksone", c.name),
            );
        }
        let c = fx.case("kstwobign/grid");
        let y = c.input("y").array1_f64();
        sci_testing::assert_close(&y.mapv(kolmogorov_sf), &c.output("sf").array1_f64(), tol, "kstwobign");
    }

    #[test]
    fn smirnov_closed_forms() {
        // n = 1: P(D⁺ >= d) = 1 − d.
        assert!((smirnov_sf(1, 0.3) - 0.7).abs() < 1e-15);
        // n = 2, d >= 1/2: (1 − d)².
        assert!((smirnov_sf(2, 0.6) - 0.16).abs() < 1e-15);
    }

    #[test]
    fn durbin_matches_ruben_gambino_region_and_complements() {
        // For 1/(2n) < x <= 1/n the cdf is n!/nⁿ (2nx − 1)ⁿ.
        let (n, x) = (5usize, 0.15);
        let exact = (ln_nfact_over_npow(n) + 5.0 * (2.0 * 5.0 * x - 1.0f64).ln()).exp();
        assert!((durbin_cdf(n, x) - exact).abs() < 1e-14);
        assert!((kolmogn(30, 0.2, true) + kolmogn(30, 0.2, false) - 1.0).abs() < 1e-14);
    }
}
