//! Triangular systems by substitution, SciPy's `solve_triangular`.

use faer::Conj;
use faer::linalg::triangular_solve as tri;
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array, Array2, ArrayBase, Data, Dimension, Ix2, ShapeBuilder};
use sci_core::{Error, Result, Scalar, validate};

use crate::Transpose;
use crate::rhs::{as_matrix_rhs, restore_rhs_dim};

/// Options of [`solve_triangular_with`], named after SciPy's keyword arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SolveTriangularOptions {
    /// Which system to solve: `A x = b`, `Aᵀ x = b` or `Aᴴ x = b` (SciPy's `trans`).
    pub trans: Transpose,
    /// Use the lower triangle of `a` (SciPy's default is the upper one).
    pub lower: bool,
    /// Assume ones on the diagonal; the stored diagonal is not read.
    pub unit_diagonal: bool,
    /// Reject NaN and infinity anywhere in `a` and `b` (SciPy's default).
    pub check_finite: bool,
}

impl Default for SolveTriangularOptions {
    fn default() -> Self {
        SolveTriangularOptions {
            trans: Transpose::No,
            lower: false,
            unit_diagonal: false,
            check_finite: true,
        }
    }
}

/// Solves `A x = b` for upper triangular `A`, SciPy's `solve_triangular(a, b)`.
///
/// Only the upper triangle of `a` is read (use [`solve_triangular_with`] for the lower
/// one, the transposed systems, or a unit diagonal). `b` is a vector or a matrix of
/// right-hand sides. `n²` flops per right-hand side, blocked and parallel for many.
///
/// # Errors
/// [`Error::ShapeMismatch`] for inconsistent shapes, [`Error::Singular`] naming the first
/// zero diagonal element (SciPy: "singular matrix: resolution failed at diagonal i"),
/// [`Error::NonFinite`] for NaN or infinity.
///
/// ```
/// use sci_linalg::solve_triangular;
/// use sci_core::ndarray::array;
/// let a = array![[2.0_f64, 1.0], [f64::NAN, 4.0]]; // the lower part is never read
/// let opts = sci_linalg::SolveTriangularOptions { check_finite: false, ..Default::default() };
/// let x = sci_linalg::solve_triangular_with(&a, &array![4.0, 8.0], &opts)?;
/// assert_eq!(x, array![1.0, 2.0]);
/// let u = array![[2.0_f64, 1.0], [0.0, 4.0]];
/// assert_eq!(solve_triangular(&u, &array![4.0, 8.0])?, array![1.0, 2.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solve_triangular<T, SA, SB, D>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, D>) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    solve_triangular_with(a, b, &SolveTriangularOptions::default())
}

/// [`solve_triangular`] with explicit options.
///
/// ```
/// use sci_linalg::{solve_triangular_with, SolveTriangularOptions, Transpose};
/// use sci_core::ndarray::array;
/// let l = array![[1.0_f64, 0.0], [3.0, 1.0]];
/// let opts = SolveTriangularOptions { lower: true, unit_diagonal: true, trans: Transpose::Transpose, ..Default::default() };
/// // Lᵀ x = b with Lᵀ = [[1, 3], [0, 1]].
/// assert_eq!(solve_triangular_with(&l, &array![7.0, 2.0], &opts)?, array![1.0, 2.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solve_triangular_with<T, SA, SB, D>(
    a: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, D>,
    options: &SolveTriangularOptions,
) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    let n = validate::check_square("a", a)?;
    let rhs = as_matrix_rhs("b", b, n)?;
    let lower = options.lower;
    if options.check_finite {
        // Like SciPy, the whole of `a` is checked, even the triangle that is not read.
        validate::check_finite("a", a)?;
        validate::check_finite("b", b)?;
    }
    if !options.unit_diagonal {
        let zero = T::zero();
        if let Some(pivot) = a.diag().iter().position(|&d| d == zero) {
            return Err(Error::Singular { pivot, value: None });
        }
    }
    let mut x = Array2::<T>::zeros(rhs.dim().f());
    x.assign(&rhs);
    if n == 0 || x.is_empty() {
        return restore_rhs_dim(x, b);
    }
    let m = a.as_faer();
    // Transposing swaps the triangle; conjugate-transposing also conjugates.
    let (m, tri_lower, conj) = match options.trans {
        Transpose::No => (m, lower, Conj::No),
        Transpose::Transpose => (m.transpose(), !lower, Conj::No),
        Transpose::ConjugateTranspose => {
            (m.transpose(), !lower, if T::IS_COMPLEX { Conj::Yes } else { Conj::No })
        }
    };
    let par = sci_core::faer_par();
    let rhs = x.as_faer_mut();
    sci_core::install(|| match (tri_lower, options.unit_diagonal) {
        (true, false) => tri::solve_lower_triangular_in_place_with_conj(m, conj, rhs, par),
        (true, true) => tri::solve_unit_lower_triangular_in_place_with_conj(m, conj, rhs, par),
        (false, false) => tri::solve_upper_triangular_in_place_with_conj(m, conj, rhs, par),
        (false, true) => tri::solve_unit_upper_triangular_in_place_with_conj(m, conj, rhs, par),
    });
    restore_rhs_dim(x, b)
}
