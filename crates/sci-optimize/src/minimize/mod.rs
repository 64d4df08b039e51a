//! Multivariate minimization, SciPy's `minimize`.

mod bfgs;
mod cg;
mod cobyla;
mod lbfgsb;
pub(crate) mod linesearch;
mod neldermead;
mod newton_cg;
pub(crate) mod objective;
mod powell;
mod slsqp;
mod tnc;
mod trust;
mod trust_constr;
mod trust_krylov;

use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result, validate};

use crate::numdiff::FdScheme;
use objective::GradSource;
pub use trust_constr::{
    FactorizationMethod, HessianUpdate, TrustConstrMethod, TrustConstrResult, minimize_trust_constr,
};

/// A minimization method, SciPy's `method=` strings of `minimize`.
///
/// ```
/// use sci_optimize::{minimize_with, rosen, Method, MinimizeOptions};
/// use sci_core::ndarray::array;
/// let r = minimize_with(|x| rosen(&x), &array![1.3, 0.7], &MinimizeOptions { method: Some(Method::Powell), ..Default::default() })?;
/// assert!(r.success && (r.x[0] - 1.0).abs() < 1e-4);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// The downhill simplex method (`'Nelder-Mead'`), gradient-free; supports bounds.
    NelderMead,
    /// Powell's conjugate direction method (`'Powell'`), gradient-free; supports bounds.
    Powell,
    /// Nonlinear conjugate gradients, Polak–Ribière with restarts (`'CG'`).
    Cg,
    /// The BFGS quasi-Newton method (`'BFGS'`), the default without bounds or constraints.
    Bfgs,
    /// Truncated Newton with conjugate-gradient inner solves (`'Newton-CG'`); needs `jac`.
    NewtonCg,
    /// Limited-memory BFGS with bounds (`'L-BFGS-B'`), the default with bounds.
    LBfgsB,
    /// Truncated Newton with bounds (`'TNC'`): preconditioned CG on the Newton system with
    /// Hessian-vector products by differences of gradients, an active set for the bounds.
    /// Status codes are SciPy's: 0 `|pg| ≈ 0`, 1 `|Δf| ≈ 0`, 2 `|Δx| ≈ 0` (all successful),
    /// 3 evaluation limit, 4 line search failed, 6 unable to progress.
    Tnc,
    /// Constrained Optimization BY Linear Approximation (`'COBYLA'`, Powell 1994),
    /// gradient-free: bounds, linear and nonlinear (inequality and equality) constraints.
    /// Status codes are SciPy 1.17's (PRIMA's): 0 final radius reached, 1 `f_target`
    /// reached (both successful unless the result violates the constraints by more than
    /// `catol`), 3 evaluation limit, 7 degenerate simplex, −3 NaN in the models; the result
    /// carries `maxcv`.
    Cobyla,
    /// Sequential least squares programming (`'SLSQP'`): bounds, equality and inequality
    /// constraints; the default with constraints.
    Slsqp,
    /// Trust-region Newton with the Steihaug–Toint CG subproblem (`'trust-ncg'`); needs
    /// `jac` and `hess` or `hessp`.
    TrustNcg,
    /// Dogleg trust-region method (`'dogleg'`); needs `jac` and a positive definite `hess`.
    Dogleg,
    /// Nearly exact trust-region subproblems (Moré–Sorensen) (`'trust-exact'`); needs `jac`
    /// and `hess` (which may be indefinite).
    TrustExact,
    /// Trust-region Newton with the generalized Lanczos (GLTR) subproblem solver
    /// (`'trust-krylov'`); needs `jac` and `hess` or `hessp`.
    TrustKrylov,
    /// Trust-region SQP / interior-point method for bounds, linear and nonlinear
    /// constraints (`'trust-constr'`); see [`minimize_trust_constr`] for its options and
    /// full result. Its `status` codes are SciPy's for this method: 1 (`gtol`) and 2
    /// (`xtol`) are successes, 0 is the iteration limit, 3 the callback, 4 non-finite values.
    TrustConstr,
}

/// How the gradient is obtained, SciPy's `jac=` argument.
///
/// ```
/// use sci_optimize::{minimize_with, rosen, rosen_der, Jac, MinimizeOptions};
/// use sci_core::ndarray::{array, ArrayView1};
/// let g = |x: ArrayView1<f64>| rosen_der(&x);
/// let r = minimize_with(|x| rosen(&x), &array![-1.2, 1.0], &MinimizeOptions { jac: Some(Jac::Callable(&g)), ..Default::default() })?;
/// assert_eq!(r.njev, r.nfev); // BFGS asks for f and ∇f together
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub enum Jac<'a> {
    /// Forward differences with SciPy's *relative* step `√eps·max(1, |x|)` (`jac='2-point'`).
    TwoPoint,
    /// Central differences with relative step `eps^(1/3)·max(1, |x|)` (`jac='3-point'`).
    ThreePoint,
    /// A closure returning the gradient.
    Callable(&'a dyn Fn(ArrayView1<'_, f64>) -> Array1<f64>),
}

impl std::fmt::Debug for Jac<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Jac::TwoPoint => write!(f, "TwoPoint"),
            Jac::ThreePoint => write!(f, "ThreePoint"),
            Jac::Callable(_) => write!(f, "Callable(..)"),
        }
    }
}

/// Box constraints `lb ≤ x ≤ ub`, SciPy's `Bounds`; use `±∞` for a free side.
#[derive(Debug, Clone, PartialEq)]
pub struct Bounds {
    /// Lower bounds.
    pub lb: Array1<f64>,
    /// Upper bounds.
    pub ub: Array1<f64>,
}

