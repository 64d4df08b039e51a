//! Kolmogorov-Smirnov tests: `kstest`/`ks_1samp` (a sample against a cdf) and `ks_2samp`.

use sci_core::ndarray::{ArrayBase, Data, Ix1};
use sci_core::{Error, Result};

use crate::common::{Alternative, Nan, NanPolicy, nan_state, sort};
use crate::distributions::kolmogorov::{kolmogn, kolmogorov_sf, smirnov_sf};

/// The result of a Kolmogorov-Smirnov test (SciPy's `KstestResult`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KstestResult {
    /// The KS statistic: the largest (signed, per `alternative`) distance between the
    /// distribution functions.
    pub statistic: f64,
    /// The p-value.
    pub pvalue: f64,
    /// The data value at which the statistic is attained.
    pub statistic_location: f64,
    /// `+1` if the empirical cdf of the (first) sample lies above the other cdf there, `−1`
    /// if below.
    pub statistic_sign: i8,
}

/// How the p-value of a KS test is computed (SciPy's `method`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum KsMethod {
    /// `'auto'`, the default: exact for one sample; for two samples exact when the larger has
    /// at most 10 000 values, else asymptotic.
    #[default]
    Auto,
    /// The exact null distribution (`'exact'`).
    Exact,
    /// The asymptotic distribution (`'asymp'`).
    Asymp,
    /// One sample only: twice the one-sided exact p-value (`'approx'`).
    Approx,
}

/// Options of [`kstest_with`] and [`ks_2samp_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KstestOptions {
    /// The alternative (default [`Alternative::TwoSided`]). `Less`: the cdf of the (first)
    /// sample lies below the other somewhere (statistic `D⁻`); `Greater`: above (`D⁺`).
    pub alternative: Alternative,
    /// The p-value method (default [`KsMethod::Auto`]).
    pub method: KsMethod,
    /// NaN handling (default [`NanPolicy::Propagate`]).
    pub nan_policy: NanPolicy,
}

const NAN_RESULT: KstestResult =
    KstestResult { statistic: f64::NAN, pvalue: f64::NAN, statistic_location: f64::NAN, statistic_sign: 0 };

/// Sorted sample after its NaN policy, `None` if NaN propagates.
fn sorted<S: Data<Elem = f64>>(
    what: &str,
    x: &ArrayBase<S, Ix1>,
    policy: NanPolicy,
) -> Result<Option<Vec<f64>>> {
    let mut v = clean(what, x, policy)?;
    if let Some(v) = v.as_mut() {
        sort(v);
    }
    Ok(v)
}

/// The sample after its NaN policy (`None` when NaN propagates), unsorted.
fn clean<S: Data<Elem = f64>>(
    what: &str,
    x: &ArrayBase<S, Ix1>,
    policy: NanPolicy,
) -> Result<Option<Vec<f64>>> {
    Ok(match nan_state(what, x, policy)? {
        Nan::Propagate => None,
        Nan::Clean { omit } => Some(x.iter().copied().filter(|a| !(omit && a.is_nan())).collect()),
    })
}

/// `(v, F₁(v) − F₂(v))` for each `v` of the ascending `points`, where `Fᵢ` is the empirical
/// cdf of the ascending sample `dᵢ` (the count of values `≤ v` over the size). The counts come
/// from pointers that only move forward, so the walk is linear instead of two binary searches
/// per point.
fn ecdf_differences<'a>(
    points: &'a [f64],
    d1: &'a [f64],
    d2: &'a [f64],
) -> impl Iterator<Item = (f64, f64)> + 'a {
    let (n1, n2) = (d1.len() as f64, d2.len() as f64);
    let (mut i1, mut i2) = (0usize, 0usize);
    points.iter().map(move |&v| {
        while i1 < d1.len() && d1[i1] <= v {
            i1 += 1;
        }
        while i2 < d2.len() && d2[i2] <= v {
            i2 += 1;
        }
        (v, i1 as f64 / n1 - i2 as f64 / n2)
    })
}

