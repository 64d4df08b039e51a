//! Byrd–Omojokun trust-region SQP for equality-constrained problems (SciPy's
//! `equality_constrained_sqp`; Lalee, Nocedal & Plantenga 1998; Byrd, Hribar & Nocedal 1999).
//!
//! Each iteration splits the step into a *normal* part `dn` (dogleg towards `A d + b = 0`
//! within `0.8Δ`) and a *tangential* part `dt` (projected CG on the quadratic model in the
//! null space of `A`, within the rest of the region), measures progress with the merit
//! function `f + ν‖c‖` (the penalty `ν` raised so the predicted reduction stays positive),
//! tries a second-order correction when a mostly tangential step is rejected, and updates
//! the radius by the reduction ratio. Multipliers are least-squares estimates.

use sci_core::Result;
use sci_core::ndarray::{Array1, Array2};

use super::FactorizationMethod;
use super::projections::Projections;
use super::qp::{CgInfo, box_intersections, modified_dogleg, projected_cg};

const PENALTY_FACTOR: f64 = 0.3;
const LARGE_REDUCTION_RATIO: f64 = 0.9;
const INTERMEDIARY_REDUCTION_RATIO: f64 = 0.3;
const SUFFICIENT_REDUCTION_RATIO: f64 = 1e-8;
const TRUST_ENLARGEMENT_FACTOR_L: f64 = 7.0;
const TRUST_ENLARGEMENT_FACTOR_S: f64 = 2.0;
const MAX_TRUST_REDUCTION: f64 = 0.5;
const MIN_TRUST_REDUCTION: f64 = 0.1;
const SOC_THRESHOLD: f64 = 0.1;
const TR_FACTOR: f64 = 0.8;
const BOX_FACTOR: f64 = 0.5;

/// Progress report passed to the stopping test at the top of every iteration.
pub(crate) struct Progress<'s> {
    pub z: &'s Array1<f64>,
    pub last_iteration_failed: bool,
    pub optimality: f64,
    pub constr_violation: f64,
    pub tr_radius: f64,
    pub penalty: f64,
    pub cg: CgInfo,
    /// The last step was rejected because values at the trial point were not finite.
    pub trial_undefined: bool,
}

/// `min f(z)` subject to `c(z) = 0`, in the variables the SQP sees.
pub(crate) trait SqpProblem {
    fn fun_and_constr(&mut self, z: &Array1<f64>) -> Result<(f64, Array1<f64>)>;
    fn grad_and_jac(&mut self, z: &Array1<f64>) -> Result<(Array1<f64>, Array2<f64>)>;
    /// Sets the Lagrangian Hessian at `z` with multipliers `v`.
    fn lagr_hess(&mut self, z: &Array1<f64>, v: &Array1<f64>) -> Result<()>;
    /// The product of the Lagrangian Hessian set last with `p`.
    fn hess_dot(&self, p: &Array1<f64>) -> Result<Array1<f64>>;
    /// The diagonal scaling of steps at `z` (`None`: the identity).
    fn scaling(&self, z: &Array1<f64>) -> Option<Array1<f64>>;
    /// Whether to stop.
    fn stop(&mut self, progress: &Progress<'_>) -> Result<bool>;
}

/// Values at the starting point.
pub(crate) struct Start {
    pub z: Array1<f64>,
    pub f: f64,
    pub grad: Array1<f64>,
    pub constr: Array1<f64>,
    pub jac: Array2<f64>,
}

fn norm(v: &Array1<f64>) -> f64 {
    v.dot(v).sqrt()
}

fn norm_inf(v: &Array1<f64>) -> f64 {
    v.iter().fold(0.0f64, |m, x| if x.abs() > m || x.is_nan() { x.abs() } else { m })
}

fn scaled(s: &Option<Array1<f64>>, d: &Array1<f64>) -> Array1<f64> {
    match s {
        Some(s) => s * d,
        None => d.clone(),
    }
}

fn all_finite(v: &Array1<f64>) -> bool {
    v.iter().all(|x| x.is_finite())
}

/// Settings of one SQP run.
pub(crate) struct SqpSettings<'s> {
    pub initial_penalty: f64,
    pub initial_radius: f64,
    pub trust_lb: &'s Array1<f64>,
    pub trust_ub: &'s Array1<f64>,
    pub factorization: FactorizationMethod,
}

