//! Cholesky factorization `A = L Lᴴ` of a Hermitian positive definite matrix, through faer.

use faer::Spec;
use faer::linalg::cholesky::llt::factor::{self as faer_llt, LltError, LltRegularization};
use sci_core::convert::AsFaerMut;
use sci_core::ndarray::{Array2, ArrayView2, ShapeBuilder};
use sci_core::{Error, Result, Scalar};

use crate::scratch::with_scratch;

/// Factors the Hermitian matrix whose `lower` (or upper) triangle `a` holds, returning the
/// lower factor `L` (column-major, upper triangle zeroed).
///
/// Only the named triangle is read; the diagonal's imaginary part is ignored, as LAPACK's
/// `potrf` does.
pub(crate) fn factor_lower<T: Scalar>(a: ArrayView2<'_, T>, lower: bool) -> Result<Array2<T>> {
    let n = a.nrows();
    let mut l = Array2::<T>::zeros((n, n).f());
    for j in 0..n {
        l[[j, j]] = T::from_real(a[[j, j]].re());
        for i in j + 1..n {
            l[[i, j]] = if lower { a[[i, j]] } else { a[[j, i]].conj() };
        }
    }
    if n == 0 {
        return Ok(l);
    }
    let par = sci_core::faer_par();
    let req = faer_llt::cholesky_in_place_scratch::<T>(n, par, Spec::default());
    let zero = T::Real::from_f64(0.0);
    let regularization =
        LltRegularization { dynamic_regularization_delta: zero, dynamic_regularization_epsilon: zero };
    let outcome = with_scratch("a", req, |stack| {
        sci_core::install(|| {
            faer_llt::cholesky_in_place(l.as_faer_mut(), regularization, par, stack, Spec::default())
        })
    })?;
    match outcome {
        Ok(_) => Ok(l),
        Err(LltError::NonPositivePivot { index }) => Err(Error::NotPositiveDefinite { order: index + 1 }),
    }
}
