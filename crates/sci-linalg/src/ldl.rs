//! `LDLᵀ` / `LDLᴴ` factorization of a symmetric or Hermitian indefinite matrix with
//! Bunch–Kaufman diagonal pivoting (Bunch & Kaufman 1977; Golub & Van Loan §4.4): at each
//! step a 1×1 or 2×2 pivot is chosen with `α = (1 + √17)/8`, which bounds element growth
//! by `(1 + 1/α)ⁿ⁻¹` without needing a positive definite matrix.
//!
//! Cost `≈ n³/3` multiply-adds (unblocked; the trailing update touches both triangles).

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix2};
use sci_core::{Float, Result, Scalar, validate};

/// `A = lu · d · luᵀ` (or `luᴴ`), SciPy's `ldl` result.
#[derive(Debug, Clone, PartialEq)]
pub struct Ldl<T> {
    /// The outer factor: unit lower (upper) triangular after its rows are permuted by `perm`.
    pub lu: Array2<T>,
    /// Block diagonal with 1×1 and 2×2 blocks (symmetric, or Hermitian when
    /// [`LdlOptions::hermitian`]).
    pub d: Array2<T>,
    /// Row order that makes `lu` triangular: `lu.select(Axis(0), &perm)` is unit triangular.
    pub perm: Array1<usize>,
}

/// Options of [`ldl_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LdlOptions {
    /// Read the lower triangle and return a lower factor (default `true`); `false` reads the
    /// upper triangle and returns an upper factor.
    pub lower: bool,
    /// For complex input, factor as Hermitian (`A = L D Lᴴ`, default `true`) or as complex
    /// symmetric (`A = L D Lᵀ`). Ignored for real input.
    pub hermitian: bool,
    /// Reject NaN and infinity (default `true`).
    pub check_finite: bool,
}

impl Default for LdlOptions {
    fn default() -> Self {
        LdlOptions { lower: true, hermitian: true, check_finite: true }
    }
}

/// Bunch–Kaufman `LDLᵀ` factorization, SciPy's `ldl(A)` with its defaults (lower factor,
/// Hermitian for complex input). Only the lower triangle of `a` is read.
///
/// # Errors
/// [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch) unless `a` is square;
/// [`Error::NonFinite`](sci_core::Error::NonFinite) for NaN or infinity in `a`.
/// A singular matrix is not an error: its `d` has a zero pivot, as in SciPy.
///
/// ```
/// use sci_linalg::ldl;
/// use sci_core::ndarray::{array, Axis};
/// let a = array![[2.0_f64, -1.0, 3.0], [-1.0, 2.0, 0.0], [3.0, 0.0, 1.0]];
/// let f = ldl(&a)?;
/// let back = f.lu.dot(&f.d).dot(&f.lu.t());
/// assert!((&back - &a).iter().all(|x| x.abs() < 1e-14));
/// let l = f.lu.select(Axis(0), f.perm.as_slice().unwrap());
/// assert!(l.indexed_iter().all(|((i, j), v)| j <= i || *v == 0.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn ldl<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Ldl<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    ldl_with(a, &LdlOptions::default())
}

