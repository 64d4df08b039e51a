//! TNC, truncated Newton with bounds (Nash 1984, "Newton-type minimization via the Lanczos
//! method"; Nash's TNBC as packaged in SciPy's `_minimize_tnc`).
//!
//! Each iteration solves the Newton equations `H p = −g` on the free variables approximately
//! by preconditioned conjugate gradients, where `H v` is a difference of gradients
//! `(∇f(x + δv) − ∇f(x))/δ`; CG stops when the quadratic model stops improving (Nash's test),
//! on negative curvature, or after `maxCGit` products. The preconditioner is a limited-memory
//! BFGS matrix on a diagonal Hessian estimate learned from the CG products. A line search
//! (Moré–Thuente, sufficient decrease `1e-4`, curvature `eta`) along `p` is limited to the
//! box; a variable that reaches a bound joins the active set and a bound is released when its
//! multiplier estimate (the sign of the gradient) says so, following Gill, Murray & Wright.
//! The work is done in TNC's scaled variables `(x − offset)/scale` with `f` rescaled when the
//! gradient norm is far from 1, so the stopping tests (`gtol` on the projected scaled
//! gradient, `xtol` on the scaled step, `ftol` on the change of `f`) mean what SciPy's do.

mod direction;
mod search;

use sci_core::ndarray::{Array1, ArrayView1};
use sci_core::{Error, Result, validate};

use super::objective::Objective;
use super::{MSG_CALLBACK, MinimizeOptions, OptimizeResult, grad_source};
use direction::{Preconditioner, newton_direction};
use search::{LineOutcome, line_search};

const RC_STRINGS: [&str; 8] = [
    "Local minimum reached (|pg| ~= 0)",
    "Converged (|f_n-f_(n-1)| ~= 0)",
    "Converged (|x_n-x_(n-1)| ~= 0)",
    "Max. number of function evaluations reached",
    "Linear search failed",
    "All lower bounds are equal to the upper bounds",
    "Unable to progress",
    "User requested end of minimization",
];
const MSG_FIXED: &str = "All independent variables were fixed by bounds.";

/// Where each variable stands: free, held at a bound, or constant (zero scale).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Pivot {
    Free,
    Lower,
    Upper,
    Constant,
}

