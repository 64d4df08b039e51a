//! Linear programming, SciPy's `linprog`, by a dense two-phase simplex method.

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1};
use sci_core::{Error, Result, validate};

/// The problem data of [`linprog_with`] besides the objective: SciPy's `A_ub`, `b_ub`,
/// `A_eq`, `b_eq`, `bounds`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinprogOptions {
    /// Inequality constraints `A_ub x ≤ b_ub`.
    pub a_ub: Option<Array2<f64>>,
    /// Right-hand side of the inequalities.
    pub b_ub: Option<Array1<f64>>,
    /// Equality constraints `A_eq x = b_eq`.
    pub a_eq: Option<Array2<f64>>,
    /// Right-hand side of the equalities.
    pub b_eq: Option<Array1<f64>>,
    /// Bounds `(lb, ub)` per variable; `None` is SciPy's default `(0, ∞)` for every variable.
    /// Use `f64::NEG_INFINITY`/`f64::INFINITY` for free sides.
    pub bounds: Option<Vec<(f64, f64)>>,
    /// Pivot limit (default `10·(M + N) + 1000`).
    pub maxiter: Option<usize>,
}

/// The result of [`linprog`], SciPy's `OptimizeResult` for linear programs.
#[derive(Debug, Clone, PartialEq)]
pub struct LinprogResult {
    /// The solution (NaN-filled when no solution was found).
    pub x: Array1<f64>,
    /// `cᵀ x`.
    pub fun: f64,
    /// Slacks `b_ub − A_ub x` (nonnegative at a feasible point).
    pub slack: Array1<f64>,
    /// Equality residuals `b_eq − A_eq x`.
    pub con: Array1<f64>,
    /// 0 optimal, 1 iteration limit, 2 infeasible, 3 unbounded (SciPy's codes).
    pub status: i32,
    /// Whether an optimal solution was found.
    pub success: bool,
    /// A description of the outcome.
    pub message: String,
    /// Simplex pivots over both phases.
    pub nit: usize,
}

/// Minimizes `cᵀx` subject to linear constraints and bounds, SciPy's `linprog(c, ...)`;
/// here with only the default bounds `x ≥ 0` and no constraints besides them.
///
/// # Errors
/// As [`linprog_with`].
///
/// ```
/// use sci_optimize::linprog;
/// use sci_core::ndarray::array;
/// let r = linprog(&array![1.0, 2.0])?; // minimum at x = 0
/// assert!(r.success && r.fun == 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn linprog<S: Data<Elem = f64>>(c: &ArrayBase<S, Ix1>) -> Result<LinprogResult> {
    linprog_with(c, &LinprogOptions::default())
}

