//! Gaussian kernel density estimation (`scipy.stats.gaussian_kde`).
//!
//! A [`GaussianKde`] holds a `d × n` dataset (SciPy's layout: one column per point), optional
//! weights, and the kernel covariance `factor² · Σ`, where `Σ` is the (weighted) data
//! covariance and `factor` comes from the bandwidth rule ([`BwMethod`]). The density at `y` is
//!
//! ```text
//! f(y) = Σᵢ wᵢ · N(y; xᵢ, factor² Σ)
//! ```
//!
//! Evaluation whitens data and points once with the Cholesky factor `L` of the kernel
//! covariance (`z = L⁻¹x`), so each kernel is `exp(-½‖z_y − z_x‖²) / ((2π)^{d/2} ∏ diag L)`.
//! The `m × n` kernel sums run in cache-sized blocks, in parallel over points (rayon, governed
//! by `sci::set_num_threads`), with a branch-free vectorisable `exp` that is accurate to a
//! couple of ulps (including the subnormal range).

use rand::{Rng, RngExt};
use rand_distr::{Distribution, StandardNormal};
use rayon::prelude::*;
use sci_core::ndarray::{Array1, Array2, ArrayBase, ArrayView2, Data, Dimension, Ix1, Ix2};
use sci_core::{Error, Result};

use crate::special::ndtr;

/// How the kernel bandwidth factor is chosen (SciPy's `bw_method`).
///
/// With `neff` the effective sample size and `d` the dimension:
/// Scott's rule is `neff^(-1/(d+4))`, Silverman's `(neff·(d+2)/4)^(-1/(d+4))`; a scalar is
/// used as the factor directly.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{BwMethod, GaussianKde, GaussianKdeOptions};
/// let x = array![1.0, 2.0, 4.0, 7.0];
/// let kde = GaussianKde::new_with(&x, &GaussianKdeOptions { bw_method: BwMethod::Silverman, ..Default::default() })?;
/// assert!((kde.factor() - (4.0f64 * 3.0 / 4.0).powf(-0.2)).abs() < 1e-15);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum BwMethod {
    /// Scott's rule, `neff^(-1/(d+4))` (`'scott'`, SciPy's default).
    #[default]
    Scott,
    /// Silverman's rule, `(neff·(d+2)/4)^(-1/(d+4))` (`'silverman'`).
    Silverman,
    /// A fixed bandwidth factor (a scalar `bw_method`); must be positive and finite.
    Scalar(f64),
}

/// Options for [`GaussianKde::new_with`] (SciPy's keyword arguments of `gaussian_kde`).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{GaussianKde, GaussianKdeOptions};
/// let opts = GaussianKdeOptions { weights: Some(array![1.0, 1.0, 2.0]), ..Default::default() };
/// let kde = GaussianKde::new_with(&array![0.0, 1.0, 3.0], &opts)?;
/// assert!((kde.neff() - 16.0 / 6.0).abs() < 1e-12);
/// # Ok::<(), sci_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GaussianKdeOptions {
    /// The bandwidth rule (`bw_method`), Scott's by default.
    pub bw_method: BwMethod,
    /// Non-negative weights, one per data point (`weights`); normalised to sum to 1.
    /// `None` weighs every point equally.
    pub weights: Option<Array1<f64>>,
}

/// A Gaussian kernel density estimate (`scipy.stats.gaussian_kde`).
///
/// Built once from the data (cost `O(d²n)`); [`evaluate`](Self::evaluate) and
/// [`logpdf`](Self::logpdf) at `m` points cost `O(d·m·n)`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::GaussianKde;
/// // Two-dimensional data: 2 × 5, one column per point.
/// let data = array![[0.0, 1.0, 2.0, 0.5, 1.5], [0.0, 0.8, 2.2, 1.1, 0.9]];
/// let kde = GaussianKde::new(&data)?;
/// let p = kde.evaluate(&array![[1.0, 5.0], [1.0, 5.0]])?;
/// assert!(p[0] > p[1] && p[1] > 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Differences from SciPy
/// - A callable `bw_method` is not supported; compute the factor and pass
///   [`BwMethod::Scalar`].
/// - Negative, non-finite or all-zero weights are rejected (SciPy does not check them).
/// - A data covariance that is singular to working precision (a Cholesky pivot below `d·ε`
///   relative to its diagonal entry, e.g. two identical rows) is an error; SciPy's LAPACK
///   factorisation can succeed on rounding noise there and return a degenerate estimate.
/// - A point with an infinite coordinate (and no NaN) has density 0 and log-density −∞; a
///   point with a NaN coordinate gives NaN.
#[derive(Debug, Clone)]
pub struct GaussianKde {
    dataset: Array2<f64>,
    weights: Array1<f64>,
    neff: f64,
    factor: f64,
    data_covariance: Array2<f64>,
    covariance: Array2<f64>,
    /// Lower Cholesky factor of `covariance` (SciPy's `cho_cov`).
    cho_cov: Array2<f64>,
    /// Whitened data, `d × n`, each row contiguous.
    white: Array2<f64>,
    /// `ln` of the kernel normalisation `(2π)^{-d/2} / ∏ diag(cho_cov)`.
    log_norm: f64,
    uniform_weights: bool,
}

