//! The general maximum-likelihood search used where no equation solves the fit directly:
//! Nelder–Mead on the negative log-likelihood in unconstrained coordinates, then Newton's
//! method on the analytic score to reach the stationary point to working precision, and a
//! check that it is a proper, interior maximum.

use sci_core::{Error, Result};

use super::optim::{cholesky_solve, nelder_mead};

/// How a free parameter `θ` is written in terms of an unconstrained coordinate `t`, which
/// keeps every point the search visits inside the parameter space and the data inside the
/// support.
#[derive(Debug, Clone, Copy)]
pub(super) enum Coord {
    /// `θ = e^t` (shapes, scales).
    Positive,
    /// `θ = b − e^t` (a location that must stay below the data's minimum `b`).
    Below(f64),
    /// `θ = b + e^t` (a scale that must exceed `b`).
    Above(f64),
    /// `θ = lo + (hi − lo)·expit(t)`.
    Between(f64, f64),
    /// `θ = unit·t` (an unconstrained location, measured in `unit`s).
    Real(f64),
    /// A scale whose support `[loc, loc + θ]` must reach past `xmax`:
    /// `θ = xmax − loc + e^t`, where `loc` is parameter `loc_index` (free or fixed).
    Reaching { xmax: f64, loc_index: usize },
}

/// The free coordinates of a `(shape, loc, scale)` family supported on `[loc, ∞)`, with `loc`
/// free (below the data's minimum `min`) and the shape and scale free unless fixed.
pub(super) fn lower_bounded(shape_fixed: bool, scale_fixed: bool, min: f64) -> Vec<(usize, Coord)> {
    let mut free = Vec::with_capacity(3);
    if !shape_fixed {
        free.push((0, Coord::Positive));
    }
    free.push((1, Coord::Below(min)));
    if !scale_fixed {
        free.push((2, Coord::Positive));
    }
    free
}

/// One maximum-likelihood problem: the full parameter vector (fixed values in place, start
/// values for the free ones), which parameters are free and how, and the negative
/// log-likelihood with its gradient over the full vector.
pub(super) struct Problem<'a> {
    /// Distribution name for messages (`"gamma"`).
    pub(super) name: &'static str,
    /// Start (free entries) and fixed values (the others).
    pub(super) theta: Vec<f64>,
    /// Free parameters: index into `theta` and coordinate.
    pub(super) free: Vec<(usize, Coord)>,
    /// Range of the data, the yardstick for "at the boundary".
    pub(super) span: f64,
    /// Negative log-likelihood (any non-finite value means "outside").
    pub(super) nll: &'a dyn Fn(&[f64]) -> f64,
    /// Gradient of the negative log-likelihood over all parameters.
    pub(super) grad: &'a dyn Fn(&[f64], &mut [f64]),
}

fn expit(t: f64) -> f64 {
    if t >= 0.0 { 1.0 / (1.0 + (-t).exp()) } else { t.exp() / (1.0 + t.exp()) }
}

