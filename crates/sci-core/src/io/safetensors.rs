//! The `safetensors` format: what PyTorch (`safetensors.torch`), candle and burn load.
//!
//! Layout: an 8-byte little-endian header length, a JSON header mapping tensor names to
//! dtype, shape and byte offsets (plus an optional `__metadata__` string map), then the
//! row-major little-endian data. Parsing and validation of the header and offsets is done
//! by the `safetensors` crate.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use ndarray::{ArrayBase, ArrayD, Data, Dimension, IxDyn};
use safetensors::tensor::{Metadata, SafeTensors, TensorView};

use super::FileElement;
use crate::{Error, Result};

fn st_err(e: safetensors::SafeTensorError) -> Error {
    Error::format("safetensors", e.to_string())
}

/// Reads a `.safetensors` file.
///
/// The whole file is read into memory (its real size bounds the allocation) and its
/// header validated: offsets must be in bounds, contiguous and match each tensor's dtype
/// and shape.
///
/// ```
/// use sci_core::ndarray::{array, ArrayD};
/// use sci_core::io::{read_safetensors, SafetensorsWriter};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("model.safetensors");
/// let w = array![[0.5_f32, -1.0], [2.0, 0.0]].into_dyn();
/// SafetensorsWriter::new().add("layer.weight", &w)?.metadata("format", "pt").write(&path)?;
///
/// let file = read_safetensors(&path)?;
/// let back: ArrayD<f32> = file.get("layer.weight")?;
/// assert_eq!(back, w);
/// assert_eq!(file.metadata().get("format").map(String::as_str), Some("pt"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_safetensors<P: AsRef<Path>>(path: P) -> Result<SafetensorsFile> {
    let path = path.as_ref();
    let bytes = std::fs::read(path).map_err(|e| Error::io_at(path, e))?;
    SafetensorsFile::from_bytes(bytes).map_err(|e| match e {
        Error::Format { format, reason } => {
            Error::Format { format, reason: format!("{}: {reason}", path.display()) }
        }
        other => other,
    })
}

/// One tensor's entry in a safetensors header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    /// The safetensors dtype (`F32`, `F64`, `I64`, ...).
    pub dtype: super::TensorDtype,
    /// The shape, row-major.
    pub shape: Vec<usize>,
}

/// A validated safetensors file held in memory.
#[derive(Debug, Clone)]
pub struct SafetensorsFile {
    bytes: Vec<u8>,
    data_start: usize,
    tensors: BTreeMap<String, (TensorInfo, (usize, usize))>,
    metadata: HashMap<String, String>,
}