fn to_2d<'a, S, D>(what: &str, a: &'a ArrayBase<S, D>) -> Result<ArrayView2<'a, f64>>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    let v = a.view().into_dyn();
    match v.ndim() {
        0 => Ok(v.into_shape_with_order((1, 1)).map_err(|e| Error::invalid_argument(what, e.to_string()))?),
        1 => {
            let n = v.len();
            let v1 =
                v.into_dimensionality::<Ix1>().map_err(|e| Error::invalid_argument(what, e.to_string()))?;
            Ok(v1
                .insert_axis(sci_core::ndarray::Axis(0))
                .into_shape_with_order((1, n))
                .map_err(|e| Error::invalid_argument(what, e.to_string()))?)
        }
        2 => v.into_dimensionality::<Ix2>().map_err(|e| Error::invalid_argument(what, e.to_string())),
        k => Err(Error::shape_mismatch(what, "a 1-D or 2-D array", format!("{k} dimensions"))),
    }
}

/// Lower Cholesky factor of a small symmetric matrix; `NotPositiveDefinite` when a pivot is
/// not positive or is rounding noise (below `d·ε` relative to its diagonal entry).
fn cholesky_lower(a: &Array2<f64>) -> Result<Array2<f64>> {
    let d = a.nrows();
    let noise = d as f64 * f64::EPSILON;
    let mut l = Array2::<f64>::zeros((d, d));
    for j in 0..d {
        let mut s = a[[j, j]];
        for k in 0..j {
            s -= l[[j, k]] * l[[j, k]];
        }
        if s.is_nan() || s <= noise * a[[j, j]] || !s.is_finite() {
            return Err(Error::NotPositiveDefinite { order: j + 1 });
        }
        let ljj = s.sqrt();
        l[[j, j]] = ljj;
        for i in j + 1..d {
            let mut s = a[[i, j]];
            for k in 0..j {
                s -= l[[i, k]] * l[[j, k]];
            }
            l[[i, j]] = s / ljj;
        }
    }
    Ok(l)
}

/// Solves `L z = x` for every column of `x` (`d × m`), returning `d × m` with contiguous rows.
fn whiten(l: &Array2<f64>, x: ArrayView2<'_, f64>) -> Array2<f64> {
    let (d, m) = x.dim();
    let mut z = Array2::<f64>::zeros((d, m));
    for i in 0..d {
        for j in 0..m {
            let mut s = x[[i, j]];
            for k in 0..i {
                s -= l[[i, k]] * z[[k, j]];
            }
            z[[i, j]] = s / l[[i, i]];
        }
    }
    z
}

/// `exp(x)` for `x ≤ 0` (NaN-free input), branch-free so loops over it vectorise.
///
/// Round-to-nearest reduction `x = k ln2 + r`, `|r| ≤ ln2/2`, a degree-13 Taylor polynomial
/// (truncation < 2e-17 relative), and scaling by `2^k` in two exact steps so subnormal
/// results are rounded once, as libm does. Accurate to about 2 ulps; 0 below −746.
#[inline(always)]
fn exp_nonpos(x: f64) -> f64 {
    const LOG2E: f64 = std::f64::consts::LOG2_E;
    const LN2_HI: f64 = f64::from_bits(0x3fe6_2e42_fee0_0000); // ln 2, high 32 bits
    const LN2_LO: f64 = f64::from_bits(0x3dea_39ef_3579_3c76); // ln 2 − LN2_HI
    const MAGIC: f64 = 6_755_399_441_055_744.0; // 1.5 · 2^52
    let x = if x < -746.0 { -746.0 } else { x };
    let t = x * LOG2E + MAGIC;
    let kf = t - MAGIC;
    let r = (x - kf * LN2_HI) - kf * LN2_LO;
    let mut p = 1.0 / 6_227_020_800.0;
    p = p * r + 1.0 / 479_001_600.0;
    p = p * r + 1.0 / 39_916_800.0;
    p = p * r + 1.0 / 3_628_800.0;
    p = p * r + 1.0 / 362_880.0;
    p = p * r + 1.0 / 40_320.0;
    p = p * r + 1.0 / 5_040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    // 2^k = 2^k1 · 2^k2 with k1, k2 ∈ [−539, 0], both normal. Everything stays in f64 and
    // unsigned 64-bit add/shift, which SSE2 has, so the loop vectorises on baseline x86-64.
    let k1f = (kf * 0.5 + MAGIC) - MAGIC;
    let k2f = kf - k1f;
    let bias = MAGIC + 1023.0;
    let s1 = f64::from_bits(((k1f + bias).to_bits().wrapping_sub(MAGIC.to_bits())) << 52);
    let s2 = f64::from_bits(((k2f + bias).to_bits().wrapping_sub(MAGIC.to_bits())) << 52);
    p * s1 * s2
}

