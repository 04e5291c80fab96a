//! The timeline: one slot per day, week, month or year ([`crate::screen::timescale`]) with
//! its event count, the shown one highlighted. When the slots do not all fit, it shows a
//! window of them around the shown day and says which.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::screen::app::{App, SPEEDS};
use crate::screen::layout::TimelineWindow;
use crate::screen::theme::Theme;
use crate::screen::timescale::Unit;

/// Draw the timeline.
pub fn render_timeline(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let timeline = &app.loaded.timeline;
    let periods = app.periods();
    let current = periods.index_of(app.date());
    let window = TimelineWindow::new(area.width, periods.count(), current);
    let slot = usize::from(window.slot);
    let mut dates = Vec::new();
    let mut marks = Vec::new();
    for i in window.first..window.first + window.len {
        let count: usize = periods.days(i).map(|d| timeline.events_on(d).len()).sum();
        let style = if i == current {
            theme.selected()
        } else if count > 0 {
            theme.heading()
        } else {
            theme.dim()
        };
        let label = periods.label(i, slot);
        dates.push(Span::styled(format!("{label:<slot$}"), style));
        // A count that does not fit is left out rather than cut to a wrong number.
        let mark = match format!("●{count}") {
            _ if count == 0 => "·".to_string(),
            m if m.chars().count() < slot => m,
            _ => "●".to_string(),
        };
        marks.push(Span::styled(
            format!("{mark:<slot$}"),
            if count > 0 { theme.warn() } else { theme.dim() },
        ));
    }
    let play = if app.playing {
        format!("▶ playing, {} day(s)/s", SPEEDS[app.speed])
    } else {
        format!("❚❚ paused (Space plays, {} day(s)/s)", SPEEDS[app.speed])
    };
    let days = app.day_count();
    let mut status = vec![
        Span::styled(
            format!("{}  ", app.date().format("%A %d %B %Y")),
            theme.heading(),
        ),
        Span::styled(
            format!("day {} of {days} · {play}", app.day_index() + 1),
            theme.dim(),
        ),
    ];
    if periods.unit != Unit::Day || app.timeline_unit != Unit::Auto {
        status.push(Span::styled(
            format!(" · one slot a {} (u)", singular(periods.unit)),
            theme.dim(),
        ));
    }
    if window.is_partial(periods.count()) {
        status.push(Span::styled(
            format!(
                " · timeline shows {} – {}",
                periods.start_of(window.first).format("%d %b %Y"),
                periods
                    .end_of(window.first + window.len - 1)
                    .format("%d %b %Y")
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

fn singular(unit: Unit) -> &'static str {
    match unit {
        Unit::Auto | Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
        Unit::Year => "year",
    }
}