impl SafetensorsFile {
    /// Parses and validates safetensors bytes.
    ///
    /// ```
    /// let bytes = sci_core::io::SafetensorsWriter::new()
    ///     .add("x", &sci_core::ndarray::array![1_i64, 2].into_dyn())?
    ///     .to_bytes()?;
    /// let file = sci_core::io::SafetensorsFile::from_bytes(bytes)?;
    /// assert_eq!(file.names(), vec!["x"]);
    /// assert!(sci_core::io::SafetensorsFile::from_bytes(vec![255; 16]).is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn from_bytes(bytes: Vec<u8>) -> Result<Self> {
        // Full validation (offsets, sizes, overlaps) by the reference implementation.
        SafeTensors::deserialize(&bytes).map_err(st_err)?;
        let (header_len, meta): (usize, Metadata) = SafeTensors::read_metadata(&bytes).map_err(st_err)?;
        let tensors = meta
            .tensors()
            .into_iter()
            .map(|(name, info)| {
                (name, (TensorInfo { dtype: info.dtype, shape: info.shape.clone() }, info.data_offsets))
            })
            .collect();
        let metadata = meta.metadata().clone().unwrap_or_default();
        Ok(SafetensorsFile { bytes, data_start: 8 + header_len, tensors, metadata })
    }

    /// Tensor names, sorted.
    ///
    /// ```
    /// let bytes = sci_core::io::SafetensorsWriter::new()
    ///     .add("b", &sci_core::ndarray::array![1.0_f64].into_dyn())?
    ///     .add("a", &sci_core::ndarray::array![2.0_f64].into_dyn())?
    ///     .to_bytes()?;
    /// assert_eq!(sci_core::io::SafetensorsFile::from_bytes(bytes)?.names(), vec!["a", "b"]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn names(&self) -> Vec<String> {
        self.tensors.keys().cloned().collect()
    }

    /// The dtype and shape of tensor `name`.
    ///
    /// ```
    /// let bytes = sci_core::io::SafetensorsWriter::new()
    ///     .add("w", &sci_core::ndarray::Array2::<f32>::zeros((2, 3)).into_dyn())?
    ///     .to_bytes()?;
    /// let info = sci_core::io::SafetensorsFile::from_bytes(bytes)?.info("w")?;
    /// assert_eq!((info.dtype, info.shape), (sci_core::io::TensorDtype::F32, vec![2, 3]));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn info(&self, name: &str) -> Result<TensorInfo> {
        self.entry(name).map(|(info, _)| info.clone())
    }

    /// The dtype of tensor `name`.
    ///
    /// ```
    /// use sci_core::io::{SafetensorsFile, SafetensorsWriter, TensorDtype};
    /// let bytes = SafetensorsWriter::new().add("i", &sci_core::ndarray::array![1_i64])?.to_bytes()?;
    /// assert_eq!(SafetensorsFile::from_bytes(bytes)?.dtype("i")?, TensorDtype::I64);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn dtype(&self, name: &str) -> Result<super::TensorDtype> {
        self.entry(name).map(|(info, _)| info.dtype)
    }

    /// The `__metadata__` string map (empty if the file has none).
    ///
    /// ```
    /// let bytes = sci_core::io::SafetensorsWriter::new().metadata("k", "v").to_bytes()?;
    /// let file = sci_core::io::SafetensorsFile::from_bytes(bytes)?;
    /// assert_eq!(file.metadata()["k"], "v");
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn metadata(&self) -> &HashMap<String, String> {
        &self.metadata
    }

    /// Reads tensor `name` as an array of `T`, which must match the stored dtype exactly.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an unknown name, [`Error::Format`] if the stored
    /// dtype is not `T`'s (for instance `F16`, which sci does not read).
    ///
    /// ```
    /// use sci_core::ndarray::{array, ArrayD};
    /// let bytes = sci_core::io::SafetensorsWriter::new().add("x", &array![1.0_f64, 2.0].into_dyn())?.to_bytes()?;
    /// let file = sci_core::io::SafetensorsFile::from_bytes(bytes)?;
    /// let x: ArrayD<f64> = file.get("x")?;
    /// assert_eq!(x.as_slice(), Some(&[1.0, 2.0][..]));
    /// assert!(file.get::<f32>("x").is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn get<T: FileElement>(&self, name: &str) -> Result<ArrayD<T>> {
        let (info, _) = self.entry(name)?;
        if T::SAFETENSORS != Some(info.dtype) {
            return Err(Error::format(
                "safetensors",
                format!("tensor {name:?} has dtype {}, but {} was requested", info.dtype, T::DTYPE_NAME),
            ));
        }
        let bytes = self.data(name)?;
        let values = bytes
            .chunks_exact(T::SIZE)
            .map(|c| {
                T::decode(c, false)
                    .ok_or_else(|| Error::format("safetensors", format!("invalid value in {name:?}")))
            })
            .collect::<Result<Vec<T>>>()?;
        ArrayD::from_shape_vec(IxDyn(&info.shape), values)
            .map_err(|e| Error::format("safetensors", format!("tensor {name:?}: {e}")))
    }

    /// Reads tensor `name` as `f32`, widening half-precision data exactly.
    ///
    /// Accepts `F32`, `F16` (IEEE half precision, as `torch.float16` and `np.float16`) and
    /// `BF16` (bfloat16, as `torch.bfloat16`). Every `F16` and `BF16` value, including
    /// subnormals, infinities and NaN payloads, is exactly representable in `f32`.
    ///
    /// # Errors
    /// As [`SafetensorsFile::get`], and [`Error::Format`] for any other dtype.
    ///
    /// ```
    /// // A hand-made file with one BF16 tensor: 1.0 and -2.5 are 0x3F80 and 0xC020.
    /// let header = br#"{"h":{"dtype":"BF16","shape":[2],"data_offsets":[0,4]}}"#;
    /// let mut bytes = (header.len() as u64).to_le_bytes().to_vec();
    /// bytes.extend_from_slice(header);
    /// bytes.extend_from_slice(&[0x80, 0x3F, 0x20, 0xC0]);
    /// let file = sci_core::io::SafetensorsFile::from_bytes(bytes)?;
    /// assert_eq!(file.get_as_f32("h")?.as_slice(), Some(&[1.0, -2.5][..]));
    /// assert!(file.get::<f32>("h").is_err()); // `get` never converts
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn get_as_f32(&self, name: &str) -> Result<ArrayD<f32>> {
        let (info, _) = self.entry(name)?;
        let widen: fn(u16) -> f32 = match info.dtype {
            super::TensorDtype::F16 => f16_to_f32,
            super::TensorDtype::BF16 => |bits| f32::from_bits(u32::from(bits) << 16),
            _ => return self.get::<f32>(name),
        };
        let bytes = self.data(name)?;
        let values = bytes.chunks_exact(2).map(|c| widen(u16::from_le_bytes([c[0], c[1]]))).collect();
        ArrayD::from_shape_vec(IxDyn(&info.shape), values)
            .map_err(|e| Error::format("safetensors", format!("tensor {name:?}: {e}")))
    }

    fn data(&self, name: &str) -> Result<&[u8]> {
        let (_, (start, end)) = self.entry(name)?;
        // `deserialize` checked the offsets against the buffer and the shape.
        self.data_start
            .checked_add(*start)
            .zip(self.data_start.checked_add(*end))
            .and_then(|(s, e)| self.bytes.get(s..e))
            .ok_or_else(|| Error::format("safetensors", format!("tensor {name:?} lies outside the file")))
    }

    fn entry(&self, name: &str) -> Result<&(TensorInfo, (usize, usize))> {
        self.tensors.get(name).ok_or_else(|| {
            Error::invalid_argument(
                "name",
                format!("no tensor called {name:?} (the file holds {:?})", self.names()),
            )
        })
    }
}

