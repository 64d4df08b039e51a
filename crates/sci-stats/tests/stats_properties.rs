#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Invariants of the descriptive statistics, checked on random samples.

use proptest::prelude::*;
use sci_core::ndarray::Array1;
use sci_stats::*;

fn sample() -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-1e3f64..1e3, 3..60)
}

proptest! {
    #[test]
    fn skew_and_kurtosis_are_location_scale_invariant(v in sample(), shift in -1e3f64..1e3, scale in 0.01f64..100.0) {
        let x = Array1::from(v);
        let y = x.mapv(|a| a * scale + shift);
        let (sx, sy) = (skew(&x).unwrap(), skew(&y).unwrap());
        let (kx, ky) = (kurtosis(&x).unwrap(), kurtosis(&y).unwrap());
        if sx.is_finite() {
            prop_assert!((sx - sy).abs() <= 1e-7 * (1.0 + sx.abs()), "{} vs {}", sx, sy);
            prop_assert!((kx - ky).abs() <= 1e-7 * (1.0 + kx.abs()), "{} vs {}", kx, ky);
        }
    }

    #[test]
    fn ranks_sum_to_triangular_number(v in prop::collection::vec(-5i32..5, 1..80)) {
        let x = Array1::from(v.iter().map(|&a| a as f64).collect::<Vec<_>>());
        let n = x.len() as f64;
        for method in [RankMethod::Average, RankMethod::Ordinal] {
            let r = rankdata_with(&x, &RankdataOptions { method, ..Default::default() }).unwrap();
            prop_assert_eq!(r.sum(), n * (n + 1.0) / 2.0);
        }
        let min = rankdata_with(&x, &RankdataOptions { method: RankMethod::Min, ..Default::default() }).unwrap();
        let max = rankdata_with(&x, &RankdataOptions { method: RankMethod::Max, ..Default::default() }).unwrap();
        prop_assert!(min.iter().zip(max.iter()).all(|(a, b)| a <= b));
    }

    #[test]
    fn quantiles_are_monotone_and_bounded(v in sample(), mut ps in prop::collection::vec(0.0f64..=1.0, 1..20)) {
        ps.sort_by(f64::total_cmp);
        let x = Array1::from(v);
        let p = Array1::from(ps);
        let (lo, hi) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &a| (l.min(a), h.max(a)));
        for method in [QuantileMethod::Linear, QuantileMethod::Hazen, QuantileMethod::InvertedCdf, QuantileMethod::Nearest, QuantileMethod::MedianUnbiased] {
            let q = quantile_with(&x, &p, &QuantileOptions { method, ..Default::default() }).unwrap();
            prop_assert!(q.iter().all(|&v| lo <= v && v <= hi));
            prop_assert!(q.windows(2).into_iter().all(|w| w[0] <= w[1]), "{:?} not monotone for {:?}", q, method);
        }
    }

    #[test]
    fn zscores_have_mean_zero_and_unit_variance(v in sample()) {
        let x = Array1::from(v);
        let z = zscore(&x).unwrap();
        if z.iter().all(|a| a.is_finite()) {
            let d = describe_with(&z, &DescribeOptions { ddof: 0, ..Default::default() }).unwrap();
            prop_assert!(d.mean.abs() < 1e-12);
            prop_assert!((d.variance - 1.0).abs() < 1e-12);
        }
    }

    #[test]
    fn means_are_ordered(v in prop::collection::vec(0.01f64..1e3, 1..50)) {
        // Harmonic <= geometric <= arithmetic mean.
        let x = Array1::from(v);
        let (h, g, a) = (hmean(&x).unwrap(), gmean(&x).unwrap(), tmean(&x).unwrap());
        prop_assert!(h <= g * (1.0 + 1e-12) && g <= a * (1.0 + 1e-12), "{} {} {}", h, g, a);
    }
}
