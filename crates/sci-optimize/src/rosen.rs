//! The Rosenbrock test function and its derivatives (SciPy's `rosen`, `rosen_der`,
//! `rosen_hess`, `rosen_hess_prod`).

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1};

/// The Rosenbrock function `Σ_{i<n-1} 100 (x_{i+1} − x_i²)² + (1 − x_i)²`, SciPy's `rosen`.
///
/// Its minimum is `0` at `x = [1, 1, …, 1]`. Cost `O(n)`.
///
/// # Differences from SciPy
/// None: a vector of length 0 or 1 gives the empty sum `0`, as in SciPy.
///
/// ```
/// use sci_optimize::rosen;
/// use sci_core::ndarray::array;
/// assert_eq!(rosen(&array![1.0, 1.0, 1.0]), 0.0);
/// assert_eq!(rosen(&array![0.0, 0.0]), 1.0);
/// ```
pub fn rosen<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> f64 {
    let n = x.len();
    // Terms rounded and summed as NumPy does (pairwise summation), so that the value is
    // bit-for-bit SciPy's.
    let terms: Vec<f64> = (0..n.saturating_sub(1))
        .map(|i| {
            let a = x[i + 1] - x[i] * x[i];
            let b = 1.0 - x[i];
            100.0 * (a * a) + b * b
        })
        .collect();
    pairwise_sum(&terms)
}

/// NumPy's pairwise summation (`pairwise_sum` in its umath loops): blocks of 128 summed
/// with eight accumulators, larger arrays split in halves.
pub(crate) fn pairwise_sum(a: &[f64]) -> f64 {
    let n = a.len();
    if n < 8 {
        let mut res = 0.0;
        for v in a {
            res += v;
        }
        res
    } else if n <= 128 {
        let mut r = [0.0; 8];
        r.copy_from_slice(&a[..8]);
        let full = n - n % 8;
        let mut i = 8;
        while i < full {
            for j in 0..8 {
                r[j] += a[i + j];
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        for v in &a[full..] {
            res += v;
        }
        res
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise_sum(&a[..n2]) + pairwise_sum(&a[n2..])
    }
}

/// The gradient of [`rosen`], SciPy's `rosen_der`. Cost `O(n)`.
///
/// # Differences from SciPy
/// For a vector of length 0 or 1 (where SciPy raises `IndexError`) the gradient of the empty
/// sum, a vector of zeros, is returned.
///
/// ```
/// use sci_optimize::rosen_der;
/// use sci_core::ndarray::array;
/// let g = rosen_der(&array![0.0, 0.0]);
/// assert_eq!(g, array![-2.0, 0.0]);
/// ```
pub fn rosen_der<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Array1<f64> {
    let n = x.len();
    let mut g = Array1::zeros(n);
    if n < 2 {
        return g;
    }
    for i in 0..n - 1 {
        let a = x[i + 1] - x[i] * x[i];
        g[i] += -400.0 * x[i] * a - 2.0 * (1.0 - x[i]);
        g[i + 1] += 200.0 * a;
    }
    g
}

/// The Hessian of [`rosen`], SciPy's `rosen_hess`: a symmetric tridiagonal `n×n` matrix.
/// Cost `O(n²)` for the dense result.
///
/// # Differences from SciPy
/// For a vector of length 0 or 1 the zero matrix is returned (SciPy raises).
///
/// ```
/// use sci_optimize::rosen_hess;
/// use sci_core::ndarray::array;
/// let h = rosen_hess(&array![1.0, 1.0]);
/// assert_eq!(h, array![[802.0, -400.0], [-400.0, 200.0]]);
/// ```
pub fn rosen_hess<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Array2<f64> {
    let n = x.len();
    let mut h = Array2::zeros((n, n));
    if n < 2 {
        return h;
    }
    for i in 0..n - 1 {
        // Term i contributes to rows/columns i and i+1.
        h[[i, i]] += 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
        h[[i, i + 1]] += -400.0 * x[i];
        h[[i + 1, i]] += -400.0 * x[i];
        h[[i + 1, i + 1]] += 200.0;
    }
    h
}

/// The product of the Hessian of [`rosen`] at `x` with a vector `p`, SciPy's
/// `rosen_hess_prod`, without forming the matrix. Cost `O(n)`.
///
/// # Panics
/// Never; if `p` is shorter than `x` the missing entries are taken as zero (SciPy raises).
///
/// ```
/// use sci_optimize::{rosen_hess, rosen_hess_prod};
/// use sci_core::ndarray::array;
/// let x = array![0.5, -1.0, 2.0];
/// let p = array![1.0, 2.0, 3.0];
/// let hp = rosen_hess_prod(&x, &p);
/// assert!((&hp - &rosen_hess(&x).dot(&p)).iter().all(|d| d.abs() < 1e-12));
/// ```
pub fn rosen_hess_prod<S1, S2>(x: &ArrayBase<S1, Ix1>, p: &ArrayBase<S2, Ix1>) -> Array1<f64>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let n = x.len();
    let pv = |i: usize| p.get(i).copied().unwrap_or(0.0);
    let mut hp = Array1::zeros(n);
    if n < 2 {
        return hp;
    }
    for i in 0..n - 1 {
        let dii = 1200.0 * x[i] * x[i] - 400.0 * x[i + 1] + 2.0;
        let off = -400.0 * x[i];
        hp[i] += dii * pv(i) + off * pv(i + 1);
        hp[i + 1] += off * pv(i) + 200.0 * pv(i + 1);
    }
    hp
}
