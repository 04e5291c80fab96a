//! The inputs of the fuzz target: arbitrary bytes, TOML-like token soup, byte splices of valid
//! datasets, and structure-aware mutations of valid datasets (a value replaced by a long
//! string, odd Unicode, an extreme number or date, another value of the file; lines deleted,
//! entries duplicated or swapped, header-like fragments inserted).
//!
//! Every input is made by a proptest strategy from a small recipe, so a failing input shrinks
//! to a small recipe too. A replaced quote is also appended to the sources, so that it is
//! found verbatim and the dataset can get past validation into the timeline and the exports.

use std::ops::Range;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use toml::de::{DeTable, DeValue};

use crate::alphabet::{FRAGMENTS, LENGTHS, LONG, ODD, PRINTABLE, TEXT_KEYS, TOKENS, WORDINGS};
use crate::seeds::{Input, seeds};

/// Any input.
pub fn input() -> impl Strategy<Value = Input> {
    prop_oneof![
        1 => bytes(),
        1 => tokens(),
        1 => splices(),
        7 => structured(),
        3 => super::shapes::geometry(),
        1 => super::shapes::imported(),
    ]
}

fn seed_index() -> impl Strategy<Value = usize> {
    // The small seeds more often: they load and draw faster.
    prop_oneof![1 => Just(0usize), 2 => Just(1usize), 1 => Just(2usize), 1 => Just(3usize)]
}

/// Arbitrary bytes, as text (what `read_text` lets through is UTF-8).
fn bytes() -> impl Strategy<Value = Input> {
    proptest::collection::vec(any::<u8>(), 0..2048).prop_map(|b| Input {
        seed: 1,
        text: String::from_utf8_lossy(&b).into_owned(),
        extra: String::new(),
        csv: None,
    })
}

fn tokens() -> impl Strategy<Value = Input> {
    proptest::collection::vec(select(TOKENS), 0..300).prop_map(|t| Input {
        seed: 1,
        text: t.concat(),
        extra: String::new(),
        csv: None,
    })
}

/// A seed with a few bytes cut and others put in, at character boundaries.
fn splices() -> impl Strategy<Value = Input> {
    let edit = (
        any::<Index>(),
        0usize..64,
        prop_oneof![select(TOKENS).prop_map(str::to_string), any::<String>()],
    );
    (seed_index(), proptest::collection::vec(edit, 1..6)).prop_map(|(seed, edits)| {
        let mut text = seeds()[seed].text.clone();
        for (at, cut, put) in edits {
            let start = floor_char(&text, at.index(text.len() + 1));
            let end = floor_char(&text, (start + cut).min(text.len()));
            text.replace_range(start..end, &put);
        }
        Input {
            seed,
            text,
            extra: String::new(),
            csv: None,
        }
    })
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A new value for a field.
#[derive(Debug, Clone)]
enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Date(String),
    Bool(bool),
    Array(Vec<String>),
    Table,
}

