//! Loading SciPy reference fixtures.

use std::path::{Path, PathBuf};

use sci_core::ndarray::{Array1, Array2, ArrayD, IxDyn};
use sci_core::num_complex::Complex64;
use serde_json::Value;

/// A fixture file: the SciPy version that produced it and its cases.
///
/// Loading functions panic with a precise message: they are test helpers, and a missing or
/// malformed fixture is a broken test, not a recoverable condition.
#[derive(Debug, Clone)]
pub struct Fixture {
    /// Where the file was read from.
    pub path: PathBuf,
    /// The generator script that wrote it.
    pub generator: String,
    /// Library versions recorded by the generator (`numpy`, `scipy`, ...).
    pub versions: Value,
    /// The cases, in file order.
    pub cases: Vec<Case>,
}

/// One reference computation: named inputs and the outputs SciPy produced from them.
#[derive(Debug, Clone)]
pub struct Case {
    /// A name unique within the file, e.g. `"svd/hilbert_8"`.
    pub name: String,
    inputs: serde_json::Map<String, Value>,
    outputs: serde_json::Map<String, Value>,
}

/// A borrowed input or output value of a [`Case`], with typed accessors.
#[derive(Debug, Clone, Copy)]
pub struct FixtureValue<'a> {
    case: &'a str,
    key: &'a str,
    value: &'a Value,
}

impl Fixture {
    /// Loads `<crate>/tests/fixtures/<name>.json`; pass `env!("CARGO_MANIFEST_DIR")` as
    /// `manifest_dir`.
    ///
    /// ```no_run
    /// let fx = sci_testing::Fixture::load(env!("CARGO_MANIFEST_DIR"), "svd");
    /// for case in &fx.cases {
    ///     let a = case.input("a").array2_f64();
    ///     # let _ = a;
    /// }
    /// ```
    pub fn load(manifest_dir: &str, name: &str) -> Fixture {
        let path = Path::new(manifest_dir).join("tests").join("fixtures").join(format!("{name}.json"));
        Self::load_path(&path)
    }

    /// Loads a fixture from an explicit path.
    pub fn load_path(path: &Path) -> Fixture {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            panic!("cannot read fixture {}: {e}; regenerate with `cargo xtask fixtures`", path.display())
        });
        let root: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("fixture {} is not valid JSON: {e}", path.display()));
        let cases = root
            .get("cases")
            .and_then(Value::as_array)
            .unwrap_or_else(|| panic!("fixture {} has no `cases` array", path.display()))
            .iter()
            .map(|c| Case::from_json(c, path))
            .collect::<Vec<_>>();
        assert!(!cases.is_empty(), "fixture {} has no cases", path.display());
        Fixture {
            path: path.to_path_buf(),
            generator: root.get("generator").and_then(Value::as_str).unwrap_or("").to_string(),
            versions: root.get("versions").cloned().unwrap_or(Value::Null),
            cases,
        }
    }

    /// The cases whose name starts with `prefix` (e.g. all `"svd/"` cases).
    pub fn cases_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a Case> + 'a {
        self.cases.iter().filter(move |c| c.name.starts_with(prefix))
    }

    /// The case called `name`; panics if there is none.
    pub fn case(&self, name: &str) -> &Case {
        self.cases
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("fixture {} has no case {name:?}", self.path.display()))
    }
}

impl Case {
    fn from_json(value: &Value, path: &Path) -> Case {
        let name = value
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("a case in {} has no name", path.display()))
            .to_string();
        let map = |key: &str| value.get(key).and_then(Value::as_object).cloned().unwrap_or_default();
        Case { inputs: map("inputs"), outputs: map("outputs"), name }
    }

    /// An input by name; panics with the case name if it is missing.
    pub fn input<'a>(&'a self, key: &'a str) -> FixtureValue<'a> {
        self.lookup(&self.inputs, "input", key)
    }

    /// An output by name; panics with the case name if it is missing.
    pub fn output<'a>(&'a self, key: &'a str) -> FixtureValue<'a> {
        self.lookup(&self.outputs, "output", key)
    }

    /// Whether the case has an input called `key`.
    pub fn has_input(&self, key: &str) -> bool {
        self.inputs.contains_key(key)
    }

    /// Whether the case has an output called `key`.
    pub fn has_output(&self, key: &str) -> bool {
        self.outputs.contains_key(key)
    }

    fn lookup<'a>(
        &'a self,
        map: &'a serde_json::Map<String, Value>,
        kind: &str,
        key: &'a str,
    ) -> FixtureValue<'a> {
        let value = map.get(key).unwrap_or_else(|| panic!("case {:?} has no {kind} {key:?}", self.name));
        FixtureValue { case: &self.name, key, value }
    }
}

fn parse_f64(v: &Value, case: &str, key: &str) -> f64 {
    match v {
        Value::Number(n) => n.as_f64().unwrap_or_else(|| panic!("{case}/{key}: bad number {n}")),
        Value::String(s) => match s.as_str() {
            "nan" => f64::NAN,
            "inf" => f64::INFINITY,
            "-inf" => f64::NEG_INFINITY,
            other => panic!("{case}/{key}: expected a number, got string {other:?}"),
        },
        Value::Bool(b) => f64::from(u8::from(*b)),
        other => panic!("{case}/{key}: expected a number, got {other}"),
    }
}

