//! SLSQP (Kraft 1988), SciPy's `_minimize_slsqp`: sequential quadratic programming with a
//! damped BFGS approximation of the Lagrangian Hessian, quadratic subproblems solved as
//! least-distance problems through NNLS (Lawson & Hanson's LSEI/LSI/LDP chain), Kraft's
//! relaxation for inconsistent linearizations, and an L1 merit line search.

use sci_core::ndarray::{Array1, Array2, ArrayView1, s};
use sci_core::{Error, Result, validate};

use super::objective::Objective;
use super::*;
use crate::dense::{HouseQr, solve_upper, solve_upper_t};
use crate::nnls::nnls_core;
use crate::numdiff::{FdScheme, fd_jacobian, fd_steps};

/// Solution of a QP subproblem: step and multipliers (equality first, then inequality).
struct QpSol {
    d: Array1<f64>,
    lambda: Array1<f64>,
}

enum QpFail {
    Incompatible,
    SingularC,
}

/// `min ½ dᵀBd + gᵀd` s.t. `C d = h` (meq rows) and `G d ≥ q`, for positive definite `B`.
fn solve_qp(
    b: &Array2<f64>,
    g: &Array1<f64>,
    c: &Array2<f64>,
    h: &Array1<f64>,
    gm: &Array2<f64>,
    q: &Array1<f64>,
) -> std::result::Result<QpSol, QpFail> {
    let n = g.len();
    let meq = c.nrows();
    let mi = gm.nrows();
    // B = L Lᵀ; the objective is ½‖Lᵀd + L⁻¹g‖² + const, i.e. E = Lᵀ, f = −L⁻¹g.
    let l = cholesky_lower(b).ok_or(QpFail::SingularC)?;
    let e = l.t().to_owned();
    let f = -forward_sub(&l, g);
    // Equality constraints: Cᵀ = Q [R1; 0], d = Q1 y1 + Q2 y2 with R1ᵀ y1 = h.
    let (q1, q2, r1, y1) = if meq > 0 {
        if meq > n {
            return Err(QpFail::SingularC);
        }
        let qr = HouseQr::new(&c.t().to_owned());
        let qfull = qr.full_q();
        let r1 = qr.r.slice(s![..meq, ..meq]).to_owned();
        let y1 = solve_upper_t(&r1, h, 1e-12).ok_or(QpFail::SingularC)?;
        (qfull.slice(s![.., ..meq]).to_owned(), qfull.slice(s![.., meq..]).to_owned(), Some(r1), y1)
    } else {
        (Array2::zeros((n, 0)), Array2::eye(n), None, Array1::zeros(0))
    };
    let d1 = q1.dot(&y1);
    let e2 = e.dot(&q2);
    let f2 = &f - &e.dot(&d1);
    let k = n - meq;
    let (y2, lam_in) = if k == 0 {
        // Fully determined by the equalities; inequalities must hold at d1.
        let resid = gm.dot(&d1) - q;
        if resid.iter().any(|v| *v < -1e-10 * (1.0 + q.iter().fold(0.0f64, |a, b| a.max(b.abs())))) {
            return Err(QpFail::Incompatible);
        }
        (Array1::zeros(0), Array1::zeros(mi))
    } else {
        // LSI: E2 = Qe Re; z = Re y2 − Qe1ᵀ f2.
        let qe = HouseQr::new(&e2);
        let re = qe.r.slice(s![..k, ..k]).to_owned();
        let qtf = qe.qt(&f2);
        let f1 = qtf.slice(s![..k]).to_owned();
        if mi == 0 {
            let y2 = solve_upper(&re, &f1, 1e-14).ok_or(QpFail::SingularC)?;
            (y2, Array1::zeros(0))
        } else {
            let g2 = gm.dot(&q2);
            let q2v = q - &gm.dot(&d1);
            // G2 y2 ≥ q2v with y2 = Re⁻¹(z + f1):  (G2 Re⁻¹) z ≥ q2v − G2 Re⁻¹ f1.
            let mut gz = Array2::zeros((mi, k));
            for i in 0..mi {
                let row = g2.row(i).to_owned();
                let v = solve_upper_t(&re, &row, 1e-14).ok_or(QpFail::SingularC)?;
                gz.row_mut(i).assign(&v);
            }
            let hz = &q2v - &gz.dot(&f1);
            let (z, lam) = ldp(&gz, &hz).ok_or(QpFail::Incompatible)?;
            let y2 = solve_upper(&re, &(&z + &f1), 1e-14).ok_or(QpFail::SingularC)?;
            (y2, lam)
        }
    };
    let d = &d1 + &q2.dot(&y2);
    // Multipliers: Cᵀ λ_eq = B d + g − Gᵀ λ_in.
    let mut lambda = Array1::zeros(meq + mi);
    if let Some(r1) = r1 {
        let rhs = &(&b.dot(&d) + g) - &gm.t().dot(&lam_in);
        let t = q1.t().dot(&rhs);
        let le = solve_upper(&r1, &t, 1e-14).unwrap_or_else(|| Array1::zeros(meq));
        lambda.slice_mut(s![..meq]).assign(&le);
    }
    lambda.slice_mut(s![meq..]).assign(&lam_in);
    Ok(QpSol { d, lambda })
}

