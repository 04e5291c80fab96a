//! Events (what a report says happened to a place, and when) and contradictions between them.

use chrono::NaiveDate;
use serde::Serialize;

use super::{EventId, FactionId, Loc, PlaceId, SourceId};

/// When an event happened, as far as the report's wording tells: the earliest and latest
/// possible day, and a most likely day only where the wording gives one ("a week ago" does,
/// "not stated" and "within 24 hours" do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Dating {
    /// First possible day.
    pub earliest: NaiveDate,
    /// Last possible day: by the end of it the event had happened.
    pub latest: NaiveDate,
    /// The day the wording points to, if it points to one (always, for an exact day).
    pub likely: Option<NaiveDate>,
}

impl Dating {
    /// One known day.
    pub(crate) fn day(d: NaiveDate) -> Self {
        Dating {
            earliest: d,
            latest: d,
            likely: Some(d),
        }
    }

    /// A range of possible days, with or without a most likely one.
    pub(crate) fn range(earliest: NaiveDate, latest: NaiveDate, likely: Option<NaiveDate>) -> Self {
        Dating {
            earliest,
            latest,
            likely,
        }
    }

    /// True if the day is known exactly.
    pub fn is_exact(&self) -> bool {
        self.earliest == self.latest
    }

    /// The day the timeline applies the event: its most likely day, or else the latest
    /// possible one (an undated statement holds *by* the day it was published, not *on* it).
    pub(crate) fn effective(&self) -> NaiveDate {
        self.likely.unwrap_or(self.latest)
    }

    /// The day the event is dated to (its exact or most likely day), if any.
    pub fn on(&self) -> Option<NaiveDate> {
        self.likely
    }

    /// How firmly the event dates itself, for ordering a day's events: an exact day first,
    /// then a most likely day, then a bare range.
    pub(crate) fn rank(&self) -> u8 {
        match (self.is_exact(), self.likely) {
            (true, _) => 0,
            (false, Some(_)) => 1,
            (false, None) => 2,
        }
    }
}

/// What an event says happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The faction took control.
    Captured,
    /// The faction entered the place or fought for it; the holder still holds it.
    Contested,
    /// The faction claims to have taken it; not confirmed.
    Claimed,
    /// The faction denies a report about the place.
    Denied,
    /// The faction's forces withdrew from the place, or redeployed away from it.
    Withdrew,
    /// The faction's forces fell back to the place (so it still holds it).
    WithdrewTo,
    /// The faction was reported advancing on or near the place.
    Advanced,
    /// Forces were sent to the place or dug in to defend it: reinforcements, air strikes on
    /// attackers, checkpoints, strengthened lines.
    Reinforced,
    /// People fled the place: residents, officials, a leader's family.
    Fled,
    /// Someone is reported in the place: a leader, a visiting envoy.
    Present,
    /// Unrest: protests, a statue toppled.
    Unrest,
    /// Anything else the reports say about the place; shown as "also mentioned".
    Other,
}

impl EventKind {
    /// All kinds with their names in the dataset format.
    pub(crate) const ALL: [(EventKind, &'static str); 12] = [
        (EventKind::Captured, "captured"),
        (EventKind::Contested, "contested"),
        (EventKind::Claimed, "claimed"),
        (EventKind::Denied, "denied"),
        (EventKind::Withdrew, "withdrew"),
        (EventKind::WithdrewTo, "withdrew_to"),
        (EventKind::Advanced, "advanced"),
        (EventKind::Reinforced, "reinforced"),
        (EventKind::Fled, "fled"),
        (EventKind::Present, "present"),
        (EventKind::Unrest, "unrest"),
        (EventKind::Other, "other"),
    ];

    /// The name used in the dataset format.
    pub(crate) fn as_str(self) -> &'static str {
        EventKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("?", |(_, s)| s)
    }

    /// Kinds that change or support a place's control state; the others are context.
    pub fn bears_on_control(self) -> bool {
        matches!(
            self,
            EventKind::Captured | EventKind::Contested | EventKind::Claimed | EventKind::Denied
        )
    }

    /// Kinds that must name the faction acting.
    pub fn needs_faction(self) -> bool {
        matches!(
            self,
            EventKind::Captured
                | EventKind::Contested
                | EventKind::Claimed
                | EventKind::Denied
                | EventKind::Withdrew
                | EventKind::WithdrewTo
                | EventKind::Advanced
        )
    }
}

/// One statement from one report about one place, with when it happened.
#[derive(Debug, Clone)]
pub struct Event {
    /// Short id, unique in the dataset.
    pub id: String,
    /// The day the timeline applies it: [`Dating::effective`].
    pub date: NaiveDate,
    /// Its earliest, latest and (where the wording gives one) most likely day.
    pub dating: Dating,
    /// The report's own wording of when (`on Friday evening`), or `not stated`.
    pub when: String,
    /// Where.
    pub place: PlaceId,
    /// What happened.
    pub kind: EventKind,
    /// Who acted.
    pub faction: Option<FactionId>,
    /// For a capture: from whom, when the report says so.
    pub from: Option<FactionId>,
    /// The parties the report attributes the statement to ("rebels said", state television,
    /// an army officer): the event is their claim, not the report's own finding. A `claimed`
    /// or `denied` event is its faction's statement whether or not it is listed here.
    pub said_by: Vec<FactionId>,
    /// The outlet the report credits for this statement ("cited by Reuters"), as written in
    /// the quote: the original reporter when counting independent reports.
    pub cites: Option<String>,
    /// A qualifier the report gives ("almost", as in "almost the entire southwest"), as
    /// written in the quote: shown with the event, so the map does not say more than the words.
    pub qualifier: Option<String>,
    /// Which report says it.
    pub source: SourceId,
    /// The report's words, verbatim.
    pub quote: String,
    /// Remarks by the dataset's authors (for example who "it" refers to).
    pub note: String,
    /// Where the event is written in the dataset file.
    pub loc: Loc,
}

impl Event {
    /// The parties whose statement this is: `said_by`, and for a claim or a denial its faction.
    pub fn stated_by(&self) -> Vec<FactionId> {
        let mut out = self.said_by.clone();
        if matches!(self.kind, EventKind::Claimed | EventKind::Denied)
            && let Some(f) = self.faction
            && !out.contains(&f)
        {
            out.insert(0, f);
        }
        out
    }
}

/// Reports that disagree, kept side by side.
#[derive(Debug, Clone)]
pub struct Contradiction {
    /// Short id.
    pub id: String,
    /// The place it is about.
    pub place: PlaceId,
    /// The question the reports disagree on.
    pub topic: String,
    /// The accounts, each with its sources.
    pub summary: String,
    /// The events making up the accounts.
    pub events: Vec<EventId>,
}
