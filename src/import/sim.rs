//! The import's replay of each place's rows through the timeline's control rules
//! ([`Replay`], the rules of `timeline::transition`), for the factions an import makes, none
//! of which is part of another; and what a row the rules refuse becomes instead.

use super::{Report, Row, RowNote};
use crate::dataset::{Dating, Event, EventKind, FactionId, Loc, PlaceId, SourceId};
use crate::timeline::{Replay, Sides, Status};

/// The factions of an import, by index: each is only itself, and each is named.
struct Factions<'a>(&'a [String]);

impl Sides for Factions<'_> {
    fn is_within(&self, inner: FactionId, outer: FactionId) -> bool {
        inner == outer
    }
    fn is_vague(&self, _: FactionId) -> bool {
        false
    }
    fn faction_id(&self, f: FactionId) -> &str {
        self.0.get(f.index()).map_or("?", String::as_str)
    }
    fn dating(&self, _: crate::dataset::EventId) -> Option<Dating> {
        None
    }
}

/// A place's control state while its rows are replayed.
#[derive(Debug, Clone, Default)]
pub(super) struct Sim {
    replay: Replay,
}

impl Sim {
    /// Nobody holds the place before its first row (an import knows no earlier holder).
    pub(crate) fn new() -> Sim {
        Sim::default()
    }

    /// Who holds the place (a faction's index).
    pub(crate) fn holder(&self) -> Option<usize> {
        self.replay.holder().map(FactionId::index)
    }

    /// How firmly.
    pub(crate) fn status(&self) -> Status {
        self.replay.status()
    }

    /// Apply a row's event; `Err` where the timeline would refuse it (the state is then
    /// unchanged).
    fn apply(
        &mut self,
        factions: &[String],
        row: &Row,
        kind: EventKind,
        f: Option<usize>,
        from: Option<usize>,
    ) -> Result<(), ()> {
        let Some(f) = f else {
            // The loader refuses a faction's kind without its faction.
            return if kind.needs_faction() {
                Err(())
            } else {
                Ok(())
            };
        };
        let id = |i: usize| FactionId(i as u32);
        let ev = Event {
            id: String::new(),
            date: row.date,
            dating: Dating {
                earliest: row.earliest.unwrap_or(row.date),
                latest: row.date,
                likely: row.earliest.is_none().then_some(row.date),
            },
            when: String::new(),
            place: PlaceId(0),
            kind,
            faction: Some(id(f)),
            from: from.map(id),
            said_by: Vec::new(),
            cites: None,
            qualifier: None,
            source: SourceId(0),
            quote: String::new(),
            note: String::new(),
            loc: Loc::default(),
        };
        self.replay.apply(&Factions(factions), &ev).map_err(|_| ())
    }
}

/// The event a row becomes, given the state so far: the row as it is if the control rules
/// accept it, else the nearest form they do, with a note and a caveat saying so.
#[expect(
    clippy::too_many_arguments,
    reason = "the row, its factions as resolved, the replay it is fitted to, and where notes go"
)]
pub(super) fn fit(
    sim: &mut Sim,
    kind: EventKind,
    f: Option<usize>,
    from: Option<usize>,
    row: &Row,
    factions: &[String],
    report: &mut Report,
    notes: &mut Vec<String>,
) -> (EventKind, Option<usize>) {
    // Only a capture says from whom (a row turned into a claim loses its `from`).
    let from = from.filter(|_| kind == EventKind::Captured);
    if sim.apply(factions, row, kind, f, from).is_ok() {
        return (kind, from);
    }
    let holder = sim
        .holder()
        .map_or("nobody".to_string(), |h| format!("`{}`", factions[h]));
    let name = |f: Option<usize>| f.map_or("?", |f| factions[f].as_str());
    let (tries, why): (&[(EventKind, bool)], String) = match kind {
        EventKind::Captured if from.is_some() => (
            &[(EventKind::Captured, false), (EventKind::Claimed, false)],
            format!(
                "the row says `{}` took it from `{}`, but by the rows before it {holder} held it; imported without `from`",
                name(f),
                name(from)
            ),
        ),
        EventKind::Captured => (
            &[(EventKind::Claimed, false)],
            format!(
                "the row says `{}` took it, which by the rows before it already held it uncontested; imported as a claim",
                name(f)
            ),
        ),
        EventKind::Contested => (
            &[(EventKind::Other, false)],
            format!(
                "the row has `{}` contesting a place it holds by the rows before it; imported as context",
                name(f)
            ),
        ),
        _ => (
            &[(EventKind::Other, false)],
            "imported as context".to_string(),
        ),
    };
    for &(k, keep_from) in tries {
        let from = if keep_from { from } else { None };
        if sim.apply(factions, row, k, f, from).is_ok() {
            report.caveats.push(RowNote {
                line: row.line,
                message: why.clone(),
            });
            notes.push(format!("frontline import: {why}."));
            return (k, from);
        }
    }
    report.caveats.push(RowNote {
        line: row.line,
        message: format!("{why}; kept as context"),
    });
    notes.push(format!("frontline import: {why}; kept as context."));
    (EventKind::Other, None)
}
