//! Complex Schur form of an upper Hessenberg matrix: the implicit single-shift QR iteration
//! with Wilkinson shifts (Golub & Van Loan §7.5), LAPACK's exceptional shifts and the
//! Ahues–Tisseur deflation test, as in `zlahqr`. Subdiagonal entries are kept real, which
//! makes each bulge-chasing step a 2×2 reflector with a real second component.
//!
//! About `≈ 25n³` real flops with the Schur vectors accumulated (complex arithmetic).

use faer::Mat;
use sci_core::num_complex::Complex;
use sci_core::{Error, Real, Result, Scalar};

/// `|re| + |im|`, LAPACK's cheap modulus.
fn cabs1<R: Real>(z: Complex<R>) -> R {
    z.re.abs() + z.im.abs()
}

/// Overwrites the upper Hessenberg `h` with an upper triangular `T` and `z` with `z Q`,
/// where `hᵢₙ = Q T Qᴴ`.
pub(super) fn single_shift_qr<R: Real>(h: &mut Mat<Complex<R>>, z: &mut Mat<Complex<R>>) -> Result<()> {
    let n = h.nrows();
    if n == 0 {
        return Ok(());
    }
    let zero = R::from_f64(0.0);
    let ulp = R::epsilon();
    let smlnum = R::min_positive_value() * (R::from_f64(n as f64) / ulp);
    let itmax = 30 * n.max(10);

    // Make the subdiagonal real: scale row/column i by a unit phase.
    for i in 1..n {
        let sub = h[(i, i - 1)];
        if sub.im != zero {
            let abs = sub.norm();
            let sc = (sub / abs).conj();
            h[(i, i - 1)] = Complex::new(abs, zero);
            scale_row(h, i, i..n, sc);
            scale_col(h, i, 0..(i + 2).min(n), sc.conj());
            scale_col(z, i, 0..n, sc.conj());
        }
    }

    let mut i = n - 1;
    loop {
        let mut l = 0;
        let mut converged = false;
        for its in 0..=itmax {
            l = deflation_point(h, l, i, ulp, smlnum);
            if l > 0 {
                h[(l, l - 1)] = Complex::new(zero, zero);
            }
            if l >= i {
                converged = true;
                break;
            }
            let t = shift(h, l, i, its);
            let (m, mut v) = sweep_start(h, l, i, t, ulp);
            for k in m..i {
                if k > m {
                    v = [h[(k, k - 1)], h[(k + 1, k - 1)]];
                }
                let (beta, t1) = householder2(&mut v);
                if k > m {
                    h[(k, k - 1)] = beta;
                    h[(k + 1, k - 1)] = Complex::new(zero, zero);
                }
                let v2 = v[1];
                // τ·v₂ is real when the second input component is (subdiagonals are kept real).
                let t2 = (t1 * v2).re;
                for j in k..n {
                    let sum = t1.conj() * h[(k, j)] + h[(k + 1, j)] * t2;
                    h[(k, j)] -= sum;
                    h[(k + 1, j)] -= sum * v2;
                }
                for j in 0..=(k + 2).min(i) {
                    let sum = t1 * h[(j, k)] + h[(j, k + 1)] * t2;
                    h[(j, k)] -= sum;
                    h[(j, k + 1)] -= sum * v2.conj();
                }
                for j in 0..n {
                    let sum = t1 * z[(j, k)] + z[(j, k + 1)] * t2;
                    z[(j, k)] -= sum;
                    z[(j, k + 1)] -= sum * v2.conj();
                }
                if k == m && m > l {
                    // The sweep started below l: restore a real h[m+1, m].
                    let one = Complex::new(R::from_f64(1.0), zero);
                    let temp = one - t1;
                    let temp = temp / temp.norm();
                    h[(m + 1, m)] *= temp.conj();
                    if m + 2 <= i {
                        h[(m + 2, m + 1)] *= temp;
                    }
                    for j in m..=i {
                        if j != m + 1 {
                            if n > j + 1 {
                                scale_row(h, j, j + 1..n, temp);
                            }
                            scale_col(h, j, 0..j, temp.conj());
                            scale_col(z, j, 0..n, temp.conj());
                        }
                    }
                }
            }
            // Keep h[i, i-1] real.
            let sub = h[(i, i - 1)];
            if sub.im != zero {
                let abs = sub.norm();
                h[(i, i - 1)] = Complex::new(abs, zero);
                let phase = sub / abs;
                if n > i + 1 {
                    scale_row(h, i, i + 1..n, phase.conj());
                }
                scale_col(h, i, 0..i, phase);
                scale_col(z, i, 0..n, phase);
            }
        }
        if !converged {
            return Err(Error::not_converged("Schur decomposition (complex QR iteration)", itmax));
        }
        if l == 0 {
            return Ok(());
        }
        i = l - 1;
    }
}

fn scale_row<R: Real>(m: &mut Mat<Complex<R>>, row: usize, cols: std::ops::Range<usize>, s: Complex<R>) {
    for j in cols {
        m[(row, j)] *= s;
    }
}

