//! COBYLA, Constrained Optimization BY Linear Approximation (Powell 1994, "A direct search
//! optimization method that models the objective and constraint functions by linear
//! interpolation"), SciPy's `_minimize_cobyla`.
//!
//! The objective and each nonlinear constraint are modelled by the linear functions that
//! interpolate them on a simplex of `n + 1` points. Each iteration minimizes the objective
//! model subject to the linearized constraints inside a trust region (after first reducing
//! the largest linearized violation as far as the region allows), evaluates the step, and
//! puts it into the simplex in place of the vertex whose removal keeps the simplex best
//! shaped. Steps are judged by the merit function `f + μ·(largest violation)`, whose penalty
//! `μ` is raised whenever the model predicts no merit reduction. When steps stop
//! helping, a geometry step repairs a badly shaped simplex, or else the resolution `ρ` is
//! reduced; the run ends when `ρ` reaches `rhoend`.
//!
//! As in SciPy 1.17 (which runs PRIMA's modernized COBYLA), bounds and linear constraints are
//! linear rows with exact gradients, an equality is a pair of opposite inequalities, the
//! trust-region radius `Δ ≥ ρ` is updated from the agreement between predicted and actual
//! merit reductions, `ρ` is reduced by Powell's NEWUOA schedule, NaN/huge values are
//! moderated (extreme barrier), and the returned point is the best one evaluated, preferring
//! points whose violation is at most `catol`.
//!
//! Our own choices, where the iterates differ from SciPy's: the trust-region subproblem is
//! solved exactly (see `subproblem`), where Powell's TRSTLP stops where its active-set path
//! meets the sphere; an initial simplex step goes to `x₀ − ρeⱼ` when `x₀ + ρeⱼ` would leave
//! the bounds and the other would not; the linear models are rebuilt from the vertices each
//! iteration (an `O(n³)` LU) rather than updated; the returned point is chosen with the final
//! penalty added to PRIMA's rule (see `Filter::select`).

mod problem;
mod simplex;
mod subproblem;

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result};

use super::{MSG_CALLBACK, MinimizeOptions, OptimizeResult};
use problem::{Eval, FUNCMAX, Problem};
use simplex::{Model, Simplex, better};
use subproblem::trust_step;

const MSG_RHOEND: &str = "Return from COBYLA because the trust region radius reaches its lower bound.";
const MSG_TARGET: &str = "Return from COBYLA because the target function value is achieved.";
const MSG_MAXFUN: &str = "Return from COBYLA because the objective function has been evaluated MAXFUN times.";
const MSG_NAN_X: &str = "Return from COBYLA because NaN or Inf occurs in x.";
const MSG_NAN_F: &str = "Return from COBYLA because the objective function returns NaN/+Inf.";
const MSG_NAN_MODEL: &str = "Return from COBYLA because NaN or Inf occurs in the models.";
const MSG_ROUNDING: &str = "Return from COBYLA because rounding errors are becoming damaging.";
const MSG_INFEASIBLE: &str = "Did not converge to a solution satisfying the constraints. See `maxcv` for the magnitude of the violation.";
const MSG_FIXED: &str = "All independent variables were fixed by bounds.";

/// The reason a run ended (SciPy/PRIMA's `info` codes; 99 is the callback).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Exit {
    SmallRadius = 0,
    Target = 1,
    MaxFun = 3,
    DamagingRounding = 7,
    NanX = -1,
    NanF = -2,
    NanModel = -3,
    Callback = 99,
}

impl Exit {
    fn message(self) -> &'static str {
        match self {
            Exit::SmallRadius => MSG_RHOEND,
            Exit::Target => MSG_TARGET,
            Exit::MaxFun => MSG_MAXFUN,
            Exit::DamagingRounding => MSG_ROUNDING,
            Exit::NanX => MSG_NAN_X,
            Exit::NanF => MSG_NAN_F,
            Exit::NanModel => MSG_NAN_MODEL,
            Exit::Callback => MSG_CALLBACK,
        }
    }
}

/// The evaluated points that no other evaluated point beats in both objective and violation
/// (the returned point is chosen among them), at most `CAP` of them.
struct Filter {
    pts: Vec<(Array1<f64>, Eval)>,
}

