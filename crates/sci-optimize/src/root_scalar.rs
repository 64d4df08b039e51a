//! Scalar root finding, SciPy's `root_scalar` and the bracketing solvers `brentq`,
//! `brenth`, `ridder`, `bisect`, `toms748`, and the open methods `newton`, `secant`, `halley`.

use sci_core::{Error, Result};

use crate::numdiff::{FdScheme, fd_steps};

const BRACKET_XTOL: f64 = 2e-12;
const BRACKET_RTOL: f64 = 4.0 * f64::EPSILON;
const BRACKET_MAXITER: usize = 100;
const OPEN_TOL: f64 = 1.48e-8;
const OPEN_MAXITER: usize = 50;

/// A scalar root-finding method, SciPy's `method=` strings of `root_scalar`.
///
/// ```
/// use sci_optimize::{root_scalar_with, RootScalarMethod, RootScalarOptions};
/// let o = RootScalarOptions { method: Some(RootScalarMethod::Secant), x0: Some(1.0), ..Default::default() };
/// let r = root_scalar_with(|x| x * x - 2.0, &o)?;
/// assert!((r.root - 2f64.sqrt()).abs() < 1e-8);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootScalarMethod {
    /// Brent's method with inverse quadratic extrapolation (`'brentq'`), the default with a
    /// bracket.
    Brentq,
    /// Brent's method with hyperbolic extrapolation (`'brenth'`).
    Brenth,
    /// Ridders' method (`'ridder'`).
    Ridder,
    /// Bisection (`'bisect'`).
    Bisect,
    /// Alefeld, Potra and Shi's Algorithm 748 (`'toms748'`).
    Toms748,
    /// Newton–Raphson (`'newton'`); a forward-difference derivative is used without `fprime`.
    Newton,
    /// The secant method (`'secant'`).
    Secant,
    /// Halley's method (`'halley'`), needs `fprime` and `fprime2`.
    Halley,
}

/// Why a scalar root finder stopped, SciPy's `RootResults.flag`.
///
/// ```
/// use sci_optimize::{root_scalar_with, RootFlag, RootScalarOptions};
/// let o = RootScalarOptions { bracket: Some((0.0, 2.0)), maxiter: Some(3), ..Default::default() };
/// let r = root_scalar_with(|x: f64| x.powi(3) - 2.0, &o)?;
/// assert_eq!(r.flag, RootFlag::ConvergenceError);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RootFlag {
    /// The tolerance was met (`'converged'`).
    Converged,
    /// The iteration limit was reached, or a zero derivative / flat secant stopped an open
    /// method (`'convergence error'`).
    ConvergenceError,
    /// The function returned NaN (`'value error'`); `root` is where it did.
    ValueError,
}

/// The result of [`root_scalar`], SciPy's `RootResults`.
///
/// ```
/// use sci_optimize::root_scalar;
/// let r = root_scalar(|x: f64| x.sin(), (3.0, 4.0))?;
/// assert!(r.converged && (r.root - std::f64::consts::PI).abs() < 1e-11);
/// println!("{} iterations, {} calls", r.iterations, r.function_calls);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RootResults {
    /// The estimated root.
    pub root: f64,
    /// Iterations performed.
    pub iterations: usize,
    /// Evaluations of the function (and its derivatives, counted as SciPy counts them).
    pub function_calls: usize,
    /// Whether the tolerance was met.
    pub converged: bool,
    /// Why the solver stopped.
    pub flag: RootFlag,
    /// The method that ran.
    pub method: RootScalarMethod,
}

