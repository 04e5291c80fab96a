//! The shown day: the changes dated to it, its other events, and what that day's reports
//! say without a day of their own; or, with a day marked, what changed between the two. The
//! words are [`view::panel::day_lines`] and [`view::panel::compare_lines`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view::day::Day;
use crate::view::panel::{compare_lines, compare_title, day_lines, day_title};

/// Draw the day panel.
pub fn render_day(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let (title, words) = match app.comparison() {
        Some(c) => (compare_title(&c), compare_lines(&app.loaded, &c)),
        None => {
            let day = Day::of(&app.loaded, app.date());
            (day_title(&day), day_lines(&app.loaded, &day))
        }
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(title);
    // Every line takes at least a row: those past the panel's height cannot show.
    let lines: Vec<Line> = words
        .iter()
        .take(usize::from(area.height))
        .map(|l| theme.line(l))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).block(block).wrap(Wrap { trim: true }),
        area,
    );
}
