//! Roots of systems of nonlinear equations, SciPy's `root` (methods `hybr` and `lm`) and
//! `fsolve`.

use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result, validate};

use crate::dense::HouseQr;
use crate::lsq::minpack;
use crate::minimize::MatFn;

/// Method of [`root_with`], SciPy's `method=` strings.
///
/// ```
/// use sci_optimize::{RootMethod, RootOptions};
/// let o = RootOptions { method: RootMethod::Lm, ..Default::default() };
/// assert_eq!(o.method, RootMethod::Lm);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RootMethod {
    /// Powell's hybrid (dogleg) method with Broyden updates, MINPACK's `hybrd`/`hybrj`
    /// (`'hybr'`, the default).
    #[default]
    Hybr,
    /// Levenberg–Marquardt on `‖F(x)‖²`, MINPACK's `lmdif`/`lmder` (`'lm'`).
    Lm,
}

/// Options of [`root_with`].
///
/// ```
/// use sci_optimize::RootOptions;
/// let o = RootOptions { xtol: Some(1e-12), ..Default::default() };
/// assert!(o.jac.is_none());
/// ```
#[derive(Clone, Default)]
pub struct RootOptions<'a> {
    /// The method.
    pub method: RootMethod,
    /// The Jacobian `∂F/∂x` (`N×N`); forward differences when `None`.
    pub jac: Option<MatFn<'a>>,
    /// Relative tolerance between two consecutive iterates (`1.49012e-8`).
    pub xtol: Option<f64>,
    /// Evaluation limit; default `200·(N+1)` (`100·(N+1)` with `jac`).
    pub maxfev: Option<usize>,
    /// Initial step bound factor (100).
    pub factor: Option<f64>,
    /// Variable scaling (positive); default from the Jacobian's column norms.
    pub diag: Option<Array1<f64>>,
    /// Relative step of the forward differences is `√max(eps, machine eps)`.
    pub eps: Option<f64>,
}

impl std::fmt::Debug for RootOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RootOptions")
            .field("method", &self.method)
            .field("jac", &self.jac.is_some())
            .field("xtol", &self.xtol)
            .field("maxfev", &self.maxfev)
            .finish_non_exhaustive()
    }
}

/// The result of [`root`], SciPy's `OptimizeResult` for systems.
///
/// ```
/// use sci_optimize::root;
/// use sci_core::ndarray::{array, ArrayView1};
/// let r = root(|x: ArrayView1<f64>| array![x[0].exp() - 2.0], &array![0.0])?;
/// assert!(r.success && (r.x[0] - 2f64.ln()).abs() < 1e-10 && r.fun[0].abs() < 1e-10);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RootResult {
    /// The solution estimate.
    pub x: Array1<f64>,
    /// `F(x)`.
    pub fun: Array1<f64>,
    /// Whether the method's convergence test was met.
    pub success: bool,
    /// MINPACK's `info` code (1 converged; 2 `maxfev`; 3 `xtol` too small; 4, 5 no progress).
    pub status: i32,
    /// SciPy's message.
    pub message: String,
    /// Calls of `fun`, finite differences included. SciPy's count also includes two calls
    /// its Python wrappers make at `x0`, so it is typically 1–2 higher for the same path.
    pub nfev: usize,
    /// Jacobian evaluations (when `jac` is given).
    pub njev: usize,
}

/// Solves `F(x) = 0` for a square system with Powell's hybrid method, SciPy's
/// `root(fun, x0)`.
///
/// # Errors
/// As [`root_with`].
///
/// ```
/// use sci_optimize::root;
/// use sci_core::ndarray::{array, ArrayView1};
/// // SciPy's example: x0 + 0.5 (x0 − x1)³ = 1, 0.5 (x1 − x0)³ + x1 = 0.
/// let f = |x: ArrayView1<f64>| array![x[0] + 0.5 * (x[0] - x[1]).powi(3) - 1.0, 0.5 * (x[1] - x[0]).powi(3) + x[1]];
/// let r = root(f, &array![0.0, 0.0])?;
/// assert!(r.success);
/// assert!((r.x[0] - 0.8411639).abs() < 1e-6 && (r.x[1] - 0.1588361).abs() < 1e-6);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn root<S, F>(fun: F, x0: &ArrayBase<S, Ix1>) -> Result<RootResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
{
    root_with(fun, x0, &RootOptions::default())
}

