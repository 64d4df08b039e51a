//! The constraints of trust-constr: SciPy's `PreparedConstraint` wrappers (nonlinear with
//! cached values, Jacobian and a BFGS Hessian of `vᵀc(x)`; linear; the identity for bounds)
//! and the canonical form `c_eq(x) = 0`, `c_ineq(x) ≤ 0` built from their bounds.

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result, validate};

use super::super::{MatFn, VecFn};
use super::HessianUpdate;
use super::quasi_newton::QuasiNewton;
use crate::numdiff::{FdScheme, fd_jacobian, fd_steps};

/// `lb ≤ fun(x) ≤ ub` with SciPy's `VectorFunction` caching: moving to a new point computes
/// the Jacobian there at once and updates the BFGS approximation of `∇²(vᵀc)` with
/// `(x − x_prev, J(x)ᵀv − J(x_prev)ᵀv)`; a change of `v` at the same point repeats the update.
pub(crate) struct NonlinearFn<'a> {
    fun: VecFn<'a>,
    jac: Option<MatFn<'a>>,
    rel_step: Option<f64>,
    x: Array1<f64>,
    f: Array1<f64>,
    f_ok: bool,
    j: Array2<f64>,
    j_ok: bool,
    v: Array1<f64>,
    h_ok: bool,
    quasi: QuasiNewton,
    prev: Option<(Array1<f64>, Array2<f64>)>,
    /// Constraint evaluations (finite differences included).
    pub nfev: usize,
    /// Jacobian evaluations.
    pub njev: usize,
}

impl<'a> NonlinearFn<'a> {
    pub(crate) fn new(
        fun: VecFn<'a>,
        jac: Option<MatFn<'a>>,
        x0: &Array1<f64>,
        rel_step: Option<f64>,
    ) -> Result<Self> {
        let f = fun(x0.view());
        let m = f.len();
        let n = x0.len();
        let mut c = NonlinearFn {
            fun,
            jac,
            rel_step,
            x: x0.clone(),
            f,
            f_ok: true,
            j: Array2::zeros((m, n)),
            j_ok: false,
            v: Array1::zeros(m),
            h_ok: true,
            quasi: QuasiNewton::new(HessianUpdate::Bfgs, n),
            prev: None,
            nfev: 1,
            njev: 0,
        };
        c.eval_j()?;
        Ok(c)
    }

    pub(crate) fn len(&self) -> usize {
        self.f.len()
    }

    fn eval_f(&mut self) -> Result<()> {
        if !self.f_ok {
            let f = (self.fun)(self.x.view());
            self.nfev += 1;
            validate::check_same_len("NonlinearConstraint.lb", self.v.len(), "fun(x)", f.len())?;
            self.f = f;
            self.f_ok = true;
        }
        Ok(())
    }

    fn eval_j(&mut self) -> Result<()> {
        if self.j_ok {
            return Ok(());
        }
        let (m, n) = (self.v.len(), self.x.len());
        let j = match self.jac {
            Some(jf) => {
                self.njev += 1;
                jf(self.x.view())
            }
            None => {
                self.eval_f()?;
                let xs = self.x.to_vec();
                let steps = fd_steps(&xs, FdScheme::TwoPoint, self.rel_step, None, None, None);
                let fun = self.fun;
                let (j, nf) = fd_jacobian(|v: ArrayView1<'_, f64>| fun(v), &self.x, &self.f, &steps);
                self.nfev += nf;
                j
            }
        };
        if j.dim() != (m, n) {
            return Err(Error::shape_mismatch(
                "NonlinearConstraint.jac(x)",
                format!("{m}x{n}"),
                format!("{:?}", j.dim()),
            ));
        }
        self.j = j;
        self.j_ok = true;
        Ok(())
    }

    fn update_hess(&mut self) -> Result<()> {
        if self.h_ok {
            return Ok(());
        }
        self.eval_j()?;
        if let Some((xp, jp)) = &self.prev {
            let s = &self.x - xp;
            let y = &self.j.t().dot(&self.v) - &jp.t().dot(&self.v);
            self.quasi.update(&s, &y);
        }
        self.h_ok = true;
        Ok(())
    }

    fn move_to(&mut self, x: &Array1<f64>) -> Result<()> {
        if *x == self.x {
            return Ok(());
        }
        self.eval_j()?;
        self.prev = Some((self.x.clone(), self.j.clone()));
        self.x.assign(x);
        self.f_ok = false;
        self.j_ok = false;
        self.h_ok = false;
        self.update_hess()
    }

    pub(crate) fn fun(&mut self, x: &Array1<f64>) -> Result<Array1<f64>> {
        self.move_to(x)?;
        self.eval_f()?;
        Ok(self.f.clone())
    }

    pub(crate) fn jacobian(&mut self, x: &Array1<f64>) -> Result<Array2<f64>> {
        self.move_to(x)?;
        self.eval_j()?;
        Ok(self.j.clone())
    }

    pub(crate) fn hess(&mut self, x: &Array1<f64>, v: Array1<f64>) -> Result<()> {
        if v != self.v {
            self.v = v;
            self.h_ok = false;
        }
        self.move_to(x)?;
        self.update_hess()
    }
}

/// The function behind one prepared constraint.
pub(crate) enum VecKind<'a> {
    Nonlinear(Box<NonlinearFn<'a>>),
    /// `A x`.
    Linear(Array2<f64>),
    /// `x` (bounds).
    Identity,
}

/// One constraint `lb ≤ c(x) ≤ ub` and its canonical rows.
pub(crate) struct Prepared<'a> {
    pub kind: VecKind<'a>,
    pub lb: Array1<f64>,
    pub ub: Array1<f64>,
    /// Multipliers of `c` (for `Nonlinear` they also drive its Hessian updates).
    pub v: Array1<f64>,
    /// Equality rows `c_i(x) − value`.
    eq: Vec<(usize, f64)>,
    /// Inequality rows `sign·(c_i(x) − value) ≤ 0`.
    ineq: Vec<(usize, f64, f64)>,
}

