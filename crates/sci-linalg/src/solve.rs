//! `solve`: linear systems `A x = b` with SciPy 1.17's structure detection.

use faer::Conj;
use faer::linalg::triangular_solve as tri;
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{
    Array, Array1, Array2, ArrayBase, ArrayView2, ArrayViewMut2, Axis, Data, Dimension, Ix2, ShapeBuilder,
};
use sci_core::{Error, Float, Result, Scalar, validate};

use crate::Transpose;
use crate::condition::{ill_conditioned_error, is_ill_conditioned, one_norm, rcond_from_solves};
use crate::lu::{check_nonzero_pivots, factor, lapack_pivots, solve_in_place};
use crate::rhs::{as_matrix_rhs, restore_rhs_dim};

/// The structure [`solve_with`] may assume of `a` (SciPy's `assume_a`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AssumeA {
    /// Detect the structure, as SciPy does for `assume_a=None`: diagonal, lower or upper
    /// triangular, tridiagonal (order > 3), Hermitian (complex), symmetric, else general.
    #[default]
    Auto,
    /// LU with partial pivoting (`'general'`, `'gen'`).
    General,
    /// Only the diagonal is read (`'diagonal'`).
    Diagonal,
    /// Only the three central diagonals are read (`'tridiagonal'`).
    Tridiagonal,
    /// Only the upper triangle is read (`'upper triangular'`).
    UpperTriangular,
    /// Only the lower triangle is read (`'lower triangular'`).
    LowerTriangular,
    /// Symmetric; only the triangle chosen by [`SolveOptions::lower`] is read (`'sym'`).
    Symmetric,
    /// Hermitian; only the chosen triangle is read (`'her'`).
    Hermitian,
    /// Hermitian positive definite, solved by Cholesky; only the chosen triangle is read
    /// (`'pos'`). A matrix that is not positive definite is an error.
    PositiveDefinite,
}

/// Options of [`solve_with`], named after SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SolveOptions {
    /// The structure to assume (default: detect it).
    pub assume_a: AssumeA,
    /// For `Symmetric`, `Hermitian` and `PositiveDefinite`: read the lower triangle
    /// instead of the upper one (SciPy's default is the upper).
    pub lower: bool,
    /// Solve `Aᵀ x = b` instead.
    pub transposed: bool,
    /// Reject NaN and infinity anywhere in `a` and `b` (SciPy's default).
    pub check_finite: bool,
    /// Return the solution even when the matrix is numerically singular (estimated
    /// reciprocal condition number below machine epsilon), where SciPy warns with
    /// `LinAlgWarning`. By default that is an [`Error::IllConditioned`] error.
    pub allow_ill_conditioned: bool,
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            assume_a: AssumeA::Auto,
            lower: false,
            transposed: false,
            check_finite: true,
            allow_ill_conditioned: false,
        }
    }
}

/// Solves the square system `A x = b`, SciPy's `solve(a, b)`.
///
/// `b` is a vector (`N`) or a matrix of right-hand sides (`N×K`); `x` has `b`'s shape. The
/// structure of `a` is detected first (see [`AssumeA::Auto`]) and the matching solver is
/// used: a division for diagonal matrices, substitution (`O(n²)`) for triangular ones, LU
/// with partial pivoting otherwise (`≈ ⅔n³` flops, parallel). The reciprocal condition
/// number is then estimated in the 1-norm as LAPACK's `gecon` does (`O(n²)`).
///
/// # Errors
/// [`Error::ShapeMismatch`] if `a` is not square or `b` has the wrong number of rows;
/// [`Error::Singular`] naming the first zero pivot if `a` is exactly singular (SciPy's
/// `LinAlgError`); [`Error::IllConditioned`] if it is numerically singular (SciPy's
/// `LinAlgWarning`; see [`SolveOptions::allow_ill_conditioned`]);
/// [`Error::NotPositiveDefinite`] for `AssumeA::PositiveDefinite` on an indefinite
/// matrix; [`Error::NonFinite`] for NaN or infinity.
///
/// # Differences from SciPy
/// Symmetric, Hermitian and tridiagonal systems are solved by LU with partial pivoting on
/// the full matrix rather than by LAPACK's `sysv`/`hesv`/`gtsv`: the solution agrees to
/// rounding. `transposed` is also accepted for complex matrices (SciPy raises
/// `NotImplementedError`). Empty inputs return an empty solution, as in SciPy.
///
/// ```
/// use sci_linalg::solve;
/// use sci_core::ndarray::array;
/// let a = array![[3.0_f64, 2.0, 0.0], [1.0, -1.0, 0.0], [0.0, 5.0, 1.0]];
/// let b = array![2.0, 4.0, -1.0];
/// let x = solve(&a, &b)?;
/// let expected = array![2.0, -2.0, 9.0];
/// assert!((&x - &expected).iter().all(|d| d.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solve<T, SA, SB, D>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, D>) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    solve_with(a, b, &SolveOptions::default())
}