/// Finds a root of a vector function, SciPy's `fsolve(func, x0)`: Powell's hybrid method,
/// returning only the solution.
///
/// # Errors
/// As [`root_with`], plus [`Error::NotConverged`] when the method does not report
/// convergence (SciPy returns the last iterate with a `RuntimeWarning`).
///
/// ```
/// use sci_optimize::fsolve;
/// use sci_core::ndarray::{array, ArrayView1};
/// let f = |x: ArrayView1<f64>| array![x[0] * x[1] - 2.0, x[0] + x[1] - 3.0];
/// let x = fsolve(f, &array![1.5, 0.0])?;
/// assert!((x[0] * x[1] - 2.0).abs() < 1e-10 && (x[0] + x[1] - 3.0).abs() < 1e-10);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn fsolve<S, F>(func: F, x0: &ArrayBase<S, Ix1>) -> Result<Array1<f64>>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
{
    let r = root(func, x0)?;
    if r.success {
        Ok(r.x)
    } else {
        Err(Error::NotConverged { what: format!("fsolve ({})", r.message), iterations: Some(r.nfev) })
    }
}

/// [`root`] with a method, Jacobian and MINPACK's options.
///
/// - `Hybr` (MINPACK `hybrd`/`hybrj`): a dogleg trust-region step on the QR factorization
///   of the Jacobian, updated by Broyden's rank-one formula between finite-difference (or
///   user) Jacobians, which are recomputed only after two unsuccessful steps. `O(N²)` per
///   update, `O(N³)` per Jacobian.
/// - `Lm`: Levenberg–Marquardt on the residual `F` (SciPy's `leastsq` with `ftol = xtol`).
///
/// # Errors
/// [`Error::Empty`]/[`Error::NonFinite`] for a bad `x0`; [`Error::ShapeMismatch`] when `F`
/// does not return `N` values (for `Hybr`) or `jac`/`diag` have the wrong shape;
/// [`Error::InvalidArgument`] for a non-positive `xtol`, `factor` or `diag` entry.
///
/// ```
/// use sci_optimize::{root_with, RootMethod, RootOptions};
/// use sci_core::ndarray::{array, Array2, ArrayView1};
/// let f = |x: ArrayView1<f64>| array![x[0] * x[0] + x[1] * x[1] - 4.0, x[0] - x[1]];
/// let j = |x: ArrayView1<f64>| array![[2.0 * x[0], 2.0 * x[1]], [1.0, -1.0]];
/// for method in [RootMethod::Hybr, RootMethod::Lm] {
///     let r = root_with(f, &array![1.0, 0.5], &RootOptions { method, jac: Some(&j), ..Default::default() })?;
///     assert!(r.success && (r.x[0] - 2f64.sqrt()).abs() < 1e-8);
/// }
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn root_with<S, F>(fun: F, x0: &ArrayBase<S, Ix1>, options: &RootOptions<'_>) -> Result<RootResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
{
    validate::check_non_empty("x0", x0)?;
    validate::check_finite("x0", x0)?;
    let n = x0.len();
    let x0 = x0.to_owned();
    let xtol = options.xtol.unwrap_or(1.49012e-8);
    if xtol.is_nan() || xtol < 0.0 {
        return Err(Error::invalid_argument("xtol", "must be >= 0"));
    }
    let factor = options.factor.unwrap_or(100.0);
    if factor.is_nan() || factor <= 0.0 {
        return Err(Error::invalid_argument("factor", "must be positive"));
    }
    if let Some(d) = &options.diag {
        validate::check_same_len("x0", n, "diag", d.len())?;
        if d.iter().any(|v| v.is_nan() || *v <= 0.0) {
            return Err(Error::invalid_argument("diag", "entries must be positive"));
        }
    }
    let f0 = fun(x0.view());
    let m = f0.len();
    let maxfev = options.maxfev.filter(|&v| v > 0).unwrap_or(if options.jac.is_some() {
        100 * (n + 1)
    } else {
        200 * (n + 1)
    });
    let epsfcn = options.eps.unwrap_or(f64::EPSILON);
    if let Some(j) = options.jac {
        let j0 = j(x0.view());
        if j0.dim() != (m, n) {
            return Err(Error::shape_mismatch(
                "jac(x0)",
                format!("{m}x{n}"),
                format!("{}x{}", j0.nrows(), j0.ncols()),
            ));
        }
    }
    match options.method {
        RootMethod::Lm => {
            if m < n {
                return Err(Error::invalid_argument(
                    "fun",
                    "method 'lm' needs at least as many equations as unknowns",
                ));
            }
            let settings = minpack::LmSettings {
                ftol: xtol,
                xtol,
                gtol: 0.0,
                maxfev,
                factor,
                diag: options.diag.as_ref().map(|d| d.to_vec()),
                epsfcn,
            };
            let out = match options.jac {
                Some(j) => minpack::lm(&fun, Some(j), &x0, &settings),
                None => minpack::lm::<_, fn(ArrayView1<'_, f64>) -> Array2<f64>>(&fun, None, &x0, &settings),
            };
            let success = (1..=4).contains(&out.info);
            Ok(RootResult {
                x: out.x,
                fun: out.fvec,
                success,
                status: out.info,
                message: lm_root_message(out.info).into(),
                // + the evaluation at x0 that sized the system.
                nfev: out.nfev + 1,
                njev: out.njev,
            })
        }
        RootMethod::Hybr => {
            if m != n {
                return Err(Error::shape_mismatch(
                    "fun(x0)",
                    format!("length {n} (a square system)"),
                    format!("length {m}"),
                ));
            }
            Ok(hybrd(&fun, options.jac, x0, f0, xtol, maxfev, factor, options.diag.as_ref(), epsfcn))
        }
    }
}

fn lm_root_message(info: i32) -> &'static str {
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
        _ => "The tolerances are too small; no further improvement is possible",
    }
}

