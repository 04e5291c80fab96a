//! One event applied to one place's state: the rules of the state machine.
//!
//! | event      | by the holder's side (same faction, or one part of the other) | by anyone else |
//! |------------|------------------------------------------------------------|----------------|
//! | captured   | corroboration if the holder got it by a capture (or the holder retakes a contested or claimed place); **error** if the holder has held it since before the dataset with no contest | new holder, held; **confirms** a claim by the captor's side (below); or, if the report says "from X" and X had already lost it to the holder by a capture, **disputed** between the two accounts; **error** if X never held it |
//! | contested  | **error** (a holder does not contest its own place) | contested by them |
//! | claimed    | corroboration; **supersedes** a rival claim made on an earlier day | claimed by them (stays contested/disputed if it was); **confirmed** if the holder had admitted withdrawing |
//! | denied     | noted on the current state | noted on the current state |
//! | withdrew   | the holder's own statement of it (`said_by` its side) **confirms** a claim by one other side, or waits for one | a claimant withdrawing on a later day **ends** its claim |
//! | withdrew_to | **supersedes** a rival claim made on an earlier day (the holder fell back to it: it still holds it) | context only |
//! | advanced, reinforced, fled, present, unrest, other | context only | context only |
//! | (no event for `claims_lapse_days`) | | a claim no report corroborates for that many days **lapses** ([`lapse_day`]) |
//!
//! "Corroboration" never changes the status: it adds the event to the episode behind the state.
//!
//! Refinements follow the reports' wording:
//! - a capture that only the captor's own side states (`said_by` the captor: "rebels said they
//!   have taken") is a claim;
//! - a faction marked `vague` ("rebels", no group named) is not a rival captor of a named
//!   group: its account of a loss the holder's capture already reports (the same `from`)
//!   supports that capture, and a named group's capture of a loss first told vaguely makes the
//!   named group the holder. Both accounts stay in the support, and the vague one is listed in
//!   [`PlaceState::vague`].
//!
//! Claims hear both sides ([`claims`]):
//! - **Confirmation.** A capture claimed by one side and admitted by the other is held: the
//!   loser's own statement that it withdrew (a `withdrew` of the holder whose `said_by` names
//!   the holder's side), before or after the claim, makes the claimant the holder, since the
//!   claim; a capture the loser itself states (`said_by` names the loser) was never a claim.
//!   A report of the capture by the claimant's side confirms the claim too; when that report
//!   gives no day the claim's wording does not (an undated recap of a claim dated "within 24
//!   hours"), the change keeps the claim's dates. A withdrawal only others report (a monitor,
//!   the claimant) is context, not an admission.
//! - **Supersession.** A later contrary report about the same place ends a claim: the holder's
//!   own account of holding or retaking it (`claimed` by its side, `captured` that only its side
//!   states, `withdrew_to`) on a day after the claim makes it held again from that report, as a
//!   report of the holder's side retaking it does on any day; the claimant's own
//!   withdrawal on a later day ends its claim, and the place goes back to its state before the
//!   claim. A denial does not: it answers the claim, and both stay visible.
//! - **Lapse.** With `claims_lapse_days = N` in `[dataset]`, a claim no report of the
//!   claimant's side renews for N days lapses at the start of the Nth day after its last
//!   report: the place goes back to its state before the claim. Without it claims never lapse.

use crate::dataset::{Dataset, Dating, Event, EventId, EventKind, FactionId};

use super::{FactionSet, PlaceState, Status};

/// What the rules need to know of the factions, whoever keeps them: how they relate (a
/// dataset's `part_of`; none, for the factions an import makes), which are named only
/// vaguely, each one's id for messages; and the dating of an earlier event (a capture may
/// keep the dates of the claim it confirms).
pub(crate) trait Sides {
    /// True if `inner` is `outer` or part of it.
    fn is_within(&self, inner: FactionId, outer: FactionId) -> bool;
    /// True if one of the two is part of the other (or they are the same).
    fn related(&self, a: FactionId, b: FactionId) -> bool {
        self.is_within(a, b) || self.is_within(b, a)
    }
    /// True if the faction is named only vaguely ("rebels", no group named).
    fn is_vague(&self, f: FactionId) -> bool;
    /// The faction's id, for messages.
    fn faction_id(&self, f: FactionId) -> &str;
    /// The dating of an earlier event, if known.
    fn dating(&self, e: EventId) -> Option<Dating>;
}

