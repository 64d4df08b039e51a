//! The multinomial distribution (`scipy.stats.multinomial`).

use rand::Rng;
use rand_distr::{Binomial, Distribution};
use sci_core::ndarray::{Array1, Array2, ArrayBase, Data, Ix1, Ix2};
use sci_core::{Error, Result};

use super::discrete::{Binom, DiscreteDistribution};
use super::mv_common::{check_points, check_vector, sample_rows};
use crate::special::{gammaln, xlogy};

/// The multinomial distribution: counts of `n` independent trials falling into `K`
/// categories with probabilities `p` (`scipy.stats.multinomial`).
///
/// `pmf(x) = n! ∏ pᵢ^xᵢ / xᵢ!` on non-negative integer vectors with `Σ xᵢ = n`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::Multinomial;
/// let m = Multinomial::new(8, &array![0.3, 0.2, 0.5])?;
/// let p = m.pmf(&array![[1.0, 3.0, 4.0]])?;
/// assert!((p[0] - 0.042).abs() < 1e-15);
/// assert!((&m.mean() - &array![2.4, 1.6, 4.0]).iter().all(|d| d.abs() < 1e-15));
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Differences from SciPy
/// - Invalid `p` (an entry outside `[0, 1]`, after the adjustment below) is an error at
///   construction; SciPy returns NaN from every method. `n` is a `u64`, so it cannot be
///   negative.
/// - As in SciPy 1.17, if `|1 − Σ pᵢ| > 10·f64::EPSILON` the last entry is replaced by
///   `1 − Σᵢ<K pᵢ` ([`p`](Self::p) shows the probabilities used). SciPy 1.17 also emits a
///   `FutureWarning` announcing NaN results for such `p` from SciPy 1.18 on.
/// - Points are the rows of a 2-D array and outputs are never squeezed; a NaN count gives
///   NaN (SciPy casts it to an integer).
#[derive(Debug, Clone, PartialEq)]
pub struct Multinomial {
    n: u64,
    p: Array1<f64>,
}