/// Options of [`root_scalar_with`], SciPy's keyword arguments of `root_scalar`.
///
/// `fprime` and `fprime2` are borrowed closures (`&|x| 2.0 * x`).
///
/// ```
/// use sci_optimize::RootScalarOptions;
/// let fp = |x: f64| 2.0 * x;
/// let o = RootScalarOptions { x0: Some(1.0), fprime: Some(&fp), ..Default::default() };
/// assert!(o.bracket.is_none() && o.fprime.is_some());
/// ```
#[derive(Clone, Copy, Default)]
pub struct RootScalarOptions<'a> {
    /// The method; `None` picks SciPy's choice: `Brentq` with a bracket, otherwise
    /// `Halley` / `Newton` / `Secant` depending on which derivatives and points are given.
    pub method: Option<RootScalarMethod>,
    /// An interval `[a, b]` whose end values have different signs (bracketing methods).
    pub bracket: Option<(f64, f64)>,
    /// Starting point of the open methods.
    pub x0: Option<f64>,
    /// Second starting point of the secant method; default `x0·(1 + 1e-4) ± 1e-4`.
    pub x1: Option<f64>,
    /// First derivative (Newton, Halley).
    pub fprime: Option<&'a dyn Fn(f64) -> f64>,
    /// Second derivative (Halley).
    pub fprime2: Option<&'a dyn Fn(f64) -> f64>,
    /// Absolute tolerance. Default `2e-12` (bracketing) or `1.48e-8` (open methods).
    pub xtol: Option<f64>,
    /// Relative tolerance. Default `4·eps` (bracketing) or `0` (open methods).
    pub rtol: Option<f64>,
    /// Iteration limit. Default 100 (bracketing) or 50 (open methods).
    pub maxiter: Option<usize>,
    /// The `k` option of TOMS 748 (Newton–quadratic steps per iteration). Default 1.
    pub k: Option<usize>,
}

impl std::fmt::Debug for RootScalarOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RootScalarOptions")
            .field("method", &self.method)
            .field("bracket", &self.bracket)
            .field("x0", &self.x0)
            .field("x1", &self.x1)
            .field("fprime", &self.fprime.is_some())
            .field("fprime2", &self.fprime2.is_some())
            .field("xtol", &self.xtol)
            .field("rtol", &self.rtol)
            .field("maxiter", &self.maxiter)
            .field("k", &self.k)
            .finish()
    }
}

/// Finds a root of `f` in the bracket `[a, b]` with Brent's method, SciPy's
/// `root_scalar(f, bracket=[a, b])` (SciPy's defaults `xtol = 2e-12`, `rtol = 4·eps`,
/// `maxiter = 100`).
///
/// # Errors
/// As [`root_scalar_with`].
///
/// ```
/// use sci_optimize::root_scalar;
/// let r = root_scalar(|x| x * x * x - 1.0, (0.0, 3.0))?;
/// assert!(r.converged && (r.root - 1.0).abs() < 1e-11);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn root_scalar<F: Fn(f64) -> f64>(f: F, bracket: (f64, f64)) -> Result<RootResults> {
    root_scalar_with(f, &RootScalarOptions { bracket: Some(bracket), ..Default::default() })
}

/// Brent's method on `[a, b]`, SciPy's `brentq(f, a, b)`: returns the root.
///
/// # Errors
/// As [`root_scalar_with`], plus [`Error::NotConverged`] when 100 iterations do not meet the
/// tolerance (SciPy's `disp=True` raises `RuntimeError`) and [`Error::InvalidArgument`] when
/// `f` returns NaN.
///
/// ```
/// let r = sci_optimize::brentq(|x: f64| x.cos() - x, 0.0, 1.0)?;
/// assert!((r - 0.7390851332151607).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn brentq<F: Fn(f64) -> f64>(f: F, a: f64, b: f64) -> Result<f64> {
    let r = root_scalar_with(
        f,
        &RootScalarOptions {
            method: Some(RootScalarMethod::Brentq),
            bracket: Some((a, b)),
            ..Default::default()
        },
    )?;
    match r.flag {
        RootFlag::Converged => Ok(r.root),
        RootFlag::ConvergenceError => Err(Error::not_converged("brentq", r.iterations)),
        RootFlag::ValueError => Err(Error::invalid_argument(
            "f",
            format!("the function value at x={} is NaN; solver cannot continue", r.root),
        )),
    }
}