fn enorm(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

/// MINPACK's dogleg step for the packed-free upper triangular `r`.
fn dogleg(r: &Array2<f64>, diag: &Array1<f64>, qtb: &Array1<f64>, delta: f64) -> Array1<f64> {
    let n = qtb.len();
    let epsmch = f64::EPSILON;
    let mut x = Array1::zeros(n);
    for j in (0..n).rev() {
        let mut sum = 0.0;
        for i in j + 1..n {
            sum += r[[j, i]] * x[i];
        }
        let mut temp = r[[j, j]];
        if temp == 0.0 {
            for i in 0..=j {
                temp = temp.max(r[[i, j]].abs());
            }
            temp *= epsmch;
            if temp == 0.0 {
                temp = epsmch;
            }
        }
        x[j] = (qtb[j] - sum) / temp;
    }
    let wa2 = diag * &x;
    let qnorm = enorm(&wa2);
    if qnorm <= delta {
        return x;
    }
    let mut wa1 = Array1::zeros(n);
    for j in 0..n {
        let temp = qtb[j];
        for i in j..n {
            wa1[i] += r[[j, i]] * temp;
        }
        wa1[j] /= diag[j];
    }
    let gnorm = enorm(&wa1);
    let mut sgnorm = 0.0;
    let mut alpha = delta / qnorm;
    if gnorm != 0.0 {
        for j in 0..n {
            wa1[j] = (wa1[j] / gnorm) / diag[j];
        }
        let mut wa2 = Array1::zeros(n);
        for j in 0..n {
            let mut sum = 0.0;
            for i in j..n {
                sum += r[[j, i]] * wa1[i];
            }
            wa2[j] = sum;
        }
        let temp = enorm(&wa2);
        sgnorm = (gnorm / temp) / temp;
        alpha = 0.0;
        if sgnorm < delta {
            let bnorm = enorm(qtb);
            let mut temp = (bnorm / gnorm) * (bnorm / qnorm) * (sgnorm / delta);
            temp = temp - (delta / qnorm) * (sgnorm / delta).powi(2)
                + ((temp - delta / qnorm).powi(2)
                    + (1.0 - (delta / qnorm).powi(2)) * (1.0 - (sgnorm / delta).powi(2)))
                .sqrt();
            alpha = ((delta / qnorm) * (1.0 - (sgnorm / delta).powi(2))) / temp;
        }
    }
    let temp = (1.0 - alpha) * sgnorm.min(delta);
    &wa1 * temp + &x * alpha
}

#[allow(clippy::too_many_arguments)]
fn hybrd<F: Fn(ArrayView1<'_, f64>) -> Array1<f64>>(
    fun: &F,
    jac: Option<MatFn<'_>>,
    x0: Array1<f64>,
    f0: Array1<f64>,
    xtol: f64,
    maxfev: usize,
    factor: f64,
    diag_user: Option<&Array1<f64>>,
    epsfcn: f64,
) -> RootResult {
    let n = x0.len();
    let epsmch = f64::EPSILON;
    let mut x = x0;
    let mut fvec = f0;
    let mut nfev = 1usize;
    let mut njev = 0usize;
    let mut fnorm = enorm(&fvec);
    let mode2 = diag_user.is_some();
    let mut diag = diag_user.cloned().unwrap_or_else(|| Array1::zeros(n));
    let mut iter = 1;
    let (mut ncsuc, mut ncfail, mut nslow1, mut nslow2) = (0, 0, 0, 0);
    let mut delta = 0.0;
    let mut xnorm = 0.0;
    let eps = epsfcn.max(epsmch).sqrt();
    let mut info;
    if !fnorm.is_finite() {
        return finish(x, fvec, 5, nfev, njev);
    }
    'outer: loop {
        let mut jeval = true;
        // Jacobian.
        let fjac = match jac {
            Some(j) => {
                njev += 1;
                j(x.view())
            }
            None => {
                let mut fj = Array2::zeros((n, n));
                for c in 0..n {
                    let temp = x[c];
                    let mut h = eps * temp.abs();
                    if h == 0.0 {
                        h = eps;
                    }
                    x[c] = temp + h;
                    let wa = fun(x.view());
                    nfev += 1;
                    x[c] = temp;
                    for i in 0..n {
                        fj[[i, c]] = (wa.get(i).copied().unwrap_or(f64::NAN) - fvec[i]) / h;
                    }
                }
                fj
            }
        };
        let acnorm = Array1::from_shape_fn(n, |c| fjac.column(c).dot(&fjac.column(c)).sqrt());
        let qr = HouseQr::new(&fjac);
        let mut r = qr.r.clone();
        let mut q = qr.full_q();
        if iter == 1 {
            if !mode2 {
                for j in 0..n {
                    diag[j] = if acnorm[j] == 0.0 { 1.0 } else { acnorm[j] };
                }
            }
            xnorm = enorm(&(&diag * &x));
            delta = factor * xnorm;
            if delta == 0.0 {
                delta = factor;
            }
        }
        let mut qtf = q.t().dot(&fvec);
        if !mode2 {
            for j in 0..n {
                diag[j] = diag[j].max(acnorm[j]);
            }
        }
        loop {
            let p = dogleg(&r, &diag, &qtf, delta);
            let wa1 = -&p;
            let wa2 = &x + &wa1;
            let pnorm = enorm(&(&diag * &wa1));
            if iter == 1 {
                delta = delta.min(pnorm);
            }
            let wa4 = fun(wa2.view());
            nfev += 1;
            let fnorm1 = if wa4.len() == n { enorm(&wa4) } else { f64::NAN };
            let mut actred = -1.0;
            if fnorm1 < fnorm {
                actred = 1.0 - (fnorm1 / fnorm).powi(2);
            }
            // Predicted reduction: ‖Qᵀf + R p‖.
            let wa3 = &qtf + &r.dot(&wa1);
            let temp = enorm(&wa3);
            let mut prered = 0.0;
            if temp < fnorm {
                prered = 1.0 - (temp / fnorm).powi(2);
            }
            let ratio = if prered > 0.0 { actred / prered } else { 0.0 };
            if ratio < 0.1 {
                ncsuc = 0;
                ncfail += 1;
                delta *= 0.5;
            } else {
                ncfail = 0;
                ncsuc += 1;
                if ratio >= 0.5 || ncsuc > 1 {
                    delta = delta.max(pnorm / 0.5);
                }
                if (ratio - 1.0).abs() <= 0.1 {
                    delta = pnorm / 0.5;
                }
            }
            if ratio >= 1e-4 {
                x = wa2;
                xnorm = enorm(&(&diag * &x));
                fvec = wa4.clone();
                fnorm = fnorm1;
                iter += 1;
            }
            nslow1 += 1;
            if actred >= 0.001 {
                nslow1 = 0;
            }
            if jeval {
                nslow2 += 1;
            }
            if actred >= 0.1 {
                nslow2 = 0;
            }
            info = 0;
            if delta <= xtol * xnorm || fnorm == 0.0 {
                info = 1;
            }
            if info != 0 {
                break 'outer;
            }
            if nfev >= maxfev {
                info = 2;
            }
            if 0.1 * (0.1 * delta).max(pnorm) <= epsmch * xnorm {
                info = 3;
            }
            if nslow2 == 5 {
                info = 4;
            }
            if nslow1 == 10 {
                info = 5;
            }
            if !delta.is_finite() || delta == 0.0 && !fnorm.is_finite() {
                info = 5;
            }
            if info != 0 {
                break 'outer;
            }
            if ncfail == 2 {
                continue 'outer;
            }
            if wa4.len() != n || wa4.iter().any(|v| !v.is_finite()) {
                continue 'outer;
            }
            // Broyden rank-one update of Q R: R ← R + w vᵀ with w = (Qᵀf₊ − wa3)/‖Dp‖,
            // v = D(Dp)/‖Dp‖, then re-triangularize.
            let qtf_new = q.t().dot(&wa4);
            let w = (&qtf_new - &wa3) / pnorm;
            let v = Array1::from_shape_fn(n, |j| diag[j] * ((diag[j] * wa1[j]) / pnorm));
            if ratio >= 1e-4 {
                qtf = qtf_new;
            }
            let mut m = r.clone();
            for i in 0..n {
                for j in 0..n {
                    m[[i, j]] += w[i] * v[j];
                }
            }
            let q2 = HouseQr::new(&m);
            r = q2.r.clone();
            q = q.dot(&q2.full_q());
            qtf = q2.qt(&qtf);
            jeval = false;
        }
    }
    finish(x, fvec, info, nfev, njev)
}

fn finish(x: Array1<f64>, fvec: Array1<f64>, info: i32, nfev: usize, njev: usize) -> RootResult {
    let message = match info {
        1 => "The solution converged.".to_string(),
        2 => "The number of calls to function has reached maxfev.".to_string(),
        3 => "xtol is too small, no further improvement in the approximate solution is possible.".to_string(),
        4 => "The iteration is not making good progress, as measured by the improvement from the last five Jacobian evaluations.".to_string(),
        _ => "The iteration is not making good progress, as measured by the improvement from the last ten iterations.".to_string(),
    };
    RootResult { x, fun: fvec, success: info == 1, status: info, message, nfev, njev }
}
