//! L-BFGS-B (Byrd, Lu, Nocedal & Zhu 1995; Morales & Nocedal 2011, "version 3.0"), SciPy's
//! `_minimize_lbfgsb`: generalized Cauchy point along the projected steepest-descent path,
//! subspace minimization of the limited-memory quadratic model over the free variables
//! (direct primal method with the projection of Morales & Nocedal), and the Moré–Thuente
//! line search (`ftol = 1e-3`, `gtol = 0.9`, `xtol = 0.1`) limited to the feasible box.

use sci_core::Result;
use sci_core::ndarray::{Array1, Array2, ArrayView1};

use super::linesearch::{Dcsrch, Task};
use super::objective::Objective;
use super::*;
use crate::dense::SmallLu;

/// Kind of bounds on one variable (L-BFGS-B's `nbd`): 0 none, 1 lower, 2 both, 3 upper.
fn nbd_of(l: f64, u: f64) -> u8 {
    match (l.is_finite(), u.is_finite()) {
        (false, false) => 0,
        (true, false) => 1,
        (true, true) => 2,
        (false, true) => 3,
    }
}

/// The limited-memory matrices: columns are the stored pairs, oldest first.
struct Memory {
    s: Vec<Array1<f64>>,
    y: Vec<Array1<f64>>,
    theta: f64,
    m: usize,
    /// LU of `M⁻¹ = [[-D, Lᵀ], [L, θ SᵀS]]` (2col × 2col).
    minv: Option<(Array2<f64>, SmallLu)>,
}

impl Memory {
    fn col(&self) -> usize {
        self.s.len()
    }

    fn clear(&mut self) {
        self.s.clear();
        self.y.clear();
        self.theta = 1.0;
        self.minv = None;
    }

    /// Forms and factors `M⁻¹`; false if it is singular.
    fn form(&mut self) -> bool {
        let c = self.col();
        if c == 0 {
            self.minv = None;
            return true;
        }
        let mut mi = Array2::zeros((2 * c, 2 * c));
        for i in 0..c {
            for j in 0..c {
                let sy = self.s[i].dot(&self.y[j]);
                if i == j {
                    mi[[i, i]] = -sy;
                } else if i > j {
                    // L (lower part of SᵀY) in the lower-left block, Lᵀ in the upper-right.
                    mi[[c + i, j]] = sy;
                    mi[[j, c + i]] = sy;
                }
                mi[[c + i, c + j]] = self.theta * self.s[i].dot(&self.s[j]);
            }
        }
        match SmallLu::new(mi.clone()) {
            Some(lu) => {
                self.minv = Some((mi, lu));
                true
            }
            None => false,
        }
    }

    /// `M v`.
    fn mv(&self, v: &Array1<f64>) -> Array1<f64> {
        match &self.minv {
            Some((_, lu)) => lu.solve(v),
            None => Array1::zeros(0),
        }
    }

    /// Row `i` of `W = [Y, θS]`.
    fn wrow(&self, i: usize) -> Array1<f64> {
        let c = self.col();
        let mut w = Array1::zeros(2 * c);
        for j in 0..c {
            w[j] = self.y[j][i];
            w[c + j] = self.theta * self.s[j][i];
        }
        w
    }
}

/// Projected gradient infinity norm (`projgr`).
fn projgr(x: &Array1<f64>, g: &Array1<f64>, l: &[f64], u: &[f64], nbd: &[u8]) -> f64 {
    let mut norm: f64 = 0.0;
    for i in 0..x.len() {
        let mut gi = g[i];
        if nbd[i] != 0 {
            if gi < 0.0 {
                if nbd[i] >= 2 {
                    gi = gi.max(x[i] - u[i]);
                }
            } else if nbd[i] <= 2 {
                gi = gi.min(x[i] - l[i]);
            }
        }
        norm = norm.max(gi.abs());
    }
    norm
}

