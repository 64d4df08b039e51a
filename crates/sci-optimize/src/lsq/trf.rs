//! Trust Region Reflective least squares, SciPy's `_lsq/trf.py` with the exact (SVD-based)
//! trust-region solver.

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result};

use super::tall_r::tall_r;
use super::{LeastSquaresOptions, LeastSquaresResult, Loss, message_for};

pub(crate) fn norm(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

pub(crate) fn find_active_constraints(
    x: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
    rtol: f64,
) -> Array1<i32> {
    let n = x.len();
    let mut active = Array1::zeros(n);
    for i in 0..n {
        if rtol == 0.0 {
            if x[i] <= lb[i] {
                active[i] = -1;
            }
            if x[i] >= ub[i] {
                active[i] = 1;
            }
            continue;
        }
        let ld = x[i] - lb[i];
        let ud = ub[i] - x[i];
        let lt = rtol * lb[i].abs().max(1.0);
        let ut = rtol * ub[i].abs().max(1.0);
        if lb[i].is_finite() && ld <= ud.min(lt) {
            active[i] = -1;
        }
        if ub[i].is_finite() && ud <= ld.min(ut) {
            active[i] = 1;
        }
    }
    active
}

pub(crate) fn make_strictly_feasible(
    x: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
    rstep: f64,
) -> Array1<f64> {
    let mut xn = x.clone();
    let active = find_active_constraints(x, lb, ub, rstep);
    for i in 0..x.len() {
        if active[i] == -1 {
            xn[i] =
                if rstep == 0.0 { next_toward(lb[i], ub[i]) } else { lb[i] + rstep * lb[i].abs().max(1.0) };
        } else if active[i] == 1 {
            xn[i] =
                if rstep == 0.0 { next_toward(ub[i], lb[i]) } else { ub[i] - rstep * ub[i].abs().max(1.0) };
        }
        if xn[i] < lb[i] || xn[i] > ub[i] {
            xn[i] = 0.5 * (lb[i] + ub[i]);
        }
    }
    xn
}

fn next_toward(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() || x == y || x.is_infinite() {
        return x;
    }
    if x == 0.0 {
        let tiny = f64::from_bits(1);
        return if y > 0.0 { tiny } else { -tiny };
    }
    let bits = x.to_bits();
    let up = (y > x) == (x > 0.0);
    f64::from_bits(if up { bits + 1 } else { bits - 1 })
}

fn cl_scaling(
    x: &Array1<f64>,
    g: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
) -> (Array1<f64>, Array1<f64>) {
    let n = x.len();
    let mut v = Array1::ones(n);
    let mut dv = Array1::zeros(n);
    for i in 0..n {
        if g[i] < 0.0 && ub[i].is_finite() {
            v[i] = ub[i] - x[i];
            dv[i] = -1.0;
        }
        if g[i] > 0.0 && lb[i].is_finite() {
            v[i] = x[i] - lb[i];
            dv[i] = 1.0;
        }
    }
    (v, dv)
}

pub(crate) fn in_bounds(x: &Array1<f64>, lb: &Array1<f64>, ub: &Array1<f64>) -> bool {
    (0..x.len()).all(|i| x[i] >= lb[i] && x[i] <= ub[i])
}

pub(crate) fn step_size_to_bound(
    x: &Array1<f64>,
    s: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
) -> (f64, Array1<f64>) {
    let n = x.len();
    let mut steps = Array1::from_elem(n, f64::INFINITY);
    for i in 0..n {
        if s[i] != 0.0 {
            steps[i] = ((lb[i] - x[i]) / s[i]).max((ub[i] - x[i]) / s[i]);
        }
    }
    let min_step = steps.iter().copied().fold(f64::INFINITY, f64::min);
    let hits = Array1::from_shape_fn(n, |i| {
        if steps[i] == min_step { s[i].signum() * if s[i] == 0.0 { 0.0 } else { 1.0 } } else { 0.0 }
    });
    (min_step, hits)
}

fn intersect_trust_region(x: &Array1<f64>, s: &Array1<f64>, delta: f64) -> (f64, f64) {
    let a = s.dot(s);
    let b = x.dot(s);
    let c = x.dot(x) - delta * delta;
    let d = (b * b - a * c).max(0.0).sqrt();
    let q = -(b + d.copysign(b));
    let t1 = q / a;
    let t2 = c / q;
    if t1 < t2 { (t1, t2) } else { (t2, t1) }
}

/// Something that multiplies a vector by a Jacobian: a dense matrix, or `J·diag(d)` applied
/// without forming it.
pub(crate) trait ApplyJ {
    fn apply(&self, s: &Array1<f64>) -> Array1<f64>;
}

impl ApplyJ for Array2<f64> {
    fn apply(&self, s: &Array1<f64>) -> Array1<f64> {
        tall_matvec(self, s.iter().copied())
    }
}

/// `J·v` as a sum of scaled columns: for the tall, narrow Jacobians of least squares this
/// streams each column once (contiguously when `J` is column-major, as finite-difference
/// Jacobians are), where a row-by-row product pays loop overhead on every short row.
fn tall_matvec(j: &Array2<f64>, v: impl Iterator<Item = f64>) -> Array1<f64> {
    let mut out = Array1::zeros(j.nrows());
    for (c, vc) in v.enumerate() {
        out.scaled_add(vc, &j.column(c));
    }
    out
}

/// `J·diag(d)`, the Jacobian in the scaled variables, as an operator.
struct ScaledJac<'a> {
    j: &'a Array2<f64>,
    d: &'a Array1<f64>,
}

