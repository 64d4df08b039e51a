//! The generalized Lanczos trust-region subproblem solver (GLTR; Gould, Lucidi, Roma &
//! Toint 1999) behind `trust-krylov`.
//!
//! The model `m(s) = gᵀs + ½ sᵀHs` is minimized over growing Krylov spaces
//! `K_k = span{g, Hg, …, Hᵏg}`. The Lanczos process gives an orthonormal basis `Q_k` with
//! `Q_kᵀ H Q_k = T_k` tridiagonal and `Q_kᵀ g = ‖g‖ e₁`, so the restricted problem is the
//! tridiagonal trust-region problem `min ½hᵀT_k h + ‖g‖h₁, ‖h‖ ≤ Δ`, `s = Q_k h`:
//! - *interior phase*: while `T_k` is positive definite and its Newton point `−T_k⁻¹‖g‖e₁`
//!   lies inside the region, that point is the solution (it is the `k`-th CG iterate);
//! - *boundary phase*: afterwards the solution is on the boundary and is found by
//!   Moré–Sorensen Newton iterations on the secular equation of the tridiagonal matrix
//!   (each an `O(k)` factorization of `T_k + λI`).
//!
//! The residual of the restricted solution in the full space is `γ_{k+1}|h_k|`, which stops
//! the iteration with SciPy's inexact forcing terms (trlib's `tol_rel_i = −2`,
//! `tol_rel_b = −3`): `min(½, √‖g‖)·‖g‖` inside and `max(10⁻⁶, min(½, ‖g‖^¼))·‖g‖` on the
//! boundary. The Lanczos data are kept, so a smaller radius at the same point (after a
//! rejected step) is solved again from the stored `T_k` before any new product is spent.

use sci_core::Result;
use sci_core::ndarray::Array1;

/// Lanczos data of one model (one point `x`), reused across trust radii.
pub(crate) struct KrylovState {
    gnorm: f64,
    /// Lanczos vectors `q₀ … q_k`.
    q: Vec<Array1<f64>>,
    /// Diagonal of `T_k` (same length as `q` once a product has been taken with each).
    delta: Vec<f64>,
    /// `gamma[j]` couples `q_j` and `q_{j+1}`; one entry more than the off-diagonal of `T_k`
    /// once the next Lanczos vector is known (`γ_{k+1}`).
    gamma: Vec<f64>,
    /// The unnormalized next Lanczos direction `γ_{k+1} q_{k+1}`.
    next: Option<Array1<f64>>,
    itmax: usize,
    stop_interior: f64,
    stop_boundary: f64,
    /// The Krylov space is invariant (or the iteration limit is reached): no more vectors.
    exhausted: bool,
}

impl KrylovState {
    /// Starts the process for the gradient `g` (nothing is computed yet).
    pub(crate) fn new(g: &Array1<f64>) -> Self {
        let n = g.len();
        let gnorm = g.dot(g).sqrt();
        let eta_i = 0.5f64.min(gnorm.sqrt());
        let eta_b = 0.5f64.min(gnorm.sqrt().sqrt()).max(1e-6);
        let q0 = if gnorm > 0.0 { g / gnorm } else { Array1::zeros(n) };
        KrylovState {
            gnorm,
            q: vec![q0],
            delta: Vec::new(),
            gamma: Vec::new(),
            next: None,
            itmax: (2 * n).max(1),
            stop_interior: eta_i * gnorm,
            stop_boundary: eta_b * gnorm,
            exhausted: gnorm == 0.0 || !gnorm.is_finite(),
        }
    }

