//! The trust-region interior-point method for inequality constraints (SciPy's
//! `tr_interior_point`; Byrd, Hribar & Nocedal 1999).
//!
//! With slacks `s > 0` the problem `min f(x)`, `c_eq(x) = 0`, `c_ineq(x) ≤ 0` becomes a
//! sequence of equality-constrained barrier problems
//! `min f(x) − μ Σ ln sᵢ` subject to `c_eq(x) = 0`, `c_ineq(x) + s = 0`,
//! each solved by the SQP in the scaled variables `(x, s/s_k)` (slack steps are bounded by
//! `s_k + d_s ≥ (1 − 0.995)s_k`, the fraction-to-the-boundary rule). The slack block of the
//! Lagrangian Hessian is `S Σ S` with `Σ = V S⁻¹` (primal-dual) where the multiplier is
//! positive and `μ S⁻²` (primal) elsewhere. After each subproblem `μ` and its tolerance shrink
//! by 0.2 and the radius restarts at `max(Δ₀, 5Δ)`.

use sci_core::Result;
use sci_core::ndarray::{Array1, Array2, ArrayView1, s};

use super::FactorizationMethod;
use super::sqp::{Progress, SqpProblem, SqpSettings, Start, equality_constrained_sqp};
use super::state::Problem;

const BOUNDARY_PARAMETER: f64 = 0.995;
const BARRIER_DECAY_RATIO: f64 = 0.2;
const TRUST_ENLARGEMENT: f64 = 5.0;

