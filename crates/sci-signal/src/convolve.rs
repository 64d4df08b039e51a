//! Convolution and correlation: `convolve`, `correlate`, `fftconvolve`, `oaconvolve`,
//! `convolve2d`, `correlate2d`, `choose_conv_method`, `correlation_lags`, `deconvolve`.

use rayon::prelude::*;
use sci_core::ndarray::{
    Array, Array1, Array2, ArrayBase, ArrayD, ArrayView1, ArrayView2, ArrayViewD, Axis, Data, Dimension, Ix1,
    Ix2, IxDyn, Slice,
};
use sci_core::num_complex::{Complex, Complex32, Complex64};
use sci_core::{Error, Result, Scalar};

use crate::fft::{self, FftElem, FftOptions, FftnOptions};

/// SciPy's `mode` of the convolution functions: which part of the full result is returned.
///
/// ```
/// use sci_signal::{convolve_with, ConvolveOptions, Mode};
/// use sci_core::ndarray::array;
/// let (a, k) = (array![1.0_f64, 2.0, 3.0, 4.0], array![1.0, 1.0, 1.0]);
/// let len = |mode| convolve_with(&a, &k, &ConvolveOptions { mode, ..Default::default() }).unwrap().len();
/// assert_eq!((len(Mode::Full), len(Mode::Same), len(Mode::Valid)), (6, 4, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// The whole linear convolution, `n1 + n2 - 1` points per axis (default).
    #[default]
    Full,
    /// The central part, the size of `in1`.
    Same,
    /// Only the points computed without zero padding, `|n1 - n2| + 1` per axis; one input
    /// must be at least as large as the other along every axis.
    Valid,
}

/// SciPy's `method`: how [`convolve`] and [`correlate`] compute.
///
/// ```
/// use sci_signal::Method;
/// assert_eq!(Method::default(), Method::Auto);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Method {
    /// Pick the faster of the two with [`choose_conv_method`]'s cost model (default).
    #[default]
    Auto,
    /// The sum of products: `O(n1 · n2)`, exact up to rounding of each product.
    Direct,
    /// Through FFTs ([`fftconvolve`]): `O(N log N)` for `N = n1 + n2 - 1`; round-off is
    /// relative to the largest output rather than to each output.
    Fft,
}

/// SciPy's `boundary` of [`convolve2d`] and [`correlate2d`]: how `in1` is extended past
/// its edges.
///
/// ```
/// use sci_signal::Boundary;
/// assert_eq!(Boundary::default(), Boundary::Fill);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Boundary {
    /// Pad with `fillvalue` (default 0).
    #[default]
    Fill,
    /// Periodic (circular) extension.
    Wrap,
    /// Mirror extension that repeats the edge sample (`x[-1] = x[0]`).
    Symm,
}

/// Keyword arguments of [`convolve`] and [`correlate`].
///
/// ```
/// use sci_signal::{convolve_with, ConvolveOptions, Method, Mode};
/// use sci_core::ndarray::array;
/// let opts = ConvolveOptions { mode: Mode::Valid, method: Method::Direct };
/// assert_eq!(convolve_with(&array![1.0_f64, 2.0, 3.0, 4.0], &array![0.5, 0.5], &opts)?.to_vec(), vec![1.5, 2.5, 3.5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ConvolveOptions {
    /// Output size; default [`Mode::Full`].
    pub mode: Mode,
    /// Algorithm; default [`Method::Auto`].
    pub method: Method,
}

/// Keyword arguments of [`fftconvolve`] and [`oaconvolve`].
///
/// ```
/// use sci_signal::{fftconvolve_with, FftConvolveOptions, Mode};
/// use sci_core::ndarray::array;
/// let y = fftconvolve_with(&array![1.0_f64, 2.0, 3.0], &array![1.0, 1.0], &FftConvolveOptions { mode: Mode::Same })?;
/// assert_eq!(y.len(), 3);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FftConvolveOptions {
    /// Output size; default [`Mode::Full`].
    pub mode: Mode,
}

/// Keyword arguments of [`convolve2d`] and [`correlate2d`].
///
/// ```
/// use sci_signal::{convolve2d_with, Boundary, Convolve2dOptions, Mode};
/// use sci_core::ndarray::array;
/// let opts = Convolve2dOptions { mode: Mode::Same, boundary: Boundary::Wrap, ..Default::default() };
/// let y = convolve2d_with(&array![[1.0_f64, 2.0], [3.0, 4.0]], &array![[1.0, 1.0]], &opts)?;
/// assert_eq!(y, array![[3.0_f64, 3.0], [7.0, 7.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Convolve2dOptions {
    /// Output size; default [`Mode::Full`].
    pub mode: Mode,
    /// Extension of `in1` past its edges; default [`Boundary::Fill`].
    pub boundary: Boundary,
    /// The padding value for [`Boundary::Fill`]; default 0.
    pub fillvalue: f64,
}

/// The element types the convolution functions accept: `f32`, `f64`, `Complex32`,
/// `Complex64`. Sealed; it carries the FFT route each type takes (real FFTs for real data).
///
/// ```
/// use sci_signal::ConvScalar;
/// fn smooth<T: ConvScalar>(x: &sci_core::ndarray::Array1<T>, k: &sci_core::ndarray::Array1<T>) -> sci_core::Result<usize> {
///     Ok(sci_signal::convolve(x, k)?.len())
/// }
/// assert_eq!(smooth(&sci_core::ndarray::array![1.0_f32, 2.0], &sci_core::ndarray::array![1.0_f32]).unwrap(), 2);
/// ```
pub trait ConvScalar: Scalar + FftElem + private::ConvRoute {}

