//! Reordering a Schur form so that selected eigenvalues lead the diagonal, by swapping
//! adjacent diagonal blocks with orthogonal (unitary) similarities, as LAPACK's `trsen`
//! does: a Givens rotation for two 1×1 blocks of a complex `T`, and the direct swapping
//! method of Bai & Demmel (solve a tiny Sylvester equation, then a QR factorization) for
//! real blocks of size 1 or 2.

use faer::Mat;
use sci_core::num_complex::Complex;
use sci_core::{Error, Real, Result, Scalar};

use super::francis::{householder, standardize_block};

/// Moves the eigenvalues for which `select` holds to the top of the complex Schur form
/// `t`, updating `z`; returns how many there are.
pub(super) fn reorder_complex<R: Real>(
    t: &mut Mat<Complex<R>>,
    z: &mut Mat<Complex<R>>,
    select: &dyn Fn(Complex<R>) -> bool,
) -> usize {
    let n = t.nrows();
    let mut placed = 0;
    for k in 0..n {
        if select(t[(k, k)]) {
            for j in (placed..k).rev() {
                swap_complex(t, z, j);
            }
            placed += 1;
        }
    }
    placed
}

/// Swaps the 1×1 blocks at `(k, k)` and `(k+1, k+1)`.
fn swap_complex<R: Real>(t: &mut Mat<Complex<R>>, z: &mut Mat<Complex<R>>, k: usize) {
    let n = t.nrows();
    let (t11, t22) = (t[(k, k)], t[(k + 1, k + 1)]);
    let (c, s) = givens(t[(k, k + 1)], t22 - t11);
    let rot = |x: Complex<R>, y: Complex<R>, s: Complex<R>| (x * c + s * y, y * c - s.conj() * x);
    for j in k + 2..n {
        let (x, y) = rot(t[(k, j)], t[(k + 1, j)], s);
        t[(k, j)] = x;
        t[(k + 1, j)] = y;
    }
    for j in 0..k {
        let (x, y) = rot(t[(j, k)], t[(j, k + 1)], s.conj());
        t[(j, k)] = x;
        t[(j, k + 1)] = y;
    }
    t[(k, k)] = t22;
    t[(k + 1, k + 1)] = t11;
    for j in 0..n {
        let (x, y) = rot(z[(j, k)], z[(j, k + 1)], s.conj());
        z[(j, k)] = x;
        z[(j, k + 1)] = y;
    }
}

/// `(c, s)` with `c` real, `[c s; −s̄ c] [f; g] = [r; 0]`.
fn givens<R: Real>(f: Complex<R>, g: Complex<R>) -> (R, Complex<R>) {
    let zero = R::from_f64(0.0);
    let (fa, ga) = (f.norm(), g.norm());
    if ga == zero {
        return (R::from_f64(1.0), Complex::new(zero, zero));
    }
    if fa == zero {
        return (zero, g.conj() / ga);
    }
    let d = fa.hypot(ga);
    (fa / d, (f / fa) * g.conj() / d)
}

/// Moves the eigenvalues for which `select` holds (a complex pair counts if either of its
/// eigenvalues is selected) to the top of the real Schur form `t`, updating `z`; returns
/// how many eigenvalues (pairs counting twice) lead.
pub(super) fn reorder_real<R: Real>(
    t: &mut Mat<R>,
    z: &mut Mat<R>,
    select: &dyn Fn(Complex<R>) -> bool,
) -> Result<usize> {
    let n = t.nrows();
    let zero = R::from_f64(0.0);
    let mut placed = 0;
    let mut k = 0;
    while k < n {
        let size = if k + 1 < n && t[(k + 1, k)] != zero { 2 } else { 1 };
        let wanted = eigenvalues(t, k, size).into_iter().any(select);
        if wanted {
            // Bubble the block at k up to `placed`, one neighbouring block at a time.
            let mut here = k;
            while here > placed {
                let above = if here >= 2 && t[(here - 1, here - 2)] != zero { 2 } else { 1 };
                swap_real(t, z, here - above, above, size)?;
                here -= above;
            }
            placed += size;
        }
        k += size;
    }
    Ok(placed)
}

/// Eigenvalues of the diagonal block of `size` 1 or 2 at `(k, k)`.
fn eigenvalues<R: Real>(t: &Mat<R>, k: usize, size: usize) -> Vec<Complex<R>> {
    let zero = R::from_f64(0.0);
    if size == 1 {
        return vec![Complex::new(t[(k, k)], zero)];
    }
    // Standardized block: equal diagonal, off-diagonals of opposite sign.
    let re = t[(k, k)];
    let im = t[(k, k + 1)].abs().sqrt() * t[(k + 1, k)].abs().sqrt();
    vec![Complex::new(re, im), Complex::new(re, -im)]
}

