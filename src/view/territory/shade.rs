//! What a place's state gives its land: a holder and how firmly it is held.

use crate::dataset::FactionId;
use crate::timeline::{PlaceState, Status};

/// How firmly land is held, as its shading says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Firmness {
    /// Held, nobody contesting.
    Held,
    /// Fought over or entered; the holder is not ousted.
    Contested,
    /// Claimed by another party, unconfirmed: not drawn in the holder's colour.
    Claimed,
    /// Reports name different captors: drawn in neither's colour alone.
    Disputed,
    /// A reported change may or may not have happened by this day: drawn in no colour.
    Unsettled,
}

impl Firmness {
    /// The word in exports and legends.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Firmness::Held => "held",
            Firmness::Contested => "contested",
            Firmness::Claimed => "claimed",
            Firmness::Disputed => "disputed",
            Firmness::Unsettled => "unsettled",
        }
    }
}

/// What a piece of land is shaded as: its holder (none for land claimed where nobody held
/// it) and how firmly.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Shade {
    /// Who holds it.
    pub holder: Option<FactionId>,
    /// How firmly.
    pub firmness: Firmness,
}

/// The shade a place's state gives its land; `None` for a place that gives its land to
/// nobody (outside the conflict, nobody holding or claiming it).
pub(crate) fn shade(state: &PlaceState) -> Option<Shade> {
    let firmness = match state.status {
        Status::Held if state.unsettled.is_some() => Firmness::Unsettled,
        Status::Held => Firmness::Held,
        Status::Contested => Firmness::Contested,
        Status::Claimed => Firmness::Claimed,
        Status::Disputed => Firmness::Disputed,
    };
    (state.holder.is_some() || !state.others.is_empty()).then_some(Shade {
        holder: state.holder,
        firmness,
    })
}