impl ConvScalar for f32 {}
impl ConvScalar for f64 {}
impl ConvScalar for Complex32 {}
impl ConvScalar for Complex64 {}

mod private {
    use super::*;

    type Spec<T> = Complex<<T as FftElem>::Real>;

    /// The FFT route of an element type: real FFTs for real data, complex otherwise.
    pub trait ConvRoute: FftElem + Sized {
        fn fast_len(n: usize) -> Result<usize>;
        fn spectrum(x: ArrayViewD<'_, Self>, s: &[usize]) -> Result<ArrayD<Spec<Self>>>;
        fn inverse(x: ArrayViewD<'_, Spec<Self>>, s: &[usize]) -> Result<ArrayD<Self>>;
        fn spectrum_rows(x: ArrayView2<'_, Self>, n: usize) -> Result<Array2<Spec<Self>>>;
        fn inverse_rows(x: ArrayView2<'_, Spec<Self>>, n: usize) -> Result<Array2<Self>>;
    }

    fn nd(s: &[usize]) -> FftnOptions {
        FftnOptions { s: Some(s.to_vec()), axes: Some((0..s.len() as isize).collect()), ..Default::default() }
    }

    fn rows(n: usize) -> FftOptions {
        FftOptions { n: Some(n), ..Default::default() }
    }

    macro_rules! real_route {
        ($t:ty) => {
            impl ConvRoute for $t {
                fn fast_len(n: usize) -> Result<usize> {
                    fft::next_fast_len(n, true)
                }
                fn spectrum(x: ArrayViewD<'_, Self>, s: &[usize]) -> Result<ArrayD<Spec<Self>>> {
                    fft::rfftn_with(&x, &nd(s))
                }
                fn inverse(x: ArrayViewD<'_, Spec<Self>>, s: &[usize]) -> Result<ArrayD<Self>> {
                    fft::irfftn_with(&x, &nd(s))
                }
                fn spectrum_rows(x: ArrayView2<'_, Self>, n: usize) -> Result<Array2<Spec<Self>>> {
                    fft::rfft_with(&x, &rows(n))
                }
                fn inverse_rows(x: ArrayView2<'_, Spec<Self>>, n: usize) -> Result<Array2<Self>> {
                    fft::irfft_with(&x, &rows(n))
                }
            }
        };
    }
    macro_rules! complex_route {
        ($t:ty) => {
            impl ConvRoute for $t {
                fn fast_len(n: usize) -> Result<usize> {
                    fft::next_fast_len(n, false)
                }
                fn spectrum(x: ArrayViewD<'_, Self>, s: &[usize]) -> Result<ArrayD<Spec<Self>>> {
                    fft::fftn_with(&x, &nd(s))
                }
                fn inverse(x: ArrayViewD<'_, Spec<Self>>, s: &[usize]) -> Result<ArrayD<Self>> {
                    fft::ifftn_with(&x, &nd(s))
                }
                fn spectrum_rows(x: ArrayView2<'_, Self>, n: usize) -> Result<Array2<Spec<Self>>> {
                    fft::fft_with(&x, &rows(n))
                }
                fn inverse_rows(x: ArrayView2<'_, Spec<Self>>, n: usize) -> Result<Array2<Self>> {
                    fft::ifft_with(&x, &rows(n))
                }
            }
        };
    }
    real_route!(f32);
    real_route!(f64);
    complex_route!(Complex32);
    complex_route!(Complex64);
}

/// The part of the full convolution to compute, in full-output coordinates per axis.
#[derive(Debug, Clone)]
struct Region {
    start: Vec<usize>,
    len: Vec<usize>,
}

/// Validates the inputs and works out the output region of `mode`; `same_offset_floor`
/// selects `correlate2d`'s centring (`n2 / 2` instead of `(n2 - 1) / 2`).
fn region_for(s1: &[usize], s2: &[usize], mode: Mode, corr2d_same: bool) -> Result<Region> {
    if s1.len() != s2.len() {
        return Err(Error::shape_mismatch(
            "in2",
            format!("{} dimensions (as in1)", s1.len()),
            format!("{} dimensions", s2.len()),
        ));
    }
    if s1.contains(&0) {
        return Err(Error::empty("in1"));
    }
    if s2.contains(&0) {
        return Err(Error::empty("in2"));
    }
    let mut start = Vec::with_capacity(s1.len());
    let mut len = Vec::with_capacity(s1.len());
    if mode == Mode::Valid {
        let ge = s1.iter().zip(s2).all(|(a, b)| a >= b);
        let le = s1.iter().zip(s2).all(|(a, b)| a <= b);
        if !(ge || le) {
            return Err(Error::shape_mismatch(
                "in2",
                "for 'valid' mode, one input at least as large as the other in every dimension",
                format!("in1 {s1:?} and in2 {s2:?}"),
            ));
        }
    }
    for (&n1, &n2) in s1.iter().zip(s2) {
        let (st, l) = match mode {
            Mode::Full => (0, n1 + n2 - 1),
            Mode::Same => (if corr2d_same { n2 / 2 } else { (n2 - 1) / 2 }, n1),
            Mode::Valid => (n1.min(n2) - 1, n1.max(n2) - n1.min(n2) + 1),
        };
        start.push(st);
        len.push(l);
    }
    Ok(Region { start, len })
}

fn product(s: &[usize]) -> f64 {
    s.iter().map(|&v| v as f64).product()
}

/// SciPy's `_fftconv_faster` cost model (its measured constants) for the region's mode.
fn fft_is_faster(s1: &[usize], s2: &[usize], mode: Mode) -> bool {
    let full: Vec<usize> = s1.iter().zip(s2).map(|(a, b)| a + b - 1).collect();
    let out: Vec<usize> = match mode {
        Mode::Full => full.clone(),
        Mode::Valid => s1.iter().zip(s2).map(|(a, b)| a.abs_diff(*b) + 1).collect(),
        Mode::Same => s1.to_vec(),
    };
    let direct_ops = if s1.len() == 1 {
        let (a, b) = (s1[0] as f64, s2[0] as f64);
        match mode {
            Mode::Full => a * b,
            Mode::Valid => {
                if b >= a {
                    (b - a + 1.0) * a
                } else {
                    (a - b + 1.0) * b
                }
            }
            Mode::Same => {
                if a < b {
                    a * b
                } else {
                    a * b - (s2[0] / 2) as f64 * s2[0].div_ceil(2) as f64
                }
            }
        }
    } else {
        match mode {
            Mode::Full | Mode::Valid => product(s1).min(product(s2)) * product(&out),
            Mode::Same => product(s1) * product(s2),
        }
    };
    let n = product(&full);
    let fft_ops = 3.0 * n * n.ln();
    let one_d = s1.len() == 1;
    let offset = if one_d { -1e-3 } else { -1e-4 };
    let (o_fft, o_direct, o_offset) = match (one_d, mode) {
        (true, Mode::Valid) => (1.89095737e-9, 2.1364985e-10, offset),
        (true, Mode::Full) => (1.7649070e-9, 2.1414831e-10, offset),
        (true, Mode::Same) if product(s2) <= product(s1) => (3.2646654e-9, 2.8478277e-10, offset),
        (true, Mode::Same) => (3.21635404e-9, 1.1773253e-8, -1e-5),
        (false, Mode::Valid) => (1.85927e-9, 2.11242e-8, offset),
        (false, Mode::Full) => (1.99817e-9, 1.66174e-8, offset),
        (false, Mode::Same) => (2.04735e-9, 1.55367e-8, offset),
    };
    o_fft * fft_ops < o_direct * direct_ops + o_offset
}

/// Direct convolution of two 1-D signals over `[start, start + len)` of the full output.
///
/// Outputs are computed in blocks: for each block, each kernel tap adds a scaled,
/// contiguous slice of the signal to the block's accumulator (vectorizable axpy, data in
/// L1). Blocks run in parallel for large outputs.
fn direct_1d<T: Scalar>(a: &[T], b: &[T], start: usize, len: usize) -> Vec<T> {
    // Convolution commutes: loop over the shorter input as the kernel.
    let (x, h) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let n2 = h.len();
    const BLOCK: usize = 2048;
    let mut out = vec![T::zero(); len];
    let fill = |j0: usize, acc: &mut [T]| fill_block(x, h, j0, acc);
    if len * n2 >= 1 << 18 && sci_core::num_threads() > 1 {
        sci_core::install(|| {
            out.par_chunks_mut(BLOCK).enumerate().for_each(|(c, acc)| fill(start + c * BLOCK, acc));
        });
    } else {
        for (c, acc) in out.chunks_mut(BLOCK).enumerate() {
            fill(start + c * BLOCK, acc);
        }
    }
    out
}

/// `acc[i] = Σ_k h[k] x[j0 + i - k]` over the taps that land inside `x`; each tap is an
/// axpy over a contiguous run (vectorized, data in L1).
fn fill_block<T: Scalar>(x: &[T], h: &[T], j0: usize, acc: &mut [T]) {
    let n1 = x.len();
    let j1 = j0 + acc.len();
    for (k, &w) in h.iter().enumerate() {
        let lo = j0.max(k);
        let hi = j1.min(k + n1);
        if lo >= hi {
            continue;
        }
        for (o, &v) in acc[lo - j0..hi - j0].iter_mut().zip(&x[lo - k..hi - k]) {
            *o += w * v;
        }
    }
}

/// Direct N-D convolution over a region: every element of the smaller input adds a scaled,
/// shifted copy of the other input to the overlapping part of the output.
fn direct_nd<T: Scalar>(a: ArrayViewD<'_, T>, b: ArrayViewD<'_, T>, region: &Region) -> ArrayD<T> {
    let (x, h) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let mut out = ArrayD::<T>::zeros(IxDyn(&region.len));
    let ndim = x.ndim();
    let n1 = x.shape().to_vec();
    let mut lo = vec![0usize; ndim];
    let mut hi = vec![0usize; ndim];
    'taps: for (k, &w) in h.indexed_iter() {
        for d in 0..ndim {
            let kd = k[d];
            lo[d] = region.start[d].max(kd);
            hi[d] = (region.start[d] + region.len[d]).min(kd + n1[d]);
            if lo[d] >= hi[d] {
                continue 'taps;
            }
        }
        let src = x.slice_each_axis(|ax| {
            let d = ax.axis.index();
            Slice::from(lo[d] - k[d]..hi[d] - k[d])
        });
        let mut dst = out.slice_each_axis_mut(|ax| {
            let d = ax.axis.index();
            Slice::from(lo[d] - region.start[d]..hi[d] - region.start[d])
        });
        dst.zip_mut_with(&src, |o, &v| *o += w * v);
    }
    out
}

fn direct_region<T: Scalar>(
    a: ArrayViewD<'_, T>,
    b: ArrayViewD<'_, T>,
    region: &Region,
) -> Result<ArrayD<T>> {
    if a.ndim() == 1 {
        let a = a.as_standard_layout();
        let b = b.as_standard_layout();
        let (Some(sa), Some(sb)) = (a.as_slice(), b.as_slice()) else {
            return Ok(direct_nd(a.view(), b.view(), region));
        };
        let v = direct_1d(sa, sb, region.start[0], region.len[0]);
        return Ok(ArrayD::from_shape_vec(IxDyn(&[region.len[0]]), v)?);
    }
    Ok(direct_nd(a, b, region))
}

/// FFT convolution over a region: zero-padded transforms of both inputs to fast lengths,
/// product, inverse, crop.
fn fft_region<T: ConvScalar>(
    a: ArrayViewD<'_, T>,
    b: ArrayViewD<'_, T>,
    region: &Region,
) -> Result<ArrayD<T>> {
    let fshape = a
        .shape()
        .iter()
        .zip(b.shape())
        .map(|(n1, n2)| T::fast_len(n1 + n2 - 1))
        .collect::<Result<Vec<_>>>()?;
    let mut fa = T::spectrum(a, &fshape)?;
    let fb = T::spectrum(b, &fshape)?;
    fa.zip_mut_with(&fb, |x, &y| *x *= y);
    let full = T::inverse(fa.view(), &fshape)?;
    Ok(crop(full.view(), region))
}

fn crop<T: Clone>(full: ArrayViewD<'_, T>, region: &Region) -> ArrayD<T> {
    full.slice_each_axis(|ax| {
        let d = ax.axis.index();
        Slice::from(region.start[d]..region.start[d] + region.len[d])
    })
    .to_owned()
}

/// Overlap-add convolution of 1-D signals: the longer input is cut into blocks of `L`
/// points, each block is convolved with the shorter one by FFTs of length `nfft` (all
/// blocks as one batched, parallel transform), and the block results are added.
fn oa_1d<T: ConvScalar>(a: ArrayView1<'_, T>, b: ArrayView1<'_, T>, region: &Region) -> Result<ArrayD<T>> {
    let (x, h) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    let (n1, n2) = (x.len(), h.len());
    let nfft = oa_block_len::<T>(n1, n2)?;
    let step = nfft + 1 - n2;
    let nblocks = n1.div_ceil(step);
    if nblocks <= 1 || nfft >= n1 + n2 - 1 {
        return fft_region(a.into_dyn(), b.into_dyn(), region);
    }
    let mut blocks = Array2::<T>::zeros((nblocks, step));
    for (i, mut row) in blocks.outer_iter_mut().enumerate() {
        let lo = i * step;
        let hi = (lo + step).min(n1);
        row.slice_mut(sci_core::ndarray::s![..hi - lo]).assign(&x.slice(sci_core::ndarray::s![lo..hi]));
    }
    let hrow = h.insert_axis(Axis(0));
    let hspec = T::spectrum_rows(hrow, nfft)?;
    let mut spec = T::spectrum_rows(blocks.view(), nfft)?;
    let hs = hspec.row(0);
    for mut row in spec.outer_iter_mut() {
        row.zip_mut_with(&hs, |v, &w| *v *= w);
    }
    let pieces = T::inverse_rows(spec.view(), nfft)?;
    let full_len = n1 + n2 - 1;
    let mut full = Array1::<T>::zeros(full_len);
    for (i, row) in pieces.outer_iter().enumerate() {
        let lo = i * step;
        let hi = (lo + nfft).min(full_len);
        let mut dst = full.slice_mut(sci_core::ndarray::s![lo..hi]);
        dst.zip_mut_with(&row.slice(sci_core::ndarray::s![..hi - lo]), |o, &v| *o += v);
    }
    Ok(crop(full.view().into_dyn(), region))
}

/// Block FFT length minimizing the work per output sample, `N log N / (N - n2 + 1)`, over
/// fast lengths (SciPy solves the same minimization with a Lambert W closed form).
fn oa_block_len<T: ConvScalar>(n1: usize, n2: usize) -> Result<usize> {
    let mut best = (f64::INFINITY, T::fast_len(2 * n2)?);
    let mut m = 2.0 * n2 as f64;
    while m < 4.0 * (n1 + n2) as f64 {
        let n = T::fast_len(m.ceil() as usize)?;
        let cost = n as f64 * (n as f64).log2() / (n + 1 - n2) as f64;
        if cost < best.0 {
            best = (cost, n);
        }
        m *= 1.2;
    }
    Ok(best.1)
}

fn reverse_conj<T: Scalar, S: Data<Elem = T>, D: Dimension>(x: &ArrayBase<S, D>) -> Array<T, D> {
    let mut v = x.view();
    for ax in 0..v.ndim() {
        v.invert_axis(Axis(ax));
    }
    v.mapv(Scalar::conj)
}

fn convolve_impl<T: ConvScalar>(
    a: ArrayViewD<'_, T>,
    b: ArrayViewD<'_, T>,
    opts: &ConvolveOptions,
) -> Result<ArrayD<T>> {
    let region = region_for(a.shape(), b.shape(), opts.mode, false)?;
    let method = match opts.method {
        Method::Auto if fft_is_faster(a.shape(), b.shape(), opts.mode) => Method::Fft,
        Method::Auto => Method::Direct,
        m => m,
    };
    match method {
        Method::Fft => fft_region(a, b, &region),
        _ => direct_region(a, b, &region),
    }
}

/// Convolution of two N-D arrays (`scipy.signal.convolve(in1, in2)`): full output,
/// method chosen automatically.
///
/// `out[j] = Σ_k in1[k] · in2[j - k]` over every index where both factors exist.
///
/// ```
/// use sci_signal::convolve;
/// use sci_core::ndarray::array;
/// let y = convolve(&array![1.0_f64, 2.0, 3.0], &array![0.0, 1.0, 0.5])?;
/// assert_eq!(y.to_vec(), vec![0.0, 1.0, 2.5, 4.0, 1.5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
pub fn convolve<T, S1, S2, D>(in1: &ArrayBase<S1, D>, in2: &ArrayBase<S2, D>) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    convolve_with(in1, in2, &ConvolveOptions::default())
}

/// [`convolve`] with `mode` and `method`.
///
/// `Method::Direct` sums products (1-D: blocked, vectorized and parallel; N-D: one shifted
/// multiply-add per element of the smaller input), `O(n1·n2)`. `Method::Fft` uses
/// [`fftconvolve`], `O(N log N)`. `Method::Auto` decides with SciPy's cost model
/// ([`choose_conv_method`]). NaN or infinity in an input spreads to every output it touches
/// (with `Method::Fft`, possibly to all outputs), as in SciPy.
///
/// ```
/// use sci_signal::{convolve_with, ConvolveOptions, Method, Mode};
/// use sci_core::ndarray::array;
/// let a = array![[1.0_f64, 2.0, 0.0], [0.0, 1.0, 3.0]];
/// let k = array![[1.0_f64, -1.0]];
/// let direct = convolve_with(&a, &k, &ConvolveOptions { mode: Mode::Same, method: Method::Direct })?;
/// let by_fft = convolve_with(&a, &k, &ConvolveOptions { mode: Mode::Same, method: Method::Fft })?;
/// assert_eq!(direct, array![[1.0_f64, 1.0, -2.0], [0.0, 1.0, 2.0]]);
/// assert!(direct.iter().zip(&by_fft).all(|(d, f)| (d - f).abs() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// - [`Error::Empty`] if either input is empty.
/// - [`Error::ShapeMismatch`] in [`Mode::Valid`] if neither input is at least as large as the
///   other along every axis (or, for `IxDyn` inputs, if the dimensions differ).
///
/// # Differences from SciPy
/// SciPy returns an empty array for empty inputs (or raises, depending on the path); sci
/// always reports [`Error::Empty`].
pub fn convolve_with<T, S1, S2, D>(
    in1: &ArrayBase<S1, D>,
    in2: &ArrayBase<S2, D>,
    opts: &ConvolveOptions,
) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    Ok(convolve_impl(in1.view().into_dyn(), in2.view().into_dyn(), opts)?.into_dimensionality::<D>()?)
}

/// Cross-correlation of two N-D arrays (`scipy.signal.correlate(in1, in2)`), full output.
///
/// `out[k] = Σ_l in1[l] · conj(in2[l - k + (n2 - 1)])`, i.e. `convolve(in1, conj(in2
/// reversed))`; lag `k - (n2 - 1)` of the full output is given by [`correlation_lags`].
///
/// ```
/// use sci_signal::correlate;
/// use sci_core::ndarray::array;
/// let y = correlate(&array![1.0_f64, 2.0, 3.0], &array![0.0, 1.0, 0.5])?;
/// assert_eq!(y.to_vec(), vec![0.5, 2.0, 3.5, 3.0, 0.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
pub fn correlate<T, S1, S2, D>(in1: &ArrayBase<S1, D>, in2: &ArrayBase<S2, D>) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    correlate_with(in1, in2, &ConvolveOptions::default())
}

