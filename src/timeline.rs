//! The control state machine: who holds each place at the end of any day, and why.
//!
//! Pure: no I/O, no drawing. Built once from a [`Dataset`]; every place's events are
//! replayed in order (date, then file order) through [`transition`], and the state after
//! each day with events is kept as a snapshot. So:
//! - jumping to a date is a binary search per place ([`Timeline::at`]);
//! - stepping a day ([`Timeline::step`]) recomputes only the places that have events (or
//!   appear) on the day crossed, so its cost follows that day's changes, not the dataset size;
//! - both give the same answer by construction, and a property test checks it.
//!
//! A place's state is its holder, a [`Status`] (held, contested, claimed, disputed), the
//! other factions involved, since when, and the run of events (an *episode*) that supports it.
//!
//! Dates are intervals. An event is applied on its most likely day, or, when its wording
//! gives none ("not stated", "within 24 hours"), on the last possible day: an undated recap
//! supports a state *by* the day it was published, it does not date a change *to* it. From
//! the earliest to the day before the latest possible day of a change, the place is shown as
//! *unsettled* ([`PlaceState::unsettled`]): the change may or may not have happened yet.
//!
//! Claims end too: a claim the holder's own account later contradicts is superseded, one
//! whose claimant withdraws ends, and with the dataset's `claims_lapse_days` one that no
//! report corroborates within that many days lapses (see [`transition`]); the state then goes
//! back to what it was before the claim, with [`PlaceState::claim_ended`] saying why.

mod build;
mod claim;
mod replay;
mod snapshots;
mod support;
mod transition;

use chrono::NaiveDate;

use crate::dataset::{Dataset, EventId, FactionId, PlaceId};

pub(crate) use replay::Replay;
pub use support::distinct_sources;
pub(crate) use transition::Sides;
pub(crate) use transition::TransitionError;

/// Why a claim on a place no longer stands: the state went back to what it was before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimEnd {
    /// No report corroborated the claim within the dataset's `claims_lapse_days`: it lapsed at
    /// the start of `on`.
    Lapsed {
        /// The event that began the claim.
        claim: EventId,
        /// The first day it no longer stands.
        on: NaiveDate,
    },
    /// A later report has the claimant's own forces withdrawing from the place.
    Withdrawn {
        /// The event that began the claim.
        claim: EventId,
        /// The report of the withdrawal.
        by: EventId,
    },
}

/// A set of factions, as a bit mask (a dataset has at most 64 factions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FactionSet(pub u64);

impl FactionSet {
    /// True if `f` is in the set.
    pub fn contains(self, f: FactionId) -> bool {
        self.0 & (1 << f.0) != 0
    }
    /// Add `f`.
    pub(crate) fn insert(&mut self, f: FactionId) {
        self.0 |= 1 << f.0;
    }
    /// Remove `f`.
    pub(crate) fn remove(&mut self, f: FactionId) {
        self.0 &= !(1 << f.0);
    }
    /// True if empty.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }
    /// The members, lowest id first.
    pub fn iter(self) -> impl Iterator<Item = FactionId> {
        (0..64u32)
            .filter(move |i| self.0 & (1 << i) != 0)
            .map(FactionId)
    }
}

/// How firmly a place is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// The holder holds it; nobody contests it.
    Held,
    /// Others entered it or fight for it (or reports disagree on whether they entered);
    /// the holder has not lost it.
    Contested,
    /// Others claim to have taken it; no report confirms it.
    Claimed,
    /// Reports disagree on who took it: the holder is one account, the others the rest.
    Disputed,
}

impl Status {
    /// The name used in the CLI, JSON and CSV.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Held => "held",
            Status::Contested => "contested",
            Status::Claimed => "claimed",
            Status::Disputed => "disputed",
        }
    }
}

