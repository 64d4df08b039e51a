//! Projections onto the null space and row space of the constraint Jacobian `A` (`m×n`)
//! used by the Byrd–Omojokun SQP steps (Gould, Hribar & Nocedal 2001):
//! - `Z x = x − Aᵀ(AAᵀ)⁻¹A x`, the projection onto `null(A)`, with up to three steps of
//!   iterative refinement while `‖A z‖ / (‖A‖_F‖z‖) > 10⁻¹²`;
//! - `LS x = (AAᵀ)⁻¹A x`, the least-squares solution of `Aᵀy = x` (multiplier estimates);
//! - `Y x = Aᵀ(AAᵀ)⁻¹x`, the minimum-norm solution of `A y = x`.
//!
//! `AAᵀ` is never formed: with the column-pivoted QR `Aᵀ P = Q R` (SciPy's
//! `'QRFactorization'`) each operator is two triangular solves and products with `Q`; the
//! SVD `A = U Σ Vᵀ` (SciPy's `'SVDFactorization'`, dropping singular values `≤ 10⁻¹⁵`) is the
//! fallback for rank-deficient Jacobians and for more rows than columns.

use sci_core::Result;
use sci_core::ndarray::{Array1, Array2, s};
use sci_linalg::{QrOptions, SvdOptions, qr_pivoted, svd_with};

use super::FactorizationMethod;

const ORTH_TOL: f64 = 1e-12;
const MAX_REFINE: usize = 3;
const RANK_TOL: f64 = 1e-15;

enum Factors {
    /// No constraints: `Z = I`, `LS` and `Y` are empty.
    Empty,
    /// `Aᵀ[:, p] = Q R`, `Q` is `n×m`, `R` is `m×m`.
    Qr { q: Array2<f64>, r: Array2<f64>, p: Vec<usize> },
    /// `A = U diag(s) Vt` restricted to the singular values above the tolerance.
    Svd { u: Array2<f64>, s: Array1<f64>, vt: Array2<f64> },
}

/// The three operators of one Jacobian.
pub(crate) struct Projections {
    a: Array2<f64>,
    a_fro: f64,
    factors: Factors,
}

/// Solves `R x = b` (upper triangular, square).
fn solve_r(r: &Array2<f64>, b: &Array1<f64>) -> Array1<f64> {
    let m = b.len();
    let mut x = b.clone();
    for i in (0..m).rev() {
        let mut acc = x[i];
        for j in i + 1..m {
            acc -= r[[i, j]] * x[j];
        }
        x[i] = acc / r[[i, i]];
    }
    x
}

/// Solves `Rᵀ x = b`.
fn solve_rt(r: &Array2<f64>, b: &Array1<f64>) -> Array1<f64> {
    let m = b.len();
    let mut x = b.clone();
    for i in 0..m {
        let mut acc = x[i];
        for j in 0..i {
            acc -= r[[j, i]] * x[j];
        }
        x[i] = acc / r[[i, i]];
    }
    x
}

impl Projections {
    /// Factors `a` (`m×n`). `Err` only if the factorization itself fails on non-finite input.
    pub(crate) fn new(a: &Array2<f64>, method: FactorizationMethod) -> Result<Projections> {
        let (m, n) = a.dim();
        let a_fro = a.iter().map(|v| v * v).sum::<f64>().sqrt();
        if m == 0 {
            return Ok(Projections { a: a.clone(), a_fro, factors: Factors::Empty });
        }
        if method == FactorizationMethod::QrFactorization && m <= n {
            let at = a.t().to_owned();
            let f = qr_pivoted(&at, &QrOptions { economic: true, check_finite: false })?;
            let last = f.r.row(m - 1).iter().fold(0.0f64, |acc, v| acc.max(v.abs()));
            if last >= RANK_TOL {
                let r = f.r.slice(s![..m, ..m]).to_owned();
                return Ok(Projections {
                    a: a.clone(),
                    a_fro,
                    factors: Factors::Qr { q: f.q, r, p: f.p.to_vec() },
                });
            }
        }
        let f = svd_with(a, &SvdOptions { full_matrices: false, check_finite: false })?;
        let keep: Vec<usize> = (0..f.s.len()).filter(|&i| f.s[i] > RANK_TOL).collect();
        let u = Array2::from_shape_fn((m, keep.len()), |(i, j)| f.u[[i, keep[j]]]);
        let vt = Array2::from_shape_fn((keep.len(), n), |(i, j)| f.vh[[keep[i], j]]);
        let sv = Array1::from_iter(keep.iter().map(|&i| f.s[i]));
        Ok(Projections { a: a.clone(), a_fro, factors: Factors::Svd { u, s: sv, vt } })
    }

