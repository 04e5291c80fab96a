//! The timeline's control rules (`timeline::transition`) for the factions an import makes,
//! none of which is part of another: the import replays each place's rows through them to
//! write only events the timeline accepts.

use super::{Report, Row, RowNote};
use crate::dataset::EventKind;

/// A place's status, as in the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Status {
    Held,
    Contested,
    Claimed,
    Disputed,
}

/// A place's control state while its rows are replayed.
#[derive(Debug, Clone)]
pub(super) struct Sim {
    pub holder: Option<usize>,
    pub status: Status,
    others: Vec<usize>,
    by_capture: bool,
    previous: Option<usize>,
}

impl Sim {
    /// Nobody holds the place before its first row (an import knows no earlier holder).
    pub fn new() -> Sim {
        Sim {
            holder: None,
            status: Status::Held,
            others: Vec::new(),
            by_capture: false,
            previous: None,
        }
    }

    fn add_other(&mut self, f: usize) {
        if !self.others.contains(&f) {
            self.others.push(f);
        }
    }

    /// Apply an event; `Err` where the timeline would refuse it (the state is then unchanged).
    pub fn apply(
        &mut self,
        kind: EventKind,
        f: Option<usize>,
        from: Option<usize>,
    ) -> Result<(), ()> {
        let Some(f) = f else {
            return if kind.needs_faction() {
                Err(())
            } else {
                Ok(())
            };
        };
        let own = self.holder == Some(f);
        match kind {
            EventKind::Captured if own => match self.status {
                Status::Held if !self.by_capture => return Err(()),
                Status::Held | Status::Disputed => {}
                Status::Contested | Status::Claimed => {
                    self.status = Status::Held;
                    self.others.clear();
                    self.by_capture = true;
                }
            },
            EventKind::Captured => {
                if self.status == Status::Disputed && self.others.contains(&f) {
                    return Ok(());
                }
                if let Some(from) = from
                    && self.holder != Some(from)
                {
                    let lost_to_holder = self.by_capture && self.previous == Some(from);
                    if !(lost_to_holder && matches!(self.status, Status::Held | Status::Disputed)) {
                        return Err(());
                    }
                    self.status = Status::Disputed;
                    self.add_other(f);
                    return Ok(());
                }
                self.previous = self.holder;
                self.holder = Some(f);
                self.status = Status::Held;
                self.others.clear();
                self.by_capture = true;
            }
            EventKind::Contested if own => return Err(()),
            EventKind::Contested => {
                if self.status == Status::Held {
                    self.others.clear();
                }
                if matches!(self.status, Status::Held | Status::Claimed) {
                    self.status = Status::Contested;
                }
                self.add_other(f);
            }
            EventKind::Claimed if own => {}
            EventKind::Claimed => {
                if self.status == Status::Held {
                    self.status = Status::Claimed;
                    self.others.clear();
                }
                self.add_other(f);
            }
            _ => {}
        }
        Ok(())
    }
}

/// The event a row becomes, given the state so far: the row as it is if the control rules
/// accept it, else the nearest form they do, with a note and a caveat saying so.
#[allow(clippy::too_many_arguments)]
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
    if sim.apply(kind, f, from).is_ok() {
        return (kind, from);
    }
    let holder = sim
        .holder
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
        if sim.apply(k, f, from).is_ok() {
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
