//! Scalar minimization, SciPy's `minimize_scalar` (methods `brent`, `bounded`, `golden`)
//! and `bracket`.

use sci_core::{Error, Result};

/// A scalar minimization method, SciPy's `method=` strings of `minimize_scalar`.
///
/// ```
/// use sci_optimize::{minimize_scalar_with, MinimizeScalarMethod, MinimizeScalarOptions};
/// let o = MinimizeScalarOptions { method: Some(MinimizeScalarMethod::Bounded), bounds: Some((0.0, 1.0)), ..Default::default() };
/// let r = minimize_scalar_with(|x| -x, &o)?; // minimum at the upper bound
/// assert!((r.x - 1.0).abs() < 1e-4);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinimizeScalarMethod {
    /// Brent's parabolic interpolation with golden-section safeguard (`'brent'`), the
    /// default without bounds.
    Brent,
    /// Brent's method restricted to an interval (`'bounded'`, `fminbound`), the default with
    /// bounds.
    Bounded,
    /// Golden-section search (`'golden'`).
    Golden,
}

/// A bracket for [`MinimizeScalarMethod::Brent`] and [`MinimizeScalarMethod::Golden`].
///
/// ```
/// use sci_optimize::{minimize_scalar_with, MinimizeScalarOptions, ScalarBracket};
/// let o = MinimizeScalarOptions { bracket: Some(ScalarBracket::Three(0.0, 1.0, 3.0)), ..Default::default() };
/// let r = minimize_scalar_with(|x| (x - 1.2) * (x - 1.2), &o)?;
/// assert!((r.x - 1.2).abs() < 1e-7);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScalarBracket {
    /// Two starting points for the downhill bracket search ([`bracket`]).
    Two(f64, f64),
    /// A bracketing triple `a < b < c` (or `c < b < a`) with `f(b) < f(a)` and `f(b) < f(c)`.
    Three(f64, f64, f64),
}

/// Options of [`minimize_scalar_with`], SciPy's keyword arguments and method options.
///
/// ```
/// use sci_optimize::{MinimizeScalarMethod, MinimizeScalarOptions};
/// let o = MinimizeScalarOptions { method: Some(MinimizeScalarMethod::Golden), xtol: Some(1e-10), ..Default::default() };
/// assert!(o.bounds.is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct MinimizeScalarOptions {
    /// The method; `None` is `Brent` without bounds and `Bounded` with them (SciPy's rule).
    pub method: Option<MinimizeScalarMethod>,
    /// Bracket for Brent and golden; default: search from `(0, 1)`.
    pub bracket: Option<ScalarBracket>,
    /// Interval for the bounded method.
    pub bounds: Option<(f64, f64)>,
    /// Tolerance (`xtol` of Brent/golden, `xatol` of bounded). Defaults: `1.48e-8` (Brent),
    /// `√eps` (golden), `1e-5` (bounded).
    pub xtol: Option<f64>,
    /// Iteration limit. Defaults: 500 (Brent, bounded — where it counts function calls as in
    /// SciPy), 5000 (golden).
    pub maxiter: Option<usize>,
}

/// The result of [`minimize_scalar`], SciPy's `OptimizeResult` for scalars.
///
/// ```
/// use sci_optimize::minimize_scalar;
/// let r = minimize_scalar(|x: f64| x.cosh())?;
/// assert!(r.success && r.x.abs() < 1e-6 && r.nfev >= r.nit);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MinimizeScalarResult {
    /// The minimizer.
    pub x: f64,
    /// `f(x)`.
    pub fun: f64,
    /// Iterations.
    pub nit: usize,
    /// Function evaluations.
    pub nfev: usize,
    /// Whether the tolerance was met (false at the iteration limit, on NaN, or when no
    /// bracket was found).
    pub success: bool,
    /// SciPy's status code for the bounded method (0 success, 1 maxfun, 2 NaN); for Brent and
    /// golden 0 on success, 1 otherwise.
    pub status: i32,
    /// A description of the outcome.
    pub message: String,
}

