//! Real and Hermitian transforms: `rfft`, `irfft`, `hfft`, `ihfft` and their 2-D/N-D forms.

use sci_core::ndarray::{Array, ArrayBase, ArrayD, ArrayViewD, Data, Dimension};
use sci_core::num_complex::Complex;
use sci_core::validate::normalize_axis;
use sci_core::{Error, Result};

use super::complex::{c2c_nd, c2c_nd_in_place};
use super::lanes::map_lanes;
use super::{FftElem, FftOptions, FftReal, FftnOptions, check_n, plan_c2r, plan_r2c, resolve_axes};

/// Real-to-complex transform of length `n` along `axis`: `n/2 + 1` outputs, each scaled by
/// `scale`, conjugated if `conj` (for `ihfft`).
fn r2c_axis<T: FftReal>(
    x: ArrayViewD<'_, T>,
    axis: usize,
    n: usize,
    scale: T,
    conj: bool,
) -> Result<ArrayD<Complex<T>>> {
    let plan = plan_r2c::<T>(n);
    let scratch_len = plan.get_scratch_len();
    let unit = scale == T::one();
    map_lanes(
        x,
        axis,
        n / 2 + 1,
        || vec![T::zero(); n],
        |buf, lane, out| {
            let m = lane.len().min(n);
            buf[..m].copy_from_slice(&lane[..m]);
            buf[m..].fill(T::zero());
            // Lengths are right by construction, so realfft cannot fail here.
            let _ = T::with_scratch(scratch_len, |scratch| plan.process_with_scratch(buf, out, scratch));
            if conj {
                out.iter_mut().for_each(|v| *v = v.conj().scale(scale));
            } else if !unit {
                out.iter_mut().for_each(|v| *v = v.scale(scale));
            }
        },
    )
}

/// Complex-to-real transform with `n` real outputs along `axis`; the input lane is
/// truncated or zero-padded to `n/2 + 1` points, conjugated first if `conj` (for `hfft`).
/// The imaginary parts of the zero-frequency (and, for even `n`, Nyquist) terms are
/// ignored, as pocketfft does.
fn c2r_axis<I, T>(
    x: ArrayViewD<'_, I>,
    axis: usize,
    n: usize,
    scale: T,
    conj: bool,
    conv: fn(I) -> Complex<T>,
) -> Result<ArrayD<T>>
where
    I: Copy + Send + Sync,
    T: FftReal,
{
    let plan = plan_c2r::<T>(n);
    let scratch_len = plan.get_scratch_len();
    let h = n / 2 + 1;
    let unit = scale == T::one();
    let zero = T::zero();
    map_lanes(
        x,
        axis,
        n,
        || vec![Complex::<T>::default(); h],
        |buf, lane, out| {
            let m = lane.len().min(h);
            for (b, &v) in buf[..m].iter_mut().zip(lane) {
                let c = conv(v);
                *b = if conj { c.conj() } else { c };
            }
            buf[m..].fill(Complex::default());
            buf[0].im = zero;
            if n.is_multiple_of(2) {
                buf[h - 1].im = zero;
            }
            // Lengths are right and the must-be-real terms were made real, so realfft
            // cannot fail here.
            let _ = T::with_scratch(scratch_len, |scratch| plan.process_with_scratch(buf, out, scratch));
            if !unit {
                out.iter_mut().for_each(|v| *v *= scale);
            }
        },
    )
}

/// `irfft`'s default output length, `2 (m - 1)`, or the user's `n`.
fn c2r_len(n: Option<usize>, m: usize) -> Result<usize> {
    match n {
        Some(n) => check_n(Some(n), 0),
        None if m >= 2 => Ok(2 * (m - 1)),
        None => Err(Error::invalid_argument(
            "n",
            format!("invalid number of data points (0): the default 2(m-1) is 0 for an axis of length {m}"),
        )),
    }
}

