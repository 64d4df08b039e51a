//! Shared checking loop for the `special_*` fixture tests.
//!
//! Each fixture case is one function on a grid: equal-length input arrays and the output
//! `y` SciPy produced. `check` evaluates sci's function at every point, asserts the per-point
//! tolerance the test states, and prints the largest relative error it saw (run with
//! `--nocapture` to read them), so the accuracy claims in the docs can be re-measured.
#![allow(dead_code)]

use sci_testing::{Fixture, Tol};

/// Largest error seen for one function.
#[derive(Debug, Clone, Copy)]
pub struct Summary {
    pub points: usize,
    pub max_rel: f64,
}

pub fn load(name: &str) -> Fixture {
    Fixture::load(env!("CARGO_MANIFEST_DIR"), name)
}

/// Checks the fixture case `name` with inputs `args` against `f`, point by point, with the
/// tolerance `tol(inputs, expected)`. NaN must match NaN, infinities must match exactly.
#[track_caller]
pub fn check(
    fx: &Fixture,
    name: &str,
    args: &[&str],
    f: impl Fn(&[f64]) -> f64,
    tol: impl Fn(&[f64], f64) -> Tol,
) -> Summary {
    let case = fx.case(name);
    let inputs: Vec<Vec<f64>> = args.iter().map(|a| case.input(a).array1_f64().to_vec()).collect();
    let want = case.output("y").array1_f64();
    let n = want.len();
    assert!(inputs.iter().all(|v| v.len() == n), "{name}: ragged inputs");
    let mut max_rel = 0.0f64;
    let mut max_abs = 0.0f64;
    let mut worst = String::new();
    let mut failures = Vec::new();
    let mut point = vec![0.0; args.len()];
    for i in 0..n {
        for (k, v) in inputs.iter().enumerate() {
            point[k] = v[i];
        }
        let got = f(&point);
        let w = want[i];
        let t = tol(&point, w);
        // An infinite allowance marks a documented deviation from SciPy (checked separately).
        let ok = if got == w || t.atol == f64::INFINITY {
            true
        } else if w.is_nan() || got.is_nan() {
            w.is_nan() && got.is_nan()
        } else if w.is_infinite() || got.is_infinite() {
            w == got
        } else {
            let diff = (got - w).abs();
            // Relative error measured against the smallest normal number for subnormal
            // values (whose own resolution is only 4.9e-324 absolute).
            let rel = if w != 0.0 { diff / w.abs().max(f64::MIN_POSITIVE) } else { diff };
            max_abs = max_abs.max(diff);
            if rel > max_rel {
                max_rel = rel;
                worst = format!("{point:?}: got {got:e}, want {w:e}");
            }
            // Two subnormal ulps are always allowed.
            diff <= t.atol + t.rtol * w.abs() + 1e-323
        };
        if !ok {
            failures.push(format!(
                "  at {point:?}: got {got:e}, SciPy {w:e} (rtol {:e}, atol {:e})",
                t.rtol, t.atol
            ));
        }
    }
    println!(
        "{name}: {n} points, max relative error {max_rel:.3e} ({worst}); max absolute error {max_abs:.3e}"
    );
    assert!(
        failures.is_empty(),
        "{name}: {} of {n} points outside tolerance:\n{}",
        failures.len(),
        failures.iter().take(20).cloned().collect::<Vec<_>>().join("\n")
    );
    Summary { points: n, max_rel }
}

/// `k` machine epsilons, relative.
pub fn ulps(k: f64) -> Tol {
    Tol::new(k * f64::EPSILON, 0.0)
}
