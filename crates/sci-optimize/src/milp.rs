//! Mixed-integer linear programming, SciPy's `milp`, by branch and bound over [`linprog`].

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1};
use sci_core::{Error, Result, validate};

use crate::linprog::{LinprogMethod, LinprogOptions, linprog_with};
use crate::minimize::{Bounds, LinearConstraint};

/// Options of [`milp_with`], SciPy's keyword arguments of `milp`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MilpOptions {
    /// Per variable: 0 continuous, 1 integer (SciPy's `integrality`; 2/3 semi-continuous are
    /// not offered). Default: all continuous.
    pub integrality: Option<Array1<u8>>,
    /// Variable bounds; default SciPy's `0 ≤ x < ∞`.
    pub bounds: Option<Bounds>,
    /// Constraints `lb ≤ A x ≤ ub`.
    pub constraints: Vec<LinearConstraint>,
    /// Limit on branch-and-bound nodes (default 100 000).
    pub node_limit: Option<usize>,
}

/// The result of [`milp`].
#[derive(Debug, Clone, PartialEq)]
pub struct MilpResult {
    /// The best solution found (NaN when none).
    pub x: Array1<f64>,
    /// `cᵀ x`.
    pub fun: f64,
    /// 0 optimal, 1 node limit reached, 2 infeasible, 3 unbounded (SciPy's codes).
    pub status: i32,
    /// Whether an optimal solution was found.
    pub success: bool,
    /// A description of the outcome.
    pub message: String,
    /// Branch-and-bound nodes explored.
    pub mip_node_count: usize,
}

/// Minimizes `cᵀx` over integer and continuous variables, SciPy's `milp(c)` with its
/// defaults (no constraints, `x ≥ 0`, all variables continuous).
///
/// # Errors
/// As [`milp_with`].
///
/// ```
/// use sci_optimize::milp;
/// use sci_core::ndarray::array;
/// let r = milp(&array![1.0, 1.0])?;
/// assert!(r.success && r.fun == 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn milp<S: Data<Elem = f64>>(c: &ArrayBase<S, Ix1>) -> Result<MilpResult> {
    milp_with(c, &MilpOptions::default())
}

