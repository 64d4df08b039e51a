//! Equal-width histograms (`numpy.histogram` with an integer bin count).

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

/// The result of [`histogram`]: counts per bin and the `bins + 1` bin edges.
#[derive(Debug, Clone, PartialEq)]
pub struct Histogram {
    /// Number of values in each bin (as `f64`, like weighted histograms).
    pub counts: Array1<f64>,
    /// Bin edges, increasing; bin `i` is `[edges[i], edges[i + 1])`, the last one closed.
    pub bin_edges: Array1<f64>,
}

/// Options of [`histogram_with`].
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HistogramOptions {
    /// The lower and upper range of the bins (default: the data's minimum and maximum);
    /// values outside are ignored.
    pub range: Option<(f64, f64)>,
    /// Normalize to a probability density (counts divided by `n · bin width`), numpy's
    /// `density=True`.
    pub density: bool,
}

/// Histogram of `a` with `bins` equal-width bins spanning its range (`numpy.histogram(a,
/// bins)`), with numpy's bin edges (`linspace`) and assignment rule (left-closed bins, the
/// last also right-closed). O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let h = sci_stats::histogram(&array![1.0, 2.0, 2.0, 3.0, 4.0], 3)?;
/// assert_eq!(h.counts.to_vec(), vec![1.0, 2.0, 2.0]);
/// assert_eq!(h.bin_edges.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for `bins = 0` or a non-finite range (NaN or infinite data);
/// see [`histogram_with`].
pub fn histogram<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, bins: usize) -> Result<Histogram> {
    histogram_with(a, bins, &HistogramOptions::default())
}

/// [`histogram`] with numpy's `range` and `density`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{histogram_with, HistogramOptions};
/// let o = HistogramOptions { range: Some((0.0, 10.0)), density: true };
/// let h = histogram_with(&array![1.0, 2.0, 7.0, 11.0], 2, &o)?;
/// assert_eq!(h.counts.to_vec(), vec![2.0 / 15.0, 1.0 / 15.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for `bins = 0`, a range whose lower end exceeds the upper, or
/// a non-finite range (numpy's "autodetected range is not finite").
pub fn histogram_with<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    bins: usize,
    options: &HistogramOptions,
) -> Result<Histogram> {
    if bins == 0 {
        return Err(Error::invalid_argument("bins", "must be at least 1"));
    }
    let (mut first, mut last) = match options.range {
        Some((lo, hi)) => {
            if lo > hi {
                return Err(Error::invalid_argument(
                    "range",
                    format!("max must be larger than min, got ({lo}, {hi})"),
                ));
            }
            (lo, hi)
        }
        None if a.is_empty() => (0.0, 1.0),
        None => a.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v))),
    };
    if !(first.is_finite() && last.is_finite()) || a.iter().any(|v| v.is_nan()) && options.range.is_none() {
        return Err(Error::invalid_argument("range", format!("range [{first}, {last}] is not finite")));
    }
    if first == last {
        first -= 0.5;
        last += 0.5;
    }
    // numpy.linspace(first, last, bins + 1).
    let step = (last - first) / bins as f64;
    let mut edges = Array1::from_shape_fn(bins + 1, |i| i as f64 * step + first);
    edges[bins] = last;
    let norm = bins as f64 / (last - first);
    let mut counts = Array1::<f64>::zeros(bins);
    for &v in a.iter() {
        if !(v >= first && v <= last) {
            continue;
        }
        let mut i = ((v - first) * norm) as usize;
        if i == bins {
            i -= 1;
        }
        if v < edges[i] {
            i -= 1;
        } else if i != bins - 1 && v >= edges[i + 1] {
            i += 1;
        }
        counts[i] += 1.0;
    }
    if options.density {
        let total = counts.sum();
        for (i, c) in counts.iter_mut().enumerate() {
            *c /= total * (edges[i + 1] - edges[i]);
        }
    }
    Ok(Histogram { counts, bin_edges: edges })
}