/// [`correlate`] with `mode` and `method`.
///
/// ```
/// use sci_signal::{correlate_with, ConvolveOptions, Mode};
/// use sci_core::ndarray::array;
/// let y = correlate_with(&array![1.0_f64, 2.0, 3.0, 4.0], &array![1.0, 1.0], &ConvolveOptions { mode: Mode::Valid, ..Default::default() })?;
/// assert_eq!(y.to_vec(), vec![3.0, 5.0, 7.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
///
/// # Differences from SciPy
/// As [`convolve_with`].
pub fn correlate_with<T, S1, S2, D>(
    in1: &ArrayBase<S1, D>,
    in2: &ArrayBase<S2, D>,
    opts: &ConvolveOptions,
) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let rev = reverse_conj(in2);
    convolve_with(in1, &rev, opts)
}

/// Which method [`Method::Auto`] picks for these inputs (`scipy.signal.choose_conv_method`).
///
/// SciPy's model with its measured constants: FFT costs `3 N ln N` for the full size `N`,
/// direct costs the number of multiply-adds of the mode; the returned method is
/// [`Method::Fft`] or [`Method::Direct`].
///
/// ```
/// use sci_signal::{choose_conv_method, Method, Mode};
/// use sci_core::ndarray::Array1;
/// let x = Array1::<f64>::zeros(1_000_000);
/// assert_eq!(choose_conv_method(&x, &Array1::<f64>::zeros(1000), Mode::Same)?, Method::Fft);
/// assert_eq!(choose_conv_method(&x, &Array1::<f64>::zeros(8), Mode::Same)?, Method::Direct);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`] (the inputs are validated for `mode`).
///
/// # Differences from SciPy
/// No `measure=True` (timing both methods); sci's relative speeds are close enough to
/// SciPy's that its constants are kept.
pub fn choose_conv_method<T, S1, S2, D>(
    in1: &ArrayBase<S1, D>,
    in2: &ArrayBase<S2, D>,
    mode: Mode,
) -> Result<Method>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    region_for(in1.shape(), in2.shape(), mode, false)?;
    Ok(if fft_is_faster(in1.shape(), in2.shape(), mode) { Method::Fft } else { Method::Direct })
}

