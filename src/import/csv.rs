//! frontline's generic CSV layout: one row per dated statement about a place's control.

use std::collections::HashMap;
use std::io::Read;

use chrono::NaiveDate;

use super::places::SAME_PLACE_KM;
use super::rows::{ReadRows, clean, coordinate, open, read_records};
use super::{ImportError, Row, RowNote};
use crate::dataset::text::printable;
use crate::dataset::{EventKind, PlaceKind};
use crate::geo::distance_km;
use crate::geo::gazetteer::{fold, gazetteer};

/// The columns of the generic layout: (name, other accepted names, required, meaning).
/// Order does not matter, names are matched ignoring case, other columns are ignored.
pub(crate) const CSV_COLUMNS: [(&str, &[&str], bool, &str); 14] = [
    ("place", &[], true, "the place's name"),
    (
        "lat",
        &["latitude"],
        true,
        "WGS84 latitude; empty with lon to look the place up",
    ),
    (
        "lon",
        &["lng", "long", "longitude"],
        true,
        "WGS84 longitude",
    ),
    ("date", &[], true, "the day, YYYY-MM-DD"),
    (
        "holder",
        &["faction"],
        false,
        "who the row is about: who holds the place (status held), or contests, claims, denies...",
    ),
    (
        "status",
        &[],
        false,
        "held (the default when holder is given), contested, claimed, denied, withdrew, advanced, unrest, other",
    ),
    ("quote", &[], true, "the report's words, verbatim"),
    (
        "source",
        &[],
        true,
        "the report: rows of one source share a source text",
    ),
    (
        "outlet",
        &[],
        false,
        "the outlet as the report credits it (default: source)",
    ),
    (
        "from",
        &[],
        false,
        "for held: who lost the place, if the report says",
    ),
    (
        "kind",
        &[],
        false,
        "capital, city, town (the default), suburb, base, border_town, village",
    ),
    ("id", &[], false, "the row's id, kept as the event id"),
    ("note", &[], false, "remarks kept on the event"),
    (
        "country",
        &[],
        false,
        "ISO code or English name: where to look up a place given without lat and lon",
    ),
];

const STATUSES: [(&str, EventKind); 9] = [
    ("held", EventKind::Captured),
    ("captured", EventKind::Captured),
    ("contested", EventKind::Contested),
    ("claimed", EventKind::Claimed),
    ("denied", EventKind::Denied),
    ("withdrew", EventKind::Withdrew),
    ("advanced", EventKind::Advanced),
    ("unrest", EventKind::Unrest),
    ("other", EventKind::Other),
];

