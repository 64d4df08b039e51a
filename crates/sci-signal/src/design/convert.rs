//! Filter representations: `zpk2tf`, `tf2zpk`, `zpk2sos`, `tf2sos`, `sos2tf`.

use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};
use sci_core::num_complex::Complex64;
use sci_core::{Error, Result};

use super::{Ba, Pairing, SosOptions, Zpk};
use crate::poly::{poly, roots};

/// Real coefficients of `Π(x - r)` for roots closed under conjugation.
fn real_poly(r: &[Complex64], what: &str) -> Result<Array1<f64>> {
    let c = poly(r);
    let scale = c.iter().fold(0.0f64, |m, v| m.max(v.norm()));
    if c.iter().any(|v| v.im.abs() > 1e-9 * scale.max(1.0)) {
        return Err(Error::Unsupported(format!(
            "{what} are not closed under complex conjugation, so the polynomial has complex coefficients"
        )));
    }
    Ok(c.iter().map(|v| v.re).collect())
}

/// Zeros, poles and gain to transfer-function coefficients (`scipy.signal.zpk2tf`):
/// `b = k · poly(z)`, `a = poly(p)`.
///
/// ```
/// use sci_signal::{zpk2tf, Zpk};
/// use sci_core::{ndarray::array, num_complex::Complex64};
/// let f = Zpk { z: array![Complex64::new(-1.0, 0.0)], p: array![Complex64::new(0.5, 0.0)], k: 2.0 };
/// let ba = zpk2tf(&f)?;
/// assert_eq!((ba.b.to_vec(), ba.a.to_vec()), (vec![2.0, 2.0], vec![1.0, -0.5]));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Unsupported`] when the zeros or poles are not in conjugate pairs (SciPy then
/// returns complex coefficients).
pub fn zpk2tf(f: &Zpk) -> Result<Ba> {
    let b = real_poly(&f.z.to_vec(), "zeros")? * f.k;
    let a = real_poly(&f.p.to_vec(), "poles")?;
    Ok(Ba { b, a })
}

/// Transfer-function coefficients to zeros, poles and gain (`scipy.signal.tf2zpk(b, a)`).
///
/// Roots come from an Aberth–Ehrlich iteration (see the crate's `poly` module); their order
/// may differ from NumPy's eigenvalue order. Repeated roots (e.g. the `(1 + z⁻¹)^N`
/// numerator of a Butterworth filter) are found only to about `eps^(1/multiplicity)`, as
/// with NumPy: prefer [`iirfilter_zpk`](crate::iirfilter_zpk) or second-order sections for high orders.
///
/// ```
/// use sci_signal::tf2zpk;
/// use sci_core::ndarray::array;
/// let f = tf2zpk(&array![2.0, 2.0], &array![1.0, -0.5])?;
/// assert!((f.z[0].re + 1.0).abs() < 1e-15 && (f.p[0].re - 0.5).abs() < 1e-15 && f.k == 2.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for empty inputs, [`Error::InvalidArgument`] if `a` or `b` is all zeros.
pub fn tf2zpk<S1, S2>(b: &ArrayBase<S1, Ix1>, a: &ArrayBase<S2, Ix1>) -> Result<Zpk>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let (b, a) = normalize_tf(b.to_vec(), a.to_vec())?;
    let k = b[0];
    let bn: Vec<f64> = b.iter().map(|&v| v / k).collect();
    Ok(Zpk { z: Array1::from(roots(&bn)?), p: Array1::from(roots(&a)?), k })
}

/// SciPy's `normalize`: strip leading zeros of `a` (and of `b`), divide by `a[0]`.
fn normalize_tf(b: Vec<f64>, a: Vec<f64>) -> Result<(Vec<f64>, Vec<f64>)> {
    if b.is_empty() {
        return Err(Error::empty("b"));
    }
    if a.is_empty() {
        return Err(Error::empty("a"));
    }
    let Some(fa) = a.iter().position(|&v| v != 0.0) else {
        return Err(Error::invalid_argument("a", "denominator polynomial must be nonzero"));
    };
    let Some(fb) = b.iter().position(|&v| v != 0.0) else {
        return Err(Error::invalid_argument("b", "numerator polynomial must be nonzero"));
    };
    let a0 = a[fa];
    Ok((b[fb..].iter().map(|&v| v / a0).collect(), a[fa..].iter().map(|&v| v / a0).collect()))
}

