//! The candidate peaks of `find_peaks` and the selections that do not need prominences.

use sci_core::Real;

/// The local maxima of a signal: midpoints, plus the edges of the few that are plateaus.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Maxima {
    /// Midpoint of each maximum, ascending.
    pub(super) mid: Vec<usize>,
    /// `(position in mid, left edge, right edge)` of each maximum wider than one sample;
    /// every other maximum is its own left and right edge.
    plateaus: Vec<(usize, usize, usize)>,
}

impl Maxima {
    /// Left and right edges of every maximum.
    pub(super) fn edges(&self) -> (Vec<usize>, Vec<usize>) {
        let (mut left, mut right) = (self.mid.clone(), self.mid.clone());
        for &(k, l, r) in &self.plateaus {
            left[k] = l;
            right[k] = r;
        }
        (left, right)
    }
}

/// Local maxima of `x`, flat plateaus included: a sample (or run of equal samples) with a
/// strictly smaller neighbour on each side. The midpoint of an even-length plateau is its
/// left-middle sample, as in SciPy. The first and last samples are never maxima; NaN
/// compares false, so it neither is nor bounds one.
///
/// Whether a rise `x[i-1] < x[i]` starts a maximum depends only on the first later sample
/// that differs from `x[i]`, so long signals are scanned in parallel chunks of rise
/// positions (a plateau may run past its chunk's end) with the same result as one scan.
pub(super) fn local_maxima<T: Real>(x: &[T]) -> Maxima {
    use rayon::prelude::*;
    let n = x.len();
    if n < 3 {
        return Maxima { mid: Vec::new(), plateaus: Vec::new() };
    }
    if n < PARALLEL_SCAN || sci_core::num_threads() < 2 {
        return maxima_in(x, 1, n - 1);
    }
    let starts: Vec<usize> = (1..n - 1).step_by(SCAN_CHUNK).collect();
    let parts: Vec<Maxima> = sci_core::install(|| {
        starts.par_iter().map(|&s| maxima_in(x, s, (s + SCAN_CHUNK).min(n - 1))).collect()
    });
    let total = parts.iter().map(|p| p.mid.len()).sum();
    let mut all = Maxima { mid: Vec::with_capacity(total), plateaus: Vec::new() };
    for part in parts {
        let offset = all.mid.len();
        all.plateaus.extend(part.plateaus.iter().map(|&(k, l, r)| (k + offset, l, r)));
        all.mid.extend(part.mid);
    }
    all
}

/// Above this many samples [`local_maxima`] scans chunks in parallel.
const PARALLEL_SCAN: usize = 1 << 17;
/// Rise positions per parallel chunk of [`local_maxima`].
const SCAN_CHUNK: usize = 1 << 16;

/// The maxima whose rise `x[i-1] < x[i]` has `start <= i < end` (`1 <= start`,
/// `end <= len - 1`); plateaus are followed to the end of `x`.
///
/// Single-sample peaks (`x[i-1] < x[i] > x[i+1]`, nearly all of them in noisy data) are
/// recorded without a branch: every candidate index is stored and the count advances only
/// for a peak, so the scan does not pay a misprediction per coin-flip comparison. Only a
/// rise onto a flat run takes the plateau path.
fn maxima_in<T: Real>(x: &[T], start: usize, end: usize) -> Maxima {
    // At most one peak per two samples, plus the slot written past the last peak.
    let cap = (end - start) / 2 + 2;
    let mut mid = vec![0; cap];
    let mut plateaus = Vec::new();
    let mut count = 0;
    let mut i = start;
    while i < end {
        let (prev, here, next) = (x[i - 1], x[i], x[i + 1]);
        let rise = prev < here;
        // Only the rare flat step leaves the straight-line path; the plateau test (which
        // branches on `rise`, a coin flip in noisy data) lives in a cold function so the
        // compiler cannot hoist that branch into the hot loop.
        if next == here {
            match plateau_peak_end(x, i, rise) {
                Some(ahead) => {
                    mid[count] = (i + ahead - 1) / 2;
                    plateaus.push((count, i, ahead - 1));
                    count += 1;
                    // No rise can start inside the plateau or at the fall after it.
                    i = ahead + 1;
                }
                None => i += 1,
            }
            continue;
        }
        mid[count] = i;
        count += usize::from(rise & (next < here));
        i += 1;
    }
    mid.truncate(count);
    Maxima { mid, plateaus }
}

