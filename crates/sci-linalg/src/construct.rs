//! Special matrices: `kron`, `block_diag`, `toeplitz`, `circulant`, `hankel`, `hilbert`,
//! `vander`.

use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayView2, Data, Ix1, Ix2, s};
use sci_core::{Error, Real, Result, Scalar};

/// The Kronecker product `A ⊗ B`, SciPy's `kron(a, b)`: the `(mp)×(nq)` block matrix whose
/// block `(i, j)` is `aᵢⱼ B`.
///
/// ```
/// use sci_linalg::kron;
/// use sci_core::ndarray::array;
/// let k = kron(&array![[1.0, 2.0]], &array![[1.0], [10.0]]);
/// assert_eq!(k, array![[1.0, 2.0], [10.0, 20.0]]);
/// ```
pub fn kron<T, SA, SB>(a: &ArrayBase<SA, Ix2>, b: &ArrayBase<SB, Ix2>) -> Array2<T>
where
    T: Scalar,
    SA: Data<Elem = T>,
    SB: Data<Elem = T>,
{
    let (m, n) = a.dim();
    let (p, q) = b.dim();
    let mut out = Array2::<T>::zeros((m * p, n * q));
    for ((i, j), &aij) in a.indexed_iter() {
        out.slice_mut(s![i * p..(i + 1) * p, j * q..(j + 1) * q]).zip_mut_with(b, |o, &bkl| *o = aij * bkl);
    }
    out
}

/// The block-diagonal matrix with `blocks` on its diagonal, SciPy's `block_diag(*arrs)`.
///
/// Empty blocks (`0×n` or `m×0`) still shift the following blocks, as in SciPy.
///
/// ```
/// use sci_linalg::block_diag;
/// use sci_core::ndarray::array;
/// let a = array![[1.0, 2.0]];
/// let b = array![[3.0], [4.0]];
/// let d = block_diag(&[a.view(), b.view()]);
/// assert_eq!(d, array![[1.0, 2.0, 0.0], [0.0, 0.0, 3.0], [0.0, 0.0, 4.0]]);
/// ```
pub fn block_diag<T: Scalar>(blocks: &[ArrayView2<'_, T>]) -> Array2<T> {
    let rows = blocks.iter().map(|b| b.nrows()).sum();
    let cols = blocks.iter().map(|b| b.ncols()).sum();
    let mut out = Array2::<T>::zeros((rows, cols));
    let (mut r, mut c) = (0, 0);
    for b in blocks {
        out.slice_mut(s![r..r + b.nrows(), c..c + b.ncols()]).assign(b);
        r += b.nrows();
        c += b.ncols();
    }
    out
}

/// The Toeplitz matrix with first column `c` and first row `r`, SciPy's `toeplitz(c, r)`:
/// `T[i, j] = c[i − j]` for `i ≥ j`, `r[j − i]` otherwise (`r[0]` is ignored).
/// With `r = None`, `r = conj(c)` (a Hermitian Toeplitz matrix), as in SciPy.
///
/// ```
/// use sci_linalg::toeplitz;
/// use sci_core::ndarray::array;
/// let t = toeplitz(&array![1.0, 2.0, 3.0], Some(&array![1.0, 4.0]));
/// assert_eq!(t, array![[1.0, 4.0], [2.0, 1.0], [3.0, 2.0]]);
/// assert_eq!(toeplitz(&array![1.0, 2.0], None), array![[1.0, 2.0], [2.0, 1.0]]);
/// ```
pub fn toeplitz<T, S>(c: &ArrayBase<S, Ix1>, r: Option<&ArrayBase<S, Ix1>>) -> Array2<T>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let r: Array1<T> = match r {
        Some(r) => r.to_owned(),
        None => c.mapv(T::conj),
    };
    Array2::from_shape_fn((c.len(), r.len()), |(i, j)| if i >= j { c[i - j] } else { r[j - i] })
}

