//! Rows to a dataset: places (one per name and position), factions, sources, and events
//! replayed place by place through the control rules, with contradictions kept.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use super::places::{PlaceOut, map_area, places, swapped};
use super::rows::slug;
use super::sim::{Sim, fit};
use super::{Report, Row, RowNote};
use crate::dataset::{EventKind, MAX_FACTIONS};
use crate::geo::MapArea;
use crate::timeline::Status;

/// One event to write.
pub(super) struct EventOut {
    pub id: String,
    pub place: usize,
    pub kind: EventKind,
    pub faction: Option<usize>,
    pub from: Option<usize>,
    pub source: usize,
    /// The day; for a range, its last day.
    pub date: NaiveDate,
    /// For a date known only to a range: its first day.
    pub earliest: Option<NaiveDate>,
    pub quote: String,
    pub note: String,
}

/// One source to write: its events' quotes make its text.
pub(super) struct SourceOut {
    pub id: String,
    /// The row's `source` as given.
    pub name: String,
    pub outlet: String,
    pub published: NaiveDate,
    /// (line of the row, index of its event in [`Built::events`]).
    pub quotes: Vec<(u64, usize)>,
}

/// One contradiction to write.
pub(super) struct ContradictionOut {
    pub id: String,
    pub place: usize,
    pub topic: String,
    pub summary: String,
    pub events: Vec<usize>,
}

/// Everything `write` needs.
pub(super) struct Built {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub map: MapArea,
    pub sources: Vec<SourceOut>,
    pub factions: Vec<String>,
    pub places: Vec<PlaceOut>,
    pub events: Vec<EventOut>,
    pub contradictions: Vec<ContradictionOut>,
    pub rows: usize,
}

/// Ids made unique by a numbered suffix.
#[derive(Default)]
pub(super) struct Unique(HashSet<String>);

