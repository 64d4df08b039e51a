//! The `.npy` header: a Python dict literal such as
//! `{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }`.
//!
//! Parsed by a small recursive-descent reader that accepts exactly the literal subset
//! NumPy writes (strings, booleans, integers, tuples, one flat dict) and rejects anything
//! else with a message.

use crate::{Error, Result};

/// The three fields of an `.npy` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NpyHeader {
    pub descr: String,
    pub fortran_order: bool,
    pub shape: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Str(String),
    Bool(bool),
    Int(u64),
    Tuple(Vec<Value>),
}

fn err(reason: impl Into<String>) -> Error {
    Error::format("npy", reason)
}

struct Parser<'a> {
    text: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn skip_ws(&mut self) {
        while self.pos < self.text.len() && self.text[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.text.get(self.pos).copied()
    }

    fn expect(&mut self, c: u8) -> Result<()> {
        match self.peek() {
            Some(found) if found == c => {
                self.pos += 1;
                Ok(())
            }
            Some(found) => Err(err(format!(
                "header: expected '{}' at byte {}, found '{}'",
                c as char,
                self.pos,
                found.escape_ascii()
            ))),
            None => Err(err(format!("header: expected '{}', found the end", c as char))),
        }
    }

    fn string(&mut self) -> Result<String> {
        let quote = self.peek().ok_or_else(|| err("header: expected a string, found the end"))?;
        if quote != b'\'' && quote != b'"' {
            return Err(err(format!("header: expected a quoted string at byte {}", self.pos)));
        }
        self.pos += 1;
        let start = self.pos;
        while self.pos < self.text.len() && self.text[self.pos] != quote {
            if self.text[self.pos] == b'\\' {
                return Err(err("header: escape sequences are not supported in strings"));
            }
            self.pos += 1;
        }
        if self.pos >= self.text.len() {
            return Err(err("header: unterminated string"));
        }
        let s = std::str::from_utf8(&self.text[start..self.pos])
            .map_err(|_| err("header: string is not UTF-8"))?;
        self.pos += 1;
        Ok(s.to_string())
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        if depth > 4 {
            return Err(err("header: nesting too deep"));
        }
        match self.peek() {
            Some(b'\'') | Some(b'"') => Ok(Value::Str(self.string()?)),
            Some(b'(') => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                        break;
                    }
                    items.push(self.value(depth + 1)?);
                    match self.peek() {
                        Some(b',') => self.pos += 1,
                        Some(b')') => {}
                        _ => return Err(err("header: malformed tuple")),
                    }
                    if items.len() > super::npy::MAX_DIMS {
                        return Err(err(format!(
                            "header: a tuple has more than {} items (NumPy's dimension limit)",
                            super::npy::MAX_DIMS
                        )));
                    }
                }
                Ok(Value::Tuple(items))
            }
            Some(c) if c.is_ascii_digit() => {
                let start = self.pos;
                while self.pos < self.text.len() && self.text[self.pos].is_ascii_digit() {
                    self.pos += 1;
                }
                // Python 2 era files may write `3L`.
                if self.text.get(self.pos) == Some(&b'L') {
                    self.pos += 1;
                }
                let digits =
                    std::str::from_utf8(&self.text[start..self.pos]).unwrap_or("").trim_end_matches('L');
                digits
                    .parse::<u64>()
                    .map(Value::Int)
                    .map_err(|_| err(format!("header: integer {digits} is too large")))
            }
            Some(b'-') => Err(err("header: negative dimension in shape")),
            Some(b'[') => Err(err("header: structured dtypes (a list in the header) are not supported")),
            Some(_) => {
                for (word, value) in [("True", Value::Bool(true)), ("False", Value::Bool(false))] {
                    if self.text[self.pos..].starts_with(word.as_bytes()) {
                        self.pos += word.len();
                        return Ok(value);
                    }
                }
                Err(err(format!("header: unexpected token at byte {}", self.pos)))
            }
            None => Err(err("header: unexpected end")),
        }
    }
}

