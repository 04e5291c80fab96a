//! Plain CLI output: the state table (table, JSON, CSV), the event log, a place's quotes and
//! the comparison of two days ([`diff`]).
//! Every function returns a `String`; the caller writes it, so nothing here touches a terminal.

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::dataset::PlaceId;
use crate::loaded::Loaded;
use crate::snapshot::{self, PlaceRow};
use crate::view::words::{self, cite, day_label, event_date, event_status, event_summary};

pub mod diff;

/// The state table as aligned text.
pub fn state_table(loaded: &Loaded, date: NaiveDate) -> String {
    let rows = snapshot::rows(loaded, date);
    let ds = &loaded.dataset;
    let mut out = format!("{} — end of {}\n\n", ds.name, day_label(date));
    let header = [
        "PLACE", "HOLDER", "STATUS", "OTHERS", "SINCE", "SOURCES", "NOTES",
    ];
    let cells: Vec<[String; 7]> = rows
        .iter()
        .map(|r| {
            [
                r.label.clone(),
                r.holder.clone().unwrap_or_else(|| "-".into()),
                r.status.clone(),
                if r.others.is_empty() {
                    "-".into()
                } else {
                    r.others.join(",")
                },
                since_text(r),
                r.sources.to_string(),
                notes(r),
            ]
        })
        .collect();
    let widths: Vec<usize> = (0..7)
        .map(|i| {
            cells
                .iter()
                .map(|c| c[i].chars().count())
                .chain([header[i].len()])
                .max()
                .unwrap_or(0)
        })
        .collect();
    // Padded by hand: `{:<w$}` panics on a width over 65,535.
    let line = |cols: [&str; 7]| {
        let mut l = String::new();
        for (i, c) in cols.iter().enumerate() {
            l.push_str(c);
            let pad = widths[i].saturating_sub(c.chars().count()) + 2;
            l.extend(std::iter::repeat_n(' ', pad));
        }
        l.trim_end().to_string() + "\n"
    };
    out.push_str(&line(header));
    for c in &cells {
        out.push_str(&line([&c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6]]));
    }
    out
}

/// What the columns cannot say: an unsettled change, vague accounts, disagreements.
fn notes(r: &PlaceRow) -> String {
    let mut notes = Vec::new();
    if let (Some(e), Some(a), Some(b)) =
        (&r.unsettled_event, r.unsettled_earliest, r.unsettled_latest)
    {
        let what = if r.unsettled_pending {
            "may have changed"
        } else {
            "unsettled"
        };
        notes.push(format!("{what} {a}..{b} ({e})"));
    }
    if !r.vague_accounts.is_empty() {
        notes.push(format!(
            "also told as {} (no group named)",
            r.vague_accounts.join(", ")
        ));
    }
    if let Some(h) = r.holder.as_deref().filter(|_| r.captor_sources < r.sources) {
        notes.push(format!(
            "{} of {} reporters name {h}",
            r.captor_sources, r.sources
        ));
    }
    if let Some(end) = &r.claim_ended {
        notes.push(format!("claim {end}"));
    }
    if !r.contradictions.is_empty() {
        notes.push(format!("reports disagree: {}", r.contradictions.join(", ")));
    }
    if notes.is_empty() {
        "-".to_string()
    } else {
        notes.join("; ")
    }
}

fn since_text(r: &PlaceRow) -> String {
    match (r.since, r.since_earliest, r.since_latest, r.since_likely) {
        (None, ..) => "before".into(),
        (Some(_), Some(a), Some(b), Some(l)) => format!("~{l} ({a}..{b})"),
        (Some(_), Some(a), Some(b), None) => format!("{a}..{b}"),
        (Some(d), ..) => d.to_string(),
    }
}