/// SciPy's `_cplxreal`: conjugate pairs (one representative with positive imaginary part,
/// averaged) and real values, each sorted as SciPy sorts them.
fn cplxreal(v: &[Complex64]) -> Result<(Vec<Complex64>, Vec<Complex64>)> {
    let tol = 100.0 * f64::EPSILON;
    let mut z = v.to_vec();
    z.sort_by(|a, b| a.re.total_cmp(&b.re).then(a.im.abs().total_cmp(&b.im.abs())));
    let (reals, cplx): (Vec<Complex64>, Vec<Complex64>) =
        z.into_iter().partition(|c| c.im.abs() <= tol * c.norm());
    let zr: Vec<Complex64> = reals.iter().map(|c| Complex64::new(c.re, 0.0)).collect();
    let mut zp: Vec<Complex64> = cplx.iter().copied().filter(|c| c.im > 0.0).collect();
    let mut zn: Vec<Complex64> = cplx.iter().copied().filter(|c| c.im < 0.0).collect();
    let unmatched =
        || Error::invalid_argument("z", "array contains a complex value with no matching conjugate");
    if zp.len() != zn.len() {
        return Err(unmatched());
    }
    // Within runs of (nearly) equal real parts, order by |imag|.
    let mut start = 0;
    while start < zp.len() {
        let mut stop = start + 1;
        while stop < zp.len() && zp[stop].re - zp[stop - 1].re <= tol * zp[stop - 1].norm() {
            stop += 1;
        }
        zp[start..stop].sort_by(|a, b| a.im.abs().total_cmp(&b.im.abs()));
        zn[start..stop].sort_by(|a, b| a.im.abs().total_cmp(&b.im.abs()));
        start = stop;
    }
    if zp.iter().zip(&zn).any(|(p, n)| (p - n.conj()).norm() > tol * n.norm()) {
        return Err(unmatched());
    }
    let zc = zp.iter().zip(&zn).map(|(p, n)| (p + n.conj()) / 2.0).collect();
    Ok((zc, zr))
}

fn is_real(c: Complex64) -> bool {
    c.im == 0.0
}

/// Index of the element of `from` nearest to `to` that is real / complex / anything.
fn nearest_idx(from: &[Complex64], to: Complex64, which: u8) -> Option<usize> {
    let mut order: Vec<usize> = (0..from.len()).collect();
    order.sort_by(|&i, &j| (from[i] - to).norm().total_cmp(&(from[j] - to).norm()));
    order.into_iter().find(|&i| match which {
        b'r' => is_real(from[i]),
        b'c' => !is_real(from[i]),
        _ => true,
    })
}

fn single_section(z: &[Complex64], p: &[Complex64]) -> Result<[f64; 6]> {
    let b = real_poly(z, "zeros")?;
    let a = real_poly(p, "poles")?;
    let mut s = [0.0; 6];
    for (i, &v) in b.iter().enumerate() {
        s[3 - b.len() + i] = v;
    }
    for (i, &v) in a.iter().enumerate() {
        s[6 - a.len() + i] = v;
    }
    Ok(s)
}

fn take(v: &mut Vec<Complex64>, i: usize) -> Complex64 {
    v.remove(i)
}

