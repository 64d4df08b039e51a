//! Nonlinear least squares, SciPy's `least_squares` (methods `trf` and `lm`, robust losses,
//! `x_scale`), and `curve_fit`.

mod curve_fit;
mod dogbox;
mod kernels;
mod linear;
pub(crate) mod minpack;
mod tall_r;
mod trf;

pub use curve_fit::{CurveFit, CurveFitMethod, CurveFitOptions, ModelJac, Sigma, curve_fit, curve_fit_with};
pub use linear::{LsqLinearMethod, LsqLinearOptions, LsqLinearResult, lsq_linear, lsq_linear_with};

use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result, validate};

use crate::minimize::{Bounds, MatFn};
use crate::numdiff::{FdScheme, fd_jacobian, fd_jacobian_par, fd_steps};

/// Algorithm of [`least_squares_with`], SciPy's `method=`.
///
/// ```
/// use sci_optimize::{LeastSquaresOptions, LsqMethod};
/// assert_eq!(LeastSquaresOptions::default().method, LsqMethod::Trf);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LsqMethod {
    /// Trust Region Reflective (`'trf'`, the default): bounds, robust losses; the trust-region
    /// subproblem solved exactly through the SVD of the scaled Jacobian.
    #[default]
    Trf,
    /// Levenberg–Marquardt as in MINPACK (`'lm'`): no bounds, linear loss only, `m ≥ n`.
    Lm,
    /// Dogleg in a box-shaped trust region intersected with the bounds (`'dogbox'`).
    Dogbox,
}

/// Robust loss `ρ(z)` applied to `z = (f/f_scale)²`, SciPy's `loss=`.
///
/// ```
/// use sci_optimize::{LeastSquaresOptions, Loss};
/// let o = LeastSquaresOptions { loss: Loss::Cauchy, ..Default::default() };
/// assert_eq!(o.loss, Loss::Cauchy);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Loss {
    /// `ρ(z) = z`: ordinary least squares.
    #[default]
    Linear,
    /// `ρ(z) = 2(√(1+z) − 1)`.
    SoftL1,
    /// `ρ(z) = z` for `z ≤ 1`, `2√z − 1` otherwise.
    Huber,
    /// `ρ(z) = ln(1 + z)`.
    Cauchy,
    /// `ρ(z) = arctan(z)`.
    Arctan,
}

impl Loss {
    /// `(ρ, ρ', ρ'')` at `z`.
    fn rho(self, z: f64) -> (f64, f64, f64) {
        match self {
            Loss::Linear => (z, 1.0, 0.0),
            Loss::SoftL1 => {
                let t = 1.0 + z;
                (2.0 * (t.sqrt() - 1.0), 1.0 / t.sqrt(), -0.5 * t.powf(-1.5))
            }
            Loss::Huber => {
                if z <= 1.0 {
                    (z, 1.0, 0.0)
                } else {
                    (2.0 * z.sqrt() - 1.0, 1.0 / z.sqrt(), -0.5 * z.powf(-1.5))
                }
            }
            Loss::Cauchy => {
                let t = 1.0 + z;
                (z.ln_1p(), 1.0 / t, -1.0 / (t * t))
            }
            Loss::Arctan => {
                let t = 1.0 + z * z;
                (z.atan(), 1.0 / t, -2.0 * z / (t * t))
            }
        }
    }
}

/// Variable scaling, SciPy's `x_scale=`.
///
/// ```
/// use sci_optimize::{LeastSquaresOptions, XScale};
/// let o = LeastSquaresOptions { x_scale: Some(XScale::Jac), ..Default::default() };
/// assert_eq!(o.x_scale, Some(XScale::Jac));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum XScale {
    /// One positive scale for every variable.
    Scalar(f64),
    /// One positive scale per variable.
    Array(Array1<f64>),
    /// Inverse norms of the Jacobian's columns, updated as the iteration proceeds (`'jac'`).
    Jac,
}

