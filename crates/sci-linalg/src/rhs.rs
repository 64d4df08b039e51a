//! Right-hand sides that are vectors or matrices, as SciPy's solvers accept them.

use sci_core::ndarray::{Array, Array2, ArrayBase, ArrayView2, Axis, Data, Dimension, Ix1, Ix2};
use sci_core::{Error, Result};

/// Views a 1-D (`N`) or 2-D (`N×K`) right-hand side as an `N×K` matrix without copying,
/// checking `N`.
pub(crate) fn as_matrix_rhs<'a, T, S, D>(
    what: &str,
    b: &'a ArrayBase<S, D>,
    n: usize,
) -> Result<ArrayView2<'a, T>>
where
    S: Data<Elem = T>,
    D: Dimension,
{
    let rhs = match b.ndim() {
        1 => b.view().into_dimensionality::<Ix1>()?.insert_axis(Axis(1)),
        2 => b.view().into_dimensionality::<Ix2>()?,
        d => {
            return Err(Error::shape_mismatch(
                what,
                "a 1-D or 2-D array",
                format!("a {d}-D array of shape {:?}", b.shape()),
            ));
        }
    };
    if rhs.nrows() != n {
        return Err(Error::shape_mismatch(
            what,
            format!("{n} rows (the order of the matrix)"),
            format!("shape {:?}", b.shape()),
        ));
    }
    Ok(rhs)
}

/// Gives the solution the dimensionality of the right-hand side it was computed for.
pub(crate) fn restore_rhs_dim<T, S, D>(x: Array2<T>, b: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    S: Data<Elem = T>,
    D: Dimension,
{
    let x = if b.ndim() == 1 { x.index_axis_move(Axis(1), 0).into_dyn() } else { x.into_dyn() };
    Ok(x.into_dimensionality::<D>()?)
}