/// `b ← exp(−b/2)` over a block of squared distances: the hot loop of `evaluate`.
#[inline(always)]
fn gauss_block_generic(buf: &mut [f64]) {
    for b in buf.iter_mut() {
        *b = exp_nonpos(-0.5 * *b);
    }
}

/// The same loop compiled for AVX2 (4 lanes instead of SSE2's 2). Plain multiplies and
/// adds only (no FMA contraction), so the results are bit-identical to the SSE2 path.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn gauss_block_avx2(buf: &mut [f64]) {
    gauss_block_generic(buf);
}

/// Runs [`gauss_block_generic`] with the widest vectors the CPU has.
fn gauss_block(buf: &mut [f64]) {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2 (checked at run time just above), which is the
            // only requirement of `gauss_block_avx2`'s `target_feature`.
            unsafe { gauss_block_avx2(buf) };
            return;
        }
    }
    gauss_block_generic(buf);
}

/// Data points per block: `BLOCK · d` doubles stay in L1 while a tile of points sweeps them.
const BLOCK: usize = 512;
/// Points per parallel task.
const POINT_TILE: usize = 32;
/// Below this many point tiles, `evaluate` splits the data instead of the points.
const FEW_TILES: usize = 8;
/// Data points per parallel task when the data are split.
const DATA_RANGE: usize = 8 * BLOCK;

impl GaussianKde {
    /// A KDE of `dataset` with Scott's bandwidth and equal weights (`gaussian_kde(dataset)`).
    ///
    /// `dataset` is `d × n` (one column per point) or 1-D (`n` scalar points).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::GaussianKde;
    /// let kde = GaussianKde::new(&array![-1.0, 0.0, 0.5, 2.0])?;
    /// assert_eq!((kde.d(), kde.n()), (1, 4));
    /// assert!((kde.factor() - 4.0f64.powf(-0.2)).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`new_with`](Self::new_with).
    pub fn new<S, D>(dataset: &ArrayBase<S, D>) -> Result<Self>
    where
        S: Data<Elem = f64>,
        D: Dimension,
    {
        Self::new_with(dataset, &GaussianKdeOptions::default())
    }

    /// A KDE of `dataset` with the given bandwidth rule and weights.
    ///
    /// Cost: `O(d²n)` for the weighted covariance and the whitened copy of the data.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{BwMethod, GaussianKde, GaussianKdeOptions};
    /// let opts = GaussianKdeOptions { bw_method: BwMethod::Scalar(0.5), weights: None };
    /// let kde = GaussianKde::new_with(&array![0.0, 1.0, 2.0], &opts)?;
    /// // Kernel variance = factor² × sample variance = 0.25 × 1.
    /// assert!((kde.covariance()[[0, 0]] - 0.25).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// - [`Error::InvalidArgument`] if `dataset` has fewer than two elements, or more
    ///   dimensions than points (`d > n`), or the weights are negative, non-finite or sum to
    ///   zero, or a scalar bandwidth is not positive and finite.
    /// - [`Error::ShapeMismatch`] if `dataset` has more than two axes or the weights are not
    ///   one per point.
    /// - [`Error::NonFinite`] if `dataset` contains NaN or infinity.
    /// - [`Error::NotPositiveDefinite`] if the data covariance is singular (the data lie in a
    ///   lower-dimensional subspace; SciPy raises `LinAlgError`).
    pub fn new_with<S, D>(dataset: &ArrayBase<S, D>, options: &GaussianKdeOptions) -> Result<Self>
    where
        S: Data<Elem = f64>,
        D: Dimension,
    {
        let data = to_2d("dataset", dataset)?;
        if data.len() < 2 {
            return Err(Error::invalid_argument("dataset", "input should have multiple elements"));
        }
        sci_core::validate::check_finite("dataset", &data)?;
        let (d, n) = data.dim();
        let weights = match &options.weights {
            Some(w) => {
                sci_core::validate::check_same_len("dataset columns", n, "weights", w.len())?;
                if w.iter().any(|&v| v.is_nan() || v < 0.0 || !v.is_finite()) {
                    return Err(Error::invalid_argument("weights", "must be non-negative and finite"));
                }
                let s: f64 = w.sum();
                if s.is_nan() || s <= 0.0 || !s.is_finite() {
                    return Err(Error::invalid_argument("weights", "must have a positive, finite sum"));
                }
                w.mapv(|v| v / s)
            }
            None => Array1::from_elem(n, 1.0 / n as f64),
        };
        let neff = 1.0 / weights.dot(&weights);
        if d > n {
            return Err(Error::invalid_argument(
                "dataset",
                format!(
                    "number of dimensions ({d}) is greater than number of samples ({n}); each column is a point, consider transposing"
                ),
            ));
        }
        let dd = d as f64;
        let factor = match options.bw_method {
            BwMethod::Scott => neff.powf(-1.0 / (dd + 4.0)),
            BwMethod::Silverman => (neff * (dd + 2.0) / 4.0).powf(-1.0 / (dd + 4.0)),
            BwMethod::Scalar(f) => {
                if f.is_nan() || f <= 0.0 || !f.is_finite() {
                    return Err(Error::invalid_argument(
                        "bw_method",
                        format!("a scalar bandwidth must be positive and finite, got {f}"),
                    ));
                }
                f
            }
        };
        // np.cov(dataset, aweights=weights, ddof=1).
        let wsum: f64 = weights.sum();
        let mean: Vec<f64> = (0..d).map(|k| data.row(k).dot(&weights) / wsum).collect();
        let fact = wsum - weights.dot(&weights) / wsum;
        let mut cov = Array2::<f64>::zeros((d, d));
        for a in 0..d {
            for b in 0..=a {
                let (ra, rb) = (data.row(a), data.row(b));
                let mut s = 0.0;
                for i in 0..n {
                    s += (ra[i] - mean[a]) * weights[i] * (rb[i] - mean[b]);
                }
                cov[[a, b]] = s / fact;
                cov[[b, a]] = s / fact;
            }
        }
        let data_cho = cholesky_lower(&cov)?;
        let cho_cov = data_cho.mapv(|v| v * factor);
        let covariance = cov.mapv(|v| v * factor * factor);
        let log_det_half: f64 = (0..d).map(|k| cho_cov[[k, k]].ln()).sum();
        let log_norm = -0.5 * dd * (2.0 * std::f64::consts::PI).ln() - log_det_half;
        let white = whiten(&cho_cov, data);
        let uniform_weights = options.weights.is_none();
        Ok(GaussianKde {
            dataset: data.to_owned(),
            weights,
            neff,
            factor,
            data_covariance: cov,
            covariance,
            cho_cov,
            white,
            log_norm,
            uniform_weights,
        })
    }

