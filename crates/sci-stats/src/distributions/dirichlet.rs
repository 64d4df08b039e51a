//! The Dirichlet distribution (`scipy.stats.dirichlet`).

use rand::{Rng, RngExt};
use rand_distr::Distribution;
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};
use sci_core::{Error, Result};

use super::mv_common::{check_vector, sample_rows};
use crate::special::{digamma, gammaln, xlogy};

/// Largest `|Σ xᵢ − 1|` accepted for a point on the simplex (SciPy's `10e-10`).
const SIMPLEX_TOL: f64 = 10e-10;

/// The Dirichlet distribution with concentration parameters `α₁ … α_K` on the simplex
/// `{x : xᵢ ≥ 0, Σ xᵢ = 1}` (`scipy.stats.dirichlet`).
///
/// Density `f(x) = ∏ xᵢ^(αᵢ−1) / B(α)` with `ln B(α) = Σ ln Γ(αᵢ) − ln Γ(α₀)`,
/// `α₀ = Σ αᵢ`. Each marginal `Xᵢ` is `Beta(αᵢ, α₀ − αᵢ)`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::Dirichlet;
/// let d = Dirichlet::new(&array![1.0, 2.0, 3.0])?;
/// let p = d.pdf(&array![[0.2, 0.3, 0.5], [0.1, 0.1, 0.8]])?;
/// assert!((p[0] - 60.0 * 0.3 * 0.25).abs() < 1e-13); // Γ(6)/(Γ(1)Γ(2)Γ(3)) = 60, times x₂ x₃²
/// assert_eq!(d.mean(), array![1.0 / 6.0, 2.0 / 6.0, 3.0 / 6.0]);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Differences from SciPy
/// - Points are the **rows** of `x` (`m × K`, or `m × (K − 1)` with the last component
///   implied); SciPy's `dirichlet` takes the components along the *first* axis.
/// - `α` must be finite; outputs are never squeezed.
#[derive(Debug, Clone, PartialEq)]
pub struct Dirichlet {
    alpha: Array1<f64>,
    alpha0: f64,
    ln_b: f64,
}

impl Dirichlet {
    /// The Dirichlet distribution with concentrations `alpha` (`K ≥ 1` entries, all `> 0`).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Dirichlet;
    /// assert!(Dirichlet::new(&array![0.5, 0.5]).is_ok());
    /// assert!(Dirichlet::new(&array![1.0, 0.0]).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] for an empty `alpha`, [`Error::NonFinite`] for NaN or infinity,
    /// [`Error::InvalidArgument`] unless every `αᵢ > 0` (SciPy's "All parameters must be
    /// greater than 0").
    pub fn new<S: Data<Elem = f64>>(alpha: &ArrayBase<S, Ix1>) -> Result<Dirichlet> {
        check_vector("alpha", alpha)?;
        if let Some((i, a)) = alpha.iter().enumerate().find(|(_, a)| **a <= 0.0) {
            return Err(Error::invalid_argument(
                "alpha",
                format!("all entries must be > 0, but alpha[{i}] = {a}"),
            ));
        }
        let alpha0 = alpha.sum();
        let ln_b = alpha.iter().map(|&a| gammaln(a)).sum::<f64>() - gammaln(alpha0);
        Ok(Dirichlet { alpha: alpha.to_owned(), alpha0, ln_b })
    }

