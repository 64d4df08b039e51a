//! # sci-stats — `scipy.stats` and `scipy.special` for Rust
//!
//! Probability distributions with SciPy's `loc`/`scale` interface, statistical tests with
//! `alternative` and `nan_policy`, descriptive statistics, kernel density estimation and
//! the special functions they need (exposed by the umbrella as `sci::special`). Built on
//! [statrs](https://docs.rs/statrs) where its accuracy matches SciPy's, and on our own
//! implementations where it does not; [rand](https://docs.rs/rand) 0.10 drives sampling.
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.

pub mod special;

mod common;
pub mod descriptive;
pub mod hypothesis;

pub use common::{Alternative, ConfidenceInterval, NanPolicy, TestResult};
pub use descriptive::*;
pub use hypothesis::*;
