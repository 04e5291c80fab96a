//! Loading a dataset file into the model, checking everything on the way.
//!
//! Every problem is collected as a [`Diagnostic`] with its `file:line:col`; loading fails
//! if there is any, and reports them all at once.
//!
//! Each kind of entry is read in its own module, and the checks that need a whole kind are in
//! `checks`; what they all write to, the `Builder` and its `Ids`, is here.

mod checks;
mod contradictions;
mod events;
mod factions;
mod meta;
mod places;
mod sources;
mod split;

use std::collections::HashMap;
use std::ops::Range;

use super::diag::Diagnostic;
use super::fields::{Cx, Sp, closest_word};
use super::model::{Contradiction, Dataset, Event, Faction, Place, Source, SourceId};
use meta::Meta;
use split::{parse_entries, parse_whole, split_entries};

pub use factions::MAX_FACTIONS;

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
        let known: Vec<&str> = self.names.iter().map(String::as_str).collect();
        let hint = match closest_word(id, &known) {
            Some(k) => format!("did you mean `{k}`?"),
            None if known.len() <= 12 => format!("known {} ids: {}", self.what, known.join(", ")),
            None => format!("there are {} {} ids; none is close", known.len(), self.what),
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
/// A file laid out as `frontline gen` and hand-written datasets usually are (the `[dataset]`
/// table, then `[[sources]]`, `[[factions]]`, `[[places]]`, `[[events]]` and
/// `[[contradictions]]` entries in that order) is parsed one entry at a time: the TOML parser
/// keeps tokens and events for the whole text it is given, about twenty times the text's
/// size, which at 250,000 events was most of a gigabyte. Anything else, or any entry the
/// parser does not accept as one table on its own, is parsed whole, so the result and every
/// message are the same either way.
pub fn parse(
    origin: &str,
    text: &str,
    read_source: &dyn Fn(&str) -> Result<String, String>,
) -> (Option<Dataset>, Vec<Diagnostic>) {
    if let Some(split) = split_entries(text)
        && let Some(done) = parse_entries(origin, text, &split, read_source)
    {
        return done;
    }
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
    let dataset = Dataset {
        origin: origin.to_string(),
        id: meta.id,
        name: meta.name,
        description: meta.description,
        start: meta.start,
        end: meta.end,
        map: meta.map,
        theatre,
        sources: b.sources,
        factions: b.factions,
        places: b.places,
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
    events: Vec<Event>,
    /// Event quotes still to check: (source, event index, span of the quote).
    pending_quotes: Vec<(SourceId, usize, Range<usize>)>,
    contradictions: Vec<Contradiction>,
}

fn ids<'a>(slot: &'a mut Option<Ids>, what: &'static str) -> &'a mut Ids {
    slot.get_or_insert_with(|| Ids::new(what))
}
