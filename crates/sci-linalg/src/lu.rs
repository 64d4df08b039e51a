//! LU factorization with partial pivoting, `A = P L U`, through faer's recursive blocked LU.

use faer::linalg::lu::partial_pivoting::factor as faer_lu;
use faer::linalg::triangular_solve as tri;
use faer::{Conj, Spec};
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{
    Array, Array1, Array2, ArrayBase, ArrayViewMut2, Data, Dimension, Ix2, ShapeBuilder, s,
};
use sci_core::{Error, Result, Scalar, validate};

use crate::rhs::{as_matrix_rhs, restore_rhs_dim};
use crate::scratch::with_scratch;

/// Options of [`lu_with`] and [`lu_factor_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LuOptions {
    /// Reject NaN and infinity in the input (SciPy's default).
    pub check_finite: bool,
}

impl Default for LuOptions {
    fn default() -> Self {
        LuOptions { check_finite: true }
    }
}

/// Which system [`lu_solve_with`] solves (SciPy's `trans` = 0, 1, 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Transpose {
    /// `A x = b` (`trans=0`, the default).
    #[default]
    No,
    /// `Aᵀ x = b` (`trans=1`).
    Transpose,
    /// `Aᴴ x = b` (`trans=2`); the same as [`Transpose::Transpose`] for real matrices.
    ConjugateTranspose,
}

/// Options of [`lu_solve_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LuSolveOptions {
    /// Which system to solve.
    pub trans: Transpose,
    /// Reject NaN and infinity in `b` (SciPy's default).
    pub check_finite: bool,
}

impl Default for LuSolveOptions {
    fn default() -> Self {
        LuSolveOptions { trans: Transpose::No, check_finite: true }
    }
}

/// The factors of `A = P L U` as SciPy's `lu` returns them.
#[derive(Debug, Clone, PartialEq)]
pub struct Lu<T: Scalar> {
    /// The `M×M` permutation matrix `P`.
    pub p: Array2<T>,
    /// The same permutation as row indices (SciPy's `p_indices=True`): `A = L[perm] U`, i.e.
    /// row `i` of `A` is row `perm[i]` of `L U`.
    pub perm: Array1<usize>,
    /// Unit lower triangular (trapezoidal) factor, `M×K` with `K = min(M, N)`.
    pub l: Array2<T>,
    /// Upper triangular (trapezoidal) factor, `K×N`.
    pub u: Array2<T>,
}

impl<T: Scalar> Lu<T> {
    /// `P L`, SciPy's `lu(a, permute_l=True)` first output.
    ///
    /// ```
    /// use sci_linalg::lu;
    /// use sci_core::ndarray::array;
    /// let a = array![[0.0_f64, 1.0], [2.0, 3.0]];
    /// let f = lu(&a)?;
    /// assert_eq!(f.pl().dot(&f.u), a);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn pl(&self) -> Array2<T> {
        let mut out = Array2::<T>::zeros(self.l.dim());
        for (i, &src) in self.perm.iter().enumerate() {
            out.row_mut(i).assign(&self.l.row(src));
        }
        out
    }
}

/// A compact LU factorization as SciPy's `lu_factor` returns it, for [`lu_solve`].
#[derive(Debug, Clone, PartialEq)]
pub struct LuFactor<T: Scalar> {
    /// `L` below the diagonal (its unit diagonal is implicit) and `U` on and above it.
    pub lu: Array2<T>,
    /// LAPACK-style pivots, 0-based: row `i` was interchanged with row `piv[i]`, in order.
    pub piv: Array1<usize>,
}