/// [`solve`] with explicit options.
///
/// ```
/// use sci_linalg::{solve_with, AssumeA, SolveOptions};
/// use sci_core::ndarray::array;
/// // Only the upper triangle of a symmetric positive definite matrix is read.
/// let a = array![[4.0_f64, 2.0], [f64::NAN, 3.0]];
/// let opts = SolveOptions { assume_a: AssumeA::PositiveDefinite, check_finite: false, ..Default::default() };
/// let x = solve_with(&a, &array![[6.0], [5.0]], &opts)?;
/// assert!((x[[0, 0]] - 1.0).abs() < 1e-15 && (x[[1, 0]] - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solve_with<T, SA, SB, D>(
    a: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, D>,
    options: &SolveOptions,
) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    let n = validate::check_square("a", a)?;
    let rhs = as_matrix_rhs("b", b, n)?;
    if options.check_finite {
        // Like SciPy, the whole of `a` is checked, even the triangle a solver ignores.
        validate::check_finite("a", a)?;
        validate::check_finite("b", b)?;
    }
    // Aᵀ is a view: solving Aᵀx = b is solving with the transposed matrix, whose stored
    // triangle is the opposite one.
    let a = if options.transposed { a.t() } else { a.view() };
    let (assume, lower) = match (options.assume_a, options.transposed) {
        (AssumeA::UpperTriangular, true) => (AssumeA::LowerTriangular, options.lower),
        (AssumeA::LowerTriangular, true) => (AssumeA::UpperTriangular, options.lower),
        (other, true) => (other, !options.lower),
        (other, false) => (other, options.lower),
    };
    let mut x = Array2::<T>::zeros(rhs.dim().f());
    x.assign(&rhs);
    if n == 0 || x.is_empty() {
        return restore_rhs_dim(x, b);
    }
    let structure = if assume == AssumeA::Auto { detect_structure(a) } else { assume };
    let rcond = match structure {
        AssumeA::Diagonal => solve_diagonal(a, x.view_mut())?,
        AssumeA::UpperTriangular | AssumeA::LowerTriangular => {
            solve_triangular_full(a, structure == AssumeA::LowerTriangular, x.view_mut(), options)?
        }
        AssumeA::PositiveDefinite => solve_positive_definite(a, lower, x.view_mut(), options)?,
        AssumeA::Symmetric | AssumeA::Hermitian => {
            let full = symmetrize(a, lower, structure == AssumeA::Hermitian);
            solve_general(full.view(), x.view_mut(), options)?
        }
        AssumeA::Tridiagonal => {
            let band = Array2::from_shape_fn(
                (n, n),
                |(i, j)| if i.abs_diff(j) <= 1 { a[[i, j]] } else { T::zero() },
            );
            solve_general(band.view(), x.view_mut(), options)?
        }
        AssumeA::General | AssumeA::Auto => solve_general(a, x.view_mut(), options)?,
    };
    if !options.allow_ill_conditioned && is_ill_conditioned(rcond) {
        return Err(ill_conditioned_error(rcond));
    }
    restore_rhs_dim(x, b)
}