impl ApplyJ for ScaledJac<'_> {
    fn apply(&self, s: &Array1<f64>) -> Array1<f64> {
        tall_matvec(self.j, self.d.iter().zip(s).map(|(d, s)| d * s))
    }
}

pub(crate) fn evaluate_quadratic<J: ApplyJ + ?Sized>(
    jh: &J,
    g: &Array1<f64>,
    s: &Array1<f64>,
    diag: Option<&Array1<f64>>,
) -> f64 {
    let js = jh.apply(s);
    let mut q = js.dot(&js);
    if let Some(d) = diag {
        q += (s * d).dot(s);
    }
    0.5 * q + s.dot(g)
}

pub(crate) fn build_quadratic_1d<J: ApplyJ + ?Sized>(
    jh: &J,
    g: &Array1<f64>,
    s: &Array1<f64>,
    diag: Option<&Array1<f64>>,
    s0: Option<&Array1<f64>>,
) -> (f64, f64, f64) {
    let v = jh.apply(s);
    let mut a = v.dot(&v);
    if let Some(d) = diag {
        a += (s * d).dot(s);
    }
    a *= 0.5;
    let mut b = g.dot(s);
    let mut c = 0.0;
    if let Some(s0) = s0 {
        let u = jh.apply(s0);
        b += u.dot(&v);
        c = 0.5 * u.dot(&u) + g.dot(s0);
        if let Some(d) = diag {
            b += (s0 * d).dot(s);
            c += 0.5 * (s0 * d).dot(s0);
        }
    }
    (a, b, c)
}

pub(crate) fn minimize_quadratic_1d(a: f64, b: f64, lb: f64, ub: f64, c: f64) -> (f64, f64) {
    let mut ts = vec![lb, ub];
    if a != 0.0 {
        let e = -0.5 * b / a;
        if lb < e && e < ub {
            ts.push(e);
        }
    }
    let mut best = (ts[0], ts[0] * (a * ts[0] + b) + c);
    for &t in &ts[1..] {
        let y = t * (a * t + b) + c;
        if y < best.1 {
            best = (t, y);
        }
    }
    best
}

/// Exact solution of the trust-region subproblem from the SVD (More's method on `φ(α)`).
fn solve_lsq_trust_region(
    n: usize,
    m: usize,
    uf: &Array1<f64>,
    s: &Array1<f64>,
    v: &Array2<f64>,
    delta: f64,
    initial_alpha: f64,
) -> (Array1<f64>, f64) {
    let suf = s * uf;
    let full_rank = if m >= n { s[s.len() - 1] > f64::EPSILON * m as f64 * s[0] } else { false };
    if full_rank {
        let p = -v.dot(&(uf / s));
        if norm(&p) <= delta {
            return (p, 0.0);
        }
    }
    let phi_d = |alpha: f64| -> (f64, f64) {
        let denom = s.mapv(|x| x * x + alpha);
        let q = &suf / &denom;
        let p_norm = norm(&q);
        let phi = p_norm - delta;
        let mut sum = 0.0;
        for i in 0..s.len() {
            sum += suf[i] * suf[i] / denom[i].powi(3);
        }
        (phi, -sum / p_norm)
    };
    let mut alpha_upper = norm(&suf) / delta;
    let mut alpha_lower = if full_rank {
        let (phi, phi_prime) = phi_d(0.0);
        -phi / phi_prime
    } else {
        0.0
    };
    let mut alpha = if !full_rank && initial_alpha == 0.0 {
        (0.001 * alpha_upper).max((alpha_lower * alpha_upper).sqrt())
    } else {
        initial_alpha
    };
    for _ in 0..10 {
        if alpha < alpha_lower || alpha > alpha_upper {
            alpha = (0.001 * alpha_upper).max((alpha_lower * alpha_upper).sqrt());
        }
        let (phi, phi_prime) = phi_d(alpha);
        if phi < 0.0 {
            alpha_upper = alpha;
        }
        let ratio = phi / phi_prime;
        alpha_lower = alpha_lower.max(alpha - ratio);
        alpha -= (phi + delta) * ratio / delta;
        if phi.abs() < 0.01 * delta {
            break;
        }
    }
    let denom = s.mapv(|x| x * x + alpha);
    let mut p = -v.dot(&(&suf / &denom));
    let pn = norm(&p);
    if pn > 0.0 {
        p *= delta / pn;
    }
    (p, alpha)
}

