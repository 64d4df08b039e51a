//! Differential evolution, SciPy's `differential_evolution` (Storn & Price 1997): a
//! population-based stochastic global minimizer over a box, optionally polished by L-BFGS-B.

use rand::rngs::StdRng;
use rand::{RngExt, SeedableRng};
use rayon::prelude::*;
use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result, validate};

use crate::minimize::{Bounds, Method, MinimizeOptions, OptimizeResult, minimize_with};

/// Mutation strategy, SciPy's `strategy=` strings.
///
/// ```
/// use sci_optimize::{DifferentialEvolutionOptions, Strategy};
/// let opts = DifferentialEvolutionOptions { strategy: Strategy::Rand1Bin, ..Default::default() };
/// assert_eq!(opts.strategy, Strategy::Rand1Bin);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Strategy {
    /// `best + F (r0 − r1)`, binomial crossover (`'best1bin'`, the default).
    #[default]
    Best1Bin,
    /// `best + F (r0 − r1)`, exponential crossover (`'best1exp'`).
    Best1Exp,
    /// `r0 + F (r1 − r2)`, binomial (`'rand1bin'`).
    Rand1Bin,
    /// `r0 + F (r1 − r2)`, exponential (`'rand1exp'`).
    Rand1Exp,
    /// `best + F (r0 + r1 − r2 − r3)`, binomial (`'best2bin'`).
    Best2Bin,
    /// `r0 + F (r1 + r2 − r3 − r4)`, binomial (`'rand2bin'`).
    Rand2Bin,
    /// `x_i + F (best − x_i + r0 − r1)`, binomial (`'currenttobest1bin'`).
    CurrentToBest1Bin,
    /// `r0 + F (best − r0) + F (r1 − r2)`, binomial (`'randtobest1bin'`).
    RandToBest1Bin,
}

/// The mutation constant `F`, SciPy's `mutation=`.
///
/// ```
/// use sci_optimize::{DifferentialEvolutionOptions, Mutation};
/// assert_eq!(DifferentialEvolutionOptions::default().mutation, Mutation::Dither(0.5, 1.0));
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Mutation {
    /// A fixed `F` in `[0, 2)`.
    Constant(f64),
    /// Dithering: `F` drawn uniformly from `[lo, hi)` each generation (SciPy's `(0.5, 1)` default).
    Dither(f64, f64),
}

/// Population initialization, SciPy's `init=`.
///
/// ```
/// use sci_optimize::{DifferentialEvolutionOptions, Init};
/// let opts = DifferentialEvolutionOptions { init: Init::Random, ..Default::default() };
/// assert_eq!(opts.init, Init::Random);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Init {
    /// Latin hypercube sampling (the default).
    #[default]
    LatinHypercube,
    /// Uniform random sampling.
    Random,
    /// An explicit population (`S×N`, `S ≥ 5`), in the original coordinates.
    Population(Array2<f64>),
}

/// How the population is updated, SciPy's `updating=`.
///
/// ```
/// use sci_optimize::{DifferentialEvolutionOptions, Updating};
/// assert_eq!(DifferentialEvolutionOptions::default().updating, Updating::Immediate);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Updating {
    /// The best member is updated as soon as a better trial is found (the default).
    #[default]
    Immediate,
    /// The whole generation is evaluated before the population is updated; the evaluations
    /// run in parallel on sci's thread pool.
    Deferred,
}