/// Finds a root of a scalar function, SciPy's `root_scalar` with all its options.
///
/// Bracketing methods ([`RootScalarMethod::Brentq`], `Brenth`, `Ridder`, `Bisect`,
/// `Toms748`) keep a sign change and stop when the bracket is narrower than
/// `xtol + rtol·|x|` (each method's own test, as in SciPy). Open methods (`Newton`,
/// `Secant`, `Halley`) stop when successive iterates satisfy
/// `|x_{k+1} − x_k| ≤ xtol + rtol·|x_k|`. Each iteration costs one to three evaluations.
///
/// A run that reaches `maxiter` returns `converged: false` with
/// [`RootFlag::ConvergenceError`]; a NaN function value stops the run with
/// [`RootFlag::ValueError`].
///
/// # Errors
/// [`Error::InvalidArgument`] when the method's inputs are missing (`bracket`, `x0`,
/// Halley's derivatives), when `f(a)` and `f(b)` have the same sign, for non-finite bracket
/// ends, `xtol ≤ 0`, `rtol` below SciPy's minimum (`4·eps`, `eps` for TOMS 748), `x1 == x0`,
/// or `maxiter == 0` for the open methods, and (TOMS 748) an infinite function value.
///
/// # Differences from SciPy
/// - Newton without `fprime` counts each finite-difference derivative as one function call,
///   as SciPy does (it actually costs two evaluations).
/// - A NaN at a bracketing method's start reports `iterations = 0` (SciPy reports NaN).
///
/// ```
/// use sci_optimize::{root_scalar_with, RootScalarOptions, RootScalarMethod};
/// let f = |x: f64| x.powi(3) - 1.0;
/// let fp = |x: f64| 3.0 * x * x;
/// let fpp = |x: f64| 6.0 * x;
/// let r = root_scalar_with(f, &RootScalarOptions {
///     method: Some(RootScalarMethod::Halley), x0: Some(0.2), fprime: Some(&fp), fprime2: Some(&fpp),
///     ..Default::default()
/// })?;
/// assert!(r.converged && (r.root - 1.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn root_scalar_with<F: Fn(f64) -> f64>(f: F, options: &RootScalarOptions<'_>) -> Result<RootResults> {
    use RootScalarMethod::*;
    let method = match options.method {
        Some(m) => m,
        None => {
            if options.bracket.is_some() {
                Brentq
            } else if options.x0.is_some() {
                match (options.fprime.is_some(), options.fprime2.is_some()) {
                    (true, true) => Halley,
                    (true, false) => Newton,
                    _ if options.x1.is_some() => Secant,
                    _ => Newton,
                }
            } else {
                return Err(Error::invalid_argument(
                    "method",
                    "unable to select a solver as neither bracket nor starting point provided",
                ));
            }
        }
    };
    match method {
        Brentq | Brenth | Ridder | Bisect | Toms748 => {
            let (a, b) = options.bracket.ok_or_else(|| {
                Error::invalid_argument("bracket", format!("bracket needed for {method:?}"))
            })?;
            let xtol = options.xtol.unwrap_or(BRACKET_XTOL);
            let rtol = options.rtol.unwrap_or(BRACKET_RTOL);
            let maxiter = options.maxiter.unwrap_or(BRACKET_MAXITER);
            if xtol.is_nan() || xtol <= 0.0 {
                return Err(Error::invalid_argument("xtol", format!("xtol too small ({xtol} <= 0)")));
            }
            let min_rtol = if method == Toms748 { BRACKET_RTOL / 4.0 } else { BRACKET_RTOL };
            if rtol.is_nan() || rtol < min_rtol {
                return Err(Error::invalid_argument("rtol", format!("rtol too small ({rtol} < {min_rtol})")));
            }
            if !a.is_finite() || !b.is_finite() {
                return Err(Error::invalid_argument(
                    "bracket",
                    format!("the bracket [{a}, {b}] is not finite"),
                ));
            }
            let mut ev = Eval { f: &f, calls: 0 };
            let out = match method {
                Brentq => brent_core(&mut ev, a, b, xtol, rtol, maxiter, false),
                Brenth => brent_core(&mut ev, a, b, xtol, rtol, maxiter, true),
                Ridder => ridder_core(&mut ev, a, b, xtol, rtol, maxiter),
                Bisect => bisect_core(&mut ev, a, b, xtol, rtol, maxiter),
                _ => {
                    if a >= b {
                        return Err(Error::invalid_argument(
                            "bracket",
                            format!("a and b are not an interval [{a}, {b}]"),
                        ));
                    }
                    if maxiter < 1 {
                        return Err(Error::invalid_argument("maxiter", "maxiter must be greater than 0"));
                    }
                    toms748_core(&mut ev, a, b, xtol, rtol, maxiter, options.k.unwrap_or(1).clamp(1, 100))
                }
            };
            let calls = ev.calls;
            match out {
                Ok((root, iterations, flag)) => Ok(RootResults {
                    root,
                    iterations,
                    function_calls: calls,
                    converged: flag == RootFlag::Converged,
                    flag,
                    method,
                }),
                Err(Stop::Nan(x, iterations)) => Ok(RootResults {
                    root: x,
                    iterations,
                    function_calls: calls,
                    converged: false,
                    flag: RootFlag::ValueError,
                    method,
                }),
                Err(Stop::Sign(fa, fb)) => Err(Error::invalid_argument(
                    "bracket",
                    format!("f(a) and f(b) must have different signs, but f({a:e})={fa:e}, f({b:e})={fb:e}"),
                )),
                Err(Stop::Inf(x)) => {
                    Err(Error::invalid_argument("f", format!("invalid function value: f({x}) is infinite")))
                }
            }
        }
        Newton | Secant | Halley => {
            let x0 = options.x0.ok_or_else(|| {
                Error::invalid_argument("x0", format!("x0 must not be None for {method:?}"))
            })?;
            let tol = options.xtol.unwrap_or(OPEN_TOL);
            let rtol = options.rtol.unwrap_or(0.0);
            let maxiter = options.maxiter.unwrap_or(OPEN_MAXITER);
            if tol.is_nan() || tol <= 0.0 {
                return Err(Error::invalid_argument("xtol", format!("tol too small ({tol} <= 0)")));
            }
            if maxiter < 1 {
                return Err(Error::invalid_argument("maxiter", "maxiter must be greater than 0"));
            }
            let fd = |x: f64| -> f64 {
                let steps = fd_steps(&[x], FdScheme::TwoPoint, None, None, None, None);
                let h = steps.h[0];
                let xh = x + h;
                (f(xh) - f(x)) / (xh - x)
            };
            match method {
                Secant => secant_core(&f, x0, options.x1, tol, rtol, maxiter, method),
                Newton => match options.fprime {
                    Some(fp) => newton_core(&f, fp, None, x0, tol, rtol, maxiter, method),
                    None => newton_core(&f, &fd, None, x0, tol, rtol, maxiter, method),
                },
                _ => {
                    let fp = options.fprime.ok_or_else(|| {
                        Error::invalid_argument("fprime", "fprime must be specified for halley")
                    })?;
                    let fpp = options.fprime2.ok_or_else(|| {
                        Error::invalid_argument("fprime2", "fprime2 must be specified for halley")
                    })?;
                    newton_core(&f, fp, Some(fpp), x0, tol, rtol, maxiter, method)
                }
            }
        }
    }
}

