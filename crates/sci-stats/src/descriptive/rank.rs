//! Ranks and modes: `rankdata`, `mode`.

use sci_core::Result;
use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};

use crate::common::{Nan, NanPolicy, nan_state};

/// How [`rankdata_with`] ranks tied values (SciPy's `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RankMethod {
    /// The average of the ranks the ties would occupy (`'average'`), the default.
    #[default]
    Average,
    /// The smallest of those ranks (`'min'`, "competition" ranking).
    Min,
    /// The largest of those ranks (`'max'`).
    Max,
    /// Consecutive ranks for distinct values (`'dense'`).
    Dense,
    /// Distinct ranks in order of appearance (`'ordinal'`).
    Ordinal,
}

/// Options of [`rankdata_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RankdataOptions {
    /// Tie handling (default [`RankMethod::Average`]).
    pub method: RankMethod,
    /// NaN handling (default [`NanPolicy::Propagate`]: any NaN makes every rank NaN;
    /// [`NanPolicy::Omit`] ranks the other values and leaves NaN at the NaN positions).
    pub nan_policy: NanPolicy,
}

/// Ranks of NaN-free `x` (1-based), by a stable argsort (a radix sort: O(n)).
pub(crate) fn ranks(x: &[f64], method: RankMethod) -> Vec<f64> {
    let n = x.len();
    let order = sci_core::sort::argsort_f64(x);
    let mut out = vec![0.0; n];
    let mut dense = 0.0;
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        // `==` rather than total order: -0.0 and 0.0 tie, as in SciPy.
        while end < n && x[order[end]] == x[order[start]] {
            end += 1;
        }
        dense += 1.0;
        for (k, &i) in order[start..end].iter().enumerate() {
            out[i] = match method {
                RankMethod::Average => 0.5 * ((start + 1 + end) as f64),
                RankMethod::Min => (start + 1) as f64,
                RankMethod::Max => end as f64,
                RankMethod::Dense => dense,
                RankMethod::Ordinal => (start + k + 1) as f64,
            };
        }
        start = end;
    }
    out
}

/// Ranks of the data, ties receiving the average rank (`scipy.stats.rankdata`).
///
/// O(n log n) by a stable sort (parallel above 100 000 values).
///
/// ```
/// use sci_core::ndarray::array;
/// let r = sci_stats::rankdata(&array![0.0, 2.0, 3.0, 2.0])?;
/// assert_eq!(r.to_vec(), vec![1.0, 2.5, 4.0, 2.5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// Ranks are always `f64` (SciPy returns integers for every method but `'average'`).
pub fn rankdata<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Result<Array1<f64>> {
    rankdata_with(x, &RankdataOptions::default())
}

/// [`rankdata`] with SciPy's `method` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{rankdata_with, RankdataOptions, RankMethod};
/// let x = array![0.0, 2.0, 3.0, 2.0];
/// let dense = rankdata_with(&x, &RankdataOptions { method: RankMethod::Dense, ..Default::default() })?;
/// assert_eq!(dense.to_vec(), vec![1.0, 2.0, 3.0, 2.0]);
/// let ordinal = rankdata_with(&x, &RankdataOptions { method: RankMethod::Ordinal, ..Default::default() })?;
/// assert_eq!(ordinal.to_vec(), vec![1.0, 2.0, 4.0, 3.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn rankdata_with<S: Data<Elem = f64>>(
    x: &ArrayBase<S, Ix1>,
    options: &RankdataOptions,
) -> Result<Array1<f64>> {
    match nan_state("x", x, options.nan_policy)? {
        Nan::Propagate => Ok(Array1::from_elem(x.len(), f64::NAN)),
        Nan::Clean { omit: false } => {
            let v: Vec<f64> = x.iter().copied().collect();
            Ok(Array1::from(ranks(&v, options.method)))
        }
        Nan::Clean { omit: true } => {
            let v: Vec<f64> = x.iter().copied().filter(|v| !v.is_nan()).collect();
            let mut r = ranks(&v, options.method).into_iter();
            Ok(x.mapv(|xi| if xi.is_nan() { f64::NAN } else { r.next().unwrap_or(f64::NAN) }))
        }
    }
}

/// The result of [`mode`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ModeResult {
    /// The most frequent value (the smallest one if several are equally frequent).
    pub mode: f64,
    /// How often it occurs.
    pub count: usize,
}

/// The most frequent value and its count (`scipy.stats.mode`).
///
/// Ties go to the smallest value. An empty sample gives `(NaN, 0)`. Under
/// [`NanPolicy::Propagate`], NaN values count as one more value, larger than all others,
/// as in SciPy: NaN is the mode only if it is strictly the most frequent. O(n log n).
///
/// ```
/// use sci_core::ndarray::array;
/// let m = sci_stats::mode(&array![3.0, 1.0, 3.0, 1.0, 2.0])?;
/// assert_eq!((m.mode, m.count), (1.0, 2));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn mode<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<ModeResult> {
    mode_with(a, NanPolicy::Propagate)
}

/// [`mode`] with SciPy's `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{mode_with, NanPolicy};
/// let a = array![1.0, f64::NAN, f64::NAN];
/// assert!(mode_with(&a, NanPolicy::Propagate)?.mode.is_nan());
/// assert_eq!(mode_with(&a, NanPolicy::Omit)?.mode, 1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn mode_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, nan_policy: NanPolicy) -> Result<ModeResult> {
    let omit = match nan_state("a", a, nan_policy)? {
        Nan::Propagate => false,
        Nan::Clean { omit } => omit,
    };
    let mut v: Vec<f64> = a.iter().copied().filter(|x| !x.is_nan()).collect();
    let nans = a.len() - v.len();
    crate::common::sort(&mut v);
    let mut best = ModeResult { mode: f64::NAN, count: 0 };
    let mut start = 0;
    while start < v.len() {
        let mut end = start + 1;
        while end < v.len() && v[end] == v[start] {
            end += 1;
        }
        if end - start > best.count {
            best = ModeResult { mode: v[start], count: end - start };
        }
        start = end;
    }
    if !omit && nans > best.count {
        best = ModeResult { mode: f64::NAN, count: nans };
    }
    Ok(best)
}
