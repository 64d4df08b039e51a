//! Linear filtering: `lfilter`, `lfilter_zi`, `sosfilt`, `sosfilt_zi`, `filtfilt`,
//! `sosfiltfilt`.

use sci_core::ndarray::{
    Array, Array1, Array2, ArrayBase, ArrayView1, ArrayView2, Axis, Data, Dimension, Ix1, Ix2, Zip,
};
use sci_core::validate::normalize_axis;
use sci_core::{Error, Real, Result};

use crate::fft::lanes::map_lanes;
use crate::filter_kernels::{biquads, df2t};

/// SciPy's `padtype` of [`filtfilt`] and [`sosfiltfilt`]: how the signal is extended at both
/// ends before filtering, to tame the transients.
///
/// ```
/// use sci_signal::PadType;
/// assert_eq!(PadType::default(), PadType::Odd);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PadType {
    /// Point reflection about the end sample, `2 x[0] - x[n]` (default).
    #[default]
    Odd,
    /// Mirror reflection, `x[n]`.
    Even,
    /// Repeat the end sample.
    Constant,
    /// No extension (SciPy's `padtype=None`).
    None,
}

/// Keyword arguments of [`lfilter_with`] and [`sosfilt_with`].
///
/// ```
/// use sci_signal::{lfilter_with, FilterOptions};
/// use sci_core::ndarray::array;
/// let x = array![[1.0, 0.0], [0.0, 0.0], [0.0, 0.0]];
/// let y = lfilter_with(&array![1.0], &array![1.0, -0.5], &x, &FilterOptions { axis: 0 })?;
/// assert_eq!(y.column(0).to_vec(), vec![1.0, 0.5, 0.25]);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FilterOptions {
    /// The axis along which to filter; default `-1`.
    pub axis: isize,
}

impl Default for FilterOptions {
    fn default() -> Self {
        FilterOptions { axis: -1 }
    }
}

/// Keyword arguments of [`filtfilt_with`] and [`sosfiltfilt_with`].
///
/// ```
/// use sci_signal::{FiltfiltOptions, PadType};
/// let o = FiltfiltOptions { padtype: PadType::Even, padlen: Some(5), ..Default::default() };
/// assert_eq!(o.axis, -1);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FiltfiltOptions {
    /// The axis along which to filter; default `-1`.
    pub axis: isize,
    /// Extension at both ends; default [`PadType::Odd`].
    pub padtype: PadType,
    /// Samples of extension at each end; `None` is SciPy's default, `3 · ntaps`
    /// (`ntaps = max(len(a), len(b))`, or `2 · n_sections + 1` less trivial sections for
    /// `sosfiltfilt`).
    pub padlen: Option<usize>,
}

impl Default for FiltfiltOptions {
    fn default() -> Self {
        FiltfiltOptions { axis: -1, padtype: PadType::Odd, padlen: None }
    }
}

/// A filter output together with its final state (SciPy's `(y, zf)` when `zi` is given).
#[derive(Debug, Clone, PartialEq)]
pub struct Filtered<T, D: Dimension, E: Dimension = D> {
    /// The filtered signal.
    pub y: Array<T, D>,
    /// The final filter state, shaped like the `zi` that was passed.
    pub zf: Array<T, E>,
}

/// `b` and `a` divided by `a[0]` and zero-padded to a common length `K + 1`.
fn normalize_ba<T: Real>(b: ArrayView1<'_, T>, a: ArrayView1<'_, T>) -> Result<(Vec<T>, Vec<T>)> {
    if b.is_empty() {
        return Err(Error::empty("b"));
    }
    if a.is_empty() {
        return Err(Error::empty("a"));
    }
    let a0 = a[0];
    if a0 == T::zero() {
        return Err(Error::invalid_argument("a", "the leading denominator coefficient a[0] must be nonzero"));
    }
    let n = a.len().max(b.len());
    let mut bn = vec![T::zero(); n];
    let mut an = vec![T::zero(); n];
    for (o, &v) in bn.iter_mut().zip(b) {
        *o = v / a0;
    }
    for (o, &v) in an.iter_mut().zip(a) {
        *o = v / a0;
    }
    Ok((bn, an))
}

