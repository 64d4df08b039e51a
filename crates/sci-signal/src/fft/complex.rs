//! Complex-to-complex transforms: `fft`, `ifft`, `fft2`, `ifft2`, `fftn`, `ifftn`.

use rayon::prelude::*;
use sci_core::Result;
use sci_core::ndarray::{Array, ArrayBase, ArrayD, ArrayViewD, Data, Dimension};
use sci_core::num_complex::Complex;
use sci_core::validate::normalize_axis;

use super::lanes::{map_lanes, map_lanes_in_place};
use super::{FftElem, FftOptions, FftReal, FftnOptions, Norm, check_n, cst, plan_c2c, resolve_axes};

/// The in-place transform of one lane of length `n`, scaled for `norm`.
fn lane_transform<T: FftReal>(
    n: usize,
    norm: Norm,
    inverse: bool,
) -> impl Fn(&mut [Complex<T>]) + Sync + Send {
    let plan = plan_c2c::<T>(n, inverse);
    let scale: T = norm.factor(n, inverse);
    let unit = scale == cst(1.0);
    let scratch_len = plan.get_inplace_scratch_len();
    move |out: &mut [Complex<T>]| {
        T::with_scratch(scratch_len, |scratch| plan.process_with_scratch(out, scratch));
        if !unit {
            out.iter_mut().for_each(|v| *v = v.scale(scale));
        }
    }
}

/// One complex transform of length `n` along `axis` (input truncated or zero-padded).
pub(super) fn c2c_axis<I, T>(
    x: ArrayViewD<'_, I>,
    axis: usize,
    n: usize,
    norm: Norm,
    inverse: bool,
    conv: fn(I) -> Complex<T>,
) -> Result<ArrayD<Complex<T>>>
where
    I: Copy + Send + Sync,
    T: FftReal,
{
    let transform = lane_transform::<T>(n, norm, inverse);
    if axis + 1 == x.ndim() && x.shape()[axis] == n && n > 0 {
        // Contiguous lanes of unchanged length: convert the input into the output in one
        // pass (no zero fill, no second copy) and transform each lane in place.
        let mut y = x.as_standard_layout().mapv(conv);
        let total = y.len();
        if let Some(buf) = y.as_slice_mut() {
            if total >= 1 << 15 && total > n && sci_core::num_threads() > 1 {
                sci_core::install(|| buf.par_chunks_mut(n).for_each(&transform));
            } else {
                buf.chunks_mut(n).for_each(&transform);
            }
            return Ok(y);
        }
    }
    map_lanes(
        x,
        axis,
        n,
        || (),
        |_, lane, out| {
            let m = lane.len().min(n);
            for (o, &v) in out[..m].iter_mut().zip(lane) {
                *o = conv(v);
            }
            out[m..].fill(Complex::default());
            transform(out);
        },
    )
}

fn c2c_1d<A, S, D>(
    x: &ArrayBase<S, D>,
    opts: &FftOptions,
    inverse: bool,
) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let n = check_n(opts.n, x.shape()[axis])?;
    Ok(c2c_axis(x.view().into_dyn(), axis, n, opts.norm, inverse, A::to_complex)?
        .into_dimensionality::<D>()?)
}

/// Complex transforms over several axes, last listed axis first.
pub(super) fn c2c_nd<A, T>(
    x: ArrayViewD<'_, A>,
    axes: &[usize],
    lens: &[usize],
    norm: Norm,
    inverse: bool,
    conv: fn(A) -> Complex<T>,
) -> Result<ArrayD<Complex<T>>>
where
    A: Copy + Send + Sync,
    T: FftReal,
{
    let Some((&last, rest)) = axes.split_last() else {
        return Ok(x.mapv(conv));
    };
    let y = c2c_axis(x, last, lens[axes.len() - 1], norm, inverse, conv)?;
    c2c_nd_in_place(y, rest, &lens[..rest.len()], norm, inverse)
}