impl<'a> Prepared<'a> {
    pub(crate) fn new(kind: VecKind<'a>, lb: Array1<f64>, ub: Array1<f64>) -> Self {
        let (eq, ineq) = canonical_rows(&lb, &ub);
        let m = lb.len();
        Prepared { kind, lb, ub, v: Array1::zeros(m), eq, ineq }
    }

    pub(crate) fn has_rows(&self) -> bool {
        !self.eq.is_empty() || !self.ineq.is_empty()
    }

    /// `c(x)` (cached for nonlinear constraints).
    pub(crate) fn values(&mut self, x: &Array1<f64>) -> Result<Array1<f64>> {
        match &mut self.kind {
            VecKind::Nonlinear(c) => c.fun(x),
            VecKind::Linear(a) => Ok(a.dot(x)),
            VecKind::Identity => Ok(x.clone()),
        }
    }

    /// The last values without evaluating anything (constraints without rows stay at `x0`).
    pub(crate) fn last_values(&self, x: &Array1<f64>) -> Array1<f64> {
        match &self.kind {
            VecKind::Nonlinear(c) => c.f.clone(),
            VecKind::Linear(a) => a.dot(x),
            VecKind::Identity => x.clone(),
        }
    }

    /// `J(x)`.
    pub(crate) fn jacobian(&mut self, x: &Array1<f64>) -> Result<Array2<f64>> {
        match &mut self.kind {
            VecKind::Nonlinear(c) => c.jacobian(x),
            VecKind::Linear(a) => Ok(a.clone()),
            VecKind::Identity => Ok(Array2::eye(x.len())),
        }
    }

    /// `Jᵀ v` at the last Jacobian, added to `out`.
    pub(crate) fn add_jt_v(&self, x: &Array1<f64>, out: &mut Array1<f64>) {
        match &self.kind {
            VecKind::Nonlinear(c) => *out += &c.j.t().dot(&self.v),
            VecKind::Linear(a) => *out += &a.t().dot(&self.v),
            VecKind::Identity => {
                let _ = x;
                *out += &self.v;
            }
        }
    }
}

/// Equality rows `(index, value)` and inequality rows `(index, value, sign)`.
type Rows = (Vec<(usize, f64)>, Vec<(usize, f64, f64)>);

/// SciPy's canonical split of `lb ≤ c ≤ ub`: all equal → equalities; all `lb = −∞` → upper
/// inequalities; all `ub = ∞` → lower inequalities; otherwise equalities, then the upper-only,
/// lower-only and both-sided rows (upper side, then lower side).
fn canonical_rows(lb: &Array1<f64>, ub: &Array1<f64>) -> Rows {
    let m = lb.len();
    let lb_inf = |i: usize| lb[i] == f64::NEG_INFINITY;
    let ub_inf = |i: usize| ub[i] == f64::INFINITY;
    if (0..m).all(|i| lb_inf(i) && ub_inf(i)) {
        return (Vec::new(), Vec::new());
    }
    if (0..m).all(|i| lb[i] == ub[i]) {
        return ((0..m).map(|i| (i, lb[i])).collect(), Vec::new());
    }
    if (0..m).all(lb_inf) {
        return (Vec::new(), (0..m).filter(|&i| !ub_inf(i)).map(|i| (i, ub[i], 1.0)).collect());
    }
    if (0..m).all(ub_inf) {
        return (Vec::new(), (0..m).filter(|&i| !lb_inf(i)).map(|i| (i, lb[i], -1.0)).collect());
    }
    let eq = (0..m).filter(|&i| lb[i] == ub[i]).map(|i| (i, lb[i])).collect();
    let interval: Vec<usize> = (0..m).filter(|&i| lb[i] != ub[i] && !lb_inf(i) && !ub_inf(i)).collect();
    let mut ineq: Vec<(usize, f64, f64)> =
        (0..m).filter(|&i| lb_inf(i) && !ub_inf(i)).map(|i| (i, ub[i], 1.0)).collect();
    ineq.extend((0..m).filter(|&i| ub_inf(i) && !lb_inf(i)).map(|i| (i, lb[i], -1.0)));
    ineq.extend(interval.iter().map(|&i| (i, ub[i], 1.0)));
    ineq.extend(interval.iter().map(|&i| (i, lb[i], -1.0)));
    (eq, ineq)
}

