//! The data model: what a loaded, validated dataset holds.
//!
//! Every collection is a `Vec` and every cross-reference is a typed index into it, so the
//! timeline can work with plain integers. Text is cleaned when it is loaded
//! (see [`super::text`]), so nothing here can carry a control or bidi character.

use chrono::NaiveDate;
use serde::Serialize;

use crate::geo::MapArea;

mod area;
mod event;

pub(crate) use area::Radius;
pub(crate) use event::Contradiction;
pub(crate) use event::Dating;
pub(crate) use event::Event;
pub use event::EventKind;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub u32);
        impl $name {
            /// The position in the dataset's collection.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id_type!(
    /// Index of a [`Source`] in [`Dataset::sources`].
    SourceId
);
id_type!(
    /// Index of a [`Faction`] in [`Dataset::factions`].
    FactionId
);
id_type!(
    /// Index of a [`Place`] in [`Dataset::places`].
    PlaceId
);
id_type!(
    /// Index of an [`Event`] in [`Dataset::events`].
    EventId
);

/// Where something was written: 1-based line and column (in characters) in the dataset file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Loc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub col: u32,
}

/// A whole dataset: sources, factions, places, dated events and the contradictions between reports.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// File name used in messages (`data/syria-2024.toml` for the built-in one).
    pub origin: String,
    /// Machine name, used for export file names.
    pub id: String,
    /// Human title.
    pub name: String,
    /// What the dataset covers and how it was made.
    pub description: String,
    /// First day of the timeline.
    pub start: NaiveDate,
    /// Last day of the timeline.
    pub end: NaiveDate,
    /// After how many days a claim that no report corroborates lapses (`claims_lapse_days`);
    /// `None`: claims never lapse.
    pub claims_lapse_days: Option<u32>,
    /// The part of the world the map shows.
    pub map: MapArea,
    /// The countries the conflict is in, as the basemap names them (ISO 3166-1 alpha-2 codes,
    /// `SY`; Natural Earth's name for an area without one): declared by `[dataset] theatre`
    /// or derived from the places. Territory is shaded only inside them.
    pub theatre: Vec<String>,
    /// The reports.
    pub sources: Vec<Source>,
    /// The parties that can hold a place.
    pub factions: Vec<Faction>,
    /// Everything that can be put on the map.
    pub places: Vec<Place>,
    /// Dated statements from the reports, in file order.
    pub events: Vec<Event>,
    /// Where reports disagree, kept visible.
    pub contradictions: Vec<Contradiction>,
}

/// One report.
#[derive(Debug, Clone)]
pub struct Source {
    /// Short id used by events (`reuters-004`).
    pub id: String,
    /// File name of the text, relative to the dataset file.
    pub file: String,
    /// The outlet or wire as the text itself credits it.
    pub outlet: String,
    /// The report's headline as published, if the dataset gives it.
    pub title: Option<String>,
    /// Where the report was published (`http://` or `https://`), if the dataset gives it.
    pub url: Option<String>,
    /// The words in the text that credit the outlet, or why none can be named.
    pub credit: String,
    /// Publication date that relative dates ("on Friday") are resolved against.
    pub published: NaiveDate,
    /// Why that publication date is known.
    pub published_basis: String,
    /// Another source that is the same wire story; such sources count once as corroboration.
    pub same_story_as: Option<SourceId>,
    /// The outlets whose copy this source rewrites (`Reuters`, `AFP` for a text credited
    /// "Reuters/AFP"), as its text names them: its statements count as theirs.
    pub derived_from: Vec<String>,
    /// Free remarks.
    pub note: String,
    /// The full text.
    pub text: String,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub(crate) fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// A party that can hold a place.
#[derive(Debug, Clone)]
pub struct Faction {
    /// Short id (`gov`).
    pub id: String,
    /// Display name, as the reports name it.
    pub name: String,
    /// Short label of at most 5 characters (`GOV`).
    pub label: String,
    /// Every spelling the reports use.
    pub aliases: Vec<String>,
    /// Map colour.
    pub color: Rgb,
    /// One-cell glyph that tells the faction apart without colour.
    pub glyph: char,
    /// A wider group this one belongs to (`hts` is part of `rebels`): reports naming
    /// either one corroborate each other instead of conflicting.
    pub part_of: Option<FactionId>,
    /// The reports' word for groups they do not name ("rebels", "insurgents"): an account
    /// by it supports a named group's capture of the same loss instead of rivalling it.
    pub vague: bool,
}

/// What sort of place it is; decides how prominent its label is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// The capital.
    Capital,
    /// A city.
    City,
    /// A town.
    Town,
    /// A suburb of a city.
    Suburb,
    /// A military base.
    Base,
    /// A border crossing or border town.
    BorderTown,
    /// A village.
    Village,
    /// A named area (a region, the countryside around a city): drawn as a region from its
    /// `extent`, not as a point.
    Area,
}