/// Rows of `sos` as arrays, validated: shape `(n, 6)`, `n >= 1`, `a0 = 1` in every row.
fn validate_sos<T: Real>(sos: ArrayView2<'_, T>) -> Result<Vec<[T; 6]>> {
    let (n, m) = sos.dim();
    if m != 6 {
        return Err(Error::shape_mismatch("sos", "shape (n_sections, 6)", format!("{n}x{m}")));
    }
    if n == 0 {
        return Err(Error::empty("sos"));
    }
    let rows: Vec<[T; 6]> = sos.outer_iter().map(|r| [r[0], r[1], r[2], r[3], r[4], r[5]]).collect();
    if rows.iter().any(|r| r[3] != T::one()) {
        return Err(Error::invalid_argument("sos", "sos[:, 3] should be all ones"));
    }
    Ok(rows)
}

/// Filters `x` along its last axis with the rational transfer function `b(z)/a(z)`
/// (`scipy.signal.lfilter(b, a, x)`).
///
/// `a[0] y[n] = Σ_k b[k] x[n-k] - Σ_{k≥1} a[k] y[n-k]`, evaluated in direct form II
/// transposed (as SciPy), `O(len(x) · max(len(a), len(b)))`; lanes of an N-D array are
/// filtered in parallel.
///
/// ```
/// use sci_signal::lfilter;
/// use sci_core::ndarray::array;
/// // a two-point moving average
/// let y = lfilter(&array![0.5, 0.5], &array![1.0], &array![2.0, 4.0, 6.0])?;
/// assert_eq!(y.to_vec(), vec![1.0, 3.0, 5.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lfilter_with`].
pub fn lfilter<T, S1, S2, S3, D>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    x: &ArrayBase<S3, D>,
) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
    D: Dimension,
{
    lfilter_with(b, a, x, &FilterOptions::default())
}

/// [`lfilter`] along `axis`, starting from rest.
///
/// ```
/// use sci_signal::{lfilter_with, FilterOptions};
/// use sci_core::ndarray::array;
/// let y = lfilter_with(&array![1.0], &array![2.0], &array![[2.0, 4.0]], &FilterOptions { axis: 1 })?;
/// assert_eq!(y, array![[1.0, 2.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for empty `b` or `a`, [`Error::InvalidArgument`] if `a[0] == 0` or
/// `axis` is out of range.
///
/// # Differences from SciPy
/// Real signals and coefficients of one precision only (`f32` or `f64`).
pub fn lfilter_with<T, S1, S2, S3, D>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    x: &ArrayBase<S3, D>,
    opts: &FilterOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let (bn, an) = normalize_ba(b.view(), a.view())?;
    let k = bn.len() - 1;
    let n = x.shape()[axis];
    let y = map_lanes(
        x.view().into_dyn(),
        axis,
        n,
        || vec![T::zero(); k],
        |z, lane, out| {
            z.fill(T::zero());
            df2t(&bn, &an, lane, out, z);
        },
    )?;
    Ok(y.into_dimensionality::<D>()?)
}

