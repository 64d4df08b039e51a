//! The candidate peaks of `find_peaks` and the selections that do not need prominences.

use sci_core::Real;

/// Local maxima of `x`, flat plateaus included: a sample (or run of equal samples) with a
/// strictly smaller neighbour on each side. Returns `(midpoints, left_edges, right_edges)`;
/// the midpoint of an even-length plateau is its left-middle sample, as in SciPy. The first
/// and last samples are never maxima; NaN compares false, so it neither is nor bounds one.
pub(super) fn local_maxima<T: Real>(x: &[T]) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let n = x.len();
    // A noisy signal has a peak every few samples; reserving avoids most regrowth.
    let guess = n / 4;
    let (mut mid, mut left, mut right) =
        (Vec::with_capacity(guess), Vec::with_capacity(guess), Vec::with_capacity(guess));
    if n < 3 {
        return (mid, left, right);
    }
    let last = n - 1;
    let mut i = 1;
    while i < last {
        if x[i - 1] < x[i] {
            let mut ahead = i + 1;
            while ahead < last && x[ahead] == x[i] {
                ahead += 1;
            }
            if x[ahead] < x[i] {
                left.push(i);
                right.push(ahead - 1);
                mid.push((i + ahead - 1) / 2);
                i = ahead;
            }
        }
        i += 1;
    }
    (mid, left, right)
}

/// Above this many candidates the priority sort runs in parallel.
const PARALLEL_SORT: usize = 1 << 16;

/// Which peaks survive a minimum horizontal distance: peaks are visited from the highest
/// `priority` down, and each kept peak removes the lower ones closer than `distance`
/// (rounded up to a whole number of samples). Equal priorities are visited later index
/// first (a stable order; NumPy's default sort leaves that order unspecified).
pub(super) fn select_by_distance(peaks: &[usize], priority: &[f64], distance: f64) -> Vec<bool> {
    let n = peaks.len();
    let distance = distance.ceil() as usize;
    let mut keep = vec![true; n];
    // (priority, index) pairs sorted in place: contiguous keys sort much faster than an
    // index permutation that chases `priority`; ties broken by index, so the unstable sort
    // gives a deterministic order.
    let mut order: Vec<(f64, usize)> = priority.iter().copied().zip(0..).collect();
    let by_priority = |a: &(f64, usize), b: &(f64, usize)| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1));
    if n >= PARALLEL_SORT {
        use rayon::slice::ParallelSliceMut;
        sci_core::install(|| order.par_sort_unstable_by(by_priority));
    } else {
        order.sort_unstable_by(by_priority);
    }
    for &(_, j) in order.iter().rev() {
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
        let (mid, left, right) = local_maxima(&x);
        assert_eq!(mid, vec![1, 5]);
        assert_eq!(left, vec![1, 4]);
        assert_eq!(right, vec![2, 6]);
        assert!(local_maxima(&[1.0, 2.0]).0.is_empty());
        assert!(local_maxima(&[0.0, f64::NAN, 0.0]).0.is_empty());
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
