//! What a chosen gazetteer place becomes: a proposed `[[places]]` entry with the report's
//! spelling, GeoNames' spelling and why; the candidates of an abstention, listed.

use super::Ids;
use crate::dataset::PlaceKind;
use crate::draft::{Candidate, Knowledge, NewPlace};
use crate::geo::distance_km;
use crate::geo::gazetteer::{self, fold};
use crate::import::slug;

/// The candidates of an abstention, most populous first, at most ten.
pub(super) fn candidates(cands: &[gazetteer::Candidate]) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = cands
        .iter()
        .map(|c| Candidate {
            name: c.entry.name.to_string(),
            country: c.entry.country.to_string(),
            admin1: c.entry.admin1.to_string(),
            lat: c.entry.lat,
            lon: c.entry.lon,
            population: c.entry.population,
            geonames_id: c.entry.geonames_id,
        })
        .collect();
    out.sort_by_key(|c| std::cmp::Reverse(c.population));
    out.truncate(10);
    out
}

/// A new place from a gazetteer candidate.
pub(super) fn new_place(
    k: &Knowledge,
    c: &gazetteer::Candidate,
    words: &str,
    ids: &mut Ids,
    why: String,
    confidence: f32,
    all: &[gazetteer::Candidate],
) -> NewPlace {
    let e = &c.entry;
    let kind = match e.population {
        p if p >= 100_000 => PlaceKind::City,
        p if p > 0 && p < 2_000 => PlaceKind::Village,
        _ => PlaceKind::Town,
    };
    let mut aliases = Vec::new();
    if fold(words) != fold(e.name) {
        aliases.push(words.to_string());
    }
    let mut gazetteer_aliases = Vec::new();
    if c.spelling != e.name && c.spelling != words {
        gazetteer_aliases.push(c.spelling.to_string());
    }
    let others: Vec<String> = all
        .iter()
        .filter(|o| o.entry.geonames_id != e.geonames_id)
        .take(4)
        .map(|o| {
            format!(
                "{} ({}, {} km away)",
                o.entry.name,
                o.entry.country,
                distance_km((o.entry.lon, o.entry.lat), (e.lon, e.lat)).round()
            )
        })
        .collect();
    let map = k.loaded.dataset.map;
    let mut why = why;
    if c.edits > 0 {
        why.push_str(&format!(
            "; the report's spelling is {} letter(s) off GeoNames' {}",
            c.edits, c.spelling
        ));
    }
    if !others.is_empty() {
        why.push_str(&format!("; not {}", others.join(", ")));
    }
    if !map.contains(e.lon, e.lat) {
        why.push_str("; outside the dataset's map area: widen [dataset.map] before adding it");
    }
    NewPlace {
        id: ids.take(&slug(words), "place"),
        name: e.name.to_string(),
        aliases,
        gazetteer_aliases,
        kind,
        lat: Some(e.lat),
        lon: Some(e.lon),
        coords: format!("GeoNames {}", e.geonames_id),
        population: (e.population > 0).then_some(u64::from(e.population)),
        country: e.country.to_string(),
        divisions: Vec::new(),
        confidence,
        why,
    }
}
