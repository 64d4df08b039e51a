#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Maximum-likelihood fits of gamma, lognorm, weibull_min, beta and logistic against SciPy
//! 1.17 (fixture from xtask/fixtures/stats_fit.py), plus score properties.
//!
//! Where SciPy solves the likelihood equations itself ("analytic") the estimates must agree to
//! 1e-10 relative. Where SciPy runs `optimize.fmin` ("fmin", Nelder–Mead stopped at
//! `xtol = ftol = 1e-4`), SciPy's answer is only near the maximum: ours must have a negative
//! log-likelihood no higher than SciPy's (up to 1e-9 relative), and SciPy's estimates must
//! lie where SciPy's likelihood deficit allows (see `check_near`). At every estimate the score
//! must vanish in the free parameters.

use std::collections::HashMap;

use rand::SeedableRng;
use sci_core::Error;
use sci_core::ndarray::{Array1, array};
use sci_stats::*;
use sci_testing::{Case, Fixture};

/// The five families, with their parameters in SciPy's order (shapes, loc, scale).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Family {
    Gamma,
    Lognorm,
    Weibull,
    Beta,
    Logistic,
}

impl Family {
    fn from_dataset(name: &str) -> Family {
        match name.split('_').next().unwrap() {
            "gamma" => Family::Gamma,
            "lognorm" => Family::Lognorm,
            "weibull" => Family::Weibull,
            "beta" => Family::Beta,
            "logistic" => Family::Logistic,
            other => panic!("unknown family {other}"),
        }
    }

