//! Primal-dual interior-point method (Mehrotra predictor–corrector) for
//! `min cᵀx, A x = b, l ≤ x ≤ u`, with the normal equations `A Θ Aᵀ` factored by a sparse
//! Cholesky whose symbolic analysis is computed once.

use faer::Side;
use faer::linalg::solvers::Solve;
use faer::sparse::linalg::solvers::{Llt, SymbolicLlt};
use faer::sparse::{SparseColMat, SymbolicSparseColMat};

use super::csc::Csc;
use super::presolve::StdForm;

/// Relative tolerance on the primal and dual residuals and the duality gap.
const TOL: f64 = 1e-10;
/// Fraction of the step to the boundary.
const ETA: f64 = 0.9995;
/// Norm beyond which diverging iterates signal infeasibility or unboundedness.
const DIVERGE: f64 = 1e11;

/// The final iterate: primal `x`, row duals `y`, bound duals `zl`, `zu`.
pub(super) struct IpmOut {
    pub status: i32,
    pub x: Vec<f64>,
    pub y: Vec<f64>,
    pub zl: Vec<f64>,
    pub zu: Vec<f64>,
    pub nit: usize,
}

/// `A Θ Aᵀ + δI` (lower triangle) with a cached symbolic Cholesky.
struct NormalEq {
    m: usize,
    at: Csc,
    pattern: SymbolicSparseColMat<usize>,
    symbolic: Option<SymbolicLlt<usize>>,
    acc: Vec<f64>,
}

impl NormalEq {
    fn new(a: &Csc) -> Option<NormalEq> {
        let m = a.nrows;
        let at = a.transpose(); // column i of `at` = row i of A
        let mut mark = vec![usize::MAX; m];
        let mut ptr = vec![0usize; m + 1];
        let mut idx = Vec::new();
        for i in 0..m {
            let start = idx.len();
            mark[i] = i;
            idx.push(i);
            for (j, _) in at.col(i) {
                for (k, _) in a.col(j) {
                    if k > i && mark[k] != i {
                        mark[k] = i;
                        idx.push(k);
                    }
                }
            }
            idx[start..].sort_unstable();
            ptr[i + 1] = idx.len();
        }
        let pattern = SymbolicSparseColMat::new_checked(m, m, ptr, None, idx);
        let symbolic =
            if m > 0 { Some(SymbolicLlt::try_new(pattern.as_ref(), Side::Lower).ok()?) } else { None };
        Some(NormalEq { m, at, pattern, symbolic, acc: vec![0.0; m] })
    }

    /// Factors `A diag(theta) Aᵀ + δI`, growing `δ` when the factorization fails.
    fn factor(&mut self, a: &Csc, theta: &[f64]) -> Option<Llt<usize, f64>> {
        let sym = self.symbolic.clone()?;
        let ptr = self.pattern.col_ptr();
        let idx = self.pattern.row_idx();
        let mut val = vec![0.0; idx.len()];
        let mut maxdiag = 0.0f64;
        for i in 0..self.m {
            for (j, aij) in self.at.col(i) {
                let w = aij * theta[j];
                for (k, akj) in a.col(j) {
                    if k >= i {
                        self.acc[k] += w * akj;
                    }
                }
            }
            for p in ptr[i]..ptr[i + 1] {
                val[p] = self.acc[idx[p]];
                self.acc[idx[p]] = 0.0;
            }
            maxdiag = maxdiag.max(val[ptr[i]]);
        }
        let mut delta = 1e-14 * maxdiag.max(1.0);
        for _ in 0..8 {
            let mut v = val.clone();
            for i in 0..self.m {
                v[ptr[i]] += delta;
            }
            let mat = SparseColMat::new(self.pattern.clone(), v);
            if let Ok(f) = Llt::try_new_with_symbolic(sym.clone(), mat.as_ref(), Side::Lower) {
                return Some(f);
            }
            delta *= 1e3;
        }
        None
    }
}

fn solve_with(f: &Option<Llt<usize, f64>>, rhs: &mut [f64]) {
    if let Some(f) = f {
        let mut col = faer::Mat::from_fn(rhs.len(), 1, |i, _| rhs[i]);
        f.solve_in_place(col.as_mut());
        for (i, r) in rhs.iter_mut().enumerate() {
            *r = col[(i, 0)];
        }
    }
}

fn inf_norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| m.max(x.abs()))
}

/// The largest `α ≤ 1` keeping `g + α·dg ≥ 0` over the finite entries.
fn max_step(g: &[f64], dg: &[f64], finite: &[bool]) -> f64 {
    let mut a = 1.0f64;
    for k in 0..g.len() {
        if finite[k] && dg[k] < 0.0 {
            a = a.min(-g[k] / dg[k]);
        }
    }
    a
}

