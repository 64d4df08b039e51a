//! Gauss–Legendre quadrature of smooth, decaying integrands `g(u)·e^(−h(u))` on `[0, end]`,
//! used for the moments, entropy and tail integrals of `truncnorm` and `vonmises`.
//!
//! The interval is cut into panels at the points where the increasing exponent `h` crosses
//! the levels 2, 8, 16, 24, 32, ...: within a panel `e^(−h)` changes by at most a factor
//! `e⁸`, which the 20-point rule integrates to far below `1e-20` relative (its error
//! for `e^(−λt)` on `[0, 1]` is of order `(λ/4)^40/40!`). Panels stop at the level `max_level`,
//! beyond which the caller knows the integrand to be negligible. Every node has a positive
//! weight, so for a positive integrand the sum is accurate to a few ulps relative.

use std::sync::OnceLock;

use sci_core::quadrature::gauss_legendre;

/// Nodes of the rule.
const ORDER: usize = 20;

/// Nodes `x_i ∈ (−1, 1)` and weights `w_i` of the `ORDER`-point Gauss–Legendre rule.
struct Rule {
    nodes: [f64; ORDER],
    weights: [f64; ORDER],
}

/// The rule, computed once by [`gauss_legendre`].
fn rule() -> &'static Rule {
    static RULE: OnceLock<Rule> = OnceLock::new();
    RULE.get_or_init(|| {
        let mut nodes = [0.0; ORDER];
        let mut weights = [0.0; ORDER];
        for (i, (x, w)) in gauss_legendre(ORDER).into_iter().enumerate() {
            nodes[i] = x;
            weights[i] = w;
        }
        Rule { nodes, weights }
    })
}

/// Calls `visit(u, w)` for the nodes `u` and weights `w` of one panel `[lo, hi]`.
fn panel(lo: f64, hi: f64, visit: &mut impl FnMut(f64, f64)) {
    let r = rule();
    let (mid, half) = (0.5 * (lo + hi), 0.5 * (hi - lo));
    for (&x, &w) in r.nodes.iter().zip(r.weights.iter()) {
        visit(mid + half * x, half * w);
    }
}

/// Calls `visit(u, w)` for every node `u` and weight `w` of a composite rule on `[0, end]`
/// (`end` may be infinite) whose panels end where the exponent `h` reaches the levels
/// 2, 8, 16, 24, ..., up to `max_level`. `at_level(L)` returns the `u` with `h(u) = L`
/// (anything ≥ `end`, or infinite, when `h` stays below `L` on `[0, end]`); it only places the
/// panels, so an approximate inverse costs accuracy only if it is far off.
///
/// Summing `w·g(u)·e^(−h(u))` over the nodes approximates `∫₀^end g e^(−h) du`.
pub(super) fn for_each_node(
    end: f64,
    max_level: f64,
    at_level: impl Fn(f64) -> f64,
    mut visit: impl FnMut(f64, f64),
) {
    if end.is_nan() || end <= 0.0 {
        return;
    }
    let mut lo = 0.0;
    let mut level = 2.0;
    loop {
        let u = at_level(level);
        let beyond = u.is_nan() || u >= end;
        let last = beyond || level >= max_level;
        let hi = if beyond { end } else { u };
        if hi > lo && hi.is_finite() {
            panel(lo, hi, &mut visit);
        }
        if last {
            return;
        }
        lo = lo.max(hi);
        level = if level < 8.0 { 8.0 } else { level + 8.0 };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_integrates_polynomials_exactly() {
        let r = rule();
        let total: f64 = r.weights.iter().sum();
        assert!((total - 2.0).abs() < 1e-15);
        // ∫_{-1}^{1} x^38 dx = 2/39 (degree 2n − 2 is within the rule's exactness).
        let m: f64 = r.nodes.iter().zip(&r.weights).map(|(&x, &w)| w * x.powi(38)).sum();
        assert!((m / (2.0 / 39.0) - 1.0).abs() < 1e-14, "{m}");
        assert!(r.nodes.windows(2).all(|p| p[0] < p[1]));
    }

    #[test]
    fn composite_rule_integrates_decaying_exponentials() {
        // ∫₀^∞ e^(−3u) du = 1/3 with h = 3u, and ∫₀^∞ e^(−u²/2) du = √(π/2).
        let mut s = 0.0;
        for_each_node(f64::INFINITY, 60.0, |l| l / 3.0, |u, w| s += w * (-3.0 * u).exp());
        assert!((s * 3.0 - 1.0).abs() < 1e-15, "{s}");
        let mut s = 0.0;
        for_each_node(f64::INFINITY, 60.0, |l| (2.0 * l).sqrt(), |u, w| s += w * (-0.5 * u * u).exp());
        assert!((s / (std::f64::consts::PI / 2.0).sqrt() - 1.0).abs() < 1e-15, "{s}");
        // A finite end inside the first panel.
        let mut s = 0.0;
        for_each_node(0.25, 60.0, |l| l / 3.0, |u, w| s += w * (-3.0 * u).exp());
        assert!((s / (-(-0.75f64).exp_m1() / 3.0) - 1.0).abs() < 1e-15, "{s}");
    }
}
