//! `MultivariateNormal`, `Dirichlet` and `Multinomial` against SciPy 1.17.1
//! (xtask/fixtures/stats_dist_multivariate.py), closed forms and sampling statistics.
//!
//! Tolerances:
//! - Densities, log-densities, entropies and pmfs: 1e-12 relative. The multivariate normal
//!   log-density is `−½(r ln 2π + ln det + ‖Wᵀ(x − μ)‖²)` with the whitening `W` from a
//!   symmetric eigendecomposition in both libraries; the eigenvectors of these well-
//!   conditioned covariances agree to ~1e-15, so `‖·‖²` (up to 4e4·d at 200σ) agrees to
//!   ~1e-14 relative. An absolute floor of 1e-13 covers log-densities near 0, where the
//!   cancellation of terms of size ~10 leaves ~1e-14 absolute.
//! - Multivariate normal cdf: the fixture's `cdf_ref` is SciPy's quasi-Monte Carlo estimate
//!   with abseps 1e-7 (1e-6 for singular covariances); sci's estimate at SciPy's default
//!   abseps 1e-5 must be within 1e-5 plus that reference error. In one and two dimensions
//!   both libraries are deterministic (closed form; the Drezner–Wesolowsky–Genz bivariate
//!   algorithm): 1e-14 absolute.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::Error;
use sci_core::ndarray::{Array1, Array2, Axis, array};
use sci_stats::rand::{SeedableRng, rngs::StdRng};
use sci_stats::special::ndtr;
use sci_stats::{
    Beta, ContinuousDistribution, Dirichlet, DiscreteDistribution, Multinomial, MultivariateNormal,
    MultivariateNormalOptions, MvnCdfOptions, Norm,
};
use sci_testing::{Case, Fixture, Tol, assert_close, assert_scalar_close};

fn fx() -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), "stats_dist_multivariate")
}

const DENSITY: Tol = Tol::new(1e-12, 1e-13);

fn mvn_of(c: &Case) -> MultivariateNormal {
    let allow_singular = c.has_input("allow_singular") && c.input("allow_singular").bool();
    MultivariateNormal::new_with(
        &c.input("mean").array1_f64(),
        &c.input("cov").array2_f64(),
        &MultivariateNormalOptions { allow_singular },
    )
    .unwrap()
}

// ---------------------------------------------------------------- multivariate normal

#[test]
fn mvn_density_and_entropy_match_scipy() {
    let f = fx();
    let mut count = 0;
    for c in f.cases_with_prefix("mvn/").chain(f.cases_with_prefix("mvn_singular/")) {
        let mvn = mvn_of(c);
        let x = c.input("x").array2_f64();
        let ctx = &c.name;
        assert_close(
            &mvn.logpdf(&x).unwrap(),
            &c.output("logpdf").array1_f64(),
            DENSITY,
            &format!("{ctx} logpdf"),
        );
        assert_close(
            &mvn.pdf(&x).unwrap(),
            &c.output("pdf").array1_f64(),
            Tol::new(1e-12, 0.0),
            &format!("{ctx} pdf"),
        );
        assert_scalar_close(mvn.entropy(), c.output("entropy").f64(), DENSITY, &format!("{ctx} entropy"));
        if c.has_output("rank") {
            assert_eq!(mvn.rank(), c.output("rank").usize(), "{ctx} rank");
            assert_scalar_close(
                mvn.log_pdet(),
                c.output("log_pdet").f64(),
                DENSITY,
                &format!("{ctx} log_pdet"),
            );
        }
        count += 1;
    }
    assert_eq!(count, 8);
}

/// Whether the cdf of `c` is computed deterministically (at most two constrained variables).
fn deterministic(c: &Case) -> bool {
    c.input("mean").array1_f64().len() <= 2
}

fn check_cdf(got: &Array1<f64>, want: &Array1<f64>, ref_err: f64, exact: bool, ctx: &str) {
    let tol = if exact { Tol::new(0.0, 1e-14) } else { Tol::new(0.0, 1e-5 + ref_err) };
    assert_close(got, want, tol, ctx);
}