/// Options of [`differential_evolution_with`], SciPy's keyword arguments.
///
/// ```
/// use sci_optimize::DifferentialEvolutionOptions;
/// let o = DifferentialEvolutionOptions { seed: Some(42), popsize: 20, ..Default::default() };
/// assert_eq!((o.maxiter, o.tol, o.recombination), (1000, 0.01, 0.7));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DifferentialEvolutionOptions {
    /// The mutation strategy.
    pub strategy: Strategy,
    /// Maximum number of generations (1000).
    pub maxiter: usize,
    /// Population size multiplier: `popsize·N` members, at least 5 (15).
    pub popsize: usize,
    /// Relative tolerance: stop when `std(E) ≤ atol + tol·|mean(E)|` (0.01).
    pub tol: f64,
    /// Absolute tolerance (0).
    pub atol: f64,
    /// The mutation constant (dither `[0.5, 1)`).
    pub mutation: Mutation,
    /// Crossover probability (0.7).
    pub recombination: f64,
    /// Seed of the random generator; `None` draws one from the operating system.
    pub seed: Option<u64>,
    /// Finish with L-BFGS-B from the best member (true).
    pub polish: bool,
    /// Population initialization.
    pub init: Init,
    /// Immediate or deferred (parallel) updating.
    pub updating: Updating,
    /// A starting point that replaces the first member.
    pub x0: Option<Array1<f64>>,
    /// Evaluation limit (unlimited).
    pub maxfun: Option<usize>,
}

impl Default for DifferentialEvolutionOptions {
    fn default() -> Self {
        DifferentialEvolutionOptions {
            strategy: Strategy::Best1Bin,
            maxiter: 1000,
            popsize: 15,
            tol: 0.01,
            atol: 0.0,
            mutation: Mutation::Dither(0.5, 1.0),
            recombination: 0.7,
            seed: None,
            polish: true,
            init: Init::LatinHypercube,
            updating: Updating::Immediate,
            x0: None,
            maxfun: None,
        }
    }
}

