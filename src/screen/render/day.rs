//! The shown day: the changes dated to it, its other events, and what that day's reports say
//! without a day of their own. The words are [`crate::view::panel::day_lines`]; the panel
//! scrolls ([`super::scroll`]) and says how many lines are left.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view::day::Day;
use crate::view::panel::{self, day_title};

/// The day panel's title, as long as fits `width`: the counts in full, or only the day.
fn title(day: &Day, width: u16) -> String {
    let long = day_title(day);
    if long.chars().count() + 2 <= usize::from(width) {
        long
    } else {
        format!(
            " {} · {} chg, {} ev ",
            day.date.format("%a %d %b"),
            day.changed.len(),
            day.dated.len()
        )
    }
}

/// The day panel's lines, unwrapped, as the theme draws them.
pub fn day_lines(app: &App, day: &Day, theme: Theme) -> Vec<Line<'static>> {
    panel::day_lines(&app.loaded, day)
        .iter()
        .map(|l| theme.line(l))
        .collect()
}

/// Draw the day panel.
pub fn render_day(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let day = Day::of(&app.loaded, app.date());
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(title(&day, area.width));
    let lines = day_lines(app, &day, theme);
    render_scrolled(frame, area, block, &lines, app.day_scroll, "}");
}
