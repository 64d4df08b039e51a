//! Line searches satisfying the strong Wolfe conditions: MINPACK-2's `dcsrch`
//! (Moré & Thuente 1994), SciPy's `line_search_wolfe1`, and the bracketing/zoom search of
//! Nocedal & Wright (Algorithm 3.5–3.6), SciPy's `line_search_wolfe2`, used as its fallback.

use sci_core::ndarray::Array1;

/// A scalar line function: `phi(a) = f(x + a p)` and `derphi(a) = ∇f(x + a p)·p`.
pub(crate) trait LineFunction {
    fn phi(&mut self, alpha: f64) -> f64;
    fn derphi(&mut self, alpha: f64) -> f64;
    /// The gradient at the point of the last `derphi` call.
    fn last_grad(&self) -> Option<&Array1<f64>>;
}

/// Outcome of a successful line search: step, `phi(step)`, and `phi0`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineStep {
    pub alpha: f64,
    pub phi: f64,
    /// Whether `derphi` was last evaluated at `alpha` (so the caller's cached gradient is
    /// the one at the new point).
    pub derphi_at_alpha: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Task {
    Fg,
    Converged,
    Warning,
    Error,
}

pub(crate) struct Dcsrch {
    ftol: f64,
    gtol: f64,
    xtol: f64,
    stpmin: f64,
    stpmax: f64,
    brackt: bool,
    stage: u8,
    ginit: f64,
    gtest: f64,
    gx: f64,
    gy: f64,
    finit: f64,
    fx: f64,
    fy: f64,
    stx: f64,
    sty: f64,
    stmin: f64,
    stmax: f64,
    width: f64,
    width1: f64,
}

impl Dcsrch {
    pub(crate) fn new(ftol: f64, gtol: f64, xtol: f64, stpmin: f64, stpmax: f64) -> Self {
        Dcsrch {
            ftol,
            gtol,
            xtol,
            stpmin,
            stpmax,
            brackt: false,
            stage: 1,
            ginit: 0.0,
            gtest: 0.0,
            gx: 0.0,
            gy: 0.0,
            finit: 0.0,
            fx: 0.0,
            fy: 0.0,
            stx: 0.0,
            sty: 0.0,
            stmin: 0.0,
            stmax: 0.0,
            width: 0.0,
            width1: 0.0,
        }
    }

    pub(crate) fn start(&mut self, stp: f64, f: f64, g: f64) -> Task {
        if stp < self.stpmin || stp > self.stpmax || g >= 0.0 || self.stpmax < self.stpmin {
            return Task::Error;
        }
        self.brackt = false;
        self.stage = 1;
        self.finit = f;
        self.ginit = g;
        self.gtest = self.ftol * g;
        self.width = self.stpmax - self.stpmin;
        self.width1 = self.width / 0.5;
        self.stx = 0.0;
        self.fx = f;
        self.gx = g;
        self.sty = 0.0;
        self.fy = f;
        self.gy = g;
        self.stmin = 0.0;
        self.stmax = stp + 4.0 * stp;
        Task::Fg
    }

    pub(crate) fn iterate(&mut self, stp: &mut f64, f: f64, g: f64) -> Task {
        let ftest = self.finit + *stp * self.gtest;
        if self.stage == 1 && f <= ftest && g >= 0.0 {
            self.stage = 2;
        }
        let mut task = Task::Fg;
        if self.brackt && (*stp <= self.stmin || *stp >= self.stmax) {
            task = Task::Warning;
        }
        if self.brackt && self.stmax - self.stmin <= self.xtol * self.stmax {
            task = Task::Warning;
        }
        if *stp == self.stpmax && f <= ftest && g <= self.gtest {
            task = Task::Warning;
        }
        if *stp == self.stpmin && (f > ftest || g >= self.gtest) {
            task = Task::Warning;
        }
        if f <= ftest && g.abs() <= self.gtol * -self.ginit {
            task = Task::Converged;
        }
        if task != Task::Fg {
            return task;
        }
        if self.stage == 1 && f <= self.fx && f > ftest {
            let fm = f - *stp * self.gtest;
            let mut fxm = self.fx - self.stx * self.gtest;
            let mut fym = self.fy - self.sty * self.gtest;
            let gm = g - self.gtest;
            let mut gxm = self.gx - self.gtest;
            let mut gym = self.gy - self.gtest;
            dcstep(
                &mut self.stx,
                &mut fxm,
                &mut gxm,
                &mut self.sty,
                &mut fym,
                &mut gym,
                stp,
                fm,
                gm,
                &mut self.brackt,
                self.stmin,
                self.stmax,
            );
            self.fx = fxm + self.stx * self.gtest;
            self.fy = fym + self.sty * self.gtest;
            self.gx = gxm + self.gtest;
            self.gy = gym + self.gtest;
        } else {
            dcstep(
                &mut self.stx,
                &mut self.fx,
                &mut self.gx,
                &mut self.sty,
                &mut self.fy,
                &mut self.gy,
                stp,
                f,
                g,
                &mut self.brackt,
                self.stmin,
                self.stmax,
            );
        }
        if self.brackt {
            if (self.sty - self.stx).abs() >= 0.66 * self.width1 {
                *stp = self.stx + 0.5 * (self.sty - self.stx);
            }
            self.width1 = self.width;
            self.width = (self.sty - self.stx).abs();
            self.stmin = self.stx.min(self.sty);
            self.stmax = self.stx.max(self.sty);
        } else {
            self.stmin = *stp + 1.1 * (*stp - self.stx);
            self.stmax = *stp + 4.0 * (*stp - self.stx);
        }
        *stp = stp.max(self.stpmin).min(self.stpmax);
        if self.brackt
            && (*stp <= self.stmin || *stp >= self.stmax || self.stmax - self.stmin <= self.xtol * self.stmax)
        {
            *stp = self.stx;
        }
        Task::Fg
    }
}