fn scale_col<R: Real>(m: &mut Mat<Complex<R>>, col: usize, rows: std::ops::Range<usize>, s: Complex<R>) {
    for j in rows {
        m[(j, col)] *= s;
    }
}

/// The largest `k` in `(l, i]` whose subdiagonal entry is negligible, or `l`.
fn deflation_point<R: Real>(h: &Mat<Complex<R>>, l: usize, i: usize, ulp: R, smlnum: R) -> usize {
    let zero = R::from_f64(0.0);
    let n = h.nrows();
    let mut k = i;
    while k > l {
        let sub = cabs1(h[(k, k - 1)]);
        if sub <= smlnum {
            break;
        }
        let mut tst = cabs1(h[(k - 1, k - 1)]) + cabs1(h[(k, k)]);
        if tst == zero {
            if k >= 2 {
                tst += h[(k - 1, k - 2)].re.abs();
            }
            if k + 1 < n {
                tst += h[(k + 1, k)].re.abs();
            }
        }
        if h[(k, k - 1)].re.abs() <= ulp * tst {
            let up = cabs1(h[(k - 1, k)]);
            let (ab, ba) = (sub.max(up), sub.min(up));
            let diff = cabs1(h[(k - 1, k - 1)] - h[(k, k)]);
            let hkk = cabs1(h[(k, k)]);
            let (aa, bb) = (hkk.max(diff), hkk.min(diff));
            let s = aa + ab;
            if ba * (ab / s) <= smlnum.max(ulp * (bb * (aa / s))) {
                break;
            }
        }
        k -= 1;
    }
    k
}

/// Wilkinson's shift (the eigenvalue of the trailing 2×2 block nearer `h[i, i]`), or
/// LAPACK's exceptional shifts after 10 and 20 iterations without deflation.
fn shift<R: Real>(h: &Mat<Complex<R>>, l: usize, i: usize, its: usize) -> Complex<R> {
    let zero = R::from_f64(0.0);
    let half = R::from_f64(0.5);
    let dat1 = R::from_f64(0.75);
    if its == 10 {
        return Complex::new(dat1 * h[(l + 1, l)].re.abs(), zero) + h[(l, l)];
    }
    if its == 20 {
        return Complex::new(dat1 * h[(i, i - 1)].re.abs(), zero) + h[(i, i)];
    }
    let mut t = h[(i, i)];
    let u = h[(i - 1, i)].sqrt() * h[(i, i - 1)].sqrt();
    let s = cabs1(u);
    if s != zero {
        let x = (h[(i - 1, i - 1)] - t) * half;
        let sx = cabs1(x);
        let s = s.max(sx);
        let (xs, us) = (x / s, u / s);
        let mut y = (xs * xs + us * us).sqrt() * s;
        if sx > zero {
            let xn = x / sx;
            if xn.re * y.re + xn.im * y.im < zero {
                y = -y;
            }
        }
        t -= u * (u / (x + y));
    }
    t
}

/// Where the sweep starts (two consecutive small subdiagonals let it begin below `l`) and
/// the first column of `H − t I` there, scaled.
fn sweep_start<R: Real>(
    h: &Mat<Complex<R>>,
    l: usize,
    i: usize,
    t: Complex<R>,
    ulp: R,
) -> (usize, [Complex<R>; 2]) {
    let zero = R::from_f64(0.0);
    let first = |m: usize| {
        let h11s = h[(m, m)] - t;
        let h21 = h[(m + 1, m)].re;
        let s = cabs1(h11s) + h21.abs();
        (h11s / s, h21 / s)
    };
    let mut m = i - 1;
    while m > l {
        let (h11s, h21) = first(m);
        let h10 = h[(m, m - 1)].re;
        if h10.abs() * h21.abs() <= ulp * (cabs1(h11s) * (cabs1(h[(m, m)]) + cabs1(h[(m + 1, m + 1)]))) {
            return (m, [h11s, Complex::new(h21, zero)]);
        }
        m -= 1;
    }
    let (h11s, h21) = first(l);
    (l, [h11s, Complex::new(h21, zero)])
}

/// Complex Householder reflector `G = I − τ [1; u][1; u]ᴴ` with `Gᴴ v = (β, 0)`, `β` real:
/// returns `(β, τ)` and leaves `u` in `v[1]` (LAPACK's `zlarfg` for two entries).
fn householder2<R: Real>(v: &mut [Complex<R>; 2]) -> (Complex<R>, Complex<R>) {
    let zero = R::from_f64(0.0);
    let alpha = v[0];
    let xnorm = v[1].norm();
    if xnorm == zero && alpha.im == zero {
        return (alpha, Complex::new(zero, zero));
    }
    let beta = -alpha.re.signum() * alpha.re.hypot(alpha.im).hypot(xnorm);
    let tau = Complex::new((beta - alpha.re) / beta, -alpha.im / beta);
    let scale = Complex::new(R::from_f64(1.0), zero) / (alpha - Complex::new(beta, zero));
    v[1] *= scale;
    let beta = Complex::new(beta, zero);
    v[0] = beta;
    (beta, tau)
}