impl Bounds {
    /// Bounds from lower and upper vectors.
    ///
    /// ```
    /// use sci_optimize::Bounds;
    /// use sci_core::ndarray::array;
    /// let b = Bounds::new(array![0.0, f64::NEG_INFINITY], array![1.0, 2.0]);
    /// assert_eq!(b.lb.len(), 2);
    /// ```
    pub fn new(lb: Array1<f64>, ub: Array1<f64>) -> Bounds {
        Bounds { lb, ub }
    }

    /// Bounds from `(min, max)` pairs, SciPy's sequence-of-pairs form; `None` is unbounded.
    ///
    /// ```
    /// use sci_optimize::Bounds;
    /// let b = Bounds::from_pairs(&[(Some(0.0), None), (None, Some(3.0))]);
    /// assert_eq!(b.ub[0], f64::INFINITY);
    /// assert_eq!(b.lb[1], f64::NEG_INFINITY);
    /// ```
    pub fn from_pairs(pairs: &[(Option<f64>, Option<f64>)]) -> Bounds {
        Bounds {
            lb: pairs.iter().map(|p| p.0.unwrap_or(f64::NEG_INFINITY)).collect(),
            ub: pairs.iter().map(|p| p.1.unwrap_or(f64::INFINITY)).collect(),
        }
    }

    /// Checks lengths and order against `n` variables.
    pub(crate) fn validate(&self, n: usize) -> Result<()> {
        validate::check_same_len("x0", n, "bounds.lb", self.lb.len())?;
        validate::check_same_len("x0", n, "bounds.ub", self.ub.len())?;
        for i in 0..n {
            if self.lb[i].is_nan() || self.ub[i].is_nan() {
                return Err(Error::NonFinite { what: "bounds".into(), index: Some(vec![i]) });
            }
            if self.lb[i] > self.ub[i] {
                return Err(Error::invalid_argument(
                    "bounds",
                    format!(
                        "an upper bound is less than the corresponding lower bound (index {i}: lb = {}, ub = {})",
                        self.lb[i], self.ub[i]
                    ),
                ));
            }
        }
        Ok(())
    }

    pub(crate) fn clip(&self, x: &mut Array1<f64>) {
        for i in 0..x.len() {
            x[i] = x[i].max(self.lb[i]).min(self.ub[i]);
        }
    }
}

/// The type of a [`Constraint`].
///
/// ```
/// use sci_optimize::{Constraint, ConstraintType};
/// use sci_core::ndarray::{array, ArrayView1};
/// let c = |x: ArrayView1<f64>| array![x[0]];
/// assert_eq!(Constraint::eq(&c).kind, ConstraintType::Eq);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstraintType {
    /// `fun(x) = 0` (`'eq'`).
    Eq,
    /// `fun(x) ≥ 0` (`'ineq'`).
    Ineq,
}

/// A nonlinear constraint for SLSQP, SciPy's `{'type': ..., 'fun': ..., 'jac': ...}` dict.
///
/// ```
/// use sci_optimize::{minimize_with, Constraint, MinimizeOptions};
/// use sci_core::ndarray::{array, ArrayView1};
/// // Minimize x² + y² on the line x + y = 1 (SLSQP is chosen because of the constraint).
/// let line = |x: ArrayView1<f64>| array![x[0] + x[1] - 1.0];
/// let opts = MinimizeOptions { constraints: vec![Constraint::eq(&line)], ..Default::default() };
/// let r = minimize_with(|x| x.dot(&x), &array![2.0, 0.0], &opts)?;
/// assert!((r.x[0] - 0.5).abs() < 1e-6 && (r.x[1] - 0.5).abs() < 1e-6);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct Constraint<'a> {
    /// Equality or inequality.
    pub kind: ConstraintType,
    /// The constraint function, returning one value per constraint.
    pub fun: VecFn<'a>,
    /// Its Jacobian (`m×n`); forward differences when `None`.
    pub jac: Option<MatFn<'a>>,
}

impl std::fmt::Debug for Constraint<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Constraint").field("kind", &self.kind).field("jac", &self.jac.is_some()).finish()
    }
}

impl<'a> Constraint<'a> {
    /// An equality constraint `fun(x) = 0` with a finite-difference Jacobian.
    ///
    /// ```
    /// use sci_optimize::Constraint;
    /// use sci_core::ndarray::{array, ArrayView1};
    /// let c = |x: ArrayView1<f64>| array![x[0] + x[1] - 1.0];
    /// let con = Constraint::eq(&c);
    /// assert!(con.jac.is_none());
    /// ```
    pub fn eq(fun: VecFn<'a>) -> Self {
        Constraint { kind: ConstraintType::Eq, fun, jac: None }
    }

    /// An inequality constraint `fun(x) ≥ 0` with a finite-difference Jacobian.
    ///
    /// ```
    /// use sci_optimize::{Constraint, ConstraintType};
    /// use sci_core::ndarray::{array, ArrayView1};
    /// let c = |x: ArrayView1<f64>| array![1.0 - x[0]];
    /// assert_eq!(Constraint::ineq(&c).kind, ConstraintType::Ineq);
    /// ```
    pub fn ineq(fun: VecFn<'a>) -> Self {
        Constraint { kind: ConstraintType::Ineq, fun, jac: None }
    }

