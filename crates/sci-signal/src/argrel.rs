//! Relative extrema: SciPy's `argrelextrema`, `argrelmax` and `argrelmin`.

use sci_core::ndarray::{Array1, ArrayBase, Axis, Data, Dimension};
use sci_core::{Error, Real, Result, validate};

/// How `argrelextrema` treats neighbours beyond the ends (SciPy's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ExtremaMode {
    /// Indices beyond an end are clipped to it, so an end sample is compared with itself
    /// and is never a strict extremum (`'clip'`, the default).
    #[default]
    Clip,
    /// The signal wraps around (`'wrap'`).
    Wrap,
}

/// Indices of the samples for which `comparator(x[i], x[i ± k])` holds for every
/// `k = 1..=order` along `axis`, SciPy's `argrelextrema(data, comparator, axis, order, mode)`.
///
/// The result is NumPy's `nonzero` form: one index array per dimension of `data`, in
/// row-major order of the matching elements. Cost `O(n · order)`.
///
/// # Errors
/// [`Error::InvalidArgument`] if `order < 1`; [`Error::InvalidArgument`] for an axis out of
/// range.
///
/// ```
/// use sci_signal::{argrelextrema, ExtremaMode};
/// use sci_core::ndarray::array;
/// let x = array![2.0, 1.0, 2.0, 3.0, 2.0, 0.0, 1.0, 0.0];
/// let idx = argrelextrema(&x, |a, b| a > b, 0, 1, ExtremaMode::Clip)?;
/// assert_eq!(idx[0].to_vec(), vec![3, 6]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn argrelextrema<T, S, D, F>(
    data: &ArrayBase<S, D>,
    comparator: F,
    axis: isize,
    order: usize,
    mode: ExtremaMode,
) -> Result<Vec<Array1<usize>>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
    F: Fn(T, T) -> bool,
{
    if order < 1 {
        return Err(Error::invalid_argument("order", "must be an int >= 1"));
    }
    let axis = validate::normalize_axis(axis, data.ndim())?;
    let len = data.len_of(Axis(axis));
    let mut mask = data.map(|_| false);
    for (lane, mut out) in data.lanes(Axis(axis)).into_iter().zip(mask.lanes_mut(Axis(axis))) {
        for i in 0..len {
            let here = lane[i];
            let mut is_extremum = true;
            for shift in 1..=order {
                let (plus, minus) = match mode {
                    ExtremaMode::Clip => ((i + shift).min(len - 1), i.saturating_sub(shift)),
                    ExtremaMode::Wrap => ((i + shift) % len, (i + len - shift % len) % len),
                };
                if !(comparator(here, lane[plus]) && comparator(here, lane[minus])) {
                    is_extremum = false;
                    break;
                }
            }
            out[i] = is_extremum;
        }
    }
    let mut indices = vec![Vec::new(); data.ndim()];
    for (index, &hit) in mask.view().into_dyn().indexed_iter() {
        if hit {
            for (dim, &i) in index.slice().iter().enumerate() {
                indices[dim].push(i);
            }
        }
    }
    Ok(indices.into_iter().map(Array1::from).collect())
}

/// Relative maxima (`x[i] > x[i ± k]`), SciPy's `argrelmax(data, axis, order, mode)`.
///
/// # Errors
/// As [`argrelextrema`].
///
/// ```
/// use sci_signal::{argrelmax, ExtremaMode};
/// use sci_core::ndarray::array;
/// let x = array![[1.0, 3.0, 2.0], [4.0, 1.0, 5.0]];
/// let idx = argrelmax(&x, 1, 1, ExtremaMode::Clip)?;
/// assert_eq!((idx[0].to_vec(), idx[1].to_vec()), (vec![0], vec![1]));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn argrelmax<T, S, D>(
    data: &ArrayBase<S, D>,
    axis: isize,
    order: usize,
    mode: ExtremaMode,
) -> Result<Vec<Array1<usize>>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    argrelextrema(data, |a, b| a > b, axis, order, mode)
}

/// Relative minima (`x[i] < x[i ± k]`), SciPy's `argrelmin(data, axis, order, mode)`.
///
/// # Errors
/// As [`argrelextrema`].
///
/// ```
/// use sci_signal::{argrelmin, ExtremaMode};
/// use sci_core::ndarray::array;
/// let x = array![3.0, 1.0, 2.0, 0.5, 4.0];
/// assert_eq!(argrelmin(&x, 0, 1, ExtremaMode::Clip)?[0].to_vec(), vec![1, 3]);
/// assert_eq!(argrelmin(&x, 0, 2, ExtremaMode::Clip)?[0].to_vec(), vec![3]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn argrelmin<T, S, D>(
    data: &ArrayBase<S, D>,
    axis: isize,
    order: usize,
    mode: ExtremaMode,
) -> Result<Vec<Array1<usize>>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    argrelextrema(data, |a, b| a < b, axis, order, mode)
}
