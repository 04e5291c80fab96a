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
pub(crate) fn apply<S: Sides + ?Sized>(
    ds: &S,
    st: &mut PlaceState,
    ev: &Event,
    pos: u32,
    id: EventId,
) -> Result<Outcome, TransitionError> {
    let Some(f) = ev.faction else {
        // Only context kinds may leave out the faction (checked when loading).
        return Ok(Outcome::Applied { dated_by: id });
    };
    let step = Step {
        ds,
        ev,
        pos,
        id,
        holder: st.holder,
        later_than_claim: st.status == Status::Claimed && st.since.is_some_and(|d| ev.date > d),
    };
    let by_holder = step.same_side(f);
    match effective_kind(ds, ev) {
        EventKind::Captured if by_holder => step.captured_by_holder(st, f),
        EventKind::Captured => step.captured(st, f),
        EventKind::Contested if by_holder => step.err(
            format!(
                "`{}` is reported contesting it, but it holds the place ({})",
                ds.faction_id(f),
                since(st)
            ),
            "a holder defending its own place is not a contest: use kind = \"other\"",
        ),
        EventKind::Contested => Ok(step.contested(st, f)),
        EventKind::Claimed if by_holder && step.later_than_claim => {
            step.supersede(st, f);
            Ok(step.done())
        }
        EventKind::Claimed if by_holder => {
            step.extend(st);
            Ok(step.done())
        }
        EventKind::Claimed => Ok(step.claimed(st, f)),
        EventKind::Denied => {
            st.denied = true;
            step.extend(st);
            Ok(step.done())
        }
        EventKind::Withdrew => Ok(step.withdrew(st, f)),
        EventKind::WithdrewTo if by_holder && step.later_than_claim => {
            step.supersede(st, f);
            Ok(step.done())
        }
        EventKind::WithdrewTo
        | EventKind::Advanced
        | EventKind::Reinforced
        | EventKind::Fled
        | EventKind::Present
        | EventKind::Unrest
        | EventKind::Other => Ok(step.done()),
    }
}

/// One event being applied: what every rule reads of it, and the few edits of the state the
/// rules share.
struct Step<'a, S: Sides + ?Sized> {
    ds: &'a S,
    ev: &'a Event,
    /// The event's position in its place's event list.
    pos: u32,
    id: EventId,
    /// The holder before the event.
    holder: Option<FactionId>,
    /// The place is claimed, and the event is dated after the claim's day.
    later_than_claim: bool,
}