/// SciPy's `_find_matrix_structure`: bandwidths first, then exact (anti)symmetry checks.
fn detect_structure<T: Scalar>(a: ArrayView2<'_, T>) -> AssumeA {
    let n = a.nrows();
    let zero = T::zero();
    let (mut below, mut above) = (0usize, 0usize);
    for ((i, j), &x) in a.indexed_iter() {
        if x != zero {
            if i > j {
                below = below.max(i - j);
            } else {
                above = above.max(j - i);
            }
        }
    }
    if below == 0 && above == 0 {
        AssumeA::Diagonal
    } else if above == 0 {
        AssumeA::LowerTriangular
    } else if below == 0 {
        AssumeA::UpperTriangular
    } else if above <= 1 && below <= 1 && n > 3 {
        AssumeA::Tridiagonal
    } else if T::IS_COMPLEX && is_symmetric(a, true) {
        AssumeA::Hermitian
    } else if is_symmetric(a, false) {
        AssumeA::Symmetric
    } else {
        AssumeA::General
    }
}

fn is_symmetric<T: Scalar>(a: ArrayView2<'_, T>, hermitian: bool) -> bool {
    let n = a.nrows();
    (0..n).all(|i| {
        (i..n).all(|j| {
            let mirrored = if hermitian { a[[j, i]].conj() } else { a[[j, i]] };
            a[[i, j]] == mirrored
        })
    })
}

/// The full matrix from the triangle `lower` selects; Hermitian diagonals are made real.
fn symmetrize<T: Scalar>(a: ArrayView2<'_, T>, lower: bool, hermitian: bool) -> Array2<T> {
    let n = a.nrows();
    Array2::from_shape_fn((n, n).f(), |(i, j)| {
        let stored = if lower { i >= j } else { i <= j };
        let v = if stored { a[[i, j]] } else { a[[j, i]] };
        match (hermitian, stored, i == j) {
            (true, _, true) => T::from_real(v.re()),
            (true, false, false) => v.conj(),
            _ => v,
        }
    })
}

fn solve_general<T: Scalar>(
    a: ArrayView2<'_, T>,
    mut x: ArrayViewMut2<'_, T>,
    options: &SolveOptions,
) -> Result<T::Real> {
    let n = a.nrows();
    let f = factor(&a, false)?;
    check_nonzero_pivots(&f.lu)?;
    let piv = lapack_pivots(&f.perm, n);
    solve_in_place(&f.lu, &piv, Transpose::No, x.view_mut());
    Ok(if options.allow_ill_conditioned {
        T::Real::from_f64(f64::INFINITY)
    } else {
        rcond_from_solves::<T>(one_norm(&a), n, |v, adjoint| {
            let trans = if adjoint { Transpose::ConjugateTranspose } else { Transpose::No };
            solve_in_place(&f.lu, &piv, trans, v.view_mut().insert_axis(Axis(1)));
        })
    })
}

fn solve_diagonal<T: Scalar>(a: ArrayView2<'_, T>, mut x: ArrayViewMut2<'_, T>) -> Result<T::Real> {
    let d = a.diag();
    let zero = T::Real::from_f64(0.0);
    if let Some(pivot) = d.iter().position(|v| v.modulus() == zero) {
        return Err(Error::Singular { pivot, value: None });
    }
    for (mut row, &di) in x.rows_mut().into_iter().zip(d.iter()) {
        row.mapv_inplace(|v| v / di);
    }
    let (lo, hi) = d.iter().fold((T::Real::from_f64(f64::INFINITY), zero), |(lo, hi), v| {
        let m = v.modulus();
        (if m < lo { m } else { lo }, if m > hi { m } else { hi })
    });
    Ok(lo / hi)
}

