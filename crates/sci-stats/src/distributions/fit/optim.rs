//! The numerical kernels behind the fits: the Nelder–Mead simplex search and a small
//! Cholesky solver (the root finders are in `crate::roots`). Private to `fit`; sci-stats does
//! not depend on sci-optimize.

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