#[test]
fn mvn_cdf_matches_scipy_within_the_error_estimate() {
    let f = fx();
    for c in f.cases_with_prefix("mvn/") {
        let mvn = mvn_of(c);
        let x = c.input("x_cdf").array2_f64();
        let exact = deterministic(c);
        let ctx = &c.name;
        let est = mvn.cdf_estimate(&x, &MvnCdfOptions::default()).unwrap();
        assert!(est.error.iter().all(|&e| e <= 1e-5), "{ctx}: error estimates {:?}", est.error);
        check_cdf(&est.cdf, &c.output("cdf_ref").array1_f64(), 1e-7, exact, &format!("{ctx} cdf"));
        // SciPy's own default-tolerance value: both estimates within 1e-5 of the truth.
        let tol = if exact { Tol::new(0.0, 1e-14) } else { Tol::new(0.0, 2e-5) };
        assert_close(&est.cdf, &c.output("cdf").array1_f64(), tol, &format!("{ctx} cdf vs SciPy default"));
        let opts =
            MvnCdfOptions { lower_limit: Some(c.input("lower_limit").array1_f64()), ..Default::default() };
        let lower = mvn.cdf_with(&x, &opts).unwrap();
        check_cdf(
            &lower,
            &c.output("cdf_lower_ref").array1_f64(),
            1e-7,
            exact,
            &format!("{ctx} cdf lower_limit"),
        );
        // logcdf is ln(cdf) (the 1-D case uses log_ndtr, equal here to rounding).
        let logcdf = mvn.logcdf(&x).unwrap();
        assert_close(&logcdf, &est.cdf.mapv(f64::ln), Tol::new(1e-13, 0.0), &format!("{ctx} logcdf"));
    }
}

#[test]
fn mvn_cdf_with_swapped_limits_and_singular_covariances() {
    let f = fx();
    for c in f.cases_with_prefix("mvn_swapped/") {
        let mvn = mvn_of(c);
        let opts =
            MvnCdfOptions { lower_limit: Some(c.input("lower_limit").array1_f64()), ..Default::default() };
        let got = mvn.cdf_with(&c.input("x_cdf").array2_f64(), &opts).unwrap();
        let want = c.output("cdf_lower_ref").array1_f64();
        assert!(want[0] < 0.0);
        check_cdf(&got, &want, 1e-7, deterministic(c), &c.name);
        // ln of a negative cdf is NaN (SciPy: complex).
        assert!(mvn.logcdf_with(&c.input("x_cdf").array2_f64(), &opts).unwrap()[0].is_nan());
    }
    let mut count = 0;
    for c in f.cases_with_prefix("mvn_singular/") {
        let mvn = mvn_of(c);
        let got = mvn.cdf(&c.input("x_cdf").array2_f64()).unwrap();
        // The two-dimensional singular case goes through the bivariate algorithm with
        // |r| = 1 (exact); the others through the QMC rule.
        check_cdf(&got, &c.output("cdf_ref").array1_f64(), 1e-6, deterministic(c), &c.name);
        count += 1;
    }
    assert_eq!(count, 3);
}

