//! DIRECT (Jones, Perttunen & Stuckman 1993), SciPy's `direct`: deterministic global
//! search by recursive trisection of the box.

use sci_core::ndarray::{Array1, ArrayView1};
use sci_core::{Error, Result};

use crate::minimize::{Bounds, OptimizeResult};

/// Options of [`direct_with`], SciPy's keyword arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct DirectOptions {
    /// Minimal improvement `ε` a rectangle must promise to be divided (1e-4).
    pub eps: f64,
    /// Evaluation limit (default `1000·N`).
    pub maxfun: Option<usize>,
    /// Iteration limit (1000).
    pub maxiter: usize,
    /// DIRECT-L (Gablonsky & Kelley 2001): rectangles measured by their longest side and
    /// one candidate per size, which favours local refinement (true).
    pub locally_biased: bool,
    /// Stop when `f ≤ f_min + f_min_rtol·|f_min|` for a known global value (default −∞: off).
    pub f_min: f64,
    /// Relative tolerance of the `f_min` test (1e-4).
    pub f_min_rtol: f64,
    /// Stop when the best rectangle's volume (fraction of the box) falls below this (1e-16).
    pub vol_tol: f64,
    /// Stop when the best rectangle's size measure falls below this (1e-6).
    pub len_tol: f64,
}

impl Default for DirectOptions {
    fn default() -> Self {
        DirectOptions {
            eps: 1e-4,
            maxfun: None,
            maxiter: 1000,
            locally_biased: true,
            f_min: f64::NEG_INFINITY,
            f_min_rtol: 1e-4,
            vol_tol: 1e-16,
            len_tol: 1e-6,
        }
    }
}

/// A trisection sample: (best of the two values, dimension, f(c+δ), f(c−δ), c+δ, c−δ).
type Sample = (f64, usize, f64, f64, Vec<f64>, Vec<f64>);

struct Rect {
    c: Vec<f64>,
    /// Side lengths as powers of 1/3: side_i = 3^(−levels_i).
    levels: Vec<u32>,
    f: f64,
}

impl Rect {
    fn size(&self, biased: bool) -> f64 {
        if biased {
            let m = self.levels.iter().copied().min().unwrap_or(0);
            0.5 * 3f64.powi(-(m as i32))
        } else {
            0.5 * self.levels.iter().map(|&l| 9f64.powi(-(l as i32))).sum::<f64>().sqrt()
        }
    }
    fn volume(&self) -> f64 {
        self.levels.iter().map(|&l| 3f64.powi(-(l as i32))).product()
    }
}

/// Deterministic global minimization over a box with SciPy's defaults, SciPy's
/// `direct(func, bounds)`.
///
/// # Errors
/// As [`direct_with`].
///
/// ```
/// use sci_optimize::{direct, Bounds};
/// use sci_core::ndarray::{array, ArrayView1};
/// // Six-hump camel: global minimum −1.0316 at (±0.0898, ∓0.7126).
/// let f = |x: ArrayView1<f64>| {
///     let (a, b) = (x[0], x[1]);
///     (4.0 - 2.1 * a * a + a.powi(4) / 3.0) * a * a + a * b + (-4.0 + 4.0 * b * b) * b * b
/// };
/// let r = direct(f, &Bounds::new(array![-3.0, -2.0], array![3.0, 2.0]))?;
/// assert!((r.fun + 1.0316).abs() < 1e-3);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn direct<F: Fn(ArrayView1<'_, f64>) -> f64>(func: F, bounds: &Bounds) -> Result<OptimizeResult> {
    direct_with(func, bounds, &DirectOptions::default())
}

