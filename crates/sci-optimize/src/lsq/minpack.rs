//! Levenberg–Marquardt after MINPACK's `lmdif`/`lmder` (Moré 1978; Moré, Garbow & Hillstrom
//! 1980): QR with column pivoting (`qrfac`), the trust-region parameter search (`lmpar`,
//! `qrsolv`), scaling by the Jacobian's column norms, and MINPACK's termination tests and
//! `info` codes. SciPy's `leastsq` and `least_squares(method='lm')` call this algorithm.
//!
//! The inner products over the `m` residuals are summed with four accumulators (so they
//! vectorize); iterates therefore agree with MINPACK's to rounding, not bit for bit, which
//! matters only on rank-deficient problems, where LM's stopping point along the null
//! direction depends on rounding anyway.

use sci_core::ndarray::{Array1, Array2, ArrayView1};

// MINPACK's `enorm` is the overflow- and underflow-safe two-norm.
use super::kernels::{axpy, dot, norm2 as enorm};
use super::tall_r::tall_r;

fn enorm_of(v: &Array1<f64>) -> f64 {
    match v.as_slice() {
        Some(s) => enorm(s),
        None => enorm(&v.to_vec()),
    }
}

/// Column-major dense storage with MINPACK's layout (`a[i + j*m]`).
struct Mat {
    a: Vec<f64>,
    m: usize,
}

impl Mat {
    #[inline]
    fn at(&self, i: usize, j: usize) -> f64 {
        self.a[i + j * self.m]
    }
    #[inline]
    fn set(&mut self, i: usize, j: usize, v: f64) {
        self.a[i + j * self.m] = v;
    }
    fn col(&self, j: usize, from: usize) -> &[f64] {
        &self.a[from + j * self.m..(j + 1) * self.m]
    }
    fn col_mut(&mut self, j: usize) -> &mut [f64] {
        &mut self.a[j * self.m..(j + 1) * self.m]
    }
    /// Exchanges columns `j < k`.
    fn swap_cols(&mut self, j: usize, k: usize) {
        let m = self.m;
        let (left, right) = self.a.split_at_mut(k * m);
        left[j * m..(j + 1) * m].swap_with_slice(&mut right[..m]);
    }
    /// Rows `from..` of column `j` (read) and of a later column `k > j` (written).
    fn col_pair(&mut self, j: usize, k: usize, from: usize) -> (&[f64], &mut [f64]) {
        let m = self.m;
        let (left, right) = self.a.split_at_mut(k * m);
        (&left[j * m + from..(j + 1) * m], &mut right[from..m])
    }
}

/// QR factorization with column pivoting; returns `(rdiag, acnorm, ipvt)`. On return the
/// strict upper triangle of `a`'s first `n` rows holds `R`'s off-diagonal part and the lower
/// trapezoid the Householder vectors.
fn qrfac(a: &mut Mat, n: usize) -> (Vec<f64>, Vec<f64>, Vec<usize>) {
    let m = a.m;
    let epsmch = f64::EPSILON;
    let mut acnorm = vec![0.0; n];
    let mut rdiag = vec![0.0; n];
    let mut wa = vec![0.0; n];
    let mut ipvt: Vec<usize> = (0..n).collect();
    for j in 0..n {
        acnorm[j] = enorm(a.col(j, 0));
        rdiag[j] = acnorm[j];
        wa[j] = rdiag[j];
    }
    for j in 0..m.min(n) {
        let mut kmax = j;
        for k in j..n {
            if rdiag[k] > rdiag[kmax] {
                kmax = k;
            }
        }
        if kmax != j {
            a.swap_cols(j, kmax);
            rdiag[kmax] = rdiag[j];
            wa[kmax] = wa[j];
            ipvt.swap(j, kmax);
        }
        let mut ajnorm = enorm(a.col(j, j));
        if ajnorm != 0.0 {
            if a.at(j, j) < 0.0 {
                ajnorm = -ajnorm;
            }
            for v in &mut a.col_mut(j)[j..] {
                *v /= ajnorm;
            }
            a.set(j, j, a.at(j, j) + 1.0);
            for k in j + 1..n {
                let (cj, ck) = a.col_pair(j, k, j);
                let temp = dot(cj, ck) / cj[0];
                axpy(-temp, cj, ck);
                if rdiag[k] != 0.0 {
                    let temp = a.at(j, k) / rdiag[k];
                    rdiag[k] *= (1.0 - temp * temp).max(0.0).sqrt();
                    if 0.05 * (rdiag[k] / wa[k]).powi(2) <= epsmch {
                        rdiag[k] = enorm(a.col(k, j + 1));
                        wa[k] = rdiag[k];
                    }
                }
            }
        }
        rdiag[j] = -ajnorm;
    }
    (rdiag, acnorm, ipvt)
}

