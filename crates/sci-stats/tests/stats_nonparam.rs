#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `wilcoxon`, `shapiro` and `anderson` against SciPy 1.17 (`xtask/fixtures/stats_nonparam.py`,
//! file `stats_nonparam.json`).
//!
//! Tolerances: relative 1e-12 with an absolute floor of 1e-14. Statistics that are rank
//! sums are exact; exact and permutation p-values are sums of dyadic rationals, but SciPy
//! forms far upper tails as `1 − cdf` (absolute error ~1e-16) where sci sums the short tail,
//! hence the absolute floor. Shapiro-Wilk follows the same published arithmetic (AS R94 with
//! AS 111 and AS 66). Anderson-Darling tolerances are stated at its test.

use proptest::prelude::*;
use sci_core::Error;
use sci_core::ndarray::Array1;
use sci_stats::*;
use sci_testing::{Case, Fixture, Tol, assert_close, assert_scalar_close};

const TOL: Tol = Tol::new(1e-12, 1e-14);

fn fixture() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "stats_nonparam")
}

fn arr(fx: &Fixture, c: &Case, key: &str) -> Array1<f64> {
    let r = c.input(key).str();
    let name = r.strip_prefix('@').expect("sample reference");
    fx.case(&format!("data/{name}")).input("x").array1_f64()
}

fn cases<'a>(fx: &'a Fixture, prefix: &'a str) -> Vec<&'a Case> {
    let v: Vec<&Case> = fx.cases_with_prefix(prefix).collect();
    assert!(!v.is_empty(), "no fixture cases for {prefix}");
    v
}

fn alternative(s: &str) -> Alternative {
    match s {
        "less" => Alternative::Less,
        "greater" => Alternative::Greater,
        "two-sided" => Alternative::TwoSided,
        other => panic!("alternative {other}"),
    }
}

fn zero_method(s: &str) -> ZeroMethod {
    match s {
        "wilcox" => ZeroMethod::Wilcox,
        "pratt" => ZeroMethod::Pratt,
        "zsplit" => ZeroMethod::Zsplit,
        other => panic!("zero_method {other}"),
    }
}

/// Options from the packed string "zero_method,alternative,method,correction".
fn wilcoxon_options(o: &str) -> WilcoxonOptions {
    let p: Vec<&str> = o.split(',').collect();
    let method = match p[2] {
        "auto" => WilcoxonMethod::Auto,
        "exact" => WilcoxonMethod::Exact,
        "asymptotic" => WilcoxonMethod::Asymptotic,
        other => panic!("method {other}"),
    };
    WilcoxonOptions {
        zero_method: zero_method(p[0]),
        alternative: alternative(p[1]),
        method,
        correction: p[3] == "1",
        nan_policy: NanPolicy::Propagate,
    }
}

fn check_wilcoxon(c: &Case, r: &WilcoxonResult) {
    assert_scalar_close(r.statistic, c.output("statistic").f64(), TOL, &format!("{} statistic", c.name));
    assert_scalar_close(r.pvalue, c.output("pvalue").f64(), TOL, &format!("{} pvalue", c.name));
    if c.has_output("zstatistic") {
        let z = r.zstatistic.unwrap_or_else(|| panic!("{}: no zstatistic", c.name));
        assert_scalar_close(z, c.output("zstatistic").f64(), TOL, &format!("{} zstatistic", c.name));
    }
}

#[test]
fn wilcoxon_matches_scipy_for_every_option() {
    let fx = fixture();
    let all = cases(&fx, "wilcoxon/");
    // Every zero_method x alternative x method, with and without correction, was generated.
    assert!(all.len() > 250, "{} cases", all.len());
    for c in all {
        let o = wilcoxon_options(c.input("o").str());
        let r = wilcoxon_with(&arr(&fx, c, "x"), &o).unwrap();
        check_wilcoxon(c, &r);
        if o.method == WilcoxonMethod::Asymptotic {
            assert!(r.zstatistic.is_some(), "{}", c.name);
        }
    }
}

