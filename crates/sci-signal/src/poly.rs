//! Polynomials for filter design: coefficients from roots, roots from coefficients.

use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

/// Coefficients (highest power first) of `Π (x - r)`, NumPy's `poly`.
pub(crate) fn poly(roots: &[Complex64]) -> Vec<Complex64> {
    let mut c = vec![Complex64::new(1.0, 0.0)];
    for &r in roots {
        c.push(Complex64::new(0.0, 0.0));
        for i in (1..c.len()).rev() {
            let prev = c[i - 1];
            c[i] -= r * prev;
        }
    }
    c
}

/// Roots of `c[0] x^n + ... + c[n]` (highest power first; leading and trailing zeros are
/// handled as NumPy's `roots` does: trailing zeros are roots at 0, leading zeros dropped).
///
/// Aberth–Ehrlich simultaneous iteration from starting points on a circle of the Cauchy
/// bound's radius, then Newton polishing of each root. Converges cubically for simple
/// roots; a root of multiplicity `m` is found to about `eps^(1/m)`, as with any method in
/// floating point (NumPy's companion-matrix eigenvalues behave the same).
pub(crate) fn roots(c: &[f64]) -> Result<Vec<Complex64>> {
    let first = c.iter().position(|&v| v != 0.0);
    let Some(first) = first else { return Ok(Vec::new()) };
    let last = c.iter().rposition(|&v| v != 0.0).unwrap_or(first);
    let trailing = c.len() - 1 - last;
    let p: Vec<Complex64> = c[first..=last].iter().map(|&v| Complex64::new(v / c[first], 0.0)).collect();
    let n = p.len() - 1;
    let mut out = vec![Complex64::new(0.0, 0.0); trailing];
    if n == 0 {
        return Ok(out);
    }
    if p.iter().any(|v| !v.re.is_finite()) {
        return Err(Error::NonFinite { what: "polynomial coefficients".into(), index: None });
    }
    // Cauchy bound: every root satisfies |z| <= 1 + max |p_k|.
    let radius = p[1..].iter().fold(0.0f64, |m, v| m.max(v.norm())).max(1e-300);
    let r0 = radius.powf(1.0 / n as f64).min(1.0 + radius);
    let mut z: Vec<Complex64> = (0..n)
        .map(|k| Complex64::from_polar(r0, 2.0 * std::f64::consts::PI * (k as f64 + 0.25) / n as f64 + 0.4))
        .collect();
    let eval = |x: Complex64| {
        let mut v = p[0];
        let mut d = Complex64::new(0.0, 0.0);
        for &coef in &p[1..] {
            d = d * x + v;
            v = v * x + coef;
        }
        (v, d)
    };
    for _ in 0..500 {
        let mut moved = 0.0f64;
        for i in 0..n {
            let (v, d) = eval(z[i]);
            if v.norm() == 0.0 {
                continue;
            }
            let ratio = v / d;
            let s: Complex64 = (0..n).filter(|&j| j != i).map(|j| 1.0 / (z[i] - z[j])).sum();
            let step = ratio / (1.0 - ratio * s);
            if step.re.is_finite() && step.im.is_finite() {
                z[i] -= step;
                moved = moved.max(step.norm() / z[i].norm().max(1e-300));
            }
        }
        if moved < 1e-15 {
            break;
        }
    }
    // Newton polish (guarded: keep the better of the old and new point).
    for zi in z.iter_mut() {
        for _ in 0..3 {
            let (v, d) = eval(*zi);
            if d.norm() == 0.0 {
                break;
            }
            let cand = *zi - v / d;
            if eval(cand).0.norm() < v.norm() {
                *zi = cand;
            } else {
                break;
            }
        }
    }
    // Roots of a real polynomial come in conjugate pairs: make near-real ones real.
    for zi in z.iter_mut() {
        if zi.im.abs() <= 4.0 * f64::EPSILON * zi.norm() {
            zi.im = 0.0;
        }
    }
    out.extend(z);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<Complex64>) -> Vec<Complex64> {
        v.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.total_cmp(&b.im)));
        v
    }

    #[test]
    fn roots_of_known_polynomials() {
        // (x - 1)(x - 2)(x - 3) = x³ - 6x² + 11x - 6
        let r = sorted(roots(&[1.0, -6.0, 11.0, -6.0]).unwrap());
        for (got, want) in r.iter().zip([1.0, 2.0, 3.0]) {
            assert!((got - want).norm() < 1e-14, "{got}");
        }
        // x² + 1 and trailing / leading zeros
        let r = sorted(roots(&[0.0, 1.0, 0.0, 1.0, 0.0]).unwrap());
        assert_eq!(r.len(), 3);
        assert!(r.iter().any(|z| z.norm() == 0.0));
        assert!(r.iter().any(|z| (z - Complex64::new(0.0, 1.0)).norm() < 1e-15));
        // Wilkinson-like spread and a round trip through poly
        let want: Vec<Complex64> =
            (1..=10).map(|k| Complex64::new(k as f64 * 0.5, (k % 3) as f64 - 1.0)).collect();
        let c = poly(&want);
        // complex coefficients: test via the real-polynomial routine on |c| is not possible;
        // use a real polynomial built from conjugate pairs instead.
        assert_eq!(c.len(), 11);
        let pairs: Vec<Complex64> = [(0.3, 0.9), (-0.7, 0.2), (0.95, 0.1)]
            .iter()
            .flat_map(|&(a, b)| [Complex64::new(a, b), Complex64::new(a, -b)])
            .collect();
        let c: Vec<f64> = poly(&pairs).iter().map(|v| v.re).collect();
        let r = sorted(roots(&c).unwrap());
        for w in sorted(pairs) {
            assert!(r.iter().any(|z| (z - w).norm() < 1e-13), "missing {w}");
        }
    }
}
