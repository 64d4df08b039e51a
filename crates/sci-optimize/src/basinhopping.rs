//! Basin-hopping, SciPy's `basinhopping` (Wales & Doye 1997): random perturbations followed by
//! local minimization, accepted by the Metropolis criterion.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use sci_core::ndarray::{Array1, ArrayBase, ArrayView1, Data, Ix1};
use sci_core::{Error, Result, validate};

use crate::minimize::{MinimizeOptions, OptimizeResult, minimize_with};

/// A basin-hopping callback: `(x, f, accepted)` after each step; `true` stops the run.
pub type BasinhoppingCallback<'a> = &'a dyn Fn(ArrayView1<'_, f64>, f64, bool) -> bool;

/// Options of [`basinhopping_with`], SciPy's keyword arguments.
#[derive(Clone)]
pub struct BasinhoppingOptions<'a> {
    /// Number of basin-hopping iterations (100).
    pub niter: usize,
    /// Metropolis "temperature" `T` (1.0); 0 accepts only downhill steps.
    pub t: f64,
    /// Initial maximum step of the uniform random displacement (0.5).
    pub stepsize: f64,
    /// Options of the local minimizations (SciPy's `minimizer_kwargs`).
    pub minimizer: MinimizeOptions<'a>,
    /// Steps between step-size adjustments (50).
    pub interval: usize,
    /// Stop when the global minimum candidate has not changed for this many iterations.
    pub niter_success: Option<usize>,
    /// Seed of the random generator; `None` draws one from the operating system.
    pub seed: Option<u64>,
    /// Target acceptance rate of the step-size adaptation (0.5).
    pub target_accept_rate: f64,
    /// Step-size multiplier of the adaptation (0.9).
    pub stepwise_factor: f64,
    /// Called after each step.
    pub callback: Option<BasinhoppingCallback<'a>>,
}

impl Default for BasinhoppingOptions<'_> {
    fn default() -> Self {
        BasinhoppingOptions {
            niter: 100,
            t: 1.0,
            stepsize: 0.5,
            minimizer: MinimizeOptions::default(),
            interval: 50,
            niter_success: None,
            seed: None,
            target_accept_rate: 0.5,
            stepwise_factor: 0.9,
            callback: None,
        }
    }
}

impl std::fmt::Debug for BasinhoppingOptions<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BasinhoppingOptions")
            .field("niter", &self.niter)
            .field("t", &self.t)
            .field("stepsize", &self.stepsize)
            .field("minimizer", &self.minimizer)
            .field("seed", &self.seed)
            .finish_non_exhaustive()
    }
}

/// Global minimization by basin-hopping with SciPy's defaults, SciPy's
/// `basinhopping(func, x0)`.
///
/// # Errors
/// As [`basinhopping_with`].
///
/// ```
/// use sci_optimize::{basinhopping_with, BasinhoppingOptions};
/// use sci_core::ndarray::{array, ArrayView1};
/// // SciPy's example: many local minima, the global one near x = −0.195.
/// let f = |x: ArrayView1<f64>| (14.5 * x[0] - 0.3).cos() + (x[0] + 0.2) * x[0];
/// let opts = BasinhoppingOptions { niter: 200, seed: Some(1), ..Default::default() };
/// let r = basinhopping_with(f, &array![1.0], &opts)?;
/// assert!((r.x[0] + 0.1951).abs() < 1e-3 && (r.fun + 1.0009).abs() < 1e-3);
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn basinhopping<S, F>(func: F, x0: &ArrayBase<S, Ix1>) -> Result<OptimizeResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    basinhopping_with(func, x0, &BasinhoppingOptions::default())
}

