//! Schur decomposition `A = Z T Zᴴ`: Hessenberg reduction (faer's blocked Householder
//! kernel) followed by our own QR iteration — the Francis double-shift iteration for real
//! matrices and the single-shift iteration for complex ones — and optional reordering.
//!
//! faer 0.24 keeps its multishift QR private, so the iteration lives here.

mod francis;
mod reorder;
mod rsf2csf;
mod single_shift;

use faer::Mat;
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::num_complex::Complex;
use sci_core::{Real, Result, Scalar, validate};

use crate::hessenberg::reduce;

/// `A = Z T Zᴴ` with `Z` unitary (orthogonal for real output) and `T` upper triangular
/// (complex output) or quasi-upper-triangular (real output).
#[derive(Debug, Clone, PartialEq)]
pub struct Schur<T> {
    /// The Schur form. Real output: 1×1 blocks for real eigenvalues and 2×2 blocks in
    /// standard form (equal diagonal entries, off-diagonal entries of opposite sign) for
    /// complex-conjugate pairs, as LAPACK's `gees` returns.
    pub t: Array2<T>,
    /// The Schur vectors.
    pub z: Array2<T>,
    /// With [`SchurOptions::sort`], how many eigenvalues satisfy the condition and lead
    /// the diagonal of `t` (a complex pair of a real Schur form counts 2); `None` without.
    pub sdim: Option<usize>,
}

/// Which eigenvalues [`schur_with`] moves to the top left of `T` (SciPy's `sort`).
#[derive(Debug, Clone, Copy)]
pub enum SchurSort {
    /// `Re λ < 0` (`'lhp'`).
    LeftHalfPlane,
    /// `Re λ > 0` (`'rhp'`).
    RightHalfPlane,
    /// `|λ| ≤ 1` (`'iuc'`).
    InsideUnitCircle,
    /// `|λ| > 1` (`'ouc'`).
    OutsideUnitCircle,
    /// Any predicate on the eigenvalue (SciPy's callable). For a real Schur form a
    /// complex pair is selected when the predicate holds for either member.
    Custom(fn(Complex<f64>) -> bool),
}

impl SchurSort {
    fn holds<R: Real>(self, w: Complex<R>) -> bool {
        let (re, im) = (w.re.as_f64(), w.im.as_f64());
        match self {
            SchurSort::LeftHalfPlane => re < 0.0,
            SchurSort::RightHalfPlane => re > 0.0,
            SchurSort::InsideUnitCircle => re.hypot(im) <= 1.0,
            SchurSort::OutsideUnitCircle => re.hypot(im) > 1.0,
            SchurSort::Custom(f) => f(Complex::new(re, im)),
        }
    }
}

/// Options of [`schur_with`] and [`schur_complex_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy)]
pub struct SchurOptions {
    /// Reorder so the selected eigenvalues come first (default `None`: no reordering).
    pub sort: Option<SchurSort>,
    /// Reject NaN and infinity (default `true`).
    pub check_finite: bool,
}

impl Default for SchurOptions {
    fn default() -> Self {
        SchurOptions { sort: None, check_finite: true }
    }
}

/// Schur decomposition in the input's type, SciPy's `schur(a)` (`output='real'`).
///
/// Real input gives the real Schur form (quasi-triangular `T`, orthogonal `Z`); complex
/// input the complex Schur form (triangular `T`, unitary `Z`). The eigenvalues of `A` are
/// the diagonal of `T` (and the 2×2 blocks' conjugate pairs).
///
/// Cost: Hessenberg reduction `≈ 10n³/3` flops plus the QR iteration `≈ 10n³` (real) or
/// `≈ 25n³` (complex) flops, unblocked. The Schur form is not unique: compare `Z T Zᴴ`
/// with `A` and the eigenvalues, not the factors, across libraries.
///
/// # Errors
/// [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) if `a` is not square;
/// [`Error::NonFinite`](sci_core::Error::NonFinite) for NaN or infinity;
/// [`Error::NotConverged`](sci_core::Error::NotConverged) if the QR iteration needs more
/// than `30·max(10, n)` iterations for one eigenvalue (LAPACK's limit).
///
/// ```
/// use sci_linalg::schur;
/// use sci_core::ndarray::array;
/// // A rotation-like matrix: eigenvalues ±2i, so T keeps one 2×2 block.
/// let a = array![[0.0_f64, -4.0], [1.0, 0.0]];
/// let s = schur(&a)?;
/// assert!((s.t[[0, 0]] - s.t[[1, 1]]).abs() < 1e-15);
/// assert!((s.t[[0, 1]] * s.t[[1, 0]] + 4.0).abs() < 1e-14);
/// let back = s.z.dot(&s.t).dot(&s.z.t());
/// assert!((&back - &a).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn schur<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Schur<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    schur_with(a, &SchurOptions::default())
}

