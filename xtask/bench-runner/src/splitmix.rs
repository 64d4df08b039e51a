//! SplitMix64 inputs shared with `xtask/bench/splitmix.py` (see there for the definition).

use sci::ndarray::Array2;

const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Value `i` of stream `seed`, uniform in `[0, 1)`.
pub(crate) fn uniform(seed: u64, i: u64) -> f64 {
    (mix(seed.wrapping_add(GAMMA.wrapping_mul(i + 1))) >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Row-major `rows × cols` matrix with entries uniform in `[-1, 1)`.
pub(crate) fn matrix(seed: u64, rows: usize, cols: usize) -> Array2<f64> {
    Array2::from_shape_fn((rows, cols), |(i, j)| 2.0 * uniform(seed, (i * cols + j) as u64) - 1.0)
}

/// `A Aᵀ / n + I` for `A = matrix(seed, n, n)`.
pub(crate) fn spd(seed: u64, n: usize) -> sci::Result<Array2<f64>> {
    let a = matrix(seed, n, n);
    let mut s = sci::linalg::matmul(&a, &a.t())? / n as f64;
    s.diag_mut().mapv_inplace(|d| d + 1.0);
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Constants computed with xtask/bench/splitmix.py; if this fails the two halves of the
    /// benchmark no longer see the same inputs.
    #[test]
    fn matches_the_python_definition() {
        let expected = [0.5665615751722809, 0.7457817572627011, 0.9710027535867962, 0.4443592170557721];
        for (i, e) in expected.iter().enumerate() {
            assert_eq!(uniform(1, i as u64), *e, "value {i}");
        }
        let m = matrix(2, 2, 3);
        assert_eq!(m[[1, 2]], 2.0 * uniform(2, 5) - 1.0);
    }
}
