//! Non-negative least squares, SciPy's `nnls` (Lawson & Hanson's active-set algorithm).

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};
use sci_core::{Error, Result, validate};

use crate::dense::qr_lstsq;

/// Options of [`nnls_with`].
///
/// ```
/// use sci_optimize::NnlsOptions;
/// assert_eq!(NnlsOptions::default().maxiter, None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct NnlsOptions {
    /// Iteration limit of the active-set loop; default `3·n` (SciPy's).
    pub maxiter: Option<usize>,
}

/// The result of [`nnls`]: SciPy's `(x, rnorm)`.
///
/// ```
/// use sci_optimize::nnls;
/// use sci_core::ndarray::array;
/// let r = nnls(&array![[1.0, 0.0], [0.0, 1.0]], &array![2.0, -1.0])?;
/// assert_eq!(r.x.to_vec(), vec![2.0, 0.0]);
/// assert!((r.rnorm - 1.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Nnls {
    /// The non-negative solution.
    pub x: Array1<f64>,
    /// The residual norm `‖A x − b‖₂`.
    pub rnorm: f64,
}

/// Solves `min ‖A x − b‖₂` subject to `x ≥ 0`, SciPy's `nnls(A, b)`.
///
/// Lawson and Hanson's active-set method: variables enter the passive set by largest dual
/// `w = Aᵀ(b − A x)`, each inner step solves an unconstrained least-squares problem on the
/// passive set (Householder QR, `O(m k²)`), and variables that would turn negative leave.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `b` does not have `M` entries, [`Error::NonFinite`] for NaN or
/// infinity, [`Error::Empty`] for an empty `A`, [`Error::NotConverged`] after `maxiter`
/// iterations (SciPy raises `RuntimeError`).
///
/// ```
/// use sci_optimize::nnls;
/// use sci_core::ndarray::array;
/// let a = array![[1.0, 0.0], [1.0, 0.0], [0.0, 1.0]];
/// let b = array![2.0, 1.0, 1.0];
/// let r = nnls(&a, &b)?;
/// assert!((r.x[0] - 1.5).abs() < 1e-12 && (r.x[1] - 1.0).abs() < 1e-12);
/// assert!((r.rnorm - 0.5f64.sqrt()).abs() < 1e-12);
/// let r = nnls(&a, &array![-1.0, 0.0, 1.0])?; // the first variable is held at 0
/// assert_eq!(r.x[0], 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn nnls<SA, SB>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, Ix1>) -> Result<Nnls>
where
    SA: Data<Elem = f64>,
    SB: Data<Elem = f64>,
{
    nnls_with(a, b, &NnlsOptions::default())
}

/// [`nnls`] with an explicit iteration limit.
///
/// # Errors
/// As [`nnls`].
///
/// ```
/// use sci_optimize::{nnls_with, NnlsOptions};
/// use sci_core::ndarray::array;
/// let r = nnls_with(&array![[2.0]], &array![4.0], &NnlsOptions { maxiter: Some(5) })?;
/// assert_eq!(r.x[0], 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn nnls_with<SA, SB>(
    a: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, Ix1>,
    options: &NnlsOptions,
) -> Result<Nnls>
where
    SA: Data<Elem = f64>,
    SB: Data<Elem = f64>,
{
    validate::check_non_empty("A", a)?;
    validate::check_same_len("A rows", a.nrows(), "b", b.len())?;
    validate::check_finite("A", a)?;
    validate::check_finite("b", b)?;
    let n = a.ncols();
    let maxiter = options.maxiter.unwrap_or(3 * n);
    let (x, iters) = nnls_core(&a.to_owned(), &b.to_owned(), maxiter);
    if iters > maxiter {
        return Err(Error::not_converged("nnls", maxiter));
    }
    let r = &a.dot(&x) - b;
    Ok(Nnls { rnorm: r.dot(&r).sqrt(), x })
}

/// Lawson–Hanson NNLS; returns the solution and the number of outer iterations
/// (`> maxiter` means the limit was hit).
pub(crate) fn nnls_core(a: &Array2<f64>, b: &Array1<f64>, maxiter: usize) -> (Array1<f64>, usize) {
    let (m, n) = a.dim();
    let mut x = Array1::<f64>::zeros(n);
    let mut passive = vec![false; n];
    // Variables whose column is (numerically) dependent on the passive set's: they cannot
    // enter until the passive set shrinks.
    let mut blocked = vec![false; n];
    let scale = a.iter().fold(0.0f64, |s, v| s.max(v.abs())).max(1.0);
    let tol = 10.0 * f64::EPSILON * scale * (m.max(n) as f64);
    let mut iter = 0;
    loop {
        let resid = b - &a.dot(&x);
        let w = a.t().dot(&resid);
        let mut best = None;
        let mut wmax = tol * b.iter().fold(0.0f64, |s, v| s.max(v.abs())).max(1.0);
        for j in 0..n {
            if !passive[j] && !blocked[j] && w[j] > wmax {
                wmax = w[j];
                best = Some(j);
            }
        }
        let Some(j) = best else {
            return (x, iter);
        };
        iter += 1;
        if iter > maxiter {
            return (x, iter);
        }
        passive[j] = true;
        let mut inner = 0;
        let entering = j;
        loop {
            inner += 1;
            let idx: Vec<usize> = (0..n).filter(|&i| passive[i]).collect();
            let ap = a.select(sci_core::ndarray::Axis(1), &idx);
            let s_p = match qr_lstsq(&ap, b) {
                Some(s) => s,
                None => {
                    // Dependent column: drop the newest variable and keep it out.
                    passive[j] = false;
                    blocked[j] = true;
                    break;
                }
            };
            if s_p.iter().all(|&v| v > 0.0) || inner > 3 * n + 10 {
                x.fill(0.0);
                for (k, &i) in idx.iter().enumerate() {
                    x[i] = s_p[k].max(0.0);
                }
                break;
            }
            let mut alpha = f64::INFINITY;
            for (k, &i) in idx.iter().enumerate() {
                if s_p[k] <= 0.0 {
                    let t = x[i] / (x[i] - s_p[k]);
                    if t < alpha {
                        alpha = t;
                    }
                }
            }
            if !alpha.is_finite() {
                alpha = 0.0;
            }
            for (k, &i) in idx.iter().enumerate() {
                x[i] += alpha * (s_p[k] - x[i]);
                if x[i] <= tol || (s_p[k] <= 0.0 && x[i] <= tol.max(1e-300)) {
                    x[i] = 0.0;
                    passive[i] = false;
                    blocked.fill(false);
                }
            }
        }
        if !passive[entering] {
            // The entering variable left at once (rounding): keep it out to avoid cycling.
            blocked[entering] = true;
        }
    }
}
