//! Linear programming, SciPy's `linprog`: a sparse primal-dual interior-point method with
//! basis identification, and a dense two-phase simplex.

mod crossover;
mod csc;
mod detect;
mod ipm;
mod presolve;
mod simplex;
mod split;

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1};
use sci_core::{Error, Result, validate};
use sprs::CsMat;

use csc::Csc;

/// A constraint matrix of [`linprog_with`], dense or sparse.
///
/// Both convert with `.into()`: `Some(array![[1.0, 2.0]].into())` or
/// `Some(sprs_matrix.into())`. A sparse matrix may be in CSR or CSC storage; explicit zeros
/// are ignored and duplicate entries cannot occur in a `CsMat`.
///
/// ```
/// use sci_optimize::ConstraintMatrix;
/// use sci_core::ndarray::array;
/// let dense: ConstraintMatrix = array![[1.0, 0.0], [0.0, 2.0]].into();
/// let sparse: ConstraintMatrix = sprs::CsMat::new((2, 2), vec![0, 1, 2], vec![0, 1], vec![1.0, 2.0]).into();
/// assert_eq!(dense.shape(), sparse.shape());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintMatrix {
    /// A dense `M × N` array.
    Dense(Array2<f64>),
    /// A sparse `M × N` matrix (SciPy's `scipy.sparse` input).
    Sparse(CsMat<f64>),
}

impl From<Array2<f64>> for ConstraintMatrix {
    fn from(a: Array2<f64>) -> Self {
        ConstraintMatrix::Dense(a)
    }
}

impl From<CsMat<f64>> for ConstraintMatrix {
    fn from(a: CsMat<f64>) -> Self {
        ConstraintMatrix::Sparse(a)
    }
}

impl ConstraintMatrix {
    /// `(rows, columns)`.
    ///
    /// ```
    /// use sci_optimize::ConstraintMatrix;
    /// let a: ConstraintMatrix = sci_core::ndarray::Array2::<f64>::zeros((2, 3)).into();
    /// assert_eq!(a.shape(), (2, 3));
    /// ```
    pub fn shape(&self) -> (usize, usize) {
        match self {
            ConstraintMatrix::Dense(a) => a.dim(),
            ConstraintMatrix::Sparse(a) => (a.rows(), a.cols()),
        }
    }

    /// Whether the matrix is stored sparse.
    ///
    /// ```
    /// use sci_optimize::ConstraintMatrix;
    /// let a: ConstraintMatrix = sci_core::ndarray::Array2::<f64>::zeros((2, 3)).into();
    /// assert!(!a.is_sparse());
    /// ```
    pub fn is_sparse(&self) -> bool {
        matches!(self, ConstraintMatrix::Sparse(_))
    }

    /// Whether every stored entry is finite.
    fn all_finite(&self) -> bool {
        match self {
            ConstraintMatrix::Dense(a) => a.iter().all(|v| v.is_finite()),
            ConstraintMatrix::Sparse(a) => a.data().iter().all(|v| v.is_finite()),
        }
    }

    fn to_csc(&self) -> Csc {
        let (m, n) = self.shape();
        let trip: Vec<(usize, usize, f64)> = match self {
            ConstraintMatrix::Dense(a) => {
                a.indexed_iter().filter(|(_, v)| **v != 0.0).map(|((i, j), &v)| (i, j, v)).collect()
            }
            ConstraintMatrix::Sparse(a) => a.iter().map(|(&v, (i, j))| (i, j, v)).collect(),
        };
        Csc::from_triplets(m, n, &trip)
    }

    fn to_dense(&self) -> Array2<f64> {
        match self {
            ConstraintMatrix::Dense(a) => a.clone(),
            ConstraintMatrix::Sparse(a) => {
                let mut d = Array2::zeros((a.rows(), a.cols()));
                for (&v, (i, j)) in a.iter() {
                    d[[i, j]] += v;
                }
                d
            }
        }
    }
}

