//! Logistic and log-domain helpers: `expit`, `logit`, `log_expit`, `xlogy`, `xlog1py`,
//! `logsumexp`, `softmax`, `log_softmax`.
//!
//! The array functions reduce along one axis (NumPy's negative-from-the-end convention) or
//! over the whole array, subtracting the maximum first so that `exp` cannot overflow; the
//! largest term of a log-sum-exp is kept out of the sum (`m + ln b_max + log1p(rest/b_max)`,
//! as SciPy ≥ 1.15 does) so that sums close to a single term keep full accuracy.

use sci_core::ndarray::{ArrayBase, ArrayD, ArrayViewD, Axis, Data, Dimension, IxDyn};
use sci_core::{Error, Result, validate};

/// The logistic sigmoid `expit(x) = 1/(1 + e⁻ˣ)`.
///
/// Written so that neither branch overflows: `expit(-800) = 0`, `expit(800) = 1`; relative
/// error below two ulps, also in the lower tail (`expit(-700) ≈ 9.86e-305`). NaN propagates.
///
/// # Differences from SciPy
///
/// SciPy returns 0 once `e⁻ˣ` overflows (`x < -709.8`); sci returns the subnormal value
/// `eˣ/(1 + eˣ)` down to `x ≈ -745`.
///
/// ```
/// use sci_stats::special::expit;
/// assert_eq!(expit(0.0), 0.5);
/// assert!((expit(-700.0) / (-700.0f64).exp() - 1.0).abs() < 1e-15);
/// ```
pub fn expit(x: f64) -> f64 {
    if x >= 0.0 {
        1.0 / (1.0 + (-x).exp())
    } else {
        let e = x.exp();
        e / (1.0 + e)
    }
}

/// `ln(expit(x)) = -ln(1 + e⁻ˣ)` without overflow or cancellation (SciPy's `log_expit`).
///
/// ```
/// use sci_stats::special::log_expit;
/// assert!((log_expit(-1000.0) + 1000.0).abs() < 1e-12);
/// assert!((log_expit(40.0) + (-40.0f64).exp()).abs() < 1e-30);
/// ```
pub fn log_expit(x: f64) -> f64 {
    if x >= 0.0 { -(-x).exp().ln_1p() } else { x - x.exp().ln_1p() }
}

/// The logit function `ln(p/(1 - p))`, the inverse of [`expit`].
///
/// `logit(0) = -∞`, `logit(1) = ∞`; NaN outside `[0, 1]` (SciPy's convention) and for NaN.
/// Computed as `log1p((2p - 1)/(1 - p))` near `p = ½`, where `2p - 1` is exact, so the
/// result is accurate also close to 0.
///
/// ```
/// use sci_stats::special::{expit, logit};
/// assert_eq!(logit(0.5), 0.0);
/// assert!((expit(logit(0.3)) - 0.3).abs() < 1e-16);
/// assert!(logit(1.5).is_nan());
/// ```
pub fn logit(p: f64) -> f64 {
    if !(0.0..=1.0).contains(&p) {
        return f64::NAN;
    }
    if (0.25..=0.75).contains(&p) { ((2.0 * p - 1.0) / (1.0 - p)).ln_1p() } else { (p / (1.0 - p)).ln() }
}

/// `x·ln(y)`, defined as 0 when `x = 0` (unless `y` is NaN).
///
/// SciPy's `xlogy`: the entropy-style convention `0·ln 0 = 0`; otherwise NaN rules are those
/// of `ln` (`xlogy(1, -1)` is NaN).
///
/// ```
/// use sci_stats::special::xlogy;
/// assert_eq!(xlogy(0.0, 0.0), 0.0);
/// assert_eq!(xlogy(2.0, 1.0), 0.0);
/// assert!(xlogy(0.0, f64::NAN).is_nan());
/// ```
pub fn xlogy(x: f64, y: f64) -> f64 {
    if x == 0.0 && !y.is_nan() { 0.0 } else { x * y.ln() }
}

/// `x·ln(1 + y)`, defined as 0 when `x = 0` (unless `y` is NaN); accurate for small `y`.
///
/// ```
/// use sci_stats::special::xlog1py;
/// assert_eq!(xlog1py(0.0, -1.0), 0.0);
/// assert!((xlog1py(3.0, 1e-20) - 3e-20).abs() < 1e-35);
/// ```
pub fn xlog1py(x: f64, y: f64) -> f64 {
    if x == 0.0 && !y.is_nan() { 0.0 } else { x * y.ln_1p() }
}

