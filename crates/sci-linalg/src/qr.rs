//! QR decomposition `A = Q R` (optionally `A P = Q R` with column pivoting), through faer's
//! blocked Householder QR.

use faer::dyn_stack::StackReq;
use faer::linalg::householder;
use faer::linalg::qr::{col_pivoting, no_pivoting};
use faer::{Conj, Mat, Spec};
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix2, ShapeBuilder};
use sci_core::{Result, Scalar, validate};

use crate::scratch::with_scratch;

/// Options of [`qr_with`], [`qr_r`] and [`qr_pivoted`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QrOptions {
    /// `false` (SciPy's `mode='full'`): `Q` is `M×M`, `R` is `M×N`. `true`
    /// (`mode='economic'`): `Q` is `M×K`, `R` is `K×N`, `K = min(M, N)`.
    pub economic: bool,
    /// Reject NaN and infinity (SciPy's default).
    pub check_finite: bool,
}

impl Default for QrOptions {
    fn default() -> Self {
        QrOptions { economic: false, check_finite: true }
    }
}

/// `A = Q R` with `Q` unitary (orthonormal columns) and `R` upper triangular (trapezoidal).
#[derive(Debug, Clone, PartialEq)]
pub struct Qr<T: Scalar> {
    /// Orthonormal columns (Fortran order).
    pub q: Array2<T>,
    /// Upper triangular/trapezoidal factor.
    pub r: Array2<T>,
}

/// `A[:, p] = Q R` from column-pivoted QR (SciPy's `pivoting=True`).
#[derive(Debug, Clone, PartialEq)]
pub struct QrPivoted<T: Scalar> {
    /// Orthonormal columns (Fortran order).
    pub q: Array2<T>,
    /// Upper triangular/trapezoidal factor with non-increasing `|rᵢᵢ|`.
    pub r: Array2<T>,
    /// Column permutation: column `j` of `Q R` is column `p[j]` of `A`.
    pub p: Array1<usize>,
}

/// QR decomposition, SciPy's `qr(a)` (`mode='full'`).
///
/// Householder reflections, blocked and parallel; `≈ 2mn² − ⅔n³` flops for `R`, more for the
/// full `Q`. The factors are unique only up to the signs (unit phases) of `R`'s diagonal;
/// LAPACK and faer may choose differently.
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN or infinity.
///
/// ```
/// use sci_linalg::qr;
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [3.0, 4.0], [5.0, 6.0]];
/// let f = qr(&a)?;
/// assert_eq!((f.q.dim(), f.r.dim()), ((3, 3), (3, 2)));
/// assert!((&f.q.dot(&f.r) - &a).iter().all(|d| d.abs() < 1e-14));
/// assert_eq!(f.r[[1, 0]], 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn qr<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Qr<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    qr_with(a, &QrOptions::default())
}

/// [`qr`] with explicit options (`economic` is SciPy's `mode='economic'`).
///
/// ```
/// use sci_linalg::{qr_with, QrOptions};
/// use sci_core::ndarray::Array2;
/// let a = Array2::from_shape_fn((6, 2), |(i, j)| (i + j * j) as f64);
/// let f = qr_with(&a, &QrOptions { economic: true, ..Default::default() })?;
/// assert_eq!((f.q.dim(), f.r.dim()), ((6, 2), (2, 2)));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn qr_with<T, S>(a: &ArrayBase<S, Ix2>, options: &QrOptions) -> Result<Qr<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = factor(a, options.check_finite, false)?;
    Ok(Qr { q: f.q(options.economic)?, r: f.r(options.economic) })
}

/// `R` only, SciPy's `qr(a, mode='r')` (`M×N`; `K×N` with `economic`). Cheaper: `Q` is never
/// formed.
///
/// ```
/// use sci_linalg::{qr_r, QrOptions};
/// use sci_core::ndarray::array;
/// let r = qr_r(&array![[3.0_f64], [4.0]], &QrOptions::default())?;
/// assert!((r[[0, 0]].abs() - 5.0).abs() < 1e-15 && r[[1, 0]] == 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`qr`].
pub fn qr_r<T, S>(a: &ArrayBase<S, Ix2>, options: &QrOptions) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    Ok(factor(a, options.check_finite, false)?.r(options.economic))
}