/// [`schur`] with options: `sort` reorders the selected eigenvalues to the top left.
///
/// # Errors
/// As [`schur`]; reordering reports
/// [`Error::NotConverged`](sci_core::Error::NotConverged) when two blocks have
/// eigenvalues too close to be swapped stably (LAPACK's `trsen` refuses the same).
///
/// ```
/// use sci_linalg::{schur_with, SchurOptions, SchurSort};
/// use sci_core::ndarray::array;
/// let a = array![[3.0_f64, 1.0, 0.5], [0.0, -1.0, 2.0], [0.0, 0.0, -2.0]];
/// let s = schur_with(&a, &SchurOptions { sort: Some(SchurSort::LeftHalfPlane), ..Default::default() })?;
/// assert_eq!(s.sdim, Some(2));
/// assert!(s.t[[0, 0]] < 0.0 && s.t[[1, 1]] < 0.0 && s.t[[2, 2]] > 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn schur_with<T, S>(a: &ArrayBase<S, Ix2>, options: &SchurOptions) -> Result<Schur<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    if T::IS_COMPLEX {
        let c = complex_schur(a, options)?;
        return Ok(Schur { t: c.t.mapv(T::from_complex), z: c.z.mapv(T::from_complex), sdim: c.sdim });
    }
    let n = a.nrows();
    let mut h = Mat::<T::Real>::from_fn(n, n, |i, j| a[[i, j]].re());
    let mut z = Mat::<T::Real>::identity(n, n);
    reduce(&mut h, Some(&mut z), sci_core::faer_par())?;
    francis::francis_qr(&mut h, &mut z)?;
    let sdim = match options.sort {
        Some(sort) => Some(reorder::reorder_real(&mut h, &mut z, &|w| sort.holds(w))?),
        None => None,
    };
    let back = |m: &Mat<T::Real>| Array2::from_shape_fn((n, n), |(i, j)| T::from_real(m[(i, j)]));
    Ok(Schur { t: back(&h), z: back(&z), sdim })
}

/// Complex Schur decomposition, SciPy's `schur(a, output='complex')`: `T` upper
/// triangular with the eigenvalues on its diagonal, `Z` unitary. Real input is promoted
/// to complex first, as SciPy does.
///
/// # Errors
/// As [`schur`].
///
/// ```
/// use sci_linalg::schur_complex;
/// use sci_core::ndarray::array;
/// let a = array![[0.0_f64, -4.0], [1.0, 0.0]];
/// let s = schur_complex(&a)?;
/// assert!(s.t[[1, 0]].norm() == 0.0);
/// let mut w = [s.t[[0, 0]].im, s.t[[1, 1]].im];
/// w.sort_by(f64::total_cmp);
/// assert!((w[0] + 2.0).abs() < 1e-14 && (w[1] - 2.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn schur_complex<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Schur<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    schur_complex_with(a, &SchurOptions::default())
}

