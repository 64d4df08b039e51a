//! Frequency bins, spectrum shifts and fast lengths: `fftfreq`, `rfftfreq`, `fftshift`,
//! `ifftshift`, `next_fast_len`.

use sci_core::ndarray::{Array, Array1, ArrayBase, Axis, Data, Dimension, Slice};
use sci_core::validate::normalize_axis;
use sci_core::{Error, Result};

fn check_freq_args(n: usize, d: f64) -> Result<f64> {
    if n == 0 {
        return Err(Error::invalid_argument("n", "must be at least 1"));
    }
    if !(d.is_finite() && d != 0.0) {
        return Err(Error::invalid_argument(
            "d",
            format!("must be a finite, nonzero sample spacing, got {d}"),
        ));
    }
    Ok(1.0 / (n as f64 * d))
}

/// Sample frequencies of an `n`-point [`fft`](super::fft) with sample spacing `d`
/// (`scipy.fft.fftfreq(n, d)`): `[0, 1, ..., ⌈n/2⌉-1, -⌊n/2⌋, ..., -1] / (n d)`.
///
/// ```
/// use sci_signal::fft::fftfreq;
/// let f = fftfreq(5, 0.1)?;
/// assert_eq!(f.to_vec(), vec![0.0, 2.0, 4.0, -4.0, -2.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `n == 0` (SciPy divides by zero) or `d` is zero or not finite.
pub fn fftfreq(n: usize, d: f64) -> Result<Array1<f64>> {
    let val = check_freq_args(n, d)?;
    let positive = (n - 1) / 2 + 1;
    Ok(Array1::from_shape_fn(n, |i| {
        let k = if i < positive { i as f64 } else { i as f64 - n as f64 };
        k * val
    }))
}

/// Sample frequencies of an `n`-point [`rfft`](super::rfft) (`scipy.fft.rfftfreq(n, d)`):
/// `[0, 1, ..., ⌊n/2⌋] / (n d)`.
///
/// ```
/// use sci_signal::fft::rfftfreq;
/// assert_eq!(rfftfreq(4, 1.0)?.to_vec(), vec![0.0, 0.25, 0.5]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftfreq`].
pub fn rfftfreq(n: usize, d: f64) -> Result<Array1<f64>> {
    let val = check_freq_args(n, d)?;
    Ok(Array1::from_shape_fn(n / 2 + 1, |i| i as f64 * val))
}

/// Rolls `a` by `shift` positions along `axis` (NumPy's `roll`), writing into a copy.
fn roll_into<T: Clone, D: Dimension>(a: &Array<T, D>, out: &mut Array<T, D>, axis: usize, shift: usize) {
    let n = a.len_of(Axis(axis));
    let s = if n == 0 { 0 } else { shift % n };
    out.slice_axis_mut(Axis(axis), Slice::from(s..)).assign(&a.slice_axis(Axis(axis), Slice::from(..n - s)));
    out.slice_axis_mut(Axis(axis), Slice::from(..s)).assign(&a.slice_axis(Axis(axis), Slice::from(n - s..)));
}

fn shift_axes<T, S, D>(x: &ArrayBase<S, D>, axes: &[usize], inverse: bool) -> Array<T, D>
where
    T: Clone,
    S: Data<Elem = T>,
    D: Dimension,
{
    let mut cur = x.to_owned();
    let mut tmp = cur.clone();
    for &ax in axes {
        let n = cur.len_of(Axis(ax));
        let shift = if inverse { n - n / 2 } else { n / 2 };
        roll_into(&cur, &mut tmp, ax, shift);
        std::mem::swap(&mut cur, &mut tmp);
    }
    cur
}

fn resolve_shift_axes(ndim: usize, axes: &[isize]) -> Result<Vec<usize>> {
    axes.iter().map(|&a| normalize_axis(a, ndim)).collect()
}

/// Moves the zero-frequency term to the centre of the spectrum, along every axis
/// (`scipy.fft.fftshift(x)`): a roll by `⌊n/2⌋`.
///
/// ```
/// use sci_signal::fft::{fftfreq, fftshift};
/// let f = fftshift(&fftfreq(5, 1.0)?);
/// assert_eq!(f.to_vec(), vec![-0.4, -0.2, 0.0, 0.2, 0.4]);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn fftshift<T, S, D>(x: &ArrayBase<S, D>) -> Array<T, D>
where
    T: Clone,
    S: Data<Elem = T>,
    D: Dimension,
{
    let axes: Vec<usize> = (0..x.ndim()).collect();
    shift_axes(x, &axes, false)
}

