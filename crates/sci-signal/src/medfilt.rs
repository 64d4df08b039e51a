//! N-dimensional median filter with zero padding: SciPy's `medfilt`.

use sci_core::ndarray::{Array, ArrayBase, Data, Dimension, IntoDimension, IxDyn};
use sci_core::{Error, Real, Result, Scalar};

/// Median of each `kernel_size` window centred on every element, with zeros outside the
/// array, SciPy's `medfilt(volume, kernel_size)` (which is `ndimage.rank_filter` at the
/// middle rank with `mode='constant'`). `kernel_size = None` is 3 along every axis; one
/// value applies to every axis.
///
/// Cost `O(n · k)` for `k` window elements (a selection per window).
///
/// # Differences from SciPy
/// NaN sorts above every number here (total order); SciPy's result with NaN depends on
/// its selection algorithm. SciPy warns when the kernel exceeds the array; the result is
/// the same zero-padded median without the warning.
///
/// # Errors
/// [`Error::InvalidArgument`] for an even or zero kernel size, or a `kernel_size` whose
/// length is neither 1 nor the number of dimensions.
///
/// ```
/// use sci_signal::medfilt;
/// use sci_core::ndarray::array;
/// let x = array![2.0, 8.0, 1.0, 9.0, 3.0];
/// assert_eq!(medfilt(&x, Some(&[3]))?.to_vec(), vec![2.0, 2.0, 8.0, 3.0, 3.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn medfilt<T, S, D>(volume: &ArrayBase<S, D>, kernel_size: Option<&[usize]>) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ndim = volume.ndim();
    let kernel: Vec<usize> = match kernel_size {
        None => vec![3; ndim],
        Some([k]) => vec![*k; ndim],
        Some(k) if k.len() == ndim => k.to_vec(),
        Some(k) => {
            let reason = format!("has {} entries for a {ndim}-dimensional input", k.len());
            return Err(Error::invalid_argument("kernel_size", reason));
        }
    };
    if kernel.iter().any(|&k| k % 2 != 1) {
        return Err(Error::invalid_argument(
            "kernel_size",
            format!("each element should be odd, got {kernel:?}"),
        ));
    }
    let shape = volume.shape().to_vec();
    let dynamic = volume.view().into_dyn();
    let window_len: usize = kernel.iter().product();
    let rank = window_len / 2;
    let mut window: Vec<T> = Vec::with_capacity(window_len);
    let mut at = vec![0usize; ndim];
    let out = Array::from_shape_fn(volume.raw_dim(), |index| {
        let index = index.into_dimension();
        window.clear();
        for flat in 0..window_len {
            // Decode the kernel offset (mixed radix, last axis fastest).
            let mut rem = flat;
            let mut inside = true;
            for d in (0..ndim).rev() {
                let offset = rem % kernel[d];
                rem /= kernel[d];
                let pos = index[d] + offset;
                let half = kernel[d] / 2;
                if pos < half || pos - half >= shape[d] {
                    inside = false;
                }
                at[d] = pos.saturating_sub(half);
            }
            window.push(if inside { dynamic[IxDyn(&at)] } else { T::from_f64(0.0) });
        }
        let (_, median, _) = window.select_nth_unstable_by(rank, |a, b| a.as_f64().total_cmp(&b.as_f64()));
        *median
    });
    Ok(out)
}
