//! From raw events to the draft: each place resolved (the dataset's, a gazetteer place
//! chosen or abstained on, an area proposed), each actor to a faction id or words to review,
//! each wording of when to its days, ids given, and the report's `[[sources]]` entry made.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::actor::Actor;
use super::extract::{RawEvent, ReportRead};
use super::places::Hit;
use super::tokens::tokenize;
use super::{
    Abstention, Candidate, Draft, DraftEvent, DraftSource, Knowledge, Options, PlaceFrom, PlaceRef,
    Report,
};
use crate::dataset::{Dating, PlaceId};
use crate::geo::gazetteer::{self, fold};
use crate::import::slug;

mod areas;
mod choose;
mod namesakes;
mod proposed;

use choose::Choice;
use proposed::{candidates, new_place};

/// What makes two drafted events the same: place, name, kind, faction and sentence.
type Seen = (Option<String>, String, &'static str, Option<String>, usize);

/// The ids already taken, in the dataset and by the draft.
struct Ids(HashSet<String>);

impl Ids {
    fn take(&mut self, base: &str, fallback: &str) -> String {
        let base = if base.is_empty() { fallback } else { base };
        let mut id = base.to_string();
        let mut n = 1;
        while !self.0.insert(id.clone()) {
            n += 1;
            id = format!("{base}-{n}");
        }
        id
    }
}

/// What a report's places are resolved against.
pub(crate) struct Context<'a> {
    /// The dataset's theatre: ISO codes of its countries.
    pub theatre: Vec<&'a str>,
    /// The countries the report names.
    pub countries: Vec<&'static str>,
    /// Points of places the report names that are already placed.
    pub resolved: Vec<(f64, f64)>,
}

/// The draft of every report.
pub(super) fn assemble(
    k: &Knowledge,
    reports: &[Report],
    options: &Options,
    raws: Vec<(NaiveDate, Option<String>, ReportRead)>,
) -> Draft {
    let ds = &k.loaded.dataset;
    let mut draft = Draft::default();
    let mut source_ids = Ids(ds.sources.iter().map(|s| s.id.clone()).collect());
    let mut place_ids = Ids(ds.places.iter().map(|p| p.id.clone()).collect());
    let mut event_ids = Ids(ds.events.iter().map(|e| e.id.clone()).collect());
    // New places by GeoNames id (or area name), so a place named twice is proposed once.
    let mut new_places: HashMap<String, usize> = HashMap::new();
    for (r, (report, (published, quote, read))) in reports.iter().zip(raws).enumerate() {
        let stem = std::path::Path::new(&report.name)
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let source = source_ids.take(&slug(&stem), "report");
        draft.sources.push(DraftSource {
            id: source.clone(),
            file: format!("sources/{}", report.name),
            outlet: options
                .outlet
                .clone()
                .unwrap_or_else(|| "not stated".into()),
            published,
            published_basis: match &quote {
                Some(q) => format!("The text carries “{q}”."),
                None => "Given with --published when drafting.".into(),
            },
            published_quote: quote,
            sentences: read.sentences,
            report: r,
        });
        let mut ctx = Context {
            theatre: ds
                .theatre
                .iter()
                .map(String::as_str)
                .filter(|c| c.len() == 2)
                .collect(),
            countries: read.countries.clone(),
            resolved: read
                .events
                .iter()
                .filter_map(|e| match e.place {
                    // A name several places bear places nothing until one is chosen.
                    Hit::Dataset(p) if !k.namesakes.contains_key(&p) => {
                        let p = ds.place(p);
                        (!p.is_area()).then_some((p.lon, p.lat))
                    }
                    _ => None,
                })
                .collect(),
        };
        let mut seen: HashSet<Seen> = HashSet::new();
        for raw in read.events {
            let Some(place) = resolve_place(
                k,
                &report.text,
                &raw,
                &mut ctx,
                &mut draft,
                &mut new_places,
                &mut place_ids,
                &source,
            ) else {
                continue;
            };
            let ev = event(
                k,
                report,
                r,
                &source,
                published,
                options,
                raw,
                place,
                &mut event_ids,
            );
            let key = (
                ev.place.id.clone(),
                ev.place.name.clone(),
                ev.kind.as_str(),
                ev.faction.clone(),
                ev.span.0,
            );
            if seen.insert(key) {
                draft.events.push(ev);
            }
        }
    }
    draft
}

