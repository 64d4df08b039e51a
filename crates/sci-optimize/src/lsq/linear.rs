//! Bounded linear least squares, SciPy's `lsq_linear`.

use sci_core::ndarray::{Array1, Array2, ArrayBase, Axis, Data, Ix1, Ix2};
use sci_core::{Error, Result, validate};

use crate::minimize::Bounds;

/// Algorithm of [`lsq_linear_with`], SciPy's `method=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LsqLinearMethod {
    /// SciPy's default `'trf'`; see the differences noted on [`lsq_linear_with`].
    #[default]
    Trf,
    /// Bounded-variable least squares (Stark & Parker 1995), an active-set method (`'bvls'`).
    Bvls,
}

/// Options of [`lsq_linear_with`].
#[derive(Debug, Clone, PartialEq)]
pub struct LsqLinearOptions {
    /// Box constraints (default: none).
    pub bounds: Option<Bounds>,
    /// The algorithm.
    pub method: LsqLinearMethod,
    /// Tolerance on the first-order optimality and relative cost change (1e-10).
    pub tol: f64,
    /// Iteration limit of the active-set loop (default `n` after the initial phase, as SciPy's BVLS).
    pub max_iter: Option<usize>,
}

impl Default for LsqLinearOptions {
    fn default() -> Self {
        LsqLinearOptions { bounds: None, method: LsqLinearMethod::Trf, tol: 1e-10, max_iter: None }
    }
}

/// The result of [`lsq_linear`].
#[derive(Debug, Clone, PartialEq)]
pub struct LsqLinearResult {
    /// The solution.
    pub x: Array1<f64>,
    /// Residuals `A x − b`.
    pub fun: Array1<f64>,
    /// `½‖A x − b‖²`.
    pub cost: f64,
    /// First-order optimality (KKT) measure.
    pub optimality: f64,
    /// `-1` at a lower bound, `1` at an upper bound, `0` free.
    pub active_mask: Array1<i32>,
    /// Iterations.
    pub nit: usize,
    /// SciPy's status: 3 unconstrained solution optimal, 1 optimality `< tol`, 2 cost change
    /// `< tol`, 0 iteration limit.
    pub status: i32,
    /// SciPy's message.
    pub message: String,
    /// `status > 0`.
    pub success: bool,
}

/// Solves `min ½‖A x − b‖²` subject to `lb ≤ x ≤ ub`, SciPy's `lsq_linear(A, b)`.
///
/// # Errors
/// As [`lsq_linear_with`].
///
/// ```
/// use sci_optimize::{lsq_linear_with, Bounds, LsqLinearOptions};
/// use sci_core::ndarray::array;
/// let a = array![[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]];
/// let b = array![2.0, -1.0, 1.0];
/// let opts = LsqLinearOptions { bounds: Some(Bounds::new(array![0.0, 0.0], array![1.5, 1.0])), ..Default::default() };
/// let r = lsq_linear_with(&a, &b, &opts)?;
/// assert!((r.x[0] - 1.5).abs() < 1e-12 && r.x[1].abs() < 1e-12);
/// assert_eq!(r.active_mask.to_vec(), vec![1, -1]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lsq_linear<SA, SB>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, Ix1>) -> Result<LsqLinearResult>
where
    SA: Data<Elem = f64>,
    SB: Data<Elem = f64>,
{
    lsq_linear_with(a, b, &LsqLinearOptions::default())
}

fn lstsq_min_norm(a: &Array2<f64>, b: &Array1<f64>) -> Result<Array1<f64>> {
    if a.ncols() == 0 {
        return Ok(Array1::zeros(0));
    }
    Ok(sci_linalg::lstsq(a, b)?.x)
}

fn kkt(g: &Array1<f64>, on_bound: &Array1<f64>) -> f64 {
    (0..g.len())
        .map(|i| if on_bound[i] == 0.0 { g[i].abs() } else { g[i] * on_bound[i] })
        .fold(f64::NEG_INFINITY, f64::max)
}

