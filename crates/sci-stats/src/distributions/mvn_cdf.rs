//! Multivariate normal box probabilities `P(a ≤ X ≤ b)`, `X ~ N(0, Σ)`: Genz's
//! separation-of-variables method with a randomized quasi-Monte Carlo lattice rule.
//!
//! # The method (Genz 1992; Genz & Bretz 2009, ch. 4)
//!
//! 1. Variables with `a = −∞` and `b = +∞` are integrated out exactly (a marginal of a
//!    normal is normal with the principal submatrix of `Σ`). What remains has `n` variables.
//!    `n = 0` gives 1, `n = 1` the closed form `Φ(b/σ) − Φ(a/σ)`, `n = 2` the deterministic
//!    bivariate algorithm of [`super::bvn`] (as SciPy does).
//! 2. `n ≥ 3`: `Σ` is scaled to a correlation matrix and factored `Σ = L Lᵀ` by a Cholesky
//!    decomposition that *reorders the variables* as it goes (Gibson, Glasbey & Elston 1994):
//!    at step `k` it picks, among the variables left, the one whose conditional probability
//!    `Φ(b̃ᵢ) − Φ(ãᵢ)` given the expected values `yⱼ` of the variables already placed is
//!    smallest, and records `yₖ`, the mean of a standard normal truncated to `(ãₖ, b̃ₖ)`.
//!    Innermost-smallest ordering makes the integrand much flatter. A pivot whose residual
//!    variance is below `(k + 1)·1e-10` (a singular `Σ`) makes its variable a deterministic
//!    function of the earlier ones: its factor becomes the indicator `ãₖ ≤ sₖ ≤ b̃ₖ`.
//! 3. With `X = L Z` and the substitution `zᵢ = Φ⁻¹(dᵢ + wᵢ(eᵢ − dᵢ))`, the probability becomes
//!    an integral over the unit cube `[0, 1]ⁿ⁻¹`:
//!    `f(w) = ∏ᵢ (eᵢ − dᵢ)`, `dᵢ = Φ((aᵢ − sᵢ)/Lᵢᵢ)`, `eᵢ = Φ((bᵢ − sᵢ)/Lᵢᵢ)`,
//!    `sᵢ = Σⱼ<ᵢ Lᵢⱼ zⱼ`.
//! 4. The cube integral is estimated by a *randomized Richtmyer lattice rule*: points
//!    `{k·q + Δ}` (fractional part) with generator `qⱼ = √pⱼ` (`pⱼ` the `j`-th prime), each
//!    periodized by the baker's transform `t ↦ |2t − 1|` and used together with its
//!    *antithetic* point `1 − t`. Ten independent uniform shifts `Δ` give ten batch
//!    estimates; their mean is the estimate and three standard errors of it the error.
//! 5. The rule is repeated with √2 times more points each round (starting from `1000·n`),
//!    the rounds combined with inverse-variance weights, until the error is at most
//!    `max(abseps, releps·p)` or `maxpts` integrand evaluations have been spent.

use rand::{RngExt, SeedableRng, rngs::Xoshiro256PlusPlus};
use rayon::prelude::*;
use sci_core::ndarray::ArrayView2;

use super::bvn::bvn_rect;
use crate::special::{ndtr, ndtri};

/// Independent randomized batches per round.
const BATCHES: usize = 10;
/// Residual variance (of the correlation-scaled matrix) below which a pivot counts as zero.
const SINGULAR_TOL: f64 = 1e-10;

/// Integration settings (SciPy's `maxpts`, `abseps`, `releps`, and the seed of the shifts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct GenzSettings {
    pub maxpts: usize,
    pub abseps: f64,
    pub releps: f64,
    pub seed: u64,
}

/// A probability and its estimated absolute error (0 for the deterministic cases).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct BoxProbability {
    pub value: f64,
    pub error: f64,
}

/// Reduces the problem to the constrained variables: their covariance (row-major) and
/// limits.
fn constrained(cov: ArrayView2<'_, f64>, lower: &[f64], upper: &[f64]) -> (Vec<f64>, Vec<f64>, Vec<f64>) {
    let keep: Vec<usize> =
        (0..lower.len()).filter(|&i| !(lower[i] == f64::NEG_INFINITY && upper[i] == f64::INFINITY)).collect();
    let n = keep.len();
    let mut c = vec![0.0; n * n];
    for (r, &i) in keep.iter().enumerate() {
        for (s, &j) in keep.iter().enumerate() {
            c[r * n + s] = cov[[i, j]];
        }
    }
    (c, keep.iter().map(|&i| lower[i]).collect(), keep.iter().map(|&i| upper[i]).collect())
}

