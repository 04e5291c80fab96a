//! Places of one name. A dataset may hold several places that share a name or a spelling
//! (Ukraine alone has dozens of villages called Novoselivka); what names a place to a reader
//! then tells them apart by first-level division, and by coordinates where the division does
//! not (`Borova (Kharkiv)`, `Borova (Kyiv)`).

use std::collections::HashMap;

use super::model::{Dataset, Place, PlaceId};
use crate::geo::World;

/// Two places of one spelling nearer than this (km) may be one place entered twice.
pub(crate) const NAMESAKES_NEAR_KM: f64 = 5.0;

/// Every spelling of a place, lower-cased, each once: its name, the reports' spellings and
/// the gazetteer's.
pub(crate) fn spellings(p: &Place) -> Vec<String> {
    let mut names: Vec<String> = std::iter::once(&p.name)
        .chain(&p.aliases)
        .chain(&p.gazetteer_aliases)
        .map(|a| a.to_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

/// For every spelling borne by more than one place, those places (in dataset order).
pub(crate) fn shared(ds: &Dataset) -> Vec<(String, Vec<PlaceId>)> {
    let mut by: HashMap<String, Vec<PlaceId>> = HashMap::new();
    for (i, p) in ds.places.iter().enumerate() {
        for n in spellings(p) {
            by.entry(n).or_default().push(PlaceId(i as u32));
        }
    }
    let mut out: Vec<(String, Vec<PlaceId>)> =
        by.into_iter().filter(|(_, v)| v.len() > 1).collect();
    out.sort_by_key(|(_, v)| v[0]);
    out
}

/// The other places that share a spelling with `place`.
pub(crate) fn of(ds: &Dataset, place: PlaceId) -> Vec<PlaceId> {
    let mine = spellings(ds.place(place));
    let mut out: Vec<PlaceId> = ds
        .places
        .iter()
        .enumerate()
        .filter(|&(i, p)| i != place.index() && spellings(p).iter().any(|n| mine.contains(n)))
        .map(|(i, _)| PlaceId(i as u32))
        .collect();
    out.dedup();
    out
}

/// The English name of the first-level division holding `(lon, lat)` in the built-in
/// basemap (`Kharkiv`, `Homs`), if any holds it.
pub(crate) fn division(lon: f64, lat: f64) -> Option<String> {
    World::builtin()?
        .division_holding(lon, lat)
        .map(|(_, name)| name)
        .filter(|n| !n.is_empty())
}

/// How to name `place` to a reader: its name alone when no other place shares a spelling
/// with it; else with its first-level division (`Borova (Kharkiv)`), and its coordinates
/// too when a namesake lies in the same division or none is known
/// (`Borova (Kharkiv, 49.380 N 37.619 E)`).
pub(crate) fn label(ds: &Dataset, place: PlaceId) -> String {
    let p = ds.place(place);
    let others = of(ds, place);
    if others.is_empty() {
        return p.name.clone();
    }
    let mine = division(p.lon, p.lat);
    let same = mine.is_none()
        || others.iter().any(|&o| {
            let q = ds.place(o);
            division(q.lon, q.lat) == mine
        });
    let at = format!("{:.3} N {:.3} E", p.lat, p.lon);
    match (mine, same) {
        (Some(d), false) => format!("{} ({d})", p.name),
        (Some(d), true) => format!("{} ({d}, {at})", p.name),
        (None, _) => format!("{} ({at})", p.name),
    }
}

/// [`label`] of every place, by index: its name, told apart from its namesakes where it has
/// any. One pass to find the shared spellings, so it suits a dataset of any size.
pub(crate) fn labels(ds: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = ds.places.iter().map(|p| p.name.clone()).collect();
    let mut done = vec![false; ds.places.len()];
    for (_, places) in shared(ds) {
        for p in places {
            if !std::mem::replace(&mut done[p.index()], true) {
                out[p.index()] = label(ds, p);
            }
        }
    }
    out
}
