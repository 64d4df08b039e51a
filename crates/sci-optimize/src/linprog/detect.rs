//! Infeasibility and unboundedness certification after a failed interior-point run.
//!
//! Two auxiliary problems that are always feasible and bounded below by zero are solved
//! with the same interior-point method:
//! - primal phase 1: `min Σ(p + q)` s.t. `A x + p − q = b`, `l ≤ x ≤ u`, `p, q ≥ 0`;
//!   a positive optimum proves the problem infeasible;
//! - dual phase 1: `min Σ(p + q)` s.t. `Aᵀ y + z_l − z_u + p − q = c`, `z_l ≥ 0` for finite
//!   `l`, `z_u ≥ 0` for finite `u`, `y` free; a positive optimum means the dual is infeasible,
//!   so a feasible primal is unbounded.

use super::csc::Csc;
use super::ipm;
use super::presolve::StdForm;

fn phase1_value(sf: &StdForm, first_artificial: usize, maxiter: usize) -> Option<f64> {
    let out = ipm::solve(sf, maxiter);
    (out.status == 0).then(|| out.x[first_artificial..].iter().sum())
}

/// Status of a problem on which the interior-point method did not converge: 2 infeasible,
/// 3 unbounded, 4 when neither could be proven.
pub(super) fn classify(sf: &StdForm, maxiter: usize) -> i32 {
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    let a = &sf.a;
    let norm = |v: &[f64]| v.iter().fold(0.0f64, |s, x| s.max(x.abs()));
    // Primal phase 1.
    let mut trip: Vec<(usize, usize, f64)> =
        (0..n).flat_map(|j| a.col(j).map(move |(i, v)| (i, j, v))).collect();
    for i in 0..m {
        trip.push((i, n + i, 1.0));
        trip.push((i, n + m + i, -1.0));
    }
    let mut c = vec![0.0; n];
    c.extend(std::iter::repeat_n(1.0, 2 * m));
    let mut l = sf.l.clone();
    let mut u = sf.u.clone();
    l.extend(std::iter::repeat_n(0.0, 2 * m));
    u.extend(std::iter::repeat_n(f64::INFINITY, 2 * m));
    let p1 = StdForm { a: Csc::from_triplets(m, n + 2 * m, &trip), b: sf.b.clone(), c, l, u };
    match phase1_value(&p1, n, maxiter) {
        None => return 4,
        Some(v) if v > 1e-7 * (1.0 + norm(&sf.b)) => return 2,
        Some(_) => {}
    }
    // Dual phase 1 over (y, z_l, z_u, p, q).
    let mut trip: Vec<(usize, usize, f64)> =
        (0..n).flat_map(|j| a.col(j).map(move |(i, v)| (j, i, v))).collect();
    let mut ncol = m;
    for j in (0..n).filter(|&j| sf.l[j].is_finite()) {
        trip.push((j, ncol, 1.0));
        ncol += 1;
    }
    for j in (0..n).filter(|&j| sf.u[j].is_finite()) {
        trip.push((j, ncol, -1.0));
        ncol += 1;
    }
    let first_art = ncol;
    for j in 0..n {
        trip.push((j, ncol, 1.0));
        trip.push((j, ncol + 1, -1.0));
        ncol += 2;
    }
    let mut c = vec![0.0; first_art];
    c.extend(std::iter::repeat_n(1.0, 2 * n));
    let mut l = vec![f64::NEG_INFINITY; m];
    l.extend(std::iter::repeat_n(0.0, ncol - m));
    let u = vec![f64::INFINITY; ncol];
    let d1 = StdForm { a: Csc::from_triplets(n, ncol, &trip), b: sf.c.clone(), c, l, u };
    match phase1_value(&d1, first_art, maxiter) {
        None => 4,
        Some(v) if v > 1e-7 * (1.0 + norm(&sf.c)) => 3,
        Some(_) => 4,
    }
}