/// `P(lower ≤ X ≤ upper)` for `X ~ N(0, cov)`; requires `lower ≤ upper` (no NaN) and a
/// positive semidefinite `cov`.
pub(crate) fn box_probability(
    cov: ArrayView2<'_, f64>,
    lower: &[f64],
    upper: &[f64],
    settings: &GenzSettings,
) -> BoxProbability {
    let (c, a, b) = constrained(cov, lower, upper);
    let exact = |value: f64| BoxProbability { value, error: 0.0 };
    match a.len() {
        0 => exact(1.0),
        1 => exact(univariate(c[0], a[0], b[0])),
        2 if c[0] > 0.0 && c[3] > 0.0 => {
            let (s0, s1) = (c[0].sqrt(), c[3].sqrt());
            let r = c[1] / (s0 * s1);
            exact(bvn_rect([a[0] / s0, a[1] / s1], [b[0] / s0, b[1] / s1], r))
        }
        _ => Sov::new(&c, a, b).integrate(settings),
    }
}

/// `ln P(X ≤ upper)` where that can be done better than `ln` of the probability: one
/// constrained variable, no lower limit (`log_ndtr`, accurate where the cdf underflows).
pub(crate) fn log_lower_orthant_1d(cov: ArrayView2<'_, f64>, lower: &[f64], upper: &[f64]) -> Option<f64> {
    let (c, a, b) = constrained(cov, lower, upper);
    (a.len() == 1 && a[0] == f64::NEG_INFINITY && c[0] > 0.0)
        .then(|| crate::special::log_ndtr(b[0] / c[0].sqrt()))
}

/// `P(a ≤ X ≤ b)` for `X ~ N(0, var)`, with the complement form in the upper tail.
fn univariate(var: f64, a: f64, b: f64) -> f64 {
    if var <= 0.0 {
        // A point mass at 0.
        return if a <= 0.0 && 0.0 <= b { 1.0 } else { 0.0 };
    }
    let s = var.sqrt();
    let (a, b) = (a / s, b / s);
    if a > 0.0 { ndtr(-a) - ndtr(-b) } else { ndtr(b) - ndtr(a) }
}

/// The reordered, scaled Cholesky factor and limits of the separation of variables.
struct Sov {
    n: usize,
    /// Row-major lower factor; rows of regular variables are divided by their pivot (unit
    /// diagonal), rows of deterministic variables are left as they are.
    l: Vec<f64>,
    a: Vec<f64>,
    b: Vec<f64>,
    /// Whether variable `i` is a deterministic function of the earlier ones.
    deterministic: Vec<bool>,
}

/// Mean of a standard normal truncated to `(lo, hi)` whose probability is `p`.
fn truncated_mean(lo: f64, hi: f64, p: f64) -> f64 {
    const INV_SQRT_2PI: f64 = 0.398_942_280_401_432_7;
    let dens = |x: f64| if x.is_finite() { INV_SQRT_2PI * (-x * x / 2.0).exp() } else { 0.0 };
    if p > SINGULAR_TOL {
        (dens(lo) - dens(hi)) / p
    } else if lo < -10.0 {
        hi
    } else if hi > 10.0 {
        lo
    } else {
        (lo + hi) / 2.0
    }
}

