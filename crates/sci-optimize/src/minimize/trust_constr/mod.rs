//! `trust-constr`: SciPy's trust-region method for constrained minimization
//! (`_minimize_trustregion_constr`). Equality constraints only (or none): the Byrd–Omojokun
//! SQP (`sqp.rs`); any inequality or bound: the interior-point method on top of it
//! (`barrier.rs`).

mod barrier;
mod constraints;
mod projections;
mod qp;
mod quasi_newton;
mod scalar;
mod sqp;
mod state;

use sci_core::ndarray::{Array1, ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result, validate};

use super::objective::GradSource;
use super::{Jac, MinimizeOptions, OptimizeResult};
use crate::numdiff::FdScheme;
use barrier::{IpSettings, IpStart, tr_interior_point};
use constraints::{Canonical, NonlinearFn, Prepared, VecKind};
use quasi_newton::QuasiNewton;
use scalar::{ObjHess, ScalarFn};
use sqp::{SqpSettings, Start, equality_constrained_sqp};
use state::{EqualityProblem, Limits, Problem, State};

/// How trust-constr factors the constraint Jacobian for its projections, SciPy's
/// `factorization_method` (the dense choices; SciPy's sparse `'NormalEquation'` and
/// `'AugmentedSystem'` are not offered — they compute the same projections).
///
/// ```
/// use sci_optimize::{minimize_with, FactorizationMethod, Method, MinimizeOptions, NonlinearConstraint};
/// use sci_core::ndarray::{array, ArrayView1};
/// let circle = |x: ArrayView1<f64>| array![x.dot(&x)];
/// let o = MinimizeOptions {
///     method: Some(Method::TrustConstr),
///     nonlinear_constraints: vec![NonlinearConstraint { fun: &circle, lb: array![1.0], ub: array![1.0], jac: None }],
///     factorization_method: Some(FactorizationMethod::SvdFactorization),
///     ..Default::default()
/// };
/// let r = minimize_with(|x| x[0] + x[1], &array![1.0, 0.0], &o)?;
/// assert!(r.success && (r.x[0] + 0.5f64.sqrt()).abs() < 1e-6);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FactorizationMethod {
    /// Column-pivoted QR of `Aᵀ` (`'QRFactorization'`), SciPy's default for dense Jacobians;
    /// the SVD is used instead when the Jacobian is numerically rank deficient.
    #[default]
    QrFactorization,
    /// Thin SVD of `A` dropping singular values `≤ 10⁻¹⁵` (`'SVDFactorization'`); copes with
    /// rank-deficient Jacobians.
    SvdFactorization,
}

/// A quasi-Newton approximation of the objective Hessian for trust-constr, SciPy's
/// `HessianUpdateStrategy` objects `BFGS()` and `SR1()` passed as `hess`.
///
/// ```
/// use sci_optimize::{minimize_with, rosen, HessianUpdate, Method, MinimizeOptions};
/// use sci_core::ndarray::array;
/// let o = MinimizeOptions { method: Some(Method::TrustConstr), hessian_update: Some(HessianUpdate::Sr1), ..Default::default() };
/// let r = minimize_with(|x| rosen(&x), &array![-1.2, 1.0], &o)?;
/// assert!(r.success && (r.x[0] - 1.0).abs() < 1e-5);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HessianUpdate {
    /// Broyden–Fletcher–Goldfarb–Shanno, skipping updates with `sᵀy ≤ 10⁻⁸ sᵀBs`
    /// (SciPy's `BFGS()`, `exception_strategy='skip_update'`).
    #[default]
    Bfgs,
    /// Symmetric rank one (SciPy's `SR1()`), which may become indefinite.
    Sr1,
}

/// Which algorithm trust-constr ran, SciPy's `method` field of the result.
///
/// ```
/// use sci_optimize::{minimize_trust_constr, LinearConstraint, MinimizeOptions, TrustConstrMethod};
/// use sci_core::ndarray::array;
/// // Only an equality (lb = ub): the SQP runs without slack variables.
/// let line = LinearConstraint { a: array![[1.0, 1.0]], lb: array![1.0], ub: array![1.0] };
/// let o = MinimizeOptions { linear_constraints: vec![line], ..Default::default() };
/// let r = minimize_trust_constr(|x| x.dot(&x), &array![3.0, -1.0], &o)?;
/// assert_eq!(r.method, TrustConstrMethod::EqualityConstrainedSqp);
/// assert!((r.result.x[0] - 0.5).abs() < 1e-8 && r.barrier_parameter.is_none());
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrustConstrMethod {
    /// No inequality constraints or bounds: `'equality_constrained_sqp'`.
    EqualityConstrainedSqp,
    /// Inequalities or bounds present: `'tr_interior_point'`.
    TrInteriorPoint,
}