/// Runs the interior-point method on `sf`.
pub(super) fn solve(sf: &StdForm, maxiter: usize) -> IpmOut {
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    let a = &sf.a;
    let hl: Vec<bool> = sf.l.iter().map(|v| v.is_finite()).collect();
    let hu: Vec<bool> = sf.u.iter().map(|v| v.is_finite()).collect();
    let nc = hl.iter().chain(&hu).filter(|&&h| h).count();
    let bnorm = inf_norm(&sf.b)
        .max(sf.l.iter().chain(&sf.u).filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs())));
    let cnorm = inf_norm(&sf.c);
    let fail = |status, nit| IpmOut { status, x: vec![], y: vec![], zl: vec![], zu: vec![], nit };
    let Some(mut ne) = NormalEq::new(a) else {
        return fail(4, 0);
    };
    // Starting point: the least-norm solution of A x = b pushed inside the bounds.
    let ones = vec![1.0; n];
    let f0 = if m > 0 { ne.factor(a, &ones) } else { None };
    if m > 0 && f0.is_none() {
        return fail(4, 0);
    }
    let mut w = sf.b.clone();
    solve_with(&f0, &mut w);
    let mut x = a.tmul(&w);
    for j in 0..n {
        let (l, u) = (sf.l[j], sf.u[j]);
        let scale = 1.0f64.max(0.1 * x[j].abs());
        if hl[j] && hu[j] {
            let margin = scale.min(0.5 * (u - l));
            x[j] = x[j].clamp(l + margin, u - margin);
        } else if hl[j] {
            x[j] = x[j].max(l + scale);
        } else if hu[j] {
            x[j] = x[j].min(u - scale);
        }
    }
    let z0 = 1.0f64.max(cnorm);
    let mut zl: Vec<f64> = hl.iter().map(|&h| if h { z0 } else { 0.0 }).collect();
    let mut zu: Vec<f64> = hu.iter().map(|&h| if h { z0 } else { 0.0 }).collect();
    let mut y = vec![0.0; m];
    let mut stalls = 0;
    for it in 0..=maxiter {
        let gl: Vec<f64> = (0..n).map(|j| if hl[j] { x[j] - sf.l[j] } else { 1.0 }).collect();
        let gu: Vec<f64> = (0..n).map(|j| if hu[j] { sf.u[j] - x[j] } else { 1.0 }).collect();
        let mut rp = sf.b.clone();
        let ax = a.mul(&x);
        for i in 0..m {
            rp[i] -= ax[i];
        }
        let aty = a.tmul(&y);
        let rd: Vec<f64> = (0..n).map(|j| sf.c[j] - aty[j] - zl[j] + zu[j]).collect();
        let comp: f64 =
            (0..n).map(|j| gl[j] * zl[j] * f64::from(hl[j]) + gu[j] * zu[j] * f64::from(hu[j])).sum();
        let mu = if nc > 0 { comp / nc as f64 } else { 0.0 };
        let pobj: f64 = sf.c.iter().zip(&x).map(|(c, x)| c * x).sum();
        let dobj: f64 = sf.b.iter().zip(&y).map(|(b, y)| b * y).sum::<f64>()
            + (0..n)
                .map(|j| {
                    (if hl[j] { sf.l[j] * zl[j] } else { 0.0 }) - (if hu[j] { sf.u[j] * zu[j] } else { 0.0 })
                })
                .sum::<f64>();
        let pres = inf_norm(&rp) / (1.0 + bnorm);
        let dres = inf_norm(&rd) / (1.0 + cnorm);
        let gap = (pobj - dobj).abs() / (1.0 + pobj.abs());
        if !(pres.is_finite() && dres.is_finite() && gap.is_finite()) {
            return fail(4, it); // overflow or a breakdown of the factorization
        }
        if pres <= TOL && dres <= TOL && gap <= TOL {
            return IpmOut { status: 0, x, y, zl, zu, nit: it };
        }
        let xn = inf_norm(&x) / (1.0 + bnorm);
        let yn = inf_norm(&y).max(inf_norm(&zl)).max(inf_norm(&zu)) / (1.0 + cnorm);
        if yn > DIVERGE && dobj > 0.0 && dres < 1e-6 * yn {
            return fail(2, it);
        }
        if xn > DIVERGE && pobj < 0.0 && pres < 1e-6 * xn {
            return fail(3, it);
        }
        if it == maxiter {
            return fail(1, it);
        }
        if stalls >= 5 {
            let ok = pres <= 1e-8 && dres <= 1e-8 && gap <= 1e-8;
            return if ok { IpmOut { status: 0, x, y, zl, zu, nit: it } } else { fail(4, it) };
        }
        // Θ = (Zl/Gl + Zu/Gu + ρ)⁻¹.
        let reg = 1e-12 * (1.0 + cnorm);
        let theta: Vec<f64> = (0..n)
            .map(|j| {
                let d = (if hl[j] { zl[j] / gl[j] } else { 0.0 }) + (if hu[j] { zu[j] / gu[j] } else { 0.0 });
                1.0 / (d + reg.max(if hl[j] || hu[j] { 0.0 } else { 1e-8 }))
            })
            .collect();
        let fac = if m > 0 {
            match ne.factor(a, &theta) {
                Some(f) => Some(f),
                None => return fail(4, it),
            }
        } else {
            None
        };
        // Newton direction for complementarity targets rl (lower) and ru (upper).
        let direction = |rl: &[f64], ru: &[f64]| {
            let rhat: Vec<f64> = (0..n)
                .map(|j| {
                    rd[j] - (if hl[j] { rl[j] / gl[j] } else { 0.0 })
                        + (if hu[j] { ru[j] / gu[j] } else { 0.0 })
                })
                .collect();
            let trh: Vec<f64> = (0..n).map(|j| theta[j] * rhat[j]).collect();
            let mut dy = rp.clone();
            a.mul_add(&trh, &mut dy);
            solve_with(&fac, &mut dy);
            let atdy = a.tmul(&dy);
            let dx: Vec<f64> = (0..n).map(|j| theta[j] * (atdy[j] - rhat[j])).collect();
            let dzl: Vec<f64> =
                (0..n).map(|j| if hl[j] { (rl[j] - zl[j] * dx[j]) / gl[j] } else { 0.0 }).collect();
            let dzu: Vec<f64> =
                (0..n).map(|j| if hu[j] { (ru[j] + zu[j] * dx[j]) / gu[j] } else { 0.0 }).collect();
            (dx, dy, dzl, dzu)
        };
        let steps = |dx: &[f64], dzl: &[f64], dzu: &[f64]| {
            let ndx: Vec<f64> = dx.iter().map(|v| -v).collect();
            let ap = max_step(&gl, dx, &hl).min(max_step(&gu, &ndx, &hu));
            let ad = max_step(&zl, dzl, &hl).min(max_step(&zu, dzu, &hu));
            (ap, ad)
        };
        // Predictor (affine scaling).
        let rl: Vec<f64> = (0..n).map(|j| if hl[j] { -gl[j] * zl[j] } else { 0.0 }).collect();
        let ru: Vec<f64> = (0..n).map(|j| if hu[j] { -gu[j] * zu[j] } else { 0.0 }).collect();
        let (dxa, _, dzla, dzua) = direction(&rl, &ru);
        let (apa, ada) = steps(&dxa, &dzla, &dzua);
        let mu_aff = if nc > 0 {
            (0..n)
                .map(|j| {
                    (if hl[j] { (gl[j] + apa * dxa[j]) * (zl[j] + ada * dzla[j]) } else { 0.0 })
                        + (if hu[j] { (gu[j] - apa * dxa[j]) * (zu[j] + ada * dzua[j]) } else { 0.0 })
                })
                .sum::<f64>()
                / nc as f64
        } else {
            0.0
        };
        let sigma = if mu > 0.0 { (mu_aff / mu).clamp(0.0, 1.0).powi(3) } else { 0.0 };
        // Corrector.
        let rl: Vec<f64> =
            (0..n).map(|j| if hl[j] { sigma * mu - gl[j] * zl[j] - dxa[j] * dzla[j] } else { 0.0 }).collect();
        let ru: Vec<f64> =
            (0..n).map(|j| if hu[j] { sigma * mu - gu[j] * zu[j] + dxa[j] * dzua[j] } else { 0.0 }).collect();
        let (dx, dy, dzl, dzu) = direction(&rl, &ru);
        let (ap, ad) = steps(&dx, &dzl, &dzu);
        let (ap, ad) = ((ETA * ap).min(1.0), (ETA * ad).min(1.0));
        if ap < 1e-10 && ad < 1e-10 {
            stalls += 1;
        } else {
            stalls = 0;
        }
        for j in 0..n {
            x[j] += ap * dx[j];
            zl[j] += ad * dzl[j];
            zu[j] += ad * dzu[j];
        }
        for i in 0..m {
            y[i] += ad * dy[i];
        }
    }
    fail(1, maxiter)
}
