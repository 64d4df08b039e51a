//! General matrix functions by the Schur–Parlett recurrence (Parlett 1976; Golub & Van Loan,
//! Algorithm 9.1.1): `A = Z T Zᴴ` with `T` upper triangular, `F = f(T)` from
//! `fᵢᵢ = f(tᵢᵢ)` and, superdiagonal by superdiagonal,
//! `fᵢⱼ = (tᵢⱼ (fⱼⱼ − fᵢᵢ) + Σₖ (tᵢₖ fₖⱼ − fᵢₖ tₖⱼ)) / (tⱼⱼ − tᵢᵢ)`, then `f(A) = Z F Zᴴ`.
//!
//! Cost: the Schur decomposition plus `≈ n³/3` complex multiply-adds. The recurrence
//! divides by eigenvalue differences, so close eigenvalues make it inaccurate; the error
//! estimate reports this.

use faer::Mat;
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::num_complex::Complex;
use sci_core::{Real, Result, Scalar};

use crate::sqrtm::{back_transform, schur_of};

/// `f(A)` and SciPy's estimate of its relative error.
#[derive(Debug, Clone, PartialEq)]
pub struct Funm<C> {
    /// The matrix function.
    pub f: Array2<C>,
    /// SciPy's `errest`: `min(1, max(u, u / δ · ‖triu(T, 1)‖₁))` with `u` the unit roundoff
    /// and `δ` the smallest eigenvalue separation met (∞ when `f` produced NaN or infinity).
    /// SciPy prints a warning above `1000·u`.
    pub errest: f64,
}

/// `f(A)` for a general square matrix, SciPy's `funm(A, func, disp=False)`.
///
/// `f` maps a (complex) eigenvalue to its image; it is only evaluated on the spectrum, so
/// it must be the scalar function whose matrix extension is wanted (`exp`, `sin`, `cos`,
/// ...). The result is complex; for real `A` and a real-analytic `f` its imaginary part is
/// rounding noise (`.mapv(|z| z.re)` gives the real matrix, as SciPy's return does).
///
/// # Differences from SciPy
/// The error estimate is always returned (SciPy's `disp=False` form) instead of printed.
///
/// # Errors
/// [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) unless `a` is square;
/// [`Error::NonFinite`](sci_core::Error::NonFinite) for NaN or infinity in `a`;
/// [`Error::NotConverged`](sci_core::Error::NotConverged) if the Schur iteration fails. A non-finite `f` value is
/// not an error: it propagates and sets `errest` to infinity, as in SciPy.
///
/// ```
/// use sci_linalg::{expm, funm};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [-0.5, 0.3]];
/// let f = funm(&a, |z| z.exp())?;
/// let e = expm(&a)?;
/// assert!(f.f.iter().zip(e.iter()).all(|(x, y)| (x.re - y).abs() < 1e-13 && x.im.abs() < 1e-13));
/// assert!(f.errest < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn funm<T, S, F>(a: &ArrayBase<S, Ix2>, f: F) -> Result<Funm<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
    F: Fn(Complex<T::Real>) -> Complex<T::Real>,
{
    let schur = schur_of(a)?;
    let t = &schur.t;
    let n = t.nrows();
    let mut fm = Mat::<Complex<T::Real>>::zeros(n, n);
    for i in 0..n {
        fm[(i, i)] = f(t[(i, i)]);
    }
    let mut minden = if n > 0 { t[(0, 0)].norm().as_f64() } else { f64::INFINITY };
    for p in 1..n {
        for i in 0..n - p {
            let j = i + p;
            let mut s = t[(i, j)] * (fm[(j, j)] - fm[(i, i)]);
            for k in i + 1..j {
                s += t[(i, k)] * fm[(k, j)] - fm[(i, k)] * t[(k, j)];
            }
            let den = t[(j, j)] - t[(i, i)];
            if den.norm() != T::Real::from_f64(0.0) {
                s /= den;
            }
            fm[(i, j)] = s;
            minden = minden.min(den.norm().as_f64());
        }
    }
    let errest = error_estimate::<T::Real>(t, &fm, minden);
    Ok(Funm { f: back_transform(&schur.z, &fm), errest })
}

/// SciPy's `funm` error estimate.
fn error_estimate<R: Real>(t: &Mat<Complex<R>>, f: &Mat<Complex<R>>, minden: f64) -> f64 {
    let n = t.nrows();
    let all_finite = (0..n).all(|j| (0..n).all(|i| f[(i, j)].re.is_finite() && f[(i, j)].im.is_finite()));
    if !all_finite {
        return f64::INFINITY;
    }
    let tol = (R::epsilon() / R::from_f64(2.0)).as_f64();
    let minden = if minden == 0.0 { tol } else { minden };
    // ‖triu(T, 1)‖₁: largest column sum of the strictly upper part.
    let upper = (0..n).map(|j| (0..j).map(|i| t[(i, j)].norm().as_f64()).sum::<f64>()).fold(0.0, f64::max);
    1f64.min(tol.max(tol / minden * upper))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::Error;
    use sci_core::ndarray::array;

    #[test]
    fn diagonal_input_is_elementwise() {
        let a = array![[2.0_f64, 0.0], [0.0, -1.0]];
        let f = funm(&a, |z| z * z * z).unwrap();
        assert!((f.f[[0, 0]].re - 8.0).abs() < 1e-14 && (f.f[[1, 1]].re + 1.0).abs() < 1e-14);
    }

    #[test]
    fn repeated_eigenvalues_raise_the_error_estimate() {
        let a = array![[1.0_f64, 1.0], [0.0, 1.0]];
        let f = funm(&a, |z| z.exp()).unwrap();
        assert!(f.errest > 1e-3, "{}", f.errest);
        let nan = funm(&array![[1.0_f64]], |_| Complex::new(f64::NAN, 0.0)).unwrap();
        assert_eq!(nan.errest, f64::INFINITY);
        assert!(matches!(funm(&array![[f64::NAN]], |z| z), Err(Error::NonFinite { .. })));
    }
}