    /// SciPy's names of the fixed-parameter keywords, in parameter order.
    fn keys(self) -> &'static [&'static str] {
        match self {
            Family::Gamma => &["fa", "floc", "fscale"],
            Family::Lognorm => &["fs", "floc", "fscale"],
            Family::Weibull => &["fc", "floc", "fscale"],
            Family::Beta => &["fa", "fb", "floc", "fscale"],
            Family::Logistic => &["floc", "fscale"],
        }
    }

    /// Index of `loc` in the parameter vector.
    fn loc_index(self) -> usize {
        self.keys().len() - 2
    }

    /// Runs our fit with the fixed values `f` (one `Option` per parameter).
    fn fit(self, x: &Array1<f64>, f: &[Option<f64>]) -> Result<Vec<f64>, Error> {
        match self {
            Family::Gamma => Gamma::fit(x, &GammaFitOptions { fa: f[0], floc: f[1], fscale: f[2] })
                .map(|p| vec![p.a, p.loc, p.scale]),
            Family::Lognorm => Lognorm::fit(x, &LognormFitOptions { fs: f[0], floc: f[1], fscale: f[2] })
                .map(|p| vec![p.s, p.loc, p.scale]),
            Family::Weibull => {
                WeibullMin::fit(x, &WeibullMinFitOptions { fc: f[0], floc: f[1], fscale: f[2] })
                    .map(|p| vec![p.c, p.loc, p.scale])
            }
            Family::Beta => Beta::fit(x, &BetaFitOptions { fa: f[0], fb: f[1], floc: f[2], fscale: f[3] })
                .map(|p| vec![p.a, p.b, p.loc, p.scale]),
            Family::Logistic => {
                Logistic::fit(x, &FitOptions { floc: f[0], fscale: f[1] }).map(|p| vec![p.loc, p.scale])
            }
        }
    }

    /// Negative log-likelihood `−Σ logpdf` (SciPy's `nnlf`), +inf outside the parameter space.
    fn nnlf(self, p: &[f64], x: &Array1<f64>) -> f64 {
        fn sum<D: ContinuousDistribution>(d: Result<D, Error>, x: &Array1<f64>) -> f64 {
            match d {
                Ok(d) => -x.iter().map(|&v| d.logpdf(v)).sum::<f64>(),
                Err(_) => f64::INFINITY,
            }
        }
        match self {
            Family::Gamma => sum(Gamma::new(p[0], p[1], p[2]), x),
            Family::Lognorm => sum(Lognorm::new(p[0], p[1], p[2]), x),
            Family::Weibull => sum(WeibullMin::new(p[0], p[1], p[2]), x),
            Family::Beta => sum(Beta::new(p[0], p[1], p[2], p[3]), x),
            Family::Logistic => sum(Logistic::new(p[0], p[1]), x),
        }
    }

    /// The score (gradient of the log-likelihood), written out independently of the library.
    fn score(self, p: &[f64], x: &Array1<f64>) -> Vec<f64> {
        let n = x.len() as f64;
        let s = |f: &dyn Fn(f64) -> f64| x.iter().map(|&v| f(v)).sum::<f64>();
        match self {
            Family::Gamma => {
                let (a, loc, sc) = (p[0], p[1], p[2]);
                vec![
                    s(&|v| ((v - loc) / sc).ln()) - n * special::digamma(a),
                    s(&|v| 1.0 - (a - 1.0) * sc / (v - loc)) / sc,
                    (s(&|v| (v - loc) / sc) - n * a) / sc,
                ]
            }
            Family::Lognorm => {
                let (sh, loc, sc) = (p[0], p[1], p[2]);
                let y = |v: f64| ((v - loc) / sc).ln();
                vec![
                    s(&|v| y(v).powi(2)) / sh.powi(3) - n / sh,
                    s(&|v| (1.0 + y(v) / (sh * sh)) / (v - loc)),
                    s(&|v| y(v)) / (sh * sh * sc),
                ]
            }
            Family::Weibull => {
                let (c, loc, sc) = (p[0], p[1], p[2]);
                let z = |v: f64| (v - loc) / sc;
                vec![
                    n / c + s(&|v| z(v).ln() - z(v).powf(c) * z(v).ln()),
                    s(&|v| c * z(v).powf(c - 1.0) - (c - 1.0) / z(v)) / sc,
                    c * (s(&|v| z(v).powf(c)) - n) / sc,
                ]
            }
            Family::Beta => {
                let (a, b, loc, sc) = (p[0], p[1], p[2], p[3]);
                let z = |v: f64| (v - loc) / sc;
                let w = |v: f64| (loc + sc - v) / sc;
                let psi = special::digamma(a + b);
                vec![
                    s(&|v| z(v).ln()) - n * (special::digamma(a) - psi),
                    s(&|v| w(v).ln()) - n * (special::digamma(b) - psi),
                    s(&|v| (b - 1.0) / w(v) - (a - 1.0) / z(v)) / sc,
                    s(&|v| (b - 1.0) * z(v) / w(v) - (a - 1.0)) / sc - n / sc,
                ]
            }
            Family::Logistic => {
                let (loc, sc) = (p[0], p[1]);
                let z = |v: f64| (v - loc) / sc;
                vec![s(&|v| (z(v) / 2.0).tanh()) / sc, s(&|v| z(v) * (z(v) / 2.0).tanh() - 1.0) / sc]
            }
        }
    }
}

fn datasets(fx: &Fixture) -> HashMap<String, Array1<f64>> {
    fx.cases_with_prefix("data/")
        .map(|c| {
            let step = c.input("step").f64();
            let mut k = 0i64;
            let x: Array1<f64> = c
                .input("dk")
                .array_i64()
                .iter()
                .map(|&d| {
                    k += d;
                    k as f64 * step
                })
                .collect();
            (c.name["data/".len()..].to_string(), x)
        })
        .collect()
}

/// The fixed values of a case, one `Option` per parameter.
fn fixed(c: &Case, family: Family) -> Vec<Option<f64>> {
    let f = c.input("fixed");
    let obj = f.json().as_object().unwrap();
    family.keys().iter().map(|k| obj.get(*k).map(|v| v.as_f64().unwrap())).collect()
}

/// Bound on the dimensionless score at an estimate. Brent's method and the Newton polish
/// stop at rounding level (about 1e-14 on these data); 1e-10 leaves room for badly scaled
/// random samples while still failing any estimate that is off by more than ~1e-8 relative.
const SCORE_TOL: f64 = 1e-10;