/// All constraints in canonical form (rows in the order of the constraints).
pub(crate) struct Canonical<'a> {
    pub cons: Vec<Prepared<'a>>,
    pub n_eq: usize,
    pub n_ineq: usize,
    n: usize,
}

impl<'a> Canonical<'a> {
    pub(crate) fn new(cons: Vec<Prepared<'a>>, n: usize) -> Self {
        let n_eq = cons.iter().map(|c| c.eq.len()).sum();
        let n_ineq = cons.iter().map(|c| c.ineq.len()).sum();
        Canonical { cons, n_eq, n_ineq, n }
    }

    /// `(c_eq(x), c_ineq(x))`.
    pub(crate) fn fun(&mut self, x: &Array1<f64>) -> Result<(Array1<f64>, Array1<f64>)> {
        let mut ce = Vec::with_capacity(self.n_eq);
        let mut ci = Vec::with_capacity(self.n_ineq);
        for c in self.cons.iter_mut().filter(|c| c.has_rows()) {
            let v = c.values(x)?;
            ce.extend(c.eq.iter().map(|&(i, val)| v[i] - val));
            ci.extend(c.ineq.iter().map(|&(i, val, sg)| if sg > 0.0 { v[i] - val } else { val - v[i] }));
        }
        Ok((Array1::from(ce), Array1::from(ci)))
    }

    /// `(J_eq(x), J_ineq(x))`.
    pub(crate) fn jac(&mut self, x: &Array1<f64>) -> Result<(Array2<f64>, Array2<f64>)> {
        let n = self.n;
        let mut je = Array2::zeros((self.n_eq, n));
        let mut ji = Array2::zeros((self.n_ineq, n));
        let (mut re, mut ri) = (0, 0);
        for c in self.cons.iter_mut().filter(|c| c.has_rows()) {
            let j = c.jacobian(x)?;
            for &(i, _) in &c.eq {
                je.row_mut(re).assign(&j.row(i));
                re += 1;
            }
            for &(i, _, sg) in &c.ineq {
                ji.row_mut(ri).assign(&(&j.row(i) * sg));
                ri += 1;
            }
        }
        Ok((je, ji))
    }

    /// Distributes the canonical multipliers to the constraints (and their Hessian updates).
    pub(crate) fn set_hess(
        &mut self,
        x: &Array1<f64>,
        v_eq: &Array1<f64>,
        v_ineq: &Array1<f64>,
    ) -> Result<()> {
        let (mut ke, mut ki) = (0, 0);
        for c in self.cons.iter_mut().filter(|c| c.has_rows()) {
            let mut v = Array1::zeros(c.lb.len());
            for &(i, _) in &c.eq {
                v[i] = v_eq[ke];
                ke += 1;
            }
            for &(i, _, sg) in &c.ineq {
                v[i] += sg * v_ineq[ki];
                ki += 1;
            }
            if let VecKind::Nonlinear(f) = &mut c.kind {
                f.hess(x, v.clone())?;
            }
            c.v = v;
        }
        Ok(())
    }

    /// `Σ ∇²(v_cᵀc)·p` over the nonlinear constraints (their current BFGS matrices).
    pub(crate) fn hess_dot(&self, p: &Array1<f64>) -> Array1<f64> {
        let mut out = Array1::zeros(p.len());
        for c in &self.cons {
            if let VecKind::Nonlinear(f) = &c.kind
                && c.has_rows()
            {
                out += &f.quasi.dot(p);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sci_core::ndarray::array;

    #[test]
    fn canonical_rows_follow_scipys_order() {
        let inf = f64::INFINITY;
        let lb = array![1.0, -inf, 0.0, 2.0, -inf];
        let ub = array![1.0, 3.0, inf, 4.0, inf];
        let (eq, ineq) = canonical_rows(&lb, &ub);
        assert_eq!(eq, vec![(0, 1.0)]);
        assert_eq!(ineq, vec![(1, 3.0, 1.0), (2, 0.0, -1.0), (3, 4.0, 1.0), (3, 2.0, -1.0)]);
        let (eq, ineq) = canonical_rows(&array![-inf, -inf], &array![inf, 5.0]);
        assert!(eq.is_empty() && ineq == vec![(1, 5.0, 1.0)]);
    }

    #[test]
    fn linear_canonical_values_and_multipliers() {
        let a = array![[1.0, 2.0], [3.0, -1.0]];
        let p = Prepared::new(VecKind::Linear(a), array![0.0, -1.0], array![0.0, 2.0]);
        let mut c = Canonical::new(vec![p], 2);
        assert_eq!((c.n_eq, c.n_ineq), (1, 2));
        let x = array![1.0, 1.0];
        let (ce, ci) = c.fun(&x).unwrap();
        assert_eq!(ce, array![3.0]);
        assert_eq!(ci, array![0.0, -3.0]);
        c.set_hess(&x, &array![0.5], &array![2.0, 1.0]).unwrap();
        assert_eq!(c.cons[0].v, array![0.5, 1.0]);
    }
}
