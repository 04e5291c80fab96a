//! The two ways through a dataset file: cut at its `[[...]]` header lines and parsed one
//! entry at a time, or, when its layout does not allow that, parsed whole.

use std::ops::Range;

use toml::de::DeTable;

use super::checks::{check_event_quotes, check_spellings, link_factions, link_stories};
use super::contradictions::read_contradiction;
use super::events::read_event;
use super::factions::read_faction;
use super::meta::read_meta;
use super::places::read_place;
use super::sources::read_source_entry;
use super::{Builder, finish};
use crate::dataset::diag::Diagnostic;
use crate::dataset::fields::Cx;
use crate::dataset::limits::{max_entries, too_many_entries, within_limits};
use crate::dataset::model::Dataset;

/// The arrays of tables, in the order they are read.
const ENTRY_KINDS: [&str; 5] = ["sources", "factions", "places", "events", "contradictions"];

/// A dataset file cut at its `[[...]]` header lines.
pub(super) struct Split {
    /// The text before the first header: `[dataset]` and `[dataset.map]`.
    head_end: usize,
    /// Each entry: its kind (index into [`ENTRY_KINDS`]) and its text, header included.
    entries: Vec<(usize, Range<usize>)>,
}

/// Cut `text` into its head and entries, if it can be read entry by entry: no multi-line
/// strings (a header line could be inside one), every line starting with `[[` is a header of
/// a known kind, and the kinds come in reading order.
pub(super) fn split_entries(text: &str) -> Option<Split> {
    if text.contains("\"\"\"") || text.contains("'''") {
        return None;
    }
    let mut entries: Vec<(usize, Range<usize>)> = Vec::new();
    let mut head_end = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.starts_with("[[") {
            let name = line.trim_end().strip_prefix("[[")?.strip_suffix("]]")?;
            let kind = ENTRY_KINDS.iter().position(|k| *k == name)?;
            if entries.last().is_some_and(|(k, _)| *k > kind) {
                return None;
            }
            if let Some(last) = entries.last_mut() {
                last.1.end = offset;
            }
            head_end.get_or_insert(offset);
            entries.push((kind, offset..text.len()));
        }
        offset += line.len();
    }
    Some(Split {
        head_end: head_end?,
        entries,
    })
}

/// [`super::parse`] entry by entry; `None` if the file must be parsed whole after all.
pub(super) fn parse_entries(
    origin: &str,
    text: &str,
    split: &Split,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> Option<(Option<Dataset>, Vec<Diagnostic>)> {
    let mut cx = Cx::new(origin, text);
    let (root, errors) = DeTable::parse_recoverable(&text[..split.head_end]);
    if !errors.is_empty() {
        return None;
    }
    let [meta, rest @ ..] = cx.fields(
        root.get_ref(),
        [
            "dataset",
            "sources",
            "factions",
            "places",
            "events",
            "contradictions",
        ],
        "the dataset file",
    );
    if rest.iter().any(Option::is_some) {
        return None; // arrays written in the head (`events = [...]`) are read whole
    }
    let meta = cx.table(meta, "dataset", &(0..text.len()), "the dataset file", true);
    let meta = meta.and_then(|(t, span)| read_meta(&mut cx, t, &span));
    let Some(meta) = meta else {
        return Some((None, cx.diags));
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
        return Some((None, cx.diags));
    }
    let mut b = Builder::default();
    let mut stage = 0;
    for (kind, range) in &split.entries {
        finish_stages(&mut cx, &mut b, &mut stage, *kind);
        let (root, errors) = DeTable::parse_recoverable(&text[range.clone()]);
        if !errors.is_empty() {
            return None;
        }
        // One key, the header's, holding one table; anything else is read whole.
        let mut keys = root.get_ref().iter();
        let (Some((key, value)), None) = (keys.next(), keys.next()) else {
            return None;
        };
        if key.get_ref().as_ref() != ENTRY_KINDS[*kind] {
            return None;
        }
        let mut items = value.get_ref().as_array()?.iter();
        let (Some(item), None) = (items.next(), items.next()) else {
            return None;
        };
        let t = item.get_ref().as_table()?;
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
    Some(finish(cx, b, meta, origin))
}

/// The checks that need every entry of one kind, run once reading has moved past the kind.
fn finish_stages(cx: &mut Cx, b: &mut Builder, stage: &mut usize, upto: usize) {
    while *stage < upto {
        match *stage {
            0 => link_stories(cx, b),
            1 => link_factions(cx, b),
            2 => check_spellings(cx, b),
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
            let span = e.span().unwrap_or(0..0);
            cx.err(&span, format!("TOML syntax: {}", e.message().trim()), None);
        }
        return (None, cx.diags);
    }
    let root_span = root.span();
    let [meta, sources, factions, places, events, contradictions] = cx.fields(
        root.get_ref(),
        [
            "dataset",
            "sources",
            "factions",
            "places",
            "events",
            "contradictions",
        ],
        "the dataset file",
    );
    let mut b = Builder::default();
    let meta = cx.table(meta, "dataset", &root_span, "the dataset file", true);
    let meta = meta.and_then(|(t, span)| read_meta(&mut cx, t, &span));
    let Some(meta) = meta else {
        return (None, cx.diags);
    };
    for (t, span) in cx.tables(sources, "sources") {
        read_source_entry(&mut cx, &mut b, t, &span, &meta, read_source);
    }
    link_stories(&mut cx, &mut b);
    for (t, span) in cx.tables(factions, "factions") {
        read_faction(&mut cx, &mut b, t, &span);
    }
    link_factions(&mut cx, &mut b);
    let places = cx.tables(places, "places");
    let events = cx.tables(events, "events");
    if !within_limits(&mut cx, "places", &places) | !within_limits(&mut cx, "events", &events) {
        return (None, cx.diags);
    }
    for (t, span) in places {
        read_place(&mut cx, &mut b, t, &span, &meta);
    }
    check_spellings(&mut cx, &b);
    for (t, span) in events {
        read_event(&mut cx, &mut b, t, &span, &meta);
    }
    check_event_quotes(&mut cx, &b);
    for (t, span) in cx.tables(contradictions, "contradictions") {
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
        let entries = split_entries(text).and_then(|s| parse_entries("x.toml", text, &s, &read));
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
            // With multi-line strings made single-line, so more fixtures take the split path.
            let flat = text.replace("\"\"\"", "\"").replace("'''", "'");
            for t in [&text, &flat] {
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

    /// tests/load.rs compares both paths through the public loader by ending a file with a
    /// `'''` comment to make it read whole; this keeps that true.
    #[test]
    fn a_multi_line_delimiter_even_in_a_comment_makes_the_file_read_whole() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
        let text = std::fs::read_to_string(path).unwrap();
        assert!(split_entries(&text).is_some());
        assert!(split_entries(&format!("{text}\n# '''\n")).is_none());
    }
}
