//! `curve_fit`: weighted nonlinear regression with parameter covariance.

use rayon::prelude::*;
use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayView, ArrayView1, Data, Dimension, Ix1};
use sci_core::{Error, Result, validate};

use super::{LeastSquaresOptions, LsqJac, LsqMethod, least_squares_with, minpack};
use crate::minimize::Bounds;

/// Uncertainty of `ydata`, SciPy's `sigma=`.
///
/// ```
/// use sci_optimize::{CurveFitOptions, Sigma};
/// use sci_core::ndarray::{Array1, Ix1};
/// let o: CurveFitOptions<'_, Ix1> = CurveFitOptions { sigma: Some(Sigma::Std(Array1::from_elem(10, 0.5))), ..Default::default() };
/// assert!(o.sigma.is_some());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Sigma {
    /// Standard deviations: residuals are `(f − y)/σ`.
    Std(Array1<f64>),
    /// A covariance matrix `C = L Lᵀ`: residuals are `L⁻¹(f − y)`.
    Cov(Array2<f64>),
}

/// Algorithm of [`curve_fit_with`], SciPy's `method=`.
///
/// ```
/// use sci_optimize::{CurveFitMethod, CurveFitOptions};
/// use sci_core::ndarray::Ix1;
/// let o: CurveFitOptions<'_, Ix1> = CurveFitOptions { method: Some(CurveFitMethod::Trf), ..Default::default() };
/// assert_eq!(o.method, Some(CurveFitMethod::Trf));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CurveFitMethod {
    /// MINPACK Levenberg–Marquardt through `leastsq` (the default without bounds).
    Lm,
    /// Trust Region Reflective through `least_squares` (the default with bounds).
    Trf,
    /// The dogbox method through `least_squares`.
    Dogbox,
}

/// A model Jacobian `∂f/∂p (x, p)` (`M×N`).
///
/// ```
/// use sci_optimize::{curve_fit_with, CurveFitOptions};
/// use sci_core::ndarray::{array, Array1, Array2, ArrayView1, Ix1};
/// let model = |x: ArrayView1<f64>, p: ArrayView1<f64>| &x * p[0] + p[1];
/// let jac = |x: ArrayView1<f64>, _p: ArrayView1<f64>| {
///     Array2::from_shape_fn((x.len(), 2), |(i, j)| if j == 0 { x[i] } else { 1.0 })
/// };
/// let x = Array1::linspace(0.0, 1.0, 5);
/// let y = x.mapv(|t| 2.0 * t - 1.0);
/// let o: CurveFitOptions<'_, Ix1> = CurveFitOptions { jac: Some(&jac), ..Default::default() };
/// let fit = curve_fit_with(model, &x, &y, &array![1.0, 0.0], &o)?;
/// assert!((fit.popt[0] - 2.0).abs() < 1e-10);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub type ModelJac<'a, D> = &'a dyn Fn(ArrayView<'_, f64, D>, ArrayView1<'_, f64>) -> Array2<f64>;

/// Options of [`curve_fit_with`].
///
/// ```
/// use sci_optimize::CurveFitOptions;
/// use sci_core::ndarray::Ix1;
/// let o: CurveFitOptions<'_, Ix1> = CurveFitOptions { absolute_sigma: true, ..Default::default() };
/// assert!(o.check_finite && o.absolute_sigma);
/// ```
pub struct CurveFitOptions<'a, D: Dimension> {
    /// Uncertainties of `ydata` (default: all ones).
    pub sigma: Option<Sigma>,
    /// Whether `sigma` is absolute (`pcov` not rescaled by the reduced chi-square). Default false.
    pub absolute_sigma: bool,
    /// Bounds on the parameters (selects TRF).
    pub bounds: Option<Bounds>,
    /// The algorithm; default LM without bounds, TRF with them.
    pub method: Option<CurveFitMethod>,
    /// The model's Jacobian with respect to the parameters; forward differences if `None`.
    pub jac: Option<ModelJac<'a, D>>,
    /// Reject NaN/∞ in `xdata` and `ydata` (SciPy's default true).
    pub check_finite: bool,
    /// Relative tolerance on the sum of squares (default `1.49012e-8` for LM, `1e-8` for TRF).
    pub ftol: Option<f64>,
    /// Relative tolerance on the parameters (same defaults).
    pub xtol: Option<f64>,
    /// Gradient tolerance (default 0 for LM, `1e-8` for TRF).
    pub gtol: Option<f64>,
    /// Evaluation limit (default `200·(N+1)` for LM, `100·N` for TRF).
    pub max_nfev: Option<usize>,
}