#[test]
fn wilcoxon_paired_matches_scipy() {
    let fx = fixture();
    for c in cases(&fx, "wilcoxon_paired/") {
        let o = WilcoxonOptions {
            zero_method: zero_method(c.input("zero_method").str()),
            alternative: alternative(c.input("alternative").str()),
            nan_policy: if c.input("nan_policy").str() == "omit" {
                NanPolicy::Omit
            } else {
                NanPolicy::Propagate
            },
            ..Default::default()
        };
        let r = wilcoxon_paired_with(&arr(&fx, c, "x"), &arr(&fx, c, "y"), &o).unwrap();
        check_wilcoxon(c, &r);
    }
}

#[test]
fn wilcoxon_errors_and_degenerate_input() {
    let empty = Array1::<f64>::zeros(0);
    assert!(matches!(wilcoxon(&empty), Err(Error::Empty { .. })));
    let nan = Array1::from(vec![f64::NAN, f64::NAN]);
    let omit = WilcoxonOptions { nan_policy: NanPolicy::Omit, ..Default::default() };
    assert!(matches!(wilcoxon_with(&nan, &omit), Err(Error::Empty { .. })));
    let raise = WilcoxonOptions { nan_policy: NanPolicy::Raise, ..Default::default() };
    let x = Array1::from(vec![1.0, f64::NAN, 3.0]);
    assert!(matches!(wilcoxon_with(&x, &raise), Err(Error::NonFinite { .. })));
    let r = wilcoxon(&x).unwrap();
    assert!(r.statistic.is_nan() && r.pvalue.is_nan());
    let y = Array1::from(vec![1.0, 2.0]);
    assert!(matches!(wilcoxon_paired(&x, &y), Err(Error::ShapeMismatch { .. })));
    // The exact distribution is refused beyond 1000 ranked differences.
    let big: Array1<f64> = (1..=1001).map(|i| if i % 3 == 0 { -(i as f64) } else { i as f64 }).collect();
    let exact = WilcoxonOptions { method: WilcoxonMethod::Exact, ..Default::default() };
    assert!(matches!(wilcoxon_with(&big, &exact), Err(Error::Unsupported(_))));
    // ...but the default switches to the normal approximation there.
    let r = wilcoxon(&big).unwrap();
    assert!(r.pvalue > 0.0 && r.pvalue < 1.0 && r.zstatistic.is_some());
}

#[test]
fn wilcoxon_is_antisymmetric_in_the_sign_of_d() {
    let d = Array1::from(vec![0.5, -1.25, 2.0, 3.5, -0.75, 4.0, 1.0, -2.5, 6.0]);
    let neg = d.mapv(|v| -v);
    for method in [WilcoxonMethod::Exact, WilcoxonMethod::Asymptotic] {
        let less = WilcoxonOptions { alternative: Alternative::Less, method, ..Default::default() };
        let greater = WilcoxonOptions { alternative: Alternative::Greater, method, ..Default::default() };
        let a = wilcoxon_with(&d, &less).unwrap().pvalue;
        let b = wilcoxon_with(&neg, &greater).unwrap().pvalue;
        assert!((a - b).abs() < 1e-15, "{method:?}: {a} vs {b}");
    }
}

#[test]
fn shapiro_matches_scipy() {
    let fx = fixture();
    for c in cases(&fx, "shapiro/") {
        let x = if c.has_input("irwin_hall") {
            irwin_hall(c.input("irwin_hall").usize())
        } else {
            arr(&fx, c, "x")
        };
        let policy = if c.has_input("nan_policy") && c.input("nan_policy").str() == "omit" {
            NanPolicy::Omit
        } else {
            NanPolicy::Propagate
        };
        let r = shapiro_with(&x, policy).unwrap();
        assert_scalar_close(r.statistic, c.output("statistic").f64(), TOL, &format!("{} W", c.name));
        assert_scalar_close(r.pvalue, c.output("pvalue").f64(), TOL, &format!("{} p", c.name));
    }
}

/// The generator's near-normal integer sample: a sum of four linear congruential streams.
fn irwin_hall(n: usize) -> Array1<f64> {
    let streams: [(i64, i64); 4] = [(7919, 13), (104729, 71), (1299709, 5), (15485863, 97)];
    (0..n as i64).map(|i| streams.iter().map(|&(a, b)| (a * i + b) % 1009).sum::<i64>() as f64).collect()
}

