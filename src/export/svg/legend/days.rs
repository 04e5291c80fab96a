//! The legend's lists of the shown day: the changes dated to it (or, comparing, the changes
//! since the other day), where the reports disagree, the places not settled on it, and what
//! its reports say with no day of their own.

use super::{Column, MAX_CHANGES};
use crate::dataset::PlaceId;
use crate::export::svg::marker::MARK_COLOR;
use crate::loaded::Loaded;
use crate::timeline::Cursor;
use crate::view::compare::{self, Comparison};
use crate::view::day::Day;
use crate::view::words;

/// The changes dated to the day.
pub(super) fn day_changes(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, size: f64) {
    let day = Day::of(loaded, cursor.date);
    let date = cursor.date.format("%-d %B").to_string();
    if !col.section(&format!("Changes on {date}"), size) {
        col.dropped += day.changed.len().max(1);
        return;
    }
    if day.changed.is_empty() {
        col.item(
            "No report dates a change of hands or status to this day.",
            0.0,
            size,
            "#333333",
        );
    }
    list(col, loaded, cursor, &day.changed, size);
}

/// What the day's reports say with no day of their own.
pub(super) fn day_also(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, size: f64) {
    let day = Day::of(loaded, cursor.date);
    let date = cursor.date.format("%-d %B").to_string();
    if !day.also.is_empty() || !day.settled.is_empty() {
        if !col.section(&format!("Also in {date}'s reports"), size) {
            col.dropped += day.settled.len().max(1);
            return;
        }
        if !day.settled.is_empty() {
            col.item(
                "These reports give no day for these changes; they happened some time between the dates shown:",
                0.0,
                size,
                "#333333",
            );
            list(col, loaded, cursor, &day.settled, size);
        }
        let more: usize = day
            .also
            .iter()
            .filter(|m| !day.settled.contains(&m.place))
            .map(|m| m.events.len())
            .sum();
        if more > 0 {
            let text = format!(
                "and {more} more statements with no day of their own about places already shown."
            );
            col.item(&text, 0.0, size, "#333333");
        }
    }
}

/// The changes since `from`, with the ring the map draws around each.
pub(super) fn comparison(col: &mut Column<'_>, loaded: &Loaded, c: &Comparison, size: f64) {
    let ds = &loaded.dataset;
    let changes = c.changes();
    let heading = format!(
        "Changes from {} to {}",
        c.from.format("%-d %B"),
        c.to.format("%-d %B")
    );
    if !col.section(&heading, size) {
        col.dropped += changes.len().max(1);
        return;
    }
    if changes.is_empty() {
        col.item("None: every place is as it was.", 0.0, size, "#333333");
    }
    for line in changes.iter().take(MAX_CHANGES) {
        let mut text = format!("{}: {}", ds.place(line.place).name, compare::what(ds, line));
        if let Some(w) = compare::when(ds, line, c.from) {
            text.push_str(&format!(", {w}"));
        }
        col.item(&text, col.l.px(12.0), size, "#111111");
    }
    more_line(col, changes.len(), size);
}

/// The places not settled on the day.
pub(super) fn unsettled(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, size: f64) {
    let ds = &loaded.dataset;
    let date = cursor.date.format("%-d %B").to_string();
    let unsettled: Vec<PlaceId> = (0..ds.places.len() as u32)
        .map(PlaceId)
        .filter(|p| cursor.state(*p).is_some_and(|s| s.unsettled.is_some()))
        .collect();
    if unsettled.is_empty() {
        return;
    }
    if !col.section(&format!("Not settled on {date}"), size) {
        col.dropped += unsettled.len();
        return;
    }
    for p in unsettled.iter().take(MAX_CHANGES) {
        let Some(state) = cursor.state(*p) else {
            continue;
        };
        if let Some(u) = words::unsettled(ds, state, cursor.date) {
            let text = format!("~ {}: {u}", ds.place(*p).name);
            col.item(&text, col.l.px(12.0), size, "#111111");
        }
    }
    more_line(col, unsettled.len(), size);
}

/// Where the reports disagree: each disagreement's place and topic (the Markdown export and
/// the data formats carry the summaries).
pub(super) fn disagreements(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, size: f64) {
    let ds = &loaded.dataset;
    let contradictions = loaded.contradictions_on(cursor.date, None);
    if contradictions.is_empty() {
        return;
    }
    if !col.section("Where the reports disagree", size) {
        col.dropped += contradictions.len();
        return;
    }
    for c in contradictions {
        let title = format!("⚠ {}: {}", ds.place(c.place).name, c.topic);
        col.item(&title, 0.0, size, MARK_COLOR);
    }
}

/// Places with their state, since when, up to [`MAX_CHANGES`].
fn list(col: &mut Column<'_>, loaded: &Loaded, cursor: &Cursor, places: &[PlaceId], size: f64) {
    let ds = &loaded.dataset;
    for p in places.iter().take(MAX_CHANGES) {
        let Some(state) = cursor.state(*p) else {
            continue;
        };
        let text = format!(
            "{}: {}, {}",
            ds.place(*p).name,
            words::describe(ds, *p, state),
            words::since(ds, state)
        );
        col.item(&text, col.l.px(12.0), size, "#111111");
    }
    more_line(col, places.len(), size);
}

fn more_line(col: &mut Column<'_>, n: usize, size: f64) {
    if n > MAX_CHANGES {
        let more = format!("and {} more", n - MAX_CHANGES);
        col.item(&more, 0.0, size, "#333333");
    }
}