const CAP: usize = 2000;
/// Weight of the violation beyond `catol` when choosing the returned point (PRIMA's `cweight`).
const CWEIGHT: f64 = 1e8;

impl Filter {
    fn add(&mut self, x: &Array1<f64>, e: &Eval) {
        if self.pts.iter().any(|(_, p)| p.f <= e.f && p.v <= e.v) {
            return;
        }
        self.pts.retain(|(_, p)| !(e.f <= p.f && e.v <= p.v));
        if self.pts.len() >= CAP {
            // Forget the point with the largest violation.
            if let Some(k) = (0..self.pts.len()).max_by(|&a, &b| self.pts[a].1.v.total_cmp(&self.pts[b].1.v))
            {
                self.pts.swap_remove(k);
            }
        }
        self.pts.push((x.clone(), e.clone()));
    }

    /// The point to return: among those whose violation beyond `catol` is at most twice the
    /// least such excess, the one minimizing `f + μ·v + CWEIGHT·excess` with the final
    /// penalty `μ` (ties: less excess, then lower `f`, then less violation). PRIMA uses
    /// `f + CWEIGHT·excess`; the `μ·v` term (an exact penalty once `μ` exceeds the
    /// multipliers) keeps points that are infeasible within `catol` from winning by the
    /// `O(catol)` decrease of `f` they buy, which along an equality would cost `O(√catol)` in
    /// `x`.
    fn select(&self, catol: f64, mu: f64) -> Option<&(Array1<f64>, Eval)> {
        let excess = |e: &Eval| (e.v - catol).max(0.0);
        let cmin = self.pts.iter().map(|(_, e)| excess(e)).fold(f64::INFINITY, f64::min);
        let cref = (2.0 * cmin).max(f64::EPSILON);
        let key = |e: &Eval| (e.f + mu * e.v + CWEIGHT * excess(e), excess(e), e.f, e.v);
        self.pts.iter().filter(|(_, e)| excess(e) <= cref).min_by(|(_, a), (_, b)| {
            let (ka, kb) = (key(a), key(b));
            ka.0.total_cmp(&kb.0)
                .then(ka.1.total_cmp(&kb.1))
                .then(ka.2.total_cmp(&kb.2))
                .then(ka.3.total_cmp(&kb.3))
        })
    }
}

/// Evaluations with the budget, the target and the filter.
struct Run<'p, 'a, F> {
    prob: Problem<'p, 'a, F>,
    filter: Filter,
    maxfun: usize,
    f_target: f64,
    catol: f64,
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> Run<'_, '_, F> {
    /// All constraint rows at `x` (linear ones first), in `c ≥ 0` form.
    fn values(&self, x: &Array1<f64>, e: &Eval) -> Array1<f64> {
        self.prob.linear_values(x).iter().chain(e.cn.iter()).copied().collect()
    }

    /// The linearized constraints at the best vertex `(xb, eb)`: gradients (exact for the
    /// linear rows, the models' for the others) and values.
    fn linearization(&self, model: &Model, xb: &Array1<f64>, eb: &Eval) -> (Array2<f64>, Array1<f64>) {
        let (ml, n) = self.prob.lin_a.dim();
        let a = Array2::from_shape_fn((ml + model.a_nl.nrows(), n), |(i, j)| {
            if i < ml { self.prob.lin_a[[i, j]] } else { model.a_nl[[i - ml, j]] }
        });
        (a, self.values(xb, eb))
    }

    /// `Err(exit)` when the run must stop instead (budget spent, target reached, bad `x`).
    fn eval(&mut self, x: &Array1<f64>) -> Result<std::result::Result<Eval, Exit>> {
        if !x.iter().all(|v| v.is_finite()) {
            return Ok(Err(Exit::NanX));
        }
        if self.prob.nfev >= self.maxfun {
            return Ok(Err(Exit::MaxFun));
        }
        let e = self.prob.eval(x)?;
        self.filter.add(x, &e);
        if e.f <= self.f_target && e.v <= self.catol {
            return Ok(Err(Exit::Target));
        }
        Ok(Ok(e))
    }
}

/// Powell's reduction of the resolution (NEWUOA, 2006), used by PRIMA's COBYLA.
fn reduce_rho(rho: f64, rhoend: f64) -> f64 {
    let ratio = rho / rhoend;
    if ratio > 250.0 {
        0.1 * rho
    } else if ratio <= 16.0 {
        rhoend
    } else {
        (rho * rhoend).sqrt()
    }
}

/// Largest predicted violation `max(0, −(cᵢ + aᵢ·d))`.
fn predicted_violation(a: &Array2<f64>, c: &Array1<f64>, d: &Array1<f64>) -> f64 {
    (a.dot(d) + c).iter().fold(0.0f64, |m, &v| m.max(-v))
}

/// What the next iteration does.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    /// A trust-region step.
    Trust,
    /// After an unproductive step: repair the geometry, or reduce `ρ`, or try again with the
    /// smaller radius.
    Decide,
}

