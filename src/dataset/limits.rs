//! Every size limit on a dataset, in one place, each with its own message.
//!
//! The limits keep hostile or broken input from making frontline slow or hungry: every
//! path through loading, drawing and exporting is linear in what it reads, and these bound
//! what it reads. They sit far above any real dataset (the built-in one's longest name is 58
//! characters, its longest quote 241; the Carter Center's Syria data has about 8,100
//! localities) and are documented in the README's "Size limits".

use std::ops::Range;

use chrono::NaiveDate;

use super::fields::Cx;

/// The largest dataset file, in bytes (the 250,000-event benchmark dataset is 46 MB).
pub(crate) const MAX_DATASET_BYTES: u64 = 256 << 20;
/// The largest dataset file that is parsed whole when it cannot be read entry by entry (the
/// TOML parser needs about twenty times the text's size when given all of it at once).
pub const MAX_WHOLE_PARSE_BYTES: u64 = 8 << 20;
/// The largest source text, in bytes.
pub const MAX_SOURCE_BYTES: u64 = 16 << 20;
/// The most source text one dataset may read, all its sources together, in bytes.
pub(crate) const MAX_SOURCES_TOTAL_BYTES: u64 = 256 << 20;
/// The longest name, in characters: ids, names, spellings, labels, kinds, outlets, wordings.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest quote, in characters.
pub const MAX_QUOTE_CHARS: usize = 5_000;
/// The longest other text (notes, descriptions, summaries, credits, file names), in characters.
pub const MAX_TEXT_CHARS: usize = 10_000;
/// The most days from `start` to `end`, both included (about 100 years).
pub const MAX_DAYS: i64 = 36_600;
/// The most `[[places]]` entries.
pub const MAX_PLACES: usize = 100_000;
/// The most `[[events]]` entries.
pub(crate) const MAX_EVENTS: usize = 1_000_000;
/// The most `[[factions]]` entries: the timeline keeps sets of factions as 64-bit masks.
pub const MAX_FACTIONS: usize = 64;
/// Most `kind = "area"` places: each is a union of divisions or a polygon, built when loading.
pub(crate) const MAX_AREAS: usize = 1_000;
/// Most divisions one area may be made of.
pub(crate) const MAX_AREA_DIVISIONS: usize = 64;
/// Most vertices of an area's own `polygon`.
pub const MAX_AREA_VERTICES: usize = 10_000;

/// What the hints that search ("did you mean", "the closest passage") may cost in one
/// load, in steps of their search (character pairs compared, bytes scanned): about three
/// passes over the largest source, a second or so. Past it, messages come without those hints.
pub(crate) const HINT_BUDGET: u64 = 50_000_000;

/// The fields that hold a name or a reference to one (everything else is text).
const NAME_KEYS: &[&str] = &[
    "id",
    "name",
    "label",
    "aliases",
    "kind",
    "coords",
    "outlet",
    "faction",
    "from",
    "place",
    "source",
    "holder",
    "when",
    "color",
    "glyph",
    "part_of",
    "same_story_as",
    "events",
    "topic",
];

/// The fields that hold a quote from a source.
const QUOTE_KEYS: &[&str] = &["quote", "published_quote"];

/// Report `s`, the string value of `key` at `span`, if it is longer than its kind of field
/// may be. Returns false if it was reported.
pub(super) fn check_string(cx: &mut Cx, key: &str, s: &str, span: &Range<usize>) -> bool {
    // Counting stops just past the limit: a 100 MB string costs no more than a short one.
    let (what, limit, hint) = if NAME_KEYS.contains(&key) {
        (
            "a name",
            MAX_NAME_CHARS,
            "names and ids are shown on the map and in tables; put longer text in a `note`",
        )
    } else if QUOTE_KEYS.contains(&key) {
        (
            "a quote",
            MAX_QUOTE_CHARS,
            "quote the sentence that reports the change, not the whole report",
        )
    } else {
        (
            "a text field",
            MAX_TEXT_CHARS,
            "shorten it; the whole report belongs in the source file",
        )
    };
    if s.len() <= limit || s.chars().nth(limit).is_none() {
        return true;
    }
    cx.err(
        span,
        format!(
            "`{key}` is {} characters long; {what} may be at most {limit}",
            s.chars().count()
        ),
        Some(hint.into()),
    );
    false
}

/// Report a dataset spanning more than [`MAX_DAYS`]; `span` is the `end` date's. Returns
/// false if it was reported.
pub(super) fn check_span(
    cx: &mut Cx,
    start: NaiveDate,
    end: NaiveDate,
    span: &Range<usize>,
) -> bool {
    let days = (end - start).num_days() + 1;
    if days <= MAX_DAYS {
        return true;
    }
    cx.err(
        span,
        format!("the dataset spans {days} days ({start} to {end}); at most {MAX_DAYS} (100 years)"),
        Some("the timeline has a slot for every day; check start and end".into()),
    );
    false
}

/// The most entries of a kind (`places`, `events`) that are read; factions are counted as
/// they are read, and other kinds are bounded by the file's size.
pub(super) fn max_entries(kind: &str) -> usize {
    match kind {
        "places" => MAX_PLACES,
        "events" => MAX_EVENTS,
        _ => usize::MAX,
    }
}

/// Report `count` entries of `kind`, more than [`max_entries`], at the first one too many.
pub(super) fn too_many_entries(cx: &mut Cx, kind: &str, count: usize, first_excess: &Range<usize>) {
    let limit = max_entries(kind);
    cx.err(
        &(first_excess.start..first_excess.start),
        format!("more than {limit} [[{kind}]] entries ({count} in this file)"),
        Some(format!(
            "frontline reads at most {limit} {kind}; the dataset was not read further"
        )),
    );
}

/// False (after reporting) if there are more `entries` of `kind` than [`max_entries`].
pub(super) fn within_limits<T>(cx: &mut Cx, kind: &str, entries: &[(T, Range<usize>)]) -> bool {
    match entries.get(max_entries(kind)) {
        Some((_, first_excess)) => {
            too_many_entries(cx, kind, entries.len(), first_excess);
            false
        }
        None => true,
    }
}

/// The error for a file larger than `limit` bytes.
pub(crate) fn too_large(what: &str, limit: u64) -> String {
    format!(
        "{what} is larger than {} MiB, the most frontline reads",
        limit >> 20
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn too_many_parsed_entries_are_reported_at_the_first_one_too_many() {
        let text = "x\n".repeat(10);
        let mut cx = Cx::new("x.toml", &text);
        let at = |i: usize| 2 * (i % 10)..2 * (i % 10) + 1;
        let places: Vec<((), Range<usize>)> = (0..=MAX_PLACES).map(|i| ((), at(i))).collect();
        assert!(within_limits(&mut cx, "places", &places[..MAX_PLACES]));
        assert!(cx.diags.is_empty());
        assert!(!within_limits(&mut cx, "places", &places));
        assert_eq!(cx.diags.len(), 1);
        let d = &cx.diags[0];
        assert_eq!((d.line, d.col), (MAX_PLACES as u32 % 10 + 1, 1));
        assert_eq!(
            d.message,
            format!(
                "more than {MAX_PLACES} [[places]] entries ({} in this file)",
                MAX_PLACES + 1
            )
        );
        // Kinds without a count limit.
        assert!(within_limits(&mut cx, "sources", &places));
    }
}
