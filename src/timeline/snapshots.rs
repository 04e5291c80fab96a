//! Every place's days with events and its state after each, flat.

use chrono::NaiveDate;

use super::PlaceState;

/// Per place: the days that have events, in order, and the state after each of them. All
/// places' days are one vector and all their states another (a place's are a range of each),
/// so a pass over every place in order (a comparison of two days, a jump) reads memory in
/// order; a pair of vectors per place sent each read somewhere else in the heap, and made a
/// comparison at 10,000 places wait on memory.
#[derive(Debug, Clone)]
pub(super) struct Snapshots {
    days: Vec<NaiveDate>,
    states: Vec<PlaceState>,
    /// Where each place's range starts, and one more: where the last one ends.
    starts: Vec<usize>,
}

impl Snapshots {
    /// Room for `places` places, none added yet.
    pub(super) fn with_capacity(places: usize) -> Snapshots {
        let mut starts = Vec::with_capacity(places + 1);
        starts.push(0);
        Snapshots {
            days: Vec::new(),
            states: Vec::new(),
            starts,
        }
    }

    /// Adds the next place's days and the state after each (one state per day: any more of
    /// either are left out, so the two vectors always stay the same length).
    pub(super) fn push(&mut self, days: &[NaiveDate], states: &[PlaceState]) {
        let n = days.len().min(states.len());
        self.days.extend_from_slice(&days[..n]);
        self.states.extend_from_slice(&states[..n]);
        self.starts.push(self.days.len());
    }

    /// How many places there are.
    pub(super) fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Place `p`'s days and its states after them, if there is such a place.
    #[inline]
    pub(super) fn get(&self, p: usize) -> Option<(&[NaiveDate], &[PlaceState])> {
        let (&start, &end) = (self.starts.get(p)?, self.starts.get(p + 1)?);
        Some((&self.days[start..end], &self.states[start..end]))
    }

    /// Every place's days and states, in order.
    #[inline]
    pub(super) fn iter(&self) -> impl Iterator<Item = (&[NaiveDate], &[PlaceState])> {
        self.starts
            .windows(2)
            .map(|w| (&self.days[w[0]..w[1]], &self.states[w[0]..w[1]]))
    }
}