/// Convolution through FFTs (`scipy.signal.fftconvolve(in1, in2)`), full output.
///
/// Both inputs are zero-padded to a fast length ([`next_fast_len`](crate::fft::next_fast_len))
/// of `n1 + n2 - 1` along every axis; real inputs use real FFTs. `O(N log N)`.
///
/// ```
/// use sci_signal::fftconvolve;
/// use sci_core::ndarray::array;
/// let y = fftconvolve(&array![1.0_f64, 2.0, 3.0], &array![1.0, 1.0])?;
/// assert!((y[1] - 3.0).abs() < 1e-12 && (y[3] - 3.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
pub fn fftconvolve<T, S1, S2, D>(in1: &ArrayBase<S1, D>, in2: &ArrayBase<S2, D>) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    fftconvolve_with(in1, in2, &FftConvolveOptions::default())
}

/// [`fftconvolve`] with `mode`.
///
/// ```
/// use sci_signal::{fftconvolve_with, FftConvolveOptions, Mode};
/// use sci_core::ndarray::array;
/// let y = fftconvolve_with(&array![1.0_f64, 2.0, 3.0, 4.0], &array![0.5, 0.5], &FftConvolveOptions { mode: Mode::Valid })?;
/// assert!((y[0] - 1.5).abs() < 1e-12 && y.len() == 3);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
///
/// # Differences from SciPy
/// No `axes` argument: every axis is convolved. Empty inputs are an error (see
/// [`convolve_with`]).
pub fn fftconvolve_with<T, S1, S2, D>(
    in1: &ArrayBase<S1, D>,
    in2: &ArrayBase<S2, D>,
    opts: &FftConvolveOptions,
) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let region = region_for(in1.shape(), in2.shape(), opts.mode, false)?;
    Ok(fft_region(in1.view().into_dyn(), in2.view().into_dyn(), &region)?.into_dimensionality::<D>()?)
}