/// Builds a safetensors file from named arrays of any supported element types.
#[derive(Debug, Clone, Default)]
pub struct SafetensorsWriter {
    tensors: Vec<(String, safetensors::Dtype, Vec<usize>, Vec<u8>)>,
    metadata: HashMap<String, String>,
}

impl SafetensorsWriter {
    /// An empty writer.
    ///
    /// ```
    /// let bytes = sci_core::io::SafetensorsWriter::new().to_bytes()?;
    /// assert!(bytes.len() >= 8);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a tensor (copied, row-major, little-endian).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a duplicate or empty name, [`Error::Unsupported`]
    /// for `Complex64`, which safetensors cannot store.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let w = sci_core::io::SafetensorsWriter::new().add("x", &array![1.0_f32])?;
    /// assert!(w.clone().add("x", &array![2.0_f32]).is_err()); // duplicate
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn add<T, S, D>(mut self, name: &str, array: &ArrayBase<S, D>) -> Result<Self>
    where
        T: FileElement,
        S: Data<Elem = T>,
        D: Dimension,
    {
        if name.is_empty() || name == "__metadata__" {
            return Err(Error::invalid_argument("name", format!("{name:?} cannot name a tensor")));
        }
        if self.tensors.iter().any(|(n, ..)| n == name) {
            return Err(Error::invalid_argument(
                "name",
                format!("a tensor called {name:?} was already added"),
            ));
        }
        let dtype = T::SAFETENSORS
            .ok_or_else(|| Error::Unsupported(format!("safetensors has no dtype for {}", T::DTYPE_NAME)))?;
        let nbytes = array.len().checked_mul(T::SIZE).ok_or_else(|| {
            Error::invalid_argument("array", format!("{name:?} has more bytes than memory can address"))
        })?;
        let mut data = Vec::with_capacity(nbytes);
        for &x in array.iter() {
            x.encode(&mut data);
        }
        self.tensors.push((name.to_string(), dtype, array.shape().to_vec(), data));
        Ok(self)
    }

