//! Waveform generators: SciPy's `sawtooth`, `square`, `gausspulse`, `chirp` and
//! `unit_impulse`. Each evaluates elementwise over an array of times (any shape), `O(n)`.

use std::f64::consts::PI;

use sci_core::ndarray::{Array, ArrayBase, ArrayD, Data, Dimension, IxDyn};
use sci_core::num_complex::Complex;
use sci_core::{Error, Real, Result, Scalar};

/// Sawtooth wave of period `2π` rising from −1 to 1 on `[0, 2π·width)` and falling back on
/// `[2π·width, 2π)`, SciPy's `sawtooth(t, width)`. `width = 1` is a rising ramp, `0.5` a
/// triangle.
///
/// # Errors
/// None: as in SciPy, a `width` outside `[0, 1]` gives NaN everywhere.
///
/// ```
/// use sci_signal::sawtooth;
/// use sci_core::ndarray::array;
/// let t = array![0.0, std::f64::consts::PI, 1.5 * std::f64::consts::PI];
/// let y = sawtooth(&t, 0.5);
/// assert_eq!(y.to_vec(), vec![-1.0, 1.0, 0.0]);
/// ```
pub fn sawtooth<T, S, D>(t: &ArrayBase<S, D>, width: f64) -> Array<T, D>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    t.mapv(|t| {
        if !(0.0..=1.0).contains(&width) {
            return T::from_f64(f64::NAN);
        }
        let tmod = t.as_f64().rem_euclid(2.0 * PI);
        let y = if tmod < width * 2.0 * PI {
            tmod / (PI * width) - 1.0
        } else {
            (PI * (width + 1.0) - tmod) / (PI * (1.0 - width))
        };
        T::from_f64(y)
    })
}

/// Square wave of period `2π`: `+1` on `[0, 2π·duty)`, `−1` on the rest, SciPy's
/// `square(t, duty)`.
///
/// # Errors
/// None: a `duty` outside `[0, 1]` gives NaN everywhere, as in SciPy.
///
/// ```
/// use sci_signal::square;
/// use sci_core::ndarray::array;
/// let y = square(&array![0.0, 1.0, 4.0], 0.5);
/// assert_eq!(y.to_vec(), vec![1.0, 1.0, -1.0]);
/// ```
pub fn square<T, S, D>(t: &ArrayBase<S, D>, duty: f64) -> Array<T, D>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    t.mapv(|t| {
        if !(0.0..=1.0).contains(&duty) {
            return T::from_f64(f64::NAN);
        }
        let tmod = t.as_f64().rem_euclid(2.0 * PI);
        T::from_f64(if tmod < duty * 2.0 * PI { 1.0 } else { -1.0 })
    })
}

/// Parameters of [`gausspulse`] (SciPy's defaults).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GaussPulseOptions {
    /// Centre frequency in Hz (default 1000).
    pub fc: f64,
    /// Fractional bandwidth in the frequency domain (default 0.5).
    pub bw: f64,
    /// Reference level in dB at which `bw` is measured (default −6).
    pub bwr: f64,
    /// Level in dB of the envelope at the cutoff time of [`gausspulse_cutoff`] (default −60).
    pub tpr: f64,
}

impl Default for GaussPulseOptions {
    fn default() -> Self {
        GaussPulseOptions { fc: 1000.0, bw: 0.5, bwr: -6.0, tpr: -60.0 }
    }
}

/// A Gaussian-modulated sinusoid and its parts.
#[derive(Debug, Clone, PartialEq)]
pub struct GaussPulse<T, D: Dimension> {
    /// The real (in-phase) pulse `e^{−a t²} cos(2π f_c t)` (SciPy's `yI`).
    pub real: Array<T, D>,
    /// The quadrature part `e^{−a t²} sin(2π f_c t)` (`retquad=True`).
    pub quadrature: Array<T, D>,
    /// The envelope `e^{−a t²}` (`retenv=True`).
    pub envelope: Array<T, D>,
}

fn gauss_coefficient(o: &GaussPulseOptions) -> Result<f64> {
    if o.fc.is_nan() || o.fc < 0.0 {
        return Err(Error::invalid_argument("fc", format!("center frequency must be >= 0, was {}", o.fc)));
    }
    if o.bw.is_nan() || o.bw <= 0.0 {
        return Err(Error::invalid_argument("bw", format!("fractional bandwidth must be > 0, was {}", o.bw)));
    }
    if o.bwr.is_nan() || o.bwr >= 0.0 {
        return Err(Error::invalid_argument(
            "bwr",
            format!("reference level for bandwidth must be < 0 dB, was {}", o.bwr),
        ));
    }
    let reference = 10f64.powf(o.bwr / 20.0);
    Ok(-(PI * o.fc * o.bw).powi(2) / (4.0 * reference.ln()))
}

