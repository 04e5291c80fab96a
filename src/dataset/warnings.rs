//! Warnings: things in a valid dataset worth a second look, which never stop it loading.
//!
//! [`gazetteer`] compares each place with the places of the same name in the embedded
//! gazetteer ([`crate::geo::gazetteer`]) that lie inside the dataset's map area. A place
//! whose every such namesake lies more than [`GAZETTEER_LIMIT_KM`] from its coordinates is
//! most often another place of that name (a village the gazetteer does not hold), so it is
//! warned about only on strong [`evidence`]: swapped, its coordinates land near a namesake,
//! or its only namesake is a city much larger than it. Namesakes outside the map area are
//! other places (an Alpha in France for a fictional Alpha in Syria), since every place of a
//! dataset lies inside it.

use std::fmt;

use super::model::{Dataset, Place};
use crate::geo::gazetteer::{Candidate, gazetteer as embedded};

/// A place farther than this from every gazetteer place of its name is warned about.
pub const GAZETTEER_LIMIT_KM: f64 = 25.0;

/// One thing to look at again, located as `file:line:col`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Warning {
    /// The dataset file.
    pub file: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column in characters.
    pub col: u32,
    /// What looks wrong.
    pub message: String,
    /// What to check.
    pub hint: Option<String>,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = (self.line, self.col);
        super::diag::located(
            f,
            &self.file,
            at,
            "warning",
            &self.message,
            self.hint.as_deref(),
        )
    }
}

/// Every spelling of a place: its name, the reports' spellings and the gazetteer's.
fn names(p: &Place) -> impl Iterator<Item = &str> {
    std::iter::once(p.name.as_str())
        .chain(p.aliases.iter().map(String::as_str))
        .chain(p.gazetteer_aliases.iter().map(String::as_str))
}

/// A gazetteer place at least this populous is a city: a place of its name far from it is
/// unlikely to be another place, since few cities share a name within a country.
pub(crate) const CITY_POPULATION: u32 = 100_000;

/// How much more populous than the place its only namesake must be to count as evidence.
const MUCH_LARGER: u64 = 10;

/// Why a place's coordinates look wrong, by the gazetteer places of its name.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Evidence<'c> {
    /// Read as lat = lon and lon = lat, the place lies within [`GAZETTEER_LIMIT_KM`] of
    /// this namesake (`km` from it), and as given, more than that from every namesake.
    Swapped {
        /// The namesake, and how far it is from the place as given.
        nearest: (f64, &'c Candidate),
        /// The namesake near the swapped point, and how far.
        swapped: (f64, &'c Candidate),
    },
    /// The only namesake is a city ([`CITY_POPULATION`]), much larger than the place, more
    /// than [`GAZETTEER_LIMIT_KM`] away: the place is likely that city, misplaced.
    FarFromCity {
        /// The city, and how far it is from the place.
        nearest: (f64, &'c Candidate),
    },
}

/// Whether the gazetteer places of a place's name (`namesakes`, each once) are strong evidence
/// that its `lat`/`lon` are wrong. A place with no namesake near it is often simply another
/// place of that name (villages share names by the dozen), so only two things count: the
/// swapped coordinates land near a namesake, or the only namesake is a city much larger than
/// the place (`population`, when known).
pub fn evidence<'c>(
    lat: f64,
    lon: f64,
    population: Option<u64>,
    namesakes: &[&'c Candidate],
) -> Option<Evidence<'c>> {
    let nearest = namesakes
        .iter()
        .map(|&c| (c.entry.distance_km(lon, lat), c))
        .min_by(|a, b| a.0.total_cmp(&b.0))?;
    if nearest.0 <= GAZETTEER_LIMIT_KM {
        return None;
    }
    let swapped = namesakes
        .iter()
        .filter(|_| lat.abs() <= 180.0 && lon.abs() <= 90.0)
        .map(|&c| (c.entry.distance_km(lat, lon), c))
        .min_by(|a, b| a.0.total_cmp(&b.0));
    if let Some(swapped) = swapped.filter(|s| s.0 <= GAZETTEER_LIMIT_KM) {
        return Some(Evidence::Swapped { nearest, swapped });
    }
    let city = nearest.1.entry.population;
    let much_larger = population.is_none_or(|p| p.saturating_mul(MUCH_LARGER) <= u64::from(city));
    (namesakes.len() == 1 && city >= CITY_POPULATION && much_larger)
        .then_some(Evidence::FarFromCity { nearest })
}

/// The gazetteer places of any of `names` (folded) in `found`, each once; with `map`, only
/// those inside it.
pub fn namesakes<'c, 'n>(
    found: &'c std::collections::HashMap<String, Vec<Candidate>>,
    names: impl IntoIterator<Item = &'n str>,
    map: Option<&crate::geo::MapArea>,
) -> Vec<&'c Candidate> {
    let mut out: Vec<&Candidate> = Vec::new();
    for name in names {
        let key = crate::geo::gazetteer::fold(name);
        for c in found.get(&key).into_iter().flatten() {
            if map.is_none_or(|m| m.contains(c.entry.lon, c.entry.lat))
                && !out
                    .iter()
                    .any(|o| o.entry.geonames_id == c.entry.geonames_id)
            {
                out.push(c);
            }
        }
    }
    out
}

