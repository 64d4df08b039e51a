#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Descriptive statistics against SciPy 1.17 (`xtask/fixtures/stats.py`).
//!
//! Tolerance: relative 1e-12 with an absolute floor of 1e-13 (times the data's scale
//! where stated). The data are O(1)–O(10); SciPy and sci sum in different orders (numpy's
//! pairwise sums against our compensated ones), so the last few bits may differ, and
//! quantities that vanish in exact arithmetic (odd moments and skewness of symmetric
//! samples, z-scores of values at the mean) can only be compared absolutely.

use sci_core::ndarray::{Array1, ArrayD};
use sci_stats::*;
use sci_testing::{Case, Fixture, Tol, assert_close, assert_scalar_close};

const TOL: Tol = Tol::new(1e-12, 1e-13);

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "stats")
}

/// An array input, resolving "@name" references to the shared "data/name" cases.
fn arr_dyn(fx: &Fixture, c: &Case, key: &str) -> ArrayD<f64> {
    let v = c.input(key);
    match v.json().as_str() {
        Some(r) if r.starts_with('@') => fx.case(&format!("data/{}", &r[1..])).input("x").array_f64(),
        _ => v.array_f64(),
    }
}

fn arr(fx: &Fixture, c: &Case, key: &str) -> Array1<f64> {
    arr_dyn(fx, c, key).into_dimensionality().unwrap()
}

fn policy(c: &Case) -> NanPolicy {
    if !c.has_input("nan_policy") {
        return NanPolicy::Propagate;
    }
    match c.input("nan_policy").str() {
        "omit" => NanPolicy::Omit,
        "raise" => NanPolicy::Raise,
        _ => NanPolicy::Propagate,
    }
}

fn qmethod(s: &str) -> QuantileMethod {
    use QuantileMethod as M;
    match s {
        "inverted_cdf" => M::InvertedCdf,
        "averaged_inverted_cdf" => M::AveragedInvertedCdf,
        "closest_observation" => M::ClosestObservation,
        "interpolated_inverted_cdf" => M::InterpolatedInvertedCdf,
        "hazen" => M::Hazen,
        "weibull" => M::Weibull,
        "linear" => M::Linear,
        "median_unbiased" => M::MedianUnbiased,
        "normal_unbiased" => M::NormalUnbiased,
        "lower" => M::Lower,
        "higher" => M::Higher,
        "midpoint" => M::Midpoint,
        "nearest" => M::Nearest,
        other => panic!("unknown method {other}"),
    }
}

fn scale(c: &Case) -> Scale {
    match c.input("scale").json().as_str() {
        Some("normal") => Scale::Normal,
        _ => Scale::Value(c.input("scale").f64()),
    }
}

fn check(c: &Case, actual: f64, key: &str) {
    assert_scalar_close(actual, c.output(key).f64(), TOL, &format!("{} [{key}]", c.name));
}

/// Runs `f` on every case with the prefix and returns how many there were.
fn each(prefix: &str, mut f: impl FnMut(&Fixture, &Case)) -> usize {
    let fx = fx();
    let cases: Vec<&Case> = fx.cases_with_prefix(prefix).collect();
    assert!(!cases.is_empty(), "no fixture cases for {prefix}");
    for c in &cases {
        f(&fx, c);
    }
    cases.len()
}

#[test]
fn describe_matches_scipy() {
    each("describe/", |fx, c| {
        let x = arr(fx, c, "x");
        let o = DescribeOptions {
            ddof: c.input("ddof").usize(),
            bias: c.input("bias").bool(),
            nan_policy: policy(c),
        };
        let d = describe_with(&x, &o).unwrap();
        assert_eq!(d.nobs, c.output("nobs").usize(), "{}", c.name);
        check(c, d.minmax.0, "min");
        check(c, d.minmax.1, "max");
        check(c, d.mean, "mean");
        check(c, d.variance, "variance");
        check(c, d.skewness, "skewness");
        check(c, d.kurtosis, "kurtosis");
    });
}

#[test]
fn moment_matches_scipy() {
    each("moment/", |fx, c| {
        let x = arr(fx, c, "x");
        let center = if c.input("center").is_null() { None } else { Some(c.input("center").f64()) };
        let o = MomentOptions { center, nan_policy: policy(c) };
        let order = c.input("order").usize() as u32;
        let got = moment_with(&x, order, &o).unwrap();
        // Central moments of order k scale like spread^k; the absolute floor scales with it.
        let spread = x.iter().filter(|v| !v.is_nan()).fold(0.0f64, |m, v| m.max(v.abs())).max(1.0);
        let tol = Tol::new(1e-12, 1e-13 * spread.powi(order as i32).min(1e6));
        assert_scalar_close(got, c.output("value").f64(), tol, &c.name);
    });
}

