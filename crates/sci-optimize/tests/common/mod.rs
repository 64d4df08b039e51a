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

use sci_core::ndarray::{Array1, ArrayView1, array};

pub type Obj = fn(ArrayView1<'_, f64>) -> f64;
pub type Grad = fn(ArrayView1<'_, f64>) -> Array1<f64>;

fn beale(x: ArrayView1<'_, f64>) -> f64 {
    let y = [1.5, 2.25, 2.625];
    (0..3).map(|i| (y[i] - x[0] * (1.0 - x[1].powi(i as i32 + 1))).powi(2)).sum()
}
fn beale_grad(x: ArrayView1<'_, f64>) -> Array1<f64> {
    let y = [1.5, 2.25, 2.625];
    let mut g = Array1::zeros(2);
    for i in 0..3 {
        let k = i as i32 + 1;
        let r = y[i] - x[0] * (1.0 - x[1].powi(k));
        g[0] += 2.0 * r * (-(1.0 - x[1].powi(k)));
        g[1] += 2.0 * r * (x[0] * k as f64 * x[1].powi(k - 1));
    }
    g
}
fn helical(x: ArrayView1<'_, f64>) -> f64 {
    let th = x[1].atan2(x[0]) / (2.0 * std::f64::consts::PI);
    let r = x[0].hypot(x[1]);
    100.0 * (x[2] - 10.0 * th).powi(2) + 100.0 * (r - 1.0).powi(2) + x[2] * x[2]
}
fn powell_sing(x: ArrayView1<'_, f64>) -> f64 {
    (x[0] + 10.0 * x[1]).powi(2)
        + 5.0 * (x[2] - x[3]).powi(2)
        + (x[1] - 2.0 * x[2]).powi(4)
        + 10.0 * (x[0] - x[3]).powi(4)
}
fn powell_sing_grad(x: ArrayView1<'_, f64>) -> Array1<f64> {
    let a = x[0] + 10.0 * x[1];
    let b = x[2] - x[3];
    let c = x[1] - 2.0 * x[2];
    let d = x[0] - x[3];
    array![
        2.0 * a + 40.0 * d.powi(3),
        20.0 * a + 4.0 * c.powi(3),
        10.0 * b - 8.0 * c.powi(3),
        -10.0 * b - 40.0 * d.powi(3)
    ]
}
fn wood(x: ArrayView1<'_, f64>) -> f64 {
    100.0 * (x[1] - x[0] * x[0]).powi(2)
        + (1.0 - x[0]).powi(2)
        + 90.0 * (x[3] - x[2] * x[2]).powi(2)
        + (1.0 - x[2]).powi(2)
        + 10.1 * ((x[1] - 1.0).powi(2) + (x[3] - 1.0).powi(2))
        + 19.8 * (x[1] - 1.0) * (x[3] - 1.0)
}
fn wood_grad(x: ArrayView1<'_, f64>) -> Array1<f64> {
    array![
        -400.0 * x[0] * (x[1] - x[0] * x[0]) - 2.0 * (1.0 - x[0]),
        200.0 * (x[1] - x[0] * x[0]) + 20.2 * (x[1] - 1.0) + 19.8 * (x[3] - 1.0),
        -360.0 * x[2] * (x[3] - x[2] * x[2]) - 2.0 * (1.0 - x[2]),
        180.0 * (x[3] - x[2] * x[2]) + 20.2 * (x[3] - 1.0) + 19.8 * (x[1] - 1.0)
    ]
}
fn freud_roth(x: ArrayView1<'_, f64>) -> f64 {
    let f1 = -13.0 + x[0] + ((5.0 - x[1]) * x[1] - 2.0) * x[1];
    let f2 = -29.0 + x[0] + ((x[1] + 1.0) * x[1] - 14.0) * x[1];
    f1 * f1 + f2 * f2
}
fn brown_bs(x: ArrayView1<'_, f64>) -> f64 {
    (x[0] - 1e6).powi(2) + (x[1] - 2e-6).powi(2) + (x[0] * x[1] - 2.0).powi(2)
}
fn booth(x: ArrayView1<'_, f64>) -> f64 {
    (x[0] + 2.0 * x[1] - 7.0).powi(2) + (2.0 * x[0] + x[1] - 5.0).powi(2)
}
const QC: [f64; 4] = [-1.0, 3.0, 0.5, 2.0];
const QW: [f64; 4] = [1.0, 2.0, 3.0, 4.0];
fn quad_bounded(x: ArrayView1<'_, f64>) -> f64 {
    (0..4).map(|i| QW[i] * (x[i] - QC[i]).powi(2)).sum::<f64>() + 0.5 * (x[0] * x[1])
}
fn quad_bounded_grad(x: ArrayView1<'_, f64>) -> Array1<f64> {
    let mut g = Array1::from_shape_fn(4, |i| 2.0 * QW[i] * (x[i] - QC[i]));
    g[0] += 0.5 * x[1];
    g[1] += 0.5 * x[0];
    g
}
/// Rosenbrock as a plain `fn` pointer.
pub fn rosen_f(x: ArrayView1<'_, f64>) -> f64 {
    sci_optimize::rosen(&x)
}
fn rosen_g(x: ArrayView1<'_, f64>) -> Array1<f64> {
    sci_optimize::rosen_der(&x)
}

pub fn problem(name: &str) -> (Obj, Option<Grad>) {
    match name {
        "rosen" => (rosen_f, Some(rosen_g)),
        "beale" => (beale, Some(beale_grad)),
        "helical" => (helical, None),
        "powell_sing" => (powell_sing, Some(powell_sing_grad)),
        "wood" => (wood, Some(wood_grad)),
        "freud_roth" => (freud_roth, None),
        "brown_bs" => (brown_bs, None),
        "booth" => (booth, None),
        "quad_bounded" => (quad_bounded, Some(quad_bounded_grad)),
        other => panic!("unknown problem {other}"),
    }
}

fn ackley(x: ArrayView1<'_, f64>) -> f64 {
    use std::f64::consts::{E, PI};
    -20.0 * (-0.2 * (0.5 * (x[0] * x[0] + x[1] * x[1])).sqrt()).exp()
        - (0.5 * ((2.0 * PI * x[0]).cos() + (2.0 * PI * x[1]).cos())).exp()
        + E
        + 20.0
}
fn rastrigin(x: ArrayView1<'_, f64>) -> f64 {
    10.0 * x.len() as f64
        + x.iter().map(|v| v * v - 10.0 * (2.0 * std::f64::consts::PI * v).cos()).sum::<f64>()
}

fn camel(x: ArrayView1<'_, f64>) -> f64 {
    let (a, b) = (x[0], x[1]);
    (4.0 - 2.1 * a * a + a.powi(4) / 3.0) * a * a + a * b + (-4.0 + 4.0 * b * b) * b * b
}

pub fn global_problem(name: &str) -> Obj {
    match name {
        "camel" => camel,
        "ackley" => ackley,
        "rastrigin" => rastrigin,
        other => problem(other).0,
    }
}

pub type VecObj = fn(ArrayView1<'_, f64>) -> Array1<f64>;

fn sys_docs(x: ArrayView1<'_, f64>) -> Array1<f64> {
    array![x[0] + 0.5 * (x[0] - x[1]).powi(3) - 1.0, 0.5 * (x[1] - x[0]).powi(3) + x[1]]
}
pub fn sys_docs_jac(x: ArrayView1<'_, f64>) -> sci_core::ndarray::Array2<f64> {
    sci_core::ndarray::array![
        [1.0 + 1.5 * (x[0] - x[1]).powi(2), -1.5 * (x[0] - x[1]).powi(2)],
        [-1.5 * (x[1] - x[0]).powi(2), 1.0 + 1.5 * (x[1] - x[0]).powi(2)]
    ]
}
fn sys_powell(x: ArrayView1<'_, f64>) -> Array1<f64> {
    array![
        x[0] + 10.0 * x[1],
        5f64.sqrt() * (x[2] - x[3]),
        (x[1] - 2.0 * x[2]).powi(2),
        10f64.sqrt() * (x[0] - x[3]).powi(2)
    ]
}
fn sys_broyden_tri(x: ArrayView1<'_, f64>) -> Array1<f64> {
    let n = x.len();
    let mut f = Array1::from_shape_fn(n, |i| (3.0 - 2.0 * x[i]) * x[i] + 1.0);
    for i in 1..n {
        f[i] -= x[i - 1];
    }
    for i in 0..n - 1 {
        f[i] -= 2.0 * x[i + 1];
    }
    f
}
fn sys_helical(x: ArrayView1<'_, f64>) -> Array1<f64> {
    let th = x[1].atan2(x[0]) / (2.0 * std::f64::consts::PI);
    array![10.0 * (x[2] - 10.0 * th), 10.0 * (x[0].hypot(x[1]) - 1.0), x[2]]
}
fn sys_trig(x: ArrayView1<'_, f64>) -> Array1<f64> {
    let n = x.len();
    let s: f64 = x.iter().map(|v| v.cos()).sum();
    Array1::from_shape_fn(n, |i| n as f64 - s + (i + 1) as f64 * (1.0 - x[i].cos()) - x[i].sin())
}

pub fn system(name: &str) -> VecObj {
    match name {
        "docs" => sys_docs,
        "powell" => sys_powell,
        "broyden_tri" => sys_broyden_tri,
        "helical" => sys_helical,
        "trig" => sys_trig,
        other => panic!("unknown system {other}"),
    }
}

/// Hock–Schittkowski problem 71's objective `x₀x₃(x₀+x₁+x₂) + x₂`.
pub fn hs071(x: ArrayView1<'_, f64>) -> f64 {
    x[0] * x[3] * (x[0] + x[1] + x[2]) + x[2]
}

/// Largest absolute entrywise difference.
pub fn max_abs_diff(a: &Array1<f64>, b: &Array1<f64>) -> f64 {
    (a - b).iter().fold(0.0f64, |m, v| m.max(v.abs()))
}

/// `max(1, max |xᵢ|)`: the scale for absolute-or-relative comparisons of optima.
pub fn scale_of(x: &Array1<f64>) -> f64 {
    x.iter().fold(1.0f64, |m, v| m.max(v.abs()))
}
