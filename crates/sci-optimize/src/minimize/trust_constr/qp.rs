//! The two trust-region QP steps of the Byrd–Omojokun SQP method (SciPy's
//! `qp_subproblem`): the dogleg *normal step* towards linearized feasibility and the
//! projected conjugate-gradient *tangential step* in the null space of the constraints,
//! both kept inside a ball and a box.

use sci_core::Result;
use sci_core::ndarray::Array1;

use super::projections::Projections;

fn norm(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

/// Why the projected CG stopped (SciPy's `cg_stop_cond`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct CgInfo {
    /// CG iterations.
    pub niter: usize,
    /// 0 not run, 1 iteration limit, 2 trust-region boundary, 3 negative curvature,
    /// 4 tolerance met.
    pub stop_cond: i32,
}

/// The interval `[ta, tb]` of `t` with `‖z + t d‖ ≤ Δ`, restricted to `[0, 1]` unless
/// `entire_line`; `None` when the line misses the ball (or `d = 0`).
pub(crate) fn sphere_intersections(
    z: &Array1<f64>,
    d: &Array1<f64>,
    radius: f64,
    entire_line: bool,
) -> Option<(f64, f64)> {
    if norm(d) == 0.0 {
        return None;
    }
    if radius.is_infinite() {
        return Some(if entire_line { (f64::NEG_INFINITY, f64::INFINITY) } else { (0.0, 1.0) });
    }
    let a = d.dot(d);
    let b = 2.0 * z.dot(d);
    let c = z.dot(z) - radius * radius;
    let disc = b * b - 4.0 * a * c;
    if disc < 0.0 {
        return None;
    }
    // The root formula without cancellation.
    let aux = b + disc.sqrt().copysign(b);
    let (r1, r2) = (-aux / (2.0 * a), -2.0 * c / aux);
    let (ta, tb) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
    if entire_line {
        return Some((ta, tb));
    }
    if tb < 0.0 || ta > 1.0 {
        return None;
    }
    Some((ta.max(0.0), tb.min(1.0)))
}

/// The interval of `t` with `lb ≤ z + t d ≤ ub`, as [`sphere_intersections`]; the flag is
/// whether the interval is non-empty. `(0, 0, false)` when the segment misses the box.
pub(crate) fn box_intersections(
    z: &Array1<f64>,
    d: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
    entire_line: bool,
) -> (f64, f64, bool) {
    if norm(d) == 0.0 {
        return (0.0, 0.0, false);
    }
    let mut ta = f64::NEG_INFINITY;
    let mut tb = f64::INFINITY;
    for i in 0..z.len() {
        if d[i] == 0.0 {
            if z[i] < lb[i] || z[i] > ub[i] {
                return (0.0, 0.0, false);
            }
            continue;
        }
        let t1 = (lb[i] - z[i]) / d[i];
        let t2 = (ub[i] - z[i]) / d[i];
        ta = ta.max(t1.min(t2));
        tb = tb.min(t1.max(t2));
    }
    let intersect = ta <= tb;
    if entire_line {
        return (ta, tb, intersect);
    }
    if tb < 0.0 || ta > 1.0 {
        return (0.0, 0.0, false);
    }
    (ta.max(0.0), tb.min(1.0), intersect)
}

/// Intersection of the ball and the box intervals.
pub(crate) fn box_sphere_intersections(
    z: &Array1<f64>,
    d: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
    radius: f64,
    entire_line: bool,
) -> (f64, f64, bool) {
    let (ta_b, tb_b, ib) = box_intersections(z, d, lb, ub, entire_line);
    let (ta_s, tb_s, is) = match sphere_intersections(z, d, radius, entire_line) {
        Some((a, b)) => (a, b, true),
        None => (0.0, 0.0, false),
    };
    let ta = ta_b.max(ta_s);
    let tb = tb_b.min(tb_s);
    (ta, tb, ib && is && ta <= tb)
}

fn inside_box(x: &Array1<f64>, lb: &Array1<f64>, ub: &Array1<f64>) -> bool {
    (0..x.len()).all(|i| lb[i] <= x[i] && x[i] <= ub[i])
}

