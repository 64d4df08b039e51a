//! The dogbox least-squares method (Voglis & Lagaris 2004), SciPy's `_lsq/dogbox.py` with the
//! exact solver: a dogleg step inside the intersection of a box-shaped trust region and the
//! bounds, with variables on active bounds held fixed.

use sci_core::ndarray::{Array1, Array2, ArrayView1, Axis};
use sci_core::{Error, Result};

use super::trf::{
    apply_loss, build_quadratic_1d, check_termination, evaluate_quadratic, in_bounds, jac_scale, loss_cost,
    minimize_quadratic_1d, norm, step_size_to_bound, update_tr_radius,
};
use super::{LeastSquaresOptions, LeastSquaresResult, message_for};

fn inf_norm(v: &Array1<f64>) -> f64 {
    v.iter().fold(0.0f64, |a, b| a.max(b.abs()))
}

/// Returns `(step, bound_hits, tr_hit)`.
#[allow(clippy::too_many_arguments)]
fn dogleg_step(
    x: &Array1<f64>,
    newton: &Array1<f64>,
    g: &Array1<f64>,
    a: f64,
    b: f64,
    tr_bounds: &Array1<f64>,
    lb: &Array1<f64>,
    ub: &Array1<f64>,
) -> (Array1<f64>, Array1<i32>, bool) {
    let n = x.len();
    let lbc = lb - x;
    let ubc = ub - x;
    let lbt = Array1::from_shape_fn(n, |i| lbc[i].max(-tr_bounds[i]));
    let ubt = Array1::from_shape_fn(n, |i| ubc[i].min(tr_bounds[i]));
    let mut hits_out = Array1::zeros(n);
    if in_bounds(newton, &lbt, &ubt) {
        return (newton.clone(), hits_out, false);
    }
    let (to_bounds, _) = step_size_to_bound(&Array1::zeros(n), &(-g), &lbt, &ubt);
    let cauchy = g * (-minimize_quadratic_1d(a, b, 0.0, to_bounds, 0.0).0);
    let diff = newton - &cauchy;
    let (step_size, hits) = step_size_to_bound(&cauchy, &diff, &lbt, &ubt);
    let mut tr_hit = false;
    for i in 0..n {
        if hits[i] < 0.0 && lbt[i] == lbc[i] {
            hits_out[i] = -1;
        }
        if hits[i] > 0.0 && ubt[i] == ubc[i] {
            hits_out[i] = 1;
        }
        if (hits[i] < 0.0 && lbt[i] == -tr_bounds[i]) || (hits[i] > 0.0 && ubt[i] == tr_bounds[i]) {
            tr_hit = true;
        }
    }
    (&cauchy + &(&diff * step_size), hits_out, tr_hit)
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn dogbox<F, J>(
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
    let (m, n) = j0.dim();
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
    let mut delta = inf_norm(&(&x0 * &scale_inv));
    if delta == 0.0 || !delta.is_finite() {
        delta = 1.0;
    }
    let mut on_bound: Array1<i32> = Array1::from_shape_fn(n, |i| {
        if x0[i] == lb[i] {
            -1
        } else if x0[i] == ub[i] {
            1
        } else {
            0
        }
    });
    let mut x = x0;
    let max_nfev = o.max_nfev.unwrap_or(100 * n);
    let mut status: Option<i32> = None;
    let mut g_norm;
    let mut g_full;
    loop {
        let active: Vec<bool> = (0..n).map(|i| (on_bound[i] as f64) * g[i] < 0.0).collect();
        let free: Vec<usize> = (0..n).filter(|&i| !active[i]).collect();
        g_full = g.clone();
        for i in 0..n {
            if active[i] {
                g[i] = 0.0;
            }
        }
        g_norm = inf_norm(&g);
        if g_norm < o.gtol {
            status = Some(1);
        }
        if status.is_some() || nfev == max_nfev {
            break;
        }
        let sel = |v: &Array1<f64>| v.select(Axis(0), &free);
        let (x_free, lb_free, ub_free, scale_free, g_free) =
            (sel(&x), sel(lb), sel(ub), sel(&scale), sel(&g));
        let j_free = jm.select(Axis(1), &free);
        let newton = sci_linalg::lstsq_with(
            &j_free,
            &(-&f),
            &sci_linalg::LstsqOptions { cond: Some(f64::EPSILON), check_finite: false },
        )
        .map(|r| r.x)
        .map_err(|e| Error::not_converged(format!("dogbox least-squares step ({e})"), None))?;
        let (a, b, _) = build_quadratic_1d(&j_free, &g_free, &(-&g_free), None, None);
        let mut actual_reduction = -1.0;
        let mut x_new = x.clone();
        let mut f_new = f_true.clone();
        let mut cost_new = cost;
        let mut on_bound_free = Array1::zeros(free.len());
        while actual_reduction <= 0.0 && nfev < max_nfev {
            let tr_bounds = &scale_free * delta;
            let (step_free, obf, tr_hit) =
                dogleg_step(&x_free, &newton, &g_free, a, b, &tr_bounds, &lb_free, &ub_free);
            on_bound_free = obf;
            let mut step = Array1::zeros(n);
            for (k, &i) in free.iter().enumerate() {
                step[i] = step_free[k];
            }
            let predicted = -evaluate_quadratic(&j_free, &g_free, &step_free, None);
            x_new = Array1::from_shape_fn(n, |i| (x[i] + step[i]).max(lb[i]).min(ub[i]));
            f_new = fun(x_new.view());
            if f_new.len() != m {
                return Err(Error::shape_mismatch(
                    "fun(x)",
                    format!("length {m}"),
                    format!("length {}", f_new.len()),
                ));
            }
            nfev += 1;
            let step_h_norm = inf_norm(&(&step * &scale_inv));
            if f_new.iter().any(|v| !v.is_finite()) {
                delta = 0.25 * step_h_norm;
                continue;
            }
            cost_new = loss_cost(o.loss, o.f_scale, &f_new);
            actual_reduction = cost - cost_new;
            let (dn, ratio) = update_tr_radius(delta, actual_reduction, predicted, step_h_norm, tr_hit);
            delta = dn;
            status = check_termination(actual_reduction, cost, norm(&step), norm(&x), ratio, o.ftol, o.xtol);
            if status.is_some() {
                break;
            }
        }
        if actual_reduction > 0.0 {
            for (k, &i) in free.iter().enumerate() {
                on_bound[i] = on_bound_free[k];
            }
            x = x_new;
            for i in 0..n {
                if on_bound[i] == -1 {
                    x[i] = lb[i];
                } else if on_bound[i] == 1 {
                    x[i] = ub[i];
                }
            }
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
    Ok(LeastSquaresResult {
        x,
        cost,
        fun: f_true,
        jac: jm,
        grad: g_full,
        optimality: g_norm,
        active_mask: on_bound,
        nfev,
        njev,
        status,
        message: message_for(status).into(),
        success: status > 0,
    })
}