/// Zeros, poles and gain to second-order sections (`scipy.signal.zpk2sos`), with SciPy's
/// pairing algorithm: poles nearest the unit circle (imaginary axis, if analog) go last,
/// each paired with its nearest zeros; the gain goes into the first section.
///
/// ```
/// use sci_signal::{butter_zpk, zpk2sos, IirOptions, SosOptions};
/// let sos = zpk2sos(&butter_zpk(4, &[0.25], &IirOptions::default())?, &SosOptions::default())?;
/// assert_eq!(sos.dim(), (2, 6));
/// assert!(sos.column(3).iter().all(|&a0| a0 == 1.0));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for unmatched complex values, a pairing other than minimal
/// for analog systems, or more zeros than poles with minimal pairing.
pub fn zpk2sos(f: &Zpk, opts: &SosOptions) -> Result<Array2<f64>> {
    let pairing = opts.pairing.unwrap_or(if opts.analog { Pairing::Minimal } else { Pairing::Nearest });
    if opts.analog && pairing != Pairing::Minimal {
        return Err(Error::invalid_argument(
            "pairing",
            "for analog zpk2sos conversion, pairing must be minimal",
        ));
    }
    let (mut z, mut p) = (f.z.to_vec(), f.p.to_vec());
    if z.is_empty() && p.is_empty() {
        let row = if opts.analog { [0.0, 0.0, f.k, 0.0, 0.0, 1.0] } else { [f.k, 0.0, 0.0, 1.0, 0.0, 0.0] };
        return Ok(Array2::from_shape_vec((1, 6), row.to_vec())?);
    }
    let zero = Complex64::new(0.0, 0.0);
    let n_sections;
    if pairing != Pairing::Minimal {
        let (lz, lp) = (z.len(), p.len());
        p.extend(std::iter::repeat_n(zero, lz.saturating_sub(lp)));
        z.extend(std::iter::repeat_n(zero, lp.saturating_sub(lz)));
        n_sections = p.len().max(z.len()).div_ceil(2);
        if p.len() % 2 == 1 && pairing == Pairing::Nearest {
            p.push(zero);
            z.push(zero);
        }
    } else {
        if p.len() < z.len() {
            return Err(Error::invalid_argument(
                "z",
                "for analog zpk2sos conversion, must have len(p) >= len(z)",
            ));
        }
        n_sections = p.len().div_ceil(2);
    }
    let (zc, zr) = cplxreal(&z)?;
    let (pc, pr) = cplxreal(&p)?;
    let mut z: Vec<Complex64> = zc.into_iter().chain(zr).collect();
    let mut p: Vec<Complex64> = pc.into_iter().chain(pr).collect();
    let analog = opts.analog;
    let badness = |c: &Complex64| if analog { c.re.abs() } else { (1.0 - c.norm()).abs() };
    let idx_worst = |v: &[Complex64]| -> usize {
        let mut best = 0;
        for i in 1..v.len() {
            if badness(&v[i]) < badness(&v[best]) {
                best = i;
            }
        }
        best
    };
    let mut sos = Array2::<f64>::zeros((n_sections, 6));
    let missing = || Error::invalid_argument("z", "could not pair the zeros with the poles");
    for si in (0..n_sections).rev() {
        if p.is_empty() {
            return Err(missing());
        }
        let worst = idx_worst(&p);
        let p1 = take(&mut p, worst);
        let n_real_p = p.iter().filter(|c| is_real(**c)).count();
        let n_real_z = z.iter().filter(|c| is_real(**c)).count();
        let row = if is_real(p1) && n_real_p == 0 {
            if pairing != Pairing::Minimal {
                let zi = nearest_idx(&z, p1, b'r').ok_or_else(missing)?;
                let z1 = take(&mut z, zi);
                single_section(&[z1, zero], &[p1, zero])?
            } else if !z.is_empty() {
                let zi = nearest_idx(&z, p1, b'r').ok_or_else(missing)?;
                let z1 = take(&mut z, zi);
                single_section(&[z1], &[p1])?
            } else {
                single_section(&[], &[p1])?
            }
        } else if p.len() + 1 == z.len() && !is_real(p1) && n_real_p == 1 && n_real_z == 1 {
            let zi = nearest_idx(&z, p1, b'c').ok_or_else(missing)?;
            let z1 = take(&mut z, zi);
            single_section(&[z1, z1.conj()], &[p1, p1.conj()])?
        } else {
            let p2 = if is_real(p1) {
                let reals: Vec<usize> = (0..p.len()).filter(|&i| is_real(p[i])).collect();
                let sub: Vec<Complex64> = reals.iter().map(|&i| p[i]).collect();
                take(&mut p, reals[idx_worst(&sub)])
            } else {
                p1.conj()
            };
            if !z.is_empty() {
                let zi = nearest_idx(&z, p1, b'a').ok_or_else(missing)?;
                let z1 = take(&mut z, zi);
                if !is_real(z1) {
                    single_section(&[z1, z1.conj()], &[p1, p2])?
                } else if !z.is_empty() {
                    let zi2 = nearest_idx(&z, p1, b'r').ok_or_else(missing)?;
                    let z2 = take(&mut z, zi2);
                    single_section(&[z1, z2], &[p1, p2])?
                } else {
                    single_section(&[z1], &[p1, p2])?
                }
            } else {
                single_section(&[], &[p1, p2])?
            }
        };
        sos.row_mut(si).assign(&Array1::from(row.to_vec()));
    }
    for j in 0..3 {
        sos[[0, j]] *= f.k;
    }
    Ok(sos)
}