/// [`schur_complex`] with options (`sort`, `check_finite`).
///
/// # Errors
/// As [`schur_with`].
///
/// ```
/// use sci_linalg::{schur_complex_with, SchurOptions, SchurSort};
/// use sci_core::ndarray::array;
/// let a = array![[0.5_f64, 3.0], [0.0, 2.0]];
/// let s = schur_complex_with(&a, &SchurOptions { sort: Some(SchurSort::OutsideUnitCircle), ..Default::default() })?;
/// assert_eq!(s.sdim, Some(1));
/// assert!((s.t[[0, 0]].re - 2.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn schur_complex_with<T, S>(
    a: &ArrayBase<S, Ix2>,
    options: &SchurOptions,
) -> Result<Schur<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    validate::check_square("a", a)?;
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    complex_schur(a, options)
}

fn complex_schur<T, S>(a: &ArrayBase<S, Ix2>, options: &SchurOptions) -> Result<Schur<Complex<T::Real>>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = a.nrows();
    let (mut h, mut z) = complex_triangular(a)?;
    let sdim = options.sort.map(|sort| reorder::reorder_complex(&mut h, &mut z, &|w| sort.holds(w)));
    let back = |m: &Mat<Complex<T::Real>>| Array2::from_shape_fn((n, n), |(i, j)| m[(i, j)]);
    Ok(Schur { t: back(&h), z: back(&z), sdim })
}

/// A complex `(T, Z)` pair.
type ComplexPair<R> = (Mat<Complex<R>>, Mat<Complex<R>>);

/// Hessenberg reduction plus the single-shift QR iteration on `a` promoted to complex.
fn complex_triangular<T, S>(a: &ArrayBase<S, Ix2>) -> Result<ComplexPair<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = a.nrows();
    let mut h = Mat::<Complex<T::Real>>::from_fn(n, n, |i, j| a[[i, j]].to_complex());
    let mut z = Mat::<Complex<T::Real>>::identity(n, n);
    reduce(&mut h, Some(&mut z), sci_core::faer_par())?;
    single_shift::single_shift_qr(&mut h, &mut z)?;
    Ok((h, z))
}

/// Converts a real Schur form to a complex one, SciPy's `rsf2csf(T, Z)`: each 2×2 block
/// of a complex-conjugate pair is made upper triangular by a complex Givens rotation, so
/// `Z T Zᴴ` is unchanged and `T` becomes triangular with the eigenvalues on its diagonal.
///
/// `O(n²)` flops per 2×2 block.
///
/// # Errors
/// [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) unless `t` and `z` are square
/// and of equal size; [`Error::NonFinite`](sci_core::Error::NonFinite) for NaN or infinity.
///
/// ```
/// use sci_linalg::{rsf2csf, schur};
/// use sci_core::ndarray::array;
/// let a = array![[0.0_f64, -4.0, 1.0], [1.0, 0.0, 2.0], [0.0, 0.0, 3.0]];
/// let s = schur(&a)?;
/// let c = rsf2csf(&s.t, &s.z)?;
/// assert_eq!(c.t[[1, 0]].norm(), 0.0);
/// let zh = c.z.t().mapv(|v| v.conj());
/// let back = c.z.dot(&c.t).dot(&zh);
/// assert!(back.iter().zip(a.iter()).all(|(b, a)| (b.re - a).abs() < 1e-13 && b.im.abs() < 1e-13));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn rsf2csf<R, S1, S2>(t: &ArrayBase<S1, Ix2>, z: &ArrayBase<S2, Ix2>) -> Result<Schur<Complex<R>>>
where
    R: Real,
    S1: Data<Elem = R>,
    S2: Data<Elem = R>,
{
    let n = validate::check_square("t", t)?;
    validate::check_shape("z", z.shape(), &[n, n])?;
    validate::check_finite("t", t)?;
    validate::check_finite("z", z)?;
    let tm = Mat::<R>::from_fn(n, n, |i, j| t[[i, j]]);
    let zm = Mat::<R>::from_fn(n, n, |i, j| z[[i, j]]);
    let (tc, zc) = rsf2csf::real_to_complex_schur(&tm, &zm);
    let back = |m: &Mat<Complex<R>>| Array2::from_shape_fn((n, n), |(i, j)| m[(i, j)]);
    Ok(Schur { t: back(&tc), z: back(&zc), sdim: None })
}

