//! The objective of trust-constr with SciPy's `ScalarFunction` evaluation rules: the value,
//! gradient and Hessian at the last point are cached; with a quasi-Newton Hessian the
//! gradient is computed at every new point (trial points included) and the approximation is
//! updated with the change from the previous point, as SciPy does.

use sci_core::ndarray::{Array1, Array2, ArrayView1};
use sci_core::{Error, Result, validate};

use super::super::objective::{GradSource, Objective};
use super::super::{HesspFn, MatFn};
use super::quasi_newton::QuasiNewton;

/// Where the objective Hessian comes from.
pub(crate) enum ObjHess<'a> {
    /// `hess(x)`; the matrix of the last evaluation.
    Matrix { fun: MatFn<'a>, h: Array2<f64>, fresh: bool },
    /// `hessp(x, p)` at the point `at` of the last request.
    Product { fun: HesspFn<'a>, at: Array1<f64>, fresh: bool },
    /// A BFGS or SR1 approximation.
    Quasi(QuasiNewton),
}

pub(crate) struct ScalarFn<'a, F> {
    obj: Objective<'a, F>,
    x: Array1<f64>,
    hess: ObjHess<'a>,
    /// Hessian evaluations (`hess` calls, or `hessp` operators built).
    pub nhev: usize,
}

impl<'a, F: Fn(ArrayView1<'_, f64>) -> f64> ScalarFn<'a, F> {
    /// Evaluates `f`, `∇f` (and `∇²f`) at `x0`, as SciPy's constructor does.
    pub(crate) fn new(fun: F, grad: GradSource<'a>, x0: &Array1<f64>, mut hess: ObjHess<'a>) -> Result<Self> {
        let n = x0.len();
        let mut obj = Objective::new(fun, grad, x0, None);
        obj.fun(x0.view());
        obj.grad(x0.view());
        obj.check_grad()?;
        let mut nhev = 0;
        match &mut hess {
            ObjHess::Matrix { fun, h, fresh } => {
                *h = checked_hess(fun, x0, n)?;
                *fresh = true;
                nhev += 1;
            }
            ObjHess::Product { at, fresh, .. } => {
                *at = x0.clone();
                *fresh = true;
                nhev += 1;
            }
            ObjHess::Quasi(_) => {}
        }
        Ok(ScalarFn { obj, x: x0.clone(), hess, nhev })
    }

    fn move_to(&mut self, x: &Array1<f64>) -> Result<()> {
        if *x == self.x {
            return Ok(());
        }
        match &mut self.hess {
            ObjHess::Quasi(q) => {
                let g_old = self.obj.grad(self.x.view());
                let s = x - &self.x;
                self.x.assign(x);
                let g_new = self.obj.grad(x.view());
                self.obj.check_grad()?;
                q.update(&s, &(&g_new - &g_old));
            }
            ObjHess::Matrix { fresh, .. } | ObjHess::Product { fresh, .. } => {
                *fresh = false;
                self.x.assign(x);
            }
        }
        Ok(())
    }

    pub(crate) fn fun(&mut self, x: &Array1<f64>) -> Result<f64> {
        self.move_to(x)?;
        Ok(self.obj.fun(x.view()))
    }

    pub(crate) fn grad(&mut self, x: &Array1<f64>) -> Result<Array1<f64>> {
        self.move_to(x)?;
        let g = self.obj.grad(x.view());
        self.obj.check_grad()?;
        Ok(g)
    }

    /// Makes the Hessian operator refer to `x` (evaluating `hess(x)` if needed).
    pub(crate) fn prepare_hess(&mut self, x: &Array1<f64>) -> Result<()> {
        self.move_to(x)?;
        let n = x.len();
        match &mut self.hess {
            ObjHess::Matrix { fun, h, fresh } => {
                if !*fresh {
                    *h = checked_hess(fun, x, n)?;
                    *fresh = true;
                    self.nhev += 1;
                }
            }
            ObjHess::Product { at, fresh, .. } => {
                if !*fresh {
                    at.assign(x);
                    *fresh = true;
                    self.nhev += 1;
                }
            }
            ObjHess::Quasi(_) => {}
        }
        Ok(())
    }

    /// The product of the current Hessian operator with `p`.
    pub(crate) fn hess_dot(&self, p: &Array1<f64>) -> Result<Array1<f64>> {
        Ok(match &self.hess {
            ObjHess::Matrix { h, .. } => h.dot(p),
            ObjHess::Product { fun, at, .. } => {
                let v = fun(at.view(), p.view());
                validate::check_same_len("x0", p.len(), "hessp(x, p)", v.len())?;
                v
            }
            ObjHess::Quasi(q) => q.dot(p),
        })
    }

    pub(crate) fn nfev(&self) -> usize {
        self.obj.nfev
    }

    pub(crate) fn ngev(&self) -> usize {
        self.obj.ngev
    }
}

fn checked_hess(fun: &MatFn<'_>, x: &Array1<f64>, n: usize) -> Result<Array2<f64>> {
    let h = fun(x.view());
    if h.dim() != (n, n) {
        return Err(Error::shape_mismatch("hess(x)", format!("{n}x{n}"), format!("{:?}", h.dim())));
    }
    Ok(h)
}
