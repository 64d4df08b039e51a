//! The Shapiro-Wilk test of normality (`scipy.stats.shapiro`), by Royston's algorithm
//! AS R94 (1995).

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Nan, NanPolicy, TestResult, nan_state, sort, values};

/// Coefficients of the polynomial in `1/√n` correcting the largest coefficient `a_n`.
const C1: [f64; 6] = [0.0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
/// The same for `a_{n−1}`.
const C2: [f64; 6] = [0.0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
/// Mean of the normalizing transformation for `4 ≤ n ≤ 11`, polynomial in `n`.
const C3: [f64; 4] = [0.544, -0.39978, 0.025054, -6.714e-4];
/// Log standard deviation for `4 ≤ n ≤ 11`, polynomial in `n`.
const C4: [f64; 4] = [1.3822, -0.77857, 0.062767, -0.0020322];
/// Mean for `n ≥ 12`, polynomial in `ln n`.
const C5: [f64; 4] = [-1.5861, -0.31082, -0.083751, 0.0038915];
/// Log standard deviation for `n ≥ 12`, polynomial in `ln n`.
const C6: [f64; 3] = [-0.4803, -0.082676, 0.0030302];
/// The bound `γ(n)` of `ln(1 − W)` for `4 ≤ n ≤ 11`, polynomial in `n`.
const G: [f64; 2] = [-2.273, 0.459];
/// Range below which the sample counts as constant, and the p-value reported when `ln(1 − W)`
/// reaches `γ(n)` (both as in AS R94).
const SMALL: f64 = 1e-19;

/// `c₀ + c₁x + c₂x² + …` by Horner's rule.
fn poly(c: &[f64], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &ci| acc * x + ci)
}

/// The Shapiro-Wilk test that `x` comes from a normal distribution (`scipy.stats.shapiro`).
///
/// `W = (Σ aᵢ x₍ᵢ₎)² / Σ (xᵢ − x̄)²` with the coefficients `aᵢ` of Royston's approximation:
/// `mᵢ = Φ⁻¹((i − 3/8)/(n + 1/4))`, the two extreme coefficients from polynomials in `1/√n`,
/// the others `mᵢ` rescaled so that `Σ aᵢ² = 1`. The p-value transforms `ln(1 − W)` to an
/// approximately standard normal variable (for `4 ≤ n ≤ 11` after `−ln(γ − ln(1 − W))`),
/// with mean and standard deviation polynomials in `n` or `ln n`; for `n = 3` it is exact,
/// `1 − (6/π) acos(√W)`. O(n log n) (the sort).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![148.0, 154.0, 158.0, 160.0, 161.0, 162.0, 166.0, 170.0, 182.0, 195.0, 236.0];
/// let r = sci_stats::shapiro(&x)?;
/// assert!((r.statistic - 0.7888146948631716).abs() < 1e-12);
/// assert!((r.pvalue - 0.006703814061898823).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for no data, [`Error::InvalidArgument`] for fewer than 3 values (after
/// omitting NaN); [`Error::NonFinite`] for NaN under [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// As the published algorithm and SciPy, the normal quantiles come from AS 111 (`PPND`,
/// about 7 digits) and the tail area from AS 66 (`ALNORM`), so that `W` and the p-value
/// agree with SciPy to rounding; a more accurate `Φ⁻¹` would change `W` in the 8th digit.
/// SciPy returns NaN (with a warning) for fewer than 3 values; here it is an error. A sample
/// whose range is below 1e-19 (in particular a constant one) gives `W = 1, p = 1`, as SciPy
/// (which warns). A sample with an infinite value gives NaN for both (SciPy: `W` NaN and
/// `p = 1`). Above 5000 values the p-value is computed but may be inaccurate (SciPy warns).
pub fn shapiro<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>) -> Result<TestResult> {
    shapiro_with(x, NanPolicy::Propagate)
}

