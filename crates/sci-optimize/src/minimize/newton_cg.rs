//! Truncated Newton, SciPy's `_minimize_newtoncg`: the Newton system is solved inexactly by
//! conjugate gradients (stopping at `‖r‖₁ ≤ min(0.5, √‖g‖₁)·‖g‖₁`, or at negative
//! curvature), then a Wolfe line search along the result.

use sci_core::ndarray::{Array1, ArrayView1};
use sci_core::{Error, Result};

use super::linesearch::{wolfe1, wolfe2};
use super::objective::{GradSource, Line, Objective};
use super::*;

pub(crate) fn newton_cg<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let grad = match o.jac {
        Some(Jac::Callable(g)) => GradSource::Callable(g),
        Some(_) => grad_source(o, f64::EPSILON.sqrt()),
        None => return Err(Error::invalid_argument("jac", "Jacobian is required for Newton-CG method")),
    };
    let (c1, c2) = (o.c1.unwrap_or(1e-4), o.c2.unwrap_or(0.9));
    super::bfgs::check_c1_c2(c1, c2)?;
    let eps = o.eps.unwrap_or(f64::EPSILON.sqrt());
    let maxiter = o.maxiter.unwrap_or(200 * n);
    let cg_maxiter = 20 * n;
    let xtol = n as f64 * o.xtol.or(o.tol).unwrap_or(1e-5);
    let mut obj = Objective::new(fun, grad, &x0, None);
    let mut hcalls = 0usize;
    let mut xk = x0;
    let mut old_fval = obj.fun(xk.view());
    let mut old_old_fval: Option<f64> = None;
    let mut update_l1norm = f64::MAX;
    let mut k = 0usize;
    let mut gfk: Array1<f64> = Array1::zeros(n);
    let result = |xk: Array1<f64>, f: f64, g: Array1<f64>, k, nfev, njev, nhev, status: i32, msg: &str| {
        OptimizeResult {
            x: xk,
            fun: f,
            jac: Some(g),
            hess_inv: None,
            nit: k,
            nfev,
            njev,
            nhev,
            status,
            success: status == 0,
            message: msg.to_string(),
            final_simplex: None,
            maxcv: None,
        }
    };
    while update_l1norm > xtol {
        if k >= maxiter {
            let msg = format!("Warning: {MSG_MAXITER}");
            return Ok(result(xk, old_fval, gfk, k, obj.nfev, obj.ngev, hcalls, 1, &msg));
        }
        let g = obj.grad(xk.view());
        obj.check_grad()?;
        let b = -&g;
        let maggrad: f64 = b.iter().map(|v| v.abs()).sum();
        let eta = 0.5f64.min(maggrad.sqrt());
        let termcond = eta * maggrad;
        let mut xsupi = Array1::<f64>::zeros(n);
        let mut ri = -&b;
        let mut psupi = -&ri;
        let mut i = 0;
        let mut dri0 = ri.dot(&ri);
        let hmat = match o.hess {
            Some(h) => {
                hcalls += 1;
                let hm = h(xk.view());
                if hm.dim() != (n, n) {
                    return Err(Error::shape_mismatch(
                        "hess(x)",
                        format!("{n}x{n}"),
                        format!("{:?}", hm.dim()),
                    ));
                }
                Some(hm)
            }
            None => None,
        };
        let mut converged_cg = false;
        #[allow(clippy::explicit_counter_loop)]
        for _ in 0..cg_maxiter {
            if ri.iter().map(|v| v.abs()).sum::<f64>() <= termcond {
                converged_cg = true;
                break;
            }
            let ap: Array1<f64> = if let Some(hm) = &hmat {
                hm.dot(&psupi)
            } else if let Some(hp) = o.hessp {
                hcalls += 1;
                hp(xk.view(), psupi.view())
            } else {
                let f1 = obj.grad(xk.view());
                let xe = &xk + &(&psupi * eps);
                let f2 = obj.grad(xe.view());
                (&f2 - &f1) / eps
            };
            check_grad_len(&ap, n)?;
            let curv = psupi.dot(&ap);
            if (0.0..=3.0 * f64::EPSILON).contains(&curv) {
                converged_cg = true;
                break;
            } else if curv < 0.0 {
                if i == 0 {
                    xsupi = &b * (dri0 / (-curv));
                }
                converged_cg = true;
                break;
            }
            let alphai = dri0 / curv;
            xsupi.scaled_add(alphai, &psupi);
            ri.scaled_add(alphai, &ap);
            let dri1 = ri.dot(&ri);
            let betai = dri1 / dri0;
            psupi = -&ri + &(&psupi * betai);
            i += 1;
            dri0 = dri1;
        }
        if !converged_cg {
            return Ok(result(
                xk,
                old_fval,
                g,
                k,
                obj.nfev,
                obj.ngev,
                hcalls,
                3,
                "Warning: CG iterations didn't converge. The Hessian is not positive definite.",
            ));
        }
        let pk = xsupi;
        gfk = g;
        let derphi0 = gfk.dot(&pk);
        let step = {
            let mut line = Line::new(&mut obj, &xk, &pk);
            let mut s = wolfe1(&mut line, old_fval, old_old_fval, derphi0, c1, c2, 50.0, 1e-8, 1e-14);
            if s.is_none() {
                s = wolfe2(&mut line, old_fval, old_old_fval, derphi0, c1, c2, None, None, 10);
            }
            s
        };
        let Some(step) = step else {
            let msg = format!("Warning: {MSG_PR_LOSS}");
            return Ok(result(xk, old_fval, gfk, k, obj.nfev, obj.ngev, hcalls, 2, &msg));
        };
        old_old_fval = Some(old_fval);
        old_fval = step.phi;
        let update = &pk * step.alpha;
        xk += &update;
        k += 1;
        if let Some(cb) = o.callback
            && cb(xk.view(), old_fval)
        {
            return Ok(result(xk, old_fval, gfk, k, obj.nfev, obj.ngev, hcalls, 99, MSG_CALLBACK));
        }
        update_l1norm = update.iter().map(|v| v.abs()).sum();
    }
    if old_fval.is_nan() || update_l1norm.is_nan() {
        return Ok(result(xk, old_fval, gfk, k, obj.nfev, obj.ngev, hcalls, 3, MSG_NAN));
    }
    Ok(result(xk, old_fval, gfk, k, obj.nfev, obj.ngev, hcalls, 0, MSG_SUCCESS))
}
