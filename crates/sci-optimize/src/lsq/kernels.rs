//! Slice kernels shared by the least-squares solvers' inner loops.

/// `Σ aᵢbᵢ` with four independent accumulators, so the loop vectorizes (the summation order
/// differs from a left-to-right sum in the last bits).
pub(crate) fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (ac, bc) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = ac.remainder().iter().zip(bc.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in ac.zip(bc) {
        for l in 0..4 {
            acc[l] += x[l] * y[l];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// Two-norm `‖v‖₂`: the vectorized [`dot`], with a rescaled second pass when the plain sum
/// of squares over- or underflows (MINPACK's `enorm` guards the same cases).
pub(crate) fn norm2(v: &[f64]) -> f64 {
    let s = dot(v, v);
    if s.is_nan() {
        return f64::NAN; // a NaN entry (squares cannot make one otherwise)
    }
    if s.is_finite() && s > 1e-290 {
        return s.sqrt();
    }
    let big = v.iter().fold(0.0f64, |a, b| a.max(b.abs()));
    if big == 0.0 || !big.is_finite() {
        return big;
    }
    let inv = 1.0 / big;
    big * v.iter().map(|x| (x * inv) * (x * inv)).sum::<f64>().sqrt()
}

/// `y ← y + a·x`.
pub(crate) fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    for (yv, xv) in y.iter_mut().zip(x) {
        *yv += a * xv;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain_norm(v: &[f64]) -> f64 {
        v.iter().map(|x| x * x).sum::<f64>().sqrt()
    }

    #[test]
    fn norm2_survives_extremes_and_keeps_nan() {
        assert!((norm2(&[3e200, 4e200]) - 5e200).abs() <= 2e185);
        assert!((norm2(&[3e-200, 4e-200]) - 5e-200).abs() <= 1e-214);
        assert!(norm2(&[f64::NAN, 0.0]).is_nan());
        assert_eq!(norm2(&[0.0, -0.0]), 0.0);
        assert_eq!(norm2(&[f64::INFINITY, 1.0]), f64::INFINITY);
    }

    #[test]
    fn dot_and_axpy_match_plain_loops() {
        for n in [0usize, 1, 3, 4, 5, 17] {
            let a: Vec<f64> = (0..n).map(|i| i as f64 * 0.5 - 2.0).collect();
            let b: Vec<f64> = (0..n).map(|i| 1.0 / (i as f64 + 1.0)).collect();
            let plain: f64 = a.iter().zip(&b).map(|(x, y)| x * y).sum();
            assert!((dot(&a, &b) - plain).abs() <= 1e-14 * (1.0 + plain.abs()));
            assert!((norm2(&a) - plain_norm(&a)).abs() <= 1e-14 * (1.0 + plain_norm(&a)));
            let mut y = b.clone();
            axpy(2.0, &a, &mut y);
            for i in 0..n {
                assert_eq!(y[i], b[i] + 2.0 * a[i]);
            }
        }
    }
}
