//! The two ways through a dataset file: cut at its `[[...]]` header lines and parsed one
//! entry at a time, or, when its layout does not allow that, parsed whole.

use std::ops::Range;

use toml::de::DeTable;

use super::checks::{
    check_event_quotes, check_initial_quotes, check_spellings, link_factions, link_stories,
};
use super::contradictions::read_contradiction;
use super::events::read_event;
use super::factions::read_faction;
use super::headers::{headers, too_deep_key};
use super::meta::read_meta;
use super::places::read_place;
use super::sources::read_source_entry;
use super::{Builder, finish};
use crate::dataset::diag::Diagnostic;
use crate::dataset::fields::{Cx, Entry};
use crate::dataset::limits::{max_entries, too_many_entries, within_limits};
use crate::dataset::model::Dataset;

/// The arrays of tables, in the order they are read.
const ENTRY_KINDS: [&str; 5] = ["sources", "factions", "places", "events", "contradictions"];

/// A dataset file cut at its `[[...]]` header lines.
pub(super) struct Split {
    /// The text before the first header: `[dataset]` and `[dataset.map]`.
    head_end: usize,
    /// Each entry: its kind (index into [`ENTRY_KINDS`]) and its text, header included; in
    /// reading order (by kind, then file order), which is file order in the usual layout.
    entries: Vec<(usize, Range<usize>)>,
}

/// Why a file is read whole after all: where, and what stopped the cutting.
#[derive(Debug)]
pub(super) struct Fallback {
    /// Byte offset of the cause.
    pub(super) at: usize,
    /// The cause, in words.
    pub(super) why: String,
}

impl Fallback {
    fn new(at: usize, why: impl Into<String>) -> Self {
        Fallback {
            at,
            why: why.into(),
        }
    }
}

/// Cut `text` into its head and entries at its `[[...]]` header lines (found by
/// [`headers`], so strings, comments and arrays that look like headers are not cut), if every
/// header is of a known kind. Entries of a kind may come in any order relative to other kinds:
/// they are read by kind, as the whole-file parse reads them.
pub(super) fn split_entries(text: &str) -> Result<Split, Fallback> {
    let found = headers(text).map_err(|(at, why)| Fallback::new(at, why))?;
    let Some(&(head_end, _)) = found.first() else {
        return Err(Fallback::new(text.len(), "there is no [[...]] entry"));
    };
    let mut entries = Vec::with_capacity(found.len());
    for (n, (start, name)) in found.iter().enumerate() {
        let kind = ENTRY_KINDS.iter().position(|k| k == name).ok_or_else(|| {
            let name = crate::dataset::text::printable(&crate::dataset::text::excerpt(name, 40));
            Fallback::new(
                *start,
                format!(
                    "`[[{name}]]` is not one of [[{}]]",
                    ENTRY_KINDS.join("]], [[")
                ),
            )
        })?;
        let end = found.get(n + 1).map_or(text.len(), |h| h.0);
        entries.push((kind, *start..end));
    }
    entries.sort_by_key(|(kind, _)| *kind); // stable: file order within a kind
    Ok(Split { head_end, entries })
}