/// Convolution by the overlap-add method (`scipy.signal.oaconvolve(in1, in2)`), full
/// output: fast when one input is much longer than the other.
///
/// For 1-D inputs the longer one is cut into blocks; each is convolved with the shorter
/// input by FFTs of a block length minimizing `N log N / (N - n2 + 1)`; the blocks are
/// transformed as one parallel batch. `O(n1 log n2)`.
///
/// ```
/// use sci_signal::{convolve, oaconvolve};
/// use sci_core::ndarray::Array1;
/// let x = Array1::from_shape_fn(5000, |i| (i as f64 * 0.01).sin());
/// let k = Array1::from_elem(31, 1.0 / 31.0);
/// let (oa, direct) = (oaconvolve(&x, &k)?, convolve(&x, &k)?);
/// assert!(oa.iter().zip(&direct).all(|(a, b)| (a - b).abs() < 1e-12));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
pub fn oaconvolve<T, S1, S2, D>(in1: &ArrayBase<S1, D>, in2: &ArrayBase<S2, D>) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    oaconvolve_with(in1, in2, &FftConvolveOptions::default())
}

/// [`oaconvolve`] with `mode`.
///
/// ```
/// use sci_signal::{oaconvolve_with, FftConvolveOptions, Mode};
/// use sci_core::ndarray::array;
/// let y = oaconvolve_with(&array![1.0_f64, 2.0, 3.0], &array![1.0, 1.0, 1.0], &FftConvolveOptions { mode: Mode::Same })?;
/// assert!((y[1] - 6.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
///
/// # Differences from SciPy
/// No `axes` argument. Inputs of two or more dimensions are convolved by [`fftconvolve`]
/// (same result; SciPy overlaps-and-adds along each axis).
pub fn oaconvolve_with<T, S1, S2, D>(
    in1: &ArrayBase<S1, D>,
    in2: &ArrayBase<S2, D>,
    opts: &FftConvolveOptions,
) -> Result<Array<T, D>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
    D: Dimension,
{
    let region = region_for(in1.shape(), in2.shape(), opts.mode, false)?;
    let out = if in1.ndim() == 1 {
        let a = in1.view().into_dimensionality::<Ix1>()?;
        let b = in2.view().into_dimensionality::<Ix1>()?;
        oa_1d(a, b, &region)?
    } else {
        fft_region(in1.view().into_dyn(), in2.view().into_dyn(), &region)?
    };
    Ok(out.into_dimensionality::<D>()?)
}

