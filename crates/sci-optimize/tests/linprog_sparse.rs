//! Sparse linprog against SciPy 1.17.1 (`method='highs'`, scipy.sparse input), fixtures from
//! xtask/fixtures/linprog_sparse.py.
//!
//! Every optimal answer is checked independently through its KKT conditions (primal
//! feasibility, sign of the marginals, stationarity `c = A_ubᵀy_ub + A_eqᵀy_eq + λ_l + λ_u`,
//! complementary slackness) with residuals ≤ 1e-8 scaled by the data norms, and against
//! SciPy: `fun` to 1e-9 relative, `x` where the optimum is unique and the marginals where
//! the dual is unique (1e-9 relative + 1e-9 absolute: both sides are vertices computed from
//! an LU of the same basis, so only rounding differs).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_core::ndarray::{Array1, Array2, array};
use sci_optimize::*;
use sci_testing::{Fixture, Tol, assert_close};
use sprs::{CsMat, TriMat};

fn sparse(case: &sci_testing::Case, prefix: &str) -> CsMat<f64> {
    let shape = case.input(&format!("{prefix}_shape")).array_i64();
    let rows = case.input(&format!("{prefix}_rows")).array_i64();
    let cols = case.input(&format!("{prefix}_cols")).array_i64();
    let vals = case.input(&format!("{prefix}_vals")).array_f64();
    let mut t = TriMat::new((shape[0] as usize, shape[1] as usize));
    for ((&i, &j), &v) in rows.iter().zip(&cols).zip(&vals) {
        t.add_triplet(i as usize, j as usize, v);
    }
    t.to_csr()
}

fn dense(a: &CsMat<f64>) -> Array2<f64> {
    let mut d = Array2::zeros((a.rows(), a.cols()));
    for (&v, (i, j)) in a.iter() {
        d[[i, j]] += v;
    }
    d
}

struct Lp {
    c: Array1<f64>,
    a_ub: Option<CsMat<f64>>,
    b_ub: Option<Array1<f64>>,
    a_eq: Option<CsMat<f64>>,
    b_eq: Option<Array1<f64>>,
    bounds: Vec<(f64, f64)>,
}

fn load(case: &sci_testing::Case) -> Lp {
    let c = case.input("c").array1_f64();
    let n = c.len();
    let (a_ub, b_ub) = if case.has_input("A_ub_rows") {
        (Some(sparse(case, "A_ub")), Some(case.input("b_ub").array1_f64()))
    } else {
        (None, None)
    };
    let (a_eq, b_eq) = if case.has_input("A_eq_rows") {
        (Some(sparse(case, "A_eq")), Some(case.input("b_eq").array1_f64()))
    } else {
        (None, None)
    };
    let bounds = if case.has_input("bounds") {
        let b = case.input("bounds").array2_f64();
        let v: Vec<(f64, f64)> = b.rows().into_iter().map(|r| (r[0], r[1])).collect();
        if v.len() == 1 { vec![v[0]; n] } else { v }
    } else {
        vec![(0.0, f64::INFINITY); n]
    };
    Lp { c, a_ub, b_ub, a_eq, b_eq, bounds }
}

fn options(lp: &Lp, sparse_input: bool, method: LinprogMethod) -> LinprogOptions {
    let conv = |a: &Option<CsMat<f64>>| {
        a.as_ref().map(|a| if sparse_input { ConstraintMatrix::from(a.clone()) } else { dense(a).into() })
    };
    LinprogOptions {
        a_ub: conv(&lp.a_ub),
        b_ub: lp.b_ub.clone(),
        a_eq: conv(&lp.a_eq),
        b_eq: lp.b_eq.clone(),
        bounds: Some(lp.bounds.clone()),
        method,
        maxiter: None,
    }
}

fn inf_norm<'a>(v: impl IntoIterator<Item = &'a f64>) -> f64 {
    v.into_iter().filter(|x| x.is_finite()).fold(0.0f64, |m, x| m.max(x.abs()))
}