/// For a flat step `x[i] == x[i+1]` reached by a rise: the index after the plateau if it is
/// a maximum (the first different sample is lower), else `None`.
#[cold]
#[inline(never)]
fn plateau_peak_end<T: Real>(x: &[T], i: usize, rise: bool) -> Option<usize> {
    if !rise {
        return None;
    }
    let last = x.len() - 1;
    let here = x[i];
    let mut ahead = i + 1;
    while ahead < last && x[ahead] == here {
        ahead += 1;
    }
    (x[ahead] < here).then_some(ahead)
}

/// Which peaks survive a minimum horizontal distance: peaks are visited from the highest
/// `priority` down, and each kept peak removes the lower ones closer than `distance`
/// (rounded up to a whole number of samples). Equal priorities are visited later index
/// first (a stable order; NumPy's default sort leaves that order unspecified).
pub(super) fn select_by_distance(peaks: &[usize], priority: &[f64], distance: f64) -> Vec<bool> {
    let n = peaks.len();
    let distance = distance.ceil() as usize;
    let mut keep = vec![true; n];
    let order = sci_core::sort::argsort_f64(priority);
    for &j in order.iter().rev() {
        if !keep[j] {
            continue;
        }
        let mut k = j;
        while k > 0 && peaks[j] - peaks[k - 1] < distance {
            keep[k - 1] = false;
            k -= 1;
        }
        let mut k = j + 1;
        while k < n && peaks[k] - peaks[j] < distance {
            keep[k] = false;
            k += 1;
        }
    }
    keep
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plateaus_and_edges() {
        let x = [0.0, 1.0, 1.0, 0.0, 2.0, 2.0, 2.0, 1.0, 3.0];
        let found = local_maxima(&x);
        let (left, right) = found.edges();
        assert_eq!(found.mid, vec![1, 5]);
        assert_eq!(left, vec![1, 4]);
        assert_eq!(right, vec![2, 6]);
        assert!(local_maxima(&[1.0, 2.0]).mid.is_empty());
        assert!(local_maxima(&[0.0, f64::NAN, 0.0]).mid.is_empty());
    }

    #[test]
    fn parallel_scan_matches_one_scan() {
        // Plateaus (peaks and shoulders) straddling every chunk boundary.
        let n = 3 * SCAN_CHUNK + 1000;
        let mut x: Vec<f64> = (0..n).map(|i| ((i * 37 % 11) as f64).sin()).collect();
        for k in 1..=3 {
            let b = 1 + k * SCAN_CHUNK;
            for v in &mut x[b - 3..b + 4] {
                *v = 5.0 + k as f64;
            }
            x[b + 4] = if k == 2 { 9.0 } else { 0.0 }; // k = 2: a shoulder, not a peak
        }
        assert_eq!(local_maxima(&x), maxima_in(&x, 1, n - 1));
        let serial = maxima_in(&x, 1, n - 1);
        assert!(serial.mid.contains(&(SCAN_CHUNK + 1)));
    }

    #[test]
    fn distance_keeps_the_highest() {
        let keep = select_by_distance(&[2, 4, 9], &[1.0, 3.0, 2.0], 3.0);
        assert_eq!(keep, vec![false, true, true]);
        let keep = select_by_distance(&[2, 4, 9], &[1.0, 3.0, 2.0], 5.0);
        assert_eq!(keep, vec![false, true, true]);
        // 5.5 rounds up to 6 samples.
        let keep = select_by_distance(&[2, 4, 9], &[1.0, 3.0, 2.0], 5.5);
        assert_eq!(keep, vec![false, true, false]);
    }
}