/// A bracketing triple found by [`bracket`], SciPy's `(xa, xb, xc, fa, fb, fc, funcalls)`.
///
/// ```
/// use sci_optimize::bracket;
/// let b = bracket(|x: f64| (x + 4.0).powi(2), 0.0, 1.0)?;
/// assert!(b.xa.min(b.xc) < -4.0 && b.xa.max(b.xc) > -4.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bracket {
    /// First point.
    pub xa: f64,
    /// Middle point, with the lowest value.
    pub xb: f64,
    /// Third point.
    pub xc: f64,
    /// `f(xa)`.
    pub fa: f64,
    /// `f(xb)`.
    pub fb: f64,
    /// `f(xc)`.
    pub fc: f64,
    /// Function evaluations used.
    pub funcalls: usize,
}

enum BracketFail {
    Invalid(Bracket),
    Limit,
}

fn bracket_core<F: Fn(f64) -> f64>(func: &F, xa: f64, xb: f64) -> std::result::Result<Bracket, BracketFail> {
    const GOLD: f64 = 1.618034;
    const VERYSMALL: f64 = 1e-21;
    let grow_limit = 110.0;
    let maxiter = 1000;
    let (mut xa, mut xb) = (xa, xb);
    let mut fa = func(xa);
    let mut fb = func(xb);
    if fa < fb {
        std::mem::swap(&mut xa, &mut xb);
        std::mem::swap(&mut fa, &mut fb);
    }
    let mut xc = xb + GOLD * (xb - xa);
    let mut fc = func(xc);
    let mut funcalls = 3;
    let mut iter = 0;
    while fc < fb {
        let tmp1 = (xb - xa) * (fb - fc);
        let tmp2 = (xb - xc) * (fb - fa);
        let val = tmp2 - tmp1;
        let denom = if val.abs() < VERYSMALL { 2.0 * VERYSMALL } else { 2.0 * val };
        let mut w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
        let wlim = xb + grow_limit * (xc - xb);
        if iter > maxiter {
            return Err(BracketFail::Limit);
        }
        iter += 1;
        let mut fw;
        if (w - xc) * (xb - w) > 0.0 {
            fw = func(w);
            funcalls += 1;
            if fw < fc {
                xa = xb;
                xb = w;
                fa = fb;
                fb = fw;
                break;
            } else if fw > fb {
                xc = w;
                fc = fw;
                break;
            }
            w = xc + GOLD * (xc - xb);
            fw = func(w);
            funcalls += 1;
        } else if (w - wlim) * (wlim - xc) >= 0.0 {
            w = wlim;
            fw = func(w);
            funcalls += 1;
        } else if (w - wlim) * (xc - w) > 0.0 {
            fw = func(w);
            funcalls += 1;
            if fw < fc {
                xb = xc;
                xc = w;
                w = xc + GOLD * (xc - xb);
                fb = fc;
                fc = fw;
                fw = func(w);
                funcalls += 1;
            }
        } else {
            w = xc + GOLD * (xc - xb);
            fw = func(w);
            funcalls += 1;
        }
        xa = xb;
        xb = xc;
        xc = w;
        fa = fb;
        fb = fc;
        fc = fw;
    }
    let br = Bracket { xa, xb, xc, fa, fb, fc, funcalls };
    let cond1 = (fb < fc && fb <= fa) || (fb < fa && fb <= fc);
    let cond2 = (xa < xb && xb < xc) || (xc < xb && xb < xa);
    let cond3 = xa.is_finite() && xb.is_finite() && xc.is_finite();
    if cond1 && cond2 && cond3 { Ok(br) } else { Err(BracketFail::Invalid(br)) }
}

/// Searches downhill from `xa`, `xb` for three points bracketing a minimum, SciPy's
/// `bracket(func, xa, xb)` (`grow_limit = 110`, `maxiter = 1000`).
///
/// # Errors
/// [`Error::NotConverged`] when no valid bracket is found (SciPy's `BracketError` /
/// `RuntimeError`), e.g. for a function decreasing without bound.
///
/// ```
/// use sci_optimize::bracket;
/// let b = bracket(|x| (x - 3.0) * (x - 3.0), 0.0, 1.0)?;
/// assert!(b.fb < b.fa && b.fb < b.fc);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn bracket<F: Fn(f64) -> f64>(func: F, xa: f64, xb: f64) -> Result<Bracket> {
    bracket_core(&func, xa, xb).map_err(|_| Error::not_converged("bracket search", None))
}