/// Complex transforms of an owned array over several axes, last listed axis first; axes whose
/// length does not change are transformed in place (no new array per axis).
pub(super) fn c2c_nd_in_place<T: FftReal>(
    mut y: ArrayD<Complex<T>>,
    axes: &[usize],
    lens: &[usize],
    norm: Norm,
    inverse: bool,
) -> Result<ArrayD<Complex<T>>> {
    for (&ax, &n) in axes.iter().zip(lens).rev() {
        if y.shape()[ax] == n && n > 0 && y.is_standard_layout() {
            let transform = lane_transform::<T>(n, norm, inverse);
            map_lanes_in_place(&mut y, ax, || (), |_, lane| transform(lane))?;
        } else {
            y = c2c_axis(y.view(), ax, n, norm, inverse, |v| v)?;
        }
    }
    Ok(y)
}

fn c2c_nd_public<A, S, D>(
    x: &ArrayBase<S, D>,
    opts: &FftnOptions,
    inverse: bool,
    default_two: bool,
) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    let (axes, lens) = resolve_axes(x.shape(), opts.s.as_deref(), opts.axes.as_deref(), default_two)?;
    check_lens(&lens)?;
    Ok(c2c_nd(x.view().into_dyn(), &axes, &lens, opts.norm, inverse, A::to_complex)?
        .into_dimensionality::<D>()?)
}

fn check_lens(lens: &[usize]) -> Result<()> {
    if lens.contains(&0) {
        return Err(sci_core::Error::invalid_argument("s", "invalid number of data points (0) specified"));
    }
    Ok(())
}

/// Discrete Fourier transform along the last axis (`scipy.fft.fft(x)`).
///
/// `y[k] = Σ_{j<n} x[j] · exp(-2πi·jk/n)`, unscaled. Real input is promoted to complex.
/// Any length is fast: rustfft uses mixed-radix, Rader and Bluestein algorithms, so the
/// cost is `O(n log n)` even for prime `n`. Every lane of an N-D array is transformed.
///
/// ```
/// use sci_signal::fft::fft;
/// use sci_core::ndarray::array;
/// let y = fft(&array![1.0_f64, 2.0, 3.0, 4.0])?;
/// assert_eq!((y[0].re, y[1].re, y[1].im), (10.0, -2.0, 2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fft_with`].
pub fn fft<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    fft_with(x, &FftOptions::default())
}

/// [`fft`] with SciPy's keyword arguments `n`, `axis` and `norm`.
///
/// ```
/// use sci_signal::fft::{fft_with, FftOptions, Norm};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0], [3.0, 4.0]];
/// // along axis 0, padded to 3 points, scaled by 1/n
/// let y = fft_with(&x, &FftOptions { n: Some(3), axis: 0, norm: Norm::Forward })?;
/// assert_eq!(y.shape(), &[3, 2]);
/// assert!((y[[0, 1]].re - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// - [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) if `axis` is out of range
///   (also for 0-d input) or the length is 0 (`n == Some(0)`, or an empty axis).
pub fn fft_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftOptions) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    c2c_1d(x, opts, false)
}

/// Inverse discrete Fourier transform along the last axis (`scipy.fft.ifft(x)`).
///
/// `y[j] = (1/n) Σ_k x[k] · exp(2πi·jk/n)`, so `ifft(fft(x)) == x` up to rounding.
///
/// ```
/// use sci_signal::fft::{fft, ifft};
/// use sci_core::ndarray::array;
/// let x = array![1.0_f64, -2.0, 0.5];
/// let back = ifft(&fft(&x)?)?;
/// assert!(back.iter().zip(&x).all(|(b, a)| (b.re - a).abs() < 1e-15 && b.im.abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fft_with`].
pub fn ifft<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    ifft_with(x, &FftOptions::default())
}

/// [`ifft`] with `n`, `axis` and `norm`.
///
/// ```
/// use sci_signal::fft::{ifft_with, FftOptions, Norm};
/// use sci_core::ndarray::array;
/// let y = ifft_with(&array![4.0_f64, 0.0, 0.0, 0.0], &FftOptions { norm: Norm::Forward, ..Default::default() })?;
/// assert!(y.iter().all(|v| (v.re - 4.0).abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fft_with`].
pub fn ifft_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftOptions) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    c2c_1d(x, opts, true)
}

/// N-D discrete Fourier transform over every axis (`scipy.fft.fftn(x)`).
///
/// The 1-D transform applied along each axis in turn; the lanes of each pass run in
/// parallel for large arrays.
///
/// ```
/// use sci_signal::fft::fftn;
/// use sci_core::ndarray::Array3;
/// let y = fftn(&Array3::<f32>::ones((2, 3, 4)))?;
/// assert_eq!(y[[0, 0, 0]].re, 24.0);
/// assert!(y[[1, 2, 3]].norm() < 1e-5);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftn_with`].
pub fn fftn<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    fftn_with(x, &FftnOptions::default())
}

