//! `gaussian_kde` against SciPy 1.17.1 (xtask/fixtures/stats_extra.py): bandwidth factor,
//! effective sample size, kernel covariance and its Cholesky factor, `evaluate`, `logpdf`
//! and `integrate_box_1d`, in 1, 2 and 3 dimensions, weighted and unweighted, for Scott,
//! Silverman and a scalar bandwidth.
//!
//! Tolerances: the covariance is a short weighted sum (rounding ~1e-15); densities are sums
//! of ≤ 50 positive kernel terms whose exponents carry the covariance's relative rounding
//! times ‖z‖² (≤ ~30 for the points kept here), so 1e-12 relative is a bound with margin.
//! Log-densities far in the tails (‖z‖² up to ~1e4) inherit an absolute error of
//! ~‖z‖²·1e-15, hence the 1e-12 relative test there too (relative to |logpdf| ~ 1e3).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{Array1, Array2, array};
use sci_stats::rand::{SeedableRng, rngs::StdRng};
use sci_stats::{BwMethod, GaussianKde, GaussianKdeOptions};
use sci_testing::{Fixture, Tol, assert_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "kde")
}

fn data_of(c: &sci_testing::Case, key: &str) -> Array2<f64> {
    let a = c.input(key).array_f64();
    if a.ndim() == 1 {
        let n = a.len();
        a.into_shape_with_order((1, n)).unwrap()
    } else {
        a.into_dimensionality().unwrap()
    }
}

#[test]
fn kde_matches_scipy() {
    let f = fx();
    let mut count = 0;
    for c in f.cases_with_prefix("kde/") {
        let data = data_of(c, "data");
        let pts = data_of(c, "points");
        let bw = match c.input("bw").str() {
            "scott" => BwMethod::Scott,
            "silverman" => BwMethod::Silverman,
            _ => BwMethod::Scalar(c.input("bw_value").f64()),
        };
        let weights = if c.input("weights").is_null() { None } else { Some(c.input("weights").array1_f64()) };
        let kde = GaussianKde::new_with(&data, &GaussianKdeOptions { bw_method: bw, weights }).unwrap();
        let tol = Tol::new(1e-12, 0.0);
        let ctx = &c.name;
        sci_testing::assert_scalar_close(
            kde.factor(),
            c.output("factor").f64(),
            Tol::new(1e-14, 0.0),
            &format!("{ctx} factor"),
        );
        sci_testing::assert_scalar_close(
            kde.neff(),
            c.output("neff").f64(),
            Tol::new(1e-13, 0.0),
            &format!("{ctx} neff"),
        );
        assert_close(
            kde.covariance(),
            &c.output("covariance").array2_f64(),
            Tol::new(1e-13, 1e-15),
            &format!("{ctx} covariance"),
        );
        assert_close(
            kde.cho_cov(),
            &c.output("cho_cov").array2_f64(),
            Tol::new(1e-13, 1e-15),
            &format!("{ctx} cho_cov"),
        );
        let want = c.output("evaluate").array1_f64();
        assert_close(
            &kde.evaluate(&pts).unwrap(),
            &want,
            Tol::new(1e-12, 1e-300),
            &format!("{ctx} evaluate"),
        );
        assert_close(
            &kde.logpdf(&pts).unwrap(),
            &c.output("logpdf").array1_f64(),
            tol,
            &format!("{ctx} logpdf"),
        );
        let d = kde.d();
        let gmean = Array1::linspace(-0.5, 0.7, d);
        let gcov = Array2::from_shape_fn((d, d), |(i, j)| if i == j { 0.35 } else { 0.05 });
        let ig = kde.integrate_gaussian(&gmean, &gcov).unwrap();
        sci_testing::assert_scalar_close(
            ig,
            c.output("integrate_gaussian").f64(),
            tol,
            &format!("{ctx} integrate_gaussian"),
        );
        let sub = data.slice(sci_core::ndarray::s![.., ..;3]).mapv(|v| v + 0.25);
        let other = GaussianKde::new_with(
            &sub,
            &GaussianKdeOptions { bw_method: BwMethod::Scalar(0.6), weights: None },
        )
        .unwrap();
        let ik = kde.integrate_kde(&other).unwrap();
        sci_testing::assert_scalar_close(
            ik,
            c.output("integrate_kde").f64(),
            tol,
            &format!("{ctx} integrate_kde"),
        );
        if c.has_output("marginal_eval") {
            let m = kde.marginal(&[-1]).unwrap();
            let got = m.evaluate(&pts.row(d - 1)).unwrap();
            assert_close(
                &got,
                &c.output("marginal_eval").array1_f64(),
                Tol::new(1e-12, 1e-300),
                &format!("{ctx} marginal"),
            );
        }
        if c.has_output("box") {
            let b = c.output("box").array1_f64();
            let got = array![
                kde.integrate_box_1d(-1.0, 2.0).unwrap(),
                kde.integrate_box_1d(f64::NEG_INFINITY, 0.5).unwrap(),
                kde.integrate_box_1d(3.0, f64::INFINITY).unwrap()
            ];
            assert_close(&got, &b, Tol::new(1e-13, 1e-16), &format!("{ctx} integrate_box_1d"));
            // 1-D input gives the same estimate as the 1 × n layout.
            let kde1 = GaussianKde::new_with(
                &data.row(0),
                &GaussianKdeOptions { bw_method: bw, weights: kde_weights(c) },
            )
            .unwrap();
            assert_eq!(kde1.evaluate(&pts.row(0)).unwrap(), kde.evaluate(&pts).unwrap());
        }
        count += 1;
    }
    assert_eq!(count, 15);
}

