//! Reductions along an axis of an N-D array (SciPy's `axis` argument).
//!
//! Each `*_axis` function applies its 1-D counterpart to every lane along `axis` (NumPy's
//! negative-from-the-end meaning) and returns an array with that axis removed; `axis: None`
//! flattens the array first and returns a 0-D array. Lanes are processed in parallel when
//! the array is large.

use sci_core::ndarray::{Array, ArrayBase, ArrayD, ArrayView1, Axis, Data, Dimension, IxDyn, arr0};
use sci_core::{Result, validate};

use super::entropy::{EntropyOptions, entropy_with};
use super::moments::{
    DdofOptions, KurtosisOptions, MomentOptions, SkewOptions, WeightedMeanOptions, gmean_with, hmean_with,
    kurtosis_with, moment_with, sem_with, skew_with, variation_with,
};
use super::quantile::{IqrOptions, MadOptions, iqr_with, median_abs_deviation_with};
use super::trimmed::trim_mean;

/// Applies `f` to each lane along `axis` (or to the flattened array for `None`).
pub(crate) fn reduce<S, D, F>(a: &ArrayBase<S, D>, axis: Option<isize>, f: F) -> Result<ArrayD<f64>>
where
    S: Data<Elem = f64>,
    D: Dimension,
    F: Fn(ArrayView1<'_, f64>) -> Result<f64> + Sync,
{
    match axis {
        None => {
            let flat: Vec<f64> = a.iter().copied().collect();
            Ok(arr0(f(ArrayView1::from(&flat[..]))?).into_dyn())
        }
        Some(ax) => {
            let ax = validate::normalize_axis(ax, a.ndim())?;
            let mut shape = a.shape().to_vec();
            shape.remove(ax);
            let lanes: Vec<ArrayView1<'_, f64>> = a.lanes(Axis(ax)).into_iter().collect();
            let out: Vec<f64> = if a.len() > 100_000 && lanes.len() > 1 {
                use rayon::prelude::*;
                sci_core::install(|| lanes.par_iter().map(|l| f(l.view())).collect::<Result<Vec<f64>>>())?
            } else {
                lanes.iter().map(|l| f(l.view())).collect::<Result<Vec<f64>>>()?
            };
            Ok(Array::from_shape_vec(IxDyn(&shape), out)?)
        }
    }
}

macro_rules! axis_variant {
    ($(#[$doc:meta])* $name:ident, $base:ident, $opts:ty) => {
        $(#[$doc])*
        ///
        /// # Errors
        /// [`sci_core::Error::InvalidArgument`] for an out-of-range `axis`, and the errors of
        /// the 1-D function.
        pub fn $name<S, D>(a: &ArrayBase<S, D>, axis: Option<isize>, options: &$opts) -> Result<ArrayD<f64>>
        where
            S: Data<Elem = f64>,
            D: Dimension,
        {
            reduce(a, axis, |lane| $base(&lane, options))
        }
    };
}

axis_variant!(
    /// [`skew_with`](crate::skew_with) along an axis.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{skew_axis, SkewOptions};
    /// let a = array![[1.0, 1.0], [2.0, 5.0], [6.0, 3.0]];
    /// let s = skew_axis(&a, Some(0), &SkewOptions::default())?;
    /// assert_eq!(s.shape(), &[2]);
    /// assert_eq!(s[[0]], sci_stats::skew(&array![1.0, 2.0, 6.0])?);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    skew_axis, skew_with, SkewOptions
);

axis_variant!(
    /// [`kurtosis_with`](crate::kurtosis_with) along an axis.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{kurtosis_axis, KurtosisOptions};
    /// let a = array![[1.0, 2.0, 3.0, 4.0], [1.0, 1.0, 1.0, 9.0]];
    /// let k = kurtosis_axis(&a, Some(-1), &KurtosisOptions::default())?;
    /// assert!((k[[0]] + 1.36).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    kurtosis_axis, kurtosis_with, KurtosisOptions
);

axis_variant!(
    /// [`sem_with`](crate::sem_with) along an axis (SciPy's default `ddof` is 1).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{sem_axis, DdofOptions};
    /// let a = array![[1.0, 2.0], [3.0, 4.0], [5.0, 9.0]];
    /// let s = sem_axis(&a, Some(0), &DdofOptions::ddof(1))?;
    /// assert!((s[[0]] - 2.0 / 3f64.sqrt()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    sem_axis, sem_with, DdofOptions
);

axis_variant!(
    /// [`variation_with`](crate::variation_with) along an axis.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{variation_axis, DdofOptions};
    /// let a = array![[1.0, 2.0, 3.0, 4.0, 5.0]];
    /// let v = variation_axis(&a, Some(1), &DdofOptions::ddof(0))?;
    /// assert!((v[[0]] - 0.47140452079103173).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    variation_axis, variation_with, DdofOptions
);

axis_variant!(
    /// [`gmean_with`](crate::gmean_with) along an axis (`weights`, if given, must match
    /// the lane length).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{gmean_axis, WeightedMeanOptions};
    /// let a = array![[1.0, 2.0], [4.0, 8.0]];
    /// let g = gmean_axis(&a, Some(0), &WeightedMeanOptions::default())?;
    /// assert!((g[[0]] - 2.0).abs() < 1e-15 && (g[[1]] - 4.0).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    gmean_axis, gmean_with, WeightedMeanOptions
);

axis_variant!(
    /// [`hmean_with`](crate::hmean_with) along an axis.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{hmean_axis, WeightedMeanOptions};
    /// let a = array![[1.0, 4.0, 4.0]];
    /// let h = hmean_axis(&a, None, &WeightedMeanOptions::default())?;
    /// assert!((h[[]] - 2.0).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    hmean_axis, hmean_with, WeightedMeanOptions
);

axis_variant!(
    /// [`iqr_with`](crate::iqr_with) along an axis (SciPy's default is `axis=None`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{iqr_axis, IqrOptions};
    /// let a = array![[1.0, 2.0, 3.0, 4.0, 5.0], [2.0, 4.0, 6.0, 8.0, 10.0]];
    /// let r = iqr_axis(&a, Some(1), &IqrOptions::default())?;
    /// assert_eq!(r.iter().copied().collect::<Vec<_>>(), vec![2.0, 4.0]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    iqr_axis, iqr_with, IqrOptions
);

axis_variant!(
    /// [`median_abs_deviation_with`](crate::median_abs_deviation_with) along an axis.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{median_abs_deviation_axis, MadOptions};
    /// let a = array![[1.0, 10.0], [2.0, 20.0], [4.0, 40.0]];
    /// let m = median_abs_deviation_axis(&a, Some(0), &MadOptions::default())?;
    /// assert_eq!(m.iter().copied().collect::<Vec<_>>(), vec![1.0, 10.0]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    median_abs_deviation_axis, median_abs_deviation_with, MadOptions
);

axis_variant!(
    /// [`entropy_with`](crate::entropy_with) along an axis (`qk`, if given, must match the
    /// lane length).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{entropy_axis, EntropyOptions};
    /// let p = array![[1.0, 1.0], [1.0, 1.0]];
    /// let h = entropy_axis(&p, Some(0), &EntropyOptions { base: Some(2.0), ..Default::default() })?;
    /// assert_eq!(h.iter().copied().collect::<Vec<_>>(), vec![1.0, 1.0]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    entropy_axis, entropy_with, EntropyOptions
);

/// [`moment_with`](crate::moment_with) along an axis.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{moment_axis, MomentOptions};
/// let a = array![[1.0, 2.0, 3.0, 4.0, 5.0]];
/// let m = moment_axis(&a, 2, Some(1), &MomentOptions::default())?;
/// assert_eq!(m[[0]], 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::InvalidArgument`] for an out-of-range `axis`, and the errors of
/// [`moment_with`](crate::moment_with).
pub fn moment_axis<S, D>(
    a: &ArrayBase<S, D>,
    order: u32,
    axis: Option<isize>,
    options: &MomentOptions,
) -> Result<ArrayD<f64>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    reduce(a, axis, |lane| moment_with(&lane, order, options))
}

/// [`trim_mean`](crate::trim_mean) along an axis.
///
/// ```
/// use sci_core::ndarray::array;
/// let a = array![[1.0, 100.0], [2.0, 3.0], [3.0, 4.0], [4.0, 5.0], [100.0, 6.0]];
/// let m = sci_stats::trim_mean_axis(&a, 0.2, Some(0))?;
/// assert_eq!(m.iter().copied().collect::<Vec<_>>(), vec![3.0, 5.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::InvalidArgument`] for an out-of-range `axis` or proportion.
pub fn trim_mean_axis<S, D>(
    a: &ArrayBase<S, D>,
    proportiontocut: f64,
    axis: Option<isize>,
) -> Result<ArrayD<f64>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    reduce(a, axis, |lane| trim_mean(&lane, proportiontocut))
}
