//! Moore–Penrose pseudo-inverse through the thin SVD.

use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2, s};
use sci_core::{Error, Float, Real, Result, Scalar, validate};

use crate::svd::{SvdOptions, svd_with};

/// Options of [`pinv_with`], SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PinvOptions {
    /// Absolute threshold below which singular values are treated as zero (default 0).
    pub atol: Option<f64>,
    /// Relative threshold, times `σ_max` (default `max(M, N) · eps`).
    pub rtol: Option<f64>,
    /// Reject NaN and infinity (SciPy's default).
    pub check_finite: bool,
}

impl Default for PinvOptions {
    fn default() -> Self {
        PinvOptions { atol: None, rtol: None, check_finite: true }
    }
}

/// The pseudo-inverse and the effective rank used to form it.
#[derive(Debug, Clone, PartialEq)]
pub struct Pinv<T: Scalar> {
    /// `A⁺`, of shape `N×M`.
    pub pinv: Array2<T>,
    /// The number of singular values above `atol + rtol · σ_max` (SciPy's `return_rank`).
    pub rank: usize,
}

/// The Moore–Penrose pseudo-inverse `A⁺ = V Σ⁺ Uᴴ`, SciPy's `pinv(a)`.
///
/// Singular values `≤ atol + rtol·σ_max` are treated as zero, with SciPy's defaults
/// `atol = 0`, `rtol = max(M, N)·eps`. Cost: one thin SVD plus `O(MN·rank)`.
///
/// # Errors
/// [`Error::NonFinite`] for NaN or infinity, [`Error::InvalidArgument`] for a negative
/// tolerance, [`Error::NotConverged`] if the SVD fails.
///
/// ```
/// use sci_linalg::pinv;
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [3.0, 4.0], [5.0, 6.0]];
/// let b = pinv(&a)?;
/// let aba = a.dot(&b).dot(&a);
/// assert!((&aba - &a).iter().all(|d| d.abs() < 1e-13));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn pinv<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    Ok(pinv_with(a, &PinvOptions::default())?.pinv)
}

/// [`pinv`] with explicit tolerances, also returning the rank.
///
/// ```
/// use sci_linalg::{pinv_with, PinvOptions};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 0.0], [0.0, 1e-10]];
/// let p = pinv_with(&a, &PinvOptions { atol: Some(1e-8), ..Default::default() })?;
/// assert_eq!(p.rank, 1);
/// assert_eq!(p.pinv[[1, 1]], 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn pinv_with<T, S>(a: &ArrayBase<S, Ix2>, options: &PinvOptions) -> Result<Pinv<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    let (m, n) = a.dim();
    let atol = options.atol.unwrap_or(0.0);
    let rtol = options.rtol.unwrap_or_else(|| m.max(n) as f64 * T::Real::epsilon().as_f64());
    for (name, v) in [("atol", atol), ("rtol", rtol)] {
        if v.is_nan() || v < 0.0 {
            return Err(Error::invalid_argument(name, format!("must be >= 0, got {v}")));
        }
    }
    let f = svd_with(a, &SvdOptions { full_matrices: false, check_finite: false })?;
    let smax = f.s.iter().fold(0.0_f64, |acc, x| acc.max(x.as_f64()));
    let threshold = atol + smax * rtol;
    let rank = f.s.iter().filter(|x| x.as_f64() > threshold).count();
    // A⁺ = (U_r Σ_r⁻¹ Vh_r)ᴴ.
    let mut u = f.u.slice(s![.., ..rank]).to_owned();
    for (mut col, &sv) in u.columns_mut().into_iter().zip(f.s.iter()) {
        let inv = T::from_real(sv.recip());
        col.mapv_inplace(|x| x * inv);
    }
    let product = crate::matmul(&u, &f.vh.slice(s![..rank, ..]))?;
    Ok(Pinv { pinv: product.t().mapv(T::conj), rank })
}
