//! Principal matrix logarithm by inverse scaling and squaring on the Schur form (Kenney &
//! Laub 1989; Higham 2001, *Evaluating Padé approximants of the matrix logarithm*):
//! `A = Z T Zᴴ`; take `s` square roots of the triangular `T` until `‖T^{1/2ˢ} − I‖₁ ≤ 1/4`;
//! evaluate the `[8/8]` Padé approximant of `log(I + X)` in partial fractions,
//! `Σⱼ wⱼ X (I + xⱼ X)⁻¹` with Gauss–Legendre nodes `xⱼ` and weights `wⱼ` on `[0, 1]`;
//! scale by `2ˢ`; restore the diagonal as `log tᵢᵢ` exactly; transform back.
//!
//! The `[8/8]` approximant's truncation error at `‖X‖ = 1/4` is below `10⁻¹⁹`, so accuracy
//! is set by the square roots (≈ `s · cond · u`). Cost: the Schur decomposition, `s`
//! triangular square roots (`n³/3` each) and eight triangular solves (`n³/3` each).

use faer::Mat;
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::num_complex::Complex;
use sci_core::quadrature::gauss_legendre;
use sci_core::{Error, Real, Result, Scalar};

use crate::sqrtm::{back_transform, require_real_principal, schur_of, sqrt_upper_triangular};

/// Padé degree of the partial-fraction approximant.
const PADE_DEGREE: usize = 8;
/// Square roots are taken until `‖T − I‖₁` is at most this.
const THETA: f64 = 0.25;
/// More square roots than this means the input is not a matrix this method can handle.
const MAX_ROOTS: usize = 64;

/// Principal matrix logarithm in the input's type, SciPy's `logm(A)`.
///
/// The principal logarithm is the unique `X` with `eˣ = A` whose eigenvalues have
/// imaginary parts in `(−π, π)`; it exists when `A` has no eigenvalues on the closed
/// negative real axis.
///
/// # Differences from SciPy
/// SciPy returns a complex array when a real `A` has a negative real eigenvalue; here the
/// output type follows the input, so that case is an error pointing to [`logm_complex`].
/// A singular `A` (which has no logarithm) is an error where SciPy warns and returns
/// huge negative numbers.
///
/// # Errors
/// [`Error::ShapeMismatch`] unless `a` is square; [`Error::NonFinite`] for NaN or infinity;
/// [`Error::Singular`] for a zero eigenvalue; [`Error::InvalidArgument`] for a real `a`
/// whose principal logarithm is not real; [`Error::NotConverged`] if the Schur iteration
/// fails.
///
/// ```
/// use sci_linalg::{expm, logm};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [0.5, 3.0]];
/// let l = logm(&a)?;
/// let back = expm(&l)?;
/// assert!((&back - &a).iter().all(|d| d.abs() < 1e-13));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn logm<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let schur = schur_of(a)?;
    require_real_principal("logm", "logm_complex", &schur, |x| x < T::Real::from_f64(0.0))?;
    let log = log_upper_triangular(&schur.t)?;
    Ok(back_transform(&schur.z, &log).mapv(T::from_complex))
}

/// Principal matrix logarithm as a complex matrix (for a real matrix with negative
/// eigenvalues, say).
///
/// # Errors
/// As [`logm`], without the "not real" case.
///
/// ```
/// use sci_linalg::logm_complex;
/// use sci_core::ndarray::array;
/// let a = array![[-1.0_f64, 0.0], [0.0, 1.0]];
/// let l = logm_complex(&a)?;
/// assert!((l[[0, 0]].im - std::f64::consts::PI).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn logm_complex<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let schur = schur_of(a)?;
    let log = log_upper_triangular(&schur.t)?;
    Ok(back_transform(&schur.z, &log))
}