/// The algorithm of [`linprog_with`], SciPy's `method=`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinprogMethod {
    /// SciPy's default `'highs'`: chooses per problem. Dense problems with
    /// `(M_ub + M_eq + N)` at most 300 go to [`HighsDs`](Self::HighsDs); all others, and
    /// every problem given with a sparse matrix, to [`HighsIpm`](Self::HighsIpm). When the
    /// interior-point method ends without a vertex (no status 0 or a failed basis
    /// identification on a degenerate problem) and `M_ub + M_eq + N ≤ 400`, the simplex
    /// method solves the problem again and its answer is returned.
    #[default]
    Highs,
    /// Sparse primal-dual interior-point method (Mehrotra predictor–corrector on the normal
    /// equations with a sparse Cholesky factorization) followed by basis identification.
    HighsIpm,
    /// Dense two-phase tableau simplex (Dantzig's rule, Bland's rule after 50 degenerate
    /// pivots in a row); `O(M·(N + M))` per pivot.
    HighsDs,
}

/// The problem data of [`linprog_with`] besides the objective: SciPy's `A_ub`, `b_ub`,
/// `A_eq`, `b_eq`, `bounds`, `method`.
///
/// The matrices are [`ConstraintMatrix`] values: write `Some(array.into())` for a dense
/// `Array2<f64>` and `Some(csmat.into())` for a sparse `sprs::CsMat<f64>`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinprogOptions {
    /// Inequality constraints `A_ub x ≤ b_ub`.
    pub a_ub: Option<ConstraintMatrix>,
    /// Right-hand side of the inequalities.
    pub b_ub: Option<Array1<f64>>,
    /// Equality constraints `A_eq x = b_eq`.
    pub a_eq: Option<ConstraintMatrix>,
    /// Right-hand side of the equalities.
    pub b_eq: Option<Array1<f64>>,
    /// Bounds `(lb, ub)` per variable (or one pair for all); `None` is SciPy's default
    /// `(0, ∞)` for every variable. Use `f64::NEG_INFINITY`/`f64::INFINITY` for free sides.
    pub bounds: Option<Vec<(f64, f64)>>,
    /// The algorithm (default [`LinprogMethod::Highs`]).
    pub method: LinprogMethod,
    /// Iteration limit: simplex pivots (default `10·(M + N) + 1000`) or interior-point
    /// iterations (default 200).
    pub maxiter: Option<usize>,
}

/// The result of [`linprog`], SciPy's `OptimizeResult` for linear programs.
#[derive(Debug, Clone, PartialEq)]
pub struct LinprogResult {
    /// The solution (NaN-filled when no solution was found).
    pub x: Array1<f64>,
    /// `cᵀ x`.
    pub fun: f64,
    /// Slacks `b_ub − A_ub x` (nonnegative at a feasible point).
    pub slack: Array1<f64>,
    /// Equality residuals `b_eq − A_eq x`.
    pub con: Array1<f64>,
    /// 0 optimal, 1 iteration limit, 2 infeasible, 3 unbounded, 4 numerical difficulties
    /// (SciPy's codes).
    pub status: i32,
    /// Whether an optimal solution was found.
    pub success: bool,
    /// A description of the outcome.
    pub message: String,
    /// Simplex pivots or interior-point iterations.
    pub nit: usize,
    /// SciPy's `ineqlin.marginals`: `∂fun/∂b_ub` (nonpositive), NaN when unsolved.
    pub ineqlin_marginals: Array1<f64>,
    /// SciPy's `eqlin.marginals`: `∂fun/∂b_eq`, NaN when unsolved.
    pub eqlin_marginals: Array1<f64>,
    /// SciPy's `lower.marginals`: `∂fun/∂lb` (nonnegative), NaN when unsolved.
    pub lower_marginals: Array1<f64>,
    /// SciPy's `upper.marginals`: `∂fun/∂ub` (nonpositive), NaN when unsolved.
    pub upper_marginals: Array1<f64>,
}

/// Minimizes `cᵀx` subject to linear constraints and bounds, SciPy's `linprog(c, ...)`;
/// here with only the default bounds `x ≥ 0` and no constraints besides them.
///
/// # Errors
/// As [`linprog_with`].
///
/// ```
/// use sci_optimize::linprog;
/// use sci_core::ndarray::array;
/// let r = linprog(&array![1.0, 2.0])?; // minimum at x = 0
/// assert!(r.success && r.fun == 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn linprog<S: Data<Elem = f64>>(c: &ArrayBase<S, Ix1>) -> Result<LinprogResult> {
    linprog_with(c, &LinprogOptions::default())
}