/// KKT conditions of an optimal result, checked from the problem data alone.
fn check_kkt(lp: &Lp, r: &LinprogResult, name: &str) {
    let n = lp.c.len();
    let scale_b = 1.0
        + inf_norm(lp.b_ub.iter().flatten().chain(lp.b_eq.iter().flatten()))
            .max(inf_norm(lp.bounds.iter().flat_map(|b| [&b.0, &b.1])));
    let scale_c = 1.0 + inf_norm(lp.c.iter());
    let tp = 1e-8 * scale_b;
    let td = 1e-8 * scale_c;
    // Primal feasibility (recomputed from x, not taken from r.slack / r.con).
    let x = r.x.as_slice().unwrap();
    let mut ax_ub = vec![0.0; lp.b_ub.as_ref().map_or(0, |b| b.len())];
    if let Some(a) = &lp.a_ub {
        for (&v, (i, j)) in a.iter() {
            ax_ub[i] += v * x[j];
        }
    }
    let mut ax_eq = vec![0.0; lp.b_eq.as_ref().map_or(0, |b| b.len())];
    if let Some(a) = &lp.a_eq {
        for (&v, (i, j)) in a.iter() {
            ax_eq[i] += v * x[j];
        }
    }
    let slack: Vec<f64> = lp.b_ub.iter().flatten().zip(&ax_ub).map(|(b, a)| b - a).collect();
    for (i, s) in slack.iter().enumerate() {
        assert!(*s >= -tp, "{name}: inequality {i} violated by {s}");
        assert!((s - r.slack[i]).abs() <= tp, "{name}: slack {i}");
    }
    for (i, (b, a)) in lp.b_eq.iter().flatten().zip(&ax_eq).enumerate() {
        assert!((b - a).abs() <= tp, "{name}: equality {i} residual {}", b - a);
    }
    for j in 0..n {
        let (l, u) = lp.bounds[j];
        assert!(x[j] >= l - tp && x[j] <= u + tp, "{name}: bound {j}: {} not in [{l}, {u}]", x[j]);
    }
    // Dual feasibility: signs, and stationarity c = A_ubᵀ y_ub + A_eqᵀ y_eq + λ_l + λ_u.
    let mut stat = lp.c.to_vec();
    if let Some(a) = &lp.a_ub {
        for (&v, (i, j)) in a.iter() {
            stat[j] -= v * r.ineqlin_marginals[i];
        }
    }
    if let Some(a) = &lp.a_eq {
        for (&v, (i, j)) in a.iter() {
            stat[j] -= v * r.eqlin_marginals[i];
        }
    }
    let ymax = 1.0 + inf_norm(r.ineqlin_marginals.iter().chain(&r.eqlin_marginals));
    for j in 0..n {
        let (lo, up) = (r.lower_marginals[j], r.upper_marginals[j]);
        assert!(lo >= 0.0 && up <= 0.0, "{name}: bound marginal signs at {j}");
        let res = stat[j] - lo - up;
        assert!(res.abs() <= td * ymax, "{name}: stationarity {j}: {res}");
        // Complementarity of the bound marginals (an infinite bound has a zero marginal).
        let (l, u) = lp.bounds[j];
        let cl = if l.is_finite() { lo * (x[j] - l) } else { lo };
        let cu = if u.is_finite() { up * (u - x[j]) } else { up };
        assert!(cl.abs() <= td * scale_b && cu.abs() <= td * scale_b, "{name}: bound complementarity {j}");
    }
    for (i, (&y, s)) in r.ineqlin_marginals.iter().zip(&slack).enumerate() {
        assert!(y <= td, "{name}: ineqlin marginal {i} = {y} > 0");
        assert!((y * s).abs() <= td * scale_b, "{name}: complementarity {i}: {y}·{s}");
    }
}

