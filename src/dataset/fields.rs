//! Reading typed fields out of toml's spanned tables, collecting every problem as a
//! [`Diagnostic`] instead of stopping at the first (serde would).

use std::ops::Range;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::diag::{Diagnostic, LineIndex};
use super::model::Loc;
use super::text::{excerpt, first_forbidden, printable};

/// A value with its byte span in the dataset file.
pub(crate) type Sp<T> = (T, Range<usize>);

/// A spanned toml value.
pub(crate) type Val<'i> = Spanned<DeValue<'i>>;

/// The diagnostics collected while reading one file.
pub(crate) struct Cx<'s> {
    /// File name for messages.
    pub file: String,
    /// Its text.
    pub text: &'s str,
    lines: LineIndex,
    /// Everything found so far.
    pub diags: Vec<Diagnostic>,
    /// Where the TOML being read starts in `text`: a dataset may be parsed one entry at a time
    /// (see `load::split`), and spans are kept relative to the whole file.
    pub base: usize,
    /// What hints that search ("did you mean", "the closest passage") may still cost, in
    /// steps of their search: bounded so that many broken entries cannot make loading
    /// quadratic. Once spent, messages come without those hints.
    pub hint_budget: u64,
}

impl<'s> Cx<'s> {
    /// Start reading `text`, named `file` in messages.
    pub(crate) fn new(file: &str, text: &'s str) -> Self {
        Cx {
            file: file.to_string(),
            text,
            lines: LineIndex::new(text),
            diags: Vec::new(),
            base: 0,
            hint_budget: super::limits::HINT_BUDGET,
        }
    }

    /// The span of a value of the TOML being read, in the whole file.
    pub(crate) fn abs(&self, span: Range<usize>) -> Range<usize> {
        span.start + self.base..span.end + self.base
    }

    /// Line and column of a byte offset.
    pub(crate) fn loc(&self, offset: usize) -> Loc {
        let (line, col) = self.lines.locate(self.text, offset);
        Loc { line, col }
    }

    /// Record a problem at `span`.
    pub(crate) fn err(
        &mut self,
        span: &Range<usize>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let loc = self.loc(span.start);
        self.diags.push(Diagnostic {
            file: self.file.clone(),
            line: loc.line,
            col: loc.col,
            message: message.into(),
            hint,
        });
    }

    /// Report a missing required field on the table at `owner`.
    pub(crate) fn missing(&mut self, owner: &Range<usize>, key: &str, what: &str) {
        self.err(owner, format!("{what} is missing the field `{key}`"), None);
    }

    fn wrong_type(&mut self, v: &Val<'_>, key: &str, expected: &str) {
        let found = v.get_ref().type_str();
        self.err(
            &self.abs(v.span()),
            format!("`{key}` should be {expected}, not {found}"),
            None,
        );
    }

    /// The value if present; reports it missing if `required`.
    fn present<'v, 'i>(
        &mut self,
        v: Option<&'v Val<'i>>,
        key: &str,
        owner: &Range<usize>,
        what: &str,
        required: bool,
    ) -> Option<&'v Val<'i>> {
        if v.is_none() && required {
            self.missing(owner, key, what);
        }
        v
    }

    /// A string field; `None` (after reporting) if missing/invalid and `required`.
    pub(crate) fn string(
        &mut self,
        v: Option<&Val<'_>>,
        key: &str,
        owner: &Range<usize>,
        what: &str,
        required: bool,
    ) -> Option<Sp<String>> {
        let v = self.present(v, key, owner, what, required)?;
        let Some(s) = v.get_ref().as_str() else {
            self.wrong_type(v, key, "a string");
            return None;
        };
        if !super::limits::check_string(self, key, s, &self.abs(v.span())) {
            return None;
        }
        if let Some((_, c, why)) = first_forbidden(s, false) {
            self.err(
                &self.abs(v.span()),
                format!("`{key}` contains {why} (U+{:04X})", c as u32),
                Some("dataset text may not hold control, escape or bidi characters: they would reach the terminal".into()),
            );
            return None;
        }
        if required && s.trim().is_empty() {
            self.err(&self.abs(v.span()), format!("`{key}` is empty"), None);
            return None;
        }
        Some((s.to_string(), self.abs(v.span())))
    }

