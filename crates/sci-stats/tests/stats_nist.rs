#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! NIST StRD accuracy anchors: the eleven one-way ANOVA datasets (certified F statistic)
//! for `f_oneway` and Norris (certified slope, intercept and standard errors) for
//! `linregress`. The data live outside the repository; run with
//! `SCI_NIST_DIR=/path/to/nist cargo test -p sci-stats -- --ignored nist` (or `cargo xtask
//! nist`). Accuracy is scored as the LRE, the number of correct significant digits.

use std::path::PathBuf;

use sci_core::ndarray::Array1;
use sci_stats::{f_oneway, linregress};

fn nist_dir() -> PathBuf {
    PathBuf::from(std::env::var("SCI_NIST_DIR").expect(
        "SCI_NIST_DIR must point at the NIST StRD folder (with anova/ and linregress/); run through `cargo xtask nist`",
    ))
}

fn lre(computed: f64, certified: f64) -> f64 {
    if computed == certified {
        15.0
    } else {
        (-((computed - certified).abs() / certified.abs()).log10()).min(15.0)
    }
}

/// The numeric rows after the line starting with "Data:" that names the columns.
fn data_rows(text: &str) -> Vec<Vec<f64>> {
    let mut rows = Vec::new();
    let mut in_data = false;
    for line in text.lines() {
        let t = line.trim();
        if t.starts_with("Data:") && !t.contains("Factor") && !t.contains("Response Variable") {
            in_data = true;
            continue;
        }
        if in_data {
            let v: Vec<f64> = t.split_whitespace().filter_map(|w| w.parse().ok()).collect();
            if !v.is_empty() {
                rows.push(v);
            }
        }
    }
    rows
}

/// The certified F statistic: the last number on the "Between ..." line.
fn certified_f(text: &str) -> f64 {
    let line = text.lines().find(|l| l.trim_start().starts_with("Between")).expect("no Between line");
    line.split_whitespace().last().unwrap().parse().unwrap()
}

#[test]
#[ignore = "needs NIST StRD data; run by cargo xtask nist"]
fn nist_anova_f_oneway() {
    // (dataset, minimum LRE): the "higher difficulty" sets have 13 constant leading digits,
    // so each value carries a representation error of ~1e12·2⁻⁵³ ≈ 1e-4 of its 0.1 spread.
    let sets = [
        ("SiRstv", 12.0),
        ("SmLs01", 13.0),
        ("SmLs02", 13.0),
        ("SmLs03", 13.0),
        ("AtmWtAg", 9.0),
        ("SmLs04", 9.0),
        ("SmLs05", 9.0),
        ("SmLs06", 9.0),
        ("SmLs07", 3.0),
        ("SmLs08", 3.0),
        ("SmLs09", 3.0),
    ];
    for (name, min_lre) in sets {
        let text = std::fs::read_to_string(nist_dir().join("anova").join(format!("{name}.dat"))).unwrap();
        let rows = data_rows(&text);
        let mut groups: Vec<Vec<f64>> = Vec::new();
        for r in &rows {
            let g = r[0] as usize;
            if groups.len() < g {
                groups.resize(g, Vec::new());
            }
            groups[g - 1].push(r[1]);
        }
        let arrays: Vec<Array1<f64>> = groups.into_iter().map(Array1::from).collect();
        let views: Vec<_> = arrays.iter().map(|a| a.view()).collect();
        let f = f_oneway(&views).unwrap().statistic;
        let digits = lre(f, certified_f(&text));
        println!("NIST ANOVA {name}: F = {f:.15e}, LRE {digits:.1}");
        assert!(digits >= min_lre, "{name}: LRE {digits:.1} < {min_lre}");
    }
}

#[test]
#[ignore = "needs NIST StRD data; run by cargo xtask nist"]
fn nist_norris_linregress() {
    let text = std::fs::read_to_string(nist_dir().join("linregress").join("Norris.dat")).unwrap();
    let rows = data_rows(&text);
    let y = Array1::from(rows.iter().map(|r| r[0]).collect::<Vec<_>>());
    let x = Array1::from(rows.iter().map(|r| r[1]).collect::<Vec<_>>());
    assert_eq!(x.len(), 36);
    let r = linregress(&x, &y).unwrap();
    let checks = [
        ("intercept", r.intercept, -0.262323073774029),
        ("slope", r.slope, 1.00211681802045),
        ("intercept_stderr", r.intercept_stderr, 0.232818234301152),
        ("stderr", r.stderr, 0.429796848199937e-03),
        ("r^2", r.rvalue * r.rvalue, 0.999993745883712),
    ];
    for (what, got, certified) in checks {
        let digits = lre(got, certified);
        println!("NIST Norris {what}: {got:.15e}, LRE {digits:.1}");
        assert!(digits >= 12.0, "Norris {what}: LRE {digits:.1}");
    }
}
