//! The Bessel/Thomson analog lowpass prototype, `besselap`, and the roots of Bessel
//! polynomials it needs.

use sci_core::ndarray::Array1;
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::Zpk;
use super::transforms::{npdiv, real};

/// SciPy's `norm` of [`besselap`] and [`bessel`](crate::bessel): where the prototype's
/// critical frequency of 1 rad/s sits.
///
/// ```
/// use sci_signal::BesselNorm;
/// assert_eq!(BesselNorm::default(), BesselNorm::Phase);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BesselNorm {
    /// The magnitude asymptotes are those of the Butterworth filter of the same order
    /// (poles scaled so that `Π(-p) = 1`); SciPy's and MATLAB's default. SciPy describes it
    /// as "the phase reaches its midpoint (`-nπ/4`) at 1 rad/s", which holds exactly for
    /// orders 1 and 2 and approximately above (the phase at 1 rad/s is `-nπ/4 + 0.011` at
    /// order 3, `+0.26` at order 10).
    #[default]
    Phase,
    /// The group delay at DC is 1 s (the "natural" Bessel polynomial normalization).
    Delay,
    /// The magnitude is -3 dB (`1/√2`) at 1 rad/s.
    Mag,
}

/// The highest supported order: beyond about 600 the scaled terms of the evaluator in
/// [`newton_step`] underflow.
const MAX_ORDER: usize = 500;

/// Campos & Calderón's closed-form approximations of the zeros of the ordinary Bessel
/// polynomial `y_n` ("Approximate closed-form formulas for the zeros of the Bessel
/// polynomials", arXiv:1105.0957): the starting points SciPy uses.
fn campos_zeros(n: usize) -> Vec<Complex64> {
    if n == 1 {
        return vec![real(-1.0)];
    }
    let x = n as f64;
    // Polynomials in n, lowest power first.
    let pv = |c: &[f64]| c.iter().rev().fold(0.0, |acc, &v| acc * x + v);
    let s = pv(&[0.0, 0.0, 2.0, 0.0, -3.0, 1.0]);
    let b3 = pv(&[16.0, -8.0]) / s;
    let b2 = pv(&[-24.0, -12.0, 12.0]) / s;
    let b1 = pv(&[8.0, 24.0, -12.0, -2.0]) / s;
    let b0 = pv(&[0.0, -6.0, 0.0, 5.0, -1.0]) / s;
    let r = pv(&[0.0, 0.0, 2.0, 1.0]);
    let a1 = pv(&[-6.0, -6.0]) / r;
    let a2 = 6.0 / r;
    (1..=n)
        .map(|k| {
            let k = k as f64;
            Complex64::new(k * (a1 + a2 * k), b0 + k * (b1 + k * (b2 + b3 * k)))
        })
        .collect()
}

/// The Newton step `y_n(x) / y_n'(x)` of the ordinary Bessel polynomial
/// `y_n(x) = Σ (n+k)! / ((n-k)! k!) (x/2)^k`, accurate near its zeros.
///
/// `y_n` obeys `y_k = (2k-1) x y_{k-1} + y_{k-2}`, whose second solution is
/// `(-1)^k y_k(-x)`. For `Re x ≥ 0` the wanted solution dominates and the forward
/// recurrence is accurate. In the left half-plane, where the zeros are, the second solution
/// is larger by up to `e^{2 Re(-1/x)}` (about `e^{1.3 n}` at the outermost zeros), so the
/// recurrence alone would leave only `16 - 0.6 n` digits. There `y_n` is formed from the
/// modified spherical Bessel function `i_n` instead (with `u = -1/x`, `Re u > 0`):
///
/// `y_n(x) = 2u e^{-u} i_n(u) + (-1)^n e^{-2u} y_n(-x)`,
///
/// both terms computed to full relative accuracy — `y_n(-x)` by the (now stable) forward
/// recurrence, `i_k(u)` by Miller's backward recurrence of the ratios `i_{k+1}/i_k` (the
/// minimal solution) normalized by `i_0(u) = sinh(u)/u` — so the only loss is the
/// cancellation between the two terms at a zero, which is the root's own conditioning.
/// Then `x² y_n' = (n x - 1) y_n + y_{n-1}` gives the step.
fn newton_step(n: usize, x: Complex64) -> Complex64 {
    let step = |yn: Complex64, yn1: Complex64| x * x * yn / ((x * n as f64 - 1.0) * yn + yn1);
    // (y_{n-1}(t), y_n(t)) by the forward recurrence.
    let forward = |t: Complex64| {
        let (mut prev, mut cur) = (Complex64::new(1.0, 0.0), t + 1.0);
        for k in 2..=n {
            (prev, cur) = (cur, t * (2 * k - 1) as f64 * cur + prev);
        }
        (prev, cur)
    };
    if x.re >= 0.0 {
        let (yn1, yn) = forward(x);
        return step(yn, yn1);
    }
    let u = -x.inv();
    // Ratios r_k = i_{k+1}(u) / i_k(u) from r_k = 1 / ((2k+3)/u + r_{k+1}), started far
    // enough above n and |u| that the start value r = 0 is forgotten.
    let top = n + u.norm().ceil() as usize + 40;
    let mut r = Complex64::new(0.0, 0.0);
    let mut ratios = vec![Complex64::new(0.0, 0.0); n];
    for k in (0..top).rev() {
        r = (u.inv() * (2 * k + 3) as f64 + r).inv();
        if k < n {
            ratios[k] = r;
        }
    }
    // e^{-u} i_k(u), from e^{-u} i_0(u) = (1 - e^{-2u}) / (2u).
    let e2 = (-2.0 * u).exp();
    let mut scaled_i = (1.0 - e2) / (2.0 * u);
    let mut scaled_prev = scaled_i;
    for &rk in &ratios {
        scaled_prev = scaled_i;
        scaled_i *= rk;
    }
    let (w1, w) = forward(-x);
    let sign = if n.is_multiple_of(2) { 1.0 } else { -1.0 };
    let yn = 2.0 * u * scaled_i + sign * e2 * w;
    let yn1 = 2.0 * u * scaled_prev - sign * e2 * w1;
    step(yn, yn1)
}

