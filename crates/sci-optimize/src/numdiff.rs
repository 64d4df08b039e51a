//! Finite-difference derivatives: SciPy's `approx_fprime`, `check_grad`, and the forward
//! and central schemes (`'2-point'`, `'3-point'`) behind every method that is not given a
//! gradient, with SciPy's step rules and bound handling (`scipy.optimize._numdiff`).

use rand::{RngExt, SeedableRng};
use sci_core::ndarray::{
    Array1, Array2, ArrayBase, ArrayView1, ArrayViewMut1, Data, Ix1, ShapeBuilder, Zip, s,
};
use sci_core::{Error, Result, validate};

/// A finite-difference scheme, SciPy's `'2-point'` / `'3-point'` strings.
///
/// ```
/// use sci_optimize::{minimize_with, Jac, MinimizeOptions};
/// use sci_core::ndarray::array;
/// // '3-point' gradients: Jac::ThreePoint (FdScheme names the schemes in the finite-difference API).
/// let r = minimize_with(|x| (x[0] - 1.0).powi(4), &array![0.0], &MinimizeOptions { jac: Some(Jac::ThreePoint), ..Default::default() })?;
/// assert!((r.x[0] - 1.0).abs() < 0.05);
/// assert_eq!(sci_optimize::FdScheme::default(), sci_optimize::FdScheme::TwoPoint);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FdScheme {
    /// Forward difference `(f(x + h e_i) − f(x)) / h`, one extra evaluation per coordinate,
    /// error `O(h)`. Relative step `√eps`.
    #[default]
    TwoPoint,
    /// Central difference `(f(x + h e_i) − f(x − h e_i)) / 2h` (one-sided three-point
    /// formula next to a bound), two evaluations per coordinate, error `O(h²)`. Relative
    /// step `eps^(1/3)`.
    ThreePoint,
}

impl FdScheme {
    fn default_rel_step(self) -> f64 {
        match self {
            FdScheme::TwoPoint => f64::EPSILON.sqrt(),
            FdScheme::ThreePoint => f64::EPSILON.cbrt(),
        }
    }
}

/// Step sizes (signed) and one-sided flags for one finite-difference evaluation.
#[derive(Debug, Clone)]
pub(crate) struct FdSteps {
    pub h: Vec<f64>,
    pub one_sided: Vec<bool>,
    pub scheme: FdScheme,
}

fn sign_nonneg(x: f64) -> f64 {
    if x >= 0.0 { 1.0 } else { -1.0 }
}

/// SciPy's `_compute_absolute_step` (or the user's absolute step) followed by
/// `_adjust_scheme_to_bounds`.
pub(crate) fn fd_steps(
    x0: &[f64],
    scheme: FdScheme,
    rel_step: Option<f64>,
    abs_step: Option<&[f64]>,
    lb: Option<&[f64]>,
    ub: Option<&[f64]>,
) -> FdSteps {
    let n = x0.len();
    let rstep = scheme.default_rel_step();
    let mut h: Vec<f64> = (0..n)
        .map(|i| {
            let x = x0[i];
            let s = sign_nonneg(x);
            let fallback = rstep * s * x.abs().max(1.0);
            if let Some(a) = abs_step {
                let hi = a[if a.len() == 1 { 0 } else { i }];
                if (x + hi) - x == 0.0 { fallback } else { hi }
            } else if let Some(r) = rel_step {
                let hi = r * s * x.abs();
                if (x + hi) - x == 0.0 { fallback } else { hi }
            } else {
                fallback
            }
        })
        .collect();
    let mut one_sided = vec![scheme == FdScheme::TwoPoint; n];
    let (lb, ub) = match (lb, ub) {
        (Some(l), Some(u)) => (l, u),
        _ => return FdSteps { h, one_sided, scheme },
    };
    if lb.iter().all(|v| *v == f64::NEG_INFINITY) && ub.iter().all(|v| *v == f64::INFINITY) {
        if scheme == FdScheme::ThreePoint {
            h.iter_mut().for_each(|v| *v = v.abs());
        }
        return FdSteps { h, one_sided, scheme };
    }
    for i in 0..n {
        let lower = x0[i] - lb[i];
        let upper = ub[i] - x0[i];
        match scheme {
            FdScheme::TwoPoint => {
                let x = x0[i] + h[i];
                let violated = x < lb[i] || x > ub[i];
                let fitting = h[i].abs() <= lower.max(upper);
                if violated && fitting {
                    h[i] = -h[i];
                } else if !fitting {
                    h[i] = if upper >= lower { upper } else { -lower };
                }
            }
            FdScheme::ThreePoint => {
                let hi = h[i].abs();
                let central = lower >= hi && upper >= hi;
                if central {
                    h[i] = hi;
                    continue;
                }
                let mut adj;
                if upper >= lower {
                    adj = hi.min(0.5 * upper);
                } else {
                    adj = -hi.min(0.5 * lower);
                }
                one_sided[i] = true;
                let min_dist = upper.min(lower);
                if adj.abs() <= min_dist {
                    adj = min_dist;
                    one_sided[i] = false;
                }
                h[i] = adj;
            }
        }
    }
    FdSteps { h, one_sided, scheme }
}

