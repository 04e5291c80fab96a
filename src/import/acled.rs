//! ACLED's export layout, the current one (`event_type` with `sub_event_type`,
//! `assoc_actor_1`) and the older one (`event_type` such as `Battle-Government regains
//! territory`, `ally_actor_1`, often after a leading index column). Columns are found by
//! name, so their order and any extra columns do not matter.
//!
//! Territory changes become control changes: "Government regains territory" and
//! "Non-state actor overtakes territory" are captures by actor1. "Non-violent transfer of
//! territory" should have the side that gains control as actor1, but files do not always
//! follow that (a 2016 file has AMISOM, which withdrew, as actor1 of "Al Shabaab takes
//! control of Rab Dhuure after AMISOM-ENDF forces withdrew"), so such a row becomes a claim
//! by actor1 for a person to review, and the report says so. Every other event type is
//! context. The notes are the quote, `source` is the outlet, and `geo_precision` and
//! `time_precision` are kept with the place and the event.

use std::io::Read;

use chrono::{Datelike, Days, Months, NaiveDate};

use super::rows::{ReadRows, clean, coordinate, open, read_records};
use super::{ImportError, Row, RowNote};
use crate::dataset::text::printable;
use crate::dataset::{EventKind, PlaceKind};

/// Column names in the order the fields are read (the current layout's name first), and
/// whether the column is required.
const COLUMNS: [(&[&str], bool); 15] = [
    (&["event_date"], true),
    (&["event_type"], true),
    (&["sub_event_type"], false),
    (&["actor1"], true),
    (&["assoc_actor_1", "ally_actor_1"], false),
    (&["actor2"], false),
    (&["assoc_actor_2", "ally_actor_2"], false),
    (&["location"], true),
    (&["latitude"], true),
    (&["longitude"], true),
    (&["notes"], true),
    (&["source"], true),
    (&["event_id_cnty"], false),
    (&["time_precision"], false),
    (&["geo_precision"], false),
];
const ADMIN: [&str; 3] = ["admin2", "admin1", "country"];

/// Read an ACLED export.
pub(super) fn read(
    input: impl Read,
    file: &str,
    progress: &mut dyn FnMut(u64),
) -> Result<ReadRows, ImportError> {
    let table = open(input, file)?;
    let mut at = [None; 15];
    for (i, (names, required)) in COLUMNS.iter().enumerate() {
        at[i] = table.columns.position(names, *required)?;
    }
    let admin = ADMIN.map(|name| table.columns.find(&[name]));
    read_records(table, progress, |line, cells, out| {
        let cell = |i: usize| at[i].map_or("", |c| cells[c]);
        let qualifiers: Vec<String> = admin
            .iter()
            .flatten()
            .map(|&c| clean(cells[c]).0)
            .filter(|q| !q.is_empty())
            .collect();
        match row(line, &cell, qualifiers) {
            Ok((r, changed)) => {
                if changed {
                    out.caveats.push(RowNote {
                            line,
                            message: "line breaks, tabs or invisible characters in its text were replaced by spaces or removed".into(),
                        });
                }
                if let Some(why) = &r.review {
                    out.caveats.push(RowNote {
                        line,
                        message: why.clone(),
                    });
                }
                out.usable.push(r);
            }
            Err(message) => out.skipped.push(RowNote { line, message }),
        }
    })
}

/// ACLED writes dates as `2024-12-07` (API), `07 December 2024` (website export) and, in
/// older files, `07-December-2016` or day-first `07/12/2016`.
fn date(raw: &str) -> Option<NaiveDate> {
    [
        "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%d/%m/%Y",
    ]
    .iter()
    .find_map(|f| NaiveDate::parse_from_str(raw, f).ok())
}

/// What a row's type says about control: `(kind, reviewed)`.
fn territory(event_type: &str, sub_event_type: &str) -> Option<(EventKind, bool)> {
    let t = if sub_event_type.trim().is_empty() {
        event_type
    } else {
        sub_event_type
    };
    let t = t.trim().to_lowercase();
    let t = t
        .strip_prefix("battles-")
        .or_else(|| t.strip_prefix("battle-"))
        .unwrap_or(&t)
        .trim();
    match t {
        "government regains territory" | "non-state actor overtakes territory" => {
            Some((EventKind::Captured, false))
        }
        "non-violent transfer of territory" => Some((EventKind::Claimed, true)),
        _ => None,
    }
}