/// Swaps the adjacent diagonal blocks of sizes `p` (at `k`) and `q` (at `k + p`).
fn swap_real<R: Real>(t: &mut Mat<R>, z: &mut Mat<R>, k: usize, p: usize, q: usize) -> Result<()> {
    let n = t.nrows();
    let m = p + q;
    let zero = R::from_f64(0.0);
    let block_norm = (k..k + m)
        .flat_map(|i| (k..k + m).map(move |j| (i, j)))
        .fold(zero, |acc, (i, j)| acc.max(t[(i, j)].abs()));
    // A11 X − X A22 = A12, as a (p·q)-unknown linear system in column-major vec(X).
    let x = sylvester(t, k, p, q).ok_or_else(too_close)?;
    // Orthogonal Q from the QR factorization of [X; −I]: columns 0..q span the invariant
    // subspace belonging to A22.
    let mut basis = vec![vec![zero; m]; q];
    for c in 0..q {
        for r in 0..p {
            basis[c][r] = x[r + c * p];
        }
        basis[c][p + c] = R::from_f64(-1.0);
    }
    let reflectors = qr_reflectors(&mut basis, m);
    let apply = |t: &mut Mat<R>, z: &mut Mat<R>| {
        for (start, v, tau) in &reflectors {
            let rows = |i: usize| k + start + i;
            // Left: rows k+start.., all columns from k.
            for j in k..n {
                let dot = v.iter().enumerate().fold(zero, |acc, (i, &vi)| acc + vi * t[(rows(i), j)]);
                for (i, &vi) in v.iter().enumerate() {
                    t[(rows(i), j)] = t[(rows(i), j)] - *tau * vi * dot;
                }
            }
            // Right: columns k+start.., rows up to the block's end.
            for i in 0..k + m {
                let dot = v.iter().enumerate().fold(zero, |acc, (c, &vc)| acc + t[(i, rows(c))] * vc);
                for (c, &vc) in v.iter().enumerate() {
                    t[(i, rows(c))] = t[(i, rows(c))] - *tau * dot * vc;
                }
            }
            for i in 0..n {
                let dot = v.iter().enumerate().fold(zero, |acc, (c, &vc)| acc + z[(i, rows(c))] * vc);
                for (c, &vc) in v.iter().enumerate() {
                    z[(i, rows(c))] = z[(i, rows(c))] - *tau * dot * vc;
                }
            }
        }
    };
    apply(t, z);
    // The block below the new leading q×q block must vanish; LAPACK's acceptance test.
    let tol = (R::from_f64(10.0) * R::epsilon() * block_norm).max(R::min_positive_value());
    for i in k + q..k + m {
        for j in k..k + q {
            if t[(i, j)].abs() > tol {
                return Err(too_close());
            }
            t[(i, j)] = zero;
        }
    }
    for (start, size) in [(k, q), (k + q, p)] {
        if size == 2 {
            standardize_block(t, z, start);
        }
    }
    Ok(())
}

fn too_close() -> Error {
    Error::not_converged("Schur reordering (eigenvalues too close to separate)", None)
}

/// Solves `A11 X − X A22 = A12` for the blocks at `k` (A11 is p×p, A22 q×q) by Gaussian
/// elimination with complete pivoting on the Kronecker system; `None` if singular.
fn sylvester<R: Real>(t: &Mat<R>, k: usize, p: usize, q: usize) -> Option<Vec<R>> {
    let zero = R::from_f64(0.0);
    let unknowns = p * q;
    let a11 = |i: usize, j: usize| t[(k + i, k + j)];
    let a22 = |i: usize, j: usize| t[(k + p + i, k + p + j)];
    let mut sys = vec![vec![zero; unknowns + 1]; unknowns];
    // Unknown x[r + c·p] = X[r, c]; equation (r, c): Σ_s A11[r,s] X[s,c] − Σ_s X[r,s] A22[s,c].
    for c in 0..q {
        for r in 0..p {
            let row = &mut sys[r + c * p];
            for s in 0..p {
                row[s + c * p] += a11(r, s);
            }
            for s in 0..q {
                row[r + s * p] -= a22(s, c);
            }
            row[unknowns] = t[(k + r, k + p + c)];
        }
    }
    let mut order: Vec<usize> = (0..unknowns).collect();
    for col in 0..unknowns {
        let (mut pr, mut pc, mut best) = (col, col, zero);
        for (r, row) in sys.iter().enumerate().skip(col) {
            for c in col..unknowns {
                if row[c].abs() > best {
                    (pr, pc, best) = (r, c, row[c].abs());
                }
            }
        }
        if best == zero {
            return None;
        }
        sys.swap(col, pr);
        for row in &mut sys {
            row.swap(col, pc);
        }
        order.swap(col, pc);
        for r in col + 1..unknowns {
            let f = sys[r][col] / sys[col][col];
            for c in col..=unknowns {
                let v = sys[col][c];
                sys[r][c] -= f * v;
            }
        }
    }
    let mut y = vec![zero; unknowns];
    for r in (0..unknowns).rev() {
        let s = (r + 1..unknowns).fold(sys[r][unknowns], |acc, c| acc - sys[r][c] * y[c]);
        y[r] = s / sys[r][r];
    }
    let mut x = vec![zero; unknowns];
    for (pos, &var) in order.iter().enumerate() {
        x[var] = y[pos];
    }
    x.iter().all(|v| v.is_finite()).then_some(x)
}

/// Householder QR of the `m`-row columns in `cols`: returns the reflectors
/// `(first row, u, τ)` with `H = I − τ u uᵀ`, applied in order.
fn qr_reflectors<R: Real>(cols: &mut [Vec<R>], m: usize) -> Vec<(usize, Vec<R>, R)> {
    let zero = R::from_f64(0.0);
    let mut out = Vec::new();
    for c in 0..cols.len() {
        let mut v: Vec<R> = cols[c][c..m].to_vec();
        let (_, tau) = householder(&mut v);
        v[0] = R::from_f64(1.0);
        for later in cols.iter_mut().skip(c + 1) {
            let dot = v.iter().zip(&later[c..m]).fold(zero, |acc, (&a, &b)| acc + a * b);
            for (x, &vi) in later[c..m].iter_mut().zip(&v) {
                *x -= tau * vi * dot;
            }
        }
        out.push((c, v, tau));
    }
    out
}