/// Finite-difference gradient of a scalar function at `x0` (with `f0 = f(x0)` known).
/// Returns the gradient and the number of evaluations of `f` it used.
pub(crate) fn fd_gradient<F: FnMut(ArrayView1<'_, f64>) -> f64>(
    mut f: F,
    x0: &Array1<f64>,
    f0: f64,
    steps: &FdSteps,
) -> (Array1<f64>, usize) {
    let n = x0.len();
    let mut g = Array1::zeros(n);
    let mut x = x0.clone();
    let mut nfev = 0;
    for i in 0..n {
        let xi = x0[i];
        let h = steps.h[i];
        match steps.scheme {
            FdScheme::TwoPoint => {
                x[i] = xi + h;
                let f1 = f(x.view());
                nfev += 1;
                g[i] = (f1 - f0) / (x[i] - xi);
            }
            FdScheme::ThreePoint => {
                if steps.one_sided[i] {
                    x[i] = xi + h;
                    let f1 = f(x.view());
                    x[i] = xi + 2.0 * h;
                    let f2 = f(x.view());
                    nfev += 2;
                    g[i] = (-3.0 * f0 + 4.0 * f1 - f2) / (x[i] - xi);
                } else {
                    x[i] = xi - h;
                    let xl = x[i];
                    let f1 = f(x.view());
                    x[i] = xi + h;
                    let f2 = f(x.view());
                    nfev += 2;
                    g[i] = (f2 - f1) / (x[i] - xl);
                }
            }
        }
        x[i] = xi;
    }
    (g, nfev)
}

/// Finite-difference Jacobian (`m×n`, column-major) of a vector function at `x0` with
/// `f0 = f(x0)` known; also returns the number of evaluations.
pub(crate) fn fd_jacobian<F: FnMut(ArrayView1<'_, f64>) -> Array1<f64>>(
    mut f: F,
    x0: &Array1<f64>,
    f0: &Array1<f64>,
    steps: &FdSteps,
) -> (Array2<f64>, usize) {
    let mut jac = Array2::zeros((f0.len(), x0.len()).f());
    let mut x = x0.clone();
    let mut nfev = 0;
    for (i, col) in jac.columns_mut().into_iter().enumerate() {
        nfev += fd_column(&mut f, &mut x, f0, steps, i, col);
    }
    (jac, nfev)
}

/// [`fd_jacobian`] with the columns computed in parallel on sci's threads (`f` must be
/// `Sync`); the same columns and evaluation count.
pub(crate) fn fd_jacobian_par<F: Fn(ArrayView1<'_, f64>) -> Array1<f64> + Sync>(
    f: &F,
    x0: &Array1<f64>,
    f0: &Array1<f64>,
    steps: &FdSteps,
) -> (Array2<f64>, usize) {
    use rayon::prelude::*;
    let (m, n) = (f0.len(), x0.len());
    let mut jac = Array2::zeros((m, n).f());
    let Some(data) = jac.as_slice_memory_order_mut().filter(|_| m > 0) else {
        return fd_jacobian(f, x0, f0, steps);
    };
    let nfev = sci_core::install(|| {
        data.par_chunks_mut(m)
            .enumerate()
            .map(|(i, col)| fd_column(&mut |v| f(v), &mut x0.clone(), f0, steps, i, col.into()))
            .sum()
    });
    (jac, nfev)
}