/// The state of one place at the end of one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceState {
    /// Who holds it (`None`: a place outside the conflict, such as a town across the border,
    /// or one whose holder no report gives).
    pub holder: Option<FactionId>,
    /// How firmly.
    pub status: Status,
    /// The factions contesting or claiming it, or the rival accounts when disputed.
    pub others: FactionSet,
    /// The day the status began; `None` if it holds since before the dataset starts.
    pub since: Option<NaiveDate>,
    /// A party denied part of what the reports say in this episode.
    pub denied: bool,
    /// Groups named only vaguely ("rebels", no group named) whose accounts of the same loss
    /// support the holder's capture rather than rival it.
    pub vague: FactionSet,
    /// The event that began the current status (`None`: held since before the dataset).
    pub set_by: Option<EventId>,
    /// On this day a reported change is not settled: the day is between the earliest and the
    /// latest possible day of the change `event` reports. Before the day the timeline applies
    /// it (its most likely, else its latest day) the state shown is still the old one.
    pub unsettled: Option<EventId>,
    /// Positions `first..=last` in the place's event list of the events behind this state.
    episode: Option<(u32, u32)>,
    /// The holder got the place by a reported capture (so a second report is corroboration).
    acquired_by_capture: bool,
    /// Who held it before the current holder.
    previous_holder: Option<FactionId>,
    /// Why a claim on the place no longer stands, when the state went back to what it was
    /// before the claim.
    pub claim_ended: Option<ClaimEnd>,
    /// The holder's own statement that its forces withdrew, not yet matched by a claimant: a
    /// later claim by one side is then confirmed.
    conceded: Option<EventId>,
    /// The loser's own admission that confirmed the holder's claim: part of the support.
    admitted: Option<EventId>,
}

impl PlaceState {
    fn initial(holder: Option<FactionId>) -> Self {
        PlaceState {
            holder,
            status: Status::Held,
            others: FactionSet::default(),
            since: None,
            denied: false,
            vague: FactionSet::default(),
            set_by: None,
            unsettled: None,
            episode: None,
            acquired_by_capture: false,
            previous_holder: None,
            claim_ended: None,
            conceded: None,
            admitted: None,
        }
    }

    /// True if the visible part of the state (holder, status, others) differs.
    pub fn differs_from(&self, other: &PlaceState) -> bool {
        self.holder != other.holder || self.status != other.status || self.others != other.others
    }
}

/// The state of every place at the end of one day; `None` for a place that has not appeared yet.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    /// The day.
    pub date: NaiveDate,
    /// Indexed by [`PlaceId`].
    pub states: Vec<Option<PlaceState>>,
}

impl Cursor {
    /// The state of one place.
    pub fn state(&self, place: PlaceId) -> Option<&PlaceState> {
        self.states.get(place.index()).and_then(Option::as_ref)
    }
}

/// Days over which a reported change is unsettled: `from..until` (the change's earliest
/// possible day, or the dataset's start, up to but not including its latest possible day).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    place: PlaceId,
    from: NaiveDate,
    until: NaiveDate,
    event: EventId,
}

/// The control timeline of a dataset.
#[derive(Debug, Clone)]
pub struct Timeline {
    start: NaiveDate,
    end: NaiveDate,
    /// Per place: its events in order (date, how firmly dated, file order).
    place_events: Vec<Vec<EventId>>,
    /// Per place: the days that have events, in order (searched on their own, so a jump
    /// reads a few bytes per step of its binary search), and the state after each of them.
    snapshots: snapshots::Snapshots,
    initial: Vec<PlaceState>,
    appears: Vec<Option<NaiveDate>>,
    /// Where reported changes are unsettled, by place, then in the order they were applied
    /// (empty for a dataset whose dates are all exact, so a jump does not look).
    windows: Vec<Window>,
    /// Per day index: the events dated to that day (exactly or most likely), in order.
    day_events: Vec<Vec<EventId>>,
    /// Per day index: events in the reports published that day that date themselves to no day.
    day_reported: Vec<Vec<EventId>>,
    /// Per day index: the places whose state must be recomputed when that day is crossed.
    day_places: Vec<Vec<PlaceId>>,
    /// Per day index: the places whose state changed that day, and whether an event dated
    /// to that day changed it (else reports that give no day settled it).
    day_changes: Vec<Vec<(PlaceId, bool)>>,
}

impl Timeline {
    /// Replay every event; fails with every transition that makes no sense.
    pub fn build(ds: &Dataset) -> Result<Timeline, Vec<TransitionError>> {
        build::build(ds)
    }

    /// First day.
    pub fn first_date(&self) -> NaiveDate {
        self.start
    }

    /// Last day.
    pub fn last_date(&self) -> NaiveDate {
        self.end
    }

    /// True if `date` is within the dataset.
    pub(crate) fn contains(&self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end
    }

    /// Clamp a date into the dataset's range.
    pub(crate) fn clamp(&self, date: NaiveDate) -> NaiveDate {
        date.clamp(self.start, self.end)
    }