/// Linear programming with inequality and equality constraints and bounds, SciPy's
/// `linprog(c, A_ub, b_ub, A_eq, b_eq, bounds)`.
///
/// Variables are shifted and split so that all are nonnegative, inequalities get slack
/// variables, and a two-phase dense simplex method (phase 1 minimizes the sum of artificial
/// variables; Bland's rule prevents cycling) solves the standard-form problem. Each pivot
/// costs `O(M·(N + M))`; this suits dense problems up to a few hundred constraints and
/// variables.
///
/// An infeasible or unbounded problem is reported in `status`/`success`, not as an error.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the constraint matrices, right-hand sides or bounds do not
/// match `c`, or a matrix is given without its right-hand side; [`Error::NonFinite`] for NaN
/// or ∞ in `c`, the matrices or the right-hand sides; [`Error::InvalidArgument`] for a bound
/// with `lb > ub`, `lb = +∞` or `ub = −∞`.
///
/// # Differences from SciPy
/// SciPy's default method is HiGHS (dual simplex / interior point, sparse). This is a dense
/// simplex; on problems with a unique optimum both give the same `x` and `fun`; with
/// multiple optimal vertices the vertex returned may differ. Sparse matrices, `integrality`
/// and the dual values (`marginals`) are not offered.
///
/// ```
/// use sci_optimize::{linprog_with, LinprogOptions};
/// use sci_core::ndarray::array;
/// // SciPy's example: min −x0 + 4x1 s.t. −3x0 + x1 ≤ 6, x0 + 2x1 ≤ 4, x1 ≥ −3.
/// let opts = LinprogOptions {
///     a_ub: Some(array![[-3.0, 1.0], [1.0, 2.0]]),
///     b_ub: Some(array![6.0, 4.0]),
///     bounds: Some(vec![(f64::NEG_INFINITY, f64::INFINITY), (-3.0, f64::INFINITY)]),
///     ..Default::default()
/// };
/// let r = linprog_with(&array![-1.0, 4.0], &opts)?;
/// assert!(r.success && (r.fun + 22.0).abs() < 1e-9);
/// assert!((r.x[0] - 10.0).abs() < 1e-9 && (r.x[1] + 3.0).abs() < 1e-9);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn linprog_with<S: Data<Elem = f64>>(
    c: &ArrayBase<S, Ix1>,
    options: &LinprogOptions,
) -> Result<LinprogResult> {
    let n = c.len();
    validate::check_non_empty("c", c)?;
    validate::check_finite("c", c)?;
    let o = options;
    let pair = |a: &Option<Array2<f64>>,
                b: &Option<Array1<f64>>,
                an: &str,
                bn: &str|
     -> Result<(Array2<f64>, Array1<f64>)> {
        match (a, b) {
            (None, None) => Ok((Array2::zeros((0, n)), Array1::zeros(0))),
            (Some(a), Some(b)) => {
                validate::check_same_len("c", n, &format!("{an} columns"), a.ncols())?;
                validate::check_same_len(&format!("{an} rows"), a.nrows(), bn, b.len())?;
                validate::check_finite(an, a)?;
                validate::check_finite(bn, b)?;
                Ok((a.clone(), b.clone()))
            }
            _ => Err(Error::shape_mismatch(an, format!("{an} together with {bn}"), "only one of them")),
        }
    };
    let (a_ub, b_ub) = pair(&o.a_ub, &o.b_ub, "A_ub", "b_ub")?;
    let (a_eq, b_eq) = pair(&o.a_eq, &o.b_eq, "A_eq", "b_eq")?;
    let bounds = match &o.bounds {
        None => vec![(0.0, f64::INFINITY); n],
        Some(b) if b.len() == 1 => vec![b[0]; n],
        Some(b) => {
            validate::check_same_len("c", n, "bounds", b.len())?;
            b.clone()
        }
    };
    for (i, &(l, u)) in bounds.iter().enumerate() {
        if l.is_nan() || u.is_nan() || l > u || l == f64::INFINITY || u == f64::NEG_INFINITY {
            return Err(Error::invalid_argument(
                "bounds",
                format!("invalid bound ({l}, {u}) for variable {i}"),
            ));
        }
    }
    // Column map: x_i = offset_i + Σ sign·x'_k.
    #[derive(Clone, Copy)]
    enum Map {
        Shift(usize, f64),   // x = l + x'
        Flip(usize, f64),    // x = u − x'
        Split(usize, usize), // x = x⁺ − x⁻
        Fixed(f64),          // l == u
    }
    let mut maps = Vec::with_capacity(n);
    let mut ncols = 0usize;
    let mut extra_ub: Vec<(usize, f64)> = Vec::new(); // x'_k ≤ width
    for &(l, u) in &bounds {
        if l == u {
            maps.push(Map::Fixed(l));
        } else if l.is_finite() {
            maps.push(Map::Shift(ncols, l));
            if u.is_finite() {
                extra_ub.push((ncols, u - l));
            }
            ncols += 1;
        } else if u.is_finite() {
            maps.push(Map::Flip(ncols, u));
            ncols += 1;
        } else {
            maps.push(Map::Split(ncols, ncols + 1));
            ncols += 2;
        }
    }
    // Transformed rows: coefficients over x' and adjusted right-hand sides.
    let transform = |row: sci_core::ndarray::ArrayView1<'_, f64>, rhs: f64| -> (Vec<f64>, f64) {
        let mut r = vec![0.0; ncols];
        let mut b = rhs;
        for (i, m) in maps.iter().enumerate() {
            let a = row[i];
            match *m {
                Map::Shift(k, l) => {
                    r[k] += a;
                    b -= a * l;
                }
                Map::Flip(k, u) => {
                    r[k] -= a;
                    b -= a * u;
                }
                Map::Split(p, q) => {
                    r[p] += a;
                    r[q] -= a;
                }
                Map::Fixed(v) => b -= a * v,
            }
        }
        (r, b)
    };
    let mut rows: Vec<(Vec<f64>, f64, bool)> = Vec::new(); // (coeffs, rhs, is_inequality)
    for i in 0..a_ub.nrows() {
        let (r, b) = transform(a_ub.row(i), b_ub[i]);
        rows.push((r, b, true));
    }
    for &(k, w) in &extra_ub {
        let mut r = vec![0.0; ncols];
        r[k] = 1.0;
        rows.push((r, w, true));
    }
    for i in 0..a_eq.nrows() {
        let (r, b) = transform(a_eq.row(i), b_eq[i]);
        rows.push((r, b, false));
    }
    let mut cost = vec![0.0; ncols];
    let mut c0 = 0.0;
    for (i, m) in maps.iter().enumerate() {
        match *m {
            Map::Shift(k, l) => {
                cost[k] += c[i];
                c0 += c[i] * l;
            }
            Map::Flip(k, u) => {
                cost[k] -= c[i];
                c0 += c[i] * u;
            }
            Map::Split(p, q) => {
                cost[p] += c[i];
                cost[q] -= c[i];
            }
            Map::Fixed(v) => c0 += c[i] * v,
        }
    }
    let m = rows.len();
    let nslack = rows.iter().filter(|r| r.2).count();
    let maxiter = o.maxiter.unwrap_or(10 * (m + ncols + nslack) + 1000);
    let (status, xs, nit) = simplex(&rows, &cost, ncols, nslack, maxiter);
    let recover = |xs: &[f64]| -> Array1<f64> {
        Array1::from_shape_fn(n, |i| match maps[i] {
            Map::Shift(k, l) => l + xs[k],
            Map::Flip(k, u) => u - xs[k],
            Map::Split(p, q) => xs[p] - xs[q],
            Map::Fixed(v) => v,
        })
    };
    let x = match &xs {
        Some(v) => recover(v),
        None => Array1::from_elem(n, f64::NAN),
    };
    let _ = c0;
    let fun = c.dot(&x);
    let slack = if a_ub.nrows() > 0 { &b_ub - &a_ub.dot(&x) } else { Array1::zeros(0) };
    let con = if a_eq.nrows() > 0 { &b_eq - &a_eq.dot(&x) } else { Array1::zeros(0) };
    let message = match status {
        0 => "Optimization terminated successfully.",
        1 => "The iteration limit was reached before the problem was solved.",
        2 => "The problem is infeasible.",
        _ => "The problem is unbounded.",
    };
    Ok(LinprogResult { x, fun, slack, con, status, success: status == 0, message: message.into(), nit })
}