impl PlaceKind {
    /// All kinds with their names in the dataset format.
    pub(crate) const ALL: [(PlaceKind, &'static str); 8] = [
        (PlaceKind::Capital, "capital"),
        (PlaceKind::City, "city"),
        (PlaceKind::Town, "town"),
        (PlaceKind::Suburb, "suburb"),
        (PlaceKind::Base, "base"),
        (PlaceKind::BorderTown, "border_town"),
        (PlaceKind::Village, "village"),
        (PlaceKind::Area, "area"),
    ];

    /// The name used in the dataset format.
    pub(crate) fn as_str(self) -> &'static str {
        PlaceKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("?", |(_, s)| s)
    }
}

/// Why the holder before the first event is known.
#[derive(Debug, Clone, Default)]
pub struct Basis {
    /// The report the quote comes from.
    pub source: Option<SourceId>,
    /// Verbatim words from that report.
    pub quote: Option<String>,
    /// The reasoning, in plain words.
    pub note: String,
}

/// Something that can be put on the map.
#[derive(Debug, Clone)]
pub struct Place {
    /// Short id (`deir-ez-zor`).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Other spellings the reports use (each occurs in a source text).
    pub aliases: Vec<String>,
    /// Spellings from the gazetteer named in `coords`, credited to it; searchable, but not
    /// the reports' own.
    pub gazetteer_aliases: Vec<String>,
    /// Kind of place.
    pub kind: PlaceKind,
    /// WGS84 latitude.
    pub lat: f64,
    /// WGS84 longitude.
    pub lon: f64,
    /// Where the coordinates come from (`GeoNames 170654`).
    pub coords_source: String,
    /// Population from the gazetteer, used to rank labels.
    pub population: Option<u64>,
    /// Holder before the first event; `None` for a place outside the conflict (a town in Iraq),
    /// or one whose holder no report gives.
    pub initial: Option<FactionId>,
    /// The place lies outside the dataset's theatre (its countries): with no holder, it is
    /// outside the conflict. Worked out when loading, for places with no starting holder.
    pub outside_theatre: bool,
    /// Why the initial holder is known.
    pub initial_basis: Basis,
    /// A place drawn for orientation, not necessarily used by any event.
    pub reference: bool,
    /// First date the place exists on the map, if not from the start.
    pub appears: Option<NaiveDate>,
    /// For an area: its extent, `[lon, lat]` polygons (the union of its divisions, or its
    /// own polygon); `lat`/`lon` are then its label point.
    pub extent: Option<std::sync::Arc<geo::MultiPolygon<f64>>>,
    /// For an area: the first-level divisions it is made of (ISO 3166-2 codes), if any.
    pub divisions: Vec<String>,
    /// For an area: the `[lon, lat]` ring of its own polygon, if it gives one.
    pub polygon: Option<Vec<[f64; 2]>>,
    /// For an area: the disc its extent is cut to (`radius_km` around its `lat`/`lon`), if
    /// it gives one.
    pub radius: Option<Radius>,
    /// Remarks by the dataset's authors: for an area, how its extent was chosen.
    pub note: String,
    /// Where the place is written in the dataset file.
    pub loc: Loc,
}

impl Place {
    /// True for a named area (drawn as a region, not a point).
    pub(crate) fn is_area(&self) -> bool {
        self.kind == PlaceKind::Area
    }