fn check_against_scipy(case: &sci_testing::Case, lp: &Lp, r: &LinprogResult, label: &str) {
    assert_eq!(r.status as i64, case.output("status").i64(), "{label}");
    if !r.success {
        assert!(r.x.iter().all(|v| v.is_nan()) && r.fun.is_nan(), "{label}");
        return;
    }
    let f = case.output("fun").f64();
    assert!((r.fun - f).abs() <= 1e-9 * f.abs().max(1.0), "{label}: fun {} vs {f}", r.fun);
    if case.output("unique_x").bool() {
        assert_close(&r.x, &case.output("x").array1_f64(), Tol::new(1e-9, 1e-9), label);
    }
    if case.output("unique_dual").bool() {
        let tol = Tol::new(1e-9, 1e-9);
        assert_close(&r.ineqlin_marginals, &case.output("ineqlin").array1_f64(), tol, label);
        assert_close(&r.eqlin_marginals, &case.output("eqlin").array1_f64(), tol, label);
        assert_close(&r.lower_marginals, &case.output("lower").array1_f64(), tol, label);
        assert_close(&r.upper_marginals, &case.output("upper").array1_f64(), tol, label);
    }
    check_kkt(lp, r, label);
}

#[test]
fn linprog_sparse_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "linprog_sparse");
    let mut count = 0;
    for case in fx.cases_with_prefix("linprog_sparse/") {
        let lp = load(case);
        let size =
            lp.c.len() + lp.b_ub.as_ref().map_or(0, |b| b.len()) + lp.b_eq.as_ref().map_or(0, |b| b.len());
        let mut runs = vec![
            (true, LinprogMethod::Highs),
            (true, LinprogMethod::HighsIpm),
            (false, LinprogMethod::Highs),
        ];
        // The dense tableau simplex is O(M·(M + N)) per pivot: only on the smaller problems.
        if size <= 400 {
            runs.push((false, LinprogMethod::HighsDs));
        }
        for (sp, method) in runs {
            let label = format!("{} ({method:?}, {})", case.name, if sp { "sparse" } else { "dense" });
            let r = linprog_with(&lp.c, &options(&lp, sp, method)).unwrap();
            println!("{label}: status {} fun {} nit {}", r.status, r.fun, r.nit);
            check_against_scipy(case, &lp, &r, &label);
        }
        count += 1;
    }
    assert_eq!(count, 13);
}

/// Dense and sparse input give the same answer with the same method.
#[test]
fn dense_and_sparse_agree() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "linprog_sparse");
    for name in ["random_50x100", "free_two_sided_50x100", "docs_tutorial"] {
        let case = fx.case(&format!("linprog_sparse/{name}"));
        let lp = load(case);
        for method in [LinprogMethod::HighsIpm, LinprogMethod::HighsDs] {
            let s = linprog_with(&lp.c, &options(&lp, true, method)).unwrap();
            let d = linprog_with(&lp.c, &options(&lp, false, method)).unwrap();
            assert_eq!(s.status, d.status, "{name}");
            assert_close(&s.x, &d.x, Tol::new(1e-12, 1e-12), name);
            assert_close(&s.ineqlin_marginals, &d.ineqlin_marginals, Tol::new(1e-12, 1e-12), name);
        }
    }
}