/// Least-distance programming `min ½‖z‖²` s.t. `G z ≥ h` via NNLS; `None` if infeasible.
pub(crate) fn ldp(gm: &Array2<f64>, h: &Array1<f64>) -> Option<(Array1<f64>, Array1<f64>)> {
    let (mi, k) = gm.dim();
    if h.iter().all(|v| *v <= 0.0) {
        return Some((Array1::zeros(k), Array1::zeros(mi)));
    }
    let mut mat = Array2::zeros((k + 1, mi));
    mat.slice_mut(s![..k, ..]).assign(&gm.t());
    mat.row_mut(k).assign(h);
    let mut rhs = Array1::zeros(k + 1);
    rhs[k] = 1.0;
    let (u, _) = nnls_core(&mat, &rhs, 3 * mi + 30);
    let r = &mat.dot(&u) - &rhs;
    let rnorm = r.dot(&r).sqrt();
    if rnorm <= 1e-12 || r[k] >= 0.0 {
        return None;
    }
    let fac = -1.0 / r[k];
    let z = r.slice(s![..k]).mapv(|v| v * fac);
    let lam = u.mapv(|v| v * fac);
    Some((z, lam))
}

fn cholesky_lower(b: &Array2<f64>) -> Option<Array2<f64>> {
    let n = b.nrows();
    let mut l = Array2::zeros((n, n));
    for j in 0..n {
        let mut d = b[[j, j]];
        for k in 0..j {
            d -= l[[j, k]] * l[[j, k]];
        }
        if d <= 0.0 || !d.is_finite() {
            return None;
        }
        let d = d.sqrt();
        l[[j, j]] = d;
        for i in j + 1..n {
            let mut v = b[[i, j]];
            for k in 0..j {
                v -= l[[i, k]] * l[[j, k]];
            }
            l[[i, j]] = v / d;
        }
    }
    Some(l)
}

fn forward_sub(l: &Array2<f64>, b: &Array1<f64>) -> Array1<f64> {
    let n = b.len();
    let mut x = Array1::zeros(n);
    for i in 0..n {
        let mut s = b[i];
        for j in 0..i {
            s -= l[[i, j]] * x[j];
        }
        x[i] = s / l[[i, i]];
    }
    x
}

type BoxedVecFn<'a> = Box<dyn Fn(ArrayView1<'_, f64>) -> Array1<f64> + 'a>;
type BoxedMatFn<'a> = Box<dyn Fn(ArrayView1<'_, f64>) -> Array2<f64> + 'a>;

struct Cons<'c, 'a> {
    list: &'c [Constraint<'a>],
    meq: usize,
    mieq: usize,
    lb: Vec<f64>,
    ub: Vec<f64>,
    eps: f64,
    scheme: Option<(FdScheme, Option<f64>)>,
}

impl Cons<'_, '_> {
    fn values(&self, x: &Array1<f64>) -> Result<Array1<f64>> {
        let mut out = Array1::zeros(self.meq + self.mieq);
        let (mut ie, mut ii) = (0, self.meq);
        for c in self.list {
            let v = (c.fun)(x.view());
            let (pos, len) = match c.kind {
                ConstraintType::Eq => (&mut ie, v.len()),
                ConstraintType::Ineq => (&mut ii, v.len()),
            };
            if *pos + len > out.len() {
                return Err(Error::shape_mismatch("constraint", "a fixed number of values", len));
            }
            out.slice_mut(s![*pos..*pos + len]).assign(&v);
            *pos += len;
        }
        Ok(out)
    }

