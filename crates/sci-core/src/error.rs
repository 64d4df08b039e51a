//! The error vocabulary shared by every sci crate.
//!
//! Every fallible function in the workspace returns [`Result<T>`], an alias for
//! `std::result::Result<T, Error>`. Because all crates share this one type, `?` works across
//! modules without conversions, and the umbrella crate re-exports it as `sci::Error`.
//!
//! Messages are written for the person calling the function: they name the argument, say
//! what was expected and what was received.

use std::fmt;

/// Convenient alias used by every fallible function in sci.
///
/// ```
/// fn half(x: f64) -> sci_core::Result<f64> {
///     if !x.is_finite() {
///         return Err(sci_core::Error::NonFinite { what: "x".into(), index: None });
///     }
///     Ok(x / 2.0)
/// }
/// assert_eq!(half(3.0).unwrap(), 1.5);
/// assert!(half(f64::NAN).is_err());
/// ```
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in sci, as one enum.
///
/// The enum is `#[non_exhaustive]`: match the variants you act on and keep a wildcard arm.
///
/// ```
/// use sci_core::Error;
/// let err = Error::shape_mismatch("b", "length 3", "length 4");
/// assert_eq!(err.to_string(), "shape mismatch in `b`: expected length 3, got length 4");
/// ```
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An argument does not have the shape the operation needs.
    #[error("shape mismatch in `{what}`: expected {expected}, got {got}")]
    ShapeMismatch {
        /// Which argument (or relation between arguments) is wrong.
        what: String,
        /// The shape that was expected, in words (`"a square matrix"`, `"length 3"`).
        expected: String,
        /// The shape that was received.
        got: String,
    },

    /// An argument is empty but the operation needs at least one element.
    #[error("`{what}` is empty; at least one element is required")]
    Empty {
        /// The empty argument.
        what: String,
    },

    /// An argument contains NaN or infinity where only finite values are allowed.
    #[error("`{what}` contains NaN or infinity{}", fmt_index(.index))]
    NonFinite {
        /// The offending argument.
        what: String,
        /// The multi-index of the first non-finite element, when known.
        index: Option<Vec<usize>>,
    },

    /// An argument has a value outside its valid domain.
    #[error("invalid argument `{name}`: {reason}")]
    InvalidArgument {
        /// The argument's name, as in SciPy.
        name: String,
        /// Why the value is not valid.
        reason: String,
    },

    /// A matrix is exactly or numerically singular.
    #[error("matrix is singular: pivot {pivot} is {}", describe_pivot(.value))]
    Singular {
        /// Zero-based index of the pivot (diagonal element of the factor) that vanished.
        pivot: usize,
        /// The pivot's magnitude, if it is not exactly zero (numerical singularity).
        value: Option<f64>,
    },

    /// A matrix is so ill-conditioned that a solution computed with it may have no correct
    /// digits: its estimated reciprocal condition number is below machine epsilon. SciPy
    /// emits a `LinAlgWarning` here and returns the result; Rust has no warnings, so sci
    /// returns this error unless the function's options allow ill-conditioned input.
    #[error(
        "matrix is ill-conditioned: reciprocal condition number {rcond:e} is below machine epsilon {epsilon:e}; the result may not be accurate (set `allow_ill_conditioned` to get it anyway)"
    )]
    IllConditioned {
        /// The estimated reciprocal condition number in the 1-norm (LAPACK's `rcond`).
        rcond: f64,
        /// Machine epsilon of the element type, the threshold SciPy uses.
        epsilon: f64,
    },

    /// A matrix that must be positive definite is not.
    #[error("matrix is not positive definite: the leading minor of order {order} is not positive")]
    NotPositiveDefinite {
        /// One-based order of the first leading minor that failed, as LAPACK reports it.
        order: usize,
    },

    /// An iterative algorithm stopped before meeting its tolerance.
    #[error("{what} did not converge{}", fmt_iterations(.iterations))]
    NotConverged {
        /// The algorithm that failed.
        what: String,
        /// How many iterations were run, when the backend reports it.
        iterations: Option<usize>,
    },

    /// A file or stream could not be read or written.
    #[error("I/O error{}: {source}", fmt_path(.path))]
    Io {
        /// The file involved, when there is one.
        path: Option<std::path::PathBuf>,
        /// The underlying operating-system error.
        #[source]
        source: std::io::Error,
    },

    /// A file's content does not follow its format (npy, npz, safetensors, fixtures).
    #[error("invalid {format} data: {reason}")]
    Format {
        /// The format being parsed.
        format: String,
        /// What was wrong with the data.
        reason: String,
    },

    /// The request is valid in SciPy but not supported by sci (for example an unsupported dtype).
    #[error("unsupported: {0}")]
    Unsupported(String),
}