    /// An optional string; empty when absent.
    pub(crate) fn opt_string(
        &mut self,
        v: Option<&Val<'_>>,
        key: &str,
        owner: &Range<usize>,
        what: &str,
    ) -> String {
        self.string(v, key, owner, what, false)
            .map(|(s, _)| s)
            .unwrap_or_default()
    }

    /// A list of strings (absent = empty).
    pub(crate) fn strings(&mut self, v: Option<&Val<'_>>, key: &str) -> Vec<Sp<String>> {
        let Some(v) = v else { return Vec::new() };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(v, key, "an array of strings");
            return Vec::new();
        };
        let span = self.abs(v.span());
        arr.iter()
            .filter_map(|item| self.string(Some(item), key, &span, key, true))
            .collect()
    }

    /// A number (integer or float), any TOML spelling, including `nan`/`inf` (checked by callers).
    pub(crate) fn number(
        &mut self,
        v: Option<&Val<'_>>,
        key: &str,
        owner: &Range<usize>,
        what: &str,
    ) -> Option<Sp<f64>> {
        let v = self.present(v, key, owner, what, true)?;
        let parsed = match v.get_ref() {
            DeValue::Float(f) => parse_float(f.as_str()),
            DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .map(|n| n as f64),
            _ => {
                self.wrong_type(v, key, "a number");
                return None;
            }
        };
        match parsed {
            Some(x) => Some((x, self.abs(v.span()))),
            None => {
                self.err(
                    &self.abs(v.span()),
                    format!("`{key}` is not a number"),
                    None,
                );
                None
            }
        }
    }

    /// A non-negative integer.
    pub(crate) fn uint(&mut self, v: Option<&Val<'_>>, key: &str) -> Option<u64> {
        let v = v?;
        match v.get_ref() {
            DeValue::Integer(i) => {
                match u64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                    Ok(n) => Some(n),
                    Err(_) => {
                        self.err(
                            &self.abs(v.span()),
                            format!("`{key}` should be a whole number of 0 or more"),
                            None,
                        );
                        None
                    }
                }
            }
            _ => {
                self.wrong_type(v, key, "a whole number");
                None
            }
        }
    }

    /// A boolean (absent = false).
    pub(crate) fn boolean(&mut self, v: Option<&Val<'_>>, key: &str) -> bool {
        let Some(v) = v else { return false };
        match v.get_ref().as_bool() {
            Some(b) => b,
            None => {
                self.wrong_type(v, key, "true or false");
                false
            }
        }
    }

    /// A date: a TOML local date (`2024-12-06`) or a string in that form.
    pub(crate) fn date(
        &mut self,
        v: Option<&Val<'_>>,
        key: &str,
        owner: &Range<usize>,
        what: &str,
        required: bool,
    ) -> Option<Sp<NaiveDate>> {
        let v = self.present(v, key, owner, what, required)?;
        let parsed = match v.get_ref() {
            DeValue::Datetime(dt) => match (dt.date, dt.time) {
                (Some(d), None) => {
                    NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                        .ok_or_else(|| dt.to_string())
                }
                _ => Err(dt.to_string()),
            },
            DeValue::String(s) => {
                NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| s.to_string())
            }
            _ => {
                self.wrong_type(v, key, "a date (YYYY-MM-DD)");
                return None;
            }
        };
        match parsed {
            Ok(d) => Some((d, self.abs(v.span()))),
            Err(raw) => {
                self.err(
                    &self.abs(v.span()),
                    format!(
                        "`{key}` = {} is not a calendar date",
                        printable(&format!("{raw:?}"))
                    ),
                    Some("write a day as YYYY-MM-DD, without a time".into()),
                );
                None
            }
        }
    }

    /// A table field.
    pub fn table<'t, 'i>(
        &mut self,
        v: Option<&'t Val<'i>>,
        key: &str,
        owner: &Range<usize>,
        what: &str,
        required: bool,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.present(v, key, owner, what, required)?;
        match v.get_ref().as_table() {
            Some(t) => Some((t, self.abs(v.span()))),
            None => {
                self.wrong_type(v, key, "a table");
                None
            }
        }
    }

    /// An array of tables (`[[places]]`); absent = empty.
    pub(crate) fn tables<'t, 'i>(
        &mut self,
        v: Option<&'t Val<'i>>,
        key: &str,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(v) = v else { return Vec::new() };
        let Some(arr) = v.get_ref().as_array() else {
            self.wrong_type(v, key, &format!("an array of tables ([[{key}]])"));
            return Vec::new();
        };
        arr.iter()
            .filter_map(|item| match item.get_ref().as_table() {
                Some(t) => Some((t, self.abs(item.span()))),
                None => {
                    self.wrong_type(item, key, "a table");
                    None
                }
            })
            .collect()
    }
}

