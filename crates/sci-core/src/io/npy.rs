//! NumPy's `.npy` format (versions 1.0, 2.0 and 3.0).

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;

use ndarray::{Array, ArrayBase, ArrayD, Data, Dimension, IxDyn, ShapeBuilder};

use super::FileElement;
use super::header::{format_header, parse_header};
use crate::{Error, Result};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
/// Largest header we accept. NumPy writes a few hundred bytes; its own reader refuses
/// headers over 10 000 bytes unless told otherwise.
const MAX_HEADER_LEN: usize = 1 << 20;
/// Header plus preamble is padded to a multiple of this, as NumPy does.
const ALIGN: usize = 64;
/// NumPy's limit on the number of dimensions (`NPY_MAXDIMS`).
pub(crate) const MAX_DIMS: usize = 64;

fn err(reason: impl Into<String>) -> Error {
    Error::format("npy", reason)
}

/// Reads an `.npy` file into an array of the requested element type and dimensionality.
///
/// The file's dtype must be `T`'s (no silent conversion): reading a `float32` file as
/// `f64` is an error naming both. C- and Fortran-ordered files and big-endian data are
/// read. Use `IxDyn` (`ArrayD`) when the number of dimensions is not known.
///
/// The header is validated before any data is read: a shape whose size overflows, or a
/// header claiming more (or fewer) bytes than the file holds, is an [`Error::Format`],
/// never an allocation of the claimed size.
///
/// ```
/// use sci_core::ndarray::{array, Array2};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("a.npy");
/// sci_core::io::write_npy(&path, &array![[1.0, 2.0], [3.0, 4.0]])?;
/// let a: Array2<f64> = sci_core::io::read_npy(&path)?;
/// assert_eq!(a, array![[1.0, 2.0], [3.0, 4.0]]);
/// assert!(sci_core::io::read_npy::<f32, sci_core::ndarray::Ix2, _>(&path).is_err()); // dtype differs
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_npy<T, D, P>(path: P) -> Result<Array<T, D>>
where
    T: FileElement,
    D: Dimension,
    P: AsRef<Path>,
{
    let path = path.as_ref();
    let file = File::open(path).map_err(|e| Error::io_at(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io_at(path, e))?;
    // A regular file's length is known up front; pipes and devices are read as streams.
    let len = meta.is_file().then_some(meta.len());
    let array = read_array::<T, _>(BufReader::new(file), len).map_err(|e| at_path(e, path))?;
    into_dim(array)
}

/// Reads an `.npy` array from any reader (a socket, an archive entry, a byte slice).
///
/// Without a known length, data is read as it arrives (bounded by what the header claims
/// and checked against it), so a lying header cannot make this allocate more than the
/// stream actually delivers. The stream must end right after the data.
///
/// ```
/// use sci_core::ndarray::{array, Array1};
/// let mut bytes = Vec::new();
/// sci_core::io::write_npy_to(&mut bytes, &array![1_i64, 2, 3])?;
/// let a: Array1<i64> = sci_core::io::read_npy_from(bytes.as_slice())?;
/// assert_eq!(a, array![1, 2, 3]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn read_npy_from<T, D, R>(reader: R) -> Result<Array<T, D>>
where
    T: FileElement,
    D: Dimension,
    R: Read,
{
    into_dim(read_array::<T, R>(reader, None)?)
}

/// Writes an array as an `.npy` file (format 1.0, or 2.0 for very large headers).
///
/// C-contiguous arrays are written in C order and Fortran-contiguous arrays in Fortran
/// order (`fortran_order: True`), both straight from memory; any other layout (strided
/// or reversed views) is written in C order. NumPy's `np.load` reads the result.
///
/// ```
/// use sci_core::ndarray::{Array2, ShapeBuilder};
/// let dir = tempfile::tempdir()?;
/// let f = Array2::<f32>::from_shape_fn((2, 3).f(), |(i, j)| (i * 3 + j) as f32);
/// sci_core::io::write_npy(dir.path().join("f.npy"), &f)?;
/// let back: Array2<f32> = sci_core::io::read_npy(dir.path().join("f.npy"))?;
/// assert_eq!(back, f);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_npy<T, S, D, P>(path: P, array: &ArrayBase<S, D>) -> Result<()>
where
    T: FileElement,
    S: Data<Elem = T>,
    D: Dimension,
    P: AsRef<Path>,
{
    let path = path.as_ref();
    let file = File::create(path).map_err(|e| Error::io_at(path, e))?;
    let mut writer = BufWriter::new(file);
    write_npy_to(&mut writer, array).map_err(|e| at_path(e, path))?;
    writer.flush().map_err(|e| Error::io_at(path, e))
}

/// Writes an array in `.npy` format to any writer.
///
/// ```
/// use sci_core::ndarray::array;
/// let mut bytes = Vec::new();
/// sci_core::io::write_npy_to(&mut bytes, &array![true, false])?;
/// assert_eq!(&bytes[..6], b"\x93NUMPY");
/// assert_eq!(bytes.len() % 64, 2); // 64-byte aligned header, then two bytes of data
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn write_npy_to<T, S, D, W>(mut writer: W, array: &ArrayBase<S, D>) -> Result<()>
where
    T: FileElement,
    S: Data<Elem = T>,
    D: Dimension,
    W: Write,
{
    if array.ndim() > MAX_DIMS {
        return Err(Error::Unsupported(format!(
            "an .npy array has at most {MAX_DIMS} dimensions (NumPy's limit); this one has {}",
            array.ndim()
        )));
    }
    let fortran = !array.is_standard_layout() && array.ndim() > 1 && array.t().is_standard_layout();
    let header = format_header(T::NPY_DESCR, fortran, array.shape());
    // With at most 64 dimensions the header is a few hundred bytes, so version 1.0 (a
    // 2-byte length) always suffices; 2.0 (4 bytes) is kept for completeness.
    let preamble_v1 = MAGIC.len() + 2 + 2;
    let padded_v1 = (preamble_v1 + header.len() + 1).next_multiple_of(ALIGN) - preamble_v1;
    let mut head = Vec::with_capacity(preamble_v1 + padded_v1 + 2);
    head.extend_from_slice(MAGIC);
    let (preamble, padded) = match u16::try_from(padded_v1) {
        Ok(len) => {
            head.extend_from_slice(&[1, 0]);
            head.extend_from_slice(&len.to_le_bytes());
            (preamble_v1, padded_v1)
        }
        Err(_) => {
            let preamble = preamble_v1 + 2;
            let padded = (preamble + header.len() + 1).next_multiple_of(ALIGN) - preamble;
            let len = u32::try_from(padded)
                .map_err(|_| Error::Unsupported("an .npy header longer than 4 GiB".into()))?;
            head.extend_from_slice(&[2, 0]);
            head.extend_from_slice(&len.to_le_bytes());
            (preamble, padded)
        }
    };
    head.extend_from_slice(header.as_bytes());
    head.resize(preamble + padded - 1, b' ');
    head.push(b'\n');
    writer.write_all(&head)?;

    const CHUNK: usize = 1 << 13;
    let mut buf = Vec::with_capacity(CHUNK * T::SIZE);
    let mut emit = |x: T, buf: &mut Vec<u8>| -> Result<()> {
        x.encode(buf);
        if buf.len() >= CHUNK * T::SIZE {
            writer.write_all(buf)?;
            buf.clear();
        }
        Ok(())
    };
    if fortran {
        // The transpose of a Fortran-contiguous array iterates in memory order.
        for &x in array.t().iter() {
            emit(x, &mut buf)?;
        }
    } else {
        for &x in array.iter() {
            emit(x, &mut buf)?;
        }
    }
    writer.write_all(&buf)?;
    Ok(())
}

fn at_path(e: Error, path: &Path) -> Error {
    match e {
        Error::Io { path: None, source } => Error::io_at(path, source),
        Error::Format { format, reason } => {
            Error::Format { format, reason: format!("{}: {reason}", path.display()) }
        }
        other => other,
    }
}

fn into_dim<T, D: Dimension>(array: ArrayD<T>) -> Result<Array<T, D>> {
    let ndim = array.ndim();
    let shape = array.shape().to_vec();
    array.into_dimensionality::<D>().map_err(|_| {
        Error::shape_mismatch(
            "npy array",
            match D::NDIM {
                Some(n) => format!("{n} dimensions"),
                None => "any number of dimensions".to_string(),
            },
            format!("{ndim} dimensions (shape {shape:?})"),
        )
    })
}

/// Checks that a descriptor such as `'<f8'` names `T`'s type; returns whether the data
/// are big-endian.
fn check_descr<T: FileElement>(descr: &str) -> Result<bool> {
    let (order, code) = match descr.as_bytes().first() {
        Some(b'<' | b'>' | b'|' | b'=') => descr.split_at(1),
        _ => ("=", descr),
    };
    if Some(code) == T::NPY_DESCR.get(1..) {
        return Ok(match order {
            ">" => true,
            "<" => false,
            // '=' (native) and '|' (not applicable): the byte order of this machine.
            _ => cfg!(target_endian = "big"),
        });
    }
    let requested = format!("{} ('{}') was requested", T::DTYPE_NAME, T::NPY_DESCR);
    let kind = code.chars().next();
    let size = code.get(1..).and_then(|s| s.parse::<u32>().ok());
    let name = match (kind, size) {
        (Some('O'), _) => {
            return Err(err(format!(
                "the file holds Python objects (dtype '{descr}'), which NumPy stores as pickles; \
                 they cannot be read (and unpickling untrusted data is unsafe)"
            )));
        }
        (Some('b'), Some(1)) => Some("bool".to_string()),
        (Some('i'), Some(n @ (1 | 2 | 4 | 8))) => Some(format!("int{}", 8 * n)),
        (Some('u'), Some(n @ (1 | 2 | 4 | 8))) => Some(format!("uint{}", 8 * n)),
        (Some('f'), Some(n @ (2 | 4 | 8 | 12 | 16))) => Some(format!("float{}", 8 * n)),
        (Some('c'), Some(n @ (8 | 16 | 24 | 32))) => Some(format!("complex{}", 8 * n)),
        _ => None,
    };
    Err(err(match name {
        Some(name) if SUPPORTED_CODES.contains(&code) => {
            format!("the file holds {name} data (dtype '{descr}'), but {requested}")
        }
        Some(name) => {
            format!("the file holds {name} data (dtype '{descr}'), which sci cannot read; {requested}")
        }
        None => format!(
            "unsupported dtype '{descr}' (sci reads bool, uint8, int32, int64, float32, float64, \
             complex64 and complex128); {requested}"
        ),
    }))
}

/// The type codes of the [`FileElement`] implementations.
const SUPPORTED_CODES: [&str; 8] = ["b1", "u1", "i4", "i8", "f4", "f8", "c8", "c16"];

/// Reads one `.npy` array; `total_len` is the stream length when known (files).
pub(crate) fn read_array<T: FileElement, R: Read>(mut r: R, total_len: Option<u64>) -> Result<ArrayD<T>> {
    let mut preamble = [0u8; 8];
    read_exact_or(&mut r, &mut preamble, "the file is too short to be an .npy file")?;
    if &preamble[..6] != MAGIC {
        return Err(err("missing the \\x93NUMPY magic string: not an .npy file"));
    }
    let major = preamble[6];
    let header_len = match major {
        1 => {
            let mut b = [0u8; 2];
            read_exact_or(&mut r, &mut b, "truncated header length")?;
            u16::from_le_bytes(b) as usize
        }
        2 | 3 => {
            let mut b = [0u8; 4];
            read_exact_or(&mut r, &mut b, "truncated header length")?;
            usize::try_from(u32::from_le_bytes(b)).map_err(|_| err("header length does not fit in memory"))?
        }
        v => return Err(err(format!("unsupported format version {v}.{}", preamble[7]))),
    };
    let preamble_len = if major == 1 { 10 } else { 12 };
    if header_len > MAX_HEADER_LEN {
        return Err(err(format!("header length {header_len} exceeds the limit of {MAX_HEADER_LEN} bytes")));
    }
    if let Some(total) = total_len
        && (preamble_len + header_len) as u64 > total
    {
        return Err(err(format!("header claims {header_len} bytes but the file holds {total} bytes in all")));
    }
    let mut header = vec![0u8; header_len];
    read_exact_or(&mut r, &mut header, "truncated header")?;
    let header = parse_header(&header)?;
    let big_endian = check_descr::<T>(&header.descr)?;

    let count = header
        .shape
        .iter()
        .try_fold(1usize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| err(format!("shape {:?} has more elements than memory can address", header.shape)))?;
    let nbytes = count
        .checked_mul(T::SIZE)
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| err(format!("shape {:?} needs more bytes than memory can address", header.shape)))?;

    let data = match total_len {
        Some(total) => {
            let available = total - (preamble_len + header_len) as u64;
            if available != nbytes as u64 {
                return Err(err(format!(
                    "header shape {:?} of {} needs {nbytes} bytes of data, but the file holds {available}",
                    header.shape,
                    T::DTYPE_NAME
                )));
            }
            // The file really holds `nbytes` bytes, so reserving them is safe.
            let mut data = vec![0u8; nbytes];
            read_exact_or(&mut r, &mut data, "the file ended before its data")?;
            data
        }
        None => {
            // Grow with the data actually delivered; never trust the header for capacity.
            let mut data = Vec::new();
            (&mut r).take(nbytes as u64).read_to_end(&mut data)?;
            if data.len() != nbytes {
                return Err(err(format!(
                    "header shape {:?} needs {nbytes} bytes of data, but the stream ended after {}",
                    header.shape,
                    data.len()
                )));
            }
            let mut probe = [0u8; 1];
            if r.read(&mut probe)? != 0 {
                return Err(err("unexpected data after the array"));
            }
            data
        }
    };

    let mut values = Vec::with_capacity(count);
    for chunk in data.chunks_exact(T::SIZE) {
        values.push(
            T::decode(chunk, big_endian).ok_or_else(|| err(format!("invalid {} value", T::DTYPE_NAME)))?,
        );
    }
    let shape = IxDyn(&header.shape);
    let array = if header.fortran_order {
        ArrayD::from_shape_vec(shape.f(), values)
    } else {
        ArrayD::from_shape_vec(shape, values)
    };
    array.map_err(|e| err(format!("shape {:?} is not usable: {e}", header.shape)))
}

fn read_exact_or<R: Read>(r: &mut R, buf: &mut [u8], what: &str) -> Result<()> {
    r.read_exact(buf).map_err(|e| match e.kind() {
        std::io::ErrorKind::UnexpectedEof => err(what),
        _ => Error::from(e),
    })
}