/// Note an abstention once per name, report and line.
fn abstain(draft: &mut Draft, a: Abstention) {
    let seen = draft
        .abstained
        .iter()
        .any(|b| b.name == a.name && b.source == a.source && b.line == a.line);
    if !seen {
        draft.abstained.push(a);
    }
}

/// A mention drafting cannot place for sure between `candidates`: the abstention noted, and
/// the mention kept unplaced, at low confidence, for the reader to choose.
fn unsure(
    draft: &mut Draft,
    raw: &RawEvent,
    source: &str,
    candidates: Vec<Candidate>,
    why: String,
    from: PlaceFrom,
) -> (PlaceRef, f32) {
    abstain(
        draft,
        Abstention {
            name: raw.place_words.clone(),
            source: source.to_string(),
            line: raw.line,
            candidates,
            why,
        },
    );
    let unplaced = PlaceRef {
        id: None,
        name: raw.place_words.clone(),
        lat: None,
        lon: None,
        from,
    };
    (unplaced, 0.3)
}

/// A drafted event from a raw one and its resolved place.
#[expect(
    clippy::too_many_arguments,
    reason = "the report, the raw event and its resolved place, and the ids and options of the draft"
)]
fn event(
    k: &Knowledge,
    report: &Report,
    r: usize,
    source: &str,
    published: NaiveDate,
    options: &Options,
    raw: RawEvent,
    (place, place_confidence): (PlaceRef, f32),
    ids: &mut Ids,
) -> DraftEvent {
    let ds = &k.loaded.dataset;
    let (faction, actor_text) = match &raw.actor {
        Actor::Faction(f, _) => (Some(ds.faction(*f).id.clone()), None),
        Actor::Text(t) => (None, Some(t.clone())),
        Actor::Unknown => (None, None),
    };
    let (when, dating) = match &raw.date {
        Some(d) => (d.wording.clone(), d.dating),
        None => (
            crate::dataset::dates::NOT_STATED.to_string(),
            Dating::range(ds.start.min(published), published, None),
        ),
    };
    let base = format!(
        "{source}-{}",
        place
            .id
            .as_deref()
            .map_or_else(|| slug(&place.name), str::to_string)
    );
    let cites = raw.cites.filter(|c| {
        options
            .outlet
            .as_deref()
            .is_none_or(|o| !o.eq_ignore_ascii_case(c))
    });
    let confidence = (raw.confidence - (1.0 - place_confidence) * 0.5).clamp(0.05, 0.95);
    let mut alternates: Vec<String> = raw
        .others
        .iter()
        .map(|f| format!("actor {}", ds.faction(*f).id))
        .collect();
    if place.from == PlaceFrom::Gazetteer && place.id.is_some() {
        alternates.push("place: see its new [[places]] entry for the others it could be".into());
    }
    DraftEvent {
        id: ids.take(&base, "event"),
        place,
        kind: raw.kind,
        faction,
        actor_text,
        from_faction: raw.from.map(|f| ds.faction(f).id.clone()),
        when,
        earliest: dating.earliest,
        latest: dating.latest,
        likely: dating.likely,
        quote: report.text[raw.span.0..raw.span.1].to_string(),
        source: source.to_string(),
        line: raw.line,
        said_by: raw
            .said_by
            .iter()
            .map(|f| ds.faction(*f).id.clone())
            .collect(),
        cites,
        qualifier: raw.qualifier,
        confidence: (confidence * 100.0).round() / 100.0,
        why: raw.why,
        alternates,
        span: raw.span,
        report: r,
    }
}

