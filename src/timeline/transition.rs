//! One event applied to one place's state: the rules of the state machine.
//!
//! | event      | by the holder's side (same faction, or one part of the other) | by anyone else |
//! |------------|------------------------------------------------------------|----------------|
//! | captured   | corroboration if the holder got it by a capture (or the holder retakes a contested place); **error** if the holder has held it since before the dataset with no contest | new holder, held; or, if the report says "from X" and X had already lost it to the holder by a capture, **disputed** between the two accounts; **error** if X never held it |
//! | contested  | **error** (a holder does not contest its own place) | contested by them |
//! | claimed    | corroboration | claimed by them (stays contested/disputed if it was) |
//! | denied     | noted on the current state | noted on the current state |
//! | withdrew, withdrew_to, advanced, reinforced, fled, present, unrest, other | context only | context only |
//!
//! "Corroboration" never changes the status: it adds the event to the episode behind the state.
//!
//! Two refinements follow the reports' wording:
//! - a capture that only the captor's own side states (`said_by` the captor: "rebels said they
//!   have taken") is a claim;
//! - a faction marked `vague` ("rebels", no group named) is not a rival captor of a named
//!   group: its account of a loss the holder's capture already reports (the same `from`)
//!   supports that capture, and a named group's capture of a loss first told vaguely makes the
//!   named group the holder. Both accounts stay in the support, and the vague one is listed in
//!   [`PlaceState::vague`].

use crate::dataset::{Dataset, Event, EventId, EventKind, FactionId};

use super::{FactionSet, PlaceState, Status};

/// A transition that makes no sense, found while building the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransitionError {
    /// The offending event.
    pub event: EventId,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
}

impl TransitionError {
    pub(super) fn new(event: EventId, message: String, hint: Option<String>) -> Self {
        TransitionError {
            event,
            message,
            hint,
        }
    }
}

/// Add `f` to `set`, keeping only the most specific of related factions
/// (`hts` replaces the wider `rebels`; `rebels` is not added beside `hts`).
fn add_specific(ds: &Dataset, set: &mut FactionSet, f: FactionId) {
    if set.iter().any(|m| ds.is_within(m, f)) {
        return;
    }
    for m in set.iter().collect::<Vec<_>>() {
        if ds.is_within(f, m) {
            set.remove(m);
        }
    }
    set.insert(f);
}

fn name(ds: &Dataset, f: Option<FactionId>) -> String {
    f.map_or_else(|| "nobody".to_string(), |f| ds.faction(f).id.clone())
}

fn since(state: &PlaceState) -> String {
    state.since.map_or_else(
        || "before the dataset starts".to_string(),
        |d| format!("since {d}"),
    )
}