/// One structure-aware change.
#[derive(Debug, Clone)]
enum Mutation {
    /// Replace a piece of free text (a name, a note, a quote...) by other printable text:
    /// most such datasets still load, and go on to the timeline, the exports and the screen.
    SetText(Index, String),
    /// Move a place (or the map area) by replacing a coordinate.
    SetNumber(Index, f64),
    /// Replace a value (chosen among the file's values) by a new one.
    Set(Index, Value),
    /// Replace a value by a copy of another value of the file (ids become duplicates,
    /// references dangle or loop, dates and wordings move).
    Copy(Index, Index),
    /// Delete a line.
    DeleteLine(Index),
    /// Append a copy of an entry.
    DuplicateEntry(Index),
    /// Swap two entries.
    SwapEntries(Index, Index),
    /// Put a fragment at the start of a line.
    Insert(Index, &'static str),
}

fn string() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-z0-9_-]{0,12}",
        2 => proptest::collection::vec(select(ODD), 0..12).prop_map(|c| c.into_iter().collect()),
        2 => (select(LONG), select(LENGTHS)).prop_map(|(c, n)| {
            // A word every so often, so wrapping has somewhere to break.
            (0..n).map(|i| if i % 7 == 6 && c != ' ' { ' ' } else { c }).collect()
        }),
        1 => select(WORDINGS).prop_map(str::to_string),
        2 => any::<String>(),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let ints = prop_oneof![
        select(&[0i64, -1, 1, 64, 65, i64::MAX, i64::MIN, 100_000, 100_001][..]),
        any::<i64>()
    ];
    let floats = prop_oneof![
        select(
            &[
                f64::NAN,
                f64::INFINITY,
                f64::NEG_INFINITY,
                -0.0,
                1e308,
                -1e308,
                5e-324,
                90.0,
                -90.000001,
                180.0,
                180.5,
                33.5,
                36.3
            ][..]
        ),
        any::<f64>()
    ];
    let dates = prop_oneof![
        select(
            &[
                "0000-01-01",
                "9999-12-31",
                "1970-01-01",
                "2024-02-29",
                "2023-02-29",
                "2024-11-30",
                "2024-12-01",
                "2024-12-07",
                "2024-12-08",
                "1924-09-24",
                "2024-12-07T00:00:00",
                "2024-12-07 10:00:00Z",
                "12:00:00"
            ][..]
        )
        .prop_map(str::to_string),
        (0u32..10_000, 1u32..13, 1u32..32).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
    ];
    prop_oneof![
        6 => string().prop_map(Value::Str),
        1 => ints.prop_map(Value::Int),
        1 => floats.prop_map(Value::Float),
        2 => dates.prop_map(Value::Date),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => proptest::collection::vec(string(), 0..4).prop_map(Value::Array),
        1 => Just(Value::Table),
    ]
}

fn printable_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::collection::vec(select(PRINTABLE), 1..40).prop_map(|p| p.concat()),
        1 => (select(PRINTABLE), select(LENGTHS)).prop_map(|(p, n)| {
            let mut s: String = p.repeat(n / p.chars().count().max(1));
            s.truncate(floor_char(&s, s.len()));
            s
        }),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        16 => (any::<Index>(), printable_text()).prop_map(|(i, s)| Mutation::SetText(i, s)),
        2 => (any::<Index>(), prop_oneof![32.0..37.6f64, 35.0..42.6f64, any::<f64>()])
            .prop_map(|(i, x)| Mutation::SetNumber(i, x)),
        8 => (any::<Index>(), value()).prop_map(|(i, v)| Mutation::Set(i, v)),
        3 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Copy(a, b)),
        1 => any::<Index>().prop_map(Mutation::DeleteLine),
        1 => any::<Index>().prop_map(Mutation::DuplicateEntry),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::SwapEntries(a, b)),
        1 => (any::<Index>(), select(FRAGMENTS)).prop_map(|(i, f)| Mutation::Insert(i, f)),
    ]
}

fn structured() -> impl Strategy<Value = Input> {
    (seed_index(), proptest::collection::vec(mutation(), 1..4)).prop_map(|(seed, mutations)| {
        let mut input = Input {
            seed,
            text: seeds()[seed].text.clone(),
            extra: String::new(),
            csv: None,
        };
        for m in &mutations {
            apply(&mut input, m);
        }
        input
    })
}

/// A value of the file: the key it is under, and its span.
struct Leaf {
    key: String,
    span: Range<usize>,
    /// The value, if it is a string.
    text: Option<String>,
}