/// Discrete Fourier transform of real input (`scipy.fft.rfft(x)`): the `n/2 + 1`
/// non-negative frequency terms of `fft(x)`; the rest follow by Hermitian symmetry.
///
/// About half the work and memory of [`fft`](super::fft) (realfft's length-`n/2` complex
/// FFT with a post-processing pass).
///
/// ```
/// use sci_signal::fft::rfft;
/// use sci_core::ndarray::array;
/// let y = rfft(&array![1.0_f64, 2.0, 3.0, 4.0])?;
/// assert_eq!(y.len(), 3);
/// assert_eq!((y[0].re, y[1].re, y[1].im, y[2].re), (10.0, -2.0, 2.0, -2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfft_with`].
pub fn rfft<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    rfft_with(x, &FftOptions::default())
}

/// [`rfft`] with `n`, `axis` and `norm`.
///
/// ```
/// use sci_signal::fft::{rfft_with, FftOptions, Norm};
/// use sci_core::ndarray::array;
/// let y = rfft_with(&array![1.0_f32, 1.0, 1.0, 1.0], &FftOptions { norm: Norm::Forward, ..Default::default() })?;
/// assert_eq!(y[0].re, 1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an out-of-range `axis` or a length of 0.
///
/// # Differences from SciPy
/// Complex input is a compile-time error rather than SciPy's `TypeError`.
pub fn rfft_with<T, S, D>(x: &ArrayBase<S, D>, opts: &FftOptions) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let n = check_n(opts.n, x.shape()[axis])?;
    let scale = opts.norm.factor(n, false);
    Ok(r2c_axis(x.view().into_dyn(), axis, n, scale, false)?.into_dimensionality::<D>()?)
}

/// Inverse of [`rfft`] (`scipy.fft.irfft(x)`): real output of length `n`, default
/// `2 (m - 1)` for `m` input points.
///
/// The input is the non-negative frequency half of a Hermitian spectrum; it is truncated or
/// zero-padded to `n/2 + 1` points. The imaginary parts of the zero-frequency term (and of
/// the Nyquist term for even `n`) are ignored. For odd output lengths pass `n` explicitly.
///
/// ```
/// use sci_signal::fft::{irfft_with, rfft, FftOptions};
/// use sci_core::ndarray::array;
/// let x = array![1.0_f64, 2.0, 3.0, 4.0, 5.0];
/// let back = irfft_with(&rfft(&x)?, &FftOptions { n: Some(5), ..Default::default() })?;
/// assert!(back.iter().zip(&x).all(|(b, a)| (b - a).abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`irfft_with`].
pub fn irfft<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    irfft_with(x, &FftOptions::default())
}

/// [`irfft`] with `n` (the output length), `axis` and `norm`.
///
/// ```
/// use sci_signal::fft::{irfft_with, FftOptions};
/// use sci_core::ndarray::array;
/// use sci_core::num_complex::Complex64;
/// let spec = array![Complex64::new(4.0, 0.0), Complex64::new(0.0, 0.0), Complex64::new(0.0, 0.0)];
/// let y = irfft_with(&spec, &FftOptions { n: Some(4), ..Default::default() })?;
/// assert_eq!(y.to_vec(), vec![1.0, 1.0, 1.0, 1.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an out-of-range `axis`, `n == Some(0)`, or a default
/// length of 0 (an axis of length 1 without `n`).
pub fn irfft_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftOptions) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let n = c2r_len(opts.n, x.shape()[axis])?;
    let scale = opts.norm.factor(n, true);
    Ok(c2r_axis(x.view().into_dyn(), axis, n, scale, false, A::to_complex)?.into_dimensionality::<D>()?)
}

/// FFT of a signal with Hermitian symmetry (`scipy.fft.hfft(x)`): the input is the first
/// half of a Hermitian sequence, the output is real, of length `n` (default `2 (m - 1)`).
///
/// `hfft(x, n) = irfft(conj(x), n) · n` under the default norm: a *forward* transform.
///
/// ```
/// use sci_signal::fft::{hfft, ihfft};
/// use sci_core::ndarray::array;
/// let x = array![1.0_f64, 2.0, 3.0, 4.0];
/// let y = hfft(&ihfft(&x)?)?; // ihfft gives 3 points, hfft restores 4
/// assert!(y.iter().zip(&x).all(|(b, a)| (b - a).abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`irfft_with`].
pub fn hfft<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    hfft_with(x, &FftOptions::default())
}