/// How the Jacobian of the residuals is obtained, SciPy's `jac=`.
///
/// ```
/// use sci_optimize::{least_squares_with, LeastSquaresOptions, LsqJac};
/// use sci_core::ndarray::{array, ArrayView1};
/// let f = |x: ArrayView1<f64>| array![x[0] * x[0] - 4.0];
/// let j = |x: ArrayView1<f64>| array![[2.0 * x[0]]];
/// let o = LeastSquaresOptions { jac: LsqJac::Callable(&j), ..Default::default() };
/// let r = least_squares_with(f, &array![1.0], &o)?;
/// assert!((r.x[0] - 2.0).abs() < 1e-8);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub enum LsqJac<'a> {
    /// Forward differences with relative step `√eps` (`'2-point'`, the default).
    TwoPoint,
    /// Central differences with relative step `eps^(1/3)` (`'3-point'`).
    ThreePoint,
    /// A closure returning the `m×n` Jacobian.
    Callable(MatFn<'a>),
}

impl std::fmt::Debug for LsqJac<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LsqJac::TwoPoint => write!(f, "TwoPoint"),
            LsqJac::ThreePoint => write!(f, "ThreePoint"),
            LsqJac::Callable(_) => write!(f, "Callable(..)"),
        }
    }
}

/// Options of [`least_squares_with`], SciPy's keyword arguments.
///
/// ```
/// use sci_optimize::{LeastSquaresOptions, Loss, LsqMethod};
/// let o = LeastSquaresOptions { method: LsqMethod::Trf, loss: Loss::Huber, f_scale: 0.1, ..Default::default() };
/// assert_eq!((o.ftol, o.xtol, o.gtol), (1e-8, 1e-8, 1e-8));
/// ```
#[derive(Debug, Clone)]
pub struct LeastSquaresOptions<'a> {
    /// The Jacobian; default forward differences.
    pub jac: LsqJac<'a>,
    /// Box constraints (TRF only).
    pub bounds: Option<Bounds>,
    /// The algorithm; default TRF.
    pub method: LsqMethod,
    /// Relative tolerance on the change of the cost (1e-8).
    pub ftol: f64,
    /// Relative tolerance on the step (1e-8).
    pub xtol: f64,
    /// Tolerance on the (scaled) gradient (1e-8).
    pub gtol: f64,
    /// Variable scaling; `None` is SciPy's default (`1` for TRF, `'jac'` for LM).
    pub x_scale: Option<XScale>,
    /// Robust loss (TRF only).
    pub loss: Loss,
    /// Soft margin between inlier and outlier residuals (1.0).
    pub f_scale: f64,
    /// Relative finite-difference step; default `√eps` (2-point) or `eps^(1/3)` (3-point).
    pub diff_step: Option<f64>,
    /// Evaluation limit; default `100·n`.
    pub max_nfev: Option<usize>,
}

impl Default for LeastSquaresOptions<'_> {
    fn default() -> Self {
        LeastSquaresOptions {
            jac: LsqJac::TwoPoint,
            bounds: None,
            method: LsqMethod::Trf,
            ftol: 1e-8,
            xtol: 1e-8,
            gtol: 1e-8,
            x_scale: None,
            loss: Loss::Linear,
            f_scale: 1.0,
            diff_step: None,
            max_nfev: None,
        }
    }
}

/// The result of [`least_squares`], SciPy's `OptimizeResult` for least squares.
///
/// ```
/// use sci_optimize::least_squares;
/// use sci_core::ndarray::{array, ArrayView1};
/// let r = least_squares(|x: ArrayView1<f64>| array![x[0] - 3.0, 2.0 * (x[1] + 1.0)], &array![0.0, 0.0])?;
/// assert!(r.success && r.cost < 1e-20 && r.optimality < 1e-8);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LeastSquaresResult {
    /// The solution.
    pub x: Array1<f64>,
    /// `½ Σ ρ(f_i²)` at the solution (`½‖f‖²` for the linear loss).
    pub cost: f64,
    /// Residuals at the solution.
    pub fun: Array1<f64>,
    /// Jacobian at the solution (scaled by the loss, as SciPy returns it).
    pub jac: Array2<f64>,
    /// Gradient of the cost at the solution.
    pub grad: Array1<f64>,
    /// First-order optimality measure (`‖g‖∞`, scaled by the reflective scaling with bounds).
    pub optimality: f64,
    /// `-1` at a lower bound, `1` at an upper bound, `0` free.
    pub active_mask: Array1<i32>,
    /// Residual evaluations (Jacobian finite differences not included, as in SciPy).
    pub nfev: usize,
    /// Jacobian evaluations.
    pub njev: usize,
    /// SciPy's status: 0 evaluation limit, 1 `gtol`, 2 `ftol`, 3 `xtol`, 4 `ftol` and `xtol`.
    pub status: i32,
    /// SciPy's message for the status.
    pub message: String,
    /// `status > 0`.
    pub success: bool,
}

