//! Data drift between a training set and a shifted production set: synthetic data from the
//! normal distribution, a histogram of each, then Welch's t-test (did the mean move?) and
//! the two-sample Kolmogorov-Smirnov test (did the distribution change at all?).
//!
//! `cargo run --release --example stats_drift`
//!
//! The same steps in SciPy: `norm(loc, scale).rvs(n, random_state=rng)`,
//! `np.histogram(x, bins, range)`, `ttest_ind(a, b, equal_var=False)`, `ks_2samp(a, b)`.

use sci::prelude::*;
use sci::stats::rand::SeedableRng;
use sci::stats::{
    ContinuousDistribution, HistogramOptions, Norm, TtestIndOptions, describe, histogram_with, ks_2samp,
    ttest_ind_with,
};

fn bar(count: f64, max: f64) -> String {
    "#".repeat((40.0 * count / max).round() as usize)
}

fn main() -> sci::Result<()> {
    let mut rng = sci::stats::rand::rngs::StdRng::seed_from_u64(2026);
    // Training data: N(10, 2²). Production data: the same spread, but a slightly larger mean
    // and a heavier right shoulder (a 10% mixture shifted by +4).
    let train = Norm::new(10.0, 2.0)?.rvs(5_000, &mut rng);
    let base = Norm::new(10.3, 2.0)?.rvs(4_500, &mut rng);
    let shoulder = Norm::new(14.0, 1.0)?.rvs(500, &mut rng);
    let prod: Array1<f64> = base.iter().chain(shoulder.iter()).copied().collect();

    for (name, x) in [("train", &train), ("production", &prod)] {
        let d = describe(x)?;
        println!(
            "{name:>10}: n = {}, mean = {:.3}, sd = {:.3}, skew = {:+.3}, excess kurtosis = {:+.3}",
            d.nobs,
            d.mean,
            d.variance.sqrt(),
            d.skewness,
            d.kurtosis
        );
    }

    // Histograms on a common grid.
    let opts = HistogramOptions { range: Some((2.0, 18.0)), density: false };
    let (h_train, h_prod) = (histogram_with(&train, 16, &opts)?, histogram_with(&prod, 16, &opts)?);
    let max = h_train.counts.iter().chain(h_prod.counts.iter()).copied().fold(0.0, f64::max);
    println!("\n   bin        train                                      production");
    for i in 0..16 {
        println!(
            "{:5.1}-{:<5.1} {:<42} {}",
            h_train.bin_edges[i],
            h_train.bin_edges[i + 1],
            bar(h_train.counts[i], max),
            bar(h_prod.counts[i], max)
        );
    }

    // Did the mean move? Welch's t-test, with a confidence interval for the shift.
    let t = ttest_ind_with(&prod, &train, &TtestIndOptions { equal_var: false, ..Default::default() })?;
    let ci = t.confidence_interval(0.95)?;
    println!(
        "\nWelch t-test: t = {:.3}, df = {:.1}, p = {:.3e}; mean shift {:.3} (95% CI {:.3} .. {:.3})",
        t.statistic, t.df, t.pvalue, t.estimate, ci.low, ci.high
    );

    // Did the distribution change? Two-sample Kolmogorov-Smirnov.
    let ks = ks_2samp(&prod, &train)?;
    println!(
        "KS two-sample: D = {:.4} at x = {:.2} (production cdf {} train), p = {:.3e}",
        ks.statistic,
        ks.statistic_location,
        if ks.statistic_sign > 0 { "above" } else { "below" },
        ks.pvalue
    );
    let drift = ks.pvalue < 0.01 || t.pvalue < 0.01;
    println!("\ndrift detected at the 1% level: {drift}");
    Ok(())
}