#[test]
fn skew_and_kurtosis_match_scipy() {
    each("skew/", |fx, c| {
        let x = arr(fx, c, "x");
        let o = SkewOptions { bias: c.input("bias").bool(), nan_policy: policy(c) };
        check(c, skew_with(&x, &o).unwrap(), "value");
    });
    each("kurtosis/", |fx, c| {
        let x = arr(fx, c, "x");
        let o = KurtosisOptions {
            bias: c.input("bias").bool(),
            fisher: c.input("fisher").bool(),
            nan_policy: policy(c),
        };
        check(c, kurtosis_with(&x, &o).unwrap(), "value");
    });
}

#[test]
fn sem_variation_zscore_match_scipy() {
    each("sem/", |fx, c| {
        let o = DdofOptions { ddof: c.input("ddof").usize(), nan_policy: policy(c) };
        check(c, sem_with(&arr(fx, c, "x"), &o).unwrap(), "value");
    });
    each("variation/", |fx, c| {
        let o = DdofOptions { ddof: c.input("ddof").usize(), nan_policy: policy(c) };
        check(c, variation_with(&arr(fx, c, "x"), &o).unwrap(), "value");
    });
    each("zscore/", |fx, c| {
        let o = DdofOptions { ddof: c.input("ddof").usize(), nan_policy: policy(c) };
        let z = zscore_with(&arr(fx, c, "x"), &o).unwrap();
        assert_close(&z, &c.output("value").array1_f64(), TOL, &c.name);
    });
}

#[test]
fn gmean_hmean_match_scipy() {
    for (prefix, f) in [
        ("gmean/", gmean_with::<sci_core::ndarray::OwnedRepr<f64>> as fn(&_, &_) -> _),
        ("hmean/", hmean_with),
    ] {
        each(prefix, |fx, c| {
            let weights = if c.input("weights").is_null() { None } else { Some(arr(fx, c, "weights")) };
            let o = WeightedMeanOptions { weights, nan_policy: policy(c) };
            check(c, f(&arr(fx, c, "x"), &o).unwrap(), "value");
        });
    }
}

fn trimmed_options(c: &Case) -> TrimmedOptions {
    let limits = if c.input("limits").is_null() {
        (None, None)
    } else {
        let l = c.input("limits").json().as_array().unwrap();
        (l[0].as_f64(), l[1].as_f64())
    };
    let inc = c.input("inclusive").json().as_array().unwrap();
    TrimmedOptions {
        limits,
        inclusive: (inc[0].as_bool().unwrap(), inc[1].as_bool().unwrap()),
        ddof: 1,
        nan_policy: NanPolicy::Propagate,
    }
}

#[test]
fn trimmed_statistics_match_scipy() {
    each("trimmed/", |fx, c| {
        let x = arr(fx, c, "x");
        let o = trimmed_options(c);
        if c.has_output("error") {
            assert!(matches!(tmean_with(&x, &o), Err(sci_core::Error::InvalidArgument { .. })), "{}", c.name);
            return;
        }
        check(c, tmean_with(&x, &o).unwrap(), "tmean");
        check(c, tvar_with(&x, &o).unwrap(), "tvar");
        check(c, tstd_with(&x, &o).unwrap(), "tstd");
        check(c, tsem_with(&x, &o).unwrap(), "tsem");
        check(c, tvar_with(&x, &TrimmedOptions { ddof: 0, ..o }).unwrap(), "tvar0");
    });
    each("tmean/", |fx, c| {
        let o = TrimmedOptions { nan_policy: policy(c), ..Default::default() };
        check(c, tmean_with(&arr(fx, c, "x"), &o).unwrap(), "value");
    });
    for (prefix, is_min) in [("tmin/", true), ("tmax/", false)] {
        each(prefix, |fx, c| {
            let x = arr(fx, c, "x");
            let (lim, inc) = (Some(c.input("limit").f64()), c.input("inclusive").bool());
            let got = if is_min {
                tmin(&x, lim, inc, NanPolicy::Propagate)
            } else {
                tmax(&x, lim, inc, NanPolicy::Propagate)
            };
            if c.has_output("error") {
                assert!(got.is_err(), "{}", c.name);
            } else {
                check(c, got.unwrap(), "value");
            }
        });
    }
    each("trim_mean/", |fx, c| {
        let got = trim_mean(&arr(fx, c, "x"), c.input("proportiontocut").f64());
        if c.has_output("error") {
            assert!(got.is_err(), "{}", c.name);
        } else {
            check(c, got.unwrap(), "value");
        }
    });
}

