//! The inner recurrences of IIR filtering: direct form II transposed (`lfilter`) and a
//! cascade of biquads (`sosfilt`), over one contiguous lane.
//!
//! A 1-D recurrence cannot be split across threads without changing its rounding, so its
//! speed is the latency of the per-sample dependency chain. Filters of common orders are
//! monomorphized over the order: the state then lives in registers instead of being stored
//! and reloaded every sample, which is what bounds a loop over a runtime-length state
//! slice. The arithmetic (and so the rounding) is the same on every path.

use sci_core::Real;

/// Largest state length (`max(len(a), len(b)) - 1`) with a register-resident kernel.
const MAX_FIXED_ORDER: usize = 16;
/// Largest number of second-order sections with a register-resident kernel.
const MAX_FIXED_SECTIONS: usize = 8;

/// Direct form II transposed over one lane: `y[n] = b₀x[n] + z₀`,
/// `zᵢ ← bᵢ₊₁x[n] + zᵢ₊₁ − aᵢ₊₁y[n]`. `b` and `a` have length `z.len() + 1` and `a₀ = 1`;
/// `z` is the state, updated in place.
pub(crate) fn df2t<T: Real>(b: &[T], a: &[T], x: &[T], y: &mut [T], z: &mut [T]) {
    macro_rules! fixed {
        ($($k:literal)*) => {
            match z.len() {
                0 => scale(b[0], x, y),
                $($k => df2t_fixed::<T, $k>(b, a, x, y, z),)*
                _ => df2t_any(b, a, x, y, z),
            }
        };
    }
    const _: () = assert!(MAX_FIXED_ORDER == 16);
    fixed!(1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16);
}

fn scale<T: Real>(b0: T, x: &[T], y: &mut [T]) {
    for (o, &v) in y.iter_mut().zip(x) {
        *o = b0 * v;
    }
}

/// [`df2t`] for a state of exactly `K ≥ 1` values, held in a local array.
fn df2t_fixed<T: Real, const K: usize>(b: &[T], a: &[T], x: &[T], y: &mut [T], zs: &mut [T]) {
    let b0 = b[0];
    let mut bk = [T::zero(); K];
    let mut ak = [T::zero(); K];
    let mut z = [T::zero(); K];
    bk.copy_from_slice(&b[1..=K]);
    ak.copy_from_slice(&a[1..=K]);
    z.copy_from_slice(zs);
    for (o, &xn) in y.iter_mut().zip(x) {
        let yn = b0 * xn + z[0];
        for i in 0..K - 1 {
            z[i] = bk[i] * xn + z[i + 1] - ak[i] * yn;
        }
        z[K - 1] = bk[K - 1] * xn - ak[K - 1] * yn;
        *o = yn;
    }
    zs.copy_from_slice(&z);
}

/// [`df2t`] for any state length `k ≥ 1`.
fn df2t_any<T: Real>(b: &[T], a: &[T], x: &[T], y: &mut [T], z: &mut [T]) {
    let k = z.len();
    let b0 = b[0];
    // Slices of exactly `k` elements let the compiler drop the bounds checks in the loop.
    let (b1, a1) = (&b[1..=k], &a[1..=k]);
    for (o, &xn) in y.iter_mut().zip(x) {
        let yn = b0 * xn + z[0];
        for i in 0..k - 1 {
            z[i] = b1[i] * xn + z[i + 1] - a1[i] * yn;
        }
        z[k - 1] = b1[k - 1] * xn - a1[k - 1] * yn;
        *o = yn;
    }
}

/// A cascade of biquads (rows `[b₀, b₁, b₂, 1, a₁, a₂]`) over one lane, each section in
/// direct form II transposed; `z` holds two states per section, updated in place.
pub(crate) fn biquads<T: Real>(sos: &[[T; 6]], x: &[T], y: &mut [T], z: &mut [[T; 2]]) {
    macro_rules! fixed {
        ($($s:literal)*) => {
            match sos.len() {
                $($s => biquads_fixed::<T, $s>(sos, x, y, z),)*
                _ => biquads_any(sos, x, y, z),
            }
        };
    }
    const _: () = assert!(MAX_FIXED_SECTIONS == 8);
    fixed!(1 2 3 4 5 6 7 8);
}