fn kde_weights(c: &sci_testing::Case) -> Option<Array1<f64>> {
    if c.input("weights").is_null() { None } else { Some(c.input("weights").array1_f64()) }
}

#[test]
fn singular_covariance_is_an_error() {
    let f = fx();
    // SciPy raises LinAlgError for a constant row; for identical rows its LAPACK Cholesky
    // succeeds on a rounding-noise pivot (documented difference: sci rejects both).
    assert!(f.case("kde_error/constant_row").output("raises").bool());
    assert!(!f.case("kde_error/identical_rows").output("raises").bool());
    for c in f.cases_with_prefix("kde_error/") {
        let err = GaussianKde::new(&data_of(c, "data")).unwrap_err();
        assert!(matches!(err, sci_core::Error::NotPositiveDefinite { order: 2 }), "{}: {err}", c.name);
    }
}

#[test]
fn bad_input_is_an_error() {
    assert!(GaussianKde::new(&array![1.0]).is_err());
    assert!(GaussianKde::new(&Array1::<f64>::zeros(0)).is_err());
    assert!(GaussianKde::new(&array![1.0, f64::NAN, 2.0]).is_err());
    assert!(GaussianKde::new(&array![[1.0, 2.0], [3.0, 4.0], [5.0, 7.0]]).is_err()); // d > n
    assert!(GaussianKde::new(&array![2.0, 2.0, 2.0]).is_err()); // zero variance
    let x = array![1.0, 2.0, 4.0];
    let bad_w = |w: Array1<f64>| GaussianKdeOptions { weights: Some(w), ..Default::default() };
    assert!(GaussianKde::new_with(&x, &bad_w(array![1.0, 2.0])).is_err());
    assert!(GaussianKde::new_with(&x, &bad_w(array![1.0, -2.0, 1.0])).is_err());
    assert!(GaussianKde::new_with(&x, &bad_w(array![0.0, 0.0, 0.0])).is_err());
    let scalar = |f: f64| GaussianKdeOptions { bw_method: BwMethod::Scalar(f), weights: None };
    assert!(GaussianKde::new_with(&x, &scalar(0.0)).is_err());
    assert!(GaussianKde::new_with(&x, &scalar(f64::NAN)).is_err());
    let kde = GaussianKde::new(&x).unwrap();
    // Points: NaN gives NaN, infinity gives density 0; a wrong dimension is an error.
    let p = kde.evaluate(&array![f64::NAN, f64::INFINITY, 1.0]).unwrap();
    assert!(p[0].is_nan() && p[1] == 0.0 && p[2] > 0.0);
    let lp = kde.logpdf(&array![f64::NAN, f64::NEG_INFINITY]).unwrap();
    assert!(lp[0].is_nan() && lp[1] == f64::NEG_INFINITY);
    let kde2 = GaussianKde::new(&array![[0.0, 1.0, 2.0, 0.5], [1.0, 0.0, 3.0, 2.0]]).unwrap();
    assert!(kde2.evaluate(&array![[1.0], [2.0], [3.0]]).is_err());
    assert!(kde.integrate_box_1d(0.0, 1.0).is_ok() && kde2.integrate_box_1d(0.0, 1.0).is_err());
    assert!(kde2.marginal(&[]).is_err() && kde2.marginal(&[0, -2]).is_err() && kde2.marginal(&[2]).is_err());
    assert!(kde2.integrate_kde(&kde).is_err());
    assert!(kde2.integrate_gaussian(&array![0.0], &array![[1.0]]).is_err());
    assert!(kde.integrate_gaussian(&array![0.0], &array![[-10.0]]).is_err());
    // A 1-D array of length d is one point (SciPy's row-vector rule).
    let one = kde2.evaluate(&array![1.0, 2.0]).unwrap();
    assert_eq!(one, kde2.evaluate(&array![[1.0], [2.0]]).unwrap());
}