pub(crate) fn cobyla<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let rhobeg = o.rhobeg.unwrap_or(1.0);
    if !(rhobeg > 0.0 && rhobeg.is_finite()) {
        return Err(Error::invalid_argument("rhobeg", format!("must be a finite number > 0, got {rhobeg}")));
    }
    let rhoend = o.tol.unwrap_or(1e-4);
    if !(rhoend > 0.0 && rhoend <= rhobeg) {
        return Err(Error::invalid_argument(
            "tol",
            format!(
                "COBYLA's final trust-region radius must satisfy 0 < tol <= rhobeg = {rhobeg}, got {rhoend}"
            ),
        ));
    }
    let maxfun = o.maxiter.or(o.maxfun).unwrap_or(1000);
    let catol = o.catol.unwrap_or(f64::EPSILON.sqrt());
    let f_target = o.f_target.unwrap_or(f64::NEG_INFINITY);
    let prob = Problem::new(fun, &x0, o);
    let n = prob.n();
    let mut run = Run { prob, filter: Filter { pts: Vec::new() }, maxfun, f_target, catol };
    let mut nit = 0usize;
    let mut mu = 0.0;
    let exit = if n == 0 {
        let x = run.prob.reduce(&x0);
        let _ = run.eval(&x)?;
        None
    } else {
        Some(iterate(&mut run, &x0, rhobeg, rhoend, o, &mut nit, &mut mu)?)
    };
    let Some((x, e)) = run.filter.select(catol, mu).cloned() else {
        // Only reachable with a zero evaluation budget.
        let x = run.prob.reduce(&x0);
        return Ok(result(
            run.prob.expand(&x),
            f64::NAN,
            0,
            0,
            Exit::MaxFun as i32,
            false,
            MSG_MAXFUN.into(),
            None,
        ));
    };
    let x_full = run.prob.expand(&x);
    let (status, mut success, mut message) = match exit {
        None => (0, true, MSG_FIXED.to_string()),
        Some(ex) => (ex as i32, matches!(ex, Exit::SmallRadius | Exit::Target), ex.message().to_string()),
    };
    let mut status = status;
    if e.f_raw.is_nan() || e.f_raw >= FUNCMAX {
        // Every point had a NaN/+∞ (or huge) objective: report it rather than the barrier value.
        status = Exit::NanF as i32;
        success = false;
        message = MSG_NAN_F.to_string();
    }
    if e.v > catol {
        success = false;
        message = MSG_INFEASIBLE.to_string();
    }
    Ok(result(x_full, e.f_raw, run.prob.nfev, nit, status, success, message, Some(e.v)))
}

#[allow(clippy::too_many_arguments)]
fn result(
    x: Array1<f64>,
    fun: f64,
    nfev: usize,
    nit: usize,
    status: i32,
    success: bool,
    message: String,
    maxcv: Option<f64>,
) -> OptimizeResult {
    OptimizeResult {
        x,
        fun,
        jac: None,
        hess_inv: None,
        nit,
        nfev,
        njev: 0,
        nhev: 0,
        status,
        success,
        message,
        final_simplex: None,
        maxcv,
    }
}