/// Column `i` of the finite-difference Jacobian written into `col`, using `x` (equal to
/// `x0` on entry and on return) as the work point; returns the evaluations made.
fn fd_column<F: FnMut(ArrayView1<'_, f64>) -> Array1<f64>>(
    f: &mut F,
    x: &mut Array1<f64>,
    f0: &Array1<f64>,
    steps: &FdSteps,
    i: usize,
    mut col: ArrayViewMut1<'_, f64>,
) -> usize {
    let m = f0.len();
    // Rows both evaluations cover (a wrong-length `f` leaves the rest zero; callers check the
    // length and report it).
    let rows = |len: usize| s![..len.min(m)];
    let xi = x[i];
    let h = steps.h[i];
    let nfev = match steps.scheme {
        FdScheme::TwoPoint => {
            x[i] = xi + h;
            let f1 = f(x.view());
            let dx = x[i] - xi;
            let r = rows(f1.len());
            Zip::from(col.slice_mut(r))
                .and(f1.slice(r))
                .and(f0.slice(r))
                .for_each(|c, &a, &b| *c = (a - b) / dx);
            1
        }
        FdScheme::ThreePoint if steps.one_sided[i] => {
            x[i] = xi + h;
            let f1 = f(x.view());
            x[i] = xi + 2.0 * h;
            let f2 = f(x.view());
            let dx = x[i] - xi;
            let r = rows(f1.len().min(f2.len()));
            Zip::from(col.slice_mut(r))
                .and(f0.slice(r))
                .and(f1.slice(r))
                .and(f2.slice(r))
                .for_each(|c, &a, &b, &e| *c = (-3.0 * a + 4.0 * b - e) / dx);
            2
        }
        FdScheme::ThreePoint => {
            x[i] = xi - h;
            let xl = x[i];
            let f1 = f(x.view());
            x[i] = xi + h;
            let f2 = f(x.view());
            let dx = x[i] - xl;
            let r = rows(f1.len().min(f2.len()));
            Zip::from(col.slice_mut(r))
                .and(f1.slice(r))
                .and(f2.slice(r))
                .for_each(|c, &a, &b| *c = (b - a) / dx);
            2
        }
    };
    x[i] = xi;
    nfev
}

/// The finite-difference step of [`approx_fprime_with`] and [`check_grad_with`].
///
/// ```
/// use sci_optimize::{approx_fprime_with, FdStep};
/// use sci_core::ndarray::array;
/// let g = approx_fprime_with(&array![2.0], |x| x[0].powi(3), &FdStep::Scalar(1e-6))?;
/// assert!((g[0] - 12.0).abs() < 1e-4);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum FdStep {
    /// One absolute step for every coordinate.
    Scalar(f64),
    /// One absolute step per coordinate (length `n`).
    PerCoordinate(Array1<f64>),
}

impl Default for FdStep {
    fn default() -> Self {
        FdStep::Scalar(f64::EPSILON.sqrt())
    }
}

impl FdStep {
    fn resolve(&self, n: usize) -> Result<Vec<f64>> {
        let v = match self {
            FdStep::Scalar(h) => vec![*h; n],
            FdStep::PerCoordinate(a) => {
                validate::check_same_len("xk", n, "epsilon", a.len())?;
                a.to_vec()
            }
        };
        if v.iter().any(|h| !h.is_finite()) {
            return Err(Error::NonFinite { what: "epsilon".into(), index: None });
        }
        Ok(v)
    }
}

/// Forward-difference gradient of a scalar function, SciPy's `approx_fprime(xk, f)` with
/// the default step `epsilon = √eps ≈ 1.49e-8`.
///
/// Computes `g_i = (f(xk + ε e_i) − f(xk)) / ε` with `n + 1` evaluations of `f`.
///
/// # Errors
/// [`Error::Empty`] for an empty `xk`, [`Error::NonFinite`] if `xk` contains NaN or infinity.
///
/// ```
/// use sci_optimize::{approx_fprime, rosen, rosen_der};
/// use sci_core::ndarray::array;
/// let x = array![0.5, 1.5, -0.3];
/// let g = approx_fprime(&x, |v| rosen(&v))?;
/// let exact = rosen_der(&x);
/// assert!((&g - &exact).iter().all(|d| d.abs() < 1e-4 * 400.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn approx_fprime<S, F>(xk: &ArrayBase<S, Ix1>, f: F) -> Result<Array1<f64>>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    approx_fprime_with(xk, f, &FdStep::default())
}

