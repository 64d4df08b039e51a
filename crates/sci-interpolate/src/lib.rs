//! # sci-interpolate — `scipy.interpolate` for Rust
//!
//! One- and multi-dimensional interpolation: piecewise linear, cubic and Akima splines,
//! B-splines and smoothing splines, and gridded interpolation, with SciPy's extrapolation
//! and boundary conventions. Banded and dense solves come from sci-linalg.
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.
