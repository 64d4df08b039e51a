//! Trust-region Newton methods, SciPy's `_minimize_trust_region` with the Steihaug–Toint
//! conjugate-gradient subproblem (`trust-ncg`), the dogleg subproblem (`dogleg`), nearly
//! exact Moré–Sorensen subproblems (`trust-exact`) and the generalized Lanczos subproblem
//! (`trust-krylov`, in `trust_krylov.rs`).

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result};

use super::objective::Objective;
use super::trust_krylov::KrylovState;
use super::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sub {
    Ncg,
    Dogleg,
    Exact,
    Krylov,
}

/// Subproblem data kept across radius changes at one point (reset when the point moves).
struct SubState {
    exact: ExactState,
    krylov: Option<KrylovState>,
}

impl SubState {
    fn new() -> Self {
        SubState { exact: ExactState::new(), krylov: None }
    }
}

/// Upper Cholesky `H = UᵀU` as LAPACK's unblocked `potf2`; `info = k > 0` (1-based) when the
/// leading minor of order `k` is not positive definite (U's first `k−1` columns and column
/// `k` above the diagonal are then valid).
fn potf2_upper(h: &Array2<f64>) -> (Array2<f64>, usize) {
    let n = h.nrows();
    let mut u = Array2::zeros((n, n));
    for i in 0..n {
        for j in i..n {
            u[[i, j]] = h[[i, j]];
        }
    }
    for j in 0..n {
        let mut ajj = u[[j, j]];
        for k in 0..j {
            ajj -= u[[k, j]] * u[[k, j]];
        }
        if ajj <= 0.0 || ajj.is_nan() {
            u[[j, j]] = ajj;
            return (u, j + 1);
        }
        let ajj = ajj.sqrt();
        u[[j, j]] = ajj;
        for c in j + 1..n {
            let mut v = u[[j, c]];
            for k in 0..j {
                v -= u[[k, j]] * u[[k, c]];
            }
            u[[j, c]] = v / ajj;
        }
    }
    (u, 0)
}

/// Solves `U x = b` (`transpose = false`) or `Uᵀ x = b` for the leading `m×m` block.
fn tri_solve(u: &Array2<f64>, b: &Array1<f64>, transpose: bool) -> Array1<f64> {
    let m = b.len();
    let mut x = b.clone();
    if transpose {
        for i in 0..m {
            let mut s = x[i];
            for k in 0..i {
                s -= u[[k, i]] * x[k];
            }
            x[i] = s / u[[i, i]];
        }
    } else {
        for i in (0..m).rev() {
            let mut s = x[i];
            for k in i + 1..m {
                s -= u[[i, k]] * x[k];
            }
            x[i] = s / u[[i, i]];
        }
    }
    x
}

/// LINPACK-style estimate of the smallest singular value of upper-triangular `U` and the
/// corresponding right singular vector.
fn smallest_singular(u: &Array2<f64>) -> (f64, Array1<f64>) {
    let n = u.nrows();
    let mut p = Array1::<f64>::zeros(n);
    let mut w = Array1::<f64>::zeros(n);
    for k in 0..n {
        let wp = (1.0 - p[k]) / u[[k, k]];
        let wm = (-1.0 - p[k]) / u[[k, k]];
        let mut np = 0.0;
        let mut nm = 0.0;
        for i in k + 1..n {
            np += (p[i] + u[[k, i]] * wp).abs();
            nm += (p[i] + u[[k, i]] * wm).abs();
        }
        let choose = if wp.abs() + np >= wm.abs() + nm { wp } else { wm };
        w[k] = choose;
        for i in k + 1..n {
            p[i] += u[[k, i]] * choose;
        }
    }
    let v = tri_solve(u, &w, false);
    let vn = v.dot(&v).sqrt();
    let wn = w.dot(&w).sqrt();
    (wn / vn, &v / vn)
}

/// State of the exact (Moré–Sorensen) subproblem at one point, kept across radius changes.
pub(crate) struct ExactState {
    lambda_lb: f64,
    previous_radius: f64,
}

