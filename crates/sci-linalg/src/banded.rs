//! Banded systems in LAPACK's band storage: `solve_banded` (LU with partial pivoting, as
//! `gbsv`) and `solveh_banded` (Cholesky, as `pbsv`). Cost `O(N·l·(l+u))` and `O(N·u²)`.

use sci_core::ndarray::{Array, Array2, ArrayBase, Data, Dimension, Ix2, ShapeBuilder};
use sci_core::{Error, Float, Result, Scalar, validate};

use crate::rhs::{as_matrix_rhs, restore_rhs_dim};

/// Solves `A x = b` for a banded `A` with `l` sub- and `u` super-diagonals, SciPy's
/// `solve_banded((l, u), ab, b)`.
///
/// `ab` holds `A` in LAPACK's band storage, shape `(l + u + 1, N)`:
/// `ab[u + i − j, j] = A[i, j]`. `b` is a vector or an `N×K` matrix. Gaussian elimination
/// with partial pivoting inside the band, `O(N·l·(l+u))` flops and `O(N·(2l+u))` memory.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `ab` does not have `l + u + 1` rows or `b` has the wrong
/// length; [`Error::Singular`] naming the zero pivot; [`Error::NonFinite`] for NaN or
/// infinity.
///
/// ```
/// use sci_linalg::solve_banded;
/// use sci_core::ndarray::array;
/// // A = [[2, 1, 0], [1, 2, 1], [0, 1, 2]] (l = u = 1) in band storage.
/// let ab = array![[0.0_f64, 1.0, 1.0], [2.0, 2.0, 2.0], [1.0, 1.0, 0.0]];
/// let x = solve_banded((1, 1), &ab, &array![4.0, 8.0, 8.0])?;
/// assert!((x[0] - 1.0).abs() < 1e-14 && (x[1] - 2.0).abs() < 1e-14 && (x[2] - 3.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solve_banded<T, SA, SB, D>(
    (l, u): (usize, usize),
    ab: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, D>,
) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    let n = ab.ncols();
    if ab.nrows() != l + u + 1 {
        return Err(Error::shape_mismatch(
            "ab",
            format!("{} rows (l + u + 1)", l + u + 1),
            format!("{} rows", ab.nrows()),
        ));
    }
    let rhs = as_matrix_rhs("b", b, n)?;
    validate::check_finite("ab", ab)?;
    validate::check_finite("b", b)?;
    let mut x = Array2::<T>::zeros(rhs.dim().f());
    x.assign(&rhs);
    if n == 0 {
        return restore_rhs_dim(x, b);
    }
    // Working band with l extra rows on top for fill-in: A[i, j] at w[kv + i − j, j].
    let kv = l + u;
    let mut w = Array2::<T>::zeros((2 * l + u + 1, n).f());
    for j in 0..n {
        for r in 0..=l + u {
            // Row r of `ab` is diagonal offset u − r: A[j + r − u, j].
            let i = j as isize + r as isize - u as isize;
            if i >= 0 && (i as usize) < n {
                w[[l + r, j]] = ab[[r, j]];
            }
        }
    }
    let at = |i: usize, j: usize| (kv + i - j, j); // valid for j − (l+u) ≤ i ≤ j + l
    let mut piv = vec![0usize; n];
    let mut ju = 0usize; // last column touched by U so far
    for j in 0..n {
        let km = l.min(n - 1 - j);
        // Pivot: largest |A[j+p, j]|, p ≤ km.
        let mut p = 0;
        let mut best = w[[kv, j]].modulus();
        for q in 1..=km {
            let m = w[[kv + q, j]].modulus();
            if m > best {
                best = m;
                p = q;
            }
        }
        if best == T::Real::from_f64(0.0) {
            return Err(Error::Singular { pivot: j, value: None });
        }
        piv[j] = j + p;
        ju = ju.max((j + u + p).min(n - 1));
        if p != 0 {
            for c in j..=ju {
                let (a, b2) = (at(j, c), at(j + p, c));
                let tmp = w[a];
                w[a] = w[b2];
                w[b2] = tmp;
            }
        }
        let pivot = w[[kv, j]];
        for q in 1..=km {
            w[[kv + q, j]] /= pivot;
        }
        for c in j + 1..=ju {
            let t = w[at(j, c)];
            if t != T::zero() {
                for q in 1..=km {
                    let m = w[[kv + q, j]];
                    let idx = at(j + q, c);
                    w[idx] -= m * t;
                }
            }
        }
    }
    // Forward substitution with L (unit, multipliers below the diagonal) and the swaps.
    for mut col in x.columns_mut() {
        for j in 0..n {
            if piv[j] != j {
                col.swap(j, piv[j]);
            }
            let xj = col[j];
            for q in 1..=l.min(n - 1 - j) {
                col[j + q] -= w[[kv + q, j]] * xj;
            }
        }
        // Back substitution with U (bandwidth l + u above the diagonal).
        for j in (0..n).rev() {
            col[j] /= w[[kv, j]];
            let xj = col[j];
            for i in j.saturating_sub(kv)..j {
                col[i] -= w[at(i, j)] * xj;
            }
        }
    }
    restore_rhs_dim(x, b)
}