/// Generalized Cauchy point. Returns `(xcp, c = Wᵀ(xcp − x))`, updates `iwhere`; `None` if
/// the middle matrix is unusable.
#[allow(clippy::too_many_arguments)]
fn cauchy(
    x: &Array1<f64>,
    g: &Array1<f64>,
    l: &[f64],
    u: &[f64],
    nbd: &[u8],
    iwhere: &mut [i8],
    mem: &Memory,
    sbgnrm: f64,
) -> (Array1<f64>, Array1<f64>) {
    let n = x.len();
    let col = mem.col();
    let theta = mem.theta;
    let mut xcp = x.clone();
    let mut c = Array1::zeros(2 * col);
    if sbgnrm <= 0.0 {
        return (xcp, c);
    }
    let mut bnded = true;
    let mut nfree_count = 0usize;
    let mut breaks: Vec<(f64, usize)> = Vec::new();
    let mut d = Array1::zeros(n);
    let mut p = Array1::zeros(2 * col);
    let mut f1 = 0.0;
    for i in 0..n {
        let neggi = -g[i];
        let (mut tl, mut tu) = (0.0, 0.0);
        if iwhere[i] != 3 && iwhere[i] != -1 {
            if nbd[i] <= 2 {
                tl = x[i] - l[i];
            }
            if nbd[i] >= 2 {
                tu = u[i] - x[i];
            }
            let xlower = nbd[i] <= 2 && nbd[i] != 0 && tl <= 0.0;
            let xupper = nbd[i] >= 2 && tu <= 0.0;
            iwhere[i] = 0;
            if xlower {
                if neggi <= 0.0 {
                    iwhere[i] = 1;
                }
            } else if xupper {
                if neggi >= 0.0 {
                    iwhere[i] = 2;
                }
            } else if neggi.abs() <= 0.0 {
                iwhere[i] = -3;
            }
        }
        if iwhere[i] != 0 && iwhere[i] != -1 {
            d[i] = 0.0;
        } else {
            d[i] = neggi;
            f1 -= neggi * neggi;
            for j in 0..col {
                p[j] += mem.y[j][i] * neggi;
                p[col + j] += mem.s[j][i] * neggi;
            }
            if nbd[i] <= 2 && nbd[i] != 0 && neggi < 0.0 {
                breaks.push((tl / (-neggi), i));
            } else if nbd[i] >= 2 && neggi > 0.0 {
                breaks.push((tu / neggi, i));
            } else {
                nfree_count += 1;
                if neggi.abs() > 0.0 {
                    bnded = false;
                }
            }
        }
    }
    if theta != 1.0 {
        for j in 0..col {
            p[col + j] *= theta;
        }
    }
    if breaks.is_empty() && nfree_count == 0 {
        return (xcp, c);
    }
    let mut f2 = -theta * f1;
    let f2_org = f2;
    if col > 0 {
        let v = mem.mv(&p);
        f2 -= v.dot(&p);
    }
    let mut dtm = -f1 / f2;
    let mut tsum = 0.0;
    // Breakpoints in increasing order (ties in index order).
    breaks.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
    let nbreak = breaks.len();
    let mut tj = 0.0;
    let mut all_fixed = false;
    let mut k = 0;
    while k < nbreak {
        let tj0 = tj;
        let (t, ibp) = breaks[k];
        tj = t;
        let dt = tj - tj0;
        if dtm < dt {
            break;
        }
        tsum += dt;
        k += 1;
        let nleft = nbreak - k;
        let dibp = d[ibp];
        d[ibp] = 0.0;
        let zibp;
        if dibp > 0.0 {
            zibp = u[ibp] - x[ibp];
            xcp[ibp] = u[ibp];
            iwhere[ibp] = 2;
        } else {
            zibp = l[ibp] - x[ibp];
            xcp[ibp] = l[ibp];
            iwhere[ibp] = 1;
        }
        if nleft == 0 && nbreak == n {
            dtm = dt;
            all_fixed = true;
            break;
        }
        let dibp2 = dibp * dibp;
        f1 = f1 + dt * f2 + dibp2 - theta * dibp * zibp;
        f2 -= theta * dibp2;
        if col > 0 {
            c.scaled_add(dt, &p);
            let wbp = mem.wrow(ibp);
            let v = mem.mv(&wbp);
            let wmc = c.dot(&v);
            let wmp = p.dot(&v);
            let wmw = wbp.dot(&v);
            p.scaled_add(-dibp, &wbp);
            f1 += dibp * wmc;
            f2 += 2.0 * dibp * wmp - dibp2 * wmw;
        }
        f2 = f2.max(f64::EPSILON * f2_org);
        if nleft > 0 {
            dtm = -f1 / f2;
        } else if bnded {
            dtm = 0.0;
        } else {
            dtm = -f1 / f2;
        }
    }
    if !all_fixed {
        if dtm <= 0.0 {
            dtm = 0.0;
        }
        tsum += dtm;
        xcp.scaled_add(tsum, &d);
    }
    if col > 0 {
        c.scaled_add(dtm, &p);
    }
    (xcp, c)
}

