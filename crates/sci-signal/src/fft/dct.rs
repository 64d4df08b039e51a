//! Discrete cosine and sine transforms of types 1-4 over rustdct, with SciPy's scaling.
//!
//! rustdct computes the textbook sums without the factor 2 SciPy puts in front (for
//! type 1 and 3 also halving the boundary term); SciPy's unnormalized transform is exactly
//! twice rustdct's, for every type. Normalization then follows `scipy.fft`:
//!
//! | norm | forward factor | inverse |
//! |------|----------------|---------|
//! | backward | 1 | the other type with factor `1/(2N')` |
//! | ortho | `1/√(2N')` | the other type with factor `1/√(2N')` |
//! | forward | `1/(2N')` | the other type with factor 1 |
//!
//! where `N' = N - 1` for DCT-I, `N + 1` for DST-I and `N` otherwise. With
//! `orthogonalize` (the default under `ortho`) the boundary terms are rescaled by √2 so
//! that the ortho transforms are orthogonal matrices.

use std::sync::Arc;

use sci_core::ndarray::{Array, ArrayBase, ArrayD, ArrayViewD, Data, Dimension};
use sci_core::validate::normalize_axis;
use sci_core::{Error, Result};

use super::lanes::map_lanes;
use super::{FftReal, Norm, check_n, cst, resolve_axes, with_dct_planner};

/// SciPy's `type` argument of the cosine and sine transforms.
///
/// ```
/// use sci_signal::fft::DctType;
/// assert_eq!(DctType::default(), DctType::Two);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DctType {
    /// Type I.
    One,
    /// Type II (SciPy's default; "the" DCT).
    #[default]
    Two,
    /// Type III (the inverse of type II up to scaling).
    Three,
    /// Type IV.
    Four,
}

impl DctType {
    fn inverse(self) -> DctType {
        match self {
            DctType::Two => DctType::Three,
            DctType::Three => DctType::Two,
            t => t,
        }
    }
}

/// Keyword arguments of [`dct`], [`idct`], [`dst`] and [`idst`].
///
/// ```
/// use sci_signal::fft::{dct_with, DctOptions, DctType, Norm};
/// use sci_core::ndarray::array;
/// let opts = DctOptions { dct_type: DctType::Four, norm: Norm::Ortho, ..Default::default() };
/// let y = dct_with(&array![1.0_f64, 0.0, 0.0, 0.0], &opts)?;
/// assert_eq!(y.len(), 4);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DctOptions {
    /// SciPy's `type` (1, 2, 3 or 4); default type 2.
    pub dct_type: DctType,
    /// Length of the transform: truncate or zero-pad the input along `axis`.
    pub n: Option<usize>,
    /// The axis to transform; default `-1`.
    pub axis: isize,
    /// Scaling convention; see the module notes in [`dct`].
    pub norm: Norm,
    /// SciPy's `orthogonalize`: rescale the boundary terms so that `Norm::Ortho` gives an
    /// orthogonal matrix. `None` means `true` for `Norm::Ortho` and `false` otherwise.
    pub orthogonalize: Option<bool>,
}

impl Default for DctOptions {
    fn default() -> Self {
        DctOptions { dct_type: DctType::Two, n: None, axis: -1, norm: Norm::Backward, orthogonalize: None }
    }
}

/// Keyword arguments of [`dctn`], [`idctn`], [`dstn`] and [`idstn`].
///
/// ```
/// use sci_signal::fft::{dctn_with, DctnOptions, Norm};
/// use sci_core::ndarray::Array2;
/// let y = dctn_with(&Array2::<f64>::ones((2, 2)), &DctnOptions { norm: Norm::Ortho, ..Default::default() })?;
/// assert!((y[[0, 0]] - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DctnOptions {
    /// SciPy's `type`; default type 2.
    pub dct_type: DctType,
    /// Lengths along the transformed axes; `None` keeps the input's.
    pub s: Option<Vec<usize>>,
    /// Axes to transform (default all, or the last `s.len()` when `s` is given).
    pub axes: Option<Vec<isize>>,
    /// Scaling convention.
    pub norm: Norm,
    /// As [`DctOptions::orthogonalize`].
    pub orthogonalize: Option<bool>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Family {
    Cos,
    Sin,
}