/// How a gazetteer place is named in a message: its name, country, admin-1, population,
/// GeoNames id and the spelling that matched, then where it is.
pub(crate) fn describe(c: &Candidate) -> String {
    let e = &c.entry;
    let spelled = if c.spelling == e.name {
        String::new()
    } else {
        format!(", spelled {}", c.spelling)
    };
    format!(
        "{} ({}{}{}, population {}, GeoNames {}{spelled}) at lat {:.5}, lon {:.5}",
        e.name,
        e.country,
        if e.admin1.is_empty() { "" } else { ", " },
        e.admin1,
        e.population,
        e.geonames_id,
        e.lat,
        e.lon,
    )
}

/// A warning for every place whose coordinates the gazetteer places of its names inside the
/// map area give strong [`evidence`] against (swapped coordinates, or a city's name far from
/// the city), naming the namesake. One pass over the gazetteer for the whole dataset.
pub(crate) fn gazetteer(ds: &Dataset) -> Vec<Warning> {
    let g = embedded();
    let found = g.exact_many(ds.places.iter().flat_map(names));
    let mut out = Vec::new();
    for p in &ds.places {
        let namesakes = namesakes(&found, names(p), Some(&ds.map));
        let Some(evidence) = evidence(p.lat, p.lon, p.population, &namesakes) else {
            continue;
        };
        let head = |km: f64, c: &Candidate| {
            format!(
                "place `{}` ({}, lat {}, lon {}) is {km:.0} km from the gazetteer's {}",
                p.id,
                p.name,
                p.lat,
                p.lon,
                describe(c)
            )
        };
        let (message, hint) = match evidence {
            Evidence::Swapped {
                nearest: (km, c),
                swapped: (skm, s),
            } => (
                format!(
                    "{}; swapped, lat {}, lon {} is {skm:.0} km from the gazetteer's {} {}",
                    head(km, c),
                    p.lon,
                    p.lat,
                    s.entry.name,
                    s.entry.country
                ),
                "did you swap lat and lon? (this is a warning)".to_string(),
            ),
            Evidence::FarFromCity { nearest: (km, c) } => (
                head(km, c),
                format!(
                    "check lat and lon (swapped, a digit off?); if it is another place of that name, nothing is wrong (this is a warning; the only place of that name the gazetteer holds in the map area is a city more than {GAZETTEER_LIMIT_KM:.0} km away)"
                ),
            ),
        };
        out.push(Warning {
            file: ds.origin.clone(),
            line: p.loc.line,
            col: p.loc.col,
            message,
            hint: Some(hint),
        });
    }
    out
}

/// A warning for every two places that share a spelling and lie within
/// [`NAMESAKES_NEAR_KM`](super::namesakes::NAMESAKES_NEAR_KM) of each other: perhaps one
/// place entered twice. Namesakes farther apart are other places, and fine.
pub(crate) fn near_namesakes(ds: &Dataset) -> Vec<Warning> {
    use super::namesakes::{NAMESAKES_NEAR_KM, shared};
    let mut pairs: Vec<(usize, usize, String)> = Vec::new();
    for (spelling, places) in shared(ds) {
        for (k, &a) in places.iter().enumerate() {
            for &b in &places[k + 1..] {
                let (p, q) = (ds.place(a), ds.place(b));
                let km = crate::geo::distance_km((p.lon, p.lat), (q.lon, q.lat));
                if km <= NAMESAKES_NEAR_KM
                    && !pairs.iter().any(|x| (x.0, x.1) == (a.index(), b.index()))
                {
                    pairs.push((a.index(), b.index(), format!("{spelling}` ({km:.1} km")));
                }
            }
        }
    }
    pairs.sort();
    pairs
        .into_iter()
        .map(|(a, b, what)| {
            let (p, q) = (&ds.places[a], &ds.places[b]);
            Warning {
                file: ds.origin.clone(),
                line: q.loc.line,
                col: q.loc.col,
                message: format!(
                    "places `{}` and `{}` share the spelling `{what} apart)",
                    p.id, q.id
                ),
                hint: Some(format!(
                    "one place entered twice? places of one name are fine farther apart than {NAMESAKES_NEAR_KM:.0} km"
                )),
            }
        })
        .collect()
}