/// Systems with at least this many rows per column of `[J | f]` are reduced by [`tall_r`]
/// before the pivoted QR.
const STREAM_MIN_ROWS_PER_COL: usize = 4;
/// Widest `J` reduced that way; wider Jacobians are factored directly.
const STREAM_MAX_COLS: usize = 32;

/// The `n×n` matrix `R₀[:n, :n]` (MINPACK layout) and the vector `R₀[:n, n]`, where `R₀` is
/// the triangle of the QR factorization of `[J | f]` (`J` is `m×n` in `fjac`).
fn reduce_tall(fjac: &Mat, n: usize, f: &Array1<f64>) -> (Mat, Vec<f64>) {
    let m = fjac.m;
    let k = n + 1;
    let r = tall_r(m, k, |i0, c, out| {
        let rows = i0..i0 + out.len();
        if c < n {
            out.copy_from_slice(&fjac.col(c, 0)[rows]);
        } else {
            out.iter_mut().zip(f.slice(sci_core::ndarray::s![rows])).for_each(|(o, v)| *o = *v);
        }
    });
    let mut small = Mat { a: vec![0.0; n * n], m: n };
    for i in 0..n {
        for j in i..n {
            small.set(i, j, r[i * k + j]);
        }
    }
    let rhs = (0..n).map(|i| r[i * k + n]).collect();
    (small, rhs)
}

/// Solves `min ‖(A; D) x − (b; 0)‖` given the pivoted QR of `A` (MINPACK `qrsolv`).
/// `r` is `n×n` column-major (ldr = n) with R in the upper triangle; its strict lower triangle
/// receives Sᵀ and `sdiag` the diagonal of S.
fn qrsolv(
    r: &mut [f64],
    n: usize,
    ipvt: &[usize],
    diag: &[f64],
    qtb: &[f64],
    x: &mut [f64],
    sdiag: &mut [f64],
) {
    let idx = |i: usize, j: usize| i + j * n;
    let mut wa = vec![0.0; n];
    for j in 0..n {
        for i in j..n {
            r[idx(i, j)] = r[idx(j, i)];
        }
        x[j] = r[idx(j, j)];
        wa[j] = qtb[j];
    }
    for j in 0..n {
        let l = ipvt[j];
        if diag[l] != 0.0 {
            for k in j..n {
                sdiag[k] = 0.0;
            }
            sdiag[j] = diag[l];
            let mut qtbpj = 0.0;
            for k in j..n {
                if sdiag[k] == 0.0 {
                    continue;
                }
                let (sin, cos);
                if r[idx(k, k)].abs() < sdiag[k].abs() {
                    let cotan = r[idx(k, k)] / sdiag[k];
                    sin = 0.5 / (0.25 + 0.25 * cotan * cotan).sqrt();
                    cos = sin * cotan;
                } else {
                    let tan = sdiag[k] / r[idx(k, k)];
                    cos = 0.5 / (0.25 + 0.25 * tan * tan).sqrt();
                    sin = cos * tan;
                }
                r[idx(k, k)] = cos * r[idx(k, k)] + sin * sdiag[k];
                let temp = cos * wa[k] + sin * qtbpj;
                qtbpj = -sin * wa[k] + cos * qtbpj;
                wa[k] = temp;
                for i in k + 1..n {
                    let temp = cos * r[idx(i, k)] + sin * sdiag[i];
                    sdiag[i] = -sin * r[idx(i, k)] + cos * sdiag[i];
                    r[idx(i, k)] = temp;
                }
            }
        }
        sdiag[j] = r[idx(j, j)];
        r[idx(j, j)] = x[j];
    }
    let mut nsing = n;
    for j in 0..n {
        if sdiag[j] == 0.0 && nsing == n {
            nsing = j;
        }
        if nsing < n {
            wa[j] = 0.0;
        }
    }
    for j in (0..nsing).rev() {
        let mut sum = 0.0;
        for i in j + 1..nsing {
            sum += r[idx(i, j)] * wa[i];
        }
        wa[j] = (wa[j] - sum) / sdiag[j];
    }
    for j in 0..n {
        x[ipvt[j]] = wa[j];
    }
}