/// One TOML entry being read (a `[[events]]` table, say): each field is declared once, where
/// it is read (`e.required_str("id")`, `e.opt_date("date")`), and [`Entry::finish`] then
/// reports every key the entry did not ask for as unknown, naming the fields it knows. Every
/// problem goes to the [`Cx`], with `file:line:col`, so an entry's problems are all reported
/// at once.
pub(crate) struct Entry<'c, 's, 't, 'i> {
    cx: &'c mut Cx<'s>,
    table: &'t DeTable<'i>,
    span: Range<usize>,
    what: &'static str,
    known: Vec<&'static str>,
}

impl<'c, 's, 't, 'i> Entry<'c, 's, 't, 'i> {
    /// Start reading `table`, the entry at `span`, called `what` in messages ("an [[events]]
    /// entry").
    pub(crate) fn new(
        cx: &'c mut Cx<'s>,
        table: &'t DeTable<'i>,
        span: &Range<usize>,
        what: &'static str,
    ) -> Self {
        Entry {
            cx,
            table,
            span: span.clone(),
            what,
            known: Vec::new(),
        }
    }

    /// The value of `key`, now a known field (absent: `None`).
    pub(crate) fn raw(&mut self, key: &'static str) -> Option<&'t Val<'i>> {
        self.known.push(key);
        self.table
            .iter()
            .find(|(k, _)| k.get_ref().as_ref() == key)
            .map(|(_, v)| v)
    }

    /// A string that must be there and not be empty.
    pub(crate) fn required_str(&mut self, key: &'static str) -> Option<Sp<String>> {
        let v = self.raw(key);
        self.cx.string(v, key, &self.span, self.what, true)
    }

    /// A string that may be absent.
    pub(crate) fn opt_str(&mut self, key: &'static str) -> Option<Sp<String>> {
        let v = self.raw(key);
        self.cx.string(v, key, &self.span, self.what, false)
    }

    /// A string that may be absent, empty when it is.
    pub(crate) fn text(&mut self, key: &'static str) -> String {
        let v = self.raw(key);
        self.cx.opt_string(v, key, &self.span, self.what)
    }

    /// A list of strings (absent: empty).
    pub(crate) fn strings(&mut self, key: &'static str) -> Vec<Sp<String>> {
        let v = self.raw(key);
        self.cx.strings(v, key)
    }

    /// A number that must be there.
    pub(crate) fn number(&mut self, key: &'static str) -> Option<Sp<f64>> {
        let v = self.raw(key);
        self.cx.number(v, key, &self.span, self.what)
    }

    /// A whole number of 0 or more that may be absent.
    pub(crate) fn uint(&mut self, key: &'static str) -> Option<u64> {
        let v = self.raw(key);
        self.cx.uint(v, key)
    }

    /// A boolean (absent: false).
    pub(crate) fn boolean(&mut self, key: &'static str) -> bool {
        let v = self.raw(key);
        self.cx.boolean(v, key)
    }

    /// A date that must be there.
    pub(crate) fn required_date(&mut self, key: &'static str) -> Option<Sp<NaiveDate>> {
        let v = self.raw(key);
        self.cx.date(v, key, &self.span, self.what, true)
    }