/// Validated problem data in sparse form.
struct Problem {
    c: Array1<f64>,
    a_ub: Csc,
    b_ub: Vec<f64>,
    a_eq: Csc,
    b_eq: Vec<f64>,
    lb: Vec<f64>,
    ub: Vec<f64>,
}

/// Linear programming with inequality and equality constraints and bounds, SciPy's
/// `linprog(c, A_ub, b_ub, A_eq, b_eq, bounds, method)`:
/// `min cᵀx` subject to `A_ub x ≤ b_ub`, `A_eq x = b_eq`, `lb ≤ x ≤ ub`.
///
/// The constraint matrices may be dense or sparse ([`ConstraintMatrix`]). Two algorithms
/// are available ([`LinprogMethod`]):
/// - **Interior point** (`HighsIpm`): presolve removes fixed variables, empty rows and empty
///   columns; inequality rows get slack variables; columns with more than `max(40, M/10)`
///   nonzeros are split into linked free copies of about `√nnz` rows each, so that they do
///   not fill the normal equations; a primal-dual Mehrotra
///   predictor–corrector method with bounds handled explicitly (one dual variable per finite
///   bound) solves the Newton systems through the normal equations `A Θ Aᵀ Δy = r`, factored
///   by faer's sparse supernodal Cholesky (one symbolic analysis with an AMD ordering,
///   reused by every iteration; a diagonal regularization that grows on failure copes with
///   rank-deficient `A` and free variables). It stops when the relative primal and dual
///   residuals and the duality gap are below `1e-10` (at most `maxiter` iterations, default
///   200). When the iterates diverge or stall, two auxiliary problems that are always
///   feasible and bounded (primal phase 1 `min Σ|A x − b|` over the bounds, and dual phase 1
///   `min Σ|Aᵀy + z_l − z_u − c|`) are solved by the same method: a positive primal optimum
///   proves infeasibility (status 2), a positive dual optimum with a feasible primal proves
///   unboundedness (status 3), otherwise status 4. Basis identification then
///   takes the `M` columns farthest from their bounds (relative to their bound duals),
///   factors that basis with faer's sparse LU, and recomputes the vertex and the duals
///   exactly (when those columns are singular and `M ≤ 500`, independent columns are chosen
///   greedily in the same order and completed by artificial unit columns that must come out
///   zero, which handles redundant equality rows). When that vertex is primal feasible but
///   some reduced costs have the wrong sign (a degenerate problem whose interior duals sit
///   in the middle of the dual optimal face), a bounded primal simplex (Bland's rule, at
///   most 200 pivots, the basis LU refactored at each) moves to an optimal basis. The
///   optimal vertex and its exact duals replace the interior solution.
///   Cost per iteration: one sparse Cholesky of `A Θ Aᵀ` plus `O(Σ_j nnz(a_j)²)` to form it.
/// - **Simplex** (`HighsDs`): the dense two-phase tableau method, `O(M·(N + M))` per pivot.
///
/// The marginals follow SciPy: `ineqlin_marginals = ∂fun/∂b_ub ≤ 0`,
/// `eqlin_marginals = ∂fun/∂b_eq`, and the reduced costs `r = c − A_ubᵀ y_ub − A_eqᵀ y_eq`
/// split into `lower_marginals = max(r, 0)` and `upper_marginals = min(r, 0)`.
///
/// An infeasible or unbounded problem is reported in `status`/`success`, not as an error.
///
/// # Errors
/// [`Error::ShapeMismatch`] when the constraint matrices, right-hand sides or bounds do not
/// match `c`, or a matrix is given without its right-hand side; [`Error::NonFinite`] for NaN
/// or ∞ in `c`, the matrices or the right-hand sides; [`Error::InvalidArgument`] for a bound
/// with `lb > ub`, `lb = +∞` or `ub = −∞`.
///
/// # Differences from SciPy
/// SciPy calls the HiGHS library (dual revised simplex, IPX with crossover, a full
/// presolve). The methods here are simpler: the crossover is basis identification plus a
/// short primal simplex cleanup, and when that fails (a primal-infeasible basis guess, more
/// than 200 pivots, or `M > 500` with a singular guess) the interior solution, optimal to
/// about `1e-10` relative, is returned unless the `Highs` fallback to the simplex applies;
/// dense columns are split rather than handled by a low-rank update; infeasibility and
/// unboundedness are certified by two phase-1 problems solved with the same method rather
/// than by a homogeneous self-dual embedding; presolve has no singleton-row, dominated-column
/// or redundant-row reductions. With several optimal solutions the one returned may differ from
/// SciPy's. `integrality`, `callback` and `x0` are not offered; `nit` counts differ.
///
/// ```
/// use sci_optimize::{linprog_with, LinprogOptions};
/// use sci_core::ndarray::array;
/// // SciPy's example: min −x0 + 4x1 s.t. −3x0 + x1 ≤ 6, x0 + 2x1 ≤ 4, x1 ≥ −3.
/// let opts = LinprogOptions {
///     a_ub: Some(array![[-3.0, 1.0], [1.0, 2.0]].into()),
///     b_ub: Some(array![6.0, 4.0]),
///     bounds: Some(vec![(f64::NEG_INFINITY, f64::INFINITY), (-3.0, f64::INFINITY)]),
///     ..Default::default()
/// };
/// let r = linprog_with(&array![-1.0, 4.0], &opts)?;
/// assert!(r.success && (r.fun + 22.0).abs() < 1e-9);
/// assert!((r.x[0] - 10.0).abs() < 1e-9 && (r.x[1] + 3.0).abs() < 1e-9);
/// assert!((r.ineqlin_marginals[1] + 1.0).abs() < 1e-9); // ∂fun/∂b_ub[1] = −1
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn linprog_with<S: Data<Elem = f64>>(
    c: &ArrayBase<S, Ix1>,
    options: &LinprogOptions,
) -> Result<LinprogResult> {
    let n = c.len();
    validate::check_non_empty("c", c)?;
    validate::check_finite("c", c)?;
    let o = options;
    let ub_pair = check_pair(n, &o.a_ub, &o.b_ub, "A_ub", "b_ub")?;
    let eq_pair = check_pair(n, &o.a_eq, &o.b_eq, "A_eq", "b_eq")?;
    let bounds = match &o.bounds {
        None => vec![(0.0, f64::INFINITY); n],
        Some(b) if b.len() == 1 => vec![b[0]; n],
        Some(b) => {
            validate::check_same_len("c", n, "bounds", b.len())?;
            b.clone()
        }
    };
    for (i, &(l, u)) in bounds.iter().enumerate() {
        if l.is_nan() || u.is_nan() || l > u || l == f64::INFINITY || u == f64::NEG_INFINITY {
            return Err(Error::invalid_argument(
                "bounds",
                format!("invalid bound ({l}, {u}) for variable {i}"),
            ));
        }
    }
    let sparse_input = ub_pair.as_ref().is_some_and(|p| p.0.is_sparse())
        || eq_pair.as_ref().is_some_and(|p| p.0.is_sparse());
    let m_ub = ub_pair.as_ref().map_or(0, |p| p.1.len());
    let m_eq = eq_pair.as_ref().map_or(0, |p| p.1.len());
    // The dense simplex costs O((M + N)²) per pivot and O(M + N) pivots or more.
    let tableau_fits = m_ub + m_eq + n <= 400;
    let use_ipm = match o.method {
        LinprogMethod::HighsDs => false,
        LinprogMethod::HighsIpm => true,
        LinprogMethod::Highs => sparse_input || m_ub + m_eq + n > 300,
    };
    let to_csc = |p: &Option<(&ConstraintMatrix, Array1<f64>)>| match p {
        Some((a, b)) => (a.to_csc(), b.to_vec()),
        None => (Csc::from_triplets(0, n, &[]), Vec::new()),
    };
    let (a_ub, b_ub) = to_csc(&ub_pair);
    let (a_eq, b_eq) = to_csc(&eq_pair);
    let prob = Problem {
        c: c.to_owned(),
        a_ub,
        b_ub,
        a_eq,
        b_eq,
        lb: bounds.iter().map(|b| b.0).collect(),
        ub: bounds.iter().map(|b| b.1).collect(),
    };
    let mut sol = None;
    if use_ipm {
        let s = presolve::solve_ipm(&prob, o.maxiter.unwrap_or(200));
        let fallback = o.method == LinprogMethod::Highs && tableau_fits && !(s.status == 0 && s.vertex);
        if !fallback {
            sol = Some(s);
        }
    }
    let sol = match sol {
        Some(s) => s,
        None => {
            let dense = |p: &Option<(&ConstraintMatrix, Array1<f64>)>| match p {
                Some((a, b)) => (a.to_dense(), b.clone()),
                None => (Array2::zeros((0, n)), Array1::zeros(0)),
            };
            let (du, bu) = dense(&ub_pair);
            let (de, be) = dense(&eq_pair);
            let r = simplex::solve(c.view(), &du, &bu, &de, &be, &bounds, o.maxiter);
            Solution {
                status: r.status,
                x: r.x.map(|x| x.to_vec()),
                y_ub: r.y_ub,
                y_eq: r.y_eq,
                nit: r.nit,
                vertex: true,
            }
        }
    };
    Ok(finish(&prob, sol))
}