/// Gaussian-modulated sinusoid, SciPy's `gausspulse(t, fc, bw, bwr, retquad=True,
/// retenv=True)`: the envelope `e^{−a t²}` has its spectrum's `bwr`-dB width equal to
/// `bw · fc`.
///
/// # Errors
/// [`Error::InvalidArgument`] for `fc < 0`, `bw ≤ 0` or `bwr ≥ 0`.
///
/// ```
/// use sci_signal::{gausspulse, GaussPulseOptions};
/// use sci_core::ndarray::array;
/// let p = gausspulse(&array![0.0_f64, 1e-3], &GaussPulseOptions::default())?;
/// assert_eq!(p.real[0], 1.0);
/// assert!((p.envelope[1] - 0.4094329).abs() < 1e-7);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn gausspulse<T, S, D>(t: &ArrayBase<S, D>, options: &GaussPulseOptions) -> Result<GaussPulse<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    let a = gauss_coefficient(options)?;
    let envelope = t.mapv(|t| T::from_f64((-a * t.as_f64() * t.as_f64()).exp()));
    let phase = |t: T| 2.0 * PI * options.fc * t.as_f64();
    let mut real = envelope.clone();
    let mut quadrature = envelope.clone();
    real.zip_mut_with(t, |e, &t| *e = T::from_f64(e.as_f64() * phase(t).cos()));
    quadrature.zip_mut_with(t, |e, &t| *e = T::from_f64(e.as_f64() * phase(t).sin()));
    Ok(GaussPulse { real, quadrature, envelope })
}

/// The time after which the [`gausspulse`] envelope stays below `tpr` dB, SciPy's
/// `gausspulse('cutoff', ...)`.
///
/// # Errors
/// As [`gausspulse`], and [`Error::InvalidArgument`] for `tpr ≥ 0`.
///
/// ```
/// use sci_signal::{gausspulse_cutoff, GaussPulseOptions};
/// let t = gausspulse_cutoff(&GaussPulseOptions::default())?;
/// assert!((t - 0.0027812950).abs() < 1e-10);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn gausspulse_cutoff(options: &GaussPulseOptions) -> Result<f64> {
    let a = gauss_coefficient(options)?;
    if options.tpr.is_nan() || options.tpr >= 0.0 {
        return Err(Error::invalid_argument(
            "tpr",
            format!("reference level for time cutoff must be < 0 dB, was {}", options.tpr),
        ));
    }
    let tref = 10f64.powf(options.tpr / 20.0);
    Ok((-tref.ln() / a).sqrt())
}

/// How a [`chirp`]'s frequency moves from `f0` at `t = 0` to `f1` at `t = t1` (SciPy's
/// `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChirpMethod {
    /// `f(t) = f0 + (f1 − f0) t / t1` (default).
    #[default]
    Linear,
    /// A parabola through `(0, f0)` and `(t1, f1)` with its vertex at `t = 0` or, without
    /// `vertex_zero`, at `t = t1`.
    Quadratic,
    /// `f(t) = f0 (f1/f0)^{t/t1}`; `f0` and `f1` nonzero with the same sign.
    Logarithmic,
    /// `f(t) = f0 f1 t1 / ((f0 − f1) t + f1 t1)`; `f0`, `f1` nonzero.
    Hyperbolic,
}

/// Options of [`chirp`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ChirpOptions {
    /// The frequency law (default linear).
    pub method: ChirpMethod,
    /// Phase offset in degrees (default 0).
    pub phi: f64,
    /// For the quadratic law: vertex at `t = 0` (SciPy's default `true`; note
    /// `Default` gives `false` here, so set it explicitly or use [`ChirpOptions::scipy`]).
    pub vertex_zero: bool,
}

impl ChirpOptions {
    /// SciPy's defaults: linear, `phi = 0`, `vertex_zero = True`.
    ///
    /// ```
    /// use sci_signal::ChirpOptions;
    /// assert!(ChirpOptions::scipy().vertex_zero);
    /// ```
    pub fn scipy() -> Self {
        ChirpOptions { method: ChirpMethod::Linear, phi: 0.0, vertex_zero: true }
    }
}

fn chirp_phase(t: f64, f0: f64, t1: f64, f1: f64, o: &ChirpOptions) -> f64 {
    match o.method {
        ChirpMethod::Linear => 2.0 * PI * (f0 * t + 0.5 * (f1 - f0) / t1 * t * t),
        ChirpMethod::Quadratic => {
            let beta = (f1 - f0) / (t1 * t1);
            if o.vertex_zero {
                2.0 * PI * (f0 * t + beta * t.powi(3) / 3.0)
            } else {
                2.0 * PI * (f1 * t + beta * ((t1 - t).powi(3) - t1.powi(3)) / 3.0)
            }
        }
        ChirpMethod::Logarithmic => {
            if f0 == f1 {
                2.0 * PI * f0 * t
            } else {
                let beta = t1 / (f1 / f0).ln();
                2.0 * PI * beta * f0 * ((f1 / f0).powf(t / t1) - 1.0)
            }
        }
        ChirpMethod::Hyperbolic => {
            if f0 == f1 {
                2.0 * PI * f0 * t
            } else {
                let sing = -f1 * t1 / (f0 - f1);
                2.0 * PI * (-sing * f0) * (1.0 - t / sing).abs().ln()
            }
        }
    }
}