    /// The rank used: `m` for QR, the number of singular values kept for the SVD.
    pub(crate) fn rank(&self) -> usize {
        match &self.factors {
            Factors::Empty => 0,
            Factors::Qr { r, .. } => r.nrows(),
            Factors::Svd { s, .. } => s.len(),
        }
    }

    /// `(AAᵀ)⁻¹A x`.
    pub(crate) fn least_squares(&self, x: &Array1<f64>) -> Array1<f64> {
        let m = self.a.nrows();
        match &self.factors {
            Factors::Empty => Array1::zeros(0),
            Factors::Qr { q, r, p } => {
                let y = solve_r(r, &q.t().dot(x));
                let mut out = Array1::zeros(m);
                for (k, &pk) in p.iter().enumerate() {
                    out[pk] = y[k];
                }
                out
            }
            Factors::Svd { u, s, vt } => u.dot(&(&vt.dot(x) / s)),
        }
    }

    /// `Aᵀ(AAᵀ)⁻¹x`.
    pub(crate) fn row_space(&self, x: &Array1<f64>) -> Array1<f64> {
        let n = self.a.ncols();
        match &self.factors {
            Factors::Empty => Array1::zeros(n),
            Factors::Qr { q, r, p } => {
                let xp = Array1::from_iter(p.iter().map(|&pk| x[pk]));
                q.dot(&solve_rt(r, &xp))
            }
            Factors::Svd { u, s, vt } => vt.t().dot(&(&u.t().dot(x) / s)),
        }
    }

    /// `x − Aᵀ(AAᵀ)⁻¹A x` with iterative refinement.
    pub(crate) fn null_space(&self, x: &Array1<f64>) -> Array1<f64> {
        if let Factors::Empty = self.factors {
            return x.clone();
        }
        let mut z = x - &self.a.t().dot(&self.least_squares(x));
        for _ in 0..MAX_REFINE {
            if self.orthogonality(&z) <= ORTH_TOL {
                break;
            }
            z = &z - &self.a.t().dot(&self.least_squares(&z));
        }
        z
    }

    /// `‖A z‖ / (‖A‖_F ‖z‖)` (0 when either norm is 0).
    fn orthogonality(&self, z: &Array1<f64>) -> f64 {
        let zn = z.dot(z).sqrt();
        if zn == 0.0 || self.a_fro == 0.0 {
            return 0.0;
        }
        let az = self.a.dot(z);
        az.dot(&az).sqrt() / (self.a_fro * zn)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::array;

    fn check(method: FactorizationMethod) {
        let a = array![[1.0, 2.0, 0.5, -1.0], [0.0, 1.0, 3.0, 1.0]];
        let p = Projections::new(&a, method).unwrap();
        let x = array![0.3, -1.2, 2.0, 0.7];
        let z = p.null_space(&x);
        assert!(a.dot(&z).iter().all(|v| v.abs() < 1e-13));
        // x − z lies in the row space: x − z = Aᵀ·LS(x).
        let back = a.t().dot(&p.least_squares(&x));
        assert!((&(&x - &z) - &back).iter().all(|v| v.abs() < 1e-13));
        // Y b solves A y = b with minimum norm (it is in the row space).
        let b = array![1.0, -2.0];
        let y = p.row_space(&b);
        assert!((&a.dot(&y) - &b).iter().all(|v| v.abs() < 1e-13));
        assert!(p.null_space(&y).iter().all(|v| v.abs() < 1e-13));
    }

    #[test]
    fn qr_and_svd_projections() {
        check(FactorizationMethod::QrFactorization);
        check(FactorizationMethod::SvdFactorization);
    }

    #[test]
    fn rank_deficient_jacobian_uses_the_svd() {
        let a = array![[1.0, 1.0, 0.0], [2.0, 2.0, 0.0]];
        let p = Projections::new(&a, FactorizationMethod::QrFactorization).unwrap();
        assert!(matches!(p.factors, Factors::Svd { .. }));
        assert_eq!(p.rank(), 1);
        let z = p.null_space(&array![1.0, 0.0, 1.0]);
        assert!(a.dot(&z).iter().all(|v| v.abs() < 1e-13));
    }
}
