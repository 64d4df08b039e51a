//! Basis identification after the interior-point method: guess the optimal basis from the
//! interior solution, recompute the vertex and the duals from a sparse LU of the basis, and
//! accept them when they are primal and dual feasible.

use faer::linalg::solvers::Solve;
use faer::sparse::SparseColMat;
use faer::sparse::linalg::solvers::{Lu, SymbolicLu};

use super::csc::Csc;
use super::ipm::IpmOut;
use super::presolve::StdForm;

fn lu_of(b: &Csc) -> Option<Lu<usize, f64>> {
    let trip: Vec<faer::sparse::Triplet<usize, usize, f64>> =
        (0..b.ncols).flat_map(|j| b.col(j).map(move |(i, v)| faer::sparse::Triplet::new(i, j, v))).collect();
    let mat = SparseColMat::try_new_from_triplets(b.nrows, b.ncols, &trip).ok()?;
    let sym = SymbolicLu::try_new(mat.symbolic()).ok()?;
    Lu::try_new_with_symbolic(sym, mat.as_ref()).ok()
}

fn solve(lu: &Lu<usize, f64>, rhs: &[f64], transpose: bool) -> Vec<f64> {
    let mut col = faer::Mat::from_fn(rhs.len(), 1, |i, _| rhs[i]);
    if transpose {
        lu.solve_transpose_in_place(col.as_mut());
    } else {
        lu.solve_in_place(col.as_mut());
    }
    (0..rhs.len()).map(|i| col[(i, 0)]).collect()
}

/// Returns the vertex `x` and the row duals `y` of the basis suggested by `out`, or `None`
/// when that basis is singular or not optimal.
pub(super) fn identify(sf: &StdForm, out: &IpmOut) -> Option<(Vec<f64>, Vec<f64>)> {
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    let a = &sf.a;
    // ψ_j: how far x_j is from its nearest bound relative to that bound's dual (∞ if free).
    let mut at_upper = vec![false; n];
    let psi: Vec<f64> = (0..n)
        .map(|j| {
            let pl = if sf.l[j].is_finite() {
                (out.x[j] - sf.l[j]) / out.zl[j].max(1e-300)
            } else {
                f64::INFINITY
            };
            let pu = if sf.u[j].is_finite() {
                (sf.u[j] - out.x[j]) / out.zu[j].max(1e-300)
            } else {
                f64::INFINITY
            };
            at_upper[j] = pu < pl;
            pl.min(pu)
        })
        .collect();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&p, &q| psi[q].total_cmp(&psi[p]));
    let basic = &order[..m];
    if order[m..].iter().any(|&j| psi[j] == f64::INFINITY) {
        return None; // a free variable would have to be nonbasic
    }
    let mut x = vec![0.0; n];
    let mut is_basic = vec![false; n];
    for &j in basic {
        is_basic[j] = true;
    }
    for j in (0..n).filter(|&j| !is_basic[j]) {
        x[j] = if at_upper[j] { sf.u[j] } else { sf.l[j] };
    }
    let mut r = sf.b.clone();
    for j in (0..n).filter(|&j| !is_basic[j]) {
        for (i, v) in a.col(j) {
            r[i] -= v * x[j];
        }
    }
    let trip: Vec<(usize, usize, f64)> =
        basic.iter().enumerate().flat_map(|(k, &j)| a.col(j).map(move |(i, v)| (i, k, v))).collect();
    let bm = Csc::from_triplets(m, m, &trip);
    let (xb, y) = if m > 0 {
        let lu = lu_of(&bm)?;
        let xb = solve(&lu, &r, false);
        let cb: Vec<f64> = basic.iter().map(|&j| sf.c[j]).collect();
        (xb, solve(&lu, &cb, true))
    } else {
        (vec![], vec![])
    };
    for (k, &j) in basic.iter().enumerate() {
        x[j] = xb[k];
    }
    // Primal feasibility, with the row residual guarding against a near-singular basis.
    let bnorm = sf.b.iter().fold(0.0f64, |s, v| s.max(v.abs()));
    let ax = a.mul(&x);
    if ax.iter().zip(&sf.b).any(|(p, q)| !p.is_finite() || (p - q).abs() > 1e-9 * (1.0 + bnorm)) {
        return None;
    }
    for j in 0..n {
        let tl = 1e-9 * (1.0 + sf.l[j].abs());
        let tu = 1e-9 * (1.0 + sf.u[j].abs());
        if x[j] < sf.l[j] - tl || x[j] > sf.u[j] + tu {
            return None;
        }
        x[j] = x[j].clamp(sf.l[j], sf.u[j]);
    }
    // Dual feasibility of the reduced costs of the nonbasic columns.
    let cnorm = sf.c.iter().fold(0.0f64, |s, v| s.max(v.abs()));
    let aty = a.tmul(&y);
    let told = 1e-9 * (1.0 + cnorm);
    for j in (0..n).filter(|&j| !is_basic[j]) {
        let d = sf.c[j] - aty[j];
        if !d.is_finite() || (at_upper[j] && d > told) || (!at_upper[j] && d < -told) {
            return None;
        }
    }
    Some((x, y))
}
