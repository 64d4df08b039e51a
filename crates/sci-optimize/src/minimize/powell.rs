//! Powell's conjugate direction method, SciPy's `_minimize_powell` (Brent line searches,
//! bounded line searches when bounds are given).

use std::cell::Cell;

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result};

use super::*;
use crate::minimize_scalar::{bounded_min, brent_recovering};

struct Budget<'f, F> {
    f: &'f F,
    calls: Cell<usize>,
    max: usize,
    exhausted: Cell<bool>,
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> Budget<'_, F> {
    fn call(&self, x: &Array1<f64>) -> f64 {
        if self.calls.get() >= self.max {
            self.exhausted.set(true);
            return f64::NAN;
        }
        self.calls.set(self.calls.get() + 1);
        (self.f)(x.view())
    }
}

fn line_for_search(x0: &Array1<f64>, alpha: &Array1<f64>, lb: &Array1<f64>, ub: &Array1<f64>) -> (f64, f64) {
    let mut lmin = f64::NEG_INFINITY;
    let mut lmax = f64::INFINITY;
    let mut any = false;
    for i in 0..x0.len() {
        if alpha[i] == 0.0 {
            continue;
        }
        any = true;
        let low = (lb[i] - x0[i]) / alpha[i];
        let high = (ub[i] - x0[i]) / alpha[i];
        let (lo, hi) = if alpha[i] > 0.0 { (low, high) } else { (high, low) };
        lmin = lmin.max(lo);
        lmax = lmax.min(hi);
    }
    if !any {
        // np.max of an empty array raises in SciPy; only reached for a zero direction,
        // which the callers exclude.
        return (0.0, 0.0);
    }
    if lmax >= lmin { (lmin, lmax) } else { (0.0, 0.0) }
}

/// Returns `(fval, x_new, step)`.
fn linesearch_powell<F: Fn(ArrayView1<'_, f64>) -> f64>(
    b: &Budget<'_, F>,
    p: &Array1<f64>,
    xi: &Array1<f64>,
    tol: f64,
    bounds: Option<&Bounds>,
    fval: f64,
) -> (f64, Array1<f64>, Array1<f64>) {
    if xi.iter().all(|v| *v == 0.0) {
        return (fval, p.clone(), xi.clone());
    }
    let myfunc = |alpha: f64| b.call(&(p + &(xi * alpha)));
    let unbounded = |myfunc: &dyn Fn(f64) -> f64| {
        let (a, f) = brent_recovering(&myfunc, tol);
        let step = xi * a;
        (f, p + &step, step)
    };
    match bounds {
        None => unbounded(&myfunc),
        Some(bd) => {
            let (lo, hi) = line_for_search(p, xi, &bd.lb, &bd.ub);
            if lo == f64::NEG_INFINITY && hi == f64::INFINITY {
                unbounded(&myfunc)
            } else if lo.is_finite() && hi.is_finite() {
                let (a, f) = bounded_min(&myfunc, lo, hi, tol / 100.0);
                let step = xi * a;
                (f, p + &step, step)
            } else {
                let g = |t: f64| myfunc(t.tan());
                let (a, f) = bounded_min(&g, lo.atan(), hi.atan(), tol / 100.0);
                let step = xi * a.tan();
                (f, p + &step, step)
            }
        }
    }
}

pub(crate) fn powell<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let xtol = o.xtol.or(o.tol).unwrap_or(1e-4);
    let ftol = o.ftol.or(o.tol).unwrap_or(1e-4);
    let (maxiter, maxfun) = match (o.maxiter, o.maxfun) {
        (None, None) => (1000 * n, 1000 * n),
        (None, Some(f)) => (usize::MAX, f),
        (Some(i), None) => (i, usize::MAX),
        (Some(i), Some(f)) => (i, f),
    };
    let mut direc = match &o.direc {
        None => Array2::eye(n),
        Some(d) => {
            if d.dim() != (n, n) {
                return Err(Error::shape_mismatch(
                    "direc",
                    format!("{n}x{n}"),
                    format!("{}x{}", d.nrows(), d.ncols()),
                ));
            }
            sci_core::validate::check_finite("direc", d)?;
            d.clone()
        }
    };
    let bounds = o.bounds.as_ref();
    let b = Budget { f: fun, calls: Cell::new(0), max: maxfun, exhausted: Cell::new(false) };
    let mut x = x0;
    let mut fval = b.call(&x);
    let mut x1 = x.clone();
    let mut iter = 0;
    let mut stopped = false;
    'outer: loop {
        if b.exhausted.get() {
            break;
        }
        let fx = fval;
        let mut bigind = 0;
        let mut delta = 0.0;
        for i in 0..n {
            let d = direc.row(i).to_owned();
            let fx2 = fval;
            let (fv, xn, _) = linesearch_powell(&b, &x, &d, xtol * 100.0, bounds, fval);
            if b.exhausted.get() {
                break 'outer;
            }
            fval = fv;
            x = xn;
            if fx2 - fval > delta {
                delta = fx2 - fval;
                bigind = i;
            }
        }
        iter += 1;
        if let Some(cb) = o.callback
            && cb(x.view(), fval)
        {
            stopped = true;
            break;
        }
        let bnd = ftol * (fx.abs() + fval.abs()) + 1e-20;
        if 2.0 * (fx - fval) <= bnd
            || b.calls.get() >= maxfun
            || iter >= maxiter
            || (fx.is_nan() && fval.is_nan())
        {
            break;
        }
        let direc1 = &x - &x1;
        x1 = x.clone();
        let lmax = match bounds {
            None => 1.0,
            Some(bd) => line_for_search(&x, &direc1, &bd.lb, &bd.ub).1,
        };
        let x2 = &x + &(&direc1 * lmax.min(1.0));
        let fx2 = b.call(&x2);
        if b.exhausted.get() {
            break;
        }
        if fx > fx2 {
            let mut t = 2.0 * (fx + fx2 - 2.0 * fval);
            let temp = fx - fval - delta;
            t *= temp * temp;
            let temp = fx - fx2;
            t -= delta * temp * temp;
            if t < 0.0 {
                let (fv, xn, d1) = linesearch_powell(&b, &x, &direc1, xtol * 100.0, bounds, fval);
                if b.exhausted.get() {
                    break;
                }
                fval = fv;
                x = xn;
                if d1.iter().any(|v| *v != 0.0) {
                    let last = direc.row(n - 1).to_owned();
                    direc.row_mut(bigind).assign(&last);
                    direc.row_mut(n - 1).assign(&d1);
                }
            }
        }
    }
    let calls = b.calls.get();
    let out_of_bounds = bounds.is_some_and(|bd| (0..n).any(|i| x[i] < bd.lb[i] || x[i] > bd.ub[i]));
    let (status, msg) = if stopped {
        (99, MSG_CALLBACK)
    } else if out_of_bounds {
        (4, "The result is outside of the provided bounds.")
    } else if calls >= maxfun {
        (1, MSG_MAXFEV)
    } else if iter >= maxiter {
        (2, MSG_MAXITER)
    } else if fval.is_nan() || x.iter().any(|v| v.is_nan()) {
        (3, MSG_NAN)
    } else {
        (0, MSG_SUCCESS)
    };
    Ok(OptimizeResult {
        x,
        fun: fval,
        jac: None,
        hess_inv: None,
        nit: iter,
        nfev: calls,
        njev: 0,
        nhev: 0,
        status,
        success: status == 0,
        message: msg.into(),
        final_simplex: None,
        maxcv: None,
    })
}