/// Options for [`logsumexp_with`] and [`logsumexp_sign_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Default)]
pub struct LogsumexpOptions<'a> {
    /// Axis to reduce (negative counts from the end); `None` reduces over all elements.
    pub axis: Option<isize>,
    /// Weights `b`, broadcast against the input: the result is `ln Σ b·eᵃ`. Elements with
    /// `b = 0` are left out (so `a = ∞` there does not matter).
    pub b: Option<ArrayViewD<'a, f64>>,
    /// Keep the reduced axis with length 1 (or all axes, when `axis` is `None`).
    pub keepdims: bool,
}

/// `ln |Σ b·eᵃ|` and the sign of the sum, from [`logsumexp_sign_with`] (SciPy's
/// `return_sign=True`).
#[derive(Debug, Clone, PartialEq)]
pub struct SignedLogSumExp {
    /// `ln |Σ b·eᵃ|` (`-∞` for a zero sum).
    pub value: ArrayD<f64>,
    /// The sign of the sum: 1, -1, or 0 for a zero sum (NaN where the value is NaN).
    pub sign: ArrayD<f64>,
}

/// `(ln |Σ bᵢ e^(aᵢ)|, sign)` of one lane.
fn lse_lane<'x>(a: impl Iterator<Item = &'x f64> + Clone, b: Option<Vec<f64>>) -> (f64, f64) {
    let weight = |i: usize| b.as_ref().map_or(1.0, |w| w[i]);
    // Maximum over the terms with non-zero weight; NaN anywhere (weighted) gives NaN.
    let mut m = f64::NEG_INFINITY;
    let mut imax = usize::MAX;
    for (i, &x) in a.clone().enumerate() {
        let w = weight(i);
        if w == 0.0 {
            continue;
        }
        if x.is_nan() || w.is_nan() {
            return (f64::NAN, f64::NAN);
        }
        if x > m || imax == usize::MAX {
            m = x;
            imax = i;
        }
    }
    if imax == usize::MAX || m == f64::NEG_INFINITY {
        // Empty lane, all weights zero, or every term is e^-∞ = 0.
        return (f64::NEG_INFINITY, 0.0);
    }
    if m == f64::INFINITY {
        let s: f64 = a
            .enumerate()
            .filter(|&(i, &x)| x == f64::INFINITY && weight(i) != 0.0)
            .map(|(i, _)| weight(i))
            .sum();
        return if s > 0.0 {
            (f64::INFINITY, 1.0)
        } else if s < 0.0 {
            (f64::INFINITY, -1.0)
        } else {
            (f64::NAN, f64::NAN)
        };
    }
    let bmax = weight(imax);
    let mut rest = 0.0;
    for (i, &x) in a.enumerate() {
        let w = weight(i);
        if i == imax || w == 0.0 {
            continue;
        }
        rest += w * (x - m).exp();
    }
    let total_over_bmax = rest / bmax; // sum = bmax · (1 + total_over_bmax)
    let one_plus = 1.0 + total_over_bmax;
    let sign = (bmax * one_plus).signum();
    if one_plus == 0.0 {
        return (f64::NEG_INFINITY, 0.0);
    }
    let ln_abs = if total_over_bmax > -0.5 { total_over_bmax.ln_1p() } else { one_plus.abs().ln() };
    (m + bmax.abs().ln() + ln_abs, sign)
}