/// Zeros of `y_n` by the Aberth–Ehrlich simultaneous iteration from Campos & Calderón's
/// starting points, then conjugate pairs made exactly symmetric.
fn bessel_zeros(n: usize) -> Result<Vec<Complex64>> {
    let mut x = campos_zeros(n);
    let mut converged = false;
    let mut polished = 0;
    for _ in 0..200 {
        let alpha: Vec<Complex64> = x.iter().map(|&xi| -newton_step(n, xi)).collect();
        let mut largest = 0.0f64;
        let old = x.clone();
        for k in 0..n {
            let beta: Complex64 = (0..n).filter(|&j| j != k).map(|j| (old[k] - old[j]).inv()).sum();
            let step = alpha[k] / (1.0 + alpha[k] * beta);
            x[k] += step;
            largest = largest.max(step.norm() / x[k].norm());
        }
        if x.iter().any(|v| !v.re.is_finite() || !v.im.is_finite()) {
            break;
        }
        // Cubic convergence: once the steps are at 1e-12, two more sweeps reach rounding.
        if largest < 1e-12 {
            polished += 1;
            if polished == 2 {
                converged = true;
                break;
            }
        }
    }
    let failed =
        || Error::NotConverged { what: format!("Bessel polynomial roots of order {n}"), iterations: None };
    if !converged {
        return Err(failed());
    }
    // Campos' points come in conjugate order (x[k] ~ conj(x[n-1-k])): average each pair so
    // the conjugates are exact, as SciPy does.
    let sym: Vec<Complex64> = (0..n).map(|k| 0.5 * (x[k] + x[n - 1 - k].conj())).collect();
    let scale = x.iter().fold(0.0f64, |m, v| m.max(v.norm()));
    if (0..n).any(|k| (x[k] - x[n - 1 - k].conj()).norm() > 1e-10 * scale) {
        return Err(failed());
    }
    // The zeros of y_n sum to -1 (the ratio of its two leading coefficients).
    let sum: Complex64 = sym.iter().sum();
    if (sum + 1.0).norm() > 1e-12 * n as f64 {
        return Err(failed());
    }
    Ok(sym)
}

/// `log10((2n)! / (2^n n!))`, the constant term of the reverse Bessel polynomial.
fn log10_a_last(n: usize) -> f64 {
    a_last(n).map_or_else(|| (n + 1..=2 * n).map(|k| (k as f64 / 2.0).log10()).sum(), f64::log10)
}

/// `(2n)! / (2^n n!)` as the nearest `f64` (exact integer arithmetic while it fits in
/// `u128`, then a running product), `None` when it overflows `f64` (n > 150).
fn a_last(n: usize) -> Option<f64> {
    // (2n)!/(2^n n!) = Π_{k=1}^{n} (2k - 1), the double factorial (2n-1)!!.
    let mut exact: u128 = 1;
    let mut k = 1u128;
    while k <= n as u128 {
        match exact.checked_mul(2 * k - 1) {
            Some(v) => exact = v,
            None => break,
        }
        k += 1;
    }
    let mut v = exact as f64;
    while k <= n as u128 {
        v *= (2 * k - 1) as f64;
        k += 1;
    }
    v.is_finite().then_some(v)
}