/// The state as a JSON array.
pub fn state_json(loaded: &Loaded, date: NaiveDate) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    write_state_json(loaded, date, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// [`state_json`] written to `out` row by row, never holding more than one row.
///
/// # Errors
/// The writer's error, as serde_json reports it.
pub(crate) fn write_state_json(
    loaded: &Loaded,
    date: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<(), serde_json::Error> {
    use serde::Serializer as _;
    let mut ser = serde_json::Serializer::pretty(&mut *out);
    ser.collect_seq(snapshot::place_rows(loaded, date).map(|(_, r)| r))?;
    out.write_all(b"\n").map_err(serde_json::Error::io)
}

/// The state as CSV with a header row.
pub fn state_csv(loaded: &Loaded, date: NaiveDate) -> Result<String, csv::Error> {
    let mut out = Vec::new();
    write_state_csv(loaded, date, &mut out)?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// [`state_csv`] written to `out` row by row, never holding more than one row.
///
/// # Errors
/// The writer's error, as the csv writer reports it.
pub(crate) fn write_state_csv(
    loaded: &Loaded,
    date: NaiveDate,
    out: &mut dyn std::io::Write,
) -> Result<(), csv::Error> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "id",
        "name",
        "kind",
        "lat",
        "lon",
        "holder",
        "holder_name",
        "status",
        "others",
        "since",
        "date_precision",
        "since_earliest",
        "since_latest",
        "since_likely",
        "denied",
        "unsettled_event",
        "unsettled_earliest",
        "unsettled_latest",
        "unsettled_pending",
        "vague_accounts",
        "sources",
        "captor_sources",
        "reporters",
        "events",
        "contradictions",
        "contradiction_topics",
        "contradiction_summaries",
        "claim_ended",
        "label",
    ])?;
    let opt = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    for (_, r) in snapshot::place_rows(loaded, date) {
        w.write_record([
            text_cell(r.id),
            text_cell(r.name),
            r.kind,
            r.lat.to_string(),
            r.lon.to_string(),
            text_cell(r.holder.unwrap_or_default()),
            text_cell(r.holder_name.unwrap_or_default()),
            r.status,
            text_cell(r.others.join(";")),
            opt(r.since),
            r.date_precision,
            opt(r.since_earliest),
            opt(r.since_latest),
            opt(r.since_likely),
            r.denied.to_string(),
            text_cell(r.unsettled_event.unwrap_or_default()),
            opt(r.unsettled_earliest),
            opt(r.unsettled_latest),
            r.unsettled_pending.to_string(),
            text_cell(r.vague_accounts.join(";")),
            r.sources.to_string(),
            r.captor_sources.to_string(),
            text_cell(
                r.reporters
                    .iter()
                    .map(|g| format!("{} ({})", g.names.join("+"), g.sources.join(" ")))
                    .collect::<Vec<_>>()
                    .join(";"),
            ),
            text_cell(r.events.join(";")),
            text_cell(r.contradictions.join(";")),
            text_cell(join(r.disagreements.iter().map(|d| d.topic.as_str()))),
            text_cell(join(r.disagreements.iter().map(|d| d.summary.as_str()))),
            text_cell(r.claim_ended.unwrap_or_default()),
            text_cell(r.label),
        ])?;
    }
    w.flush()?;
    Ok(())
}

/// Texts in one CSV cell, ` | ` between them (they hold `;` and `,` themselves).
fn join<'a>(texts: impl Iterator<Item = &'a str>) -> String {
    texts.collect::<Vec<_>>().join(" | ")
}

/// A CSV cell of dataset text, made inert for spreadsheets: one starting with `=`, `+`, `-`,
/// `@`, a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets, so it
/// gets a leading `'` (OWASP's advice on CSV injection). Numbers and dates are written by
/// frontline itself and left alone, so a negative longitude stays a number.
pub(crate) fn text_cell(s: String) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s
    }
}

/// The event log, oldest first, optionally filtered: every event the timeline applies from
/// `from` to `to` (an undated one on the day it was published, marked so).
pub fn events(loaded: &Loaded, from: NaiveDate, to: NaiveDate, place: Option<PlaceId>) -> String {
    let ds = &loaded.dataset;
    let mut out = String::new();
    let labels = crate::dataset::namesakes::labels(ds);
    let mut count = 0;
    let mut ids: Vec<_> = (0..ds.events.len() as u32)
        .map(crate::dataset::EventId)
        .filter(|e| {
            let ev = ds.event(*e);
            ev.date >= from && ev.date <= to && place.is_none_or(|p| p == ev.place)
        })
        .collect();
    ids.sort_by_key(|e| {
        let ev = ds.event(*e);
        (ev.date, ev.dating.rank(), e.0)
    });
    for id in ids {
        let ev = ds.event(id);
        count += 1;
        let _ = writeln!(
            out,
            "{}  {}  {}  [{}]\n    source {} · when: \"{}\"\n    “{}”",
            event_date(ev),
            labels[ev.place.index()],
            event_summary(ds, ev),
            event_status(ds, ev),
            cite(ds, ev),
            ev.when,
            ev.quote
        );
        if !ev.note.is_empty() {
            let _ = writeln!(out, "    note: {}", ev.note);
        }
    }
    let _ = writeln!(out, "{count} event(s) from {from} to {to}");
    out
}

