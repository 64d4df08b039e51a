//! What the multivariate distributions share: the "rows are points" input check, the
//! parameter-vector check and the seeded, thread-count-independent row sampler behind
//! their `rvs`.

use rand::{Rng, SeedableRng, rngs::Xoshiro256PlusPlus};
use sci_core::ndarray::{Array2, ArrayBase, Data, Ix1, Ix2};
use sci_core::{Error, Result};

/// Rows drawn per generator block in [`sample_rows`].
const ROWS_PER_BLOCK: usize = 4096;
/// Samples of at least this many elements are drawn in parallel.
const PAR_SAMPLE_MIN: usize = 1 << 15;

/// Checks that `x` holds points as rows with `dim` columns.
pub(super) fn check_points<S: Data<Elem = f64>>(what: &str, x: &ArrayBase<S, Ix2>, dim: usize) -> Result<()> {
    if x.ncols() == dim {
        Ok(())
    } else {
        Err(Error::shape_mismatch(
            what,
            format!("{dim} columns (one row per point, one column per component)"),
            format!("{} columns", x.ncols()),
        ))
    }
}

/// Checks that a parameter vector is non-empty and finite.
pub(super) fn check_vector<S: Data<Elem = f64>>(what: &str, v: &ArrayBase<S, Ix1>) -> Result<()> {
    sci_core::validate::check_non_empty(what, v)?;
    sci_core::validate::check_finite(what, v)
}

/// `size × dim` samples; `fill(rng, row)` writes one row.
///
/// Rows are drawn in blocks of 4096, each from its own xoshiro256++ generator seeded from
/// `rng`, and the blocks run in parallel for large samples: for a given seed the result is
/// the same whatever the number of threads.
pub(super) fn sample_rows<T, R, F>(size: usize, dim: usize, rng: &mut R, fill: F) -> Array2<T>
where
    T: Copy + Default + Send,
    R: Rng + ?Sized,
    F: Fn(&mut Xoshiro256PlusPlus, &mut [T]) + Sync,
{
    use rayon::prelude::*;
    let nblocks = size.div_ceil(ROWS_PER_BLOCK);
    let seeds: Vec<u64> = (0..nblocks).map(|_| rng.next_u64()).collect();
    let mut out = vec![T::default(); size * dim];
    if dim > 0 {
        let block_len = ROWS_PER_BLOCK * dim;
        let run = |(block, seed): (&mut [T], &u64)| {
            let mut r = Xoshiro256PlusPlus::seed_from_u64(*seed);
            for row in block.chunks_mut(dim) {
                fill(&mut r, row);
            }
        };
        if size * dim >= PAR_SAMPLE_MIN {
            sci_core::install(|| out.par_chunks_mut(block_len).zip(seeds.par_iter()).for_each(run));
        } else {
            out.chunks_mut(block_len).zip(seeds.iter()).for_each(run);
        }
    }
    Array2::from_shape_vec((size, dim), out).unwrap_or_else(|_| Array2::from_elem((size, dim), T::default()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::RngExt;

    #[test]
    fn sampler_is_independent_of_block_parallelism_and_fills_rows() {
        let mut a = Xoshiro256PlusPlus::seed_from_u64(3);
        let mut b = Xoshiro256PlusPlus::seed_from_u64(3);
        let big = sample_rows(10_000, 4, &mut a, |r, row: &mut [f64]| {
            for v in row.iter_mut() {
                *v = r.random::<f64>();
            }
        });
        let again = sample_rows(10_000, 4, &mut b, |r, row: &mut [f64]| {
            for v in row.iter_mut() {
                *v = r.random::<f64>();
            }
        });
        assert_eq!(big, again);
        assert_eq!(big.dim(), (10_000, 4));
        assert!(big.iter().all(|&v| (0.0..1.0).contains(&v)));
        let empty: Array2<f64> = sample_rows(0, 3, &mut a, |_, _| {});
        assert_eq!(empty.dim(), (0, 3));
    }
}