/// One-sample Kolmogorov-Smirnov test of `x` against a continuous cdf
/// (`scipy.stats.kstest(x, cdf)` / `ks_1samp`).
///
/// `D⁺ = max(i/n − F(x₍ᵢ₎))`, `D⁻ = max(F(x₍ᵢ₎) − (i−1)/n)`; the two-sided p-value comes from
/// the exact distribution of `Dₙ` (Simard and L'Ecuyer's method selection), one-sided ones
/// from the exact Smirnov distribution. O(n log n).
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{kstest, ContinuousDistribution, Norm};
/// let x = array![-1.2, -0.4, 0.1, 0.3, 0.8, 1.5, 2.1];
/// let n = Norm::standard();
/// let r = kstest(&x, |v| n.cdf(v))?;
/// assert!((r.statistic - 0.2541135515627433).abs() < 1e-15);
/// assert!(r.pvalue > 0.5);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] for an empty sample; [`Error::NonFinite`] for NaN under
/// [`NanPolicy::Raise`].
///
/// # Differences from SciPy
/// The distribution is given as a cdf closure (SciPy also accepts a name or a second sample).
pub fn kstest<S, F>(x: &ArrayBase<S, Ix1>, cdf: F) -> Result<KstestResult>
where
    S: Data<Elem = f64>,
    F: Fn(f64) -> f64,
{
    kstest_with(x, cdf, &KstestOptions::default())
}

/// [`kstest`] with SciPy's `alternative`, `method` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{kstest_with, Alternative, ContinuousDistribution, KstestOptions, Norm};
/// let x = array![-1.2, -0.4, 0.1, 0.3, 0.8, 1.5, 2.1];
/// let n = Norm::standard();
/// let o = KstestOptions { alternative: Alternative::Less, ..Default::default() };
/// let r = kstest_with(&x, |v| n.cdf(v), &o)?;
/// assert_eq!(r.statistic_sign, -1);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`kstest`]. ([`KsMethod::Approx`] and [`KsMethod::Asymp`] affect only the two-sided
/// test; one-sided p-values are always exact, as in SciPy.)
pub fn kstest_with<S, F>(x: &ArrayBase<S, Ix1>, cdf: F, options: &KstestOptions) -> Result<KstestResult>
where
    S: Data<Elem = f64>,
    F: Fn(f64) -> f64,
{
    let Some(v) = sorted("x", x, options.nan_policy)? else { return Ok(NAN_RESULT) };
    if v.is_empty() {
        return Err(Error::empty("x"));
    }
    let n = v.len();
    let nf = n as f64;
    let (mut dplus, mut dplus_at) = (f64::NEG_INFINITY, f64::NAN);
    let (mut dminus, mut dminus_at) = (f64::NEG_INFINITY, f64::NAN);
    for (i, &xi) in v.iter().enumerate() {
        let f = cdf(xi);
        let p = (i + 1) as f64 / nf - f;
        let m = f - i as f64 / nf;
        if p > dplus {
            dplus = p;
            dplus_at = xi;
        }
        if m > dminus {
            dminus = m;
            dminus_at = xi;
        }
    }
    Ok(match options.alternative {
        Alternative::Greater => KstestResult {
            statistic: dplus,
            pvalue: smirnov_sf(n, dplus),
            statistic_location: dplus_at,
            statistic_sign: 1,
        },
        Alternative::Less => KstestResult {
            statistic: dminus,
            pvalue: smirnov_sf(n, dminus),
            statistic_location: dminus_at,
            statistic_sign: -1,
        },
        Alternative::TwoSided => {
            let (d, at, sign) = if dplus > dminus { (dplus, dplus_at, 1) } else { (dminus, dminus_at, -1) };
            let p = match options.method {
                KsMethod::Asymp => kolmogorov_sf(d * nf.sqrt()),
                KsMethod::Approx => 2.0 * smirnov_sf(n, d),
                KsMethod::Auto | KsMethod::Exact => kolmogn(n, d, false),
            };
            KstestResult {
                statistic: d,
                pvalue: p.clamp(0.0, 1.0),
                statistic_location: at,
                statistic_sign: sign,
            }
        }
    })
}