enum Plan<T: FftReal> {
    Dct1(Arc<dyn rustdct::Dct1<T>>),
    Dst1(Arc<dyn rustdct::Dst1<T>>),
    T23(Arc<dyn rustdct::TransformType2And3<T>>),
    T4(Arc<dyn rustdct::TransformType4<T>>),
}

impl<T: FftReal> Plan<T> {
    fn scratch_len(&self) -> usize {
        match self {
            Plan::Dct1(p) => p.get_scratch_len(),
            Plan::Dst1(p) => p.get_scratch_len(),
            Plan::T23(p) => p.get_scratch_len(),
            Plan::T4(p) => p.get_scratch_len(),
        }
    }
}

/// One forward transform of `family`/`ty` with the given norm along `axis`.
fn transform_axis<T: FftReal>(
    x: ArrayViewD<'_, T>,
    axis: usize,
    n: usize,
    family: Family,
    ty: DctType,
    norm: Norm,
    orthogonalize: bool,
) -> Result<ArrayD<T>> {
    if family == Family::Cos && ty == DctType::One && n < 2 {
        return Err(Error::invalid_argument("n", "the type 1 DCT needs a length of at least 2"));
    }
    let plan = with_dct_planner::<T, _>(|p| match (family, ty) {
        (Family::Cos, DctType::One) => Plan::Dct1(p.plan_dct1(n)),
        (Family::Sin, DctType::One) => Plan::Dst1(p.plan_dst1(n)),
        (_, DctType::Two | DctType::Three) => Plan::T23(p.plan_dct2(n)),
        (_, DctType::Four) => Plan::T4(p.plan_dct4(n)),
    });
    let denom = 2.0
        * match (family, ty) {
            (Family::Cos, DctType::One) => (n - 1) as f64,
            (Family::Sin, DctType::One) => (n + 1) as f64,
            _ => n as f64,
        };
    // rustdct's sums are half of SciPy's unnormalized ones.
    let scale: T = cst(match norm {
        Norm::Backward => 2.0,
        Norm::Ortho => 2.0 / denom.sqrt(),
        Norm::Forward => 2.0 / denom,
    });
    let r2: T = cst(std::f64::consts::SQRT_2);
    // Which boundary samples the orthogonalized variants rescale before and after.
    let (pre, post): (&[usize], &[usize]) = match (orthogonalize, family, ty) {
        (false, _, _) => (&[], &[]),
        (true, Family::Cos, DctType::One) => (&[0, n - 1], &[0, n - 1]),
        (true, Family::Cos, DctType::Two) => (&[], &[0]),
        (true, Family::Cos, DctType::Three) => (&[0], &[]),
        (true, Family::Sin, DctType::Two) => (&[], &[n - 1]),
        (true, Family::Sin, DctType::Three) => (&[n - 1], &[]),
        (true, _, _) => (&[], &[]),
    };
    let scratch_len = plan.scratch_len();
    map_lanes(
        x,
        axis,
        n,
        || vec![T::zero(); scratch_len],
        |scratch, lane, out| {
            let m = lane.len().min(n);
            out[..m].copy_from_slice(&lane[..m]);
            out[m..].fill(T::zero());
            for &i in pre {
                out[i] *= r2;
            }
            match (&plan, family, ty) {
                (Plan::Dct1(p), _, _) => p.process_dct1_with_scratch(out, scratch),
                (Plan::Dst1(p), _, _) => p.process_dst1_with_scratch(out, scratch),
                (Plan::T23(p), Family::Cos, DctType::Two) => p.process_dct2_with_scratch(out, scratch),
                (Plan::T23(p), Family::Cos, _) => p.process_dct3_with_scratch(out, scratch),
                (Plan::T23(p), Family::Sin, DctType::Two) => p.process_dst2_with_scratch(out, scratch),
                (Plan::T23(p), Family::Sin, _) => p.process_dst3_with_scratch(out, scratch),
                (Plan::T4(p), Family::Cos, _) => p.process_dct4_with_scratch(out, scratch),
                (Plan::T4(p), Family::Sin, _) => p.process_dst4_with_scratch(out, scratch),
            }
            out.iter_mut().for_each(|v| *v *= scale);
            for &i in post {
                out[i] /= r2;
            }
        },
    )
}

