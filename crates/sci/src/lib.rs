//! # sci — SciPy's toolbox for Rust
//!
//! One crate, one module per SciPy area, each behind a default feature:
//!
//! | module | SciPy | feature | backend |
//! |--------|-------|---------|---------|
//! | [`linalg`] | `scipy.linalg` | `linalg` | faer |
//! | [`sparse`] | `scipy.sparse` | `sparse` | sprs, faer |
//! | [`fft`] | `scipy.fft` | `fft` | rustfft, realfft, rustdct |
//! | [`signal`] | `scipy.signal` | `signal` | rustfft, realfft |
//! | [`stats`] | `scipy.stats` | `stats` | statrs, rand |
//! | [`special`] | `scipy.special` | `special` | our own |
//! | [`optimize`] | `scipy.optimize` | `optimize` | argmin |
//! | [`ndimage`] | `scipy.ndimage` | `ndimage` | our own |
//! | [`interpolate`] | `scipy.interpolate` | `interpolate` | sci-linalg |
//!
//! Arrays are [`ndarray`] arrays (re-exported); every fallible function returns
//! [`Result`], whose error type [`Error`] is shared by all modules, so `?` works across them.
//! Turn off `default-features` and list the modules you need to build less.
//!
//! ```
//! use sci::prelude::*;
//!
//! fn gram(a: &Array2<f64>) -> sci::Result<Array2<f64>> {
//!     sci::linalg::matmul(&a.t(), a)
//! }
//! let a = array![[1.0, 2.0], [3.0, 4.0]];
//! assert_eq!(gram(&a)?, array![[10.0, 14.0], [14.0, 20.0]]);
//! # Ok::<(), sci::Error>(())
//! ```

pub use sci_core::{Error, Real, Result, Scalar, ndarray, num_complex};
pub use sci_core::{install, num_threads, set_num_threads};

/// File interchange with NumPy (`.npy`, `.npz`) and deep-learning frameworks (`.safetensors`).
pub use sci_core::io;

/// Zero-copy views between ndarray and faer.
pub use sci_core::convert;

#[cfg(feature = "linalg")]
pub use sci_linalg as linalg;

#[cfg(feature = "sparse")]
pub use sci_sparse as sparse;

#[cfg(feature = "signal")]
pub use sci_signal as signal;

#[cfg(feature = "fft")]
pub use sci_signal::fft;

#[cfg(feature = "stats")]
pub use sci_stats as stats;

#[cfg(feature = "special")]
pub use sci_stats::special;

#[cfg(feature = "optimize")]
pub use sci_optimize as optimize;

#[cfg(feature = "ndimage")]
pub use sci_ndimage as ndimage;

#[cfg(feature = "interpolate")]
pub use sci_interpolate as interpolate;

/// The names most programs need: arrays, complex numbers, the error type, element traits.
///
/// ```
/// use sci::prelude::*;
/// let z = Complex64::new(0.0, 1.0);
/// let a: Array1<Complex64> = array![z, z * z];
/// assert_eq!(a[1], Complex64::new(-1.0, 0.0));
/// ```
pub mod prelude {
    pub use crate::{Error, Real, Result, Scalar};
    pub use sci_core::ndarray::{
        Array, Array1, Array2, ArrayD, ArrayView1, ArrayView2, ArrayViewMut1, ArrayViewMut2, Axis, array, s,
    };
    pub use sci_core::num_complex::{Complex, Complex32, Complex64};
}