impl Unique {
    /// `base`, or `fallback` if it is empty, with `-2`, `-3`... if already taken.
    pub(super) fn take(&mut self, base: &str, fallback: &str) -> String {
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

/// Assemble the dataset; notes about rows go into `report`.
#[expect(
    clippy::too_many_lines,
    reason = "the import's steps in order over one set of rows"
)]
pub(super) fn assemble(mut rows: Vec<Row>, file: &str, report: &mut Report) -> Built {
    let mut places = places(&rows);
    report.caveats.append(&mut places.merged);
    report.caveats.extend(swapped(&places.out));
    // Each quote moves once, into its event.
    let mut quotes: Vec<String> = rows
        .iter_mut()
        .map(|r| std::mem::take(&mut r.quote))
        .collect();
    let mut factions: Vec<String> = Vec::new();
    let mut faction_index: HashMap<String, usize> = HashMap::new();
    let mut sources: Vec<SourceOut> = Vec::new();
    let mut source_index: HashMap<String, usize> = HashMap::new();
    let mut event_ids = Unique::default();
    let mut events: Vec<(NaiveDate, usize, usize, EventOut)> = Vec::with_capacity(rows.len());
    let mut contradictions = Vec::new();
    let mut contradiction_ids = Unique::default();
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (places.of_row[i], rows[i].date, rows[i].line));
    let mut seq = 0usize;
    for group in order.chunk_by(|&a, &b| places.of_row[a] == places.of_row[b]) {
        let place = places.of_row[group[0]];
        let mut sim = Sim::new();
        for day in group.chunk_by(|&a, &b| rows[a].date == rows[b].date) {
            // Resolve the day's factions first: a faction beyond the limit makes its rows context.
            let mut faction_of: Vec<Option<usize>> = Vec::with_capacity(day.len());
            for &r in day {
                let mut id = |name: &Option<String>, report: &mut Report| -> Option<usize> {
                    let name = name.as_ref()?;
                    if let Some(&f) = faction_index.get(name) {
                        return Some(f);
                    }
                    if factions.len() == MAX_FACTIONS {
                        report.caveats.push(RowNote {
                            line: rows[r].line,
                            message: format!("`{name}` would be faction number {}; frontline tells at most {MAX_FACTIONS} apart, so the row is imported as context and changes no control", MAX_FACTIONS + 1),
                        });
                        return None;
                    }
                    faction_index.insert(name.clone(), factions.len());
                    factions.push(name.clone());
                    Some(factions.len() - 1)
                };
                let f = id(&rows[r].faction, report);
                if rows[r].from.is_some() && f.is_some() {
                    id(&rows[r].from, report);
                }
                faction_of.push(f);
            }
            let held: Vec<usize> = {
                let mut h: Vec<usize> = Vec::new();
                for (k, &r) in day.iter().enumerate() {
                    if let (EventKind::Captured, Some(f)) = (rows[r].event, faction_of[k])
                        && !h.contains(&f)
                    {
                        h.push(f);
                    }
                }
                h
            };
            let before = sim.holder();
            let contradiction = held.len() >= 2;
            let cid = contradiction.then(|| {
                contradiction_ids.take(
                    &format!("{}-{}", places.out[place].id, rows[day[0]].date),
                    "contradiction",
                )
            });
            let mut disputed_events = Vec::new();
            for (k, &r) in day.iter().enumerate() {
                let row = &rows[r];
                let f = faction_of[k];
                let from = row
                    .from
                    .as_ref()
                    .and_then(|n| faction_index.get(n).copied());
                let mut kind = if f.is_none() && row.event.needs_faction() {
                    EventKind::Other
                } else {
                    row.event
                };
                let mut from = if f.is_some() { from } else { None };
                let mut notes: Vec<String> = Vec::new();
                let is_held = kind == EventKind::Captured;
                if let (true, Some(c)) = (is_held, &cid) {
                    // Rows disagree on who holds it this day: keep every account.
                    match before {
                        Some(p) if !held.contains(&p) => from = Some(p),
                        Some(p) if f == Some(p) => {
                            if sim.status() != Status::Held {
                                kind = EventKind::Denied;
                            }
                        }
                        _ => kind = EventKind::Claimed,
                    }
                    if kind != EventKind::Captured {
                        report.caveats.push(RowNote {
                            line: row.line,
                            message: format!("imported as `{}`: other rows name another holder of {} on {} (contradiction `{c}`)", kind.as_str(), places.out[place].name, row.date),
                        });
                    }
                    notes.push(format!(
                        "Rows disagree on who held it on {}: see contradiction `{c}`.",
                        row.date
                    ));
                }
                let (kind, from) = fit(&mut sim, kind, f, from, row, &factions, report, &mut notes);
                let source = source_of(&mut sources, &mut source_index, row);
                let s = &mut sources[source];
                s.published = s.published.max(row.date);
                s.quotes.push((row.line, events.len()));
                let id = event_ids.take(
                    &row.id.as_deref().map(slug).unwrap_or_default(),
                    &format!("row-{}", row.line),
                );
                let mut note = row.note.clone();
                for n in notes {
                    if !note.is_empty() {
                        note.push(' ');
                    }
                    note.push_str(&n);
                }
                if is_held && cid.is_some() {
                    disputed_events.push((row.line, row.source.clone(), f, events.len()));
                }
                seq += 1;
                events.push((
                    row.date,
                    place,
                    seq,
                    EventOut {
                        id,
                        place,
                        kind,
                        faction: f,
                        from,
                        source,
                        date: row.date,
                        earliest: row.earliest,
                        quote: std::mem::take(&mut quotes[r]),
                        note,
                    },
                ));
            }
            if let Some(id) = cid {
                let day = Day {
                    place,
                    name: &places.out[place].name,
                    date: rows[day[0]].date,
                    file,
                };
                contradictions.push(day_contradiction(
                    id,
                    &day,
                    &disputed_events,
                    &factions,
                    sim.status(),
                ));
            }
        }
    }
    let (events, contradictions) = in_date_order(events, contradictions, &mut sources);
    let mut source_ids = Unique::default();
    for (name, &i) in sorted(&source_index) {
        sources[i].id = source_ids.take(&slug(name), "source");
    }
    let start = events
        .iter()
        .map(|e| e.earliest.unwrap_or(e.date))
        .min()
        .unwrap_or_default();
    let end = events.iter().map(|e| e.date).max().unwrap_or_default();
    report.events = events.len();
    report.places = places.out.len();
    report.factions = factions.len();
    report.sources = sources.len();
    report.contradictions = contradictions.len();
    Built {
        start,
        end,
        map: map_area(&places.out),
        sources,
        factions,
        places: places.out,
        events,
        contradictions,
        rows: report.rows,
    }
}