    /// The concentration parameters.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// assert_eq!(sci_stats::Dirichlet::new(&array![2.0, 3.0])?.alpha(), &array![2.0, 3.0]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn alpha(&self) -> &Array1<f64> {
        &self.alpha
    }

    /// Log-density at each row of `x`: `Σ (αᵢ − 1) ln xᵢ − ln B(α)` (with `0·ln 0 = 0`).
    ///
    /// `x` has `K` columns, or `K − 1` and the last component is `1 − Σ xᵢ`. Cost `O(m·K)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Dirichlet;
    /// let d = Dirichlet::new(&array![2.0, 2.0])?; // Beta(2, 2): 6 x (1 − x)
    /// let lp = d.logpdf(&array![[0.25]])?;        // the last component is implied
    /// assert!((lp[0] - (6.0f64 * 0.25 * 0.75).ln()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// SciPy's input checks, for any point:
    /// [`Error::ShapeMismatch`] unless `x` has `K` or `K − 1` columns;
    /// [`Error::InvalidArgument`] if a component is negative or above 1, is 0 where its
    /// `αᵢ < 1`, or a point's components do not sum to 1 within `1e-9`.
    /// A point with a NaN coordinate gives NaN (as in SciPy).
    pub fn logpdf<S: Data<Elem = f64>>(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<f64>> {
        let k = self.alpha.len();
        let cols = x.ncols();
        if cols != k && cols + 1 != k {
            return Err(Error::shape_mismatch(
                "x",
                format!("{k} or {} columns (one row per point)", k - 1),
                format!("{cols} columns"),
            ));
        }
        let mut out = Array1::zeros(x.nrows());
        let mut point = vec![0.0; k];
        for (r, row) in x.rows().into_iter().enumerate() {
            for (p, v) in point.iter_mut().zip(row.iter()) {
                *p = *v;
            }
            if cols + 1 == k {
                point[k - 1] = 1.0 - row.sum();
            }
            if point.iter().any(|v| v.is_nan()) {
                out[r] = f64::NAN;
                continue;
            }
            self.check_point(r, &point)?;
            out[r] = self.alpha.iter().zip(&point).map(|(&a, &v)| xlogy(a - 1.0, v)).sum::<f64>() - self.ln_b;
        }
        Ok(out)
    }

    /// SciPy's checks of one point (row `r`).
    fn check_point(&self, r: usize, point: &[f64]) -> Result<()> {
        for (i, &v) in point.iter().enumerate() {
            let why = if v < 0.0 {
                "must be >= 0"
            } else if v > 1.0 {
                "must be <= 1"
            } else if v == 0.0 && self.alpha[i] < 1.0 {
                "must be > 0 where alpha < 1"
            } else {
                continue;
            };
            return Err(Error::invalid_argument("x", format!("component {i} of point {r} is {v}; it {why}")));
        }
        let sum: f64 = point.iter().sum();
        if (sum - 1.0).abs() > SIMPLEX_TOL {
            return Err(Error::invalid_argument(
                "x",
                format!("point {r} must lie on the simplex (components summing to 1), but they sum to {sum}"),
            ));
        }
        Ok(())
    }

    /// Density at each row of `x`: `exp(logpdf)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Dirichlet;
    /// let d = Dirichlet::new(&array![1.0, 1.0, 1.0])?; // uniform on the triangle: 2
    /// assert!((d.pdf(&array![[0.1, 0.6, 0.3]])?[0] - 2.0).abs() < 1e-14);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As for [`logpdf`](Self::logpdf).
    pub fn pdf<S: Data<Elem = f64>>(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<f64>> {
        Ok(self.logpdf(x)?.mapv(f64::exp))
    }

    /// The mean `αᵢ/α₀`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// assert_eq!(sci_stats::Dirichlet::new(&array![1.0, 3.0])?.mean(), array![0.25, 0.75]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn mean(&self) -> Array1<f64> {
        self.alpha.mapv(|a| a / self.alpha0)
    }

    /// The marginal variances `αᵢ(α₀ − αᵢ)/(α₀²(α₀ + 1))`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let v = sci_stats::Dirichlet::new(&array![1.0, 3.0])?.var();
    /// assert!((v[0] - 3.0 / 80.0).abs() < 1e-17);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn var(&self) -> Array1<f64> {
        let a0 = self.alpha0;
        self.alpha.mapv(|a| a * (a0 - a) / (a0 * a0 * (a0 + 1.0)))
    }

    /// The covariance matrix `(diag(a) − a aᵀ)/(α₀ + 1)` with `a = α/α₀`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let c = sci_stats::Dirichlet::new(&array![1.0, 3.0])?.cov();
    /// assert!((c[[0, 1]] + 3.0 / 80.0).abs() < 1e-17);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn cov(&self) -> Array2<f64> {
        let a = self.mean();
        let k = a.len();
        let scale = self.alpha0 + 1.0;
        Array2::from_shape_fn((k, k), |(i, j)| {
            let diag = if i == j { a[i] } else { 0.0 };
            (diag - a[i] * a[j]) / scale
        })
    }

    /// Differential entropy in nats:
    /// `ln B(α) + (α₀ − K) ψ(α₀) − Σ (αᵢ − 1) ψ(αᵢ)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// // Uniform on the triangle (area-normalised density 2): entropy −ln 2.
    /// let h = sci_stats::Dirichlet::new(&array![1.0, 1.0, 1.0])?.entropy();
    /// assert!((h + 2.0f64.ln()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn entropy(&self) -> f64 {
        let k = self.alpha.len() as f64;
        let tail: f64 = self.alpha.iter().map(|&a| (a - 1.0) * digamma(a)).sum();
        self.ln_b + (self.alpha0 - k) * digamma(self.alpha0) - tail
    }

    /// `size` random points as the rows of a `size × K` array, by normalising independent
    /// gamma variates `Gᵢ ~ Gamma(αᵢ)`. The gammas are drawn in log space
    /// (`ln G = ln Gamma(α + 1) + ln U / α` for `α < 1`), so even tiny `α` never give 0/0.
    /// Not SciPy's stream; same result for a given seed whatever the number of threads.
    ///
    /// ```
    /// use sci_core::ndarray::{array, Axis};
    /// use sci_stats::Dirichlet;
    /// use sci_stats::rand::{SeedableRng, rngs::StdRng};
    /// let x = Dirichlet::new(&array![2.0, 5.0, 3.0])?.rvs(10_000, &mut StdRng::seed_from_u64(7));
    /// assert!(x.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-14));
    /// assert!((x.mean_axis(Axis(0)).unwrap()[1] - 0.5).abs() < 0.01);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn rvs<R: Rng + ?Sized>(&self, size: usize, rng: &mut R) -> Array2<f64> {
        let k = self.alpha.len();
        // Gamma(α) for α ≥ 1 and Gamma(α + 1) for α < 1; the shapes are valid by construction.
        let gammas: Vec<Option<rand_distr::Gamma<f64>>> = self
            .alpha
            .iter()
            .map(|&a| rand_distr::Gamma::new(if a < 1.0 { a + 1.0 } else { a }, 1.0).ok())
            .collect();
        sample_rows(size, k, rng, |g, row: &mut [f64]| {
            for ((out, &a), gamma) in row.iter_mut().zip(&self.alpha).zip(&gammas) {
                let draw = gamma.as_ref().map_or(f64::NAN, |d| d.sample(g));
                *out = if a < 1.0 {
                    let u: f64 = g.random();
                    draw.ln() + (1.0 - u).ln() / a
                } else {
                    draw.ln()
                };
            }
            let max = row.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let mut total = 0.0;
            for v in row.iter_mut() {
                *v = (*v - max).exp();
                total += *v;
            }
            for v in row.iter_mut() {
                *v /= total;
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use sci_core::ndarray::array;

    #[test]
    fn tiny_alpha_samples_stay_on_the_simplex() {
        let d = Dirichlet::new(&array![1e-3, 2e-3, 5e-4]).unwrap();
        let x = d.rvs(2000, &mut rand::rngs::StdRng::seed_from_u64(1));
        assert!(x.iter().all(|v| v.is_finite() && *v >= 0.0));
        assert!(x.rows().into_iter().all(|r| (r.sum() - 1.0).abs() < 1e-14));
    }
}
