//! NIST StRD nonlinear regression: all 27 problems from both starting points, through
//! `curve_fit` (LM) and `least_squares` (TRF). Reports the LRE (correct significant digits,
//! `-log10(|computed − certified| / |certified|)`, capped at 11) of every certified parameter
//! and of the residual sum of squares.
//!
//! The data live outside the repository; run with
//! `SCI_NIST_DIR=/path/to/nist cargo test -p sci-optimize -- --ignored nist --nocapture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use sci_core::ndarray::{Array1, Array2, ArrayView1, ArrayView2};
use sci_optimize::*;

struct Problem {
    name: String,
    start1: Vec<f64>,
    start2: Vec<f64>,
    cert: Vec<f64>,
    rss: f64,
    /// Predictors, one row each (`k×M`).
    x: Array2<f64>,
    y: Array1<f64>,
}

fn nist_dir() -> PathBuf {
    let dir = std::env::var("SCI_NIST_DIR").unwrap_or_else(|_| {
        panic!("SCI_NIST_DIR is not set: point it at the NIST StRD folder (the one containing nls/), e.g. SCI_NIST_DIR=/work/shared/nist")
    });
    PathBuf::from(dir).join("nls")
}

fn range(line: &str) -> (usize, usize) {
    let inner = &line[line.find('(').unwrap() + 1..line.find(')').unwrap()];
    let nums: Vec<usize> = inner.split_whitespace().filter_map(|t| t.parse().ok()).collect();
    (nums[0], nums[1])
}

fn parse(path: &std::path::Path) -> Problem {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .find(|l| l.contains("Starting Values") && l.contains("lines"))
        .map(|l| range(l))
        .unwrap();
    let data = lines
        .iter()
        .find(|l| l.trim_start().starts_with("Data") && l.contains("lines"))
        .map(|l| range(l))
        .unwrap();
    let (mut s1, mut s2, mut cert) = (Vec::new(), Vec::new(), Vec::new());
    for l in &lines[start.0 - 1..start.1] {
        let rhs = &l[l.find('=').unwrap() + 1..];
        let v: Vec<f64> = rhs.split_whitespace().map(|t| t.parse().unwrap()).collect();
        s1.push(v[0]);
        s2.push(v[1]);
        cert.push(v[2]);
    }
    let rss = lines
        .iter()
        .find(|l| l.starts_with("Residual Sum of Squares"))
        .map(|l| l.split_whitespace().last().unwrap().parse().unwrap())
        .unwrap();
    let rows: Vec<Vec<f64>> = lines[data.0 - 1..data.1]
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split_whitespace().map(|t| t.parse().unwrap()).collect())
        .collect();
    let k = rows[0].len() - 1;
    let m = rows.len();
    let x = Array2::from_shape_fn((k, m), |(i, j)| rows[j][i + 1]);
    let y = Array1::from_shape_fn(m, |j| rows[j][0]);
    let name = path.file_stem().unwrap().to_string_lossy().to_string();
    Problem { name, start1: s1, start2: s2, cert, rss, x, y }
}