    /// True if `query` is the name or one of the spellings, ignoring case.
    pub fn matches(&self, query: &str) -> bool {
        let q = query.trim();
        self.id.eq_ignore_ascii_case(q)
            || self.name.to_lowercase() == q.to_lowercase()
            || self
                .aliases
                .iter()
                .chain(&self.gazetteer_aliases)
                .any(|a| a.to_lowercase() == q.to_lowercase())
    }
}

impl Dataset {
    /// The source of an event.
    pub fn source(&self, id: SourceId) -> &Source {
        &self.sources[id.index()]
    }
    /// A faction.
    pub fn faction(&self, id: FactionId) -> &Faction {
        &self.factions[id.index()]
    }
    /// A place.
    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id.index()]
    }
    /// An event.
    pub fn event(&self, id: EventId) -> &Event {
        &self.events[id.index()]
    }

    /// The place whose id, name or any spelling is `query` (ignoring case).
    pub fn find_place(&self, query: &str) -> Option<PlaceId> {
        self.places
            .iter()
            .position(|p| p.matches(query))
            .map(|i| PlaceId(i as u32))
    }

    /// Where the places' coordinates come from: the first word of each place's `coords`
    /// (`GeoNames 170654` gives GeoNames), with the number of places it gave, most first
    /// (ties in order of first use). A place with no word there counts as `not stated`.
    pub(crate) fn coordinate_sources(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = Vec::new();
        // An area without coordinates of its own is drawn from the basemap's divisions (or
        // its polygon): it has no coordinates to credit.
        let pointed = self
            .places
            .iter()
            .filter(|p| !(p.is_area() && p.coords_source.trim().is_empty()));
        for p in pointed {
            let word = p
                .coords_source
                .split_whitespace()
                .next()
                .map(|w| w.trim_end_matches([',', ';', ':', '.']))
                .filter(|w| !w.is_empty())
                .unwrap_or("not stated");
            match out.iter_mut().find(|(w, _)| w == word) {
                Some((_, n)) => *n += 1,
                None => out.push((word.to_string(), 1)),
            }
        }
        out.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
        out
    }

    /// The faction whose id is `id`.
    pub fn find_faction(&self, id: &str) -> Option<FactionId> {
        self.factions
            .iter()
            .position(|f| f.id == id)
            .map(|i| FactionId(i as u32))
    }

    /// True if `a` and `b` are the same faction or one is part of the other
    /// (so reports naming them agree rather than conflict).
    pub fn related(&self, a: FactionId, b: FactionId) -> bool {
        self.is_within(a, b) || self.is_within(b, a)
    }

    /// True if `inner` is `outer` or part of it, directly or through other groups.
    pub(crate) fn is_within(&self, inner: FactionId, outer: FactionId) -> bool {
        let mut cur = Some(inner);
        // The chain is acyclic (validated), and bounded by the faction count anyway.
        for _ in 0..=self.factions.len() {
            match cur {
                Some(f) if f == outer => return true,
                Some(f) => cur = self.factions[f.index()].part_of,
                None => return false,
            }
        }
        false
    }

    /// The id of a source counted for corroboration: the first of a chain of same-story copies.
    pub(crate) fn story_root(&self, mut id: SourceId) -> SourceId {
        for _ in 0..=self.sources.len() {
            match self.sources[id.index()].same_story_as {
                Some(next) => id = next,
                None => break,
            }
        }
        id
    }

    /// Every day from start to end.
    pub fn days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.start.iter_days().take_while(move |d| *d <= self.end)
    }

    /// A day given on the command line as `flag` (`--date`), `YYYY-MM-DD` and within the
    /// dataset; the error says which, with the valid range as a hint line.
    ///
    /// # Errors
    /// The message, without a leading `error: `.
    pub(crate) fn parse_day(&self, raw: &str, flag: &str) -> Result<NaiveDate, String> {
        let shown = crate::dataset::text::printable(raw);
        let range = format!("{} to {}", self.start, self.end);
        let date = NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").map_err(|_| {
            format!("{flag} `{shown}` is not a date\n  hint: write YYYY-MM-DD, from {range}")
        })?;
        if date < self.start || date > self.end {
            return Err(format!(
                "{flag} {date} is outside the dataset ({range})\n  hint: valid dates are {range}"
            ));
        }
        Ok(date)
    }
}