    /// Sets a `__metadata__` entry (PyTorch writers use `"format": "pt"`).
    ///
    /// ```
    /// let w = sci_core::io::SafetensorsWriter::new().metadata("format", "pt");
    /// # let _ = w;
    /// ```
    pub fn metadata(mut self, key: &str, value: &str) -> Self {
        self.metadata.insert(key.to_string(), value.to_string());
        self
    }

    /// Serializes to bytes.
    ///
    /// ```
    /// let bytes = sci_core::io::SafetensorsWriter::new().to_bytes()?;
    /// let header_len = u64::from_le_bytes(bytes[..8].try_into().unwrap());
    /// assert_eq!(bytes.len() as u64, 8 + header_len);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        let views = self.views()?;
        let meta = if self.metadata.is_empty() { None } else { Some(self.metadata.clone()) };
        safetensors::serialize(views, meta).map_err(st_err)
    }

    /// Writes the file.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// sci_core::io::SafetensorsWriter::new()
    ///     .add("bias", &sci_core::ndarray::array![0.0_f64, 1.0].into_dyn())?
    ///     .write(dir.path().join("b.safetensors"))?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn write<P: AsRef<Path>>(&self, path: P) -> Result<()> {
        let path = path.as_ref();
        let bytes = self.to_bytes()?;
        std::fs::write(path, bytes).map_err(|e| Error::io_at(path, e))
    }

    fn views(&self) -> Result<Vec<(&str, TensorView<'_>)>> {
        self.tensors
            .iter()
            .map(|(name, dtype, shape, data)| {
                TensorView::new(*dtype, shape.clone(), data).map(|v| (name.as_str(), v)).map_err(st_err)
            })
            .collect()
    }
}

/// IEEE 754 half precision to single precision; exact for every input.
fn f16_to_f32(bits: u16) -> f32 {
    let sign = u32::from(bits >> 15) << 31;
    let exponent = u32::from((bits >> 10) & 0x1f);
    let mantissa = u32::from(bits & 0x3ff);
    let magnitude = match exponent {
        // Zero and subnormals: mantissa * 2^-24, exact in f32.
        0 => (mantissa as f32 * (1.0 / 16_777_216.0)).to_bits(),
        // Infinities and NaN (payload kept).
        0x1f => 0x7f80_0000 | (mantissa << 13),
        // Normal numbers: rebias the exponent from 15 to 127.
        _ => ((exponent + 112) << 23) | (mantissa << 13),
    };
    f32::from_bits(sign | magnitude)
}

#[cfg(test)]
mod tests {
    use super::f16_to_f32;

    #[test]
    fn half_precision_widening_is_exact() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x03ff), 1023.0 * 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x0400), 2f32.powi(-14));
        assert_eq!(f16_to_f32(0x8000).to_bits(), (-0.0f32).to_bits());
        assert_eq!(f16_to_f32(0x7c00), f32::INFINITY);
        assert_eq!(f16_to_f32(0xfc00), f32::NEG_INFINITY);
        assert!(f16_to_f32(0x7e00).is_nan());
        // Against the textbook definition, evaluated in f64, for every finite half.
        for bits in 0..=u16::MAX {
            let (e, m) = (i32::from((bits >> 10) & 0x1f), f64::from(bits & 0x3ff));
            if e == 0x1f {
                continue;
            }
            let magnitude = if e == 0 { m * 2f64.powi(-24) } else { (1024.0 + m) * 2f64.powi(e - 25) };
            let expected = if bits >> 15 == 1 { -magnitude } else { magnitude };
            assert_eq!(f16_to_f32(bits).to_bits(), (expected as f32).to_bits(), "{bits:#06x}");
        }
    }
}