    /// One Lanczos step: the product with the newest vector, its diagonal entry and the next
    /// direction. Returns `false` if no step could be taken.
    fn expand(&mut self, hessp: &mut dyn FnMut(&Array1<f64>) -> Result<Array1<f64>>) -> Result<bool> {
        if self.exhausted {
            return Ok(false);
        }
        let k = self.delta.len();
        if k > 0 {
            // Normalize the pending direction into q_k.
            let Some(w) = self.next.take() else {
                self.exhausted = true;
                return Ok(false);
            };
            let gk = self.gamma[k - 1];
            self.q.push(w / gk);
        }
        let qk = &self.q[k];
        let mut w = hessp(qk)?;
        let dk = qk.dot(&w);
        w.scaled_add(-dk, qk);
        if k > 0 {
            w.scaled_add(-self.gamma[k - 1], &self.q[k - 1]);
        }
        let gnext = w.dot(&w).sqrt();
        self.delta.push(dk);
        self.gamma.push(gnext);
        let tiny =
            f64::EPSILON * (dk.abs() + if k > 0 { self.gamma[k - 1] } else { 0.0 }).max(f64::MIN_POSITIVE);
        if gnext.is_nan() || gnext <= tiny || self.delta.len() >= self.itmax || !dk.is_finite() {
            self.exhausted = true;
        } else {
            self.next = Some(w);
        }
        Ok(true)
    }

    /// Solves the subproblem with radius `radius`: `(s, hits_boundary)`, `None` when the
    /// products are not finite.
    pub(crate) fn solve(
        &mut self,
        radius: f64,
        hessp: &mut dyn FnMut(&Array1<f64>) -> Result<Array1<f64>>,
    ) -> Result<Option<(Array1<f64>, bool)>> {
        let n = self.q[0].len();
        if self.gnorm == 0.0 {
            return Ok(Some((Array1::zeros(n), false)));
        }
        if self.delta.is_empty() && !self.expand(hessp)? {
            return Ok(None);
        }
        loop {
            let k = self.delta.len();
            let off = &self.gamma[..k - 1];
            let (h, lambda) = match newton_point(&self.delta, off, self.gnorm) {
                Some(h) if norm(&h) < radius => (h, 0.0),
                _ => tri_trust_region(&self.delta, off, self.gnorm, radius),
            };
            if h.iter().any(|v| !v.is_finite()) {
                return Ok(None);
            }
            let residual = self.gamma[k - 1] * h[k - 1].abs();
            let stop = if lambda > 0.0 { self.stop_boundary } else { self.stop_interior };
            if residual <= stop || self.exhausted || !self.expand(hessp)? {
                let mut s = Array1::zeros(n);
                for (hj, qj) in h.iter().zip(&self.q) {
                    s.scaled_add(*hj, qj);
                }
                // Lost orthogonality can make ‖Q h‖ exceed ‖h‖ = Δ; keep the step inside.
                let sn = norm_arr(&s);
                if lambda > 0.0 && sn > radius {
                    s *= radius / sn;
                }
                return Ok(Some((s, lambda > 0.0)));
            }
        }
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|x| x * x).sum::<f64>().sqrt()
}

