//! The selected place: names, state, a one-line strip of its history, where reports
//! disagree, and its quotes up to the shown day, newest first. The words are
//! [`crate::view::panel::place_lines`]; the panel scrolls ([`super::scroll`]).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders};

use super::scroll::render_scrolled;
use crate::screen::app::App;
use crate::screen::derived::Panels;
use crate::screen::theme::Theme;
use crate::view;
use crate::view::territory::Territory;

/// The place panel's lines, unwrapped, for an inner width of `width` (the history strip is
/// fitted to it); `territory` is the shown day's, if kept (it says which places are
/// isolated reports).
pub(crate) fn place_lines(
    app: &App,
    territory: Option<&Territory>,
    theme: Theme,
    width: u16,
) -> Vec<Line<'static>> {
    let Some(p) = app.selected else {
        return vec![Line::raw("No place selected: press ↓ or / to choose one.")];
    };
    let isolated = territory.is_some_and(|t| t.isolated.binary_search(&p).is_ok());
    view::panel::place_lines_with(&app.loaded, p, app.date(), usize::from(width), isolated)
        .iter()
        .map(|l| theme.line(l))
        .collect()
}

/// Draw the place panel.
pub(crate) fn render_place(
    frame: &mut Frame,
    app: &App,
    panels: &Panels,
    area: Rect,
    theme: Theme,
) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(" Place · PgUp/PgDn ");
    render_scrolled(frame, area, block, &panels.place, app.place_scroll, "PgDn");
}