/// Options of [`solveh_banded_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SolvehBandedOptions {
    /// `ab` holds the lower form `ab[i − j, j] = A[i, j]` (`i ≥ j`) rather than SciPy's
    /// default upper form `ab[u + i − j, j] = A[i, j]` (`i ≤ j`).
    pub lower: bool,
}

/// Solves `A x = b` for a Hermitian positive definite banded `A`, SciPy's
/// `solveh_banded(ab, b)` (upper form).
///
/// `ab` has `u + 1` rows: `ab[u + i − j, j] = A[i, j]` for `i ≤ j`. Banded Cholesky,
/// `O(N·u²)` flops.
///
/// # Errors
/// [`Error::NotPositiveDefinite`] naming the failing leading minor; [`Error::ShapeMismatch`]
/// for inconsistent shapes; [`Error::NonFinite`] for NaN or infinity.
///
/// ```
/// use sci_linalg::solveh_banded;
/// use sci_core::ndarray::array;
/// // A = [[4, 1, 0], [1, 4, 1], [0, 1, 4]], upper form: super-diagonal then diagonal.
/// let ab = array![[0.0_f64, 1.0, 1.0], [4.0, 4.0, 4.0]];
/// let x = solveh_banded(&ab, &array![5.0, 6.0, 5.0])?;
/// assert!(x.iter().all(|v| (v - 1.0).abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solveh_banded<T, SA, SB, D>(ab: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, D>) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    solveh_banded_with(ab, b, &SolvehBandedOptions::default())
}

/// [`solveh_banded`] with the band in either form.
///
/// ```
/// use sci_linalg::{solveh_banded_with, SolvehBandedOptions};
/// use sci_core::ndarray::array;
/// // Lower form: diagonal then sub-diagonal.
/// let ab = array![[4.0_f64, 4.0, 4.0], [1.0, 1.0, 0.0]];
/// let x = solveh_banded_with(&ab, &array![5.0, 6.0, 5.0], &SolvehBandedOptions { lower: true })?;
/// assert!(x.iter().all(|v| (v - 1.0).abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn solveh_banded_with<T, SA, SB, D>(
    ab: &ArrayBase<SA, Ix2>,
    b: &ArrayBase<SB, D>,
    options: &SolvehBandedOptions,
) -> Result<Array<T, D>>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
    D: Dimension,
{
    let n = ab.ncols();
    if ab.nrows() == 0 {
        return Err(Error::shape_mismatch("ab", "at least one row (the diagonal)", "0 rows"));
    }
    let u = ab.nrows() - 1;
    let rhs = as_matrix_rhs("b", b, n)?;
    validate::check_finite("ab", ab)?;
    validate::check_finite("b", b)?;
    // A[i, j] for i ≥ j, |i − j| ≤ u, from either storage form.
    let lower_entry =
        |i: usize, j: usize| -> T { if options.lower { ab[[i - j, j]] } else { ab[[u + j - i, i]].conj() } };
    // L in lower band form: lb[i − j, j] = L[i, j].
    let mut lb = Array2::<T>::zeros((u + 1, n).f());
    for j in 0..n {
        let mut d = lower_entry(j, j).re();
        for k in j.saturating_sub(u)..j {
            d -= lb[[j - k, k]].modulus() * lb[[j - k, k]].modulus();
        }
        if d.is_nan() || d <= T::Real::from_f64(0.0) {
            return Err(Error::NotPositiveDefinite { order: j + 1 });
        }
        let ljj = d.sqrt();
        lb[[0, j]] = T::from_real(ljj);
        for i in j + 1..(j + u + 1).min(n) {
            let mut s = lower_entry(i, j);
            for k in i.saturating_sub(u)..j {
                s -= lb[[i - k, k]] * lb[[j - k, k]].conj();
            }
            lb[[i - j, j]] = s / T::from_real(ljj);
        }
    }
    let mut x = Array2::<T>::zeros(rhs.dim().f());
    x.assign(&rhs);
    for mut col in x.columns_mut() {
        // L y = b.
        for i in 0..n {
            let mut s = col[i];
            for k in i.saturating_sub(u)..i {
                s -= lb[[i - k, k]] * col[k];
            }
            col[i] = s / lb[[0, i]];
        }
        // Lᴴ x = y.
        for i in (0..n).rev() {
            let mut s = col[i];
            for k in i + 1..(i + u + 1).min(n) {
                s -= lb[[k - i, i]].conj() * col[k];
            }
            col[i] = s / lb[[0, i]];
        }
    }
    restore_rhs_dim(x, b)
}
