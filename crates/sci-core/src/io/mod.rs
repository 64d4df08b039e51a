//! Reading and writing arrays in the formats NumPy and deep-learning frameworks use.
//!
//! | format | read | write | element types |
//! |--------|------|-------|---------------|
//! | `.npy` (NumPy 1.0/2.0/3.0) | [`read_npy`], [`read_npy_from`] | [`write_npy`], [`write_npy_to`] | f32, f64, i32, i64, u8, bool, complex64, complex128 |
//! | `.npz` (`np.savez`, `np.savez_compressed`) | [`read_npz`], [`NpzReader`] | [`NpzWriter`] | as `.npy` |
//! | `.safetensors` (PyTorch, candle, burn) | [`read_safetensors`], [`SafetensorsFile`] | [`SafetensorsWriter`] | f32, f64, i32, i64, u8, bool, complex64 |
//!
//! `.npy` files in C or Fortran order and in either byte order are read; arrays are written
//! little-endian, in Fortran order when they are Fortran-contiguous (no transposing copy)
//! and in C order otherwise. The element type asked for must be the file's: sci never
//! converts silently.
//!
//! # Hostile files
//! Every header is validated before data is read. A header longer than 1 MiB, a shape whose
//! element or byte count overflows, a header that claims more or fewer bytes than the file
//! (or stream, or archive entry) actually holds, unknown or structured dtypes (including
//! Python objects, `|O`), negative or non-integer dimensions and malformed dict syntax are
//! all [`crate::Error::Format`] errors. Streams are read as data arrives, so a forged
//! header or zip directory cannot make sci allocate more than the bytes really present.
//!
//! The `.npy` codec is written here rather than taken from `ndarray-npy` for that control
//! (and for Fortran-order writes without copies and big-endian reads); safetensors parsing
//! is the reference `safetensors` crate's.

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
