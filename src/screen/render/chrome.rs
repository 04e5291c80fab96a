//! Title, footer, help overlay, search prompt and the "terminal too small" screen.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

use crate::screen::app::{App, Overlay};
use crate::screen::keys;
use crate::screen::layout::MIN_SIZE;
use crate::screen::theme::Theme;
use crate::view::{AREA_NOTE, STATUS_LEGEND};

/// The title line: dataset, day, play state.
pub fn render_title(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let ds = &app.loaded.dataset;
    let play = if app.playing { "  ▶ playing" } else { "" };
    let line = Line::from(vec![
        Span::styled(" frontline ", theme.selected()),
        Span::raw(format!(" {} ", ds.name)),
        Span::styled(
            format!("· {}{play}", app.date().format("%a %Y-%m-%d")),
            theme.heading(),
        ),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// The footer: a message if there is one, else the main key hints.
pub fn render_footer(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let line = if let Some(m) = &app.message {
        Line::styled(format!(" {m}"), theme.warn())
    } else if let Overlay::Search(q) = &app.overlay {
        Line::from(vec![
            Span::styled(" search: ", theme.heading()),
            Span::raw(q.clone()),
            Span::styled("▏ Enter select · Esc cancel", theme.dim()),
        ])
    } else {
        let mut spans = vec![Span::raw(" ")];
        for (k, what) in keys::footer_hints() {
            spans.push(Span::styled(k, theme.heading()));
            spans.push(Span::styled(format!(" {what}  "), theme.dim()));
        }
        Line::from(spans)
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// The help overlay, generated from the key table, with the legend beside it (or below it
/// on narrow screens).
pub fn render_help(frame: &mut Frame, app: &App, area: Rect, theme: Theme) {
    let ds = &app.loaded.dataset;
    let mut keys = vec![Line::styled("Keys", theme.heading())];
    for (k, what) in keys::help_lines() {
        keys.push(Line::from(vec![
            Span::styled(format!("  {k:<16}"), theme.heading()),
            Span::raw(what),
        ]));
    }
    keys.push(Line::raw(
        "  mouse: click a place to select it, click the timeline to jump, wheel to zoom",
    ));
    let mut legend = vec![Line::styled("Legend", theme.heading())];
    for f in &ds.factions {
        legend.push(Line::from(vec![
            Span::styled(format!("  {} ", f.glyph), theme.faction(f.color)),
            Span::raw(format!("{} ({})", f.name, f.label)),
        ]));
    }
    legend.push(Line::from(vec![
        Span::styled("  · ", theme.dim()),
        Span::raw("no holder (outside the conflict)"),
    ]));
    for (mark, what) in STATUS_LEGEND.iter().skip(1) {
        legend.push(Line::raw(format!("  {mark}  after the glyph: {what}")));
    }
    legend.push(Line::from(vec![
        Span::styled("  Name", theme.changed()),
        Span::raw("  underlined: its state changed by a report dated to the shown day (comparing two days: changed between them)"),
    ]));
    legend.push(Line::raw(format!("  {AREA_NOTE}")));
    let two_columns = area.width >= 120;
    let w = area
        .width
        .saturating_sub(4)
        .min(if two_columns { 150 } else { 90 });
    let needed = if two_columns {
        keys.len().max(legend.len() + 2)
    } else {
        keys.len() + legend.len() + 1
    };
    let h = area.height.saturating_sub(2).min(needed as u16 + 2);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    );
    frame.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Help · Esc or ? closes ");
    let inner = block.inner(r);
    frame.render_widget(block, r);
    if two_columns {
        let left = Rect::new(inner.x, inner.y, inner.width / 2, inner.height);
        let right = Rect::new(
            inner.x + inner.width / 2,
            inner.y,
            inner.width - inner.width / 2,
            inner.height,
        );
        frame.render_widget(Paragraph::new(keys).wrap(Wrap { trim: false }), left);
        frame.render_widget(Paragraph::new(legend).wrap(Wrap { trim: false }), right);
    } else {
        keys.push(Line::raw(""));
        keys.extend(legend);
        frame.render_widget(Paragraph::new(keys).wrap(Wrap { trim: false }), inner);
    }
}

/// Shown instead of the map when the terminal is below the minimum size.
pub fn render_too_small(frame: &mut Frame, area: Rect) {
    let text = vec![
        Line::raw("Terminal too small"),
        Line::raw(format!(
            "{}x{}, need {}x{}",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        )),
        Line::raw("Enlarge it, or q to quit"),
    ];
    let h = (text.len() as u16).min(area.height);
    let r = Rect::new(
        area.x,
        area.y + area.height.saturating_sub(h) / 2,
        area.width,
        h,
    );
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        r,
    );
}