/// Subspace minimization from the Cauchy point over the free variables (`iwhere <= 0`).
#[allow(clippy::too_many_arguments)]
fn subspace(
    x: &Array1<f64>,
    g: &Array1<f64>,
    xcp: &Array1<f64>,
    c: &Array1<f64>,
    l: &[f64],
    u: &[f64],
    nbd: &[u8],
    iwhere: &[i8],
    mem: &Memory,
    constrained: bool,
) -> Option<Array1<f64>> {
    let n = x.len();
    let col = mem.col();
    let free: Vec<usize> = (0..n).filter(|&i| iwhere[i] <= 0).collect();
    let nf = free.len();
    if nf == 0 || col == 0 {
        return Some(xcp.clone());
    }
    let theta = mem.theta;
    // r = −Zᵀ(g + θ(xcp − x) − W M c), or −g without bounds and without a Cauchy step.
    let mut r = Array1::zeros(nf);
    if !constrained {
        for (k, &i) in free.iter().enumerate() {
            r[k] = -g[i];
        }
    } else {
        let v = mem.mv(c);
        for (k, &i) in free.iter().enumerate() {
            let mut ri = -theta * (xcp[i] - x[i]) - g[i];
            for j in 0..col {
                ri += mem.y[j][i] * v[j] + theta * mem.s[j][i] * v[col + j];
            }
            r[k] = ri;
        }
    }
    // Ŵ = Zᵀ W (nf × 2col); K = M⁻¹ − ŴᵀŴ/θ; d = r/θ + Ŵ K⁻¹ Ŵᵀ r / θ².
    let mut wh = Array2::zeros((nf, 2 * col));
    for (k, &i) in free.iter().enumerate() {
        for j in 0..col {
            wh[[k, j]] = mem.y[j][i];
            wh[[k, col + j]] = theta * mem.s[j][i];
        }
    }
    let (minv, _) = mem.minv.as_ref()?;
    let kmat = minv - &(wh.t().dot(&wh) / theta);
    let lu = SmallLu::new(kmat)?;
    let wtr = wh.t().dot(&r);
    let sol = lu.solve(&wtr);
    let d = &r / theta + &(wh.dot(&sol) / (theta * theta));
    // Morales–Nocedal: try the projected subspace step first.
    let mut z = xcp.clone();
    for (k, &i) in free.iter().enumerate() {
        let mut v = xcp[i] + d[k];
        if nbd[i] == 1 || nbd[i] == 2 {
            v = v.max(l[i]);
        }
        if nbd[i] >= 2 {
            v = v.min(u[i]);
        }
        z[i] = v;
    }
    let mut dd_p = 0.0;
    for i in 0..n {
        dd_p += (z[i] - x[i]) * g[i];
    }
    if dd_p > 0.0 {
        // Fall back to the step truncated at the first bound.
        let mut z = xcp.clone();
        let mut alpha: f64 = 1.0;
        let mut ibd = None;
        for (k, &i) in free.iter().enumerate() {
            let dk = d[k];
            let mut temp1 = alpha;
            if nbd[i] != 0 {
                if dk < 0.0 && nbd[i] <= 2 {
                    let temp2 = l[i] - xcp[i];
                    if temp2 >= 0.0 {
                        temp1 = 0.0;
                    } else if dk * alpha < temp2 {
                        temp1 = temp2 / dk;
                    }
                } else if dk > 0.0 && nbd[i] >= 2 {
                    let temp2 = u[i] - xcp[i];
                    if temp2 <= 0.0 {
                        temp1 = 0.0;
                    } else if dk * alpha > temp2 {
                        temp1 = temp2 / dk;
                    }
                }
            }
            if temp1 < alpha {
                alpha = temp1;
                ibd = Some(k);
            }
        }
        let mut d = d;
        if alpha < 1.0
            && let Some(k) = ibd
        {
            let i = free[k];
            if d[k] > 0.0 {
                z[i] = u[i];
                d[k] = 0.0;
            } else if d[k] < 0.0 {
                z[i] = l[i];
                d[k] = 0.0;
            }
        }
        for (k, &i) in free.iter().enumerate() {
            z[i] += alpha * d[k];
        }
        return Some(z);
    }
    Some(z)
}

