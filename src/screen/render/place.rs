//! The selected place: names, state, a one-line strip of its history, where reports
//! disagree, and its quotes up to the shown day, newest first. The words are
//! [`crate::view::panel::place_lines`]; the panel scrolls ([`super::scroll`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view;

/// The place panel's lines, unwrapped, for an inner width of `width` (the history strip is
/// fitted to it).
pub fn place_lines(app: &App, theme: Theme, width: u16) -> Vec<Line<'static>> {
    let Some(p) = app.selected else {
        return vec![Line::raw("No place selected: press ↓ or / to choose one.")];
    };
    view::panel::place_lines(&app.loaded, p, app.date(), usize::from(width))
        .iter()
        .map(|l| theme.line(l))
        .collect()
}

/// Draw the place panel.
pub fn render_place(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(" Place · PgUp/PgDn ");
    let lines = place_lines(app, theme, area.width.saturating_sub(2));
    render_scrolled(frame, area, block, &lines, app.place_scroll, "PgDn");
}