/// Dimensionless score: each component times its parameter's natural unit (the parameter
/// itself for shapes and scales, the scale for loc), divided by n.
fn scaled_score(family: Family, p: &[f64], x: &Array1<f64>, free: &[usize]) -> f64 {
    let g = family.score(p, x);
    let scale = p[p.len() - 1];
    free.iter()
        .map(|&i| {
            let unit = if i == family.loc_index() { scale } else { p[i].abs() };
            (g[i] * unit).abs() / x.len() as f64
        })
        .fold(0.0, f64::max)
}

/// Inverse of a small symmetric matrix (Gauss–Jordan with partial pivoting).
fn invert(mut a: Vec<Vec<f64>>) -> Vec<Vec<f64>> {
    let n = a.len();
    let mut inv: Vec<Vec<f64>> =
        (0..n).map(|i| (0..n).map(|j| f64::from(u8::from(i == j))).collect()).collect();
    for col in 0..n {
        let piv = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs())).unwrap();
        a.swap(col, piv);
        inv.swap(col, piv);
        let d = a[col][col];
        for j in 0..n {
            a[col][j] /= d;
            inv[col][j] /= d;
        }
        for r in 0..n {
            if r != col {
                let m = a[r][col];
                for j in 0..n {
                    a[r][j] -= m * a[col][j];
                    inv[r][j] -= m * inv[col][j];
                }
            }
        }
    }
    inv
}

/// Checks that SciPy's fmin estimate `theirs` is as close to our maximum `ours` as SciPy's
/// likelihood deficit `excess = nnlf(theirs) − nnlf(ours)` allows. Near a maximum the
/// negative log-likelihood is `f* + ½ δᵀHδ` (H the observed information, here by central
/// differences), and the largest `|δᵢ|` on the ellipsoid `½ δᵀHδ = E` is `sqrt(2E (H⁻¹)ᵢᵢ)`.
/// So every estimate must satisfy `|δᵢ| ≤ 1.5·sqrt(2E (H⁻¹)ᵢᵢ)` with `E = excess` plus a floor
/// of 1e-10·|f| for rounding; the factor 1.5 covers the cubic terms and the finite-difference
/// Hessian. This is far tighter than a fixed relative tolerance where the likelihood is sharp
/// and looser only where it is flat (where fmin's 1e-4 stopping rule leaves SciPy far off).
fn check_near(family: Family, ours: &[f64], theirs: &[f64], x: &Array1<f64>, free: &[usize], ctx: &str) {
    let f0 = family.nnlf(ours, x);
    let excess = (family.nnlf(theirs, x) - f0).max(0.0) + 1e-10 * f0.abs();
    let k = free.len();
    let h_step: Vec<f64> =
        free.iter().map(|&i| 1e-4 * ours[i].abs().max(1e-3 * ours[ours.len() - 1])).collect();
    let at = |d: &[(usize, f64)]| {
        let mut p = ours.to_vec();
        for &(j, v) in d {
            p[free[j]] += v * h_step[j];
        }
        family.nnlf(&p, x)
    };
    let mut h = vec![vec![0.0; k]; k];
    for i in 0..k {
        for j in 0..k {
            h[i][j] = if i == j {
                (at(&[(i, 1.0)]) - 2.0 * f0 + at(&[(i, -1.0)])) / (h_step[i] * h_step[i])
            } else {
                (at(&[(i, 1.0), (j, 1.0)]) - at(&[(i, 1.0), (j, -1.0)]) - at(&[(i, -1.0), (j, 1.0)])
                    + at(&[(i, -1.0), (j, -1.0)]))
                    / (4.0 * h_step[i] * h_step[j])
            };
        }
    }
    let cov = invert(h);
    for (j, &i) in free.iter().enumerate() {
        let bound = 1.5 * (2.0 * excess * cov[j][j]).sqrt();
        let d = (ours[i] - theirs[i]).abs();
        assert!(
            cov[j][j] > 0.0 && d <= bound,
            "{ctx}: parameter {i}: ours {} SciPy {} differ by {d:e} > {bound:e} (excess nnlf {excess:e})",
            ours[i],
            theirs[i]
        );
    }
}