pub(crate) fn lbfgsb<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let m = o.maxcor.unwrap_or(10).max(1);
    let ftol = o.ftol.or(o.tol).unwrap_or(2.220_446_049_250_313e-9);
    let pgtol = o.gtol.or(o.tol).unwrap_or(1e-5);
    let maxiter = o.maxiter.unwrap_or(15000);
    let maxfun = o.maxfun.unwrap_or(15000);
    let maxls = o.maxls.unwrap_or(20);
    if maxls == 0 {
        return Err(sci_core::Error::invalid_argument("maxls", "maxls must be positive"));
    }
    let (l, u): (Vec<f64>, Vec<f64>) = match &o.bounds {
        Some(b) => (b.lb.to_vec(), b.ub.to_vec()),
        None => (vec![f64::NEG_INFINITY; n], vec![f64::INFINITY; n]),
    };
    let nbd: Vec<u8> = (0..n).map(|i| nbd_of(l[i], u[i])).collect();
    let constrained = nbd.iter().any(|&b| b != 0);
    let boxed = nbd.iter().all(|&b| b == 2);
    let lbv = o.bounds.as_ref().map(|b| b.lb.to_vec());
    let ubv = o.bounds.as_ref().map(|b| b.ub.to_vec());
    let mut obj = Objective::new(
        fun,
        grad_source(o, 1e-8),
        &x0,
        match (&lbv, &ubv) {
            (Some(a), Some(b)) => Some((a.as_slice(), b.as_slice())),
            _ => None,
        },
    );
    // iwhere: -1 unbounded, 0 free, 1 at lower, 2 at upper, 3 fixed (l == u).
    let mut iwhere: Vec<i8> = (0..n)
        .map(|i| match nbd[i] {
            0 => -1,
            2 if u[i] - l[i] <= 0.0 => 3,
            _ => 0,
        })
        .collect();
    let mut x = x0;
    let mut f = obj.fun(x.view());
    let mut g = obj.grad(x.view());
    obj.check_grad()?;
    let mut mem = Memory { s: Vec::new(), y: Vec::new(), theta: 1.0, m, minv: None };
    let mut nit = 0usize;
    let mut iter = 0usize; // L-BFGS-B's own iteration count (restarts included)
    let mut sbgnrm = projgr(&x, &g, &l, &u, &nbd);
    let mut task: (i32, &str) = (0, "");
    let mut stopped = false;
    if sbgnrm <= pgtol {
        task = (4, "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL");
    }
    while task.0 == 0 {
        // Search direction.
        let z = if !constrained && mem.col() > 0 {
            subspace(&x, &g, &x, &Array1::zeros(0), &l, &u, &nbd, &iwhere, &mem, false)
        } else {
            let (xcp, c) = cauchy(&x, &g, &l, &u, &nbd, &mut iwhere, &mem, sbgnrm);
            subspace(&x, &g, &xcp, &c, &l, &u, &nbd, &iwhere, &mem, true)
        };
        let Some(z) = z else {
            mem.clear();
            continue;
        };
        let d = &z - &x;
        // Line search along d within the box.
        let dnorm = d.dot(&d).sqrt();
        let mut stpmx: f64 = 1e10;
        if constrained {
            if iter == 0 {
                stpmx = 1.0;
            } else {
                for i in 0..n {
                    if nbd[i] == 0 {
                        continue;
                    }
                    let a1 = d[i];
                    if a1 < 0.0 && nbd[i] <= 2 {
                        let a2 = l[i] - x[i];
                        if a2 >= 0.0 {
                            stpmx = 0.0;
                        } else if a1 * stpmx < a2 {
                            stpmx = a2 / a1;
                        }
                    } else if a1 > 0.0 && nbd[i] >= 2 {
                        let a2 = u[i] - x[i];
                        if a2 <= 0.0 {
                            stpmx = 0.0;
                        } else if a1 * stpmx > a2 {
                            stpmx = a2 / a1;
                        }
                    }
                }
            }
        }
        let mut stp = if iter == 0 && !boxed { (1.0 / dnorm).min(stpmx) } else { 1.0 };
        let (t, r, fold) = (x.clone(), g.clone(), f);
        let gdold = g.dot(&d);
        let mut ok = gdold < 0.0;
        let mut nfev_ls = 0usize;
        if ok {
            let mut ls = Dcsrch::new(1e-3, 0.9, 0.1, 0.0, stpmx);
            let mut t_task = ls.start(stp, f, gdold);
            loop {
                if t_task != Task::Fg {
                    ok = t_task == Task::Converged || t_task == Task::Warning;
                    break;
                }
                if nfev_ls >= maxls {
                    ok = false;
                    break;
                }
                x = if stp == 1.0 { z.clone() } else { &t + &(&d * stp) };
                nfev_ls += 1;
                f = obj.fun(x.view());
                g = obj.grad(x.view());
                let gd = g.dot(&d);
                t_task = ls.iterate(&mut stp, f, gd);
            }
        }
        if !ok {
            x = t;
            g = r;
            f = fold;
            if mem.col() == 0 {
                task = (8, "ABNORMAL: ");
                break;
            }
            mem.clear();
            continue;
        }
        // New iterate.
        iter += 1;
        nit += 1;
        sbgnrm = projgr(&x, &g, &l, &u, &nbd);
        if let Some(cb) = o.callback
            && cb(x.view(), f)
        {
            stopped = true;
            task = (5, "STOP: CALLBACK REQUESTED HALT");
        }
        if nit >= maxiter {
            task = (5, "STOP: TOTAL NO. OF ITERATIONS REACHED LIMIT");
        } else if obj.nfev > maxfun {
            task = (5, "STOP: TOTAL NO. OF F,G EVALUATIONS EXCEEDS LIMIT");
        }
        if task.0 != 0 {
            break;
        }
        if sbgnrm <= pgtol {
            task = (4, "CONVERGENCE: NORM OF PROJECTED GRADIENT <= PGTOL");
            break;
        }
        let ddum = fold.abs().max(f.abs()).max(1.0);
        if fold - f <= ftol * ddum {
            task = (4, "CONVERGENCE: RELATIVE REDUCTION OF F <= FACTR*EPSMCH");
            break;
        }
        if !f.is_finite() {
            task = (8, "ABNORMAL: ");
            break;
        }
        // Update the limited-memory matrices.
        let s = &x - &t;
        let y = &g - &r;
        let rr = y.dot(&y);
        let dr = (g.dot(&d) - gdold) * stp;
        let ddum = -gdold * stp;
        if dr > f64::EPSILON * ddum {
            if mem.col() == mem.m {
                mem.s.remove(0);
                mem.y.remove(0);
            }
            mem.s.push(s);
            mem.y.push(y);
            mem.theta = rr / dr;
            if !mem.form() {
                mem.clear();
            }
        }
    }
    let status = if stopped {
        99
    } else if task.0 == 4 {
        0
    } else if obj.nfev > maxfun || nit >= maxiter {
        1
    } else {
        2
    };
    let message = if stopped { MSG_CALLBACK.to_string() } else { task.1.to_string() };
    obj.check_grad()?;
    Ok(OptimizeResult {
        x,
        fun: f,
        jac: Some(g),
        hess_inv: None,
        nit,
        nfev: obj.nfev,
        njev: obj.ngev,
        nhev: 0,
        status,
        success: status == 0,
        message,
        final_simplex: None,
        maxcv: None,
    })
}