/// The full result of trust-constr: the common [`OptimizeResult`] plus SciPy's extra fields.
///
/// Constraint-related lists hold one entry per constraint in the order
/// `linear_constraints`, `nonlinear_constraints`, `constraints` (the dict form), then the
/// bounds (as SciPy puts bounds last).
///
/// ```
/// use sci_optimize::{minimize_trust_constr, Bounds, MinimizeOptions, TrustConstrMethod};
/// use sci_core::ndarray::array;
/// // min (x − 2)² subject to x ≤ 1: the bound is active with multiplier 2.
/// let o = MinimizeOptions { bounds: Some(Bounds::new(array![f64::NEG_INFINITY], array![1.0])), ..Default::default() };
/// let r = minimize_trust_constr(|x| (x[0] - 2.0).powi(2), &array![0.0], &o)?;
/// assert_eq!(r.method, TrustConstrMethod::TrInteriorPoint);
/// assert!((r.v[0][0] - 2.0).abs() < 1e-2); // positive: the upper bound is active
/// // As in SciPy (x = 0.99959718): the gtol test met at barrier parameter μ = 8e-4 leaves
/// // x a distance ≈ μ/v inside the bound.
/// let mu = r.barrier_parameter.unwrap();
/// assert!(r.result.success && (1.0 - r.result.x[0]) < mu);
/// assert!((r.result.x[0] - 0.99959718).abs() < 1e-8);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct TrustConstrResult {
    /// `x`, `fun`, `jac` (the objective gradient, SciPy's `grad`), `nit`, `nfev`, `njev`,
    /// `nhev`, `status`, `success`, `message`.
    pub result: OptimizeResult,
    /// `‖∇f + Σ Jᵢᵀvᵢ‖∞` at the solution.
    pub optimality: f64,
    /// The largest constraint violation at the solution.
    pub constr_violation: f64,
    /// `∇f + Σ Jᵢᵀvᵢ` at the solution.
    pub lagrangian_grad: Array1<f64>,
    /// Lagrange multipliers per constraint: positive where the upper bound is active,
    /// negative where the lower bound is.
    pub v: Vec<Array1<f64>>,
    /// Constraint values per constraint at the solution.
    pub constr: Vec<Array1<f64>>,
    /// Evaluations of each constraint function (finite differences included; 0 for linear
    /// constraints and bounds).
    pub constr_nfev: Vec<usize>,
    /// Jacobian evaluations of each constraint.
    pub constr_njev: Vec<usize>,
    /// Trust radius at the last iteration.
    pub tr_radius: f64,
    /// Merit-function penalty at the last iteration.
    pub constr_penalty: f64,
    /// Barrier parameter at the last iteration (interior-point method only).
    pub barrier_parameter: Option<f64>,
    /// Barrier subproblem tolerance at the last iteration (interior-point method only).
    pub barrier_tolerance: Option<f64>,
    /// Total projected-CG iterations.
    pub cg_niter: usize,
    /// Why the last projected CG stopped: 0 not run, 1 iteration limit, 2 trust-region
    /// boundary, 3 negative curvature, 4 tolerance.
    pub cg_stop_cond: i32,
    /// The algorithm used.
    pub method: TrustConstrMethod,
}

const MESSAGES: [&str; 5] = [
    "The maximum number of function evaluations is exceeded.",
    "`gtol` termination condition is satisfied.",
    "`xtol` termination condition is satisfied.",
    "`callback` function requested termination.",
    "NaN result encountered.",
];