/// LU decomposition with partial pivoting, SciPy's `lu(a)`.
///
/// Factors the `M×N` matrix `A` as `A = P L U` with `P` a permutation, `L` unit lower
/// triangular (`M×K`) and `U` upper triangular (`K×N`), `K = min(M, N)`. Rows are chosen
/// by largest magnitude (partial pivoting), as LAPACK's `getrf` does, so the factors agree
/// with SciPy's up to rounding and ties. Cost `O(M·N·K)`, parallel. A singular matrix has
/// an LU factorization too; it is returned, not rejected.
///
/// # Errors
/// [`Error::NonFinite`] for NaN or infinite input.
///
/// ```
/// use sci_linalg::lu;
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0, 0.0], [3.0, 4.0, 5.0], [0.0, 1.0, 1.0]];
/// let f = lu(&a)?;
/// assert_eq!(f.perm.to_vec(), vec![2, 0, 1]); // as SciPy's p_indices
/// let back = f.p.dot(&f.l).dot(&f.u);
/// assert!((&back - &a).iter().all(|d| d.abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lu<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Lu<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    lu_with(a, &LuOptions::default())
}

/// [`lu`] with explicit options.
///
/// ```
/// use sci_linalg::{lu_with, LuOptions};
/// use sci_core::ndarray::array;
/// let f = lu_with(&array![[4.0_f32, 3.0]], &LuOptions { check_finite: false })?;
/// assert_eq!((f.l.dim(), f.u.dim()), ((1, 1), (1, 2)));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lu_with<T, S>(a: &ArrayBase<S, Ix2>, options: &LuOptions) -> Result<Lu<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = factor(a, options.check_finite)?;
    let (m, n) = a.dim();
    let k = m.min(n);
    let one = T::from_f64(1.0);
    let mut l = Array2::<T>::zeros((m, k));
    let mut u = Array2::<T>::zeros((k, n));
    for i in 0..m {
        for j in 0..k.min(i) {
            l[[i, j]] = f.lu[[i, j]];
        }
        if i < k {
            l[[i, i]] = one;
            for j in i..n {
                u[[i, j]] = f.lu[[i, j]];
            }
        }
    }
    // faer's `perm` maps rows of LU to rows of A: (LU)[i] = A[perm[i]]. SciPy's indices are
    // the inverse: A[i] = (LU)[p[i]].
    let mut perm = Array1::<usize>::zeros(m);
    for (i, &src) in f.perm.iter().enumerate() {
        perm[src] = i;
    }
    let mut p = Array2::<T>::zeros((m, m));
    for (i, &pi) in perm.iter().enumerate() {
        p[[i, pi]] = one;
    }
    Ok(Lu { p, perm, l, u })
}

/// Compact LU factorization for repeated solves, SciPy's `lu_factor(a)`.
///
/// Returns `L` and `U` packed in one matrix and LAPACK-style pivot indices (0-based, as
/// SciPy returns them). Accepts rectangular input like SciPy; only square factors can be
/// passed to [`lu_solve`]. A singular matrix factors without error, as in SciPy (which
/// only warns); [`lu_solve`] then reports it.
///
/// ```
/// use sci_linalg::{lu_factor, lu_solve};
/// use sci_core::ndarray::array;
/// let a = array![[2.0_f64, 1.0], [1.0, 3.0]];
/// let f = lu_factor(&a)?;
/// let x = lu_solve(&f, &array![3.0, 5.0])?;
/// assert!((x[0] - 0.8).abs() < 1e-15 && (x[1] - 1.4).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lu_factor<T, S>(a: &ArrayBase<S, Ix2>) -> Result<LuFactor<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    lu_factor_with(a, &LuOptions::default())
}

/// [`lu_factor`] with explicit options.
///
/// ```
/// use sci_linalg::{lu_factor_with, LuOptions};
/// use sci_core::ndarray::array;
/// let f = lu_factor_with(&array![[1.0_f64, 2.0], [3.0, 4.0]], &LuOptions { check_finite: false })?;
/// assert_eq!(f.piv.to_vec(), vec![1, 1]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lu_factor_with<T, S>(a: &ArrayBase<S, Ix2>, options: &LuOptions) -> Result<LuFactor<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let f = factor(a, options.check_finite)?;
    let piv = lapack_pivots(&f.perm, a.nrows().min(a.ncols()));
    Ok(LuFactor { lu: f.lu, piv })
}

