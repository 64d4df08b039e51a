//! The numerical kernels behind the fits: Brent's bracketing root finder, a bracket search for
//! monotone functions of a positive argument, the Nelder–Mead simplex search and a small
//! Cholesky solver. Private to `fit`; sci-stats does not depend on sci-optimize.

/// A zero of `f` in the bracket `[a, b]` (`fa = f(a)` and `fb = f(b)` of opposite signs or
/// zero), by Brent's method: inverse quadratic or secant steps while they shrink the
/// bracket fast enough, bisection otherwise. Converges to full precision (a bracket of a few
/// ulps) in at most a few hundred evaluations, usually a dozen.
pub(super) fn root_in(mut f: impl FnMut(f64) -> f64, a: f64, b: f64, fa: f64, fb: f64) -> f64 {
    if fa == 0.0 {
        return a;
    }
    if fb == 0.0 {
        return b;
    }
    // `b` is the best estimate, `a` the previous one, `c` the point across the root from `b`.
    let (mut a, mut b, mut fa, mut fb) = (a, b, fa, fb);
    let (mut c, mut fc) = (a, fa);
    let mut step = b - a;
    let mut prev_step = step;
    for _ in 0..500 {
        if fc.abs() < fb.abs() {
            (a, b, c) = (b, c, b);
            (fa, fb, fc) = (fb, fc, fb);
        }
        let tol = 2.0 * f64::EPSILON * b.abs() + f64::MIN_POSITIVE;
        let half = 0.5 * (c - b);
        if half.abs() <= tol || fb == 0.0 {
            return b;
        }
        if prev_step.abs() >= tol && fa.abs() > fb.abs() {
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
            return f64::NAN;
        }
        if (fb > 0.0) == (fc > 0.0) {
            c = a;
            fc = fa;
            step = b - a;
            prev_step = step;
        }
    }
    b
}

/// The zero of a monotone `f` on `(0, ∞)`: doubles or halves `x0` until the sign changes,
/// then [`root_in`]. `decreasing` says which way `f` runs. `None` when no sign change is found
/// between 1e-300 and 1e300 or `f` returns NaN.
pub(super) fn root_positive(mut f: impl FnMut(f64) -> f64, x0: f64, decreasing: bool) -> Option<f64> {
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

/// Where a Nelder–Mead search ended.
pub(super) struct Simplex {
    /// The best vertex.
    pub(super) x: Vec<f64>,
    /// Its objective value.
    pub(super) f: f64,
    /// Whether the simplex shrank below the tolerances (rather than running out of
    /// evaluations).
    pub(super) converged: bool,
}

/// Minimizes `f` by the Nelder–Mead simplex method (reflection 1, expansion 2, contraction
/// ½, shrink ½), from a simplex with edges `step` along the axes around `x0`. A non-finite
/// value counts as +∞, so `f` may reject points. Stops when every vertex lies within
/// `xtol` of the best in every coordinate and their values within `ftol·(1 + |f_best|)`;
/// then restarts from the best vertex with a fresh simplex (a collapsed simplex can stall
/// away from the minimum), up to three times, while restarting still improves. At most
/// `max_evals` evaluations.
pub(super) fn nelder_mead(
    f: &mut dyn FnMut(&[f64]) -> f64,
    x0: &[f64],
    step: &[f64],
    xtol: f64,
    ftol: f64,
    max_evals: usize,
) -> Simplex {
    let mut eval = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() { v } else { f64::INFINITY }
    };
    let n = x0.len();
    let mut best = (x0.to_vec(), eval(x0));
    let mut evals = 1;
    let mut converged = false;
    for restart in 0..4 {
        let scale = if restart == 0 { 1.0 } else { 0.1 };
        let mut pts: Vec<(Vec<f64>, f64)> = vec![best.clone()];
        for j in 0..n {
            let mut v = best.0.clone();
            v[j] += scale * step[j];
            let fv = eval(&v);
            pts.push((v, fv));
        }
        evals += n;
        converged = false;
        while evals < max_evals {
            pts.sort_by(|p, q| p.1.total_cmp(&q.1));
            let f_best = pts[0].1;
            let spread_f = pts.iter().map(|p| (p.1 - f_best).abs()).fold(0.0, f64::max);
            let spread_x = pts[1..]
                .iter()
                .flat_map(|p| p.0.iter().zip(&pts[0].0).map(|(a, b)| (a - b).abs()))
                .fold(0.0, f64::max);
            if spread_x <= xtol && spread_f <= ftol * (1.0 + f_best.abs()) {
                converged = true;
                break;
            }
            let centroid: Vec<f64> =
                (0..n).map(|j| pts[..n].iter().map(|p| p.0[j]).sum::<f64>() / n as f64).collect();
            let along = |t: f64| -> Vec<f64> {
                centroid.iter().zip(&pts[n].0).map(|(c, w)| c + t * (c - w)).collect()
            };
            let xr = along(1.0);
            let fr = eval(&xr);
            evals += 1;
            if fr < pts[0].1 {
                let xe = along(2.0);
                let fe = eval(&xe);
                evals += 1;
                pts[n] = if fe < fr { (xe, fe) } else { (xr, fr) };
            } else if fr < pts[n - 1].1 {
                pts[n] = (xr, fr);
            } else {
                let (xc, fc) = if fr < pts[n].1 {
                    let xc = along(0.5);
                    let fc = eval(&xc);
                    (xc, fc)
                } else {
                    let xc = along(-0.5);
                    let fc = eval(&xc);
                    (xc, fc)
                };
                evals += 1;
                if fc < pts[n].1.min(fr) {
                    pts[n] = (xc, fc);
                } else {
                    let x_best = pts[0].0.clone();
                    for p in pts.iter_mut().skip(1) {
                        for (v, b) in p.0.iter_mut().zip(&x_best) {
                            *v = b + 0.5 * (*v - b);
                        }
                        p.1 = eval(&p.0);
                    }
                    evals += n;
                }
            }
        }
        pts.sort_by(|p, q| p.1.total_cmp(&q.1));
        let improved = best.1 - pts[0].1 > ftol * (1.0 + pts[0].1.abs());
        best = pts.swap_remove(0);
        if !converged || (restart > 0 && !improved) {
            break;
        }
    }
    Simplex { x: best.0, f: best.1, converged }
}