pub(crate) fn message_for(status: i32) -> &'static str {
    match status {
        0 => "The maximum number of function evaluations is exceeded.",
        1 => "`gtol` termination condition is satisfied.",
        2 => "`ftol` termination condition is satisfied.",
        3 => "`xtol` termination condition is satisfied.",
        4 => "Both `ftol` and `xtol` termination conditions are satisfied.",
        _ => "Improper input parameters status returned from `leastsq`",
    }
}

/// Minimizes `½ Σ f_i(x)²` with the Trust Region Reflective method and a finite-difference
/// Jacobian, SciPy's `least_squares(fun, x0)`.
///
/// # Errors
/// As [`least_squares_with`].
///
/// ```
/// use sci_optimize::least_squares;
/// use sci_core::ndarray::{array, ArrayView1};
/// // Rosenbrock as residuals: f = (10 (x₁ − x₀²), 1 − x₀).
/// let f = |x: ArrayView1<f64>| array![10.0 * (x[1] - x[0] * x[0]), 1.0 - x[0]];
/// let r = least_squares(f, &array![2.0, 2.0])?;
/// assert!(r.success && (r.x[0] - 1.0).abs() < 1e-8 && (r.x[1] - 1.0).abs() < 1e-8);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn least_squares<S, F>(fun: F, x0: &ArrayBase<S, Ix1>) -> Result<LeastSquaresResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64> + Sync,
{
    least_squares_with(fun, x0, &LeastSquaresOptions::default())
}

/// Residual count from which finite-difference Jacobian columns are evaluated in parallel.
const PARALLEL_FD_ROWS: usize = 10_000;

