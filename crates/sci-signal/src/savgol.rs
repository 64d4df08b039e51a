//! Savitzky–Golay smoothing and differentiation: SciPy's `savgol_coeffs` and
//! `savgol_filter`.
//!
//! The coefficients are the minimum-norm solution of `A c = e_d · d!/Δᵈ` with
//! `Aₖⱼ = xⱼᵏ` (the window's sample positions relative to `pos`): `cᵀy` is the `d`-th
//! derivative at `pos` of the least-squares polynomial through the window. It is computed
//! from a Householder QR of `Aᵀ` with the positions scaled to `[-1, 1]`, which keeps high
//! polynomial orders well conditioned.

use sci_core::ndarray::{Array, Array1, ArrayBase, Axis, Data, Dimension};
use sci_core::{Error, Real, Result, Scalar, validate};

/// How [`savgol_coeffs`] orders its result (SciPy's `use`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SavgolUse {
    /// Reversed, for convolution (`'conv'`, default).
    #[default]
    Conv,
    /// In window order, for a dot product with the window (`'dot'`).
    Dot,
}

/// Options of [`savgol_coeffs_with`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SavgolCoeffsOptions {
    /// Order of the derivative (default 0: smoothing).
    pub deriv: usize,
    /// Sample spacing, used for derivatives (default 1).
    pub delta: f64,
    /// Where in the window to evaluate, `0 ≤ pos < window_length`; `None` is the centre
    /// (`(window_length − 1)/2`, a half-integer for even lengths).
    pub pos: Option<f64>,
    /// Convolution or dot-product order.
    pub usage: SavgolUse,
}

impl Default for SavgolCoeffsOptions {
    fn default() -> Self {
        SavgolCoeffsOptions { deriv: 0, delta: 1.0, pos: None, usage: SavgolUse::Conv }
    }
}

/// Savitzky–Golay smoothing coefficients, SciPy's `savgol_coeffs(window_length,
/// polyorder)`.
///
/// # Errors
/// As [`savgol_coeffs_with`].
///
/// ```
/// use sci_signal::savgol_coeffs;
/// let c = savgol_coeffs(5, 2)?;
/// let want = [-3.0, 12.0, 17.0, 12.0, -3.0].map(|v| v / 35.0);
/// assert!(c.iter().zip(want).all(|(a, b)| (a - b).abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn savgol_coeffs(window_length: usize, polyorder: usize) -> Result<Array1<f64>> {
    savgol_coeffs_with(window_length, polyorder, &SavgolCoeffsOptions::default())
}

/// Savitzky–Golay coefficients with derivative order, spacing, evaluation position and
/// ordering, SciPy's `savgol_coeffs(window_length, polyorder, deriv, delta, pos, use)`.
/// A derivative above `polyorder` gives zeros, as in SciPy. `O(w · p²)`.
///
/// # Differences from SciPy
/// SciPy solves the least-squares problem on the unscaled Vandermonde matrix, which loses
/// digits as the window and order grow (for `window_length = 51, polyorder = 12` its
/// smoothing coefficients sum to `6e-8` instead of 1). The positions are scaled to
/// `[−1, 1]` here, so the coefficients reproduce every polynomial of degree `≤ polyorder`
/// to rounding error; where SciPy is accurate the two agree.
///
/// # Errors
/// [`Error::InvalidArgument`] if `polyorder ≥ window_length`, `pos` is outside
/// `[0, window_length)`, or `delta` is not finite and nonzero.
///
/// ```
/// use sci_signal::{savgol_coeffs_with, SavgolCoeffsOptions, SavgolUse};
/// let o = SavgolCoeffsOptions { deriv: 1, usage: SavgolUse::Dot, ..Default::default() };
/// let c = savgol_coeffs_with(5, 2, &o)?;
/// // The slope of y = 3x + 1 sampled at x = -2..=2 is 3.
/// let slope: f64 = c.iter().zip(-2..=2).map(|(c, x)| c * (3.0 * x as f64 + 1.0)).sum();
/// assert!((slope - 3.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn savgol_coeffs_with(
    window_length: usize,
    polyorder: usize,
    options: &SavgolCoeffsOptions,
) -> Result<Array1<f64>> {
    if polyorder >= window_length {
        return Err(Error::invalid_argument("polyorder", "must be less than window_length"));
    }
    if !(options.delta.is_finite() && options.delta != 0.0) {
        return Err(Error::invalid_argument(
            "delta",
            format!("must be finite and nonzero, was {}", options.delta),
        ));
    }
    let pos = options.pos.unwrap_or((window_length as f64 - 1.0) / 2.0);
    if !(0.0..window_length as f64).contains(&pos) {
        return Err(Error::invalid_argument("pos", "must be nonnegative and less than window_length"));
    }
    if options.deriv > polyorder {
        return Ok(Array1::zeros(window_length));
    }
    let mut positions: Vec<f64> = (0..window_length).map(|j| j as f64 - pos).collect();
    if options.usage == SavgolUse::Conv {
        positions.reverse();
    }
    let scale = positions.iter().fold(0.0_f64, |m, x| m.max(x.abs())).max(1.0);
    let factorial: f64 = (1..=options.deriv).map(|k| k as f64).product();
    let rhs = factorial / (options.delta.powi(options.deriv as i32) * scale.powi(options.deriv as i32));
    Ok(Array1::from(min_norm_solution(&positions, scale, polyorder, options.deriv, rhs)))
}

