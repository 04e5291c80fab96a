//! The events of the shown day, the ones that changed something first; the panel scrolls
//! ([`super::scroll`]) and says how many lines are left.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view::words::event_summary;

/// The day panel's title, as long as fits `width`.
fn title(app: &App, width: u16) -> String {
    let events = app.loaded.timeline.events_on(app.date()).len();
    let changes = app.loaded.timeline.changed_on(app.date()).len();
    let day = app.date().format("%a %d %b");
    let long = format!(" {day} · {events} event(s), {changes} change(s) ");
    let short = format!(" {day} · {events} ev, {changes} chg ");
    if long.chars().count() + 2 <= usize::from(width) {
        long
    } else {
        short
    }
}

/// The day panel's lines, unwrapped: that day's events, those of places whose state changed
/// first (on a busy day the corroborating reports would bury them).
pub fn day_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    let ds = &app.loaded.dataset;
    let events = app.loaded.timeline.events_on(app.date());
    let changed = app.loaded.timeline.changed_on(app.date());
    let mut lines: Vec<Line> = Vec::new();
    if events.is_empty() {
        lines.push(Line::styled(
            "No report dates anything to this day.",
            theme.dim(),
        ));
    }
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
    lines
}

/// Draw the day panel.
pub fn render_day(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(title(app, area.width));
    let lines = day_lines(app, theme);
    render_scrolled(frame, area, block, &lines, app.day_scroll, "}");
}
