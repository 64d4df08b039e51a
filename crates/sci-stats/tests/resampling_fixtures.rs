//! `bootstrap` against SciPy 1.17.1 (xtask/fixtures/stats_extra.py).
//!
//! SciPy's resamples cannot be reproduced (different generators), so the generator exports
//! SciPy's bootstrap distribution and the intervals SciPy forms from it
//! (`bootstrap(..., n_resamples=0, bootstrap_result=res)`), for percentile, basic and BCa,
//! every alternative and two confidence levels. sci is fed the same distribution through
//! `bootstrap_with(.., n_resamples: 0, bootstrap_distribution: Some(..))`, which recomputes
//! θ̂ and the jackknife with our statistic closures. Quantiles are a linear interpolation
//! between two sorted values and the BCa levels pass through ndtr/ndtri (≤ 1e-15 relative),
//! so 1e-12 relative (1e-14 absolute for bounds near 0) is tight with margin.
//!
//! Coverage is checked statistically: 95 % intervals for the mean of normal samples cover
//! the true mean in a fraction of repetitions consistent with 0.95.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{Array1, ArrayView1, array};
use sci_stats::rand::{SeedableRng, rngs::StdRng};
use sci_stats::{
    Alternative, BootstrapMethod, BootstrapOptions, ContinuousDistribution, Norm, bootstrap,
    bootstrap_interval, bootstrap_with,
};
use sci_testing::{Fixture, Tol, assert_close, assert_scalar_close};

fn mean(x: ArrayView1<'_, f64>) -> f64 {
    x.sum() / x.len() as f64
}

fn std0(x: ArrayView1<'_, f64>) -> f64 {
    let m = mean(x);
    (x.iter().map(|v| (v - m) * (v - m)).sum::<f64>() / x.len() as f64).sqrt()
}

fn median(x: ArrayView1<'_, f64>) -> f64 {
    let mut v = x.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { 0.5 * (v[n / 2 - 1] + v[n / 2]) }
}

fn stat_of(name: &str) -> fn(ArrayView1<'_, f64>) -> f64 {
    match name {
        "mean" => mean,
        "std" => std0,
        "median" => median,
        other => panic!("unknown statistic {other}"),
    }
}

#[test]
fn intervals_match_scipy_given_the_same_distribution() {
    let f = Fixture::load(env!("CARGO_MANIFEST_DIR"), "resampling");
    let tol = Tol::new(1e-12, 1e-14);
    let mut checked = 0;
    for c in f.cases_with_prefix("bootstrap/") {
        let x = c.input("x").array1_f64();
        let stat = stat_of(c.input("statistic").str());
        let dist = c.input("distribution").array1_f64();
        let theta_hat = c.output("theta_hat").f64();
        let jk = c.output("jackknife").array1_f64();
        assert_scalar_close(
            stat(x.view()),
            theta_hat,
            Tol::new(1e-14, 1e-15),
            &format!("{} theta_hat", c.name),
        );
        for (method, mname) in [
            (BootstrapMethod::Percentile, "percentile"),
            (BootstrapMethod::Basic, "basic"),
            (BootstrapMethod::BCa, "BCa"),
        ] {
            for (alt, aname) in [
                (Alternative::TwoSided, "two-sided"),
                (Alternative::Less, "less"),
                (Alternative::Greater, "greater"),
            ] {
                for cl in [0.95, 0.8] {
                    let want = c.output(&format!("ci_{mname}_{aname}_{cl}")).array1_f64();
                    let opts = BootstrapOptions {
                        n_resamples: 0,
                        confidence_level: cl,
                        method,
                        alternative: alt,
                        bootstrap_distribution: Some(dist.clone()),
                    };
                    let ctx = format!("{} {mname} {aname} {cl}", c.name);
                    let r = bootstrap_with(&x, stat, &mut StdRng::seed_from_u64(0), &opts).unwrap();
                    let got = array![r.confidence_interval.low, r.confidence_interval.high];
                    assert_close(&got, &want, tol, &ctx);
                    assert_eq!(r.bootstrap_distribution, dist);
                    assert_scalar_close(
                        r.standard_error,
                        c.output("standard_error").f64(),
                        Tol::new(1e-12, 0.0),
                        &ctx,
                    );
                    // The interval function alone, with SciPy's jackknife values.
                    let ci = bootstrap_interval(&dist, theta_hat, Some(jk.view()), &opts).unwrap();
                    assert_close(
                        &array![ci.low, ci.high],
                        &want,
                        tol,
                        &format!("{ctx} (bootstrap_interval)"),
                    );
                    checked += 1;
                }
            }
        }
    }
    assert_eq!(checked, 9 * 18);
}

/// 95 % BCa and percentile intervals for the mean of N(μ, 1) samples of 25 cover μ in about
/// 95 % of 200 repetitions (slightly less for small n: bootstrap intervals are a little
/// narrow). Binomial(200, 0.95) has sd ≈ 3.1, so [176, 200] is far outside chance failure.
#[test]
fn coverage_of_the_mean_is_near_nominal() {
    let mu = 1.5;
    let norm = Norm::new(mu, 1.0).unwrap();
    let mut rng = StdRng::seed_from_u64(424242);
    for method in [BootstrapMethod::BCa, BootstrapMethod::Percentile, BootstrapMethod::Basic] {
        let mut covered = 0;
        let mut widths = 0.0;
        for _ in 0..200 {
            let x = norm.rvs(25, &mut rng);
            let opts = BootstrapOptions { n_resamples: 999, method, ..Default::default() };
            let r = bootstrap_with(&x, mean, &mut rng, &opts).unwrap();
            let ci = r.confidence_interval;
            if ci.low <= mu && mu <= ci.high {
                covered += 1;
            }
            widths += ci.high - ci.low;
            // The bootstrap standard error of the mean is close to s/√n.
            let s = x.std(1.0) / 5.0;
            assert!((r.standard_error - s).abs() < 0.2 * s, "{} vs {s}", r.standard_error);
        }
        assert!((176..=200).contains(&covered), "{method:?}: {covered}/200 covered");
        // Mean width ≈ 2·1.96/√25 = 0.784.
        let w = widths / 200.0;
        assert!((0.65..0.85).contains(&w), "{method:?}: mean width {w}");
    }
}

