//! Hessenberg reduction `A = Q H Qᴴ` through faer's blocked Householder reduction.
//!
//! The Schur decomposition builds on this reduction; faer 0.24 keeps its multishift QR
//! private, so `schur` awaits our own implementation of the QR iteration.

use faer::linalg::evd::hessenberg as faer_hessenberg;
use faer::linalg::householder;
use faer::linalg::qr::no_pivoting::factor::recommended_block_size;
use faer::traits::ComplexField;
use faer::{Conj, Mat, Par, Spec};
use sci_core::convert::AsNdarray;
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::{Result, Scalar, validate};

use crate::scratch::with_scratch;

/// `A = Q H Qᴴ` with `H` upper Hessenberg and `Q` unitary.
#[derive(Debug, Clone, PartialEq)]
pub struct Hessenberg<T: Scalar> {
    /// Upper Hessenberg (zero below the first subdiagonal).
    pub h: Array2<T>,
    /// Unitary.
    pub q: Array2<T>,
}

/// Hessenberg form, SciPy's `hessenberg(a, calc_q=True)`.
///
/// Householder reflections, `≈ 10n³/3` flops with `Q`. Not unique: compare `Q H Qᴴ` with
/// `A`, not the factors, across libraries.
///
/// # Errors
/// [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) if `a` is not square;
/// [`Error::NonFinite`](sci_core::Error::NonFinite) for NaN or infinity.
///
/// ```
/// use sci_linalg::hessenberg;
/// use sci_core::ndarray::Array2;
/// let a = Array2::from_shape_fn((4, 4), |(i, j)| ((i * 4 + j) as f64).sin());
/// let f = hessenberg(&a)?;
/// assert!(f.h.indexed_iter().all(|((i, j), v)| i <= j + 1 || *v == 0.0));
/// let back = f.q.dot(&f.h).dot(&f.q.t());
/// assert!((&back - &a).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn hessenberg<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Hessenberg<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    validate::check_finite("a", a)?;
    let mut h = Mat::<T>::from_fn(a.nrows(), a.ncols(), |i, j| a[[i, j]]);
    let mut q = Mat::<T>::identity(a.nrows(), a.ncols());
    reduce(&mut h, Some(&mut q), sci_core::faer_par())?;
    Ok(Hessenberg { h: to_array(&h, |x| x), q: to_array(&q, |x| x) })
}

fn to_array<U: Clone, V>(m: &Mat<U>, f: impl Fn(U) -> V) -> Array2<V> {
    m.as_ref().as_ndarray().mapv(f)
}

/// Reduces `h` to Hessenberg form in place; accumulates `Q` into `q` (identity on entry).
pub(crate) fn reduce<C: ComplexField>(h: &mut Mat<C>, q: Option<&mut Mat<C>>, par: Par) -> Result<()> {
    let n = h.nrows();
    if n <= 1 {
        return Ok(());
    }
    let bs = recommended_block_size::<C>(n - 1, n - 1).max(1);
    let mut coeff = Mat::<C>::zeros(bs, n - 1);
    let req = faer::dyn_stack::StackReq::any_of(&[
        faer_hessenberg::hessenberg_in_place_scratch::<C>(n, bs, par, Spec::default()),
        householder::apply_block_householder_sequence_on_the_right_in_place_scratch::<C>(n - 1, bs, n),
    ]);
    with_scratch("a", req, |stack| {
        sci_core::install(|| {
            faer_hessenberg::hessenberg_in_place(h.as_mut(), coeff.as_mut(), par, stack, Spec::default());
            if let Some(q) = q {
                householder::apply_block_householder_sequence_on_the_right_in_place_with_conj(
                    h.as_ref().submatrix(1, 0, n - 1, n - 1),
                    coeff.as_ref(),
                    Conj::No,
                    q.as_mut().submatrix_mut(1, 1, n - 1, n - 1),
                    par,
                    stack,
                );
            }
        })
    })?;
    // The reflectors were stored below the subdiagonal.
    for j in 0..n {
        for i in j + 2..n {
            h[(i, j)] = C::zero_impl();
        }
    }
    Ok(())
}
