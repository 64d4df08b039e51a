//! The engine under every spectral estimate (SciPy's `_spectral_helper`): split a lane into
//! overlapping segments, detrend and window each, and transform them all in one batched
//! FFT (the batch runs in parallel through `crate::fft`).

use sci_core::ndarray::{Array2, ArrayView1};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::{Detrend, Scaling, SpectralWindow};
use crate::detrend::{remove_line, remove_mean};
use crate::fft::{FftOptions, fft_with, rfft_with};
use crate::windows::get_window;

/// Segmenting parameters after SciPy's defaults and checks.
#[derive(Debug, Clone)]
pub(super) struct Plan {
    pub win: Vec<f64>,
    pub nperseg: usize,
    pub noverlap: usize,
    pub nfft: usize,
    pub onesided: bool,
    pub detrend: Detrend,
    /// `1/(fs Σw²)` (density) or `1/(Σw)²` (spectrum); square-rooted for STFT-type output.
    pub scale: f64,
}

/// Parameters as the public options give them.
pub(super) struct Request<'a> {
    pub window: &'a SpectralWindow,
    pub nperseg: Option<usize>,
    pub noverlap: Option<usize>,
    /// SciPy's default overlap as a function of `nperseg` (`n/2`, or `n/8` for spectrograms).
    pub default_noverlap: fn(usize) -> usize,
    pub nfft: Option<usize>,
    pub detrend: Detrend,
    pub return_onesided: bool,
    pub scaling: Scaling,
    pub fs: f64,
    pub complex_input: bool,
    pub stft_scaling: bool,
}

/// SciPy's `_triage_segments` and the checks of `_spectral_helper`.
pub(super) fn plan(req: &Request<'_>, input_len: usize) -> Result<Plan> {
    if !(req.fs.is_finite() && req.fs > 0.0) {
        return Err(Error::invalid_argument("fs", format!("must be positive and finite, was {}", req.fs)));
    }
    if req.nperseg == Some(0) {
        return Err(Error::invalid_argument("nperseg", "must be a positive integer"));
    }
    let (win, nperseg) = match req.window {
        SpectralWindow::Named(w) => {
            // SciPy warns and shrinks nperseg to the input length.
            let n = req.nperseg.unwrap_or(256).min(input_len);
            (get_window(w, n, true)?.to_vec(), n)
        }
        SpectralWindow::Values(w) => {
            if w.len() > input_len {
                return Err(Error::invalid_argument("window", "is longer than the input signal"));
            }
            if w.is_empty() {
                return Err(Error::empty("window"));
            }
            if let Some(n) = req.nperseg
                && n != w.len()
            {
                return Err(Error::invalid_argument(
                    "nperseg",
                    format!("{n} differs from the length {} of the window", w.len()),
                ));
            }
            (w.to_vec(), w.len())
        }
    };
    let nfft = match req.nfft {
        None => nperseg,
        Some(n) if n < nperseg => {
            return Err(Error::invalid_argument(
                "nfft",
                format!("must be greater than or equal to nperseg = {nperseg}"),
            ));
        }
        Some(n) => n,
    };
    let noverlap = req.noverlap.unwrap_or((req.default_noverlap)(nperseg));
    if noverlap >= nperseg {
        return Err(Error::invalid_argument("noverlap", format!("must be less than nperseg = {nperseg}")));
    }
    let mut scale = match req.scaling {
        Scaling::Density => 1.0 / (req.fs * win.iter().map(|w| w * w).sum::<f64>()),
        Scaling::Spectrum => 1.0 / win.iter().sum::<f64>().powi(2),
    };
    if req.stft_scaling {
        scale = scale.sqrt();
    }
    // Complex input has no one-sided spectrum (SciPy warns and switches).
    let onesided = req.return_onesided && !req.complex_input;
    Ok(Plan { win, nperseg, noverlap, nfft, onesided, detrend: req.detrend, scale })
}

impl Plan {
    pub fn step(&self) -> usize {
        self.nperseg - self.noverlap
    }