#[test]
fn fits_match_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "stats_fit");
    let data = datasets(&fx);
    let (mut analytic, mut fmin, mut errors, mut unbounded) = (0, 0, 0, 0);
    for c in fx.cases_with_prefix("fit/") {
        let dset = c.input("data").str();
        let family = Family::from_dataset(dset);
        let x = &data[dset];
        let f = fixed(c, family);
        let free: Vec<usize> = (0..f.len()).filter(|&i| f[i].is_none()).collect();
        let got = family.fit(x, &f);
        if c.has_output("error") {
            assert!(
                got.is_err(),
                "{}: SciPy raised {}, we returned {got:?}",
                c.name,
                c.output("error").str()
            );
            errors += 1;
            continue;
        }
        let theirs = c.output("params").array1_f64().to_vec();
        let their_nnlf = c.output("nnlf").f64();
        let ctx = &c.name;
        match c.output("method").str() {
            "analytic" => {
                let ours = got.unwrap_or_else(|e| panic!("{ctx}: {e}"));
                for i in 0..ours.len() {
                    let tol = 1e-10 * theirs[i].abs().max(1e-300);
                    assert!(
                        (ours[i] - theirs[i]).abs() <= tol,
                        "{ctx}: parameter {i}: ours {} SciPy {} (rel {:e})",
                        ours[i],
                        theirs[i],
                        (ours[i] / theirs[i] - 1.0).abs()
                    );
                }
                let min = x.iter().fold(f64::INFINITY, |m, &v| m.min(v));
                // (Unless SciPy's lognorm rule picked the edge of the support.)
                if !(family == Family::Lognorm && ours[1] >= min.next_down().next_down()) {
                    let s = scaled_score(family, &ours, x, &free);
                    assert!(s <= SCORE_TOL, "{ctx}: score {s:e} at {ours:?}");
                }
                analytic += 1;
            }
            _ => {
                match got {
                    Ok(ours) => {
                        let our_nnlf = family.nnlf(&ours, x);
                        assert!(
                            our_nnlf <= their_nnlf + 1e-9 * their_nnlf.abs(),
                            "{ctx}: our nnlf {our_nnlf} > SciPy's {their_nnlf} (ours {ours:?}, SciPy {theirs:?})"
                        );
                        check_near(family, &ours, &theirs, x, &free, ctx);
                        let s = scaled_score(family, &ours, x, &free);
                        assert!(s <= SCORE_TOL, "{ctx}: score {s:e} at {ours:?}");
                        fmin += 1;
                    }
                    Err(Error::NotConverged { .. }) => {
                        // Only on the data drawn with a shape below 1, where the likelihood is
                        // unbounded at the lower end of the support: SciPy's point then sits on
                        // that end (or outside the support) rather than at a maximum.
                        assert!(
                            ["gamma_small_a", "weibull_min_small_c", "beta_small_ab"].contains(&dset),
                            "{ctx}: unexpected NotConverged"
                        );
                        let (min, max) = x
                            .iter()
                            .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
                        let li = family.loc_index();
                        let (loc, scale) = (theirs[li], theirs[li + 1]);
                        let at_lower = (min - loc) <= 1e-3 * (max - min);
                        let at_upper = family == Family::Beta && (loc + scale - max) <= 1e-3 * (max - min);
                        assert!(
                            !their_nnlf.is_finite() || at_lower || at_upper,
                            "{ctx}: SciPy found an interior point {theirs:?} that we did not"
                        );
                        unbounded += 1;
                    }
                    Err(e) => panic!("{ctx}: {e}"),
                }
            }
        }
    }
    assert_eq!((analytic, fmin, errors, unbounded), (57, 76, 9, 20), "case counts");
}

