//! Reciprocal condition number estimates in the 1-norm (LAPACK's `gecon`), used by
//! [`crate::solve`] and [`crate::inv`] to flag ill-conditioned systems as SciPy's
//! `LinAlgWarning` does.

use sci_core::ndarray::{Array1, ArrayBase, Data, Ix2};
use sci_core::{Float, Real, Scalar};

/// `‖A‖₁`, the largest column sum of absolute values.
pub(crate) fn one_norm<T, S>(a: &ArrayBase<S, Ix2>) -> T::Real
where
    T: Scalar,
    S: Data<Elem = T>,
{
    a.columns()
        .into_iter()
        .map(|c| c.iter().map(|x| x.modulus()).sum::<T::Real>())
        .fold(T::Real::from_f64(0.0), |acc, s| if s > acc || s.is_nan() { s } else { acc })
}

/// Estimates `‖B‖₁` for an `n×n` operator `B` given products `B·x` (`apply(x, false)`) and
/// `Bᴴ·x` (`apply(x, true)`), by Higham's refinement of Hager's method (Higham, "FORTRAN
/// codes for estimating the one-norm of a real or complex matrix", ACM TOMS 14, 1988 —
/// the algorithm behind LAPACK's `xLACN2`). Uses at most five pairs of products; the
/// estimate is a lower bound that is almost always within a factor 3 of the true norm.
pub(crate) fn estimate_one_norm<T: Scalar>(n: usize, mut apply: impl FnMut(&mut Array1<T>, bool)) -> T::Real {
    let zero = T::Real::from_f64(0.0);
    if n == 0 {
        return zero;
    }
    let norm1 = |v: &Array1<T>| v.iter().map(|x| x.modulus()).sum::<T::Real>();
    let sign = |v: &Array1<T>| {
        v.mapv(|x| {
            let m = x.modulus();
            if m == zero { T::from_f64(1.0) } else { x * T::from_real(m.recip()) }
        })
    };
    let argmax = |v: &Array1<T>| {
        let mut best = 0;
        for i in 1..v.len() {
            if v[i].modulus() > v[best].modulus() {
                best = i;
            }
        }
        best
    };

    let mut x = Array1::from_elem(n, T::from_f64(1.0 / n as f64));
    apply(&mut x, false);
    if n == 1 {
        return x[0].modulus();
    }
    let mut est = norm1(&x);
    let mut xi = sign(&x);
    let mut z = xi.clone();
    apply(&mut z, true);
    let mut j = argmax(&z);
    for _ in 2..=5 {
        let mut e = Array1::<T>::zeros(n);
        e[j] = T::from_f64(1.0);
        apply(&mut e, false);
        let est_old = est;
        est = norm1(&e);
        let new_xi = sign(&e);
        // For real matrices a repeated sign vector means the iteration has cycled.
        let repeated = !T::IS_COMPLEX && new_xi.iter().zip(xi.iter()).all(|(a, b)| a == b);
        if repeated || est <= est_old {
            est = est.max(est_old);
            break;
        }
        xi = new_xi;
        z = xi.clone();
        apply(&mut z, true);
        let j_last = j;
        j = argmax(&z);
        if z[j_last].modulus() == z[j].modulus() {
            break;
        }
    }
    // Higham's extra test vector guards against the estimator being fooled by structure.
    let mut alt = Array1::from_shape_fn(n, |i| {
        let s = if i % 2 == 0 { 1.0 } else { -1.0 };
        T::from_f64(s * (1.0 + i as f64 / (n - 1) as f64))
    });
    apply(&mut alt, false);
    let alt_est = T::Real::from_f64(2.0) * norm1(&alt) / T::Real::from_f64(3.0 * n as f64);
    if alt_est > est { alt_est } else { est }
}

/// The reciprocal condition number `1 / (‖A‖₁ ‖A⁻¹‖₁)`, with `‖A⁻¹‖₁` estimated through
/// solves with a factorization of `A`. Zero if `A` is zero, NaN if `A` holds NaN.
pub(crate) fn rcond_from_solves<T: Scalar>(
    anorm: T::Real,
    n: usize,
    apply_inverse: impl FnMut(&mut Array1<T>, bool),
) -> T::Real {
    let zero = T::Real::from_f64(0.0);
    if anorm.is_nan() {
        return anorm;
    }
    if n == 0 {
        return T::Real::from_f64(f64::INFINITY);
    }
    if anorm == zero {
        return zero;
    }
    let ainv = estimate_one_norm(n, apply_inverse);
    if ainv == zero { zero } else { (anorm * ainv).recip() }
}

/// Whether SciPy would warn: `rcond < eps`, NaN included.
pub(crate) fn is_ill_conditioned<R: Real>(rcond: R) -> bool {
    rcond.is_nan() || rcond < R::epsilon()
}

/// The [`sci_core::Error::IllConditioned`] error for `rcond`.
pub(crate) fn ill_conditioned_error<R: Real>(rcond: R) -> sci_core::Error {
    sci_core::Error::IllConditioned { rcond: rcond.as_f64(), epsilon: R::epsilon().as_f64() }
}

/// `‖A⁻¹‖₁` computed from an explicit inverse (test oracle).
#[cfg(test)]
fn explicit_inverse_norm(a: &sci_core::ndarray::Array2<f64>) -> f64 {
    let inv = crate::inv(a).unwrap_or_else(|e| panic!("{e}"));
    one_norm(&inv)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::Array2;

    #[test]
    fn estimate_is_close_to_the_true_inverse_norm() {
        let n = 12;
        let a = Array2::from_shape_fn((n, n), |(i, j)| {
            if i == j { 4.0 } else { 1.0 / (1.0 + (i as f64 - j as f64).abs()) }
        });
        let f = crate::lu::factor(&a, true).unwrap_or_else(|e| panic!("{e}"));
        let piv = crate::lu::lapack_pivots(&f.perm, n);
        let est = estimate_one_norm::<f64>(n, |x, h| {
            let trans = if h { crate::Transpose::ConjugateTranspose } else { crate::Transpose::No };
            let mut col = x.view_mut().insert_axis(sci_core::ndarray::Axis(1));
            crate::lu::solve_in_place(&f.lu, &piv, trans, col.view_mut());
        });
        let exact = explicit_inverse_norm(&a);
        assert!(est <= exact * (1.0 + 1e-12) && est >= exact / 3.0, "est {est}, exact {exact}");
    }
}
