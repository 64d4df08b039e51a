//! linear_sum_assignment against SciPy 1.17.1 on random rectangular costs (including
//! integer costs with many ties and forbidden `+∞` entries). The algorithm and its
//! tie-breaking follow SciPy's, so the assignment itself is compared exactly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use sci_optimize::*;
use sci_testing::Fixture;

#[test]
fn linear_sum_assignment_matches_scipy() {
    let fx = Fixture::load(env!("CARGO_MANIFEST_DIR"), "optimize");
    let mut n = 0;
    for case in fx.cases_with_prefix("lsa/") {
        let cost = case.input("cost").array2_f64();
        let maximize = case.input("maximize").bool();
        let r = linear_sum_assignment_with(&cost, &LinearSumAssignmentOptions { maximize }).unwrap();
        let rows: Vec<i64> = r.row_ind.iter().map(|&v| v as i64).collect();
        let cols: Vec<i64> = r.col_ind.iter().map(|&v| v as i64).collect();
        assert_eq!(
            rows,
            case.output("row_ind").array_i64().iter().copied().collect::<Vec<_>>(),
            "{}",
            case.name
        );
        assert_eq!(
            cols,
            case.output("col_ind").array_i64().iter().copied().collect::<Vec<_>>(),
            "{}",
            case.name
        );
        let total: f64 = r.row_ind.iter().zip(&r.col_ind).map(|(&i, &j)| cost[[i, j]]).sum();
        assert!((total - case.output("total").f64()).abs() <= 1e-12 * total.abs().max(1.0), "{}", case.name);
        n += 1;
    }
    assert_eq!(n, 25);
}