#[test]
fn sparse_error_paths() {
    let c = array![1.0, 1.0];
    let sp = |m, n| CsMat::<f64>::zero((m, n));
    // Wrong number of columns.
    let o = LinprogOptions { a_ub: Some(sp(1, 3).into()), b_ub: Some(array![1.0]), ..Default::default() };
    assert!(matches!(linprog_with(&c, &o), Err(sci_core::Error::ShapeMismatch { .. })));
    // Rows and right-hand side disagree.
    let o = LinprogOptions { a_eq: Some(sp(2, 2).into()), b_eq: Some(array![1.0]), ..Default::default() };
    assert!(matches!(linprog_with(&c, &o), Err(sci_core::Error::ShapeMismatch { .. })));
    // Matrix without right-hand side.
    let o = LinprogOptions { a_eq: Some(sp(1, 2).into()), ..Default::default() };
    assert!(matches!(linprog_with(&c, &o), Err(sci_core::Error::ShapeMismatch { .. })));
    // NaN stored in a sparse matrix.
    let bad = CsMat::new((1, 2), vec![0, 1], vec![0], vec![f64::NAN]);
    let o = LinprogOptions { a_ub: Some(bad.into()), b_ub: Some(array![1.0]), ..Default::default() };
    assert!(matches!(linprog_with(&c, &o), Err(sci_core::Error::NonFinite { .. })));
    // Invalid bounds, also with the interior-point method.
    let o = LinprogOptions {
        bounds: Some(vec![(2.0, 1.0)]),
        method: LinprogMethod::HighsIpm,
        ..Default::default()
    };
    assert!(matches!(linprog_with(&c, &o), Err(sci_core::Error::InvalidArgument { .. })));
}

/// Presolve corner cases of the interior-point method: fixed variables, empty rows and
/// columns, no constraints at all, an iteration limit.
#[test]
fn ipm_presolve_and_limits() {
    let ipm = |c: Array1<f64>, o: LinprogOptions| {
        linprog_with(&c, &LinprogOptions { method: LinprogMethod::HighsIpm, ..o }).unwrap()
    };
    // No constraints: every variable at the bound its cost prefers.
    let r = ipm(array![1.0, -1.0], LinprogOptions { bounds: Some(vec![(-1.0, 2.0)]), ..Default::default() });
    assert!(r.success && r.x == array![-1.0, 2.0] && r.fun == -3.0);
    assert_eq!(r.lower_marginals, array![1.0, 0.0]);
    assert_eq!(r.upper_marginals, array![0.0, -1.0]);
    // Unbounded empty column.
    let r = ipm(array![-1.0], LinprogOptions::default());
    assert_eq!(r.status, 3);
    // A fixed variable, an empty equality row that is consistent, and a real row.
    let a = array![[1.0, 1.0, 1.0], [0.0, 0.0, 0.0]];
    let o = LinprogOptions {
        a_eq: Some(a.into()),
        b_eq: Some(array![3.0, 0.0]),
        bounds: Some(vec![(f64::NEG_INFINITY, f64::INFINITY), (2.0, 2.0), (0.0, 0.5)]),
        ..Default::default()
    };
    let r = ipm(array![1.0, 0.0, -1.0], o.clone());
    assert!(r.success, "{}", r.message);
    assert!((r.x[0] - 0.5).abs() < 1e-9 && r.x[1] == 2.0 && (r.x[2] - 0.5).abs() < 1e-9);
    assert!((r.eqlin_marginals[0] - 1.0).abs() < 1e-9 && r.eqlin_marginals[1] == 0.0);
    // An inconsistent empty row is infeasible.
    let bad = LinprogOptions { b_eq: Some(array![3.0, 1.0]), ..o };
    assert_eq!(ipm(array![1.0, 0.0, -1.0], bad).status, 2);
    // Every variable fixed: presolve leaves an empty problem; feasibility of the rows decides.
    let o = LinprogOptions {
        a_ub: Some(array![[1.0, 1.0]].into()),
        b_ub: Some(array![3.0]),
        bounds: Some(vec![(1.0, 1.0), (2.0, 2.0)]),
        ..Default::default()
    };
    let r = ipm(array![1.0, 1.0], o.clone());
    assert!(r.success && r.x == array![1.0, 2.0] && r.slack[0].abs() < 1e-15);
    let r = ipm(array![1.0, 1.0], LinprogOptions { b_ub: Some(array![2.5]), ..o });
    assert_eq!(r.status, 2);
    // Extreme magnitudes end with a status, never a panic or an endless loop.
    let o = LinprogOptions {
        a_ub: Some(array![[1e300, -1e-300], [1.0, 1e300]].into()),
        b_ub: Some(array![1e300, 1e-300]),
        bounds: Some(vec![(f64::NEG_INFINITY, f64::INFINITY)]),
        ..Default::default()
    };
    let r = ipm(array![-1e300, 1e-300], o);
    assert!((0..=4).contains(&r.status), "{}", r.status);
    assert_eq!(r.success, r.status == 0);
    // Iteration limit.
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "linprog_sparse");
    let lp = load(fx.case("linprog_sparse/random_50x100"));
    let mut o = options(&lp, true, LinprogMethod::HighsIpm);
    o.maxiter = Some(2);
    let r = linprog_with(&lp.c, &o).unwrap();
    assert!(r.status == 1 && !r.success && r.x.iter().all(|v| v.is_nan()));
}