fn sign(v: f64) -> f64 {
    if v > 0.0 {
        1.0
    } else if v < 0.0 {
        -1.0
    } else if v == 0.0 {
        0.0
    } else {
        f64::NAN
    }
}

/// One safeguarded step of the Moré–Thuente interval update (MINPACK-2 `dcstep`).
#[allow(clippy::too_many_arguments)]
fn dcstep(
    stx: &mut f64,
    fx: &mut f64,
    dx: &mut f64,
    sty: &mut f64,
    fy: &mut f64,
    dy: &mut f64,
    stp: &mut f64,
    fp: f64,
    dp: f64,
    brackt: &mut bool,
    stpmin: f64,
    stpmax: f64,
) {
    let sgnd = sign(dp) * sign(*dx);
    let stpf;
    if fp > *fx {
        let theta = 3.0 * (*fx - fp) / (*stp - *stx) + *dx + dp;
        let s = theta.abs().max(dx.abs()).max(dp.abs());
        let mut gamma = s * ((theta / s).powi(2) - (*dx / s) * (dp / s)).sqrt();
        if *stp < *stx {
            gamma = -gamma;
        }
        let p = (gamma - *dx) + theta;
        let q = ((gamma - *dx) + gamma) + dp;
        let r = p / q;
        let stpc = *stx + r * (*stp - *stx);
        let stpq = *stx + ((*dx / ((*fx - fp) / (*stp - *stx) + *dx)) / 2.0) * (*stp - *stx);
        stpf = if (stpc - *stx).abs() <= (stpq - *stx).abs() { stpc } else { stpc + (stpq - stpc) / 2.0 };
        *brackt = true;
    } else if sgnd < 0.0 {
        let theta = 3.0 * (*fx - fp) / (*stp - *stx) + *dx + dp;
        let s = theta.abs().max(dx.abs()).max(dp.abs());
        let mut gamma = s * ((theta / s).powi(2) - (*dx / s) * (dp / s)).sqrt();
        if *stp > *stx {
            gamma = -gamma;
        }
        let p = (gamma - dp) + theta;
        let q = ((gamma - dp) + gamma) + *dx;
        let r = p / q;
        let stpc = *stp + r * (*stx - *stp);
        let stpq = *stp + (dp / (dp - *dx)) * (*stx - *stp);
        stpf = if (stpc - *stp).abs() > (stpq - *stp).abs() { stpc } else { stpq };
        *brackt = true;
    } else if dp.abs() < dx.abs() {
        let theta = 3.0 * (*fx - fp) / (*stp - *stx) + *dx + dp;
        let s = theta.abs().max(dx.abs()).max(dp.abs());
        let mut gamma = s * 0f64.max((theta / s).powi(2) - (*dx / s) * (dp / s)).sqrt();
        if *stp > *stx {
            gamma = -gamma;
        }
        let p = (gamma - dp) + theta;
        let q = (gamma + (*dx - dp)) + gamma;
        let r = p / q;
        let stpc = if r < 0.0 && gamma != 0.0 {
            *stp + r * (*stx - *stp)
        } else if *stp > *stx {
            stpmax
        } else {
            stpmin
        };
        let stpq = *stp + (dp / (dp - *dx)) * (*stx - *stp);
        if *brackt {
            let mut sf = if (stpc - *stp).abs() < (stpq - *stp).abs() { stpc } else { stpq };
            if *stp > *stx {
                sf = sf.min(*stp + 0.66 * (*sty - *stp));
            } else {
                sf = sf.max(*stp + 0.66 * (*sty - *stp));
            }
            stpf = sf;
        } else {
            let sf = if (stpc - *stp).abs() > (stpq - *stp).abs() { stpc } else { stpq };
            stpf = sf.max(stpmin).min(stpmax);
        }
    } else if *brackt {
        let theta = 3.0 * (fp - *fy) / (*sty - *stp) + *dy + dp;
        let s = theta.abs().max(dy.abs()).max(dp.abs());
        let mut gamma = s * ((theta / s).powi(2) - (*dy / s) * (dp / s)).sqrt();
        if *stp > *sty {
            gamma = -gamma;
        }
        let p = (gamma - dp) + theta;
        let q = ((gamma - dp) + gamma) + *dy;
        let r = p / q;
        stpf = *stp + r * (*sty - *stp);
    } else if *stp > *stx {
        stpf = stpmax;
    } else {
        stpf = stpmin;
    }
    if fp > *fx {
        *sty = *stp;
        *fy = fp;
        *dy = dp;
    } else {
        if sgnd < 0.0 {
            *sty = *stx;
            *fy = *fx;
            *dy = *dx;
        }
        *stx = *stp;
        *fx = fp;
        *dx = dp;
    }
    *stp = stpf;
}

