//! The selected place: names, state, a strip of its history, where reports disagree, and its
//! quotes up to the shown day, newest first.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::dataset::Precision;
use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view;
use crate::view::words::describe;
use crate::view::words::{event_status, event_summary};

/// Draw the place panel.
pub fn render_place(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(" Place · PgUp/PgDn scroll ");
    let Some(p) = app.selected else {
        frame.render_widget(
            Paragraph::new("No place selected: press ↓ or / to choose one.").block(block),
            area,
        );
        return;
    };
    let ds = &app.loaded.dataset;
    let tl = &app.loaded.timeline;
    let place = ds.place(p);
    let mut lines: Vec<Line> = vec![Line::from(vec![
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
    match app.cursor.state(p) {
        None => lines.push(Line::raw("Not on the map yet on this day.")),
        Some(state) => {
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
            lines.push(Line::from(vec![
                Span::styled(glyph, style),
                Span::raw(describe(ds, state)),
            ]));
            lines.push(Line::styled(
                format!(
                    "{since} · {} independent report(s)",
                    tl.independent_reports(ds, p, state)
                ),
                theme.dim(),
            ));
        }
    }
    // History strip: one cell per day, the holder's glyph in its colour, the shown day marked.
    let mut strip = vec![Span::styled("history ", theme.dim())];
    for day in ds.days() {
        let s = tl.state_of(p, day);
        let (text, mut style) = match s {
            Some(s) => (
                if s.status == crate::timeline::Status::Held {
                    view::glyph(ds, &s)
                } else {
                    view::status_mark(s.status)
                }
                .to_string(),
                s.holder
                    .map_or(theme.dim(), |h| theme.faction(ds.faction(h).color)),
            ),
            None => (" ".to_string(), theme.dim()),
        };
        if day == app.date() {
            style = style.patch(theme.selected());
        }
        strip.push(Span::styled(text, style));
    }
    lines.push(Line::from(strip));
    for c in ds.contradictions.iter().filter(|c| c.place == p) {
        lines.push(Line::styled(
            format!("⚠ Reports disagree: {}", c.topic),
            theme.warn(),
        ));
        lines.push(Line::raw(c.summary.clone()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        format!("What the reports say, up to {} (newest first):", app.date()),
        theme.heading(),
    ));
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
    let para = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.quote_scroll, 0));
    frame.render_widget(para, area);
}
