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

mod transition;

use chrono::NaiveDate;

use crate::dataset::{Dataset, EventId, FactionId, PlaceId, SourceId};

pub use transition::TransitionError;

/// A set of factions, as a bit mask (a dataset has at most 64 factions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct FactionSet(pub u64);

impl FactionSet {
    /// True if `f` is in the set.
    pub fn contains(self, f: FactionId) -> bool {
        self.0 & (1 << f.0) != 0
    }
    /// Add `f`.
    pub fn insert(&mut self, f: FactionId) {
        self.0 |= 1 << f.0;
    }
    /// Remove `f`.
    pub fn remove(&mut self, f: FactionId) {
        self.0 &= !(1 << f.0);
    }
    /// True if empty.
    pub fn is_empty(self) -> bool {
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
    pub fn as_str(self) -> &'static str {
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
    /// Who holds it (`None`: a place outside the conflict, such as a town across the border).
    pub holder: Option<FactionId>,
    /// How firmly.
    pub status: Status,
    /// The factions contesting or claiming it, or the rival accounts when disputed.
    pub others: FactionSet,
    /// The day the status began; `None` if it holds since before the dataset starts.
    pub since: Option<NaiveDate>,
    /// A party denied part of what the reports say in this episode.
    pub denied: bool,
    /// Positions `first..=last` in the place's event list of the events behind this state.
    episode: Option<(u32, u32)>,
    /// The holder got the place by a reported capture (so a second report is corroboration).
    acquired_by_capture: bool,
    /// Who held it before the current holder.
    previous_holder: Option<FactionId>,
}

impl PlaceState {
    fn initial(holder: Option<FactionId>) -> Self {
        PlaceState {
            holder,
            status: Status::Held,
            others: FactionSet::default(),
            since: None,
            denied: false,
            episode: None,
            acquired_by_capture: false,
            previous_holder: None,
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

/// The control timeline of a dataset.
#[derive(Debug, Clone)]
pub struct Timeline {
    start: NaiveDate,
    end: NaiveDate,
    /// Per place: its events in order (date, then file order).
    place_events: Vec<Vec<EventId>>,
    /// Per place: the state after each day that has events, in date order.
    snapshots: Vec<Vec<(NaiveDate, PlaceState)>>,
    initial: Vec<PlaceState>,
    appears: Vec<Option<NaiveDate>>,
    /// Per day index: the events of that day, in order.
    day_events: Vec<Vec<EventId>>,
    /// Per day index: the places whose state must be recomputed when that day is crossed.
    day_places: Vec<Vec<PlaceId>>,
}

impl Timeline {
    /// Replay every event; fails with every transition that makes no sense.
    pub fn build(ds: &Dataset) -> Result<Timeline, Vec<TransitionError>> {
        let n_days = (ds.end - ds.start).num_days().max(0) as usize + 1;
        let mut place_events: Vec<Vec<EventId>> = vec![Vec::new(); ds.places.len()];
        let mut day_events: Vec<Vec<EventId>> = vec![Vec::new(); n_days];
        let mut day_places: Vec<Vec<PlaceId>> = vec![Vec::new(); n_days];
        let mut errors = Vec::new();
        let mut order: Vec<EventId> = (0..ds.events.len() as u32).map(EventId).collect();
        order.sort_by_key(|e| (ds.event(*e).date, e.0)); // stable: file order within a day
        for id in order {
            let ev = ds.event(id);
            let Some(day) = day_index(ds.start, ds.end, ev.date) else {
                errors.push(TransitionError::new(
                    id,
                    format!("dated {}, outside the dataset's dates", ev.date),
                    None,
                ));
                continue;
            };
            if ev.place.index() >= ds.places.len() {
                errors.push(TransitionError::new(
                    id,
                    "names a place that does not exist".into(),
                    None,
                ));
                continue;
            }
            place_events[ev.place.index()].push(id);
            day_events[day].push(id);
            day_places[day].push(ev.place);
        }
        let appears: Vec<Option<NaiveDate>> = ds.places.iter().map(|p| p.appears).collect();
        for (i, a) in appears.iter().enumerate() {
            if let Some(day) = a.and_then(|d| day_index(ds.start, ds.end, d)) {
                day_places[day].push(PlaceId(i as u32));
            }
        }
        for places in &mut day_places {
            places.sort_unstable();
            places.dedup();
        }
        let initial: Vec<PlaceState> = ds
            .places
            .iter()
            .map(|p| PlaceState::initial(p.initial))
            .collect();
        let mut snapshots = Vec::with_capacity(ds.places.len());
        for (p, events) in place_events.iter().enumerate() {
            let mut state = initial[p];
            let mut snaps: Vec<(NaiveDate, PlaceState)> = Vec::new();
            for (pos, id) in events.iter().enumerate() {
                let ev = ds.event(*id);
                if let Some(appear) = appears[p]
                    && ev.date < appear
                {
                    errors.push(TransitionError::new(
                        *id,
                        format!("dated {}, before the place appears ({appear})", ev.date),
                        None,
                    ));
                    continue;
                }
                if let Err(e) = transition::apply(ds, &mut state, ev, pos as u32, *id) {
                    errors.push(e);
                    continue;
                }
                match snaps.last_mut() {
                    Some((d, s)) if *d == ev.date => *s = state,
                    _ => snaps.push((ev.date, state)),
                }
            }
            snapshots.push(snaps);
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.event);
            return Err(errors);
        }
        Ok(Timeline {
            start: ds.start,
            end: ds.end,
            place_events,
            snapshots,
            initial,
            appears,
            day_events,
            day_places,
        })
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
    pub fn contains(&self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end
    }

    /// Clamp a date into the dataset's range.
    pub fn clamp(&self, date: NaiveDate) -> NaiveDate {
        date.clamp(self.start, self.end)
    }

    /// The state of one place at the end of `date` (`None` before it appears).
    pub fn state_of(&self, place: PlaceId, date: NaiveDate) -> Option<PlaceState> {
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
        let snaps = self.snapshots.get(p)?;
        let n = snaps.partition_point(|(d, _)| *d <= date);
        Some(if n == 0 {
            self.initial[p]
        } else {
            snaps[n - 1].1
        })
    }

    /// Every place's state at the end of `date` (clamped into the dataset).
    pub fn at(&self, date: NaiveDate) -> Cursor {
        let date = self.clamp(date);
        let states = (0..self.snapshots.len())
            .map(|p| self.state_of(PlaceId(p as u32), date))
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

    /// The events dated `date`, in order.
    pub fn events_on(&self, date: NaiveDate) -> &[EventId] {
        day_index(self.start, self.end, date).map_or(&[], |d| &self.day_events[d])
    }

    /// The places whose visible state (holder, status, others) changed during `date`.
    pub fn changed_on(&self, date: NaiveDate) -> Vec<PlaceId> {
        let Some(day) = day_index(self.start, self.end, date) else {
            return Vec::new();
        };
        self.day_places[day]
            .iter()
            .copied()
            .filter(|&p| {
                let after = self.state_of(p, date);
                let before = match date.pred_opt() {
                    Some(d) if d >= self.start => self.state_of(p, d),
                    _ => Some(self.initial[p.index()]),
                };
                match (before, after) {
                    (Some(b), Some(a)) => a.differs_from(&b),
                    (None, Some(_)) => true, // appeared that day
                    _ => false,
                }
            })
            .collect()
    }

    /// A place's events in order (its full history).
    pub fn place_events(&self, place: PlaceId) -> &[EventId] {
        self.place_events
            .get(place.index())
            .map_or(&[], Vec::as_slice)
    }

    /// A place's state after each day with events, in order, starting with its initial state
    /// (dated `None`).
    pub fn history(&self, place: PlaceId) -> Vec<(Option<NaiveDate>, PlaceState)> {
        let p = place.index();
        let mut out = vec![(None, self.initial[p])];
        out.extend(self.snapshots[p].iter().map(|(d, s)| (Some(*d), *s)));
        out
    }

    /// The events behind a place's state: the episode's events that bear on control.
    pub fn support<'a>(
        &'a self,
        ds: &'a Dataset,
        place: PlaceId,
        state: &PlaceState,
    ) -> Vec<EventId> {
        let Some((first, last)) = state.episode else {
            return Vec::new();
        };
        self.place_events(place)
            .get(first as usize..=last as usize)
            .unwrap_or(&[])
            .iter()
            .copied()
            .filter(|e| ds.event(*e).kind.bears_on_control())
            .collect()
    }
}

impl Timeline {
    /// The reports behind a place's state: the source of every supporting event, and, while
    /// the state goes back to before the dataset (no `since`, the starting holder still
    /// holding), the report quoted for the starting holder. Sorted, without repeats.
    pub fn state_sources(&self, ds: &Dataset, place: PlaceId, state: &PlaceState) -> Vec<SourceId> {
        let mut sources: Vec<SourceId> = self
            .support(ds, place, state)
            .iter()
            .map(|e| ds.event(*e).source)
            .collect();
        let p = ds.place(place);
        if state.since.is_none() && state.holder == p.initial {
            sources.extend(p.initial_basis.source);
        }
        sources.sort_unstable();
        sources.dedup();
        sources
    }

    /// How many independent reports stand behind a place's state ([`Timeline::state_sources`];
    /// copies of one wire story count once). A starting holder backed by a quote counts.
    pub fn independent_reports(&self, ds: &Dataset, place: PlaceId, state: &PlaceState) -> usize {
        let mut roots: Vec<SourceId> = self
            .state_sources(ds, place, state)
            .into_iter()
            .map(|s| ds.story_root(s))
            .collect();
        roots.sort_unstable();
        roots.dedup();
        roots.len()
    }
}

/// How many independent reports stand behind `events`: copies of one wire story count once.
pub fn distinct_sources(ds: &Dataset, events: &[EventId]) -> usize {
    let mut roots: Vec<SourceId> = events
        .iter()
        .map(|e| ds.story_root(ds.event(*e).source))
        .collect();
    roots.sort_unstable();
    roots.dedup();
    roots.len()
}

fn day_index(start: NaiveDate, end: NaiveDate, date: NaiveDate) -> Option<usize> {
    (date >= start && date <= end).then(|| (date - start).num_days() as usize)
}