/// One biquad step: returns the section's output for input `v` and updates its state.
///
/// `z₀ ← (b₁v + z₁) − a₁·out` is summed in that order (SciPy sums `b₁v − a₁·out + z₁`) so that
/// only one multiply and one subtraction follow `out` on the recurrence's critical path;
/// the results differ from SciPy's in the last bits only.
#[inline(always)]
fn biquad_step<T: Real>(s: &[T; 6], zs: &mut [T; 2], v: T) -> T {
    let out = s[0] * v + zs[0];
    zs[0] = (s[1] * v + zs[1]) - s[4] * out;
    zs[1] = s[2] * v - s[5] * out;
    out
}

/// [`biquads`] for exactly `S ≥ 1` sections, coefficients and state in local arrays.
fn biquads_fixed<T: Real, const S: usize>(sos: &[[T; 6]], x: &[T], y: &mut [T], zs: &mut [[T; 2]]) {
    let mut c = [[T::zero(); 6]; S];
    let mut z = [[T::zero(); 2]; S];
    c.copy_from_slice(sos);
    z.copy_from_slice(zs);
    for (o, &xn) in y.iter_mut().zip(x) {
        let mut v = xn;
        for j in 0..S {
            v = biquad_step(&c[j], &mut z[j], v);
        }
        *o = v;
    }
    zs.copy_from_slice(&z);
}

/// [`biquads`] for any number of sections.
fn biquads_any<T: Real>(sos: &[[T; 6]], x: &[T], y: &mut [T], z: &mut [[T; 2]]) {
    for (o, &xn) in y.iter_mut().zip(x) {
        let mut v = xn;
        for (s, zs) in sos.iter().zip(z.iter_mut()) {
            v = biquad_step(s, zs, v);
        }
        *o = v;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixed-order kernels agree bit for bit with the general ones.
    #[test]
    fn fixed_kernels_match_general_ones() {
        let x: Vec<f64> = (0..257).map(|i| ((i * 37 % 101) as f64 - 50.0) / 7.0).collect();
        for k in 1..=MAX_FIXED_ORDER + 2 {
            let b: Vec<f64> = (0..=k).map(|i| 0.1 / (i as f64 + 1.0)).collect();
            let a: Vec<f64> =
                (0..=k).map(|i| if i == 0 { 1.0 } else { 0.3f64.powi(i as i32) * 0.5 }).collect();
            let (mut y1, mut y2) = (vec![0.0; x.len()], vec![0.0; x.len()]);
            let (mut z1, mut z2) = (vec![0.25; k], vec![0.25; k]);
            df2t(&b, &a, &x, &mut y1, &mut z1);
            df2t_any(&b, &a, &x, &mut y2, &mut z2);
            assert_eq!(y1, y2, "order {k}");
            assert_eq!(z1, z2, "order {k}");
        }
        for s in 1..=MAX_FIXED_SECTIONS + 2 {
            let sos: Vec<[f64; 6]> = (0..s)
                .map(|j| [0.2, 0.1 + j as f64 * 0.01, 0.05, 1.0, -0.4, 0.1 + j as f64 * 0.02])
                .collect();
            let (mut y1, mut y2) = (vec![0.0; x.len()], vec![0.0; x.len()]);
            let (mut z1, mut z2) = (vec![[0.1, -0.2]; s], vec![[0.1, -0.2]; s]);
            biquads(&sos, &x, &mut y1, &mut z1);
            biquads_any(&sos, &x, &mut y2, &mut z2);
            assert_eq!(y1, y2, "{s} sections");
            assert_eq!(z1, z2, "{s} sections");
        }
    }
}
