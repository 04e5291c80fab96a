//! The timeline: one slot per day with its event count, the shown day highlighted and the
//! day marked for a comparison underlined. When the days do not all fit, it shows a window of
//! them around the shown day.

use chrono::Days;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::screen::app::{App, SPEEDS};
use crate::screen::layout::TimelineWindow;
use crate::screen::theme::Theme;

/// Draw the timeline.
pub fn render_timeline(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let timeline = &app.loaded.timeline;
    let first_day = timeline.first_date();
    let (days, current) = (app.day_count(), app.day_index());
    let window = TimelineWindow::new(area.width, days, current);
    let slot = usize::from(window.slot);
    let shown = |i: usize| first_day + Days::new(i as u64);
    let mut dates = Vec::new();
    let mut marks = Vec::new();
    for i in window.first..window.first + window.len {
        let day = shown(i);
        let count = timeline.events_on(day).len();
        let style = if i == current {
            theme.selected()
        } else if app.marked == Some(day) {
            theme.changed().patch(theme.heading())
        } else if count > 0 {
            theme.heading()
        } else {
            theme.dim()
        };
        // A label needs its characters and a space before the next slot.
        let label = if slot >= 11 {
            day.format("%a %d %b").to_string()
        } else if slot >= 7 {
            day.format("%a %d").to_string()
        } else {
            day.format("%d").to_string()
        };
        dates.push(Span::styled(format!("{:<slot$}", fit(&label, slot)), style));
        // A count that does not fit is left out rather than cut to a wrong number.
        let mark = match format!("●{count}") {
            _ if count == 0 => "·".to_string(),
            m if m.chars().count() < slot => m,
            _ => "●".to_string(),
        };
        marks.push(Span::styled(
            format!("{:<slot$}", fit(&mark, slot)),
            if count > 0 { theme.warn() } else { theme.dim() },
        ));
    }
    let play = if app.playing {
        format!("▶ playing, {} day(s)/s", SPEEDS[app.speed])
    } else {
        format!("❚❚ paused (Space plays, {} day(s)/s)", SPEEDS[app.speed])
    };
    let mut status = vec![
        Span::styled(
            format!("{}  ", app.date().format("%A %d %B %Y")),
            theme.heading(),
        ),
        Span::styled(
            format!("day {} of {days} · {play}", current + 1),
            theme.dim(),
        ),
    ];
    if let Some(m) = app.marked {
        status.push(Span::styled(
            format!(" · compared with {} (underlined)", m.format("%a %d %b")),
            theme.dim(),
        ));
    }
    if window.is_partial(days) {
        status.push(Span::styled(
            format!(
                " · timeline shows {} – {}",
                shown(window.first).format("%d %b %Y"),
                shown(window.first + window.len - 1).format("%d %b %Y")
            ),
            theme.dim(),
        ));
    }
    frame.render_widget(
        Paragraph::new(vec![
            Line::from(dates),
            Line::from(marks),
            Line::from(status),
        ]),
        area,
    );
}

fn fit(s: &str, width: usize) -> String {
    s.chars().take(width.saturating_sub(1).max(1)).collect()
}