/// [`fftn`] with `s`, `axes` and `norm`.
///
/// With `axes: Some(vec![])` the input is returned unchanged (as complex), as in SciPy.
///
/// ```
/// use sci_signal::fft::{fftn_with, FftnOptions};
/// use sci_core::ndarray::Array2;
/// let y = fftn_with(&Array2::<f64>::ones((3, 3)), &FftnOptions { s: Some(vec![4]), ..Default::default() })?;
/// assert_eq!(y.shape(), &[3, 4]); // s applies to the last axis
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) for an axis out of range, a
/// repeated axis, or a length of 0; [`Error::ShapeMismatch`](sci_core::Error::ShapeMismatch)
/// if `s` and `axes` have different lengths.
pub fn fftn_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    c2c_nd_public(x, opts, false, false)
}

/// N-D inverse discrete Fourier transform over every axis (`scipy.fft.ifftn(x)`).
///
/// ```
/// use sci_signal::fft::{fftn, ifftn};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0], [3.0, 5.0]];
/// let back = ifftn(&fftn(&x)?)?;
/// assert!((back[[1, 1]].re - 5.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftn_with`].
pub fn ifftn<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    ifftn_with(x, &FftnOptions::default())
}

/// [`ifftn`] with `s`, `axes` and `norm`.
///
/// ```
/// use sci_signal::fft::{ifftn_with, FftnOptions, Norm};
/// use sci_core::ndarray::Array2;
/// let y = ifftn_with(&Array2::<f64>::ones((2, 2)), &FftnOptions { norm: Norm::Ortho, ..Default::default() })?;
/// assert!((y[[0, 0]].re - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftn_with`].
pub fn ifftn_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    c2c_nd_public(x, opts, true, false)
}

/// 2-D discrete Fourier transform over the last two axes (`scipy.fft.fft2(x)`).
///
/// ```
/// use sci_signal::fft::fft2;
/// use sci_core::ndarray::array;
/// let y = fft2(&array![[1.0_f64, 0.0], [0.0, 0.0]])?;
/// assert!(y.iter().all(|v| (v.re - 1.0).abs() < 1e-15 && v.im == 0.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftn_with`], and [`Error::InvalidArgument`](sci_core::Error::InvalidArgument) for
/// input with fewer than 2 dimensions when `axes` is not given.
pub fn fft2<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    fft2_with(x, &FftnOptions::default())
}

/// [`fft2`] with `s`, `axes` (default the last two) and `norm`.
///
/// ```
/// use sci_signal::fft::{fft2_with, FftnOptions};
/// use sci_core::ndarray::Array3;
/// let y = fft2_with(&Array3::<f64>::ones((2, 3, 4)), &FftnOptions { axes: Some(vec![0, 2]), ..Default::default() })?;
/// assert!((y[[0, 1, 0]].re - 8.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fft2`].
pub fn fft2_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    c2c_nd_public(x, opts, false, true)
}

/// 2-D inverse discrete Fourier transform over the last two axes (`scipy.fft.ifft2(x)`).
///
/// ```
/// use sci_signal::fft::{fft2, ifft2};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let back = ifft2(&fft2(&x)?)?;
/// assert!((back[[1, 2]].re - 6.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fft2`].
pub fn ifft2<A, S, D>(x: &ArrayBase<S, D>) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    ifft2_with(x, &FftnOptions::default())
}

/// [`ifft2`] with `s`, `axes` (default the last two) and `norm`.
///
/// ```
/// use sci_signal::fft::{ifft2_with, FftnOptions, Norm};
/// use sci_core::ndarray::Array2;
/// let y = ifft2_with(&Array2::<f64>::ones((2, 2)), &FftnOptions { norm: Norm::Forward, ..Default::default() })?;
/// assert!((y[[0, 0]].re - 4.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fft2`].
pub fn ifft2_with<A, S, D>(x: &ArrayBase<S, D>, opts: &FftnOptions) -> Result<Array<Complex<A::Real>, D>>
where
    A: FftElem,
    S: Data<Elem = A>,
    D: Dimension,
{
    c2c_nd_public(x, opts, true, true)
}
