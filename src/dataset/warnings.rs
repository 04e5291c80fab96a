//! Warnings: things in a valid dataset worth a second look, which never stop it loading.
//!
//! [`gazetteer`] compares each place with the places of the same name in the embedded
//! gazetteer ([`crate::geo::gazetteer`]) that lie inside the dataset's map area: a place
//! whose every such namesake lies more than [`GAZETTEER_LIMIT_KM`] from its coordinates may
//! have a typo in `lat`/`lon`, swapped digits or the coordinates of another place. Namesakes
//! outside the map area are other places (an Alpha in France for a fictional Alpha in
//! Syria), since every place of a dataset lies inside it.

use std::fmt;

use super::model::{Dataset, Place};
use crate::geo::gazetteer::{Candidate, gazetteer as embedded};

/// A place farther than this from every gazetteer place of its name is warned about.
pub const GAZETTEER_LIMIT_KM: f64 = 25.0;

/// One thing to look at again, located as `file:line:col`.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
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

/// A warning for every place whose name or a spelling matches gazetteer places inside the
/// map area (ignoring case and accents), none of them within [`GAZETTEER_LIMIT_KM`] of the
/// place's coordinates; it names the nearest. One pass over the gazetteer for the whole
/// dataset.
pub fn gazetteer(ds: &Dataset) -> Vec<Warning> {
    let g = embedded();
    let found = g.exact_many(ds.places.iter().flat_map(names));
    let mut out = Vec::new();
    for p in &ds.places {
        let mut namesakes: Vec<(f64, &Candidate)> = Vec::new();
        for name in names(p) {
            let key = crate::geo::gazetteer::fold(name);
            for c in found.get(&key).into_iter().flatten() {
                if ds.map.contains(c.entry.lon, c.entry.lat)
                    && !namesakes
                        .iter()
                        .any(|(_, o)| o.entry.geonames_id == c.entry.geonames_id)
                {
                    namesakes.push((c.entry.distance_km(p.lon, p.lat), c));
                }
            }
        }
        namesakes.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(&(km, nearest)) = namesakes.first() else {
            continue;
        };
        if km <= GAZETTEER_LIMIT_KM {
            continue;
        }
        let e = &nearest.entry;
        let others = match namesakes.len() - 1 {
            0 => String::new(),
            1 => "; the other place of that name is farther".to_string(),
            n => format!("; the {n} others of that name are farther"),
        };
        let spelled = if nearest.spelling == e.name {
            String::new()
        } else {
            format!(", spelled {}", nearest.spelling)
        };
        out.push(Warning {
            file: ds.origin.clone(),
            line: p.loc.line,
            col: p.loc.col,
            message: format!(
                "place `{}` ({}, lat {}, lon {}) is {km:.0} km from the gazetteer's {} ({}{}{}, population {}, GeoNames {}{spelled}) at lat {:.5}, lon {:.5}{others}",
                p.id,
                p.name,
                p.lat,
                p.lon,
                e.name,
                e.country,
                if e.admin1.is_empty() { "" } else { ", " },
                e.admin1,
                e.population,
                e.geonames_id,
                e.lat,
                e.lon,
            ),
            hint: Some(format!(
                "check lat and lon (swapped, a digit off?); if it is another place of that name, nothing is wrong (this is a warning; more than {GAZETTEER_LIMIT_KM:.0} km away counts)"
            )),
        });
    }
    out
}
