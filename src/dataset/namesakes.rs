//! Places of one name. A dataset may hold several places that share a name or a spelling
//! (Ukraine alone has dozens of villages called Novoselivka); what names a place to a reader
//! then tells them apart by first-level division, and by coordinates where the division does
//! not (`Borova (Kharkiv)`, `Borova (Kyiv)`).

use std::collections::{BTreeMap, HashMap};
use std::hash::{Hash, Hasher};

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
///
/// Sorts a hash of each spelling rather than keeping a map of every spelling, so that it
/// holds 16 bytes per spelling however long the names (an export asks it of the whole
/// dataset); spellings whose hashes meet are told apart by their words.
pub(crate) fn shared(ds: &Dataset) -> Vec<(String, Vec<PlaceId>)> {
    let hash = |n: &str| {
        let mut h = std::hash::DefaultHasher::new();
        n.hash(&mut h);
        h.finish()
    };
    let mut keyed: Vec<(u64, u32)> = Vec::with_capacity(ds.places.len());
    for (i, p) in ds.places.iter().enumerate() {
        keyed.extend(spellings(p).iter().map(|n| (hash(n), i as u32)));
    }
    keyed.sort_unstable();
    let mut out: Vec<(String, Vec<PlaceId>)> = Vec::new();
    for run in keyed
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        let mut by: BTreeMap<String, Vec<PlaceId>> = BTreeMap::new();
        for &(h, i) in run {
            for n in spellings(&ds.places[i as usize]) {
                if hash(&n) == h {
                    by.entry(n).or_default().push(PlaceId(i));
                }
            }
        }
        for (n, mut places) in by {
            places.sort_unstable();
            places.dedup();
            if places.len() > 1 {
                out.push((n, places));
            }
        }
    }
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
    let others = of(ds, place);
    if others.is_empty() {
        return ds.place(place).name.clone();
    }
    let p = ds.place(place);
    let mine = division(p.lon, p.lat);
    let shares_division = mine.is_some()
        && others.iter().any(|&o| {
            let q = ds.place(o);
            division(q.lon, q.lat) == mine
        });
    told_apart(p, mine, shares_division)
}

/// A place's name with what tells it from its namesakes: its division where it is known and
/// no namesake shares it, else its coordinates too.
fn told_apart(p: &Place, division: Option<String>, shares_division: bool) -> String {
    let at = format!("{:.3} N {:.3} E", p.lat, p.lon);
    match (division, shares_division) {
        (Some(d), false) => format!("{} ({d})", p.name),
        (Some(d), true) => format!("{} ({d}, {at})", p.name),
        (None, _) => format!("{} ({at})", p.name),
    }
}

/// [`label`] of every place, by index: its name, told apart from its namesakes where it has
/// any.
pub(crate) fn labels(ds: &Dataset) -> Vec<String> {
    let mut out: Vec<String> = ds.places.iter().map(|p| p.name.clone()).collect();
    for (p, label) in namesake_labels(ds) {
        out[p.index()] = label;
    }
    out
}

/// [`label`] of each place that has a namesake (the others are named by their name alone).
/// One pass to find the shared spellings and one division lookup per namesake, so it suits a
/// dataset of any size, however many places share a name.
pub(crate) fn namesake_labels(ds: &Dataset) -> HashMap<PlaceId, String> {
    let groups = shared(ds);
    // Each namesake's division, looked up once.
    let mut divisions: HashMap<PlaceId, Option<String>> = HashMap::new();
    for p in groups.iter().flat_map(|(_, g)| g) {
        divisions.entry(*p).or_insert_with(|| {
            let q = ds.place(*p);
            division(q.lon, q.lat)
        });
    }
    // A place shares its division with a namesake if, in any spelling it shares, another
    // place lies in the same division.
    let mut shares: HashMap<PlaceId, bool> = HashMap::new();
    for (_, group) in &groups {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for p in group {
            if let Some(Some(d)) = divisions.get(p) {
                *count.entry(d.as_str()).or_default() += 1;
            }
        }
        for p in group {
            let here = matches!(divisions.get(p), Some(Some(d)) if count[d.as_str()] > 1);
            *shares.entry(*p).or_default() |= here;
        }
    }
    shares
        .into_iter()
        .map(|(p, shares_division)| {
            let division = divisions.remove(&p).flatten();
            (p, told_apart(ds.place(p), division, shares_division))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// [`labels`] (one pass) names every place as [`label`] (one place at a time) does: on the
    /// namesake fixtures (far apart: by division; 2 km apart: by coordinates too), and on
    /// the same places repeated, so that a spelling is shared within one division and across
    /// two.
    #[test]
    fn labels_agree_with_label() {
        for fixture in ["far", "near"] {
            let path = format!("tests/fixtures/namesakes/{fixture}.toml");
            let loaded = crate::loaded::load_path(Path::new(&path)).expect("the fixture loads");
            let mut ds = loaded.dataset.clone();
            let one_by_one = |ds: &Dataset| -> Vec<String> {
                (0..ds.places.len() as u32)
                    .map(|i| label(ds, PlaceId(i)))
                    .collect()
            };
            let labels_before = labels(&ds);
            assert_eq!(labels_before, one_by_one(&ds), "{fixture}");
            assert!(
                labels_before.iter().any(|l| l.starts_with("Borova (")),
                "{fixture}: {labels_before:?}"
            );
            // A third and a fourth Borova: one beside the first, one far off in no division.
            let mut third = ds.places[0].clone();
            third.lat += 0.05;
            let mut fourth = ds.places[0].clone();
            (fourth.lat, fourth.lon) = (0.0, -30.0);
            ds.places.extend([third, fourth]);
            let labels_after = labels(&ds);
            assert_eq!(labels_after, one_by_one(&ds), "{fixture} with four");
            assert_eq!(labels_after.last().unwrap(), "Borova (0.000 N -30.000 E)");
        }
    }
}