    /// The same constraint with an analytic Jacobian.
    ///
    /// ```
    /// use sci_optimize::Constraint;
    /// use sci_core::ndarray::{array, Array2, ArrayView1};
    /// let c = |x: ArrayView1<f64>| array![x[0] * x[1] - 1.0];
    /// let j = |x: ArrayView1<f64>| array![[x[1], x[0]]];
    /// let con = Constraint::eq(&c).with_jac(&j);
    /// assert!(con.jac.is_some());
    /// ```
    pub fn with_jac(self, jac: MatFn<'a>) -> Self {
        Constraint { jac: Some(jac), ..self }
    }
}

/// Linear constraints `lb ≤ A x ≤ ub`, SciPy's `LinearConstraint` (rows with `lb = ub` are
/// equalities; `±∞` leaves a side free). Used by SLSQP.
///
/// ```
/// use sci_optimize::{minimize_with, LinearConstraint, MinimizeOptions};
/// use sci_core::ndarray::array;
/// // min (x−2)² + (y−2)² subject to x + y ≤ 2.
/// let lc = LinearConstraint { a: array![[1.0, 1.0]], lb: array![f64::NEG_INFINITY], ub: array![2.0] };
/// let o = MinimizeOptions { linear_constraints: vec![lc], ..Default::default() };
/// let r = minimize_with(|x| (x[0] - 2.0).powi(2) + (x[1] - 2.0).powi(2), &array![0.0, 0.0], &o)?;
/// assert!((r.x[0] - 1.0).abs() < 1e-6 && (r.x[1] - 1.0).abs() < 1e-6);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LinearConstraint {
    /// The `m×n` constraint matrix.
    pub a: Array2<f64>,
    /// Lower bounds (length `m`).
    pub lb: Array1<f64>,
    /// Upper bounds (length `m`).
    pub ub: Array1<f64>,
}

/// Nonlinear constraints `lb ≤ fun(x) ≤ ub`, SciPy's `NonlinearConstraint` (used by SLSQP).
///
/// ```
/// use sci_optimize::{minimize_with, MinimizeOptions, NonlinearConstraint};
/// use sci_core::ndarray::{array, ArrayView1};
/// // Stay inside the unit disc: 0 ≤ x² + y² ≤ 1.
/// let disc = |x: ArrayView1<f64>| array![x.dot(&x)];
/// let nc = NonlinearConstraint { fun: &disc, lb: array![0.0], ub: array![1.0], jac: None };
/// let o = MinimizeOptions { nonlinear_constraints: vec![nc], ..Default::default() };
/// let r = minimize_with(|x| -(x[0] + x[1]), &array![0.1, 0.1], &o)?;
/// assert!((r.x[0] - 0.5f64.sqrt()).abs() < 1e-5);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Clone)]
pub struct NonlinearConstraint<'a> {
    /// The constraint function.
    pub fun: VecFn<'a>,
    /// Lower bounds.
    pub lb: Array1<f64>,
    /// Upper bounds.
    pub ub: Array1<f64>,
    /// Its Jacobian; forward differences when `None`.
    pub jac: Option<MatFn<'a>>,
}

impl std::fmt::Debug for NonlinearConstraint<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NonlinearConstraint")
            .field("lb", &self.lb)
            .field("ub", &self.ub)
            .field("jac", &self.jac.is_some())
            .finish()
    }
}