fn dataset_ref(k: &Knowledge, p: PlaceId) -> PlaceRef {
    let place = k.loaded.dataset.place(p);
    PlaceRef {
        id: Some(place.id.clone()),
        name: place.name.clone(),
        lat: (!place.is_area()).then_some(place.lat),
        lon: (!place.is_area()).then_some(place.lon),
        from: PlaceFrom::Dataset,
    }
}

/// The place of a raw event, and how sure drafting is of it.
#[expect(
    clippy::too_many_arguments,
    reason = "the mention, the report's context, and the draft that a new place joins"
)]
#[expect(clippy::too_many_lines, reason = "one arm per kind of place mention")]
fn resolve_place(
    k: &Knowledge,
    text: &str,
    raw: &RawEvent,
    ctx: &mut Context<'_>,
    draft: &mut Draft,
    new_places: &mut HashMap<String, usize>,
    ids: &mut Ids,
    source: &str,
) -> Option<(PlaceRef, f32)> {
    Some(match &raw.place {
        Hit::Dataset(p) => {
            let parents = parent_words(text, raw.span);
            match namesakes::meant(k, *p, &raw.place_words, &parents, &ctx.resolved) {
                namesakes::Meant::One(q) => (dataset_ref(k, q), 1.0),
                namesakes::Meant::Unsure(group, why) => {
                    let candidates = namesakes::candidates(k, &group);
                    unsure(draft, raw, source, candidates, why, PlaceFrom::Dataset)
                }
            }
        }
        Hit::Unknown(name) => {
            // Spelled otherwise than GeoNames: a close spelling in the theatre, else nothing.
            let cands: Vec<gazetteer::Candidate> = ctx
                .theatre
                .iter()
                .flat_map(|cc| gazetteer::gazetteer().search(name, Some(cc)))
                .filter(|c| c.edits <= 2)
                .collect();
            if cands.is_empty() {
                let written = if raw.spelled { &raw.place_words } else { name };
                abstain(draft, Abstention {
                    name: written.clone(),
                    source: source.to_string(),
                    line: raw.line,
                    candidates: Vec::new(),
                    why: "not in the gazetteer (places of 1,000 people or more), nor a name one or two letters off in the theatre: give its coordinates".into(),
                });
                return Some((
                    PlaceRef {
                        id: None,
                        name: written.clone(),
                        lat: None,
                        lon: None,
                        from: PlaceFrom::Gazetteer,
                    },
                    0.3,
                ));
            }
            let fuzzy = RawEvent {
                place: Hit::Gazetteer(cands),
                ..raw.clone()
            };
            let (place, c) = resolve_place(k, text, &fuzzy, ctx, draft, new_places, ids, source)?;
            (place, c - 0.15)
        }
        Hit::Gazetteer(cands) => {
            let own = fold(&raw.place_words);
            let mut parents = parent_words(text, raw.span);
            for level in &mut parents {
                level.retain(|p| !own.contains(p.as_str()));
            }
            match choose::choose(cands, ctx, &parents) {
                Choice::Pick {
                    index,
                    why,
                    confidence,
                } => {
                    let c = &cands[index];
                    if let Some(&p) = k.by_geonames.get(&c.entry.geonames_id) {
                        return Some((dataset_ref(k, p), 1.0));
                    }
                    ctx.resolved.push((c.entry.lon, c.entry.lat));
                    let key = format!("geonames:{}", c.entry.geonames_id);
                    let words = if raw.spelled {
                        raw.place_words.as_str()
                    } else {
                        c.entry.name
                    };
                    let i = *new_places.entry(key).or_insert_with(|| {
                        draft
                            .places
                            .push(new_place(k, c, words, ids, why, confidence, cands));
                        draft.places.len() - 1
                    });
                    let np = &mut draft.places[i];
                    if raw.spelled
                        && fold(words) != fold(&np.name)
                        && !np.aliases.iter().any(|a| a == words)
                    {
                        np.aliases.push(words.to_string());
                    }
                    (
                        PlaceRef {
                            id: Some(np.id.clone()),
                            name: np.name.clone(),
                            lat: np.lat,
                            lon: np.lon,
                            from: PlaceFrom::Gazetteer,
                        },
                        np.confidence,
                    )
                }
                Choice::Abstain(why) => unsure(
                    draft,
                    raw,
                    source,
                    candidates(cands),
                    why,
                    PlaceFrom::Gazetteer,
                ),
            }
        }
        Hit::Compass(dir, country) => areas::compass(
            k,
            ctx,
            draft,
            new_places,
            ids,
            dir,
            *country,
            &raw.place_words,
        ),
        Hit::Around(inner) => {
            // The place itself is only where the area is: not proposed as an entry.
            let of = match &**inner {
                Hit::Gazetteer(cands) => {
                    match choose::choose(cands, ctx, &parent_words(text, raw.span)) {
                        Choice::Pick { index, .. } => {
                            let e = &cands[index].entry;
                            match k.by_geonames.get(&e.geonames_id) {
                                Some(&p) => dataset_ref(k, p),
                                None => PlaceRef {
                                    id: None,
                                    name: e.name.to_string(),
                                    lat: Some(e.lat),
                                    lon: Some(e.lon),
                                    from: PlaceFrom::Gazetteer,
                                },
                            }
                        }
                        Choice::Abstain(_) => return None,
                    }
                }
                other => {
                    let inner_raw = RawEvent {
                        place: other.clone(),
                        spelled: false,
                        ..raw.clone()
                    };
                    resolve_place(k, text, &inner_raw, ctx, draft, new_places, ids, source)?.0
                }
            };
            areas::around(k, draft, new_places, ids, &of, &raw.place_words, 0.8)
        }
        Hit::Anaphor | Hit::Capital => (
            PlaceRef {
                id: None,
                name: raw.place_words.clone(),
                lat: None,
                lon: None,
                from: PlaceFrom::Gazetteer,
            },
            0.2,
        ),
    })
}