/// [`direct`] with options.
///
/// The box is mapped to the unit cube; every iteration selects the "potentially optimal"
/// rectangles — those on the lower-right convex hull of (size, value) that promise an
/// improvement of at least `ε·|f_best|` — samples two points along each of their longest
/// sides and trisects them, best directions first. Each divided rectangle costs `2·k`
/// evaluations for `k` longest sides.
///
/// # Errors
/// [`Error::InvalidArgument`] for infinite, NaN or inconsistent bounds, or a negative `eps`.
///
/// # Differences from SciPy
/// SciPy wraps Gablonsky's C implementation; this is a new implementation of the same
/// algorithm (DIRECT or DIRECT-L), so sampling order, `nfev` and the best point found after
/// a fixed budget can differ slightly. NaN values are treated as `+∞` (SciPy replaces them
/// by the largest value seen).
pub fn direct_with<F: Fn(ArrayView1<'_, f64>) -> f64>(
    func: F,
    bounds: &Bounds,
    options: &DirectOptions,
) -> Result<OptimizeResult> {
    let o = options;
    let n = bounds.lb.len();
    if n == 0 {
        return Err(Error::empty("bounds"));
    }
    bounds.validate(n)?;
    if (0..n).any(|i| !bounds.lb[i].is_finite() || !bounds.ub[i].is_finite() || bounds.lb[i] >= bounds.ub[i])
    {
        return Err(Error::invalid_argument("bounds", "bounds must be finite with lb < ub"));
    }
    if o.eps.is_nan() || o.eps < 0.0 {
        return Err(Error::invalid_argument("eps", "must be >= 0"));
    }
    let maxfun = o.maxfun.unwrap_or(1000 * n);
    let lb = bounds.lb.clone();
    let span = &bounds.ub - &bounds.lb;
    let nfev_c = std::cell::Cell::new(0usize);
    let eval = |u: &[f64]| -> f64 {
        nfev_c.set(nfev_c.get() + 1);
        let x = Array1::from_shape_fn(n, |i| lb[i] + u[i] * span[i]);
        let v = func(x.view());
        if v.is_nan() { f64::INFINITY } else { v }
    };
    let c0 = vec![0.5; n];
    let f0 = eval(&c0);
    let mut rects = vec![Rect { c: c0, levels: vec![0; n], f: f0 }];
    let mut best = 0usize;
    let mut nit = 0;
    let mut message = "Number of function evaluations done is larger than maxfun".to_string();
    let mut success = false;
    'outer: while nit < o.maxiter {
        nit += 1;
        // Potentially optimal rectangles.
        let fmin = rects[best].f;
        let mut by_size: Vec<(f64, usize)> = Vec::new();
        {
            let mut sizes: Vec<(f64, usize)> =
                rects.iter().enumerate().map(|(i, r)| (r.size(o.locally_biased), i)).collect();
            sizes.sort_by(|a, b| {
                a.0.partial_cmp(&b.0)
                    .unwrap_or(std::cmp::Ordering::Equal)
                    .then(rects[a.1].f.partial_cmp(&rects[b.1].f).unwrap_or(std::cmp::Ordering::Equal))
            });
            let mut k = 0;
            while k < sizes.len() {
                let d = sizes[k].0;
                let mut j = k;
                // Lowest f among rectangles of this size (first, as sorted by f).
                by_size.push(sizes[k]);
                if !o.locally_biased {
                    // DIRECT: every rectangle of this size with the minimal value.
                    let fm = rects[sizes[k].1].f;
                    let mut t = k + 1;
                    while t < sizes.len() && sizes[t].0 == d && rects[sizes[t].1].f == fm {
                        by_size.push(sizes[t]);
                        t += 1;
                    }
                }
                while j < sizes.len() && sizes[j].0 == d {
                    j += 1;
                }
                k = j;
            }
        }
        // Lower-right convex hull of (size, f) from the lowest value towards larger sizes;
        // a hull point is potentially optimal if, with the largest Lipschitz constant it
        // admits, it promises an ε-improvement on the best value.
        let mut pts: Vec<(f64, f64, usize)> = by_size.iter().map(|&(d, i)| (d, rects[i].f, i)).collect();
        pts.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
        let mut k = (0..pts.len()).rfind(|&t| pts[t].1 <= fmin).unwrap_or(0);
        let mut po: Vec<usize> = Vec::new();
        loop {
            let (d1, f1, i1) = pts[k];
            let mut next = None;
            let mut slope_min = f64::INFINITY;
            for (t, p) in pts.iter().enumerate().skip(k + 1) {
                let slope = (p.1 - f1) / (p.0 - d1);
                if slope <= slope_min {
                    slope_min = slope;
                    next = Some(t);
                }
            }
            let promising = match next {
                None => true,
                Some(_) => f1 - slope_min * d1 <= fmin - o.eps * fmin.abs(),
            };
            if promising {
                po.push(i1);
            }
            match next {
                Some(t) => k = t,
                None => break,
            }
        }
        if !o.locally_biased {
            // DIRECT divides every rectangle tied with a selected one in size and value.
            let extra: Vec<usize> = rects
                .iter()
                .enumerate()
                .filter(|(i, r)| {
                    !po.contains(i)
                        && po.iter().any(|&p| rects[p].f == r.f && rects[p].size(false) == r.size(false))
                })
                .map(|(i, _)| i)
                .collect();
            po.extend(extra);
        }
        // Divide each potentially optimal rectangle.
        for &ri in &po {
            let minl = rects[ri].levels.iter().copied().min().unwrap_or(0);
            let dims: Vec<usize> = (0..n).filter(|&i| rects[ri].levels[i] == minl).collect();
            let delta = 3f64.powi(-(minl as i32 + 1));
            let mut samples: Vec<Sample> = Vec::new();
            for &i in &dims {
                if nfev_c.get() + 2 > maxfun {
                    break 'outer;
                }
                let mut cp = rects[ri].c.clone();
                cp[i] += delta;
                let mut cm = rects[ri].c.clone();
                cm[i] -= delta;
                let fp = eval(&cp);
                let fm = eval(&cm);
                samples.push((fp.min(fm), i, fp, fm, cp, cm));
            }
            samples.sort_by(|a, b| {
                a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal).then(a.1.cmp(&b.1))
            });
            let mut levels = rects[ri].levels.clone();
            for (_, i, fp, fm, cp, cm) in samples {
                levels[i] += 1;
                rects.push(Rect { c: cp, levels: levels.clone(), f: fp });
                rects.push(Rect { c: cm, levels: levels.clone(), f: fm });
                rects[ri].levels[i] += 1;
            }
        }
        best = (0..rects.len())
            .min_by(|&a, &b| rects[a].f.partial_cmp(&rects[b].f).unwrap_or(std::cmp::Ordering::Equal))
            .unwrap_or(0);
        let fb = rects[best].f;
        if o.f_min > f64::NEG_INFINITY {
            let tol = if o.f_min == 0.0 { o.f_min_rtol } else { o.f_min_rtol * o.f_min.abs() };
            if fb - o.f_min <= tol {
                message = "The best function value found is within a relative error of f_min_rtol of the (known) global optimum f_min".into();
                success = true;
                break;
            }
        }
        if rects[best].volume() <= o.vol_tol {
            message = "The volume of the hyperrectangle containing the lowest function value found is below vol_tol".into();
            success = true;
            break;
        }
        if rects[best].size(o.locally_biased) <= o.len_tol {
            message = "The side length measure of the hyperrectangle containing the lowest function value found is below len_tol".into();
            success = true;
            break;
        }
        if nfev_c.get() >= maxfun {
            break;
        }
    }
    if nit >= o.maxiter && !success {
        message = "Number of iterations is larger than maxiter".into();
    }
    let b = &rects[best];
    let x = Array1::from_shape_fn(n, |i| bounds.lb[i] + b.c[i] * span[i]);
    Ok(OptimizeResult {
        x,
        fun: b.f,
        jac: None,
        hess_inv: None,
        nit,
        nfev: nfev_c.get(),
        njev: 0,
        nhev: 0,
        status: if success { 0 } else { 1 },
        success,
        message,
        final_simplex: None,
        maxcv: None,
    })
}