/// A borrowed closure returning a vector (gradients, constraint values, residuals).
///
/// ```
/// use sci_optimize::VecFn;
/// use sci_core::ndarray::{array, ArrayView1};
/// let g = |x: ArrayView1<f64>| array![2.0 * x[0]];
/// let f: VecFn<'_> = &g;
/// assert_eq!(f(array![3.0].view())[0], 6.0);
/// ```
pub type VecFn<'a> = &'a dyn Fn(ArrayView1<'_, f64>) -> Array1<f64>;
/// A borrowed closure returning a matrix (Hessians, Jacobians).
///
/// ```
/// use sci_optimize::MatFn;
/// use sci_core::ndarray::{array, ArrayView1};
/// let h = |_x: ArrayView1<f64>| array![[2.0]];
/// let f: MatFn<'_> = &h;
/// assert_eq!(f(array![3.0].view())[[0, 0]], 2.0);
/// ```
pub type MatFn<'a> = &'a dyn Fn(ArrayView1<'_, f64>) -> Array2<f64>;
/// A borrowed Hessian-vector product `hessp(x, p)`.
///
/// ```
/// use sci_optimize::{rosen_hess_prod, HesspFn};
/// use sci_core::ndarray::{array, ArrayView1};
/// let hp = |x: ArrayView1<f64>, p: ArrayView1<f64>| rosen_hess_prod(&x, &p);
/// let f: HesspFn<'_> = &hp;
/// assert_eq!(f(array![1.0, 1.0].view(), array![1.0, 0.0].view()), array![802.0, -400.0]);
/// ```
pub type HesspFn<'a> = &'a dyn Fn(ArrayView1<'_, f64>, ArrayView1<'_, f64>) -> Array1<f64>;

/// A per-iteration callback: receives the current `x` and `f(x)`; returning `true` stops the
/// run (SciPy's `raise StopIteration`), reported as `status = 99`, `success = false`.
///
/// ```
/// use sci_optimize::{minimize_with, rosen, MinimizeOptions};
/// use sci_core::ndarray::{array, ArrayView1};
/// // Stop as soon as f < 1e-3.
/// let cb = |_x: ArrayView1<f64>, f: f64| f < 1e-3;
/// let r = minimize_with(|x| rosen(&x), &array![-1.2, 1.0], &MinimizeOptions { callback: Some(&cb), ..Default::default() })?;
/// assert_eq!(r.status, 99);
/// assert!(!r.success && r.fun < 1e-3);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub type Callback<'a> = &'a dyn Fn(ArrayView1<'_, f64>, f64) -> bool;

/// Options of [`minimize_with`]: SciPy's keyword arguments and the `options` dict, flattened.
///
/// Method-specific fields are ignored by the methods that do not use them. `None` means
/// SciPy's default for the chosen method (listed per field).
///
/// ```
/// use sci_optimize::{Method, MinimizeOptions};
/// let o = MinimizeOptions { method: Some(Method::NelderMead), xatol: Some(1e-8), fatol: Some(1e-8), ..Default::default() };
/// assert!(o.bounds.is_none() && o.constraints.is_empty());
/// ```
#[derive(Clone, Default)]
pub struct MinimizeOptions<'a> {
    /// The method; `None` picks SLSQP with constraints, L-BFGS-B with bounds, else BFGS.
    pub method: Option<Method>,
    /// The gradient. `None` is SciPy's `jac=None`: forward differences with the *absolute*
    /// step `eps` (below).
    pub jac: Option<Jac<'a>>,
    /// Hessian (Newton-CG, the trust-region methods, trust-constr).
    pub hess: Option<MatFn<'a>>,
    /// Hessian-vector product `hessp(x, p)` (Newton-CG, trust-ncg, trust-krylov, trust-constr).
    pub hessp: Option<HesspFn<'a>>,
    /// Box constraints (Nelder-Mead, Powell, L-BFGS-B, TNC, SLSQP, COBYLA, trust-constr).
    pub bounds: Option<Bounds>,
    /// Nonlinear constraints (SLSQP, COBYLA, trust-constr).
    pub constraints: Vec<Constraint<'a>>,
    /// Linear constraints `lb ≤ A x ≤ ub` (SLSQP, COBYLA, trust-constr).
    pub linear_constraints: Vec<LinearConstraint>,
    /// Two-sided nonlinear constraints `lb ≤ fun(x) ≤ ub` (SLSQP, COBYLA, trust-constr).
    pub nonlinear_constraints: Vec<NonlinearConstraint<'a>>,
    /// SciPy's `tol`: sets the method's main tolerance(s) where they are not given
    /// (`xatol`/`fatol` for Nelder-Mead, `gtol` for BFGS/CG, `xtol` for Newton-CG, `ftol`+`gtol`
    /// for L-BFGS-B, `ftol` for SLSQP, `xtol`+`ftol` for Powell, `gtol` for the trust-region
    /// methods, `gtol`+`xtol`+`barrier_tol` for trust-constr, `gtol`+`ftol`+`xtol` for TNC,
    /// and for COBYLA its final trust-region radius `rhoend`, 1e-4).
    pub tol: Option<f64>,
    /// Called after each iteration; return `true` to stop.
    pub callback: Option<Callback<'a>>,
    /// Iteration limit. Defaults: `200·n` (BFGS, CG, Newton-CG, Nelder-Mead, 1000·n for Powell),
    /// 15000 (L-BFGS-B), 100 (SLSQP), `200·n` (trust-ncg, dogleg, trust-exact, trust-krylov),
    /// 1000 (trust-constr). For COBYLA it limits evaluations, as SciPy's `maxiter` does
    /// (1000); TNC ignores it (use `maxfun`).
    pub maxiter: Option<usize>,
    /// Evaluation limit (`maxfev` of Nelder-Mead/Powell, `maxfun` of L-BFGS-B: 15000; TNC:
    /// `max(100, 10·n)` evaluations of `f` and `∇f`; COBYLA when `maxiter` is `None`).
    pub maxfun: Option<usize>,
    /// Gradient tolerance: `‖g‖_norm ≤ gtol` (BFGS, CG: 1e-5); projected gradient
    /// `‖proj g‖_∞ ≤ gtol` (L-BFGS-B: 1e-5); `‖g‖₂ < gtol` (trust-region methods: 1e-4);
    /// Lagrangian gradient and constraint violation `< gtol` (trust-constr: 1e-8); projected
    /// gradient times `scale`, `‖·‖₂ ≤ gtol` (TNC: `1e-2·√accuracy` ≈ 1.2e-6).
    pub gtol: Option<f64>,
    /// Relative reduction of `f` (L-BFGS-B: `2.22e-9`, SLSQP: `1e-6`, Powell: `1e-4`);
    /// absolute change of `f` between iterations (TNC: `accuracy` ≈ 1.5e-8).
    pub ftol: Option<f64>,
    /// Step tolerance (Newton-CG: 1e-5, Powell: 1e-4; trust-constr: trust radius, 1e-8; TNC:
    /// step in scaled variables, `√eps`).
    pub xtol: Option<f64>,
    /// Nelder-Mead: absolute tolerance on the simplex size (1e-4).
    pub xatol: Option<f64>,
    /// Nelder-Mead: absolute tolerance on the function values in the simplex (1e-4).
    pub fatol: Option<f64>,
    /// BFGS: relative step tolerance (0).
    pub xrtol: Option<f64>,
    /// L-BFGS-B: number of stored correction pairs (10).
    pub maxcor: Option<usize>,
    /// L-BFGS-B: maximum line-search steps per iteration (20).
    pub maxls: Option<usize>,
    /// Absolute finite-difference step used when `jac` is `None` (`√eps` for BFGS/CG/SLSQP,
    /// `1e-8` for L-BFGS-B and TNC).
    pub eps: Option<f64>,
    /// Relative finite-difference step for `Jac::TwoPoint`/`ThreePoint`.
    pub finite_diff_rel_step: Option<f64>,
    /// Order of the gradient norm in the BFGS/CG test (`f64::INFINITY`).
    pub norm: Option<f64>,
    /// Armijo constant of the line search (1e-4).
    pub c1: Option<f64>,
    /// Curvature constant of the line search (0.9 for BFGS, 0.4 for CG).
    pub c2: Option<f64>,
    /// Nelder-Mead: dimension-dependent coefficients (Gao & Han 2012).
    pub adaptive: bool,
    /// Nelder-Mead: the `(n+1)×n` initial simplex.
    pub initial_simplex: Option<Array2<f64>>,
    /// Powell: the initial set of directions (rows), default the identity.
    pub direc: Option<Array2<f64>>,
    /// COBYLA: initial trust-region radius, the size of the first changes to the variables
    /// (1.0). Its final radius is `tol` (1e-4).
    pub rhobeg: Option<f64>,
    /// COBYLA: absolute tolerance on the constraint violation of the result (`√eps` ≈ 1.5e-8);
    /// a result violating the constraints by more is unsuccessful.
    pub catol: Option<f64>,
    /// COBYLA: stop as soon as a feasible point with `f ≤ f_target` is found (−∞).
    pub f_target: Option<f64>,
    /// TNC: scaling factors of the variables (`ub − lb` for boxed variables, else `1 + |x₀|`);
    /// a zero fixes the variable.
    pub scale: Option<Array1<f64>>,
    /// TNC: values subtracted from the variables before scaling (`(lb + ub)/2` for boxed
    /// variables, else `x₀`).
    pub offset: Option<Array1<f64>>,
    /// TNC: CG iterations (Hessian-vector products) per iteration, SciPy's `maxCGit`
    /// (`max(1, min(50, n/2))`); 0 takes steepest-descent steps.
    pub maxcgit: Option<usize>,
    /// TNC: largest step of a line search, in scaled variables (10; grows when reached).
    pub stepmx: Option<f64>,
    /// TNC: relative precision of the finite-difference Hessian-vector products (`√eps`).
    pub accuracy: Option<f64>,
    /// TNC: an estimate of the minimum value of `f`, used for the first trial step (0).
    pub minfev: Option<f64>,
    /// TNC: rescale `f` when `|log₁₀ ‖scaled gradient‖|` exceeds this (1.3).
    pub rescale: Option<f64>,
    /// Trust-region methods: initial trust radius (1.0).
    pub initial_trust_radius: Option<f64>,
    /// Trust-region methods: largest trust radius (1000.0).
    pub max_trust_radius: Option<f64>,
    /// Trust-region methods: step acceptance threshold on the reduction ratio, in `[0, 0.25)` (0.15).
    /// TNC: severity of the line search, the curvature constant `|∇f(x+αp)·p| ≤ eta·|∇f(x)·p|`
    /// (0.25; values outside `[0, 1)` mean the default).
    pub eta: Option<f64>,
    /// trust-constr: barrier parameter below which the `xtol` test may stop (1e-8).
    pub barrier_tol: Option<f64>,
    /// trust-constr: initial trust radius (1.0).
    pub initial_tr_radius: Option<f64>,
    /// trust-constr: initial penalty of the merit function `f + ν‖c‖` (1.0).
    pub initial_constr_penalty: Option<f64>,
    /// trust-constr: initial barrier parameter (0.1).
    pub initial_barrier_parameter: Option<f64>,
    /// trust-constr: initial tolerance of the barrier subproblems (0.1).
    pub initial_barrier_tolerance: Option<f64>,
    /// trust-constr: factorization of the constraint Jacobian (QR).
    pub factorization_method: Option<FactorizationMethod>,
    /// trust-constr: quasi-Newton approximation of the objective Hessian when neither `hess`
    /// nor `hessp` is given (BFGS).
    pub hessian_update: Option<HessianUpdate>,
}

impl std::fmt::Debug for MinimizeOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MinimizeOptions")
            .field("method", &self.method)
            .field("jac", &self.jac)
            .field("bounds", &self.bounds)
            .field("constraints", &self.constraints)
            .field("tol", &self.tol)
            .field("maxiter", &self.maxiter)
            .finish_non_exhaustive()
    }
}