impl ExactState {
    pub(crate) fn new() -> Self {
        ExactState { lambda_lb: 0.0, previous_radius: -1.0 }
    }
}

/// SciPy's `IterativeSubproblem.solve` (Moré & Sorensen 1983 with Conn, Gould & Toint's
/// safeguards): returns `(p, hits_boundary)`.
fn solve_exact(hm: &Array2<f64>, g: &Array1<f64>, radius: f64, st: &mut ExactState) -> (Array1<f64>, bool) {
    let n = g.len();
    let eps = f64::EPSILON;
    let (k_easy, k_hard, upd) = (0.1, 0.2, 0.01);
    let jac_mag = g.dot(g).sqrt();
    let mut glb = f64::INFINITY;
    let mut gub = f64::NEG_INFINITY;
    for i in 0..n {
        let d = hm[[i, i]];
        let rs: f64 = hm.row(i).iter().map(|v| v.abs()).sum();
        glb = glb.min(d + d.abs() - rs);
        gub = gub.max(d - d.abs() + rs);
    }
    let h_inf = (0..n).map(|i| hm.row(i).iter().map(|v| v.abs()).sum::<f64>()).fold(0.0, f64::max);
    let h_fro = hm.iter().map(|v| v * v).sum::<f64>().sqrt();
    let close_to_zero = n as f64 * eps * h_inf;
    let mut lambda_ub = 0f64.max(jac_mag / radius + (-glb).min(h_fro).min(h_inf));
    let min_diag = (0..n).map(|i| hm[[i, i]]).fold(f64::INFINITY, f64::min);
    let mut lambda_lb = 0f64.max(-min_diag).max(jac_mag / radius - gub.min(h_fro).min(h_inf));
    if radius < st.previous_radius {
        lambda_lb = lambda_lb.max(st.lambda_lb);
    }
    let safe = |lb: f64, ub: f64| (lb * ub).sqrt().max(lb + upd * (ub - lb));
    let mut lambda = if lambda_lb == 0.0 { 0.0 } else { safe(lambda_lb, lambda_ub) };
    let shifted = |l: f64| {
        let mut h = hm.clone();
        for i in 0..n {
            h[[i, i]] += l;
        }
        h
    };
    let mut hits = true;
    let mut factor: Option<(Array2<f64>, usize)> = None;
    let mut p;
    let mut guard = 0;
    loop {
        guard += 1;
        let hcur = shifted(lambda);
        let (u, info) = match factor.take() {
            Some(f) => f,
            None => potf2_upper(&hcur),
        };
        if guard > 200 {
            // Safeguard against an endless loop: fall back to the scaled steepest descent.
            p = g * (-radius / jac_mag.max(f64::MIN_POSITIVE));
            break;
        }
        if info == 0 && jac_mag > close_to_zero {
            p = tri_solve(&u, &tri_solve(&u, &(-g), true), false);
            let p_norm = p.dot(&p).sqrt();
            if p_norm <= radius && lambda == 0.0 {
                hits = false;
                break;
            }
            let w = tri_solve(&u, &p, true);
            let w_norm = w.dot(&w).sqrt();
            let delta_lambda = (p_norm / w_norm).powi(2) * (p_norm - radius) / radius;
            let lambda_new = lambda + delta_lambda;
            if p_norm < radius {
                let (s_min, z_min) = smallest_singular(&u);
                let (ta, tb) = boundaries(&p, &z_min, radius);
                let step_len = if ta.abs() <= tb.abs() { ta } else { tb };
                let quad = p.dot(&hcur.dot(&p));
                let rel = (step_len * step_len * s_min * s_min) / (quad + lambda * radius * radius);
                if rel <= k_hard {
                    p = &p + &(&z_min * step_len);
                    break;
                }
                lambda_ub = lambda;
                lambda_lb = lambda_lb.max(lambda - s_min * s_min);
                let (c, info2) = potf2_upper(&shifted(lambda_new));
                if info2 == 0 {
                    lambda = lambda_new;
                    factor = Some((c, 0));
                } else {
                    lambda_lb = lambda_lb.max(lambda_new);
                    lambda = safe(lambda_lb, lambda_ub);
                }
            } else {
                let rel = (p_norm - radius).abs() / radius;
                if rel <= k_easy {
                    break;
                }
                lambda_ub = lambda;
                lambda = lambda_new;
            }
        } else if info == 0 {
            if lambda == 0.0 {
                p = Array1::zeros(n);
                hits = false;
                break;
            }
            let (s_min, z_min) = smallest_singular(&u);
            if radius * radius * s_min * s_min <= k_hard * lambda * radius * radius {
                p = &z_min * radius;
                break;
            }
            lambda_ub = lambda;
            lambda_lb = lambda_lb.max(lambda - s_min * s_min);
            lambda = safe(lambda_lb, lambda_ub);
        } else {
            // Leading minor of order `info` is singular: raise the lower bound.
            let k = info;
            let mut delta = -hcur[[k - 1, k - 1]];
            for i in 0..k - 1 {
                delta += u[[i, k - 1]] * u[[i, k - 1]];
            }
            let mut v = Array1::zeros(n);
            v[k - 1] = 1.0;
            if k > 1 {
                let rhs = Array1::from_shape_fn(k - 1, |i| -u[[i, k - 1]]);
                let sub = tri_solve(&u, &rhs, false);
                for i in 0..k - 1 {
                    v[i] = sub[i];
                }
            }
            let vn2 = v.dot(&v);
            lambda_lb = lambda_lb.max(lambda + delta / vn2);
            lambda = safe(lambda_lb, lambda_ub);
        }
    }
    st.lambda_lb = lambda_lb;
    st.previous_radius = radius;
    (p, hits)
}