/// Checks a matrix / right-hand side pair against `n` columns.
fn check_pair<'a>(
    n: usize,
    a: &'a Option<ConstraintMatrix>,
    b: &Option<Array1<f64>>,
    an: &str,
    bn: &str,
) -> Result<Option<(&'a ConstraintMatrix, Array1<f64>)>> {
    match (a, b) {
        (None, None) => Ok(None),
        (Some(a), Some(b)) => {
            let (rows, cols) = a.shape();
            validate::check_same_len("c", n, &format!("{an} columns"), cols)?;
            validate::check_same_len(&format!("{an} rows"), rows, bn, b.len())?;
            if !a.all_finite() {
                return Err(Error::NonFinite { what: an.into(), index: None });
            }
            validate::check_finite(bn, b)?;
            Ok(Some((a, b.clone())))
        }
        _ => Err(Error::shape_mismatch(an, format!("{an} together with {bn}"), "only one of them")),
    }
}

/// A solver's raw answer in terms of the original problem.
struct Solution {
    status: i32,
    x: Option<Vec<f64>>,
    y_ub: Vec<f64>,
    y_eq: Vec<f64>,
    nit: usize,
    /// Whether `x` is a vertex (a basic solution).
    vertex: bool,
}

fn finish(p: &Problem, s: Solution) -> LinprogResult {
    let n = p.c.len();
    let status = if s.status == 0 && s.x.is_none() { 4 } else { s.status };
    let message = match status {
        0 => "Optimization terminated successfully.",
        1 => "The iteration limit was reached before the problem was solved.",
        2 => "The problem is infeasible.",
        3 => "The problem is unbounded.",
        _ => "Numerical difficulties were encountered.",
    };
    let (m_ub, m_eq) = (p.b_ub.len(), p.b_eq.len());
    let nan = |k| Array1::from_elem(k, f64::NAN);
    let Some(x) = s.x.filter(|_| status == 0) else {
        return LinprogResult {
            x: nan(n),
            fun: f64::NAN,
            slack: nan(m_ub),
            con: nan(m_eq),
            status,
            success: false,
            message: message.into(),
            nit: s.nit,
            ineqlin_marginals: nan(m_ub),
            eqlin_marginals: nan(m_eq),
            lower_marginals: nan(n),
            upper_marginals: nan(n),
        };
    };
    let fun = p.c.iter().zip(&x).map(|(c, x)| c * x).sum();
    let ax_ub = p.a_ub.mul(&x);
    let ax_eq = p.a_eq.mul(&x);
    let slack = Array1::from_shape_fn(m_ub, |i| p.b_ub[i] - ax_ub[i]);
    let con = Array1::from_shape_fn(m_eq, |i| p.b_eq[i] - ax_eq[i]);
    let at_ub = p.a_ub.tmul(&s.y_ub);
    let at_eq = p.a_eq.tmul(&s.y_eq);
    let r: Vec<f64> = (0..n).map(|j| p.c[j] - at_ub[j] - at_eq[j]).collect();
    LinprogResult {
        x: Array1::from(x),
        fun,
        slack,
        con,
        status,
        success: true,
        message: message.into(),
        nit: s.nit,
        ineqlin_marginals: Array1::from(s.y_ub),
        eqlin_marginals: Array1::from(s.y_eq),
        lower_marginals: r.iter().map(|&v| v.max(0.0)).collect(),
        upper_marginals: r.iter().map(|&v| v.min(0.0)).collect(),
    }
}
