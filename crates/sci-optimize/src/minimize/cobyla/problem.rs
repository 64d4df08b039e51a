//! The problem in the form COBYLA works with: the free variables only (a variable with
//! `lb == ub` is removed, as SciPy's PRIMA-based COBYLA does), every constraint written as
//! `c(x) ≥ 0`, linear ones (bounds and `LinearConstraint` rows) kept with their exact
//! gradients, and evaluations passed through SciPy's moderated extreme barrier.

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result, validate};

use super::super::{ConstraintType, MinimizeOptions, VecFn};

/// Objective values at or above this (and NaN) are replaced by it; constraint values are
/// clipped to `±FUNCMAX` and NaN counts as a violation of `FUNCMAX` (PRIMA's `FUNCMAX` and
/// `CONSTRMAX`).
pub(super) const FUNCMAX: f64 = 1e30;

/// One evaluation: the moderated objective (used by the algorithm), the raw one (reported),
/// the nonlinear constraint values in `c ≥ 0` form, and the largest violation of all
/// constraints (bounds and linear rows included).
#[derive(Clone, Debug)]
pub(super) struct Eval {
    pub f: f64,
    pub f_raw: f64,
    pub cn: Array1<f64>,
    pub v: f64,
}

enum Source<'a> {
    /// `fun(x) ≥ 0` or `fun(x) = 0` (two rows, `fun ≥ 0` and `−fun ≥ 0`).
    Dict { kind: ConstraintType, fun: VecFn<'a> },
    /// `lb ≤ fun(x) ≤ ub`: a row `fun − lb` per finite `lb`, then `ub − fun` per finite `ub`.
    Object { fun: VecFn<'a>, lb: Array1<f64>, ub: Array1<f64> },
}

pub(super) struct Problem<'p, 'a, F> {
    fun: &'p F,
    /// Indices of the free variables in the full vector.
    free: Vec<usize>,
    /// Bounds of the free variables.
    lb: Vec<f64>,
    ub: Vec<f64>,
    /// A full-length point holding the fixed variables' values.
    template: Array1<f64>,
    /// Linear rows over the free variables: `lin_a · x + lin_c ≥ 0`.
    pub lin_a: Array2<f64>,
    pub lin_c: Array1<f64>,
    sources: Vec<Source<'a>>,
    /// Output length of each source, fixed by the first evaluation.
    lens: Vec<Option<usize>>,
    pub nfev: usize,
}

impl<'p, 'a, F: Fn(ArrayView1<'_, f64>) -> f64> Problem<'p, 'a, F> {
    /// Sets up the problem around the (already clipped) starting point.
    pub fn new(fun: &'p F, x0: &Array1<f64>, o: &MinimizeOptions<'a>) -> Problem<'p, 'a, F> {
        let n_full = x0.len();
        let (lb, ub) = match &o.bounds {
            Some(b) => (b.lb.clone(), b.ub.clone()),
            None => (Array1::from_elem(n_full, f64::NEG_INFINITY), Array1::from_elem(n_full, f64::INFINITY)),
        };
        let free: Vec<usize> = (0..n_full).filter(|&i| lb[i] != ub[i]).collect();
        let mut template = x0.clone();
        for i in 0..n_full {
            if lb[i] == ub[i] {
                template[i] = lb[i];
            }
        }
        let n = free.len();
        let mut rows: Vec<(Array1<f64>, f64)> = Vec::new();
        for (k, &i) in free.iter().enumerate() {
            if lb[i].is_finite() {
                let mut a = Array1::zeros(n);
                a[k] = 1.0;
                rows.push((a, -lb[i]));
            }
        }
        for (k, &i) in free.iter().enumerate() {
            if ub[i].is_finite() {
                let mut a = Array1::zeros(n);
                a[k] = -1.0;
                rows.push((a, ub[i]));
            }
        }
        for lc in &o.linear_constraints {
            for r in 0..lc.a.nrows() {
                let row = lc.a.row(r);
                let a_free: Array1<f64> = free.iter().map(|&i| row[i]).collect();
                let fixed: f64 = (0..n_full).filter(|&i| lb[i] == ub[i]).map(|i| row[i] * template[i]).sum();
                if lc.lb[r].is_finite() {
                    rows.push((a_free.clone(), fixed - lc.lb[r]));
                }
                if lc.ub[r].is_finite() {
                    rows.push((-a_free, lc.ub[r] - fixed));
                }
            }
        }
        let mut lin_a = Array2::zeros((rows.len(), n));
        let mut lin_c = Array1::zeros(rows.len());
        for (r, (a, c)) in rows.into_iter().enumerate() {
            lin_a.row_mut(r).assign(&a);
            lin_c[r] = c;
        }
        let mut sources = Vec::new();
        for c in &o.constraints {
            sources.push(Source::Dict { kind: c.kind, fun: c.fun });
        }
        for nc in &o.nonlinear_constraints {
            sources.push(Source::Object { fun: nc.fun, lb: nc.lb.clone(), ub: nc.ub.clone() });
        }
        let lens = vec![None; sources.len()];
        let (lb, ub) = (free.iter().map(|&i| lb[i]).collect(), free.iter().map(|&i| ub[i]).collect());
        Problem { fun, free, lb, ub, template, lin_a, lin_c, sources, lens, nfev: 0 }
    }

    /// Number of free variables.
    pub fn n(&self) -> usize {
        self.free.len()
    }

    /// Bounds `(lb, ub)` of free variable `k`.
    pub fn bounds_of(&self, k: usize) -> (f64, f64) {
        (self.lb[k], self.ub[k])
    }

    /// The free variables of a full-length point.
    pub fn reduce(&self, x_full: &Array1<f64>) -> Array1<f64> {
        self.free.iter().map(|&i| x_full[i]).collect()
    }

    /// The full-length point for free variables `x`.
    pub fn expand(&self, x: &Array1<f64>) -> Array1<f64> {
        let mut full = self.template.clone();
        for (k, &i) in self.free.iter().enumerate() {
            full[i] = x[k];
        }
        full
    }

    /// Values of the linear rows at `x` (`≥ 0` is feasible).
    pub fn linear_values(&self, x: &Array1<f64>) -> Array1<f64> {
        self.lin_a.dot(x) + &self.lin_c
    }

    /// Evaluates the objective and the constraints at the free variables `x`.
    ///
    /// # Errors
    /// [`Error::ShapeMismatch`] if a constraint function changes its output length or a
    /// `NonlinearConstraint`'s output does not match its bounds.
    pub fn eval(&mut self, x: &Array1<f64>) -> Result<Eval> {
        let full = self.expand(x);
        let f_raw = (self.fun)(full.view());
        self.nfev += 1;
        let f = if f_raw.is_nan() { FUNCMAX } else { f_raw.clamp(-f64::MAX, FUNCMAX) };
        let mut cn = Vec::new();
        for (s, len) in self.sources.iter().zip(self.lens.iter_mut()) {
            match s {
                Source::Dict { kind, fun } => {
                    let v = fun(full.view());
                    check_len(len, v.len(), "constraint fun(x)")?;
                    cn.extend(v.iter().copied());
                    if *kind == ConstraintType::Eq {
                        cn.extend(v.iter().map(|c| -c));
                    }
                }
                Source::Object { fun, lb, ub } => {
                    let v = fun(full.view());
                    validate::check_same_len(
                        "NonlinearConstraint.lb",
                        lb.len(),
                        "NonlinearConstraint fun(x)",
                        v.len(),
                    )?;
                    check_len(len, v.len(), "NonlinearConstraint fun(x)")?;
                    cn.extend((0..v.len()).filter(|&i| lb[i].is_finite()).map(|i| v[i] - lb[i]));
                    cn.extend((0..v.len()).filter(|&i| ub[i].is_finite()).map(|i| ub[i] - v[i]));
                }
            }
        }
        let cn: Array1<f64> =
            cn.into_iter().map(|c| if c.is_nan() { -FUNCMAX } else { c.clamp(-FUNCMAX, FUNCMAX) }).collect();
        let v = violation(&self.linear_values(x), &cn);
        Ok(Eval { f, f_raw, cn, v })
    }
}

fn check_len(known: &mut Option<usize>, got: usize, what: &str) -> Result<()> {
    match known {
        Some(k) if *k != got => Err(Error::shape_mismatch(what, format!("{k} values (as at x0)"), got)),
        Some(_) => Ok(()),
        None => {
            *known = Some(got);
            Ok(())
        }
    }
}

/// The largest violation `max(0, −cᵢ)` over linear and nonlinear rows.
pub(super) fn violation(lin: &Array1<f64>, cn: &Array1<f64>) -> f64 {
    lin.iter().chain(cn.iter()).fold(0.0f64, |m, &c| m.max(-c))
}
