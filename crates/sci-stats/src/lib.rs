//! # sci-stats — `scipy.stats` and `scipy.special` for Rust
//!
//! Probability distributions with SciPy's `loc`/`scale` interface, statistical tests with
//! `alternative` and `nan_policy`, descriptive statistics, kernel density estimation and
//! the special functions they need (exposed by the umbrella as `sci::special`). Everything
//! is implemented here on top of [`special`], whose accuracy statrs does not reach (its
//! `erf` is good to ~1e-10 relative, some tail quantiles are far off);
//! [rand](https://docs.rs/rand) 0.10 drives sampling.
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.

pub mod special;

mod common;
pub mod contingency;
pub mod correlation;
pub mod descriptive;
pub mod distributions;
pub mod friedman;
pub mod hypothesis;
pub mod kde;
pub mod resampling;
mod roots;

/// The [rand](https://docs.rs/rand) crate (0.10) that `rvs` takes generators from, re-exported
/// so callers can seed one without a direct dependency.
///
/// ```
/// use sci_stats::rand::SeedableRng;
/// use sci_stats::{ContinuousDistribution, Norm};
/// let mut rng = sci_stats::rand::rngs::StdRng::seed_from_u64(42);
/// assert_eq!(Norm::standard().rvs(5, &mut rng).len(), 5);
/// ```
pub use rand;

pub use common::{Alternative, ConfidenceInterval, NanPolicy, TestResult};
pub use contingency::*;
pub use correlation::*;
pub use descriptive::*;
pub use distributions::*;
pub use friedman::*;
pub use hypothesis::*;
pub use kde::*;
pub use resampling::*;