#[test]
fn seeded_runs_are_reproducible_and_one_sided_intervals_are_open() {
    let x = array![2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8, 4.0, 3.9, 2.5];
    let a = bootstrap(&x, mean, &mut StdRng::seed_from_u64(5)).unwrap();
    let b = bootstrap(&x, mean, &mut StdRng::seed_from_u64(5)).unwrap();
    assert_eq!(a, b);
    assert_eq!(a.bootstrap_distribution.len(), 9999);
    // Resampled means lie within the data's range.
    assert!(a.bootstrap_distribution.iter().all(|&m| (1.9..=5.6).contains(&m)));
    let less = bootstrap_with(
        &x,
        mean,
        &mut StdRng::seed_from_u64(5),
        &BootstrapOptions { alternative: Alternative::Less, ..Default::default() },
    )
    .unwrap();
    assert!(less.confidence_interval.low == f64::NEG_INFINITY && less.confidence_interval.high.is_finite());
    // Extending a distribution keeps the old values first.
    let ext = bootstrap_with(
        &x,
        mean,
        &mut StdRng::seed_from_u64(6),
        &BootstrapOptions {
            n_resamples: 10,
            bootstrap_distribution: Some(a.bootstrap_distribution.clone()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(ext.bootstrap_distribution.len(), 10_009);
    assert_eq!(ext.bootstrap_distribution.slice(sci_core::ndarray::s![..9999]), a.bootstrap_distribution);
}

#[test]
fn bad_input_and_degenerate_cases() {
    let mut rng = StdRng::seed_from_u64(1);
    assert!(bootstrap(&array![1.0], mean, &mut rng).is_err());
    assert!(bootstrap(&Array1::<f64>::zeros(0), mean, &mut rng).is_err());
    let x = array![1.0, 2.0, 3.0];
    for cl in [-0.1, 1.5, f64::NAN] {
        let o = BootstrapOptions { confidence_level: cl, n_resamples: 10, ..Default::default() };
        assert!(bootstrap_with(&x, mean, &mut rng, &o).is_err());
    }
    assert!(
        bootstrap_with(&x, mean, &mut rng, &BootstrapOptions { n_resamples: 0, ..Default::default() })
            .is_err()
    );
    assert!(bootstrap_interval(&Array1::<f64>::zeros(0), 0.0, None, &BootstrapOptions::default()).is_err());
    assert!(bootstrap_interval(&array![1.0, 2.0], 1.5, None, &BootstrapOptions::default()).is_err());
    // Constant data: BCa is degenerate (SciPy warns and returns NaN); percentile is exact.
    let c = array![2.0, 2.0, 2.0, 2.0];
    let r = bootstrap_with(&c, mean, &mut rng, &BootstrapOptions { n_resamples: 50, ..Default::default() })
        .unwrap();
    assert!(r.confidence_interval.low.is_nan() && r.confidence_interval.high.is_nan());
    let p = bootstrap_with(
        &c,
        mean,
        &mut rng,
        &BootstrapOptions { n_resamples: 50, method: BootstrapMethod::Percentile, ..Default::default() },
    )
    .unwrap();
    assert_eq!((p.confidence_interval.low, p.confidence_interval.high, p.standard_error), (2.0, 2.0, 0.0));
    // NaN data propagates into a NaN interval.
    let n = bootstrap_with(
        &array![1.0, f64::NAN, 3.0],
        mean,
        &mut rng,
        &BootstrapOptions { n_resamples: 200, method: BootstrapMethod::Percentile, ..Default::default() },
    )
    .unwrap();
    assert!(n.confidence_interval.low.is_nan());
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// Percentile intervals lie within the distribution's range and are ordered; a higher
        /// confidence level gives a wider interval; basic is percentile reflected about θ̂.
        #[test]
        fn interval_invariants(dist in prop::collection::vec(-100.0f64..100.0, 1..300), theta in -100.0f64..100.0, cl in 0.0f64..1.0) {
            let d = Array1::from(dist);
            let (lo, hi) = d.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
            let opts = |method, cl| BootstrapOptions { method, confidence_level: cl, ..Default::default() };
            let p = bootstrap_interval(&d, theta, None, &opts(BootstrapMethod::Percentile, cl)).unwrap();
            prop_assert!(lo <= p.low && p.low <= p.high && p.high <= hi);
            let wider = bootstrap_interval(&d, theta, None, &opts(BootstrapMethod::Percentile, (cl + 1.0) / 2.0)).unwrap();
            prop_assert!(wider.low <= p.low && p.high <= wider.high);
            let b = bootstrap_interval(&d, theta, None, &opts(BootstrapMethod::Basic, cl)).unwrap();
            prop_assert_eq!(b.low, 2.0 * theta - p.high);
            prop_assert_eq!(b.high, 2.0 * theta - p.low);
        }
    }
}
