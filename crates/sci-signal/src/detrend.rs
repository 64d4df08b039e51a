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
    for mut lane in out.lanes_mut(Axis(ax)) {
        for seg in edges.windows(2) {
            let (lo, hi) = (seg[0], seg[1]);
            let m = (hi - lo) as f64;
            let t_mean = (m + 1.0) / 2.0;
            let y_mean = (lo..hi).map(|i| lane[i].as_f64()).sum::<f64>() / m;
            let (mut sty, mut stt) = (0.0, 0.0);
            for (k, i) in (lo..hi).enumerate() {
                let dt = (k + 1) as f64 - t_mean;
                sty += dt * (lane[i].as_f64() - y_mean);
                stt += dt * dt;
            }
            let slope = if stt > 0.0 { sty / stt } else { 0.0 };
            for (k, i) in (lo..hi).enumerate() {
                let fit = y_mean + slope * ((k + 1) as f64 - t_mean);
                lane[i] = T::from_f64(lane[i].as_f64() - fit);
            }
        }
    }
    Ok(out)
}