/// [`lfilter`] from the initial state `zi` (shape of `x` with `axis` of length
/// `max(len(a), len(b)) - 1`), returning the output and the final state
/// (`scipy.signal.lfilter(b, a, x, axis, zi)`).
///
/// ```
/// use sci_signal::{lfilter_zi, lfilter_with_zi, FilterOptions};
/// use sci_core::ndarray::{array, Array1};
/// let (b, a) = (array![0.25, 0.25], array![1.0, -0.5]);
/// // start in the steady state of a unit step: the output stays at 1
/// let zi = lfilter_zi(&b, &a)?;
/// let r = lfilter_with_zi(&b, &a, &Array1::<f64>::ones(4), &zi, &FilterOptions::default())?;
/// assert!(r.y.iter().all(|v| (v - 1.0).abs() < 1e-15));
/// assert!((r.zf[0] - zi[0]).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lfilter_with`], and [`Error::ShapeMismatch`] if `zi` has the wrong shape.
///
/// # Differences from SciPy
/// As [`lfilter_with`].
pub fn lfilter_with_zi<T, S1, S2, S3, S4, D>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    x: &ArrayBase<S3, D>,
    zi: &ArrayBase<S4, D>,
    opts: &FilterOptions,
) -> Result<Filtered<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
    S4: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let (bn, an) = normalize_ba(b.view(), a.view())?;
    let k = bn.len() - 1;
    let mut want = x.shape().to_vec();
    want[axis] = k;
    sci_core::validate::check_shape("zi", zi.shape(), &want)?;
    let mut y = Array::<T, D>::zeros(x.raw_dim());
    let mut zf = zi.to_owned();
    let mut xbuf = vec![T::zero(); x.shape()[axis]];
    let mut ybuf = xbuf.clone();
    let mut zbuf = vec![T::zero(); k];
    Zip::from(x.lanes(Axis(axis))).and(y.lanes_mut(Axis(axis))).and(zf.lanes_mut(Axis(axis))).for_each(
        |xl, mut yl, mut zl| {
            for (d, &s) in xbuf.iter_mut().zip(xl) {
                *d = s;
            }
            for (d, &s) in zbuf.iter_mut().zip(zl.iter()) {
                *d = s;
            }
            df2t(&bn, &an, &xbuf, &mut ybuf, &mut zbuf);
            yl.iter_mut().zip(&ybuf).for_each(|(d, &s)| *d = s);
            zl.iter_mut().zip(&zbuf).for_each(|(d, &s)| *d = s);
        },
    );
    Ok(Filtered { y, zf })
}

/// Solves the small dense system `m · x = r` by Gaussian elimination with partial pivoting.
fn solve_small(mut m: Vec<Vec<f64>>, mut r: Vec<f64>) -> Result<Vec<f64>> {
    let n = r.len();
    for c in 0..n {
        let p = (c..n).max_by(|&i, &j| m[i][c].abs().total_cmp(&m[j][c].abs())).unwrap_or(c);
        if m[p][c] == 0.0 {
            return Err(Error::Singular { pivot: c, value: None });
        }
        m.swap(c, p);
        r.swap(c, p);
        for i in c + 1..n {
            let f = m[i][c] / m[c][c];
            if f != 0.0 {
                for j in c..n {
                    m[i][j] -= f * m[c][j];
                }
                r[i] -= f * r[c];
            }
        }
    }
    for c in (0..n).rev() {
        let s: f64 = (c + 1..n).map(|j| m[c][j] * r[j]).sum();
        r[c] = (r[c] - s) / m[c][c];
    }
    Ok(r)
}