#[test]
fn mvn_cdf_closed_forms() {
    // Dimension 1: the normal cdf, exactly, and log_ndtr deep in the tail.
    let mvn = MultivariateNormal::new(&array![1.0], &array![[4.0]]).unwrap();
    let x = array![[-3.0], [1.0], [5.5]];
    let n = Norm::new(1.0, 2.0).unwrap();
    assert_close(&mvn.cdf(&x).unwrap(), &x.column(0).mapv(|v| n.cdf(v)), Tol::new(1e-16, 0.0), "1-D cdf");
    let far = mvn.logcdf(&array![[-79.0]]).unwrap();
    assert_scalar_close(far[0], n.logcdf(-79.0), Tol::new(1e-15, 0.0), "1-D logcdf tail");

    // Independent components: the product of normal cdfs (every dimension).
    for d in [2usize, 3, 5, 10] {
        let sd = Array1::from_shape_fn(d, |i| 0.5 + 0.25 * i as f64);
        let cov = Array2::from_diag(&sd.mapv(|s| s * s));
        let mean = Array1::from_shape_fn(d, |i| 0.1 * i as f64);
        let mvn = MultivariateNormal::new(&mean, &cov).unwrap();
        let x = Array2::from_shape_fn((2, d), |(r, i)| mean[i] + sd[i] * (0.8 - 0.3 * i as f64 + r as f64));
        let want =
            Array1::from_shape_fn(2, |r| (0..d).map(|i| ndtr((x[[r, i]] - mean[i]) / sd[i])).product());
        assert_close(&mvn.cdf(&x).unwrap(), &want, Tol::new(1e-13, 1e-16), &format!("independent d={d}"));
    }

    // Bivariate orthant: P(X ≤ 0, Y ≤ 0) = 1/4 + asin(ρ)/(2π), in every regime of the algorithm.
    for rho in [-0.999, -0.95, -0.5, 0.1, 0.6, 0.93, 0.9999] {
        let mvn = MultivariateNormal::new(&array![0.0, 0.0], &array![[1.0, rho], [rho, 1.0]]).unwrap();
        let want = 0.25 + f64::asin(rho) / (2.0 * std::f64::consts::PI);
        assert_scalar_close(
            mvn.cdf(&array![[0.0, 0.0]]).unwrap()[0],
            want,
            Tol::new(0.0, 1e-15),
            "bvn orthant",
        );
    }
    // P(X ≤ 1, Y ≤ 1; ρ = 0.5) from SciPy 1.17.1, and the perfectly (anti)correlated limits
    // of a singular covariance: min(Φ(h), Φ(k)) and max(0, Φ(h) + Φ(k) − 1).
    let mvn = MultivariateNormal::new(&array![0.0, 0.0], &array![[1.0, 0.5], [0.5, 1.0]]).unwrap();
    assert_scalar_close(
        mvn.cdf(&array![[1.0, 1.0]]).unwrap()[0],
        0.7452035868467497,
        Tol::new(0.0, 1e-15),
        "bvn",
    );
    let singular = MultivariateNormalOptions { allow_singular: true };
    for (rho, want) in [(1.0, ndtr(-0.4)), (-1.0, ndtr(0.7) + ndtr(-0.4) - 1.0)] {
        let cov = array![[1.0, rho], [rho, 1.0]];
        let mvn = MultivariateNormal::new_with(&array![0.0, 0.0], &cov, &singular).unwrap();
        assert_scalar_close(
            mvn.cdf(&array![[0.7, -0.4]]).unwrap()[0],
            want,
            Tol::new(0.0, 1e-15),
            "bvn |ρ| = 1",
        );
    }

    // Trivariate orthant (Steck): 1/8 + (asin ρ₁₂ + asin ρ₁₃ + asin ρ₂₃)/(4π).
    let (r12, r13, r23) = (0.3, -0.2, 0.6);
    let cov = array![[1.0, r12, r13], [r12, 1.0, r23], [r13, r23, 1.0]];
    let mvn = MultivariateNormal::new(&array![0.0, 0.0, 0.0], &cov).unwrap();
    let opts = MvnCdfOptions { abseps: 3e-7, releps: 0.0, ..Default::default() };
    let est = mvn.cdf_estimate(&array![[0.0, 0.0, 0.0]], &opts).unwrap();
    let want = 0.125 + (f64::asin(r12) + f64::asin(r13) + f64::asin(r23)) / (4.0 * std::f64::consts::PI);
    assert!(est.error[0] <= 3e-7, "{:?}", est);
    assert_scalar_close(est.cdf[0], want, Tol::new(0.0, est.error[0]), "trivariate orthant");

    // Equicorrelated orthant with ρ = 1/2: 1/(d + 1). The error estimate is three standard
    // errors from ten batch means, a t₉ quantile of ~98.5% coverage, so a single estimate
    // may exceed it; twice the estimate is the test bound (SciPy's estimator is the same).
    for (d, abseps) in [(5usize, 1e-6), (10, 1e-5)] {
        let cov = Array2::from_shape_fn((d, d), |(i, j)| if i == j { 1.0 } else { 0.5 });
        let mvn = MultivariateNormal::new(&Array1::zeros(d), &cov).unwrap();
        let opts = MvnCdfOptions { abseps, releps: 0.0, ..Default::default() };
        let est = mvn.cdf_estimate(&Array2::zeros((1, d)), &opts).unwrap();
        assert!(est.error[0] <= abseps, "{est:?}");
        let tol = Tol::new(0.0, 2.0 * est.error[0]);
        assert_scalar_close(est.cdf[0], 1.0 / (d as f64 + 1.0), tol, &format!("orthant d={d}"));
    }
}