#[test]
fn invalid_inputs_are_errors() {
    let x = array![0.5, 1.25, 2.0, 3.5];
    let empty = Array1::<f64>::zeros(0);
    let nan = array![1.0, f64::NAN, 2.0];
    let inf = array![1.0, f64::INFINITY];
    let constant = array![2.0, 2.0, 2.0];
    let g = GammaFitOptions::default();
    assert!(matches!(Gamma::fit(&empty, &g), Err(Error::Empty { .. })));
    assert!(matches!(Gamma::fit(&nan, &g), Err(Error::NonFinite { .. })));
    assert!(matches!(Lognorm::fit(&inf, &LognormFitOptions::default()), Err(Error::NonFinite { .. })));
    assert!(matches!(Beta::fit(&empty, &BetaFitOptions::default()), Err(Error::Empty { .. })));
    assert!(matches!(Logistic::fit(&nan, &FitOptions::default()), Err(Error::NonFinite { .. })));
    assert!(matches!(WeibullMin::fit(&inf, &WeibullMinFitOptions::default()), Err(Error::NonFinite { .. })));
    let invalid = |r: Result<(), Error>, name: &str| match r {
        Err(Error::InvalidArgument { name: n, .. }) => assert_eq!(n, name),
        other => panic!("expected InvalidArgument({name}), got {other:?}"),
    };
    // Constant data: no estimate with a scale (or shape pair) free.
    for r in [
        Gamma::fit(&constant, &g).map(|_| ()),
        Gamma::fit(&constant, &GammaFitOptions { floc: Some(0.0), ..g }).map(|_| ()),
        Lognorm::fit(&constant, &LognormFitOptions::default()).map(|_| ()),
        Lognorm::fit(&constant, &LognormFitOptions { floc: Some(0.0), ..Default::default() }).map(|_| ()),
        WeibullMin::fit(&constant, &WeibullMinFitOptions { floc: Some(0.0), ..Default::default() })
            .map(|_| ()),
        Beta::fit(
            &array![0.5, 0.5],
            &BetaFitOptions { floc: Some(0.0), fscale: Some(1.0), ..Default::default() },
        )
        .map(|_| ()),
        Logistic::fit(&constant, &FitOptions::default()).map(|_| ()),
        Logistic::fit(&constant, &FitOptions { floc: Some(2.0), fscale: None }).map(|_| ()),
    ] {
        invalid(r, "data");
    }
    // ... but with enough fixed, constant data have an estimate.
    let p = Gamma::fit(&constant, &GammaFitOptions { floc: Some(0.0), fscale: Some(1.0), fa: None }).unwrap();
    assert!((special::digamma(p.a) - 2f64.ln()).abs() < 1e-14);
    assert_eq!(Logistic::fit(&constant, &FitOptions { floc: None, fscale: Some(1.0) }).unwrap().loc, 2.0);
    // Invalid fixed values.
    invalid(Gamma::fit(&x, &GammaFitOptions { fa: Some(-1.0), ..g }).map(|_| ()), "fa");
    invalid(Gamma::fit(&x, &GammaFitOptions { fscale: Some(0.0), ..g }).map(|_| ()), "fscale");
    invalid(Gamma::fit(&x, &GammaFitOptions { floc: Some(f64::NAN), ..g }).map(|_| ()), "floc");
    invalid(
        Lognorm::fit(&x, &LognormFitOptions { fs: Some(f64::INFINITY), ..Default::default() }).map(|_| ()),
        "fs",
    );
    invalid(
        WeibullMin::fit(&x, &WeibullMinFitOptions { fc: Some(0.0), ..Default::default() }).map(|_| ()),
        "fc",
    );
    invalid(Beta::fit(&x, &BetaFitOptions { fb: Some(-2.0), ..Default::default() }).map(|_| ()), "fb");
    invalid(Logistic::fit(&x, &FitOptions { floc: None, fscale: Some(-1.0) }).map(|_| ()), "fscale");
    // Everything fixed.
    invalid(
        Gamma::fit(&x, &GammaFitOptions { fa: Some(1.0), floc: Some(0.0), fscale: Some(1.0) }).map(|_| ()),
        "options",
    );
    invalid(Logistic::fit(&x, &FitOptions { floc: Some(0.0), fscale: Some(1.0) }).map(|_| ()), "options");
    // Data outside the support the fixed values allow.
    invalid(Gamma::fit(&x, &GammaFitOptions { floc: Some(0.5), ..g }).map(|_| ()), "floc");
    invalid(
        WeibullMin::fit(&x, &WeibullMinFitOptions { floc: Some(1.0), ..Default::default() }).map(|_| ()),
        "floc",
    );
    invalid(
        Lognorm::fit(&x, &LognormFitOptions { floc: Some(0.6), ..Default::default() }).map(|_| ()),
        "floc",
    );
    invalid(
        Beta::fit(&x, &BetaFitOptions { floc: Some(0.0), fscale: Some(3.5), ..Default::default() })
            .map(|_| ()),
        "fscale",
    );
    invalid(Beta::fit(&x, &BetaFitOptions { fscale: Some(2.9), ..Default::default() }).map(|_| ()), "fscale");
    invalid(Beta::fit(&x, &BetaFitOptions { floc: Some(0.5), ..Default::default() }).map(|_| ()), "floc");
}