fn solve_triangular_full<T: Scalar>(
    a: ArrayView2<'_, T>,
    lower: bool,
    mut x: ArrayViewMut2<'_, T>,
    options: &SolveOptions,
) -> Result<T::Real> {
    let n = a.nrows();
    let zero = T::zero();
    if let Some(pivot) = a.diag().iter().position(|&v| v == zero) {
        return Err(Error::Singular { pivot, value: None });
    }
    let tri_solve = |rhs: faer::MatMut<'_, T>, adjoint: bool| {
        let par = sci_core::faer_par();
        let m = a.as_faer();
        sci_core::install(|| match (lower, adjoint) {
            (true, false) => tri::solve_lower_triangular_in_place_with_conj(m, Conj::No, rhs, par),
            (false, false) => tri::solve_upper_triangular_in_place_with_conj(m, Conj::No, rhs, par),
            (true, true) => {
                tri::solve_upper_triangular_in_place_with_conj(m.transpose(), Conj::Yes, rhs, par)
            }
            (false, true) => {
                tri::solve_lower_triangular_in_place_with_conj(m.transpose(), Conj::Yes, rhs, par)
            }
        });
    };
    tri_solve(x.as_faer_mut(), false);
    if options.allow_ill_conditioned {
        return Ok(T::Real::from_f64(f64::INFINITY));
    }
    let anorm = triangle_one_norm(a, lower);
    Ok(rcond_from_solves::<T>(anorm, n, |v: &mut Array1<T>, adjoint| {
        let mut col = v.view_mut().insert_axis(Axis(1));
        tri_solve(col.as_faer_mut(), adjoint);
    }))
}

fn triangle_one_norm<T: Scalar>(a: ArrayView2<'_, T>, lower: bool) -> T::Real {
    let n = a.nrows();
    let mut best = T::Real::from_f64(0.0);
    for j in 0..n {
        let rows = if lower { j..n } else { 0..j + 1 };
        let s: T::Real = rows.map(|i| a[[i, j]].modulus()).sum();
        if s > best || s.is_nan() {
            best = s;
        }
    }
    best
}

fn solve_positive_definite<T: Scalar>(
    a: ArrayView2<'_, T>,
    lower: bool,
    mut x: ArrayViewMut2<'_, T>,
    options: &SolveOptions,
) -> Result<T::Real> {
    let n = a.nrows();
    let l = crate::cholesky::factor_lower(a, lower)?;
    let chol_solve = |rhs: faer::MatMut<'_, T>| {
        let par = sci_core::faer_par();
        let lf = l.as_faer();
        let mut rhs = rhs;
        sci_core::install(|| {
            tri::solve_lower_triangular_in_place_with_conj(lf, Conj::No, rhs.as_mut(), par);
            tri::solve_upper_triangular_in_place_with_conj(lf.transpose(), Conj::Yes, rhs.as_mut(), par);
        });
    };
    chol_solve(x.as_faer_mut());
    if options.allow_ill_conditioned {
        return Ok(T::Real::from_f64(f64::INFINITY));
    }
    let anorm = one_norm(&symmetrize(a, lower, T::IS_COMPLEX));
    // A is Hermitian, so Aᴴ = A and one solver serves both products.
    Ok(rcond_from_solves::<T>(anorm, n, |v: &mut Array1<T>, _| {
        let mut col = v.view_mut().insert_axis(Axis(1));
        chol_solve(col.as_faer_mut());
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::array;

    #[test]
    fn structure_detection_follows_scipy() {
        let d = array![[1.0, 0.0], [0.0, 2.0]];
        assert_eq!(detect_structure(d.view()), AssumeA::Diagonal);
        let l = array![[1.0, 0.0], [3.0, 2.0]];
        assert_eq!(detect_structure(l.view()), AssumeA::LowerTriangular);
        assert_eq!(detect_structure(l.t()), AssumeA::UpperTriangular);
        let t = Array2::from_shape_fn(
            (4, 4),
            |(i, j)| if i.abs_diff(j) <= 1 { 1.0 + (i * j) as f64 } else { 0.0 },
        );
        assert_eq!(detect_structure(t.view()), AssumeA::Tridiagonal);
        let t3 =
            Array2::from_shape_fn(
                (3, 3),
                |(i, j)| if i.abs_diff(j) <= 1 { 1.0 + (i + 2 * j) as f64 } else { 0.0 },
            );
        assert_eq!(detect_structure(t3.view()), AssumeA::General);
        let s = array![[1.0, 2.0, 3.0], [2.0, 1.0, 4.0], [3.0, 4.0, 1.0]];
        assert_eq!(detect_structure(s.view()), AssumeA::Symmetric);
    }
}