impl<D: Dimension> Default for CurveFitOptions<'_, D> {
    fn default() -> Self {
        CurveFitOptions {
            sigma: None,
            absolute_sigma: false,
            bounds: None,
            method: None,
            jac: None,
            check_finite: true,
            ftol: None,
            xtol: None,
            gtol: None,
            max_nfev: None,
        }
    }
}

impl<D: Dimension> std::fmt::Debug for CurveFitOptions<'_, D> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CurveFitOptions")
            .field("sigma", &self.sigma)
            .field("absolute_sigma", &self.absolute_sigma)
            .field("bounds", &self.bounds)
            .field("method", &self.method)
            .field("jac", &self.jac.is_some())
            .finish_non_exhaustive()
    }
}

/// The result of [`curve_fit`]: SciPy's `(popt, pcov)` plus diagnostics.
///
/// ```
/// use sci_optimize::curve_fit;
/// use sci_core::ndarray::{array, Array1, ArrayView1};
/// let x: Array1<f64> = Array1::linspace(0.0, 1.0, 8);
/// let y = x.mapv(|t| 3.0 * t + 1.0 + 0.01 * (7.0 * t).sin());
/// let fit = curve_fit(|x: ArrayView1<f64>, p: ArrayView1<f64>| &x * p[0] + p[1], &x, &y, &array![1.0, 1.0])?;
/// let perr = fit.pcov.diag().mapv(f64::sqrt); // one-sigma parameter errors
/// assert!(perr[0] < 0.1 && !fit.infinite_covariance);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CurveFit {
    /// Optimal parameters.
    pub popt: Array1<f64>,
    /// Estimated covariance of `popt`; filled with `+∞` when it cannot be estimated.
    pub pcov: Array2<f64>,
    /// True when `pcov` could not be estimated (SciPy's `OptimizeWarning: Covariance of the
    /// parameters could not be estimated`): singular Jacobian or no degrees of freedom.
    pub infinite_covariance: bool,
    /// Model evaluations.
    pub nfev: usize,
    /// Residuals `(f(x, popt) − y)` weighted by `sigma`, at the solution.
    pub fvec: Array1<f64>,
    /// The solver's message.
    pub message: String,
}

/// Fits `f(xdata, p) ≈ ydata` by nonlinear least squares, SciPy's `curve_fit(f, xdata,
/// ydata, p0)`.
///
/// # Errors
/// As [`curve_fit_with`].
///
/// ```
/// use sci_optimize::curve_fit;
/// use sci_core::ndarray::{array, Array1, ArrayView1};
/// let x = Array1::linspace(0.0, 4.0, 50);
/// let y = x.mapv(|t: f64| 2.5 * (-1.3 * t).exp() + 0.5);
/// let model = |x: ArrayView1<f64>, p: ArrayView1<f64>| x.mapv(|t| p[0] * (-p[1] * t).exp() + p[2]);
/// let fit = curve_fit(model, &x, &y, &array![1.0, 1.0, 1.0])?;
/// assert!((fit.popt[0] - 2.5).abs() < 1e-8 && (fit.popt[1] - 1.3).abs() < 1e-8);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn curve_fit<SX, SY, D, F>(
    f: F,
    xdata: &ArrayBase<SX, D>,
    ydata: &ArrayBase<SY, Ix1>,
    p0: &Array1<f64>,
) -> Result<CurveFit>
where
    SX: Data<Elem = f64>,
    SY: Data<Elem = f64>,
    D: Dimension,
    F: Fn(ArrayView<'_, f64, D>, ArrayView1<'_, f64>) -> Array1<f64> + Sync,
{
    curve_fit_with(f, xdata, ydata, p0, &CurveFitOptions::default())
}