/// The scaled problem: variables `xs = (x − offset)/scale`, `fs = f·fscale`,
/// `gs = ∇f ⊙ scale · fscale`, with evaluation counting.
pub(super) struct Scaled<'o, 'a, F> {
    pub obj: Objective<'a, &'o F>,
    pub scale: Array1<f64>,
    pub offset: Array1<f64>,
    pub lb: Array1<f64>,
    pub ub: Array1<f64>,
    pub fscale: f64,
    /// TNC's evaluation count (each gradient evaluation is one), compared with `maxfun`.
    pub evals: usize,
    pub maxfun: usize,
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> Scaled<'_, '_, F> {
    /// The unscaled point, moved into the bounds.
    pub fn unscale(&self, xs: &Array1<f64>) -> Array1<f64> {
        Array1::from_shape_fn(xs.len(), |i| {
            (xs[i] * self.scale[i] + self.offset[i]).clamp(self.lb[i], self.ub[i])
        })
    }

    /// The scaled gradient at the scaled point (one evaluation).
    pub fn grad(&mut self, xs: &Array1<f64>) -> Array1<f64> {
        let x = self.unscale(xs);
        self.evals += 1;
        let g = self.obj.grad(x.view());
        self.scale_grad(&g)
    }

    /// `f` and the gradient, both scaled, at the scaled point (one evaluation).
    pub fn fun_grad(&mut self, xs: &Array1<f64>) -> (f64, Array1<f64>) {
        let x = self.unscale(xs);
        self.evals += 1;
        let f = self.obj.fun(x.view());
        let g = self.obj.grad(x.view());
        (f * self.fscale, self.scale_grad(&g))
    }

    /// Constant variables (zero scale) get 0 even where their gradient is NaN (a forward
    /// difference with a zero step between equal bounds).
    fn scale_grad(&self, g: &Array1<f64>) -> Array1<f64> {
        Array1::from_shape_fn(g.len(), |i| {
            if self.scale[i] == 0.0 { 0.0 } else { g[i] * self.scale[i] * self.fscale }
        })
    }

    /// Whether unscaled `x` lies in the bounds.
    pub fn inside(&self, xs: &Array1<f64>) -> bool {
        (0..xs.len()).all(|i| {
            let x = xs[i] * self.scale[i] + self.offset[i];
            x >= self.lb[i] && x <= self.ub[i]
        })
    }
}

/// Zeroes the components that are not free.
pub(super) fn project(v: &mut Array1<f64>, pivot: &[Pivot]) {
    for (vi, p) in v.iter_mut().zip(pivot) {
        if *p != Pivot::Free {
            *vi = 0.0;
        }
    }
}

pub(super) fn norm(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

/// Tolerance for "at the bound" (TNC's `10·eps·(|bound| + 1)`).
fn at_bound_tol(b: f64) -> f64 {
    10.0 * f64::EPSILON * (b.abs() + 1.0)
}

/// Largest step along `p` (scaled) that keeps the free variables inside the bounds, at most
/// `step`.
fn step_to_bounds<F>(
    s: &Scaled<'_, '_, F>,
    xs: &Array1<f64>,
    p: &Array1<f64>,
    pivot: &[Pivot],
    step: f64,
) -> f64 {
    let mut step = step;
    for i in 0..xs.len() {
        if pivot[i] != Pivot::Free || p[i] == 0.0 {
            continue;
        }
        let bound = if p[i] < 0.0 { s.lb[i] } else { s.ub[i] };
        if bound.is_finite() {
            let room = (bound - s.offset[i]) / s.scale[i] - xs[i];
            if room / p[i] < step {
                step = (room / p[i]).max(0.0);
            }
        }
    }
    step
}

/// Puts the free variables that reached a bound along `p` into the active set (snapping them
/// onto it); true if any did.
fn add_constraints<F>(
    s: &Scaled<'_, '_, F>,
    xs: &mut Array1<f64>,
    p: &Array1<f64>,
    pivot: &mut [Pivot],
) -> bool {
    let mut added = false;
    for i in 0..xs.len() {
        if pivot[i] != Pivot::Free || p[i] == 0.0 {
            continue;
        }
        let x = xs[i] * s.scale[i] + s.offset[i];
        if p[i] < 0.0 && s.lb[i].is_finite() && x - s.lb[i] <= at_bound_tol(s.lb[i]) {
            pivot[i] = Pivot::Lower;
            xs[i] = (s.lb[i] - s.offset[i]) / s.scale[i];
            added = true;
        } else if p[i] > 0.0 && s.ub[i].is_finite() && s.ub[i] - x <= at_bound_tol(s.ub[i]) {
            pivot[i] = Pivot::Upper;
            xs[i] = (s.ub[i] - s.offset[i]) / s.scale[i];
            added = true;
        }
    }
    added
}

/// Multiplier estimate of an active bound: negative when moving off the bound decreases `f`.
fn multiplier(p: Pivot, g: f64) -> f64 {
    match p {
        Pivot::Lower => g,
        Pivot::Upper => -g,
        _ => 0.0,
    }
}

/// Releases the active bound with the most negative multiplier estimate, unless the
/// iterations since the last change of the active set still make good progress (the
/// decrease since then is at most half the current directional derivative) and the
/// projected gradient is not yet small (Gill, Murray & Wright 1981, §5.5).
fn release_constraint(
    progress: f64,
    gtp: f64,
    pgnorm: f64,
    pgtol: f64,
    g: &Array1<f64>,
    pivot: &mut [Pivot],
) -> bool {
    if progress <= -0.5 * gtp && pgnorm > pgtol {
        return false;
    }
    let mut pick = None;
    let mut most = 0.0;
    for i in 0..g.len() {
        let m = multiplier(pivot[i], g[i]);
        if m < most {
            most = m;
            pick = Some(i);
        }
    }
    match pick {
        Some(i) => {
            pivot[i] = Pivot::Free;
            true
        }
        None => false,
    }
}

/// Options resolved to TNC's defaults.
struct Settings {
    maxcgit: usize,
    maxfun: usize,
    eta: f64,
    stepmx: f64,
    accuracy: f64,
    fmin: f64,
    ftol: f64,
    xtol: f64,
    pgtol: f64,
    rescale: f64,
}

fn settings(o: &MinimizeOptions<'_>, n: usize) -> Result<Settings> {
    let eps = f64::EPSILON;
    for (name, v) in
        [("stepmx", o.stepmx), ("accuracy", o.accuracy), ("rescale", o.rescale), ("minfev", o.minfev)]
    {
        if let Some(v) = v
            && v.is_nan()
        {
            return Err(Error::invalid_argument(name, "must not be NaN"));
        }
    }
    let accuracy = o.accuracy.filter(|&a| a > eps).unwrap_or(eps.sqrt());
    Ok(Settings {
        maxcgit: o.maxcgit.unwrap_or((n / 2).clamp(1, 50)).min(n),
        maxfun: o.maxfun.unwrap_or((10 * n).max(100)),
        eta: o.eta.filter(|&e| (0.0..1.0).contains(&e)).unwrap_or(0.25),
        stepmx: o.stepmx.filter(|&s| s >= 10.0 * eps.sqrt()).unwrap_or(10.0),
        accuracy,
        fmin: o.minfev.unwrap_or(0.0),
        ftol: o.ftol.or(o.tol).unwrap_or(accuracy),
        xtol: o.xtol.or(o.tol).unwrap_or(eps.sqrt()),
        pgtol: o.gtol.or(o.tol).unwrap_or(1e-2 * accuracy.sqrt()),
        rescale: o.rescale.filter(|&r| r >= 0.0).unwrap_or(1.3),
    })
}

/// `scale`/`offset` for each variable (TNC's rules), and bounds pinned for zero scales.
fn scaling(
    o: &MinimizeOptions<'_>,
    x0: &Array1<f64>,
    lb: &mut Array1<f64>,
    ub: &mut Array1<f64>,
) -> Result<(Array1<f64>, Array1<f64>)> {
    let n = x0.len();
    for (name, v) in [("scale", &o.scale), ("offset", &o.offset)] {
        if let Some(v) = v {
            validate::check_same_len("x0", n, name, v.len())?;
            validate::check_finite(name, v)?;
        }
    }
    let mut scale = Array1::zeros(n);
    let mut offset = Array1::zeros(n);
    for i in 0..n {
        if let Some(sc) = &o.scale {
            scale[i] = sc[i].abs();
            offset[i] = x0[i];
            if scale[i] == 0.0 {
                lb[i] = x0[i];
                ub[i] = x0[i];
            }
        } else if lb[i].is_finite() && ub[i].is_finite() {
            scale[i] = ub[i] - lb[i];
            offset[i] = 0.5 * (ub[i] + lb[i]);
        } else {
            scale[i] = 1.0 + x0[i].abs();
            offset[i] = x0[i];
        }
        if let Some(off) = &o.offset {
            offset[i] = off[i];
        }
    }
    Ok((scale, offset))
}

fn result(
    x: Array1<f64>,
    f: f64,
    g: Option<Array1<f64>>,
    nit: usize,
    nfev: usize,
    njev: usize,
    status: i32,
) -> OptimizeResult {
    let message = match status {
        99 => MSG_CALLBACK.to_string(),
        s => RC_STRINGS.get(s as usize).copied().unwrap_or("TNC stopped").to_string(),
    };
    OptimizeResult {
        x,
        fun: f,
        jac: g,
        hess_inv: None,
        nit,
        nfev,
        njev,
        nhev: 0,
        status,
        success: (0..3).contains(&status),
        message,
        final_simplex: None,
        maxcv: None,
    }
}

pub(crate) fn tnc<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let (mut lb, mut ub) = match &o.bounds {
        Some(b) => (b.lb.clone(), b.ub.clone()),
        None => (Array1::from_elem(n, f64::NEG_INFINITY), Array1::from_elem(n, f64::INFINITY)),
    };
    let cfg = settings(o, n)?;
    if (0..n).all(|i| lb[i] == ub[i]) {
        // SciPy's `minimize` answers this case without running TNC.
        let f = fun(lb.view());
        let mut r = result(lb, f, None, 0, 1, 0, 0);
        r.message = MSG_FIXED.into();
        return Ok(r);
    }
    let (scale, offset) = scaling(o, &x0, &mut lb, &mut ub)?;
    let (lbv, ubv) = (lb.to_vec(), ub.to_vec());
    let obj = Objective::new(fun, grad_source(o, 1e-8), &x0, Some((&lbv, &ubv)));
    let mut s = Scaled { obj, scale, offset, lb, ub, fscale: 1.0, evals: 0, maxfun: cfg.maxfun };
    let mut xs =
        Array1::from_shape_fn(n, |i| if s.scale[i] > 0.0 { (x0[i] - s.offset[i]) / s.scale[i] } else { 0.0 });
    let (mut f, mut g) = s.fun_grad(&xs);
    s.obj.check_grad()?;
    let (status, nit) = minimize_scaled(&mut s, &mut xs, &mut f, &mut g, &cfg, o)?;
    // Report f and the gradient at the returned point, as SciPy re-evaluates them there.
    let x = s.unscale(&xs);
    let fx = s.obj.fun(x.view());
    let gx = s.obj.grad(x.view());
    s.obj.check_grad()?;
    Ok(result(x, fx, Some(gx), nit, s.obj.nfev, s.obj.ngev, status))
}

/// The main loop in scaled variables; returns the status and the iteration count.
fn minimize_scaled<F: Fn(ArrayView1<'_, f64>) -> f64>(
    s: &mut Scaled<'_, '_, F>,
    xs: &mut Array1<f64>,
    f: &mut f64,
    g: &mut Array1<f64>,
    cfg: &Settings,
    o: &MinimizeOptions<'_>,
) -> Result<(i32, usize)> {
    let n = xs.len();
    if !f.is_finite() || !g.iter().all(|v| v.is_finite()) {
        return Ok((4, 0));
    }
    let mut pivot: Vec<Pivot> = (0..n)
        .map(|i| {
            let x = xs[i] * s.scale[i] + s.offset[i];
            if s.scale[i] == 0.0 {
                Pivot::Constant
            } else if s.lb[i].is_finite() && x - s.lb[i] <= at_bound_tol(s.lb[i]) && g[i] >= 0.0 {
                Pivot::Lower
            } else if s.ub[i].is_finite() && s.ub[i] - x <= at_bound_tol(s.ub[i]) && g[i] <= 0.0 {
                Pivot::Upper
            } else {
                Pivot::Free
            }
        })
        .collect();
    project(g, &pivot);
    let mut pgnorm = norm(g);
    let mut f_last_con = *f;
    let mut stepmx = cfg.stepmx;
    let mut pre = Preconditioner::new(n);
    let mut nit = 0usize;
    loop {
        if pgnorm <= cfg.pgtol * s.fscale {
            return Ok((0, nit));
        }
        if s.evals >= cfg.maxfun {
            return Ok((3, nit));
        }
        // Rescale f when the gradient norm is far from 1.
        if pgnorm > f64::EPSILON && pgnorm.log10().abs() > cfg.rescale {
            let k = 1.0 / pgnorm;
            *f *= k;
            s.fscale *= k;
            f_last_con *= k;
            g.mapv_inplace(|v| v * k);
            pre.rescale(k);
        }
        let evals_before = s.evals;
        let p = newton_direction(s, xs, g, &pivot, &mut pre, cfg.maxcgit, cfg.accuracy);
        let (f_old, g_old) = (*f, g.clone());
        let gtp = p.dot(g);
        let pnorm = norm(&p);
        let unconstrained_max = stepmx / (pnorm + f64::EPSILON);
        let spe = step_to_bounds(s, xs, &p, &pivot, unconstrained_max);
        let mut alpha = 0.0;
        let new_constraint;
        if spe > 0.0 && gtp < 0.0 {
            let d = (*f - cfg.fmin * s.fscale).abs();
            let mut a0 = 1.0;
            if 2.0 * d <= -gtp && d >= f64::EPSILON {
                a0 = -2.0 * d / gtp;
            }
            match line_search(s, xs, *f, gtp, &p, a0.min(spe), spe, cfg.eta) {
                LineOutcome::Moved { alpha: a, f: fa, g: ga } => {
                    alpha = a;
                    xs.scaled_add(a, &p);
                    *f = fa;
                    *g = ga;
                }
                LineOutcome::Failed { maxfun } => return Ok((if maxfun { 3 } else { 4 }, nit)),
            }
            if alpha >= 0.9 * unconstrained_max {
                stepmx *= 100.0;
            }
            new_constraint = alpha >= spe - 10.0 * f64::EPSILON;
        } else if gtp >= 0.0 && spe > 0.0 {
            // Not a descent direction (rounding at a stationary point).
            return Ok((4, nit));
        } else {
            new_constraint = true;
        }
        if new_constraint {
            if !add_constraints(s, xs, &p, &mut pivot) && s.evals == evals_before {
                return Ok((6, nit));
            }
            f_last_con = *f;
            pre.clear_pairs();
        }
        nit += 1;
        if let Some(cb) = o.callback
            && cb(s.unscale(xs).view(), *f / s.fscale)
        {
            return Ok((99, nit));
        }
        let mut pg = g.clone();
        project(&mut pg, &pivot);
        pgnorm = norm(&pg);
        let released = release_constraint(f_last_con - *f, gtp, pgnorm, cfg.pgtol * s.fscale, g, &mut pivot);
        if released {
            pg = g.clone();
            project(&mut pg, &pivot);
            pgnorm = norm(&pg);
            f_last_con = *f;
            pre.clear_pairs();
        }
        if !released && !new_constraint {
            if (f_old - *f).abs() <= cfg.ftol * s.fscale {
                return Ok((1, nit));
            }
            if alpha * pnorm <= cfg.xtol {
                return Ok((2, nit));
            }
            let mut y = &pg - &g_old;
            project(&mut y, &pivot);
            pre.push(&p * alpha, y);
        }
        *g = pg;
    }
}