/// Nonlinear least squares with bounds, robust losses and scaling, SciPy's `least_squares`.
///
/// Minimizes `F(x) = ½ Σ ρ((f_i(x)/f_scale)²)·f_scale²` subject to `lb ≤ x ≤ ub`.
/// - TRF (Branch, Coleman & Li 1999): each iteration solves the trust-region subproblem of
///   the Coleman–Li reflective scaling exactly from the SVD of the scaled `m×n` Jacobian
///   (`O(m n²)`), chooses among the (reflected) trust-region step and the scaled gradient,
///   and keeps iterates strictly feasible.
/// - LM: MINPACK's Levenberg–Marquardt (`lmder`), `O(m n²)` per iteration.
/// - Dogbox: a dogleg step in the box `‖D⁻¹ s‖∞ ≤ Δ` intersected with the bounds, variables
///   on active bounds held fixed; the Gauss–Newton step by least squares on the free columns.
///
/// Termination is SciPy's: `status` 1 (`gtol`), 2 (`ftol`), 3 (`xtol`), 4 (both), 0 when
/// `max_nfev` is reached (`success: false`).
///
/// # Parallelism
/// `fun` must be `Sync` (closures over borrowed data are). With a finite-difference Jacobian
/// (`trf`/`dogbox`) and at least 10 000 residuals, the Jacobian's columns are evaluated in
/// parallel on sci's threads; the columns, iterates and `nfev` are the same as one at a time.
///
/// # Errors
/// [`Error::NonFinite`] for NaN in `x0` or non-finite residuals at `x0`; [`Error::ShapeMismatch`]
/// for mismatched bounds, `x_scale`, or a Jacobian of the wrong shape; [`Error::InvalidArgument`]
/// for `lb ≥ ub`, `x0` outside the bounds, bounds or a robust loss with `Lm`, `m < n` with
/// `Lm`, tolerances all below `eps` (any below `eps` for `Lm`), non-positive `x_scale`,
/// `f_scale` or `max_nfev`.
///
/// ```
/// use sci_optimize::{least_squares_with, Bounds, LeastSquaresOptions, Loss};
/// use sci_core::ndarray::{array, Array1, ArrayView1};
/// // A line fit with one gross outlier: soft_l1 keeps it from dragging the fit.
/// let t = Array1::linspace(0.0, 9.0, 10);
/// let mut y = t.mapv(|v| 2.0 * v + 1.0);
/// y[7] += 40.0;
/// let resid = |p: ArrayView1<f64>| &t * p[0] + p[1] - &y;
/// let opts = LeastSquaresOptions { loss: Loss::SoftL1, f_scale: 0.5, ..Default::default() };
/// let r = least_squares_with(resid, &array![1.0, 0.0], &opts)?;
/// assert!((r.x[0] - 2.0).abs() < 0.05 && (r.x[1] - 1.0).abs() < 0.3);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn least_squares_with<S, F>(
    fun: F,
    x0: &ArrayBase<S, Ix1>,
    options: &LeastSquaresOptions<'_>,
) -> Result<LeastSquaresResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64> + Sync,
{
    validate::check_non_empty("x0", x0)?;
    validate::check_finite("x0", x0)?;
    let n = x0.len();
    let x0 = x0.to_owned();
    let o = options;
    if let Some(m) = o.max_nfev
        && m == 0
    {
        return Err(Error::invalid_argument("max_nfev", "must be None or a positive integer"));
    }
    validate::check_positive("f_scale", o.f_scale)?;
    let (lb, ub) = match &o.bounds {
        Some(b) => {
            b.validate(n)?;
            (b.lb.clone(), b.ub.clone())
        }
        None => (Array1::from_elem(n, f64::NEG_INFINITY), Array1::from_elem(n, f64::INFINITY)),
    };
    let bounded = lb.iter().any(|v| v.is_finite()) || ub.iter().any(|v| v.is_finite());
    if o.method == LsqMethod::Lm && bounded {
        return Err(Error::invalid_argument("bounds", "method 'lm' doesn't support bounds"));
    }
    if o.method == LsqMethod::Lm && o.loss != Loss::Linear {
        return Err(Error::invalid_argument("loss", "method 'lm' supports only 'linear' loss function"));
    }
    if (0..n).any(|i| lb[i] >= ub[i]) {
        return Err(Error::invalid_argument(
            "bounds",
            "each lower bound must be strictly less than each upper bound",
        ));
    }
    if (0..n).any(|i| x0[i] < lb[i] || x0[i] > ub[i]) {
        return Err(Error::invalid_argument("x0", "initial guess is outside of provided bounds"));
    }
    let x_scale = match &o.x_scale {
        None => {
            if o.method == LsqMethod::Lm {
                XScale::Jac
            } else {
                XScale::Scalar(1.0)
            }
        }
        Some(s) => s.clone(),
    };
    let scale_arr = match &x_scale {
        XScale::Jac => None,
        XScale::Scalar(v) => Some(Array1::from_elem(n, *v)),
        XScale::Array(a) => {
            validate::check_same_len("x0", n, "x_scale", a.len())?;
            Some(a.clone())
        }
    };
    if let Some(s) = &scale_arr
        && s.iter().any(|v| !(v.is_finite() && *v > 0.0))
    {
        return Err(Error::invalid_argument("x_scale", "must be 'jac' or positive finite numbers"));
    }
    let eps = f64::EPSILON;
    if o.method == LsqMethod::Lm && (o.ftol < eps || o.xtol < eps || o.gtol < eps) {
        return Err(Error::invalid_argument(
            "ftol, xtol, gtol",
            "all tolerances must be higher than machine epsilon for method 'lm'",
        ));
    }
    if o.ftol < eps && o.xtol < eps && o.gtol < eps {
        return Err(Error::invalid_argument(
            "ftol, xtol, gtol",
            "at least one of the tolerances must be higher than machine epsilon",
        ));
    }
    let x0 = if o.method == LsqMethod::Trf { trf::make_strictly_feasible(&x0, &lb, &ub, 1e-10) } else { x0 };
    let f0 = fun(x0.view());
    let m = f0.len();
    if f0.iter().any(|v| !v.is_finite()) {
        return Err(Error::NonFinite { what: "residuals at x0".into(), index: None });
    }
    if o.method == LsqMethod::Lm && m < n {
        return Err(Error::invalid_argument(
            "fun",
            "method 'lm' doesn't work when the number of residuals is less than the number of variables",
        ));
    }
    let lbv = lb.to_vec();
    let ubv = ub.to_vec();
    let jac_of = |x: &Array1<f64>, fx: &Array1<f64>| -> Result<Array2<f64>> {
        let j = match o.jac {
            LsqJac::Callable(jf) => jf(x.view()),
            LsqJac::TwoPoint | LsqJac::ThreePoint => {
                let scheme = if matches!(o.jac, LsqJac::ThreePoint) {
                    FdScheme::ThreePoint
                } else {
                    FdScheme::TwoPoint
                };
                let steps = fd_steps(
                    x.as_slice().unwrap_or(&x.to_vec()),
                    scheme,
                    o.diff_step,
                    None,
                    Some(&lbv),
                    Some(&ubv),
                );
                if m >= PARALLEL_FD_ROWS && n > 1 && sci_core::num_threads() > 1 {
                    fd_jacobian_par(&fun, x, fx, &steps).0
                } else {
                    fd_jacobian(&fun, x, fx, &steps).0
                }
            }
        };
        if j.dim() != (m, n) {
            return Err(Error::shape_mismatch(
                "jac(x)",
                format!("{m}x{n}"),
                format!("{}x{}", j.nrows(), j.ncols()),
            ));
        }
        Ok(j)
    };
    match o.method {
        LsqMethod::Lm => {
            let diag = scale_arr.as_ref().map(|s| s.iter().map(|v| 1.0 / v).collect());
            let settings = minpack::LmSettings {
                ftol: o.ftol,
                xtol: o.xtol,
                gtol: o.gtol,
                maxfev: o.max_nfev.unwrap_or(100 * n),
                factor: 100.0,
                diag,
                epsfcn: eps,
            };
            let jerr = std::cell::Cell::new(false);
            let jf = |x: ArrayView1<'_, f64>| -> Array2<f64> {
                let xo = x.to_owned();
                let fx = fun(x);
                match jac_of(&xo, &fx) {
                    Ok(j) => j,
                    Err(_) => {
                        jerr.set(true);
                        Array2::from_elem((m, n), f64::NAN)
                    }
                }
            };
            let out = minpack::lm(&fun, Some(&jf), &x0, &settings);
            if jerr.get() {
                return Err(Error::shape_mismatch("jac(x)", format!("{m}x{n}"), "a different shape"));
            }
            let j = jac_of(&out.x, &out.fvec)?;
            let g = j.t().dot(&out.fvec);
            let status = match out.info {
                1 => 2,
                2 => 3,
                3 => 4,
                4 => 1,
                5 => 0,
                _ => 0,
            };
            let cost = 0.5 * out.fvec.dot(&out.fvec);
            Ok(LeastSquaresResult {
                optimality: g.iter().fold(0.0f64, |a, b| a.max(b.abs())),
                x: out.x,
                cost,
                fun: out.fvec,
                jac: j,
                grad: g,
                active_mask: Array1::zeros(n),
                nfev: out.nfev,
                njev: out.njev,
                status,
                message: message_for(status).into(),
                success: status > 0,
            })
        }
        LsqMethod::Trf => {
            let j0 = jac_of(&x0, &f0)?;
            trf::trf(&fun, &jac_of, x0, f0, j0, &lb, &ub, o, scale_arr)
        }
        LsqMethod::Dogbox => {
            let j0 = jac_of(&x0, &f0)?;
            dogbox::dogbox(&fun, &jac_of, x0, f0, j0, &lb, &ub, o, scale_arr)
        }
    }
}