/// Initial state of [`lfilter`] for the steady state of a unit step
/// (`scipy.signal.lfilter_zi(b, a)`): filtering `ones` from `zi` gives `ones · H(1)`
/// from the first sample. Scale by `x[0]` to start a signal without a transient.
///
/// Solves `(I - Aᵀ) zi = b[1:] - a[1:] b[0]` for the companion matrix `A` of `a`, `O(K³)`.
///
/// ```
/// use sci_signal::lfilter_zi;
/// use sci_core::ndarray::array;
/// let zi = lfilter_zi(&array![1.0_f64, 0.0], &array![1.0, -0.5])?;
/// assert!((zi[0] - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for empty inputs, [`Error::InvalidArgument`] if every `a` coefficient is
/// zero, [`Error::Singular`] if the filter has a pole at `z = 1` (no steady state).
pub fn lfilter_zi<T, S1, S2>(b: &ArrayBase<S1, Ix1>, a: &ArrayBase<S2, Ix1>) -> Result<Array1<T>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    if b.is_empty() {
        return Err(Error::empty("b"));
    }
    let first = a.iter().position(|&v| v != T::zero()).unwrap_or(a.len());
    if first >= a.len() {
        return Err(Error::invalid_argument("a", "there must be at least one nonzero `a` coefficient"));
    }
    // SciPy strips leading zeros of `a`, keeping at least one coefficient.
    let a = a.slice(sci_core::ndarray::s![first.min(a.len() - 1)..]);
    let a0 = a[0].as_f64();
    let n = a.len().max(b.len());
    let mut bn = vec![0.0; n];
    let mut an = vec![0.0; n];
    for (o, &v) in bn.iter_mut().zip(b) {
        *o = v.as_f64() / a0;
    }
    for (o, &v) in an.iter_mut().zip(a) {
        *o = v.as_f64() / a0;
    }
    let k = n - 1;
    // I - companion(a)ᵀ: companion's first row is -a[1:]; its transpose has it as column 0.
    let mut m = vec![vec![0.0; k]; k];
    for i in 0..k {
        m[i][i] = 1.0;
        m[i][0] += an[i + 1];
        if i + 1 < k {
            m[i][i + 1] -= 1.0;
        }
    }
    let rhs: Vec<f64> = (0..k).map(|i| bn[i + 1] - an[i + 1] * bn[0]).collect();
    let zi = solve_small(m, rhs)?;
    Ok(zi.into_iter().map(|v| <T as sci_core::Scalar>::from_f64(v)).collect())
}

/// Filters `x` along its last axis with a cascade of second-order sections
/// (`scipy.signal.sosfilt(sos, x)`).
///
/// `sos` has one row `[b0, b1, b2, 1, a1, a2]` per section; each section is a direct form II
/// transposed biquad. Numerically far more robust than [`lfilter`] for high orders.
/// `O(len(x) · n_sections)`; lanes of an N-D array run in parallel.
///
/// ```
/// use sci_signal::sosfilt;
/// use sci_core::ndarray::array;
/// let sos = array![[0.5, 0.5, 0.0, 1.0, 0.0, 0.0]];
/// assert_eq!(sosfilt(&sos, &array![2.0, 4.0])?.to_vec(), vec![1.0, 3.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`sosfilt_with`].
pub fn sosfilt<T, S1, S2, D>(sos: &ArrayBase<S1, Ix2>, x: &ArrayBase<S2, D>) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    sosfilt_with(sos, x, &FilterOptions::default())
}

/// [`sosfilt`] along `axis`, starting from rest.
///
/// ```
/// use sci_signal::{sosfilt_with, FilterOptions};
/// use sci_core::ndarray::array;
/// let sos = array![[1.0, 0.0, 0.0, 1.0, -0.5, 0.0]];
/// let y = sosfilt_with(&sos, &array![[1.0], [0.0], [0.0]], &FilterOptions { axis: 0 })?;
/// assert_eq!(y.column(0).to_vec(), vec![1.0, 0.5, 0.25]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] unless `sos` is `n × 6`; [`Error::Empty`] for no sections;
/// [`Error::InvalidArgument`] unless `sos[:, 3]` is all ones, or for an out-of-range `axis`.
pub fn sosfilt_with<T, S1, S2, D>(
    sos: &ArrayBase<S1, Ix2>,
    x: &ArrayBase<S2, D>,
    opts: &FilterOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let rows = validate_sos(sos.view())?;
    let n = x.shape()[axis];
    let y = map_lanes(
        x.view().into_dyn(),
        axis,
        n,
        || vec![[T::zero(); 2]; rows.len()],
        |z, lane, out| {
            z.iter_mut().for_each(|s| *s = [T::zero(); 2]);
            biquads(&rows, lane, out, z);
        },
    )?;
    Ok(y.into_dimensionality::<D>()?)
}