/// The result of [`minimize`], SciPy's `OptimizeResult`.
///
/// ```
/// use sci_optimize::minimize;
/// use sci_core::ndarray::array;
/// let r = minimize(|x| (x[0] - 3.0).powi(2), &array![0.0])?;
/// println!("{}: x = {}, f = {}, {} iterations, {} evaluations", r.message, r.x, r.fun, r.nit, r.nfev);
/// assert!(r.success && r.hess_inv.is_some());
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct OptimizeResult {
    /// The solution.
    pub x: Array1<f64>,
    /// `f(x)`.
    pub fun: f64,
    /// The gradient at `x`, where the method has it.
    pub jac: Option<Array1<f64>>,
    /// The inverse-Hessian approximation (BFGS).
    pub hess_inv: Option<Array2<f64>>,
    /// Iterations.
    pub nit: usize,
    /// Evaluations of the objective (including those spent on finite differences).
    pub nfev: usize,
    /// Evaluations of the gradient.
    pub njev: usize,
    /// Evaluations of the Hessian (or Hessian-vector products).
    pub nhev: usize,
    /// SciPy's method-specific status code (0 is success; 99 means the callback stopped it).
    pub status: i32,
    /// Whether the method's convergence test was met.
    pub success: bool,
    /// A description of the outcome, in SciPy's words.
    pub message: String,
    /// Nelder-Mead: the final simplex (`(n+1)×n`) and its function values.
    pub final_simplex: Option<(Array2<f64>, Array1<f64>)>,
    /// COBYLA: the largest constraint violation at `x` (bounds included), SciPy's `maxcv`;
    /// `None` for the other methods.
    pub maxcv: Option<f64>,
}