    fn jacobian(&self, x: &Array1<f64>) -> Result<Array2<f64>> {
        let n = x.len();
        let mut out = Array2::zeros((self.meq + self.mieq, n));
        let (mut ie, mut ii) = (0, self.meq);
        let xs = x.to_vec();
        for c in self.list {
            let j = match c.jac {
                Some(jf) => jf(x.view()),
                None => {
                    let f0 = (c.fun)(x.view());
                    let steps = match self.scheme {
                        Some((sch, rel)) => fd_steps(&xs, sch, rel, None, Some(&self.lb), Some(&self.ub)),
                        None => fd_steps(
                            &xs,
                            FdScheme::TwoPoint,
                            None,
                            Some(&[self.eps]),
                            Some(&self.lb),
                            Some(&self.ub),
                        ),
                    };
                    fd_jacobian(|v| (c.fun)(v), x, &f0, &steps).0
                }
            };
            if j.ncols() != n {
                return Err(Error::shape_mismatch("constraint jac", format!("{n} columns"), j.ncols()));
            }
            let pos = match c.kind {
                ConstraintType::Eq => &mut ie,
                ConstraintType::Ineq => &mut ii,
            };
            let len = j.nrows();
            if *pos + len > out.nrows() {
                return Err(Error::shape_mismatch("constraint jac", "one row per constraint value", len));
            }
            out.slice_mut(s![*pos..*pos + len, ..]).assign(&j);
            *pos += len;
        }
        Ok(out)
    }
}