struct Hess<'a> {
    hess: Option<MatFn<'a>>,
    hessp: Option<HesspFn<'a>>,
    n: usize,
    count: usize,
    cache: Option<(Array1<f64>, Array2<f64>)>,
}

impl Hess<'_> {
    fn matrix(&mut self, x: &Array1<f64>) -> Result<Array2<f64>> {
        if let Some((cx, h)) = &self.cache
            && cx == x
        {
            return Ok(h.clone());
        }
        let hf = self
            .hess
            .ok_or_else(|| Error::invalid_argument("hess", "the dogleg method needs the Hessian"))?;
        let h = hf(x.view());
        self.count += 1;
        if h.dim() != (self.n, self.n) {
            return Err(Error::shape_mismatch(
                "hess(x)",
                format!("{0}x{0}", self.n),
                format!("{:?}", h.dim()),
            ));
        }
        self.cache = Some((x.clone(), h.clone()));
        Ok(h)
    }

    fn prod(&mut self, x: &Array1<f64>, p: &Array1<f64>) -> Result<Array1<f64>> {
        match self.hessp {
            Some(hp) if self.hess.is_none() => {
                self.count += 1;
                let v = hp(x.view(), p.view());
                check_grad_len(&v, self.n)?;
                Ok(v)
            }
            _ => Ok(self.matrix(x)?.dot(p)),
        }
    }
}

fn boundaries(z: &Array1<f64>, d: &Array1<f64>, radius: f64) -> (f64, f64) {
    let a = d.dot(d);
    let b = 2.0 * z.dot(d);
    let c = z.dot(z) - radius * radius;
    let sq = (b * b - 4.0 * a * c).max(0.0).sqrt();
    let aux = b + sq.copysign(b);
    let ta = -aux / (2.0 * a);
    let tb = -2.0 * c / aux;
    if ta <= tb { (ta, tb) } else { (tb, ta) }
}

fn model_value(f: f64, g: &Array1<f64>, hp: &Array1<f64>, p: &Array1<f64>) -> f64 {
    f + g.dot(p) + 0.5 * p.dot(hp)
}