/// Everything the reports say about a place, grouped by date, with its state now and the
/// contradictions about it.
pub fn quotes(loaded: &Loaded, place: PlaceId) -> String {
    let ds = &loaded.dataset;
    let tl = &loaded.timeline;
    let p = ds.place(place);
    let mut out = format!(
        "{} — {}, {:.4} N {:.4} E ({})\n",
        crate::dataset::namesakes::label(ds, place),
        p.kind.as_str(),
        p.lat,
        p.lon,
        p.coords_source
    );
    if !p.aliases.is_empty() {
        let _ = writeln!(out, "Also written in the reports: {}", p.aliases.join(", "));
    }
    if !p.gazetteer_aliases.is_empty() {
        let gazetteer = p
            .coords_source
            .split_whitespace()
            .next()
            .unwrap_or("the gazetteer");
        let _ = writeln!(
            out,
            "Spellings in {gazetteer}: {}",
            p.gazetteer_aliases.join(", ")
        );
    }
    let basis = &p.initial_basis;
    let holder = p
        .initial
        .map_or_else(|| "no holder".to_string(), |h| ds.faction(h).name.clone());
    let _ = writeln!(out, "Before the first event: {holder}. {}", basis.note);
    if let (Some(s), Some(q)) = (basis.source, &basis.quote) {
        let _ = writeln!(out, "    {}: “{q}”", ds.source(s).id);
    }
    if let Some(last) = tl.state_of(place, tl.last_date()) {
        let _ = writeln!(
            out,
            "On {}: {}, {} — {}",
            tl.last_date(),
            words::describe(ds, place, &last),
            words::since(ds, &last),
            words::reporters(ds, &tl.state_reporters(ds, place, &last))
        );
        if let Some(u) = words::unsettled(ds, &last, tl.last_date()) {
            let _ = writeln!(out, "    {u}");
        }
    }
    for c in ds.contradictions.iter().filter(|c| c.place == place) {
        let _ = writeln!(out, "Reports disagree — {}\n    {}", c.topic, c.summary);
    }
    let mut current: Option<(NaiveDate, bool)> = None;
    for &id in tl.place_events(place) {
        let ev = ds.event(id);
        let dated = ev.dating.on().is_some();
        if current != Some((ev.date, dated)) {
            current = Some((ev.date, dated));
            let heading = match ev.dating.on() {
                Some(d) if ev.dating.is_exact() => day_label(d),
                Some(d) => format!("{} (most likely)", day_label(d)),
                None => format!("By {} (no day given)", day_label(ev.date)),
            };
            let _ = writeln!(out, "\n{heading}");
        }
        let _ = writeln!(
            out,
            "  [{}] {} — {}, when: \"{}\", date: {}\n    “{}”",
            event_status(ds, ev),
            event_summary(ds, ev),
            cite(ds, ev),
            ev.when,
            event_date(ev),
            ev.quote
        );
        if !ev.note.is_empty() {
            let _ = writeln!(out, "    note: {}", ev.note);
        }
    }
    if tl.place_events(place).is_empty() {
        out.push_str("\nNo event: a reference point on the map.\n");
    }
    out
}

/// A source in a Markdown list: `004 — [headline](<url>), Reuters, file sources/004.txt,
/// published 2024-12-07`, with the headline and the link only where the dataset gives them.
pub(crate) fn source_item(s: &crate::dataset::Source) -> String {
    let md = crate::dataset::text::markdown;
    let title = match (&s.title, &s.url) {
        (Some(t), Some(u)) => format!("[{}](<{u}>), ", md(t)),
        (Some(t), None) => format!("“{}”, ", md(t)),
        (None, Some(u)) => format!("<{u}>, "),
        (None, None) => String::new(),
    };
    format!(
        "{} — {title}{}, file {}, published {}",
        md(&s.id),
        md(&s.outlet),
        md(&s.file),
        s.published
    )
}

/// An event's quote as a Markdown block quote, with who states it, when, its date, what it
/// says and its status under it.
pub(crate) fn quote_block(ds: &crate::dataset::Dataset, ev: &crate::dataset::Event) -> String {
    let md = crate::dataset::text::markdown;
    format!(
        "> {}\n>\n> — {}, when: “{}”, date: {}; {}, {}\n",
        md(&ev.quote),
        md(&cite(ds, ev)),
        md(&ev.when),
        md(&event_date(ev)),
        md(&event_summary(ds, ev)),
        md(&event_status(ds, ev))
    )
}