/// SciPy's `scalar_search_wolfe1`: MINPACK's `dcsrch` from the step
/// `min(1, 2.02 (φ0 − φ_old)/φ'0)`. Returns `None` on failure.
pub(crate) fn wolfe1<L: LineFunction>(
    lf: &mut L,
    phi0: f64,
    old_phi0: Option<f64>,
    derphi0: f64,
    c1: f64,
    c2: f64,
    amax: f64,
    amin: f64,
    xtol: f64,
) -> Option<LineStep> {
    let mut alpha1 = match old_phi0 {
        Some(old) if derphi0 != 0.0 => {
            let a = 1.0f64.min(1.01 * 2.0 * (phi0 - old) / derphi0);
            if a < 0.0 { 1.0 } else { a }
        }
        _ => 1.0,
    };
    if alpha1.is_nan() {
        alpha1 = 1.0;
    }
    let mut ls = Dcsrch::new(c1, c2, xtol, amin, amax);
    let mut stp = alpha1;
    let (mut phi1, mut derphi1) = (phi0, derphi0);
    let mut task = ls.start(stp, phi1, derphi1);
    if task == Task::Error {
        return None;
    }
    for _ in 0..100 {
        if !stp.is_finite() {
            return None;
        }
        if task == Task::Fg {
            phi1 = lf.phi(stp);
            derphi1 = lf.derphi(stp);
            task = ls.iterate(&mut stp, phi1, derphi1);
            if task != Task::Fg {
                break;
            }
        }
    }
    match task {
        Task::Converged => Some(LineStep { alpha: stp, phi: phi1, derphi_at_alpha: true }),
        _ => None,
    }
}

fn cubicmin(a: f64, fa: f64, fpa: f64, b: f64, fb: f64, c: f64, fc: f64) -> Option<f64> {
    let cc = fpa;
    let db = b - a;
    let dc = c - a;
    let denom = (db * dc).powi(2) * (db - dc);
    let r0 = fb - fa - cc * db;
    let r1 = fc - fa - cc * dc;
    let aa = (dc * dc * r0 + (-db * db) * r1) / denom;
    let bb = ((-dc.powi(3)) * r0 + db.powi(3) * r1) / denom;
    let radical = bb * bb - 3.0 * aa * cc;
    if denom == 0.0 || radical < 0.0 || aa == 0.0 {
        return None;
    }
    let xmin = a + (-bb + radical.sqrt()) / (3.0 * aa);
    if xmin.is_finite() { Some(xmin) } else { None }
}

fn quadmin(a: f64, fa: f64, fpa: f64, b: f64, fb: f64) -> Option<f64> {
    let db = b - a;
    if db == 0.0 {
        return None;
    }
    let bb = (fb - fa - fpa * db) / (db * db);
    if bb == 0.0 {
        return None;
    }
    let xmin = a - fpa / (2.0 * bb);
    if xmin.is_finite() { Some(xmin) } else { None }
}

/// Extra acceptance test of the zoom search (used by CG's descent condition).
pub(crate) type Extra<'e> = &'e mut dyn FnMut(f64, &Array1<f64>) -> bool;