pub(crate) fn update_tr_radius(
    delta: f64,
    actual: f64,
    predicted: f64,
    step_norm: f64,
    bound_hit: bool,
) -> (f64, f64) {
    let ratio = if predicted > 0.0 {
        actual / predicted
    } else if predicted == actual && actual == 0.0 {
        1.0
    } else {
        0.0
    };
    let d = if ratio < 0.25 {
        0.25 * step_norm
    } else if ratio > 0.75 && bound_hit {
        delta * 2.0
    } else {
        delta
    };
    (d, ratio)
}

pub(crate) fn check_termination(
    df: f64,
    f: f64,
    dx_norm: f64,
    x_norm: f64,
    ratio: f64,
    ftol: f64,
    xtol: f64,
) -> Option<i32> {
    let ftol_ok = df < ftol * f && ratio > 0.25;
    let xtol_ok = dx_norm < xtol * (xtol + x_norm);
    match (ftol_ok, xtol_ok) {
        (true, true) => Some(4),
        (true, false) => Some(2),
        (false, true) => Some(3),
        _ => None,
    }
}

/// Loss-weighted residuals and Jacobian: `(cost, J_scaled, f_scaled)`.
pub(crate) fn apply_loss(
    loss: Loss,
    f_scale: f64,
    j: Array2<f64>,
    f: &Array1<f64>,
) -> (f64, Array2<f64>, Array1<f64>) {
    if loss == Loss::Linear {
        return (0.5 * f.dot(f), j, f.clone());
    }
    let m = f.len();
    let fs2 = f_scale * f_scale;
    let mut j = j;
    let mut fo = f.clone();
    let mut cost = 0.0;
    for i in 0..m {
        let z = (f[i] / f_scale).powi(2);
        let (r0, r1, r2) = loss.rho(z);
        let (r0, r2) = (r0 * fs2, r2 / fs2);
        cost += r0;
        let mut js = r1 + 2.0 * r2 * f[i] * f[i];
        if js < f64::EPSILON {
            js = f64::EPSILON;
        }
        let js = js.sqrt();
        fo[i] = f[i] * r1 / js;
        j.row_mut(i).mapv_inplace(|v| v * js);
    }
    (0.5 * cost, j, fo)
}

pub(crate) fn loss_cost(loss: Loss, f_scale: f64, f: &Array1<f64>) -> f64 {
    if loss == Loss::Linear {
        return 0.5 * f.dot(f);
    }
    let fs2 = f_scale * f_scale;
    0.5 * fs2 * f.iter().map(|v| loss.rho((v / f_scale).powi(2)).0).sum::<f64>()
}

pub(crate) fn jac_scale(j: &Array2<f64>, old: Option<&Array1<f64>>) -> (Array1<f64>, Array1<f64>) {
    let n = j.ncols();
    let mut inv = Array1::from_shape_fn(n, |c| j.column(c).dot(&j.column(c)).sqrt());
    match old {
        None => inv.mapv_inplace(|v| if v == 0.0 { 1.0 } else { v }),
        Some(o) => {
            for i in 0..n {
                inv[i] = inv[i].max(o[i]);
            }
        }
    }
    (inv.mapv(|v| 1.0 / v), inv)
}

fn svd_thin(a: &Array2<f64>) -> Result<(Array2<f64>, Array1<f64>, Array2<f64>)> {
    let s = sci_linalg::svd_with(a, &sci_linalg::SvdOptions { full_matrices: false, check_finite: true })?;
    Ok((s.u, s.s, s.vh.t().to_owned()))
}

