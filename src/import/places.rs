//! The places of an import: one per name and position, named so that no two share a name,
//! and the map area around them.

use std::collections::{HashMap, HashSet};

use super::Row;
use super::assemble::Unique;
use super::rows::slug;
use crate::dataset::PlaceKind;
use crate::geo::MapArea;

/// One place to write.
pub(super) struct PlaceOut {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub lat: f64,
    pub lon: f64,
    pub coords: String,
}

/// The places, and the place of each row.
pub(super) struct Places {
    pub out: Vec<PlaceOut>,
    pub of_row: Vec<usize>,
}

/// One place per name and position (to 1e-4 degree, about 10 m), named uniquely: places
/// that share a name get their qualifiers (admin-2, admin-1, country) or coordinates added.
pub(super) fn places(rows: &[Row]) -> Places {
    let mut index: HashMap<(String, i64, i64), usize> = HashMap::new();
    let mut first: Vec<usize> = Vec::new();
    let mut of_row = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        let key = (
            r.place.to_lowercase(),
            (r.lat * 1e4).round() as i64,
            (r.lon * 1e4).round() as i64,
        );
        let p = *index.entry(key).or_insert_with(|| {
            first.push(i);
            first.len() - 1
        });
        of_row.push(p);
    }
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (p, &r) in first.iter().enumerate() {
        by_name
            .entry(rows[r].place.to_lowercase())
            .or_default()
            .push(p);
    }
    let mut names: Vec<String> = first.iter().map(|&r| rows[r].place.clone()).collect();
    for group in by_name.values().filter(|g| g.len() > 1) {
        for &p in group {
            let r = &rows[first[p]];
            let label = |k: usize| format!("{} ({})", r.place, r.qualifiers[..k].join(", "));
            let unique = |k: usize| {
                group
                    .iter()
                    .filter(|&&q| {
                        let o = &rows[first[q]];
                        o.qualifiers.len() >= k && o.qualifiers[..k] == r.qualifiers[..k]
                    })
                    .count()
                    == 1
            };
            names[p] = (1..=r.qualifiers.len())
                .find(|&k| unique(k))
                .map(label)
                .unwrap_or_else(|| format!("{} ({:.4}, {:.4})", r.place, r.lat, r.lon));
        }
    }
    let mut taken = HashSet::new();
    let mut ids = Unique::default();
    let out = first
        .iter()
        .enumerate()
        .map(|(p, &r)| {
            let row = &rows[r];
            let mut name = names[p].clone();
            let mut n = 1;
            while !taken.insert(name.to_lowercase()) {
                n += 1;
                name = format!("{} ({n})", names[p]);
            }
            PlaceOut {
                id: ids.take(&slug(&name), "place"),
                name,
                kind: row.kind,
                lat: row.lat,
                lon: row.lon,
                coords: row.coords.clone(),
            }
        })
        .collect();
    Places { out, of_row }
}

/// The places' bounding box with a margin, within the globe.
pub(super) fn map_area(places: &[PlaceOut]) -> MapArea {
    let (mut a, mut b, mut c, mut d) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in places {
        a = a.min(p.lon);
        b = b.max(p.lon);
        c = c.min(p.lat);
        d = d.max(p.lat);
    }
    let margin = |lo: f64, hi: f64| ((hi - lo) * 0.05).max(0.5);
    let (mx, my) = (margin(a, b), margin(c, d));
    MapArea {
        min_lon: (a - mx).max(-180.0),
        max_lon: (b + mx).min(180.0),
        min_lat: (c - my).max(-90.0),
        max_lat: (d + my).min(90.0),
    }
}
