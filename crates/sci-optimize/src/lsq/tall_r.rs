//! The `R` factor of a tall, narrow matrix, streamed through small blocks (TSQR).
//!
//! For an `M×k` matrix with `M ≫ k` (a least-squares Jacobian with the residual vector as an
//! extra column), `R` is built block by block: the running `k×k` triangle is stacked on top of
//! the next `B` rows and re-factored by Householder reflections, so every row is read once and
//! the working set (`(k+B)·k` values) stays in L1/L2. Row ranges are reduced in parallel and
//! their triangles combined the same way. The cost is `≈ 2Mk²` flops, as for one Householder
//! QR, without forming `Q` or copying the input.
//!
//! The result equals the `R` of a Householder QR of the whole matrix up to the signs of its
//! rows (`RᵀR = AᵀA` in exact arithmetic; backward stable like Householder QR), which is all
//! an SVD-based trust-region solve needs.

use rayon::prelude::*;

use super::kernels::{axpy, dot, norm2};

/// Rows per block below the running triangle.
const BLOCK_ROWS: usize = 256;
/// Minimum rows per parallel part; shorter inputs are reduced on one thread.
const PART_ROWS: usize = 16_384;

/// Running triangle plus one block of pending rows, column-major with leading dimension `ld`.
struct Accumulator {
    k: usize,
    ld: usize,
    w: Vec<f64>,
}

impl Accumulator {
    fn new(k: usize) -> Self {
        let ld = k + BLOCK_ROWS.max(4 * k);
        Self { k, ld, w: vec![0.0; ld * k] }
    }

    /// Room for the next block: at most this many rows.
    fn capacity(&self) -> usize {
        self.ld - self.k
    }

    /// Rows `0..rows` of column `c` of the pending block.
    fn block_column(&mut self, c: usize, rows: usize) -> &mut [f64] {
        let at = c * self.ld + self.k;
        &mut self.w[at..at + rows]
    }

    /// Householder QR of the triangle stacked on the first `pending` block rows; leaves the
    /// new triangle on top.
    fn fold(&mut self, pending: usize) {
        let (k, ld, rows) = (self.k, self.ld, self.k + pending);
        for c in 0..k {
            let (head, rest) = self.w.split_at_mut((c + 1) * ld);
            let col = &mut head[c * ld + c..c * ld + rows];
            let Some((beta, tau)) = reflector(col) else { continue };
            for c2 in c + 1..k {
                let other = &mut rest[(c2 - c - 1) * ld + c..(c2 - c - 1) * ld + rows];
                let s = tau * (other[0] + dot(&col[1..], &other[1..]));
                other[0] -= s;
                axpy(-s, &col[1..], &mut other[1..]);
            }
            col[0] = beta;
        }
        // Clear the reflectors under the diagonal so the triangle can take the next block.
        for c in 0..k {
            self.w[c * ld + c + 1..c * ld + k].fill(0.0);
        }
    }

    /// The `k×k` upper triangle, row-major.
    fn triangle(&self) -> Vec<f64> {
        let k = self.k;
        let mut r = vec![0.0; k * k];
        for i in 0..k {
            for j in i..k {
                r[i * k + j] = self.w[i + j * self.ld];
            }
        }
        r
    }
}

/// Turns `x` into the Householder vector `v` (with implicit `v[0] = 1`, stored in `x[1..]`)
/// such that `(I − τvvᵀ)x = βe₁`; returns `(β, τ)`, or `None` when `x` is already `βe₁`.
fn reflector(x: &mut [f64]) -> Option<(f64, f64)> {
    let alpha = x[0];
    let tail = norm2(&x[1..]);
    if tail == 0.0 {
        return None;
    }
    let beta = -alpha.hypot(tail).copysign(alpha);
    let tau = (beta - alpha) / beta;
    let inv = 1.0 / (alpha - beta);
    for v in &mut x[1..] {
        *v *= inv;
    }
    Some((beta, tau))
}

