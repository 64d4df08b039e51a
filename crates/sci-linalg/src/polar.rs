//! Polar decomposition `A = U P` (or `A = P U`) from the SVD.

use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::{Result, Scalar};

use crate::svd::{SvdOptions, svd_with};

/// Which side the positive factor stands on (SciPy's `side`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PolarSide {
    /// `A = U P` with `P` of order `N` (SciPy's default, `'right'`).
    #[default]
    Right,
    /// `A = P U` with `P` of order `M` (`'left'`).
    Left,
}

/// The factors of a polar decomposition.
#[derive(Debug, Clone, PartialEq)]
pub struct Polar<T: Scalar> {
    /// `M×N` with orthonormal columns (if `M ≥ N`) or rows (if `M < N`).
    pub u: Array2<T>,
    /// Hermitian positive semi-definite.
    pub p: Array2<T>,
}

/// Polar decomposition, SciPy's `polar(a, side)`.
///
/// From the thin SVD `A = W Σ Vᴴ`: `U = W Vᴴ`, and `P = V Σ Vᴴ` (right) or `P = W Σ Wᴴ`
/// (left). `U` is the unitary (isometric) matrix closest to `A` in every unitarily
/// invariant norm.
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN or infinity; [`sci_core::Error::NotConverged`]
/// if the SVD fails.
///
/// ```
/// use sci_linalg::{polar, PolarSide};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, -1.0], [2.0, 4.0]];
/// let f = polar(&a, PolarSide::Right)?;
/// assert!((&f.u.dot(&f.p) - &a).iter().all(|d| d.abs() < 1e-14));
/// assert!((&f.p - &f.p.t()).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn polar<T, S>(a: &ArrayBase<S, Ix2>, side: PolarSide) -> Result<Polar<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = svd_with(a, &SvdOptions { full_matrices: false, ..Default::default() })?;
    let u = crate::matmul(&f.u, &f.vh)?;
    let sigma = f.s.mapv(T::from_real);
    // P = B Σ Bᴴ with B = V (right) or W (left).
    let basis = match side {
        PolarSide::Right => f.vh.t().mapv(T::conj),
        PolarSide::Left => f.u,
    };
    let scaled = &basis * &sigma;
    let p = crate::matmul(&scaled, &basis.t().mapv(T::conj))?;
    Ok(Polar { u, p })
}