/// Maps an index of the extended `in1` to the original, or `None` for the fill value.
fn extend_index(i: isize, n: usize, boundary: Boundary) -> Option<usize> {
    let n = n as isize;
    match boundary {
        Boundary::Fill => (0..n).contains(&i).then_some(i as usize),
        Boundary::Wrap => Some(i.rem_euclid(n) as usize),
        Boundary::Symm => {
            let m = i.rem_euclid(2 * n);
            Some(if m < n { m as usize } else { (2 * n - 1 - m) as usize })
        }
    }
}

fn conv2d_impl<T: ConvScalar>(
    in1: ArrayView2<'_, T>,
    kernel: ArrayView2<'_, T>,
    opts: &Convolve2dOptions,
    corr_same: bool,
) -> Result<Array2<T>> {
    let region = region_for(in1.shape(), kernel.shape(), opts.mode, corr_same)?;
    let (n1r, n1c) = in1.dim();
    let (n2r, n2c) = kernel.dim();
    if opts.mode == Mode::Valid || (opts.boundary == Boundary::Fill && opts.fillvalue == 0.0) {
        return Ok(direct_nd(in1.into_dyn(), kernel.into_dyn(), &region).into_dimensionality::<Ix2>()?);
    }
    // Extend in1 by the kernel size minus one on each side, then take the valid part: the
    // full output of the extended problem, shifted by (n2 - 1).
    let (pr, pc) = (n2r - 1, n2c - 1);
    let fill = T::from_f64(opts.fillvalue);
    let ext = Array2::from_shape_fn((n1r + 2 * pr, n1c + 2 * pc), |(i, j)| {
        match (
            extend_index(i as isize - pr as isize, n1r, opts.boundary),
            extend_index(j as isize - pc as isize, n1c, opts.boundary),
        ) {
            (Some(a), Some(b)) => in1[[a, b]],
            _ => fill,
        }
    });
    let shifted = Region { start: vec![region.start[0] + pr, region.start[1] + pc], len: region.len.clone() };
    Ok(direct_nd(ext.view().into_dyn(), kernel.into_dyn(), &shifted).into_dimensionality::<Ix2>()?)
}