fn gcd(mut a: usize, mut b: usize) -> usize {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Two-sample Kolmogorov-Smirnov test of whether `x` and `y` come from the same continuous
/// distribution (`scipy.stats.ks_2samp`).
///
/// The statistic is the largest distance between the two empirical cdfs. Exact p-values
/// count the lattice paths of the merged ranking that reach the statistic: closed forms for
/// equal sizes, else a dynamic program over the `n₁ × n₂` lattice (O(n₁n₂)); asymptotic
/// ones use the exact one-sample distribution at `round(n₁n₂/(n₁+n₂))` (two-sided) or
/// Hodges' approximation (one-sided), as SciPy. Sorting is O(N log N).
///
/// ```
/// use sci_core::ndarray::array;
/// let x = array![0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64];
/// let y = array![2.09, 1.58, 2.49, 1.21, 0.77, 1.12, 2.35, 1.48, 0.62];
/// let r = sci_stats::ks_2samp(&x, &y)?;
/// assert!((r.statistic - 0.9).abs() < 1e-15);
/// assert!(r.pvalue < 1e-3);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::Empty`] if a sample is empty; [`Error::NonFinite`] for NaN under
/// [`NanPolicy::Raise`].
pub fn ks_2samp<S1, S2>(x: &ArrayBase<S1, Ix1>, y: &ArrayBase<S2, Ix1>) -> Result<KstestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    ks_2samp_with(x, y, &KstestOptions::default())
}

/// [`ks_2samp`] with SciPy's `alternative`, `method` and `nan_policy`.
///
/// ```
/// use sci_core::ndarray::array;
/// use sci_stats::{ks_2samp_with, KsMethod, KstestOptions};
/// let x = array![0.61, 0.29, 0.06, 0.59, -1.73, -0.74, 0.51, -0.56, 0.39, 1.64];
/// let y = array![2.09, 1.58, 2.49, 1.21, 0.77, 1.12, 2.35, 1.48, 0.62];
/// let r = ks_2samp_with(&x, &y, &KstestOptions { method: KsMethod::Asymp, ..Default::default() })?;
/// assert!(r.pvalue < 1e-2);
/// # Ok::<(), sci_core::Error>(())
/// ```
///
/// # Errors
/// As [`ks_2samp`].
pub fn ks_2samp_with<S1, S2>(
    x: &ArrayBase<S1, Ix1>,
    y: &ArrayBase<S2, Ix1>,
    options: &KstestOptions,
) -> Result<KstestResult>
where
    S1: Data<Elem = f64>,
    S2: Data<Elem = f64>,
{
    let (Some(mut d1), Some(mut d2)) =
        (clean("x", x, options.nan_policy)?, clean("y", y, options.nan_policy)?)
    else {
        return Ok(NAN_RESULT);
    };
    sci_core::install(|| rayon::join(|| sort(&mut d1), || sort(&mut d2)));
    if d1.is_empty() || d2.is_empty() {
        return Err(Error::empty(if d1.is_empty() { "x" } else { "y" }));
    }
    let (n1, n2) = (d1.len(), d2.len());
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    // Differences of the empirical cdfs at every data value, in SciPy's order (the sorted
    // first sample, then the sorted second), keeping the first extreme of each sign.
    let (mut max_d, mut max_at) = (f64::NEG_INFINITY, f64::NAN);
    let (mut min_d, mut min_at) = (f64::INFINITY, f64::NAN);
    for points in [&d1, &d2] {
        for (v, d) in ecdf_differences(points, &d1, &d2) {
            if d > max_d {
                max_d = d;
                max_at = v;
            }
            if d < min_d {
                min_d = d;
                min_at = v;
            }
        }
    }
    let min_s = (-min_d).clamp(0.0, 1.0);
    let max_s = max_d;
    let (mut d, location, sign) = if options.alternative == Alternative::Less
        || (options.alternative == Alternative::TwoSided && min_s > max_s)
    {
        (min_s, min_at, -1i8)
    } else {
        (max_s, max_at, 1i8)
    };
    let g = gcd(n1, n2);
    let method = match options.method {
        KsMethod::Auto | KsMethod::Approx => {
            if n1.max(n2) <= 10_000 {
                KsMethod::Exact
            } else {
                KsMethod::Asymp
            }
        }
        m => m,
    };
    let mut prob = f64::NAN;
    let mut exact_ok = false;
    if method == KsMethod::Exact {
        let lcm = (n1 / g) as f64 * n2f;
        let h = (d * lcm).round();
        d = h / lcm;
        if let Some(p) = exact_2samp(n1, n2, g, h as usize, options.alternative) {
            prob = p;
            exact_ok = true;
        }
    }
    if !exact_ok {
        let (m, n) = if n1f >= n2f { (n1f, n2f) } else { (n2f, n1f) };
        let en = m * n / (m + n);
        prob = if options.alternative == Alternative::TwoSided {
            kolmogn(en.round() as usize, d, false)
        } else {
            let z = en.sqrt() * d;
            (-2.0 * z * z - 2.0 * z * (m + 2.0 * n) / (m * n * (m + n)).sqrt() / 3.0).exp()
        };
    }
    Ok(KstestResult {
        statistic: d,
        pvalue: prob.clamp(0.0, 1.0),
        statistic_location: location,
        statistic_sign: sign,
    })
}