impl Multinomial {
    /// `n` trials with category probabilities `p`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Multinomial;
    /// // p does not sum to 1: the last entry is adjusted, as in SciPy 1.17.
    /// let m = Multinomial::new(5, &array![0.2, 0.3, 0.1])?;
    /// assert!((m.p()[2] - 0.5).abs() < 1e-16);
    /// // ... unless that makes it negative.
    /// assert!(Multinomial::new(5, &array![0.7, 0.6, 0.1]).is_err());
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`] for an empty `p`, [`Error::NonFinite`] for NaN or infinity,
    /// [`Error::InvalidArgument`] if an entry of the (adjusted) `p` lies outside `[0, 1]`.
    pub fn new<S: Data<Elem = f64>>(n: u64, p: &ArrayBase<S, Ix1>) -> Result<Multinomial> {
        check_vector("p", p)?;
        let mut p = p.to_owned();
        let k = p.len();
        if (1.0 - p.sum()).abs() > 10.0 * f64::EPSILON {
            p[k - 1] = 1.0 - p.iter().take(k - 1).sum::<f64>();
        }
        if let Some((i, v)) = p.iter().enumerate().find(|(_, v)| !(0.0..=1.0).contains(*v)) {
            let adjusted =
                if i == k - 1 { " (after setting the last entry to 1 minus the others)" } else { "" };
            return Err(Error::invalid_argument(
                "p",
                format!("entries must lie in [0, 1], but p[{i}] = {v}{adjusted}"),
            ));
        }
        Ok(Multinomial { n, p })
    }

    /// The number of trials.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// assert_eq!(sci_stats::Multinomial::new(4, &array![0.5, 0.5])?.n(), 4);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn n(&self) -> u64 {
        self.n
    }

    /// The category probabilities in use (after SciPy's adjustment of the last entry).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// assert_eq!(sci_stats::Multinomial::new(4, &array![0.5, 0.5])?.p(), &array![0.5, 0.5]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn p(&self) -> &Array1<f64> {
        &self.p
    }

    /// Log of the probability mass at each row of `x` (`m × K`):
    /// `ln n! + Σ (xᵢ ln pᵢ − ln xᵢ!)`, with `0·ln 0 = 0`. Rows that are not non-negative
    /// integers summing to `n` give `−∞`; a row with NaN gives NaN. Cost `O(m·K)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Multinomial;
    /// let m = Multinomial::new(3, &array![0.5, 0.5])?;
    /// let lp = m.logpmf(&array![[1.0, 2.0], [1.5, 1.5], [1.0, 1.0]])?;
    /// assert!((lp[0] - 0.375f64.ln()).abs() < 1e-15);
    /// assert_eq!(lp[1], f64::NEG_INFINITY); // not integers
    /// assert_eq!(lp[2], f64::NEG_INFINITY); // does not sum to n
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] unless `x` has `K` columns.
    pub fn logpmf<S: Data<Elem = f64>>(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<f64>> {
        check_points("x", x, self.p.len())?;
        let n = self.n as f64;
        let ln_n_fact = gammaln(n + 1.0);
        Ok(x.rows()
            .into_iter()
            .map(|row| {
                if row.iter().any(|v| v.is_nan()) {
                    return f64::NAN;
                }
                let valid = row.iter().all(|&v| v >= 0.0 && v == v.floor()) && row.sum() == n;
                if !valid {
                    return f64::NEG_INFINITY;
                }
                ln_n_fact
                    + row.iter().zip(&self.p).map(|(&xi, &pi)| xlogy(xi, pi) - gammaln(xi + 1.0)).sum::<f64>()
            })
            .collect())
    }

    /// Probability mass at each row of `x`: `exp(logpmf)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Multinomial;
    /// let m = Multinomial::new(7, &array![0.4, 0.6])?; // the binomial distribution
    /// assert!((m.pmf(&array![[3.0, 4.0]])?[0] - 0.290304).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// As for [`logpmf`](Self::logpmf).
    pub fn pmf<S: Data<Elem = f64>>(&self, x: &ArrayBase<S, Ix2>) -> Result<Array1<f64>> {
        Ok(self.logpmf(x)?.mapv(f64::exp))
    }

    /// The mean `n·p`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// assert_eq!(sci_stats::Multinomial::new(4, &array![0.25, 0.75])?.mean(), array![1.0, 3.0]);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn mean(&self) -> Array1<f64> {
        self.p.mapv(|pi| self.n as f64 * pi)
    }

    /// The covariance matrix `n (diag(p) − p pᵀ)`.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// let c = sci_stats::Multinomial::new(4, &array![0.3, 0.7])?.cov();
    /// assert!((c[[0, 0]] - 0.84).abs() < 1e-15 && (c[[0, 1]] + 0.84).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn cov(&self) -> Array2<f64> {
        let n = self.n as f64;
        let k = self.p.len();
        Array2::from_shape_fn((k, k), |(i, j)| {
            let off = n * (-self.p[i] * self.p[j]);
            if i == j { off + n * self.p[i] } else { off }
        })
    }

    /// Entropy in nats, by SciPy's formula
    /// `−ln n! − n Σ pᵢ ln pᵢ + Σᵢ Σₓ₌₁ⁿ Binom(n, pᵢ).pmf(x) · ln x!`.
    ///
    /// The inner sums run outward from each binomial mode and stop once the mass has
    /// underflowed to 0 on both sides, so the cost is `O(K·min(n, √n·40))` rather than SciPy's
    /// `O(K·n)` (the terms skipped are exactly 0 in double precision).
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// // n = 1: a categorical distribution, entropy −Σ pᵢ ln pᵢ.
    /// let h = sci_stats::Multinomial::new(1, &array![0.2, 0.8])?.entropy();
    /// assert!((h + 0.2 * 0.2f64.ln() + 0.8 * 0.8f64.ln()).abs() < 1e-15);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn entropy(&self) -> f64 {
        let n = self.n as f64;
        let entr: f64 = self.p.iter().map(|&pi| -xlogy(pi, pi)).sum();
        let mut h = n * entr - gammaln(n + 1.0);
        for &pi in &self.p {
            h += self.binomial_log_factorial_mean(pi);
        }
        h
    }

    /// `Σₓ₌₁ⁿ Binom(n, p).pmf(x) · ln x!`, summed outward from the mode.
    ///
    /// The sum is of order `ln(np)!` while the entropy it enters is far smaller, so it is
    /// centred on `L = ln m!` at the mode `m`:
    /// `Σ pmf(x)(ln x! − L) + L·(1 − (1 − p)ⁿ)`, the second part exact. The rounding of the
    /// pmf then only multiplies the small differences `ln x! − L`.
    fn binomial_log_factorial_mean(&self, p: f64) -> f64 {
        let nf = self.n as f64;
        let Ok(b) = Binom::new(nf, p, 0.0) else {
            return f64::NAN;
        };
        let mode = ((nf + 1.0) * p).floor().min(nf) as u64;
        let centre = gammaln(mode as f64 + 1.0);
        let excess = |x: u64| gammaln(x as f64 + 1.0) - centre;
        let mass = -(nf * (-p).ln_1p()).exp_m1(); // P(X >= 1)
        let mut sum = 0.0;
        let mut x = mode.max(1);
        while x <= self.n {
            let pmf = b.pmf(x as f64);
            sum += pmf * excess(x);
            if pmf == 0.0 && x > mode {
                break;
            }
            x += 1;
        }
        let mut x = mode.max(1);
        while x > 1 {
            x -= 1;
            let pmf = b.pmf(x as f64);
            sum += pmf * excess(x);
            if pmf == 0.0 {
                break;
            }
        }
        sum + centre * mass
    }

    /// `size` random count vectors as the rows of a `size × K` array, by conditional
    /// binomial draws: `x₁ ~ Bin(n, p₁)`, `x₂ ~ Bin(n − x₁, p₂/(1 − p₁))`, … Not SciPy's
    /// stream; same result for a given seed whatever the number of threads.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::Multinomial;
    /// use sci_stats::rand::{SeedableRng, rngs::StdRng};
    /// let m = Multinomial::new(10, &array![0.2, 0.3, 0.5])?;
    /// let x = m.rvs(1000, &mut StdRng::seed_from_u64(3));
    /// assert!(x.rows().into_iter().all(|r| r.sum() == 10));
    /// let as_f64 = x.mapv(|v| v as f64); // for pmf
    /// assert!(m.pmf(&as_f64)?.iter().all(|&p| p > 0.0));
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    pub fn rvs<R: Rng + ?Sized>(&self, size: usize, rng: &mut R) -> Array2<u64> {
        let k = self.p.len();
        // Conditional probabilities pᵢ / Σⱼ≥ᵢ pⱼ from suffix sums (1 once nothing follows).
        let mut cond = vec![1.0; k];
        let mut suffix = 0.0;
        for i in (0..k).rev() {
            suffix += self.p[i];
            let rest = suffix - self.p[i];
            cond[i] = if rest > 0.0 && suffix > 0.0 { (self.p[i] / suffix).clamp(0.0, 1.0) } else { 1.0 };
        }
        sample_rows(size, k, rng, |g, row: &mut [u64]| {
            let mut left = self.n;
            for (out, &q) in row.iter_mut().zip(&cond) {
                *out = if left == 0 {
                    0
                } else if q >= 1.0 {
                    left
                } else {
                    Binomial::new(left, q).map_or(0, |d| d.sample(g)).min(left)
                };
                left -= *out;
            }
        })
    }
}
