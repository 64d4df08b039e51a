//! Linear sum assignment, SciPy's `linear_sum_assignment`: the shortest augmenting path
//! algorithm of Crouse (2016) (a Jonker–Volgenant variant for rectangular matrices), with
//! SciPy's tie-breaking so that the same assignment is returned.

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix2};
use sci_core::{Error, Result};

/// Options of [`linear_sum_assignment_with`].
///
/// ```
/// use sci_optimize::LinearSumAssignmentOptions;
/// assert!(!LinearSumAssignmentOptions::default().maximize);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LinearSumAssignmentOptions {
    /// Find the maximum-weight matching instead of the minimum-cost one.
    pub maximize: bool,
}

/// The result of [`linear_sum_assignment`]: SciPy's `(row_ind, col_ind)`, sorted by row.
///
/// ```
/// use sci_optimize::linear_sum_assignment;
/// use sci_core::ndarray::array;
/// let r = linear_sum_assignment(&array![[1.0, 2.0], [2.0, 1.0]])?;
/// assert_eq!(r.col_ind.to_vec(), vec![0, 1]);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinearSumAssignment {
    /// Assigned rows, increasing.
    pub row_ind: Array1<usize>,
    /// The column assigned to each of `row_ind`.
    pub col_ind: Array1<usize>,
}

/// Solves the (rectangular) linear sum assignment problem, SciPy's
/// `linear_sum_assignment(cost_matrix)`: choose `min(M, N)` entries, no two in the same row
/// or column, with minimum total cost. This is the Hungarian matching used, for example, to
/// pair detections with ground truth.
///
/// Each of the `min(M, N)` rows of the shorter side is added by a shortest augmenting path
/// over reduced costs (Dijkstra-like), so the cost is `O(min(M,N)² · max(M,N))`.
///
/// # Errors
/// [`Error::InvalidArgument`] if the matrix contains NaN or `-∞` (`+∞` marks a forbidden
/// pair), or if no complete assignment avoids the forbidden pairs ("cost matrix is
/// infeasible").
///
/// ```
/// use sci_optimize::linear_sum_assignment;
/// use sci_core::ndarray::array;
/// let cost = array![[4.0, 1.0, 3.0], [2.0, 0.0, 5.0], [3.0, 2.0, 2.0]];
/// let r = linear_sum_assignment(&cost)?;
/// assert_eq!(r.row_ind.to_vec(), vec![0, 1, 2]);
/// assert_eq!(r.col_ind.to_vec(), vec![1, 0, 2]);
/// let total: f64 = r.row_ind.iter().zip(&r.col_ind).map(|(&i, &j)| cost[[i, j]]).sum();
/// assert_eq!(total, 5.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn linear_sum_assignment<S: Data<Elem = f64>>(
    cost_matrix: &ArrayBase<S, Ix2>,
) -> Result<LinearSumAssignment> {
    linear_sum_assignment_with(cost_matrix, &LinearSumAssignmentOptions::default())
}

/// [`linear_sum_assignment`] with `maximize`.
///
/// # Errors
/// As [`linear_sum_assignment`] (with `maximize`, `+∞` entries are invalid and `-∞` forbidden).
///
/// ```
/// use sci_optimize::{linear_sum_assignment_with, LinearSumAssignmentOptions};
/// use sci_core::ndarray::array;
/// let score = array![[0.9, 0.1], [0.8, 0.7], [0.2, 0.6]];
/// let r = linear_sum_assignment_with(&score, &LinearSumAssignmentOptions { maximize: true })?;
/// assert_eq!(r.row_ind.to_vec(), vec![0, 1]);
/// assert_eq!(r.col_ind.to_vec(), vec![0, 1]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn linear_sum_assignment_with<S: Data<Elem = f64>>(
    cost_matrix: &ArrayBase<S, Ix2>,
    options: &LinearSumAssignmentOptions,
) -> Result<LinearSumAssignment> {
    let (nr0, nc0) = cost_matrix.dim();
    if nr0 == 0 || nc0 == 0 {
        return Ok(LinearSumAssignment { row_ind: Array1::zeros(0), col_ind: Array1::zeros(0) });
    }
    let transpose = nc0 < nr0;
    let (nr, nc) = if transpose { (nc0, nr0) } else { (nr0, nc0) };
    let mut cost = Vec::with_capacity(nr * nc);
    for i in 0..nr {
        for j in 0..nc {
            let v = if transpose { cost_matrix[[j, i]] } else { cost_matrix[[i, j]] };
            let v = if options.maximize { -v } else { v };
            if v.is_nan() || v == f64::NEG_INFINITY {
                return Err(Error::invalid_argument(
                    "cost_matrix",
                    "matrix contains invalid numeric entries",
                ));
            }
            cost.push(v);
        }
    }
    let infeasible = || Error::invalid_argument("cost_matrix", "cost matrix is infeasible");
    let mut u = vec![0.0; nr];
    let mut v = vec![0.0; nc];
    let mut spc = vec![f64::INFINITY; nc];
    let mut path = vec![usize::MAX; nc];
    let mut col4row = vec![usize::MAX; nr];
    let mut row4col = vec![usize::MAX; nc];
    let mut sr = vec![false; nr];
    let mut sc = vec![false; nc];
    let mut remaining = vec![0usize; nc];
    for cur_row in 0..nr {
        // Shortest augmenting path from cur_row.
        let mut min_val = 0.0;
        let mut num_remaining = nc;
        for it in 0..nc {
            remaining[it] = nc - it - 1;
        }
        sr.fill(false);
        sc.fill(false);
        spc.fill(f64::INFINITY);
        let mut sink = usize::MAX;
        let mut i = cur_row;
        while sink == usize::MAX {
            let mut index = usize::MAX;
            let mut lowest = f64::INFINITY;
            sr[i] = true;
            for it in 0..num_remaining {
                let j = remaining[it];
                let r = min_val + cost[i * nc + j] - u[i] - v[j];
                if r < spc[j] {
                    path[j] = i;
                    spc[j] = r;
                }
                if spc[j] < lowest || (spc[j] == lowest && row4col[j] == usize::MAX) {
                    lowest = spc[j];
                    index = it;
                }
            }
            min_val = lowest;
            if min_val == f64::INFINITY || index == usize::MAX {
                return Err(infeasible());
            }
            let j = remaining[index];
            if row4col[j] == usize::MAX {
                sink = j;
            } else {
                i = row4col[j];
            }
            sc[j] = true;
            num_remaining -= 1;
            remaining[index] = remaining[num_remaining];
        }
        // Dual update.
        u[cur_row] += min_val;
        for i in 0..nr {
            if sr[i] && i != cur_row {
                u[i] += min_val - spc[col4row[i]];
            }
        }
        for j in 0..nc {
            if sc[j] {
                v[j] -= min_val - spc[j];
            }
        }
        // Augment.
        let mut j = sink;
        loop {
            let i = path[j];
            row4col[j] = i;
            std::mem::swap(&mut col4row[i], &mut j);
            if i == cur_row {
                break;
            }
        }
    }
    if transpose {
        let mut pairs: Vec<(usize, usize)> = (0..nr).map(|i| (col4row[i], i)).collect();
        pairs.sort_unstable();
        Ok(LinearSumAssignment {
            row_ind: pairs.iter().map(|p| p.0).collect(),
            col_ind: pairs.iter().map(|p| p.1).collect(),
        })
    } else {
        Ok(LinearSumAssignment { row_ind: (0..nr).collect(), col_ind: col4row.into_iter().collect() })
    }
}