/// Minimum-norm `c` with `Σⱼ (xⱼ/s)ᵏ cⱼ = rhs·[k = d]` for `k = 0..=p`, by Householder QR
/// of the `w × (p+1)` matrix `M = Aᵀ`: `c = Q R⁻ᵀ b`.
fn min_norm_solution(x: &[f64], s: f64, p: usize, d: usize, rhs: f64) -> Vec<f64> {
    let w = x.len();
    let cols = p + 1;
    // Column-major M, M[j][k] = (x_j / s)^k.
    let mut m: Vec<Vec<f64>> =
        (0..cols).map(|k| x.iter().map(|&xj| (xj / s).powi(k as i32)).collect()).collect();
    let mut reflectors: Vec<(Vec<f64>, f64)> = Vec::with_capacity(cols);
    let mut r = vec![vec![0.0; cols]; cols];
    for k in 0..cols {
        let col = &m[k][k..];
        let norm = col.iter().map(|v| v * v).sum::<f64>().sqrt();
        let alpha = if col[0] > 0.0 { -norm } else { norm };
        let mut v: Vec<f64> = col.to_vec();
        v[0] -= alpha;
        let vnorm2: f64 = v.iter().map(|a| a * a).sum();
        let tau = if vnorm2 > 0.0 { 2.0 / vnorm2 } else { 0.0 };
        for later in m.iter_mut().skip(k) {
            let dot: f64 = v.iter().zip(&later[k..]).map(|(a, b)| a * b).sum();
            for (x, vi) in later[k..].iter_mut().zip(&v) {
                *x -= tau * vi * dot;
            }
        }
        for (i, row) in r.iter_mut().enumerate().take(k + 1) {
            row[k] = m[k][i];
        }
        reflectors.push((v, tau));
    }
    // Solve Rᵀ z = b (forward substitution), b = rhs·e_d.
    let mut z = vec![0.0; cols];
    for i in 0..cols {
        let b = if i == d { rhs } else { 0.0 };
        let s: f64 = (0..i).map(|j| r[j][i] * z[j]).sum();
        z[i] = (b - s) / r[i][i];
    }
    // c = Q [z; 0] = H₀ H₁ … H_p [z; 0].
    let mut c = vec![0.0; w];
    c[..cols].copy_from_slice(&z);
    for (k, (v, tau)) in reflectors.iter().enumerate().rev() {
        let dot: f64 = v.iter().zip(&c[k..]).map(|(a, b)| a * b).sum();
        for (x, vi) in c[k..].iter_mut().zip(v) {
            *x -= tau * vi * dot;
        }
    }
    c
}

/// How [`savgol_filter`] extends the signal at its ends (SciPy's `mode`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum SavgolMode {
    /// Fit a polynomial to the first and last `window_length` samples and evaluate it for
    /// the outermost `window_length / 2` outputs (`'interp'`, default).
    #[default]
    Interp,
    /// Reflect about the end samples: `d c b | a b c d | c b a` (`'mirror'`).
    Mirror,
    /// Repeat the end samples (`'nearest'`).
    Nearest,
    /// Wrap around (`'wrap'`).
    Wrap,
    /// Pad with a constant (`'constant'` with `cval`).
    Constant(f64),
}

/// Options of [`savgol_filter`] (SciPy's keyword arguments).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SavgolOptions {
    /// Derivative order (default 0).
    pub deriv: usize,
    /// Sample spacing (default 1).
    pub delta: f64,
    /// Axis to filter along (default −1).
    pub axis: isize,
    /// Edge handling (default interp).
    pub mode: SavgolMode,
}

