//! # sci-signal — `scipy.fft` and `scipy.signal` for Rust
//!
//! FFTs over [rustfft](https://docs.rs/rustfft) and [realfft](https://docs.rs/realfft),
//! discrete cosine and sine transforms over [rustdct](https://docs.rs/rustdct), and the
//! signal-processing toolbox built on them. SciPy's conventions apply (`norm` modes,
//! `axis`, `n` padding/truncation, `mode`/`method` of the convolutions); the umbrella crate
//! exposes [`fft`] as `sci::fft` and the rest as `sci::signal`.
//!
//! | area | functions |
//! |------|-----------|
//! | [`fft`] | `fft`, `rfft`, `fftn`, `dct`, `dst`, ..., `fftfreq`, `fftshift`, `next_fast_len` |
//! | [`windows`] | [`get_window`], `hann`, `hamming`, `blackman`, `kaiser`, `tukey`, ... |
//! | filtering | [`lfilter`], [`lfilter_zi`], [`sosfilt`], [`sosfilt_zi`], [`filtfilt`], [`sosfiltfilt`] |
//! | filter design | [`butter`], [`cheby1`], [`cheby2`], [`ellip`], [`bessel`], [`iirfilter`], [`iirdesign`], [`buttord`], [`cheb1ord`], [`cheb2ord`], [`ellipord`], [`buttap`], [`ellipap`], [`besselap`], [`bilinear_zpk`], [`zpk2tf`], [`tf2zpk`], [`zpk2sos`], [`tf2sos`], [`sos2tf`], [`freqz`], [`sosfreqz`] |
//! | convolution | [`convolve`], [`correlate`], [`fftconvolve`], [`oaconvolve`], [`convolve2d`], [`correlate2d`], [`choose_conv_method`], [`correlation_lags`], [`deconvolve`] |
//!
//! ```
//! use sci_signal::{convolve_with, ConvolveOptions, Mode};
//! use sci_core::ndarray::array;
//! let y = convolve_with(&array![1.0_f64, 2.0, 3.0, 4.0], &array![0.5, 0.5], &ConvolveOptions { mode: Mode::Valid, ..Default::default() })?;
//! assert_eq!(y.to_vec(), vec![1.5, 2.5, 3.5]);
//! # Ok::<(), sci_core::Error>(())
//! ```
//!
//! Functions are listed in `docs/scipy-migration.md` as they land.

mod argrel;
mod convolve;
mod decimate;
mod design;
mod detrend;
pub mod fft;
mod filter;
mod filter_kernels;
mod fir_design;
mod hilbert;
mod medfilt;
mod poly;
pub mod windows;

pub use design::{
    Ba, BandType, BesselNorm, FreqResponse, FreqzOptions, IirDesignOptions, IirDesignType, IirOptions,
    IirOrder, IirType, OrdOptions, Pairing, SosOptions, Zpk, bessel, bessel_sos, bessel_with, bessel_zpk,
    besselap, bilinear_zpk, buttap, butter, butter_sos, butter_with, butter_zpk, buttord, buttord_with,
    cheb1ap, cheb1ord, cheb1ord_with, cheb2ap, cheb2ord, cheb2ord_with, cheby1, cheby1_sos, cheby1_with,
    cheby1_zpk, cheby2, cheby2_sos, cheby2_with, cheby2_zpk, ellip, ellip_sos, ellip_with, ellip_zpk,
    ellipap, ellipord, ellipord_with, freqz, iirdesign, iirdesign_sos, iirdesign_with, iirdesign_zpk,
    iirfilter, iirfilter_sos, iirfilter_zpk, lp2bp_zpk, lp2bs_zpk, lp2hp_zpk, lp2lp_zpk, sos2tf, sosfreqz,
    tf2sos, tf2zpk, zpk2sos, zpk2tf,
};
pub use filter::{
    FilterOptions, Filtered, FiltfiltOptions, PadType, filtfilt, filtfilt_with, lfilter, lfilter_with,
    lfilter_with_zi, lfilter_zi, sosfilt, sosfilt_with, sosfilt_with_zi, sosfilt_zi, sosfiltfilt,
    sosfiltfilt_with,
};
pub use windows::get_window;
mod peaks;
mod resample;
mod savgol;
mod spectral;
mod upfirdn;
mod waveforms;

pub use argrel::{ExtremaMode, argrelextrema, argrelmax, argrelmin};
pub use convolve::{
    Boundary, ConvScalar, Convolve2dOptions, ConvolveOptions, Deconvolution, FftConvolveOptions, Method,
    Mode, choose_conv_method, convolve, convolve_with, convolve2d, convolve2d_with, correlate,
    correlate_with, correlate2d, correlate2d_with, correlation_lags, deconvolve, fftconvolve,
    fftconvolve_with, oaconvolve, oaconvolve_with,
};
pub use decimate::{DecimateOptions, DecimateType, decimate, decimate_with};
pub use detrend::{DetrendOptions, DetrendType, detrend, detrend_with};
pub use fir_design::{
    Firwin2Options, FirwinOptions, PassZero, firwin, firwin_with, firwin2, firwin2_with, kaiser_atten,
    kaiser_beta, kaiserord,
};
pub use hilbert::hilbert;
pub use medfilt::medfilt;
pub use peaks::{
    FindPeaksOptions, Interval, PeakProminences, PeakProperties, PeakWidths, Peaks, find_peaks,
    find_peaks_with, peak_prominences, peak_widths,
};
pub use resample::{
    PolyWindow, ResampleOptions, ResamplePad, ResamplePolyOptions, ResampleWindow, resample,
    resample_complex_with, resample_poly, resample_poly_with, resample_with,
};
pub use savgol::{
    SavgolCoeffsOptions, SavgolMode, SavgolOptions, SavgolUse, savgol_coeffs, savgol_coeffs_with,
    savgol_filter,
};
pub use spectral::{
    Average, Coherence, Csd, Detrend, Istft, IstftOptions, PeriodogramOptions, Psd, Scaling, SpectralWindow,
    Spectrogram, SpectrogramMode, SpectrogramOptions, StftBoundary, StftOptions, WelchOptions, coherence,
    coherence_with, csd, csd_with, istft_complex_with, istft_with, periodogram, periodogram_with,
    spectrogram, spectrogram_complex_with, spectrogram_with, stft, stft_with, welch, welch_with,
};
pub use upfirdn::upfirdn;
pub use waveforms::{
    ChirpMethod, ChirpOptions, GaussPulse, GaussPulseOptions, ImpulseIndex, chirp, chirp_complex, gausspulse,
    gausspulse_cutoff, sawtooth, square, unit_impulse,
};
