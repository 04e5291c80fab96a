//! What the map shows, independent of how it is drawn: the viewport (zoom and pan over the
//! projection), each place's marker, the ranking and placement of labels, and the legend's
//! words. The terminal map and the SVG/PNG export both draw from here, so a picture and the
//! screen never disagree. Nothing here draws.

pub mod compare;
pub mod day;
mod labels;
pub mod panel;
mod strip;
pub mod territory;
mod viewport;
pub mod words;

pub(crate) use labels::LabelRequest;

pub(crate) use labels::name_spots;

pub(crate) use labels::place_labels;
pub use strip::days_per_cell;
pub(crate) use strip::history_strip;
pub(crate) use viewport::Viewport;

use std::sync::Arc;

use crate::dataset::{Dataset, PlaceId, PlaceKind};
use crate::geo::{Basemap, World};
use crate::timeline::{Cursor, PlaceState, Status};

/// How far the map zooms, over the whole map area (1) to forty times closer: the screen's
/// `+`/`-` and every export's `--zoom` alike.
pub(crate) const ZOOM_LIMITS: (f64, f64) = (1.0, 40.0);

/// A zoom factor brought within [`ZOOM_LIMITS`].
pub(crate) fn clamp_zoom(zoom: f64) -> f64 {
    zoom.clamp(ZOOM_LIMITS.0, ZOOM_LIMITS.1)
}

/// The second character of a marker: how firmly the place is held.
pub(crate) fn status_mark(status: Status) -> char {
    match status {
        Status::Held => ' ',
        Status::Contested => '×',
        Status::Claimed => '?',
        Status::Disputed => '≠',
    }
}

/// The second character of a place's marker on a day: its status mark, or `~` for a held
/// place whose latest reported change is not settled on that day (it falls between the
/// change's earliest and latest possible day).
pub(crate) fn mark(state: &PlaceState) -> char {
    match state.status {
        Status::Held if state.unsettled.is_some() => UNSETTLED_MARK,
        status => status_mark(status),
    }
}

/// The mark of an unsettled place.
pub(crate) const UNSETTLED_MARK: char = '~';

/// The glyph of a place: its holder's glyph, or `·` for a place with no holder.
pub(crate) fn glyph(ds: &Dataset, state: &PlaceState) -> char {
    state.holder.map_or('·', |h| ds.faction(h).glyph)
}

/// A status mark and what it means, at each length a legend words it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct StatusWords {
    /// The marker's second character.
    pub mark: char,
    /// One word: the screen's border legend.
    pub word: &'static str,
    /// One line of a picture's legend.
    pub line: &'static str,
    /// The help's line.
    pub help: &'static str,
}

/// Every status mark's words, held first (the marks the legends explain follow it): the one
/// table the screen's border legend, its help and the pictures' legend read.
pub(crate) const STATUS_WORDS: [StatusWords; 5] = [
    StatusWords {
        mark: ' ',
        word: "held",
        line: "held",
        help: "held",
    },
    StatusWords {
        mark: '×',
        word: "contested",
        line: "contested: fighting, holder not ousted",
        help: "contested: fighting or entered; holder not ousted",
    },
    StatusWords {
        mark: '?',
        word: "claimed",
        line: "claimed by another side, unconfirmed",
        help: "claimed by another party, unconfirmed",
    },
    StatusWords {
        mark: '≠',
        word: "disputed",
        line: "disputed: reports name different captors",
        help: "disputed: reports name different captors",
    },
    StatusWords {
        mark: UNSETTLED_MARK,
        word: "unsettled",
        line: "unsettled: changed between two dates",
        help: "unsettled: a reported change falls between two dates (the reports give a range or no day)",
    },
];

/// The glyph of a place no one holds, and its word in the legends.
pub(crate) const NO_HOLDER: (char, &str) = ('·', "no holder");