impl Default for SavgolOptions {
    fn default() -> Self {
        SavgolOptions { deriv: 0, delta: 1.0, axis: -1, mode: SavgolMode::Interp }
    }
}

/// Savitzky–Golay filter along an axis, SciPy's `savgol_filter(x, window_length,
/// polyorder, deriv, delta, axis, mode, cval)`: each output is the value (or derivative)
/// at the window's centre of the least-squares polynomial of order `polyorder` through the
/// `window_length` samples around it. `O(n · w)`.
///
/// # Errors
/// As [`savgol_coeffs_with`]; [`Error::InvalidArgument`] when `mode` is interp and
/// `window_length` exceeds the length of the axis, or for an axis out of range.
///
/// ```
/// use sci_signal::{savgol_filter, SavgolOptions};
/// use sci_core::ndarray::Array1;
/// // A quadratic passes through a quadratic filter unchanged, edges included.
/// let x = Array1::from_shape_fn(20, |i| (i as f64).powi(2) - 3.0 * i as f64);
/// let y = savgol_filter(&x, 7, 2, &SavgolOptions::default())?;
/// assert!(y.iter().zip(x.iter()).all(|(a, b)| (a - b).abs() < 1e-10));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn savgol_filter<T, S, D>(
    x: &ArrayBase<S, D>,
    window_length: usize,
    polyorder: usize,
    options: &SavgolOptions,
) -> Result<Array<T, D>>
where
    T: Real,
    S: Data<Elem = T>,
    D: Dimension,
{
    let ax = validate::normalize_axis(options.axis, x.ndim())?;
    let n = x.len_of(Axis(ax));
    let coeff_options =
        SavgolCoeffsOptions { deriv: options.deriv, delta: options.delta, ..Default::default() };
    let coeffs = savgol_coeffs_with(window_length, polyorder, &coeff_options)?;
    if options.mode == SavgolMode::Interp && window_length > n {
        return Err(Error::invalid_argument(
            "window_length",
            format!("must be less than or equal to the size {n} of x along the axis when mode is interp"),
        ));
    }
    let edge_coeffs = if options.mode == SavgolMode::Interp {
        let half = window_length / 2;
        let mut rows = Vec::with_capacity(2 * half);
        for p in (0..half).chain(window_length - half..window_length) {
            let o = SavgolCoeffsOptions { pos: Some(p as f64), usage: SavgolUse::Dot, ..coeff_options };
            rows.push(savgol_coeffs_with(window_length, polyorder, &o)?);
        }
        rows
    } else {
        Vec::new()
    };
    let w = window_length;
    // ndimage.convolve1d's alignment: out[i] = Σⱼ c[w−1−j] · x[i + j − (w−1)/2].
    let center = (w - 1) / 2;
    let mut out = x.to_owned();
    let mut buf = vec![0.0f64; n];
    for (src, mut dst) in x.lanes(Axis(ax)).into_iter().zip(out.lanes_mut(Axis(ax))) {
        for (b, v) in buf.iter_mut().zip(src.iter()) {
            *b = v.as_f64();
        }
        let sample = |i: isize| -> f64 { extend(&buf, i, options.mode) };
        for i in 0..n {
            let mut acc = 0.0;
            for j in 0..w {
                acc += coeffs[w - 1 - j] * sample(i as isize + j as isize - center as isize);
            }
            dst[i] = T::from_f64(acc);
        }
        if options.mode == SavgolMode::Interp {
            let half = w / 2;
            for (k, c) in edge_coeffs.iter().enumerate() {
                let (i, start) = if k < half { (k, 0) } else { (n - w + (w - half) + (k - half), n - w) };
                let v: f64 = c.iter().zip(&buf[start..start + w]).map(|(c, x)| c * x).sum();
                dst[i] = T::from_f64(v);
            }
        }
    }
    Ok(out)
}

/// The sample at (possibly out-of-range) index `i` under the extension `mode`.
fn extend(x: &[f64], i: isize, mode: SavgolMode) -> f64 {
    let n = x.len() as isize;
    if (0..n).contains(&i) {
        return x[i as usize];
    }
    match mode {
        SavgolMode::Constant(c) => c,
        SavgolMode::Nearest | SavgolMode::Interp => x[i.clamp(0, n - 1) as usize],
        SavgolMode::Wrap => x[i.rem_euclid(n) as usize],
        SavgolMode::Mirror => {
            if n == 1 {
                return x[0];
            }
            let period = 2 * (n - 1);
            let r = i.rem_euclid(period);
            x[(if r < n { r } else { period - r }) as usize]
        }
    }
}
