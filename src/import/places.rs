//! The places of an import: one per name and position (rows of a name within a kilometre
//! are one place), named so that no two share a name,
//! and the map area around them.

use std::collections::{HashMap, HashSet};

use super::assemble::Unique;
use super::rows::slug;
use super::{Row, RowNote};
use crate::dataset::PlaceKind;
use crate::dataset::warnings::{self, Evidence};
use crate::geo::gazetteer::gazetteer;
use crate::geo::{MapArea, distance_km};

/// One place to write.
pub(super) struct PlaceOut {
    pub id: String,
    pub name: String,
    pub kind: PlaceKind,
    pub lat: f64,
    pub lon: f64,
    pub coords: String,
    /// The line of the row it takes its position from.
    pub line: u64,
    /// The name as that row gives it (`name` may add words that tell namesakes apart).
    pub given: String,
}

/// The places, and the place of each row.
pub(super) struct Places {
    pub out: Vec<PlaceOut>,
    pub of_row: Vec<usize>,
    /// Rows made one place with a row at another position, each saying so.
    pub merged: Vec<RowNote>,
}

/// Rows of one name this close (km) are one place: a town's rows rarely agree to the metre
/// (one gives the centre, another the gazetteer's point), and two places of one name are
/// rarely nearer than this.
pub(super) const SAME_PLACE_KM: f64 = 1.0;

/// Grid cells of this many degrees find the places of a name near a row without comparing
/// it with every other place of that name.
const CELL_DEG: f64 = 0.01;

/// One place per name and position, rows of one name within [`SAME_PLACE_KM`] of a place's
/// first row being that place (each such row not at its exact position is a note in
/// [`Places::merged`]); named uniquely: places that share a name get their qualifiers (admin-2,
/// admin-1, country) or coordinates added. A row whose coordinates were looked up in the
/// gazetteer never gives a place its position when a row of the same place gives its own.
#[expect(
    clippy::too_many_lines,
    reason = "the rows grouped into places in one pass, merge rules in order"
)]
pub(super) fn places(rows: &[Row]) -> Places {
    let mut merged = Vec::new();
    // Rows with their own coordinates first, so that they place what they share.
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| rows[i].looked_up);
    let cell = |lat: f64, lon: f64| {
        (
            (lat / CELL_DEG).floor() as i64,
            (lon / CELL_DEG).floor() as i64,
        )
    };
    let mut name_ids: HashMap<String, usize> = HashMap::new();
    let mut grid: HashMap<(usize, i64, i64), Vec<usize>> = HashMap::new();
    let mut first: Vec<usize> = Vec::new();
    let mut of_row = vec![0; rows.len()];
    for i in order {
        let r = &rows[i];
        let next = name_ids.len();
        let name = *name_ids.entry(r.place.to_lowercase()).or_insert(next);
        let (cy, cx) = cell(r.lat, r.lon);
        // Cells to search east and west: a degree of longitude shrinks towards the poles.
        let km_per_cell = crate::geo::KM_PER_DEGREE * CELL_DEG * r.lat.to_radians().cos();
        let reach = (SAME_PLACE_KM / km_per_cell.max(1e-9)).ceil().min(100.0) as i64;
        let mut near: Option<(f64, usize)> = None;
        for dy in -1..=1 {
            for dx in -reach..=reach {
                let key = (name, cy + dy, cx + dx);
                for &p in grid.get(&key).into_iter().flatten() {
                    let o = &rows[first[p]];
                    let km = distance_km((o.lon, o.lat), (r.lon, r.lat));
                    if km <= SAME_PLACE_KM && near.is_none_or(|(k, q)| (km, p) < (k, q)) {
                        near = Some((km, p));
                    }
                }
            }
        }
        let p = match near {
            Some((km, p)) => {
                let o = &rows[first[p]];
                if (o.lat, o.lon) != (r.lat, r.lon) {
                    merged.push(RowNote {
                        line: r.line,
                        message: format!(
                            "{} at lat {}, lon {} is {:.0} m from line {}'s {} at lat {}, lon {}: imported as one place",
                            r.place,
                            r.lat,
                            r.lon,
                            km * 1000.0,
                            o.line,
                            o.place,
                            o.lat,
                            o.lon
                        ),
                    });
                }
                p
            }
            None => {
                first.push(i);
                grid.entry((name, cy, cx))
                    .or_default()
                    .push(first.len() - 1);
                first.len() - 1
            }
        };
        of_row[i] = p;
    }
    // Places in the order of their first rows, as the file has them.
    let mut by_first: Vec<usize> = (0..first.len()).collect();
    let mut earliest = vec![usize::MAX; first.len()];
    for (i, &p) in of_row.iter().enumerate() {
        earliest[p] = earliest[p].min(i);
    }
    by_first.sort_by_key(|&p| earliest[p]);
    let mut renumber = vec![0; first.len()];
    for (n, &p) in by_first.iter().enumerate() {
        renumber[p] = n;
    }
    let first: Vec<usize> = by_first.iter().map(|&p| first[p]).collect();
    for p in &mut of_row {
        *p = renumber[*p];
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
                line: row.line,
                given: row.place.clone(),
            }
        })
        .collect();
    Places {
        out,
        of_row,
        merged,
    }
}

/// A note for every place whose coordinates, swapped, land near a gazetteer place of its
/// name while as given they are far from every one: the check `validate` makes (see
/// [`crate::dataset::warnings::evidence`]), here against namesakes anywhere.
pub(super) fn swapped(places: &[PlaceOut]) -> Vec<RowNote> {
    let found = gazetteer().exact_many(places.iter().map(|p| p.given.as_str()));
    let mut out = Vec::new();
    for p in places {
        let namesakes = warnings::namesakes(&found, [p.given.as_str()], None);
        if let Some(Evidence::Swapped {
            nearest: (km, c),
            swapped: (skm, s),
        }) = warnings::evidence(p.lat, p.lon, None, &namesakes)
        {
            out.push(RowNote {
                line: p.line,
                message: format!(
                    "lat {}, lon {} look swapped: as given, {} is {km:.0} km from the nearest gazetteer place of its name ({}), but lat {}, lon {} is {skm:.0} km from the gazetteer's {}; imported as given",
                    p.lat,
                    p.lon,
                    p.name,
                    c.entry.name,
                    p.lon,
                    p.lat,
                    warnings::describe(s),
                ),
            });
        }
    }
    out
}

/// Kilometres in a degree of latitude (and of longitude at the equator).
const KM_PER_DEGREE: f64 = 111.32;

/// The places' bounding box with a margin, within the globe.
pub(super) fn map_area(places: &[PlaceOut]) -> MapArea {
    let (mut a, mut b, mut c, mut d) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for p in places {
        a = a.min(p.lon);
        b = b.max(p.lon);
        c = c.min(p.lat);
        d = d.max(p.lat);
    }
    // A twentieth of the span each side, and at least a quarter more than the shading's
    // reach, so that the land a place at the edge shades is inside the picture.
    let reach = crate::geo::Params::DEFAULT.reach_km * 1.25 / KM_PER_DEGREE;
    let widest = c.abs().max(d.abs()).min(84.0).to_radians().cos();
    let margin = |lo: f64, hi: f64, least: f64| ((hi - lo) * 0.05).max(0.5).max(least);
    let (mx, my) = (margin(a, b, reach / widest), margin(c, d, reach));
    MapArea {
        min_lon: (a - mx).max(-180.0),
        max_lon: (b + mx).min(180.0),
        min_lat: (c - my).max(-90.0),
        max_lat: (d + my).min(90.0),
    }
}
