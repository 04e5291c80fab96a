//! The shown day: the changes dated to it, its other events, and what that day's reports say
//! without a day of their own; or, with a day marked, what changed between the two. The
//! words are [`crate::view::panel::day_lines`] and [`crate::view::panel::compare_lines`];
//! the panel scrolls ([`super::scroll`]) and says how many lines are left.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::screen::app::App;
use crate::screen::derived::Panels;
use crate::screen::theme::Theme;
use crate::view::compare::Comparison;
use crate::view::day::Day;
use crate::view::panel::{self, PanelLine, compare_lines, compare_title, day_title};

/// The day panel's title, `long` or short (by the panel's width alone, so the same on every
/// day), and its lines: what changed since the `comparison`'s earlier day, or the shown
/// day's news.
pub(crate) fn content(
    app: &App,
    comparison: Option<&Comparison>,
    long: bool,
) -> (String, Vec<PanelLine>) {
    if let Some(c) = comparison {
        return (compare_title(c), compare_lines(&app.loaded, c));
    }
    let day = Day::of(&app.loaded, app.date());
    let title = if long {
        day_title(&day)
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

/// Draw the day panel.
pub(crate) fn render_day(frame: &mut Frame, app: &App, panels: &Panels, area: Rect, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(panels.day_title.clone());
    render_scrolled(frame, area, block, &panels.day, app.day_scroll, "}");
}