#[test]
fn shapiro_errors() {
    assert!(matches!(shapiro(&Array1::<f64>::zeros(0)), Err(Error::Empty { .. })));
    assert!(matches!(shapiro(&Array1::from(vec![1.0, 2.0])), Err(Error::InvalidArgument { .. })));
    let x = Array1::from(vec![1.0, 2.0, f64::NAN, 4.0]);
    assert!(matches!(shapiro_with(&x, NanPolicy::Raise), Err(Error::NonFinite { .. })));
    let two_left = Array1::from(vec![1.0, f64::NAN, 2.0]);
    assert!(matches!(shapiro_with(&two_left, NanPolicy::Omit), Err(Error::InvalidArgument { .. })));
    let inf = Array1::from(vec![1.0, f64::INFINITY, 3.0, 4.0]);
    let r = shapiro(&inf).unwrap();
    assert!(r.statistic.is_nan() && r.pvalue.is_nan());
}

#[test]
fn shapiro_is_invariant_to_location_scale_and_order() {
    let x = Array1::from(vec![3.1, -0.4, 2.2, 5.9, 1.7, 0.3, 4.4, 2.8, -1.5, 3.3, 0.9, 1.2, 6.7]);
    let r = shapiro(&x).unwrap();
    let y = x.mapv(|v| 250.0 - 3.5 * v);
    let s = shapiro(&y).unwrap();
    assert_close(
        &Array1::from(vec![s.statistic, s.pvalue]),
        &Array1::from(vec![r.statistic, r.pvalue]),
        Tol::new(1e-12, 0.0),
        "affine",
    );
    assert!(r.statistic > 0.0 && r.statistic <= 1.0);
}

fn anderson_dist(s: &str) -> AndersonDist {
    match s {
        "norm" => AndersonDist::Norm,
        "expon" => AndersonDist::Expon,
        "logistic" => AndersonDist::Logistic,
        "gumbel_l" => AndersonDist::GumbelL,
        "gumbel_r" => AndersonDist::GumbelR,
        "weibull_min" => AndersonDist::WeibullMin,
        other => panic!("dist {other}"),
    }
}

/// Tolerances: norm, expon and Gumbel fits are closed-form or solved to ~1e-14 by SciPy
/// (`root_scalar(rtol=1e-14)`), so 1e-12. SciPy's logistic fit stops at `fsolve`'s
/// `xtol=1e-5`, leaving relative errors up to ~1e-8 in its parameters (and the interpolated
/// p-value magnifies them by the table's slope), hence 1e-6 there. The Weibull fit is
/// refined by SciPy's `root(hybr)` (`xtol=1.5e-8` on the step; it agrees to ~1e-13 in
/// practice), hence 1e-10. Critical values are rounded table values and must agree exactly.
fn anderson_tol(dist: &str) -> Tol {
    match dist {
        "logistic" => Tol::new(1e-6, 1e-12),
        "weibull_min" => Tol::new(1e-10, 1e-12),
        _ => TOL,
    }
}