/// The model of each problem (NIST's formulas). Nelson's response is `ln y`.
fn model(name: &str, b: &[f64], x: ArrayView1<'_, f64>) -> f64 {
    use std::f64::consts::PI;
    let x1 = x[0];
    match name {
        "Misra1a" | "BoxBOD" => b[0] * (1.0 - (-b[1] * x1).exp()),
        "Chwirut1" | "Chwirut2" => (-b[0] * x1).exp() / (b[1] + b[2] * x1),
        "Lanczos1" | "Lanczos2" | "Lanczos3" => {
            b[0] * (-b[1] * x1).exp() + b[2] * (-b[3] * x1).exp() + b[4] * (-b[5] * x1).exp()
        }
        "Gauss1" | "Gauss2" | "Gauss3" => {
            b[0] * (-b[1] * x1).exp()
                + b[2] * (-(x1 - b[3]).powi(2) / (b[4] * b[4])).exp()
                + b[5] * (-(x1 - b[6]).powi(2) / (b[7] * b[7])).exp()
        }
        "DanWood" => b[0] * x1.powf(b[1]),
        "Misra1b" => b[0] * (1.0 - (1.0 + b[1] * x1 / 2.0).powi(-2)),
        "Kirby2" => (b[0] + b[1] * x1 + b[2] * x1 * x1) / (1.0 + b[3] * x1 + b[4] * x1 * x1),
        "Hahn1" | "Thurber" => {
            (b[0] + b[1] * x1 + b[2] * x1 * x1 + b[3] * x1.powi(3))
                / (1.0 + b[4] * x1 + b[5] * x1 * x1 + b[6] * x1.powi(3))
        }
        "Nelson" => b[0] - b[1] * x1 * (-b[2] * x[1]).exp(),
        "MGH17" => b[0] + b[1] * (-x1 * b[3]).exp() + b[2] * (-x1 * b[4]).exp(),
        "Misra1c" => b[0] * (1.0 - (1.0 + 2.0 * b[1] * x1).powf(-0.5)),
        "Misra1d" => b[0] * b[1] * x1 / (1.0 + b[1] * x1),
        // NIST's certified b1 uses the branch of arctan in (0, π) (all x < b4 here), i.e. atan2.
        "Roszman1" => b[0] - b[1] * x1 - b[2].atan2(x1 - b[3]) / PI,
        "ENSO" => {
            b[0] + b[1] * (2.0 * PI * x1 / 12.0).cos()
                + b[2] * (2.0 * PI * x1 / 12.0).sin()
                + b[4] * (2.0 * PI * x1 / b[3]).cos()
                + b[5] * (2.0 * PI * x1 / b[3]).sin()
                + b[7] * (2.0 * PI * x1 / b[6]).cos()
                + b[8] * (2.0 * PI * x1 / b[6]).sin()
        }
        "MGH09" => b[0] * (x1 * x1 + x1 * b[1]) / (x1 * x1 + x1 * b[2] + b[3]),
        "Rat42" => b[0] / (1.0 + (b[1] - b[2] * x1).exp()),
        "MGH10" => b[0] * (b[1] / (x1 + b[2])).exp(),
        "Eckerle4" => (b[0] / b[1]) * (-0.5 * ((x1 - b[2]) / b[1]).powi(2)).exp(),
        "Rat43" => b[0] / (1.0 + (b[1] - b[2] * x1).exp()).powf(1.0 / b[3]),
        "Bennett5" => b[0] * (b[1] + x1).powf(-1.0 / b[2]),
        other => panic!("no model for {other}"),
    }
}

fn predict(name: &str, x: ArrayView2<'_, f64>, b: ArrayView1<'_, f64>) -> Array1<f64> {
    let bs = b.to_vec();
    Array1::from_shape_fn(x.ncols(), |j| model(name, &bs, x.column(j)))
}

fn lre(computed: f64, certified: f64) -> f64 {
    if !computed.is_finite() {
        return 0.0;
    }
    let rel = (computed - certified).abs() / certified.abs();
    if rel == 0.0 { 11.0 } else { (-rel.log10()).clamp(0.0, 11.0) }
}

struct Row {
    problem: String,
    start: usize,
    solver: &'static str,
    min_param_lre: f64,
    rss_lre: f64,
    nfev: usize,
    note: String,
}

