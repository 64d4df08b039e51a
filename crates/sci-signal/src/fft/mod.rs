//! `scipy.fft`: discrete Fourier, cosine and sine transforms with SciPy's normalization
//! conventions (`backward`, `ortho`, `forward`), re-exported by the umbrella as `sci::fft`.
//!
//! | family | functions |
//! |--------|-----------|
//! | complex | [`fft`], [`ifft`], [`fft2`], [`ifft2`], [`fftn`], [`ifftn`] |
//! | real / Hermitian | [`rfft`], [`irfft`], [`hfft`], [`ihfft`], [`rfft2`], [`irfft2`], [`rfftn`], [`irfftn`] |
//! | cosine / sine | [`dct`], [`idct`], [`dst`], [`idst`], [`dctn`], [`idctn`], [`dstn`], [`idstn`] |
//! | helpers | [`fftfreq`], [`rfftfreq`], [`fftshift`], [`ifftshift`], [`next_fast_len`] |
//!
//! Every transform takes SciPy's keyword arguments through an options struct: `n` (or `s`)
//! pads with zeros or truncates the input along the transformed axis before the transform,
//! `axis` (or `axes`) accepts NumPy's negative indices, and [`Norm`] selects the scaling.
//! Element types are `f32`, `f64`, `Complex32` and `Complex64` (see [`FftElem`]); real input
//! to a complex transform is promoted, as in SciPy.
//!
//! **Plans and threads.** Plans come from process-wide planners (one per precision, behind a
//! mutex), so a length is planned once and the plan is shared by every thread. Transforms
//! of many lanes (an axis of a 2-D or N-D array) run in parallel on sci's thread pool, the
//! equivalent of SciPy's `workers=` (set with `sci::set_num_threads`); a single 1-D
//! transform runs on one thread, as in SciPy.
//!
//! ```
//! use sci_signal::fft::{fft, ifft};
//! use sci_core::ndarray::array;
//! let x = array![1.0_f64, 2.0, 1.0, -1.0, 1.5];
//! let y = fft(&x)?;
//! let back = ifft(&y)?;
//! assert!((back[3].re + 1.0).abs() < 1e-12 && back[3].im.abs() < 1e-12);
//! # Ok::<(), sci_core::Error>(())
//! ```

mod complex;
mod dct;
mod helper;
pub(crate) mod lanes;
mod real;

use std::sync::{Arc, LazyLock, Mutex, MutexGuard};

use rustdct::DctPlanner;
use rustfft::{Fft, FftDirection, FftPlanner};
use sci_core::num_complex::{Complex, Complex32, Complex64};
use sci_core::{Error, Real, Result};

pub use complex::{
    fft, fft_with, fft2, fft2_with, fftn, fftn_with, ifft, ifft_with, ifft2, ifft2_with, ifftn, ifftn_with,
};
pub use dct::{
    DctOptions, DctType, DctnOptions, dct, dct_with, dctn, dctn_with, dst, dst_with, dstn, dstn_with, idct,
    idct_with, idctn, idctn_with, idst, idst_with, idstn, idstn_with,
};
pub use helper::{fftfreq, fftshift, fftshift_axes, ifftshift, ifftshift_axes, next_fast_len, rfftfreq};
pub use real::{
    hfft, hfft_with, ihfft, ihfft_with, irfft, irfft_with, irfft2, irfft2_with, irfftn, irfftn_with, rfft,
    rfft_with, rfft2, rfft2_with, rfftn, rfftn_with,
};

/// SciPy's `norm` argument: which direction of a transform pair carries the scaling.
///
/// For a transform of length `n`:
///
/// | `Norm` | forward (`fft`, `rfft`, `dct`) | inverse (`ifft`, `irfft`, `idct`) |
/// |--------|-------------------------------|-----------------------------------|
/// | `Backward` (default, SciPy's `None`) | 1 | 1/n |
/// | `Ortho` | 1/√n | 1/√n |
/// | `Forward` | 1/n | 1 |
///
/// (`hfft` is a forward transform of Hermitian input, `ihfft` its inverse; the cosine and
/// sine transforms use their own `n`, see [`dct`].)
///
/// ```
/// use sci_signal::fft::{fft_with, FftOptions, Norm};
/// use sci_core::ndarray::array;
/// let y = fft_with(&array![1.0_f64, 1.0, 1.0, 1.0], &FftOptions { norm: Norm::Ortho, ..Default::default() })?;
/// assert!((y[0].re - 2.0).abs() < 1e-12); // 4 / sqrt(4)
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Norm {
    /// No scaling forward, `1/n` inverse (SciPy's default, `norm=None` or `"backward"`).
    #[default]
    Backward,
    /// `1/√n` both ways: the transform is unitary.
    Ortho,
    /// `1/n` forward, no scaling inverse.
    Forward,
}