/// The likelihood of gamma data with loc free and a < 1 grows without bound as loc → min(x):
/// no interior maximum, and the fit says so.
#[test]
fn unbounded_likelihood_is_reported() {
    let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(7);
    let x = Gamma::new(0.5, 0.0, 1.0).unwrap().rvs(300, &mut rng);
    let r = Gamma::fit(&x, &GammaFitOptions { fa: Some(0.5), ..Default::default() });
    assert!(matches!(r, Err(Error::NotConverged { .. })), "{r:?}");
}

/// Samples of 500 from well-shaped members of each family (shapes 2.5–5.5, so an interior
/// maximum exists): every free fit succeeds, is stationary and beats the true parameters.
#[test]
fn free_fits_succeed_on_well_shaped_samples() {
    for family in [Family::Gamma, Family::Lognorm, Family::Weibull, Family::Beta, Family::Logistic] {
        for seed in 0..20u64 {
            let shapes = (2.5 + (seed % 7) as f64 * 0.5, 2.5 + (seed % 5) as f64 * 0.7);
            let (x, truth) = properties::sample(family, shapes, 500, seed);
            let p =
                family.fit(&x, &vec![None; truth.len()]).unwrap_or_else(|e| panic!("{family:?} {seed}: {e}"));
            assert!(family.nnlf(&p, &x) <= family.nnlf(&truth, &x), "{family:?} {seed}");
            let free: Vec<usize> = (0..truth.len()).collect();
            let s = scaled_score(family, &p, &x, &free);
            assert!(s <= SCORE_TOL, "{family:?} {seed}: score {s:e} at {p:?}");
        }
    }
}

