//! Principal matrix square root by the Schur method (Björck & Hammarling 1983; Higham,
//! *Functions of Matrices*, §6.2): `A = Z T Zᴴ` with `T` upper triangular, `R = √T` by the
//! column recurrence `rᵢⱼ = (tᵢⱼ − Σₖ rᵢₖ rₖⱼ) / (rᵢᵢ + rⱼⱼ)`, then `√A = Z R Zᴴ`.
//!
//! Cost: the Schur decomposition plus `n³/3` complex multiply-adds for the recurrence and
//! two complex matrix products.

use faer::linalg::matmul::matmul;
use faer::{Accum, Mat};
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::num_complex::Complex;
use sci_core::{Error, Real, Result, Scalar, validate};

use crate::schur::{TriangularSchur, triangular_schur};

/// Principal square root in the input's type, SciPy's `sqrtm(A)`.
///
/// The principal root is the unique `X` with `X² = A` whose eigenvalues have positive real
/// part; it exists when `A` has no eigenvalues on the closed negative real axis (a zero
/// eigenvalue is allowed when it does not couple to another zero eigenvalue).
///
/// # Differences from SciPy
/// SciPy returns a complex array when a real `A` has a negative real eigenvalue (its root
/// is then not real). Here the output type follows the input, so that case is an error
/// pointing to [`sqrtm_complex`], which always returns the complex root. A singular
/// matrix without a square root is an error where SciPy warns and returns inf/NaN.
///
/// # Errors
/// [`Error::ShapeMismatch`] unless `a` is square; [`Error::NonFinite`] for NaN or infinity;
/// [`Error::InvalidArgument`] for a real `a` whose principal root is not real;
/// [`Error::Singular`] when the root does not exist; [`Error::NotConverged`] if the Schur
/// iteration fails.
///
/// ```
/// use sci_linalg::sqrtm;
/// use sci_core::ndarray::array;
/// let a = array![[4.0_f64, 1.0], [0.0, 9.0]];
/// let x = sqrtm(&a)?;
/// assert!((&x.dot(&x) - &a).iter().all(|d| d.abs() < 1e-14));
/// assert!((x[[0, 1]] - 0.2).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn sqrtm<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let schur = schur_of(a)?;
    require_real_principal("sqrtm", "sqrtm_complex", &schur, |x| x < T::Real::from_f64(0.0))?;
    let root = sqrt_upper_triangular(&schur.t)?;
    Ok(back_transform(&schur.z, &root).mapv(T::from_complex))
}

/// Principal square root as a complex matrix, SciPy's `sqrtm(A)` for inputs whose root is
/// complex (a real matrix with negative eigenvalues, say).
///
/// # Errors
/// As [`sqrtm`], without the "not real" case.
///
/// ```
/// use sci_linalg::sqrtm_complex;
/// use sci_core::ndarray::array;
/// let a = array![[-4.0_f64, 1.0], [0.0, 1.0]];
/// let x = sqrtm_complex(&a)?;
/// assert!((x[[0, 0]].im - 2.0).abs() < 1e-15 && (x[[1, 1]].re - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn sqrtm_complex<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let schur = schur_of(a)?;
    let root = sqrt_upper_triangular(&schur.t)?;
    Ok(back_transform(&schur.z, &root))
}

/// Validates `a` and returns its triangular Schur pair.
pub(crate) fn schur_of<T, S>(a: &ArrayBase<S, Ix2>) -> Result<TriangularSchur<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    validate::check_finite("a", a)?;
    triangular_schur(a)
}

/// For real input: fails when a real eigenvalue makes the principal function non-real.
pub(crate) fn require_real_principal<R: Real>(
    name: &str,
    complex_name: &str,
    schur: &TriangularSchur<R>,
    off_branch: impl Fn(R) -> bool,
) -> Result<()> {
    match schur.real_eigenvalues.iter().find(|&&x| off_branch(x)) {
        Some(x) => Err(Error::invalid_argument(
            "a",
            format!(
                "has the eigenvalue {x:e} on the negative real axis, so its principal {name} is not \
                 real; use {complex_name} for the complex result"
            ),
        )),
        None => Ok(()),
    }
}

/// `R` with `R² = T` for upper triangular `T`, principal branch on the diagonal.
pub(crate) fn sqrt_upper_triangular<R: Real>(t: &Mat<Complex<R>>) -> Result<Mat<Complex<R>>> {
    let n = t.nrows();
    let zero = Complex::new(R::from_f64(0.0), R::from_f64(0.0));
    let mut r = Mat::<Complex<R>>::zeros(n, n);
    for j in 0..n {
        r[(j, j)] = t[(j, j)].sqrt();
        for i in (0..j).rev() {
            let mut s = t[(i, j)];
            for k in i + 1..j {
                s -= r[(i, k)] * r[(k, j)];
            }
            let denom = r[(i, i)] + r[(j, j)];
            r[(i, j)] = if denom != zero {
                s / denom
            } else if s == zero {
                zero
            } else {
                return Err(Error::Singular { pivot: j, value: None });
            };
        }
    }
    Ok(r)
}

/// `Z F Zᴴ` as an ndarray.
pub(crate) fn back_transform<R: Real>(z: &Mat<Complex<R>>, f: &Mat<Complex<R>>) -> Array2<Complex<R>> {
    let n = z.nrows();
    let par = sci_core::faer_par();
    let one = Complex::new(R::from_f64(1.0), R::from_f64(0.0));
    let mut zf = Mat::<Complex<R>>::zeros(n, n);
    let mut out = Array2::<Complex<R>>::zeros((n, n));
    sci_core::install(|| {
        matmul(zf.as_mut(), Accum::Replace, z.as_ref(), f.as_ref(), one, par);
        let dst = sci_core::convert::AsFaerMut::as_faer_mut(&mut out);
        matmul(dst, Accum::Replace, zf.as_ref(), z.adjoint(), one, par);
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::{Array2, array};

    #[test]
    fn square_of_root_is_input() {
        let a = array![[2.0_f64, 1.0, 0.0], [0.5, 3.0, 1.0], [0.0, 0.25, 4.0]];
        let x = sqrtm(&a).unwrap();
        let err = (&x.dot(&x) - &a).iter().fold(0.0_f64, |m, d| m.max(d.abs()));
        assert!(err < 1e-14, "{err}");
    }

    #[test]
    fn negative_eigenvalue_needs_the_complex_variant() {
        let a = array![[-1.0_f64, 0.0], [0.0, 1.0]];
        assert!(matches!(sqrtm(&a), Err(Error::InvalidArgument { .. })));
        let x = sqrtm_complex(&a).unwrap();
        assert!((x[[0, 0]] - Complex::new(0.0, 1.0)).norm() < 1e-15);
    }

    #[test]
    fn nilpotent_jordan_block_has_no_root() {
        let a = array![[0.0_f64, 1.0], [0.0, 0.0]];
        assert!(matches!(sqrtm(&a), Err(Error::Singular { .. })));
        let zero = Array2::<f64>::zeros((2, 2));
        assert_eq!(sqrtm(&zero).unwrap(), zero);
    }

    #[test]
    fn empty_matrix_has_empty_root() {
        let a = Array2::<f64>::zeros((0, 0));
        assert_eq!(sqrtm(&a).unwrap().dim(), (0, 0));
    }
}