fn lse_impl<S, D>(a: &ArrayBase<S, D>, opts: &LogsumexpOptions<'_>) -> Result<SignedLogSumExp>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    let a = a.view().into_dyn();
    let b = match &opts.b {
        Some(b) => Some(b.broadcast(a.raw_dim()).ok_or_else(|| {
            Error::shape_mismatch(
                "logsumexp weights b",
                format!("{:?} (broadcastable)", a.shape()),
                format!("{:?}", b.shape()),
            )
        })?),
        None => None,
    };
    match opts.axis {
        None => {
            let bv: Option<Vec<f64>> = b.as_ref().map(|b| b.iter().copied().collect());
            let (v, s) = lse_lane(a.iter(), bv);
            let shape = if opts.keepdims { vec![1; a.ndim()] } else { vec![] };
            Ok(SignedLogSumExp {
                value: ArrayD::from_elem(IxDyn(&shape), v),
                sign: ArrayD::from_elem(IxDyn(&shape), s),
            })
        }
        Some(ax) => {
            let k = validate::normalize_axis(ax, a.ndim())?;
            let mut out_shape = a.shape().to_vec();
            out_shape.remove(k);
            let mut value = ArrayD::zeros(IxDyn(&out_shape));
            let mut sign = ArrayD::zeros(IxDyn(&out_shape));
            let lanes_a = a.lanes(Axis(k));
            match &b {
                Some(b) => {
                    for (((la, lb), v), s) in
                        lanes_a.into_iter().zip(b.lanes(Axis(k))).zip(value.iter_mut()).zip(sign.iter_mut())
                    {
                        let (x, y) = lse_lane(la.iter(), Some(lb.iter().copied().collect()));
                        *v = x;
                        *s = y;
                    }
                }
                None => {
                    for ((la, v), s) in lanes_a.into_iter().zip(value.iter_mut()).zip(sign.iter_mut()) {
                        let (x, y) = lse_lane(la.iter(), None);
                        *v = x;
                        *s = y;
                    }
                }
            }
            if opts.keepdims {
                value.insert_axis_inplace(Axis(k));
                sign.insert_axis_inplace(Axis(k));
            }
            Ok(SignedLogSumExp { value, sign })
        }
    }
}

/// `ln Σ eᵃ` over all elements of `a`, computed without overflow.
///
/// `-∞` for an empty array or when every element is `-∞`; `∞` if any element is `∞`;
/// NaN if any is NaN. O(n), one `exp` per element.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::logsumexp;
/// let a = array![1000.0, 1000.0];
/// assert!((logsumexp(&a) - (1000.0 + 2f64.ln())).abs() < 1e-12);
/// ```
pub fn logsumexp<S, D>(a: &ArrayBase<S, D>) -> f64
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    lse_lane(a.iter(), None).0
}

/// `ln Σ b·eᵃ` along an axis or over everything, with SciPy's `axis`, `b` and `keepdims`
/// (SciPy's `logsumexp(a, axis, b, keepdims)`).
///
/// The result is an array of the reduced shape (0-dimensional when `axis` is `None` and
/// `keepdims` is false). Where the weighted sum is negative the value is NaN, as in SciPy
/// with `return_sign=False`; use [`logsumexp_sign_with`] for the sign. O(n).
///
/// # Errors
///
/// [`Error::InvalidArgument`] for an axis out of range, [`Error::ShapeMismatch`] if `b`
/// does not broadcast to the shape of `a`.
///
/// # Differences from SciPy
///
/// `axis` is one axis or all of them; SciPy also accepts a tuple of axes.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::{logsumexp_with, LogsumexpOptions};
/// let a = array![[0.0, 1.0], [2.0, 3.0]];
/// let r = logsumexp_with(&a, &LogsumexpOptions { axis: Some(1), ..Default::default() }).unwrap();
/// assert!((r[[0]] - (1.0f64.exp() + 1.0).ln()).abs() < 1e-15);
/// assert_eq!(r.shape(), &[2]);
/// ```
pub fn logsumexp_with<S, D>(a: &ArrayBase<S, D>, opts: &LogsumexpOptions<'_>) -> Result<ArrayD<f64>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    let r = lse_impl(a, opts)?;
    let mut value = r.value;
    value.zip_mut_with(&r.sign, |v, &s| {
        if s < 0.0 {
            *v = f64::NAN;
        }
    });
    Ok(value)
}

/// `ln |Σ b·eᵃ|` and the sign of the sum (SciPy's `logsumexp(..., return_sign=True)`).
///
/// # Errors
///
/// As [`logsumexp_with`].
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::{logsumexp_sign_with, LogsumexpOptions};
/// let a = array![1.0, 2.0];
/// let b = array![1.0, -1.0];
/// let r = logsumexp_sign_with(&a, &LogsumexpOptions { b: Some(b.view().into_dyn()), ..Default::default() }).unwrap();
/// // e - e² < 0
/// assert_eq!(r.sign[[]], -1.0);
/// assert!((r.value[[]] - (2f64.exp() - 1f64.exp()).ln()).abs() < 1e-15);
/// ```
pub fn logsumexp_sign_with<S, D>(a: &ArrayBase<S, D>, opts: &LogsumexpOptions<'_>) -> Result<SignedLogSumExp>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    lse_impl(a, opts)
}