/// Parses a header dict and checks that it holds exactly `descr`, `fortran_order`, `shape`.
pub(crate) fn parse_header(text: &[u8]) -> Result<NpyHeader> {
    let mut p = Parser { text, pos: 0 };
    p.expect(b'{')?;
    let (mut descr, mut fortran_order, mut shape) = (None, None, None);
    loop {
        if p.peek() == Some(b'}') {
            p.pos += 1;
            break;
        }
        let key = p.string()?;
        p.expect(b':')?;
        let value = p.value(0)?;
        match (key.as_str(), value) {
            ("descr", Value::Str(s)) => descr = Some(s),
            ("descr", _) => {
                return Err(err("header: 'descr' must be a string (structured dtypes are not supported)"));
            }
            ("fortran_order", Value::Bool(b)) => fortran_order = Some(b),
            ("fortran_order", _) => return Err(err("header: 'fortran_order' must be True or False")),
            ("shape", Value::Tuple(items)) => {
                let dims = items
                    .into_iter()
                    .map(|v| match v {
                        Value::Int(d) => usize::try_from(d)
                            .map_err(|_| err(format!("header: dimension {d} does not fit in memory"))),
                        _ => Err(err("header: 'shape' must be a tuple of integers")),
                    })
                    .collect::<Result<Vec<_>>>()?;
                shape = Some(dims);
            }
            ("shape", _) => return Err(err("header: 'shape' must be a tuple")),
            (other, _) => return Err(err(format!("header: unexpected key '{other}'"))),
        }
        match p.peek() {
            Some(b',') => p.pos += 1,
            Some(b'}') => {}
            _ => return Err(err("header: malformed dict")),
        }
    }
    if p.peek().is_some() {
        return Err(err("header: unexpected data after the dict"));
    }
    Ok(NpyHeader {
        descr: descr.ok_or_else(|| err("header: missing 'descr'"))?,
        fortran_order: fortran_order.ok_or_else(|| err("header: missing 'fortran_order'"))?,
        shape: shape.ok_or_else(|| err("header: missing 'shape'"))?,
    })
}

/// Formats a header dict the way NumPy does.
pub(crate) fn format_header(descr: &str, fortran_order: bool, shape: &[usize]) -> String {
    let dims = match shape {
        [] => "()".to_string(),
        [d] => format!("({d},)"),
        _ => format!("({})", shape.iter().map(|d| d.to_string()).collect::<Vec<_>>().join(", ")),
    };
    let order = if fortran_order { "True" } else { "False" };
    format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {dims}, }}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_numpy_writes() {
        let h = parse_header(b"{'descr': '<f8', 'fortran_order': False, 'shape': (3, 4), }      \n").unwrap();
        assert_eq!(h, NpyHeader { descr: "<f8".into(), fortran_order: false, shape: vec![3, 4] });
        assert_eq!(
            parse_header(b"{'descr':'|b1','fortran_order':True,'shape':()}").unwrap().shape,
            Vec::<usize>::new()
        );
        assert_eq!(
            parse_header(b"{'shape': (5,), 'fortran_order': False, 'descr': '>i8'}").unwrap().shape,
            vec![5]
        );
    }

    #[test]
    fn round_trips_formatting() {
        for shape in [vec![], vec![7], vec![2, 0, 3]] {
            let text = format_header("<c16", true, &shape);
            let h = parse_header(text.as_bytes()).unwrap();
            assert_eq!((h.descr.as_str(), h.fortran_order, h.shape), ("<c16", true, shape));
        }
    }

    #[test]
    fn rejects_malformed_headers() {
        for bad in [
            &b"{'descr': '<f8', 'fortran_order': False}"[..],
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (-1,)}",
            b"{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,)}",
            b"{'descr': '<f8', 'fortran_order': 0, 'shape': (1,)}",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (99999999999999999999999,)}",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': (1,), 'extra': 1}",
            b"{'descr': '<f8 ",
            b"",
            b"{'descr': '<f8', 'fortran_order': False, 'shape': ((((((1,),),),),),)}",
        ] {
            assert!(parse_header(bad).is_err(), "accepted {:?}", String::from_utf8_lossy(bad));
        }
    }
}