struct Eval<'f, F> {
    f: &'f F,
    calls: usize,
}

enum Stop {
    Nan(f64, usize),
    Sign(f64, f64),
    Inf(f64),
}

impl<F: Fn(f64) -> f64> Eval<'_, F> {
    fn call(&mut self, x: f64, iterations: usize) -> std::result::Result<f64, Stop> {
        let v = (self.f)(x);
        self.calls += 1;
        if v.is_nan() { Err(Stop::Nan(x, iterations)) } else { Ok(v) }
    }
}

type Core = std::result::Result<(f64, usize, RootFlag), Stop>;

/// Brent's method (`hyperbolic = false`, brentq) or the Harris variant (brenth).
fn brent_core<F: Fn(f64) -> f64>(
    ev: &mut Eval<'_, F>,
    xa: f64,
    xb: f64,
    xtol: f64,
    rtol: f64,
    maxiter: usize,
    hyperbolic: bool,
) -> Core {
    let (mut xpre, mut xcur) = (xa, xb);
    let (mut xblk, mut fblk, mut spre, mut scur) = (0.0, 0.0, 0.0, 0.0);
    let mut fpre = ev.call(xpre, 0)?;
    let mut fcur = ev.call(xcur, 0)?;
    if fpre == 0.0 {
        return Ok((xpre, 0, RootFlag::Converged));
    }
    if fcur == 0.0 {
        return Ok((xcur, 0, RootFlag::Converged));
    }
    if fpre.is_sign_negative() == fcur.is_sign_negative() {
        return Err(Stop::Sign(fpre, fcur));
    }
    let mut it = 0;
    while it < maxiter {
        it += 1;
        if fpre != 0.0 && fcur != 0.0 && fpre.is_sign_negative() != fcur.is_sign_negative() {
            xblk = xpre;
            fblk = fpre;
            spre = xcur - xpre;
            scur = spre;
        }
        if fblk.abs() < fcur.abs() {
            xpre = xcur;
            xcur = xblk;
            xblk = xpre;
            fpre = fcur;
            fcur = fblk;
            fblk = fpre;
        }
        let delta = (xtol + rtol * xcur.abs()) / 2.0;
        let sbis = (xblk - xcur) / 2.0;
        if fcur == 0.0 || sbis.abs() < delta {
            return Ok((xcur, it, RootFlag::Converged));
        }
        if spre.abs() > delta && fcur.abs() < fpre.abs() {
            let stry = if xpre == xblk {
                -fcur * (xcur - xpre) / (fcur - fpre)
            } else {
                let dpre = (fpre - fcur) / (xpre - xcur);
                let dblk = (fblk - fcur) / (xblk - xcur);
                if hyperbolic {
                    -fcur * (fblk - fpre) / (fblk * dpre - fpre * dblk)
                } else {
                    -fcur * (fblk * dblk - fpre * dpre) / (dblk * dpre * (fblk - fpre))
                }
            };
            if 2.0 * stry.abs() < spre.abs().min(3.0 * sbis.abs() - delta) {
                spre = scur;
                scur = stry;
            } else {
                spre = sbis;
                scur = sbis;
            }
        } else {
            spre = sbis;
            scur = sbis;
        }
        xpre = xcur;
        fpre = fcur;
        if scur.abs() > delta {
            xcur += scur;
        } else {
            xcur += if sbis > 0.0 { delta } else { -delta };
        }
        fcur = ev.call(xcur, it)?;
    }
    Ok((xcur, it, RootFlag::ConvergenceError))
}