/// [`hfft`] with `n` (the output length), `axis` and `norm`.
///
/// ```
/// use sci_signal::fft::{hfft_with, FftOptions};
/// use sci_core::ndarray::array;
/// let y = hfft_with(&array![1.0_f64, 0.0, 0.0], &FftOptions { n: Some(5), ..Default::default() })?;
/// assert_eq!(y.len(), 5);
/// assert!(y.iter().all(|v| (v - 1.0).abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`irfft_with`].
pub fn hfft_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftOptions) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let n = c2r_len(opts.n, x.shape()[axis])?;
    let scale = opts.norm.swapped().factor(n, true);
    Ok(c2r_axis(x.view().into_dyn(), axis, n, scale, true, A::to_complex)?.into_dimensionality::<D>()?)
}

/// Inverse of [`hfft`] (`scipy.fft.ihfft(x)`): `conj(rfft(x)) / n` under the default norm,
/// `n/2 + 1` complex outputs.
///
/// ```
/// use sci_signal::fft::ihfft;
/// use sci_core::ndarray::array;
/// let y = ihfft(&array![1.0_f64, 2.0, 3.0, 4.0])?;
/// assert_eq!((y[1].re, y[1].im), (-0.5, -0.5));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfft_with`].
pub fn ihfft<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    ihfft_with(x, &FftOptions::default())
}

/// [`ihfft`] with `n`, `axis` and `norm`.
///
/// ```
/// use sci_signal::fft::{ihfft_with, FftOptions, Norm};
/// use sci_core::ndarray::array;
/// let y = ihfft_with(&array![1.0_f64, 1.0], &FftOptions { norm: Norm::Forward, ..Default::default() })?;
/// assert_eq!(y[0].re, 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfft_with`].
pub fn ihfft_with<T, S, D>(x: &ArrayBase<S, D>, opts: &FftOptions) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let n = check_n(opts.n, x.shape()[axis])?;
    let scale = opts.norm.swapped().factor(n, false);
    Ok(r2c_axis(x.view().into_dyn(), axis, n, scale, true)?.into_dimensionality::<D>()?)
}

fn rfftn_impl<T, S, D>(
    x: &ArrayBase<S, D>,
    opts: &FftnOptions,
    default_two: bool,
) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    let (axes, lens) = resolve_axes(x.shape(), opts.s.as_deref(), opts.axes.as_deref(), default_two)?;
    let (Some(&last), Some(&n_last)) = (axes.last(), lens.last()) else {
        return Err(Error::invalid_argument("axes", "at least 1 axis must be transformed"));
    };
    if lens.contains(&0) {
        return Err(Error::invalid_argument("s", "invalid number of data points (0) specified"));
    }
    let k = axes.len() - 1;
    let y = r2c_axis(x.view().into_dyn(), last, n_last, opts.norm.factor(n_last, false), false)?;
    // The other axes keep the lengths of the complex half-spectrum array.
    Ok(c2c_nd_in_place(y, &axes[..k], &lens[..k], opts.norm, false)?.into_dimensionality::<D>()?)
}

fn irfftn_impl<A, S, D>(
    x: &ArrayBase<S, D>,
    opts: &FftnOptions,
    default_two: bool,
) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    let (axes, mut lens) = resolve_axes(x.shape(), opts.s.as_deref(), opts.axes.as_deref(), default_two)?;
    let Some(&last) = axes.last() else {
        return Err(Error::invalid_argument("axes", "at least 1 axis must be transformed"));
    };
    let k = axes.len() - 1;
    if opts.s.is_none() {
        lens[k] = c2r_len(None, x.shape()[last])?;
    }
    if lens.contains(&0) {
        return Err(Error::invalid_argument("s", "invalid number of data points (0) specified"));
    }
    let n_last = lens[k];
    let y = c2c_nd(x.view().into_dyn(), &axes[..k], &lens[..k], opts.norm, true, A::to_complex)?;
    let scale = opts.norm.factor(n_last, true);
    Ok(c2r_axis(y.view(), last, n_last, scale, false, |v| v)?.into_dimensionality::<D>()?)
}