/// Returns `(p, hits_boundary)`, `None` on a linear-algebra failure (non-PD Hessian in
/// dogleg, a breakdown of CG or Lanczos on non-finite values).
fn solve_sub(
    sub: Sub,
    x: &Array1<f64>,
    f: f64,
    g: &Array1<f64>,
    h: &mut Hess<'_>,
    radius: f64,
    st: &mut SubState,
) -> Result<Option<(Array1<f64>, bool)>> {
    let gmag = g.dot(g).sqrt();
    match sub {
        Sub::Ncg => {
            let n = g.len();
            let tolerance = 0.5f64.min(gmag.sqrt()) * gmag;
            let mut z = Array1::zeros(n);
            if gmag < tolerance {
                return Ok(Some((z, false)));
            }
            let mut r = g.clone();
            let mut d = -g;
            loop {
                let bd = h.prod(x, &d)?;
                let dbd = d.dot(&bd);
                if dbd <= 0.0 {
                    let (ta, tb) = boundaries(&z, &d, radius);
                    let pa = &z + &(&d * ta);
                    let pb = &z + &(&d * tb);
                    let va = model_value(f, g, &h.prod(x, &pa)?, &pa);
                    let vb = model_value(f, g, &h.prod(x, &pb)?, &pb);
                    return Ok(Some((if va < vb { pa } else { pb }, true)));
                }
                let r2 = r.dot(&r);
                let alpha = r2 / dbd;
                let z_next = &z + &(&d * alpha);
                if z_next.dot(&z_next).sqrt() >= radius {
                    let (_, tb) = boundaries(&z, &d, radius);
                    return Ok(Some((&z + &(&d * tb), true)));
                }
                let r_next = &r + &(&bd * alpha);
                let rn2 = r_next.dot(&r_next);
                if rn2.sqrt() < tolerance {
                    return Ok(Some((z_next, false)));
                }
                let beta = rn2 / r2;
                d = -&r_next + &(&d * beta);
                z = z_next;
                r = r_next;
                if !beta.is_finite() {
                    return Ok(None);
                }
            }
        }
        Sub::Exact => {
            let hm = h.matrix(x)?;
            Ok(Some(solve_exact(&hm, g, radius, &mut st.exact)))
        }
        Sub::Krylov => {
            let ks = st.krylov.get_or_insert_with(|| KrylovState::new(g));
            let mut prod = |v: &Array1<f64>| h.prod(x, v);
            ks.solve(radius, &mut prod)
        }
        Sub::Dogleg => {
            let b = h.matrix(x)?;
            let newton = match sci_linalg::cho_factor(&b) {
                Ok(c) => match sci_linalg::cho_solve(&c, g) {
                    Ok(v) => -v,
                    Err(_) => return Ok(None),
                },
                Err(_) => return Ok(None),
            };
            if newton.dot(&newton).sqrt() < radius {
                return Ok(Some((newton, false)));
            }
            let bg = b.dot(g);
            let pu = g * (-(g.dot(g) / g.dot(&bg)));
            let pun = pu.dot(&pu).sqrt();
            if pun >= radius {
                return Ok(Some((&pu * (radius / pun), true)));
            }
            let diff = &newton - &pu;
            let (_, tb) = boundaries(&pu, &diff, radius);
            Ok(Some((&pu + &(&diff * tb), true)))
        }
    }
}