    /// The state of one place at the end of `date` (`None` before it appears).
    pub fn state_of(&self, place: PlaceId, date: NaiveDate) -> Option<PlaceState> {
        let mut state = *self.settled_state(place, date)?;
        if !self.windows.is_empty() {
            let first = self.windows.partition_point(|w| w.place < place);
            state.unsettled = self.windows[first..]
                .iter()
                .take_while(|w| w.place == place)
                .find(|w| w.from <= date && date < w.until)
                .map(|w| w.event);
        }
        Some(state)
    }

    /// What a comparison of two days reads of one place: its state at the end of `from` and
    /// at the end of `to` (as [`Timeline::state_of`] gives them), and whether any of its
    /// events is applied after `from` up to `to`, in one search of its days rather than one
    /// for each. `from` must not be after `to`. `shown`, a cursor of this timeline on one
    /// of the two days, gives that day's states to read instead of the history's.
    pub(crate) fn states_across(
        &self,
        place: PlaceId,
        from: NaiveDate,
        to: NaiveDate,
        shown: Option<&Cursor>,
    ) -> (Option<PlaceState>, Option<PlaceState>, bool) {
        let p = place.index();
        let Some((days, states)) = self.snapshots.get(p) else {
            return (None, None, false);
        };
        let before = days.partition_point(|d| *d <= from);
        let by = before + days[before..].partition_point(|d| *d <= to);
        let appears = self.appears.get(p).copied().flatten();
        let on_map = |date: NaiveDate| appears.is_none_or(|a| date >= a);
        if !on_map(to) {
            // Not on the map on either day (`from` is not later): no state to read.
            return (None, None, by > before);
        }
        // Reading a place's state from the history waits on memory (each is somewhere in
        // megabytes of states); the cursor's are read in order. Its unsettled mark is the
        // one the history's state has for that day, and is set again below when any is kept.
        let known = shown.and_then(|c| {
            let n = match c.date {
                d if d == to => by,
                d if d == from => before,
                _ => return None,
            };
            c.state(place).map(|s| (n, *s))
        });
        let state = |n: usize| match known {
            Some((k, s)) if k == n => s,
            _ if n == 0 => self.initial[p],
            _ => states[n - 1],
        };
        // Most places have no events between the two days: one state, read once.
        let last = state(by);
        let first = if before == by { last } else { state(before) };
        let (mut then, mut now) = (on_map(from).then_some(first), Some(last));
        if !self.windows.is_empty() {
            let first = self.windows.partition_point(|w| w.place < place);
            let own = &self.windows[first..];
            let own = &own[..own.partition_point(|w| w.place == place)];
            let unsettled = |date: NaiveDate| {
                own.iter()
                    .find(|w| w.from <= date && date < w.until)
                    .map(|w| w.event)
            };
            for (state, date) in [(&mut then, from), (&mut now, to)] {
                if let Some(s) = state {
                    s.unsettled = unsettled(date);
                }
            }
        }
        (then, now, by > before)
    }

    /// The state from the events applied by the end of `date`, without the unsettled mark.
    fn settled_state(&self, place: PlaceId, date: NaiveDate) -> Option<&PlaceState> {
        let p = place.index();
        if self
            .appears
            .get(p)
            .copied()
            .flatten()
            .is_some_and(|a| date < a)
        {
            return None;
        }
        let (days, states) = self.snapshots.get(p)?;
        let n = days.partition_point(|d| *d <= date);
        Some(if n == 0 {
            &self.initial[p]
        } else {
            &states[n - 1]
        })
    }

    /// Every place's state at the end of `date` (clamped into the dataset).
    pub fn at(&self, date: NaiveDate) -> Cursor {
        let date = self.clamp(date);
        if !self.windows.is_empty() {
            let states = (0..self.snapshots.len())
                .map(|p| self.state_of(PlaceId(p as u32), date))
                .collect();
            return Cursor { date, states };
        }
        // Every date exact (no change is unsettled): the settled states, read in one pass.
        let states = self
            .appears
            .iter()
            .zip(self.snapshots.iter())
            .zip(&self.initial)
            .map(|((appears, (days, states)), initial)| {
                if appears.is_some_and(|a| date < a) {
                    return None;
                }
                Some(match days.partition_point(|d| *d <= date) {
                    0 => *initial,
                    n => states[n - 1],
                })
            })
            .collect();
        Cursor { date, states }
    }