/// 2-D convolution with boundary handling (`scipy.signal.convolve2d(in1, in2)`): full
/// output, zero fill.
///
/// ```
/// use sci_signal::convolve2d;
/// use sci_core::ndarray::array;
/// let y = convolve2d(&array![[1.0_f64, 2.0], [3.0, 4.0]], &array![[1.0, 1.0], [1.0, 1.0]])?;
/// assert_eq!(y, array![[1.0_f64, 3.0, 2.0], [4.0, 10.0, 6.0], [3.0, 7.0, 4.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve2d_with`].
pub fn convolve2d<T, S1, S2>(in1: &ArrayBase<S1, Ix2>, in2: &ArrayBase<S2, Ix2>) -> Result<Array2<T>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    convolve2d_with(in1, in2, &Convolve2dOptions::default())
}

/// [`convolve2d`] with `mode`, `boundary` and `fillvalue`.
///
/// Direct summation, `O(n1 · n2)` (SciPy's `convolve2d` is direct too). In `Mode::Valid`
/// the boundary never enters.
///
/// ```
/// use sci_signal::{convolve2d_with, Boundary, Convolve2dOptions, Mode};
/// use sci_core::ndarray::array;
/// let opts = Convolve2dOptions { mode: Mode::Same, boundary: Boundary::Symm, ..Default::default() };
/// let y = convolve2d_with(&array![[1.0_f64, 2.0, 3.0]], &array![[1.0, 1.0, 1.0]], &opts)?;
/// assert_eq!(y, array![[4.0_f64, 6.0, 8.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
///
/// # Differences from SciPy
/// `fillvalue` is real (SciPy also accepts a complex fill value).
pub fn convolve2d_with<T, S1, S2>(
    in1: &ArrayBase<S1, Ix2>,
    in2: &ArrayBase<S2, Ix2>,
    opts: &Convolve2dOptions,
) -> Result<Array2<T>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    // In valid mode SciPy swaps the inputs when in2 is the larger; convolution commutes and
    // the valid region is symmetric in the two shapes, so nothing changes here.
    conv2d_impl(in1.view(), in2.view(), opts, false)
}

/// 2-D cross-correlation with boundary handling (`scipy.signal.correlate2d(in1, in2)`).
///
/// ```
/// use sci_signal::correlate2d;
/// use sci_core::ndarray::array;
/// let y = correlate2d(&array![[1.0_f64, 2.0], [3.0, 4.0]], &array![[1.0, 0.0]])?;
/// assert_eq!(y, array![[0.0_f64, 1.0, 2.0], [0.0, 3.0, 4.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
pub fn correlate2d<T, S1, S2>(in1: &ArrayBase<S1, Ix2>, in2: &ArrayBase<S2, Ix2>) -> Result<Array2<T>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    correlate2d_with(in1, in2, &Convolve2dOptions::default())
}

/// [`correlate2d`] with `mode`, `boundary` and `fillvalue`.
///
/// In `Mode::Same` the output is centred as SciPy's `correlate2d` centres it (offset
/// `n2 / 2` into the full correlation, which differs from [`correlate`]'s `(n2 - 1) / 2`
/// for even kernel sizes).
///
/// ```
/// use sci_signal::{correlate2d_with, Convolve2dOptions, Mode};
/// use sci_core::ndarray::array;
/// let opts = Convolve2dOptions { mode: Mode::Valid, ..Default::default() };
/// let y = correlate2d_with(&array![[1.0_f64, 2.0, 3.0], [4.0, 5.0, 6.0]], &array![[1.0, 1.0]], &opts)?;
/// assert_eq!(y, array![[3.0_f64, 5.0], [9.0, 11.0]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`convolve_with`].
///
/// # Differences from SciPy
/// As [`convolve2d_with`].
pub fn correlate2d_with<T, S1, S2>(
    in1: &ArrayBase<S1, Ix2>,
    in2: &ArrayBase<S2, Ix2>,
    opts: &Convolve2dOptions,
) -> Result<Array2<T>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    if opts.mode == Mode::Valid {
        region_for(in1.shape(), in2.shape(), Mode::Valid, false)?;
        let swap = !(in1.dim().0 >= in2.dim().0 && in1.dim().1 >= in2.dim().1);
        if swap {
            // SciPy swaps, correlates, and reverses the result.
            let mut out = conv2d_impl(in2.view(), reverse_conj(in1).view(), opts, false)?;
            out.invert_axis(Axis(0));
            out.invert_axis(Axis(1));
            return Ok(out.as_standard_layout().into_owned());
        }
    }
    conv2d_impl(in1.view(), reverse_conj(in2).view(), opts, opts.mode == Mode::Same)
}