fn bisect_core<F: Fn(f64) -> f64>(
    ev: &mut Eval<'_, F>,
    xa: f64,
    xb: f64,
    xtol: f64,
    rtol: f64,
    maxiter: usize,
) -> Core {
    let mut xa = xa;
    let fa = ev.call(xa, 0)?;
    let fb = ev.call(xb, 0)?;
    if fa * fb > 0.0 {
        return Err(Stop::Sign(fa, fb));
    }
    if fa == 0.0 {
        return Ok((xa, 0, RootFlag::Converged));
    }
    if fb == 0.0 {
        return Ok((xb, 0, RootFlag::Converged));
    }
    let mut dm = xb - xa;
    let mut it = 0;
    while it < maxiter {
        it += 1;
        dm *= 0.5;
        let xm = xa + dm;
        let fm = ev.call(xm, it)?;
        if fm * fa >= 0.0 {
            xa = xm;
        }
        if fm == 0.0 || dm.abs() < xtol + rtol * xm.abs() {
            return Ok((xm, it, RootFlag::Converged));
        }
    }
    Ok((xa, it, RootFlag::ConvergenceError))
}

fn ridder_core<F: Fn(f64) -> f64>(
    ev: &mut Eval<'_, F>,
    xa: f64,
    xb: f64,
    xtol: f64,
    rtol: f64,
    maxiter: usize,
) -> Core {
    let (mut xa, mut xb) = (xa, xb);
    let mut tol = xtol + rtol * xa.abs().min(xb.abs());
    let mut fa = ev.call(xa, 0)?;
    let mut fb = ev.call(xb, 0)?;
    if fa == 0.0 {
        return Ok((xa, 0, RootFlag::Converged));
    }
    if fb == 0.0 {
        return Ok((xb, 0, RootFlag::Converged));
    }
    if fa.is_sign_negative() == fb.is_sign_negative() {
        return Err(Stop::Sign(fa, fb));
    }
    let mut xn = 0.0;
    let mut it = 0;
    while it < maxiter {
        it += 1;
        let dm = 0.5 * (xb - xa);
        let xm = xa + dm;
        let fm = ev.call(xm, it)?;
        let sgn = |v: f64| if v < 0.0 { -1.0 } else { 1.0 };
        let dn = sgn(fb - fa) * dm * fm / (fm * fm - fa * fb).sqrt();
        xn = xm - sgn(dn) * dn.abs().min(dm.abs() - 0.5 * tol);
        let fnv = ev.call(xn, it)?;
        if fnv.is_sign_negative() != fm.is_sign_negative() {
            xa = xn;
            fa = fnv;
            xb = xm;
            fb = fm;
        } else if fnv.is_sign_negative() != fa.is_sign_negative() {
            xb = xn;
            fb = fnv;
        } else {
            xa = xn;
            fa = fnv;
        }
        tol = xtol + rtol * xn;
        if fnv == 0.0 || (xb - xa).abs() < tol {
            return Ok((xn, it, RootFlag::Converged));
        }
    }
    Ok((xn, it, RootFlag::ConvergenceError))
}

