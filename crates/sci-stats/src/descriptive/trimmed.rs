//! Trimmed statistics: `tmean`, `tvar`, `tstd`, `tsem`, `tmin`, `tmax`, `trim_mean`.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Nan, NanPolicy, nan_state, sort, values};
use crate::descriptive::moments::central_moments;

/// Options of the trimmed statistics [`tmean_with`], [`tvar_with`], [`tstd_with`] and
/// [`tsem_with`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrimmedOptions {
    /// Lower and upper limit; values outside are ignored. `None` (the default) means no
    /// limit on that side.
    pub limits: (Option<f64>, Option<f64>),
    /// Whether values equal to the lower / upper limit are kept (default `(true, true)`).
    pub inclusive: (bool, bool),
    /// Delta degrees of freedom of [`tvar_with`], [`tstd_with`], [`tsem_with`] (default 1;
    /// unused by [`tmean_with`]).
    pub ddof: usize,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

impl Default for TrimmedOptions {
    fn default() -> Self {
        TrimmedOptions {
            limits: (None, None),
            inclusive: (true, true),
            ddof: 1,
            nan_policy: NanPolicy::Propagate,
        }
    }
}

impl TrimmedOptions {
    /// Inclusive limits `[lower, upper]`, the other options at their defaults.
    ///
    /// ```
    /// let o = sci_stats::TrimmedOptions::limits(1.0, 3.0);
    /// assert_eq!(o.limits, (Some(1.0), Some(3.0)));
    /// ```
    pub fn limits(lower: f64, upper: f64) -> Self {
        TrimmedOptions { limits: (Some(lower), Some(upper)), ..Default::default() }
    }
}

/// The values within the limits, or `None` when NaN propagates.
fn within_limits<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, o: &TrimmedOptions) -> Result<Option<Vec<f64>>> {
    let omit = match nan_state("a", a, o.nan_policy)? {
        Nan::Propagate => return Ok(None),
        Nan::Clean { omit } => omit,
    };
    let keep = |x: f64| {
        let lo_ok = match o.limits.0 {
            None => true,
            Some(l) => x > l || (o.inclusive.0 && x == l),
        };
        let hi_ok = match o.limits.1 {
            None => true,
            Some(u) => x < u || (o.inclusive.1 && x == u),
        };
        lo_ok && hi_ok
    };
    let v: Vec<f64> = a.iter().copied().filter(|x| !(omit && x.is_nan()) && keep(*x)).collect();
    if v.is_empty() && !a.is_empty() {
        return Err(Error::invalid_argument("limits", "no array values within given limits"));
    }
    Ok(Some(v))
}

/// Trimmed mean: the mean of the values within `limits` (`scipy.stats.tmean`); with the
/// default options, the plain mean.
///
/// Compensated two-pass mean, O(n). An empty sample gives NaN.
///
/// ```
/// use sci_core::ndarray::Array1;
/// use sci_stats::{tmean, tmean_with, TrimmedOptions};
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert_eq!(tmean(&x)?, 9.5);
/// assert_eq!(tmean_with(&x, &TrimmedOptions::limits(3.0, 17.0))?, 10.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn tmean<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    tmean_with(a, &TrimmedOptions::default())
}

/// [`tmean`] with SciPy's `limits`, `inclusive` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{tmean_with, TrimmedOptions};
/// let x = array![1.0, 2.0, 3.0, 4.0];
/// let o = TrimmedOptions { limits: (Some(1.0), Some(3.0)), inclusive: (false, true), ..Default::default() };
/// assert_eq!(tmean_with(&x, &o)?, 2.5);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if no value lies within the limits (SciPy's `ValueError`);
/// [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
pub fn tmean_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &TrimmedOptions) -> Result<f64> {
    Ok(within_limits(a, options)?.map_or(f64::NAN, |v| central_moments(v.iter().copied()).mean))
}

/// Trimmed variance with `ddof = 1` (`scipy.stats.tvar`).
///
/// NaN when at most `ddof` values remain. O(n).
///
/// ```
/// use sci_core::ndarray::Array1;
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert_eq!(sci_stats::tvar(&x)?, 35.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn tvar<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    tvar_with(a, &TrimmedOptions::default())
}

/// [`tvar`] with SciPy's `limits`, `inclusive`, `ddof` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::Array1;
/// use sci_stats::{tvar_with, TrimmedOptions};
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert_eq!(tvar_with(&x, &TrimmedOptions::limits(3.0, 17.0))?, 20.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`tmean_with`].
pub fn tvar_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &TrimmedOptions) -> Result<f64> {
    Ok(within_limits(a, options)?.map_or(f64::NAN, |v| {
        let m = central_moments(v.iter().copied());
        if m.n <= options.ddof {
            return f64::NAN;
        }
        m.m2 * m.n as f64 / (m.n - options.ddof) as f64
    }))
}

/// Trimmed standard deviation, `sqrt(tvar)` (`scipy.stats.tstd`).
///
/// ```
/// use sci_core::ndarray::Array1;
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert_eq!(sci_stats::tstd(&x)?, 35f64.sqrt());
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn tstd<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    tstd_with(a, &TrimmedOptions::default())
}

