//! Loading a dataset file into the model, checking everything on the way.
//!
//! Every problem is collected as a [`Diagnostic`] with its `file:line:col`; loading fails
//! if there is any, and reports them all at once.
//!
//! Each kind of entry is read in its own module, and the checks that need a whole kind are in
//! `checks`; what they all write to, the `Builder` and its `Ids`, is here.

mod areas;
mod checks;
mod contradictions;
mod events;
mod factions;
mod headers;
mod label;
mod meta;
mod places;
mod ring;
mod sources;
mod split;

use std::collections::HashMap;
use std::ops::Range;

use super::diag::Diagnostic;
use super::fields::{Cx, Sp, closest_word};
use super::model::{Contradiction, Dataset, Event, Faction, Place, Source, SourceId};
use meta::Meta;
use split::{parse_entries, parse_whole, split_entries};

pub(crate) use factions::MAX_FACTIONS;

use super::limits::MAX_WHOLE_PARSE_BYTES;

/// Ids already seen in one collection, to catch duplicates and resolve references.
struct Ids {
    what: &'static str,
    map: HashMap<String, (u32, Range<usize>)>,
    names: Vec<String>,
}

impl Ids {
    fn new(what: &'static str) -> Self {
        Ids {
            what,
            map: HashMap::new(),
            names: Vec::new(),
        }
    }

    /// Register the next item's id; reports a duplicate. Returns the index it gets.
    fn add(&mut self, cx: &mut Cx, (id, span): &Sp<String>) -> u32 {
        let index = self.names.len() as u32;
        if let Some((_, first)) = self.map.get(id) {
            let at = cx.loc(first.start);
            cx.err(
                span,
                format!("duplicate {} id `{id}`", self.what),
                Some(format!(
                    "`{id}` is first defined at line {}; ids must be unique",
                    at.line
                )),
            );
        } else {
            self.map.insert(id.clone(), (index, span.clone()));
        }
        self.names.push(id.clone());
        index
    }

    /// Resolve a reference, reporting an unknown id with the valid ones.
    fn get(&self, cx: &mut Cx, (id, span): &Sp<String>) -> Option<u32> {
        if let Some((i, _)) = self.map.get(id) {
            return Some(*i);
        }
        let n = self.names.len();
        let hint = if n <= 12 {
            let known: Vec<&str> = self.names.iter().map(String::as_str).collect();
            match closest_word(id, &known, &mut cx.hint_budget) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("known {} ids: {}", self.what, known.join(", ")),
            }
        } else if cx.hint_budget > 0 {
            let known: Vec<&str> = self.names.iter().map(String::as_str).collect();
            match closest_word(id, &known, &mut cx.hint_budget) {
                Some(k) => format!("did you mean `{k}`?"),
                None if cx.hint_budget > 0 => {
                    format!("there are {n} {} ids; none is close", self.what)
                }
                None => format!("there are {n} {} ids", self.what),
            }
        } else {
            format!("there are {n} {} ids", self.what)
        };
        cx.err(span, format!("unknown {} id `{id}`", self.what), Some(hint));
        None
    }
}

/// Load a dataset from `text`. `origin` names the file in messages; `read_source` returns
/// the text of a source file named in the dataset (relative to it), or why it cannot.
/// Returns the dataset as far as it could be read, and every problem found; the dataset is
/// complete only if there are no problems. Broken entries are replaced by inert placeholders
/// with an empty id, so that
/// transitions can still be checked and every problem reported at once.
///
/// A file laid out as `frontline gen` and hand-written datasets are (the `[dataset]` table,
/// then `[[sources]]`, `[[factions]]`, `[[places]]`, `[[events]]` and `[[contradictions]]`
/// entries, in any order, with any spacing, comments and strings) is parsed one entry at a
/// time: the TOML parser keeps tokens and events for the whole text it is given, about twenty
/// times the text's size, which at 250,000 events was most of a gigabyte. Anything else
/// (entries written as arrays in the head, a `[dataset]` table after the entries, a syntax
/// error) is parsed whole, so the result and every message are the same either way; but only
/// up to [`MAX_WHOLE_PARSE_BYTES`], past which the reason it cannot be cut is the error.
pub(crate) fn parse(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    let fallback = match split_entries(text) {
        Ok(split) => match parse_entries(origin, text, &split, read_source) {
            Ok(done) => return done,
            Err(f) => f,
        },
        Err(f) => f,
    };
    if text.len() as u64 > MAX_WHOLE_PARSE_BYTES {
        let mut cx = Cx::new(origin, text);
        cx.err(
            &(fallback.at..fallback.at),
            format!(
                "{}: a dataset over {} MiB is read only entry by entry, and reading stopped here",
                fallback.why,
                MAX_WHOLE_PARSE_BYTES >> 20
            ),
            Some("write [dataset] first, then each entry under its own [[sources]], [[factions]], [[places]], [[events]] or [[contradictions]] header".into()),
        );
        return (None, cx.diags);
    }
    parse_whole(origin, text, read_source)
}

