//! Functions of Hermitian matrices through the eigendecomposition.

use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::{Error, Result, Scalar};

use crate::eigh::{EighOptions, eigh_with};

/// `f(A)` for a real symmetric or complex Hermitian `A`: `V diag(f(λᵢ)) Vᴴ`.
///
/// This is the Hermitian case of SciPy's `funm(A, func)` (and of `expm`, `sqrtm`, `logm` on
/// such matrices): exact up to the eigendecomposition's accuracy, with no Schur–Parlett
/// recurrence. `f` maps each (real) eigenvalue to a real value; the result is Hermitian.
/// Only the lower triangle of `a` is read.
///
/// # Errors
/// As for [`crate::eigh`]; [`Error::NonFinite`] if `f` returns NaN or infinity for some
/// eigenvalue (for instance `sqrt` of a negative one).
///
/// ```
/// use sci_linalg::funm_hermitian;
/// use sci_core::ndarray::array;
/// let a = array![[4.0_f64, 0.0], [0.0, 9.0]];
/// let r = funm_hermitian(&a, f64::sqrt)?;
/// assert_eq!(r, array![[2.0, 0.0], [0.0, 3.0]]);
/// let spd = array![[2.0_f64, 1.0], [1.0, 2.0]];
/// let s = funm_hermitian(&spd, f64::sqrt)?;
/// assert!((&s.dot(&s) - &spd).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn funm_hermitian<T, S, F>(a: &ArrayBase<S, Ix2>, f: F) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
    F: Fn(T::Real) -> T::Real,
{
    let e = eigh_with(a, &EighOptions::default())?;
    let fw = e.w.mapv(&f);
    if let Some(i) = fw.iter().position(|x| !x.is_finite_scalar()) {
        return Err(Error::NonFinite {
            what: format!("f(λ) for eigenvalue λ = {}", e.w[i]),
            index: Some(vec![i]),
        });
    }
    let scaled = &e.v * &fw.mapv(T::from_real);
    crate::matmul(&scaled, &e.v.t().mapv(T::conj))
}