/// Minimizes with trust-constr and returns SciPy's full trust-constr result (multipliers,
/// optimality, constraint violation, …); [`minimize_with`](crate::minimize_with) with
/// [`Method::TrustConstr`](crate::Method::TrustConstr) returns its [`OptimizeResult`] part.
///
/// Solves `min f(x)` subject to `bounds`, `linear_constraints` (`lb ≤ A x ≤ ub`),
/// `nonlinear_constraints` (`lb ≤ c(x) ≤ ub`) and dict-form `constraints` (`c(x) = 0` or
/// `c(x) ≥ 0`). Without inequalities (equal `lb` and `ub` everywhere, or no constraints) it
/// runs the Byrd–Omojokun trust-region SQP; otherwise the interior-point method with slack
/// variables and a decreasing barrier parameter solves a sequence of such SQP problems.
/// Each iteration costs a QR factorization of the `m×n` constraint Jacobian (`O(m²n)`, with
/// slacks `n + m_ineq` columns) and at most `n − m` Hessian products.
///
/// Options (SciPy's names and defaults): `gtol` (1e-8) and `xtol` (1e-8) — stop when the
/// Lagrangian gradient and constraint violation are below `gtol` (status 1), or the trust
/// radius below `xtol` (status 2; with inequalities also the barrier parameter below
/// `barrier_tol`, 1e-8); `tol` sets all three; `maxiter` (1000; status 0);
/// `initial_tr_radius` (1), `initial_constr_penalty` (1), `initial_barrier_parameter`
/// (0.1), `initial_barrier_tolerance` (0.1), `factorization_method` (QR),
/// `finite_diff_rel_step`. The gradient is `jac` (a closure, or `'2-point'` finite
/// differences with a relative step when `None`, as SciPy's trust-constr); the Hessian is
/// `hess`, `hessp`, or else a quasi-Newton approximation (`hessian_update`, BFGS by default
/// — SciPy requires `hess` but accepts `BFGS()` there). Nonlinear constraints get BFGS
/// approximations of their Hessians and forward-difference Jacobians when `jac` is `None`.
/// The callback gets the last accepted `x` and `f(x)` once per iteration (status 3 when it
/// returns `true`).
///
/// `nit` counts SciPy's iterations: one per stopping test, including the test at the start
/// of every barrier subproblem. `success` is `true` for status 1 and 2. Like SciPy's, the
/// `gtol` test measures stationarity and feasibility but not complementarity, so with
/// inequalities the run can stop at a barrier iterate that is `O(μ)` (the barrier
/// parameter, see [`TrustConstrResult::barrier_parameter`]) from the optimum; lower
/// `initial_barrier_parameter` or `gtol` for a closer answer.
///
/// # Errors
/// - [`Error::Empty`](sci_core::Error::Empty) or [`Error::NonFinite`](sci_core::Error::NonFinite) for a bad `x0`.
/// - [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) for bounds, constraints,
///   gradients, Jacobians or Hessians of the wrong size.
/// - [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) for `lb > ub`, negative
///   tolerances, non-positive or infinite radius/penalty/barrier settings, or `hessian_update` together
///   with `hess`/`hessp`.
///
/// # Differences from SciPy
/// - `x0` is not clipped into the bounds (as in SciPy); `keep_feasible` is not offered.
/// - Non-finite `f`, gradient or constraint values at `x0` stop at once with status 4 and
///   `success: false` (SciPy has no such status). A trial point where the objective,
///   constraints or their derivatives are not finite counts as a failed step and shrinks the
///   trust region (SciPy keeps the radius and retries the same step until `maxiter`); if
///   the region then collapses below `xtol` right after such a step, the status is 4, not 2.
/// - More equality constraints than variables fall back to the SVD projections (SciPy's QR
///   path raises), and the tangential CG may take `n − rank(A)` iterations (SciPy: `n − m`,
///   so it takes no tangential steps at all when dependent constraints make `m ≥ n`).
/// - Constraint Hessians are always BFGS approximations.
/// - Projections use dense factorizations also where SciPy uses its sparse
///   `AugmentedSystem` (bounds only); results agree to rounding.
///
/// ```
/// use sci_optimize::{minimize_trust_constr, MinimizeOptions, NonlinearConstraint};
/// use sci_core::ndarray::{array, ArrayView1};
/// // min x + y on the unit circle: x = y = −1/√2 with multiplier 1/√2.
/// let circle = |x: ArrayView1<f64>| array![x[0] * x[0] + x[1] * x[1]];
/// let o = MinimizeOptions {
///     nonlinear_constraints: vec![NonlinearConstraint { fun: &circle, lb: array![1.0], ub: array![1.0], jac: None }],
///     ..Default::default()
/// };
/// let r = minimize_trust_constr(|x| x[0] + x[1], &array![1.0, 0.5], &o)?;
/// assert!(r.result.success);
/// assert!((r.result.x[0] + 0.5f64.sqrt()).abs() < 1e-6 && r.optimality < 1e-6);
/// assert!((r.v[0][0] - 0.5f64.sqrt()).abs() < 1e-5);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn minimize_trust_constr<S, F>(
    fun: F,
    x0: &ArrayBase<S, Ix1>,
    options: &MinimizeOptions<'_>,
) -> Result<TrustConstrResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    super::validate_start(x0, options)?;
    trust_constr(&fun, x0.to_owned(), options)
}

