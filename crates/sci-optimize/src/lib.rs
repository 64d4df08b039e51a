//! # sci-optimize — `scipy.optimize` for Rust
//!
//! Minimization (unconstrained, bounded and constrained), scalar and multivariate root
//! finding, least squares and `curve_fit`, global optimizers, linear programming and
//! assignment, behind one SciPy-shaped API. Objective functions are Rust closures; the
//! quasi-Newton and trust-region machinery comes from [argmin](https://docs.rs/argmin)
//! where it fits, and is written here where it does not.
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.
