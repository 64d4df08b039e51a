//! Removing a constant or (piecewise) linear trend: SciPy's `detrend`.

use sci_core::ndarray::{Array, ArrayBase, Axis, Data, Dimension};
use sci_core::{Error, Real, Result, Scalar, validate};

/// What [`detrend`] removes (SciPy's `type`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DetrendType {
    /// The least-squares line of each segment between breakpoints (`'linear'`, default).
    #[default]
    Linear,
    /// The mean (`'constant'`; breakpoints are ignored, as in SciPy).
    Constant,
}

/// Options of [`detrend_with`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DetrendOptions {
    /// Axis along which to detrend; negative counts from the end (default `-1`).
    pub axis: isize,
    /// Linear or constant.
    pub kind: DetrendType,
    /// Breakpoints for a piecewise-linear fit: each segment `[bp[i], bp[i+1])` gets its own
    /// line (SciPy's `bp`). Unsorted and repeated values are allowed.
    pub bp: Vec<usize>,
}

/// Removes the least-squares line along the last axis, SciPy's `detrend(data)`.
///
/// # Errors
/// As [`detrend_with`].
///
/// ```
/// use sci_signal::detrend;
/// use sci_core::ndarray::array;
/// let y = detrend(&array![1.0_f64, 3.0, 5.0, 7.0])?;
/// assert!(y.iter().all(|v| v.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn detrend<T, S, D>(data: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    detrend_with(data, &DetrendOptions { axis: -1, ..Default::default() })
}

/// Removes a constant or piecewise-linear trend along `axis`, SciPy's
/// `detrend(data, axis, type, bp)`. Each linear segment is fitted in centred form
/// (`ȳ + b (t − t̄)`), which is the least-squares line SciPy's `lstsq` returns, computed
/// without forming normal equations. `O(n)`.
///
/// # Errors
/// [`Error::InvalidArgument`] for an axis out of range or a breakpoint beyond the length of
/// the axis.
///
/// ```
/// use sci_signal::{detrend_with, DetrendOptions, DetrendType};
/// use sci_core::ndarray::array;
/// let x = array![0.0_f64, 1.0, 2.0, 10.0, 8.0, 6.0];
/// let y = detrend_with(&x, &DetrendOptions { axis: 0, kind: DetrendType::Linear, bp: vec![3] })?;
/// assert!(y.iter().all(|v| v.abs() < 1e-14));
/// let c = detrend_with(&x, &DetrendOptions { kind: DetrendType::Constant, axis: -1, ..Default::default() })?;
/// assert!((c.sum()).abs() < 1e-13);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn detrend_with<T, S, D>(data: &ArrayBase<S, D>, options: &DetrendOptions) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ax = validate::normalize_axis(options.axis, data.ndim())?;
    let n = data.len_of(Axis(ax));
    let mut out = data.to_owned();
    if options.kind == DetrendType::Constant {
        for mut lane in out.lanes_mut(Axis(ax)) {
            if n > 0 {
                let mean = lane.iter().map(|v| v.as_f64()).sum::<f64>() / n as f64;
                lane.mapv_inplace(|v| T::from_f64(v.as_f64() - mean));
            }
        }
        return Ok(out);
    }
    if let Some(&bad) = options.bp.iter().find(|&&b| b > n) {
        return Err(Error::invalid_argument(
            "bp",
            format!(
                "breakpoint {bad} must be less than or equal to the length {n} of the data along the axis"
            ),
        ));
    }
    let mut edges: Vec<usize> = options.bp.iter().copied().chain([0, n]).collect();
    edges.sort_unstable();
    edges.dedup();
    let mut buf = vec![0.0; n];
    for mut lane in out.lanes_mut(Axis(ax)) {
        for (b, v) in buf.iter_mut().zip(lane.iter()) {
            *b = v.as_f64();
        }
        for seg in edges.windows(2) {
            remove_line(&mut buf[seg[0]..seg[1]]);
        }
        for (v, b) in lane.iter_mut().zip(&buf) {
            *v = T::from_f64(*b);
        }
    }
    Ok(out)
}

/// Subtracts the least-squares line from `y` in place (centred form: `ȳ + b (t − t̄)`).
pub(crate) fn remove_line(y: &mut [f64]) {
    let m = y.len() as f64;
    if y.is_empty() {
        return;
    }
    let t_mean = (m - 1.0) / 2.0;
    let y_mean = y.iter().sum::<f64>() / m;
    let (mut sty, mut stt) = (0.0, 0.0);
    for (k, v) in y.iter().enumerate() {
        let dt = k as f64 - t_mean;
        sty += dt * (v - y_mean);
        stt += dt * dt;
    }
    let slope = if stt > 0.0 { sty / stt } else { 0.0 };
    for (k, v) in y.iter_mut().enumerate() {
        *v -= y_mean + slope * (k as f64 - t_mean);
    }
}

/// Subtracts the mean from `y` in place.
pub(crate) fn remove_mean(y: &mut [f64]) {
    if y.is_empty() {
        return;
    }
    let mean = y.iter().sum::<f64>() / y.len() as f64;
    y.iter_mut().for_each(|v| *v -= mean);
}