/// Solves `A x = b` from [`lu_factor`]'s output, SciPy's `lu_solve((lu, piv), b)`.
///
/// `b` is a vector (`N`) or a matrix of right-hand sides (`N×K`); `x` has the same shape.
///
/// # Errors
/// [`Error::ShapeMismatch`] if the factors are not square or `b` has the wrong number of
/// rows, [`Error::Singular`] if `U` has an exactly zero diagonal element (SciPy would
/// return infinities), [`Error::NonFinite`] for NaN or infinity in `b`.
///
/// ```
/// use sci_linalg::{lu_factor, lu_solve};
/// use sci_core::ndarray::array;
/// let f = lu_factor(&array![[1.0_f64, 2.0], [3.0, 4.0]])?;
/// let x = lu_solve(&f, &array![[5.0, 1.0], [6.0, 0.0]])?;
/// assert!((x[[0, 0]] + 4.0).abs() < 1e-14 && (x[[1, 0]] - 4.5).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lu_solve<T, S, D>(factors: &LuFactor<T>, b: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    lu_solve_with(factors, b, &LuSolveOptions::default())
}

/// [`lu_solve`] with explicit options, e.g. to solve the transposed system.
///
/// ```
/// use sci_linalg::{lu_factor, lu_solve_with, LuSolveOptions, Transpose};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [3.0, 4.0]];
/// let f = lu_factor(&a)?;
/// let opts = LuSolveOptions { trans: Transpose::Transpose, ..Default::default() };
/// let x = lu_solve_with(&f, &array![1.0, 1.0], &opts)?;
/// let back = a.t().dot(&x);
/// assert!((back[0] - 1.0).abs() < 1e-14 && (back[1] - 1.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn lu_solve_with<T, S, D>(
    factors: &LuFactor<T>,
    b: &ArrayBase<S, D>,
    options: &LuSolveOptions,
) -> Result<Array<T, D>>
where
    T: Scalar,
    S: Data<Elem = T>,
    D: Dimension,
{
    let n = validate::check_square("lu", &factors.lu)?;
    validate::check_same_len("lu", n, "piv", factors.piv.len())?;
    if let Some((i, &p)) = factors.piv.iter().enumerate().find(|&(i, &p)| p < i || p >= n) {
        return Err(Error::invalid_argument(
            "piv",
            format!("piv[{i}] = {p} is not a valid LAPACK pivot (must lie in [{i}, {n}))"),
        ));
    }
    if options.check_finite {
        validate::check_finite("b", b)?;
    }
    let rhs = as_matrix_rhs("b", b, n)?;
    check_nonzero_pivots(&factors.lu)?;
    let mut x = Array2::<T>::zeros(rhs.dim().f());
    x.assign(&rhs);
    solve_in_place(&factors.lu, &factors.piv, options.trans, x.view_mut());
    restore_rhs_dim(x, b)
}

/// An in-place factorization: `lu` holds `L\U` (column-major), `perm` is faer's row
/// permutation (`(LU)[i] = A[perm[i]]`), `transpositions` its parity.
pub(crate) struct Factored<T> {
    pub lu: Array2<T>,
    pub perm: Vec<usize>,
    pub transpositions: usize,
}

pub(crate) fn factor<T, S>(a: &ArrayBase<S, Ix2>, check_finite: bool) -> Result<Factored<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    if check_finite {
        validate::check_finite("a", a)?;
    }
    let (m, n) = a.dim();
    let mut lu = Array2::<T>::zeros((m, n).f());
    lu.assign(a);
    let mut perm = vec![0usize; m];
    let mut perm_inv = vec![0usize; m];
    if m == 0 || n == 0 {
        perm.iter_mut().enumerate().for_each(|(i, p)| *p = i);
        return Ok(Factored { lu, perm, transpositions: 0 });
    }
    let par = sci_core::faer_par();
    let req = faer_lu::lu_in_place_scratch::<usize, T>(m, n, par, Spec::default());
    let transpositions = with_scratch("a", req, |stack| {
        sci_core::install(|| {
            let (info, _) =
                faer_lu::lu_in_place(lu.as_faer_mut(), &mut perm, &mut perm_inv, par, stack, Spec::default());
            info.transposition_count
        })
    })?;
    Ok(Factored { lu, perm, transpositions })
}