/// Read a generic CSV.
pub(super) fn read(
    input: impl Read,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<ReadRows, ImportError> {
    let table = open(input, file)?;
    let mut at = [None; 14];
    for (i, (name, others, required, _)) in CSV_COLUMNS.iter().enumerate() {
        let names: Vec<&str> = std::iter::once(*name)
            .chain(others.iter().copied())
            .collect();
        at[i] = table.columns.position(&names, *required)?;
    }
    // Rows given without coordinates, with their country, looked up once all are read.
    let mut lookups: Vec<(usize, String)> = Vec::new();
    let mut out = read_records(table, progress, |line, cells, out| {
        let cell = |i: usize| at[i].map_or("", |c| cells[c]);
        match row(line, &cell) {
            Ok((r, changed)) => {
                if r.lat.is_nan() {
                    lookups.push((out.usable.len(), clean(cell(13)).0));
                }
                if changed {
                    out.caveats.push(RowNote {
                            line,
                            message: "line breaks, tabs or invisible characters in its text were replaced by spaces or removed".into(),
                        });
                }
                out.usable.push(r);
            }
            Err(message) => out.skipped.push(RowNote { line, message }),
        }
    })?;
    if !lookups.is_empty() {
        look_up(&mut out, &lookups);
    }
    Ok(out)
}

/// Coordinates from the gazetteer for rows without them: the place's name must be that of
/// exactly one gazetteer place (ignoring case and accents), in the row's country if it gives
/// one; otherwise the row is refused, naming the candidates.
///
/// A row of the same name that gives its coordinates comes first: if every such row lies
/// within [`SAME_PLACE_KM`] of the first, the row is that place and takes its coordinates.
fn look_up(out: &mut ReadRows, lookups: &[(usize, String)]) {
    let mut given: HashMap<String, Vec<(u64, f64, f64)>> = HashMap::new();
    for r in out.usable.iter().filter(|r| !r.lat.is_nan()) {
        given
            .entry(fold(&r.place))
            .or_default()
            .push((r.line, r.lat, r.lon));
    }
    let mut rest = Vec::with_capacity(lookups.len());
    for (i, country) in lookups {
        let row = &mut out.usable[*i];
        let same = given.get(&fold(&row.place)).and_then(|rows| {
            let &(line, lat, lon) = rows.first()?;
            rows.iter()
                .all(|&(_, la, lo)| distance_km((lon, lat), (lo, la)) <= SAME_PLACE_KM)
                .then_some((line, lat, lon))
        });
        let Some((line, lat, lon)) = same else {
            rest.push((*i, country.clone()));
            continue;
        };
        row.lat = lat;
        row.lon = lon;
        row.looked_up = true;
        row.coords = format!("as given in the CSV, on line {line} for {}", row.place);
        out.caveats.push(RowNote {
            line: row.line,
            message: format!(
                "no lat and lon: took those of line {line}, which gives {}'s (one place)",
                row.place
            ),
        });
    }
    if !rest.is_empty() {
        look_up_gazetteer(out, &rest);
    }
}

/// The gazetteer's coordinates for rows without them (see [`look_up`]).
fn look_up_gazetteer(out: &mut ReadRows, lookups: &[(usize, String)]) {
    let g = gazetteer();
    let found = g.exact_many(lookups.iter().map(|&(i, _)| out.usable[i].place.as_str()));
    let mut refused = vec![false; out.usable.len()];
    for (i, country) in lookups {
        let row = &mut out.usable[*i];
        let mut refuse = |message: String| {
            refused[*i] = true;
            out.skipped.push(RowNote {
                line: row.line,
                message,
            });
        };
        let code = match g.country_code(country) {
            _ if country.is_empty() => None,
            Some(code) => Some(code),
            None => {
                refuse(format!(
                    "no lat and lon, and country `{}` is neither an ISO code nor a country's English name",
                    printable(country)
                ));
                continue;
            }
        };
        let candidates: Vec<_> = found
            .get(&fold(&row.place))
            .into_iter()
            .flatten()
            .filter(|c| code.is_none_or(|code| c.entry.country == code))
            .collect();
        let within = code.map_or_else(String::new, |c| format!(" in {c}"));
        match candidates.as_slice() {
            [c] => {
                let e = &c.entry;
                row.lat = e.lat;
                row.lon = e.lon;
                row.looked_up = true;
                row.coords = format!(
                    "GeoNames {} ({}, {}), looked up by frontline import: the only gazetteer place called {}{within}",
                    e.geonames_id, e.name, e.country, row.place
                );
                out.caveats.push(RowNote {
                    line: row.line,
                    message: format!(
                        "no lat and lon: took those of GeoNames {} ({}, {}), the only gazetteer place called {}{within}",
                        e.geonames_id, e.name, e.country, row.place
                    ),
                });
            }
            [] => refuse(format!(
                "no lat and lon, and no gazetteer place is called {}{within}; give lat and lon (`frontline locate` finds other spellings)",
                row.place
            )),
            many => {
                let names: Vec<String> = many
                    .iter()
                    .take(5)
                    .map(|c| {
                        format!(
                            "{} ({}, GeoNames {})",
                            c.entry.name, c.entry.country, c.entry.geonames_id
                        )
                    })
                    .collect();
                refuse(format!(
                    "no lat and lon, and {} gazetteer places are called {}{within}: {}{}; give lat and lon{}",
                    many.len(),
                    row.place,
                    names.join(", "),
                    if many.len() > 5 { ", ..." } else { "" },
                    if code.is_none() {
                        ", or a country column"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    let mut n = 0;
    out.usable.retain(|_| {
        n += 1;
        !refused[n - 1]
    });
}

#[expect(clippy::too_many_lines, reason = "one row's columns in order")]
fn row<'a>(line: u64, cell: &dyn Fn(usize) -> &'a str) -> Result<(Row, bool), String> {
    let mut changed = false;
    let mut text = |i: usize| {
        let (t, c) = clean(cell(i));
        changed |= c;
        t
    };
    let place = text(0);
    if place.is_empty() {
        return Err("no place".into());
    }
    // Both empty: looked up in the gazetteer once every row is read.
    let (lat, lon) = if cell(1).trim().is_empty() && cell(2).trim().is_empty() {
        (f64::NAN, f64::NAN)
    } else {
        (
            coordinate(cell(1), "lat", 90.0)?,
            coordinate(cell(2), "lon", 180.0)?,
        )
    };
    let raw_date = cell(3).trim();
    let date = NaiveDate::parse_from_str(raw_date, "%Y-%m-%d").map_err(|_| {
        if raw_date.is_empty() {
            "no date".to_string()
        } else {
            format!("date `{}` is not YYYY-MM-DD", printable(raw_date))
        }
    })?;
    let holder = Some(text(4)).filter(|h| !h.is_empty());
    let status = cell(5).trim().to_lowercase();
    let event = if status.is_empty() {
        if holder.is_none() {
            return Err("neither holder nor status: say who holds the place, or what the row reports (status)".into());
        }
        EventKind::Captured
    } else {
        STATUSES
            .iter()
            .find(|(s, _)| *s == status)
            .map(|(_, k)| *k)
            .ok_or_else(|| {
                format!(
                    "unknown status `{}`; statuses: {}",
                    printable(&status),
                    STATUSES.map(|(s, _)| s).join(", ")
                )
            })?
    };
    if event.needs_faction() && holder.is_none() {
        return Err(format!(
            "status `{}` needs a holder: who holds, contests, claims... the place",
            if status.is_empty() { "held" } else { &status }
        ));
    }
    let quote = text(6);
    if quote.is_empty() {
        return Err("no quote: every event needs the report's words".into());
    }
    let source = text(7);
    if source.is_empty() {
        return Err("no source: say which report the quote comes from".into());
    }
    let outlet = Some(text(8))
        .filter(|o| !o.is_empty())
        .unwrap_or_else(|| source.clone());
    let from = Some(text(9)).filter(|f| !f.is_empty());
    if from.is_some() && event != EventKind::Captured {
        return Err("`from` is only for rows whose status is held".into());
    }
    if from.is_some() && from == holder {
        return Err(
            "holder and from are the same: a faction cannot take a place from itself".into(),
        );
    }
    let kind_raw = cell(10).trim().to_lowercase();
    let kind = if kind_raw.is_empty() {
        PlaceKind::Town
    } else {
        PlaceKind::ALL
            .iter()
            .find(|(_, n)| *n == kind_raw)
            .map(|(k, _)| *k)
            .ok_or_else(|| {
                format!(
                    "unknown kind `{}`; kinds: {}",
                    printable(&kind_raw),
                    PlaceKind::ALL.map(|(_, n)| n).join(", ")
                )
            })?
    };
    let id = Some(text(11)).filter(|i| !i.is_empty());
    let note = text(12);
    Ok((
        Row {
            line,
            place,
            qualifiers: Vec::new(),
            lat,
            lon,
            coords: "as given in the CSV".into(),
            kind,
            date,
            earliest: None,
            event,
            faction: holder,
            from,
            quote,
            source,
            outlet,
            id,
            note,
            review: None,
            looked_up: false,
        },
        changed,
    ))
}
