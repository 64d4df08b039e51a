//! Hypothesis tests (`scipy.stats` tests), each returning a named result with the statistic
//! and p-value.

pub(crate) mod anderson;
mod anderson_fit;
pub(crate) mod anderson_ksamp;
pub(crate) mod anova;
pub(crate) mod chisquare;
pub(crate) mod ks;
pub(crate) mod mannwhitneyu;
pub(crate) mod normality;
pub(crate) mod shapiro;
pub(crate) mod ttest;
pub(crate) mod variance;
pub(crate) mod wilcoxon;

pub use anderson::{AndersonDist, AndersonFit, AndersonResult, anderson};
pub use anderson_ksamp::{
    AndersonKsampOptions, AndersonKsampResult, AndersonKsampVariant, anderson_ksamp, anderson_ksamp_with,
};
pub use anova::f_oneway;
pub use chisquare::{
    Lambda, PowerDivergenceOptions, chisquare, chisquare_with, power_divergence, power_divergence_with,
};
pub use ks::{KsMethod, KstestOptions, KstestResult, ks_2samp, ks_2samp_with, kstest, kstest_with};
pub use mannwhitneyu::{MannwhitneyuOptions, MwuMethod, mannwhitneyu, mannwhitneyu_with};
pub use normality::{
    NormalityOptions, jarque_bera, jarque_bera_with, kurtosistest, kurtosistest_with, normaltest,
    normaltest_with, skewtest, skewtest_with,
};
pub use shapiro::{shapiro, shapiro_with};
pub use ttest::{
    TtestIndOptions, TtestOptions, TtestResult, ttest_1samp, ttest_1samp_with, ttest_ind,
    ttest_ind_from_stats, ttest_ind_with, ttest_rel, ttest_rel_with,
};
pub use variance::{LeveneCenter, bartlett, kruskal, levene, levene_with};
pub use wilcoxon::{
    WilcoxonMethod, WilcoxonOptions, WilcoxonResult, ZeroMethod, wilcoxon, wilcoxon_paired,
    wilcoxon_paired_with, wilcoxon_with,
};
