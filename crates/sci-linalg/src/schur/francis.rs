//! Real Schur form of an upper Hessenberg matrix: the Francis implicit double-shift QR
//! iteration (Golub & Van Loan, Algorithm 7.5.2) with the small-subdiagonal test of Ahues
//! and Tisseur and LAPACK's exceptional shifts, as in `dlahqr`.
//!
//! Each sweep chases a 3×3 Householder bulge down the active block in `O(n·m)` flops for an
//! active block of size `m`; about two sweeps per eigenvalue are typical, so the whole
//! iteration costs `≈ 10n³` flops with the Schur vectors accumulated.

use faer::Mat;
use sci_core::{Error, Real, Result, Scalar};

/// Overwrites the upper Hessenberg `h` with a quasi-upper-triangular `T` in standard form
/// (1×1 blocks for real eigenvalues, 2×2 blocks with equal diagonal and off-diagonal
/// entries of opposite sign for complex pairs) and `z` with `z Q`, where `hᵢₙ = Q T Qᵀ`.
pub(super) fn francis_qr<R: Real>(h: &mut Mat<R>, z: &mut Mat<R>) -> Result<()> {
    let n = h.nrows();
    if n == 0 {
        return Ok(());
    }
    let zero = R::from_f64(0.0);
    let one = R::from_f64(1.0);
    let ulp = R::epsilon();
    let smlnum = R::min_positive_value() * (R::from_f64(n as f64) / ulp);
    let itmax = 30 * n.max(10);

    let mut i = n - 1;
    loop {
        let mut l = 0;
        let mut converged = false;
        for its in 0..=itmax {
            l = deflation_point(h, l, i, ulp, smlnum);
            if l > 0 {
                h[(l, l - 1)] = zero;
            }
            if l + 1 >= i {
                converged = true;
                break;
            }
            let shifts = wilkinson_pair(h, l, i, its);
            let (m, mut v) = bulge_start(h, l, i, shifts, ulp);
            for k in m..i {
                let nr = (i - k + 1).min(3);
                if k > m {
                    for r in 0..nr {
                        v[r] = h[(k + r, k - 1)];
                    }
                }
                let (beta, t1) = householder(&mut v[..nr]);
                if k > m {
                    h[(k, k - 1)] = beta;
                    h[(k + 1, k - 1)] = zero;
                    if k + 1 < i {
                        h[(k + 2, k - 1)] = zero;
                    }
                } else if m > l {
                    // Not a sign flip: keeps the entry right when v₁, v₂ underflow.
                    h[(k, k - 1)] *= one - t1;
                }
                reflect(h, z, k, nr, &v, t1, i);
            }
        }
        if !converged {
            return Err(Error::not_converged("Schur decomposition (Francis QR iteration)", itmax));
        }
        if l + 1 == i {
            standardize_block(h, z, i - 1);
        }
        if l == 0 {
            return Ok(());
        }
        i = l - 1;
    }
}