/// [`sosfilt`] of a 1-D signal from the initial state `zi` (shape `(n_sections, 2)`),
/// returning the output and the final state (`scipy.signal.sosfilt(sos, x, zi=zi)`).
///
/// ```
/// use sci_signal::{sosfilt_zi, sosfilt_with_zi};
/// use sci_core::ndarray::{array, Array1};
/// let sos = array![[0.2, 0.2, 0.0, 1.0, -0.6, 0.0]];
/// let r = sosfilt_with_zi(&sos, &Array1::<f64>::ones(3), &sosfilt_zi(&sos)?)?;
/// assert!(r.y.iter().all(|v| (v - 1.0).abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`sosfilt_with`], and [`Error::ShapeMismatch`] for a `zi` of the wrong shape.
///
/// # Differences from SciPy
/// Only 1-D signals take `zi` here (filter N-D arrays lane by lane).
pub fn sosfilt_with_zi<T, S1, S2, S3>(
    sos: &ArrayBase<S1, Ix2>,
    x: &ArrayBase<S2, Ix1>,
    zi: &ArrayBase<S3, Ix2>,
) -> Result<Filtered<T, Ix1, Ix2>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
{
    let rows = validate_sos(sos.view())?;
    sci_core::validate::check_shape("zi", zi.shape(), &[rows.len(), 2])?;
    let mut z: Vec<[T; 2]> = zi.outer_iter().map(|r| [r[0], r[1]]).collect();
    let xs = x.to_vec();
    let mut y = vec![T::zero(); xs.len()];
    biquads(&rows, &xs, &mut y, &mut z);
    let zf = Array2::from_shape_fn((rows.len(), 2), |(i, j)| z[i][j]);
    Ok(Filtered { y: Array1::from(y), zf })
}