impl Norm {
    /// The factor applied by a transform of logical length `n`, `inverse` or not.
    fn factor<T: FftReal>(self, n: usize, inverse: bool) -> T {
        let n = n as f64;
        let f = match (self, inverse) {
            (Norm::Ortho, _) => 1.0 / n.sqrt(),
            (Norm::Backward, false) | (Norm::Forward, true) => 1.0,
            (Norm::Backward, true) | (Norm::Forward, false) => 1.0 / n,
        };
        cst(f)
    }

    /// Backward and forward swapped: the norm of the conjugate direction (hfft/ihfft).
    fn swapped(self) -> Norm {
        match self {
            Norm::Backward => Norm::Forward,
            Norm::Forward => Norm::Backward,
            Norm::Ortho => Norm::Ortho,
        }
    }
}

/// Keyword arguments of the 1-D transforms ([`fft`], [`ifft`], [`rfft`], [`irfft`],
/// [`hfft`], [`ihfft`]).
///
/// ```
/// use sci_signal::fft::{rfft_with, FftOptions};
/// use sci_core::ndarray::array;
/// // zero-pad to 8 points along the rows of a 2x3 array
/// let y = rfft_with(&array![[1.0_f64, 2.0, 3.0], [4.0, 5.0, 6.0]], &FftOptions { n: Some(8), ..Default::default() })?;
/// assert_eq!(y.shape(), &[2, 5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct FftOptions {
    /// Length of the transform: the input is truncated or zero-padded to `n` along `axis`
    /// (for `irfft`/`hfft`, `n` is the *output* length; the default is `2 (m - 1)`).
    /// `None` uses the input's length.
    pub n: Option<usize>,
    /// The axis to transform; negative counts from the end. Default `-1` (SciPy's default).
    pub axis: isize,
    /// Scaling convention, see [`Norm`].
    pub norm: Norm,
}

impl Default for FftOptions {
    fn default() -> Self {
        FftOptions { n: None, axis: -1, norm: Norm::Backward }
    }
}

/// Keyword arguments of the N-D transforms ([`fftn`], [`fft2`], [`rfftn`], ...).
///
/// `axes: None` means the function's default: every axis for the `*n` functions (or the
/// last `s.len()` axes when `s` is given), the last two for the `*2` functions.
///
/// ```
/// use sci_signal::fft::{fftn_with, FftnOptions};
/// use sci_core::ndarray::Array3;
/// let x = Array3::<f64>::ones((2, 3, 4));
/// let y = fftn_with(&x, &FftnOptions { axes: Some(vec![0, -1]), ..Default::default() })?;
/// assert!((y[[0, 0, 0]].re - 8.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FftnOptions {
    /// Lengths along the transformed axes (truncate or zero-pad); `None` keeps the input's.
    /// For `irfftn`/`irfft2` the last entry is the real output length.
    pub s: Option<Vec<usize>>,
    /// The axes to transform, in order; negative counts from the end; must be unique.
    pub axes: Option<Vec<isize>>,
    /// Scaling convention, applied per axis; see [`Norm`].
    pub norm: Norm,
}

/// The element types the transforms accept: `f32`, `f64`, `Complex32`, `Complex64`.
///
/// Real input is promoted to complex by the complex transforms, as NumPy does.
/// The trait is sealed.
///
/// ```
/// use sci_signal::fft::FftElem;
/// use sci_core::num_complex::Complex64;
/// assert_eq!(2.0_f64.to_complex(), Complex64::new(2.0, 0.0));
/// ```
pub trait FftElem: Copy + Send + Sync + 'static + private::SealedElem {
    /// The precision: `f32` or `f64`.
    type Real: FftReal;
    /// The value as a complex number.
    fn to_complex(self) -> Complex<Self::Real>;
}

