//! The loader's limits, applied to rows before they become a dataset, so that an import
//! never writes what `validate` would refuse: a row over a limit is skipped with its line
//! and the limit (lengths, dates, counts), and a source too big for one file is split.
//!
//! The notes import itself adds to an event stay well under the 10,000 characters a note may
//! hold, so a row's own note is held to [`NOTE_CHARS`].

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use super::places::places;
use super::{Report, Row, RowNote};
use crate::dataset::limits::{
    MAX_DATASET_BYTES, MAX_DAYS, MAX_EVENTS, MAX_NAME_CHARS, MAX_PLACES, MAX_QUOTE_CHARS,
    MAX_SOURCE_BYTES, MAX_SOURCES_TOTAL_BYTES, MAX_TEXT_CHARS,
};

/// A row's own note, leaving room for what import adds (a contradiction, a changed kind).
const NOTE_CHARS: usize = MAX_TEXT_CHARS - 2_000;

/// A source text is split into parts of at most this many bytes (its header included).
const SOURCE_PART_BYTES: u64 = MAX_SOURCE_BYTES - (64 << 10);

/// What one event adds to `dataset.toml` besides its names, quote and note: keys, dates.
const EVENT_BYTES: u64 = 200;

/// What one place adds to `dataset.toml` besides its names: keys, numbers, and a note that
/// names the file (at most 255 bytes).
const PLACE_BYTES: u64 = 600;

/// Bytes of `s` written as a TOML basic string: `"` and `\` take two (control characters
/// were cleaned out when the row was read).
fn escaped(s: &str) -> u64 {
    (s.len() + s.bytes().filter(|&b| b == b'"' || b == b'\\').count() + 2) as u64
}

/// What `row`'s event adds to `dataset.toml`, at most.
fn event_bytes(r: &Row) -> u64 {
    EVENT_BYTES
        + escaped(r.id.as_deref().unwrap_or_default())
        + 2 * escaped(&r.place)
        + escaped(r.faction.as_deref().unwrap_or_default())
        + escaped(r.from.as_deref().unwrap_or_default())
        + escaped(&r.quote)
        + escaped(&r.note)
        + 300
}

fn skip(report: &mut Report, line: u64, message: String) {
    report.skipped.push(RowNote { line, message });
}

/// Why `row` breaks a limit of one row, if it does.
fn row_fault(row: &Row) -> Option<String> {
    let names = [
        ("place", Some(&row.place)),
        ("holder", row.faction.as_ref()),
        ("from", row.from.as_ref()),
        ("source", Some(&row.source)),
        ("outlet", Some(&row.outlet)),
        ("id", row.id.as_ref()),
        ("coords", Some(&row.coords)),
    ];
    for (column, value) in names {
        let n = value.map_or(0, |v| v.chars().count());
        if n > MAX_NAME_CHARS {
            return Some(format!(
                "`{column}` is {n} characters long; a dataset's names hold at most {MAX_NAME_CHARS}"
            ));
        }
    }
    let n = row.quote.chars().count();
    if n > MAX_QUOTE_CHARS {
        return Some(format!(
            "the quote is {n} characters long; at most {MAX_QUOTE_CHARS} (quote the sentence that says it)"
        ));
    }
    let n = row.note.chars().count();
    if n > NOTE_CHARS {
        return Some(format!(
            "the note is {n} characters long; at most {NOTE_CHARS}"
        ));
    }
    for d in [Some(row.date), row.earliest].into_iter().flatten() {
        if !(1..=9999).contains(&d.year()) {
            return Some(format!(
                "the date {d} is outside the years 1 to 9999 a dataset can hold"
            ));
        }
    }
    None
}

/// The span of at most [`MAX_DAYS`] days holding the most rows: (first day, last day).
fn busiest_window(rows: &[Row]) -> (NaiveDate, NaiveDate) {
    let mut days: Vec<NaiveDate> = rows
        .iter()
        .flat_map(|r| [r.earliest.unwrap_or(r.date), r.date])
        .collect();
    days.sort_unstable();
    let (mut best, mut lo) = ((0usize, days[0]), 0usize);
    for (hi, &d) in days.iter().enumerate() {
        while (d - days[lo]).num_days() >= MAX_DAYS {
            lo += 1;
        }
        if hi + 1 - lo > best.0 {
            best = (hi + 1 - lo, days[lo]);
        }
    }
    let first = best.1;
    (first, first + chrono::Days::new(MAX_DAYS as u64 - 1))
}