/// Mixed-integer linear programming with constraints, bounds and integrality, SciPy's
/// `milp(c, integrality=, bounds=, constraints=)`.
///
/// Depth-first branch and bound: each node solves the LP relaxation with [`linprog_with`],
/// is pruned when infeasible or no better than the incumbent, and otherwise branches on the
/// first integer variable with a fractional value (`x_i ≤ ⌊v⌋` or `x_i ≥ ⌈v⌉`). Exact for
/// small and medium problems; the worst case is exponential in the number of integers.
///
/// # Errors
/// [`Error::ShapeMismatch`] for `integrality`, bounds or constraints that do not match `c`;
/// [`Error::InvalidArgument`] for inconsistent bounds or an integrality code other than 0/1;
/// the errors of [`linprog_with`].
///
/// # Differences from SciPy
/// SciPy calls HiGHS' MIP solver (presolve, cuts, heuristics); this is a plain branch and
/// bound on a dense simplex, meant for small problems. With several optimal solutions the
/// one returned may differ. `time_limit` and `mip_rel_gap` are replaced by `node_limit`.
///
/// ```
/// use sci_optimize::{milp_with, LinearConstraint, MilpOptions};
/// use sci_core::ndarray::array;
/// // SciPy's example: max y s.t. −x + y ≤ 1, 3x + 2y ≤ 12, 2x + 3y ≤ 12, x, y ≥ 0 integer.
/// let cons = LinearConstraint {
///     a: array![[-1.0, 1.0], [3.0, 2.0], [2.0, 3.0]],
///     lb: array![f64::NEG_INFINITY, f64::NEG_INFINITY, f64::NEG_INFINITY],
///     ub: array![1.0, 12.0, 12.0],
/// };
/// let opts = MilpOptions { integrality: Some(array![1, 1]), constraints: vec![cons], ..Default::default() };
/// let r = milp_with(&array![0.0, -1.0], &opts)?;
/// assert!(r.success && (r.fun + 2.0).abs() < 1e-9);
/// assert!((r.x[1] - 2.0).abs() < 1e-9);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn milp_with<S: Data<Elem = f64>>(c: &ArrayBase<S, Ix1>, options: &MilpOptions) -> Result<MilpResult> {
    let n = c.len();
    validate::check_non_empty("c", c)?;
    validate::check_finite("c", c)?;
    let integ = match &options.integrality {
        Some(v) => {
            validate::check_same_len("c", n, "integrality", v.len())?;
            if v.iter().any(|&k| k > 1) {
                return Err(Error::invalid_argument(
                    "integrality",
                    "only 0 (continuous) and 1 (integer) are supported",
                ));
            }
            v.iter().map(|&k| k == 1).collect::<Vec<bool>>()
        }
        None => vec![false; n],
    };
    let (lb0, ub0) = match &options.bounds {
        Some(b) => {
            b.validate(n)?;
            (b.lb.to_vec(), b.ub.to_vec())
        }
        None => (vec![0.0; n], vec![f64::INFINITY; n]),
    };
    // Constraint rows as A_ub / A_eq.
    let mut ub_rows: Vec<Vec<f64>> = Vec::new();
    let mut ub_rhs = Vec::new();
    let mut eq_rows: Vec<Vec<f64>> = Vec::new();
    let mut eq_rhs = Vec::new();
    for lc in &options.constraints {
        validate::check_same_len("c", n, "constraint columns", lc.a.ncols())?;
        validate::check_same_len("constraint rows", lc.a.nrows(), "constraint lb", lc.lb.len())?;
        validate::check_same_len("constraint rows", lc.a.nrows(), "constraint ub", lc.ub.len())?;
        validate::check_finite("constraint matrix", &lc.a)?;
        for i in 0..lc.a.nrows() {
            let (l, u) = (lc.lb[i], lc.ub[i]);
            if l.is_nan() || u.is_nan() || l > u {
                return Err(Error::invalid_argument(
                    "constraints",
                    format!("invalid bounds ({l}, {u}) at row {i}"),
                ));
            }
            let row = lc.a.row(i).to_vec();
            if l == u {
                eq_rows.push(row);
                eq_rhs.push(l);
                continue;
            }
            if u.is_finite() {
                ub_rows.push(row.clone());
                ub_rhs.push(u);
            }
            if l.is_finite() {
                ub_rows.push(row.iter().map(|v| -v).collect());
                ub_rhs.push(-l);
            }
        }
    }
    let to_mat = |rows: &[Vec<f64>]| Array2::from_shape_fn((rows.len(), n), |(i, j)| rows[i][j]);
    let base = LinprogOptions {
        a_ub: if ub_rows.is_empty() { None } else { Some(to_mat(&ub_rows).into()) },
        b_ub: if ub_rows.is_empty() { None } else { Some(Array1::from(ub_rhs)) },
        a_eq: if eq_rows.is_empty() { None } else { Some(to_mat(&eq_rows).into()) },
        b_eq: if eq_rows.is_empty() { None } else { Some(Array1::from(eq_rhs)) },
        bounds: None,
        // The relaxations are small and dense; the simplex returns vertices.
        method: LinprogMethod::HighsDs,
        maxiter: None,
    };
    let node_limit = options.node_limit.unwrap_or(100_000);
    // Integer variables get integral bounds.
    let mut lb = lb0.clone();
    let mut ub = ub0.clone();
    for i in 0..n {
        if integ[i] {
            lb[i] = lb[i].ceil();
            ub[i] = ub[i].floor();
            if lb[i] > ub[i] {
                return Ok(done(n, f64::NAN, 2, 0));
            }
        }
    }
    let mut stack: Vec<(Vec<f64>, Vec<f64>)> = vec![(lb, ub)];
    let mut best: Option<(Array1<f64>, f64)> = None;
    let mut nodes = 0usize;
    let mut root_unbounded = false;
    while let Some((lb, ub)) = stack.pop() {
        if nodes >= node_limit {
            return Ok(match best {
                Some((x, f)) => MilpResult {
                    x,
                    fun: f,
                    status: 1,
                    success: false,
                    message: "Node limit reached; the best feasible solution found is returned.".into(),
                    mip_node_count: nodes,
                },
                None => done(n, f64::NAN, 1, nodes),
            });
        }
        nodes += 1;
        let opts = LinprogOptions {
            bounds: Some(lb.iter().copied().zip(ub.iter().copied()).collect()),
            ..base.clone()
        };
        let r = linprog_with(c, &opts)?;
        match r.status {
            0 => {}
            3 => {
                if nodes == 1 {
                    root_unbounded = true;
                    break;
                }
                continue;
            }
            _ => continue,
        }
        let tol = 1e-9 * r.fun.abs().max(1.0);
        if let Some((_, bf)) = &best
            && r.fun >= bf - tol
        {
            continue;
        }
        let frac = (0..n).find(|&i| integ[i] && (r.x[i] - r.x[i].round()).abs() > 1e-6);
        match frac {
            None => {
                let mut x = r.x.clone();
                for i in 0..n {
                    if integ[i] {
                        x[i] = x[i].round();
                    }
                }
                let f = c.dot(&x);
                best = Some((x, f));
            }
            Some(i) => {
                let v = r.x[i];
                let (mut lo_ub, mut hi_lb) = (ub.clone(), lb.clone());
                lo_ub[i] = v.floor();
                hi_lb[i] = v.ceil();
                // Explore the nearer side first (pushed last).
                if v - v.floor() < 0.5 {
                    stack.push((hi_lb, ub.clone()));
                    stack.push((lb.clone(), lo_ub));
                } else {
                    stack.push((lb.clone(), lo_ub));
                    stack.push((hi_lb, ub.clone()));
                }
            }
        }
    }
    if root_unbounded {
        return Ok(done(n, f64::NAN, 3, nodes));
    }
    Ok(match best {
        Some((x, f)) => MilpResult {
            x,
            fun: f,
            status: 0,
            success: true,
            message: "Optimization terminated successfully.".into(),
            mip_node_count: nodes,
        },
        None => done(n, f64::NAN, 2, nodes),
    })
}

fn done(n: usize, fun: f64, status: i32, nodes: usize) -> MilpResult {
    let message = match status {
        1 => "Node limit reached before a feasible solution was found.",
        2 => "The problem is infeasible.",
        _ => "The problem is unbounded.",
    };
    MilpResult {
        x: Array1::from_elem(n, f64::NAN),
        fun,
        status,
        success: false,
        message: message.into(),
        mip_node_count: nodes,
    }
}
