//! Classical analog lowpass prototypes: `buttap`, `cheb1ap`, `cheb2ap`.

use std::f64::consts::PI;

use sci_core::ndarray::Array1;
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::Zpk;
use super::transforms::{npdiv, prod, real};

/// Analog Butterworth lowpass prototype of order `n` (`scipy.signal.buttap(n)`): no zeros,
/// poles evenly spaced on the left half of the unit circle, gain 1.
///
/// ```
/// let z = sci_signal::buttap(3);
/// assert_eq!(z.p.len(), 3);
/// assert!(z.p.iter().all(|p| (p.norm() - 1.0).abs() < 1e-15 && p.re < 0.0));
/// ```
pub fn buttap(n: usize) -> Zpk {
    let p = (0..n)
        .map(|i| {
            let m = -(n as f64) + 1.0 + 2.0 * i as f64;
            -Complex64::new(0.0, PI * m / (2.0 * n as f64)).exp()
        })
        .collect();
    Zpk { z: Array1::from(Vec::<Complex64>::new()), p, k: 1.0 }
}

pub(super) fn check_db(name: &str, v: f64) -> Result<()> {
    if v.is_finite() && v > 0.0 {
        Ok(())
    } else {
        Err(Error::invalid_argument(name, format!("must be a finite number of decibels > 0, got {v}")))
    }
}

/// Analog Chebyshev type I lowpass prototype of order `n` with `rp` dB of pass-band ripple
/// (`scipy.signal.cheb1ap(n, rp)`): poles `-sinh(μ + iθ_m)` with `μ = asinh(1/ε)/n`,
/// `ε = √(10^(rp/10) - 1)`; the gain makes the peak pass-band gain 1.
///
/// ```
/// let f = sci_signal::cheb1ap(4, 1.0)?;
/// assert_eq!((f.z.len(), f.p.len()), (0, 4));
/// assert!(f.p.iter().all(|p| p.re < 0.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `rp` is finite and positive.
pub fn cheb1ap(n: usize, rp: f64) -> Result<Zpk> {
    check_db("rp", rp)?;
    if n == 0 {
        return Ok(Zpk { z: Array1::from(vec![]), p: Array1::from(vec![]), k: 10f64.powf(-rp / 20.0) });
    }
    let eps = (10f64.powf(0.1 * rp) - 1.0).sqrt();
    let mu = 1.0 / n as f64 * (1.0 / eps).asinh();
    let p: Vec<Complex64> = (0..n)
        .map(|i| {
            let m = -(n as f64) + 1.0 + 2.0 * i as f64;
            let theta = PI * m / (2.0 * n as f64);
            -Complex64::new(mu, theta).sinh()
        })
        .collect();
    let mut k = prod(&p.iter().map(|&v| -v).collect::<Vec<_>>()).re;
    if n.is_multiple_of(2) {
        k /= (1.0 + eps * eps).sqrt();
    }
    Ok(Zpk { z: Array1::from(vec![]), p: Array1::from(p), k })
}

/// Analog Chebyshev type II lowpass prototype of order `n` with the stop band `rs` dB down
/// (`scipy.signal.cheb2ap(n, rs)`), normalized so the stop band starts at 1 rad/s.
///
/// ```
/// let f = sci_signal::cheb2ap(3, 40.0)?;
/// assert_eq!((f.z.len(), f.p.len()), (2, 3));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] unless `rs` is finite and positive.
pub fn cheb2ap(n: usize, rs: f64) -> Result<Zpk> {
    check_db("rs", rs)?;
    if n == 0 {
        return Ok(Zpk { z: Array1::from(vec![]), p: Array1::from(vec![]), k: 1.0 });
    }
    let nf = n as f64;
    let de = 1.0 / (10f64.powf(0.1 * rs) - 1.0).sqrt();
    let mu = (1.0 / de).asinh() / nf;
    let ms: Vec<f64> =
        (0..n).map(|i| -nf + 1.0 + 2.0 * i as f64).filter(|&m| n.is_multiple_of(2) || m != 0.0).collect();
    let z: Vec<Complex64> =
        ms.iter().map(|&m| npdiv(Complex64::new(0.0, 1.0), real((m * PI / (2.0 * nf)).sin()))).collect();
    let p: Vec<Complex64> = (0..n)
        .map(|i| {
            let m = -nf + 1.0 + 2.0 * i as f64;
            let theta = PI * m / (2.0 * nf);
            npdiv(real(-1.0), Complex64::new(mu, theta).sinh())
        })
        .collect();
    let neg = |v: &[Complex64]| v.iter().map(|&x| -x).collect::<Vec<_>>();
    let k = npdiv(prod(&neg(&p)), prod(&neg(&z))).re;
    Ok(Zpk { z: Array1::from(z), p: Array1::from(p), k })
}