/// MINPACK `lmpar`: the Levenberg–Marquardt parameter for trust radius `delta`; returns the
/// step `x` (to be subtracted) and updates `par`.
fn lmpar(
    r: &mut [f64],
    n: usize,
    ipvt: &[usize],
    diag: &[f64],
    qtb: &[f64],
    delta: f64,
    par: &mut f64,
    x: &mut [f64],
    sdiag: &mut [f64],
) {
    let idx = |i: usize, j: usize| i + j * n;
    let dwarf = f64::MIN_POSITIVE;
    let mut wa1 = vec![0.0; n];
    let mut wa2 = vec![0.0; n];
    let mut nsing = n;
    for j in 0..n {
        wa1[j] = qtb[j];
        if r[idx(j, j)] == 0.0 && nsing == n {
            nsing = j;
        }
        if nsing < n {
            wa1[j] = 0.0;
        }
    }
    for j in (0..nsing).rev() {
        wa1[j] /= r[idx(j, j)];
        let temp = wa1[j];
        for i in 0..j {
            wa1[i] -= r[idx(i, j)] * temp;
        }
    }
    for j in 0..n {
        x[ipvt[j]] = wa1[j];
    }
    let mut iter = 0;
    for j in 0..n {
        wa2[j] = diag[j] * x[j];
    }
    let mut dxnorm = enorm(&wa2);
    let mut fp = dxnorm - delta;
    if fp <= 0.1 * delta {
        *par = 0.0;
        return;
    }
    let mut parl = 0.0;
    if nsing >= n {
        for j in 0..n {
            let l = ipvt[j];
            wa1[j] = diag[l] * (wa2[l] / dxnorm);
        }
        for j in 0..n {
            let mut sum = 0.0;
            for i in 0..j {
                sum += r[idx(i, j)] * wa1[i];
            }
            wa1[j] = (wa1[j] - sum) / r[idx(j, j)];
        }
        let temp = enorm(&wa1);
        parl = ((fp / delta) / temp) / temp;
    }
    for j in 0..n {
        let mut sum = 0.0;
        for i in 0..=j {
            sum += r[idx(i, j)] * qtb[i];
        }
        let l = ipvt[j];
        wa1[j] = sum / diag[l];
    }
    let gnorm = enorm(&wa1);
    let mut paru = gnorm / delta;
    if paru == 0.0 {
        paru = dwarf / delta.min(0.1);
    }
    *par = par.max(parl);
    *par = par.min(paru);
    if *par == 0.0 {
        *par = gnorm / dxnorm;
    }
    loop {
        iter += 1;
        if *par == 0.0 {
            *par = dwarf.max(0.001 * paru);
        }
        let temp = par.sqrt();
        for j in 0..n {
            wa1[j] = temp * diag[j];
        }
        qrsolv(r, n, ipvt, &wa1, qtb, x, sdiag);
        for j in 0..n {
            wa2[j] = diag[j] * x[j];
        }
        dxnorm = enorm(&wa2);
        let temp = fp;
        fp = dxnorm - delta;
        if fp.abs() <= 0.1 * delta || (parl == 0.0 && fp <= temp && temp < 0.0) || iter == 10 {
            break;
        }
        for j in 0..n {
            let l = ipvt[j];
            wa1[j] = diag[l] * (wa2[l] / dxnorm);
        }
        for j in 0..n {
            wa1[j] /= sdiag[j];
            let temp = wa1[j];
            for i in j + 1..n {
                wa1[i] -= r[idx(i, j)] * temp;
            }
        }
        let temp = enorm(&wa1);
        let parc = ((fp / delta) / temp) / temp;
        if fp > 0.0 {
            parl = parl.max(*par);
        }
        if fp < 0.0 {
            paru = paru.min(*par);
        }
        *par = parl.max(*par + parc);
    }
    if iter == 0 {
        *par = 0.0;
    }
}