#[allow(clippy::too_many_arguments)]
fn zoom<L: LineFunction>(
    lf: &mut L,
    mut a_lo: f64,
    mut a_hi: f64,
    mut phi_lo: f64,
    mut phi_hi: f64,
    mut derphi_lo: f64,
    phi0: f64,
    derphi0: f64,
    c1: f64,
    c2: f64,
    extra: &mut Option<Extra<'_>>,
) -> Option<LineStep> {
    let maxiter = 10;
    let mut i = 0;
    let delta1 = 0.2;
    let delta2 = 0.1;
    let mut phi_rec = phi0;
    let mut a_rec = 0.0;
    loop {
        let dalpha = a_hi - a_lo;
        let (a, b) = if dalpha < 0.0 { (a_hi, a_lo) } else { (a_lo, a_hi) };
        let mut a_j = None;
        if i > 0 {
            let cchk = delta1 * dalpha;
            a_j = cubicmin(a_lo, phi_lo, derphi_lo, a_hi, phi_hi, a_rec, phi_rec);
            if let Some(v) = a_j
                && (v > b - cchk || v < a + cchk)
            {
                a_j = None;
            }
        }
        let a_j = match a_j {
            Some(v) => v,
            None => {
                let qchk = delta2 * dalpha;
                match quadmin(a_lo, phi_lo, derphi_lo, a_hi, phi_hi) {
                    Some(v) if !(v > b - qchk || v < a + qchk) => v,
                    _ => a_lo + 0.5 * dalpha,
                }
            }
        };
        let phi_aj = lf.phi(a_j);
        if phi_aj > phi0 + c1 * a_j * derphi0 || phi_aj >= phi_lo {
            phi_rec = phi_hi;
            a_rec = a_hi;
            a_hi = a_j;
            phi_hi = phi_aj;
        } else {
            let derphi_aj = lf.derphi(a_j);
            if derphi_aj.abs() <= -c2 * derphi0
                && extra.as_mut().is_none_or(|e| lf.last_grad().is_none_or(|g| e(a_j, g)))
            {
                return Some(LineStep { alpha: a_j, phi: phi_aj, derphi_at_alpha: true });
            }
            if derphi_aj * (a_hi - a_lo) >= 0.0 {
                phi_rec = phi_hi;
                a_rec = a_hi;
                a_hi = a_lo;
                phi_hi = phi_lo;
            } else {
                phi_rec = phi_lo;
                a_rec = a_lo;
            }
            a_lo = a_j;
            phi_lo = phi_aj;
            derphi_lo = derphi_aj;
        }
        i += 1;
        if i > maxiter {
            return None;
        }
    }
}

/// SciPy's `scalar_search_wolfe2` (bracketing phase doubling the step, then zoom).
#[allow(clippy::too_many_arguments)]
pub(crate) fn wolfe2<L: LineFunction>(
    lf: &mut L,
    phi0: f64,
    old_phi0: Option<f64>,
    derphi0: f64,
    c1: f64,
    c2: f64,
    amax: Option<f64>,
    mut extra: Option<Extra<'_>>,
    maxiter: usize,
) -> Option<LineStep> {
    let mut alpha0 = 0.0;
    let mut alpha1 = match old_phi0 {
        Some(old) if derphi0 != 0.0 => 1.0f64.min(1.01 * 2.0 * (phi0 - old) / derphi0),
        _ => 1.0,
    };
    if alpha1 < 0.0 || alpha1.is_nan() {
        alpha1 = 1.0;
    }
    if let Some(am) = amax {
        alpha1 = alpha1.min(am);
    }
    let mut phi_a1 = lf.phi(alpha1);
    let mut phi_a0 = phi0;
    let mut derphi_a0 = derphi0;
    for i in 0..maxiter {
        if alpha1 == 0.0 || amax.is_some_and(|am| alpha0 > am) {
            return None;
        }
        if phi_a1 > phi0 + c1 * alpha1 * derphi0 || (phi_a1 >= phi_a0 && i > 0) {
            return zoom(lf, alpha0, alpha1, phi_a0, phi_a1, derphi_a0, phi0, derphi0, c1, c2, &mut extra);
        }
        let derphi_a1 = lf.derphi(alpha1);
        if derphi_a1.abs() <= -c2 * derphi0
            && extra.as_mut().is_none_or(|e| lf.last_grad().is_none_or(|g| e(alpha1, g)))
        {
            return Some(LineStep { alpha: alpha1, phi: phi_a1, derphi_at_alpha: true });
        }
        if derphi_a1 >= 0.0 {
            return zoom(lf, alpha1, alpha0, phi_a1, phi_a0, derphi_a1, phi0, derphi0, c1, c2, &mut extra);
        }
        let mut alpha2 = 2.0 * alpha1;
        if let Some(am) = amax {
            alpha2 = alpha2.min(am);
        }
        alpha0 = alpha1;
        alpha1 = alpha2;
        phi_a0 = phi_a1;
        phi_a1 = lf.phi(alpha1);
        derphi_a0 = derphi_a1;
    }
    // SciPy returns the last step without a gradient (derphi_star = None) here.
    Some(LineStep { alpha: alpha1, phi: phi_a1, derphi_at_alpha: false })
}
