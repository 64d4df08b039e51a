//! Dense-column splitting for the normal equations.
//!
//! A column with `k` nonzeros adds a dense `k × k` block to `A Θ Aᵀ`. A column with more
//! than `max(40, M/10)` nonzeros is cut into pieces of about `√k` rows: the first piece keeps
//! the variable (its cost and bounds), every further piece gets a free copy with zero cost,
//! and a chain of linking rows `x_prev − x_copy = 0` makes the copies equal. The blocks of
//! the normal equations shrink to `√k × √k` at the price of `√k` extra rows. Original
//! columns and rows keep their indices; copies and linking rows come after them.

use super::csc::Csc;
use super::presolve::StdForm;

/// Returns `sf` with its dense columns split (unchanged when there are none).
pub(super) fn split_dense_columns(sf: StdForm) -> StdForm {
    let (m, n) = (sf.a.nrows, sf.a.ncols);
    let limit = 40.max(m / 10);
    if (0..n).all(|j| sf.a.ptr[j + 1] - sf.a.ptr[j] <= limit) {
        return sf;
    }
    let StdForm { a, mut b, mut c, mut l, mut u } = sf;
    let mut trip = Vec::with_capacity(a.val.len() + 3 * n);
    let (mut rows, mut ncols) = (m, n);
    for j in 0..n {
        let entries: Vec<(usize, f64)> = a.col(j).collect();
        if entries.len() <= limit {
            trip.extend(entries.iter().map(|&(i, v)| (i, j, v)));
            continue;
        }
        let size = ((entries.len() as f64).sqrt().ceil() as usize).max(8);
        let mut prev = j;
        for (k, part) in entries.chunks(size).enumerate() {
            let col = if k == 0 {
                j
            } else {
                let copy = ncols;
                ncols += 1;
                c.push(0.0);
                l.push(f64::NEG_INFINITY);
                u.push(f64::INFINITY);
                trip.push((rows, prev, 1.0));
                trip.push((rows, copy, -1.0));
                b.push(0.0);
                rows += 1;
                prev = copy;
                copy
            };
            trip.extend(part.iter().map(|&(i, v)| (i, col, v)));
        }
    }
    StdForm { a: Csc::from_triplets(rows, ncols, &trip), b, c, l, u }
}
