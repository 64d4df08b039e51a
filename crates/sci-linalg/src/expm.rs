//! The matrix exponential by scaling and squaring with Padé approximants (Higham 2005).

use sci_core::ndarray::{Array2, ArrayBase, Data, Ix2};
use sci_core::{Error, Real, Result, Scalar, validate};

use crate::norm::{MatrixNorm, matrix_norm};
use crate::solve::{AssumeA, SolveOptions, solve_with};

/// Padé coefficients `b₀…b_m` of degree 3, 5, 7, 9 and 13 (Higham 2005, Table 10.4).
const PADE3: [f64; 4] = [120.0, 60.0, 12.0, 1.0];
const PADE5: [f64; 6] = [30240.0, 15120.0, 3360.0, 420.0, 30.0, 1.0];
const PADE7: [f64; 8] = [17297280.0, 8648640.0, 1995840.0, 277200.0, 25200.0, 1512.0, 56.0, 1.0];
const PADE9: [f64; 10] = [
    17643225600.0,
    8821612800.0,
    2075673600.0,
    302702400.0,
    30270240.0,
    2162160.0,
    110880.0,
    3960.0,
    90.0,
    1.0,
];
const PADE13: [f64; 14] = [
    64764752532480000.0,
    32382376266240000.0,
    7771770303897600.0,
    1187353796428800.0,
    129060195264000.0,
    10559470521600.0,
    670442572800.0,
    33522128640.0,
    1323241920.0,
    40840800.0,
    960960.0,
    16380.0,
    182.0,
    1.0,
];
/// Largest ‖A‖₁ for which degree m keeps the backward error below the unit roundoff of
/// `f64` (Higham 2005, Table 2.3).
const THETA: [(usize, f64); 4] =
    [(3, 1.495585217958292e-2), (5, 2.53939833006323e-1), (7, 9.504178996162932e-1), (9, 2.097847961257068)];
const THETA13: f64 = 5.371920351148152;

/// The matrix exponential `e^A = Σ Aᵏ/k!`, SciPy's `expm(a)`.
///
/// Scaling and squaring with a degree-3 to 13 Padé approximant chosen from `‖A‖₁` (Higham,
/// "The scaling and squaring method for the matrix exponential revisited", SIAM J. Matrix
/// Anal. Appl. 26, 2005): at most 6 matrix products and one solve, plus one product per
/// squaring. Backward stable to about unit roundoff in `f64`; in `f32` the same degrees are
/// used, so the result is accurate to `f32` precision.
///
/// # Errors
/// [`Error::ShapeMismatch`] if `a` is not square; [`Error::NonFinite`] for NaN or infinity.
///
/// # Differences from SciPy
/// SciPy 1.17 uses Al-Mohy & Higham's 2009 refinement, which can pick fewer squarings for
/// non-normal matrices; results agree to rounding for well-behaved input.
///
/// ```
/// use sci_linalg::expm;
/// use sci_core::ndarray::array;
/// let e = expm(&array![[0.0_f64, 1.0], [0.0, 0.0]])?; // nilpotent: e^A = I + A
/// assert_eq!(e, array![[1.0, 1.0], [0.0, 1.0]]);
/// let r = expm(&array![[0.0_f64, -std::f64::consts::PI], [std::f64::consts::PI, 0.0]])?;
/// assert!((r[[0, 0]] + 1.0).abs() < 1e-14); // a rotation by π
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn expm<T, S>(a: &ArrayBase<S, Ix2>) -> Result<Array2<T>>
where
    T: Scalar,
    S: Data<Elem = T>,
{
    let n = validate::check_square("a", a)?;
    validate::check_finite("a", a)?;
    if n == 0 {
        return Ok(Array2::zeros((0, 0)));
    }
    let a = a.to_owned();
    let norm = matrix_norm(&a, MatrixNorm::One)?.as_f64();
    for (m, theta) in THETA {
        if norm <= theta {
            let b: &[f64] = match m {
                3 => &PADE3,
                5 => &PADE5,
                7 => &PADE7,
                _ => &PADE9,
            };
            return pade(&a, b);
        }
    }
    // ‖A/2^s‖₁ ≤ θ₁₃, then square s times.
    let s = if norm > THETA13 { (norm / THETA13).log2().ceil().max(0.0) as i32 } else { 0 };
    let scaled = a.mapv(|x| x * T::from_f64(2f64.powi(-s)));
    let mut r = pade(&scaled, &PADE13)?;
    for _ in 0..s {
        r = crate::matmul(&r, &r)?;
    }
    if r.iter().any(|x| !x.is_finite_scalar()) {
        return Err(Error::invalid_argument("a", "the exponential overflows the element type"));
    }
    Ok(r)
}

/// `r_m(A) = (V − U)⁻¹ (V + U)` with `U` the odd and `V` the even part of the Padé numerator.
fn pade<T: Scalar>(a: &Array2<T>, b: &[f64]) -> Result<Array2<T>> {
    let n = a.nrows();
    let c = |k: usize| T::from_f64(b[k]);
    let eye = Array2::<T>::eye(n);
    let a2 = crate::matmul(a, a)?;
    let (u, v) = if b.len() == 14 {
        let a4 = crate::matmul(&a2, &a2)?;
        let a6 = crate::matmul(&a4, &a2)?;
        let inner_u = &a6 * c(13) + &a4 * c(11) + &a2 * c(9);
        let u_sum = crate::matmul(&a6, &inner_u)? + &a6 * c(7) + &a4 * c(5) + &a2 * c(3) + &eye * c(1);
        let inner_v = &a6 * c(12) + &a4 * c(10) + &a2 * c(8);
        let v = crate::matmul(&a6, &inner_v)? + &a6 * c(6) + &a4 * c(4) + &a2 * c(2) + &eye * c(0);
        (crate::matmul(a, &u_sum)?, v)
    } else {
        // Powers A⁰, A², A⁴, … up to the degree.
        let mut u_sum = Array2::<T>::zeros((n, n));
        let mut v = Array2::<T>::zeros((n, n));
        let mut power = eye;
        for k in (0..b.len()).step_by(2) {
            v = v + &power * c(k);
            if k + 1 < b.len() {
                u_sum = u_sum + &power * c(k + 1);
            }
            power = crate::matmul(&power, &a2)?;
        }
        (crate::matmul(a, &u_sum)?, v)
    };
    let options = SolveOptions {
        assume_a: AssumeA::General,
        check_finite: false,
        allow_ill_conditioned: true,
        ..Default::default()
    };
    solve_with(&(&v - &u), &(&v + &u), &options)
}
