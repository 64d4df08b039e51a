//! Peak finding: SciPy's `find_peaks` with its conditions on height, threshold, distance,
//! prominence, width and plateau size, and the per-peak properties it reports.

mod maxima;
mod prominence;

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Real, Result};

pub use prominence::{PeakProminences, PeakWidths, peak_prominences, peak_widths};

/// An interval condition on a peak property (SciPy passes a number for the minimum or a
/// `(min, max)` pair with `None` for an open end). Both ends are inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Interval {
    /// Smallest accepted value, if any.
    pub min: Option<f64>,
    /// Largest accepted value, if any.
    pub max: Option<f64>,
}

impl Interval {
    /// `[min, ∞)`, SciPy's plain number.
    ///
    /// ```
    /// use sci_signal::Interval;
    /// assert_eq!(Interval::at_least(2.0), Interval { min: Some(2.0), max: None });
    /// ```
    pub fn at_least(min: f64) -> Self {
        Interval { min: Some(min), max: None }
    }

    /// `[min, max]`, SciPy's `(min, max)`.
    ///
    /// ```
    /// use sci_signal::Interval;
    /// assert_eq!(Interval::between(1.0, 3.0).max, Some(3.0));
    /// ```
    pub fn between(min: f64, max: f64) -> Self {
        Interval { min: Some(min), max: Some(max) }
    }

    /// `(−∞, max]`, SciPy's `(None, max)`.
    ///
    /// ```
    /// use sci_signal::Interval;
    /// assert_eq!(Interval::at_most(4.0).min, None);
    /// ```
    pub fn at_most(max: f64) -> Self {
        Interval { min: None, max: Some(max) }
    }

    /// Whether `v` lies in the interval (NaN never does once a bound is set).
    fn contains(&self, v: f64) -> bool {
        self.min.is_none_or(|lo| lo <= v) && self.max.is_none_or(|hi| v <= hi)
    }
}

/// Options of [`find_peaks_with`]: SciPy's keyword arguments. `None` means "no condition"
/// and also "do not report the property".
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FindPeaksOptions {
    /// Required peak height.
    pub height: Option<Interval>,
    /// Required vertical distance to both neighbouring samples.
    pub threshold: Option<Interval>,
    /// Minimal horizontal distance (≥ 1 sample) between peaks; smaller peaks are removed
    /// first.
    pub distance: Option<f64>,
    /// Required prominence.
    pub prominence: Option<Interval>,
    /// Required width (in samples) at `rel_height`.
    pub width: Option<Interval>,
    /// Window length for prominences (and hence widths), in samples; `None` uses the
    /// whole signal.
    pub wlen: Option<f64>,
    /// Relative height at which widths are measured (default 0.5).
    pub rel_height: f64,
    /// Required plateau size (number of equal samples at the top).
    pub plateau_size: Option<Interval>,
}

impl Default for FindPeaksOptions {
    fn default() -> Self {
        FindPeaksOptions {
            height: None,
            threshold: None,
            distance: None,
            prominence: None,
            width: None,
            wlen: None,
            rel_height: 0.5,
            plateau_size: None,
        }
    }
}

/// The properties SciPy's `find_peaks` returns in its dictionary. Each is present exactly
/// when the condition that computes it was given, and is aligned with [`Peaks::peaks`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PeakProperties {
    /// With `plateau_size`: samples at each peak's top.
    pub plateau_sizes: Option<Array1<usize>>,
    /// With `plateau_size`: first sample of each plateau.
    pub left_edges: Option<Array1<usize>>,
    /// With `plateau_size`: last sample of each plateau.
    pub right_edges: Option<Array1<usize>>,
    /// With `height`: `x[peak]`.
    pub peak_heights: Option<Array1<f64>>,
    /// With `threshold`: `x[peak] − x[peak − 1]`.
    pub left_thresholds: Option<Array1<f64>>,
    /// With `threshold`: `x[peak] − x[peak + 1]`.
    pub right_thresholds: Option<Array1<f64>>,
    /// With `prominence` or `width`: see [`peak_prominences`].
    pub prominences: Option<Array1<f64>>,
    /// With `prominence` or `width`.
    pub left_bases: Option<Array1<usize>>,
    /// With `prominence` or `width`.
    pub right_bases: Option<Array1<usize>>,
    /// With `width`: see [`peak_widths`].
    pub widths: Option<Array1<f64>>,
    /// With `width`.
    pub width_heights: Option<Array1<f64>>,
    /// With `width`.
    pub left_ips: Option<Array1<f64>>,
    /// With `width`.
    pub right_ips: Option<Array1<f64>>,
}

