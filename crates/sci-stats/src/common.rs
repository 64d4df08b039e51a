//! Vocabulary shared by the statistics functions: SciPy's `alternative` and `nan_policy`
//! choices, and the named results that tests return.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

/// The alternative hypothesis of a test (SciPy's `alternative`).
///
/// ```
/// use sci_stats::Alternative;
/// assert_eq!(Alternative::default(), Alternative::TwoSided);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Alternative {
    /// The statistic differs from its null value in either direction (`'two-sided'`), the
    /// default.
    #[default]
    TwoSided,
    /// The statistic is smaller than under the null hypothesis (`'less'`).
    Less,
    /// The statistic is larger than under the null hypothesis (`'greater'`).
    Greater,
}

/// What to do with NaN in the input (SciPy's `nan_policy`).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{skew_with, NanPolicy, SkewOptions};
/// let x = array![1.0, 2.0, f64::NAN, 5.0];
/// // Propagate (the default): the result is NaN.
/// assert!(skew_with(&x, &SkewOptions::default())?.is_nan());
/// // Omit: NaN values are dropped first.
/// let omit = skew_with(&x, &SkewOptions { nan_policy: NanPolicy::Omit, ..Default::default() })?;
/// assert!((omit - 0.5280049792181881).abs() < 1e-15);
/// // Raise: an error.
/// assert!(skew_with(&x, &SkewOptions { nan_policy: NanPolicy::Raise, ..Default::default() }).is_err());
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NanPolicy {
    /// NaN in the input gives NaN in the output (`'propagate'`), the default.
    #[default]
    Propagate,
    /// NaN values are removed before computing (`'omit'`).
    Omit,
    /// NaN in the input is an error, [`Error::NonFinite`] (`'raise'`).
    Raise,
}

/// The statistic and p-value of a hypothesis test.
///
/// ```
/// let r = sci_stats::TestResult { statistic: 1.5, pvalue: 0.2 };
/// assert!(r.pvalue > 0.05);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TestResult {
    /// The test statistic.
    pub statistic: f64,
    /// The p-value for the chosen alternative.
    pub pvalue: f64,
}

/// A confidence interval `[low, high]`.
///
/// ```
/// let ci = sci_stats::ConfidenceInterval { low: -1.0, high: 2.0 };
/// assert!(ci.low < ci.high);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ConfidenceInterval {
    /// Lower bound (may be `-inf` for one-sided intervals).
    pub low: f64,
    /// Upper bound (may be `+inf` for one-sided intervals).
    pub high: f64,
}

/// Neumaier's compensated summation: the error of a sum of `n` terms is bounded by a small
/// multiple of the rounding unit times the sum of magnitudes, independently of `n`.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Neumaier {
    sum: f64,
    comp: f64,
}

impl Neumaier {
    #[inline]
    pub(crate) fn add(&mut self, x: f64) {
        let t = self.sum + x;
        if self.sum.abs() >= x.abs() {
            self.comp += (self.sum - t) + x;
        } else {
            self.comp += (x - t) + self.sum;
        }
        self.sum = t;
    }

    /// Adds another partial sum (for parallel reductions).
    #[inline]
    pub(crate) fn merge(&mut self, other: &Neumaier) {
        self.add(other.sum);
        self.comp += other.comp;
    }

    /// The compensated sum; an infinite or NaN running sum is returned as is (its
    /// compensation term is meaningless).
    #[inline]
    pub(crate) fn value(&self) -> f64 {
        if self.sum.is_finite() { self.sum + self.comp } else { self.sum }
    }
}

/// Chunk length of parallel reductions; fixed, so results do not depend on the thread count.
pub(crate) const PAR_CHUNK: usize = 1 << 15;
/// Below this length reductions run serially.
pub(crate) const PAR_MIN: usize = 1 << 17;

/// Compensated sum of an iterator.
pub(crate) fn csum<I: IntoIterator<Item = f64>>(it: I) -> f64 {
    let mut s = Neumaier::default();
    for x in it {
        s.add(x);
    }
    s.value()
}

/// How a sample looks after its NaN policy was applied.
pub(crate) enum Nan {
    /// No NaN, or NaN to be omitted (callers filter with `!is_nan`).
    Clean { omit: bool },
    /// NaN present under `Propagate`: the result is NaN.
    Propagate,
}

/// Applies `policy` to a sample: checks for NaN and reports what the caller should do.
pub(crate) fn nan_state<S: Data<Elem = f64>>(
    what: &str,
    x: &ArrayBase<S, Ix1>,
    policy: NanPolicy,
) -> Result<Nan> {
    let pos = x.iter().position(|v| v.is_nan());
    match (pos, policy) {
        (None, _) => Ok(Nan::Clean { omit: false }),
        (Some(_), NanPolicy::Propagate) => Ok(Nan::Propagate),
        (Some(_), NanPolicy::Omit) => Ok(Nan::Clean { omit: true }),
        (Some(i), NanPolicy::Raise) => {
            Err(Error::NonFinite { what: format!("{what} (nan_policy = Raise)"), index: Some(vec![i]) })
        }
    }
}

/// The sample's values with NaN removed when `omit` is set, as an owned vector.
pub(crate) fn values<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>, omit: bool) -> Vec<f64> {
    if omit { x.iter().copied().filter(|v| !v.is_nan()).collect() } else { x.iter().copied().collect() }
}

/// Sorts finite-or-infinite values (no NaN) ascending.
pub(crate) fn sort(v: &mut [f64]) {
    sci_core::sort::sort_f64(v);
}
