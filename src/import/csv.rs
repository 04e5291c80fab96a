//! frontline's generic CSV layout: one row per dated statement about a place's control.

use std::io::Read;

use chrono::NaiveDate;

use super::rows::{ReadRows, clean, coordinate, open, read_records};
use super::{ImportError, Row, RowNote};
use crate::dataset::text::printable;
use crate::dataset::{EventKind, PlaceKind};

/// The columns of the generic layout: (name, other accepted names, required, meaning).
/// Order does not matter, names are matched ignoring case, other columns are ignored.
pub const CSV_COLUMNS: [(&str, &[&str], bool, &str); 13] = [
    ("place", &[], true, "the place's name"),
    ("lat", &["latitude"], true, "WGS84 latitude"),
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
    let mut at = [None; 13];
    for (i, (name, others, required, _)) in CSV_COLUMNS.iter().enumerate() {
        let names: Vec<&str> = std::iter::once(*name)
            .chain(others.iter().copied())
            .collect();
        at[i] = if *required {
            Some(table.columns.require(&names)?)
        } else {
            table.columns.find(&names)
        };
    }
    read_records(table, progress, |line, cells, out| {
        let cell = |i: usize| at[i].map_or("", |c| cells[c]);
        match row(line, &cell) {
            Ok((r, changed)) => {
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
    })
}

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
    let lat = coordinate(cell(1), "lat", 90.0)?;
    let lon = coordinate(cell(2), "lon", 180.0)?;
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
            event,
            faction: holder,
            from,
            quote,
            source,
            outlet,
            id,
            note,
            review: None,
        },
        changed,
    ))
}