/// [`tstd`] with SciPy's `limits`, `inclusive`, `ddof` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::Array1;
/// use sci_stats::{tstd_with, TrimmedOptions};
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert_eq!(tstd_with(&x, &TrimmedOptions::limits(3.0, 17.0))?, 20f64.sqrt());
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`tmean_with`].
pub fn tstd_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &TrimmedOptions) -> Result<f64> {
    Ok(tvar_with(a, options)?.sqrt())
}

/// Trimmed standard error of the mean, `sqrt(tvar / n)` (`scipy.stats.tsem`).
///
/// ```
/// use sci_core::ndarray::Array1;
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert!((sci_stats::tsem(&x)? - 1.3228756555322954).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn tsem<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>) -> Result<f64> {
    tsem_with(a, &TrimmedOptions::default())
}

/// [`tsem`] with SciPy's `limits`, `inclusive`, `ddof` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::Array1;
/// use sci_stats::{tsem_with, TrimmedOptions};
/// let x = Array1::range(0.0, 20.0, 1.0);
/// let s = tsem_with(&x, &TrimmedOptions::limits(3.0, 17.0))?;
/// assert!((s - 1.1547005383792515).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`tmean_with`].
pub fn tsem_with<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, options: &TrimmedOptions) -> Result<f64> {
    Ok(within_limits(a, options)?.map_or(f64::NAN, |v| {
        let m = central_moments(v.iter().copied());
        if m.n <= options.ddof {
            return f64::NAN;
        }
        let var = m.m2 * m.n as f64 / (m.n - options.ddof) as f64;
        var.sqrt() / (m.n as f64).sqrt()
    }))
}

/// Minimum of the values at or above `lowerlimit` (`scipy.stats.tmin`); `None` means no
/// limit, `inclusive: false` excludes values equal to it.
///
/// NaN for an empty sample or (under [`NanPolicy::Propagate`]) any NaN. O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{tmin, NanPolicy};
/// let x = array![4.0, 1.0, 7.0, 3.0];
/// assert_eq!(tmin(&x, Some(3.0), true, NanPolicy::Propagate)?, 3.0);
/// assert_eq!(tmin(&x, Some(3.0), false, NanPolicy::Propagate)?, 4.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if no value lies within the limit; [`Error::NonFinite`] for
/// NaN under [`NanPolicy::Raise`].
pub fn tmin<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    lowerlimit: Option<f64>,
    inclusive: bool,
    nan_policy: NanPolicy,
) -> Result<f64> {
    let o = TrimmedOptions { limits: (lowerlimit, None), inclusive: (inclusive, true), ddof: 0, nan_policy };
    Ok(within_limits(a, &o)?.map_or(f64::NAN, |v| v.iter().copied().reduce(f64::min).unwrap_or(f64::NAN)))
}

/// Maximum of the values at or below `upperlimit` (`scipy.stats.tmax`); `None` means no
/// limit, `inclusive: false` excludes values equal to it.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{tmax, NanPolicy};
/// let x = array![4.0, 1.0, 7.0, 3.0];
/// assert_eq!(tmax(&x, Some(4.0), true, NanPolicy::Propagate)?, 4.0);
/// assert_eq!(tmax(&x, None, true, NanPolicy::Propagate)?, 7.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`tmin`].
pub fn tmax<S: Data<Elem = f64>>(
    a: &ArrayBase<S, Ix1>,
    upperlimit: Option<f64>,
    inclusive: bool,
    nan_policy: NanPolicy,
) -> Result<f64> {
    let o = TrimmedOptions { limits: (None, upperlimit), inclusive: (true, inclusive), ddof: 0, nan_policy };
    Ok(within_limits(a, &o)?.map_or(f64::NAN, |v| v.iter().copied().reduce(f64::max).unwrap_or(f64::NAN)))
}

/// Mean after cutting `proportiontocut` of the sorted values off each end
/// (`scipy.stats.trim_mean`).
///
/// `floor(proportiontocut · n)` values are removed from each side. O(n log n).
///
/// ```
/// use sci_core::ndarray::Array1;
/// let x = Array1::range(0.0, 20.0, 1.0);
/// assert_eq!(sci_stats::trim_mean(&x, 0.1)?, 9.5);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if the proportion cuts away more than all values ("Proportion
/// too big." in SciPy) or is negative or NaN.
///
/// # Differences from SciPy
/// NaN propagates (any NaN gives NaN); SciPy's `nan_policy` is not offered here.
pub fn trim_mean<S: Data<Elem = f64>>(a: &ArrayBase<S, Ix1>, proportiontocut: f64) -> Result<f64> {
    if proportiontocut.is_nan() || proportiontocut < 0.0 {
        return Err(Error::invalid_argument(
            "proportiontocut",
            format!("must be >= 0, got {proportiontocut}"),
        ));
    }
    let n = a.len();
    let lowercut = (proportiontocut * n as f64).floor();
    if lowercut > n as f64 {
        return Err(Error::invalid_argument("proportiontocut", "Proportion too big."));
    }
    let lowercut = lowercut as usize;
    let uppercut = n - lowercut;
    if lowercut > uppercut {
        return Err(Error::invalid_argument("proportiontocut", "Proportion too big."));
    }
    if a.iter().any(|x| x.is_nan()) {
        return Ok(f64::NAN);
    }
    let mut v = values(a, false);
    sort(&mut v);
    Ok(central_moments(v[lowercut..uppercut].iter().copied()).mean)
}
