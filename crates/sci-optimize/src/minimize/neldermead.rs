//! Nelder–Mead downhill simplex, SciPy's `_minimize_neldermead` (including the adaptive
//! coefficients of Gao & Han 2012, SciPy's initial simplex rule, bounds by clipping and
//! reflection of the initial simplex).

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result};

use super::*;

struct Counted<'f, F> {
    f: &'f F,
    calls: usize,
    max: usize,
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> Counted<'_, F> {
    /// `None` when the evaluation budget is exhausted (SciPy's `_MaxFuncCallError`).
    fn call(&mut self, x: &Array1<f64>) -> Option<f64> {
        if self.calls >= self.max {
            return None;
        }
        self.calls += 1;
        Some((self.f)(x.view()))
    }
}

fn clip(x: &mut Array1<f64>, b: Option<&Bounds>) {
    if let Some(b) = b {
        b.clip(x);
    }
}

pub(crate) fn nelder_mead<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let xatol = o.xatol.or(o.tol).unwrap_or(1e-4);
    let fatol = o.fatol.or(o.tol).unwrap_or(1e-4);
    let (rho, chi, psi, sigma) = if o.adaptive {
        let dim = n as f64;
        (1.0, 1.0 + 2.0 / dim, 0.75 - 1.0 / (2.0 * dim), 1.0 - 1.0 / dim)
    } else {
        (1.0, 2.0, 0.5, 0.5)
    };
    let bounds = o.bounds.as_ref();
    let mut sim = match &o.initial_simplex {
        None => {
            let mut sim = Array2::zeros((n + 1, n));
            sim.row_mut(0).assign(&x0);
            for k in 0..n {
                let mut y = x0.clone();
                y[k] = if y[k] != 0.0 { (1.0 + 0.05) * y[k] } else { 0.00025 };
                sim.row_mut(k + 1).assign(&y);
            }
            sim
        }
        Some(s) => {
            if s.nrows() != s.ncols() + 1 {
                return Err(Error::shape_mismatch(
                    "initial_simplex",
                    "an array of shape (N+1, N)",
                    format!("{}x{}", s.nrows(), s.ncols()),
                ));
            }
            if s.ncols() != n {
                return Err(Error::shape_mismatch(
                    "initial_simplex",
                    format!("{} columns (the length of `x0`)", n),
                    format!("{} columns", s.ncols()),
                ));
            }
            sci_core::validate::check_finite("initial_simplex", s)?;
            s.clone()
        }
    };
    let (maxiter, maxfun) = match (o.maxiter, o.maxfun) {
        (None, None) => (200 * n, 200 * n),
        (None, Some(f)) => (usize::MAX, f),
        (Some(i), None) => (i, usize::MAX),
        (Some(i), Some(f)) => (i, f),
    };
    if let Some(b) = bounds {
        for mut row in sim.rows_mut() {
            for j in 0..n {
                if row[j] > b.ub[j] {
                    row[j] = 2.0 * b.ub[j] - row[j];
                }
                row[j] = row[j].max(b.lb[j]).min(b.ub[j]);
            }
        }
    }
    let mut f = Counted { f: fun, calls: 0, max: maxfun };
    let mut fsim = Array1::from_elem(n + 1, f64::INFINITY);
    for k in 0..=n {
        match f.call(&sim.row(k).to_owned()) {
            Some(v) => fsim[k] = v,
            None => break,
        }
    }
    sort_simplex(&mut sim, &mut fsim);
    let mut iterations = 1;
    let mut stopped = false;
    while f.calls < maxfun && iterations < maxiter {
        let step = (|| -> Option<bool> {
            let mut max_dx: f64 = 0.0;
            for j in 1..=n {
                for i in 0..n {
                    max_dx = max_dx.max((sim[[j, i]] - sim[[0, i]]).abs());
                }
            }
            let max_df = (1..=n).map(|j| (fsim[0] - fsim[j]).abs()).fold(0.0, f64::max);
            if max_dx <= xatol && max_df <= fatol {
                return Some(true);
            }
            let mut xbar = sim.row(0).to_owned();
            for j in 1..n {
                xbar += &sim.row(j);
            }
            xbar /= n as f64;
            let last = sim.row(n).to_owned();
            let mut xr = &xbar * (1.0 + rho) - &last * rho;
            clip(&mut xr, bounds);
            let fxr = f.call(&xr)?;
            let mut doshrink = false;
            if fxr < fsim[0] {
                let mut xe = &xbar * (1.0 + rho * chi) - &last * (rho * chi);
                clip(&mut xe, bounds);
                let fxe = f.call(&xe)?;
                if fxe < fxr {
                    sim.row_mut(n).assign(&xe);
                    fsim[n] = fxe;
                } else {
                    sim.row_mut(n).assign(&xr);
                    fsim[n] = fxr;
                }
            } else if fxr < fsim[n - 1] {
                sim.row_mut(n).assign(&xr);
                fsim[n] = fxr;
            } else {
                if fxr < fsim[n] {
                    let mut xc = &xbar * (1.0 + psi * rho) - &last * (psi * rho);
                    clip(&mut xc, bounds);
                    let fxc = f.call(&xc)?;
                    if fxc <= fxr {
                        sim.row_mut(n).assign(&xc);
                        fsim[n] = fxc;
                    } else {
                        doshrink = true;
                    }
                } else {
                    let mut xcc = &xbar * (1.0 - psi) + &last * psi;
                    clip(&mut xcc, bounds);
                    let fxcc = f.call(&xcc)?;
                    if fxcc < fsim[n] {
                        sim.row_mut(n).assign(&xcc);
                        fsim[n] = fxcc;
                    } else {
                        doshrink = true;
                    }
                }
                if doshrink {
                    let s0 = sim.row(0).to_owned();
                    for j in 1..=n {
                        let mut v = &s0 + &((&sim.row(j) - &s0) * sigma);
                        clip(&mut v, bounds);
                        sim.row_mut(j).assign(&v);
                        fsim[j] = f.call(&v)?;
                    }
                }
            }
            Some(false)
        })();
        match step {
            Some(true) => break,
            Some(false) => iterations += 1,
            None => {}
        }
        sort_simplex(&mut sim, &mut fsim);
        if let Some(cb) = o.callback
            && cb(sim.row(0), fsim[0])
        {
            stopped = true;
            break;
        }
    }
    let x = sim.row(0).to_owned();
    let fval = fsim.iter().copied().fold(f64::INFINITY, f64::min);
    let (status, msg) = if stopped {
        (99, MSG_CALLBACK)
    } else if f.calls >= maxfun {
        (1, MSG_MAXFEV)
    } else if iterations >= maxiter {
        (2, MSG_MAXITER)
    } else {
        (0, MSG_SUCCESS)
    };
    Ok(OptimizeResult {
        x,
        fun: fval,
        jac: None,
        hess_inv: None,
        nit: iterations,
        nfev: f.calls,
        njev: 0,
        nhev: 0,
        status,
        success: status == 0,
        message: msg.into(),
        final_simplex: Some((sim, fsim)),
        maxcv: None,
    })
}

/// Orders the vertices by function value (stable, NaN last).
fn sort_simplex(sim: &mut Array2<f64>, fsim: &mut Array1<f64>) {
    let mut idx: Vec<usize> = (0..fsim.len()).collect();
    idx.sort_by(|&a, &b| {
        fsim[a].partial_cmp(&fsim[b]).unwrap_or_else(|| fsim[a].is_nan().cmp(&fsim[b].is_nan()))
    });
    let s2 = sim.select(sci_core::ndarray::Axis(0), &idx);
    let f2 = fsim.select(sci_core::ndarray::Axis(0), &idx);
    *sim = s2;
    *fsim = f2;
}
