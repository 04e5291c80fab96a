//! Building the timeline: every place's events replayed in order through the transition
//! rules, the state kept after each day with events, the days over which a reported change is
//! unsettled, and per day the events dated to it, the undated ones its reports carry, and the
//! places that changed.

use chrono::NaiveDate;

use super::{PlaceState, Timeline, TransitionError, Window, day_index, transition};
use crate::dataset::{Dataset, EventId, PlaceId};

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
    let mut snapshot_days = Vec::with_capacity(ds.places.len());
    let mut snapshots = Vec::with_capacity(ds.places.len());
    let mut windows: Vec<Window> = Vec::new();
    // Per place: the visible changes, as (day, event that made it).
    let mut change_log: Vec<Vec<(NaiveDate, EventId)>> = vec![Vec::new(); ds.places.len()];
    for (p, events) in place_events.iter().enumerate() {
        let mut state = initial[p];
        let mut days: Vec<NaiveDate> = Vec::new();
        let mut snaps: Vec<PlaceState> = Vec::new();
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
            let before = state;
            if let Err(e) = transition::apply(ds, &mut state, ev, pos as u32, *id) {
                errors.push(e);
                continue;
            }
            if state.differs_from(&before) {
                change_log[p].push((ev.date, *id));
                let from = ev
                    .dating
                    .earliest
                    .max(ds.start)
                    .max(appears[p].unwrap_or(ds.start));
                if from < ev.dating.latest {
                    windows.push(Window {
                        place: PlaceId(p as u32),
                        from,
                        until: ev.dating.latest,
                        event: *id,
                    });
                    // The unsettled mark comes and goes on these days.
                    for d in [from, ev.dating.latest] {
                        if let Some(day) = day_index(ds.start, ds.end, d) {
                            day_places[day].push(PlaceId(p as u32));
                        }
                    }
                }
            }
            match (days.last(), snaps.last_mut()) {
                (Some(d), Some(s)) if *d == ev.date => *s = state,
                _ => {
                    days.push(ev.date);
                    snaps.push(state);
                }
            }
        }
        snapshot_days.push(days);
        snapshots.push(snaps);
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
        snapshot_days,
        windows,
        day_events,
        day_reported,
        day_places,
        day_changes: vec![Vec::new(); n_days],
    };
    timeline.day_changes = day_changes(ds, &timeline, &change_log);
    Ok(timeline)
}

/// Per day: the places whose visible state differs from the day before, and whether an
/// event dated to that day (or the place appearing) made the change.
fn day_changes(
    ds: &Dataset,
    tl: &Timeline,
    change_log: &[Vec<(NaiveDate, EventId)>],
) -> Vec<Vec<(PlaceId, bool)>> {
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
                    .any(|(d, e)| *d == date && ds.event(*e).dating.on().is_some()),
                (None, Some(_)) => true, // appeared that day
                _ => continue,
            };
            out[day].push((p, dated));
        }
    }
    out
}