impl<'a> FixtureValue<'a> {
    /// The raw JSON value.
    pub fn json(&self) -> &'a Value {
        self.value
    }

    fn fail(&self, what: &str) -> ! {
        panic!("case {:?}, {:?}: expected {what}, got {}", self.case, self.key, self.value)
    }

    /// A scalar float (`"nan"`/`"inf"` strings allowed).
    pub fn f64(&self) -> f64 {
        parse_f64(self.value, self.case, self.key)
    }

    /// A non-negative integer.
    pub fn usize(&self) -> usize {
        self.value.as_u64().map(|v| v as usize).unwrap_or_else(|| self.fail("a non-negative integer"))
    }

    /// A signed integer.
    pub fn i64(&self) -> i64 {
        self.value.as_i64().unwrap_or_else(|| self.fail("an integer"))
    }

    /// A boolean.
    pub fn bool(&self) -> bool {
        self.value.as_bool().unwrap_or_else(|| self.fail("a boolean"))
    }

    /// A string.
    pub fn str(&self) -> &'a str {
        self.value.as_str().unwrap_or_else(|| self.fail("a string"))
    }

    /// Whether the value is JSON `null` (SciPy's `None`).
    pub fn is_null(&self) -> bool {
        self.value.is_null()
    }

    fn array_parts(&self) -> (&'a str, Vec<usize>, &'a Vec<Value>) {
        let obj = self.value.as_object().unwrap_or_else(|| self.fail("an array object"));
        let dtype =
            obj.get("dtype").and_then(Value::as_str).unwrap_or_else(|| self.fail("an array with a dtype"));
        let shape = obj
            .get("shape")
            .and_then(Value::as_array)
            .unwrap_or_else(|| self.fail("an array with a shape"))
            .iter()
            .map(|d| d.as_u64().map(|d| d as usize).unwrap_or_else(|| self.fail("integer dimensions")))
            .collect::<Vec<_>>();
        let data =
            obj.get("data").and_then(Value::as_array).unwrap_or_else(|| self.fail("an array with data"));
        let n: usize = shape.iter().product();
        assert_eq!(data.len(), n, "case {:?}, {:?}: shape {shape:?} needs {n} values", self.case, self.key);
        (dtype, shape, data)
    }

    /// The dtype name recorded for an array value.
    pub fn dtype(&self) -> &'a str {
        self.array_parts().0
    }

    /// A real array of any dimension (integer and boolean arrays convert to `f64`).
    pub fn array_f64(&self) -> ArrayD<f64> {
        let (dtype, shape, data) = self.array_parts();
        assert!(
            !dtype.starts_with("complex"),
            "case {:?}, {:?}: {dtype} array read as real",
            self.case,
            self.key
        );
        let values = data.iter().map(|v| parse_f64(v, self.case, self.key)).collect::<Vec<_>>();
        ArrayD::from_shape_vec(IxDyn(&shape), values).unwrap_or_else(|e| self.fail(&e.to_string()))
    }

    /// A real 1-D array.
    pub fn array1_f64(&self) -> Array1<f64> {
        self.array_f64().into_dimensionality().unwrap_or_else(|_| self.fail("a 1-D array"))
    }

    /// A real 2-D array.
    pub fn array2_f64(&self) -> Array2<f64> {
        self.array_f64().into_dimensionality().unwrap_or_else(|_| self.fail("a 2-D array"))
    }

    /// A real array converted to `f32` (for single-precision cases).
    pub fn array_f32(&self) -> ArrayD<f32> {
        self.array_f64().mapv(|x| x as f32)
    }

    /// A complex array of any dimension (real arrays get a zero imaginary part).
    pub fn array_c64(&self) -> ArrayD<Complex64> {
        let (dtype, shape, data) = self.array_parts();
        let values = data
            .iter()
            .map(|v| {
                if dtype.starts_with("complex") {
                    let pair =
                        v.as_array().filter(|p| p.len() == 2).unwrap_or_else(|| self.fail("[re, im] pairs"));
                    Complex64::new(
                        parse_f64(&pair[0], self.case, self.key),
                        parse_f64(&pair[1], self.case, self.key),
                    )
                } else {
                    Complex64::new(parse_f64(v, self.case, self.key), 0.0)
                }
            })
            .collect::<Vec<_>>();
        ArrayD::from_shape_vec(IxDyn(&shape), values).unwrap_or_else(|e| self.fail(&e.to_string()))
    }

    /// A complex 2-D array.
    pub fn array2_c64(&self) -> Array2<Complex64> {
        self.array_c64().into_dimensionality().unwrap_or_else(|_| self.fail("a 2-D array"))
    }

    /// An integer array of any dimension.
    pub fn array_i64(&self) -> ArrayD<i64> {
        let (_, shape, data) = self.array_parts();
        let values =
            data.iter().map(|v| v.as_i64().unwrap_or_else(|| self.fail("integers"))).collect::<Vec<_>>();
        ArrayD::from_shape_vec(IxDyn(&shape), values).unwrap_or_else(|e| self.fail(&e.to_string()))
    }
}