/// Peak indices and their properties.
#[derive(Debug, Clone, PartialEq)]
pub struct Peaks {
    /// Indices of the peaks (plateau midpoints), ascending.
    pub peaks: Array1<usize>,
    /// The properties computed for the given conditions.
    pub properties: PeakProperties,
}

/// All local maxima of `x` (SciPy's `find_peaks(x)` with no conditions).
///
/// # Errors
/// None in practice for a 1-D input; the signature matches [`find_peaks_with`].
///
/// ```
/// use sci_signal::find_peaks;
/// use sci_core::ndarray::array;
/// let x = array![0.0, 2.0, 1.0, 1.0, 3.0, 3.0, 0.0];
/// assert_eq!(find_peaks(&x)?.peaks.to_vec(), vec![1, 4]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn find_peaks<T, S>(x: &ArrayBase<S, Ix1>) -> Result<Peaks>
where
    T: Real,
    S: Data<Elem = T>,
{
    find_peaks_with(x, &FindPeaksOptions::default())
}

/// Peaks of `x` that satisfy the given conditions, applied in SciPy's order: plateau size,
/// height, threshold, distance, prominence, width. A peak is a sample (or the middle of a
/// plateau of equal samples) higher than both neighbours; the first and last samples are
/// never peaks. Values are compared in `f64`, as SciPy converts its input.
///
/// Cost: `O(n)` for the candidates plus `O(k log k)` for `distance` and the base searches
/// for `prominence`/`width` (`O(n)` per peak at worst, `O(wlen)` with a window).
///
/// # Differences from SciPy
/// Interval conditions are scalars (SciPy also accepts arrays aligned with `x`). Among
/// peaks of exactly equal height, `distance` keeps the later one first (SciPy's order
/// depends on NumPy's unstable sort). No `PeakPropertyWarning`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `distance < 1`, `wlen ≤ 1` or `rel_height < 0`.
///
/// ```
/// use sci_signal::{find_peaks_with, FindPeaksOptions, Interval};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(200, |i| (i as f64 * 0.2).sin() + 0.1 * ((i * 7) % 5) as f64);
/// let opts = FindPeaksOptions { prominence: Some(Interval::at_least(1.0)), distance: Some(20.0), ..Default::default() };
/// let found = find_peaks_with(&x, &opts)?;
/// assert!(found.peaks.len() >= 5);
/// assert!(found.properties.prominences.unwrap().iter().all(|&p| p >= 1.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn find_peaks_with<T, S>(x: &ArrayBase<S, Ix1>, options: &FindPeaksOptions) -> Result<Peaks>
where
    T: Real,
    S: Data<Elem = T>,
{
    if let Some(d) = options.distance
        && (d.is_nan() || d < 1.0)
    {
        return Err(Error::invalid_argument("distance", format!("must be greater or equal to 1, was {d}")));
    }
    let wlen = prominence::window(options.wlen)?;
    if options.width.is_some() && (options.rel_height.is_nan() || options.rel_height < 0.0) {
        let reason = format!("must be greater or equal to 0.0, was {}", options.rel_height);
        return Err(Error::invalid_argument("rel_height", reason));
    }
    let x = samples(x);
    let x: &[T] = &x;
    let maxima = maxima::local_maxima(x);
    let edges = options.plateau_size.map(|_| maxima.edges());
    let mut sel = Selection { peaks: maxima.mid, props: PeakProperties::default() };
    if let (Some(cond), Some((left_edges, right_edges))) = (options.plateau_size, edges) {
        let sizes: Vec<usize> = left_edges.iter().zip(&right_edges).map(|(l, r)| r - l + 1).collect();
        let keep: Vec<bool> = sizes.iter().map(|&s| cond.contains(s as f64)).collect();
        sel.props.plateau_sizes = Some(Array1::from(sizes));
        sel.props.left_edges = Some(Array1::from(left_edges));
        sel.props.right_edges = Some(Array1::from(right_edges));
        sel.retain(&keep);
    }
    if let Some(cond) = options.height {
        let heights: Vec<f64> = sel.peaks.iter().map(|&p| x[p].as_f64()).collect();
        let keep: Vec<bool> = heights.iter().map(|&h| cond.contains(h)).collect();
        sel.props.peak_heights = Some(Array1::from(heights));
        sel.retain(&keep);
    }
    if let Some(cond) = options.threshold {
        let left: Vec<f64> = sel.peaks.iter().map(|&p| x[p].as_f64() - x[p - 1].as_f64()).collect();
        let right: Vec<f64> = sel.peaks.iter().map(|&p| x[p].as_f64() - x[p + 1].as_f64()).collect();
        let keep: Vec<bool> = left
            .iter()
            .zip(&right)
            .map(|(&l, &r)| {
                cond.min.is_none_or(|lo| lo <= l.min(r)) && cond.max.is_none_or(|hi| l.max(r) <= hi)
            })
            .collect();
        sel.props.left_thresholds = Some(Array1::from(left));
        sel.props.right_thresholds = Some(Array1::from(right));
        sel.retain(&keep);
    }
    if let Some(distance) = options.distance {
        let priority: Vec<f64> = sel.peaks.iter().map(|&p| x[p].as_f64()).collect();
        let keep = maxima::select_by_distance(&sel.peaks, &priority, distance);
        sel.retain(&keep);
    }
    if options.prominence.is_some() || options.width.is_some() {
        let p = prominence::prominences_of(x, &sel.peaks, wlen)?;
        sel.props.prominences = Some(p.prominences);
        sel.props.left_bases = Some(p.left_bases);
        sel.props.right_bases = Some(p.right_bases);
    }
    if let Some(cond) = options.prominence {
        let keep: Vec<bool> = sel.props.prominences.iter().flatten().map(|&v| cond.contains(v)).collect();
        sel.retain(&keep);
    }
    if let Some(cond) = options.width {
        let data = PeakProminences {
            prominences: sel.props.prominences.clone().unwrap_or_default(),
            left_bases: sel.props.left_bases.clone().unwrap_or_default(),
            right_bases: sel.props.right_bases.clone().unwrap_or_default(),
        };
        let w = prominence::widths_of(x, &sel.peaks, options.rel_height, &data)?;
        let keep: Vec<bool> = w.widths.iter().map(|&v| cond.contains(v)).collect();
        sel.props.widths = Some(w.widths);
        sel.props.width_heights = Some(w.width_heights);
        sel.props.left_ips = Some(w.left_ips);
        sel.props.right_ips = Some(w.right_ips);
        sel.retain(&keep);
    }
    Ok(Peaks { peaks: Array1::from(sel.peaks), properties: sel.props })
}