/// The singular values `s` and right singular vectors `V` of the `m×n` matrix `a` (as
/// columns), and `Uᵀf` — all the trust-region subproblem needs; `U` itself is not returned.
///
/// For tall matrices (`m ≥ 2(n+1)`, the usual least-squares shape) the `R` factor of the QR
/// decomposition of `[a | f]` carries both `a = Q R₁₁` and `Qᵀf = R₁,ₙ₊₁`, so
/// `a = (Q U_R) S Vᵀ` from the small SVD `R₁₁ = U_R S Vᵀ` and `Uᵀf = U_Rᵀ R₁,ₙ₊₁`: one
/// Householder pass over the data (`≈ 2m(n+1)²` flops) instead of a bidiagonalization and
/// the `m×n` factor `U`.
fn svd_projected(a: &Array2<f64>, f: &Array1<f64>) -> Result<(Array1<f64>, Array2<f64>, Array1<f64>)> {
    use sci_core::ndarray::s;
    let (m, n) = a.dim();
    if m < 2 * (n + 1) {
        let (u, sv, v) = svd_thin(a)?;
        let uf = u.t().dot(f);
        return Ok((sv, v, uf));
    }
    let mut af = Array2::zeros((m, n + 1));
    af.slice_mut(s![.., ..n]).assign(a);
    af.column_mut(n).assign(f);
    let r = sci_linalg::qr_r(&af, &sci_linalg::QrOptions { economic: true, check_finite: true })?;
    svd_of_triangle(&r)
}

/// `(S, V, U_Rᵀ r)` from the `(n+1)×(n+1)` triangle `[R₁₁ r; 0 ρ]` (see [`svd_projected`]).
fn svd_of_triangle(r: &Array2<f64>) -> Result<(Array1<f64>, Array2<f64>, Array1<f64>)> {
    use sci_core::ndarray::s;
    let n = r.ncols() - 1;
    let (u, sv, v) = svd_thin(&r.slice(s![..n, ..n]).to_owned())?;
    let uf = u.t().dot(&r.slice(s![..n, n]));
    Ok((sv, v, uf))
}

/// Widest system (`n + 1` columns) reduced by the streamed [`tall_r`]; wider ones go
/// through a blocked dense QR.
const STREAMED_MAX_COLS: usize = 32;

/// [`svd_projected`] of `J·diag(d)` over `f`, with the rows `[diag(tail) | 0]` appended when
/// `tail` is given (the bound-scaling rows of the trust-region system). Narrow systems are
/// streamed through [`tall_r`] without forming the scaled or augmented matrix.
fn project_scaled(
    jm: &Array2<f64>,
    d: &Array1<f64>,
    f: &Array1<f64>,
    tail: Option<&Array1<f64>>,
) -> Result<(Array1<f64>, Array2<f64>, Array1<f64>)> {
    let (m, n) = jm.dim();
    let rows = m + tail.map_or(0, |_| n);
    if n < STREAMED_MAX_COLS && rows >= 2 * (n + 1) {
        let r = tall_r(rows, n + 1, |i0, c, out| {
            // Data rows first (a scaled column of J, or f), then the tail rows, if any; a
            // block may start inside the tail (`i0 > m`).
            let data = out.len().min(m.saturating_sub(i0));
            let (head, rest) = out.split_at_mut(data);
            if data > 0 {
                let rows_here = sci_core::ndarray::s![i0..i0 + data];
                if c < n {
                    let dc = d[c];
                    head.iter_mut().zip(jm.column(c).slice(rows_here)).for_each(|(o, v)| *o = v * dc);
                } else {
                    head.iter_mut().zip(f.slice(rows_here)).for_each(|(o, v)| *o = *v);
                }
            }
            let first_tail = (i0 + data).saturating_sub(m);
            for (i, o) in rest.iter_mut().enumerate() {
                *o = match tail {
                    Some(t) if c == first_tail + i => t[c],
                    _ => 0.0,
                };
            }
        });
        let r = Array2::from_shape_vec((n + 1, n + 1), r)
            .map_err(|e| Error::invalid_argument("jac", format!("internal shape error: {e}")))?;
        return svd_of_triangle(&r);
    }
    let mut a = Array2::zeros((rows, n));
    let mut fa = Array1::zeros(rows);
    for c in 0..n {
        a.slice_mut(sci_core::ndarray::s![..m, c]).assign(&(&jm.column(c) * d[c]));
    }
    fa.slice_mut(sci_core::ndarray::s![..m]).assign(f);
    if let Some(t) = tail {
        for i in 0..n {
            a[[m + i, i]] = t[i];
        }
    }
    svd_projected(&a, &fa)
}