impl Sov {
    /// Scales `cov` (row-major `n × n`) to a correlation matrix and factors it with the
    /// probability-ordered pivoting of the module docs.
    fn new(cov: &[f64], mut a: Vec<f64>, mut b: Vec<f64>) -> Sov {
        let n = a.len();
        let scale: Vec<f64> = (0..n)
            .map(|i| {
                let s = cov[i * n + i].max(0.0).sqrt();
                if s > 0.0 { s } else { 1.0 }
            })
            .collect();
        // `m` holds the Schur complement of the variables not yet placed.
        let mut m: Vec<f64> = (0..n * n).map(|ij| cov[ij] / (scale[ij / n] * scale[ij % n])).collect();
        for i in 0..n {
            a[i] /= scale[i];
            b[i] /= scale[i];
        }
        let mut l = vec![0.0; n * n];
        let mut y = vec![0.0; n];
        let mut deterministic = vec![false; n];
        for k in 0..n {
            // Choose the pivot: smallest conditional probability among the regular variables.
            let mut best: Option<(f64, usize, f64, f64)> = None;
            for i in k..n {
                let v = m[i * n + i];
                if v > SINGULAR_TOL {
                    let sd = v.sqrt();
                    let s: f64 = (0..k).map(|j| l[i * n + j] * y[j]).sum();
                    let (lo, hi) = ((a[i] - s) / sd, (b[i] - s) / sd);
                    let p = ndtr(hi) - ndtr(lo);
                    if best.is_none_or(|(bp, ..)| p < bp) {
                        best = Some((p, i, lo, hi));
                    }
                }
            }
            let pivot = best.map_or(k, |(_, i, ..)| i);
            if pivot != k {
                for j in 0..k {
                    l.swap(k * n + j, pivot * n + j);
                }
                for j in 0..n {
                    m.swap(k * n + j, pivot * n + j);
                }
                for i in 0..n {
                    m.swap(i * n + k, i * n + pivot);
                }
                a.swap(k, pivot);
                b.swap(k, pivot);
            }
            let v = m[k * n + k];
            match best {
                Some((p, _, lo, hi)) if v > (k + 1) as f64 * SINGULAR_TOL => {
                    let sd = v.sqrt();
                    l[k * n + k] = sd;
                    for i in k + 1..n {
                        l[i * n + k] = m[i * n + k] / sd;
                    }
                    for i in k + 1..n {
                        for j in k + 1..n {
                            m[i * n + j] -= l[i * n + k] * l[j * n + k];
                        }
                    }
                    y[k] = truncated_mean(lo, hi, p);
                    for j in 0..=k {
                        l[k * n + j] /= sd;
                    }
                    a[k] /= sd;
                    b[k] /= sd;
                }
                _ => {
                    deterministic[k] = true;
                    l[k * n + k] = 0.0;
                    y[k] = 0.0;
                }
            }
        }
        Sov { n, l, a, b, deterministic }
    }

    /// The integrand `f(w)` at `w ∈ [0, 1]ⁿ⁻¹`; `z` is scratch of length `n`.
    fn eval(&self, w: &[f64], z: &mut [f64]) -> f64 {
        let n = self.n;
        let mut f = 1.0;
        for i in 0..n {
            let row = &self.l[i * n..i * n + i];
            let s: f64 = row.iter().zip(&z[..i]).map(|(lij, zj)| lij * zj).sum();
            z[i] = 0.0;
            if self.deterministic[i] {
                if !(self.a[i] <= s && s <= self.b[i]) {
                    return 0.0;
                }
                continue;
            }
            let d = ndtr(self.a[i] - s);
            let e = ndtr(self.b[i] - s);
            f *= e - d;
            if f <= 0.0 {
                return 0.0;
            }
            if i + 1 < n {
                let u = (d + w[i] * (e - d)).clamp(f64::MIN_POSITIVE, 1.0 - f64::EPSILON / 2.0);
                z[i] = ndtri(u);
            }
        }
        f
    }

    /// Mean of `f` over `count` lattice points shifted by `shift`, each with its antithetic.
    fn batch_mean(&self, q: &[f64], shift: &[f64], count: usize) -> f64 {
        let dim = q.len();
        let mut w = vec![0.0; dim];
        let mut w_anti = vec![0.0; dim];
        let mut z = vec![0.0; self.n];
        let mut sum = 0.0;
        for k in 1..=count {
            let kf = k as f64;
            for j in 0..dim {
                let t = (kf * q[j] + shift[j]).fract();
                w[j] = (2.0 * t - 1.0).abs();
                w_anti[j] = 1.0 - w[j];
            }
            sum += 0.5 * (self.eval(&w, &mut z) + self.eval(&w_anti, &mut z));
        }
        sum / count as f64
    }

    /// The randomized-lattice estimate with the stopping rule of the module docs.
    fn integrate(&self, settings: &GenzSettings) -> BoxProbability {
        let dim = self.n - 1;
        let q: Vec<f64> = first_primes(dim).iter().map(|&p| (p as f64).sqrt().fract()).collect();
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
        let mut points = settings.maxpts.min(1000 * self.n) as f64;
        let mut spent = 0usize;
        let mut estimate: Option<(f64, f64)> = None; // (value, variance)
        loop {
            points = (points * std::f64::consts::SQRT_2).round();
            let count = ((points as usize) / BATCHES).max(1);
            let shifts: Vec<Vec<f64>> =
                (0..BATCHES).map(|_| (0..dim).map(|_| rng.random::<f64>()).collect()).collect();
            let means: Vec<f64> =
                sci_core::install(|| shifts.par_iter().map(|s| self.batch_mean(&q, s, count)).collect());
            spent += 2 * BATCHES * count;
            let mean = means.iter().sum::<f64>() / BATCHES as f64;
            let var =
                means.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (BATCHES * (BATCHES - 1)) as f64;
            let (value, variance) = match estimate {
                Some((p0, v0)) if var > 0.0 && v0 > 0.0 => {
                    let w = v0 / (v0 + var); // weight of the new round
                    (p0 + w * (mean - p0), v0 * var / (v0 + var))
                }
                _ => (mean, var),
            };
            estimate = Some((value, variance));
            let error = 3.0 * variance.sqrt();
            if !value.is_finite()
                || error <= settings.abseps.max(settings.releps * value.abs())
                || spent >= settings.maxpts
            {
                return BoxProbability { value: value.clamp(0.0, 1.0), error };
            }
        }
    }
}