fn one_d<T, S, D>(
    x: &ArrayBase<S, D>,
    opts: &DctOptions,
    family: Family,
    inverse: bool,
) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    let axis = normalize_axis(opts.axis, x.ndim())?;
    let n = check_n(opts.n, x.shape()[axis])?;
    let orth = opts.orthogonalize.unwrap_or(opts.norm == Norm::Ortho);
    let (ty, norm) =
        if inverse { (opts.dct_type.inverse(), opts.norm.swapped()) } else { (opts.dct_type, opts.norm) };
    Ok(transform_axis(x.view().into_dyn(), axis, n, family, ty, norm, orth)?.into_dimensionality::<D>()?)
}

fn n_d<T, S, D>(x: &ArrayBase<S, D>, opts: &DctnOptions, family: Family, inverse: bool) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    let (axes, lens) = resolve_axes(x.shape(), opts.s.as_deref(), opts.axes.as_deref(), false)?;
    if lens.contains(&0) {
        return Err(Error::invalid_argument("s", "invalid number of data points (0) specified"));
    }
    let orth = opts.orthogonalize.unwrap_or(opts.norm == Norm::Ortho);
    let (ty, norm) =
        if inverse { (opts.dct_type.inverse(), opts.norm.swapped()) } else { (opts.dct_type, opts.norm) };
    let Some((&last, rest)) = axes.split_last() else {
        return Ok(x.to_owned());
    };
    let mut y = transform_axis(x.view().into_dyn(), last, lens[rest.len()], family, ty, norm, orth)?;
    for (i, &ax) in rest.iter().enumerate().rev() {
        y = transform_axis(y.view(), ax, lens[i], family, ty, norm, orth)?;
    }
    Ok(y.into_dimensionality::<D>()?)
}

/// Discrete cosine transform, type 2 by default (`scipy.fft.dct(x)`), along the last axis.
///
/// For `N` points, SciPy's unnormalized definitions (`norm = Backward`) are
/// - type 1: `y[k] = x[0] + (-1)^k x[N-1] + 2 Σ_{n=1}^{N-2} x[n] cos(πkn/(N-1))`
/// - type 2: `y[k] = 2 Σ_n x[n] cos(πk(2n+1)/(2N))`
/// - type 3: `y[k] = x[0] + 2 Σ_{n≥1} x[n] cos(πn(2k+1)/(2N))`
/// - type 4: `y[k] = 2 Σ_n x[n] cos(π(2n+1)(2k+1)/(4N))`
///
/// `Norm::Forward` divides by `2N'` and `Norm::Ortho` by `√(2N')` (`N' = N-1` for type 1,
/// `N` otherwise), with the boundary terms rescaled by √2 when `orthogonalize` is on (the
/// default for ortho). `O(N log N)` through rustdct.
///
/// ```
/// use sci_signal::fft::dct;
/// use sci_core::ndarray::array;
/// let y = dct(&array![1.0_f64, 2.0, 3.0])?;
/// assert!((y[0] - 12.0).abs() < 1e-12); // 2 · (1 + 2 + 3)
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`].
pub fn dct<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    dct_with(x, &DctOptions::default())
}

/// [`dct`] with `type`, `n`, `axis`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{dct_with, DctOptions, DctType};
/// use sci_core::ndarray::array;
/// let y = dct_with(&array![1.0_f64, 2.0, 3.0], &DctOptions { dct_type: DctType::One, ..Default::default() })?;
/// assert!((y[0] - 8.0).abs() < 1e-12); // 1 + 3 + 2·2
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] for an out-of-range `axis`, a length of 0, or a type 1 DCT of
/// length 1.
///
/// # Differences from SciPy
/// Real input only (SciPy also transforms the real and imaginary parts of complex input
/// separately; do that with two calls).
pub fn dct_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    one_d(x, opts, Family::Cos, false)
}

/// Inverse discrete cosine transform (`scipy.fft.idct(x)`): with the same `type` and `norm`,
/// `idct(dct(x)) == x`. It is the transform of the inverse type (2↔3; 1 and 4 are their own
/// inverses) under the opposite normalization.
///
/// ```
/// use sci_signal::fft::{dct, idct};
/// use sci_core::ndarray::array;
/// let x = array![1.0_f64, -2.0, 0.5, 4.0];
/// let back = idct(&dct(&x)?)?;
/// assert!(back.iter().zip(&x).all(|(b, a)| (b - a).abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`].
pub fn idct<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    idct_with(x, &DctOptions::default())
}