#[expect(clippy::too_many_lines, reason = "one row's columns in order")]
fn row<'a>(
    line: u64,
    cell: &dyn Fn(usize) -> &'a str,
    qualifiers: Vec<String>,
) -> Result<(Row, bool), String> {
    let mut changed = false;
    let mut text = |i: usize| {
        let (t, c) = clean(cell(i));
        changed |= c;
        t
    };
    let raw_date = cell(0).trim();
    let date = date(raw_date).ok_or_else(|| {
        if raw_date.is_empty() {
            "no event_date".to_string()
        } else {
            format!(
                "event_date `{}` is not a date (YYYY-MM-DD or 07 December 2024)",
                printable(raw_date)
            )
        }
    })?;
    let (event_type, sub) = (text(1), text(2));
    if event_type.is_empty() {
        return Err("no event_type".into());
    }
    let actor1 = text(3);
    let (assoc1, actor2, assoc2) = (text(4), text(5), text(6));
    let place = text(7);
    if place.is_empty() {
        return Err("no location".into());
    }
    let lat = coordinate(cell(8), "latitude", 90.0)?;
    let lon = coordinate(cell(9), "longitude", 180.0)?;
    let quote = text(10);
    if quote.is_empty() {
        return Err("no notes: ACLED's notes are the quote of its event".into());
    }
    let source = text(11);
    if source.is_empty() {
        return Err("no source: ACLED's source is the outlet of its event".into());
    }
    let id = Some(text(12)).filter(|i| !i.is_empty());
    let time_precision = cell(13).trim();
    let geo_precision = cell(14).trim();
    let kind = territory(&event_type, &sub);
    if kind.is_some() && actor1.is_empty() {
        return Err(format!(
            "a territory change ({}) with no actor1: who took control?",
            if sub.is_empty() { &event_type } else { &sub }
        ));
    }
    let with = |actor: &str, assoc: &str| {
        if assoc.is_empty() {
            format!("`{actor}`")
        } else {
            format!("`{actor}` with `{assoc}`")
        }
    };
    let mut note = format!(
        "ACLED {}: {}{}; actor1 {}",
        id.as_deref().unwrap_or("(no event_id_cnty)"),
        event_type,
        if sub.is_empty() {
            String::new()
        } else {
            format!(" / {sub}")
        },
        if actor1.is_empty() {
            "none".to_string()
        } else {
            with(&actor1, &assoc1)
        }
    );
    if !actor2.is_empty() {
        note.push_str(&format!(", actor2 {}", with(&actor2, &assoc2)));
    }
    note.push('.');
    let (earliest, date) = match week_or_month(time_precision, date) {
        Some((first, last)) => {
            let known = if time_precision == "2" {
                "week"
            } else {
                "month"
            };
            note.push_str(&format!(
                " time_precision {time_precision}: ACLED knows only the {known}, not the day; event_date {date}, imported as {}.",
                if known == "week" { "the week around it" } else { "its month" }
            ));
            (Some(first), last)
        }
        None => {
            if !matches!(time_precision, "" | "1") {
                note.push_str(&format!(" time_precision {}.", printable(time_precision)));
            }
            (None, date)
        }
    };
    let review = match kind {
        Some((_, true)) => Some(format!(
            "ACLED non-violent transfer of territory: imported as a claim by actor1 `{actor1}`{}, for a person to review: actor1 should be the side that gained control, but files do not always follow that",
            if actor2.is_empty() {
                String::new()
            } else {
                format!(" (actor2 `{actor2}`)")
            }
        )),
        _ => None,
    };
    if let Some(why) = &review {
        note.push(' ');
        note.push_str(why);
        note.push('.');
    }
    let coords = match geo_precision {
        "1" => "ACLED, geo_precision 1: the location itself".to_string(),
        "2" => {
            "ACLED, geo_precision 2: near the location, or a part of the area it names".to_string()
        }
        "3" => "ACLED, geo_precision 3: a larger area (the province's capital stands for it)"
            .to_string(),
        "" => "ACLED".to_string(),
        p => format!("ACLED, geo_precision {}", printable(p)),
    };
    Ok((
        Row {
            line,
            place,
            qualifiers,
            lat,
            lon,
            coords,
            kind: PlaceKind::Town,
            date,
            earliest,
            event: kind.map_or(EventKind::Other, |(k, _)| k),
            faction: kind.map(|_| actor1),
            from: None,
            quote,
            source: source.clone(),
            outlet: source,
            id,
            note,
            review,
            looked_up: false,
        },
        changed,
    ))
}

/// The days an ACLED date stands for when `time_precision` says it is not the day itself:
/// 2, the week (ACLED records a day of it: 3 days either side), 3, the calendar month.
fn week_or_month(time_precision: &str, date: NaiveDate) -> Option<(NaiveDate, NaiveDate)> {
    match time_precision {
        "2" => Some((
            date.checked_sub_days(Days::new(3))?,
            date.checked_add_days(Days::new(3))?,
        )),
        "3" => {
            let first = date.with_day(1)?;
            Some((first, first.checked_add_months(Months::new(1))?.pred_opt()?))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_layouts_types() {
        assert_eq!(
            territory("Battles", "Government regains territory"),
            Some((EventKind::Captured, false))
        );
        assert_eq!(
            territory("Battle-Non-state actor overtakes territory", ""),
            Some((EventKind::Captured, false))
        );
        assert_eq!(
            territory(
                "Strategic developments",
                "Non-violent transfer of territory"
            ),
            Some((EventKind::Claimed, true))
        );
        assert_eq!(
            territory("Non-violent transfer of territory", ""),
            Some((EventKind::Claimed, true))
        );
        assert_eq!(territory("Battles", "Armed clash"), None);
        assert_eq!(territory("Riots/Protests", ""), None);
    }

    #[test]
    fn a_week_or_a_month_becomes_a_range() {
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(week_or_month("1", d(12, 3)), None);
        assert_eq!(week_or_month("", d(12, 3)), None);
        assert_eq!(week_or_month("2", d(12, 3)), Some((d(11, 30), d(12, 6))));
        assert_eq!(week_or_month("3", d(2, 15)), Some((d(2, 1), d(2, 29))));
        assert_eq!(week_or_month("3", d(12, 31)), Some((d(12, 1), d(12, 31))));
    }

    #[test]
    fn reads_acled_dates() {
        let d = NaiveDate::from_ymd_opt(2016, 12, 7);
        for raw in [
            "2016-12-07",
            "07 December 2016",
            "07-December-2016",
            "07/12/2016",
        ] {
            assert_eq!(date(raw), d, "{raw}");
        }
        assert_eq!(date("December 7"), None);
    }
}
