//! `peak_prominences` and `peak_widths`.

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};
use sci_core::{Error, Real, Result};

use super::samples;

/// Prominence of each peak with the bases that define it (SciPy's `peak_prominences`).
#[derive(Debug, Clone, PartialEq)]
pub struct PeakProminences {
    /// Height of each peak above the higher of its two bases.
    pub prominences: Array1<f64>,
    /// Index of the lowest sample between the peak and the nearest higher sample on the
    /// left (or the window's left end).
    pub left_bases: Array1<usize>,
    /// Likewise on the right.
    pub right_bases: Array1<usize>,
}

/// Width of each peak at a relative height (SciPy's `peak_widths`).
#[derive(Debug, Clone, PartialEq)]
pub struct PeakWidths {
    /// `right_ips − left_ips`, in samples.
    pub widths: Array1<f64>,
    /// The height at which each width was measured: `x[peak] − prominence · rel_height`.
    pub width_heights: Array1<f64>,
    /// Interpolated left crossing of `width_heights`, in fractional samples.
    pub left_ips: Array1<f64>,
    /// Interpolated right crossing.
    pub right_ips: Array1<f64>,
}

/// Prominence of each peak: how far it rises above the higher of its two bases, where a
/// base is the lowest sample between the peak and the nearest strictly higher sample on
/// that side (or the end of the signal, or of the window `wlen` centred on the peak).
///
/// Cost `O(Σ base distances)`, at most `O(n)` per peak (`O(wlen)` with a window).
///
/// # Differences from SciPy
/// SciPy warns (`PeakPropertyWarning`) when a prominence is 0, which happens when an index
/// in `peaks` is not a local maximum; the zero is returned without a warning here.
///
/// # Errors
/// [`Error::InvalidArgument`] if a peak index is outside `x` or `wlen` is not larger than 1.
///
/// ```
/// use sci_signal::peak_prominences;
/// use sci_core::ndarray::array;
/// let x = array![0.0, 2.0, 1.0, 5.0, 0.5, 3.0, 0.0];
/// let p = peak_prominences(&x, &[1, 3, 5], None)?;
/// assert_eq!(p.prominences.to_vec(), vec![1.0, 5.0, 2.5]);
/// assert_eq!(p.left_bases.to_vec(), vec![0, 0, 4]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn peak_prominences<T, S>(
    x: &ArrayBase<S, Ix1>,
    peaks: &[usize],
    wlen: Option<f64>,
) -> Result<PeakProminences>
where
    T: Real,
    S: Data<Elem = T>,
{
    let x = samples(x);
    prominences_of(&x, peaks, window(wlen)?)
}

/// Width of each peak at `rel_height` of its prominence: the distance between the points
/// where a horizontal line at `x[peak] − rel_height · prominence` crosses the signal on
/// either side, interpolated linearly and limited to the peak's bases. `rel_height = 0.5`
/// gives the full width at half maximum (of the prominence), `1.0` the width at the
/// higher base.
///
/// `prominence_data` reuses [`peak_prominences`]' result; without it the prominences are
/// computed here with window `wlen`.
///
/// # Differences from SciPy
/// No warning for zero widths (see [`peak_prominences`]).
///
/// # Errors
/// [`Error::InvalidArgument`] for `rel_height < 0`, a peak outside `x`, prominence data
/// of another length or inconsistent with the peaks, or `wlen ≤ 1`.
///
/// ```
/// use sci_signal::peak_widths;
/// use sci_core::ndarray::array;
/// let x = array![0.0, 1.0, 2.0, 1.0, 0.0];
/// let w = peak_widths(&x, &[2], 0.5, None, None)?;
/// assert_eq!(w.widths[0], 2.0);
/// assert_eq!((w.left_ips[0], w.right_ips[0]), (1.0, 3.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn peak_widths<T, S>(
    x: &ArrayBase<S, Ix1>,
    peaks: &[usize],
    rel_height: f64,
    prominence_data: Option<&PeakProminences>,
    wlen: Option<f64>,
) -> Result<PeakWidths>
where
    T: Real,
    S: Data<Elem = T>,
{
    let x = samples(x);
    let computed;
    let data = match prominence_data {
        Some(d) => d,
        None => {
            computed = prominences_of(&x, peaks, window(wlen)?)?;
            &computed
        }
    };
    widths_of(&x, peaks, rel_height, data)
}