#[test]
fn quantile_matches_scipy_and_numpy() {
    // Interpolation differs from numpy's only in rounding order, so 1e-12 relative holds;
    // the discrete methods pick order statistics and must agree exactly.
    each("quantile/", |fx, c| {
        let o = QuantileOptions { method: qmethod(c.input("method").str()), nan_policy: policy(c) };
        let q = quantile_with(&arr(fx, c, "x"), &c.input("p").array1_f64(), &o).unwrap();
        assert_close(&q, &c.output("value").array1_f64(), TOL, &c.name);
    });
}

#[test]
fn iqr_and_mad_match_scipy() {
    each("iqr/", |fx, c| {
        let r = c.input("rng").json().as_array().unwrap();
        let o = IqrOptions {
            rng: (r[0].as_f64().unwrap(), r[1].as_f64().unwrap()),
            scale: scale(c),
            interpolation: qmethod(c.input("interpolation").str()),
            nan_policy: policy(c),
        };
        check(c, iqr_with(&arr(fx, c, "x"), &o).unwrap(), "value");
    });
    each("mad/", |fx, c| {
        let o = MadOptions { scale: scale(c), nan_policy: policy(c) };
        check(c, median_abs_deviation_with(&arr(fx, c, "x"), &o).unwrap(), "value");
    });
}

#[test]
fn percentile_functions_match_scipy() {
    each("percentileofscore/", |fx, c| {
        let kind = match c.input("kind").str() {
            "rank" => PercentileKind::Rank,
            "weak" => PercentileKind::Weak,
            "strict" => PercentileKind::Strict,
            _ => PercentileKind::Mean,
        };
        let o = PercentileOfScoreOptions { kind, nan_policy: policy(c) };
        let x = arr(fx, c, "x");
        let got = c.input("scores").array1_f64().mapv(|s| percentileofscore_with(&x, s, &o).unwrap());
        assert_close(&got, &c.output("value").array1_f64(), TOL, &c.name);
    });
    each("scoreatpercentile/", |fx, c| {
        let interpolation_method = match c.input("method").str() {
            "fraction" => ScoreInterpolation::Fraction,
            "lower" => ScoreInterpolation::Lower,
            _ => ScoreInterpolation::Higher,
        };
        let limit = if c.input("limit").is_null() {
            None
        } else {
            let l = c.input("limit").json().as_array().unwrap();
            Some((l[0].as_f64().unwrap(), l[1].as_f64().unwrap()))
        };
        let o = ScoreAtPercentileOptions { limit, interpolation_method };
        let x = arr(fx, c, "x");
        let got = c.input("per").array1_f64().mapv(|p| scoreatpercentile_with(&x, p, &o).unwrap());
        assert_close(&got, &c.output("value").array1_f64(), TOL, &c.name);
    });
}

#[test]
fn rankdata_and_mode_match_scipy_exactly() {
    each("rankdata/", |fx, c| {
        let method = match c.input("method").str() {
            "average" => RankMethod::Average,
            "min" => RankMethod::Min,
            "max" => RankMethod::Max,
            "dense" => RankMethod::Dense,
            _ => RankMethod::Ordinal,
        };
        let r = rankdata_with(&arr(fx, c, "x"), &RankdataOptions { method, nan_policy: policy(c) }).unwrap();
        assert_close(&r, &c.output("value").array1_f64(), Tol::new(0.0, 0.0), &c.name);
    });
    each("mode/", |fx, c| {
        let m = mode_with(&arr(fx, c, "x"), policy(c)).unwrap();
        assert_scalar_close(m.mode, c.output("mode").f64(), Tol::new(0.0, 0.0), &c.name);
        assert_eq!(m.count, c.output("count").usize(), "{}", c.name);
    });
}

#[test]
fn entropy_matches_scipy() {
    each("entropy/", |fx, c| {
        let qk = if c.input("qk").is_null() { None } else { Some(arr(fx, c, "qk")) };
        let base = if c.input("base").is_null() { None } else { Some(c.input("base").f64()) };
        let o = EntropyOptions { qk, base, nan_policy: NanPolicy::Propagate };
        check(c, entropy_with(&arr(fx, c, "pk"), &o).unwrap(), "value");
    });
}

