//! The shown day: the changes dated to it, its other events, and what that day's reports say
//! without a day of their own; or, with a day marked, what changed between the two. The
//! words are [`crate::view::panel::day_lines`] and [`crate::view::panel::compare_lines`];
//! the panel scrolls ([`super::scroll`]) and says how many lines are left.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view::day::Day;
use crate::view::panel::{self, PanelLine, compare_lines, compare_title, day_title};

/// The day panel's title, as long as fits `width`, and its lines: what changed since the
/// marked day, or the shown day's news.
fn content(app: &App, width: u16) -> (String, Vec<PanelLine>) {
    if let Some(c) = app.comparison() {
        return (compare_title(&c), compare_lines(&app.loaded, &c));
    }
    let day = Day::of(&app.loaded, app.date());
    let long = day_title(&day);
    let title = if long.chars().count() + 2 <= usize::from(width) {
        long
    } else {
        format!(
            " {} · {} chg, {} ev ",
            day.date.format("%a %d %b"),
            day.changed.len(),
            day.dated.len()
        )
    };
    (title, panel::day_lines(&app.loaded, &day))
}

/// The day panel's lines, unwrapped, as the theme draws them.
pub fn day_lines(app: &App, theme: Theme) -> Vec<Line<'static>> {
    content(app, u16::MAX)
        .1
        .iter()
        .map(|l| theme.line(l))
        .collect()
}

/// Draw the day panel.
pub fn render_day(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let (title, words) = content(app, area.width);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(title);
    let lines: Vec<Line> = words.iter().map(|l| theme.line(l)).collect();
    render_scrolled(frame, area, block, &lines, app.day_scroll, "}");
}