pub(crate) const MSG_SUCCESS: &str = "Optimization terminated successfully.";
pub(crate) const MSG_MAXFEV: &str = "Maximum number of function evaluations has been exceeded.";
pub(crate) const MSG_MAXITER: &str = "Maximum number of iterations has been exceeded.";
pub(crate) const MSG_PR_LOSS: &str = "Desired error not necessarily achieved due to precision loss.";
pub(crate) const MSG_NAN: &str = "NaN result encountered.";
pub(crate) const MSG_CALLBACK: &str = "`callback` raised `StopIteration`.";

pub(crate) fn vecnorm(v: &Array1<f64>, ord: f64) -> f64 {
    if ord == f64::INFINITY {
        v.iter().fold(0.0, |m, x| if x.abs() > m || x.is_nan() { x.abs() } else { m })
    } else if ord == f64::NEG_INFINITY {
        v.iter().fold(f64::INFINITY, |m, x| m.min(x.abs()))
    } else {
        v.iter().map(|x| x.abs().powf(ord)).sum::<f64>().powf(1.0 / ord)
    }
}

/// Minimizes a scalar function of several variables with BFGS and forward-difference
/// gradients, SciPy's `minimize(fun, x0)`.
///
/// # Errors
/// As [`minimize_with`].
///
/// ```
/// use sci_optimize::minimize;
/// use sci_core::ndarray::{array, ArrayView1};
/// // The seed's loss: sum((params - [1, 2])^2).
/// let loss = |p: ArrayView1<f64>| (p[0] - 1.0).powi(2) + (p[1] - 2.0).powi(2);
/// let res = minimize(loss, &array![0.0, 0.0])?;
/// assert!(res.success);
/// assert!((res.x[0] - 1.0).abs() < 1e-6 && (res.x[1] - 2.0).abs() < 1e-6);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn minimize<S, F>(fun: F, x0: &ArrayBase<S, Ix1>) -> Result<OptimizeResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    minimize_with(fun, x0, &MinimizeOptions::default())
}

