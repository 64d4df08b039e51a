//! NumPy's `.npz` archives: zip files of `.npy` entries (`np.savez`, `np.savez_compressed`).

use std::collections::HashSet;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, Write};
use std::path::Path;

use ndarray::{Array, ArrayBase, Data, Dimension};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::FileElement;
use super::npy::{read_array, write_npy_to};
use crate::{Error, Result};

fn zip_err(e: zip::result::ZipError) -> Error {
    match e {
        zip::result::ZipError::Io(io) => Error::from(io),
        other => Error::format("npz", other.to_string()),
    }
}

/// Opens an `.npz` archive for reading.
///
/// ```
/// use sci_core::ndarray::{array, Array1, Array2};
/// use sci_core::io::{read_npz, NpzWriter};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("data.npz");
/// let mut w = NpzWriter::create(&path)?;
/// w.add_array("x", &array![1.0, 2.0])?;
/// w.add_array("m", &array![[1_i64, 2], [3, 4]])?;
/// w.finish()?;
///
/// let mut npz = read_npz(&path)?;
/// assert_eq!(npz.names(), vec!["x", "m"]);
/// let x: Array1<f64> = npz.by_name("x")?;
/// let m: Array2<i64> = npz.by_name("m")?;
/// assert_eq!((x[1], m[[1, 0]]), (2.0, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_npz<P: AsRef<Path>>(path: P) -> Result<NpzReader<BufReader<File>>> {
    let path = path.as_ref();
    let file = File::open(path).map_err(|e| Error::io_at(path, e))?;
    NpzReader::new(BufReader::new(file))
}

/// A readable `.npz` archive.
#[derive(Debug)]
pub struct NpzReader<R: Read + Seek> {
    archive: ZipArchive<R>,
}

impl<R: Read + Seek> NpzReader<R> {
    /// Reads the archive's directory from a seekable reader.
    ///
    /// ```
    /// use std::io::Cursor;
    /// use sci_core::ndarray::array;
    /// let mut w = sci_core::io::NpzWriter::new(Cursor::new(Vec::new()));
    /// w.add_array("a", &array![1.5_f32])?;
    /// let bytes = w.finish()?.into_inner();
    /// let npz = sci_core::io::NpzReader::new(Cursor::new(bytes))?;
    /// assert_eq!(npz.names(), vec!["a"]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn new(reader: R) -> Result<Self> {
        Ok(NpzReader { archive: ZipArchive::new(reader).map_err(zip_err)? })
    }

    /// The names of the arrays, as `np.load(...).files` lists them (without `.npy`), in
    /// archive order.
    ///
    /// ```
    /// # use std::io::Cursor;
    /// # use sci_core::ndarray::array;
    /// # let mut w = sci_core::io::NpzWriter::new(Cursor::new(Vec::new()));
    /// # w.add_array("weights", &array![1.0])?;
    /// # let npz = sci_core::io::NpzReader::new(Cursor::new(w.finish()?.into_inner()))?;
    /// assert_eq!(npz.names(), vec!["weights"]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn names(&self) -> Vec<String> {
        self.archive.file_names().map(|n| n.strip_suffix(".npy").unwrap_or(n).to_string()).collect()
    }

    /// Reads the array called `name` (with or without the `.npy` suffix).
    ///
    /// The entry is decompressed as a stream and read no further than its `.npy` header
    /// claims, so neither a forged size in the zip directory or the header nor a deflate
    /// bomb can cause a large allocation; the entry must then end, pass its CRC check and
    /// have exactly the size the zip directory declares.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if there is no such entry, [`Error::ShapeMismatch`] if
    /// the array does not have `D`'s number of dimensions, [`Error::Format`] for a
    /// malformed entry or a dtype other than `T`'s (as [`super::read_npy`]).
    ///
    /// ```
    /// # use std::io::Cursor;
    /// # use sci_core::ndarray::{array, Array1};
    /// # let mut w = sci_core::io::NpzWriter::new(Cursor::new(Vec::new()));
    /// # w.add_array("x", &array![7_i32])?;
    /// # let mut npz = sci_core::io::NpzReader::new(Cursor::new(w.finish()?.into_inner()))?;
    /// let x: Array1<i32> = npz.by_name("x.npy")?;
    /// assert_eq!(x[0], 7);
    /// assert!(npz.by_name::<i32, sci_core::ndarray::Ix1>("missing").is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn by_name<T: FileElement, D: Dimension>(&mut self, name: &str) -> Result<Array<T, D>> {
        let entry = if self.archive.file_names().any(|n| n == name) {
            name.to_string()
        } else {
            format!("{name}.npy")
        };
        let names = self.names();
        let file = self.archive.by_name(&entry).map_err(|e| match e {
            zip::result::ZipError::FileNotFound => Error::invalid_argument(
                "name",
                format!("the archive has no array called {name:?} (it holds {names:?})"),
            ),
            other => zip_err(other),
        })?;
        let declared = file.size();
        let mut counted = CountingReader { inner: file, count: 0 };
        let in_entry = |reason: String| Error::format("npz", format!("entry {entry:?}: {reason}"));
        // The stream is capped by the .npy header's own size claim (and must end there), so
        // neither the zip directory nor a deflate bomb decides how much is decompressed.
        let array = read_array::<T, _>(&mut counted, None).map_err(|e| match e {
            Error::Format { reason, .. } => in_entry(reason),
            other => other,
        })?;
        if counted.count != declared {
            return Err(in_entry(format!(
                "the zip directory declares {declared} uncompressed bytes, but the entry holds {}",
                counted.count
            )));
        }
        let (ndim, shape) = (array.ndim(), array.shape().to_vec());
        array.into_dimensionality::<D>().map_err(|_| {
            Error::shape_mismatch(
                format!("npz entry {entry:?}"),
                match D::NDIM {
                    Some(n) => format!("{n} dimensions"),
                    None => "any number of dimensions".to_string(),
                },
                format!("{ndim} dimensions (shape {shape:?})"),
            )
        })
    }
}