/// Finds the global minimum of `func` over the box `bounds`, SciPy's
/// `differential_evolution(func, bounds)` with its defaults (`best1bin`, population
/// `15·N`, `tol = 0.01`, dithered mutation, recombination 0.7, Latin hypercube start,
/// L-BFGS-B polish).
///
/// # Errors
/// As [`differential_evolution_with`].
///
/// ```
/// use sci_optimize::{differential_evolution_with, DifferentialEvolutionOptions, Bounds};
/// use sci_core::ndarray::{array, ArrayView1};
/// // Rastrigin in 2-D: many local minima, global minimum 0 at the origin.
/// let f = |x: ArrayView1<f64>| {
///     20.0 + x.iter().map(|v| v * v - 10.0 * (2.0 * std::f64::consts::PI * v).cos()).sum::<f64>()
/// };
/// let b = Bounds::new(array![-5.12, -5.12], array![5.12, 5.12]);
/// let r = differential_evolution_with(f, &b, &DifferentialEvolutionOptions { seed: Some(1), ..Default::default() })?;
/// assert!(r.fun < 1e-10 && r.x.iter().all(|v| v.abs() < 1e-6));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn differential_evolution<F>(func: F, bounds: &Bounds) -> Result<OptimizeResult>
where
    F: Fn(ArrayView1<'_, f64>) -> f64 + Sync,
{
    differential_evolution_with(func, bounds, &DifferentialEvolutionOptions::default())
}

fn uniform(rng: &mut StdRng) -> f64 {
    rng.random::<f64>()
}

/// [`differential_evolution`] with options.
///
/// Each generation builds one trial per member by mutation and crossover in the unit cube
/// (coordinates outside it are redrawn at random), and keeps the trial if it is no worse.
/// Cost: `popsize·N` evaluations per generation. With [`Updating::Deferred`] the
/// evaluations of a generation run in parallel (rayon, inside [`sci_core::install`]), which
/// is why `func` must be `Sync`.
///
/// `success` is false when `maxiter`/`maxfun` stop the search before the population
/// converges; the polish's evaluations are included in `nfev`.
///
/// # Errors
/// [`Error::InvalidArgument`] for infinite or reversed bounds, `popsize·N < 5` is raised to 5
/// silently (as SciPy), a mutation outside `[0, 2)`, a recombination outside `[0, 1]`, an
/// `x0` outside the bounds; [`Error::ShapeMismatch`] for an `init` population or `x0` of the
/// wrong shape.
///
/// # Differences from SciPy
/// The random stream is sci's (ChaCha-based `StdRng`), so for a given seed the population,
/// iteration count and the exact optimum found differ from SciPy's; the polished optimum of
/// a well-posed problem agrees to the polish tolerance. Constraints, integrality and
/// vectorized evaluation are not offered.
///
/// ```
/// use sci_optimize::{differential_evolution_with, DifferentialEvolutionOptions, Bounds, Updating, rosen};
/// use sci_core::ndarray::Array1;
/// let b = Bounds::new(Array1::from_elem(3, -2.0), Array1::from_elem(3, 2.0));
/// let opts = DifferentialEvolutionOptions { seed: Some(7), updating: Updating::Deferred, ..Default::default() };
/// let r = differential_evolution_with(|x| rosen(&x), &b, &opts)?;
/// assert!(r.x.iter().all(|v| (v - 1.0).abs() < 1e-4));
/// # Ok::<(), sci_core::Error>(())
/// ```
pub fn differential_evolution_with<F>(
    func: F,
    bounds: &Bounds,
    options: &DifferentialEvolutionOptions,
) -> Result<OptimizeResult>
where
    F: Fn(ArrayView1<'_, f64>) -> f64 + Sync,
{
    let o = options;
    let n = bounds.lb.len();
    if n == 0 {
        return Err(Error::empty("bounds"));
    }
    bounds.validate(n)?;
    if (0..n).any(|i| !bounds.lb[i].is_finite() || !bounds.ub[i].is_finite()) {
        return Err(Error::invalid_argument(
            "bounds",
            "bounds should be a sequence of finite (min, max) pairs",
        ));
    }
    let (mlo, mhi) = match o.mutation {
        Mutation::Constant(f) => (f, f),
        Mutation::Dither(a, b) => (a.min(b), a.max(b)),
    };
    if mlo.is_nan() || mhi.is_nan() || mlo < 0.0 || mhi >= 2.0 {
        return Err(Error::invalid_argument(
            "mutation",
            "the mutation constant must be a float in [0, 2), or a (min, max) pair in that range",
        ));
    }
    if !(0.0..=1.0).contains(&o.recombination) {
        return Err(Error::invalid_argument("recombination", "must lie in [0, 1]"));
    }
    let lo = &bounds.lb;
    let span = &bounds.ub - &bounds.lb;
    let scale_up = |t: ArrayView1<'_, f64>| -> Array1<f64> {
        Array1::from_shape_fn(n, |i| 0.5 * (lo[i] + bounds.ub[i]) + (t[i] - 0.5) * span[i])
    };
    let scale_down = |x: ArrayView1<'_, f64>| -> Array1<f64> {
        Array1::from_shape_fn(n, |i| {
            if span[i] == 0.0 { 0.5 } else { (x[i] - 0.5 * (lo[i] + bounds.ub[i])) / span[i] + 0.5 }
        })
    };
    let mut rng = match o.seed {
        Some(s) => StdRng::seed_from_u64(s),
        None => rand::make_rng::<StdRng>(),
    };
    let mut pop: Array2<f64> = match &o.init {
        Init::Population(p) => {
            if p.ncols() != n || p.nrows() < 5 {
                return Err(Error::shape_mismatch(
                    "init",
                    format!("an array of shape (S, {n}) with S >= 5"),
                    format!("{:?}", p.dim()),
                ));
            }
            validate::check_finite("init", p)?;
            let mut u = Array2::zeros(p.dim());
            for (i, row) in p.rows().into_iter().enumerate() {
                u.row_mut(i).assign(&scale_down(row).mapv(|v| v.clamp(0.0, 1.0)));
            }
            u
        }
        Init::Random => {
            let s = (o.popsize * n).max(5);
            Array2::from_shape_fn((s, n), |_| uniform(&mut rng))
        }
        Init::LatinHypercube => {
            let s = (o.popsize * n).max(5);
            let seg = 1.0 / s as f64;
            let samples =
                Array2::from_shape_fn((s, n), |(i, _)| seg * uniform(&mut rng) + i as f64 / s as f64);
            let mut p = Array2::zeros((s, n));
            for j in 0..n {
                let mut order: Vec<usize> = (0..s).collect();
                for k in (1..s).rev() {
                    let r = rng.random_range(0..=k);
                    order.swap(k, r);
                }
                for i in 0..s {
                    p[[i, j]] = samples[[order[i], j]];
                }
            }
            p
        }
    };
    let s = pop.nrows();
    if let Some(x0) = &o.x0 {
        validate::check_same_len("bounds", n, "x0", x0.len())?;
        if (0..n).any(|i| x0[i] < lo[i] || x0[i] > bounds.ub[i]) {
            return Err(Error::invalid_argument("x0", "some entries in x0 lay outside the specified bounds"));
        }
        pop.row_mut(0).assign(&scale_down(x0.view()));
    }
    let maxfun = o.maxfun.unwrap_or(usize::MAX);
    let mut nfev = 0usize;
    let eval_all = |pop: &Array2<f64>, count: usize| -> Vec<f64> {
        let rows: Vec<Array1<f64>> = (0..count).map(|i| scale_up(pop.row(i))).collect();
        sci_core::install(|| rows.par_iter().map(|x| func(x.view())).collect())
    };
    let first = s.min(maxfun);
    let mut energies = Array1::from_elem(s, f64::INFINITY);
    for (i, e) in eval_all(&pop, first).into_iter().enumerate() {
        energies[i] = if e.is_nan() { f64::INFINITY } else { e };
    }
    nfev += first;
    promote_lowest(&mut pop, &mut energies);
    let converged = |e: &Array1<f64>| -> bool {
        if e.iter().any(|v| v.is_infinite()) {
            return false;
        }
        let mean = e.mean().unwrap_or(0.0);
        let std = (e.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / e.len() as f64).sqrt();
        std <= o.atol + o.tol * mean.abs()
    };
    let mut nit = 0;
    let mut message = "Optimization terminated successfully.".to_string();
    let mut warning = false;
    let mut finished = false;
    for it in 1..=o.maxiter {
        nit = it;
        let f_scale = if mlo == mhi { mlo } else { mlo + (mhi - mlo) * uniform(&mut rng) };
        match o.updating {
            Updating::Immediate => {
                for c in 0..s {
                    if nfev >= maxfun {
                        warning = true;
                        message = "Maximum number of function evaluations has been reached.".into();
                        finished = true;
                        break;
                    }
                    let trial = make_trial(&pop, c, o, f_scale, &mut rng);
                    let e = func(scale_up(trial.view()).view());
                    let e = if e.is_nan() { f64::INFINITY } else { e };
                    nfev += 1;
                    if e <= energies[c] {
                        pop.row_mut(c).assign(&trial);
                        energies[c] = e;
                        if e <= energies[0] {
                            promote_lowest(&mut pop, &mut energies);
                        }
                    }
                }
            }
            Updating::Deferred => {
                if nfev >= maxfun {
                    warning = true;
                    message = "Maximum number of function evaluations has been reached.".into();
                    finished = true;
                } else {
                    let mut trials = Array2::zeros((s, n));
                    for c in 0..s {
                        trials.row_mut(c).assign(&make_trial(&pop, c, o, f_scale, &mut rng));
                    }
                    let count = s.min(maxfun - nfev);
                    let es = eval_all(&trials, count);
                    nfev += count;
                    for (c, e) in es.into_iter().enumerate() {
                        let e = if e.is_nan() { f64::INFINITY } else { e };
                        if e <= energies[c] {
                            pop.row_mut(c).assign(&trials.row(c));
                            energies[c] = e;
                        }
                    }
                    promote_lowest(&mut pop, &mut energies);
                }
            }
        }
        if finished || converged(&energies) {
            break;
        }
        if it == o.maxiter {
            warning = true;
            message = "Maximum number of iterations has been exceeded.".into();
        }
    }
    let mut x = scale_up(pop.row(0));
    let mut fun = energies[0];
    let mut jac = None;
    if o.polish {
        let mo = MinimizeOptions {
            method: Some(Method::LBfgsB),
            bounds: Some(bounds.clone()),
            ..Default::default()
        };
        let r = minimize_with(&func, &x, &mo)?;
        nfev += r.nfev;
        if r.fun < fun {
            fun = r.fun;
            x = r.x;
            jac = r.jac;
        }
    }
    Ok(OptimizeResult {
        x,
        fun,
        jac,
        hess_inv: None,
        nit,
        nfev,
        njev: 0,
        nhev: 0,
        status: if warning { 1 } else { 0 },
        success: !warning,
        message,
        final_simplex: None,
        maxcv: None,
    })
}

