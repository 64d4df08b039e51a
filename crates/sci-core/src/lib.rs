//! # sci-core
//!
//! The layer every sci crate stands on.
//!
//! - **Arrays**: [`ndarray`] is the currency of the public API (re-exported here, together
//!   with [`num_complex`], so users need no extra dependency). Functions take any array
//!   storage and layout (`&ArrayBase<S, D>`: owned arrays, views, strided slices) and return
//!   owned arrays.
//! - **faer bridge** ([`convert`]): zero-copy views between ndarray and faer for every
//!   layout ndarray can produce, including negative strides, plus owned conversions.
//! - **Errors** ([`Error`], [`Result`]): one vocabulary for the whole workspace, so `?`
//!   works across modules.
//! - **Element traits** ([`Scalar`], [`Real`]): numeric code written once for `f32`, `f64`,
//!   `Complex32` and `Complex64`, bridged to faer's element traits.
//! - **Validation** ([`validate`]): finite, square, same-length and non-empty checks with
//!   SciPy-like messages.
//! - **Threads** ([`set_num_threads`], [`install`]): one knob for rayon loops and faer kernels.
//! - **Sorting** ([`sort`]): linear-time radix sort and stable argsort of `f64` data in
//!   `total_cmp` order, shared by ranks, ecdfs, quantiles and peak finding.
//! - **Interchange** ([`io`]): `.npy`, `.npz` and `.safetensors` files as ndarray arrays,
//!   hardened against forged headers.
//!
//! ```
//! use sci_core::{convert::AsFaer, ndarray::array, validate};
//! let a = array![[2.0, 1.0], [1.0, 3.0]];
//! validate::check_finite("a", &a)?;
//! let n = validate::check_square("a", &a)?;
//! let m = a.as_faer(); // no copy
//! assert_eq!((n, m[(1, 1)]), (2, 3.0));
//! # Ok::<(), sci_core::Error>(())
//! ```

pub use ndarray;
pub use num_complex;

pub mod convert;
mod element;
mod error;
pub mod io;
pub mod quadrature;
pub mod sort;
mod threads;
pub mod validate;

pub use element::{Real, Scalar};
pub use error::{Error, Result};
/// Floating-point methods (`sqrt`, `exp`, `ln`, ...) for generic [`Real`] code.
pub use num_traits::Float;
pub use threads::{faer_par, install, num_threads, set_num_threads};