/// [`approx_fprime`] with an explicit absolute step (a scalar or one per coordinate), SciPy's
/// `approx_fprime(xk, f, epsilon)`.
///
/// A step that vanishes in floating point at `xk[i]` (`xk[i] + ε == xk[i]`) is replaced by
/// SciPy's relative fallback `√eps · max(1, |xk[i]|)`.
///
/// # Errors
/// As [`approx_fprime`], plus [`Error::ShapeMismatch`] if a per-coordinate step has the wrong
/// length and [`Error::NonFinite`] for a non-finite step.
///
/// ```
/// use sci_optimize::{approx_fprime_with, FdStep};
/// use sci_core::ndarray::array;
/// let f = |x: sci_core::ndarray::ArrayView1<f64>| x[0] * x[0] + 200.0 * x[1] * x[1];
/// let eps = f64::EPSILON.sqrt();
/// let g = approx_fprime_with(&array![1.0, 1.0], f, &FdStep::PerCoordinate(array![eps, 200f64.sqrt() * eps]))?;
/// assert!((g[0] - 2.0).abs() < 1e-6 && (g[1] - 400.0).abs() < 1e-3);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn approx_fprime_with<S, F>(xk: &ArrayBase<S, Ix1>, f: F, epsilon: &FdStep) -> Result<Array1<f64>>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    validate::check_non_empty("xk", xk)?;
    validate::check_finite("xk", xk)?;
    let x0 = xk.to_owned();
    let eps = epsilon.resolve(x0.len())?;
    let xs = x0.to_vec();
    let steps = fd_steps(&xs, FdScheme::TwoPoint, None, Some(&eps), None, None);
    let f0 = f(x0.view());
    Ok(fd_gradient(&f, &x0, f0, &steps).0)
}

/// Direction of the comparison in [`check_grad_with`], SciPy's `direction`.
///
/// ```
/// use sci_optimize::{CheckGradOptions, GradDirection};
/// assert_eq!(CheckGradOptions::default().direction, GradDirection::All);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum GradDirection {
    /// Compare the full gradient with a forward-difference gradient (SciPy's `'all'`).
    #[default]
    All,
    /// Compare the directional derivative along one random standard-normal direction
    /// (SciPy's `'random'`); cheaper for large `n`.
    Random,
}

/// Options of [`check_grad_with`].
///
/// ```
/// use sci_optimize::{CheckGradOptions, FdStep};
/// let o = CheckGradOptions { epsilon: FdStep::Scalar(1e-7), ..Default::default() };
/// assert_eq!(o.seed, 0);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CheckGradOptions {
    /// The finite-difference step. Default `√eps`.
    pub epsilon: FdStep,
    /// Which comparison to make. Default [`GradDirection::All`].
    pub direction: GradDirection,
    /// Seed of the random direction (ignored for [`GradDirection::All`]).
    pub seed: u64,
}

/// Checks a gradient against a forward difference of the function, SciPy's `check_grad`.
///
/// Returns `‖grad(x0) − approx_fprime(x0, func)‖₂`; a correct gradient gives a value of
/// order `√eps · ‖∇²f‖`, a wrong one a value of order `‖grad‖`.
///
/// # Errors
/// As [`approx_fprime`], plus [`Error::ShapeMismatch`] if `grad` returns a vector of the
/// wrong length.
///
/// ```
/// use sci_optimize::check_grad;
/// use sci_core::ndarray::{array, Array1, ArrayView1};
/// let f = |x: ArrayView1<f64>| x[0] * x[0] - 0.5 * x[1].powi(3);
/// let g = |x: ArrayView1<f64>| array![2.0 * x[0], -1.5 * x[1] * x[1]];
/// let err = check_grad(f, g, &array![1.5, -1.5])?;
/// assert!(err < 1e-6);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn check_grad<S, F, G>(func: F, grad: G, x0: &ArrayBase<S, Ix1>) -> Result<f64>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
    G: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
{
    check_grad_with(func, grad, x0, &CheckGradOptions::default())
}

