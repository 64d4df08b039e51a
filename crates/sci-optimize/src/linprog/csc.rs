//! A minimal compressed-sparse-column matrix for the linear-programming internals.

/// Column-compressed `nrows × ncols` matrix; entries of a column are sorted by row and
/// duplicates are summed.
#[derive(Debug, Clone)]
pub(super) struct Csc {
    pub nrows: usize,
    pub ncols: usize,
    pub ptr: Vec<usize>,
    pub idx: Vec<usize>,
    pub val: Vec<f64>,
}

impl Csc {
    /// Builds the matrix from `(row, col, value)` triplets; zeros are dropped.
    pub fn from_triplets(nrows: usize, ncols: usize, trip: &[(usize, usize, f64)]) -> Csc {
        let mut count = vec![0usize; ncols + 1];
        for &(_, j, v) in trip {
            if v != 0.0 {
                count[j + 1] += 1;
            }
        }
        for j in 0..ncols {
            count[j + 1] += count[j];
        }
        let mut next = count.clone();
        let nnz = count[ncols];
        let mut idx = vec![0usize; nnz];
        let mut val = vec![0.0; nnz];
        for &(i, j, v) in trip {
            if v != 0.0 {
                idx[next[j]] = i;
                val[next[j]] = v;
                next[j] += 1;
            }
        }
        // Sort each column by row and sum duplicates.
        let mut ptr = vec![0usize; ncols + 1];
        let mut out_i = Vec::with_capacity(nnz);
        let mut out_v = Vec::with_capacity(nnz);
        for j in 0..ncols {
            let mut col: Vec<(usize, f64)> = (count[j]..count[j + 1]).map(|k| (idx[k], val[k])).collect();
            col.sort_by_key(|e| e.0);
            for (i, v) in col {
                if out_i.len() > ptr[j] && out_i.last() == Some(&i) {
                    if let Some(last) = out_v.last_mut() {
                        *last += v;
                    }
                } else {
                    out_i.push(i);
                    out_v.push(v);
                }
            }
            ptr[j + 1] = out_i.len();
        }
        Csc { nrows, ncols, ptr, idx: out_i, val: out_v }
    }

    /// The entries of column `j` as `(row, value)`.
    pub fn col(&self, j: usize) -> impl Iterator<Item = (usize, f64)> + '_ {
        (self.ptr[j]..self.ptr[j + 1]).map(move |k| (self.idx[k], self.val[k]))
    }

    /// `y += A x`.
    pub fn mul_add(&self, x: &[f64], y: &mut [f64]) {
        for (j, &xj) in x.iter().enumerate() {
            if xj != 0.0 {
                for (i, a) in self.col(j) {
                    y[i] += a * xj;
                }
            }
        }
    }

    /// `A x`.
    pub fn mul(&self, x: &[f64]) -> Vec<f64> {
        let mut y = vec![0.0; self.nrows];
        self.mul_add(x, &mut y);
        y
    }

    /// `Aᵀ y`.
    pub fn tmul(&self, y: &[f64]) -> Vec<f64> {
        (0..self.ncols).map(|j| self.col(j).map(|(i, a)| a * y[i]).sum()).collect()
    }

    /// The transpose (a row-compressed view of `A`).
    pub fn transpose(&self) -> Csc {
        let trip: Vec<(usize, usize, f64)> =
            (0..self.ncols).flat_map(|j| self.col(j).map(move |(i, v)| (j, i, v))).collect();
        Csc::from_triplets(self.ncols, self.nrows, &trip)
    }
}