/// Solves `a·x = b` for a symmetric positive definite `n×n` matrix `a` (row-major) by
/// Cholesky factorization. `None` when a pivot is not above `rel_pivot` times the largest
/// diagonal element (not positive definite, or too close to singular).
pub(super) fn cholesky_solve(a: &[f64], b: &[f64], rel_pivot: f64) -> Option<Vec<f64>> {
    let n = b.len();
    let max_diag = (0..n).map(|i| a[i * n + i].abs()).fold(0.0, f64::max);
    let mut l = vec![0.0; n * n];
    for i in 0..n {
        for j in 0..=i {
            let s = a[i * n + j] - (0..j).map(|k| l[i * n + k] * l[j * n + k]).sum::<f64>();
            if i == j {
                if !s.is_finite() || s <= rel_pivot * max_diag {
                    return None;
                }
                l[i * n + i] = s.sqrt();
            } else {
                l[i * n + j] = s / l[j * n + j];
            }
        }
    }
    let mut y = vec![0.0; n];
    for i in 0..n {
        y[i] = (b[i] - (0..i).map(|k| l[i * n + k] * y[k]).sum::<f64>()) / l[i * n + i];
    }
    for i in (0..n).rev() {
        y[i] = (y[i] - (i + 1..n).map(|k| l[k * n + i] * y[k]).sum::<f64>()) / l[i * n + i];
    }
    Some(y)
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
    fn nelder_mead_minimizes_rosenbrock() {
        let mut f = |x: &[f64]| (1.0 - x[0]).powi(2) + 100.0 * (x[1] - x[0] * x[0]).powi(2);
        let r = nelder_mead(&mut f, &[-1.2, 1.0], &[0.1, 0.1], 1e-10, 1e-14, 10_000);
        assert!(r.converged);
        assert!((r.x[0] - 1.0).abs() < 1e-7 && (r.x[1] - 1.0).abs() < 1e-7, "{:?}", r.x);
    }

    #[test]
    fn cholesky_solves_and_rejects_indefinite() {
        let x = cholesky_solve(&[4.0, 2.0, 2.0, 3.0], &[2.0, 1.0], 1e-14).unwrap_or_default();
        assert!((x[0] - 0.5).abs() < 1e-15 && x[1].abs() < 1e-15);
        assert!(cholesky_solve(&[1.0, 2.0, 2.0, 1.0], &[1.0, 1.0], 1e-14).is_none());
    }
}