/// Where a row's source goes: its index among the sources, added on first sight.
fn source_of(sources: &mut Vec<SourceOut>, index: &mut HashMap<String, usize>, row: &Row) -> usize {
    if let Some(&s) = index.get(&row.source) {
        return s;
    }
    index.insert(row.source.clone(), sources.len());
    sources.push(SourceOut {
        id: String::new(),
        name: row.source.clone(),
        outlet: row.outlet.clone(),
        published: row.date,
        quotes: Vec::new(),
    });
    sources.len() - 1
}

/// The day and place whose rows disagree, for the contradiction's words.
struct Day<'a> {
    place: usize,
    name: &'a str,
    date: NaiveDate,
    file: &'a str,
}

/// The contradiction of a day whose rows name different holders: every account, and how
/// the place is shown; with the indices of its events (among those made so far).
fn day_contradiction(
    id: String,
    day: &Day<'_>,
    disputed_events: &[(u64, String, Option<usize>, usize)],
    factions: &[String],
    status: Status,
) -> (Vec<usize>, ContradictionOut) {
    let accounts: Vec<String> = disputed_events
        .iter()
        .map(|(line, source, f, _)| {
            format!(
                "line {line} ({source}) says {} held it",
                f.map_or("?", |f| factions[f].as_str())
            )
        })
        .collect();
    let shown = match status {
        Status::Disputed => "disputed",
        Status::Claimed => "claimed",
        Status::Contested => "contested",
        Status::Held => "held, with the rival accounts as claims or denials",
    };
    (
        disputed_events.iter().map(|e| e.3).collect(),
        ContradictionOut {
            id,
            place: day.place,
            topic: format!("Who held {} on {}?", day.name, day.date),
            summary: format!(
                "The rows of {} disagree: {}. Shown as {shown}.",
                day.file,
                accounts.join("; ")
            ),
            events: Vec::new(),
        },
    )
}

/// The events by date, so that a place's events keep the order they were replayed in; the
/// contradictions' and the sources' references to them renumbered to match.
fn in_date_order(
    events: Vec<(NaiveDate, usize, usize, EventOut)>,
    contradictions: Vec<(Vec<usize>, ContradictionOut)>,
    sources: &mut [SourceOut],
) -> (Vec<EventOut>, Vec<ContradictionOut>) {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by_key(|&i| (events[i].0, events[i].1, events[i].2));
    let mut position = vec![0usize; events.len()];
    for (n, &i) in order.iter().enumerate() {
        position[i] = n;
    }
    let contradictions: Vec<ContradictionOut> = contradictions
        .into_iter()
        .map(|(evs, mut c)| {
            c.events = evs.iter().map(|&e| position[e]).collect();
            c
        })
        .collect();
    let mut slots: Vec<Option<EventOut>> = events.into_iter().map(|e| Some(e.3)).collect();
    let events: Vec<EventOut> = order.iter().filter_map(|&i| slots[i].take()).collect();
    for s in sources.iter_mut() {
        for q in &mut s.quotes {
            q.1 = position[q.1];
        }
    }
    (events, contradictions)
}

/// `map`'s entries in order of their values (first appearance).
fn sorted(map: &HashMap<String, usize>) -> Vec<(&String, &usize)> {
    let mut v: Vec<_> = map.iter().collect();
    v.sort_by_key(|(_, i)| **i);
    v
}