pub(crate) fn slsqp<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<OptimizeResult> {
    let n = x0.len();
    let acc = o.ftol.or(o.tol).unwrap_or(1e-6);
    let maxiter = o.maxiter.unwrap_or(100);
    let eps = o.eps.unwrap_or(f64::EPSILON.sqrt());
    let (lb, ub): (Vec<f64>, Vec<f64>) = match &o.bounds {
        Some(b) => (b.lb.to_vec(), b.ub.to_vec()),
        None => (vec![f64::NEG_INFINITY; n], vec![f64::INFINITY; n]),
    };
    let clip = |x: &Array1<f64>| -> Array1<f64> { Array1::from_shape_fn(n, |i| x[i].max(lb[i]).min(ub[i])) };
    // Two-sided linear and nonlinear constraints become one-sided ones.
    let mut owned_funs: Vec<BoxedVecFn<'_>> = Vec::new();
    let mut owned_jacs: Vec<Option<BoxedMatFn<'_>>> = Vec::new();
    let mut kinds = Vec::new();
    for lc in &o.linear_constraints {
        let eq: Vec<usize> = (0..lc.lb.len()).filter(|&i| lc.lb[i] == lc.ub[i]).collect();
        let lo: Vec<usize> =
            (0..lc.lb.len()).filter(|&i| lc.lb[i] != lc.ub[i] && lc.lb[i].is_finite()).collect();
        let hi: Vec<usize> =
            (0..lc.lb.len()).filter(|&i| lc.lb[i] != lc.ub[i] && lc.ub[i].is_finite()).collect();
        if !eq.is_empty() {
            let a = lc.a.select(sci_core::ndarray::Axis(0), &eq);
            let b = lc.lb.select(sci_core::ndarray::Axis(0), &eq);
            let a2 = a.clone();
            owned_funs.push(Box::new(move |x| a.dot(&x) - &b));
            owned_jacs.push(Some(Box::new(move |_x| a2.clone())));
            kinds.push(ConstraintType::Eq);
        }
        if !lo.is_empty() || !hi.is_empty() {
            let mut rows = Vec::new();
            let mut rhs = Vec::new();
            for &i in &lo {
                rows.push(lc.a.row(i).to_owned());
                rhs.push(-lc.lb[i]);
            }
            for &i in &hi {
                rows.push(lc.a.row(i).mapv(|v| -v));
                rhs.push(lc.ub[i]);
            }
            let a = Array2::from_shape_fn((rows.len(), n), |(r, c)| rows[r][c]);
            let b = Array1::from(rhs);
            let a2 = a.clone();
            owned_funs.push(Box::new(move |x| a.dot(&x) + &b));
            owned_jacs.push(Some(Box::new(move |_x| a2.clone())));
            kinds.push(ConstraintType::Ineq);
        }
    }
    for nc in &o.nonlinear_constraints {
        let m_nc = nc.lb.len();
        let eq: Vec<usize> = (0..m_nc).filter(|&i| nc.lb[i] == nc.ub[i]).collect();
        let lo: Vec<usize> = (0..m_nc).filter(|&i| nc.lb[i] != nc.ub[i] && nc.lb[i].is_finite()).collect();
        let hi: Vec<usize> = (0..m_nc).filter(|&i| nc.lb[i] != nc.ub[i] && nc.ub[i].is_finite()).collect();
        let fun = nc.fun;
        let jac = nc.jac;
        let pick = move |v: &Array1<f64>, i: usize| v.get(i).copied().unwrap_or(f64::NAN);
        if !eq.is_empty() {
            let (eq1, eq2) = (eq.clone(), eq.clone());
            let lb = nc.lb.clone();
            owned_funs.push(Box::new(move |x| {
                let v = fun(x);
                Array1::from_shape_fn(eq1.len(), |k| pick(&v, eq1[k]) - lb[eq1[k]])
            }));
            owned_jacs.push(jac.map(|j| {
                Box::new(move |x: ArrayView1<'_, f64>| {
                    let jm = j(x);
                    Array2::from_shape_fn((eq2.len(), n), |(r, c)| {
                        jm.get((eq2[r], c)).copied().unwrap_or(f64::NAN)
                    })
                }) as Box<dyn Fn(ArrayView1<'_, f64>) -> Array2<f64>>
            }));
            kinds.push(ConstraintType::Eq);
        }
        if !lo.is_empty() || !hi.is_empty() {
            let (lo1, hi1, lo2, hi2) = (lo.clone(), hi.clone(), lo.clone(), hi.clone());
            let (lb, ub) = (nc.lb.clone(), nc.ub.clone());
            owned_funs.push(Box::new(move |x| {
                let v = fun(x);
                let mut out: Vec<f64> = lo1.iter().map(|&i| pick(&v, i) - lb[i]).collect();
                out.extend(hi1.iter().map(|&i| ub[i] - pick(&v, i)));
                Array1::from(out)
            }));
            owned_jacs.push(jac.map(|j| {
                Box::new(move |x: ArrayView1<'_, f64>| {
                    let jm = j(x);
                    let rows = lo2.len() + hi2.len();
                    Array2::from_shape_fn((rows, n), |(r, c)| {
                        if r < lo2.len() {
                            jm.get((lo2[r], c)).copied().unwrap_or(f64::NAN)
                        } else {
                            -jm.get((hi2[r - lo2.len()], c)).copied().unwrap_or(f64::NAN)
                        }
                    })
                }) as Box<dyn Fn(ArrayView1<'_, f64>) -> Array2<f64>>
            }));
            kinds.push(ConstraintType::Ineq);
        }
    }
    let mut all_constraints: Vec<Constraint<'_>> = o.constraints.clone();
    for ((f, j), k) in owned_funs.iter().zip(owned_jacs.iter()).zip(kinds.iter()) {
        all_constraints.push(Constraint {
            kind: *k,
            fun: f.as_ref(),
            jac: j.as_ref().map(|b| b.as_ref() as MatFn<'_>),
        });
    }
    let mut meq = 0;
    let mut mieq = 0;
    for c in &all_constraints {
        let v = (c.fun)(x0.view());
        match c.kind {
            ConstraintType::Eq => meq += v.len(),
            ConstraintType::Ineq => mieq += v.len(),
        }
    }
    let scheme = match o.jac {
        Some(Jac::TwoPoint) => Some((FdScheme::TwoPoint, o.finite_diff_rel_step)),
        Some(Jac::ThreePoint) => Some((FdScheme::ThreePoint, o.finite_diff_rel_step)),
        _ => None,
    };
    let cons = Cons { list: &all_constraints, meq, mieq, lb: lb.clone(), ub: ub.clone(), eps, scheme };
    let m = meq + mieq;
    let fd_b = (lb.clone(), ub.clone());
    let mut obj = Objective::new(fun, grad_source(o, eps), &x0, Some((&fd_b.0, &fd_b.1)));
    let mut x = x0;
    let mut fx = obj.fun(clip(&x).view());
    let mut g = obj.grad(clip(&x).view());
    obj.check_grad()?;
    let mut cval = cons.values(&x)?;
    let mut a = cons.jacobian(&x)?;
    validate::check_finite("constraint values at x0", &cval)?;
    let mut bmat = Array2::<f64>::eye(n);
    let mut mu = Array1::<f64>::zeros(m);
    let mut iter = 0usize;
    let mut reset = 1usize;
    let mut stopped = false;
    let status: i32;
    // Bounds as inequality rows of the QP: d ≥ lb − x, −d ≥ x − ub.
    let bound_rows: Vec<(usize, f64)> = (0..n)
        .flat_map(|i| {
            let mut v = Vec::new();
            if lb[i].is_finite() {
                v.push((i, 1.0));
            }
            if ub[i].is_finite() {
                v.push((i, -1.0));
            }
            v
        })
        .collect();
    let mut r_mult = Array1::<f64>::zeros(m);
    'main: loop {
        iter += 1;
        if iter > maxiter {
            iter = maxiter;
            status = 9;
            break;
        }
        // Build and solve the QP subproblem (relaxed if inconsistent).
        let build = |aug: Option<f64>,
                     x: &Array1<f64>,
                     a: &Array2<f64>,
                     cval: &Array1<f64>,
                     bmat: &Array2<f64>,
                     g: &Array1<f64>| {
            let nn = if aug.is_some() { n + 1 } else { n };
            let mut bq = Array2::zeros((nn, nn));
            bq.slice_mut(s![..n, ..n]).assign(bmat);
            let mut gq = Array1::zeros(nn);
            gq.slice_mut(s![..n]).assign(g);
            if let Some(rho) = aug {
                bq[[n, n]] = rho;
            }
            let mut c = Array2::zeros((meq, nn));
            let mut h = Array1::zeros(meq);
            for j in 0..meq {
                c.row_mut(j).slice_mut(s![..n]).assign(&a.row(j));
                if aug.is_some() {
                    c[[j, n]] = -cval[j];
                }
                h[j] = -cval[j];
            }
            let extra = if aug.is_some() { 2 } else { 0 };
            let mi = mieq + bound_rows.len() + extra;
            let mut gm = Array2::zeros((mi, nn));
            let mut q = Array1::zeros(mi);
            for j in 0..mieq {
                gm.row_mut(j).slice_mut(s![..n]).assign(&a.row(meq + j));
                if aug.is_some() {
                    gm[[j, n]] = (-cval[meq + j]).max(0.0);
                }
                q[j] = -cval[meq + j];
            }
            for (k, &(i, sgn)) in bound_rows.iter().enumerate() {
                let r = mieq + k;
                gm[[r, i]] = sgn;
                q[r] = if sgn > 0.0 { lb[i] - x[i] } else { x[i] - ub[i] };
            }
            if aug.is_some() {
                let r = mieq + bound_rows.len();
                gm[[r, n]] = 1.0; // δ ≥ 0
                q[r] = 0.0;
                gm[[r + 1, n]] = -1.0; // δ ≤ 1
                q[r + 1] = -1.0;
            }
            solve_qp(&bq, &gq, &c, &h, &gm, &q)
        };
        let mut h4 = 1.0;
        let sol = match build(None, &x, &a, &cval, &bmat, &g) {
            Ok(s) => s,
            Err(_) => {
                let mut rho = 100.0;
                let mut found = None;
                for _ in 0..6 {
                    match build(Some(rho), &x, &a, &cval, &bmat, &g) {
                        Ok(s) => {
                            found = Some(s);
                            break;
                        }
                        Err(_) => rho *= 10.0,
                    }
                }
                match found {
                    Some(sv) => {
                        h4 = 1.0 - sv.d[n];
                        QpSol {
                            d: sv.d.slice(s![..n]).to_owned(),
                            lambda: sv.lambda.slice(s![..m]).to_owned(),
                        }
                    }
                    None => {
                        status = 4;
                        break 'main;
                    }
                }
            }
        };
        let mut sdir = sol.d;
        r_mult.assign(&sol.lambda.slice(s![..m]));
        // Lagrangian gradient at the old point (for the BFGS update).
        let v_old = &g - &a.t().dot(&r_mult);
        let f0 = fx;
        let x0v = x.clone();
        let gs = g.dot(&sdir);
        let mut h1 = gs.abs();
        let mut h2 = 0.0;
        for j in 0..m {
            let h3 = if j < meq { cval[j] } else { 0.0 };
            h2 += (-cval[j]).max(h3);
            let h3 = r_mult[j].abs();
            mu[j] = h3.max((mu[j] + h3) / 2.0);
            h1 += h3 * cval[j].abs();
        }
        if h1 < acc && h2 < acc {
            status = 0;
            break;
        }
        let mut h1 = 0.0;
        for j in 0..m {
            let h3 = if j < meq { cval[j] } else { 0.0 };
            h1 += mu[j] * (-cval[j]).max(h3);
        }
        let t0 = fx + h1;
        let mut h3 = gs - h1 * h4;
        if h3 >= 0.0 {
            reset += 1;
            if reset > 5 {
                status = 8;
                break;
            }
            bmat = Array2::eye(n);
            continue;
        }
        // Inexact L1 line search.
        let mut line = 0;
        let mut alpha = 1.0;
        loop {
            line += 1;
            h3 *= alpha;
            sdir.mapv_inplace(|v| v * alpha);
            x = &x0v + &sdir;
            fx = obj.fun(clip(&x).view());
            cval = cons.values(&x)?;
            let mut t = fx;
            for j in 0..m {
                let h = if j < meq { cval[j] } else { 0.0 };
                t += mu[j] * (-cval[j]).max(h);
            }
            let h1l = t - t0;
            if h1l <= h3 / 10.0 || line > 10 {
                break;
            }
            alpha = (h3 / (2.0 * (h3 - h1l))).max(0.1);
            if !alpha.is_finite() {
                alpha = 0.1;
            }
        }
        // Convergence check.
        let mut hc = 0.0;
        for j in 0..m {
            let h = if j < meq { cval[j] } else { 0.0 };
            hc += (-cval[j]).max(h);
        }
        let snorm = sdir.dot(&sdir).sqrt();
        let converged = ((fx - f0).abs() < acc || snorm < acc) && hc < acc;
        if let Some(cb) = o.callback
            && cb(x.view(), fx)
        {
            stopped = true;
        }
        if converged {
            status = 0;
            break;
        }
        if stopped {
            status = 99;
            break;
        }
        // Gradients at the new point and the damped BFGS update.
        g = obj.grad(clip(&x).view());
        a = cons.jacobian(&x)?;
        let u = &(&g - &a.t().dot(&r_mult)) - &v_old;
        let bs = bmat.dot(&sdir);
        let mut uu = u;
        let mut hh1 = sdir.dot(&uu);
        let hh2 = sdir.dot(&bs);
        let hh3 = 0.2 * hh2;
        if hh1 < hh3 {
            let h4d = (hh2 - hh3) / (hh2 - hh1);
            hh1 = hh3;
            uu = &(&uu * h4d) + &(&bs * (1.0 - h4d));
        }
        if hh1 != 0.0 && hh2 != 0.0 && hh1.is_finite() && hh2.is_finite() {
            for i in 0..n {
                for j in 0..n {
                    bmat[[i, j]] += uu[i] * uu[j] / hh1 - bs[i] * bs[j] / hh2;
                }
            }
        }
        let _ = &mut h3;
    }
    let x = clip(&x);
    let status = if stopped { 99 } else { status };
    let message = match status {
        0 => "Optimization terminated successfully",
        4 => "Inequality constraints incompatible",
        8 => "Positive directional derivative for linesearch",
        9 => "Iteration limit reached",
        99 => MSG_CALLBACK,
        _ => "SLSQP stopped",
    };
    obj.check_grad()?;
    Ok(OptimizeResult {
        x,
        fun: fx,
        jac: Some(g),
        hess_inv: None,
        nit: iter,
        nfev: obj.nfev,
        njev: obj.ngev,
        nhev: 0,
        status,
        success: status == 0,
        message: message.into(),
        final_simplex: None,
        maxcv: None,
    })
}