/// Settings of one Levenberg–Marquardt run (MINPACK's arguments).
pub(crate) struct LmSettings {
    pub ftol: f64,
    pub xtol: f64,
    pub gtol: f64,
    pub maxfev: usize,
    pub factor: f64,
    /// `Some(diag)` is MINPACK's mode 2 (fixed scaling); `None` scales by column norms.
    pub diag: Option<Vec<f64>>,
    /// Forward-difference step `sqrt(max(epsfcn, eps))` when no Jacobian is given.
    pub epsfcn: f64,
}

/// Outcome: MINPACK's `info` (1–8; 0 improper input never happens here), the solution, the
/// residuals, counts and the last pivoted QR (`R` upper triangle `n×n`, column-major, plus
/// `ipvt`) from which SciPy's `leastsq` computes `cov_x`.
pub(crate) struct LmOutcome {
    pub info: i32,
    pub x: Array1<f64>,
    pub fvec: Array1<f64>,
    pub nfev: usize,
    pub njev: usize,
    pub r: Array2<f64>,
    pub ipvt: Vec<usize>,
}

/// Forward-difference column `(wa − f)/h` (NaN where `wa` has the wrong length).
fn write_difference(col: &mut [f64], wa: &Array1<f64>, f: &Array1<f64>, h: f64) {
    match (wa.as_slice(), f.as_slice()) {
        (Some(w), Some(f0)) if w.len() == col.len() => {
            for ((o, wv), fv) in col.iter_mut().zip(w).zip(f0) {
                *o = (wv - fv) / h;
            }
        }
        _ => {
            for (i, o) in col.iter_mut().enumerate() {
                *o = (wa.get(i).copied().unwrap_or(f64::NAN) - f[i]) / h;
            }
        }
    }
}

/// Evaluates the residuals at several points at once (the forward-difference columns of one
/// Jacobian), e.g. in parallel; results in the order of the points.
pub(crate) type BatchEval<'a> = &'a (dyn Fn(&[Array1<f64>]) -> Vec<Array1<f64>> + Sync);