/// Minimizes a scalar function of several variables, SciPy's `minimize` with a method,
/// derivatives, bounds, constraints and options.
///
/// | method | uses | bounds | constraints | cost per iteration |
/// |---|---|---|---|---|
/// | Nelder-Mead | `f` | yes (clipping) | no | 1–`n+2` evaluations |
/// | Powell | `f` | yes | no | `n` Brent line searches |
/// | CG | `f`, `∇f` | no | no | a Wolfe line search, `O(n)` |
/// | BFGS | `f`, `∇f` | no | no | a Wolfe line search, `O(n²)` |
/// | Newton-CG | `f`, `∇f`, `∇²f` or `∇²f·p` | no | no | CG on the Newton system |
/// | L-BFGS-B | `f`, `∇f` | yes | no | `O(m n)` with `m = maxcor` |
/// | SLSQP | `f`, `∇f`, constraint Jacobians | yes | eq/ineq | a dense QP, `O(n³)` |
/// | trust-ncg | `f`, `∇f`, `∇²f` or `∇²f·p` | no | no | Steihaug CG, `O(n)` per product |
/// | dogleg | `f`, `∇f`, `∇²f` (positive definite) | no | no | a Cholesky solve, `O(n³)` |
/// | trust-exact | `f`, `∇f`, `∇²f` | no | no | a few Cholesky factorizations, `O(n³)` |
/// | trust-krylov | `f`, `∇f`, `∇²f` or `∇²f·p` | no | no | Lanczos, `O(n)` per product |
/// | trust-constr | `f`, `∇f`, `∇²f` or BFGS, constraint Jacobians | yes | linear, nonlinear | a QR of the Jacobian, `O(m²n)` |
/// | TNC | `f`, `∇f` | yes | no | up to `maxCGit` gradient differences, `O(n)` each |
/// | COBYLA | `f`, constraint values | yes | eq/ineq, linear, nonlinear | one evaluation, an `O(n³)` model and an LP in a ball |
///
/// Without `jac`, gradients are forward differences (SciPy's `jac=None`); each then costs
/// `n` extra evaluations, counted in `nfev`.
///
/// Hitting `maxiter`/`maxfun`, a failed line search (precision loss), NaN values, or a
/// callback asking to stop give `success: false` with SciPy's `status` and `message`.
///
/// # Errors
/// - [`Error::Empty`] for an empty `x0`, [`Error::NonFinite`] for NaN/∞ in `x0`.
/// - [`Error::ShapeMismatch`] when bounds, `initial_simplex`, `direc` or a gradient do not
///   match `x0`.
/// - [`Error::InvalidArgument`] for `lb > ub`, bounds or constraints given to a method that
///   cannot handle them, Newton-CG without `jac`, or a non-positive tolerance; for COBYLA
///   also `rhobeg ≤ 0` or `tol` outside `(0, rhobeg]` (SciPy warns and replaces them).
/// - [`Error::ShapeMismatch`] also when a COBYLA constraint changes its number of values or a
///   `NonlinearConstraint`'s values do not match its bounds, or TNC's `scale`/`offset` do not
///   match `x0`.
///
/// # Differences from SciPy
/// - Bounds or constraints passed to a method that ignores them are an error (SciPy warns and
///   ignores them).
/// - `x0` outside the bounds is clipped into them (as SciPy does, without the warning).
/// - `jac=True` (an objective returning `(f, g)`) is not offered: pass the gradient closure.
/// - L-BFGS-B does not return `hess_inv` (SciPy returns a `LinearOperator`).
/// - Method COBYQA is not offered.
/// - trust-constr does not clip `x0` into the bounds (as SciPy); its extra result fields
///   are in [`minimize_trust_constr`].
/// - The trust-region methods stop with status 4 ("NaN result encountered.") when `f` or
///   the gradient at `x0` is not finite, and shrink the region when `f` is NaN at a trial
///   point (SciPy reports success, or retries the same step until `maxiter`).
/// - Fixed variables (`lb == ub`) are kept in the problem rather than removed (COBYLA removes
///   them, as SciPy's does; TNC keeps them frozen, as SciPy removes them). With all variables
///   fixed, TNC and COBYLA return `f` there (SciPy's COBYLA raises).
/// - COBYLA and TNC report a callback stop as status 99 (SciPy: 30 for COBYLA; its TNC cannot
///   be stopped). Their iterates differ from SciPy's (see the modules), the optimum agrees.
/// - COBYLA: an objective that is NaN/+∞ at every evaluated point gives `fun = NaN`, status
///   −2, `success: false` (SciPy reports `1e30` and success); NaN/huge values elsewhere are
///   moderated as SciPy does (NaN `f` is read as `1e30`, a NaN constraint as violated by
///   `1e30`). `x0` is clipped into the bounds also with nonlinear constraints (SciPy clips it
///   only without them).
/// - TNC: `nfev` counts evaluations of `f` only; the Hessian-vector products evaluate only
///   `∇f` (counted in `njev`), where SciPy evaluates both. A NaN `f` or gradient at `x0` stops
///   with status 4; a non-finite value at a trial point shortens the step (SciPy's line search
///   fails there, status 4).
///
/// ```
/// use sci_optimize::{minimize_with, rosen, rosen_der, Bounds, Jac, Method, MinimizeOptions};
/// use sci_core::ndarray::array;
/// let grad = |x: sci_core::ndarray::ArrayView1<f64>| rosen_der(&x);
/// let opts = MinimizeOptions {
///     method: Some(Method::LBfgsB),
///     jac: Some(Jac::Callable(&grad)),
///     bounds: Some(Bounds::new(array![-2.0, 1.5], array![2.0, 3.0])),
///     ..Default::default()
/// };
/// let res = minimize_with(|x| rosen(&x), &array![-1.2, 2.0], &opts)?;
/// assert!(res.success);
/// assert!((res.x[1] - 1.5).abs() < 1e-10); // the bound is active
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// Derivative-free with constraints (COBYLA) and truncated Newton with bounds (TNC):
///
/// ```
/// use sci_optimize::{minimize_with, rosen, rosen_der, Bounds, Constraint, Jac, Method, MinimizeOptions};
/// use sci_core::ndarray::{array, ArrayView1};
/// // min x·y on the upper half of the unit disc (fmin_cobyla's example).
/// let disc = |x: ArrayView1<f64>| array![1.0 - x.dot(&x)];
/// let upper = |x: ArrayView1<f64>| array![x[1]];
/// let opts = MinimizeOptions {
///     method: Some(Method::Cobyla),
///     constraints: vec![Constraint::ineq(&disc), Constraint::ineq(&upper)],
///     tol: Some(1e-8),
///     ..Default::default()
/// };
/// let res = minimize_with(|x| x[0] * x[1], &array![0.0, 0.1], &opts)?;
/// let h = 0.5f64.sqrt();
/// assert!(res.success && (res.x[0] + h).abs() < 1e-6 && (res.x[1] - h).abs() < 1e-6);
/// assert!(res.maxcv.unwrap() <= 1.5e-8);
///
/// let grad = |x: ArrayView1<f64>| rosen_der(&x);
/// let opts = MinimizeOptions {
///     method: Some(Method::Tnc),
///     jac: Some(Jac::Callable(&grad)),
///     bounds: Some(Bounds::new(array![-2.0, 1.5], array![2.0, 3.0])),
///     ..Default::default()
/// };
/// let res = minimize_with(|x| rosen(&x), &array![-1.2, 2.0], &opts)?;
/// assert!(res.success && (res.x[1] - 1.5).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn minimize_with<S, F>(
    fun: F,
    x0: &ArrayBase<S, Ix1>,
    options: &MinimizeOptions<'_>,
) -> Result<OptimizeResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    validate_start(x0, options)?;
    let mut x = x0.to_owned();
    let any_constraints = !options.constraints.is_empty()
        || !options.linear_constraints.is_empty()
        || !options.nonlinear_constraints.is_empty();
    let method = options.method.unwrap_or(if any_constraints {
        Method::Slsqp
    } else if options.bounds.is_some() {
        Method::LBfgsB
    } else {
        Method::Bfgs
    });
    if let Some(b) = &options.bounds {
        match method {
            Method::NelderMead
            | Method::Powell
            | Method::LBfgsB
            | Method::Slsqp
            | Method::TrustConstr
            | Method::Tnc
            | Method::Cobyla => {}
            _ => {
                return Err(Error::invalid_argument(
                    "bounds",
                    format!("method {method:?} cannot handle bounds"),
                ));
            }
        }
        if method != Method::TrustConstr {
            b.clip(&mut x);
        }
    }
    if any_constraints && !matches!(method, Method::Slsqp | Method::TrustConstr | Method::Cobyla) {
        return Err(Error::invalid_argument(
            "constraints",
            format!("method {method:?} cannot handle constraints"),
        ));
    }
    for (name, v) in [
        ("tol", options.tol),
        ("gtol", options.gtol),
        ("ftol", options.ftol),
        ("xtol", options.xtol),
        ("xatol", options.xatol),
        ("fatol", options.fatol),
        ("xrtol", options.xrtol),
        ("eps", options.eps),
        ("catol", options.catol),
    ] {
        if let Some(v) = v
            && (v.is_nan() || v < 0.0)
        {
            return Err(Error::invalid_argument(name, format!("must be a number >= 0, got {v}")));
        }
    }
    let res = match method {
        Method::Bfgs => bfgs::bfgs(&fun, x, options),
        Method::Cg => cg::cg(&fun, x, options),
        Method::NelderMead => neldermead::nelder_mead(&fun, x, options),
        Method::Powell => powell::powell(&fun, x, options),
        Method::NewtonCg => newton_cg::newton_cg(&fun, x, options),
        Method::LBfgsB => lbfgsb::lbfgsb(&fun, x, options),
        Method::Slsqp => slsqp::slsqp(&fun, x, options),
        Method::Tnc => tnc::tnc(&fun, x, options),
        Method::Cobyla => cobyla::cobyla(&fun, x, options),
        Method::TrustNcg => trust::trust_region(&fun, x, options, trust::Sub::Ncg),
        Method::Dogleg => trust::trust_region(&fun, x, options, trust::Sub::Dogleg),
        Method::TrustExact => trust::trust_region(&fun, x, options, trust::Sub::Exact),
        Method::TrustKrylov => trust::trust_region(&fun, x, options, trust::Sub::Krylov),
        Method::TrustConstr => trust_constr::trust_constr(&fun, x, options).map(|r| r.result),
    }?;
    Ok(res)
}