#[test]
fn anderson_matches_scipy_for_every_family() {
    let fx = fixture();
    let mut seen = std::collections::BTreeSet::new();
    let (mut mirrored, mut rescued) = (0, 0);
    for c in cases(&fx, "anderson/") {
        let name = c.input("dist").str();
        seen.insert(name.to_string());
        let x = arr(&fx, c, "x");
        let r = anderson(&x, anderson_dist(name));
        if c.has_output("error") {
            // SciPy refuses a Weibull fit when its Nelder-Mead search ends at the boundary
            // (sci refuses too) or wanders to a location above min(x) where its refinement
            // fails; sci may then still find the interior maximum, which must be valid.
            assert_eq!(name, "weibull_min");
            match r {
                Err(Error::InvalidArgument { .. }) => {}
                Ok(r) => {
                    let xmin = x.iter().copied().fold(f64::INFINITY, f64::min);
                    assert!(
                        r.fit.shape.unwrap() >= 1.0 && r.fit.loc < xmin && r.statistic.is_finite(),
                        "{}",
                        c.name
                    );
                    rescued += 1;
                }
                Err(e) => panic!("{}: {e}", c.name),
            }
            continue;
        }
        let r = r.unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let tol = anderson_tol(name);
        let p = c.output("params").array1_f64();
        if p[p.len() - 1] < 0.0 {
            // SciPy's logistic `fsolve` can land on the mirror root (a, −b) of its score
            // equations (they are invariant under b → −b) and then reports a meaningless
            // statistic; sci returns the root with b > 0.
            assert_eq!(name, "logistic");
            assert_scalar_close(r.fit.loc, p[0], tol, &format!("{} loc", c.name));
            assert_scalar_close(r.fit.scale, -p[1], tol, &format!("{} scale", c.name));
            assert!(r.statistic.is_finite() && r.statistic < c.output("statistic").f64());
            mirrored += 1;
            continue;
        }
        assert_scalar_close(r.statistic, c.output("statistic").f64(), tol, &format!("{} statistic", c.name));
        assert_scalar_close(r.pvalue, c.output("pvalue").f64(), tol, &format!("{} pvalue", c.name));
        assert_eq!(r.critical_values, c.output("critical_values").array1_f64(), "{} critical values", c.name);
        assert_eq!(r.significance_level, c.output("significance_level").array1_f64(), "{} levels", c.name);
        let got: Vec<f64> = r.fit.shape.into_iter().chain([r.fit.loc, r.fit.scale]).collect();
        assert_close(&Array1::from(got), &p, tol, &format!("{} params", c.name));
    }
    assert_eq!(seen.len(), 6, "families covered: {seen:?}");
    assert!(mirrored <= 2, "{mirrored} logistic cases on SciPy's mirror root");
    assert!(rescued <= 1, "{rescued} Weibull fits that SciPy refused");
}

#[test]
fn anderson_errors_and_degenerate_input() {
    let empty = Array1::<f64>::zeros(0);
    assert!(matches!(anderson(&empty, AndersonDist::Norm), Err(Error::Empty { .. })));
    let nan = Array1::from(vec![1.0, f64::NAN, 2.0]);
    assert!(matches!(anderson(&nan, AndersonDist::Expon), Err(Error::NonFinite { .. })));
    let one = Array1::from(vec![1.0]);
    assert!(matches!(anderson(&one, AndersonDist::GumbelR), Err(Error::InvalidArgument { .. })));
    let constant = Array1::from(vec![2.0; 6]);
    for dist in [AndersonDist::Norm, AndersonDist::Logistic, AndersonDist::GumbelL, AndersonDist::GumbelR] {
        let r = anderson(&constant, dist).unwrap();
        assert!(r.statistic.is_nan() && r.pvalue.is_nan(), "{dist:?}");
        assert_eq!((r.fit.loc, r.fit.scale), (2.0, 0.0));
    }
    assert!(matches!(anderson(&constant, AndersonDist::WeibullMin), Err(Error::InvalidArgument { .. })));
    // SciPy: expon on data with negative values gives A² = inf.
    let neg = Array1::from(vec![-1.0, 2.0, 3.0, 4.5]);
    assert_eq!(anderson(&neg, AndersonDist::Expon).unwrap().statistic, f64::INFINITY);
}

#[test]
fn anderson_gumbel_l_mirrors_gumbel_r() {
    let x = Array1::from(vec![0.3, 1.7, -0.4, 2.9, 0.8, 1.1, 4.2, 0.05, 1.9, 2.2]);
    let r = anderson(&x, AndersonDist::GumbelR).unwrap();
    let l = anderson(&x.mapv(|v| -v), AndersonDist::GumbelL).unwrap();
    assert!((r.statistic - l.statistic).abs() < 1e-12 * r.statistic);
    assert!((r.fit.loc + l.fit.loc).abs() < 1e-12 && (r.fit.scale - l.fit.scale).abs() < 1e-14);
}

