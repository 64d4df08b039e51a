//! The dense two-phase tableau simplex (SciPy's `method='highs-ds'` counterpart here).

use sci_core::ndarray::{Array1, Array2, ArrayView1};

/// Outcome of [`solve`]: status, solution, row duals `∂fun/∂b` of the inequality and
/// equality rows, pivot count.
pub(super) struct SimplexOut {
    pub status: i32,
    pub x: Option<Array1<f64>>,
    pub y_ub: Vec<f64>,
    pub y_eq: Vec<f64>,
    pub nit: usize,
}

/// Solves `min cᵀx, A_ub x ≤ b_ub, A_eq x = b_eq, l ≤ x ≤ u` (validated input).
///
/// Variables are shifted, flipped or split so that all are nonnegative, finite widths become
/// extra inequality rows, and [`simplex`] solves the standard form. Row duals are read off
/// the final objective row under the artificial columns.
pub(super) fn solve(
    c: ArrayView1<'_, f64>,
    a_ub: &Array2<f64>,
    b_ub: &Array1<f64>,
    a_eq: &Array2<f64>,
    b_eq: &Array1<f64>,
    bounds: &[(f64, f64)],
    maxiter: Option<usize>,
) -> SimplexOut {
    let n = c.len();
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
    for &(l, u) in bounds {
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
    let transform = |row: ArrayView1<'_, f64>, rhs: f64| -> (Vec<f64>, f64) {
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
    let _ = c0;
    let m = rows.len();
    let nslack = rows.iter().filter(|r| r.2).count();
    let maxiter = maxiter.unwrap_or(10 * (m + ncols + nslack) + 1000);
    let (status, xs, duals, nit) = simplex(&rows, &cost, ncols, nslack, maxiter);
    let x = xs.map(|xs| {
        Array1::from_shape_fn(n, |i| match maps[i] {
            Map::Shift(k, l) => l + xs[k],
            Map::Flip(k, u) => u - xs[k],
            Map::Split(p, q) => xs[p] - xs[q],
            Map::Fixed(v) => v,
        })
    });
    let (m_ub, m_eq) = (a_ub.nrows(), a_eq.nrows());
    let (y_ub, y_eq) = match duals {
        Some(d) => (d[..m_ub].to_vec(), d[m - m_eq..].to_vec()),
        None => (vec![f64::NAN; m_ub], vec![f64::NAN; m_eq]),
    };
    SimplexOut { status, x, y_ub, y_eq, nit }
}

/// Two-phase tableau simplex on `rows` (`Σ a x' (+ s) = b`, `x', s ≥ 0`). Returns the status
/// the values of the structural variables and the row duals `∂(cost)/∂b`.
fn simplex(
    rows: &[(Vec<f64>, f64, bool)],
    cost: &[f64],
    ncols: usize,
    nslack: usize,
    maxiter: usize,
) -> (i32, Option<Vec<f64>>, Option<Vec<f64>>, usize) {
    let m = rows.len();
    let nv = ncols + nslack; // structural + slack
    let width = nv + m + 1; // + artificials + rhs
    let mut t = vec![0.0; (m + 1) * width];
    let idx = |r: usize, c: usize| r * width + c;
    let mut basis = vec![0usize; m];
    let mut signs = vec![1.0; m];
    let mut s = 0;
    let scale = rows
        .iter()
        .flat_map(|r| r.0.iter().map(|v| v.abs()).chain(std::iter::once(r.1.abs())))
        .fold(1.0f64, f64::max);
    let tol = 1e-9 * scale;
    for (i, (a, b, ineq)) in rows.iter().enumerate() {
        let sign = if *b < 0.0 { -1.0 } else { 1.0 };
        signs[i] = sign;
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
        // Dantzig's rule (most negative reduced cost); after a run of degenerate pivots,
        // Bland's rule (lowest index) until the objective moves again, which rules out cycling.
        let mut degenerate_run = 0usize;
        loop {
            let col = if degenerate_run > 50 {
                (0..allowed).find(|&c| t[idx(m, c)] < -tol)
            } else {
                (0..allowed)
                    .filter(|&c| t[idx(m, c)] < -tol)
                    .min_by(|&p, &q| t[idx(m, p)].total_cmp(&t[idx(m, q)]))
            };
            let Some(col) = col else {
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
            if best <= tol {
                degenerate_run += 1;
            } else {
                degenerate_run = 0;
            }
            pivot(t, width, m, row, col);
            basis[row] = col;
        }
    };
    let st = run(&mut t, &mut basis, nv, &mut nit);
    if st == 1 {
        return (1, None, None, nit);
    }
    if -t[idx(m, width - 1)] > tol.max(1e-9) * (m as f64).max(1.0) {
        return (2, None, None, nit);
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
        return (st, None, None, nit);
    }
    let mut x = vec![0.0; ncols];
    for r in 0..m {
        if basis[r] < ncols {
            x[basis[r]] = t[idx(r, width - 1)].max(0.0);
        }
    }
    // Reduced cost of artificial column i is −π_i (π the duals of the sign-normalized rows).
    let duals = (0..m).map(|i| -signs[i] * t[idx(m, nv + i)]).collect();
    (0, Some(x), Some(duals), nit)
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
