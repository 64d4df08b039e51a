//! Maximum-likelihood fits that `anderson` needs beyond the closed-form ones: logistic,
//! Gumbel and three-parameter Weibull, each reduced to one-dimensional root finding.

use sci_core::{Error, Result};

use crate::roots::{bracket_positive, brent};
use crate::special::expit;

fn not_converged(what: &str) -> Error {
    Error::NotConverged { what: format!("anderson: maximum-likelihood fit of {what}"), iterations: None }
}

/// The Gumbel (right-skewed) maximum-likelihood `(loc, scale)`: the scale solves
/// `x̄ − Σ xᵢ e^{−xᵢ/s} / Σ e^{−xᵢ/s} − s = 0` (unique root, searched from `[½, 2]` outward as
/// SciPy), then `loc = −s (ln Σ e^{−xᵢ/s} − ln n)`. `x` must not be constant.
pub(crate) fn gumbel_r(x: &[f64]) -> Result<(f64, f64)> {
    let n = x.len() as f64;
    let mean = x.iter().sum::<f64>() / n;
    let xmin = x.iter().copied().fold(f64::INFINITY, f64::min);
    // ln Σ e^{−xᵢ/s} and the weighted mean, shifted by the largest exponent −min(x)/s.
    let weighted = |s: f64| {
        let (mut sw, mut swx) = (0.0, 0.0);
        for &v in x {
            let w = (-(v - xmin) / s).exp();
            sw += w;
            swx += w * v;
        }
        (sw, swx / sw)
    };
    let h = |s: f64| mean - weighted(s).1 - s;
    let (lo, hi) = bracket_positive(h, 0.5, 2.0).ok_or_else(|| not_converged("gumbel"))?;
    let s = brent(h, lo, hi, 1e-300).ok_or_else(|| not_converged("gumbel"))?;
    let (sw, _) = weighted(s);
    let lse = sw.ln() - xmin / s;
    Ok((-s * (lse - n.ln()), s))
}

/// The logistic maximum-likelihood `(loc, scale)`, the root of SciPy's score equations
/// `Σ expit(−tᵢ) = n/2` and `Σ tᵢ tanh(tᵢ/2) = n`, `tᵢ = (xᵢ − a)/b`: for each `b` the
/// first fixes `a(b)` (it is monotone in `a`), and `b` solves the second along `a(b)`.
pub(crate) fn logistic(x: &[f64], start_scale: f64) -> Result<(f64, f64)> {
    let n = x.len() as f64;
    let (xmin, xmax) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
    let loc_for = |b: f64| {
        let f1 = |a: f64| x.iter().map(|&v| expit(-(v - a) / b)).sum::<f64>() - 0.5 * n;
        brent(f1, xmin, xmax, 0.0)
    };
    let f2 = |b: f64| match loc_for(b) {
        Some(a) => n - x.iter().map(|&v| (v - a) / b * (0.5 * (v - a) / b).tanh()).sum::<f64>(),
        None => f64::NAN,
    };
    let start = if start_scale > 0.0 && start_scale.is_finite() { start_scale } else { xmax - xmin };
    let (lo, hi) = bracket_positive(f2, 0.5 * start, 2.0 * start).ok_or_else(|| not_converged("logistic"))?;
    let b = brent(f2, lo, hi, 0.0).ok_or_else(|| not_converged("logistic"))?;
    let a = loc_for(b).ok_or_else(|| not_converged("logistic"))?;
    Ok((a, b))
}

/// Profile quantities of the three-parameter Weibull likelihood at location `u < min(x)`.
struct Profile {
    /// Shape `m(u)`, the root of the shape score.
    m: f64,
    /// Scale `s(u) = (Σ zᵢ^m / n)^{1/m}`, `zᵢ = xᵢ − u`.
    scale: f64,
    /// The profile log-likelihood.
    loglik: f64,
    /// SciPy's location score `(m − 1)/m Σ 1/zᵢ − n Σ zᵢ^{m−1} / Σ zᵢ^m`, times `max z`.
    score_u: f64,
}