#[test]
fn mvn_cdf_is_reproducible_and_handles_infinities_and_nan() {
    let cov = array![[1.0, 0.4, 0.2], [0.4, 1.5, -0.3], [0.2, -0.3, 0.8]];
    let mvn = MultivariateNormal::new(&array![0.0, 1.0, -1.0], &cov).unwrap();
    let inf = f64::INFINITY;
    let x =
        array![[0.3, 1.2, -0.5], [inf, inf, inf], [-inf, 0.0, 0.0], [inf, 1.0, inf], [f64::NAN, 0.0, 0.0]];
    let a = mvn.cdf(&x).unwrap();
    assert_eq!(a.slice(sci_core::ndarray::s![..4]), mvn.cdf(&x).unwrap().slice(sci_core::ndarray::s![..4]));
    assert_eq!(a[1], 1.0);
    assert_eq!(a[2], 0.0);
    assert!((a[3] - 0.5).abs() < 1e-16); // one constrained component, at its mean
    assert!(a[4].is_nan());
    // A different seed moves the estimate by no more than the error.
    let b = mvn.cdf_with(
        &x.slice(sci_core::ndarray::s![..1, ..]),
        &MvnCdfOptions { seed: 99, ..Default::default() },
    );
    assert!((b.unwrap()[0] - a[0]).abs() < 2e-5);
}

#[test]
fn mvn_logpdf_special_points() {
    let mvn = MultivariateNormal::new(&array![0.0, 0.0], &array![[1.0, 0.2], [0.2, 1.0]]).unwrap();
    let lp = mvn.logpdf(&array![[f64::NAN, 0.0], [f64::INFINITY, 0.0], [1e200, 0.0]]).unwrap();
    assert!(lp[0].is_nan());
    assert_eq!(lp[1], f64::NEG_INFINITY);
    assert_eq!(lp[2], f64::NEG_INFINITY);
    // Independent components: the sum of the normal log-densities.
    let mvn = MultivariateNormal::new(&array![1.0, -2.0, 0.5], &Array2::from_diag(&array![0.25, 4.0, 1.0]))
        .unwrap();
    let x = array![[0.3, 1.0, 0.0], [10.0, -40.0, 3.0]];
    let norms = [Norm::new(1.0, 0.5).unwrap(), Norm::new(-2.0, 2.0).unwrap(), Norm::new(0.5, 1.0).unwrap()];
    let want = Array1::from_shape_fn(2, |r| (0..3).map(|i| norms[i].logpdf(x[[r, i]])).sum());
    assert_close(&mvn.logpdf(&x).unwrap(), &want, Tol::new(1e-14, 0.0), "independent logpdf");
    // Large batches (parallel path) agree with one-by-one evaluation.
    let big = Array2::from_shape_fn((20_000, 3), |(r, i)| ((r * 7 + i * 13) % 101) as f64 / 25.0 - 2.0);
    let all = mvn.logpdf(&big).unwrap();
    for r in [0usize, 1023, 1024, 19_999] {
        let one = mvn.logpdf(&big.row(r).insert_axis(Axis(0))).unwrap();
        assert_eq!(all[r], one[0]);
    }
}

