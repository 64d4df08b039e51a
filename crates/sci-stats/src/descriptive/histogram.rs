//! Equal-width histograms (`numpy.histogram` with an integer bin count) and binned
//! statistics (`scipy.stats.binned_statistic`).

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{csum, sort};
use crate::descriptive::quantile::median_sorted;

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

/// The statistic [`binned_statistic`] computes in each bin (SciPy's `statistic` strings).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BinStatistic {
    /// Mean of the values in the bin (`'mean'`), the default; NaN for an empty bin.
    #[default]
    Mean,
    /// Standard deviation (`ddof = 0`, `'std'`); NaN for an empty bin.
    Std,
    /// Median (`'median'`); NaN for an empty bin.
    Median,
    /// Number of values (`'count'`).
    Count,
    /// Sum of the values (`'sum'`); 0 for an empty bin.
    Sum,
    /// Smallest value (`'min'`); NaN for an empty bin.
    Min,
    /// Largest value (`'max'`); NaN for an empty bin.
    Max,
}

/// The result of [`binned_statistic`].
#[derive(Debug, Clone, PartialEq)]
pub struct BinnedStatisticResult {
    /// The statistic in each bin.
    pub statistic: Array1<f64>,
    /// The `bins + 1` bin edges.
    pub bin_edges: Array1<f64>,
    /// For each input, its bin number: `1..=bins` inside the range, 0 below, `bins + 1` above
    /// (SciPy's `binnumber`).
    pub binnumber: Array1<usize>,
}

/// A statistic of `values` in equal-width bins of `x` (`scipy.stats.binned_statistic`):
/// `bins` bins over `range` (default: the range of `x`), the rightmost bin closed. O(n)
/// (O(n log n) for the median).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{binned_statistic, BinStatistic};
/// let x = array![0.5, 1.5, 1.7, 2.5, 3.0];
/// let v = array![1.0, 2.0, 4.0, 8.0, 16.0];
/// let r = binned_statistic(&x, &v, BinStatistic::Mean, 3, None)?;
/// assert_eq!(r.statistic.to_vec(), vec![1.0, 3.0, 12.0]);
/// assert_eq!(r.binnumber.to_vec(), vec![1, 2, 2, 3, 3]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] if `x` and `values` differ in length; [`Error::InvalidArgument`]
/// for `bins = 0`, an inverted or non-finite range.
pub fn binned_statistic<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    values: &ArrayBase<S2, Ix1>,
    statistic: BinStatistic,
    bins: usize,
    range: Option<(f64, f64)>,
) -> Result<BinnedStatisticResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    sci_core::validate::check_same_len("x", x.len(), "values", values.len())?;
    let edges = histogram_with(x, bins, &HistogramOptions { range, density: false })?.bin_edges;
    let last = edges[bins];
    let min_width = edges.windows(2).into_iter().map(|w| w[1] - w[0]).fold(f64::INFINITY, f64::min);
    if min_width == 0.0 {
        return Err(Error::invalid_argument("bins", "the smallest edge difference is numerically 0"));
    }
    // SciPy moves values that round (to 6 digits below the bin width) onto the last edge
    // into the last bin.
    let decimal = (-min_width.log10()) as i32 + 6;
    let round = |v: f64| {
        let s = 10f64.powi(decimal);
        (v * s).round_ties_even() / s
    };
    let binnumber: Array1<usize> = x.mapv(|v| {
        let mut b = edges.as_slice().map_or(0, |e| e.partition_point(|&t| t <= v));
        if v >= last && round(v) == round(last) {
            b -= 1;
        }
        b
    });
    let mut groups: Vec<Vec<f64>> = vec![Vec::new(); bins];
    for (&b, &v) in binnumber.iter().zip(values.iter()) {
        if (1..=bins).contains(&b) {
            groups[b - 1].push(v);
        }
    }
    let stat = Array1::from_iter(groups.into_iter().map(|mut g| {
        let n = g.len() as f64;
        match statistic {
            BinStatistic::Count => n,
            BinStatistic::Sum => csum(g.iter().copied()),
            _ if g.is_empty() => f64::NAN,
            BinStatistic::Mean => csum(g.iter().copied()) / n,
            BinStatistic::Std => {
                let m = csum(g.iter().copied()) / n;
                (csum(g.iter().map(|v| (v - m) * (v - m))) / n).sqrt()
            }
            BinStatistic::Median => {
                sort(&mut g);
                median_sorted(&g)
            }
            BinStatistic::Min => g.iter().copied().fold(f64::INFINITY, f64::min),
            BinStatistic::Max => g.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        }
    }));
    Ok(BinnedStatisticResult { statistic: stat, bin_edges: edges, binnumber })
}
