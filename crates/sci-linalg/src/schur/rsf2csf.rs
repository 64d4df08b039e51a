//! Real Schur form → complex Schur form: each 2×2 block of a complex-conjugate pair is
//! triangularized by a complex Givens rotation (SciPy's `rsf2csf` algorithm), `O(n²)`
//! flops per block.

use faer::Mat;
use sci_core::num_complex::Complex;
use sci_core::{Real, Scalar};

/// Complex `(T, Z)` with `T` upper triangular from a real Schur pair, same `Z T Zᴴ`.
pub(crate) fn real_to_complex_schur<R: Real>(t: &Mat<R>, z: &Mat<R>) -> (Mat<Complex<R>>, Mat<Complex<R>>) {
    let n = t.nrows();
    let zero = R::from_f64(0.0);
    let mut t = Mat::<Complex<R>>::from_fn(n, n, |i, j| Complex::new(t[(i, j)], zero));
    let mut z = Mat::<Complex<R>>::from_fn(z.nrows(), z.ncols(), |i, j| Complex::new(z[(i, j)], zero));
    for m in (1..n).rev() {
        let sub = t[(m, m - 1)];
        if sub.norm() > R::epsilon() * (t[(m - 1, m - 1)].norm() + t[(m, m)].norm()) {
            // μ = λ − t[m, m] for the eigenvalue λ of the block with positive imaginary part.
            let (a, b, c, d) = (t[(m - 1, m - 1)], t[(m - 1, m)], sub, t[(m, m)]);
            let half = R::from_f64(0.5);
            let mean = (a + d) * half;
            let disc = ((a - d) * half * ((a - d) * half) + b * c).sqrt();
            let (l1, l2) = (mean + disc, mean - disc);
            let lambda = if l1.im >= l2.im { l1 } else { l2 };
            let mu = lambda - d;
            let r = mu.norm().hypot(sub.norm());
            let (cg, sg) = (mu / r, sub / r);
            // G = [c̄ s; −s c]; T ← G T on rows m−1, m; T ← T Gᴴ on columns; Z ← Z Gᴴ.
            for j in m - 1..n {
                let (x, y) = (t[(m - 1, j)], t[(m, j)]);
                t[(m - 1, j)] = cg.conj() * x + sg * y;
                t[(m, j)] = -sg * x + cg * y;
            }
            for i in 0..=m {
                let (x, y) = (t[(i, m - 1)], t[(i, m)]);
                t[(i, m - 1)] = x * cg + y * sg.conj();
                t[(i, m)] = -x * sg.conj() + y * cg.conj();
            }
            for i in 0..z.nrows() {
                let (x, y) = (z[(i, m - 1)], z[(i, m)]);
                z[(i, m - 1)] = x * cg + y * sg.conj();
                z[(i, m)] = -x * sg.conj() + y * cg.conj();
            }
        }
        t[(m, m - 1)] = Complex::new(zero, zero);
    }
    (t, z)
}
