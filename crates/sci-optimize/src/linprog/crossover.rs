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
    if order[m.min(n)..].iter().any(|&j| psi[j] == f64::INFINITY) {
        return None; // a free variable would have to be nonbasic
    }
    if m <= n
        && let Some(v) = vertex(sf, &order[..m], &at_upper)
    {
        return Some(v);
    }
    // The m leading columns are singular (redundant rows, or a degenerate problem): pick
    // independent columns greedily in the same order, completed by unit columns of
    // artificial variables fixed at zero. Dense Gram–Schmidt, O(m²·N): moderate m only.
    if m > 500 {
        return None;
    }
    let basic = greedy_basis(a, &order, &psi)?;
    vertex(sf, &basic, &at_upper)
}

/// Up to `m` linearly independent columns in `order` (stopping before columns whose ψ is
/// zero), then unit columns `n + i` to complete a basis.
fn greedy_basis(a: &Csc, order: &[usize], psi: &[f64]) -> Option<Vec<usize>> {
    let (m, n) = (a.nrows, a.ncols);
    let mut q: Vec<Vec<f64>> = Vec::with_capacity(m);
    let mut chosen = Vec::with_capacity(m);
    let try_add = |mut v: Vec<f64>, q: &mut Vec<Vec<f64>>| -> bool {
        let norm0 = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        for _ in 0..2 {
            for qk in q.iter() {
                let d: f64 = qk.iter().zip(&v).map(|(p, r)| p * r).sum();
                v.iter_mut().zip(qk).for_each(|(r, p)| *r -= d * p);
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f64>().sqrt();
        if norm > 1e-9 * norm0 && norm > 0.0 {
            v.iter_mut().for_each(|r| *r /= norm);
            q.push(v);
            true
        } else {
            false
        }
    };
    for &j in order {
        if q.len() == m || psi[j] <= 0.0 {
            break;
        }
        let mut v = vec![0.0; m];
        for (i, val) in a.col(j) {
            v[i] = val;
        }
        if try_add(v, &mut q) {
            chosen.push(j);
        }
    }
    for i in 0..m {
        if q.len() == m {
            break;
        }
        let mut v = vec![0.0; m];
        v[i] = 1.0;
        if try_add(v, &mut q) {
            chosen.push(n + i);
        }
    }
    (chosen.len() == m).then_some(chosen)
}

/// The basic solution of the basis `basic` (indices `≥ N` are unit columns of artificial
/// variables that must come out zero) with the other columns at the bound `at_upper` says,
/// and its row duals; `None` unless it is primal and dual feasible.
fn vertex(sf: &StdForm, basic: &[usize], at_upper: &[bool]) -> Option<(Vec<f64>, Vec<f64>)> {
    let mut basic = basic.to_vec();
    let mut at_upper = at_upper.to_vec();
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    // Primal simplex cleanup (Bland's rule), at most 200 pivots: the basis guess is
    // usually close, and every pivot refactors the basis.
    for _ in 0..=200.min(4 * (m + n) + 50) {
        match basic_solution(sf, &basic, &at_upper)? {
            Step::Optimal(x, y) => return Some((x, y)),
            Step::Enter { q, x, lu } => pivot(sf, &mut basic, &mut at_upper, q, &x, &lu)?,
        }
    }
    None
}

/// The outcome of one basis: optimal, or the column that should enter.
enum Step {
    Optimal(Vec<f64>, Vec<f64>),
    Enter { q: usize, x: Vec<f64>, lu: Box<Lu<usize, f64>> },
}

/// One bounded primal simplex step: `q` enters (from the bound `at_upper` names), and either
/// a basic variable leaves at the bound it reaches first or `q` moves to its other bound.
fn pivot(
    sf: &StdForm,
    basic: &mut [usize],
    at_upper: &mut [bool],
    q: usize,
    x: &[f64],
    lu: &Lu<usize, f64>,
) -> Option<()> {
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    let mut aq = vec![0.0; m];
    for (i, v) in sf.a.col(q) {
        aq[i] = v;
    }
    let w = solve(lu, &aq, false);
    let s = if at_upper[q] { -1.0 } else { 1.0 };
    let mut best: Option<(f64, usize)> = None;
    for (k, &j) in basic.iter().enumerate() {
        let rate = -s * w[k];
        if rate.abs() <= 1e-11 {
            continue;
        }
        let (l, u, xj) = if j < n { (sf.l[j], sf.u[j], x[j]) } else { (0.0, 0.0, 0.0) };
        let t = if rate < 0.0 { (xj - l) / -rate } else { (u - xj) / rate };
        if !t.is_finite() {
            continue;
        }
        let t = t.max(0.0);
        let better = match best {
            None => true,
            Some((bt, bk)) => t < bt - 1e-12 || (t <= bt + 1e-12 && j < basic[bk]),
        };
        if better {
            best = Some((t, k));
        }
    }
    let flip = sf.u[q] - sf.l[q];
    match best {
        Some((t, _)) if t < flip => {}
        _ if flip.is_finite() => {
            at_upper[q] = !at_upper[q];
            return Some(());
        }
        None => return None, // an unbounded ray: not optimal after all
        _ => {}
    }
    let (_, k) = best?;
    let j = basic[k];
    if j < n {
        at_upper[j] = -s * w[k] > 0.0;
    }
    basic[k] = q;
    Some(())
}

fn basic_solution(sf: &StdForm, basic: &[usize], at_upper: &[bool]) -> Option<Step> {
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    let a = &sf.a;
    let mut x = vec![0.0; n];
    let mut is_basic = vec![false; n];
    for &j in basic.iter().filter(|&&j| j < n) {
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
    let trip: Vec<(usize, usize, f64)> = basic
        .iter()
        .enumerate()
        .flat_map(|(k, &j)| {
            let unit = (j >= n).then(|| (j - n, k, 1.0));
            let col: Vec<(usize, usize, f64)> =
                if j < n { a.col(j).map(|(i, v)| (i, k, v)).collect() } else { vec![] };
            col.into_iter().chain(unit)
        })
        .collect();
    let bm = Csc::from_triplets(m, m, &trip);
    let (xb, y, lu) = if m > 0 {
        let lu = lu_of(&bm)?;
        let xb = solve(&lu, &r, false);
        let cb: Vec<f64> = basic.iter().map(|&j| if j < n { sf.c[j] } else { 0.0 }).collect();
        let y = solve(&lu, &cb, true);
        (xb, y, Some(lu))
    } else {
        (vec![], vec![], None)
    };
    let bnorm = sf.b.iter().fold(0.0f64, |s, v| s.max(v.abs()));
    for (k, &j) in basic.iter().enumerate() {
        if j < n {
            x[j] = xb[k];
        } else if !xb[k].is_finite() || xb[k].abs() > 1e-9 * (1.0 + bnorm) {
            return None; // an inconsistent redundant row
        }
    }
    // Primal feasibility, with the row residual guarding against a near-singular basis.
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
        if !d.is_finite() {
            return None;
        }
        // Bland's rule: the lowest-index column with a reduced cost of the wrong sign.
        if (at_upper[j] && d > told) || (!at_upper[j] && d < -told) {
            return Some(Step::Enter { q: j, x, lu: Box::new(lu?) });
        }
    }
    Some(Step::Optimal(x, y))
}