fn fmt_index(index: &Option<Vec<usize>>) -> String {
    match index {
        Some(ix) => format!(" at index {ix:?}"),
        None => String::new(),
    }
}

fn fmt_iterations(iterations: &Option<usize>) -> String {
    match iterations {
        Some(n) => format!(" after {n} iterations"),
        None => String::new(),
    }
}

fn fmt_path(path: &Option<std::path::PathBuf>) -> String {
    match path {
        Some(p) => format!(" on {}", p.display()),
        None => String::new(),
    }
}

fn describe_pivot(value: &Option<f64>) -> String {
    match value {
        Some(v) => format!("{v:e}, too small relative to the matrix"),
        None => "exactly zero".to_string(),
    }
}

impl Error {
    /// Builds [`Error::ShapeMismatch`] from anything printable.
    ///
    /// ```
    /// let e = sci_core::Error::shape_mismatch("a", "a square matrix", "3x4");
    /// assert!(e.to_string().contains("square"));
    /// ```
    pub fn shape_mismatch(
        what: impl Into<String>,
        expected: impl fmt::Display,
        got: impl fmt::Display,
    ) -> Self {
        Error::ShapeMismatch { what: what.into(), expected: expected.to_string(), got: got.to_string() }
    }

    /// Builds [`Error::InvalidArgument`].
    ///
    /// ```
    /// let e = sci_core::Error::invalid_argument("ddof", "must be smaller than the sample size");
    /// assert_eq!(e.to_string(), "invalid argument `ddof`: must be smaller than the sample size");
    /// ```
    pub fn invalid_argument(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidArgument { name: name.into(), reason: reason.into() }
    }

    /// Builds [`Error::Empty`].
    ///
    /// ```
    /// let e = sci_core::Error::empty("x");
    /// assert!(matches!(e, sci_core::Error::Empty { .. }));
    /// ```
    pub fn empty(what: impl Into<String>) -> Self {
        Error::Empty { what: what.into() }
    }

    /// Builds [`Error::Format`].
    ///
    /// ```
    /// let e = sci_core::Error::format("npy", "bad magic string");
    /// assert_eq!(e.to_string(), "invalid npy data: bad magic string");
    /// ```
    pub fn format(format: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Format { format: format.into(), reason: reason.into() }
    }

    /// Builds [`Error::NotConverged`]; pass `None` when the iteration count is unknown.
    ///
    /// ```
    /// let e = sci_core::Error::not_converged("Brent's method", 500);
    /// assert_eq!(e.to_string(), "Brent's method did not converge after 500 iterations");
    /// let e = sci_core::Error::not_converged("SVD", None);
    /// assert_eq!(e.to_string(), "SVD did not converge");
    /// ```
    pub fn not_converged(what: impl Into<String>, iterations: impl Into<Option<usize>>) -> Self {
        Error::NotConverged { what: what.into(), iterations: iterations.into() }
    }

    /// Wraps an I/O error together with the file it concerns.
    ///
    /// ```
    /// let io = std::io::Error::new(std::io::ErrorKind::NotFound, "no such file");
    /// let e = sci_core::Error::io_at("data.npy", io);
    /// assert!(e.to_string().contains("data.npy"));
    /// ```
    pub fn io_at(path: impl Into<std::path::PathBuf>, source: std::io::Error) -> Self {
        Error::Io { path: Some(path.into()), source }
    }
}

impl From<std::io::Error> for Error {
    fn from(source: std::io::Error) -> Self {
        Error::Io { path: None, source }
    }
}

impl From<ndarray::ShapeError> for Error {
    fn from(e: ndarray::ShapeError) -> Self {
        Error::shape_mismatch("array", "a shape compatible with the data", e)
    }
}
