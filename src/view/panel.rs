//! The words of the side panels, as lines of styled pieces: which lines there are and in
//! which groups. The screen decides how a style looks (colour, bold, none under NO_COLOR),
//! how the lines wrap and scroll.

use chrono::NaiveDate;

use crate::dataset::{EventKind, PlaceId, Rgb};
use crate::loaded::Loaded;
use crate::timeline::Status;

use super::day::Day;

mod compare;

use super::words::{self, describe, event_day_short, event_status, event_summary};
pub(crate) use compare::compare_lines;
pub(crate) use compare::compare_title;

/// How a piece of panel text is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    /// Ordinary text.
    Plain,
    /// Secondary text.
    Dim,
    /// A heading or a date.
    Heading,
    /// A report's verbatim words.
    Quote,
    /// Doubt: a contradiction, a denial, an unsettled change.
    Warn,
    /// The name of a place whose state changed on the shown day.
    Changed,
    /// In a faction's colour (`None`: a place with no holder); `shown` marks the shown day in
    /// the history strip.
    Faction {
        /// The colour.
        color: Option<Rgb>,
        /// True for the cell of the shown day.
        shown: bool,
    },
}

/// One piece of text with its style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// How it is drawn.
    pub ink: Ink,
    /// The text.
    pub text: String,
}

/// A line of the panel.
pub(crate) type PanelLine = Vec<Piece>;

fn piece(ink: Ink, text: impl Into<String>) -> Piece {
    Piece {
        ink,
        text: text.into(),
    }
}

fn line(ink: Ink, text: impl Into<String>) -> PanelLine {
    vec![piece(ink, text)]
}

/// What the place panel says of a place the day's territory judges an isolated report.
pub(crate) const ISOLATED_REPORT: &str = "isolated report: drawn as a small disc, not a share of the land (its neighbours read otherwise)";

/// The selected place's lines on `date`: names, state with since when and who reports it,
/// an unsettled change, a strip of its history in at most `strip_cells` cells (one line),
/// where reports disagree, and every quote up to the day, newest first, with its date, who
/// states it and where the words come from.
pub fn place_lines(
    loaded: &Loaded,
    p: PlaceId,
    date: NaiveDate,
    strip_cells: usize,
) -> Vec<PanelLine> {
    place_lines_with(loaded, p, date, strip_cells, false)
}

