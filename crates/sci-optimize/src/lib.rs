//! # sci-optimize — `scipy.optimize` for Rust
//!
//! Minimization (unconstrained, bounded and constrained), scalar root finding, least
//! squares and `curve_fit`, and assignment, behind one SciPy-shaped API.
//!
//! ## Conventions
//! - Objective functions are Rust closures over **`ArrayView1<f64>`** returning `f64`
//!   (scalar objectives) or `Array1<f64>` (residual vectors, gradients, constraint values);
//!   Jacobians and Hessians return `Array2<f64>`. Closures capture their data, so SciPy's
//!   `args=` is not needed. Optional callables in options structs are borrowed:
//!   `jac: Jac::Callable(&grad)`.
//! - SciPy's keyword arguments are one options struct per function passed to a `_with`
//!   variant; defaults are SciPy's.
//! - Stopping at an iteration or evaluation limit is reported in the result
//!   (`success: false`, `status`, `message`), not as an error; invalid input (dimension
//!   mismatch, `lower > upper`, NaN in `x0`) is an [`Error`](sci_core::Error).
//!
//! ## What is here
//!
//! | family | functions |
//! |---|---|
//! | local minimization | [`minimize`] / [`minimize_with`]: Nelder-Mead, Powell, CG, BFGS, Newton-CG, L-BFGS-B, TNC, SLSQP, COBYLA, trust-ncg, dogleg, trust-exact, trust-krylov, trust-constr ([`minimize_trust_constr`] for its full result) |
//! | scalar | [`minimize_scalar`] (Brent, bounded, golden), [`bracket`], [`root_scalar`] (brentq, brenth, ridder, bisect, toms748, newton, secant, halley), [`brentq`] |
//! | systems | [`root`] (hybr, lm), [`fsolve`] |
//! | least squares | [`least_squares`] (trf, dogbox, lm; robust losses), [`curve_fit`], [`lsq_linear`], [`nnls`] |
//! | global | [`differential_evolution`], [`dual_annealing`], [`basinhopping`], [`direct`] |
//! | linear | [`linprog`] (sparse interior point with basis identification, dense simplex; dense or `sprs` constraint matrices), [`milp`], [`linear_sum_assignment`] |
//! | helpers | [`rosen`], [`rosen_der`], [`rosen_hess`], [`rosen_hess_prod`], [`approx_fprime`], [`check_grad`] |
//!
//! The methods are implemented here following SciPy's algorithms and constants (BFGS with
//! the Moré–Thuente line search, L-BFGS-B, SLSQP, MINPACK's Levenberg–Marquardt and hybrid
//! method, trust region reflective least squares, ...), so that iterates, stopping rules and
//! evaluation counts follow SciPy's closely; the test suite compares them with SciPy 1.17.
//! (The `argmin` crate's solvers differ from SciPy's in line search and stopping details, so
//! they are not used.)
//!
//! ```
//! use sci_optimize::{brentq, minimize_scalar};
//! let root = brentq(|x| x * x - 2.0, 0.0, 2.0)?;
//! assert!((root - 2f64.sqrt()).abs() < 1e-12);
//! let m = minimize_scalar(|x| (x - 1.5) * (x - 1.5))?;
//! assert!((m.x - 1.5).abs() < 1e-7);
//! # Ok::<(), sci_core::Error>(())
//! ```

mod basinhopping;
mod de;
mod dense;
mod direct;
mod dual_annealing;
mod linprog;
mod lsa;
mod lsq;
mod milp;
mod minimize;
mod minimize_scalar;
mod nnls;
mod numdiff;
mod root;
mod root_scalar;
mod rosen;

pub use basinhopping::{BasinhoppingCallback, BasinhoppingOptions, basinhopping, basinhopping_with};
pub use de::{
    DifferentialEvolutionOptions, Init, Mutation, Strategy, Updating, differential_evolution,
    differential_evolution_with,
};
pub use direct::{DirectOptions, direct, direct_with};
pub use dual_annealing::{DualAnnealingOptions, dual_annealing, dual_annealing_with};
pub use linprog::{ConstraintMatrix, LinprogMethod, LinprogOptions, LinprogResult, linprog, linprog_with};
pub use lsa::{
    LinearSumAssignment, LinearSumAssignmentOptions, linear_sum_assignment, linear_sum_assignment_with,
};
pub use lsq::{
    CurveFit, CurveFitMethod, CurveFitOptions, LeastSquaresOptions, LeastSquaresResult, Loss, LsqJac,
    LsqLinearMethod, LsqLinearOptions, LsqLinearResult, LsqMethod, ModelJac, Sigma, XScale, curve_fit,
    curve_fit_with, least_squares, least_squares_with, lsq_linear, lsq_linear_with,
};
pub use milp::{MilpOptions, MilpResult, milp, milp_with};
pub use minimize::{
    Bounds, Callback, Constraint, ConstraintType, FactorizationMethod, HessianUpdate, HesspFn, Jac,
    LinearConstraint, MatFn, Method, MinimizeOptions, NonlinearConstraint, OptimizeResult, TrustConstrMethod,
    TrustConstrResult, VecFn, minimize, minimize_trust_constr, minimize_with,
};
pub use minimize_scalar::{
    Bracket, MinimizeScalarMethod, MinimizeScalarOptions, MinimizeScalarResult, ScalarBracket, bracket,
    minimize_scalar, minimize_scalar_with,
};
pub use nnls::{Nnls, NnlsOptions, nnls, nnls_with};
pub use numdiff::{
    CheckGradOptions, FdScheme, FdStep, GradDirection, approx_fprime, approx_fprime_with, check_grad,
    check_grad_with,
};
pub use root::{RootMethod, RootOptions, RootResult, fsolve, root, root_with};
pub use root_scalar::{
    RootFlag, RootResults, RootScalarMethod, RootScalarOptions, brentq, root_scalar, root_scalar_with,
};
pub use rosen::{rosen, rosen_der, rosen_hess, rosen_hess_prod};
/// The `sprs` crate (0.11), re-exported so that sparse constraint matrices for [`linprog_with`]
/// can be built without a separate, version-matched dependency.
pub use sprs;
