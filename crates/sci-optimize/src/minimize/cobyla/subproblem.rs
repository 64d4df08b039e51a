//! COBYLA's trust-region subproblem on the linear models (Powell 1994, §3): with the
//! linearized constraints `A d ≥ b` (row `i` is `cᵢ(x) + aᵢ·d ≥ 0`, so `bᵢ = −cᵢ(x)`), the
//! objective gradient `g` and the radius `Δ`,
//!
//! 1. find the least `t ≥ 0` for which `P(t) = {d : A d ≥ b − t}` meets the ball `‖d‖ ≤ Δ`
//!    — the smallest ∞-norm violation of the linearized constraints the ball allows — and
//! 2. minimize `gᵀd` over `P(t) ∩ {‖d‖ ≤ Δ}`.
//!
//! Both stages are solved exactly (Powell's TRSTLP stops its active-set path where it meets
//! the sphere). Stage 1 is a root search on `t` for `dist(0, P(t)) = Δ`, a convex,
//! nonincreasing function of `t`, with the distance from a least-distance problem (LDP
//! through NNLS). Stage 2 is a primal active-set method: inside the ball it moves along the
//! projection of `−g` on the null space of the active rows until a row blocks or the sphere
//! is reached (dropping a row whose multiplier is negative when the projection vanishes); on
//! the sphere it moves towards the closed-form minimizer over the face of the active rows
//! (the face's minimum-norm point plus the normalized projection of `−g`), adding a row that
//! blocks the way, until the multipliers of that minimizer are nonnegative.
//!
//! The work is done in units of `Δ` with unit-norm rows.

use sci_core::ndarray::{Array1, Array2};

use super::super::slsqp::ldp;

/// Relative accuracy of `dist(0, P(t)) = Δ` in the stage-1 root search.
const SPHERE_TOL: f64 = 1e-10;
/// Rows closer than this to dependence on the working set are treated as dependent.
const DEPENDENT: f64 = 1e-9;

/// The linearized constraints, normalized.
struct Rows {
    /// Unit-norm rows.
    dir: Array2<f64>,
    /// `bᵢ / (Δ ‖aᵢ‖)`.
    rhs: Array1<f64>,
    /// `1 / (Δ ‖aᵢ‖)`: how a shift `t` of `b` moves `rhs`.
    shift: Array1<f64>,
}

impl Rows {
    fn len(&self) -> usize {
        self.rhs.len()
    }

    /// Level of row `i` at violation `t`: the row reads `dirᵢ·e ≥ level`.
    fn level(&self, i: usize, t: f64) -> f64 {
        self.rhs[i] - t * self.shift[i]
    }

    /// `dirᵢ·e − level`, negative when row `i` is violated.
    fn slack(&self, i: usize, t: f64, e: &Array1<f64>) -> f64 {
        self.dir.row(i).dot(e) - self.level(i, t)
    }

    /// The point of `P(t)` nearest the origin (in units of `Δ`); `None` if `P(t)` looks
    /// empty. Only rows that some point of the unit ball could violate take part.
    fn nearest(&self, t: f64) -> Option<Array1<f64>> {
        let keep: Vec<usize> = (0..self.len()).filter(|&i| self.level(i, t) > -1.0).collect();
        if keep.is_empty() {
            return Some(Array1::zeros(self.dir.ncols()));
        }
        let mut g = Array2::zeros((keep.len(), self.dir.ncols()));
        let mut h = Array1::zeros(keep.len());
        for (r, &i) in keep.iter().enumerate() {
            g.row_mut(r).assign(&self.dir.row(i));
            h[r] = self.level(i, t);
        }
        ldp(&g, &h).map(|(z, _)| z)
    }
}