/// Principal logarithm of an upper triangular `t` with no zero diagonal entry.
fn log_upper_triangular<R: Real>(t: &Mat<Complex<R>>) -> Result<Mat<Complex<R>>> {
    let n = t.nrows();
    let zero = R::from_f64(0.0);
    let one = Complex::new(R::from_f64(1.0), zero);
    if let Some(j) = (0..n).find(|&j| t[(j, j)].norm() == zero) {
        return Err(Error::Singular { pivot: j, value: None });
    }
    let mut root = t.clone();
    let mut roots = 0;
    while distance_from_identity(&root) > R::from_f64(THETA) {
        if roots == MAX_ROOTS {
            return Err(Error::not_converged("logm inverse scaling (square roots)", roots));
        }
        root = sqrt_upper_triangular(&root)?;
        roots += 1;
    }
    let mut x = root;
    for j in 0..n {
        x[(j, j)] -= one;
    }
    let mut log = Mat::<Complex<R>>::zeros(n, n);
    for (node, weight) in gauss_legendre_unit(PADE_DEGREE) {
        let y = solve_shifted(&x, R::from_f64(node));
        let weight = R::from_f64(weight);
        for j in 0..n {
            for i in 0..=j {
                log[(i, j)] += y[(i, j)] * weight;
            }
        }
    }
    let scale = R::from_f64(2.0_f64.powi(roots as i32));
    for j in 0..n {
        for i in 0..=j {
            log[(i, j)] *= scale;
        }
        log[(j, j)] = t[(j, j)].ln();
    }
    Ok(log)
}

/// `‖T − I‖₁` (maximum column sum) for upper triangular `T`.
fn distance_from_identity<R: Real>(t: &Mat<Complex<R>>) -> R {
    let n = t.nrows();
    let one = Complex::new(R::from_f64(1.0), R::from_f64(0.0));
    (0..n)
        .map(|j| (0..=j).map(|i| if i == j { (t[(i, j)] - one).norm() } else { t[(i, j)].norm() }).sum::<R>())
        .fold(R::from_f64(0.0), |m, c| if c > m { c } else { m })
}

/// `Y = (I + c X)⁻¹ X` for upper triangular `X`, by back substitution per column.
fn solve_shifted<R: Real>(x: &Mat<Complex<R>>, c: R) -> Mat<Complex<R>> {
    let n = x.nrows();
    let one = Complex::new(R::from_f64(1.0), R::from_f64(0.0));
    let mut y = Mat::<Complex<R>>::zeros(n, n);
    for col in 0..n {
        for i in (0..=col).rev() {
            let mut s = x[(i, col)];
            for k in i + 1..=col {
                s -= x[(i, k)] * c * y[(k, col)];
            }
            y[(i, col)] = s / (one + x[(i, i)] * c);
        }
    }
    y
}

/// Gauss–Legendre nodes and weights of the `m`-point rule mapped from `[−1, 1]` to `[0, 1]`.
fn gauss_legendre_unit(m: usize) -> Vec<(f64, f64)> {
    gauss_legendre(m).into_iter().map(|(x, w)| ((1.0 + x) / 2.0, w / 2.0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::{Array2, array};

    #[test]
    fn gauss_legendre_integrates_polynomials_exactly() {
        let rule = gauss_legendre_unit(PADE_DEGREE);
        assert!((rule.iter().map(|r| r.1).sum::<f64>() - 1.0).abs() < 1e-15);
        // Exact for degree ≤ 15: ∫₀¹ x¹⁵ dx = 1/16.
        let integral: f64 = rule.iter().map(|&(x, w)| w * x.powi(15)).sum();
        assert!((integral - 1.0 / 16.0).abs() < 1e-15);
    }

    #[test]
    fn log_of_diagonal_is_elementwise() {
        let a = array![[std::f64::consts::E, 0.0], [0.0, 1e-3]];
        let l = logm(&a).unwrap();
        assert!((l[[0, 0]] - 1.0).abs() < 1e-15);
        assert!((l[[1, 1]] - 1e-3_f64.ln()).abs() < 1e-14);
    }

    #[test]
    fn singular_and_off_branch_inputs_are_errors() {
        assert!(matches!(logm(&array![[0.0_f64, 1.0], [0.0, 1.0]]), Err(Error::Singular { .. })));
        assert!(matches!(logm(&array![[-2.0_f64, 1.0], [0.0, 1.0]]), Err(Error::InvalidArgument { .. })));
        assert_eq!(logm(&Array2::<f64>::zeros((0, 0))).unwrap().dim(), (0, 0));
    }
}
