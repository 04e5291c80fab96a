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
pub(super) fn assemble(mut rows: Vec<Row>, file: &str, report: &mut Report) -> Built {
    let mut places = places(&rows);
    report.caveats.append(&mut places.merged);
    report.caveats.extend(swapped(&places.out));
    let mut built = Assembly::new(&mut rows);
    // Place by place, day by day, in the order of the rows: each place replayed on its own.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| (places.of_row[i], rows[i].date, rows[i].line));
    for group in order.chunk_by(|&a, &b| places.of_row[a] == places.of_row[b]) {
        let place = &places.out[places.of_row[group[0]]];
        let mut sim = Sim::new();
        for day in group.chunk_by(|&a, &b| rows[a].date == rows[b].date) {
            let at = Day {
                place: places.of_row[group[0]],
                id: &place.id,
                name: &place.name,
                date: rows[day[0]].date,
                file,
            };
            built.day(&rows, day, &at, &mut sim, report);
        }
    }
    built.finish(places.out, report)
}

/// What the import has made so far, and the indices that find it again.
struct Assembly {
    /// Each row's quote, moved once into its event.
    quotes: Vec<String>,
    factions: Vec<String>,
    faction_index: HashMap<String, usize>,
    sources: Vec<SourceOut>,
    source_index: HashMap<String, usize>,
    event_ids: Unique,
    /// Each event with its sort key: its date, its place, and the order it was replayed in.
    events: Vec<(NaiveDate, usize, usize, EventOut)>,
    /// Each contradiction with the indices of its events in `events`.
    contradictions: Vec<(Vec<usize>, ContradictionOut)>,
    contradiction_ids: Unique,
}

/// A row's account of who held the place on a day whose rows disagree on it.
struct Account {
    line: u64,
    source: String,
    faction: Option<usize>,
    /// Its event's index in [`Assembly::events`].
    event: usize,
}

/// A day's rows of one place: who the rows say captured it, and the contradiction if they
/// name more than one.
struct Disagreement {
    captors: Vec<usize>,
    /// The holder before the day.
    before: Option<usize>,
    /// The contradiction's id, when the rows name more than one captor.
    id: Option<String>,
}

impl Assembly {
    fn new(rows: &mut [Row]) -> Self {
        Assembly {
            quotes: rows
                .iter_mut()
                .map(|r| std::mem::take(&mut r.quote))
                .collect(),
            factions: Vec::new(),
            faction_index: HashMap::new(),
            sources: Vec::new(),
            source_index: HashMap::new(),
            event_ids: Unique::default(),
            events: Vec::with_capacity(rows.len()),
            contradictions: Vec::new(),
            contradiction_ids: Unique::default(),
        }
    }

    /// The events of one place's rows of one day, replayed through `sim`; the day's
    /// contradiction if its rows name different captors.
    fn day(
        &mut self,
        rows: &[Row],
        day: &[usize],
        at: &Day<'_>,
        sim: &mut Sim,
        report: &mut Report,
    ) {
        // The day's factions first: a faction beyond the limit makes its rows context.
        let faction_of: Vec<Option<usize>> = day
            .iter()
            .map(|&r| self.factions_of(&rows[r], report))
            .collect();
        let mut captors: Vec<usize> = Vec::new();
        for (k, &r) in day.iter().enumerate() {
            if let (EventKind::Captured, Some(f)) = (rows[r].event, faction_of[k])
                && !captors.contains(&f)
            {
                captors.push(f);
            }
        }
        let id = (captors.len() >= 2).then(|| {
            self.contradiction_ids
                .take(&format!("{}-{}", at.id, at.date), "contradiction")
        });
        let disagreement = Disagreement {
            captors,
            before: sim.holder(),
            id,
        };
        let mut accounts = Vec::new();
        for (k, &r) in day.iter().enumerate() {
            let account = self.event(rows, r, faction_of[k], at, &disagreement, sim, report);
            accounts.extend(account);
        }
        if let Some(id) = disagreement.id {
            self.contradictions.push(day_contradiction(
                id,
                at,
                &accounts,
                &self.factions,
                sim.status(),
            ));
        }
    }

    /// The row's faction (and its `from`'s), added on first sight; `None` for a faction
    /// beyond the limit, with a caveat.
    fn factions_of(&mut self, row: &Row, report: &mut Report) -> Option<usize> {
        let f = self.faction(row.faction.as_ref(), row.line, report);
        if row.from.is_some() && f.is_some() {
            self.faction(row.from.as_ref(), row.line, report);
        }
        f
    }