/// A transportation problem whose equality rows are linearly dependent (supplies and demands
/// both sum to 70): basis identification completes the basis with an artificial column and
/// the interior-point answer is the simplex vertex to rounding.
#[test]
fn ipm_vertex_with_redundant_rows() {
    let mut a = Array2::zeros((5, 6));
    for i in 0..2 {
        for j in 0..3 {
            a[[i, 3 * i + j]] = 1.0;
            a[[2 + j, 3 * i + j]] = 1.0;
        }
    }
    let c = array![4.0, 6.0, 9.0, 5.0, 3.0, 8.0];
    let b = array![30.0, 40.0, 20.0, 25.0, 25.0];
    let run = |method| {
        let o = LinprogOptions {
            a_eq: Some(a.clone().into()),
            b_eq: Some(b.clone()),
            method,
            ..Default::default()
        };
        linprog_with(&c, &o).unwrap()
    };
    let ipm = run(LinprogMethod::HighsIpm);
    let ds = run(LinprogMethod::HighsDs);
    assert!(ipm.success && ds.success);
    assert_eq!(ipm.fun, 365.0);
    assert_close(&ipm.x, &ds.x, Tol::new(1e-13, 1e-13), "transport");
    // Reduced costs agree (the row duals of a rank-deficient system are not unique).
    assert_close(&ipm.lower_marginals, &ds.lower_marginals, Tol::new(1e-12, 1e-12), "transport");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Random feasible boxed LPs: the interior-point method and the simplex agree on `fun`
    /// to 1e-9 relative, and both answers pass the KKT checks.
    #[test]
    fn ipm_and_simplex_agree(
        m in 1usize..12,
        n in 1usize..16,
        seed in 0u64..u64::MAX,
    ) {
        let mut s = seed;
        let mut next = move || {
            s = s.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (s >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut t = TriMat::new((m, n));
        for i in 0..m {
            for j in 0..n {
                if next() < 0.4 {
                    t.add_triplet(i, j, ((2.0 * next() - 1.0) * 10.0).round() / 4.0);
                }
            }
        }
        let a: CsMat<f64> = t.to_csr();
        let xf: Vec<f64> = (0..n).map(|_| 2.0 * next()).collect();
        let mut b: Array1<f64> = (0..m).map(|_| 0.1 + next()).collect();
        for (&v, (i, j)) in a.iter() {
            b[i] += v * xf[j];
        }
        let c: Array1<f64> = (0..n).map(|_| 2.0 * next() - 1.0).collect();
        let lp = Lp { c, a_ub: Some(a), b_ub: Some(b), a_eq: None, b_eq: None, bounds: vec![(0.0, 3.0); n] };
        let ipm = linprog_with(&lp.c, &options(&lp, true, LinprogMethod::HighsIpm)).unwrap();
        let ds = linprog_with(&lp.c, &options(&lp, false, LinprogMethod::HighsDs)).unwrap();
        proptest::prop_assert!(ipm.success && ds.success);
        proptest::prop_assert!((ipm.fun - ds.fun).abs() <= 1e-9 * ds.fun.abs().max(1.0), "{} vs {}", ipm.fun, ds.fun);
        check_kkt(&lp, &ipm, "ipm");
        check_kkt(&lp, &ds, "ds");
    }
}