/// Initial state of [`sosfilt`] for the steady state of a unit step
/// (`scipy.signal.sosfilt_zi(sos)`), shape `(n_sections, 2)`: each section's
/// [`lfilter_zi`] scaled by the DC gain of the sections before it.
///
/// ```
/// use sci_signal::sosfilt_zi;
/// use sci_core::ndarray::array;
/// let zi = sosfilt_zi(&array![[1.0, 0.0, 0.0, 1.0, -0.5, 0.0]])?;
/// assert_eq!(zi.dim(), (1, 2));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`sosfilt_with`], and [`Error::Singular`] for a section with a pole at `z = 1`.
pub fn sosfilt_zi<T, S>(sos: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Real,
    S: Data<Elem = T>,
{
    let rows = validate_sos(sos.view())?;
    let mut zi = Array2::<T>::zeros((rows.len(), 2));
    let mut scale = T::one();
    for (i, r) in rows.iter().enumerate() {
        let b = Array1::from(vec![r[0], r[1], r[2]]);
        let a = Array1::from(vec![r[3], r[4], r[5]]);
        let z = lfilter_zi(&b, &a)?;
        zi[[i, 0]] = scale * z[0];
        zi[[i, 1]] = scale * z[1];
        scale = scale * (r[0] + r[1] + r[2]) / (r[3] + r[4] + r[5]);
    }
    Ok(zi)
}

/// SciPy's `_validate_pad` for one lane length: the edge length, or an error.
fn pad_edge(padtype: PadType, padlen: Option<usize>, len: usize, ntaps: usize) -> Result<usize> {
    let edge = if padtype == PadType::None { 0 } else { padlen.unwrap_or(3 * ntaps) };
    if len <= edge {
        return Err(Error::invalid_argument(
            "x",
            format!("the length of the input vector x ({len}) must be greater than padlen, which is {edge}"),
        ));
    }
    Ok(edge)
}

/// Extends `x` by `edge` samples at each end (`odd_ext`, `even_ext`, `const_ext`).
fn extend_lane<T: Real>(x: &[T], edge: usize, padtype: PadType, out: &mut Vec<T>) {
    out.clear();
    let n = x.len();
    let two = T::one() + T::one();
    let (first, last) = (x[0], x[n - 1]);
    match padtype {
        PadType::Odd => out.extend((1..=edge).rev().map(|i| two * first - x[i])),
        PadType::Even => out.extend((1..=edge).rev().map(|i| x[i])),
        PadType::Constant => out.extend(std::iter::repeat_n(first, edge)),
        PadType::None => {}
    }
    out.extend_from_slice(x);
    match padtype {
        PadType::Odd => out.extend((1..=edge).map(|i| two * last - x[n - 1 - i])),
        PadType::Even => out.extend((1..=edge).map(|i| x[n - 1 - i])),
        PadType::Constant => out.extend(std::iter::repeat_n(last, edge)),
        PadType::None => {}
    }
}

/// Work buffers of one filtfilt lane.
struct FfWork<T> {
    ext: Vec<T>,
    fwd: Vec<T>,
    z: Vec<T>,
}

/// Applies a linear filter forward and backward (`scipy.signal.filtfilt(b, a, x)`):
/// zero phase, squared magnitude response, along the last axis.
///
/// The signal is extended at both ends ([`PadType::Odd`] by `3 · max(len(a), len(b))`
/// samples), filtered forward from the steady state `lfilter_zi · x[0]`, reversed, filtered
/// again from `lfilter_zi · y[-1]`, reversed and trimmed: SciPy's `method="pad"`.
///
/// ```
/// use sci_signal::filtfilt;
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_elem(20, 3.0_f64);
/// let y = filtfilt(&sci_core::ndarray::array![0.2, 0.2], &sci_core::ndarray::array![1.0, -0.6], &x)?;
/// assert!(y.iter().all(|v| (v - 3.0).abs() < 1e-12)); // DC gain 1, no transient
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`filtfilt_with`].
pub fn filtfilt<T, S1, S2, S3, D>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    x: &ArrayBase<S3, D>,
) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
    D: Dimension,
{
    filtfilt_with(b, a, x, &FiltfiltOptions::default())
}

/// [`filtfilt`] with `axis`, `padtype` and `padlen`.
///
/// ```
/// use sci_signal::{filtfilt_with, FiltfiltOptions, PadType};
/// use sci_core::ndarray::array;
/// let o = FiltfiltOptions { padtype: PadType::None, ..Default::default() };
/// let y = filtfilt_with(&array![1.0], &array![1.0], &array![1.0, 2.0, 3.0], &o)?;
/// assert_eq!(y.to_vec(), vec![1.0, 2.0, 3.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lfilter_with`]; [`Error::InvalidArgument`] if the signal is not longer than the
/// padding; [`Error::Singular`] for a filter with a pole at `z = 1`.
///
/// # Differences from SciPy
/// Only `method="pad"` (no Gustafsson method).
pub fn filtfilt_with<T, S1, S2, S3, D>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    x: &ArrayBase<S3, D>,
    opts: &FiltfiltOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    S3: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let (bn, an) = normalize_ba(b.view(), a.view())?;
    let n = x.shape()[axis];
    let edge = pad_edge(opts.padtype, opts.padlen, n, bn.len())?;
    let zi = lfilter_zi(b, a)?.to_vec();
    let k = zi.len();
    let y = map_lanes(
        x.view().into_dyn(),
        axis,
        n,
        || FfWork { ext: Vec::new(), fwd: Vec::new(), z: vec![T::zero(); k] },
        |w, lane, out| {
            extend_lane(lane, edge, opts.padtype, &mut w.ext);
            w.fwd.resize(w.ext.len(), T::zero());
            let x0 = w.ext[0];
            w.z.iter_mut().zip(&zi).for_each(|(z, &s)| *z = s * x0);
            df2t(&bn, &an, &w.ext, &mut w.fwd, &mut w.z);
            w.fwd.reverse();
            let y0 = w.fwd[0];
            w.z.iter_mut().zip(&zi).for_each(|(z, &s)| *z = s * y0);
            df2t(&bn, &an, &w.fwd, &mut w.ext, &mut w.z);
            w.ext.reverse();
            out.copy_from_slice(&w.ext[edge..edge + n]);
        },
    )?;
    Ok(y.into_dimensionality::<D>()?)
}