/// Capitalised words and their pairs, folded: the parents a report may name ("in
/// Zaporizhzhia oblast", "Kherson, Ukraine"): first the sentence's, then those of the
/// headings among the three lines before it, nearest first (a heading, "Lyman, Donetsk
/// Oblast", names the parent of the place the next sentence calls "the town").
fn parent_words(text: &str, (a, b): (usize, usize)) -> Vec<Vec<String>> {
    let mut spans = vec![(a, b)];
    let mut end = a;
    for _ in 0..3 {
        if end == 0 {
            break;
        }
        let start = text[..end.saturating_sub(1)]
            .rfind('\n')
            .map_or(0, |i| i + 1);
        // Only a heading counts (a line that is no sentence: "Lyman, Donetsk Oblast"); a
        // region a sentence lines before names for another place decides nothing here.
        let line = text[start..end].trim();
        let sentence = line.ends_with(['.', '!', '?', '…', '"', '”']);
        if !sentence && line.split_whitespace().count() < 8 {
            spans.push((start, end));
        }
        end = start;
    }
    spans
        .into_iter()
        .map(|(a, b)| {
            let toks = tokenize(text, a, b);
            let caps: Vec<usize> = (0..toks.len())
                .filter(|&i| toks[i].cap && toks[i].is_wordlike())
                .collect();
            let mut out: Vec<String> = caps.iter().map(|&i| toks[i].fold.clone()).collect();
            for w in caps.windows(2) {
                if w[1] == w[0] + 1 {
                    out.push(format!("{}{}", toks[w[0]].fold, toks[w[1]].fold));
                }
            }
            out.retain(|w| w.len() >= 4);
            out
        })
        .collect()
}