/// Transfer function to second-order sections (`scipy.signal.tf2sos(b, a)`): [`tf2zpk`]
/// then [`zpk2sos`].
///
/// ```
/// use sci_signal::{tf2sos, SosOptions};
/// use sci_core::ndarray::array;
/// let sos = tf2sos(&array![1.0, 3.0, 2.0], &array![1.0, 0.0, -0.25], &SosOptions::default())?;
/// assert_eq!(sos.dim(), (1, 6));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`tf2zpk`] and [`zpk2sos`].
pub fn tf2sos<S1, S2>(
    b: &ArrayBase<S1, Ix1>,
    a: &ArrayBase<S2, Ix1>,
    opts: &SosOptions,
) -> Result<Array2<f64>>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    zpk2sos(&tf2zpk(b, a)?, opts)
}

/// SciPy's `_validate_sos`: `sos` must be `n × 6` with `n ≥ 1`.
pub(super) fn check_sos<S: Data<Elem = f64>>(sos: &ArrayBase<S, Ix2>) -> Result<()> {
    let (n, m) = sos.dim();
    if m != 6 {
        return Err(Error::shape_mismatch("sos", "shape (n_sections, 6)", format!("{n}x{m}")));
    }
    if n == 0 {
        return Err(Error::empty("sos"));
    }
    Ok(())
}

/// Second-order sections to transfer-function coefficients (`scipy.signal.sos2tf(sos)`):
/// the product of the sections' numerators and denominators.
///
/// ```
/// use sci_signal::sos2tf;
/// use sci_core::ndarray::array;
/// let ba = sos2tf(&array![[1.0, 1.0, 0.0, 1.0, -0.5, 0.0], [1.0, 0.0, 0.0, 1.0, 0.5, 0.0]])?;
/// assert_eq!(ba.a.to_vec(), vec![1.0, 0.0, -0.25, 0.0, 0.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::ShapeMismatch`] unless `sos` is `n × 6`, [`Error::Empty`] for no sections.
pub fn sos2tf<S>(sos: &ArrayBase<S, Ix2>) -> Result<Ba>
where
    S: Data<Elem = f64>,
{
    check_sos(sos)?;
    let mut b = vec![1.0];
    let mut a = vec![1.0];
    let mul = |x: &[f64], y: &[f64]| {
        let mut out = vec![0.0; x.len() + y.len() - 1];
        for (i, &u) in x.iter().enumerate() {
            for (j, &v) in y.iter().enumerate() {
                out[i + j] += u * v;
            }
        }
        out
    };
    for row in sos.outer_iter() {
        b = mul(&b, &[row[0], row[1], row[2]]);
        a = mul(&a, &[row[3], row[4], row[5]]);
    }
    Ok(Ba { b: Array1::from(b), a: Array1::from(a) })
}
