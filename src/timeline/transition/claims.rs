//! The rules that let a claim be confirmed, superseded or lapse: the state machine hears both
//! sides (see the table in [`super`]).

use chrono::{Days, NaiveDate};

use super::Sides;
use crate::dataset::{Dataset, Event, EventId, EventKind, FactionId};
use crate::timeline::{ClaimEnd, FactionSet, PlaceState, Status};

/// True if `ev` (a withdrawal by `f`) is the holder's own statement that it withdrew: `f` is
/// the holder's side and the report attributes the statement to the holder's side. A
/// withdrawal only others report (a monitor, the claimant) admits nothing.
pub(super) fn admits_withdrawal<S: Sides + ?Sized>(
    ds: &S,
    st: &PlaceState,
    ev: &Event,
    f: FactionId,
) -> bool {
    st.holder
        .is_some_and(|h| ds.related(h, f) && ev.said_by.iter().any(|s| ds.related(*s, h)))
}

/// The one side claiming the place, if it is claimed by one side only.
pub(super) fn single_claimant<S: Sides + ?Sized>(ds: &S, st: &PlaceState) -> Option<FactionId> {
    if st.status != Status::Claimed {
        return None;
    }
    // Related claimants are kept as the most specific one, so one side is one member.
    let mut members = st.others.iter();
    let first = members.next()?;
    members.all(|o| ds.related(o, first)).then_some(first)
}

/// The claimant takes the place its loser admitted leaving: held by `claimant`, with the
/// admission in the support; since and the reports behind it stay the claim's.
pub(super) fn take_over(st: &mut PlaceState, claimant: FactionId, admission: EventId) {
    st.previous_holder = st.holder;
    st.holder = Some(claimant);
    st.status = Status::Held;
    st.others = FactionSet::default();
    st.acquired_by_capture = true;
    st.conceded = None;
    st.admitted = Some(admission);
    st.claim_ended = None;
}

/// A capture by the side that claimed the place confirms the claim: the captor (or the more
/// specific claimant) holds it. The change keeps the claim's dates when the capture's report
/// gives no day and its range holds the claim's (an undated recap of a dated claim); else it
/// is dated as the capture. Returns the event that dates the change.
pub(super) fn confirm_by_capture<S: Sides + ?Sized>(
    ds: &S,
    st: &mut PlaceState,
    ev: &Event,
    id: EventId,
    f: FactionId,
) -> EventId {
    let claimant = st.others.iter().find(|o| ds.related(*o, f));
    let captor = claimant.filter(|c| ds.is_within(*c, f)).unwrap_or(f);
    let claim = st.set_by.and_then(|c| Some((c, ds.dating(c)?)));
    let keeps_claim_dates = claim.filter(|(_, d)| {
        ev.dating.likely.is_none()
            && ev.dating.earliest <= d.earliest
            && d.latest <= ev.dating.latest
            && (d.latest - d.earliest) < (ev.dating.latest - ev.dating.earliest)
    });
    let admission = st.conceded.take();
    st.previous_holder = st.holder;
    st.holder = Some(captor);
    st.status = Status::Held;
    st.others = FactionSet::default();
    st.acquired_by_capture = true;
    st.admitted = admission;
    st.claim_ended = None;
    st.vague = FactionSet::default();
    if captor != f && ds.is_vague(f) {
        st.vague.insert(f);
    }
    match keeps_claim_dates {
        Some((c, _)) => c,
        None => {
            st.since = Some(ev.date);
            st.set_by = Some(id);
            id
        }
    }
}

/// True if `ev` renews the claim on a claimed place: a claim (or a capture told only by the
/// captor's side) by a claimant's side.
pub(in crate::timeline) fn renews_claim<S: Sides + ?Sized>(
    ds: &S,
    st: &PlaceState,
    ev: &Event,
) -> bool {
    st.status == Status::Claimed
        && matches!(
            super::effective_kind(ds, ev),
            EventKind::Claimed | EventKind::Captured
        )
        && ev
            .faction
            .is_some_and(|f| st.others.iter().any(|o| ds.related(o, f)))
}

/// The first day a claim last reported on `last` no longer stands, with the dataset's
/// `claims_lapse_days` (`None`: claims never lapse).
pub(in crate::timeline) fn lapse_day(ds: &Dataset, last: NaiveDate) -> Option<NaiveDate> {
    ds.claims_lapse_days
        .and_then(|n| last.checked_add_days(Days::new(u64::from(n))))
}

/// The state a place goes back to when a claim ends: the state before the claim (`pre`), saying
/// why the claim no longer stands.
pub(in crate::timeline) fn end_claim(pre: PlaceState, why: ClaimEnd) -> PlaceState {
    PlaceState {
        claim_ended: Some(why),
        unsettled: None,
        ..pre
    }
}