/// Minimizes a function of one variable with Brent's method from the default bracket,
/// SciPy's `minimize_scalar(fun)`.
///
/// # Errors
/// As [`minimize_scalar_with`].
///
/// ```
/// use sci_optimize::minimize_scalar;
/// let r = minimize_scalar(|x| (x - 2.0) * x * (x + 2.0) * (x + 2.0))?;
/// assert!(r.success && (r.x - 1.28077640).abs() < 1e-7);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn minimize_scalar<F: Fn(f64) -> f64>(fun: F) -> Result<MinimizeScalarResult> {
    minimize_scalar_with(fun, &MinimizeScalarOptions::default())
}

/// Minimizes a function of one variable, SciPy's `minimize_scalar` with options.
///
/// - Brent: parabolic interpolation safeguarded by golden sections inside a bracket, stops
///   when the bracket is below `2·(xtol·|x| + 1e-11)`; superlinear convergence.
/// - Bounded: the same on `[lo, hi]` without evaluating outside it (Brent's `fmin`), stops at
///   `xatol`; `maxiter` bounds the function evaluations.
/// - Golden: golden-section search, linear convergence with ratio 0.618.
///
/// Failing to find a bracket gives `success: false` with the best point seen (as SciPy).
///
/// # Errors
/// [`Error::InvalidArgument`] for bounds with the Brent/golden methods, a missing, non-finite
/// or reversed `bounds` for the bounded method, a three-point bracket that does not bracket
/// a minimum, or a negative `xtol`; [`Error::NotConverged`] if the bracket search exceeds
/// its iteration limit.
///
/// ```
/// use sci_optimize::{minimize_scalar_with, MinimizeScalarOptions, MinimizeScalarMethod};
/// let f = |x: f64| (x - 2.0) * x * (x + 2.0) * (x + 2.0);
/// let r = minimize_scalar_with(f, &MinimizeScalarOptions {
///     method: Some(MinimizeScalarMethod::Bounded), bounds: Some((-3.0, -1.0)), ..Default::default()
/// })?;
/// assert!(r.success && (r.x + 2.0).abs() < 1e-5);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn minimize_scalar_with<F: Fn(f64) -> f64>(
    fun: F,
    options: &MinimizeScalarOptions,
) -> Result<MinimizeScalarResult> {
    let method = options.method.unwrap_or(if options.bounds.is_some() {
        MinimizeScalarMethod::Bounded
    } else {
        MinimizeScalarMethod::Brent
    });
    match method {
        MinimizeScalarMethod::Bounded => {
            let (lo, hi) = options
                .bounds
                .ok_or_else(|| Error::invalid_argument("bounds", "the `bounded` method needs `bounds`"))?;
            if !(lo.is_finite() && hi.is_finite()) {
                return Err(Error::invalid_argument("bounds", "optimization bounds must be finite scalars"));
            }
            if lo > hi {
                return Err(Error::invalid_argument("bounds", "the lower bound exceeds the upper bound"));
            }
            let xatol = options.xtol.unwrap_or(1e-5);
            if xatol.is_nan() || xatol < 0.0 {
                return Err(Error::invalid_argument(
                    "xtol",
                    format!("tolerance should be >= 0, got {xatol}"),
                ));
            }
            Ok(bounded(&fun, lo, hi, xatol, options.maxiter.unwrap_or(500)))
        }
        MinimizeScalarMethod::Brent | MinimizeScalarMethod::Golden => {
            if options.bounds.is_some() {
                return Err(Error::invalid_argument(
                    "bounds",
                    format!("use of `bounds` is incompatible with method {method:?}"),
                ));
            }
            let golden = method == MinimizeScalarMethod::Golden;
            let xtol = options.xtol.unwrap_or(if golden { f64::EPSILON.sqrt() } else { 1.48e-8 });
            if xtol.is_nan() || xtol < 0.0 {
                return Err(Error::invalid_argument("xtol", format!("tolerance should be >= 0, got {xtol}")));
            }
            let maxiter = options.maxiter.unwrap_or(if golden { 5000 } else { 500 });
            let br = match options.bracket {
                None => bracket_core(&fun, 0.0, 1.0),
                Some(ScalarBracket::Two(a, b)) => bracket_core(&fun, a, b),
                Some(ScalarBracket::Three(a, b, c)) => {
                    let (xa, xc) = if a > c { (c, a) } else { (a, c) };
                    if !(xa < b && b < xc) {
                        return Err(Error::invalid_argument(
                            "bracket",
                            "bracketing values (xa, xb, xc) do not fulfill this requirement: (xa < xb) and (xb < xc)",
                        ));
                    }
                    let (fa, fb, fc) = (fun(xa), fun(b), fun(xc));
                    if !(fb < fa && fb < fc) {
                        return Err(Error::invalid_argument(
                            "bracket",
                            "bracketing values (xa, xb, xc) do not fulfill this requirement: (f(xb) < f(xa)) and (f(xb) < f(xc))",
                        ));
                    }
                    Ok(Bracket { xa, xb: b, xc, fa, fb, fc, funcalls: 3 })
                }
            };
            let br = match br {
                Ok(b) => b,
                Err(BracketFail::Limit) => return Err(Error::not_converged("bracket search", 1000)),
                Err(BracketFail::Invalid(b)) => {
                    let xs = [b.xa, b.xb, b.xc];
                    let fs = [b.fa, b.fb, b.fc];
                    let (x, f) = if xs.iter().chain(fs.iter()).any(|v| v.is_nan()) {
                        (f64::NAN, f64::NAN)
                    } else {
                        let mut imin = 0;
                        for i in 1..3 {
                            if fs[i] < fs[imin] {
                                imin = i;
                            }
                        }
                        (xs[imin], fs[imin])
                    };
                    return Ok(MinimizeScalarResult {
                        x,
                        fun: f,
                        nit: 0,
                        nfev: b.funcalls,
                        success: false,
                        status: 1,
                        message: "The algorithm terminated without finding a valid bracket. Consider trying different initial points.".into(),
                    });
                }
            };
            let (x, f, nit, nfev) = if golden {
                golden_core(&fun, br, xtol, maxiter)
            } else {
                brent_core(&fun, br, xtol, maxiter)
            };
            let success = nit < maxiter && !(x.is_nan() || f.is_nan());
            let message = if success {
                format!(
                    "Optimization terminated successfully; the returned value satisfies the termination criteria (using xtol = {xtol})"
                )
            } else if x.is_nan() || f.is_nan() {
                "NaN result encountered.".to_string()
            } else {
                "Maximum number of iterations exceeded".to_string()
            };
            Ok(MinimizeScalarResult {
                x,
                fun: f,
                nit,
                nfev,
                success,
                status: if success { 0 } else { 1 },
                message,
            })
        }
    }
}

