//! The selected place: names, state, a strip of its history, where reports disagree, and its
//! quotes up to the shown day, newest first. The words are [`view::panel::place_lines`].

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

use crate::screen::app::App;
use crate::screen::theme::Theme;
use crate::view;

/// Draw the place panel.
pub fn render_place(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.frame())
        .title(" Place · PgUp/PgDn scroll ");
    let Some(p) = app.selected else {
        frame.render_widget(
            Paragraph::new("No place selected: press ↓ or / to choose one.").block(block),
            area,
        );
        return;
    };
    let lines: Vec<Line> = view::panel::place_lines(&app.loaded, p, app.date())
        .iter()
        .map(|l| theme.line(l))
        .collect();
    let para = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((app.quote_scroll, 0));
    frame.render_widget(para, area);
}
