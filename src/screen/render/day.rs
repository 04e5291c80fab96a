//! The events of the shown day.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view::words::event_summary;

/// Draw the day panel.
pub fn render_day(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let ds = &app.loaded.dataset;
    let events = app.loaded.timeline.events_on(app.date());
    let changed = app.loaded.timeline.changed_on(app.date());
    let title = format!(
        " {} · {} event(s), {} change(s) ",
        app.date().format("%a %d %b"),
        events.len(),
        changed.len()
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(title);
    let mut lines: Vec<Line> = Vec::new();
    if events.is_empty() {
        lines.push(Line::styled(
            "No report dates anything to this day.",
            theme.dim(),
        ));
    }
    // Changes first: on a busy day the corroborating reports would bury them.
    let mut ordered: Vec<_> = events.to_vec();
    ordered.sort_by_key(|id| !changed.contains(&ds.event(*id).place));
    for &id in &ordered {
        let ev = ds.event(id);
        let place = ds.place(ev.place);
        let name_style = if changed.contains(&ev.place) {
            theme.changed()
        } else {
            theme.heading()
        };
        lines.push(Line::from(vec![
            Span::styled(place.name.clone(), name_style),
            Span::raw(format!(" {} ", event_summary(ds, ev))),
            Span::styled(format!("({})", ds.source(ev.source).id), theme.dim()),
        ]));
    }
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
