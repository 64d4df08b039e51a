//! BFGS, SciPy's `_minimize_bfgs`: dense inverse-Hessian updates along Wolfe steps.

use sci_core::Result;
use sci_core::ndarray::{Array1, Array2, ArrayView1};

use super::linesearch::{wolfe1, wolfe2};
use super::objective::{Line, Objective};
use super::*;

pub(crate) fn bfgs<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let maxiter = o.maxiter.unwrap_or(200 * n);
    let gtol = o.gtol.or(o.tol).unwrap_or(1e-5);
    let norm = o.norm.unwrap_or(f64::INFINITY);
    let xrtol = o.xrtol.unwrap_or(0.0);
    let (c1, c2) = (o.c1.unwrap_or(1e-4), o.c2.unwrap_or(0.9));
    check_c1_c2(c1, c2)?;
    let mut obj = Objective::new(fun, grad_source(o, f64::EPSILON.sqrt()), &x0, None);
    let mut xk = x0;
    let mut old_fval = obj.fun(xk.view());
    let mut gfk = obj.grad(xk.view());
    obj.check_grad()?;
    let mut hk = Array2::<f64>::eye(n);
    let mut old_old_fval = old_fval + gfk.dot(&gfk).sqrt() / 2.0;
    let mut k = 0;
    let mut warnflag = 0;
    let mut stopped = false;
    let mut gnorm = vecnorm(&gfk, norm);
    while gnorm > gtol && k < maxiter {
        let pk = -hk.dot(&gfk);
        let derphi0 = gfk.dot(&pk);
        let (step, gnew) = {
            let mut line = Line::new(&mut obj, &xk, &pk);
            let mut s =
                wolfe1(&mut line, old_fval, Some(old_old_fval), derphi0, c1, c2, 1e100, 1e-100, 1e-14);
            if s.is_none() {
                line.gval = None;
                s = wolfe2(&mut line, old_fval, Some(old_old_fval), derphi0, c1, c2, Some(1e100), None, 10);
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
        let sk = &pk * step.alpha;
        xk = &xk + &sk;
        let gfkp1 = match gnew {
            Some(g) => g,
            None => obj.grad(xk.view()),
        };
        let yk = &gfkp1 - &gfk;
        gfk = gfkp1;
        k += 1;
        if let Some(cb) = o.callback
            && cb(xk.view(), old_fval)
        {
            stopped = true;
            break;
        }
        gnorm = vecnorm(&gfk, norm);
        if gnorm <= gtol {
            break;
        }
        if step.alpha * pk.dot(&pk).sqrt() <= xrtol * (xrtol + xk.dot(&xk).sqrt()) {
            break;
        }
        if !old_fval.is_finite() {
            warnflag = 2;
            break;
        }
        let rhok_inv = yk.dot(&sk);
        let rhok = if rhok_inv == 0.0 { 1000.0 } else { 1.0 / rhok_inv };
        bfgs_update(&mut hk, &sk, &yk, rhok);
    }
    let fval = old_fval;
    let (status, msg) = if warnflag == 2 {
        (2, MSG_PR_LOSS)
    } else if k >= maxiter {
        (1, MSG_MAXITER)
    } else if gnorm.is_nan() || fval.is_nan() || xk.iter().any(|v| v.is_nan()) {
        (3, MSG_NAN)
    } else {
        (0, MSG_SUCCESS)
    };
    let (status, msg) = if stopped { (99, MSG_CALLBACK) } else { (status, msg) };
    obj.check_grad()?;
    Ok(OptimizeResult {
        x: xk,
        fun: fval,
        jac: Some(gfk),
        hess_inv: Some(hk),
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

/// `H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ`, expanded to `O(n²)` work for symmetric `H`.
pub(crate) fn bfgs_update(h: &mut Array2<f64>, s: &Array1<f64>, y: &Array1<f64>, rho: f64) {
    let v = h.dot(y);
    let yhy = y.dot(&v);
    let c = rho * rho * yhy + rho;
    let n = s.len();
    for i in 0..n {
        for j in 0..n {
            h[[i, j]] += -rho * (s[i] * v[j] + v[i] * s[j]) + c * s[i] * s[j];
        }
    }
}

pub(crate) fn check_c1_c2(c1: f64, c2: f64) -> Result<()> {
    if !(0.0 < c1 && c1 < c2 && c2 < 1.0) {
        return Err(sci_core::Error::invalid_argument(
            "c1, c2",
            "'c1' and 'c2' do not satisfy '0 < c1 < c2 < 1'",
        ));
    }
    Ok(())
}