/// Converts faer's final row permutation into LAPACK's sequence of interchanges: the
/// unique `piv` with `piv[i] >= i` whose swaps, applied in order, produce `perm`.
pub(crate) fn lapack_pivots(perm: &[usize], k: usize) -> Array1<usize> {
    let m = perm.len();
    let mut row_at: Vec<usize> = (0..m).collect(); // original row now at each position
    let mut pos_of: Vec<usize> = (0..m).collect(); // position of each original row
    let mut piv = Array1::<usize>::zeros(k);
    for i in 0..k {
        let j = pos_of[perm[i]];
        piv[i] = j;
        let (ri, rj) = (row_at[i], row_at[j]);
        row_at.swap(i, j);
        pos_of[ri] = j;
        pos_of[rj] = i;
    }
    piv
}

/// Fails with [`Error::Singular`] naming the first exactly zero diagonal element of `U`.
pub(crate) fn check_nonzero_pivots<T: Scalar>(lu: &Array2<T>) -> Result<()> {
    let zero = T::from_f64(0.0);
    match lu.diag().iter().position(|&d| d == zero) {
        Some(pivot) => Err(Error::Singular { pivot, value: None }),
        None => Ok(()),
    }
}

/// Overwrites `x` (`N×K`) with the solution of the system `trans` selects, given LAPACK
/// pivots. Assumes square, nonsingular factors.
pub(crate) fn solve_in_place<T: Scalar>(
    lu: &Array2<T>,
    piv: &Array1<usize>,
    trans: Transpose,
    mut x: ArrayViewMut2<'_, T>,
) {
    let par = sci_core::faer_par();
    let f = lu.as_faer();
    let swap_rows = |x: &mut ArrayViewMut2<'_, T>, i: usize, p: usize| {
        if i != p {
            let (mut top, mut bottom) = x.multi_slice_mut((s![i, ..], s![p, ..]));
            sci_core::ndarray::Zip::from(&mut top).and(&mut bottom).for_each(std::mem::swap);
        }
    };
    match trans {
        Transpose::No => {
            for (i, &p) in piv.iter().enumerate() {
                swap_rows(&mut x, i, p);
            }
            let mut rhs = x.as_faer_mut();
            sci_core::install(|| {
                tri::solve_unit_lower_triangular_in_place_with_conj(f, Conj::No, rhs.as_mut(), par);
                tri::solve_upper_triangular_in_place_with_conj(f, Conj::No, rhs.as_mut(), par);
            });
        }
        Transpose::Transpose | Transpose::ConjugateTranspose => {
            let conj =
                if trans == Transpose::ConjugateTranspose && T::IS_COMPLEX { Conj::Yes } else { Conj::No };
            let ft = f.transpose();
            {
                let mut rhs = x.as_faer_mut();
                sci_core::install(|| {
                    tri::solve_lower_triangular_in_place_with_conj(ft, conj, rhs.as_mut(), par);
                    tri::solve_unit_upper_triangular_in_place_with_conj(ft, conj, rhs.as_mut(), par);
                });
            }
            for (i, &p) in piv.iter().enumerate().rev() {
                swap_rows(&mut x, i, p);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lapack_pivots_reproduce_the_permutation() {
        let perm = [2usize, 0, 3, 1];
        let piv = lapack_pivots(&perm, 4);
        let mut rows: Vec<usize> = (0..4).collect();
        for (i, &p) in piv.iter().enumerate() {
            assert!(p >= i);
            rows.swap(i, p);
        }
        assert_eq!(rows, perm);
    }
}