/// Larger sizes exercise several blocks and parallel tiles: compare with a direct sum.
#[test]
fn blocked_sum_matches_direct_sum() {
    let n = 1500;
    let data = Array2::from_shape_fn((2, n), |(i, j)| {
        ((j * 7919 + i * 31) % 1000) as f64 / 100.0 + (j as f64 * 0.37).sin()
    });
    let w = Array1::from_shape_fn(n, |j| 1.0 + (j % 5) as f64);
    for weights in [None, Some(w.clone())] {
        let kde = GaussianKde::new_with(
            &data,
            &GaussianKdeOptions { weights: weights.clone(), ..Default::default() },
        )
        .unwrap();
        let pts = Array2::from_shape_fn((2, 70), |(i, j)| j as f64 * 0.15 + i as f64);
        let got = kde.evaluate(&pts).unwrap();
        let cov = kde.covariance();
        let det = cov[[0, 0]] * cov[[1, 1]] - cov[[0, 1]] * cov[[1, 0]];
        let inv = [[cov[[1, 1]] / det, -cov[[0, 1]] / det], [-cov[[1, 0]] / det, cov[[0, 0]] / det]];
        let ws = kde.weights();
        let want = Array1::from_shape_fn(70, |j| {
            let mut s = 0.0;
            for i in 0..n {
                let dx = [pts[[0, j]] - data[[0, i]], pts[[1, j]] - data[[1, i]]];
                let q = dx[0] * (inv[0][0] * dx[0] + inv[0][1] * dx[1])
                    + dx[1] * (inv[1][0] * dx[0] + inv[1][1] * dx[1]);
                s += ws[i] * (-0.5 * q).exp();
            }
            s / (2.0 * std::f64::consts::PI * det.sqrt())
        });
        assert_close(&got, &want, Tol::new(1e-11, 1e-300), "blocked vs direct");
        let lp = kde.logpdf(&pts).unwrap();
        assert_close(&lp, &want.mapv(f64::ln), Tol::new(1e-11, 0.0), "logpdf vs ln(direct)");
    }
}

/// Few points and much data: `evaluate` splits the data across tasks; compare with a
/// direct sum (both paths add positive terms, 1e-12 relative covers the different order).
#[test]
fn data_split_path_matches_direct_sum() {
    let n = 20_000;
    let data = Array1::from_shape_fn(n, |j| ((j * 7919) % 10007) as f64 / 1000.0 + (j as f64 * 0.11).sin());
    let w = Array1::from_shape_fn(n, |j| 0.5 + (j % 7) as f64);
    for weights in [None, Some(w)] {
        let kde =
            GaussianKde::new_with(&data, &GaussianKdeOptions { weights, ..Default::default() }).unwrap();
        let pts = array![-3.0, 0.0, 2.5, 5.0, 9.99, 14.0, f64::NAN];
        let got = kde.evaluate(&pts).unwrap();
        let h = kde.covariance()[[0, 0]].sqrt();
        let ws = kde.weights();
        for (j, &y) in pts.iter().enumerate().take(6) {
            let s: f64 = data.iter().zip(ws).map(|(&x, &wi)| wi * (-0.5 * ((y - x) / h).powi(2)).exp()).sum();
            let want = s / (h * (2.0 * std::f64::consts::PI).sqrt());
            assert!((got[j] - want).abs() <= 1e-12 * want, "{j}: {} vs {want}", got[j]);
        }
        assert!(got[6].is_nan());
        let lp = kde.logpdf(&pts).unwrap();
        assert_close(
            &lp.slice(sci_core::ndarray::s![..6]),
            &got.slice(sci_core::ndarray::s![..6]).mapv(f64::ln),
            Tol::new(1e-12, 0.0),
            "logpdf",
        );
    }
}