    /// Move `cursor` one day forward or back; false (and unchanged) at either end.
    /// Only the places with events (or appearing) on the day crossed are recomputed.
    pub fn step(&self, cursor: &mut Cursor, forward: bool) -> bool {
        let target = if forward {
            cursor.date.succ_opt()
        } else {
            cursor.date.pred_opt()
        };
        let Some(target) = target.filter(|d| self.contains(*d)) else {
            return false;
        };
        let crossed = if forward { target } else { cursor.date };
        if let Some(day) = day_index(self.start, self.end, crossed) {
            for &p in &self.day_places[day] {
                cursor.states[p.index()] = self.state_of(p, target);
            }
        }
        cursor.date = target;
        true
    }

    /// The events dated to `date` (exactly, or as their most likely day), in order.
    pub fn events_on(&self, date: NaiveDate) -> &[EventId] {
        day_index(self.start, self.end, date).map_or(&[], |d| &self.day_events[d])
    }

    /// The events in the reports published on `date` that date themselves to no day (an
    /// undated recap, "within 24 hours"), in order: what those reports say besides the day's
    /// own news.
    pub(crate) fn reported_on(&self, date: NaiveDate) -> &[EventId] {
        day_index(self.start, self.end, date).map_or(&[], |d| &self.day_reported[d])
    }

    /// The places whose visible state (holder, status, others) changed during `date` by an
    /// event dated to that day.
    pub fn changed_on(&self, date: NaiveDate) -> Vec<PlaceId> {
        self.changes_on(date, true)
    }

    /// The places whose visible state changed at the end of `date` only because reports
    /// published by then say so without dating the change to that day: the change happened
    /// some time between its earliest possible day and `date`.
    pub fn settled_on(&self, date: NaiveDate) -> Vec<PlaceId> {
        self.changes_on(date, false)
    }

    fn changes_on(&self, date: NaiveDate, dated: bool) -> Vec<PlaceId> {
        day_index(self.start, self.end, date).map_or_else(Vec::new, |d| {
            self.day_changes[d]
                .iter()
                .filter(|(_, by_dated)| *by_dated == dated)
                .map(|(p, _)| *p)
                .collect()
        })
    }

    /// A place's events in order (its full history).
    pub fn place_events(&self, place: PlaceId) -> &[EventId] {
        self.place_events
            .get(place.index())
            .map_or(&[], Vec::as_slice)
    }

    /// True if the timeline applies any event of `place` on a day after `after`, up to and
    /// including `until` (a binary search over the place's days with events, without
    /// reading the events): what [`Timeline::states_across`] is checked against.
    #[cfg(test)]
    pub(crate) fn has_events_between(
        &self,
        place: PlaceId,
        after: NaiveDate,
        until: NaiveDate,
    ) -> bool {
        self.snapshots.get(place.index()).is_some_and(|(days, _)| {
            let i = days.partition_point(|d| *d <= after);
            days.get(i).is_some_and(|d| *d <= until)
        })
    }

    /// The settled state of `place` at the end of `after` (its initial state before its first
    /// day with events), then its state after each day with events from the day after `after`
    /// up to and including `until`: a slice of the history, found by binary search.
    pub(crate) fn states_between(
        &self,
        place: PlaceId,
        after: NaiveDate,
        until: NaiveDate,
    ) -> (PlaceState, impl Iterator<Item = (NaiveDate, &PlaceState)>) {
        let p = place.index();
        let (days, states) = self.snapshots.get(p).unwrap_or((&[], &[]));
        let first = days.partition_point(|d| *d <= after);
        let last = days.partition_point(|d| *d <= until).max(first);
        let before = first.checked_sub(1).map_or(self.initial[p], |i| states[i]);
        let within = days[first..last].iter().copied().zip(&states[first..last]);
        (before, within)
    }

    /// A place's state after each day with events, in order, starting with its initial state
    /// (dated `None`).
    pub fn history(&self, place: PlaceId) -> Vec<(Option<NaiveDate>, PlaceState)> {
        let p = place.index();
        let mut out = vec![(None, self.initial[p])];
        let (days, states) = self.snapshots.get(p).unwrap_or((&[], &[]));
        out.extend(days.iter().zip(states).map(|(d, s)| (Some(*d), *s)));
        out
    }
}

fn day_index(start: NaiveDate, end: NaiveDate, date: NaiveDate) -> Option<usize> {
    (date >= start && date <= end).then(|| (date - start).num_days() as usize)
}