/// Runs the SQP from `start` until `problem.stop` says so; returns the last accepted point
/// and the trust radius of the last stopping test.
pub(crate) fn equality_constrained_sqp<P: SqpProblem>(
    problem: &mut P,
    start: Start,
    settings: &SqpSettings<'_>,
) -> Result<(Array1<f64>, f64)> {
    let Start { z: mut x, mut f, grad: mut c, constr: mut b, jac: mut a } = start;
    let (trust_lb, trust_ub) = (settings.trust_lb, settings.trust_ub);
    let box_lb = trust_lb * BOX_FACTOR;
    let box_ub = trust_ub * BOX_FACTOR;
    let mut radius = settings.initial_radius;
    let mut penalty = settings.initial_penalty;
    let mut s = problem.scaling(&x);
    let mut proj = Projections::new(&a, settings.factorization)?;
    let mut v = -proj.least_squares(&c);
    problem.lagr_hess(&x, &v)?;
    let mut optimality = norm_inf(&(&c + &a.t().dot(&v)));
    let mut constr_violation = if b.is_empty() { 0.0 } else { norm_inf(&b) };
    let mut cg = CgInfo::default();
    let mut last_failed = false;
    let mut trial_undefined = false;
    loop {
        let progress = Progress {
            z: &x,
            last_iteration_failed: last_failed,
            optimality,
            constr_violation,
            tr_radius: radius,
            penalty,
            cg,
            trial_undefined,
        };
        if problem.stop(&progress)? {
            break;
        }
        // Normal step towards linearized feasibility.
        let dn = modified_dogleg(&proj, &a, &b, TR_FACTOR * radius, &box_lb, &box_ub);
        // Tangential step in the null space of A.
        let c_t = &problem.hess_dot(&dn)? + &c;
        let dn_norm = norm(&dn);
        let radius_t = (radius * radius - dn_norm * dn_norm).max(0.0).sqrt();
        let lb_t = trust_lb - &dn;
        let ub_t = trust_ub - &dn;
        let mut hess = |p: &Array1<f64>| problem.hess_dot(p);
        let (dt, info) = projected_cg(&mut hess, &c_t, &proj, radius_t, &lb_t, &ub_t)?;
        cg = info;
        let d = &dn + &dt;
        let quadratic_model = 0.5 * problem.hess_dot(&d)?.dot(&d) + c.dot(&d);
        let linearized = &a.dot(&d) + &b;
        let vpred = (norm(&b) - norm(&linearized)).max(1e-16);
        let previous_penalty = penalty;
        if quadratic_model > 0.0 {
            penalty = penalty.max(quadratic_model / ((1.0 - PENALTY_FACTOR) * vpred));
        }
        let predicted = -quadratic_model + penalty * vpred;
        let merit = f + penalty * norm(&b);
        let mut x_next = &x + &scaled(&s, &d);
        let (mut f_next, mut b_next) = problem.fun_and_constr(&x_next)?;
        let merit_next = f_next + penalty * norm(&b_next);
        let mut ratio = (merit - merit_next) / predicted;
        // Undefined values at the trial point count as a failed step (SciPy keeps the
        // radius and tries the same step again).
        trial_undefined = ratio.is_nan();
        if trial_undefined {
            ratio = f64::NEG_INFINITY;
        }
        if ratio < SUFFICIENT_REDUCTION_RATIO && dn_norm <= SOC_THRESHOLD * norm(&dt) && all_finite(&b_next) {
            // Second-order correction.
            let y = -proj.row_space(&b_next);
            let (_, t, intersect) = box_intersections(&d, &y, trust_lb, trust_ub, false);
            let x_soc = &x + &scaled(&s, &(&d + &(&y * t)));
            let (f_soc, b_soc) = problem.fun_and_constr(&x_soc)?;
            let ratio_soc = (merit - (f_soc + penalty * norm(&b_soc))) / predicted;
            if intersect && ratio_soc >= SUFFICIENT_REDUCTION_RATIO {
                trial_undefined = false;
                x_next = x_soc;
                f_next = f_soc;
                b_next = b_soc;
                ratio = ratio_soc;
            }
        }
        let d_norm = norm(&d);
        let radius_before = radius;
        if ratio >= LARGE_REDUCTION_RATIO {
            radius = (TRUST_ENLARGEMENT_FACTOR_L * d_norm).max(radius);
        } else if ratio >= INTERMEDIARY_REDUCTION_RATIO {
            radius = (TRUST_ENLARGEMENT_FACTOR_S * d_norm).max(radius);
        } else if ratio < SUFFICIENT_REDUCTION_RATIO {
            let trust_reduction = (1.0 - SUFFICIENT_REDUCTION_RATIO) / (1.0 - ratio);
            let new_radius = trust_reduction * d_norm;
            if new_radius >= MAX_TRUST_REDUCTION * radius {
                radius *= MAX_TRUST_REDUCTION;
            } else if new_radius >= MIN_TRUST_REDUCTION * radius {
                radius = new_radius;
            } else {
                radius *= MIN_TRUST_REDUCTION;
            }
        }
        if ratio >= SUFFICIENT_REDUCTION_RATIO {
            let (c_next, a_next) = problem.grad_and_jac(&x_next)?;
            if !all_finite(&c_next) || a_next.iter().any(|v| !v.is_finite()) {
                // Derivatives undefined at the new point: reject it.
                radius = radius_before * MIN_TRUST_REDUCTION;
                penalty = previous_penalty;
                last_failed = true;
                trial_undefined = true;
                continue;
            }
            x = x_next;
            f = f_next;
            b = b_next;
            c = c_next;
            a = a_next;
            s = problem.scaling(&x);
            proj = Projections::new(&a, settings.factorization)?;
            v = -proj.least_squares(&c);
            problem.lagr_hess(&x, &v)?;
            last_failed = false;
            optimality = norm_inf(&(&c + &a.t().dot(&v)));
            constr_violation = if b.is_empty() { 0.0 } else { norm_inf(&b) };
        } else {
            penalty = previous_penalty;
            last_failed = true;
        }
    }
    Ok((x, radius))
}