#[test]
fn mvn_errors() {
    let f = fx();
    for c in f.cases_with_prefix("mvn_error/") {
        assert_ne!(c.output("raises").str(), "none", "{}", c.name);
        let err =
            MultivariateNormal::new(&c.input("mean").array1_f64(), &c.input("cov").array2_f64()).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "cov"), "{}: {err}", c.name);
    }
    let eye = Array2::<f64>::eye(2);
    let zero = array![0.0, 0.0];
    assert!(matches!(
        MultivariateNormal::new(&array![0.0, 0.0, 0.0], &eye),
        Err(Error::ShapeMismatch { .. })
    ));
    assert!(matches!(
        MultivariateNormal::new(&Array1::<f64>::zeros(0), &Array2::zeros((0, 0))),
        Err(Error::Empty { .. })
    ));
    assert!(matches!(MultivariateNormal::new(&array![f64::NAN, 0.0], &eye), Err(Error::NonFinite { .. })));
    assert!(matches!(
        MultivariateNormal::new(&zero, &array![[1.0, f64::INFINITY], [0.0, 1.0]]),
        Err(Error::NonFinite { .. })
    ));
    // Not symmetric (SciPy would silently use the lower triangle).
    assert!(matches!(
        MultivariateNormal::new(&zero, &array![[1.0, 0.5], [0.2, 1.0]]),
        Err(Error::InvalidArgument { .. })
    ));
    // Indefinite even with allow_singular.
    let opts = MultivariateNormalOptions { allow_singular: true };
    assert!(MultivariateNormal::new_with(&zero, &array![[1.0, 2.0], [2.0, 1.0]], &opts).is_err());
    let mvn = MultivariateNormal::new(&zero, &eye).unwrap();
    assert!(matches!(mvn.logpdf(&array![[0.0, 0.0, 0.0]]), Err(Error::ShapeMismatch { .. })));
    assert!(matches!(mvn.cdf(&array![[0.0]]), Err(Error::ShapeMismatch { .. })));
    let bad_lower = MvnCdfOptions { lower_limit: Some(array![0.0]), ..Default::default() };
    assert!(matches!(mvn.cdf_with(&array![[0.0, 0.0]], &bad_lower), Err(Error::ShapeMismatch { .. })));
    let bad_eps = MvnCdfOptions { abseps: -1.0, ..Default::default() };
    assert!(matches!(mvn.cdf_with(&array![[0.0, 0.0]], &bad_eps), Err(Error::InvalidArgument { .. })));
    let bad_pts = MvnCdfOptions { maxpts: Some(0), ..Default::default() };
    assert!(matches!(mvn.cdf_with(&array![[0.0, 0.0]], &bad_pts), Err(Error::InvalidArgument { .. })));
}

/// Sample mean within 4 standard errors (`√(Σᵢᵢ/n)`) and sample covariance within 4
/// standard errors, the latter estimated from the sample itself (the standard deviation of
/// the products `(xᵢ − x̄ᵢ)(xⱼ − x̄ⱼ)` over `√n`), so the check holds for any distribution
/// with finite fourth moments.
fn check_moments(x: &Array2<f64>, mean: &Array1<f64>, cov: &Array2<f64>, ctx: &str) {
    let n = x.nrows() as f64;
    let d = mean.len();
    let m = x.mean_axis(Axis(0)).unwrap();
    for i in 0..d {
        let se = (cov[[i, i]] / n).sqrt();
        assert!((m[i] - mean[i]).abs() < 4.0 * se + 1e-12, "{ctx}: mean[{i}] = {} vs {}", m[i], mean[i]);
    }
    let dev = x - &m.insert_axis(Axis(0));
    for i in 0..d {
        for j in 0..d {
            let prod = &dev.column(i) * &dev.column(j);
            let s = prod.sum() / (n - 1.0);
            let se = prod.std(1.0) / n.sqrt();
            assert!(
                (s - cov[[i, j]]).abs() < 4.0 * se + 1e-12,
                "{ctx}: cov[{i},{j}] = {s} vs {}",
                cov[[i, j]]
            );
        }
    }
}

#[test]
fn mvn_rvs_moments() {
    let f = fx();
    let c = f.case("mvn/d5");
    let mvn = mvn_of(c);
    let x = mvn.rvs(40_000, &mut StdRng::seed_from_u64(11));
    assert_eq!(x.dim(), (40_000, 5));
    check_moments(&x, mvn.mean(), mvn.cov(), "mvn d5");
    assert_eq!(x, mvn.rvs(40_000, &mut StdRng::seed_from_u64(11)));
    // Singular: every draw lies on the support (finite log-density) and moments match.
    let c = f.case("mvn_singular/d5_r3");
    let mvn = mvn_of(c);
    let x = mvn.rvs(20_000, &mut StdRng::seed_from_u64(12));
    assert!(mvn.logpdf(&x).unwrap().iter().all(|v| v.is_finite()));
    check_moments(&x, mvn.mean(), mvn.cov(), "mvn singular");
}