/// [`idct`] with `type`, `n`, `axis`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{dct_with, idct_with, DctOptions, DctType, Norm};
/// use sci_core::ndarray::array;
/// let o = DctOptions { dct_type: DctType::One, norm: Norm::Ortho, ..Default::default() };
/// let x = array![1.0_f64, 2.0, 3.0, 4.0];
/// let back = idct_with(&dct_with(&x, &o)?, &o)?;
/// assert!((back[2] - 3.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`].
///
/// # Differences from SciPy
/// As [`dct_with`].
pub fn idct_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    one_d(x, opts, Family::Cos, true)
}

/// Discrete sine transform, type 2 by default (`scipy.fft.dst(x)`), along the last axis.
///
/// Unnormalized (SciPy's `norm=None`):
/// - type 1: `y[k] = 2 Σ_n x[n] sin(π(k+1)(n+1)/(N+1))`
/// - type 2: `y[k] = 2 Σ_n x[n] sin(π(k+1)(2n+1)/(2N))`
/// - type 3: `y[k] = (-1)^k x[N-1] + 2 Σ_{n<N-1} x[n] sin(π(n+1)(2k+1)/(2N))`
/// - type 4: `y[k] = 2 Σ_n x[n] sin(π(2n+1)(2k+1)/(4N))`
///
/// Normalization as in [`dct`], with `N' = N + 1` for type 1.
///
/// ```
/// use sci_signal::fft::dst;
/// use sci_core::ndarray::array;
/// let y = dst(&array![1.0_f64, 1.0])?;
/// assert!((y[1] - 0.0).abs() < 1e-12 && (y[0] - 2.0 * 2f64.sqrt()).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`].
pub fn dst<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    dst_with(x, &DctOptions::default())
}

/// [`dst`] with `type`, `n`, `axis`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{dst_with, DctOptions, DctType};
/// use sci_core::ndarray::array;
/// let y = dst_with(&array![1.0_f64], &DctOptions { dct_type: DctType::One, ..Default::default() })?;
/// assert!((y[0] - 2.0).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`] (without the type 1 length restriction).
///
/// # Differences from SciPy
/// As [`dct_with`].
pub fn dst_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    one_d(x, opts, Family::Sin, false)
}

/// Inverse discrete sine transform (`scipy.fft.idst(x)`).
///
/// ```
/// use sci_signal::fft::{dst, idst};
/// use sci_core::ndarray::array;
/// let x = array![3.0_f64, 1.0, -1.0];
/// let back = idst(&dst(&x)?)?;
/// assert!(back.iter().zip(&x).all(|(b, a)| (b - a).abs() < 1e-14));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`].
pub fn idst<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    idst_with(x, &DctOptions::default())
}

/// [`idst`] with `type`, `n`, `axis`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{dst_with, idst_with, DctOptions, DctType};
/// use sci_core::ndarray::array;
/// let o = DctOptions { dct_type: DctType::Four, ..Default::default() };
/// let back = idst_with(&dst_with(&array![1.0_f64, 2.0], &o)?, &o)?;
/// assert!((back[1] - 2.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dct_with`].
///
/// # Differences from SciPy
/// As [`dct_with`].
pub fn idst_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    one_d(x, opts, Family::Sin, true)
}

