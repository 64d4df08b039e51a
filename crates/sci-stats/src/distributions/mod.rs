//! Probability distributions with SciPy's `loc`/`scale` interface (`scipy.stats.norm`,
//! `t`, `chi2`, ...).
//!
//! Every continuous distribution implements [`ContinuousDistribution`]. A distribution is
//! defined by its *standard form* (shape parameters only, `loc = 0`, `scale = 1`), through
//! the `standard_*` methods; the trait's provided methods apply the location and scale
//! exactly as SciPy's `rv_continuous` does: `pdf(x) = standard_pdf((x − loc)/scale)/scale`,
//! `cdf(x) = standard_cdf((x − loc)/scale)`, `ppf(q) = loc + scale·standard_ppf(q)`, and so
//! on. The `*_array` methods evaluate over any ndarray, in parallel for large arrays.
//!
//! Parameters are validated when the distribution is built (`Norm::new(loc, scale)?`);
//! SciPy instead accepts any parameters and returns NaN from every method.

mod beta;
mod bvn;
mod continuous;
mod dirichlet;
mod discrete;
mod elementary;
mod expon;
mod fdist;
mod fit;
mod gamma;
mod hypergeom;
pub(crate) mod kolmogorov;
mod multinomial;
mod multivariate_normal;
mod mv_common;
mod mvn_cdf;
mod norm;
mod quadrature;
mod student_t;
mod triang;
mod truncnorm;
mod uniform;
mod vonmises;

pub use beta::Beta;
pub use continuous::{ContinuousDistribution, DistributionStats};
pub use dirichlet::Dirichlet;
pub use discrete::{Bernoulli, Binom, DiscreteDistribution, Geom, Nbinom, Poisson, Randint};
pub use elementary::{
    Cauchy, GumbelL, GumbelR, Halfnorm, Laplace, Logistic, Lognorm, Pareto, Rayleigh, WeibullMin,
};
pub use expon::Expon;
pub use fdist::FDist;
pub use fit::{
    BetaFitOptions, BetaFitParams, FitOptions, FitParams, GammaFitOptions, GammaFitParams, LognormFitOptions,
    LognormFitParams, WeibullMinFitOptions, WeibullMinFitParams,
};
pub use gamma::{Chi2, Gamma};
pub use hypergeom::Hypergeom;
pub use multinomial::Multinomial;
pub use multivariate_normal::{MultivariateNormal, MultivariateNormalOptions, MvnCdfEstimate, MvnCdfOptions};
pub use norm::Norm;
pub use student_t::StudentT;
pub use triang::Triang;
pub use truncnorm::Truncnorm;
pub use uniform::Uniform;
pub use vonmises::Vonmises;

use sci_core::{Error, Result};

/// Validates SciPy's `loc` (finite) and `scale` (finite, > 0).
pub(crate) fn check_loc_scale(loc: f64, scale: f64) -> Result<()> {
    if !loc.is_finite() {
        return Err(Error::invalid_argument("loc", format!("must be finite, got {loc}")));
    }
    sci_core::validate::check_positive("scale", scale)
}