// ---------------------------------------------------------------- Dirichlet

#[test]
fn dirichlet_matches_scipy() {
    let f = fx();
    let mut count = 0;
    for c in f.cases_with_prefix("dirichlet/") {
        let d = Dirichlet::new(&c.input("alpha").array1_f64()).unwrap();
        let x = c.input("x").array2_f64();
        let ctx = &c.name;
        assert_close(
            &d.logpdf(&x).unwrap(),
            &c.output("logpdf").array1_f64(),
            DENSITY,
            &format!("{ctx} logpdf"),
        );
        assert_scalar_close(d.entropy(), c.output("entropy").f64(), DENSITY, &format!("{ctx} entropy"));
        if c.has_output("pdf") {
            assert_close(
                &d.pdf(&x).unwrap(),
                &c.output("pdf").array1_f64(),
                Tol::new(1e-12, 0.0),
                &format!("{ctx} pdf"),
            );
            let short = x.slice(sci_core::ndarray::s![.., ..x.ncols() - 1]);
            assert_close(
                &d.logpdf(&short).unwrap(),
                &c.output("logpdf_short").array1_f64(),
                DENSITY,
                &format!("{ctx} logpdf (K - 1 columns)"),
            );
            assert_close(
                &d.mean(),
                &c.output("mean").array1_f64(),
                Tol::new(1e-15, 0.0),
                &format!("{ctx} mean"),
            );
            assert_close(
                &d.var(),
                &c.output("var").array1_f64(),
                Tol::new(1e-14, 0.0),
                &format!("{ctx} var"),
            );
            assert_close(
                &d.cov(),
                &c.output("cov").array2_f64(),
                Tol::new(1e-14, 1e-18),
                &format!("{ctx} cov"),
            );
        }
        count += 1;
    }
    assert_eq!(count, 7);
}

#[test]
fn dirichlet_errors() {
    let f = fx();
    for c in f.cases_with_prefix("dirichlet_error/") {
        assert_eq!(c.output("raises").str(), "ValueError");
        let d = Dirichlet::new(&c.input("alpha").array1_f64()).unwrap();
        let err = d.logpdf(&c.input("x").array2_f64()).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "x"), "{}: {err}", c.name);
    }
    assert!(matches!(Dirichlet::new(&array![1.0, -1.0]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(Dirichlet::new(&array![1.0, 0.0]), Err(Error::InvalidArgument { .. })));
    assert!(matches!(Dirichlet::new(&Array1::<f64>::zeros(0)), Err(Error::Empty { .. })));
    assert!(matches!(Dirichlet::new(&array![1.0, f64::INFINITY]), Err(Error::NonFinite { .. })));
    let d = Dirichlet::new(&array![1.0, 2.0, 3.0]).unwrap();
    assert!(matches!(d.logpdf(&array![[0.5]]), Err(Error::ShapeMismatch { .. })));
    assert!(d.logpdf(&array![[f64::NAN, 0.5, 0.5]]).unwrap()[0].is_nan());
    // K = 2 is the beta distribution.
    let d = Dirichlet::new(&array![2.5, 0.7]).unwrap();
    let b = Beta::new(2.5, 0.7, 0.0, 1.0).unwrap();
    for v in [0.05, 0.3, 0.77, 0.999] {
        let lp = d.logpdf(&array![[v, 1.0 - v]]).unwrap()[0];
        assert_scalar_close(lp, b.logpdf(v), Tol::new(1e-12, 1e-14), "dirichlet K=2 vs beta");
    }
}

#[test]
fn dirichlet_rvs_marginals_are_beta() {
    let alpha = array![0.6, 2.0, 5.5, 1.0];
    let d = Dirichlet::new(&alpha).unwrap();
    let x = d.rvs(5000, &mut StdRng::seed_from_u64(2024));
    assert!(x.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-14 && r.iter().all(|&v| v >= 0.0)));
    let a0 = alpha.sum();
    for (i, &a) in alpha.iter().enumerate() {
        let beta = Beta::new(a, a0 - a, 0.0, 1.0).unwrap();
        let ks = sci_stats::kstest(&x.column(i), |v| beta.cdf(v)).unwrap();
        assert!(ks.pvalue > 1e-3, "marginal {i}: KS p-value {}", ks.pvalue);
    }
    // Sample mean within 4 standard errors.
    let m = x.mean_axis(Axis(0)).unwrap();
    let (mean, var) = (d.mean(), d.var());
    for i in 0..alpha.len() {
        assert!((m[i] - mean[i]).abs() < 4.0 * (var[i] / 5000.0).sqrt());
    }
    assert_eq!(x, d.rvs(5000, &mut StdRng::seed_from_u64(2024)));
}

