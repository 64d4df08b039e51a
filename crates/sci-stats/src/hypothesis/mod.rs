//! Hypothesis tests (`scipy.stats` tests), each returning a named result with the statistic
//! and p-value.

pub(crate) mod chisquare;
pub(crate) mod normality;

pub use chisquare::{
    Lambda, PowerDivergenceOptions, chisquare, chisquare_with, power_divergence, power_divergence_with,
};
pub use normality::{
    NormalityOptions, jarque_bera, jarque_bera_with, kurtosistest, kurtosistest_with, normaltest,
    normaltest_with, skewtest, skewtest_with,
};
