#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Hypothesis tests against SciPy 1.17 (`xtask/fixtures/stats.py`, file `stats_tests.json`).
//!
//! Tolerance: relative 1e-12 on statistics and p-values, with an absolute floor of 1e-14
//! for p-values near 0 or statistics near 0 (sums are ordered differently from numpy's, so
//! the last bits can differ; the normal tail functions are accurate to a few ulps).

use sci_core::ndarray::Array1;
use sci_stats::*;
use sci_testing::{Case, Fixture, Tol, assert_scalar_close};

const TOL: Tol = Tol::new(1e-12, 1e-14);

fn arr(fx: &Fixture, c: &Case, key: &str) -> Array1<f64> {
    let v = c.input(key);
    let a = match v.json().as_str() {
        Some(r) if r.starts_with('@') => fx.case(&format!("data/{}", &r[1..])).input("x").array_f64(),
        _ => v.array_f64(),
    };
    a.into_dimensionality().unwrap()
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

fn alternative(c: &Case) -> Alternative {
    match c.input("alternative").str() {
        "less" => Alternative::Less,
        "greater" => Alternative::Greater,
        _ => Alternative::TwoSided,
    }
}

fn check(c: &Case, r: TestResult) {
    assert_scalar_close(r.statistic, c.output("statistic").f64(), TOL, &format!("{} statistic", c.name));
    assert_scalar_close(r.pvalue, c.output("pvalue").f64(), TOL, &format!("{} pvalue", c.name));
}

fn each(prefix: &str, mut f: impl FnMut(&Fixture, &Case)) {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "stats_tests");
    let cases: Vec<&Case> = fx.cases_with_prefix(prefix).collect();
    assert!(!cases.is_empty(), "no fixture cases for {prefix}");
    for c in cases {
        f(&fx, c);
    }
}

#[test]
fn normality_tests_match_scipy() {
    each("skewtest/", |fx, c| {
        let o = NormalityOptions { alternative: alternative(c), nan_policy: policy(c) };
        check(c, skewtest_with(&arr(fx, c, "x"), &o).unwrap());
    });
    each("kurtosistest/", |fx, c| {
        let o = NormalityOptions { alternative: alternative(c), nan_policy: policy(c) };
        check(c, kurtosistest_with(&arr(fx, c, "x"), &o).unwrap());
    });
    each("normaltest/", |fx, c| check(c, normaltest_with(&arr(fx, c, "x"), policy(c)).unwrap()));
    each("jarque_bera/", |fx, c| check(c, jarque_bera_with(&arr(fx, c, "x"), policy(c)).unwrap()));
}

fn optional_arr(fx: &Fixture, c: &Case, key: &str) -> Option<Array1<f64>> {
    if c.input(key).is_null() { None } else { Some(arr(fx, c, key)) }
}

#[test]
fn power_divergence_and_chisquare_match_scipy() {
    each("power_divergence/", |fx, c| {
        let lambda = match c.input("lambda").str() {
            "pearson" => Lambda::Pearson,
            "log-likelihood" => Lambda::LogLikelihood,
            "freeman-tukey" => Lambda::FreemanTukey,
            "mod-log-likelihood" => Lambda::ModLogLikelihood,
            "neyman" => Lambda::Neyman,
            "cressie-read" => Lambda::CressieRead,
            _ => Lambda::Value(1.7),
        };
        let o = PowerDivergenceOptions {
            f_exp: optional_arr(fx, c, "f_exp"),
            ddof: c.input("ddof").usize(),
            lambda,
        };
        check(c, power_divergence_with(&arr(fx, c, "f_obs"), &o).unwrap());
    });
    each("chisquare/", |fx, c| {
        let o = PowerDivergenceOptions {
            f_exp: optional_arr(fx, c, "f_exp"),
            ddof: c.input("ddof").usize(),
            ..Default::default()
        };
        check(c, chisquare_with(&arr(fx, c, "f_obs"), &o).unwrap());
    });
}

#[test]
fn power_divergence_rejects_mismatched_sums() {
    let obs = Array1::from(vec![10.0, 20.0, 30.0]);
    let o =
        PowerDivergenceOptions { f_exp: Some(Array1::from(vec![10.0, 20.0, 31.0])), ..Default::default() };
    assert!(matches!(chisquare_with(&obs, &o), Err(sci_core::Error::InvalidArgument { .. })));
    let o = PowerDivergenceOptions { f_exp: Some(Array1::from(vec![10.0, 20.0])), ..Default::default() };
    assert!(matches!(chisquare_with(&obs, &o), Err(sci_core::Error::ShapeMismatch { .. })));
    // No degrees of freedom left: NaN p-value, as SciPy.
    let o = PowerDivergenceOptions { ddof: 2, ..Default::default() };
    assert!(chisquare_with(&obs, &o).unwrap().pvalue.is_nan());
}