// ---------------------------------------------------------------- multinomial

#[test]
fn multinomial_matches_scipy() {
    let f = fx();
    let mut count = 0;
    for c in f.cases_with_prefix("multinomial/") {
        let n = c.input("n").i64() as u64;
        let m = Multinomial::new(n, &c.input("p").array1_f64()).unwrap();
        let x = c.input("x").array2_f64();
        let ctx = &c.name;
        assert_close(m.p(), &c.output("p_used").array1_f64(), Tol::new(0.0, 0.0), &format!("{ctx} p"));
        assert_close(
            &m.logpmf(&x).unwrap(),
            &c.output("logpmf").array1_f64(),
            DENSITY,
            &format!("{ctx} logpmf"),
        );
        assert_close(
            &m.pmf(&x).unwrap(),
            &c.output("pmf").array1_f64(),
            Tol::new(1e-12, 0.0),
            &format!("{ctx} pmf"),
        );
        assert_close(&m.mean(), &c.output("mean").array1_f64(), Tol::new(1e-15, 0.0), &format!("{ctx} mean"));
        assert_close(&m.cov(), &c.output("cov").array2_f64(), Tol::new(1e-15, 1e-15), &format!("{ctx} cov"));
        assert_scalar_close(m.entropy(), c.output("entropy").f64(), DENSITY, &format!("{ctx} entropy"));
        count += 1;
    }
    assert_eq!(count, 9);
}

#[test]
fn multinomial_errors_and_binomial_case() {
    let f = fx();
    for c in f.cases_with_prefix("multinomial_error/") {
        // SciPy returns NaN for these parameters; sci refuses them.
        assert!(c.output("scipy_mean").array1_f64().iter().all(|v| v.is_nan()));
        let err = Multinomial::new(5, &c.input("p").array1_f64()).unwrap_err();
        assert!(matches!(err, Error::InvalidArgument { ref name, .. } if name == "p"), "{}: {err}", c.name);
    }
    assert!(matches!(Multinomial::new(3, &Array1::<f64>::zeros(0)), Err(Error::Empty { .. })));
    assert!(matches!(Multinomial::new(3, &array![0.5, f64::NAN]), Err(Error::NonFinite { .. })));
    let m = Multinomial::new(3, &array![0.5, 0.5]).unwrap();
    assert!(matches!(m.pmf(&array![[1.0, 1.0, 1.0]]), Err(Error::ShapeMismatch { .. })));
    assert!(m.logpmf(&array![[f64::NAN, 1.0]]).unwrap()[0].is_nan());
    // K = 2 is the binomial distribution.
    let m = Multinomial::new(30, &array![0.35, 0.65]).unwrap();
    let b = sci_stats::Binom::new(30.0, 0.35, 0.0).unwrap();
    for k in [0.0, 5.0, 11.0, 30.0] {
        let lp = m.logpmf(&array![[k, 30.0 - k]]).unwrap()[0];
        assert_scalar_close(lp, b.logpmf(k), Tol::new(1e-12, 1e-13), "multinomial K=2 vs binom");
    }
}

