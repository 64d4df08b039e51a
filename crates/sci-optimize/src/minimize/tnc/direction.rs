//! The truncated-Newton direction: preconditioned conjugate gradients on `H p = −g` over the
//! free variables, with `H v` from a difference of gradients.

use sci_core::ndarray::{Array1, ArrayView1};

use super::{Pivot, Scaled, norm, project};

/// Number of step/gradient-change pairs kept by the preconditioner.
const PAIRS: usize = 2;
/// A diagonal entry may shrink by at most this factor in one update (TNC resets entries
/// below an absolute 1e-6 to 1, which is not invariant under the rescaling of `f`).
const DIAG_SHRINK: f64 = 1e-8;

/// `M⁻¹ ≈ H⁻¹`: limited-memory BFGS over the last steps `s` and gradient changes `y`, started
/// from the inverse of a diagonal Hessian estimate that the CG products keep refining by the
/// diagonal of a BFGS update.
pub(super) struct Preconditioner {
    diag: Array1<f64>,
    /// Whether `diag` has learned anything yet (until then it is scaled by the first product).
    fresh: bool,
    pairs: Vec<(Array1<f64>, Array1<f64>, f64)>,
}

impl Preconditioner {
    pub fn new(n: usize) -> Self {
        Preconditioner { diag: Array1::ones(n), fresh: true, pairs: Vec::new() }
    }

    /// Follows a rescaling of `f` by `k`: the Hessian estimates scale by `k` (TNC forgets
    /// them instead).
    pub fn rescale(&mut self, k: f64) {
        self.diag.mapv_inplace(|d| d * k);
        for (_, y, rho) in &mut self.pairs {
            y.mapv_inplace(|v| v * k);
            *rho /= k;
        }
    }

    /// Forgets the pairs (after the active set changed).
    pub fn clear_pairs(&mut self) {
        self.pairs.clear();
    }

    /// Remembers a step and its gradient change if they have positive curvature.
    pub fn push(&mut self, s: Array1<f64>, y: Array1<f64>) {
        let ys = y.dot(&s);
        if ys > f64::EPSILON * norm(&y) * norm(&s) && ys.is_finite() {
            if self.pairs.len() == PAIRS {
                self.pairs.remove(0);
            }
            self.pairs.push((s, y, 1.0 / ys));
        }
    }

    /// `M⁻¹ r` by the two-loop recursion.
    fn apply(&self, r: &Array1<f64>) -> Array1<f64> {
        let mut q = r.clone();
        let mut alphas = [0.0; PAIRS];
        for (k, (s, y, rho)) in self.pairs.iter().enumerate().rev() {
            alphas[k] = rho * s.dot(&q);
            q.scaled_add(-alphas[k], y);
        }
        let mut z = &q / &self.diag;
        for (k, (s, y, rho)) in self.pairs.iter().enumerate() {
            let beta = rho * y.dot(&z);
            z.scaled_add(alphas[k] - beta, s);
        }
        z
    }

    /// Diagonal of the BFGS update of `diag(D)` by the pair `(v, Hv)`.
    /// The first product also sets the scale of the identity it starts from (the Rayleigh
    /// quotient `vᵀHv/vᵀv`, as Shanno and Phua scale BFGS).
    fn learn(&mut self, v: &Array1<f64>, hv: &Array1<f64>) {
        let vhv = v.dot(hv);
        if !(vhv > 0.0 && vhv.is_finite()) {
            return;
        }
        if self.fresh {
            self.diag.fill(vhv / v.dot(v));
            self.fresh = false;
        }
        let dv = &self.diag * v;
        let vdv = v.dot(&dv);
        if !(vdv > 0.0 && vdv.is_finite()) {
            return;
        }
        for i in 0..v.len() {
            let d = self.diag[i] - dv[i] * dv[i] / vdv + hv[i] * hv[i] / vhv;
            if d > DIAG_SHRINK * self.diag[i] && d.is_finite() {
                self.diag[i] = d;
            }
        }
    }
}

/// `H v` by forward differences of the gradient, with the step `accuracy·(1 + ‖x‖)/‖v‖`
/// (taken backwards when the forward point leaves the bounds); `None` if it is not finite.
fn hess_vec<F: Fn(ArrayView1<'_, f64>) -> f64>(
    s: &mut Scaled<'_, '_, F>,
    xs: &Array1<f64>,
    g: &Array1<f64>,
    v: &Array1<f64>,
    pivot: &[Pivot],
    accuracy: f64,
) -> Option<Array1<f64>> {
    let mut free_x = xs.clone();
    project(&mut free_x, pivot);
    let mut delta = accuracy * (1.0 + norm(&free_x)) / norm(v);
    let mut xv = xs + &(v * delta);
    if !s.inside(&xv) {
        delta = -delta;
        xv = xs + &(v * delta);
    }
    let gv = s.grad(&xv);
    let mut hv = (&gv - g) / delta;
    project(&mut hv, pivot);
    hv.iter().all(|h| h.is_finite()).then_some(hv)
}

/// The search direction. `g` is the projected scaled gradient at `xs`.
pub(super) fn newton_direction<F: Fn(ArrayView1<'_, f64>) -> f64>(
    s: &mut Scaled<'_, '_, F>,
    xs: &Array1<f64>,
    g: &Array1<f64>,
    pivot: &[Pivot],
    pre: &mut Preconditioner,
    maxcgit: usize,
    accuracy: f64,
) -> Array1<f64> {
    let mut steepest = -g;
    project(&mut steepest, pivot);
    if maxcgit == 0 {
        return steepest;
    }
    let mut p = Array1::zeros(g.len());
    let mut r = steepest.clone();
    let mut v = Array1::zeros(g.len());
    let (mut rz_old, mut q_old, mut rz0) = (0.0, 0.0, 0.0);
    for k in 0..maxcgit {
        let mut z = pre.apply(&r);
        project(&mut z, pivot);
        let rz = r.dot(&z);
        if k == 0 {
            rz0 = rz;
        }
        // (The tests are relative, so that they do not depend on the scaling of f.)
        if rz.is_nan() || rz <= 1e-24 * rz0 || s.evals + 1 >= s.maxfun {
            // Nothing left to solve, or no evaluation left for a product.
            if k == 0 {
                return steepest;
            }
            break;
        }
        let beta = if k == 0 { 0.0 } else { rz / rz_old };
        v = &z + &(&v * beta);
        project(&mut v, pivot);
        let Some(hv) = hess_vec(s, xs, g, &v, pivot, accuracy) else {
            if k == 0 {
                return steepest;
            }
            break;
        };
        let vhv = v.dot(&hv);
        if vhv.is_nan() || vhv <= 1e-12 * norm(&v) * norm(&hv) {
            // Negative or zero curvature: keep what we have (the preconditioned steepest
            // descent direction on the first iteration).
            if k == 0 {
                let mut d = -pre.apply(g);
                project(&mut d, pivot);
                return d;
            }
            break;
        }
        pre.learn(&v, &hv);
        let a = rz / vhv;
        p.scaled_add(a, &v);
        r.scaled_add(-a, &hv);
        // Value of the quadratic model at p; stop when the last step improved it little
        // relative to the average so far (Nash & Sofer's truncation test).
        let gtp = g.dot(&p);
        let q = 0.5 * (gtp - r.dot(&p));
        if (k as f64 + 1.0) * (1.0 - q_old / q) <= 0.5 {
            break;
        }
        if gtp > 0.0 {
            p.scaled_add(-a, &v);
            break;
        }
        q_old = q;
        rz_old = rz;
    }
    p
}