fn norm(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

/// A regula falsi step with the Illinois modification, kept inside the bracket.
struct Illinois {
    lo: f64,
    f_lo: f64,
    hi: f64,
    f_hi: f64,
    last_side: i8,
}

impl Illinois {
    fn next(&self) -> f64 {
        let t = if self.f_lo.is_finite() && self.f_hi.is_finite() && self.f_lo != self.f_hi {
            (self.lo * self.f_hi - self.hi * self.f_lo) / (self.f_hi - self.f_lo)
        } else {
            0.5 * (self.lo + self.hi)
        };
        let w = self.hi - self.lo;
        if t.is_finite() {
            t.clamp(self.lo + 1e-3 * w, self.hi - 1e-3 * w)
        } else {
            0.5 * (self.lo + self.hi)
        }
    }

    /// Records `f(t)` as the new `lo` end (`to_lo`) or the new `hi` end.
    fn update(&mut self, t: f64, ft: f64, to_lo: bool) {
        if to_lo {
            self.lo = t;
            self.f_lo = ft;
            if self.last_side == -1 {
                self.f_hi *= 0.5;
            }
            self.last_side = -1;
        } else {
            self.hi = t;
            self.f_hi = ft;
            if self.last_side == 1 {
                self.f_lo *= 0.5;
            }
            self.last_side = 1;
        }
    }
}

/// A working set of linearly independent rows held as equalities, with an orthonormal basis
/// `q` of their span: row `k` is `Σ_{j ≤ k} r[k][j] q_j`.
#[derive(Default)]
struct Face {
    rows: Vec<usize>,
    q: Vec<Array1<f64>>,
    r: Vec<Vec<f64>>,
}

impl Face {
    /// Adds row `i` unless it depends on the rows already in (then it cannot block a move
    /// within the face either); true if added.
    fn add(&mut self, rows: &Rows, i: usize) -> bool {
        if self.rows.contains(&i) || self.q.len() == rows.dir.ncols() {
            return false;
        }
        let mut v = rows.dir.row(i).to_owned();
        let mut c = vec![0.0; self.q.len()];
        for _ in 0..2 {
            for (k, q) in self.q.iter().enumerate() {
                let r = q.dot(&v);
                v.scaled_add(-r, q);
                c[k] += r;
            }
        }
        let len = norm(&v);
        if len <= DEPENDENT {
            return false;
        }
        c.push(len);
        self.q.push(v / len);
        self.r.push(c);
        self.rows.push(i);
        true
    }

    /// Removes the `k`-th row of the working set.
    fn remove(&mut self, rows: &Rows, k: usize) {
        let mut kept = std::mem::take(&mut self.rows);
        kept.remove(k);
        *self = Face::default();
        for i in kept {
            self.add(rows, i);
        }
    }

    /// `v` minus its component in the span of the rows.
    fn null_part(&self, v: &Array1<f64>) -> Array1<f64> {
        let mut w = v.clone();
        for _ in 0..2 {
            for q in &self.q {
                let r = q.dot(&w);
                w.scaled_add(-r, q);
            }
        }
        w
    }

    /// Coefficients `λ` with `Σ λ_k row_k` = the component of `v` in the span of the rows.
    fn coefficients(&self, v: &Array1<f64>) -> Vec<f64> {
        let m = self.q.len();
        let c: Vec<f64> = self.q.iter().map(|q| q.dot(v)).collect();
        let mut lam = vec![0.0; m];
        for j in (0..m).rev() {
            let s: f64 = (j + 1..m).map(|k| self.r[k][j] * lam[k]).sum();
            lam[j] = (c[j] - s) / self.r[j][j];
        }
        lam
    }

    /// The minimum-norm point satisfying the rows as equalities at level `t`.
    fn min_norm_point(&self, rows: &Rows, t: f64, n: usize) -> Array1<f64> {
        let mut y = vec![0.0; self.q.len()];
        for k in 0..self.q.len() {
            let s: f64 = (0..k).map(|j| self.r[k][j] * y[j]).sum();
            y[k] = (rows.level(self.rows[k], t) - s) / self.r[k][k];
        }
        let mut e = Array1::zeros(n);
        for (q, yk) in self.q.iter().zip(&y) {
            e.scaled_add(*yk, q);
        }
        e
    }

    /// The working-set position of the most negative multiplier below `−tol`, if any.
    fn most_negative(lam: &[f64]) -> Option<usize> {
        let k = (0..lam.len()).min_by(|&a, &b| lam[a].total_cmp(&lam[b]))?;
        (lam[k] < -1e-12).then_some(k)
    }
}

/// The longest step `α ≤ alpha_max` along `p` from `e` that keeps the rows outside the face
/// satisfied (except those marked `skip`: they depend on the face), and the row that stops
/// it (if one does before `alpha_max`).
fn blocking(
    rows: &Rows,
    t: f64,
    skip: &[bool],
    e: &Array1<f64>,
    p: &Array1<f64>,
    alpha_max: f64,
) -> (f64, Option<usize>) {
    let mut alpha = alpha_max;
    let mut block = None;
    // Rows (of unit norm) at a right angle to p up to rounding, such as rows that depend on
    // the face, do not block.
    let min_rate = -1e-10 * norm(p);
    for i in 0..rows.len() {
        if skip[i] {
            continue;
        }
        let rate = rows.dir.row(i).dot(p);
        if rate < min_rate {
            let a = rows.slack(i, t, e).max(0.0) / -rate;
            if a < alpha {
                alpha = a;
                block = Some(i);
            }
        }
    }
    (alpha, block)
}

/// Stage 2 from the feasible point `e` (‖e‖ ≤ 1) of `P(t)`; `ghat` has unit norm.
fn stage2(rows: &Rows, t: f64, ghat: &Array1<f64>, start: Array1<f64>) -> Array1<f64> {
    let n = ghat.len();
    let mut e = start;
    let mut face = Face::default();
    // Rows in the face, or found to depend on it when they blocked a move.
    let mut skip = vec![false; rows.len()];
    for i in 0..rows.len() {
        if rows.slack(i, t, &e) <= 1e-12 * rows.level(i, t).abs().max(1.0) && face.add(rows, i) {
            skip[i] = true;
        }
    }
    let remove = |face: &mut Face, skip: &mut Vec<bool>, k: usize| {
        skip.iter_mut().for_each(|s| *s = false);
        face.remove(rows, k);
        face.rows.iter().for_each(|&i| skip[i] = true);
    };
    for _ in 0..10 * (rows.len() + n) + 10 {
        let w = face.null_part(ghat);
        let wn = norm(&w);
        let en = norm(&e);
        if en < 1.0 - 1e-12 {
            if wn <= 1e-14 {
                // Nothing to gain within the face: optimal unless a row should be released.
                match Face::most_negative(&face.coefficients(ghat)) {
                    Some(k) => remove(&mut face, &mut skip, k),
                    None => return e,
                }
                continue;
            }
            // Move along −w until a row blocks or the sphere is reached.
            let p = -&w;
            let (ep, pp) = (e.dot(&p), p.dot(&p));
            let to_sphere = (-ep + (ep * ep + pp * (1.0 - en * en)).sqrt()) / pp;
            let (alpha, block) = blocking(rows, t, &skip, &e, &p, to_sphere);
            e.scaled_add(alpha, &p);
            if let Some(i) = block {
                face.add(rows, i);
                skip[i] = true;
            }
            continue;
        }
        // On the sphere: head for the minimizer over the face.
        let e0 = face.min_norm_point(rows, t, n);
        let r0 = norm(&e0);
        if r0.is_nan() || r0 >= 1.0 || wn <= 1e-14 {
            // The face meets the ball in one point, or the objective is constant on it.
            let lam = face.coefficients(ghat);
            match Face::most_negative(&lam) {
                Some(k) if wn <= 1e-14 && r0 < 1.0 => remove(&mut face, &mut skip, k),
                _ => return e,
            }
            continue;
        }
        let radius = (1.0 - r0 * r0).sqrt();
        let target = &e0 - &(&w * (radius / wn));
        let step = &target - &e;
        let (alpha, block) = blocking(rows, t, &skip, &e, &step, 1.0);
        if let Some(i) = block {
            e.scaled_add(alpha, &step);
            face.add(rows, i);
            skip[i] = true;
            continue;
        }
        e = target;
        // Multipliers of ĝ + ν e = Σ λ_k row_k with the sphere's ν = ‖w‖/radius.
        let nu = wn / radius;
        let lam: Vec<f64> =
            face.coefficients(ghat).iter().zip(face.coefficients(&e0)).map(|(a, b)| a + nu * b).collect();
        match Face::most_negative(&lam) {
            Some(k) => remove(&mut face, &mut skip, k),
            None => return e,
        }
    }
    e
}

/// The step `d` (`‖d‖ ≤ Δ`) of the two-stage subproblem; `a` is `m×n`, `b` has length `m`.
pub(super) fn trust_step(g: &Array1<f64>, a: &Array2<f64>, b: &Array1<f64>, delta: f64) -> Array1<f64> {
    let n = g.len();
    let m = b.len();
    // Rows with a zero gradient only bound t from below.
    let norms: Vec<f64> = (0..m).map(|i| a.row(i).dot(&a.row(i)).sqrt()).collect();
    let mut t_floor = 0.0f64;
    let live: Vec<usize> = (0..m)
        .filter(|&i| {
            if norms[i] > 0.0 && norms[i].is_finite() {
                true
            } else {
                t_floor = t_floor.max(b[i]);
                false
            }
        })
        .collect();
    let mut dir = Array2::zeros((live.len(), n));
    let mut rhs = Array1::zeros(live.len());
    let mut shift = Array1::zeros(live.len());
    for (r, &i) in live.iter().enumerate() {
        dir.row_mut(r).assign(&(&a.row(i) / norms[i]));
        rhs[r] = b[i] / (delta * norms[i]);
        shift[r] = 1.0 / (delta * norms[i]);
    }
    let rows = Rows { dir, rhs, shift };
    // Stage 1: the least violation level t whose polyhedron meets the unit ball.
    let v0 = b.iter().fold(0.0f64, |s, &v| s.max(v));
    let t_hi = v0.max(t_floor);
    let (t, d0) = match rows.nearest(t_floor) {
        Some(p) if norm(&p) <= 1.0 => (t_floor, p),
        first => {
            let r0 = first.map_or(f64::INFINITY, |p| norm(&p));
            let mut root = Illinois { lo: t_floor, f_lo: r0 - 1.0, hi: t_hi, f_hi: -1.0, last_side: 0 };
            let mut best = Array1::zeros(n);
            for _ in 0..100 {
                if root.hi - root.lo <= 1e-14 * root.hi.abs().max(f64::MIN_POSITIVE) {
                    break;
                }
                let tt = root.next();
                match rows.nearest(tt) {
                    Some(p) if norm(&p) <= 1.0 => {
                        let r = norm(&p);
                        best = p;
                        root.update(tt, r - 1.0, false);
                        if r >= 1.0 - SPHERE_TOL {
                            break;
                        }
                    }
                    Some(p) => root.update(tt, norm(&p) - 1.0, true),
                    None => {
                        root.lo = tt;
                        root.f_lo = f64::INFINITY;
                    }
                }
            }
            (root.hi, best)
        }
    };
    // Stage 2: minimize gᵀd over P(t) ∩ ball.
    let gn = norm(g);
    if !gn.is_finite() || gn <= 0.0 {
        return d0 * delta;
    }
    stage2(&rows, t, &(g / gn), d0) * delta
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::array;

    #[test]
    fn unconstrained_step_is_steepest_descent_to_the_boundary() {
        let d = trust_step(&array![3.0, 4.0], &Array2::zeros((0, 2)), &Array1::zeros(0), 2.0);
        assert!((&d - &array![-1.2, -1.6]).iter().all(|v| v.abs() < 1e-12), "{d}");
    }

    #[test]
    fn blocking_constraint_bends_the_step() {
        // min x + y with x ≥ −0.5 (row [1, 0], b = −0.5) in the unit disc.
        let d = trust_step(&array![1.0, 1.0], &array![[1.0, 0.0]], &array![-0.5], 1.0);
        assert!((d[0] + 0.5).abs() < 1e-9 && (d[1] + 0.75f64.sqrt()).abs() < 1e-8, "{d}");
    }

    #[test]
    fn vertex_inside_the_ball_is_the_lp_solution() {
        // min −x − y with x ≤ 0.2, y ≤ 0.3 (rows −x ≥ −0.2, −y ≥ −0.3).
        let d = trust_step(&array![-1.0, -1.0], &array![[-1.0, 0.0], [0.0, -1.0]], &array![-0.2, -0.3], 1.0);
        assert!((d[0] - 0.2).abs() < 1e-9 && (d[1] - 0.3).abs() < 1e-9, "{d}");
    }

    #[test]
    fn gradient_nearly_along_an_active_normal_keeps_the_step_accurate() {
        // min ĝ·d with ĝ = a + 1e-6·t on {a·d ≥ 0}: the answer is d = −t·Δ along the
        // constraint, which the curve reaches only at s ≈ 1e6.
        let (a, t) = (array![1.0, -2.0] / 5f64.sqrt(), array![2.0, 1.0] / 5f64.sqrt());
        let g = &a + &(&t * 1e-6);
        let d = trust_step(&g, &a.clone().insert_axis(sci_core::ndarray::Axis(0)), &array![0.0], 1e-5);
        let want = &t * -1e-5;
        assert!((&d - &want).iter().all(|v| v.abs() < 1e-15), "{d} vs {want}");
    }

    #[test]
    fn infeasible_linearization_minimizes_the_violation() {
        // x ≥ 3 cannot be met in the unit ball: the step goes to x = 1 (stage 2 may use the
        // sliver of the ball that the root search's tolerance on t leaves, √(2·1e-10)).
        let d = trust_step(&array![0.0, 1.0], &array![[1.0, 0.0]], &array![3.0], 1.0);
        assert!((d[0] - 1.0).abs() < 1e-8 && d[1].abs() < 2e-5, "{d}");
    }
}