/// N-D discrete cosine transform over every axis (`scipy.fft.dctn(x)`).
///
/// ```
/// use sci_signal::fft::dctn;
/// use sci_core::ndarray::Array2;
/// let y = dctn(&Array2::<f64>::ones((2, 3)))?;
/// assert!((y[[0, 0]] - 24.0).abs() < 1e-12); // 2·2 · 2·3
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn dctn<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    dctn_with(x, &DctnOptions::default())
}

/// [`dctn`] with `type`, `s`, `axes`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{dctn_with, DctnOptions};
/// use sci_core::ndarray::Array2;
/// let y = dctn_with(&Array2::<f64>::ones((2, 3)), &DctnOptions { axes: Some(vec![0]), ..Default::default() })?;
/// assert!((y[[0, 2]] - 4.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`fftn_with`](super::fftn_with), plus the type 1 length restriction of [`dct_with`].
///
/// # Differences from SciPy
/// As [`dct_with`].
pub fn dctn_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctnOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    n_d(x, opts, Family::Cos, false)
}

/// N-D inverse discrete cosine transform (`scipy.fft.idctn(x)`).
///
/// ```
/// use sci_signal::fft::{dctn, idctn};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0], [3.0, 4.0]];
/// let back = idctn(&dctn(&x)?)?;
/// assert!((back[[1, 1]] - 4.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn idctn<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    idctn_with(x, &DctnOptions::default())
}

/// [`idctn`] with `type`, `s`, `axes`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{idctn_with, DctnOptions, Norm};
/// use sci_core::ndarray::Array2;
/// let y = idctn_with(&Array2::<f64>::ones((2, 2)), &DctnOptions { norm: Norm::Forward, ..Default::default() })?;
/// assert_eq!(y.shape(), &[2, 2]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn idctn_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctnOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    n_d(x, opts, Family::Cos, true)
}

/// N-D discrete sine transform over every axis (`scipy.fft.dstn(x)`).
///
/// ```
/// use sci_signal::fft::dstn;
/// use sci_core::ndarray::Array2;
/// let y = dstn(&Array2::<f64>::ones((1, 1)))?;
/// assert!((y[[0, 0]] - 4.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn dstn<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    dstn_with(x, &DctnOptions::default())
}

/// [`dstn`] with `type`, `s`, `axes`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{dstn_with, DctnOptions, DctType};
/// use sci_core::ndarray::Array2;
/// let y = dstn_with(&Array2::<f64>::ones((2, 2)), &DctnOptions { dct_type: DctType::One, ..Default::default() })?;
/// assert_eq!(y.shape(), &[2, 2]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn dstn_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctnOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    n_d(x, opts, Family::Sin, false)
}

/// N-D inverse discrete sine transform (`scipy.fft.idstn(x)`).
///
/// ```
/// use sci_signal::fft::{dstn, idstn};
/// use sci_core::ndarray::array;
/// let x = array![[1.0_f64, 2.0], [3.0, 4.0]];
/// let back = idstn(&dstn(&x)?)?;
/// assert!((back[[0, 1]] - 2.0).abs() < 1e-14);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn idstn<T, S, D>(x: &ArrayBase<S, D>) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    idstn_with(x, &DctnOptions::default())
}

/// [`idstn`] with `type`, `s`, `axes`, `norm` and `orthogonalize`.
///
/// ```
/// use sci_signal::fft::{idstn_with, DctnOptions, Norm};
/// use sci_core::ndarray::Array2;
/// let y = idstn_with(&Array2::<f64>::ones((3, 2)), &DctnOptions { norm: Norm::Ortho, ..Default::default() })?;
/// assert_eq!(y.shape(), &[3, 2]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`dctn_with`].
pub fn idstn_with<T, S, D>(x: &ArrayBase<S, D>, opts: &DctnOptions) -> Result<Array<T, D>>
where
    T: FftReal,
    S: Data<Elem = T>,
    D: Dimension,
{
    n_d(x, opts, Family::Sin, true)
}