/// Keep the rows the loader's limits allow, in their order; the others are skipped in
/// `report` with their line. Sources too large for one file are split into parts
/// (`wire-1`, `wire-1 (part 2)`, ...).
pub(super) fn enforce(rows: Vec<Row>, report: &mut Report) -> Vec<Row> {
    let mut rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| match row_fault(r) {
            Some(m) => {
                skip(report, r.line, m);
                false
            }
            None => true,
        })
        .collect();
    if rows.is_empty() {
        return rows;
    }
    // Dates: a dataset spans at most MAX_DAYS days; the busiest such span is kept.
    let (first, last) = busiest_window(&rows);
    rows.retain(|r| {
        let inside = r.earliest.unwrap_or(r.date) >= first && r.date <= last;
        if !inside {
            skip(
                report,
                r.line,
                format!(
                    "dated {}, outside the {MAX_DAYS} days ({first} to {last}) that hold most rows: a dataset spans at most {MAX_DAYS} days",
                    r.date
                ),
            );
        }
        inside
    });
    // Places, in the order they first appear: those beyond the limit lose their rows.
    let of_row = places(&rows).of_row;
    if of_row.iter().any(|&p| p >= MAX_PLACES) {
        let mut kept = Vec::with_capacity(rows.len());
        for (r, p) in rows.into_iter().zip(of_row) {
            if p < MAX_PLACES {
                kept.push(r);
            } else {
                skip(
                    report,
                    r.line,
                    format!(
                        "`{}` would be place number {}; a dataset holds at most {MAX_PLACES} places",
                        r.place,
                        p + 1
                    ),
                );
            }
        }
        rows = kept;
    }
    // Each place once (its first row), at most what its entry takes.
    let mut dataset_bytes = 64 * 1_024;
    if !rows.is_empty() {
        let of_row = places(&rows).of_row;
        let mut seen = vec![false; of_row.iter().max().map_or(0, |&m| m + 1)];
        for (r, &p) in rows.iter().zip(&of_row) {
            if !std::mem::replace(&mut seen[p], true) {
                dataset_bytes += PLACE_BYTES + 3 * escaped(&r.place) + escaped(&r.coords);
            }
        }
    }
    // Events, sources and the dataset file's size, row by row in line order.
    let mut sources_bytes = 0u64;
    let mut parts: HashMap<String, (u32, u64)> = HashMap::new();
    let mut kept = Vec::with_capacity(rows.len());
    for mut r in rows {
        let quote = r.quote.len() as u64;
        let text = quote + 32;
        let row_bytes = event_bytes(&r);
        let refuse = if kept.len() >= MAX_EVENTS {
            Some(format!("a dataset holds at most {MAX_EVENTS} events"))
        } else if sources_bytes + text > MAX_SOURCES_TOTAL_BYTES - (1 << 20) {
            Some(format!(
                "the source texts together would pass {} MiB, the most a dataset reads",
                MAX_SOURCES_TOTAL_BYTES >> 20
            ))
        } else if dataset_bytes + row_bytes > MAX_DATASET_BYTES {
            Some(format!(
                "dataset.toml would pass {} MiB, the most a dataset file may be",
                MAX_DATASET_BYTES >> 20
            ))
        } else {
            None
        };
        if let Some(m) = refuse {
            skip(report, r.line, format!("{m}; split the file"));
            continue;
        }
        sources_bytes += text;
        dataset_bytes += row_bytes;
        let (part, bytes) = parts.entry(r.source.clone()).or_insert((1, 4_096));
        if *bytes + text > SOURCE_PART_BYTES {
            *part += 1;
            *bytes = 4_096;
        }
        *bytes += text;
        if *part > 1 {
            r.source = format!("{} (part {part})", r.source);
        }
        kept.push(r);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{EventKind, PlaceKind};

    fn row(line: u64, place: &str, lat: f64, date: NaiveDate) -> Row {
        Row {
            line,
            place: place.into(),
            qualifiers: Vec::new(),
            lat,
            lon: 30.0,
            coords: "test".into(),
            kind: PlaceKind::Town,
            date,
            earliest: None,
            event: EventKind::Captured,
            faction: Some("A".into()),
            from: None,
            quote: format!("A took {place}."),
            source: "wire".into(),
            outlet: "Wire".into(),
            id: None,
            note: String::new(),
            review: None,
            looked_up: false,
        }
    }

    fn day(y: i32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, 6, 1).unwrap()
    }

    #[test]
    fn three_hundred_thousand_places_keep_the_first_hundred_thousand() {
        let rows: Vec<Row> = (0..300_000u64)
            .map(|i| row(i + 2, &format!("P{i}"), 40.0 + i as f64 * 1e-4, day(2024)))
            .collect();
        let mut report = Report::default();
        let kept = enforce(rows, &mut report);
        assert_eq!(kept.len(), MAX_PLACES);
        assert_eq!(report.skipped.len(), 300_000 - MAX_PLACES);
        let first = &report.skipped[0];
        assert_eq!(first.line, MAX_PLACES as u64 + 2);
        assert_eq!(
            first.message,
            "`P100000` would be place number 100001; a dataset holds at most 100000 places"
        );
    }

    #[test]
    fn rows_over_a_length_or_outside_the_dates_are_skipped_with_why() {
        let mut long_name = row(2, &"N".repeat(201), 40.0, day(2024));
        long_name.quote = "x".into();
        let mut long_holder = row(3, "B", 40.1, day(2024));
        long_holder.faction = Some("F".repeat(300));
        let mut long_quote = row(4, "C", 40.2, day(2024));
        long_quote.quote = "q".repeat(5_001);
        let far = row(5, "D", 40.3, day(1900));
        let beyond = row(6, "E", 40.4, NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap());
        let fine: Vec<Row> = (0..3)
            .map(|i| row(7 + i, &format!("F{i}"), 41.0 + i as f64, day(2024)))
            .collect();
        let mut rows = vec![long_name, long_holder, long_quote, far, beyond];
        rows.extend(fine);
        let mut report = Report::default();
        let kept = enforce(rows, &mut report);
        assert_eq!(kept.iter().map(|r| r.line).collect::<Vec<_>>(), [7, 8, 9]);
        let why: Vec<(u64, &str)> = report
            .skipped
            .iter()
            .map(|n| (n.line, n.message.as_str()))
            .collect();
        assert!(
            why.contains(&(
                2,
                "`place` is 201 characters long; a dataset's names hold at most 200"
            )),
            "{why:?}"
        );
        assert!(
            why.contains(&(
                3,
                "`holder` is 300 characters long; a dataset's names hold at most 200"
            )),
            "{why:?}"
        );
        assert!(
            why.iter()
                .any(|w| w.0 == 4 && w.1.starts_with("the quote is 5001 characters long")),
            "{why:?}"
        );
        assert!(
            why.iter()
                .any(|w| w.0 == 5 && w.1.starts_with("dated 1900-06-01, outside the 36600 days")),
            "{why:?}"
        );
        assert!(
            why.contains(&(
                6,
                "the date +10000-01-01 is outside the years 1 to 9999 a dataset can hold"
            )),
            "{why:?}"
        );
    }

    #[test]
    fn a_source_larger_than_a_file_may_be_is_split_into_parts() {
        // 6,000 rows of 4,000-byte quotes: 24 MB of one source, more than its 16 MiB.
        let rows: Vec<Row> = (0..6_000u64)
            .map(|i| {
                let mut r = row(i + 2, &format!("P{i}"), 40.0 + i as f64 * 1e-3, day(2024));
                r.quote = "w".repeat(4_000);
                r
            })
            .collect();
        let mut report = Report::default();
        let kept = enforce(rows, &mut report);
        assert_eq!(kept.len(), 6_000);
        assert!(report.skipped.is_empty());
        let mut bytes: HashMap<&str, u64> = HashMap::new();
        for r in &kept {
            *bytes.entry(r.source.as_str()).or_default() += r.quote.len() as u64 + 32;
        }
        assert_eq!(bytes.len(), 2, "{:?}", bytes.keys());
        assert!(bytes.contains_key("wire (part 2)"));
        assert!(bytes.values().all(|&b| b < MAX_SOURCE_BYTES - 4_096));
    }
}
