//! The elliptic (Cauer) analog lowpass prototype, `ellipap`.

use std::f64::consts::{LN_10, PI};

use sci_core::ndarray::Array1;
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::Zpk;
use super::elliptic::{ellipf_atan, ellipk_mc, sncndn_reflected};
use super::prototypes::check_db;
use super::transforms::{npdiv, prod};

/// SciPy's threshold for "this `sn` is zero" and "this pole is real" (`EPSILON = 2e-16`).
const SCIPY_EPSILON: f64 = 2e-16;

/// `10^x - 1` without cancellation for small `x`.
pub(super) fn pow10m1(x: f64) -> f64 {
    (LN_10 * x).exp_m1()
}

/// The elliptic modulus parameter `m` and its complement `1 - m` of an order-`n` filter
/// whose discrimination parameter is `m1` (the degree equation
/// `n K(1 - m) / K(m) = K(1 - m1) / K(m1)`), solved through nomes:
/// `q = exp(-π K'(m1) / (n K(m1)))` and `m = θ₂(q)⁴ / θ₃(q)⁴`.
///
/// Whichever of `q` and the complementary nome `q' = exp(π² / ln q)` is smaller (at most
/// `e^{-π} ≈ 0.043`) carries the series, so it converges in a handful of terms and the
/// parameter nearer 0 (`m` or `1 - m`) is formed directly, never by cancellation.
pub(super) fn ellipdeg(n: usize, m1: f64) -> (f64, f64) {
    let ratio = ellipk_mc(m1) / ellipk_mc(1.0 - m1); // K'(m1) / K(m1)
    let ln_q = -PI * ratio / n as f64;
    let ln_qc = -PI * n as f64 / ratio;
    // 16 q (Σ_{j≥0} q^{j(j+1)} / (1 + 2 Σ_{j≥1} q^{j²}))⁴ for a nome q ≤ e^{-π}.
    let theta_ratio = |ln: f64| {
        let q = ln.exp();
        let (mut num, mut den) = (1.0f64, 1.0f64);
        for j in 1..16 {
            let j = j as f64;
            let (tn, td) = ((ln * j * (j + 1.0)).exp(), 2.0 * (ln * j * j).exp());
            num += tn;
            den += td;
            if td < f64::EPSILON * 1e-3 {
                break;
            }
        }
        16.0 * q * (num / den).powi(4)
    };
    if ln_q <= ln_qc {
        let m = theta_ratio(ln_q);
        (m, 1.0 - m)
    } else {
        let mc = theta_ratio(ln_qc);
        (1.0 - mc, mc)
    }
}

