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