fn clip_to_box(x: &Array1<f64>, lb: &Array1<f64>, ub: &Array1<f64>) -> Array1<f64> {
    Array1::from_shape_fn(x.len(), |i| x[i].max(lb[i]).min(ub[i]))
}

/// The normal step: approximately `min ‖A d + b‖` subject to `‖d‖ ≤ Δ`, `lb ≤ d ≤ ub`, by
/// the dogleg path from the origin through the Cauchy point to the minimum-norm
/// Gauss–Newton point `−Y b`, the better of the two feasible candidates.
pub(crate) fn modified_dogleg(
    proj: &Projections,
    a: &sci_core::ndarray::Array2<f64>,
    b: &Array1<f64>,
    radius: f64,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
) -> Array1<f64> {
    let newton = -proj.row_space(b);
    if inside_box(&newton, lb, ub) && norm(&newton) <= radius {
        return newton;
    }
    let g = a.t().dot(b);
    let ag = a.dot(&g);
    let agag = ag.dot(&ag);
    // `Aᵀb = 0` with `b ≠ 0` (rank-deficient `A`): no descent direction, stay at the origin.
    let cauchy = if agag > 0.0 { &g * (-g.dot(&g) / agag) } else { Array1::zeros(g.len()) };
    let origin = Array1::zeros(cauchy.len());
    let seg = &newton - &cauchy;
    let (_, t, hit) = box_sphere_intersections(&cauchy, &seg, lb, ub, radius, false);
    let x1 = if hit {
        &cauchy + &(&seg * t)
    } else {
        let (_, t, _) = box_sphere_intersections(&origin, &cauchy, lb, ub, radius, false);
        &cauchy * t
    };
    let (_, t, _) = box_sphere_intersections(&origin, &newton, lb, ub, radius, false);
    let x2 = &newton * t;
    let r1 = &a.dot(&x1) + b;
    let r2 = &a.dot(&x2) + b;
    if norm(&r1) < norm(&r2) { x1 } else { x2 }
}