/// Analog elliptic (Cauer) lowpass prototype of order `n` (`scipy.signal.ellipap(n, rp,
/// rs)`): `rp` dB of equiripple in the pass band `[0, 1]` rad/s, a stop band at least `rs`
/// dB down, the steepest transition of any filter of that order.
///
/// With `ε² = 10^(rp/10) - 1` and `m1 = ε² / (10^(rs/10) - 1)`, the selectivity `m` solves
/// the degree equation `n K(1-m)/K(m) = K(1-m1)/K(m1)`; the zeros are `±i / (√m sn(jK/n,
/// m))` and the poles come from `sn, cn, dn` at `jK/n` (parameter `m`) and at
/// `v₀ = K(m) F(atan(1/ε) | 1-m1) / (n K(m1))` (parameter `1 - m`), for
/// `j = 1-(n mod 2), 3-(n mod 2), ..., < n` (Orfanidis, "Lecture notes on elliptic filter
/// design"). The gain makes the DC gain 1 (odd `n`) or `10^(-rp/20)` (even `n`).
///
/// Cost `O(n)`: a few AGM sequences of at most a dozen steps each.
///
/// ```
/// let f = sci_signal::ellipap(4, 1.0, 40.0)?;
/// assert_eq!((f.z.len(), f.p.len()), (4, 4));
/// assert!(f.z.iter().all(|z| z.re == 0.0 && z.im.abs() > 1.0)); // zeros in the stop band
/// assert!(f.p.iter().all(|p| p.re < 0.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `rp` and `rs` are finite and positive with
/// `rp < rs`, or when the specification is so extreme that `m1` or `1 - m` underflows
/// (`rs - rp` beyond about 3000 dB, or orders in the thousands).
///
/// # Accuracy and differences from SciPy
/// SciPy forms `1 - m` by subtraction and truncates the nome series after seven terms, so
/// for high orders or very selective designs (`1 - m` below about `1e-6`, e.g. order 15
/// with `rp = 3`, `rs = 20`) its zeros and poles lose digits (all of them when `1 - m`
/// nears `1e-16`). Here `m` and `1 - m` both come from the faster-converging of the two
/// nome series and every Jacobi function is evaluated with full relative accuracy, so the
/// prototype stays accurate to about `1e-14` wherever `1 - m` is representable; where
/// SciPy is accurate the two agree to that level. `rp >= rs` is an error (SciPy returns a
/// meaningless filter).
pub fn ellipap(n: usize, rp: f64, rs: f64) -> Result<Zpk> {
    check_db("rp", rp)?;
    check_db("rs", rs)?;
    if rp >= rs {
        return Err(Error::invalid_argument(
            "rs",
            format!("stop-band attenuation must exceed the pass-band ripple, got rp={rp}, rs={rs}"),
        ));
    }
    let empty = || Array1::from(Vec::<Complex64>::new());
    if n == 0 {
        return Ok(Zpk { z: empty(), p: empty(), k: 10f64.powf(-rp / 20.0) });
    }
    let eps_sq = pow10m1(0.1 * rp);
    if n == 1 {
        let p = -(1.0 / eps_sq).sqrt();
        return Ok(Zpk { z: empty(), p: Array1::from(vec![Complex64::new(p, 0.0)]), k: -p });
    }
    let eps = eps_sq.sqrt();
    let m1 = eps_sq / pow10m1(0.1 * rs);
    if m1 == 0.0 || !m1.is_finite() {
        return Err(Error::invalid_argument(
            "rs",
            format!("cannot design a filter with rp={rp} and rs={rs}: the specification underflows"),
        ));
    }
    let (m, mc) = ellipdeg(n, m1);
    let capk = ellipk_mc(mc);
    if mc <= 0.0 || !capk.is_finite() {
        return Err(Error::invalid_argument(
            "N",
            format!("order {n} is too high for rp={rp}, rs={rs}: the selectivity parameter rounds to 1"),
        ));
    }
    let nf = n as f64;
    let js: Vec<f64> = (1 - n % 2..n).step_by(2).map(|j| j as f64).collect();
    let scd: Vec<(f64, f64, f64)> =
        js.iter().map(|&j| sncndn_reflected(j * capk / nf, m, mc, capk)).collect();
    let mut z: Vec<Complex64> = scd
        .iter()
        .filter(|(s, _, _)| s.abs() > SCIPY_EPSILON)
        .map(|&(s, _, _)| Complex64::new(0.0, 1.0 / (m.sqrt() * s)))
        .collect();
    z.extend(z.clone().iter().map(|v| v.conj()));

    // v0 = K(m) sc⁻¹(1/ε | 1 - m1) / (n K(m1)); then sn, cn, dn at v0 with parameter 1 - m.
    let r = ellipf_atan(1.0 / eps, m1);
    let v0 = capk * r / (nf * ellipk_mc(1.0 - m1));
    let (sv, cv, dv) = sncndn_reflected(v0, mc, m, ellipk_mc(m));
    let mut p: Vec<Complex64> = scd
        .iter()
        .map(|&(s, c, d)| {
            let den = 1.0 - (d * sv) * (d * sv);
            Complex64::new(-(c * d * sv * cv) / den, -(s * dv) / den)
        })
        .collect();
    let norm = p.iter().map(|v| v.norm_sqr()).sum::<f64>().sqrt();
    let conj: Vec<Complex64> = p
        .iter()
        .filter(|v| n.is_multiple_of(2) || v.im.abs() > SCIPY_EPSILON * norm)
        .map(|v| v.conj())
        .collect();
    p.extend(conj);
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let mut k = npdiv(prod(&neg(&p)), prod(&neg(&z))).re;
    if n.is_multiple_of(2) {
        k /= (1.0 + eps_sq).sqrt();
    }
    Ok(Zpk { z: Array1::from(z), p: Array1::from(p), k })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degree_equation_is_consistent_on_both_branches() {
        // n K(1-m)/K(m) = K(1-m1)/K(m1), whichever nome carried the series.
        for (n, m1) in [(2, 1e-3), (5, 2.6e-5), (10, 0.01), (20, 0.01), (3, 0.3)] {
            let (m, mc) = ellipdeg(n, m1);
            assert!((m + mc - 1.0).abs() < 1e-15, "{m} {mc}");
            let lhs = n as f64 * ellipk_mc(m) / ellipk_mc(mc);
            let rhs = ellipk_mc(m1) / ellipk_mc(1.0 - m1);
            assert!((lhs - rhs).abs() < 1e-13 * rhs, "n={n}: {lhs} vs {rhs}");
        }
    }

    #[test]
    fn high_orders_match_an_extended_precision_reference() {
        // The pole nearest the jω axis, from a 60-digit decimal evaluation of the same
        // closed forms (AGM, descending Landen, nome series). SciPy 1.17.1 gives a real part
        // of -9.0913037e-9 (n = 15) and -1.714e-10 (n = 25): `1 - m` formed by subtraction.
        for (n, re, im) in [
            (15, -9.09130339108942e-09, 0.9999999963061829),
            (25, -1.3825684928084322e-14, 0.9999999999999943),
        ] {
            let f = ellipap(n, 3.0, 20.0).unwrap();
            let p = f.p.iter().min_by(|a, b| a.re.abs().total_cmp(&b.re.abs())).unwrap();
            assert!((p.re - re).abs() < 1e-12 * re.abs(), "n={n}: {} vs {re}", p.re);
            assert!((p.im.abs() - im).abs() < 1e-15, "n={n}: {} vs {im}", p.im);
        }
    }

    #[test]
    fn order_one_and_zero() {
        let f = ellipap(1, 3.0, 40.0).unwrap();
        assert!(f.z.is_empty() && (f.p[0].re + 1.0 / (10f64.powf(0.3) - 1.0).sqrt()).abs() < 1e-15);
        assert_eq!(ellipap(0, 1.0, 40.0).unwrap().k, 10f64.powf(-0.05));
        assert!(ellipap(3, 40.0, 40.0).is_err() && ellipap(3, 0.0, 40.0).is_err());
        assert!(ellipap(3, 1.0, 1e5).is_err());
    }
}