/// Runs MINPACK's LM. `jac` is `None` for forward differences (lmdif).
pub(crate) fn lm<F, J>(fun: F, jac: Option<J>, x0: &Array1<f64>, s: &LmSettings) -> LmOutcome
where
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
    J: Fn(ArrayView1<'_, f64>) -> Array2<f64>,
{
    lm_batched(fun, jac, x0, s, None)
}

/// [`lm`] whose forward-difference columns are evaluated through `batch` (up to one point
/// per thread at a time), when given. The columns, and so the iterates, are the same as with
/// one evaluation at a time.
pub(crate) fn lm_batched<F, J>(
    fun: F,
    jac: Option<J>,
    x0: &Array1<f64>,
    s: &LmSettings,
    batch: Option<BatchEval<'_>>,
) -> LmOutcome
where
    F: Fn(ArrayView1<'_, f64>) -> Array1<f64>,
    J: Fn(ArrayView1<'_, f64>) -> Array2<f64>,
{
    let n = x0.len();
    let epsmch = f64::EPSILON;
    let mut x = x0.clone();
    let mut fvec = fun(x.view());
    let m = fvec.len();
    let mut nfev = 1usize;
    let mut njev = 0usize;
    let mut fnorm = enorm_of(&fvec);
    let mut par = 0.0;
    let mut iter = 1;
    let mut info = 0;
    let mut diag = s.diag.clone().unwrap_or_else(|| vec![0.0; n]);
    let mode2 = s.diag.is_some();
    let mut delta = 0.0;
    let mut xnorm = 0.0;
    let mut rmat = vec![0.0; n * n];
    let mut ipvt: Vec<usize> = (0..n).collect();
    let eps = s.epsfcn.max(epsmch).sqrt();
    let mut fjac = Mat { a: vec![0.0; m * n], m };
    let mut qtf = vec![0.0; n];
    if !fnorm.is_finite() {
        // MINPACK would continue with NaNs; report the evaluation problem as failure 5.
        let r = Array2::zeros((n, n));
        return LmOutcome { info: 5, x, fvec, nfev, njev, r, ipvt };
    }
    'outer: loop {
        // Jacobian.
        match &jac {
            Some(jf) => {
                let j = jf(x.view());
                njev += 1;
                for c in 0..n {
                    let col = fjac.col_mut(c);
                    if j.dim() == (m, n) {
                        for (o, v) in col.iter_mut().zip(j.column(c)) {
                            *o = *v;
                        }
                    } else {
                        col.fill(f64::NAN);
                    }
                }
            }
            None => {
                let steps: Vec<f64> = (0..n)
                    .map(|c| {
                        let h = eps * x[c].abs();
                        if h == 0.0 { eps } else { h }
                    })
                    .collect();
                let group = if batch.is_some() { sci_core::num_threads().max(1) } else { 1 };
                for first in (0..n).step_by(group) {
                    let cols = first..(first + group).min(n);
                    let points: Vec<Array1<f64>> = cols
                        .clone()
                        .map(|c| {
                            let mut p = x.clone();
                            p[c] = x[c] + steps[c];
                            p
                        })
                        .collect();
                    let values = match batch {
                        Some(eval) => eval(&points),
                        None => points.iter().map(|p| fun(p.view())).collect(),
                    };
                    nfev += points.len();
                    for (c, wa) in cols.zip(&values) {
                        write_difference(fjac.col_mut(c), wa, &fvec, steps[c]);
                    }
                }
            }
        }
        // Tall systems are first reduced to the triangle of `[J | f]` in one streamed pass;
        // the pivoted QR of that triangle has the same R, pivots, column norms and `Qᵀf` as
        // the pivoted QR of J itself (up to rounding), at O(n³) instead of O(mn²) cost.
        let mut reduced;
        let (qmat, mut wa4) = if m >= STREAM_MIN_ROWS_PER_COL * (n + 1) && n < STREAM_MAX_COLS {
            let (small, rhs) = reduce_tall(&fjac, n, &fvec);
            reduced = small;
            (&mut reduced, rhs)
        } else {
            (&mut fjac, fvec.to_vec())
        };
        let (rdiag, acnorm, piv) = qrfac(qmat, n);
        ipvt = piv;
        if iter == 1 {
            if !mode2 {
                for j in 0..n {
                    diag[j] = if acnorm[j] == 0.0 { 1.0 } else { acnorm[j] };
                }
            }
            let wa3: Vec<f64> = (0..n).map(|j| diag[j] * x[j]).collect();
            xnorm = enorm(&wa3);
            delta = s.factor * xnorm;
            if delta == 0.0 {
                delta = s.factor;
            }
        }
        // qtf = Qᵀ fvec.
        for j in 0..n.min(qmat.m) {
            if qmat.at(j, j) != 0.0 {
                let cj = qmat.col(j, j);
                let temp = -dot(cj, &wa4[j..]) / cj[0];
                axpy(temp, cj, &mut wa4[j..]);
            }
            qmat.set(j, j, rdiag[j]);
            qtf[j] = wa4[j];
        }
        for j in 0..n {
            for i in 0..n {
                rmat[i + j * n] = if i <= j && i < qmat.m { qmat.at(i, j) } else { 0.0 };
            }
        }
        // Scaled gradient norm.
        let mut gnorm: f64 = 0.0;
        if fnorm != 0.0 {
            for j in 0..n {
                let l = ipvt[j];
                if acnorm[l] != 0.0 {
                    let mut sum = 0.0;
                    for i in 0..=j.min(m.saturating_sub(1)) {
                        sum += rmat[i + j * n] * (qtf[i] / fnorm);
                    }
                    gnorm = gnorm.max((sum / acnorm[l]).abs());
                }
            }
        }
        if gnorm <= s.gtol {
            info = 4;
        }
        if info != 0 {
            break;
        }
        if !mode2 {
            for j in 0..n {
                diag[j] = diag[j].max(acnorm[j]);
            }
        }
        loop {
            let mut step = vec![0.0; n];
            let mut sdiag = vec![0.0; n];
            let mut rwork = rmat.clone();
            lmpar(&mut rwork, n, &ipvt, &diag, &qtf, delta, &mut par, &mut step, &mut sdiag);
            let wa1: Vec<f64> = step.iter().map(|v| -v).collect();
            let wa2: Array1<f64> = (0..n).map(|j| x[j] + wa1[j]).collect();
            let wa3: Vec<f64> = (0..n).map(|j| diag[j] * wa1[j]).collect();
            let pnorm = enorm(&wa3);
            if iter == 1 {
                delta = delta.min(pnorm);
            }
            let fnew = fun(wa2.view());
            let fnew = if fnew.len() == m { fnew } else { Array1::from_elem(m, f64::NAN) };
            nfev += 1;
            let fnorm1 = enorm_of(&fnew);
            let mut actred = -1.0;
            if 0.1 * fnorm1 < fnorm {
                actred = 1.0 - (fnorm1 / fnorm).powi(2);
            }
            let mut w3 = vec![0.0; n];
            for j in 0..n {
                let l = ipvt[j];
                let temp = wa1[l];
                for i in 0..=j {
                    w3[i] += rmat[i + j * n] * temp;
                }
            }
            let temp1 = enorm(&w3) / fnorm;
            let temp2 = (par.sqrt() * pnorm) / fnorm;
            let prered = temp1 * temp1 + temp2 * temp2 / 0.5;
            let dirder = -(temp1 * temp1 + temp2 * temp2);
            let ratio = if prered != 0.0 { actred / prered } else { 0.0 };
            if ratio <= 0.25 {
                let mut temp = if actred >= 0.0 { 0.5 } else { 0.5 * dirder / (dirder + 0.5 * actred) };
                if 0.1 * fnorm1 >= fnorm || temp < 0.1 || temp.is_nan() {
                    temp = 0.1;
                }
                delta = temp * delta.min(pnorm / 0.1);
                par /= temp;
            } else if par == 0.0 || ratio >= 0.75 {
                delta = pnorm / 0.5;
                par *= 0.5;
            }
            if ratio >= 1e-4 {
                x = wa2;
                let xs: Vec<f64> = (0..n).map(|j| diag[j] * x[j]).collect();
                xnorm = enorm(&xs);
                fvec = fnew;
                fnorm = fnorm1;
                iter += 1;
            }
            if actred.abs() <= s.ftol && prered <= s.ftol && 0.5 * ratio <= 1.0 {
                info = 1;
            }
            if delta <= s.xtol * xnorm {
                info = if info == 1 { 3 } else { 2 };
            }
            if info != 0 {
                break 'outer;
            }
            if nfev >= s.maxfev {
                info = 5;
            }
            if actred.abs() <= epsmch && prered <= epsmch && 0.5 * ratio <= 1.0 {
                info = 6;
            }
            if delta <= epsmch * xnorm {
                info = 7;
            }
            if gnorm <= epsmch {
                info = 8;
            }
            if !delta.is_finite() || !par.is_finite() {
                info = 5;
            }
            if info != 0 {
                break 'outer;
            }
            if ratio >= 1e-4 {
                break;
            }
        }
    }
    let r = Array2::from_shape_fn((n, n), |(i, j)| rmat[i + j * n]);
    LmOutcome { info, x, fvec, nfev, njev, r, ipvt }
}
