//! The timeline: one slot per day, week, month or year ([`crate::screen::timescale`]) with
//! its event count, the shown one highlighted and the one holding the day marked for a
//! comparison underlined. When the slots do not all fit, it shows a window of them around the
//! shown day and says which.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::screen::app::{App, SPEEDS};
use crate::screen::layout::TimelineWindow;
use crate::screen::theme::Theme;
use crate::screen::timescale::Unit;

/// Draw the timeline.
pub(crate) fn render_timeline(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
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
        } else if app
            .marked
            .is_some_and(|m| periods.start_of(i) <= m && m <= periods.end_of(i))
        {
            theme.changed().patch(theme.heading())
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
    let status = status_line(app, &periods, window, area.width, theme);
    frame.render_widget(
        Paragraph::new(vec![Line::from(dates), Line::from(marks), status]),
        area,
    );
}

/// The status line under the slots: the shown day, which day of how many, playing or
/// paused, the unit and the window of slots shown; the least needed pieces are dropped, whole,
/// when the line is narrow.
fn status_line(
    app: &App,
    periods: &crate::screen::timescale::Periods,
    window: TimelineWindow,
    width: u16,
    theme: Theme,
) -> Line<'static> {
    let days = app.day_count();
    let speed = SPEEDS[app.speed];
    // (text, bold, priority: lower stays longer)
    let mut pieces: Vec<(String, bool, u8)> = vec![
        (format!("{}  ", app.date().format("%A %d %B %Y")), true, 0),
        (format!("day {} of {days}", app.day_index() + 1), false, 1),
    ];
    if app.playing {
        pieces.push((format!(" · ▶ playing, {speed} day(s)/s"), false, 2));
    } else {
        pieces.push((" · ❚❚ paused".to_string(), false, 2));
        pieces.push((format!(" (Space plays, {speed} day(s)/s)"), false, 5));
    }
    if let Some(m) = app.marked {
        pieces.push((
            format!(" · compared with {} (underlined)", m.format("%a %d %b")),
            false,
            2,
        ));
    }
    if periods.unit != Unit::Day || app.timeline_unit != Unit::Auto {
        pieces.push((
            format!(" · one slot a {} (u)", singular(periods.unit)),
            false,
            3,
        ));
    }
    if window.is_partial(periods.count()) {
        pieces.push((
            format!(
                " · timeline shows {} – {}",
                periods.start_of(window.first).format("%d %b %Y"),
                periods
                    .end_of(window.first + window.len - 1)
                    .format("%d %b %Y")
            ),
            false,
            4,
        ));
    }
    let fits = |p: &[(String, bool, u8)]| {
        p.iter().map(|(t, ..)| t.chars().count()).sum::<usize>() <= usize::from(width)
    };
    while !fits(&pieces) && pieces.len() > 1 {
        let worst = pieces
            .iter()
            .enumerate()
            .max_by_key(|(_, p)| p.2)
            .map_or(0, |(i, _)| i);
        pieces.remove(worst);
    }
    let spans: Vec<Span> = pieces
        .into_iter()
        .map(|(text, bold, _)| Span::styled(text, if bold { theme.heading() } else { theme.dim() }))
        .collect();
    Line::from(spans)
}

fn singular(unit: Unit) -> &'static str {
    match unit {
        Unit::Auto | Unit::Day => "day",
        Unit::Week => "week",
        Unit::Month => "month",
        Unit::Year => "year",
    }
}