/// [`place_lines`], saying after its state that the place is an isolated report of the day's
/// territory ([`crate::view::territory::Territory::isolated`]) if `isolated`.
#[expect(
    clippy::too_many_lines,
    reason = "the place panel's sections in the order they are shown"
)]
pub(crate) fn place_lines_with(
    loaded: &Loaded,
    p: PlaceId,
    date: NaiveDate,
    strip_cells: usize,
    isolated: bool,
) -> Vec<PanelLine> {
    let ds = &loaded.dataset;
    let tl = &loaded.timeline;
    let place = ds.place(p);
    let mut lines = vec![vec![
        piece(Ink::Heading, place.name.clone()),
        piece(
            Ink::Dim,
            format!(
                "  {} · {:.3}N {:.3}E",
                place.kind.as_str(),
                place.lat,
                place.lon
            ),
        ),
    ]];
    if !place.aliases.is_empty() {
        lines.push(line(
            Ink::Dim,
            format!("in the reports also: {}", place.aliases.join(", ")),
        ));
    }
    if !place.gazetteer_aliases.is_empty() {
        let gazetteer = place
            .coords_source
            .split_whitespace()
            .next()
            .unwrap_or("the gazetteer");
        lines.push(line(
            Ink::Dim,
            format!(
                "spellings in {gazetteer}: {}",
                place.gazetteer_aliases.join(", ")
            ),
        ));
    }
    match tl.state_of(p, date) {
        None => lines.push(line(Ink::Plain, "Not on the map yet on this day.")),
        Some(state) => {
            let color = state.holder.map(|h| ds.faction(h).color);
            lines.push(vec![
                piece(
                    Ink::Faction {
                        color,
                        shown: false,
                    },
                    format!("{}{} ", super::glyph(ds, &state), super::mark(&state)),
                ),
                piece(Ink::Plain, describe(ds, p, &state)),
            ]);
            let all = tl.state_reporters(ds, p, &state);
            let naming = tl.captor_reporters(ds, p, &state);
            lines.push(line(
                Ink::Dim,
                format!(
                    "{} · {}",
                    words::since(ds, &state),
                    words::reporters_naming(ds, &state, &all, &naming, 3)
                ),
            ));
            if let Some(u) = words::unsettled(ds, &state, date) {
                lines.push(line(Ink::Warn, format!("~ {u}")));
            }
            if isolated {
                lines.push(line(Ink::Dim, ISOLATED_REPORT));
            }
        }
    }
    lines.extend(history_lines(loaded, p, date, strip_cells));
    for c in loaded.contradictions_on(date, Some(p)) {
        lines.push(line(Ink::Warn, format!("⚠ Reports disagree: {}", c.topic)));
        lines.push(line(Ink::Plain, c.summary.clone()));
    }
    lines.push(Vec::new());
    lines.push(line(
        Ink::Heading,
        format!("What the reports say, up to {date} (newest first):"),
    ));
    let events: Vec<_> = tl
        .place_events(p)
        .iter()
        .rev()
        .filter(|e| ds.event(**e).date <= date)
        .collect();
    if events.is_empty() {
        lines.push(line(Ink::Dim, "nothing yet"));
    }
    for &&id in &events {
        let ev = ds.event(id);
        let src = ds.source(ev.source);
        let mut head = vec![
            piece(Ink::Heading, format!("{} ", event_day_short(ev))),
            piece(Ink::Plain, format!("{} ", event_summary(ds, ev))),
            piece(
                if ev.kind == EventKind::Denied || !ev.stated_by().is_empty() {
                    Ink::Warn
                } else {
                    Ink::Dim
                },
                format!("[{}]", event_status(ds, ev)),
            ),
        ];
        if ds.contradictions.iter().any(|c| c.events.contains(&id)) {
            head.push(piece(Ink::Warn, " ⚠"));
        }
        lines.push(head);
        let chain = words::provenance(ds, ev).map_or_else(String::new, |c| format!(", {c}"));
        lines.push(line(
            Ink::Dim,
            format!(
                "  {}{chain} · {} · {} · when: \"{}\"",
                src.id, src.outlet, src.file, ev.when
            ),
        ));
        lines.push(line(Ink::Quote, format!("  “{}”", ev.quote)));
        if !ev.note.is_empty() {
            lines.push(line(Ink::Dim, format!("  note: {}", ev.note)));
        }
    }
    lines
}

/// The history strip, on one line of at most `cells` cells after its heading: one cell per
/// span of days showing the state held longest in it ([`super::history_strip`]) as the
/// holder's glyph in its colour, or the mark of doubt; the span of the shown day marked.
/// Below it, when a cell stands for more than a day, how many.
fn history_lines(loaded: &Loaded, p: PlaceId, date: NaiveDate, cells: usize) -> Vec<PanelLine> {
    const HEADING: &str = "history ";
    let ds = &loaded.dataset;
    let cells = cells.saturating_sub(HEADING.len()).max(1);
    let strip = super::history_strip(&loaded.timeline, p, cells);
    let mut first = vec![piece(Ink::Dim, HEADING)];
    for cell in &strip {
        let (text, color) = match cell.state {
            Some(s) => (
                if s.status == Status::Held && s.unsettled.is_none() {
                    super::glyph(ds, &s)
                } else {
                    super::mark(&s)
                }
                .to_string(),
                s.holder.map(|h| ds.faction(h).color),
            ),
            None => (" ".to_string(), None),
        };
        first.push(piece(
            Ink::Faction {
                color,
                shown: cell.contains(date),
            },
            text,
        ));
    }
    let mut lines = vec![first];
    if let Some(cell) = strip.first()
        && cell.end > cell.start
    {
        let per = (cell.end - cell.start).num_days() + 1;
        lines.push(line(
            Ink::Dim,
            format!("  one cell = {per} days, the state held longest in them"),
        ));
    }
    lines
}