/// Builds the initial simplex: `x0` and `x_best + ρ eⱼ` for each `j` (`−ρ` when that stays
/// inside the bounds and `+ρ` does not), moving the base to each new point that is better.
fn initial_simplex<F: Fn(ArrayView1<'_, f64>) -> f64>(
    run: &mut Run<'_, '_, F>,
    x0: &Array1<f64>,
    rho: f64,
) -> Result<std::result::Result<Simplex, Exit>> {
    let x0r = run.prob.reduce(x0);
    let e0 = match run.eval(&x0r)? {
        Ok(e) => e,
        Err(ex) => return Ok(Err(ex)),
    };
    let n = x0r.len();
    let mut s = Simplex { x: vec![x0r], e: vec![e0], best: 0 };
    for j in 0..n {
        let mut x = s.x[s.best].clone();
        let (lo, hi) = run.prob.bounds_of(j);
        let step = if x[j] + rho > hi && x[j] - rho >= lo { -rho } else { rho };
        x[j] += step;
        let e = match run.eval(&x)? {
            Ok(e) => e,
            Err(ex) => return Ok(Err(ex)),
        };
        let better_now = better(&e, &s.e[s.best], 0.0);
        s.x.push(x);
        s.e.push(e);
        if better_now {
            s.best = s.x.len() - 1;
        }
    }
    Ok(Ok(s))
}

/// Powell's reduction of the penalty when `ρ` is reduced: `μ` need not exceed the ratio of the
/// spread of `f` over the simplex to the smallest spread of a constraint that is nearly
/// active or violated somewhere on it (and is zero if there is none).
fn reduced_penalty<F: Fn(ArrayView1<'_, f64>) -> f64>(mu: f64, s: &Simplex, run: &Run<'_, '_, F>) -> f64 {
    if mu <= 0.0 {
        return mu;
    }
    let vals: Vec<Array1<f64>> = s.x.iter().zip(&s.e).map(|(x, e)| run.values(x, e)).collect();
    let m = vals.first().map_or(0, |v| v.len());
    let mut denom = 0.0f64;
    for i in 0..m {
        let cmin = vals.iter().map(|v| v[i]).fold(f64::INFINITY, f64::min);
        let cmax = vals.iter().map(|v| v[i]).fold(f64::NEG_INFINITY, f64::max);
        if cmin < 0.5 * cmax {
            let t = cmax.max(0.0) - cmin;
            denom = if denom <= 0.0 { t } else { denom.min(t) };
        }
    }
    let fmin = s.e.iter().map(|e| e.f).fold(f64::INFINITY, f64::min);
    let fmax = s.e.iter().map(|e| e.f).fold(f64::NEG_INFINITY, f64::max);
    if denom == 0.0 {
        0.0
    } else if fmax - fmin < mu * denom {
        (fmax - fmin) / denom
    } else {
        mu
    }
}