/// [`parse`] reading the text whole, never entry by entry: the same result by design (tests
/// compare the two).
pub(crate) fn parse_whole_text(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    parse_whole(origin, text, read_source)
}

/// The dataset from everything read, and every problem in file order.
fn finish(mut cx: Cx, b: Builder, meta: Meta, origin: &str) -> (Option<Dataset>, Vec<Diagnostic>) {
    if b.sources.is_empty() || b.factions.is_empty() {
        cx.err(
            &(0..0),
            "a dataset needs at least one [[sources]] and one [[factions]] entry",
            None,
        );
    }
    let theatre = meta.theatre.unwrap_or_else(|| {
        let mut in_events = vec![false; b.places.len()];
        for e in &b.events {
            if let Some(slot) = in_events.get_mut(e.place.index()) {
                *slot = true;
            }
        }
        meta::derive_theatre(&b.places, &in_events)
    });
    let mut places = b.places;
    for &(i, label_inside) in &b.clips {
        let Some(place) = places.get_mut(i) else {
            continue;
        };
        let clipped = place
            .extent
            .as_deref()
            .and_then(|e| areas::clip_to_theatre(e, &theatre));
        if let Some(shape) = clipped {
            if label_inside && let Some((lon, lat)) = label::label_point(&shape) {
                (place.lon, place.lat) = (lon, lat);
            }
            place.extent = Some(std::sync::Arc::new(shape));
        }
    }
    meta::mark_outside(&mut places, &theatre);
    let dataset = Dataset {
        origin: origin.to_string(),
        id: meta.id,
        name: meta.name,
        description: meta.description,
        start: meta.start,
        end: meta.end,
        claims_lapse_days: meta.claims_lapse_days,
        map: meta.map,
        theatre,
        sources: b.sources,
        factions: b.factions,
        places,
        events: b.events,
        contradictions: b.contradictions,
    };
    cx.diags.sort_by_key(|d| (d.line, d.col));
    (Some(dataset), cx.diags)
}

#[derive(Default)]
struct Builder {
    source_ids: Option<Ids>,
    faction_ids: Option<Ids>,
    place_ids: Option<Ids>,
    event_ids: Option<Ids>,
    contradiction_ids: Option<Ids>,
    sources: Vec<Source>,
    story_refs: Vec<Option<Sp<String>>>,
    factions: Vec<Faction>,
    part_of_refs: Vec<Option<Sp<String>>>,
    places: Vec<Place>,
    place_spans: Vec<Range<usize>>,
    /// Per place: its `aliases` with their spans, checked against the source texts.
    alias_spans: Vec<Vec<Sp<String>>>,
    events: Vec<Event>,
    /// Event quotes still to check: (source, event index, span of the quote).
    pending_quotes: Vec<(SourceId, usize, Range<usize>)>,
    /// Places' `initial` quotes still to check: (source, the quote and its span).
    pending_initial_quotes: Vec<(SourceId, Sp<String>)>,
    contradictions: Vec<Contradiction>,
    /// `kind = "area"` places read so far.
    areas: usize,
    /// Division codes and names to their index in the basemap, built for the first area.
    divisions: Option<areas::DivisionIndex>,
    /// Areas made of a polygon or a disc alone, to cut to the theatre's land once it is known:
    /// (place index, whether its label point was worked out from its extent).
    clips: Vec<(usize, bool)>,
}

fn ids<'a>(slot: &'a mut Option<Ids>, what: &'static str) -> &'a mut Ids {
    slot.get_or_insert_with(|| Ids::new(what))
}
