//! `scipy.stats.logistic.fit`.

use sci_core::Result;
use sci_core::ndarray::{ArrayBase, Data, Ix1};

use super::mle::{Coord, Problem};
use super::{FitOptions, FitParams, all_fixed, check_fixed, extent, nll, no_estimate, sample};
use crate::common::csum;
use crate::descriptive::moments::central_moments;
use crate::distributions::Logistic;
use crate::roots::{root_in, root_positive};

impl Logistic {
    /// Maximum-likelihood fit (`scipy.stats.logistic.fit`): the root of the score equations
    /// `Σ tanh(zᵢ/2) = 0` and `Σ zᵢ·tanh(zᵢ/2) = n`, `zᵢ = (xᵢ − loc)/scale` (Evans, Hastings
    /// & Peacock), as SciPy solves them.
    ///
    /// With `scale` fixed the first equation (decreasing in `loc`, with its root between the
    /// data's extremes) is solved by Brent's method; with `loc` fixed the second (decreasing
    /// in `scale`) likewise; with both free, Newton's method on the score from the moment
    /// estimates (after a short Nelder–Mead search). Full precision; O(n) per iteration.
    ///
    /// ```
    /// use sci_core::ndarray::array;
    /// use sci_stats::{FitOptions, Logistic};
    /// let x = array![-1.0, 0.5, 2.0, 3.5];
    /// // Symmetric data: loc is their centre.
    /// let p = Logistic::fit(&x, &FitOptions::default())?;
    /// assert!((p.loc - 1.25).abs() < 1e-14);
    /// # Ok::<(), sci_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::Empty`](sci_core::Error::Empty), [`Error::NonFinite`](sci_core::Error::NonFinite)
    /// as [`Norm::fit`](crate::Norm::fit); [`Error::InvalidArgument`](sci_core::Error::InvalidArgument)
    /// for a non-finite `floc`, a non-positive `fscale`, both fixed, or constant data with
    /// `scale` free (the estimate would be 0).
    pub fn fit<S: Data<Elem = f64>>(data: &ArrayBase<S, Ix1>, options: &FitOptions) -> Result<FitParams> {
        let x = sample(data)?;
        let FitOptions { floc, fscale } = *options;
        check_fixed(floc, &[("fscale", fscale)])?;
        let (min, max) = extent(&x);
        let constant = || no_estimate("logistic", "the data are constant (scale → 0)");
        let n = x.len() as f64;
        let loc_score = |loc: f64, s: f64| csum(x.iter().map(|&v| ((v - loc) / (2.0 * s)).tanh()));
        let scale_score = |loc: f64, s: f64| {
            csum(x.iter().map(|&v| {
                let z = (v - loc) / s;
                z * (0.5 * z).tanh()
            })) - n
        };
        let m = central_moments(x.iter().copied());
        // SciPy's start: the mean, and the scale matching the variance (π²/3 · scale²).
        let scale0 = (3.0 * m.m2).sqrt() / std::f64::consts::PI;
        match (floc, fscale) {
            (Some(_), Some(_)) => Err(all_fixed()),
            (None, Some(s)) => {
                let loc = if min == max {
                    min
                } else {
                    root_in(|l| loc_score(l, s), min, max, loc_score(min, s), loc_score(max, s))
                };
                Ok(FitParams { loc, scale: s })
            }
            (Some(loc), None) => {
                if x.iter().all(|&v| v == loc) {
                    return Err(constant());
                }
                let scale = root_positive(|s| scale_score(loc, s), scale0, true).ok_or_else(constant)?;
                Ok(FitParams { loc, scale })
            }
            (None, None) => {
                if min == max {
                    return Err(constant());
                }
                let nll = |p: &[f64]| nll(Logistic::new(p[0], p[1]), &x);
                let grad = |p: &[f64], g: &mut [f64]| {
                    g[0] = -loc_score(p[0], p[1]) / p[1];
                    g[1] = -scale_score(p[0], p[1]) / p[1];
                };
                let free = vec![(0, Coord::Real(scale0)), (1, Coord::Positive)];
                let theta = vec![m.mean, scale0];
                let p = Problem { name: "logistic", theta, free, span: max - min, nll: &nll, grad: &grad }
                    .solve()?;
                Ok(FitParams { loc: p[0], scale: p[1] })
            }
        }
    }
}
