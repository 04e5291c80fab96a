//! The problems panel: while the dataset file on disk is invalid, the map keeps showing the
//! last valid version and this panel, over the lower part of the map, lists the problems as
//! `file:line:col` until a valid version is saved.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::scroll::wrap;
use crate::dataset::text::printable;
use crate::screen::app::App;
use crate::screen::theme::Theme;

/// Draw the problems panel over the bottom of `map` (the map panel, border included).
pub(crate) fn render_problems(frame: &mut Frame, app: &App, map: Rect, theme: Theme) {
    let Some(problems) = &app.problems else {
        return;
    };
    let file = printable(&problems.file);
    let mut lines: Vec<Line> = Vec::new();
    for p in &problems.lines {
        for (i, part) in p.lines().enumerate() {
            lines.push(if i == 0 {
                Line::raw(part.to_string())
            } else {
                Line::styled(part.to_string(), theme.dim())
            });
        }
    }
    if problems.total > problems.lines.len() {
        lines.push(Line::styled(
            format!(
                "… and {} more: `frontline validate {file}` lists them all",
                problems.total - problems.lines.len()
            ),
            theme.dim(),
        ));
    }
    let width = map.width;
    let wrapped = wrap(&lines, width.saturating_sub(2));
    let most = (map.height * 2 / 3).max(3);
    let height = (wrapped.len() as u16).saturating_add(2).clamp(3, most);
    let r = Rect::new(map.x, map.bottom().saturating_sub(height), width, height);
    let name = std::path::Path::new(&problems.file)
        .file_name()
        .map_or(file.clone(), |n| printable(&n.to_string_lossy()));
    let n = problems.total;
    let long = format!(" ⚠ {name}: {n} problem(s) · showing the last valid version ");
    let title = if long.chars().count() + 2 <= usize::from(width) {
        long
    } else {
        format!(" ⚠ {n} problem(s) · last valid version shown ")
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.warn())
        .title(Line::styled(title, theme.warn()));
    let inner = block.inner(r);
    frame.render_widget(Clear, r);
    frame.render_widget(block, r);
    let shown: Vec<Line> = wrapped
        .into_iter()
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