/// [`check_grad`] with explicit options (step, random direction).
///
/// # Differences from SciPy
/// The random direction comes from sci's seeded generator, so for a given seed it differs
/// from the one NumPy would draw.
///
/// ```
/// use sci_optimize::{check_grad_with, CheckGradOptions, GradDirection, rosen, rosen_der};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_elem(50, 0.3);
/// let opts = CheckGradOptions { direction: GradDirection::Random, seed: 7, ..Default::default() };
/// let err = check_grad_with(|v| rosen(&v), |v| rosen_der(&v), &x, &opts)?;
/// assert!(err < 1e-4);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn check_grad_with<S, F, G>(
    func: F,
    grad: G,
    x0: &ArrayBase<S, Ix1>,
    options: &CheckGradOptions,
) -> Result<f64>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
    G: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
{
    validate::check_non_empty("x0", x0)?;
    validate::check_finite("x0", x0)?;
    let x = x0.to_owned();
    let g = grad(x.view());
    validate::check_same_len("x0", x.len(), "grad(x0)", g.len())?;
    match options.direction {
        GradDirection::All => {
            let approx = approx_fprime_with(&x, &func, &options.epsilon)?;
            Ok((&g - &approx).mapv(|d| d * d).sum().sqrt())
        }
        GradDirection::Random => {
            let mut rng = rand::rngs::StdRng::seed_from_u64(options.seed);
            let v = Array1::from_shape_fn(x.len(), |_| standard_normal(&mut rng));
            let analytic = g.dot(&v);
            let eps = options
                .epsilon
                .resolve(1)
                .or_else(|_| options.epsilon.resolve(x.len()).map(|e| vec![e[0]]))?;
            let line = |w: ArrayView1<'_, f64>| func((&x + &(&v * w[0])).view());
            let approx = approx_fprime_with(&Array1::zeros(1), line, &FdStep::Scalar(eps[0]))?;
            Ok((analytic - approx[0]).abs())
        }
    }
}

/// A standard normal draw (Marsaglia's polar method).
pub(crate) fn standard_normal<R: RngExt>(rng: &mut R) -> f64 {
    loop {
        let u: f64 = 2.0 * rng.random::<f64>() - 1.0;
        let v: f64 = 2.0 * rng.random::<f64>() - 1.0;
        let s = u * u + v * v;
        if s > 0.0 && s < 1.0 {
            return u * (-2.0 * s.ln() / s).sqrt();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_jacobian_equals_the_serial_one() {
        let t = Array1::linspace(0.0, 2.0, 300);
        let f = |p: ArrayView1<'_, f64>| t.mapv(|v| p[0] * (-p[1] * v).exp() + p[2] * v.sin() + p[3]);
        let x0 = Array1::from(vec![1.5, 0.7, -0.3, 0.2]);
        let f0 = f(x0.view());
        // Two-point, central three-point, and one-sided three-point next to an upper bound.
        for (scheme, ub) in
            [(FdScheme::TwoPoint, 10.0), (FdScheme::ThreePoint, 10.0), (FdScheme::ThreePoint, 1.5)]
        {
            let (lb, ub) = (vec![-10.0; 4], vec![ub; 4]);
            let steps = fd_steps(x0.as_slice().unwrap_or(&[]), scheme, None, None, Some(&lb), Some(&ub));
            let (serial, n1) = fd_jacobian(f, &x0, &f0, &steps);
            let (parallel, n2) = fd_jacobian_par(&f, &x0, &f0, &steps);
            assert_eq!(serial, parallel);
            assert_eq!(n1, n2);
        }
    }

    #[test]
    fn two_point_flips_at_upper_bound() {
        let s = fd_steps(&[1.0], FdScheme::TwoPoint, None, None, Some(&[0.0]), Some(&[1.0]));
        assert!(s.h[0] < 0.0);
    }

    #[test]
    fn three_point_goes_one_sided_at_bound() {
        let s = fd_steps(&[0.0], FdScheme::ThreePoint, None, None, Some(&[0.0]), Some(&[1.0]));
        assert!(s.one_sided[0] && s.h[0] > 0.0);
    }
}
