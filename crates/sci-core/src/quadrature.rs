//! Gauss–Legendre quadrature rules.
//!
//! The `n`-point Gauss–Legendre rule approximates `∫₋₁¹ f(x) dx ≈ Σ wᵢ f(xᵢ)`; it is exact
//! for every polynomial of degree ≤ `2n − 1`. Its nodes `xᵢ` are the roots of the Legendre
//! polynomial `Pₙ` and its weights are `wᵢ = 2/((1 − xᵢ²) Pₙ'(xᵢ)²)`, all positive. An
//! interval `[a, b]` is handled by the affine map `u = (a + b)/2 + (b − a)/2 · x`, which
//! scales the weights by `(b − a)/2`.
//!
//! ```
//! // ∫₀^π sin u du = 2 with 10 nodes.
//! let (a, b) = (0.0, std::f64::consts::PI);
//! let (mid, half) = ((a + b) / 2.0, (b - a) / 2.0);
//! let q: f64 = sci_core::quadrature::gauss_legendre(10)
//!     .iter()
//!     .map(|&(x, w)| half * w * (mid + half * x).sin())
//!     .sum();
//! assert!((q - 2.0).abs() < 1e-14);
//! ```

/// Nodes and weights `(xᵢ, wᵢ)` of the `n`-point Gauss–Legendre rule on `[−1, 1]`, nodes
/// ascending.
///
/// Each node in `(0, 1)` is found by Newton's method on `Pₙ` from the estimate
/// `cos(π(i + ¾)/(n + ½))`, evaluating `Pₙ` with Bonnet's three-term recurrence
/// `k Pₖ = (2k − 1) x Pₖ₋₁ − (k − 1) Pₖ₋₂` and its derivative as
/// `Pₙ' = n (x Pₙ − Pₙ₋₁)/(x² − 1)`; the weight is `2/((1 − x²) Pₙ'(x)²)`. The negative nodes
/// are the mirror images, so the rule is exactly symmetric (`xₙ₋₁₋ᵢ = −xᵢ`, equal weights,
/// and a node of exactly `0` for odd `n`). Nodes and weights are accurate to about `1e-15`.
///
/// Cost: `O(n²)` time (a handful of `O(n)` recurrence evaluations per node) and `O(n)`
/// memory; callers that use a fixed rule repeatedly should compute it once and cache it.
/// `n = 0` gives an empty rule.
///
/// ```
/// use sci_core::quadrature::gauss_legendre;
/// let rule = gauss_legendre(3);
/// // Nodes 0, ±√(3/5); weights 8/9 and 5/9.
/// let r = (3.0_f64 / 5.0).sqrt();
/// assert!((rule[0].0 + r).abs() < 1e-15 && (rule[2].0 - r).abs() < 1e-15);
/// assert_eq!(rule[1].0, 0.0);
/// assert!((rule[1].1 - 8.0 / 9.0).abs() < 1e-15 && (rule[0].1 - 5.0 / 9.0).abs() < 1e-15);
/// // Exact for degree ≤ 5: ∫₋₁¹ x⁴ dx = 2/5.
/// let q: f64 = rule.iter().map(|&(x, w)| w * x.powi(4)).sum();
/// assert!((q - 0.4).abs() < 1e-15);
/// ```
pub fn gauss_legendre(n: usize) -> Vec<(f64, f64)> {
    let mut rule = vec![(0.0, 0.0); n];
    let nf = n as f64;
    for i in 0..n.div_ceil(2) {
        let mut x = (std::f64::consts::PI * (i as f64 + 0.75) / (nf + 0.5)).cos();
        if 2 * i + 1 == n {
            // The middle node of an odd rule: Pₙ is odd, so its root is exactly 0.
            x = 0.0;
        } else {
            for _ in 0..100 {
                let (p, d) = legendre(n, x);
                let dx = p / d;
                x -= dx;
                if dx.abs() <= 1e-16 {
                    break;
                }
            }
        }
        let d = legendre(n, x).1;
        let w = 2.0 / ((1.0 - x * x) * d * d);
        rule[i] = (-x, w);
        rule[n - 1 - i] = (x, w);
    }
    rule
}

