//! Shannon entropy and Kullback-Leibler divergence (`scipy.stats.entropy`).

use sci_core::Result;
use sci_core::ndarray::{Array1, ArrayBase, Data, Ix1};

use crate::common::{Nan, NanPolicy, csum, nan_state};

/// Options of [`entropy_with`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntropyOptions {
    /// A second distribution: when given, the relative entropy (Kullback-Leibler divergence)
    /// `Σ pₖ ln(pₖ / qₖ)` is computed instead (default `None`).
    pub qk: Option<Array1<f64>>,
    /// Logarithm base (default `None`: natural logarithm, nats).
    pub base: Option<f64>,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

/// `-x ln x` (SciPy's `special.entr`): 0 at 0, `-inf` for negative `x`.
fn entr(x: f64) -> f64 {
    if x > 0.0 {
        -x * x.ln()
    } else if x == 0.0 {
        0.0
    } else if x.is_nan() {
        x
    } else {
        f64::NEG_INFINITY
    }
}

/// `x ln(x / y)` (SciPy's `special.rel_entr`): 0 when `x = 0 <= y`, `+inf` otherwise
/// outside the positive quadrant.
fn rel_entr(x: f64, y: f64) -> f64 {
    if x.is_nan() || y.is_nan() {
        f64::NAN
    } else if x > 0.0 && y > 0.0 {
        x * (x / y).ln()
    } else if x == 0.0 && y >= 0.0 {
        0.0
    } else {
        f64::INFINITY
    }
}

/// Shannon entropy `-Σ pₖ ln pₖ` of a distribution given by (unnormalized) weights
/// (`scipy.stats.entropy`).
///
/// `pk` is divided by its sum first. An empty `pk` gives 0, a negative weight `-inf` (as
/// SciPy). O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// let h = sci_stats::entropy(&array![1.0, 1.0])?;
/// assert!((h - 2f64.ln()).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::NonFinite`] only under [`NanPolicy::Raise`].
pub fn entropy<S: Data<Elem = f64>>(pk: &ArrayBase<S, Ix1>) -> Result<f64> {
    entropy_with(pk, &EntropyOptions::default())
}

/// [`entropy`] with SciPy's `qk` (relative entropy), `base` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{entropy_with, EntropyOptions};
/// // Entropy in bits of a fair coin, and the KL divergence of a biased coin from it.
/// let bits = entropy_with(&array![0.5, 0.5], &EntropyOptions { base: Some(2.0), ..Default::default() })?;
/// assert_eq!(bits, 1.0);
/// let kl = entropy_with(&array![9.0, 1.0], &EntropyOptions { qk: Some(array![1.0, 1.0]), ..Default::default() })?;
/// assert!((kl - (0.9 * 1.8f64.ln() + 0.1 * 0.2f64.ln())).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`sci_core::Error::ShapeMismatch`] if `qk` differs in length from `pk`; [`sci_core::Error::InvalidArgument`]
/// for a base that is not positive and finite; [`sci_core::Error::NonFinite`] for NaN (in `pk` or
/// `qk`) under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// A non-positive or non-finite `base` is an error (SciPy returns NaN or a negative value).
/// Under [`NanPolicy::Omit`], positions where `pk` or `qk` is NaN are dropped from both.
pub fn entropy_with<S: Data<Elem = f64>>(pk: &ArrayBase<S, Ix1>, options: &EntropyOptions) -> Result<f64> {
    if let Some(b) = options.base {
        sci_core::validate::check_positive("base", b)?;
    }
    if let Some(q) = &options.qk {
        sci_core::validate::check_same_len("pk", pk.len(), "qk", q.len())?;
        if let Nan::Propagate = nan_state("qk", q, options.nan_policy)? {
            return Ok(f64::NAN);
        }
    }
    if let Nan::Propagate = nan_state("pk", pk, options.nan_policy)? {
        return Ok(f64::NAN);
    }
    let keep = |i: usize| !pk[i].is_nan() && options.qk.as_ref().is_none_or(|q| !q[i].is_nan());
    let idx: Vec<usize> = (0..pk.len()).filter(|&i| keep(i)).collect();
    let psum = csum(idx.iter().map(|&i| pk[i]));
    let s = match &options.qk {
        None => csum(idx.iter().map(|&i| entr(pk[i] / psum))),
        Some(q) => {
            let qsum = csum(idx.iter().map(|&i| q[i]));
            csum(idx.iter().map(|&i| rel_entr(pk[i] / psum, q[i] / qsum)))
        }
    };
    Ok(match options.base {
        Some(b) => s / b.ln(),
        None => s,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entr_and_rel_entr_edges() {
        assert_eq!(entr(0.0), 0.0);
        assert_eq!(entr(-1.0), f64::NEG_INFINITY);
        assert_eq!(rel_entr(0.0, 0.0), 0.0);
        assert_eq!(rel_entr(1.0, 0.0), f64::INFINITY);
        assert_eq!(rel_entr(-1.0, 1.0), f64::INFINITY);
        assert!(rel_entr(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn base_must_be_positive() {
        let p = sci_core::ndarray::array![1.0, 2.0];
        assert!(entropy_with(&p, &EntropyOptions { base: Some(0.0), ..Default::default() }).is_err());
        assert!(matches!(
            entropy_with(
                &p,
                &EntropyOptions { qk: Some(sci_core::ndarray::array![1.0]), ..Default::default() }
            ),
            Err(sci_core::Error::ShapeMismatch { .. })
        ));
    }
}