/// The main loop; returns why it stopped.
fn iterate<F: Fn(ArrayView1<'_, f64>) -> f64>(
    run: &mut Run<'_, '_, F>,
    x0: &Array1<f64>,
    rhobeg: f64,
    rhoend: f64,
    o: &MinimizeOptions<'_>,
    nit: &mut usize,
    mu_out: &mut f64,
) -> Result<Exit> {
    let mut s = match initial_simplex(run, x0, rhobeg)? {
        Ok(s) => s,
        Err(ex) => return Ok(ex),
    };
    let (mut rho, mut delta, mut mu) = (rhobeg, rhobeg, 0.0f64);
    let mut next = Next::Trust;
    let mut last_dnorm = 0.0f64;
    let mut restarts = 0usize;
    // A short trust-region step not evaluated yet (it is tried when the run ends, as
    // Powell's and PRIMA's COBYLA do: it often removes the last small violation).
    let mut pending: Option<Array1<f64>> = None;
    loop {
        s.choose_best(mu);
        let Some(model) = s.model() else { return Ok(Exit::DamagingRounding) };
        if !model.finite() {
            return Ok(Exit::NanModel);
        }
        let xb = s.x[s.best].clone();
        let eb = s.e[s.best].clone();
        if next == Next::Decide {
            next = Next::Trust;
            if !model.adequate(delta) {
                // Geometry step: move one vertex to a well-placed point.
                let (k, step) = model.geometry_move(delta);
                let (a, c) = run.linearization(&model, &xb, &eb);
                // The sign with the lower predicted merit.
                let plus = model.g.dot(&step) + mu * predicted_violation(&a, &c, &step);
                let minus = -model.g.dot(&step) + mu * predicted_violation(&a, &c, &(-&step));
                let x = if minus < plus { &xb - &step } else { &xb + &step };
                pending = None;
                let e = match run.eval(&x)? {
                    Ok(e) => e,
                    Err(ex) => return Ok(ex),
                };
                s.replace(model.others[k], x, e);
                continue;
            }
            // (A step no longer than ρ failed; the bound allows for rounding in ‖d‖.)
            if delta <= rho && last_dnorm <= rho * (1.0 + 1e-10) {
                if rho <= rhoend {
                    if let Some(x) = pending.take()
                        && run.prob.nfev < run.maxfun
                        && let Err(Exit::Target) = run.eval(&x)?
                    {
                        return Ok(Exit::Target);
                    }
                    return Ok(Exit::SmallRadius);
                }
                let new_rho = reduce_rho(rho, rhoend);
                delta = (0.5 * rho).max(new_rho);
                rho = new_rho;
                mu = reduced_penalty(mu, &s, run);
                *mu_out = mu;
                continue;
            }
        }
        // Trust-region step.
        let (a, c) = run.linearization(&model, &xb, &eb);
        let d = trust_step(&model.g, &a, &(-&c), delta);
        let dnorm = d.dot(&d).sqrt();
        last_dnorm = dnorm;
        let bad;
        pending = None;
        if dnorm <= 0.1 * rho {
            // Too short to be worth an evaluation (until the end).
            if dnorm > 1e-3 * rhoend {
                pending = Some(&xb + &d);
            }
            delta *= 0.1;
            if delta <= 1.5 * rho {
                delta = rho;
            }
            bad = true;
        } else {
            let pred_f = -model.g.dot(&d);
            let pred_v = eb.v - predicted_violation(&a, &c, &d);
            if pred_v > 0.0 {
                let barmu = -pred_f / pred_v;
                if mu < 1.5 * barmu {
                    mu = 2.0 * barmu;
                    *mu_out = mu;
                    let old_best = s.best;
                    if s.choose_best(mu) {
                        if restarts <= xb.len() {
                            // The best vertex changed under the new penalty: start again
                            // from it (each vertex is best for one interval of μ at most).
                            restarts += 1;
                            continue;
                        }
                        s.best = old_best;
                    }
                }
            }
            restarts = 0;
            let mut prerem = pred_f + mu * pred_v;
            let x = &xb + &d;
            let e = match run.eval(&x)? {
                Ok(e) => e,
                Err(ex) => return Ok(ex),
            };
            let mut ared = (eb.f + mu * eb.v) - (e.f + mu * e.v);
            if mu == 0.0 && e.f == eb.f {
                prerem = pred_v;
                ared = eb.v - e.v;
            }
            let ratio = if prerem > 0.0 {
                ared / prerem
            } else if ared > 0.0 {
                1.0
            } else {
                -1.0
            };
            delta = if ratio <= 0.1 {
                0.5 * dnorm
            } else if ratio <= 0.7 {
                (0.5 * delta).max(dnorm)
            } else {
                (0.5 * delta).max(2.0 * dnorm)
            };
            if delta <= 1.5 * rho {
                delta = rho;
            }
            let drop = model.drop_for(&d, ared > 0.0, delta);
            if let Some(k) = drop {
                s.replace(model.others[k], x, e);
            }
            bad = ratio <= 0.0 || drop.is_none();
        }
        *nit += 1;
        if bad {
            next = Next::Decide;
        }
        if let Some(cb) = o.callback {
            s.choose_best(mu);
            let xf = run.prob.expand(&s.x[s.best]);
            if cb(xf.view(), s.e[s.best].f_raw) {
                return Ok(Exit::Callback);
            }
        }
    }
}