/// The precisions the transforms run in: `f32` and `f64`. The trait is sealed; it carries
/// the process-wide plan caches.
///
/// ```
/// fn spectrum<T: sci_signal::fft::FftReal>(x: &[T]) -> sci_core::Result<usize> {
///     let y = sci_signal::fft::rfft(&sci_core::ndarray::ArrayView1::from(x))?;
///     Ok(y.len())
/// }
/// assert_eq!(spectrum(&[1.0_f32, 2.0, 3.0, 4.0]).unwrap(), 3);
/// ```
pub trait FftReal: Real + rustdct::DctNum + FftElem<Real = Self> + private::SealedReal {}

impl FftElem for f32 {
    type Real = f32;
    fn to_complex(self) -> Complex32 {
        Complex32::new(self, 0.0)
    }
}
impl FftElem for f64 {
    type Real = f64;
    fn to_complex(self) -> Complex64 {
        Complex64::new(self, 0.0)
    }
}
impl FftElem for Complex32 {
    type Real = f32;
    fn to_complex(self) -> Complex32 {
        self
    }
}
impl FftElem for Complex64 {
    type Real = f64;
    fn to_complex(self) -> Complex64 {
        self
    }
}
impl FftReal for f32 {}
impl FftReal for f64 {}

mod private {
    use super::Plans;
    pub trait SealedElem {}
    impl SealedElem for f32 {}
    impl SealedElem for f64 {}
    impl SealedElem for super::Complex32 {}
    impl SealedElem for super::Complex64 {}

    pub trait SealedReal: Sized + rustdct::DctNum {
        fn plans() -> &'static Plans<Self>;
        /// Runs `f` with this thread's complex scratch buffer of at least `len` elements.
        fn with_scratch<R>(len: usize, f: impl FnOnce(&mut [super::Complex<Self>]) -> R) -> R;
    }

    use std::cell::RefCell;

    thread_local! {
        // One reusable scratch buffer per thread and precision: large transforms would
        // otherwise allocate (and page-fault) a fresh buffer the size of the signal per call.
        static SCRATCH_F32: RefCell<Vec<super::Complex32>> = const { RefCell::new(Vec::new()) };
        static SCRATCH_F64: RefCell<Vec<super::Complex64>> = const { RefCell::new(Vec::new()) };
    }

    fn with_cell<C: Copy + Default, R>(
        cell: &RefCell<Vec<C>>,
        len: usize,
        f: impl FnOnce(&mut [C]) -> R,
    ) -> R {
        match cell.try_borrow_mut() {
            Ok(mut v) => {
                if v.len() < len {
                    v.resize(len, C::default());
                }
                f(&mut v[..len])
            }
            // Re-entered (not expected): use a temporary buffer.
            Err(_) => f(&mut vec![C::default(); len]),
        }
    }

    impl SealedReal for f32 {
        fn plans() -> &'static Plans<f32> {
            &super::PLANS_F32
        }
        fn with_scratch<R>(len: usize, f: impl FnOnce(&mut [super::Complex32]) -> R) -> R {
            SCRATCH_F32.with(|c| with_cell(c, len, f))
        }
    }
    impl SealedReal for f64 {
        fn plans() -> &'static Plans<f64> {
            &super::PLANS_F64
        }
        fn with_scratch<R>(len: usize, f: impl FnOnce(&mut [super::Complex64]) -> R) -> R {
            SCRATCH_F64.with(|c| with_cell(c, len, f))
        }
    }
}

/// Process-wide planners of one precision. Each planner caches the plans it made, so
/// asking again for a length returns the same `Arc`'d plan.
pub struct Plans<T: rustdct::DctNum> {
    fft: Mutex<FftPlanner<T>>,
    real: Mutex<realfft::RealFftPlanner<T>>,
    dct: Mutex<DctPlanner<T>>,
}

impl<T: rustdct::DctNum> Plans<T> {
    fn new() -> Self {
        Plans {
            fft: Mutex::new(FftPlanner::new()),
            real: Mutex::new(realfft::RealFftPlanner::new()),
            dct: Mutex::new(DctPlanner::new()),
        }
    }
}

static PLANS_F32: LazyLock<Plans<f32>> = LazyLock::new(Plans::new);
static PLANS_F64: LazyLock<Plans<f64>> = LazyLock::new(Plans::new);

/// A poisoned planner mutex only means another thread panicked while planning; the cache
/// itself is still consistent, so keep using it.
fn lock<P>(m: &Mutex<P>) -> MutexGuard<'_, P> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn plan_c2c<T: FftReal>(n: usize, inverse: bool) -> Arc<dyn Fft<T>> {
    let dir = if inverse { FftDirection::Inverse } else { FftDirection::Forward };
    lock(&T::plans().fft).plan_fft(n, dir)
}

