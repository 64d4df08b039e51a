//! Small dense kernels for the optimizers' internal systems (a few dozen unknowns).

use sci_core::ndarray::{Array1, Array2};

/// LU factorization with partial pivoting of a small square matrix.
pub(crate) struct SmallLu {
    lu: Array2<f64>,
    piv: Vec<usize>,
}

impl SmallLu {
    /// `None` if a pivot is exactly zero or not finite.
    pub(crate) fn new(mut a: Array2<f64>) -> Option<SmallLu> {
        let n = a.nrows();
        let mut piv: Vec<usize> = (0..n).collect();
        for k in 0..n {
            let mut p = k;
            let mut best = a[[k, k]].abs();
            for i in k + 1..n {
                if a[[i, k]].abs() > best {
                    best = a[[i, k]].abs();
                    p = i;
                }
            }
            if best == 0.0 || !best.is_finite() {
                return None;
            }
            if p != k {
                for j in 0..n {
                    a.swap([k, j], [p, j]);
                }
                piv.swap(k, p);
            }
            let d = a[[k, k]];
            for i in k + 1..n {
                let l = a[[i, k]] / d;
                a[[i, k]] = l;
                if l != 0.0 {
                    for j in k + 1..n {
                        a[[i, j]] -= l * a[[k, j]];
                    }
                }
            }
        }
        Some(SmallLu { lu: a, piv })
    }

    pub(crate) fn solve(&self, b: &Array1<f64>) -> Array1<f64> {
        let n = self.lu.nrows();
        let mut x: Array1<f64> = self.piv.iter().map(|&p| b[p]).collect();
        for i in 0..n {
            let mut s = x[i];
            for j in 0..i {
                s -= self.lu[[i, j]] * x[j];
            }
            x[i] = s;
        }
        for i in (0..n).rev() {
            let mut s = x[i];
            for j in i + 1..n {
                s -= self.lu[[i, j]] * x[j];
            }
            x[i] = s / self.lu[[i, i]];
        }
        x
    }
}

/// Householder QR of an `m×n` matrix (`m ≥ n` not required): `A = Q R`.
pub(crate) struct HouseQr {
    vs: Vec<Array1<f64>>,
    betas: Vec<f64>,
    /// The `min(m,n)×n` upper-trapezoidal factor.
    pub r: Array2<f64>,
    m: usize,
}

impl HouseQr {
    pub(crate) fn new(a: &Array2<f64>) -> HouseQr {
        let (m, n) = a.dim();
        let mut a = a.clone();
        let k = m.min(n);
        let mut vs = Vec::with_capacity(k);
        let mut betas = Vec::with_capacity(k);
        for j in 0..k {
            let mut v: Array1<f64> = a.column(j).slice(sci_core::ndarray::s![j..]).to_owned();
            let norm = v.dot(&v).sqrt();
            if norm == 0.0 {
                vs.push(Array1::zeros(m - j));
                betas.push(0.0);
                continue;
            }
            let alpha = if v[0] > 0.0 { -norm } else { norm };
            v[0] -= alpha;
            let vn2 = v.dot(&v);
            let beta = if vn2 == 0.0 { 0.0 } else { 2.0 / vn2 };
            for c in j..n {
                let mut col = a.column_mut(c);
                let mut s = 0.0;
                for i in 0..v.len() {
                    s += v[i] * col[j + i];
                }
                s *= beta;
                for i in 0..v.len() {
                    col[j + i] -= s * v[i];
                }
            }
            vs.push(v);
            betas.push(beta);
        }
        let mut r = Array2::zeros((k, n));
        for i in 0..k {
            for c in i..n {
                r[[i, c]] = a[[i, c]];
            }
        }
        HouseQr { vs, betas, r, m }
    }

    /// `Qᵀ b` (length `m`).
    pub(crate) fn qt(&self, b: &Array1<f64>) -> Array1<f64> {
        let mut b = b.clone();
        for (j, (v, &beta)) in self.vs.iter().zip(&self.betas).enumerate() {
            let mut s = 0.0;
            for i in 0..v.len() {
                s += v[i] * b[j + i];
            }
            s *= beta;
            for i in 0..v.len() {
                b[j + i] -= s * v[i];
            }
        }
        b
    }

    /// `Q b` (length `m`).
    pub(crate) fn q(&self, b: &Array1<f64>) -> Array1<f64> {
        let mut b = b.clone();
        for (j, (v, &beta)) in self.vs.iter().zip(&self.betas).enumerate().rev() {
            let mut s = 0.0;
            for i in 0..v.len() {
                s += v[i] * b[j + i];
            }
            s *= beta;
            for i in 0..v.len() {
                b[j + i] -= s * v[i];
            }
        }
        b
    }

    /// The explicit `m×m` orthogonal factor.
    pub(crate) fn full_q(&self) -> Array2<f64> {
        let mut q = Array2::zeros((self.m, self.m));
        for c in 0..self.m {
            let mut e = Array1::zeros(self.m);
            e[c] = 1.0;
            q.column_mut(c).assign(&self.q(&e));
        }
        q
    }
}

/// Solves the upper-triangular `R x = b` (square, leading `n×n` block); `None` on a zero or
/// relatively negligible pivot.
pub(crate) fn solve_upper(r: &Array2<f64>, b: &Array1<f64>, rel_tol: f64) -> Option<Array1<f64>> {
    let n = b.len();
    let dmax = (0..n).map(|i| r[[i, i]].abs()).fold(0.0, f64::max);
    let mut x = Array1::zeros(n);
    for i in (0..n).rev() {
        let d = r[[i, i]];
        if d.abs() <= rel_tol * dmax || d == 0.0 {
            return None;
        }
        let mut s = b[i];
        for j in i + 1..n {
            s -= r[[i, j]] * x[j];
        }
        x[i] = s / d;
    }
    Some(x)
}

/// Solves `Rᵀ x = b` for upper-triangular `R`.
pub(crate) fn solve_upper_t(r: &Array2<f64>, b: &Array1<f64>, rel_tol: f64) -> Option<Array1<f64>> {
    let n = b.len();
    let dmax = (0..n).map(|i| r[[i, i]].abs()).fold(0.0, f64::max);
    let mut x = Array1::zeros(n);
    for i in 0..n {
        let d = r[[i, i]];
        if d.abs() <= rel_tol * dmax || d == 0.0 {
            return None;
        }
        let mut s = b[i];
        for j in 0..i {
            s -= r[[j, i]] * x[j];
        }
        x[i] = s / d;
    }
    Some(x)
}

/// Least squares `min ‖A x − b‖` by Householder QR for full-column-rank `A` (`m ≥ n`).
pub(crate) fn qr_lstsq(a: &Array2<f64>, b: &Array1<f64>) -> Option<Array1<f64>> {
    let n = a.ncols();
    if a.nrows() < n {
        return None;
    }
    let qr = HouseQr::new(a);
    let qtb = qr.qt(b);
    solve_upper(&qr.r, &qtb.slice(sci_core::ndarray::s![..n]).to_owned(), 1e-14)
}
