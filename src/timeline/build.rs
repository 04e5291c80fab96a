//! Building the timeline: every place's events replayed in order through the transition
//! rules, the state kept after each day with events, the days over which a reported change is
//! unsettled, and per day the events dated to it, the undated ones its reports carry, and the
//! places that changed.

use chrono::NaiveDate;

use super::claim::Claim;
use super::transition::{self, Outcome};
use super::{ClaimEnd, PlaceState, Timeline, TransitionError, Window, day_index};
use crate::dataset::{Dataset, EventId, PlaceId};

#[expect(
    clippy::too_many_lines,
    reason = "every place's events replayed in date order, with each error where it arises"
)]
pub(super) fn build(ds: &Dataset) -> Result<Timeline, Vec<TransitionError>> {
    let n_days = (ds.end - ds.start).num_days().max(0) as usize + 1;
    let mut place_events: Vec<Vec<EventId>> = vec![Vec::new(); ds.places.len()];
    let mut day_events: Vec<Vec<EventId>> = vec![Vec::new(); n_days];
    let mut day_reported: Vec<Vec<EventId>> = vec![Vec::new(); n_days];
    let mut day_places: Vec<Vec<PlaceId>> = vec![Vec::new(); n_days];
    let mut errors = Vec::new();
    let mut order: Vec<EventId> = (0..ds.events.len() as u32).map(EventId).collect();
    // Within a day an exactly dated report comes first, so that it, and not a recap that
    // gives no day, dates the change; then file order (stable).
    order.sort_by_key(|e| {
        let ev = ds.event(*e);
        (ev.date, ev.dating.rank(), e.0)
    });
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
        if ev.dating.on().is_some() {
            day_events[day].push(id);
        } else if let Some(published) = day_index(ds.start, ds.end, ds.source(ev.source).published)
        {
            day_reported[published].push(id);
        }
        day_places[day].push(ev.place);
    }
    let appears: Vec<Option<NaiveDate>> = ds.places.iter().map(|p| p.appears).collect();
    for (i, a) in appears.iter().enumerate() {
        if let Some(day) = a.and_then(|d| day_index(ds.start, ds.end, d)) {
            day_places[day].push(PlaceId(i as u32));
        }
    }
    let initial: Vec<PlaceState> = ds
        .places
        .iter()
        .map(|p| PlaceState::initial(p.initial))
        .collect();
    let mut snapshots = super::snapshots::Snapshots::with_capacity(ds.places.len());
    let mut windows: Vec<Window> = Vec::new();
    // Per place: the visible changes, as (day, whether a report dated to that day made it).
    let mut change_log: Vec<Vec<(NaiveDate, bool)>> = vec![Vec::new(); ds.places.len()];
    for (p, events) in place_events.iter().enumerate() {
        let place = PlaceId(p as u32);
        let mut state = initial[p];
        let mut days: Vec<NaiveDate> = Vec::new();
        let mut snaps: Vec<PlaceState> = Vec::new();
        let mut claim = Claim::default();
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
            if let Some((day, lapsed)) = claim.lapse(ds, &state, ev.date) {
                change_log[p].push((day, true));
                if let Some(d) = day_index(ds.start, ds.end, day) {
                    day_places[d].push(place);
                }
                state = lapsed;
                record(&mut days, &mut snaps, day, state);
            }
            let before = state;
            let dated_by = match transition::apply(ds, &mut state, ev, pos as u32, *id) {
                Err(e) => {
                    errors.push(e);
                    continue;
                }
                Ok(Outcome::Applied { dated_by }) => dated_by,
                Ok(Outcome::EndsClaim) => {
                    state = claim.end(
                        before,
                        ClaimEnd::Withdrawn {
                            claim: before.set_by.unwrap_or(*id),
                            by: *id,
                        },
                    );
                    *id
                }
            };
            claim.follow(ds, &before, &state, ev);
            if state.differs_from(&before) {
                let dating = ds.event(dated_by).dating;
                change_log[p].push((ev.date, ev.dating.on().is_some() || dating.on().is_some()));
                let from = dating
                    .earliest
                    .max(ds.start)
                    .max(appears[p].unwrap_or(ds.start));
                let window = Window {
                    place,
                    from,
                    until: dating.latest,
                    event: dated_by,
                };
                if from < dating.latest && windows.last() != Some(&window) {
                    windows.push(window);
                    // The unsettled mark comes and goes on these days.
                    for d in [from, dating.latest] {
                        if let Some(day) = day_index(ds.start, ds.end, d) {
                            day_places[day].push(place);
                        }
                    }
                }
            }
            record(&mut days, &mut snaps, ev.date, state);
        }
        if let Some((day, lapsed)) = claim.lapse(ds, &state, ds.end) {
            change_log[p].push((day, true));
            if let Some(d) = day_index(ds.start, ds.end, day) {
                day_places[d].push(place);
            }
            record(&mut days, &mut snaps, day, lapsed);
        }
        snapshots.push(&days, &snaps);
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.event);
        return Err(errors);
    }
    for places in &mut day_places {
        places.sort_unstable();
        places.dedup();
    }
    let mut timeline = Timeline {
        start: ds.start,
        end: ds.end,
        place_events,
        snapshots,
        initial,
        appears,
        windows,
        day_events,
        day_reported,
        day_places,
        day_changes: vec![Vec::new(); n_days],
    };
    timeline.day_changes = day_changes(&timeline, &change_log);
    Ok(timeline)
}

/// Per day: the places whose visible state differs from the day before, and whether an
/// event dated to that day (or the place appearing) made the change.
fn day_changes(tl: &Timeline, change_log: &[Vec<(NaiveDate, bool)>]) -> Vec<Vec<(PlaceId, bool)>> {
    let mut out = vec![Vec::new(); tl.day_places.len()];
    for (day, places) in tl.day_places.iter().enumerate() {
        let date = tl.start + chrono::Days::new(day as u64);
        for &p in places {
            let after = tl.settled_state(p, date);
            let before = match date.pred_opt() {
                Some(d) if d >= tl.start => tl.settled_state(p, d),
                _ => Some(&tl.initial[p.index()]),
            };
            let dated = match (before, after) {
                (Some(b), Some(a)) if a.differs_from(b) => change_log[p.index()]
                    .iter()
                    .any(|(d, dated)| *d == date && *dated),
                (None, Some(_)) => true, // appeared that day
                _ => continue,
            };
            out[day].push((p, dated));
        }
    }
    out
}

/// Keep `state` as the place's state at the end of `day` (the last kept day or a later one).
fn record(
    days: &mut Vec<NaiveDate>,
    snaps: &mut Vec<PlaceState>,
    day: NaiveDate,
    state: PlaceState,
) {
    match (days.last(), snaps.last_mut()) {
        (Some(d), Some(s)) if *d == day => *s = state,
        _ => {
            days.push(day);
            snaps.push(state);
        }
    }
}
