//! Minimize a loss, fit a curve, solve a constrained problem — `scipy.optimize` in Rust.
//!
//! Run with `cargo run -p sci --example fit_and_minimize` (needs the `optimize` feature, on
//! by default).

use sci::ndarray::{Array1, ArrayView1, array};
use sci::optimize::{Bounds, Constraint, Jac, Method, MinimizeOptions, curve_fit, minimize_with};

fn main() -> sci::Result<()> {
    // 1. The loss sum((params - [1, 2])^2), minimized with BFGS and its gradient.
    let target = array![1.0, 2.0];
    let loss = |p: ArrayView1<'_, f64>| (&p - &target).mapv(|d| d * d).sum();
    let grad = |p: ArrayView1<'_, f64>| (&p - &target) * 2.0;
    let opts =
        MinimizeOptions { method: Some(Method::Bfgs), jac: Some(Jac::Callable(&grad)), ..Default::default() };
    let res = minimize_with(loss, &array![0.0, 0.0], &opts)?;
    println!("BFGS: x = {:.6}, f = {:.3e}, nit = {}, nfev = {}", res.x, res.fun, res.nit, res.nfev);

    // 2. curve_fit of a·exp(−b·x) to 50 noisy points (deterministic noise for the example).
    let x: Array1<f64> = Array1::linspace(0.0, 4.0, 50);
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut noise = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 11) as f64 / (1u64 << 53) as f64 - 0.5) * 0.2
    };
    let y = x.mapv(|t| 2.5 * (-1.3 * t).exp() + noise());
    let model = |x: ArrayView1<'_, f64>, p: ArrayView1<'_, f64>| x.mapv(|t| p[0] * (-p[1] * t).exp());
    let fit = curve_fit(model, &x, &y, &array![1.0, 1.0])?;
    let perr = fit.pcov.diag().mapv(f64::sqrt);
    println!("curve_fit: a = {:.4} ± {:.4}, b = {:.4} ± {:.4}", fit.popt[0], perr[0], fit.popt[1], perr[1]);

    // 3. A constrained problem with SLSQP (SciPy's tutorial example):
    //    minimize (x0 − 1)² + (x1 − 2.5)² subject to three linear inequalities and x ≥ 0.
    let f = |x: ArrayView1<'_, f64>| (x[0] - 1.0).powi(2) + (x[1] - 2.5).powi(2);
    let c1 = |x: ArrayView1<'_, f64>| array![x[0] - 2.0 * x[1] + 2.0];
    let c2 = |x: ArrayView1<'_, f64>| array![-x[0] - 2.0 * x[1] + 6.0];
    let c3 = |x: ArrayView1<'_, f64>| array![-x[0] + 2.0 * x[1] + 2.0];
    let opts = MinimizeOptions {
        method: Some(Method::Slsqp),
        bounds: Some(Bounds::from_pairs(&[(Some(0.0), None), (Some(0.0), None)])),
        constraints: vec![Constraint::ineq(&c1), Constraint::ineq(&c2), Constraint::ineq(&c3)],
        ..Default::default()
    };
    let res = minimize_with(f, &array![2.0, 0.0], &opts)?;
    println!("SLSQP: x = {:.6}, f = {:.6}, success = {} ({})", res.x, res.fun, res.success, res.message);
    Ok(())
}