    /// A date that may be absent.
    pub(crate) fn opt_date(&mut self, key: &'static str) -> Option<Sp<NaiveDate>> {
        let v = self.raw(key);
        self.cx.date(v, key, &self.span, self.what, false)
    }

    /// A table that may be absent (reported missing if `required`).
    pub fn table(
        &mut self,
        key: &'static str,
        required: bool,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.raw(key);
        self.cx.table(v, key, &self.span, self.what, required)
    }

    /// An array of tables (absent: empty).
    pub(crate) fn tables(&mut self, key: &'static str) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.raw(key);
        self.cx.tables(v, key)
    }

    /// Report the keys no field asked for, with the entry's fields as the hint.
    pub(crate) fn finish(self) {
        let Entry {
            cx,
            table,
            what,
            known,
            ..
        } = self;
        for (key, _) in table {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let hint = closest_word(name, &known, &mut { u64::MAX })
                .map(|k| format!("did you mean `{k}`? {what} fields: {}", known.join(", ")))
                .or_else(|| Some(format!("{what} fields: {}", known.join(", "))));
            cx.err(
                &cx.abs(key.span()),
                format!(
                    "unknown field `{}` in {what}",
                    printable(&excerpt(name, 60))
                ),
                hint,
            );
        }
    }
}

/// Parse a TOML float spelling (underscores, `inf`, `nan`).
fn parse_float(s: &str) -> Option<f64> {
    let s = s.replace('_', "");
    match s.trim_start_matches('+') {
        "inf" => Some(f64::INFINITY),
        "-inf" => Some(f64::NEG_INFINITY),
        "nan" | "-nan" => Some(f64::NAN),
        other => other.parse().ok(),
    }
}

/// The known word closest to `word` by edit distance, if close enough to be a typo.
///
/// Words whose lengths differ by more than the tolerance are never compared (their distance
/// is at least that difference), and each comparison is paid for from `budget`, in character
/// pairs: once it runs out, the best word so far is the answer. So a 100 KB word costs one
/// count of its characters, and many unknown ids against many known ones cost no more than
/// the budget.
pub(crate) fn closest_word<'a>(word: &str, known: &[&'a str], budget: &mut u64) -> Option<&'a str> {
    let n = word.chars().count();
    let mut best: Option<(usize, &'a str)> = None;
    for k in known {
        let tolerance = (k.len() / 3).max(1);
        let m = k.chars().count();
        if m.abs_diff(n) > tolerance {
            continue;
        }
        let cost = (n as u64 + 1) * (m as u64 + 1);
        if *budget < cost {
            *budget = 0;
            break;
        }
        *budget -= cost;
        let d = edit_distance(word, k);
        if d <= tolerance && best.is_none_or(|b| (d, *k) < b) {
            best = Some((d, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Levenshtein distance in characters.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_near_misses_only() {
        assert_eq!(
            closest_word("lattitude", &["lat", "latitude"], &mut 1000),
            Some("latitude")
        );
        assert_eq!(
            closest_word("colour", &["color", "glyph"], &mut 1000),
            Some("color")
        );
        assert_eq!(closest_word("zzz", &["color", "glyph"], &mut 1000), None);
    }

    #[test]
    fn typo_hints_stop_when_their_budget_runs_out() {
        let mut budget = 1000;
        assert_eq!(
            closest_word("colour", &["color"], &mut budget),
            Some("color")
        );
        assert_eq!(budget, 1000 - 7 * 6, "paid for one comparison");
        let mut budget = 10;
        assert_eq!(closest_word("colour", &["color"], &mut budget), None);
        assert_eq!(budget, 0);
        // Too different in length to be compared at all: free.
        let mut budget = 1000;
        let long = "x".repeat(100_000);
        assert_eq!(closest_word(&long, &["color", "glyph"], &mut budget), None);
        assert_eq!(budget, 1000);
    }

    #[test]
    fn toml_float_spellings() {
        assert!(parse_float("nan").unwrap().is_nan());
        assert_eq!(parse_float("-inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_float("1_000.5"), Some(1000.5));
    }
}
