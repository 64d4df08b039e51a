//! Test functions shared with xtask/fixtures/optimize.py (same names, same formulas).
#![allow(dead_code)]

pub type Scalar3 = (fn(f64) -> f64, fn(f64) -> f64, fn(f64) -> f64);

pub fn scalar(name: &str) -> Scalar3 {
    match name {
        "cubic" => (|x| x.powi(3) - 2.0 * x - 5.0, |x| 3.0 * x * x - 2.0, |x| 6.0 * x),
        "cos_minus_x" => (|x: f64| x.cos() - x, |x: f64| -x.sin() - 1.0, |x: f64| -x.cos()),
        "exp_minus_2" => (|x: f64| x.exp() - 2.0, |x: f64| x.exp(), |x: f64| x.exp()),
        "sin_half" => (|x: f64| x.sin() - x / 2.0, |x: f64| x.cos() - 0.5, |x: f64| -x.sin()),
        "triple" => (|x: f64| (x - 1.0).powi(3), |x: f64| 3.0 * (x - 1.0).powi(2), |x: f64| 6.0 * (x - 1.0)),
        "steep" => (|x: f64| x.powi(9) - 1e-3, |x: f64| 9.0 * x.powi(8), |x: f64| 72.0 * x.powi(7)),
        "atan" => (
            |x: f64| (x - 0.7).atan(),
            |x: f64| 1.0 / (1.0 + (x - 0.7).powi(2)),
            |x: f64| -2.0 * (x - 0.7) / (1.0 + (x - 0.7).powi(2)).powi(2),
        ),
        other => panic!("unknown scalar test function {other}"),
    }
}

pub fn min_scalar(name: &str) -> fn(f64) -> f64 {
    match name {
        "quartic" => |x| (x - 2.0) * x * (x + 2.0).powi(2),
        "cosine" => |x: f64| x.cos(),
        "shifted_quad" => |x| (x - 3.7).powi(2) + 1.0,
        "abs_like" => |x: f64| ((x - 0.4).powi(2) + 1e-4).sqrt(),
        "exp_quad" => |x: f64| x.exp() - 4.0 * x,
        other => panic!("unknown scalar objective {other}"),
    }
}