/// The caveat printed with the territory shading, with the distances the map uses.
pub(crate) fn area_note() -> String {
    let p = &territory::PARAMS;
    format!(
        "Shaded areas are approximated from the reported places, not from front lines: a boundary runs midway between neighbouring places of opposing sides; land counts only within {} km of a place of its side, or between two of its places no more than {} km apart; a place whose neighbours all read otherwise (an isolated report) and a contested place keep a {} km disc, not a share of the land. The rest is dotted grey: no reports. The dataset's named areas (outlined, dashed) take precedence inside them.",
        p.reach_km, p.enclose_km, p.local_km
    )
}

/// What the stripes of the territory shading mean.
pub(crate) const STRIPES_NOTE: &str = "Striped: claimed land in the claimant's colour, disputed land in both accounts' colours, land whose change is unsettled in grey: never in the old holder's colour alone.";

/// What the grey dots mean.
pub(crate) const NO_REPORTS_NOTE: &str =
    "Dotted grey: no reports, no reported place near enough to say who holds the land.";

/// What the basemap's lines are, for legends and footers.
pub(crate) const BORDERS_NOTE: &str = "Borders, coasts and first-level divisions: Natural Earth 1:10m; lakes and rivers 1:50m. Borders are the de facto lines Natural Earth draws (Crimea inside Russia, the Golan inside Israel), not a statement on any claim.";

/// The basemap under a viewport: its visible area and some margin, at the detail
/// `dots_per_col` dots per column resolve (2 for the terminal's Braille, 1 for pixels). The
/// screen and the pictures both take their geography from here.
pub fn basemap(vp: &Viewport, dots_per_col: f64) -> Arc<Basemap> {
    let area = vp.area();
    match World::builtin() {
        Some(world) => world.view(&area, vp.km_per_col / dots_per_col.max(1.0)),
        None => Arc::new(Basemap::empty(area)),
    }
}

/// Whether a place's holder shades the territory around it: it has a holder, and the reports
/// agree on who that is (a disputed captor would settle the dispute in colour).
pub(crate) fn tints_territory(state: &PlaceState) -> bool {
    state.holder.is_some() && state.status != Status::Disputed
}

/// The points with a holder the reports agree on, on the cursor's day, as `(lon, lat,
/// place)`: the places whose land [`territory::territory`] draws in a faction's colour or
/// stripes of it (areas included, at their label point). Tests compare the shading with it.
#[doc(hidden)]
pub fn territory_points(ds: &Dataset, cursor: &Cursor) -> Vec<(f64, f64, PlaceId)> {
    (0..ds.places.len() as u32)
        .map(PlaceId)
        .filter(|p| cursor.state(*p).is_some_and(tints_territory))
        .map(|p| (ds.place(p).lon, ds.place(p).lat, p))
        .collect()
}

/// How important a place's label is; higher wins when labels collide.
pub(crate) fn rank(
    kind: PlaceKind,
    population: Option<u64>,
    changed_today: bool,
    selected: bool,
) -> u64 {
    let kind_rank: u64 = match kind {
        PlaceKind::Capital => 6,
        PlaceKind::City => 5,
        PlaceKind::BorderTown | PlaceKind::Base => 4,
        PlaceKind::Town => 3,
        PlaceKind::Suburb => 2,
        PlaceKind::Village | PlaceKind::Area => 1,
    };
    let boost = if selected {
        1 << 40
    } else if changed_today {
        1 << 36
    } else {
        0
    };
    boost + (kind_rank << 28) + population.unwrap_or(0).min((1 << 28) - 1)
}

/// Zoom and centre of the map and whether areas are shaded: what a user chose on the screen,
/// carried into an export so that the picture shows what the screen shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MapView {
    /// Zoom factor over the whole map area (1 = whole area), clamped to 1..=40.
    pub zoom: f64,
    /// Centre of the view in projected km; `None` for the centre of the map area.
    pub center: Option<(f64, f64)>,
    /// Shade the approximated territory (the terminal's `t` turns it off).
    pub territory: bool,
}

#[cfg(test)]
mod tests {
    use super::area_note;

    /// The note gives the distances as a reader writes them: whole kilometres.
    #[test]
    fn the_area_note_gives_whole_kilometres() {
        let note = area_note();
        for words in ["within 60 km", "no more than 350 km apart", "a 5 km disc"] {
            assert!(note.contains(words), "{words:?} not in {note}");
        }
    }
}