impl<S: Sides + ?Sized> Step<'_, S> {
    fn done(&self) -> Outcome {
        Outcome::Applied { dated_by: self.id }
    }

    fn err(&self, message: String, hint: &str) -> Result<Outcome, TransitionError> {
        Err(TransitionError::new(
            self.id,
            message,
            Some(hint.to_string()),
        ))
    }

    /// True if `f` is on the holder's side (the holder, or one part of the other).
    fn same_side(&self, f: FactionId) -> bool {
        self.holder.is_some_and(|h| self.ds.related(h, f))
    }

    /// The event joins the episode behind the current state (corroboration).
    fn extend(&self, st: &mut PlaceState) {
        let pos = self.pos;
        st.episode = Some(st.episode.map_or((pos, pos), |(first, _)| (first, pos)));
    }

    /// The event starts a new episode: the state changed with it.
    fn restart(&self, st: &mut PlaceState) {
        st.episode = Some((self.pos, self.pos));
        st.denied = false;
        st.since = Some(self.ev.date);
        st.set_by = Some(self.id);
        st.vague = FactionSet::default();
        st.claim_ended = None;
        st.admitted = None;
    }

    /// The more specific of the holder and a related faction holds it.
    fn refine(&self, st: &mut PlaceState, f: FactionId) {
        if let Some(h) = st.holder
            && f != h
            && self.ds.is_within(f, h)
        {
            st.holder = Some(f);
        }
    }

    /// A report of the holder keeping or retaking the place on a day after a rival claimed
    /// it: the claim is superseded.
    fn supersede(&self, st: &mut PlaceState, f: FactionId) {
        self.refine(st, f);
        st.status = Status::Held;
        st.others = FactionSet::default();
        st.acquired_by_capture = true;
        st.conceded = None;
        self.restart(st);
    }

    /// A capture by the holder's own side: corroboration, a retaking, or an error.
    fn captured_by_holder(
        &self,
        st: &mut PlaceState,
        f: FactionId,
    ) -> Result<Outcome, TransitionError> {
        match st.status {
            // After a claim that ended, the holder's account of retaking it is corroboration.
            Status::Held if !st.acquired_by_capture && st.claim_ended.is_none() => self.err(
                format!(
                    "captured by `{}`, which already holds it ({}) with no contest in between",
                    self.ds.faction_id(f),
                    since(st)
                ),
                "to confirm the holder use kind = \"other\"; if it changed hands before, record that event first",
            ),
            Status::Held | Status::Disputed => {
                self.refine(st, f);
                self.extend(st);
                Ok(self.done())
            }
            Status::Contested | Status::Claimed => {
                // The holder's side took it back or beat off the attack.
                self.supersede(st, f);
                Ok(self.done())
            }
        }
    }

    /// A capture by anyone else: a new holder, another account of a loss already told, a
    /// claim confirmed, or an error when `from` never held it.
    fn captured(&self, st: &mut PlaceState, f: FactionId) -> Result<Outcome, TransitionError> {
        let ds = self.ds;
        if st.status == Status::Disputed && st.others.iter().any(|o| ds.related(o, f)) {
            self.extend(st); // corroborates a rival account
            return Ok(self.done());
        }
        // Who lost the place to the holder by a reported capture, and whether the account's
        // `from` names that loser: then the account is of the same loss.
        let loser = st.previous_holder.filter(|_| st.acquired_by_capture);
        let same_loss = loser.is_some_and(|l| self.ev.from.is_some_and(|x| ds.related(l, x)))
            && loser.is_some_and(|l| !ds.related(l, f));
        if same_loss && ds.is_vague(f) {
            // The same loss told without naming the group: support, not a rival.
            st.vague.insert(f);
            self.extend(st);
            return Ok(self.done());
        }
        if same_loss
            && st.status == Status::Held
            && let Some(h) = self.holder
            && ds.is_vague(h)
        {
            // A named group for a loss first told vaguely: the named one holds it.
            st.vague.insert(h);
            st.holder = Some(f);
            self.extend(st);
            return Ok(self.done());
        }
        if let Some(from) = self.ev.from
            && !self.same_side(from)
        {
            return self.captured_from_rival(st, f, from);
        }
        if st.status == Status::Claimed && st.others.iter().any(|o| ds.related(o, f)) {
            let dated_by = claims::confirm_by_capture(ds, st, self.ev, self.id, f);
            self.extend(st);
            return Ok(Outcome::Applied { dated_by });
        }
        st.previous_holder = self.holder;
        st.holder = Some(f);
        st.status = Status::Held;
        st.others = FactionSet::default();
        st.acquired_by_capture = true;
        let admission = st.conceded.take();
        self.restart(st);
        st.admitted = admission;
        Ok(self.done())
    }

    /// A capture "from" a faction not on the holder's side: a second captor of the loss the
    /// holder's capture reports (disputed), else an error.
    fn captured_from_rival(
        &self,
        st: &mut PlaceState,
        f: FactionId,
        from: FactionId,
    ) -> Result<Outcome, TransitionError> {
        let ds = self.ds;
        let lost_it_to_holder =
            st.acquired_by_capture && st.previous_holder.is_some_and(|p| ds.related(p, from));
        if lost_it_to_holder && matches!(st.status, Status::Held | Status::Disputed) {
            // Two reports name different captors of the same loss: keep both.
            if st.status == Status::Held {
                st.since = Some(self.ev.date);
                st.set_by = Some(self.id);
            }
            st.status = Status::Disputed;
            add_specific(ds, &mut st.others, f);
            self.extend(st);
            return Ok(self.done());
        }
        self.err(
            format!(
                "captured from `{}`, but at that date it is held by `{}` ({})",
                ds.faction_id(from),
                name(ds, self.holder),
                since(st)
            ),
            "check `from`, the date, or an earlier capture of this place",
        )
    }

    /// A contest by a faction not on the holder's side.
    fn contested(&self, st: &mut PlaceState, f: FactionId) -> Outcome {
        match st.status {
            Status::Held => {
                st.status = Status::Contested;
                st.others = FactionSet::default();
                self.restart(st);
            }
            Status::Claimed => {
                st.status = Status::Contested;
                self.extend(st);
            }
            Status::Contested | Status::Disputed => self.extend(st),
        }
        add_specific(self.ds, &mut st.others, f);
        self.done()
    }

    /// A claim by a faction not on the holder's side.
    fn claimed(&self, st: &mut PlaceState, f: FactionId) -> Outcome {
        if st.status == Status::Held
            && let Some(admission) = st.conceded
        {
            // The holder had said it withdrew: the claim is the capture it admitted.
            self.restart(st);
            claims::take_over(st, f, admission);
            return self.done();
        }
        if st.status == Status::Held {
            st.status = Status::Claimed;
            st.others = FactionSet::default();
            self.restart(st);
        } else {
            self.extend(st);
        }
        if !(st.status == Status::Disputed && st.others.iter().any(|o| self.ds.related(o, f))) {
            add_specific(self.ds, &mut st.others, f);
        }
        self.done()
    }

    /// A withdrawal: the holder's admission (confirms a claim, or waits for one), a
    /// claimant's withdrawal on a later day (ends its claim), or context.
    fn withdrew(&self, st: &mut PlaceState, f: FactionId) -> Outcome {
        let ds = self.ds;
        if claims::admits_withdrawal(ds, st, self.ev, f) {
            if let Some(claimant) = claims::single_claimant(ds, st) {
                claims::take_over(st, claimant, self.id);
            } else if st.status == Status::Held {
                st.conceded = Some(self.id);
            }
            return self.done();
        }
        if self.later_than_claim && st.others.iter().any(|o| ds.related(o, f)) {
            for o in st.others.iter().filter(|o| ds.related(*o, f)) {
                st.others.remove(o);
            }
            if st.others.is_empty() {
                return Outcome::EndsClaim;
            }
        }
        self.done()
    }
}