/// The lags of a 1-D cross-correlation's output (`scipy.signal.correlation_lags(in1_len,
/// in2_len, mode)`): entry `i` of [`correlate`]'s output holds lag `lags[i]`.
///
/// ```
/// use sci_signal::{correlation_lags, Mode};
/// assert_eq!(correlation_lags(4, 2, Mode::Full)?.to_vec(), vec![-1, 0, 1, 2, 3]);
/// assert_eq!(correlation_lags(3, 5, Mode::Valid)?.to_vec(), vec![-2, -1, 0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] if either length is 0.
pub fn correlation_lags(in1_len: usize, in2_len: usize, mode: Mode) -> Result<Array1<isize>> {
    if in1_len == 0 {
        return Err(Error::empty("in1"));
    }
    if in2_len == 0 {
        return Err(Error::empty("in2"));
    }
    let (n1, n2) = (in1_len as isize, in2_len as isize);
    let (lo, hi) = match mode {
        Mode::Full => (-n2 + 1, n1),
        Mode::Same => {
            // SciPy: the n1 lags around the midpoint of the full range.
            let lo = -n2 + 1 + (n1 + n2 - 1) / 2 - n1 / 2;
            (lo, lo + n1)
        }
        Mode::Valid => {
            let d = n1 - n2;
            if d >= 0 { (0, d + 1) } else { (d, 1) }
        }
    };
    Ok((lo..hi).collect())
}

/// The result of [`deconvolve`]: `signal = convolve(divisor, quotient) + remainder`.
#[derive(Debug, Clone, PartialEq)]
pub struct Deconvolution<T> {
    /// The quotient, `len(signal) - len(divisor) + 1` points (empty if the divisor is longer).
    pub quotient: Array1<T>,
    /// The remainder, as long as the signal.
    pub remainder: Array1<T>,
}

/// Deconvolves `divisor` out of `signal` by polynomial long division
/// (`scipy.signal.deconvolve(signal, divisor)`).
///
/// `quotient[k] = (signal[k] - Σ_{j≥1} divisor[j] · quotient[k-j]) / divisor[0]`, the
/// impulse response SciPy computes with `lfilter`; `O(len(signal) · len(divisor))`.
///
/// ```
/// use sci_signal::{convolve, deconvolve};
/// use sci_core::ndarray::array;
/// let sig = convolve(&array![1.0_f64, 2.0, 1.0], &array![2.0, 0.5])?;
/// let d = deconvolve(&sig, &array![1.0_f64, 2.0, 1.0])?;
/// assert_eq!(d.quotient.to_vec(), vec![2.0, 0.5]);
/// assert!(d.remainder.iter().all(|r| r.abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for an empty input, [`Error::InvalidArgument`] if `divisor[0] == 0`.
pub fn deconvolve<T, S1, S2>(
    signal: &ArrayBase<S1, Ix1>,
    divisor: &ArrayBase<S2, Ix1>,
) -> Result<Deconvolution<T>>
where
    T: ConvScalar,
    S1: Data<Elem = T>,
    S2: Data<Elem = T>,
{
    if signal.is_empty() {
        return Err(Error::empty("signal"));
    }
    if divisor.is_empty() {
        return Err(Error::empty("divisor"));
    }
    let (n, d) = (signal.len(), divisor.len());
    if d > n {
        return Ok(Deconvolution { quotient: Array1::zeros(0), remainder: signal.to_owned() });
    }
    let d0 = divisor[0];
    if d0 == T::zero() {
        return Err(Error::invalid_argument("divisor", "the leading coefficient divisor[0] must be nonzero"));
    }
    let m = n - d + 1;
    let mut q = Array1::<T>::zeros(m);
    for k in 0..m {
        let mut acc = signal[k];
        for j in 1..d.min(k + 1) {
            acc -= divisor[j] * q[k - j];
        }
        q[k] = acc / d0;
    }
    let back = direct_1d(
        divisor.as_standard_layout().as_slice().unwrap_or(&divisor.to_vec()),
        q.as_slice().unwrap_or(&q.to_vec()),
        0,
        n,
    );
    let remainder = Array1::from_shape_fn(n, |i| signal[i] - back[i]);
    Ok(Deconvolution { quotient: q, remainder })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_rules() {
        let idx = |b| (-4..7).map(|i| extend_index(i, 3, b)).collect::<Vec<_>>();
        assert_eq!(
            idx(Boundary::Wrap),
            [2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0].iter().map(|&v| Some(v)).collect::<Vec<_>>()
        );
        assert_eq!(
            idx(Boundary::Symm),
            [2, 2, 1, 0, 0, 1, 2, 2, 1, 0, 0].iter().map(|&v| Some(v)).collect::<Vec<_>>()
        );
        assert_eq!(idx(Boundary::Fill)[3..7], [None, Some(0), Some(1), Some(2)]);
    }
}
