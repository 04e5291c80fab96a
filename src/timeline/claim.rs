//! The claim a place is under while its events are replayed: what it goes back to when the
//! claim ends (its claimant withdraws, or no report renews it), kept the same way by the
//! timeline and by the importer's replay of rows.

use chrono::NaiveDate;

use super::transition::{self, Sides};
use super::{ClaimEnd, PlaceState, Status};
use crate::dataset::{Dataset, Event};

/// The claim a place is under while it is replayed: the state before the claim (what the place
/// goes back to when the claim ends) and the day of its last report (for the lapse).
#[derive(Debug, Clone, Default)]
pub(super) struct Claim {
    before: Option<PlaceState>,
    last_report: Option<NaiveDate>,
}

impl Claim {
    /// Note what `ev` did to the claim, taking the place from `before` to `after`.
    pub(super) fn follow<S: Sides + ?Sized>(
        &mut self,
        ds: &S,
        before: &PlaceState,
        after: &PlaceState,
        ev: &Event,
    ) {
        if after.status != Status::Claimed {
            *self = Claim::default();
        } else if before.status != Status::Claimed {
            self.before = Some(*before);
            self.last_report = Some(ev.date);
        } else if transition::renews_claim(ds, after, ev) {
            self.last_report = Some(ev.date);
        }
    }

    /// The place's state when the claim ends, and no longer under it.
    pub(super) fn end(&mut self, claimed: PlaceState, why: ClaimEnd) -> PlaceState {
        let state = self
            .before
            .map_or(claimed, |pre| transition::end_claim(pre, why));
        *self = Claim::default();
        state
    }

    /// If the claim lapses by `until` (the next event's day, or the dataset's end), the day
    /// it lapses and the place's state from then.
    pub(super) fn lapse(
        &mut self,
        ds: &Dataset,
        state: &PlaceState,
        until: NaiveDate,
    ) -> Option<(NaiveDate, PlaceState)> {
        if state.status != Status::Claimed {
            return None;
        }
        let day = transition::lapse_day(ds, self.last_report?).filter(|d| *d <= until)?;
        let claim = state.set_by?;
        Some((day, self.end(*state, ClaimEnd::Lapsed { claim, on: day })))
    }
}
