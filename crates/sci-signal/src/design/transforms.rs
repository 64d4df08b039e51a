//! Frequency transforms of analog prototypes: `lp2lp_zpk`, `lp2hp_zpk`, `lp2bp_zpk`,
//! `lp2bs_zpk`, `bilinear_zpk`, and the NumPy-exact complex helpers they share.

use sci_core::ndarray::Array1;
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::Zpk;

fn relative_degree(z: &[Complex64], p: &[Complex64]) -> Result<usize> {
    p.len().checked_sub(z.len()).ok_or_else(|| {
        Error::invalid_argument("z", "improper transfer function: must have at least as many poles as zeros")
    })
}

/// Complex division as NumPy performs it (Smith's algorithm, real operands promoted to
/// complex). Its signed zeros decide which branch `sqrt` takes in the band transforms, so
/// matching them gives SciPy's pole order exactly.
pub(super) fn npdiv(a: Complex64, b: Complex64) -> Complex64 {
    if b.re.abs() >= b.im.abs() {
        if b.re == 0.0 && b.im == 0.0 {
            return Complex64::new(a.re / b.re.abs(), a.im / b.re.abs());
        }
        let rat = b.im / b.re;
        let scl = 1.0 / (b.re + b.im * rat);
        Complex64::new((a.re + a.im * rat) * scl, (a.im - a.re * rat) * scl)
    } else {
        let rat = b.re / b.im;
        let scl = 1.0 / (b.im + b.re * rat);
        Complex64::new((a.re * rat + a.im) * scl, (a.im * rat - a.re) * scl)
    }
}

/// Complex multiplication as NumPy performs `complex * float`: the float is promoted to
/// `(f, +0)` and the full product formed, which can turn `-0` parts into `+0`.
fn npmul(a: Complex64, b: Complex64) -> Complex64 {
    Complex64::new(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

pub(super) fn real(x: f64) -> Complex64 {
    Complex64::new(x, 0.0)
}

pub(super) fn prod(v: &[Complex64]) -> Complex64 {
    v.iter().fold(Complex64::new(1.0, 0.0), |acc, &x| acc * x)
}

/// Lowpass prototype to lowpass with cutoff `wo` rad/s (`scipy.signal.lp2lp_zpk`).
///
/// ```
/// let z = sci_signal::lp2lp_zpk(&sci_signal::buttap(1), 2.0)?;
/// assert_eq!((z.p[0].re, z.k), (-2.0, 2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if there are more zeros than poles.
pub fn lp2lp_zpk(f: &Zpk, wo: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    Ok(Zpk { z: f.z.mapv(|v| v * wo), p: f.p.mapv(|v| v * wo), k: f.k * wo.powi(degree as i32) })
}

/// Lowpass prototype to highpass with cutoff `wo` rad/s (`scipy.signal.lp2hp_zpk`).
///
/// ```
/// let z = sci_signal::lp2hp_zpk(&sci_signal::buttap(1), 2.0)?;
/// assert_eq!((z.z[0].re, z.p[0].re), (0.0, -2.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`].
pub fn lp2hp_zpk(f: &Zpk, wo: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    let mut zh: Vec<Complex64> = z.iter().map(|&v| npdiv(real(wo), v)).collect();
    let ph: Vec<Complex64> = p.iter().map(|&v| npdiv(real(wo), v)).collect();
    zh.extend(std::iter::repeat_n(Complex64::new(0.0, 0.0), degree));
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let k = f.k * npdiv(prod(&neg(&z)), prod(&neg(&p))).re;
    Ok(Zpk { z: Array1::from(zh), p: Array1::from(ph), k })
}

fn band_split(v: &[Complex64], wo: f64) -> Vec<Complex64> {
    let mut out: Vec<Complex64> = v.iter().map(|&x| x + (x * x - wo * wo).sqrt()).collect();
    out.extend(v.iter().map(|&x| x - (x * x - wo * wo).sqrt()));
    out
}

/// Lowpass prototype to bandpass with centre `wo` and width `bw` rad/s
/// (`scipy.signal.lp2bp_zpk`).
///
/// ```
/// let z = sci_signal::lp2bp_zpk(&sci_signal::buttap(2), 1.0, 0.5)?;
/// assert_eq!((z.z.len(), z.p.len()), (2, 4));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`].
pub fn lp2bp_zpk(f: &Zpk, wo: f64, bw: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    // `v * bw / 2` as NumPy evaluates it (full complex product and Smith division): the
    // signs of zero parts decide SciPy's branch of the square root below.
    let zl: Vec<Complex64> = z.iter().map(|&v| npdiv(npmul(v, real(bw)), real(2.0))).collect();
    let pl: Vec<Complex64> = p.iter().map(|&v| npdiv(npmul(v, real(bw)), real(2.0))).collect();
    let mut zb = band_split(&zl, wo);
    zb.extend(std::iter::repeat_n(Complex64::new(0.0, 0.0), degree));
    Ok(Zpk { z: Array1::from(zb), p: Array1::from(band_split(&pl, wo)), k: f.k * bw.powi(degree as i32) })
}

/// Lowpass prototype to bandstop with centre `wo` and width `bw` rad/s
/// (`scipy.signal.lp2bs_zpk`).
///
/// ```
/// let z = sci_signal::lp2bs_zpk(&sci_signal::buttap(2), 1.0, 0.5)?;
/// assert_eq!((z.z.len(), z.p.len()), (4, 4));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`].
pub fn lp2bs_zpk(f: &Zpk, wo: f64, bw: f64) -> Result<Zpk> {
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    let zh: Vec<Complex64> = z.iter().map(|&v| npdiv(real(bw / 2.0), v)).collect();
    let ph: Vec<Complex64> = p.iter().map(|&v| npdiv(real(bw / 2.0), v)).collect();
    let mut zb = band_split(&zh, wo);
    zb.extend(std::iter::repeat_n(Complex64::new(0.0, wo), degree));
    zb.extend(std::iter::repeat_n(Complex64::new(0.0, -wo), degree));
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let k = f.k * npdiv(prod(&neg(&z)), prod(&neg(&p))).re;
    Ok(Zpk { z: Array1::from(zb), p: Array1::from(band_split(&ph, wo)), k })
}

/// Bilinear transform of an analog filter to a digital one at sampling rate `fs`
/// (`scipy.signal.bilinear_zpk`): `z = (2fs + s) / (2fs - s)`.
///
/// ```
/// let d = sci_signal::bilinear_zpk(&sci_signal::buttap(1), 2.0)?;
/// assert_eq!(d.z[0].re, -1.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`lp2lp_zpk`], and [`Error::InvalidArgument`] unless `fs` is finite and positive.
pub fn bilinear_zpk(f: &Zpk, fs: f64) -> Result<Zpk> {
    sci_core::validate::check_positive("fs", fs)?;
    let (z, p) = (f.z.to_vec(), f.p.to_vec());
    let degree = relative_degree(&z, &p)?;
    let fs2 = 2.0 * fs;
    let mut zz: Vec<Complex64> = z.iter().map(|&v| npdiv(fs2 + v, fs2 - v)).collect();
    let pz: Vec<Complex64> = p.iter().map(|&v| npdiv(fs2 + v, fs2 - v)).collect();
    zz.extend(std::iter::repeat_n(Complex64::new(-1.0, 0.0), degree));
    let num = prod(&z.iter().map(|&v| fs2 - v).collect::<Vec<_>>());
    let den = prod(&p.iter().map(|&v| fs2 - v).collect::<Vec<_>>());
    Ok(Zpk { z: Array1::from(zz), p: Array1::from(pz), k: f.k * npdiv(num, den).re })
}