fn brent_core<F: Fn(f64) -> f64>(
    func: &F,
    br: Bracket,
    tol: f64,
    maxiter: usize,
) -> (f64, f64, usize, usize) {
    const MINTOL: f64 = 1.0e-11;
    const CG: f64 = 0.3819660;
    let mut funcalls = br.funcalls;
    let (mut x, mut w, mut v) = (br.xb, br.xb, br.xb);
    let (mut fx, mut fw, mut fv) = (br.fb, br.fb, br.fb);
    let (mut a, mut b) = if br.xa < br.xc { (br.xa, br.xc) } else { (br.xc, br.xa) };
    let mut deltax: f64 = 0.0;
    let mut rat: f64 = 0.0;
    let mut iter = 0;
    while iter < maxiter {
        let tol1 = tol * x.abs() + MINTOL;
        let tol2 = 2.0 * tol1;
        let xmid = 0.5 * (a + b);
        if (x - xmid).abs() < tol2 - 0.5 * (b - a) {
            break;
        }
        if deltax.abs() <= tol1 {
            deltax = if x >= xmid { a - x } else { b - x };
            rat = CG * deltax;
        } else {
            let tmp1 = (x - w) * (fx - fv);
            let mut tmp2 = (x - v) * (fx - fw);
            let mut p = (x - v) * tmp2 - (x - w) * tmp1;
            tmp2 = 2.0 * (tmp2 - tmp1);
            if tmp2 > 0.0 {
                p = -p;
            }
            tmp2 = tmp2.abs();
            let dx_temp = deltax;
            deltax = rat;
            if p > tmp2 * (a - x) && p < tmp2 * (b - x) && p.abs() < (0.5 * tmp2 * dx_temp).abs() {
                rat = p / tmp2;
                let u = x + rat;
                if (u - a) < tol2 || (b - u) < tol2 {
                    rat = if xmid - x >= 0.0 { tol1 } else { -tol1 };
                }
            } else {
                deltax = if x >= xmid { a - x } else { b - x };
                rat = CG * deltax;
            }
        }
        let u = if rat.abs() < tol1 { if rat >= 0.0 { x + tol1 } else { x - tol1 } } else { x + rat };
        let fu = func(u);
        funcalls += 1;
        if fu > fx {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                v = w;
                w = u;
                fv = fw;
                fw = fu;
            } else if fu <= fv || v == x || v == w {
                v = u;
                fv = fu;
            }
        } else {
            if u >= x {
                a = x;
            } else {
                b = x;
            }
            v = w;
            w = x;
            x = u;
            fv = fw;
            fw = fx;
            fx = fu;
        }
        iter += 1;
    }
    (x, fx, iter, funcalls)
}