#[test]
fn multinomial_rvs_moments() {
    let m = Multinomial::new(40, &array![0.1, 0.25, 0.05, 0.6]).unwrap();
    let x = m.rvs(20_000, &mut StdRng::seed_from_u64(5));
    assert!(x.rows().into_iter().all(|r| r.sum() == 40));
    let xf = x.mapv(|v| v as f64);
    check_moments(&xf, &m.mean(), &m.cov(), "multinomial");
    assert_eq!(x, m.rvs(20_000, &mut StdRng::seed_from_u64(5)));
    // Degenerate probabilities.
    let m = Multinomial::new(7, &array![0.0, 1.0, 0.0]).unwrap();
    let x = m.rvs(10, &mut StdRng::seed_from_u64(6));
    assert!(x.rows().into_iter().all(|r| r.to_vec() == vec![0, 7, 0]));
}

// ---------------------------------------------------------------- properties

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn mvn_with_diagonal_cov_is_a_product_of_normals(
            sd in prop::collection::vec(0.1f64..5.0, 1..6),
            z in prop::collection::vec(-6.0f64..6.0, 6),
        ) {
            let d = sd.len();
            let mean = Array1::from_shape_fn(d, |i| i as f64 - 1.0);
            let cov = Array2::from_diag(&Array1::from_shape_fn(d, |i| sd[i] * sd[i]));
            let mvn = MultivariateNormal::new(&mean, &cov).unwrap();
            let x = Array2::from_shape_fn((1, d), |(_, i)| mean[i] + sd[i] * z[i]);
            let want: f64 = (0..d).map(|i| Norm::new(mean[i], sd[i]).unwrap().logpdf(x[[0, i]])).sum();
            let got = mvn.logpdf(&x).unwrap()[0];
            prop_assert!((got - want).abs() <= 1e-13 * (1.0 + want.abs()), "{} vs {}", got, want);
        }

        #[test]
        fn bivariate_cdf_is_symmetric_and_within_frechet_bounds(
            rho in -0.999f64..0.999, x in -4.0f64..4.0, y in -4.0f64..4.0,
        ) {
            let mvn = MultivariateNormal::new(&array![0.0, 0.0], &array![[1.0, rho], [rho, 1.0]]).unwrap();
            let p = mvn.cdf(&array![[x, y], [y, x]]).unwrap();
            prop_assert!((p[0] - p[1]).abs() <= 1e-15);
            let (fx, fy) = (ndtr(x), ndtr(y));
            prop_assert!(p[0] <= fx.min(fy) + 1e-15 && p[0] >= (fx + fy - 1.0).max(0.0) - 1e-15);
            // Positive correlation raises the joint cdf above independence, negative lowers it.
            if rho > 0.0 { prop_assert!(p[0] >= fx * fy - 1e-15); } else { prop_assert!(p[0] <= fx * fy + 1e-15); }
        }

        #[test]
        fn dirichlet_with_two_components_is_beta(a in 0.2f64..20.0, b in 0.2f64..20.0, v in 0.001f64..0.999) {
            let d = Dirichlet::new(&array![a, b]).unwrap();
            let want = Beta::new(a, b, 0.0, 1.0).unwrap().logpdf(v);
            let got = d.logpdf(&array![[v, 1.0 - v]]).unwrap()[0];
            prop_assert!((got - want).abs() <= 1e-11 * (1.0 + want.abs()), "{} vs {}", got, want);
        }

        #[test]
        fn multinomial_pmf_sums_to_one(n in 0u64..12, w in prop::collection::vec(0.01f64..1.0, 3)) {
            let total: f64 = w.iter().sum();
            let p = Array1::from_shape_fn(3, |i| w[i] / total);
            let m = Multinomial::new(n, &p).unwrap();
            let mut rows = Vec::new();
            for a in 0..=n {
                for b in 0..=n - a {
                    rows.extend([a as f64, b as f64, (n - a - b) as f64]);
                }
            }
            let x = Array2::from_shape_vec((rows.len() / 3, 3), rows).unwrap();
            let sum = m.pmf(&x).unwrap().sum();
            prop_assert!((sum - 1.0).abs() <= 1e-13, "{}", sum);
        }
    }
}