fn run_all() -> Vec<Row> {
    let dir = nist_dir();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "dat"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 27, "expected the 27 NIST StRD nonlinear regression files in {}", dir.display());
    let mut rows = Vec::new();
    for path in &files {
        let p = parse(path);
        let y = if p.name == "Nelson" { p.y.mapv(f64::ln) } else { p.y.clone() };
        let name = p.name.clone();
        for (si, start) in [&p.start1, &p.start2].into_iter().enumerate() {
            let p0 = Array1::from(start.clone());
            let n = p0.len();
            // curve_fit (MINPACK LM) with tight tolerances.
            let f = |x: ArrayView2<'_, f64>, b: ArrayView1<'_, f64>| predict(&name, x, b);
            // Central differences with a relative step 1e-6 (error ~1e-12): MINPACK's own
            // forward differences (error ~1e-8) cost 1–3 digits on Bennett5 and Lanczos3.
            let jac = |x: ArrayView2<'_, f64>, b: ArrayView1<'_, f64>| -> Array2<f64> {
                let mut j = Array2::zeros((x.ncols(), b.len()));
                for c in 0..b.len() {
                    let h = 1e-6 * b[c].abs().max(1e-12);
                    let (mut bp, mut bm) = (b.to_owned(), b.to_owned());
                    bp[c] += h;
                    bm[c] -= h;
                    let d = (predict(&name, x, bp.view()) - predict(&name, x, bm.view())) / (bp[c] - bm[c]);
                    j.column_mut(c).assign(&d);
                }
                j
            };
            let opts = CurveFitOptions {
                jac: Some(&jac),
                ftol: Some(1e-15),
                xtol: Some(1e-15),
                max_nfev: Some(2000 * (n + 1)),
                ..Default::default()
            };
            let cf = curve_fit_with(f, &p.x, &y, &p0, &opts);
            rows.push(score(
                &p,
                &y,
                si + 1,
                "curve_fit lm",
                cf.map(|r| (r.popt, r.nfev)).map_err(|e| e.to_string()),
            ));
            // least_squares (TRF), tight tolerances, 3-point Jacobian with a purely relative
            // step (SciPy's `diff_step`): the default absolute floor `eps^(1/3)·max(1, |b|)`
            // is far too large for parameters of size 1e-7 (Hahn1, Kirby2), and SciPy's own TRF
            // stops at 2–5 digits there with it.
            let resid = |b: ArrayView1<'_, f64>| predict(&name, p.x.view(), b) - &y;
            let lo = LeastSquaresOptions {
                ftol: 1e-15,
                xtol: 1e-15,
                gtol: 1e-15,
                jac: LsqJac::ThreePoint,
                diff_step: Some(1e-6),
                x_scale: Some(XScale::Jac),
                max_nfev: Some(2000 * n),
                ..Default::default()
            };
            let ls = least_squares_with(resid, &p0, &lo);
            rows.push(score(
                &p,
                &y,
                si + 1,
                "least_squares trf",
                ls.map(|r| (r.x, r.nfev)).map_err(|e| e.to_string()),
            ));
        }
    }
    rows
}

fn score(
    p: &Problem,
    y: &Array1<f64>,
    start: usize,
    solver: &'static str,
    res: Result<(Array1<f64>, usize), String>,
) -> Row {
    match res {
        Ok((b, nfev)) => {
            let min_param_lre = (0..b.len()).map(|i| lre(b[i], p.cert[i])).fold(11.0, f64::min);
            let r = predict(&p.name, p.x.view(), b.view()) - y;
            let rss_lre = lre(r.dot(&r), p.rss);
            Row { problem: p.name.clone(), start, solver, min_param_lre, rss_lre, nfev, note: String::new() }
        }
        Err(e) => Row {
            problem: p.name.clone(),
            start,
            solver,
            min_param_lre: 0.0,
            rss_lre: 0.0,
            nfev: 0,
            note: e.chars().take(60).collect(),
        },
    }
}

#[test]
#[ignore = "needs NIST StRD data; run by cargo xtask nist"]
fn nist_strd_nonlinear_regression() {
    let rows = run_all();
    println!("| problem | start | solver | min LRE (params) | LRE (RSS) | nfev | note |");
    println!("|---|---|---|---|---|---|---|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {:.1} | {:.1} | {} | {} |",
            r.problem, r.start, r.solver, r.min_param_lre, r.rss_lre, r.nfev, r.note
        );
    }
    let below: Vec<String> = rows
        .iter()
        .filter(|r| r.min_param_lre < 6.0 || r.rss_lre < 6.0)
        .map(|r| format!("{} start {} {}", r.problem, r.start, r.solver))
        .collect();
    println!(
        "{} of {} runs reach 6 digits on every parameter and the RSS",
        rows.len() - below.len(),
        rows.len()
    );
    println!("below 6 digits: {below:?}");
    // Every problem must be solved to 6 digits from start 2 (close to the solution) by both
    // solvers; start 1 is reported (SciPy itself fails several of the hard ones from there).
    // Lanczos1's certified RSS (1.4e-25) is below what double precision can resolve in the
    // residuals (|y| ~ 1, rounding ~1e-16 per point): every double-precision solver gets
    // only ~3 digits of it, while its parameters come out to 10+ digits.
    let start2_fail: Vec<&String> =
        below.iter().filter(|s| s.contains("start 2") && !s.starts_with("Lanczos1")).collect();
    assert!(start2_fail.is_empty(), "start-2 runs below 6 digits: {start2_fail:?}");
}
