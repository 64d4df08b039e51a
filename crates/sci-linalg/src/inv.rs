//! Matrix inverse through LU: `A⁻¹ = U⁻¹ L⁻¹ P`.

use faer::linalg::lu::partial_pivoting::inverse as faer_inverse;
use faer::perm::PermRef;
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix2};
use sci_core::{Result, Scalar, validate};

use crate::condition::{ill_conditioned_error, is_ill_conditioned, one_norm, rcond_from_solves};
use crate::lu::{check_nonzero_pivots, factor, lapack_pivots, solve_in_place};
use crate::{Transpose, scratch::with_scratch};

/// Options of [`inv_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvOptions {
    /// Reject NaN and infinity in the input (SciPy's default).
    pub check_finite: bool,
    /// Return the inverse even when the matrix is numerically singular (estimated
    /// reciprocal condition number below machine epsilon), where SciPy warns with
    /// `LinAlgWarning`. By default that is an [`sci_core::Error::IllConditioned`] error.
    pub allow_ill_conditioned: bool,
}

impl Default for InvOptions {
    fn default() -> Self {
        InvOptions { check_finite: true, allow_ill_conditioned: false }
    }
}

/// The inverse of a square matrix, SciPy's `inv(a)`.
///
/// LU with partial pivoting followed by faer's triangular inversions, `≈ 2n³` flops in
/// all, parallel. After factoring, the reciprocal condition number is estimated in the
/// 1-norm (as LAPACK's `gecon`, `O(n²)`).
///
/// # Errors
/// [`sci_core::Error::ShapeMismatch`] if `a` is not square, [`sci_core::Error::Singular`]
/// naming the first zero pivot if `a` is exactly singular (SciPy's `LinAlgError`),
/// [`sci_core::Error::IllConditioned`] if it is numerically singular (SciPy's
/// `LinAlgWarning`; see [`InvOptions::allow_ill_conditioned`]),
/// [`sci_core::Error::NonFinite`] for NaN or infinite input.
///
/// # Differences from SciPy
/// SciPy 1.17 detects triangular, diagonal and symmetric structure and may call a
/// structured LAPACK routine; sci always uses LU. The inverses agree to rounding.
///
/// ```
/// use sci_linalg::inv;
/// use sci_core::ndarray::array;
/// let a = array![[4.0_f64, 7.0], [2.0, 6.0]];
/// let ai = inv(&a)?;
/// let expected = array![[0.6, -0.7], [-0.2, 0.4]];
/// assert!((&ai - &expected).iter().all(|d| d.abs() < 1e-15));
/// assert!(inv(&array![[1.0_f64, 2.0], [2.0, 4.0]]).is_err()); // singular
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn inv<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    inv_with(a, &InvOptions::default())
}

/// [`inv`] with explicit options.
///
/// ```
/// use sci_linalg::{inv_with, InvOptions};
/// use sci_core::ndarray::Array2;
/// // The 14x14 Hilbert matrix is numerically singular in f64.
/// let h = Array2::from_shape_fn((14, 14), |(i, j)| 1.0 / (i + j + 1) as f64);
/// assert!(sci_linalg::inv(&h).is_err());
/// let opts = InvOptions { allow_ill_conditioned: true, ..Default::default() };
/// assert_eq!(inv_with(&h, &opts)?.dim(), (14, 14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn inv_with<T, S>(a: &ArrayBase<S, Ix2>, options: &InvOptions) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = validate::check_square("a", a)?;
    let f = factor(a, options.check_finite)?;
    check_nonzero_pivots(&f.lu)?;
    if !options.allow_ill_conditioned {
        let piv = lapack_pivots(&f.perm, n);
        let rcond = rcond_from_solves::<T>(one_norm(a), n, |x, adjoint| {
            let trans = if adjoint { Transpose::ConjugateTranspose } else { Transpose::No };
            let col = x.view_mut().insert_axis(sci_core::ndarray::Axis(1));
            solve_in_place(&f.lu, &piv, trans, col);
        });
        if is_ill_conditioned(rcond) {
            return Err(ill_conditioned_error(rcond));
        }
    }
    let mut out = Array2::<T>::zeros((n, n));
    if n == 0 {
        return Ok(out);
    }
    let mut perm_inv = Array1::<usize>::zeros(n);
    for (i, &p) in f.perm.iter().enumerate() {
        perm_inv[p] = i;
    }
    let perm_inv = perm_inv.to_vec();
    let row_perm = PermRef::new_checked(&f.perm, &perm_inv, n);
    let par = sci_core::faer_par();
    let req = faer_inverse::inverse_scratch::<usize, T>(n, par);
    let lu = f.lu.as_faer();
    let dst = out.as_faer_mut();
    with_scratch("a", req, |stack| {
        sci_core::install(|| faer_inverse::inverse(dst, lu, lu, row_perm, par, stack));
    })?;
    Ok(out)
}