/// QR with column pivoting, SciPy's `qr(a, pivoting=True)`: `A[:, p] = Q R` with the
/// columns chosen greedily by remaining norm, so `|rᵢᵢ|` is non-increasing and the
/// factorization reveals numerical rank.
///
/// ```
/// use sci_linalg::{qr_pivoted, QrOptions};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 10.0], [0.0, 1.0]];
/// let f = qr_pivoted(&a, &QrOptions::default())?;
/// assert_eq!(f.p.to_vec(), vec![1, 0]); // the larger column first
/// assert!(f.r[[0, 0]].abs() >= f.r[[1, 1]].abs());
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As for [`qr`].
pub fn qr_pivoted<T, S>(a: &ArrayBase<S, Ix2>, options: &QrOptions) -> Result<QrPivoted<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = factor(a, options.check_finite, true)?;
    let p = Array1::from(f.perm.clone().unwrap_or_default());
    Ok(QrPivoted { q: f.q(options.economic)?, r: f.r(options.economic), p })
}

/// Householder reflectors below the diagonal of `qr` (with their block factors in
/// `coeff`) and `R` on and above it.
struct Factored<T> {
    qr: Array2<T>,
    coeff: Mat<T>,
    perm: Option<Vec<usize>>,
}

fn factor<T, S>(a: &ArrayBase<S, Ix2>, check_finite: bool, pivoting: bool) -> Result<Factored<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    if check_finite {
        validate::check_finite("a", a)?;
    }
    let (m, n) = a.dim();
    let k = m.min(n);
    let mut qr = Array2::<T>::zeros((m, n).f());
    qr.assign(a);
    let bs = no_pivoting::factor::recommended_block_size::<T>(m, n).max(1);
    let mut coeff = Mat::<T>::zeros(bs, k);
    if k == 0 {
        return Ok(Factored { qr, coeff, perm: pivoting.then(|| (0..n).collect()) });
    }
    let par = sci_core::faer_par();
    if pivoting {
        let mut fwd = vec![0usize; n];
        let mut bwd = vec![0usize; n];
        let req = col_pivoting::factor::qr_in_place_scratch::<usize, T>(m, n, bs, par, Spec::default());
        with_scratch("a", req, |stack| {
            sci_core::install(|| {
                col_pivoting::factor::qr_in_place(
                    qr.as_faer_mut(),
                    coeff.as_mut(),
                    &mut fwd,
                    &mut bwd,
                    par,
                    stack,
                    Spec::default(),
                );
            })
        })?;
        Ok(Factored { qr, coeff, perm: Some(fwd) })
    } else {
        let req = no_pivoting::factor::qr_in_place_scratch::<T>(m, n, bs, par, Spec::default());
        with_scratch("a", req, |stack| {
            sci_core::install(|| {
                no_pivoting::factor::qr_in_place(
                    qr.as_faer_mut(),
                    coeff.as_mut(),
                    par,
                    stack,
                    Spec::default(),
                );
            })
        })?;
        Ok(Factored { qr, coeff, perm: None })
    }
}

impl<T: Scalar> Factored<T> {
    fn r(&self, economic: bool) -> Array2<T> {
        let (m, n) = self.qr.dim();
        let rows = if economic { m.min(n) } else { m };
        Array2::from_shape_fn((rows, n), |(i, j)| if i <= j { self.qr[[i, j]] } else { T::zero() })
    }

    fn q(&self, economic: bool) -> Result<Array2<T>> {
        let (m, n) = self.qr.dim();
        let k = m.min(n);
        let cols = if economic { k } else { m };
        let mut q = Array2::<T>::zeros((m, cols).f());
        q.diag_mut().fill(T::from_f64(1.0));
        if k == 0 {
            return Ok(q);
        }
        // The unit lower trapezoidal Householder basis, stored explicitly.
        let basis = Array2::from_shape_fn((m, k).f(), |(i, j)| match i.cmp(&j) {
            std::cmp::Ordering::Greater => self.qr[[i, j]],
            std::cmp::Ordering::Equal => T::from_f64(1.0),
            std::cmp::Ordering::Less => T::zero(),
        });
        let par = sci_core::faer_par();
        let req: StackReq = householder::apply_block_householder_sequence_on_the_left_in_place_scratch::<T>(
            m,
            self.coeff.nrows(),
            cols,
        );
        let (b, c) = (basis.as_faer(), self.coeff.as_ref());
        let dst = q.as_faer_mut();
        with_scratch("a", req, |stack| {
            sci_core::install(|| {
                householder::apply_block_householder_sequence_on_the_left_in_place_with_conj(
                    b,
                    c,
                    Conj::No,
                    dst,
                    par,
                    stack,
                )
            })
        })?;
        Ok(q)
    }
}