/// The frequency where the delay-normalized filter with poles `p` (gain `Π(-p)`, so unit
/// gain at DC) is 3 dB down: the root of
/// `f(w) = ½ ln 2 - ½ Σ ln |1 - i w / p_j|²`, which decreases monotonically from `½ ln 2`.
/// Newton's method inside a bisection bracket, to rounding.
fn mag_norm_factor(p: &[Complex64]) -> Result<f64> {
    let f = |w: f64| {
        let mut v = 0.5 * std::f64::consts::LN_2;
        let mut d = 0.0;
        for &pj in p {
            let q = Complex64::new(0.0, w) - pj;
            v -= 0.5 * (q.norm_sqr() / pj.norm_sqr()).ln();
            d -= (w - pj.im) / q.norm_sqr();
        }
        (v, d)
    };
    let (mut lo, mut hi) = (0.0f64, 1.5f64);
    while f(hi).0 > 0.0 {
        lo = hi;
        hi *= 2.0;
        if !hi.is_finite() {
            return Err(Error::NotConverged { what: "Bessel -3 dB frequency".into(), iterations: None });
        }
    }
    let mut w = 1.5f64.clamp(lo, hi);
    for _ in 0..200 {
        let (v, d) = f(w);
        if v > 0.0 {
            lo = w;
        } else {
            hi = w;
        }
        let mut next = w - v / d;
        if !(next > lo && next < hi) {
            next = 0.5 * (lo + hi);
        }
        if (next - w).abs() <= 2.0 * f64::EPSILON * w || hi - lo <= 2.0 * f64::EPSILON * hi {
            return Ok(next);
        }
        w = next;
    }
    Ok(w)
}