/// Two-phase tableau simplex on `rows` (`Σ a x' (+ s) = b`, `x', s ≥ 0`). Returns the status
/// and the values of the structural variables.
fn simplex(
    rows: &[(Vec<f64>, f64, bool)],
    cost: &[f64],
    ncols: usize,
    nslack: usize,
    maxiter: usize,
) -> (i32, Option<Vec<f64>>, usize) {
    let m = rows.len();
    let nv = ncols + nslack; // structural + slack
    let width = nv + m + 1; // + artificials + rhs
    let mut t = vec![0.0; (m + 1) * width];
    let idx = |r: usize, c: usize| r * width + c;
    let mut basis = vec![0usize; m];
    let mut s = 0;
    let scale = rows
        .iter()
        .flat_map(|r| r.0.iter().map(|v| v.abs()).chain(std::iter::once(r.1.abs())))
        .fold(1.0f64, f64::max);
    let tol = 1e-9 * scale;
    for (i, (a, b, ineq)) in rows.iter().enumerate() {
        let sign = if *b < 0.0 { -1.0 } else { 1.0 };
        for k in 0..ncols {
            t[idx(i, k)] = sign * a[k];
        }
        if *ineq {
            t[idx(i, ncols + s)] = sign;
            s += 1;
        }
        t[idx(i, nv + i)] = 1.0;
        t[idx(i, width - 1)] = sign * b;
        basis[i] = nv + i;
    }
    // Phase 1 objective: minimize Σ artificials ⇒ reduced costs = −Σ rows.
    for c in 0..width {
        let mut sum = 0.0;
        for r in 0..m {
            if c < nv || c == width - 1 {
                sum += t[idx(r, c)];
            }
        }
        t[idx(m, c)] = if c < nv || c == width - 1 { -sum } else { 0.0 };
    }
    let mut nit = 0;
    let run = |t: &mut Vec<f64>, basis: &mut Vec<usize>, allowed: usize, nit: &mut usize| -> i32 {
        loop {
            // Bland: the lowest-index column with a negative reduced cost.
            let Some(col) = (0..allowed).find(|&c| t[idx(m, c)] < -tol) else {
                return 0;
            };
            let mut row = None;
            let mut best = f64::INFINITY;
            for r in 0..m {
                let a = t[idx(r, col)];
                if a > tol {
                    let ratio = t[idx(r, width - 1)] / a;
                    let better = match row {
                        None => true,
                        Some(prev) => {
                            let eps = 1e-12 * best.abs().max(1.0);
                            ratio < best - eps || ((ratio - best).abs() <= eps && basis[r] < basis[prev])
                        }
                    };
                    if better {
                        best = ratio;
                        row = Some(r);
                    }
                }
            }
            let Some(row) = row else {
                return 3;
            };
            if *nit >= maxiter {
                return 1;
            }
            *nit += 1;
            pivot(t, width, m, row, col);
            basis[row] = col;
        }
    };
    let st = run(&mut t, &mut basis, nv, &mut nit);
    if st == 1 {
        return (1, None, nit);
    }
    if -t[idx(m, width - 1)] > tol.max(1e-9) * (m as f64).max(1.0) {
        return (2, None, nit);
    }
    // Drive artificials out of the basis.
    for r in 0..m {
        if basis[r] >= nv
            && let Some(c) = (0..nv).find(|&c| t[idx(r, c)].abs() > tol)
        {
            pivot(&mut t, width, m, r, c);
            basis[r] = c;
        }
    }
    // Phase 2 objective.
    for c in 0..width {
        t[idx(m, c)] = 0.0;
    }
    for k in 0..ncols {
        t[idx(m, k)] = cost[k];
    }
    for r in 0..m {
        let b = basis[r];
        if b < ncols && cost[b] != 0.0 {
            let f = cost[b];
            for c in 0..width {
                t[idx(m, c)] -= f * t[idx(r, c)];
            }
        }
    }
    // Artificial rows still basic are redundant (zero); forbid artificial columns.
    let st = run(&mut t, &mut basis, nv, &mut nit);
    if st != 0 {
        return (st, None, nit);
    }
    let mut x = vec![0.0; ncols];
    for r in 0..m {
        if basis[r] < ncols {
            x[basis[r]] = t[idx(r, width - 1)].max(0.0);
        }
    }
    (0, Some(x), nit)
}

fn pivot(t: &mut [f64], width: usize, m: usize, row: usize, col: usize) {
    let p = t[row * width + col];
    for c in 0..width {
        t[row * width + c] /= p;
    }
    for r in 0..=m {
        if r == row {
            continue;
        }
        let f = t[r * width + col];
        if f != 0.0 {
            for c in 0..width {
                t[r * width + c] -= f * t[row * width + c];
            }
        }
    }
}