/// `resample` draws from the mixture: the sample mean and covariance match the KDE's
/// (weighted mean; data covariance·(1 − Σw²) + kernel covariance) within sampling error.
#[test]
fn resample_moments() {
    let data = array![[0.0, 1.0, 2.0, 5.0, 3.0, 4.5], [1.0, 3.0, 2.0, 5.0, 0.0, 2.0]];
    let w = array![1.0, 2.0, 1.0, 3.0, 1.0, 2.0];
    let kde =
        GaussianKde::new_with(&data, &GaussianKdeOptions { weights: Some(w), ..Default::default() }).unwrap();
    let m = 200_000;
    let s = kde.resample(m, &mut StdRng::seed_from_u64(20261126));
    assert_eq!(s.dim(), (2, m));
    let ws = kde.weights();
    for k in 0..2 {
        let mean_k = data.row(k).dot(ws);
        let got = s.row(k).mean().unwrap();
        // Mixture variance: Σ wᵢ (xᵢ − μ)² + kernel variance.
        let var: f64 = data.row(k).iter().zip(ws).map(|(x, w)| w * (x - mean_k).powi(2)).sum::<f64>()
            + kde.covariance()[[k, k]];
        assert!((got - mean_k).abs() < 5.0 * (var / m as f64).sqrt(), "mean {k}: {got} vs {mean_k}");
        let sv = s.row(k).var(1.0);
        assert!((sv - var).abs() < 0.02 * var, "var {k}: {sv} vs {var}");
    }
    // Same seed, same draws.
    let again = kde.resample(m, &mut StdRng::seed_from_u64(20261126));
    assert_eq!(s, again);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

        /// For any 1-D data with spread: total mass 1, densities non-negative, logpdf equal
        /// to ln(evaluate) where the density is representable, and a mass in [a, b] that
        /// matches a fine trapezoid integral of `evaluate`.
        #[test]
        fn kde_1d_invariants(
            data in prop::collection::vec(-50.0f64..50.0, 3..40),
            bw in prop_oneof![Just(BwMethod::Scott), Just(BwMethod::Silverman), (0.05f64..2.0).prop_map(BwMethod::Scalar)],
        ) {
            let x = Array1::from(data);
            let spread = x.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b)) - x.iter().fold(f64::INFINITY, |a, &b| a.min(b));
            prop_assume!(spread > 1e-3);
            let kde = GaussianKde::new_with(&x, &GaussianKdeOptions { bw_method: bw, weights: None }).unwrap();
            let total = kde.integrate_box_1d(f64::NEG_INFINITY, f64::INFINITY).unwrap();
            prop_assert!((total - 1.0).abs() < 1e-12);
            let pts = Array1::linspace(-80.0, 80.0, 4001);
            let p = kde.evaluate(&pts).unwrap();
            let lp = kde.logpdf(&pts).unwrap();
            for (&a, &b) in p.iter().zip(lp.iter()) {
                prop_assert!(a >= 0.0);
                if a > 1e-250 {
                    prop_assert!((a.ln() - b).abs() <= 1e-12 * b.abs().max(1.0), "{} vs {}", a.ln(), b);
                }
            }
            let h = kde.covariance()[[0, 0]].sqrt();
            if h > 0.2 {
                // Trapezoid on a 0.04 grid over [-10, 10]: error ~ h²f''/12 ≲ 1e-3.
                let (a, b) = (-10.0, 10.0);
                let grid = Array1::linspace(a, b, 501);
                let f = kde.evaluate(&grid).unwrap();
                let dx = (b - a) / 500.0;
                let trap = dx * (f.sum() - 0.5 * (f[0] + f[500]));
                let exact = kde.integrate_box_1d(a, b).unwrap();
                prop_assert!((trap - exact).abs() < 2e-3 / h.min(1.0), "{trap} vs {exact}");
            }
        }
    }
}