/// The triangular complex Schur pair of `a` for the matrix functions (`sqrtm`, `logm`,
/// `funm`). Real input goes through the real Schur form, so the real eigenvalues are
/// exactly real (their 1×1 blocks are returned in `real_eigenvalues` for the callers'
/// "is the principal function real?" test) and only conjugate pairs become complex.
pub(crate) struct TriangularSchur<R: Real> {
    pub t: Mat<Complex<R>>,
    pub z: Mat<Complex<R>>,
    /// For real input: the eigenvalues from 1×1 blocks of the real Schur form.
    pub real_eigenvalues: Vec<R>,
}

pub(crate) fn triangular_schur<T, S>(a: &ArrayBase<S, Ix2>) -> Result<TriangularSchur<T::Real>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = a.nrows();
    if T::IS_COMPLEX {
        let (t, z) = complex_triangular(a)?;
        return Ok(TriangularSchur { t, z, real_eigenvalues: Vec::new() });
    }
    let mut h = Mat::<T::Real>::from_fn(n, n, |i, j| a[[i, j]].re());
    let mut z = Mat::<T::Real>::identity(n, n);
    reduce(&mut h, Some(&mut z), sci_core::faer_par())?;
    francis::francis_qr(&mut h, &mut z)?;
    let zero = T::Real::from_f64(0.0);
    let real_eigenvalues = (0..n)
        .filter(|&i| (i == 0 || h[(i, i - 1)] == zero) && (i + 1 == n || h[(i + 1, i)] == zero))
        .map(|i| h[(i, i)])
        .collect();
    let (t, z) = rsf2csf::real_to_complex_schur(&h, &z);
    Ok(TriangularSchur { t, z, real_eigenvalues })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::Array2;

    fn lcg_matrix(n: usize, seed: u64) -> Array2<f64> {
        let mut s = seed;
        Array2::from_shape_fn((n, n), |_| {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((s >> 11) as f64 / (1u64 << 53) as f64) * 2.0 - 1.0
        })
    }

    #[test]
    fn real_schur_reconstructs_and_is_quasi_triangular() {
        for n in [1, 2, 3, 5, 8, 20, 60] {
            let a = lcg_matrix(n, n as u64 + 7);
            let s = schur(&a).unwrap();
            let back = s.z.dot(&s.t).dot(&s.z.t());
            let err = (&back - &a).iter().fold(0.0_f64, |m, d| m.max(d.abs()));
            assert!(err < 1e-13 * n as f64, "n={n} err={err}");
            let ortho = s.z.t().dot(&s.z) - Array2::<f64>::eye(n);
            assert!(ortho.iter().all(|d| d.abs() < 1e-13 * n as f64));
            for i in 0..n {
                for j in 0..i.saturating_sub(1) {
                    assert_eq!(s.t[[i, j]], 0.0);
                }
            }
            for i in 1..n.saturating_sub(1) {
                assert!(s.t[[i, i - 1]] == 0.0 || s.t[[i + 1, i]] == 0.0, "adjacent 2x2 blocks");
            }
        }
    }

    #[test]
    fn complex_schur_reconstructs_and_is_triangular() {
        for n in [1, 2, 4, 9, 30] {
            let re = lcg_matrix(n, 3);
            let im = lcg_matrix(n, 4);
            let a = Array2::from_shape_fn((n, n), |(i, j)| Complex::new(re[[i, j]], im[[i, j]]));
            let s = schur(&a).unwrap();
            let zh = s.z.t().mapv(|z| z.conj());
            let back = s.z.dot(&s.t).dot(&zh);
            let err = (&back - &a).iter().fold(0.0_f64, |m, d| m.max(d.norm()));
            assert!(err < 1e-13 * n as f64, "n={n} err={err}");
            for i in 0..n {
                for j in 0..i {
                    assert_eq!(s.t[[i, j]].norm(), 0.0);
                }
            }
        }
    }
}