fn isclose(a: f64, b: f64, rtol: f64, atol: f64) -> bool {
    (a - b).abs() <= atol + rtol * b.abs()
}

fn newton_core<F: Fn(f64) -> f64>(
    f: &F,
    fp: &dyn Fn(f64) -> f64,
    fpp: Option<&dyn Fn(f64) -> f64>,
    x0: f64,
    tol: f64,
    rtol: f64,
    maxiter: usize,
    method: RootScalarMethod,
) -> Result<RootResults> {
    let mut p0 = x0;
    let mut calls = 0;
    let done = |root, calls, iterations, flag: RootFlag| RootResults {
        root,
        iterations,
        function_calls: calls,
        converged: flag == RootFlag::Converged,
        flag,
        method,
    };
    let mut p = p0;
    for itr in 0..maxiter {
        let fval = f(p0);
        calls += 1;
        if fval == 0.0 {
            return Ok(done(p0, calls, itr, RootFlag::Converged));
        }
        let fder = fp(p0);
        calls += 1;
        if fder == 0.0 {
            return Ok(done(p0, calls, itr + 1, RootFlag::ConvergenceError));
        }
        let mut step = fval / fder;
        if let Some(fpp) = fpp {
            let fder2 = fpp(p0);
            calls += 1;
            let adj = step * fder2 / fder / 2.0;
            if adj.abs() < 1.0 {
                step /= 1.0 - adj;
            }
        }
        p = p0 - step;
        if isclose(p, p0, rtol, tol) {
            return Ok(done(p, calls, itr + 1, RootFlag::Converged));
        }
        p0 = p;
    }
    Ok(done(p, calls, maxiter, RootFlag::ConvergenceError))
}

fn secant_core<F: Fn(f64) -> f64>(
    f: &F,
    x0: f64,
    x1: Option<f64>,
    tol: f64,
    rtol: f64,
    maxiter: usize,
    method: RootScalarMethod,
) -> Result<RootResults> {
    let done = |root, calls, iterations, flag: RootFlag| RootResults {
        root,
        iterations,
        function_calls: calls,
        converged: flag == RootFlag::Converged,
        flag,
        method,
    };
    let mut p0 = x0;
    let mut p1 = match x1 {
        Some(x1) if x1 == x0 => return Err(Error::invalid_argument("x1", "x1 and x0 must be different")),
        Some(x1) => x1,
        None => {
            let eps = 1e-4;
            let p = x0 * (1.0 + eps);
            p + if p >= 0.0 { eps } else { -eps }
        }
    };
    let mut q0 = f(p0);
    let mut q1 = f(p1);
    let mut calls = 2;
    if q1.abs() < q0.abs() {
        std::mem::swap(&mut p0, &mut p1);
        std::mem::swap(&mut q0, &mut q1);
    }
    let mut p = p1;
    for itr in 0..maxiter {
        if q1 == q0 {
            return Ok(done((p1 + p0) / 2.0, calls, itr + 1, RootFlag::ConvergenceError));
        }
        p = if q1.abs() > q0.abs() {
            (-q0 / q1 * p1 + p0) / (1.0 - q0 / q1)
        } else {
            (-q1 / q0 * p0 + p1) / (1.0 - q1 / q0)
        };
        if isclose(p, p1, rtol, tol) {
            return Ok(done(p, calls, itr + 1, RootFlag::Converged));
        }
        p0 = p1;
        q0 = q1;
        p1 = p;
        q1 = f(p1);
        calls += 1;
    }
    Ok(done(p, calls, maxiter, RootFlag::ConvergenceError))
}