/// Forward-backward filtering with second-order sections (`scipy.signal.sosfiltfilt(sos, x)`):
/// zero phase, along the last axis.
///
/// ```
/// use sci_signal::sosfiltfilt;
/// use sci_core::ndarray::{array, Array1};
/// let sos = array![[0.2, 0.2, 0.0, 1.0, -0.6, 0.0]];
/// let y = sosfiltfilt(&sos, &Array1::from_elem(30, -2.0_f64))?;
/// assert!(y.iter().all(|v| (v + 2.0).abs() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`sosfiltfilt_with`].
pub fn sosfiltfilt<T, S1, S2, D>(sos: &ArrayBase<S1, Ix2>, x: &ArrayBase<S2, D>) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    sosfiltfilt_with(sos, x, &FiltfiltOptions::default())
}

/// [`sosfiltfilt`] with `axis`, `padtype` and `padlen` (default padding
/// `3 · (2 · n_sections + 1 - trivial)` where `trivial` counts sections with both `b2` and
/// `a2` zero, as SciPy).
///
/// ```
/// use sci_signal::{sosfiltfilt_with, FiltfiltOptions, PadType};
/// use sci_core::ndarray::array;
/// let sos = array![[1.0, 0.0, 0.0, 1.0, 0.0, 0.0]];
/// let o = FiltfiltOptions { padtype: PadType::Even, padlen: Some(1), ..Default::default() };
/// assert_eq!(sosfiltfilt_with(&sos, &array![1.0, 2.0, 3.0], &o)?.to_vec(), vec![1.0, 2.0, 3.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`sosfilt_with`] and [`filtfilt_with`].
pub fn sosfiltfilt_with<T, S1, S2, D>(
    sos: &ArrayBase<S1, Ix2>,
    x: &ArrayBase<S2, D>,
    opts: &FiltfiltOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let rows = validate_sos(sos.view())?;
    let trivial_b = rows.iter().filter(|r| r[2] == T::zero()).count();
    let trivial_a = rows.iter().filter(|r| r[5] == T::zero()).count();
    let ntaps = 2 * rows.len() + 1 - trivial_b.min(trivial_a);
    let n = x.shape()[axis];
    let edge = pad_edge(opts.padtype, opts.padlen, n, ntaps)?;
    let zi = sosfilt_zi(sos)?;
    let zi: Vec<[T; 2]> = zi.outer_iter().map(|r| [r[0], r[1]]).collect();
    let ns = rows.len();
    let y = map_lanes(
        x.view().into_dyn(),
        axis,
        n,
        || (Vec::new(), Vec::new(), vec![[T::zero(); 2]; ns]),
        |(ext, fwd, z): &mut (Vec<T>, Vec<T>, Vec<[T; 2]>), lane, out| {
            extend_lane(lane, edge, opts.padtype, ext);
            fwd.resize(ext.len(), T::zero());
            let x0 = ext[0];
            z.iter_mut().zip(&zi).for_each(|(z, s)| *z = [s[0] * x0, s[1] * x0]);
            biquads(&rows, ext, fwd, z);
            fwd.reverse();
            let y0 = fwd[0];
            z.iter_mut().zip(&zi).for_each(|(z, s)| *z = [s[0] * y0, s[1] * y0]);
            biquads(&rows, fwd, ext, z);
            ext.reverse();
            out.copy_from_slice(&ext[edge..edge + n]);
        },
    )?;
    Ok(y.into_dimensionality::<D>()?)
}