fn norm_arr(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

/// `LDLᵀ` of the tridiagonal `T + λI` (diagonal `d`, off-diagonal `e`): the pivots and the
/// multipliers; `None` unless every pivot is positive (`T + λI` positive definite).
fn ldl(d: &[f64], e: &[f64], lambda: f64) -> Option<(Vec<f64>, Vec<f64>)> {
    let k = d.len();
    let mut piv = Vec::with_capacity(k);
    let mut mult = Vec::with_capacity(k.saturating_sub(1));
    let mut p = d[0] + lambda;
    if p.is_nan() || p <= 0.0 {
        return None;
    }
    piv.push(p);
    for i in 1..k {
        let l = e[i - 1] / p;
        p = d[i] + lambda - l * e[i - 1];
        if p.is_nan() || p <= 0.0 {
            return None;
        }
        mult.push(l);
        piv.push(p);
    }
    Some((piv, mult))
}

/// Solves `(T + λI) h = −γ₀ e₁` from its `LDLᵀ`; also returns `hᵀ(T + λI)⁻¹h`.
fn solve_shifted(piv: &[f64], mult: &[f64], g0: f64) -> (Vec<f64>, f64) {
    let k = piv.len();
    // L y = −γ₀ e₁.
    let mut y = vec![0.0; k];
    y[0] = -g0;
    for i in 1..k {
        y[i] = -mult[i - 1] * y[i - 1];
    }
    // D Lᵀ h = y.
    let mut h = vec![0.0; k];
    h[k - 1] = y[k - 1] / piv[k - 1];
    for i in (0..k - 1).rev() {
        h[i] = y[i] / piv[i] - mult[i] * h[i + 1];
    }
    // hᵀ(LDLᵀ)⁻¹h = Σ zᵢ²/Dᵢ with L z = h.
    let mut z = h[0];
    let mut acc = z * z / piv[0];
    for i in 1..k {
        z = h[i] - mult[i - 1] * z;
        acc += z * z / piv[i];
    }
    (h, acc)
}

/// The Newton point `−T⁻¹γ₀e₁` when `T` is positive definite.
fn newton_point(d: &[f64], e: &[f64], g0: f64) -> Option<Vec<f64>> {
    let (piv, mult) = ldl(d, e, 0.0)?;
    Some(solve_shifted(&piv, &mult, g0).0)
}

/// Number of eigenvalues of the tridiagonal `T` below `x` (Sturm count from the `LDLᵀ`
/// pivots of `T − xI`).
fn count_below(d: &[f64], e: &[f64], x: f64) -> usize {
    let mut count = 0;
    let mut p = d[0] - x;
    for i in 0..d.len() {
        if i > 0 {
            let denom = if p == 0.0 { f64::EPSILON * (e[i - 1].abs() + f64::MIN_POSITIVE) } else { p };
            p = d[i] - x - e[i - 1] * e[i - 1] / denom;
        }
        if p < 0.0 {
            count += 1;
        }
    }
    count
}

/// The smallest eigenvalue of the tridiagonal `T` by bisection on Sturm counts.
fn leftmost_eigenvalue(d: &[f64], e: &[f64]) -> f64 {
    let k = d.len();
    let mut lo = f64::INFINITY;
    let mut hi = f64::NEG_INFINITY;
    for i in 0..k {
        let r = if i > 0 { e[i - 1].abs() } else { 0.0 } + if i + 1 < k { e[i].abs() } else { 0.0 };
        lo = lo.min(d[i] - r);
        hi = hi.max(d[i] + r);
    }
    let scale = lo.abs().max(hi.abs()).max(f64::MIN_POSITIVE);
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if hi - lo <= 2.0 * f64::EPSILON * scale || mid <= lo || mid >= hi {
            break;
        }
        if count_below(d, e, mid) >= 1 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    lo
}

/// The eigenvector of `T` for the eigenvalue near `-shift` by inverse iteration with
/// `T + shift·I` (positive definite by construction).
fn leftmost_eigenvector(d: &[f64], e: &[f64], shift: f64) -> Vec<f64> {
    let k = d.len();
    let mut v = vec![1.0 / (k as f64).sqrt(); k];
    let Some((piv, mult)) = ldl(d, e, shift) else {
        return v;
    };
    for _ in 0..5 {
        // (LDLᵀ) w = v.
        let mut y = v.clone();
        for i in 1..k {
            y[i] -= mult[i - 1] * y[i - 1];
        }
        let mut w = vec![0.0; k];
        w[k - 1] = y[k - 1] / piv[k - 1];
        for i in (0..k - 1).rev() {
            w[i] = y[i] / piv[i] - mult[i] * w[i + 1];
        }
        let wn = norm(&w);
        if wn <= 0.0 || !wn.is_finite() {
            break;
        }
        v = w.iter().map(|x| x / wn).collect();
    }
    v
}

/// `min ½hᵀTh + γ₀h₁` subject to `‖h‖ ≤ Δ` for a symmetric tridiagonal `T`, by safeguarded
/// Newton iterations on `1/Δ − 1/‖h(λ)‖ = 0`, `(T + λI)h(λ) = −γ₀e₁`, started where
/// `‖h(λ)‖ ≥ Δ` so the iterates increase monotonically to the root. Returns `(h, λ)`.
fn tri_trust_region(d: &[f64], e: &[f64], g0: f64, radius: f64) -> (Vec<f64>, f64) {
    let theta = leftmost_eigenvalue(d, e);
    let scale = d.iter().chain(e.iter()).fold(0.0f64, |m, v| m.max(v.abs())).max(f64::MIN_POSITIVE);
    let lambda_lo = (-theta).max(0.0);
    // The first shift that factors: just right of the leftmost eigenvalue.
    let mut lambda = if theta > 0.0 { 0.0 } else { lambda_lo + 16.0 * f64::EPSILON * scale };
    let mut fact = ldl(d, e, lambda);
    let mut bump = 16.0 * f64::EPSILON * scale;
    while fact.is_none() {
        bump *= 4.0;
        lambda = lambda_lo + bump;
        fact = ldl(d, e, lambda);
        if bump > scale * 1e3 {
            break;
        }
    }
    let Some((mut piv, mut mult)) = fact else {
        return (vec![f64::NAN; d.len()], f64::NAN);
    };
    let (mut h, mut hq) = solve_shifted(&piv, &mult, g0);
    let hn0 = norm(&h);
    if hn0 < radius {
        if lambda == 0.0 {
            return (h, 0.0);
        }
        // (Nearly) hard case: move along the leftmost eigenvector to the boundary, taking the
        // root with the lower model value.
        let v = leftmost_eigenvector(d, e, lambda);
        let hv: f64 = h.iter().zip(&v).map(|(a, b)| a * b).sum();
        let disc = (hv * hv + radius * radius - hn0 * hn0).max(0.0).sqrt();
        let model = |t: f64| -> f64 {
            let hh: Vec<f64> = h.iter().zip(&v).map(|(a, b)| a + t * b).collect();
            let mut th = vec![0.0; hh.len()];
            for i in 0..hh.len() {
                th[i] = d[i] * hh[i];
                if i > 0 {
                    th[i] += e[i - 1] * hh[i - 1];
                }
                if i + 1 < hh.len() {
                    th[i] += e[i] * hh[i + 1];
                }
            }
            0.5 * hh.iter().zip(&th).map(|(a, b)| a * b).sum::<f64>() + g0 * hh[0]
        };
        let (t1, t2) = (-hv + disc, -hv - disc);
        let t = if model(t1) <= model(t2) { t1 } else { t2 };
        let out = h.iter().zip(&v).map(|(a, b)| a + t * b).collect();
        return (out, lambda);
    }
    for _ in 0..100 {
        let hn = norm(&h);
        if (hn - radius).abs() <= 1e-12 * radius {
            break;
        }
        let step = (hn * hn / hq) * (hn - radius) / radius;
        let mut next = lambda + step;
        if !next.is_finite() {
            break;
        }
        if next <= lambda_lo {
            next = 0.5 * (lambda + lambda_lo).max(lambda_lo);
            if next <= lambda_lo {
                break;
            }
        }
        match ldl(d, e, next) {
            Some((p, m)) => {
                piv = p;
                mult = m;
                lambda = next;
                let r = solve_shifted(&piv, &mult, g0);
                h = r.0;
                hq = r.1;
            }
            None => break,
        }
        if step.abs() <= f64::EPSILON * lambda.abs() {
            break;
        }
    }
    (h, lambda)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::{Array2, array};

    /// Solves to full accuracy (zero forcing tolerances: the Krylov space is exhausted).
    fn solve_dense(h: &Array2<f64>, g: &Array1<f64>, radius: f64) -> (Array1<f64>, bool) {
        let mut st = KrylovState::new(g);
        st.stop_interior = 0.0;
        st.stop_boundary = 0.0;
        let mut prod = |v: &Array1<f64>| -> Result<Array1<f64>> { Ok(h.dot(v)) };
        st.solve(radius, &mut prod).unwrap().unwrap()
    }

    #[test]
    fn interior_solution_is_the_newton_step() {
        let h = array![[4.0, 1.0], [1.0, 3.0]];
        let g = array![1.0, 2.0];
        let (s, hits) = solve_dense(&h, &g, 10.0);
        assert!(!hits);
        let r = &h.dot(&s) + &g;
        assert!(r.dot(&r).sqrt() < 1e-12);
        // With SciPy's inexact forcing term the residual is only below min(½, √‖g‖)·‖g‖.
        let mut st = KrylovState::new(&g);
        let mut prod = |v: &Array1<f64>| -> Result<Array1<f64>> { Ok(h.dot(v)) };
        let (s, _) = st.solve(10.0, &mut prod).unwrap().unwrap();
        let r = &h.dot(&s) + &g;
        let gn = g.dot(&g).sqrt();
        assert!(r.dot(&r).sqrt() <= 0.5f64.min(gn.sqrt()) * gn + 1e-12);
    }

    #[test]
    fn boundary_solution_satisfies_the_optimality_conditions() {
        // Indefinite Hessian: the solution is on the boundary with H + λI ⪰ 0.
        let h = array![[1.0, 0.0, 0.0], [0.0, -2.0, 0.0], [0.0, 0.0, 3.0]];
        let g = array![1.0, 1.0, 1.0];
        let (s, hits) = solve_dense(&h, &g, 0.5);
        assert!(hits);
        assert!((s.dot(&s).sqrt() - 0.5).abs() < 1e-10);
        // (H + λI)s = −g for one λ ≥ 2.
        let hs = h.dot(&s);
        let lam: Vec<f64> = (0..3).map(|i| -(g[i] + hs[i]) / s[i]).collect();
        assert!(lam.iter().all(|l| (l - lam[0]).abs() < 1e-8 && *l >= 2.0), "{lam:?}");
    }

    #[test]
    fn tridiagonal_trust_region_matches_secular_equation() {
        let d = [2.0, -1.0, 3.0, 0.5];
        let e = [1.0, 0.7, -0.4];
        let (h, lam) = tri_trust_region(&d, &e, 1.5, 0.8);
        assert!((norm(&h) - 0.8).abs() < 1e-10);
        assert!(lam > -leftmost_eigenvalue(&d, &e));
        // (T + λI)h = −γ₀e₁.
        for i in 0..4 {
            let mut r = (d[i] + lam) * h[i];
            if i > 0 {
                r += e[i - 1] * h[i - 1];
            }
            if i < 3 {
                r += e[i] * h[i + 1];
            }
            let want = if i == 0 { -1.5 } else { 0.0 };
            assert!((r - want).abs() < 1e-10);
        }
    }

    #[test]
    fn leftmost_eigenvalue_by_bisection() {
        let d = [2.0, 2.0, 2.0];
        let e = [-1.0, -1.0];
        // Eigenvalues 2 − √2, 2, 2 + √2.
        assert!((leftmost_eigenvalue(&d, &e) - (2.0 - 2f64.sqrt())).abs() < 1e-14);
    }

    #[test]
    fn hot_start_reuses_the_lanczos_data() {
        let h = array![[2.0, 0.5, 0.0], [0.5, 1.0, 0.3], [0.0, 0.3, -1.0]];
        let g = array![1.0, -1.0, 0.5];
        let count = std::cell::Cell::new(0);
        let mut prod = |v: &Array1<f64>| -> Result<Array1<f64>> {
            count.set(count.get() + 1);
            Ok(h.dot(v))
        };
        let mut st = KrylovState::new(&g);
        let (s1, _) = st.solve(1.0, &mut prod).unwrap().unwrap();
        assert!(s1.dot(&s1).sqrt() <= 1.0 + 1e-12);
        let (s2, hits) = st.solve(0.1, &mut prod).unwrap().unwrap();
        assert!(hits && (s2.dot(&s2).sqrt() - 0.1).abs() < 1e-10);
        // At most 2n Lanczos steps over both radii.
        assert!(count.get() <= 6);
        // At least the decrease of the steepest-descent step to the boundary.
        let model = |s: &Array1<f64>| g.dot(s) + 0.5 * s.dot(&h.dot(s));
        let sd = &g * (-0.1 / g.dot(&g).sqrt());
        assert!(model(&s2) <= model(&sd) + 1e-15);
    }
}
