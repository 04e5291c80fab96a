//! How frontline puts events and states into words for people: the same phrases on the
//! screen, in the CLI's reports and in every export.

use std::fmt::Write as _;

use chrono::{Datelike, NaiveDate};

use crate::dataset::{Dataset, Event, EventKind, Precision};
use crate::timeline::{PlaceState, Status};

/// `2024-12-06 Fri`.
pub fn day_label(d: NaiveDate) -> String {
    format!("{d} {}", d.weekday())
}

/// How an event's date is known, for people: `2024-12-06` or `~2024-11-30 (2024-11-29..2024-12-01)`.
pub fn event_date(ev: &Event) -> String {
    match ev.precision {
        Precision::Day => ev.date.to_string(),
        Precision::Approximate { earliest, latest } if earliest == latest => ev.date.to_string(),
        Precision::Approximate { earliest, latest } => {
            format!("~{} ({earliest}..{latest})", ev.date)
        }
    }
}

/// reported, claimed or denied: how firmly the source states the event.
pub fn event_status(ev: &Event) -> &'static str {
    match ev.kind {
        EventKind::Claimed => "claimed",
        EventKind::Denied => "denied",
        _ => "reported",
    }
}

/// `captured by SOR from GOV`, `contested by HTS`, `unrest`.
pub fn event_summary(ds: &Dataset, ev: &Event) -> String {
    let mut s = ev.kind.as_str().to_string();
    if let Some(f) = ev.faction {
        let _ = write!(s, " by {}", ds.faction(f).label);
    }
    if let Some(f) = ev.from {
        let _ = write!(s, " from {}", ds.faction(f).label);
    }
    s
}

/// The source as cited: `004 (Reuters)`.
pub fn cite(ds: &Dataset, ev: &Event) -> String {
    let src = ds.source(ev.source);
    format!("{} ({}, {})", src.id, src.outlet, src.file)
}

/// A one-line description of a state: "held by GOV", "contested: GOV holds, HTS attacks".
pub fn describe(ds: &Dataset, state: &PlaceState) -> String {
    let holder = state
        .holder
        .map_or_else(|| "no holder".to_string(), |h| ds.faction(h).label.clone());
    let others: Vec<&str> = state
        .others
        .iter()
        .map(|f| ds.faction(f).label.as_str())
        .collect();
    let others = others.join(", ");
    let denied = if state.denied { " (denied)" } else { "" };
    match state.status {
        Status::Held if state.holder.is_none() => "outside the conflict".to_string(),
        Status::Held => format!("held by {holder}"),
        Status::Contested => {
            format!("contested: {holder} holds, {others} inside or attacking{denied}")
        }
        Status::Claimed => format!("claimed by {others}, unconfirmed; {holder} held it{denied}"),
        Status::Disputed => {
            format!("disputed: reports name {holder} or {others} as captor{denied}")
        }
    }
}

/// Licences of the gazetteers datasets commonly take coordinates from, by the word a place's
/// `coords` starts with (compared ignoring case).
const GAZETTEER_LICENCES: [(&str, &str); 5] = [
    ("GeoNames", "GeoNames (CC BY 4.0)"),
    ("OpenStreetMap", "OpenStreetMap contributors (ODbL)"),
    ("OSM", "OpenStreetMap contributors (ODbL)"),
    ("Wikidata", "Wikidata (CC0)"),
    ("airportsdata", "airportsdata (MIT)"),
];

/// Who gave the places' coordinates, from what the dataset says of each place: `Place
/// coordinates: GeoNames (CC BY 4.0) for 16 places; airportsdata (MIT) for 1.`
pub fn coordinate_credits(ds: &Dataset) -> String {
    let parts: Vec<String> = ds
        .coordinate_sources()
        .iter()
        .enumerate()
        .map(|(i, (word, n))| {
            let name = GAZETTEER_LICENCES
                .iter()
                .find(|(w, _)| w.eq_ignore_ascii_case(word))
                .map_or(word.as_str(), |(_, credit)| credit);
            let places = if i == 0 && *n != 1 {
                " places"
            } else if i == 0 {
                " place"
            } else {
                ""
            };
            format!("{name} for {n}{places}")
        })
        .collect();
    if parts.is_empty() {
        return "Place coordinates: none (the dataset has no places).".to_string();
    }
    format!("Place coordinates: {}.", parts.join("; "))
}
