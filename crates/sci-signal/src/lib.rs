//! # sci-signal — `scipy.fft` and `scipy.signal` for Rust
//!
//! FFTs over [rustfft](https://docs.rs/rustfft) and [realfft](https://docs.rs/realfft),
//! discrete cosine and sine transforms over [rustdct](https://docs.rs/rustdct), and the
//! signal-processing toolbox built on them: convolution, IIR/FIR design and filtering,
//! windows, spectral estimation and peak finding. SciPy's conventions apply (`norm`
//! modes, `axis`, `n` padding/truncation); the umbrella crate exposes [`fft`] as
//! `sci::fft` and the rest as `sci::signal`.
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.

pub mod fft;