// ---------------------------------------------------------------- TOMS 748

fn notclose(fs: &[Option<f64>], atol: f64) -> bool {
    let mut v = Vec::with_capacity(fs.len());
    for f in fs {
        match f {
            Some(x) if *x != 0.0 && x.is_finite() => v.push(*x),
            _ => return false,
        }
    }
    for i in 0..v.len() {
        for j in i + 1..v.len() {
            if isclose(v[i], v[j], 0.0, atol) {
                return false;
            }
        }
    }
    true
}

fn secant_step(a: f64, b: f64, fa: f64, fb: f64) -> f64 {
    if fa == fb {
        return f64::NAN;
    }
    if fb.abs() > fa.abs() {
        (-fa / fb * b + a) / (1.0 - fa / fb)
    } else {
        (-fb / fa * a + b) / (1.0 - fb / fa)
    }
}

/// Replaces the end of `ab` that has the same sign as `fc` with `c`; returns the old one.
fn update_bracket(ab: &mut [f64; 2], fab: &mut [f64; 2], c: f64, fc: f64) -> (f64, f64) {
    let sign = |v: f64| {
        if v > 0.0 {
            1.0
        } else if v < 0.0 {
            -1.0
        } else {
            0.0
        }
    };
    let idx = if sign(fab[0]) * sign(fc) > 0.0 { 0 } else { 1 };
    let old = (ab[idx], fab[idx]);
    ab[idx] = c;
    fab[idx] = fc;
    old
}

/// Neville-style inverse cubic interpolation: the `x` where the cubic through
/// `(f_i, x_i)` takes the value 0.
fn inverse_poly_zero(xs: [f64; 4], fs: [f64; 4]) -> f64 {
    // Interpolate x as a polynomial in f, evaluate at f = 0 (SciPy's _interpolated_poly).
    let n = 4;
    let mut q = [[0.0; 4]; 4];
    let mut d = [[0.0; 4]; 4];
    for i in 0..n {
        q[i][0] = xs[i];
        d[i][0] = xs[i];
    }
    for k in 1..n {
        for i in k..n {
            let alpha = d[i][k - 1] - q[i - 1][k - 1];
            let diffik = fs[i - k] - fs[i];
            q[i][k] = (fs[i] - 0.0) / diffik * alpha;
            d[i][k] = (fs[i - k] - 0.0) / diffik * alpha;
        }
    }
    let mut s = 0.0;
    for k in 1..n {
        s += q[n - 1][k];
    }
    s + q[n - 1][0]
}

fn newton_quadratic(ab: [f64; 2], fab: [f64; 2], d: f64, fd: f64, k: usize) -> f64 {
    let (a, b) = (ab[0], ab[1]);
    let (fa, fb) = (fab[0], fab[1]);
    let bb = (fb - fa) / (b - a);
    let fbd = (fd - fb) / (d - b);
    let aa = (fbd - bb) / (d - a);
    let p = |x: f64| (aa * (x - b) + bb) * (x - a) + fa;
    if aa == 0.0 {
        return a - fa / bb;
    }
    let sign = |v: f64| {
        if v > 0.0 {
            1.0
        } else if v < 0.0 {
            -1.0
        } else {
            0.0
        }
    };
    let mut r = if sign(aa) * sign(fa) > 0.0 { a } else { b };
    for _ in 0..k {
        let r1 = r - p(r) / (bb + aa * (2.0 * r - a - b));
        if !(ab[0] < r1 && r1 < ab[1]) {
            if ab[0] < r && r < ab[1] {
                return r;
            }
            return (ab[0] + ab[1]) / 2.0;
        }
        r = r1;
    }
    r
}