pub(crate) fn trust_region<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
    sub: Sub,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let grad = match o.jac {
        Some(Jac::Callable(g)) => objective::GradSource::Callable(g),
        _ => {
            return Err(Error::invalid_argument(
                "jac",
                "Jacobian is currently required for trust-region methods",
            ));
        }
    };
    if o.hess.is_none() && o.hessp.is_none() {
        return Err(Error::invalid_argument(
            "hess",
            "either the Hessian or the Hessian-vector product is required for trust-region methods",
        ));
    }
    if (sub == Sub::Dogleg || sub == Sub::Exact) && o.hess.is_none() {
        return Err(Error::invalid_argument(
            "hess",
            "the Hessian is required for dogleg and trust-exact minimization",
        ));
    }
    let eta = o.eta.unwrap_or(0.15);
    let max_r = o.max_trust_radius.unwrap_or(1000.0);
    let mut radius = o.initial_trust_radius.unwrap_or(1.0);
    if !(0.0..0.25).contains(&eta) {
        return Err(Error::invalid_argument("eta", "invalid acceptance stringency: must lie in [0, 0.25)"));
    }
    if max_r.is_nan() || max_r <= 0.0 {
        return Err(Error::invalid_argument("max_trust_radius", "the max trust radius must be positive"));
    }
    if radius.is_nan() || radius <= 0.0 || radius >= max_r {
        return Err(Error::invalid_argument(
            "initial_trust_radius",
            "must be positive and less than the max trust radius",
        ));
    }
    let gtol = o.gtol.or(o.tol).unwrap_or(1e-4);
    let maxiter = o.maxiter.unwrap_or(200 * n);
    let mut obj = Objective::new(fun, grad, &x0, None);
    let mut h = Hess { hess: o.hess, hessp: o.hessp, n, count: 0, cache: None };
    let mut x = x0;
    let mut f = obj.fun(x.view());
    let mut g = obj.grad(x.view());
    obj.check_grad()?;
    let mut k = 0;
    let mut warnflag = 0;
    let mut stopped = false;
    let mut st = SubState::new();
    if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
        // SciPy would report success here (`‖g‖ ≥ gtol` is false for NaN).
        warnflag = 4;
    }
    while warnflag == 0 && g.dot(&g).sqrt() >= gtol {
        let sol = solve_sub(sub, &x, f, &g, &mut h, radius, &mut st)?;
        let (p, hits) = match sol {
            Some(v) => v,
            None => {
                warnflag = 3;
                break;
            }
        };
        let hp = h.prod(&x, &p)?;
        let predicted = model_value(f, &g, &hp, &p);
        let xp = &x + &p;
        let fp = obj.fun(xp.view());
        let actual = f - fp;
        let pred_red = f - predicted;
        if pred_red <= 0.0 || pred_red.is_nan() {
            warnflag = 2;
            break;
        }
        let rho = actual / pred_red;
        // A NaN ratio (f undefined at the trial point) shrinks the region; SciPy keeps the
        // radius and retries the same step until `maxiter`.
        if rho < 0.25 || rho.is_nan() {
            radius *= 0.25;
        } else if rho > 0.75 && hits {
            radius = (2.0 * radius).min(max_r);
        }
        if rho > eta {
            x = xp;
            f = fp;
            g = obj.grad(x.view());
            st = SubState::new();
            if g.iter().any(|v| !v.is_finite()) {
                k += 1;
                warnflag = 4;
                break;
            }
        }
        k += 1;
        if let Some(cb) = o.callback
            && cb(x.view(), f)
        {
            stopped = true;
            break;
        }
        if g.dot(&g).sqrt() < gtol {
            warnflag = 0;
            break;
        }
        if k >= maxiter {
            warnflag = 1;
            break;
        }
    }
    let msg = match warnflag {
        0 => MSG_SUCCESS,
        1 => MSG_MAXITER,
        2 => "A bad approximation caused failure to predict improvement.",
        3 => "A linalg error occurred, such as a non-psd Hessian.",
        _ => MSG_NAN,
    };
    let (status, msg) = if stopped { (99, MSG_CALLBACK) } else { (warnflag, msg) };
    obj.check_grad()?;
    Ok(OptimizeResult {
        x,
        fun: f,
        jac: Some(g),
        hess_inv: None,
        nit: k,
        nfev: obj.nfev,
        njev: obj.ngev,
        nhev: h.count,
        status,
        success: status == 0,
        message: msg.into(),
        final_simplex: None,
        maxcv: None,
    })
}