/// SciPy's `wlen` rule: `None` → no window, `> 1` → rounded up to whole samples.
pub(super) fn window(wlen: Option<f64>) -> Result<Option<usize>> {
    match wlen {
        None => Ok(None),
        Some(w) if w > 1.0 && w.is_finite() => Ok(Some(w.ceil() as usize)),
        Some(w) if w == f64::INFINITY => Ok(None),
        Some(w) => Err(Error::invalid_argument("wlen", format!("must be larger than 1, was {w}"))),
    }
}

pub(super) fn prominences_of<T: Real>(
    x: &[T],
    peaks: &[usize],
    wlen: Option<usize>,
) -> Result<PeakProminences> {
    use rayon::prelude::*;
    let n = x.len();
    if let Some(&bad) = peaks.iter().find(|&&p| p >= n) {
        return Err(Error::invalid_argument(
            "peaks",
            format!("peak {bad} is not a valid index for `x` of length {n}"),
        ));
    }
    // Each peak's base search is independent: many peaks are searched in parallel.
    let one = |&peak: &usize| prominence_of(x, peak, wlen);
    let found: Vec<(f64, usize, usize)> = if peaks.len() >= PARALLEL_PEAKS {
        sci_core::install(|| peaks.par_iter().map(one).collect())
    } else {
        peaks.iter().map(one).collect()
    };
    Ok(PeakProminences {
        prominences: found.iter().map(|f| f.0).collect(),
        left_bases: found.iter().map(|f| f.1).collect(),
        right_bases: found.iter().map(|f| f.2).collect(),
    })
}

/// Below this many peaks the base searches run on the calling thread.
const PARALLEL_PEAKS: usize = 2048;

/// `(prominence, left base, right base)` of the valid index `peak`.
fn prominence_of<T: Real>(x: &[T], peak: usize, wlen: Option<usize>) -> (f64, usize, usize) {
    let n = x.len();
    let (lo, hi) = match wlen {
        Some(w) => (peak.saturating_sub(w / 2), (peak + w / 2).min(n - 1)),
        None => (0, n - 1),
    };
    let top = x[peak];
    let (left_min, left_base) = lowest_before_higher::<T, true>(&x[lo..=peak], top);
    let (right_min, right_base) = lowest_before_higher::<T, false>(&x[peak..=hi], top);
    (top.as_f64() - left_min.max(right_min).as_f64(), peak - left_base, peak + right_base)
}

/// Samples per block of [`lowest_before_higher`]'s vectorized scan.
const SCAN_BLOCK: usize = 8;

/// Walks outward from a peak of height `top` until a sample is higher than `top` or NaN, and
/// returns the lowest value seen and its offset from the peak (the nearest one at that
/// value). The walk visits `s[0], s[1], …` (`LEFT = false`) or `s[len-1], s[len-2], …`
/// (`LEFT = true`); the first visited sample is the peak.
///
/// Whole blocks of samples that are all `<= top` are checked and reduced without branches
/// (the compiler turns the fixed-size folds into vector compares), so long searches run at
/// memory speed; the block holding the end of the search is finished sample by sample.
fn lowest_before_higher<T: Real, const LEFT: bool>(s: &[T], top: T) -> (T, usize) {
    let n = s.len();
    // Physical index of the k-th visited sample.
    let at_step = |k: usize| if LEFT { n - 1 - k } else { k };
    let (mut low, mut at) = (top, 0);
    let mut k = 0;
    while k + SCAN_BLOCK <= n {
        let range = if LEFT { n - k - SCAN_BLOCK..n - k } else { k..k + SCAN_BLOCK };
        let Ok(block) = <&[T; SCAN_BLOCK]>::try_from(&s[range]) else { break };
        // `<=` is false for NaN, which ends a search as in SciPy.
        let all_not_higher = block.iter().fold(true, |ok, &v| ok & (v <= top));
        if !all_not_higher {
            break;
        }
        let block_low = block.iter().fold(top, |m, &v| if v < m { v } else { m });
        if block_low < low {
            low = block_low;
            // Nearest to the peak: the last match in memory order when walking left.
            let pos = if LEFT {
                SCAN_BLOCK - 1 - block.iter().rposition(|&v| v == block_low).unwrap_or(SCAN_BLOCK - 1)
            } else {
                block.iter().position(|&v| v == block_low).unwrap_or(0)
            };
            at = k + pos;
        }
        k += SCAN_BLOCK;
    }
    while k < n {
        let v = s[at_step(k)];
        let not_higher = v <= top;
        if !not_higher {
            break;
        }
        if v < low {
            low = v;
            at = k;
        }
        k += 1;
    }
    (low, at)
}