/// The Weibull profile at location `u`: the shape score `1/m + mean(ln z) − Σ z^m ln z / Σ z^m`
/// decreases in `m` from `+∞` to `mean(ln z) − max(ln z) < 0`, so its root is unique; `z` is
/// scaled by its maximum so that `z^m` cannot overflow.
fn weibull_profile(x: &[f64], u: f64) -> Option<Profile> {
    let n = x.len() as f64;
    let zmax = x.iter().map(|&v| v - u).fold(0.0, f64::max);
    let lz: Vec<f64> = x.iter().map(|&v| ((v - u) / zmax).ln()).collect();
    let mean_lz = lz.iter().sum::<f64>() / n;
    let sums = |m: f64| {
        let (mut s0, mut s1) = (0.0, 0.0);
        for &l in &lz {
            let w = (m * l).exp();
            s0 += w;
            s1 += w * l;
        }
        (s0, s1)
    };
    let g = |m: f64| {
        let (s0, s1) = sums(m);
        1.0 / m + mean_lz - s1 / s0
    };
    let (lo, hi) = bracket_positive(g, 0.5, 2.0)?;
    let m = brent(g, lo, hi, 0.0)?;
    let (s0, _) = sums(m);
    let sum_inv: f64 = lz.iter().map(|&l| (-l).exp()).sum();
    let sum_m1: f64 = lz.iter().map(|&l| ((m - 1.0) * l).exp()).sum();
    // With z' = z / zmax: ln s = ln zmax + ln(Σ z'^m / n)/m.
    let ln_scale = zmax.ln() + (s0 / n).ln() / m;
    let sum_lz = lz.iter().sum::<f64>() + n * zmax.ln();
    let loglik = n * m.ln() - n * m * ln_scale + (m - 1.0) * sum_lz - n;
    Some(Profile { m, scale: ln_scale.exp(), loglik, score_u: (m - 1.0) / m * sum_inv - n * sum_m1 / s0 })
}

/// The three-parameter Weibull maximum-likelihood `(shape, loc, scale)` as `anderson` needs
/// it: the location is where the profile likelihood has an interior maximum (the location
/// score changes sign from negative to positive as `u` rises), searched on distances
/// `min(x) − u` from `10⁻⁹` to `10⁴` times the spread of the data; of several maxima the
/// most likely is taken and refined by Brent's method. As SciPy, a fit whose shape is below
/// 1 or whose location is numerically at `min(x)` is refused.
pub(crate) fn weibull_min(x: &[f64]) -> Result<(f64, f64, f64)> {
    let refuse = || Error::InvalidArgument {
        name: "x".into(),
        reason: "maximum-likelihood estimation of the three-parameter Weibull distribution has no interior \
                 solution with shape >= 1 for these data (SciPy raises here too); consider a Monte Carlo test"
            .into(),
    };
    let (xmin, xmax) = x.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), &v| (l.min(v), h.max(v)));
    let spread = xmax - xmin;
    if spread.is_nan() || spread <= 0.0 {
        return Err(refuse());
    }
    // Scan u from far below min(x) towards it.
    let grid: Vec<f64> = (0..=84).rev().map(|k| xmin - spread * 10f64.powf(-9.0 + k as f64 / 6.0)).collect();
    let scores: Vec<Option<Profile>> = grid.iter().map(|&u| weibull_profile(x, u)).collect();
    let mut best: Option<(f64, Profile)> = None;
    for k in 0..grid.len() - 1 {
        let (Some(p0), Some(p1)) = (&scores[k], &scores[k + 1]) else { continue };
        if !(p0.score_u < 0.0 && p1.score_u >= 0.0) {
            continue;
        }
        let score = |u: f64| weibull_profile(x, u).map_or(f64::NAN, |p| p.score_u);
        let Some(u) = brent(score, grid[k], grid[k + 1], 0.0) else { continue };
        let Some(p) = weibull_profile(x, u) else { continue };
        if best.as_ref().is_none_or(|(_, b)| p.loglik > b.loglik) {
            best = Some((u, p));
        }
    }
    let (u, p) = best.ok_or_else(refuse)?;
    // SciPy's `np.allclose(u, min(x))`: |u − min| ≤ 1e-8 + 1e-5 |min|.
    if p.m < 1.0 || (u - xmin).abs() <= 1e-8 + 1e-5 * xmin.abs() {
        return Err(refuse());
    }
    Ok((p.m, u, p.scale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gumbel_fit_satisfies_its_score_equation() {
        let x = [0.3, 1.7, -0.4, 2.9, 0.8, 1.1, 4.2, 0.05];
        let (loc, s) = gumbel_r(&x).unwrap();
        let n = x.len() as f64;
        // Σ e^{−(x−loc)/s} = n at the maximum.
        let t: f64 = x.iter().map(|&v| (-(v - loc) / s).exp()).sum();
        assert!((t - n).abs() < 1e-12 * n);
    }
}
