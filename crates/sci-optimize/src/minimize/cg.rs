//! Nonlinear conjugate gradients, SciPy's `_minimize_cg`: Polak–Ribière–Powell directions
//! (`β = max(0, (g₊ − g)·g₊ / g·g)`) along Wolfe steps that also keep a sufficient descent
//! direction (σ₃ = 0.01).

use sci_core::Result;
use sci_core::ndarray::{Array1, ArrayView1};

use super::bfgs::check_c1_c2;
use super::linesearch::{wolfe1, wolfe2};
use super::objective::{Line, Objective};
use super::*;

struct Step {
    alpha: f64,
    x: Array1<f64>,
    p: Array1<f64>,
    g: Array1<f64>,
    gnorm: f64,
}

pub(crate) fn cg<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let maxiter = o.maxiter.unwrap_or(200 * n);
    let gtol = o.gtol.or(o.tol).unwrap_or(1e-5);
    let norm = o.norm.unwrap_or(f64::INFINITY);
    let (c1, c2) = (o.c1.unwrap_or(1e-4), o.c2.unwrap_or(0.4));
    check_c1_c2(c1, c2)?;
    let sigma3 = 0.01;
    let mut obj = Objective::new(fun, grad_source(o, f64::EPSILON.sqrt()), &x0, None);
    let mut xk = x0;
    let mut old_fval = obj.fun(xk.view());
    let mut gfk = obj.grad(xk.view());
    obj.check_grad()?;
    let mut old_old_fval = old_fval + gfk.dot(&gfk).sqrt() / 2.0;
    let mut pk = -&gfk;
    let mut gnorm = vecnorm(&gfk, norm);
    let mut k = 0;
    let mut warnflag = 0;
    let mut stopped = false;
    while gnorm > gtol && k < maxiter {
        let deltak = gfk.dot(&gfk);
        let prp =
            |alpha: f64, g1: &Array1<f64>, xk: &Array1<f64>, pk: &Array1<f64>, gfk: &Array1<f64>| -> Step {
                let x = xk + &(pk * alpha);
                let yk = g1 - gfk;
                let beta = 0f64.max(yk.dot(g1) / deltak);
                let p = -g1 + &(pk * beta);
                Step { alpha, x, p, g: g1.clone(), gnorm: vecnorm(g1, norm) }
            };
        let mut cached: Option<Step> = None;
        let derphi0 = gfk.dot(&pk);
        let (step, gnew) = {
            let (xr, pr, gr) = (&xk, &pk, &gfk);
            let mut descent = |alpha: f64, g1: &Array1<f64>| -> bool {
                let s = prp(alpha, g1, xr, pr, gr);
                let ok = s.gnorm <= gtol || s.p.dot(&s.g) <= -sigma3 * s.g.dot(&s.g);
                cached = Some(s);
                ok
            };
            let mut line = Line::new(&mut obj, &xk, &pk);
            let mut s =
                wolfe1(&mut line, old_fval, Some(old_old_fval), derphi0, c1, c2, 1e100, 1e-100, 1e-14);
            if let Some(st) = s {
                let ok = match line.gval.as_ref() {
                    Some(g) => descent(st.alpha, g),
                    None => false,
                };
                if !ok {
                    s = None;
                }
            }
            if s.is_none() {
                line.gval = None;
                s = wolfe2(
                    &mut line,
                    old_fval,
                    Some(old_old_fval),
                    derphi0,
                    c1,
                    c2,
                    Some(1e100),
                    Some(&mut descent),
                    10,
                );
            }
            match s {
                Some(s) => {
                    let g = if s.derphi_at_alpha { line.gval.take() } else { None };
                    (Some(s), g)
                }
                None => (None, None),
            }
        };
        let Some(step) = step else {
            warnflag = 2;
            break;
        };
        old_old_fval = old_fval;
        old_fval = step.phi;
        let next = match cached {
            Some(c) if c.alpha == step.alpha => c,
            _ => {
                let g1 = match gnew {
                    Some(g) => g,
                    None => obj.grad((&xk + &(&pk * step.alpha)).view()),
                };
                prp(step.alpha, &g1, &xk, &pk, &gfk)
            }
        };
        xk = next.x;
        pk = next.p;
        gfk = next.g;
        gnorm = next.gnorm;
        k += 1;
        if let Some(cb) = o.callback
            && cb(xk.view(), old_fval)
        {
            stopped = true;
            break;
        }
    }
    let fval = old_fval;
    let (status, msg) = if stopped {
        (99, MSG_CALLBACK)
    } else if warnflag == 2 {
        (2, MSG_PR_LOSS)
    } else if k >= maxiter {
        (1, MSG_MAXITER)
    } else if gnorm.is_nan() || fval.is_nan() || xk.iter().any(|v| v.is_nan()) {
        (3, MSG_NAN)
    } else {
        (0, MSG_SUCCESS)
    };
    obj.check_grad()?;
    Ok(OptimizeResult {
        x: xk,
        fun: fval,
        jac: Some(gfk),
        hess_inv: None,
        nit: k,
        nfev: obj.nfev,
        njev: obj.ngev,
        nhev: 0,
        status,
        success: status == 0,
        message: msg.into(),
        final_simplex: None,
        maxcv: None,
    })
}