    fn faction(&mut self, name: Option<&String>, line: u64, report: &mut Report) -> Option<usize> {
        let name = name?;
        if let Some(&f) = self.faction_index.get(name) {
            return Some(f);
        }
        if self.factions.len() == MAX_FACTIONS {
            report.caveats.push(RowNote {
                line,
                message: format!("`{name}` would be faction number {}; frontline tells at most {MAX_FACTIONS} apart, so the row is imported as context and changes no control", MAX_FACTIONS + 1),
            });
            return None;
        }
        self.faction_index.insert(name.clone(), self.factions.len());
        self.factions.push(name.clone());
        Some(self.factions.len() - 1)
    }

    /// Row `r`'s event, fitted to the place's state in `sim`; its account of who held the
    /// place if it is one of a day's disagreeing captures.
    #[expect(
        clippy::too_many_arguments,
        reason = "the row, the day it belongs to and the state it is replayed on"
    )]
    fn event(
        &mut self,
        rows: &[Row],
        r: usize,
        f: Option<usize>,
        at: &Day<'_>,
        day: &Disagreement,
        sim: &mut Sim,
        report: &mut Report,
    ) -> Option<Account> {
        let row = &rows[r];
        let mut kind = if f.is_none() && row.event.needs_faction() {
            EventKind::Other
        } else {
            row.event
        };
        let mut from = row
            .from
            .as_ref()
            .and_then(|n| self.faction_index.get(n).copied())
            .filter(|_| f.is_some());
        let mut notes: Vec<String> = Vec::new();
        let is_held = kind == EventKind::Captured;
        if let (true, Some(c)) = (is_held, &day.id) {
            // Rows disagree on who holds it this day: keep every account.
            match day.before {
                Some(p) if !day.captors.contains(&p) => from = Some(p),
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
                    message: format!("imported as `{}`: other rows name another holder of {} on {} (contradiction `{c}`)", kind.as_str(), at.name, row.date),
                });
            }
            notes.push(format!(
                "Rows disagree on who held it on {}: see contradiction `{c}`.",
                row.date
            ));
        }
        let (kind, from) = fit(sim, kind, f, from, row, &self.factions, report, &mut notes);
        let source = source_of(&mut self.sources, &mut self.source_index, row);
        let s = &mut self.sources[source];
        s.published = s.published.max(row.date);
        s.quotes.push((row.line, self.events.len()));
        let id = self.event_ids.take(
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
        let index = self.events.len();
        self.events.push((
            row.date,
            at.place,
            index + 1,
            EventOut {
                id,
                place: at.place,
                kind,
                faction: f,
                from,
                source,
                date: row.date,
                earliest: row.earliest,
                quote: std::mem::take(&mut self.quotes[r]),
                note,
            },
        ));
        (is_held && day.id.is_some()).then(|| Account {
            line: row.line,
            source: row.source.clone(),
            faction: f,
            event: index,
        })
    }

    /// The dataset: events in date order, sources named, the report's counts.
    fn finish(mut self, places: Vec<PlaceOut>, report: &mut Report) -> Built {
        let (events, contradictions) =
            in_date_order(self.events, self.contradictions, &mut self.sources);
        let mut source_ids = Unique::default();
        for (name, &i) in sorted(&self.source_index) {
            self.sources[i].id = source_ids.take(&slug(name), "source");
        }
        let start = events
            .iter()
            .map(|e| e.earliest.unwrap_or(e.date))
            .min()
            .unwrap_or_default();
        let end = events.iter().map(|e| e.date).max().unwrap_or_default();
        report.events = events.len();
        report.places = places.len();
        report.factions = self.factions.len();
        report.sources = self.sources.len();
        report.contradictions = contradictions.len();
        Built {
            start,
            end,
            map: map_area(&places),
            sources: self.sources,
            factions: self.factions,
            places,
            events,
            contradictions,
            rows: report.rows,
        }
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
    id: &'a str,
    name: &'a str,
    date: NaiveDate,
    file: &'a str,
}

/// The contradiction of a day whose rows name different holders: every account, and how
/// the place is shown; with the indices of its events (among those made so far).
fn day_contradiction(
    id: String,
    day: &Day<'_>,
    accounts: &[Account],
    factions: &[String],
    status: Status,
) -> (Vec<usize>, ContradictionOut) {
    let words: Vec<String> = accounts
        .iter()
        .map(|a| {
            format!(
                "line {} ({}) says {} held it",
                a.line,
                a.source,
                a.faction.map_or("?", |f| factions[f].as_str())
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
        accounts.iter().map(|a| a.event).collect(),
        ContradictionOut {
            id,
            place: day.place,
            topic: format!("Who held {} on {}?", day.name, day.date),
            summary: format!(
                "The rows of {} disagree: {}. Shown as {shown}.",
                day.file,
                words.join("; ")
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
