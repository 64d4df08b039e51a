//! Trust-region Newton methods, SciPy's `_minimize_trust_region` with the Steihaug–Toint
//! conjugate-gradient subproblem (`trust-ncg`) and the dogleg subproblem (`dogleg`).

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result};

use super::objective::Objective;
use super::*;

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sub {
    Ncg,
    Dogleg,
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

/// Returns `(p, hits_boundary)`; `Err` on a linear-algebra failure (non-PD Hessian in dogleg).
fn solve_sub(
    sub: Sub,
    x: &Array1<f64>,
    f: f64,
    g: &Array1<f64>,
    h: &mut Hess<'_>,
    radius: f64,
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
    if sub == Sub::Dogleg && o.hess.is_none() {
        return Err(Error::invalid_argument("hess", "Hessian is required for dogleg minimization"));
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
    while g.dot(&g).sqrt() >= gtol {
        let (p, hits) = match solve_sub(sub, &x, f, &g, &mut h, radius)? {
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
        if rho < 0.25 {
            radius *= 0.25;
        } else if rho > 0.75 && hits {
            radius = (2.0 * radius).min(max_r);
        }
        if rho > eta {
            x = xp;
            f = fp;
            g = obj.grad(x.view());
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
        _ => "A linalg error occurred, such as a non-psd Hessian.",
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
    })
}