/// Checks the shapes and bounds of `linear_constraints` and `nonlinear_constraints`.
/// The checks every `minimize` entry point makes before running: `x0` is non-empty and
/// finite, and the bounds and constraints fit its length. Returns `n = x0.len()`.
pub(crate) fn validate_start<S: Data<Elem = f64>>(
    x0: &ArrayBase<S, Ix1>,
    options: &MinimizeOptions<'_>,
) -> Result<usize> {
    validate::check_non_empty("x0", x0)?;
    validate::check_finite("x0", x0)?;
    let n = x0.len();
    if let Some(b) = &options.bounds {
        b.validate(n)?;
    }
    validate_constraints(n, options)?;
    Ok(n)
}

pub(crate) fn validate_constraints(n: usize, options: &MinimizeOptions<'_>) -> Result<()> {
    for lc in &options.linear_constraints {
        validate::check_same_len("x0", n, "LinearConstraint.a columns", lc.a.ncols())?;
        validate::check_same_len(
            "LinearConstraint.a rows",
            lc.a.nrows(),
            "LinearConstraint.lb",
            lc.lb.len(),
        )?;
        validate::check_same_len(
            "LinearConstraint.a rows",
            lc.a.nrows(),
            "LinearConstraint.ub",
            lc.ub.len(),
        )?;
        validate::check_finite("LinearConstraint.a", &lc.a)?;
        check_two_sided(&lc.lb, &lc.ub, "LinearConstraint")?;
    }
    for nc in &options.nonlinear_constraints {
        validate::check_same_len(
            "NonlinearConstraint.lb",
            nc.lb.len(),
            "NonlinearConstraint.ub",
            nc.ub.len(),
        )?;
        check_two_sided(&nc.lb, &nc.ub, "NonlinearConstraint")?;
    }
    Ok(())
}

fn check_two_sided(lb: &Array1<f64>, ub: &Array1<f64>, what: &str) -> Result<()> {
    for i in 0..lb.len() {
        if lb[i].is_nan()
            || ub[i].is_nan()
            || lb[i] > ub[i]
            || lb[i] == f64::INFINITY
            || ub[i] == f64::NEG_INFINITY
        {
            return Err(Error::invalid_argument(
                what,
                format!("invalid bounds ({}, {}) at row {i}", lb[i], ub[i]),
            ));
        }
    }
    Ok(())
}

/// The gradient source for methods with SciPy's `_prepare_scalar_function` rules.
pub(crate) fn grad_source<'a>(options: &MinimizeOptions<'a>, default_eps: f64) -> GradSource<'a> {
    match options.jac {
        Some(Jac::Callable(g)) => GradSource::Callable(g),
        Some(Jac::TwoPoint) => GradSource::Fd {
            scheme: FdScheme::TwoPoint,
            rel_step: options.finite_diff_rel_step,
            abs_step: None,
        },
        Some(Jac::ThreePoint) => GradSource::Fd {
            scheme: FdScheme::ThreePoint,
            rel_step: options.finite_diff_rel_step,
            abs_step: None,
        },
        None => GradSource::Fd {
            scheme: FdScheme::TwoPoint,
            rel_step: options.finite_diff_rel_step,
            abs_step: Some(options.eps.unwrap_or(default_eps)),
        },
    }
}

/// Checks that a user gradient has the right length.
pub(crate) fn check_grad_len(g: &Array1<f64>, n: usize) -> Result<()> {
    validate::check_same_len("x0", n, "jac(x)", g.len())
}