/// `(Pₙ(x), Pₙ'(x))` by Bonnet's recurrence, for `n ≥ 1` and `|x| ≠ 1`.
fn legendre(n: usize, x: f64) -> (f64, f64) {
    let (mut prev, mut cur) = (1.0, x);
    for k in 2..=n {
        let kf = k as f64;
        let next = ((2.0 * kf - 1.0) * x * cur - (kf - 1.0) * prev) / kf;
        prev = cur;
        cur = next;
    }
    (cur, n as f64 * (x * cur - prev) / (x * x - 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrates_polynomials_up_to_degree_2n_minus_1_exactly() {
        for n in 1..=40 {
            let rule = gauss_legendre(n);
            assert_eq!(rule.len(), n);
            for deg in 0..2 * n as i32 {
                // ∫₋₁¹ x^deg dx = 2/(deg + 1) for even deg, 0 for odd.
                let exact = if deg % 2 == 0 { 2.0 / (deg as f64 + 1.0) } else { 0.0 };
                let q: f64 = rule.iter().map(|&(x, w)| w * x.powi(deg)).sum();
                assert!((q - exact).abs() < 2e-15, "n = {n}, degree {deg}: {q} vs {exact}");
            }
            // Degree 2n is not integrated exactly: the rule falls short by the error term
            // 2^(2n+1) (n!)⁴ / ((2n + 1) ((2n)!)²) = 2^(2n+1) / ((2n + 1) C(2n, n)²).
            let central = (1..=n).fold(1.0, |c, k| c * (n + k) as f64 / k as f64);
            let error = 2.0_f64.powi(2 * n as i32 + 1) / ((2 * n + 1) as f64 * central * central);
            let q: f64 = rule.iter().map(|&(x, w)| w * x.powi(2 * n as i32)).sum();
            let exact = 2.0 / (2.0 * n as f64 + 1.0);
            assert!((exact - q - error).abs() < 2e-15, "n = {n}: {} vs {error}", exact - q);
        }
    }

    #[test]
    fn weights_sum_to_two_and_rule_is_symmetric_and_ascending() {
        for n in [1, 2, 3, 6, 12, 15, 20, 64, 101, 256] {
            let rule = gauss_legendre(n);
            let total: f64 = rule.iter().map(|r| r.1).sum();
            assert!((total - 2.0).abs() < 1e-14, "n = {n}: {total}");
            for i in 0..n {
                assert_eq!(rule[i].0, -rule[n - 1 - i].0, "n = {n}, i = {i}");
                assert_eq!(rule[i].1, rule[n - 1 - i].1, "n = {n}, i = {i}");
                assert!(rule[i].1 > 0.0 && rule[i].0.abs() < 1.0);
            }
            assert!(rule.windows(2).all(|p| p[0].0 < p[1].0), "n = {n}");
            if n % 2 == 1 {
                assert_eq!(rule[n / 2].0, 0.0);
            }
        }
        assert!(gauss_legendre(0).is_empty());
        assert_eq!(gauss_legendre(1), vec![(0.0, 2.0)]);
    }

    #[test]
    fn nodes_are_roots_and_match_closed_forms() {
        // n = 2: ±1/√3 with weights 1; n = 4: ±√(3/7 ∓ (2/7)√(6/5)).
        let r2 = gauss_legendre(2);
        assert!((r2[1].0 - 1.0 / 3.0_f64.sqrt()).abs() < 2e-16 && (r2[1].1 - 1.0).abs() < 1e-15);
        let r4 = gauss_legendre(4);
        let s = 2.0 / 7.0 * (6.0_f64 / 5.0).sqrt();
        assert!((r4[2].0 - (3.0 / 7.0 - s).sqrt()).abs() < 1e-15);
        assert!((r4[3].0 - (3.0 / 7.0 + s).sqrt()).abs() < 1e-15);
        for n in [5, 20, 100] {
            for &(x, _) in &gauss_legendre(n) {
                let (p, d) = legendre(n, x);
                assert!((p / d).abs() < 1e-15, "n = {n}, x = {x}");
            }
        }
    }
}