/// The day panel's title: ` Sat 07 Dec · 1 change, 11 dated event(s) · 58 undated in its
/// reports `.
pub(crate) fn day_title(day: &Day) -> String {
    day_title_of(
        day.date,
        day.changed.len(),
        day.dated.len(),
        day.event_count() - day.dated.len(),
    )
}

/// [`day_title`] from its counts.
fn day_title_of(date: NaiveDate, changed: usize, dated: usize, undated: usize) -> String {
    let mut title = format!(
        " {} · {changed} change(s), {dated} dated event(s) ",
        date.format("%a %d %b")
    );
    if undated > 0 {
        title.push_str(&format!("· {undated} undated in its reports "));
    }
    title
}

/// The most columns [`day_title`] takes on any day of the dataset (counting no more changes
/// than dated events): a panel at least this wide (with its border) shows every day's title
/// in full, so the title is long or short by the panel's width alone, the same on every day.
pub(crate) fn day_title_width_max(loaded: &Loaded) -> usize {
    let tl = &loaded.timeline;
    let first = tl.first_date();
    // Every date and every count of one digit takes as many columns as any other: the
    // titles differ only by their counts' digits (counted, not formatted, on every day).
    let plain = day_title_of(first, 0, 0, 0).chars().count();
    let undated_part = day_title_of(first, 0, 0, 1).chars().count() - plain;
    let digits = |n: usize| n.checked_ilog10().map_or(1, |d| d as usize + 1);
    let days = first.iter_days().take_while(|d| *d <= tl.last_date());
    days.map(|d| {
        let (dated, undated) = (tl.events_on(d).len(), tl.reported_on(d).len());
        let extra = 2 * (digits(dated) - 1);
        match undated {
            0 => plain + extra,
            n => plain + extra + undated_part + digits(n) - 1,
        }
    })
    .max()
    .unwrap_or(0)
}

/// The day panel's lines: the changes dated to the day, the day's other dated events, then
/// what that day's reports say without a day of their own, each group under its heading.
pub(crate) fn day_lines(loaded: &Loaded, day: &Day) -> Vec<PanelLine> {
    let ds = &loaded.dataset;
    let mut lines: Vec<PanelLine> = Vec::new();
    if day.dated.is_empty() && day.also.is_empty() && day.settled.is_empty() {
        lines.push(line(Ink::Dim, "No report dates anything to this day."));
        return lines;
    }
    let (changes, others): (Vec<_>, Vec<_>) = day
        .dated
        .iter()
        .partition(|e| day.changed.contains(&ds.event(**e).place));
    for (heading, events, ink) in [
        ("Changes on this day", changes, Ink::Changed),
        ("Also dated to this day", others, Ink::Heading),
    ] {
        if events.is_empty() {
            continue;
        }
        lines.push(line(Ink::Dim, format!("{heading}:")));
        for &id in events {
            let ev = ds.event(id);
            let approx = if ev.dating.is_exact() { "" } else { "~" };
            lines.push(vec![
                piece(ink, ds.place(ev.place).name.clone()),
                piece(Ink::Plain, format!(" {approx}{} ", event_summary(ds, ev))),
                piece(Ink::Dim, format!("({})", ds.source(ev.source).id)),
            ]);
        }
    }
    if !day.settled.is_empty() {
        lines.push(line(
            Ink::Dim,
            "Settled by this day's reports, which give no day for the change:",
        ));
        for &p in &day.settled {
            if let Some(state) = loaded.timeline.state_of(p, day.date) {
                lines.push(vec![
                    piece(Ink::Heading, ds.place(p).name.clone()),
                    piece(Ink::Plain, format!(" {} ", describe(ds, p, &state))),
                    piece(Ink::Warn, words::since(ds, &state)),
                ]);
            }
        }
    }
    if !day.also.is_empty() {
        lines.push(line(
            Ink::Dim,
            "Also in this day's reports, with no day of their own:",
        ));
        for m in &day.also {
            let sources: Vec<&str> = m
                .sources
                .iter()
                .map(|s| ds.source(*s).id.as_str())
                .collect();
            lines.push(vec![
                piece(Ink::Heading, ds.place(m.place).name.clone()),
                piece(Ink::Plain, format!(" {} ", m.summary)),
                piece(Ink::Dim, format!("({})", sources.join(", "))),
            ]);
        }
    }
    lines
}