fn golden_core<F: Fn(f64) -> f64>(
    func: &F,
    br: Bracket,
    tol: f64,
    maxiter: usize,
) -> (f64, f64, usize, usize) {
    const GR: f64 = 0.61803399;
    const GC: f64 = 1.0 - GR;
    let mut funcalls = br.funcalls;
    let (xa, xb, xc) = (br.xa, br.xb, br.xc);
    let mut x3 = xc;
    let mut x0 = xa;
    let (mut x1, mut x2);
    if (xc - xb).abs() > (xb - xa).abs() {
        x1 = xb;
        x2 = xb + GC * (xc - xb);
    } else {
        x2 = xb;
        x1 = xb - GC * (xb - xa);
    }
    let mut f1 = func(x1);
    let mut f2 = func(x2);
    funcalls += 2;
    let mut nit = 0;
    for _ in 0..maxiter {
        if (x3 - x0).abs() <= tol * (x1.abs() + x2.abs()) {
            break;
        }
        if f2 < f1 {
            x0 = x1;
            x1 = x2;
            x2 = GR * x1 + GC * x3;
            f1 = f2;
            f2 = func(x2);
        } else {
            x3 = x2;
            x2 = x1;
            x1 = GR * x2 + GC * x0;
            f2 = f1;
            f1 = func(x1);
        }
        funcalls += 1;
        nit += 1;
    }
    if f1 < f2 { (x1, f1, nit, funcalls) } else { (x2, f2, nit, funcalls) }
}