/// The first `count` primes.
fn first_primes(count: usize) -> Vec<u64> {
    let mut primes: Vec<u64> = Vec::with_capacity(count);
    let mut c = 2u64;
    while primes.len() < count {
        if primes.iter().take_while(|&&p| p * p <= c).all(|&p| !c.is_multiple_of(p)) {
            primes.push(c);
        }
        c += 1;
    }
    primes
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::{Array2, array};

    fn settings() -> GenzSettings {
        GenzSettings { maxpts: 3_000_000, abseps: 1e-6, releps: 0.0, seed: 7 }
    }

    #[test]
    fn primes() {
        assert_eq!(first_primes(8), vec![2, 3, 5, 7, 11, 13, 17, 19]);
        assert!(first_primes(0).is_empty());
    }

    #[test]
    fn independent_components_give_a_product() {
        let cov: Array2<f64> = Array2::from_diag(&array![1.0, 4.0, 0.25, 2.0]);
        let lo = [-1.0, f64::NEG_INFINITY, -0.3, 0.1];
        let hi = [0.5, 1.0, 0.8, 2.0];
        let want: f64 = (0..4)
            .map(|i| {
                let s = cov[[i, i]].sqrt();
                ndtr(hi[i] / s) - ndtr(lo[i] / s)
            })
            .product();
        let got = box_probability(cov.view(), &lo, &hi, &settings());
        assert!((got.value - want).abs() < 1e-12, "{got:?} vs {want}");
    }

    #[test]
    fn equicorrelated_orthant_has_a_closed_form() {
        // P(X₁..X₃ > 0) with ρ = 1/2 is 1/4 (Steck's formula, n = 3: 1/8 + 3 asin(ρ)/(4π)).
        let cov = array![[1.0, 0.5, 0.5], [0.5, 1.0, 0.5], [0.5, 0.5, 1.0]];
        let inf = f64::INFINITY;
        let got = box_probability(cov.view(), &[0.0; 3], &[inf; 3], &settings());
        let want = 0.125 + 3.0 * 0.5f64.asin() / (4.0 * std::f64::consts::PI);
        assert!((got.value - want).abs() < 2e-6 && got.error <= 1e-6, "{got:?} vs {want}");
    }

    #[test]
    fn singular_covariance_is_handled() {
        // X₂ = X₁ exactly and X₃ independent: P(X₁ ≤ 0.3, X₂ ≤ -0.2, X₃ ≤ 1) = Φ(−0.2)Φ(1).
        let cov = array![[1.0, 1.0, 0.0], [1.0, 1.0, 0.0], [0.0, 0.0, 1.0]];
        let ninf = f64::NEG_INFINITY;
        let got = box_probability(cov.view(), &[ninf; 3], &[0.3, -0.2, 1.0], &settings());
        let want = ndtr(-0.2) * ndtr(1.0);
        assert!((got.value - want).abs() < 1e-6, "{got:?} vs {want}");
    }

    #[test]
    fn unconstrained_variables_are_dropped() {
        let cov = array![[2.0, 0.3, 0.1], [0.3, 1.0, 0.2], [0.1, 0.2, 1.5]];
        let (ninf, inf) = (f64::NEG_INFINITY, f64::INFINITY);
        let got = box_probability(cov.view(), &[ninf, ninf, ninf], &[inf, 0.4, inf], &settings());
        assert_eq!(got.error, 0.0);
        assert!((got.value - ndtr(0.4)).abs() < 1e-16);
        assert_eq!(box_probability(cov.view(), &[ninf; 3], &[inf; 3], &settings()).value, 1.0);
        assert_eq!(univariate(0.0, -1.0, 0.0), 1.0);
        assert_eq!(univariate(0.0, 0.5, 1.0), 0.0);
    }
}
