//! Areas a report names: a compass part of a country ("the southwest", "southwestern
//! Syria") or the land around a place ("countryside around Damascus"). The dataset's own
//! area of that name is used where it has one; else an area is proposed, made of the
//! first-level divisions drafting would pick, and marked for review: which divisions is a
//! reading of the words, never the report's own statement.

use std::collections::HashMap;

use super::{Context, Ids, dataset_ref};
use crate::dataset::PlaceKind;
use crate::draft::{Draft, Knowledge, NewPlace, PlaceFrom, PlaceRef};
use crate::geo::World;
use crate::geo::gazetteer::fold;
use crate::import::slug;

/// Where a compass word points, as a test on a point's place in its country's box
/// (0 west/south to 1 east/north).
fn in_part(dir: &str, x: f64, y: f64) -> bool {
    let (n, s, e, w) = (y > 0.55, y < 0.45, x > 0.55, x < 0.45);
    match dir {
        "north" => y > 0.6,
        "south" => y < 0.4,
        "east" => x > 0.6,
        "west" => x < 0.4,
        "northeast" => n && e,
        "northwest" => n && w,
        "southeast" => s && e,
        "southwest" => s && w,
        _ => (0.3..0.7).contains(&x) && (0.3..0.7).contains(&y),
    }
}

/// The divisions of country `code` whose boxes' centres lie in its `dir` part.
fn compass_divisions(code: &str, dir: &str) -> Vec<String> {
    let Some(world) = World::builtin() else {
        return Vec::new();
    };
    let Some(country) = world.find_country(code) else {
        return Vec::new();
    };
    let b = country.bbox;
    let mut out = Vec::new();
    for (i, (iso, _, cc)) in world.division_names().iter().enumerate() {
        if !cc.eq_ignore_ascii_case(code) || iso.is_empty() {
            continue;
        }
        let Some(bb) = world.division_at(i).and_then(|r| r.bbox()) else {
            continue;
        };
        let (cx, cy) = bb.center();
        let x = (cx - b.min_lon) / (b.max_lon - b.min_lon).max(1e-9);
        let y = (cy - b.min_lat) / (b.max_lat - b.min_lat).max(1e-9);
        if in_part(dir, x, y) {
            out.push(iso.clone());
        }
    }
    out
}

/// The divisions holding a point or land within about 25 km of it.
fn divisions_around(lon: f64, lat: f64) -> Vec<String> {
    let Some(world) = World::builtin() else {
        return Vec::new();
    };
    let d = 0.25;
    let probes = [
        (0.0, 0.0),
        (d, 0.0),
        (-d, 0.0),
        (0.0, d),
        (0.0, -d),
        (d, d),
        (-d, -d),
        (d, -d),
        (-d, d),
    ];
    let country = world
        .countries_at(lon, lat)
        .into_iter()
        .next()
        .and_then(|c| c.code);
    let mut out = Vec::new();
    for (i, (iso, _, cc)) in world.division_names().iter().enumerate() {
        if iso.is_empty()
            || country
                .as_deref()
                .is_some_and(|c| !c.eq_ignore_ascii_case(cc))
        {
            continue;
        }
        let Some(region) = world.division_at(i) else {
            continue;
        };
        if probes
            .iter()
            .any(|(dx, dy)| region.contains(lon + dx, lat + dy))
        {
            out.push(iso.clone());
        }
    }
    out
}

#[expect(
    clippy::too_many_arguments,
    reason = "the proposal's words and divisions, and the draft it joins"
)]
fn propose(
    draft: &mut Draft,
    new_places: &mut HashMap<String, usize>,
    ids: &mut Ids,
    name: String,
    words: &str,
    country: String,
    divisions: Vec<String>,
    why: String,
) -> (PlaceRef, f32) {
    if divisions.is_empty() {
        return (
            PlaceRef {
                id: None,
                name: words.to_string(),
                lat: None,
                lon: None,
                from: PlaceFrom::Gazetteer,
            },
            0.2,
        );
    }
    let key = format!("area:{}", fold(&name));
    let i = *new_places.entry(key).or_insert_with(|| {
        draft.places.push(NewPlace {
            id: ids.take(&slug(&name), "area"),
            name: name.clone(),
            aliases: Vec::new(),
            gazetteer_aliases: Vec::new(),
            kind: PlaceKind::Area,
            lat: None,
            lon: None,
            coords: String::new(),
            population: None,
            country,
            divisions,
            confidence: 0.4,
            why,
        });
        draft.places.len() - 1
    });
    let p = &draft.places[i];
    (
        PlaceRef {
            id: Some(p.id.clone()),
            name: p.name.clone(),
            lat: None,
            lon: None,
            from: PlaceFrom::Gazetteer,
        },
        0.5,
    )
}

/// "the southwest", "southwestern Syria": the dataset's area of that name, or a proposal.
#[expect(
    clippy::too_many_arguments,
    reason = "the direction and country named, the report's context, and the draft a proposal joins"
)]
pub(super) fn compass(
    k: &Knowledge,
    ctx: &Context<'_>,
    draft: &mut Draft,
    new_places: &mut HashMap<String, usize>,
    ids: &mut Ids,
    dir: &str,
    country: Option<&'static str>,
    words: &str,
) -> (PlaceRef, f32) {
    let ds = &k.loaded.dataset;
    if let Some(p) = k.places.place(&fold(dir))
        && ds.place(p).is_area()
    {
        return (dataset_ref(k, p), 0.9);
    }
    // "the centre" and the dataset's "The west and centre": its one area naming the part.
    let naming: Vec<usize> = ds
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.is_area()
                && p.name
                    .to_lowercase()
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| w == dir)
        })
        .map(|(i, _)| i)
        .collect();
    if let [i] = naming.as_slice() {
        return (dataset_ref(k, crate::dataset::PlaceId(*i as u32)), 0.6);
    }
    let code = country
        .map(str::to_string)
        .or_else(|| ctx.theatre.first().map(std::string::ToString::to_string))
        .unwrap_or_default();
    let divisions = compass_divisions(&code, dir);
    let name = format!("The {dir} ({code})");
    let why = format!(
        "“{words}”: the divisions of {code} whose centres lie in its {dir} ({}); a reading of the words, to review",
        divisions.join(", ")
    );
    propose(draft, new_places, ids, name, words, code, divisions, why)
}

/// "countryside around Damascus": the dataset's "Damascus countryside", or a proposal.
pub(super) fn around(
    k: &Knowledge,
    draft: &mut Draft,
    new_places: &mut HashMap<String, usize>,
    ids: &mut Ids,
    of: &PlaceRef,
    words: &str,
    confidence: f32,
) -> (PlaceRef, f32) {
    let ds = &k.loaded.dataset;
    let named = format!("{} countryside", of.name);
    if let Some(p) = k.places.place(&fold(&named))
        && ds.place(p).is_area()
    {
        return (dataset_ref(k, p), confidence.min(0.85));
    }
    let (Some(lon), Some(lat)) = (of.lon, of.lat) else {
        return (
            PlaceRef {
                id: None,
                name: words.to_string(),
                lat: None,
                lon: None,
                from: PlaceFrom::Gazetteer,
            },
            0.2,
        );
    };
    let divisions = divisions_around(lon, lat);
    let country = divisions
        .first()
        .and_then(|d| d.split('-').next())
        .unwrap_or("")
        .to_string();
    let why = format!(
        "“{words}”: the divisions holding {} and land within about 25 km of it ({}); a reading of the words, to review",
        of.name,
        divisions.join(", ")
    );
    propose(
        draft, new_places, ids, named, words, country, divisions, why,
    )
}