fn plan_r2c<T: FftReal>(n: usize) -> Arc<dyn realfft::RealToComplex<T>> {
    lock(&T::plans().real).plan_fft_forward(n)
}

fn plan_c2r<T: FftReal>(n: usize) -> Arc<dyn realfft::ComplexToReal<T>> {
    lock(&T::plans().real).plan_fft_inverse(n)
}

fn with_dct_planner<T: FftReal, R>(f: impl FnOnce(&mut DctPlanner<T>) -> R) -> R {
    f(&mut lock(&T::plans().dct))
}

/// An `f64` constant in the working precision.
fn cst<T: FftReal>(x: f64) -> T {
    <T as sci_core::Scalar>::from_f64(x)
}

/// `n` from the options (default: the axis length), validated: a length of 0 (`n = 0` or
/// an empty axis) is SciPy's "invalid number of data points".
fn check_n(n: Option<usize>, default: usize) -> Result<usize> {
    match n.unwrap_or(default) {
        0 => Err(Error::invalid_argument("n", "invalid number of data points (0) specified")),
        n => Ok(n),
    }
}

/// Resolves `s`/`axes` as `scipy.fft` does (`_init_nd_shape_and_axes`): returns the
/// normalized axes and the length along each.
fn resolve_axes(
    shape: &[usize],
    s: Option<&[usize]>,
    axes: Option<&[isize]>,
    default_two: bool,
) -> Result<(Vec<usize>, Vec<usize>)> {
    let ndim = shape.len();
    let axes: Vec<usize> = match (axes, s) {
        (Some(a), _) => {
            a.iter().map(|&ax| sci_core::validate::normalize_axis(ax, ndim)).collect::<Result<_>>()?
        }
        (None, Some(s)) => {
            if s.len() > ndim {
                return Err(Error::invalid_argument(
                    "s",
                    format!("has {} entries, more than the array's {ndim} dimensions", s.len()),
                ));
            }
            (ndim - s.len()..ndim).collect()
        }
        (None, None) if default_two => {
            if ndim < 2 {
                return Err(Error::invalid_argument(
                    "axes",
                    format!("the default axes (-2, -1) need at least 2 dimensions, the array has {ndim}"),
                ));
            }
            vec![ndim - 2, ndim - 1]
        }
        (None, None) => (0..ndim).collect(),
    };
    for (i, a) in axes.iter().enumerate() {
        if axes[..i].contains(a) {
            return Err(Error::invalid_argument("axes", "all axes must be unique"));
        }
    }
    let lens = match s {
        Some(s) => {
            if s.len() != axes.len() {
                return Err(Error::shape_mismatch(
                    "s",
                    format!("{} entries (one per axis in `axes`)", axes.len()),
                    format!("{} entries", s.len()),
                ));
            }
            if let Some(bad) = s.iter().position(|&v| v == 0) {
                return Err(Error::invalid_argument(
                    "s",
                    format!("s[{bad}] is 0; every length must be >= 1"),
                ));
            }
            s.to_vec()
        }
        None => axes.iter().map(|&a| shape[a]).collect(),
    };
    Ok((axes, lens))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plans_are_cached_and_shared() {
        let a = plan_c2c::<f64>(12, false);
        let b = std::thread::spawn(|| plan_c2c::<f64>(12, false)).join().ok();
        assert!(b.is_some_and(|b| Arc::ptr_eq(&a, &b)));
    }

    #[test]
    fn axes_resolution() {
        assert_eq!(resolve_axes(&[2, 3, 4], None, None, false).ok(), Some((vec![0, 1, 2], vec![2, 3, 4])));
        assert_eq!(resolve_axes(&[2, 3, 4], Some(&[5]), None, false).ok(), Some((vec![2], vec![5])));
        assert_eq!(resolve_axes(&[2, 3, 4], None, None, true).ok(), Some((vec![1, 2], vec![3, 4])));
        assert!(resolve_axes(&[2, 3], None, Some(&[0, -2]), false).is_err());
        assert!(resolve_axes(&[2, 3], Some(&[1]), Some(&[0, 1]), false).is_err());
        assert!(resolve_axes(&[4], None, None, true).is_err());
    }
}
