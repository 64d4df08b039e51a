//! TNC's line search along `p` inside the box: Moré–Thuente (`dcsrch`) with sufficient
//! decrease `1e-4` and curvature `eta`, capped at the step that reaches the first bound. A
//! trial point where `f` or the directional derivative is not finite caps the step below it
//! and restarts the search. As in TNC's Gill–Murray search, when the conditions cannot be
//! met the lowest trial point that did not increase `f` is taken; the search fails only if
//! every trial increased `f`.

use sci_core::ndarray::{Array1, ArrayView1};

use super::Scaled;
use crate::minimize::linesearch::{Dcsrch, Task};

/// Most evaluations in one line search (TNC's 64).
const MAX_EVALS: usize = 64;

pub(super) enum LineOutcome {
    /// A lower point `xs + alpha·p` with its scaled `f` and gradient.
    Moved { alpha: f64, f: f64, g: Array1<f64> },
    /// No lower point (`maxfun`: the evaluation budget ran out first).
    Failed { maxfun: bool },
}

#[allow(clippy::too_many_arguments)]
pub(super) fn line_search<F: Fn(ArrayView1<'_, f64>) -> f64>(
    s: &mut Scaled<'_, '_, F>,
    xs: &Array1<f64>,
    f0: f64,
    gtp0: f64,
    p: &Array1<f64>,
    first: f64,
    stpmax: f64,
    eta: f64,
) -> LineOutcome {
    let mut stpmax = stpmax;
    let mut stp = first;
    let mut ls = Dcsrch::new(1e-4, eta, 0.1, 0.0, stpmax);
    let mut task = ls.start(stp, f0, gtp0);
    let mut last: Option<(f64, f64, Array1<f64>)> = None;
    let mut best: Option<(f64, f64, Array1<f64>)> = None;
    let mut evals = 0;
    let fallback = |best: Option<(f64, f64, Array1<f64>)>, maxfun: bool| match best {
        Some((alpha, f, g)) => LineOutcome::Moved { alpha, f, g },
        None => LineOutcome::Failed { maxfun },
    };
    while task == Task::Fg {
        if evals >= MAX_EVALS {
            return fallback(best, false);
        }
        if s.evals >= s.maxfun {
            return fallback(best, true);
        }
        evals += 1;
        let (f, g) = s.fun_grad(&(xs + &(p * stp)));
        let gp = g.dot(p);
        if !f.is_finite() || !gp.is_finite() {
            stpmax = 0.1 * stp;
            if stpmax.is_nan() || stpmax <= 0.0 {
                return fallback(best, false);
            }
            stp = stpmax;
            ls = Dcsrch::new(1e-4, eta, 0.1, 0.0, stpmax);
            task = ls.start(stp, f0, gtp0);
            continue;
        }
        if f <= f0 && best.as_ref().is_none_or(|b| f < b.1) {
            best = Some((stp, f, g.clone()));
        }
        last = Some((stp, f, g));
        task = ls.iterate(&mut stp, f, gp);
    }
    match (task, last) {
        (Task::Converged | Task::Warning, Some((alpha, f, g))) if f <= f0 && alpha > 0.0 => {
            LineOutcome::Moved { alpha, f, g }
        }
        _ => fallback(best, false),
    }
}