/// The circulant matrix whose first column is `c`, SciPy's `circulant(c)`:
/// `C[i, j] = c[(i − j) mod n]`.
///
/// ```
/// use sci_linalg::circulant;
/// use sci_core::ndarray::array;
/// assert_eq!(circulant(&array![1, 2, 3].mapv(f64::from)), array![[1.0, 3.0, 2.0], [2.0, 1.0, 3.0], [3.0, 2.0, 1.0]]);
/// ```
pub fn circulant<T, S>(c: &ArrayBase<S, Ix1>) -> Array2<T>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = c.len();
    Array2::from_shape_fn((n, n), |(i, j)| c[(i + n - j) % n])
}

/// The Hankel matrix with first column `c` and last row `r`, SciPy's `hankel(c, r)`:
/// `H[i, j] = c[i + j]` while `i + j < len(c)`, then `r[i + j − len(c) + 1]` (`r[0]` is
/// ignored). With `r = None`, zeros below the anti-diagonal, as in SciPy.
///
/// ```
/// use sci_linalg::hankel;
/// use sci_core::ndarray::array;
/// assert_eq!(hankel(&array![1.0, 2.0, 3.0], None), array![[1.0, 2.0, 3.0], [2.0, 3.0, 0.0], [3.0, 0.0, 0.0]]);
/// assert_eq!(hankel(&array![1.0, 2.0], Some(&array![9.0, 4.0, 5.0])), array![[1.0, 2.0, 4.0], [2.0, 4.0, 5.0]]);
/// ```
pub fn hankel<T, S>(c: &ArrayBase<S, Ix1>, r: Option<&ArrayBase<S, Ix1>>) -> Array2<T>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let m = c.len();
    let r: Array1<T> = match r {
        Some(r) => r.to_owned(),
        None => Array1::zeros(m),
    };
    Array2::from_shape_fn((m, r.len()), |(i, j)| if i + j < m { c[i + j] } else { r[i + j + 1 - m] })
}

/// The `n×n` Hilbert matrix `H[i, j] = 1 / (i + j + 1)`, SciPy's `hilbert(n)`: the classic
/// ill-conditioned test matrix (2-norm condition ≈ e^{3.5n}).
///
/// ```
/// use sci_linalg::hilbert;
/// let h = hilbert::<f64>(3);
/// assert_eq!(h[[2, 2]], 0.2);
/// ```
pub fn hilbert<R: Real>(n: usize) -> Array2<R> {
    Array2::from_shape_fn((n, n), |(i, j)| R::from_f64(1.0 / (i + j + 1) as f64))
}

/// The Vandermonde matrix of `x`, NumPy's `vander(x, N, increasing)`: column `j` is
/// `x^(N−1−j)` (decreasing powers, NumPy's default) or `x^j` when `increasing`. `n`
/// defaults to `len(x)`.
///
/// # Errors
/// [`Error::InvalidArgument`] if finite `x` raised to the requested powers overflows
/// (NumPy silently returns infinities).
///
/// ```
/// use sci_linalg::vander;
/// use sci_core::ndarray::array;
/// let v = vander(&array![2.0, 3.0], None, false)?;
/// assert_eq!(v, array![[2.0, 1.0], [3.0, 1.0]]);
/// let v = vander(&array![2.0, 3.0], Some(3), true)?;
/// assert_eq!(v, array![[1.0, 2.0, 4.0], [1.0, 3.0, 9.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn vander<T, S>(x: &ArrayBase<S, Ix1>, n: Option<usize>, increasing: bool) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = n.unwrap_or(x.len());
    let mut out = Array2::<T>::zeros((x.len(), n));
    for (mut row, &xi) in out.rows_mut().into_iter().zip(x.iter()) {
        let mut power = T::from_f64(1.0);
        for k in 0..n {
            let j = if increasing { k } else { n - 1 - k };
            row[j] = power;
            power *= xi;
        }
    }
    if out.iter().any(|v| !v.is_finite_scalar()) && x.iter().all(|v| v.is_finite_scalar()) {
        return Err(Error::invalid_argument(
            "n",
            format!("powers up to {} overflow the element type", n.saturating_sub(1)),
        ));
    }
    Ok(out)
}