/// [`lsq_linear`] with bounds, method and tolerance.
///
/// First the unconstrained minimum-norm solution is computed (SVD, `O(m n²)`); if it lies
/// within the bounds it is returned (`status = 3`). Otherwise the bounded-variable active
/// set method (BVLS) moves variables between their bounds and the free set, solving an
/// unconstrained least-squares problem on the free variables at each step, until the KKT
/// conditions hold to `tol`. It is exact: the result is the solution of the convex problem,
/// not an approximation.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `b` does not have `M` entries or the bounds do not have `N`;
/// [`Error::NonFinite`] for NaN/∞ in `A` or `b`; [`Error::InvalidArgument`] if some
/// `lb ≥ ub` or `max_iter == 0`; errors of the SVD.
///
/// # Differences from SciPy
/// `method: Trf` is solved with the same exact BVLS active-set method as `Bvls` (SciPy uses
/// an interior trust-region reflective iteration there). Both reach the unique solution of a
/// full-rank problem; `nit` differs from SciPy's for `Trf`, and the solution is exact rather
/// than within `tol`.
pub fn lsq_linear_with<SA, SB>(
    a: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, Ix1>,
    options: &LsqLinearOptions,
) -> Result<LsqLinearResult>
where
    SA: Data<Elem = f64>,
    SB: Data<Elem = f64>,
{
    let (m, n) = a.dim();
    validate::check_non_empty("A", a)?;
    validate::check_same_len("A rows", m, "b", b.len())?;
    validate::check_finite("A", a)?;
    validate::check_finite("b", b)?;
    if options.max_iter == Some(0) {
        return Err(Error::invalid_argument("max_iter", "must be None or a positive integer"));
    }
    let (lb, ub) = match &options.bounds {
        Some(bd) => {
            validate::check_same_len("A columns", n, "bounds.lb", bd.lb.len())?;
            validate::check_same_len("A columns", n, "bounds.ub", bd.ub.len())?;
            (bd.lb.clone(), bd.ub.clone())
        }
        None => (Array1::from_elem(n, f64::NEG_INFINITY), Array1::from_elem(n, f64::INFINITY)),
    };
    if (0..n).any(|i| lb[i].is_nan() || ub[i].is_nan() || lb[i] >= ub[i]) {
        return Err(Error::invalid_argument(
            "bounds",
            "each lower bound must be strictly less than each upper bound",
        ));
    }
    let a = a.to_owned();
    let b = b.to_owned();
    let x_lsq = lstsq_min_norm(&a, &b)?;
    let message = |s: i32| -> String {
        match s {
            3 => "The unconstrained solution is optimal.",
            1 => "The first-order optimality measure is less than `tol`.",
            2 => "The relative change of the cost function is less than `tol`.",
            0 => "The maximum number of iterations is exceeded.",
            _ => "The algorithm was not able to make progress on the last iteration.",
        }
        .to_string()
    };
    if (0..n).all(|i| x_lsq[i] >= lb[i] && x_lsq[i] <= ub[i]) {
        let r = a.dot(&x_lsq) - &b;
        let g = a.t().dot(&r);
        return Ok(LsqLinearResult {
            cost: 0.5 * r.dot(&r),
            optimality: g.iter().fold(0.0f64, |m, v| m.max(v.abs())),
            x: x_lsq,
            fun: r,
            active_mask: Array1::zeros(n),
            nit: 0,
            status: 3,
            message: message(3),
            success: true,
        });
    }
    // BVLS (SciPy's bvls.py): initial phase from the clipped unconstrained solution.
    let tol = options.tol;
    let mut x = x_lsq;
    let mut on_bound = Array1::<f64>::zeros(n);
    for i in 0..n {
        if x[i] <= lb[i] {
            x[i] = lb[i];
            on_bound[i] = -1.0;
        } else if x[i] >= ub[i] {
            x[i] = ub[i];
            on_bound[i] = 1.0;
        }
    }
    let solve_free = |x: &Array1<f64>, free: &[usize]| -> Result<Array1<f64>> {
        let mut xa = x.clone();
        for &i in free {
            xa[i] = 0.0;
        }
        let b_free = &b - &a.dot(&xa);
        let a_free = a.select(Axis(1), free);
        lstsq_min_norm(&a_free, &b_free)
    };
    let mut free: Vec<usize> = (0..n).filter(|&i| on_bound[i] == 0.0).collect();
    let mut r = a.dot(&x) - &b;
    let mut cost = 0.5 * r.dot(&r);
    let mut g = a.t().dot(&r);
    let mut iteration = 0;
    while !free.is_empty() {
        iteration += 1;
        let z = solve_free(&x, &free)?;
        let mut any_v = false;
        let mut keep = Vec::new();
        for (k, &i) in free.iter().enumerate() {
            if z[k] < lb[i] {
                x[i] = lb[i];
                on_bound[i] = -1.0;
                any_v = true;
            } else if z[k] > ub[i] {
                x[i] = ub[i];
                on_bound[i] = 1.0;
                any_v = true;
            } else {
                x[i] = z[k];
                keep.push(i);
            }
        }
        r = a.dot(&x) - &b;
        cost = 0.5 * r.dot(&r);
        g = a.t().dot(&r);
        if any_v {
            free = keep;
        } else {
            break;
        }
    }
    let max_iter = options.max_iter.unwrap_or(n) + iteration;
    let mut status = None;
    let mut optimality = kkt(&g, &on_bound);
    let mut it = iteration;
    while it < max_iter {
        if optimality < tol {
            status = Some(1);
        }
        if status.is_some() {
            break;
        }
        // Variable whose multiplier has the wrong sign, most strongly.
        let mut mv = 0;
        let mut best = f64::NEG_INFINITY;
        for i in 0..n {
            let v = g[i] * on_bound[i];
            if v > best {
                best = v;
                mv = i;
            }
        }
        on_bound[mv] = 0.0;
        let mut guard = 0;
        loop {
            guard += 1;
            let free: Vec<usize> = (0..n).filter(|&i| on_bound[i] == 0.0).collect();
            let z = solve_free(&x, &free)?;
            let mut alpha_min = f64::INFINITY;
            let mut hit = None;
            for (k, &i) in free.iter().enumerate() {
                let (bound, side) = if z[k] < lb[i] {
                    (lb[i], -1.0)
                } else if z[k] > ub[i] {
                    (ub[i], 1.0)
                } else {
                    continue;
                };
                let alpha = (bound - x[i]) / (z[k] - x[i]);
                if alpha < alpha_min {
                    alpha_min = alpha;
                    hit = Some((i, side));
                }
            }
            match hit {
                Some((i, side)) if guard <= 4 * n + 10 => {
                    for (k, &j) in free.iter().enumerate() {
                        x[j] = x[j] * (1.0 - alpha_min) + alpha_min * z[k];
                    }
                    x[i] = if side < 0.0 { lb[i] } else { ub[i] };
                    on_bound[i] = side;
                }
                _ => {
                    for (k, &j) in free.iter().enumerate() {
                        x[j] = z[k];
                    }
                    break;
                }
            }
        }
        r = a.dot(&x) - &b;
        let cost_new = 0.5 * r.dot(&r);
        let change = cost - cost_new;
        if change < tol * cost {
            status = Some(2);
        }
        cost = cost_new;
        g = a.t().dot(&r);
        optimality = kkt(&g, &on_bound);
        it += 1;
    }
    let status = status.unwrap_or(0);
    Ok(LsqLinearResult {
        x,
        fun: r,
        cost,
        optimality,
        active_mask: on_bound.mapv(|v| v as i32),
        nit: it + 1,
        status,
        message: message(status),
        success: status > 0,
    })
}