impl Problem<'_> {
    /// Full parameters at coordinates `t`, and the Jacobian `∂θ/∂t` (row-major,
    /// `theta.len() × free.len()`).
    fn map(&self, t: &[f64]) -> (Vec<f64>, Vec<f64>) {
        let (m, k) = (self.theta.len(), self.free.len());
        let mut theta = self.theta.clone();
        let mut jac = vec![0.0; m * k];
        for (j, &(i, coord)) in self.free.iter().enumerate() {
            let (v, d) = apply(coord, t[j], &theta);
            theta[i] = v;
            jac[i * k + j] = d;
            if let Coord::Reaching { loc_index, .. } = coord {
                // θ also moves with the location's coordinate.
                for jj in 0..k {
                    jac[i * k + jj] -= jac[loc_index * k + jj];
                }
            }
        }
        (theta, jac)
    }

    /// Coordinates of the start, after moving any infeasible start value inside.
    fn start(&mut self) -> Vec<f64> {
        let margin = if self.span > 0.0 { 0.1 * self.span } else { 1.0 };
        let mut t = Vec::with_capacity(self.free.len());
        for &(i, coord) in &self.free {
            let v = self.theta[i];
            let tj = match coord {
                Coord::Positive => if v.is_finite() && v > 0.0 { v } else { 1.0 }.ln(),
                Coord::Below(b) => if b - v > 0.0 && v.is_finite() { b - v } else { margin }.ln(),
                Coord::Above(b) => if v - b > 0.0 && v.is_finite() { v - b } else { margin }.ln(),
                Coord::Between(lo, hi) => {
                    let u = (v - lo) / (hi - lo);
                    if u > 0.0 && u < 1.0 { (u / (1.0 - u)).ln() } else { 0.0 }
                }
                Coord::Real(unit) => {
                    if v.is_finite() {
                        v / unit
                    } else {
                        0.0
                    }
                }
                Coord::Reaching { xmax, loc_index } => {
                    let gap = v - (xmax - self.theta[loc_index]);
                    if gap > 0.0 && gap.is_finite() { gap } else { margin }.ln()
                }
            };
            t.push(tj);
            // Later coordinates (a reaching scale) see the adjusted value.
            self.theta[i] = apply(coord, tj, &self.theta).0;
        }
        t
    }

    fn value(&self, t: &[f64]) -> f64 {
        let v = (self.nll)(&self.map(t).0);
        if v.is_finite() { v } else { f64::INFINITY }
    }

    /// Gradient of the negative log-likelihood in the coordinates `t` (chain rule).
    fn gradient(&self, t: &[f64]) -> Vec<f64> {
        let (theta, jac) = self.map(t);
        let mut g = vec![0.0; theta.len()];
        (self.grad)(&theta, &mut g);
        let k = t.len();
        (0..k).map(|j| (0..theta.len()).map(|i| g[i] * jac[i * k + j]).sum()).collect()
    }

    /// Hessian in `t` by central differences of the analytic gradient (symmetrized).
    fn hessian(&self, t: &[f64]) -> Vec<f64> {
        let k = t.len();
        let mut h = vec![0.0; k * k];
        for j in 0..k {
            let d = 1e-5 * t[j].abs().max(1.0);
            let mut tp = t.to_vec();
            let mut tm = t.to_vec();
            tp[j] += d;
            tm[j] -= d;
            let (gp, gm) = (self.gradient(&tp), self.gradient(&tm));
            for i in 0..k {
                h[i * k + j] = (gp[i] - gm[i]) / (2.0 * d);
            }
        }
        for i in 0..k {
            for j in 0..i {
                let s = 0.5 * (h[i * k + j] + h[j * k + i]);
                h[i * k + j] = s;
                h[j * k + i] = s;
            }
        }
        h
    }

    /// Newton's method on the score from `t`, with a Levenberg shift when the Hessian is not
    /// positive definite and a backtracking line search (a step is taken when it lowers the
    /// negative log-likelihood enough, or keeps it within 1e-10 relative — its rounding noise
    /// can be far above an ulp of a sum of many terms — and shrinks the gradient).
    fn polish(&self, mut t: Vec<f64>) -> Vec<f64> {
        let k = t.len();
        let mut f = self.value(&t);
        let mut g = self.gradient(&t);
        let norm = |v: &[f64]| v.iter().fold(0.0f64, |m, x| m.max(x.abs()));
        for _ in 0..100 {
            if norm(&g) == 0.0 || !f.is_finite() {
                break;
            }
            let h = self.hessian(&t);
            let max_diag = (0..k).map(|i| h[i * k + i].abs()).fold(0.0, f64::max).max(f64::MIN_POSITIVE);
            let neg_g: Vec<f64> = g.iter().map(|v| -v).collect();
            let mut shift = 0.0;
            let p = loop {
                let mut hs = h.clone();
                for i in 0..k {
                    hs[i * k + i] += shift;
                }
                if let Some(p) = cholesky_solve(&hs, &neg_g, 1e-15) {
                    break Some(p);
                }
                shift = if shift == 0.0 { 1e-10 * max_diag } else { shift * 100.0 };
                if shift > 1e10 * max_diag {
                    break None;
                }
            };
            let Some(p) = p else { break };
            let slope: f64 = p.iter().zip(&g).map(|(a, b)| a * b).sum();
            let mut alpha = 1.0;
            let mut accepted = None;
            for _ in 0..50 {
                let tn: Vec<f64> = t.iter().zip(&p).map(|(a, b)| a + alpha * b).collect();
                let fnew = self.value(&tn);
                if fnew.is_finite() {
                    let gn = self.gradient(&tn);
                    let decrease = fnew <= f + 1e-4 * alpha * slope;
                    // Near the maximum the change in f is below its rounding noise: go by the
                    // gradient then.
                    let level = fnew <= f + 1e-10 * (1.0 + f.abs()) && norm(&gn) < norm(&g);
                    if decrease || level {
                        accepted = Some((tn, fnew, gn));
                        break;
                    }
                }
                alpha *= 0.5;
            }
            let Some((tn, fnew, gn)) = accepted else { break };
            let moved = t.iter().zip(&tn).fold(0.0f64, |m, (a, b)| m.max((a - b).abs() / a.abs().max(1.0)));
            (t, f, g) = (tn, fnew, gn);
            if moved <= 4.0 * f64::EPSILON {
                break;
            }
        }
        t
    }

    /// Runs the search and returns the full parameter vector at the maximum.
    ///
    /// # Errors
    /// [`Error::NotConverged`] when the search ends on the boundary of the parameter space
    /// (the likelihood increases without bound as the support's end approaches the data, or
    /// along a ridge to infinity), or without an isolated maximum.
    pub(super) fn solve(mut self) -> Result<Vec<f64>> {
        let t0 = self.start();
        let k = t0.len();
        let step = vec![0.25; k];
        let mut objective = |t: &[f64]| self.value(t);
        let simplex = nelder_mead(&mut objective, &t0, &step, 1e-8, 1e-13, 3000 * k);
        if !simplex.converged || !simplex.f.is_finite() {
            return Err(self.no_maximum("the simplex search did not settle"));
        }
        let t = self.polish(simplex.x);
        let (theta, _) = self.map(&t);
        if self.on_boundary(&theta) {
            return Err(self.no_maximum(
                "the likelihood keeps increasing as an end of the support approaches the data (it is unbounded \
                 there); there is no interior maximum",
            ));
        }
        let h = self.hessian(&t);
        let g = self.gradient(&t);
        let f = self.value(&t);
        let g_ok = g.iter().all(|v| v.abs() <= 1e-6 * (1.0 + f.abs()));
        if !g_ok || cholesky_solve(&h, &vec![0.0; k], 1e-12).is_none() {
            return Err(self.no_maximum("the search ended without an isolated maximum (a flat ridge?)"));
        }
        Ok(theta)
    }

    fn on_boundary(&self, theta: &[f64]) -> bool {
        let tol = 1e-9 * self.span;
        self.free.iter().any(|&(i, coord)| match coord {
            Coord::Below(b) => b - theta[i] <= tol,
            Coord::Above(b) => theta[i] - b <= tol,
            Coord::Between(lo, hi) => theta[i] - lo <= 1e-9 * (hi - lo) || hi - theta[i] <= 1e-9 * (hi - lo),
            Coord::Reaching { xmax, loc_index } => theta[loc_index] + theta[i] - xmax <= tol,
            Coord::Positive | Coord::Real(_) => false,
        })
    }

    fn no_maximum(&self, why: &str) -> Error {
        Error::NotConverged {
            what: format!("maximum-likelihood fit of {} ({why})", self.name),
            iterations: None,
        }
    }
}

/// The value of a parameter with coordinate `coord` at `t`, and its derivative in `t`
/// (for [`Coord::Reaching`], the part through its own coordinate only).
fn apply(coord: Coord, t: f64, theta: &[f64]) -> (f64, f64) {
    match coord {
        Coord::Positive => (t.exp(), t.exp()),
        Coord::Below(b) => (b - t.exp(), -t.exp()),
        Coord::Above(b) => (b + t.exp(), t.exp()),
        Coord::Between(lo, hi) => {
            let s = expit(t);
            (lo + (hi - lo) * s, (hi - lo) * s * (1.0 - s))
        }
        Coord::Real(unit) => (unit * t, unit),
        Coord::Reaching { xmax, loc_index } => (xmax - theta[loc_index] + t.exp(), t.exp()),
    }
}
