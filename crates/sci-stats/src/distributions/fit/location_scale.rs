//! Maximum-likelihood fits with closed-form solutions (`norm.fit`, `expon.fit`,
//! `uniform.fit`, `laplace.fit`), with SciPy's fixed-parameter options.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use super::{FitOptions, FitParams, check_data, min_max};
use crate::common::csum;
use crate::descriptive::moments::central_moments;
use crate::descriptive::quantile::median_sorted;
use crate::distributions::{Expon, Laplace, Norm, Uniform};

impl Norm {
    /// Maximum-likelihood `loc` and `scale` (`scipy.stats.norm.fit`): the mean and the
    /// biased (`ddof = 0`) standard deviation about `loc`. O(n).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{FitOptions, Norm};
    /// let p = Norm::fit(&array![1.0, 2.0, 3.0, 4.0], &FitOptions::default())?;
    /// assert_eq!(p.loc, 2.5);
    /// assert!((p.scale - 1.25f64.sqrt()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] for no data, [`Error::NonFinite`] for NaN or infinite data (SciPy's
    /// `ValueError`).
    pub fn fit<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>, options: &FitOptions) -> Result<FitParams> {
        check_data(data)?;
        let loc = match options.floc {
            Some(l) => l,
            None => central_moments(data.iter().copied()).mean,
        };
        let scale = match options.fscale {
            Some(s) => s,
            None if options.floc.is_none() => central_moments(data.iter().copied()).m2.sqrt(),
            None => (csum(data.iter().map(|&x| (x - loc) * (x - loc))) / data.len() as f64).sqrt(),
        };
        Ok(FitParams { loc, scale })
    }
}

impl Expon {
    /// Maximum-likelihood fit (`scipy.stats.expon.fit`): `loc = min(data)`,
    /// `scale = mean(data) − loc`. O(n).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{Expon, FitOptions};
    /// let p = Expon::fit(&array![1.0, 2.0, 6.0], &FitOptions::default())?;
    /// assert_eq!((p.loc, p.scale), (1.0, 2.0));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Norm::fit`]; also [`Error::InvalidArgument`] when a fixed `floc` lies above the
    /// smallest value (SciPy's `FitDataError`).
    pub fn fit<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>, options: &FitOptions) -> Result<FitParams> {
        check_data(data)?;
        let (lo, _) = min_max(data);
        let loc = match options.floc {
            Some(l) if lo < l => {
                return Err(Error::invalid_argument(
                    "floc",
                    format!("the data must lie in [{l}, inf), but its minimum is {lo}"),
                ));
            }
            Some(l) => l,
            None => lo,
        };
        let scale = match options.fscale {
            Some(s) => s,
            None => central_moments(data.iter().copied()).mean - loc,
        };
        Ok(FitParams { loc, scale })
    }
}

impl Uniform {
    /// Maximum-likelihood fit (`scipy.stats.uniform.fit`): the data's range; with a fixed
    /// scale, the interval centred on the data. O(n).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{FitOptions, Uniform};
    /// let p = Uniform::fit(&array![2.0, 5.0, 3.0], &FitOptions::default())?;
    /// assert_eq!((p.loc, p.scale), (2.0, 3.0));
    /// let p = Uniform::fit(&array![2.0, 5.0, 3.0], &FitOptions { fscale: Some(5.0), ..Default::default() })?;
    /// assert_eq!((p.loc, p.scale), (1.0, 5.0));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Norm::fit`]; also [`Error::InvalidArgument`] when the fixed parameters cannot
    /// contain the data.
    pub fn fit<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>, options: &FitOptions) -> Result<FitParams> {
        check_data(data)?;
        let (lo, hi) = min_max(data);
        match (options.floc, options.fscale) {
            (None, None) => Ok(FitParams { loc: lo, scale: hi - lo }),
            (Some(l), None) => {
                if lo < l {
                    return Err(Error::invalid_argument(
                        "floc",
                        format!("the data's minimum {lo} lies below floc = {l}"),
                    ));
                }
                Ok(FitParams { loc: l, scale: hi - l })
            }
            (floc, Some(s)) => {
                let ptp = hi - lo;
                if ptp > s {
                    return Err(Error::invalid_argument(
                        "fscale",
                        format!("the data's range {ptp} exceeds fscale = {s}"),
                    ));
                }
                Ok(FitParams { loc: floc.unwrap_or(lo - 0.5 * (s - ptp)), scale: s })
            }
        }
    }
}

impl Laplace {
    /// Maximum-likelihood fit (`scipy.stats.laplace.fit`): `loc = median(data)`,
    /// `scale = mean(|data − loc|)`. O(n log n).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{FitOptions, Laplace};
    /// let p = Laplace::fit(&array![1.0, 2.0, 3.0, 10.0], &FitOptions::default())?;
    /// assert_eq!((p.loc, p.scale), (2.5, 2.5));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`Norm::fit`].
    pub fn fit<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>, options: &FitOptions) -> Result<FitParams> {
        check_data(data)?;
        let loc = match options.floc {
            Some(l) => l,
            None => {
                let mut v = data.to_vec();
                crate::common::sort(&mut v);
                median_sorted(&v)
            }
        };
        let scale = match options.fscale {
            Some(s) => s,
            None => csum(data.iter().map(|&x| (x - loc).abs())) / data.len() as f64,
        };
        Ok(FitParams { loc, scale })
    }
}