/// Every value of `text` that is not a table, if it parses.
fn leaves(text: &str) -> Vec<Leaf> {
    fn visit(key: &str, v: &toml::Spanned<DeValue<'_>>, out: &mut Vec<Leaf>) {
        match v.get_ref() {
            DeValue::Table(t) => walk(t, out),
            DeValue::Array(items) => {
                out.push(Leaf {
                    key: key.to_string(),
                    span: v.span(),
                    text: None,
                });
                for item in items {
                    visit(key, item, out);
                }
            }
            other => out.push(Leaf {
                key: key.to_string(),
                span: v.span(),
                text: other.as_str().map(str::to_string),
            }),
        }
    }
    fn walk(t: &DeTable<'_>, out: &mut Vec<Leaf>) {
        for (k, v) in t {
            visit(k.get_ref(), v, out);
        }
    }
    let mut out = Vec::new();
    if let Ok(root) = DeTable::parse(text) {
        walk(root.get_ref(), &mut out);
    }
    out
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn render(v: &Value) -> String {
    match v {
        Value::Str(s) => toml_string(s),
        Value::Int(i) => i.to_string(),
        Value::Float(f) if f.is_nan() => "nan".into(),
        Value::Float(f) if f.is_infinite() => if *f > 0.0 { "inf" } else { "-inf" }.into(),
        Value::Float(f) => format!("{f:?}"),
        Value::Date(d) => d.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(|s| toml_string(s)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Table => "{}".into(),
    }
}

/// The `[[...]]` entries of `text`, as byte ranges.
fn entries(text: &str) -> Vec<Range<usize>> {
    let starts: Vec<usize> = text.match_indices("\n[[").map(|(i, _)| i + 1).collect();
    starts
        .iter()
        .enumerate()
        .map(|(n, &s)| s..starts.get(n + 1).copied().unwrap_or(text.len()))
        .collect()
}

fn apply(input: &mut Input, m: &Mutation) {
    let text = &mut input.text;
    match m {
        Mutation::SetText(i, s) => {
            let leaves: Vec<Leaf> = leaves(text)
                .into_iter()
                .filter(|l| TEXT_KEYS.contains(&l.key.as_str()) && l.text.is_some())
                .collect();
            if leaves.is_empty() {
                return;
            }
            let leaf = &leaves[i.index(leaves.len())];
            let mut s = s.clone();
            if matches!(leaf.key.as_str(), "quote" | "published_quote") {
                // Keep the old quote in the new one: it holds the event's wording.
                s = format!("{s} {}", leaf.text.as_deref().unwrap_or_default());
                input.extra.push_str(&s);
                input.extra.push('\n');
            }
            text.replace_range(leaf.span.clone(), &toml_string(&s));
        }
        Mutation::SetNumber(i, x) => {
            let leaves: Vec<Leaf> = leaves(text)
                .into_iter()
                .filter(|l| {
                    matches!(
                        l.key.as_str(),
                        "lat" | "lon" | "min_lat" | "max_lat" | "min_lon" | "max_lon"
                    )
                })
                .collect();
            if !leaves.is_empty() {
                let span = leaves[i.index(leaves.len())].span.clone();
                text.replace_range(span, &render(&Value::Float(*x)));
            }
        }
        Mutation::Set(i, v) => {
            let leaves = leaves(text);
            if leaves.is_empty() {
                return;
            }
            let leaf = &leaves[i.index(leaves.len())];
            if let (Value::Str(s), "quote" | "published_quote") = (v, leaf.key.as_str()) {
                input.extra.push_str(s);
                input.extra.push('\n');
            }
            text.replace_range(leaf.span.clone(), &render(v));
        }
        Mutation::Copy(from, to) => {
            let leaves = leaves(text);
            if leaves.is_empty() {
                return;
            }
            let value = text[leaves[from.index(leaves.len())].span.clone()].to_string();
            text.replace_range(leaves[to.index(leaves.len())].span.clone(), &value);
        }
        Mutation::DeleteLine(i) => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .filter(|s| *s < text.len())
                .collect();
            if let Some(&s) = starts.get(i.index(starts.len().max(1))) {
                let e = text[s..].find('\n').map_or(text.len(), |e| s + e + 1);
                text.replace_range(s..e, "");
            }
        }
        Mutation::DuplicateEntry(i) => {
            let all = entries(text);
            if !all.is_empty() {
                let copy = text[all[i.index(all.len())].clone()].to_string();
                text.push('\n');
                text.push_str(&copy);
            }
        }
        Mutation::SwapEntries(a, b) => {
            let all = entries(text);
            if all.len() >= 2 {
                let (mut x, mut y) = (
                    all[a.index(all.len())].clone(),
                    all[b.index(all.len())].clone(),
                );
                if x.start > y.start {
                    std::mem::swap(&mut x, &mut y);
                }
                if x.end <= y.start {
                    let (tx, ty) = (text[x.clone()].to_string(), text[y.clone()].to_string());
                    text.replace_range(y, &tx);
                    text.replace_range(x, &ty);
                }
            }
        }
        Mutation::Insert(i, fragment) => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let at = starts[i.index(starts.len())];
            text.insert_str(at, fragment);
        }
    }
}