/// [`basinhopping`] with options.
///
/// Each iteration displaces every coordinate by a uniform random amount in
/// `[−stepsize, stepsize]`, minimizes locally from there ([`minimize_with`] with
/// `minimizer`), and accepts the new local minimum with probability
/// `min(1, exp(−(f_new − f_old)/T))`. Every `interval` steps the step size is divided by
/// `stepwise_factor` if the acceptance rate exceeds the target, multiplied otherwise. The
/// result is the lowest successful local minimization, with `nit` the iterations run and
/// `nfev`/`njev` summed over all local minimizations.
///
/// # Errors
/// [`Error::Empty`]/[`Error::NonFinite`] for a bad `x0`; [`Error::InvalidArgument`] for a
/// negative or NaN `T`, a non-positive `stepsize`, `interval == 0`, or a target rate outside
/// `(0, 1)`; errors of the local minimizer (e.g. inconsistent bounds).
///
/// # Differences from SciPy
/// The random stream is sci's, so for a given seed the sequence of steps differs from
/// SciPy's; custom `take_step`/`accept_test` callables are not offered.
pub fn basinhopping_with<S, F>(
    func: F,
    x0: &ArrayBase<S, Ix1>,
    options: &BasinhoppingOptions<'_>,
) -> Result<OptimizeResult>
where
    S: Data<Elem = f64>,
    F: Fn(ArrayView1<'_, f64>) -> f64,
{
    let o = options;
    validate::check_non_empty("x0", x0)?;
    validate::check_finite("x0", x0)?;
    if o.t.is_nan() || o.t < 0.0 {
        return Err(Error::invalid_argument("T", "must be a number >= 0"));
    }
    if !(o.stepsize > 0.0 && o.stepsize.is_finite()) {
        return Err(Error::invalid_argument("stepsize", "must be a finite number > 0"));
    }
    if o.interval == 0 {
        return Err(Error::invalid_argument("interval", "must be positive"));
    }
    if !(o.target_accept_rate > 0.0 && o.target_accept_rate < 1.0) {
        return Err(Error::invalid_argument("target_accept_rate", "must lie in (0, 1)"));
    }
    let mut rng = match o.seed {
        Some(s) => StdRng::seed_from_u64(s),
        None => rand::make_rng::<StdRng>(),
    };
    let local = |x: &Array1<f64>| minimize_with(&func, x, &o.minimizer);
    let first = local(&x0.to_owned())?;
    let mut nfev = first.nfev;
    let mut njev = first.njev;
    let mut x = first.x.clone();
    let mut energy = first.fun;
    let mut best = first;
    let mut stepsize = o.stepsize;
    let (mut nstep, mut naccept) = (0usize, 0usize);
    let mut since_best = 0usize;
    let mut nit = 0;
    let mut stopped = false;
    for i in 0..o.niter {
        nit = i + 1;
        let trial = x.mapv(|v| v + rng.random_range(-stepsize..stepsize));
        let minres = local(&trial)?;
        nfev += minres.nfev;
        njev += minres.njev;
        let accept = if o.t == 0.0 {
            minres.fun < energy
        } else {
            let w = (-(minres.fun - energy) / o.t).min(0.0).exp();
            let r: f64 = rng.random();
            w >= r
        };
        // Adaptive step size (SciPy's AdaptiveStepsize).
        nstep += 1;
        if accept {
            naccept += 1;
        }
        if nstep % o.interval == 0 {
            let rate = naccept as f64 / nstep as f64;
            if rate > o.target_accept_rate {
                stepsize /= o.stepwise_factor;
            } else {
                stepsize *= o.stepwise_factor;
            }
        }
        let mut new_best = false;
        if accept {
            energy = minres.fun;
            x = minres.x.clone();
            if minres.success && minres.fun < best.fun {
                best = minres.clone();
                new_best = true;
            }
        }
        if let Some(cb) = o.callback
            && cb(minres.x.view(), minres.fun, accept)
        {
            stopped = true;
            break;
        }
        since_best = if new_best { 0 } else { since_best + 1 };
        if o.niter_success.is_some_and(|ns| since_best >= ns) {
            break;
        }
    }
    best.nit = nit;
    best.nfev = nfev;
    best.njev = njev;
    best.message = if stopped {
        "callback function requested stop early by returning True".into()
    } else {
        "requested number of basinhopping iterations completed successfully".into()
    };
    Ok(best)
}