fn bounded<F: Fn(f64) -> f64>(func: &F, x1: f64, x2: f64, xatol: f64, maxfun: usize) -> MinimizeScalarResult {
    let sqrt_eps = 2.2e-16f64.sqrt();
    let golden_mean = 0.5 * (3.0 - 5.0f64.sqrt());
    let (mut a, mut b) = (x1, x2);
    let mut fulc = a + golden_mean * (b - a);
    let (mut nfc, mut xf) = (fulc, fulc);
    let (mut rat, mut e): (f64, f64) = (0.0, 0.0);
    let mut x;
    let mut fx = func(xf);
    let mut num = 1;
    let mut flag = 0;
    let mut fu = f64::INFINITY;
    let (mut ffulc, mut fnfc) = (fx, fx);
    let mut xm = 0.5 * (a + b);
    let mut tol1 = sqrt_eps * xf.abs() + xatol / 3.0;
    let mut tol2 = 2.0 * tol1;
    let sign = |v: f64| {
        if v > 0.0 {
            1.0
        } else if v < 0.0 {
            -1.0
        } else {
            0.0
        }
    };
    while (xf - xm).abs() > tol2 - 0.5 * (b - a) {
        let mut golden = true;
        if e.abs() > tol1 {
            golden = false;
            let mut r = (xf - nfc) * (fx - ffulc);
            let mut q = (xf - fulc) * (fx - fnfc);
            let mut p = (xf - fulc) * q - (xf - nfc) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            }
            q = q.abs();
            r = e;
            e = rat;
            if p.abs() < (0.5 * q * r).abs() && p > q * (a - xf) && p < q * (b - xf) {
                rat = p / q;
                x = xf + rat;
                if (x - a) < tol2 || (b - x) < tol2 {
                    let si = sign(xm - xf) + if xm - xf == 0.0 { 1.0 } else { 0.0 };
                    rat = tol1 * si;
                }
            } else {
                golden = true;
            }
        }
        if golden {
            e = if xf >= xm { a - xf } else { b - xf };
            rat = golden_mean * e;
        }
        let si = sign(rat) + if rat == 0.0 { 1.0 } else { 0.0 };
        x = xf + si * rat.abs().max(tol1);
        fu = func(x);
        num += 1;
        if fu <= fx {
            if x >= xf {
                a = xf;
            } else {
                b = xf;
            }
            fulc = nfc;
            ffulc = fnfc;
            nfc = xf;
            fnfc = fx;
            xf = x;
            fx = fu;
        } else {
            if x < xf {
                a = x;
            } else {
                b = x;
            }
            if fu <= fnfc || nfc == xf {
                fulc = nfc;
                ffulc = fnfc;
                nfc = x;
                fnfc = fu;
            } else if fu <= ffulc || fulc == xf || fulc == nfc {
                fulc = x;
                ffulc = fu;
            }
        }
        xm = 0.5 * (a + b);
        tol1 = sqrt_eps * xf.abs() + xatol / 3.0;
        tol2 = 2.0 * tol1;
        if num >= maxfun {
            flag = 1;
            break;
        }
    }
    if xf.is_nan() || fx.is_nan() || fu.is_nan() {
        flag = 2;
    }
    let message = match flag {
        0 => "Solution found.",
        1 => "Maximum number of function calls reached.",
        _ => "NaN result encountered.",
    };
    MinimizeScalarResult {
        x: xf,
        fun: fx,
        nit: num,
        nfev: num,
        success: flag == 0,
        status: flag,
        message: message.into(),
    }
}

/// Brent's method from the default bracket search, returning `(x, f(x))` even when no
/// bracket is found (SciPy's `_recover_from_bracket_error` around `_minimize_scalar_brent`).
pub(crate) fn brent_recovering<F: Fn(f64) -> f64>(f: &F, xtol: f64) -> (f64, f64) {
    match bracket_core(f, 0.0, 1.0) {
        Ok(br) => {
            let (x, fx, _, _) = brent_core(f, br, xtol, 500);
            (x, fx)
        }
        Err(BracketFail::Invalid(b)) => {
            let xs = [b.xa, b.xb, b.xc];
            let fs = [b.fa, b.fb, b.fc];
            if xs.iter().chain(fs.iter()).any(|v| v.is_nan()) {
                return (f64::NAN, f64::NAN);
            }
            let mut imin = 0;
            for i in 1..3 {
                if fs[i] < fs[imin] {
                    imin = i;
                }
            }
            (xs[imin], fs[imin])
        }
        Err(BracketFail::Limit) => (f64::NAN, f64::NAN),
    }
}

/// The bounded method on `[lo, hi]` with SciPy's default `maxiter = 500`; `(x, f(x))`.
pub(crate) fn bounded_min<F: Fn(f64) -> f64>(f: &F, lo: f64, hi: f64, xatol: f64) -> (f64, f64) {
    let r = bounded(f, lo, hi, xatol, 500);
    (r.x, r.fun)
}