/// The largest `k` in `(l, i]` whose subdiagonal entry `h[k, k-1]` is negligible, or `l`.
fn deflation_point<R: Real>(h: &Mat<R>, l: usize, i: usize, ulp: R, smlnum: R) -> usize {
    let zero = R::from_f64(0.0);
    let n = h.nrows();
    let mut k = i;
    while k > l {
        let sub = h[(k, k - 1)].abs();
        if sub <= smlnum {
            break;
        }
        let mut tst = h[(k - 1, k - 1)].abs() + h[(k, k)].abs();
        if tst == zero {
            if k >= 2 {
                tst += h[(k - 1, k - 2)].abs();
            }
            if k + 1 < n {
                tst += h[(k + 1, k)].abs();
            }
        }
        if sub <= ulp * tst {
            // Ahues & Tisseur: compare with the perturbation the deflation really causes.
            let up = h[(k - 1, k)].abs();
            let (ab, ba) = (sub.max(up), sub.min(up));
            let diff = (h[(k - 1, k - 1)] - h[(k, k)]).abs();
            let hkk = h[(k, k)].abs();
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

/// The two shifts `(re₁, im₁, re₂, im₂)`: eigenvalues of the trailing 2×2 block, or
/// LAPACK's exceptional shifts after 10 and 20 iterations without deflation.
fn wilkinson_pair<R: Real>(h: &Mat<R>, l: usize, i: usize, its: usize) -> (R, R, R, R) {
    let zero = R::from_f64(0.0);
    let half = R::from_f64(0.5);
    let (mut h11, mut h12, mut h21, mut h22);
    if its == 10 || its == 20 {
        let s = if its == 10 {
            h[(l + 1, l)].abs() + h[(l + 2, l + 1)].abs()
        } else {
            h[(i, i - 1)].abs() + h[(i - 1, i - 2)].abs()
        };
        let base = if its == 10 { h[(l, l)] } else { h[(i, i)] };
        h11 = R::from_f64(0.75) * s + base;
        h12 = R::from_f64(-0.4375) * s;
        h21 = s;
        h22 = h11;
    } else {
        h11 = h[(i - 1, i - 1)];
        h21 = h[(i, i - 1)];
        h12 = h[(i - 1, i)];
        h22 = h[(i, i)];
    }
    let s = h11.abs() + h12.abs() + h21.abs() + h22.abs();
    if s == zero {
        return (zero, zero, zero, zero);
    }
    h11 /= s;
    h21 /= s;
    h12 /= s;
    h22 /= s;
    let tr = (h11 + h22) * half;
    let det = (h11 - tr) * (h22 - tr) - h12 * h21;
    let rtdisc = det.abs().sqrt();
    if det >= zero {
        (tr * s, rtdisc * s, tr * s, -rtdisc * s)
    } else {
        // Two real eigenvalues: use the one closer to h22 twice.
        let (r1, r2) = (tr + rtdisc, tr - rtdisc);
        let r = if (r1 - h22).abs() <= (r2 - h22).abs() { r1 * s } else { r2 * s };
        (r, zero, r, zero)
    }
}

/// Where the double-shift sweep starts (two consecutive small subdiagonals let it begin
/// below `l`) and the first column of `(H − σ₁)(H − σ₂)` there, scaled.
fn bulge_start<R: Real>(h: &Mat<R>, l: usize, i: usize, shifts: (R, R, R, R), ulp: R) -> (usize, [R; 3]) {
    let (rt1r, rt1i, rt2r, rt2i) = shifts;
    let mut m = i - 2;
    loop {
        let h21s = h[(m + 1, m)];
        let s = (h[(m, m)] - rt2r).abs() + rt2i.abs() + h21s.abs();
        let h21s = h21s / s;
        let mut v = [
            h21s * h[(m, m + 1)] + (h[(m, m)] - rt1r) * ((h[(m, m)] - rt2r) / s) - rt1i * (rt2i / s),
            h21s * (h[(m, m)] + h[(m + 1, m + 1)] - rt1r - rt2r),
            h21s * h[(m + 2, m + 1)],
        ];
        let s = v[0].abs() + v[1].abs() + v[2].abs();
        for x in &mut v {
            *x /= s;
        }
        if m == l {
            return (m, v);
        }
        let h00 = h[(m, m - 1)].abs() * (v[1].abs() + v[2].abs());
        let h01 = v[0].abs() * (h[(m - 1, m - 1)].abs() + h[(m, m)].abs() + h[(m + 1, m + 1)].abs());
        if h00 <= ulp * h01 {
            return (m, v);
        }
        m -= 1;
    }
}

/// Householder reflector `I − τ [1; u][1; u]ᵀ` mapping `v` to `(β, 0, …)`: returns `(β, τ)`
/// and leaves `u` in `v[1..]`.
pub(super) fn householder<R: Real>(v: &mut [R]) -> (R, R) {
    let zero = R::from_f64(0.0);
    let alpha = v[0];
    let xnorm = v[1..].iter().fold(zero, |acc, &x| acc.hypot(x));
    if xnorm == zero {
        return (alpha, zero);
    }
    let beta = -alpha.signum() * alpha.hypot(xnorm);
    let tau = (beta - alpha) / beta;
    let scale = R::from_f64(1.0) / (alpha - beta);
    for x in &mut v[1..] {
        *x *= scale;
    }
    v[0] = beta;
    (beta, tau)
}

/// Applies the reflector (`nr` = 2 or 3 rows starting at `k`) as a similarity to `h`
/// (rows to the right edge, columns down to row `min(k+3, i)`) and to the columns of `z`.
fn reflect<R: Real>(h: &mut Mat<R>, z: &mut Mat<R>, k: usize, nr: usize, v: &[R; 3], t1: R, i: usize) {
    let n = h.nrows();
    let v2 = v[1];
    let t2 = t1 * v2;
    if nr == 3 {
        let v3 = v[2];
        let t3 = t1 * v3;
        for j in k..n {
            let sum = h[(k, j)] + v2 * h[(k + 1, j)] + v3 * h[(k + 2, j)];
            h[(k, j)] -= sum * t1;
            h[(k + 1, j)] -= sum * t2;
            h[(k + 2, j)] -= sum * t3;
        }
        for j in 0..=(k + 3).min(i) {
            let sum = h[(j, k)] + v2 * h[(j, k + 1)] + v3 * h[(j, k + 2)];
            h[(j, k)] -= sum * t1;
            h[(j, k + 1)] -= sum * t2;
            h[(j, k + 2)] -= sum * t3;
        }
        for j in 0..n {
            let sum = z[(j, k)] + v2 * z[(j, k + 1)] + v3 * z[(j, k + 2)];
            z[(j, k)] -= sum * t1;
            z[(j, k + 1)] -= sum * t2;
            z[(j, k + 2)] -= sum * t3;
        }
    } else if nr == 2 {
        for j in k..n {
            let sum = h[(k, j)] + v2 * h[(k + 1, j)];
            h[(k, j)] -= sum * t1;
            h[(k + 1, j)] -= sum * t2;
        }
        for j in 0..=i {
            let sum = h[(j, k)] + v2 * h[(j, k + 1)];
            h[(j, k)] -= sum * t1;
            h[(j, k + 1)] -= sum * t2;
        }
        for j in 0..n {
            let sum = z[(j, k)] + v2 * z[(j, k + 1)];
            z[(j, k)] -= sum * t1;
            z[(j, k + 1)] -= sum * t2;
        }
    }
}

/// Brings the 2×2 diagonal block at `(p, p)` to standard form with a rotation applied as a
/// similarity to the rest of `h` and to `z`.
pub(super) fn standardize_block<R: Real>(h: &mut Mat<R>, z: &mut Mat<R>, p: usize) {
    let n = h.nrows();
    let q = p + 1;
    let (block, cs, sn) = standard_2x2([h[(p, p)], h[(p, q)], h[(q, p)], h[(q, q)]]);
    h[(p, p)] = block[0];
    h[(p, q)] = block[1];
    h[(q, p)] = block[2];
    h[(q, q)] = block[3];
    for j in q + 1..n {
        let (x, y) = (h[(p, j)], h[(q, j)]);
        h[(p, j)] = cs * x + sn * y;
        h[(q, j)] = cs * y - sn * x;
    }
    for j in 0..p {
        let (x, y) = (h[(j, p)], h[(j, q)]);
        h[(j, p)] = cs * x + sn * y;
        h[(j, q)] = cs * y - sn * x;
    }
    for j in 0..n {
        let (x, y) = (z[(j, p)], z[(j, q)]);
        z[(j, p)] = cs * x + sn * y;
        z[(j, q)] = cs * y - sn * x;
    }
}

/// Standard form of a real 2×2 block `[a b; c d] = [cs −sn; sn cs] [a' b'; c' d'] [cs sn; −sn cs]`:
/// upper triangular if the eigenvalues are real, otherwise `a' = d'` and `b'·c' < 0`.
/// Returns `([a', b', c', d'], cs, sn)` (the computation of LAPACK's `dlanv2`).
pub(super) fn standard_2x2<R: Real>(m: [R; 4]) -> ([R; 4], R, R) {
    let zero = R::from_f64(0.0);
    let one = R::from_f64(1.0);
    let half = R::from_f64(0.5);
    let [mut a, mut b, mut c, mut d] = m;
    if c == zero {
        return ([a, b, c, d], one, zero);
    }
    if b == zero {
        // Swap rows and columns.
        return ([d, -c, zero, a], zero, one);
    }
    if a - d == zero && b.signum() != c.signum() {
        return ([a, b, c, d], one, zero);
    }
    let temp = a - d;
    let p = half * temp;
    let bcmax = b.abs().max(c.abs());
    let bcmis = b.abs().min(c.abs()) * b.signum() * c.signum();
    let scale = p.abs().max(bcmax);
    let zz = (p / scale) * p + (bcmax / scale) * bcmis;
    if zz >= R::from_f64(4.0) * R::epsilon() {
        // Real eigenvalues: make the block upper triangular.
        let zz = p + p.signum() * scale.sqrt() * zz.sqrt();
        a = d + zz;
        d -= (bcmax / zz) * bcmis;
        let tau = c.hypot(zz);
        let (cs, sn) = (zz / tau, c / tau);
        return ([a, b - c, zero, d], cs, sn);
    }
    // Complex or nearly equal real eigenvalues: equalize the diagonal.
    let sigma = b + c;
    let tau = sigma.hypot(temp);
    let mut cs = (half * (one + sigma.abs() / tau)).sqrt();
    let mut sn = -(p / (tau * cs)) * sigma.signum();
    let (aa, bb) = (a * cs + b * sn, -a * sn + b * cs);
    let (cc, dd) = (c * cs + d * sn, -c * sn + d * cs);
    a = aa * cs + cc * sn;
    b = bb * cs + dd * sn;
    c = -aa * sn + cc * cs;
    d = -bb * sn + dd * cs;
    let mid = half * (a + d);
    a = mid;
    d = mid;
    if c != zero {
        if b == zero {
            b = -c;
            c = zero;
            let t = cs;
            cs = -sn;
            sn = t;
        } else if b.signum() == c.signum() {
            // Real eigenvalues after all: reduce to upper triangular.
            let sab = b.abs().sqrt();
            let sac = c.abs().sqrt();
            let p = sab * sac * c.signum();
            let tau = one / (b + c).abs().sqrt();
            a = mid + p;
            d = mid - p;
            b -= c;
            c = zero;
            let (cs1, sn1) = (sab * tau, sac * tau);
            let t = cs * cs1 - sn * sn1;
            sn = cs * sn1 + sn * cs1;
            cs = t;
        }
    }
    ([a, b, c, d], cs, sn)
}