/// The surviving peaks and their properties, filtered together.
struct Selection {
    peaks: Vec<usize>,
    props: PeakProperties,
}

impl Selection {
    fn retain(&mut self, keep: &[bool]) {
        if keep.iter().all(|&k| k) {
            return;
        }
        self.peaks = filter(&self.peaks, keep);
        let p = &mut self.props;
        for a in [
            &mut p.plateau_sizes,
            &mut p.left_edges,
            &mut p.right_edges,
            &mut p.left_bases,
            &mut p.right_bases,
        ] {
            if let Some(v) = a.as_mut() {
                *v = Array1::from(filter(v.as_slice().unwrap_or(&[]), keep));
            }
        }
        for a in [
            &mut p.peak_heights,
            &mut p.left_thresholds,
            &mut p.right_thresholds,
            &mut p.prominences,
            &mut p.widths,
            &mut p.width_heights,
            &mut p.left_ips,
            &mut p.right_ips,
        ] {
            if let Some(v) = a.as_mut() {
                *v = Array1::from(filter(v.as_slice().unwrap_or(&[]), keep));
            }
        }
    }
}

fn filter<V: Copy>(values: &[V], keep: &[bool]) -> Vec<V> {
    values.iter().zip(keep).filter(|(_, k)| **k).map(|(v, _)| *v).collect()
}

/// The samples as a slice: borrowed when contiguous, copied otherwise. Values are compared
/// in their own type and widened to `f64` for arithmetic (exact for `f32`), which is what
/// SciPy's float64 copy computes.
fn samples<'a, T: Real, S: Data<Elem = T>>(x: &'a ArrayBase<S, Ix1>) -> std::borrow::Cow<'a, [T]> {
    match x.as_slice() {
        Some(s) => std::borrow::Cow::Borrowed(s),
        None => std::borrow::Cow::Owned(x.to_vec()),
    }
}
