//! Reading and writing arrays in the formats NumPy and deep-learning frameworks use.
//!
//! | format | read | write | element types |
//! |--------|------|-------|---------------|
//! | `.npy` (format 1.0, 2.0, 3.0) | [`read_npy`], [`read_npy_from`] | [`write_npy`], [`write_npy_to`] | `f32`, `f64`, `i32`, `i64`, `u8`, `bool`, `Complex32`, `Complex64` |
//! | `.npz` (`np.savez`, `np.savez_compressed`) | [`read_npz`], [`NpzReader`] | [`NpzWriter`] | as `.npy` |
//! | `.safetensors` (PyTorch, candle, burn) | [`read_safetensors`], [`SafetensorsFile`] | [`SafetensorsWriter`] | as `.npy` except `Complex64`; `F16`/`BF16` read as `f32` |
//!
//! ```
//! use sci_core::ndarray::{array, Array2};
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("a.npy");
//! sci_core::io::write_npy(&path, &array![[1.0, 2.0], [3.0, 4.0]])?; // np.load(path) reads it
//! let a: Array2<f64> = sci_core::io::read_npy(&path)?;
//! assert_eq!(a[[1, 0]], 3.0);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Element types and byte order
//! [`FileElement`] is implemented for NumPy's `float32`, `float64`, `int32`, `int64`,
//! `uint8`, `bool`, `complex64` and `complex128`. The element type asked for must be the
//! file's: sci never converts silently, and reading `float32` data as `f64` is an
//! [`Error::Format`](crate::Error::Format) naming both dtypes. The one deliberate exception
//! is [`SafetensorsFile::get_as_f32`], which widens half-precision tensors (`F16`, `BF16`)
//! exactly. `.npy` data in either byte order (`'<f8'`, `'>f8'`) are read, byte-swapped as
//! needed; everything is written little-endian. Safetensors has `C64` (`complex64`) but no
//! 128-bit complex type, so writing `Complex64` there is [`Error::Unsupported`](crate::Error::Unsupported).
//!
//! # Memory order
//! `.npy` files in C order and in Fortran order (`fortran_order: True`) are read without a
//! transposing copy: a Fortran file becomes a Fortran-layout array. On write, a C-contiguous
//! array is written in C order and a Fortran-contiguous one in Fortran order, both straight
//! from memory; any other layout (strided slices, reversed axes) is written in C order
//! element by element. Safetensors is always row-major, so arrays are written in C order.
//!
//! # Hostile files
//! A forged file is an error, never a panic and never an allocation beyond the bytes it
//! really holds. Before any data is read, the header is validated:
//!
//! - an `.npy` header longer than 1 MiB (NumPy writes a few hundred bytes), or longer than
//!   the file, is rejected before it is read;
//! - the header must be a dict literal with exactly `descr`, `fortran_order` and `shape`;
//!   anything else (malformed syntax, missing or unknown keys, escape sequences, negative
//!   or non-integer dimensions, more than 64 dimensions) is rejected with the reason;
//! - unknown or structured dtypes are rejected, including Python objects (`'|O'`), which
//!   NumPy stores as pickles that would need to be executed to be read;
//! - a shape whose element count or byte size overflows is rejected;
//! - the data must have exactly the size the shape implies: for a file this is checked
//!   against its length before allocating; a stream ([`read_npy_from`]) is read as data
//!   arrive, no further than the header claims, and must end there, so a lying header can
//!   make sci allocate no more than the stream really delivers;
//! - an `.npz` entry is decompressed as a stream under the same cap, so a deflate bomb is
//!   cut off at the size its `.npy` header claims, and the entry must match the size the
//!   zip directory declares and pass its CRC check;
//! - safetensors headers and offsets are validated by the reference `safetensors` crate
//!   (header length against the file, offsets in bounds, contiguous and consistent with
//!   dtype and shape); the file is read whole, an allocation bounded by its real size.
//!
//! # Why a hand-written `.npy` codec
//! The `.npy` reader and writer are implemented here rather than taken from `ndarray-npy`
//! for control over hostile headers (the parser accepts only the literal subset NumPy
//! writes), Fortran-order writes without copies, big-endian reads and errors in sci's
//! vocabulary. Zip containers use the `zip` crate and safetensors the reference
//! `safetensors` crate.

mod element;
mod header;
mod npy;
mod npz;
mod safetensors;

/// The element types a safetensors header can name (re-exported from the `safetensors` crate).
pub use ::safetensors::Dtype as TensorDtype;
pub use element::FileElement;
pub use npy::{read_npy, read_npy_from, write_npy, write_npy_to};
pub use npz::{NpzReader, NpzWriter, read_npz};
pub use safetensors::{SafetensorsFile, SafetensorsWriter, TensorInfo, read_safetensors};