/// Analog Bessel/Thomson lowpass prototype of order `n` (`scipy.signal.besselap(n,
/// norm)`): maximally flat group delay, no zeros.
///
/// The poles are the roots of the reverse Bessel polynomial
/// `θ_n(s) = Σ_k (2n-k)! / (2^(n-k) k! (n-k)!) s^k`, found as reciprocals of the zeros of
/// the ordinary Bessel polynomial `y_n` by an Aberth–Ehrlich iteration from Campos &
/// Calderón's closed-form estimates, `y_n` being evaluated through its three-term
/// recurrence (stable, overflow-free). Then:
/// - [`BesselNorm::Delay`]: poles as found, gain `θ_n(0) = (2n)! / (2^n n!)` (unit DC gain);
/// - [`BesselNorm::Phase`]: poles scaled by `θ_n(0)^(-1/n)`, gain 1 (Butterworth
///   asymptotes);
/// - [`BesselNorm::Mag`]: poles divided by the -3 dB frequency `w` of the delay-normalized
///   filter, gain `w^(-n) θ_n(0)`.
///
/// Cost `O(n²)` per Aberth sweep, about ten sweeps.
///
/// ```
/// use sci_signal::{besselap, BesselNorm};
/// let f = besselap(3, BesselNorm::Delay)?;
/// assert_eq!(f.k, 15.0); // s³ + 6s² + 15s + 15
/// let sum: f64 = f.p.iter().map(|p| p.re).sum();
/// assert!((sum + 6.0).abs() < 1e-13);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for `n > 500`, and for the delay or magnitude normalization
/// when the gain `(2n)! / (2^n n!)` (or `w^(-n)` times it) overflows `f64` (beyond order
/// 150); [`Error::NotConverged`] if the root finder fails its final checks (conjugate
/// symmetry, zeros summing to -1; not observed for any supported order).
///
/// # Accuracy and differences from SciPy
/// The poles are accurate to a few ulps: checked against an 80-digit reference at orders
/// 60 and 100, and through the coefficient identities up to order 300. SciPy's root finder
/// fails from about order 90 on; this one supports orders up to 500 (phase normalization).
/// The order of the returned poles follows SciPy's.
pub fn besselap(n: usize, norm: BesselNorm) -> Result<Zpk> {
    if n > MAX_ORDER {
        return Err(Error::invalid_argument(
            "N",
            format!("Bessel filters of order above {MAX_ORDER} are not supported, got {n}"),
        ));
    }
    let z = Array1::from(Vec::<Complex64>::new());
    if n == 0 {
        return Ok(Zpk { z, p: Array1::from(Vec::new()), k: 1.0 });
    }
    let x = bessel_zeros(n)?;
    let p: Vec<Complex64> = x.iter().map(|&v| npdiv(real(1.0), v)).collect();
    let overflow = || {
        Error::invalid_argument(
            "N",
            format!("the gain of an order-{n} Bessel filter normalized by {norm:?} overflows f64"),
        )
    };
    let (p, k) = match norm {
        BesselNorm::Phase => {
            let scale = 10f64.powf(-log10_a_last(n) / n as f64);
            (p.iter().map(|&v| v * scale).collect(), 1.0)
        }
        BesselNorm::Delay => (p, a_last(n).ok_or_else(overflow)?),
        BesselNorm::Mag => {
            let w = mag_norm_factor(&p)?;
            let k = w.powi(-(n as i32)) * a_last(n).ok_or_else(overflow)?;
            if !k.is_finite() {
                return Err(overflow());
            }
            (p.iter().map(|&v| v / w).collect(), k)
        }
    };
    Ok(Zpk { z, p: Array1::from(p), k })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continuation_agrees_with_the_recurrence_where_both_are_accurate() {
        // Near the imaginary axis the forward recurrence loses nothing; both forms of the
        // Newton step must agree there. (x y_n'/y_n is compared for a few orders.)
        for n in [1usize, 2, 3, 7, 15] {
            for x in [Complex64::new(-1e-3, 0.2), Complex64::new(-0.05, -0.7), Complex64::new(-0.3, 0.1)] {
                let acc = newton_step(n, x);
                let plain = {
                    let (mut prev, mut cur) = (Complex64::new(1.0, 0.0), x + 1.0);
                    for k in 2..=n {
                        (prev, cur) = (cur, x * (2 * k - 1) as f64 * cur + prev);
                    }
                    x * x * cur / ((x * n as f64 - 1.0) * cur + prev)
                };
                assert!((acc - plain).norm() <= 1e-12 * plain.norm(), "n={n} x={x}: {acc} vs {plain}");
            }
        }
    }

    #[test]
    fn high_orders_match_an_extended_precision_reference() {
        // The leftmost pole and the one nearest the imaginary axis (delay normalization),
        // from Newton's method on the exact integer coefficients of θ_n in 80-digit decimal
        // arithmetic. SciPy 1.17.1's root finder fails at order 100.
        for (n, refs) in [
            (60usize, [(-40.08960264823455, 0.8677585967325335), (-6.081137379819145, -56.7258097468564)]),
            (100, [(-66.60187649501017, 0.8677604438308747), (-7.27958017264082, -96.07487622195676)]),
        ] {
            let f = besselap(n, BesselNorm::Delay).unwrap();
            for (re, im) in refs {
                let want = Complex64::new(re, im);
                let got =
                    f.p.iter().min_by(|a, b| (*a - want).norm().total_cmp(&(*b - want).norm())).unwrap();
                assert!((got - want).norm() < 4e-15 * want.norm(), "n={n}: {got} vs {want}");
            }
        }
    }

    #[test]
    fn double_factorial_constant() {
        assert_eq!(a_last(1), Some(1.0));
        assert_eq!(a_last(4), Some(105.0));
        assert_eq!(a_last(10), Some(654729075.0));
        assert!(a_last(151).is_none() && a_last(150).is_some());
        assert!(
            (log10_a_last(200) - (1..=200).map(|k| ((2 * k - 1) as f64).log10()).sum::<f64>()).abs() < 1e-11
        );
    }

    #[test]
    fn high_orders_satisfy_the_coefficient_identities() {
        // Delay-normalized poles: Σ p = -n(n+1)/2 (next-to-leading coefficient) and
        // Π(-p) = (2n)!/(2^n n!) (constant term).
        for n in [1usize, 2, 5, 12, 25, 40, 60, 100, 150] {
            let f = besselap(n, BesselNorm::Delay).unwrap();
            assert_eq!(f.p.len(), n);
            let sum: Complex64 = f.p.iter().sum();
            let want = -((n * (n + 1)) as f64) / 2.0;
            assert!(
                (sum.re - want).abs() < 1e-13 * want.abs() && sum.im.abs() < 1e-12 * want.abs(),
                "n={n}: {sum}"
            );
            let log_prod: f64 = f.p.iter().map(|p| p.norm().ln()).sum();
            let want = f.k.ln();
            assert!((log_prod - want).abs() < 1e-13 * want.abs().max(1.0), "n={n}: {log_prod} vs {want}");
            assert!(f.p.iter().all(|p| p.re < 0.0));
        }
        assert!(besselap(151, BesselNorm::Delay).is_err());
        for n in [300, 500] {
            // Phase normalization scales the delay-normalized poles by c = θ_n(0)^(-1/n):
            // their sum is -c n(n+1)/2 and the product of their magnitudes 1.
            let f = besselap(n, BesselNorm::Phase).unwrap();
            assert!(f.p.iter().all(|p| p.re < 0.0 && p.re.is_finite()));
            let c = 10f64.powf(-log10_a_last(n) / n as f64);
            let sum: Complex64 = f.p.iter().sum();
            let want = -c * (n * (n + 1)) as f64 / 2.0;
            assert!((sum.re - want).abs() < 1e-12 * want.abs(), "n={n}: {sum} vs {want}");
            let log_prod: f64 = f.p.iter().map(|p| p.norm().ln()).sum();
            assert!(log_prod.abs() < 1e-11, "n={n}: {log_prod}");
        }
    }
}