fn promote_lowest(pop: &mut Array2<f64>, energies: &mut Array1<f64>) {
    let mut l = 0;
    for i in 1..energies.len() {
        if energies[i] < energies[l] {
            l = i;
        }
    }
    if l != 0 {
        energies.swap(0, l);
        for j in 0..pop.ncols() {
            pop.swap([0, j], [l, j]);
        }
    }
}

/// Distinct random member indices, none equal to `candidate`.
fn select_samples(s: usize, candidate: usize, k: usize, rng: &mut StdRng) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..s).collect();
    for i in (1..s).rev() {
        let r = rng.random_range(0..=i);
        idx.swap(i, r);
    }
    idx.into_iter().filter(|&i| i != candidate).take(k).collect()
}

fn make_trial(
    pop: &Array2<f64>,
    c: usize,
    o: &DifferentialEvolutionOptions,
    f: f64,
    rng: &mut StdRng,
) -> Array1<f64> {
    let (s, n) = pop.dim();
    let fill_point = rng.random_range(0..n);
    let r = select_samples(s, c, 5.min(s - 1), rng);
    let p = |i: usize| pop.row(i);
    let g = |k: usize| r.get(k).copied().unwrap_or(0);
    let bprime: Array1<f64> = match o.strategy {
        Strategy::Best1Bin | Strategy::Best1Exp => &p(0) + &((&p(g(0)) - &p(g(1))) * f),
        Strategy::Rand1Bin | Strategy::Rand1Exp => &p(g(0)) + &((&p(g(1)) - &p(g(2))) * f),
        Strategy::Best2Bin => &p(0) + &((&p(g(0)) + &p(g(1)) - p(g(2)) - p(g(3))) * f),
        Strategy::Rand2Bin => &p(g(0)) + &((&p(g(1)) + &p(g(2)) - p(g(3)) - p(g(4))) * f),
        Strategy::CurrentToBest1Bin => &p(c) + &((&p(0) - &p(c) + p(g(0)) - p(g(1))) * f),
        Strategy::RandToBest1Bin => {
            let mut b = p(g(0)).to_owned();
            b = &b + &((&p(0) - &b) * f);
            &b + &((&p(g(1)) - &p(g(2))) * f)
        }
    };
    let mut trial = pop.row(c).to_owned();
    let exponential = matches!(o.strategy, Strategy::Best1Exp | Strategy::Rand1Exp);
    let cross: Vec<bool> = (0..n).map(|_| rng.random::<f64>() < o.recombination).collect();
    if exponential {
        let mut cross = cross;
        cross[0] = true;
        let mut fp = fill_point;
        let mut i = 0;
        while i < n && cross[i] {
            trial[fp] = bprime[fp];
            fp = (fp + 1) % n;
            i += 1;
        }
    } else {
        for j in 0..n {
            if cross[j] || j == fill_point {
                trial[j] = bprime[j];
            }
        }
    }
    for j in 0..n {
        if !(0.0..=1.0).contains(&trial[j]) {
            trial[j] = rng.random::<f64>();
        }
    }
    trial
}
