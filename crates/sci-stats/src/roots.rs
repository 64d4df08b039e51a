//! Scalar root finding shared by the maximum-likelihood fits (`distributions::fit`) and
//! `anderson`'s fits (`hypothesis::anderson_fit`): one implementation of Brent's bracketing
//! method, with the two ways its callers find a bracket on `(0, ∞)`. sci-stats does not
//! depend on sci-optimize.

/// Brent's method for a zero of `f` in the bracket `[a, b]` (`fa = f(a)` and `fb = f(b)` of
/// opposite signs or zero): inverse quadratic or secant steps while they shrink the bracket
/// fast enough, bisection otherwise. Stops when half the bracket is within
/// `2ε|x| + abs_tol` of the estimate `x`, when `f(x) = 0`, or after `max_iter` evaluations
/// (returning the current estimate). `None` when `f` returns NaN.
pub(crate) fn brent_bracketed(
    mut f: impl FnMut(f64) -> f64,
    (a, fa): (f64, f64),
    (b, fb): (f64, f64),
    abs_tol: f64,
    max_iter: usize,
) -> Option<f64> {
    if fa == 0.0 {
        return Some(a);
    }
    if fb == 0.0 {
        return Some(b);
    }
    // `b` is the best estimate, `a` the previous one, `c` the point across the root from `b`.
    let (mut a, mut b, mut fa, mut fb) = (a, b, fa, fb);
    let (mut c, mut fc) = (a, fa);
    let mut step = b - a;
    let mut prev_step = step;
    for _ in 0..max_iter {
        if fc.abs() < fb.abs() {
            (a, b, c) = (b, c, b);
            (fa, fb, fc) = (fb, fc, fb);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + abs_tol;
        let half = 0.5 * (c - b);
        if half.abs() <= tol || fb == 0.0 {
            return Some(b);
        }
        if prev_step.abs() >= tol && fa.abs() > fb.abs() {
            // Secant (two distinct points) or inverse quadratic (three) step.
            let s = fb / fa;
            let (mut p, mut q) = if a == c {
                (2.0 * half * s, 1.0 - s)
            } else {
                let (qa, r) = (fa / fc, fb / fc);
                (s * (2.0 * half * qa * (qa - r) - (b - a) * (r - 1.0)), (qa - 1.0) * (r - 1.0) * (s - 1.0))
            };
            if p > 0.0 {
                q = -q;
            } else {
                p = -p;
            }
            if 2.0 * p < (3.0 * half * q - (tol * q).abs()).min((prev_step * q).abs()) {
                prev_step = step;
                step = p / q;
            } else {
                step = half;
                prev_step = half;
            }
        } else {
            step = half;
            prev_step = half;
        }
        a = b;
        fa = fb;
        b += if step.abs() > tol { step } else { tol.copysign(half) };
        fb = f(b);
        if fb.is_nan() {
            return None;
        }
        if (fb > 0.0) == (fc > 0.0) {
            c = a;
            fc = fa;
            step = b - a;
            prev_step = step;
        }
    }
    Some(b)
}

/// A zero of `f` in `[a, b]` to full precision (a bracket of a few ulps, at most 500
/// evaluations, usually a dozen), given `fa = f(a)` and `fb = f(b)` of opposite signs or
/// zero; NaN when `f` returns NaN. The fits' root finder.
pub(crate) fn root_in(f: impl FnMut(f64) -> f64, a: f64, b: f64, fa: f64, fb: f64) -> f64 {
    brent_bracketed(f, (a, fa), (b, fb), f64::MIN_POSITIVE, 500).unwrap_or(f64::NAN)
}

/// A zero of `f` in `[a, b]`, evaluating `f` at both ends first: `None` unless `f(a)` and
/// `f(b)` differ in sign (or one is zero), or when `f` returns NaN. Stops when the bracket
/// is below `4ε|x| + xtol` (or after 200 steps, which a valid bracket never needs).
pub(crate) fn brent(mut f: impl FnMut(f64) -> f64, a: f64, b: f64, xtol: f64) -> Option<f64> {
    let (fa, fb) = (f(a), f(b));
    if fa.is_nan() || fb.is_nan() || fa.signum() == fb.signum() && fa != 0.0 && fb != 0.0 {
        return None;
    }
    brent_bracketed(f, (a, fa), (b, fb), 0.5 * xtol, 200)
}

/// The zero of a monotone `f` on `(0, ∞)`: doubles or halves `x0` until the sign changes,
/// then [`root_in`]. `decreasing` says which way `f` runs. `None` when no sign change is found
/// between 1e-300 and 1e300 or `f` returns NaN.
pub(crate) fn root_positive(mut f: impl FnMut(f64) -> f64, x0: f64, decreasing: bool) -> Option<f64> {
    let x0 = if x0.is_finite() && x0 > 0.0 { x0 } else { 1.0 };
    let f0 = f(x0);
    if f0.is_nan() {
        return None;
    }
    if f0 == 0.0 {
        return Some(x0);
    }
    // The root lies above x0 when f is still on the side it starts on at 0+.
    let up = (f0 > 0.0) == decreasing;
    let (mut x, mut fx) = (x0, f0);
    for _ in 0..2100 {
        let next = if up { x * 2.0 } else { x * 0.5 };
        if !(1e-300..=1e300).contains(&next) {
            return None;
        }
        let fnext = f(next);
        if fnext.is_nan() {
            return None;
        }
        if (fnext > 0.0) != (fx > 0.0) || fnext == 0.0 {
            let r = root_in(&mut f, x, next, fx, fnext);
            return r.is_finite().then_some(r);
        }
        (x, fx) = (next, fnext);
    }
    None
}

/// A sign-changing bracket of `f` on `(0, ∞)` when the direction of `f` is not known:
/// widens `[lo, hi]` (both positive) geometrically at both ends, halving `lo` and doubling
/// `hi`, until `f` changes sign across it. `None` when `f` returns NaN or the bracket
/// reaches 0 or ∞ first.
pub(crate) fn bracket_positive(
    mut f: impl FnMut(f64) -> f64,
    mut lo: f64,
    mut hi: f64,
) -> Option<(f64, f64)> {
    for _ in 0..2000 {
        let (flo, fhi) = (f(lo), f(hi));
        if flo.is_nan() || fhi.is_nan() {
            return None;
        }
        if flo.signum() != fhi.signum() || flo == 0.0 || fhi == 0.0 {
            return Some((lo, hi));
        }
        lo /= 2.0;
        hi *= 2.0;
        if lo == 0.0 || !hi.is_finite() {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brent_finds_roots_to_full_precision() {
        let r = root_in(|x| x * x - 2.0, 0.0, 2.0, -2.0, 2.0);
        assert!((r - 2f64.sqrt()).abs() <= 2.0 * f64::EPSILON);
        let r = root_positive(|x: f64| x.ln() - 3.0, 1.0, false).unwrap_or(f64::NAN);
        assert!((r - 3f64.exp()).abs() <= 4.0 * f64::EPSILON * r);
        let r = root_positive(|x: f64| 1.0 / x - 1e-5, 1.0, true).unwrap_or(f64::NAN);
        assert!((r - 1e5).abs() <= 1e5 * 4.0 * f64::EPSILON);
        assert!(root_positive(|x: f64| x + 1.0, 1.0, false).is_none());
    }

    #[test]
    fn brent_finds_simple_roots() {
        let r = brent(|x| x * x - 2.0, 0.0, 2.0, 0.0).unwrap();
        assert!((r - 2f64.sqrt()).abs() < 1e-15);
        let r = brent(|x: f64| x.cos() - x, 0.0, 1.0, 0.0).unwrap();
        assert!((r.cos() - r).abs() < 1e-15);
        assert!(brent(|x| x * x + 1.0, -1.0, 1.0, 0.0).is_none());
    }

    #[test]
    fn brackets_widen_at_both_ends() {
        let (lo, hi) = bracket_positive(|x: f64| x - 100.0, 0.5, 2.0).unwrap();
        assert!(lo < 100.0 && hi >= 100.0);
        let (lo, hi) = bracket_positive(|x: f64| x - 1e-3, 0.5, 2.0).unwrap();
        assert!(lo <= 1e-3 && hi > 1e-3);
        assert!(bracket_positive(|x: f64| x + 1.0, 0.5, 2.0).is_none());
        assert!(brent_bracketed(|_| f64::NAN, (0.0, -1.0), (1.0, 1.0), 0.0, 10).is_none());
    }
}