/// `R` (row-major `k×k`, upper triangular) of the `rows×k` matrix whose entries are written
/// by `fill(first_row, column, out)`: rows `first_row..first_row + out.len()` of `column`.
/// Parallel over row ranges for long inputs.
pub(crate) fn tall_r<F>(rows: usize, k: usize, fill: F) -> Vec<f64>
where
    F: Fn(usize, usize, &mut [f64]) + Sync,
{
    let reduce = |range: std::ops::Range<usize>| {
        let mut acc = Accumulator::new(k);
        let mut start = range.start;
        while start < range.end {
            let b = acc.capacity().min(range.end - start);
            for c in 0..k {
                fill(start, c, acc.block_column(c, b));
            }
            acc.fold(b);
            start += b;
        }
        acc.triangle()
    };
    let parts = (rows / PART_ROWS).min(sci_core::num_threads()).max(1);
    if parts == 1 {
        return reduce(0..rows);
    }
    let per = rows.div_ceil(parts);
    let triangles: Vec<Vec<f64>> = sci_core::install(|| {
        (0..parts).into_par_iter().map(|p| reduce(p * per..((p + 1) * per).min(rows))).collect()
    });
    let mut acc = Accumulator::new(k);
    for t in &triangles {
        for c in 0..k {
            for (i, v) in acc.block_column(c, k).iter_mut().enumerate() {
                *v = t[i * k + c];
            }
        }
        acc.fold(k);
    }
    acc.triangle()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// Deterministic test matrix with a wide range of column scales.
    fn entry(i: usize, j: usize) -> f64 {
        let h = (i as u64 * 2_654_435_761 + j as u64 * 40_503) % 1_000_003;
        (h as f64 / 1_000_003.0 - 0.5) * 10f64.powi(j as i32 - 2)
    }

    /// RᵀR must equal AᵀA, and R must be upper triangular.
    fn check(rows: usize, k: usize) {
        let r = tall_r(rows, k, |i0, j, out| {
            for (i, o) in out.iter_mut().enumerate() {
                *o = entry(i0 + i, j);
            }
        });
        for i in 0..k {
            for j in 0..i {
                assert_eq!(r[i * k + j], 0.0);
            }
        }
        for a in 0..k {
            for b in 0..k {
                let gram: f64 = (0..rows).map(|i| entry(i, a) * entry(i, b)).sum();
                let rtr: f64 = (0..k).map(|i| r[i * k + a] * r[i * k + b]).sum();
                let scale = ((0..rows).map(|i| entry(i, a).powi(2)).sum::<f64>()
                    * (0..rows).map(|i| entry(i, b).powi(2)).sum::<f64>())
                .sqrt();
                assert!((gram - rtr).abs() <= 1e-13 * scale, "rows={rows} k={k} ({a},{b}): {gram} vs {rtr}");
            }
        }
    }

    #[test]
    fn gram_matches_for_short_long_and_parallel_inputs() {
        check(3, 4);
        check(10, 4);
        check(257, 4);
        check(1000, 7);
        check(2 * PART_ROWS + 17, 4);
        check(300, 33);
    }

    #[test]
    fn zero_and_huge_columns_stay_finite() {
        let r = tall_r(600, 3, |i0, j, out| {
            for (i, o) in out.iter_mut().enumerate() {
                let i = i0 + i;
                *o = match j {
                    0 => 0.0,
                    1 => 1e200 * ((i % 7) as f64 - 3.0),
                    _ => 1e-200 * ((i % 5) as f64 - 2.0),
                };
            }
        });
        assert!(r.iter().all(|v| v.is_finite()));
        assert_eq!(r[0], 0.0);
        let expect: f64 = (0..600).map(|i| ((i % 7) as f64 - 3.0).powi(2)).sum::<f64>().sqrt() * 1e200;
        assert!((r[4].abs() - expect).abs() <= 1e-13 * expect);
    }
}