/// Options for [`softmax_with`] and [`log_softmax_with`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SoftmaxOptions {
    /// Axis along which the result sums to one (negative counts from the end); `None`
    /// (SciPy's default) normalizes over all elements.
    pub axis: Option<isize>,
}

fn softmax_impl<S, D>(
    x: &ArrayBase<S, D>,
    axis: Option<isize>,
    log: bool,
) -> Result<sci_core::ndarray::Array<f64, D>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    let mut out = x.to_owned();
    let apply = |mut lane: sci_core::ndarray::ArrayViewMut1<'_, f64>| {
        let mut m = lane.iter().fold(f64::NEG_INFINITY, |m, &v| if v > m { v } else { m });
        if !m.is_finite() {
            m = 0.0; // SciPy: a non-finite maximum is not subtracted.
        }
        lane.mapv_inplace(|v| v - m);
        let s: f64 = lane.iter().map(|v| v.exp()).sum();
        if log {
            let ls = s.ln();
            lane.mapv_inplace(|v| v - ls);
        } else {
            lane.mapv_inplace(|v| v.exp() / s);
        }
    };
    match axis {
        None => {
            let n = out.len();
            let mut flat = out.view_mut().into_shape_with_order(n).ok();
            match flat.as_mut() {
                Some(f) => apply(f.view_mut()),
                None => {
                    // Non-contiguous layout cannot happen for a fresh owned array; fall back to
                    // a copy just in case.
                    let mut v: sci_core::ndarray::Array1<f64> = out.iter().copied().collect();
                    apply(v.view_mut());
                    out.iter_mut().zip(v.iter()).for_each(|(o, &w)| *o = w);
                }
            }
        }
        Some(ax) => {
            let k = validate::normalize_axis(ax, out.ndim())?;
            for lane in out.lanes_mut(Axis(k)) {
                apply(lane);
            }
        }
    }
    Ok(out)
}

/// The softmax function `eˣ / Σ eˣ` over all elements of `x` (SciPy's default `axis=None`).
///
/// Shift-invariant and overflow-free (the maximum is subtracted first). O(n).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::softmax;
/// let s = softmax(&array![1000.0, 1000.0]);
/// assert_eq!(s, array![0.5, 0.5]);
/// ```
pub fn softmax<S, D>(x: &ArrayBase<S, D>) -> sci_core::ndarray::Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    // Reducing over everything cannot fail.
    softmax_impl(x, None, false).unwrap_or_else(|_| x.to_owned())
}

/// Softmax along an axis (SciPy's `softmax(x, axis)`).
///
/// # Errors
///
/// [`Error::InvalidArgument`] for an axis out of range.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::{softmax_with, SoftmaxOptions};
/// let s = softmax_with(&array![[1.0, 1.0], [0.0, 2f64.ln()]], &SoftmaxOptions { axis: Some(-1) }).unwrap();
/// assert!((s[[1, 1]] - 2.0 / 3.0).abs() < 1e-16);
/// ```
pub fn softmax_with<S, D>(
    x: &ArrayBase<S, D>,
    opts: &SoftmaxOptions,
) -> Result<sci_core::ndarray::Array<f64, D>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    softmax_impl(x, opts.axis, false)
}

/// `ln softmax(x)` over all elements, computed as `x - max - ln Σ e^(x - max)` (accurate
/// where `softmax` itself underflows).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::log_softmax;
/// let l = log_softmax(&array![0.0, -1000.0]);
/// assert!((l[1] + 1000.0).abs() < 1e-12);
/// ```
pub fn log_softmax<S, D>(x: &ArrayBase<S, D>) -> sci_core::ndarray::Array<f64, D>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    softmax_impl(x, None, true).unwrap_or_else(|_| x.to_owned())
}

/// `ln softmax(x)` along an axis (SciPy's `log_softmax(x, axis)`).
///
/// # Errors
///
/// [`Error::InvalidArgument`] for an axis out of range.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::special::{log_softmax_with, SoftmaxOptions};
/// let l = log_softmax_with(&array![[0.0, 0.0]], &SoftmaxOptions { axis: Some(1) }).unwrap();
/// assert!((l[[0, 0]] + 2f64.ln()).abs() < 1e-16);
/// ```
pub fn log_softmax_with<S, D>(
    x: &ArrayBase<S, D>,
    opts: &SoftmaxOptions,
) -> Result<sci_core::ndarray::Array<f64, D>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    softmax_impl(x, opts.axis, true)
}
