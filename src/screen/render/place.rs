//! The selected place: names, state, a one-line strip of its history, where reports disagree,
//! and its quotes up to the shown day, newest first. The panel scrolls
//! ([`super::scroll`]); each part of it is a function returning lines, so parts can grow
//! without touching the scrolling.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::dataset::{PlaceId, Precision};
use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::timeline::Status;
use crate::view;
use crate::view::words::describe;
use crate::view::words::{event_status, event_summary};

/// The place panel's lines, unwrapped, for an inner width of `width` (the history strip is
/// fitted to it).
pub fn place_lines(app: &App, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let Some(p) = app.selected else {
        return vec![Line::raw("No place selected: press ↓ or / to choose one.")];
    };
    let mut lines = header_lines(app, p, theme);
    lines.extend(state_lines(app, p, theme));
    lines.extend(history_lines(app, p, theme, width));
    lines.extend(contradiction_lines(app, p, theme));
    lines.push(Line::raw(""));
    lines.extend(quote_lines(app, p, theme));
    lines
}

fn header_lines(app: &App, p: PlaceId, theme: Theme) -> Vec<Line<'static>> {
    let place = app.loaded.dataset.place(p);
    let mut lines = vec![Line::from(vec![
        Span::styled(place.name.clone(), theme.heading()),
        Span::styled(
            format!(
                "  {} · {:.3}N {:.3}E",
                place.kind.as_str(),
                place.lat,
                place.lon
            ),
            theme.dim(),
        ),
    ])];
    if !place.aliases.is_empty() {
        lines.push(Line::styled(
            format!("also: {}", place.aliases.join(", ")),
            theme.dim(),
        ));
    }
    lines
}

fn state_lines(app: &App, p: PlaceId, theme: Theme) -> Vec<Line<'static>> {
    let (ds, tl) = (&app.loaded.dataset, &app.loaded.timeline);
    let Some(state) = app.cursor.state(p) else {
        return vec![Line::raw("Not on the map yet on this day.")];
    };
    let style = state
        .holder
        .map_or(theme.dim(), |h| theme.faction(ds.faction(h).color));
    let glyph = format!(
        "{}{} ",
        view::glyph(ds, state),
        view::status_mark(state.status)
    );
    let since = state.since.map_or_else(
        || "since before the dataset".to_string(),
        |d| format!("since {d}"),
    );
    vec![
        Line::from(vec![
            Span::styled(glyph, style),
            Span::raw(describe(ds, state)),
        ]),
        Line::styled(
            format!(
                "{since} · {} independent report(s)",
                tl.independent_reports(ds, p, state)
            ),
            theme.dim(),
        ),
    ]
}

/// The history strip, on one line: one cell per span of days (the state held longest in
/// it), the span of the shown day marked; below it, how many days a cell stands for.
fn history_lines(app: &App, p: PlaceId, theme: Theme, width: u16) -> Vec<Line<'static>> {
    const PREFIX: &str = "history ";
    let ds = &app.loaded.dataset;
    let cells = usize::from(width).saturating_sub(PREFIX.len()).max(1);
    let strip = view::history_strip(&app.loaded.timeline, p, cells);
    let mut spans = vec![Span::styled(PREFIX, theme.dim())];
    for cell in &strip {
        let (text, mut style) = match cell.state {
            Some(s) => (
                if s.status == Status::Held {
                    view::glyph(ds, &s)
                } else {
                    view::status_mark(s.status)
                },
                s.holder
                    .map_or(theme.dim(), |h| theme.faction(ds.faction(h).color)),
            ),
            None => (' ', theme.dim()),
        };
        if cell.contains(app.date()) {
            style = style.patch(theme.selected());
        }
        spans.push(Span::styled(text.to_string(), style));
    }
    let mut lines = vec![Line::from(spans)];
    if let Some(first) = strip.first()
        && first.end > first.start
    {
        let per = (first.end - first.start).num_days() + 1;
        lines.push(Line::styled(
            format!("  one cell = {per} days, the state held longest in them"),
            theme.dim(),
        ));
    }
    lines
}

fn contradiction_lines(app: &App, p: PlaceId, theme: Theme) -> Vec<Line<'static>> {
    let ds = &app.loaded.dataset;
    let mut lines = Vec::new();
    for c in ds.contradictions.iter().filter(|c| c.place == p) {
        lines.push(Line::styled(
            format!("⚠ Reports disagree: {}", c.topic),
            theme.warn(),
        ));
        lines.push(Line::raw(c.summary.clone()));
    }
    lines
}

fn quote_lines(app: &App, p: PlaceId, theme: Theme) -> Vec<Line<'static>> {
    let (ds, tl) = (&app.loaded.dataset, &app.loaded.timeline);
    let mut lines = vec![Line::styled(
        format!("What the reports say, up to {} (newest first):", app.date()),
        theme.heading(),
    )];
    let events: Vec<_> = tl
        .place_events(p)
        .iter()
        .rev()
        .filter(|e| ds.event(**e).date <= app.date())
        .collect();
    if events.is_empty() {
        lines.push(Line::styled("nothing yet", theme.dim()));
    }
    for &&id in &events {
        let ev = ds.event(id);
        let approx = if matches!(ev.precision, Precision::Approximate { .. }) {
            "~"
        } else {
            ""
        };
        let src = ds.source(ev.source);
        let disputed = ds.contradictions.iter().any(|c| c.events.contains(&id));
        let mut head = vec![
            Span::styled(
                format!("{approx}{} ", ev.date.format("%a %d %b")),
                theme.heading(),
            ),
            Span::raw(format!("{} ", event_summary(ds, ev))),
            Span::styled(
                format!("[{}]", event_status(ev)),
                if ev.kind == crate::dataset::EventKind::Denied {
                    theme.warn()
                } else {
                    theme.dim()
                },
            ),
        ];
        if disputed {
            head.push(Span::styled(" ⚠", theme.warn()));
        }
        lines.push(Line::from(head));
        lines.push(Line::styled(
            format!(
                "  {} · {} · {} · when: \"{}\"",
                src.id, src.outlet, src.file, ev.when
            ),
            theme.dim(),
        ));
        lines.push(Line::styled(format!("  “{}”", ev.quote), theme.quote()));
        if !ev.note.is_empty() {
            lines.push(Line::styled(format!("  note: {}", ev.note), theme.dim()));
        }
    }
    lines
}

/// Draw the place panel.
pub fn render_place(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(" Place · PgUp/PgDn ");
    let lines = place_lines(app, theme, area.width.saturating_sub(2));
    render_scrolled(frame, area, block, &lines, app.place_scroll, "PgDn");
}