/// N-D discrete Fourier transform of real input (`scipy.fft.rfftn(x)`): [`rfft`] over the
/// last transformed axis, then complex transforms over the others.
///
/// ```
/// use sci_signal::fft::rfftn;
/// use sci_core::ndarray::Array3;
/// let y = rfftn(&Array3::<f64>::ones((2, 3, 4)))?;
/// assert_eq!(y.shape(), &[2, 3, 3]);
/// assert_eq!(y[[0, 0, 0]].re, 24.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftn_with`](super::fftn_with), and [`Error::InvalidArgument`] for an empty `axes`.
pub fn rfftn<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    rfftn_with(x, &FftnOptions::default())
}

/// [`rfftn`] with `s`, `axes` and `norm`.
///
/// ```
/// use sci_signal::fft::{rfftn_with, FftnOptions};
/// use sci_core::ndarray::Array2;
/// let y = rfftn_with(&Array2::<f64>::ones((4, 3)), &FftnOptions { axes: Some(vec![1, 0]), ..Default::default() })?;
/// assert_eq!(y.shape(), &[3, 3]); // the half-spectrum axis is the last one listed
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfftn`].
pub fn rfftn_with<T, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    rfftn_impl(x, opts, false)
}

/// Inverse of [`rfftn`] (`scipy.fft.irfftn(x)`): the last transformed axis has real
/// output length `s[-1]`, default `2 (m - 1)`.
///
/// ```
/// use sci_signal::fft::{irfftn_with, rfftn, FftnOptions};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let back = irfftn_with(&rfftn(&x)?, &FftnOptions { s: Some(vec![2, 3]), ..Default::default() })?;
/// assert!((back[[1, 2]] - 6.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfftn`], and for a default last length of 0.
pub fn irfftn<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    irfftn_with(x, &FftnOptions::default())
}

/// [`irfftn`] with `s`, `axes` and `norm`.
///
/// ```
/// use sci_signal::fft::{irfftn_with, FftnOptions};
/// use sci_core::ndarray::Array2;
/// use sci_core::num_complex::Complex64;
/// let y = irfftn_with(&Array2::<Complex64>::ones((2, 3)), &FftnOptions::default())?;
/// assert_eq!(y.shape(), &[2, 4]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`irfftn`].
pub fn irfftn_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    irfftn_impl(x, opts, false)
}

/// 2-D discrete Fourier transform of real input over the last two axes (`scipy.fft.rfft2`).
///
/// ```
/// use sci_signal::fft::rfft2;
/// use sci_core::ndarray::Array2;
/// let y = rfft2(&Array2::<f32>::ones((4, 6)))?;
/// assert_eq!(y.shape(), &[4, 4]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfftn`], and for input with fewer than 2 dimensions when `axes` is not given.
pub fn rfft2<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    rfft2_with(x, &FftnOptions::default())
}

/// [`rfft2`] with `s`, `axes` (default the last two) and `norm`.
///
/// ```
/// use sci_signal::fft::{rfft2_with, FftnOptions, Norm};
/// use sci_core::ndarray::Array2;
/// let y = rfft2_with(&Array2::<f64>::ones((2, 2)), &FftnOptions { norm: Norm::Ortho, ..Default::default() })?;
/// assert!((y[[0, 0]].re - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`rfft2`].
pub fn rfft2_with<T, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<Complex<T>, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    rfftn_impl(x, opts, true)
}

/// Inverse of [`rfft2`] (`scipy.fft.irfft2`).
///
/// ```
/// use sci_signal::fft::{irfft2, rfft2};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0], [3.0, 4.0]];
/// let back = irfft2(&rfft2(&x)?)?;
/// assert!((back[[1, 0]] - 3.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`irfftn`].
pub fn irfft2<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    irfft2_with(x, &FftnOptions::default())
}

/// [`irfft2`] with `s`, `axes` (default the last two) and `norm`.
///
/// ```
/// use sci_signal::fft::{irfft2_with, FftnOptions};
/// use sci_core::ndarray::Array2;
/// use sci_core::num_complex::Complex64;
/// let y = irfft2_with(&Array2::<Complex64>::ones((2, 2)), &FftnOptions { s: Some(vec![2, 3]), ..Default::default() })?;
/// assert_eq!(y.shape(), &[2, 3]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`irfftn`].
pub fn irfft2_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<A::Real, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    irfftn_impl(x, opts, true)
}
