//! Upsample, FIR filter, downsample in one polyphase pass: SciPy's `upfirdn`.

use sci_core::ndarray::{Array, ArrayBase, Axis, Data, Dimension};
use sci_core::{Error, Real, Result, Scalar, validate};

/// `y = downsample(h ⊛ upsample(x, up), down)` along `axis`, SciPy's
/// `upfirdn(h, x, up, down, axis)` with its default zero extension: `up − 1` zeros are
/// inserted between samples, the result is convolved (full) with `h`, and every `down`-th
/// sample is kept, starting with the first. Output length
/// `((len(x) − 1)·up + len(h) − 1) / down + 1`.
///
/// Only the products with nonzero upsampled samples are formed (polyphase), so the cost is
/// `O(len(y) · len(h) / up)`.
///
/// # Differences from SciPy
/// SciPy's other extension modes (`symmetric`, `reflect`, `edge`, `wrap`, `smooth`,
/// `antisymmetric`, …) are not offered; zero extension is SciPy's default.
///
/// # Errors
/// [`Error::InvalidArgument`] if `up` or `down` is 0 or the axis is out of range;
/// [`Error::Empty`] if `h` or the axis of `x` is empty.
///
/// ```
/// use sci_signal::upfirdn;
/// use sci_core::ndarray::array;
/// // Upsampling by 2 with a linear-interpolation filter.
/// let y = upfirdn(&array![0.5, 1.0, 0.5], &array![1.0, 2.0, 3.0], 2, 1, -1)?;
/// assert_eq!(y.to_vec(), vec![0.5, 1.0, 1.5, 2.0, 2.5, 3.0, 1.5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn upfirdn<T, SH, SX, D>(
    h: &ArrayBase<SH, sci_core::ndarray::Ix1>,
    x: &ArrayBase<SX, D>,
    up: usize,
    down: usize,
    axis: isize,
) -> Result<Array<T, D>>
where
    T: Real,
    SH: Data<Elem = T>,
    SX: Data<Elem = T>,
    D: Dimension,
{
    if up == 0 {
        return Err(Error::invalid_argument("up", "must be a positive integer"));
    }
    if down == 0 {
        return Err(Error::invalid_argument("down", "must be a positive integer"));
    }
    if h.is_empty() {
        return Err(Error::empty("h"));
    }
    let ax = validate::normalize_axis(axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    if n == 0 {
        return Err(Error::empty("x"));
    }
    let taps = h.len();
    let out_len = ((n - 1) * up + taps - 1) / down + 1;
    let mut shape = x.raw_dim();
    shape[ax] = out_len;
    let mut out = Array::<T, D>::zeros(shape);
    let h: Vec<T> = h.iter().copied().collect();
    for (src, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        for (i, y) in dst.iter_mut().enumerate() {
            // Upsampled index m = i·down; taps k with (m − k) divisible by `up` hit x[(m − k)/up].
            let m = i * down;
            let mut acc = T::from_f64(0.0);
            let mut k = m % up;
            while k < taps && k <= m {
                let j = (m - k) / up;
                if j < n {
                    acc += h[k] * src[j];
                }
                k += up;
            }
            *y = acc;
        }
    }
    Ok(out)
}