fn positive(name: &str, v: Option<f64>, default: f64) -> Result<f64> {
    let v = v.unwrap_or(default);
    if v.is_nan() || v <= 0.0 || v.is_infinite() {
        return Err(Error::invalid_argument(name, format!("must be a finite number > 0, got {v}")));
    }
    Ok(v)
}

fn non_negative(name: &str, v: Option<f64>, default: f64) -> Result<f64> {
    let v = v.unwrap_or(default);
    if v.is_nan() || v < 0.0 {
        return Err(Error::invalid_argument(name, format!("must be a number >= 0, got {v}")));
    }
    Ok(v)
}

/// The constraints in SciPy's prepared form; bounds are widened by one ulp as SciPy does.
fn prepare_constraints<'a>(x0: &Array1<f64>, o: &MinimizeOptions<'a>) -> Result<Vec<Prepared<'a>>> {
    let mut out = Vec::new();
    for lc in &o.linear_constraints {
        out.push(Prepared::new(VecKind::Linear(lc.a.clone()), lc.lb.clone(), lc.ub.clone()));
    }
    for nc in &o.nonlinear_constraints {
        let f = NonlinearFn::new(nc.fun, nc.jac, x0, None)?;
        validate::check_same_len("NonlinearConstraint.lb", nc.lb.len(), "fun(x0)", f.len())?;
        out.push(Prepared::new(VecKind::Nonlinear(Box::new(f)), nc.lb.clone(), nc.ub.clone()));
    }
    for c in &o.constraints {
        let f = NonlinearFn::new(c.fun, c.jac, x0, None)?;
        let m = f.len();
        let ub = match c.kind {
            super::ConstraintType::Eq => Array1::zeros(m),
            super::ConstraintType::Ineq => Array1::from_elem(m, f64::INFINITY),
        };
        out.push(Prepared::new(VecKind::Nonlinear(Box::new(f)), Array1::zeros(m), ub));
    }
    if let Some(b) = &o.bounds {
        let lb = b.lb.mapv(|v| if v.is_finite() { v.next_down() } else { v });
        let ub = b.ub.mapv(|v| if v.is_finite() { v.next_up() } else { v });
        out.push(Prepared::new(VecKind::Identity, lb, ub));
    }
    Ok(out)
}