/// [`ldl`] with options: the triangle to read (and the factor's shape) and, for complex
/// input, Hermitian or complex-symmetric factorization.
///
/// # Errors
/// As [`ldl`].
///
/// ```
/// use sci_linalg::{ldl_with, LdlOptions};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0], [2.0, -3.0]];
/// let f = ldl_with(&a, &LdlOptions { lower: false, ..Default::default() })?;
/// let back = f.lu.dot(&f.d).dot(&f.lu.t());
/// assert!((&back - &a).iter().all(|x| x.abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn ldl_with<T, S>(a: &ArrayBase<S, Ix2>, options: &LdlOptions) -> Result<Ldl<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = validate::check_square("a", a)?;
    if options.check_finite {
        validate::check_finite("a", a)?;
    }
    let hermitian = options.hermitian && T::IS_COMPLEX;
    let adj = |x: T| if hermitian { x.conj() } else { x };
    // The full matrix from the chosen triangle; the upper variant factors the reversed
    // matrix J A J (J the exchange matrix) with the lower algorithm and reverses back.
    let full = |i: usize, j: usize| -> T {
        let stored = if options.lower { i >= j } else { i <= j };
        if stored { a[[i, j]] } else { adj(a[[j, i]]) }
    };
    let at = |i: usize, j: usize| if options.lower { full(i, j) } else { full(n - 1 - i, n - 1 - j) };
    let mut work = Array2::from_shape_fn((n, n), |(i, j)| at(i, j));
    if hermitian {
        for i in 0..n {
            work[[i, i]] = T::from_real(work[[i, i]].re());
        }
    }
    let (l, d, p) = bunch_kaufman_lower(&mut work, hermitian);
    // A' = Pᵀ L D Lᴴ P with A'[i][j] = A[p[i]][p[j]]: lu = Pᵀ L.
    let mut lu = Array2::<T>::zeros((n, n));
    for (i, &pi) in p.iter().enumerate() {
        lu.row_mut(pi).assign(&l.row(i));
    }
    if options.lower {
        return Ok(Ldl { lu, d, perm: Array1::from(p) });
    }
    let rev = |m: &Array2<T>| Array2::from_shape_fn((n, n), |(i, j)| m[[n - 1 - i, n - 1 - j]]);
    let perm = p.iter().rev().map(|&q| n - 1 - q).collect();
    Ok(Ldl { lu: rev(&lu), d: rev(&d), perm })
}