/// Counts the bytes that pass through, to check them against the zip directory.
struct CountingReader<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count = self.count.saturating_add(n as u64);
        Ok(n)
    }
}

/// Writes `.npz` archives, stored (`np.savez`) or deflate-compressed (`np.savez_compressed`).
#[derive(Debug)]
pub struct NpzWriter<W: Write + Seek> {
    zip: ZipWriter<W>,
    compression: CompressionMethod,
    names: HashSet<String>,
}

impl NpzWriter<BufWriter<File>> {
    /// Creates (or truncates) an uncompressed archive at `path`, like `np.savez`.
    ///
    /// ```
    /// let dir = tempfile::tempdir()?;
    /// let w = sci_core::io::NpzWriter::create(dir.path().join("empty.npz"))?;
    /// w.finish()?;
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn create<P: AsRef<Path>>(path: P) -> Result<Self> {
        let path = path.as_ref();
        let file = File::create(path).map_err(|e| Error::io_at(path, e))?;
        Ok(NpzWriter::new(BufWriter::new(file)))
    }
}

impl<W: Write + Seek> NpzWriter<W> {
    /// Starts an uncompressed archive on a seekable writer.
    ///
    /// ```
    /// let w = sci_core::io::NpzWriter::new(std::io::Cursor::new(Vec::new()));
    /// assert!(!w.finish()?.into_inner().is_empty());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn new(writer: W) -> Self {
        NpzWriter {
            zip: ZipWriter::new(writer),
            compression: CompressionMethod::Stored,
            names: HashSet::new(),
        }
    }

    /// Compress the entries added from now on with deflate, like `np.savez_compressed`.
    ///
    /// ```
    /// use sci_core::ndarray::Array1;
    /// let mut w = sci_core::io::NpzWriter::new(std::io::Cursor::new(Vec::new())).compressed(true);
    /// w.add_array("zeros", &Array1::<f64>::zeros(10_000))?;
    /// assert!(w.finish()?.into_inner().len() < 10_000);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn compressed(mut self, compress: bool) -> Self {
        self.compression = if compress { CompressionMethod::Deflated } else { CompressionMethod::Stored };
        self
    }

    /// Adds `array` as the entry `name.npy`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an empty or repeated name; I/O errors from the writer.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let mut w = sci_core::io::NpzWriter::new(std::io::Cursor::new(Vec::new()));
    /// w.add_array("b", &array![[true, false]])?;
    /// assert!(w.add_array("", &array![1.0]).is_err());
    /// assert!(w.add_array("b", &array![1.0]).is_err()); // already added
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn add_array<T, S, D>(&mut self, name: &str, array: &ArrayBase<S, D>) -> Result<()>
    where
        T: FileElement,
        S: Data<Elem = T>,
        D: Dimension,
    {
        if name.is_empty() {
            return Err(Error::invalid_argument("name", "array names in an .npz archive must not be empty"));
        }
        if !self.names.insert(name.to_string()) {
            return Err(Error::invalid_argument(
                "name",
                format!("an array called {name:?} was already added"),
            ));
        }
        let large = array.len().saturating_mul(T::SIZE) >= u32::MAX as usize / 2;
        let options = SimpleFileOptions::default().compression_method(self.compression).large_file(large);
        self.zip.start_file(format!("{name}.npy"), options).map_err(zip_err)?;
        write_npy_to(&mut self.zip, array)
    }

    /// Writes the archive's directory and returns the underlying writer.
    ///
    /// ```
    /// let w = sci_core::io::NpzWriter::new(std::io::Cursor::new(Vec::new()));
    /// let cursor = w.finish()?;
    /// assert!(cursor.get_ref().len() >= 22); // an empty zip's end-of-directory record
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn finish(self) -> Result<W> {
        let mut inner = self.zip.finish().map_err(zip_err)?;
        inner.flush()?;
        Ok(inner)
    }
}