pub(super) fn widths_of<T: Real>(
    x: &[T],
    peaks: &[usize],
    rel_height: f64,
    data: &PeakProminences,
) -> Result<PeakWidths> {
    if rel_height.is_nan() || rel_height < 0.0 {
        return Err(Error::invalid_argument(
            "rel_height",
            format!("must be greater or equal to 0.0, was {rel_height}"),
        ));
    }
    let m = peaks.len();
    if data.prominences.len() != m || data.left_bases.len() != m || data.right_bases.len() != m {
        return Err(Error::invalid_argument(
            "prominence_data",
            "arrays must have the same length as `peaks`",
        ));
    }
    let n = x.len();
    let mut out = PeakWidths {
        widths: Array1::zeros(m),
        width_heights: Array1::zeros(m),
        left_ips: Array1::zeros(m),
        right_ips: Array1::zeros(m),
    };
    for (p, &peak) in peaks.iter().enumerate() {
        let (lo, hi) = (data.left_bases[p], data.right_bases[p]);
        if !(lo <= peak && peak <= hi && hi < n) {
            return Err(Error::invalid_argument("prominence_data", format!("is invalid for peak {peak}")));
        }
        let height = x[peak].as_f64() - data.prominences[p] * rel_height;
        let mut i = peak;
        while lo < i && height < x[i].as_f64() {
            i -= 1;
        }
        let mut left = i as f64;
        if x[i].as_f64() < height {
            left += (height - x[i].as_f64()) / (x[i + 1].as_f64() - x[i].as_f64());
        }
        let mut i = peak;
        while i < hi && height < x[i].as_f64() {
            i += 1;
        }
        let mut right = i as f64;
        if x[i].as_f64() < height {
            right -= (height - x[i].as_f64()) / (x[i - 1].as_f64() - x[i].as_f64());
        }
        out.width_heights[p] = height;
        out.left_ips[p] = left;
        out.right_ips[p] = right;
        out.widths[p] = right - left;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The sample-by-sample search the blocked one must reproduce.
    fn naive(samples: &[f64], top: f64) -> (f64, usize) {
        let (mut low, mut at) = (top, 0);
        for (k, &v) in samples.iter().enumerate() {
            let not_higher = v <= top;
            if !not_higher {
                break;
            }
            if v < low {
                low = v;
                at = k;
            }
        }
        (low, at)
    }

    #[test]
    fn blocked_search_matches_sample_by_sample() {
        // Quantized values make ties common; NaN and higher samples end searches at every
        // offset within a block.
        let x: Vec<f64> = (0..4000)
            .map(|i: usize| match (i * 7919) % 97 {
                0 => f64::NAN,
                r => ((r * 31) % 13) as f64 - 6.0,
            })
            .collect();
        for start in 0..300 {
            for len in [1, 2, 7, 8, 9, 17, 64, 400] {
                let seg = &x[start..(start + len).min(x.len())];
                for top in [0.0, 3.0, 6.0, 7.0] {
                    assert_eq!(
                        lowest_before_higher::<f64, false>(seg, top),
                        naive(seg, top),
                        "{start} {len} {top}"
                    );
                    let rev: Vec<f64> = seg.iter().rev().copied().collect();
                    assert_eq!(lowest_before_higher::<f64, true>(seg, top), naive(&rev, top));
                }
            }
        }
    }
}
