//! Descriptive statistics (`scipy.stats` summary functions).
//!
//! The 1-D functions take any 1-D `f64` array (owned, view or strided slice) and return a
//! scalar; the `*_axis` functions apply them along an axis of an N-D array.

pub(crate) mod axis;
pub(crate) mod entropy;
pub(crate) mod histogram;
pub(crate) mod moments;
pub(crate) mod quantile;
pub(crate) mod rank;
pub(crate) mod trimmed;

pub use axis::{
    entropy_axis, gmean_axis, hmean_axis, iqr_axis, kurtosis_axis, median_abs_deviation_axis, moment_axis,
    sem_axis, skew_axis, trim_mean_axis, variation_axis,
};
pub use entropy::{EntropyOptions, entropy, entropy_with};
pub use histogram::{
    BinStatistic, BinnedStatisticResult, Histogram, HistogramOptions, binned_statistic, histogram,
    histogram_with,
};
pub use moments::{
    DdofOptions, DescribeOptions, DescribeResult, KurtosisOptions, MomentOptions, SkewOptions,
    WeightedMeanOptions, describe, describe_with, gmean, gmean_with, gstd, gstd_with, hmean, hmean_with,
    kurtosis, kurtosis_with, moment, moment_with, pmean, pmean_with, sem, sem_with, skew, skew_with,
    variation, variation_with, zscore, zscore_with,
};
pub use quantile::{
    IqrOptions, MadOptions, PercentileKind, PercentileOfScoreOptions, QuantileMethod, QuantileOptions, Scale,
    ScoreAtPercentileOptions, ScoreInterpolation, iqr, iqr_with, median_abs_deviation,
    median_abs_deviation_with, percentileofscore, percentileofscore_with, quantile, quantile_with,
    scoreatpercentile, scoreatpercentile_with,
};
pub use rank::{ModeResult, RankMethod, RankdataOptions, mode, mode_with, rankdata, rankdata_with};
pub use trimmed::{
    TrimmedOptions, tmax, tmean, tmean_with, tmin, trim_mean, tsem, tsem_with, tstd, tstd_with, tvar,
    tvar_with,
};
