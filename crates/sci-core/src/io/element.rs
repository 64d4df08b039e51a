//! Element types that can be stored in `.npy`, `.npz` and `.safetensors` files.

use num_complex::{Complex32, Complex64};

mod sealed {
    pub trait Sealed {}
}

/// An element type sci reads and writes in NumPy and safetensors files.
///
/// Implemented for `f32`, `f64`, `i32`, `i64`, `u8`, `bool`, `Complex32` and `Complex64`
/// (NumPy's `float32`, `float64`, `int32`, `int64`, `uint8`, `bool`, `complex64`,
/// `complex128`). Data are stored little-endian on write; big-endian files are read and
/// byte-swapped.
///
/// ```
/// use sci_core::io::FileElement;
/// assert_eq!(<f64 as FileElement>::NPY_DESCR, "<f8");
/// assert_eq!(<sci_core::num_complex::Complex32 as FileElement>::NPY_DESCR, "<c8");
/// ```
pub trait FileElement: sealed::Sealed + Copy + Default + Send + Sync + 'static {
    /// NumPy's type descriptor for little-endian data (`"<f8"`, `"|b1"`, ...).
    const NPY_DESCR: &'static str;
    /// NumPy's dtype name, for messages.
    const DTYPE_NAME: &'static str;
    /// Size in bytes.
    const SIZE: usize;
    /// The safetensors dtype, if the format has one for this type.
    const SAFETENSORS: Option<safetensors::Dtype>;
    /// Decodes one element from exactly [`Self::SIZE`] bytes; `None` for an invalid value
    /// (a `bool` byte other than 0 or 1).
    fn decode(bytes: &[u8], big_endian: bool) -> Option<Self>;
    /// Appends the little-endian encoding.
    fn encode(self, out: &mut Vec<u8>);
}

fn array<const N: usize>(bytes: &[u8], big_endian: bool) -> Option<[u8; N]> {
    let mut a: [u8; N] = bytes.try_into().ok()?;
    if big_endian {
        a.reverse();
    }
    Some(a)
}

macro_rules! impl_number {
    ($t:ty, $descr:literal, $name:literal, $st:expr) => {
        impl sealed::Sealed for $t {}
        impl FileElement for $t {
            const NPY_DESCR: &'static str = $descr;
            const DTYPE_NAME: &'static str = $name;
            const SIZE: usize = std::mem::size_of::<$t>();
            const SAFETENSORS: Option<safetensors::Dtype> = $st;
            #[inline]
            fn decode(bytes: &[u8], big_endian: bool) -> Option<Self> {
                array(bytes, big_endian).map(<$t>::from_le_bytes)
            }
            #[inline]
            fn encode(self, out: &mut Vec<u8>) {
                out.extend_from_slice(&self.to_le_bytes());
            }
        }
    };
}

impl_number!(f32, "<f4", "float32", Some(safetensors::Dtype::F32));
impl_number!(f64, "<f8", "float64", Some(safetensors::Dtype::F64));
impl_number!(i32, "<i4", "int32", Some(safetensors::Dtype::I32));
impl_number!(i64, "<i8", "int64", Some(safetensors::Dtype::I64));
impl_number!(u8, "|u1", "uint8", Some(safetensors::Dtype::U8));

impl sealed::Sealed for bool {}
impl FileElement for bool {
    const NPY_DESCR: &'static str = "|b1";
    const DTYPE_NAME: &'static str = "bool";
    const SIZE: usize = 1;
    const SAFETENSORS: Option<safetensors::Dtype> = Some(safetensors::Dtype::BOOL);
    fn decode(bytes: &[u8], _big_endian: bool) -> Option<Self> {
        match bytes {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
    fn encode(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
}

macro_rules! impl_complex {
    ($t:ty, $r:ty, $descr:literal, $name:literal, $st:expr) => {
        impl sealed::Sealed for $t {}
        impl FileElement for $t {
            const NPY_DESCR: &'static str = $descr;
            const DTYPE_NAME: &'static str = $name;
            const SIZE: usize = 2 * std::mem::size_of::<$r>();
            const SAFETENSORS: Option<safetensors::Dtype> = $st;
            fn decode(bytes: &[u8], big_endian: bool) -> Option<Self> {
                let half = std::mem::size_of::<$r>();
                let re = <$r as FileElement>::decode(bytes.get(..half)?, big_endian)?;
                let im = <$r as FileElement>::decode(bytes.get(half..)?, big_endian)?;
                Some(<$t>::new(re, im))
            }
            fn encode(self, out: &mut Vec<u8>) {
                self.re.encode(out);
                self.im.encode(out);
            }
        }
    };
}

impl_complex!(Complex32, f32, "<c8", "complex64", Some(safetensors::Dtype::C64));
impl_complex!(Complex64, f64, "<c16", "complex128", None);
