//! A cached objective with counted evaluations: SciPy's `ScalarFunction`.
//!
//! The value and gradient at the last point are remembered, so asking for both at one point
//! (line searches do) costs one evaluation each; finite-difference gradients reuse the
//! cached value as `f0`.

use sci_core::ndarray::{Array1, ArrayView1};

use crate::numdiff::{FdScheme, fd_gradient, fd_steps};

/// Where the gradient comes from.
pub(crate) enum GradSource<'a> {
    Callable(&'a dyn Fn(ArrayView1<'_, f64>) -> Array1<f64>),
    Fd { scheme: FdScheme, rel_step: Option<f64>, abs_step: Option<f64> },
}

pub(crate) struct Objective<'a, F> {
    fun: F,
    grad: GradSource<'a>,
    lb: Option<Vec<f64>>,
    ub: Option<Vec<f64>>,
    x: Array1<f64>,
    f: f64,
    g: Array1<f64>,
    f_ok: bool,
    g_ok: bool,
    pub nfev: usize,
    pub ngev: usize,
    /// Length of the first gradient of the wrong size, if any.
    pub bad_grad_len: Option<usize>,
}

impl<'a, F: Fn(ArrayView1<'_, f64>) -> f64> Objective<'a, F> {
    pub fn new(fun: F, grad: GradSource<'a>, x0: &Array1<f64>, bounds: Option<(&[f64], &[f64])>) -> Self {
        let n = x0.len();
        Objective {
            fun,
            grad,
            lb: bounds.map(|b| b.0.to_vec()),
            ub: bounds.map(|b| b.1.to_vec()),
            x: x0.clone(),
            f: f64::NAN,
            g: Array1::zeros(n),
            f_ok: false,
            g_ok: false,
            nfev: 0,
            ngev: 0,
            bad_grad_len: None,
        }
    }

    fn move_to(&mut self, x: ArrayView1<'_, f64>) {
        if self.x.view() != x {
            self.x.assign(&x);
            self.f_ok = false;
            self.g_ok = false;
        }
    }

    fn update_f(&mut self) {
        if !self.f_ok {
            self.f = (self.fun)(self.x.view());
            self.nfev += 1;
            self.f_ok = true;
        }
    }

    fn update_g(&mut self) {
        if self.g_ok {
            return;
        }
        match &self.grad {
            GradSource::Callable(g) => {
                let v = g(self.x.view());
                if v.len() != self.x.len() && self.bad_grad_len.is_none() {
                    self.bad_grad_len = Some(v.len());
                }
                // A gradient of the wrong length after the first call (which the methods
                // check) is treated as NaN, which stops the method, instead of panicking.
                self.g = if v.len() == self.x.len() { v } else { Array1::from_elem(self.x.len(), f64::NAN) };
            }
            GradSource::Fd { scheme, rel_step, abs_step } => {
                let (scheme, rel_step, abs_step) = (*scheme, *rel_step, *abs_step);
                self.update_f();
                let xs = self.x.to_vec();
                let abs = abs_step.map(|a| vec![a]);
                let steps =
                    fd_steps(&xs, scheme, rel_step, abs.as_deref(), self.lb.as_deref(), self.ub.as_deref());
                let (g, nf) = fd_gradient(&self.fun, &self.x, self.f, &steps);
                self.nfev += nf;
                self.g = g;
            }
        }
        self.ngev += 1;
        self.g_ok = true;
    }

    /// [`sci_core::Error::ShapeMismatch`] if the user's gradient ever had the wrong length.
    pub fn check_grad(&self) -> sci_core::Result<()> {
        match self.bad_grad_len {
            Some(len) => sci_core::validate::check_same_len("x0", self.x.len(), "jac(x)", len),
            None => Ok(()),
        }
    }

    pub fn fun(&mut self, x: ArrayView1<'_, f64>) -> f64 {
        self.move_to(x);
        self.update_f();
        self.f
    }

    pub fn grad(&mut self, x: ArrayView1<'_, f64>) -> Array1<f64> {
        self.move_to(x);
        self.update_g();
        self.g.clone()
    }
}

/// `phi(a) = f(x + a p)` over an [`Objective`], remembering the last gradient.
pub(crate) struct Line<'o, 'a, F> {
    pub obj: &'o mut Objective<'a, F>,
    pub xk: &'o Array1<f64>,
    pub pk: &'o Array1<f64>,
    pub gval: Option<Array1<f64>>,
    buf: Array1<f64>,
}

impl<'o, 'a, F: Fn(ArrayView1<'_, f64>) -> f64> Line<'o, 'a, F> {
    pub fn new(obj: &'o mut Objective<'a, F>, xk: &'o Array1<f64>, pk: &'o Array1<f64>) -> Self {
        let buf = xk.clone();
        Line { obj, xk, pk, gval: None, buf }
    }

    fn point(&mut self, a: f64) {
        sci_core::ndarray::Zip::from(&mut self.buf)
            .and(self.xk)
            .and(self.pk)
            .for_each(|b, &x, &p| *b = x + a * p);
    }
}

impl<F: Fn(ArrayView1<'_, f64>) -> f64> super::linesearch::LineFunction for Line<'_, '_, F> {
    fn phi(&mut self, alpha: f64) -> f64 {
        self.point(alpha);
        let b = std::mem::take(&mut self.buf);
        let v = self.obj.fun(b.view());
        self.buf = b;
        v
    }

    fn derphi(&mut self, alpha: f64) -> f64 {
        self.point(alpha);
        let b = std::mem::take(&mut self.buf);
        let g = self.obj.grad(b.view());
        self.buf = b;
        let d = g.dot(self.pk);
        self.gval = Some(g);
        d
    }

    fn last_grad(&self) -> Option<&Array1<f64>> {
        self.gval.as_ref()
    }
}
