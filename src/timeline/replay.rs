//! One place's events replayed through the control rules ([`transition::apply`]) outside a
//! loaded dataset: `frontline import` replays each place's rows to write only events the
//! timeline will accept.

use super::transition::{self, Outcome, Sides};
use super::{ClaimEnd, PlaceState, Status};
use crate::dataset::{Event, EventId, FactionId};

/// A place's state while its events are replayed, one at a time, in date order.
#[derive(Debug, Clone)]
pub(crate) struct Replay {
    state: PlaceState,
    /// The state before the current claim, to go back to if its claimant withdraws.
    before_claim: Option<PlaceState>,
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
            before_claim: None,
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
        match transition::apply(sides, &mut state, ev, self.applied, id)? {
            Outcome::Applied { .. } => {}
            Outcome::EndsClaim => {
                let why = ClaimEnd::Withdrawn {
                    claim: before.set_by.unwrap_or(id),
                    by: id,
                };
                state = self
                    .before_claim
                    .map_or(before, |pre| transition::end_claim(pre, why));
            }
        }
        if state.status != Status::Claimed {
            self.before_claim = None;
        } else if before.status != Status::Claimed {
            self.before_claim = Some(before);
        }
        self.state = state;
        self.applied += 1;
        Ok(())
    }
}