fn toms748_core<F: Fn(f64) -> f64>(
    ev: &mut Eval<'_, F>,
    a: f64,
    b: f64,
    xtol: f64,
    rtol: f64,
    maxiter: usize,
    k: usize,
) -> Core {
    let eps = f64::EPSILON;
    let mut it = 0usize;
    let call = |ev: &mut Eval<'_, F>, x: f64, it: usize| -> std::result::Result<f64, Stop> {
        let v = ev.call(x, it)?;
        if v.is_infinite() { Err(Stop::Inf(x)) } else { Ok(v) }
    };
    let fa = call(ev, a, 0)?;
    if fa == 0.0 {
        return Ok((a, 0, RootFlag::Converged));
    }
    let fb = call(ev, b, 0)?;
    if fb == 0.0 {
        return Ok((b, 0, RootFlag::Converged));
    }
    if fa.signum() * fb.signum() > 0.0 {
        return Err(Stop::Sign(fa, fb));
    }
    let mut ab = [a, b];
    let mut fab = [fa, fb];
    let mut c = secant_step(a, b, fa, fb);
    if !(ab[0] < c && c < ab[1]) {
        c = (ab[0] + ab[1]) / 2.0;
    }
    let fc = call(ev, c, 0)?;
    if fc == 0.0 {
        return Ok((c, 0, RootFlag::Converged));
    }
    let (mut d, mut fd) = update_bracket(&mut ab, &mut fab, c, fc);
    let (mut e, mut fe): (Option<f64>, Option<f64>) = (None, None);
    it += 1;
    loop {
        it += 1;
        let width0 = ab[1] - ab[0];
        // As in SciPy, `c` is not reset between the inner steps (matters only for k > 1).
        let mut c: Option<f64> = None;
        for nsteps in 2..k + 2 {
            if notclose(&[Some(fab[0]), Some(fab[1]), Some(fd), fe], 32.0 * eps)
                && let (Some(ev_), Some(fe_)) = (e, fe)
            {
                let c0 = inverse_poly_zero([ab[0], ab[1], d, ev_], [fab[0], fab[1], fd, fe_]);
                if ab[0] < c0 && c0 < ab[1] {
                    c = Some(c0);
                }
            }
            let cv = *c.get_or_insert_with(|| newton_quadratic(ab, fab, d, fd, nsteps));
            let fc = call(ev, cv, it)?;
            if fc == 0.0 {
                return Ok((cv, it, RootFlag::Converged));
            }
            e = Some(d);
            fe = Some(fd);
            let old = update_bracket(&mut ab, &mut fab, cv, fc);
            d = old.0;
            fd = old.1;
        }
        let uix = if fab[0].abs() < fab[1].abs() { 0 } else { 1 };
        let (u, fu) = (ab[uix], fab[uix]);
        let slope = (fab[1] - fab[0]) / (ab[1] - ab[0]);
        let mut c = u - 2.0 * fu / slope;
        if (c - u).abs() > 0.5 * (ab[1] - ab[0]) {
            c = (ab[0] + ab[1]) / 2.0;
        } else {
            if isclose(c, u, eps, 0.0) {
                let exp = |v: f64| if v == 0.0 { 0 } else { v.abs().log2().floor() as i64 + 1 };
                if exp(fab[uix]) < exp(fab[1 - uix]) - 50 {
                    c = (31.0 * ab[uix] + ab[1 - uix]) / 32.0;
                } else {
                    let mm = if uix == 0 { 1.0 } else { -1.0 };
                    c = u + mm * c.abs() * rtol + mm * xtol;
                }
            }
            if !(ab[0] < c && c < ab[1]) {
                c = (ab[0] + ab[1]) / 2.0;
            }
        }
        let fc = call(ev, c, it)?;
        if fc == 0.0 {
            return Ok((c, it, RootFlag::Converged));
        }
        e = Some(d);
        fe = Some(fd);
        let old = update_bracket(&mut ab, &mut fab, c, fc);
        d = old.0;
        fd = old.1;
        if ab[1] - ab[0] > 0.5 * width0 {
            e = Some(d);
            fe = Some(fd);
            let z = (ab[0] + ab[1]) / 2.0;
            let fz = call(ev, z, it)?;
            if fz == 0.0 {
                return Ok((z, it, RootFlag::Converged));
            }
            let old = update_bracket(&mut ab, &mut fab, z, fz);
            d = old.0;
            fd = old.1;
        }
        let mid = (ab[0] + ab[1]) / 2.0;
        if isclose(ab[0], ab[1], rtol, xtol) {
            return Ok((mid, it, RootFlag::Converged));
        }
        if it >= maxiter {
            return Ok((mid, it, RootFlag::ConvergenceError));
        }
    }
}
