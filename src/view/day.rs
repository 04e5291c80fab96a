//! What a day shows, in the groups every view lists it in: the changes dated to that day; the
//! other events dated to it; the changes that day's reports settle without dating them to it;
//! and everything else those reports say without a day of its own ("also reported in that
//! day's reports"). The day panel, the picture's legend and the Markdown report all use this.

use chrono::NaiveDate;

use crate::dataset::{EventId, PlaceId, SourceId};
use crate::loaded::Loaded;

use super::words;

/// Statements of one report day that name no day, grouped by place and what they say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Mention {
    /// The place.
    pub place: PlaceId,
    /// What they say happened ([`words::event_summary`]).
    pub summary: String,
    /// Who states it ([`words::event_status`]).
    pub status: String,
    /// The sources saying it, in dataset order.
    pub sources: Vec<SourceId>,
    /// The events, in timeline order.
    pub events: Vec<EventId>,
}

/// One day's news, grouped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Day {
    /// The day.
    pub date: NaiveDate,
    /// Places whose state changed by an event dated to this day (exactly or most likely).
    pub changed: Vec<PlaceId>,
    /// The events dated to this day: those of changed places first, then the rest.
    pub dated: Vec<EventId>,
    /// Places whose state this day's reports change without dating the change to the day:
    /// it happened some time between its earliest possible day and this one.
    pub settled: Vec<PlaceId>,
    /// Everything else this day's reports say without a day of its own, grouped.
    pub also: Vec<Mention>,
}

impl Day {
    /// The groups of `date`.
    pub(crate) fn of(loaded: &Loaded, date: NaiveDate) -> Day {
        let ds = &loaded.dataset;
        let tl = &loaded.timeline;
        let changed = tl.changed_on(date);
        let mut dated = tl.events_on(date).to_vec();
        dated.sort_by_key(|e| !changed.contains(&ds.event(*e).place));
        let settled = tl.settled_on(date);
        let mut also: Vec<Mention> = Vec::new();
        for &id in tl.reported_on(date) {
            let ev = ds.event(id);
            let summary = words::event_summary(ds, ev);
            let status = words::event_status(ds, ev);
            match also
                .iter_mut()
                .find(|m| m.place == ev.place && m.summary == summary && m.status == status)
            {
                Some(m) => {
                    if !m.sources.contains(&ev.source) {
                        m.sources.push(ev.source);
                        m.sources.sort_unstable();
                    }
                    m.events.push(id);
                }
                None => also.push(Mention {
                    place: ev.place,
                    summary,
                    status,
                    sources: vec![ev.source],
                    events: vec![id],
                }),
            }
        }
        // The mentions of places whose state they settle first.
        also.sort_by_key(|m| !settled.contains(&m.place));
        Day {
            date,
            changed,
            dated,
            settled,
            also,
        }
    }

    /// The number of events in this day's groups.
    pub(crate) fn event_count(&self) -> usize {
        self.dated.len() + self.also.iter().map(|m| m.events.len()).sum::<usize>()
    }
}