/// The tangential step: `min ½xᵀHx + cᵀx` subject to `A x = 0` (`b = 0` here), `‖x‖ ≤ Δ`
/// and `lb ≤ x ≤ ub`, by conjugate gradients on the projected residuals (Gould, Hribar &
/// Nocedal 2001). Stops on the default tolerance `max(min(0.01‖g₀‖, 0.1‖g₀‖²), 10⁻²⁵)`, on
/// negative curvature or the ball (moving to the boundary), after `n − rank(A)` iterations
/// (the null-space dimension; SciPy uses `n − m`, which stalls on dependent constraints), or
/// after more than that many consecutive iterations outside the box (keeping the last point
/// inside it).
pub(crate) fn projected_cg(
    hess: &mut dyn FnMut(&Array1<f64>) -> Result<Array1<f64>>,
    c: &Array1<f64>,
    proj: &Projections,
    radius: f64,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
) -> Result<(Array1<f64>, CgInfo)> {
    const CLOSE_TO_ZERO: f64 = 1e-25;
    let n = c.len();
    let mut x = Array1::zeros(n);
    let mut r = proj.null_space(&(&hess(&x)? + c));
    let mut g = proj.null_space(&r);
    let mut p = -&g;
    let mut hp = hess(&p)?;
    let mut rt_g = g.dot(&g);
    if radius - norm(&x) < CLOSE_TO_ZERO {
        return Ok((x, CgInfo { niter: 0, stop_cond: 2 }));
    }
    let tol = (0.01 * rt_g.sqrt()).min(0.1 * rt_g).max(CLOSE_TO_ZERO);
    let max_iter = n.saturating_sub(proj.rank());
    let max_infeasible = max_iter;
    let mut stop_cond = 1;
    let mut counter = 0;
    let mut last_feasible = Array1::zeros(n);
    let mut k = 0;
    for _ in 0..max_iter {
        if rt_g < tol {
            stop_cond = 4;
            break;
        }
        k += 1;
        let pt_hp = hp.dot(&p);
        if pt_hp <= 0.0 {
            let (_, alpha, hit) = box_sphere_intersections(&x, &p, lb, ub, radius, true);
            if hit {
                x = &x + &(&p * alpha);
            }
            x = clip_to_box(&x, lb, ub);
            stop_cond = 3;
            break;
        }
        let alpha = rt_g / pt_hp;
        let step = &p * alpha;
        let x_next = &x + &step;
        if norm(&x_next) >= radius {
            let (_, theta, hit) = box_sphere_intersections(&x, &step, lb, ub, radius, false);
            if hit {
                x = &x + &(&step * theta);
            }
            x = clip_to_box(&x, lb, ub);
            stop_cond = 2;
            break;
        }
        if inside_box(&x_next, lb, ub) {
            counter = 0;
        } else {
            counter += 1;
        }
        if counter > 0 {
            let (_, theta, hit) = box_sphere_intersections(&x, &step, lb, ub, radius, false);
            if hit {
                last_feasible = clip_to_box(&(&x + &(&step * theta)), lb, ub);
                counter = 0;
            }
        }
        if counter > max_infeasible {
            break;
        }
        let r_next = &r + &(&hp * alpha);
        let g_next = proj.null_space(&r_next);
        let rt_g_next = g_next.dot(&g_next);
        let beta = rt_g_next / rt_g;
        p = &(&p * beta) - &g_next;
        x = x_next;
        g = g_next;
        r = g.clone();
        rt_g = g.dot(&g);
        hp = hess(&p)?;
    }
    if !inside_box(&x, lb, ub) {
        x = last_feasible;
    }
    Ok((x, CgInfo { niter: k, stop_cond }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::{Array2, array};

    use super::super::FactorizationMethod;

    #[test]
    fn sphere_and_box_intervals() {
        let z = array![0.0, 0.0];
        let d = array![2.0, 0.0];
        let (ta, tb) = sphere_intersections(&z, &d, 1.0, false).unwrap();
        assert_eq!((ta, tb), (0.0, 0.5));
        let lb = array![-1.0, -1.0];
        let ub = array![0.5, 1.0];
        let (ta, tb, hit) = box_intersections(&z, &d, &lb, &ub, false);
        assert!(hit && ta == 0.0 && tb == 0.25);
        assert!(sphere_intersections(&array![3.0, 3.0], &array![1.0, 0.0], 1.0, true).is_none());
    }

    #[test]
    fn projected_cg_solves_the_equality_qp() {
        // min ½xᵀHx + cᵀx s.t. x₁ + x₂ + x₃ = 0 (no active ball or box).
        let h = array![[4.0, 1.0, 0.0], [1.0, 3.0, 0.5], [0.0, 0.5, 2.0]];
        let c = array![1.0, -2.0, 0.5];
        let a: Array2<f64> = array![[1.0, 1.0, 1.0]];
        let proj = Projections::new(&a, FactorizationMethod::QrFactorization).unwrap();
        let inf = Array1::from_elem(3, f64::INFINITY);
        let (x, info) = projected_cg(&mut |p| Ok(h.dot(p)), &c, &proj, 100.0, &(-&inf), &inf).unwrap();
        assert!(info.stop_cond == 4 || info.stop_cond == 1);
        // KKT: H x + c = λ·1.
        let r = &h.dot(&x) + &c;
        assert!((r[0] - r[1]).abs() < 1e-10 && (r[1] - r[2]).abs() < 1e-10);
        assert!(x.sum().abs() < 1e-12);
    }

    #[test]
    fn dogleg_reaches_linearized_feasibility_inside_the_region() {
        let a: Array2<f64> = array![[1.0, 2.0]];
        let b = array![-1.0];
        let proj = Projections::new(&a, FactorizationMethod::QrFactorization).unwrap();
        let inf = Array1::from_elem(2, f64::INFINITY);
        let d = modified_dogleg(&proj, &a, &b, 10.0, &(-&inf), &inf);
        assert!((a.dot(&d)[0] - 1.0).abs() < 1e-14);
        let d = modified_dogleg(&proj, &a, &b, 0.1, &(-&inf), &inf);
        assert!((d.dot(&d).sqrt() - 0.1).abs() < 1e-14);
    }
}
