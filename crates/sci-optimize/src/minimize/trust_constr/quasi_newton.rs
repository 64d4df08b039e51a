//! Quasi-Newton Hessian approximations for trust-constr: SciPy's `BFGS` and `SR1`
//! `HessianUpdateStrategy` objects in their direct (`'hess'`) form.
//!
//! The first update scales the identity by `yᵀy / |yᵀs|` (Nocedal & Wright, eq. 6.20). BFGS
//! skips an update whose curvature `yᵀs ≤ 10⁻⁸·sᵀBs` (SciPy's `'skip_update'`) and restarts
//! from a scaled identity if roundoff made `sᵀBs ≤ 0`; SR1 skips an update whose denominator
//! `|sᵀ(y − Bs)| ≤ 10⁻⁸·‖s‖‖y − Bs‖`.

use sci_core::ndarray::{Array1, Array2};

use super::HessianUpdate;

/// A dense symmetric approximation `B ≈ ∇²f`, updated from steps `s` and gradient changes `y`.
#[derive(Debug, Clone)]
pub(crate) struct QuasiNewton {
    kind: HessianUpdate,
    b: Array2<f64>,
    first: bool,
}

fn auto_scale(s: &Array1<f64>, y: &Array1<f64>) -> f64 {
    let ss = s.dot(s);
    let yy = y.dot(y);
    let ys = y.dot(s).abs();
    if ys == 0.0 || yy == 0.0 || ss == 0.0 { 1.0 } else { yy / ys }
}

/// `B ← B + α u uᵀ`, keeping `B` exactly symmetric.
fn rank_one(b: &mut Array2<f64>, alpha: f64, u: &Array1<f64>) {
    let n = u.len();
    for j in 0..n {
        let t = alpha * u[j];
        if t == 0.0 {
            continue;
        }
        for i in 0..=j {
            b[[i, j]] += u[i] * t;
        }
    }
    for j in 0..n {
        for i in j + 1..n {
            b[[i, j]] = b[[j, i]];
        }
    }
}

impl QuasiNewton {
    /// The identity of order `n` (scaled at the first update).
    pub(crate) fn new(kind: HessianUpdate, n: usize) -> Self {
        QuasiNewton { kind, b: Array2::eye(n), first: true }
    }

    /// `B p`.
    pub(crate) fn dot(&self, p: &Array1<f64>) -> Array1<f64> {
        self.b.dot(p)
    }

    /// Updates with the step `s` and the gradient change `y` (no-op if either is zero).
    pub(crate) fn update(&mut self, s: &Array1<f64>, y: &Array1<f64>) {
        if s.iter().all(|v| *v == 0.0) || y.iter().all(|v| *v == 0.0) {
            return;
        }
        if s.iter().chain(y.iter()).any(|v| !v.is_finite()) {
            // A non-finite gradient somewhere would poison the whole matrix.
            return;
        }
        if self.first {
            self.b *= auto_scale(s, y);
            self.first = false;
        }
        match self.kind {
            HessianUpdate::Bfgs => {
                let ys = s.dot(y);
                let mut bs = self.b.dot(s);
                let mut sbs = bs.dot(s);
                if sbs <= 0.0 {
                    let n = s.len();
                    self.b = Array2::eye(n) * auto_scale(s, y);
                    bs = self.b.dot(s);
                    sbs = bs.dot(s);
                }
                if ys <= 1e-8 * sbs {
                    return;
                }
                rank_one(&mut self.b, 1.0 / ys, y);
                rank_one(&mut self.b, -1.0 / sbs, &bs);
            }
            HessianUpdate::Sr1 => {
                let r = y - &self.b.dot(s);
                let den = s.dot(&r);
                if den.abs() <= 1e-8 * s.dot(s).sqrt() * r.dot(&r).sqrt() {
                    return;
                }
                rank_one(&mut self.b, 1.0 / den, &r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::array;

    #[test]
    fn bfgs_satisfies_the_secant_equation() {
        let mut q = QuasiNewton::new(HessianUpdate::Bfgs, 2);
        q.update(&array![1.0, 0.0], &array![2.0, 0.5]);
        q.update(&array![0.3, 1.0], &array![0.9, 3.1]);
        let bs = q.dot(&array![0.3, 1.0]);
        assert!((bs[0] - 0.9).abs() < 1e-12 && (bs[1] - 3.1).abs() < 1e-12);
    }

    #[test]
    fn sr1_satisfies_the_secant_equation_and_skips_negative_curvature_for_bfgs() {
        let mut q = QuasiNewton::new(HessianUpdate::Sr1, 2);
        q.update(&array![1.0, 1.0], &array![1.0, -2.0]);
        let bs = q.dot(&array![1.0, 1.0]);
        assert!((bs[0] - 1.0).abs() < 1e-12 && (bs[1] + 2.0).abs() < 1e-12);
        let mut b = QuasiNewton::new(HessianUpdate::Bfgs, 2);
        b.update(&array![1.0, 0.0], &array![1.0, 0.0]);
        let before = b.b.clone();
        b.update(&array![0.0, 1.0], &array![0.0, -1.0]);
        assert_eq!(b.b, before);
    }
}
