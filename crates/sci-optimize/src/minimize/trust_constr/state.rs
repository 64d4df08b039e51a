//! The state of a trust-constr run (SciPy's `state` `OptimizeResult`) with the global
//! stopping rules, and the problem adapter of the equality-constrained SQP.

use sci_core::Result;
use sci_core::ndarray::{Array1, Array2, ArrayView1};

use super::super::Callback;
use super::constraints::Canonical;
use super::scalar::ScalarFn;
use super::sqp::{Progress, SqpProblem};

/// Stopping settings.
pub(crate) struct Limits<'a> {
    pub gtol: f64,
    pub xtol: f64,
    pub barrier_tol: f64,
    pub maxiter: usize,
    pub callback: Option<Callback<'a>>,
}

/// What SciPy keeps in `state`, refreshed at every stopping test.
pub(crate) struct State {
    pub nit: usize,
    pub x: Array1<f64>,
    pub fun: f64,
    pub grad: Array1<f64>,
    pub lagrangian_grad: Array1<f64>,
    pub optimality: f64,
    pub constr_violation: f64,
    pub v: Vec<Array1<f64>>,
    pub constr: Vec<Array1<f64>>,
    pub tr_radius: f64,
    pub constr_penalty: f64,
    pub cg_niter: usize,
    pub cg_stop_cond: i32,
    pub barrier_parameter: Option<f64>,
    pub barrier_tolerance: Option<f64>,
    /// 0 `maxiter`, 1 `gtol`, 2 `xtol`, 3 callback, 4 non-finite values (at `x0`, or
    /// around the point where the trust region collapsed).
    pub status: i32,
}

impl State {
    pub(crate) fn new(x0: &Array1<f64>, f0: f64, g0: &Array1<f64>) -> State {
        State {
            nit: 0,
            x: x0.clone(),
            fun: f0,
            grad: g0.clone(),
            lagrangian_grad: g0.clone(),
            optimality: f64::NAN,
            constr_violation: f64::NAN,
            v: Vec::new(),
            constr: Vec::new(),
            tr_radius: f64::NAN,
            constr_penalty: f64::NAN,
            cg_niter: 0,
            cg_stop_cond: 0,
            barrier_parameter: None,
            barrier_tolerance: None,
            status: 0,
        }
    }
}

/// Objective, constraints and state of one run.
pub(crate) struct Problem<'a, F> {
    pub obj: ScalarFn<'a, F>,
    pub canon: Canonical<'a>,
    pub state: State,
    pub limits: Limits<'a>,
}

fn norm_inf(v: &Array1<f64>) -> f64 {
    v.iter().fold(0.0f64, |m, x| if x.abs() > m || x.is_nan() { x.abs() } else { m })
}

impl<'a, F: Fn(ArrayView1<'_, f64>) -> f64> Problem<'a, F> {
    /// Records the values at the last accepted point `x` (values, gradient, multipliers,
    /// Lagrangian gradient and constraint violation of the *original* constraints).
    pub(crate) fn snapshot(&mut self, x: &Array1<f64>) -> Result<()> {
        let st = &mut self.state;
        st.x = x.clone();
        st.fun = self.obj.fun(x)?;
        st.grad = self.obj.grad(x)?;
        let mut lg = st.grad.clone();
        let mut cv = 0.0f64;
        st.v.clear();
        st.constr.clear();
        for c in &self.canon.cons {
            let vals = c.last_values(x);
            c.add_jt_v(x, &mut lg);
            for i in 0..vals.len() {
                cv = cv.max(c.lb[i] - vals[i]).max(vals[i] - c.ub[i]);
            }
            st.v.push(c.v.clone());
            st.constr.push(vals);
        }
        st.optimality = norm_inf(&lg);
        st.lagrangian_grad = lg;
        st.constr_violation = cv;
        Ok(())
    }

    /// SciPy's `update_state_*` followed by its `stop_criteria`; `barrier` is
    /// `(barrier_parameter, barrier_tolerance)` for the interior-point method.
    pub(crate) fn global_stop(
        &mut self,
        x: &Array1<f64>,
        p: &Progress<'_>,
        barrier: Option<(f64, f64)>,
    ) -> Result<bool> {
        self.state.nit += 1;
        if !p.last_iteration_failed {
            self.snapshot(x)?;
        }
        let st = &mut self.state;
        st.tr_radius = p.tr_radius;
        st.constr_penalty = p.penalty;
        st.cg_niter += p.cg.niter;
        st.cg_stop_cond = p.cg.stop_cond;
        if let Some((mu, tol)) = barrier {
            st.barrier_parameter = Some(mu);
            st.barrier_tolerance = Some(tol);
        }
        if let Some(cb) = self.limits.callback
            && cb(st.x.view(), st.fun)
        {
            st.status = 3;
            return Ok(true);
        }
        let small_radius = st.tr_radius < self.limits.xtol;
        let status = if st.optimality < self.limits.gtol && st.constr_violation < self.limits.gtol {
            Some(1)
        } else if match barrier {
            None => small_radius,
            Some((mu, _)) => small_radius && mu < self.limits.barrier_tol,
        } {
            Some(2)
        } else if st.nit >= self.limits.maxiter {
            Some(0)
        } else {
            None
        };
        // A region that collapsed around points where the functions are undefined is not
        // convergence.
        let status = if status == Some(2) && p.trial_undefined { Some(4) } else { status };
        if let Some(s) = status {
            st.status = s;
        }
        Ok(status.is_some())
    }

    /// The Lagrangian Hessian product in `x`: objective plus constraint approximations.
    pub(crate) fn lagrangian_hess_dot(&self, p: &Array1<f64>) -> Result<Array1<f64>> {
        Ok(&self.obj.hess_dot(p)? + &self.canon.hess_dot(p))
    }
}

/// `min f(x)` subject to `c_eq(x) = 0`: the SQP works on `x` itself.
pub(crate) struct EqualityProblem<'p, 'a, F> {
    pub p: &'p mut Problem<'a, F>,
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> SqpProblem for EqualityProblem<'_, '_, F> {
    fn fun_and_constr(&mut self, z: &Array1<f64>) -> Result<(f64, Array1<f64>)> {
        let f = self.p.obj.fun(z)?;
        let (ce, _) = self.p.canon.fun(z)?;
        Ok((f, ce))
    }

    fn grad_and_jac(&mut self, z: &Array1<f64>) -> Result<(Array1<f64>, Array2<f64>)> {
        let g = self.p.obj.grad(z)?;
        let (je, _) = self.p.canon.jac(z)?;
        Ok((g, je))
    }

    fn lagr_hess(&mut self, z: &Array1<f64>, v: &Array1<f64>) -> Result<()> {
        self.p.obj.prepare_hess(z)?;
        self.p.canon.set_hess(z, v, &Array1::zeros(0))
    }

    fn hess_dot(&self, p: &Array1<f64>) -> Result<Array1<f64>> {
        self.p.lagrangian_hess_dot(p)
    }

    fn scaling(&self, _z: &Array1<f64>) -> Option<Array1<f64>> {
        None
    }

    fn stop(&mut self, progress: &Progress<'_>) -> Result<bool> {
        self.p.global_stop(progress.z, progress, None)
    }
}