impl Sides for Dataset {
    fn is_within(&self, inner: FactionId, outer: FactionId) -> bool {
        Dataset::is_within(self, inner, outer)
    }
    fn related(&self, a: FactionId, b: FactionId) -> bool {
        Dataset::related(self, a, b)
    }
    fn is_vague(&self, f: FactionId) -> bool {
        self.faction(f).vague
    }
    fn faction_id(&self, f: FactionId) -> &str {
        &self.faction(f).id
    }
    fn dating(&self, e: EventId) -> Option<Dating> {
        Some(self.event(e).dating)
    }
}

mod claims;

pub(super) use claims::{end_claim, lapse_day, renews_claim};

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
fn add_specific<S: Sides + ?Sized>(ds: &S, set: &mut FactionSet, f: FactionId) {
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

fn name<S: Sides + ?Sized>(ds: &S, f: Option<FactionId>) -> String {
    f.map_or_else(|| "nobody".to_string(), |f| ds.faction_id(f).to_string())
}

fn since(state: &PlaceState) -> String {
    state.since.map_or_else(
        || "before the dataset starts".to_string(),
        |d| format!("since {d}"),
    )
}

/// What applying an event did, for the builder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// Applied; a change it made is dated as this event is (usually the event itself; the
    /// claim it confirms when that is better dated).
    Applied {
        /// The event whose dates the change takes.
        dated_by: EventId,
    },
    /// The claim on the place ends (its claimant withdrew): the place goes back to its state
    /// before the claim ([`end_claim`]).
    EndsClaim,
}

/// The kind the rules apply: a capture that only the captor's own side states is its claim.
pub(super) fn effective_kind<S: Sides + ?Sized>(ds: &S, ev: &Event) -> EventKind {
    match (ev.kind, ev.faction) {
        (EventKind::Captured, Some(f))
            if !ev.said_by.is_empty() && ev.said_by.iter().all(|s| ds.related(*s, f)) =>
        {
            EventKind::Claimed
        }
        (k, _) => k,
    }
}