#[test]
fn anderson_ksamp_matches_scipy() {
    let fx = fixture();
    let all = cases(&fx, "anderson_ksamp/");
    let (mut capped, total) = (0, all.len());
    for c in all {
        let k = c.input("k").usize();
        let samples: Vec<Array1<f64>> = (0..k).map(|i| c.input(&format!("s{i}")).array1_f64()).collect();
        let variant = match c.input("variant").str() {
            "midrank" => AndersonKsampVariant::Midrank,
            "right" => AndersonKsampVariant::Right,
            "continuous" => AndersonKsampVariant::Continuous,
            other => panic!("variant {other}"),
        };
        let r = anderson_ksamp_with(&samples, &AndersonKsampOptions { variant }).unwrap();
        assert_scalar_close(r.statistic, c.output("statistic").f64(), TOL, &format!("{} statistic", c.name));
        // The p-value is exp of a least-squares quadratic (numpy: SVD; sci: QR).
        assert_scalar_close(r.pvalue, c.output("pvalue").f64(), TOL, &format!("{} pvalue", c.name));
        assert_close(&r.critical_values, &c.output("critical_values").array1_f64(), TOL, &c.name);
        if r.pvalue == 0.25 || r.pvalue == 0.001 {
            capped += 1;
        }
    }
    assert!(total - capped >= 6, "too few interpolated p-values: {capped} of {total} capped");
}

#[test]
fn anderson_ksamp_errors() {
    let a = Array1::from(vec![1.0, 2.0, 3.0]);
    let empty = Array1::<f64>::zeros(0);
    assert!(matches!(anderson_ksamp(&[a.view()]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(anderson_ksamp(&[a.view(), empty.view()]), Err(Error::Empty { .. })));
    let same = Array1::from(vec![2.0, 2.0]);
    assert!(matches!(anderson_ksamp(&[same.view(), same.view()]), Err(Error::InvalidArgument { .. })));
    let nan = Array1::from(vec![1.0, f64::NAN]);
    assert!(matches!(anderson_ksamp(&[a.view(), nan.view()]), Err(Error::NonFinite { .. })));
}

proptest! {
    /// Rank sums add up, p-values are probabilities, and the two-sided p-value is twice the
    /// smaller one-sided one (capped at 1) for the exact, permutation and normal methods.
    #[test]
    fn wilcoxon_invariants(v in prop::collection::vec(-20i32..20, 1..40), halves in any::<bool>()) {
        let d = Array1::from(v.iter().map(|&a| if halves { a as f64 / 2.0 } else { a as f64 }).collect::<Vec<_>>());
        for zero_method in [ZeroMethod::Wilcox, ZeroMethod::Pratt, ZeroMethod::Zsplit] {
            for method in [WilcoxonMethod::Auto, WilcoxonMethod::Exact, WilcoxonMethod::Asymptotic] {
                let run = |alternative| {
                    wilcoxon_with(&d, &WilcoxonOptions { zero_method, method, alternative, ..Default::default() }).unwrap()
                };
                let (two, less, greater) = (run(Alternative::TwoSided), run(Alternative::Less), run(Alternative::Greater));
                for p in [two.pvalue, less.pvalue, greater.pvalue] {
                    prop_assert!(p.is_nan() || (0.0..=1.0).contains(&p));
                }
                if two.pvalue.is_finite() {
                    let want = (2.0 * less.pvalue.min(greater.pvalue)).min(1.0);
                    prop_assert!((two.pvalue - want).abs() <= 1e-12, "{} vs {}", two.pvalue, want);
                }
                // min(R+, R-) <= R+, and for Wilcox at most half of c(c+1)/2 (c non-zero values).
                prop_assert!(two.statistic <= less.statistic && less.statistic == greater.statistic);
                if zero_method == ZeroMethod::Wilcox {
                    let c = d.iter().filter(|&&a| a != 0.0).count() as f64;
                    prop_assert!(two.statistic <= c * (c + 1.0) / 4.0);
                }
            }
        }
    }

    /// W lies in (0, 1] and does not depend on the order of the sample.
    #[test]
    fn shapiro_w_is_bounded_and_order_free(v in prop::collection::vec(-1e3f64..1e3, 3..80)) {
        let x = Array1::from(v.clone());
        let mut rev = v;
        rev.reverse();
        let (a, b) = (shapiro(&x).unwrap(), shapiro(&Array1::from(rev)).unwrap());
        prop_assert!(a.statistic > 0.0 && a.statistic <= 1.0 + 1e-15);
        prop_assert!((0.0..=1.0).contains(&a.pvalue));
        prop_assert!((a.statistic - b.statistic).abs() <= 1e-14 && (a.pvalue - b.pvalue).abs() <= 1e-13);
    }
}