#[allow(clippy::too_many_arguments)]
fn select_step<J: ApplyJ>(
    x: &Array1<f64>,
    jh: &J,
    diag_h: &Array1<f64>,
    g_h: &Array1<f64>,
    mut p: Array1<f64>,
    mut p_h: Array1<f64>,
    d: &Array1<f64>,
    delta: f64,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
    theta: f64,
) -> (Array1<f64>, Array1<f64>, f64) {
    if in_bounds(&(x + &p), lb, ub) {
        let pv = evaluate_quadratic(jh, g_h, &p_h, Some(diag_h));
        return (p, p_h, -pv);
    }
    let (p_stride, hits) = step_size_to_bound(x, &p, lb, ub);
    let mut r_h = p_h.clone();
    for i in 0..r_h.len() {
        if hits[i] != 0.0 {
            r_h[i] = -r_h[i];
        }
    }
    let mut r = d * &r_h;
    p *= p_stride;
    p_h *= p_stride;
    let x_on_bound = x + &p;
    let (_, to_tr) = intersect_trust_region(&p_h, &r_h, delta);
    let (to_bound, _) = step_size_to_bound(&x_on_bound, &r, lb, ub);
    let r_stride = to_bound.min(to_tr);
    let (r_stride_l, r_stride_u) = if r_stride > 0.0 {
        let l = (1.0 - theta) * p_stride / r_stride;
        let u = if r_stride == to_bound { theta * to_bound } else { to_tr };
        (l, u)
    } else {
        (0.0, -1.0)
    };
    let r_value;
    if r_stride_l <= r_stride_u {
        let (a, b, c) = build_quadratic_1d(jh, g_h, &r_h, Some(diag_h), Some(&p_h));
        let (rs, rv) = minimize_quadratic_1d(a, b, r_stride_l, r_stride_u, c);
        r_h = &r_h * rs + &p_h;
        r = &r_h * d;
        r_value = rv;
    } else {
        r_value = f64::INFINITY;
    }
    p *= theta;
    p_h *= theta;
    let p_value = evaluate_quadratic(jh, g_h, &p_h, Some(diag_h));
    let mut ag_h = -g_h;
    let mut ag = d * &ag_h;
    let to_tr = delta / norm(&ag_h);
    let (to_bound, _) = step_size_to_bound(x, &ag, lb, ub);
    let ag_stride = if to_bound < to_tr { theta * to_bound } else { to_tr };
    let (a, b, _) = build_quadratic_1d(jh, g_h, &ag_h, Some(diag_h), None);
    let (ag_stride, ag_value) = minimize_quadratic_1d(a, b, 0.0, ag_stride, 0.0);
    ag_h *= ag_stride;
    ag *= ag_stride;
    if p_value < r_value && p_value < ag_value {
        (p, p_h, -p_value)
    } else if r_value < p_value && r_value < ag_value {
        (r, r_h, -r_value)
    } else {
        (ag, ag_h, -ag_value)
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn trf<F, J>(
    fun: &F,
    jac: &J,
    x0: Array1<f64>,
    f0: Array1<f64>,
    j0: Array2<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
    o: &LeastSquaresOptions<'_>,
    x_scale: Option<Array1<f64>>,
) -> Result<LeastSquaresResult>
where
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
    J: Fn(&Array1<f64>, &Array1<f64>) -> Result<Array2<f64>>,
{
    let bounded = lb.iter().any(|v| v.is_finite()) || ub.iter().any(|v| v.is_finite());
    let (m, n) = j0.dim();
    let mut x = x0.clone();
    let mut f_true = f0.clone();
    let mut nfev = 1usize;
    let mut njev = 1usize;
    let (mut cost, mut jm, mut f) = apply_loss(o.loss, o.f_scale, j0, &f0);
    let mut g = jm.t().dot(&f);
    let jac_scaling = x_scale.is_none();
    let (mut scale, mut scale_inv) = match &x_scale {
        None => jac_scale(&jm, None),
        Some(s) => (s.clone(), s.mapv(|v| 1.0 / v)),
    };
    let mut delta = if bounded {
        let (mut v, dv) = cl_scaling(&x, &g, lb, ub);
        for i in 0..n {
            if dv[i] != 0.0 {
                v[i] *= scale_inv[i];
            }
        }
        norm(&Array1::from_shape_fn(n, |i| x0[i] * scale_inv[i] / v[i].sqrt()))
    } else {
        norm(&(&x0 * &scale_inv))
    };
    if delta == 0.0 || !delta.is_finite() {
        delta = 1.0;
    }
    let max_nfev = o.max_nfev.unwrap_or(100 * n);
    let mut alpha = 0.0;
    let mut status: Option<i32> = None;
    let mut g_norm;
    loop {
        let (mut v, dv) =
            if bounded { cl_scaling(&x, &g, lb, ub) } else { (Array1::ones(n), Array1::zeros(n)) };
        g_norm = (&g * &v).iter().fold(0.0f64, |a, b| a.max(b.abs()));
        if g_norm < o.gtol {
            status = Some(1);
        }
        if status.is_some() || nfev == max_nfev {
            break;
        }
        for i in 0..n {
            if dv[i] != 0.0 {
                v[i] *= scale_inv[i];
            }
        }
        let d = Array1::from_shape_fn(n, |i| v[i].sqrt() * scale[i]);
        let diag_h = Array1::from_shape_fn(n, |i| g[i] * dv[i] * scale[i]);
        let g_h = &d * &g;
        let jh = ScaledJac { j: &jm, d: &d };
        let tail = bounded.then(|| diag_h.mapv(|v| v.max(0.0).sqrt()));
        let (s, vv, uf) = project_scaled(&jm, &d, &f, tail.as_ref())?;
        let theta = 0.995f64.max(1.0 - g_norm);
        let mut actual_reduction = -1.0;
        let mut x_new = x.clone();
        let mut f_new = f_true.clone();
        let mut cost_new = cost;
        while actual_reduction <= 0.0 && nfev < max_nfev {
            let (p_h, a_new) = solve_lsq_trust_region(n, m, &uf, &s, &vv, delta, alpha);
            alpha = a_new;
            let (step, step_h, predicted) = if bounded {
                let p = &d * &p_h;
                let (st, sth, pr) = select_step(&x, &jh, &diag_h, &g_h, p, p_h, &d, delta, lb, ub, theta);
                (st, sth, pr)
            } else {
                let pr = -evaluate_quadratic(&jh, &g_h, &p_h, None);
                (&d * &p_h, p_h, pr)
            };
            x_new = if bounded { make_strictly_feasible(&(&x + &step), lb, ub, 0.0) } else { &x + &step };
            f_new = fun(x_new.view());
            if f_new.len() != m {
                return Err(Error::shape_mismatch(
                    "fun(x)",
                    format!("length {m}"),
                    format!("length {}", f_new.len()),
                ));
            }
            nfev += 1;
            let step_h_norm = norm(&step_h);
            if f_new.iter().any(|v| !v.is_finite()) {
                delta = 0.25 * step_h_norm;
                continue;
            }
            cost_new = loss_cost(o.loss, o.f_scale, &f_new);
            actual_reduction = cost - cost_new;
            let (delta_new, ratio) =
                update_tr_radius(delta, actual_reduction, predicted, step_h_norm, step_h_norm > 0.95 * delta);
            let step_norm = norm(&step);
            status = check_termination(actual_reduction, cost, step_norm, norm(&x), ratio, o.ftol, o.xtol);
            if status.is_some() {
                break;
            }
            alpha *= delta / delta_new;
            delta = delta_new;
        }
        if actual_reduction > 0.0 {
            x = x_new;
            f_true = f_new;
            cost = cost_new;
            let jn = jac(&x, &f_true)?;
            njev += 1;
            let (_, js, fs) = apply_loss(o.loss, o.f_scale, jn, &f_true);
            jm = js;
            f = fs;
            g = jm.t().dot(&f);
            if jac_scaling {
                let (sc, si) = jac_scale(&jm, Some(&scale_inv));
                scale = sc;
                scale_inv = si;
            }
        }
    }
    let status = status.unwrap_or(0);
    let active_mask = if bounded { find_active_constraints(&x, lb, ub, o.xtol) } else { Array1::zeros(n) };
    Ok(LeastSquaresResult {
        x,
        cost,
        fun: f_true,
        jac: jm,
        grad: g,
        optimality: g_norm,
        active_mask,
        nfev,
        njev,
        status,
        message: message_for(status).into(),
        success: status > 0,
    })
}