/// Apply `ev` (at position `pos` in its place's event list) to `st`.
pub(super) fn apply(
    ds: &Dataset,
    st: &mut PlaceState,
    ev: &Event,
    pos: u32,
    id: EventId,
) -> Result<(), TransitionError> {
    let err = |message: String, hint: Option<&str>| {
        Err(TransitionError::new(id, message, hint.map(str::to_string)))
    };
    let extend = |st: &mut PlaceState| {
        st.episode = Some(st.episode.map_or((pos, pos), |(first, _)| (first, pos)));
    };
    let restart = |st: &mut PlaceState| {
        st.episode = Some((pos, pos));
        st.denied = false;
        st.since = Some(ev.date);
        st.set_by = Some(id);
        st.vague = FactionSet::default();
    };
    let holder = st.holder;
    let same_side = |f: FactionId| holder.is_some_and(|h| ds.related(h, f));
    // The more specific of the holder and a related faction.
    let refine = |st: &mut PlaceState, f: FactionId| {
        if let Some(h) = st.holder
            && f != h
            && ds.is_within(f, h)
        {
            st.holder = Some(f);
        }
    };

    let Some(f) = ev.faction else {
        // Only context kinds may leave out the faction (checked when loading).
        return Ok(());
    };
    // A capture only the captor's side states is its claim.
    let kind = match ev.kind {
        EventKind::Captured
            if !ev.said_by.is_empty() && ev.said_by.iter().all(|s| ds.related(*s, f)) =>
        {
            EventKind::Claimed
        }
        k => k,
    };
    // Who lost the place to the holder by a reported capture, and whether an account's `from`
    // names that loser: then the account is of the same loss.
    let loser = st.previous_holder.filter(|_| st.acquired_by_capture);
    let same_loss = loser.is_some_and(|l| ev.from.is_some_and(|x| ds.related(l, x)))
        && loser.is_some_and(|l| !ds.related(l, f));
    match kind {
        EventKind::Captured if same_side(f) => match st.status {
            Status::Held if !st.acquired_by_capture => err(
                format!(
                    "captured by `{}`, which already holds it ({}) with no contest in between",
                    ds.faction(f).id,
                    since(st)
                ),
                Some(
                    "to confirm the holder use kind = \"other\"; if it changed hands before, record that event first",
                ),
            ),
            Status::Held | Status::Disputed => {
                refine(st, f);
                extend(st);
                Ok(())
            }
            Status::Contested | Status::Claimed => {
                // The holder's side took it back or beat off the attack.
                refine(st, f);
                st.status = Status::Held;
                st.others = FactionSet::default();
                st.acquired_by_capture = true;
                restart(st);
                Ok(())
            }
        },
        EventKind::Captured => {
            if st.status == Status::Disputed && st.others.iter().any(|o| ds.related(o, f)) {
                extend(st); // corroborates a rival account
                return Ok(());
            }
            if same_loss && ds.faction(f).vague {
                // The same loss told without naming the group: support, not a rival.
                st.vague.insert(f);
                extend(st);
                return Ok(());
            }
            if same_loss
                && st.status == Status::Held
                && let Some(h) = holder
                && ds.faction(h).vague
            {
                // A named group for a loss first told vaguely: the named one holds it.
                st.vague.insert(h);
                st.holder = Some(f);
                extend(st);
                return Ok(());
            }
            if let Some(from) = ev.from
                && !same_side(from)
            {
                let lost_it_to_holder = st.acquired_by_capture
                    && st.previous_holder.is_some_and(|p| ds.related(p, from));
                if lost_it_to_holder && matches!(st.status, Status::Held | Status::Disputed) {
                    // Two reports name different captors of the same loss: keep both.
                    if st.status == Status::Held {
                        st.since = Some(ev.date);
                        st.set_by = Some(id);
                    }
                    st.status = Status::Disputed;
                    add_specific(ds, &mut st.others, f);
                    extend(st);
                    return Ok(());
                }
                return err(
                    format!(
                        "captured from `{}`, but at that date it is held by `{}` ({})",
                        ds.faction(from).id,
                        name(ds, holder),
                        since(st)
                    ),
                    Some("check `from`, the date, or an earlier capture of this place"),
                );
            }
            st.previous_holder = holder;
            st.holder = Some(f);
            st.status = Status::Held;
            st.others = FactionSet::default();
            st.acquired_by_capture = true;
            restart(st);
            Ok(())
        }
        EventKind::Contested if same_side(f) => err(
            format!(
                "`{}` is reported contesting it, but it holds the place ({})",
                ds.faction(f).id,
                since(st)
            ),
            Some("a holder defending its own place is not a contest: use kind = \"other\""),
        ),
        EventKind::Contested => {
            match st.status {
                Status::Held => {
                    st.status = Status::Contested;
                    st.others = FactionSet::default();
                    restart(st);
                }
                Status::Claimed => {
                    st.status = Status::Contested;
                    extend(st);
                }
                Status::Contested | Status::Disputed => extend(st),
            }
            add_specific(ds, &mut st.others, f);
            Ok(())
        }
        EventKind::Claimed if same_side(f) => {
            extend(st);
            Ok(())
        }
        EventKind::Claimed => {
            if st.status == Status::Held {
                st.status = Status::Claimed;
                st.others = FactionSet::default();
                restart(st);
            } else {
                extend(st);
            }
            if !(st.status == Status::Disputed && st.others.iter().any(|o| ds.related(o, f))) {
                add_specific(ds, &mut st.others, f);
            }
            Ok(())
        }
        EventKind::Denied => {
            st.denied = true;
            extend(st);
            Ok(())
        }
        EventKind::Withdrew
        | EventKind::WithdrewTo
        | EventKind::Advanced
        | EventKind::Reinforced
        | EventKind::Fled
        | EventKind::Present
        | EventKind::Unrest
        | EventKind::Other => Ok(()),
    }
}
