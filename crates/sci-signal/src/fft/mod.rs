//! `scipy.fft`: discrete Fourier, cosine and sine transforms with SciPy's normalization
//! conventions (`backward`, `ortho`, `forward`), re-exported by the umbrella as `sci::fft`.