/// [`curve_fit`] with uncertainties, bounds, method and tolerances, SciPy's keyword arguments.
///
/// The model is a closure `f(xdata, params) -> Array1` returning one value per observation;
/// `xdata` may have any dimension (e.g. `k×M` for `k` predictors). Residuals are weighted by
/// `sigma` (1-D: divided; 2-D covariance: whitened with its Cholesky factor).
///
/// `pcov` is `(Jᵀ J)⁻¹` at the solution — from MINPACK's final pivoted QR for LM, from the
/// SVD pseudo-inverse (dropping singular values below `eps·max(M,N)·s₀`) for TRF — multiplied
/// by `‖r‖²/(M − N)` unless `absolute_sigma`. When it cannot be estimated it is all `+∞` and
/// `infinite_covariance` is set.
///
/// # Errors
/// - [`Error::InvalidArgument`] when there are fewer observations than parameters (LM) or no
///   observations, or the solver did not converge (SciPy's `RuntimeError: Optimal parameters
///   not found` — here [`Error::NotConverged`]).
/// - [`Error::ShapeMismatch`] for `sigma` or model output of the wrong size, and
///   [`Error::NonFinite`] for NaN/∞ in the data (with `check_finite`) or in `p0`.
/// - [`Error::NotPositiveDefinite`] for a covariance `sigma` that is not positive definite.
///
/// # Differences from SciPy
/// - `p0` is required (SciPy infers the number of parameters from the signature).
/// - The "could not estimate covariance" warning is the `infinite_covariance` flag.
/// - `nan_policy` is not offered.
///
/// # Parallelism
/// The model must be `Sync` (closures over borrowed data are). With the default LM method
/// and no `jac`, the forward-difference Jacobian columns of models with at least 10 000
/// points are evaluated in parallel on sci's threads (one column per thread at a time); the
/// columns, iterates and `nfev` are the same as with one evaluation at a time.
///
/// ```
/// use sci_optimize::{curve_fit_with, Bounds, CurveFitOptions, Sigma};
/// use sci_core::ndarray::{array, Array1, ArrayView1};
/// let x = Array1::linspace(0.0, 1.0, 20);
/// let y = x.mapv(|t| 3.0 * t + 0.25);
/// let line = |x: ArrayView1<f64>, p: ArrayView1<f64>| &x * p[0] + p[1];
/// let opts = CurveFitOptions {
///     sigma: Some(Sigma::Std(Array1::from_elem(20, 0.1))),
///     absolute_sigma: true,
///     bounds: Some(Bounds::new(array![0.0, 0.0], array![10.0, 10.0])),
///     ..Default::default()
/// };
/// let fit = curve_fit_with(line, &x, &y, &array![1.0, 1.0], &opts)?;
/// assert!((fit.popt[0] - 3.0).abs() < 1e-7 && (fit.popt[1] - 0.25).abs() < 1e-7);
/// assert!(fit.pcov[[0, 0]] > 0.0 && !fit.infinite_covariance);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn curve_fit_with<SX, SY, D, F>(
    f: F,
    xdata: &ArrayBase<SX, D>,
    ydata: &ArrayBase<SY, Ix1>,
    p0: &Array1<f64>,
    options: &CurveFitOptions<'_, D>,
) -> Result<CurveFit>
where
    SX: Data<Elem = f64>,
    SY: Data<Elem = f64>,
    D: Dimension,
    F: Fn(ArrayView<'_, f64, D>, ArrayView1<'_, f64>) -> Array1<f64> + Sync,
{
    let o = options;
    validate::check_non_empty("ydata", ydata)?;
    validate::check_non_empty("p0", p0)?;
    validate::check_finite("p0", p0)?;
    if o.check_finite {
        validate::check_finite("xdata", xdata)?;
        validate::check_finite("ydata", ydata)?;
    }
    let m = ydata.len();
    let n = p0.len();
    let method =
        o.method.unwrap_or(if o.bounds.is_some() { CurveFitMethod::Trf } else { CurveFitMethod::Lm });
    if method == CurveFitMethod::Lm && o.bounds.is_some() {
        return Err(Error::invalid_argument(
            "method",
            "method 'lm' only works for unconstrained problems; use 'trf'",
        ));
    }
    if method == CurveFitMethod::Lm && n > m {
        return Err(Error::invalid_argument(
            "ydata",
            format!(
                "improper input: func input vector length N={n} must not exceed func output vector length M={m}"
            ),
        ));
    }
    let x = xdata.view();
    let y = ydata.to_owned();
    // Whitening: r = W (f − y).
    enum Weights {
        None,
        Diag(Array1<f64>),
        Chol(Array2<f64>),
    }
    let weights = match &o.sigma {
        None => Weights::None,
        Some(Sigma::Std(s)) => {
            validate::check_same_len("ydata", m, "sigma", s.len())?;
            validate::check_finite("sigma", s)?;
            Weights::Diag(s.mapv(|v| 1.0 / v))
        }
        Some(Sigma::Cov(c)) => {
            validate::check_shape("sigma", c.shape(), &[m, m])?;
            let l = sci_linalg::cholesky_with(
                c,
                &sci_linalg::CholeskyOptions { lower: true, ..Default::default() },
            )?;
            Weights::Chol(l)
        }
    };
    let whiten = |r: Array1<f64>| -> Array1<f64> {
        match &weights {
            Weights::None => r,
            Weights::Diag(w) => r * w,
            Weights::Chol(l) => forward_solve(l, &r),
        }
    };
    let whiten_mat = |j: Array2<f64>| -> Array2<f64> {
        match &weights {
            Weights::None => j,
            Weights::Diag(w) => {
                let mut j = j;
                for (i, mut row) in j.rows_mut().into_iter().enumerate() {
                    row.mapv_inplace(|v| v * w[i]);
                }
                j
            }
            Weights::Chol(l) => {
                let mut out = j.clone();
                for c in 0..j.ncols() {
                    out.column_mut(c).assign(&forward_solve(l, &j.column(c).to_owned()));
                }
                out
            }
        }
    };
    // Length of a wrong-sized model output, if any (shared with parallel evaluations).
    let bad_len = std::sync::Mutex::new(None::<usize>);
    let bad_len_seen = || *bad_len.lock().unwrap_or_else(|e| e.into_inner());
    let resid = |p: ArrayView1<'_, f64>| -> Array1<f64> {
        let fx = f(x.view(), p);
        if fx.len() != m {
            *bad_len.lock().unwrap_or_else(|e| e.into_inner()) = Some(fx.len());
            return Array1::from_elem(m, f64::NAN);
        }
        let mut r = fx;
        r -= &y;
        whiten(r)
    };
    let xr = &x;
    let whiten_ref = &whiten_mat;
    let jac_res = o.jac.map(|jf| {
        move |p: ArrayView1<'_, f64>| -> Array2<f64> {
            let j = jf(xr.view(), p);
            if j.dim() != (m, n) {
                return Array2::from_elem((m, n), f64::NAN);
            }
            whiten_ref(j)
        }
    });
    let (popt, fvec, nfev, pcov_raw, message) = match method {
        CurveFitMethod::Lm => {
            let settings = minpack::LmSettings {
                ftol: o.ftol.unwrap_or(1.49012e-8),
                xtol: o.xtol.unwrap_or(1.49012e-8),
                gtol: o.gtol.unwrap_or(0.0),
                maxfev: o.max_nfev.unwrap_or(if o.jac.is_some() { 100 * (n + 1) } else { 200 * (n + 1) }),
                factor: 100.0,
                diag: None,
                epsfcn: f64::EPSILON,
            };
            let out = match &jac_res {
                Some(j) => minpack::lm(resid, Some(j), p0, &settings),
                None => {
                    // The forward-difference columns of a long model run in parallel.
                    let batch = |ps: &[Array1<f64>]| -> Vec<Array1<f64>> {
                        sci_core::install(|| ps.par_iter().map(|p| resid(p.view())).collect())
                    };
                    let parallel = m >= PARALLEL_MODEL_LEN && sci_core::num_threads() > 1;
                    minpack::lm_batched::<_, fn(ArrayView1<'_, f64>) -> Array2<f64>>(
                        &resid,
                        None,
                        p0,
                        &settings,
                        parallel.then_some(&batch as minpack::BatchEval<'_>),
                    )
                }
            };
            if let Some(len) = bad_len_seen() {
                return Err(Error::shape_mismatch(
                    "f(xdata, p)",
                    format!("length {m}"),
                    format!("length {len}"),
                ));
            }
            if !(1..=4).contains(&out.info) {
                return Err(Error::NotConverged {
                    what: format!("curve_fit (optimal parameters not found: {})", lm_message(out.info)),
                    iterations: Some(out.nfev),
                });
            }
            let cov = lm_covariance(&out.r, &out.ipvt);
            (out.x, out.fvec, out.nfev, cov, lm_message(out.info).to_string())
        }
        CurveFitMethod::Trf | CurveFitMethod::Dogbox => {
            let jref = jac_res.as_ref().map(|j| j as &dyn Fn(ArrayView1<'_, f64>) -> Array2<f64>);
            let lo = LeastSquaresOptions {
                jac: match jref {
                    Some(j) => LsqJac::Callable(j),
                    None => LsqJac::TwoPoint,
                },
                bounds: o.bounds.clone(),
                method: if method == CurveFitMethod::Dogbox { LsqMethod::Dogbox } else { LsqMethod::Trf },
                ftol: o.ftol.unwrap_or(1e-8),
                xtol: o.xtol.unwrap_or(1e-8),
                gtol: o.gtol.unwrap_or(1e-8),
                max_nfev: o.max_nfev,
                ..Default::default()
            };
            let r = least_squares_with(resid, p0, &lo)?;
            if let Some(len) = bad_len_seen() {
                return Err(Error::shape_mismatch(
                    "f(xdata, p)",
                    format!("length {m}"),
                    format!("length {len}"),
                ));
            }
            if !r.success {
                return Err(Error::NotConverged {
                    what: format!("curve_fit (optimal parameters not found: {})", r.message),
                    iterations: Some(r.nfev),
                });
            }
            let svd = sci_linalg::svd_with(
                &r.jac,
                &sci_linalg::SvdOptions { full_matrices: false, check_finite: false },
            )?;
            let thr = f64::EPSILON * (m.max(n) as f64) * svd.s.first().copied().unwrap_or(0.0);
            let keep: Vec<usize> = (0..svd.s.len()).filter(|&i| svd.s[i] > thr).collect();
            let mut cov = Array2::<f64>::zeros((n, n));
            for &k in &keep {
                let vk = svd.vh.row(k);
                let w = 1.0 / (svd.s[k] * svd.s[k]);
                for i in 0..n {
                    for j in 0..n {
                        cov[[i, j]] += vk[i] * vk[j] * w;
                    }
                }
            }
            (r.x, r.fun, r.nfev, Some(cov), r.message)
        }
    };
    let cost: f64 = fvec.dot(&fvec);
    let mut infinite = false;
    let pcov = match pcov_raw {
        Some(c) if !c.iter().any(|v| v.is_nan()) => {
            if o.absolute_sigma {
                c
            } else if m > n {
                c * (cost / (m - n) as f64)
            } else {
                infinite = true;
                Array2::from_elem((n, n), f64::INFINITY)
            }
        }
        _ => {
            infinite = true;
            Array2::from_elem((n, n), f64::INFINITY)
        }
    };
    Ok(CurveFit { popt, pcov, infinite_covariance: infinite, nfev, fvec, message })
}

fn forward_solve(l: &Array2<f64>, b: &Array1<f64>) -> Array1<f64> {
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

fn lm_message(info: i32) -> &'static str {
    match info {
        1 => "Both actual and predicted relative reductions in the sum of squares are at most ftol",
        2 => "The relative error between two consecutive iterates is at most xtol",
        3 => {
            "Both actual and predicted relative reductions in the sum of squares are at most ftol and the relative error between two consecutive iterates is at most xtol"
        }
        4 => {
            "The cosine of the angle between func(x) and any column of the Jacobian is at most gtol in absolute value"
        }
        5 => "Number of calls to function has reached maxfev",
        6 => "ftol is too small, no further reduction in the sum of squares is possible",
        7 => "xtol is too small, no further improvement in the approximate solution is possible",
        _ => "gtol is too small, func(x) is orthogonal to the columns of the Jacobian to machine precision",
    }
}

/// `cov_x = (R P)⁻¹ (R P)⁻ᵀ` from MINPACK's pivoted triangle, as SciPy's `leastsq` forms it
/// (a triangular inverse, so the result is symmetric positive semi-definite even when `R` is
/// nearly singular); `None` when a diagonal entry of `R` is exactly zero.
fn lm_covariance(r: &Array2<f64>, ipvt: &[usize]) -> Option<Array2<f64>> {
    let n = r.nrows();
    // R⁻¹ (`solve_triangular` reports an exactly zero diagonal as singular).
    let inv = sci_linalg::solve_triangular(r, &Array2::<f64>::eye(n)).ok()?;
    // (R P)⁻¹ = Pᵀ R⁻¹: row i of R⁻¹ becomes row ipvt[i].
    let mut permuted = Array2::<f64>::zeros((n, n));
    for (i, row) in inv.rows().into_iter().enumerate() {
        permuted.row_mut(ipvt[i]).assign(&row);
    }
    Some(permuted.dot(&permuted.t()))
}

/// Models with at least this many points evaluate their forward-difference Jacobian
/// columns in parallel.
const PARALLEL_MODEL_LEN: usize = 10_000;