    /// The dimension `d` of the data.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![[0.0, 1.0, 2.0], [1.0, 0.0, 3.0]])?;
    /// assert_eq!(kde.d(), 2);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn d(&self) -> usize {
        self.dataset.nrows()
    }

    /// The number of data points `n`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![[0.0, 1.0, 2.0], [1.0, 0.0, 3.0]])?;
    /// assert_eq!(kde.n(), 3);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn n(&self) -> usize {
        self.dataset.ncols()
    }

    /// The dataset, `d × n` (SciPy's `dataset`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 4.0])?;
    /// assert_eq!(kde.dataset(), &array![[1.0, 2.0, 4.0]]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn dataset(&self) -> &Array2<f64> {
        &self.dataset
    }

    /// The normalised weights, summing to 1 (`1/n` each without user weights).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 4.0, 8.0])?;
    /// assert_eq!(kde.weights(), &array![0.25, 0.25, 0.25, 0.25]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn weights(&self) -> &Array1<f64> {
        &self.weights
    }

    /// The effective number of points, `1 / Σ wᵢ²` (SciPy's `neff`; `n` without weights).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 4.0, 8.0])?;
    /// assert!((kde.neff() - 4.0).abs() < 1e-12);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn neff(&self) -> f64 {
        self.neff
    }

    /// The bandwidth factor that multiplies the data covariance's square root (`factor`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 4.0, 8.0])?;
    /// assert!((kde.factor() - 4.0f64.powf(-0.2)).abs() < 1e-15); // Scott, d = 1
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn factor(&self) -> f64 {
        self.factor
    }

    /// The kernel covariance, `factor² · Σ` (SciPy's `covariance`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 3.0])?;
    /// let f = kde.factor();
    /// assert!((kde.covariance()[[0, 0]] - f * f).abs() < 1e-15); // sample variance 1
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn covariance(&self) -> &Array2<f64> {
        &self.covariance
    }

    /// The weighted data covariance `Σ` before bandwidth scaling (`_data_covariance`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 3.0])?;
    /// assert!((kde.data_covariance()[[0, 0]] - 1.0).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn data_covariance(&self) -> &Array2<f64> {
        &self.data_covariance
    }

    /// The lower Cholesky factor of [`covariance`](Self::covariance) (SciPy's `cho_cov`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![1.0, 2.0, 3.0])?;
    /// assert!((kde.cho_cov()[[0, 0]] - kde.factor()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn cho_cov(&self) -> &Array2<f64> {
        &self.cho_cov
    }

    fn points_2d<'a, S, D>(&self, points: &'a ArrayBase<S, D>) -> Result<ArrayView2<'a, f64>>
    where
        S: Data<Elem = f64>,
        D: Dimension,
    {
        let p = to_2d("points", points)?;
        let (pd, m) = p.dim();
        let d = self.d();
        if pd == d {
            Ok(p)
        } else if pd == 1 && m == d {
            p.into_shape_with_order((d, 1)).map_err(|e| Error::invalid_argument("points", e.to_string()))
        } else {
            Err(Error::shape_mismatch(
                "points",
                format!("{d} rows (the dataset's dimension)"),
                format!("{pd} rows"),
            ))
        }
    }

    /// The estimated density at each column of `points` (`evaluate(points)`, also SciPy's
    /// `pdf` and `__call__`).
    ///
    /// `points` is `d × m`; a 1-D array is `m` points when `d = 1`, or one point of length
    /// `d`. Cost `O(d·m·n)` kernel terms, run in parallel over blocks of points.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{BwMethod, GaussianKde, GaussianKdeOptions};
    /// // Two data points at ±1: the density at 0 is one kernel evaluated at distance 1.
    /// let kde = GaussianKde::new(&array![-1.0, 1.0])?;
    /// let p = kde.evaluate(&array![0.0, 10.0])?;
    /// let h = kde.covariance()[[0, 0]].sqrt();
    /// let want = (-0.5 / (h * h)).exp() / (h * (2.0 * std::f64::consts::PI).sqrt());
    /// assert!((p[0] - want).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if the points do not have the dataset's dimension.
    pub fn evaluate<S, D>(&self, points: &ArrayBase<S, D>) -> Result<Array1<f64>>
    where
        S: Data<Elem = f64>,
        D: Dimension,
    {
        let p = self.points_2d(points)?;
        Ok(self.kernel_sums(p, false))
    }

    /// The estimated density at each column of `points`: SciPy's `pdf`, the same as
    /// [`evaluate`](Self::evaluate).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![-1.0, 1.0, 2.0])?;
    /// assert_eq!(kde.pdf(&array![0.5])?, kde.evaluate(&array![0.5])?);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if the points do not have the dataset's dimension.
    pub fn pdf<S, D>(&self, points: &ArrayBase<S, D>) -> Result<Array1<f64>>
    where
        S: Data<Elem = f64>,
        D: Dimension,
    {
        self.evaluate(points)
    }

    /// The log of the estimated density at each column of `points` (`logpdf`).
    ///
    /// Computed with a log-sum-exp over the kernel terms, so it stays finite far in the
    /// tails where [`evaluate`](Self::evaluate) underflows to 0.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![-1.0, 1.0, 2.0])?;
    /// let lp = kde.logpdf(&array![0.0, 1e3])?;
    /// assert!((lp[0] - kde.evaluate(&array![0.0])?[0].ln()).abs() < 1e-14);
    /// assert!(lp[1].is_finite() && lp[1] < -1e4);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if the points do not have the dataset's dimension.
    pub fn logpdf<S, D>(&self, points: &ArrayBase<S, D>) -> Result<Array1<f64>>
    where
        S: Data<Elem = f64>,
        D: Dimension,
    {
        let p = self.points_2d(points)?;
        Ok(self.kernel_sums(p, true))
    }

    /// The probability mass in `[low, high]` of a one-dimensional KDE (`integrate_box_1d`).
    ///
    /// `Σᵢ wᵢ (Φ((high − xᵢ)/h) − Φ((low − xᵢ)/h))` with `h` the kernel standard deviation;
    /// cost `O(n)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![-1.0, 0.0, 1.5])?;
    /// let all = kde.integrate_box_1d(f64::NEG_INFINITY, f64::INFINITY)?;
    /// assert!((all - 1.0).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if the KDE is not one-dimensional.
    pub fn integrate_box_1d(&self, low: f64, high: f64) -> Result<f64> {
        if self.d() != 1 {
            return Err(Error::invalid_argument("self", "integrate_box_1d() only handles 1D pdfs"));
        }
        let stdev = self.covariance[[0, 0]].sqrt();
        let mut total = 0.0;
        for (&x, &w) in self.dataset.row(0).iter().zip(self.weights.iter()) {
            total += w * (ndtr((high - x) / stdev) - ndtr((low - x) / stdev));
        }
        Ok(total)
    }

    /// The KDE of the marginal distribution over the given dimensions (`marginal`).
    ///
    /// Keeps the rows `dimensions` (negative indices count from the end) of the dataset, the
    /// weights and the bandwidth factor; the kernel covariance is the corresponding block of
    /// this one. Cost `O(d'²n)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![[0.0, 1.0, 2.0, 4.0], [1.0, 3.0, 2.0, 5.0]])?;
    /// let m = kde.marginal(&[-1])?;
    /// assert_eq!(m.d(), 1);
    /// assert!((m.covariance()[[0, 0]] - kde.covariance()[[1, 1]]).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] if `dimensions` is empty, repeats a dimension or names one
    /// outside `-d..d`.
    pub fn marginal(&self, dimensions: &[isize]) -> Result<GaussianKde> {
        let d = self.d();
        if dimensions.is_empty() {
            return Err(Error::invalid_argument("dimensions", "must name at least one dimension"));
        }
        let mut dims = Vec::with_capacity(dimensions.len());
        for &k in dimensions {
            let idx = if k < 0 { k + d as isize } else { k };
            if idx < 0 || idx >= d as isize {
                return Err(Error::invalid_argument(
                    "dimensions",
                    format!("dimension {k} is out of range for d = {d}"),
                ));
            }
            let idx = idx as usize;
            if dims.contains(&idx) {
                return Err(Error::invalid_argument("dimensions", "all elements must be unique"));
            }
            dims.push(idx);
        }
        let data = self.dataset.select(sci_core::ndarray::Axis(0), &dims);
        GaussianKde::new_with(
            &data,
            &GaussianKdeOptions {
                bw_method: BwMethod::Scalar(self.factor),
                weights: Some(self.weights.clone()),
            },
        )
    }

    /// The integral of the KDE times a multivariate normal density `N(mean, cov)`
    /// (`integrate_gaussian`): `Σᵢ wᵢ N(xᵢ; mean, cov + covariance)`. Cost `O(d²n)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let kde = sci_stats::GaussianKde::new(&array![-1.0, 0.5, 2.0])?;
    /// // A very narrow Gaussian picks out the density at its mean.
    /// let v = kde.integrate_gaussian(&array![0.3], &array![[1e-12]])?;
    /// assert!((v - kde.evaluate(&array![0.3])?[0]).abs() < 1e-9);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if `mean` is not of length `d` or `cov` not `d × d`;
    /// [`Error::NotPositiveDefinite`] if `cov + covariance` is not positive definite.
    pub fn integrate_gaussian<S1, S2>(
        &self,
        mean: &ArrayBase<S1, Ix1>,
        cov: &ArrayBase<S2, Ix2>,
    ) -> Result<f64>
    where
        S1: Data<Elem = f64>,
        S2: Data<Elem = f64>,
    {
        let d = self.d();
        sci_core::validate::check_shape("mean", mean.shape(), &[d])?;
        sci_core::validate::check_shape("cov", cov.shape(), &[d, d])?;
        let sum_cov = &self.covariance + cov;
        let l = cholesky_lower(&sum_cov)?;
        let diff = Array2::from_shape_fn((d, self.n()), |(k, i)| self.dataset[[k, i]] - mean[k]);
        let z = whiten(&l, diff.view());
        let log_norm: f64 =
            -0.5 * d as f64 * (2.0 * std::f64::consts::PI).ln() - (0..d).map(|k| l[[k, k]].ln()).sum::<f64>();
        let mut total = 0.0;
        for (i, &w) in self.weights.iter().enumerate() {
            let e: f64 = z.column(i).iter().map(|v| v * v).sum();
            total += w * (-0.5 * e).exp();
        }
        Ok(total * log_norm.exp())
    }

    /// The integral of the product of two KDEs (`integrate_kde`):
    /// `Σᵢ Σⱼ wᵢ vⱼ N(xᵢ − yⱼ; 0, covariance + other.covariance)`. Cost `O(d²nm)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let a = sci_stats::GaussianKde::new(&array![-1.0, 0.5, 2.0])?;
    /// let b = sci_stats::GaussianKde::new(&array![0.0, 1.0, 1.5, 3.0])?;
    /// assert!((a.integrate_kde(&b)? - b.integrate_kde(&a)?).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if the two KDEs have different dimensions.
    pub fn integrate_kde(&self, other: &GaussianKde) -> Result<f64> {
        let d = self.d();
        if other.d() != d {
            return Err(Error::shape_mismatch(
                "other",
                format!("a KDE of dimension {d}"),
                format!("dimension {}", other.d()),
            ));
        }
        let (small, large) = if other.n() < self.n() { (other, self) } else { (self, other) };
        let sum_cov = &small.covariance + &large.covariance;
        let l = cholesky_lower(&sum_cov)?;
        let zl = whiten(&l, large.dataset.view());
        let zs = whiten(&l, small.dataset.view());
        let log_norm: f64 =
            -0.5 * d as f64 * (2.0 * std::f64::consts::PI).ln() - (0..d).map(|k| l[[k, k]].ln()).sum::<f64>();
        let mut total = 0.0;
        for (j, &ws) in small.weights.iter().enumerate() {
            let mut s = 0.0;
            for (i, &wl) in large.weights.iter().enumerate() {
                let e: f64 = (0..d).map(|k| (zl[[k, i]] - zs[[k, j]]).powi(2)).sum();
                s += wl * (-0.5 * e).exp();
            }
            total += s * ws;
        }
        Ok(total * log_norm.exp())
    }

    /// `size` draws from the estimated density, as a `d × size` array (`resample`).
    ///
    /// Each draw picks a data point with probability equal to its weight and adds
    /// `cho_cov · z` with `z` standard normal. SciPy draws from its own generator, so the
    /// values differ from SciPy's for the same seed; the distribution is the same.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::rand::{rngs::StdRng, SeedableRng};
    /// let kde = sci_stats::GaussianKde::new(&array![[0.0, 1.0, 2.0, 3.0], [1.0, 3.0, 2.0, 5.0]])?;
    /// let s = kde.resample(1000, &mut StdRng::seed_from_u64(7));
    /// assert_eq!(s.dim(), (2, 1000));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn resample<R: Rng + ?Sized>(&self, size: usize, rng: &mut R) -> Array2<f64> {
        let d = self.d();
        let n = self.n();
        let mut cum = Vec::with_capacity(n);
        let mut acc = 0.0;
        for &w in &self.weights {
            acc += w;
            cum.push(acc);
        }
        let mut out = Array2::<f64>::zeros((d, size));
        let mut z = vec![0.0; d];
        for j in 0..size {
            let idx = if self.uniform_weights {
                rng.random_range(0..n)
            } else {
                let u: f64 = rng.random::<f64>() * acc;
                cum.partition_point(|&c| c <= u).min(n - 1)
            };
            for v in z.iter_mut() {
                *v = StandardNormal.sample(rng);
            }
            for i in 0..d {
                let mut s = self.dataset[[i, idx]];
                for (k, zk) in z.iter().enumerate().take(i + 1) {
                    s += self.cho_cov[[i, k]] * zk;
                }
                out[[i, j]] = s;
            }
        }
        out
    }

    /// Kernel sums at every column of `p` (`d × m`): densities, or log-densities.
    fn kernel_sums(&self, p: ArrayView2<'_, f64>, log: bool) -> Array1<f64> {
        let m = p.ncols();
        // Whiten the points; mark non-finite ones.
        let wp = whiten(&self.cho_cov, p);
        let mut out = Array1::<f64>::zeros(m);
        let Some(out_slice) = out.as_slice_mut() else { return out };
        let this = self;
        let wp = &wp;
        let n = self.n();
        if log {
            sci_core::install(|| {
                out_slice.par_chunks_mut(POINT_TILE).enumerate().for_each(|(t, chunk)| {
                    this.log_tile(wp, t * POINT_TILE, chunk, p);
                });
            });
            return out;
        }
        if m.div_ceil(POINT_TILE) >= FEW_TILES || n <= DATA_RANGE {
            // Many points: parallel over tiles of points, each sweeping all the data.
            sci_core::install(|| {
                out_slice.par_chunks_mut(POINT_TILE).enumerate().for_each(|(t, chunk)| {
                    this.raw_tile(wp, t * POINT_TILE, chunk, 0, n);
                });
            });
        } else {
            // Few points, much data: parallel over fixed ranges of the data (independent of
            // the thread count, so results are too), partial sums added in range order.
            let partials: Vec<Vec<f64>> = sci_core::install(|| {
                (0..n.div_ceil(DATA_RANGE))
                    .into_par_iter()
                    .map(|r| {
                        let (lo, hi) = (r * DATA_RANGE, ((r + 1) * DATA_RANGE).min(n));
                        let mut part = vec![0.0; m];
                        for (t, chunk) in part.chunks_mut(POINT_TILE).enumerate() {
                            this.raw_tile(wp, t * POINT_TILE, chunk, lo, hi);
                        }
                        part
                    })
                    .collect()
            });
            for part in &partials {
                for (o, v) in out_slice.iter_mut().zip(part) {
                    *o += v;
                }
            }
        }
        let scale = self.log_norm.exp() * if self.uniform_weights { 1.0 / n as f64 } else { 1.0 };
        for (j, o) in out_slice.iter_mut().enumerate() {
            *o = match self.nonfinite_point(p, j, false) {
                Some(v) => v,
                None => *o * scale,
            };
        }
        out
    }

    /// Special values for a point with a non-finite coordinate: NaN if any NaN, else the
    /// density 0 (`-inf` in log).
    fn nonfinite_point(&self, p: ArrayView2<'_, f64>, j: usize, log: bool) -> Option<f64> {
        let col = p.column(j);
        if col.iter().all(|v| v.is_finite()) {
            None
        } else if col.iter().any(|v| v.is_nan()) {
            Some(f64::NAN)
        } else if log {
            Some(f64::NEG_INFINITY)
        } else {
            Some(0.0)
        }
    }

    /// Unscaled kernel sums `Σᵢ wᵢ exp(−½‖zᵢ − y‖²)` (without `wᵢ` for uniform weights)
    /// for the ≤ `POINT_TILE` whitened points `start..start + chunk.len()`, over the data
    /// `lo..hi`, written into `chunk`.
    fn raw_tile(&self, wp: &Array2<f64>, start: usize, chunk: &mut [f64], lo: usize, hi: usize) {
        let d = self.d();
        let mut d2 = [0.0f64; BLOCK];
        let mut acc = [[0.0f64; 4]; POINT_TILE];
        let w = self.weights.as_slice();
        let mut b0 = lo;
        while b0 < hi {
            let b1 = (b0 + BLOCK).min(hi);
            let len = b1 - b0;
            for (jj, a) in acc.iter_mut().enumerate().take(chunk.len()) {
                let j = start + jj;
                let buf = &mut d2[..len];
                buf.fill(0.0);
                for k in 0..d {
                    let y = wp[[k, j]];
                    let row = self.white.row(k);
                    let Some(xs) = row.as_slice() else { continue };
                    for (b, &x) in buf.iter_mut().zip(&xs[b0..b1]) {
                        let diff = y - x;
                        *b += diff * diff;
                    }
                }
                gauss_block(buf);
                let mut part = [0.0f64; 4];
                match w {
                    Some(ws) if !self.uniform_weights => {
                        let ws = &ws[b0..b1];
                        let mut c = buf.chunks_exact(4).zip(ws.chunks_exact(4));
                        for (e, wv) in &mut c {
                            for q in 0..4 {
                                part[q] += e[q] * wv[q];
                            }
                        }
                        let rem = len - len % 4;
                        for q in rem..len {
                            part[0] += buf[q] * ws[q];
                        }
                    }
                    _ => {
                        let mut c = buf.chunks_exact(4);
                        for e in &mut c {
                            for q in 0..4 {
                                part[q] += e[q];
                            }
                        }
                        for &e in c.remainder() {
                            part[0] += e;
                        }
                    }
                }
                for q in 0..4 {
                    a[q] += part[q];
                }
            }
            b0 = b1;
        }
        for (o, a) in chunk.iter_mut().zip(acc.iter()) {
            *o = (a[0] + a[1]) + (a[2] + a[3]);
        }
    }

    fn log_tile(&self, wp: &Array2<f64>, start: usize, chunk: &mut [f64], p: ArrayView2<'_, f64>) {
        let d = self.d();
        let n = self.n();
        let logw: Vec<f64> = self.weights.iter().map(|w| w.ln()).collect();
        let mut args = vec![0.0f64; n];
        for (jj, o) in chunk.iter_mut().enumerate() {
            let j = start + jj;
            if let Some(v) = self.nonfinite_point(p, j, true) {
                *o = v;
                continue;
            }
            args.fill(0.0);
            for k in 0..d {
                let y = wp[[k, j]];
                let row = self.white.row(k);
                for (a, &x) in args.iter_mut().zip(row.iter()) {
                    let diff = y - x;
                    *a += diff * diff;
                }
            }
            let mut mx = f64::NEG_INFINITY;
            for (a, &lw) in args.iter_mut().zip(&logw) {
                *a = lw - 0.5 * *a;
                if *a > mx {
                    mx = *a;
                }
            }
            if mx == f64::NEG_INFINITY {
                *o = f64::NEG_INFINITY;
                continue;
            }
            // exp(a − mx) through the vectorised kernel loop: store −2(a − mx) ≥ 0.
            for a in args.iter_mut() {
                *a = -2.0 * (*a - mx);
            }
            gauss_block(&mut args);
            let mut part = [0.0f64; 4];
            let mut c = args.chunks_exact(4);
            for e in &mut c {
                for q in 0..4 {
                    part[q] += e[q];
                }
            }
            for &e in c.remainder() {
                part[0] += e;
            }
            let s = (part[0] + part[1]) + (part[2] + part[3]);
            *o = mx + s.ln() + self.log_norm;
        }
    }
}