struct Barrier<'p, 'a, F> {
    p: &'p mut Problem<'a, F>,
    n: usize,
    n_eq: usize,
    mu: f64,
    tolerance: f64,
    xtol: f64,
    terminate: bool,
    /// `S Σ S` diagonal set by the last `lagr_hess`.
    shs: Array1<f64>,
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> Barrier<'_, '_, F> {
    fn barrier_value(&self, f: f64, slack: ArrayView1<'_, f64>) -> f64 {
        let sum_log: f64 = slack.iter().map(|&si| if si > 0.0 { si.ln() } else { f64::NEG_INFINITY }).sum();
        f - self.mu * sum_log
    }

    fn constraints(c_eq: &Array1<f64>, c_ineq: &Array1<f64>, slack: ArrayView1<'_, f64>) -> Array1<f64> {
        let mut out = Array1::zeros(c_eq.len() + c_ineq.len());
        out.slice_mut(s![..c_eq.len()]).assign(c_eq);
        out.slice_mut(s![c_eq.len()..]).assign(&(c_ineq + &slack));
        out
    }

    fn gradient(&self, g: &Array1<f64>) -> Array1<f64> {
        let n_ineq = self.shs.len();
        let mut out = Array1::from_elem(self.n + n_ineq, -self.mu);
        out.slice_mut(s![..self.n]).assign(g);
        out
    }

    /// `[[J_eq, 0], [J_ineq, diag(s)]]`.
    fn jacobian(&self, j_eq: &Array2<f64>, j_ineq: &Array2<f64>, slack: ArrayView1<'_, f64>) -> Array2<f64> {
        let (n, n_eq, n_ineq) = (self.n, self.n_eq, slack.len());
        let mut out = Array2::zeros((n_eq + n_ineq, n + n_ineq));
        out.slice_mut(s![..n_eq, ..n]).assign(j_eq);
        out.slice_mut(s![n_eq.., ..n]).assign(j_ineq);
        for i in 0..n_ineq {
            out[[n_eq + i, n + i]] = slack[i];
        }
        out
    }
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> SqpProblem for Barrier<'_, '_, F> {
    fn fun_and_constr(&mut self, z: &Array1<f64>) -> Result<(f64, Array1<f64>)> {
        let x = z.slice(s![..self.n]).to_owned();
        let slack = z.slice(s![self.n..]);
        let f = self.p.obj.fun(&x)?;
        let (c_eq, c_ineq) = self.p.canon.fun(&x)?;
        Ok((self.barrier_value(f, slack), Self::constraints(&c_eq, &c_ineq, slack)))
    }

    fn grad_and_jac(&mut self, z: &Array1<f64>) -> Result<(Array1<f64>, Array2<f64>)> {
        let x = z.slice(s![..self.n]).to_owned();
        let g = self.p.obj.grad(&x)?;
        let (j_eq, j_ineq) = self.p.canon.jac(&x)?;
        Ok((self.gradient(&g), self.jacobian(&j_eq, &j_ineq, z.slice(s![self.n..]))))
    }

    fn lagr_hess(&mut self, z: &Array1<f64>, v: &Array1<f64>) -> Result<()> {
        let x = z.slice(s![..self.n]).to_owned();
        let slack = z.slice(s![self.n..]);
        let v_eq = v.slice(s![..self.n_eq]).to_owned();
        let v_ineq = v.slice(s![self.n_eq..]).to_owned();
        self.p.obj.prepare_hess(&x)?;
        self.p.canon.set_hess(&x, &v_eq, &v_ineq)?;
        self.shs =
            Array1::from_shape_fn(
                slack.len(),
                |i| if v_ineq[i] > 0.0 { v_ineq[i] * slack[i] } else { self.mu },
            );
        Ok(())
    }

    fn hess_dot(&self, p: &Array1<f64>) -> Result<Array1<f64>> {
        let px = p.slice(s![..self.n]).to_owned();
        let hx = self.p.lagrangian_hess_dot(&px)?;
        let mut out = Array1::zeros(p.len());
        out.slice_mut(s![..self.n]).assign(&hx);
        out.slice_mut(s![self.n..]).assign(&(&self.shs * &p.slice(s![self.n..])));
        Ok(out)
    }

    fn scaling(&self, z: &Array1<f64>) -> Option<Array1<f64>> {
        let mut d = Array1::ones(z.len());
        d.slice_mut(s![self.n..]).assign(&z.slice(s![self.n..]));
        Some(d)
    }

    fn stop(&mut self, progress: &Progress<'_>) -> Result<bool> {
        let x = progress.z.slice(s![..self.n]).to_owned();
        if self.p.global_stop(&x, progress, Some((self.mu, self.tolerance)))? {
            self.terminate = true;
            return Ok(true);
        }
        let g_cond = progress.optimality < self.tolerance && progress.constr_violation < self.tolerance;
        Ok(g_cond || progress.tr_radius < self.xtol)
    }
}

/// Settings of the interior-point method.
pub(crate) struct IpSettings {
    pub initial_barrier_parameter: f64,
    pub initial_barrier_tolerance: f64,
    pub initial_penalty: f64,
    pub initial_radius: f64,
    pub factorization: FactorizationMethod,
}

/// Values of the original problem at `x0`.
pub(crate) struct IpStart {
    pub x0: Array1<f64>,
    pub f0: f64,
    pub g0: Array1<f64>,
    pub c_eq0: Array1<f64>,
    pub c_ineq0: Array1<f64>,
    pub j_eq0: Array2<f64>,
    pub j_ineq0: Array2<f64>,
}

/// Solves the barrier problems until the global stopping rules hold; returns the last `x`.
pub(crate) fn tr_interior_point<F: Fn(ArrayView1<'_, f64>) -> f64>(
    p: &mut Problem<'_, F>,
    start: IpStart,
    settings: &IpSettings,
) -> Result<Array1<f64>> {
    let n = start.x0.len();
    let n_eq = start.c_eq0.len();
    let n_ineq = start.c_ineq0.len();
    let xtol = p.limits.xtol;
    let s0 = start.c_ineq0.mapv(|c| (-1.5 * c).max(1.0));
    let mut radius = settings.initial_radius;
    let mut z = Array1::zeros(n + n_ineq);
    z.slice_mut(s![..n]).assign(&start.x0);
    z.slice_mut(s![n..]).assign(&s0);
    let mut trust_lb = Array1::from_elem(n + n_ineq, f64::NEG_INFINITY);
    trust_lb.slice_mut(s![n..]).fill(-BOUNDARY_PARAMETER);
    let trust_ub = Array1::from_elem(n + n_ineq, f64::INFINITY);
    let mut sub = Barrier {
        p,
        n,
        n_eq,
        mu: settings.initial_barrier_parameter,
        tolerance: settings.initial_barrier_tolerance,
        xtol,
        terminate: false,
        shs: Array1::zeros(n_ineq),
    };
    let mut sqp_start = Start {
        f: sub.barrier_value(start.f0, s0.view()),
        grad: sub.gradient(&start.g0),
        constr: Barrier::<F>::constraints(&start.c_eq0, &start.c_ineq0, s0.view()),
        jac: sub.jacobian(&start.j_eq0, &start.j_ineq0, s0.view()),
        z,
    };
    loop {
        let sqp = SqpSettings {
            initial_penalty: settings.initial_penalty,
            initial_radius: radius,
            trust_lb: &trust_lb,
            trust_ub: &trust_ub,
            factorization: settings.factorization,
        };
        let (z_new, last_radius) = equality_constrained_sqp(&mut sub, sqp_start, &sqp)?;
        if sub.terminate {
            return Ok(z_new.slice(s![..n]).to_owned());
        }
        radius = settings.initial_radius.max(TRUST_ENLARGEMENT * last_radius);
        sub.mu *= BARRIER_DECAY_RATIO;
        sub.tolerance *= BARRIER_DECAY_RATIO;
        let (f, constr) = sub.fun_and_constr(&z_new)?;
        let (grad, jac) = sub.grad_and_jac(&z_new)?;
        sqp_start = Start { z: z_new, f, grad, constr, jac };
    }
}
