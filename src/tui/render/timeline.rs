//! The timeline: one slot per day with its event count, the shown day highlighted.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::tui::app::{App, SPEEDS};
use crate::tui::theme::Theme;

/// Draw the timeline.
pub fn render_timeline(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let ds = &app.loaded.dataset;
    let counts = app.loaded.timeline.event_counts();
    let days: Vec<_> = ds.days().collect();
    let slot = usize::from((area.width / days.len().max(1) as u16).max(1));
    let mut dates = Vec::new();
    let mut marks = Vec::new();
    for (i, day) in days.iter().enumerate() {
        let style = if *day == app.date() {
            theme.selected()
        } else if counts[i] > 0 {
            theme.heading()
        } else {
            theme.dim()
        };
        let label = if slot >= 10 {
            day.format("%a %d %b").to_string()
        } else if slot >= 6 {
            day.format("%a %d").to_string()
        } else {
            day.format("%d").to_string()
        };
        dates.push(Span::styled(format!("{:<slot$}", fit(&label, slot)), style));
        let mark = if counts[i] == 0 {
            "·".to_string()
        } else {
            format!("●{}", counts[i])
        };
        marks.push(Span::styled(
            format!("{:<slot$}", fit(&mark, slot)),
            if counts[i] > 0 {
                theme.warn()
            } else {
                theme.dim()
            },
        ));
    }
    let play = if app.playing {
        format!("▶ playing, {} day(s)/s", SPEEDS[app.speed])
    } else {
        format!("❚❚ paused (Space plays, {} day(s)/s)", SPEEDS[app.speed])
    };
    let status = Line::from(vec![
        Span::styled(
            format!("{}  ", app.date().format("%A %d %B %Y")),
            theme.heading(),
        ),
        Span::styled(
            format!(
                "day {} of {} · {play}",
                days.iter()
                    .position(|d| *d == app.date())
                    .map_or(0, |i| i + 1),
                days.len()
            ),
            theme.dim(),
        ),
    ]);
    frame.render_widget(
        Paragraph::new(vec![Line::from(dates), Line::from(marks), status]),
        area,
    );
}

fn fit(s: &str, width: usize) -> String {
    s.chars().take(width.saturating_sub(1).max(1)).collect()
}
