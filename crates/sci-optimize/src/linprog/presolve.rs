//! Presolve (fixed variables, empty columns, empty rows), the bounded standard form of the
//! interior-point method, and postsolve back to the user's variables and rows.

use super::csc::Csc;
use super::{Problem, Solution, crossover, detect, ipm, split};

/// `min cᵀx` subject to `A x = b`, `l ≤ x ≤ u` (`l < u`, either side possibly infinite).
pub(super) struct StdForm {
    pub a: Csc,
    pub b: Vec<f64>,
    pub c: Vec<f64>,
    pub l: Vec<f64>,
    pub u: Vec<f64>,
}

/// Presolves `p`, runs the interior-point method and basis identification, and maps the
/// answer back.
pub(super) fn solve_ipm(p: &Problem, maxiter: usize) -> Solution {
    let n = p.c.len();
    let (m_ub, m_eq) = (p.b_ub.len(), p.b_eq.len());
    let fail = |status: i32, nit: usize| Solution {
        status,
        x: None,
        y_ub: vec![f64::NAN; m_ub],
        y_eq: vec![f64::NAN; m_eq],
        nit,
        vertex: false,
    };
    let nnz_col = |j: usize| (p.a_ub.ptr[j + 1] - p.a_ub.ptr[j]) + (p.a_eq.ptr[j + 1] - p.a_eq.ptr[j]);
    // Variables removed by presolve get their values here.
    let mut fixed: Vec<Option<f64>> = vec![None; n];
    for j in 0..n {
        let (l, u, c) = (p.lb[j], p.ub[j], p.c[j]);
        if l == u {
            fixed[j] = Some(l);
        } else if nnz_col(j) == 0 {
            // An empty column sits at the bound its cost pushes it to.
            let v = if c > 0.0 {
                l
            } else if c < 0.0 {
                u
            } else if l.is_finite() {
                l
            } else if u.is_finite() {
                u
            } else {
                0.0
            };
            if !v.is_finite() {
                return fail(3, 0);
            }
            fixed[j] = Some(v);
        }
    }
    let xf: Vec<f64> = fixed.iter().map(|v| v.unwrap_or(0.0)).collect();
    let mut b_ub = p.b_ub.clone();
    let mut b_eq = p.b_eq.clone();
    let sub_ub = p.a_ub.mul(&xf);
    let sub_eq = p.a_eq.mul(&xf);
    let mut row_nnz_ub = vec![0usize; m_ub];
    let mut row_nnz_eq = vec![0usize; m_eq];
    for j in (0..n).filter(|&j| fixed[j].is_none()) {
        for (i, _) in p.a_ub.col(j) {
            row_nnz_ub[i] += 1;
        }
        for (i, _) in p.a_eq.col(j) {
            row_nnz_eq[i] += 1;
        }
    }
    for i in 0..m_ub {
        b_ub[i] -= sub_ub[i];
        if row_nnz_ub[i] == 0 && b_ub[i] < -1e-9 * (1.0 + p.b_ub[i].abs()) {
            return fail(2, 0);
        }
    }
    for i in 0..m_eq {
        b_eq[i] -= sub_eq[i];
        if row_nnz_eq[i] == 0 && b_eq[i].abs() > 1e-9 * (1.0 + p.b_eq[i].abs()) {
            return fail(2, 0);
        }
    }
    // New indices of kept columns and rows.
    let mut col_new = vec![usize::MAX; n];
    let mut ns = 0;
    for j in 0..n {
        if fixed[j].is_none() {
            col_new[j] = ns;
            ns += 1;
        }
    }
    let mut row_new_ub = vec![usize::MAX; m_ub];
    let mut mu = 0;
    for i in 0..m_ub {
        if row_nnz_ub[i] > 0 {
            row_new_ub[i] = mu;
            mu += 1;
        }
    }
    let mut row_new_eq = vec![usize::MAX; m_eq];
    let mut me = 0;
    for i in 0..m_eq {
        if row_nnz_eq[i] > 0 {
            row_new_eq[i] = mu + me;
            me += 1;
        }
    }
    let m = mu + me;
    let mut trip = Vec::with_capacity(p.a_ub.val.len() + p.a_eq.val.len() + mu);
    let mut c = Vec::with_capacity(ns + mu);
    let mut l = Vec::with_capacity(ns + mu);
    let mut u = Vec::with_capacity(ns + mu);
    for j in (0..n).filter(|&j| fixed[j].is_none()) {
        let cj = col_new[j];
        trip.extend(p.a_ub.col(j).map(|(i, v)| (row_new_ub[i], cj, v)));
        trip.extend(p.a_eq.col(j).map(|(i, v)| (row_new_eq[i], cj, v)));
        c.push(p.c[j]);
        l.push(p.lb[j]);
        u.push(p.ub[j]);
    }
    let mut b = vec![0.0; m];
    for i in 0..m_ub {
        if row_new_ub[i] != usize::MAX {
            let r = row_new_ub[i];
            trip.push((r, ns + r, 1.0));
            b[r] = b_ub[i];
            c.push(0.0);
            l.push(0.0);
            u.push(f64::INFINITY);
        }
    }
    for i in 0..m_eq {
        if row_new_eq[i] != usize::MAX {
            b[row_new_eq[i]] = b_eq[i];
        }
    }
    let sf = split::split_dense_columns(StdForm { a: Csc::from_triplets(m, ns + mu, &trip), b, c, l, u });
    let out = ipm::solve(&sf, maxiter);
    if out.status != 0 {
        // Diverging or stalled iterates: certify infeasibility or unboundedness.
        // At the iteration limit, status 1 stands unless one of the two is proven.
        let status = match detect::classify(&sf, maxiter) {
            4 if out.status == 1 => 1,
            s => s,
        };
        return fail(status, out.nit);
    }
    let (xs, ys, vertex) = match crossover::identify(&sf, &out) {
        Some((x, y)) => (x, y, true),
        None => {
            eprintln!("DEBUG crossover failed");
            (out.x.clone(), out.y.clone(), false)
        }
    };
    let x: Vec<f64> = (0..n).map(|j| fixed[j].unwrap_or_else(|| xs[col_new[j]])).collect();
    let y_ub = (0..m_ub).map(|i| if row_new_ub[i] == usize::MAX { 0.0 } else { ys[row_new_ub[i]] }).collect();
    let y_eq = (0..m_eq).map(|i| if row_new_eq[i] == usize::MAX { 0.0 } else { ys[row_new_eq[i]] }).collect();
    Solution { status: 0, x: Some(x), y_ub, y_eq, nit: out.nit, vertex }
}