/// Fits commute with a change of units: for `y = c·x + d` the shapes are the same and
/// `loc`, `scale` transform as `c·loc + d`, `c·scale`, also at extreme magnitudes.
#[test]
fn free_fits_are_affine_equivariant() {
    for family in [Family::Gamma, Family::Lognorm, Family::Weibull, Family::Beta, Family::Logistic] {
        let (x, truth) = properties::sample(family, (3.5, 4.0), 300, 11);
        let k = truth.len();
        let p = family.fit(&x, &vec![None; k]).unwrap();
        for (c, d) in [(1e-9, 2e-9), (1e7, -3e7), (0.5, 1e3)] {
            let y = x.mapv(|v| c * v + d);
            let q = family
                .fit(&y, &vec![None; k])
                .unwrap_or_else(|e| panic!("{family:?} c={c} d={d} p={p:?}: {e}"));
            let expected: Vec<f64> = (0..k)
                .map(|i| {
                    if i == k - 2 {
                        c * p[i] + d
                    } else if i == k - 1 {
                        c * p[i]
                    } else {
                        p[i]
                    }
                })
                .collect();
            for i in 0..k {
                // loc is compared in units of the scale (c·loc + d can cancel). Both fits are
                // stationary to rounding; 1e-9 allows for the ill-conditioned loc–shape ridge.
                let unit = if i == k - 2 { expected[k - 1] } else { expected[i].abs() };
                assert!(
                    (q[i] - expected[i]).abs() <= 1e-9 * unit,
                    "{family:?} c={c} d={d} param {i}: {} vs {}",
                    q[i],
                    expected[i]
                );
            }
        }
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    pub(super) fn sample(family: Family, shapes: (f64, f64), n: usize, seed: u64) -> (Array1<f64>, Vec<f64>) {
        let mut rng = rand::rngs::Xoshiro256PlusPlus::seed_from_u64(seed);
        let (s1, s2) = shapes;
        let (loc, scale) = (-1.0 + s2, 0.5 + s1);
        match family {
            Family::Gamma => (Gamma::new(s1, loc, scale).unwrap().rvs(n, &mut rng), vec![s1, loc, scale]),
            Family::Lognorm => {
                let s = 0.2 + s2 / 5.0;
                (Lognorm::new(s, loc, scale).unwrap().rvs(n, &mut rng), vec![s, loc, scale])
            }
            Family::Weibull => {
                (WeibullMin::new(s1, loc, scale).unwrap().rvs(n, &mut rng), vec![s1, loc, scale])
            }
            Family::Beta => {
                (Beta::new(s1, s2, loc, scale).unwrap().rvs(n, &mut rng), vec![s1, s2, loc, scale])
            }
            Family::Logistic => (Logistic::new(loc, scale).unwrap().rvs(n, &mut rng), vec![loc, scale]),
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

        /// With loc (and, for beta, scale) fixed at the truth, the likelihood has a unique
        /// maximum for every free subset: the fit must return it, with a vanishing score.
        #[test]
        fn score_vanishes_with_loc_fixed(
            family in prop_oneof![Just(Family::Gamma), Just(Family::Lognorm), Just(Family::Weibull),
                                  Just(Family::Beta), Just(Family::Logistic)],
            s1 in 0.3f64..6.0,
            s2 in 0.3f64..6.0,
            n in 5usize..400,
            mask in 0usize..4,
            seed in 0u64..1_000_000,
        ) {
            let (x, truth) = sample(family, (s1, s2), n, seed);
            let k = truth.len();
            let li = family.loc_index();
            // Fix loc (and the beta scale); fix other parameters as the mask says, but leave
            // at least one free.
            let mut f: Vec<Option<f64>> = vec![None; k];
            f[li] = Some(truth[li]);
            if family == Family::Beta {
                f[li + 1] = Some(truth[li + 1]);
            }
            let others: Vec<usize> = (0..k).filter(|&i| f[i].is_none()).collect();
            for (bit, &i) in others.iter().enumerate() {
                if mask & (1 << bit) != 0 && bit + 1 < others.len() {
                    f[i] = Some(truth[i]);
                }
            }
            let free: Vec<usize> = (0..k).filter(|&i| f[i].is_none()).collect();
            let p = family.fit(&x, &f).unwrap();
            prop_assert!(scaled_score(family, &p, &x, &free) <= SCORE_TOL, "{:?} {:?}", p, f);
        }

        /// With everything free (loc included), an interior maximum found by the general search
        /// has a vanishing score and beats the truth's likelihood; the only admissible failure
        /// is NotConverged (no interior maximum); that it does not happen on such samples is
        /// pinned by `free_fits_succeed_on_well_shaped_samples` with fixed seeds.
        #[test]
        fn free_fits_are_stationary(
            family in prop_oneof![Just(Family::Gamma), Just(Family::Lognorm), Just(Family::Weibull),
                                  Just(Family::Beta), Just(Family::Logistic)],
            s1 in 2.5f64..6.0,
            s2 in 2.5f64..6.0,
            seed in 0u64..1_000_000,
        ) {
            let (x, truth) = sample(family, (s1, s2), 500, seed);
            let free: Vec<usize> = (0..truth.len()).collect();
            match family.fit(&x, &vec![None; truth.len()]) {
                Ok(p) => {
                    prop_assert!(family.nnlf(&p, &x) <= family.nnlf(&truth, &x) + 1e-9 * x.len() as f64);
                    let min = x.iter().fold(f64::INFINITY, |m, &v| m.min(v));
                    if !(family == Family::Lognorm && p[1] >= min.next_down().next_down()) {
                        prop_assert!(scaled_score(family, &p, &x, &free) <= SCORE_TOL, "{:?}", p);
                    }
                }
                Err(e) => prop_assert!(matches!(e, Error::NotConverged { .. }), "{e}"),
            }
        }
    }
}
