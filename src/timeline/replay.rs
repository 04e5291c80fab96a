//! One place's events replayed through the control rules ([`transition::apply`]) outside a
//! loaded dataset: `frontline import` replays each place's rows to write only events the
//! timeline will accept.

use super::claim::Claim;
use super::transition::{self, Outcome, Sides};
use super::{ClaimEnd, PlaceState, Status};
use crate::dataset::{Event, EventId, FactionId};

/// A place's state while its events are replayed, one at a time, in date order.
#[derive(Debug, Clone)]
pub(crate) struct Replay {
    state: PlaceState,
    /// The claim it is under, to go back from if its claimant withdraws.
    claim: Claim,
    /// Events applied so far (the next one's position and id).
    applied: u32,
}

impl Default for Replay {
    fn default() -> Self {
        Replay::new(None)
    }
}

impl Replay {
    /// A place held by `holder` (or nobody) before its first event.
    pub(crate) fn new(holder: Option<FactionId>) -> Self {
        Replay {
            state: PlaceState::initial(holder),
            claim: Claim::default(),
            applied: 0,
        }
    }

    /// Who holds the place.
    pub(crate) fn holder(&self) -> Option<FactionId> {
        self.state.holder
    }

    /// How firmly.
    pub(crate) fn status(&self) -> Status {
        self.state.status
    }

    /// Apply `ev`, as the timeline would (a claim its claimant withdraws from ends, the
    /// state going back to what it was before the claim); on an error, the state is
    /// unchanged. Events are numbered in the order applied.
    ///
    /// # Errors
    /// The rules' own message, where the timeline would refuse the event.
    pub(crate) fn apply<S: Sides + ?Sized>(
        &mut self,
        sides: &S,
        ev: &Event,
    ) -> Result<(), transition::TransitionError> {
        let id = EventId(self.applied);
        let before = self.state;
        let mut state = before;
        if transition::apply(sides, &mut state, ev, self.applied, id)? == Outcome::EndsClaim {
            let why = ClaimEnd::Withdrawn {
                claim: before.set_by.unwrap_or(id),
                by: id,
            };
            state = self.claim.end(before, why);
        }
        self.claim.follow(sides, &before, &state, ev);
        self.state = state;
        self.applied += 1;
        Ok(())
    }
}