/// A [`GaussianKde`] with default options (`scipy.stats.gaussian_kde(dataset)`).
///
/// ```
/// use sci_core::ndarray::array;
/// let kde = sci_stats::gaussian_kde(&array![0.0, 1.0, 1.5, 3.0])?;
/// assert!(kde.evaluate(&array![1.0])?[0] > 0.0);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`GaussianKde::new_with`].
pub fn gaussian_kde<S, D>(dataset: &ArrayBase<S, D>) -> Result<GaussianKde>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    GaussianKde::new(dataset)
}

/// A [`GaussianKde`] with options (`scipy.stats.gaussian_kde(dataset, bw_method, weights)`).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{gaussian_kde_with, BwMethod, GaussianKdeOptions};
/// let kde = gaussian_kde_with(&array![0.0, 1.0, 1.5, 3.0], &GaussianKdeOptions { bw_method: BwMethod::Scalar(0.3), weights: None })?;
/// assert_eq!(kde.factor(), 0.3);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`GaussianKde::new_with`].
pub fn gaussian_kde_with<S, D>(dataset: &ArrayBase<S, D>, options: &GaussianKdeOptions) -> Result<GaussianKde>
where
    S: Data<Elem = f64>,
    D: Dimension,
{
    GaussianKde::new_with(dataset, options)
}

#[cfg(test)]
mod tests {
    use super::exp_nonpos;

    #[test]
    fn fast_exp_matches_libm() {
        let mut x = 0.0f64;
        while x > -760.0 {
            let (got, want) = (exp_nonpos(x), x.exp());
            let tol =
                if want < f64::MIN_POSITIVE { 4.0 * f64::from_bits(1) } else { 4.0 * f64::EPSILON * want };
            assert!((got - want).abs() <= tol, "x = {x}: {got:e} vs {want:e}");
            x -= 0.013_7;
        }
        assert_eq!(exp_nonpos(0.0), 1.0);
        assert_eq!(exp_nonpos(f64::NEG_INFINITY), 0.0);
    }
}