#[test]
fn axis_reductions_match_scipy() {
    each("axis/", |fx, c| {
        let a = arr_dyn(fx, c, "a");
        let axis = if c.input("axis").is_null() { None } else { Some(c.input("axis").i64() as isize) };
        let what = c.name.trim_start_matches("axis/").rsplit_once('_').unwrap().0;
        let got = match what {
            "skew" => skew_axis(&a, axis, &SkewOptions::default()),
            "kurtosis" => kurtosis_axis(&a, axis, &KurtosisOptions::default()),
            "sem" => sem_axis(&a, axis, &DdofOptions::ddof(1)),
            "variation" => variation_axis(&a, axis, &DdofOptions::ddof(0)),
            "moment3" => moment_axis(&a, 3, axis, &MomentOptions::default()),
            "iqr" => iqr_axis(&a, axis, &IqrOptions::default()),
            "mad" => median_abs_deviation_axis(&a, axis, &MadOptions::default()),
            "gmean" => gmean_axis(&a, axis, &WeightedMeanOptions::default()),
            "hmean" => hmean_axis(&a, axis, &WeightedMeanOptions::default()),
            "entropy" => entropy_axis(&a, axis, &EntropyOptions::default()),
            "trim_mean" => trim_mean_axis(&a, 0.2, axis),
            other => panic!("unknown axis case {other}"),
        }
        .unwrap();
        let expected = c.output("value").array_f64();
        // Moments of the column with scale 10 reach 1e3; the floor scales accordingly.
        assert_close(&got, &expected, Tol::new(1e-12, 1e-11), &c.name);
    });
}

#[test]
fn histogram_matches_numpy() {
    each("histogram/", |fx, c| {
        let range = if c.input("range").is_null() {
            None
        } else {
            let r = c.input("range").json().as_array().unwrap();
            Some((r[0].as_f64().unwrap(), r[1].as_f64().unwrap()))
        };
        let o = HistogramOptions { range, density: c.input("density").bool() };
        let h = histogram_with(&arr(fx, c, "x"), c.input("bins").usize(), &o).unwrap();
        // Edges follow numpy.linspace exactly; densities are one division away.
        assert_close(
            &h.bin_edges,
            &c.output("edges").array1_f64(),
            Tol::new(1e-15, 0.0),
            &format!("{} edges", c.name),
        );
        assert_close(
            &h.counts,
            &c.output("counts").array1_f64(),
            Tol::new(1e-15, 0.0),
            &format!("{} counts", c.name),
        );
    });
    assert!(histogram(&Array1::from(vec![1.0, f64::NAN]), 3).is_err());
    assert!(histogram(&Array1::from(vec![1.0]), 0).is_err());
}

#[test]
fn binned_statistic_matches_scipy() {
    each("binned_statistic/", |fx, c| {
        let stat = match c.input("statistic").str() {
            "mean" => BinStatistic::Mean,
            "std" => BinStatistic::Std,
            "median" => BinStatistic::Median,
            "count" => BinStatistic::Count,
            "sum" => BinStatistic::Sum,
            "min" => BinStatistic::Min,
            _ => BinStatistic::Max,
        };
        let range = if c.input("range").is_null() {
            None
        } else {
            let r = c.input("range").json().as_array().unwrap();
            Some((r[0].as_f64().unwrap(), r[1].as_f64().unwrap()))
        };
        let r =
            binned_statistic(&arr(fx, c, "x"), &arr(fx, c, "values"), stat, c.input("bins").usize(), range)
                .unwrap();
        assert_close(
            &r.statistic,
            &c.output("statistic").array1_f64(),
            TOL,
            &format!("{} statistic", c.name),
        );
        assert_close(
            &r.bin_edges,
            &c.output("edges").array1_f64(),
            Tol::new(1e-15, 0.0),
            &format!("{} edges", c.name),
        );
        let expected: Vec<usize> = c.output("binnumber").array_i64().iter().map(|&b| b as usize).collect();
        assert_eq!(r.binnumber.to_vec(), expected, "{} binnumber", c.name);
    });
    let x = Array1::from(vec![1.0, 2.0]);
    assert!(binned_statistic(&x, &Array1::from(vec![1.0]), BinStatistic::Mean, 2, None).is_err());
}

#[test]
fn pmean_and_gstd_match_scipy() {
    each("pmean/", |fx, c| {
        let weights = if c.input("weights").is_null() { None } else { Some(arr(fx, c, "weights")) };
        let o = WeightedMeanOptions { weights, nan_policy: NanPolicy::Propagate };
        check(c, pmean_with(&arr(fx, c, "x"), c.input("p").f64(), &o).unwrap(), "value");
    });
    each("gstd/", |fx, c| {
        let o = DdofOptions { ddof: c.input("ddof").usize(), nan_policy: NanPolicy::Propagate };
        check(c, gstd_with(&arr(fx, c, "x"), &o).unwrap(), "value");
    });
}
