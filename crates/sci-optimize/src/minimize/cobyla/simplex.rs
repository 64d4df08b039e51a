//! The interpolation simplex of COBYLA (Powell 1994, §2): `n + 1` evaluated points, the best
//! one by the merit function `Φ = f + μ·(largest violation)`, the linear models that
//! interpolate `f` and the nonlinear constraints on the vertices, and the rules that keep the
//! simplex well shaped (which vertex a new point replaces, where a geometry step goes).

use sci_core::ndarray::{Array1, Array2};

use super::problem::Eval;
use crate::dense::SmallLu;

/// A vertex is "close" if it is within `BETA·Δ` of the best one, and the simplex is "not
/// flat" if every vertex is at least `ALPHA·Δ` from the opposite face (Powell's α and β).
pub(super) const ALPHA: f64 = 0.25;
pub(super) const BETA: f64 = 2.1;
/// A geometry step moves a vertex to distance `GAMMA·Δ` from the best one.
const GAMMA: f64 = 0.5;

pub(super) struct Simplex {
    pub x: Vec<Array1<f64>>,
    pub e: Vec<Eval>,
    pub best: usize,
}

/// The linear models around the best vertex.
pub(super) struct Model {
    /// Vertex index of column `k` of `dmat`.
    pub others: Vec<usize>,
    /// Column `k` is `x[others[k]] − x[best]`.
    pub dmat: Array2<f64>,
    /// `dmat⁻¹`: row `k` is the gradient of the Lagrange function of vertex `others[k]`.
    pub dinv: Array2<f64>,
    /// Gradient of the objective model.
    pub g: Array1<f64>,
    /// Gradients of the nonlinear constraint models (rows).
    pub a_nl: Array2<f64>,
    /// Distance of each vertex from the opposite face, `1/‖row k of dmat⁻¹‖`.
    pub vsig: Array1<f64>,
    /// Distance of each vertex from the best one.
    pub veta: Array1<f64>,
}

fn merit(e: &Eval, mu: f64) -> f64 {
    e.f + mu * e.v
}

/// Whether `a` is better than `b` for the merit with penalty `mu` (ties: less violation).
pub(super) fn better(a: &Eval, b: &Eval, mu: f64) -> bool {
    let (pa, pb) = (merit(a, mu), merit(b, mu));
    pa < pb || (pa == pb && a.v < b.v)
}

impl Simplex {
    /// Makes the best vertex by the merit with penalty `mu` the reference; true if it moved.
    pub fn choose_best(&mut self, mu: f64) -> bool {
        let old = self.best;
        for j in 0..self.x.len() {
            if better(&self.e[j], &self.e[self.best], mu) {
                self.best = j;
            }
        }
        self.best != old
    }

    /// The linear models; `None` when the simplex is numerically degenerate.
    pub fn model(&self) -> Option<Model> {
        let n = self.x.len() - 1;
        let b = self.best;
        let others: Vec<usize> = (0..=n).filter(|&j| j != b).collect();
        let mut dmat = Array2::zeros((n, n));
        for (k, &j) in others.iter().enumerate() {
            dmat.column_mut(k).assign(&(&self.x[j] - &self.x[b]));
        }
        let lu = SmallLu::new(dmat.clone())?;
        let mut dinv = Array2::zeros((n, n));
        let mut unit = Array1::zeros(n);
        for j in 0..n {
            unit[j] = 1.0;
            dinv.column_mut(j).assign(&lu.solve(&unit));
            unit[j] = 0.0;
        }
        // Refuse a simplex whose inverse has lost its accuracy.
        let err = (&dinv.dot(&dmat) - &Array2::<f64>::eye(n)).iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if err.is_nan() || err > 0.1 {
            return None;
        }
        let df: Array1<f64> = others.iter().map(|&j| self.e[j].f - self.e[b].f).collect();
        let g = dinv.t().dot(&df);
        let m_nl = self.e[b].cn.len();
        let mut dc = Array2::zeros((n, m_nl));
        for (k, &j) in others.iter().enumerate() {
            dc.row_mut(k).assign(&(&self.e[j].cn - &self.e[b].cn));
        }
        let a_nl = dc.t().dot(&dinv);
        let vsig = (0..n).map(|k| 1.0 / dinv.row(k).dot(&dinv.row(k)).sqrt()).collect();
        let veta = (0..n).map(|k| dmat.column(k).dot(&dmat.column(k)).sqrt()).collect();
        Some(Model { others, dmat, dinv, g, a_nl, vsig, veta })
    }

    /// Puts `(x, e)` in place of vertex `j`.
    pub fn replace(&mut self, j: usize, x: Array1<f64>, e: Eval) {
        self.x[j] = x;
        self.e[j] = e;
    }
}

impl Model {
    /// Whether the simplex is well shaped at radius `delta`.
    pub fn adequate(&self, delta: f64) -> bool {
        self.veta.iter().all(|&v| v <= BETA * delta) && self.vsig.iter().all(|&s| s >= ALPHA * delta)
    }

    /// Whether all model quantities are finite.
    pub fn finite(&self) -> bool {
        self.g.iter().chain(self.a_nl.iter()).all(|v| v.is_finite())
    }

    /// The column (vertex) a trust-region point `x_best + d` should replace, or `None` if
    /// it should not enter the simplex. An improving point always enters, replacing the
    /// vertex that keeps the simplex volume largest (largest `|ℓₖ(d)|`, the value of that
    /// vertex's Lagrange function) unless a vertex farther than `1.1·Δ` from the new point can
    /// go without flattening the simplex; a point that does not improve the merit enters
    /// only if it enlarges the volume or removes such a far vertex.
    pub fn drop_for(&self, d: &Array1<f64>, improved: bool, delta: f64) -> Option<usize> {
        let lam = self.dinv.dot(d);
        let n = lam.len();
        let mut pick = None;
        let mut best = if improved { 0.0 } else { 1.0 };
        for k in 0..n {
            if lam[k].abs() > best {
                best = lam[k].abs();
                pick = Some(k);
            }
        }
        let mut far = None;
        let mut edge = 1.1 * delta;
        for k in 0..n {
            let sigbar = lam[k].abs() * self.vsig[k];
            if sigbar >= ALPHA * delta || sigbar >= self.vsig[k] {
                let dist = if improved {
                    let diff = d - &self.dmat.column(k);
                    diff.dot(&diff).sqrt()
                } else {
                    self.veta[k]
                };
                if dist > edge {
                    edge = dist;
                    far = Some(k);
                }
            }
        }
        far.or(pick)
    }

    /// The geometry step: the column to move (the farthest vertex if one is beyond `BETA·Δ`,
    /// else the one nearest its opposite face) and the step `GAMMA·Δ` along the normal of
    /// that face; the caller picks its sign.
    pub fn geometry_move(&self, delta: f64) -> (usize, Array1<f64>) {
        let n = self.vsig.len();
        let far = (0..n).max_by(|&a, &b| self.veta[a].total_cmp(&self.veta[b])).unwrap_or(0);
        let k = if self.veta[far] > BETA * delta {
            far
        } else {
            (0..n).min_by(|&a, &b| self.vsig[a].total_cmp(&self.vsig[b])).unwrap_or(0)
        };
        let row = self.dinv.row(k).to_owned();
        let len = row.dot(&row).sqrt();
        (k, row * (GAMMA * delta / len))
    }
}