/// [`super::parse`] entry by entry, or why the file must be parsed whole after all.
pub(super) fn parse_entries(
    origin: &str,
    text: &str,
    split: &Split,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> Result<(Option<Dataset>, Vec<Diagnostic>), Fallback> {
    let mut cx = Cx::new(origin, text);
    let (root, errors) = DeTable::parse_recoverable(&text[..split.head_end]);
    if let Some(e) = errors.first() {
        return Err(syntax(e, 0));
    }
    let mut e = Entry::new(
        &mut cx,
        root.get_ref(),
        &(0..text.len()),
        "the dataset file",
    );
    let meta = e.table("dataset", true);
    let rest = ENTRY_KINDS.map(|kind| e.raw(kind));
    e.finish();
    if let Some(v) = rest.iter().flatten().next() {
        // Arrays written in the head (`events = [...]`) are read whole.
        return Err(Fallback::new(
            v.span().start,
            "entries written as an array value",
        ));
    }
    let meta = meta.and_then(|(t, span)| read_meta(&mut cx, t, &span));
    let Some(meta) = meta else {
        return Ok((None, cx.diags));
    };
    // More entries of a kind than are read (see `limits`): counted from the headers, before
    // any is parsed.
    let ranges = |k: usize| split.entries.iter().filter(move |e| e.0 == k).map(|e| &e.1);
    let too_many: Vec<(usize, &Range<usize>)> = (0..ENTRY_KINDS.len())
        .filter_map(|k| Some((k, ranges(k).nth(max_entries(ENTRY_KINDS[k]))?)))
        .collect();
    for (k, first_excess) in &too_many {
        too_many_entries(&mut cx, ENTRY_KINDS[*k], ranges(*k).count(), first_excess);
    }
    if !too_many.is_empty() {
        return Ok((None, cx.diags));
    }
    let mut b = Builder::default();
    let mut stage = 0;
    for (n, (kind, range)) in split.entries.iter().enumerate() {
        if n % 1024 == 0 {
            // Reading the entries is most of a load: 0 to 80 %.
            crate::dataset::progress::report(range.start as u64 * 8, text.len() as u64 * 10);
        }
        finish_stages(&mut cx, &mut b, &mut stage, *kind);
        let (root, errors) = DeTable::parse_recoverable(&text[range.clone()]);
        if let Some(e) = errors.first() {
            return Err(syntax(e, range.start));
        }
        // One key, the header's, holding one table; anything else is read whole.
        let not_one = || Fallback::new(range.start, "an entry holding more than its own table");
        let mut keys = root.get_ref().iter();
        let (Some((key, value)), None) = (keys.next(), keys.next()) else {
            return Err(not_one());
        };
        if key.get_ref().as_ref() != ENTRY_KINDS[*kind] {
            return Err(not_one());
        }
        let mut items = value.get_ref().as_array().ok_or_else(not_one)?.iter();
        let (Some(item), None) = (items.next(), items.next()) else {
            return Err(not_one());
        };
        let t = item.get_ref().as_table().ok_or_else(not_one)?;
        cx.base = range.start;
        let span = cx.abs(item.span());
        match kind {
            0 => read_source_entry(&mut cx, &mut b, t, &span, &meta, read_source),
            1 => read_faction(&mut cx, &mut b, t, &span),
            2 => read_place(&mut cx, &mut b, t, &span, &meta),
            3 => read_event(&mut cx, &mut b, t, &span, &meta),
            _ => read_contradiction(&mut cx, &mut b, t, &span),
        }
        cx.base = 0;
    }
    finish_stages(&mut cx, &mut b, &mut stage, ENTRY_KINDS.len());
    Ok(finish(cx, b, meta, origin))
}

/// A TOML syntax error in a piece of the file starting at `base`, as a reason to read whole.
fn syntax(e: &toml::de::Error, base: usize) -> Fallback {
    let at = base + e.span().map_or(0, |s| s.start);
    Fallback::new(at, format!("TOML syntax: {}", e.message().trim()))
}

/// The checks that need every entry of one kind, run once reading has moved past the kind.
fn finish_stages(cx: &mut Cx, b: &mut Builder, stage: &mut usize, upto: usize) {
    while *stage < upto {
        match *stage {
            0 => link_stories(cx, b),
            1 => link_factions(cx, b),
            2 => {
                check_spellings(cx, b);
                check_initial_quotes(cx, b);
            }
            3 => check_event_quotes(cx, b),
            _ => {}
        }
        *stage += 1;
    }
}

/// [`super::parse`] on the whole text at once.
pub(super) fn parse_whole(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    let mut cx = Cx::new(origin, text);
    let (root, errors) = DeTable::parse_recoverable(text);
    if !errors.is_empty() {
        for e in errors {
            // Built from message() and span(), never Display: Display echoes the raw line.
            // The parser gives no span for a key nested too deep: find the key itself.
            let span = e.span().unwrap_or_else(|| {
                let at = too_deep_key(text).unwrap_or(0);
                at..at
            });
            cx.err(&span, format!("TOML syntax: {}", e.message().trim()), None);
        }
        return (None, cx.diags);
    }
    let root_span = root.span();
    let mut e = Entry::new(&mut cx, root.get_ref(), &root_span, "the dataset file");
    let meta = e.table("dataset", true);
    let sources = e.tables("sources");
    let factions = e.tables("factions");
    let places = e.tables("places");
    let events = e.tables("events");
    let contradictions = e.tables("contradictions");
    e.finish();
    let mut b = Builder::default();
    let meta = meta.and_then(|(t, span)| read_meta(&mut cx, t, &span));
    let Some(meta) = meta else {
        return (None, cx.diags);
    };
    for (t, span) in sources {
        read_source_entry(&mut cx, &mut b, t, &span, &meta, read_source);
    }
    link_stories(&mut cx, &mut b);
    for (t, span) in factions {
        read_faction(&mut cx, &mut b, t, &span);
    }
    link_factions(&mut cx, &mut b);
    if !within_limits(&mut cx, "places", &places) | !within_limits(&mut cx, "events", &events) {
        return (None, cx.diags);
    }
    for (t, span) in places {
        read_place(&mut cx, &mut b, t, &span, &meta);
    }
    check_spellings(&mut cx, &b);
    check_initial_quotes(&mut cx, &b);
    for (t, span) in events {
        read_event(&mut cx, &mut b, t, &span, &meta);
    }
    check_event_quotes(&mut cx, &b);
    for (t, span) in contradictions {
        read_contradiction(&mut cx, &mut b, t, &span);
    }
    finish(cx, b, meta, origin)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;

    type Parsed = (Option<Dataset>, Vec<Diagnostic>);

    fn shown(p: &Parsed) -> String {
        format!("{p:?}")
    }

    /// Both ways of reading `text`: whole, and entry by entry if it can be.
    fn both(text: &str, dir: &Path) -> (Parsed, Option<Parsed>) {
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).map_err(|e| e.to_string());
        let whole = parse_whole("x.toml", text, &read);
        let entries = split_entries(text)
            .and_then(|s| parse_entries("x.toml", text, &s, &read))
            .ok();
        (whole, entries)
    }

    fn tomls(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                tomls(&p, out);
            } else if p.extension().is_some_and(|x| x == "toml") {
                out.push(p);
            }
        }
    }

    #[test]
    fn entry_by_entry_reads_every_fixture_as_the_whole_file_does() {
        let mut files = Vec::new();
        tomls(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
            &mut files,
        );
        let mut split = 0;
        for f in &files {
            let Ok(text) = std::fs::read_to_string(f) else {
                continue; // not UTF-8: read whole by load_path's caller
            };
            let dir = f.parent().unwrap();
            // Also with the headers spaced out, commented and quoted, and kinds out of order.
            let spaced = text
                .replace("[[events]]", "  [[ events ]] # an event")
                .replace("[[sources]]", "[[\"sources\"]]");
            let reordered = match (text.find("[[places]]"), text.find("[[events]]")) {
                (Some(p), Some(e)) if p < e => {
                    format!("{}{}{}", &text[..p], &text[e..], &text[p..e])
                }
                _ => text.clone(),
            };
            for t in [&text, &spaced, &reordered] {
                if let (whole, Some(entries)) = both(t, dir) {
                    assert_eq!(shown(&entries), shown(&whole), "{}", f.display());
                    split += 1;
                }
            }
        }
        assert!(
            split >= 10,
            "only {split} fixtures were read entry by entry"
        );
    }

    /// A `"""` in a comment, multi-line strings holding header-like lines, spaced or commented
    /// headers: all valid TOML, all read entry by entry (each used to send the file through
    /// the whole-file parse, at twenty times its size in memory).
    #[test]
    fn harmless_formatting_keeps_the_file_on_the_entry_by_entry_path() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid");
        let text = std::fs::read_to_string(dir.join("minimal.toml")).unwrap();
        let read = |f: &str| std::fs::read_to_string(dir.join(f)).map_err(|e| e.to_string());
        let variants = [
            format!("{text}\n# \"\"\"\n"),
            text.replace("[[events]]", "[[ events ]]"),
            text.replace("[[events]]", "[[events]] # the only one"),
            text.replace(
                "note = \"fixture\"",
                "note = \"\"\"\n[[events]] \\\nid = \"not an entry\" \\\n\"\"\"",
            ),
            text.replace(
                "published_basis = \"Fixture.\"",
                "published_basis = '''[[places]]''' # '''",
            ),
            text.replace("\n[[factions]]", "\n# '''\n[[factions]]"),
        ];
        for t in &variants {
            let split = split_entries(t).unwrap_or_else(|f| panic!("{f:?} in\n{t}"));
            let parsed = parse_entries("x.toml", t, &split, &read).unwrap();
            assert!(parsed.1.is_empty(), "{:?}", parsed.1);
            assert_eq!(shown(&parsed), shown(&parse_whole("x.toml", t, &read)));
        }
        // What is still read whole, and why.
        let array = format!("places = []\n{text}");
        let f = split_entries(&array)
            .and_then(|s| parse_entries("x.toml", &array, &s, &read))
            .unwrap_err();
        assert_eq!(f.why, "entries written as an array value");
    }
}
