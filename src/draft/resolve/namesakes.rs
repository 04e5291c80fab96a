//! A name the dataset gives to several places (namesakes, "Borova" in Kharkiv and in Kyiv
//! oblasts): the one a report means, by the division it names or by the places it has
//! already placed; when neither decides, none, and the reviewer is shown them all.

use crate::dataset::{PlaceId, namesakes};
use crate::draft::{Candidate, Knowledge};
use crate::geo::{distance_km, gazetteer::fold};

/// How near (km) a place the report has placed must be for it to decide among namesakes, and
/// how many times nearer than the next namesake.
const NEAR_KM: f64 = 150.0;
const NEARER: f64 = 3.0;

/// Which of a name's places a report means.
pub(super) enum Meant {
    /// This one.
    One(PlaceId),
    /// Not decided: every place of the name, and why.
    Unsure(Vec<PlaceId>, String),
}

/// Which place a mention matched to `p` means, among `p` and its namesakes: the one in the
/// division the report names (`parents`, folded words around the mention), else the one
/// near the places the report has placed (`resolved`, `(lon, lat)`), else none.
pub(super) fn meant(
    k: &Knowledge,
    p: PlaceId,
    written: &str,
    parents: &[Vec<String>],
    resolved: &[(f64, f64)],
) -> Meant {
    let ds = &k.loaded.dataset;
    let Some(others) = k.namesakes.get(&p) else {
        return Meant::One(p);
    };
    let group: Vec<PlaceId> = std::iter::once(p).chain(others.iter().copied()).collect();
    let at = |q: PlaceId| (ds.place(q).lon, ds.place(q).lat);
    let in_named_division: Vec<PlaceId> = group
        .iter()
        .copied()
        .filter(|&q| {
            let (lon, lat) = at(q);
            namesakes::division(lon, lat).is_some_and(|d| {
                let d = fold(&d);
                !d.is_empty() && parents.iter().flatten().any(|w| w.starts_with(&d))
            })
        })
        .collect();
    if let [one] = in_named_division.as_slice() {
        return Meant::One(*one);
    }
    if !resolved.is_empty() {
        let mut by_distance: Vec<(f64, PlaceId)> = group
            .iter()
            .map(|&q| {
                let d = resolved
                    .iter()
                    .map(|&r| distance_km(r, at(q)))
                    .fold(f64::INFINITY, f64::min);
                (d, q)
            })
            .collect();
        by_distance.sort_by(|a, b| a.0.total_cmp(&b.0));
        if let [(best, q), (next, _), ..] = by_distance.as_slice()
            && *best <= NEAR_KM
            && *next >= NEARER * best.max(1.0)
        {
            return Meant::One(*q);
        }
    }
    let why = format!(
        "{} places of the dataset are called {written}, and the report names the division of none of them",
        group.len()
    );
    Meant::Unsure(group, why)
}

/// The namesakes as an abstention's candidates, labelled with their divisions.
pub(super) fn candidates(k: &Knowledge, group: &[PlaceId]) -> Vec<Candidate> {
    let ds = &k.loaded.dataset;
    group
        .iter()
        .map(|&q| {
            let place = ds.place(q);
            Candidate {
                name: namesakes::label(ds, q),
                country: String::new(),
                admin1: namesakes::division(place.lon, place.lat).unwrap_or_default(),
                lat: place.lat,
                lon: place.lon,
                population: place
                    .population
                    .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX)),
                geonames_id: 0,
            }
        })
        .collect()
}
