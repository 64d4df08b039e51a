//! # sci-sparse — `scipy.sparse` for Rust
//!
//! Sparse matrix formats (CSR, CSC, COO) backed by [sprs](https://docs.rs/sprs), and sparse
//! direct solvers backed by faer's sparse LU, Cholesky and QR. Conversions to and from
//! ndarray go through [`sci_core`]; errors are [`sci_core::Error`].
//!
//! This crate holds the workspace slot for `sci::sparse`; its functions are listed in
//! `docs/scipy-migration.md` as they land.