/// Factors the full matrix `a` (overwritten) as `P A Pᵀ = L D Lᴴ` (`Lᵀ` unless
/// `hermitian`); returns `(L, D, p)` with `(P A Pᵀ)[i][j] = A[p[i]][p[j]]`.
fn bunch_kaufman_lower<T: Scalar>(a: &mut Array2<T>, hermitian: bool) -> (Array2<T>, Array2<T>, Vec<usize>) {
    let n = a.nrows();
    let adj = |x: T| if hermitian { x.conj() } else { x };
    // LAPACK measures off-diagonal entries with |re| + |im| and Hermitian diagonals by |re|.
    let cabs1 = |x: T| Float::abs(x.re()) + Float::abs(x.im());
    let diag_abs = |x: T| if hermitian { Float::abs(x.re()) } else { cabs1(x) };
    let alpha = T::Real::from_f64((1.0 + 17f64.sqrt()) / 8.0);
    let zero_r = T::Real::from_f64(0.0);
    let zero = T::from_f64(0.0);
    let mut l = Array2::<T>::eye(n);
    let mut d = Array2::<T>::zeros((n, n));
    let mut p: Vec<usize> = (0..n).collect();
    let argmax_col = |a: &Array2<T>, col: usize, from: usize| -> (usize, T::Real) {
        let mut best = (from, zero_r);
        for i in from..n {
            let v = cabs1(a[[i, col]]);
            if v > best.1 {
                best = (i, v);
            }
        }
        best
    };
    let mut k = 0;
    while k < n {
        let absakk = diag_abs(a[[k, k]]);
        let (imax, colmax) = if k + 1 < n { argmax_col(a, k, k + 1) } else { (k, zero_r) };
        // A zero column needs no elimination: a 1×1 zero pivot, as LAPACK records it.
        let (kp, kstep) = if absakk.max(colmax) == zero_r || absakk >= alpha * colmax {
            (k, 1)
        } else {
            let rowmax =
                (k..n).filter(|&j| j != imax).map(|j| cabs1(a[[imax, j]])).fold(zero_r, |m, v| m.max(v));
            if absakk * rowmax >= alpha * colmax * colmax {
                (k, 1)
            } else if diag_abs(a[[imax, imax]]) >= alpha * rowmax {
                (imax, 1)
            } else {
                (imax, 2)
            }
        };
        let kk = k + kstep - 1;
        if kp != kk {
            // Symmetric interchange of kk and kp in the trailing matrix and in L's rows.
            for j in 0..n {
                a.swap([kk, j], [kp, j]);
            }
            for i in 0..n {
                a.swap([i, kk], [i, kp]);
            }
            for j in 0..k {
                l.swap([kk, j], [kp, j]);
            }
            p.swap(kk, kp);
        }
        if kstep == 1 {
            let dk = a[[k, k]];
            d[[k, k]] = dk;
            if dk != zero {
                for i in k + 1..n {
                    l[[i, k]] = a[[i, k]] / dk;
                }
                for j in k + 1..n {
                    let ljk = adj(a[[j, k]]);
                    for i in k + 1..n {
                        a[[i, j]] -= l[[i, k]] * ljk;
                    }
                }
            }
        } else {
            let (d11, d21, d22) = (a[[k, k]], a[[k + 1, k]], a[[k + 1, k + 1]]);
            let d12 = adj(d21);
            d[[k, k]] = d11;
            d[[k + 1, k]] = d21;
            d[[k, k + 1]] = d12;
            d[[k + 1, k + 1]] = d22;
            let det = d11 * d22 - d12 * d21;
            for i in k + 2..n {
                let (x, y) = (a[[i, k]], a[[i, k + 1]]);
                // [l_ik l_ik1] = [x y] D⁻¹.
                l[[i, k]] = (x * d22 - y * d21) / det;
                l[[i, k + 1]] = (y * d11 - x * d12) / det;
            }
            for j in k + 2..n {
                let (x, y) = (adj(a[[j, k]]), adj(a[[j, k + 1]]));
                for i in k + 2..n {
                    a[[i, j]] = a[[i, j]] - l[[i, k]] * x - l[[i, k + 1]] * y;
                }
            }
        }
        k += kstep;
    }
    (l, d, p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::Real;
    use sci_core::ndarray::{Axis, array};
    use sci_core::num_complex::Complex64;

    fn check<T: Scalar>(a: &Array2<T>, f: &Ldl<T>, hermitian: bool, lower: bool) {
        let adj = f.lu.t().mapv(|x| if hermitian { x.conj() } else { x });
        let back = f.lu.dot(&f.d).dot(&adj);
        let err = (&back - a).iter().fold(0.0, |m: f64, x| m.max(x.modulus().as_f64()));
        assert!(err < 1e-13, "reconstruction error {err}");
        let tri = f.lu.select(Axis(0), f.perm.as_slice().unwrap());
        for ((i, j), v) in tri.indexed_iter() {
            let structural_zero = if lower { j > i } else { j < i };
            if structural_zero {
                assert!(v.modulus().as_f64() == 0.0);
            }
            if i == j {
                assert!((*v - T::from_f64(1.0)).modulus().as_f64() == 0.0);
            }
        }
    }

    #[test]
    fn indefinite_real_in_both_triangles() {
        let a =
            array![[0.0, 1.0, 2.0, -1.0], [1.0, 0.0, 3.0, 0.5], [2.0, 3.0, -1.0, 4.0], [-1.0, 0.5, 4.0, 0.0]];
        for lower in [true, false] {
            let f = ldl_with(&a, &LdlOptions { lower, ..Default::default() }).unwrap();
            check(&a, &f, false, lower);
        }
    }

    #[test]
    fn complex_hermitian_and_symmetric() {
        let z = |re, im| Complex64::new(re, im);
        let h = array![
            [z(0.0, 0.0), z(1.0, 2.0), z(3.0, -1.0)],
            [z(1.0, -2.0), z(0.5, 0.0), z(0.0, 1.0)],
            [z(3.0, 1.0), z(0.0, -1.0), z(-2.0, 0.0)]
        ];
        let f = ldl(&h).unwrap();
        check(&h, &f, true, true);
        let s = array![[z(0.0, 1.0), z(1.0, 2.0)], [z(1.0, 2.0), z(0.5, -1.0)]];
        let f = ldl_with(&s, &LdlOptions { hermitian: false, ..Default::default() }).unwrap();
        check(&s, &f, false, true);
    }

    #[test]
    fn singular_and_empty() {
        let a = array![[0.0_f64, 0.0], [0.0, 0.0]];
        let f = ldl(&a).unwrap();
        assert_eq!(f.d, a);
        let e = ldl(&Array2::<f64>::zeros((0, 0))).unwrap();
        assert_eq!(e.perm.len(), 0);
    }
}
