//! # sci-linalg — `scipy.linalg` for Rust
//!
//! Dense linear algebra over [faer](https://docs.rs/faer): decompositions (SVD, eigen,
//! LU, QR, Cholesky, LDLᵀ, Schur, Hessenberg, polar), solvers (general, triangular,
//! banded, least squares), inverses and determinants, norms and conditioning, and matrix
//! functions, with SciPy's names, defaults and safety checks.
//!
//! Inputs are any 2-D ndarray (owned, view, transposed, strided); they are handed to faer
//! through [`sci_core::convert`] without copying. Outputs are owned ndarray arrays.
//! Element types are `f32`, `f64`, `Complex32` and `Complex64` ([`sci_core::Scalar`]).
//! Parallel kernels use the thread count set with [`sci_core::set_num_threads`].
//!
//! The functions available today are listed below and in `docs/scipy-migration.md`.

mod matmul;

pub use matmul::matmul;
mod scratch;
mod svd;

pub use svd::{Svd, SvdOptions, svd, svd_with, svdvals, svdvals_with};
mod banded;
mod cholesky;
mod condition;
mod construct;
mod det;
mod eig;
mod eigh;
mod expm;
mod funm;
mod funm_schur;
mod hessenberg;
mod inv;
mod ldl;
mod logm;
mod lstsq;
mod lu;
mod norm;
mod pinv;
mod polar;
mod qr;
mod rank;
mod rhs;
mod schur;
mod solve;
mod solve_triangular;
mod sqrtm;

pub use banded::{SolvehBandedOptions, solve_banded, solveh_banded, solveh_banded_with};
pub use cholesky::{
    ChoFactor, CholeskyOptions, cho_factor, cho_factor_with, cho_solve, cholesky, cholesky_with,
};
pub use construct::{block_diag, circulant, hankel, hilbert, kron, toeplitz, vander};
pub use det::{DetOptions, SlogDet, det, det_with, slogdet, slogdet_with};
pub use eig::{Eig, EigOptions, eig, eig_with, eigvals};
pub use eigh::{EigSubset, Eigh, EighOptions, eigh, eigh_with, eigvalsh, eigvalsh_with};
pub use expm::expm;
pub use funm::funm_hermitian;
pub use funm_schur::{Funm, funm};
pub use hessenberg::{Hessenberg, hessenberg};
pub use inv::{InvOptions, inv, inv_with};
pub use ldl::{Ldl, LdlOptions, ldl, ldl_with};
pub use logm::{logm, logm_complex};
pub use lstsq::{Lstsq, LstsqOptions, lstsq, lstsq_with};
pub use lu::{
    Lu, LuFactor, LuOptions, LuSolveOptions, Transpose, lu, lu_factor, lu_factor_with, lu_solve,
    lu_solve_with, lu_with,
};
pub use norm::{MatrixNorm, cond, matrix_norm, norm, norm_along, vector_norm};
pub use pinv::{Pinv, PinvOptions, pinv, pinv_with};
pub use polar::{Polar, PolarSide, polar};
pub use qr::{Qr, QrOptions, QrPivoted, qr, qr_pivoted, qr_r, qr_with};
pub use rank::{matrix_rank, null_space, orth};
pub use schur::{
    Schur, SchurOptions, SchurSort, rsf2csf, schur, schur_complex, schur_complex_with, schur_with,
};
pub use solve::{AssumeA, SolveOptions, solve, solve_with};
pub use solve_triangular::{SolveTriangularOptions, solve_triangular, solve_triangular_with};
pub use sqrtm::{sqrtm, sqrtm_complex};
