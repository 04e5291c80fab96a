//! `frontline divisions CC`: a country's first-level divisions, the codes an area's
//! `divisions` takes, as the basemap holds them.

use std::fmt::Write as _;

use super::{Failure, emit};
use crate::dataset::text::printable;
use crate::geo::World;

/// Run `frontline divisions COUNTRY`: every division's ISO 3166-2 code and name, by code.
pub(super) fn divisions(country: &str) -> Result<(), Failure> {
    let world = World::builtin().ok_or_else(|| Failure {
        kind: crate::exit::Kind::Internal,
        message: "error: the world basemap is damaged: divisions cannot be read".into(),
    })?;
    let Some(c) = world.find_country(country.trim()) else {
        return Err(Failure::usage(format!(
            "error: no country `{}` in the basemap\n  hint: an ISO 3166-1 code (SI, UA, SD) or the country's English name",
            printable(country)
        )));
    };
    let code = c.code.clone().unwrap_or_default();
    let mut rows: Vec<(String, String)> = world
        .division_names()
        .into_iter()
        .filter(|(iso, _, cc)| !iso.is_empty() && !code.is_empty() && *cc == code)
        .map(|(iso, name, _)| (iso, name))
        .collect();
    rows.sort();
    let mut out = format!(
        "{} ({}): {} first-level division(s) by ISO 3166-2 code, for an area's `divisions`\n",
        printable(&c.name),
        if code.is_empty() {
            "no ISO code"
        } else {
            &code
        },
        rows.len()
    );
    let width = rows.iter().map(|r| r.0.chars().count()).max().unwrap_or(0);
    for (iso, name) in &rows {
        let _ = writeln!(out, "{:width$}  {}", printable(iso), printable(name));
    }
    emit(&out)
}