/// Exact `P(D >= h/lcm)` under the null hypothesis, or `None` when it cannot be computed
/// (the lattice is too large).
fn exact_2samp(n1: usize, n2: usize, g: usize, h: usize, alternative: Alternative) -> Option<f64> {
    if h == 0 {
        return Some(1.0);
    }
    if n1 == n2 {
        let n = n1;
        return Some(match alternative {
            Alternative::TwoSided => {
                // Alternating sum over reflections of paths leaving the band |x − y| < h.
                let mut p = 0.0;
                let mut k = (n / h) as i64;
                while k >= 0 {
                    let ku = k as usize;
                    let mut p1 = 1.0;
                    for j in 0..h {
                        let num = n as f64 - (ku * h) as f64 - j as f64;
                        p1 = num * p1 / (n + ku * h + j + 1) as f64;
                    }
                    p = p1 * (1.0 - p);
                    k -= 1;
                }
                2.0 * p
            }
            _ => (0..h).map(|j| (n - j) as f64 / (n + j + 1) as f64).product(),
        });
    }
    if (n1 as f64) * (n2 as f64) > 4e8 {
        return None;
    }
    // Probability that a uniformly random lattice path from (0, 0) to (i, j) has touched the
    // boundary; i counts values of the first sample, j of the second.
    let hg = (h * g) as i64;
    let (n1i, n2i) = (n1 as i64, n2 as i64);
    let outside = |i: usize, j: usize| {
        let v = i as i64 * n2i - j as i64 * n1i;
        match alternative {
            Alternative::TwoSided => v.abs() >= hg,
            Alternative::Greater => v >= hg,
            Alternative::Less => -v >= hg,
        }
    };
    let mut row = vec![0.0f64; n2 + 1];
    for j in 0..=n2 {
        row[j] = if j > 0 && (outside(0, j) || row[j - 1] == 1.0) { 1.0 } else { 0.0 };
    }
    for i in 1..=n1 {
        row[0] = if outside(i, 0) || row[0] == 1.0 { 1.0 } else { 0.0 };
        for j in 1..=n2 {
            row[j] = if outside(i, j) {
                1.0
            } else {
                let t = (i + j) as f64;
                (i as f64 / t) * row[j] + (j as f64 / t) * row[j - 1]
            };
        }
    }
    Some(row[n2])
}