fn check_chirp(f0: f64, f1: f64, method: ChirpMethod) -> Result<()> {
    match method {
        ChirpMethod::Logarithmic if f0 * f1 <= 0.0 => Err(Error::invalid_argument(
            "f0, f1",
            "for a logarithmic chirp, f0 and f1 must be nonzero and have the same sign",
        )),
        ChirpMethod::Hyperbolic if f0 == 0.0 || f1 == 0.0 => {
            Err(Error::invalid_argument("f0, f1", "for a hyperbolic chirp, f0 and f1 must be nonzero"))
        }
        _ => Ok(()),
    }
}

/// Frequency-swept cosine `cos(φ(t) + phi)`, SciPy's `chirp(t, f0, t1, f1, method, phi,
/// vertex_zero)`, with `φ(t) = 2π ∫₀ᵗ f(s) ds` for the chosen frequency law.
///
/// # Errors
/// [`Error::InvalidArgument`] for a logarithmic chirp with `f0·f1 ≤ 0` or a hyperbolic one
/// with a zero frequency.
///
/// ```
/// use sci_signal::{chirp, ChirpOptions};
/// use sci_core::ndarray::Array1;
/// let t = Array1::linspace(0.0, 1.0, 5);
/// let y = chirp(&t, 1.0, 1.0, 3.0, &ChirpOptions::scipy())?;
/// assert_eq!(y[0], 1.0);
/// assert!((y[4] - (2.0 * std::f64::consts::PI * 2.0).cos()).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn chirp<T, S, D>(
    t: &ArrayBase<S, D>,
    f0: f64,
    t1: f64,
    f1: f64,
    options: &ChirpOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    check_chirp(f0, f1, options.method)?;
    let phi = options.phi * PI / 180.0;
    Ok(t.mapv(|t| T::from_f64((chirp_phase(t.as_f64(), f0, t1, f1, options) + phi).cos())))
}

/// Complex chirp `e^{i(φ(t) + phi)}`, SciPy's `chirp(..., complex=True)`.
///
/// # Errors
/// As [`chirp`].
///
/// ```
/// use sci_signal::{chirp_complex, ChirpOptions};
/// use sci_core::ndarray::array;
/// let z = chirp_complex(&array![0.0_f64], 1.0, 1.0, 2.0, &ChirpOptions { phi: 90.0, ..ChirpOptions::scipy() })?;
/// assert!((z[0].im - 1.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn chirp_complex<T, S, D>(
    t: &ArrayBase<S, D>,
    f0: f64,
    t1: f64,
    f1: f64,
    options: &ChirpOptions,
) -> Result<Array<Complex<T>, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    check_chirp(f0, f1, options.method)?;
    let phi = options.phi * PI / 180.0;
    Ok(t.mapv(|t| {
        let angle = chirp_phase(t.as_f64(), f0, t1, f1, options) + phi;
        Complex::new(T::from_f64(angle.cos()), T::from_f64(angle.sin()))
    }))
}

/// Where [`unit_impulse`] puts its 1 (SciPy's `idx`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum ImpulseIndex {
    /// The first element (`idx=None`, the default).
    #[default]
    First,
    /// The centre, `shape[i] / 2` along each axis (`idx='mid'`).
    Mid,
    /// The same index along every axis (an integer `idx`).
    Diagonal(usize),
    /// A full multi-index (a tuple `idx`).
    At(Vec<usize>),
}

/// Discrete unit impulse (Kronecker delta) of the given shape, SciPy's
/// `unit_impulse(shape, idx)`.
///
/// # Errors
/// [`Error::InvalidArgument`] if the index is outside the shape or has the wrong length.
///
/// ```
/// use sci_signal::{unit_impulse, ImpulseIndex};
/// let d = unit_impulse::<f64>(&[5], &ImpulseIndex::Mid)?;
/// assert_eq!(d.iter().copied().collect::<Vec<_>>(), vec![0.0, 0.0, 1.0, 0.0, 0.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn unit_impulse<T: Scalar>(shape: &[usize], idx: &ImpulseIndex) -> Result<ArrayD<T>> {
    let index: Vec<usize> = match idx {
        ImpulseIndex::First => vec![0; shape.len()],
        ImpulseIndex::Mid => shape.iter().map(|&s| s / 2).collect(),
        ImpulseIndex::Diagonal(i) => vec![*i; shape.len()],
        ImpulseIndex::At(v) => v.clone(),
    };
    if index.len() != shape.len() || index.iter().zip(shape).any(|(&i, &s)| i >= s) {
        return Err(Error::invalid_argument(
            "idx",
            format!("index {index:?} is outside the shape {shape:?}"),
        ));
    }
    let mut out = ArrayD::<T>::zeros(IxDyn(shape));
    out[IxDyn(&index)] = T::from_f64(1.0);
    Ok(out)
}