/// Apply `ev` (at position `pos` in its place's event list) to `st`; on an error `st` is
/// unchanged.
#[expect(
    clippy::too_many_lines,
    reason = "the control rules as one match over kinds, read as a table"
)]
pub(crate) fn apply<S: Sides + ?Sized>(
    ds: &S,
    st: &mut PlaceState,
    ev: &Event,
    pos: u32,
    id: EventId,
) -> Result<Outcome, TransitionError> {
    let done = Ok(Outcome::Applied { dated_by: id });
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
        st.claim_ended = None;
        st.admitted = None;
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
    // A report of the holder keeping or retaking the place on a day after a rival claimed it:
    // the claim is superseded.
    let supersede = |st: &mut PlaceState, f: FactionId| {
        refine(st, f);
        st.status = Status::Held;
        st.others = FactionSet::default();
        st.acquired_by_capture = true;
        st.conceded = None;
        restart(st);
    };
    let later_than_claim = st.status == Status::Claimed && st.since.is_some_and(|d| ev.date > d);

    let Some(f) = ev.faction else {
        // Only context kinds may leave out the faction (checked when loading).
        return done;
    };
    // Who lost the place to the holder by a reported capture, and whether an account's `from`
    // names that loser: then the account is of the same loss.
    let loser = st.previous_holder.filter(|_| st.acquired_by_capture);
    let same_loss = loser.is_some_and(|l| ev.from.is_some_and(|x| ds.related(l, x)))
        && loser.is_some_and(|l| !ds.related(l, f));
    match effective_kind(ds, ev) {
        EventKind::Captured if same_side(f) => match st.status {
            // After a claim that ended, the holder's account of retaking it is corroboration.
            Status::Held if !st.acquired_by_capture && st.claim_ended.is_none() => err(
                format!(
                    "captured by `{}`, which already holds it ({}) with no contest in between",
                    ds.faction_id(f),
                    since(st)
                ),
                Some(
                    "to confirm the holder use kind = \"other\"; if it changed hands before, record that event first",
                ),
            ),
            Status::Held | Status::Disputed => {
                refine(st, f);
                extend(st);
                done
            }
            Status::Contested | Status::Claimed => {
                // The holder's side took it back or beat off the attack.
                supersede(st, f);
                done
            }
        },
        EventKind::Captured => {
            if st.status == Status::Disputed && st.others.iter().any(|o| ds.related(o, f)) {
                extend(st); // corroborates a rival account
                return done;
            }
            if same_loss && ds.is_vague(f) {
                // The same loss told without naming the group: support, not a rival.
                st.vague.insert(f);
                extend(st);
                return done;
            }
            if same_loss
                && st.status == Status::Held
                && let Some(h) = holder
                && ds.is_vague(h)
            {
                // A named group for a loss first told vaguely: the named one holds it.
                st.vague.insert(h);
                st.holder = Some(f);
                extend(st);
                return done;
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
                    return done;
                }
                return err(
                    format!(
                        "captured from `{}`, but at that date it is held by `{}` ({})",
                        ds.faction_id(from),
                        name(ds, holder),
                        since(st)
                    ),
                    Some("check `from`, the date, or an earlier capture of this place"),
                );
            }
            if st.status == Status::Claimed && st.others.iter().any(|o| ds.related(o, f)) {
                let dated_by = claims::confirm_by_capture(ds, st, ev, id, f);
                extend(st);
                return Ok(Outcome::Applied { dated_by });
            }
            st.previous_holder = holder;
            st.holder = Some(f);
            st.status = Status::Held;
            st.others = FactionSet::default();
            st.acquired_by_capture = true;
            let admission = st.conceded.take();
            restart(st);
            st.admitted = admission;
            done
        }
        EventKind::Contested if same_side(f) => err(
            format!(
                "`{}` is reported contesting it, but it holds the place ({})",
                ds.faction_id(f),
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
            done
        }
        EventKind::Claimed if same_side(f) && later_than_claim => {
            supersede(st, f);
            done
        }
        EventKind::Claimed if same_side(f) => {
            extend(st);
            done
        }
        EventKind::Claimed => {
            if st.status == Status::Held
                && let Some(admission) = st.conceded
            {
                // The holder had said it withdrew: the claim is the capture it admitted.
                restart(st);
                claims::take_over(st, f, admission);
                return done;
            }
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
            done
        }
        EventKind::Denied => {
            st.denied = true;
            extend(st);
            done
        }
        EventKind::Withdrew if claims::admits_withdrawal(ds, st, ev, f) => {
            if let Some(claimant) = claims::single_claimant(ds, st) {
                claims::take_over(st, claimant, id);
            } else if st.status == Status::Held {
                st.conceded = Some(id);
            }
            done
        }
        EventKind::Withdrew if later_than_claim && st.others.iter().any(|o| ds.related(o, f)) => {
            for o in st.others.iter().filter(|o| ds.related(*o, f)) {
                st.others.remove(o);
            }
            if st.others.is_empty() {
                return Ok(Outcome::EndsClaim);
            }
            done
        }
        EventKind::WithdrewTo if same_side(f) && later_than_claim => {
            supersede(st, f);
            done
        }
        EventKind::Withdrew
        | EventKind::WithdrewTo
        | EventKind::Advanced
        | EventKind::Reinforced
        | EventKind::Fled
        | EventKind::Present
        | EventKind::Unrest
        | EventKind::Other => done,
    }
}
