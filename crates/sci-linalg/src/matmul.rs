//! Matrix product through faer's blocked, parallel GEMM.

use faer::{Accum, linalg::matmul::matmul as faer_matmul};
use sci_core::convert::{AsFaer, AsFaerMut};
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::{Error, Result, Scalar};

/// The matrix product `a @ b` (NumPy's `matmul` for 2-D operands).
///
/// Both operands are read in place whatever their layout (no copy at the ndarray/faer
/// boundary) and the product is written by faer's GEMM straight into the returned C-order
/// array. Costs `2·m·k·n` flops, parallelised over the threads set with
/// [`sci_core::set_num_threads`].
///
/// Unlike SciPy's `check_finite`, no finiteness check is made: NaN and infinity propagate
/// as IEEE arithmetic dictates, as in NumPy's `@`.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `a.ncols() != b.nrows()`.
///
/// ```
/// use sci_linalg::matmul;
/// use sci_core::ndarray::array;
/// let a = array![[1.0, 2.0], [3.0, 4.0]];
/// let b = array![[5.0], [6.0]];
/// assert_eq!(matmul(&a, &b)?, array![[17.0], [39.0]]);
/// // Transposed views are used as they are.
/// assert_eq!(matmul(&a.t(), &b)?, array![[23.0], [34.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn matmul<T, SA, SB>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
{
    let (m, k) = a.dim();
    let (kb, n) = b.dim();
    if k != kb {
        return Err(Error::shape_mismatch(
            "b",
            format!("{k} rows (the number of columns of `a`)"),
            format!("{kb}x{n}"),
        ));
    }
    let mut out = Array2::<T>::zeros((m, n));
    let par = sci_core::faer_par();
    let (lhs, rhs) = (a.as_faer(), b.as_faer());
    let dst = out.as_faer_mut();
    sci_core::install(|| faer_matmul(dst, Accum::Replace, lhs, rhs, T::from_f64(1.0), par));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::{Array2, s};
    use sci_core::num_complex::Complex64;

    fn naive(a: &Array2<f64>, b: &Array2<f64>) -> Array2<f64> {
        let mut c = Array2::zeros((a.nrows(), b.ncols()));
        for i in 0..a.nrows() {
            for j in 0..b.ncols() {
                c[[i, j]] = (0..a.ncols()).map(|p| a[[i, p]] * b[[p, j]]).sum();
            }
        }
        c
    }

    #[test]
    fn matches_naive_product_on_strided_and_reversed_views() {
        let a = Array2::from_shape_fn((7, 9), |(i, j)| (i * 9 + j) as f64 * 0.25 - 3.0);
        let b = Array2::from_shape_fn((10, 6), |(i, j)| ((i + 2 * j) % 5) as f64 - 1.5);
        let a_view = a.slice(s![..;-1, 1..]); // 7x8, reversed rows
        let b_view = b.slice(s![..;-1, ..]).slice_move(s![1..9, ..]); // 8x6
        let got = matmul(&a_view, &b_view).unwrap();
        let want = naive(&a_view.to_owned(), &b_view.to_owned());
        for (g, w) in got.iter().zip(want.iter()) {
            assert!((g - w).abs() <= 1e-12 * w.abs().max(1.0), "{g} vs {w}");
        }
    }

    #[test]
    fn complex_product() {
        let i = Complex64::new(0.0, 1.0);
        let a = sci_core::ndarray::array![[i]];
        assert_eq!(matmul(&a, &a).unwrap()[[0, 0]], Complex64::new(-1.0, 0.0));
    }

    #[test]
    fn inner_dimension_mismatch_is_an_error() {
        let a = Array2::<f64>::zeros((2, 3));
        let err = matmul(&a, &a).unwrap_err();
        assert!(matches!(err, Error::ShapeMismatch { .. }), "{err}");
    }

    #[test]
    fn empty_operands_give_empty_or_zero_products() {
        let a = Array2::<f64>::zeros((3, 0));
        let b = Array2::<f64>::zeros((0, 4));
        assert_eq!(matmul(&a, &b).unwrap(), Array2::<f64>::zeros((3, 4)));
        assert_eq!(matmul(&b.t(), &a.t()).unwrap().dim(), (4, 3));
    }
}
