//! Bounded scalar minimization (Brent's method: golden-section search with parabolic
//! interpolation, as in Forsythe, Malcolm & Moler's `fmin`), for the band-stop edge
//! search of the order-selection functions.
//!
//! sci-signal does not depend on sci-optimize. The constants and the acceptance rules are
//! those of `scipy.optimize.fminbound` (absolute tolerance `xatol`, relative tolerance
//! `√2.2e-16`, at most `maxfun` evaluations), so the same objective visits the same points
//! and returns the same minimizer as SciPy's — which is what makes `buttord` & co. return
//! SciPy's band-stop frequencies exactly rather than merely within `xatol`.

/// `sign(v)` with `sign(0) = 1` (NumPy's `sign(v) + (v == 0)`).
fn sign_or_one(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else if v == 0.0 {
        1.0
    } else {
        f64::NAN
    }
}

/// The minimizer of `f` on `[lo, hi]` found by Brent's bounded method with absolute
/// tolerance `xatol` and at most `maxfun` evaluations of `f` (the best point so far is
/// returned when the budget runs out). `lo <= hi` is the caller's responsibility.
pub(super) fn fminbound(mut f: impl FnMut(f64) -> f64, lo: f64, hi: f64, xatol: f64, maxfun: usize) -> f64 {
    let rel = 2.2e-16f64.sqrt();
    let golden = 0.5 * (3.0 - 5f64.sqrt());
    let (mut a, mut b) = (lo, hi);
    // x: best point so far; w: second best; v: the previous w.
    let mut x = a + golden * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = f(x);
    let (mut fw, mut fv) = (fx, fx);
    // d: the step just taken; e: the one before it (parabolic steps must shrink).
    let (mut d, mut e) = (0.0f64, 0.0f64);
    let mut evals = 1;
    let mut mid = 0.5 * (a + b);
    let mut tol1 = rel * x.abs() + xatol / 3.0;
    let mut tol2 = 2.0 * tol1;
    while (x - mid).abs() > tol2 - 0.5 * (b - a) {
        let mut use_golden = true;
        if e.abs() > tol1 {
            // Parabola through (x, fx), (w, fw), (v, fv); its vertex is x + p/q.
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            let before_last = e;
            e = d;
            if p.abs() < (0.5 * q * before_last).abs() && p > q * (a - x) && p < q * (b - x) {
                use_golden = false;
                d = p / q;
                let u = x + d;
                if (u - a) < tol2 || (b - u) < tol2 {
                    d = tol1 * sign_or_one(mid - x);
                }
            }
        }
        if use_golden {
            e = if x >= mid { a - x } else { b - x };
            d = golden * e;
        }
        let u = x + sign_or_one(d) * d.abs().max(tol1);
        let fu = f(u);
        evals += 1;
        if fu <= fx {
            if u >= x {
                a = x;
            } else {
                b = x;
            }
            (v, fv) = (w, fw);
            (w, fw) = (x, fx);
            (x, fx) = (u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv) = (w, fw);
                (w, fw) = (u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
        mid = 0.5 * (a + b);
        tol1 = rel * x.abs() + xatol / 3.0;
        tol2 = 2.0 * tol1;
        if evals >= maxfun {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_interior_and_boundary_minima() {
        let x = fminbound(|x| (x - 0.3).powi(2), -1.0, 2.0, 1e-10, 500);
        assert!((x - 0.3).abs() < 1e-9, "{x}");
        // The same evaluations as SciPy 1.17.1's fminbound (default xtol 1e-5) give the same
        // point, to the bit: a monotone objective, a kink, a smooth one.
        assert_eq!(fminbound(|x| x, 1.0, 3.0, 1e-5, 500), 1.0000040198635443);
        assert_eq!(fminbound(|x| (x - 0.7).abs(), 0.0, 1.0, 1e-5, 500), 0.7000001332382565);
        assert_eq!(fminbound(|x| (x - 1.0).powi(2) * (x + 2.0), 0.0, 3.0, 1e-5, 500), 1.0000007330906324);
    }
}