    /// Number of full segments in a lane of `len` samples.
    pub fn segments(&self, len: usize) -> usize {
        if len < self.nperseg { 0 } else { (len - self.nperseg) / self.step() + 1 }
    }

    /// Number of frequencies: `nfft/2 + 1` one-sided, `nfft` two-sided.
    pub fn nfreq(&self) -> usize {
        if self.onesided { self.nfft / 2 + 1 } else { self.nfft }
    }

    /// The frequencies in Hz (`rfftfreq` / `fftfreq` order).
    pub fn frequencies(&self, fs: f64) -> Vec<f64> {
        let n = self.nfft as f64;
        (0..self.nfreq())
            .map(|k| {
                let k = if !self.onesided && k >= self.nfft.div_ceil(2) { k as f64 - n } else { k as f64 };
                k * fs / n
            })
            .collect()
    }

    /// Segment centres in seconds (SciPy's `time`), shifted back by `shift` samples.
    pub fn times(&self, len: usize, fs: f64, shift: f64) -> Vec<f64> {
        (0..self.segments(len))
            .map(|k| (self.nperseg as f64 / 2.0 + (k * self.step()) as f64 - shift) / fs)
            .collect()
    }

    /// Windowed, detrended segments of a real lane transformed to `(segments × nfreq)`.
    pub fn spectra_real(&self, lane: ArrayView1<'_, f64>) -> Result<Array2<Complex64>> {
        let nseg = self.segments(lane.len());
        let mut seg = Array2::<f64>::zeros((nseg, self.nperseg));
        for (s, mut row) in seg.rows_mut().into_iter().enumerate() {
            let start = s * self.step();
            let buf = row.as_slice_mut().ok_or_else(|| Error::invalid_argument("x", "internal layout"))?;
            for (b, v) in buf.iter_mut().zip(lane.iter().skip(start)) {
                *b = *v;
            }
            match self.detrend {
                Detrend::None => {}
                Detrend::Constant => remove_mean(buf),
                Detrend::Linear => remove_line(buf),
            }
            for (b, w) in buf.iter_mut().zip(&self.win) {
                *b *= w;
            }
        }
        let options = FftOptions { n: Some(self.nfft), axis: -1, ..Default::default() };
        if self.onesided { rfft_with(&seg, &options) } else { fft_with(&seg, &options) }
    }

    /// As [`Plan::spectra_real`] for a complex lane (always two-sided).
    pub fn spectra_complex(&self, lane: ArrayView1<'_, Complex64>) -> Result<Array2<Complex64>> {
        let nseg = self.segments(lane.len());
        let mut seg = Array2::<Complex64>::zeros((nseg, self.nperseg));
        let (mut re, mut im) = (vec![0.0; self.nperseg], vec![0.0; self.nperseg]);
        for (s, mut row) in seg.rows_mut().into_iter().enumerate() {
            let start = s * self.step();
            for (k, v) in lane.iter().skip(start).take(self.nperseg).enumerate() {
                (re[k], im[k]) = (v.re, v.im);
            }
            for part in [&mut re, &mut im] {
                match self.detrend {
                    Detrend::None => {}
                    Detrend::Constant => remove_mean(part),
                    Detrend::Linear => remove_line(part),
                }
            }
            for (k, r) in row.iter_mut().enumerate() {
                *r = Complex64::new(re[k], im[k]) * self.win[k];
            }
        }
        fft_with(&seg, &FftOptions { n: Some(self.nfft), axis: -1, ..Default::default() })
    }

    /// Doubles the one-sided bins that stand for two frequencies (all but DC and, for even
    /// `nfft`, Nyquist).
    pub fn fold_one_sided(&self, row: &mut [Complex64]) {
        if !self.onesided {
            return;
        }
        let end = if self.nfft % 2 == 1 { row.len() } else { row.len().saturating_sub(1) };
        for v in row.iter_mut().take(end).skip(1) {
            *v *= 2.0;
        }
    }
}