/// [`shapiro`] with SciPy's `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{shapiro_with, NanPolicy};
/// let x = array![2.0, f64::NAN, 3.5, 1.0, 7.0];
/// assert!(shapiro_with(&x, NanPolicy::Propagate)?.statistic.is_nan());
/// let r = shapiro_with(&x, NanPolicy::Omit)?;
/// assert!(r.statistic > 0.8 && r.pvalue > 0.1);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`shapiro`].
pub fn shapiro_with<S: Data<Elem = f64>>(x: &ArrayBase<S, Ix1>, nan_policy: NanPolicy) -> Result<TestResult> {
    const NAN: TestResult = TestResult { statistic: f64::NAN, pvalue: f64::NAN };
    let omit = match nan_state("x", x, nan_policy)? {
        Nan::Propagate => return Ok(NAN),
        Nan::Clean { omit } => omit,
    };
    let mut y = values(x, omit);
    let n = y.len();
    if n == 0 {
        return Err(Error::empty("x"));
    }
    if n < 3 {
        return Err(Error::InvalidArgument {
            name: "x".into(),
            reason: format!("the Shapiro-Wilk test needs at least 3 observations, got {n}"),
        });
    }
    if y.iter().any(|v| v.is_infinite()) {
        return Ok(NAN);
    }
    // Centre on a middle value of the input (as SciPy) before sorting: this keeps the
    // scaled values small without a pass for the mean.
    let shift = y[n / 2];
    y.iter_mut().for_each(|v| *v -= shift);
    sort(&mut y);
    let a = coefficients(n);
    let Some(w1) = one_minus_w(&y, &a) else {
        return Ok(TestResult { statistic: 1.0, pvalue: 1.0 });
    };
    let w = 1.0 - w1;
    if n == 3 {
        // W ≥ 3/4 in exact arithmetic; rounding below it is clamped, as SciPy.
        if w < 0.75 {
            return Ok(TestResult { statistic: 0.75, pvalue: 0.0 });
        }
        let p = 1.0 - 6.0 / std::f64::consts::PI * w.sqrt().acos();
        return Ok(TestResult { statistic: w, pvalue: p });
    }
    Ok(TestResult { statistic: w, pvalue: pvalue(n, w1) })
}

/// The coefficients `a₁ > a₂ > … > a_{⌊n/2⌋} > 0` of the upper order statistics (the lower
/// ones have the opposite sign).
fn coefficients(n: usize) -> Vec<f64> {
    let half = n / 2;
    if n == 3 {
        return vec![std::f64::consts::FRAC_1_SQRT_2];
    }
    let nf = n as f64;
    // Royston's approximation of the expected normal order statistics (negative: the lower
    // half).
    let m: Vec<f64> = (0..half).map(|i| ppnd((i as f64 + 1.0 - 0.375) / (nf + 0.25))).collect();
    let summ2 = 2.0 * m.iter().fold(0.0, |s, v| s + v * v);
    let ssumm2 = summ2.sqrt();
    let rsn = 1.0 / nf.sqrt();
    let a1 = poly(&C1, rsn) - m[0] / ssumm2;
    let mut a = vec![0.0; half];
    a[0] = a1;
    let (first, fac) = if n > 5 {
        let a2 = -m[1] / ssumm2 + poly(&C2, rsn);
        a[1] = a2;
        let fac =
            ((summ2 - 2.0 * m[0] * m[0] - 2.0 * m[1] * m[1]) / (1.0 - 2.0 * a1 * a1 - 2.0 * a2 * a2)).sqrt();
        (2, fac)
    } else {
        (1, ((summ2 - 2.0 * m[0] * m[0]) / (1.0 - 2.0 * a1 * a1)).sqrt())
    };
    for i in first..half {
        a[i] = -m[i] / fac;
    }
    a
}

/// `1 − W` for the sorted sample `y`, computed as `(√(SSa·SSx) − Sax)(√(SSa·SSx) + Sax) /
/// (SSa·SSx)` on the sample scaled by its range, which keeps its relative accuracy when `W`
/// is close to 1. `None` when the range is below [`SMALL`].
fn one_minus_w(y: &[f64], a: &[f64]) -> Option<f64> {
    let n = y.len();
    let range = y[n - 1] - y[0];
    if range < SMALL {
        return None;
    }
    // The signed coefficient of the i-th smallest value.
    let coef = |i: usize| {
        let j = n - 1 - i;
        match i.cmp(&j) {
            std::cmp::Ordering::Less => -a[i],
            std::cmp::Ordering::Greater => a[j],
            std::cmp::Ordering::Equal => 0.0,
        }
    };
    let nf = n as f64;
    let mean_a = (0..n).fold(0.0, |s, i| s + coef(i)) / nf;
    let mean_x = y.iter().fold(0.0, |s, v| s + v / range) / nf;
    let (mut ssa, mut ssx, mut sax) = (0.0, 0.0, 0.0);
    for (i, &v) in y.iter().enumerate() {
        let da = coef(i) - mean_a;
        let dx = v / range - mean_x;
        ssa += da * da;
        ssx += dx * dx;
        sax += da * dx;
    }
    let r = (ssa * ssx).sqrt();
    Some((r - sax) * (r + sax) / (ssa * ssx))
}