/// Runs trust-constr on validated input.
pub(crate) fn trust_constr<F: Fn(ArrayView1<'_, f64>) -> f64>(
    fun: &F,
    x0: Array1<f64>,
    o: &MinimizeOptions<'_>,
) -> Result<TrustConstrResult> {
    let n = x0.len();
    let gtol = non_negative("gtol", o.gtol.or(o.tol), 1e-8)?;
    let xtol = non_negative("xtol", o.xtol.or(o.tol), 1e-8)?;
    let barrier_tol = non_negative("barrier_tol", o.barrier_tol.or(o.tol), 1e-8)?;
    let initial_radius = positive("initial_tr_radius", o.initial_tr_radius, 1.0)?;
    let initial_penalty = positive("initial_constr_penalty", o.initial_constr_penalty, 1.0)?;
    let initial_mu = positive("initial_barrier_parameter", o.initial_barrier_parameter, 0.1)?;
    let initial_tol = positive("initial_barrier_tolerance", o.initial_barrier_tolerance, 0.1)?;
    let factorization = o.factorization_method.unwrap_or_default();
    let grad = match o.jac {
        Some(Jac::Callable(g)) => GradSource::Callable(g),
        Some(Jac::ThreePoint) => {
            GradSource::Fd { scheme: FdScheme::ThreePoint, rel_step: o.finite_diff_rel_step, abs_step: None }
        }
        Some(Jac::TwoPoint) | None => {
            GradSource::Fd { scheme: FdScheme::TwoPoint, rel_step: o.finite_diff_rel_step, abs_step: None }
        }
    };
    if o.hessian_update.is_some() && (o.hess.is_some() || o.hessp.is_some()) {
        return Err(Error::invalid_argument(
            "hessian_update",
            "give either hess/hessp or a quasi-Newton hessian_update, not both",
        ));
    }
    let hess = match (o.hess, o.hessp) {
        (Some(h), _) => ObjHess::Matrix { fun: h, h: Default::default(), fresh: false },
        (None, Some(hp)) => ObjHess::Product { fun: hp, at: x0.clone(), fresh: false },
        (None, None) => ObjHess::Quasi(QuasiNewton::new(o.hessian_update.unwrap_or_default(), n)),
    };
    let obj = ScalarFn::new(fun, grad, &x0, hess)?;
    let mut canon = Canonical::new(prepare_constraints(&x0, o)?, n);
    let (c_eq0, c_ineq0) = canon.fun(&x0)?;
    let (j_eq0, j_ineq0) = canon.jac(&x0)?;
    let method = if canon.n_ineq == 0 {
        TrustConstrMethod::EqualityConstrainedSqp
    } else {
        TrustConstrMethod::TrInteriorPoint
    };
    let limits = Limits { gtol, xtol, barrier_tol, maxiter: o.maxiter.unwrap_or(1000), callback: o.callback };
    let mut p = Problem { obj, canon, state: State::new(&x0, f64::NAN, &Array1::zeros(n)), limits };
    p.snapshot(&x0)?;
    let (f0, g0) = (p.state.fun, p.state.grad.clone());
    let finite = f0.is_finite()
        && g0.iter().chain(c_eq0.iter()).chain(c_ineq0.iter()).all(|v| v.is_finite())
        && j_eq0.iter().chain(j_ineq0.iter()).all(|v| v.is_finite());
    if !finite {
        p.state.status = 4;
    } else {
        match method {
            TrustConstrMethod::EqualityConstrainedSqp => {
                let lb = Array1::from_elem(n, f64::NEG_INFINITY);
                let ub = Array1::from_elem(n, f64::INFINITY);
                let settings = SqpSettings {
                    initial_penalty,
                    initial_radius,
                    trust_lb: &lb,
                    trust_ub: &ub,
                    factorization,
                };
                let start = Start { z: x0.clone(), f: f0, grad: g0, constr: c_eq0, jac: j_eq0 };
                equality_constrained_sqp(&mut EqualityProblem { p: &mut p }, start, &settings)?;
            }
            TrustConstrMethod::TrInteriorPoint => {
                let settings = IpSettings {
                    initial_barrier_parameter: initial_mu,
                    initial_barrier_tolerance: initial_tol,
                    initial_penalty,
                    initial_radius,
                    factorization,
                };
                let start = IpStart { x0: x0.clone(), f0, g0, c_eq0, c_ineq0, j_eq0, j_ineq0 };
                tr_interior_point(&mut p, start, &settings)?;
            }
        }
    }
    let st = p.state;
    let status = st.status;
    let (constr_nfev, constr_njev) = p
        .canon
        .cons
        .iter()
        .map(|c| match &c.kind {
            VecKind::Nonlinear(f) => (f.nfev, f.njev),
            _ => (0, 0),
        })
        .unzip();
    Ok(TrustConstrResult {
        result: OptimizeResult {
            x: st.x,
            fun: st.fun,
            jac: Some(st.grad),
            hess_inv: None,
            nit: st.nit,
            nfev: p.obj.nfev(),
            njev: p.obj.ngev(),
            nhev: p.obj.nhev,
            status,
            success: status == 1 || status == 2,
            message: MESSAGES[status as usize].into(),
            final_simplex: None,
            maxcv: None,
        },
        optimality: st.optimality,
        constr_violation: st.constr_violation,
        lagrangian_grad: st.lagrangian_grad,
        v: st.v,
        constr: st.constr,
        constr_nfev,
        constr_njev,
        tr_radius: st.tr_radius,
        constr_penalty: st.constr_penalty,
        barrier_parameter: st.barrier_parameter,
        barrier_tolerance: st.barrier_tolerance,
        cg_niter: st.cg_niter,
        cg_stop_cond: st.cg_stop_cond,
        method,
    })
}
