//! # sci-ndimage — `scipy.ndimage` for Rust
//!
//! N-dimensional image processing on ndarray arrays: convolution and correlation with
//! SciPy's boundary modes, Gaussian, uniform, median and rank filters, morphology,
//! labelling and measurements, and geometric transforms.
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.