/// [`fftshift`] along the given axes only (SciPy's `axes=`).
///
/// ```
/// use sci_signal::fft::fftshift_axes;
/// use sci_core::ndarray::array;
/// let y = fftshift_axes(&array![[0, 1, 2], [3, 4, 5]], &[-1])?;
/// assert_eq!(y, array![[2, 0, 1], [5, 3, 4]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an axis out of range.
pub fn fftshift_axes<T, S, D>(x: &ArrayBase<S, D>, axes: &[isize]) -> Result<Array<T, D>>
where
    T: Clone,
    S: Data<Elem = T>,
    D: Dimension,
{
    Ok(shift_axes(x, &resolve_shift_axes(x.ndim(), axes)?, false))
}

/// The inverse of [`fftshift`] (`scipy.fft.ifftshift(x)`): a roll by `-⌊n/2⌋`; the two
/// differ for odd lengths.
///
/// ```
/// use sci_signal::fft::{fftshift, ifftshift};
/// use sci_core::ndarray::array;
/// let x = array![0, 1, 2, 3, 4];
/// assert_eq!(ifftshift(&fftshift(&x)), x);
/// assert_eq!(ifftshift(&x).to_vec(), vec![2, 3, 4, 0, 1]);
/// ```
pub fn ifftshift<T, S, D>(x: &ArrayBase<S, D>) -> Array<T, D>
where
    T: Clone,
    S: Data<Elem = T>,
    D: Dimension,
{
    let axes: Vec<usize> = (0..x.ndim()).collect();
    shift_axes(x, &axes, true)
}

/// [`ifftshift`] along the given axes only.
///
/// ```
/// use sci_signal::fft::ifftshift_axes;
/// use sci_core::ndarray::array;
/// let y = ifftshift_axes(&array![[0, 1, 2], [3, 4, 5]], &[0])?;
/// assert_eq!(y, array![[3, 4, 5], [0, 1, 2]]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an axis out of range.
pub fn ifftshift_axes<T, S, D>(x: &ArrayBase<S, D>, axes: &[isize]) -> Result<Array<T, D>>
where
    T: Clone,
    S: Data<Elem = T>,
    D: Dimension,
{
    Ok(shift_axes(x, &resolve_shift_axes(x.ndim(), axes)?, true))
}

/// The smallest length `>= target` that SciPy's FFT handles fastest
/// (`scipy.fft.next_fast_len(target, real)`): 5-smooth numbers (`2^a 3^b 5^c`) for real
/// transforms, 11-smooth numbers (also 7 and 11) for complex ones.
///
/// Zero-padding to such a length speeds up convolution by FFT. The search enumerates the
/// smooth numbers directly, `O(log³ target)` (`O(log⁵)` for complex).
///
/// ```
/// use sci_signal::fft::next_fast_len;
/// assert_eq!(next_fast_len(1000003, true)?, 1012500);
/// assert_eq!(next_fast_len(1000003, false)?, 1000188);
/// assert_eq!(next_fast_len(64, true)?, 64);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] if `target == 0` or the answer does not fit in `usize`.
pub fn next_fast_len(target: usize, real: bool) -> Result<usize> {
    if target == 0 {
        return Err(Error::invalid_argument("target", "must be a positive integer"));
    }
    if target <= 6 {
        return Ok(target);
    }
    let t = target as u128;
    // Smallest power of two >= t is always a candidate.
    let mut best = t.next_power_of_two();
    let odd_primes: &[u128] = if real { &[3, 5] } else { &[3, 5, 7, 11] };
    search(t, 1, odd_primes, &mut best);
    usize::try_from(best)
        .map_err(|_| Error::invalid_argument("target", format!("no fast length >= {target} fits in usize")))
}

/// Tries every product of powers of `primes` times `q`, completing it with the smallest
/// power of two that reaches `t`.
fn search(t: u128, q: u128, primes: &[u128], best: &mut u128) {
    let Some((&p, rest)) = primes.split_first() else {
        let m = if q >= t { q } else { q << (128 - ((t - 1) / q).leading_zeros()) };
        *best = (*best).min(m);
        return;
    };
    let mut q = q;
    loop {
        search(t, q, rest, best);
        if q >= t || q >= *best {
            break;
        }
        q *= p;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn smooth(mut m: usize, primes: &[usize]) -> bool {
        for &p in primes {
            while m.is_multiple_of(p) {
                m /= p;
            }
        }
        m == 1
    }

    #[test]
    fn next_fast_len_is_the_next_smooth_number() {
        for target in 1..3000usize {
            for (real, primes) in [(true, &[2usize, 3, 5][..]), (false, &[2, 3, 5, 7, 11][..])] {
                let got = next_fast_len(target, real).unwrap_or(0);
                let want = (target..).find(|&m| smooth(m, primes)).unwrap_or(0);
                assert_eq!(got, want, "target {target}, real {real}");
            }
        }
        assert!(next_fast_len(0, true).is_err());
        assert!(next_fast_len(usize::MAX, true).is_err());
    }
}