/// Royston's p-value for `n ≥ 4` from `1 − W`.
fn pvalue(n: usize, w1: f64) -> f64 {
    let nf = n as f64;
    let mut y = w1.ln();
    let (mean, sd) = if n <= 11 {
        let gamma = poly(&G, nf);
        if y >= gamma {
            return SMALL;
        }
        y = -(gamma - y).ln();
        (poly(&C3, nf), poly(&C4, nf).exp())
    } else {
        let ln_n = nf.ln();
        (poly(&C5, ln_n), poly(&C6, ln_n).exp())
    };
    alnorm_upper((y - mean) / sd)
}

/// Wichura's AS 111 approximation of the normal quantile (`PPND`, about 7 digits), which
/// AS R94 uses for the order-statistic scores.
fn ppnd(p: f64) -> f64 {
    const A: [f64; 4] = [2.50662823884, -18.61500062529, 41.39119773534, -25.44106049637];
    const B: [f64; 5] = [1.0, -8.47351093090, 23.08336743743, -21.06224101826, 3.13082909833];
    const C: [f64; 4] = [-2.78718931138, -2.29796479134, 4.85014127135, 2.32121276858];
    const D: [f64; 3] = [1.0, 3.54388924762, 1.63706781897];
    let q = p - 0.5;
    if q.abs() <= 0.42 {
        let r = q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let tail = if q > 0.0 { 1.0 - p } else { p };
    if tail <= 0.0 {
        return 0.0;
    }
    let r = (-tail.ln()).sqrt();
    let v = poly(&C, r) / poly(&D, r);
    if q < 0.0 { -v } else { v }
}

/// Hill's AS 66 upper normal tail area `P(Z > z)` (`ALNORM` with `UPPER = .TRUE.` and the
/// 2001 extension of its range to 38), which AS R94 uses for the p-value.
fn alnorm_upper(x: f64) -> f64 {
    const A: [f64; 7] = [
        0.398942280444,
        0.399903438504,
        5.75885480458,
        29.8213557808,
        2.62433121679,
        48.6959930692,
        5.92885724438,
    ];
    const B: [f64; 12] = [
        0.398942280385,
        3.8052e-8,
        1.00000615302,
        3.98064794e-4,
        1.98615381364,
        0.151679116635,
        5.29330324926,
        4.8385912808,
        15.1508972451,
        0.742380924027,
        30.789933034,
        3.99019417011,
    ];
    // For z ≤ 0 (or NaN) the lower tail of −z is wanted, returned as 1 − tail.
    let upper = x > 0.0;
    let z = if upper { x } else { -x };
    if !(z <= 7.0 || (upper && z <= 38.0)) {
        return if upper { 0.0 } else { 1.0 };
    }
    let y = 0.5 * z * z;
    let tail = if z <= 1.28 {
        0.5 - z * (A[0] - A[1] * y / (y + A[2] - A[3] / (y + A[4] + A[5] / (y + A[6]))))
    } else {
        B[0] * (-y).exp()
            / (z - B[1]
                + B[2]
                    / (z + B[3]
                        + B[4] / (z - B[5] + B[6] / (z + B[7] - B[8] / (z + B[9] + B[10] / (z + B[11]))))))
    };
    if upper { tail } else { 1.0 - tail }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ppnd_and_alnorm_are_close_to_the_exact_normal() {
        // AS 111 is good to about 7 digits over the range AS R94 uses (p ≥ 0.625/(n + 0.25),
        // so p ≥ 1.2e-4 for n ≤ 5000).
        for p in [1.2e-4, 0.01, 0.2, 0.5, 0.7, 0.95, 0.999] {
            let exact = crate::special::ndtri(p);
            let err = (ppnd(p) - exact).abs() / exact.abs().max(1.0);
            assert!(err < 1e-6, "ppnd({p}): relative error {err:e}");
        }
        for z in [-3.0, -0.5, 0.0, 0.4, 1.5, 4.0, 9.0] {
            let exact = crate::special::ndtr(-z);
            assert!((alnorm_upper(z) - exact).abs() < 1e-9 * exact.max(1e-300) + 1e-15, "alnorm({z})");
        }
    }

    #[test]
    fn coefficients_have_unit_norm() {
        for n in [4, 5, 6, 11, 20, 101, 5000] {
            let a = coefficients(n);
            let ss: f64 = 2.0 * a.iter().map(|v| v * v).sum::<f64>();
            assert!((ss - 1.0).abs() < 1e-12, "n = {n}: {ss}");
            assert!(a.windows(2).all(|w| w[0] > w[1]) && a[a.len() - 1] > 0.0);
        }
    }
}
